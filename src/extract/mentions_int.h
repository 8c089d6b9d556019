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
#include "extract/mentions.h"

#define MSEG_MAX (256u << 10) /* bytes of one segment (paragraph piece) */
#define MSEG_BACK 4096u       /* how far back a long segment looks for a space */
#define MTOK_MAX_CHARS 64     /* longer words are kept but never matched */

enum mtok_type { MT_WORD, MT_NUM, MT_PUNCT };

#define TF_SPACE 1u /* whitespace before the token */
#define TF_NL 2u    /* a line break before the token */
#define TF_CAP 4u   /* first letter upper or title case */
#define TF_UPPER 8u /* two or more letters, all upper case */
#define TF_LONG 16u /* over MTOK_MAX_CHARS: no lowercase copy */

struct mtok {
	size_t b0, b1; /* bytes in the whole text */
	size_t c0, c1; /* code points in the whole text */
	size_t lo, ll; /* lowercase copy in mseg.lower (words only) */
	int32_t cp;    /* the character of a punctuation token */
	int32_t key;   /* first character: lowercased letter, '0' for numbers */
	unsigned char type;
	unsigned char flags;
};

struct mindex;
struct mmasks;

struct mcand {
	size_t t0, t1; /* tokens [t0, t1) */
	size_t voff, vlen;
	const char *code;
	enum mention_kind kind;
	int prio;
	bool has_value;
	bool known;
};

struct mseg {
	const char *text;
	struct mtok *t;
	size_t n, cap;
	cw_buf lower;
	struct mcand *c;
	size_t nc, ccap;
	cw_buf vals;
	unsigned char *used;
	size_t ucap;
	const struct mindex *gaz; /* places: never part of a person's name */
	struct mmasks *mm;        /* first-character filters, or NULL */
};

/* Word and pattern lists with a first-character filter: which first
 * characters can start an entry (a 64-bit Bloom filter), computed on first
 * use within one call. */
enum {
	MMASK_QUAL,
	MMASK_KINDS,
	MMASK_REGIMES,
	MMASK_REL,
	MMASK_CUR,
	MMASK_NUMW,
	MMASK_MONTH,
	MMASK_UNIT,
	MMASK_CUE,
	MMASK_CODE,
	MMASK_NOUN,
	MMASK_N
};

#define MPAT_CACHE 512 /* patterns whose filter is remembered (power of two) */

struct mmasks {
	uint64_t mask[MMASK_N];
	bool ok[MMASK_N];
	const char *pat[MPAT_CACHE]; /* by address of the pattern literal */
	uint64_t pmask[MPAT_CACHE];
};

uint64_t mcp_bit(int32_t cp);
/* The filter bits of one list entry: a pattern's first element, or a word. */
uint64_t mentry_mask(const char *p);
/* False when no entry of list id (whose filter is *mask once computed) can
 * start at token i. */
bool mgate_check(const struct mseg *s, size_t i, int id);
void mgate_set(const struct mseg *s, int id, uint64_t mask);

/* A name index (lexicon or gazetteer): names as token sequences, hashed
 * by the first one or two letters of their first word. */
struct mname_tok {
	size_t woff, wlen; /* lowercase word in mindex.words; wlen 0 = punct */
	int32_t cp;        /* punctuation character */
	bool prefix;       /* gazetteer stems written "алматинск*" */
};

struct mname {
	size_t toff, ntok; /* tokens in mindex.toks */
	const char *value; /* borrowed: record id or canonical name */
	enum mention_kind kind;
	bool known;
	size_t next; /* next entry in the same bucket, or SIZE_MAX */
};

struct mindex {
	struct mname *names;
	size_t n, cap;
	struct mname_tok *toks;
	size_t ntoks, tcap;
	cw_buf words;
	size_t *heads; /* buckets, SIZE_MAX = empty */
	size_t nheads; /* power of two */
};

struct mctx {
	cw_date published;
	struct mindex lex;
	struct mindex gaz;
};

int mseg_tokenize(struct mseg *s, const char *text, size_t b0, size_t b1, size_t c0);
const char *mtok_lower(const struct mseg *s, size_t i, size_t *len);
bool mtok_is(const struct mseg *s, size_t i, const char *w);
bool mtok_pre(const struct mseg *s, size_t i, const char *w);
bool mtok_punct(const struct mseg *s, size_t i, int32_t cp);
bool mtok_glued(const struct mseg *s, size_t i); /* no space before token i */
bool mtok_num(const struct mseg *s, size_t i, long long *v);
size_t mtok_digits(const struct mseg *s, size_t i);
int mseg_add(struct mseg *s, size_t t0, size_t t1, enum mention_kind kind, int prio,
             const char *value, size_t vlen, const char *code, bool known);

int mctx_init(struct mctx *ctx, const struct mentions_opts *opts, cw_err *e);
void mctx_release(struct mctx *ctx);
int mrules_run(struct mseg *s, const struct mctx *ctx);
/* Match a pattern (see mentions_rules.c) at token i: the end, 0 if none. */
size_t mpat(const struct mseg *s, size_t i, const char *p);
/* Lexicon names, places and person candidates starting at token i. */
int mnames_at(struct mseg *s, size_t i, const struct mctx *ctx);

#endif
