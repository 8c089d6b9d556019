/* tests/fuzz/fuzz_names.c: libFuzzer target for match/ (names).
 * The input is split at the first tab (or in half) into two names, which
 * go through every entry point: transliteration, folding, keys,
 * inflection stripping and scoring, and as regions and patronymics
 * (match/region.c, dedup_patronymic). Properties checked: no crash,
 * scores in [0, 1] and symmetric, region sameness symmetric and
 * reflexive, keys carry the version prefix, and refusals come with an
 * error message.
 *   cmake -S . -B /tmp/build-fuzz -DCMAKE_C_COMPILER=clang -DCW_FUZZ=ON -DCW_SANITIZE=ON
 *   cmake --build /tmp/build-fuzz --target fuzz_names
 *   /tmp/build-fuzz/fuzz_names -max_total_time=60 -max_len=20000 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "match/dedup.h"
#include "match/match.h"
#include "match/region.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const char *s, size_t n)
{
	cw_buf b = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	struct match_keys k;
	char prefix[16];
	size_t plen;

	plen = (size_t)snprintf(prefix, sizeof(prefix), "%d:", MATCH_KEY_VERSION);
	match_keys_init(&k);
	if (match_translit(s, n, &b, &e) && !e.msg[0])
		abort();
	cw_buf_reset(&b);
	cw_err_clear(&e);
	if (match_fold_name(s, n, &b, &e) && !e.msg[0])
		abort();
	cw_buf_reset(&b);
	cw_err_clear(&e);
	if (match_fold_token(s, n, &b, &e) && !e.msg[0])
		abort();
	cw_buf_reset(&b);
	cw_err_clear(&e);
	if (match_strip_inflection(s, n, &b, &e) && !e.msg[0])
		abort();
	cw_err_clear(&e);
	if (match_name_keys(s, n, &k, &e)) {
		if (!e.msg[0])
			abort();
	} else {
		for (size_t i = 0; i < k.n; i++) {
			const char *key = match_keys_get(&k, i);
			if (!key || strncmp(key, prefix, plen) || strchr(key, ' '))
				abort();
		}
	}
	match_keys_release(&k);
	cw_buf_reset(&b);
	cw_err_clear(&e);
	if (!match_fold_name(s, n, &b, &e)) {
		char root[64];
		size_t l = dedup_patronymic(b.data, root, sizeof(root));
		if (l >= sizeof(root) || (l && strlen(root) != l))
			abort();
	}
	cw_buf_release(&b);
}

/* Two inputs as regions: folding refuses with a message or succeeds, and
 * sameness is symmetric and reflexive. */
static void regions(const char *a, size_t alen, const char *b, size_t blen)
{
	cw_buf x = CW_BUF_INIT, y = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	int ra = match_fold_region(a, alen, &x, &e);

	if (ra && !e.msg[0])
		abort();
	cw_err_clear(&e);
	if (match_fold_region(b, blen, &y, &e)) {
		if (!e.msg[0])
			abort();
	} else if (!ra) {
		if (match_region_same(x.data, y.data) !=
		        match_region_same(y.data, x.data) ||
		    !match_region_same(x.data, x.data))
			abort();
	}
	cw_buf_release(&x);
	cw_buf_release(&y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *tab = memchr(s, '\t', size);
	size_t alen = tab ? (size_t)(tab - s) : size / 2;
	const char *b = tab ? tab + 1 : s + alen;
	size_t blen = size - (size_t)(b - s);
	double x, y;

	one(s, alen);
	one(b, blen);
	regions(s, alen, b, blen);
	x = match_name_score(s, alen, b, blen);
	y = match_name_score(b, blen, s, alen);
	if (!(x >= 0.0 && x <= 1.0) || x - y > 1e-9 || y - x > 1e-9)
		abort();
	return 0;
}
