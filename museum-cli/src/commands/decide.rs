//! `museum decide`: record a human same/different decision about two records in
//! `decisions.csv`, which `museum dedup` and `museum report` honour in every later run.

use museum_core::dedup::{Decision, DecisionKind, append_decisions, read_decisions};

use crate::args::DecideArgs;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &DecideArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let decision = DecisionKind::parse(&args.decision).ok_or_else(|| {
        anyhow::anyhow!(
            "`{}` is not a decision: write `same` or `different`",
            args.decision
        )
    })?;
    if args.record_a == args.record_b {
        anyhow::bail!("a decision needs two different record ids");
    }
    let path = &args.decisions;
    if path.exists() {
        let (existing, _) = read_decisions(path)?;
        let same_pair = |d: &Decision| {
            (d.record_a == args.record_a && d.record_b == args.record_b)
                || (d.record_a == args.record_b && d.record_b == args.record_a)
        };
        if let Some(d) = existing.iter().find(|d| same_pair(d)) {
            let line = d.line.map(|l| format!(":{l}")).unwrap_or_default();
            if d.decision == decision {
                printer.note(&format!(
                    "already recorded in `{}{line}`: {} and {} are {}; nothing changed",
                    path.display(),
                    d.record_a,
                    d.record_b,
                    decision.as_str()
                ));
                return Ok(ExitStatus::Success);
            }
            anyhow::bail!(
                "`{}{line}` already decides that {} and {} are `{}`\n\nhint: to change your mind, edit or delete that row (decisions are never overwritten)",
                path.display(),
                d.record_a,
                d.record_b,
                d.decision.as_str()
            );
        }
    }
    let when = args.when.clone().unwrap_or_else(crate::commands::today);
    let d = Decision {
        record_a: args.record_a.clone(),
        record_b: args.record_b.clone(),
        decision,
        who: args.who.clone().unwrap_or_default(),
        when,
        why: args.why.clone().unwrap_or_default(),
        line: None,
    };
    append_decisions(path, std::slice::from_ref(&d))?;
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
