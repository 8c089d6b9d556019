/* base/date.c: see date.h. */
#include "base/date.h"

#include <stdio.h>

#include "base/limits.h"

bool cw_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cw_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && cw_is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil. */
long cw_days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cw_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int cw_date_parse(const char *s, size_t len, cw_date *out, cw_err *e)
{
	cw_date d = { 0, 0, 0 };

	if (!(len == 4 || (len == 7 && s[4] == '-') ||
	      (len == 10 && s[4] == '-' && s[7] == '-')))
		return cw_err_set(e, CW_EINVAL,
		                  "'%.*s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
		                  (int)(len > 40 ? 40 : len), s);
	if (digits(s, 4, &d.year) || (len >= 7 && digits(s + 5, 2, &d.month)) ||
	    (len == 10 && digits(s + 8, 2, &d.day)))
		return cw_err_set(e, CW_EINVAL, "'%.*s' is not a date", (int)len, s);
	if (d.year < CW_YEAR_MIN || d.year > CW_YEAR_MAX)
		return cw_err_set(e, CW_EINVAL, "'%.*s': year outside %d..%d", (int)len,
		                  s, CW_YEAR_MIN, CW_YEAR_MAX);
	if (len >= 7 && (d.month < 1 || d.month > 12))
		return cw_err_set(e, CW_EINVAL, "'%.*s': impossible date (no month %d)",
		                  (int)len, s, d.month);
	if (len == 10 && (d.day < 1 || d.day > cw_days_in_month(d.year, d.month)))
		return cw_err_set(e, CW_EINVAL, "'%.*s': impossible date (%d-%02d has %d days)",
		                  (int)len, s, d.year, d.month,
		                  cw_days_in_month(d.year, d.month));
	*out = d;
	return 0;
}

bool cw_date_is_set(const cw_date *d)
{
	return d->year != 0;
}

void cw_date_format(const cw_date *d, char out[CW_DATE_TEXT_MAX])
{
	if (!d->year)
		out[0] = '\0';
	else if (!d->month)
		snprintf(out, CW_DATE_TEXT_MAX, "%04d", d->year);
	else if (!d->day)
		snprintf(out, CW_DATE_TEXT_MAX, "%04d-%02d", d->year, d->month);
	else
		snprintf(out, CW_DATE_TEXT_MAX, "%04d-%02d-%02d", d->year, d->month, d->day);
}

long cw_date_first_day(const cw_date *d)
{
	return cw_days_from_civil(d->year, d->month ? d->month : 1, d->day ? d->day : 1);
}

long cw_date_last_day(const cw_date *d)
{
	int m = d->month ? d->month : 12;
	int day = d->day ? d->day : cw_days_in_month(d->year, m);
	return cw_days_from_civil(d->year, m, day);
}

bool cw_date_before(const cw_date *a, const cw_date *b)
{
	return cw_date_last_day(a) < cw_date_first_day(b);
}

bool cw_date_meets(const cw_date *a, long from_day, long to_day)
{
	return cw_date_first_day(a) <= to_day && cw_date_last_day(a) >= from_day;
}
