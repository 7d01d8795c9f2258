//! `museum synth`: write a synthetic archive with ground truth.

use anyhow::Context;
use museum_synth::{MultiSource, SynthOptions, generate_dir};

use crate::args::{SynthArgs, SynthProfile};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &SynthArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let options = SynthOptions::new(args.victims)
        .seed(args.seed)
        .duplicates(args.duplicates)
        .defects(args.defects)
        .with_archive(args.with_archive)
        .multi_source(multi_source(args));
    let s = generate_dir(&options, &args.out).with_context(|| {
        format!(
            "cannot write a synthetic archive to `{}`",
            args.out.display()
        )
    })?;
    printer.note(&format!(
        "wrote {} synthetic records ({} persons, {} with duplicates, {} duplicate pairs, {} namesake groups, {} defects) to `{}`",
        s.records,
        s.persons,
        s.persons_with_duplicates,
        s.duplicate_pairs,
        s.namesake_groups,
        s.defect_count(),
        args.out.display()
    ));
    if let Some(ms) = options.multi_source_mode() {
        printer.note(&format!(
            "multi-source mode: {}-{} records per person from {} simulated lists, {} of fields missing, noise {}",
            ms.min_sources,
            ms.max_sources,
            MultiSource::SOURCES,
            ms.missing,
            ms.noise
        ));
    }
    printer.note("the data is synthetic, not about real people: see `SYNTHETIC.md`");
    Ok(ExitStatus::Success)
}

/// The multi-source mode asked for: by the profile, or by any of its options (which also change
/// the profile's values).
fn multi_source(args: &SynthArgs) -> Option<MultiSource> {
    let on = args.profile == SynthProfile::MultiSource
        || args.sources_per_person.is_some()
        || args.missing.is_some()
        || args.noise.is_some();
    on.then(|| {
        let p = MultiSource::PROFILE;
        let (min_sources, max_sources) = args
            .sources_per_person
            .unwrap_or((p.min_sources, p.max_sources));
        MultiSource {
            min_sources,
            max_sources,
            missing: args.missing.unwrap_or(p.missing),
            noise: args.noise.unwrap_or(p.noise),
        }
    })
}
