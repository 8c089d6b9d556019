/* io/sheet.h: spreadsheets (.xlsx, .ods) read as rows of cells.
 *
 * A workbook is opened once (its sheets listed by name) and each sheet is
 * read row by row: every row with at least one non-empty cell comes to
 * the callback with its number as the spreadsheet shows it (1-based) and
 * its non-empty cells in column order, each with its column (0-based;
 * io_sheet_ref() makes "C7" of it for messages). Cell values come as
 * text: strings as written, numbers as stored ("1985", "18", "3.5"),
 * cells formatted as dates as YYYY-MM-DD (a date-time's time is dropped),
 * booleans as true/false. Formulas give their cached value.
 *
 * Untrusted input: each part of the file is read whole into memory only
 * up to IO_SHEET_MAX_PART uncompressed bytes, repeated rows and columns
 * (ODS) are capped, the XML parser loads no DTD or external entity and
 * expands no entity, and no recursion follows the document's depth.
 * Used by import (CSV-like, one sheet per type) and meant to be reused by
 * the wide spreadsheet import (many records per row). */
#ifndef CW_IO_SHEET_H
#define CW_IO_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define IO_SHEET_MAX_PART (128u << 20) /* uncompressed bytes of one XML part */
#define IO_SHEET_MAX_COLS 16384        /* columns of a row (as Excel) */
#define IO_SHEET_MAX_ROWS 1048576      /* rows of a sheet (as Excel) */

struct io_sheet_cell {
	unsigned col; /* 0-based */
	const char *text;
	size_t len;
};

struct io_sheet_row {
	unsigned row; /* 1-based */
	const struct io_sheet_cell *cells;
	size_t n;
};

typedef struct io_sheet io_sheet;

/* Whether path names a spreadsheet this module reads (.xlsx, .ods). */
bool io_sheet_is(const char *path);

/* Open the workbook at path. The caller frees it with io_sheet_close. */
int io_sheet_open(const char *path, io_sheet **out, cw_err *e);
/* The same from an open file (fd is duplicated, not taken); name is for
 * messages and tells .ods from .xlsx. */
int io_sheet_open_fd(const char *name, int fd, io_sheet **out, cw_err *e);
void io_sheet_close(io_sheet *s);
size_t io_sheet_count(const io_sheet *s);
const char *io_sheet_name(const io_sheet *s, size_t i);
/* The index of the sheet named name, or -1. */
long io_sheet_find(const io_sheet *s, const char *name);

/* Read sheet i. fn returning non-zero stops the reading (and is returned);
 * the row and its strings are valid during the call only. */
typedef int (*io_sheet_row_fn)(void *arg, const struct io_sheet_row *r, cw_err *e);
int io_sheet_read(io_sheet *s, size_t i, io_sheet_row_fn fn, void *arg, cw_err *e);

/* "A1"-style reference of a cell. */
void io_sheet_ref(unsigned col, unsigned row, char out[24]);

#endif
