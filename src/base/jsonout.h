/* base/jsonout.h: the one JSON writer casewatch has, into a cw_buf.
 *
 * cw_json_write() is the canonical compact form the store keeps and
 * exports: keys in the object's own (insertion) order, strings as UTF-8
 * with only the escapes JSON requires, integers exactly and reals with 17
 * significant digits, the same bytes as jansson's JSON_COMPACT output for
 * the values casewatch stores, but without a callback per character.
 *
 * cw_jsonw writes a document a value at a time (what front ends print:
 * lists streamed as they are read, objects built from C structs), with
 * the commas and layout done for the caller, and also writes whole jansson
 * values. Also the one-line reader of a string field every module uses. */
#ifndef CW_BASE_JSONOUT_H
#define CW_BASE_JSONOUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

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

/* How a cw_jsonw lays out and escapes. 0 is the canonical compact form. */
enum cw_json_flags {
	/* One member a line, two spaces a level, "key": value; empty arrays
	 * and objects as [] and {} (jansson's JSON_INDENT(2) layout). */
	CW_JSON_INDENT = 1 << 0,
	/* Compact, but the members of the outermost array one a line
	 * ("[a,\nb]"): lists streamed a record at a time. */
	CW_JSON_LINES = 1 << 1,
	/* Control characters and reals as jansson's json_dumps() writes them
	 * ("\u001B" rather than "\u001b", 1e300 rather than 1e+300), so that
	 * outputs casewatch used to print with jansson keep their bytes. */
	CW_JSON_JANSSON = 1 << 2,
};

/* Arrays and objects nest at most this deep in a cw_jsonw (casewatch's
 * records nest a few levels). */
#define CW_JSON_MAX_DEPTH 64

/* A writer. Its calls append to b and return 0, or -1 once an append
 * failed (out of memory, b's maximum, nesting past CW_JSON_MAX_DEPTH);
 * after a failure every call does nothing and returns -1, so a caller may
 * check once at the end. b may be emptied between calls (to print a
 * streamed list a piece at a time): the writer keeps its place. */
typedef struct cw_jsonw {
	cw_buf *b;
	unsigned flags;   /* enum cw_json_flags */
	unsigned depth;   /* arrays and objects open */
	uint64_t members; /* bit d: the container at depth d+1 has a member */
	bool after_key;   /* a key was written: its value comes next */
	int err;
} cw_jsonw;

void cw_jsonw_init(cw_jsonw *w, cw_buf *b, unsigned flags);
int cw_jsonw_obj(cw_jsonw *w);
int cw_jsonw_obj_end(cw_jsonw *w);
int cw_jsonw_arr(cw_jsonw *w);
int cw_jsonw_arr_end(cw_jsonw *w);
/* An object's member name; its value is the next call. */
int cw_jsonw_key(cw_jsonw *w, const char *key);
/* A string, or null for NULL. */
int cw_jsonw_str(cw_jsonw *w, const char *s);
int cw_jsonw_int(cw_jsonw *w, long long v);
int cw_jsonw_bool(cw_jsonw *w, bool v);
int cw_jsonw_null(cw_jsonw *w);
/* JSON text written as it is (a stored body, compact), or null for NULL. */
int cw_jsonw_raw(cw_jsonw *w, const char *json);
/* A jansson value, laid out as the writer's flags say (NULL fails). */
int cw_jsonw_value(cw_jsonw *w, json_t *v);
/* A member: key and value in one call. */
int cw_jsonw_kstr(cw_jsonw *w, const char *key, const char *s);
int cw_jsonw_kint(cw_jsonw *w, const char *key, long long v);
int cw_jsonw_kbool(cw_jsonw *w, const char *key, bool v);

#endif
