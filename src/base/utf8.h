/* base/utf8.h: UTF-8 validation and decoding (no allocation). */
#ifndef CW_BASE_UTF8_H
#define CW_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Offset of the first invalid byte, or len when s[0..len) is valid UTF-8
 * (shortest form, no surrogates, at most U+10FFFF). */
size_t cw_utf8_invalid_at(const char *s, size_t len);
bool cw_utf8_valid(const char *s, size_t len);
/* Decode one code point at s[*i], advancing *i; returns -1 when invalid
 * (and advances by one byte). */
int32_t cw_utf8_next(const char *s, size_t len, size_t *i);
/* Append code point cp as UTF-8 to out (4 bytes room); returns bytes. */
int cw_utf8_put(uint32_t cp, char *out);

#endif
