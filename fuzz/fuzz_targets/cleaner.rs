//! libFuzzer target `cleaner`: the body is `juan::fuzzing::cleaner`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::cleaner(data));
