/* io/edit.c: one record at a time. See edit.h. */
#include "io/edit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "io/schema.h"
#include "store/record.h"
#include "store/vocab.h"

/* ---- pure helpers ---- */

json_t *io_merge_patch(json_t *target, json_t *patch)
{
	json_t *out, *v;
	const char *k;

	if (!json_is_object(patch))
		return json_deep_copy(patch);
	out = json_is_object(target) ? json_deep_copy(target) : json_object();
	json_object_foreach(patch, k, v)
	{
		if (json_is_null(v)) {
			json_object_del(out, k);
			continue;
		}
		json_object_set_new(out, k, io_merge_patch(json_object_get(out, k), v));
	}
	return out;
}

/* The key of a list's object form, for lists whose entries may be given
 * short (a string). */
static const char *short_key(const char *list)
{
	if (!strcmp(list, "names"))
		return "name";
	if (!strcmp(list, "sources"))
		return "source";
	if (!strcmp(list, "charges"))
		return "provision";
	return NULL;
}

static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* Walk rec along path up to its last segment, creating objects on the
 * way (with create). *last is the last segment (a pointer into buf). */
static json_t *walk(json_t *rec, char *buf, char **last, bool create, cw_err *e)
{
	json_t *cur = rec;
	char *seg = buf, *dot;
	char parent[64] = "";

	while ((dot = strchr(seg, '.'))) {
		json_t *next;
		*dot = 0;
		if (!*seg) {
			cw_err_set(e, CW_EINVAL, "%s: empty path segment", buf);
			return NULL;
		}
		if (json_is_array(cur)) {
			size_t i;
			if (!all_digits(seg) ||
			    (i = strtoul(seg, NULL, 10)) >= json_array_size(cur)) {
				cw_err_set(e, CW_EINVAL, "%s: no entry %s in the list",
				           buf, seg);
				return NULL;
			}
			next = json_array_get(cur, i);
			if (json_is_string(next) && short_key(parent)) {
				json_t *o = json_object();
				json_object_set(o, short_key(parent), next);
				json_array_set_new(cur, i, o);
				next = o;
			}
		} else {
			next = json_object_get(cur, seg);
			if (!next && create) {
				next = json_object();
				json_object_set_new(cur, seg, next);
			}
			if (!next) {
				cw_err_set(e, CW_EINVAL, "%s: not set", buf);
				return NULL;
			}
		}
		if (!json_is_object(next) && !json_is_array(next)) {
			cw_err_set(e, CW_EINVAL,
			           "%s: '%s' holds a single value, not fields", buf, seg);
			return NULL;
		}
		snprintf(parent, sizeof(parent), "%s", seg);
		*dot = '.';
		cur = next;
		seg = dot + 1;
	}
	if (!*seg) {
		cw_err_set(e, CW_EINVAL, "%s: empty path segment", buf);
		return NULL;
	}
	*last = seg;
	return cur;
}

/* The value of a text assignment: a list field splits as CSV does. */
static json_t *text_value(json_t *rec, const char *path, const char *value, cw_err *e)
{
	const char *type = cw_json_str(rec, "type");
	json_t *tmp, *v;

	if (!strchr(path, '.') && type && io_type_known(type)) {
		tmp = json_object();
		if (io_csv_set(tmp, type, path, value, strlen(value), e) == 0) {
			v = json_object_get(tmp, path);
			if (v) {
				json_incref(v);
				json_decref(tmp);
				return v;
			}
		}
		json_decref(tmp);
		cw_err_clear(e);
	}
	return json_string(value);
}

int io_path_assign(json_t *rec, const char *assignment, cw_err *e)
{
	const char *eq = strchr(assignment, '=');
	char *path = NULL, *last;
	json_t *parent, *val = NULL;
	char op = '=';
	size_t pl;
	int rc = -1;

	if (!eq || eq == assignment)
		return cw_err_set(e, CW_EUSAGE, "'%s': expected FIELD=VALUE", assignment);
	pl = (size_t)(eq - assignment);
	if (pl > 1 && strchr(":+-", eq[-1])) {
		op = eq[-1];
		pl--;
	}
	if (!(path = strndup(assignment, pl)))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (!strcmp(path, "type") || !strcmp(path, "id")) {
		cw_err_set(e, CW_EINVAL,
		           "%s: cannot be changed (add a new record instead)", path);
		goto out;
	}
	if (op == ':') {
		json_error_t je;
		val = json_loads(eq + 1, JSON_DECODE_ANY, &je);
		if (!val) {
			cw_err_set(e, CW_EINVAL, "%s: not JSON: %s", path, je.text);
			goto out;
		}
	} else {
		val = text_value(rec, path, eq + 1, e);
	}
	if (!(parent = walk(rec, path, &last, true, e)))
		goto out;
	if (op == '+' || op == '-') {
		json_t *list = json_is_array(parent) && all_digits(last)
		                   ? json_array_get(parent, strtoul(last, NULL, 10))
		                   : json_object_get(parent, last);
		json_t *items =
		    json_is_array(val) ? json_incref(val) : json_pack("[O]", val);
		size_t i, j;
		json_t *x;
		if (list && !json_is_array(list)) {
			json_decref(items);
			cw_err_set(e, CW_EINVAL, "%s: not a list", path);
			goto out;
		}
		if (op == '+') {
			if (!list) {
				list = json_array();
				json_object_set_new(parent, last, list);
			}
			json_array_extend(list, items);
		} else {
			bool found = false;
			json_array_foreach(items, j, x)
			{
				const char *name = json_string_value(x);
				for (i = 0; list && name && i < json_array_size(list);) {
					json_t *y = json_array_get(list, i);
					const char *k = short_key(last);
					const char *s = json_is_string(y)
					                    ? json_string_value(y)
					                : k ? cw_json_str(y, k)
					                    : NULL;
					if (!s && json_is_object(y))
						s = cw_json_str(y, "person");
					if (s && !strcmp(s, name)) {
						json_array_remove(list, i);
						found = true;
						continue;
					}
					i++;
				}
			}
			if (!found) {
				json_decref(items);
				cw_err_set(e, CW_EINVAL, "%s: '%s' is not in the list",
				           path, eq + 1);
				goto out;
			}
		}
		json_decref(items);
		rc = 0;
		goto out;
	}
	if (json_is_array(parent)) {
		size_t i;
		if (!all_digits(last) ||
		    (i = strtoul(last, NULL, 10)) > json_array_size(parent)) {
			cw_err_set(e, CW_EINVAL, "%s: no entry %s in the list", path,
			           last);
			goto out;
		}
		if (i == json_array_size(parent))
			json_array_append(parent, val);
		else
			json_array_set(parent, i, val);
	} else {
		json_object_set(parent, last, val);
	}
	rc = 0;
out:
	json_decref(val);
	free(path);
	return rc;
}

int io_path_unset(json_t *rec, const char *path, cw_err *e)
{
	char *buf = strdup(path), *last;
	json_t *parent;
	int rc = -1;

	if (!buf)
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (!strcmp(path, "type") || !strcmp(path, "id")) {
		cw_err_set(e, CW_EINVAL, "%s: cannot be removed", path);
		goto out;
	}
	if (!(parent = walk(rec, buf, &last, false, e)))
		goto out;
	if (json_is_array(parent)) {
		if (!all_digits(last) ||
		    json_array_remove(parent, strtoul(last, NULL, 10))) {
			cw_err_set(e, CW_EINVAL, "%s: not set", path);
			goto out;
		}
	} else if (json_object_del(parent, last)) {
		cw_err_set(e, CW_EINVAL, "%s: not set", path);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

static int diff_at(cw_buf *path, json_t *a, json_t *b, io_diff_fn fn, void *arg)
{
	size_t base = path->len;
	const char *k;
	json_t *v;
	int rc = 0;

	if (json_is_object(a) && json_is_object(b)) {
		/* a's keys in order, then those only b has */
		for (int pass = 0; pass < 2 && !rc; pass++) {
			json_t *from = pass ? b : a;
			json_object_foreach(from, k, v)
			{
				json_t *x = pass ? json_object_get(a, k) : v;
				json_t *y = pass ? v : json_object_get(b, k);
				if (pass && x)
					continue;
				if (base)
					cw_buf_addch(path, '.');
				cw_buf_adds(path, k);
				rc = diff_at(path, x, y, fn, arg);
				path->len = base;
				path->data[base] = 0;
				if (rc)
					break;
			}
		}
		return rc;
	}
	if (a && b && json_equal(a, b))
		return 0;
	return fn(arg, path->data, a, b);
}

int io_diff(json_t *a, json_t *b, io_diff_fn fn, void *arg)
{
	cw_buf path = CW_BUF_INIT;
	int rc = diff_at(&path, a, b, fn, arg);

	cw_buf_release(&path);
	return rc;
}

struct dropped {
	char *out;
	size_t cap, len;
};

static int note_dropped(void *arg, const char *path, json_t *old, json_t *neu)
{
	struct dropped *d = arg;
	int n;

	if (!old || neu)
		return 0;
	n = snprintf(d->out + d->len, d->cap - d->len, "%s%s", d->len ? ", " : "", path);
	if (n > 0 && (size_t)n < d->cap - d->len)
		d->len += (size_t)n;
	return 0;
}

void io_dropped_fields(json_t *old, json_t *neu, char *out, size_t cap)
{
	struct dropped d = {out, cap, 0};

	if (!cap)
		return;
	out[0] = 0;
	io_diff(old, neu, note_dropped, &d);
}

bool io_keep_attached(json_t *old, json_t *rec)
{
	static const struct {
		const char *type, *field;
	} attached[] = {{"source", "sha256"}, {"person", "merged_into"}};
	const char *type = cw_json_str(rec, "type");
	bool kept = false;

	for (size_t i = 0; type && i < sizeof(attached) / sizeof(attached[0]); i++) {
		json_t *v = json_object_get(old, attached[i].field);
		if (strcmp(type, attached[i].type) || !v ||
		    json_object_get(rec, attached[i].field))
			continue;
		json_object_set(rec, attached[i].field, v);
		kept = true;
	}
	return kept;
}

/* ---- writing ---- */

static int put_canonical(cw_db *db, json_t *in, const struct io_edit_opts *o,
                         long long expected, struct io_edit_result *r, cw_err *e)
{
	struct io_canon_opts co = {0};
	struct store_write w = {0};
	struct store_write_result wr;
	store_vocab *vocab = store_vocab_open(db, e);
	json_t *rec = NULL;
	cw_buf body = CW_BUF_INIT;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (!vocab)
		return -1;
	co.default_level = o->default_level;
	co.vocab = store_vocab_has;
	co.vocab_arg = vocab;
	co.vocab_codes = store_vocab_codes;
	if (!(rec = io_canonicalize(in, &co, e)))
		goto out;
	if (cw_json_write(&body, rec)) {
		cw_err_set(e, CW_ELIMIT, "record: longer than %u bytes", CW_MAX_RECORD);
		goto out;
	}
	snprintf(r->id, sizeof(r->id), "%s", cw_json_str(rec, "id"));
	snprintf(r->type, sizeof(r->type), "%s", cw_json_str(rec, "type"));
	w.obj = rec;
	w.body = body.data;
	w.expected = expected;
	w.actor = o->actor;
	w.how = o->how;
	w.clearance = o->clearance;
	if (store_record_write(db, &w, &wr, e))
		goto out;
	r->revision = wr.revision;
	r->created = wr.created;
	r->changed = wr.changed;
	rc = 0;
out:
	json_decref(rec);
	cw_buf_release(&body);
	store_vocab_free(vocab);
	return rc;
}

int io_record_put(cw_db *db, json_t *rec, const struct io_edit_opts *o,
                  struct io_edit_result *r, cw_err *e)
{
	return put_canonical(db, rec, o, o->expected, r, e);
}

/* Read id at the clearance: its record and the revision to expect. */
static json_t *read_current(cw_db *db, const char *id, const struct io_edit_opts *o,
                            long long *expected, cw_err *e)
{
	struct store_rec cur;
	json_t *obj;

	if (store_record_get(db, id, o->clearance, &cur, e))
		return NULL;
	if (o->expected > 0 && o->expected != cur.revision) {
		cw_err_set(
		    e, CW_ECONFLICT,
		    "'%s' changed since revision %lld (it is at revision %lld now): read "
		    "it again and redo the change",
		    id, o->expected, cur.revision);
		store_rec_release(&cur);
		return NULL;
	}
	*expected = cur.revision;
	obj = json_loads(cur.body, 0, NULL);
	if (!obj)
		cw_err_set(e, CW_ECORRUPT, "record '%s': stored JSON unreadable", id);
	store_rec_release(&cur);
	return obj;
}

int io_record_patch(cw_db *db, const char *id, json_t *patch,
                    const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e)
{
	long long expected;
	json_t *cur, *next;
	int rc;

	memset(r, 0, sizeof(*r));
	if (!json_is_object(patch))
		return cw_err_set(e, CW_EINVAL, "patch: expected a JSON object");
	if (!(cur = read_current(db, id, o, &expected, e)))
		return -1;
	for (int i = 0; i < 2; i++) {
		const char *k = i ? "id" : "type";
		json_t *v = json_object_get(patch, k);
		if (v && !json_equal(v, json_object_get(cur, k))) {
			json_decref(cur);
			return cw_err_set(e, CW_EINVAL, "%s: cannot be changed", k);
		}
	}
	next = io_merge_patch(cur, patch);
	rc = put_canonical(db, next, o, expected, r, e);
	json_decref(next);
	json_decref(cur);
	return rc;
}

/* Read id, apply fn to each of items, write it back. */
static int change(cw_db *db, const char *id, char *const *items, size_t n,
                  int (*fn)(json_t *, const char *, cw_err *),
                  const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e)
{
	long long expected;
	json_t *cur;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (!(cur = read_current(db, id, o, &expected, e)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (fn(cur, items[i], e))
			goto out;
	rc = put_canonical(db, cur, o, expected, r, e);
out:
	json_decref(cur);
	return rc;
}

int io_record_assign(cw_db *db, const char *id, char *const *assign, size_t n,
                     const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e)
{
	return change(db, id, assign, n, io_path_assign, o, r, e);
}

int io_record_unset(cw_db *db, const char *id, char *const *paths, size_t n,
                    const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e)
{
	return change(db, id, paths, n, io_path_unset, o, r, e);
}

int io_record_new(cw_db *db, const char *type, char *const *assign, size_t n,
                  const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e)
{
	json_t *rec;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (!io_type_known(type))
		return cw_err_set(e, CW_EINVAL, "type: unknown type '%s'", type);
	rec = json_pack("{ss}", "type", type);
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(assign[i], "id=", 3)) {
			json_object_set_new(rec, "id", json_string(assign[i] + 3));
			continue;
		}
		if (io_path_assign(rec, assign[i], e))
			goto out;
	}
	rc = put_canonical(db, rec, o, STORE_REV_NEW, r, e);
out:
	json_decref(rec);
	return rc;
}

int io_record_revert(cw_db *db, const char *id, long long rev,
                     const struct io_edit_opts *o, struct io_edit_result *r, cw_err *e)
{
	long long expected;
	char *type = NULL, *body = NULL;
	json_t *cur = NULL, *old = NULL;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (!(cur = read_current(db, id, o, &expected, e)))
		return -1;
	if (store_record_version(db, id, rev, o->clearance, true, &type, &body, e))
		goto out;
	if (!(old = json_loads(body, 0, NULL))) {
		cw_err_set(e, CW_ECORRUPT, "'%s' revision %lld: stored JSON unreadable",
		           id, rev);
		goto out;
	}
	rc = put_canonical(db, old, o, expected, r, e);
	if (rc)
		cw_err_prefix(e, "revision %lld", rev);
out:
	json_decref(cur);
	json_decref(old);
	free(type);
	free(body);
	return rc;
}
