//! `museum rules`: list the finding codes, or explain one.

use std::fmt::Write as _;

use museum_core::validate::rules;
use serde_json::json;

use crate::args::{RulesArgs, RulesFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &RulesArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let text = match &args.code {
        None => list(args.format)?,
        Some(key) => {
            let Some(rule) = rules::find(key) else {
                anyhow::bail!(
                    "unknown rule `{key}`\n  hint: `museum rules` lists every code and name"
                );
            };
            match args.format {
                RulesFormat::Human => format!(
                    "{} {} ({})\n{}\n\n{}",
                    rule.id(),
                    rule.name(),
                    rule.severity(),
                    rule.summary(),
                    rule.docs()
                ),
                RulesFormat::Json => {
                    let mut s = serde_json::to_string_pretty(&json!({
                        "code": rule.id(),
                        "name": rule.name(),
                        "severity": rule.severity(),
                        "summary": rule.summary(),
                        "docs": rule.docs(),
                    }))?;
                    s.push('\n');
                    s
                }
            }
        }
    };
    printer.out(&text)?;
    Ok(ExitStatus::Success)
}

fn list(format: RulesFormat) -> anyhow::Result<String> {
    Ok(match format {
        RulesFormat::Human => {
            let width = rules::all()
                .iter()
                .map(|r| r.name().len())
                .max()
                .unwrap_or(0);
            let mut s = String::new();
            for r in rules::all() {
                let _ = writeln!(
                    s,
                    "{}  {:width$}  {:7}  {}",
                    r.id(),
                    r.name(),
                    r.severity().as_str(),
                    r.summary()
                );
            }
            s
        }
        RulesFormat::Json => {
            let items: Vec<_> = rules::all()
                .iter()
                .map(|r| {
                    json!({
                        "code": r.id(),
                        "name": r.name(),
                        "severity": r.severity(),
                        "summary": r.summary(),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&items)?;
            s.push('\n');
            s
        }
    })
}
