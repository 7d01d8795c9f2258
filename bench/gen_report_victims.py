#!/usr/bin/env python3
"""Seeded generator of a large *synthetic* victims list for benchmarks and browser tests.

Not real people: every row is invented, and the source column says so. The shape follows the
archival lists the museum works with (Russian/Kazakh values, archival date spellings, Art. 58
charges, troika/OSO/VKVS sentences), with the arrests peaking in the mass operations of
August 1937 - November 1938, and a little noise (unreadable dates, empty fields) so that
validation has something to find.

Stand-in until `museum synth` lands; same seed, same file.

    python3 bench/gen_victims.py --rows 1000000 --seed 1937 --out bench-out/victims.csv
"""

import argparse
import csv
import random
import sys

HEADER = [
    "id", "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place",
    "nationality", "occupation", "arrest_date", "charge", "sentencing_body", "sentence_date",
    "sentence", "execution_date", "camp_id", "rehabilitation_date", "rehabilitated_by",
    "source_ids",
]

SURNAMES_M = ["Ахметов", "Омаров", "Сейткалиев", "Жумабаев", "Нурпеисов", "Касымов", "Исаев",
              "Байжанов", "Тулегенов", "Иванов", "Петров", "Шевченко", "Миллер", "Ким",
              "Абдрахманов", "Султанбеков", "Есенов", "Кудайбергенов", "Мухамеджанов", "Смагулов"]
GIVEN_M = ["Ахмет", "Касым", "Бекет", "Ермек", "Нурлан", "Серик", "Иван", "Петр", "Тимур",
           "Жумабек", "Абай", "Мухтар", "Сакен", "Ильяс", "Турар"]
GIVEN_F = ["Гульжан", "Айша", "Мария", "Анна", "Зейнеп", "Бибигуль", "Сара", "Алма"]
PATRONYMICS = ["Ахметович", "Касымович", "Иванович", "Нурмухамедович", "Бекенович", "", "",
               "Ахметұлы", "Омарұлы"]
PLACES = ["Южно-Казахстанская обл., Сайрамский р-н", "Түркістан облысы, Сайрам ауданы",
          "Чимкент", "Алма-Атинская обл., Каскелен", "Актюбинская обл., Иргиз",
          "Семипалатинская губ., Каркаралинский уезд", "Кустанайский уезд, Тургайская обл.",
          "Карагандинская область", "Ташкент", "аул № 7", ""]
NATIONALITIES = [("казах", 55), ("Казах", 5), ("русский", 15), ("украинец", 7), ("немец", 4),
                 ("кореец", 3), ("узбек", 4), ("татарин", 3), ("", 4)]
OCCUPATIONS = ["колхозник", "учитель", "мулла", "бухгалтер", "рабочий", "председатель колхоза",
               "единоличник", ""]
BODIES = [("Тройка при УНКВД по ЮКО", 45), ("тройка при УНКВД", 10), ("ОСО при НКВД СССР", 15),
          ("ВКВС СССР", 10), ("Коллегия ОГПУ", 5), ("Спецколлегия Верховного суда КазССР", 5),
          ("", 10)]
CHARGES = [("58-10", 30), ("58 п. 10", 10), ("58-2, 8, 11", 8), ("58-7", 6), ("58-8", 5),
           ("58-11", 8), ("58-10, 58-11", 10), ("КРД", 6), ("ЧСИР", 3), ("58-1а", 2),
           ("59-3", 2), ("", 10)]
CAMPS = ["camp-karlag", "camp-alzhir", "camp-steplag", "camp-dzhezkazgan", ""]
REHAB_BODIES = [("Военный трибунал ТуркВО", 30), ("Верховный суд КазССР", 30),
                ("Прокуратура ЮКО", 20), ("", 20)]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def arrest_month_index(rng):
    """Months since January 1928, with the peak of August 1937 - November 1938."""
    r = rng.random()
    if r < 0.62:
        return rng.randint((1937 - 1928) * 12 + 7, (1938 - 1928) * 12 + 10)
    if r < 0.80:
        return rng.randint(0, (1937 - 1928) * 12 + 6)
    return rng.randint((1938 - 1928) * 12 + 11, (1953 - 1928) * 12 + 11)


def days_in(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


def add_days(y, m, d, n):
    d += n
    while d > days_in(y, m):
        d -= days_in(y, m)
        m += 1
        if m > 12:
            m, y = 1, y + 1
    return y, m, d


ISO_ONLY = False


def spell(rng, y, m, d):
    """An archival spelling of a date (`10.11.1937`), or EDTF (`1937-11-10`, `1937-11`)."""
    r = rng.random()
    if ISO_ONLY and 0.70 <= r < 0.85:
        r = 0.0
    if r < 0.70:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if r < 0.85:
        return f"{d:02d}.{m:02d}.{y:04d}"
    if r < 0.93:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}"


def row(rng, i):
    male = rng.random() < 0.86
    surname = rng.choice(SURNAMES_M)
    if not male:
        surname = surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname
    idx = arrest_month_index(rng)
    ay, am = 1928 + idx // 12, idx % 12 + 1
    ad = rng.randint(1, days_in(ay, am))
    age = int(rng.triangular(16, 75, 32))
    by = ay - age
    sy, sm, sd = add_days(ay, am, ad, rng.randint(5, 120))
    kind = rng.random()
    peak = (1937, 8) <= (ay, am) <= (1938, 11)
    execution = kind < (0.55 if peak else 0.15)
    if execution:
        sentence = rng.choice(["ВМН", "ВМН", "расстрел", "ату жазасы"])
        ey, em, ed = add_days(sy, sm, sd, rng.randint(0, 20))
        execution_date = spell(rng, ey, em, ed)
        camp = ""
    else:
        years = rng.choice([3, 5, 8, 10, 10, 25])
        sentence = rng.choice([f"{years} лет ИТЛ", f"ИТЛ {years} лет", f"{years} жыл",
                               f"{years} лет ссылки"])
        execution_date = ""
        camp = rng.choice(CAMPS) if "ИТЛ" in sentence or "жыл" in sentence else ""
    rehab = ""
    rehab_by = ""
    if rng.random() < 0.72:
        ry = rng.choice([rng.randint(1954, 1962), rng.randint(1988, 1991)])
        rehab = spell(rng, ry, rng.randint(1, 12), rng.randint(1, 28))
        rehab_by = weighted(rng, REHAB_BODIES)
    arrest = spell(rng, ay, am, ad)
    if rng.random() < 0.01:
        arrest = f"{ay:04d}-{am:02d}?"  # uncertain: `1937-11?`
    if rng.random() < 0.004:
        arrest = "3I.02.1937"  # a typist's I for 1: unreadable, a finding
    return [
        f"syn-{i:07d}",
        surname,
        rng.choice(GIVEN_M if male else GIVEN_F),
        rng.choice(PATRONYMICS) if male else "",
        rng.choice(["м", "муж.", "M", "ер"]) if male else rng.choice(["ж", "жен.", "F", "әйел"]),
        str(by) if rng.random() < 0.6 else spell(rng, by, rng.randint(1, 12), rng.randint(1, 28)),
        rng.choice(PLACES),
        weighted(rng, NATIONALITIES),
        rng.choice(OCCUPATIONS),
        arrest,
        weighted(rng, CHARGES),
        weighted(rng, BODIES),
        spell(rng, sy, sm, sd),
        sentence,
        execution_date,
        camp,
        rehab,
        rehab_by,
        "src-synthetic",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1937)
    ap.add_argument("--out", default="-")
    ap.add_argument("--iso", action="store_true",
                    help="write every date in EDTF (no `10.11.1937` spellings)")
    args = ap.parse_args()
    global ISO_ONLY
    ISO_ONLY = args.iso
    rng = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for i in range(1, args.rows + 1):
        w.writerow(row(rng, i))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
