/* io/people.h: the people of a database, ready for dedup.
 *
 * The store loads people as stored (store_people_load) and match/
 * prepares them for comparing (dedup_people_new), and neither may call
 * the other (DESIGN.md "Architecture"): io_people_load() does both and
 * keeps the two together, since the prepared people point into the
 * loaded ones. Person i is the same person in both. Front ends then run
 * dedup_run() (match/run.h) on `people` and name people by their ids. */
#ifndef CW_IO_PEOPLE_H
#define CW_IO_PEOPLE_H

#include "base/err.h"
#include "match/people.h"
#include "store/db.h"
#include "store/people.h"

struct io_people {
	store_people *stored; /* as the store holds them (store_people_find) */
	dedup_people *people; /* prepared for matching */
};

/* Load the people visible at clearance into p. 0, or -1 with e set (p
 * then holds nothing). Release with io_people_release(). */
int io_people_load(cw_db *db, int clearance, struct io_people *p, cw_err *e);
void io_people_release(struct io_people *p);

#endif
