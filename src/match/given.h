/* match/given.h: given names that are one name in several languages
 * (docs/names.md "Given-name equivalents").
 *
 * A person named Павел in Russian papers is Павло / Pavlo in Ukrainian
 * ones; a Kazakh Жүсіп is Юсуп in Russian and Yusuf in English. Folding
 * (match.h) already merges most such pairs letter by letter; the classes
 * in given.c list the written forms of one given name in Russian,
 * Ukrainian, Belarusian, Kazakh and Uzbek and their common romanizations,
 * so that the scorer (name.c, tok_sim) can treat two whole words of one
 * class as the same name. Diminutives (Sasha, Kolya) are not forms of
 * the name and are not listed; female and male names are separate
 * classes (Aleksandra is not Aleksandr).
 *
 * The table is folded to skeletons (match_fold_token) once, at first use,
 * thread-safe. Only scoring uses it: keys do not change. */
#ifndef CW_MATCH_GIVEN_H
#define CW_MATCH_GIVEN_H

#include <stddef.h>

/* Version of the table: bump it with every change to the classes (it is
 * not part of the keys, which do not depend on the table). */
#define MATCH_GIVEN_VERSION 1

/* The class of a whole word by its folded skeleton s[0..n): 1 + the
 * class index, or 0 when the word is in no class. Must not be called
 * while the table is being folded (from match_fold_token). */
int match_given_class(const char *skel, size_t n);

/* The skeleton of form i of class c (as match_given_class returns it),
 * NUL-terminated and owned by the table; NULL past the last form. Forms
 * that fold to the same skeleton are listed once. */
const char *match_given_form(int c, size_t i);

/* Number of classes, and of skeletons that the table lists in two
 * different classes (a mistake in the table: the word then belongs to the
 * first class only); for tests. */
size_t match_given_nclasses(void);
size_t match_given_conflicts(void);

#endif
