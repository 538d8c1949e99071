//! libFuzzer target `wrapper`: the body is `juan::fuzzing::wrapper`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::wrapper(data));
