//! What the report keeps of validation's findings: the counts (per severity, per rule, with the
//! highest severity each rule gave) and the findings it lists, taken one finding at a time in
//! validation's order. A million-record list has hundreds of thousands of findings; the report
//! lists a few thousand, so it holds those and counts the rest instead of holding them all.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::{FindingRow, FindingsList, ReportOptions, RuleCount, ValidationSummary};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::validate;

/// The findings of a run as the report shows them, gathered one finding at a time
/// ([`Findings::push`], in validation's order) or from a whole [`validate::Report`].
#[derive(Debug)]
pub(crate) struct Findings {
    /// At most this many are listed.
    max_all: usize,
    /// At most this many of one rule are listed.
    max_rule: usize,
    /// Errors, warnings, infos.
    counts: [u64; 3],
    /// Per rule: how many, and the highest severity seen.
    by_code: BTreeMap<Code, (u64, Severity)>,
    /// The first findings of each severity and rule, in validation's order: all the listing
    /// can show (it takes at most `max_rule` of a rule, `max_all` in all).
    first: BTreeMap<(Reverse<Severity>, Code), Vec<FindingRow>>,
}

impl Findings {
    /// Nothing seen yet; the listing limits come from `options` (0: no limit).
    pub(crate) fn new(options: &ReportOptions) -> Findings {
        let limit = |n: usize| if n == 0 { usize::MAX } else { n };
        Findings {
            max_all: limit(options.max_findings),
            max_rule: limit(options.max_findings_per_rule),
            counts: [0; 3],
            by_code: BTreeMap::new(),
            first: BTreeMap::new(),
        }
    }

    /// The findings of a whole report.
    pub(crate) fn of(report: &validate::Report, options: &ReportOptions) -> Findings {
        let mut f = Findings::new(options);
        for d in &report.findings {
            f.push(d);
        }
        f
    }

    /// Takes the next finding (in validation's order).
    pub(crate) fn push(&mut self, d: &Diagnostic) {
        self.counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
        let rule = self.by_code.entry(d.code).or_insert((0, d.severity));
        rule.0 += 1;
        rule.1 = rule.1.max(d.severity);
        let rows = self.first.entry((Reverse(d.severity), d.code)).or_default();
        if rows.len() < self.max_rule.min(self.max_all) {
            rows.push(FindingRow {
                code: d.code.id().to_owned(),
                name: d.code.name().to_owned(),
                severity: d.severity,
                message: d.message.clone(),
                file: d.location.file.as_deref().map(str::to_owned),
                line: d.location.line,
                record_id: d.location.record_id.clone(),
                field: d.location.field.as_deref().map(str::to_owned),
                value: d.value.clone(),
                help: d.help.clone(),
            });
        }
    }

    /// The counts: per severity, and per rule (errors first, then by code) with the highest
    /// severity the rule's findings carry.
    pub(crate) fn summary(&self) -> ValidationSummary {
        let mut by_rule: Vec<RuleCount> = self
            .by_code
            .iter()
            .map(|(code, (n, severity))| RuleCount {
                code: code.id().to_owned(),
                name: code.name().to_owned(),
                severity: *severity,
                summary: code.summary().to_owned(),
                count: *n,
            })
            .collect();
        by_rule.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.code.cmp(&b.code))
        });
        let [errors, warnings, infos] = self.counts;
        ValidationSummary {
            errors,
            warnings,
            infos,
            by_rule,
        }
    }

    /// The listed findings: errors first, then warnings, then infos; by rule, then in
    /// validation's order (file, line, field); at most `max_rule` of a rule (whatever their
    /// severity) and `max_all` in all.
    pub(crate) fn list(&self) -> FindingsList {
        let mut per_rule: BTreeMap<Code, usize> = BTreeMap::new();
        let mut rows = Vec::new();
        'groups: for ((_, code), first) in &self.first {
            let n = per_rule.entry(*code).or_insert(0);
            for row in first {
                if rows.len() >= self.max_all {
                    break 'groups;
                }
                if *n >= self.max_rule {
                    break;
                }
                *n += 1;
                rows.push(row.clone());
            }
        }
        FindingsList {
            total: self.counts.iter().sum(),
            shown: rows.len() as u64,
            rows,
        }
    }
}
