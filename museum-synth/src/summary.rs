//! `SYNTHETIC.md`: what a synthetic archive is, its parameters and its counts.

use super::lists::LISTS;
use super::noise::Noise;
use super::{DefectKind, MultiSource, SynthOptions, SynthSummary, multi};

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        return "0.0%".to_owned();
    }
    let p = n as f64 * 100.0 / of as f64;
    format!("{p:.1}%")
}

/// The text of `SYNTHETIC.md`: what the data is (synthetic, not real people), the parameters,
/// and the counts.
pub fn markdown(s: &SynthSummary, options: &SynthOptions) -> String {
    use std::fmt::Write as _;
    let mut m = String::new();
    let _ = writeln!(m, "# Synthetic archive — not real people\n");
    let _ = writeln!(
        m,
        "Every record in this directory was **generated** by `museum synth` (museum-core {}). \
         The persons never existed: names, dates and places are drawn at random from pools of \
         names and places typical of Kazakhstan in the 1920s–1950s, so a record may by chance \
         carry the name of a real person. Do not cite, publish or merge these records as \
         archival data. Every record's source (`source_ids`) is a source of kind `synthetic` \
         in `sources.csv`.\n",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(m, "## Parameters\n");
    let _ = writeln!(m, "| parameter | value |\n|---|---|");
    let _ = writeln!(m, "| records (`--victims`) | {} |", options.victims);
    let _ = writeln!(m, "| seed (`--seed`) | {} |", options.seed);
    let _ = writeln!(
        m,
        "| duplicated persons (`--duplicates`) | {} |",
        options.duplicates
    );
    let _ = writeln!(m, "| defect rate (`--defects`) | {} |", options.defects);
    let _ = writeln!(
        m,
        "| camps and events (`--with-archive`) | {} |",
        options.with_archive
    );
    if let Some(ms) = &options.multi_source {
        let _ = writeln!(
            m,
            "| sources per person (`--sources-per-person`) | {}-{} |\n\
             | missing fields (`--missing`) | {} |\n\
             | field-level noise (`--noise`) | {} |",
            ms.min_sources, ms.max_sources, ms.missing, ms.noise
        );
    }
    let _ = writeln!(
        m,
        "\nThe same parameters give byte-identical files with the same version of museum.\n"
    );
    let _ = writeln!(
        m,
        "Command: `museum synth --victims {} --seed {} --duplicates {} --defects {}{}{} --out DIR`\n",
        options.victims,
        options.seed,
        options.duplicates,
        options.defects,
        if options.with_archive {
            " --with-archive"
        } else {
            ""
        },
        options.multi_source.map_or(String::new(), |ms| format!(
            " --sources-per-person {}-{} --missing {} --noise {}",
            ms.min_sources, ms.max_sources, ms.missing, ms.noise
        ))
    );
    if options.multi_source.is_some() {
        let _ = writeln!(
            m,
            "**Multi-source mode.** Every person appears in several records, each from a \
             different one of {} simulated lists; the lists write names in the styles below and \
             dates in their own formats (also `10/11/1937`, `10-11-1937`, `1937.11.10`, \
             `10 November 1937`, `November 10, 1937`, `10 Nov 1937`, `1937 жылғы 10 қараша`). \
             In every record, each optional field (given name at a third of the rate, patronymic, \
             sex, birth date and place, nationality, occupation, residence, death, arrest and \
             sentence dates, arresting and sentencing bodies, charge) is left empty with \
             probability `--missing`, on top of the omissions of the list styles; and with \
             probability `--noise` each: a typo or another transliteration of the surname, a typo, \
             another transliteration or the initial of the given name, the patronymic dropped or \
             cut to its initial, the birth date off by a day, a month or a year; with a quarter \
             of it surname and given name swapped, with half of it a typo in the birth place. \
             The `ms_*` rows of the noise table count them. `--duplicates` is not used.\n",
            MultiSource::SOURCES
        );
    }
    let _ = writeln!(m, "## Files\n");
    let _ = writeln!(
        m,
        "- `victims.csv` — the records, canonical columns (one row per repression case; a \
         record with two cases has two rows with the same `id` and `case` 1 and 2).\n\
         - `truth.csv` — `record_id,person_id`: records with the same `person_id` are the same \
         person. Record ids (`syn-0000001`…) follow a shuffled order and say nothing about \
         persons.\n\
         - `relations.csv` — `person_a,person_b,relation`: different persons who are related \
         (`father_son`, `brothers`, `spouses`) or `namesakes`: hard negatives for deduplication.\n\
         - `defects.csv` — `record_id,field,defect,value`: every planted invalid value (empty \
         without `--defects`).\n\
         - `sources.csv` — the generator and the simulated source lists, all of kind \
         `synthetic`.{}\n",
        if options.with_archive {
            "\n- `camps.csv`, `events.csv` — the camps the records refer to and the waves of \
             repression the dates are drawn from, written by the generator for reference \
             checks (not curated records)."
        } else {
            ""
        }
    );
    let _ = writeln!(m, "## Counts\n");
    let _ = writeln!(m, "| | count |\n|---|---|");
    let _ = writeln!(m, "| records | {} |", s.records);
    let _ = writeln!(m, "| CSV rows | {} |", s.rows);
    let _ = writeln!(m, "| persons | {} |", s.persons);
    let _ = writeln!(
        m,
        "| persons with {} records | {} ({}) |",
        if options.multi_source.is_some() {
            "2 or more"
        } else {
            "2–4"
        },
        s.persons_with_duplicates,
        pct(s.persons_with_duplicates, s.persons)
    );
    let _ = writeln!(
        m,
        "| duplicate pairs (same person) | {} |",
        s.duplicate_pairs
    );
    let _ = writeln!(
        m,
        "| namesake groups (different persons, same full name, birth years within ±2) | {} ({} persons) |",
        s.namesake_groups, s.namesake_persons
    );
    let _ = writeln!(m, "| father–son pairs | {} |", s.father_son_pairs);
    let _ = writeln!(m, "| groups of brothers | {} |", s.brother_groups);
    let _ = writeln!(m, "| married couples | {} |", s.spouse_pairs);
    let _ = writeln!(m, "| planted defects | {} |", s.defect_count());
    let _ = writeln!(m, "\n### Records per person\n");
    let _ = writeln!(m, "| records | persons |\n|---|---|");
    for (k, n) in &s.cluster_sizes {
        let _ = writeln!(m, "| {k} | {n} |");
    }
    let _ = writeln!(m, "\n### Script of the full name\n");
    let _ = writeln!(m, "| script | records | share |\n|---|---|---|");
    for (k, n) in &s.scripts {
        let _ = writeln!(m, "| {k} | {n} | {} |", pct(*n, s.records));
    }
    let _ = writeln!(m, "\n### Nationality (true, by record)\n");
    let _ = writeln!(m, "| nationality | records | share |\n|---|---|---|");
    let mut nat: Vec<_> = s.nationalities.iter().collect();
    nat.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (k, n) in nat {
        let _ = writeln!(m, "| {k} | {n} | {} |", pct(*n, s.records));
    }
    let _ = writeln!(
        m,
        "\nSex (true, by record): {} men, {} women ({}).\n",
        s.male_records,
        s.female_records,
        pct(s.female_records, s.records)
    );
    let _ = writeln!(m, "### Simulated source lists\n");
    let _ = writeln!(m, "| source | records | what it imitates |\n|---|---|---|");
    if options.multi_source.is_some() {
        for (i, id) in multi::source_ids().enumerate() {
            let _ = writeln!(
                m,
                "| `{id}` | {} | {} |",
                s.lists.get(id).copied().unwrap_or(0),
                multi::describe(i).2
            );
        }
    } else {
        for l in LISTS {
            let _ = writeln!(
                m,
                "| `{}` | {} | {} |",
                l.id,
                s.lists.get(l.id).copied().unwrap_or(0),
                l.notes
            );
        }
    }
    let _ = writeln!(
        m,
        "\nCopies of one person always come from different lists.\n"
    );
    let _ = writeln!(
        m,
        "### Noise (records carrying each kind; any record, duplicated or not)\n"
    );
    let _ = writeln!(m, "| noise | records | share |\n|---|---|---|");
    for n in Noise::ALL {
        let c = s.noise.get(n.as_str()).copied().unwrap_or(0);
        let _ = writeln!(m, "| {} | {c} | {} |", n.as_str(), pct(c, s.records));
    }
    if options.multi_source.is_some() {
        for n in multi::MsNoise::ALL {
            let c = s.noise.get(n.as_str()).copied().unwrap_or(0);
            let _ = writeln!(m, "| {} | {c} | {} |", n.as_str(), pct(c, s.records));
        }
    }
    let _ = writeln!(m, "\n### Planted defects\n");
    if s.defects.is_empty() {
        let _ = writeln!(
            m,
            "None: without `--defects` no record has an impossible date, broken chronology, \
             implausible age, control character, duplicate id, unknown sex value or malformed \
             charge.\n"
        );
    } else {
        let _ = writeln!(m, "| defect | count |\n|---|---|");
        for k in DefectKind::ALL {
            let c = s.defects.get(k.as_str()).copied().unwrap_or(0);
            let _ = writeln!(m, "| {} | {c} |", k.as_str());
        }
        let _ = writeln!(m);
    }
    let _ = writeln!(m, "### Date spellings\n");
    let _ = writeln!(
        m,
        "Used: {}.",
        s.date_spellings
            .iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !s.date_spellings_replaced.is_empty() {
        let _ = writeln!(
            m,
            "\nNot read by this build's date parser, so written in ISO instead: {}.",
            s.date_spellings_replaced
                .iter()
                .map(|d| format!("`{d}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    m
}
