//! [`Row`]: one flat row of a record, and the readers of its typed values (dates, vocabulary
//! values, numbers) that report what they cannot read.

use super::super::MULTI_SEPARATOR;
use super::super::columns::Column;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::entity::Extra;
use crate::model::{HistoricalDate, Sentence, SentenceKind, Sex, SexValue};

/// Whether `s` is empty or only whitespace; decided by the first byte in the common case (a
/// byte that is neither ASCII whitespace nor the lead byte of a Unicode space).
fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_whitespace() || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) => {
            s.trim().is_empty()
        }
        Some(_) => false,
    }
}

/// `s.trim()`, with the common case (no whitespace at either end) decided on the first and last
/// bytes: a first byte that is neither ASCII whitespace nor the lead byte of a Unicode space,
/// and a last byte that is neither ASCII whitespace nor a byte that ends one (U+0085, U+00A0,
/// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let may_start_space = |f: u8| f.is_ascii_whitespace() || matches!(f, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let may_end_space = |l: u8| {
        l.is_ascii_whitespace() || matches!(l, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
    };
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if !may_start_space(f) && !may_end_space(l) => s,
        _ => s.trim(),
    }
}

/// A flat row of one record: the values of the kind's canonical columns (by index into
/// [`DatasetKind::columns`](crate::io::DatasetKind::columns)), the unknown columns, and where the row is.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// Values by canonical column index; `None` when the column is absent from the input.
    pub values: Vec<Option<&'a str>>,
    /// Unknown columns: original header → value (empty values are kept too).
    pub extra: Vec<(&'a str, &'a str)>,
    /// Where the row starts (file, line, record).
    pub location: Location,
    /// The columns of the kind.
    pub columns: &'static [Column],
    /// The project's own vocabulary (`[vocab.*]` in `museum.toml`), tried before the built-in
    /// tables.
    pub vocab: Option<&'a crate::model::vocab::UserVocab>,
}

impl<'a> Row<'a> {
    /// The value of column `col` when present and not blank (whitespace is kept as written).
    pub fn text(&self, col: usize) -> Option<&'a str> {
        self.values
            .get(col)
            .copied()
            .flatten()
            .filter(|s| !is_blank(s))
    }

    /// The value as an owned string (see [`Row::text`]).
    pub fn string(&self, col: usize) -> Option<String> {
        self.text(col).map(str::to_owned)
    }

    /// The value into `slot`, reusing its allocation (see [`Row::string`]).
    pub(crate) fn string_into(&self, col: usize, slot: &mut Option<String>) {
        match (slot.as_mut(), self.text(col)) {
            (Some(s), Some(t)) => {
                s.clear();
                s.push_str(t);
            }
            (_, t) => *slot = t.map(str::to_owned),
        }
    }

    /// The value, or an empty string.
    pub fn required(&self, col: usize, out: &mut Vec<Diagnostic>) -> String {
        let mut s = String::new();
        self.required_into(col, &mut s, out);
        s
    }

    /// [`Row::required`] into `slot`, reusing its allocation.
    pub(crate) fn required_into(&self, col: usize, slot: &mut String, out: &mut Vec<Diagnostic>) {
        slot.clear();
        if let Some(s) = self.text(col) {
            slot.push_str(s);
        } else {
            let name = self.columns[col].name;
            out.push(
                Diagnostic::new(
                    Code::MissingValue,
                    format!("`{name}` is empty"),
                    self.loc(col),
                )
                .with_help(format!("every record needs a value in `{name}`")),
            );
        }
    }

    /// The location of column `col` of this row.
    pub fn loc(&self, col: usize) -> Location {
        self.location.with_field(self.columns[col].name)
    }

    /// A `|`-separated list; items are trimmed and empty items dropped.
    pub fn list(&self, col: usize) -> Vec<String> {
        let mut items = Vec::new();
        self.list_into(col, &mut items);
        items
    }

    /// [`Row::list`] into `items`, reusing its strings.
    pub(crate) fn list_into(&self, col: usize, items: &mut Vec<String>) {
        let mut n = 0;
        if let Some(s) = self.text(col) {
            for item in s.split(MULTI_SEPARATOR).map(str::trim) {
                if item.is_empty() {
                    continue;
                }
                if let Some(slot) = items.get_mut(n) {
                    slot.clear();
                    slot.push_str(item);
                } else {
                    items.push(item.to_owned());
                }
                n += 1;
            }
        }
        items.truncate(n);
    }

    /// A case number (`case`: a number from 1); other text is reported.
    pub(crate) fn case_seq(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<u32> {
        self.text(col).and_then(|t| match t.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                out.push(
                    Diagnostic::new(
                        Code::InvalidNumber,
                        "`case` must be a number from 1",
                        self.loc(col),
                    )
                    .with_value(t),
                );
                None
            }
        })
    }

    /// A date. Unparseable or impossible text is kept as an unknown date with its original text,
    /// and reported.
    pub fn date(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<HistoricalDate> {
        let mut date = None;
        self.date_into(col, &mut date, out);
        date
    }

    /// [`Row::date`] into `slot`, reusing the text allocation of the date there.
    pub(crate) fn date_into(
        &self,
        col: usize,
        slot: &mut Option<HistoricalDate>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(text) = self.text(col) else {
            *slot = None;
            return;
        };
        match HistoricalDate::parse_into(slot, text) {
            Ok(()) => {}
            Err(e) => {
                let name = self.columns[col].name;
                let (code, help) = if e.is_impossible() {
                    (
                        Code::ImpossibleDate,
                        "check the source; do not guess a correction".to_owned(),
                    )
                } else if let Some(fixed) = digit_lookalikes(text) {
                    (
                        Code::UnparseableDate,
                        format!("a letter stands where a digit belongs; did you mean `{fixed}`?"),
                    )
                } else {
                    (
                        Code::UnparseableDate,
                        "write dates as `1937-11-10`, `10.11.1937`, `ноябрь 1937`, `1937`, `1937?`, `c. 1937` or `1930/1933`".to_owned(),
                    )
                };
                out.push(
                    Diagnostic::new(code, format!("`{name}`: {e}"), self.loc(col))
                        .with_value(text)
                        .with_help(help),
                );
            }
        }
    }

    /// A sex value; unknown spellings are kept and reported.
    pub fn sex(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<Sex> {
        self.sex_with(col, out, true)
    }

    /// [`Row::sex`]; without `keep_text` the original text is not copied (validation only).
    pub(crate) fn sex_with(
        &self,
        col: usize,
        out: &mut Vec<Diagnostic>,
        keep_text: bool,
    ) -> Option<Sex> {
        let text = self.text(col)?;
        let user = self.vocab.and_then(|u| u.sex.get(text));
        let value = match user {
            Some(v) => v,
            None => crate::model::vocab::builtin_sex(text)?,
        };
        // A placeholder (`неизв.`, `?`) is read as missing: reported once per column (M217).
        if value == SexValue::Unrecognised && !crate::model::vocab::is_placeholder(text) {
            out.push(
                Diagnostic::new(
                    Code::UnknownSex,
                    "sex value is not in the vocabulary",
                    self.loc(col),
                )
                .with_value(text.trim())
                .with_help("use м/муж./ер/M for male, ж/жен./әйел/F for female"),
            );
        }
        Some(Sex {
            value,
            original: if keep_text {
                text.trim().to_owned()
            } else {
                String::new()
            },
        })
    }

    /// A sentence; unknown spellings are kept and reported.
    pub fn sentence(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<Sentence> {
        self.sentence_with(col, out, true)
    }

    /// [`Row::sentence`]; without `keep_text` the original text is not copied.
    pub(crate) fn sentence_with(
        &self,
        col: usize,
        out: &mut Vec<Diagnostic>,
        keep_text: bool,
    ) -> Option<Sentence> {
        let text = self.text(col)?;
        let user = self
            .vocab
            .filter(|u| u.sentence.get(text).is_some())
            .and_then(|u| Sentence::parse_with(text, Some(u)));
        let (kind, term_years) = match user {
            Some(s) => (s.kind, s.term_years),
            None => crate::model::vocab::builtin_sentence(text)?,
        };
        if kind == SentenceKind::Unrecognised {
            out.push(
                Diagnostic::new(Code::UnknownSentence, "sentence cannot be mapped to a kind", self.loc(col))
                    .with_value(text.trim())
                    .with_help("known forms: ВМН, расстрел, ату жазасы, 10 лет ИТЛ, ссылка, высылка, депортация, оправдан"),
            );
        }
        Some(Sentence {
            kind,
            term_years,
            original: if keep_text {
                text.trim().to_owned()
            } else {
                String::new()
            },
        })
    }

    /// A decimal number (`1 500 000`, `1,5` and `1.5` accepted); bad text is reported.
    pub fn number(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<f64> {
        let text = self.text(col)?;
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
            .collect();
        let cleaned = if cleaned.contains('.') {
            cleaned.replace(',', "")
        } else {
            cleaned.replace(',', ".")
        };
        match cleaned.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                out.push(
                    Diagnostic::new(
                        Code::InvalidNumber,
                        format!("`{}` is not a number", self.columns[col].name),
                        self.loc(col),
                    )
                    .with_value(text),
                );
                None
            }
        }
    }

    /// A boolean (`true/false`, `yes/no`, `1/0`, `да/нет`, `иә/жоқ`); bad text is reported.
    pub fn boolean(&self, col: usize, out: &mut Vec<Diagnostic>) -> bool {
        let Some(text) = self.text(col) else {
            return false;
        };
        match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "да" | "иә" | "x" => true,
            "false" | "no" | "n" | "0" | "нет" | "жоқ" => false,
            _ => {
                out.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{}` is not true or false", self.columns[col].name),
                        self.loc(col),
                    )
                    .with_value(text),
                );
                false
            }
        }
    }

    /// The unknown columns as an [`Extra`] map.
    pub fn extra_map(&self) -> Extra {
        self.extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }
}

/// The text with letters that look like digits (Cyrillic `З`, `О`, `б`, Latin `O`, `l`)
/// replaced by them, when the text is otherwise digits and date punctuation and has such a
/// letter next to a digit (`19З7` → `1937`).
fn digit_lookalikes(text: &str) -> Option<String> {
    let map = |c: char| match c {
        'З' | 'з' | 'Ӡ' => Some('3'),
        'О' | 'о' | 'O' | 'o' => Some('0'),
        'б' => Some('6'),
        'l' | 'I' | 'І' | 'і' | '|' => Some('1'),
        'S' | 's' => Some('5'),
        'B' => Some('8'),
        _ => None,
    };
    let t = text.trim();
    let mut changed = false;
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | ' ' | '?' | '~') {
            out.push(c);
        } else if let Some(d) = map(c) {
            let near_digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if !(near_digit(i.checked_sub(1)) || near_digit(Some(i + 1))) {
                return None;
            }
            out.push(d);
            changed = true;
        } else {
            return None;
        }
    }
    (changed && HistoricalDate::parse(&out).is_ok()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "v1",
            " v1 ",
            "Ахметов",
            "Ахметов ",
            "\u{a0}Ахметов",
            "Ахметов\u{a0}",
            "Тройка\u{2009}",
            "\u{3000}х",
            "х\u{205f}",
            "х\u{1680}",
            "\u{85}х\u{85}",
            "хр",
            "\tх\n",
            "х\u{2028}",
            "х\u{202f}",
            "58-10",
            "ВМН (расстрел)",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }
}
