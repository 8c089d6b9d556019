/* tests/fuzz/fuzz_csv.c: libFuzzer target for base/csv.
 * The first byte picks the delimiter and the encoding; the rest is the
 * file. Checks: no crash, bounded memory, every field valid UTF-8 with the
 * length csv_field reports, every row as wide as the header. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = {',', ';', '\t', '|'};
	static const char *const encs[] = {NULL, "cp1251", "utf-16", "koi8-r"};
	struct csv_reader r;
	cw_err e = CW_ERR_INIT;
	FILE *f;
	int rc, rows = 0;

	if (size < 2)
		return 0;
	f = fmemopen((void *)(data + 1), size - 1, "r");
	if (!f)
		return 0;
	if (csv_open(&r, f, encs[(data[0] >> 2) & 3], delims[data[0] & 3], &e) == 0) {
		for (size_t i = 0; i < r.nheader; i++)
			if (!cw_utf8_valid(r.header[i], strlen(r.header[i])))
				abort();
		while ((rc = csv_next(&r, &e)) != 0 && rows++ < 100000) {
			if (rc < 0) {
				if (!e.msg[0])
					abort();
				if (!r.recoverable)
					break;
				continue;
			}
			if (r.nfields != r.nheader)
				abort();
			for (size_t i = 0; i < r.nfields; i++) {
				size_t len;
				const char *v = csv_field(&r, i, &len);
				if (!v || strlen(v) != len || !cw_utf8_valid(v, len))
					abort();
			}
		}
		csv_release(&r);
	} else if (!e.msg[0]) {
		abort();
	}
	fclose(f);
	return 0;
}
