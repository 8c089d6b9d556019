/* base/jsonout.c: see jsonout.h. */
#include "base/jsonout.h"

#include "base/check.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char hex_lower[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF"; /* jansson's */

static int write_str(cw_buf *b, const char *s, size_t len, const char *hex)
{
	size_t i = 0, run = 0;

	if (cw_buf_grow(b, len + 2))
		return -1;
	cw_buf_addch(b, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[6];
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		if (run && cw_buf_add(b, s + i - run, run))
			return -1;
		run = 0;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			u[0] = '\\';
			u[1] = 'u';
			u[2] = '0';
			u[3] = '0';
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			if (cw_buf_add(b, u, 6))
				return -1;
		}
		if (esc && cw_buf_adds(b, esc))
			return -1;
		i++;
	}
	if (run && cw_buf_add(b, s + len - run, run))
		return -1;
	return cw_buf_addch(b, '"');
}

int cw_json_write_str(cw_buf *b, const char *s, size_t len)
{
	return write_str(b, s, len, hex_lower);
}

/* %.17g, and ".0" when it reads as an integer (as jansson); with jansson's
 * habit also the exponent without '+' and leading zeros (1e300, 1e-7). */
static int write_real(cw_buf *b, double v, bool as_jansson)
{
	char num[40], *x;
	int n = snprintf(num, sizeof(num), "%.17g", v);

	if (n < 0 || (size_t)n >= sizeof(num))
		return -1;
	if (!strpbrk(num, ".eEni"))
		return cw_buf_addf(b, "%s.0", num);
	if (as_jansson && (x = strchr(num, 'e'))) {
		char *digits = x + 1, *from;
		if (*digits == '-')
			digits++;
		from = digits;
		if (*from == '+')
			from++;
		while (*from == '0' && from[1])
			from++;
		memmove(digits, from, strlen(from) + 1);
	}
	return cw_buf_adds(b, num);
}

int cw_json_write(cw_buf *b, json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		int first = 1;
		if (cw_buf_addch(b, '{'))
			return -1;
		json_object_foreach(v, k, x)
		{
			if ((!first && cw_buf_addch(b, ',')) ||
			    cw_json_write_str(b, k, strlen(k)) || cw_buf_addch(b, ':') ||
			    cw_json_write(b, x))
				return -1;
			first = 0;
		}
		return cw_buf_addch(b, '}');
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		if (cw_buf_addch(b, '['))
			return -1;
		json_array_foreach(v, i, x)
		{
			if ((i && cw_buf_addch(b, ',')) || cw_json_write(b, x))
				return -1;
		}
		return cw_buf_addch(b, ']');
	}
	case JSON_STRING:
		return cw_json_write_str(b, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		return cw_buf_addf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	case JSON_REAL:
		return write_real(b, json_real_value(v), false);
	case JSON_TRUE:
		return cw_buf_adds(b, "true");
	case JSON_FALSE:
		return cw_buf_adds(b, "false");
	case JSON_NULL:
		return cw_buf_adds(b, "null");
	}
	return -1;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *cw_json_record_order(json_t *in)
{
	const char **keys = malloc((json_object_size(in) + 1) * sizeof(*keys));
	json_t *out = json_object(), *v;
	const char *k;
	size_t n = 0;

	if (!keys || !out) {
		free(keys);
		json_decref(out);
		return NULL;
	}
	json_object_foreach(in, k, v)
	{
		if (strcmp(k, "type") && strcmp(k, "id"))
			keys[n++] = k;
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	if (json_object_get(in, "type"))
		json_object_set(out, "type", json_object_get(in, "type"));
	if (json_object_get(in, "id"))
		json_object_set(out, "id", json_object_get(in, "id"));
	for (size_t i = 0; i < n; i++)
		json_object_set(out, keys[i], json_object_get(in, keys[i]));
	free(keys);
	return out;
}

/* The streaming writer. */

void cw_jsonw_init(cw_jsonw *w, cw_buf *b, unsigned flags)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->flags = flags;
}

static int fail(cw_jsonw *w)
{
	w->err = -1;
	return -1;
}

/* A newline and the indent of depth levels. */
static int newline(cw_jsonw *w, unsigned depth)
{
	if (cw_buf_addch(w->b, '\n'))
		return -1;
	for (unsigned i = 0; i < depth; i++)
		if (cw_buf_add(w->b, "  ", 2))
			return -1;
	return 0;
}

/* What comes before a value or a key: nothing after a key; else a comma
 * after an earlier member, and the layout's line break. */
static int before(cw_jsonw *w)
{
	uint64_t bit;
	bool later;

	if (w->err)
		return -1;
	if (w->after_key) {
		w->after_key = false;
		return 0;
	}
	if (!w->depth)
		return 0;
	bit = (uint64_t)1 << (w->depth - 1);
	later = (w->members & bit) != 0;
	w->members |= bit;
	if (later && cw_buf_addch(w->b, ','))
		return fail(w);
	if (w->flags & CW_JSON_INDENT)
		return newline(w, w->depth) ? fail(w) : 0;
	if ((w->flags & CW_JSON_LINES) && later && w->depth == 1)
		return cw_buf_addch(w->b, '\n') ? fail(w) : 0;
	return 0;
}

static int open_(cw_jsonw *w, char c)
{
	if (before(w))
		return -1;
	if (w->depth == CW_JSON_MAX_DEPTH || cw_buf_addch(w->b, c))
		return fail(w);
	w->depth++;
	w->members &= ~((uint64_t)1 << (w->depth - 1));
	return 0;
}

static int close_(cw_jsonw *w, char c)
{
	uint64_t bit;

	if (w->err)
		return -1;
	assert(!w->after_key); /* a key waits for its value */
	if (CW_NEVER(!w->depth)) /* the caller closes what it opened, once */
		return fail(w);
	bit = (uint64_t)1 << (w->depth - 1);
	if ((w->flags & CW_JSON_INDENT) && (w->members & bit) && newline(w, w->depth - 1))
		return fail(w);
	w->members &= ~bit;
	w->depth--;
	return cw_buf_addch(w->b, c) ? fail(w) : 0;
}

int cw_jsonw_obj(cw_jsonw *w)
{
	return open_(w, '{');
}

int cw_jsonw_obj_end(cw_jsonw *w)
{
	return close_(w, '}');
}

int cw_jsonw_arr(cw_jsonw *w)
{
	return open_(w, '[');
}

int cw_jsonw_arr_end(cw_jsonw *w)
{
	return close_(w, ']');
}

static const char *hex_of(const cw_jsonw *w)
{
	return w->flags & CW_JSON_JANSSON ? hex_upper : hex_lower;
}

int cw_jsonw_key(cw_jsonw *w, const char *key)
{
	assert(w->depth > 0 && !w->after_key); /* keys belong in an object */
	if (before(w))
		return -1;
	if (write_str(w->b, key, strlen(key), hex_of(w)) ||
	    cw_buf_adds(w->b, w->flags & CW_JSON_INDENT ? ": " : ":"))
		return fail(w);
	w->after_key = true;
	return 0;
}

int cw_jsonw_str(cw_jsonw *w, const char *s)
{
	if (before(w))
		return -1;
	if (s ? write_str(w->b, s, strlen(s), hex_of(w)) : cw_buf_adds(w->b, "null"))
		return fail(w);
	return 0;
}

int cw_jsonw_int(cw_jsonw *w, long long v)
{
	if (before(w))
		return -1;
	return cw_buf_addf(w->b, "%lld", v) ? fail(w) : 0;
}

int cw_jsonw_bool(cw_jsonw *w, bool v)
{
	return cw_jsonw_raw(w, v ? "true" : "false");
}

int cw_jsonw_null(cw_jsonw *w)
{
	return cw_jsonw_raw(w, NULL);
}

int cw_jsonw_raw(cw_jsonw *w, const char *json)
{
	if (before(w))
		return -1;
	return cw_buf_adds(w->b, json ? json : "null") ? fail(w) : 0;
}

int cw_jsonw_value(cw_jsonw *w, json_t *v)
{
	if (!v)
		return fail(w);
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		if (cw_jsonw_obj(w))
			return -1;
		json_object_foreach(v, k, x)
		{
			if (cw_jsonw_key(w, k) || cw_jsonw_value(w, x))
				return -1;
		}
		return cw_jsonw_obj_end(w);
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		if (cw_jsonw_arr(w))
			return -1;
		json_array_foreach(v, i, x)
		{
			if (cw_jsonw_value(w, x))
				return -1;
		}
		return cw_jsonw_arr_end(w);
	}
	case JSON_STRING:
		if (before(w))
			return -1;
		return write_str(w->b, json_string_value(v), json_string_length(v), hex_of(w))
		           ? fail(w)
		           : 0;
	case JSON_INTEGER:
		return cw_jsonw_int(w, (long long)json_integer_value(v));
	case JSON_REAL:
		if (before(w))
			return -1;
		return write_real(w->b, json_real_value(v), w->flags & CW_JSON_JANSSON) ? fail(w)
		                                                                     : 0;
	case JSON_TRUE:
		return cw_jsonw_bool(w, true);
	case JSON_FALSE:
		return cw_jsonw_bool(w, false);
	case JSON_NULL:
		return cw_jsonw_null(w);
	}
	return fail(w);
}

int cw_jsonw_kstr(cw_jsonw *w, const char *key, const char *s)
{
	return cw_jsonw_key(w, key) ? -1 : cw_jsonw_str(w, s);
}

int cw_jsonw_kint(cw_jsonw *w, const char *key, long long v)
{
	return cw_jsonw_key(w, key) ? -1 : cw_jsonw_int(w, v);
}

int cw_jsonw_kbool(cw_jsonw *w, const char *key, bool v)
{
	return cw_jsonw_key(w, key) ? -1 : cw_jsonw_bool(w, v);
}
