//! The ground truth: groups of persons (single persons, fathers and sons, brothers, spouses,
//! namesakes) and their facts — names, birth, places, occupation, repression cases, death.
//!
//! Everything here is the *true* state of a synthetic person. How a list writes it (script,
//! spelling, date format, omissions, typos) is [`super::render`]'s business. A group is generated
//! from its own random stream, so any group can be regenerated from the seed and its number.

use super::case::{
    AGE_MAX, AGE_MIN, ArrestedBy, BodyRef, Case, Charge, DeathPlace, SentenceGiven, Wave, after,
    arrest_in, birth_year, case_at, day, day_between, max_day, min_day, pick_wave, rehab,
    wave_fits,
};
use super::pools::{self, Nationality, Occupation, PlaceName, Uezd};
use super::translit::{RussianHabits, feminine_surname};
use museum_core::model::date::Day;
use museum_core::rng::{Rng, mix};

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
        volost: &'static PlaceName,
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

/// A synthetic person: the truth every record of the person is rendered from.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) eth: Nationality,
    pub(crate) female: bool,
    /// Given name (Kazakh Cyrillic for Kazakhs, Russian documents' spelling otherwise).
    pub(crate) given: &'static str,
    /// German spelling of the given name (Germans).
    pub(crate) given_de: Option<&'static str>,
    /// The father's given name, when known (patronymic source).
    pub(crate) father: Option<&'static str>,
    pub(crate) surname: Surname,
    pub(crate) habits: RussianHabits,
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

fn oblast_weights(eth: Nationality, deported: bool) -> &'static [u32; 13] {
    if !deported {
        return &pools::OBLAST_WEIGHTS[0];
    }
    match eth {
        Nationality::Korean => &pools::OBLAST_WEIGHTS[1],
        Nationality::German | Nationality::Polish => &pools::OBLAST_WEIGHTS[2],
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
    eth: Nationality,
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
        Nationality::Kazakh => {
            let given = g(rng, pools::kz_male(), pools::kz_female());
            let father = *rng.pick(pools::kz_male());
            let root = if rng.chance(0.5) {
                *rng.pick(pools::kz_roots())
            } else {
                *rng.pick(pools::kz_male())
            };
            (given, None, Some(father), Surname::Kazakh(root))
        }
        Nationality::Russian => (
            g(rng, pools::ru_male(), pools::ru_female()),
            None,
            Some(*rng.pick(pools::ru_male())),
            plain(rng.pick_str(pools::ru_surnames()), female),
        ),
        Nationality::Ukrainian => (
            g(rng, pools::ua_male(), pools::ua_female()),
            None,
            Some(*rng.pick(pools::ua_male())),
            plain(rng.pick_str(pools::ua_surnames()), female),
        ),
        Nationality::German => {
            let (ru, de) = *rng.pick(if female {
                pools::de_female()
            } else {
                pools::de_male()
            });
            let father = rng.pick(pools::de_male()).0;
            let (sru, sde) = *rng.pick(pools::de_surnames());
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
        Nationality::Korean => {
            let korean = rng.chance(0.45);
            let given = match (korean, female) {
                (true, false) => *rng.pick(pools::ko_male_korean()),
                (true, true) => *rng.pick(pools::ko_female_korean()),
                (false, _) => g(rng, pools::ru_male(), pools::ru_female()),
            };
            let father = (!korean || rng.chance(0.3)).then(|| *rng.pick(pools::ru_male()));
            (
                given,
                None,
                father,
                plain(rng.pick_str(pools::ko_surnames()), female),
            )
        }
        Nationality::Tatar => (
            g(rng, pools::tt_male(), pools::tt_female()),
            None,
            Some(*rng.pick(pools::tt_male())),
            plain(rng.pick_str(pools::tt_surnames()), female),
        ),
        Nationality::Polish => (
            g(rng, pools::pl_male(), pools::pl_female()),
            None,
            Some(*rng.pick(pools::pl_male())),
            plain(rng.pick_str(pools::pl_surnames()), female),
        ),
        Nationality::Chechen => (
            g(rng, pools::ce_male(), pools::ce_female()),
            None,
            Some(*rng.pick(pools::ce_male())),
            plain(rng.pick_str(pools::ce_surnames()), female),
        ),
        Nationality::Ingush => (
            g(rng, pools::in_male(), pools::ce_female()),
            None,
            Some(*rng.pick(pools::in_male())),
            plain(rng.pick_str(pools::in_surnames()), female),
        ),
    }
}

/// List weights per nationality group: Kazakhs, Germans, others (see `lists::LISTS`).
const LIST_WEIGHTS: [[u32; 7]; 3] = [
    [25, 30, 15, 5, 3, 2, 20],
    [25, 3, 20, 8, 1, 30, 13],
    [30, 8, 25, 7, 1, 3, 26],
];

fn pick_lists(rng: &mut Rng, eth: Nationality) -> [u8; 4] {
    let mut w = match eth {
        Nationality::Kazakh => LIST_WEIGHTS[0],
        Nationality::German => LIST_WEIGHTS[1],
        _ => LIST_WEIGHTS[2],
    };
    let mut out = [0u8; 4];
    for slot in &mut out {
        let i = rng.weighted(&w);
        {
            *slot = i as u8;
        }
        w[i] = 0;
    }
    out
}

struct Spec {
    eth: Nationality,
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
    let habits = RussianHabits {
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
    let birthplace = if eth == Nationality::Kazakh {
        if rng.chance(0.6) {
            BirthPlace::Aul {
                uezd: rng.pick(pools::UEZDS),
                volost: rng.pick(pools::VOLOSTS),
                aul: rng.range(1, 14) as u8,
            }
        } else {
            let o = rng.weighted(&pools::OBLAST_WEIGHTS[0]);
            BirthPlace::District {
                oblast: o,
                district: rng.below(pools::OBLASTS[o].districts.len()),
            }
        }
    } else if eth != Nationality::Russian || rng.chance(0.7) {
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
pub(crate) fn eth_all() -> [Nationality; 9] {
    Nationality::ALL
}

fn pick_eth(rng: &mut Rng) -> Nationality {
    Nationality::ALL[rng.weighted(&Nationality::WEIGHTS)]
}

fn pick_female(rng: &mut Rng, eth: Nationality, birth_year: i32) -> bool {
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
            let fy = 1870 + rng.range(0, 25) as i32;
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
            if eth == Nationality::German {
                for p in &mut out {
                    p.given_de = german_spelling(p.given);
                }
            }
            out
        }
        GroupKind::Spouses => {
            let hy = birth_year(&mut rng).min(1915);
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

fn given_pool(eth: Nationality) -> &'static [&'static str] {
    match eth {
        Nationality::Kazakh => pools::kz_male(),
        Nationality::Ukrainian => pools::ua_male(),
        Nationality::Tatar => pools::tt_male(),
        Nationality::Polish => pools::pl_male(),
        Nationality::Chechen => pools::ce_male(),
        Nationality::Ingush => pools::in_male(),
        Nationality::German => &[
            "Иоганн",
            "Генрих",
            "Фридрих",
            "Якоб",
            "Давид",
            "Петер",
            "Андреас",
            "Адам",
        ],
        Nationality::Russian | Nationality::Korean => pools::ru_male(),
    }
}

fn german_spelling(ru: &str) -> Option<&'static str> {
    pools::de_male()
        .iter()
        .chain(pools::de_female())
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
        sentence: SentenceGiven::Camp(years, false),
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
                assert_eq!(c.sentence, SentenceGiven::Death);
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
