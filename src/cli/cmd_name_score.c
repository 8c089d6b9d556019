/* cli/cmd_name_score.c: `casewatch name-score A B` and
 * `casewatch name-score --pairs FILE`: similarity of person names
 * (match/match.h) and the same/different decision at a threshold. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "cli/cli.h"
#include "match/match.h"

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: casewatch name-score [--threshold T] NAME_A NAME_B\n"
	        "       casewatch name-score [--threshold T] --pairs FILE\n"
	        "\n"
	        "Score how likely two person names name the same person, in any script\n"
	        "(Cyrillic, Kazakh Cyrillic and Latin alphabets, Latin romanizations).\n"
	        "Prints SCORE<TAB>same|different; SCORE is in [0,1] and 'same' means\n"
	        "SCORE >= T (default %.2f).\n"
	        "\n"
	        "  --pairs FILE     read lines NAME_A<TAB>NAME_B from FILE ('-' = stdin) "
	        "and\n"
	        "                   print one result line per input line, in order\n"
	        "  --threshold T    decision threshold in [0,1]\n"
	        "  -h, --help       show this help\n",
	        MATCH_DEFAULT_THRESHOLD);
}

static void print_result(double s, double threshold)
{
	printf("%.4f\t%s\n", s, s >= threshold ? "same" : "different");
}

static int run_pairs(const char *path, double threshold)
{
	cw_err e = CW_ERR_INIT;
	FILE *f = cli_open_input(path, &e);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rc = CLI_OK;

	if (!f)
		return cli_fail(&e);
	while ((n = getline(&line, &cap, f)) >= 0) {
		char *tab, *b;
		size_t alen, blen;
		double s;

		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if ((size_t)n > 2 * CW_MAX_NAME_BYTES + 1) {
			cw_err_set(&e, CW_ELIMIT, "%s:%ld: line longer than %d bytes",
			           path, lineno, 2 * CW_MAX_NAME_BYTES + 1);
			goto fail;
		}
		if (memchr(line, '\0', (size_t)n)) {
			cw_err_set(&e, CW_EINVAL, "%s:%ld: NUL byte in line", path,
			           lineno);
			goto fail;
		}
		tab = memchr(line, '\t', (size_t)n);
		if (!tab || memchr(tab + 1, '\t', (size_t)n - (size_t)(tab + 1 - line))) {
			cw_err_set(&e, CW_EINVAL, "%s:%ld: expected NAME_A<TAB>NAME_B",
			           path, lineno);
			goto fail;
		}
		alen = (size_t)(tab - line);
		b = tab + 1;
		blen = (size_t)n - alen - 1;
		if (!alen || !blen) {
			cw_err_set(&e, CW_EINVAL, "%s:%ld: empty name", path, lineno);
			goto fail;
		}
		if (match_name_compare(line, alen, b, blen, &s, &e)) {
			cw_err_prefix(&e, "%s:%ld", path, lineno);
			goto fail;
		}
		print_result(s, threshold);
	}
	if (ferror(f)) {
		cw_err_set(&e, CW_EIO, "%s: %s", path, strerror(errno));
		goto fail;
	}
	goto out;
fail:
	fflush(stdout);
	rc = cli_fail(&e);
out:
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cmd_name_score(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
	    {"pairs", required_argument, NULL, 'p'},
	    {"threshold", required_argument, NULL, 't'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *pairs = NULL;
	double threshold = MATCH_DEFAULT_THRESHOLD, s;
	cw_err e = CW_ERR_INIT;
	int c;

	(void)ctx;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': pairs = optarg; break;
		case 't': {
			char *end;
			errno = 0;
			threshold = strtod(optarg, &end);
			if (errno || *end || end == optarg ||
			    !(threshold >= 0 && threshold <= 1))
				return cli_usage(
				    "name-score",
				    "--threshold: '%s' is not a number in [0,1]", optarg);
			break;
		}
		case 'h': usage(stdout); return CLI_OK;
		default: return cli_usage("name-score", "unknown option");
		}
	}
	if (pairs) {
		if (optind != argc)
			return cli_usage("name-score", "--pairs takes no NAME arguments");
		return run_pairs(pairs, threshold);
	}
	if (argc - optind != 2)
		return cli_usage("name-score",
		                 "name-score needs two names (or --pairs FILE)");
	if (match_name_compare(argv[optind], strlen(argv[optind]), argv[optind + 1],
	                       strlen(argv[optind + 1]), &s, &e))
		return cli_fail(&e);
	print_result(s, threshold);
	return CLI_OK;
}
