/* io/ingest.h: ingesting media articles (docs/ingest.md).
 *
 * io_ingest() walks files and folders (recursively), has every article
 * extracted in worker processes and writes, per article, one source
 * record (kind media unless told), the document's bytes (the uncompressed
 * page, addressed by its SHA-256) with the extracted text, and the
 * mentions found in it as suggestions for review. An article whose bytes
 * or URL are already in the database changes nothing.
 *
 * Workers: the casewatch binary itself (/proc/self/exe) run as
 * `casewatch extract-worker` with fork and exec, an environment of only
 * PATH and LANG (io_ingest_worker_env), no descriptors but its two pipes
 * (and /dev/null as standard error), and resource limits (CPU, address
 * space, no file writes, no core, few descriptors). A worker never sees a
 * key, the database or the names in it: it gets document bytes and sends
 * back the extraction. One per core works at a time; each handles
 * documents one after another and is replaced when it dies, stalls past
 * the time limit or has used up its CPU budget. A document whose worker
 * died, timed out or answered garbage is reported and skipped.
 *
 * Writes happen in the calling process only, one transaction per batch of
 * articles; each article is written whole or not at all.
 *
 * The module, one concern a file (each header says what it owns):
 *   ingest.c            the pipeline: files in, records out (this header)
 *   ingest_walk.c       which files a run reads (folders, order, links)
 *   ingest_supervise.c  the worker processes: sandbox, limits, the loop
 *   ingest_worker.c     the worker side and the protocol: gunzip, extract
 *   ingest_format.c     what kind of document a file is, which extractor
 *                       reads it, the media type it is stored with
 *   ingest_link.c       which known person a mention names */
#ifndef CW_IO_INGEST_H
#define CW_IO_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

/* Worker limits. */
#define INGEST_WORKER_CPU_SECONDS 10   /* CPU one document may use */
#define INGEST_WORKER_WALL_SECONDS 30  /* wall-clock time per document */
#define INGEST_WORKER_RECYCLE_CPU 5    /* a worker past this much CPU is replaced */
#define INGEST_WORKER_AS_BYTES (1024UL << 20) /* address space (not under ASan) */
#define INGEST_WORKER_NOFILE 16
#define INGEST_BATCH 1000              /* articles per transaction */
/* Mentions are looked for in the first 4 MB of an article's text (the
 * finder takes about half a second per MB). */
#define INGEST_MENTIONS_MAX (4u << 20)

/* Called for each file that was skipped, with the reason. */
typedef void (*io_ingest_report_fn)(void *arg, const char *file, const char *msg);
/* Progress: files done of total. */
typedef void (*io_ingest_progress_fn)(void *arg, size_t done, size_t total);

struct io_ingest_opts {
	const char *kind;      /* source kind; NULL: "media" */
	const char *url;       /* the article's URL (one file only) */
	const char *published; /* publication date (else the page's); a file
	                          ingested before gets it too (a revision) */
	const char *confidentiality; /* level of the new sources; NULL: public */
	int clearance;         /* the caller's: mentions suggest only people
	                          visible at it (CW_PUBLIC when zeroed) */
	int jobs;              /* workers; 0: one per core */
	const char *actor;     /* for the audit log */
	const char *worker_exe; /* NULL: /proc/self/exe */
	int wall_seconds;      /* per document; 0: INGEST_WORKER_WALL_SECONDS */
	io_ingest_report_fn report;
	io_ingest_progress_fn progress;
	void *arg;
};

struct io_ingest_counts {
	long files;      /* files looked at */
	long created;    /* new sources */
	long unchanged;  /* already there (same bytes or same URL) */
	long skipped;    /* bad files, reported */
	long mentions;   /* mentions stored as suggestions */
	long redated;    /* known sources given --published's date */
};

/* Ingest paths (files or folders). Returns 0 when it ran (files may have
 * been skipped: see counts->skipped), -1 with e set when it could not
 * (database error, no such path, no workers). */
int io_ingest(cw_db *db, const char *const *paths, size_t npaths,
              const struct io_ingest_opts *o, struct io_ingest_counts *c, cw_err *e);

/* The worker's whole environment: a NULL-terminated list of "NAME=value"
 * (static strings). Exposed for tests. */
const char *const *io_ingest_worker_env(void);

/* The worker side (`casewatch extract-worker`): read requests from in_fd,
 * answer on out_fd, until end of input. Returns 0 at end of input, -1 on
 * a protocol error. Internal: see docs/ingest.md for the protocol. */
int io_ingest_worker_main(int in_fd, int out_fd);

#endif
