//! `museum synth`: write a synthetic archive with ground truth.

use anyhow::Context;
use museum_core::synth::{SynthOptions, generate_dir};

use crate::args::SynthArgs;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &SynthArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let options = SynthOptions::new(args.victims)
        .seed(args.seed)
        .duplicates(args.duplicates)
        .defects(args.defects)
        .with_archive(args.with_archive);
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
    printer.note("the data is synthetic, not about real people: see `SYNTHETIC.md`");
    Ok(ExitStatus::Success)
}
