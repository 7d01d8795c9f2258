//! The catalogue of finding codes. A released code is never renumbered or reused.
//!
//! Ranges: 1xx structure and headers, 2xx field values, 3xx dates and chronology,
//! 4xx references and identity, 5xx duplicates, 6xx completeness.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Severity;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $name:literal, $sev:ident, $family:ident :: $file:ident, $summary:literal; )*) => {
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

            /// The position of this code in [`Code::ALL`].
            pub fn index(self) -> usize {
                self as usize
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

/// The registry of rules: one line per rule, in id order — the variant of [`Code`], the stable
/// id, the kebab-case name, the default severity, the module of `validate::rules` whose
/// `$variant` implements the rule (`family::rule_name`: the rule's file, with its documentation
/// and its check), and the one-line summary.
///
/// Everything else is generated from it: the [`Code`] enum and its tables here, the list of
/// rules `museum rules` prints (`validate::rules::RULES`). A new rule is one line here and the
/// rule in its own file, `validate/rules/<family>/<rule_name>.rs` (`rule! { /// docs…
/// Variant => Variant }` implementing `validate::rules::Rule`, and `RecordRule` when it checks
/// records).
///
/// `registry!(callback)` calls `callback!` with the table.
macro_rules! registry {
    ($callback:ident) => {
        $callback! {
            /// A required column is absent from the header.
            MissingColumn = "M101", "missing-column", Error, structure::missing_column, "a required column is missing from the header";
            /// Two header cells name the same column.
            DuplicateColumn = "M102", "duplicate-column", Error, structure::duplicate_column, "two columns map to the same field";
            /// A column the model does not know; carried through in `extra`.
            UnknownColumn = "M103", "unknown-column", Info, structure::unknown_column, "a column is not part of the model and is carried through unchanged";
            /// A row has more or fewer fields than the header.
            RaggedRow = "M104", "ragged-row", Error, structure::ragged_row, "a row has a different number of fields than the header";
            /// Bytes that are not UTF-8.
            InvalidEncoding = "M105", "invalid-encoding", Error, structure::invalid_encoding, "the file or a value is not valid UTF-8";
            /// The file has no header and no data.
            EmptyFile = "M106", "empty-file", Error, structure::empty_file, "the file is empty";
            /// The file has a header but no records.
            HeaderOnly = "M107", "header-only", Warning, structure::header_only, "the file has a header but no records";
            /// A row whose fields are all empty, or an empty line.
            BlankRow = "M108", "blank-row", Warning, structure::blank_row, "a row or line has no values";
            /// The CSV cannot be parsed.
            MalformedCsv = "M109", "malformed-csv", Error, structure::malformed_csv, "the CSV syntax is broken";
            /// A JSON document or line cannot be parsed.
            MalformedJson = "M110", "malformed-json", Error, structure::malformed_json, "the JSON syntax is broken or a record has the wrong shape";
            /// A quoted field that is never closed swallows the rest of the file.
            UnterminatedQuote = "M111", "unterminated-quote", Error, structure::unterminated_quote, "a quoted field is never closed and runs to the end of the file";
            /// A field larger than the configured maximum.
            FieldTooLarge = "M112", "field-too-large", Error, structure::field_too_large, "a field is larger than the configured maximum size";
            /// The header has no `id` column; ids are made from the file name and line.
            MissingIdColumn = "M113", "missing-id-column", Info, structure::missing_id_column, "the header has no `id` column; records get ids from the file name and line";
            /// The file was decoded from a legacy encoding or UTF-16.
            DecodedEncoding = "M114", "decoded-encoding", Info, structure::decoded_encoding, "the file is not UTF-8 and was decoded from the encoding named (detected or given by `--encoding`)";
            /// A date that is not recognisable.
            UnparseableDate = "M201", "unparseable-date", Error, values::unparseable_date, "a date cannot be read";
            /// A date that does not exist (31 February, month 13).
            ImpossibleDate = "M202", "impossible-date", Error, values::impossible_date, "a date names a day that does not exist";
            /// A sex value not in the vocabulary.
            UnknownSex = "M203", "unknown-sex", Warning, values::unknown_sex, "a sex value is not in the vocabulary";
            /// A sentence not in the vocabulary.
            UnknownSentence = "M204", "unknown-sentence", Warning, values::unknown_sentence, "a sentence cannot be mapped to a kind";
            /// A number that cannot be read.
            InvalidNumber = "M205", "invalid-number", Error, values::invalid_number, "a number cannot be read";
            /// A value outside its vocabulary (source kind, boolean).
            InvalidValue = "M206", "invalid-value", Error, values::invalid_value, "a value is not one of the allowed values";
            /// A required field is empty.
            MissingValue = "M207", "missing-value", Error, values::missing_value, "a required field is empty";
            /// A charge that is not a list of criminal-code articles.
            MalformedCharge = "M208", "malformed-charge", Warning, charge::malformed_charge, "a charge is not a readable list of articles (`58-10, 58-11`)";
            /// Control, zero-width or bidirectional-formatting characters in a value.
            ControlCharacter = "M209", "control-character", Error, text::control_character, "a value contains a control, zero-width or other invisible character";
            /// A word mixing Cyrillic and Latin letters (homoglyphs).
            MixedScript = "M210", "mixed-script", Warning, text::mixed_script, "a word mixes Cyrillic and Latin letters (a look-alike letter from the other script)";
            /// Leading, trailing or repeated whitespace.
            StrayWhitespace = "M211", "stray-whitespace", Info, text::stray_whitespace, "a value has leading, trailing, repeated or non-breaking spaces";
            /// An age at arrest outside the plausible range.
            ImplausibleAge = "M212", "implausible-age", Error, age::implausible_age, "the age at arrest is implausible";
            /// Coordinates outside the valid ranges, or only one of them.
            InvalidCoordinates = "M213", "invalid-coordinates", Error, coordinates::invalid_coordinates, "coordinates are outside the valid ranges or incomplete";
            /// Coordinates outside the configured region.
            CoordinatesOutsideRegion = "M214", "coordinates-outside-region", Warning, coordinates::coordinates_outside_region, "coordinates lie outside the expected region (Kazakhstan)";
            /// Spreadsheet errors and programming nulls as values.
            PlaceholderValue = "M215", "placeholder-value", Warning, text::placeholder_value, "a value is a spreadsheet error or a placeholder (`#N/A`, `NULL`, `NaN`)";
            /// A date outside the plausible years of its field.
            DateOutOfRange = "M216", "date-out-of-range", Error, values::date_out_of_range, "a date lies outside the plausible years of its field, or in the future";
            /// A date column's "unknown" placeholders were read as missing (one finding per column).
            ReadAsMissing = "M217", "read-as-missing", Info, placeholders::read_as_missing, "placeholders that say \"unknown\" (`неизв.`, `нет данных`, `белгісіз`) were read as missing";
            /// A sentencing body not in the vocabulary.
            UnknownSentencingBody = "M218", "unknown-sentencing-body", Info, sentencing_body::unknown_sentencing_body, "a sentencing body cannot be mapped to a kind (troika, special board, court…)";
            /// A case event dated before the person's birth.
            EventBeforeBirth = "M301", "event-before-birth", Error, chronology::event_before_birth, "an arrest, sentence, execution, camp or release date precedes the birth date";
            /// A sentence dated before the arrest.
            SentenceBeforeArrest = "M302", "sentence-before-arrest", Error, chronology::sentence_before_arrest, "the sentence date precedes the arrest date";
            /// An execution dated before the sentence.
            ExecutionBeforeSentence = "M303", "execution-before-sentence", Error, chronology::execution_before_sentence, "the execution date precedes the sentence date";
            /// An execution dated before the arrest (when there is no sentence date).
            ExecutionBeforeArrest = "M304", "execution-before-arrest", Error, chronology::execution_before_arrest, "the execution date precedes the arrest date";
            /// A death dated before the birth.
            DeathBeforeBirth = "M305", "death-before-birth", Error, chronology::death_before_birth, "the death date precedes the birth date";
            /// A rehabilitation dated before the sentence (or arrest).
            RehabilitationBeforeSentence = "M306", "rehabilitation-before-sentence", Error, chronology::rehabilitation_before_sentence, "the rehabilitation date precedes the sentence (or arrest) date";
            /// An execution date on a case whose sentence is not death.
            ExecutionWithoutDeathSentence = "M307", "execution-without-death-sentence", Warning, chronology::execution_without_death_sentence, "a case has an execution date but its sentence is not death";
            /// A death sentence without an execution date.
            DeathSentenceWithoutExecution = "M308", "death-sentence-without-execution", Info, chronology::death_sentence_without_execution, "a death sentence has no execution date";
            /// A person sent to a camp that was not operating then.
            CampNotOperating = "M309", "camp-not-operating", Error, camps::camp_not_operating, "the camp was not operating when the person was sent there";
            /// A period whose start is after its end.
            PeriodReversed = "M310", "period-reversed", Error, camps::period_reversed, "a period starts after it ends (event start/end, camp opened/closed)";
            /// A case event dated after the person's death.
            EventAfterDeath = "M311", "event-after-death", Error, chronology::event_after_death, "an arrest, sentence, execution, camp or release date is after the death date";
            /// The same id on two records.
            DuplicateId = "M401", "duplicate-id", Error, references::duplicate_id, "two records share an id";
            /// A reference to an id that does not exist.
            UnknownReference = "M402", "unknown-reference", Error, references::unknown_reference, "a reference points to an id that does not exist";
            /// A figure and a victim that link to different records.
            LinkMismatch = "M403", "link-mismatch", Error, references::link_mismatch, "a figure and a victim link to each other inconsistently";
            /// A figure-victim link recorded on one side only.
            OneSidedLink = "M404", "one-sided-link", Info, references::one_sided_link, "a figure-victim link is recorded on one side only";
            /// A record that cites no source.
            NoSource = "M601", "no-source", Warning, completeness::no_source, "a record cites no source";
            /// A victim with no date at all.
            NoDates = "M602", "no-dates", Warning, completeness::no_dates, "a victim record has no date at all";
            /// A column that is empty in most records.
            SparseColumn = "M603", "sparse-column", Info, completeness::sparse_column, "a column is empty in more records than the configured threshold";
            /// A victim with no name.
            NoName = "M604", "no-name", Warning, completeness::no_name, "a victim record has no name";
        }
    };
}
pub(crate) use registry;

registry!(codes);

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
