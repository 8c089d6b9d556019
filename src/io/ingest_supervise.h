/* io/ingest_supervise.h: the worker processes of an ingest.
 *
 * ingest_supervise() starts the workers and keeps them busy until every
 * file has been through: it asks the pipeline to load each file, sends
 * what is to be extracted to an idle worker, enforces the wall-clock
 * limit, replaces a worker that died, stalled or used up its CPU budget,
 * and hands each answer (or the reason there is none) back. The sandbox
 * is here and nowhere else (ingest.h states the contract): a worker is
 * the casewatch binary run with fork and exec, an environment of only
 * io_ingest_worker_env(), no descriptor but its two pipes and /dev/null,
 * and resource limits. It holds no key and no database handle. */
#ifndef CW_IO_INGEST_SUPERVISE_H
#define CW_IO_INGEST_SUPERVISE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* A document on its way through a worker: what the pipeline loaded. */
struct ingest_doc {
	size_t file;  /* index of the file (0 .. nfiles-1) */
	cw_buf bytes; /* the file's bytes, sent to the worker */
	bool gz;      /* gzip'd: the answer carries the inflated bytes */
	char sha[65]; /* SHA-256 of bytes, when not gzip'd */
};

/* What the pipeline does with each file. */
struct ingest_supervise_ops {
	/* Load file fi into d (its bytes reset): 1 to send it to a worker, 0
	 * when it was dealt with here (skipped or already known), -1 to stop
	 * the run (e set). */
	int (*load)(void *arg, size_t fi, struct ingest_doc *d, cw_err *e);
	/* The worker's answer for d: json_len bytes of JSON and raw_len
	 * bytes of the inflated document (0 when d was not gzip'd). -1 stops
	 * the run (e set). */
	int (*answer)(void *arg, struct ingest_doc *d, const char *json, size_t json_len,
	              const char *raw, size_t raw_len, cw_err *e);
	/* d got no answer: why (the worker crashed, stalled, answered
	 * garbage...). */
	void (*failed)(void *arg, const struct ingest_doc *d, const char *why);
	/* One more file is through, whatever became of it. */
	void (*done)(void *arg);
};

struct ingest_supervise_opts {
	const char *worker_exe; /* NULL: /proc/self/exe */
	int jobs;               /* workers; 0: one per core (never more than files) */
	int wall_seconds;       /* per document; 0: INGEST_WORKER_WALL_SECONDS */
	const char *published;  /* sent with each document, or NULL */
};

/* Run files 0 .. nfiles-1 through the workers. 0 when every file went
 * through; -1 when a callback stopped the run or the workers could not
 * be started or watched (e set). The workers are gone when it returns. */
int ingest_supervise(size_t nfiles, const struct ingest_supervise_opts *o,
                     const struct ingest_supervise_ops *ops, void *arg, cw_err *e);

#endif
