/* base/jsonrec.h: stream JSON records (objects) from a user's file.
 *
 * Two layouts, auto-detected from the first non-space byte or forced:
 *   JSONREC_LINES  JSON Lines: one object per line; blank lines skipped.
 *   JSONREC_ARRAY  one JSON array of objects, `[ {...}, {...} ]`, read
 *                  element by element (never the whole array at once).
 * A small iterative scanner (no recursion) finds where each record ends;
 * jansson then parses that one record (duplicate keys rejected, integers
 * kept as integers, reals as doubles).
 *
 * Memory is bounded by the limits, not by the file: a record over
 * CW_MAX_RECORD bytes, a string over CW_MAX_FIELD bytes or nesting deeper
 * than JSONREC_MAX_DEPTH is a CW_ELIMIT error found before more than the
 * limit is buffered; the rest of that record is then skipped without
 * buffering it.
 *
 * Line numbers are 1-based lines of the file (after a UTF-8 BOM, which is
 * skipped). Error messages begin "line N: " or "line N, column C: "; the
 * caller puts the file name in front.
 *
 * Ownership: the reader does not own the FILE. jsonrec_next gives the
 * caller a new reference (json_decref it). r->raw belongs to the reader
 * and is overwritten by the next call. */
#ifndef CW_BASE_JSONREC_H
#define CW_BASE_JSONREC_H

#include <stdio.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/encoding.h"
#include "base/err.h"

enum { JSONREC_AUTO = 0, JSONREC_LINES = 1, JSONREC_ARRAY = 2 };

#define JSONREC_MAX_DEPTH 512 /* nesting of arrays and objects in a record */

struct jsonrec_reader {
	/* Public, read-only. */
	int format; /* JSONREC_LINES or JSONREC_ARRAY (auto resolved) */
	long line;  /* line where the current record starts */
	/* raw: the current record's text as it is in the file (converted to
	 * UTF-8): in JSON Lines the line without its line ending, in an array
	 * the element from its first to its last byte (no surrounding space or
	 * comma). Set whenever jsonrec_next returns 1, and after a recoverable
	 * error (malformed JSON, not an object) so the caller can write the
	 * bad record out as it was. After a CW_ELIMIT error it holds only the
	 * beginning of the record (at most the limit). */
	cw_buf raw;
	/* recoverable: set with each error from jsonrec_next. 1 when the bad
	 * record has been (or will be) skipped whole, so calling jsonrec_next
	 * again reads the next record (--skip-bad): malformed JSON, a record
	 * that is not an object, duplicate keys, limits. 0 when the stream
	 * cannot continue (encoding, binary file, read errors, a broken array
	 * structure such as a missing ']' or a stray '}'): stop. */
	int recoverable;

	/* Private. */
	struct enc_input in; /* decoded text, and the sticky error */
	long cur_line;  /* line of in.chunk[in.cpos] */
	long col;       /* column (characters, 1-based) of in.chunk[in.cpos] */
	long start_col; /* column where the current record starts */
	int astate;     /* array position: first element, after ',', done */
	int started;    /* inside a record */
	int in_str, esc, skipping;
	long depth;
	size_t str_len;
};

/* Open a reader on f (not owned) in `encoding` (see enc_reader_open) with
 * `format` (JSONREC_AUTO: '[' first means an array). Errors: "empty file"
 * (nothing but white space), "binary file", encoding errors, "line N:
 * expected '['" (JSONREC_ARRAY forced on something else). On error the
 * reader is released. */
int jsonrec_open(struct jsonrec_reader *r, FILE *f, const char *encoding, int format,
                 cw_err *e);

/* Next record: 1 with *obj (a JSON object, a new reference the caller
 * owns) and r->line, r->raw set; 0 at the end; -1 on error with *obj NULL
 * (see r->recoverable). */
int jsonrec_next(struct jsonrec_reader *r, json_t **obj, cw_err *e);

/* Free everything the reader holds (not the FILE). Safe twice, and on a
 * reader whose jsonrec_open failed. */
void jsonrec_release(struct jsonrec_reader *r);

#endif
