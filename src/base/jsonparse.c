/* base/jsonparse.c: see jsonparse.h. */
#include "base/jsonparse.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

struct p {
	const char *s, *end;
	cw_buf tmp; /* unescaped string */
};

static void skip_ws(struct p *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A string at p->s (after the opening quote) into p->tmp. */
static bool parse_str(struct p *p)
{
	const char *run = p->s;

	cw_buf_reset(&p->tmp);
	while (p->s < p->end) {
		unsigned char c = (unsigned char)*p->s;
		if (c == '"') {
			if (cw_buf_add(&p->tmp, run, (size_t)(p->s - run)))
				return false;
			p->s++;
			return cw_utf8_valid(p->tmp.data, p->tmp.len);
		}
		if (c < 0x20)
			return false;
		if (c != '\\') {
			p->s++;
			continue;
		}
		if (cw_buf_add(&p->tmp, run, (size_t)(p->s - run)) || p->s + 1 >= p->end)
			return false;
		p->s++;
		switch (*p->s) {
		case '"': cw_buf_addch(&p->tmp, '"'); break;
		case '\\': cw_buf_addch(&p->tmp, '\\'); break;
		case '/': cw_buf_addch(&p->tmp, '/'); break;
		case 'b': cw_buf_addch(&p->tmp, '\b'); break;
		case 'f': cw_buf_addch(&p->tmp, '\f'); break;
		case 'n': cw_buf_addch(&p->tmp, '\n'); break;
		case 'r': cw_buf_addch(&p->tmp, '\r'); break;
		case 't': cw_buf_addch(&p->tmp, '\t'); break;
		case 'u': {
			uint32_t cp = 0;
			char out[4];
			if (p->end - p->s < 5)
				return false;
			for (int i = 1; i <= 4; i++) {
				int h = hexval(p->s[i]);
				if (h < 0)
					return false;
				cp = cp << 4 | (uint32_t)h;
			}
			/* surrogates and NUL: leave them to jansson */
			if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
				return false;
			cw_buf_add(&p->tmp, out, (size_t)cw_utf8_put(cp, out));
			p->s += 4;
			break;
		}
		default:
			return false;
		}
		p->s++;
		run = p->s;
	}
	return false;
}

static json_t *parse_num(struct p *p)
{
	const char *b = p->s;
	bool real = false;

	if (p->s < p->end && *p->s == '-')
		p->s++;
	if (p->s >= p->end)
		return NULL;
	if (*p->s == '0') {
		p->s++;
	} else if (*p->s >= '1' && *p->s <= '9') {
		while (p->s < p->end && *p->s >= '0' && *p->s <= '9')
			p->s++;
	} else {
		return NULL;
	}
	if (p->s < p->end && *p->s == '.') {
		real = true;
		p->s++;
		if (p->s >= p->end || *p->s < '0' || *p->s > '9')
			return NULL;
		while (p->s < p->end && *p->s >= '0' && *p->s <= '9')
			p->s++;
	}
	if (p->s < p->end && (*p->s == 'e' || *p->s == 'E')) {
		real = true;
		p->s++;
		if (p->s < p->end && (*p->s == '+' || *p->s == '-'))
			p->s++;
		if (p->s >= p->end || *p->s < '0' || *p->s > '9')
			return NULL;
		while (p->s < p->end && *p->s >= '0' && *p->s <= '9')
			p->s++;
	}
	{
		char num[64];
		size_t n = (size_t)(p->s - b);
		char *endp;
		if (n >= sizeof(num))
			return NULL; /* jansson decides */
		memcpy(num, b, n);
		num[n] = 0;
		errno = 0;
		if (real) {
			double d = strtod(num, &endp);
			if (errno || *endp)
				return NULL;
			return json_real(d);
		}
		long long v = strtoll(num, &endp, 10);
		if (errno || *endp)
			return NULL;
		return json_integer(v);
	}
}

static json_t *parse_value(struct p *p, int depth);

static json_t *parse_object(struct p *p, int depth)
{
	json_t *o = json_object();

	skip_ws(p);
	if (p->s < p->end && *p->s == '}') {
		p->s++;
		return o;
	}
	for (;;) {
		json_t *v;
		char *key;
		skip_ws(p);
		if (p->s >= p->end || *p->s != '"')
			goto fail;
		p->s++;
		if (!parse_str(p) || memchr(p->tmp.data, 0, p->tmp.len))
			goto fail;
		if (json_object_getn(o, p->tmp.data, p->tmp.len))
			goto fail; /* duplicate key: jansson says so */
		key = strndup(p->tmp.data, p->tmp.len);
		if (!key)
			goto fail;
		skip_ws(p);
		if (p->s >= p->end || *p->s != ':') {
			free(key);
			goto fail;
		}
		p->s++;
		v = parse_value(p, depth + 1);
		if (!v || json_object_set_new_nocheck(o, key, v)) {
			free(key);
			goto fail;
		}
		free(key);
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == '}') {
			p->s++;
			return o;
		}
		goto fail;
	}
fail:
	json_decref(o);
	return NULL;
}

static json_t *parse_array(struct p *p, int depth)
{
	json_t *a = json_array();

	skip_ws(p);
	if (p->s < p->end && *p->s == ']') {
		p->s++;
		return a;
	}
	for (;;) {
		json_t *v = parse_value(p, depth + 1);
		if (!v || json_array_append_new(a, v))
			goto fail;
		skip_ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == ']') {
			p->s++;
			return a;
		}
		goto fail;
	}
fail:
	json_decref(a);
	return NULL;
}

static bool word(struct p *p, const char *w, size_t n)
{
	if ((size_t)(p->end - p->s) < n || memcmp(p->s, w, n))
		return false;
	p->s += n;
	return true;
}

static json_t *parse_value(struct p *p, int depth)
{
	if (depth > CW_JSON_FAST_DEPTH)
		return NULL;
	skip_ws(p);
	if (p->s >= p->end)
		return NULL;
	switch (*p->s) {
	case '{':
		p->s++;
		return parse_object(p, depth);
	case '[':
		p->s++;
		return parse_array(p, depth);
	case '"':
		p->s++;
		if (!parse_str(p) || memchr(p->tmp.data, 0, p->tmp.len))
			return NULL;
		return json_stringn_nocheck(p->tmp.data, p->tmp.len);
	case 't':
		return word(p, "true", 4) ? json_true() : NULL;
	case 'f':
		return word(p, "false", 5) ? json_false() : NULL;
	case 'n':
		return word(p, "null", 4) ? json_null() : NULL;
	default:
		return parse_num(p);
	}
}

json_t *cw_json_parse_fast(const char *s, size_t len)
{
	struct p p = { s, s + len, CW_BUF_INIT };
	json_t *v = parse_value(&p, 0);

	if (v) {
		skip_ws(&p);
		if (p.s != p.end) { /* trailing data */
			json_decref(v);
			v = NULL;
		}
	}
	cw_buf_release(&p.tmp);
	return v;
}
