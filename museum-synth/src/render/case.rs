//! How a list writes a repression case: arrest, charge, sentencing body, sentence, death and
//! the reference to the list itself.

use crate::case::{ArrestedBy, BodyRef, Charge, DeathPlace, SentenceGiven};
use crate::lists::{Lang, Target};
use crate::pools::{self, PlaceName};
use crate::translit::romanize;
use museum_core::model::{HistoricalDate, RepressionCase, Sentence};

use super::Renderer;

impl Renderer<'_> {
    pub(super) fn case(&mut self, c: &crate::case::Case) -> RepressionCase {
        let arrest_date = match c.arrest {
            Some(a) => self.event_date(a, 0.05),
            None => None,
        };
        let arrested_by = match c.arrested_by {
            Some(b) if !self.rng.chance(0.4) => Some(self.arrested_by(b)),
            _ => None,
        };
        let charge = if self.rng.chance(0.1) {
            None
        } else {
            self.charge(c.charge)
        };
        let sentencing_body = if self.rng.chance(0.1) {
            None
        } else {
            Some(self.body(c.body))
        };
        let sentence_date = self.event_date(c.sentence_date, 0.08);
        let sentence = Sentence::parse(&self.sentence(c.sentence));
        let (execution_date, execution_place) = match c.execution {
            Some((d, place)) => {
                let date = self.event_date(d, 0.1);
                let place = (!self.rng.chance(0.3)).then(|| self.city(place));
                (date, place)
            }
            None => (None, None),
        };
        let (camp_id, camp_arrival_date) = match c.camp {
            Some((ci, arrival)) if !self.rng.chance(0.1) => {
                let d = if self.rng.chance(0.5) {
                    self.event_date(arrival, 0.0)
                } else {
                    None
                };
                (Some(pools::CAMPS[ci].id.to_owned()), d)
            }
            _ => (None, None),
        };
        let release_date = match c.release {
            Some(d) if !self.rng.chance(0.3) => self.event_date(d, 0.0),
            _ => None,
        };
        let (rehabilitation_date, rehabilitated_by) = match c.rehab {
            Some((d, body)) if !self.rng.chance(0.05) => {
                let date = self.event_date(d, 0.05);
                let by = (!self.rng.chance(0.15)).then(|| match self.list.lang {
                    Lang::En | Lang::De => body.en.to_owned(),
                    _ => body.ru.to_owned(),
                });
                (date, by)
            }
            _ => (None, None),
        };
        RepressionCase {
            seq: None,
            arrest_date,
            arrested_by,
            charge,
            sentencing_body,
            sentence_date,
            sentence,
            execution_date,
            execution_place,
            camp_id,
            camp_arrival_date,
            release_date,
            rehabilitation_date,
            rehabilitated_by,
        }
    }

    pub(super) fn city(&self, l: PlaceName) -> String {
        let s = match self.list.lang {
            Lang::Kk => format!("{} қ.", l.kk),
            _ => format!("г. {}", l.ru),
        };
        self.out(&s)
    }

    pub(super) fn arrested_by(&mut self, b: ArrestedBy) -> String {
        let o = &pools::OBLASTS[self.p.residence.oblast];
        let s = match b {
            ArrestedBy::Ogpu(i) => pools::ARRESTED_BY_OGPU[i].to_owned(),
            ArrestedBy::Nkvd(i) => match pools::ARRESTED_BY_NKVD[i] {
                "УНКВД" => format!("УНКВД по {} обл.", o.dative),
                "РО НКВД" => match self.p.residence.district {
                    Some((d, _)) => format!("{} РО НКВД", o.districts[d].ru),
                    None => format!("УНКВД по {} обл.", o.dative),
                },
                other => other.to_owned(),
            },
            ArrestedBy::Mgb(i) => match pools::ARRESTED_BY_MGB[i] {
                "УМГБ" => format!("УМГБ по {} обл.", o.dative),
                other => other.to_owned(),
            },
        };
        self.out(&s)
    }

    pub(super) fn charge(&mut self, c: Charge) -> Option<String> {
        match c {
            Charge::None => None,
            Charge::Chsir => Some(self.out("ЧСИР")),
            Charge::Articles(arts) => {
                let latin = matches!(self.list.target, Target::Latin(_));
                let style = if latin {
                    self.rng.below(2)
                } else {
                    self.rng.weighted(&[60, 20, 20])
                };
                let items: Vec<String> = arts
                    .iter()
                    .map(|a| {
                        let a = if latin {
                            a.replace('а', "a").replace('б', "b")
                        } else {
                            (*a).to_owned()
                        };
                        match (style, a.split_once('-')) {
                            (1, Some((art, part))) if !latin => format!("{art} п. {part}"),
                            _ => a,
                        }
                    })
                    .collect();
                let joined = items.join(", ");
                Some(match (style, latin) {
                    (1, true) => format!("Art. {joined}"),
                    (2, false) => format!("ст. {joined} УК РСФСР"),
                    _ => joined,
                })
            }
        }
    }

    pub(super) fn body(&mut self, b: BodyRef) -> String {
        let en = matches!(self.list.lang, Lang::En | Lang::De);
        match b {
            BodyRef::Fixed(b) => {
                if en {
                    b.en.to_owned()
                } else {
                    b.ru.to_owned()
                }
            }
            BodyRef::Troika(o) => {
                let o = &pools::OBLASTS[o];
                if en {
                    format!("NKVD troika, {} oblast", romanize(o.name.ru, self.scheme))
                } else {
                    format!("Тройка УНКВД по {} обл.", o.dative)
                }
            }
        }
    }

    pub(super) fn sentence(&mut self, s: SentenceGiven) -> String {
        let lang = self.list.lang;
        let years_ru = |y: u8| {
            let unit = match y % 10 {
                1 if y % 100 != 11 => "год",
                2..=4 if !(12..=14).contains(&(y % 100)) => "года",
                _ => "лет",
            };
            format!("{y} {unit}")
        };
        match (lang, s) {
            (Lang::En | Lang::De, SentenceGiven::Death) => {
                (*self.rng.pick(&["VMN (shot)", "death by shooting"])).to_owned()
            }
            (Lang::En | Lang::De, SentenceGiven::Camp(y, _)) => format!("{y} years of camp (ITL)"),
            (Lang::En | Lang::De, SentenceGiven::Exile(y)) => format!("{y} years of exile"),
            (Lang::En | Lang::De, SentenceGiven::Banishment) => "banishment".to_owned(),
            (Lang::En | Lang::De, SentenceGiven::Deportation) => {
                "deportation (special settlement)".to_owned()
            }
            (Lang::En | Lang::De, SentenceGiven::Dismissed) => "case dismissed".to_owned(),
            (Lang::Kk, SentenceGiven::Death) => "ату жазасы".to_owned(),
            (Lang::Kk, SentenceGiven::Camp(y, true)) => format!("{y} жыл концлагерь"),
            (Lang::Kk, SentenceGiven::Camp(y, false)) => format!("{y} жыл ІТЛ"),
            (Lang::Kk, SentenceGiven::Deportation) => "жер аудару".to_owned(),
            (_, SentenceGiven::Death) => {
                (*self
                    .rng
                    .pick(&["ВМН", "ВМН (расстрел)", "расстрел", "высшая мера наказания"]))
                .to_owned()
            }
            (_, SentenceGiven::Camp(y, true)) => format!("{} концлагеря", years_ru(y)),
            (_, SentenceGiven::Camp(y, false)) => match self.rng.below(3) {
                0 => format!("ИТЛ {}", years_ru(y)),
                _ => format!("{} ИТЛ", years_ru(y)),
            },
            (_, SentenceGiven::Exile(y)) => format!("{} ссылки", years_ru(y)),
            (_, SentenceGiven::Banishment) => {
                (*self.rng.pick(&["высылка", "высылка в Северный край"])).to_owned()
            }
            (_, SentenceGiven::Deportation) => {
                (*self.rng.pick(&["депортация", "спецпоселение", "выселение"])).to_owned()
            }
            (_, SentenceGiven::Dismissed) => "дело прекращено".to_owned(),
        }
    }

    pub(super) fn death(&mut self) -> (Option<HistoricalDate>, Option<String>) {
        let Some((d, place)) = self.p.death else {
            return (None, None);
        };
        match place {
            DeathPlace::Executed(l) => {
                let date = if self.rng.chance(0.6) {
                    self.event_date(d, 0.0)
                } else {
                    None
                };
                let place = (date.is_some() && self.rng.chance(0.5)).then(|| self.city(l));
                (date, place)
            }
            DeathPlace::Camp(ci) => {
                let date = self.event_date(d, 0.1);
                let camp = &pools::CAMPS[ci];
                let place = self.rng.chance(0.7).then(|| match self.list.lang {
                    Lang::Ru | Lang::Kk => camp.aliases[0].to_owned(),
                    Lang::En | Lang::De => camp.en.to_owned(),
                });
                (date, place)
            }
        }
    }

    pub(super) fn source_text(&mut self) -> String {
        let v = self.rng.range(1, i64::from(pools::VOLUMES));
        let page = self.rng.range(3, 640);
        match self.list.lang {
            Lang::Ru => format!("{}, т. {v}, с. {page}", self.list.short),
            Lang::Kk => format!("{}, {v}-том, {page}-бет", self.list.short),
            Lang::En => format!("{}, vol. {v}, p. {page}", self.list.short),
            Lang::De => format!("{}, Bd. {v}, S. {page}", self.list.short),
        }
    }
}
