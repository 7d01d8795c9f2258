use super::*;

/// The quick reading of plain forms gives what the full parser gives, for every month and
/// day (valid or not) over a spread of years, and leaves everything unusual to it.
#[test]
fn plain_forms_read_as_the_long_way() {
    let long = |t: &str| parse::long_way(t).ok();
    let mut answered = 0;
    let years = (995..1010)
        .chain((1010..3005).step_by(37))
        .chain(2990..3005);
    for y in years {
        let mut forms = vec![format!("{y}")];
        for m in 0..=13 {
            forms.push(format!("{y}-{m:02}"));
            for d in 0..=32 {
                forms.push(format!("{y}-{m:02}-{d:02}"));
                forms.push(format!("{d:02}.{m:02}.{y}"));
            }
        }
        for f in &forms {
            if let Some(v) = parse::plain(f) {
                assert_eq!(Some(v), long(f), "{f}");
                answered += 1;
            }
        }
    }
    assert!(answered > 10_000, "{answered}");
    for other in [
        "1937?",
        "0937",
        "1937-1-5",
        "1.11.1937",
        "19371",
        "ок. 1937",
        "1937-11-1x",
    ] {
        assert_eq!(parse::plain(other), None, "{other}");
    }
}

/// An unparseable date kept as an unknown value survives a JSON round trip with its text.
#[test]
fn unknown_with_garbage_text_round_trips_through_json() {
    let d = HistoricalDate::unknown("3I.02.1937");
    let json = serde_json::to_string(&d).unwrap();
    let back: HistoricalDate = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
    assert!(back.is_unknown());
}

#[test]
fn edtf_basics() {
    for s in [
        "1937-11-10",
        "1937-11",
        "1937",
        "1937?",
        "1937~",
        "1937%",
        "1930/1933",
        "../1938",
        "1930/..",
    ] {
        assert_eq!(HistoricalDate::parse(s).unwrap().to_string(), s, "{s}");
    }
}

#[test]
fn impossible_dates_are_errors() {
    assert!(
        HistoricalDate::parse("1937-02-31")
            .unwrap_err()
            .is_impossible()
    );
    assert!(
        HistoricalDate::parse("1937-13")
            .unwrap_err()
            .is_impossible()
    );
    assert!(
        HistoricalDate::parse("1937-01-00")
            .unwrap_err()
            .is_impossible()
    );
}

#[test]
fn month_forms_are_unambiguous() {
    let full = [
        ("январь", 1),
        ("января", 1),
        ("февраля", 2),
        ("марта", 3),
        ("апреле", 4),
        ("мая", 5),
        ("июня", 6),
        ("июля", 7),
        ("августа", 8),
        ("сентября", 9),
        ("октябре", 10),
        ("ноября", 11),
        ("декабрь", 12),
        ("қаңтар", 1),
        ("ақпанда", 2),
        ("наурызы", 3),
        ("сәуірде", 4),
        ("мамыр", 5),
        ("маусымда", 6),
        ("шілдеде", 7),
        ("тамыз", 8),
        ("қыркүйекте", 9),
        ("қыркүйегі", 9),
        ("қазанда", 10),
        ("қарашасы", 11),
        ("желтоқсан", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("mai", 5),
        ("märz", 3),
        ("okt", 10),
        ("dez", 12),
        ("янв", 1),
        ("февр", 2),
        ("сент", 9),
        ("нояб", 11),
        ("дек", 12),
    ];
    for (w, m) in full {
        assert_eq!(parse::month_word_for_tests(w), Some(m), "{w}");
    }
    for w in [
        "ма",
        "ию",
        "до",
        "по",
        "около",
        "г",
        "года",
        "ж",
        "жылы",
        "the",
        "abc",
        "c",
    ] {
        assert_eq!(parse::month_word_for_tests(w), None, "{w}");
    }
    for (w, m) in [
        ("xi", 11),
        ("хі", 11),
        ("iv", 4),
        ("ix", 9),
        ("xii", 12),
        ("\u{217a}", 11),
    ] {
        assert_eq!(parse::month_word_for_tests(w), Some(m), "{w}");
    }
}

#[test]
fn julian_leap_day_and_conversion() {
    // Julian 29 February 1900 exists and is Gregorian 13 March 1900.
    let d = HistoricalDate::parse("29 февраля (13 марта) 1900").unwrap();
    assert_eq!(d.to_string(), "1900-03-13");
    // The October Revolution: 25 October (7 November) 1917.
    let d = HistoricalDate::parse("25 октября (7 ноября) 1917 г.").unwrap();
    assert_eq!(d.to_string(), "1917-11-07");
    assert!(matches!(
        HistoricalDate::parse("25 октября (8 ноября) 1917")
            .unwrap_err()
            .kind(),
        DateErrorKind::StyleMismatch { .. }
    ));
}

#[test]
fn multibyte_text_is_cut_on_char_boundaries() {
    for s in [
        "ё1937",
        "1937ё",
        "қ",
        "10қараша1937",
        "10\u{301}.11.1937",
        "ǅ",
        "\u{1F600}1937",
    ] {
        let _ = HistoricalDate::parse(s);
    }
    assert_eq!(
        HistoricalDate::parse("10қараша1937").unwrap().to_string(),
        "1937-11-10"
    );
}

#[test]
fn epoch_days_round_trip() {
    let d = Day::new(1937, 11, 10).unwrap();
    assert_eq!(d.add_days(0), d);
    assert_eq!(d.add_days(21), Day::new(1937, 12, 1).unwrap());
    assert_eq!(Day::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
}
