/* base/jsonout.c: see jsonout.h. */
#include "base/jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cw_json_write_str(cw_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
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
	case JSON_REAL: {
		/* as jansson: %.17g, and a ".0" when it reads as an integer */
		char num[40];
		int n = snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		if (n < 0 || (size_t)n >= sizeof(num))
			return -1;
		if (!strpbrk(num, ".eEni"))
			return cw_buf_addf(b, "%s.0", num);
		return cw_buf_adds(b, num);
	}
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
