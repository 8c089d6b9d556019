#!/usr/bin/env python3
"""bench/dedup/gen.py: generate fictional people with realistic name variants
and the truth (which records are one person), for `casewatch dedup`.

    gen.py N OUT.jsonl TRUTH.tsv [--seed S]

N person records are drawn from about N/1.8 fictional people (cluster sizes
1-6). Each record spells its person's name the way one kind of source would:
Kazakh Cyrillic (court documents), Russian Cyrillic (Russian media, with a
patronymic now and then), English-style Latin from Russian (Askar Kaiyrbek),
Kazakh-based Latin (Asqar Qaiyrbek), the 2021 Kazakh Latin alphabet, surname
first (spreadsheets, sometimes in capitals), an initial for the given name,
the surname alone, and one-letter typos. Facts are missing or partial as in
real records: a birth date on 65% of records (full, month or year), sex on
80%, a region on 75% (5% of them another region: people move), a case number
on 55% (co-defendants share one), a cited source on 50%, an alleged
organization for some. Everything is fictional and generated.

Why the name distribution is realistic. Kazakh surnames are patronymic-
derived: a grandfather's given name with -ов/-ев (-ова/-ева for women),
-ұлы/-қызы (written -улы/-кызы in Russian), or the bare name. So the
surname pool is the pool of male given names (about 250 simple names
written here and about 1,100 compounds of two name elements, Нұр+бек,
Ер+болат) times the suffix variants: about 6,700 distinct surnames among
555,000 people, 8,000 possible, the most common root on 1.4% of people
(Zipf exponent 0.5: surnames are spread over many roots). Given names are
more concentrated (Zipf 0.7 over 1,351 male and 475 female names: the most
common on 4% of men, 5% of women, the top ten on 15-22%), as in birth
registers, where a few names dominate each generation. Common names still
collide: at 1,000,000 records (555,000 people) 34% of people share their
exact full name with someone else in the set and the most common full name
belongs to about 170 people; at 200,000 records, 14% and 34. (An earlier
version drew from 60 male and 40 female names and 70 roots with steeper
frequencies: half of the people shared their full name and the most common
one belonged to 970 people, eight times the homonym pairs of this one,
far more than a population with tens of thousands of surnames has. This
one still has fewer surnames than the real population, so it errs towards
more homonyms, not fewer.) The
pool order (which names are common) is fixed and does not depend on --seed.
Also fixed then: "баев" is no longer a name element (it made given names
like Молбаев, which are surnames), a Latin "a" in Иса, and roots ending in
a vowel take -ев (Мұсаев, not Мұсав).
TRUTH.tsv: record id, person number."""
import random
import sys

MALE = ("Асқар Нұрлан Ерлан Марат Бауыржан Серік Ержан Дәурен Әлібек Ақжол Айдос "
        "Бақытжан Нұржан Жандос Қанат Қайрат Ғалымжан Арман Руслан Тимур Даулет "
        "Мұхтар Ерболат Талғат Жұмабек Нұрсұлтан Алмас Ринат Самат Болат Мейрам "
        "Шыңғыс Жасұлан Әділ Ілияс Рүстем Олжас Бекзат Ербол Дархан Азамат Ғани "
        "Жанболат Ардақ Өмірзақ Құдайберген Медеу Сәкен Сұлтан Еркін Бағдат Мақсат "
        "Төлеген Әсет Нұрбол Ислам Темірлан Жақсылық Мирас Абай "
        # more given names, and the names surnames were made from (fathers,
        # grandfathers): Kazakh, Arabic, Persian and Soviet-era names
        "Ахмет Сейіт Оспан Тоқтар Сәтбай Құнанбай Әбдірахман Бекболат Нұрмағамбет "
        "Есім Төлеу Жұмабай Әлімжан Қасым Мұқан Серікбай Байжан Дүйсен Ермек Исмаил "
        "Сағынтай Тұрсын Шалабай Бөкей Ибрай Жанұзақ Мамыт Қожахмет Әубәкір Рахым "
        "Сұлтанбек Омар Айтқали Бейсен Тілеу Күзембай Мырзахмет Нұрпейіс Әміре Бисен "
        "Дәулетқали Жетпісбай Қуандық Орынбай Сапар Тәжібай Ұзақ Шайхы Есенгелді "
        "Абылай Байтұрсын Тәңірберген Қожабек Әшім Бердібек Жолдас Қараш Садық Үсен "
        "Һашым Хамит Ғабит Мәулен Нартай Сыздық Өтеп Төкен Бақыт Жүніс Абдолла Әбіл "
        "Ағыбай Айбек Айдар Ақан Ақылбек Алпысбай Амангелді Аманжол Асан Асхат "
        "Атымтай Әбен Әділбек Әжібай Әмір Базарбай Байбол Байғали Байзақ Балғабай "
        "Барлыбай Батыр Баян Бейбіт Бекмұрат Берік Бұхар Дайрабай Демеу Елдос Ерғали "
        "Ердос Ерсайын Ертай Есболат Жабай Жайлау Жаманқұл Жарылқап Жексен Жомарт "
        "Жұмағали Зейнолла Ізбасар Иса Кәрім Кеңес Көпжасар Қабдолла Қадыр Қали "
        "Қалиақпар Қамбар Қасен Қоңырбай Құрманғали Қыдырбай Мағауия Мағжан Мәди "
        "Мәлік Мейірбек Мұқағали Мұса Мұстафа Мырзабек Нағым Нәби Нұрғали Нұрлыбек "
        "Оралбай Орақ Өмірбек Пернебай Рахат Рысбек Сабыр Сағат Сайлау Салық Сарсен "
        "Сахи Сәбит Сәрсенбай Сейдахмет Сейілхан Сералы Сырым Тағай Талап Тасбол "
        "Темірбек Тоқаш Тұрар Тұрлыбек Төребай Ұлықбек Үмбетбай Файзолла Хасен "
        "Шәкен Шәкір Шәріп Шокан Ыбырай Ізтай Еділ Жәнібек Қанатбек Нұрбек "
        "Рамазан Серікжан Сымбат Тәуелбай Мұрат Есқали Әлжан Досым Ерік Ғазиз").split()
FEMALE = ("Әлия Айгүл Динара Гүлнар Жанар Сәуле Мәдина Айжан Ақмарал Гүлмира Жұлдыз "
          "Айнұр Салтанат Назерке Дана Меруерт Ботагөз Асель Камила Әйгерім Раушан "
          "Зәуре Ләззат Толқын Шынар Балжан Гүлжан Маржан Іңкәр Ұлжан Күләш Мөлдір "
          "Айсұлу Нұргүл Ақерке Самал Томирис Анар Бибігүл Жібек Аида Айдана Айша "
          "Ақбота Ақжарқын Алтынай Аружан Әсем Бақыт Баян Бәтима Гаухар Гүлсім "
          "Дамира Дариға Дилназ Ділназ Жайна Жаннат Жансая Зарина Зейнеп Индира "
          "Қарлығаш Қымбат Ләйлә Мадина Мақпал Мәншүк Мейрамгүл Нази Назым Нұрсұлу "
          "Перизат Райхан Роза Сабина Сағыныш Сая Сымбат Таңшолпан Тоғжан Ұлпан "
          "Фариза Шолпан Шәрбану Эльмира Ырысты Үміт Әсел Қарақат Торғын Айман").split()
# Compound Kazakh names: a first element and a second (Нұр + бек, Ер + болат).
FIRST = ("Нұр Бек Ер Жан Сәт Төле Құдай Қайыр Ақ Қара Ай Бай Мұрат Есен Жол Қуан "
         "Сұлтан Әлі Дәулет Ораз Тұр Жақсы Ел Асыл Ман Таң Күн Бақ Қыдыр Мол Шал "
         "Абыл Иса Жұма Сейіт Тілеу Сағын Кен Боз Ай").split()
SECOND = ("бек бай жан ғали болат ахмет тай ғазы мұрат хан бол қали берген жігіт "
          "тас гүл құл сейіт ұлан айдар қожа бала берді ғара мырза темір дос "
          "тұрған ай").split()
FEMALE_SECOND = "гүл ай жан нұр сұлу ерке жібек күл бике ар".split()
GIVEN_ZIPF = 0.7   # given names: the most common about 4% of a sex
ROOT_ZIPF = 0.5    # surname roots: the most common about 1.5% of people


def name_pools():
    """The ranked given-name pools (male, female) and surname roots. Simple
    names first, then compound names in a fixed order; surname roots are
    the male names in another fixed order (surnames come from the names of
    grandfathers, popular a century earlier). The order does not depend on
    --seed: only the people drawn from the pools do."""
    order = random.Random(20211)
    mcomp = sorted({a + b for a in FIRST for b in SECOND} - set(MALE))
    fcomp = sorted({a + b for a in FIRST for b in FEMALE_SECOND} - set(FEMALE))
    order.shuffle(mcomp)
    order.shuffle(fcomp)
    mpool, fpool = list(MALE) + mcomp, list(FEMALE) + fcomp
    roots = list(mpool)
    order.shuffle(roots)
    return mpool, fpool, roots


REGIONS = ("Almaty Astana Shymkent Aktobe Karaganda Atyrau Aktau Taraz Oral "
           "Oskemen Pavlodar Kostanay Kyzylorda Semey Petropavl Taldykorgan Turkistan").split()

KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
RU_LAT = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
          "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
          "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
          "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
          "я": "ya"}
KK_LAT = dict(RU_LAT, **{"ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u",
                          "ү": "u", "һ": "h", "і": "i", "й": "i", "ы": "y", "х": "kh"})
KK_2021 = dict(RU_LAT, **{"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū",
                           "ү": "ü", "һ": "h", "і": "i", "й": "i", "ы": "y", "ж": "j",
                           "ш": "ş", "ч": "ch", "х": "h", "у": "u"})


def romanize(s, table):
    out = []
    for ch in s:
        low = ch.lower()
        r = table.get(low, low)
        out.append(r[:1].upper() + r[1:] if ch != low and r else r)
    return "".join(out)


def zipf_choice(rng, items, cum):
    x = rng.random() * cum[-1]
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return items[lo]


def zipf_cum(n, s):
    c, acc = [], 0.0
    for i in range(n):
        acc += 1.0 / (i + 1) ** s
        c.append(acc)
    return c


def surname(root, sex, rng):
    # Kazakh surnames: Russian-style -ов/-ев (-ова/-ева), or -ұлы/-қызы, or the root
    r = rng.random()
    if root.endswith(("ов", "ев", "ин")):
        return root + ("а" if sex == "f" else "")
    if r < 0.75:
        suf = "ов"
        if root[-1] in "аеиоуыэюяәөұүі":
            suf = "ев"                                      # Мұса -> Мұсаев, Нәби -> Нәбиев
        elif root[-1] == "й":
            root, suf = root[:-1], "ев"                     # Күзембай -> Күзембаев
        elif root[-1] in "жшщчц":
            suf = "ев"
        return root + suf + ("а" if sex == "f" else "")
    if r < 0.85:
        return root + ("қызы" if sex == "f" else "ұлы")
    return root


def typo(w, rng):
    if len(w) < 4:
        return w
    i = rng.randrange(1, len(w) - 1)
    k = rng.random()
    if k < 0.3:
        return w[:i] + w[i + 1:]
    if k < 0.5:
        return w[:i] + w[i] + w[i:]
    if k < 0.7:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    alpha = "abdegiklmnoprstuyz" if w.isascii() else "абдегиклмнопрстуыз"
    return w[:i] + rng.choice(alpha) + w[i + 1:]


def render(h, rng):
    given, sur, patr = h["given"], h["surname"], h["patronymic"]
    style = rng.random()
    if style < 0.22:
        g, s, p = given, sur, None                               # Kazakh Cyrillic
    elif style < 0.45:
        g, s, p = (x.translate(KK_TO_RU) for x in (given, sur, patr))  # Russian
        s = s.replace("улы", "улы").replace("кызы", "кызы")
        if rng.random() > 0.3:
            p = None
    elif style < 0.70:
        g, s, p = (romanize(x.translate(KK_TO_RU), RU_LAT) for x in (given, sur, patr))
        p = None
    elif style < 0.88:
        g, s, p = (romanize(x, KK_LAT) for x in (given, sur, patr))
        p = None
    else:
        g, s, p = (romanize(x, KK_2021) for x in (given, sur, patr))
        p = None
    if rng.random() < 0.10:                                      # one typo
        if rng.random() < 0.6:
            s = typo(s, rng)
        else:
            g = typo(g, rng)
    r = rng.random()
    if r < 0.04:
        g = g[0] + "."                                           # initial
    if r > 0.985:
        return s                                                 # surname only
    order = rng.random()
    if order < 0.35:                                             # surname first
        if rng.random() < 0.3:
            s = s.upper()
        parts = [s, g] + ([p] if p else [])
    else:
        parts = [g] + ([p] if p else []) + [s]
    return " ".join(parts)


def main():
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    n, out_path, truth_path = int(args[0]), args[1], args[2]
    rng = random.Random(seed)
    mpool, fpool, rpool = name_pools()
    mcum, fcum = zipf_cum(len(mpool), GIVEN_ZIPF), zipf_cum(len(fpool), GIVEN_ZIPF)
    rcum = zipf_cum(len(rpool), ROOT_ZIPF)
    gcum = zipf_cum(len(REGIONS), 0.8)
    sizes = [1] * 52 + [2] * 26 + [3] * 12 + [4] * 6 + [5] * 3 + [6] * 1
    nsources = max(10, n // 8)
    norgs = 40
    out = open(out_path, "w", encoding="utf-8")
    truth = open(truth_path, "w")
    out.write('{"type":"provision","id":"KZ-CC-405","jurisdiction":"KZ","code":"Criminal Code",'
              '"article":"405","title":"Participation in a banned extremist organization"}\n')
    for o in range(norgs):
        out.write('{"type":"organization","id":"o-%d","names":["Movement %d (fictional)"],'
                  '"kind":"movement"}\n' % (o, o))
    for s in range(nsources):
        out.write('{"type":"source","id":"s-%d","kind":"media","title":"Article %d (fictional)"}\n'
                  % (s, s))
    made, hnum, casenum = 0, 0, 0
    group_case = None
    import json
    while made < n:
        hnum += 1
        sex = "m" if rng.random() < 0.7 else "f"
        given = (zipf_choice(rng, mpool, mcum) if sex == "m" else
                 zipf_choice(rng, fpool, fcum))
        root = zipf_choice(rng, rpool, rcum)
        father = zipf_choice(rng, mpool, mcum)
        patr = father + ("ұлы" if sex == "m" else "қызы")
        if rng.random() < 0.5:
            fr = father.translate(KK_TO_RU)
            patr = fr + ("ович" if sex == "m" else "овна")
        y = rng.randint(1950, 2003)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        h = {"given": given, "surname": surname(root, sex, rng), "patronymic": patr}
        region = zipf_choice(rng, REGIONS, gcum)
        org = "o-%d" % rng.randrange(norgs) if rng.random() < 0.3 else None
        if group_case and rng.random() < 0.5:
            number = group_case                      # a co-defendant
        else:
            casenum += 1
            number = "%d-%05d" % (rng.randint(2015, 2023), casenum)
        group_case = number if rng.random() < 0.2 else None
        k = min(rng.choice(sizes), n - made)
        for j in range(k):
            made += 1
            rid = "p-%d" % made
            rec = {"type": "person", "id": rid, "names": [render(h, rng)]}
            if rng.random() < 0.2:
                rec["names"].append(render(h, rng))
            if rng.random() < 0.65:
                yy = y + (rng.choice((-1, 1)) if rng.random() < 0.02 else 0)
                p = rng.random()
                rec["born"] = ("%04d-%02d-%02d" % (yy, m, d) if p < 0.5 else
                               "%04d" % yy if p < 0.85 else "%04d-%02d" % (yy, m))
            if rng.random() < 0.8:
                rec["sex"] = sex
            if rng.random() < 0.75:
                rec["region"] = region if rng.random() < 0.95 else rng.choice(REGIONS)
            if rng.random() < 0.5:
                rec["sources"] = ["s-%d" % rng.randrange(nsources)]
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            truth.write("%s\t%d\n" % (rid, hnum))
            if rng.random() < 0.55:
                out.write(json.dumps({"type": "case", "id": "c-" + rid, "person": rid,
                                      "charges": ["KZ-CC-405"], "number": number},
                                     ensure_ascii=False) + "\n")
            if org and rng.random() < 0.5:
                out.write(json.dumps({"type": "affiliation", "id": "a-" + rid, "person": rid,
                                      "organization": org, "alleged": True}) + "\n")
    out.close()
    truth.close()


if __name__ == "__main__":
    main()
