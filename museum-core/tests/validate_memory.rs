//! Validation's memory does not grow with the number of findings (issue 19): a list where
//! every record has several findings is validated, streaming, at two sizes, under a global
//! allocator that counts the bytes live; the peak of the larger list stays near the peak of the
//! smaller one although it has four times the findings.
//!
//! One test in its own binary: the counting allocator sees every allocation of the process.

use museum_core::io::DatasetKind;
use museum_core::validate::{Input, ValidateOptions, validate_streaming};
use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};

/// The system allocator, counting the bytes live since the last reset and their peak.
#[global_allocator]
static GLOBAL: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// A victims list of `n` records, each with several findings: stray spaces in the surname, an
/// unknown sex, an unreadable and an impossible date, an arrest before the birth, a
/// malformed charge, a placeholder in the occupation.
fn findings_heavy(n: usize) -> String {
    let mut text = String::from(
        "id,surname,given_name,sex,birth_date,arrest_date,sentence_date,charge,occupation,source_ids\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "v{i}, Ахметов  ,Касым,мж,1941,19З7,1938-02-30,пятьдесят восемь 10 б,#N/A,src-1\n"
        ));
    }
    text
}

/// The peak of live bytes while validating `n` records, above what was live before, and the
/// number of findings.
fn peak_of(dir: &std::path::Path, n: usize) -> (usize, usize) {
    let path = dir.join(format!("victims-{n}.csv"));
    std::fs::write(&path, findings_heavy(n)).unwrap();
    let inputs = [Input {
        path,
        kind: DatasetKind::Victims,
    }];
    let options = ValidateOptions {
        threads: 2,
        ..ValidateOptions::default()
    };
    let mut findings = 0usize;
    let mut written = 0usize;
    GLOBAL.reset_peak_memory();
    let summary = validate_streaming(&inputs, &options, &mut |d| {
        findings += 1;
        written += d.message.len();
        Ok(())
    })
    .unwrap();
    let peak = GLOBAL.get_peak_memory();
    assert_eq!(summary.records, n);
    assert!(written > 0);
    (peak, findings)
}

#[test]
fn memory_does_not_grow_with_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (small_n, large_n) = (20_000, 80_000);
    let (small, small_findings) = peak_of(dir.path(), small_n);
    let (large, large_findings) = peak_of(dir.path(), large_n);
    // Several findings a record: the lists are findings-heavy.
    assert!(
        small_findings >= 5 * small_n,
        "{small_findings} findings for {small_n} records"
    );
    assert_eq!(large_findings * small_n, small_findings * large_n);
    // Holding the findings would cost hundreds of bytes each; streaming them, the extra peak
    // of the larger list is what grows with records (the id index: tens of bytes a record),
    // well under 40 bytes per extra finding.
    let extra_findings = large_findings - small_findings;
    let grown = large.saturating_sub(small);
    assert!(
        grown < extra_findings * 40,
        "peak {small} B for {small_findings} findings, {large} B for {large_findings}: grew \
         {grown} B, {} B per extra finding",
        grown / extra_findings
    );
}
