//! Helpers shared by the targets (each target includes this file as a module).
#![allow(dead_code)]

use tmkit::Lang;

/// The languages tmkit has rules for, their script variants, and languages that get the defaults.
pub const TAGS: &[&str] = &[
    "en", "az", "ru", "zh", "az-Cyrl", "zh-Hant", "fr", "ja", "tr", "de",
];

/// A language picked by one input byte.
pub fn lang(byte: u8) -> Lang {
    let tag = TAGS[usize::from(byte) % TAGS.len()];
    Lang::parse(tag).expect("the tags above are valid")
}

/// Splits off the first `n` bytes as parameters (zeros when the input is shorter).
pub fn params<const N: usize>(data: &[u8]) -> ([u8; N], &[u8]) {
    let mut head = [0u8; N];
    let n = data.len().min(N);
    head[..n].copy_from_slice(&data[..n]);
    (head, &data[n..])
}

/// Panics unless `sentences` partition `text` as the segmenter promises: trimmed, non-empty, in order,
/// not overlapping, on char boundaries, with only whitespace between them, and character ranges that
/// count the characters before them; paragraph numbers never go down.
pub fn check_partition(text: &str, sentences: &[tmkit::segment::Sentence]) {
    let mut pos = 0;
    let mut chars = 0;
    let mut paragraph = 0;
    for s in sentences {
        let bytes = s.span.bytes.clone();
        assert!(
            bytes.start >= pos,
            "sentence {bytes:?} overlaps the one before (ends at {pos})"
        );
        assert!(bytes.start < bytes.end, "empty sentence at {bytes:?}");
        assert!(
            bytes.end <= text.len(),
            "sentence {bytes:?} ends past the text ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end),
            "sentence {bytes:?} is not on char boundaries"
        );
        let gap = &text[pos..bytes.start];
        assert!(
            gap.trim().is_empty(),
            "non-whitespace {gap:?} outside every sentence"
        );
        chars += gap.chars().count();
        let body = &text[bytes.clone()];
        assert_eq!(body.trim(), body, "sentence {bytes:?} is not trimmed");
        assert_eq!(s.span.chars.start, chars, "char start of {bytes:?}");
        chars += body.chars().count();
        assert_eq!(s.span.chars.end, chars, "char end of {bytes:?}");
        assert!(
            s.paragraph >= paragraph,
            "paragraph numbers go down at {bytes:?}"
        );
        paragraph = s.paragraph;
        // The display form must not panic either.
        let _ = s.text(text);
        pos = bytes.end;
    }
    let tail = &text[pos..];
    assert!(
        tail.trim().is_empty(),
        "non-whitespace {tail:?} after the last sentence"
    );
}

/// What an import of a fuzzed file must do, given how many units the reading pass met (`read`) and
/// whether it got through the file with nothing worse than bad units (`whole`): an import that skips bad
/// units then succeeds and accounts for every unit, stored or skipped; the memory never holds more
/// units than were stored; a failed import leaves no unit behind.
pub fn check_import(
    memory: &tmkit::Memory,
    imported: Result<tmkit::ingest::import::ImportReport, tmkit::ingest::import::Error>,
    read: u64,
    whole: bool,
) {
    match imported {
        Ok(report) => {
            if whole {
                assert_eq!(
                    report.units + report.skipped.len() as u64,
                    read,
                    "units lost by the import"
                );
            }
            let stored = memory.count_units().expect("count");
            assert!(
                stored <= report.units,
                "{stored} units stored from {} imported",
                report.units
            );
        }
        Err(e) => {
            assert!(
                !whole,
                "the reader got through the file but the import failed: {e}"
            );
            assert_eq!(
                memory.count_units().expect("count"),
                0,
                "a failed import left units behind"
            );
        }
    }
}
