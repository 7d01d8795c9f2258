//! The floor of reading a CSV file: `csv-core`'s record reader (its fastest path, the one the
//! `csv` crate uses) over the bytes, counting records and fields, nothing built. `bench/scale.sh` compares `museum validate`'s CPU time with it.
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
    // A record's fields, back to back, and where each ends (grown when a record is larger).
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 256];
    let (mut records, mut fields) = (0u64, 0u64);
    let (mut at, mut len) = (0, 0);
    let (mut out_at, mut ends_at) = (0, 0);
    loop {
        if at == len {
            len = file.read(&mut buf)?;
            at = 0;
        }
        // An empty input (`len == 0`) tells csv-core the file has ended.
        let (result, read, wrote, ended) =
            rdr.read_record(&buf[at..len], &mut out[out_at..], &mut ends[ends_at..]);
        at += read;
        out_at += wrote;
        ends_at += ended;
        match result {
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            csv_core::ReadRecordResult::Record => {
                records += 1;
                fields += ends_at as u64;
                (out_at, ends_at) = (0, 0);
            }
            csv_core::ReadRecordResult::End => break,
        }
    }
    writeln!(
        std::io::stdout(),
        "{records} records, {fields} fields in {:.3} s",
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}
