//! Placeholders read as missing: a date field that says "unknown" (`неизв.`, `нет данных`,
//! `белгісіз`, `?`, `—`) holds no date, and is read as one that is empty. So that nothing
//! disappears silently, each file and column with such values gets one info finding with the
//! count and the distinct spellings seen first.

pub(crate) mod read_as_missing;

pub use read_as_missing::ReadAsMissing;

use crate::diagnostic::{Code, Diagnostic, Location};

/// How many spellings a finding shows.
const EXAMPLES: usize = 3;

/// Whether a column holds dates (placeholders are read as missing in them).
pub(crate) fn is_date_field(field: &str) -> bool {
    field.ends_with("_date")
        || matches!(
            field,
            "opened" | "closed" | "published" | "accessed" | "as_of" | "date"
        )
}

/// Whether placeholders are read as missing in a column: the date columns and `sex`.
pub(crate) fn reads_placeholders(field: &str) -> bool {
    is_date_field(field) || field == "sex"
}

/// Whether `value` (a date or sex field's text) is a placeholder read as missing
/// ([`crate::model::vocab::is_placeholder`]), remembered per thread: a sex column repeats a few spellings on every row, and reading one
/// as a date (what decides) costs a copy of it.
pub(crate) fn is_placeholder(value: &str) -> bool {
    thread_local! {
        static PLACEHOLDERS: crate::hash::TextMemo<bool> = crate::hash::TextMemo::default();
    }
    crate::hash::memo(&PLACEHOLDERS, value, crate::model::vocab::is_placeholder)
}

/// Placeholders of one column: how many, where the first was, and the first spellings.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    /// How many values.
    pub(crate) count: u64,
    /// The line of the first (within the block until merged).
    pub(crate) first_line: Option<u64>,
    /// The first distinct spellings, at most [`EXAMPLES`].
    pub(crate) examples: Vec<String>,
}

impl Tally {
    /// Counts one placeholder at `line`.
    pub(crate) fn add(&mut self, value: &str, line: u64) {
        self.count += 1;
        self.first_line.get_or_insert(line);
        let v = value.trim();
        if self.examples.len() < EXAMPLES && !self.examples.iter().any(|e| e == v) {
            self.examples.push(v.to_owned());
        }
    }

    /// Adds a later block's tally.
    pub(crate) fn merge(&mut self, later: &Tally) {
        self.count += later.count;
        if self.first_line.is_none() {
            self.first_line = later.first_line;
        }
        for e in &later.examples {
            if self.examples.len() < EXAMPLES && !self.examples.contains(e) {
                self.examples.push(e.clone());
            }
        }
    }

    /// The finding for `field` of `file` (none when nothing was counted).
    pub(crate) fn finding(&self, file: &str, field: &str) -> Option<Diagnostic> {
        if self.count == 0 {
            return None;
        }
        let spellings = self
            .examples
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let (n, verb) = if self.count == 1 {
            ("1 value".to_owned(), "says")
        } else {
            (format!("{} values", self.count), "say")
        };
        Some(
            Diagnostic::new(
                Code::ReadAsMissing,
                format!(
                    "{n} of `{field}` {verb} \"unknown\" and were read as missing: {spellings}"
                ),
                Location {
                    file: Some(file.into()),
                    line: self.first_line,
                    field: Some(field.to_owned().into()),
                    ..Location::default()
                },
            )
            .with_value(self.examples.join(" | "))
            .with_help(if field == "sex" {
                "nothing to fix if the sex is unknown; leave the cell empty to say so without a placeholder"
            } else {
                "nothing to fix if the date is unknown; leave the cell empty to say so without a placeholder"
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_the_date_readers_unknowns() {
        for p in [
            "неизв.",
            "неизвестно",
            "нет данных",
            "н/д",
            "белгісіз",
            "unknown",
            "?",
            "XXXX",
            "—",
            " Неизв ",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for v in ["", "  ", "1937", "ноябрь 1937", "Майлин", "31.02.1937"] {
            assert!(!is_placeholder(v), "{v}");
        }
        assert!(is_date_field("birth_date") && is_date_field("opened"));
        assert!(reads_placeholders("sex") && !is_date_field("sex"));
        assert!(!is_date_field("surname"));
    }

    #[test]
    fn tallies_merge_in_order() {
        let mut a = Tally::default();
        a.add("неизв.", 3);
        a.add("неизв.", 5);
        let mut b = Tally::default();
        b.add("?", 9);
        b.add("нет данных", 10);
        b.add("белгісіз", 11);
        a.merge(&b);
        assert_eq!(a.count, 5);
        assert_eq!(a.first_line, Some(3));
        assert_eq!(a.examples, ["неизв.", "?", "нет данных"]);
        let d = a.finding("victims.csv", "birth_date").expect("a finding");
        assert_eq!(d.code, Code::ReadAsMissing);
        assert_eq!(d.location.to_string(), "victims.csv:3:birth_date");
        assert!(
            d.message.starts_with("5 values of `birth_date` say"),
            "{}",
            d.message
        );
    }
}
