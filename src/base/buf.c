/* base/buf.c: see buf.h. */
#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char cw_buf_empty_[1];

void cw_buf_init(cw_buf *b, size_t max)
{
	b->data = cw_buf_empty_;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void cw_buf_release(cw_buf *b)
{
	if (b->cap)
		free(b->data);
	cw_buf_init(b, b->max);
}

void cw_buf_reset(cw_buf *b)
{
	cw_buf_setlen(b, 0);
}

int cw_buf_grow(cw_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (b->max && need - 1 > b->max)
		return -1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = b->cap ? realloc(b->data, cap) : malloc(cap);
	if (!p)
		return -1;
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int cw_buf_add(cw_buf *b, const void *p, size_t n)
{
	if (cw_buf_grow(b, n))
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int cw_buf_adds(cw_buf *b, const char *s)
{
	return cw_buf_add(b, s, strlen(s));
}

int cw_buf_addch(cw_buf *b, int c)
{
	char ch = (char)c;
	return cw_buf_add(b, &ch, 1);
}

int cw_buf_addvf(cw_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || cw_buf_grow(b, (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int cw_buf_addf(cw_buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = cw_buf_addvf(b, fmt, ap);
	va_end(ap);
	return r;
}

void cw_buf_setlen(cw_buf *b, size_t len)
{
	if (len > b->len)
		return;
	b->len = len;
	if (b->cap)
		b->data[len] = '\0';
}

char *cw_buf_detach(cw_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (!b->cap) {
		p = malloc(1);
		if (p)
			p[0] = '\0';
	} else {
		p = b->data;
	}
	cw_buf_init(b, b->max);
	return p;
}

void cw_buf_trim(cw_buf *b)
{
	size_t s = 0, e = b->len;

	while (s < e && (b->data[s] == ' ' || b->data[s] == '\t' ||
	                 b->data[s] == '\n' || b->data[s] == '\r'))
		s++;
	while (e > s && (b->data[e - 1] == ' ' || b->data[e - 1] == '\t' ||
	                 b->data[e - 1] == '\n' || b->data[e - 1] == '\r'))
		e--;
	if (!b->cap)
		return;
	memmove(b->data, b->data + s, e - s);
	b->len = e - s;
	b->data[b->len] = '\0';
}
