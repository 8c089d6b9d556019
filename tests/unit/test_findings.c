/* tests/unit/test_findings.c: findings (DESIGN.md "Findings (definitions)")
 * as table-driven cases over small databases built through the real store
 * (io_import of the JSONL files in tests/data/findings; store_put for what the
 * importer does not take yet, such as merged_into). Every expected number
 * was worked out by hand from the fixture; the comments say how. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "findings/findings.h"
#include "io/import.h"
#include "report/findings_text.h"
#include "store/findings.h"
#include "store/record.h"

static char path[256];

static void remove_db(void)
{
	char p[300];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static const char *data_dir(void)
{
	const char *d = getenv("CW_SOURCE_DIR");
	return d && *d ? d : ".";
}

/* Write each line of file through store_put (records the importer does
 * not accept, e.g. persons with merged_into). */
static void put_file(cw_db *db, const char *name)
{
	char fn[512], line[4096];
	store_writer *w = NULL;
	struct store_dangling *d = NULL;
	size_t nd = 0;
	cw_err e = CW_ERR_INIT;
	FILE *f;
	long n = 0;

	snprintf(fn, sizeof(fn), "%s/tests/data/findings/%s", data_dir(), name);
	f = fopen(fn, "r");
	assert_non_null(f);
	assert_int_equal(store_writer_open(db, &w, &e), 0);
	while (fgets(line, sizeof(line), f)) {
		json_t *obj = json_loads(line, 0, NULL);
		enum store_put_result res;
		char *body;
		assert_non_null(obj);
		body = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
		if (store_put(w, obj, body, 0, ++n, &res, &e))
			fail_msg("store_put %s:%ld: %s", name, n, e.msg);
		free(body);
		json_decref(obj);
	}
	fclose(f);
	assert_int_equal(store_writer_check(w, &d, &nd, &e), 0);
	assert_int_equal(store_writer_commit(w, &e), 0);
}

static cw_db *make_db(const char *fixture, const char *put)
{
	char fn[512];
	const char *files[1] = { fn };
	struct io_import_opts o = { 0 };
	struct io_import_counts c;
	cw_err e = CW_ERR_INIT;
	cw_db *db = NULL;

	snprintf(path, sizeof(path), "%s/cwfind-%d.db", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	         (int)getpid());
	remove_db();
	assert_int_equal(store_open(path, NULL, STORE_CREATE, &db, &e), 0);
	snprintf(fn, sizeof(fn), "%s/tests/data/findings/%s", data_dir(), fixture);
	o.actor = "tester";
	if (io_import(db, files, 1, &o, &c, &e))
		fail_msg("import %s: %s", fixture, e.msg);
	if (put)
		put_file(db, put);
	return db;
}

static void close_db(cw_db *db)
{
	store_close(db);
	remove_db();
}

/* "k=n,k=n" */
static void counts_str(cw_buf *b, const struct findings_count *c, size_t n)
{
	cw_buf_reset(b);
	for (size_t i = 0; i < n; i++)
		cw_buf_addf(b, "%s%s=%ld", i ? "," : "", c[i].key, c[i].n);
}

static int run(cw_db *db, const char *prov, const char *from, const char *to,
               bool unsourced, int clearance, struct store_findings *data,
               struct findings_result *r, struct findings_query *q)
{
	cw_err e = CW_ERR_INIT;

	memset(q, 0, sizeof(*q));
	q->provision = prov;
	q->include_unsourced = unsourced;
	q->clearance = clearance;
	if (from)
		assert_int_equal(cw_date_parse(from, strlen(from), &q->from, &e), 0);
	if (to)
		assert_int_equal(cw_date_parse(to, strlen(to), &q->to, &e), 0);
	if (store_findings_load(db, prov, clearance, data, &e))
		fail_msg("load: %s", e.msg);
	if (findings_compute(data, q, r, &e))
		fail_msg("compute: %s", e.msg);
	return 0;
}

struct expect {
	const char *name; /* the rule or edge this case pins down */
	const char *fixture, *put;
	const char *provision, *from, *to;
	bool unsourced;
	int clearance;
	long persons, cases, repeat;
	const char *repeat_ids, *by_year, *by_region, *by_event, *sources;
};

#define C CW_CONFIDENTIAL
static const struct expect table[] = {
	/* period.jsonl: c1 (p1, Almaty): 2018-03 investigation_opened, 2019
	 * detained, 2021-05 convicted; c2 (p2, no case region, person Aktobe):
	 * 2019-06-30 detained. */
	{ "no period: everything", "period.jsonl", NULL, "KZ-CC-405", NULL, NULL, false, C, 2, 2,
	  0, "", "2018=1,2019=1", "Aktobe=1,Almaty=1",
	  "convicted=1,detained=2,investigation_opened=1", "media=1" },
	/* "2019" straddles 2019-07-01: it meets the period; 2019-06-30 does
	 * not. by_year still uses the earliest event (2018) outside the period;
	 * by_event only events inside it (2019 detained, 2021-05 convicted). */
	{ "partial date straddling --from", "period.jsonl", NULL, "KZ-CC-405", "2019-07", NULL,
	  false, C, 1, 1, 0, "", "2018=1", "Almaty=1", "convicted=1,detained=1", "media=1" },
	{ "period from 2019-07 to 2019-12", "period.jsonl", NULL, "KZ-CC-405", "2019-07",
	  "2019-12", false, C, 1, 1, 0, "", "2018=1", "Almaty=1", "detained=1", "media=1" },
	/* --to 2019-06 runs to 2019-06-30: both cases; "2019" meets it too. */
	{ "--to is the last day of a partial date", "period.jsonl", NULL, "KZ-CC-405", NULL,
	  "2019-06", false, C, 2, 2, 0, "", "2018=1,2019=1", "Aktobe=1,Almaty=1",
	  "detained=2,investigation_opened=1", "media=1" },
	{ "no event in the period: nothing", "period.jsonl", NULL, "KZ-CC-405", "2020", "2020",
	  false, C, 0, 0, 0, "", "", "", "", "" },
	/* prefix.jsonl: ca KZ-CC-40 (2020), cb KZ-CC-405-1 (2020, no case
	 * region, person Shymkent), cc KZ-CC-4050 (2020), cd KZ-CC-40-3 (2021),
	 * ce KZ-CC-405 (undated event; no region anywhere). */
	{ "KZ-CC-405 covers parts, not KZ-CC-4050 nor KZ-CC-40; undated case counted",
	  "prefix.jsonl", NULL, "KZ-CC-405", NULL, NULL, false, C, 2, 2, 0, "", "2020=1",
	  "Shymkent=1,unknown=1", "charged=2", "ngo_report=1" },
	{ "KZ-CC-40 covers KZ-CC-40-3, not KZ-CC-405", "prefix.jsonl", NULL, "KZ-CC-40", NULL,
	  NULL, false, C, 2, 2, 0, "", "2020=1,2021=1", "Almaty=2", "charged=2", "ngo_report=1" },
	{ "KZ-CC-4050 is its own provision", "prefix.jsonl", NULL, "KZ-CC-4050", NULL, NULL,
	  false, C, 1, 1, 0, "", "2020=1", "Almaty=1", "charged=1", "ngo_report=1" },
	/* repeat.jsonl: pr1 convicted 2019 / next case 2019-03 (not strictly
	 * before); pr2 convicted 2019-02 / next 2019-03 (repeat); pr3 sentenced
	 * 2018-05-01 / next case undated (no); pr4 one case; pr5 sentenced 2017
	 * / detained 2018-01 (repeat). */
	{ "repeat: strictly before, same-year is not", "repeat.jsonl", NULL, "KZ-CC-405", NULL,
	  NULL, false, C, 5, 9, 2, "pr2,pr5", "2017=2,2018=2,2019=4", "Almaty=5",
	  "convicted=3,detained=2,questioned=2,sentenced=2", "court_document=1" },
	/* From 2019-03: r1a (2019), r1b, r2b (2019-03); pr2's earlier case no
	 * longer counts, so no repeat. */
	{ "repeat needs both cases counted", "repeat.jsonl", NULL, "KZ-CC-405", "2019-03", NULL,
	  false, C, 2, 3, 0, "", "2019=3", "Almaty=2", "convicted=1,questioned=2",
	  "court_document=1" },
	/* merge: pm-b merged into pm-a, pm-c into pm-b; m1 (pm-a) convicted
	 * 2019-02, m2 (pm-b) 2020-05, m3 (pm-c, person region Aktobe) 2021. */
	{ "merged people count once, repeats across the merge", "merge.jsonl", "merge_put.jsonl",
	  "KZ-CC-405", NULL, NULL, false, C, 1, 3, 1, "pm-a", "2019=1,2020=1,2021=1",
	  "Aktobe=1,Almaty=1", "convicted=1,detained=1", "media=1" },
	/* visibility: v1 (pv1 public) cites only the confidential interview;
	 * v1-2 (arrested, 2021) is confidential; v2's person is confidential;
	 * v3 is internal. */
	{ "public: hidden source still counts, hidden person and event do not",
	  "visibility.jsonl", NULL, "KZ-CC-405", NULL, NULL, false, CW_PUBLIC, 1, 1, 0, "",
	  "2020=1", "Almaty=1", "detained=1", "interview=1" },
	{ "internal", "visibility.jsonl", NULL, "KZ-CC-405", NULL, NULL, false, CW_INTERNAL, 2, 2,
	  0, "", "2020=2", "Aktobe=1,Almaty=1", "detained=2", "interview=1,media=1" },
	{ "confidential: everything", "visibility.jsonl", NULL, "KZ-CC-405", NULL, NULL, false, C,
	  3, 3, 0, "", "2020=3", "Aktobe=1,Almaty=2", "arrested=1,detained=3",
	  "interview=1,media=1" },
	/* unsourced: u1 has no citation; u2 only on its event; u3 only on a
	 * charge. */
	{ "unsourced case left out", "unsourced.jsonl", NULL, "KZ-CC-405", NULL, NULL, false, C, 2,
	  2, 0, "", "2020=1,2021=1", "Almaty=2", "detained=2", "lawyer=1" },
	{ "--include-unsourced counts it", "unsourced.jsonl", NULL, "KZ-CC-405", NULL, NULL, true,
	  C, 3, 3, 0, "", "2020=2,2021=1", "Almaty=3", "detained=3", "lawyer=1" },
	/* region: pq (person Aktobe) with q1, q2 in Almaty and q3 without a
	 * region; pn without any region; s2 has no kind. No events. */
	{ "by_region: case, else person, else unknown; once per person", "region.jsonl", NULL,
	  "KZ-CC-405", NULL, NULL, false, C, 2, 4, 0, "", "", "Aktobe=1,Almaty=1,unknown=1", "",
	  "other=1,social_media=1" },
};

static void definitions_table(void **state)
{
	cw_buf b = CW_BUF_INIT;
	(void)state;

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct expect *t = &table[i];
		struct store_findings data;
		struct findings_result r;
		struct findings_query q;
		cw_db *db = make_db(t->fixture, t->put);

		print_message("case %zu: %s\n", i, t->name);
		run(db, t->provision, t->from, t->to, t->unsourced, t->clearance, &data, &r, &q);
		assert_int_equal(r.persons, t->persons);
		assert_int_equal(r.cases, t->cases);
		assert_int_equal(r.repeat_persons, t->repeat);
		cw_buf_reset(&b);
		for (size_t k = 0; k < r.nrepeat_ids; k++)
			cw_buf_addf(&b, "%s%s", k ? "," : "", r.repeat_person_ids[k]);
		assert_string_equal(b.data, t->repeat_ids);
		counts_str(&b, r.by_year, r.nby_year);
		assert_string_equal(b.data, t->by_year);
		counts_str(&b, r.by_region, r.nby_region);
		assert_string_equal(b.data, t->by_region);
		counts_str(&b, r.by_event, r.nby_event);
		assert_string_equal(b.data, t->by_event);
		counts_str(&b, r.sources_by_kind, r.nsources_by_kind);
		assert_string_equal(b.data, t->sources);
		findings_result_release(&r);
		store_findings_release(&data);
		close_db(db);
	}
	cw_buf_release(&b);
}

/* A hidden source is counted in sources_by_kind but never listed, nor its
 * locator, nor a hidden event, in --explain text or JSON at public. */
static void explain_hides_what_is_above_clearance(void **state)
{
	struct store_findings data;
	struct findings_result r;
	struct findings_query q;
	struct findings_text_opts o = { "en", NULL, NULL, NULL };
	cw_buf b = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	cw_db *db = make_db("visibility.jsonl", NULL);
	json_t *j;
	char *s;
	(void)state;

	run(db, "KZ-CC-405", NULL, NULL, false, CW_PUBLIC, &data, &r, &q);
	assert_int_equal(findings_get(r.sources_by_kind, r.nsources_by_kind, "interview"), 1);
	assert_int_equal(findings_text_explain(&b, &r, &q, &o, &e), 0);
	assert_non_null(strstr(b.data, "case v1"));
	assert_non_null(strstr(b.data, "v1-1"));
	assert_null(strstr(b.data, "s-hid"));
	assert_null(strstr(b.data, "secret locator"));
	assert_null(strstr(b.data, "v1-2"));
	assert_null(strstr(b.data, "pv2"));
	assert_null(strstr(b.data, "v3"));
	j = findings_json(&r, &q, true);
	assert_non_null(j);
	s = json_dumps(j, JSON_COMPACT);
	assert_non_null(strstr(s, "\"explain\":[{\"id\":\"v1\""));
	assert_null(strstr(s, "s-hid"));
	assert_null(strstr(s, "secret"));
	assert_null(strstr(s, "v1-2"));
	free(s);
	json_decref(j);
	findings_result_release(&r);
	store_findings_release(&data);

	/* At confidential the same citation is listed. */
	cw_buf_reset(&b);
	run(db, "KZ-CC-405", NULL, NULL, false, CW_CONFIDENTIAL, &data, &r, &q);
	assert_int_equal(findings_text_explain(&b, &r, &q, &o, &e), 0);
	assert_non_null(strstr(b.data, "s-hid"));
	assert_non_null(strstr(b.data, "secret locator"));
	findings_result_release(&r);
	store_findings_release(&data);
	cw_buf_release(&b);
	close_db(db);
}

/* A merged person's cases are explained under their own person, with the
 * person they count as. */
static void explain_names_the_merge(void **state)
{
	struct store_findings data;
	struct findings_result r;
	struct findings_query q;
	struct findings_text_opts o = { "en", NULL, NULL, NULL };
	cw_buf b = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	cw_db *db = make_db("merge.jsonl", "merge_put.jsonl");
	json_t *j;
	char *s;
	(void)state;

	run(db, "KZ-CC-405", NULL, NULL, false, CW_CONFIDENTIAL, &data, &r, &q);
	assert_int_equal(findings_text_explain(&b, &r, &q, &o, &e), 0);
	assert_non_null(strstr(b.data, "case m1: person pm-a, region Almaty"));
	assert_non_null(strstr(b.data, "case m2: person pm-b (merged: counted as pm-a), region Almaty"));
	assert_non_null(strstr(b.data, "case m3: person pm-c (merged: counted as pm-a), region Aktobe"));
	assert_non_null(strstr(b.data, "case m2: person pm-b (merged: counted as pm-a), region Almaty,"
	                               " charges KZ-CC-405-2; by_year 2020; repeat prosecution"));
	j = findings_json(&r, &q, true);
	s = json_dumps(j, JSON_COMPACT);
	assert_non_null(strstr(s, "\"person\":\"pm-c\",\"counted_as\":\"pm-a\""));
	free(s);
	json_decref(j);
	cw_buf_release(&b);
	findings_result_release(&r);
	store_findings_release(&data);
	close_db(db);
}

/* show: hidden records are "not found", hidden citations and events left
 * out; merges are shown both ways. */
static void show_at_clearance(void **state)
{
	cw_err e = CW_ERR_INIT;
	cw_db *db = make_db("visibility.jsonl", NULL);
	json_t *o = NULL;
	char *s;
	(void)state;

	assert_int_equal(store_show_get(db, "pv2", CW_PUBLIC, &o, &e), -1);
	assert_int_equal(e.code, CW_ENOTFOUND);
	assert_string_equal(e.msg, "'pv2' not found");
	assert_int_equal(store_show_get(db, "nothing-here", CW_PUBLIC, &o, &e), -1);
	assert_string_equal(e.msg, "'nothing-here' not found");
	assert_int_equal(store_show_get(db, "s-hid", CW_INTERNAL, &o, &e), -1);
	assert_string_equal(e.msg, "'s-hid' not found");
	assert_int_equal(store_show_get(db, "v1", CW_PUBLIC, &o, &e), 0);
	s = json_dumps(o, JSON_COMPACT);
	assert_null(strstr(s, "s-hid"));
	assert_null(strstr(s, "secret"));
	assert_null(strstr(s, "v1-2"));
	assert_non_null(strstr(s, "v1-1"));
	free(s);
	json_decref(o);
	assert_int_equal(store_show_get(db, "v1", CW_CONFIDENTIAL, &o, &e), 0);
	s = json_dumps(o, JSON_COMPACT);
	assert_non_null(strstr(s, "secret locator"));
	assert_non_null(strstr(s, "v1-2"));
	free(s);
	json_decref(o);
	close_db(db);

	db = make_db("merge.jsonl", "merge_put.jsonl");
	assert_int_equal(store_show_get(db, "pm-b", CW_CONFIDENTIAL, &o, &e), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(o, "record"),
	                                                      "merged_into")),
	                    "pm-a");
	assert_non_null(json_object_get(json_object_get(o, "people"), "pm-a"));
	json_decref(o);
	assert_int_equal(store_show_get(db, "pm-a", CW_CONFIDENTIAL, &o, &e), 0);
	assert_int_equal(json_array_size(json_object_get(o, "merged")), 1);
	assert_int_equal(json_array_size(json_object_get(o, "cases")), 1);
	json_decref(o);
	close_db(db);
}

static void covers_table(void **state)
{
	static const struct {
		const char *p, *charge;
		bool covers;
	} t[] = {
		{ "KZ-CC-405", "KZ-CC-405", true },    { "KZ-CC-405", "KZ-CC-405-2", true },
		{ "KZ-CC-405", "KZ-CC-4050", false },  { "KZ-CC-405", "KZ-CC-40", false },
		{ "KZ-CC-40", "KZ-CC-405", false },    { "KZ-CC-40", "KZ-CC-40-3", true },
		{ "KZ-CC-405", "KZ-CC-405-", false },  { "KZ-CC-405-2", "KZ-CC-405", false },
		{ "KZ-CC-405", "KZ-CC-405-2-a", true }, { "KZ-CC-405", "KZ-CC-405.1", false },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		print_message("%s covers %s?\n", t[i].p, t[i].charge);
		assert_int_equal(findings_covers(t[i].p, t[i].charge), t[i].covers);
	}
}

static void provision_ids_table(void **state)
{
	static const struct {
		const char *id;
		bool ok;
	} t[] = {
		{ "KZ-CC-405", true }, { "KZ-CC-405-2", true }, { "", false },
		{ "-KZ", false },      { "KZ-", false },        { "KZ--405", false },
		{ "KZ CC", false },    { "KZ-CC-405%", false }, { "KZ/405", false },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(findings_provision_valid(t[i].id), t[i].ok);
}

static void russian_plurals_table(void **state)
{
	static const struct {
		long n;
		const char *want;
	} t[] = {
		{ 0, "человек" },  { 1, "человек" },   { 2, "человека" }, { 4, "человека" },
		{ 5, "человек" },  { 11, "человек" },  { 12, "человек" }, { 14, "человек" },
		{ 21, "человек" }, { 22, "человека" }, { 25, "человек" }, { 111, "человек" },
		{ 135, "человек" }, { 102, "человека" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(report_ru_plural(t[i].n, "человек", "человека", "человек"),
		                    t[i].want);
	assert_string_equal(report_ru_plural(1, "дело", "дела", "дел"), "дело");
	assert_string_equal(report_ru_plural(3, "дело", "дела", "дел"), "дела");
	assert_string_equal(report_ru_plural(139, "дело", "дела", "дел"), "дел");
	assert_string_equal(report_ru_plural(21, "дело", "дела", "дел"), "дело");
}

static void dates_as_written_table(void **state)
{
	static const struct {
		const char *date, *lang, *want;
	} t[] = {
		{ "2019", "en", "2019" },
		{ "2019-07", "en", "July 2019" },
		{ "2019-07-07", "en", "7 July 2019" },
		{ "2019-07", "ru", "июль 2019" },
		{ "2019-07-07", "ru", "7 июля 2019" },
		{ "2019-07", "kk", "2019 ж. шілде" },
		{ "2019-07-07", "kk", "2019 ж. 7 шілде" },
		{ "not a date", "en", "not a date" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cw_buf b = CW_BUF_INIT;
		report_date(&b, t[i].date, t[i].lang);
		assert_string_equal(b.data, t[i].want);
		cw_buf_release(&b);
	}
}

/* The sentences: numbers and plural forms in the three languages. */
static void sentences_table(void **state)
{
	static const struct {
		const char *fixture, *lang, *want;
	} t[] = {
		{ "repeat.jsonl", "en", "At least 5 people were targeted under KZ-CC-405 in 9 cases since 2017." },
		{ "repeat.jsonl", "en", "At least 2 of them were prosecuted again after an earlier "
		                        "conviction." },
		{ "repeat.jsonl", "ru", "Как минимум 5 человек подверглись уголовному преследованию по"
		                        " KZ-CC-405 в рамках 9 уголовных дел с 2017 года." },
		{ "repeat.jsonl", "ru", "Как минимум 2 из них подверглись повторному преследованию" },
		{ "repeat.jsonl", "kk", "Кемінде 5 адам 2017 жылдан бері KZ-CC-405 бойынша 9 қылмыстық іс"
		                        " аясында" },
		{ "unsourced.jsonl", "ru", "Как минимум 2 человека подверглись" },
		{ "unsourced.jsonl", "ru", "в рамках 2 уголовных дел" },
		{ "merge.jsonl", "en", "At least 1 person was targeted under KZ-CC-405 in 3 cases since 2019." },
		{ "merge.jsonl", "ru", "Как минимум 1 человек подвергся уголовному преследованию" },
		{ "merge.jsonl", "ru", "Как минимум 1 из них подвергся повторному" },
		{ "unsourced.jsonl", "en", "\n1 unsourced case left out (--include-unsourced counts it).\n" },
		{ "unsourced.jsonl", "ru", "Не учтено дел без источников: 1" },
		{ "prefix.jsonl", "ru", "По регионам: Shymkent — 1 человек, не указан — 1 человек." },
		{ "prefix.jsonl", "en", "By region: Shymkent: 1 person, unknown: 1 person." },
		{ "period.jsonl", "en", "By year of the first recorded event: 2018: 1 case, 2019: 1 case." },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct store_findings data;
		struct findings_result r;
		struct findings_query q;
		struct findings_text_opts o = { t[i].lang, NULL, NULL, NULL };
		cw_buf b = CW_BUF_INIT;
		cw_err e = CW_ERR_INIT;
		cw_db *db = make_db(t[i].fixture,
		                    !strcmp(t[i].fixture, "merge.jsonl") ? "merge_put.jsonl" : NULL);

		run(db, "KZ-CC-405", NULL, NULL, false, CW_CONFIDENTIAL, &data, &r, &q);
		assert_int_equal(findings_text_render(&b, &r, &q, &o, &e), 0);
		if (!strstr(b.data, t[i].want))
			fail_msg("%s/%s: want \"%s\" in:\n%s", t[i].fixture, t[i].lang, t[i].want,
			         b.data);
		cw_buf_release(&b);
		findings_result_release(&r);
		store_findings_release(&data);
		close_db(db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(covers_table),
		cmocka_unit_test(provision_ids_table),
		cmocka_unit_test(russian_plurals_table),
		cmocka_unit_test(dates_as_written_table),
		cmocka_unit_test(definitions_table),
		cmocka_unit_test(explain_hides_what_is_above_clearance),
		cmocka_unit_test(explain_names_the_merge),
		cmocka_unit_test(show_at_clearance),
		cmocka_unit_test(sentences_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
