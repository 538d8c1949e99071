//! libFuzzer target `json`: the body is `juan::fuzzing::json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::json(data));
