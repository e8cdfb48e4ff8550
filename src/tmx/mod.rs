//! TMX 1.4b interchange (LISA OSCAR, 2004; now GALA / ETSI GS LIS 002), plus TSV and Moses parallel text.
//!
//! [`read`] is a streaming pull reader ([`read::TmxReader`]): one reused buffer, one `<tu>` at a time, so
//! memory stays constant whatever the file's size. It reads TMX 1.1 to 1.4b as CAT tools write it:
//! UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM, as Trados Studio writes it), `xml:lang` and the
//! TMX 1.1 `lang` attribute, language tags normalised through [`crate::lang::Lang::parse`] (`en-US` →
//! `en`, `az-AZ` → `az-Latn`, `zh-CN` → `zh-Hans`), `srclang="*all*"`, header, unit and variant props and
//! notes. Inline markup (`bpt ept it ph hi ut sub`) is kept losslessly as the variant's `markup` (the
//! `<seg>` content re-serialised as XML) while `text` holds the translatable text only: the native
//! codes inside `bpt ept it ph ut` are left out (text inside `sub` and `hi` is kept), so tags never count
//! as words when matching.
//!
//! Safety: no DTD is fetched or applied; a DOCTYPE that declares entities is refused at once (this is
//! how entity-expansion "billion laughs" files are built); no entity other than the five XML ones and
//! character references is expanded; an undeclared entity is an error, never silently dropped.
//!
//! [`write`](mod@write) writes TMX 1.4b through quick-xml's element builder: the header's seven required attributes,
//! dates as `YYYYMMDDThhmmssZ`, `tuid`, creation and change dates and users, `usagecount`, provenance
//! as `x-` props (never `file`, `id`, `path`, `prev`, `next`, which tie a unit to one file in OmegaT),
//! notes. Characters XML 1.0 cannot carry or discourages (C0 controls other than tab/LF/CR, C1
//! controls, U+FFFE/U+FFFF and the other noncharacters) are dropped and counted.
//!
//! [`tsv`] reads and writes tab-separated units under a header line naming the languages, and writes
//! Moses parallel text (one file per language, line-aligned).
//!
//! [`xliff`] writes draft translations as XLIFF 1.2 (`tmkit pretranslate --format xliff`).
//!
//! Deviations from TMX 1.4b: `<ude>`/`<map>` in the header are skipped (user-defined characters are not
//! supported); a `<tu>` that lacks its `srclang` variant is accepted; the writer never writes `o-encoding`
//! on props or `<ude>`.

pub mod read;
pub mod tbx;
pub mod tsv;
pub mod write;
pub mod xliff;

use std::borrow::Cow;

use crate::location::Location;

pub use read::{ReadUnit, TmxReader};
pub use write::{LangStyle, TmxWriter, WriteHeader};

/// Limits on what one unit of a TMX or TSV file may hold. A real memory has a handful of languages
/// per unit and sentences of at most a few kilobytes; a file far beyond that is broken or hostile,
/// and reading it would cost time and memory out of proportion (a `<tu>` with 30,000 `<tuv>`, one
/// 100 MB text node). Such a file is refused with the place and the limit, never read half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most languages one unit may have (a TSV header may name at most this many).
    pub max_langs: usize,
    /// Most bytes (UTF-8) of one segment's text; also bounds any one piece of a TMX file between two
    /// tags (text, a comment, a tag with its attributes) and one TSV line per column.
    pub max_segment_bytes: usize,
}

impl Limits {
    /// [`Limits::max_langs`] by default: far more than any real memory has (the EU's DGT memory has 24).
    pub const MAX_LANGS: usize = 1_000;
    /// [`Limits::max_segment_bytes`] by default: 1 MiB, some 200 times the longest sentence of a news
    /// article, and small enough that reading, indexing and showing one unit stays cheap.
    pub const MAX_SEGMENT_BYTES: usize = 1 << 20;
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_langs: Limits::MAX_LANGS,
            max_segment_bytes: Limits::MAX_SEGMENT_BYTES,
        }
    }
}

/// A TMX, TSV or Moses error. Input errors carry the location `path:line:col`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read or the output written.
    #[error("{at}: cannot read")]
    Io {
        /// The file.
        at: Location,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write the output")]
    Write {
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The input is not well-formed XML.
    #[error("{at}: malformed XML: {cause}")]
    Xml {
        /// Where.
        at: Location,
        /// quick-xml's reason (in the message, since it says which rule was broken).
        cause: quick_xml::Error,
    },
    /// Text before any element: not an XML file.
    #[error("{at}: not a TMX file: expected XML markup (<?xml …?> or <tmx>), found text")]
    NotXml {
        /// Where.
        at: Location,
    },
    /// The file ends before the document does.
    #[error("{at}: the file ends inside <{element}>")]
    Truncated {
        /// Where.
        at: Location,
        /// The open element.
        element: String,
    },
    /// A DOCTYPE with an internal subset declaring entities.
    #[error(
        "{at}: the DOCTYPE declares entities; tmkit expands none (entity-expansion files such as \"billion laughs\" are refused)"
    )]
    EntityDeclaration {
        /// Where.
        at: Location,
    },
    /// An entity reference other than the five XML ones.
    #[error(
        "{at}: undeclared entity '&{name};': TMX allows only &amp; &lt; &gt; &quot; &apos; and character references"
    )]
    UndeclaredEntity {
        /// Where.
        at: Location,
        /// The entity's name.
        name: String,
    },
    /// A character reference to a character XML 1.0 forbids (e.g. `&#1;`).
    #[error("{at}: character reference to U+{code:04X}, which XML 1.0 forbids")]
    ForbiddenChar {
        /// Where.
        at: Location,
        /// The code point.
        code: u32,
    },
    /// The root element is not `<tmx>`.
    #[error("{at}: expected <tmx> as the root element, found <{found}>")]
    NotTmx {
        /// Where.
        at: Location,
        /// The root found.
        found: String,
    },
    /// An element where TMX does not allow it.
    #[error("{at}: unexpected <{element}> inside <{parent}>")]
    Unexpected {
        /// Where.
        at: Location,
        /// The element.
        element: String,
        /// Its parent.
        parent: String,
    },
    /// Non-whitespace text where TMX allows only elements.
    #[error("{at}: unexpected text inside <{parent}>")]
    UnexpectedText {
        /// Where.
        at: Location,
        /// The element holding it.
        parent: String,
    },
    /// A required attribute is missing.
    #[error("{at}: <{element}> has no {attr} attribute")]
    MissingAttr {
        /// Where.
        at: Location,
        /// The element.
        element: &'static str,
        /// The attribute.
        attr: &'static str,
    },
    /// A language tag that is not one.
    #[error("{at}: bad language tag")]
    Lang {
        /// Where.
        at: Location,
        /// Why.
        #[source]
        source: crate::lang::Error,
    },
    /// An attribute value of the wrong form.
    #[error("{at}: {attr}='{value}' is not {expected}")]
    BadValue {
        /// Where.
        at: Location,
        /// The attribute.
        attr: String,
        /// Its value.
        value: String,
        /// What it should be.
        expected: &'static str,
    },
    /// A `<tuv>` without `<seg>`.
    #[error("{at}: <tuv> has no <seg>")]
    MissingSeg {
        /// Where.
        at: Location,
    },
    /// A `<tu>` without `<tuv>`.
    #[error("{at}: <tu> has no <tuv>")]
    EmptyUnit {
        /// Where.
        at: Location,
    },
    /// Two variants of one unit in the same language.
    #[error("{at}: <tu> has two <tuv> in {lang}")]
    DuplicateLang {
        /// Where.
        at: Location,
        /// The language.
        lang: String,
    },
    /// A unit (or a TSV header) with more languages than [`Limits::max_langs`].
    #[error(
        "{at}: {what} has more than {limit} languages, the limit on languages per unit (--max-langs)"
    )]
    TooManyLangs {
        /// Where.
        at: Location,
        /// `<tu>` or `the header`.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A segment (or any piece of the file between two tags, or a TSV line) longer than
    /// [`Limits::max_segment_bytes`].
    #[error(
        "{at}: {what} is longer than {limit} bytes, the limit on segment size (--max-segment-bytes)"
    )]
    TooLong {
        /// Where.
        at: Location,
        /// What is too long: `<seg>`, `text between two tags`, `the line` ….
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A TSV header line that does not name languages.
    #[error(
        "{at}: the first line must name the languages, tab-separated (e.g. 'en<TAB>az'): {why}"
    )]
    TsvHeader {
        /// Where.
        at: Location,
        /// What is wrong.
        why: String,
    },
    /// A TSV line with the wrong number of columns.
    #[error("{at}: expected {expected} tab-separated columns, found {found}")]
    TsvColumns {
        /// Where.
        at: Location,
        /// Columns in the header.
        expected: usize,
        /// Columns on this line.
        found: usize,
    },
    /// A TSV `tmkit:status` cell tmkit does not know.
    #[error("{at}: tmkit:status is '{found}': expected 'ok' or 'needs-review'")]
    TsvStatus {
        /// Where.
        at: Location,
        /// The cell.
        found: String,
    },
    /// TSV input that is not UTF-8.
    #[error("{at}: invalid UTF-8: tmkit reads UTF-8 TSV only")]
    TsvUtf8 {
        /// Where.
        at: Location,
    },
}

impl Error {
    /// Whether the reader can skip the unit this error is in and go on (`--skip-bad`): true for errors
    /// about one unit's content, false for XML that is not well formed or a broken header.
    pub fn is_unit_error(&self) -> bool {
        matches!(
            self,
            Error::MissingAttr { .. }
                | Error::Lang { .. }
                | Error::BadValue { .. }
                | Error::MissingSeg { .. }
                | Error::EmptyUnit { .. }
                | Error::DuplicateLang { .. }
                | Error::TooManyLangs { what: "<tu>", .. }
                | Error::TooLong {
                    what: "<seg>" | "a cell",
                    ..
                }
                | Error::Unexpected { .. }
                | Error::UnexpectedText { .. }
                | Error::TsvColumns { .. }
                | Error::TsvStatus { .. }
        )
    }

    /// The location of the error (the default, empty location for output errors).
    pub fn location(&self) -> &Location {
        static NOWHERE: Location = Location {
            path: None,
            line: 0,
            col: 0,
        };
        match self {
            Error::Write { .. } => &NOWHERE,
            Error::Io { at, .. }
            | Error::Xml { at, .. }
            | Error::Truncated { at, .. }
            | Error::EntityDeclaration { at }
            | Error::UndeclaredEntity { at, .. }
            | Error::ForbiddenChar { at, .. }
            | Error::NotTmx { at, .. }
            | Error::NotXml { at }
            | Error::Unexpected { at, .. }
            | Error::UnexpectedText { at, .. }
            | Error::MissingAttr { at, .. }
            | Error::Lang { at, .. }
            | Error::BadValue { at, .. }
            | Error::MissingSeg { at }
            | Error::EmptyUnit { at }
            | Error::DuplicateLang { at, .. }
            | Error::TooManyLangs { at, .. }
            | Error::TooLong { at, .. }
            | Error::TsvHeader { at, .. }
            | Error::TsvColumns { at, .. }
            | Error::TsvStatus { at, .. }
            | Error::TsvUtf8 { at } => at,
        }
    }
}

/// The `<header>` of a TMX file as read: the unit model's [`crate::unit::ImportHeader`].
pub use crate::unit::ImportHeader as Header;

/// A TMX date (TMX 1.4b §3.1: ISO 8601 basic format, UTC), `YYYYMMDDThhmmssZ`.
const TMX_DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");

/// Formats unix seconds as a TMX date, `YYYYMMDDThhmmssZ` in UTC.
///
/// ```
/// assert_eq!(tmkit::tmx::format_date(1_715_768_100), "20240515T101500Z");
/// ```
pub fn format_date(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        // A year before 1 cannot be written in four digits.
        .filter(|t| t.year() >= 0)
        .and_then(|t| t.format(TMX_DATE).ok())
        // Out of the representable range: the epoch, rather than an invalid date.
        .unwrap_or_else(|| "19700101T000000Z".to_string())
}

/// Parses a TMX date `YYYYMMDDThhmmssZ` into unix seconds; None when it is not one.
pub fn parse_date(value: &str) -> Option<i64> {
    // A reader parses two or three dates per unit: the usual, valid form is read directly; anything
    // else goes to `time`'s parser, which has the last word.
    if let Some(t) = parse_valid_date(value.as_bytes()) {
        return Some(t);
    }
    // `[year]` would accept a sign before the year.
    if !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let t = time::PrimitiveDateTime::parse(value, TMX_DATE).ok()?;
    Some(t.assume_utc().unix_timestamp())
}

/// A valid `YYYYMMDDThhmmssZ` (a real day of the proleptic Gregorian calendar, hours 0–23,
/// minutes and seconds 0–59) as unix seconds; None for anything else, valid or not.
fn parse_valid_date(value: &[u8]) -> Option<i64> {
    let &[
        y0,
        y1,
        y2,
        y3,
        mo0,
        mo1,
        d0,
        d1,
        b'T',
        h0,
        h1,
        mi0,
        mi1,
        s0,
        s1,
        b'Z',
    ] = value
    else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| b - b'0');
    let two = |a: u8, b: u8| Some(digit(a)? * 10 + digit(b)?);
    let year = i32::from(two(y0, y1)?) * 100 + i32::from(two(y2, y3)?);
    // The calendar's rules (days of each month, leap years) and the count of days are `time`'s:
    // only its format parser is skipped.
    let month = time::Month::try_from(two(mo0, mo1)?).ok()?;
    let date = time::Date::from_calendar_date(year, month, two(d0, d1)?).ok()?;
    let at = date
        .with_hms(two(h0, h1)?, two(mi0, mi1)?, two(s0, s1)?)
        .ok()?;
    Some(at.assume_utc().unix_timestamp())
}

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether the writer leaves `c` out: characters XML 1.0 forbids, plus the ones it discourages (C1
/// controls U+007F–U+009F, noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF).
pub fn is_dropped_on_write(c: char) -> bool {
    let u = c as u32;
    !is_xml_char(c)
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Escapes text content: `& < >`, and CR as `&#13;` (a raw CR would be read back as LF).
pub(crate) fn escape_text(s: &str) -> Cow<'_, str> {
    escape_with(s, false)
}

/// Escapes an attribute value: `& < > "`, and tab, LF, CR as character references (attribute-value
/// normalisation would turn them into spaces).
pub(crate) fn escape_attr(s: &str) -> Cow<'_, str> {
    escape_with(s, true)
}

fn escape_with(s: &str, attr: bool) -> Cow<'_, str> {
    let needs = |c: char| match c {
        '&' | '<' | '>' | '\r' => true,
        '"' | '\t' | '\n' => attr,
        _ => false,
    };
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attr => out.push_str("&quot;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_dates_are_written_in_the_basic_iso_form_with_every_field_padded() {
        assert_eq!(format_date(-62_135_596_800), "00010101T000000Z");
        assert_eq!(format_date(951_782_400), "20000229T000000Z");
        assert_eq!(format_date(253_402_300_799), "99991231T235959Z");
        // Beyond four-digit years: the epoch.
        assert_eq!(format_date(253_402_300_800), "19700101T000000Z");
        assert_eq!(format_date(i64::MIN), "19700101T000000Z");
        assert_eq!(parse_date("00010101T000000Z"), Some(-62_135_596_800));
        assert_eq!(parse_date("20000229T000000Z"), Some(951_782_400));
        for bad in [
            "+2024051T101500Z",
            "-2024051T101500Z",
            "20230229T000000Z",
            "20240515T240000Z",
            "20240515T101560Z",
            "2024515T101500Z",
            "20240515 101500Z",
            "20240515t101500z",
            "20240515T101500Z ",
            " 20240515T101500Z",
            "202405150T101500Z",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_direct_date_parse_agrees_with_times_parser() {
        let by_time = |v: &str| {
            time::PrimitiveDateTime::parse(v, TMX_DATE)
                .ok()
                .map(|t| t.assume_utc().unix_timestamp())
        };
        // Every day of a leap century, a plain century, a leap year and year 0, at odd times; then
        // impossible days, hours, minutes and seconds.
        for year in [0, 1, 1900, 1969, 1970, 2000, 2024, 2100, 9999] {
            for month in 1..=13 {
                for day in 0..=32 {
                    for (h, m, s) in [
                        (0, 0, 0),
                        (23, 59, 59),
                        (10, 15, 0),
                        (24, 0, 0),
                        (0, 60, 0),
                        (0, 0, 60),
                    ] {
                        let v = format!("{year:04}{month:02}{day:02}T{h:02}{m:02}{s:02}Z");
                        let direct = parse_valid_date(v.as_bytes());
                        if direct.is_some() {
                            assert_eq!(direct, by_time(&v), "{v}");
                        }
                        assert_eq!(parse_date(&v), by_time(&v), "{v}");
                    }
                }
            }
        }
        assert_eq!(parse_valid_date(b"20240229T101500Z"), Some(1_709_201_700));
        assert_eq!(parse_valid_date(b"20230229T101500Z"), None);
        assert_eq!(parse_valid_date(b"2024022 T101500Z"), None);
    }

    #[test]
    fn dates_round_trip_in_the_basic_iso_form() {
        assert_eq!(format_date(0), "19700101T000000Z");
        assert_eq!(format_date(1_715_768_100), "20240515T101500Z");
        assert_eq!(parse_date("20240515T101500Z"), Some(1_715_768_100));
        assert_eq!(parse_date("2024-05-15T10:15:00Z"), None);
        assert_eq!(parse_date("20241315T101500Z"), None);
        assert_eq!(parse_date("20240515T101500"), None);
    }

    #[test]
    fn forbidden_and_discouraged_characters_are_dropped() {
        assert!(is_dropped_on_write('\u{1}'));
        assert!(is_dropped_on_write('\u{FFFE}'));
        assert!(is_dropped_on_write('\u{85}'));
        assert!(is_dropped_on_write('\u{1FFFF}'));
        assert!(!is_dropped_on_write('\t'));
        assert!(!is_dropped_on_write('ə'));
        assert!(!is_dropped_on_write('😀'));
    }

    #[test]
    fn escaping_text_and_attributes() {
        assert_eq!(escape_text("a<b & \"c\"\r"), "a&lt;b &amp; \"c\"&#13;");
        assert_eq!(escape_attr("a\t\"b\"\n"), "a&#9;&quot;b&quot;&#10;");
        assert!(matches!(escape_text("plain"), Cow::Borrowed(_)));
    }
}
