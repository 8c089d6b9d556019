/* match/given.c: the table of given-name equivalents and its lookup.
 * See given.h and docs/names.md "Given-name equivalents".
 *
 * Written for casewatch from general knowledge of the names; one string
 * per class, forms separated by spaces: Russian first, then Ukrainian,
 * Belarusian, Kazakh and Uzbek Cyrillic, then Latin spellings. Forms that
 * fold to one skeleton (Юрий, Юрій, Yuriy) are merged; listing them all
 * still documents what a class covers. Not listed, on purpose:
 * diminutives and pet forms (Саша, Коля, Алесь, Зміцер), names that are
 * related but given as different names (Алёна and Елена, Оксана and
 * Ксения, Мария and Мариям, Яков and Жақып), and male and female forms
 * together (Евгений, Евгения are two classes). */
#include "match/given.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "match/match.h"

/* Version MATCH_GIVEN_VERSION 1, 2026-12-05. */
static const char *const classes[] = {
    /* ---- men: Russian, Ukrainian, Belarusian ---- */
    "Александр Олександр Аляксандр Aleksandr Alexander Alexandr Oleksandr "
    "Aliaksandr Alyaksandr",
    "Алексей Олексій Аляксей Aleksei Alexei Aleksey Alexey Oleksii Oleksiy "
    "Aliaksei",
    "Анатолий Анатолій Анатоль Anatoly Anatoliy Anatolii Anatol",
    "Андрей Андрій Андрэй Andrei Andrey Andrii Andriy",
    "Афанасий Опанас Апанас Afanasy Afanasiy Opanas Apanas",
    "Валентин Валянцін Valentin Valentyn Valiantsin",
    "Вадим Вадзім Vadim Vadzim",
    "Василий Василь Васіль Vasily Vasiliy Vasilii Vasyl Vasil",
    "Виктор Віктор Віктар Viktor Victor Viktar",
    "Виталий Віталій Vitaly Vitaliy Vitalii",
    "Владимир Володимир Уладзімір Vladimir Volodymyr Uladzimir Wladimir",
    "Вячеслав В'ячеслав Вячаслаў Vyacheslav Viacheslav Viachaslau",
    "Геннадий Геннадій Генадзь Gennady Gennadiy Hennadii Hennadiy Henadz",
    "Георгий Георгій Georgy Georgiy Heorhii Heorhiy",
    "Глеб Гліб Gleb Hlib Hleb",
    "Григорий Григорій Рыгор Grigory Grigoriy Hryhorii Hryhoriy Ryhor",
    "Даниил Данило Daniil Danylo",
    "Денис Дзяніс Denis Dzianis",
    "Дмитрий Дмитро Дзмітрый Dmitry Dmitriy Dmitrii Dmytro Dzmitry Dzmitryi",
    "Евгений Євген Яўген Evgeny Evgeniy Yevgeny Yevgeniy Yevhen Yevhenii "
    "Yauhen",
    "Егор Ягор Egor Yegor Yahor",
    "Емельян Омелян Emelyan Yemelyan Omelian Omelyan",
    "Игорь Ігор Ігар Igor Ihor Ihar",
    "Илья Ілля Ілья Ilya Illia Ilia Illya",
    "Иосиф Йосип Iosif Yosyp Yosip",
    "Кирилл Кирило Кірыл Kirill Kyrylo Kiryl",
    "Константин Костянтин Канстанцін Konstantin Kostiantyn Kostyantyn "
    "Kanstantsin",
    "Леонид Леонід Леанід Leonid Leanid",
    "Матвей Матвій Мацвей Matvey Matvei Matvii Matsvei",
    "Михаил Михайло Міхаіл Mikhail Mykhailo Mykhaylo",
    "Николай Микола Мікалай Nikolai Nikolay Mykola Mikalai Mikalay",
    "Олег Алег Oleg Oleh Aleh",
    "Павел Павло Pavel Pavlo",
    "Пётр Петро Пятро Pyotr Petr Piotr Petro Piatro",
    "Семён Сямён Semyon Semen Semion Siamion",
    "Сергей Сергій Сяргей Sergey Sergei Serhii Serhiy Siarhei Siarhey",
    "Станислав Станіслаў Stanislav Stanislau",
    "Степан Сцяпан Stepan Stsiapan",
    "Тимофей Тимофій Цімафей Timofey Timofei Tymofii Tsimafei",
    "Фёдор Федір Фёдар Fyodor Fedor Fedir Fiodar",
    "Юрий Юрій Юрый Yuri Yury Yuriy Yurii Iurii",
    "Яков Яків Якаў Yakov Yakiv Yakau",
    "Ярослав Яраслаў Yaroslav Yaraslau",
    /* ---- women: Russian, Ukrainian, Belarusian ---- */
    "Александра Олександра Аляксандра Aleksandra Alexandra Oleksandra "
    "Aliaksandra",
    "Анна Ганна Anna Hanna Ganna",
    "Валентина Валянціна Valentina Valentyna Valiantsina",
    "Вера Віра Vera Vira",
    "Вероника Вероніка Вераніка Veronika Veranika",
    "Галина Галіна Galina Halyna Halina",
    "Евгения Євгенія Яўгенія Evgenia Evgeniya Yevgenia Yevgeniya Yevheniia "
    "Yauhenia",
    "Екатерина Катерина Кацярына Ekaterina Yekaterina Kateryna Katerina "
    "Katsiaryna",
    "Елена Олена Elena Yelena Olena",
    "Елизавета Єлизавета Elizaveta Yelizaveta Yelyzaveta",
    "Кристина Христина Kristina Khrystyna Khristina",
    "Любовь Любов Любоў Lyubov Liubov Liubou",
    "Людмила Людміла Lyudmila Liudmyla Liudmila",
    "Надежда Надія Надзея Nadezhda Nadiia Nadiya Nadzeya Nadzeia",
    "Наталья Наталия Наталія Наталля Natalya Natalia Nataliya Nataliia "
    "Natallia",
    "Ольга Вольга Olga Olha Volha",
    "Светлана Світлана Святлана Svetlana Svitlana Sviatlana",
    "Татьяна Тетяна Таццяна Tatyana Tatiana Tetiana Tetyana Tatsiana Tatsyana",
    /* ---- men: Kazakh, Uzbek and the forms of Arabic and Persian names ---- */
    "Мухаммед Мухамед Мухаммад Магомед Магомет Мұхаммед Мұхамед Мұхаммад "
    "Muhammad Muhammed Muhamed Mukhammed Mukhamed Mukhammad Mohammed Mohammad "
    "Mohamed Magomed",
    "Абдулла Ғабдулла Габдулла Ғабдолла Абдулло Abdulla Abdullah Gabdulla "
    "Abdullo",
    "Абдурахман Абдрахман Әбдірахман Абдураҳмон Abdurakhman Abdurahman "
    "Abdrakhman Abdirakhman Abdurahmon",
    "Абубакир Абубакар Әбубәкір Abubakir Abubakar Abubakr",
    "Аббас Ғаббас Габбас Abbas Gabbas",
    "Азиз Ғазиз Газиз Aziz Gaziz",
    "Али Ғали Гали Ali Gali",
    "Ахмед Ахмет Ахмад Ahmed Ahmad Ahmet Akhmed Akhmet Akhmad",
    "Давуд Давид Даут Дауит Дауыт Дәуіт Довуд Davud Dawud David Daut Dauit "
    "Dauyt Dovud",
    "Ибрагим Ибрахим Ыбырай Ыбырайым Ибраһим Иброҳим Ibrahim Ibragim Ybyrai "
    "Ybyraiym Ibrohim Ibrokhim",
    "Идрис Ыдырыс Idris Ydyrys",
    "Ильяс Илияс Ілияс Ilyas Iliyas Ilias",
    "Исмаил Исмоил Ысмайыл Ismail Ismoil Ismayil Ysmaiyl",
    "Исхак Ысқақ Исҳоқ Iskhak Ishaq Ishak Iskak Ysqaq Ishoq",
    "Махмуд Махмут Махмұт Маҳмуд Mahmud Makhmud Makhmut Mahmut Mahmoud",
    "Муса Мұса Мусо Musa Muso",
    "Омар Умар Ғұмар Гумар Umar Omar Gumar",
    "Осман Усман Оспан Ғұсман Усмон Osman Usman Ospan Gusman Usmon",
    "Сулейман Сулеймен Сүлеймен Сулаймон Suleiman Suleyman Sulaiman Suleimen "
    "Sulaymon",
    "Юнус Жүніс Жунус Yunus Zhunis Zhunus",
    "Юсуф Юсуп Жүсіп Жусуп Жусип Yusuf Yusup Yusif Zhusip Zhusup",
    "Бахтиёр Бахтиер Бахтияр Бақтияр Bakhtiyor Baxtiyor Bakhtiyar Bakhtiar "
    "Bakhtier",
    "Дилшод Дильшод Дильшат Ділшат Dilshod Dilshat Dilshad",
    "Жахонгир Жаҳонгир Джахангир Жаһангир Jahongir Jakhongir Jahangir "
    "Dzhakhangir Zhakhangir",
    "Кадыр Қадыр Кадир Қодир Кодир Kadyr Kadir Qadyr Qodir Kodir",
    "Нодир Надир Nodir Nadir",
    "Рустам Рустем Rustam Rustem",
    "Собир Сабир Сабыр Sobir Sabir Sabyr",
    "Тахир Тохир Тоҳир Tahir Takhir Tohir Tokhir Toxir",
    "Улугбек Улуғбек Ұлықбек Ulugbek Ulug'bek Ulughbek Ulykbek Ulyqbek",
    "Фархад Фарход Фарҳод Farkhad Farhad Farkhod Farhod Farxod",
    "Хуршид Хуршед Khurshid Hurshid Xurshid",
    "Шавкат Шаукат Shavkat Shaukat",
    "Шухрат Шуҳрат Shukhrat Shuhrat Shuxrat",
    "Закир Зокир Zakir Zokir",
    /* ---- women: Kazakh, Uzbek, Arabic ---- */
    "Айша Ғайша Гайша Ойша Aisha Aysha Gaisha Oysha",
    "Зейнеп Зейнаб Зайнаб Zeinep Zeynep Zeinab Zainab Zaynab",
    "Мариям Марьям Мәриям Maryam Mariyam Mariam",
    "Фатима Патима Фотима Fatima Patima Fotima",
    "Хадиша Кадиша Қадиша Хадича Хадиджа Хадижа Khadisha Kadisha Qadisha "
    "Hadicha Khadicha Khadija Khadizha",
    "Жұлдыз Жулдыз Юлдуз Zhuldyz Yulduz",
};

#define NCLASSES (sizeof(classes) / sizeof(classes[0]))
#define MAX_FORMS 2048 /* skeletons in the whole table */

struct form {
	size_t off; /* skeleton in skels */
	int cls;    /* 1 + index in classes */
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static cw_buf skels = CW_BUF_INIT;      /* folded forms, each NUL-ended */
static struct form by_class[MAX_FORMS]; /* in table order */
static struct form by_skel[MAX_FORMS];  /* sorted by skeleton */
static size_t first[NCLASSES + 1];      /* class c: by_class[first[c]..first[c+1]) */
static size_t nforms, nconflicts;

static int form_cmp(const void *x, const void *y)
{
	const struct form *a = x, *b = y;
	int c = strcmp(skels.data + a->off, skels.data + b->off);

	if (c)
		return c;
	return a->cls - b->cls;
}

/* Is the skeleton at off already listed among the forms from start on
 * (those of the class being folded)? */
static int listed(size_t start, size_t off)
{
	for (size_t i = start; i < nforms; i++)
		if (!strcmp(skels.data + by_class[i].off, skels.data + off))
			return 1;
	return 0;
}

static void init(void)
{
	cw_err e = CW_ERR_INIT;

	for (size_t c = 0; c < NCLASSES; c++) {
		const char *p = classes[c];
		first[c] = nforms;
		while (*p) {
			size_t l = strcspn(p, " "), off = skels.len;
			if (l && nforms < MAX_FORMS) {
				if (match_fold_token(p, l, &skels, &e) ||
				    skels.len == off || cw_buf_addch(&skels, '\0') ||
				    listed(first[c], off)) {
					cw_buf_setlen(&skels, off);
				} else {
					by_class[nforms].off = off;
					by_class[nforms].cls = (int)c + 1;
					nforms++;
				}
			}
			p += l;
			p += strspn(p, " ");
		}
	}
	first[NCLASSES] = nforms;
	memcpy(by_skel, by_class, nforms * sizeof(by_skel[0]));
	qsort(by_skel, nforms, sizeof(by_skel[0]), form_cmp);
	for (size_t i = 1; i < nforms; i++)
		if (!strcmp(skels.data + by_skel[i].off, skels.data + by_skel[i - 1].off))
			nconflicts++;
}

int match_given_class(const char *skel, size_t n)
{
	size_t lo = 0, hi;

	pthread_once(&once, init);
	hi = nforms;
	/* The first form whose skeleton is >= skel[0..n). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s = skels.data + by_skel[mid].off;
		int c = strncmp(s, skel, n);
		if (!c && s[n] != '\0')
			c = 1; /* s is longer */
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < nforms) {
		const char *s = skels.data + by_skel[lo].off;
		if (!strncmp(s, skel, n) && s[n] == '\0')
			return by_skel[lo].cls;
	}
	return 0;
}

const char *match_given_form(int c, size_t i)
{
	pthread_once(&once, init);
	if (c < 1 || (size_t)c > NCLASSES || first[c - 1] + i >= first[c])
		return NULL;
	return skels.data + by_class[first[c - 1] + i].off;
}

size_t match_given_nclasses(void)
{
	return NCLASSES;
}

size_t match_given_conflicts(void)
{
	pthread_once(&once, init);
	return nconflicts;
}
