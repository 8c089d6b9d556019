/* extract/mentions.h: spans of an article's text that matter to a monitor.
 *
 * mentions_find() reads plain UTF-8 text (the `text` of extract_article()
 * for HTML) and finds provisions ("Article 405 part 2", "ст. 405 ч. 2",
 * "405-баптың 2-бөлігі"), sentences ("7 лет лишения свободы"), counts
 * ("at least 135 people"), dates (absolute, and relative ones resolved
 * against the publication date), places (a built-in gazetteer of
 * Kazakhstan and Central Asia), and people and organizations: those of a
 * caller-supplied lexicon (also inflected: Кайырбека, Қайырбекке,
 * Rittman's) and unknown person candidates found from name shapes and cues
 * ("activist", "адвокат", "белсенді"). English, Russian and Kazakh.
 *
 * A pure function of its input: no database, no files, no output, no
 * globals that outlive a call. Time and memory are linear in the input
 * (every rule looks at a bounded window of tokens). docs/mentions.md lists
 * what is recognized and the limits. */
#ifndef CW_EXTRACT_MENTIONS_H
#define CW_EXTRACT_MENTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/err.h"

enum mention_kind {
	MENTION_PROVISION,
	MENTION_SENTENCE,
	MENTION_COUNT,
	MENTION_DATE,
	MENTION_ORGANIZATION,
	MENTION_PERSON,
	MENTION_PLACE,
};

/* One known name of a database record. Only MENTION_PERSON and
 * MENTION_ORGANIZATION are meaningful kinds; name and id are borrowed for
 * the duration of the call. A record with several names has several
 * entries. The lexicon finds the names it is given (inflected too) and
 * labels each span with its entry's id; it does not decide which record
 * a name denotes, at which clearance, or what a name several records
 * share means: the caller does. casewatch gives it no database names
 * (ingest workers must not see them): a person mention found in an
 * ingested article is linked to a person by io/ingest_link.h, the one
 * rule for that. `casewatch mentions --lexicon FILE` uses it on a file. */
struct mention_lexicon_entry {
	const char *name;
	const char *id;
	enum mention_kind kind;
};

struct mentions_opts {
	/* Publication date, for relative dates ("yesterday", "в прошлом
	 * месяце"); year 0 when unknown: relative dates are then reported
	 * with no value. */
	cw_date published;
	const struct mention_lexicon_entry *lexicon; /* may be NULL */
	size_t lexicon_len;
};

struct mention {
	enum mention_kind kind;
	/* [start, end) in Unicode code points (what the CLI prints), and the
	 * same span in bytes of the input. */
	size_t start, end;
	size_t byte_start, byte_end;
	char *text; /* the span as written (malloc'd) */
	/* Normalized value (malloc'd), NULL when there is none (a relative
	 * date without a publication date, an unknown person):
	 *   provision  "405", "405-2" (article[-part])
	 *   sentence   "prison:84", "restricted_freedom:24", "probation:12",
	 *              "compulsory_labour:6", "compulsory_labour:240h",
	 *              "prison:life", "regime:minimum", "fine:500000 KZT"
	 *   count      "135", "at_least:135" (at_least, more_than, about,
	 *              nearly, up_to, fewer_than)
	 *   date       "2021", "2021-07", "2021-07-07"
	 *   person, organization   the record id of a lexicon match
	 *   place      canonical English name ("Almaty", "Almaty Region") */
	char *value;
	/* Provisions only: the code named next to it, NULL when none:
	 * "Criminal Code", "Code of Administrative Offences",
	 * "Criminal Procedure Code". Static storage: never freed. */
	const char *code;
	bool known; /* a lexicon match (value is a record id) */
};

struct mention_list {
	struct mention *items; /* sorted by start; spans do not overlap */
	size_t len;
	size_t cap;
};

#define MENTIONS_MAX_LEXICON 1000000 /* entries in one lexicon */

void mention_list_init(struct mention_list *l);
/* Free every mention and the array; the list is empty afterwards. */
void mention_list_release(struct mention_list *l);

/* Find the mentions in text[0..len) and append them to out (which the
 * caller initialized). Text that is not valid UTF-8 fails with CW_EINVAL
 * naming the byte offset; text over CW_MAX_DOCUMENT bytes or a lexicon
 * over MENTIONS_MAX_LEXICON entries fails with CW_ELIMIT. On failure out
 * keeps what it held before the call. A mention never crosses a blank
 * line. */
int mentions_find(const char *text, size_t len, const struct mentions_opts *opts,
                  struct mention_list *out, cw_err *e);

/* "provision", "sentence", "count", "date", "organization", "person",
 * "place". */
const char *mention_kind_name(enum mention_kind k);

#endif
