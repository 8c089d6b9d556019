/* report/findings_text.h: findings as sentences a report can quote (en,
 * ru, kk), as JSON, and partial dates as a reader writes them.
 *
 * Labels of event and source kinds come from the vocabularies through a
 * callback (the CLI passes store_vocab_label), so rendering needs no
 * database. Nothing here prints: text goes into a cw_buf, JSON into a new
 * jansson object the caller owns. */
#ifndef CW_REPORT_FINDINGS_TEXT_H
#define CW_REPORT_FINDINGS_TEXT_H

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "findings/findings.h"

/* A label for code in vocabulary ("event_kind", "source_kind", ...) in
 * lang; may return a pointer valid until the next call. */
typedef const char *(*report_label_fn)(void *arg, const char *vocabulary, const char *code,
                                       const char *lang);

struct findings_text_opts {
	const char *lang;  /* "en", "ru" or "kk" */
	const char *title; /* the provision's title, or NULL */
	report_label_fn label;
	void *label_arg;
};

/* Whether lang is one we write: en, ru, kk. */
bool report_lang_valid(const char *lang);
/* "2019", "July 2019", "7 July 2019" (ru: "июль 2019", "7 июля 2019";
 * kk: "2019 ж. шілде", "2019 ж. 7 шілде"). A date that does not parse is
 * copied as it is. */
int report_date(cw_buf *out, const char *date, const char *lang);
/* Russian plural form for n: one (1, 21), few (2-4, 22-24) or many. */
const char *report_ru_plural(long n, const char *one, const char *few, const char *many);

/* The findings as sentences, ending with a newline. */
int findings_text_render(cw_buf *out, const struct findings_result *r,
                         const struct findings_query *q, const struct findings_text_opts *o,
                         cw_err *e);
/* The cases, events and citations behind the numbers (citations only of
 * sources visible at q->clearance). */
int findings_text_explain(cw_buf *out, const struct findings_result *r,
                          const struct findings_query *q, const struct findings_text_opts *o,
                          cw_err *e);
/* The findings as one JSON object (keys as in DESIGN.md; with explain an
 * "explain" array). NULL when out of memory. */
json_t *findings_json(const struct findings_result *r, const struct findings_query *q,
                      bool explain);

#endif
