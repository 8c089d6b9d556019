/* cli/progress.c: see progress.h. */
#include "cli/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cli_progress_start(struct cli_progress *p, const struct cli_ctx *ctx,
                        const char *what, const char *unit, long long total)
{
	p->on = ctx->stderr_tty && !ctx->quiet;
	p->shown = false;
	p->what = what;
	p->unit = unit;
	p->total = total;
	p->t0 = p->last = now_ms();
	/* tests see every update at once: CASEWATCH_PROGRESS=always */
	p->every = getenv("CASEWATCH_PROGRESS") &&
	           !strcmp(getenv("CASEWATCH_PROGRESS"), "always");
}

/* 1234567 -> "1,234,567" */
static void grouped(char *out, size_t cap, long long n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%lld", n < 0 ? 0 : n), o = 0;

	for (int i = 0; i < len && (size_t)o + 2 < cap; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = 0;
}

void cli_progress_update2(struct cli_progress *p, long long count, long long done,
                          long long total)
{
	long long t = now_ms(), el;
	char c[32], tot[32], rate[32];
	double per_s, frac;

	if (!p->on)
		return;
	if (!p->every && ((t - p->last < 200 && !(total && done >= total)) ||
	                  t - p->t0 < 500)) /* quick work shows nothing */
		return;
	p->last = t;
	el = t - p->t0;
	per_s = el > 0 ? (double)count * 1000.0 / (double)el : 0;
	frac = total > 0 ? (double)done / (double)total : 0;
	grouped(c, sizeof(c), count);
	grouped(rate, sizeof(rate), (long long)per_s);
	fprintf(stderr, "\r\033[K%s: %s", p->what, c);
	if (total > 0 && done == count) {
		grouped(tot, sizeof(tot), total);
		fprintf(stderr, " of %s", tot);
	}
	fprintf(stderr, " %s", p->unit);
	if (total > 0)
		fprintf(stderr, " (%d%%)", (int)(frac * 100));
	fprintf(stderr, ", %s/s", rate);
	if (total > 0 && frac > 0.001) {
		long long left = (long long)((double)el * (1 - frac) / frac / 1000.0);
		fprintf(stderr, ", %lld:%02lld left", left / 60, left % 60);
	}
	fflush(stderr);
	p->shown = true;
}

void cli_progress_update(struct cli_progress *p, long long done)
{
	cli_progress_update2(p, done, done, p->total);
}

void cli_progress_clear(struct cli_progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->shown = false;
	}
}
