/* match/parallel.c: one loop split over threads. See parallel.h. */
#include "match/parallel.h"

#include <assert.h>
#include <pthread.h>
#include <stdbool.h>

struct part {
	match_range_fn fn;
	void *arg;
	size_t part, from, to;
};

static void *run_part(void *arg)
{
	const struct part *p = arg;

	p->fn(p->arg, p->part, p->from, p->to);
	return NULL;
}

void match_parallel(size_t n, size_t parts, match_range_fn fn, void *arg)
{
	pthread_t th[MATCH_MAX_PARTS];
	struct part pt[MATCH_MAX_PARTS];
	bool started[MATCH_MAX_PARTS] = {false};

	assert(parts >= 1 && parts <= MATCH_MAX_PARTS);
	for (size_t t = 0; t < parts; t++) {
		pt[t] = (struct part){fn, arg, t, n * t / parts, n * (t + 1) / parts};
		/* the last part, or one a thread could not take, runs here */
		if (t + 1 < parts && !pthread_create(&th[t], NULL, run_part, &pt[t]))
			started[t] = true;
		else
			run_part(&pt[t]);
	}
	for (size_t t = 0; t < parts; t++)
		if (started[t])
			pthread_join(th[t], NULL);
}
