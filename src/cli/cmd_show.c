/* cli/cmd_show.c: casewatch show — one record as a researcher reads it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "report/findings_text.h"
#include "store/findings.h"
#include "store/record.h"
#include "store/vocab.h"

static const char usage[] =
	"usage: casewatch show ID [--json] [--clearance LEVEL | --public] [--lang en|ru|kk]\n"
	"\n"
	"Show a person, case, event, source, organization or provision: names in every\n"
	"script, the timeline of cases and events in date order with partial dates as\n"
	"they are known, charges, participants, sentences, and the citation behind each\n"
	"fact; facts without one are marked [unsourced]. For a source: its metadata,\n"
	"consent and what cites it. Records and citations above the clearance never\n"
	"appear; such a record is reported as not found.\n"
	"\n"
	"  --json               print one JSON object\n"
	"  --clearance LEVEL    public, internal or confidential (default)\n"
	"  --public             the same as --clearance public\n"
	"  --lang en|ru|kk      the language of labels and dates (default en)\n";

struct show {
	cw_buf b;
	const char *lang;
	store_vocab *vocab;
	json_t *all; /* the object from store_show_get */
};

/* Field labels in the three languages. */
static const char *tr(const struct show *s, const char *key)
{
	static const struct {
		const char *key, *en, *ru, *kk;
	} t[] = {
		{ "person", "person", "лицо", "адам" },
		{ "case", "case", "дело", "іс" },
		{ "event", "event", "событие", "оқиға" },
		{ "source", "source", "источник", "дереккөз" },
		{ "organization", "organization", "организация", "ұйым" },
		{ "provision", "provision", "статья", "бап" },
		{ "affiliation", "affiliation", "принадлежность", "қатыстылық" },
		{ "names", "names", "имена", "есімдер" },
		{ "sex", "sex", "пол", "жынысы" },
		{ "born", "born", "родился", "туған" },
		{ "died", "died", "умер", "қайтыс болды" },
		{ "region", "region", "регион", "өңір" },
		{ "number", "no.", "№", "№" },
		{ "authority", "authority", "орган", "орган" },
		{ "charges", "charges", "обвинения", "айыптар" },
		{ "participants", "participants", "участники", "қатысушылар" },
		{ "unsourced", "[unsourced]", "[без источника]", "[дереккөзсіз]" },
		{ "cited_by", "cited by", "на него ссылаются", "сілтеме жасағандар" },
		{ "consent", "consent", "согласие", "келісім" },
		{ "may_publish", "may publish", "можно публиковать", "жариялауға болады" },
		{ "may_share", "may share with partners", "можно передавать партнёрам",
		  "серіктестерге беруге болады" },
		{ "withdrawn", "withdrawn on", "отозвано", "қайтарып алынды" },
		{ "yes", "yes", "да", "иә" },
		{ "no", "no", "нет", "жоқ" },
		{ "publisher", "publisher", "издатель", "баспагер" },
		{ "author", "author", "автор", "автор" },
		{ "published", "published", "опубликовано", "жарияланды" },
		{ "obtained", "obtained", "получено", "алынды" },
		{ "language", "language", "язык", "тілі" },
		{ "reliability", "reliability", "надёжность", "сенімділік" },
		{ "url", "url", "url", "url" },
		{ "confidentiality", "confidentiality", "конфиденциальность", "құпиялылық" },
		{ "affiliations", "affiliations", "принадлежность", "қатыстылығы" },
		{ "merged_into", "merged into", "объединён с", "біріктірілді" },
		{ "merged", "merged into this person", "объединены с этим лицом",
		  "осы адаммен біріктірілген" },
		{ "banned", "banned", "запрещена", "тыйым салынды" },
		{ "cases", "cases", "дел", "іс" },
		{ "alleged", "alleged", "по версии обвинения", "айыптау нұсқасы бойынша" },
		{ "declared", "declared", "заявлено", "мәлімделген" },
		{ "notes", "notes", "примечания", "ескертпелер" },
		{ "place", "place", "место", "орны" },
		{ "until", "until", "до", "дейін" },
		{ "article", "article", "статья", "бап" },
		{ "part", "part", "часть", "бөлік" },
	};
	int col = !strcmp(s->lang, "ru") ? 1 : !strcmp(s->lang, "kk") ? 2 : 0;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].key, key))
			return col == 1 ? t[i].ru : col == 2 ? t[i].kk : t[i].en;
	return key;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *vlabel(struct show *s, const char *vocab, const char *code)
{
	return store_vocab_label(s->vocab, vocab, code, s->lang);
}

static void date(struct show *s, const char *d)
{
	report_date(&s->b, d, s->lang);
}

/* The name a reader knows a person or organization by. */
static const char *display_name(json_t *rec)
{
	json_t *names = json_object_get(rec, "names"), *v;
	const char *first = NULL;
	size_t i;

	json_array_foreach(names, i, v)
	{
		const char *n = json_is_string(v) ? json_string_value(v) : str(v, "name");
		if (!first)
			first = n;
		if (json_is_object(v) && str(v, "kind") && !strcmp(str(v, "kind"), "primary"))
			return n;
	}
	return first ? first : "";
}

static void names(struct show *s, json_t *rec, const char *indent)
{
	json_t *v;
	size_t i;

	if (!json_array_size(json_object_get(rec, "names")))
		return;
	cw_buf_addf(&s->b, "%s%s: ", indent, tr(s, "names"));
	json_array_foreach(json_object_get(rec, "names"), i, v)
	{
		const char *n = json_is_string(v) ? json_string_value(v) : str(v, "name");
		const char *lang = json_is_object(v) ? str(v, "lang") : NULL;
		const char *kind = json_is_object(v) ? str(v, "kind") : NULL;
		cw_buf_addf(&s->b, "%s%s", i ? "; " : "", n ? n : "");
		if (lang || kind)
			cw_buf_addf(&s->b, " (%s%s%s)", lang ? lang : "", lang && kind ? ", " : "",
			            kind ? kind : "");
	}
	cw_buf_adds(&s->b, "\n");
}

/* One citation: source id, title, publisher, date, locator, excerpt. */
static void citation(struct show *s, json_t *c, const char *indent)
{
	const char *id = json_is_string(c) ? json_string_value(c) : str(c, "source");
	json_t *src = json_object_get(json_object_get(s->all, "sources"), id ? id : "");
	const char *d;

	if (!id)
		return;
	cw_buf_addf(&s->b, "%s%s %s", indent, tr(s, "source"), id);
	if (src) {
		if (str(src, "kind"))
			cw_buf_addf(&s->b, " (%s)", vlabel(s, "source_kind", str(src, "kind")));
		if (str(src, "title"))
			cw_buf_addf(&s->b, ": \"%s\"", str(src, "title"));
		if (str(src, "publisher"))
			cw_buf_addf(&s->b, ", %s", str(src, "publisher"));
		if ((d = str(src, "published")) || (d = str(src, "obtained"))) {
			cw_buf_adds(&s->b, ", ");
			date(s, d);
		}
	}
	if (json_is_object(c) && str(c, "locator"))
		cw_buf_addf(&s->b, " — %s", str(c, "locator"));
	if (json_is_object(c) && str(c, "excerpt"))
		cw_buf_addf(&s->b, ": \"%s\"", str(c, "excerpt"));
	cw_buf_adds(&s->b, "\n");
}

static void citations(struct show *s, json_t *rec, const char *indent)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(rec, "sources"), i, v) citation(s, v, indent);
}

/* A record is sourced when it, or one of its charges, cites a source. */
static bool sourced(json_t *rec)
{
	json_t *v;
	size_t i;

	if (json_array_size(json_object_get(rec, "sources")) > 0)
		return true;
	json_array_foreach(json_object_get(rec, "charges"), i, v)
		if (json_array_size(json_object_get(v, "sources")) > 0)
			return true;
	return false;
}

static void sentence(struct show *s, json_t *sen)
{
	json_t *m = json_object_get(sen, "months");
	const char *sep = ": ";

	if (json_is_integer(m)) {
		long n = (long)json_integer_value(m);
		if (!strcmp(s->lang, "ru"))
			cw_buf_addf(&s->b, "%s%ld %s", sep, n,
			            report_ru_plural(n, "месяц", "месяца", "месяцев"));
		else if (!strcmp(s->lang, "kk"))
			cw_buf_addf(&s->b, "%s%ld ай", sep, n);
		else
			cw_buf_addf(&s->b, "%s%ld %s", sep, n, n == 1 ? "month" : "months");
		sep = ", ";
	}
	if (str(sen, "kind")) {
		cw_buf_addf(&s->b, "%s%s", sep, vlabel(s, "sentence_kind", str(sen, "kind")));
		sep = ", ";
	}
	if (str(sen, "regime")) {
		cw_buf_addf(&s->b, "%s%s", sep, vlabel(s, "regime", str(sen, "regime")));
		sep = ", ";
	}
	if (json_is_number(json_object_get(sen, "amount"))) {
		cw_buf_addf(&s->b, "%s%.0f", sep, json_number_value(json_object_get(sen, "amount")));
		if (str(sen, "currency"))
			cw_buf_addf(&s->b, " %s", str(sen, "currency"));
	}
}

static void event(struct show *s, json_t *ev, const char *mark)
{
	cw_buf_addf(&s->b, "  %s", mark);
	if (str(ev, "date")) {
		date(s, str(ev, "date"));
		if (str(ev, "end")) {
			cw_buf_adds(&s->b, " — ");
			date(s, str(ev, "end"));
		}
	} else {
		cw_buf_adds(&s->b, "?");
	}
	cw_buf_addf(&s->b, "  %s", vlabel(s, "event_kind", str(ev, "kind") ? str(ev, "kind") : ""));
	if (json_is_object(json_object_get(ev, "sentence")))
		sentence(s, json_object_get(ev, "sentence"));
	if (str(ev, "place"))
		cw_buf_addf(&s->b, " (%s: %s)", tr(s, "place"), str(ev, "place"));
	cw_buf_addf(&s->b, " [%s]", str(ev, "id"));
	if (!sourced(ev))
		cw_buf_addf(&s->b, " %s", tr(s, "unsourced"));
	cw_buf_adds(&s->b, "\n");
	citations(s, ev, "      ");
}

static void kase(struct show *s, json_t *c, const char *focus)
{
	json_t *rec = json_object_get(c, "record"), *v, *p;
	json_t *people = json_object_get(s->all, "people");
	json_t *provs = json_object_get(s->all, "provisions");
	size_t i;

	cw_buf_addf(&s->b, "%s %s", tr(s, "case"), str(rec, "id"));
	if (str(rec, "number"))
		cw_buf_addf(&s->b, " · %s %s", tr(s, "number"), str(rec, "number"));
	if (str(rec, "region"))
		cw_buf_addf(&s->b, " · %s", str(rec, "region"));
	if (str(rec, "authority"))
		cw_buf_addf(&s->b, " · %s", str(rec, "authority"));
	if (!sourced(rec))
		cw_buf_addf(&s->b, " %s", tr(s, "unsourced"));
	cw_buf_adds(&s->b, "\n");
	if ((p = json_object_get(people, str(rec, "person") ? str(rec, "person") : "")))
		cw_buf_addf(&s->b, "  %s: %s (%s)\n", tr(s, "person"), display_name(p),
		            str(rec, "person"));
	citations(s, rec, "  ");
	json_array_foreach(json_object_get(rec, "charges"), i, v)
	{
		const char *id = json_is_string(v) ? json_string_value(v) : str(v, "provision");
		json_t *pr = json_object_get(provs, id);
		if (!pr && strrchr(id, '-')) {
			char *parent = strndup(id, (size_t)(strrchr(id, '-') - id));
			pr = parent ? json_object_get(provs, parent) : NULL;
			free(parent);
		}
		if (!i)
			cw_buf_addf(&s->b, "  %s:", tr(s, "charges"));
		cw_buf_addf(&s->b, "%s%s", i ? "    " : " ", id);
		if (pr && str(pr, "title"))
			cw_buf_addf(&s->b, " (%s)", str(pr, "title"));
		cw_buf_adds(&s->b, "\n");
		if (json_is_object(v))
			citations(s, v, "      ");
	}
	json_array_foreach(json_object_get(rec, "participants"), i, v)
	{
		json_t *pp = json_object_get(people, str(v, "person") ? str(v, "person") : "");
		if (!i)
			cw_buf_addf(&s->b, "  %s:", tr(s, "participants"));
		cw_buf_addf(&s->b, "%s%s (%s)", i ? "    " : " ", pp ? display_name(pp) : "",
		            str(v, "person"));
		if (str(v, "role"))
			cw_buf_addf(&s->b, ", %s", vlabel(s, "role", str(v, "role")));
		cw_buf_adds(&s->b, "\n");
	}
	json_array_foreach(json_object_get(c, "events"), i, v)
		event(s, v, focus && str(v, "id") && !strcmp(str(v, "id"), focus) ? "→ " : "");
	if (str(rec, "notes"))
		cw_buf_addf(&s->b, "  %s: %s\n", tr(s, "notes"), str(rec, "notes"));
}

static void person(struct show *s, json_t *rec)
{
	const char *sep = "  ";
	json_t *v;
	size_t i;

	cw_buf_addf(&s->b, "%s — %s %s\n", display_name(rec), tr(s, "person"), str(rec, "id"));
	names(s, rec, "  ");
	static const char *const f[] = { "sex", "born", "died", "region" };
	for (size_t k = 0; k < 4; k++) {
		const char *val = str(rec, f[k]);
		if (!val)
			continue;
		cw_buf_addf(&s->b, "%s%s: ", sep, tr(s, f[k]));
		if (k == 1 || k == 2)
			date(s, val);
		else
			cw_buf_adds(&s->b, val);
		sep = " · ";
	}
	if (strcmp(sep, "  "))
		cw_buf_addf(&s->b, "%s%s\n", sourced(rec) ? "" : " ",
		            sourced(rec) ? "" : tr(s, "unsourced"));
	citations(s, rec, "  ");
	if (str(rec, "merged_into")) {
		json_t *into = json_object_get(json_object_get(s->all, "people"), str(rec, "merged_into"));
		cw_buf_addf(&s->b, "  %s: %s (%s)\n", tr(s, "merged_into"),
		            into ? display_name(into) : "", str(rec, "merged_into"));
	}
	if (str(rec, "notes"))
		cw_buf_addf(&s->b, "  %s: %s\n", tr(s, "notes"), str(rec, "notes"));
	json_array_foreach(json_object_get(s->all, "affiliations"), i, v)
	{
		json_t *org = json_object_get(json_object_get(s->all, "organizations"),
		                              str(v, "organization") ? str(v, "organization") : "");
		cw_buf_addf(&s->b, "  %s: %s%s%s (%s)", tr(s, "affiliation"),
		            str(v, "role") ? str(v, "role") : "", str(v, "role") ? ", " : "",
		            org ? display_name(org) : "", str(v, "organization"));
		if (json_is_true(json_object_get(v, "alleged")))
			cw_buf_addf(&s->b, ", %s", tr(s, "alleged"));
		if (json_is_true(json_object_get(v, "declared")))
			cw_buf_addf(&s->b, ", %s", tr(s, "declared"));
		if (!sourced(v))
			cw_buf_addf(&s->b, " %s", tr(s, "unsourced"));
		cw_buf_adds(&s->b, "\n");
		citations(s, v, "      ");
	}
	json_array_foreach(json_object_get(s->all, "merged"), i, v)
		cw_buf_addf(&s->b, "  %s: %s (%s)\n", tr(s, "merged"), display_name(v), str(v, "id"));
	json_array_foreach(json_object_get(s->all, "cases"), i, v)
	{
		cw_buf_adds(&s->b, "\n");
		kase(s, v, NULL);
	}
}

static void source(struct show *s, json_t *rec)
{
	static const char *const f[] = { "publisher", "author", "url",      "published",
		                         "obtained",  "language", "reliability" };
	json_t *consent = json_object_get(rec, "consent"), *v;
	size_t i;

	cw_buf_addf(&s->b, "%s %s", tr(s, "source"), str(rec, "id"));
	if (str(rec, "kind"))
		cw_buf_addf(&s->b, " — %s", vlabel(s, "source_kind", str(rec, "kind")));
	if (str(rec, "title"))
		cw_buf_addf(&s->b, ": \"%s\"", str(rec, "title"));
	cw_buf_adds(&s->b, "\n");
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
		if (!str(rec, f[k]))
			continue;
		cw_buf_addf(&s->b, "  %s: ", tr(s, f[k]));
		if (!strcmp(f[k], "published") || !strcmp(f[k], "obtained"))
			date(s, str(rec, f[k]));
		else
			cw_buf_adds(&s->b, str(rec, f[k]));
		cw_buf_adds(&s->b, "\n");
	}
	cw_buf_addf(&s->b, "  %s: %s\n", tr(s, "confidentiality"),
	            str(rec, "confidentiality") ? str(rec, "confidentiality") : "public");
	if (json_is_object(consent)) {
		cw_buf_addf(&s->b, "  %s: %s", tr(s, "consent"),
		            str(consent, "mode") ? str(consent, "mode") : "");
		if (json_is_boolean(json_object_get(consent, "publish")))
			cw_buf_addf(&s->b, "; %s: %s", tr(s, "may_publish"),
			            tr(s, json_is_true(json_object_get(consent, "publish")) ? "yes" : "no"));
		if (json_is_boolean(json_object_get(consent, "share")))
			cw_buf_addf(&s->b, "; %s: %s", tr(s, "may_share"),
			            tr(s, json_is_true(json_object_get(consent, "share")) ? "yes" : "no"));
		if (str(consent, "withdrawn")) {
			cw_buf_addf(&s->b, "; %s ", tr(s, "withdrawn"));
			date(s, str(consent, "withdrawn"));
		}
		cw_buf_adds(&s->b, "\n");
	}
	if (json_array_size(json_object_get(s->all, "cited_by")))
		cw_buf_addf(&s->b, "  %s:\n", tr(s, "cited_by"));
	json_array_foreach(json_object_get(s->all, "cited_by"), i, v)
	{
		cw_buf_addf(&s->b, "    %s %s", tr(s, str(v, "type") ? str(v, "type") : ""),
		            str(v, "id"));
		if (str(v, "what"))
			cw_buf_addf(&s->b, " [%s]", str(v, "what"));
		if (str(v, "locator"))
			cw_buf_addf(&s->b, " — %s", str(v, "locator"));
		if (str(v, "excerpt"))
			cw_buf_addf(&s->b, ": \"%s\"", str(v, "excerpt"));
		cw_buf_adds(&s->b, "\n");
	}
}

static void organization(struct show *s, json_t *rec)
{
	json_t *ban = json_object_get(rec, "banned"), *v;
	size_t i;

	cw_buf_addf(&s->b, "%s — %s %s", display_name(rec), tr(s, "organization"),
	            str(rec, "id"));
	if (str(rec, "kind"))
		cw_buf_addf(&s->b, " (%s)", vlabel(s, "organization_kind", str(rec, "kind")));
	cw_buf_adds(&s->b, "\n");
	names(s, rec, "  ");
	if (json_is_object(ban)) {
		cw_buf_addf(&s->b, "  %s: ", tr(s, "banned"));
		date(s, str(ban, "date"));
		if (str(ban, "court"))
			cw_buf_addf(&s->b, ", %s", str(ban, "court"));
		if (str(ban, "reference"))
			cw_buf_addf(&s->b, ", %s", str(ban, "reference"));
		cw_buf_adds(&s->b, "\n");
	}
	citations(s, rec, "  ");
	json_array_foreach(json_object_get(s->all, "affiliations"), i, v)
	{
		json_t *p = json_object_get(json_object_get(s->all, "people"),
		                            str(v, "person") ? str(v, "person") : "");
		cw_buf_addf(&s->b, "  %s: %s (%s)%s%s", tr(s, "affiliation"),
		            p ? display_name(p) : "", str(v, "person"), str(v, "role") ? ", " : "",
		            str(v, "role") ? str(v, "role") : "");
		if (!sourced(v))
			cw_buf_addf(&s->b, " %s", tr(s, "unsourced"));
		cw_buf_adds(&s->b, "\n");
		citations(s, v, "      ");
	}
}

static void provision(struct show *s, json_t *rec)
{
	cw_buf_addf(&s->b, "%s %s", tr(s, "provision"), str(rec, "id"));
	if (str(rec, "title"))
		cw_buf_addf(&s->b, ": %s", str(rec, "title"));
	cw_buf_adds(&s->b, "\n  ");
	if (str(rec, "jurisdiction"))
		cw_buf_addf(&s->b, "%s, ", str(rec, "jurisdiction"));
	if (str(rec, "code"))
		cw_buf_addf(&s->b, "%s, ", str(rec, "code"));
	if (str(rec, "article"))
		cw_buf_addf(&s->b, "%s %s", tr(s, "article"), str(rec, "article"));
	if (str(rec, "part"))
		cw_buf_addf(&s->b, ", %s %s", tr(s, "part"), str(rec, "part"));
	cw_buf_addf(&s->b, "\n  %s: %lld\n", tr(s, "cases"),
	            (long long)json_integer_value(json_object_get(s->all, "cases_count")));
	citations(s, rec, "  ");
}

struct show_args {
	const char *id;
	int clearance;
	bool json;
	const char *lang;
};

static int run(struct cli_ctx *ctx, cw_db *db, void *arg)
{
	const struct show_args *a = arg;
	struct show s = { CW_BUF_INIT, a->lang, NULL, NULL };
	const char *id = a->id, *type;
	cw_err e = CW_ERR_INIT;
	int rc = CLI_FAIL;

	(void)ctx;
	if (store_show_get(db, id, a->clearance, &s.all, &e))
		goto fail;
	if (a->json) {
		if (cli_print_value(s.all, CW_JSON_INDENT | CW_JSON_JANSSON)) {
			cw_err_set(&e, CW_ENOMEM, "out of memory");
			goto fail;
		}
	} else {
		json_t *rec = json_object_get(s.all, "record"), *v;
		size_t i;
		if (!(s.vocab = store_vocab_open(db, &e)))
			goto fail;
		type = str(s.all, "type");
		if (!strcmp(type, "person")) {
			person(&s, rec);
		} else if (!strcmp(type, "case") || !strcmp(type, "event")) {
			json_array_foreach(json_object_get(s.all, "cases"), i, v)
				kase(&s, v, !strcmp(type, "event") ? id : NULL);
		} else if (!strcmp(type, "source")) {
			source(&s, rec);
		} else if (!strcmp(type, "organization")) {
			organization(&s, rec);
		} else if (!strcmp(type, "provision")) {
			provision(&s, rec);
		} else {
			cw_jsonw w;
			cw_buf_addf(&s.b, "%s %s\n", type, id);
			cw_jsonw_init(&w, &s.b, CW_JSON_INDENT | CW_JSON_JANSSON);
			cw_jsonw_value(&w, rec);
			cw_buf_addch(&s.b, '\n');
		}
		fputs(s.b.data, stdout);
	}
	if (fflush(stdout)) {
		cw_err_set(&e, CW_EIO, "stdout: write error");
		goto fail;
	}
	rc = CLI_OK;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	cw_buf_release(&s.b);
	store_vocab_free(s.vocab);
	json_decref(s.all);
	return rc;
}

int cmd_show(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		CLI_CLEARANCE_OPTIONS,
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show_args a = { NULL, CLI_DEFAULT_CLEARANCE, false, "en" };
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': a.json = true; break;
		case CLI_OPT_CLEARANCE:
		case CLI_OPT_PUBLIC:
			if (cli_clearance_opt("show", c, optarg, &a.clearance))
				return CLI_USAGE;
			break;
		case 'l':
			if (!report_lang_valid(optarg))
				return cli_usage("show", "--lang: '%s' is not en, ru or kk", optarg);
			a.lang = optarg;
			break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage("show", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage("show", "which record? give its id");
	if (optind + 1 < argc)
		return cli_usage("show", "unexpected argument '%s'", argv[optind + 1]);
	a.id = argv[optind];
	return cli_run(ctx, run, &a);
}
