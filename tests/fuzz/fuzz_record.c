/* tests/fuzz/fuzz_record.c: libFuzzer target for io/schema (checking and
 * canonicalizing one interchange record, what every import line and CSV
 * row goes through). The first byte picks the options (CSV-style string
 * values, a namespace, a default level); the rest is a JSON value.
 * Properties: no crash; a refusal has a message naming the field; a
 * canonical record has type and id first and canonicalizes to itself
 * (what makes re-imports change nothing and exports byte-stable). */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct io_canon_opts o = { 0 }, again = { 0 };
	cw_err e = CW_ERR_INIT;
	json_t *in, *c, *c2;
	char *s1, *s2;

	if (size < 1 || size > 65536)
		return 0;
	o.from_csv = data[0] & 1;
	o.namespace_ = (data[0] & 2) ? "partner" : NULL;
	o.default_level = (data[0] >> 2) % 3;
	in = json_loadb((const char *)data + 1, size - 1, JSON_DECODE_ANY | JSON_ALLOW_NUL,
	                NULL);
	if (!in)
		return 0;
	c = io_canonicalize(in, &o, &e);
	json_decref(in);
	if (!c) {
		if (!e.msg[0])
			abort();
		return 0;
	}
	{
		const char *k1 = json_object_iter_key(json_object_iter(c));
		void *it2 = json_object_iter_next(c, json_object_iter(c));
		if (!k1 || strcmp(k1, "type") || !it2 ||
		    strcmp(json_object_iter_key(it2), "id"))
			abort();
	}
	again.default_level = o.default_level;
	c2 = io_canonicalize(c, &again, &e);
	if (!c2)
		abort(); /* a canonical record is valid */
	s1 = json_dumps(c, JSON_COMPACT | JSON_ENCODE_ANY);
	s2 = json_dumps(c2, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s1 || !s2 || strcmp(s1, s2))
		abort();
	free(s1);
	free(s2);
	json_decref(c);
	json_decref(c2);
	return 0;
}
