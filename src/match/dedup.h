/* match/dedup.h: is this pair of person records one person? (docs/dedup.md)
 *
 * A pure function of two records' facts: no database, no printing. The
 * store finds candidate pairs (blocking on name keys) and fills struct
 * dedup_person; dedup_score() says how likely the pair is one person and
 * why.
 *
 * Score = name score (the best match_name_compare over the two records'
 * names; only names written out, two words or more that are not
 * initials, when both records have one), then evidence:
 *   - sex: m against f multiplies by DEDUP_SEX_CONFLICT;
 *   - birth dates: partial dates are intervals (1969 and 1969-05 are
 *     compatible); intervals that do not meet multiply by
 *     DEDUP_BORN_CONFLICT, unless the names agree (>= 0.90) and the two
 *     share a case number (a date miswritten in one source), or the
 *     years are one apart with the same month (and the same day when
 *     both give one: a year miswritten) or one of them is a year alone
 *     (often an age turned into a year), or two full dates of one day
 *     and month have years one digit apart (1976-10-14, 1986-10-14),
 *     which is neither a conflict
 *     nor a corroboration; equal full dates add DEDUP_BORN_SAME, other
 *     compatible dates DEDUP_BORN_COMPATIBLE;
 *   - region: a different region multiplies by DEDUP_REGION_DIFFERENT, the
 *     same adds DEDUP_REGION_SAME (match_region_same: Алматы = г. Алматы =
 *     Almaty city, Павлодарская область = Pavlodar, Nur-Sultan = Astana);
 *   - patronymics: when both people have one and no father's name of
 *     one is close to one of the other's (match_skeleton_sim >= 0.80),
 *     multiply by DEDUP_FATHER_CONFLICT: Григорий Семенович Галкин is
 *     not Григорий Владимирович Галкин, whatever other names they have;
 *   - shared organizations, case numbers and cited sources add their
 *     bonuses (each capped), only when the names already agree
 *     (name score >= DEDUP_EVIDENCE_MIN_NAME): evidence never makes two
 *     differently named people one.
 * Corroboration is an equal full birth date, a compatible one (for names
 * of fewer than DEDUP_YEAR_HOLDERS known holders), or a shared
 * organization, case number or source. Without it the score is capped at
 * DEDUP_COMMON_CAP, below the threshold, when:
 *   - the name has DEDUP_AMBIGUOUS or more known holders (name_count: the
 *     store counts distinct birth years, both sexes, and more records
 *     than one person plausibly has) and the region does not settle it
 *     (same region, fewer than DEDUP_COMMON_NAME holders): two records of
 *     "Nurlan Akhmetov" with no other facts are as likely to be homonyms
 *     as one person;
 *   - the names agree only in part (score under DEDUP_PARTIAL_NAME: a
 *     word on one side only, an initial, a typo), or one of them is a
 *     surname alone or with a single initial, or they differ in a word
 *     whose two spellings are both common in the database
 *     (word_count; DEDUP_COMMON_SPELLING): Бисенов and Бейсенов are two
 *     surnames, not a typo; but names that agree in part because one is
 *     misspelt (a word at most DEDUP_RARE_SPELLING people bear) pass
 *     when both records name the same region;
 *   - the records name different regions.
 * The result is clamped to [0, 1]. Additions are applied as
 * s + bonus * (1 - s), so they never reach 1 on their own. */
#ifndef CW_MATCH_DEDUP_H
#define CW_MATCH_DEDUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define DEDUP_DEFAULT_THRESHOLD 0.80

#define DEDUP_SEX_CONFLICT 0.30
#define DEDUP_BORN_CONFLICT 0.35
#define DEDUP_FATHER_CONFLICT 0.35
#define DEDUP_BORN_SAME 0.40       /* equal day-precision dates */
#define DEDUP_BORN_COMPATIBLE 0.15 /* intervals meet */
#define DEDUP_REGION_DIFFERENT 0.82
#define DEDUP_REGION_SAME 0.10
#define DEDUP_ORG_SHARED 0.20    /* per shared organization, up to two */
#define DEDUP_NUMBER_SHARED 0.50 /* a shared case number */
#define DEDUP_SOURCE_SHARED 0.10 /* per shared source, up to two */
#define DEDUP_EVIDENCE_MIN_NAME 0.65
/* A name with this many known holders is ambiguous. */
#define DEDUP_AMBIGUOUS 2
/* A compatible (partial) birth date corroborates a name only when it has
 * fewer known holders than this; an equal full date always does. */
#define DEDUP_YEAR_HOLDERS 8
/* Names scoring under this agree only in part: alone they do not pass. */
#define DEDUP_PARTIAL_NAME 0.95
/* A word written differently in two names is a typo unless both
 * spellings are borne by at least this many people each: Бисенов and
 * Бейсенов, both common, are two surnames. */
#define DEDUP_COMMON_SPELLING 3
/* Names that agree in part (at least DEDUP_TYPO_NAME) because a word of
 * one is borne by at most DEDUP_RARE_SPELLING people (a misspelling)
 * pass with the same region as their second fact. */
#define DEDUP_TYPO_NAME 0.85
#define DEDUP_RARE_SPELLING 2
/* With this many known holders, the same region no longer corroborates... */
#define DEDUP_COMMON_NAME 4
/* ...and an uncorroborated name of several people scores at most this. */
#define DEDUP_COMMON_CAP 0.75

#define DEDUP_MAX_REASONS 10
#define DEDUP_REASON_MAX 160

/* What scoring needs of one person. Lists are sorted (strcmp) and hold no
 * duplicates; every pointer is owned by the caller. */
struct dedup_person {
	const char *id;
	/* Names: one representative raw name per distinct folded form
	 * (match_fold_name), and those folded forms, in the same order. */
	const char *const *names;
	const char *const *folds;
	size_t nnames;
	const char *born;   /* partial date or NULL */
	const char *sex;    /* "m", "f", "x" or NULL */
	const char *region; /* folded region (match_fold_name) or NULL */
	const char *region_raw;
	const char *const *orgs; /* organization ids */
	size_t norgs;
	const char *const *numbers; /* case numbers */
	size_t nnumbers;
	const char *const *sources; /* cited source ids */
	size_t nsources;
	/* Fathers' names from the patronymics of the person's names
	 * (dedup_patronymic), any order; NULL/0 when none is written. */
	const char *const *fathers;
	size_t nfathers;
	/* Known holders of this person's most shared name: distinct birth
	 * years among the people bearing it (2 at least when both sexes
	 * bear it); 1 when nothing says the name has several holders. */
	unsigned name_count;
	/* dedup_names_written_out() kept at load: 1 or -1; 0 when not
	 * known (dedup_score looks). */
	signed char written_out;
	/* How many people in the database bear a folded name word, or NULL
	 * when unknown (then names that differ in a word of two common
	 * spellings are not told from a typo). */
	unsigned (*word_count)(const void *ctx, const char *word, size_t len);
	const void *word_ctx;
};

struct dedup_result {
	double score; /* in [0, 1] */
	double name;  /* the name score alone */
	/* With DEDUP_BULK, a pair whose sex or birth dates conflict and who
	 * share no evidence is not compared by name: score is then an upper
	 * bound (under 0.65, below the default threshold) and bound is 1. */
	int bound;
	/* Facts that disagree (DEDUP_CONFLICT_*), whatever the score. */
	unsigned conflicts;
	size_t nreasons;
	char reasons[DEDUP_MAX_REASONS][DEDUP_REASON_MAX];
};

/* Cut a string that snprintf truncated back to its last whole UTF-8
 * character (a reason never ends in half a Cyrillic letter). */
void dedup_utf8_trim(char *s);

/* Facts of two records that disagree. */
enum {
	DEDUP_CONFLICT_SEX = 1,    /* m against f */
	DEDUP_CONFLICT_BORN = 2,   /* birth dates that do not meet (not excused) */
	DEDUP_CONFLICT_REGION = 4, /* different regions */
	DEDUP_CONFLICT_FATHER = 8, /* patronymics of different fathers */
};

/* How dedup_score works: */
enum {
	DEDUP_BULK = 0,    /* no reasons; a conflict may give an upper bound */
	DEDUP_REASONS = 1, /* fill r->reasons (exact) */
	DEDUP_EXACT = 2,   /* no reasons, exact score */
};

/* Score a candidate pair. 0 on success; -1 with e set only when a name
 * is refused by match_name_compare (invalid UTF-8, over a limit), which
 * the store never lets in. how is DEDUP_BULK, DEDUP_REASONS or
 * DEDUP_EXACT; without DEDUP_REASONS r->reasons stays empty (faster for
 * bulk scoring). */
int dedup_score(const struct dedup_person *a, const struct dedup_person *b, int how,
                struct dedup_result *r, cw_err *e);

/* The father's name in a folded name (match_fold_name) of three words or
 * more: the root of its patronymic, the last word ending like one
 * (-ovich/-evich/-ovna/-evna/-ichna/-ich written -oviq ... in the fold,
 * Kazakh -uly/-kyzy, or Uzbek "X ugli"/"X kizi"): "bauirjanoviq" and
 * "bauirjanuli" both give "bauirjan". Two-word names give none: their
 * -uly/-kyzy word may be a surname. Writes the root (NUL-terminated)
 * into out and returns its length; 0 when there is none or it does not
 * fit. */
size_t dedup_patronymic(const char *fold, char *out, size_t cap);

/* One of the person's names is written out: two words or more that are
 * not initials (Aitqali Dauletbergenov, not A. Dauletbergenov). */
bool dedup_names_written_out(const struct dedup_person *p);

/* Two four-digit years written with one digit different (1976, 1986). */
bool dedup_one_digit_apart(int x, int y);

/* Number of shared entries of two sorted, duplicate-free lists. */
size_t dedup_shared(const char *const *a, size_t na, const char *const *b, size_t nb);

#endif
