/* io/people.c: the people of a database, ready for dedup. See people.h. */
#include "io/people.h"

#include <stdlib.h>

int io_people_load(cw_db *db, int clearance, struct io_people *p, cw_err *e)
{
	struct store_person *sp = NULL;
	struct dedup_record *in = NULL;
	size_t n;
	int rc = -1;

	p->stored = NULL;
	p->people = NULL;
	if (store_people_load(db, clearance, &p->stored, &sp, &n, e))
		return -1;
	if (!(in = calloc(n ? n : 1, sizeof(*in)))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct store_person *s = &sp[i];
		in[i] = (struct dedup_record){
		    .id = s->id,
		    .sex = s->sex,
		    .born = s->born,
		    .region = s->region,
		    .names = s->names,
		    .nnames = s->nnames,
		    .orgs = s->orgs,
		    .norgs = s->norgs,
		    .numbers = s->numbers,
		    .nnumbers = s->nnumbers,
		    .sources = s->sources,
		    .nsources = s->nsources,
		};
	}
	/* dedup_people_new keeps what it needs: the person structs can go
	 * (at a million people, 100 MB) */
	free(sp);
	sp = NULL;
	rc = dedup_people_new(in, n, &p->people, e);
out:
	free(sp);
	free(in);
	if (rc)
		io_people_release(p);
	return rc;
}

void io_people_release(struct io_people *p)
{
	dedup_people_free(p->people);
	store_people_free(p->stored);
	p->people = NULL;
	p->stored = NULL;
}
