//! Text files as people hand them over: UTF-8 (with or without a byte order mark) or UTF-16 (with a
//! byte order mark, or recognised by the NUL bytes of mostly-ASCII text), and the binary formats that
//! are often given where text is expected (Word, PDF, a spreadsheet), named so that the user knows what
//! to do instead of reading "invalid UTF-8 at byte 12".

use std::path::Path;

use super::Error;
use crate::location::Location;

/// Decodes a text file's bytes: UTF-8 (a byte order mark is dropped) or UTF-16.
///
/// # Errors
/// [`Error::NotText`] for a binary format (named), [`Error::Utf8`], [`Error::Utf16`] or [`Error::Nul`]
/// at the line and column of the first bad character.
pub fn decode_text(mut bytes: Vec<u8>, path: &Path) -> Result<String, Error> {
    if let Some(format) = binary_format(&bytes) {
        return Err(Error::NotText {
            path: path.to_path_buf(),
            format,
        });
    }
    if let Some(big_endian) = utf16_order(&bytes) {
        return decode_utf16(&bytes, big_endian, path);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            Some(nul) => Err(Error::Nul {
                at: at_end_of(path, &text[..nul]),
            }),
            None => Ok(text),
        },
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            Err(Error::Utf8 {
                at: at_end_of(path, std::str::from_utf8(good).unwrap_or_default()),
            })
        }
    }
}

/// The location just after `before`, the text read so far of `path`.
fn at_end_of(path: &Path, before: &str) -> Location {
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    Location::new(Some(path.to_path_buf()), line, col)
}

/// The name of a binary format recognised by its first bytes, as a message would say it.
pub fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    let contains = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(if contains(b"word/") {
            "a Word document (.docx)"
        } else if contains(b"xl/") {
            "an Excel workbook (.xlsx)"
        } else if contains(b"ppt/") {
            "a PowerPoint presentation (.pptx)"
        } else if contains(b"opendocument.text") {
            "an OpenDocument text (.odt)"
        } else if contains(b"opendocument") {
            "an OpenDocument file (.ods, .odp)"
        } else {
            "a zip archive"
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some("an old Word or Excel document (.doc, .xls)");
    }
    if bytes.starts_with(b"%PDF-") {
        return Some("a PDF document");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("a Rich Text document (.rtf)");
    }
    if bytes.starts_with(b"SQLite format 3\0") {
        return Some("a SQLite database");
    }
    if bytes.starts_with(&[0x1F, 0x8B]) {
        return Some("a gzip file");
    }
    None
}

/// UTF-16 text: `Some(big_endian)` from a byte order mark, or from NUL bytes at every other position of
/// the first bytes (ASCII letters, digits and spaces in UTF-16 have one NUL byte each).
pub fn utf16_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let nul_at = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    // Mostly-ASCII UTF-16 has a NUL in nearly every pair, on one side only; three quarters leaves room
    // for non-Latin letters, which have no NUL byte.
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 4 >= pairs * 3 && even == 0 {
        Some(false)
    } else if even * 4 >= pairs * 3 && odd == 0 {
        Some(true)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool, path: &Path) -> Result<String, Error> {
    let units = bytes.chunks(2).map(|pair| match (pair, big_endian) {
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        // An odd last byte cannot be UTF-16: an unpaired surrogate stands for it.
        _ => 0xD800,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(Error::Utf16 {
                    at: at_end_of(path, &text),
                });
            }
        }
    }
    Ok(text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_drops_a_byte_order_mark_and_names_the_first_bad_character() {
        let path = Path::new("news/bad.az.txt");
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFok".to_vec(), path).expect("UTF-8"),
            "ok"
        );
        let err = decode_text(b"ok\nf\xff\n".to_vec(), path).expect_err("not UTF-8");
        assert_eq!(
            err.to_string(),
            "news/bad.az.txt:2:2: invalid UTF-8: tmkit reads UTF-8 or UTF-16 text only"
        );
    }

    #[test]
    fn utf16_with_and_without_a_byte_order_mark_is_read() {
        let path = Path::new("t.txt");
        let le: Vec<u8> = "\u{FEFF}Şəhər 3 iyul"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode_text(le, path).expect("UTF-16LE"), "Şəhər 3 iyul");
        let be: Vec<u8> = "Plain ASCII text, no mark."
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode_text(be, path).expect("UTF-16BE"),
            "Plain ASCII text, no mark."
        );
    }

    #[test]
    fn a_word_document_is_named() {
        let err = decode_text(
            b"PK\x03\x04....word/document.xml".to_vec(),
            Path::new("a.docx"),
        )
        .expect_err("binary");
        assert_eq!(
            err.to_string(),
            "a.docx: this is a Word document (.docx); save it as plain text"
        );
    }

    #[test]
    fn a_nul_character_is_reported_where_it_is() {
        let err = decode_text(b"one\ntw\0o".to_vec(), Path::new("x.txt")).expect_err("NUL");
        assert_eq!(
            err.to_string(),
            "x.txt:2:3: a NUL character: this is a binary file, not text"
        );
    }

    #[test]
    fn utf16_is_recognised_by_its_byte_order_mark_or_its_nul_bytes() {
        assert_eq!(utf16_order(&[0xFF, 0xFE, b'a', 0]), Some(false));
        assert_eq!(utf16_order(&[0xFE, 0xFF, 0, b'a']), Some(true));
        let le: Vec<u8> = "Bakı, 3 iyul"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_order(&le), Some(false));
        assert_eq!(utf16_order("Bakı, 3 iyul".as_bytes()), None);
        let ru: Vec<u8> = "Москва".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let marked = [&[0xFE, 0xFF][..], &ru].concat();
        assert_eq!(
            decode_text(marked, Path::new("x")).expect("decoded"),
            "Москва"
        );
    }

    #[test]
    fn line_and_column_count_characters() {
        let at = |text: &str| {
            let l = at_end_of(Path::new("f"), text);
            (l.line, l.col)
        };
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("ab\nçə"), (2, 3));
        assert_eq!(at("a\n\n"), (3, 1));
    }
}
