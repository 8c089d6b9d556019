#!/usr/bin/env python3
"""bench/dedup/gen_holdout.py: an independent generator of fictional people
for a held-out check of `casewatch dedup` (written without looking at the
scorer, its docs or bench/dedup/gen.py).

    gen_holdout.py N OUT.jsonl TRUTH.tsv [--seed S]

N person records go to OUT.jsonl (interchange format, shared/DESIGN.md),
together with the sources, cases, organizations, affiliations and
provisions they refer to; TRUTH.tsv has one line `record_id<TAB>person`
per person record (records of one real person share the number). Python 3
standard library only; the same N and seed give the same bytes. A summary
(people, cluster sizes, true pairs, homonym pairs) goes to stderr.

Model (all names and facts invented; rates are assumptions, chosen to
resemble a monitoring register built from court papers, media and
spreadsheets in Kazakhstan):

* People. Ethnicity: Kazakh 63%, Russian 18%, Uzbek 5%, Uyghur 4%,
  Ukrainian 4%, German 4% (half of them foreign researchers with German
  given names and Latin-script native names, e.g. Katrin Rittmann; half
  Kazakhstani Germans with Russian given names and Cyrillic-first
  surnames), Korean (Koryo-saram) 2%. Names come from pools written here:
  ~150 Kazakh male and ~110 female given names; ~1,300 Kazakh surnames
  (explicit roots, given names, prefix+suffix compounds such as Нұрбек,
  Жанболат; each root gives an -ов/-ев surname, 25% also a bare one like
  Қайырбек, 6% an -ұлы one); ~50+45 Russian given names and ~190 common
  Russian surnames plus a synthetic long tail (~250, rarer than every
  listed one); Uzbek, Uyghur, Ukrainian, German and Korean pools of tens
  of names, with tails. Draws are Zipf-skewed by rank (exponent 0.4-0.6
  for given names, 0.2-0.4 for surnames, 0.9 for the 18 Korean surnames,
  where Ким dominates), so common names recur and natural homonyms grow
  with N as in a real register: at N=4,000 (~1,600 people) about 6% of
  people share given name and surname with someone else, at N=50,000
  (~20,600 people) about 13% (Kazakh 9%, Russian 18%, Korean 45%;
  run with --debug for the breakdown). Surnames agree with sex
  (Утепов/Утепова are different people). Patronymic: the father's given
  name, as -ұлы/-қызы (Kazakh style, Uzbek ўғли/қизи) or -ович/-овна
  (Russian style); foreign researchers have none.
* Deliberate homonyms: 2% of people copy the given name and surname of an
  existing same-ethnicity person (30% also the patronymic); 90% of them
  differ in birth year, 30% share the region. Relatives: 7% of people
  spawn a relative (sibling: same surname and patronymic; child: the
  father's given name becomes the patronymic; spouse: surname in the
  other sex's form), 80% in the same region and 50% co-defendants in the
  same case (same case number).
* Records per person (cluster size): 1: 52%, 2: 20%, 3: 10%, 4: 6%, 5-6: 6%,
  7-10: 4%, 11-20: 2%. Generation stops at N records (the last cluster is cut).
* Each record is written by one source: Russian-language 40%, Kazakh 20%,
  English 30%, an NGO spreadsheet 10%. The source decides the script and
  system: Kazakh Cyrillic (Асқар Қайырбек); Russian-mediated Cyrillic
  (Аскар Кайырбек, Өтепова -> Утепова or Отепова, Қайырбек sometimes
  Каирбек, Шыңғыс -> Чингиз); English-media Kazakh-aware Latin (Asqar
  Qaiyrbek); passport Latin, old (Kayyrbek) and ICAO (Kaiyrbek); BGN/PCGN
  from Russian (Yerlan, Kayyrbek); Kazakh Latin 2017 (apostrophes), 2018
  (acute: Aıgúl) and 2021 (Ğalym, Ötepova); Uzbek Latin (O'tkir),
  Ukrainian national Latin (Oleksandr vs Aleksandr); Uyghur Latin; German
  names in the original (Rittmann) or back from Cyrillic (Ritman, Shmidt).
  English sources use the person's own preferred Latin spelling half the
  time. Word order: given-surname, surname-given(-patronymic), initials
  (Кайырбек А.С., A. Qaiyrbek), surname in capitals (QAIYRBEK Asqar,
  spreadsheets and court papers). Patronymic shown in ~25% of Cyrillic
  records. 20% of records carry a second name form, 4% a third.
* Noise: 12% of Latin records get one romanization swap (kh/h, zh/j, dzh/j,
  y/i, q/k, gh/g, ts/c, yu/iu, ya/ia, ye/e); 5% of records one keyboard typo
  (deletion, transposition, neighbour key, doubled or undoubled letter);
  German surnames lose or gain a doubled letter in 15% (Rittmann/Rittman);
  Ё written Е in 60%; Kazakh bare/-ов surname flip 3%; a Russian diminutive
  or short form for the given name 1%.
* Facts: sex in 85% of court/spreadsheet records, 50% of media records
  (0.5% wrong). Birth date in 70% of court/spreadsheet records (full 70%,
  year-month 10%, year 20%; 2% wrong: digit typo or day/month swap) and 30%
  of media records (year only 70%, from an age, off by one 15%). Region in
  60% of records (6% a different region: where the case was, or a move;
  25% of the rest in Russian or Kazakh spelling, Astana also as
  Nur-Sultan). 70% of records cite their source.
* Sources: a pool of N/4 fictional sources (media 90%, NGO spreadsheets,
  court documents). A record takes its source from one of its person's
  prosecutions 40% of the time (each prosecution is covered by 1-3
  sources, shared by co-defendants), else at random; so a shared source is
  evidence of the same story, not always of the same person.
* Cases: each person (not foreign researchers) has 1-2 prosecutions
  (15%: 2) with an ERDR number (15 digits) and a court number
  (2-123/2020); 25% join the previous co-defendant group (same numbers;
  half the relatives join their relative's case). 45% of records come
  with a case record using one of them (70% ERDR; 20% no number; 2% typo),
  charging parts of the provisions emitted (KZ-CC-405-2...). 35% of people
  have an organization; 12% of their records get an affiliation to it.
* Output order: provisions, organizations, sources, then person records in
  random order with ids p-NNNNNNN shuffled independently of the people,
  then cases and affiliations. 4% of records are internal/confidential.
"""
import json
import random
import sys
from collections import Counter

# ---------------------------------------------------------------- pools
KZ_M = """Асқар Ерлан Серік Нұрлан Марат Болат Қайрат Дәурен Ержан Бауыржан Ғалым
Жандос Нұржан Арман Асхат Берік Дәулет Айдос Айбек Әділет Әлібек Алмас Амангелді
Ануар Арсен Асылбек Ақжол Бақытжан Бекзат Бекжан Бердібек Болатбек Ғабит Ғани
Дамир Дархан Дастан Досжан Ербол Ерболат Ерғали Ерқанат Ермек Еркін Ерік Жақсылық
Жанат Жанболат Жәнібек Жасұлан Жұмабек Кенжебек Қанат Қасым Қуаныш Мақсат Мирас
Мұрат Мұхтар Нұрбол Нұрсұлтан Нұрлыбек Олжас Оралбек Өмірзақ Пернебек Рахат
Рустам Руслан Самат Саят Сәкен Серғазы Сержан Сұлтан Сырым Талғат Тимур Төлеген
Шыңғыс Шоқан Ілияс Ислам Исатай Жомарт Азамат Айдар Әлихан Бағдат Бейбіт Ғазиз
Дидар Думан Жарас Қазбек Қуат Мейрам Мұхамеджан Нұрғиса Ораз Рауан Ренат Сабыр
Сейіт Төрехан Шерхан Ысқақ Бекболат Ерсін Есен Мәди""".split()
KZ_F = """Айгүл Әлия Гүлнара Жанар Динара Айнұр Ақмарал Айжан Айым Әсел Балжан Бота
Гүлмира Гүлжан Гүлназ Гүлшат Дана Данагүл Жазира Жұлдыз Жанна Зарина Зәуре Индира
Қарлығаш Камила Күләш Ләззат Мадина Мақпал Меруерт Мөлдір Назерке Нұргүл Нұржамал
Перизат Раушан Роза Сәуле Салтанат Самал Сандуғаш Сания Толқын Томирис Ұлжан Ұлпан
Шынар Шолпан Эльмира Әйгерім Айдана Айсұлу Ақбота Анар Арай Арайлым Әсем Бибігүл
Гаухар Ділназ Ерке Жаннат Камшат Қымбат Ләйлә Маржан Нұрсұлу Сабина Сымбат Ұлдана
Фариза Алтынай Ақерке Гүлсім Дариға Жібек Күнсұлу Лаура Мәншүк Нәзira""".replace("Нәзira", "Нәзира").split()
KZ_M += """Абылай Айбар Айтуған Алдияр Алпамыс Әбілқайыр Бақдәулет Бекарыс Болашақ
Ғалымжан Дәуренбек Ділмұрат Ерасыл Ержігіт Есқали Жалғас Жанұзақ Жеңіс Жұмағали Жүніс
 Қайсар Қалдыбек Қобыланды Құдайберген Мағжан Мейіржан Мұратбек Нұрдәулет Нұрислам Өркен
Рамазан Ринат Сағат Сәбит Сұңқар Темірлан Тілек Ұлан Шалқар Ыбырай Әлішер""".split()
KZ_F += """Аида Айнагүл Ақнұр Алма Альфия Аружан Әлима Бақыткүл Газиза Гүлдана Гүлжанат 
Еңлік Жансая Зейнеп Күлпаш Мейрамгүл Мирагүл Нұрай Райхан Тоғжан Ұлбосын
Хадиша Шәмшат Ырысжан""".split()
KZ_ROOTS = """Қайырбек Өтеп Ахмет Жақсылық Сейіт Оспан Тоқтар Әбдірахман Мұқан Сәрсен
Байжан Ысқақ Жұмабай Құрман Бекмұхамбет Әбіл Мырзахмет Тәжі Шәкен Есім Кәрім
Нұрпейіс Омар Қасен Исабек Сүлеймен Ибраһим Жүсіп Мамыр Сағынтай Тұрсын Әуез
Сыздық Иманғали Бейсен Қожахмет Жаманқұл Ерғожа Кенжебай Оңғар Төлеубай Шалқар
Ұзақ Бөкей Дүйсен Әміре Қуаныш Мұса Досмұхамбет Тілеуберді Сатпай Есенжол
Байтұрсын Жансүгір Мағжан Сейфуллин Әлімжан Бұқар Қонаш Нұржау Тұяқ Үмбет Серікбай
Әшім Жолдас Молдағали Рысқұл Қалиақпар Абай Бекет Дәулетбай Жексен Әбу Сыпатай
Тоқмағамбет Байғали Жароқ Сапар Еркебұлан Әділ Мұхит Қалдыбай Ақылбек Сәдуақас""".split()
KZ_PREF = """Нұр Ақ Бек Ер Жан Сері Бай Дос Есен Жұма Төле Қали Әбді Сай Құл Ораз Тілеу Бақ Асыл Қара
Алтын Мұхамед Сұлтан Кен Әмір Ай Қыдыр Мақ Сәт Сыр Тоқ Шай Жақ Жол Ел Ырыс Құт Бақыт Мең Әлі Қан
Тұр""".split()
KZ_SUF = "бек бай хан жан болат ғали мұрат тай ақын бол ғазы құл бала қасым ахмет".split()
RU_ROOTS = """Берез Волын Горд Дуб Жук Зим Колес Лапш Мох Нос Рож Сом Чиж Шуб Бел Бобр Вор Галк Глух
Дегт Ерш Журб Зуб Карас Клюк Кнут Корш Кот Крап Крут Лыс Мак Малин Мед Мыш Неч Овс Окун Пал Пан
Плет Пруд Пуш Реп Рус Сал Сев Сит Скорб Слеп Сок Стрел Сух Твер Тих Толок Топор Трус Туп Уш Хвост
Хлеб Цыб Чес Шапош Шил Щег Юр Ябл Яш Балаб Барсук Бесп Будн Вахр Вед Вил Вьюн Гладк Голов Горох
Гриб Дьяч Ерем Жарк Зыр Калач Кисл Клоч Корот Крас Кудр Лапт Луб Мерк Миш Наз Обух Ожег Перв
Пискун Поп Пряс Пустов Рыж Сват Сидор Слав Стар Тарак Треть Турч Усат Хомяк Черн Шишк Щук Грин Дерюг
Забел Кашир Лозов Мезен Окат Пестр Рогоз Сабур Талал Ухт Фирс Хмел Чугун Шалам""".split()
UA_MORE = """Авраменко Андрієнко Бабенко Васильченко Гриценко Демченко Даниленко Зінченко Кириленко
Костенко Кузьменко Мартиненко Назаренко Остапенко Приходько Романенко Сидоренко Тарасенко Федоренко
Харченко Яковенко Антонюк Білик Гуменюк Данилюк Захарчук Климчук Костюк Остапчук Павлюк Романюк
Савчин Ярошенко Гаврилюк Дмитренко Корнієнко Мазуренко Панченко Семененко Усенко Фесенко Шаповал
Ющенко Ковтун Нестеренко Опанасенко Гребенюк Дорошенко Зозуля Кобзар Лозинський Мірошниченко
Оліфіренко Процюк Сердюк Тимчук Филипчук Цимбал Чорновол Яремчук""".split()

RU_M = """Александр Сергей Андрей Алексей Дмитрий Владимир Николай Михаил Евгений Игорь
Юрий Виктор Олег Павел Максим Иван Артём Денис Константин Роман Вадим Виталий
Геннадий Анатолий Валерий Василий Пётр Борис Григорий Леонид Станислав Вячеслав
Илья Никита Кирилл Антон Егор Тимофей Фёдор Степан Георгий Аркадий Эдуард
Валентин Ярослав Глеб Лев Семён Владислав Матвей""".split()
RU_F = """Елена Ольга Наталья Татьяна Ирина Светлана Анна Мария Екатерина Юлия Людмила
Галина Марина Надежда Валентина Оксана Алёна Дарья Ксения Анастасия Виктория Вера
Любовь Лариса Нина Тамара Евгения Полина Софья Кристина Алина Ангелина Вероника
Инна Лидия Зоя Раиса Антонина Яна Алла Элина Маргарита Диана Валерия Жанна""".split()
RU_SUR = """Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров
Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев
Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев
Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв
Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов
Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров
Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов
Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов
Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов
Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев
Прохоров Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков
Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов
Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов
Еремин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов
Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронов Аксёнов Софронов
Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков Сафонов
Плотников Демин Хохлов Фадеев Молчанов Игнатов Литвинов Ершов Ушаков Дементьев
Рябов Мухин Калашников Леонтьев Лобанов Кузин Корнилов Евдокимов Бородин Платонов
Некрасов Балашов Бобров Жданов Блинов Игнатьев Коротков Муравьёв Крюков Беляков
Островский Покровский Вишневский Толстой Боровой Шевчук Гайдамак""".split()
RU_SHORT = {"Александр": "Саша", "Алексей": "Алёша", "Евгений": "Женя", "Дмитрий": "Дима",
            "Владимир": "Вова", "Михаил": "Миша", "Елена": "Лена", "Наталья": "Наташа",
            "Татьяна": "Таня", "Екатерина": "Катя", "Мария": "Маша", "Ольга": "Оля",
            "Анастасия": "Настя", "Юлия": "Юля", "Сергей": "Серёжа", "Николай": "Коля"}
RU_VAR = {"Наталья": "Наталия", "Дарья": "Дария", "Софья": "София", "Татьяна": "Татиана",
          "Юлия": "Юлиа", "Алёна": "Алена"}
RU_PAT = {"Илья": ("Ильич", "Ильинична"), "Никита": ("Никитич", "Никитична"),
          "Лев": ("Львович", "Львовна"), "Пётр": ("Петрович", "Петровна"),
          "Павел": ("Павлович", "Павловна"), "Дмитрий": ("Дмитриевич", "Дмитриевна"),
          "Георгий": ("Георгиевич", "Георгиевна")}

UZ_M = """Алишер Баҳтиёр Шерзод Жамшид Отабек Улуғбек Фаррух Азиз Акмал Равшан Дилшод Нодир
Ботир Хуршид Илҳом Санжар Зафар Ойбек Шавкат Музаффар Абдулла Анвар Эркин Ўткир
Шуҳрат Рустам Баҳодир Дилмурод Икром""".split()
UZ_F = """Дилноза Гулнора Нигора Шаҳноза Мадина Малика Зулфия Феруза Муҳаббат Ойгул
Севара Нилуфар Барно Дилором Гўзал Юлдуз Лобар Моҳира Нодира Камола""".split()
UZ_SUR = """Каримов Рашидов Юсупов Турсунов Исмоилов Худойбердиев Назаров Абдуллаев Раҳимов
Усмонов Қодиров Ҳасанов Алиев Ғафуров Тошматов Эргашев Содиқов Мирзаев Холматов
Ўринбоев Жўраев Норматов Саидов Аҳмедов Қурбонов Йўлдошев Маҳмудов Шарипов""".split()

UG_M = """Алимжан Абдумалик Әхмәтжан Ризван Дилмурат Илһам Шавкат Әркин Қурбан Исмаил
Пәрһат Турғун Абдуреһим Мәмәтжан Нурмәмәт Савут Ғәйрәт Бәхтияр Җамал Қадир""".split()
UG_F = """Гүлнар Мәрийәм Зулпийә Патигүл Рәйһангүл Айнур Мунирә Нигарә Рәна Гүлмира
Һөрийәт Мәһинур Зөһрә Шәмшийә""".split()
UG_SUR = """Әхмәтов Исмаилов Қасимов Розиев Һезимов Садиров Мәмәтов Турдиев Җалилов Нурахунов
Абдуллаев Масимов Қурбанов Һашимов Ишақов""".split()

UA_M = [("Олександр", "Александр"), ("Сергій", "Сергей"), ("Андрій", "Андрей"),
        ("Олексій", "Алексей"), ("Дмитро", "Дмитрий"), ("Володимир", "Владимир"),
        ("Микола", "Николай"), ("Михайло", "Михаил"), ("Юрій", "Юрий"), ("Віктор", "Виктор"),
        ("Олег", "Олег"), ("Павло", "Павел"), ("Іван", "Иван"), ("Петро", "Пётр"),
        ("Василь", "Василий"), ("Богдан", "Богдан"), ("Тарас", "Тарас"), ("Ярослав", "Ярослав")]
UA_F = [("Олена", "Елена"), ("Ольга", "Ольга"), ("Наталія", "Наталья"), ("Тетяна", "Татьяна"),
        ("Ірина", "Ирина"), ("Світлана", "Светлана"), ("Оксана", "Оксана"), ("Марія", "Мария"),
        ("Катерина", "Екатерина"), ("Юлія", "Юлия"), ("Людмила", "Людмила"), ("Галина", "Галина"),
        ("Ганна", "Анна")]
UA_SUR = """Коваленко Шевченко Бондаренко Ткаченко Кравченко Олійник Шевчук Мельник Поліщук
Бойко Лисенко Руденко Савченко Марченко Петренко Клименко Павленко Гнатюк Мороз
Кравчук Савчук Литвиненко Гончаренко Коваль Левченко Карпенко Мельничук Ковальчук
Іваненко Тимошенко Гордієнко Дячук""".split()

DE_SUR = """Rittmann Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Schäfer
Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann
Lange Werner Krause Lehmann Köhler Herrmann Walter König Mayer Huber Kaiser Fuchs
Peters Scholz Möller Weiß Jung Hahn Keller Vogel Friedrich Günther Frank Berger
Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Ludwig Böhm Winter Kraus
Schumacher Krämer Vogt Stein Jäger Sommer Seidel Heinrich Brandt Haas Schreiber
Dietrich Ziegler Kuhn Pohl Engel Horn Busch Bergmann Voigt Sauer Arnold Wolff
Pfeiffer Reimer Penner Friesen Unruh Dyck Janzen Wiebe Klassen""".split()
DE_M = "Stefan Andreas Thomas Markus Michael Christian Johannes Jonas Felix Martin Tobias Lukas Jan Sebastian Florian Matthias".split()
DE_F = "Katrin Julia Anna Sabine Claudia Petra Ulrike Hannah Lena Miriam Katharina Susanne Birgit Anja Franziska".split()
DE_RU = {"Julia": "Юлия", "Johannes": "Йоханнес", "Jonas": "Йонас", "Jan": "Ян", "Michael": "Михаэль",
         "Christian": "Кристиан", "Thomas": "Томас", "Lukas": "Лукас", "Katharina": "Катарина",
         "Andreas": "Андреас", "Hannah": "Ханна", "Matthias": "Маттиас", "Susanne": "Сюзанна"}

UZ_ROOTS = """Абдураҳмон Исроил Ҳамид Ҳабиб Мансур Файзулла Убайдулла Носир Собир Қаҳҳор Тўлқин
Мамат Эшмат Тошпўлат Болта Ражаб Сафар Шукур Ҳайдар Нурмат Аъзам Бахром Валижон Ғайрат
Жалол Зокир Комил Лутфулла Маъруф Неъмат Одил Пўлат Раҳмат Солиҳ Турғун Умар Хайрулла
Чори Шодмон Юнус Ёқуб Қосим Ғулом""".split()
UG_ROOTS = """Абдулла Тохти Розахун Мамут Һапиз Сабит Ясин Йүсүп Һәмдун Муса Исрапил Ибраһим
Тилвалди Мәмтимин Әзиз Баһавудун Ғопур Зуннун Кадир Лутпулла Мутәллип Нурахун Омар Паттар
Рахман Сетивалди Тursun Ушур Хелил Шерип Юнус Әхмәт""".replace("Тursun", "Турсун").split()
UG_M += """Абдуқадир Ғалип Мирзат Немәт Талип Чәмшит Әнвәр Мухтәр Нурмәмәт Ялқун""".split()
UG_F += """Гүлбаһар Дилнур Зурапәт Мәликизат Назугүм Пәридә Рошәнгүл Сәнәм Турсунгүл Хурсәнгүл""".split()
UZ_M += """Бобур Даврон Жасур Зокир Камол Лазиз Мансур Нурбек Обид Раҳим Сардор Тоҳир Умид Фотиҳ Хасан""".split()
UZ_F += """Азиза Гулчеҳра Дилфуза Зарина Ирода Манзура Муниса Ойдин Раъно Сайёра Умида Шоира""".split()


def derived_surnames(base, roots):
    out = list(base)
    for r in roots:
        s = r + ("ев" if r[-1] in "аеиоуыэюяәөүі" else "ов")
        if s not in out:
            out.append(s)
    return out


KO_SUR = [("Ким", ["Kim"]), ("Пак", ["Pak", "Park"]), ("Ли", ["Li", "Lee"]),
          ("Цой", ["Tsoy", "Tsoi", "Choi"]), ("Тен", ["Ten"]), ("Хан", ["Khan", "Han"]),
          ("Югай", ["Yugai", "Iugai", "Yugay"]), ("Лим", ["Lim"]), ("Шин", ["Shin"]),
          ("Ни", ["Ni"]), ("Ан", ["An"]), ("Нам", ["Nam"]), ("Тян", ["Tyan", "Tian"]),
          ("Огай", ["Ogai", "Ogay"]), ("Когай", ["Kogai", "Kogay"]), ("Пай", ["Pai", "Pay"]),
          ("Шегай", ["Shegai", "Shegay"]), ("Хегай", ["Khegai", "Hegay"])]

REGIONS = [  # (english, weight, other spellings)
    ("Almaty", 14, ["Алматы", "г. Алматы", "Almaty city"]),
    ("Astana", 10, ["Астана", "Nur-Sultan", "Нур-Султан", "Nur-Sultan city"]),
    ("Shymkent", 7, ["Шымкент", "г. Шымкент"]),
    ("Almaty Region", 7, ["Алматинская область", "Алматы облысы"]),
    ("Aktobe", 5, ["Актобе", "Aqtöbe", "Aqtobe"]),
    ("Karaganda", 6, ["Караганда", "Qaraghandy", "Карагандинская область"]),
    ("Pavlodar", 4, ["Павлодар", "Павлодарская область"]),
    ("East Kazakhstan", 5, ["Восточно-Казахстанская область", "ВКО", "Shyghys Qazaqstan"]),
    ("Atyrau", 4, ["Атырау", "Атырауская область"]),
    ("Mangystau", 5, ["Мангистауская область", "Mangistau", "Маңғыстау облысы"]),
    ("Kyzylorda", 4, ["Кызылорда", "Qyzylorda", "Кызылординская область"]),
    ("Zhambyl", 5, ["Жамбылская область", "Jambyl", "Taraz"]),
    ("Turkistan", 6, ["Туркестанская область", "Türkistan", "Turkestan"]),
    ("Kostanay", 4, ["Костанай", "Qostanay", "Костанайская область"]),
    ("West Kazakhstan", 3, ["Западно-Казахстанская область", "ЗКО", "Uralsk"]),
    ("North Kazakhstan", 3, ["Северо-Казахстанская область", "СКО", "Petropavl"]),
    ("Akmola", 3, ["Акмолинская область", "Aqmola"]),
    ("Abai", 2, ["область Абай", "Semey"]),
    ("Zhetysu", 2, ["область Жетісу", "Jetisu", "Taldykorgan"]),
    ("Ulytau", 1, ["область Улытау", "Zhezkazgan"]),
]
FOREIGN_REGIONS = ["Berlin", "Hamburg", "Munich", "Vienna", "Bishkek", "Tashkent"]

ORGS = [("o-h1", ["Steppe Freedom Movement (fictional)", "Движение «Свобода степи»", "Дала еркіндігі қозғалысы"], "movement"),
        ("o-h2", ["Justice and Voice Party (fictional)", "Партия «Голос и справедливость»"], "party"),
        ("o-h3", ["Qaiyrym Youth (fictional)", "Қайырым жастары"], "movement"),
        ("o-h4", ["Open Letter Group (fictional)"], "movement"),
        ("o-h5", ["Bright Horizon Religious Study Circle (fictional)", "Кружок «Светлый горизонт»"], "movement"),
        ("o-h6", ["Independent Labour Union of Miners (fictional)", "Независимый профсоюз горняков"], "ngo"),
        ("o-h7", ["Daily Yurt (fictional)", "Күнделікті киіз үй"], "media"),
        ("o-h8", ["Rights Watchers Bureau (fictional)"], "ngo"),
        ("o-h9", ["People's Assembly Initiative (fictional)", "Инициатива «Народное собрание»"], "movement"),
        ("o-h10", ["Green Aral Society (fictional)", "Общество «Зелёный Арал»"], "ngo")]
PROVISIONS = [("KZ-CC-405", "405", "Participation in a banned extremist organization"),
              ("KZ-CC-174", "174", "Inciting discord"),
              ("KZ-CC-272", "272", "Mass riots"),
              ("KZ-CC-274", "274", "Dissemination of false information"),
              ("KZ-CC-400", "400", "Violating the procedure for assemblies"),
              ("KZ-CC-258", "258", "Financing extremist activity")]
CHARGES = [("KZ-CC-405-2", 30), ("KZ-CC-405-1", 8), ("KZ-CC-174-1", 20), ("KZ-CC-174-2", 5),
           ("KZ-CC-272-2", 8), ("KZ-CC-274-2", 10), ("KZ-CC-400-1", 6), ("KZ-CC-258-4", 3)]

# ---------------------------------------------------------------- script tables
KZ_SPECIAL = set("әғқңөұүһіҗ")
KK2RU = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "җ": "дж",
         "ў": "у", "ҳ": "х"}
BASE = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "ш": "sh", "ч": "ch", "щ": "shch", "э": "e", "ъ": "", "ь": ""}


def table(extra):
    t = dict(BASE)
    t.update(extra)
    return t


T_PASS_ICAO = table({"ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ы": "y", "ю": "iu", "я": "ia", "ъ": "ie"})
T_PASS_OLD = table({"ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ы": "y", "ю": "yu", "я": "ya"})
T_BGN = table({"ё": "yo", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ы": "y", "ю": "yu", "я": "ya", "ь": "'"})
T_EN_KK = table({"ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
                 "і": "i", "ё": "yo", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ы": "y", "ю": "yu",
                 "я": "ya", "җ": "j"})
T_KK17 = table({"ә": "a'", "ғ": "g'", "қ": "q", "ң": "n'", "ө": "o'", "ұ": "u", "ү": "u'", "һ": "h",
                "і": "i", "и": "i'", "й": "i'", "у": "y'", "ш": "s'", "ч": "c'", "ц": "c", "х": "h",
                "ж": "j", "ы": "y", "ю": "i'y'", "я": "i'a", "ё": "i'o", "щ": "s's'", "җ": "j"})
T_KK18 = table({"ә": "á", "ғ": "ǵ", "қ": "q", "ң": "ń", "ө": "ó", "ұ": "u", "ү": "ú", "һ": "h",
                "і": "i", "и": "ı", "й": "ı", "у": "ý", "ж": "j", "х": "h", "ц": "ts", "ы": "y",
                "ю": "ıý", "я": "ıa", "ё": "ıo", "җ": "j"})
T_KK21 = table({"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h",
                "і": "ı", "и": "i", "й": "i", "у": "u", "ш": "ş", "ч": "ç", "щ": "şş", "ж": "j",
                "х": "h", "ц": "ts", "ы": "y", "ю": "iu", "я": "ia", "ё": "io", "җ": "j"})
T_UZ = table({"ғ": "g'", "қ": "q", "ў": "o'", "ҳ": "h", "х": "x", "ж": "j", "й": "y", "ц": "ts",
              "ё": "yo", "ю": "yu", "я": "ya", "ъ": "'", "ы": "i"})
T_UG = table({"ә": "e", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "ö", "ү": "ü", "һ": "h", "җ": "j",
              "ж": "j", "х": "x", "й": "y", "ю": "yu", "я": "ya", "е": "é", "ц": "ts", "ы": "i", "ё": "yo"})
T_UA = table({"г": "h", "ґ": "g", "є": "ie", "ж": "zh", "и": "y", "і": "i", "ї": "i", "й": "i",
              "х": "kh", "ц": "ts", "ю": "iu", "я": "ia", "'": "", "ь": ""})
T_UA_INIT = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
VOWELS_CYR = set("аеёиоуыэюяәөұүіїє")


def tr(word, t, ye_initial=False, init=None):
    out = []
    for i, c in enumerate(word):
        lower = c.lower()
        first = i == 0 or word[i - 1] in "- "
        if init and first and lower in init:
            s = init[lower]
        elif ye_initial and lower == "е" and (first or word[i - 1].lower() in VOWELS_CYR or word[i - 1].lower() in "ъь"):
            s = "ye"
        elif lower in t:
            s = t[lower]
        else:
            s = lower
        out.append(s)
    return cap("".join(out))


def cap(s):
    parts = s.split("-")
    return "-".join(p[:1].upper() + p[1:] for p in parts)


def kk_to_ru(word, ou, yi):
    """Russian-mediated Cyrillic spelling of a Kazakh/Uyghur/Uzbek word."""
    w = word.lower()
    if yi:
        w = w.replace("йы", "и")
    out = []
    for c in w:
        if c == "ө":
            out.append(ou)
        else:
            out.append(KK2RU.get(c, c))
    return cap("".join(out))


def ua_to_ru(word):
    w = word.lower().replace("олій", "олей").replace("'", "")
    w = w.replace("і", "и").replace("ї", "и").replace("є", "е").replace("ґ", "г")
    return cap(w)


def de_to_ru(word, keep_double):
    w = word.lower()
    rules = [("tsch", "ч"), ("sch", "ш"), ("ch", "х"), ("ck", "к"), ("ei", "ай"), ("ai", "ай"),
             ("eu", "ой"), ("äu", "ой"), ("ie", "и"), ("ph", "ф"), ("th", "т"), ("tz", "ц"),
             ("qu", "кв"), ("ß", "с"), ("ä", "е"), ("ö", "ё"), ("ü", "ю"), ("z", "ц"), ("w", "в"),
             ("v", "ф"), ("j", "й"), ("y", "и"), ("x", "кс"), ("c", "к"), ("a", "а"), ("b", "б"),
             ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("i", "и"), ("k", "к"), ("l", "л"),
             ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
             ("u", "у")]
    if w.startswith("st"):
        w = "шт" + w[2:]
    elif w.startswith("sp"):
        w = "шп" + w[2:]
    elif w.startswith("s") and len(w) > 1 and w[1] in "aeiouäöü":
        w = "з" + w[1:]
    if w.startswith("h"):
        w = "г" + w[1:] if keep_double else "х" + w[1:]
    w = "".join(w[i] for i in range(len(w)) if not (w[i] == "h" and i > 0 and w[i - 1] in "aeiouäöü"))
    out, i = [], 0
    while i < len(w):
        for a, b in rules:
            if w.startswith(a, i):
                out.append(b)
                i += len(a)
                break
        else:
            out.append(w[i])
            i += 1
    r = "".join(out)
    if r.startswith("е"):
        r = "э" + r[1:]
    r = r.replace("л", "ль") if r.endswith("л") or "лф" in r or "лк" in r else r
    if not keep_double:
        r = "".join(r[i] for i in range(len(r)) if i == 0 or r[i] != r[i - 1])
    return cap(r)


# ---------------------------------------------------------------- helpers
def zipf_weights(n, s):
    return [1.0 / (k + 1) ** s for k in range(n)]


class Pool:
    def __init__(self, items, s, rng, tail=()):
        items, tail = list(items), list(tail)
        rng.shuffle(items)  # frequency rank independent of list order
        rng.shuffle(tail)  # synthetic long tail: rarer than every listed name
        items += tail
        self.items = items
        w = zipf_weights(len(items), s)
        acc, c = [], 0.0
        for x in w:
            c += x
            acc.append(c)
        self.acc = acc

    def pick(self, rng):
        import bisect
        return self.items[bisect.bisect_left(self.acc, rng.random() * self.acc[-1])]


def wpick(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for x, w in pairs:
        r -= w
        if r < 0:
            return x
    return pairs[-1][0]


def kz_surname_base(root, form):
    """Masculine Kazakh surname in Kazakh Cyrillic."""
    if form == "bare":
        return root
    if form == "uly":
        return root + "ұлы"
    if root.endswith("й"):
        return root[:-1] + "ев"
    if root[-1] in "аеыіәоұүиу":
        return root + "ев"
    return root + "ов"


def fem_surname(s):
    if s.endswith("ұлы"):
        return s[:-3] + "қызы"
    if s.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return s + "а"
    if s.endswith(("ский", "цкий")):
        return s[:-2] + "ая"
    if s.endswith("ой"):
        return s[:-2] + "ая"
    return s


def ru_patronymic(father_ru, sex):
    if father_ru in RU_PAT:
        return RU_PAT[father_ru][0 if sex == "m" else 1]
    f = father_ru.replace("ё", "е") if father_ru in ("Пётр", "Артём") else father_ru
    if f.endswith("ий"):
        stem = f[:-2] + "ь"
        m = stem + "евич"
    elif f.endswith(("ей", "ай")):
        m = f[:-1] + "евич"
    elif f.endswith("ь"):
        m = f[:-1] + "евич"
    elif f[-1] in "аеиоуыэюяё":
        m = f + "евич"
    else:
        m = f + "ович"
    return m if sex == "m" else m[:-2] + "на"


KZ_RU_OVERRIDE = {"Шыңғыс": "Чингиз", "Ілияс": "Ильяс", "Ысқақ": "Искак", "Нәзира": "Назира",
                  "Мұхамеджан": "Мухамеджан", "Ибраһим": "Ибрагим", "Жүсіп": "Жусуп",
                  "Сүлеймен": "Сулейменов"}

# ---------------------------------------------------------------- people
class World:
    def __init__(self, rng):
        self.rng = rng
        roots = set(KZ_ROOTS) | set(KZ_M)
        for p in KZ_PREF:
            for s in KZ_SUF:
                roots.add(p + s)
        for g in KZ_M:
            if g[-1] not in "аеыіәоұүиуй":
                for suf in ("бай", "бек", "жан", "ғали"):
                    if rng.random() < 0.3:
                        roots.add(g + suf)
        roots = sorted(roots)
        kzsur = []
        for r in roots:  # each root gives an -ов surname, some also a bare or -ұлы one
            kzsur.append((r, "ov"))
            if rng.random() < 0.25:
                kzsur.append((r, "bare"))
            if rng.random() < 0.06:
                kzsur.append((r, "uly"))
        self.kz_sur = Pool(kzsur, 0.2, rng)
        self.kz_m = Pool(KZ_M, 0.4, rng)
        self.kz_f = Pool(KZ_F, 0.4, rng)
        self.ru_m = Pool(RU_M, 0.6, rng)
        self.ru_f = Pool(RU_F, 0.6, rng)
        ru_tail = []
        for r in RU_ROOTS:
            for suf in rng.sample(["ов", "ин", "ский", "ых", "ов"], 2):
                if r[-1] in "жшчщц" and suf == "ов":
                    suf = "ев"
                if r + suf not in ru_tail and r + suf not in RU_SUR:
                    ru_tail.append(r + suf)
        self.ru_sur = Pool(RU_SUR, 0.3, rng, ru_tail)
        # rarer surnames: Muslim names common to the region (plain Cyrillic only),
        # and Ukrainian -енко/-чук/-ук forms of Slavic roots
        shared_tail = derived_surnames([], [r for r in KZ_ROOTS + KZ_M if not (set(r.lower()) & KZ_SPECIAL)])
        ua_tail = sorted({r + rng.choice(["енко", "чук", "ук", "енко"]) for r in RU_ROOTS if r[-1] not in "жшчщцй"})
        self.uz_m, self.uz_f, self.uz_sur = Pool(UZ_M, .5, rng), Pool(UZ_F, .5, rng), Pool(derived_surnames(UZ_SUR, UZ_ROOTS + UZ_M), .3, rng, shared_tail)
        self.ug_m, self.ug_f, self.ug_sur = Pool(UG_M, .5, rng), Pool(UG_F, .5, rng), Pool(derived_surnames(UG_SUR, UG_ROOTS + UG_M), .3, rng, shared_tail)
        self.ua_m, self.ua_f, self.ua_sur = Pool(UA_M, .5, rng), Pool(UA_F, .5, rng), Pool(UA_SUR, .3, rng, UA_MORE + ua_tail)
        self.de_m, self.de_f, self.de_sur = Pool(DE_M, .5, rng), Pool(DE_F, .5, rng), Pool(DE_SUR, .3, rng)
        self.ko_sur = Pool(range(len(KO_SUR)), 0.9, rng)  # Korean surnames are few and very skewed
        self.regions = [(r, w) for r, w, _ in REGIONS]
        self.people = []
        self.by_eth = {}

    def new_person(self, eth=None, sex=None):
        rng = self.rng
        eth = eth or wpick(rng, [("kz", 63), ("ru", 18), ("uz", 5), ("ug", 4), ("ua", 4), ("de", 4), ("ko", 2)])
        sex = sex or ("m" if rng.random() < 0.62 else "f")  # prosecutions skew male
        p = {"eth": eth, "sex": sex, "foreign": False}
        if eth == "kz":
            p["given"] = (self.kz_m if sex == "m" else self.kz_f).pick(rng)
            p["sur"] = self.kz_sur.pick(rng)  # (root, form)
            p["father"] = self.kz_m.pick(rng)
        elif eth == "ru" or (eth == "de" and rng.random() < 0.5) or eth == "ko":
            p["given"] = (self.ru_m if sex == "m" else self.ru_f).pick(rng)
            p["father"] = self.ru_m.pick(rng)
            if eth == "ru":
                p["sur"] = self.ru_sur.pick(rng)
            elif eth == "de":
                p["sur"] = self.de_sur.pick(rng)
            else:
                p["sur"] = self.ko_sur.pick(rng)
        elif eth == "uz":
            p["given"] = (self.uz_m if sex == "m" else self.uz_f).pick(rng)
            p["sur"] = self.uz_sur.pick(rng)
            p["father"] = self.uz_m.pick(rng)
        elif eth == "ug":
            p["given"] = (self.ug_m if sex == "m" else self.ug_f).pick(rng)
            p["sur"] = self.ug_sur.pick(rng)
            p["father"] = self.ug_m.pick(rng)
        elif eth == "ua":
            p["given"] = (self.ua_m if sex == "m" else self.ua_f).pick(rng)
            p["sur"] = self.ua_sur.pick(rng)
            p["father"] = self.ua_m.pick(rng)
        else:  # foreign researcher / journalist with a German name
            p["foreign"] = True
            p["given"] = (self.de_m if sex == "m" else self.de_f).pick(rng)
            p["sur"] = self.de_sur.pick(rng)
            p["father"] = None
        if p["foreign"]:
            p["region"] = rng.choice(FOREIGN_REGIONS) if rng.random() < 0.5 else None
            y = rng.randint(1965, 1995)
        else:
            p["region"] = wpick(rng, self.regions)
            y = int(rng.triangular(1945, 2004, 1986))
        p["born"] = (y, rng.randint(1, 12), rng.randint(1, 28))
        self.person_choices(p)
        return p

    def person_choices(self, p):
        rng = self.rng
        p["ou"] = "у" if rng.random() < 0.5 else "о"
        p["yi"] = rng.random() < 0.3
        p["pref"] = wpick(rng, [("en_kk", 35), ("pass_icao", 25), ("pass_old", 20), ("bgn", 20)])
        p["dbl"] = rng.random() < 0.5  # Russian spelling keeps double letters (Риттман)

    def copy_name(self, src):
        """A homonym: same given name and surname, different person."""
        p = self.new_person(src["eth"], src["sex"])
        if src["foreign"] != p["foreign"]:
            p["foreign"] = src["foreign"]
            p["father"] = src["father"]
            if p["foreign"]:
                p["region"] = None
        p["given"], p["sur"] = src["given"], src["sur"]
        if self.rng.random() < 0.3:
            p["father"] = src["father"]
        if self.rng.random() < 0.1:
            p["born"] = (src["born"][0], self.rng.randint(1, 12), self.rng.randint(1, 28))
        elif self.rng.random() < 0.3:
            p["region"] = src["region"]
        p["ou"], p["yi"] = src["ou"], src["yi"]
        return p

    def relative(self, src):
        rng = self.rng
        kind = wpick(rng, [("sibling", 45), ("child", 30), ("spouse", 25)])
        if src["foreign"]:
            kind = "spouse"
        if kind == "spouse":
            p = self.new_person(src["eth"], "f" if src["sex"] == "m" else "m")
            if not src["foreign"]:
                p["sur"] = src["sur"]
        else:
            p = self.new_person(src["eth"])
            p["sur"] = src["sur"]
            if p["foreign"] != src["foreign"]:
                p["foreign"], p["father"] = src["foreign"], src["father"]
            if kind == "sibling":
                p["father"] = src["father"]
                p["born"] = (min(2006, max(1940, src["born"][0] + rng.randint(-8, 8))), rng.randint(1, 12), rng.randint(1, 28))
            elif src["sex"] == "m" and not src["foreign"]:
                p["father"] = src["given"]
                p["born"] = (min(2006, src["born"][0] + rng.randint(20, 35)), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.8:
            p["region"] = src["region"]
        p["ou"], p["yi"], p["dbl"] = src["ou"], src["yi"], src["dbl"]
        return p, kind


# ---------------------------------------------------------------- rendering
def forms(p, rec_rng):
    """Native and Russian-mediated Cyrillic forms of given, surname, patronymics."""
    eth, sex = p["eth"], p["sex"]
    ou = p["ou"] if rec_rng.random() > 0.1 else ("о" if p["ou"] == "у" else "у")
    yi = p["yi"] if rec_rng.random() > 0.1 else not p["yi"]
    f = {}
    if eth in ("kz", "ug", "uz"):
        g = p["given"]
        if eth == "kz":
            root, form = p["sur"]
            if rec_rng.random() < 0.03:
                form = "bare" if form == "ov" else "ov" if form == "bare" else form
            s = kz_surname_base(root, form)
        else:
            s = p["sur"]
        if sex == "f":
            s = fem_surname(s)
        tok_ru = lambda w: KZ_RU_OVERRIDE.get(w) or kk_to_ru(w, ou, yi)
        f["gN"], f["gR"] = g, tok_ru(g)
        f["sN"], f["sR"] = s, tok_ru(s)
        fa = p["father"]
        if fa:
            if eth == "uz":
                kkp = fa + (" ўғли" if sex == "m" else " қизи")
            else:
                kkp = fa + ("ұлы" if sex == "m" else "қызы")
            f["pN"] = kkp
            f["pRk"] = kk_to_ru(kkp, ou, yi)
            f["pR"] = ru_patronymic(tok_ru(fa), sex)
    elif eth == "ua":
        (gu, gr), s = p["given"], p["sur"]
        f["gN"], f["gR"] = gu, gr
        f["sN"], f["sR"] = s, ua_to_ru(s)
        if p["father"]:
            fu, fr = p["father"]
            pu = ru_patronymic(fu, sex)
            pu = pu.replace("йовна", "ївна").replace("аевич", "айович").replace("аевна", "аївна").replace("овна", "івна")
            f["pN"], f["pR"] = pu, ru_patronymic(fr, sex)
    elif p["foreign"]:
        g, s = p["given"], p["sur"]
        f["gN"], f["gR"] = g, DE_RU.get(g) or de_to_ru(g, p["dbl"])
        f["sN"], f["sR"] = s, de_to_ru(s, p["dbl"])
    else:  # ru, de with Russian given name, ko
        g = p["given"]
        if eth == "ko":
            s = KO_SUR[p["sur"]][0]
        else:
            s = p["sur"] if sex == "m" else fem_surname(p["sur"])
        if eth == "de":  # Kazakhstani Germans: Cyrillic documents, Latin back from Cyrillic
            f["sN"] = f["sR"] = de_to_ru(s, p["dbl"])
        else:
            f["sN"] = f["sR"] = s
        if rec_rng.random() < 0.01 and g in RU_SHORT:
            g = RU_SHORT[g]
        elif g in RU_VAR and rec_rng.random() < 0.25:
            g = RU_VAR[g]
        f["gN"] = f["gR"] = g
        if p["father"]:
            f["pN"] = f["pR"] = ru_patronymic(p["father"], sex)
    # ё written as е most of the time
    if rec_rng.random() < 0.6:
        for k in f:
            f[k] = f[k].replace("ё", "е").replace("Ё", "Е")
    return f


def latin(p, f, system, rng):
    """Latin forms (g, s, p) of a person under one romanization system."""
    eth = p["eth"]
    if p["foreign"]:
        if system in ("bgn", "pass_icao", "pass_old") and rng.random() < 0.5:
            t = T_BGN if system == "bgn" else T_PASS_OLD
            return tr(f["gR"], t), tr(f["sR"], t), None
        s = f["sN"]
        if "ü" in s or "ö" in s or "ä" in s or "ß" in s:
            if rng.random() < 0.3:
                s = s.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
        return f["gN"], s, None
    native_sys = {"en_kk": T_EN_KK, "kk17": T_KK17, "kk18": T_KK18, "kk21": T_KK21}
    pat_key = "pN" if "pN" in f else None
    if system == "uz" and eth == "uz":
        return tr(f["gN"], T_UZ, True), tr(f["sN"], T_UZ, True), (tr(f["pN"], T_UZ) if "pN" in f else None)
    if system == "ug" and eth == "ug":
        return tr(f["gN"], T_UG), tr(f["sN"], T_UG), (tr(f["pN"], T_UG) if "pN" in f else None)
    if system == "ua" and eth == "ua":
        return (tr(f["gN"], T_UA, init=T_UA_INIT), tr(f["sN"], T_UA, init=T_UA_INIT),
                tr(f["pN"], T_UA, init=T_UA_INIT) if "pN" in f else None)
    if eth == "ko" and system in ("bgn", "pass_icao", "pass_old", "en_kk"):
        t = {"bgn": T_BGN, "pass_icao": T_PASS_ICAO, "pass_old": T_PASS_OLD}.get(system, T_BGN)
        s = rng.choice(KO_SUR[p["sur"]][1])
        return tr(f["gR"], t, system == "bgn"), s, (tr(f["pR"], t) if "pR" in f else None)
    if system in native_sys and eth in ("kz", "ug"):
        t = native_sys[system]
        pk = "pN" if rng.random() < 0.6 else "pR"
        return tr(f["gN"], t), tr(f["sN"], t), (tr(f[pk], t) if pk in f else None)
    if system in ("kk17", "kk18", "kk21"):
        t = native_sys[system]
        return tr(f["gR"], t), tr(f["sR"], t), (tr(f["pR"], t) if "pR" in f else None)
    t = {"bgn": T_BGN, "pass_icao": T_PASS_ICAO, "pass_old": T_PASS_OLD}.get(system, T_BGN)
    ye = system == "bgn"
    return tr(f["gR"], t, ye), tr(f["sR"], t, ye), (tr(f["pR"], t, ye) if "pR" in f else None)


ROM_SWAPS = [("kh", "h"), ("zh", "j"), ("dzh", "j"), ("j", "zh"), ("y", "i"), ("i", "y"), ("q", "k"),
             ("gh", "g"), ("ts", "c"), ("yu", "iu"), ("ya", "ia"), ("iu", "yu"), ("ia", "ya"),
             ("ye", "e"), ("iy", "y"), ("ay", "ai"), ("ai", "ay")]
KB_LAT = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
KB_CYR = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"]


def neighbours(c):
    lc = c.lower()
    for rows in (KB_LAT, KB_CYR):
        for r in rows:
            i = r.find(lc)
            if i >= 0:
                n = [r[j] for j in (i - 1, i + 1) if 0 <= j < len(r)]
                return n
    return []


def typo(w, rng):
    if len(w) < 4:
        return w
    op = rng.randrange(5)
    i = rng.randint(1, len(w) - 2)
    if op == 0:
        return w[:i] + w[i + 1:]
    if op == 1:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op == 2:
        n = neighbours(w[i])
        return w[:i] + rng.choice(n) + w[i + 1:] if n else w
    if op == 3:
        return w[:i] + w[i] + w[i:]
    for j in range(1, len(w)):
        if w[j] == w[j - 1]:
            return w[:j] + w[j + 1:]
    return w[:i] + w[i] + w[i:]


def rom_swap(w, rng):
    lw = w.lower()
    cands = [(a, b) for a, b in ROM_SWAPS if a in lw]
    if not cands:
        return w
    a, b = rng.choice(cands)
    out = lw.replace(a, b) if rng.random() < 0.5 else lw.replace(a, b, 1)
    return cap(out)


def initial(w):
    w = w.strip()
    if w[:2].lower() in ("zh", "sh", "ch", "kh") and w[:1].isupper():
        return w[:2] + "."
    return w[:1] + "."


def compose(g, s, pat, order, caps_sur):
    if caps_sur:
        s = s.upper()
    if order == "gs":
        return f"{g} {s}"
    if order == "sg":
        return f"{s} {g}"
    if order == "sgp":
        return f"{s} {g} {pat}" if pat else f"{s} {g}"
    if order == "gps":
        return f"{g} {pat} {s}" if pat else f"{g} {s}"
    if order == "s_i":
        return f"{s} {initial(g)}{initial(pat) if pat else ''}"
    if order == "i_s":
        return f"{initial(g)} {s}"
    return f"{g} {s}"


def one_name(p, f, system, src_kind, rng):
    """One written name of p: system is 'N', 'R' or a Latin system."""
    if system in ("N", "R"):
        if p["foreign"] and system == "N":
            g, s, pat = f["gN"], f["sN"], None
        elif system == "N":
            g, s = f["gN"], f["sN"]
            pat = f.get("pN")
            if p["eth"] in ("kz", "ug", "uz") and src_kind == "ru":
                pat = f.get("pR")
        else:
            g, s = f["gR"], f["sR"]
            pat = f.get("pR") if (rng.random() < 0.7 or "pRk" not in f) else f.get("pRk")
        latin_name = False
    else:
        g, s, pat = latin(p, f, system, rng)
        latin_name = True
        if rng.random() < 0.12:
            if rng.random() < 0.5:
                g = rom_swap(g, rng)
            else:
                s = rom_swap(s, rng)
    if p["foreign"] and rng.random() < 0.15:
        s = typo_double(s, rng)
    if rng.random() < 0.05:
        if rng.random() < 0.6:
            s = typo(s, rng)
        else:
            g = typo(g, rng)
    if src_kind in ("ru", "court"):
        order = wpick(rng, [("gs", 50), ("sgp", 28), ("s_i", 10), ("gps", 7), ("sg", 5)])
    elif src_kind == "kk":
        order = wpick(rng, [("gs", 55), ("sgp", 28), ("s_i", 7), ("sg", 10)])
    elif src_kind == "en":
        order = wpick(rng, [("gs", 84), ("sg", 4), ("i_s", 5), ("gps", 4), ("s_i", 3)])
    else:  # spreadsheet
        order = wpick(rng, [("sg", 45), ("sgp", 20), ("gs", 30), ("s_i", 5)])
    if latin_name and order in ("sgp", "gps") and rng.random() < 0.6:
        order = "gs" if order == "gps" else "sg"
    caps = (src_kind in ("court", "sheet") and rng.random() < 0.25) or (src_kind == "en" and rng.random() < 0.03)
    name = compose(g, s, pat, order, caps)
    if rng.random() < 0.015:
        name = name.upper()
    return name


def typo_double(s, rng):
    for j in range(1, len(s)):
        if s[j] == s[j - 1]:
            return s[:j] + s[j + 1:]
    if s.endswith("n") and rng.random() < 0.5:
        return s + "n"
    return s


def pick_system(p, src_lang, rng):
    eth = p["eth"]
    if src_lang == "kk":
        if rng.random() < 0.15:
            return wpick(rng, [("kk18", 30), ("kk21", 50), ("kk17", 20)])
        if eth in ("kz", "ug"):
            return "N"
        if eth == "uz":
            return "N" if rng.random() < 0.3 else "R"
        return "R"
    if src_lang == "ru":
        if eth == "ua" and rng.random() < 0.15:
            return "N"
        return "R"
    if src_lang == "en":
        if p["foreign"]:
            return "N" if rng.random() < 0.85 else "bgn"
        if eth in ("kz", "ug"):
            if rng.random() < 0.5:
                return p["pref"]
            if eth == "ug" and rng.random() < 0.3:
                return "ug"
            return wpick(rng, [("en_kk", 35), ("pass_icao", 20), ("pass_old", 15), ("bgn", 25), ("kk21", 5)])
        if eth == "uz":
            return "uz" if rng.random() < 0.5 else wpick(rng, [("bgn", 1), ("pass_old", 1)])
        if eth == "ua":
            return "ua" if rng.random() < 0.6 else "bgn"
        return wpick(rng, [("bgn", 50), ("pass_icao", 20), ("pass_old", 30)])
    # spreadsheet
    r = rng.random()
    if p["foreign"]:
        return "N"
    if r < 0.4:
        return "R"
    if r < 0.6:
        return "N"
    return wpick(rng, [("pass_icao", 40), ("pass_old", 30), ("en_kk", 20), ("kk21", 10)])


def lang_tag(p, system):
    if system == "N":
        return {"kz": "kk", "ug": "ug", "uz": "uz", "ua": "uk", "ru": "ru", "ko": "ru", "de": "ru"}[p["eth"]] \
            if not p["foreign"] else "de"
    if system == "R":
        return "ru"
    if system in ("kk17", "kk18", "kk21"):
        return "kk-Latn"
    return "en"


# ---------------------------------------------------------------- facts
def fmt_date(y, m, d, prec):
    if prec == "y":
        return "%04d" % y
    if prec == "m":
        return "%04d-%02d" % (y, m)
    return "%04d-%02d-%02d" % (y, m, d)


def record_born(p, src_lang, rng):
    y, m, d = p["born"]
    media = src_lang in ("ru", "kk", "en")
    if media:
        if rng.random() >= 0.3:
            return None
        prec = wpick(rng, [("y", 70), ("m", 5), ("d", 25)])
        if prec == "y" and rng.random() < 0.15:
            y += rng.choice((-1, 1))
    else:
        if rng.random() >= 0.7:
            return None
        prec = wpick(rng, [("d", 70), ("m", 10), ("y", 20)])
        if rng.random() < 0.02:
            if d <= 12 and m != d and prec == "d":
                m, d = d, m
            else:
                y = y + rng.choice((-10, -1, 1, 10))
    return fmt_date(y, m, d, prec)


def region_name(region, rng):
    for en, _, alts in REGIONS:
        if en == region:
            if rng.random() < 0.25:
                return rng.choice(alts)
            return en
    return region


# ---------------------------------------------------------------- main
def main():
    args = [a for a in sys.argv[1:] if a != "--debug"]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit("usage: gen_holdout.py N OUT.jsonl TRUTH.tsv [--seed S]")
    n, out_path, truth_path = int(args[0]), args[1], args[2]
    rng = random.Random(seed)
    w = World(rng)

    # 1. population and cluster sizes until the records reach N
    size_dist = [(1, 52), (2, 20), (3, 10), (4, 6), (5, 3.5), (6, 2.5), (7, 1.3), (8, 1), (9, 0.9),
                 (10, 0.8), (12, 0.7), (14, 0.5), (16, 0.35), (20, 0.45)]
    people, total = [], 0
    stats = Counter()
    groups = []  # co-defendant groups: lists of person indexes
    while total < n:
        r = rng.random()
        if people and r < 0.02:
            p = w.copy_name(rng.choice(people))
            stats["homonym copies"] += 1
        elif people and r < 0.09:
            src_i = rng.randrange(len(people))
            p, kind = w.relative(people[src_i])
            stats["relatives (" + kind + ")"] += 1
            p["_rel"] = src_i
        else:
            p = w.new_person()
        k = wpick(rng, size_dist)
        if p["foreign"]:
            k = min(k, 6)
        k = min(k, n - total)
        p["k"] = k
        total += k
        people.append(p)

    # 2. prosecutions and groups; each prosecution is covered by 1-3 sources
    #    (articles, court papers) that its co-defendants share
    n_src = max(10, n // 4)
    erdr_seen = set()
    for i, p in enumerate(people):
        p["org"] = rng.choice(ORGS)[0] if rng.random() < 0.35 else None
        if p["foreign"]:
            p["cases"] = []
            continue
        if "_rel" in p and rng.random() < 0.5 and people[p["_rel"]].get("cases"):
            p["cases"] = [people[p["_rel"]]["cases"][0]]
            continue
        if groups and rng.random() < 0.25 and len(groups[-1]["members"]) < rng.randint(2, 7):
            g = groups[-1]
            g["members"].append(i)
            p["cases"] = [g["case"]]
            continue
        cases = []
        for _ in range(1 if rng.random() < 0.85 else 2):
            year = rng.randint(2014, 2025)
            while True:
                erdr = "%02d%04d%09d" % (year % 100, rng.randint(1000, 9999), rng.randint(0, 10 ** 9 - 1))
                if erdr not in erdr_seen:
                    erdr_seen.add(erdr)
                    break
            court = "%d-%d/%d" % (rng.choice((1, 2)), rng.randint(1, 4999), year + rng.choice((0, 1)))
            charges = sorted({wpick(rng, CHARGES) for _ in range(1 if rng.random() < 0.7 else 2)})
            region = p["region"] if rng.random() < 0.85 else wpick(rng, w.regions)
            cases.append({"erdr": erdr, "court": court, "charges": charges, "region": region,
                          "srcs": [rng.randrange(n_src) for _ in range(rng.randint(1, 3))]})
        p["cases"] = cases
        if rng.random() < 0.3:
            groups.append({"case": cases[0], "members": [i]})

    # 3. sources: a pool, each with a language; co-defendant stories share sources
    src_langs = []
    for j in range(n_src):
        src_langs.append(wpick(rng, [("ru", 40), ("kk", 20), ("en", 30), ("sheet", 5), ("court", 5)]))
    # records: a court document is written like a Russian/Kazakh source
    records = []
    for pi, p in enumerate(people):
        for _ in range(p["k"]):
            records.append(pi)
    rng.shuffle(records)

    out_lines = []
    person_lines, truth_rows = [], []
    case_lines, aff_lines = [], []
    used_sources = set()
    ids = list(range(1, len(records) + 1))
    rng.shuffle(ids)
    case_no = aff_no = 0
    for ri, pi in enumerate(records):
        p = people[pi]
        rid = "p-%07d" % ids[ri]
        if p["cases"] and rng.random() < 0.4:
            sid = rng.choice(rng.choice(p["cases"])["srcs"])
        else:
            sid = rng.randrange(n_src)
        lang = src_langs[sid]
        kind = {"ru": "ru", "kk": "kk", "en": "en", "sheet": "sheet", "court": "court"}[lang]
        sys_lang = {"court": "ru" if rng.random() < 0.6 else "kk"}.get(lang, lang)
        f = forms(p, rng)
        system = pick_system(p, sys_lang, rng)
        names = [one_name(p, f, system, kind, rng)]
        systems = [system]
        extra = 0
        r = rng.random()
        if r < 0.04:
            extra = 2
        elif r < 0.24:
            extra = 1
        for _ in range(extra):
            alt = rng.choice(["N", "R", p["pref"], "pass_icao", "bgn", "kk21"])
            nm = one_name(p, f, alt, kind, rng)
            if nm not in names:
                names.append(nm)
                systems.append(alt)
        if rng.random() < 0.3:
            name_field = []
            for j, (nm, sy) in enumerate(zip(names, systems)):
                o = {"name": nm, "lang": lang_tag(p, sy)}
                if j > 0:
                    o["kind"] = "transliteration" if sy not in ("N", "R") else "alias"
                name_field.append(o)
        else:
            name_field = names
        rec = {"type": "person", "id": rid, "names": name_field}
        media = lang in ("ru", "kk", "en")
        if rng.random() < (0.5 if media else 0.85):
            sex = p["sex"] if rng.random() >= 0.005 else ("f" if p["sex"] == "m" else "m")
            rec["sex"] = sex
        b = record_born(p, lang if lang in ("ru", "kk", "en") else "doc", rng)
        if b:
            rec["born"] = b
        if p["region"] and rng.random() < 0.6:
            reg = p["region"]
            if rng.random() < 0.06 and not p["foreign"]:
                reg = wpick(rng, w.regions)
            rec["region"] = region_name(reg, rng)
        if rng.random() < 0.7:
            used_sources.add(sid)
            if rng.random() < 0.3:
                rec["sources"] = [{"source": "s-%05d" % sid, "locator": "p. %d" % rng.randint(1, 40)}]
            else:
                rec["sources"] = ["s-%05d" % sid]
        if rng.random() < 0.04:
            rec["confidentiality"] = rng.choice(["internal", "confidential"])
        person_lines.append(rec)
        truth_rows.append("%s\t%d\n" % (rid, pi + 1))
        # case record
        if p["cases"] and rng.random() < 0.45:
            c = rng.choice(p["cases"])
            case_no += 1
            crec = {"type": "case", "id": "c-%07d" % case_no, "person": rid, "charges": c["charges"]}
            if rng.random() < 0.8:
                num = c["erdr"] if rng.random() < 0.7 else c["court"]
                if rng.random() < 0.02:
                    num = typo(num, rng)
                crec["number"] = num
            if rng.random() < 0.8:
                crec["region"] = region_name(c["region"], rng)
            used_sources.add(sid)
            crec["sources"] = ["s-%05d" % sid]
            if rec.get("confidentiality"):
                crec["confidentiality"] = rec["confidentiality"]
            case_lines.append(crec)
        if p.get("org") and rng.random() < 0.12:
            aff_no += 1
            arec = {"type": "affiliation", "id": "a-%07d" % aff_no, "person": rid, "organization": p["org"],
                    "role": rng.choice(["member", "supporter", "organizer", "donor"]),
                    "alleged": rng.random() < 0.7, "sources": ["s-%05d" % sid]}
            used_sources.add(sid)
            aff_lines.append(arec)

    kinds = {"ru": "media", "kk": "media", "en": "media", "sheet": "ngo_report", "court": "court_document"}
    langs = {"ru": "ru", "kk": "kk", "en": "en", "sheet": "ru", "court": "ru"}
    with open(out_path, "w", encoding="utf-8") as out:
        def emit(o):
            out.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")
        for pid, art, title in PROVISIONS:
            emit({"type": "provision", "id": pid, "jurisdiction": "KZ", "code": "Criminal Code",
                  "article": art, "title": title})
        for oid, onames, okind in ORGS:
            emit({"type": "organization", "id": oid, "names": onames, "kind": okind})
        srng = random.Random(seed * 7919 + 1)
        for sid in sorted(used_sources):
            lang = src_langs[sid]
            y = srng.randint(2015, 2026)
            o = {"type": "source", "id": "s-%05d" % sid, "kind": kinds[lang],
                 "title": "Fictional %s document %d" % (kinds[lang].replace("_", " "), sid),
                 "language": langs[lang], "published": "%04d-%02d-%02d" % (y, srng.randint(1, 12), srng.randint(1, 28))}
            if lang in ("ru", "kk", "en"):
                o["publisher"] = srng.choice(["Steppe Herald (fictional)", "Daily Yurt (fictional)",
                                              "Vestnik Ravniny (fictional)", "Central Asia Monitor (fictional)"])
                o["url"] = "https://news.example.org/%d" % sid
            emit(o)
        for rec in person_lines:
            emit(rec)
        for rec in case_lines:
            emit(rec)
        for rec in aff_lines:
            emit(rec)
    with open(truth_path, "w", encoding="utf-8") as t:
        t.writelines(truth_rows)

    # summary
    sizes = Counter(p["k"] for p in people)
    true_pairs = sum(p["k"] * (p["k"] - 1) // 2 for p in people)
    by_key = {}
    for p in people:
        by_key.setdefault((p["eth"], str(p["given"]), str(p["sur"]), p["sex"]), []).append(p["k"])
    hom_pairs = 0
    top = []
    for key, ks in by_key.items():
        if len(ks) > 1:
            h = (sum(ks) ** 2 - sum(x * x for x in ks)) // 2
            hom_pairs += h
            top.append((h, key[0], key[1], key[2]))
    top.sort(reverse=True)
    namesakes = sum(len(ks) for ks in by_key.values() if len(ks) > 1)
    by_eth = Counter()
    for h, e, _, _ in top:
        by_eth[e] += h
    if "--debug" in sys.argv:
        eth_n, eth_ns = Counter(p["eth"] for p in people), Counter()
        for key, ks in by_key.items():
            if len(ks) > 1:
                eth_ns[key[0]] += len(ks)
        sys.stderr.write("homonym record pairs by ethnicity: %s\n" % dict(by_eth))
        sys.stderr.write("people with a namesake by ethnicity: %s\n" % {e: "%d/%d" % (eth_ns[e], eth_n[e]) for e in eth_n})
        sys.stderr.write("top homonym names: %s\n" % top[:15])
    sys.stderr.write("gen_holdout: %d records of %d people; cluster sizes %s; true pairs %d; "
                     "people sharing given name and surname with another %d (%.1f%%), record pairs between them %d; %s; "
                     "%d cases, %d affiliations, %d sources\n"
                     % (len(records), len(people), dict(sorted(sizes.items())), true_pairs, namesakes, 100.0 * namesakes / len(people), hom_pairs,
                        dict(stats), len(case_lines), len(aff_lines), len(used_sources)))


if __name__ == "__main__":
    main()
