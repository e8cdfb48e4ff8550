//! TSV and Moses parallel text.
//!
//! TSV: the first line names the languages, tab-separated (`en<TAB>az`); each further line is one
//! unit, one column per language; an empty cell means the unit has no variant in that language. In
//! cells, `\t`, `\n`, `\r` and `\\` stand for tab, line feed, carriage return and backslash, so a cell
//! is always one line. Moses: one file per language, line `i` of every file belongs to unit `i`; line
//! breaks inside a text become spaces (Moses has no escape for them).

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::Error;
use crate::lang::Lang;
use crate::location::Location;
use crate::unit::{NewUnit, NewVariant, Origin};

/// Reads TSV units one line at a time.
pub struct TsvReader<R: BufRead> {
    input: R,
    path: Option<PathBuf>,
    langs: Vec<Lang>,
    line: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> TsvReader<R> {
    /// Reads the header line.
    ///
    /// # Errors
    /// [`Error::TsvHeader`] when the first line does not name two or more distinct languages.
    pub fn new(mut input: R, path: Option<PathBuf>) -> Result<TsvReader<R>, Error> {
        let at = |col| Location::new(path.clone(), 1, col);
        let mut buf = Vec::new();
        input
            .read_until(b'\n', &mut buf)
            .map_err(|source| Error::Io { at: at(0), source })?;
        if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            buf.drain(..3);
        }
        let line = std::str::from_utf8(&buf).map_err(|_| Error::TsvUtf8 { at: at(1) })?;
        let line = line.trim_end_matches(['\n', '\r']);
        let mut langs: Vec<Lang> = Vec::new();
        for cell in line.split('\t') {
            let lang = Lang::parse(cell).map_err(|e| Error::TsvHeader {
                at: at(1),
                why: e.to_string(),
            })?;
            if langs.contains(&lang) {
                return Err(Error::TsvHeader {
                    at: at(1),
                    why: format!("{lang} is named twice"),
                });
            }
            langs.push(lang);
        }
        if langs.len() < 2 {
            return Err(Error::TsvHeader {
                at: at(1),
                why: "it names fewer than two languages".into(),
            });
        }
        Ok(TsvReader {
            input,
            path,
            langs,
            line: 1,
            buf,
        })
    }

    /// The languages the header names.
    pub fn langs(&self) -> &[Lang] {
        &self.langs
    }

    /// The next unit with its line number; None at the end. Lines with no text are skipped.
    ///
    /// # Errors
    /// [`Error::TsvColumns`] (a unit error: the caller may skip it), [`Error::TsvUtf8`], [`Error::Io`].
    pub fn next_unit(&mut self) -> Option<Result<(NewUnit, u64), Error>> {
        loop {
            self.buf.clear();
            self.line += 1;
            let at = Location::new(self.path.clone(), self.line, 1);
            match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => return Some(Err(Error::Io { at, source })),
            }
            let Ok(line) = std::str::from_utf8(&self.buf) else {
                return Some(Err(Error::TsvUtf8 { at }));
            };
            let line = line.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() != self.langs.len() {
                return Some(Err(Error::TsvColumns {
                    at,
                    expected: self.langs.len(),
                    found: cells.len(),
                }));
            }
            let variants: Vec<NewVariant> = self
                .langs
                .iter()
                .zip(cells)
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(lang, cell)| NewVariant::new(lang.clone(), unescape(cell)))
                .collect();
            if variants.is_empty() {
                continue;
            }
            return Some(Ok((NewUnit::new(Origin::Imported, variants), self.line)));
        }
    }
}

/// Writes one TSV cell (escaped).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Reads one TSV cell.
pub fn unescape(cell: &str) -> String {
    if !cell.contains('\\') {
        return cell.to_string();
    }
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Writes the TSV header line.
///
/// # Errors
/// I/O errors.
pub fn write_header<W: Write>(out: &mut W, tags: &[String]) -> std::io::Result<()> {
    writeln!(out, "{}", tags.join("\t"))
}

/// Writes one TSV line: the texts of `langs` in `unit` (empty cells for missing ones).
///
/// # Errors
/// I/O errors.
pub fn write_unit<W: Write>(out: &mut W, langs: &[Lang], unit: &NewUnit) -> std::io::Result<()> {
    for (i, lang) in langs.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        if let Some(v) = unit.variants.iter().find(|v| &v.lang == lang) {
            out.write_all(escape(&v.text).as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// One Moses line: the text with line breaks and tabs made spaces.
pub fn moses_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_through_escaping() {
        for text in ["a\tb", "line\nbreak\r", "back\\slash\\t", "plain ə 中文"] {
            assert_eq!(unescape(&escape(text)), text);
            assert!(!escape(text).contains(['\t', '\n']));
        }
    }

    #[test]
    fn a_line_with_too_few_columns_names_its_line() {
        let input = "en\taz\nHello\tSalam\nonly one\n";
        let mut reader = TsvReader::new(input.as_bytes(), Some("x.tsv".into())).expect("header");
        assert_eq!(reader.langs().len(), 2);
        let (unit, line) = reader.next_unit().expect("one").expect("ok");
        assert_eq!((unit.variants[1].text.as_str(), line), ("Salam", 2));
        let err = reader.next_unit().expect("two").expect_err("bad");
        assert_eq!(
            err.to_string(),
            "x.tsv:3:1: expected 2 tab-separated columns, found 1"
        );
    }

    #[test]
    fn a_header_that_is_not_languages_is_refused() {
        let err = TsvReader::new("source\ttarget\n".as_bytes(), Some("x.tsv".into()))
            .err()
            .expect("refused");
        assert!(
            err.to_string()
                .starts_with("x.tsv:1:1: the first line must name"),
            "{err}"
        );
    }
}
