/* cli/cmd_import.c: casewatch import — read records into the database. */
#include <assert.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "io/import.h"
#include "io/schema.h"
#include "store/record.h"

static const char usage[] =
	"usage: casewatch import FILE... [options]\n"
	"\n"
	"Import records in the interchange format (JSON Lines, a JSON array, or\n"
	"CSV with one file per type) or a foreign CSV with --map. All or nothing:\n"
	"any bad record leaves the database as it was, unless --skip-bad.\n"
	"Importing the same data again changes nothing. FILE may be - (stdin).\n"
	"\n"
	"  --format jsonl|json|csv|xlsx|ods  (default: from the file's extension)\n"
	"  --type T                      CSV: the record type (person, case, ...)\n"
	"  --sheet NAME                  a spreadsheet (.xlsx, .ods): only this sheet;\n"
	"                                else every sheet named for a type (people,\n"
	"                                cases, ...); the first row is the header\n"
	"  --map 'ours=Theirs,...'       CSV: our field names for their columns\n"
	"  --namespace NAME              prefix every id with NAME: (partner data)\n"
	"  --default-confidentiality L   level for records without one (public)\n"
	"  --encoding E                  input encoding (utf-8, cp1251, koi8-r, ...)\n"
	"  --delimiter C                 CSV delimiter (',' or ';' or tab)\n"
	"  --date-order dmy|mdy          read 03/07/1985 as 3 July (dmy) or March 7\n"
	"                                (mdy); without it such dates are refused when\n"
	"                                both are possible (07.07.1985 is always dmy)\n"
	"  --merge                       change only the fields each line gives (null\n"
	"                                removes one); without it a line replaces its\n"
	"                                record, and records losing fields are listed\n"
	"  --dry-run                     check and count, write nothing (shows the\n"
	"                                records that would lose fields)\n"
	"  --skip-bad --rejects FILE     import the good records; write each bad one,\n"
	"                                as it was, with its reason, to FILE\n"
	"  --json                        print the counts as JSON\n";

static void progress(void *arg, long records, long long done, long long total)
{
	cli_progress_update2(arg, records, done, total);
}

/* "FILE:LINE: column C: warning: FIELD: message", the parts there are. */
static void report(void *arg, const struct io_diag *d)
{
	cw_buf b = CW_BUF_INIT;

	if (arg)
		cli_progress_clear(arg);
	assert(d->file && d->message);
	cw_buf_adds(&b, d->file);
	if (d->line > 0)
		cw_buf_addf(&b, ":%ld", d->line);
	cw_buf_adds(&b, ": ");
	io_diag_text(&b, d);
	cw_buf_addch(&b, '\n');
	fputs(b.data, stderr);
	cw_buf_release(&b);
}

/* 0, or -1 when out of memory. */
static int print_counts(const struct io_import_counts *c, bool json, bool dry)
{
	long total_changed = c->vocabulary;

	if (json) {
		struct cli_json j;
		cw_jsonw *w = &j.w;
		cli_json_start(&j, 0);
		cw_jsonw_obj(w);
		cw_jsonw_kbool(w, "dry_run", dry);
		cw_jsonw_key(w, "types");
		cw_jsonw_obj(w);
		for (int i = 0; i < IO_NTYPES; i++) {
			if (!c->created[i] && !c->updated[i] && !c->unchanged[i])
				continue;
			cw_jsonw_key(w, io_count_type(i));
			cw_jsonw_obj(w);
			cw_jsonw_kint(w, "created", c->created[i]);
			cw_jsonw_kint(w, "updated", c->updated[i]);
			cw_jsonw_kint(w, "unchanged", c->unchanged[i]);
			cw_jsonw_obj_end(w);
		}
		cw_jsonw_obj_end(w);
		cw_jsonw_kint(w, "documents", c->documents);
		cw_jsonw_kint(w, "vocabulary", c->vocabulary);
		cw_jsonw_kint(w, "rejected", c->rejected);
		cw_jsonw_kint(w, "dropped", c->dropped);
		cw_jsonw_obj_end(w);
		return cli_json_end(&j);
	}
	for (int i = 0; i < IO_NTYPES; i++) {
		if (!c->created[i] && !c->updated[i] && !c->unchanged[i])
			continue;
		printf("%-13s %7ld created %7ld updated %7ld unchanged\n", io_count_type(i),
		       c->created[i], c->updated[i], c->unchanged[i]);
		total_changed += c->created[i] + c->updated[i];
	}
	if (c->documents)
		printf("%-13s %7ld\n", "documents", c->documents);
	if (c->vocabulary)
		printf("%-13s %7ld added or relabelled\n", "vocabulary", c->vocabulary);
	if (c->rejected)
		printf("rejected      %7ld (see the rejects file)\n", c->rejected);
	if (c->dropped)
		printf("%ld record%s lose%s fields (listed above); --merge changes only the "
		       "fields given\n",
		       c->dropped, c->dropped == 1 ? "" : "s", c->dropped == 1 ? "s" : "");
	if (dry)
		printf("dry run: nothing was written\n");
	else if (!total_changed)
		printf("nothing changed\n");
	return 0;
}

struct import_args {
	struct io_import_opts o;
	const char *const *files;
	size_t nfiles;
	bool json;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	struct import_args *a = arg;
	struct io_import_counts counts;
	cw_err e = CW_ERR_INIT;

	struct cli_progress pr;
	int rc;

	cli_progress_start(&pr, ctx, "import", "records", 0);
	a->o.report_arg = &pr;
	a->o.progress = progress;
	a->o.progress_arg = &pr;
	rc = io_import(db, a->files, a->nfiles, &a->o, &counts, &e);
	cli_progress_clear(&pr);
	if (rc)
		return cli_fail(&e);
	if (print_counts(&counts, a->json, a->o.dry_run))
		return cli_nomem();
	return CLI_OK;
}

int cmd_import(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "type", required_argument, NULL, 't' },
		{ "sheet", required_argument, NULL, 'S' },
		{ "map", required_argument, NULL, 'm' },
		{ "namespace", required_argument, NULL, 'n' },
		{ "default-confidentiality", required_argument, NULL, 'c' },
		{ "encoding", required_argument, NULL, 'E' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'D' },
		{ "merge", no_argument, NULL, 'M' },
		{ "date-order", required_argument, NULL, 'O' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ "rejects", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_args a = { { 0 }, NULL, 0, false };
	struct io_import_opts *o = &a.o;
	const char *rejects = NULL;
	cw_err e = CW_ERR_INIT;
	int c, rc;

	o->diag = report;
	o->actor = ctx->user;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (io_format_parse(optarg, &o->format))
				return cli_usage("import", "--format: '%s' is not jsonl, json, csv, xlsx or ods",
				                 optarg);
			break;
		case 't': o->type = optarg; break;
		case 'S': o->sheet = optarg; break;
		case 'm': o->map = optarg; break;
		case 'n':
			if (!*optarg || strpbrk(optarg, ":|\n"))
				return cli_usage("import", "--namespace: '%s' is not a name", optarg);
			o->namespace_ = optarg;
			break;
		case 'c':
			if (cw_level_parse(optarg, &o->default_level))
				return cli_usage("import",
				                 "--default-confidentiality: '%s' is not public, internal "
				                 "or confidential",
				                 optarg);
			break;
		case 'E': o->encoding = optarg; break;
		case 'd':
			if (!strcmp(optarg, "tab") || !strcmp(optarg, "\\t"))
				o->delimiter = '\t';
			else if (strlen(optarg) == 1)
				o->delimiter = optarg[0];
			else
				return cli_usage("import", "--delimiter: one character, please");
			break;
		case 'D': o->dry_run = true; break;
		case 'M': o->merge = true; break;
		case 'O':
			if (!strcmp(optarg, "dmy"))
				o->date_order = IO_DATE_DMY;
			else if (!strcmp(optarg, "mdy"))
				o->date_order = IO_DATE_MDY;
			else
				return cli_usage("import", "--date-order: '%s' is not dmy or mdy", optarg);
			break;
		case 's': o->skip_bad = true; break;
		case 'r': rejects = optarg; break;
		case 'j': a.json = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("import", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("import", "no file to import");
	if (o->skip_bad != (rejects != NULL))
		return cli_usage("import", "--skip-bad and --rejects FILE go together");
	if (rejects) {
		o->rejects = fopen(rejects, "w");
		if (!o->rejects) {
			cw_err_set(&e, CW_EIO, "%s: cannot write", rejects);
			return cli_fail(&e);
		}
	}
	a.files = (const char *const *)argv + optind;
	a.nfiles = (size_t)(argc - optind);
	rc = cli_run(ctx, run, &a);
	if (o->rejects)
		fclose(o->rejects);
	return rc;
}
