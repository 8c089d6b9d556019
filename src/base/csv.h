/* base/csv.h: a streaming CSV reader (RFC 4180) over an encoding reader.
 *
 * Quoted fields may hold the delimiter, newlines and "" (one quote).
 * Lines end in LF or CRLF (a CR before LF is dropped outside quotes; inside
 * quotes a field keeps its bytes as they are). The first row is the header.
 * Completely empty lines (no bytes at all) are skipped; every other row must
 * have as many fields as the header.
 *
 * Memory is bounded by the limits, not by the file: a field over
 * CW_MAX_FIELD, a row over CW_MAX_RECORD bytes or over CSV_MAX_FIELDS
 * fields is a CW_ELIMIT error, found before more than the limit is
 * buffered.
 *
 * Line numbers are 1-based physical lines of the file, counting the header
 * (a row whose quoted field holds a newline spans several lines; r->line is
 * where it starts). Error messages begin "line N: "; the caller puts the
 * file name in front.
 *
 * Ownership: the reader does not own the FILE. Field and header pointers
 * point into the reader: fields stay valid until the next csv_next or
 * csv_release; header names until csv_release. */
#ifndef CW_BASE_CSV_H
#define CW_BASE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/encoding.h"
#include "base/err.h"

#define CSV_MAX_FIELDS 16384 /* columns in one row (Excel's maximum) */

struct csv_reader {
	/* Public, read-only. */
	size_t nfields; /* fields in the current row */
	long line;      /* line where the current row starts (1 = header) */
	char **header;  /* nheader NUL-terminated names (first row) */
	size_t nheader;
	/* recoverable: set with each error from csv_next. 1 when the bad row
	 * has been (or will be) skipped whole, so calling csv_next again reads
	 * the next row (--skip-bad): field-count mismatches and limits. 0 when
	 * the stream cannot continue (encoding, unbalanced or stray quote,
	 * read errors): stop. */
	int recoverable;

	/* Private. */
	struct enc_input in; /* decoded text, and the sticky error */
	char delim;
	int state;
	int pending_cr;
	int skipping; /* discard the rest of a row that hit a limit */
	int row_started;
	long cur_line;   /* line of the next byte */
	long quote_line; /* where the open quoted field began */
	cw_buf rec;      /* field bytes, each field NUL-terminated */
	size_t fstart;   /* start of the field being read in rec */
	size_t *offs;    /* start of field i in rec */
	size_t *lens;
	size_t cap;
	cw_buf hdr; /* header names, NUL-separated */
};

/* Open a CSV reader on f (not owned) in `encoding` (see enc_reader_open)
 * with delimiter `delim` (0 = ','; ';' and '\t' are common) and read the
 * header row. Errors: "empty file" (no bytes, only a BOM, or only blank
 * lines), "binary file", encoding errors, header limits. On error the
 * reader is released. */
int csv_open(struct csv_reader *r, FILE *f, const char *encoding, char delim, cw_err *e);

/* Read the next row: 1 with a row (r->nfields, csv_field, r->line), 0 at
 * the end, -1 on error (see r->recoverable). Errors name the line:
 * "line 7: unbalanced quote (the quoted field starts here)",
 * "line 3: stray quote in unquoted field", "line 4: 2 fields, the header
 * has 3", "line 9: field longer than 1048576 bytes". */
int csv_next(struct csv_reader *r, cw_err *e);

/* Field i (< r->nfields) of the current row, NUL-terminated (NUL bytes in
 * the input are rejected as a binary file, so the length is also strlen);
 * its length in *len when len is not NULL. NULL when i is out of range. */
const char *csv_field(const struct csv_reader *r, size_t i, size_t *len);

/* Free everything the reader holds (not the FILE). Safe twice, and on a
 * reader whose csv_open failed. */
void csv_release(struct csv_reader *r);

#endif
