//! libFuzzer target `mapped`: the body is `juan::fuzzing::mapped`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::mapped(data));
