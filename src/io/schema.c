/* io/schema.c: record types, fields, validation and canonical form. */
#include "io/schema.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/jsonout.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "store/record.h"

enum kind {
	K_STR,
	K_DATE,
	K_INT,
	K_NUM,
	K_BOOL,
	K_LEVEL,
	K_REF,
	K_VOCAB,
	K_ENUM,
	K_SEX,
	K_NAMES,
	K_SOURCES,
	K_CHARGES,
	K_PARTICIPANTS,
	K_OBJ,
	K_HEX64,
};

struct field {
	const char *name;
	enum kind kind;
	const char *arg; /* vocabulary, enum values ("a|b|c") or object fields' table */
	const struct field *sub;
	bool required;
};

#define END { NULL, K_STR, NULL, NULL, false }

static const struct field sentence_f[] = {
	{ "amount", K_NUM, NULL, NULL, false },
	{ "currency", K_STR, NULL, NULL, false },
	{ "kind", K_VOCAB, "sentence_kind", NULL, false },
	{ "months", K_INT, NULL, NULL, false },
	{ "regime", K_VOCAB, "regime", NULL, false },
	END,
};
static const struct field consent_f[] = {
	{ "mode", K_ENUM, "named|pseudonym|anonymous", NULL, false },
	{ "publish", K_BOOL, NULL, NULL, false },
	{ "share", K_BOOL, NULL, NULL, false },
	{ "withdrawn", K_DATE, NULL, NULL, false },
	END,
};
static const struct field banned_f[] = {
	{ "court", K_STR, NULL, NULL, false },
	{ "date", K_DATE, NULL, NULL, false },
	{ "reference", K_STR, NULL, NULL, false },
	END,
};

/* Per type, sorted by name (the canonical order). Every type also has
 * type, id, confidentiality, notes and sources. */
static const struct field provision_f[] = {
	{ "article", K_STR, NULL, NULL, true },
	{ "code", K_STR, NULL, NULL, false },
	{ "jurisdiction", K_STR, NULL, NULL, false },
	{ "part", K_STR, NULL, NULL, false },
	{ "title", K_STR, NULL, NULL, false },
	END,
};
static const struct field organization_f[] = {
	{ "banned", K_OBJ, NULL, banned_f, false },
	{ "kind", K_VOCAB, "organization_kind", NULL, false },
	{ "names", K_NAMES, NULL, NULL, true },
	{ "region", K_STR, NULL, NULL, false },
	END,
};
static const struct field person_f[] = {
	{ "born", K_DATE, NULL, NULL, false },
	{ "died", K_DATE, NULL, NULL, false },
	{ "merged_into", K_REF, NULL, NULL, false }, /* set by `casewatch merge` */
	{ "names", K_NAMES, NULL, NULL, true },
	{ "region", K_STR, NULL, NULL, false },
	{ "sex", K_SEX, NULL, NULL, false },
	{ "unit", K_ENUM, "individual|group", NULL, false },
	END,
};
static const struct field affiliation_f[] = {
	{ "alleged", K_BOOL, NULL, NULL, false },
	{ "declared", K_BOOL, NULL, NULL, false },
	{ "from", K_DATE, NULL, NULL, false },
	{ "organization", K_REF, NULL, NULL, true },
	{ "person", K_REF, NULL, NULL, true },
	{ "role", K_STR, NULL, NULL, false },
	{ "to", K_DATE, NULL, NULL, false },
	END,
};
static const struct field case_f[] = {
	{ "authority", K_STR, NULL, NULL, false },
	{ "charges", K_CHARGES, NULL, NULL, false },
	{ "number", K_STR, NULL, NULL, false },
	{ "participants", K_PARTICIPANTS, NULL, NULL, false },
	{ "person", K_REF, NULL, NULL, true },
	{ "region", K_STR, NULL, NULL, false },
	END,
};
static const struct field event_f[] = {
	{ "case", K_REF, NULL, NULL, true },
	{ "date", K_DATE, NULL, NULL, false },
	{ "end", K_DATE, NULL, NULL, false },
	{ "kind", K_VOCAB, "event_kind", NULL, true },
	{ "place", K_STR, NULL, NULL, false },
	{ "sentence", K_OBJ, NULL, sentence_f, false },
	END,
};
static const struct field source_f[] = {
	{ "author", K_STR, NULL, NULL, false },
	{ "consent", K_OBJ, NULL, consent_f, false },
	{ "kind", K_VOCAB, "source_kind", NULL, false },
	{ "language", K_STR, NULL, NULL, false },
	{ "obtained", K_DATE, NULL, NULL, false },
	{ "published", K_DATE, NULL, NULL, false },
	{ "publisher", K_STR, NULL, NULL, false },
	{ "reliability", K_ENUM, "high|medium|low|unknown", NULL, false },
	{ "sha256", K_HEX64, NULL, NULL, false },
	{ "title", K_STR, NULL, NULL, false },
	{ "url", K_STR, NULL, NULL, false },
	END,
};
static const struct field common_f[] = {
	{ "confidentiality", K_LEVEL, NULL, NULL, false },
	{ "notes", K_STR, NULL, NULL, false },
	{ "sources", K_SOURCES, NULL, NULL, false },
	END,
};

static const struct {
	const char *type;
	const struct field *fields;
	const char *plural;
} types[] = {
	{ "provision", provision_f, "provisions" },
	{ "organization", organization_f, "organizations" },
	{ "source", source_f, "sources" },
	{ "person", person_f, "people" },
	{ "affiliation", affiliation_f, "affiliations" },
	{ "case", case_f, "cases" },
	{ "event", event_f, "events" },
};
#define N_TYPES (sizeof(types) / sizeof(types[0]))

const char *const io_types[] = { "provision", "organization", "source", "person",
	                         "affiliation", "case", "event", NULL };

static const struct field *fields_of(const char *type)
{
	for (size_t i = 0; i < N_TYPES; i++)
		if (!strcmp(types[i].type, type))
			return types[i].fields;
	return NULL;
}

bool io_type_known(const char *type)
{
	return fields_of(type) != NULL;
}

const char *io_type_from_word(const char *w)
{
	for (size_t i = 0; i < N_TYPES; i++)
		if (!strcmp(w, types[i].type) || !strcmp(w, types[i].plural))
			return types[i].type;
	if (!strcmp(w, "persons"))
		return "person";
	return NULL;
}

static const struct field *find(const struct field *f, const char *name)
{
	for (; f && f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static const struct field *find_any(const char *type, const char *name)
{
	const struct field *f = find(fields_of(type), name);
	return f ? f : find(common_f, name);
}

/* ---- value checks ---- */

static int check_text(const char *field, const char *s, size_t len, cw_err *e)
{
	if (len > CW_MAX_FIELD)
		return cw_err_field(e, CW_ELIMIT, field, "longer than %u bytes", CW_MAX_FIELD);
	if (!cw_utf8_valid(s, len))
		return cw_err_field(e, CW_EINVAL, field, "invalid UTF-8");
	if (memchr(s, '\0', len))
		return cw_err_field(e, CW_EINVAL, field, "contains a NUL character");
	return 0;
}

static int want_string(const char *field, json_t *v, cw_err *e)
{
	if (!json_is_string(v))
		return cw_err_field(e, CW_EINVAL, field, "expected a string");
	return check_text(field, json_string_value(v), json_string_length(v), e);
}

static json_t *ns_id(const char *id, const struct io_canon_opts *o)
{
	if (!o->namespace_)
		return json_string(id);
	return json_sprintf("%s:%s", o->namespace_, id);
}

/* The same for a JSON string value: shared, not copied, without a namespace. */
static json_t *ns_idv(json_t *v, const struct io_canon_opts *o)
{
	if (!o->namespace_)
		return json_incref(v);
	return ns_id(json_string_value(v), o);
}

static int check_id(const char *field, json_t *v, cw_err *e)
{
	const char *s;

	if (want_string(field, v, e))
		return -1;
	s = json_string_value(v);
	if (!*s)
		return cw_err_field(e, CW_EINVAL, field, "empty id");
	if (json_string_length(v) > CW_MAX_ID)
		return cw_err_field(e, CW_EINVAL, field, "id longer than %d bytes", CW_MAX_ID);
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == '|')
			return cw_err_field(e, CW_EINVAL, field,
			                    "id contains a control character or '|'");
	return 0;
}

static bool enum_has(const char *list, const char *v)
{
	size_t n = strlen(v);
	const char *p = list;

	while (p) {
		const char *end = strchr(p, '|');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		if (l == n && !memcmp(p, v, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

static const char *sex_code(const char *s)
{
	static const struct {
		const char *in, *out;
	} map[] = {
		{ "m", "m" }, { "f", "f" }, { "x", "x" }, { "male", "m" }, { "female", "f" },
		{ "man", "m" }, { "woman", "f" }, { "м", "m" }, { "ж", "f" }, { "муж", "m" },
		{ "жен", "f" }, { "мужской", "m" }, { "женский", "f" }, { "ер", "m" },
		{ "әйел", "f" }, { "other", "x" }, { "M", "m" }, { "F", "f" }, { "X", "x" },
		{ "Male", "m" }, { "Female", "f" }, { "М", "m" }, { "Ж", "f" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].in, s))
			return map[i].out;
	return NULL;
}

static json_t *canon_value(const char *name, const struct field *f, json_t *v,
                           const struct io_canon_opts *o, cw_err *e);

static json_t *canon_obj(const char *name, const struct field *sub, json_t *v,
                         const struct io_canon_opts *o, cw_err *e)
{
	json_t *out;
	const char *k;
	json_t *x;
	char path[160];

	if (!json_is_object(v)) {
		cw_err_field(e, CW_EINVAL, name, "expected an object");
		return NULL;
	}
	json_object_foreach(v, k, x)
	{
		if (!find(sub, k)) {
			char field[CW_ERR_MSG_MAX];
			snprintf(field, sizeof(field), "%s.%s", name, k);
			cw_err_field(e, CW_EINVAL, field, "unknown field");
			return NULL;
		}
	}
	out = json_object();
	for (const struct field *f = sub; f->name; f++) {
		json_t *c;
		x = json_object_get(v, f->name);
		if (x && json_is_null(x) && o->partial)
			json_object_set_new(out, f->name, json_null());
		if (!x || json_is_null(x))
			continue;
		snprintf(path, sizeof(path), "%s.%s", name, f->name);
		if (!(c = canon_value(path, f, x, o, e))) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(out, f->name, c);
	}
	return out;
}

/* "sources": ids, or {source, locator, excerpt} objects. */
static json_t *canon_sources(const char *name, json_t *v, const struct io_canon_opts *o,
                             cw_err *e)
{
	static const struct field cite_f[] = {
		{ "excerpt", K_STR, NULL, NULL, false },
		{ "locator", K_STR, NULL, NULL, false },
		{ "source", K_REF, NULL, NULL, true },
		END,
	};
	json_t *out, *x;
	size_t i;

	if (!json_is_array(v)) {
		cw_err_field(e, CW_EINVAL, name, "expected a list");
		return NULL;
	}
	out = json_array();
	json_array_foreach(v, i, x)
	{
		json_t *c;
		if (json_is_string(x)) {
			if (check_id(name, x, e))
				goto fail;
			c = ns_idv(x, o);
		} else {
			if (!(c = canon_obj(name, cite_f, x, o, e)))
				goto fail;
			if (!json_object_get(c, "source")) {
				json_decref(c);
				cw_err_field(e, CW_EINVAL, name, "a citation needs a source");
				goto fail;
			}
			if (json_object_size(c) == 1) { /* just an id: the short form */
				json_t *s = json_incref(json_object_get(c, "source"));
				json_decref(c);
				c = s;
			}
		}
		json_array_append_new(out, c);
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

static json_t *canon_list_of(const char *name, json_t *v, const struct field *sub,
                             const char *key, const struct io_canon_opts *o, cw_err *e)
{
	json_t *out, *x;
	size_t i;

	if (!json_is_array(v)) {
		cw_err_field(e, CW_EINVAL, name, "expected a list");
		return NULL;
	}
	out = json_array();
	json_array_foreach(v, i, x)
	{
		json_t *c;
		if (json_is_string(x) && key) {
			if (check_id(name, x, e))
				goto fail;
			c = ns_idv(x, o);
		} else {
			if (!(c = canon_obj(name, sub, x, o, e)))
				goto fail;
			if (key && !json_object_get(c, key)) {
				json_decref(c);
				cw_err_field(e, CW_EINVAL, name, "each entry needs '%s'", key);
				goto fail;
			}
			if (key && json_object_size(c) == 1) {
				json_t *s = json_incref(json_object_get(c, key));
				json_decref(c);
				c = s;
			}
		}
		json_array_append_new(out, c);
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

static json_t *canon_names(const char *name, json_t *v, const struct io_canon_opts *o,
                           cw_err *e)
{
	static const struct field name_f[] = {
		{ "kind", K_ENUM, "primary|alias|transliteration", NULL, false },
		{ "lang", K_STR, NULL, NULL, false },
		{ "name", K_STR, NULL, NULL, true },
		END,
	};
	json_t *out, *x;
	size_t i;

	if (json_is_string(v)) { /* one name given as a string */
		json_t *a = json_array();
		json_array_append(a, v);
		out = canon_names(name, a, o, e);
		json_decref(a);
		return out;
	}
	if (!json_is_array(v) || json_array_size(v) == 0) {
		cw_err_field(e, CW_EINVAL, name, "expected a non-empty list of names");
		return NULL;
	}
	out = json_array();
	json_array_foreach(v, i, x)
	{
		json_t *c;
		const char *s;
		if (json_is_string(x)) {
			if (want_string(name, x, e))
				goto fail;
			c = json_incref(x);
		} else {
			if (!(c = canon_obj(name, name_f, x, o, e)))
				goto fail;
			if (!json_object_get(c, "name")) {
				json_decref(c);
				cw_err_field(e, CW_EINVAL, name, "each name needs 'name'");
				goto fail;
			}
			if (json_object_size(c) == 1) {
				json_t *s1 = json_incref(json_object_get(c, "name"));
				json_decref(c);
				c = s1;
			}
		}
		s = json_is_string(c) ? json_string_value(c)
		                      : json_string_value(json_object_get(c, "name"));
		if (!*s) {
			json_decref(c);
			cw_err_field(e, CW_EINVAL, name, "empty name");
			goto fail;
		}
		json_array_append_new(out, c);
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

/* A date as spreadsheets in our region write them: d.m.yyyy (day first,
 * always), d/m/y or m/d/y (both readings possible: refused unless order
 * says which; one impossible reading leaves the other). Into out in the
 * canonical form: 1 read, 0 not such a date, -1 refused with e set. */
static int local_date(const char *s, enum io_date_order order, char out[CW_DATE_TEXT_MAX],
                      cw_err *e)
{
	unsigned a, b, y;
	char sep, tail;
	int n = 0;
	cw_date d;
	char iso[16];

	if (sscanf(s, "%2u%c%2u%*c%n", &a, &sep, &b, &n) < 3 || (sep != '.' && sep != '/'))
		return 0;
	if (s[n - 1] != sep || sscanf(s + n, "%4u%c", &y, &tail) != 1 ||
	    strspn(s + n, "0123456789") != strlen(s + n))
		return 0;
	if (strlen(s + n) == 2) {
		if (!order)
			return cw_err_set(e, CW_EINVAL,
			                  "'%s': a two-digit year (19%02u or 20%02u?); write the year in "
			                  "full, or give --date-order dmy|mdy to read 00-29 as 20xx and "
			                  "30-99 as 19xx",
			                  s, y, y);
		y += 1900; /* with --date-order: 00-29 -> 20xx, else 19xx */
		if (y < 1930)
			y += 100;
	} else if (strlen(s + n) != 4) {
		return 0;
	}
	if (sep == '/') {
		bool dmy_ok = b >= 1 && b <= 12 && a >= 1 && a <= 31;
		bool mdy_ok = a >= 1 && a <= 12 && b >= 1 && b <= 31;
		if (order == IO_DATE_MDY || (!order && mdy_ok && !dmy_ok)) {
			unsigned t = a;
			a = b;
			b = t;
		} else if (!order && dmy_ok && mdy_ok && a != b) {
			return cw_err_set(e, CW_EINVAL,
			                  "'%s': day and month could be either way round; say which "
			                  "with --date-order dmy or --date-order mdy",
			                  s);
		}
	}
	snprintf(iso, sizeof(iso), "%04u-%02u-%02u", y, b, a);
	if (cw_date_parse(iso, strlen(iso), &d, e))
		return -1;
	cw_date_format(&d, out);
	return 1;
}

static json_t *canon_value(const char *name, const struct field *f, json_t *v,
                           const struct io_canon_opts *o, cw_err *e)
{
	cw_date d;
	char buf[CW_DATE_TEXT_MAX];

	switch (f->kind) {
	case K_STR:
		if (json_is_integer(v) || json_is_real(v)) /* 405 for "405" */
			return json_is_integer(v) ? json_sprintf("%lld", (long long)json_integer_value(v))
			                          : NULL;
		if (want_string(name, v, e))
			return NULL;
		return json_incref(v);
	case K_DATE:
		if (json_is_integer(v)) { /* a bare year */
			char y[24];
			snprintf(y, sizeof(y), "%lld", (long long)json_integer_value(v));
			if (cw_date_parse(y, strlen(y), &d, e))
				goto date_fail;
		} else if (want_string(name, v, e)) {
			goto date_fail;
		} else if (cw_date_parse(json_string_value(v), json_string_length(v), &d, e)) {
			/* the forms spreadsheets write: 07.07.1985, 7/7/1985 */
			cw_err ue = CW_ERR_INIT;
			int r = local_date(json_string_value(v), o->date_order, buf, &ue);
			if (r < 0) {
				*e = ue;
				goto date_fail;
			}
			if (r == 0)
				goto date_fail;
			return json_string(buf);
		} else {
			/* the parser accepts only the canonical shapes */
			return json_incref(v);
		}
		cw_date_format(&d, buf);
		return json_string(buf);
	date_fail:
		cw_err_prefix_field(e, name);
		return NULL;
	case K_INT:
		if (json_is_integer(v)) {
			if (json_integer_value(v) < 0 || json_integer_value(v) > 100000000) {
				cw_err_field(e, CW_EINVAL, name, "out of range");
				return NULL;
			}
			return json_incref(v);
		}
		if (json_is_string(v)) {
			char *end;
			long long n;
			errno = 0;
			n = strtoll(json_string_value(v), &end, 10);
			if (!errno && *json_string_value(v) && !*end && n >= 0 && n <= 100000000)
				return json_integer(n);
		}
		cw_err_field(e, CW_EINVAL, name, "expected a whole number");
		return NULL;
	case K_NUM:
		if (json_is_number(v))
			return json_incref(v);
		if (json_is_string(v)) {
			char *end;
			const char *s = json_string_value(v);
			errno = 0;
			if (strchr(s, '.')) {
				double x = strtod(s, &end);
				if (!errno && *s && !*end)
					return json_real(x);
			} else {
				long long n = strtoll(s, &end, 10);
				if (!errno && *s && !*end)
					return json_integer(n);
			}
		}
		cw_err_field(e, CW_EINVAL, name, "expected a number");
		return NULL;
	case K_BOOL:
		if (json_is_boolean(v))
			return json_incref(v);
		if (json_is_string(v)) {
			const char *s = json_string_value(v);
			if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "1"))
				return json_true();
			if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "0"))
				return json_false();
		}
		cw_err_field(e, CW_EINVAL, name, "expected true or false");
		return NULL;
	case K_LEVEL: {
		int l;
		if (!json_is_string(v) || cw_level_parse(json_string_value(v), &l)) {
			cw_err_field(e, CW_EINVAL, name, "expected public, internal or confidential");
			return NULL;
		}
		return json_incref(v);
	}
	case K_REF:
		if (check_id(name, v, e))
			return NULL;
		return ns_idv(v, o);
	case K_VOCAB:
		if (want_string(name, v, e))
			return NULL;
		if (o->vocab && !o->vocab(o->vocab_arg, f->arg, json_string_value(v))) {
			char codes[700];
			if (o->vocab_codes) {
				o->vocab_codes(o->vocab_arg, f->arg, codes, sizeof(codes));
				cw_err_field(e, CW_EINVAL, name, "'%s' is not in the %s vocabulary (one of: %s)",
				             json_string_value(v), f->arg, codes);
			} else
				cw_err_field(e, CW_EINVAL, name, "'%s' is not in the %s vocabulary",
				             json_string_value(v), f->arg);
			return NULL;
		}
		return json_incref(v);
	case K_ENUM:
		if (want_string(name, v, e))
			return NULL;
		if (!enum_has(f->arg, json_string_value(v))) {
			cw_err_field(e, CW_EINVAL, name, "'%s' is not one of %s",
			           json_string_value(v), f->arg);
			return NULL;
		}
		return json_incref(v);
	case K_SEX: {
		const char *c;
		if (want_string(name, v, e))
			return NULL;
		if (!(c = sex_code(json_string_value(v)))) {
			cw_err_field(e, CW_EINVAL, name, "'%s' is not m, f or x",
			           json_string_value(v));
			return NULL;
		}
		return json_string(c);
	}
	case K_HEX64: {
		const char *s;
		if (want_string(name, v, e))
			return NULL;
		s = json_string_value(v);
		if (strlen(s) != 64 || strspn(s, "0123456789abcdef") != 64) {
			cw_err_field(e, CW_EINVAL, name, "expected 64 lowercase hex digits");
			return NULL;
		}
		return json_incref(v);
	}
	case K_NAMES:
		return canon_names(name, v, o, e);
	case K_SOURCES:
		return canon_sources(name, v, o, e);
	case K_CHARGES: {
		static const struct field charge_f[] = {
			{ "provision", K_REF, NULL, NULL, true },
			{ "sources", K_SOURCES, NULL, NULL, false },
			END,
		};
		json_t *out = canon_list_of(name, v, charge_f, "provision", o, e), *x;
		size_t i;
		/* Provisions are shared law, not namespaced (see docs/import.md). */
		if (out && o->namespace_) {
			json_array_foreach(v, i, x)
			{
				const char *p = json_is_string(x) ? json_string_value(x)
				                                  : json_string_value(json_object_get(x, "provision"));
				if (json_is_string(x))
					json_array_set_new(out, i, json_string(p));
				else
					json_object_set_new(json_array_get(out, i), "provision", json_string(p));
			}
		}
		return out;
	}
	case K_PARTICIPANTS: {
		static const struct field part_f[] = {
			{ "person", K_REF, NULL, NULL, true },
			{ "role", K_VOCAB, "role", NULL, false },
			END,
		};
		return canon_list_of(name, v, part_f, NULL, o, e);
	}
	case K_OBJ:
		return canon_obj(name, f->sub, v, o, e);
	}
	cw_err_field(e, CW_EINVAL, name, "unsupported value");
	return NULL;
}

/* Derive an id from the content: TYPE-first 12 hex digits of SHA-256 of
 * the canonical body without id. */
static int derive_id(json_t *out, const char *type, const struct io_canon_opts *o,
                     cw_err *e)
{
	unsigned char h[32];
	char hex[65], *body = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char id[64];

	if (!body)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	crypto_hash_sha256(h, (const unsigned char *)body, strlen(body));
	free(body);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(id, sizeof(id), "%s-%.12s", type, hex);
	json_object_set_new(out, "id", ns_id(id, o));
	return 0;
}

json_t *io_canonicalize(json_t *in, const struct io_canon_opts *o, cw_err *e)
{
	const char *type, *k;
	const struct field *fields;
	json_t *out = NULL, *v, *idv;

	if (!json_is_object(in)) {
		cw_err_set(e, CW_EINVAL, "record: expected a JSON object");
		return NULL;
	}
	v = json_object_get(in, "type");
	if (!v) {
		cw_err_field(e, CW_EINVAL, "type", "missing");
		return NULL;
	}
	if (!json_is_string(v) || !(fields = fields_of(json_string_value(v)))) {
		cw_err_field(e, CW_EINVAL, "type", "unknown type '%s'",
		             json_is_string(v) ? json_string_value(v) : "?");
		return NULL;
	}
	type = json_string_value(v);
	json_object_foreach(in, k, v)
	{
		if (strcmp(k, "type") && strcmp(k, "id") && !find_any(type, k)) {
			cw_err_field(e, CW_EINVAL, k, "unknown field for a %s", type);
			return NULL;
		}
	}
	/* type, id, then the other fields sorted by name: merge the type's
	 * table and the common one (both sorted). */
	out = json_object();
	json_object_set_new(out, "type", json_string(type));
	idv = json_object_get(in, "id");
	if (idv && !json_is_null(idv) &&
	    !(json_is_string(idv) && !json_string_length(idv) && o->from_csv)) {
		if (check_id("id", idv, e))
			goto fail;
		/* Provisions keep their legal id under a namespace. */
		json_object_set_new(out, "id", strcmp(type, "provision")
		                                       ? ns_id(json_string_value(idv), o)
		                                       : json_incref(idv));
	}
	{
		const struct field *a = fields, *b = common_f;
		bool level_set = false;
		while (a->name || b->name) {
			const struct field *f;
			json_t *c;
			if (!b->name || (a->name && strcmp(a->name, b->name) < 0))
				f = a++;
			else
				f = b++;
			if (!strcmp(f->name, "confidentiality"))
				level_set = true;
			v = json_object_get(in, f->name);
			if (o->partial && json_is_null(v)) {
				json_object_set_new(out, f->name, json_null());
				continue;
			}
			if (o->partial && (!v || (json_is_string(v) && !json_string_length(v) &&
			                          o->from_csv)))
				continue;
			if (!v || json_is_null(v) ||
			    (json_is_string(v) && !json_string_length(v) && o->from_csv)) {
				if (f->required) {
					cw_err_field(e, CW_EINVAL, f->name, "missing (a %s needs it)", type);
					goto fail;
				}
				if (!strcmp(f->name, "confidentiality"))
					json_object_set_new(out, "confidentiality",
					                    json_string(cw_level_name(o->default_level)));
				continue;
			}
			if (!(c = canon_value(f->name, f, v, o, e)))
				goto fail;
			if (json_is_array(c) && !json_array_size(c)) { /* [] means absent */
				json_decref(c);
				if (o->partial)
					json_object_set_new(out, f->name, json_null());
				continue;
			}
			json_object_set_new(out, f->name, c);
		}
		(void)level_set;
	}
	if (!json_object_get(out, "id") && o->partial) {
		cw_err_set(e, CW_EINVAL, "id: missing (changing a record needs its id)");
		goto fail;
	}
	if (!json_object_get(out, "id")) {
		/* derive it from the content, for idempotent re-import */
		json_t *withid = json_object();
		const char *k2;
		json_t *v2;
		if (derive_id(out, type, o, e)) {
			json_decref(withid);
			goto fail;
		}
		json_object_set_new(withid, "type", json_string(type));
		json_object_set(withid, "id", json_object_get(out, "id"));
		json_object_foreach(out, k2, v2)
		{
			if (strcmp(k2, "type") && strcmp(k2, "id"))
				json_object_set(withid, k2, v2);
		}
		json_decref(out);
		out = withid;
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}

/* ---- CSV ---- */

/* "Асқар Қайырбек [kk]", "Askar Kaiyrbek [en, transliteration]": a name
 * with its language and kind, as CSV and spreadsheet exports write it. */
static json_t *readable_name(const char *s, size_t n)
{
	const char *open = NULL;
	json_t *o;
	char inside[64];
	size_t il;

	if (n < 4 || s[n - 1] != ']')
		return NULL;
	for (size_t i = n - 1; i > 0; i--)
		if (s[i] == '[') {
			open = s + i;
			break;
		}
	if (!open || open == s || open[-1] != ' ' || (il = (size_t)(s + n - 1 - open - 1)) == 0 ||
	    il >= sizeof(inside))
		return NULL;
	memcpy(inside, open + 1, il);
	inside[il] = 0;
	o = json_object();
	for (char *save = NULL, *t = strtok_r(inside, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (!strcmp(t, "primary") || !strcmp(t, "alias") || !strcmp(t, "transliteration"))
			json_object_set_new(o, "kind", json_string(t));
		else if (strlen(t) >= 2 && strlen(t) <= 8 && strspn(t, "abcdefghijklmnopqrstuvwxyz-") == strlen(t))
			json_object_set_new(o, "lang", json_string(t));
		else {
			json_decref(o);
			return NULL; /* not ours: the brackets are part of the name */
		}
	}
	json_object_set_new(o, "name", json_stringn(s, (size_t)(open - 1 - s)));
	return o;
}

static json_t *csv_list_item(const char *s, size_t n, bool names)
{
	json_t *j;

	if (n && s[0] == '{') {
		j = json_loadb(s, n, 0, NULL);
		if (j)
			return j;
	}
	if (names && (j = readable_name(s, n)))
		return j;
	return json_stringn(s, n);
}

int io_csv_set(json_t *obj, const char *type, const char *column, const char *value,
               size_t len, cw_err *e)
{
	const struct field *f;
	char head[64];
	const char *us;

	if (!strcmp(column, "type") || !strcmp(column, "id")) {
		if (len)
			json_object_set_new(obj, column, json_stringn(value, len));
		return 0;
	}
	if ((f = find_any(type, column))) {
		if (!len)
			return 0;
		if (f->kind == K_NAMES || f->kind == K_SOURCES || f->kind == K_CHARGES ||
		    f->kind == K_PARTICIPANTS) {
			json_t *arr = json_array();
			const char *p = value, *end = value + len;
			while (p <= end) {
				const char *bar = memchr(p, '|', (size_t)(end - p));
				size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);
				/* a JSON object item may contain '|': take up to its closing brace */
				if (n && p[0] == '{') {
					const char *q = p;
					int depth = 0;
					bool str = false;
					for (; q < end; q++) {
						if (str) {
							if (*q == '\\')
								q++;
							else if (*q == '"')
								str = false;
						} else if (*q == '"') {
							str = true;
						} else if (*q == '{') {
							depth++;
						} else if (*q == '}' && --depth == 0) {
							q++;
							break;
						}
					}
					n = (size_t)(q - p);
					bar = q < end ? q : NULL;
				}
				if (n)
					json_array_append_new(arr, csv_list_item(p, n, f->kind == K_NAMES));
				if (!bar)
					break;
				p = bar + 1;
			}
			/* a list column given twice (names in a column each) adds up */
			if (json_is_array(json_object_get(obj, column))) {
				json_array_extend(json_object_get(obj, column), arr);
				json_decref(arr);
			} else {
				json_object_set_new(obj, column, arr);
			}
			return 0;
		}
		json_object_set_new(obj, column, json_stringn(value, len));
		return 0;
	}
	/* nested: sentence_months -> sentence.months */
	us = strchr(column, '_');
	while (us) {
		size_t hl = (size_t)(us - column);
		if (hl < sizeof(head)) {
			memcpy(head, column, hl);
			head[hl] = 0;
			f = find_any(type, head);
			if (f && f->kind == K_OBJ && find(f->sub, us + 1)) {
				json_t *sub = json_object_get(obj, head);
				if (!len)
					return 0;
				if (!sub) {
					sub = json_object();
					json_object_set_new(obj, head, sub);
				}
				json_object_set_new(sub, us + 1, json_stringn(value, len));
				return 0;
			}
		}
		us = strchr(us + 1, '_');
	}
	return cw_err_field(e, CW_EINVAL, column, "unknown field for a %s", type);
}

const char *const *io_csv_columns(const char *type)
{
	static const char *cols[N_TYPES][40];
	static bool done;

	if (!done) {
		for (size_t t = 0; t < N_TYPES; t++) {
			size_t n = 0;
			cols[t][n++] = "id";
			for (int pass = 0; pass < 2; pass++)
				for (const struct field *f = pass ? common_f : types[t].fields; f->name; f++) {
					if (f->kind == K_OBJ) {
						static char names[N_TYPES * 16][48];
						static size_t used;
						for (const struct field *s = f->sub; s->name; s++) {
							snprintf(names[used], sizeof(names[used]), "%s_%s", f->name,
							         s->name);
							cols[t][n++] = names[used++];
						}
					} else {
						cols[t][n++] = f->name;
					}
				}
			cols[t][n] = NULL;
		}
		done = true;
	}
	for (size_t t = 0; t < N_TYPES; t++)
		if (!strcmp(types[t].type, type))
			return cols[t];
	return NULL;
}

static char *scalar_text(json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_true(v))
		return strdup("true");
	if (json_is_false(v))
		return strdup("false");
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

char *io_csv_cell(json_t *rec, const char *column)
{
	json_t *v = json_object_get(rec, column);

	if (!v) {
		const char *us = strchr(column, '_');
		while (us && !v) {
			char head[64];
			size_t hl = (size_t)(us - column);
			if (hl < sizeof(head)) {
				memcpy(head, column, hl);
				head[hl] = 0;
				json_t *sub = json_object_get(rec, head);
				if (json_is_object(sub))
					v = json_object_get(sub, us + 1);
			}
			us = strchr(us + 1, '_');
		}
	}
	if (!v)
		return strdup("");
	if (json_is_array(v)) {
		size_t i, total = 0;
		json_t *x, *probe;
		char *out;
		char **parts = calloc(json_array_size(v) + 1, sizeof(*parts));
		if (!parts)
			return NULL;
		json_array_foreach(v, i, x)
		{
			if (json_is_object(x) && !strcmp(column, "names") && cw_json_str(x, "name") &&
			    json_object_size(x) <= 3 && !strchr(cw_json_str(x, "name"), '|')) {
				/* readable: "Асқар Қайырбек [kk]" (readable_name reads it back) */
				const char *lang = cw_json_str(x, "lang"), *kind = cw_json_str(x, "kind");
				parts[i] = NULL;
				if (asprintf(&parts[i], "%s [%s%s%s]", cw_json_str(x, "name"),
				             lang ? lang : "", lang && kind ? ", " : "",
				             kind ? kind : "") < 0)
					parts[i] = NULL;
			} else if (json_is_string(x) && !strcmp(column, "names") &&
			           (probe = readable_name(json_string_value(x), json_string_length(x)))) {
				/* a name that reads like "X [kk]" itself: JSON keeps it a name */
				json_t *o = json_pack("{sO}", "name", x);
				json_decref(probe);
				parts[i] = json_dumps(o, JSON_COMPACT);
				json_decref(o);
			} else {
				parts[i] = json_is_string(x) ? strdup(json_string_value(x))
				                             : json_dumps(x, JSON_COMPACT);
			}
			total += (parts[i] ? strlen(parts[i]) : 0) + 1;
		}
		out = malloc(total + 1);
		if (out) {
			out[0] = 0;
			size_t pos = 0;
			json_array_foreach(v, i, x)
			{
				size_t l = parts[i] ? strlen(parts[i]) : 0;
				if (i)
					out[pos++] = '|';
				if (l)
					memcpy(out + pos, parts[i], l);
				pos += l;
				out[pos] = 0;
			}
		}
		for (i = 0; i < json_array_size(v); i++)
			free(parts[i]);
		free(parts);
		return out;
	}
	return scalar_text(v);
}
