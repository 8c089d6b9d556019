/* store/findings.h: what `findings` and `show` read from the store.
 *
 * Only the store speaks SQL. store_findings_load() returns, for one
 * provision (covering its parts) and one clearance, every case charged
 * under it that is visible at the clearance (the case and its person),
 * with its person (merges followed to the root), its visible events and
 * charges, and the citations of the case and of those events. Citations
 * carry their source's level: counting uses sources of any level, and
 * only the renderers decide what to list. The caller frees the result
 * with store_findings_release().
 *
 * store_show_get() returns one record as a researcher reads it, as one
 * JSON object the caller owns (json_decref). */
#ifndef CW_STORE_FINDINGS_H
#define CW_STORE_FINDINGS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

struct store_fcite {
	char *what;    /* "" for the record itself, "charge:ID" for a charge */
	char *source;  /* the source's id */
	char *kind;    /* the source's kind, NULL when it has none */
	char *title;   /* the source's title, or NULL */
	char *locator; /* or NULL */
	char *excerpt; /* or NULL */
	int source_vis; /* the source's effective level (0..2) */
};

struct store_fevent {
	char *id, *kind;
	char *date;      /* as written, or NULL */
	bool dated;      /* date parsed: first/last are set */
	long first, last; /* day numbers (base/date.h) */
	int vis;
	struct store_fcite *cites;
	size_t ncites;
};

struct store_fcase {
	char *id;
	char *person;       /* the case's person id */
	char *root;         /* that person after merges (merged_into to the end) */
	char *person_shown; /* the furthest person on the chain visible at the clearance */
	char *region;       /* the case's region, or NULL */
	char *person_region; /* the person's region, or NULL */
	int vis;            /* the case's effective level (with its person's) */
	char **charges;     /* provisions as written, visible at the clearance */
	size_t ncharges;
	struct store_fevent *events; /* by first day (undated last), then id */
	size_t nevents;
	struct store_fcite *cites;
	size_t ncites;
};

struct store_findings {
	char *provision; /* as asked */
	char *title;     /* the provision's title, or NULL */
	struct store_fcase *cases; /* by id */
	size_t ncases;
};

/* Whether provision id exists (not deleted) and is visible at clearance.
 * Fills *title (malloc'd, may stay NULL) when found. */
int store_findings_provision(cw_db *db, const char *provision, int clearance, bool *found,
                             char **title, cw_err *e);
/* Load the cases of provision (and its parts) visible at clearance. */
int store_findings_load(cw_db *db, const char *provision, int clearance,
                        struct store_findings *out, cw_err *e);
void store_findings_release(struct store_findings *f);

/* One record for `show`, at clearance. Fails with CW_ENOTFOUND "'ID' not
 * found" when the record is missing, deleted or above the clearance. The
 * object holds:
 *   "type", "id", "record": the record's JSON, with citations of hidden
 *     sources, hidden participants and hidden charges left out;
 *   "sources": { id: source JSON } for every visible source cited below;
 *   "people": { id: person JSON } for persons referred to (visible only);
 *   "provisions": { id: provision JSON } for charges' provisions;
 *   "cases": [ { "record": case JSON, "events": [event JSON...] } ] for a
 *     person (its visible cases, in date order) or for a case (itself);
 *     for an event its case;
 *   "cited_by": [ {"type","id","what","locator","excerpt"} ] for a
 *     source: the visible records that cite it. */
int store_show_get(cw_db *db, const char *id, int clearance, json_t **out, cw_err *e);

#endif
