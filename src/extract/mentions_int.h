/* extract/mentions_int.h: internals shared by mentions.c (tokens,
 * segments, resolution) and mentions_rules.c (the recognizers). Not for
 * use outside src/extract/mentions*.c. */
#ifndef CW_EXTRACT_MENTIONS_INT_H
#define CW_EXTRACT_MENTIONS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/map.h"
#include "extract/mentions.h"

#define SEGMENT_MAX_BYTES (256u << 10) /* bytes of one segment (paragraph piece) */
#define SEGMENT_LOOK_BACK 4096u        /* how far back a long segment looks for a space */
#define TOKEN_MAX_CHARS 64             /* longer words are kept but never matched */

enum mention_token_type { TOKEN_WORD, TOKEN_NUMBER, TOKEN_PUNCT };

#define TOKEN_SPACE_BEFORE 1u /* whitespace before the token */
#define TOKEN_LINE_BEFORE 2u  /* a line break before the token */
#define TOKEN_CAPITALIZED 4u  /* first letter upper or title case */
#define TOKEN_ALL_CAPS 8u     /* two or more letters, all upper case */
#define TOKEN_TOO_LONG 16u    /* over TOKEN_MAX_CHARS: no lowercase copy */

struct mention_token {
	size_t b0, b1; /* bytes in the whole text */
	size_t c0, c1; /* code points in the whole text */
	size_t lo, ll; /* lowercase copy in mention_segment.lower (words only) */
	int32_t cp;    /* the character of a punctuation token */
	int32_t key;   /* first character: lowercased letter, '0' for numbers */
	unsigned char type;
	unsigned char flags;
};

struct name_index;
struct first_char_filters;

struct mention_candidate {
	size_t t0, t1; /* tokens [t0, t1) */
	size_t voff, vlen;
	const char *code;
	enum mention_kind kind;
	int prio;
	bool has_value;
	bool known;
};

/* One piece of the text (at most SEGMENT_MAX_BYTES, never across a
 * blank line): its tokens and the candidate mentions the rules found. */
struct mention_segment {
	const char *text;
	struct mention_token *t;
	size_t n, cap;
	cw_buf lower;
	struct mention_candidate *c;
	size_t nc, ccap;
	cw_buf vals;
	unsigned char *used;
	size_t ucap;
	const struct name_index *gaz;       /* places: never part of a person's name */
	struct first_char_filters *filters; /* first-character filters, or NULL */
};

/* Word and pattern lists with a first-character filter: which first
 * characters can start an entry (a 64-bit Bloom filter), computed on first
 * use within one call. */
enum {
	LIST_QUALIFIERS,
	LIST_SENTENCE_KINDS,
	LIST_REGIMES,
	LIST_RELATIVE,
	LIST_CURRENCIES,
	LIST_NUMBER_WORDS,
	LIST_MONTHS,
	LIST_UNITS,
	LIST_CUES,
	LIST_CODES,
	LIST_NOUNS,
	LIST_COUNT
};

/* Patterns whose filter is remembered (a power of two). */
#define PATTERN_FILTER_CACHE 512

struct first_char_filters {
	uint64_t mask[LIST_COUNT];
	bool ok[LIST_COUNT];
	const char *pat[PATTERN_FILTER_CACHE]; /* by address of the pattern literal */
	uint64_t pattern_mask[PATTERN_FILTER_CACHE];
};

uint64_t first_char_bit(int32_t cp);
/* The filter bits of one list entry: a pattern's first element, or a word. */
uint64_t first_char_mask(const char *p);
/* False when no entry of list id (whose filter is *mask once computed) can
 * start at token i. */
bool list_may_start_at(const struct mention_segment *s, size_t i, int id);
void list_filter_set(const struct mention_segment *s, int id, uint64_t mask);

/* A name index (lexicon or gazetteer): names as token sequences, keyed
 * by the first letters of their first word (up to three). */
struct indexed_word {
	size_t woff, wlen; /* lowercase word in name_index.words; wlen 0 = punct */
	int32_t cp;        /* punctuation character */
	bool prefix;       /* gazetteer stems written "алматинск*" */
};

struct indexed_name {
	size_t toff, ntok; /* tokens in name_index.toks */
	const char *value; /* borrowed: record id or canonical name */
	enum mention_kind kind;
	bool known;
	size_t next; /* next entry in the same bucket, or SIZE_MAX */
};

struct name_index {
	struct indexed_name *names;
	size_t n, cap;
	struct indexed_word *toks;
	size_t ntoks, tcap;
	cw_buf words;
	cw_map heads; /* key (first letters) -> first name; .next chains the rest */
};

struct mention_context {
	cw_date published;
	struct name_index lex;
	struct name_index gaz;
};

int segment_tokenize(struct mention_segment *s, const char *text, size_t b0, size_t b1,
                     size_t c0);
const char *token_lower(const struct mention_segment *s, size_t i, size_t *len);
bool token_is(const struct mention_segment *s, size_t i, const char *w);
bool token_starts_with(const struct mention_segment *s, size_t i, const char *w);
bool token_is_punct(const struct mention_segment *s, size_t i, int32_t cp);
bool token_glued(const struct mention_segment *s, size_t i); /* no space before token i */
bool token_number(const struct mention_segment *s, size_t i, long long *v);
size_t token_digits(const struct mention_segment *s, size_t i);
int segment_add_candidate(struct mention_segment *s, size_t t0, size_t t1,
                          enum mention_kind kind, int prio, const char *value,
                          size_t vlen, const char *code, bool known);

int mention_context_init(struct mention_context *ctx, const struct mentions_opts *opts,
                         cw_err *e);
void mention_context_release(struct mention_context *ctx);
int mention_rules_run(struct mention_segment *s, const struct mention_context *ctx);
/* Match a pattern (see mentions_rules.c) at token i: the end, 0 if none. */
size_t pattern_match(const struct mention_segment *s, size_t i, const char *p);
/* Lexicon names, places and person candidates starting at token i. */
int mention_names_at(struct mention_segment *s, size_t i,
                     const struct mention_context *ctx);

#endif
