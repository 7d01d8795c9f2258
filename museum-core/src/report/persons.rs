//! The report's **Persons** section, with a person registry beside the data: how many persons,
//! how many records each, and the persons whose sources disagree most.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::fmt::{html, int, md, plural};
use crate::io::Archive;
use crate::persons::{PersonStatus, Registry, merge_persons};

/// At most this many persons with conflicts are listed.
const MAX_CONFLICTS: usize = 20;

/// A person whose sources disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonConflict {
    /// The person id.
    pub person_id: String,
    /// The preferred name.
    pub name: String,
    /// Its records.
    pub records: u64,
    /// The fields whose values cannot all be true.
    pub fields: Vec<String>,
}

/// The Persons section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonsSection {
    /// Active persons.
    pub persons: u64,
    /// Retired ids kept as redirects (or retired without successor).
    pub retired: u64,
    /// Number of persons by number of records.
    pub records_per_person: BTreeMap<u64, u64>,
    /// Records of the archive the registry does not know (`museum persons` not run since).
    pub unregistered: u64,
    /// Persons with conflicting values.
    pub with_conflicts: u64,
    /// The persons with the most conflicting fields (then the most records), at most 20.
    pub largest_conflicts: Vec<PersonConflict>,
}

/// The section for `archive` and its `registry`.
pub fn section(archive: &Archive, registry: &Registry) -> PersonsSection {
    let victims: Vec<_> = archive.victims.iter().map(|l| (&l.record, false)).collect();
    let figures: Vec<_> = archive.figures.iter().map(|l| (&l.record, false)).collect();
    let claims: Vec<_> = archive.claims.iter().map(|l| l.record.clone()).collect();
    let merged = merge_persons(registry, &victims, &figures, &claims);
    let mut s = PersonsSection {
        persons: 0,
        retired: 0,
        records_per_person: BTreeMap::new(),
        unregistered: merged.unregistered.len() as u64,
        with_conflicts: 0,
        largest_conflicts: Vec::new(),
    };
    let mut conflicts = Vec::new();
    for e in &merged.entries {
        if e.status == PersonStatus::Retired {
            s.retired += 1;
            continue;
        }
        s.persons += 1;
        *s.records_per_person
            .entry(e.records.len() as u64)
            .or_default() += 1;
        if !e.conflicts.is_empty() {
            conflicts.push(PersonConflict {
                person_id: e.person_id.clone(),
                name: e.name.clone().unwrap_or_default(),
                records: e.records.len() as u64,
                fields: e.conflicts.clone(),
            });
        }
    }
    s.with_conflicts = conflicts.len() as u64;
    // Stable: persons in id order within equal counts.
    conflicts.sort_by(|a, b| {
        b.fields
            .len()
            .cmp(&a.fields.len())
            .then(b.records.cmp(&a.records))
    });
    conflicts.truncate(MAX_CONFLICTS);
    s.largest_conflicts = conflicts;
    s
}

fn sizes(s: &PersonsSection) -> String {
    s.records_per_person
        .iter()
        .map(|(k, n)| format!("{} with {}", int(*n), plural(*k, "record", "records")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The HTML section.
pub(crate) fn to_html(o: &mut String, s: &PersonsSection) {
    o.push_str(r#"<section id="persons"><h2>Persons</h2>"#);
    let _ = write!(
        o,
        "<p>{} in the person registry ({} retired and kept as redirects): {}.</p>",
        plural(s.persons, "person", "persons"),
        int(s.retired),
        html(&sizes(s))
    );
    if s.unregistered > 0 {
        let _ = write!(
            o,
            r#"<p class="note">Not in the registry yet: {} of the archive; run <code>museum persons</code>.</p>"#,
            plural(s.unregistered, "record", "records")
        );
    }
    let _ = write!(
        o,
        "<p>{} whose sources disagree (values that cannot all be true).</p>",
        plural(s.with_conflicts, "person", "persons")
    );
    if !s.largest_conflicts.is_empty() {
        o.push_str(r"<table><thead><tr><th>Person</th><th>Name</th><th>Records</th><th>Conflicting fields</th></tr></thead><tbody>");
        for c in &s.largest_conflicts {
            let _ = write!(
                o,
                r#"<tr><td class="loc">{}</td><td><bdi>{}</bdi></td><td>{}</td><td>{}</td></tr>"#,
                html(&c.person_id),
                html(&c.name),
                int(c.records),
                html(&c.fields.join(", "))
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section>\n");
}

/// The Markdown section.
pub(crate) fn to_markdown(o: &mut String, s: &PersonsSection) {
    let _ = writeln!(o, "## Persons\n");
    let _ = writeln!(
        o,
        "{} in the person registry ({} retired and kept as redirects): {}.\n",
        plural(s.persons, "person", "persons"),
        int(s.retired),
        sizes(s)
    );
    if s.unregistered > 0 {
        let _ = writeln!(
            o,
            "Not in the registry yet: {} of the archive; run `museum persons`.\n",
            plural(s.unregistered, "record", "records")
        );
    }
    let _ = writeln!(
        o,
        "{} whose sources disagree.\n",
        plural(s.with_conflicts, "person", "persons")
    );
    if !s.largest_conflicts.is_empty() {
        let _ = writeln!(
            o,
            "| Person | Name | Records | Conflicting fields |\n|---|---|---|---|"
        );
        for c in &s.largest_conflicts {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md(&c.person_id),
                md(&c.name),
                c.records,
                md(&c.fields.join(", "))
            );
        }
        o.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{CsvOptions, DatasetKind};
    use crate::persons::reconcile;

    #[test]
    fn counts_sizes_and_conflicts() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("victims.csv");
        std::fs::write(
            &p,
            "id,full_name,birth_date,birth_place\n\
             v1,Сейфуллин Сакен,1894,Акмолинский уезд\n\
             v2,Seifullin Saken,1894,Нилды\n\
             v3,Жансугуров Ильяс,1894,\n\
             v4,Майлин Беимбет,1894,\n",
        )
        .unwrap();
        let mut archive = Archive::default();
        archive
            .load_file(&p, DatasetKind::Victims, &CsvOptions::default())
            .unwrap();
        // v4 is not in the registry yet.
        let registry = reconcile(
            &Registry::default(),
            &["v1", "v2", "v3"],
            &[],
            &[0, 0, 1],
            "d",
        )
        .unwrap()
        .registry;
        let s = section(&archive, &registry);
        assert_eq!(s.persons, 2);
        assert_eq!(s.records_per_person, BTreeMap::from([(1, 1), (2, 1)]));
        assert_eq!(s.unregistered, 1);
        assert_eq!(s.with_conflicts, 1);
        assert_eq!(s.largest_conflicts[0].fields, ["birth_place"]);
        let mut md = String::new();
        to_markdown(&mut md, &s);
        assert!(
            md.contains("2 persons in the person registry (0 retired"),
            "{md}"
        );
        assert!(
            md.contains(r"| P000001 | Сейфуллин Сакен | 2 | birth\_place |"),
            "{md}"
        );
        assert!(md.contains("Not in the registry yet: 1 record of the archive"));
        let mut page = String::new();
        to_html(&mut page, &s);
        assert!(page.contains(r#"<section id="persons">"#));
    }
}
