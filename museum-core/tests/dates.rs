//! Table tests and properties of the archival date parser ([`HistoricalDate`]).

use museum_core::{Before, DateErrorKind, DatePoint, DateValue, Day, HistoricalDate, IntervalEnd};
use proptest::prelude::*;

/// Real-world spellings and the EDTF they normalize to.
const SPELLINGS: &[(&str, &str)] = &[
    // EDTF level 0 and 1.
    ("1937-11-10", "1937-11-10"),
    ("1937-11", "1937-11"),
    ("1937", "1937"),
    ("1937?", "1937?"),
    ("1937~", "1937~"),
    ("1937%", "1937%"),
    ("1937-11-10?", "1937-11-10?"),
    ("1937-11~", "1937-11~"),
    ("1930/1933", "1930/1933"),
    ("../1938", "../1938"),
    ("1930/..", "1930/.."),
    ("1930/", "1930/"),
    ("/1938", "/1938"),
    ("1930~/1933?", "1930~/1933?"),
    ("1937-11-10/1938-02-25", "1937-11-10/1938-02-25"),
    ("193X", "1930/1939"),
    ("19XX", "1900/1999"),
    ("1937-XX", "1937"),
    ("1937-11-XX", "1937-11"),
    ("1937-11-10T00:00:00", "1937-11-10"),
    ("1937-11-10T00:00:00Z", "1937-11-10"),
    ("1937-11-10T10:30:00.000+06:00", "1937-11-10"),
    ("1937-11-10 00:00:00", "1937-11-10"),
    // Numeric, day first.
    ("10.11.1937", "1937-11-10"),
    ("08.10.1937", "1937-10-08"),
    ("25.02.1938", "1938-02-25"),
    ("8.1.1938", "1938-01-08"),
    ("10/11/1937", "1937-11-10"),
    ("10-11-1937", "1937-11-10"),
    ("10.11.1937 г.", "1937-11-10"),
    ("1937.11.10", "1937-11-10"),
    ("11.1937", "1937-11"),
    ("11/1937", "1937-11"),
    ("29.02.1936", "1936-02-29"),
    // Roman months.
    ("10.XI.1937", "1937-11-10"),
    ("10 XI 1937", "1937-11-10"),
    ("XI.1937", "1937-11"),
    ("10.ХI.1937", "1937-11-10"),
    ("2.VIII.1937 г.", "1937-08-02"),
    ("10-XI-1937", "1937-11-10"),
    ("10.\u{2169}\u{2160}.1937", "1937-11-10"),
    ("1937.XI.10", "1937-11-10"),
    // Russian.
    ("10 ноября 1937 г.", "1937-11-10"),
    ("10 ноября 1937", "1937-11-10"),
    ("2 августа 1937 г.", "1937-08-02"),
    ("25 февраля 1938 г.", "1938-02-25"),
    ("18 апреля 1957 г.", "1957-04-18"),
    ("1 мая 1937 г.", "1937-05-01"),
    ("10-го ноября 1937 года", "1937-11-10"),
    ("ноябрь 1937", "1937-11"),
    ("ноябрь 1937 г.", "1937-11"),
    ("ноябрь 1898 г.", "1898-11"),
    ("Ноябрь 1898", "1898-11"),
    ("НОЯБРЬ 1898 Г.", "1898-11"),
    ("нояб. 1937", "1937-11"),
    ("сент. 1937 г.", "1937-09"),
    ("янв. 1938", "1938-01"),
    ("в ноябре 1937", "1937-11"),
    ("в ноябре 1937 г.", "1937-11"),
    ("май 1937", "1937-05"),
    ("27 сентября 1937\u{a0}г.", "1937-09-27"),
    ("  10  ноября   1937 г.  ", "1937-11-10"),
    // Kazakh.
    ("1937 жылғы 10 қараша", "1937-11-10"),
    ("1937 ж. 10 қарашада", "1937-11-10"),
    ("1937 ж. қараша", "1937-11"),
    ("1937 жылы қазан айында", "1937-10"),
    ("1938 жылғы 25 ақпан", "1938-02-25"),
    ("1937 жылғы 27 қыркүйек", "1937-09-27"),
    ("1937 жылғы қыркүйегі", "1937-09"),
    ("Желтоқсан 1986", "1986-12"),
    ("1937 ж.", "1937"),
    ("1937 жылы", "1937"),
    // English and German.
    ("Nov 1898", "1898-11"),
    ("Nov. 1898", "1898-11"),
    ("10 November 1937", "1937-11-10"),
    ("November 10, 1937", "1937-11-10"),
    ("27 Sep 1937", "1937-09-27"),
    ("26 Jul 1937", "1937-07-26"),
    ("5 Mar 1866", "1866-03-05"),
    ("Sept. 1937", "1937-09"),
    ("10th of November 1937", "1937-11-10"),
    ("10. November 1937", "1937-11-10"),
    ("März 1938", "1938-03"),
    ("im Dezember 1986", "1986-12"),
    // Year words.
    ("1937 г.", "1937"),
    ("1937г.", "1937"),
    ("1937 год", "1937"),
    ("1937 года", "1937"),
    ("в 1937 году", "1937"),
    ("1898 г.р.", "1898"),
    // Approximate and uncertain.
    ("c. 1937", "1937~"),
    ("ca. 1937", "1937~"),
    ("circa 1937", "1937~"),
    ("около 1937", "1937~"),
    ("около 1937 г.", "1937~"),
    ("ок. 1937", "1937~"),
    ("шамамен 1937", "1937~"),
    ("~1937", "1937~"),
    ("с. 1937", "1937~"),
    ("um 1937", "1937~"),
    ("1937 (?)", "1937?"),
    ("1937 г. (?)", "1937?"),
    ("[1937]", "1937?"),
    ("?1937", "1937?"),
    ("предположительно 1937", "1937?"),
    ("ок. 1937?", "1937%"),
    ("около 10 ноября 1937 г.", "1937-11-10~"),
    // Spans.
    ("1937-38", "1937/1938"),
    ("1937–1938", "1937/1938"),
    ("1937–38", "1937/1938"),
    ("1937/38", "1937/1938"),
    ("1937-1938", "1937/1938"),
    ("1937 - 1938 гг.", "1937/1938"),
    ("1930–1933 жж.", "1930/1933"),
    ("1921-22", "1921/1922"),
    ("с 1937 по 1938", "1937/1938"),
    ("с 1937 г. по 1938 г.", "1937/1938"),
    ("от 1930 до 1933", "1930/1933"),
    ("between 1937 and 1938", "1937/1938"),
    ("from 1937 to 1938", "1937/1938"),
    ("10–12 ноября 1937", "1937-11-10/1937-11-12"),
    ("10-12 ноября 1937 г.", "1937-11-10/1937-11-12"),
    ("с 10 ноября по 12 декабря 1937 г.", "1937-11-10/1937-12-12"),
    ("февраль-март 1938 г.", "1938-02/1938-03"),
    ("қазан-қараша 1937", "1937-10/1937-11"),
    ("1937?–1938", "1937?/1938"),
    ("1930-е – 1940-е", "1930/1949"),
    ("ноябрь–декабрь 1937", "1937-11/1937-12"),
    ("ноябрь 1937 – март 1938", "1937-11/1938-03"),
    ("10.11.1937–12.11.1937", "1937-11-10/1937-11-12"),
    ("ок. 1937–1938", "1937~/1938~"),
    ("1930 жылдан 1933 жылға дейін", "1930/1933"),
    // Decades.
    ("1930-е", "1930/1939"),
    ("1930-е гг.", "1930/1939"),
    ("1930-х гг.", "1930/1939"),
    ("1930s", "1930/1939"),
    ("1930's", "1930/1939"),
    ("1930er Jahre", "1930/1939"),
    ("1930 жылдары", "1930/1939"),
    // Open ends.
    ("до 1938", "../1938"),
    ("до 1938 г.", "../1938"),
    ("before 1938", "../1938"),
    ("не позднее 1938", "../1938"),
    ("не позднее 10 ноября 1937 г.", "../1937-11-10"),
    ("1938 жылға дейін", "../1938"),
    ("после 1930", "1930/.."),
    ("after 1930", "1930/.."),
    ("не ранее 1930", "1930/.."),
    ("с 1930", "1930/.."),
    ("since 1930", "1930/.."),
    ("1930 жылдан кейін", "1930/.."),
    // Seasons.
    ("весна 1938", "1938-03/1938-05"),
    ("весной 1938 г.", "1938-03/1938-05"),
    ("spring 1938", "1938-03/1938-05"),
    ("летом 1937 года", "1937-06/1937-08"),
    ("осень 1937", "1937-09/1937-11"),
    ("autumn 1937", "1937-09/1937-11"),
    ("1938 жылдың көктемі", "1938-03/1938-05"),
    ("зима 1937/38", "1937-12/1938-02"),
    ("winter 1937–1938", "1937-12/1938-02"),
    ("зима 1938", "1938-01/1938-12"),
    // Old Style (New Style).
    ("11 (23) Jul 1858", "1858-07-23"),
    ("14 (26) декабря 1894", "1894-12-26"),
    ("20 октября (2 ноября) 1917", "1917-11-02"),
    ("5 (17) марта 1866 г.", "1866-03-17"),
    ("17 февраля (1 марта) 1900", "1900-03-01"),
    ("29 февраля (13 марта) 1900", "1900-03-13"),
    ("23 Jul (11 Jul) 1858", "1858-07-23"),
    ("31 декабря 1899 (12 января 1900)", "1900-01-12"),
    ("20 декабря (1 января) 1900", "1900-01-01"),
    ("14 (26) дек. 1894", "1894-12-26"),
];

/// Texts that mean "no date".
const UNKNOWN: &[&str] = &[
    "",
    "   ",
    "?",
    "XXXX",
    "неизв.",
    "неизвестно",
    "Неизвестно",
    "н/д",
    "нет данных",
    "unknown",
    "Unknown",
    "n/a",
    "белгісіз",
    "Белгісіз",
    "-",
    "—",
    "–",
    "\u{a0}",
];

/// Impossible or unreadable texts and the error they give.
fn errors() -> Vec<(&'static str, DateErrorKind)> {
    use DateErrorKind::*;
    vec![
        (
            "31.02.1937",
            DayOutOfRange {
                year: 1937,
                month: 2,
                day: 31,
            },
        ),
        (
            "30.02.1937",
            DayOutOfRange {
                year: 1937,
                month: 2,
                day: 30,
            },
        ),
        (
            "29.02.1937",
            DayOutOfRange {
                year: 1937,
                month: 2,
                day: 29,
            },
        ),
        (
            "31.04.1937",
            DayOutOfRange {
                year: 1937,
                month: 4,
                day: 31,
            },
        ),
        (
            "00.11.1937",
            DayOutOfRange {
                year: 1937,
                month: 11,
                day: 0,
            },
        ),
        (
            "1937-02-30",
            DayOutOfRange {
                year: 1937,
                month: 2,
                day: 30,
            },
        ),
        (
            "1937-01-00",
            DayOutOfRange {
                year: 1937,
                month: 1,
                day: 0,
            },
        ),
        (
            "32 января 1937",
            DayOutOfRange {
                year: 1937,
                month: 1,
                day: 32,
            },
        ),
        (
            "31 сентября 1937 г.",
            DayOutOfRange {
                year: 1937,
                month: 9,
                day: 31,
            },
        ),
        (
            "29 февраля 1900",
            DayOutOfRange {
                year: 1900,
                month: 2,
                day: 29,
            },
        ),
        ("10.13.1937", MonthOutOfRange { month: 13 }),
        ("1937-13", MonthOutOfRange { month: 13 }),
        ("1937-00", MonthOutOfRange { month: 0 }),
        ("1937-13-01", MonthOutOfRange { month: 13 }),
        ("0.1937", MonthOutOfRange { month: 0 }),
        ("0999", YearOutOfRange { year: 999 }),
        ("3000", YearOutOfRange { year: 3000 }),
        ("937 г.", YearOutOfRange { year: 937 }),
        ("10.11.0937", YearOutOfRange { year: 937 }),
        ("1938/1937", ReversedInterval),
        ("1938–1937", ReversedInterval),
        ("1937-11-10/1937-11-09", ReversedInterval),
        ("1938/1937~", ReversedInterval),
        ("1937–05", ReversedInterval),
        (
            "11 (24) июля 1858",
            StyleMismatch {
                julian: Day {
                    year: 1858,
                    month: 7,
                    day: 11,
                },
                gregorian: Day {
                    year: 1858,
                    month: 7,
                    day: 24,
                },
            },
        ),
        (
            "16 (29) февраля 1900",
            DayOutOfRange {
                year: 1900,
                month: 2,
                day: 29,
            },
        ),
        (
            "30 февраля (14 марта) 1900",
            DayOutOfRange {
                year: 1900,
                month: 2,
                day: 30,
            },
        ),
        ("abc", Unparseable),
        ("с 1937 по 1938 по 1939", Unparseable),
        ("ноябрь–1937", Unparseable),
        ("10–ноябрь 1937", Unparseable),
        (",1937", Unparseable),
        (".. 1937", Unparseable),
        ("г. 1937", Unparseable),
        ("1937-11-10 – ..", Unparseable),
        ("19377", Unparseable),
        ("1937-1-1x", Unparseable),
        ("12345678", Unparseable),
        ("10.11.37", Unparseable),
        ("10/11/37", Unparseable),
        ("ноябрь 37", Unparseable),
        ("10 ноября 37 г.", Unparseable),
        ("30-е", Unparseable),
        ("1937-е", Unparseable),
        ("1937-1-1", Unparseable),
        ("../..", Unparseable),
        ("/", Unparseable),
        ("10 ноября", Unparseable),
        ("ноябрь", Unparseable),
        ("1937 abc", Unparseable),
        ("1937 - ", Unparseable),
        ("1937–1938–1939", Unparseable),
        ("весна", Unparseable),
        ("до", Unparseable),
        ("(1937", Unparseable),
        ("1937/1938/1939", Unparseable),
    ]
}

fn edtf(text: &str) -> String {
    match HistoricalDate::parse(text) {
        Ok(d) => d.to_string(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn real_world_spellings() {
    assert!(SPELLINGS.len() >= 70);
    let mut failures = Vec::new();
    for &(text, want) in SPELLINGS {
        let got = edtf(text);
        if got != want {
            failures.push(format!("{text:?}: got {got}, want {want}"));
            continue;
        }
        let d = HistoricalDate::parse(text).unwrap();
        assert_eq!(d.original(), text, "the original text is kept");
        // The EDTF form reads back to the same value.
        assert_eq!(
            HistoricalDate::parse(&d.to_string()).unwrap().value(),
            d.value(),
            "{text:?}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unknown_markers() {
    for &text in UNKNOWN {
        let d = HistoricalDate::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(d.is_unknown(), "{text:?} gave {d}");
        assert_eq!(d.to_string(), "XXXX");
        assert_eq!(d.original(), text);
        assert_eq!((d.earliest(), d.latest(), d.year()), (None, None, None));
    }
}

#[test]
fn impossible_and_garbage() {
    let mut failures = Vec::new();
    for (text, want) in errors() {
        match HistoricalDate::parse(text) {
            Ok(d) => failures.push(format!("{text:?}: parsed as {d}, want {want:?}")),
            Err(e) if *e.kind() != want => {
                failures.push(format!("{text:?}: got {:?}, want {want:?}", e.kind()));
            }
            Err(e) => assert_eq!(e.is_impossible(), want != DateErrorKind::Unparseable),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn d(text: &str) -> HistoricalDate {
    HistoricalDate::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn day(year: i32, month: u8, day: u8) -> Day {
    Day::new(year, month, day).unwrap()
}

#[test]
fn compare_before_cases() {
    use Before::*;
    let cases: &[(&str, &str, Before)] = &[
        // Points at different precisions.
        ("1937", "1938-02-25", Certainly),
        ("1937", "1937-11", Possibly),
        ("1938-02-25", "1937", CertainlyNot),
        ("1937-11-10", "1937-11-11", Certainly),
        ("1937-11-10", "1937-11-10", CertainlyNot),
        ("1937-11", "1937-12-01", Certainly),
        ("1937-11", "1937-11-30", Possibly),
        ("2 августа 1937 г.", "25 февраля 1938 г.", Certainly),
        ("25 февраля 1938 г.", "2 августа 1937 г.", CertainlyNot),
        ("ноябрь 1898 г.", "1898", Possibly),
        ("ноябрь 1898 г.", "1899", Certainly),
        // Approximate and uncertain values widen by one unit on each side.
        ("1937-11-10~", "1937-11-11", Possibly),
        ("1937-11-10~", "1937-11-12", Certainly),
        ("1937~", "1938-06", Possibly),
        ("1936~", "1938", Certainly),
        ("1937?", "1939", Certainly),
        ("1937?", "1938", Possibly),
        ("1939", "1937?", CertainlyNot),
        ("1938", "1937?", Possibly),
        ("c. 1937", "1936", Possibly),
        ("1937-11?", "1938", Certainly),
        ("1937-12?", "1938", Possibly),
        // Intervals.
        ("1930/1933", "1934", Certainly),
        ("1930/1933", "1932", Possibly),
        ("1934", "1930/1933", CertainlyNot),
        ("1930-е", "1941", Certainly),
        ("1930-е", "1935", Possibly),
        ("весна 1938", "1938-06-01", Certainly),
        ("весна 1938", "1938-04", Possibly),
        ("1937-38", "1939-01-01", Certainly),
        ("1937-38", "1938-12-31", Possibly),
        // Open and unknown ends reach far.
        ("../1938", "1939", Certainly),
        ("../1938", "1937", Possibly),
        ("до 1938", "1900", Possibly),
        ("1930/..", "1920", CertainlyNot),
        ("1930/..", "1935", Possibly),
        ("после 1930", "2000", Possibly),
        ("1930/", "1935", Possibly),
        ("/1938", "1939", Certainly),
        ("1920", "после 1930", Certainly),
        // Unknown dates.
        ("неизвестно", "1937", Unknown),
        ("1937", "", Unknown),
        ("XXXX", "XXXX", Unknown),
    ];
    let mut failures = Vec::new();
    for &(a, b, want) in cases {
        let got = d(a).compare_before(&d(b));
        if got != want {
            failures.push(format!("{a:?} before {b:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn compare_before_or_same_cases() {
    assert_eq!(
        d("1937-11-10").compare_before_or_same(&d("10.11.1937")),
        Before::Certainly
    );
    assert_eq!(
        d("1937-11-10").compare_before(&d("10.11.1937")),
        Before::CertainlyNot
    );
    assert_eq!(
        d("1937-11-11").compare_before_or_same(&d("1937-11-10")),
        Before::CertainlyNot
    );
    assert_eq!(
        d("1937").compare_before_or_same(&d("1937-12-31")),
        Before::Certainly
    );
    assert_eq!(
        d("1937").compare_before_or_same(&d("1937-12-30")),
        Before::Possibly
    );
    assert_eq!(
        d("1937").compare_before_or_same(&d("1938-01-01")),
        Before::Certainly
    );
    assert_eq!(d("?").compare_before_or_same(&d("1937")), Before::Unknown);
}

#[test]
fn bounds_and_widening() {
    let cases: &[(&str, Day, Day)] = &[
        ("1937", day(1937, 1, 1), day(1937, 12, 31)),
        ("1937~", day(1936, 1, 1), day(1938, 12, 31)),
        ("1937-11?", day(1937, 10, 1), day(1937, 12, 31)),
        ("1937-12~", day(1937, 11, 1), day(1938, 1, 31)),
        ("1937-11-10~", day(1937, 11, 9), day(1937, 11, 11)),
        ("1937-01-01?", day(1936, 12, 31), day(1937, 1, 2)),
        ("1936-02%", day(1936, 1, 1), day(1936, 3, 31)),
        ("1930-е", day(1930, 1, 1), day(1939, 12, 31)),
        ("весна 1938", day(1938, 3, 1), day(1938, 5, 31)),
        ("зима 1937/38", day(1937, 12, 1), day(1938, 2, 28)),
        ("1930~/1933?", day(1929, 1, 1), day(1934, 12, 31)),
        ("14 (26) декабря 1894", day(1894, 12, 26), day(1894, 12, 26)),
    ];
    for &(text, lo, hi) in cases {
        let v = d(text);
        assert_eq!((v.earliest(), v.latest()), (Some(lo), Some(hi)), "{text:?}");
    }
    let open = d("../1938");
    assert!(open.earliest().unwrap() < day(1000, 1, 1));
    assert_eq!(open.latest(), Some(day(1938, 12, 31)));
    let open = d("1930/");
    assert_eq!(open.earliest(), Some(day(1930, 1, 1)));
    assert!(open.latest().unwrap() > day(2999, 12, 31));
}

#[test]
fn year_and_month_accessors() {
    assert_eq!(
        (
            d("10 ноября 1937 г.").year(),
            d("10 ноября 1937 г.").month()
        ),
        (Some(1937), Some(11))
    );
    assert_eq!((d("1937~").year(), d("1937~").month()), (Some(1937), None));
    assert_eq!(
        (d("1937-38").year(), d("1937-38").month()),
        (Some(1937), None)
    );
    assert_eq!((d("до 1938").year(), d("до 1938").month()), (None, None));
    assert_eq!(d("неизвестно").year(), None);
}

#[test]
fn values_are_structured() {
    assert_eq!(
        d("около 10 ноября 1937 г.").value(),
        &DateValue::Point(DatePoint {
            approximate: true,
            ..DatePoint::ymd(1937, 11, 10).unwrap()
        })
    );
    assert_eq!(
        d("1930/").value(),
        &DateValue::Interval {
            start: IntervalEnd::Point(DatePoint::year(1930)),
            end: IntervalEnd::Unknown
        }
    );
    assert_eq!(
        d("не позднее 1938").value(),
        &DateValue::Interval {
            start: IntervalEnd::Open,
            end: IntervalEnd::Point(DatePoint::year(1938))
        }
    );
}

#[test]
fn serde_keeps_original_and_bounds() {
    let v = d("2 августа 1937 г.");
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"edtf": "1937-08-02", "original": "2 августа 1937 г.", "earliest": "1937-08-02", "latest": "1937-08-02"})
    );
    let back: HistoricalDate = serde_json::from_value(json).unwrap();
    assert_eq!(back, v);
    let plain: HistoricalDate = serde_json::from_str("\"ноябрь 1898 г.\"").unwrap();
    assert_eq!(
        (plain.to_string(), plain.original()),
        ("1898-11".to_owned(), "ноябрь 1898 г.")
    );
    let unknown = serde_json::to_value(d("н/д")).unwrap();
    assert_eq!(
        unknown,
        serde_json::json!({"edtf": "XXXX", "original": "н/д"})
    );
}

#[test]
fn errors_never_panic_on_awkward_text() {
    // Multibyte text around every cut point, huge numbers, long input.
    for text in [
        "ё",
        "1937ё",
        "ёё.ёё.ёёёё",
        "10 нояб\u{301}ря 1937",
        "İ1937",
        "1937-11-10T99:99",
        "4294967296.11.1937",
        "99999999999999999999999",
        "(((((",
        "))))",
        "[[[]]]",
        "/../../",
        "1937//1938",
        "–",
        "——",
        "?/?",
        "..",
        "…",
    ] {
        let _ = HistoricalDate::parse(text);
    }
    let long = "1937 ".repeat(1000);
    assert_eq!(
        HistoricalDate::parse(&long).unwrap_err().kind(),
        &DateErrorKind::Unparseable
    );
    let many = "1 ".repeat(60);
    assert_eq!(
        HistoricalDate::parse(&many).unwrap_err().kind(),
        &DateErrorKind::Unparseable
    );
}

// ------------------------------------------------------------------------------------------------
// Properties.

fn arb_point() -> impl Strategy<Value = DatePoint> {
    (
        1000i32..=2999,
        0u8..3,
        1u8..=12,
        1u8..=31,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(y, precision, m, dd, u, a)| {
            let dd = (1..=dd)
                .rev()
                .find(|&x| Day::new(y, m, x).is_some())
                .unwrap_or(1);
            let mut p = match precision {
                0 => DatePoint::year(y),
                1 => DatePoint::year_month(y, m).unwrap(),
                _ => DatePoint::ymd(y, m, dd).unwrap(),
            };
            p.uncertain = u;
            p.approximate = a;
            p
        })
}

fn arb_end() -> impl Strategy<Value = IntervalEnd> {
    prop_oneof![
        3 => arb_point().prop_map(IntervalEnd::Point),
        1 => Just(IntervalEnd::Open),
        1 => Just(IntervalEnd::Unknown),
    ]
}

fn bare(p: &DatePoint) -> DatePoint {
    DatePoint {
        uncertain: false,
        approximate: false,
        ..*p
    }
}

/// Every kind of value the parser produces: unknown, points, and intervals with at least one
/// dated end, in order as written.
fn arb_value() -> impl Strategy<Value = DateValue> {
    let interval = (arb_point(), arb_end(), any::<bool>()).prop_map(|(p, other, point_first)| {
        let (start, end) = if point_first {
            (IntervalEnd::Point(p), other)
        } else {
            (other, IntervalEnd::Point(p))
        };
        match (start, end) {
            (IntervalEnd::Point(s), IntervalEnd::Point(e))
                if bare(&s).earliest() > bare(&e).latest() =>
            {
                DateValue::Interval {
                    start: IntervalEnd::Point(e),
                    end: IntervalEnd::Point(s),
                }
            }
            (start, end) => DateValue::Interval { start, end },
        }
    });
    prop_oneof![1 => Just(DateValue::Unknown), 3 => arb_point().prop_map(DateValue::Point), 4 => interval]
}

const FRAGMENTS: &[&str] = &[
    "1937",
    "1938",
    "1930",
    "1858",
    "10",
    "11",
    "23",
    "31",
    "29",
    "02",
    "00",
    "37",
    "38",
    "5",
    "0",
    "12345",
    "-",
    "–",
    "—",
    "/",
    "..",
    ".",
    ",",
    "?",
    "~",
    "%",
    "(",
    ")",
    "[",
    "]",
    ":",
    "'",
    "г",
    "гг",
    "года",
    "ноября",
    "ноябрь",
    "нояб",
    "декабря",
    "XI",
    "ХІ",
    "x",
    "xx",
    "Jul",
    "November",
    "қараша",
    "қарашада",
    "жылғы",
    "ж",
    "около",
    "ок",
    "c",
    "с",
    "ca",
    "до",
    "после",
    "по",
    "не",
    "позднее",
    "весна",
    "зима",
    "winter",
    "е",
    "х",
    "s",
    "T",
    "Z",
    "+",
    "неизвестно",
    "н/д",
    "between",
    "and",
    "дейін",
    "кейін",
    "жылдан",
    "жылға",
    "жылдары",
    "1937-11-10",
    "ё",
    "İ",
    "\u{a0}",
    "\u{200b}",
];

fn arb_archival_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(FRAGMENTS),
            prop::sample::select(&["", " ", ".", "-"][..]),
        ),
        0..9,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(f, s)| [f, s]).collect())
}

/// What must hold for any text: no panic, ordered bounds, and a stable EDTF form.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    if let Ok(d) = HistoricalDate::parse(text) {
        prop_assert_eq!(d.original(), text);
        if let (Some(lo), Some(hi)) = (d.earliest(), d.latest()) {
            prop_assert!(lo <= hi, "{:?}: {} > {}", text, lo, hi);
        }
        let again = HistoricalDate::parse(&d.to_string());
        prop_assert_eq!(
            again.as_ref().map(HistoricalDate::value),
            Ok(d.value()),
            "{:?} -> {}",
            text,
            d
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn display_parses_back_to_the_same_value(v in arb_value()) {
        let d = HistoricalDate::from_value(v);
        let back = HistoricalDate::parse(&d.to_string());
        prop_assert_eq!(back.as_ref().map(HistoricalDate::value), Ok(&v), "{}", d);
    }

    #[test]
    fn earliest_is_never_after_latest(v in arb_value()) {
        let d = HistoricalDate::from_value(v);
        match (d.earliest(), d.latest()) {
            (Some(lo), Some(hi)) => prop_assert!(lo <= hi, "{}: {} > {}", d, lo, hi),
            (None, None) => prop_assert!(d.is_unknown()),
            other => prop_assert!(false, "{}: one-sided bounds {:?}", d, other),
        }
    }

    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        check_text(&text)?;
    }

    #[test]
    fn parse_never_panics_on_printable_text(text in "\\PC{0,40}") {
        check_text(&text)?;
    }

    #[test]
    fn parse_never_panics_on_archival_fragments(text in arb_archival_text()) {
        check_text(&text)?;
    }
}
