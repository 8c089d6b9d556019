/* io/export.h: writing the database out in the interchange format.
 *
 * Deterministic order (documents, then provisions, organizations,
 * sources, people, affiliations, cases, events; by id within a type),
 * canonical bodies, so importing an export into a new database and
 * exporting again gives the same bytes. Records above the clearance are
 * left out, with what depends on them, and citations of hidden sources
 * are dropped, so an export at any clearance re-imports cleanly. Files
 * are created with mode 0600 (a CSV folder 0700); the SHA-256 of what was
 * written comes back in the counts, for the audit entry the front end
 * makes of an export above public. */
#ifndef CW_IO_EXPORT_H
#define CW_IO_EXPORT_H

#include <stdio.h>

#include "base/err.h"
#include "store/db.h"

struct io_export_counts {
	long records, documents;
	char sha256[65]; /* of all the bytes written (the files in order, for csv) */
};

/* Create (or truncate) an export file with mode 0600: exports hold
 * plaintext. */
FILE *io_export_create(const char *path, cw_err *e);

/* JSON Lines to out. */
int io_export_jsonl(cw_db *db, int clearance, FILE *out, struct io_export_counts *c,
                    cw_err *e);
/* A workbook at path (mode 0600): one sheet per type, named as the CSV
 * files are (people, cases, ...), the CSV columns with each of a record's
 * names in a column of its own; import reads it back (--format xlsx). */
int io_export_xlsx(cw_db *db, int clearance, const char *path, struct io_export_counts *c,
                   cw_err *e);
/* One CSV file per type into dir (created if missing): provisions.csv,
 * organizations.csv, sources.csv, people.csv, affiliations.csv, cases.csv,
 * events.csv. Documents are not written to CSV. */
int io_export_csv(cw_db *db, int clearance, const char *dir, struct io_export_counts *c,
                  cw_err *e);

#endif
