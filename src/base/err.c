/* base/err.c: see err.h. */
#include "base/err.h"

#include <stdio.h>
#include <string.h>

int cw_err_setv(cw_err *e, enum cw_code code, const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	e->code = code;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
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
}

void cw_err_clear(cw_err *e)
{
	if (!e)
		return;
	e->code = CW_OK;
	e->msg[0] = '\0';
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
