/* io/ingest_walk.c: the files an ingest reads. See ingest_walk.h. */
#include "io/ingest_walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/grow.h"

int ingest_files_add(struct ingest_files *f, const char *path, cw_err *e)
{
	if (cw_grow(&f->path, &f->cap, f->n + 1, sizeof(*f->path), 64))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	if (!(f->path[f->n] = strdup(path)))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	f->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(struct ingest_files *f, const char *dir, int depth, cw_err *e)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	if (depth > INGEST_WALK_MAX_DEPTH)
		return cw_err_set(e, CW_ELIMIT, "%s: folders nested deeper than %d", dir,
		                  INGEST_WALK_MAX_DEPTH);
	if (!(d = opendir(dir)))
		return cw_err_set(e, CW_EIO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (cw_grow(&names, &cap, n + 1, sizeof(*names), 64))
			goto nomem;
		if (!(names[n] = strdup(de->d_name)))
			goto nomem;
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		cw_buf p = CW_BUF_INIT;
		struct stat sb;
		int r = 0;
		if (cw_buf_addf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		                names[i])) {
			cw_buf_release(&p);
			goto nomem;
		}
		if (lstat(p.data, &sb) == 0 && S_ISDIR(sb.st_mode))
			r = walk(f, p.data, depth + 1, e);
		else if (lstat(p.data, &sb) == 0 && S_ISREG(sb.st_mode))
			r = ingest_files_add(f, p.data, e);
		cw_buf_release(&p);
		if (r)
			goto out;
	}
	rc = 0;
	goto out;
nomem:
	cw_err_set(e, CW_ENOMEM, "out of memory");
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

int ingest_files_walk(struct ingest_files *f, const char *dir, cw_err *e)
{
	return walk(f, dir, 0, e);
}

void ingest_files_release(struct ingest_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->path[i]);
	free(f->path);
	f->path = NULL;
	f->n = f->cap = 0;
}
