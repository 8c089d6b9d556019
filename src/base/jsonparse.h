/* base/jsonparse.h: a fast, strict JSON parser for one record.
 *
 * Builds the same jansson values json_loadb() would (integers exact, reals
 * as doubles, object keys in order), scanning the buffer directly rather
 * than through jansson's per-character stream. It accepts only plainly
 * valid JSON: anything unusual or wrong (a \u escape of a surrogate, a
 * number that overflows, a duplicate key, invalid UTF-8, nesting deeper
 * than CW_JSON_FAST_DEPTH) makes it return NULL, and the caller asks
 * jansson, which has the final word and the error message. */
#ifndef CW_BASE_JSONPARSE_H
#define CW_BASE_JSONPARSE_H

#include <jansson.h>
#include <stddef.h>

#define CW_JSON_FAST_DEPTH 64

json_t *cw_json_parse_fast(const char *s, size_t len);

#endif
