//! libFuzzer target `jsonl`: the body is `juan::fuzzing::jsonl`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| juan::fuzzing::jsonl(data));
