//! How a file's columns map onto the canonical columns of its kind, and turning a raw record
//! into a typed record with the findings about its fields.

use std::borrow::Cow;
use std::cell::RefCell;
use std::mem::take;

use super::parse::Fields;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::Located;
use crate::io::columns::Column;
use crate::io::encoding::looks_cp1251;
use crate::io::record::{Record, Row};

/// Sees each readable field of a row: input index, field name, text, the row's location.
pub(crate) type FieldVisitor<'a> = dyn FnMut(usize, &str, &str, &Location) + 'a;

/// How each input column is used.
#[derive(Debug, Clone)]
pub(super) enum Slot {
    /// Canonical column index.
    Known(usize),
    /// Unknown column (or a second column mapping to a filled field), carried through under its
    /// original header.
    Extra(String),
}

/// What the header of a CSV file says: how its columns map onto the canonical columns of the
/// kind, and how the file is delimited.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The file, as given.
    pub(crate) file: String,
    /// The canonical columns of the kind.
    pub(crate) columns: &'static [Column],
    /// The field delimiter.
    pub(crate) delimiter: u8,
    pub(super) slots: Vec<Slot>,
    /// Name of each input column in locations: the canonical name, or the header as written.
    pub(super) names: Vec<String>,
    /// The header has no `id` column: ids are made from the file stem and the line.
    pub(super) synth_ids: bool,
    pub(super) id_prefix: String,
    pub(super) max_field_size: usize,
    /// The project's own vocabulary.
    pub(super) vocab: Option<std::sync::Arc<crate::model::vocab::UserVocab>>,
}

impl Layout {
    /// The number of header columns.
    pub(crate) fn width(&self) -> usize {
        self.slots.len()
    }

    /// The input column that fills canonical column `canonical` (the first one naming it).
    pub(crate) fn input_column(&self, canonical: usize) -> Option<usize> {
        self.slots
            .iter()
            .position(|s| matches!(s, Slot::Known(c) if *c == canonical))
    }

    /// The name of input column `i` in locations (`column_N` beyond the header).
    pub(crate) fn field_name(&self, i: usize) -> Cow<'_, str> {
        match self.names.get(i) {
            Some(n) => Cow::Borrowed(n.as_str()),
            None => Cow::Owned(format!("column_{}", i + 1)),
        }
    }

    pub(super) fn loc(&self, line: u64) -> Location {
        Location {
            file: Some(self.file.as_str().into()),
            line: Some(line),
            ..Location::default()
        }
    }

    /// Turns one raw record into a typed record, pushing the findings about its fields (encoding,
    /// size, ragged row, values) to `out`. A row without values gives `None` and a blank-row
    /// finding. `on_field` sees every readable field (input index, name, text) before the
    /// record is built whole, with [`Record::from_row`] (what readers hand to other commands).
    pub(crate) fn row<T: Record>(
        &self,
        rec: Fields<'_>,
        line: u64,
        record: u64,
        out: &mut Vec<Diagnostic>,
        on_field: Option<&mut FieldVisitor<'_>>,
    ) -> Option<Located<T>> {
        let (record, location) =
            self.row_with(rec, line, record, out, on_field, false, T::from_row)?;
        Some(Located { record, location })
    }

    /// [`Layout::row`] for validation only: the row is handed to `build` (which reads what the
    /// rules need of it: a victim's row view, a record built lean), with a location that has
    /// neither the file nor the record id (see [`Layout::row_with`]). `on_field` is a type of
    /// its own here (not a [`FieldVisitor`]), so that the validator's check of each field is
    /// inlined.
    pub(crate) fn row_lean<R, F: FnMut(usize, &str, &str, &Location) + ?Sized>(
        &self,
        rec: Fields<'_>,
        line: u64,
        record: u64,
        out: &mut Vec<Diagnostic>,
        on_field: Option<&mut F>,
        build: impl FnOnce(&Row<'_>, &mut Vec<Diagnostic>) -> R,
    ) -> Option<(R, Location)> {
        self.row_with(rec, line, record, out, on_field, true, build)
    }

    /// Reads one raw record into a [`Row`] and hands it to `build`; gives what `build` made and
    /// the row's location. Every field is seen once: its size checked, shown to `on_field`,
    /// and put in its canonical place.
    ///
    /// A `lean` row's location has neither the file nor the record id (one copy of each per row
    /// saved): the validator's sink fills both into the findings it keeps (see
    /// [`crate::validate`]'s `Sink::name_record`); findings pushed to `out` here get the id.
    #[allow(clippy::too_many_arguments)] // reason: the one reader of a row; a struct of these would only be unpacked again
    fn row_with<R, F: FnMut(usize, &str, &str, &Location) + ?Sized>(
        &self,
        rec: Fields<'_>,
        line: u64,
        record: u64,
        out: &mut Vec<Diagnostic>,
        mut on_field: Option<&mut F>,
        lean: bool,
        build: impl FnOnce(&Row<'_>, &mut Vec<Diagnostic>) -> R,
    ) -> Option<(R, Location)> {
        let first = out.len();
        let loc = Location {
            record: Some(record),
            file: if lean {
                None
            } else {
                Some(self.file.as_str().into())
            },
            line: Some(line),
            ..Location::default()
        };
        if rec.all_blank() {
            out.push(
                Diagnostic::new(Code::BlankRow, "the row has no values", loc)
                    .with_help("remove the blank row"),
            );
            return None;
        }
        let oversized = |i: usize, len: usize, loc: &Location, out: &mut Vec<Diagnostic>| {
            out.push(
                Diagnostic::new(
                    Code::FieldTooLarge,
                    format!(
                        "the field is {}, larger than the maximum of {}; it was not read",
                        human_size(len),
                        human_size(self.max_field_size)
                    ),
                    loc.with_field(self.field_name(i).into_owned()),
                )
                .with_help("a field this large is usually a quoting error; raise `max_field_size` in `museum.toml` if it is real"),
            );
        };
        let (texts, values) = SCRATCH.with_borrow_mut(|s| (take(&mut s.0), take(&mut s.1)));
        let mut texts: Vec<Cow<'_, str>> = recycle(texts);
        // Fields whose bytes were not UTF-8 (repaired with U+FFFD and reported already).
        let mut unreadable: Vec<usize> = Vec::new();
        // A block that is valid UTF-8 (almost always) lends its fields as they are; raw bytes
        // are read into `texts` first.
        let fields: &[Cow<'_, str>] = match rec {
            Fields::Text(fields, _) => fields,
            Fields::Raw(rec) => {
                texts.reserve(rec.len());
                // One UTF-8 check for the whole record; a field is then sliced out of it (a
                // field cut inside a character falls back to its own check below).
                let whole = simdutf8::basic::from_utf8(rec.as_slice()).ok();
                for (i, raw) in rec.iter().enumerate() {
                    if raw.len() > self.max_field_size {
                        oversized(i, raw.len(), &loc, out);
                        texts.push(Cow::Borrowed(""));
                        continue;
                    }
                    if let Some(t) = whole.zip(rec.range(i)).and_then(|(w, r)| w.get(r)) {
                        texts.push(Cow::Borrowed(t));
                        continue;
                    }
                    if let Ok(s) = std::str::from_utf8(raw) {
                        texts.push(Cow::Borrowed(s));
                    } else {
                        let lossy = String::from_utf8_lossy(raw).into_owned();
                        let help = if looks_cp1251(raw) {
                            "the bytes look like Windows-1251; re-save the file as UTF-8 (e.g. `iconv -f CP1251 -t UTF-8`)"
                        } else {
                            "re-save the file as UTF-8; invalid bytes were replaced by U+FFFD"
                        };
                        out.push(
                            Diagnostic::new(
                                Code::InvalidEncoding,
                                "the value is not valid UTF-8",
                                loc.with_field(self.field_name(i).into_owned()),
                            )
                            .with_value(lossy.clone())
                            .with_help(help),
                        );
                        texts.push(Cow::Owned(lossy));
                        unreadable.push(i);
                    }
                }
                &texts
            }
        };
        // The record's id, so that findings about single fields name it too (whole rows only:
        // see above).
        let id = (!lean)
            .then(|| {
                if self.synth_ids {
                    Some(format!("{}-{line}", self.id_prefix))
                } else {
                    self.slots
                        .iter()
                        .position(|s| matches!(s, Slot::Known(0)))
                        .and_then(|i| fields.get(i))
                        .map(|t| crate::io::trim(t))
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                }
            })
            .flatten();
        let loc = Location {
            record_id: id,
            ..loc
        };
        let mut values: Vec<Option<&str>> = recycle(values);
        values.resize(self.columns.len(), None);
        let surplus: Vec<String> = (self.slots.len()..fields.len())
            .map(|i| format!("column_{}", i + 1))
            .collect();
        let mut extra: Vec<(&str, &str)> = Vec::new();
        let raw = matches!(rec, Fields::Raw(_));
        for (i, f) in fields.iter().enumerate() {
            let mut t: &str = f;
            // Raw fields were measured as they were read.
            if !raw && t.len() > self.max_field_size {
                oversized(i, t.len(), &loc, out);
                t = "";
            }
            if let Some(visit) = on_field.as_mut()
                && !t.is_empty()
                && !unreadable.contains(&i)
            {
                // An oversized field is empty here; repaired text is reported already.
                visit(i, &self.field_name(i), t, &loc);
            }
            match self.slots.get(i) {
                Some(Slot::Known(c)) => values[*c] = Some(t),
                Some(Slot::Extra(h)) => extra.push((h.as_str(), t)),
                None => extra.push((surplus[i - self.slots.len()].as_str(), t)),
            }
        }
        if fields.len() != self.slots.len() {
            out.push(
                Diagnostic::new(
                    Code::RaggedRow,
                    format!(
                        "the row has {} fields, the header has {}",
                        fields.len(),
                        self.slots.len()
                    ),
                    loc.clone(),
                )
                .with_help(if fields.len() > self.slots.len() {
                    "quote values that contain the delimiter; the surplus values are kept as `column_N`"
                } else {
                    "the missing trailing fields are read as empty"
                }),
            );
        }
        let synthetic_id = self.synth_ids.then(|| format!("{}-{line}", self.id_prefix));
        if let Some(id) = &synthetic_id {
            values[0] = Some(id.as_str());
        }
        let row = Row {
            values,
            extra,
            location: loc,
            columns: self.columns,
            vocab: self.vocab.as_deref(),
        };
        let built = build(&row, out);
        if out.len() > first {
            // The record's id as the record reads it (its `id` value, trimmed).
            let id = row.location.record_id.clone().or_else(|| {
                row.values[0]
                    .map(crate::io::trim)
                    .filter(|i| !i.is_empty())
                    .map(str::to_owned)
            });
            for d in &mut out[first..] {
                if d.location.record_id.is_none() {
                    d.location.record_id.clone_from(&id);
                }
            }
        }
        let Row {
            values,
            extra,
            location,
            ..
        } = row;
        drop(extra);
        let values = recycle(values);
        let texts = recycle(texts);
        SCRATCH.with_borrow_mut(|s| *s = (texts, values));
        Some((built, location))
    }
}

/// The per-row buffers of [`Layout::row`] (field texts, canonical values), kept empty between
/// rows on each thread so that a row allocates none.
type Scratch = (Vec<Cow<'static, str>>, Vec<Option<&'static str>>);

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// An empty vector with the allocation of `v`, for items of another lifetime: the standard
/// library collects a vector's own iterator in place when the item layouts agree, so no
/// allocation is made (and none is needed: `v` is emptied first).
fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter()
        .map(|_| unreachable!("the vector is empty"))
        .collect()
}

/// `1.5 MiB`, `640 KiB`, `12 bytes`.
pub(crate) fn human_size(n: usize) -> String {
    let f = n as f64;
    if n >= 1 << 20 {
        format!("{:.1} MiB", f / f64::from(1u32 << 20))
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", f / 1024.0)
    } else {
        format!("{n} bytes")
    }
}
