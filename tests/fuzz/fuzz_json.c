/* tests/fuzz/fuzz_json.c: libFuzzer target for base/jsonrec.
 * The first byte picks the format and the encoding; the rest is the file.
 * Checks: no crash, bounded memory and time, records are objects, raw
 * text is valid UTF-8 and never bigger than the record limit. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/jsonrec.h"
#include "base/limits.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int formats[] = {JSONREC_AUTO, JSONREC_LINES, JSONREC_ARRAY,
	                              JSONREC_AUTO};
	static const char *const encs[] = {NULL, "latin1", "utf-16le", NULL};
	struct jsonrec_reader r;
	cw_err e = CW_ERR_INIT;
	json_t *o;
	FILE *f;
	int rc, recs = 0;

	if (size < 2)
		return 0;
	f = fmemopen((void *)(data + 1), size - 1, "r");
	if (!f)
		return 0;
	if (jsonrec_open(&r, f, encs[(data[0] >> 2) & 3], formats[data[0] & 3], &e) ==
	    0) {
		while ((rc = jsonrec_next(&r, &o, &e)) != 0 && recs++ < 100000) {
			if (r.raw.len > CW_MAX_RECORD ||
			    !cw_utf8_valid(r.raw.data, r.raw.len))
				abort();
			if (rc < 0) {
				if (o || !e.msg[0])
					abort();
				if (!r.recoverable)
					break;
				continue;
			}
			if (!json_is_object(o))
				abort();
			json_decref(o);
		}
		jsonrec_release(&r);
	} else if (!e.msg[0]) {
		abort();
	}
	fclose(f);
	return 0;
}
