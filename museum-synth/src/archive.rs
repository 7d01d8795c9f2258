//! The files of a synthetic archive: the directory writer and the fixed sources, camps and
//! events it writes beside the victims.

use std::collections::BTreeMap;
use std::path::Path;

use super::lists::LISTS;
use super::{
    GENERATOR_SOURCE_ID, MultiSource, Synth, SynthOptions, SynthSummary, markdown, multi, pools,
};
use museum_core::error::{Error, Result};
use museum_core::model::{Camp, Event, HistoricalDate, Place, Source, SourceKind};

/// The files [`generate_dir`] writes.
pub const FILES: &[&str] = &[
    "victims.csv",
    "truth.csv",
    "defects.csv",
    "relations.csv",
    "sources.csv",
    "SYNTHETIC.md",
];

/// Generates a synthetic archive into `dir` (created if needed): `victims.csv`, `truth.csv`,
/// `defects.csv`, `relations.csv`, `sources.csv`, `SYNTHETIC.md`, and with
/// [`SynthOptions::with_archive`] `camps.csv` and `events.csv`. Every file is written
/// atomically.
///
/// Refuses a directory holding datasets without a `SYNTHETIC.md`: real data is never
/// overwritten by synthetic data.
///
/// # Errors
/// Invalid options, a directory with real datasets, or a write failure.
pub fn generate_dir(options: &SynthOptions, dir: &Path) -> Result<SynthSummary> {
    let synth = Synth::new(options)?;
    // An interrupted run removes the directory again when it created it and nothing is in it.
    let _created = museum_core::fsutil::create_dir_all_registered(dir)?;
    let marker = dir.join("SYNTHETIC.md");
    if !marker.exists() {
        for name in [
            "victims.csv",
            "sources.csv",
            "camps.csv",
            "events.csv",
            "figures.csv",
        ] {
            if dir.join(name).exists() {
                return Err(Error::invalid_option(format!(
                    "`{}` already holds `{name}` and no `SYNTHETIC.md`: synthetic data never \
                     overwrites other datasets; choose a new or empty directory",
                    dir.display()
                )));
            }
        }
    }
    let relations = synth.relations();
    let mut registered = Vec::new();
    let mut tmp = |name: &str| -> Result<tempfile::NamedTempFile> {
        let t = tempfile::Builder::new()
            .prefix(".museum-synth-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io("create a temporary file in", dir.join(name), e))?;
        registered.push(museum_core::fsutil::register_temporary(
            t.path(),
            museum_core::fsutil::TempKind::File,
        )?);
        Ok(t)
    };
    let (mut tv, mut tt, mut td) = (tmp("victims.csv")?, tmp("truth.csv")?, tmp("defects.csv")?);
    let summary = {
        let bv = std::io::BufWriter::with_capacity(1 << 20, tv.as_file_mut());
        let bt = std::io::BufWriter::with_capacity(1 << 16, tt.as_file_mut());
        let bd = std::io::BufWriter::new(td.as_file_mut());
        synth
            .write_csv(bv, bt, bd)
            .map_err(|e| Error::io("write", dir.join("victims.csv"), e))?
    };
    let files = [(tv, "victims.csv"), (tt, "truth.csv"), (td, "defects.csv")];
    for (t, name) in &files {
        let path = dir.join(name);
        t.as_file()
            .sync_all()
            .map_err(|e| Error::io("sync", &path, e))?;
        // `tempfile` creates files readable only by their owner.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            t.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(|e| Error::io("set permissions of", &path, e))?;
        }
    }
    // The three files go into place together, or (interrupted) none of them.
    museum_core::fsutil::commit(|| -> Result<()> {
        for (t, name) in files {
            let path = dir.join(name);
            t.persist(&path)
                .map_err(|e| Error::io("rename into", &path, e.error))?;
        }
        Ok(())
    })??;
    drop(registered);
    museum_core::fsutil::write_atomic(&dir.join("relations.csv"), |w| {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(["person_a", "person_b", "relation"])?;
        for r in &relations {
            c.write_record([r.person_a.as_str(), r.person_b.as_str(), r.relation])?;
        }
        c.flush()
    })?;
    museum_core::io::write_csv_file(&sources_for(options), &dir.join("sources.csv"))?;
    let archive_files = [dir.join("camps.csv"), dir.join("events.csv")];
    if options.with_archive {
        museum_core::io::write_csv_file(&camps(), &archive_files[0])?;
        museum_core::io::write_csv_file(&events(), &archive_files[1])?;
    } else {
        // Left over from an earlier run with `with_archive` in this synthetic directory.
        for f in &archive_files {
            if f.exists() {
                std::fs::remove_file(f).map_err(|e| Error::io("remove", f, e))?;
            }
        }
    }
    museum_core::fsutil::write_bytes_atomic(&marker, markdown(&summary, options).as_bytes())?;
    Ok(summary)
}

/// The sources of a synthetic archive: the generator and the simulated lists, all of kind
/// `synthetic`.
pub fn sources() -> Vec<Source> {
    sources_for(&SynthOptions::default())
}

/// The sources of a synthetic archive made with `options`: in the multi-source mode, the
/// generator and the mode's lists.
pub fn sources_for(options: &SynthOptions) -> Vec<Source> {
    let base = |id: &str, title: &str, language: &str, notes: &str| Source {
        id: id.to_owned(),
        kind: SourceKind::Synthetic,
        title: title.to_owned(),
        author: Some("museum synth".to_owned()),
        publisher: None,
        published: None,
        volume: None,
        pages: None,
        archive_ref: None,
        url: None,
        accessed: None,
        language: Some(language.to_owned()),
        notes: Some(notes.to_owned()),
        extra: BTreeMap::new(),
    };
    let mut out = vec![base(
        GENERATOR_SOURCE_ID,
        "museum synth — synthetic archive generator (not real people)",
        "en",
        "Generated data for tests and benchmarks. No record describes a real person; any \
         resemblance of a name to a real person is a coincidence of common names.",
    )];
    if options.multi_source.is_some() {
        out.extend(
            (0..MultiSource::SOURCES)
                .zip(multi::source_ids())
                .map(|(s, id)| {
                    let (title, language, notes) = multi::describe(s);
                    base(id, &title, language, &notes)
                }),
        );
    } else {
        out.extend(
            LISTS
                .iter()
                .map(|l| base(l.id, l.title, l.language, l.notes)),
        );
    }
    out
}

/// The camps the synthetic records refer to, labelled as written by the generator.
pub fn camps() -> Vec<Camp> {
    pools::CAMPS
        .iter()
        .map(|c| Camp {
            id: c.id.to_owned(),
            name_official: c.ru.to_owned(),
            name_en: c.en.to_owned(),
            name_kk: c.kk.map(str::to_owned),
            aliases: c.aliases.iter().map(|s| (*s).to_owned()).collect(),
            camp_type: c.camp_type.to_owned(),
            parent: None,
            location: Some(Place {
                name: c.location.to_owned(),
                coordinates: None,
            }),
            opened: HistoricalDate::parse(c.opened).ok(),
            closed: HistoricalDate::parse(c.closed).ok(),
            source_ids: vec![GENERATOR_SOURCE_ID.to_owned()],
            notes: Some(
                "Written by `museum synth` for a synthetic archive: a summary for reference \
                 checks, not a curated record."
                    .to_owned(),
            ),
            estimates: Vec::new(),
            claims: Vec::new(),
            extra: BTreeMap::new(),
        })
        .collect()
}

/// The waves the synthetic arrest and deportation dates are drawn from, as events labelled as
/// written by the generator.
pub fn events() -> Vec<Event> {
    let ev = |id: &str, kk: &str, ru: &str, en: &str, cat: &str, start: &str, end: &str| Event {
        id: id.to_owned(),
        name_kk: kk.to_owned(),
        name_ru: ru.to_owned(),
        name_en: en.to_owned(),
        category: cat.to_owned(),
        start_date: HistoricalDate::parse(start).ok(),
        end_date: HistoricalDate::parse(end).ok(),
        places: vec!["Kazakhstan".to_owned()],
        description: None,
        museum_topic: false,
        figure_ids: Vec::new(),
        camp_ids: Vec::new(),
        source_ids: vec![GENERATOR_SOURCE_ID.to_owned()],
        notes: Some(
            "Written by `museum synth`: a wave the synthetic records are drawn from, not a \
             curated record."
                .to_owned(),
        ),
        estimates: Vec::new(),
        claims: Vec::new(),
        extra: BTreeMap::new(),
    };
    vec![
        ev(
            "evt-syn-confiscation-1928",
            "Байлардың мал-мүлкін тәркілеу",
            "Конфискация байских хозяйств",
            "Confiscation of bai households",
            "policy",
            "1928-08-27",
            "1929",
        ),
        ev(
            "evt-syn-collectivisation",
            "Ұжымдастыру",
            "Коллективизация и раскулачивание",
            "Collectivisation and dekulakisation",
            "policy",
            "1930",
            "1931",
        ),
        ev(
            "evt-syn-mass-terror",
            "1937–1938 жылдардағы жаппай қуғын-сүргін",
            "Массовые репрессии 1937–1938 гг.",
            "Mass terror of 1937–1938",
            "mass_terror",
            "1937-08-05",
            "1938-11-17",
        ),
        ev(
            "evt-syn-deportation-poles",
            "Поляктарды жер аудару",
            "Депортация поляков",
            "Deportation of Poles",
            "policy",
            "1936-05",
            "1936-09",
        ),
        ev(
            "evt-syn-deportation-koreans",
            "Кәрістерді жер аудару",
            "Депортация корейцев",
            "Deportation of Koreans",
            "policy",
            "1937-09",
            "1937-10",
        ),
        ev(
            "evt-syn-deportation-germans",
            "Немістерді жер аудару",
            "Депортация немцев",
            "Deportation of Germans",
            "policy",
            "1941-09",
            "1941-10",
        ),
        ev(
            "evt-syn-deportation-chechens-ingush",
            "Шешендер мен ингуштарды жер аудару",
            "Депортация чеченцев и ингушей",
            "Deportation of Chechens and Ingush",
            "policy",
            "1944-02-23",
            "1944-03",
        ),
    ]
}
