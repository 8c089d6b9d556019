/* base/date.h: partial dates (`2019`, `2019-07`, `2019-07-07`).
 *
 * A partial date is an interval: `2019` runs from 2019-01-01 to
 * 2019-12-31, `2019-07` is the whole month. Years are limited to
 * CW_YEAR_MIN..CW_YEAR_MAX. Days are counted as days since 1970-01-01
 * (negative before), so intervals compare as integers. */
#ifndef CW_BASE_DATE_H
#define CW_BASE_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

typedef struct cw_date {
	int year;  /* 0 = no date */
	int month; /* 0 = year precision */
	int day;   /* 0 = month precision */
} cw_date;

#define CW_DATE_TEXT_MAX 11 /* "YYYY-MM-DD" + NUL */

/* Parse exactly "YYYY", "YYYY-MM" or "YYYY-MM-DD" (len bytes). An
 * impossible date (2019-13-45, 1954-02-29), a year outside the limits or
 * any other shape fails with CW_EINVAL and a message naming the problem. */
int cw_date_parse(const char *s, size_t len, cw_date *out, cw_err *e);
bool cw_date_is_set(const cw_date *d);
/* Canonical text, keeping the precision; "" when not set. */
void cw_date_format(const cw_date *d, char out[CW_DATE_TEXT_MAX]);
/* First and last day of the interval, as day numbers. */
long cw_date_first_day(const cw_date *d);
long cw_date_last_day(const cw_date *d);
/* A before B: A's last day is earlier than B's first day. */
bool cw_date_before(const cw_date *a, const cw_date *b);
/* Intervals [a_first, a_last] and [b_first, b_last] overlap. */
bool cw_date_meets(const cw_date *a, long from_day, long to_day);

bool cw_is_leap(int year);
int cw_days_in_month(int year, int month);
long cw_days_from_civil(int y, int m, int d);
void cw_civil_from_days(long z, int *y, int *m, int *d);

#endif
