#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pillar_fuzz::import_page(data));
