//! `museum stats`: the main distributions of the victims, or counts grouped by columns, as
//! aligned text, CSV, JSON or Markdown.

#[cfg(not(feature = "stats"))]
pub(crate) fn run(
    _args: &crate::args::StatsArgs,
    _global: &crate::args::GlobalArgs,
    _printer: &crate::printer::Printer,
) -> anyhow::Result<crate::exit::ExitStatus> {
    anyhow::bail!(
        "this `museum` was built without statistics\n\nhint: rebuild with the default features: `cargo install --locked --path museum-cli`"
    )
}

#[cfg(feature = "stats")]
pub(crate) use imp::run;

#[cfg(feature = "stats")]
mod imp {
    use std::fmt::Write as _;

    use museum_core::display::plural;
    use museum_core::report::fmt::{int, pct};
    use museum_core::stats::{
        self, ArchiveStats, Distribution, GroupTable, StatsJob, StatsResult, Timeline, Value,
    };

    use crate::args::{GlobalArgs, StatsArgs, TableFormat};
    use crate::commands::load;
    use crate::exit::ExitStatus;
    use crate::printer::Printer;
    use crate::progress::ProgressLine;

    pub(crate) fn run(
        args: &StatsArgs,
        global: &GlobalArgs,
        printer: &Printer,
    ) -> anyhow::Result<ExitStatus> {
        let by: Vec<&str> = args
            .by
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        // Check the columns before reading a million rows.
        for name in &by {
            stats::column(name)?;
        }
        // The `museum.toml` beside the data (reader limits, rules), and `--max-records`. The
        // files are validated as they are read (one pass, faster than reading alone on two
        // threads), so that the note below can say what `museum validate` would find.
        let job = StatsJob {
            inputs: load::inputs(&args.paths, args.input.kind(), printer)?,
            validate: load::validate_options(&args.input, &args.paths)?,
            by: by.iter().map(|s| (*s).to_owned()).collect(),
            top: args.top,
        };
        let progress = ProgressLine::new(global);
        let outcome = job.run(&progress)?;
        if outcome.table.persons() == 0 {
            printer.warn("no victim records were read; statistics describe `victims` files");
        }
        let text = match (&outcome.result, args.format) {
            (StatsResult::Summary(s), TableFormat::Json) => json(s)?,
            (StatsResult::Summary(s), f) => render_sections(&sections(s), f),
            (StatsResult::Groups(g), TableFormat::Json) => json(g)?,
            (StatsResult::Groups(g), f) => render_group(g, f),
        };
        progress.finish();
        let errors = outcome.validation.count(museum_core::Severity::Error);
        if errors > 0 {
            printer.note(&format!(
                "note: the data has {}; `museum validate` lists them",
                plural(errors as u64, "validation error", "validation errors")
            ));
        }
        printer.out(&text)?;
        // Freeing a million records one allocation at a time takes a second; the process ends.
        std::mem::forget(outcome);
        Ok(ExitStatus::Success)
    }

    fn json<T: serde::Serialize>(v: &T) -> anyhow::Result<String> {
        let mut s = serde_json::to_string_pretty(v)?;
        s.push('\n');
        Ok(s)
    }

    /// One table of the summary.
    struct Section {
        /// Stable id, the `table` column of the CSV output.
        id: &'static str,
        title: String,
        /// Name of the value column.
        key: &'static str,
        rows: Vec<(String, u64, Option<f64>)>,
        note: Option<String>,
    }

    fn dist(id: &'static str, title: &str, key: &'static str, d: &Distribution) -> Section {
        let known = d.total - d.missing - d.unrecognised;
        let mut rows: Vec<(String, u64, Option<f64>)> = d
            .top
            .iter()
            .map(|c| (c.value.clone(), c.count, Some(c.share)))
            .collect();
        if d.other > 0 {
            let share = if known == 0 {
                0.0
            } else {
                d.other as f64 / known as f64
            };
            rows.push((
                format!("({} other values)", int(d.distinct - d.top.len() as u64)),
                d.other,
                Some(share),
            ));
        }
        let note = museum_core::report::fmt::distribution_note(d);
        Section {
            id,
            title: title.to_owned(),
            key,
            rows,
            note: Some(note),
        }
    }

    fn years(id: &'static str, title: &str, t: &Timeline) -> Section {
        Section {
            id,
            title: title.to_owned(),
            key: "year",
            rows: t
                .by_year
                .iter()
                .map(|y| (y.year.to_string(), y.count, None))
                .collect(),
            note: Some(format!(
                "{} dated, {} dated to the month, {} a range or unreadable",
                int(t.dated),
                int(t.month_known),
                int(t.imprecise)
            )),
        }
    }

    fn sections(s: &ArchiveStats) -> Vec<Section> {
        let mut out = vec![
            Section {
                id: "totals",
                title: "Totals".into(),
                key: "what",
                rows: vec![
                    ("victim records".into(), s.persons, None),
                    ("repression cases".into(), s.cases, None),
                ],
                note: None,
            },
            years("arrests_by_year", "Arrests per year", &s.arrests),
            years("sentences_by_year", "Sentences per year", &s.sentences),
            years("executions_by_year", "Executions per year", &s.executions),
            dist(
                "sentence_kind",
                "Sentence kind",
                "sentence_kind",
                &s.sentence_kinds,
            ),
            Section {
                id: "sentence_term",
                title: "Sentence terms".into(),
                key: "kind_years",
                rows: s
                    .sentence_terms
                    .iter()
                    .map(|t| {
                        (
                            format!("{} {}", t.kind, Value::Float(t.years)),
                            t.count,
                            None,
                        )
                    })
                    .collect(),
                note: None,
            },
            dist(
                "sentencing_body",
                "Sentencing body",
                "sentencing_body",
                &s.sentencing_bodies,
            ),
            dist(
                "charge_article",
                "Charge article",
                "charge_article",
                &s.charge_articles,
            ),
            dist(
                "nationality",
                "Nationality",
                "nationality",
                &s.nationalities,
            ),
            dist("sex", "Sex", "sex", &s.sexes),
        ];
        for (id, title, pick) in [
            ("age_male", "Age at arrest: men", 0),
            ("age_female", "Age at arrest: women", 1),
            ("age_unknown_sex", "Age at arrest: sex unknown", 2),
        ] {
            out.push(Section {
                id,
                title: title.into(),
                key: "age_band",
                rows: s
                    .age_pyramid
                    .bands
                    .iter()
                    .map(|b| {
                        let n = [b.male, b.female, b.unknown_sex][pick];
                        (format!("{}-{}", b.from, b.to), n, None)
                    })
                    .collect(),
                note: (pick == 0).then(|| {
                    format!(
                        "{} persons with a known age at the first arrest, {} unknown",
                        int(s.age_pyramid.known),
                        int(s.age_pyramid.unknown)
                    )
                }),
            });
        }
        out.push(dist(
            "birth_region",
            "Region of birth",
            "birth_region",
            &s.birth_regions,
        ));
        out.push(dist("camp", "Camp", "camp", &s.camps));
        let r = &s.rehabilitation;
        out.push(Section {
            id: "rehabilitation",
            title: "Rehabilitation".into(),
            key: "what",
            rows: vec![
                ("cases".into(), r.cases, None),
                (
                    "rehabilitation recorded".into(),
                    r.rehabilitated,
                    Some(r.share),
                ),
                ("lag known".into(), r.lag_known, None),
            ],
            note: Some(format!(
                "median lag {} years",
                r.median_lag
                    .map_or_else(|| "unknown".to_owned(), |m| Value::Float(m).to_string())
            )),
        });
        out.push(Section {
            id: "rehabilitation_lag",
            title: "Years from sentence to rehabilitation".into(),
            key: "years",
            rows: r
                .lags
                .iter()
                .map(|l| (l.years.to_string(), l.count, None))
                .collect(),
            note: None,
        });
        out.push(Section {
            id: "completeness",
            title: "Completeness".into(),
            key: "field",
            rows: s
                .completeness
                .iter()
                .map(|c| (format!("{} ({})", c.field, c.of), c.filled, Some(c.share)))
                .collect(),
            note: Some(
                "count: records with the field filled in; share: of the population in brackets"
                    .into(),
            ),
        });
        out
    }

    fn render_sections(sections: &[Section], format: TableFormat) -> String {
        let mut o = String::new();
        match format {
            TableFormat::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
                let _ = w.write_record(["table", "value", "count", "share"]);
                for s in sections {
                    for (v, n, share) in &s.rows {
                        let _ = w.write_record([
                            s.id,
                            v.as_str(),
                            &n.to_string(),
                            &share.map(|x| format!("{x:.4}")).unwrap_or_default(),
                        ]);
                    }
                }
                o = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
            }
            TableFormat::Md => {
                for s in sections {
                    let _ = writeln!(o, "## {}\n", s.title);
                    let _ = writeln!(o, "| {} | count | share |\n|---|--:|--:|", s.key);
                    for (v, n, share) in &s.rows {
                        let _ = writeln!(
                            o,
                            "| {} | {} | {} |",
                            museum_core::report::fmt::md(v),
                            int(*n),
                            share.map(pct).unwrap_or_default()
                        );
                    }
                    if let Some(n) = &s.note {
                        let _ = writeln!(o, "\n{n}.");
                    }
                    o.push('\n');
                }
            }
            TableFormat::Human | TableFormat::Json => {
                for (i, s) in sections.iter().enumerate() {
                    if i > 0 {
                        o.push('\n');
                    }
                    let _ = writeln!(o, "{}", s.title);
                    let rows: Vec<Vec<String>> = s
                        .rows
                        .iter()
                        .map(|(v, n, share)| {
                            vec![v.clone(), int(*n), share.map(pct).unwrap_or_default()]
                        })
                        .collect();
                    aligned(
                        &mut o,
                        &[s.key, "count", "share"],
                        &rows,
                        &[false, true, true],
                    );
                    if let Some(n) = &s.note {
                        let _ = writeln!(o, "  ({n})");
                    }
                }
            }
        }
        o
    }

    fn cell(v: &Value) -> String {
        match v {
            Value::Null => "(none)".to_owned(),
            v => v.to_string(),
        }
    }

    fn render_group(g: &GroupTable, format: TableFormat) -> String {
        let mut o = String::new();
        match format {
            TableFormat::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
                let mut header: Vec<&str> = g.columns.iter().map(String::as_str).collect();
                header.extend(["count", "share"]);
                let _ = w.write_record(&header);
                for r in &g.rows {
                    let mut rec: Vec<String> = r.values.iter().map(ToString::to_string).collect();
                    rec.push(r.count.to_string());
                    rec.push(format!("{:.4}", r.share));
                    let _ = w.write_record(&rec);
                }
                o = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
            }
            TableFormat::Md => {
                let _ = writeln!(
                    o,
                    "| {} | {} | share |\n|{}--:|--:|",
                    // Canonical column names: plain identifiers, nothing to escape.
                    g.columns.join(" | "),
                    g.unit,
                    "---|".repeat(g.columns.len())
                );
                for r in &g.rows {
                    let _ = writeln!(
                        o,
                        "| {} | {} | {} |",
                        r.values
                            .iter()
                            .map(|v| museum_core::report::fmt::md(&cell(v)))
                            .collect::<Vec<_>>()
                            .join(" | "),
                        int(r.count),
                        pct(r.share)
                    );
                }
            }
            TableFormat::Human | TableFormat::Json => {
                let mut header: Vec<&str> = g.columns.iter().map(String::as_str).collect();
                header.extend([g.unit.as_str(), "share"]);
                let rows: Vec<Vec<String>> = g
                    .rows
                    .iter()
                    .map(|r| {
                        let mut row: Vec<String> = r.values.iter().map(cell).collect();
                        row.push(int(r.count));
                        row.push(pct(r.share));
                        row
                    })
                    .collect();
                let mut right = vec![false; g.columns.len()];
                right.extend([true, true]);
                aligned(&mut o, &header, &rows, &right);
                let _ = writeln!(
                    o,
                    "{} {} in {} groups",
                    int(g.total),
                    g.unit,
                    int(g.rows.len() as u64)
                );
            }
        }
        o
    }

    /// An aligned text table: two spaces between columns, numbers right-aligned.
    fn aligned(o: &mut String, header: &[&str], rows: &[Vec<String>], right: &[bool]) {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for r in rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(width(c));
            }
        }
        let line = |o: &mut String, cells: &[&str]| {
            let mut s = String::from(" ");
            for (i, c) in cells.iter().enumerate() {
                let pad = widths[i] - width(c);
                s.push(' ');
                if right[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    if i + 1 < cells.len() {
                        s.push_str(&" ".repeat(pad));
                    }
                }
                s.push(' ');
            }
            let _ = writeln!(o, "{}", s.trim_end());
        };
        line(o, header);
        for r in rows {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            line(o, &cells);
        }
    }

    #[cfg(test)]
    mod tests {
        use clap::CommandFactory;

        /// Every column `--by` accepts is listed in `museum stats --help`.
        #[test]
        fn help_lists_every_column() {
            let mut cmd = crate::args::Cli::command();
            let help = cmd
                .find_subcommand_mut("stats")
                .unwrap()
                .render_long_help()
                .to_string();
            for c in museum_core::stats::COLUMNS {
                assert!(help.contains(c.name), "`{}` missing from the help", c.name);
            }
        }
    }
}
