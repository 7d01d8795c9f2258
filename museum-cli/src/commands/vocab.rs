//! `museum vocab`: the sentence, charge, sex and sentencing-body values not understood, with counts and a
//! `museum.toml` snippet.

use anyhow::Context;
use museum_core::validate::vocab::{UnknownValues, VocabField, unknown_values};

use crate::args::{TextFormat, VocabArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &VocabArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let inputs = super::load::inputs(&args.paths, args.input.kind(), printer)?;
    let options = super::load::validate_options(&args.input, &args.paths)?;
    let fields: Vec<VocabField> = args.field.iter().map(|f| (*f).into()).collect();
    let found = unknown_values(&inputs, &options, &fields).context("cannot read the lists")?;
    let text = match args.format {
        TextFormat::Human => human(&found),
        TextFormat::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "files": found.files,
                "records": found.records,
                "fields": found.fields,
                "toml": found.toml_snippet(),
            }))?;
            s.push('\n');
            s
        }
    };
    printer.out(&text)?;
    Ok(if found.fields.iter().any(|f| f.records > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn human(found: &UnknownValues) -> String {
    let mut out = String::new();
    for f in &found.fields {
        let name = f.field.as_str();
        if f.values.is_empty() {
            out.push_str(&format!(
                "{name}: every value understood ({} records)\n",
                found.records
            ));
            continue;
        }
        out.push_str(&format!(
            "{name}: {} value(s) not understood in {} of {} records\n",
            f.values.len(),
            f.records,
            found.records
        ));
        let width = f
            .values
            .iter()
            .map(|v| v.value.chars().count())
            .max()
            .unwrap_or(0);
        for v in &f.values {
            let pad = width - v.value.chars().count();
            out.push_str(&format!(
                "  {:>7}  {}{}  ({})\n",
                v.count,
                v.value,
                " ".repeat(pad),
                v.first
            ));
        }
    }
    let snippet = found.toml_snippet();
    if !snippet.is_empty() {
        out.push_str("\n# paste into museum.toml, replacing each \"?\" by a kind:\n");
        out.push_str(&snippet);
    }
    out
}
