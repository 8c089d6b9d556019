/* report/findings_text.h: findings as sentences a report can quote (en,
 * ru, kk), and as JSON.
 *
 * The words (dates, counted nouns, labels of event and source kinds, which
 * come from the vocabularies through a callback) are report/labels.h's,
 * so rendering needs no database. Nothing here prints: text goes into a
 * cw_buf, JSON into a new jansson object the caller owns. */
#ifndef CW_REPORT_FINDINGS_TEXT_H
#define CW_REPORT_FINDINGS_TEXT_H

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "findings/findings.h"
#include "report/labels.h"

struct findings_text_opts {
	const char *lang;  /* "en", "ru" or "kk" */
	const char *title; /* the provision's title, or NULL */
	report_label_fn label;
	void *label_arg;
};

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
