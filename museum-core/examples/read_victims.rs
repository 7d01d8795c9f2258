//! What `museum report` costs before its statistics: reading and validating a victims list with
//! the victims handed over as they are read, the findings counted and dropped. Builds without
//! polars, so the reading part of the report can be measured (CPU time, callgrind) in a release
//! build. `hand` (the default): the victims are handed to this thread
//! (`job::read_validated_handing`), counted and dropped here, as the report with deduplication
//! takes them; `digest`: each batch is counted and dropped on the worker that read it
//! (`job::read_validated_digesting`), as the report without deduplication and `museum stats`
//! take them (they also take the case table's columns there).
//!
//! `cargo run --release -p museum-core --no-default-features --example read_victims -- FILE [hand|digest]`

use std::io::Write;

use museum_core::io::DatasetKind;
use museum_core::validate::{Input, ValidateOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: read_victims FILE [hand|digest]")?;
    let digest = std::env::args().nth(2).is_some_and(|m| m == "digest");
    let start = std::time::Instant::now();
    let inputs = [Input {
        path: path.into(),
        kind: DatasetKind::Victims,
    }];
    let (mut victims, mut cases, mut findings) = (0u64, 0u64, 0u64);
    let mut on_finding = |_: &museum_core::Diagnostic| {
        findings += 1;
        Ok(())
    };
    let count = |batch: Vec<museum_core::io::Located<museum_core::Victim>>| {
        let cases: usize = batch.iter().map(|v| v.record.cases.len()).sum();
        (batch.len() as u64, cases as u64)
    };
    let options = ValidateOptions::default();
    if digest {
        museum_core::job::read_validated_digesting(
            &inputs,
            &options,
            &(),
            &count,
            &mut |(v, c)| {
                victims += v;
                cases += c;
            },
            Some(&mut on_finding),
        )?;
    } else {
        museum_core::job::read_validated_handing(
            &inputs,
            &options,
            &(),
            &mut |batch| {
                let (v, c) = count(batch);
                victims += v;
                cases += c;
            },
            Some(&mut on_finding),
        )?;
    }
    writeln!(
        std::io::stdout(),
        "{victims} victims, {cases} cases, {findings} findings in {:.3} s",
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}
