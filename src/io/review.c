/* io/review.c: deciding suggested mentions. See review.h. */
#include "io/review.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonout.h"
#include "io/edit.h"
#include "store/audit.h"
#include "store/edit.h"
#include "store/record.h"
#include "store/review.h"

/* Event kinds a sentence belongs to. */
static const char *const sentencing[] = {
    "sentenced",       "convicted",      "sentence_converted",  "fined",
    "appeal_rejected", "appeal_granted", "probation_violation", NULL};

static bool one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static char *text_of(json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

/* Set obj[field] = v unless it holds something else already (refused with
 * the reason). Appends "path=value" to became. Steals v. */
static int set_unless_other(json_t *rec, json_t *obj, const char *path, const char *field,
                            json_t *v, char *became, size_t cap, cw_err *e)
{
	json_t *old = json_object_get(obj, field);
	char *nv = text_of(v);
	size_t len = strlen(became);
	int rc = 0;

	if (old && !json_equal(old, v)) {
		char *ov = text_of(old);
		rc = cw_err_set(
		    e, CW_EINVAL,
		    "'%s' has %s %s already and the mention says %s: change it with "
		    "'casewatch set %s %s=...' if the article is right",
		    cw_json_str(rec, "id"), path, ov ? ov : "?", nv ? nv : "?",
		    cw_json_str(rec, "id"), path);
		free(ov);
		json_decref(v);
	} else if (old) {
		json_decref(v);
	} else {
		json_object_set_new(obj, field, v);
		snprintf(became + len, cap - len, "%s%s=%s", len ? ", " : "", path,
		         nv ? nv : "?");
	}
	free(nv);
	return rc;
}

static int apply_sentence(const char *value, const char *text, json_t *rec, char *became,
                          size_t cap, cw_err *e)
{
	const char *colon = value ? strchr(value, ':') : NULL;
	json_t *sent;
	char kind[64];
	const char *rest;
	int rc;

	if (!colon || (size_t)(colon - value) >= sizeof(kind))
		return cw_err_set(e, CW_EINVAL, "no sentence could be read from '%s'",
		                  text);
	if (!one_of(cw_json_str(rec, "kind"), sentencing))
		return cw_err_set(
		    e, CW_EINVAL,
		    "'%s' is a %s event; a sentence belongs on a sentenced, convicted, "
		    "sentence_converted or fined event",
		    cw_json_str(rec, "id"), cw_json_str(rec, "kind"));
	memcpy(kind, value, (size_t)(colon - value));
	kind[colon - value] = 0;
	rest = colon + 1;
	sent = json_object_get(rec, "sentence");
	if (!json_is_object(sent)) {
		sent = json_object();
		json_object_set_new(rec, "sentence", sent);
	}
	if (!strcmp(kind, "regime"))
		return set_unless_other(rec, sent, "sentence.regime", "regime",
		                        json_string(rest), became, cap, e);
	if ((rc = set_unless_other(rec, sent, "sentence.kind", "kind", json_string(kind),
	                           became, cap, e)))
		return rc;
	if (!strcmp(kind, "fine")) {
		char *end;
		long long amount = strtoll(rest, &end, 10);
		if (end == rest)
			return 0;
		if ((rc = set_unless_other(rec, sent, "sentence.amount", "amount",
		                           json_integer(amount), became, cap, e)))
			return rc;
		while (*end == ' ')
			end++;
		return *end ? set_unless_other(rec, sent, "sentence.currency", "currency",
		                               json_string(end), became, cap, e)
		            : 0;
	}
	if (!strcmp(rest, "life"))
		return 0; /* no months to give; the kind says prison */
	if (rest[0] && rest[strspn(rest, "0123456789")] == 'h')
		return cw_err_set(
		    e, CW_EINVAL,
		    "'%s' counts hours, not months: set the sentence with 'casewatch "
		    "set %s sentence.kind=%s' and say the hours in notes",
		    text, cw_json_str(rec, "id"), kind);
	if (!rest[0] || rest[strspn(rest, "0123456789")])
		return 0;
	return set_unless_other(rec, sent, "sentence.months", "months",
	                        json_integer(strtoll(rest, NULL, 10)), became, cap, e);
}

/* Does the case charge a provision of this article ("405", "405-2")? */
static bool charges_article(json_t *rec, const char *value)
{
	char article[32];
	size_t i, n = strcspn(value, "-");
	json_t *c;

	if (n >= sizeof(article))
		return false;
	memcpy(article, value, n);
	article[n] = 0;
	json_array_foreach(json_object_get(rec, "charges"), i, c)
	{
		const char *p = json_is_string(c) ? json_string_value(c)
		                                  : cw_json_str(c, "provision");
		char want[40];
		if (!p)
			continue;
		snprintf(want, sizeof(want), "-%s", article);
		/* KZ-CC-405 or KZ-CC-405-2 */
		for (const char *q = strstr(p, want); q; q = strstr(q + 1, want))
			if (q[strlen(want)] == '\0' || q[strlen(want)] == '-')
				return true;
	}
	return false;
}

int io_mention_apply(const char *kind, const char *value, const char *text, json_t *rec,
                     char *became, size_t cap, cw_err *e)
{
	const char *type = cw_json_str(rec, "type"), *id = cw_json_str(rec, "id");

	if (cap)
		became[0] = 0;
	if (!type || !id)
		return cw_err_set(e, CW_EINVAL, "record without type or id");
	if (!strcmp(type, "source"))
		return cw_err_set(
		    e, CW_EINVAL,
		    "'%s' is a source: accept the mention as a record that the source "
		    "documents",
		    id);
	if (!strcmp(kind, "person") || !strcmp(kind, "organization")) {
		if (strcmp(type, kind))
			return cw_err_set(e, CW_EINVAL,
			                  "'%s' names a %s; '%s' is a %s: accept it as a "
			                  "%s (or without "
			                  "--as, to link or create one)",
			                  text, kind, id, type, kind);
	} else if (!strcmp(kind, "sentence")) {
		if (strcmp(type, "event"))
			return cw_err_set(
			    e, CW_EINVAL,
			    "a sentence ('%s') belongs on an event, not on a %s: accept "
			    "it "
			    "with --as EVENT_ID (an event of kind sentenced)",
			    text, type);
		if (apply_sentence(value, text, rec, became, cap, e))
			return -1;
	} else if (!strcmp(kind, "date")) {
		if (strcmp(type, "event"))
			return cw_err_set(
			    e, CW_EINVAL,
			    "a date ('%s') dates an event, not a %s: accept it with --as "
			    "EVENT_ID",
			    text, type);
		if (!value)
			return cw_err_set(
			    e, CW_EINVAL,
			    "no date could be read from '%s' (relative to a publication "
			    "date the source does not have)",
			    text);
		if (set_unless_other(rec, rec, "date", "date", json_string(value), became,
		                     cap, e))
			return -1;
	} else if (!strcmp(kind, "place")) {
		const char *field = !strcmp(type, "event") ? "place" : "region";
		if (strcmp(type, "event") && strcmp(type, "case") &&
		    strcmp(type, "person"))
			return cw_err_set(e, CW_EINVAL,
			                  "a place ('%s') is where a case, an event or a "
			                  "person is, not "
			                  "a %s",
			                  text, type);
		if (!value)
			return cw_err_set(e, CW_EINVAL,
			                  "'%s' could not be read as a known place",
			                  text);
		if (set_unless_other(rec, rec, field, field, json_string(value), became,
		                     cap, e))
			return -1;
	} else if (!strcmp(kind, "provision")) {
		if (!strcmp(type, "case")) {
			if (!value || !charges_article(rec, value))
				return cw_err_set(
				    e, CW_EINVAL,
				    "'%s' is not charged under article %s: add the "
				    "charge first "
				    "('casewatch set %s charges+=PROVISION_ID')",
				    id, value ? value : "?", id);
		} else if (strcmp(type, "provision")) {
			return cw_err_set(
			    e, CW_EINVAL,
			    "a provision ('%s') is cited by the provision or by a case "
			    "charged under it, not by a %s",
			    text, type);
		}
	} else if (!strcmp(kind, "count")) {
		if (strcmp(type, "provision"))
			return cw_err_set(
			    e, CW_EINVAL,
			    "a count ('%s') is a figure about many people, not evidence "
			    "about one %s: accept it only as a provision (--as "
			    "PROVISION_ID), or reject it",
			    text, type);
	} else {
		return cw_err_set(e, CW_EINVAL,
		                  "mentions of kind '%s' cannot be accepted", kind);
	}
	if (cap && !became[0])
		snprintf(became, cap, "cited");
	return 0;
}

/* Whether two excerpts quote the same passage: equal, or one inside the
 * other once the "…" marking a cut is taken off (mentions far apart in one
 * long sentence get differently cut excerpts of it). */
static bool same_passage(const char *a, const char *b)
{
	static const char ell[] = "…";
	const size_t el = sizeof(ell) - 1;
	size_t la = strlen(a), lb = strlen(b);
	char *x, *y;
	bool same;

	if (!strcmp(a, b))
		return true;
	if (la >= el && !memcmp(a, ell, el))
		a += el, la -= el;
	if (lb >= el && !memcmp(b, ell, el))
		b += el, lb -= el;
	if (la >= el && !memcmp(a + la - el, ell, el))
		la -= el;
	if (lb >= el && !memcmp(b + lb - el, ell, el))
		lb -= el;
	if (!la || !lb || !(x = strndup(a, la)))
		return false;
	if (!(y = strndup(b, lb))) {
		free(x);
		return false;
	}
	same = la >= lb ? strstr(x, y) != NULL : strstr(y, x) != NULL;
	free(x);
	free(y);
	return same;
}

/* Add {excerpt, source} to rec's sources unless it is there already. */
static bool add_citation(json_t *rec, const char *source, const char *excerpt)
{
	json_t *src = json_object_get(rec, "sources"), *v;
	size_t i;

	json_array_foreach(src, i, v)
	{
		const char *s =
		    json_is_string(v) ? json_string_value(v) : cw_json_str(v, "source");
		const char *x = json_is_object(v) ? cw_json_str(v, "excerpt") : NULL;
		if (s && !strcmp(s, source) &&
		    (!excerpt || (x && same_passage(x, excerpt))))
			return false;
	}
	if (!src) {
		src = json_array();
		json_object_set_new(rec, "sources", src);
	}
	json_array_append_new(
	    src, excerpt ? json_pack("{ssss}", "excerpt", excerpt, "source", source)
	                 : json_string(source));
	return true;
}

/* The id of a new record made from a mention: stable for the same
 * mention (source, position, text), so re-running changes nothing. */
static void derive_id(char *out, size_t cap, const char *type, const char *source,
                      long start, const char *text)
{
	crypto_hash_sha256_state s;
	unsigned char h[32];
	char hex[65], pos[32];

	snprintf(pos, sizeof(pos), "%ld", start);
	crypto_hash_sha256_init(&s);
	crypto_hash_sha256_update(&s, (const unsigned char *)source, strlen(source) + 1);
	crypto_hash_sha256_update(&s, (const unsigned char *)pos, strlen(pos) + 1);
	crypto_hash_sha256_update(&s, (const unsigned char *)text, strlen(text));
	crypto_hash_sha256_final(&s, h);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, cap, "%s-%.12s", type, hex);
}

/* A copy of the mention, taken from store_review_get's callback. */
struct mention_copy {
	char *kind, *text, *value, *suggested, *status, *linked, *source, *excerpt;
	long start;
	int level;
};

static int copy_mention(void *arg, const struct store_review_item *m, cw_err *e)
{
	struct mention_copy *c = arg;
	const char *src[] = {m->kind,   m->text,   m->value,  m->suggested,
	                     m->status, m->linked, m->source, m->excerpt};
	char **dst[] = {&c->kind,   &c->text,   &c->value,  &c->suggested,
	                &c->status, &c->linked, &c->source, &c->excerpt};

	for (size_t i = 0; i < sizeof(dst) / sizeof(dst[0]); i++)
		if (src[i] && !(*dst[i] = strdup(src[i])))
			return cw_err_set(e, CW_ENOMEM, "out of memory");
	c->start = m->start;
	c->level = m->source_level;
	return 0;
}

static void mention_release(struct mention_copy *c)
{
	free(c->kind);
	free(c->text);
	free(c->value);
	free(c->suggested);
	free(c->status);
	free(c->linked);
	free(c->source);
	free(c->excerpt);
	memset(c, 0, sizeof(*c));
}

static int accept_one(cw_db *db, long long mid, const char *as_id, const char *actor,
                      struct io_review_outcome *out, cw_err *e)
{
	struct mention_copy m = {0};
	struct io_edit_opts o = {actor, "review-accept", CW_CONFIDENTIAL, 0, 0};
	struct io_edit_result r;
	struct store_rec cur = {0};
	const char *target = as_id;
	json_t *rec = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->mid = mid;
	if (store_review_get(db, mid, CW_CONFIDENTIAL, copy_mention, &m, e))
		goto out;
	if (strcmp(m.status, "suggested")) {
		if (m.linked)
			cw_err_set(e, CW_EINVAL, "mention %lld was %s already (as %s)",
			           mid, m.status, m.linked);
		else
			cw_err_set(e, CW_EINVAL, "mention %lld was %s already", mid,
			           m.status);
		goto out;
	}
	if (!target)
		target = m.suggested;
	if (target) {
		if (store_record_get(db, target, CW_CONFIDENTIAL, &cur, e))
			goto out;
		if (!(rec = json_loads(cur.body, 0, NULL))) {
			cw_err_set(e, CW_ECORRUPT, "record '%s': stored JSON unreadable",
			           target);
			goto out;
		}
		o.expected = cur.revision;
	} else if (!strcmp(m.kind, "person") || !strcmp(m.kind, "organization")) {
		char id[64];
		derive_id(id, sizeof(id), m.kind, m.source, m.start, m.text);
		rec =
		    json_pack("{sssssss[s]}", "type", m.kind, "id", id, "confidentiality",
		              cw_level_name(m.level), "names", m.text);
		o.expected = STORE_REV_NEW;
		out->created = true;
	} else {
		cw_err_set(e, CW_EUSAGE,
		           "mention %lld (%s) has no suggested record: say which with "
		           "--as RECORD_ID",
		           mid, m.kind);
		goto out;
	}
	snprintf(out->record, sizeof(out->record), "%s", cw_json_str(rec, "id"));
	if (io_mention_apply(m.kind, m.value, m.text, rec, out->became,
	                     sizeof(out->became), e))
		goto out;
	add_citation(rec, m.source, m.excerpt);
	if (io_record_put(db, rec, &o, &r, e))
		goto out;
	out->revision = r.revision;
	if (store_review_mark(db, mid, "accepted", out->record, out->became, e))
		goto out;
	if (!r.changed) {
		/* nothing new for the record (it had all of it): the decision
		 * itself is still audited, once */
		if (store_audit_append(db, actor, "review-accept", NULL,
		                       "{\"mentions\":1,\"changed\":0}", e))
			goto out;
	}
	rc = 0;
out:
	if (rc)
		cw_err_prefix(e, "mention %lld", mid);
	json_decref(rec);
	store_rec_release(&cur);
	mention_release(&m);
	return rc;
}

int io_review_accept(cw_db *db, const long long *mids, size_t n, const char *as_id,
                     const char *actor, struct io_review_outcome *out, cw_err *e)
{
	if (store_begin(db, e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < i; k++)
			if (mids[k] == mids[i]) {
				store_rollback(db);
				return cw_err_set(e, CW_EUSAGE,
				                  "mention %lld is given twice", mids[i]);
			}
		if (accept_one(db, mids[i], as_id, actor, &out[i], e)) {
			store_rollback(db);
			return -1;
		}
	}
	return store_commit(db, e);
}

int io_review_reject(cw_db *db, const long long *mids, size_t n, const char *actor,
                     cw_err *e)
{
	char detail[64];

	if (store_begin(db, e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct mention_copy m = {0};
		if (store_review_get(db, mids[i], CW_CONFIDENTIAL, copy_mention, &m, e))
			goto fail;
		if (strcmp(m.status, "suggested")) {
			cw_err_set(e, CW_EINVAL, "mention %lld was %s already", mids[i],
			           m.status);
			mention_release(&m);
			goto fail;
		}
		mention_release(&m);
		if (store_review_mark(db, mids[i], "rejected", NULL, NULL, e))
			goto fail;
	}
	snprintf(detail, sizeof(detail), "{\"mentions\":%zu}", n);
	if (store_audit_append(db, actor, "review-reject", NULL, detail, e))
		goto fail;
	return store_commit(db, e);
fail:
	store_rollback(db);
	return -1;
}
