//! libFuzzer target `sogou`: the body is `juan::fuzzing::sogou`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::sogou(data));
