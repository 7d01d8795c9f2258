//! The rules: one stable [`Code`] each, with documentation (`## What it checks`,
//! `## Why it matters`, `## Example`) that `museum rules CODE` prints.
//!
//! Files group small families: [`structure`] (what the readers find while reading: headers,
//! encoding, quoting, sizes), [`values`] (dates, vocabularies, numbers), [`charge`], [`text`]
//! (invisible characters, mixed scripts, whitespace, placeholders), [`placeholders`]
//! ("unknown" read as missing), [`age`], [`coordinates`],
//! [`chronology`], [`camps`] (camp operating, reversed periods), [`references`] (ids and links)
//! and [`completeness`]. A table-driven test checks that every code has a rule here and a
//! fixture under `tests/fixtures/rules/`.

use crate::diagnostic::{Code, Severity};

macro_rules! rule {
    ($(#[doc = $doc:literal])* $name:ident => $code:ident) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl $name {
            /// The rule's code and documentation.
            pub const RULE: $crate::validate::rules::Rule = $crate::validate::rules::Rule {
                code: $crate::diagnostic::Code::$code,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub mod age;
pub mod camps;
pub mod charge;
pub mod chronology;
pub mod completeness;
pub mod coordinates;
pub mod placeholders;
pub mod references;
pub mod sentencing_body;
pub mod structure;
pub mod text;
pub mod values;

/// A rule: its code and its documentation.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    code: Code,
    docs: &'static str,
}

impl Rule {
    /// The code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The stable id (`M201`).
    pub fn id(&self) -> &'static str {
        self.code.id()
    }

    /// The kebab-case name (`unparseable-date`).
    pub fn name(&self) -> &'static str {
        self.code.name()
    }

    /// The default severity.
    pub fn severity(&self) -> Severity {
        self.code.default_severity()
    }

    /// A one-line summary.
    pub fn summary(&self) -> &'static str {
        self.code.summary()
    }

    /// The documentation in Markdown (`## What it checks`, `## Why it matters`, `## Example`).
    pub fn docs(&self) -> String {
        let mut s = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            s.push_str(line.strip_prefix(' ').unwrap_or(line));
            s.push('\n');
        }
        s.trim().to_owned() + "\n"
    }
}

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    structure::MissingColumn::RULE,
    structure::DuplicateColumn::RULE,
    structure::UnknownColumn::RULE,
    structure::RaggedRow::RULE,
    structure::InvalidEncoding::RULE,
    structure::EmptyFile::RULE,
    structure::HeaderOnly::RULE,
    structure::BlankRow::RULE,
    structure::MalformedCsv::RULE,
    structure::MalformedJson::RULE,
    structure::UnterminatedQuote::RULE,
    structure::FieldTooLarge::RULE,
    structure::MissingIdColumn::RULE,
    structure::DecodedEncoding::RULE,
    values::UnparseableDate::RULE,
    values::ImpossibleDate::RULE,
    values::UnknownSex::RULE,
    values::UnknownSentence::RULE,
    values::InvalidNumber::RULE,
    values::InvalidValue::RULE,
    values::MissingValue::RULE,
    charge::MalformedCharge::RULE,
    text::ControlCharacter::RULE,
    text::MixedScript::RULE,
    text::StrayWhitespace::RULE,
    age::ImplausibleAge::RULE,
    coordinates::InvalidCoordinates::RULE,
    coordinates::CoordinatesOutsideRegion::RULE,
    text::PlaceholderValue::RULE,
    values::DateOutOfRange::RULE,
    placeholders::ReadAsMissing::RULE,
    sentencing_body::UnknownSentencingBody::RULE,
    chronology::EventBeforeBirth::RULE,
    chronology::SentenceBeforeArrest::RULE,
    chronology::ExecutionBeforeSentence::RULE,
    chronology::ExecutionBeforeArrest::RULE,
    chronology::DeathBeforeBirth::RULE,
    chronology::RehabilitationBeforeSentence::RULE,
    chronology::ExecutionWithoutDeathSentence::RULE,
    chronology::DeathSentenceWithoutExecution::RULE,
    camps::CampNotOperating::RULE,
    camps::PeriodReversed::RULE,
    chronology::EventAfterDeath::RULE,
    references::DuplicateId::RULE,
    references::UnknownReference::RULE,
    references::LinkMismatch::RULE,
    references::OneSidedLink::RULE,
    completeness::NoSource::RULE,
    completeness::NoDates::RULE,
    completeness::SparseColumn::RULE,
    completeness::NoName::RULE,
];

/// Every rule, in code order.
pub fn all() -> &'static [Rule] {
    RULES
}

/// The rule of `code`.
///
/// # Panics
/// Never: every code has a rule (a test checks it).
pub fn get(code: Code) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.code == code)
        .expect("every code has a rule")
}

/// Finds a rule by id (`M201`) or name (`unparseable-date`), case-insensitively.
///
/// ```
/// let r = museum_core::validate::rules::find("sentence-before-arrest").unwrap();
/// assert_eq!(r.id(), "M302");
/// assert!(r.docs().contains("## Why it matters"));
/// ```
pub fn find(key: &str) -> Option<&'static Rule> {
    Code::lookup(key.trim()).map(get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_documented_rule() {
        assert_eq!(RULES.len(), Code::ALL.len());
        for (rule, code) in RULES.iter().zip(Code::ALL) {
            assert_eq!(rule.code(), *code, "RULES must be in code order");
            let docs = rule.docs();
            for heading in ["## What it checks", "## Why it matters", "## Example"] {
                assert!(docs.contains(heading), "{} lacks `{heading}`", code.id());
            }
        }
    }
}
