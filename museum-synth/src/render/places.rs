//! How a list writes where a person was born and lived, their nationality and occupation.

use crate::lists::Lang;
use crate::person::BirthPlace;
use crate::pools;

use super::{Renderer, capitalize};

impl Renderer<'_> {
    pub(super) fn birthplace(&mut self) -> String {
        let kk = self.list.lang == Lang::Kk;
        let text = match self.p.birthplace {
            BirthPlace::Aul { uezd, volost, aul } => {
                if kk {
                    format!(
                        "{} облысы, {} уезі, {} болысы, № {aul} ауыл",
                        uezd.oblast.kk, uezd.uezd.kk, volost.kk
                    )
                } else if self.rng.chance(0.5) {
                    format!(
                        "{} обл., {} у., {} вол., аул № {aul}",
                        uezd.oblast.ru, uezd.uezd.ru, volost.ru
                    )
                } else {
                    format!(
                        "аул № {aul} {} вол. {} уезда",
                        volost.ru,
                        uezd.uezd.ru.replace("ский", "ского")
                    )
                }
            }
            BirthPlace::District { oblast, district } => {
                let o = &pools::OBLASTS[oblast];
                let d = o.districts[district];
                if kk {
                    format!("{} облысы, {} ауданы", o.name.kk, d.kk)
                } else {
                    format!("{} обл., {} р-н", o.name.ru, d.ru)
                }
            }
            BirthPlace::Foreign(s) => s.to_owned(),
        };
        self.out(&text)
    }

    pub(super) fn nationality(&mut self) -> String {
        let e = self.p.eth;
        match self.list.lang {
            Lang::Ru => {
                let (m, f) = e.ru();
                let s = if self.p.female { f } else { m };
                if self.list.variants > 0.0 {
                    capitalize(s)
                } else {
                    s.to_owned()
                }
            }
            Lang::Kk => e.kk().to_owned(),
            Lang::En => e.en().to_owned(),
            Lang::De => e.de().to_owned(),
        }
    }

    pub(super) fn occupation(&mut self) -> String {
        let o = self.p.occupation;
        match self.list.lang {
            Lang::Ru => (if self.p.female { o.ru_f } else { o.ru_m }).to_owned(),
            Lang::Kk => o.kk.to_owned(),
            Lang::En | Lang::De => o.en.to_owned(),
        }
    }

    pub(super) fn residence(&mut self) -> String {
        let r = self.p.residence;
        let o = &pools::OBLASTS[r.oblast];
        let kk = self.list.lang == Lang::Kk;
        let text = match r.district {
            None => {
                if kk {
                    format!("{} қ.", o.city.kk)
                } else {
                    format!("г. {}", o.city.ru)
                }
            }
            Some((d, k)) => {
                let d = o.districts[d];
                let k = pools::KOLKHOZES[k];
                if kk {
                    format!("{} облысы, {} ауданы, {}", o.name.kk, d.kk, k.kk)
                } else {
                    format!("{} обл., {} р-н, {}", o.name.ru, d.ru, k.ru)
                }
            }
        };
        self.out(&text)
    }
}
