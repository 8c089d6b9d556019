/* base/utf8.c: see utf8.h. */
#include "base/utf8.h"

int32_t cw_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	uint32_t c, min;
	int n;

	c = s[p];
	if (c < 0x80) {
		*i = p + 1;
		return (int32_t)c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		c &= 0x07;
		min = 0x10000;
	} else {
		*i = p + 1;
		return -1;
	}
	if (p + (size_t)n >= len) {
		*i = p + 1;
		return -1;
	}
	for (int k = 1; k <= n; k++) {
		if ((s[p + k] & 0xC0) != 0x80) {
			*i = p + 1;
			return -1;
		}
		c = (c << 6) | (s[p + k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*i = p + 1;
		return -1;
	}
	*i = p + (size_t)n + 1;
	return (int32_t)c;
}

size_t cw_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t at = i;
		if (cw_utf8_next(s, len, &i) < 0)
			return at;
	}
	return len;
}

bool cw_utf8_valid(const char *s, size_t len)
{
	return cw_utf8_invalid_at(s, len) == len;
}

int cw_utf8_put(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}
