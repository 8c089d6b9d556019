/* cli/cmd_edit.c: casewatch edit — a record in $VISUAL/$EDITOR, validated on
 * save and reopened with the error on top until it is valid or emptied
 * (like `kubectl edit`). Writes go through io/edit.h like set's.
 *
 * The record's text has to be in a file for the editor: the file lives in
 * a private folder (mode 0700, the file 0600) in memory when the system
 * has one ($XDG_RUNTIME_DIR, else /dev/shm), and is overwritten with zeros
 * and removed afterwards. Only when neither exists does it go to $TMPDIR
 * (or /tmp), and edit says so. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/limits.h"
#include "cli/cli.h"
#include "io/edit.h"

static const char usage[] =
    "usage: casewatch edit ID\n"
    "\n"
    "Open record ID as JSON in $VISUAL (else $EDITOR, else vi). On save it is\n"
    "checked as an import checks it; a mistake reopens the file with the\n"
    "error on top, until the record is valid or the file is emptied (which\n"
    "cancels). The earlier version is kept (history, revert). Needs a\n"
    "terminal: in scripts use set, unset or import --merge.\n"
    "\n"
    "  -h, --help            show this help\n";

struct edit_args {
	const char *id;
};

static const char *mem_dir(bool *in_memory)
{
	const char *d = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	*in_memory = true;
	if (d && *d && stat(d, &st) == 0 && S_ISDIR(st.st_mode))
		return d;
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode))
		return "/dev/shm";
	*in_memory = false;
	d = getenv("TMPDIR");
	return d && *d ? d : "/tmp";
}

static int write_file(const char *path, const char *head, const char *text, cw_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	}
	fputs(head, f);
	fputs(text, f);
	if (fclose(f))
		return cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
	return 0;
}

/* Overwrite with zeros and remove. */
static void wipe(const char *path)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (fstat(fd, &st) == 0) {
			char z[4096] = {0};
			for (off_t left = st.st_size; left > 0; left -= (off_t)sizeof(z))
				if (write(fd, z,
				          left < (off_t)sizeof(z) ? (size_t)left
				                                  : sizeof(z)) < 0)
					break;
			fsync(fd);
		}
		close(fd);
	}
	unlink(path);
}

static int run_editor(const char *path, cw_err *e)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int status;

	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return cw_err_set(e, CW_EIO, "fork: %s", strerror(errno));
	if (pid == 0) {
		/* the editor may carry arguments ("emacs -nw"): let the shell split it */
		execl("/bin/sh", "sh", "-c", "exec $CW_EDITOR \"$1\"", "sh", path,
		      (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return cw_err_set(e, CW_EIO, "waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return cw_err_set(e, CW_EIO, "the editor (%s) failed; nothing changed",
		                  ed);
	return 0;
}

/* The file without its leading '#' lines; NULL when it is empty. */
static char *read_back(const char *path, cw_err *e)
{
	FILE *f = fopen(path, "rb");
	cw_buf b = CW_BUF_INIT;
	char *s, *p;

	if (!f) {
		cw_err_set(e, CW_EIO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (cli_read_document(f, &b, e)) {
		fclose(f);
		cw_buf_release(&b);
		return NULL;
	}
	fclose(f);
	s = cw_buf_detach(&b, NULL);
	cw_buf_release(&b);
	if (!s) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		return NULL;
	}
	p = s;
	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p != '#')
			break;
		p += strcspn(p, "\n");
	}
	if (!*p) {
		free(s);
		return NULL;
	}
	memmove(s, p, strlen(p) + 1);
	return s;
}

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct edit_args *a = arg;
	struct store_rec cur;
	struct io_edit_opts o = {ctx->user, "edit", CW_CONFIDENTIAL, 0, 0};
	struct io_edit_result r;
	cw_err e = CW_ERR_INIT;
	char dir[512], path[600], head[CW_ERR_MSG_MAX + 512];
	char *text = NULL, *orig = NULL;
	bool in_memory;
	const char *base = mem_dir(&in_memory);
	int rc = CLI_FAIL;

	if (store_record_get(db, a->id, CW_CONFIDENTIAL, &cur, &e))
		return cli_fail(&e);
	{
		json_t *j = json_loads(cur.body, 0, NULL);
		cw_buf b = CW_BUF_INIT;
		cw_jsonw w;
		cw_jsonw_init(&w, &b, CW_JSON_INDENT);
		orig = j && !cw_jsonw_value(&w, j) ? cw_buf_detach(&b, NULL) : NULL;
		cw_buf_release(&b);
		json_decref(j);
	}
	if (!orig) {
		cw_err_set(&e, CW_ECORRUPT, "record '%s': stored JSON unreadable", a->id);
		store_rec_release(&cur);
		return cli_fail(&e);
	}
	o.expected = cur.revision;
	snprintf(dir, sizeof(dir), "%s/casewatch-edit-XXXXXX", base);
	if (!mkdtemp(dir)) {
		cw_err_set(&e, CW_EIO, "%s: %s", base, strerror(errno));
		goto fail;
	}
	if (!in_memory)
		cli_warn("no folder in memory ($XDG_RUNTIME_DIR, /dev/shm): the record "
		         "is written "
		         "to %s while you edit it",
		         dir);
	snprintf(path, sizeof(path), "%s/%s.json", dir, cur.type);
	setenv("CW_EDITOR",
	       getenv("VISUAL") && *getenv("VISUAL")   ? getenv("VISUAL")
	       : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR")
	                                               : "vi",
	       1);
	snprintf(head, sizeof(head),
	         "# Editing %s %s (revision %lld). Save and quit to write it; empty the\n"
	         "# file to cancel. Lines starting with '#' at the top are ignored.\n",
	         cur.type, a->id, cur.revision);
	text = strdup(orig);
	for (;;) {
		json_error_t je;
		json_t *j;
		char *saved;
		if (!text || write_file(path, head, text, &e) || run_editor(path, &e))
			goto fail_dir;
		saved = read_back(path, &e);
		if (!saved) {
			if (e.code != CW_OK)
				goto fail_dir;
			printf("edit cancelled: %s unchanged\n", a->id);
			rc = CLI_OK;
			goto done;
		}
		free(text);
		text = saved;
		j = json_loads(text, 0, &je);
		if (!j) {
			snprintf(
			    head, sizeof(head),
			    "# error: line %d, column %d: %s\n"
			    "# Fix it and save again, or empty the file to cancel.\n",
			    je.line, je.column, je.text);
			continue;
		}
		cw_err_clear(&e);
		if (io_record_put(db, j, &o, &r, &e) == 0) {
			json_decref(j);
			cli_print_write("edited", &r, false);
			rc = CLI_OK;
			goto done;
		}
		json_decref(j);
		if (e.code == CW_ECONFLICT) {
			struct store_rec now;
			cw_err e2 = CW_ERR_INIT;
			if (store_record_get(db, a->id, CW_CONFIDENTIAL, &now, &e2) ==
			    0) {
				o.expected = now.revision;
				store_rec_release(&now);
			}
		} else if (e.code != CW_EINVAL && e.code != CW_EPERM &&
		           e.code != CW_ELIMIT && e.code != CW_ENOTFOUND) {
			goto fail_dir;
		}
		snprintf(head, sizeof(head), "# error: %s\n%s", e.msg,
		         e.code == CW_ECONFLICT
		             ? "# Someone changed it meanwhile (see 'casewatch diff'). "
		               "Save again\n"
		               "# to write your version over theirs, or empty the file "
		               "to cancel.\n"
		             : "# Fix it and save again, or empty the file to cancel.\n");
	}
fail_dir:
	rc = cli_fail(&e);
done:
	wipe(path);
	rmdir(dir);
	goto out;
fail:
	rc = cli_fail(&e);
out:
	free(text);
	free(orig);
	store_rec_release(&cur);
	return rc;
}

int cmd_edit(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct edit_args a = {NULL};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("edit", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("edit", "which record? give its id");
	if (optind + 1 < argc)
		return cli_usage("edit", "unexpected argument '%s'", argv[optind + 1]);
	a.id = argv[optind];
	if (!isatty(0) || !isatty(1)) {
		fprintf(stderr,
		        "error: edit needs a terminal for the editor; in scripts use "
		        "'casewatch set %s FIELD=VALUE', unset or import --merge\n",
		        a.id);
		return CLI_FAIL;
	}
	return cli_run(ctx, run, &a);
}
