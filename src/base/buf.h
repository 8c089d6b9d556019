/* base/buf.h: the growable byte buffer (git strbuf, curl dynbuf).
 *
 * `data` is never NULL and always NUL-terminated, so a buffer can be used
 * as a C string at any time. A buffer may carry a maximum size: appends
 * that would exceed it fail with -1 and leave the buffer unchanged, which
 * is how untrusted input is bounded. Appends also fail (-1) when memory
 * runs out. An unbounded buffer's callers may ignore the result only
 * where running out of memory is acceptable to treat as fatal later. */
#ifndef CW_BASE_BUF_H
#define CW_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cw_buf {
	char *data;
	size_t len;
	size_t cap; /* 0 while data points at the shared empty string */
	size_t max; /* 0 = no maximum */
} cw_buf;

extern char cw_buf_empty_[1];
#define CW_BUF_INIT { cw_buf_empty_, 0, 0, 0 }

void cw_buf_init(cw_buf *b, size_t max);
/* Contents freed; the buffer is empty again and keeps its maximum. */
void cw_buf_release(cw_buf *b);
/* Length to 0, memory kept. */
void cw_buf_reset(cw_buf *b);
/* Make room for `extra` more bytes (plus the NUL). */
int cw_buf_grow(cw_buf *b, size_t extra);
int cw_buf_add(cw_buf *b, const void *p, size_t n);
int cw_buf_adds(cw_buf *b, const char *s);
int cw_buf_addch(cw_buf *b, int c);
int cw_buf_addf(cw_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cw_buf_addvf(cw_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Shorten to len (len <= b->len). */
void cw_buf_setlen(cw_buf *b, size_t len);
/* Take the malloc'd string; the buffer is empty afterwards. The caller
 * frees the result. Never returns NULL unless out of memory. */
char *cw_buf_detach(cw_buf *b, size_t *len);
/* Trim ASCII whitespace at both ends. */
void cw_buf_trim(cw_buf *b);

#endif
