/* report/record_text.h: one record as a researcher reads it, for
 * `casewatch show` and the web UI's record pages.
 *
 * The input is the object store_show_get() gives (store/findings.h): the
 * record at one clearance with what it refers to, already filtered, which
 * is also the structured view a page or `show --json` uses as it is.
 * Rendered: names in every script, the timeline of cases and events in
 * date order with partial dates as they are known, charges, participants,
 * sentences, the citation behind each fact and [unsourced] where there is
 * none; for a source its metadata, consent and what cites it. The words
 * and the vocabulary labels are report/labels.h's. Nothing here prints or
 * touches the database. */
#ifndef CW_REPORT_RECORD_TEXT_H
#define CW_REPORT_RECORD_TEXT_H

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "report/labels.h"

/* Append the text of shown to out. An event is shown in its case, marked
 * with an arrow; a record type without a layout of its own as its JSON.
 * -1 (CW_EINVAL) when shown is not such an object. */
int report_record_text(cw_buf *out, json_t *shown, const struct report_labels *l,
                       cw_err *e);

#endif
