/* tests/unit/test_base.c: base/ (buffers, array growth, arenas, the hash map,
 * partial dates, UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/grow.h"
#include "base/map.h"
#include "base/utf8.h"

static void buf_is_never_null_and_bounded(void **state)
{
	cw_buf b = CW_BUF_INIT;

	(void)state;
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	cw_buf_init(&b, 8);
	assert_int_equal(cw_buf_adds(&b, "12345678"), 0);
	assert_int_equal(cw_buf_addch(&b, '9'), -1); /* over the maximum */
	assert_string_equal(b.data, "12345678");     /* unchanged */
	cw_buf_release(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(cw_buf_addf(&b, "%d-%s", 7, "x"), 0);
	assert_string_equal(b.data, "7-x");
	cw_buf_release(&b);
}

static void grow_from_zero_and_exact(void **state)
{
	int *v = NULL, *before;
	size_t cap = 0;

	(void)state;
	assert_int_equal(cw_grow(&v, &cap, 0, sizeof(*v), 16), 0); /* nothing needed */
	assert_null(v);
	assert_int_equal(cap, 0);
	assert_int_equal(cw_grow(&v, &cap, 1, sizeof(*v), 16), 0); /* first size */
	assert_non_null(v);
	assert_int_equal(cap, 16);
	for (int i = 0; i < 16; i++)
		v[i] = i;
	before = v;
	assert_int_equal(cw_grow(&v, &cap, 16, sizeof(*v), 16), 0); /* exactly full */
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 16);
	assert_int_equal(cw_grow(&v, &cap, 17, sizeof(*v), 16), 0); /* one more: double */
	assert_int_equal(cap, 32);
	/* doubled until it fits */
	assert_int_equal(cw_grow(&v, &cap, 100, sizeof(*v), 16), 0);
	assert_int_equal(cap, 128);
	for (int i = 0; i < 16; i++)
		assert_int_equal(v[i], i); /* contents kept */
	/* the whole capacity is usable (ASan) */
	v[127] = 1;
	free(v);

	v = NULL;
	cap = 0;
	assert_int_equal(cw_grow(&v, &cap, 10, sizeof(*v), 4), 0); /* first < need */
	assert_int_equal(cap, 16);
	free(v);
	v = NULL;
	cap = 0;
	assert_int_equal(cw_grow(&v, &cap, 1, sizeof(*v), 0), 0); /* first 0 taken as 1 */
	assert_int_equal(cap, 1);
	free(v);
}

static void grow_overflow_leaves_state(void **state)
{
	uint64_t *v = NULL, *before;
	size_t cap = 0;

	(void)state;
	/* need * elem overflows size_t: fails before allocating */
	assert_int_equal(cw_grow(&v, &cap, SIZE_MAX / sizeof(*v) + 1, sizeof(*v), 16),
	                 -1);
	assert_null(v);
	assert_int_equal(cap, 0);
	assert_int_equal(cw_grow(&v, &cap, SIZE_MAX, sizeof(*v), 16), -1);
	assert_null(v);
	assert_int_equal(cap, 0);

	assert_int_equal(cw_grow(&v, &cap, 3, sizeof(*v), 4), 0);
	v[0] = 42;
	v[3] = 7;
	before = v;
	assert_int_equal(cw_grow(&v, &cap, SIZE_MAX / 8 + 1, sizeof(*v), 4), -1);
	assert_ptr_equal(v, before); /* array untouched and still owned here */
	assert_int_equal(cap, 4);
	assert_true(v[0] == 42 && v[3] == 7);

	/* doubling past SIZE_MAX / 2 must not wrap around to a small size:
	 * a capacity claimed (not allocated) so large that any growth
	 * overflows fails without calling realloc on v */
	cap = SIZE_MAX / 2 + 1;
	assert_int_equal(cw_grow(&v, &cap, cap + 1, 2, 4), -1);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	free(v);
}

static void dates_parse_and_reject(void **state)
{
	static const struct {
		const char *in;
		int ok;
	} cases[] = {
		{ "2019", 1 }, { "2019-07", 1 }, { "2019-07-07", 1 }, { "2000-02-29", 1 },
		{ "2019-13-45", 0 }, { "1954-02-29", 0 }, { "19812", 0 }, { "1799", 0 },
		{ "2201", 0 }, { "2019-7", 0 }, { "2019-00", 0 }, { "2019-06-31", 0 },
		{ "", 0 }, { "abcd", 0 }, { "1900-02-29", 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cw_date d;
		cw_err e = CW_ERR_INIT;
		int r = cw_date_parse(cases[i].in, strlen(cases[i].in), &d, &e);
		if (cases[i].ok) {
			char out[CW_DATE_TEXT_MAX];
			assert_int_equal(r, 0);
			cw_date_format(&d, out);
			assert_string_equal(out, cases[i].in); /* precision kept */
		} else {
			assert_int_equal(r, -1);
			assert_int_equal(e.code, CW_EINVAL);
			assert_true(strlen(e.msg) > 0);
		}
	}
}

static void dates_are_intervals(void **state)
{
	cw_date y, m, d;
	(void)state;
	assert_int_equal(cw_date_parse("2019", 4, &y, NULL), 0);
	assert_int_equal(cw_date_parse("2019-12", 7, &m, NULL), 0);
	assert_int_equal(cw_date_parse("2020-01-01", 10, &d, NULL), 0);
	assert_int_equal(cw_date_last_day(&y), cw_date_last_day(&m));
	assert_true(cw_date_before(&y, &d));
	assert_false(cw_date_before(&y, &m)); /* overlapping: not before */
	assert_false(cw_date_before(&m, &y));
	assert_int_equal(cw_date_first_day(&d), 18262); /* 2020-01-01 */
	/* 2019 meets a period that starts on its last day */
	assert_true(cw_date_meets(&y, cw_date_last_day(&y), cw_date_last_day(&y) + 10));
	assert_false(cw_date_meets(&y, cw_date_first_day(&d), cw_date_first_day(&d)));
}

static void utf8_validation(void **state)
{
	(void)state;
	assert_true(cw_utf8_valid("Қайырбек", strlen("Қайырбек")));
	assert_false(cw_utf8_valid("\xC0\x80", 2));         /* overlong */
	assert_false(cw_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
	assert_false(cw_utf8_valid("ab\xE2\x82", 4));       /* truncated */
	assert_int_equal(cw_utf8_invalid_at("ab\xFF", 3), 2);
}

static void arena_aligns_bounds_and_releases(void **state)
{
	cw_arena a;
	char *p, *q, *big;

	(void)state;
	cw_arena_init(&a, 64, 0);
	p = cw_arena_alloc(&a, 1);
	q = cw_arena_alloc(&a, 3);
	assert_non_null(p);
	assert_non_null(q);
	assert_true(p != q);
	assert_int_equal((uintptr_t)q % sizeof(max_align_t), 0);
	/* a piece larger than a block gets its own, and the current block
	 * keeps serving small pieces */
	big = cw_arena_alloc(&a, 1000);
	assert_non_null(big);
	memset(big, 'x', 1000);
	assert_non_null(cw_arena_alloc(&a, 8));
	assert_string_equal(cw_arena_strndup(&a, "abc\0def", 7) + 4, "def");
	assert_string_equal(cw_arena_printf(&a, "%s-%d", "n", 42), "n-42");
	assert_null(cw_arena_calloc(&a, SIZE_MAX / 2, 4)); /* overflow */
	cw_arena_release(&a);
	assert_int_equal(cw_arena_used(&a), 0);

	/* a maximum bounds what is handed out; the arena stays usable */
	cw_arena_init(&a, 0, 256);
	assert_non_null(cw_arena_alloc(&a, 200));
	assert_null(cw_arena_alloc(&a, 100));
	assert_non_null(cw_arena_alloc(&a, 16));
	assert_true(cw_arena_used(&a) <= 256);
	cw_arena_release(&a);
	assert_non_null(cw_arena_alloc(&a, 200)); /* empty again after release */
	cw_arena_release(&a);
}

static void map_matches_a_plain_array(void **state)
{
	enum { N = 5000 };
	static int present[N];
	cw_arena keys = CW_ARENA_INIT;
	cw_map m;
	cw_map_val *v;
	char k[32];
	unsigned seed = 1;
	size_t it = 0, seen = 0, live = 0;
	const struct cw_map_entry *en;

	(void)state;
	cw_map_init(&m, &keys);
	/* random puts and deletes, checked against a plain array */
	for (int step = 0; step < 40000; step++) {
		int i, n;
		seed = seed * 1103515245u + 12345u;
		i = (int)((seed >> 8) % N);
		memcpy(k, "key", 4); /* keys hold a NUL */
		n = 4 + snprintf(k + 4, sizeof(k) - 4, "%d", i);
		if ((seed >> 4) % 3) {
			int r = cw_map_put(&m, k, (size_t)n, &v);
			assert_int_equal(r, present[i] ? 0 : 1);
			if (r)
				v->u = (uint64_t)i + 1;
			assert_int_equal(v->u, (uint64_t)i + 1);
			live += !present[i];
			present[i] = 1;
		} else {
			assert_int_equal(cw_map_del(&m, k, (size_t)n), present[i]);
			live -= present[i];
			present[i] = 0;
		}
	}
	assert_int_equal(cw_map_count(&m), live);
	for (int i = 0; i < N; i++) {
		int n = 4 + snprintf(k + 4, sizeof(k) - 4, "%d", i);
		memcpy(k, "key", 4);
		v = cw_map_get(&m, k, (size_t)n);
		if (present[i]) {
			assert_non_null(v);
			assert_int_equal(v->u, (uint64_t)i + 1);
		} else {
			assert_null(v);
		}
	}
	while ((en = cw_map_next(&m, &it)))
		seen++;
	assert_int_equal(seen, live);
	/* the empty key is a key like any other */
	assert_int_equal(cw_map_put(&m, "", 0, &v), 1);
	assert_non_null(cw_map_get(&m, "", 0));
	assert_null(cw_map_get(&m, "key", 3));
	cw_map_release(&m);
	assert_null(cw_map_get(&m, "", 0));
	cw_arena_release(&keys);
}

static void hash_is_dedups_hash(void **state)
{
	(void)state;
	/* values of the hash dedup's sorted blocks were built with before
	 * cw_hash existed (store/people.c hash_bytes): a change here
	 * reorders dedup's output */
	assert_true(cw_hash("abc", 3, 5) == 0xdecae29ed304a97dull);
	assert_true(cw_hash("Қайырбек", strlen("Қайырбек"), 0) == 0xd034ad1719ccb883ull);
	assert_true(cw_hash("abc", 3, 0) != cw_hash("abc", 3, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_is_never_null_and_bounded),
		cmocka_unit_test(grow_from_zero_and_exact),
		cmocka_unit_test(grow_overflow_leaves_state),
		cmocka_unit_test(arena_aligns_bounds_and_releases),
		cmocka_unit_test(map_matches_a_plain_array),
		cmocka_unit_test(hash_is_dedups_hash),
		cmocka_unit_test(dates_parse_and_reject),
		cmocka_unit_test(dates_are_intervals),
		cmocka_unit_test(utf8_validation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
