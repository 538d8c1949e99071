//! libFuzzer target `query`: the body is `juan::fuzzing::query`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::query(data));
