//! Raw CSV parse speed, the baseline for `bench/validate.sh`: counts the records and fields of a
//! file with the `csv` crate's `ByteRecord` loop and nothing else.
//!
//! `cargo run --release -p museum-core --no-default-features --example csv_count -- FILE`

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).ok_or("usage: csv_count FILE")?;
    let start = std::time::Instant::now();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)?;
    let mut rec = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while rdr.read_byte_record(&mut rec)? {
        records += 1;
        fields += rec.len() as u64;
    }
    writeln!(
        std::io::stdout(),
        "{records} records, {fields} fields in {:.3} s",
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}
