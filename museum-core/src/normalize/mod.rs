//! Name normalization and comparison keys, the first stages of matching.
//!
//! A pipeline of small pure functions, each documented with its steps:
//!
//! 1. [`normalize_text`]: Unicode NFKC, homoglyph repair ([`repair_homoglyphs`]: a Latin `a`
//!    inside a Cyrillic word and vice versa), lowercase, punctuation to spaces;
//! 2. [`fold`]: Kazakh Cyrillic, Russian Cyrillic and the Latin romanizations (English/BGN-PCGN,
//!    ISO 9, the 2021 Kazakh Latin alphabet, German `sch/tsch/j/w`, French `ou/ch`, Polish
//!    `sz/ł`) into one comparison alphabet, so `Бөкейханов`, `Bökeikhanov` and `Bokeikhanov`
//!    fold to the same text;
//! 3. [`surname_stem`] and [`patronymic_stem`]: morphology (`-ов/-ев/-ин/-ова`, `-ұлы/-қызы`,
//!    de-Russified `Бөкейхан`; `-ович` ~ `-ұлы`);
//! 4. [`phonetic`]: a consonant-class key in the spirit of Daitch–Mokotoff that absorbs what is
//!    left (Ө/О/У, І/И/У, sh/zh/ch/j);
//! 5. [`initial_class`]: initials compatible with full names.
//!
//! [`NameKeys::of`] runs the pipeline on every part of a [`crate::PersonName`].
//!
//! ```
//! use museum_core::normalize::{fold, phonetic, surname_stem};
//! let key = |s: &str| phonetic(&surname_stem(&fold(s)), false);
//! for spelling in ["Букейханов", "Bukeikhanov", "Bukeykhanov", "Bokeikhanov", "Бөкейхан"] {
//!     assert_eq!(key(spelling), key("Бөкейханов"));
//! }
//! ```

mod keys;
mod nationality;
mod text;
mod translit;

pub use keys::{
    MAX_CODES, NameKeys, PartKeys, PartKind, initial_class, initials_compatible, korean_surname,
    patronymic_stem, phonetic, surname_stem,
};
pub(crate) use nationality::key_of_folded;
pub use nationality::{nationality_key, nationality_name};
pub use text::{normalize_text, repair_homoglyphs};
pub use translit::fold;
