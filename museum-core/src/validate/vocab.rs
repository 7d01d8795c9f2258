//! The values of a list the vocabularies do not understand ([`unknown_values`]): the facet view
//! behind `museum vocab`, with a ready-to-paste `museum.toml` snippet.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{Input, ValidateOptions};
use crate::diagnostic::Code;
use crate::error::Result;
use crate::model::SentenceKind;
use crate::model::vocab::{BodyKind, ChargeKind, vocab_key};

/// A field with a vocabulary that `museum.toml` can extend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VocabField {
    /// `sentence` (M204).
    Sentence,
    /// `charge` (M208).
    Charge,
    /// `sex` (M203).
    Sex,
    /// `sentencing_body` (M218).
    SentencingBody,
}

impl VocabField {
    /// Every field, in report order.
    pub const ALL: &'static [VocabField] = &[
        VocabField::Sentence,
        VocabField::Charge,
        VocabField::Sex,
        VocabField::SentencingBody,
    ];

    /// The column and `[vocab.…]` section name.
    pub fn as_str(self) -> &'static str {
        match self {
            VocabField::Sentence => "sentence",
            VocabField::Charge => "charge",
            VocabField::Sex => "sex",
            VocabField::SentencingBody => "sentencing_body",
        }
    }

    /// The finding that reports a value of this field as not understood.
    fn code(self) -> Code {
        match self {
            VocabField::Sentence => Code::UnknownSentence,
            VocabField::Charge => Code::MalformedCharge,
            VocabField::Sex => Code::UnknownSex,
            VocabField::SentencingBody => Code::UnknownSentencingBody,
        }
    }

    /// The kinds a value of this field can be mapped to in `museum.toml`.
    pub fn kinds(self) -> Vec<&'static str> {
        match self {
            VocabField::Sentence => SentenceKind::ALL
                .iter()
                .filter(|k| **k != SentenceKind::Unrecognised)
                .map(|k| k.as_str())
                .collect(),
            VocabField::Charge => ChargeKind::ALL.iter().map(|k| k.as_str()).collect(),
            VocabField::Sex => vec!["male", "female"],
            VocabField::SentencingBody => BodyKind::ALL
                .iter()
                .filter(|k| **k != BodyKind::Unrecognised)
                .map(|k| k.as_str())
                .collect(),
        }
    }
}

/// One value not understood, with how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ValueCount {
    /// The value as first written (values equal after [`vocab_key`] are counted together).
    pub value: String,
    /// The number of records with it.
    pub count: u64,
    /// Where it first occurs (`file:line:field`).
    pub first: String,
}

/// The values of one field not understood, most frequent first.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FieldUnknowns {
    /// The field.
    pub field: VocabField,
    /// The number of records with a value not understood.
    pub records: u64,
    /// The values, most frequent first (ties by value).
    pub values: Vec<ValueCount>,
}

/// What [`unknown_values`] found.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct UnknownValues {
    /// The files read.
    pub files: Vec<String>,
    /// The number of records read.
    pub records: usize,
    /// Per field asked for, in [`VocabField::ALL`] order (fields with nothing unknown included).
    pub fields: Vec<FieldUnknowns>,
}

impl UnknownValues {
    /// A `museum.toml` snippet mapping every value to `"?"`, to replace by a kind (the kinds are
    /// listed in a comment); empty when every value is understood.
    ///
    /// ```
    /// use museum_core::validate::vocab::{FieldUnknowns, UnknownValues, ValueCount, VocabField};
    /// let u = UnknownValues { files: vec![], records: 3, fields: vec![FieldUnknowns {
    ///     field: VocabField::Sex, records: 2,
    ///     values: vec![ValueCount { value: "e\"r".into(), count: 2, first: "v.csv:2:sex".into() }],
    /// }] };
    /// assert_eq!(u.toml_snippet(),
    ///     "[vocab.sex]  # kinds: male, female\n\"e\\\"r\" = \"?\"  # 2 records\n");
    /// ```
    pub fn toml_snippet(&self) -> String {
        let mut out = String::new();
        for f in self.fields.iter().filter(|f| !f.values.is_empty()) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!(
                "[vocab.{}]  # kinds: {}\n",
                f.field.as_str(),
                f.field.kinds().join(", ")
            ));
            for v in &f.values {
                // A JSON string is a valid TOML basic string (the same escapes).
                let key = serde_json::Value::String(v.value.clone()).to_string();
                let n = if v.count == 1 { "record" } else { "records" };
                out.push_str(&format!("{key} = \"?\"  # {} {n}\n", v.count));
            }
        }
        out
    }
}

/// Reads `inputs` as `museum validate` does (the same readers, `museum.toml` vocabulary and
/// rules) and counts the values of `fields` (every field when empty) that are not understood:
/// the sentences of M204, the charges of M208, the sex values of M203 and the sentencing bodies
/// of M218.
///
/// # Errors
/// As [`validate_streaming`](super::validate_streaming).
pub fn unknown_values(
    inputs: &[Input],
    options: &ValidateOptions,
    fields: &[VocabField],
) -> Result<UnknownValues> {
    let fields: Vec<VocabField> = VocabField::ALL
        .iter()
        .copied()
        .filter(|f| fields.is_empty() || fields.contains(f))
        .collect();
    let mut options = options.clone();
    options.mask_values = false;
    for c in Code::ALL {
        options.enabled[c.index()] = fields.iter().any(|f| f.code() == *c);
    }
    // Per field: key → (index into values); values in order of first occurrence.
    let mut seen: Vec<(HashMap<String, usize>, Vec<ValueCount>)> =
        vec![Default::default(); fields.len()];
    let summary = super::validate_streaming(inputs, &options, &mut |d| {
        let (Some(i), Some(value)) = (
            fields.iter().position(|f| f.code() == d.code),
            d.value.as_deref(),
        ) else {
            return Ok(());
        };
        let (index, values) = &mut seen[i];
        let value = value.trim();
        let at = *index.entry(vocab_key(value)).or_insert_with(|| {
            values.push(ValueCount {
                value: value.to_owned(),
                count: 0,
                first: d.location.to_string(),
            });
            values.len() - 1
        });
        values[at].count += 1;
        Ok(())
    })?;
    let fields = fields
        .into_iter()
        .zip(seen)
        .map(|(field, (_, mut values))| {
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            FieldUnknowns {
                field,
                records: values.iter().map(|v| v.count).sum(),
                values,
            }
        })
        .collect();
    Ok(UnknownValues {
        files: inputs
            .iter()
            .map(|i| i.path.display().to_string())
            .collect(),
        records: summary.records,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::DatasetKind;
    use crate::validate::Config;

    const LIST: &str = "id,full_name,sex,sentence,charge,source_ids\n\
        v1,Иванов Иван,mzh.,в распоряжение НКВД,58-10,src-1\n\
        v2,Петров Пётр,м,В распоряжение  НКВД,58-10-11,src-1\n\
        v3,Әлиев Бек,MZH,расстрел,58-10/11,src-1\n\
        v4,Сидорова Анна,ж,условно,58-10,src-1\n\
        v5,Ким Ли,мж,в распоряжение НКВД,58-10,src-1\n";

    fn run(config: &str, fields: &[VocabField]) -> UnknownValues {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("victims.csv");
        std::fs::write(&path, LIST).unwrap();
        let inputs = [Input {
            path,
            kind: DatasetKind::Victims,
        }];
        let options = Config::parse(config, "museum.toml")
            .unwrap()
            .apply(ValidateOptions::default())
            .unwrap();
        unknown_values(&inputs, &options, fields).unwrap()
    }

    fn counts(u: &UnknownValues, field: VocabField) -> Vec<(String, u64)> {
        u.fields
            .iter()
            .find(|f| f.field == field)
            .unwrap()
            .values
            .iter()
            .map(|v| (v.value.clone(), v.count))
            .collect()
    }

    #[test]
    fn counts_unknown_vocab_values_most_frequent_first() {
        let u = run("", &[]);
        assert_eq!(u.records, 5);
        let sentence = counts(&u, VocabField::Sentence);
        assert_eq!(
            sentence.first(),
            Some(&("в распоряжение НКВД".to_owned(), 3)),
            "{sentence:?}"
        );
        assert!(sentence.iter().all(|(v, _)| v != "расстрел"));
        assert_eq!(counts(&u, VocabField::Sex)[0], ("mzh.".to_owned(), 2));
        let snippet = u.toml_snippet();
        assert!(snippet.contains("[vocab.sentence]"), "{snippet}");
        assert!(
            snippet.contains("\"в распоряжение НКВД\" = \"?\"  # 3 records"),
            "{snippet}"
        );
        assert!(snippet.contains("[vocab.sex]"), "{snippet}");
        // The snippet, once filled in, is a valid `museum.toml` that makes them understood.
        let filled = snippet.replace(
            "\"в распоряжение НКВД\" = \"?\"",
            "\"в распоряжение НКВД\" = \"camp\"",
        );
        let filled = filled.replace("\"mzh.\" = \"?\"", "\"mzh.\" = \"male\"");
        let filled: String = filled
            .lines()
            .filter(|l| !l.contains("\"?\""))
            .map(|l| format!("{l}\n"))
            .collect();
        let u = run(&filled, &[]);
        assert!(
            counts(&u, VocabField::Sentence)
                .iter()
                .all(|(v, _)| v != "в распоряжение НКВД")
        );
        assert!(counts(&u, VocabField::Sex).iter().all(|(v, _)| v != "mzh."));
        assert_eq!(counts(&u, VocabField::Sex), [("мж".to_owned(), 1)]);
    }

    #[test]
    fn charge_values_and_field_selection() {
        let u = run("", &[VocabField::Charge]);
        assert_eq!(u.fields.len(), 1);
        assert!(counts(&u, VocabField::Charge).contains(&("58-10/11".to_owned(), 1)));
        let u = run(
            "[vocab.charge]\n\" 58-10/11 \" = \"articles\"\n",
            &[VocabField::Charge],
        );
        assert!(
            !counts(&u, VocabField::Charge)
                .iter()
                .any(|(v, _)| v == "58-10/11")
        );
    }
}
