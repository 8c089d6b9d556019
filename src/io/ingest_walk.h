/* io/ingest_walk.h: the files an ingest reads.
 *
 * The list holds the paths in the order they will be ingested: each path
 * given, and for a folder the files under it, recursively, in name order
 * (strcmp of the names). Hidden entries (a name starting with '.') and
 * symbolic links inside folders are left out, so a walk never loops and
 * never leaves the folder; nothing but regular files and folders is
 * followed. Folders nest at most INGEST_WALK_MAX_DEPTH deep. */
#ifndef CW_IO_INGEST_WALK_H
#define CW_IO_INGEST_WALK_H

#include <stddef.h>

#include "base/err.h"

#define INGEST_WALK_MAX_DEPTH 64

struct ingest_files {
	char **path; /* malloc'd, owned by the list */
	size_t n, cap;
};

/* Append one path as it is. 0, or -1 (out of memory). */
int ingest_files_add(struct ingest_files *f, const char *path, cw_err *e);
/* Append the files under folder dir. -1 when a folder cannot be read or
 * nests too deep (e names it), or memory ran out; what was appended
 * before stays. */
int ingest_files_walk(struct ingest_files *f, const char *dir, cw_err *e);
void ingest_files_release(struct ingest_files *f);

#endif
