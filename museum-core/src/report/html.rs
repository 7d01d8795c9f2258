//! The self-contained HTML page: inline CSS (screen and print), inline SVG charts, no script, no
//! font, no image file, no network. A Content-Security-Policy forbids scripts and any fetch, so
//! even a value that slipped past escaping could not run or call out.

use std::fmt::Write as _;

use super::fmt::{distribution_note, html, int, num, pct, plural, review_sentence};
use super::svg::{self, Bar};
use super::{FindingRow, ReportData};
use crate::diagnostic::Severity;
use crate::stats::{Distribution, Timeline};

/// The first and last year of the monthly chart.
const MONTHLY_FROM: i32 = 1928;
const MONTHLY_TO: i32 = 1953;

const CSS: &str = r#"
:root{--ink:#1f1f23;--muted:#5d5f66;--line:#d8d8de;--soft:#f5f3f0;--accent:#7a1f1f;
--arrest:#8c2f26;--sentence:#c07a3c;--exec:#26262b;--male:#35608f;--female:#b0455a;--fill:#4f7b5b;--bar:#6b6f80}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1060px;padding:28px 24px 48px;color:var(--ink);background:#fff;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif}
header{border-bottom:3px solid var(--accent);margin-bottom:18px}
h1{font-size:1.75em;margin:0 0 4px;line-height:1.2}
h2{font-size:1.3em;margin:34px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:22px 0 6px}
p{margin:6px 0 10px}
.meta,.note,figcaption{color:var(--muted);font-size:.9em}
nav ol{columns:3;column-gap:24px;margin:8px 0 0;padding-left:20px}
nav a{color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--soft)}
.card b{display:block;font-size:1.55em;line-height:1.25;font-variant-numeric:tabular-nums}
.card span{color:var(--muted);font-size:.85em}
.card.error b{color:#a1161b}.card.warning b{color:#8a5a00}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:.92em}
th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.loc{white-space:nowrap;font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
td.val{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em;word-break:break-word}
.sev-error{color:#a1161b;font-weight:600}.sev-warning{color:#8a5a00;font-weight:600}.sev-info{color:#365f91}
figure{margin:14px 0 18px}
figcaption{margin-top:4px}
svg.chart{display:block;width:100%;max-width:100%;height:auto}
svg.chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;fill:var(--ink)}
svg.chart .tick,svg.chart .value{font-size:11px;fill:var(--muted)}
svg.chart .label,svg.chart .legend{font-size:12px}
svg.chart .panel{font-size:13px;font-weight:600}
svg.chart .band-label{font-size:12px;font-weight:600;fill:var(--accent)}
svg.chart .grid{stroke:#ececf0;stroke-width:1}
svg.chart .axis{stroke:#9a9ca5;stroke-width:1}
svg.chart .band{fill:#f3e3df}
.bar-arrest{fill:var(--arrest)}.bar-sentence{fill:var(--sentence)}.bar-exec{fill:var(--exec)}
.bar-agree{fill:#3f7f5f}.bar-disagree{fill:#b0413e}.bar-male{fill:var(--male)}.bar-female{fill:var(--female)}.bar-fill{fill:var(--fill)}.bar{fill:var(--bar)}
.empty{color:var(--muted);font-style:italic}
.cluster{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:10px 0}
.cluster ul{margin:4px 0;padding-left:20px}
bdi{unicode-bidi:isolate}
footer{margin-top:40px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:.85em}
@page{size:A4;margin:14mm 12mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;padding:0;font-size:10pt}
nav{display:none}
h2{break-after:avoid;page-break-after:avoid}
h3{break-after:avoid;page-break-after:avoid}
figure,.cards,.card,.cluster,tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
.card{background:none}
}
"#;

/// Renders the report as one self-contained HTML page.
pub fn to_html(d: &ReportData) -> String {
    let mut o = String::with_capacity(256 * 1024);
    let title = html(&d.title);
    let _ = write!(
        o,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="{tool}">
<title>{title}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">Museum in memory of the victims of political repressions, Shymkent · made with {tool}{date} · {files}, {records}</p>
</header>
"#,
        tool = html(&d.tool),
        date = d
            .generated
            .as_deref()
            .map(|g| format!(" on {}", html(g)))
            .unwrap_or_default(),
        files = plural(d.inputs.len() as u64, "file", "files"),
        records = plural(d.counts.total, "record", "records"),
    );
    o.push_str(
        r##"<nav aria-label="Contents"><ol>
<li><a href="#summary">Summary</a></li>
<li><a href="#timeline">Arrests and executions over time</a></li>
<li><a href="#sentences">Sentences and charges</a></li>
<li><a href="#people">Who they were</a></li>
<li><a href="#camps">Camps</a></li>
<li><a href="#rehabilitation">Rehabilitation</a></li>
<li><a href="#completeness">Completeness</a></li>
<li><a href="#duplicates">Suspected duplicates</a></li>
<li><a href="#estimates">Competing estimates</a></li>
<li><a href="#findings">Findings</a></li>
</ol></nav>
<main>
"##,
    );
    summary(&mut o, d);
    timeline(&mut o, d);
    sentences(&mut o, d);
    people(&mut o, d);
    camps(&mut o, d);
    rehabilitation(&mut o, d);
    completeness(&mut o, d);
    duplicates(&mut o, d);
    if let Some(p) = &d.persons {
        super::persons::to_html(&mut o, p);
    }
    estimates(&mut o, d);
    findings(&mut o, d);
    let _ = write!(
        o,
        r"</main>
<footer>
<p>Counts are of records as the lists give them. A person listed twice is counted twice unless deduplication merged the records. A field left empty in a list means the list does not say, not that the event did not happen. Dates known only as a range or not readable are left out of the timelines and counted separately.</p>
<p>Made with {} from the files above. This page needs no network connection and runs no script; it can be shared as one file and printed.</p>
</footer>
</body>
</html>
",
        html(&d.tool)
    );
    o
}

fn card(o: &mut String, value: &str, label: &str, class: &str) {
    let _ = write!(
        o,
        r#"<div class="card {class}"><b>{value}</b><span>{label}</span></div>"#
    );
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

fn summary(o: &mut String, d: &ReportData) {
    o.push_str(r#"<section id="summary"><h2>Summary</h2><div class="cards">"#);
    card(o, &int(d.counts.victims), "victim records", "");
    card(o, &int(d.counts.cases), "repression cases", "");
    match d.dedup.persons {
        Some(p) => card(o, &int(p), "persons after deduplication", ""),
        None => card(
            o,
            "—",
            if d.dedup.status == "skipped" {
                "persons: deduplication skipped"
            } else {
                "persons: deduplication not run"
            },
            "",
        ),
    }
    card(o, &int(d.validation.errors), "errors", "error");
    card(o, &int(d.validation.warnings), "warnings", "warning");
    card(o, &int(d.validation.infos), "notes", "");
    o.push_str("</div>");
    let c = &d.counts;
    let _ = write!(
        o,
        "<p>{} with {} were read from {}, together with {}, {}, {} and {} ({} and {}). ",
        plural(c.victims, "victim record", "victim records"),
        plural(c.cases, "repression case", "repression cases"),
        plural(d.inputs.len() as u64, "file", "files"),
        plural(c.figures, "figure", "figures"),
        plural(c.events, "event", "events"),
        plural(c.camps, "camp", "camps"),
        plural(c.sources, "source", "sources"),
        plural(c.estimates, "estimate", "estimates"),
        plural(c.claims, "disputed fact", "disputed facts"),
    );
    let _ = write!(
        o,
        "Validation found {}, {} and {}.</p>",
        plural(d.validation.errors, "error", "errors"),
        plural(d.validation.warnings, "warning", "warnings"),
        plural(d.validation.infos, "note", "notes"),
    );
    if !d.validation.by_rule.is_empty() {
        o.push_str(r#"<h3>Findings by rule</h3><table><thead><tr><th>Code</th><th>Rule</th><th>Severity</th><th class="n">Findings</th><th>What it checks</th></tr></thead><tbody>"#);
        for r in &d.validation.by_rule {
            let _ = write!(
                o,
                r##"<tr><td><a href="#rule-{code}">{code}</a></td><td>{name}</td><td class="{sc}">{sev}</td><td class="n">{n}</td><td>{sum}</td></tr>"##,
                code = html(&r.code),
                name = html(&r.name),
                sc = severity_class(r.severity),
                sev = r.severity,
                n = int(r.count),
                sum = html(&r.summary),
            );
        }
        o.push_str("</tbody></table>");
    }
    if !d.inputs.is_empty() {
        o.push_str(r#"<h3>Files</h3><table><thead><tr><th>File</th><th>Holds</th><th class="n">Records</th></tr></thead><tbody>"#);
        for f in &d.inputs {
            let _ = write!(
                o,
                r#"<tr><td class="loc"><bdi>{}</bdi></td><td>{}</td><td class="n">{}</td></tr>"#,
                html(&f.path),
                html(&f.kind),
                int(f.records)
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section>\n");
}

fn figure(o: &mut String, chart: Option<String>, caption: &str) {
    match chart {
        Some(svg) => {
            let _ = write!(
                o,
                "<figure>{svg}<figcaption>{caption}</figcaption></figure>"
            );
        }
        None => {
            let _ = write!(o, r#"<p class="empty">No data. {caption}</p>"#);
        }
    }
}

fn in_range(t: &Timeline) -> u64 {
    t.by_month
        .iter()
        .filter(|m| (MONTHLY_FROM..=MONTHLY_TO).contains(&m.year))
        .map(|m| m.count)
        .sum()
}

fn timeline(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str(r#"<section id="timeline"><h2>Arrests and executions over time</h2>"#);
    let chart = svg::monthly(&s.arrests, &s.executions, MONTHLY_FROM, MONTHLY_TO);
    let caption = format!(
        "Cases dated to the month, {MONTHLY_FROM}–{MONTHLY_TO}: {} of {} dated arrests and {} of {} dated executions. \
         The shaded band marks the NKVD mass operations of August 1937 – November 1938. \
         Dates known only to the year are in the chart per year below.",
        int(in_range(&s.arrests)),
        int(s.arrests.dated),
        int(in_range(&s.executions)),
        int(s.executions.dated),
    );
    figure(o, chart, &caption);
    let chart = svg::yearly(
        &[
            ("Arrests", "bar-arrest", &s.arrests),
            ("Sentences", "bar-sentence", &s.sentences),
            ("Executions", "bar-exec", &s.executions),
        ],
        "Arrests, sentences and executions per year",
    );
    let caption = format!(
        "Per year. Not shown: dates that are a range or unreadable ({} arrests, {} sentences, {} executions).",
        int(s.arrests.imprecise),
        int(s.sentences.imprecise),
        int(s.executions.imprecise)
    );
    figure(o, chart, &caption);
    // The numbers behind the chart, for citing.
    let mut years: Vec<i32> = [&s.arrests, &s.sentences, &s.executions]
        .iter()
        .flat_map(|t| t.by_year.iter().map(|c| c.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    if !years.is_empty() {
        let get = |t: &Timeline, y: i32| {
            t.by_year
                .iter()
                .find(|c| c.year == y)
                .map_or(0, |c| c.count)
        };
        o.push_str(r#"<h3>Per year</h3><table><thead><tr><th>Year</th><th class="n">Arrests</th><th class="n">Sentences</th><th class="n">Executions</th></tr></thead><tbody>"#);
        for y in years {
            let _ = write!(
                o,
                r#"<tr><td>{y}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                int(get(&s.arrests, y)),
                int(get(&s.sentences, y)),
                int(get(&s.executions, y))
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section>\n");
}

/// A distribution as horizontal bars, with its counts in the caption.
fn distribution(
    o: &mut String,
    dist: &Distribution,
    title: &str,
    class: &str,
    label: &dyn Fn(&str) -> String,
) {
    let known = dist.total - dist.missing - dist.unrecognised;
    let mut bars: Vec<Bar> = dist
        .top
        .iter()
        .map(|c| Bar {
            label: label(&c.value),
            value: c.count as f64,
            text: format!("{} · {}", int(c.count), pct(c.share)),
        })
        .collect();
    if dist.other > 0 {
        bars.push(Bar {
            label: format!(
                "({} other values)",
                int(dist.distinct - dist.top.len() as u64)
            ),
            value: dist.other as f64,
            text: format!(
                "{} · {}",
                int(dist.other),
                pct(if known == 0 {
                    0.0
                } else {
                    dist.other as f64 / known as f64
                })
            ),
        });
    }
    let mut caption = format!("{}: {}", html(title), distribution_note(dist));
    let _ = write!(
        caption,
        "; {}.",
        plural(dist.distinct, "distinct value", "distinct values")
    );
    let _ = write!(o, "<h3>{}</h3>", html(title));
    figure(o, svg::hbars(&bars, class, title, None), &caption);
}

fn plain(s: &str) -> String {
    s.to_owned()
}

fn kind_label(s: &str) -> String {
    match s {
        "execution" => "execution (shooting)".to_owned(),
        other => other.replace('_', " "),
    }
}

fn sentences(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str(r#"<section id="sentences"><h2>Sentences and charges</h2>"#);
    distribution(o, &s.sentence_kinds, "Sentence", "bar", &kind_label);
    if !s.sentence_terms.is_empty() {
        o.push_str(r#"<h3>Terms</h3><table><thead><tr><th>Sentence</th><th class="n">Years</th><th class="n">Cases</th></tr></thead><tbody>"#);
        for t in &s.sentence_terms {
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                html(&kind_label(&t.kind)),
                num(t.years),
                int(t.count)
            );
        }
        o.push_str("</tbody></table>");
    }
    distribution(o, &s.sentencing_bodies, "Sentencing body", "bar", &plain);
    distribution(
        o,
        &s.charge_articles,
        "Charge article",
        "bar-arrest",
        &|a: &str| {
            if a.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                format!("art. {a}")
            } else {
                a.to_owned()
            }
        },
    );
    o.push_str(r#"<p class="note">Articles are normalized: <code>58 п. 10</code>, <code>ст. 58-10 УК РСФСР</code> and <code>58-10</code> count as one. A case charged under several articles counts once for each.</p>"#);
    o.push_str("</section>\n");
}

fn people(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str(r#"<section id="people"><h2>Who they were</h2><h3>Age at arrest</h3>"#);
    let unknown_sex: u64 = s.age_pyramid.bands.iter().map(|b| b.unknown_sex).sum();
    let caption = format!(
        "Age at the first arrest, in 5-year bands: {} with a known age ({} of them without a recorded sex, not drawn), {} unknown.",
        plural(s.age_pyramid.known, "person", "persons"),
        int(unknown_sex),
        int(s.age_pyramid.unknown)
    );
    figure(o, svg::pyramid(&s.age_pyramid), &caption);
    distribution(o, &s.sexes, "Sex", "bar", &plain);
    distribution(o, &s.nationalities, "Nationality", "bar", &plain);
    distribution(o, &s.birth_regions, "Region of birth", "bar", &plain);
    distribution(o, &s.birth_places, "Place of birth", "bar", &plain);
    o.push_str("</section>\n");
}

fn camps(o: &mut String, d: &ReportData) {
    o.push_str(r#"<section id="camps"><h2>Camps</h2>"#);
    let names = &d.camp_names;
    distribution(
        o,
        &d.stats.camps,
        "Camp",
        "bar",
        &|id: &str| match names.get(id) {
            Some(n) if n != id => format!("{n} ({id})"),
            _ => id.to_owned(),
        },
    );
    o.push_str("</section>\n");
}

fn rehabilitation(o: &mut String, d: &ReportData) {
    let r = &d.stats.rehabilitation;
    o.push_str(r#"<section id="rehabilitation"><h2>Rehabilitation</h2><div class="cards">"#);
    card(
        o,
        &pct(r.share),
        "of cases with a rehabilitation recorded",
        "",
    );
    card(o, &int(r.rehabilitated), "cases rehabilitated", "");
    card(
        o,
        &r.median_lag.map_or_else(|| "—".to_owned(), num),
        "median years from sentence to rehabilitation",
        "",
    );
    o.push_str("</div>");
    o.push_str(r#"<p class="note">A case without a recorded rehabilitation is not known to be unrehabilitated: the list may not say.</p>"#);
    o.push_str("<h3>Rehabilitations per year</h3>");
    let years: Vec<(i64, u64)> = fill(r.by_year.iter().map(|y| (i64::from(y.year), y.count)));
    figure(
        o,
        svg::vbars(
            &years,
            "bar-fill",
            "Rehabilitations per year",
            &|y| y.to_string(),
            "rehabilitations",
        ),
        &format!(
            "{} with a dated rehabilitation.",
            plural(r.by_year.iter().map(|y| y.count).sum(), "case", "cases")
        ),
    );
    o.push_str("<h3>Years from sentence to rehabilitation</h3>");
    // From 0, so the scale of the wait is visible.
    let lags: Vec<(i64, u64)> = fill(
        std::iter::once((0, 0))
            .chain(r.lags.iter().map(|l| (i64::from(l.years), l.count)))
            .filter(|p| p.0 >= 0),
    );
    figure(
        o,
        svg::vbars(
            &lags,
            "bar",
            "Years from sentence to rehabilitation",
            &|y| y.to_string(),
            "cases",
        ),
        &format!(
            "Difference of the years of sentence and rehabilitation, {} where both are known.",
            plural(r.lag_known, "case", "cases")
        ),
    );
    distribution(o, &r.bodies, "Rehabilitating body", "bar", &plain);
    o.push_str("</section>\n");
}

/// Fills gaps between consecutive integer positions with zeros (duplicates are summed).
fn fill(points: impl Iterator<Item = (i64, u64)>) -> Vec<(i64, u64)> {
    let mut pts: Vec<(i64, u64)> = points.collect();
    pts.sort_unstable();
    if pts.iter().all(|p| p.1 == 0) {
        return Vec::new();
    }
    let (Some(&(lo, _)), Some(&(hi, _))) = (pts.first(), pts.last()) else {
        return Vec::new();
    };
    (lo..=hi)
        .map(|x| (x, pts.iter().filter(|p| p.0 == x).map(|p| p.1).sum()))
        .collect()
}

fn completeness(o: &mut String, d: &ReportData) {
    o.push_str(r#"<section id="completeness"><h2>Completeness</h2>"#);
    figure(
        o,
        svg::completeness(&d.stats.completeness),
        "Share of records with the field filled in. The execution date and place are counted over cases sentenced to execution, the camp over camp sentences.",
    );
    o.push_str("</section>\n");
}

fn duplicates(o: &mut String, d: &ReportData) {
    o.push_str(r#"<section id="duplicates"><h2>Suspected duplicates</h2>"#);
    match d.dedup.status.as_str() {
        "not_run" => o.push_str(r#"<p class="empty">Deduplication not run. The counts above are of records, not of distinct persons.</p>"#),
        "skipped" => o.push_str(r#"<p class="empty">Deduplication skipped (<code>--no-dedup</code>). The counts above are of records, not of distinct persons.</p>"#),
        _ => {
            if let Some(dup) = &d.stats.duplicates {
                let _ = write!(
                    o,
                    "<p>{} in {}; {} after merging them, a duplicate rate of {}.</p>",
                    plural(dup.records_in_clusters, "record is", "records are"),
                    plural(dup.clusters, "cluster of suspected duplicates", "clusters of suspected duplicates"),
                    plural(dup.persons, "person", "persons"),
                    pct(dup.rate)
                );
            }
            if let Some(r) = review_sentence(d.dedup.review.as_ref()) {
                let _ = write!(
                    o,
                    r#"<p class="review">{} — <code>museum review</code> lists them.</p>"#,
                    html(&r)
                );
            }
            if let Some(model) = &d.dedup.model {
                model_chart(o, model);
            }
            if d.dedup.clusters_total as usize > d.dedup.clusters.len() {
                let _ = write!(
                    o,
                    r#"<p class="note">The first {} of {} clusters are listed.</p>"#,
                    int(d.dedup.clusters.len() as u64),
                    int(d.dedup.clusters_total)
                );
            }
            for c in &d.dedup.clusters {
                let _ = write!(o, r#"<div class="cluster"><b>Cluster <bdi>{}</bdi></b>"#, html(&c.id));
                if let Some(s) = c.score {
                    let _ = write!(o, " · score {s:.2}");
                }
                o.push_str(r"<table><thead><tr><th>Record</th><th>Name</th><th>Born</th><th>Arrested</th><th>Where</th></tr></thead><tbody>");
                for m in &c.members {
                    let _ = write!(
                        o,
                        r#"<tr><td class="loc"><bdi>{}</bdi></td><td><bdi>{}</bdi></td><td>{}</td><td>{}</td><td class="loc">{}</td></tr>"#,
                        html(&m.record_id),
                        m.name.as_deref().map_or_else(|| "<i>not among the records read</i>".to_owned(), html),
                        html(m.birth.as_deref().unwrap_or("")),
                        html(m.arrest.as_deref().unwrap_or("")),
                        html(&location(m.file.as_deref(), m.line)),
                    );
                }
                o.push_str("</tbody></table>");
                if !c.evidence.is_empty() {
                    o.push_str("<ul>");
                    for e in &c.evidence {
                        let _ = write!(o, "<li><bdi>{}</bdi></li>", html(e));
                    }
                    o.push_str("</ul>");
                }
                o.push_str("</div>");
            }
        }
    }
    o.push_str("</section>\n");
}

/// The matching model as a match-weights chart: what each field's agreement or disagreement
/// adds to the evidence that two records are one person.
fn model_chart(o: &mut String, model: &crate::dedup::ModelFile) {
    o.push_str("<h3>What drives matching</h3>");
    figure(
        o,
        svg::match_weights(&model.fields),
        &format!(
            "The model learned from these {}: for each field and level of agreement, m is how often records of one person agree so, u how often records of different people do, and the weight log2(m/u) is the evidence it adds (right of zero: for a match; left: against). A pair's score is the prior ({:+.1}) plus its fields' weights; agreeing on a rare name counts more than the chart shows, on a common one less. Missing values add nothing.",
            plural(model.records as u64, "record", "records"),
            (model.lambda / (1.0 - model.lambda)).log2()
        ),
    );
}

fn location(file: Option<&str>, line: Option<u64>) -> String {
    match (file, line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.to_owned(),
        (None, Some(l)) => format!("line {l}"),
        (None, None) => String::new(),
    }
}

/// Only web links become links; anything else (`javascript:`, `data:`, relative paths) is text.
fn link(url: &str, text: &str) -> String {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!(
            r#"<a href="{}" rel="noopener noreferrer">{}</a>"#,
            html(u),
            text
        )
    } else {
        text.to_owned()
    }
}

fn estimate_value(e: &crate::stats::EstimateRow) -> String {
    match (e.value, e.low, e.high) {
        (Some(v), _, _) => num(v),
        (None, Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
        (None, Some(l), None) => format!("at least {}", num(l)),
        (None, None, Some(h)) => format!("at most {}", num(h)),
        (None, None, None) => "—".to_owned(),
    }
}

fn estimates(o: &mut String, d: &ReportData) {
    o.push_str(r#"<section id="estimates"><h2>Competing estimates</h2>"#);
    if d.estimates.is_empty() {
        o.push_str(r#"<p class="empty">No estimates were read (<code>estimates.csv</code>).</p></section>"#);
        return;
    }
    o.push_str(r#"<p class="note">Numbers sources claim, side by side. They are not merged or averaged: where sources disagree, every claim is shown with who makes it.</p>"#);
    for s in &d.estimates {
        let _ = write!(
            o,
            r#"<h3><bdi>{}</bdi> <span class="meta">· <bdi>{}</bdi> · {} <code>{}</code></span></h3>"#,
            html(&s.name),
            html(&s.name_local),
            html(&s.subject_kind),
            html(&s.subject_id)
        );
        o.push_str(r#"<table><thead><tr><th>Measure</th><th class="n">Number</th><th>Unit</th><th>As of</th><th>Claim</th><th>Sources</th></tr></thead><tbody>"#);
        for e in &s.estimates {
            let sources: Vec<String> = e
                .sources
                .iter()
                .map(|r| match (&r.title, &r.url) {
                    (Some(t), Some(u)) => link(u, &format!("<bdi>{}</bdi>", html(t))),
                    (Some(t), None) => format!("<bdi>{}</bdi>", html(t)),
                    (None, _) => format!(
                        r#"<code>{}</code> <span class="sev-warning">(not in sources.csv)</span>"#,
                        html(&r.id)
                    ),
                })
                .collect();
            let mut claim = e.claim.as_deref().map(html).unwrap_or_default();
            if let Some(n) = &e.notes {
                if !claim.is_empty() {
                    claim.push_str("<br>");
                }
                let _ = write!(claim, r#"<span class="note">{}</span>"#, html(n));
            }
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="n">{}</td><td>{}</td><td>{}</td><td><bdi>{}</bdi></td><td>{}</td></tr>"#,
                html(&e.measure.replace('_', " ")),
                estimate_value(e),
                html(&e.unit),
                html(e.as_of.as_deref().unwrap_or("")),
                claim,
                sources.join("; ")
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section>\n");
}

fn findings(o: &mut String, d: &ReportData) {
    o.push_str(r#"<section id="findings"><h2>Findings</h2>"#);
    let f = &d.findings;
    if f.total == 0 {
        o.push_str(r"<p>No findings: every record read cleanly and every reference resolves.</p></section>");
        return;
    }
    if f.shown < f.total {
        let _ = write!(
            o,
            r#"<p class="note">{} of {} findings are listed (at most a few hundred per rule). <code>museum validate</code> lists them all.</p>"#,
            int(f.shown),
            int(f.total)
        );
    }
    let mut i = 0;
    while i < f.rows.len() {
        let code = &f.rows[i].code;
        let j = f.rows[i..]
            .iter()
            .position(|r| &r.code != code)
            .map_or(f.rows.len(), |k| i + k);
        let group = &f.rows[i..j];
        let count = d
            .validation
            .by_rule
            .iter()
            .find(|r| &r.code == code)
            .map_or(group.len() as u64, |r| r.count);
        let _ = write!(
            o,
            r#"<h3 id="rule-{c}"><span class="{sc}">{c}</span> {name} <span class="meta">· {n}</span></h3>"#,
            c = html(code),
            sc = severity_class(group[0].severity),
            name = html(&group[0].name),
            n = if count > group.len() as u64 {
                format!("{} of {} listed", int(group.len() as u64), int(count))
            } else {
                plural(count, "finding", "findings")
            }
        );
        o.push_str(r"<table><thead><tr><th>Where</th><th>Record</th><th>Field</th><th>Problem</th><th>Value</th><th>Hint</th></tr></thead><tbody>");
        for r in group {
            row(o, r);
        }
        o.push_str("</tbody></table>");
        i = j;
    }
    o.push_str("</section>\n");
}

/// Escapes a message and shows its `backticked` parts as code.
fn rich(s: &str) -> String {
    let e = html(s);
    if !e.matches('`').count().is_multiple_of(2) {
        return e;
    }
    let mut out = String::with_capacity(e.len() + 16);
    for (i, part) in e.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

fn row(o: &mut String, r: &FindingRow) {
    let _ = write!(
        o,
        r#"<tr><td class="loc"><bdi>{}</bdi></td><td class="loc"><bdi>{}</bdi></td><td>{}</td><td><span class="{}">{}</span> {}</td><td class="val"><bdi>{}</bdi></td><td>{}</td></tr>"#,
        html(&location(r.file.as_deref(), r.line)),
        html(r.record_id.as_deref().unwrap_or("")),
        html(r.field.as_deref().unwrap_or("")),
        severity_class(r.severity),
        r.severity,
        rich(&r.message),
        html(r.value.as_deref().unwrap_or("")),
        rich(r.help.as_deref().unwrap_or("")),
    );
}
