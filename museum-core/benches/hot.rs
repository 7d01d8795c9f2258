//! Micro-benchmarks of the two hot spots of reading a list: parsing dates and computing the
//! keys names are matched on (a profile of `museum report` on a million synthetic records puts
//! name parsing near 30 % of reading, dates near 14 %).
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
