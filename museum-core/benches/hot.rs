//! Micro-benchmarks of the hot spots of reading a list: parsing dates and computing the
//! keys names are matched on (a profile of `museum report` on a million synthetic records puts
//! name parsing near 30 % of reading, dates near 14 %); and of matching: comparing a pair of
//! records (names and birth places), which a run of `museum dedup` on a million records does
//! about 90 million times.
//!
//! ```text
//! cargo bench -p museum-core --no-default-features --bench hot
//! ```
//!
//! Each benchmark runs over a mix of values written the ways archives write them (EDTF,
//! `10.11.1937`, Russian month names, approximations, ranges, garbage; names in Cyrillic
//! Russian and Kazakh, Latin, with initials, surname first and last); the figure divan prints
//! is the time per value of the mix. The values are typed here, not taken from any list.

use divan::{Bencher, black_box};
use museum_core::PersonName;
use museum_core::dedup::compare::PairBench;
use museum_core::dedup::{DateSpan, DedupRecord, Origin};
use museum_core::io::DatasetKind;
use museum_core::model::HistoricalDate;
use museum_core::normalize::{NameKeys, fold};

fn main() {
    divan::main();
}

const DATES: &[&str] = &[
    "1937-11-10",
    "10.11.1937",
    "1937",
    "1937-08",
    "10 ноября 1937",
    "10 ноября 1937 г.",
    "около 1937",
    "1937?",
    "1937-1938",
    "1937/1938",
    "[1937-11-01..1937-11-30]",
    "до 1938",
    "3I.02.1937",
    "1937-02-30",
    "",
    "неизв.",
    "1890-е",
    "05.1938",
];

const NAMES: &[&str] = &[
    "Шанин Пётр Иванович",
    "Бөкейханов Әлихан Нұрмұхамедұлы",
    "Букейханов Алихан Нурмухамедович",
    "Ахметов Касым",
    "Жургенов Т.К.",
    "Bukeikhanov Alikhan",
    "Alikhan Bukeikhanov",
    "Сейткалиева Айша Омаровна",
    "Миллер Иоганн Генрихович",
    "Ким Ен Сик",
    "Кудайбергенов Жумабай Исаевич",
    "Тулегенова Б.",
];

/// `HistoricalDate::parse` on the whole mix.
#[divan::bench]
fn parse_dates(b: Bencher) {
    b.counter(divan::counter::ItemsCount::new(DATES.len()))
        .bench(|| {
            for d in DATES {
                let _ = black_box(HistoricalDate::parse(black_box(d)));
            }
        });
}

/// `PersonName::parse` on the whole mix.
#[divan::bench]
fn parse_names(b: Bencher) {
    b.counter(divan::counter::ItemsCount::new(NAMES.len()))
        .bench(|| {
            for n in NAMES {
                black_box(PersonName::parse(black_box(n)));
            }
        });
}

/// The matching keys (folded, stems, phonetic codes) of names already parsed.
#[divan::bench]
fn name_keys(b: Bencher) {
    let parsed: Vec<PersonName> = NAMES.iter().map(|n| PersonName::parse(n)).collect();
    b.counter(divan::counter::ItemsCount::new(parsed.len()))
        .bench(|| {
            for n in &parsed {
                black_box(NameKeys::of(black_box(n)));
            }
        });
}

/// Folding (transliteration to the common form) alone, the first step of every key.
#[divan::bench]
fn fold_names(b: Bencher) {
    b.counter(divan::counter::ItemsCount::new(NAMES.len()))
        .bench(|| {
            for n in NAMES {
                black_box(fold(black_box(n)));
            }
        });
}

/// Birth places written as lists write them, for the pairs of records.
const PLACES: &[&str] = &[
    "Каркаралинский уезд, аул № 7",
    "Karkaraly",
    "Тургайская обл., Сарткопа",
    "Turgaiskaia obl, Sartkopa",
    "Акмолинская обл., Атбасарский р-н, с. Покровка",
    "Akmolinskaia oblast, Atbasarskii raion, selo Pokrovka",
    "Саратовская губ.",
    "17 reuther street, blue hills, parramatta 3300 qld",
];

/// Records of the mix of names, each with a birth place and year.
fn records() -> Vec<DedupRecord> {
    NAMES
        .iter()
        .enumerate()
        .map(|(k, name)| DedupRecord {
            id: format!("r{k}"),
            origin: Origin {
                kind: DatasetKind::Victims,
                file: None,
                line: None,
            },
            names: vec![PersonName::parse(name)],
            sex: None,
            birth: HistoricalDate::parse(["1890", "1891", "1895-03-02"][k % 3])
                .ok()
                .and_then(|d| DateSpan::from_date(&d)),
            birth_place: Some(PLACES[k % PLACES.len()].to_owned()),
            nationality: None,
            cases: Vec::new(),
            death: None,
            same_as: Vec::new(),
        })
        .collect()
}

/// Every pair of the mix, compared by `compare`.
fn bench_all_pairs<T>(b: Bencher, compare: impl Fn(&PairBench, usize, usize) -> T + Sync) {
    let recs = records();
    let pairs = PairBench::new(&recs);
    let n = recs.len();
    b.counter(divan::counter::ItemsCount::new(n * (n - 1) / 2))
        .bench(|| {
            for i in 0..n {
                for j in i + 1..n {
                    black_box(compare(&pairs, black_box(i), black_box(j)));
                }
            }
        });
}

/// Every pair of the mix compared as a run compares them (levels only): names (with their
/// slips, initials and other scripts) and birth places. Most pairs of a run are unrelated
/// names, as most of these. After the first round the list's memo answers the names and places
/// (as it does for the names and places a run meets again): the cost of the rest of a pair;
/// `compare_pairs_exact` computes every similarity.
#[divan::bench]
fn compare_pairs(b: Bencher) {
    bench_all_pairs(b, PairBench::compare);
}

/// The same pairs with the names' exact similarities (as `explain` computes them).
#[divan::bench]
fn compare_pairs_exact(b: Bencher) {
    bench_all_pairs(b, PairBench::compare_exact);
}
