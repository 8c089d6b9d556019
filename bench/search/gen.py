#!/usr/bin/env python3
"""Generate fictional media articles for bench/search.

usage: gen.py N OUT_DIR
Writes N HTML pages as OUT_DIR/articles/NNN/aNNNNNNN.html (1000 per folder), each
with its own canonical URL, title, date and a few paragraphs in English,
Russian or Kazakh mentioning fictional people, provisions and sentences;
OUT_DIR/people.jsonl (fictional people, for name keys and suggestions)
and OUT_DIR/queries.txt (1000 queries: words, names in three scripts,
phrases, prefixes)."""
import os
import random
import sys

FIRST = ["Asqar", "Aliya", "Nurlan", "Dana", "Ruslan", "Gulnar", "Erlan", "Madina",
         "Асқар", "Әлия", "Нұрлан", "Дана", "Руслан", "Гүлнар", "Ерлан", "Мадина"]
LAST = ["Testbek", "Mysalova", "Exampleov", "Obraztsova", "Primerov", "Sampleuly",
        "Қайырбек", "Мысалова", "Примеров", "Образцова", "Тестбеков", "Үлгіұлы"]
EN = ("court sentenced activist prison months restricted freedom appeal lawyer "
      "prosecutor investigation extremist organization banned movement members "
      "police detained searched apartment charges hearing verdict judge region "
      "monitors documented cases people since participation social media posts "
      "repost video interview family released probation fine travel ban").split()
RU = ("суд приговорил активиста лишения свободы ограничения свободы апелляция "
      "адвокат прокурор следствие экстремистской организации запрещённого движения "
      "задержан обыск квартиры обвинение заседание приговор судья области ещё "
      "правозащитники задокументировали дела людей участие публикации ёлка").split()
KK = ("сот үкім шығарды белсенді бас бостандығынан айыру шектеу апелляция "
      "адвокат прокурор тергеу экстремистік ұйым тыйым салынған қозғалыс "
      "ұсталды тінту айып тағылды отырысы судья облысы құқық қорғаушылар").split()
CITIES = ["Almaty", "Astana", "Shymkent", "Aktobe", "Taraz", "Oral", "Алматы",
          "Шымкент", "Ақтөбе", "Тараз"]
PROV = {"en": "Article 405 part {p} of the Criminal Code",
        "ru": "статье 405 части {p} Уголовного кодекса",
        "kk": "Қылмыстық кодекстің 405-бабының {p}-бөлігі"}
SENT = {"en": "{n} years in prison", "ru": "{n} годам лишения свободы",
        "kk": "{n} жылға бас бостандығынан айыру"}


def name(rnd):
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def paragraph(rnd, lang, words):
    n = rnd.randrange(30, 70)
    out = [rnd.choice(words) for _ in range(n)]
    out[rnd.randrange(n)] = name(rnd)
    if rnd.random() < 0.5:
        out.insert(rnd.randrange(n), PROV[lang].format(p=rnd.randrange(1, 3)))
    if rnd.random() < 0.3:
        out.insert(rnd.randrange(n), SENT[lang].format(n=rnd.randrange(2, 9)))
    if rnd.random() < 0.4:
        out.insert(rnd.randrange(n), rnd.choice(CITIES))
    s = " ".join(out)
    return s[0].upper() + s[1:] + "."


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(405)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        lang = ("en", "ru", "kk")[i % 3]
        words = {"en": EN, "ru": RU, "kk": KK}[lang]
        d = os.path.join(out, "articles", f"{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        title = f"{name(rnd)}: {' '.join(rnd.choice(words) for _ in range(6))}"
        date = f"{2015 + rnd.randrange(10)}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
        paras = "\n".join(f"<p>{paragraph(rnd, lang, words)} Ref {i}-{rnd.randrange(10**9)}.</p>"
                          for _ in range(rnd.randrange(3, 8)))
        page = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">\n'
                f"<title>{title} | Example News</title>\n"
                f'<link rel="canonical" href="https://news.example/{lang}/{i}">\n'
                f'<meta property="article:published_time" content="{date}">\n'
                f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>\n"
                f"<article><h1>{title}</h1>\n{paras}\n</article>\n"
                f"<footer>© Example News. All rights reserved.</footer></body></html>\n")
        with open(os.path.join(d, f"a{i:07d}.html"), "w") as f:
            f.write(page)
    with open(os.path.join(out, "people.jsonl"), "w") as f:
        k = 0
        for a in FIRST:
            for b in LAST:
                f.write('{"type":"person","id":"bp%d","names":["%s %s"]}\n' % (k, a, b))
                k += 1
    qs = []
    latin = {"Қайырбек": "Kaiyrbek", "Мысалова": "Mysalova", "Үлгіұлы": "Ulgiuly"}
    for i in range(1000):
        r = i % 8
        if r == 0:
            qs.append(rnd.choice(EN))
        elif r == 1:
            qs.append(rnd.choice(RU).replace("ё", "е"))
        elif r == 2:
            qs.append(rnd.choice(LAST))
        elif r == 3:
            qs.append(rnd.choice(list(latin.values())))
        elif r == 4:
            qs.append(f'"{rnd.choice(EN)} {rnd.choice(EN)}"')
        elif r == 5:
            qs.append(rnd.choice(EN + RU + KK)[:4] + "*")
        elif r == 6:
            qs.append(f"{rnd.choice(EN)} {rnd.choice(CITIES)}")
        else:
            qs.append(f"Ref {rnd.randrange(n)}-*" if n else "court")
    with open(os.path.join(out, "queries.txt"), "w") as f:
        f.write("\n".join(qs) + "\n")


if __name__ == "__main__":
    main()
