/* cli/key.h: passphrases for the command line, and opening the database. */
#ifndef CW_CLI_KEY_H
#define CW_CLI_KEY_H

#include <stdbool.h>

#include "base/secret.h"
#include "cli/cli.h"
#include "store/db.h"

/* Whether --key-fd, --key-file or $CASEWATCH_KEY supplies a passphrase. */
int cli_key_given(const struct cli_ctx *ctx);
/* Get a passphrase from the sources in order; with may_prompt, ask on the
 * terminal when none is given (twice with confirm). *out is NULL when
 * none was given and prompting was not allowed. */
int cli_passphrase(struct cli_ctx *ctx, bool may_prompt, const char *prompt, bool confirm,
                   cw_secret **out, cw_err *e);
/* Open ctx->db_path with the passphrase it needs (cli_run() calls it;
 * commands do not). */
int cli_open_db(struct cli_ctx *ctx, unsigned flags, cw_db **db, cw_err *e);
/* Create ctx->db_path, encrypted when a passphrase is given or with
 * encrypt (then asking for a new one, twice, when none is given). */
int cli_create_db(struct cli_ctx *ctx, bool encrypt, cw_db **db, cw_err *e);

#endif
