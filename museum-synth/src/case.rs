//! A person's repression case: the arrest waves, charges, sentencing bodies, sentences, camps,
//! deaths and rehabilitations (facts.md §5).

use super::pools::{self, Body, Nationality, PlaceName};
use museum_core::model::date::Day;
use museum_core::rng::Rng;

/// A sentencing body.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BodyRef {
    /// A fixed body.
    Fixed(Body),
    /// `Тройка УНКВД по … обл.` of an oblast.
    Troika(usize),
}

/// Who arrested.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ArrestedBy {
    Ogpu(usize),
    Nkvd(usize),
    Mgb(usize),
}

/// The kinds of sentence the generator gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SentenceGiven {
    Death,
    /// Years of corrective-labour camp; `true` for the 1930s word "концлагерь".
    Camp(u8, bool),
    Exile(u8),
    Banishment,
    Deportation,
    Dismissed,
}

/// The charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charge {
    /// Articles of the criminal code (`58-10`, `58-11`, `61`).
    Articles(&'static [&'static str]),
    /// "Member of the family of a traitor to the motherland".
    Chsir,
    /// No charge (deportation by category).
    None,
}

/// One repression case.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) arrest: Option<Day>,
    pub(crate) arrested_by: Option<ArrestedBy>,
    pub(crate) charge: Charge,
    pub(crate) body: BodyRef,
    pub(crate) sentence_date: Day,
    pub(crate) sentence: SentenceGiven,
    pub(crate) execution: Option<(Day, PlaceName)>,
    pub(crate) camp: Option<(usize, Day)>,
    pub(crate) release: Option<Day>,
    pub(crate) rehab: Option<(Day, Body)>,
}

/// Where a person died, when known.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DeathPlace {
    /// Shot at a place.
    Executed(PlaceName),
    /// Died in a camp.
    Camp(usize),
}

pub(super) fn day(y: i32, m: u8, d: u8) -> Day {
    Day::new(y, m, d).unwrap_or(Day {
        year: y,
        month: 1,
        day: 1,
    })
}

pub(super) fn day_between(rng: &mut Rng, a: Day, b: Day) -> Day {
    let span = b.days_since_epoch() - a.days_since_epoch();
    if span <= 0 {
        return a;
    }
    a.add_days(rng.range(0, span))
}

pub(super) fn after(rng: &mut Rng, d: Day, lo: i64, hi: i64) -> Day {
    d.add_days(rng.range(lo, hi))
}

pub(super) fn max_day(a: Day, b: Day) -> Day {
    if a > b { a } else { b }
}

pub(super) fn min_day(a: Day, b: Day) -> Day {
    if a < b { a } else { b }
}

/// Waves of repression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wave {
    /// 1928–1929: confiscation of bai property, the first Alash arrests.
    Confiscation,
    /// 1930–1931: collectivisation, dekulakisation, uprisings.
    Collectivisation,
    /// 1932 – July 1937.
    Interwar,
    /// August 1937 – November 1938: the mass operations.
    Terror,
    /// The deportation of the person's people (1936 Poles, 1937 Koreans, 1941 Germans,
    /// 1944 Chechens and Ingush).
    Deportation,
    /// 1939 – March 1953.
    WarPostwar,
}

impl Wave {
    fn span(self) -> (Day, Day) {
        match self {
            Wave::Confiscation => (day(1928, 8, 27), day(1929, 12, 31)),
            Wave::Collectivisation => (day(1930, 1, 1), day(1931, 12, 31)),
            Wave::Interwar => (day(1932, 1, 1), day(1937, 7, 31)),
            Wave::Terror => (day(1937, 8, 5), day(1938, 11, 17)),
            Wave::Deportation => (day(1936, 5, 20), day(1944, 3, 9)),
            Wave::WarPostwar => (day(1939, 1, 1), day(1953, 3, 5)),
        }
    }
}

pub(super) const WAVES: [Wave; 6] = [
    Wave::Confiscation,
    Wave::Collectivisation,
    Wave::Interwar,
    Wave::Terror,
    Wave::Deportation,
    Wave::WarPostwar,
];

pub(super) fn wave_weights(eth: Nationality) -> [u32; 6] {
    match eth {
        Nationality::Kazakh => [6, 22, 8, 45, 0, 15],
        Nationality::Russian | Nationality::Ukrainian => [2, 20, 8, 45, 0, 20],
        Nationality::German => [1, 8, 5, 25, 45, 12],
        Nationality::Korean => [0, 3, 3, 20, 60, 10],
        Nationality::Tatar => [2, 8, 6, 60, 0, 15],
        Nationality::Polish => [1, 5, 5, 35, 35, 15],
        Nationality::Chechen | Nationality::Ingush => [0, 2, 3, 20, 60, 15],
    }
}

/// The youngest and oldest age at arrest the generator gives.
pub(crate) const AGE_MIN: i32 = 16;
/// See [`AGE_MIN`].
pub(crate) const AGE_MAX: i32 = 75;

pub(super) fn wave_fits(w: Wave, eth: Nationality, birth_year: i32) -> bool {
    let (a, b) = match w {
        Wave::Deportation => match pools::deportation(eth) {
            Some(d) => (d.from.0, d.to.0),
            None => return false,
        },
        _ => (w.span().0.year, w.span().1.year),
    };
    // Some year of the wave must give an age within bounds.
    b - birth_year >= AGE_MIN && a - birth_year <= AGE_MAX
}

pub(super) fn pick_wave(rng: &mut Rng, eth: Nationality, birth_year: i32) -> Wave {
    let mut w = wave_weights(eth);
    for (i, wave) in WAVES.iter().enumerate() {
        if !wave_fits(*wave, eth, birth_year) {
            w[i] = 0;
        }
    }
    if w.iter().all(|x| *x == 0) {
        return Wave::Terror;
    }
    WAVES[rng.weighted(&w)]
}

/// Draws a birth year 1870–1920, most people born 1885–1910.
pub(super) fn birth_year(rng: &mut Rng) -> i32 {
    // Sum of two uniforms: a triangle on 1870..=1920 peaking at 1895.
    let y = 1870 + rng.range(0, 25) as i32 + rng.range(0, 25) as i32;
    y.clamp(1870, 1920)
}

pub(super) fn arrest_in(rng: &mut Rng, w: Wave, birth_year: i32) -> Day {
    let (a, b) = w.span();
    let a = max_day(a, day(birth_year + AGE_MIN, 1, 1));
    let b = min_day(b, day(birth_year + AGE_MAX, 12, 31));
    day_between(rng, a, b)
}

pub(super) const C_5810: &[&str] = &["58-10"];
pub(super) const C_5810_11: &[&str] = &["58-10", "58-11"];
pub(super) const C_582_11: &[&str] = &["58-2", "58-11"];
pub(super) const C_582: &[&str] = &["58-2"];
pub(super) const C_587: &[&str] = &["58-7"];
pub(super) const C_588: &[&str] = &["58-8"];
pub(super) const C_5811: &[&str] = &["58-11"];
pub(super) const C_586: &[&str] = &["58-6"];
pub(super) const C_589: &[&str] = &["58-9"];
pub(super) const C_5814: &[&str] = &["58-14"];
pub(super) const C_581A: &[&str] = &["58-1а"];
pub(super) const C_581B: &[&str] = &["58-1б"];
pub(super) const C_61: &[&str] = &["61"];
pub(super) const C_593: &[&str] = &["59-3"];
pub(super) const C_107: &[&str] = &["107"];
pub(super) const C_588_11: &[&str] = &["58-8", "58-11"];
pub(super) const C_5810_582: &[&str] = &["58-2", "58-10"];

pub(super) fn charge(rng: &mut Rng, w: Wave, eth: Nationality) -> Charge {
    let national = matches!(
        eth,
        Nationality::German | Nationality::Polish | Nationality::Korean
    );
    let pool: &[(&'static [&'static str], u32)] = match w {
        Wave::Confiscation => &[
            (C_5810, 30),
            (C_5811, 15),
            (C_582, 15),
            (C_61, 25),
            (C_107, 15),
        ],
        Wave::Collectivisation => &[
            (C_5810, 25),
            (C_582, 20),
            (C_588, 5),
            (C_5811, 10),
            (C_61, 15),
            (C_593, 10),
            (C_587, 5),
            (C_107, 5),
            (C_5810_582, 5),
        ],
        Wave::Interwar => &[
            (C_5810, 50),
            (C_587, 15),
            (C_5814, 10),
            (C_5811, 10),
            (C_5810_11, 15),
        ],
        Wave::Terror if national => &[
            (C_586, 45),
            (C_5810, 25),
            (C_5810_11, 15),
            (C_589, 5),
            (C_582_11, 10),
        ],
        Wave::Terror => &[
            (C_5810, 40),
            (C_5810_11, 15),
            (C_582_11, 8),
            (C_587, 6),
            (C_588, 6),
            (C_588_11, 4),
            (C_5811, 10),
            (C_582, 5),
            (C_589, 3),
            (C_586, 3),
        ],
        Wave::WarPostwar => &[
            (C_5810, 40),
            (C_581A, 20),
            (C_581B, 5),
            (C_5811, 10),
            (C_5814, 5),
            (C_5810_11, 20),
        ],
        Wave::Deportation => return Charge::None,
    };
    let articles: &&[&str] = rng.pick_weighted(pool);
    Charge::Articles(articles)
}

pub(super) fn camp_for(rng: &mut Rng, arrival: Day, women: bool) -> Option<usize> {
    let y = arrival.year;
    let ok: Vec<usize> = pools::CAMPS
        .iter()
        .enumerate()
        .filter(|(_, c)| c.open.0 <= y && y <= c.open.1 && (women || !c.women))
        .map(|(i, _)| i)
        .collect();
    if ok.is_empty() {
        return None;
    }
    // Karlag (index 0) takes half of those sent from Kazakhstan whenever it is open.
    if ok.contains(&0) && rng.chance(0.5) {
        return Some(0);
    }
    Some(*rng.pick(&ok))
}

pub(super) fn rehab(rng: &mut Rng, not_before: Day, deported: bool) -> Option<(Day, Body)> {
    let p = if deported { 0.7 } else { 0.8 };
    if !rng.chance(p) {
        return None;
    }
    let period = if deported { [0, 30, 70] } else { [45, 40, 15] };
    let (a, b, bodies): (Day, Day, &[Body]) = match rng.weighted(&period) {
        0 => (day(1954, 3, 1), day(1962, 12, 31), pools::REHAB_1950S),
        1 => (day(1988, 1, 1), day(1991, 12, 15), pools::REHAB_PERESTROIKA),
        _ => (day(1992, 1, 1), day(1999, 12, 31), pools::REHAB_1990S),
    };
    let a = max_day(a, not_before.add_days(30));
    if a > b {
        // Too late for this period (a release in 1962): the next one.
        let a2 = max_day(day(1988, 1, 1), not_before.add_days(30));
        return Some((
            day_between(rng, a2, day(1999, 12, 31)),
            *rng.pick(pools::REHAB_PERESTROIKA),
        ));
    }
    Some((day_between(rng, a, b), *rng.pick(bodies)))
}

/// The sentence of a case, by wave and body.
pub(super) fn sentence(
    rng: &mut Rng,
    w: Wave,
    body: &BodyRef,
    sentence_date: Day,
) -> SentenceGiven {
    use SentenceGiven::{Banishment, Camp, Death, Dismissed, Exile};
    let vkvs = matches!(body, BodyRef::Fixed(b) if b.ru == pools::VKVS.ru);
    let dvoika = matches!(body, BodyRef::Fixed(b) if b.ru == pools::DVOIKA.ru);
    let oso = matches!(body, BodyRef::Fixed(b) if b.ru.starts_with("ОСО"));
    let options: &[(SentenceGiven, u32)] = match w {
        Wave::Confiscation => &[
            (Camp(10, true), 30),
            (Death, 15),
            (Banishment, 35),
            (Exile(3), 20),
        ],
        Wave::Collectivisation => &[
            (Death, 25),
            (Camp(10, true), 25),
            (Camp(5, true), 20),
            (Exile(3), 10),
            (Banishment, 15),
            (Dismissed, 5),
        ],
        Wave::Interwar => &[
            (Camp(5, false), 30),
            (Camp(3, false), 20),
            (Camp(10, false), 20),
            (Exile(3), 15),
            (Death, 10),
            (Dismissed, 5),
        ],
        Wave::Terror if vkvs => &[(Death, 85), (Camp(10, false), 15)],
        Wave::Terror if dvoika => &[(Death, 70), (Camp(10, false), 30)],
        Wave::Terror if oso => &[
            (Camp(8, false), 40),
            (Camp(5, false), 30),
            (Exile(5), 15),
            (Camp(3, false), 15),
        ],
        Wave::Terror => &[(Death, 50), (Camp(10, false), 40), (Camp(8, false), 10)],
        Wave::WarPostwar => {
            let y = sentence_date.year;
            let death_ok = !(1947..=1949).contains(&y);
            if y >= 1947 {
                if death_ok {
                    &[
                        (Camp(10, false), 45),
                        (Camp(25, false), 25),
                        (Camp(8, false), 15),
                        (Death, 5),
                        (Camp(5, false), 10),
                    ]
                } else {
                    &[
                        (Camp(10, false), 45),
                        (Camp(25, false), 30),
                        (Camp(8, false), 15),
                        (Camp(5, false), 10),
                    ]
                }
            } else {
                &[
                    (Camp(10, false), 50),
                    (Camp(8, false), 15),
                    (Death, 15),
                    (Camp(5, false), 20),
                ]
            }
        }
        Wave::Deportation => return SentenceGiven::Deportation,
    };
    *rng.pick_weighted(options)
}

pub(super) fn body_for(
    rng: &mut Rng,
    w: Wave,
    eth: Nationality,
    oblast: usize,
    arrest: Day,
) -> BodyRef {
    use BodyRef::{Fixed, Troika};
    match w {
        Wave::Confiscation => {
            if rng.chance(0.6) {
                Fixed(pools::OGPU_COLLEGIUM)
            } else {
                Fixed(pools::COURTS[0])
            }
        }
        Wave::Collectivisation => match rng.weighted(&[75, 10, 15]) {
            0 => Fixed(pools::OGPU_TROIKA),
            1 => Fixed(pools::OGPU_COLLEGIUM),
            _ => Fixed(pools::COURTS[0]),
        },
        Wave::Interwar => {
            if arrest.year < 1934 && rng.chance(0.4) {
                Fixed(pools::OGPU_TROIKA)
            } else if rng.chance(0.55) {
                Fixed(pools::OSO)
            } else if rng.chance(0.5) {
                Fixed(pools::COURTS[0])
            } else {
                Fixed(*rng.pick(pools::TRIBUNALS))
            }
        }
        Wave::Terror => {
            let national = matches!(
                eth,
                Nationality::German | Nationality::Polish | Nationality::Korean
            );
            let w = if national {
                [35, 8, 12, 40, 5]
            } else {
                [60, 12, 15, 5, 8]
            };
            match rng.weighted(&w) {
                0 => Troika(oblast),
                1 => Fixed(pools::VKVS),
                2 => Fixed(pools::OSO),
                3 => Fixed(pools::DVOIKA),
                _ => Fixed(pools::NKVD_TROIKA_KAZ),
            }
        }
        Wave::WarPostwar => match rng.weighted(&[35, 35, 30]) {
            0 => Fixed(*rng.pick(pools::TRIBUNALS)),
            1 if arrest.year >= 1946 => Fixed(pools::OSO_MGB),
            1 => Fixed(pools::OSO),
            _ => Fixed(pools::COURTS[1]),
        },
        Wave::Deportation => Fixed(pools::deportation(eth).map_or(pools::OSO, |d| d.act)),
    }
}

pub(super) fn arrested_by(rng: &mut Rng, arrest: Day) -> ArrestedBy {
    let y = arrest.year;
    if y < 1934 || (y == 1934 && arrest.month < 7) {
        ArrestedBy::Ogpu(rng.below(pools::ARRESTED_BY_OGPU.len()))
    } else if y < 1943 {
        ArrestedBy::Nkvd(rng.below(pools::ARRESTED_BY_NKVD.len()))
    } else {
        ArrestedBy::Mgb(rng.below(pools::ARRESTED_BY_MGB.len()))
    }
}

/// Builds a case around an arrest date. `deadline` bounds the sentence date (a later case).
pub(super) fn case_at(
    rng: &mut Rng,
    w: Wave,
    eth: Nationality,
    female: bool,
    oblast: usize,
    arrest: Day,
    forbid_death: bool,
) -> (Case, Option<(Day, DeathPlace)>) {
    if w == Wave::Deportation {
        let d = pools::deportation(eth).expect("deportation wave only for deported peoples");
        let date = day_between(
            rng,
            day(d.from.0, d.from.1, d.from.2),
            day(d.to.0, d.to.1, d.to.2),
        );
        let release = rng
            .chance(0.4)
            .then(|| day_between(rng, day(1954, 7, 1), day(1957, 12, 31)));
        let rehab = rehab(rng, release.unwrap_or(date), true);
        let case = Case {
            arrest: None,
            arrested_by: None,
            charge: Charge::None,
            body: BodyRef::Fixed(d.act),
            sentence_date: date,
            sentence: SentenceGiven::Deportation,
            execution: None,
            camp: None,
            release,
            rehab,
        };
        return (case, None);
    }
    let body = body_for(rng, w, eth, oblast, arrest);
    let charge = charge(rng, w, eth);
    let vkvs = matches!(body, BodyRef::Fixed(b) if b.ru == pools::VKVS.ru);
    let mut sentence_date = if vkvs {
        after(rng, arrest, 60, 240)
    } else {
        after(rng, arrest, 7, 120)
    };
    if let BodyRef::Troika(_) = body {
        // The troikas stopped on 17 November 1938.
        sentence_date = max_day(arrest, min_day(sentence_date, day(1938, 11, 17)));
    }
    let mut sent = sentence(rng, w, &body, sentence_date);
    if forbid_death && sent == SentenceGiven::Death {
        sent = SentenceGiven::Camp(5, w == Wave::Collectivisation || w == Wave::Confiscation);
    }
    let mut death = None;
    let mut execution = None;
    let mut camp = None;
    let mut release = None;
    match sent {
        SentenceGiven::Death => {
            let d = if vkvs && rng.chance(0.6) {
                sentence_date
            } else {
                after(rng, sentence_date, 0, 12)
            };
            let place = if vkvs && rng.chance(0.25) {
                pools::MOSCOW
            } else {
                pools::OBLASTS[oblast].city
            };
            execution = Some((d, place));
            death = Some((d, DeathPlace::Executed(place)));
        }
        SentenceGiven::Camp(years, _) => {
            let arrival = after(rng, sentence_date, 20, 150);
            if let Some(ci) = camp_for(rng, arrival, female) {
                camp = Some((ci, arrival));
                let end = arrival.add_days(i64::from(years) * 365 + rng.range(-40, 40));
                if rng.chance(0.22) {
                    // Died before the term ended, while the camp still existed.
                    let closed = day(pools::CAMPS[ci].open.1 + 1, 12, 31);
                    let last = min_day(min_day(end, day(1953, 12, 31)), closed);
                    let died = day_between(
                        rng,
                        arrival.add_days(60),
                        max_day(last, arrival.add_days(61)),
                    );
                    death = Some((died, DeathPlace::Camp(ci)));
                } else if rng.chance(0.6) {
                    // Released at the end of the term, or early after 1953.
                    release = Some(if end.year >= 1954 {
                        day_between(
                            rng,
                            max_day(arrival.add_days(60), day(1954, 1, 1)),
                            max_day(end, day(1956, 12, 31)),
                        )
                    } else {
                        end
                    });
                }
            }
        }
        SentenceGiven::Exile(years) => {
            if rng.chance(0.4) {
                release = Some(sentence_date.add_days(i64::from(years) * 365 + rng.range(0, 60)));
            }
        }
        SentenceGiven::Banishment | SentenceGiven::Dismissed | SentenceGiven::Deportation => {}
    }
    let after_all = [Some(sentence_date), release, death.map(|d| d.0)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(sentence_date);
    let rehab = if sent == SentenceGiven::Dismissed {
        None
    } else {
        rehab(rng, after_all, false)
    };
    let case = Case {
        arrest: Some(arrest),
        arrested_by: Some(arrested_by(rng, arrest)),
        charge,
        body,
        sentence_date,
        sentence: sent,
        execution,
        camp,
        release,
        rehab,
    };
    (case, death)
}
