/* cli/key.c: where passphrases come from, and opening the database.
 *
 * Order: --key-fd N, else --key-file FILE (its first line), else
 * $CASEWATCH_KEY (visible to other processes of the same user: for
 * automation only), else a prompt on the terminal. Passphrases go
 * straight into locked memory (cw_secret) and are wiped after use. */
#include "cli/key.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PASS_MAX 1024

/* Read one line (without its end) from fd into locked memory. */
static int read_line_fd(int fd, const char *what, cw_secret **out, cw_err *e)
{
	cw_secret *s = cw_secret_new(PASS_MAX, e);
	size_t n = 0;

	if (!s)
		return -1;
	for (;;) {
		unsigned char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			cw_secret_free(s);
			return cw_err_set(e, CW_EIO, "%s: %s", what, strerror(errno));
		}
		if (r == 0 || c == '\n')
			break;
		if (n == PASS_MAX) {
			cw_secret_free(s);
			return cw_err_set(e, CW_ELIMIT, "%s: passphrase longer than %d bytes", what,
			                  PASS_MAX);
		}
		s->data[n++] = c;
	}
	if (n && s->data[n - 1] == '\r')
		n--;
	s->data[n] = 0;
	s->len = n;
	if (!n) {
		cw_secret_free(s);
		return cw_err_set(e, CW_EKEY, "%s: empty passphrase", what);
	}
	*out = s;
	return 0;
}

static int prompt_tty(const char *prompt, cw_secret **out, cw_err *e)
{
	int fd;
	struct termios old, quiet;
	int rc;

	/* shell completion asks the database and must never stop to prompt */
	if (getenv("CASEWATCH_NO_PROMPT") && *getenv("CASEWATCH_NO_PROMPT"))
		return cw_err_set(e, CW_EKEY, "no passphrase given (CASEWATCH_NO_PROMPT)");
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return cw_err_set(e, CW_EKEY, "no passphrase given and no terminal to ask on");
	if (write(fd, prompt, strlen(prompt)) < 0) {
		close(fd);
		return cw_err_set(e, CW_EIO, "/dev/tty: %s", strerror(errno));
	}
	/* never read a passphrase the terminal would show */
	if (tcgetattr(fd, &old)) {
		close(fd);
		return cw_err_set(e, CW_EIO, "/dev/tty: %s", strerror(errno));
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	if (tcsetattr(fd, TCSAFLUSH, &quiet)) {
		close(fd);
		return cw_err_set(e, CW_EIO, "/dev/tty: cannot turn off echo: %s",
		                  strerror(errno));
	}
	rc = read_line_fd(fd, "/dev/tty", out, e);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* the newline is cosmetic */
	}
	close(fd);
	return rc;
}

int cli_key_given(const struct cli_ctx *ctx)
{
	const char *env = getenv("CASEWATCH_KEY");
	return ctx->key_fd >= 0 || ctx->key_file || (env && *env);
}

int cli_passphrase(struct cli_ctx *ctx, bool may_prompt, const char *prompt, bool confirm,
                   cw_secret **out, cw_err *e)
{
	const char *env = getenv("CASEWATCH_KEY");

	*out = NULL;
	if (ctx->key_fd >= 0)
		return read_line_fd(ctx->key_fd, "--key-fd", out, e);
	if (ctx->key_file) {
		int fd = open(ctx->key_file, O_RDONLY | O_CLOEXEC);
		int rc;
		if (fd < 0)
			return cw_err_set(e, CW_EIO, "%s: %s", ctx->key_file, strerror(errno));
		rc = read_line_fd(fd, ctx->key_file, out, e);
		close(fd);
		return rc;
	}
	if (env && *env) {
		cw_secret *s = cw_secret_new(PASS_MAX, e);
		if (!s || cw_secret_set(s, env, strlen(env), e)) {
			cw_secret_free(s);
			return -1;
		}
		*out = s;
		return 0;
	}
	if (!may_prompt)
		return 0;
	if (prompt_tty(prompt, out, e))
		return -1;
	if (confirm) {
		cw_secret *again = NULL;
		if (prompt_tty("Repeat the passphrase: ", &again, e)) {
			cw_secret_free(*out);
			*out = NULL;
			return -1;
		}
		if (again->len != (*out)->len || memcmp(again->data, (*out)->data, again->len)) {
			cw_secret_free(again);
			cw_secret_free(*out);
			*out = NULL;
			return cw_err_set(e, CW_EKEY, "the passphrases do not match");
		}
		cw_secret_free(again);
	}
	return 0;
}

int cli_open_db(struct cli_ctx *ctx, unsigned flags, cw_db **db, cw_err *e)
{
	enum store_file_kind kind;
	cw_secret *pass = NULL;
	int rc;

	if (store_file_kind(ctx->db_path, &kind, e))
		return -1;
	if (kind == STORE_FILE_ENCRYPTED) {
		char prompt[512];
		snprintf(prompt, sizeof(prompt), "Passphrase for %s: ", ctx->db_path);
		if (cli_passphrase(ctx, isatty(0), prompt, false, &pass, e))
			return -1;
	} else if (kind == STORE_FILE_PLAIN && cli_key_given(ctx)) {
		cli_warn("%s is not encrypted: the passphrase was not used", ctx->db_path);
	}
	rc = store_open(ctx->db_path, pass, flags, db, e);
	cw_secret_free(pass);
	return rc;
}

int cli_create_db(struct cli_ctx *ctx, bool encrypt, cw_db **db, cw_err *e)
{
	cw_secret *pass = NULL;
	int rc;

	if ((encrypt || cli_key_given(ctx)) &&
	    cli_passphrase(ctx, true, "New passphrase: ", true, &pass, e))
		return -1;
	rc = store_open(ctx->db_path, pass, STORE_CREATE, db, e);
	cw_secret_free(pass);
	return rc;
}
