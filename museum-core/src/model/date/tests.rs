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
        "13.1937",
        "00.1937",
        "1937 г",
        "10 Ноября 1937 г.",
        "10 ноября 37",
        "10.XIII.1937",
        "10.xi.1937",
        "100 ноября 1937",
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

/// The worded and shorter forms of the quick reading (`11.1937`, `1937 г.`, `10 ноября 1937 г.`,
/// `ноябрь 1937`, `10.XI.1937`) give what the full parser gives, for every month name the
/// parser knows, every month and day (valid or not) and a spread of years; an impossible date
/// is left to the full parser, which reports it.
#[test]
fn worded_forms_read_as_the_long_way() {
    const ROMAN: [&str; 14] = [
        "0", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
    ];
    let mut answered = 0;
    let mut fell_through = 0;
    let mut check = |f: &str| match parse::plain(f) {
        Some(v) => {
            assert_eq!(Ok(v), parse::long_way(f), "{f}");
            answered += 1;
        }
        None => {
            // Impossible dates and unusual forms go the long way; a form the quick reading
            // declines is never one it should have answered differently.
            fell_through += 1;
        }
    };
    let years = (995..1010)
        .chain((1010..3005).step_by(97))
        .chain(2990..3005);
    for y in years {
        check(&format!("{y} г."));
        for (m, roman) in ROMAN.iter().enumerate() {
            check(&format!("{m:02}.{y}"));
            for d in 0..=32 {
                check(&format!("{d:02}.{roman}.{y}"));
            }
        }
    }
    // Every month word, with and without its endings, in a few years (leap and not).
    for word in parse::quick_month_words() {
        for y in [999, 1900, 1937, 2000] {
            check(&format!("{word} {y}"));
            for d in [0, 1, 9, 10, 28, 29, 30, 31, 32] {
                check(&format!("{d} {word} {y}"));
                check(&format!("{d:02} {word} {y} г."));
            }
        }
        check(&format!("10 {word} 1937 г."));
    }
    assert!(answered > 5_000, "{answered}");
    assert!(fell_through > 1_000, "{fell_through}");
    // Impossible dates in worded forms fall through and get the full parser's diagnostic.
    for bad in ["31 февраля 1937 г.", "30.II.1937", "13.1937", "32 мая 1937"] {
        assert_eq!(parse::plain(bad), None, "{bad}");
        assert!(parse::long_way(bad).is_err(), "{bad}");
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
