/* tests/unit/test_report.c: report/record_text.c and report/labels.c: a
 * record rendered from the object store_show_get() gives, with no
 * database, in each language, with the vocabulary labels of a callback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report/record_text.h"

/* What store_show_get() gives for a person with one case (fictional). */
static const char shown_person[] =
    "{\"type\":\"person\",\"id\":\"p-t\","
    "\"record\":{\"type\":\"person\",\"id\":\"p-t\",\"names\":[{\"name\":\"Тест Адамов\","
    "\"lang\":\"kk\",\"kind\":\"primary\"},\"Test Adamov\"],\"sex\":\"m\",\"born\":\"1980-02\","
    "\"sources\":[\"s-t\"]},"
    "\"cases\":[{\"record\":{\"type\":\"case\",\"id\":\"c-t\",\"person\":\"p-t\","
    "\"charges\":[\"KZ-CC-405-2\"],\"region\":\"Almaty\"},"
    "\"events\":[{\"type\":\"event\",\"id\":\"e-t\",\"case\":\"c-t\",\"kind\":\"sentenced\","
    "\"date\":\"2019-06-13\",\"sentence\":{\"kind\":\"prison\",\"months\":21}}]}],"
    "\"affiliations\":[],\"merged\":[],"
    "\"sources\":{\"s-t\":{\"type\":\"source\",\"id\":\"s-t\",\"kind\":\"media\","
    "\"title\":\"A headline\",\"published\":\"2019-06-14\"}},"
    "\"people\":{},\"provisions\":{\"KZ-CC-405\":{\"type\":\"provision\",\"id\":\"KZ-CC-405\","
    "\"title\":\"Participation\"}},\"organizations\":{}}";

/* Labels as a vocabulary would give them, marked so the test sees them. */
static const char *fake_label(void *arg, const char *vocabulary, const char *code,
                              const char *lang)
{
	static char out[128];
	(void)arg;
	snprintf(out, sizeof(out), "<%s:%s:%s>", vocabulary, code, lang);
	return out;
}

static char *render(const char *json, const char *lang, bool labels)
{
	struct report_labels l = { lang, labels ? fake_label : NULL, NULL };
	json_t *shown = json_loads(json, 0, NULL);
	cw_buf b = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;

	assert_non_null(shown);
	assert_int_equal(report_record_text(&b, shown, &l, &e), 0);
	json_decref(shown);
	return cw_buf_detach(&b, NULL);
}

static void person_in_english(void **state)
{
	char *t = render(shown_person, "en", false);
	(void)state;

	assert_non_null(strstr(t, "Тест Адамов — person p-t\n"));
	assert_non_null(strstr(t, "  names: Тест Адамов (kk, primary); Test Adamov\n"));
	assert_non_null(strstr(t, "  sex: m · born: February 1980\n"));
	assert_non_null(strstr(t, "  source s-t (media): \"A headline\", 14 June 2019\n"));
	/* the case and its charge under the parent provision's title, unsourced */
	assert_non_null(strstr(t, "case c-t · Almaty [unsourced]\n"));
	assert_non_null(strstr(t, "  charges: KZ-CC-405-2 (Participation)\n"));
	assert_non_null(strstr(t, "  13 June 2019  sentenced: 21 months, prison [e-t] [unsourced]\n"));
	free(t);
}

/* Words, dates and counted nouns follow the language; vocabulary codes
 * go through the callback with it. */
static void person_in_russian_and_kazakh(void **state)
{
	char *t;
	(void)state;

	t = render(shown_person, "ru", true);
	assert_non_null(strstr(t, "Тест Адамов — лицо p-t\n"));
	assert_non_null(strstr(t, "  пол: m · родился: февраль 1980\n"));
	assert_non_null(strstr(t, "дело c-t · Almaty [без источника]\n"));
	assert_non_null(strstr(t, "  13 июня 2019  <event_kind:sentenced:ru>: 21 месяц, "
	                          "<sentence_kind:prison:ru> [e-t]"));
	assert_non_null(strstr(t, "(<source_kind:media:ru>)"));
	free(t);

	t = render(shown_person, "kk", true);
	assert_non_null(strstr(t, "  жынысы: m · туған: 1980 ж. ақпан\n"));
	assert_non_null(strstr(t, "  2019 ж. 13 маусым  <event_kind:sentenced:kk>: 21 ай, "));
	free(t);
}

/* An event is shown in its case, marked; a type without a layout of its
 * own is its JSON; what is not a shown record is refused. */
static void event_and_others(void **state)
{
	json_t *o = json_loads(shown_person, 0, NULL);
	char *s, *t;
	struct report_labels l = { "en", NULL, NULL };
	cw_buf b = CW_BUF_INIT;
	cw_err e = CW_ERR_INIT;
	(void)state;

	json_object_set_new(o, "type", json_string("event"));
	json_object_set_new(o, "id", json_string("e-t"));
	s = json_dumps(o, 0);
	t = render(s, "en", false);
	assert_non_null(strstr(t, "  → 13 June 2019  sentenced"));
	assert_null(strstr(t, "person p-t\n")); /* the case, not the person */
	free(s);
	free(t);

	t = render("{\"type\":\"affiliation\",\"id\":\"a-1\",\"record\":{\"role\":\"member\"}}",
	           "en", false);
	assert_string_equal(t, "affiliation a-1\n{\n  \"role\": \"member\"\n}\n");
	free(t);

	json_decref(o);
	o = json_pack("{s:s}", "record", "x");
	assert_int_equal(report_record_text(&b, o, &l, &e), -1);
	assert_int_equal(e.code, CW_EINVAL);
	json_decref(o);
	cw_buf_release(&b);
}

static void words(void **state)
{
	(void)state;
	assert_string_equal(report_word("en", "cited_by"), "cited by");
	assert_string_equal(report_word("ru", "unsourced"), "[без источника]");
	assert_string_equal(report_word("kk", "unknown"), "көрсетілмеген");
	assert_string_equal(report_word("fr", "born"), "born"); /* English otherwise */
	assert_string_equal(report_word("ru", "no-such-key"), "no-such-key");
	assert_int_equal(report_lang_of("kk"), REPORT_KK);
	assert_string_equal(report_lang_code(REPORT_RU), "ru");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(person_in_english),
		cmocka_unit_test(person_in_russian_and_kazakh),
		cmocka_unit_test(event_and_others),
		cmocka_unit_test(words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
