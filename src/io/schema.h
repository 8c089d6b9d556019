/* io/schema.h: the interchange format's record types and fields.
 *
 * io_canonicalize() checks one record against DESIGN.md's data model and
 * returns its canonical form: `type` and `id` first, then the other fields
 * in a fixed (sorted) order, nested objects sorted too, values normalized
 * (sex synonyms to m/f/x, CSV strings to numbers and booleans, dates
 * validated with their precision kept). Canonical bodies compare equal
 * exactly when records mean the same, which is what makes imports
 * idempotent and exports byte-stable. */
#ifndef CW_IO_SCHEMA_H
#define CW_IO_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"

/* Checks vocabulary codes (store_vocab_has); may be NULL (no check). */
struct store_vocab;
typedef bool (*io_vocab_fn)(const struct store_vocab *v, const char *vocabulary,
                            const char *code);

struct io_canon_opts {
	int default_level;     /* for records without confidentiality */
	const char *namespace_; /* prefix for ids and references, or NULL */
	io_vocab_fn vocab;     /* may be NULL */
	const struct store_vocab *vocab_arg;
	/* the codes of a vocabulary, ", "-separated into out, for the message
	 * on a value outside it (store_vocab_codes); may be NULL */
	void (*vocab_codes)(const struct store_vocab *v, const char *vocabulary, char *out,
	                    size_t cap);
	/* how to read dates written d/m/y or m/d/y (03/07/1985): 0 refuses
	 * them when both readings are possible; dd.mm.yyyy is always read */
	enum io_date_order { IO_DATE_ISO = 0, IO_DATE_DMY, IO_DATE_MDY } date_order;
	bool from_csv;         /* values are strings: convert by field kind */
	/* A merge patch (import --merge, PATCH): only the fields given are
	 * checked and kept, a JSON null stays null (it removes the field), no
	 * field is required, no default level or id is added. */
	bool partial;
};

/* The record types importers accept, in dependency order. */
extern const char *const io_types[];
bool io_type_known(const char *type);
/* Singular type from a CSV file name or a plural ("people" -> "person"). */
const char *io_type_from_word(const char *word);

/* Check and canonicalize. On error e->msg is "FIELD: message". The
 * result is a new reference the caller owns. A record without an id gets
 * one derived from its content ("person-1a2b3c4d5e6f"). */
json_t *io_canonicalize(json_t *in, const struct io_canon_opts *o, cw_err *e);

/* Set a CSV column's value into obj by the field's kind: lists split on
 * '|', nested fields flattened with '_' (sentence_months). Unknown columns
 * fail with "COLUMN: unknown field". */
int io_csv_set(json_t *obj, const char *type, const char *column, const char *value,
               size_t len, cw_err *e);
/* The CSV columns of a type, in export order; NULL-terminated. */
const char *const *io_csv_columns(const char *type);
/* One CSV cell's text for a column of a canonical record ("" when absent);
 * the caller frees it. */
char *io_csv_cell(json_t *rec, const char *column);

#endif
