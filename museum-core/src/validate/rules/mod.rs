//! The rules: one stable [`Code`] each, with documentation (`## What it checks`,
//! `## Why it matters`, `## Example`) that `museum rules CODE` prints.
//!
//! Each rule is one file, `<family>/<rule_name>.rs` (ruff's layout): its documentation and,
//! when it checks records, its `impl RecordRule`. Family folders keep what their rules share in
//! `mod.rs`: [`structure`] (what the readers find while reading: headers,
//! encoding, quoting, sizes), [`values`] (dates, vocabularies, numbers), [`charge`], [`text`]
//! (invisible characters, mixed scripts, whitespace, placeholders), [`placeholders`]
//! ("unknown" read as missing), [`age`], [`coordinates`],
//! [`chronology`], [`camps`] (camp operating, reversed periods), [`references`] (ids and links)
//! and [`completeness`].
//!
//! Some checks are made elsewhere, in one pass for several rules; their files hold the
//! documentation and the registry points at them:
//! - the structure codes (M101–M114) and the value codes found while reading a row
//!   (M201–M207) are emitted by the readers (`io::csv_read`, `io::record`, `io::json_read`,
//!   `io::sheet`, `io::decode`; a victim row in validation through `validate::view`), where the
//!   bytes are; a victim row reads the values whose codes are on (`RecordRule::NEEDS`);
//! - the text codes (M209–M211, M215) are checked field by field in one pass
//!   (`text::check_field`), before the record is built;
//! - the chronology codes (M301–M308, M311) are checked in one pass over a victim's dates
//!   (`chronology::check`), whose rule files delegate to it.
//!
//! A table-driven test checks that every code has a rule here and a
//! fixture under `tests/fixtures/rules/`.
//!
//! A rule is a unit struct made by `rule!` (its documentation; trait [`Rule`]) and, when it
//! checks records, an `impl RecordRule` with one method per kind it checks. The registry
//! (`diagnostic::registry!`, one line per rule) generates [`RULES`] and the per-record dispatch
//! (`victim`, `figure`… run every rule's method in code order).
// The rules' documentation is the text `museum rules` prints: its examples quote findings
// whose values are themselves in backticks, and names such as ALZhIR are archival spellings.
#![allow(clippy::doc_markdown)]

use crate::diagnostic::{Code, Severity};
use crate::io::Located;
use crate::model::{Camp, Claim, Estimate, Event, Figure, Source};
use crate::validate::sink::{Context, Sink};
use crate::validate::view::{Needs, VictimView};
use crate::validate::world::{Facts, World};

macro_rules! rule {
    // A rule found by the readers or checked per file: no per-record check.
    ($(#[doc = $doc:literal])* $name:ident => $code:ident) => {
        rule!(@define $(#[doc = $doc])* $name => $code);
        impl $crate::validate::rules::RecordRule for $name {}
    };
    // A rule found by the readers of a victim row that needs typed values of the row (see
    // `RecordRule::NEEDS`).
    ($(#[doc = $doc:literal])* $name:ident => $code:ident, needs $needs:ident) => {
        rule!(@define $(#[doc = $doc])* $name => $code);
        impl $crate::validate::rules::RecordRule for $name {
            const NEEDS: $crate::validate::view::Needs = $crate::validate::view::Needs::$needs;
        }
    };
    // A rule whose file implements `RecordRule` (its per-record checks).
    ($(#[doc = $doc:literal])* $name:ident => $code:ident, checks records) => {
        rule!(@define $(#[doc = $doc])* $name => $code);
    };
    (@define $(#[doc = $doc:literal])* $name:ident => $code:ident) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl $crate::validate::rules::Rule for $name {
            const CODE: $crate::diagnostic::Code = $crate::diagnostic::Code::$code;
            const DOCS: &'static str = concat!($($doc, "\n"),*);
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

/// A rule: one stable [`Code`] and its documentation, written once in the rule's file with
/// `rule!` and listed once in the registry (`diagnostic::registry!`), from which [`RULES`] and
/// the [`Code`] catalogue are generated.
pub trait Rule {
    /// The code of its findings.
    const CODE: Code;
    /// The documentation in Markdown (`## What it checks`, `## Why it matters`, `## Example`).
    const DOCS: &'static str;
    /// What `museum rules` shows of it.
    const INFO: RuleInfo = RuleInfo {
        code: Self::CODE,
        docs: Self::DOCS,
    };
}

/// The per-record checks of a rule, one method per kind of record (those a rule does not
/// implement do nothing). The engine runs every rule's method for each record, in code order
/// (generated from the registry: [`victim`], [`figure`]…). A rule consults `world` (the kinds
/// already read) and may leave in `facts` what is checked later (a reference into a kind read
/// later).
///
/// A victim is read through a borrowed [`VictimView`] (a row is not built into a record): its
/// texts as written, and the typed values the rule declares in [`RecordRule::NEEDS`], computed
/// once per row when a rule that is on needs them.
pub(crate) trait RecordRule {
    /// The typed values of a victim row the rule reads (or the reader's finding it makes needs).
    const NEEDS: Needs = Needs::NONE;
    fn victim(_: &VictimView<'_>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
    fn figure(_: &Located<Figure>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
    fn event(_: &Located<Event>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
    fn camp(_: &Located<Camp>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
    fn source(_: &Located<Source>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
    fn estimate(_: &Located<Estimate>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
    fn claim(_: &Located<Claim>, _: &World, _: &mut Sink<'_>, _: &mut Facts) {}
}

/// What is known about a rule: its code and its documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    code: Code,
    docs: &'static str,
}

impl RuleInfo {
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

macro_rules! rules_table {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $sev:ident, $family:ident :: $file:ident, $summary:literal; )*) => {
        /// Every rule, in code order (generated from the registry).
        pub static RULES: &[RuleInfo] = &[ $( <$family::$file::$variant as Rule>::INFO, )* ];
    };
}

crate::diagnostic::registry!(rules_table);

macro_rules! dispatch {
    (@needs $( $family:ident :: $file:ident::$variant:ident )*) => {
        /// What the rules that are on need of a victim row (see [`RecordRule::NEEDS`]).
        pub(crate) fn victim_needs(cx: &Context) -> Needs {
            let mut needs = Needs::NONE;
            $(
                if cx.on(Code::$variant) {
                    needs = needs.or(<$family::$file::$variant as RecordRule>::NEEDS);
                }
            )*
            needs
        }
    };
    (@view $( $family:ident :: $file:ident::$variant:ident )*) => {
        /// Runs every rule's check of a victim, in code order.
        pub(crate) fn victim(v: &VictimView<'_>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
            $( <$family::$file::$variant as RecordRule>::victim(v, world, sink, facts); )*
        }
    };
    (@kind $kind:ident, $record:ty, $what:literal, $( $family:ident :: $file:ident::$variant:ident )*) => {
        #[doc = concat!("Runs every rule's check of ", $what, " record, in code order.")]
        pub(crate) fn $kind(rec: &Located<$record>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
            $( <$family::$file::$variant as RecordRule>::$kind(rec, world, sink, facts); )*
        }
    };
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $sev:ident, $family:ident :: $file:ident, $summary:literal; )*) => {
        dispatch!(@needs $( $family::$file::$variant )*);
        dispatch!(@view $( $family::$file::$variant )*);
        dispatch!(@kind figure, Figure, "a figure", $( $family::$file::$variant )*);
        dispatch!(@kind event, Event, "an event", $( $family::$file::$variant )*);
        dispatch!(@kind camp, Camp, "a camp", $( $family::$file::$variant )*);
        dispatch!(@kind source, Source, "a source", $( $family::$file::$variant )*);
        dispatch!(@kind estimate, Estimate, "an estimate", $( $family::$file::$variant )*);
        dispatch!(@kind claim, Claim, "a claim", $( $family::$file::$variant )*);
    };
}

crate::diagnostic::registry!(dispatch);

/// Every rule, in code order.
pub fn all() -> &'static [RuleInfo] {
    RULES
}

/// The rule of `code`.
///
/// # Panics
/// Never: every code has a rule (a test checks it).
pub fn get(code: Code) -> &'static RuleInfo {
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
pub fn find(key: &str) -> Option<&'static RuleInfo> {
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
