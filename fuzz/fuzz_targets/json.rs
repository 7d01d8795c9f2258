//! Fuzz target `json`: see `museum_core::fuzzing::json` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| museum_core::fuzzing::json(data));
