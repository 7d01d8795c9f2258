//! Completeness: records without sources, dates or names, and columns that are mostly empty.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::Located;
use crate::model::Victim;
use crate::model::{Camp, Claim, Estimate, Event, Figure};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A record that cites no source: no `source_ids`, and for victims no `source_text`
    /// either. (Sources themselves are exempt.)
    ///
    /// ## Why it matters
    /// Every fact in the museum's archive must be traceable to a Book of Memory, an archive
    /// file or a publication; an unsourced record cannot be verified or corrected.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,source_ids,source_text
    /// v1,Майлин,,
    /// ```
    /// `victims.csv:2:source_ids: warning[M601] 1 of 1 records cites no source (the first on
    /// line 2)`
    ///
    /// One finding per file, with the count and the first record. A list that comes from one
    /// source (a volume of a Book of Sorrow, one commission's file) says so once: in
    /// `museum.toml`, `[sources]` `"spisok.csv" = "src-kniga-3"`, or `--source src-kniga-3`;
    /// its records then need no source of their own.
    NoSource => NoSource, checks records
}

rule! {
    /// ## What it checks
    /// A victim with no date at all: no birth, death, arrest, sentence, execution, camp,
    /// release or rehabilitation date.
    ///
    /// ## Why it matters
    /// Without any date the person cannot be placed in time, told apart from namesakes, or
    /// counted in any statistic.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,given_name,sentence
    /// v1,Майлин,Беимбет,ВМН
    /// ```
    /// `victims.csv:2: warning[M602] the victim record has no date at all`
    NoDates => NoDates, checks records
}

rule! {
    /// ## What it checks
    /// A column that is empty in more than `empty_column_threshold` (default 90 %) of a CSV
    /// file's rows. Reported once per column, on the header line.
    ///
    /// ## Why it matters
    /// A mostly empty column is either not collected (then say so in the dataset's README) or
    /// filled in the wrong column (a header typo, shifted values).
    ///
    /// ## Example
    /// `victims.csv:1:birth_place: info[M603] `birth_place` is empty in 97% of the rows (970 of
    /// 1000)`
    SparseColumn => SparseColumn
}

rule! {
    /// ## What it checks
    /// A victim record without any name: no full name, surname, given name or patronymic.
    ///
    /// ## Why it matters
    /// The museum's purpose is to name the victims; a nameless record cannot be shown,
    /// searched for or matched with other lists.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,given_name,birth_date
    /// v1,,,1894
    /// ```
    /// `victims.csv:2:surname: warning[M604] the victim record has no name`
    NoName => NoName, checks records
}

/// Folds the per-record M601 findings of `file` into one (the count and the first record), or
/// drops them when the file has a source of its own (`[sources]`, `--source`).
pub(crate) fn fold_no_source(
    findings: &mut Vec<Diagnostic>,
    file: &str,
    records: u64,
    file_source: Option<&str>,
) {
    let is_ours = |d: &Diagnostic| {
        d.code == Code::NoSource && d.location.file.as_deref().is_none_or(|f| f == file)
    };
    let count = findings.iter().filter(|d| is_ours(d)).count();
    if count == 0 {
        return;
    }
    let first = findings
        .iter()
        .position(is_ours)
        .map(|i| findings[i].clone());
    findings.retain(|d| !is_ours(d));
    if file_source.is_some() {
        return;
    }
    findings.extend(first.map(|d| no_source_summary(d, count, records)));
}

/// The one M601 finding of a file: `first`, the first record without a source, says how many
/// of the file's `records` have none (`count`).
pub(crate) fn no_source_summary(mut first: Diagnostic, count: usize, records: u64) -> Diagnostic {
    let at = first
        .location
        .line
        .map_or_else(String::new, |l| format!(" (the first on line {l})"));
    let records = records.max(count as u64);
    first.message = if count == 1 {
        format!("1 of {records} records cites no source{at}")
    } else {
        format!("{count} of {records} records cite no source{at}")
    };
    first.help = Some(
        "add the ids of their sources (`sources.csv`) to `source_ids`; a list from one source says so once: `[sources]` `\"file.csv\" = \"src-…\"` in `museum.toml` or `--source ID`".to_owned(),
    );
    first
}

/// Checks that a record cites a source (M601).
pub(crate) fn sources(ids: &[String], text: Option<&str>, loc: &Location, sink: &mut Sink<'_>) {
    if ids.is_empty() && text.is_none_or(|t| t.trim().is_empty()) {
        sink.push(
            Diagnostic::new(
                Code::NoSource,
                "the record cites no source",
                loc.with_field("source_ids"),
            )
            .with_help("add the ids of its sources (`sources.csv`) to `source_ids`"),
        );
    }
}

/// Checks that a victim has a date (M602).
fn dates(v: &Victim, loc: &Location, sink: &mut Sink<'_>) {
    if sink.on(Code::NoDates) {
        let any = v.birth_date.is_some()
            || v.death_date.is_some()
            || v.cases.iter().any(|c| {
                c.arrest_date.is_some()
                    || c.sentence_date.is_some()
                    || c.execution_date.is_some()
                    || c.camp_arrival_date.is_some()
                    || c.release_date.is_some()
                    || c.rehabilitation_date.is_some()
            });
        if !any {
            sink.push(
                Diagnostic::new(
                    Code::NoDates,
                    "the victim record has no date at all",
                    loc.clone(),
                )
                .with_help("add at least a birth year or the year of arrest from the source"),
            );
        }
    }
}

/// Checks that a victim has a name (M604).
fn name(v: &Victim, loc: &Location, sink: &mut Sink<'_>) {
    if v.name.is_empty() {
        sink.push(
            Diagnostic::new(
                Code::NoName,
                "the victim record has no name",
                loc.with_field("surname"),
            )
            .with_help("add the name as the source writes it (`full_name`, or `surname`, `given_name`, `patronymic`)"),
        );
    }
}

/// The finding for a mostly empty column (M603).
pub(crate) fn sparse(file: &str, field: &str, empty: u64, rows: u64) -> Diagnostic {
    #[allow(clippy::cast_precision_loss)]
    let share = (empty as f64 / rows as f64 * 100.0).floor();
    Diagnostic::new(
        Code::SparseColumn,
        format!("`{field}` is empty in {share}% of the rows ({empty} of {rows})"),
        Location {
            file: Some(file.to_owned()),
            line: Some(1),
            field: Some(field.to_owned()),
            ..Location::default()
        },
    )
    .with_help("fill the column, move its values to the right column, or drop it; set `empty_column_threshold` in `museum.toml` to change when this is reported")
}

impl RecordRule for NoSource {
    fn victim(rec: &Located<Victim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let v = &rec.record;
        if sink.on(Code::NoSource) {
            sources(&v.source_ids, v.source_text.as_deref(), &rec.location, sink);
        }
    }

    fn figure(rec: &Located<Figure>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(&rec.record.source_ids, None, &rec.location, sink);
        }
    }

    fn event(rec: &Located<Event>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(&rec.record.source_ids, None, &rec.location, sink);
        }
    }

    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(&rec.record.source_ids, None, &rec.location, sink);
        }
    }

    fn estimate(rec: &Located<Estimate>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(&rec.record.source_ids, None, &rec.location, sink);
        }
    }

    fn claim(rec: &Located<Claim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(&rec.record.source_ids, None, &rec.location, sink);
        }
    }
}

impl RecordRule for NoDates {
    fn victim(rec: &Located<Victim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        dates(&rec.record, &rec.location, sink);
    }
}

impl RecordRule for NoName {
    fn victim(rec: &Located<Victim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        name(&rec.record, &rec.location, sink);
    }
}
