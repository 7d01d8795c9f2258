//! `museum dedup`: which records are the same person, with the evidence. The arguments resolve
//! into a [`museum_core::dedup::DedupJob`]; this file renders its outcome (human text, CSV,
//! JSON, one record's `--explain` view) and writes it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use museum_core::dedup::{
    Cluster, DedupJob, DedupOptions, DedupOutcome, DedupRecord, DedupResult, Evaluation,
    LinkSource, MatchExplanation, ModelFile, read_truth,
};
use museum_core::display::{int, plural};
use serde::Serialize;

use crate::args::{DedupArgs, DedupFormat, GlobalArgs};
use crate::exit::ExitStatus;
use crate::printer::{Printer, paint};
use crate::progress::ProgressLine;

pub(crate) fn run(
    args: &DedupArgs,
    global: &GlobalArgs,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let job = job(args, printer)?;
    let progress = ProgressLine::new(global);
    let outcome = job.run(&progress).context("cannot read the records")?;
    progress.finish();
    let DedupOutcome {
        loaded,
        result,
        evaluation,
        blocking_misses,
        load_secs,
        secs,
    } = &outcome;
    let records = &loaded.records;
    super::load::loaded_notes(loaded, printer);
    if let Some(path) = &args.save_model {
        let mut text = serde_json::to_string_pretty(&ModelFile::of(&result.model))?;
        text.push('\n');
        museum_core::fsutil::write_bytes_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot save the model to `{}`", path.display()))?;
    }
    for w in &result.warnings {
        printer.warn(w);
    }
    if printer.verbose > 0 {
        let mut t = format!("timings: reading {load_secs:.2}s");
        for (name, secs) in &result.timings {
            t.push_str(&format!(", {name} {secs:.2}s"));
        }
        printer.note(&t);
        printer.note(&format!(
            "candidate pairs per rule: {}",
            museum_core::dedup::Rule::ALL
                .iter()
                .zip(&result.blocking.pairs_per_rule)
                .map(|(r, n)| format!("{} {n}", r.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for &(a, b) in blocking_misses {
        printer.note(&format!(
            "not compared: {} `{}` ~ {} `{}`",
            records[a].id,
            records[a].display_name(),
            records[b].id,
            records[b].display_name()
        ));
    }
    let ctx = Ctx {
        records,
        result,
        files: loaded.files.len(),
        secs: *secs,
        load_secs: *load_secs,
        threshold: args.threshold,
    };
    // `--explain ID`: one record's view.
    if let Some(id) = &args.explain {
        let Some(i) = records.iter().position(|r| &r.id == id) else {
            anyhow::bail!("no record has the id `{id}`");
        };
        let text = match args.format {
            DedupFormat::Json => {
                let mut s = serde_json::to_string_pretty(&explain_json(&ctx, i))?;
                s.push('\n');
                s
            }
            _ => explain_human(&ctx, i, printer.color_stdout && args.output.is_none()),
        };
        emit(args.output.as_deref(), &text, printer)?;
        // Timings only here, on stderr: the output itself is the same on every run and machine.
        printer.note(&format!(
            "took {:.1}s (reading {:.1}s)",
            ctx.secs, ctx.load_secs
        ));
        return Ok(ExitStatus::Success);
    }
    let color = printer.color_stdout && args.output.is_none();
    let text = match (args.format, &args.output) {
        (DedupFormat::Human, _) => {
            let mut s = human(&ctx, color);
            if let Some(e) = evaluation {
                s.push_str(&evaluation_text(e));
            }
            Some(s)
        }
        // Streamed into the file or onto stdout, as the JSON below: at a million records the
        // CSV is 100 MB, built as one string before it was written.
        (DedupFormat::Csv, Some(path)) => {
            museum_core::fsutil::write_atomic(path, |w| csv_rows(&ctx, w))
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            None
        }
        (DedupFormat::Csv, None) => {
            let mut w = printer.stdout();
            csv_rows(&ctx, &mut w)?;
            std::io::Write::flush(&mut w)?;
            None
        }
        // Streamed into the file (or onto stdout, below): at a million records the JSON is over
        // 1 GB, and as one string it was the largest allocation of the run.
        (DedupFormat::Json, Some(path)) => {
            let out = json(&ctx, evaluation.as_ref());
            museum_core::fsutil::write_atomic(path, |w| {
                serde_json::to_writer_pretty(&mut *w, &out)?;
                std::io::Write::write_all(w, b"\n")
            })
            .with_context(|| format!("cannot write `{}`", path.display()))?;
            None
        }
        (DedupFormat::Json, None) => {
            let mut w = printer.stdout();
            serde_json::to_writer_pretty(&mut w, &json(&ctx, evaluation.as_ref()))?;
            std::io::Write::write_all(&mut w, b"\n")?;
            std::io::Write::flush(&mut w)?;
            None
        }
    };
    if let Some(text) = text {
        emit(args.output.as_deref(), &text, printer)?;
    }
    // Timings only here, on stderr: the output itself is the same on every run and machine.
    printer.note(&format!(
        "took {:.1}s (reading {:.1}s)",
        ctx.secs, ctx.load_secs
    ));
    // The summary and metrics go where they do not mix with machine-readable output.
    if args.format != DedupFormat::Human {
        let mut summary = summary_line(&ctx);
        summary.push_str(&effect_text(&ctx));
        if let Some(e) = evaluation {
            summary.push_str(&evaluation_text(e));
        }
        if args.output.is_some() {
            printer.out(&summary)?;
        } else if args.format == DedupFormat::Csv {
            printer.note(summary.trim_end());
        }
    }
    let duplicates = result.duplicate_clusters().next().is_some();
    // The run's records and structures are left to the process's exit, which frees them at
    // once: a million records are tens of millions of allocations, freed one by one in about
    // a second of CPU. Safe: they hold no file, lock or thread (every output above is written
    // and flushed), and the command runs once per process.
    std::mem::forget((outcome, job));
    Ok(if args.fail_on_duplicates && duplicates {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The job of a run: the arguments resolved (the reader options and `museum.toml`, the
/// decisions given or beside the data, the truth, the matching options and model).
fn job(args: &DedupArgs, printer: &Printer) -> anyhow::Result<DedupJob> {
    if !(0.0..=1.0).contains(&args.threshold) {
        anyhow::bail!("`--threshold` must be between 0 and 1");
    }
    let csv = super::load::csv_options(&args.input, &args.paths)?;
    // Decisions: given, or beside the data.
    let decisions = super::load::decisions(
        args.decisions.as_deref(),
        args.no_decisions,
        &args.paths,
        printer,
    )?;
    let truth = match &args.truth {
        Some(p) => Some(
            read_truth(p).with_context(|| format!("cannot read the truth in `{}`", p.display()))?,
        ),
        None => None,
    };
    let mut options = DedupOptions::default()
        .threshold(args.threshold)
        .max_block_size(args.max_block_size)
        .threads(args.threads);
    options.window = args.window.max(1);
    if !args.rules.is_empty() {
        options.rules = args
            .rules
            .iter()
            .map(|r| {
                museum_core::dedup::Rule::parse(r)
                    .ok_or_else(|| anyhow::anyhow!("unknown blocking rule `{r}`"))
            })
            .collect::<anyhow::Result<_>>()?;
    }
    if let Some(path) = &args.model {
        options.model = Some(
            ModelFile::read(path)
                .with_context(|| format!("cannot use the model in `{}`", path.display()))?,
        );
    }
    Ok(DedupJob {
        paths: args.paths.clone(),
        kind: args.input.kind(),
        csv,
        decisions,
        truth,
        options,
        blocking_misses: if printer.verbose > 1 { 40 } else { 0 },
    })
}

struct Ctx<'a> {
    records: &'a [DedupRecord],
    result: &'a DedupResult,
    files: usize,
    secs: f64,
    load_secs: f64,
    threshold: f64,
}

fn emit(output: Option<&Path>, text: &str, printer: &Printer) -> anyhow::Result<()> {
    match output {
        Some(p) => museum_core::fsutil::write_bytes_atomic(p, text.as_bytes())
            .with_context(|| format!("cannot write `{}`", p.display()))?,
        None => printer.out(text)?,
    }
    Ok(())
}

/// The record as output shows it.
#[derive(Serialize)]
struct RecordOut<'a> {
    id: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth: Option<&'a str>,
}

fn record_out(r: &DedupRecord) -> RecordOut<'_> {
    RecordOut {
        id: &r.id,
        kind: r.origin.kind.entity(),
        file: r.origin.file.as_deref(),
        line: r.origin.line,
        name: r.display_name(),
        birth: r.birth.as_ref().map(|b| b.text.as_str()),
    }
}

fn location(r: &DedupRecord) -> String {
    match (&r.origin.file, r.origin.line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.to_string(),
        _ => String::new(),
    }
}

fn source_str(s: LinkSource) -> &'static str {
    match s {
        LinkSource::Score => "score",
        LinkSource::Decision => "decision",
        LinkSource::Data => "data",
    }
}

/// The id a cluster is known by: its first record's id.
fn cluster_id<'a>(ctx: &Ctx<'a>, c: &Cluster) -> &'a str {
    &ctx.records[c.members[0]].id
}

/// For each record of a cluster: its strongest join (probability, partner, source).
fn best_joins(c: &Cluster) -> HashMap<usize, (f64, usize, LinkSource)> {
    let mut best: HashMap<usize, (f64, usize, LinkSource)> = HashMap::new();
    for j in &c.joins {
        for (x, y) in [(j.a, j.b), (j.b, j.a)] {
            let e = best.entry(x).or_insert((j.probability, y, j.source));
            if j.probability > e.0 {
                *e = (j.probability, y, j.source);
            }
        }
    }
    best
}

/// Writes the CSV of every record's cluster to `w`, row by row.
fn csv_rows(ctx: &Ctx<'_>, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "record_id",
        "cluster_id",
        "cluster_size",
        "score",
        "best_match",
        "match_source",
        "kind",
        "file",
        "line",
        "name",
        "birth",
    ])?;
    // (The numbers of a row are written into buffers reused from row to row.)
    let (mut size, mut score, mut line) = (String::new(), String::new(), String::new());
    for c in &ctx.result.clusters {
        let cid = cluster_id(ctx, c);
        size.clear();
        let _ = write!(size, "{}", c.members.len());
        let best = best_joins(c);
        for &m in &c.members {
            let r = &ctx.records[m];
            score.clear();
            let (partner, source) = match best.get(&m) {
                Some((p, other, s)) => {
                    let _ = write!(score, "{p:.4}");
                    (ctx.records[*other].id.as_str(), source_str(*s))
                }
                None => ("", ""),
            };
            line.clear();
            if let Some(l) = r.origin.line {
                let _ = write!(line, "{l}");
            }
            out.write_record([
                r.id.as_str(),
                cid,
                size.as_str(),
                score.as_str(),
                partner,
                source,
                r.origin.kind.entity(),
                r.origin.file.as_deref().unwrap_or(""),
                line.as_str(),
                r.display_name(),
                r.birth.as_ref().map_or("", |b| b.text.as_str()),
            ])?;
        }
    }
    out.flush()
}

#[derive(Serialize)]
struct Summary {
    records: usize,
    files: usize,
    clusters: usize,
    duplicate_clusters: usize,
    records_in_duplicate_clusters: usize,
    threshold: f64,
    candidate_pairs: u64,
    links: usize,
    refused_merges_conflict: usize,
    refused_merges_weak: usize,
    /// Refused merges by reason.
    refused_merges: std::collections::BTreeMap<&'static str, usize>,
}

fn summary(ctx: &Ctx<'_>) -> Summary {
    let r = ctx.result;
    let dup: Vec<&Cluster> = r.duplicate_clusters().collect();
    Summary {
        records: ctx.records.len(),
        files: ctx.files,
        clusters: r.clusters.len(),
        duplicate_clusters: dup.len(),
        records_in_duplicate_clusters: dup.iter().map(|c| c.members.len()).sum(),
        threshold: ctx.threshold,
        candidate_pairs: r.blocking.candidate_pairs,
        links: r.links.len(),
        refused_merges_conflict: r.refused_conflicts,
        refused_merges_weak: r.refused_weak,
        refused_merges: r.refused_reasons.clone(),
    }
}

#[derive(Serialize)]
struct JoinOut<'a> {
    a: &'a str,
    b: &'a str,
    probability: f64,
    source: LinkSource,
    explanation: MatchExplanation,
}

#[derive(Serialize)]
struct ClusterOut<'a> {
    cluster_id: &'a str,
    size: usize,
    score: f64,
    records: Vec<RecordOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<JoinOut<'a>>,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluation: Option<&'a Evaluation>,
    warnings: &'a [String],
    decisions: &'a museum_core::dedup::DecisionStats,
    #[serde(skip_serializing_if = "Option::is_none")]
    decisions_effect: Option<&'a museum_core::dedup::DecisionsEffect>,
    blocking: &'a museum_core::dedup::BlockingStats,
    model: &'a museum_core::dedup::Model,
    clusters: Vec<ClusterOut<'a>>,
}

fn cluster_out<'a>(ctx: &Ctx<'a>, c: &Cluster) -> ClusterOut<'a> {
    ClusterOut {
        cluster_id: cluster_id(ctx, c),
        size: c.members.len(),
        score: c.score(),
        records: c
            .members
            .iter()
            .map(|&m| record_out(&ctx.records[m]))
            .collect(),
        links: c
            .joins
            .iter()
            .map(|j| JoinOut {
                a: &ctx.records[j.a].id,
                b: &ctx.records[j.b].id,
                probability: j.probability,
                source: j.source,
                explanation: ctx.result.explain(ctx.records, j.a, j.b),
            })
            .collect(),
    }
}

fn json<'a>(ctx: &Ctx<'a>, evaluation: Option<&'a Evaluation>) -> JsonOut<'a> {
    // Clusters of duplicates first, then single records, each in input order.
    let mut clusters: Vec<&Cluster> = ctx.result.duplicate_clusters().collect();
    clusters.extend(ctx.result.clusters.iter().filter(|c| c.members.len() == 1));
    JsonOut {
        summary: summary(ctx),
        evaluation,
        warnings: &ctx.result.warnings,
        decisions: &ctx.result.decisions,
        decisions_effect: ctx.result.decisions_effect.as_ref(),
        blocking: &ctx.result.blocking,
        model: &ctx.result.model,
        clusters: clusters.into_iter().map(|c| cluster_out(ctx, c)).collect(),
    }
}

fn summary_line(ctx: &Ctx<'_>) -> String {
    let s = summary(ctx);
    format!(
        "{} in {}: {} of duplicates ({} records), {} alone; {} candidate pairs compared\n",
        plural(s.records as u64, "record", "records"),
        plural(s.files as u64, "file", "files"),
        plural(s.duplicate_clusters as u64, "cluster", "clusters"),
        int(s.records_in_duplicate_clusters as u64),
        int((s.records - s.records_in_duplicate_clusters) as u64),
        int(s.candidate_pairs),
    )
}

fn explanation_text(e: &MatchExplanation, indent: &str, color: bool) -> String {
    let mut s = String::new();
    for f in &e.fields {
        let Some(level) = f.level else { continue };
        let sign = if f.weight > 0.0 {
            paint(color, "+", "32")
        } else if f.weight < 0.0 {
            paint(color, "-", "31")
        } else {
            " ".to_owned()
        };
        let values = format!(
            "{} ~ {}",
            f.a.as_deref().unwrap_or("?"),
            f.b.as_deref().unwrap_or("?")
        );
        let tf = if f.frequency_adjustment == 0.0 {
            String::new()
        } else {
            format!(" (frequency {:+.1})", f.frequency_adjustment)
        };
        let _ = writeln!(
            s,
            "{indent}{sign} {:<13} {:<16} {:<44} {:+.1}{tf}",
            f.field.as_str(),
            level,
            shorten(&values, 44),
            f.weight
        );
    }
    if let Some(n) = &e.nationality_u {
        let _ = writeln!(
            s,
            "{indent}  (agreement weighed against random pairs of `{n}` records)"
        );
    }
    if let Some(c) = e.conflict {
        let _ = writeln!(s, "{indent}! {c}");
    }
    if let Some(d) = &e.decision {
        let _ = writeln!(
            s,
            "{indent}= decided `{}` by {} ({}): {}",
            d.decision.as_str(),
            if d.who.is_empty() { "?" } else { &d.who },
            d.when,
            d.why
        );
    }
    s
}

fn shorten(v: &str, max: usize) -> String {
    if v.chars().count() <= max {
        v.to_owned()
    } else {
        format!("{}…", v.chars().take(max - 1).collect::<String>())
    }
}

fn record_line(r: &DedupRecord) -> String {
    let birth = r
        .birth
        .as_ref()
        .map(|b| format!("  b. {}", b.text))
        .unwrap_or_default();
    format!("{}  {}  {}{birth}", location(r), r.id, r.display_name())
}

fn human(ctx: &Ctx<'_>, color: bool) -> String {
    let mut s = String::new();
    for c in ctx.result.duplicate_clusters() {
        let _ = writeln!(
            s,
            "{} {} ({} records, weakest link {:.3})",
            paint(color, "cluster", "1"),
            cluster_id(ctx, c),
            c.members.len(),
            c.score()
        );
        for &m in &c.members {
            let _ = writeln!(s, "  {}", record_line(&ctx.records[m]));
        }
        for j in &c.joins {
            let (a, b) = (&ctx.records[j.a], &ctx.records[j.b]);
            let e = ctx.result.explain(ctx.records, j.a, j.b);
            let _ = writeln!(
                s,
                "  {} ~ {}: p={:.3}, weight {:+.1} [{}]",
                a.id,
                b.id,
                j.probability,
                e.weight,
                source_str(j.source)
            );
            s.push_str(&explanation_text(&e, "    ", color));
        }
        s.push('\n');
    }
    s.push_str(&summary_line(ctx));
    s.push_str(&effect_text(ctx));
    s
}

/// What the decisions changed, as a short paragraph (empty without decisions).
fn effect_text(ctx: &Ctx<'_>) -> String {
    let Some(e) = &ctx.result.decisions_effect else {
        return String::new();
    };
    let d = &ctx.result.decisions;
    let mut s = format!(
        "decisions as labels ({} same, {} different): ",
        d.same, d.different
    );
    if e.weights.is_empty() {
        s.push_str("no weight moved");
    } else {
        let shown: Vec<String> = e
            .weights
            .iter()
            .take(6)
            .map(|w| {
                format!(
                    "{} `{}` {:+.2} → {:+.2}",
                    w.field.as_str(),
                    w.level,
                    w.before,
                    w.after
                )
            })
            .collect();
        let more = e.weights.len().saturating_sub(shown.len());
        let _ = write!(s, "weights moved: {}", shown.join(", "));
        if more > 0 {
            let _ = write!(s, " and {more} more");
        }
    }
    let _ = writeln!(
        s,
        "; {} other pair(s) changed side: {} now linked, {} now apart (threshold {}).",
        e.crossed(),
        e.now_linked,
        e.now_apart,
        ctx.threshold
    );
    s
}

fn evaluation_text(e: &Evaluation) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "evaluation against truth ({} labelled records, {} unlabelled):",
        e.records, e.unlabelled
    );
    let _ = writeln!(
        s,
        "  pairwise  precision {:.4}  recall {:.4}  F1 {:.4}  ({} true pairs, {} predicted, {} correct)",
        e.pairwise.precision,
        e.pairwise.recall,
        e.pairwise.f1,
        e.true_pairs,
        e.predicted_pairs,
        e.correct_pairs
    );
    let _ = writeln!(
        s,
        "  B-cubed   precision {:.4}  recall {:.4}  F1 {:.4}",
        e.bcubed.precision, e.bcubed.recall, e.bcubed.f1
    );
    if let Some(b) = e.blocking_recall {
        let _ = writeln!(s, "  blocking recall {b:.4}");
    }
    s
}

#[derive(Serialize)]
struct ExplainOut<'a> {
    record: RecordOut<'a>,
    cluster_id: &'a str,
    cluster: Vec<ExplainPair<'a>>,
    closest_outside: Vec<ExplainPair<'a>>,
}

#[derive(Serialize)]
struct ExplainPair<'a> {
    record: RecordOut<'a>,
    explanation: MatchExplanation,
}

fn explain_pairs(ctx: &Ctx<'_>, i: usize) -> (Vec<usize>, Vec<usize>) {
    let c = &ctx.result.clusters[ctx.result.cluster_of[i] as usize];
    let inside: Vec<usize> = c.members.iter().copied().filter(|&m| m != i).collect();
    let outside: Vec<usize> = ctx
        .result
        .closest(i, 5)
        .into_iter()
        .filter(|(m, p)| !c.members.contains(m) && *p > 0.001)
        .map(|(m, _)| m)
        .collect();
    (inside, outside)
}

fn explain_json<'a>(ctx: &Ctx<'a>, i: usize) -> ExplainOut<'a> {
    let (inside, outside) = explain_pairs(ctx, i);
    let pair = |m: usize| ExplainPair {
        record: record_out(&ctx.records[m]),
        explanation: ctx.result.explain(ctx.records, i, m),
    };
    ExplainOut {
        record: record_out(&ctx.records[i]),
        cluster_id: cluster_id(ctx, &ctx.result.clusters[ctx.result.cluster_of[i] as usize]),
        cluster: inside.into_iter().map(pair).collect(),
        closest_outside: outside.into_iter().map(pair).collect(),
    }
}

fn explain_human(ctx: &Ctx<'_>, i: usize, color: bool) -> String {
    let (inside, outside) = explain_pairs(ctx, i);
    let mut s = String::new();
    let _ = writeln!(s, "{}", record_line(&ctx.records[i]));
    if inside.is_empty() {
        let _ = writeln!(s, "alone: no record is linked to it");
    } else {
        let _ = writeln!(
            s,
            "{} with {} other record(s):",
            paint(color, "same person", "1"),
            inside.len()
        );
    }
    let pair = |s: &mut String, m: usize| {
        let e = ctx.result.explain(ctx.records, i, m);
        let _ = writeln!(
            s,
            "  {}  p={:.3}, weight {:+.1}",
            record_line(&ctx.records[m]),
            e.probability,
            e.weight
        );
        s.push_str(&explanation_text(&e, "    ", color));
    };
    for m in inside {
        pair(&mut s, m);
    }
    if !outside.is_empty() {
        let _ = writeln!(s, "closest records left out:");
    }
    for m in outside {
        pair(&mut s, m);
    }
    s
}
