/* match/block.h: which pairs of people dedup compares (docs/dedup.md
 * "Candidates: blocking").
 *
 * Comparing every pair is quadratic; dedup_block() pairs only people who
 * share a block, a key of their names:
 *   1. a whole-name key (kind s of match_name_keys, computed from every
 *      recorded name as the store's name_key rows are: the name's word
 *      skeletons sorted, so word order, script and romanization do not
 *      matter);
 *   2. compound keys of one folded name: for each ordered pair of its
 *      words (u, v), u with v's consonants, u with v's first three
 *      letters, u with v's last three letters (a typo or a vowel change
 *      in one word still shares a block);
 *   3. u with the first letter of v, a word or an initial ("M.
 *      Aqbergenova" and "Madina Aqbergenova" share "akbergenova|m"): a
 *      block with an initial in it pairs each record with an initial
 *      with every other member; pairs of two full names are left to the
 *      finer keys;
 *   4. fact keys: the whole name (words sorted) with the birth year, with
 *      the region, with a case number, and each word of two letters or
 *      more with a case number (a record of the surname alone, or with a
 *      typo in the other word, meets the full name in the same case);
 *   5. a one-word key (kinds t and c of match_name_keys: people sharing
 *      only a surname), in blocks of at most max_block / DEDUP_WORD_SHARE.
 * A block of more than max_block people is not expanded into all its
 * pairs (a common given name shared by 50,000 people would cost 1.25
 * billion): a whole-name block is paired by sorted neighbourhood
 * instead, each member with the next DEDUP_WINDOW - 1 in the order of
 * their birth dates and regions; other huge blocks are skipped, their
 * members still paired through their rarer keys; the stats count them.
 *
 * Keys are hashed (64 bits) into sorted entries (entries.h) and pairs
 * packed in 64 bits and sorted by radix, so blocking costs O(keys) time
 * and memory. Pure: no database, no printing. */
#ifndef CW_MATCH_BLOCK_H
#define CW_MATCH_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "match/people.h"

#define DEDUP_MAX_BLOCK 50
/* A whole-name block over max_block pairs each member with the next
 * DEDUP_WINDOW - 1 in the order of their birth dates and regions. */
#define DEDUP_WINDOW 8
/* Blocks of one word's keys (people sharing only a surname, or only a
 * given name) are expanded up to max_block / DEDUP_WORD_SHARE. */
#define DEDUP_WORD_SHARE 2

struct dedup_pair {
	uint32_t a, b; /* person indexes, a < b */
};

struct dedup_block_stats {
	size_t blocks;     /* blocks of two or more people */
	size_t big_blocks; /* blocks over their cap, not expanded */
	size_t biggest;    /* people in the largest block */
	size_t pairs;      /* distinct candidate pairs */
};

/* The candidate pairs of p, each once, sorted by (a, b). *pairs is
 * malloc'd (the caller frees it). */
int dedup_block(const dedup_people *p, size_t max_block, struct dedup_pair **pairs,
                size_t *npairs, struct dedup_block_stats *st, cw_err *e);

#endif
