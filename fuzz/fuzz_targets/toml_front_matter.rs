#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pillar_fuzz::toml_front_matter(data));
