/* report/findings_text.c: findings as sentences, explanations and JSON.
 * See findings_text.h. */
#include "report/findings_text.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

static void people(cw_buf *b, enum report_lang l, long n)
{
	report_count(b, l, n, "person", "people", "человек", "человека", "человек", "адам");
}

static void date_in(cw_buf *b, const cw_date *d, enum report_lang l)
{
	char t[CW_DATE_TEXT_MAX];

	cw_date_format(d, t);
	report_date(b, t, report_lang_code(l));
}

static void period(cw_buf *b, const struct findings_query *q, enum report_lang l)
{
	bool f = q->from.year != 0, t = q->to.year != 0;

	if (!f && !t)
		return;
	if (l == REPORT_EN) {
		cw_buf_adds(b, f && t ? " between " : f ? " since " : " until ");
		if (f)
			date_in(b, &q->from, l);
		if (f && t)
			cw_buf_adds(b, " and ");
		if (t)
			date_in(b, &q->to, l);
		return;
	}
	cw_buf_adds(b, l == REPORT_RU ? " (период: " : " (кезең: ");
	if (f)
		date_in(b, &q->from, l);
	else
		cw_buf_adds(b, "…");
	cw_buf_adds(b, " — ");
	if (t)
		date_in(b, &q->to, l);
	else
		cw_buf_adds(b, "…");
	cw_buf_adds(b, ")");
}

/* Without a period, "since" the year of the earliest counted case, or NULL. */
static const char *since_year(const struct findings_result *r, const struct findings_query *q)
{
	if (q->from.year || q->to.year || !r->nby_year)
		return NULL;
	return r->by_year[0].key; /* four-digit years: sorted bytewise is by number */
}

static const char *label(const struct findings_text_opts *o, const char *vocab,
                         const char *code)
{
	const struct report_labels l = { o->lang, o->label, o->label_arg };

	return report_vocab_label(&l, vocab, code);
}

static void provision(cw_buf *b, const struct findings_query *q,
                      const struct findings_text_opts *o)
{
	cw_buf_adds(b, q->provision);
	if (o->title && *o->title)
		cw_buf_addf(b, " (%s)", o->title);
}

/* "key — N unit, key — N unit" with label lookups for vocab (or none). */
static void list(cw_buf *b, enum report_lang l, const struct findings_count *c, size_t n,
                 const struct findings_text_opts *o, const char *vocab, bool persons)
{
	for (size_t i = 0; i < n; i++) {
		const char *k = vocab ? label(o, vocab, c[i].key) : c[i].key;
		if (!vocab && persons && !strcmp(k, "unknown"))
			k = report_word(report_lang_code(l), "unknown");
		cw_buf_adds(b, i ? (vocab && persons ? "; " : ", ") : "");
		cw_buf_addf(b, "%s%s", k, l == REPORT_EN ? ": " : " — ");
		if (persons)
			people(b, l, c[i].n);
		else if (!vocab)
			report_count(b, l, c[i].n, "case", "cases", "дело", "дела", "дел", "іс");
		else
			cw_buf_addf(b, "%ld", c[i].n);
	}
}

/* Unsourced cases left out are said, so that nobody misses them. */
static void unsourced_note(cw_buf *b, enum report_lang l, const struct findings_result *r)
{
	if (!r->unsourced)
		return;
	if (l == REPORT_RU)
		cw_buf_addf(b, "Не учтено дел без источников: %ld (их учитывает --include-unsourced).\n",
		            r->unsourced);
	else if (l == REPORT_KK)
		cw_buf_addf(b, "Дереккөзсіз %ld іс есепке алынбады (--include-unsourced оларды"
		               " есептейді).\n",
		            r->unsourced);
	else
		cw_buf_addf(b, "%ld unsourced %s left out (--include-unsourced counts %s).\n",
		            r->unsourced, r->unsourced == 1 ? "case" : "cases",
		            r->unsourced == 1 ? "it" : "them");
}

int findings_text_render(cw_buf *out, const struct findings_result *r,
                         const struct findings_query *q, const struct findings_text_opts *o,
                         cw_err *e)
{
	enum report_lang l = report_lang_of(o->lang);
	const char *since = since_year(r, q);

	if (!r->cases) {
		if (l == REPORT_RU) {
			cw_buf_adds(out, "Дел по ");
			provision(out, q, o);
			cw_buf_adds(out, ", отвечающих условиям");
			period(out, q, l);
			cw_buf_adds(out, ", не найдено.\n");
		} else if (l == REPORT_KK) {
			provision(out, q, o);
			cw_buf_adds(out, " бойынша шарттарға сай іс");
			period(out, q, l);
			cw_buf_adds(out, " табылмады.\n");
		} else {
			cw_buf_adds(out, "No cases under ");
			provision(out, q, o);
			period(out, q, l);
			cw_buf_adds(out, " meet the criteria.\n");
		}
		unsourced_note(out, l, r);
		goto done;
	}
	/* The headline. */
	if (l == REPORT_RU) {
		cw_buf_adds(out, "Как минимум ");
		people(out, l, r->persons);
		cw_buf_addf(out, " %s уголовному преследованию по ",
		            report_ru_plural(r->persons, "подвергся", "подверглись", "подверглись"));
		provision(out, q, o);
		cw_buf_addf(out, " в рамках %ld %s", r->cases,
		            report_ru_plural(r->cases, "уголовного дела", "уголовных дел",
		                             "уголовных дел"));
		if (since)
			cw_buf_addf(out, " с %s года", since);
	} else if (l == REPORT_KK) {
		cw_buf_adds(out, "Кемінде ");
		people(out, l, r->persons);
		if (since)
			cw_buf_addf(out, " %s жылдан бері", since);
		cw_buf_adds(out, " ");
		provision(out, q, o);
		cw_buf_addf(out, " бойынша %ld қылмыстық іс аясында қудалауға ұшырады", r->cases);
	} else {
		cw_buf_addf(out, "At least %ld %s %s targeted under ", r->persons,
		            r->persons == 1 ? "person" : "people", r->persons == 1 ? "was" : "were");
		provision(out, q, o);
		cw_buf_addf(out, " in %ld %s", r->cases, r->cases == 1 ? "case" : "cases");
		if (since)
			cw_buf_addf(out, " since %s", since);
	}
	period(out, q, l);
	cw_buf_adds(out, ".");
	if (r->repeat_persons) {
		if (l == REPORT_RU)
			cw_buf_addf(out, " Как минимум %ld из них %s повторному преследованию после"
			                 " прежнего осуждения.",
			            r->repeat_persons,
			            report_ru_plural(r->repeat_persons, "подвергся", "подверглись",
			                             "подверглись"));
		else if (l == REPORT_KK)
			cw_buf_addf(out, " Олардың ішінде кемінде %ld адам бұрынғы соттылығынан кейін"
			                 " қайта қудалауға ұшырады.",
			            r->repeat_persons);
		else
			cw_buf_addf(out, " At least %ld of them %s prosecuted again after an earlier"
			                 " conviction.",
			            r->repeat_persons, r->repeat_persons == 1 ? "was" : "were");
	}
	if (r->sources) {
		if (l == REPORT_RU)
			cw_buf_addf(out, " Источников: %ld (", r->sources);
		else if (l == REPORT_KK)
			cw_buf_addf(out, " Дереккөздер: %ld (", r->sources);
		else
			cw_buf_addf(out, " Documented by %ld %s (", r->sources,
			            r->sources == 1 ? "source" : "sources");
		list(out, l, r->sources_by_kind, r->nsources_by_kind, o, "source_kind", false);
		cw_buf_adds(out, ").");
	}
	if (q->include_unsourced)
		cw_buf_adds(out, l == REPORT_RU   ? " Учтены и дела без источников."
		                 : l == REPORT_KK ? " Дереккөзсіз істер де есепке алынды."
		                           : " Unsourced cases are included.");
	cw_buf_adds(out, "\n");
	unsourced_note(out, l, r);
	if (r->nby_year) {
		cw_buf_adds(out, l == REPORT_RU   ? "По году первого зафиксированного события: "
		                 : l == REPORT_KK ? "Алғашқы тіркелген оқиға жылы бойынша: "
		                           : "By year of the first recorded event: ");
		list(out, l, r->by_year, r->nby_year, o, NULL, false);
		cw_buf_adds(out, ".\n");
	}
	cw_buf_adds(out, l == REPORT_RU   ? "По регионам: "
	                 : l == REPORT_KK ? "Өңірлер бойынша: "
	                                  : "By region: ");
	list(out, l, r->by_region, r->nby_region, o, NULL, true);
	cw_buf_adds(out, ".\n");
	if (r->nby_event) {
		cw_buf_adds(out, l == REPORT_RU   ? "По событиям: "
		                 : l == REPORT_KK ? "Оқиғалар бойынша: "
		                           : "By event: ");
		list(out, l, r->by_event, r->nby_event, o, "event_kind", true);
		cw_buf_adds(out, ".\n");
	}
done:
	(void)e; /* an unbounded buffer: out of memory shows as a short text */
	return 0;
}

static void cite_line(cw_buf *b, const struct store_fcite *c, const char *on,
                      const struct findings_text_opts *o)
{
	cw_buf_addf(b, "    source %s (%s)", c->source,
	            label(o, "source_kind", c->kind ? c->kind : "other"));
	if (c->title)
		cw_buf_addf(b, " \"%s\"", c->title);
	if (on)
		cw_buf_addf(b, " for %s", on);
	if (c->what && *c->what)
		cw_buf_addf(b, " [%s]", c->what);
	if (c->locator)
		cw_buf_addf(b, ", %s", c->locator);
	if (c->excerpt)
		cw_buf_addf(b, ": \"%s\"", c->excerpt);
	cw_buf_adds(b, "\n");
}

int findings_text_explain(cw_buf *out, const struct findings_result *r,
                          const struct findings_query *q, const struct findings_text_opts *o,
                          cw_err *e)
{
	cw_buf_addf(out, "\nBehind these numbers (%ld %s, %ld %s):\n", r->cases,
	            r->cases == 1 ? "case" : "cases", r->persons,
	            r->persons == 1 ? "person" : "people");
	for (size_t i = 0; i < r->ncounted; i++) {
		const struct findings_case *fc = &r->counted[i];
		const struct store_fcase *c = fc->c;

		cw_buf_addf(out, "case %s: person %s", c->id, c->person);
		if (strcmp(c->person, c->person_shown))
			cw_buf_addf(out, " (merged: counted as %s)", c->person_shown);
		cw_buf_addf(out, ", region %s, charges ", fc->region);
		for (size_t k = 0; k < c->ncharges; k++)
			cw_buf_addf(out, "%s%s", k ? ", " : "", c->charges[k]);
		if (fc->year)
			cw_buf_addf(out, "; by_year %d", fc->year);
		else
			cw_buf_adds(out, "; no dated event (not in by_year)");
		if (fc->repeat)
			cw_buf_adds(out, "; repeat prosecution");
		cw_buf_adds(out, "\n");
		for (size_t k = 0; k < c->ncites; k++)
			if (c->cites[k].source_vis <= q->clearance)
				cite_line(out, &c->cites[k], NULL, o);
		for (size_t k = 0; k < c->nevents; k++) {
			const struct store_fevent *ev = &c->events[k];
			if (ev->vis > q->clearance)
				continue;
			cw_buf_addf(out, "  event %s: %s, ", ev->id, label(o, "event_kind", ev->kind));
			if (ev->date)
				report_date(out, ev->date, o->lang);
			else
				cw_buf_adds(out, "undated");
			if (!fc->event_counted[k])
				cw_buf_adds(out, " (outside the period)");
			cw_buf_adds(out, "\n");
			for (size_t m = 0; m < ev->ncites; m++)
				if (ev->cites[m].source_vis <= q->clearance)
					cite_line(out, &ev->cites[m], ev->id, o);
		}
	}
	if (r->nrepeat_ids) {
		cw_buf_adds(out, "repeat_person_ids:");
		for (size_t i = 0; i < r->nrepeat_ids; i++)
			cw_buf_addf(out, " %s", r->repeat_person_ids[i]);
		cw_buf_adds(out, "\n");
	}
	(void)e;
	return 0;
}

static json_t *counts_json(const struct findings_count *c, size_t n)
{
	json_t *o = json_object();

	for (size_t i = 0; o && i < n; i++)
		json_object_set_new(o, c[i].key, json_integer(c[i].n));
	return o;
}

static json_t *date_json(const cw_date *d)
{
	char t[CW_DATE_TEXT_MAX];

	if (!d->year)
		return json_null();
	cw_date_format(d, t);
	return json_string(t);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *cite_json(const struct store_fcite *c, const char *record)
{
	json_t *o = json_object();

	json_object_set_new(o, "record", json_string(record));
	if (c->what && *c->what)
		json_object_set_new(o, "what", json_string(c->what));
	json_object_set_new(o, "source", json_string(c->source));
	json_object_set_new(o, "kind", json_string(c->kind ? c->kind : "other"));
	json_object_set_new(o, "locator", str_or_null(c->locator));
	if (c->excerpt)
		json_object_set_new(o, "excerpt", json_string(c->excerpt));
	return o;
}

static json_t *explain_json(const struct findings_result *r, const struct findings_query *q)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < r->ncounted; i++) {
		const struct findings_case *fc = &r->counted[i];
		const struct store_fcase *c = fc->c;
		json_t *o = json_object(), *ch = json_array(), *evs = json_array(),
		       *cites = json_array();

		json_object_set_new(o, "id", json_string(c->id));
		json_object_set_new(o, "person", json_string(c->person));
		if (strcmp(c->person, c->person_shown))
			json_object_set_new(o, "counted_as", json_string(c->person_shown));
		json_object_set_new(o, "region", json_string(fc->region));
		json_object_set_new(o, "year", fc->year ? json_integer(fc->year) : json_null());
		json_object_set_new(o, "repeat", json_boolean(fc->repeat));
		for (size_t k = 0; k < c->ncharges; k++)
			json_array_append_new(ch, json_string(c->charges[k]));
		for (size_t k = 0; k < c->ncites; k++)
			if (c->cites[k].source_vis <= q->clearance)
				json_array_append_new(cites, cite_json(&c->cites[k], c->id));
		for (size_t k = 0; k < c->nevents; k++) {
			const struct store_fevent *ev = &c->events[k];
			if (ev->vis > q->clearance)
				continue;
			if (fc->event_counted[k]) {
				json_t *eo = json_object();
				json_object_set_new(eo, "id", json_string(ev->id));
				json_object_set_new(eo, "kind", json_string(ev->kind));
				json_object_set_new(eo, "date", str_or_null(ev->date));
				json_array_append_new(evs, eo);
			}
			for (size_t m = 0; m < ev->ncites; m++)
				if (ev->cites[m].source_vis <= q->clearance)
					json_array_append_new(cites, cite_json(&ev->cites[m], ev->id));
		}
		json_object_set_new(o, "charges", ch);
		json_object_set_new(o, "events", evs);
		json_object_set_new(o, "citations", cites);
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *findings_json(const struct findings_result *r, const struct findings_query *q,
                      bool explain)
{
	json_t *o = json_object(), *ids = json_array();

	if (!o || !ids) {
		json_decref(o);
		json_decref(ids);
		return NULL;
	}
	json_object_set_new(o, "provision", json_string(q->provision));
	json_object_set_new(o, "from", date_json(&q->from));
	json_object_set_new(o, "to", date_json(&q->to));
	json_object_set_new(o, "persons", json_integer(r->persons));
	json_object_set_new(o, "cases", json_integer(r->cases));
	json_object_set_new(o, "repeat_persons", json_integer(r->repeat_persons));
	for (size_t i = 0; i < r->nrepeat_ids; i++)
		json_array_append_new(ids, json_string(r->repeat_person_ids[i]));
	json_object_set_new(o, "repeat_person_ids", ids);
	json_object_set_new(o, "by_year", counts_json(r->by_year, r->nby_year));
	json_object_set_new(o, "by_region", counts_json(r->by_region, r->nby_region));
	json_object_set_new(o, "by_event", counts_json(r->by_event, r->nby_event));
	json_object_set_new(o, "sources_by_kind",
	                    counts_json(r->sources_by_kind, r->nsources_by_kind));
	if (explain)
		json_object_set_new(o, "explain", explain_json(r, q));
	return o;
}
