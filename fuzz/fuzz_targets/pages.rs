//! libFuzzer target `pages`: the body is `juan::fuzzing::pages`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::pages(data));
