/* base/err.h: the one error type of casewatch.
 *
 * Library functions take a `cw_err *` last, fill it on failure and return
 * -1 (or NULL); they never print or exit. Front ends (cli/, http/) print
 * err->msg and map err->code to an exit status or an HTTP status.
 * Messages are lowercase and quote their subject, git style:
 *   "casewatch.db: wrong passphrase", "people.csv:12: born: impossible date".
 * A callee that knows where in its input the problem is says so with
 * cw_err_at() (line, column) or cw_err_field() (the field): the message
 * reads as before ("line 4, column 2: …", "born: …") and the parts are
 * kept apart too, so a front end can show them without parsing text. */
#ifndef CW_BASE_ERR_H
#define CW_BASE_ERR_H

#include <stdarg.h>

enum cw_code {
	CW_OK = 0,
	CW_EINVAL,    /* bad input: the caller's data is wrong */
	CW_EUSAGE,    /* bad arguments to a command */
	CW_ENOMEM,    /* out of memory */
	CW_EIO,       /* file or system error */
	CW_ELIMIT,    /* a named limit was exceeded */
	CW_ENOTFOUND, /* no such record (or not visible at this clearance) */
	CW_EKEY,      /* wrong or missing passphrase */
	CW_ENOTDB,    /* not a casewatch database */
	CW_EDB,       /* database error */
	CW_ECORRUPT,  /* integrity check failed */
	CW_EPERM,     /* not allowed for this user or role */
	CW_EBUSY,     /* locked by another process */
	CW_ECONFLICT, /* the record changed since the revision the caller read */
};

#define CW_ERR_MSG_MAX 1024
#define CW_ERR_FIELD_MAX 128

typedef struct cw_err {
	enum cw_code code;
	char msg[CW_ERR_MSG_MAX];
	/* Where the callee found the problem, when it said (else 0 and ""):
	 * line and column, 1-based, and the field (dotted for nested ones,
	 * truncated to CW_ERR_FIELD_MAX - 1 bytes). msg then begins with
	 * "line L[, column C]: " and/or "FIELD: "; cw_err_text() is the rest. */
	long line, column;
	char field[CW_ERR_FIELD_MAX];
	unsigned text; /* offset in msg of the rest */
} cw_err;

#define CW_ERR_INIT { CW_OK, { 0 }, 0, 0, { 0 }, 0 }

/* Fill e (which may be NULL) and return -1, so callers can write
 * `return cw_err_set(e, CW_EINVAL, "%s: bad date", field);`. */
int cw_err_set(cw_err *e, enum cw_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int cw_err_setv(cw_err *e, enum cw_code code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* The same, found at line (and column, 0 when not known) of the input:
 * the message is "line L: …" or "line L, column C: …". */
int cw_err_at(cw_err *e, enum cw_code code, long line, long column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int cw_err_atv(cw_err *e, enum cw_code code, long line, long column, const char *fmt,
               va_list ap) __attribute__((format(printf, 5, 0)));
/* The same, about field: the message is "FIELD: …". */
int cw_err_field(cw_err *e, enum cw_code code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Put "prefix: " in front of an existing message (e.g. a file name). */
void cw_err_prefix(cw_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Put "FIELD: " in front of an existing message and, when it said no
 * location or field yet, say it is about field. */
void cw_err_prefix_field(cw_err *e, const char *field);

/* The message without the location and field it begins with. */
static inline const char *cw_err_text(const cw_err *e)
{
	return e->msg + e->text;
}

void cw_err_clear(cw_err *e);

/* Name of a code, for JSON error objects ("invalid", "not_found", ...). */
const char *cw_code_name(enum cw_code code);

#endif
