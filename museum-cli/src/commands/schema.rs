//! `museum schema`: write or check `schemas/`.

use anyhow::Context;

use crate::args::SchemaArgs;
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &SchemaArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let files = museum_core::export::schema_files();
    if args.check {
        let mut drift = Vec::new();
        for (name, text) in &files {
            let path = args.out.join(name);
            match std::fs::read_to_string(&path) {
                Ok(current) if current == *text => {}
                Ok(_) => drift.push(format!("{} differs from the code", path.display())),
                Err(_) => drift.push(format!("{} is missing", path.display())),
            }
        }
        if drift.is_empty() {
            printer.note(&format!(
                "{} schema files in `{}` are up to date",
                files.len(),
                args.out.display()
            ));
            return Ok(ExitStatus::Success);
        }
        for d in &drift {
            printer.warn(d);
        }
        printer.note("hint: run `museum schema` to regenerate them, then commit the result");
        return Ok(ExitStatus::Failure);
    }
    let _created = museum_core::fsutil::create_dir_all_registered(&args.out)
        .with_context(|| format!("cannot create `{}`", args.out.display()))?;
    for (name, text) in &files {
        let path = args.out.join(name);
        museum_core::fsutil::write_bytes_atomic(&path, text.as_bytes())?;
    }
    printer.note(&format!(
        "wrote {} schema files to `{}`",
        files.len(),
        args.out.display()
    ));
    Ok(ExitStatus::Success)
}
