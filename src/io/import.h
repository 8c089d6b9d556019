/* io/import.h: importing the interchange format and foreign spreadsheets.
 *
 * One io_import() call is one transaction: all records of all files, or
 * nothing. Records may come in any order; references are checked at the
 * end. Bad records are reported through the diagnostics callback, one
 * struct io_diag each (file, line, column, field, severity, message); with
 * skip_bad they are written as they were, with the reason, to the rejects
 * file and the rest is imported. What is not a bad record (out of memory,
 * a read or database error, an unknown encoding) is not reported as one:
 * the import stops and fails with that error and its code. One audit
 * entry records the import (file hashes and counts), and only when
 * something changed. */
#ifndef CW_IO_IMPORT_H
#define CW_IO_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/err.h"
#include "store/db.h"

enum io_format { IO_FORMAT_AUTO, IO_FORMAT_JSONL, IO_FORMAT_JSON, IO_FORMAT_CSV, IO_FORMAT_SHEET };

int io_format_parse(const char *s, enum io_format *f);

enum io_severity {
	IO_ERROR,   /* a bad record (or file): nothing is imported, or it is rejected */
	IO_WARNING, /* imported anyway (a column of a foreign file not in --map) */
	IO_NOTE,    /* about the diagnostics themselves (too many to show) */
};

/* One diagnostic. The strings live until the callback returns. */
struct io_diag {
	const char *file;
	long line;           /* where the record starts, or the problem is; 0: the file */
	long column;         /* 0: not known */
	const char *field;   /* the field ("born", "sentence.months"), or NULL */
	enum io_severity severity;
	enum cw_code code;   /* CW_EINVAL or CW_ELIMIT: what is wrong with the input */
	const char *message; /* what is wrong, without file, line, column or field */
};

typedef void (*io_diag_fn)(void *arg, const struct io_diag *d);
/* The same as one line of text: msg is what follows "FILE:LINE: " (or
 * "FILE: " when line is 0), as io_diag_text() writes it. */
typedef void (*io_report_fn)(void *arg, const char *file, long line, const char *msg);

/* A diagnostic as the CLI prints it after "FILE:LINE: ": "column C: " when
 * known, "warning: " for a warning, "FIELD: " when known, the message. */
int io_diag_text(cw_buf *b, const struct io_diag *d);

struct io_import_opts {
	enum io_format format;
	const char *type;       /* CSV: the record type (else a type column or file name);
	                           a spreadsheet: the type of its first (or --sheet) sheet */
	const char *sheet;      /* a spreadsheet: only this sheet (else every sheet
	                           named for a type: people, cases, ...) */
	const char *map;        /* CSV: "ours=Theirs,..." */
	const char *namespace_; /* prefix ids with "NAME:" */
	int default_level;
	const char *encoding;   /* NULL: UTF-8 */
	char delimiter;         /* 0: ',' (or '\t' for .tsv) */
	int date_order;         /* enum io_date_order (io/schema.h): d/m/y or m/d/y */
	bool dry_run;
	/* Change only the fields each line gives (an RFC 7386 merge patch on
	 * the stored record: null removes a field); records not there yet are
	 * created as usual. Without it a line replaces its record whole, and
	 * each record that loses fields it had is reported as a warning
	 * ("'ID' loses title, url"), dry run or not; the fields casewatch
	 * attached itself (io_keep_attached) are kept unless the line names
	 * them. */
	bool merge;
	bool skip_bad;
	FILE *rejects;          /* with skip_bad */
	const char *actor;      /* for the audit log */
	io_diag_fn diag;        /* bad records and warnings, their parts apart */
	io_report_fn report;    /* or (also) each as text */
	void *report_arg;       /* for either */
	long max_errors;        /* stop reporting after this many (0: CW_MAX_ERRORS) */
	/* progress every 1,000 records: records so far, and bytes of the
	 * input read of total; may be NULL */
	void (*progress)(void *arg, long records, long long done, long long total);
	void *progress_arg;
};

#define IO_NTYPES 7
struct io_import_counts {
	long created[IO_NTYPES], updated[IO_NTYPES], unchanged[IO_NTYPES];
	long documents, vocabulary, rejected, errors;
	long dropped; /* replaced records that lost fields (reported) */
};

/* Type name for index i of the counts (io_types order). */
const char *io_count_type(int i);

/* Import files ("-" is standard input). Returns 0 on success (also when
 * bad records were skipped), -1 on failure with e set and nothing
 * written: CW_EINVAL "nothing imported: N bad records" when bad records
 * were reported, else the error that stopped the import, with its code
 * (CW_ENOMEM, CW_EIO, CW_EUSAGE, a database error ...). */
int io_import(cw_db *db, const char *const *files, size_t nfiles,
              const struct io_import_opts *o, struct io_import_counts *c, cw_err *e);

#endif
