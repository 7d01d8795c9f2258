//! Findings about the data: [`Diagnostic`], [`Severity`], [`Location`] and the [`Code`] catalogue.
//!
//! A finding is a value, not an error: readers and validation return them in a list and go on.

mod code;

pub use code::Code;
pub(crate) use code::registry;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; not a problem by itself (an unknown column carried through).
    Info,
    /// Possibly wrong; a human should look.
    Warning,
    /// Certainly wrong or unusable.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding is.
///
/// Conventions (as in the `csv` crate): `line` is the 1-based physical line where the record
/// starts (the header is line 1 of a CSV file); `record` is the 0-based index of the data record
/// (header excluded); `field` is the canonical column name (or the original header of an unknown
/// column). Every part is optional.
///
/// A finding's file and field are shared rather than copied: the file name is one
/// reference-counted string for all the findings of a file (`Arc<str>`), and a canonical column
/// name is a `&'static str` (`Cow::Borrowed`); only an unknown column's header is owned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// The file, as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    /// 1-based physical line where the record starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 0-based data record index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The record's id, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// The field (column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Cow<'static, str>>,
    /// The spreadsheet cell (`C14`) of a sheet's finding; `file` is then `book.xlsx:Sheet`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Location {
    /// A location in `file`.
    pub fn file(file: impl Into<Arc<str>>) -> Self {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    /// The same location narrowed to `field`.
    #[must_use]
    pub fn with_field(&self, field: impl Into<Cow<'static, str>>) -> Self {
        Location {
            field: Some(field.into()),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    /// `file:line:field`, leaving out what is unknown; a spreadsheet cell follows its sheet
    /// (`book.xlsx:Sheet!C14:14:surname`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written part by part (this runs once per finding written).
        let mut sep = "";
        if let Some(file) = &self.file {
            f.write_str(file)?;
            if let Some(cell) = &self.cell {
                write!(f, "!{cell}")?;
            }
            sep = ":";
        }
        if let Some(line) = self.line {
            write!(f, "{sep}{line}")?;
            sep = ":";
        }
        if let Some(field) = &self.field {
            write!(f, "{sep}{field}")?;
            sep = ":";
        }
        if sep.is_empty()
            && let Some(id) = &self.record_id
        {
            f.write_str(id)?;
        }
        Ok(())
    }
}

impl Location {
    /// Whether the location displays as nothing (nothing known about it).
    pub fn is_unknown(&self) -> bool {
        let parts = [
            self.file.as_deref(),
            self.line.map(|_| "1"),
            self.field.as_deref(),
        ];
        let mut known = parts.iter().flatten();
        match (known.next(), known.next()) {
            (None, _) => self.record_id.as_deref().is_none_or(str::is_empty),
            (Some(only), None) => only.is_empty(),
            (Some(_), Some(_)) => false,
        }
    }
}

/// One finding about the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// The rule or check that found it.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// One terse phrase, lowercase, no trailing period.
    pub message: String,
    /// Where.
    pub location: Location,
    /// The offending value as written, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other records involved (the other half of a duplicate id, a conflicting link).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Location>,
}

impl Diagnostic {
    /// The longest value a finding carries, in characters.
    pub const MAX_VALUE_CHARS: usize = 1000;

    /// A finding with the code's default severity.
    pub fn new(code: Code, message: impl Into<String>, location: Location) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            location,
            value: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Sets the offending value. Values longer than [`Diagnostic::MAX_VALUE_CHARS`] characters
    /// are cut and end with `…` (a runaway field should not make a report megabytes long).
    #[must_use]
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        let mut value = value.into();
        if value.len() > Self::MAX_VALUE_CHARS
            && let Some((cut, _)) = value.char_indices().nth(Self::MAX_VALUE_CHARS)
        {
            value.truncate(cut);
            value.push('…');
        }
        self.value = Some(value);
        self
    }

    /// Sets the help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds a related location.
    #[must_use]
    pub fn with_related(mut self, location: Location) -> Self {
        self.related.push(location);
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:field: severity[code] message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.location.is_unknown() {
            write!(f, "{}: ", self.location)?;
        }
        write!(f, "{}[{}] {}", self.severity, self.code.id(), self.message)
    }
}
