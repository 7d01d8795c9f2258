//! The catalogue of finding codes. A released code is never renumbered or reused.
//!
//! Ranges: 1xx structure and headers, 2xx field values, 3xx dates and chronology,
//! 4xx references and identity, 5xx duplicates, 6xx completeness.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $sev:ident, $summary:literal; )*) => {
        /// A stable finding code: an id (`M101`), a kebab-case name and a one-line summary.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum Code {
            $( $(#[$doc])* #[serde(rename = $id)] $variant, )*
        }

        impl Code {
            /// Every code, in id order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable id (`M101`).
            pub fn id(self) -> &'static str {
                match self { $( Code::$variant => $id, )* }
            }

            /// The kebab-case name (`missing-column`).
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// The default severity.
            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// A one-line summary.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    /// A required column is absent from the header.
    MissingColumn = "M101", "missing-column", Error, "a required column is missing from the header";
    /// Two header cells name the same column.
    DuplicateColumn = "M102", "duplicate-column", Error, "two columns map to the same field";
    /// A column the model does not know; carried through in `extra`.
    UnknownColumn = "M103", "unknown-column", Info, "a column is not part of the model and is carried through unchanged";
    /// A row has more or fewer fields than the header.
    RaggedRow = "M104", "ragged-row", Error, "a row has a different number of fields than the header";
    /// Bytes that are not UTF-8.
    InvalidEncoding = "M105", "invalid-encoding", Error, "the file is not valid UTF-8";
    /// The file has no header and no data.
    EmptyFile = "M106", "empty-file", Error, "the file is empty";
    /// The file has a header but no records.
    HeaderOnly = "M107", "header-only", Warning, "the file has a header but no records";
    /// A row whose fields are all empty.
    BlankRow = "M108", "blank-row", Warning, "a row has no values";
    /// The CSV cannot be parsed (e.g. an unterminated quote).
    MalformedCsv = "M109", "malformed-csv", Error, "the CSV syntax is broken";
    /// A JSON document or line cannot be parsed.
    MalformedJson = "M110", "malformed-json", Error, "the JSON syntax is broken or a record has the wrong shape";
    /// A date that is not recognisable.
    UnparseableDate = "M201", "unparseable-date", Error, "a date cannot be read";
    /// A date that does not exist (31 February, month 13).
    ImpossibleDate = "M202", "impossible-date", Error, "a date names a day that does not exist";
    /// A sex value not in the vocabulary.
    UnknownSex = "M203", "unknown-sex", Warning, "a sex value is not in the vocabulary";
    /// A sentence not in the vocabulary.
    UnknownSentence = "M204", "unknown-sentence", Warning, "a sentence cannot be mapped to a kind";
    /// A number that cannot be read.
    InvalidNumber = "M205", "invalid-number", Error, "a number cannot be read";
    /// A value outside its vocabulary (source kind, boolean).
    InvalidValue = "M206", "invalid-value", Error, "a value is not one of the allowed values";
    /// A required field is empty.
    MissingValue = "M207", "missing-value", Error, "a required field is empty";
    /// The same id on two records.
    DuplicateId = "M401", "duplicate-id", Error, "two records share an id";
    /// A reference to an id that does not exist.
    UnknownReference = "M402", "unknown-reference", Error, "a reference points to an id that does not exist";
}

impl Code {
    /// Finds a code by id (`M101`) or name (`missing-column`), case-insensitively.
    pub fn lookup(key: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(key) || c.name().eq_ignore_ascii_case(key))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for c in Code::ALL {
            assert!(ids.insert(c.id()), "duplicate id {}", c.id());
            assert!(names.insert(c.name()), "duplicate name {}", c.name());
            assert!(c.id().len() == 4 && c.id().starts_with('M'));
            assert!(
                c.name()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-')
            );
            assert_eq!(Code::lookup(c.id()), Some(*c));
            assert_eq!(Code::lookup(c.name()), Some(*c));
        }
    }
}
