/* tests/unit/test_jsonparse.c: the fast JSON parser agrees with jansson.
 * Whatever the fast parser accepts, jansson must accept and read the same
 * way; what it declines, jansson decides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonparse.h"

static void agrees(const char *s, int fast_should_accept)
{
	json_error_t jerr;
	json_t *f = cw_json_parse_fast(s, strlen(s));
	json_t *j = json_loadb(s, strlen(s), JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);

	if (fast_should_accept)
		assert_non_null(f);
	if (f) {
		assert_non_null(j); /* never more lenient than jansson */
		assert_true(json_equal(f, j));
		/* integers stay integers, reals reals */
		if (json_is_object(f)) {
			const char *k;
			json_t *v;
			json_object_foreach(f, k, v)
				assert_int_equal(json_typeof(v), json_typeof(json_object_get(j, k)));
		}
	}
	json_decref(f);
	json_decref(j);
}

static void valid_records(void **state)
{
	(void)state;
	agrees("{\"type\":\"person\",\"id\":\"p-1\",\"names\":[\"Асқар Қайырбек\"]}", 1);
	agrees("  {\"a\" : 1 , \"b\":[true,false,null], \"c\":{\"d\":-0.5e3}}  ", 1);
	agrees("{\"esc\":\"q\\\"b\\\\s\\/n\\n\\t\\r\\b\\f\\u00e9\\u0416\"}", 1);
	agrees("{\"big\":9223372036854775807,\"neg\":-9223372036854775808}", 1);
	agrees("{\"r\":1.5,\"e\":1E2,\"z\":0,\"m\":-0}", 1);
	agrees("[]", 1);
	agrees("{}", 1);
	agrees("\"just a string\"", 1);
}

static void declined_or_invalid(void **state)
{
	(void)state;
	/* invalid: both refuse */
	agrees("{\"a\":1,}", 0);
	agrees("{\"a\":01}", 0);
	agrees("{\"a\":1.}", 0);
	agrees("{\"a\":.5}", 0);
	agrees("{\"a\":\"\x01\"}", 0);
	agrees("{\"a\":\"\xff\"}", 0);
	agrees("{\"a\":1,\"a\":2}", 0);
	agrees("{\"a\":tru}", 0);
	agrees("{\"a\":1} x", 0);
	agrees("{\"a\":\"unterminated}", 0);
	agrees("{'a':1}", 0);
	/* unusual but valid: the fast parser may decline, jansson decides */
	agrees("{\"s\":\"\\ud83d\\ude00\"}", 0);
	agrees("{\"n\":92233720368547758070}", 0);
	agrees("{\"n\":1e400}", 0);
	agrees("{\"s\":\"\\u0000\"}", 0);
}

static void random_inputs_agree(void **state)
{
	static const char alphabet[] = "{}[]\":,0123456789.-+eEtrufalsn \\u" "\xd0\x96" "ab";
	char buf[64];
	(void)state;
	srand(1);
	for (int i = 0; i < 200000; i++) {
		size_t n = (size_t)(rand() % (int)(sizeof(buf) - 1));
		for (size_t k = 0; k < n; k++)
			buf[k] = alphabet[rand() % (int)(sizeof(alphabet) - 1)];
		buf[n] = 0;
		agrees(buf, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_records),
		cmocka_unit_test(declined_or_invalid),
		cmocka_unit_test(random_inputs_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
