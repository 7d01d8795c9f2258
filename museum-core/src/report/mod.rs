//! The data-quality report historians read: one self-contained HTML page (inline CSS, charts as
//! inline SVG, no script, no network), plus Markdown and JSON renderings of the same content.
//!
//! [`build`] gathers everything into a [`ReportData`] (plain serde structs): what was read, the
//! findings of validation, the statistics of [`crate::stats`], the suspected duplicates when
//! deduplication ran, and the competing estimates of events and camps with their sources.
//! [`to_html`], [`to_markdown`] and [`to_json`] render it. Everything that comes from the data
//! is escaped (see [`fmt::html`]). [`ReportJob`] runs the whole pipeline of `museum report`
//! (read and validate, [`deduplicate`], [`statistics`], [`assemble`]) in one call.
//!
//! ```
//! use museum_core::io::{Archive, CsvOptions, DatasetKind};
//! use museum_core::report::{build, to_html, Dedup, ReportOptions};
//! use museum_core::validate::{validate_archive, ValidateOptions};
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("victims.csv");
//! std::fs::write(&path, "id,full_name,arrest_date,sentence\nv1,<script>alert(1)</script>,1937-11-10,ВМН\n").unwrap();
//! let mut archive = Archive::default();
//! archive.load_file(&path, DatasetKind::Victims, &CsvOptions::default()).unwrap();
//! let findings = validate_archive(&archive, &ValidateOptions::default());
//! let data = build(&archive, &findings, &Dedup::NotRun, &ReportOptions::default(), &()).unwrap();
//! let page = to_html(&data);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("<svg"));
//! assert!(!page.contains("<script"));
//! ```

mod dedup;
mod findings;
pub mod fmt;
mod html;
mod job;
mod markdown;
pub mod persons;
mod svg;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::dedup::ModelFile;
use crate::diagnostic::Severity;
use crate::error::Result;
use crate::io::{Archive, Located};
use crate::progress::Progress;
use crate::review::ReviewStats;
use crate::stats::{self, ArchiveStats, CaseTable, StatsOptions, SubjectEstimates};
use crate::validate;

use dedup::Victims;
pub use dedup::{Dedup, Deduplicated, DuplicateCluster, deduplicate};
use findings::Findings;
pub use html::to_html;
pub use job::{ReportJob, ReportOutcome};
pub use markdown::to_markdown;

/// How the report is presented: the options of [`build`] and [`ReportJob`].
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The page title.
    pub title: String,
    /// When the report was made, as the caller wants it shown (`2026-11-26`); `None` leaves the
    /// date out, which keeps the output byte-for-byte reproducible.
    pub generated: Option<String>,
    /// How many values each distribution lists.
    pub top: usize,
    /// At most this many findings are listed (0: all). The counts always cover all findings.
    pub max_findings: usize,
    /// At most this many findings of one rule are listed (0: all).
    pub max_findings_per_rule: usize,
    /// The person registry beside the data, for the Persons section.
    pub persons: Option<crate::persons::Registry>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Archive data-quality report".to_owned(),
            generated: None,
            top: 20,
            max_findings: 2000,
            max_findings_per_rule: 200,
            persons: None,
        }
    }
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputFile {
    /// The path as given.
    pub path: String,
    /// What it holds (`victims`).
    pub kind: String,
    /// Records read from it.
    pub records: u64,
}

/// Records of each kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCounts {
    /// Victim records.
    pub victims: u64,
    /// Repression cases of the victims.
    pub cases: u64,
    /// Figures.
    pub figures: u64,
    /// Events.
    pub events: u64,
    /// Camps.
    pub camps: u64,
    /// Sources.
    pub sources: u64,
    /// Estimates.
    pub estimates: u64,
    /// Disputed facts.
    pub claims: u64,
    /// All records.
    pub total: u64,
}

/// How many findings one rule made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCount {
    /// The code (`M202`).
    pub code: String,
    /// The rule's name (`impossible-date`).
    pub name: String,
    /// Its severity.
    pub severity: Severity,
    /// What the rule checks.
    pub summary: String,
    /// How many findings.
    pub count: u64,
}

/// Findings by severity and rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationSummary {
    /// Errors.
    pub errors: u64,
    /// Warnings.
    pub warnings: u64,
    /// Infos.
    pub infos: u64,
    /// Per rule, errors first, then by code.
    pub by_rule: Vec<RuleCount>,
}

/// One finding, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingRow {
    /// The code.
    pub code: String,
    /// The rule's name.
    pub name: String,
    /// Severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The file.
    pub file: Option<String>,
    /// 1-based line where the record starts.
    pub line: Option<u64>,
    /// The record id.
    pub record_id: Option<String>,
    /// The field.
    pub field: Option<String>,
    /// The value as written.
    pub value: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

/// The listed findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingsList {
    /// All findings.
    pub total: u64,
    /// Listed here (the rest are counted in the summary; `museum validate` lists all).
    pub shown: u64,
    /// The listed findings: errors first, then warnings, then infos; by rule, then file and
    /// line.
    pub rows: Vec<FindingRow>,
}

/// A record of a duplicate cluster, with what identifies it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterMember {
    /// The record id.
    pub record_id: String,
    /// The name as written; `None` when the id is not among the victims read.
    pub name: Option<String>,
    /// Birth date as written.
    pub birth: Option<String>,
    /// First arrest date as written.
    pub arrest: Option<String>,
    /// Where the record is.
    pub file: Option<String>,
    /// Its line.
    pub line: Option<u64>,
}

/// A duplicate cluster as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    /// The cluster id.
    pub id: String,
    /// Score 0–1.
    pub score: Option<f64>,
    /// Why these records are thought to be one person.
    pub evidence: Vec<String>,
    /// The records.
    pub members: Vec<ClusterMember>,
}

/// The deduplication part of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupSection {
    /// `not_run`, `skipped` or `done`.
    pub status: String,
    /// Persons after deduplication, when it ran.
    pub persons: Option<u64>,
    /// Clusters with two or more records (at most 500 listed; see `clusters_total`).
    pub clusters: Vec<ClusterView>,
    /// All such clusters.
    pub clusters_total: u64,
    /// How far the human review has come: pairs decided, uncertain pairs remaining (the counts
    /// of `museum review --stats`; `listed` is 0). Absent when deduplication did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewStats>,
    /// The model the matching learned from the list: per field and agreement level, m, u and
    /// the weight (the shape of `museum dedup --save-model`). Absent when deduplication did not
    /// run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelFile>,
}

/// Everything the report shows, as plain data (this is also the `--format json` document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    /// Title.
    pub title: String,
    /// When it was made, as given by the caller.
    pub generated: Option<String>,
    /// The tool and version that made it.
    pub tool: String,
    /// The files read.
    pub inputs: Vec<InputFile>,
    /// Records per kind.
    pub counts: RecordCounts,
    /// Findings per severity and rule.
    pub validation: ValidationSummary,
    /// The findings listed.
    pub findings: FindingsList,
    /// Statistics of the victims.
    pub stats: ArchiveStats,
    /// Deduplication.
    pub dedup: DedupSection,
    /// Competing estimates of events and camps.
    pub estimates: Vec<SubjectEstimates>,
    /// Camp names by id (for labels), from `camps.csv`.
    pub camp_names: BTreeMap<String, String>,
    /// Persons, with a person registry beside the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<persons::PersonsSection>,
}

/// Gathers the report of an archive and its validation.
///
/// Equivalent to [`statistics`] followed by [`assemble`]; call those two yourself to compute
/// the statistics while validation runs on another thread.
///
/// # Errors
/// When the statistics cannot be computed (a polars failure).
pub fn build(
    archive: &Archive,
    validation: &validate::Report,
    dedup: &Dedup,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> Result<ReportData> {
    let stats = statistics(archive, dedup, options, progress)?;
    Ok(assemble(
        archive, validation, stats, dedup, options, progress,
    ))
}

/// The statistics part of the report (the slow part on large archives, with reading).
///
/// # Errors
/// When the statistics cannot be computed (a polars failure).
pub fn statistics(
    archive: &Archive,
    dedup: &Dedup,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> Result<ArchiveStats> {
    let table = CaseTable::build(archive.victims.iter().map(|l| &l.record), progress)?;
    progress.stage("summarizing", None);
    let members: Option<Vec<&[String]>> = dedup
        .clusters()
        .map(|c| c.iter().map(|c| c.members.as_slice()).collect());
    table.summary(&StatsOptions { top: options.top }, members.as_deref())
}

/// Puts the report together from the archive, its validation and its [`statistics`].
pub fn assemble(
    archive: &Archive,
    validation: &validate::Report,
    stats: ArchiveStats,
    dedup: &Dedup,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> ReportData {
    assemble_with(
        archive,
        Victims::Records(&archive.victims),
        &Findings::of(validation, options),
        stats,
        dedup,
        options,
        progress,
    )
}

/// [`assemble`] with the victims as the report holds them (the typed records, or what the job
/// [`dedup::Held`] of each when it did not keep them).
fn assemble_with(
    archive: &Archive,
    victims: Victims<'_>,
    findings: &Findings,
    stats: ArchiveStats,
    dedup: &Dedup,
    options: &ReportOptions,
    progress: &dyn Progress,
) -> ReportData {
    progress.stage("gathering findings", None);
    let dedup = dedup::dedup_section(archive, victims, dedup, &stats);
    ReportData {
        title: options.title.clone(),
        generated: options.generated.clone(),
        tool: format!("museum {}", env!("CARGO_PKG_VERSION")),
        inputs: inputs(archive, victims),
        counts: RecordCounts {
            victims: victims.len() as u64,
            cases: stats.cases,
            figures: archive.figures.len() as u64,
            events: archive.events.len() as u64,
            camps: archive.camps.len() as u64,
            sources: archive.sources.len() as u64,
            estimates: archive.estimates.len() as u64,
            claims: archive.claims.len() as u64,
            total: (archive.len() - archive.victims.len() + victims.len()) as u64,
        },
        validation: findings.summary(),
        findings: findings.list(),
        stats,
        dedup,
        estimates: stats::estimates(
            archive.events.iter().map(|l| &l.record),
            archive.camps.iter().map(|l| &l.record),
            archive.sources.iter().map(|l| &l.record),
        ),
        camp_names: archive
            .camps
            .iter()
            .map(|c| (c.record.id.clone(), c.record.name_en.clone()))
            .collect(),
        // The person registry's section needs the whole victims: a job that takes them out of
        // the archive keeps them when there is a registry.
        persons: match victims {
            Victims::Records(_) => options
                .persons
                .as_ref()
                .map(|r| persons::section(archive, r)),
            Victims::Held(_) => None,
        },
    }
}

/// The report as pretty JSON (the [`ReportData`] document).
///
/// # Errors
/// Never in practice (the data is plain serde structs).
pub fn to_json(data: &ReportData) -> Result<String> {
    let mut s = serde_json::to_string_pretty(data).map_err(crate::ErrorKind::Serialize)?;
    s.push('\n');
    Ok(s)
}

fn inputs(archive: &Archive, victims: Victims<'_>) -> Vec<InputFile> {
    let mut per_file: HashMap<&str, u64> = HashMap::new();
    fn count<'a, T>(list: &'a [Located<T>], into: &mut HashMap<&'a str, u64>) {
        for r in list {
            if let Some(f) = r.location.file.as_deref() {
                *into.entry(f).or_insert(0) += 1;
            }
        }
    }
    count(&archive.sources, &mut per_file);
    count(&archive.figures, &mut per_file);
    count(&archive.events, &mut per_file);
    count(&archive.camps, &mut per_file);
    for (f, n) in victims.file_counts() {
        if let Some(f) = f {
            *per_file.entry(f).or_insert(0) += n;
        }
    }
    count(&archive.estimates, &mut per_file);
    count(&archive.claims, &mut per_file);
    archive
        .files
        .iter()
        .map(|(p, k)| {
            let path = p.display().to_string();
            InputFile {
                records: per_file.get(path.as_str()).copied().unwrap_or(0),
                path,
                kind: k.as_str().to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::DedupOptions;
    use crate::io::{CsvOptions, DatasetKind};
    use crate::validate::{ValidateOptions, validate_archive};

    fn fixture_archive() -> Archive {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/stats");
        let mut a = Archive::default();
        a.load_file(
            &dir.join("victims.csv"),
            DatasetKind::Victims,
            &CsvOptions::default(),
        )
        .unwrap();
        a.attach();
        a
    }

    #[test]
    fn an_empty_archive_renders_without_charts() {
        let archive = Archive::default();
        let v = validate_archive(&archive, &ValidateOptions::default());
        let data = build(&archive, &v, &Dedup::NotRun, &ReportOptions::default(), &()).unwrap();
        let html = to_html(&data);
        assert!(html.contains("No data."));
        assert!(!html.contains("<svg"));
        assert!(html.contains("No findings"));
        assert!(to_markdown(&data).contains("No dated arrests"));
        assert!(to_json(&data).unwrap().contains("\"persons\": 0"));
    }

    #[test]
    fn clusters_show_their_records_and_evidence() {
        let archive = fixture_archive();
        let v = validate_archive(&archive, &ValidateOptions::default());
        let mut evidence = BTreeMap::new();
        evidence.insert(
            "c1".to_owned(),
            vec!["surname: Жургенов ~ <Жүргенов> (0.94)".to_owned()],
        );
        let pairs = [
            ("v01".to_owned(), "c1".to_owned()),
            ("v03".to_owned(), "c1".to_owned()),
            ("v02".to_owned(), "c2".to_owned()),
            ("v99".to_owned(), "c1".to_owned()),
        ];
        let dedup = Dedup::from_pairs(&pairs, &evidence);
        let data = build(&archive, &v, &dedup, &ReportOptions::default(), &()).unwrap();
        assert_eq!(data.dedup.status, "done");
        assert_eq!(data.dedup.clusters_total, 1, "c2 has one record");
        // v01 and v03 are one person; v99 is not among the records.
        assert_eq!(data.dedup.persons, Some(9));
        let c = &data.dedup.clusters[0];
        assert_eq!(
            c.members[0].name.as_deref(),
            Some("Жургенов Темирбек Караевич")
        );
        assert_eq!(c.members[0].line, Some(2));
        assert_eq!(c.members[2].name, None);
        let html = to_html(&data);
        assert!(html.contains("surname: Жургенов ~ &lt;Жүргенов&gt; (0.94)"));
        assert!(html.contains("not among the records read"));
        assert!(html.contains("a duplicate rate of 10.0%"));
        // The JSON document reads back into the same data (frontends can consume it).
        let back: ReportData = serde_json::from_str(&to_json(&data).unwrap()).unwrap();
        assert_eq!(back, data);
        let md = to_markdown(&data);
        assert!(md.contains("| Persons after deduplication | 9 |"), "{md}");
        assert!(
            md.contains("  - surname: Жургенов \\~ &lt;Жүргенов&gt; (0.94)"),
            "{md}"
        );
    }

    #[test]
    fn figure_members_of_a_cluster_are_named() {
        // The same man as a portrait figure and as a victim record: the report's cluster shows
        // both with their names (figures used to appear nameless).
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("figures.csv"),
            "id,name_kk,name_ru,name_en,birth_date,source_ids\n\
             fig-zhurgenov,Жүргенов Темірбек Қараұлы,Жургенов Темирбек Караевич,Temirbek Zhurgenov,1898-11-09,src-1\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("victims.csv"),
            "id,surname,given_name,patronymic,birth_date,arrest_date,source_ids\n\
             v01,Жургенов,Темирбек,Караевич,1898,1937-08-02,src-1\n",
        )
        .unwrap();
        let mut archive = Archive::default();
        for (file, kind) in [
            ("figures.csv", DatasetKind::Figures),
            ("victims.csv", DatasetKind::Victims),
        ] {
            archive
                .load_file(&dir.path().join(file), kind, &CsvOptions::default())
                .unwrap();
        }
        archive.attach();
        let v = validate_archive(&archive, &ValidateOptions::default());
        let pairs = [
            ("v01".to_owned(), "c1".to_owned()),
            ("fig-zhurgenov".to_owned(), "c1".to_owned()),
        ];
        let dedup = Dedup::from_pairs(&pairs, &BTreeMap::new());
        let data = build(&archive, &v, &dedup, &ReportOptions::default(), &()).unwrap();
        let members = &data.dedup.clusters[0].members;
        assert_eq!(
            members[0].name.as_deref(),
            Some("Жургенов Темирбек Караевич")
        );
        assert_eq!(members[0].arrest.as_deref(), Some("1937-08-02"));
        assert_eq!(members[1].record_id, "fig-zhurgenov");
        assert_eq!(
            members[1].name.as_deref(),
            Some("Жүргенов Темірбек Қараұлы")
        );
        assert_eq!(members[1].birth.as_deref(), Some("1898-11-09"));
        assert_eq!(members[1].line, Some(2));
        assert!(members[1].file.as_deref().unwrap().ends_with("figures.csv"));
    }

    #[test]
    fn the_duplicates_section_draws_the_model_with_every_level() {
        let archive = fixture_archive();
        let v = validate_archive(&archive, &ValidateOptions::default());
        let found = deduplicate(&archive, &[], DedupOptions::default());
        let data = build(&archive, &v, &found, &ReportOptions::default(), &()).unwrap();
        let model = data
            .dedup
            .model
            .as_ref()
            .expect("the model in the report data");
        let html = to_html(&data);
        let section = &html[html.find(r#"<section id="duplicates">"#).unwrap()..];
        let section = &section[..section.find("</section>").unwrap()];
        assert!(section.contains("What drives matching"), "{section}");
        assert!(section.contains("<svg"), "{section}");
        // Every field heads its levels, and every level has a bar with its m, u and weight.
        for f in crate::dedup::Field::ALL {
            assert!(
                section.contains(&format!(">{}</text>", f.as_str().replace('_', " "))),
                "{f:?}"
            );
        }
        let bars = section.matches("<g><title>").count();
        let levels: usize = model.fields.iter().map(|f| f.levels.len()).sum();
        assert_eq!(bars, levels);
        let same = &model.fields[0].levels.last().unwrap();
        assert_eq!(same.level, "same");
        assert!(section.contains(&format!("surname: same: weight {:+.2} · m", same.weight)));
        // Agreement argues for a match, disagreement against.
        assert!(section.contains("bar-agree") && section.contains("bar-disagree"));
        // The JSON report carries the model too.
        assert!(to_json(&data).unwrap().contains("\"model\": {"));
    }

    #[test]
    fn findings_are_capped_per_rule_and_in_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("victims.csv");
        let mut csv = String::from("id,surname,birth_date,sex,source_text\n");
        for i in 0..50 {
            csv.push_str(&format!("v{i},A,1900-13-01,zz,synthetic test list\n"));
        }
        std::fs::write(&path, csv).unwrap();
        let mut archive = Archive::default();
        archive
            .load_file(&path, DatasetKind::Victims, &CsvOptions::default())
            .unwrap();
        let v = validate_archive(&archive, &ValidateOptions::default());
        let options = ReportOptions {
            max_findings: 30,
            max_findings_per_rule: 20,
            ..ReportOptions::default()
        };
        let data = build(&archive, &v, &Dedup::NotRun, &options, &()).unwrap();
        assert_eq!(data.findings.total, 100);
        assert_eq!(data.findings.shown, 30);
        // Errors (impossible dates) first, then warnings (unknown sex).
        assert_eq!(data.findings.rows[0].code, "M202");
        assert_eq!(data.findings.rows[19].code, "M202");
        assert_eq!(data.findings.rows[20].code, "M203");
        assert!(to_html(&data).contains("20 of 50 listed"));
    }
}
