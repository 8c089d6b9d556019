/* match/people.h: the people dedup compares, prepared once
 * (docs/dedup.md).
 *
 * The store loads people as they are recorded (store/people.h: a person
 * with the records merged into it, its names and facts);
 * dedup_people_new() turns them into what scoring (dedup.h) and
 * blocking (block.h) read, a pure function of the records:
 *   - every name folded (match_fold_name, on DEDUP_LOAD_THREADS threads);
 *     a name the matcher refuses (over a limit) or that folds to nothing
 *     is left out; names of one folded form are one, the first recorded
 *     kept as the name shown; names are listed in the order of their
 *     folded forms;
 *   - regions folded (match_fold_region);
 *   - initials the database resolves written out: when the names of all
 *     the people hold "saigazyev" beside one word starting with "s" and
 *     no other ("sagat"), "Сайгазыев С.Ш." gets "sagat saigazyev" as one
 *     more name (its folded form also stands as the name shown); two
 *     spellings of one word (match_skeleton_sim >= DEDUP_INITIAL_SAME_WORD)
 *     count as one word. An initial the names complete in several ways
 *     (M. beside Madina and Marzhan Akbergenova) makes the name several
 *     people's, unless another name of the person is written out;
 *   - the fathers' names of the patronymics (dedup_patronymic);
 *   - the known holders of each name (name_count, dedup.h): the birth
 *     years of the people bearing it (words sorted, initials kept), each
 *     run of DEDUP_HOLDER_YEARS consecutive years counted once, and of
 *     two full dates of one day whose years differ in a digit the year
 *     fewer records give dropped; 2 at least when both sexes bear it
 *     (unless one record says one sex against several saying the other:
 *     a sex mistyped); a person's is the largest over its names;
 *   - how many people bear each folded name word (word_count).
 * How many records bear a name says nothing by itself: a much-reported
 * activist may be in dozens of articles. */
#ifndef CW_MATCH_PEOPLE_H
#define CW_MATCH_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "match/dedup.h"

#define DEDUP_LOAD_THREADS 2
#define DEDUP_HOLDER_YEARS 3
#define DEDUP_INITIAL_SAME_WORD 0.80
/* More people than this cannot be compared (pairs pack two indexes in
 * 64 bits with room to spare). */
#define DEDUP_MAX_PEOPLE (UINT32_MAX / 4)

/* One person as recorded: every string and list is the caller's and must
 * outlive the dedup_people made from it. */
struct dedup_record {
	const char *id;
	const char *sex, *born, *region; /* as recorded, or NULL */
	const char *const *names;        /* as recorded, in the order recorded */
	size_t nnames;
	/* sorted (strcmp), without duplicates */
	const char *const *orgs; /* organization ids */
	size_t norgs;
	const char *const *numbers; /* case numbers */
	size_t nnumbers;
	const char *const *sources; /* cited source ids */
	size_t nsources;
};

typedef struct dedup_people dedup_people;

/* Prepare n records (at most DEDUP_MAX_PEOPLE, else CW_ELIMIT). Person
 * i is record i. The result keeps pointers to the records' strings and
 * lists (not to in itself, which the caller may free at once); free it
 * with dedup_people_free(). */
int dedup_people_new(const struct dedup_record *in, size_t n, dedup_people **out,
                     cw_err *e);
void dedup_people_free(dedup_people *p);
size_t dedup_people_count(const dedup_people *p);
/* Person i (i < count), owned by p. */
const struct dedup_person *dedup_people_get(const dedup_people *p, size_t i);
/* Person i's names as recorded (*n of them: every name of its records,
 * also those the matcher refuses), owned by the caller of
 * dedup_people_new. */
const char *const *dedup_people_recorded(const dedup_people *p, size_t i, size_t *n);

/* The words of a folded name of two letters or more (initials too when
 * initials is set: "m akbergenova" is not everyone called Akbergenova),
 * sorted, each followed by a space: the name's key whatever the word
 * order. Written to out (cap bytes, words that do not fit left out, not
 * NUL-terminated); returns the length. */
size_t dedup_sorted_words(const char *fold, bool initials, char *out, size_t cap);

#endif
