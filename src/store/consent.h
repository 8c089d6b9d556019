/* store/consent.h: sources whose consent restricts what may be done.
 *
 * A source's consent lives in its body: {"consent": {"mode":
 * "named|pseudonym|anonymous", "publish": bool, "share": bool,
 * "withdrawn": DATE}}. store_consent_each() lists, in id order, the live
 * sources visible at clearance whose consent forbids publishing
 * (publish false) or sharing (share false) or was withdrawn, and
 * interviews with no consent recorded, each with the records visible at
 * clearance that cite it. A withdrawn source is visible at confidential
 * only (see STORE_OUT_VIS_SQL in record.h). */
#ifndef CW_STORE_CONSENT_H
#define CW_STORE_CONSENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

enum store_tristate { STORE_UNSET = -1, STORE_NO = 0, STORE_YES = 1 };

struct store_consent_cite {
	const char *type, *id; /* the citing record */
};

/* Valid during the callback only. */
struct store_consent {
	const char *id, *kind, *title; /* kind and title may be NULL */
	int level;                     /* the stored level (0..2) */
	bool recorded;                 /* the source has a consent object */
	const char *mode;              /* or NULL */
	enum store_tristate publish, share;
	const char *withdrawn; /* the date, or NULL */
	const struct store_consent_cite *cited_by;
	size_t ncited;
};

typedef int (*store_consent_fn)(void *arg, const struct store_consent *c, cw_err *e);
int store_consent_each(cw_db *db, int clearance, store_consent_fn fn, void *arg, cw_err *e);

#endif
