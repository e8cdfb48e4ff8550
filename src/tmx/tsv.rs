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
//!
//! Limits ([`Limits`]): the header names at most [`Limits::max_langs`] languages and a cell holds at most
//! [`Limits::max_segment_bytes`] (unescaped); a longer line is skipped over, never held in memory
//! whole. Duplicate languages in the header are found through a hash set, so a long header costs
//! linear time.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use super::{Error, Limits};
use crate::lang::Lang;
use crate::location::Location;
use crate::unit::{NewUnit, NewVariant, Origin, Prop, PropKind, Status};

/// The review columns' names, in the order a review export writes them.
pub const REVIEW_COLUMNS: [&str; 3] = ["tmkit:unit", "tmkit:status", "tmkit:reasons"];

/// What one column of a TSV file holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    limits: Limits,
    line: u64,
    buf: Vec<u8>,
}

/// Bytes a header line may take per language it names: far more than any language tag.
const HEADER_BYTES_PER_LANG: usize = 256;

impl<R: BufRead> TsvReader<R> {
    /// Reads the header line, with the default [`Limits`].
    ///
    /// # Errors
    /// As [`TsvReader::with_limits`].
    pub fn new(input: R, path: Option<PathBuf>) -> Result<TsvReader<R>, Error> {
        TsvReader::with_limits(input, path, Limits::default())
    }

    /// Reads the header line; units will be held to `limits`.
    ///
    /// # Errors
    /// [`Error::TsvHeader`] when the first line does not name two or more distinct languages,
    /// [`Error::TooManyLangs`] when it names more than `limits.max_langs`.
    pub fn with_limits(
        mut input: R,
        path: Option<PathBuf>,
        limits: Limits,
    ) -> Result<TsvReader<R>, Error> {
        let at = |col| Location::new(path.clone(), 1, col);
        let too_many = || Error::TooManyLangs {
            at: at(1),
            what: "the header",
            limit: limits.max_langs,
        };
        let mut buf = Vec::new();
        let header_limit = limits.max_langs.saturating_mul(HEADER_BYTES_PER_LANG);
        let (_, fits) = read_line(&mut input, &mut buf, header_limit)
            .map_err(|source| Error::Io { at: at(0), source })?;
        if !fits {
            return Err(
                if memchr::memchr_iter(b'\t', &buf).count() >= limits.max_langs {
                    too_many()
                } else {
                    Error::TooLong {
                        at: at(1),
                        what: "the first line",
                        limit: header_limit,
                    }
                },
            );
        }
        if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            buf.drain(..3);
        }
        let line = std::str::from_utf8(&buf).map_err(|_| Error::TsvUtf8 { at: at(1) })?;
        let line = line.trim_end_matches(['\n', '\r']);
        if line.split('\t').nth(limits.max_langs).is_some() {
            return Err(too_many());
        }
        let mut langs: Vec<Lang> = Vec::new();
        let mut columns: Vec<Column> = Vec::new();
        let mut seen: HashSet<Column> = HashSet::new();
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
            if !seen.insert(column.clone()) {
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
            limits,
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
    /// [`Error::TsvColumns`] and [`Error::TooLong`] (unit errors: the caller may skip the line),
    /// [`Error::TsvUtf8`], [`Error::Io`].
    pub fn next_unit(&mut self) -> Option<Result<(NewUnit, u64), Error>> {
        let max = self.limits.max_segment_bytes;
        // An escaped cell is at most twice its text; one tab between cells, a line break at the end.
        let line_limit = self
            .columns
            .len()
            .saturating_mul(max.saturating_mul(2).saturating_add(1))
            .saturating_add(2);
        let too_long = |at| Error::TooLong {
            at,
            what: "a cell",
            limit: max,
        };
        loop {
            self.buf.clear();
            self.line += 1;
            let at = Location::new(self.path.clone(), self.line, 1);
            match read_line(&mut self.input, &mut self.buf, line_limit) {
                Ok((0, _)) => return None,
                Ok((_, true)) => {}
                Ok((_, false)) => return Some(Err(too_long(at))),
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
            if variants.iter().any(|v: &NewVariant| v.text.len() > max) {
                return Some(Err(too_long(at)));
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

/// Reads one line into `buf` (its line break included), keeping at most its first `limit` bytes: the
/// rest of a longer line is consumed unread, so memory stays bounded whatever the input. Returns the bytes
/// consumed (0 at the end of the input) and whether the line fit.
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut fits = true;
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed, fits));
        }
        let (done, used) = match memchr::memchr(b'\n', available) {
            Some(i) => (true, i + 1),
            None => (false, available.len()),
        };
        if fits {
            let room = limit.saturating_sub(buf.len());
            buf.extend_from_slice(&available[..used.min(room)]);
            fits = used <= room;
        }
        input.consume(used);
        consumed += used;
        if done {
            return Ok((consumed, fits));
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

    /// `count` distinct language tags that `Lang` keeps apart: a private-use language (`qaa`) with a
    /// five-digit variant subtag (regions fold and three-letter codes alias; variants stay).
    fn distinct_tags(count: usize) -> Vec<String> {
        (0..count).map(|i| format!("qaa-{i:05}")).collect()
    }

    #[test]
    fn a_header_of_many_distinct_languages_is_read_in_linear_time() {
        // Issue #16, item 6: a header of 100k distinct tags took 59 s (a list searched per tag). With
        // the limit raised, 5,000 distinct tags are all read and told apart.
        let tags = distinct_tags(5_000);
        let limits = Limits {
            max_langs: 5_000,
            ..Limits::default()
        };
        let header = format!("{}\n", tags.join("\t"));
        let reader = TsvReader::with_limits(header.as_bytes(), None, limits).expect("header");
        assert_eq!(reader.langs().len(), 5_000);
        assert_eq!(reader.langs()[4_999].as_str(), "qaa-04999");
        let twice = format!("{}\tqaa-00007\n", tags.join("\t"));
        let limits = Limits {
            max_langs: 5_001,
            ..Limits::default()
        };
        let err = TsvReader::with_limits(twice.as_bytes(), Some("x.tsv".into()), limits)
            .err()
            .expect("refused");
        assert!(
            err.to_string().ends_with("qaa-00007 is named twice"),
            "{err}"
        );
    }

    #[test]
    fn a_header_with_more_languages_than_the_limit_is_refused() {
        let header = format!("{}\n", distinct_tags(1_001).join("\t"));
        let err = TsvReader::new(header.as_bytes(), Some("x.tsv".into()))
            .err()
            .expect("refused");
        assert_eq!(
            err.to_string(),
            "x.tsv:1:1: the header has more than 1000 languages, the limit on languages per unit (--max-langs)"
        );
        // 100k tags: refused from the first 256 KB of the line, without reading it all.
        let header = format!("{}\n", distinct_tags(100_000).join("\t"));
        let err = TsvReader::new(header.as_bytes(), None)
            .err()
            .expect("refused");
        assert!(
            matches!(err, Error::TooManyLangs { limit: 1000, .. }),
            "{err}"
        );
        let exactly = format!("{}\n", distinct_tags(1_000).join("\t"));
        let reader = TsvReader::new(exactly.as_bytes(), None).expect("at the limit");
        assert_eq!(reader.langs().len(), 1_000);
    }

    #[test]
    fn a_cell_longer_than_the_limit_is_skipped_with_its_line() {
        let limits = Limits {
            max_segment_bytes: 10,
            ..Limits::default()
        };
        // An escaped cell of 10 characters fits; 11 do not, and a line far longer is skipped unread.
        let long = "x".repeat(100_000);
        let input = format!(
            "en\taz\n\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\tb\nelevenbytes\tb\n{long}\tb\nok\tyes\n"
        );
        let mut reader =
            TsvReader::with_limits(input.as_bytes(), Some("x.tsv".into()), limits).expect("header");
        let (unit, line) = reader.next_unit().expect("one").expect("fits");
        assert_eq!(
            (unit.variants[0].text.as_str(), line),
            ("\t".repeat(10).as_str(), 2)
        );
        for line in [3, 4] {
            let err = reader.next_unit().expect("too long").expect_err("refused");
            assert!(err.is_unit_error());
            assert_eq!(
                err.to_string(),
                format!(
                    "x.tsv:{line}:1: a cell is longer than 10 bytes, the limit on segment size (--max-segment-bytes)"
                )
            );
            assert!(reader.buf.capacity() < 1_000, "{}", reader.buf.capacity());
        }
        let (unit, line) = reader.next_unit().expect("five").expect("fits");
        assert_eq!((unit.variants[1].text.as_str(), line), ("yes", 5));
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
