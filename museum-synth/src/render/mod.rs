//! How a simulated list writes a person: the list's script and conventions (Russian Book of
//! Memory, Kazakh-language list, Memorial-style database, Latin romanizations, a German memorial
//! book, an OCR'd archive extract), then the noise every record may carry — Kazakh letters
//! written as Russian ones, other surname and patronymic forms, initials, typos, OCR confusions,
//! Latin look-alike letters, capitals, swapped name parts, shifted or missing birth years, dates
//! in other formats, at lower precision, or missing.

use super::lists::{
    DateFamily, DateSupport, LISTS, Lang, List, Target, WrittenPrecision, fmt_date,
};
use super::noise::{Noise, NoiseSet, homoglyph, ocr, typo};
use super::person::{Person, Surname};
use super::pools::Nationality;
use super::translit::{
    initial, kazakh_letters_as_russian, kazakh_patronymic, romanize, russian_patronymic,
    russified_surname,
};
use museum_core::model::date::Day;
use museum_core::model::{HistoricalDate, PersonName, RepressionCase, Sex, Victim};
use museum_core::rng::Rng;
use museum_core::translit::Scheme;

mod case;
mod places;

/// Renders the record of `p` as list `list_ix` writes it, with noise from `rng`.
pub(crate) fn render(
    p: &Person,
    list_ix: usize,
    id: String,
    rng: &mut Rng,
    sup: DateSupport,
) -> (Victim, NoiseSet) {
    let list = &LISTS[list_ix];
    let mut noise = NoiseSet::default();
    let mut r = Renderer {
        p,
        list,
        rng,
        sup,
        noise: &mut noise,
        scheme: match list.target {
            Target::Latin(s) => s,
            _ => Scheme::Bgn,
        },
        family: DateFamily::Iso,
    };
    if let Target::Latin(Scheme::Bgn) = list.target
        && r.rng.chance(0.3)
    {
        r.scheme = Scheme::Icao;
    }
    r.family = *r.rng.pick_weighted(list.dates);
    let v = r.victim(id);
    (v, noise)
}

struct Renderer<'a> {
    p: &'a Person,
    list: &'static List,
    rng: &'a mut Rng,
    sup: DateSupport,
    noise: &'a mut NoiseSet,
    scheme: Scheme,
    family: DateFamily,
}

impl Renderer<'_> {
    fn victim(&mut self, id: String) -> Victim {
        let (surname, given, patronymic, variant) = self.name();
        let name = PersonName::from_parts(Some(&surname), Some(&given), patronymic.as_deref());
        let sex = self.sex();
        let birth_date = self.birth();
        let birth_place = self.maybe(0.1, Self::birthplace);
        let nationality = self.maybe(0.1, Self::nationality);
        let occupation = self.maybe(0.15, Self::occupation);
        let residence = self.maybe(0.2, Self::residence);
        let mut cases: Vec<RepressionCase> = Vec::with_capacity(2);
        let p = self.p;
        let drop_first = p.cases.len() > 1 && self.rng.chance(0.3);
        for (i, c) in p.cases.iter().enumerate() {
            if i == 0 && drop_first {
                continue;
            }
            cases.push(self.case(c));
        }
        if cases.len() > 1 {
            for (i, c) in cases.iter_mut().enumerate() {
                {
                    c.seq = Some(i as u32 + 1);
                }
            }
        }
        let (death_date, death_place) = self.death();
        Victim {
            id,
            name,
            name_variants: variant.into_iter().collect(),
            sex,
            birth_date,
            birth_place,
            nationality,
            occupation,
            residence,
            cases,
            death_date,
            death_place,
            figure_id: None,
            source_ids: vec![self.list.id.to_owned()],
            source_text: Some(self.source_text()),
            notes: None,
            claims: Vec::new(),
            extra: std::collections::BTreeMap::new(),
        }
    }

    fn maybe(&mut self, p_missing: f64, f: fn(&mut Self) -> String) -> Option<String> {
        if self.rng.chance(p_missing) {
            None
        } else {
            Some(f(self))
        }
    }

    fn name(&mut self) -> (String, String, Option<String>, Option<String>) {
        let p = self.p;
        let list = self.list;
        let kz = p.eth == Nationality::Kazakh;
        let german_native = list.lang == Lang::De && p.given_de.is_some();
        // Surname in the person's primary Cyrillic (or German for German lists).
        let mut surname = match &p.surname {
            Surname::Kazakh(root) => {
                let u = self.rng.unit();
                let mut form = if u < list.derussify {
                    1
                } else if u < list.derussify + list.uly_surname {
                    2
                } else {
                    0
                };
                if self.rng.chance(0.04) {
                    form = (form + 1 + self.rng.below(2)) % 3;
                }
                if form != 0 {
                    self.noise.add(Noise::SurnameForm);
                }
                match form {
                    1 => (*root).to_owned(),
                    2 => kazakh_patronymic(root, p.female),
                    _ => russified_surname(root, p.female),
                }
            }
            Surname::Plain { ru, de } => match de {
                Some(de) if list.lang == Lang::De => (*de).to_owned(),
                _ => ru.clone(),
            },
        };
        let mut given = match (german_native, p.given_de) {
            (true, Some(de)) => de.to_owned(),
            _ => p.given.to_owned(),
        };
        let mut patronymic = p.father.and_then(|f| {
            if german_native && self.rng.chance(0.6) {
                return None;
            }
            let mut kazakh_form = kz && self.rng.chance(list.kz_patronymic);
            if kz && self.rng.chance(0.05) {
                kazakh_form = !kazakh_form;
                self.noise.add(Noise::PatronymicConverted);
            }
            Some(if kazakh_form {
                kazakh_patronymic(f, p.female)
            } else {
                russian_patronymic(f, p.female)
            })
        });
        let variant = (kz && self.rng.chance(list.variants)).then(|| {
            let s = match &p.surname {
                Surname::Kazakh(root) => russified_surname(root, p.female),
                Surname::Plain { ru, .. } => ru.clone(),
            };
            let pat = p
                .father
                .map(|f| kazakh_patronymic(f, p.female))
                .unwrap_or_default();
            format!("{s} {} {pat}", p.given).trim().to_owned()
        });
        // Script.
        match list.target {
            Target::Ru => {
                let mut h = p.habits;
                if self.rng.chance(0.1) {
                    h.o_as_u = !h.o_as_u;
                }
                let before = kz;
                surname = kazakh_letters_as_russian(&surname, h);
                given = kazakh_letters_as_russian(&given, h);
                patronymic = patronymic.map(|s| kazakh_letters_as_russian(&s, h));
                if before {
                    self.noise.add(Noise::KazakhAsRussian);
                }
            }
            Target::Kk => {
                if kz && self.rng.chance(0.15) {
                    // A typewriter without Kazakh letters for one part.
                    let h = p.habits;
                    match self.rng.below(3) {
                        0 => surname = kazakh_letters_as_russian(&surname, h),
                        1 => given = kazakh_letters_as_russian(&given, h),
                        _ => patronymic = patronymic.map(|s| kazakh_letters_as_russian(&s, h)),
                    }
                    self.noise.add(Noise::KazakhAsRussian);
                }
            }
            Target::Latin(_) => {
                let scheme = self.scheme;
                // Lists romanizing the Russian spelling lose the Kazakh letters first.
                let via_ru = matches!(scheme, Scheme::Bgn | Scheme::Icao) && self.rng.chance(0.7);
                let h = p.habits;
                let lat = |s: &str| {
                    if s.chars().any(museum_core::model::name::is_cyrillic) {
                        if via_ru {
                            romanize(&kazakh_letters_as_russian(s, h), scheme)
                        } else {
                            romanize(s, scheme)
                        }
                    } else {
                        s.to_owned()
                    }
                };
                surname = lat(&surname);
                given = lat(&given);
                patronymic = patronymic.map(|s| lat(&s));
                self.noise.add(Noise::Romanized);
            }
        }
        // Noise on the parts.
        if self.rng.chance(0.05) {
            given = initial(&given);
            self.noise.add(Noise::GivenInitial);
        }
        if patronymic.is_some() {
            let u = self.rng.unit();
            if u < 0.08 {
                patronymic = None;
                self.noise.add(Noise::PatronymicDropped);
            } else if u < 0.14 {
                patronymic = patronymic.map(|s| initial(&s));
                self.noise.add(Noise::PatronymicInitial);
            }
        }
        if self.rng.chance(0.06) {
            if self.rng.chance(0.6) {
                surname = typo(self.rng, &surname);
            } else if given.chars().count() > 2 {
                given = typo(self.rng, &given);
            }
            self.noise.add(Noise::Typo);
        }
        if self.rng.chance(list.ocr + 0.02) {
            let target = if self.rng.chance(0.6) {
                &mut surname
            } else {
                &mut given
            };
            if let Some(s) = ocr(self.rng, target) {
                *target = s;
                self.noise.add(Noise::Ocr);
            }
        }
        if self.rng.chance(list.homoglyph + 0.01) {
            let target = if self.rng.chance(0.6) {
                &mut surname
            } else {
                &mut given
            };
            if let Some(s) = homoglyph(self.rng, target) {
                *target = s;
                self.noise.add(Noise::Homoglyph);
            }
        }
        if self.rng.chance(0.04) {
            surname = surname.to_uppercase();
            self.noise.add(Noise::Capitals);
        }
        if self.rng.chance(0.02) && !given.ends_with('.') {
            std::mem::swap(&mut surname, &mut given);
            self.noise.add(Noise::Swapped);
        }
        (surname, given, patronymic, variant)
    }

    fn sex(&mut self) -> Option<Sex> {
        if self.rng.chance(0.04) {
            return None;
        }
        let f = self.p.female;
        let text = match self.list.lang {
            Lang::Ru if self.list.variants > 0.0 => {
                if f {
                    "женщина"
                } else {
                    "мужчина"
                }
            }
            Lang::Ru => match (f, self.rng.chance(0.5)) {
                (false, true) => "м",
                (false, false) => "муж.",
                (true, true) => "ж",
                (true, false) => "жен.",
            },
            Lang::Kk => {
                if f {
                    "әйел"
                } else {
                    "ер"
                }
            }
            Lang::En => {
                if f {
                    "F"
                } else {
                    "M"
                }
            }
            Lang::De => {
                if f {
                    "w"
                } else {
                    "m"
                }
            }
        };
        Sex::parse(text)
    }

    fn date(&mut self, d: Day, prec: WrittenPrecision) -> HistoricalDate {
        let text = fmt_date(d, prec, self.family, self.sup);
        HistoricalDate::parse(&text).unwrap_or_else(|_| HistoricalDate::unknown(text))
    }

    /// An event date with the usual noise: sometimes missing, sometimes only month or year.
    fn event_date(&mut self, d: Day, p_missing: f64) -> Option<HistoricalDate> {
        if self.rng.chance(p_missing) {
            self.noise.add(Noise::DateMissing);
            return None;
        }
        let u = self.rng.unit();
        let prec = if u < 0.07 {
            WrittenPrecision::Month
        } else if u < 0.11 {
            WrittenPrecision::Year
        } else {
            WrittenPrecision::Day
        };
        if prec != WrittenPrecision::Day {
            self.noise.add(Noise::DateReduced);
        }
        Some(self.date(d, prec))
    }

    fn birth(&mut self) -> Option<HistoricalDate> {
        if self.rng.chance(0.07) {
            self.noise.add(Noise::BirthMissing);
            return None;
        }
        let p = self.p;
        let mut prec = if p.birth_day_known && self.rng.chance(0.8) {
            WrittenPrecision::Day
        } else {
            WrittenPrecision::Year
        };
        let mut d = p.birth;
        if self.rng.chance(0.08) {
            let shift = if self.rng.chance(0.5) { 1 } else { -1 };
            d = Day {
                year: d.year + shift,
                month: 1,
                day: 1,
            };
            prec = WrittenPrecision::Year;
            self.noise.add(Noise::BirthYearShifted);
        }
        Some(self.date(d, prec))
    }

    /// Russian text romanized for Latin lists.
    fn out(&self, ru: &str) -> String {
        match self.list.target {
            Target::Latin(_) => romanize(ru, self.scheme),
            _ => ru.to_owned(),
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::SentenceGiven;
    use museum_core::model::{Sentence, SentenceKind};

    #[test]
    fn every_sentence_wording_maps_to_its_kind() {
        let mut rng = Rng::new(1);
        let sup = DateSupport::probe();
        let plan = crate::person::GroupPlan::derive(1, 0, 0.0);
        let p = &crate::person::group(1, 0, &plan)[0];
        for (li, _) in LISTS.iter().enumerate() {
            let mut r = Renderer {
                p,
                list: &LISTS[li],
                rng: &mut rng,
                sup,
                noise: &mut NoiseSet::default(),
                scheme: Scheme::Bgn,
                family: DateFamily::Iso,
            };
            for s in [
                SentenceGiven::Death,
                SentenceGiven::Camp(10, false),
                SentenceGiven::Camp(3, true),
                SentenceGiven::Camp(25, false),
                SentenceGiven::Exile(5),
                SentenceGiven::Banishment,
                SentenceGiven::Deportation,
                SentenceGiven::Dismissed,
            ] {
                for _ in 0..8 {
                    let text = r.sentence(s);
                    let parsed = Sentence::parse(&text).unwrap();
                    let want = match s {
                        SentenceGiven::Death => SentenceKind::Execution,
                        SentenceGiven::Camp(..) => SentenceKind::Camp,
                        SentenceGiven::Exile(_) => SentenceKind::Exile,
                        SentenceGiven::Banishment => SentenceKind::Banishment,
                        SentenceGiven::Deportation => SentenceKind::Deportation,
                        SentenceGiven::Dismissed => SentenceKind::Acquittal,
                    };
                    assert_eq!(parsed.kind, want, "{text}");
                    if let SentenceGiven::Camp(y, _) | SentenceGiven::Exile(y) = s {
                        assert_eq!(parsed.term_years, Some(f32::from(y)), "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn dates_fall_back_to_iso_when_unsupported() {
        let d = Day::new(1937, 11, 10).unwrap();
        let none = DateSupport::default();
        assert_eq!(
            fmt_date(d, WrittenPrecision::Day, DateFamily::Dotted, none),
            "1937-11-10"
        );
        assert_eq!(
            fmt_date(d, WrittenPrecision::Month, DateFamily::RussianWords, none),
            "1937-11"
        );
        let all = DateSupport {
            dotted: true,
            dotted_month: true,
            roman: true,
            words_day: true,
            words_month: true,
            year_g: true,
            year_kz: true,
        };
        assert_eq!(
            fmt_date(d, WrittenPrecision::Day, DateFamily::Dotted, all),
            "10.11.1937"
        );
        assert_eq!(
            fmt_date(d, WrittenPrecision::Day, DateFamily::Roman, all),
            "10.XI.1937"
        );
        assert_eq!(
            fmt_date(d, WrittenPrecision::Day, DateFamily::RussianWords, all),
            "10 ноября 1937 г."
        );
        assert_eq!(
            fmt_date(d, WrittenPrecision::Month, DateFamily::RussianWords, all),
            "ноябрь 1937"
        );
        assert_eq!(
            fmt_date(d, WrittenPrecision::Year, DateFamily::KazakhYear, all),
            "1937 ж."
        );
        // Whatever this build's parser reads, the output parses.
        let sup = DateSupport::probe();
        for fam in [
            DateFamily::Iso,
            DateFamily::Dotted,
            DateFamily::Roman,
            DateFamily::RussianWords,
            DateFamily::KazakhYear,
        ] {
            for prec in [
                WrittenPrecision::Day,
                WrittenPrecision::Month,
                WrittenPrecision::Year,
            ] {
                let t = fmt_date(d, prec, fam, sup);
                assert!(HistoricalDate::parse(&t).is_ok(), "{t}");
            }
        }
    }

    #[test]
    fn noise_helpers() {
        let mut rng = Rng::new(3);
        for _ in 0..200 {
            let t = typo(&mut rng, "Байтурсынов");
            assert!(t.starts_with('Б'));
            assert!(t.chars().all(char::is_alphabetic));
        }
        assert_eq!(ocr(&mut rng, "Шш").as_deref(), Some("Шщ"));
        let h = homoglyph(&mut rng, "Сапар").unwrap();
        assert_eq!(museum_core::Script::detect(&h), museum_core::Script::Mixed);
        assert!(homoglyph(&mut rng, "Жүн").is_none());
    }
}
