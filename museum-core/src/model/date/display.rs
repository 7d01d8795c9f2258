//! The written forms of a date: EDTF text ([`Display`](std::fmt::Display), [`FromStr`](std::str::FromStr)) and
//! the JSON form (serde and its JSON Schema).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DateError, DatePoint, DateValue, HistoricalDate, IntervalEnd, parse};

impl fmt::Display for DatePoint {
    /// EDTF: `1937`, `1937-11`, `1937-11-10`, followed by `?`, `~` or `%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        match (self.uncertain, self.approximate) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("?"),
            (false, true) => f.write_str("~"),
            (false, false) => Ok(()),
        }
    }
}

impl fmt::Display for HistoricalDate {
    /// The EDTF form: `1937-11-10`, `1937?`, `1930/1933`, `../1938`; `XXXX` when unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn end(f: &mut fmt::Formatter<'_>, e: &IntervalEnd) -> fmt::Result {
            match e {
                IntervalEnd::Point(p) => write!(f, "{p}"),
                IntervalEnd::Open => f.write_str(".."),
                IntervalEnd::Unknown => Ok(()),
            }
        }
        match &self.value {
            DateValue::Unknown => f.write_str("XXXX"),
            DateValue::Point(p) => write!(f, "{p}"),
            DateValue::Interval { start, end: e } => {
                end(f, start)?;
                f.write_str("/")?;
                end(f, e)
            }
        }
    }
}

impl std::str::FromStr for HistoricalDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HistoricalDate::parse(s)
    }
}

/// How a [`HistoricalDate`] appears in JSON: its EDTF form, the original text, and bounds.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename = "HistoricalDate")]
struct DateRepr {
    /// The normalized EDTF form (`1937-11-10`, `1937?`, `1930/1933`, `../1938`, `XXXX`).
    edtf: String,
    /// The text exactly as the source wrote it.
    original: String,
    /// First possible day (ISO 8601), absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    earliest: Option<String>,
    /// Last possible day (ISO 8601), absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latest: Option<String>,
}

impl Serialize for HistoricalDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DateRepr {
            edtf: self.to_string(),
            original: self.original.clone(),
            earliest: self.earliest().map(|d| d.to_string()),
            latest: self.latest().map(|d| d.to_string()),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for HistoricalDate {
    /// Accepts the object form (re-parsing `original`, falling back to `edtf`) or a plain string.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(String),
            Repr(DateRepr),
        }
        match Either::deserialize(d)? {
            Either::Text(t) => HistoricalDate::parse(&t).map_err(serde::de::Error::custom),
            Either::Repr(r) => {
                if let Ok(value) = parse::parse_value(&r.original) {
                    Ok(HistoricalDate {
                        original: r.original,
                        value,
                    })
                } else {
                    let value = parse::parse_value(&r.edtf).map_err(serde::de::Error::custom)?;
                    Ok(HistoricalDate {
                        original: r.original,
                        value,
                    })
                }
            }
        }
    }
}

impl JsonSchema for HistoricalDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HistoricalDate".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DateRepr::json_schema(generator)
    }
}
