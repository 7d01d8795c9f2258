//! The floor of reading a CSV file: `csv-core`'s state machine over the bytes, counting records
//! and fields, nothing built. `bench/scale.sh` compares `museum validate`'s CPU time with it.
//!
//! `cargo run --release -p museum-core --no-default-features --example csv_core_count -- FILE`

use std::io::{Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: csv_core_count FILE")?;
    let start = std::time::Instant::now();
    let mut file = std::fs::File::open(&path)?;
    let mut rdr = csv_core::Reader::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut field = vec![0u8; 1 << 16];
    let (mut records, mut fields) = (0u64, 0u64);
    let (mut at, mut len) = (0, 0);
    loop {
        if at == len {
            len = file.read(&mut buf)?;
            at = 0;
        }
        // An empty input (`len == 0`) tells csv-core the file has ended.
        let (result, read, _) = rdr.read_field(&buf[at..len], &mut field);
        at += read;
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                fields += 1;
                records += u64::from(record_end);
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    writeln!(
        std::io::stdout(),
        "{records} records, {fields} fields in {:.3} s",
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}
