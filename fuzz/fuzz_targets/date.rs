//! Fuzz target `date`: see `museum_core::fuzzing::date` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| museum_core::fuzzing::date(data));
