/* tests/fuzz/replay.c: runs a fuzz target's entry point over files, so
 * that `make check` replays tests/fuzz/corpus/<name>/ (the seeds, and the
 * crashers found by fuzzing, kept as regression cases) without libFuzzer,
 * in the release and the sanitizer builds.
 *   replay_<name> FILE|DIR...   exit 0 when every input ran */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int files = 0, bad = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st)) {
			fprintf(stderr, "replay: %s: no such file\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad += run_file(argv[i]) != 0;
			files++;
			continue;
		}
		DIR *d = opendir(argv[i]);
		struct dirent *de;
		char **names = NULL;
		size_t nn = 0;
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			names = realloc(names, (nn + 1) * sizeof(*names));
			if (!names)
				abort();
			size_t len = strlen(argv[i]) + strlen(de->d_name) + 2;
			names[nn] = malloc(len);
			snprintf(names[nn++], len, "%s/%s", argv[i], de->d_name);
		}
		if (d)
			closedir(d);
		qsort(names, nn, sizeof(*names), cmp);
		for (size_t k = 0; k < nn; k++) {
			bad += run_file(names[k]) != 0;
			files++;
			free(names[k]);
		}
		free(names);
	}
	printf("replay: %d inputs, %d unreadable\n", files, bad);
	if (files == 0) {
		fprintf(stderr, "replay: no inputs\n");
		return 1;
	}
	return bad != 0;
}
