//! TSV and Moses parallel text.
//!
//! TSV: the first line names the languages, tab-separated (`en<TAB>az`); each further line is one
//! unit, one column per language; an empty cell means the unit has no variant in that language. In
//! cells, `\t`, `\n`, `\r` and `\\` stand for tab, line feed, carriage return and backslash, so a cell
//! is always one line. Moses: one file per language, line `i` of every file belongs to unit `i`; line
//! breaks inside a text become spaces (Moses has no escape for them).
//!
//! A review export adds three columns after the languages, named so that no language tag can be
//! taken for them: `tmkit:unit` (the unit's id in the memory it came from), `tmkit:status` (`ok`,
//! `needs-review`) and `tmkit:reasons` (the reasons it needs review, `; `-separated, each as
//! `number-mismatch (zh-Hans)`). The reader takes them back as the unit's status and its `x-unit` and
//! `x-review-reason` props, which an import treats as it treats them in TMX.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use super::Error;
use crate::lang::Lang;
use crate::location::Location;
use crate::unit::{NewUnit, NewVariant, Origin, Prop, PropKind, Status};

/// The review columns' names, in the order a review export writes them.
pub const REVIEW_COLUMNS: [&str; 3] = ["tmkit:unit", "tmkit:status", "tmkit:reasons"];

/// What one column of a TSV file holds.
#[derive(Clone, Debug, PartialEq)]
enum Column {
    Lang(Lang),
    Unit,
    Status,
    Reasons,
}

/// Reads TSV units one line at a time.
pub struct TsvReader<R: BufRead> {
    input: R,
    path: Option<PathBuf>,
    langs: Vec<Lang>,
    columns: Vec<Column>,
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
        let mut columns: Vec<Column> = Vec::new();
        for cell in line.split('\t') {
            let column = match cell {
                "tmkit:unit" => Column::Unit,
                "tmkit:status" => Column::Status,
                "tmkit:reasons" => Column::Reasons,
                other if other.starts_with("tmkit:") => {
                    return Err(Error::TsvHeader {
                        at: at(1),
                        why: format!(
                            "'{other}' is no column tmkit knows (tmkit:unit, tmkit:status, tmkit:reasons)"
                        ),
                    });
                }
                _ => Column::Lang(Lang::parse(cell).map_err(|e| Error::TsvHeader {
                    at: at(1),
                    why: e.to_string(),
                })?),
            };
            if columns.contains(&column) {
                return Err(Error::TsvHeader {
                    at: at(1),
                    why: format!("{cell} is named twice"),
                });
            }
            if let Column::Lang(lang) = &column {
                langs.push(lang.clone());
            }
            columns.push(column);
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
            columns,
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
            if cells.len() != self.columns.len() {
                return Some(Err(Error::TsvColumns {
                    at,
                    expected: self.columns.len(),
                    found: cells.len(),
                }));
            }
            let mut variants = Vec::new();
            let mut props = Vec::new();
            let mut status = Status::Ok;
            for (column, cell) in self.columns.iter().zip(cells) {
                match column {
                    Column::Lang(_) if cell.is_empty() => {}
                    Column::Lang(lang) => {
                        variants.push(NewVariant::new(lang.clone(), unescape(cell)))
                    }
                    Column::Unit if cell.is_empty() => {}
                    Column::Unit => props.push(Prop::typed("x-unit", unescape(cell))),
                    Column::Status => {
                        if cell == Status::NeedsReview.as_str() {
                            status = Status::NeedsReview;
                        } else if !cell.is_empty() && cell != Status::Ok.as_str() {
                            return Some(Err(Error::TsvStatus {
                                at,
                                found: cell.to_string(),
                            }));
                        }
                    }
                    Column::Reasons => props.extend(
                        unescape(cell)
                            .split("; ")
                            .filter(|r| !r.is_empty())
                            .map(|r| Prop::typed("x-review-reason", r)),
                    ),
                }
            }
            if variants.is_empty() {
                continue;
            }
            let mut unit = NewUnit::new(Origin::Imported, variants);
            unit.status = status;
            unit.props = props;
            return Some(Ok((unit, self.line)));
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

/// Writes one TSV line: the texts of `langs` in `unit` (empty cells for missing ones), then, when
/// `review`, the [`REVIEW_COLUMNS`] from the unit's status and its `x-unit` and `x-review-reason`
/// props (as the export gives them).
///
/// # Errors
/// I/O errors.
pub fn write_unit<W: Write>(
    out: &mut W,
    langs: &[Lang],
    unit: &NewUnit,
    review: bool,
) -> std::io::Result<()> {
    for (i, lang) in langs.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        if let Some(v) = unit.variants.iter().find(|v| &v.lang == lang) {
            out.write_all(escape(&v.text).as_bytes())?;
        }
    }
    if review {
        let props = |key: &'static str| {
            unit.props
                .iter()
                .filter(move |p| p.kind == PropKind::Prop && p.key.as_deref() == Some(key))
                .map(|p| escape(&p.value))
        };
        let id = props("x-unit").next().unwrap_or_default();
        let reasons: Vec<String> = props("x-review-reason").collect();
        write!(
            out,
            "\t{id}\t{}\t{}",
            unit.status.as_str(),
            reasons.join("; ")
        )?;
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
    fn review_columns_come_back_as_status_and_props() {
        let input = "en\tzh\ttmkit:unit\ttmkit:status\ttmkit:reasons\n\
                     5 more\t多5\t26\tneeds-review\tnumber-mismatch (zh-Hans); length-outlier\n\
                     Yes\t是\t27\tok\t\n";
        let mut reader = TsvReader::new(input.as_bytes(), None).expect("header");
        assert_eq!(reader.langs().len(), 2);
        let (unit, _) = reader.next_unit().expect("one").expect("ok");
        assert_eq!(unit.status, Status::NeedsReview);
        let props: Vec<(&str, &str)> = unit
            .props
            .iter()
            .map(|p| (p.key.as_deref().unwrap_or(""), p.value.as_str()))
            .collect();
        assert_eq!(
            props,
            [
                ("x-unit", "26"),
                ("x-review-reason", "number-mismatch (zh-Hans)"),
                ("x-review-reason", "length-outlier")
            ]
        );
        let mut line = Vec::new();
        write_unit(&mut line, reader.langs(), &unit, true).expect("write");
        assert_eq!(
            String::from_utf8(line).expect("utf-8"),
            "5 more\t多5\t26\tneeds-review\tnumber-mismatch (zh-Hans); length-outlier\n"
        );
        let (unit, _) = reader.next_unit().expect("two").expect("ok");
        assert_eq!((unit.status, unit.props.len()), (Status::Ok, 1));
        let bad = "en\tzh\ttmkit:status\nA\tB\tmaybe\n";
        let err = TsvReader::new(bad.as_bytes(), Some("r.tsv".into()))
            .expect("header")
            .next_unit()
            .expect("one")
            .expect_err("bad status");
        assert_eq!(
            err.to_string(),
            "r.tsv:2:1: tmkit:status is 'maybe': expected 'ok' or 'needs-review'"
        );
        let err = TsvReader::new("en\tzh\ttmkit:score\n".as_bytes(), Some("r.tsv".into()))
            .err()
            .expect("refused");
        assert!(
            err.to_string()
                .contains("'tmkit:score' is no column tmkit knows"),
            "{err}"
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
