//! Fuzz target `validate`: see `museum_core::fuzzing::validate` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| museum_core::fuzzing::validate(data));
