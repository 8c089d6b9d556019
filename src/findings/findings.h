/* findings/findings.h: counting findings, exactly by DESIGN.md
 * "Findings (definitions)", in pure C over what store_findings_load()
 * returned. No SQL, no printing.
 *
 * For provision P (covering its parts) and an optional period:
 *  - a case counts when a charge is covered by P, the case (with its
 *    person) is visible at the clearance, it is sourced (the case or one
 *    of its events cites a source of any level) unless include_unsourced,
 *    and, with a period, one of its events has a date meeting the period;
 *  - persons are people after merges (store_fcase.root);
 *  - events above the clearance are not there (the store leaves them out).
 * The result owns its memory; free with findings_result_release(). */
#ifndef CW_FINDINGS_FINDINGS_H
#define CW_FINDINGS_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/date.h"
#include "base/err.h"
#include "store/findings.h"

struct findings_query {
	const char *provision;
	cw_date from, to; /* year 0: not given */
	bool include_unsourced;
	int clearance;
};

struct findings_count {
	char *key;
	long n;
};

/* What stands behind one counted case, for --explain. */
struct findings_case {
	const struct store_fcase *c; /* points into the store data */
	bool *event_counted;         /* per event: inside the period (all when none) */
	int year;                    /* of the earliest dated event, 0 if none */
	const char *region;          /* the region it counts under */
	bool repeat;                 /* this case is a repeat prosecution */
};

struct findings_result {
	long persons, cases, repeat_persons;
	char **repeat_person_ids; /* sorted */
	size_t nrepeat_ids;
	/* Keys sorted (bytewise); by_year keys are "2019". */
	struct findings_count *by_year, *by_region, *by_event, *sources_by_kind;
	size_t nby_year, nby_region, nby_event, nsources_by_kind;
	long sources;   /* distinct sources behind the counted cases */
	long unsourced; /* cases that would count but have no citation (left out) */
	struct findings_case *counted; /* in case id order */
	size_t ncounted;
};

/* Whether provision p covers charge: equal, or charge is p followed by
 * "-" and a part ("KZ-CC-405" covers "KZ-CC-405-2", not "KZ-CC-4050"). */
bool findings_covers(const char *p, const char *charge);
/* Whether id is a well-formed provision id: ASCII letters, digits, '-',
 * '.' and '_', not starting or ending with '-', no "--", at most 200
 * bytes. */
bool findings_provision_valid(const char *id);

int findings_compute(const struct store_findings *data, const struct findings_query *q,
                     struct findings_result *out, cw_err *e);
void findings_result_release(struct findings_result *r);

/* The count for key in a list, 0 when absent. */
long findings_get(const struct findings_count *list, size_t n, const char *key);

#endif
