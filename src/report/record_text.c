/* report/record_text.c: one record as a researcher reads it. See
 * record_text.h. */
#include "report/record_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonout.h"

struct show {
	cw_buf *b;
	const struct report_labels *l;
	json_t *all; /* the object from store_show_get() */
};

/* Field labels in the three languages. */
static const char *tr(const struct show *s, const char *key)
{
	return report_word(s->l->lang, key);
}

static const char *vlabel(struct show *s, const char *vocab, const char *code)
{
	return report_vocab_label(s->l, vocab, code);
}

static void date(struct show *s, const char *d)
{
	report_date(s->b, d, s->l->lang);
}

/* The name a reader knows a person or organization by. */
static const char *display_name(json_t *rec)
{
	json_t *names = json_object_get(rec, "names"), *v;
	const char *first = NULL;
	size_t i;

	json_array_foreach(names, i, v)
	{
		const char *n =
		    json_is_string(v) ? json_string_value(v) : cw_json_str(v, "name");
		if (!first)
			first = n;
		if (json_is_object(v) && cw_json_str(v, "kind") &&
		    !strcmp(cw_json_str(v, "kind"), "primary"))
			return n;
	}
	return first ? first : "";
}

static void names(struct show *s, json_t *rec, const char *indent)
{
	json_t *v;
	size_t i;

	if (!json_array_size(json_object_get(rec, "names")))
		return;
	cw_buf_addf(s->b, "%s%s: ", indent, tr(s, "names"));
	json_array_foreach(json_object_get(rec, "names"), i, v)
	{
		const char *n =
		    json_is_string(v) ? json_string_value(v) : cw_json_str(v, "name");
		const char *lang = json_is_object(v) ? cw_json_str(v, "lang") : NULL;
		const char *kind = json_is_object(v) ? cw_json_str(v, "kind") : NULL;
		cw_buf_addf(s->b, "%s%s", i ? "; " : "", n ? n : "");
		if (lang || kind)
			cw_buf_addf(s->b, " (%s%s%s)", lang ? lang : "",
			            lang && kind ? ", " : "", kind ? kind : "");
	}
	cw_buf_adds(s->b, "\n");
}

/* One citation: source id, title, publisher, date, locator, excerpt. */
static void citation(struct show *s, json_t *c, const char *indent)
{
	const char *id =
	    json_is_string(c) ? json_string_value(c) : cw_json_str(c, "source");
	json_t *src = json_object_get(json_object_get(s->all, "sources"), id ? id : "");
	const char *d;

	if (!id)
		return;
	cw_buf_addf(s->b, "%s%s %s", indent, tr(s, "source"), id);
	if (src) {
		if (cw_json_str(src, "kind"))
			cw_buf_addf(s->b, " (%s)",
			            vlabel(s, "source_kind", cw_json_str(src, "kind")));
		if (cw_json_str(src, "title"))
			cw_buf_addf(s->b, ": \"%s\"", cw_json_str(src, "title"));
		if (cw_json_str(src, "publisher"))
			cw_buf_addf(s->b, ", %s", cw_json_str(src, "publisher"));
		/* the obtained date is never shown as if it were the publication's */
		if ((d = cw_json_str(src, "published"))) {
			cw_buf_adds(s->b, ", ");
			date(s, d);
		} else if ((d = cw_json_str(src, "obtained"))) {
			cw_buf_addf(s->b, ", %s ", tr(s, "obtained"));
			date(s, d);
		}
	}
	if (json_is_object(c) && cw_json_str(c, "locator"))
		cw_buf_addf(s->b, " — %s", cw_json_str(c, "locator"));
	if (json_is_object(c) && cw_json_str(c, "excerpt"))
		cw_buf_addf(s->b, ": \"%s\"", cw_json_str(c, "excerpt"));
	cw_buf_adds(s->b, "\n");
}

static void citations(struct show *s, json_t *rec, const char *indent)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(rec, "sources"), i, v) citation(s, v, indent);
}

/* A record is sourced when it, or one of its charges, cites a source. */
static bool sourced(json_t *rec)
{
	json_t *v;
	size_t i;

	if (json_array_size(json_object_get(rec, "sources")) > 0)
		return true;
	json_array_foreach(json_object_get(rec, "charges"), i,
	                   v) if (json_array_size(json_object_get(v, "sources")) >
	                          0) return true;
	return false;
}

static void sentence(struct show *s, json_t *sen)
{
	json_t *m = json_object_get(sen, "months");
	const char *sep = ": ";

	if (json_is_integer(m)) {
		cw_buf_adds(s->b, sep);
		report_count(s->b, report_lang_of(s->l->lang),
		             (long)json_integer_value(m), "month", "months", "месяц",
		             "месяца", "месяцев", "ай");
		sep = ", ";
	}
	if (cw_json_str(sen, "kind")) {
		cw_buf_addf(s->b, "%s%s", sep,
		            vlabel(s, "sentence_kind", cw_json_str(sen, "kind")));
		sep = ", ";
	}
	if (cw_json_str(sen, "regime")) {
		cw_buf_addf(s->b, "%s%s", sep,
		            vlabel(s, "regime", cw_json_str(sen, "regime")));
		sep = ", ";
	}
	if (json_is_number(json_object_get(sen, "amount"))) {
		cw_buf_addf(s->b, "%s%.0f", sep,
		            json_number_value(json_object_get(sen, "amount")));
		if (cw_json_str(sen, "currency"))
			cw_buf_addf(s->b, " %s", cw_json_str(sen, "currency"));
	}
}

static void event(struct show *s, json_t *ev, const char *mark)
{
	cw_buf_addf(s->b, "  %s", mark);
	if (cw_json_str(ev, "date")) {
		date(s, cw_json_str(ev, "date"));
		if (cw_json_str(ev, "end")) {
			cw_buf_adds(s->b, " — ");
			date(s, cw_json_str(ev, "end"));
		}
	} else {
		cw_buf_adds(s->b, "?");
	}
	cw_buf_addf(s->b, "  %s",
	            vlabel(s, "event_kind",
	                   cw_json_str(ev, "kind") ? cw_json_str(ev, "kind") : ""));
	if (json_is_object(json_object_get(ev, "sentence")))
		sentence(s, json_object_get(ev, "sentence"));
	if (cw_json_str(ev, "place"))
		cw_buf_addf(s->b, " (%s: %s)", tr(s, "place"), cw_json_str(ev, "place"));
	cw_buf_addf(s->b, " [%s]", cw_json_str(ev, "id"));
	if (!sourced(ev))
		cw_buf_addf(s->b, " %s", tr(s, "unsourced"));
	cw_buf_adds(s->b, "\n");
	citations(s, ev, "      ");
}

static void kase(struct show *s, json_t *c, const char *focus)
{
	json_t *rec = json_object_get(c, "record"), *v, *p;
	json_t *people = json_object_get(s->all, "people");
	json_t *provs = json_object_get(s->all, "provisions");
	size_t i;

	cw_buf_addf(s->b, "%s %s", tr(s, "case"), cw_json_str(rec, "id"));
	if (cw_json_str(rec, "number"))
		cw_buf_addf(s->b, " · %s %s", tr(s, "number"),
		            cw_json_str(rec, "number"));
	if (cw_json_str(rec, "region"))
		cw_buf_addf(s->b, " · %s", cw_json_str(rec, "region"));
	if (cw_json_str(rec, "authority"))
		cw_buf_addf(s->b, " · %s", cw_json_str(rec, "authority"));
	if (!sourced(rec))
		cw_buf_addf(s->b, " %s", tr(s, "unsourced"));
	cw_buf_adds(s->b, "\n");
	if ((p = json_object_get(
	         people, cw_json_str(rec, "person") ? cw_json_str(rec, "person") : "")))
		cw_buf_addf(s->b, "  %s: %s (%s)\n", tr(s, "person"), display_name(p),
		            cw_json_str(rec, "person"));
	citations(s, rec, "  ");
	json_array_foreach(json_object_get(rec, "charges"), i, v)
	{
		const char *id = json_is_string(v) ? json_string_value(v)
		                                   : cw_json_str(v, "provision");
		json_t *pr = json_object_get(provs, id);
		if (!pr && strrchr(id, '-')) {
			char *parent = strndup(id, (size_t)(strrchr(id, '-') - id));
			pr = parent ? json_object_get(provs, parent) : NULL;
			free(parent);
		}
		if (!i)
			cw_buf_addf(s->b, "  %s:", tr(s, "charges"));
		cw_buf_addf(s->b, "%s%s", i ? "    " : " ", id);
		if (pr && cw_json_str(pr, "title"))
			cw_buf_addf(s->b, " (%s)", cw_json_str(pr, "title"));
		cw_buf_adds(s->b, "\n");
		if (json_is_object(v))
			citations(s, v, "      ");
	}
	json_array_foreach(json_object_get(rec, "participants"), i, v)
	{
		json_t *pp = json_object_get(
		    people, cw_json_str(v, "person") ? cw_json_str(v, "person") : "");
		if (!i)
			cw_buf_addf(s->b, "  %s:", tr(s, "participants"));
		cw_buf_addf(s->b, "%s%s (%s)", i ? "    " : " ",
		            pp ? display_name(pp) : "", cw_json_str(v, "person"));
		if (cw_json_str(v, "role"))
			cw_buf_addf(s->b, ", %s",
			            vlabel(s, "role", cw_json_str(v, "role")));
		cw_buf_adds(s->b, "\n");
	}
	json_array_foreach(json_object_get(c, "events"), i, v) event(
	    s, v,
	    focus && cw_json_str(v, "id") && !strcmp(cw_json_str(v, "id"), focus) ? "→ "
	                                                                          : "");
	if (cw_json_str(rec, "notes"))
		cw_buf_addf(s->b, "  %s: %s\n", tr(s, "notes"),
		            cw_json_str(rec, "notes"));
}

static void person(struct show *s, json_t *rec)
{
	const char *sep = "  ";
	json_t *v;
	size_t i;

	cw_buf_addf(s->b, "%s — %s %s\n", display_name(rec), tr(s, "person"),
	            cw_json_str(rec, "id"));
	names(s, rec, "  ");
	static const char *const f[] = {"sex", "born", "died", "region"};
	for (size_t k = 0; k < 4; k++) {
		const char *val = cw_json_str(rec, f[k]);
		if (!val)
			continue;
		cw_buf_addf(s->b, "%s%s: ", sep, tr(s, f[k]));
		if (k == 1 || k == 2)
			date(s, val);
		else
			cw_buf_adds(s->b, val);
		sep = " · ";
	}
	if (strcmp(sep, "  "))
		cw_buf_addf(s->b, "%s%s\n", sourced(rec) ? "" : " ",
		            sourced(rec) ? "" : tr(s, "unsourced"));
	citations(s, rec, "  ");
	if (cw_json_str(rec, "merged_into")) {
		json_t *into = json_object_get(json_object_get(s->all, "people"),
		                               cw_json_str(rec, "merged_into"));
		cw_buf_addf(s->b, "  %s: %s (%s)\n", tr(s, "merged_into"),
		            into ? display_name(into) : "",
		            cw_json_str(rec, "merged_into"));
	}
	if (cw_json_str(rec, "notes"))
		cw_buf_addf(s->b, "  %s: %s\n", tr(s, "notes"),
		            cw_json_str(rec, "notes"));
	json_array_foreach(json_object_get(s->all, "affiliations"), i, v)
	{
		json_t *org = json_object_get(
		    json_object_get(s->all, "organizations"),
		    cw_json_str(v, "organization") ? cw_json_str(v, "organization") : "");
		cw_buf_addf(s->b, "  %s: %s%s%s (%s)", tr(s, "affiliation"),
		            cw_json_str(v, "role") ? cw_json_str(v, "role") : "",
		            cw_json_str(v, "role") ? ", " : "",
		            org ? display_name(org) : "", cw_json_str(v, "organization"));
		if (json_is_true(json_object_get(v, "alleged")))
			cw_buf_addf(s->b, ", %s", tr(s, "alleged"));
		if (json_is_true(json_object_get(v, "declared")))
			cw_buf_addf(s->b, ", %s", tr(s, "declared"));
		if (!sourced(v))
			cw_buf_addf(s->b, " %s", tr(s, "unsourced"));
		cw_buf_adds(s->b, "\n");
		citations(s, v, "      ");
	}
	json_array_foreach(json_object_get(s->all, "merged"), i, v)
	    cw_buf_addf(s->b, "  %s: %s (%s)\n", tr(s, "merged"), display_name(v),
	                cw_json_str(v, "id"));
	json_array_foreach(json_object_get(s->all, "cases"), i, v)
	{
		cw_buf_adds(s->b, "\n");
		kase(s, v, NULL);
	}
}

static void source(struct show *s, json_t *rec)
{
	static const char *const f[] = {"publisher",  "author",   "url",
	                                "published",  "obtained", "language",
	                                "reliability"};
	json_t *consent = json_object_get(rec, "consent"), *v;
	size_t i;

	cw_buf_addf(s->b, "%s %s", tr(s, "source"), cw_json_str(rec, "id"));
	if (cw_json_str(rec, "kind"))
		cw_buf_addf(s->b, " — %s",
		            vlabel(s, "source_kind", cw_json_str(rec, "kind")));
	if (cw_json_str(rec, "title"))
		cw_buf_addf(s->b, ": \"%s\"", cw_json_str(rec, "title"));
	cw_buf_adds(s->b, "\n");
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
		if (!cw_json_str(rec, f[k]))
			continue;
		cw_buf_addf(s->b, "  %s: ", tr(s, f[k]));
		if (!strcmp(f[k], "published") || !strcmp(f[k], "obtained"))
			date(s, cw_json_str(rec, f[k]));
		else
			cw_buf_adds(s->b, cw_json_str(rec, f[k]));
		cw_buf_adds(s->b, "\n");
	}
	cw_buf_addf(s->b, "  %s: %s\n", tr(s, "confidentiality"),
	            cw_json_str(rec, "confidentiality")
	                ? cw_json_str(rec, "confidentiality")
	                : "public");
	if (json_is_object(consent)) {
		cw_buf_addf(s->b, "  %s: %s", tr(s, "consent"),
		            cw_json_str(consent, "mode") ? cw_json_str(consent, "mode")
		                                         : "");
		if (json_is_boolean(json_object_get(consent, "publish")))
			cw_buf_addf(
			    s->b, "; %s: %s", tr(s, "may_publish"),
			    tr(s, json_is_true(json_object_get(consent, "publish"))
			              ? "yes"
			              : "no"));
		if (json_is_boolean(json_object_get(consent, "share")))
			cw_buf_addf(s->b, "; %s: %s", tr(s, "may_share"),
			            tr(s, json_is_true(json_object_get(consent, "share"))
			                      ? "yes"
			                      : "no"));
		if (cw_json_str(consent, "withdrawn")) {
			cw_buf_addf(s->b, "; %s ", tr(s, "withdrawn"));
			date(s, cw_json_str(consent, "withdrawn"));
		}
		cw_buf_adds(s->b, "\n");
	}
	if (json_array_size(json_object_get(s->all, "cited_by")))
		cw_buf_addf(s->b, "  %s:\n", tr(s, "cited_by"));
	json_array_foreach(json_object_get(s->all, "cited_by"), i, v)
	{
		cw_buf_addf(s->b, "    %s %s",
		            tr(s, cw_json_str(v, "type") ? cw_json_str(v, "type") : ""),
		            cw_json_str(v, "id"));
		if (cw_json_str(v, "what"))
			cw_buf_addf(s->b, " [%s]", cw_json_str(v, "what"));
		if (cw_json_str(v, "locator"))
			cw_buf_addf(s->b, " — %s", cw_json_str(v, "locator"));
		if (cw_json_str(v, "excerpt"))
			cw_buf_addf(s->b, ": \"%s\"", cw_json_str(v, "excerpt"));
		cw_buf_adds(s->b, "\n");
	}
}

static void organization(struct show *s, json_t *rec)
{
	json_t *ban = json_object_get(rec, "banned"), *v;
	size_t i;

	cw_buf_addf(s->b, "%s — %s %s", display_name(rec), tr(s, "organization"),
	            cw_json_str(rec, "id"));
	if (cw_json_str(rec, "kind"))
		cw_buf_addf(s->b, " (%s)",
		            vlabel(s, "organization_kind", cw_json_str(rec, "kind")));
	cw_buf_adds(s->b, "\n");
	names(s, rec, "  ");
	if (json_is_object(ban)) {
		cw_buf_addf(s->b, "  %s: ", tr(s, "banned"));
		date(s, cw_json_str(ban, "date"));
		if (cw_json_str(ban, "court"))
			cw_buf_addf(s->b, ", %s", cw_json_str(ban, "court"));
		if (cw_json_str(ban, "reference"))
			cw_buf_addf(s->b, ", %s", cw_json_str(ban, "reference"));
		cw_buf_adds(s->b, "\n");
	}
	citations(s, rec, "  ");
	json_array_foreach(json_object_get(s->all, "affiliations"), i, v)
	{
		json_t *p = json_object_get(
		    json_object_get(s->all, "people"),
		    cw_json_str(v, "person") ? cw_json_str(v, "person") : "");
		cw_buf_addf(s->b, "  %s: %s (%s)%s%s", tr(s, "affiliation"),
		            p ? display_name(p) : "", cw_json_str(v, "person"),
		            cw_json_str(v, "role") ? ", " : "",
		            cw_json_str(v, "role") ? cw_json_str(v, "role") : "");
		if (!sourced(v))
			cw_buf_addf(s->b, " %s", tr(s, "unsourced"));
		cw_buf_adds(s->b, "\n");
		citations(s, v, "      ");
	}
}

static void provision(struct show *s, json_t *rec)
{
	cw_buf_addf(s->b, "%s %s", tr(s, "provision"), cw_json_str(rec, "id"));
	if (cw_json_str(rec, "title"))
		cw_buf_addf(s->b, ": %s", cw_json_str(rec, "title"));
	cw_buf_adds(s->b, "\n  ");
	if (cw_json_str(rec, "jurisdiction"))
		cw_buf_addf(s->b, "%s, ", cw_json_str(rec, "jurisdiction"));
	if (cw_json_str(rec, "code"))
		cw_buf_addf(s->b, "%s, ", cw_json_str(rec, "code"));
	if (cw_json_str(rec, "article"))
		cw_buf_addf(s->b, "%s %s", tr(s, "article"), cw_json_str(rec, "article"));
	if (cw_json_str(rec, "part"))
		cw_buf_addf(s->b, ", %s %s", tr(s, "part"), cw_json_str(rec, "part"));
	cw_buf_addf(
	    s->b, "\n  %s: %lld\n", tr(s, "cases"),
	    (long long)json_integer_value(json_object_get(s->all, "cases_count")));
	citations(s, rec, "  ");
}

int report_record_text(cw_buf *out, json_t *shown, const struct report_labels *l,
                       cw_err *e)
{
	struct show s = {out, l, shown};
	json_t *rec = json_object_get(shown, "record"), *v;
	const char *type = cw_json_str(shown, "type"), *id = cw_json_str(shown, "id");
	size_t i;

	if (!type || !id)
		return cw_err_set(e, CW_EINVAL, "not a record to show");
	if (!strcmp(type, "person")) {
		person(&s, rec);
	} else if (!strcmp(type, "case") || !strcmp(type, "event")) {
		json_array_foreach(json_object_get(shown, "cases"), i, v)
		    kase(&s, v, !strcmp(type, "event") ? id : NULL);
	} else if (!strcmp(type, "source")) {
		source(&s, rec);
	} else if (!strcmp(type, "organization")) {
		organization(&s, rec);
	} else if (!strcmp(type, "provision")) {
		provision(&s, rec);
	} else {
		/* no layout of its own: its JSON, as `show --json` writes it */
		cw_jsonw w;
		cw_buf_addf(out, "%s %s\n", type, id);
		cw_jsonw_init(&w, out, CW_JSON_INDENT | CW_JSON_JANSSON);
		cw_jsonw_value(&w, rec);
		cw_buf_addch(out, '\n');
	}
	return 0; /* an unbounded buffer: out of memory shows as a short text */
}
