//! The TSV reader and import over arbitrary bytes: no panic, errors are fine. When every line reads
//! (or is a bad unit), an import that skips bad units succeeds and accounts for every unit; a failed
//! import leaves the memory empty.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::Memory;
use tmkit::ingest::import::import_tsv;
use tmkit::tmx::tsv::TsvReader;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = TsvReader::new(data, None) else {
        return;
    };
    assert!(
        reader.langs().len() >= 2,
        "a header with fewer than two languages was accepted"
    );
    let (mut read, mut whole) = (0u64, true);
    while let Some(next) = reader.next_unit() {
        match next {
            Ok((unit, _)) => {
                assert!(
                    !unit.variants.is_empty(),
                    "a unit without variants was read"
                );
                read += 1;
            }
            Err(e) if e.is_unit_error() => read += 1,
            Err(_) => {
                whole = false;
                break;
            }
        }
    }
    let mut memory = Memory::open_in_memory().expect("an in-memory memory opens");
    let reader = TsvReader::new(data, None).expect("the header was read once already");
    let imported = import_tsv(&mut memory, reader, "fuzz.tsv", "0", true, |_| {});
    common::check_import(&memory, imported, read, whole);
});
