/* report/labels.h: the words every renderer shares, in English, Russian
 * and Kazakh: the languages, partial dates as a reader writes them,
 * counted nouns, the labels of fields and record types, and the labels of
 * vocabulary codes (event kinds, source kinds, ...), which come from the
 * database through a callback so that rendering needs none.
 *
 * findings_text.c (findings as sentences) and record_text.c (one record,
 * `casewatch show` and the record pages) both take their words from here.
 * Nothing here prints: text goes into a cw_buf. */
#ifndef CW_REPORT_LABELS_H
#define CW_REPORT_LABELS_H

#include <stdbool.h>

#include "base/buf.h"

enum report_lang { REPORT_EN, REPORT_RU, REPORT_KK };

/* Whether lang is one we write: en, ru, kk. */
bool report_lang_valid(const char *lang);
/* "ru" and "kk" are theirs; anything else (NULL too) is English. */
enum report_lang report_lang_of(const char *lang);
/* "en", "ru" or "kk". */
const char *report_lang_code(enum report_lang l);

/* A label for code in vocabulary ("event_kind", "source_kind", ...) in
 * lang; may return a pointer valid until the next call. */
typedef const char *(*report_label_fn)(void *arg, const char *vocabulary,
                                       const char *code, const char *lang);

/* The language of a rendering and where its vocabulary labels come from
 * (the CLI passes store_vocab_label; label NULL: the codes themselves). */
struct report_labels {
	const char *lang;
	report_label_fn label;
	void *label_arg;
};

/* The label of code in vocabulary, or code itself without a callback. */
const char *report_vocab_label(const struct report_labels *l, const char *vocabulary,
                               const char *code);
/* The label of a field or record type ("born", "case", "cited_by",
 * "unsourced" ...) in lang; a key without one is its own label. */
const char *report_word(const char *lang, const char *key);

/* "2019", "July 2019", "7 July 2019" (ru: "июль 2019", "7 июля 2019";
 * kk: "2019 ж. шілде", "2019 ж. 7 шілде"). A date that does not parse is
 * copied as it is. */
int report_date(cw_buf *out, const char *date, const char *lang);
/* Russian plural form for n: one (1, 21), few (2-4, 22-24) or many. */
const char *report_ru_plural(long n, const char *one, const char *few, const char *many);
/* "N word" in the language's counting form: en1 or en_n, one of the three
 * Russian forms, the one Kazakh form. */
void report_count(cw_buf *b, enum report_lang l, long n, const char *en1,
                  const char *en_n, const char *ru1, const char *ru2, const char *ru5,
                  const char *kk);

#endif
