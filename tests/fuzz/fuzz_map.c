/* tests/fuzz/fuzz_map.c: libFuzzer target for `import --type T --map
 * 'ours=Theirs,...'` (a foreign CSV read through a column map, then
 * checked, keyed and written). The first line is the map spec, the
 * second byte of the input picks the type; the rest is the CSV file. The
 * import runs as a dry run into one database made at start, in memory-
 * backed /dev/shm when there is one. Properties: no crash or leak; a
 * failed import says why; every report names a line of the file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/import.h"
#include "store/db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static cw_db *db;
static char dir[64], csv[96];

static void on_report(void *arg, const char *file, long line, const char *msg)
{
	(void)arg;
	if (!file || line < 0 || !msg || !msg[0])
		abort();
}

static void cleanup(void)
{
	char p[128];
	store_close(db);
	unlink(csv);
	for (int i = 0; i < 3; i++) {
		static const char *const suf[] = { "", "-wal", "-shm" };
		snprintf(p, sizeof(p), "%s/f.db%s", dir, suf[i]);
		unlink(p);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	cw_err e = CW_ERR_INIT;
	char path[96];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/cwfuzz-XXXXXX",
	         access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/f.db", dir);
	snprintf(csv, sizeof(csv), "%s/in.csv", dir);
	if (store_open(path, NULL, STORE_CREATE, &db, &e)) {
		fprintf(stderr, "fuzz_map: %s\n", e.msg);
		abort();
	}
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = { "person",  "case",     "event",
	                                     "source",  "provision", "organization",
	                                     "affiliation", NULL };
	struct io_import_opts o = { 0 };
	struct io_import_counts c = { 0 };
	cw_err e = CW_ERR_INIT;
	const char *files[1] = { csv };
	const char *nl;
	char *map;
	FILE *f;

	if (size < 2 || size > 65536)
		return 0;
	nl = memchr(data + 1, '\n', size - 1);
	if (!nl)
		return 0;
	map = strndup((const char *)data + 1, (size_t)(nl - (const char *)data - 1));
	f = fopen(csv, "wb");
	if (!map || !f)
		abort();
	fwrite(nl + 1, 1, size - (size_t)(nl + 1 - (const char *)data), f);
	fclose(f);
	o.format = IO_FORMAT_CSV;
	o.type = types[data[0] % 8]; /* NULL: a type column or nothing */
	o.map = map;
	o.dry_run = true;
	o.actor = "fuzz";
	o.report = on_report;
	o.max_errors = 20;
	if (io_import(db, files, 1, &o, &c, &e) && !e.msg[0])
		abort();
	free(map);
	return 0;
}
