//! The report as Markdown for repositories: the same sections as the HTML page, with tables and
//! text bars instead of SVG charts. Data values are escaped with [`super::fmt::md`].

use std::fmt::Write as _;

use super::ReportData;
use super::fmt::{distribution_note, int, md, num, pct, plural, review_sentence};
use crate::stats::{Distribution, Timeline};

const BAR_WIDTH: u64 = 30;

fn bar(n: u64, max: u64) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    let cells = (n * BAR_WIDTH).div_ceil(max).max(1);
    "█".repeat(usize::try_from(cells).unwrap_or(0))
}

fn distribution(o: &mut String, d: &Distribution, title: &str, label: &dyn Fn(&str) -> String) {
    let _ = writeln!(o, "### {title}\n");
    if d.top.is_empty() {
        let _ = writeln!(o, "No data.\n");
        return;
    }
    let max = d
        .top
        .iter()
        .map(|c| c.count)
        .max()
        .unwrap_or(0)
        .max(d.other);
    let _ = writeln!(o, "| {title} | Count | Share | |\n|---|--:|--:|---|");
    for c in &d.top {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            md(&label(&c.value)),
            int(c.count),
            pct(c.share),
            bar(c.count, max)
        );
    }
    let known = d.total - d.missing - d.unrecognised;
    if d.other > 0 {
        let share = if known == 0 {
            0.0
        } else {
            d.other as f64 / known as f64
        };
        let _ = writeln!(
            o,
            "| ({} other values) | {} | {} | {} |",
            int(d.distinct - d.top.len() as u64),
            int(d.other),
            pct(share),
            bar(d.other, max)
        );
    }
    let _ = write!(o, "\n{}", distribution_note(d));
    let _ = writeln!(o, ".\n");
}

/// Renders the report as Markdown.
pub fn to_markdown(d: &ReportData) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let _ = writeln!(o, "# {}\n", md(&d.title));
    let _ = writeln!(
        o,
        "Museum in memory of the victims of political repressions, Shymkent · made with {}{} · {}, {}\n",
        md(&d.tool),
        d.generated
            .as_deref()
            .map(|g| format!(" on {}", md(g)))
            .unwrap_or_default(),
        plural(d.inputs.len() as u64, "file", "files"),
        plural(d.counts.total, "record", "records")
    );

    let c = &d.counts;
    let _ = writeln!(o, "## Summary\n");
    let _ = writeln!(o, "| | |\n|---|--:|");
    let _ = writeln!(o, "| Victim records | {} |", int(c.victims));
    let _ = writeln!(o, "| Repression cases | {} |", int(c.cases));
    let persons = match (d.dedup.persons, d.dedup.status.as_str()) {
        (Some(p), _) => int(p),
        (None, "skipped") => "deduplication skipped".to_owned(),
        _ => "deduplication not run".to_owned(),
    };
    let _ = writeln!(o, "| Persons after deduplication | {persons} |");
    let _ = writeln!(o, "| Errors | {} |", int(d.validation.errors));
    let _ = writeln!(o, "| Warnings | {} |", int(d.validation.warnings));
    let _ = writeln!(o, "| Notes | {} |\n", int(d.validation.infos));
    if !d.validation.by_rule.is_empty() {
        let _ = writeln!(
            o,
            "### Findings by rule\n\n| Code | Rule | Severity | Findings |\n|---|---|---|--:|"
        );
        for r in &d.validation.by_rule {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md(&r.code),
                md(&r.name),
                r.severity,
                int(r.count)
            );
        }
        o.push('\n');
    }
    if !d.inputs.is_empty() {
        let _ = writeln!(o, "### Files\n\n| File | Holds | Records |\n|---|---|--:|");
        for f in &d.inputs {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                md(&f.path),
                md(&f.kind),
                int(f.records)
            );
        }
        o.push('\n');
    }

    let s = &d.stats;
    let _ = writeln!(o, "## Arrests and executions over time\n");
    let mut years: Vec<i32> = [&s.arrests, &s.sentences, &s.executions]
        .iter()
        .flat_map(|t| t.by_year.iter().map(|c| c.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        let _ = writeln!(o, "No dated arrests, sentences or executions.\n");
    } else {
        let get = |t: &Timeline, y: i32| {
            t.by_year
                .iter()
                .find(|c| c.year == y)
                .map_or(0, |c| c.count)
        };
        let max = years.iter().map(|y| get(&s.arrests, *y)).max().unwrap_or(0);
        let _ = writeln!(
            o,
            "| Year | Arrests | Sentences | Executions | Arrests |\n|---|--:|--:|--:|---|"
        );
        for y in years {
            let a = get(&s.arrests, y);
            let _ = writeln!(
                o,
                "| {y} | {} | {} | {} | {} |",
                int(a),
                int(get(&s.sentences, y)),
                int(get(&s.executions, y)),
                bar(a, max)
            );
        }
        let _ = writeln!(
            o,
            "\nNot counted: dates that are a range or unreadable ({} arrests, {} sentences, {} executions).\n",
            int(s.arrests.imprecise),
            int(s.sentences.imprecise),
            int(s.executions.imprecise)
        );
    }

    let _ = writeln!(o, "## Sentences and charges\n");
    distribution(&mut o, &s.sentence_kinds, "Sentence", &|v| {
        v.replace('_', " ")
    });
    if !s.sentence_terms.is_empty() {
        let _ = writeln!(
            o,
            "### Terms\n\n| Sentence | Years | Cases |\n|---|--:|--:|"
        );
        for t in &s.sentence_terms {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                md(&t.kind.replace('_', " ")),
                num(t.years),
                int(t.count)
            );
        }
        o.push('\n');
    }
    distribution(
        &mut o,
        &s.sentencing_bodies,
        "Sentencing body",
        &str::to_owned,
    );
    distribution(&mut o, &s.charge_articles, "Charge article", &str::to_owned);

    let _ = writeln!(o, "## Who they were\n");
    let p = &s.age_pyramid;
    let _ = writeln!(o, "### Age at arrest\n");
    if p.bands.is_empty() {
        let _ = writeln!(o, "No data.\n");
    } else {
        let _ = writeln!(o, "| Age | Men | Women | Sex unknown |\n|---|--:|--:|--:|");
        for b in &p.bands {
            let _ = writeln!(
                o,
                "| {}–{} | {} | {} | {} |",
                b.from,
                b.to,
                int(b.male),
                int(b.female),
                int(b.unknown_sex)
            );
        }
        let _ = writeln!(
            o,
            "\n{} with a known age at the first arrest, {} unknown.\n",
            plural(p.known, "person", "persons"),
            int(p.unknown)
        );
    }
    distribution(&mut o, &s.sexes, "Sex", &str::to_owned);
    distribution(&mut o, &s.nationalities, "Nationality", &str::to_owned);
    distribution(&mut o, &s.birth_regions, "Region of birth", &str::to_owned);
    distribution(&mut o, &s.birth_places, "Place of birth", &str::to_owned);

    let _ = writeln!(o, "## Camps\n");
    distribution(&mut o, &s.camps, "Camp", &|id| match d.camp_names.get(id) {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.to_owned(),
    });

    let r = &s.rehabilitation;
    let _ = writeln!(o, "## Rehabilitation\n");
    let _ = writeln!(
        o,
        "{} of {} cases ({}) have a rehabilitation recorded; the median time from sentence to rehabilitation is {}. A case without a recorded rehabilitation is not known to be unrehabilitated.\n",
        int(r.rehabilitated),
        int(r.cases),
        pct(r.share),
        r.median_lag
            .map_or_else(|| "unknown".to_owned(), |m| format!("{} years", num(m)))
    );
    if !r.lags.is_empty() {
        let max = r.lags.iter().map(|l| l.count).max().unwrap_or(0);
        let _ = writeln!(o, "| Years after sentence | Cases | |\n|--:|--:|---|");
        for l in &r.lags {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                l.years,
                int(l.count),
                bar(l.count, max)
            );
        }
        o.push('\n');
    }
    distribution(&mut o, &r.bodies, "Rehabilitating body", &str::to_owned);

    let _ = writeln!(
        o,
        "## Completeness\n\n| Field | Of | Filled | Share |\n|---|---|--:|--:|"
    );
    for c in s.completeness.iter().filter(|c| c.total > 0) {
        let _ = writeln!(
            o,
            "| {} | {} | {} of {} | {} |",
            md(&c.field),
            md(&c.of),
            int(c.filled),
            int(c.total),
            pct(c.share)
        );
    }
    o.push('\n');

    let _ = writeln!(o, "## Suspected duplicates\n");
    match d.dedup.status.as_str() {
        "not_run" => {
            let _ = writeln!(o, "Deduplication not run.\n");
        }
        "skipped" => {
            let _ = writeln!(o, "Deduplication skipped (`--no-dedup`).\n");
        }
        _ => {
            if let Some(dup) = &s.duplicates {
                let _ = writeln!(
                    o,
                    "{} in {}; {} after merging, a duplicate rate of {}.\n",
                    plural(dup.records_in_clusters, "record", "records"),
                    plural(dup.clusters, "cluster", "clusters"),
                    plural(dup.persons, "person", "persons"),
                    pct(dup.rate)
                );
            }
            if let Some(r) = review_sentence(d.dedup.review.as_ref()) {
                let _ = writeln!(o, "{r} — `museum review` lists them.\n");
            }
            for c in &d.dedup.clusters {
                let _ = writeln!(
                    o,
                    "- Cluster {}: {}",
                    md(&c.id),
                    c.members
                        .iter()
                        .map(|m| format!(
                            "{} ({})",
                            md(m.name.as_deref().unwrap_or("?")),
                            md(&m.record_id)
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                );
                for e in &c.evidence {
                    let _ = writeln!(o, "  - {}", md(e));
                }
            }
            o.push('\n');
        }
    }

    if let Some(p) = &d.persons {
        super::persons::to_markdown(&mut o, p);
    }
    let _ = writeln!(o, "## Competing estimates\n");
    if d.estimates.is_empty() {
        let _ = writeln!(o, "No estimates were read.\n");
    }
    for e in &d.estimates {
        let _ = writeln!(
            o,
            "### {} ({})\n\n| Measure | Number | Unit | As of | Sources |\n|---|--:|---|---|---|",
            md(&e.name),
            md(&e.name_local)
        );
        for r in &e.estimates {
            let value = match (r.value, r.low, r.high) {
                (Some(v), _, _) => num(v),
                (None, Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
                (None, Some(l), None) => format!("≥ {}", num(l)),
                (None, None, Some(h)) => format!("≤ {}", num(h)),
                _ => "—".to_owned(),
            };
            let sources: Vec<String> = r
                .sources
                .iter()
                .map(|s| match &s.title {
                    Some(t) => md(t),
                    None => format!("{} (not in sources.csv)", md(&s.id)),
                })
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                md(&r.measure.replace('_', " ")),
                value,
                md(&r.unit),
                md(r.as_of.as_deref().unwrap_or("")),
                sources.join("; ")
            );
        }
        o.push('\n');
    }

    let _ = writeln!(o, "## Findings\n");
    let f = &d.findings;
    if f.total == 0 {
        let _ = writeln!(o, "No findings.");
    } else {
        if f.shown < f.total {
            let _ = writeln!(
                o,
                "{} of {} findings are listed; `museum validate` lists them all.\n",
                int(f.shown),
                int(f.total)
            );
        }
        let _ = writeln!(
            o,
            "| Where | Severity | Code | Problem | Value | Hint |\n|---|---|---|---|---|---|"
        );
        for r in &f.rows {
            let loc = match (&r.file, r.line, &r.field) {
                (Some(file), Some(l), Some(fl)) => format!("{file}:{l}:{fl}"),
                (Some(file), Some(l), None) => format!("{file}:{l}"),
                (Some(file), None, _) => file.clone(),
                _ => r.record_id.clone().unwrap_or_default(),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                md(&loc),
                r.severity,
                md(&r.code),
                md(&r.message),
                md(r.value.as_deref().unwrap_or("")),
                md(r.help.as_deref().unwrap_or(""))
            );
        }
    }
    o
}
