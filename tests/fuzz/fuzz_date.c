/* tests/fuzz/fuzz_date.c: libFuzzer target for base/date (every date a
 * user types: record fields, --from/--to, --published, audit --since).
 * The input is one or two candidate dates split at the first newline.
 * Properties: a parsed date formats back to exactly its input (parsing is
 * exact, precision kept), its interval is ordered and inside its year,
 * day numbers round-trip through the civil calendar, a refusal carries a
 * message, and "before" is never true of two intervals that meet. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one(const char *s, size_t n, cw_date *d)
{
	cw_err e = CW_ERR_INIT;
	char text[CW_DATE_TEXT_MAX];
	int y, m, day;

	if (cw_date_parse(s, n, d, &e)) {
		if (!e.msg[0])
			abort();
		return -1;
	}
	cw_date_format(d, text);
	if (strlen(text) != n || memcmp(text, s, n))
		abort();
	long first = cw_date_first_day(d), last = cw_date_last_day(d);
	if (first > last || last - first > 365)
		abort();
	cw_civil_from_days(first, &y, &m, &day);
	if (y != d->year || (d->month && m != d->month) || (d->day && day != d->day))
		abort();
	cw_civil_from_days(last, &y, &m, &day);
	if (y != d->year || cw_days_from_civil(y, m, day) != last)
		abort();
	if (!cw_date_meets(d, first, first) || !cw_date_meets(d, last, last) ||
	    cw_date_meets(d, last + 1, last + 400))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	size_t n1 = nl ? (size_t)(nl - s) : size;
	cw_date a, b;

	if (one(s, n1, &a) == 0 && nl && one(nl + 1, size - n1 - 1, &b) == 0) {
		bool ab = cw_date_before(&a, &b), ba = cw_date_before(&b, &a);
		bool meet = cw_date_meets(&a, cw_date_first_day(&b), cw_date_last_day(&b));
		if ((ab && ba) || (meet && (ab || ba)) || (!meet && !ab && !ba))
			abort();
	}
	return 0;
}
