//! `museum search`: find a person by any spelling, in any script, ranked, with why.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use museum_core::dedup::{
    DedupRecord, PartMatch, SearchHit, SearchOptions, SearchQuery, load_records_with, search,
};
use museum_core::persons::{REGISTRY_FILE, Registry};
use serde::Serialize;

use crate::args::{SearchArgs, TextFormat};
use crate::exit::ExitStatus;
use crate::printer::{Printer, paint};

/// One result of `museum search --format json`.
#[derive(Serialize)]
struct Hit<'a> {
    /// Score in [0, 1].
    score: f64,
    /// The person the record is (with a person registry beside the data).
    #[serde(skip_serializing_if = "Option::is_none")]
    person_id: Option<&'a str>,
    /// The record.
    record: RecordOut<'a>,
    /// Why it matched.
    why: Why<'a>,
}

#[derive(Serialize)]
struct RecordOut<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth: Option<&'a str>,
}

#[derive(Serialize)]
struct Why<'a> {
    /// The spelling that matched.
    matched_name: &'a str,
    /// Part by part.
    parts: &'a [PartMatch],
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_year_difference: Option<i32>,
}

/// The JSON document: `{"query": …, "results": [best first]}`.
#[derive(Serialize)]
struct Output<'a> {
    query: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    born: Option<i32>,
    /// With a person registry: the persons found, best first, with their matching records.
    #[serde(skip_serializing_if = "Option::is_none")]
    persons: Option<Vec<PersonHit<'a>>>,
    results: Vec<Hit<'a>>,
}

/// A person found: the best score of its records and the records found.
#[derive(Serialize)]
struct PersonHit<'a> {
    person_id: &'a str,
    score: f64,
    records: Vec<&'a str>,
}

/// The persons of `hits` in order of their best hit (hits are best first).
fn persons_of<'a>(
    records: &'a [DedupRecord],
    hits: &[SearchHit],
    person_of: &HashMap<&'a str, &'a str>,
) -> Vec<PersonHit<'a>> {
    let mut out: Vec<PersonHit<'a>> = Vec::new();
    for h in hits {
        let id = records[h.record].id.as_str();
        let Some(p) = person_of.get(id).copied() else {
            continue;
        };
        match out.iter_mut().find(|x| x.person_id == p) {
            Some(x) => x.records.push(id),
            None => out.push(PersonHit {
                person_id: p,
                score: (h.score * 10_000.0).round() / 10_000.0,
                records: vec![id],
            }),
        }
    }
    out
}

pub(crate) fn run(args: &SearchArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("datasets")]
    } else {
        args.paths.clone()
    };
    let options = super::load::csv_options(&args.input, &paths)?;
    let loaded = load_records_with(&paths, args.input.kind(), &options)
        .context("cannot read the records to search")?;
    let records = &loaded.records;
    // With a person registry beside the data, results name their persons.
    let registry = match super::load::file_beside(&paths, REGISTRY_FILE) {
        Some(p) if p.is_file() => Some(
            Registry::read(&p)
                .with_context(|| format!("cannot read the person registry `{}`", p.display()))?,
        ),
        _ => None,
    };
    let person_of: HashMap<&str, &str> = registry
        .as_ref()
        .map(Registry::person_of_record)
        .unwrap_or_default();
    let hits = search(
        records,
        &SearchQuery {
            name: args.name.clone(),
            born: args.born,
        },
        &SearchOptions {
            limit: args.limit,
            min_score: args.min_score,
            threads: 0,
        },
    );
    let text = match args.format {
        TextFormat::Json => {
            let out = Output {
                query: &args.name,
                born: args.born,
                persons: registry
                    .is_some()
                    .then(|| persons_of(records, &hits, &person_of)),
                results: hits.iter().map(|h| hit(records, h, &person_of)).collect(),
            };
            let mut s = serde_json::to_string_pretty(&out)?;
            s.push('\n');
            s
        }
        TextFormat::Human => {
            let mut s = String::new();
            if registry.is_some() {
                let found = persons_of(records, &hits, &person_of);
                let _ = writeln!(
                    s,
                    "{} person(s): {}\n",
                    found.len(),
                    found
                        .iter()
                        .map(|p| format!("{} ({} record(s))", p.person_id, p.records.len()))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            s.push_str(&human(records, &hits, &person_of, printer.color_stdout));
            s
        }
    };
    printer.out(&text)?;
    if hits.is_empty() {
        printer.note(&format!(
            "no record matches `{}` in {} record(s)",
            args.name,
            records.len()
        ));
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}

fn hit<'a>(
    records: &'a [DedupRecord],
    h: &'a SearchHit,
    person_of: &HashMap<&'a str, &'a str>,
) -> Hit<'a> {
    let r = &records[h.record];
    Hit {
        score: (h.score * 10_000.0).round() / 10_000.0,
        person_id: person_of.get(r.id.as_str()).copied(),
        record: RecordOut {
            kind: r.origin.kind.entity(),
            file: r.origin.file.as_deref(),
            line: r.origin.line,
            id: &r.id,
            name: r.display_name(),
            birth: r.birth.as_ref().map(|b| b.text.as_str()),
        },
        why: Why {
            matched_name: &h.matched_name,
            parts: &h.parts,
            birth_year_difference: h.birth_year_difference,
        },
    }
}

fn human(
    records: &[DedupRecord],
    hits: &[SearchHit],
    person_of: &HashMap<&str, &str>,
    color: bool,
) -> String {
    let mut s = String::new();
    for (n, h) in hits.iter().enumerate() {
        let r = &records[h.record];
        let loc = match (&r.origin.file, r.origin.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            (Some(f), None) => f.to_string(),
            _ => String::new(),
        };
        let birth = r
            .birth
            .as_ref()
            .map(|b| format!("  b. {}", b.text))
            .unwrap_or_default();
        let person = person_of
            .get(r.id.as_str())
            .map(|p| format!("  person {p}"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "{:>2}. {:.3}  {}  {}  {}{birth}{person}",
            n + 1,
            h.score,
            paint(color, r.display_name(), "1"),
            r.id,
            loc
        );
        let mut why: Vec<String> = h
            .parts
            .iter()
            .map(|p| {
                let part = serde_json::to_value(p.part)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                if p.record.is_empty() {
                    format!("{part} {} (not in the record)", p.query)
                } else {
                    format!("{part} {} ~ {}: {}", p.query, p.record, p.how)
                }
            })
            .collect();
        if let Some(d) = h.birth_year_difference {
            why.push(if d == 0 {
                "born that year".to_owned()
            } else {
                format!("born {d} year(s) off")
            });
        }
        if h.matched_name != r.display_name() {
            why.push(format!("as `{}`", h.matched_name));
        }
        let _ = writeln!(s, "      {}", why.join("; "));
    }
    s
}
