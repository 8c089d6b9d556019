/* io/ingest_link.h: which known person a mention names: the one rule by
 * which ingest suggests a record for review.
 *
 * A mention is keyed as the store keys people's names (match_name_keys,
 * the keys dedup blocks on); the holders of a key are the people who
 * have it in one of their names and are live (not deleted, not merged
 * into another) and visible at the caller's clearance
 * (store_people_with_key). Keys are tried in this order, and the first
 * that anyone holds decides: one holder is suggested; several suggest
 * nobody (a name several records share names none of them):
 *   1. the whole name: its words in any order, initials, titles and
 *      patronymics aside (the s key); a name of one word of four letters
 *      or more: that word in anyone's name (the t key, a surname alone).
 *      First as written, then with a case ending stripped from each word
 *      (Кайырбека -> Кайырбек, Rittman's -> Rittman);
 *   2. each word of four letters or more of the stripped name (t keys),
 *      the last (the surname) first, also one or two letters shorter (a
 *      case ending the stripper kept: Қайырбека -> kairbek).
 * Letters are those of the transliterated skeleton, so every script and
 * spelling of a name meets: "K. Qaiyrbek" in a Kazakh article suggests
 * the one person who has Қайырбек (or Kaiyrbek...) in a name, and nobody
 * when two people do.
 *
 * Only person mentions are linked: the mention finder in the workers
 * has no lexicon, so it names no organization; its `value` for a person
 * is ignored (a worker is untrusted: it never chooses a record). */
#ifndef CW_IO_INGEST_LINK_H
#define CW_IO_INGEST_LINK_H

#include "base/arena.h"
#include "base/err.h"
#include "store/db.h"

/* The id of the person mention text names, at clearance, into *id
 * (copied into a; NULL when nobody or several). 0, or -1 when the
 * database failed or memory ran out (e set). A mention the name matcher
 * refuses (invalid UTF-8, over its limits) names nobody. */
int ingest_link_person(cw_db *db, int clearance, const char *text, cw_arena *a,
                       const char **id, cw_err *e);

#endif
