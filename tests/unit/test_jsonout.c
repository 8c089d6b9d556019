/* tests/unit/test_jsonout.c: base/jsonout.c, the JSON writer: its
 * compact form, and that its jansson-compatible forms give the very bytes
 * jansson's json_dumps() gives (the CLI printed with jansson before). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonout.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A string with what escaping has to handle: quotes, backslashes, every
 * control character, DEL, '/', NUL, and multi-byte UTF-8. */
static json_t *random_string(void)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\"", "\\", "/", "\x7f", "é", "Әлия", "\xe2\x80\xa8", "😀",
		"\n", "\r", "\t", "\b", "\f", "\x01", "\x1b", "\x1f", "\x0b",
	};
	char s[128];
	size_t n = 0, parts = next(8);

	for (size_t i = 0; i < parts; i++) {
		const char *p = pieces[next(sizeof(pieces) / sizeof(pieces[0]))];
		size_t l = strlen(p);
		memcpy(s + n, p, l);
		n += l;
	}
	if (next(10) == 0)
		s[n++] = '\0'; /* a NUL inside the string */
	return json_stringn(s, n);
}

static json_t *random_value(int depth)
{
	static const double reals[] = { 0.1, -2.5, 3.0, 1e300, 1e-7, 1e21, 1.5e-300,
		                        123456789012345678.0, -0.0, 2.0 / 3.0 };
	static const json_int_t ints[] = { 0, 1, -1, 42, 9007199254740993LL,
		                           -9223372036854775807LL - 1, 9223372036854775807LL };
	unsigned k = next(depth < 4 ? 9 : 6);

	switch (k) {
	case 0: return json_true();
	case 1: return json_false();
	case 2: return json_null();
	case 3: return json_integer(ints[next(sizeof(ints) / sizeof(ints[0]))]);
	case 4: return json_real(reals[next(sizeof(reals) / sizeof(reals[0]))]);
	case 5: return random_string();
	case 6:
	case 7: {
		json_t *a = json_array();
		for (unsigned i = next(4); i > 0; i--)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (unsigned i = next(5); i > 0; i--) {
			char key[16];
			snprintf(key, sizeof(key), "k%u%s", next(6), next(4) ? "" : "\x1f\"");
			json_object_set_new(o, key, random_value(depth + 1));
		}
		return o;
	}
	}
}

static char *write_with(json_t *v, unsigned flags)
{
	cw_buf b = CW_BUF_INIT;
	cw_jsonw w;

	cw_jsonw_init(&w, &b, flags);
	assert_int_equal(cw_jsonw_value(&w, v), 0);
	assert_int_equal(w.depth, 0);
	return cw_buf_detach(&b, NULL);
}

/* Many random documents: the writer's jansson forms are jansson's bytes,
 * its form 0 is cw_json_write()'s. */
static void writes_what_jansson_writes(void **state)
{
	(void)state;
	for (int round = 0; round < 3000; round++) {
		json_t *v = next(2) ? json_object() : json_array();
		cw_buf canon = CW_BUF_INIT;
		char *want, *got;

		for (unsigned i = next(6); i > 0; i--) {
			if (json_is_object(v)) {
				char key[16];
				snprintf(key, sizeof(key), "m%u", i);
				json_object_set_new(v, key, random_value(1));
			} else {
				json_array_append_new(v, random_value(1));
			}
		}
		want = json_dumps(v, JSON_INDENT(2));
		got = write_with(v, CW_JSON_INDENT | CW_JSON_JANSSON);
		assert_string_equal(got, want);
		free(want);
		free(got);

		want = json_dumps(v, JSON_COMPACT);
		got = write_with(v, CW_JSON_JANSSON);
		assert_string_equal(got, want);
		free(want);
		free(got);

		assert_int_equal(cw_json_write(&canon, v), 0);
		got = write_with(v, 0);
		assert_string_equal(got, canon.data);
		free(got);
		cw_buf_release(&canon);
		json_decref(v);
	}
}

/* The canonical form keeps its own escapes and reals: lowercase hex and
 * printf's exponents (stored bodies must not change). */
static void canonical_form_is_unchanged(void **state)
{
	json_t *v = json_pack("[s,f,f]", "\x1b", 1e300, 1e-7);
	char *got;
	(void)state;

	got = write_with(v, 0);
	assert_string_equal(got, "[\"\\u001b\",1.0000000000000001e+300,9.9999999999999995e-08]");
	free(got);
	got = write_with(v, CW_JSON_JANSSON);
	assert_string_equal(got, "[\"\\u001B\",1.0000000000000001e300,9.9999999999999995e-8]");
	free(got);
	json_decref(v);
}

/* A document written a call at a time, printed in pieces. */
static void streams_a_list(void **state)
{
	cw_buf b = CW_BUF_INIT, all = CW_BUF_INIT;
	cw_jsonw w;
	(void)state;

	cw_jsonw_init(&w, &b, CW_JSON_LINES);
	cw_jsonw_arr(&w);
	for (int i = 0; i < 3; i++) {
		cw_jsonw_obj(&w);
		cw_jsonw_kint(&w, "seq", i);
		cw_jsonw_kstr(&w, "who", i == 1 ? NULL : "a\"b");
		cw_jsonw_key(&w, "detail");
		cw_jsonw_raw(&w, i == 2 ? "{\"n\":1}" : NULL);
		cw_jsonw_kbool(&w, "ok", i == 0);
		cw_jsonw_key(&w, "list");
		cw_jsonw_arr(&w);
		for (int k = 0; k < i; k++)
			cw_jsonw_int(&w, k);
		cw_jsonw_arr_end(&w);
		cw_jsonw_obj_end(&w);
		cw_buf_add(&all, b.data, b.len); /* the piece printed */
		cw_buf_reset(&b);
	}
	assert_int_equal(cw_jsonw_arr_end(&w), 0);
	cw_buf_add(&all, b.data, b.len);
	assert_int_equal(w.err, 0);
	assert_string_equal(all.data,
	                    "[{\"seq\":0,\"who\":\"a\\\"b\",\"detail\":null,\"ok\":true,\"list\":[]},\n"
	                    "{\"seq\":1,\"who\":null,\"detail\":null,\"ok\":false,\"list\":[0]},\n"
	                    "{\"seq\":2,\"who\":\"a\\\"b\",\"detail\":{\"n\":1},\"ok\":false,"
	                    "\"list\":[0,1]}]");

	/* indented: empty containers stay on their line */
	cw_buf_reset(&b);
	cw_jsonw_init(&w, &b, CW_JSON_INDENT);
	cw_jsonw_obj(&w);
	cw_jsonw_key(&w, "a");
	cw_jsonw_arr(&w);
	cw_jsonw_arr_end(&w);
	cw_jsonw_key(&w, "b");
	cw_jsonw_arr(&w);
	cw_jsonw_obj(&w);
	cw_jsonw_obj_end(&w);
	cw_jsonw_str(&w, "x");
	cw_jsonw_arr_end(&w);
	cw_jsonw_obj_end(&w);
	assert_string_equal(b.data, "{\n  \"a\": [],\n  \"b\": [\n    {},\n    \"x\"\n  ]\n}");
	cw_buf_release(&b);
	cw_buf_release(&all);
}

/* A failed append sticks: later calls do nothing, and the caller checks
 * once. */
static void failure_sticks(void **state)
{
	cw_buf b;
	cw_jsonw w;
	(void)state;

	cw_buf_init(&b, 8); /* room for 8 bytes */
	cw_jsonw_init(&w, &b, 0);
	assert_int_equal(cw_jsonw_obj(&w), 0);
	assert_int_equal(cw_jsonw_kstr(&w, "key", "a long value"), -1);
	assert_int_equal(cw_jsonw_kint(&w, "k", 1), -1);
	assert_int_equal(cw_jsonw_obj_end(&w), -1);
	assert_int_equal(w.err, -1);
	assert_true(b.len <= 8);
	cw_buf_release(&b);

	/* nesting past the limit fails instead of overflowing the writer */
	cw_buf_init(&b, 0);
	cw_jsonw_init(&w, &b, 0);
	for (int i = 0; i < CW_JSON_MAX_DEPTH; i++)
		assert_int_equal(cw_jsonw_arr(&w), 0);
	assert_int_equal(cw_jsonw_arr(&w), -1);
	cw_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_what_jansson_writes),
		cmocka_unit_test(canonical_form_is_unchanged),
		cmocka_unit_test(streams_a_list),
		cmocka_unit_test(failure_sticks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
