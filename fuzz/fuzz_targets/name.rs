//! Fuzz target `name`: see `museum_core::fuzzing::name` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| museum_core::fuzzing::name(data));
