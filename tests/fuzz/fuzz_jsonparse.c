/* tests/fuzz/fuzz_jsonparse.c: differential fuzzing of the fast JSON
 * parser against jansson: whatever it accepts, jansson reads the same. */
#include <stdint.h>
#include <stdlib.h>

#include "base/jsonparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *f = cw_json_parse_fast((const char *)data, size);

	if (f) {
		json_t *j = json_loadb((const char *)data, size,
		                       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
		if (!j || !json_equal(f, j))
			abort();
		json_decref(j);
		json_decref(f);
	}
	return 0;
}
