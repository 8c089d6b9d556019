/* cli/cmd_export.c: casewatch export — write the database out. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/key.h"
#include "io/export.h"
#include "store/record.h"

static const char usage[] =
	"usage: casewatch export [--format jsonl|csv] [--clearance LEVEL | --public] [-o FILE]\n"
	"\n"
	"Write every record visible at the clearance in the interchange format, in a\n"
	"fixed order, so that importing the export into a new database and exporting\n"
	"again gives the same bytes. Records above the clearance are left out with\n"
	"what depends on them; citations of hidden sources are dropped.\n"
	"An export is plaintext: keep it as safe as the database.\n"
	"\n"
	"  --format jsonl|csv   jsonl (default) to stdout or FILE; csv needs -o DIR\n"
	"  --clearance LEVEL    public, internal or confidential (default)\n"
	"  --public             the same as --clearance public\n"
	"  -o, --output FILE    write to FILE (a folder for csv)\n";

int cmd_export(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "clearance", required_argument, NULL, 'c' },
		{ "public", no_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int clearance = CW_CONFIDENTIAL, c, rc;
	const char *out = NULL;
	bool csv = false;
	struct io_export_counts counts;
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;
	FILE *f = stdout;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "csv"))
				csv = true;
			else if (strcmp(optarg, "jsonl"))
				return cli_usage("export", "--format: '%s' is not jsonl or csv", optarg);
			break;
		case 'c':
			if (cw_level_parse(optarg, &clearance))
				return cli_usage("export", "--clearance: '%s' is not a level", optarg);
			break;
		case 'p': clearance = CW_PUBLIC; break;
		case 'o': out = optarg; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("export", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("export", "unexpected argument '%s'", argv[optind]);
	if (csv && !out)
		return cli_usage("export", "--format csv writes one file per type: give -o DIR");
	if (cli_open_db(ctx, STORE_READONLY, &db, &e))
		return cli_fail(&e);
	if (out && clearance > CW_PUBLIC)
		cli_warn("%s will hold %s records in plaintext", out, cw_level_name(clearance));
	if (csv) {
		rc = io_export_csv(db, clearance, out, &counts, &e);
	} else {
		if (out && !(f = fopen(out, "w"))) {
			cw_err_set(&e, CW_EIO, "%s: %s", out, strerror(errno));
			store_close(db);
			return cli_fail(&e);
		}
		rc = io_export_jsonl(db, clearance, f, &counts, &e);
		if (f != stdout && fclose(f) && !rc)
			rc = cw_err_set(&e, CW_EIO, "%s: write error", out);
	}
	store_close(db);
	if (rc)
		return cli_fail(&e);
	if (out)
		fprintf(stderr, "exported %ld records and %ld documents to %s\n", counts.records,
		        counts.documents, out);
	return CLI_OK;
}
