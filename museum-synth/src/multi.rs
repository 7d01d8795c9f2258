//! The multi-source mode: every person appears in several of many simulated lists (3–20 by
//! default), each list writing dates its own way, with many fields missing and field-level noise
//! (typos, transliteration variants, swapped surname and given name, dates off by a day, a month
//! or a year, missing patronymics, initials only). Lists shaped like this — a person named by a
//! dozen compilations, none complete — are what record linkage meets outside our own default
//! synthetic archive.
//!
//! A record is first rendered by the default generator in the style of one of the seven
//! simulated lists ([`super::lists::LISTS`]), then this module re-labels it with its source,
//! rewrites its dates in the source's format, blanks fields and adds noise — from a stream of its
//! own, so the default mode's output does not change.

use super::lists::LISTS;
use super::noise::typo;
use super::translit::{initial, romanize};
use museum_core::error::{Error, Result};
use museum_core::model::date::{Day, days_in_month};
use museum_core::model::{DatePoint, DateValue, HistoricalDate, PersonName, Victim};
use museum_core::rng::{Rng, mix};
use museum_core::translit::Scheme;

/// Salt of the per-group streams of the number of records per person.
const SALT_PLAN: u64 = 11;
/// Salt of the per-person streams choosing the sources.
const SALT_SOURCES: u64 = 12;
/// Salt of the per-record missing-field and noise streams.
const SALT_NOISE: u64 = 13;

/// The options of the multi-source mode ([`super::SynthOptions::multi_source`]).
///
/// ```
/// use museum_synth::MultiSource;
/// let m = MultiSource::PROFILE;
/// assert_eq!((m.min_sources, m.max_sources), (3, 20));
/// assert!(m.check().is_ok());
/// assert!(MultiSource { min_sources: 5, max_sources: 2, ..m }.check().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MultiSource {
    /// The fewest records (lists) a person appears in.
    pub min_sources: u8,
    /// The most records (lists) a person appears in, at most [`MultiSource::SOURCES`].
    pub max_sources: u8,
    /// The share (0–1) of optional fields left empty in a record (the surname is always kept;
    /// the given name is left empty at a third of this rate).
    pub missing: f64,
    /// The probability (0–1) of each kind of field-level noise in a record.
    pub noise: f64,
}

impl MultiSource {
    /// The `multi-source` profile: 3–20 lists per person, 30 % of fields missing, noise 0.2.
    pub const PROFILE: MultiSource = MultiSource {
        min_sources: 3,
        max_sources: 20,
        missing: 0.3,
        noise: 0.2,
    };

    /// The number of simulated source lists of the mode.
    pub const SOURCES: usize = SOURCES.len();

    /// Checks the values.
    ///
    /// # Errors
    /// An invalid-option error naming the value.
    pub fn check(&self) -> Result<()> {
        if self.min_sources < 1 || self.min_sources > self.max_sources {
            return Err(Error::invalid_option(format!(
                "the sources per person must be a range like 3-20 with 1 <= low <= high, not {}-{}",
                self.min_sources, self.max_sources
            )));
        }
        if usize::from(self.max_sources) > Self::SOURCES {
            return Err(Error::invalid_option(format!(
                "a person can appear in at most {} sources, not {}",
                Self::SOURCES,
                self.max_sources
            )));
        }
        for (what, v) in [
            ("share of missing fields", self.missing),
            ("noise rate", self.noise),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::invalid_option(format!(
                    "the {what} must be between 0 and 1, not {v}"
                )));
            }
        }
        Ok(())
    }
}

/// How a source writes dates (each format is read back by the date parser before it is used; a
/// spelling this build does not read is written in ISO instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateFormat {
    /// As the list style of the source writes them.
    Style,
    /// `10/11/1937`, `11/1937`.
    Slash,
    /// `10-11-1937`.
    Dash,
    /// `1937.11.10`.
    YearFirstDotted,
    /// `10 November 1937`, `November 1937`.
    EnglishDayFirst,
    /// `November 10, 1937`.
    EnglishMonthFirst,
    /// `10 Nov 1937`, `Nov 1937`.
    EnglishShort,
    /// `1937 жылғы 10 қараша`, `1937 ж. қараша`.
    KazakhWords,
}

/// One simulated source list of the mode: its id, the list style it writes names and fields in
/// (an index into [`LISTS`]) and its date format.
struct MsSource {
    id: &'static str,
    style: usize,
    dates: DateFormat,
}

const fn src(id: &'static str, style: usize, dates: DateFormat) -> MsSource {
    MsSource { id, style, dates }
}

/// The 24 simulated lists: every style several times, with the date formats of other archives.
const SOURCES: [MsSource; 24] = [
    src("src-synthetic-ms-01", 0, DateFormat::Style),
    src("src-synthetic-ms-02", 1, DateFormat::Style),
    src("src-synthetic-ms-03", 2, DateFormat::Style),
    src("src-synthetic-ms-04", 3, DateFormat::Style),
    src("src-synthetic-ms-05", 4, DateFormat::Style),
    src("src-synthetic-ms-06", 5, DateFormat::Style),
    src("src-synthetic-ms-07", 6, DateFormat::Style),
    src("src-synthetic-ms-08", 0, DateFormat::Slash),
    src("src-synthetic-ms-09", 1, DateFormat::KazakhWords),
    src("src-synthetic-ms-10", 3, DateFormat::EnglishMonthFirst),
    src("src-synthetic-ms-11", 3, DateFormat::EnglishDayFirst),
    src("src-synthetic-ms-12", 5, DateFormat::EnglishShort),
    src("src-synthetic-ms-13", 2, DateFormat::Dash),
    src("src-synthetic-ms-14", 6, DateFormat::YearFirstDotted),
    src("src-synthetic-ms-15", 0, DateFormat::Style),
    src("src-synthetic-ms-16", 4, DateFormat::Slash),
    src("src-synthetic-ms-17", 3, DateFormat::EnglishShort),
    src("src-synthetic-ms-18", 1, DateFormat::Style),
    src("src-synthetic-ms-19", 2, DateFormat::EnglishDayFirst),
    src("src-synthetic-ms-20", 0, DateFormat::Dash),
    src("src-synthetic-ms-21", 5, DateFormat::Style),
    src("src-synthetic-ms-22", 3, DateFormat::Style),
    src("src-synthetic-ms-23", 6, DateFormat::Slash),
    src("src-synthetic-ms-24", 1, DateFormat::Style),
];

/// The ids of the sources.
pub(crate) fn source_ids() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|s| s.id)
}

/// The list style (index into [`LISTS`]) of source `s`.
pub(crate) fn style_of(s: usize) -> usize {
    SOURCES[s].style
}

/// The title, language and notes of source `s`, for `sources.csv`.
pub(crate) fn describe(s: usize) -> (String, &'static str, String) {
    let m = &SOURCES[s];
    let style = &LISTS[m.style];
    let dates = match m.dates {
        DateFormat::Style => "its own",
        DateFormat::Slash => "10/11/1937",
        DateFormat::Dash => "10-11-1937",
        DateFormat::YearFirstDotted => "1937.11.10",
        DateFormat::EnglishDayFirst => "10 November 1937",
        DateFormat::EnglishMonthFirst => "November 10, 1937",
        DateFormat::EnglishShort => "10 Nov 1937",
        DateFormat::KazakhWords => "1937 жылғы 10 қараша",
    };
    (
        format!(
            "Synthetic source list {} (multi-source mode) — SYNTHETIC, not real people",
            &m.id[m.id.len() - 2..]
        ),
        style.language,
        format!(
            "Writes names like `{}` ({}); dates: {dates}; fields often missing and noisy.",
            style.id, style.notes
        ),
    )
}

/// The number of records each of the (up to three) members of group `g` gets.
pub(crate) fn copies(seed: u64, g: u64, ms: &MultiSource) -> [u8; 3] {
    let mut rng = Rng::new(mix(seed, SALT_PLAN, g, 0));
    let mut out = [0u8; 3];
    for c in &mut out {
        let n = rng.range(i64::from(ms.min_sources), i64::from(ms.max_sources));
        *c = u8::try_from(n).unwrap_or(ms.min_sources);
    }
    out
}

/// The source of copy `copy` of member `member` of group `g`: the copies of one person come from
/// different sources.
pub(crate) fn source(seed: u64, g: u64, member: usize, copy: usize) -> usize {
    let mut order: [u8; SOURCES.len()] = std::array::from_fn(|i| i as u8);
    Rng::new(mix(seed, SALT_SOURCES, g, member as u64)).shuffle(&mut order);
    usize::from(order[copy % SOURCES.len()])
}

/// Kinds of multi-source noise, counted in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MsNoise {
    FieldBlanked,
    NameTypo,
    TransliterationVariant,
    NameSwapped,
    GivenInitialOnly,
    PatronymicMissing,
    PatronymicInitialOnly,
    BirthOffByDay,
    BirthOffByMonth,
    BirthOffByYear,
    PlaceTypo,
}

impl MsNoise {
    /// Every kind, in summary order.
    pub(crate) const ALL: [MsNoise; 11] = [
        MsNoise::FieldBlanked,
        MsNoise::NameTypo,
        MsNoise::TransliterationVariant,
        MsNoise::NameSwapped,
        MsNoise::GivenInitialOnly,
        MsNoise::PatronymicMissing,
        MsNoise::PatronymicInitialOnly,
        MsNoise::BirthOffByDay,
        MsNoise::BirthOffByMonth,
        MsNoise::BirthOffByYear,
        MsNoise::PlaceTypo,
    ];

    /// Stable `snake_case` name (the summary counts records carrying the kind).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MsNoise::FieldBlanked => "ms_fields_blanked",
            MsNoise::NameTypo => "ms_name_typo",
            MsNoise::TransliterationVariant => "ms_transliteration_variant",
            MsNoise::NameSwapped => "ms_surname_given_swapped",
            MsNoise::GivenInitialOnly => "ms_given_initial_only",
            MsNoise::PatronymicMissing => "ms_patronymic_missing",
            MsNoise::PatronymicInitialOnly => "ms_patronymic_initial_only",
            MsNoise::BirthOffByDay => "ms_birth_date_off_by_a_day",
            MsNoise::BirthOffByMonth => "ms_birth_date_off_by_a_month",
            MsNoise::BirthOffByYear => "ms_birth_date_off_by_a_year",
            MsNoise::PlaceTypo => "ms_birth_place_typo",
        }
    }
}

/// Latin spelling alternations of the romanizations (both directions are used): the same
/// Cyrillic letters as other conventions write them.
const LATIN_VARIANTS: &[(&str, &str)] = &[
    ("kh", "h"),
    ("zh", "j"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("iy", "ii"),
    ("ye", "e"),
    ("ts", "tz"),
    ("sh", "sch"),
    ("ch", "tsch"),
    ("v", "w"),
    ("y", "i"),
    ("ks", "x"),
    ("e", "ie"),
];

/// Another romanization of a word: a Cyrillic word romanized by a random scheme, a Latin word
/// with one spelling alternation. `None` when nothing applies.
fn transliteration_variant(rng: &mut Rng, word: &str) -> Option<String> {
    if word.chars().any(museum_core::model::name::is_cyrillic) {
        return Some(romanize(word, *rng.pick(&Scheme::ALL)));
    }
    let lower = word.to_lowercase();
    let options: Vec<(&str, &str)> = LATIN_VARIANTS
        .iter()
        .flat_map(|&(a, b)| [(a, b), (b, a)])
        .filter(|(from, _)| lower.get(1..).is_some_and(|rest| rest.contains(from)))
        .collect();
    if options.is_empty() {
        return None;
    }
    let (from, to) = *rng.pick(&options);
    // Replace one occurrence after the first letter, keeping the first letter's case.
    let first_len = word.chars().next().map_or(0, char::len_utf8);
    let at = lower[first_len..].find(from)? + first_len;
    if !word.is_char_boundary(at) || !word.is_char_boundary(at + from.len()) {
        return None;
    }
    Some(format!("{}{to}{}", &word[..at], &word[at + from.len()..]))
}

/// Writes a date point in `format` at its precision; `None` when the parser would not read it
/// back to the same value (the caller keeps the style's spelling).
fn format_point(p: DatePoint, format: DateFormat) -> Option<String> {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const KK: [&str; 12] = [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ];
    let y = p.year;
    let text = match (p.month, p.day) {
        (Some(m), Some(d)) => {
            let en = EN[usize::from(m - 1)];
            match format {
                DateFormat::Style => return None,
                DateFormat::Slash => format!("{d:02}/{m:02}/{y}"),
                DateFormat::Dash => format!("{d:02}-{m:02}-{y}"),
                DateFormat::YearFirstDotted => format!("{y}.{m:02}.{d:02}"),
                DateFormat::EnglishDayFirst => format!("{d} {en} {y}"),
                DateFormat::EnglishMonthFirst => format!("{en} {d}, {y}"),
                DateFormat::EnglishShort => format!("{d} {} {y}", &en[..3]),
                DateFormat::KazakhWords => {
                    format!("{y} жылғы {d} {}", KK[usize::from(m - 1)])
                }
            }
        }
        (Some(m), None) => {
            let en = EN[usize::from(m - 1)];
            match format {
                DateFormat::Style => return None,
                DateFormat::Slash => format!("{m:02}/{y}"),
                DateFormat::Dash | DateFormat::YearFirstDotted => format!("{y}-{m:02}"),
                DateFormat::EnglishDayFirst | DateFormat::EnglishMonthFirst => format!("{en} {y}"),
                DateFormat::EnglishShort => format!("{} {y}", &en[..3]),
                DateFormat::KazakhWords => format!("{y} ж. {}", KK[usize::from(m - 1)]),
            }
        }
        _ => return None,
    };
    let back = HistoricalDate::parse(&text).ok()?;
    (back.value() == &DateValue::Point(p)).then_some(text)
}

/// A point date of a record, if it is one (not uncertain or approximate).
fn point(d: &HistoricalDate) -> Option<DatePoint> {
    match d.value() {
        DateValue::Point(p) if !p.uncertain && !p.approximate => Some(*p),
        _ => None,
    }
}

fn rewrite(d: &mut Option<HistoricalDate>, format: DateFormat) {
    if let Some(p) = d.as_ref().and_then(point)
        && let Some(text) = format_point(p, format)
        && let Ok(h) = HistoricalDate::parse(&text)
    {
        *d = Some(h);
    }
}

/// The date a day, a month or a year off (`kind` 0, 1, 2), at the same precision.
fn shifted(p: DatePoint, kind: usize, rng: &mut Rng) -> Option<DatePoint> {
    let sign: i32 = if rng.chance(0.5) { 1 } else { -1 };
    match (kind, p.month, p.day) {
        (0, Some(m), Some(d)) => {
            let day = Day {
                year: p.year,
                month: m,
                day: d,
            }
            .add_days(i64::from(sign));
            DatePoint::ymd(day.year, day.month, day.day).ok()
        }
        (1, Some(m), d) => {
            let (mut y, mut m) = (p.year, i32::from(m) + sign);
            if m == 0 {
                (y, m) = (y - 1, 12);
            } else if m == 13 {
                (y, m) = (y + 1, 1);
            }
            let m = u8::try_from(m).ok()?;
            match d {
                Some(d) => DatePoint::ymd(y, m, d.min(days_in_month(y, m))).ok(),
                None => DatePoint::year_month(y, m).ok(),
            }
        }
        (2, m, d) => {
            let y = p.year + sign;
            match (m, d) {
                (Some(m), Some(d)) => DatePoint::ymd(y, m, d.min(days_in_month(y, m))).ok(),
                (Some(m), None) => DatePoint::year_month(y, m).ok(),
                _ => Some(DatePoint::year(y)),
            }
        }
        _ => None,
    }
}

/// Writes a shifted point the way the original was written when the format is one of ours,
/// else in ISO.
fn write_point(p: DatePoint, format: DateFormat) -> HistoricalDate {
    format_point(p, format)
        .and_then(|t| HistoricalDate::parse(&t).ok())
        .unwrap_or_else(|| HistoricalDate::from_value(DateValue::Point(p)))
}

/// Applies the mode to a record rendered in its source's style: the source's id and date
/// format, missing fields and noise. Returns the kinds of noise applied, as bits of
/// [`MsNoise::ALL`].
pub(crate) fn apply(
    v: &mut Victim,
    ms: &MultiSource,
    source: usize,
    seed: u64,
    stream: (u64, u64),
) -> u32 {
    let mut rng = Rng::new(mix(seed, SALT_NOISE, stream.0, stream.1));
    let src = &SOURCES[source];
    let mut applied = 0u32;
    let mut mark = |k: MsNoise| applied |= 1 << (k as u32);
    v.source_ids = vec![src.id.to_owned()];
    // Dates in the source's format.
    rewrite(&mut v.birth_date, src.dates);
    rewrite(&mut v.death_date, src.dates);
    for c in &mut v.cases {
        for d in c.dates_mut() {
            rewrite(d, src.dates);
        }
    }
    // Name noise.
    let (mut surname, mut given, mut patronymic) = (
        v.name.surname.clone().unwrap_or_default(),
        v.name.given.clone(),
        v.name.patronymic.clone(),
    );
    let p = ms.noise;
    if rng.chance(p) {
        if rng.chance(0.5) {
            surname = typo(&mut rng, &surname);
            mark(MsNoise::NameTypo);
        } else if let Some(s) = transliteration_variant(&mut rng, &surname) {
            surname = s;
            mark(MsNoise::TransliterationVariant);
        }
    }
    if let Some(g) = given.as_mut()
        && rng.chance(p)
    {
        match rng.below(3) {
            0 if g.chars().count() > 2 => {
                *g = typo(&mut rng, g);
                mark(MsNoise::NameTypo);
            }
            1 => {
                if let Some(s) = transliteration_variant(&mut rng, g) {
                    *g = s;
                    mark(MsNoise::TransliterationVariant);
                }
            }
            _ => {
                *g = initial(g);
                mark(MsNoise::GivenInitialOnly);
            }
        }
    }
    if patronymic.is_some() && rng.chance(p) {
        if rng.chance(0.6) {
            patronymic = None;
            mark(MsNoise::PatronymicMissing);
        } else {
            patronymic = patronymic.map(|s| initial(&s));
            mark(MsNoise::PatronymicInitialOnly);
        }
    }
    if rng.chance(p / 4.0)
        && let Some(g) = given.as_mut()
        && !g.ends_with('.')
    {
        std::mem::swap(&mut surname, g);
        mark(MsNoise::NameSwapped);
    }
    // Birth date off by a day, a month or a year.
    if rng.chance(p)
        && let Some(b) = v.birth_date.as_ref().and_then(point)
    {
        // Off by a year always; by a month or a day only where the date has one.
        let feasible = 1 + usize::from(b.month.is_some()) + usize::from(b.day.is_some());
        let kind = 2 - rng.below(feasible);
        if let Some(s) = shifted(b, kind, &mut rng) {
            v.birth_date = Some(write_point(s, src.dates));
            mark(
                [
                    MsNoise::BirthOffByDay,
                    MsNoise::BirthOffByMonth,
                    MsNoise::BirthOffByYear,
                ][kind],
            );
        }
    }
    if rng.chance(p / 2.0)
        && let Some(place) = v.birth_place.as_mut()
    {
        *place = typo(&mut rng, place);
        mark(MsNoise::PlaceTypo);
    }
    // Missing fields.
    let m = ms.missing;
    let mut blanked = false;
    let mut blank = |rng: &mut Rng, rate: f64, present: bool| -> bool {
        let b = present && rng.chance(rate);
        blanked |= b;
        b
    };
    if blank(&mut rng, m / 3.0, given.is_some()) {
        given = None;
    }
    if blank(&mut rng, m, patronymic.is_some()) {
        patronymic = None;
    }
    if blank(&mut rng, m, v.sex.is_some()) {
        v.sex = None;
    }
    if blank(&mut rng, m, v.birth_date.is_some()) {
        v.birth_date = None;
    }
    for f in [
        &mut v.birth_place,
        &mut v.nationality,
        &mut v.occupation,
        &mut v.residence,
    ] {
        if blank(&mut rng, m, f.is_some()) {
            *f = None;
        }
    }
    if blank(
        &mut rng,
        m,
        v.death_date.is_some() || v.death_place.is_some(),
    ) {
        v.death_date = None;
        v.death_place = None;
    }
    for c in &mut v.cases {
        for d in [&mut c.arrest_date, &mut c.sentence_date] {
            if blank(&mut rng, m, d.is_some()) {
                *d = None;
            }
        }
        for t in [&mut c.arrested_by, &mut c.charge, &mut c.sentencing_body] {
            if blank(&mut rng, m, t.is_some()) {
                *t = None;
            }
        }
    }
    if blanked {
        mark(MsNoise::FieldBlanked);
    }
    v.name = PersonName::from_parts(Some(&surname), given.as_deref(), patronymic.as_deref());
    applied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_back() {
        let p = DatePoint::ymd(1937, 11, 10).unwrap();
        for f in [
            DateFormat::Slash,
            DateFormat::Dash,
            DateFormat::YearFirstDotted,
            DateFormat::EnglishDayFirst,
            DateFormat::EnglishMonthFirst,
            DateFormat::EnglishShort,
        ] {
            let t = format_point(p, f).unwrap_or_else(|| panic!("{f:?} is not read back"));
            assert_eq!(HistoricalDate::parse(&t).unwrap().to_string(), "1937-11-10");
        }
        assert_eq!(
            format_point(p, DateFormat::EnglishMonthFirst).as_deref(),
            Some("November 10, 1937")
        );
    }

    #[test]
    fn shifts_stay_valid() {
        let mut rng = Rng::new(1);
        let p = DatePoint::ymd(1937, 1, 31).unwrap();
        for _ in 0..50 {
            for kind in 0..3 {
                let s = shifted(p, kind, &mut rng).unwrap();
                assert_ne!(s, p);
                let d = (s.year - 1937) * 400
                    + (i32::from(s.month.unwrap()) - 1) * 31
                    + i32::from(s.day.unwrap())
                    - 31;
                assert!(d.abs() <= 400, "{s:?}");
            }
        }
        let leap = DatePoint::ymd(1940, 2, 29).unwrap();
        assert!(shifted(leap, 2, &mut rng).unwrap().day.unwrap() <= 28);
    }

    #[test]
    fn variants_change_the_spelling() {
        let mut rng = Rng::new(3);
        for w in ["Zhumabaev", "Шмидт", "Khasanov", "Yevgeny"] {
            let v = transliteration_variant(&mut rng, w).unwrap();
            assert_ne!(v, w);
            assert!(!v.chars().any(museum_core::model::name::is_cyrillic), "{v}");
        }
        assert_eq!(transliteration_variant(&mut rng, "Abba"), None);
    }

    #[test]
    fn sources_are_distinct_per_person() {
        let mut seen: Vec<usize> = (0..20).map(|c| source(9, 4, 1, c)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 20);
    }
}
