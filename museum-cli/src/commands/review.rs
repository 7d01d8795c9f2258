//! `museum review`: the pairs that most need a person, in a sheet to fill in (XLSX or CSV);
//! `--stats` counts how far the review has come.

use std::collections::HashMap;

use anyhow::Context;
use museum_core::dedup::{DedupOptions, load_records_with};
use museum_core::review::{
    Review, ReviewOptions, SheetFormat, review, sheet_bytes, sources_of, write_sheet,
};

use crate::args::{GlobalArgs, ReviewArgs, TextFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::progress::ProgressLine;

pub(crate) fn run(
    args: &ReviewArgs,
    global: &GlobalArgs,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    if !(0.0..1.0).contains(&args.threshold) || args.threshold <= 0.0 {
        anyhow::bail!("`--threshold` must be between 0 and 1 (exclusive)");
    }
    let format = match &args.output {
        Some(p) => SheetFormat::from_path(p).ok_or_else(|| {
            anyhow::anyhow!(
                "`{}`: a review sheet is written as `.xlsx` or `.csv`; name the file so",
                p.display()
            )
        })?,
        None => SheetFormat::Csv,
    };
    // Stages on stderr's progress line (a terminal only, or `MUSEUM_PROGRESS=always`).
    let progress = ProgressLine::new(global);
    progress.set_stage("reading", None, false);
    let loaded = load_records_with(
        &args.paths,
        args.input.kind(),
        &super::load::csv_options(&args.input, &args.paths)?,
    )
    .context("cannot read the records")?;
    let decisions = super::load::decisions(args.decisions.as_deref(), false, &args.paths, printer)?;
    let dedup = DedupOptions::default()
        .threshold(args.threshold)
        .threads(args.threads);
    let options = ReviewOptions {
        limit: args.limit,
        ..ReviewOptions::default()
    };
    progress.set_stage("scoring the pairs", None, false);
    let r = review(&loaded.records, &decisions, &dedup, &options);
    progress.set_stage("writing the sheet", None, false);
    if args.stats {
        let text = match args.format {
            TextFormat::Human => stats_text(&r),
            TextFormat::Json => {
                let mut s = serde_json::to_string_pretty(&serde_json::json!({
                    "records": loaded.records.len(),
                    "threshold": r.threshold,
                    "band": [r.band.0, r.band.1],
                    "stats": r.stats,
                }))?;
                s.push('\n');
                s
            }
        };
        progress.finish();
        printer.out(&text)?;
        return Ok(ExitStatus::Success);
    }
    let sources: HashMap<usize, String> = sources_of(&r, &loaded.records);
    let source = |i: usize| sources.get(&i).cloned().unwrap_or_default();
    if let Some(path) = &args.output {
        write_sheet(path, format, &r, &loaded.records, &source)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        progress.finish();
        printer.note(&format!(
            "wrote {} pair(s) to `{}`; fill in `decision` (same, different, unsure), then `museum decide --import {}`",
            r.stats.listed,
            path.display(),
            path.display()
        ));
    } else {
        let bytes = sheet_bytes(SheetFormat::Csv, &r, &loaded.records, &source)?;
        progress.finish();
        printer.out(&String::from_utf8_lossy(&bytes))?;
    }
    printer.note(stats_text(&r).trim_end());
    Ok(ExitStatus::Success)
}

fn stats_text(r: &Review) -> String {
    let s = &r.stats;
    format!(
        "reviewed: {} pair(s) decided{}\nremaining: {} pair(s) need a person: {} near the threshold (probability {:.2}–{:.2}), {} holding large clusters together, {} refused merges\nlisted: {}\n",
        s.decided,
        if s.decided_elsewhere > 0 {
            format!(
                " (and {} naming records not in this data)",
                s.decided_elsewhere
            )
        } else {
            String::new()
        },
        s.remaining,
        s.near_threshold,
        r.band.0,
        r.band.1,
        s.holding_clusters,
        s.refused_merges,
        s.listed
    )
}
