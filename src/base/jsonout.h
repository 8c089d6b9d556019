/* base/jsonout.h: compact JSON serialization into a cw_buf.
 *
 * Writes keys in the object's own (insertion) order, strings as UTF-8 with
 * only the escapes JSON requires, integers exactly and reals with 17
 * significant digits, the same bytes as jansson's JSON_COMPACT output for
 * the values casewatch stores, but without a callback per character.
 * Also the one-line reader of a string field every module uses. */
#ifndef CW_BASE_JSONOUT_H
#define CW_BASE_JSONOUT_H

#include <jansson.h>

#include "base/buf.h"

/* obj[key] when it is a string, else NULL. */
static inline const char *cw_json_str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A record object's keys in canonical order (type, id, then the others
 * sorted by name), as a new object sharing the values; NULL on no memory.
 * For code that adds a field to a canonical record (merge, review). */
json_t *cw_json_record_order(json_t *in);

/* Append v to b; -1 when the buffer's maximum or memory runs out. */
int cw_json_write(cw_buf *b, json_t *v);
/* Append a JSON string literal for s[0..len). */
int cw_json_write_str(cw_buf *b, const char *s, size_t len);

#endif
