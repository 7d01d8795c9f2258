//! The words of written dates (all lowercase): unknown-date markers, qualifiers, open-end and
//! season words, and month names in Russian, Kazakh, English and German, Roman numerals included.

/// Whole texts meaning "no date" (compared with whitespace removed and trailing dots dropped).
pub(super) const UNKNOWN: &[&str] = &[
    "?",
    "??",
    "???",
    "x",
    "xx",
    "xxxx",
    "xxxx-xx-xx",
    "xx.xx.xxxx",
    "неизв",
    "неизвестно",
    "неизвестен",
    "неизвестна",
    "неизвестный",
    "неустановлено",
    "н/д",
    "н.д",
    "нетданных",
    "нетсведений",
    "unknown",
    "unk",
    "n/a",
    "n.a",
    "unbekannt",
    "белгісіз",
    "белгiсiз",
    "belgisiz",
    "-",
    "--",
    "---",
    "–",
    "—",
    "−",
];

/// Words after a year that say "year" (`г.`, `года`, `ж.`, `жылғы`): dropped.
pub(super) const MARKERS: &[&str] = &[
    "г",
    "гг",
    "год",
    "года",
    "году",
    "годы",
    "годов",
    "годах",
    "ж",
    "жж",
    "жыл",
    "жылы",
    "жылғы",
    "жылдың",
    "year",
    "yr",
    "jahr",
    "jahre",
    "jahren",
];

/// Kazakh "years" (plural): a decade after a round year (`1930 жылдары`), else dropped.
pub(super) const PLURAL_MARKERS: &[&str] = &["жылдар", "жылдары", "жылдарда", "жылдардағы"];

/// Words that carry nothing in a date (`в ноябре`, `қараша айы`, `10th of November`).
pub(super) const FILLERS: &[&str] = &[
    "в",
    "во",
    "in",
    "im",
    "on",
    "am",
    "of",
    "the",
    "ай",
    "айы",
    "айында",
    "айда",
    "числа",
];

/// "Circa" words before a date. The Cyrillic `с` counts only with a dot (`с. 1937`).
pub(super) const APPROX: &[&str] = &[
    "c",
    "ca",
    "cca",
    "circa",
    "approx",
    "approximately",
    "about",
    "around",
    "abt",
    "около",
    "ок",
    "приблизительно",
    "прибл",
    "примерно",
    "ориентировочно",
    "шамамен",
    "шам",
    "etwa",
    "ungefähr",
    "um",
    "са",
];

/// "Perhaps" words before a date.
pub(super) const UNCERTAIN: &[&str] = &[
    "предположительно",
    "предпол",
    "предп",
    "вероятно",
    "возможно",
    "probably",
    "possibly",
    "perhaps",
    "vermutlich",
    "wahrscheinlich",
    "мүмкін",
];

/// Ordinal endings written after a day number (`10th`, `10-го`, `10-ы`).
pub(super) const ORDINALS: &[&str] = &[
    "st", "nd", "rd", "th", "го", "ого", "ы", "і", "шы", "ші", "сы", "сі",
];

/// Phrases opening a "before" date: `../X`.
pub(super) const BEFORE: &[&[&str]] = &[
    &["до"],
    &["не", "позднее"],
    &["не", "позже"],
    &["ранее"],
    &["раньше"],
    &["по"],
    &["before"],
    &["by"],
    &["until"],
    &["till"],
    &["not", "later", "than"],
    &["no", "later", "than"],
    &["not", "after"],
    &["vor"],
    &["bis"],
    &["spätestens"],
];

/// Phrases opening an "after" date: `X/..`. The Cyrillic `с` ("since") has no dot here:
/// `с. 1937` was already read as "circa".
pub(super) const AFTER: &[&[&str]] = &[
    &["после"],
    &["не", "ранее"],
    &["не", "раньше"],
    &["позднее"],
    &["позже"],
    &["с"],
    &["со"],
    &["от"],
    &["after"],
    &["since"],
    &["from"],
    &["not", "before"],
    &["not", "earlier", "than"],
    &["no", "earlier", "than"],
    &["nach"],
    &["seit"],
    &["ab"],
    &["frühestens"],
];

/// Kazakh postpositions after a date: "until" and "after/since".
pub(super) const KZ_BEFORE: &[&str] = &["дейін", "шейін", "бұрын"];
pub(super) const KZ_AFTER: &[&str] = &["кейін", "соң", "бастап"];
/// Kazakh case words or endings before a postposition (`1938 жылға дейін`, `1938-ге дейін`).
pub(super) const KZ_CASE: &[&str] = &[
    "жылға",
    "жылдан",
    "ге",
    "ға",
    "ке",
    "қа",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
];

/// Words opening a two-sided span (`с … по …`, `between … and …`).
pub(super) const PAIR_START: &[&str] = &["с", "со", "от", "from", "between", "между", "von", "vom"];
pub(super) const PAIR_SEP: &[&str] = &["по", "до", "to", "until", "till", "and", "и", "bis"];
/// Words between the two dates of a span without an opening word (`1937 to 1938`).
pub(super) const RANGE_SEP: &[&str] = &["to", "till", "until", "bis", "по"];

/// Suffixes of a decade (`1930-е`, `1930-х`, `1930s`, `1930er`, `1930 жылдары`).
pub(super) const DECADE: &[&str] = &[
    "е",
    "e",
    "х",
    "ые",
    "ых",
    "ие",
    "их",
    "s",
    "er",
    "жылдар",
    "жылдары",
    "жылдарда",
    "жылдардағы",
];

/// Season words: spring, summer, autumn, winter.
pub(super) const SEASONS: [&[&str]; 4] = [
    &[
        "весна",
        "весной",
        "весны",
        "весне",
        "весну",
        "spring",
        "frühling",
        "frühjahr",
        "көктем",
        "көктемде",
        "көктемі",
    ],
    &[
        "лето",
        "летом",
        "лета",
        "лете",
        "summer",
        "sommer",
        "жаз",
        "жазда",
        "жазы",
    ],
    &[
        "осень",
        "осенью",
        "осени",
        "autumn",
        "fall",
        "herbst",
        "күз",
        "күзде",
        "күзі",
    ],
    &[
        "зима",
        "зимой",
        "зимы",
        "зиме",
        "зиму",
        "winter",
        "қыс",
        "қыста",
        "қысы",
    ],
];

/// Month forms: Russian stems (plus [`ENDINGS`]), Kazakh Cyrillic and Latin, English, German.
/// A word is a month when it equals a form, is a form plus an ending, or is a prefix of at
/// least three letters of a form (an abbreviation), and all matching forms agree.
pub(super) const MONTHS: &[(&str, u8)] = &[
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("май", 5),
    ("мая", 5),
    ("мае", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
    ("қаңтар", 1),
    ("ақпан", 2),
    ("наурыз", 3),
    ("сәуір", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шілде", 7),
    ("тамыз", 8),
    ("қыркүйек", 9),
    ("қыркүйег", 9),
    ("қазан", 10),
    ("қараша", 11),
    ("желтоқсан", 12),
    ("qańtar", 1),
    ("qantar", 1),
    ("aqpan", 2),
    ("nauryz", 3),
    ("naýryz", 3),
    ("sáuir", 4),
    ("sáýir", 4),
    ("sauir", 4),
    ("mamyr", 5),
    ("mausym", 6),
    ("maýsym", 6),
    ("shilde", 7),
    ("tamyz", 8),
    ("qyrkúiek", 9),
    ("qyrkuiek", 9),
    ("qazan", 10),
    ("qarasha", 11),
    ("jeltoqsan", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
];

/// Russian and Kazakh endings after a month form (`ноября`, `ноябре`, `қарашада`, `қаңтары`).
pub(super) const ENDINGS: &[&str] = &[
    "ь",
    "я",
    "е",
    "ю",
    "а",
    "ом",
    "ем",
    "ём",
    "ы",
    "і",
    "сы",
    "сі",
    "да",
    "де",
    "та",
    "те",
    "нда",
    "нде",
    "ында",
    "інде",
    "сында",
    "сінде",
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ға",
    "ге",
    "на",
    "не",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ындағы",
    "сындағы",
    "нан",
    "нен",
    "дан",
    "ден",
    "тан",
    "тен",
];

pub(super) fn month_word(w: &str) -> Option<u8> {
    roman(w).or_else(|| month_name(w))
}

/// `i`–`xii`, also typed with the Cyrillic `х` and `і`, and the Unicode Roman numerals.
pub(super) fn roman(w: &str) -> Option<u8> {
    const ROMAN: [&[u8]; 12] = [
        b"i", b"ii", b"iii", b"iv", b"v", b"vi", b"vii", b"viii", b"ix", b"x", b"xi", b"xii",
    ];
    let mut chars = w.chars();
    if let (Some(c @ '\u{2170}'..='\u{217B}'), None) = (chars.next(), chars.next()) {
        return u8::try_from(u32::from(c) - 0x2170 + 1).ok();
    }
    let mut buf = [0u8; 4];
    let mut n = 0;
    for c in w.chars() {
        let b = match c {
            'i' | 'і' | 'ı' | '\u{2170}' => b'i',
            'v' | '\u{2174}' => b'v',
            'x' | 'х' | '\u{2179}' => b'x',
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    let pos = ROMAN.iter().position(|r| *r == &buf[..n])?;
    u8::try_from(pos + 1).ok()
}

pub(super) fn month_name(w: &str) -> Option<u8> {
    let long_enough = w.chars().nth(2).is_some();
    let mut found = None;
    for &(form, m) in MONTHS {
        let hit = w == form
            || w.strip_prefix(form)
                .is_some_and(|rest| ENDINGS.contains(&rest))
            || (long_enough && form.starts_with(w));
        if hit {
            match found {
                None => found = Some(m),
                Some(f) if f != m => return None,
                Some(_) => {}
            }
        }
    }
    found
}
