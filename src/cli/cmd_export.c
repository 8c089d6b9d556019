/* cli/cmd_export.c: casewatch export — write the database out. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "io/export.h"
#include "store/audit.h"
#include "store/record.h"

static const char usage[] =
	"usage: casewatch export [--format jsonl|csv|xlsx] [--clearance LEVEL | --public]\n"
	"       [-o FILE]\n"
	"\n"
	"Write every record visible at the clearance in the interchange format, in a\n"
	"fixed order, so that importing the export into a new database and exporting\n"
	"again gives the same bytes. Records above the clearance are left out with\n"
	"what depends on them; citations of hidden sources are dropped.\n"
	"An export is plaintext: keep it as safe as the database. Files are\n"
	"created readable by you only (mode 0600), and an export to a file above\n"
	"public is audited (clearance, counts and the output's SHA-256; never\n"
	"content).\n"
	"\n"
	"  --format jsonl|csv|xlsx  jsonl (default) to stdout or FILE; csv needs -o DIR\n"
	"                       (a file per type); xlsx -o FILE.xlsx (a sheet per type,\n"
	"                       a column per field, each name in its own column)\n"
	"  --clearance LEVEL    public, internal or confidential (default)\n"
	"  --public             the same as --clearance public\n"
	"  -o, --output FILE    write to FILE (a folder for csv)\n";

struct export_opts {
	int clearance;
	const char *out;
	bool csv, xlsx;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct export_opts *o = arg;
	struct io_export_counts counts;
	cw_err e = CW_ERR_INIT;
	FILE *f = stdout;
	int rc;

	(void)ctx;
	if (o->out && o->clearance > CW_PUBLIC)
		cli_warn("%s will hold %s records in plaintext", o->out,
		         cw_level_name(o->clearance));
	if (o->csv) {
		rc = io_export_csv(db, o->clearance, o->out, &counts, &e);
	} else if (o->xlsx) {
		rc = io_export_xlsx(db, o->clearance, o->out, &counts, &e);
	} else {
		if (o->out && !(f = io_export_create(o->out, &e)))
			return cli_fail(&e);
		rc = io_export_jsonl(db, o->clearance, f, &counts, &e);
		if (f != stdout && fclose(f) && !rc)
			rc = cw_err_set(&e, CW_EIO, "%s: write error", o->out);
	}
	if (rc)
		return cli_fail(&e);
	if (o->out && o->clearance > CW_PUBLIC) {
		/* who took what out, at which clearance: never the content */
		char detail[256];
		snprintf(detail, sizeof(detail),
		         "{\"clearance\":\"%s\",\"format\":\"%s\",\"records\":%ld,"
		         "\"documents\":%ld,\"sha256\":\"%s\"}",
		         cw_level_name(o->clearance), o->csv ? "csv" : o->xlsx ? "xlsx" : "jsonl",
		         counts.records,
		         counts.documents, counts.sha256);
		if (store_begin(db, &e) ||
		    store_audit_append(db, ctx->user, "export", NULL, detail, &e) ||
		    store_commit(db, &e)) {
			cw_err_prefix(&e, "the export could not be audited%s",
			              o->out ? " (its output is written)" : "");
			return cli_fail(&e);
		}
	}
	if (o->out)
		fprintf(stderr, "exported %ld records and %ld documents to %s\n", counts.records,
		        counts.documents, o->out);
	return CLI_OK;
}

int cmd_export(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		CLI_CLEARANCE_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_opts o = { CLI_DEFAULT_CLEARANCE, NULL, false, false };
	int c;

	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o.csv = !strcmp(optarg, "csv");
			o.xlsx = !strcmp(optarg, "xlsx");
			if (!o.csv && !o.xlsx && strcmp(optarg, "jsonl"))
				return cli_usage("export", "--format: '%s' is not jsonl, csv or xlsx", optarg);
			break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("export", c, optarg, &o.clearance))
				return CLI_USAGE;
			break;
		case 'o': o.out = optarg; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("export", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage("export", "unexpected argument '%s'", argv[optind]);
	if (o.csv && !o.out)
		return cli_usage("export", "--format csv writes one file per type: give -o DIR");
	if (o.xlsx && !o.out)
		return cli_usage("export", "--format xlsx writes a workbook: give -o FILE.xlsx");
	/* an export to a file above public writes its audit entry */
	ctx->only_reads = !o.out || o.clearance == CW_PUBLIC;
	return cli_run(ctx, run, &o);
}
