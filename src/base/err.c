/* base/err.c: see err.h. */
#include "base/err.h"

#include <stdio.h>
#include <string.h>

/* No location or field. */
static void unplaced(cw_err *e)
{
	e->line = e->column = 0;
	e->field[0] = '\0';
	e->text = 0;
}

int cw_err_setv(cw_err *e, enum cw_code code, const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	e->code = code;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	unplaced(e);
	return -1;
}

/* msg = head + fmt's text, with text at the end of head. */
__attribute__((format(printf, 3, 0))) static void set_after(cw_err *e, const char *head,
                                                           const char *fmt, va_list ap)
{
	size_t n = strlen(head);

	if (n >= sizeof(e->msg))
		n = sizeof(e->msg) - 1;
	memcpy(e->msg, head, n);
	e->msg[n] = '\0';
	vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap);
	e->text = (unsigned)n;
}

int cw_err_atv(cw_err *e, enum cw_code code, long line, long column, const char *fmt,
               va_list ap)
{
	char head[64];

	if (!e)
		return -1;
	e->code = code;
	unplaced(e);
	if (column > 0)
		snprintf(head, sizeof(head), "line %ld, column %ld: ", line, column);
	else
		snprintf(head, sizeof(head), "line %ld: ", line);
	set_after(e, head, fmt, ap);
	e->line = line;
	e->column = column > 0 ? column : 0;
	return -1;
}

int cw_err_at(cw_err *e, enum cw_code code, long line, long column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cw_err_atv(e, code, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

static void set_field(cw_err *e, const char *field)
{
	size_t n = strlen(field);

	if (n >= sizeof(e->field))
		n = sizeof(e->field) - 1;
	memcpy(e->field, field, n);
	e->field[n] = '\0';
}

int cw_err_field(cw_err *e, enum cw_code code, const char *field, const char *fmt, ...)
{
	char head[CW_ERR_MSG_MAX];
	va_list ap;

	if (!e)
		return -1;
	e->code = code;
	unplaced(e);
	snprintf(head, sizeof(head), "%s: ", field);
	va_start(ap, fmt);
	set_after(e, head, fmt, ap);
	va_end(ap);
	set_field(e, field);
	return -1;
}

int cw_err_set(cw_err *e, enum cw_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cw_err_setv(e, code, fmt, ap);
	va_end(ap);
	return -1;
}

void cw_err_prefix(cw_err *e, const char *fmt, ...)
{
	char old[CW_ERR_MSG_MAX];
	va_list ap;
	int n;

	if (!e)
		return;
	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(e->msg) - 2)
		return;
	e->msg[n] = ':';
	e->msg[n + 1] = ' ';
	memcpy(e->msg + n + 2, old, sizeof(e->msg) - (size_t)n - 2);
	e->msg[sizeof(e->msg) - 1] = '\0';
	/* the rest moves along, and stays the rest */
	if (e->line || e->field[0]) {
		size_t len = strlen(e->msg);
		e->text += (unsigned)n + 2;
		if (e->text > len)
			e->text = (unsigned)len;
	}
}

void cw_err_prefix_field(cw_err *e, const char *field)
{
	size_t n, len;
	int placed;

	if (!e)
		return;
	placed = e->line || e->field[0];
	cw_err_prefix(e, "%s", field);
	if (placed) /* what the callee said stays; its text moved along */
		return;
	set_field(e, field);
	n = strlen(field) + 2;
	len = strlen(e->msg);
	e->text = (unsigned)(n < len ? n : len);
}

void cw_err_clear(cw_err *e)
{
	if (!e)
		return;
	e->code = CW_OK;
	e->msg[0] = '\0';
	unplaced(e);
}

const char *cw_code_name(enum cw_code code)
{
	switch (code) {
	case CW_OK: return "ok";
	case CW_EINVAL: return "invalid";
	case CW_EUSAGE: return "usage";
	case CW_ENOMEM: return "no_memory";
	case CW_EIO: return "io";
	case CW_ELIMIT: return "limit";
	case CW_ENOTFOUND: return "not_found";
	case CW_EKEY: return "key";
	case CW_ENOTDB: return "not_a_database";
	case CW_EDB: return "database";
	case CW_ECORRUPT: return "corrupt";
	case CW_EPERM: return "forbidden";
	case CW_EBUSY: return "busy";
	case CW_ECONFLICT: return "conflict";
	}
	return "unknown";
}
