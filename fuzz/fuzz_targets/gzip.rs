//! libFuzzer target `gzip`: the body is `juan::fuzzing::gzip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::gzip(data));
