//! Fuzz target `csv`: see `museum_core::fuzzing::csv` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| museum_core::fuzzing::csv(data));
