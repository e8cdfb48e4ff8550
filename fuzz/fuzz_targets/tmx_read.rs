//! The TMX reader and the import over arbitrary bytes (any encoding the reader detects): no panic,
//! errors are fine. When the reader gets through the file with nothing worse than bad units, an
//! import that skips bad units succeeds and accounts for every unit (stored or skipped), and the
//! memory holds no more units than were stored.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::Memory;
use tmkit::ingest::import::import_tmx;
use tmkit::tmx::TmxReader;

#[path = "common.rs"]
mod common;

/// Units read before the reading pass stops (keeps one input fast; the import reads all).
const MAX_UNITS: usize = 2_000;

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = TmxReader::new(data, None) else {
        return;
    };
    let _ = reader.header();
    let (mut read, mut whole) = (0u64, true);
    for (i, next) in std::iter::from_fn(|| reader.next_unit()).enumerate() {
        if i >= MAX_UNITS {
            whole = false;
            break;
        }
        match next {
            Ok(unit) => {
                assert!(
                    !unit.unit.variants.is_empty(),
                    "a unit without variants was read"
                );
                read += 1;
            }
            Err(e) if e.is_unit_error() => read += 1,
            Err(e) => {
                let _ = e.to_string();
                whole = false;
            }
        }
    }
    let mut memory = Memory::open_in_memory().expect("an in-memory memory opens");
    let reader = TmxReader::new(data, None).expect("the header was read once already");
    let imported = import_tmx(&mut memory, reader, "fuzz.tmx", true, |_| {});
    common::check_import(&memory, imported, read, whole);
});
