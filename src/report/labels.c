/* report/labels.c: see labels.h. */
#include "report/labels.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

bool report_lang_valid(const char *lang)
{
	return lang &&
	       (!strcmp(lang, "en") || !strcmp(lang, "ru") || !strcmp(lang, "kk"));
}

enum report_lang report_lang_of(const char *lang)
{
	if (lang && !strcmp(lang, "ru"))
		return REPORT_RU;
	if (lang && !strcmp(lang, "kk"))
		return REPORT_KK;
	return REPORT_EN;
}

const char *report_lang_code(enum report_lang l)
{
	return l == REPORT_RU ? "ru" : l == REPORT_KK ? "kk" : "en";
}

const char *report_vocab_label(const struct report_labels *l, const char *vocabulary,
                               const char *code)
{
	if (!l->label)
		return code;
	return l->label(l->label_arg, vocabulary, code, l->lang);
}

/* Labels of fields and record types in the three languages. */
static const struct {
	const char *key, *en, *ru, *kk;
} words[] = {
    {"person", "person", "лицо", "адам"},
    {"case", "case", "дело", "іс"},
    {"event", "event", "событие", "оқиға"},
    {"source", "source", "источник", "дереккөз"},
    {"organization", "organization", "организация", "ұйым"},
    {"provision", "provision", "статья", "бап"},
    {"affiliation", "affiliation", "принадлежность", "қатыстылық"},
    {"names", "names", "имена", "есімдер"},
    {"sex", "sex", "пол", "жынысы"},
    {"born", "born", "родился", "туған"},
    {"died", "died", "умер", "қайтыс болды"},
    {"region", "region", "регион", "өңір"},
    {"number", "no.", "№", "№"},
    {"authority", "authority", "орган", "орган"},
    {"charges", "charges", "обвинения", "айыптар"},
    {"participants", "participants", "участники", "қатысушылар"},
    {"unsourced", "[unsourced]", "[без источника]", "[дереккөзсіз]"},
    {"cited_by", "cited by", "на него ссылаются", "сілтеме жасағандар"},
    {"consent", "consent", "согласие", "келісім"},
    {"may_publish", "may publish", "можно публиковать", "жариялауға болады"},
    {"may_share", "may share with partners", "можно передавать партнёрам",
     "серіктестерге беруге болады"},
    {"withdrawn", "withdrawn on", "отозвано", "қайтарып алынды"},
    {"yes", "yes", "да", "иә"},
    {"no", "no", "нет", "жоқ"},
    {"publisher", "publisher", "издатель", "баспагер"},
    {"author", "author", "автор", "автор"},
    {"published", "published", "опубликовано", "жарияланды"},
    {"obtained", "obtained", "получено", "алынды"},
    {"language", "language", "язык", "тілі"},
    {"reliability", "reliability", "надёжность", "сенімділік"},
    {"url", "url", "url", "url"},
    {"confidentiality", "confidentiality", "конфиденциальность", "құпиялылық"},
    {"affiliations", "affiliations", "принадлежность", "қатыстылығы"},
    {"merged_into", "merged into", "объединён с", "біріктірілді"},
    {"merged", "merged into this person", "объединены с этим лицом",
     "осы адаммен біріктірілген"},
    {"banned", "banned", "запрещена", "тыйым салынды"},
    {"cases", "cases", "дел", "іс"},
    {"alleged", "alleged", "по версии обвинения", "айыптау нұсқасы бойынша"},
    {"declared", "declared", "заявлено", "мәлімделген"},
    {"notes", "notes", "примечания", "ескертпелер"},
    {"place", "place", "место", "орны"},
    {"until", "until", "до", "дейін"},
    {"article", "article", "статья", "бап"},
    {"part", "part", "часть", "бөлік"},
    /* findings_text.c: a region not recorded */
    {"unknown", "unknown", "не указан", "көрсетілмеген"},
};

const char *report_word(const char *lang, const char *key)
{
	enum report_lang l = report_lang_of(lang);

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].key, key))
			return l == REPORT_RU   ? words[i].ru
			       : l == REPORT_KK ? words[i].kk
			                        : words[i].en;
	return key;
}

static const char *const months_en[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
static const char *const months_ru_nom[] = {"январь",   "февраль", "март",   "апрель",
                                            "май",      "июнь",    "июль",   "август",
                                            "сентябрь", "октябрь", "ноябрь", "декабрь"};
static const char *const months_ru_gen[] = {"января",   "февраля", "марта",  "апреля",
                                            "мая",      "июня",    "июля",   "августа",
                                            "сентября", "октября", "ноября", "декабря"};
static const char *const months_kk[] = {"қаңтар",   "ақпан",  "наурыз", "сәуір",
                                        "мамыр",    "маусым", "шілде",  "тамыз",
                                        "қыркүйек", "қазан",  "қараша", "желтоқсан"};

int report_date(cw_buf *out, const char *date, const char *lang)
{
	cw_date d;
	enum report_lang l = report_lang_of(lang);

	if (!date)
		return 0;
	if (cw_date_parse(date, strlen(date), &d, NULL))
		return cw_buf_adds(out, date);
	if (!d.month)
		return cw_buf_addf(out, "%d", d.year);
	if (l == REPORT_RU)
		return d.day ? cw_buf_addf(out, "%d %s %d", d.day,
		                           months_ru_gen[d.month - 1], d.year)
		             : cw_buf_addf(out, "%s %d", months_ru_nom[d.month - 1],
		                           d.year);
	if (l == REPORT_KK)
		return d.day
		           ? cw_buf_addf(out, "%d ж. %d %s", d.year, d.day,
		                         months_kk[d.month - 1])
		           : cw_buf_addf(out, "%d ж. %s", d.year, months_kk[d.month - 1]);
	return d.day ? cw_buf_addf(out, "%d %s %d", d.day, months_en[d.month - 1], d.year)
	             : cw_buf_addf(out, "%s %d", months_en[d.month - 1], d.year);
}

const char *report_ru_plural(long n, const char *one, const char *few, const char *many)
{
	long a = n < 0 ? -n : n;
	long m10 = a % 10, m100 = a % 100;

	if (m10 == 1 && m100 != 11)
		return one;
	if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
		return few;
	return many;
}

void report_count(cw_buf *b, enum report_lang l, long n, const char *en1,
                  const char *en_n, const char *ru1, const char *ru2, const char *ru5,
                  const char *kk)
{
	if (l == REPORT_RU)
		cw_buf_addf(b, "%ld %s", n, report_ru_plural(n, ru1, ru2, ru5));
	else if (l == REPORT_KK)
		cw_buf_addf(b, "%ld %s", n, kk);
	else
		cw_buf_addf(b, "%ld %s", n, n == 1 ? en1 : en_n);
}
