//! The ground truth: groups of persons (single persons, fathers and sons, brothers, spouses,
//! namesakes) and their facts — names, birth, places, occupation, repression cases, death.
//!
//! Everything here is the *true* state of a synthetic person. How a list writes it (script,
//! spelling, date format, omissions, typos) is [`super::render`]'s business. A group is generated
//! from its own random stream, so any group can be regenerated from the seed and its number.

use super::pools::{self, Body, Eth, Loc, Occupation, Uezd};
use super::translit::{RuHabits, feminine_surname};
use crate::model::date::Day;
use crate::rng::{Rng, mix};

/// Salt of the group-plan streams.
pub(crate) const SALT_PLAN: u64 = 1;
/// Salt of the group-content streams.
pub(crate) const SALT_GROUP: u64 = 2;

/// How the persons of a group are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// One person.
    Single,
    /// A father and his son: the son's patronymic is the father's given name.
    FatherSon,
    /// Two or three brothers: same surname and patronymic.
    Brothers,
    /// A husband and his wife.
    Spouses,
    /// Different persons with the same full name and birth years within ±2.
    Namesakes,
}

/// The plan of a group: its kind and how many records each member gets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupPlan {
    pub(crate) kind: GroupKind,
    pub(crate) members: usize,
    /// Records per member (1 = no duplicate).
    pub(crate) copies: [u8; 3],
}

impl GroupPlan {
    /// The plan of group `g`, from its own stream.
    pub(crate) fn derive(seed: u64, g: u64, duplicates: f64) -> GroupPlan {
        let mut rng = Rng::new(mix(seed, SALT_PLAN, g, 0));
        let kind = match rng.weighted(&[880, 30, 30, 25, 35]) {
            0 => GroupKind::Single,
            1 => GroupKind::FatherSon,
            2 => GroupKind::Brothers,
            3 => GroupKind::Spouses,
            _ => GroupKind::Namesakes,
        };
        let members = match kind {
            GroupKind::Single => 1,
            GroupKind::FatherSon | GroupKind::Spouses => 2,
            GroupKind::Brothers | GroupKind::Namesakes => 2 + usize::from(rng.chance(0.25)),
        };
        let mut copies = [1u8; 3];
        for c in &mut copies {
            // Always draw both numbers so the stream does not depend on `duplicates`.
            let dup = rng.unit() < duplicates;
            let n = [2u8, 3, 4][rng.weighted(&[55, 30, 15])];
            if dup {
                *c = n;
            }
        }
        GroupPlan {
            kind,
            members,
            copies,
        }
    }
}

/// A surname.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Surname {
    /// A Kazakh surname from a root (`Бөкейхан`): lists write it Russified (`Бөкейханов`),
    /// de-Russified (`Бөкейхан`) or with `-ұлы/-қызы`.
    Kazakh(&'static str),
    /// Any other surname, already in the person's gender (`Иванова`), with the German spelling
    /// for Germans.
    Plain {
        ru: String,
        de: Option<&'static str>,
    },
}

/// Where a person was born.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BirthPlace {
    /// `аул № 7, Токрауская вол., Каркаралинский у.`
    Aul {
        uezd: &'static Uezd,
        volost: &'static Loc,
        aul: u8,
    },
    /// A district of an oblast of the 1930s.
    District { oblast: usize, district: usize },
    /// A place outside Kazakhstan, in Russian.
    Foreign(&'static str),
}

/// Where a person lived when arrested.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Residence {
    pub(crate) oblast: usize,
    /// `None`: the oblast centre; else a district and a kolkhoz.
    pub(crate) district: Option<(usize, usize)>,
}

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
pub(crate) enum Sent {
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
    pub(crate) sentence: Sent,
    pub(crate) execution: Option<(Day, Loc)>,
    pub(crate) camp: Option<(usize, Day)>,
    pub(crate) release: Option<Day>,
    pub(crate) rehab: Option<(Day, Body)>,
}

/// Where a person died, when known.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DeathPlace {
    /// Shot at a place.
    Executed(Loc),
    /// Died in a camp.
    Camp(usize),
}

/// A synthetic person: the truth every record of the person is rendered from.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) eth: Eth,
    pub(crate) female: bool,
    /// Given name (Kazakh Cyrillic for Kazakhs, Russian documents' spelling otherwise).
    pub(crate) given: &'static str,
    /// German spelling of the given name (Germans).
    pub(crate) given_de: Option<&'static str>,
    /// The father's given name, when known (patronymic source).
    pub(crate) father: Option<&'static str>,
    pub(crate) surname: Surname,
    pub(crate) habits: RuHabits,
    pub(crate) birth: Day,
    /// Whether the day of birth is known (else only the year).
    pub(crate) birth_day_known: bool,
    pub(crate) birthplace: BirthPlace,
    pub(crate) residence: Residence,
    pub(crate) occupation: &'static Occupation,
    pub(crate) cases: Vec<Case>,
    pub(crate) death: Option<(Day, DeathPlace)>,
    /// The simulated lists the person's records come from, one per copy, all different.
    pub(crate) lists: [u8; 4],
}

fn day(y: i32, m: u8, d: u8) -> Day {
    Day::new(y, m, d).unwrap_or(Day {
        year: y,
        month: 1,
        day: 1,
    })
}

fn day_between(rng: &mut Rng, a: Day, b: Day) -> Day {
    let span = b.days_since_epoch() - a.days_since_epoch();
    if span <= 0 {
        return a;
    }
    a.add_days(rng.range(0, span))
}

fn after(rng: &mut Rng, d: Day, lo: i64, hi: i64) -> Day {
    d.add_days(rng.range(lo, hi))
}

fn max_day(a: Day, b: Day) -> Day {
    if a > b { a } else { b }
}

fn min_day(a: Day, b: Day) -> Day {
    if a < b { a } else { b }
}

/// Waves of repression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wave {
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

const WAVES: [Wave; 6] = [
    Wave::Confiscation,
    Wave::Collectivisation,
    Wave::Interwar,
    Wave::Terror,
    Wave::Deportation,
    Wave::WarPostwar,
];

fn wave_weights(eth: Eth) -> [u32; 6] {
    match eth {
        Eth::Kazakh => [6, 22, 8, 45, 0, 15],
        Eth::Russian | Eth::Ukrainian => [2, 20, 8, 45, 0, 20],
        Eth::German => [1, 8, 5, 25, 45, 12],
        Eth::Korean => [0, 3, 3, 20, 60, 10],
        Eth::Tatar => [2, 8, 6, 60, 0, 15],
        Eth::Polish => [1, 5, 5, 35, 35, 15],
        Eth::Chechen | Eth::Ingush => [0, 2, 3, 20, 60, 15],
    }
}

/// The youngest and oldest age at arrest the generator gives.
pub(crate) const AGE_MIN: i32 = 16;
/// See [`AGE_MIN`].
pub(crate) const AGE_MAX: i32 = 75;

fn wave_fits(w: Wave, eth: Eth, birth_year: i32) -> bool {
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

fn pick_wave(rng: &mut Rng, eth: Eth, birth_year: i32) -> Wave {
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
fn birth_year(rng: &mut Rng) -> i32 {
    // Sum of two uniforms: a triangle on 1870..=1920 peaking at 1895.
    #[allow(clippy::cast_possible_truncation)]
    let y = 1870 + rng.range(0, 25) as i32 + rng.range(0, 25) as i32;
    y.clamp(1870, 1920)
}

fn arrest_in(rng: &mut Rng, w: Wave, birth_year: i32) -> Day {
    let (a, b) = w.span();
    let a = max_day(a, day(birth_year + AGE_MIN, 1, 1));
    let b = min_day(b, day(birth_year + AGE_MAX, 12, 31));
    day_between(rng, a, b)
}

const C_5810: &[&str] = &["58-10"];
const C_5810_11: &[&str] = &["58-10", "58-11"];
const C_582_11: &[&str] = &["58-2", "58-11"];
const C_582: &[&str] = &["58-2"];
const C_587: &[&str] = &["58-7"];
const C_588: &[&str] = &["58-8"];
const C_5811: &[&str] = &["58-11"];
const C_586: &[&str] = &["58-6"];
const C_589: &[&str] = &["58-9"];
const C_5814: &[&str] = &["58-14"];
const C_581A: &[&str] = &["58-1а"];
const C_581B: &[&str] = &["58-1б"];
const C_61: &[&str] = &["61"];
const C_593: &[&str] = &["59-3"];
const C_107: &[&str] = &["107"];
const C_588_11: &[&str] = &["58-8", "58-11"];
const C_5810_582: &[&str] = &["58-2", "58-10"];

fn charge(rng: &mut Rng, w: Wave, eth: Eth) -> Charge {
    let national = matches!(eth, Eth::German | Eth::Polish | Eth::Korean);
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

fn camp_for(rng: &mut Rng, arrival: Day, women: bool) -> Option<usize> {
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

fn rehab(rng: &mut Rng, not_before: Day, deported: bool) -> Option<(Day, Body)> {
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
fn sentence(rng: &mut Rng, w: Wave, body: &BodyRef, sentence_date: Day) -> Sent {
    use Sent::{Banishment, Camp, Death, Dismissed, Exile};
    let vkvs = matches!(body, BodyRef::Fixed(b) if b.ru == pools::VKVS.ru);
    let dvoika = matches!(body, BodyRef::Fixed(b) if b.ru == pools::DVOIKA.ru);
    let oso = matches!(body, BodyRef::Fixed(b) if b.ru.starts_with("ОСО"));
    let options: &[(Sent, u32)] = match w {
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
        Wave::Deportation => return Sent::Deportation,
    };
    *rng.pick_weighted(options)
}

fn body_for(rng: &mut Rng, w: Wave, eth: Eth, oblast: usize, arrest: Day) -> BodyRef {
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
            let national = matches!(eth, Eth::German | Eth::Polish | Eth::Korean);
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
        Wave::Deportation => Fixed(pools::deportation(eth).map(|d| d.act).unwrap_or(pools::OSO)),
    }
}

fn arrested_by(rng: &mut Rng, arrest: Day) -> ArrestedBy {
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
fn case_at(
    rng: &mut Rng,
    w: Wave,
    eth: Eth,
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
            sentence: Sent::Deportation,
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
    if forbid_death && sent == Sent::Death {
        sent = Sent::Camp(5, w == Wave::Collectivisation || w == Wave::Confiscation);
    }
    let mut death = None;
    let mut execution = None;
    let mut camp = None;
    let mut release = None;
    match sent {
        Sent::Death => {
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
        Sent::Camp(years, _) => {
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
        Sent::Exile(years) => {
            if rng.chance(0.4) {
                release = Some(sentence_date.add_days(i64::from(years) * 365 + rng.range(0, 60)));
            }
        }
        Sent::Banishment | Sent::Dismissed | Sent::Deportation => {}
    }
    let after_all = [Some(sentence_date), release, death.map(|d| d.0)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(sentence_date);
    let rehab = if sent == Sent::Dismissed {
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

fn oblast_weights(eth: Eth, deported: bool) -> &'static [u32; 13] {
    if !deported {
        return &pools::OBLAST_WEIGHTS[0];
    }
    match eth {
        Eth::Korean => &pools::OBLAST_WEIGHTS[1],
        Eth::German | Eth::Polish => &pools::OBLAST_WEIGHTS[2],
        _ => &pools::OBLAST_WEIGHTS[3],
    }
}

fn pick_occupation(rng: &mut Rng, female: bool) -> &'static Occupation {
    loop {
        let o: &'static Occupation = rng.pick_weighted(pools::OCCUPATIONS);
        if o.who == 0 || (o.who == 1 && !female) || (o.who == 2 && female) {
            return o;
        }
    }
}

/// Names for a person of `eth` and sex.
fn names(
    rng: &mut Rng,
    eth: Eth,
    female: bool,
) -> (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Surname,
) {
    fn plain(s: &str, female: bool) -> Surname {
        Surname::Plain {
            ru: if female {
                feminine_surname(s)
            } else {
                s.to_owned()
            },
            de: None,
        }
    }
    let g = |rng: &mut Rng, m: &'static [&'static str], f: &'static [&'static str]| {
        *rng.pick(if female { f } else { m })
    };
    match eth {
        Eth::Kazakh => {
            let given = g(rng, pools::KZ_MALE, pools::KZ_FEMALE);
            let father = *rng.pick(pools::KZ_MALE);
            let root = if rng.chance(0.5) {
                *rng.pick(pools::KZ_ROOTS)
            } else {
                *rng.pick(pools::KZ_MALE)
            };
            (given, None, Some(father), Surname::Kazakh(root))
        }
        Eth::Russian => (
            g(rng, pools::RU_MALE, pools::RU_FEMALE),
            None,
            Some(*rng.pick(pools::RU_MALE)),
            plain(rng.pick_str(pools::RU_SURNAMES), female),
        ),
        Eth::Ukrainian => (
            g(rng, pools::UA_MALE, pools::UA_FEMALE),
            None,
            Some(*rng.pick(pools::UA_MALE)),
            plain(rng.pick_str(pools::UA_SURNAMES), female),
        ),
        Eth::German => {
            let (ru, de) = *rng.pick(if female {
                pools::DE_FEMALE
            } else {
                pools::DE_MALE
            });
            let father = rng.pick(pools::DE_MALE).0;
            let (sru, sde) = *rng.pick(pools::DE_SURNAMES);
            (
                ru,
                Some(de),
                Some(father),
                Surname::Plain {
                    ru: sru.to_owned(),
                    de: Some(sde),
                },
            )
        }
        Eth::Korean => {
            let korean = rng.chance(0.45);
            let given = match (korean, female) {
                (true, false) => *rng.pick(pools::KO_MALE_KOREAN),
                (true, true) => *rng.pick(pools::KO_FEMALE_KOREAN),
                (false, _) => g(rng, pools::RU_MALE, pools::RU_FEMALE),
            };
            let father = (!korean || rng.chance(0.3)).then(|| *rng.pick(pools::RU_MALE));
            (
                given,
                None,
                father,
                plain(rng.pick_str(pools::KO_SURNAMES), female),
            )
        }
        Eth::Tatar => (
            g(rng, pools::TT_MALE, pools::TT_FEMALE),
            None,
            Some(*rng.pick(pools::TT_MALE)),
            plain(rng.pick_str(pools::TT_SURNAMES), female),
        ),
        Eth::Polish => (
            g(rng, pools::PL_MALE, pools::PL_FEMALE),
            None,
            Some(*rng.pick(pools::PL_MALE)),
            plain(rng.pick_str(pools::PL_SURNAMES), female),
        ),
        Eth::Chechen => (
            g(rng, pools::CE_MALE, pools::CE_FEMALE),
            None,
            Some(*rng.pick(pools::CE_MALE)),
            plain(rng.pick_str(pools::CE_SURNAMES), female),
        ),
        Eth::Ingush => (
            g(rng, pools::IN_MALE, pools::CE_FEMALE),
            None,
            Some(*rng.pick(pools::IN_MALE)),
            plain(rng.pick_str(pools::IN_SURNAMES), female),
        ),
    }
}

/// List weights per nationality group: Kazakhs, Germans, others (see `render::LISTS`).
const LIST_WEIGHTS: [[u32; 7]; 3] = [
    [25, 30, 15, 5, 3, 2, 20],
    [25, 3, 20, 8, 1, 30, 13],
    [30, 8, 25, 7, 1, 3, 26],
];

fn pick_lists(rng: &mut Rng, eth: Eth) -> [u8; 4] {
    let mut w = match eth {
        Eth::Kazakh => LIST_WEIGHTS[0],
        Eth::German => LIST_WEIGHTS[1],
        _ => LIST_WEIGHTS[2],
    };
    let mut out = [0u8; 4];
    for slot in &mut out {
        let i = rng.weighted(&w);
        #[allow(clippy::cast_possible_truncation)]
        {
            *slot = i as u8;
        }
        w[i] = 0;
    }
    out
}

struct Spec {
    eth: Eth,
    female: bool,
    birth_year: i32,
    wave: Option<Wave>,
}

fn person(rng: &mut Rng, spec: &Spec) -> Person {
    let Spec {
        eth,
        female,
        birth_year,
        ..
    } = *spec;
    let wave = match spec.wave {
        Some(w) if wave_fits(w, eth, birth_year) => w,
        _ => pick_wave(rng, eth, birth_year),
    };
    let (given, given_de, father, surname) = names(rng, eth, female);
    let habits = RuHabits {
        o_as_u: rng.chance(0.3),
        zh_as_dzh: rng.chance(0.15),
        i_as_y: rng.chance(0.1),
    };
    let birth_day_known = rng.chance(0.2);
    let birth = if birth_day_known {
        day_between(rng, day(birth_year, 1, 1), day(birth_year, 12, 31))
    } else {
        day(birth_year, 1, 1)
    };
    let birthplace = if eth == Eth::Kazakh {
        if rng.chance(0.6) {
            BirthPlace::Aul {
                uezd: rng.pick(pools::UEZDS),
                volost: rng.pick(pools::VOLOSTS),
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                aul: rng.range(1, 14) as u8,
            }
        } else {
            let o = rng.weighted(&pools::OBLAST_WEIGHTS[0]);
            BirthPlace::District {
                oblast: o,
                district: rng.below(pools::OBLASTS[o].districts.len()),
            }
        }
    } else if eth != Eth::Russian || rng.chance(0.7) {
        BirthPlace::Foreign(rng.pick_str(pools::foreign_birthplaces(eth)))
    } else {
        let o = rng.weighted(&pools::OBLAST_WEIGHTS[0]);
        BirthPlace::District {
            oblast: o,
            district: rng.below(pools::OBLASTS[o].districts.len()),
        }
    };
    let oblast = rng.weighted(oblast_weights(eth, wave == Wave::Deportation));
    let residence = Residence {
        oblast,
        district: rng.chance(0.7).then(|| {
            (
                rng.below(pools::OBLASTS[oblast].districts.len()),
                rng.below(pools::KOLKHOZES.len()),
            )
        }),
    };
    let occupation = pick_occupation(rng, female);
    let arrest = arrest_in(rng, wave, birth_year);
    let (mut case, mut death) = case_at(rng, wave, eth, female, oblast, arrest, false);
    let mut cases = Vec::with_capacity(2);
    // A few of those arrested in 1937–38 had been arrested before, in 1928–1931.
    if wave == Wave::Terror && rng.chance(0.06) {
        let early = if rng.chance(0.3) {
            Wave::Confiscation
        } else {
            Wave::Collectivisation
        };
        if wave_fits(early, eth, birth_year) {
            let a = arrest_in(rng, early, birth_year);
            let (mut first, _) = case_at(rng, early, eth, female, oblast, a, true);
            // Released before the second arrest; the later case's rehabilitation covers both.
            let release = day_between(
                rng,
                first.sentence_date.add_days(200),
                case.arrest.unwrap_or(arrest).add_days(-30),
            );
            first.release = Some(release);
            if let Some((ci, arr)) = first.camp
                && arr >= release
            {
                first.camp = Some((ci, first.sentence_date.add_days(20)));
            }
            first.rehab = first
                .rehab
                .map(|(d, b)| (max_day(d, case.sentence_date.add_days(30)), b));
            if first.camp.is_some_and(|(_, arr)| arr >= release) {
                first.camp = None;
            }
            cases.push(first);
        }
    }
    if let Some((d, _)) = death
        && d < case.sentence_date
    {
        death = None;
        case.execution = None;
    }
    cases.push(case);
    Person {
        eth,
        female,
        given,
        given_de,
        father,
        surname,
        habits,
        birth,
        birth_day_known,
        birthplace,
        residence,
        occupation,
        cases,
        death,
        lists: pick_lists(rng, eth),
    }
}

/// Every nationality, in the order of the summary's counters.
pub(crate) fn eth_all() -> [Eth; 9] {
    Eth::ALL
}

fn pick_eth(rng: &mut Rng) -> Eth {
    Eth::ALL[rng.weighted(&Eth::WEIGHTS)]
}

fn pick_female(rng: &mut Rng, eth: Eth, birth_year: i32) -> bool {
    // Women are few among the arrested, many among the deported.
    let deportable =
        pools::deportation(eth).is_some() && wave_fits(Wave::Deportation, eth, birth_year);
    rng.chance(if deportable { 0.3 } else { 0.06 })
}

/// Generates the members of group `g` with plan `plan`.
pub(crate) fn group(seed: u64, g: u64, plan: &GroupPlan) -> Vec<Person> {
    let mut rng = Rng::new(mix(seed, SALT_GROUP, g, 0));
    let eth = pick_eth(&mut rng);
    match plan.kind {
        GroupKind::Single => {
            let by = birth_year(&mut rng);
            let female = pick_female(&mut rng, eth, by);
            vec![person(
                &mut rng,
                &Spec {
                    eth,
                    female,
                    birth_year: by,
                    wave: None,
                },
            )]
        }
        GroupKind::FatherSon => {
            #[allow(clippy::cast_possible_truncation)]
            let fy = 1870 + rng.range(0, 25) as i32;
            #[allow(clippy::cast_possible_truncation)]
            let sy = (fy + 20 + rng.range(0, 12) as i32).min(1920);
            let father = person(
                &mut rng,
                &Spec {
                    eth,
                    female: false,
                    birth_year: fy,
                    wave: None,
                },
            );
            let mut son = person(
                &mut rng,
                &Spec {
                    eth,
                    female: false,
                    birth_year: sy,
                    wave: None,
                },
            );
            son.father = Some(father.given);
            son.surname = father.surname.clone();
            son.habits = father.habits;
            if rng.chance(0.4) {
                arrested_together(&mut rng, &father, &mut son, sy);
            }
            vec![father, son]
        }
        GroupKind::Brothers => {
            let base = 1875 + rng.range(0, 35);
            let first = {
                #[allow(clippy::cast_possible_truncation)]
                let by = base as i32;
                person(
                    &mut rng,
                    &Spec {
                        eth,
                        female: false,
                        birth_year: by,
                        wave: None,
                    },
                )
            };
            let together = rng.chance(0.5);
            let mut out = vec![first];
            for _ in 1..plan.members {
                #[allow(clippy::cast_possible_truncation)]
                let by = ((base + rng.range(1, 12)) as i32).min(1920);
                let mut b = person(
                    &mut rng,
                    &Spec {
                        eth,
                        female: false,
                        birth_year: by,
                        wave: None,
                    },
                );
                // Different given names, same father and surname.
                let pool: &[&str] = given_pool(eth);
                while out.iter().any(|o: &Person| o.given == b.given) {
                    b.given = *rng.pick(pool);
                    b.given_de = None;
                }
                b.father = out[0].father;
                b.surname = out[0].surname.clone();
                b.habits = out[0].habits;
                if together {
                    arrested_together(&mut rng, &out[0], &mut b, by);
                }
                out.push(b);
            }
            if eth == Eth::German {
                for p in &mut out {
                    p.given_de = german_spelling(p.given);
                }
            }
            out
        }
        GroupKind::Spouses => {
            let hy = birth_year(&mut rng).min(1915);
            #[allow(clippy::cast_possible_truncation)]
            let wy = (hy + rng.range(-2, 10) as i32).clamp(1870, 1920);
            let deport = pools::deportation(eth).is_some() && rng.chance(0.4);
            let wave = if deport {
                Wave::Deportation
            } else {
                Wave::Terror
            };
            let husband = person(
                &mut rng,
                &Spec {
                    eth,
                    female: false,
                    birth_year: hy,
                    wave: Some(wave),
                },
            );
            let mut wife = person(
                &mut rng,
                &Spec {
                    eth,
                    female: true,
                    birth_year: wy,
                    wave: Some(wave),
                },
            );
            wife.surname = match &husband.surname {
                Surname::Kazakh(r) => Surname::Kazakh(r),
                Surname::Plain { ru, de } => Surname::Plain {
                    ru: feminine_surname(ru),
                    de: *de,
                },
            };
            wife.habits = husband.habits;
            wife.residence = husband.residence;
            let h = husband.cases.last().expect("a case");
            if deport {
                let c = wife.cases.last_mut().expect("a case");
                c.sentence_date = h.sentence_date;
                c.body = h.body;
            } else if h.arrest.is_some() && rng.chance(0.7) {
                wife.cases = vec![chsir_case(&mut rng, h, wy)];
                wife.death = None;
            }
            vec![husband, wife]
        }
        GroupKind::Namesakes => {
            let base = birth_year(&mut rng).clamp(1872, 1918);
            let mut out: Vec<Person> = Vec::with_capacity(plan.members);
            for _ in 0..plan.members {
                // Pairwise within ±2 years.
                #[allow(clippy::cast_possible_truncation)]
                let by = (base + rng.range(0, 2) as i32).clamp(1870, 1920);
                let mut p = person(
                    &mut rng,
                    &Spec {
                        eth,
                        female: false,
                        birth_year: by,
                        wave: None,
                    },
                );
                if let Some(first) = out.first() {
                    p.given = first.given;
                    p.given_de = first.given_de;
                    p.father = first.father;
                    p.surname = first.surname.clone();
                }
                out.push(p);
            }
            out
        }
    }
}

fn given_pool(eth: Eth) -> &'static [&'static str] {
    match eth {
        Eth::Kazakh => pools::KZ_MALE,
        Eth::Ukrainian => pools::UA_MALE,
        Eth::Tatar => pools::TT_MALE,
        Eth::Polish => pools::PL_MALE,
        Eth::Chechen => pools::CE_MALE,
        Eth::Ingush => pools::IN_MALE,
        Eth::German => &[
            "Иоганн",
            "Генрих",
            "Фридрих",
            "Якоб",
            "Давид",
            "Петер",
            "Андреас",
            "Адам",
        ],
        Eth::Russian | Eth::Korean => pools::RU_MALE,
    }
}

fn german_spelling(ru: &str) -> Option<&'static str> {
    pools::DE_MALE
        .iter()
        .chain(pools::DE_FEMALE)
        .find(|(r, _)| *r == ru)
        .map(|(_, d)| *d)
}

/// Makes `b` arrested with `a` when `b`'s age allows: a group case, with the same body, charge,
/// sentence and fate, `b` arrested up to three days later.
fn arrested_together(rng: &mut Rng, a: &Person, b: &mut Person, b_birth: i32) {
    let Some(ac) = a.cases.last() else { return };
    let Some(arrest) = ac.arrest else { return };
    if !(AGE_MIN..=AGE_MAX).contains(&(arrest.year - b_birth)) {
        return;
    }
    let mut c = ac.clone();
    let arrest_b = min_day(arrest.add_days(rng.range(0, 3)), ac.sentence_date);
    c.arrest = Some(arrest_b);
    b.death = a.death;
    // An earlier case of b must end before the new arrest.
    b.cases.pop();
    b.cases
        .retain(|e| e.release.unwrap_or(e.sentence_date) < arrest_b.add_days(-30));
    b.cases.push(c);
}

/// The case of a wife as "member of the family of a traitor" after her husband's sentence.
fn chsir_case(rng: &mut Rng, h: &Case, wife_birth: i32) -> Case {
    let arrest = max_day(
        after(rng, h.sentence_date, 10, 150),
        day(wife_birth + AGE_MIN, 1, 1),
    );
    let sentence_date = after(rng, arrest, 20, 120);
    let years = if rng.chance(0.7) { 8 } else { 5 };
    let arrival = max_day(
        after(rng, sentence_date, 20, 90),
        after(rng, day(1938, 1, 6), 0, 60),
    );
    let release = arrival.add_days(i64::from(years) * 365 + rng.range(-30, 30));
    let rehab = rehab(rng, release, false);
    Case {
        arrest: Some(arrest),
        arrested_by: Some(ArrestedBy::Nkvd(rng.below(pools::ARRESTED_BY_NKVD.len()))),
        charge: Charge::Chsir,
        body: BodyRef::Fixed(pools::OSO),
        sentence_date,
        sentence: Sent::Camp(years, false),
        execution: None,
        camp: Some((1, arrival)),
        release: Some(release),
        rehab,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_person(p: &Person) {
        let by = p.birth.year;
        assert!((1870..=1920).contains(&by));
        let mut prev_end: Option<Day> = None;
        for c in &p.cases {
            if let Some(a) = c.arrest {
                let age = a.year - by;
                assert!((AGE_MIN..=AGE_MAX + 1).contains(&age), "age {age}");
                assert!(a <= c.sentence_date, "{p:?}");
                if let Some(e) = prev_end {
                    assert!(e < a, "cases overlap: {p:?}");
                }
            }
            if let Some((e, _)) = c.execution {
                assert!(e >= c.sentence_date);
                assert_eq!(c.sentence, Sent::Death);
            }
            if let Some((ci, arr)) = c.camp {
                assert!(arr > c.sentence_date);
                let camp = &pools::CAMPS[ci];
                assert!(camp.open.0 <= arr.year && arr.year <= camp.open.1, "{p:?}");
                if let Some(r) = c.release {
                    assert!(r > arr, "{p:?}");
                }
            }
            if let Some((r, _)) = c.rehab {
                assert!(r > c.sentence_date);
                assert!((1954..=1999).contains(&r.year), "{p:?}");
                if let Some(rel) = c.release {
                    assert!(r > rel, "{p:?}");
                }
            }
            prev_end = Some(c.release.unwrap_or(c.sentence_date));
        }
        if let Some((d, _)) = p.death {
            assert!(d.year > by);
            for c in &p.cases {
                assert!(d >= c.sentence_date, "{p:?}");
            }
        }
    }

    #[test]
    fn generated_persons_are_consistent() {
        for g in 0..20_000 {
            let plan = GroupPlan::derive(7, g, 0.2);
            let ps = group(7, g, &plan);
            assert_eq!(ps.len(), plan.members);
            for p in &ps {
                check_person(p);
            }
            match plan.kind {
                GroupKind::FatherSon => {
                    assert_eq!(ps[1].father, Some(ps[0].given));
                    assert!(ps[1].birth.year >= ps[0].birth.year + 18);
                }
                GroupKind::Namesakes => {
                    for p in &ps[1..] {
                        assert_eq!(
                            (p.given, p.father, &p.surname),
                            (ps[0].given, ps[0].father, &ps[0].surname)
                        );
                        assert!((p.birth.year - ps[0].birth.year).abs() <= 2);
                    }
                }
                _ => {}
            }
        }
    }
}
