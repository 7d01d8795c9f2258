#!/usr/bin/env python3
"""Synthetic victims.csv for benchmarks (NOT real people).

Writes N records in the canonical `victims.csv` columns with Cyrillic (Kazakh and Russian) names,
archival-era dates in EDTF forms, sentences, charges and sources. Seeded, so the same arguments
give the same file. The data is clean: `museum validate` should report no errors on it.

Usage: bench/gen_victims.py N OUT.csv [--seed S]
"""

import argparse
import csv
import random

COLUMNS = [
    "id", "case", "full_name", "surname", "given_name", "patronymic", "name_variants", "sex",
    "birth_date", "birth_place", "nationality", "occupation", "residence", "arrest_date",
    "arrested_by", "charge", "sentencing_body", "sentence_date", "sentence", "execution_date",
    "execution_place", "camp_id", "camp_arrival_date", "release_date", "death_date",
    "death_place", "rehabilitation_date", "rehabilitated_by", "figure_id", "source_ids",
    "source_text", "notes",
]

SURNAMES_M = ["Ахметов", "Байтурсынов", "Жумабаев", "Сейфуллин", "Майлин", "Кенжебаев",
              "Омаров", "Сулейменов", "Исмаилов", "Абдрахманов", "Нурпеисов", "Тажибаев",
              "Иванов", "Петров", "Шмидт", "Ким", "Бекмаханов", "Жанайдаров", "Садыков",
              "Тулепов", "Есенов", "Курманов", "Бөкейханов", "Дулатұлы", "Рысқұлов"]
GIVEN_M = ["Ахмет", "Мағжан", "Сәкен", "Беимбет", "Турар", "Алихан", "Жусуп", "Темирбек",
           "Кудайберген", "Мухтар", "Иван", "Пётр", "Андрей", "Ермек", "Нурлан", "Сабит"]
GIVEN_F = ["Айша", "Зейнеп", "Гульнар", "Бибигуль", "Мария", "Анна", "Сара", "Куляш",
           "Рабига", "Шолпан"]
PLACES = ["Чимкент", "Туркестан", "Сайрам", "Ленгер", "Алма-Ата", "Кзыл-Орда", "Аулие-Ата",
          "Арысь", "Сузак", "Казалинск", "Петропавловск", "Акмолинск", "Караганда"]
NATIONALITIES = ["казах", "русский", "узбек", "немец", "кореец", "украинец", "татарин",
                 "қазақ"]
OCCUPATIONS = ["учитель", "колхозник", "счетовод", "председатель колхоза", "рабочий",
               "мулла", "бухгалтер", "агроном", "студент", "домохозяйка"]
BODIES = ["Тройка при УНКВД по ЮКО", "ОСО при НКВД СССР", "ВКВС СССР", "Тройка ОГПУ",
          "Спецколлегия Верхсуда КазССР"]
ARRESTERS = ["УНКВД по ЮКО", "НКВД КазССР", "Чимкентский РО НКВД", "ОГПУ"]
CHARGES = ["58-10", "58-11", "58-10, 58-11", "58 п. 8", "58-2, 58-11", "58-1а", "58-7",
           "58-10 УК РСФСР", "58-6, 58-9"]
REHAB = ["Верховный суд КазССР", "Прокуратура ЮКО", "ВКВС СССР", "Военный трибунал ТуркВО"]
CAMPS = ["camp-karlag", "camp-alzhir", "camp-steplag"]


def date(rng, year, lo_month=1, hi_month=12):
    """An EDTF date of mixed precision within `year`."""
    m = rng.randint(lo_month, hi_month)
    d = rng.randint(1, 28)
    r = rng.random()
    if r < 0.7:
        return f"{year}-{m:02d}-{d:02d}", (year, m, d)
    if r < 0.85:
        return f"{year}-{m:02d}", (year, m, 28)
    return f"{year}", (year, 12, 31)


def row(rng, i):
    female = rng.random() < 0.12
    surname = rng.choice(SURNAMES_M)
    if female and surname.endswith(("ов", "ев", "ин")):
        surname += "а"
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    father = rng.choice(GIVEN_M)
    patronymic = father + ("қызы" if female else "ұлы") if rng.random() < 0.3 else (
        father + ("овна" if female else "ович"))
    birth_year = rng.randint(1870, 1915)
    arrest_year = rng.randint(max(1929, birth_year + 18), 1941)
    birth, _ = (f"{birth_year}", None) if rng.random() < 0.6 else date(rng, birth_year)
    arrest, (ay, am, _) = date(rng, arrest_year, 1, 9)
    # the sentence comes a few months after the arrest, in the next year at the latest
    sy = arrest_year + (1 if rng.random() < 0.2 else 0)
    sentence_date, (sy, sm, sd) = date(rng, sy, am + 3 if sy == ay and am <= 9 else 1, 12)
    executed = rng.random() < 0.4
    r = {c: "" for c in COLUMNS}
    r["id"] = f"v{i:07d}"
    r["surname"], r["given_name"], r["patronymic"] = surname, given, patronymic
    r["sex"] = rng.choice(["ж", "жен.", "F"] if female else ["м", "муж.", "ер", "M"])
    r["birth_date"] = birth
    r["birth_place"] = f"{rng.choice(PLACES)}" if rng.random() < 0.7 else ""
    r["nationality"] = rng.choice(NATIONALITIES)
    r["occupation"] = rng.choice(OCCUPATIONS)
    r["residence"] = f"ЮКО, {rng.choice(PLACES)}"
    r["arrest_date"] = arrest
    r["arrested_by"] = rng.choice(ARRESTERS)
    r["charge"] = rng.choice(CHARGES)
    r["sentencing_body"] = rng.choice(BODIES)
    r["sentence_date"] = sentence_date
    if executed:
        r["sentence"] = rng.choice(["ВМН", "ВМН (расстрел)", "расстрел", "ату жазасы"])
        # executed on the day of the sentence or a few days later, same month
        if len(sentence_date) == 10:
            r["execution_date"] = f"{sy}-{sm:02d}-{min(28, sd + rng.randint(0, 3)):02d}"
        else:
            r["execution_date"] = sentence_date
        r["execution_place"] = "Чимкент" if rng.random() < 0.5 else ""
        r["death_date"] = r["execution_date"]
    else:
        years = rng.choice([3, 5, 8, 10, 10, 10, 15, 25])
        r["sentence"] = f"{years} лет ИТЛ"
        if rng.random() < 0.5:
            r["camp_id"] = rng.choice(CAMPS[:1])
        if rng.random() < 0.3:
            r["release_date"] = f"{min(sy + years, 1956)}"
    if rng.random() < 0.8:
        r["rehabilitation_date"] = f"{rng.randint(1956, 1991)}"
        r["rehabilitated_by"] = rng.choice(REHAB)
    r["source_ids"] = "src-synthetic"
    r["source_text"] = "Synthetic benchmark data" if rng.random() < 0.1 else ""
    if rng.random() < 0.05:
        r["notes"] = "Синтетическая запись для проверки скорости"
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1937)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for i in range(1, a.n + 1):
            w.writerow(row(rng, i))


if __name__ == "__main__":
    main()
