//! `museum decide`: record a human same/different decision about two records in
//! `decisions.csv`, which `museum dedup` and `museum report` honour in every later run.

use museum_core::dedup::decisions::{Recorded, record_decisions};
use museum_core::dedup::{Decision, DecisionKind};

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
