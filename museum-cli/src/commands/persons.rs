//! `museum persons`: stable person ids in `persons.csv` (see [`museum_core::persons`]).

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::Context;
use museum_core::dedup::DedupOptions;
use museum_core::persons::{self, Changes, PersonsIndex, PersonsOptions, REGISTRY_FILE, Registry};
use serde::Serialize;

use crate::args::{PersonsArgs, TextFormat};
use crate::exit::ExitStatus;
use crate::printer::{Printer, paint};

/// At most this many items of each kind of change in the human output.
const SHOWN: usize = 10;

pub(crate) fn run(args: &PersonsArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    if !(0.0..=1.0).contains(&args.threshold) {
        anyhow::bail!("`--threshold` must be between 0 and 1");
    }
    let date = match &args.date {
        Some(d) => museum_core::export::parse_day(d)
            .with_context(|| format!("`--date {d}` is not a day like `2026-11-25`"))?
            .to_string(),
        None => super::today(),
    };
    let registry_path = match &args.registry {
        Some(p) => p.clone(),
        None => {
            super::load::file_beside(&args.paths, REGISTRY_FILE).context("no input path given")?
        }
    };
    let start = Instant::now();
    // The read here and the write below are one read-modify-write of the registry: another
    // run updating it at the same time waits for this one (a dry run writes nothing and takes
    // no lock). The lock is released when `_lock` goes out of scope.
    let _lock = if args.dry_run {
        None
    } else {
        Some(
            museum_core::fsutil::FileLock::acquire(&registry_path, args.wait).with_context(
                || {
                    format!(
                        "cannot update the person registry `{}`",
                        registry_path.display()
                    )
                },
            )?,
        )
    };
    let registry = Registry::read(&registry_path).with_context(|| {
        format!(
            "cannot read the person registry `{}`",
            registry_path.display()
        )
    })?;
    // The person index beside the registry: a cache, rebuilt when it cannot be used.
    let index_path = persons::index_path(&registry_path);
    let index = if args.full {
        None
    } else {
        match PersonsIndex::read(&index_path) {
            Ok(index) => index,
            Err(e) => {
                printer.note(&format!(
                    "the person index cannot be read ({e}); a full run builds it again"
                ));
                None
            }
        }
    };
    let loaded = super::load::match_records(&args.paths, &args.input, printer)?;
    let load_secs = start.elapsed().as_secs_f64();
    let decisions = super::load::decisions(
        args.decisions.as_deref(),
        args.no_decisions,
        &args.paths,
        printer,
    )?;
    let options = PersonsOptions {
        dedup: DedupOptions::default()
            .threshold(args.threshold)
            .threads(args.threads),
        date,
        incremental: !args.full,
        min_indexed_records: persons::MIN_INDEXED_RECORDS,
    };
    // The run takes the records and frees them once matched, and takes the registry and the
    // index to make the new ones of them; what else it read is not needed to write its
    // results: freed before the writes (at a million records the records, the old registry
    // and index and the new files would otherwise all be held at once).
    let records = loaded.records.len();
    let mut run = persons::run_with_index(loaded.records, &decisions, registry, index, &options)?;
    drop(decisions);
    if let Some(why) = &run.index_rebuilt {
        printer.note(&format!(
            "the person index `{}` was not used ({why}): every record was keyed and the model fitted again",
            index_path.display()
        ));
    }
    for w in &run.dedup.warnings {
        printer.warn(w);
    }
    if printer.verbose > 0 {
        let mut t = String::from("timings:");
        let _ = write!(t, " reading {load_secs:.2}s,");
        for (name, secs) in run.timings.iter().chain(&run.dedup.timings) {
            let _ = write!(t, " {name} {secs:.2}s,");
        }
        printer.note(t.trim_end_matches(','));
    }
    if let Some(n) = run.compared {
        let with = match (run.scored_with, run.compared_with) {
            (Some((known, pairs)), Some(m)) => format!(
                " (scored in {pairs} pairs against the {known} known records a full run pairs them with, per the index; {m} records clustered with the persons they link to)"
            ),
            _ => String::new(),
        };
        printer.note(&format!(
            "incremental: compared {n} new or changed record(s) against the {records} in the archive{with} (`--full` compares all)"
        ));
    }
    // The registry's bytes as the run made them for the index (made once), freed once written.
    let registry_csv = std::mem::take(&mut run.registry_csv);
    let changes = &run.reconciled.changes;
    let clock = Instant::now();
    let written = !args.dry_run && !run.reconciled.same_file;
    if written {
        museum_core::fsutil::write_bytes_atomic(&registry_path, &registry_csv)
            .with_context(|| format!("cannot write `{}`", registry_path.display()))?;
    }
    drop(registry_csv);
    // After the registry: an index that names another registry is never used, so a run cut off
    // between the two writes only costs the next run a full comparison.
    if !args.dry_run {
        let bytes = run.index.to_bytes();
        // The file as it is is read back only when it could be the same: the registry was not
        // written (a new registry is named in the index) and the lengths agree (at a million
        // records it is some 200 MB).
        let same_len = std::fs::metadata(&index_path).is_ok_and(|m| m.len() == bytes.len() as u64);
        if written
            || !same_len
            || std::fs::read(&index_path).ok().as_deref() != Some(bytes.as_slice())
        {
            museum_core::fsutil::write_bytes_atomic(&index_path, &bytes)
                .with_context(|| format!("cannot write `{}`", index_path.display()))?;
        }
    }
    let text = match args.format {
        TextFormat::Json => {
            let mut s = serde_json::to_string_pretty(&Json {
                registry: registry_path.display().to_string(),
                dry_run: args.dry_run,
                written,
                compared: run.compared,
                compared_with: run.compared_with,
                scored_with: run.scored_with.map(|s| s.0),
                pairs_scored: run.scored_with.map(|s| s.1),
                index_rebuilt: run.index_rebuilt.as_deref(),
                changes,
            })?;
            s.push('\n');
            s
        }
        TextFormat::Human => human(
            changes,
            &registry_path.display().to_string(),
            args.dry_run,
            written,
            printer.color_stdout,
        ),
    };
    printer.out(&text)?;
    if printer.verbose > 0 {
        printer.note(&format!("writing {:.2}s", clock.elapsed().as_secs_f64()));
    }
    printer.note(&format!("took {:.1}s", start.elapsed().as_secs_f64()));
    // The registry, the index and the run's records are millions of small allocations:
    // freeing them one by one takes a good part of a second; the process ends.
    std::mem::forget(run);
    Ok(ExitStatus::Success)
}

#[derive(Serialize)]
struct Json<'a> {
    registry: String,
    dry_run: bool,
    written: bool,
    /// Records compared in an incremental run (absent: all).
    #[serde(skip_serializing_if = "Option::is_none")]
    compared: Option<usize>,
    /// Records clustered in an incremental run with the person index (the compared ones and
    /// the known records a scored pair links to them, with their persons).
    #[serde(skip_serializing_if = "Option::is_none")]
    compared_with: Option<usize>,
    /// Known records the compared ones were scored against in an incremental run with the
    /// person index (those a full run pairs them with).
    #[serde(skip_serializing_if = "Option::is_none")]
    scored_with: Option<usize>,
    /// Pairs scored in an incremental run with the person index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pairs_scored: Option<usize>,
    /// Why the person index was not used (it was rebuilt by a full run).
    #[serde(skip_serializing_if = "Option::is_none")]
    index_rebuilt: Option<&'a str>,
    changes: &'a Changes,
}

fn list(items: &[String]) -> String {
    let mut s = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        let _ = write!(s, " … and {} more", items.len() - SHOWN);
    }
    s
}

fn human(c: &Changes, registry: &str, dry_run: bool, written: bool, color: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} persons for {} records ({} unchanged)",
        c.persons, c.records, c.unchanged_persons
    );
    let section = |s: &mut String, title: &str, n: usize, lines: Vec<String>| {
        if n == 0 {
            return;
        }
        let _ = writeln!(s, "\n{} ({n})", paint(color, title, "1"));
        for l in lines.iter().take(SHOWN) {
            let _ = writeln!(s, "  {l}");
        }
        if lines.len() > SHOWN {
            let _ = writeln!(s, "  … and {} more", lines.len() - SHOWN);
        }
    };
    let fresh: Vec<_> = c
        .new_persons
        .iter()
        .filter(|p| p.split_from.is_none())
        .collect();
    section(
        &mut s,
        "new persons",
        fresh.len(),
        fresh
            .iter()
            .map(|p| format!("{}: {}", p.person_id, list(&p.records)))
            .collect(),
    );
    section(
        &mut s,
        "records joining existing persons",
        c.joined.len(),
        c.joined
            .iter()
            .map(|m| format!("{} → {}", m.record_id, m.person_id))
            .collect(),
    );
    section(
        &mut s,
        "merges (the first id now redirects to the second)",
        c.merges.len(),
        c.merges
            .iter()
            .map(|m| format!("{} → {} ({} records)", m.retired, m.into, m.records))
            .collect(),
    );
    section(
        &mut s,
        "splits (the person keeps its id; the parts that left get new ids)",
        c.splits.len(),
        c.splits
            .iter()
            .map(|(from, parts)| format!("{from} → {}", list(parts)))
            .collect(),
    );
    section(
        &mut s,
        "records moving between persons",
        c.moved.len(),
        c.moved
            .iter()
            .map(|m| {
                format!(
                    "{}: {} → {}",
                    m.record_id,
                    m.from.as_deref().unwrap_or("-"),
                    m.person_id
                )
            })
            .collect(),
    );
    section(
        &mut s,
        "records removed from the data",
        c.removed_records.len(),
        c.removed_records
            .iter()
            .map(|(r, p)| format!("{r} (was {p})"))
            .collect(),
    );
    section(
        &mut s,
        "retired persons (no records left)",
        c.retired.len(),
        c.retired
            .iter()
            .map(|r| format!("{} (had {})", r.person_id, list(&r.records)))
            .collect(),
    );
    let _ = writeln!(
        s,
        "\n{}",
        if c.is_empty() {
            format!("no changes; `{registry}` is up to date")
        } else if dry_run {
            format!("dry run: `{registry}` not written")
        } else if written {
            format!("wrote `{registry}`")
        } else {
            format!("`{registry}` is up to date")
        }
    );
    s
}
