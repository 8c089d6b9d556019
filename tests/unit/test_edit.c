/* tests/unit/test_edit.c: io/edit + store/edit: one record at a time,
 * expected revisions, history at a clearance, revert, import --merge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four above first */
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/jsonout.h"
#include "io/edit.h"
#include "io/import.h"
#include "io/review.h"
#include "io/schema.h"
#include "store/edit.h"
#include "store/internal.h"
#include "store/record.h"

static char path[256], jpath[300];
static cw_db *db;

static int setup(void **state)
{
	cw_err e = CW_ERR_INIT;
	(void)state;
	snprintf(path, sizeof(path), "%s/cwedit-%d.db",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	snprintf(jpath, sizeof(jpath), "%s.jsonl", path);
	unlink(path);
	assert_int_equal(store_open(path, NULL, STORE_CREATE, &db, &e), 0);
	return 0;
}

static int teardown(void **state)
{
	char p[300];
	(void)state;
	store_close(db);
	db = NULL;
	unlink(path);
	unlink(jpath);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

static long count(const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static struct io_edit_opts opts(const char *how, int clearance, long long expected)
{
	struct io_edit_opts o = {"tester", how, clearance, 0, expected};
	return o;
}

static int put_json(const char *json, long long expected, int clearance, cw_err *e)
{
	struct io_edit_opts o = opts("put", clearance, expected);
	struct io_edit_result r;
	json_t *j = json_loads(json, 0, NULL);
	int rc;
	assert_non_null(j);
	rc = io_record_put(db, j, &o, &r, e);
	json_decref(j);
	return rc;
}

/* The stored body of id (everything, as the CLI sees it). */
static char *body_of(const char *id)
{
	struct store_rec r;
	cw_err e = CW_ERR_INIT;
	char *b;
	assert_int_equal(store_record_get(db, id, CW_CONFIDENTIAL, &r, &e), 0);
	b = strdup(r.body);
	store_rec_release(&r);
	return b;
}

static void expected_revisions_refuse_stale_writes(void **state)
{
	cw_err e = CW_ERR_INIT;
	struct io_edit_opts o = opts("set", CW_CONFIDENTIAL, 0);
	struct io_edit_result r;
	char *born[] = {(char *)"born=1985"}, *stale[] = {(char *)"born=1986"};
	char *before;
	(void)state;

	assert_int_equal(
	    put_json("{\"type\":\"person\",\"id\":\"p-1\",\"names\":[\"A\"]}",
	             STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	    0);
	/* creating it again is refused: the id is taken */
	assert_int_equal(
	    put_json("{\"type\":\"person\",\"id\":\"p-1\",\"names\":[\"B\"]}",
	             STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	    -1);
	assert_int_equal(e.code, CW_ECONFLICT);
	assert_int_equal(io_record_assign(db, "p-1", born, 1, &o, &r, &e), 0);
	assert_int_equal(r.revision, 2);
	assert_true(r.changed);
	before = body_of("p-1");
	/* someone read revision 1 and writes now: refused, nothing changes */
	o.expected = 1;
	assert_int_equal(io_record_assign(db, "p-1", stale, 1, &o, &r, &e), -1);
	assert_int_equal(e.code, CW_ECONFLICT);
	assert_non_null(strstr(e.msg, "changed since revision 1"));
	assert_int_equal(
	    put_json("{\"type\":\"person\",\"id\":\"p-1\",\"names\":[\"C\"]}", 1,
	             CW_CONFIDENTIAL, &e),
	    -1);
	assert_int_equal(e.code, CW_ECONFLICT);
	{
		char *after = body_of("p-1");
		assert_string_equal(before, after);
		free(after);
	}
	/* the same value again writes nothing: no revision, no audit entry */
	long audits = count("SELECT count(*) FROM audit");
	o.expected = 2;
	assert_int_equal(io_record_assign(db, "p-1", born, 1, &o, &r, &e), 0);
	assert_false(r.changed);
	assert_int_equal(r.revision, 2);
	assert_int_equal(count("SELECT count(*) FROM audit"), audits);
	/* each write was audited with the opaque rid, never the id */
	assert_int_equal(
	    count("SELECT count(*) FROM audit WHERE action='set' AND target LIKE 'r:%'"
	          " AND detail='{\"revision\":2}'"),
	    1);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE detail LIKE '%p-1%'"),
	                 0);
	/* no expected revision for a missing record */
	o.expected = 0;
	assert_int_equal(io_record_assign(db, "p-404", born, 1, &o, &r, &e), -1);
	assert_int_equal(e.code, CW_ENOTFOUND);
	free(before);
}

struct hist {
	int n;
	long long revs[8];
	char how[8][32];
	char body[8][512];
};

static int on_version(void *arg, const struct store_version *v, cw_err *e)
{
	struct hist *h = arg;
	(void)e;
	if (h->n < 8) {
		h->revs[h->n] = v->revision;
		snprintf(h->how[h->n], sizeof(h->how[0]), "%s/%s", v->how ? v->how : "?",
		         v->actor ? v->actor : "?");
		snprintf(h->body[h->n], sizeof(h->body[0]), "%s", v->body);
		h->n++;
	}
	return 0;
}

/* A version that was confidential stays hidden from a public reader even
 * after the record became public; so do hidden citations. */
static void history_hides_versions_above_clearance(void **state)
{
	cw_err e = CW_ERR_INIT;
	struct io_edit_opts o = opts("set", CW_CONFIDENTIAL, 0);
	struct io_edit_result r;
	struct hist h = {0};
	char *pub[] = {(char *)"confidentiality=public", (char *)"region=Almaty"};
	char *type, *body;
	(void)state;

	assert_int_equal(
	    put_json("{\"type\":\"source\",\"id\":\"s-secret\",\"kind\":\"interview\","
	             "\"confidentiality\":\"confidential\"}",
	             STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	    0);
	assert_int_equal(
	    put_json("{\"type\":\"person\",\"id\":\"p-2\",\"names\":[\"Secret Name\"],"
	             "\"confidentiality\":\"confidential\",\"sources\":[\"s-secret\"]}",
	             STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	    0);
	assert_int_equal(io_record_assign(db, "p-2", pub, 2, &o, &r, &e), 0);
	assert_int_equal(r.revision, 2);

	assert_int_equal(store_record_history(db, "p-2", CW_PUBLIC, on_version, &h, &e),
	                 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.revs[0], 2);
	assert_null(strstr(h.body[0], "s-secret")); /* its citation is left out */
	assert_int_equal(
	    store_record_version(db, "p-2", 1, CW_PUBLIC, false, &type, &body, &e), -1);
	assert_int_equal(e.code, CW_ENOTFOUND);

	memset(&h, 0, sizeof(h));
	assert_int_equal(
	    store_record_history(db, "p-2", CW_CONFIDENTIAL, on_version, &h, &e), 0);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.how[1], "set/tester");
	assert_int_equal(
	    store_record_version(db, "p-2", 1, CW_CONFIDENTIAL, false, &type, &body, &e),
	    0);
	assert_non_null(strstr(body, "Secret Name"));
	free(type);
	free(body);
}

/* A writer who cannot see a record cannot tell it from a missing one;
 * one who cannot see a citation keeps it when writing the record. */
static void writes_respect_the_writers_clearance(void **state)
{
	cw_err e = CW_ERR_INIT;
	struct io_edit_opts o = opts("set", CW_PUBLIC, 0);
	struct io_edit_result r;
	char *region[] = {(char *)"region=Aktau"},
	     *conf[] = {(char *)"confidentiality=internal"};
	char *cite[] = {(char *)"sources+=s-int"};
	char *b;
	(void)state;

	assert_int_equal(
	    put_json(
	        "{\"type\":\"source\",\"id\":\"s-int\",\"confidentiality\":\"internal\"}",
	        STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	    0);
	assert_int_equal(put_json("{\"type\":\"source\",\"id\":\"s-pub\"}", STORE_REV_NEW,
	                          CW_CONFIDENTIAL, &e),
	                 0);
	assert_int_equal(put_json("{\"type\":\"person\",\"id\":\"p-3\",\"names\":[\"X\"],"
	                          "\"sources\":[\"s-int\",\"s-pub\"]}",
	                          STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	                 0);
	assert_int_equal(
	    put_json("{\"type\":\"person\",\"id\":\"p-hidden\",\"names\":[\"Y\"],"
	             "\"confidentiality\":\"internal\"}",
	             STORE_REV_NEW, CW_CONFIDENTIAL, &e),
	    0);
	/* not visible: answered like a missing record */
	assert_int_equal(io_record_assign(db, "p-hidden", region, 1, &o, &r, &e), -1);
	assert_int_equal(e.code, CW_ENOTFOUND);
	assert_string_equal(e.msg, "no record 'p-hidden'");
	/* no level above the writer's clearance */
	assert_int_equal(io_record_assign(db, "p-3", conf, 1, &o, &r, &e), -1);
	assert_int_equal(e.code, CW_EPERM);
	/* the public writer changes the region; the internal citation stays */
	assert_int_equal(io_record_assign(db, "p-3", region, 1, &o, &r, &e), 0);
	b = body_of("p-3");
	assert_non_null(strstr(b, "\"s-int\""));
	assert_non_null(strstr(b, "\"region\":\"Aktau\""));
	free(b);
	/* a public writer cannot cite what it cannot see */
	assert_int_equal(io_record_assign(db, "s-pub", cite, 1, &o, &r, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
}

static void paths_and_patches(void **state)
{
	cw_err e = CW_ERR_INIT;
	json_t *rec =
	    json_loads("{\"type\":\"event\",\"id\":\"e-1\",\"case\":\"c-1\",\"kind\":"
	               "\"sentenced\"}",
	               0, NULL);
	json_t *p, *t, *m;
	char *s;
	(void)state;

	assert_int_equal(io_path_assign(rec, "sentence.months=18", &e), 0);
	assert_int_equal(io_path_assign(rec, "sentence.kind=prison", &e), 0);
	assert_int_equal(io_path_assign(rec, "sources=s-1|s-2", &e), 0);
	assert_int_equal(io_path_assign(rec, "sources+=s-3", &e), 0);
	assert_int_equal(io_path_assign(rec, "sources-=s-1", &e), 0);
	assert_int_equal(io_path_assign(rec, "sources.0.locator=p. 2", &e), 0);
	assert_int_equal(io_path_assign(rec, "place:=\"Aktau\"", &e), 0);
	s = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_string_equal(
	    s, "{\"type\":\"event\",\"id\":\"e-1\",\"case\":\"c-1\",\"kind\":"
	       "\"sentenced\",\"sentence\":{\"months\":\"18\",\"kind\":\"prison\"},"
	       "\"sources\":[{\"source\":\"s-2\",\"locator\":\"p. 2\"},\"s-3\"],"
	       "\"place\":\"Aktau\"}");
	free(s);
	assert_int_equal(io_path_unset(rec, "sentence.kind", &e), 0);
	assert_int_equal(io_path_unset(rec, "sentence.kind", &e), -1);
	assert_int_equal(io_path_assign(rec, "id=e-2", &e), -1);
	assert_int_equal(io_path_assign(rec, "kind", &e), -1);
	json_decref(rec);

	/* RFC 7386's own example */
	t = json_loads("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}", 0, NULL);
	p = json_loads("{\"a\":\"z\",\"c\":{\"f\":null}}", 0, NULL);
	m = io_merge_patch(t, p);
	s = json_dumps(m, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_string_equal(s, "{\"a\":\"z\",\"c\":{\"d\":\"e\"}}");
	free(s);
	json_decref(t);
	json_decref(p);
	json_decref(m);
}

static void report_cb(void *arg, const char *file, long line, const char *msg)
{
	cw_buf *b = arg;
	(void)file;
	(void)line;
	cw_buf_adds(b, msg);
	cw_buf_addch(b, '\n');
}

static int import_line(const char *line, bool merge, bool dry, cw_buf *out,
                       struct io_import_counts *c)
{
	struct io_import_opts o = {0};
	const char *files[] = {jpath};
	cw_err e = CW_ERR_INIT;
	FILE *f = fopen(jpath, "w");
	assert_non_null(f);
	fputs(line, f);
	fclose(f);
	o.actor = "tester";
	o.merge = merge;
	o.dry_run = dry;
	o.report = report_cb;
	o.report_arg = out;
	return io_import(db, files, 1, &o, c, &e);
}

/* The trial of issue 12: an ingested source, a line importing its date. */
static void the_rferl_trial(void **state)
{
	static const char src[] =
	    "{\"type\":\"source\",\"id\":\"src-0123456789abcdef\",\"kind\":\"media\","
	    "\"language\":\"en\",\"obtained\":\"2026-11-20\",\"sha256\":"
	    "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
	    "\"title\":\"Kazakh activist sentenced\",\"url\":\"https://example.org/a\","
	    "\"confidentiality\":\"public\"}";
	static const char line[] =
	    "{\"type\":\"source\",\"id\":\"src-0123456789abcdef\","
	    "\"published\":\"2021-07\",\"publisher\":\"RFE/RL\"}\n";
	cw_err e = CW_ERR_INIT;
	store_writer *w;
	enum store_put_result res;
	struct store_dangling *d;
	size_t nd;
	struct io_import_counts c;
	cw_buf warn = CW_BUF_INIT;
	struct io_edit_opts o = opts("revert", CW_CONFIDENTIAL, 0);
	struct io_edit_result r;
	json_t *obj = json_loads(src, 0, NULL), *canon;
	struct io_canon_opts co = {0};
	cw_buf body = CW_BUF_INIT;
	char *orig, *now;
	(void)state;

	/* as ingest writes it: the document, then the source */
	canon = io_canonicalize(obj, &co, &e);
	assert_non_null(canon);
	assert_int_equal(cw_json_write(&body, canon), 0);
	assert_int_equal(store_writer_open(db, &w, &e), 0);
	assert_int_equal(store_writer_actor(w, "tester", "ingest", &e), 0);
	assert_int_equal(store_put_document(w, cw_json_str(canon, "sha256"), "test", 4,
	                                    "text/plain", "test", NULL, &e),
	                 0);
	assert_int_equal(store_put(w, canon, body.data, 0, 0, &res, &e), 0);
	assert_int_equal(store_writer_check(w, &d, &nd, &e), 0);
	assert_int_equal(store_writer_commit(w, &e), 0);
	orig = body_of("src-0123456789abcdef");

	/* a dry run says what would be lost, and writes nothing */
	assert_int_equal(import_line(line, false, true, &warn, &c), 0);
	assert_int_equal(c.dropped, 1);
	assert_non_null(strstr(warn.data,
	                       "'src-0123456789abcdef' loses kind, language, obtained, "
	                       "title, url"));
	now = body_of("src-0123456789abcdef");
	assert_string_equal(now, orig);
	free(now);

	/* --merge changes only the two fields */
	cw_buf_reset(&warn);
	assert_int_equal(import_line(line, true, false, &warn, &c), 0);
	assert_int_equal(c.updated[2], 1);
	assert_int_equal(c.dropped, 0);
	now = body_of("src-0123456789abcdef");
	assert_non_null(strstr(now, "\"title\":\"Kazakh activist sentenced\""));
	assert_non_null(strstr(now, "\"published\":\"2021-07\""));
	free(now);

	/* the replacing import, done anyway: the document link is kept */
	cw_buf_reset(&warn);
	assert_int_equal(import_line(line, false, false, &warn, &c), 0);
	assert_int_equal(c.dropped, 1);
	now = body_of("src-0123456789abcdef");
	assert_non_null(strstr(now, "\"sha256\":"));
	assert_null(strstr(now, "\"title\""));
	free(now);

	/* revert brings back the ingested source, byte for byte */
	assert_int_equal(io_record_revert(db, "src-0123456789abcdef", 1, &o, &r, &e), 0);
	assert_int_equal(r.revision, 4);
	now = body_of("src-0123456789abcdef");
	assert_string_equal(now, orig);
	free(now);
	/* and search finds the article again (the index follows the record) */
	assert_int_equal(count("SELECT count(*) FROM fts WHERE fts MATCH 'activist'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE action='revert'"), 1);

	free(orig);
	json_decref(obj);
	json_decref(canon);
	cw_buf_release(&body);
	cw_buf_release(&warn);
}

/* What accepting a mention writes into a record, and what it refuses. */
static void mentions_apply_their_values(void **state)
{
	cw_err e = CW_ERR_INIT;
	char became[256], *s;
	json_t *ev = json_loads("{\"type\":\"event\",\"id\":\"e-1\",\"case\":\"c-1\","
	                        "\"kind\":\"sentenced\"}",
	                        0, NULL);
	json_t *cs = json_loads("{\"type\":\"case\",\"id\":\"c-1\",\"person\":\"p-1\","
	                        "\"charges\":[\"KZ-CC-405-2\"]}",
	                        0, NULL);
	(void)state;

	assert_int_equal(io_mention_apply("sentence", "fine:500000 KZT", "a fine of 500,000 tenge", ev,
	                                  became, sizeof(became), &e),
	                 0);
	assert_string_equal(became, "sentence.kind=\"fine\", sentence.amount=500000, "
	                            "sentence.currency=\"KZT\"");
	assert_int_equal(io_mention_apply("sentence", "regime:minimum", "minimum security", ev, became,
	                                  sizeof(became), &e),
	                 0);
	/* the same value again: nothing new, only the citation */
	assert_int_equal(io_mention_apply("sentence", "regime:minimum", "minimum security", ev, became,
	                                  sizeof(became), &e),
	                 0);
	assert_string_equal(became, "cited");
	/* a different kind contradicts what the event says */
	assert_int_equal(io_mention_apply("sentence", "prison:84", "seven years", ev, became,
	                                  sizeof(became), &e),
	                 -1);
	assert_non_null(strstr(e.msg, "has sentence.kind \"fine\" already"));
	assert_int_equal(io_mention_apply("sentence", "compulsory_labour:240h", "240 hours", ev, became,
	                                  sizeof(became), &e),
	                 -1);
	assert_int_equal(io_mention_apply("date", NULL, "yesterday", ev, became, sizeof(became), &e),
	                 -1);
	assert_non_null(strstr(e.msg, "no date could be read"));
	assert_int_equal(io_mention_apply("date", "2021-07", "July 2021", cs, became, sizeof(became),
	                                  &e),
	                 -1);
	assert_int_equal(io_mention_apply("count", "at_least:135", "at least 135 people", cs, became,
	                                  sizeof(became), &e),
	                 -1);
	assert_int_equal(io_mention_apply("provision", "405", "Article 405", cs, became,
	                                  sizeof(became), &e),
	                 0);
	assert_int_equal(io_mention_apply("provision", "174", "Article 174", cs, became,
	                                  sizeof(became), &e),
	                 -1);
	assert_int_equal(io_mention_apply("place", "Almaty", "Almaty", cs, became, sizeof(became), &e),
	                 0);
	s = json_dumps(cs, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(strstr(s, "\"region\":\"Almaty\""));
	free(s);
	json_decref(ev);
	json_decref(cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(expected_revisions_refuse_stale_writes, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(history_hides_versions_above_clearance, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(writes_respect_the_writers_clearance, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(paths_and_patches, setup, teardown),
	    cmocka_unit_test_setup_teardown(the_rferl_trial, setup, teardown),
	    cmocka_unit_test(mentions_apply_their_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
