//! `museum name`: how a name is parsed and the keys matching uses.

use std::fmt::Write as _;

use museum_core::PersonName;
use museum_core::normalize::{NameKeys, PartKeys, normalize_text};
use serde::Serialize;

use crate::args::{NameArgs, TextFormat};
use crate::exit::ExitStatus;
use crate::printer::Printer;

/// The JSON shape of `museum name --format json`.
#[derive(Serialize)]
struct NameReport<'a> {
    /// The text as given.
    input: &'a str,
    /// NFKC, homoglyphs repaired, lowercase, punctuation removed.
    normalized: String,
    /// The parse (parts as written, script, patronymic form).
    parsed: &'a PersonName,
    /// Keys per part (in the roles matching uses; a surname-first Latin name is turned round).
    keys: &'a NameKeys,
}

pub(crate) fn run(args: &NameArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let parsed = PersonName::parse(args.name.trim());
    let keys = NameKeys::of(&parsed);
    let report = NameReport {
        input: &args.name,
        normalized: normalize_text(&args.name),
        parsed: &parsed,
        keys: &keys,
    };
    let text = match args.format {
        TextFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
        TextFormat::Human => human(&report),
    };
    printer.out(&text)?;
    Ok(ExitStatus::Success)
}

fn human(r: &NameReport<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", r.input.trim());
    let script = serde_json::to_value(r.parsed.script)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let _ = writeln!(s, "  {:<12} {script}", "script");
    let _ = writeln!(s, "  {:<12} {}", "normalized", r.normalized);
    let mut row = |label: &str, p: &Option<PartKeys>, extra: &str| {
        if let Some(p) = p {
            let _ = writeln!(
                s,
                "  {label:<12} {:<18} folded {:<16} stem {:<14} phonetic {}{}{extra}",
                p.written,
                p.folded,
                p.stem,
                p.phonetic.join("|"),
                if p.is_initial { "  (initial)" } else { "" },
            );
        }
    };
    row("surname", &r.keys.surname, "");
    row("given name", &r.keys.given, "");
    let form = r
        .parsed
        .patronymic_form
        .and_then(|f| serde_json::to_value(f).ok())
        .and_then(|v| v.as_str().map(|x| format!("  ({x} form)")))
        .unwrap_or_default();
    row("patronymic", &r.keys.patronymic, &form);
    if r.keys.is_empty() {
        let _ = writeln!(s, "  no name parts found");
    }
    s
}
