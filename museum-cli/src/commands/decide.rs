//! `museum decide`: record a human same/different decision about two records in
//! `decisions.csv`, which `museum dedup` and `museum report` honour in every later run.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context;
use museum_core::dedup::decisions::{Recorded, record_decisions};
use museum_core::dedup::{Decision, DecisionKind, load_records};
use museum_core::review::import_sheet;

use crate::args::DecideArgs;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &DecideArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    if let Some(sheet) = &args.import {
        return import(args, sheet, printer);
    }
    let (Some(record_a), Some(record_b), Some(word)) =
        (&args.record_a, &args.record_b, &args.decision)
    else {
        anyhow::bail!("give two record ids and a decision, or `--import SHEET`");
    };
    let decision = DecisionKind::parse(word).ok_or_else(|| {
        anyhow::anyhow!("`{word}` is not a decision: write `same` or `different`")
    })?;
    if record_a == record_b {
        anyhow::bail!("a decision needs two different record ids");
    }
    let path = &args.decisions;
    let when = args.when.clone().unwrap_or_else(crate::commands::today);
    let d = Decision {
        record_a: record_a.clone(),
        record_b: record_b.clone(),
        decision,
        who: args.who.clone().unwrap_or_default(),
        when,
        why: args.why.clone().unwrap_or_default(),
        line: None,
    };
    let outcome =
        record_decisions(path, std::slice::from_ref(&d), args.wait).map_err(locked_hint)?;
    let at = |old: &Decision| {
        let line = old.line.map(|l| format!(":{l}")).unwrap_or_default();
        format!("{}{line}", path.display())
    };
    match outcome.first() {
        Some(Recorded::AlreadyRecorded(old)) => {
            printer.note(&format!(
                "already recorded in `{}`: {} and {} are {}; nothing changed",
                at(old),
                old.record_a,
                old.record_b,
                decision.as_str()
            ));
            Ok(ExitStatus::Success)
        }
        Some(Recorded::Contradicts(old)) => {
            printer.error(&anyhow::anyhow!(
                "`{}` already decides that {} and {} are `{}`; nothing written\n\nhint: to change your mind, edit or delete that row (decisions are never overwritten)",
                at(old),
                old.record_a,
                old.record_b,
                old.decision.as_str()
            ));
            Ok(ExitStatus::Failure)
        }
        _ => {
            printer.note(&format!(
                "recorded in `{}`: {} and {} are {}",
                path.display(),
                d.record_a,
                d.record_b,
                match decision {
                    DecisionKind::Same => "the same person",
                    DecisionKind::Different => "different people",
                }
            ));
            Ok(ExitStatus::Success)
        }
    }
}

/// `--import SHEET`: a filled review sheet into the decisions file, all or nothing.
fn import(args: &DecideArgs, sheet: &Path, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let path = &args.decisions;
    // The record ids are checked against the data: `--data`, else the decisions file's
    // directory.
    let data = if args.data.is_empty() {
        vec![
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        ]
    } else {
        args.data.clone()
    };
    let loaded = load_records(&data, None).context("cannot read the data the sheet is about")?;
    let ids: HashSet<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
    if ids.is_empty() {
        printer.warn(&format!(
            "no victims or figures in {}: the sheet's record ids are not checked (name the data with `--data PATH`)",
            data.iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let when = args.when.clone().unwrap_or_else(crate::commands::today);
    let who = args.who.clone().unwrap_or_default();
    let out = import_sheet(
        sheet,
        path,
        (!ids.is_empty()).then_some(&ids),
        &who,
        &when,
        args.wait,
    )
    .map_err(locked_hint)
    .with_context(|| format!("cannot import `{}`", sheet.display()))?;
    if !out.sheet.problems.is_empty() {
        for p in &out.sheet.problems {
            printer.error(&anyhow::anyhow!("`{}`: {p}", sheet.display()));
        }
        printer.note(&format!(
            "nothing imported: {} row(s) of `{}` cannot be decisions; fix them and import again",
            out.sheet.problems.len(),
            sheet.display()
        ));
        return Ok(ExitStatus::Failure);
    }
    printer.note(&format!(
        "imported {} decision(s) into `{}` ({} already there); {} row(s) marked unsure and {} without a decision are left for later",
        out.added,
        path.display(),
        out.already,
        out.sheet.unsure,
        out.sheet.undecided
    ));
    Ok(ExitStatus::Success)
}

/// A hint after a lock that was not had in time.
pub(crate) fn locked_hint(e: museum_core::Error) -> anyhow::Error {
    if matches!(e.kind(), museum_core::ErrorKind::Locked { .. }) {
        anyhow::anyhow!(
            "{e}\n\nhint: try again when it is done, or wait longer with `--wait SECONDS`; a writer that was killed holds no lock"
        )
    } else {
        e.into()
    }
}
