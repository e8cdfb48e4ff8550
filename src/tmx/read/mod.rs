//! The streaming TMX reader: a pull loop over reused buffers (`read_event_into`, then `clear`), one per
//! level of nesting, so that an element's reader keeps its start tag while it reads the content and
//! every event is borrowed, never copied or allocated.
//!
//! [`TmxReader::new`] reads up to `<body>` (the XML declaration, an optional DOCTYPE, `<tmx>` and
//! `<header>`); [`TmxReader::next_unit`] then returns one `<tu>` at a time as a [`NewUnit`]. Memory use
//! is bounded by the largest unit, not by the file.
//!
//! Encodings (`read/decode.rs`): a UTF-8 BOM is dropped; UTF-16 LE/BE (with a BOM, or detected from
//! `<?` in either byte order) is transcoded to UTF-8 on the fly in bounded memory, so positions in
//! errors (`read/position.rs`) count lines and characters the same way whatever the encoding. The
//! `encoding` pseudo-attribute of the XML declaration is not consulted.
//!
//! Limits ([`Limits`]): a `<tu>` with more than `max_langs` variants, or a `<seg>` whose text is longer
//! than `max_segment_bytes`, is a unit error (the reader goes on past it); any one piece of the file
//! between two tags longer than that (at least 64 KiB) ends the reading at once, before the piece is
//! held in memory whole. A `<tu>`'s languages are told apart through a hash set: linear however many.
//!
//! Errors about one unit's content (a `<tuv>` without `xml:lang`, a bad date …) are returned after the
//! reader has moved past that `</tu>`, so a caller may skip the unit and go on
//! ([`super::Error::is_unit_error`]); XML that is not well formed ends the reading.

mod decode;
mod position;

use decode::Decoded;
use position::{EventTooLong, Tracker};

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Read};
use std::path::PathBuf;

use quick_xml::XmlVersion;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::{Error, Header, Limits, escape_attr, escape_text, is_xml_char, parse_date};
use crate::lang::Lang;
use crate::location::Location;
use crate::unit::{NewUnit, NewVariant, Origin, Prop, PropKind, Status};

/// The least bytes one piece between two tags may span whatever the segment limit: room for a
/// `<header>` start tag with all its attributes.
const MIN_EVENT_BYTES: usize = 64 * 1024;

/// The limit a reading error reports when it is the tracker's [`EventTooLong`].
fn too_long(error: &quick_xml::Error) -> Option<usize> {
    match error {
        quick_xml::Error::Io(e) => e
            .get_ref()
            .and_then(|e| e.downcast_ref::<EventTooLong>())
            .map(|e| e.limit as usize),
        _ => None,
    }
}

/// Language tags whose parse a reader keeps: more than a file of a handful of languages names.
const KNOWN_LANGS: usize = 32;

/// Variants of a `<tu>` up to which a new variant's language is checked against the others one by
/// one; past it, through a hash set.
const FEW_LANGS: usize = 16;

/// Inline elements allowed inside `<seg>` (and inside each other).
const INLINE: &[&str] = &["bpt", "ept", "it", "ph", "hi", "ut", "sub"];

/// One unit read from a file, with the line its `<tu>` starts on.
#[derive(Debug, Clone)]
pub struct ReadUnit {
    /// The unit (origin `imported`).
    pub unit: NewUnit,
    /// The 1-based line of its `<tu>`.
    pub line: u64,
}

/// A streaming TMX reader.
///
/// ```
/// let tmx = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1"
///   segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
///   <tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="az-AZ"><seg>Salam</seg></tuv></tu>
///   </body></tmx>"#;
/// let mut reader = tmkit::tmx::TmxReader::new(tmx.as_bytes(), None)?;
/// let unit = reader.next_unit().ok_or("no unit")??.unit;
/// assert_eq!(unit.variants[1].lang.as_str(), "az-Latn");
/// assert_eq!(unit.variants[1].text, "Salam");
/// assert!(reader.next_unit().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct TmxReader<R: Read> {
    xml: quick_xml::Reader<Tracker<Decoded<R>>>,
    /// Event buffers not in use, one per level of nesting once warm (see [`TmxReader::with_buf`]).
    spare: Vec<Vec<u8>>,
    path: Option<PathBuf>,
    header: Header,
    srclang: Option<Lang>,
    tool: Option<String>,
    limits: Limits,
    /// Tags parsed so far, with their languages (see [`TmxReader::lang`]).
    langs: Vec<(String, Lang)>,
    done: bool,
}

impl<R: Read> TmxReader<R> {
    /// Opens a TMX stream and reads its header, with the default [`Limits`]. `path` is used in error
    /// locations.
    ///
    /// # Errors
    /// As [`TmxReader::with_limits`].
    pub fn new(input: R, path: Option<PathBuf>) -> Result<TmxReader<R>, Error> {
        TmxReader::with_limits(input, path, Limits::default())
    }

    /// Opens a TMX stream and reads its header; units will be held to `limits`.
    ///
    /// # Errors
    /// [`Error::Xml`] for malformed XML, [`Error::NotTmx`] when the root is not `<tmx>`,
    /// [`Error::EntityDeclaration`] for a DOCTYPE declaring entities, [`Error::TooLong`] for a piece
    /// between two tags longer than the segment limit, [`Error::Io`].
    pub fn with_limits(
        input: R,
        path: Option<PathBuf>,
        limits: Limits,
    ) -> Result<TmxReader<R>, Error> {
        let decoded = Decoded::new(input).map_err(|source| Error::Io {
            at: Location::new(path.clone(), 0, 0),
            source,
        })?;
        let event_limit = limits.max_segment_bytes.max(MIN_EVENT_BYTES) as u64;
        let mut xml = quick_xml::Reader::from_reader(Tracker::new(decoded, event_limit));
        let config = xml.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        let mut reader = TmxReader {
            xml,
            spare: Vec::new(),
            path,
            header: Header::default(),
            srclang: None,
            tool: None,
            limits,
            langs: Vec::new(),
            done: false,
        };
        reader.read_prologue()?;
        Ok(reader)
    }

    /// The file's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// SHA-256 (hex) of the text read so far, as UTF-8; after the last unit, of the whole file.
    pub fn content_hash(&self) -> String {
        self.xml.get_ref().content_hash()
    }

    /// The location of the reader's current position.
    pub fn location(&self) -> Location {
        self.at(self.xml.buffer_position())
    }

    fn at(&self, pos: u64) -> Location {
        let (line, col) = self.xml.get_ref().line_col(pos);
        Location::new(self.path.clone(), line, col)
    }

    fn xml_error(&self, source: quick_xml::Error) -> Error {
        if let quick_xml::Error::Io(e) = &source {
            return Error::Io {
                at: self.location(),
                source: io::Error::new(e.kind(), e.to_string()),
            };
        }
        Error::Xml {
            at: self.at(self.xml.error_position()),
            cause: source,
        }
    }

    /// Runs `f` with an event buffer of its own: an element's reader keeps its start tag (in its
    /// caller's buffer) while it reads the element's content (in this one). Buffers are reused, so
    /// events are borrowed from them and reading allocates nothing per event.
    fn with_buf<T>(&mut self, f: impl FnOnce(&mut Self, &mut Vec<u8>) -> T) -> T {
        let mut buf = self.spare.pop().unwrap_or_default();
        let result = f(self, &mut buf);
        self.spare.push(buf);
        result
    }

    /// Reads the next event into `buf` (cleared first); returns it, borrowed, with its start position.
    fn next_event<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<(u64, Event<'b>), Error> {
        buf.clear();
        let start = self.xml.buffer_position();
        self.xml.get_mut().forget_before(start);
        match self.xml.read_event_into(buf) {
            Ok(event) => Ok((start, event)),
            Err(e) => Err(match too_long(&e) {
                Some(limit) => Error::TooLong {
                    at: self.at(start),
                    what: "the text or tag starting here",
                    limit,
                },
                None => self.xml_error(e),
            }),
        }
    }

    fn read_prologue(&mut self) -> Result<(), Error> {
        self.with_buf(|r, buf| r.read_prologue_in(buf))
    }

    fn read_prologue_in(&mut self, buf: &mut Vec<u8>) -> Result<(), Error> {
        // Before the root.
        let root = loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Text(t) if is_blank(&t) => {}
                Event::DocType(d) => {
                    if d.contains("<!ENTITY") {
                        return Err(Error::EntityDeclaration { at: self.at(pos) });
                    }
                }
                Event::Start(e) => break (pos, e),
                Event::Empty(e) => {
                    let found = name_of(&e);
                    return Err(if found == "tmx" {
                        Error::Truncated {
                            at: self.at(pos),
                            element: "tmx".into(),
                        }
                    } else {
                        Error::NotTmx {
                            at: self.at(pos),
                            found: found.to_string(),
                        }
                    });
                }
                Event::Eof => {
                    return Err(Error::NotTmx {
                        at: self.at(pos),
                        found: "nothing (the file is empty)".into(),
                    });
                }
                _ => return Err(Error::NotXml { at: self.at(pos) }),
            }
        };
        let (pos, tmx) = root;
        if name_of(&tmx) != "tmx" {
            return Err(Error::NotTmx {
                at: self.at(pos),
                found: name_of(&tmx).to_string(),
            });
        }
        self.header.version = self.attr(&self.attrs(&tmx, pos)?, pos, "version")?;
        // <header>
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) | Event::Empty(e) if name_of(&e) != "header" => {
                    return Err(self.unexpected(pos, name_of(&e), "tmx"));
                }
                Event::Start(e) => {
                    self.header_attrs(&e, pos)?;
                    self.header_children()?;
                    break;
                }
                Event::Empty(e) => {
                    self.header_attrs(&e, pos)?;
                    break;
                }
                Event::Eof => return Err(self.truncated(pos, "tmx")),
                _ => {
                    return Err(self.unexpected_text(pos, "tmx"));
                }
            }
        }
        // <body>
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) if name_of(&e) == "body" => return Ok(()),
                Event::Empty(e) if name_of(&e) == "body" => {
                    self.expect_end_of_tmx()?;
                    self.done = true;
                    return Ok(());
                }
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.unexpected(pos, name_of(&e), "tmx"));
                }
                Event::Eof => return Err(self.truncated(pos, "tmx")),
                _ => {
                    return Err(self.unexpected_text(pos, "tmx"));
                }
            }
        }
    }

    /// `element` at `pos`, where `parent` does not allow it.
    fn unexpected(&self, pos: u64, element: impl Into<String>, parent: &str) -> Error {
        Error::Unexpected {
            at: self.at(pos),
            element: element.into(),
            parent: parent.to_string(),
        }
    }

    /// Text (or a declaration) at `pos`, where `parent` allows only elements.
    fn unexpected_text(&self, pos: u64, parent: &str) -> Error {
        Error::UnexpectedText {
            at: self.at(pos),
            parent: parent.to_string(),
        }
    }

    fn truncated(&self, pos: u64, element: &str) -> Error {
        Error::Truncated {
            at: self.at(pos),
            element: element.to_string(),
        }
    }

    fn header_attrs(&mut self, e: &BytesStart<'_>, pos: u64) -> Result<(), Error> {
        let a = self.attrs(e, pos)?;
        let e = &a;
        let srclang = self.attr(e, pos, "srclang")?;
        self.srclang = match srclang.as_deref() {
            None => None,
            Some(s) if s.eq_ignore_ascii_case("*all*") => None,
            Some(s) => Some(Lang::parse(s).map_err(|source| Error::Lang {
                at: self.at(pos),
                source,
            })?),
        };
        let srclang_out = match (&self.srclang, srclang) {
            (Some(l), _) => Some(l.as_str().to_string()),
            (None, Some(_)) => Some("*all*".to_string()),
            (None, None) => None,
        };
        let h = Header {
            version: self.header.version.take(),
            srclang: srclang_out,
            creationtool: self.attr(e, pos, "creationtool")?,
            creationtoolversion: self.attr(e, pos, "creationtoolversion")?,
            segtype: self.attr(e, pos, "segtype")?,
            o_tmf: self.attr(e, pos, "o-tmf")?,
            adminlang: self.attr(e, pos, "adminlang")?,
            datatype: self.attr(e, pos, "datatype")?,
            o_encoding: self.attr(e, pos, "o-encoding")?,
            creationdate: self.attr(e, pos, "creationdate")?,
            creationid: self.attr(e, pos, "creationid")?,
            changedate: self.attr(e, pos, "changedate")?,
            changeid: self.attr(e, pos, "changeid")?,
            props: Vec::new(),
        };
        self.header = h;
        let h = &self.header;
        self.tool = match (&h.creationtool, &h.creationtoolversion) {
            (Some(t), Some(v)) => Some(format!("{t} {v}")),
            (Some(t), None) => Some(t.clone()),
            _ => None,
        };
        Ok(())
    }

    fn header_children(&mut self) -> Result<(), Error> {
        self.with_buf(|r, buf| r.header_children_in(buf))
    }

    fn header_children_in(&mut self, buf: &mut Vec<u8>) -> Result<(), Error> {
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => return Ok(()),
                Event::Start(e) => match name_of(&e) {
                    "prop" | "note" => {
                        let prop = self.read_prop(&e, pos)?;
                        self.header.props.push(prop);
                    }
                    // User-defined characters: not supported, skipped whole.
                    "ude" => self.skip_element("ude")?,
                    other => {
                        return Err(self.unexpected(pos, other, "header"));
                    }
                },
                Event::Empty(e) => match name_of(&e) {
                    "prop" | "note" | "ude" => {}
                    other => {
                        return Err(self.unexpected(pos, other, "header"));
                    }
                },
                Event::Eof => return Err(self.truncated(pos, "header")),
                _ => {
                    return Err(self.unexpected_text(pos, "header"));
                }
            }
        }
    }

    fn expect_end_of_tmx(&mut self) -> Result<(), Error> {
        self.with_buf(|r, buf| r.expect_end_of_tmx_in(buf))
    }

    fn expect_end_of_tmx_in(&mut self, buf: &mut Vec<u8>) -> Result<(), Error> {
        let mut closed_tmx = false;
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) if !closed_tmx => closed_tmx = true,
                Event::Eof if closed_tmx => return Ok(()),
                Event::Eof => return Err(self.truncated(pos, "tmx")),
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.unexpected(
                        pos,
                        name_of(&e),
                        if closed_tmx { "the document" } else { "tmx" },
                    ));
                }
                _ => {
                    return Err(self.unexpected_text(pos, "tmx"));
                }
            }
        }
    }

    /// The next unit; None after `</body>`.
    ///
    /// # Errors
    /// Unit errors ([`Error::is_unit_error`]) leave the reader after that unit, so reading may go on;
    /// any other error ends the reading (later calls return None).
    pub fn next_unit(&mut self) -> Option<Result<ReadUnit, Error>> {
        if self.done {
            return None;
        }
        let result = self.read_unit();
        self.done = match &result {
            Ok(unit) => unit.is_none(),
            Err(e) => !e.is_unit_error(),
        };
        result.transpose()
    }

    fn read_unit(&mut self) -> Result<Option<ReadUnit>, Error> {
        self.with_buf(|r, buf| r.read_unit_in(buf))
    }

    fn read_unit_in(&mut self, buf: &mut Vec<u8>) -> Result<Option<ReadUnit>, Error> {
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) if name_of(&e) == "tu" => {
                    let line = self.xml.get_ref().line(pos);
                    let mut first_error = None;
                    let unit = self.read_tu(&e, pos, &mut first_error)?;
                    return match first_error {
                        Some(err) => Err(err),
                        None => Ok(Some(ReadUnit { unit, line })),
                    };
                }
                Event::Empty(e) if name_of(&e) == "tu" => {
                    return Err(Error::EmptyUnit { at: self.at(pos) });
                }
                Event::End(_) => {
                    self.expect_end_of_tmx()?;
                    return Ok(None);
                }
                Event::Start(e) => {
                    let element = name_of(&e);
                    let err = self.unexpected(pos, element, "body");
                    self.skip_element(element)?;
                    return Err(err);
                }
                Event::Empty(e) => {
                    return Err(self.unexpected(pos, name_of(&e), "body"));
                }
                Event::Eof => return Err(self.truncated(pos, "body")),
                _ => {
                    return Err(self.unexpected_text(pos, "body"));
                }
            }
        }
    }

    /// Reads one `<tu>` to its end. Unit-level problems go to `first_error` (reading goes on to
    /// `</tu>`); well-formedness errors are returned.
    fn read_tu(
        &mut self,
        e: &BytesStart<'_>,
        pos: u64,
        first_error: &mut Option<Error>,
    ) -> Result<NewUnit, Error> {
        self.with_buf(|r, buf| r.read_tu_in(buf, e, pos, first_error))
    }

    fn read_tu_in(
        &mut self,
        buf: &mut Vec<u8>,
        e: &BytesStart<'_>,
        pos: u64,
        first_error: &mut Option<Error>,
    ) -> Result<NewUnit, Error> {
        let mut unit = NewUnit::new(Origin::Imported, Vec::new());
        unit.creation_tool = self.tool.clone();
        unit.srclang = self.srclang.clone();
        let note = |err: Error, slot: &mut Option<Error>| {
            if slot.is_none() {
                *slot = Some(err);
            }
        };
        macro_rules! soft {
            ($r:expr) => {
                match $r {
                    Ok(v) => v,
                    Err(err) if err.is_unit_error() => {
                        note(err, first_error);
                        Default::default()
                    }
                    Err(err) => return Err(err),
                }
            };
        }
        let [
            tuid,
            srclang,
            created,
            changed,
            used,
            created_by,
            changed_by,
            count,
        ] = self.slots(
            e,
            pos,
            [
                "tuid",
                "srclang",
                "creationdate",
                "changedate",
                "lastusagedate",
                "creationid",
                "changeid",
                "usagecount",
            ],
        )?;
        unit.tuid = soft!(self.string(&tuid, pos));
        let tu_srclang = soft!(self.value(&srclang, pos));
        if let Some(s) = tu_srclang.filter(|s| !s.eq_ignore_ascii_case("*all*")) {
            unit.srclang = soft!(self.lang(&s, pos).map(Some));
        }
        unit.created_at = soft!(self.date(&created, pos, "creationdate"));
        unit.changed_at = soft!(self.date(&changed, pos, "changedate"));
        unit.last_used_at = soft!(self.date(&used, pos, "lastusagedate"));
        unit.created_by = soft!(self.string(&created_by, pos));
        unit.changed_by = soft!(self.string(&changed_by, pos));
        if let Some(count) = soft!(self.value(&count, pos)) {
            match count.trim().parse::<u64>() {
                Ok(n) => unit.usage_count = n,
                Err(_) => note(
                    Error::BadValue {
                        at: self.at(pos),
                        attr: "usagecount".into(),
                        value: count.into_owned(),
                        expected: "a whole number",
                    },
                    first_error,
                ),
            }
        }
        // The languages of the variants so far, once there are more than a few: a hash set keeps a
        // `<tu>` of many `<tuv>` linear (a unit of a handful is looked through, without hashing).
        let mut langs: Option<HashSet<Lang>> = None;
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => break,
                Event::Start(e) => match name_of(&e) {
                    "prop" | "note" => {
                        let prop = self.read_prop(&e, pos)?;
                        self.unit_prop(&mut unit, prop);
                    }
                    "tuv" => {
                        if let Some(variant) = self.read_tuv(&e, pos, first_error)? {
                            let seen = match &langs {
                                Some(set) => set.contains(&variant.lang),
                                None => unit.variants.iter().any(|v| v.lang == variant.lang),
                            };
                            if seen {
                                note(
                                    Error::DuplicateLang {
                                        at: self.at(pos),
                                        lang: variant.lang.as_str().into(),
                                    },
                                    first_error,
                                );
                            } else if unit.variants.len() >= self.limits.max_langs {
                                note(
                                    Error::TooManyLangs {
                                        at: self.at(pos),
                                        what: "<tu>",
                                        limit: self.limits.max_langs,
                                    },
                                    first_error,
                                );
                            } else {
                                if let Some(set) = &mut langs {
                                    set.insert(variant.lang.clone());
                                } else if unit.variants.len() >= FEW_LANGS {
                                    let mut set: HashSet<Lang> =
                                        unit.variants.iter().map(|v| v.lang.clone()).collect();
                                    set.insert(variant.lang.clone());
                                    langs = Some(set);
                                }
                                unit.variants.push(variant);
                            }
                        }
                    }
                    other => {
                        note(self.unexpected(pos, other, "tu"), first_error);
                        self.skip_element(other)?;
                    }
                },
                Event::Empty(e) => match name_of(&e) {
                    "prop" | "note" => {}
                    "tuv" => note(Error::MissingSeg { at: self.at(pos) }, first_error),
                    other => note(self.unexpected(pos, other, "tu"), first_error),
                },
                Event::Eof => return Err(self.truncated(pos, "tu")),
                _ => note(self.unexpected_text(pos, "tu"), first_error),
            }
        }
        if unit.variants.is_empty() && first_error.is_none() {
            *first_error = Some(Error::EmptyUnit { at: self.at(pos) });
        }
        Ok(unit)
    }

    /// tmkit's own provenance props go back into the unit's columns; others are kept as props.
    fn unit_prop(&self, unit: &mut NewUnit, prop: Prop) {
        if prop.kind == PropKind::Prop {
            match prop.key.as_deref() {
                Some("x-confidence") => {
                    if let Some(c) = prop
                        .value
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|c| (0.0..=1.0).contains(c))
                    {
                        unit.confidence = Some(c);
                        return;
                    }
                }
                Some("x-status") => {
                    if let Ok(s) = Status::parse(prop.value.trim()) {
                        unit.status = s;
                        return;
                    }
                }
                _ => {}
            }
        }
        unit.props.push(prop);
    }

    fn read_tuv(
        &mut self,
        e: &BytesStart<'_>,
        pos: u64,
        first_error: &mut Option<Error>,
    ) -> Result<Option<NewVariant>, Error> {
        self.with_buf(|r, buf| r.read_tuv_in(buf, e, pos, first_error))
    }

    fn read_tuv_in(
        &mut self,
        buf: &mut Vec<u8>,
        e: &BytesStart<'_>,
        pos: u64,
        first_error: &mut Option<Error>,
    ) -> Result<Option<NewVariant>, Error> {
        let mut problem: Option<Error> = None;
        let keep = |r: Error, problem: &mut Option<Error>| {
            if problem.is_none() {
                *problem = Some(r);
            }
        };
        let [xml_lang, old_lang, created, changed, created_by, changed_by] = self.slots(
            e,
            pos,
            [
                "xml:lang",
                "lang",
                "creationdate",
                "changedate",
                "creationid",
                "changeid",
            ],
        )?;
        let tag = match self.value(&xml_lang, pos) {
            Ok(Some(t)) => Some(t),
            Ok(None) => self.value(&old_lang, pos)?,
            Err(err) => return Err(err),
        };
        let lang = match tag {
            None => {
                keep(
                    Error::MissingAttr {
                        at: self.at(pos),
                        element: "tuv",
                        attr: "xml:lang",
                    },
                    &mut problem,
                );
                None
            }
            Some(t) => match self.lang(&t, pos) {
                Ok(l) => Some(l),
                Err(err) => {
                    keep(err, &mut problem);
                    None
                }
            },
        };
        let mut dates = [None, None];
        for ((slot, attr), name) in dates
            .iter_mut()
            .zip([&created, &changed])
            .zip(["creationdate", "changedate"])
        {
            match self.date(attr, pos, name) {
                Ok(d) => *slot = d,
                Err(err) if err.is_unit_error() => keep(err, &mut problem),
                Err(err) => return Err(err),
            }
        }
        let created_by = self.string(&created_by, pos)?;
        let changed_by = self.string(&changed_by, pos)?;
        let mut props = Vec::new();
        let mut seg: Option<(String, Option<String>)> = None;
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => break,
                Event::Start(e) => match name_of(&e) {
                    "prop" | "note" => props.push(self.read_prop(&e, pos)?),
                    "seg" if seg.is_none() => match self.read_seg(pos)? {
                        Ok(s) => seg = Some(s),
                        Err(err) => {
                            keep(err, &mut problem);
                            seg = Some((String::new(), None));
                        }
                    },
                    other => {
                        keep(self.unexpected(pos, other, "tuv"), &mut problem);
                        self.skip_element(other)?;
                    }
                },
                Event::Empty(e) => match name_of(&e) {
                    "prop" | "note" => {}
                    "seg" if seg.is_none() => seg = Some((String::new(), None)),
                    other => keep(self.unexpected(pos, other, "tuv"), &mut problem),
                },
                Event::Eof => return Err(self.truncated(pos, "tuv")),
                _ => keep(self.unexpected_text(pos, "tuv"), &mut problem),
            }
        }
        if seg.is_none() {
            keep(Error::MissingSeg { at: self.at(pos) }, &mut problem);
        }
        if let Some(err) = problem {
            if first_error.is_none() {
                *first_error = Some(err);
            }
            return Ok(None);
        }
        let (Some(lang), Some((text, markup))) = (lang, seg) else {
            return Ok(None);
        };
        let mut variant = NewVariant::new(lang, text);
        variant.markup = markup;
        variant.created_at = dates[0];
        variant.changed_at = dates[1];
        variant.created_by = created_by;
        variant.changed_by = changed_by;
        variant.props = props;
        Ok(Some(variant))
    }

    /// Reads `<seg>` content after its start tag. The outer result is for fatal errors, the inner one
    /// for problems of this unit.
    #[allow(clippy::type_complexity)]
    fn read_seg(&mut self, seg_pos: u64) -> Result<Result<(String, Option<String>), Error>, Error> {
        self.with_buf(|r, buf| r.read_seg_in(buf, seg_pos))
    }

    #[allow(clippy::type_complexity)]
    fn read_seg_in(
        &mut self,
        buf: &mut Vec<u8>,
        seg_pos: u64,
    ) -> Result<Result<(String, Option<String>), Error>, Error> {
        let mut text = String::new();
        // The content as XML, kept once an inline element has been met: until then it would be the
        // text escaped, so only its length is counted (`markup_len`, for the limit) and it is made
        // from the text when the first inline element comes.
        let mut markup: Option<String> = None;
        let mut markup_len = 0usize;
        // Per open inline element: whether its content is translatable text.
        let mut stack: Vec<bool> = Vec::new();
        let mut problem = None;
        let max = self.limits.max_segment_bytes;
        loop {
            if let Some(m) = &markup {
                markup_len = m.len();
            }
            if problem.is_none() && (text.len() > max || markup_len > max.saturating_mul(4)) {
                problem = Some(Error::TooLong {
                    at: self.at(seg_pos),
                    what: "<seg>",
                    limit: max,
                });
            }
            if problem.is_some() {
                // The unit is refused: what follows is read to the end of the <seg>, not kept.
                text.clear();
                markup_len = 0;
                if let Some(m) = &mut markup {
                    m.clear();
                }
            }
            let (pos, event) = self.next_event(buf)?;
            let in_text = stack.last().copied().unwrap_or(true);
            // Content: escaped into the markup (or counted), and kept as text unless it is a native
            // code inside an inline element.
            let mut content = |s: &str| {
                match &mut markup {
                    Some(m) => m.push_str(&escape_text(s)),
                    None => markup_len += escaped_len(s),
                }
                if in_text {
                    text.push_str(s);
                }
            };
            match event {
                Event::Text(t) => content(&t.xml10_content()),
                Event::CData(c) => content(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    let c = self.resolve_ref(&r, pos)?;
                    let mut tmp = [0u8; 4];
                    content(c.encode_utf8(&mut tmp));
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) => {
                    let name = name_of(&e);
                    if !INLINE.contains(&name) {
                        if problem.is_none() {
                            problem = Some(self.unexpected(pos, name, "seg"));
                        }
                        self.skip_element(name)?;
                        continue;
                    }
                    let m = markup.get_or_insert_with(|| escape_text(&text).into_owned());
                    self.write_tag(m, &e, pos, false)?;
                    stack.push(match name {
                        "hi" => in_text,
                        "sub" => true,
                        _ => false,
                    });
                }
                Event::Empty(e) => {
                    let name = name_of(&e);
                    if !INLINE.contains(&name) {
                        if problem.is_none() {
                            problem = Some(self.unexpected(pos, name, "seg"));
                        }
                        continue;
                    }
                    let m = markup.get_or_insert_with(|| escape_text(&text).into_owned());
                    self.write_tag(m, &e, pos, true)?;
                }
                Event::End(e) => {
                    if stack.pop().is_none() {
                        break;
                    }
                    // An inline element was open, so the markup is kept.
                    if let Some(m) = &mut markup {
                        m.push_str("</");
                        m.push_str(e.name().as_ref());
                        m.push('>');
                    }
                }
                Event::Eof => return Err(self.truncated(pos, "seg")),
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(self.unexpected(pos, "!DOCTYPE", "seg"));
                }
            }
        }
        Ok(match problem {
            Some(p) => Err(p),
            None => Ok((text, markup)),
        })
    }

    fn write_tag(
        &self,
        markup: &mut String,
        e: &BytesStart<'_>,
        pos: u64,
        empty: bool,
    ) -> Result<(), Error> {
        markup.push('<');
        markup.push_str(name_of(e));
        for attr in e.attributes() {
            let attr = attr.map_err(|source| Error::Xml {
                at: self.at(pos),
                cause: source.into(),
            })?;
            let value = self.attr_value(&attr, pos)?;
            markup.push(' ');
            markup.push_str(attr.key.as_ref());
            markup.push_str("=\"");
            markup.push_str(&escape_attr(&value));
            markup.push('"');
        }
        markup.push_str(if empty { "/>" } else { ">" });
        Ok(())
    }

    fn resolve_ref(&self, r: &BytesRef<'_>, pos: u64) -> Result<char, Error> {
        let at = || self.at(pos);
        match r.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(c),
            Ok(Some(c)) => Err(Error::ForbiddenChar {
                at: at(),
                code: c as u32,
            }),
            Ok(None) => match &**r {
                "amp" => Ok('&'),
                "lt" => Ok('<'),
                "gt" => Ok('>'),
                "quot" => Ok('"'),
                "apos" => Ok('\''),
                name => Err(Error::UndeclaredEntity {
                    at: at(),
                    name: name.to_string(),
                }),
            },
            Err(source) => Err(Error::Xml {
                at: at(),
                cause: source,
            }),
        }
    }

    /// Reads the text content of a `<prop>` or `<note>` whose start tag was `e`.
    fn read_prop(&mut self, e: &BytesStart<'_>, pos: u64) -> Result<Prop, Error> {
        self.with_buf(|r, buf| r.read_prop_in(buf, e, pos))
    }

    fn read_prop_in(
        &mut self,
        buf: &mut Vec<u8>,
        e: &BytesStart<'_>,
        pos: u64,
    ) -> Result<Prop, Error> {
        let kind = if name_of(e) == "prop" {
            PropKind::Prop
        } else {
            PropKind::Note
        };
        let [key, lang, o_encoding] = self.slots(e, pos, ["type", "xml:lang", "o-encoding"])?;
        let key = match kind {
            PropKind::Prop => self.string(&key, pos)?,
            PropKind::Note => None,
        };
        let lang = self.string(&lang, pos)?;
        let o_encoding = self.string(&o_encoding, pos)?;
        let element = name_of(e);
        let mut value = String::new();
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Text(t) => value.push_str(&t.xml10_content()),
                Event::CData(c) => value.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => value.push(self.resolve_ref(&r, pos)?),
                Event::Comment(_) | Event::PI(_) => {}
                Event::End(_) => break,
                Event::Start(e) | Event::Empty(e) => {
                    return Err(self.unexpected(pos, name_of(&e), element));
                }
                Event::Eof => return Err(self.truncated(pos, element)),
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(self.unexpected_text(pos, element));
                }
            }
        }
        Ok(Prop {
            kind,
            key,
            lang,
            o_encoding,
            value,
        })
    }

    /// Skips to the end of the element whose start tag was just read.
    fn skip_element(&mut self, element: &str) -> Result<(), Error> {
        self.with_buf(|r, buf| r.skip_element_in(buf, element))
    }

    fn skip_element_in(&mut self, buf: &mut Vec<u8>, element: &str) -> Result<(), Error> {
        let mut depth = 1usize;
        loop {
            let (pos, event) = self.next_event(buf)?;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.truncated(pos, element)),
                _ => {}
            }
        }
    }

    fn attr_value<'a>(&self, attr: &Attribute<'a>, pos: u64) -> Result<Cow<'a, str>, Error> {
        match attr.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => {
                // Only a character reference can bring in a character XML forbids (quick-xml
                // checks the characters written as they are): most values have none to look at.
                if v.contains(|c: char| !is_xml_char(c)) {
                    let c = v.chars().find(|&c| !is_xml_char(c)).unwrap_or('\0');
                    return Err(Error::ForbiddenChar {
                        at: self.at(pos),
                        code: c as u32,
                    });
                }
                Ok(v)
            }
            Err(quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(
                _,
                name,
            ))) => Err(Error::UndeclaredEntity {
                at: self.at(pos),
                name,
            }),
            Err(source) => Err(Error::Xml {
                at: self.at(pos),
                cause: source,
            }),
        }
    }

    /// The value of attribute `name` (`xml:lang`, `o-tmf` …) of `e`, unescaped.
    /// The attributes of a start tag, parsed once: a `tu` asks for nine of them, and each search of
    /// the raw tag would parse (and check for duplicates) from the start.
    fn attrs<'a>(&self, e: &'a BytesStart<'_>, pos: u64) -> Result<Vec<Attribute<'a>>, Error> {
        e.attributes()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| Error::Xml {
                at: self.at(pos),
                cause: source.into(),
            })
    }

    fn attr(&self, attrs: &[Attribute<'_>], pos: u64, name: &str) -> Result<Option<String>, Error> {
        match attrs.iter().find(|a| a.key.as_ref() == name) {
            Some(attr) => self.string(&Some(attr.clone()), pos),
            None => Ok(None),
        }
    }

    /// The first attribute of `e` named each of `names`, found in one pass over the start tag, which
    /// checks every attribute (well formed, none repeated) as [`TmxReader::attrs`] does, without
    /// gathering them. The values are unescaped only when asked for ([`TmxReader::value`]).
    fn slots<'a, const N: usize>(
        &self,
        e: &'a BytesStart<'_>,
        pos: u64,
        names: [&str; N],
    ) -> Result<[Option<Attribute<'a>>; N], Error> {
        let mut slots = std::array::from_fn(|_| None);
        for attr in e.attributes() {
            let attr = attr.map_err(|source| Error::Xml {
                at: self.at(pos),
                cause: source.into(),
            })?;
            let key: &str = attr.key.as_ref();
            if let Some(i) = names.iter().position(|&n| n == key) {
                let slot: &mut Option<Attribute<'a>> = &mut slots[i];
                if slot.is_none() {
                    *slot = Some(attr);
                }
            }
        }
        Ok(slots)
    }

    /// The value of an attribute found by [`TmxReader::slots`], unescaped (borrowed when it holds
    /// no reference).
    fn value<'a>(
        &self,
        attr: &Option<Attribute<'a>>,
        pos: u64,
    ) -> Result<Option<Cow<'a, str>>, Error> {
        attr.as_ref().map(|a| self.attr_value(a, pos)).transpose()
    }

    /// As [`TmxReader::value`], owned.
    fn string(&self, attr: &Option<Attribute<'_>>, pos: u64) -> Result<Option<String>, Error> {
        Ok(self.value(attr, pos)?.map(Cow::into_owned))
    }

    /// A date attribute found by [`TmxReader::slots`]; `name` is for the error.
    fn date(
        &self,
        attr: &Option<Attribute<'_>>,
        pos: u64,
        name: &str,
    ) -> Result<Option<i64>, Error> {
        match self.value(attr, pos)? {
            None => Ok(None),
            Some(v) => match parse_date(v.trim()) {
                Some(d) => Ok(Some(d)),
                None => Err(Error::BadValue {
                    at: self.at(pos),
                    attr: name.into(),
                    value: v.into_owned(),
                    expected: "a TMX date (YYYYMMDDThhmmssZ)",
                }),
            },
        }
    }

    /// The language of `tag`. A file names the same few languages on every unit: their parses are
    /// kept (at most [`KNOWN_LANGS`]), so a `<tuv>` costs a comparison instead of a BCP 47 parse.
    fn lang(&mut self, tag: &str, pos: u64) -> Result<Lang, Error> {
        if let Some((_, lang)) = self.langs.iter().find(|(t, _)| t == tag) {
            return Ok(lang.clone());
        }
        let lang = Lang::parse(tag).map_err(|source| Error::Lang {
            at: self.at(pos),
            source,
        })?;
        if self.langs.len() < KNOWN_LANGS {
            self.langs.push((tag.to_string(), lang.clone()));
        }
        Ok(lang)
    }
}

/// The length of `s` escaped as text ([`escape_text`]): `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`,
/// CR → `&#13;`. Two vectorised scans; most text has none of them.
fn escaped_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let marks: usize = memchr::memchr3_iter(b'&', b'<', b'>', bytes)
        .map(|i| if bytes.get(i) == Some(&b'&') { 4 } else { 3 })
        .sum();
    s.len() + marks + 4 * memchr::memchr_iter(b'\r', bytes).count()
}

/// Whether text between elements is only white space (as `str::trim` sees it): the indentation of
/// a TMX file, most often plain ASCII, which is told without decoding characters.
fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        || text.trim().is_empty()
}

/// The element's name, borrowed: no allocation per element.
fn name_of<'a>(e: &'a BytesStart<'_>) -> &'a str {
    e.name().into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
"#;

    /// A `<tu>` on line 5 with one `<tuv>` (each on a line of its own) per tag.
    fn unit_of(tags: &[String]) -> String {
        let tuvs: String = tags
            .iter()
            .map(|t| format!("<tuv xml:lang=\"{t}\"><seg>{t}</seg></tuv>\n"))
            .collect();
        format!(
            "{HEAD}<tu>\n{tuvs}</tu>\n<tu><tuv xml:lang=\"en\"><seg>next</seg></tuv></tu>\n</body></tmx>"
        )
    }

    #[test]
    fn a_unit_of_many_languages_is_read_in_linear_time_up_to_the_limit() {
        // Issue #16, item 6: a <tu> of 30k <tuv> took 4.5 s (each variant compared with all before).
        let tags: Vec<String> = (0..5_000).map(|i| format!("qaa-{i:05}")).collect();
        let xml = unit_of(&tags);
        let limits = Limits {
            max_langs: 5_000,
            ..Limits::default()
        };
        let mut reader = TmxReader::with_limits(xml.as_bytes(), None, limits).expect("header");
        let unit = reader
            .next_unit()
            .expect("one")
            .expect("within the limit")
            .unit;
        assert_eq!(unit.variants.len(), 5_000);
        assert_eq!(unit.variants[4_999].text, "qaa-04999");
        // Over the default limit of 1,000: a unit error on the <tuv> past it; the next unit is read.
        let mut reader = TmxReader::new(xml.as_bytes(), Some("t.tmx".into())).expect("header");
        let err = reader.next_unit().expect("one").expect_err("too many");
        assert!(err.is_unit_error());
        assert_eq!(
            err.to_string(),
            "t.tmx:1006:1: <tu> has more than 1000 languages, the limit on languages per unit (--max-langs)"
        );
        let next = reader.next_unit().expect("two").expect("read on").unit;
        assert_eq!(next.variants[0].text, "next");
    }

    #[test]
    fn a_segment_longer_than_the_limit_is_a_unit_error_at_its_seg() {
        let limits = Limits {
            max_segment_bytes: 10,
            ..Limits::default()
        };
        // Ten bytes of text fit however they are written (two-byte ə, a character reference, CDATA);
        // eleven do not.
        let xml = format!(
            "{HEAD}<tu><tuv xml:lang=\"az\"><seg>əəə&#601;<![CDATA[ab]]></seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"en\"><seg>elevenbytes</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv></tu></body></tmx>"
        );
        let mut reader =
            TmxReader::with_limits(xml.as_bytes(), Some("t.tmx".into()), limits).expect("header");
        let first = reader.next_unit().expect("one").expect("fits").unit;
        assert_eq!(first.variants[0].text, "əəəəab");
        let err = reader.next_unit().expect("two").expect_err("too long");
        assert!(err.is_unit_error());
        assert_eq!(
            err.to_string(),
            "t.tmx:6:24: <seg> is longer than 10 bytes, the limit on segment size (--max-segment-bytes)"
        );
        let third = reader.next_unit().expect("three").expect("read on").unit;
        assert_eq!(third.variants[0].text, "ok");
    }

    #[test]
    fn a_text_node_far_over_the_limit_stops_the_reading_before_it_is_held_whole() {
        // Issue #16, item 7: one 100 MB text node took 2.5 GB to import. The reading stops once the
        // text passes the limit (at least 64 KiB), at the place the text starts.
        let limits = Limits {
            max_segment_bytes: 10,
            ..Limits::default()
        };
        let huge = "x".repeat(1 << 20);
        let xml =
            format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>{huge}</seg></tuv></tu></body></tmx>");
        let mut reader =
            TmxReader::with_limits(xml.as_bytes(), Some("t.tmx".into()), limits).expect("header");
        let err = reader.next_unit().expect("one").expect_err("too long");
        assert!(!err.is_unit_error());
        assert_eq!(
            err.to_string(),
            "t.tmx:5:29: the text or tag starting here is longer than 65536 bytes, the limit on segment size (--max-segment-bytes)"
        );
        assert!(reader.next_unit().is_none());
        let most = reader.spare.iter().map(Vec::capacity).max();
        assert!(most.is_some_and(|c| c < 256 * 1024), "{most:?}");
    }

    fn read_all(xml: &str) -> Result<Vec<NewUnit>, Error> {
        let mut reader = TmxReader::new(xml.as_bytes(), Some("t.tmx".into()))?;
        let mut units = Vec::new();
        while let Some(u) = reader.next_unit() {
            units.push(u?.unit);
        }
        Ok(units)
    }

    /// What the reader makes of `bytes`: the header, each unit with its line or each error with its
    /// cause, and the count and content hash at the end (the form of `reader-corners.golden.txt`).
    fn dump(bytes: &[u8], path: &str) -> String {
        let mut out = String::new();
        let mut reader = match TmxReader::new(bytes, Some(path.into())) {
            Ok(reader) => reader,
            Err(e) => return format!("header error: {e}\n"),
        };
        out += &format!("{:?}\n", reader.header());
        let mut n = 0;
        while let Some(unit) = reader.next_unit() {
            n += 1;
            out += &match unit {
                Ok(u) => format!("{} {:?}\n", u.line, u.unit),
                Err(e) => {
                    let cause = std::error::Error::source(&e).map(|s| s.to_string());
                    format!("error: {e} / {cause:?}\n")
                }
            };
        }
        out += &format!("{n} units, hash {}\n", reader.content_hash());
        out
    }

    #[test]
    fn the_reader_reads_its_odd_corners_as_the_session_6_reader_did() {
        // The golden file was written by the reader of ca33784, before reading borrowed its events
        // and counted lines per buffer: the same units (entities, CDATA, inline codes, props and
        // notes at every level, CRLF and lone CR, blank text that is not ASCII between units), the
        // same unit errors at the same line:col, and for the file cut short anywhere, the same
        // error and content hash of what was read.
        let tmx: &[u8] = include_bytes!("../../../tests/fixtures/tmx/reader-corners.tmx");
        let golden = include_str!("../../../tests/fixtures/tmx/reader-corners.golden.txt");
        let mut got = format!("== whole\n{}", dump(tmx, "reader-corners.tmx"));
        for cut in [700, 1234, 1700, 2345, 2600] {
            got += &format!("== cut {cut}\n");
            got += &dump(&tmx[..cut], "reader-corners-cut.tmx");
        }
        for (i, (got, expected)) in got.lines().zip(golden.lines()).enumerate() {
            assert_eq!(got, expected, "line {} of the golden file", i + 1);
        }
        assert_eq!(got.lines().count(), golden.lines().count());
    }

    #[test]
    fn inline_codes_are_kept_as_markup_and_left_out_of_the_text() {
        let xml = format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>Press <bpt i=\"1\">&lt;b&gt;</bpt>Enter<ept i=\"1\">&lt;/b&gt;</ept> &amp; go<ph x=\"2\"/></seg></tuv></tu></body></tmx>"
        );
        let units = read_all(&xml).expect("reads");
        let v = &units[0].variants[0];
        assert_eq!(v.text, "Press Enter & go");
        assert_eq!(
            v.markup.as_deref(),
            Some(
                "Press <bpt i=\"1\">&lt;b&gt;</bpt>Enter<ept i=\"1\">&lt;/b&gt;</ept> &amp; go<ph x=\"2\"/>"
            )
        );
    }

    #[test]
    fn an_error_names_line_and_column_in_characters() {
        let xml = format!(
            "{HEAD}<tu><tuv><seg>ə</seg></tuv></tu>\n  <tu>ə<tuv xml:lang=\"en\"><seg>x</seg></tu></body></tmx>"
        );
        let mut reader = TmxReader::new(xml.as_bytes(), Some("t.tmx".into())).expect("header");
        let err = reader.next_unit().expect("one").expect_err("no lang");
        assert_eq!(
            err.to_string(),
            "t.tmx:5:5: <tuv> has no xml:lang attribute"
        );
        let err = reader.next_unit().expect("two").expect_err("bad nesting");
        assert!(err.to_string().starts_with("t.tmx:6:"), "{err}");
        assert!(err.to_string().contains("malformed XML"), "{err}");
        assert!(reader.next_unit().is_none());
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let xml = format!(
            "{HEAD}<tu><tuv lang=\"EN-US\"><seg>Ilham 😀</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Ильхам</seg></tuv></tu></body></tmx>"
        )
        .replace("UTF-8", "UTF-16");
        for le in [true, false] {
            let mut bytes = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in xml.encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let mut reader = TmxReader::new(&bytes[..], None).expect("header");
            let unit = reader.next_unit().expect("unit").expect("ok").unit;
            assert_eq!(unit.variants[0].text, "Ilham 😀");
            assert_eq!(unit.variants[1].lang.as_str(), "ru");
        }
    }

    #[test]
    fn billion_laughs_is_refused_at_the_doctype() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>&b;</seg></tuv></tu></body></tmx>";
        let err = read_all(xml).expect_err("refused");
        assert!(matches!(err, Error::EntityDeclaration { .. }), "{err}");
        assert!(err.to_string().starts_with("t.tmx:2:1:"), "{err}");
    }

    /// `text` in UTF-16LE after a BOM.
    fn utf16le(text: &str) -> Vec<u8> {
        std::iter::once(0xFEFF)
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect()
    }

    /// A source that counts the bytes read from it where the test can still see them.
    struct Counting<'a> {
        inner: &'a [u8],
        read: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl Read for Counting<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read.set(self.read.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn a_large_utf16_file_is_read_with_memory_independent_of_its_size() {
        // Issue #10: a surrogate pair split by the decoder's input buffer made the old reader read
        // the rest of the file into memory. Here an emoji straddles every 64 KiB boundary of the
        // file (in a comment between units), and every segment holds emoji.
        const BOUNDARY: usize = 64 * 1024;
        let head = HEAD.replace("UTF-8", "UTF-16");
        let mut xml = head.clone();
        let mut at = 2 + 2 * xml.encode_utf16().count(); // byte offset: the BOM, then the text
        let mut end = at;
        let mut units = Vec::new();
        let mut straddled = 0;
        let mut push = |xml: &mut String, s: &str| {
            xml.push_str(s);
            at += 2 * s.encode_utf16().count();
            at
        };
        let mut i = 0;
        while end < 3_000_000 {
            let unit = format!(
                "<tu><tuv xml:lang=\"en\"><seg>😀 unit {i} 😀</seg></tuv><tuv xml:lang=\"az\"><seg>Əliyev 😀 {i}</seg></tuv></tu>\n"
            );
            let next = (end / BOUNDARY + 1) * BOUNDARY;
            if next - end < 2 * unit.encode_utf16().count() + 40 {
                // Pad so that the comment's emoji starts 2 bytes before the boundary.
                let spaces = (next - 2 - end - 2 * "<!--".len()) / 2;
                push(&mut xml, &" ".repeat(spaces));
                let before = push(&mut xml, "<!--");
                assert_eq!(before, next - 2);
                push(&mut xml, "😀-->");
                straddled += 1;
            }
            end = push(&mut xml, &unit);
            units.push((i, end));
            i += 1;
        }
        xml.push_str("</body></tmx>");
        let bytes = utf16le(&xml);
        assert!(straddled >= 40, "{straddled}");
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let source = Counting {
            inner: &bytes,
            read: read.clone(),
        };
        let mut reader = TmxReader::new(source, None).expect("header");
        let mut expected = units.iter();
        let mut most_ahead = 0;
        while let Some(unit) = reader.next_unit() {
            let unit = unit.expect("valid").unit;
            let (i, end) = expected.next().expect("no more units than written");
            assert_eq!(unit.variants[0].text, format!("😀 unit {i} 😀"));
            assert_eq!(unit.variants[1].text, format!("Əliyev 😀 {i}"));
            // Read from the file beyond the end of this unit.
            most_ahead = most_ahead.max(read.get().saturating_sub(*end));
        }
        assert!(expected.next().is_none());
        assert_eq!(read.get(), bytes.len());
        // One input buffer, one output buffer (64 KiB of UTF-8 is at most 128 KiB of UTF-16) and
        // the markup of a unit: nothing that grows with the file's 3 MB.
        assert!(most_ahead < 256 * 1024, "{most_ahead}");
    }

    #[test]
    fn an_unpaired_surrogate_is_reported_where_it_is() {
        let xml = format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv></tu>\n<tu><tuv xml:lang=\"en\"><seg>bad \u{FFFF}</seg></tuv></tu></body></tmx>"
        );
        let mut bytes = utf16le(&xml);
        // The U+FFFF stands for an unpaired high surrogate.
        let at = bytes
            .windows(2)
            .position(|w| w == [0xFF, 0xFF])
            .expect("marker");
        bytes[at..at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
        let mut reader = TmxReader::new(&bytes[..], Some("t.tmx".into())).expect("header");
        assert_eq!(
            reader.next_unit().expect("one").expect("ok").unit.variants[0].text,
            "ok"
        );
        let err = reader.next_unit().expect("two").expect_err("bad UTF-16");
        assert!(matches!(err, Error::Io { .. }), "{err}");
        assert!(err.to_string().starts_with("t.tmx:6:"), "{err}");
        let cause = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(
            cause.as_deref(),
            Some("invalid UTF-16: unpaired surrogate D800")
        );
        assert!(reader.next_unit().is_none());
    }
}
