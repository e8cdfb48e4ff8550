//! The TMX 1.4b writer: nests through quick-xml's element builder, one `<tu>` at a time (streaming).
//!
//! The header carries the seven attributes TMX 1.4b requires (`creationtool`, `creationtoolversion`,
//! `segtype`, `o-tmf`, `adminlang`, `srclang`, `datatype`) and a `creationdate`; dates are
//! `YYYYMMDDThhmmssZ`. A variant's `markup` (when it has inline codes) is written as it is stored: it
//! was produced by [`super::read`], which re-serialises well-formed XML. Characters XML 1.0 cannot carry
//! or discourages are dropped and counted ([`TmxWriter::dropped_chars`]).

use std::borrow::Cow;
use std::io::Write;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Error, escape_attr, escape_text, format_date, is_dropped_on_write};
use crate::lang::Lang;
use crate::unit::{NewUnit, Prop, PropKind};

/// How language tags are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LangStyle {
    /// Canonical BCP 47: `en`, `az-Latn`, `ru`, `zh-Hans` (OmegaT, Okapi, translate-toolkit).
    #[default]
    Bcp47,
    /// With the region Trados Studio and memoQ expect: `en-US`, `az-AZ`, `ru-RU`, `zh-CN`.
    Region,
}

impl LangStyle {
    /// The tag for `lang` in this style.
    pub fn tag(self, lang: &Lang) -> Cow<'_, str> {
        match self {
            LangStyle::Bcp47 => Cow::Borrowed(lang.as_str()),
            LangStyle::Region => Cow::Owned(lang.with_region()),
        }
    }
}

/// What the writer puts in the `<header>`.
#[derive(Clone, Debug)]
pub struct WriteHeader {
    /// The source language (None writes `*all*`).
    pub srclang: Option<Lang>,
    /// `creationdate` (unix seconds).
    pub creationdate: i64,
    /// How tags are written.
    pub lang_style: LangStyle,
}

/// A streaming TMX writer: [`TmxWriter::new`] writes up to `<body>`, [`TmxWriter::write_unit`] one
/// `<tu>`, [`TmxWriter::finish`] closes the document.
///
/// ```
/// use tmkit::unit::{NewUnit, NewVariant, Origin};
/// use tmkit::tmx::{TmxWriter, WriteHeader, LangStyle};
/// let en = tmkit::Lang::parse("en")?;
/// let az = tmkit::Lang::parse("az")?;
/// let header = WriteHeader { srclang: Some(en.clone()), creationdate: 0, lang_style: LangStyle::Region };
/// let mut writer = TmxWriter::new(Vec::new(), &header)?;
/// let unit = NewUnit::new(Origin::Manual, vec![NewVariant::new(en, "Hi"), NewVariant::new(az, "Salam")]);
/// writer.write_unit(&unit)?;
/// let tmx = String::from_utf8(writer.finish()?)?;
/// assert!(tmx.contains(r#"<tuv xml:lang="az-AZ">"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct TmxWriter<W: Write> {
    xml: quick_xml::Writer<W>,
    style: LangStyle,
    dropped: u64,
}

/// Whether `s` may hold a character the writer escapes or drops: a cheap byte scan that is exact for
/// ASCII and conservative for the lead bytes of C1 controls (0xC2), U+FDD0–U+FFFF (0xEF) and planes
/// 1–16 (0xF0–0xF4), whose noncharacters are dropped.
fn maybe_special(s: &str) -> bool {
    s.bytes().any(|b| SPECIAL[usize::from(b)])
}

/// The bytes [`maybe_special`] looks for, as a table (one load per byte instead of a chain of
/// comparisons: exports scan every text).
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(
            b as u8,
            0..=0x1F | b'&' | b'<' | b'>' | b'"' | 0x7F | 0xC2 | 0xEF | 0xF0..=0xF4
        );
        b += 1;
    }
    table
};

/// An attribute whose value is escaped already (by [`escape_attr`]).
fn raw_attr<'a>(key: &'a str, value: &'a str) -> quick_xml::events::attributes::Attribute<'a> {
    quick_xml::events::attributes::Attribute {
        key: quick_xml::name::QName(key),
        value: Cow::Borrowed(value),
    }
}

fn io_error(source: std::io::Error) -> Error {
    Error::Write { source }
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, DOCTYPE, `<tmx>`, `<header>` and opens `<body>`.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn new(out: W, header: &WriteHeader) -> Result<TmxWriter<W>, Error> {
        let mut xml = quick_xml::Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(io_error)?;
        xml.write_event(Event::DocType(BytesText::from_escaped(
            "tmx SYSTEM \"tmx14.dtd\"",
        )))
        .map_err(io_error)?;
        xml.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))
        .map_err(io_error)?;
        let srclang = header
            .srclang
            .as_ref()
            .map_or(Cow::Borrowed("*all*"), |l| header.lang_style.tag(l));
        let date = format_date(header.creationdate);
        let attrs: [(&str, &str); 8] = [
            ("creationtool", "tmkit"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "tmkit"),
            ("adminlang", "en"),
            ("srclang", &srclang),
            ("datatype", "plaintext"),
            ("creationdate", &date),
        ];
        xml.create_element("header")
            .with_attributes(attrs)
            .write_empty()
            .map_err(io_error)?;
        xml.write_event(Event::Start(BytesStart::new("body")))
            .map_err(io_error)?;
        Ok(TmxWriter {
            xml,
            style: header.lang_style,
            dropped: 0,
        })
    }

    /// Characters left out so far because XML 1.0 cannot carry them (or discourages them).
    pub fn dropped_chars(&self) -> u64 {
        self.dropped
    }

    fn clean<'a>(&mut self, s: &'a str) -> Cow<'a, str> {
        if !maybe_special(s) || !s.chars().any(is_dropped_on_write) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if is_dropped_on_write(c) {
                self.dropped += 1;
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    }

    /// Text content: cleaned and escaped, borrowed when nothing needs doing (the common case).
    fn text<'a>(&mut self, s: &'a str) -> Cow<'a, str> {
        if !maybe_special(s) {
            return Cow::Borrowed(s);
        }
        match self.clean(s) {
            Cow::Borrowed(b) => escape_text(b),
            Cow::Owned(o) => Cow::Owned(escape_text(&o).into_owned()),
        }
    }

    /// Attribute pairs with values escaped here (quick-xml's escaping would not protect tab, LF, CR).
    fn attrs(&mut self, pairs: &[(&'static str, Option<String>)]) -> Vec<(&'static str, String)> {
        pairs
            .iter()
            .filter_map(|(k, v)| {
                v.as_ref()
                    .map(|v| (*k, escape_attr(&self.clean(v)).into_owned()))
            })
            .collect()
    }

    fn start(name: &str, attrs: &[(&'static str, String)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for (k, v) in attrs {
            start.push_attribute(raw_attr(k, v));
        }
        start
    }

    fn write_props(&mut self, props: &[Prop]) -> Result<(), Error> {
        for prop in props {
            let (name, attrs) = match prop.kind {
                PropKind::Prop => (
                    "prop",
                    self.attrs(&[
                        (
                            "type",
                            Some(prop.key.clone().unwrap_or_else(|| "x-unknown".into())),
                        ),
                        ("xml:lang", prop.lang.clone()),
                        ("o-encoding", prop.o_encoding.clone()),
                    ]),
                ),
                PropKind::Note => (
                    "note",
                    self.attrs(&[
                        ("xml:lang", prop.lang.clone()),
                        ("o-encoding", prop.o_encoding.clone()),
                    ]),
                ),
            };
            let value = self.text(&prop.value).into_owned();
            self.xml
                .create_element(name)
                .with_attributes(attrs.iter().map(|(k, v)| raw_attr(k, v)))
                .write_text_content(BytesText::from_escaped(value))
                .map_err(io_error)?;
        }
        Ok(())
    }

    /// Writes one `<tu>`: its props and notes, then one `<tuv>` per variant, in the order given.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn write_unit(&mut self, unit: &NewUnit) -> Result<(), Error> {
        let date = |d: Option<i64>| d.map(format_date);
        let attrs = self.attrs(&[
            ("tuid", unit.tuid.clone()),
            ("creationdate", date(unit.created_at)),
            ("creationid", unit.created_by.clone()),
            ("changedate", date(unit.changed_at)),
            ("changeid", unit.changed_by.clone()),
            (
                "usagecount",
                (unit.usage_count > 0).then(|| unit.usage_count.to_string()),
            ),
            ("lastusagedate", date(unit.last_used_at)),
        ]);
        self.xml
            .write_event(Event::Start(Self::start("tu", &attrs)))
            .map_err(io_error)?;
        self.write_props(&unit.props)?;
        for v in &unit.variants {
            let tag = self.style.tag(&v.lang).into_owned();
            let attrs = self.attrs(&[
                ("xml:lang", Some(tag)),
                ("creationdate", date(v.created_at)),
                ("creationid", v.created_by.clone()),
                ("changedate", date(v.changed_at)),
                ("changeid", v.changed_by.clone()),
            ]);
            self.xml
                .write_event(Event::Start(Self::start("tuv", &attrs)))
                .map_err(io_error)?;
            self.write_props(&v.props)?;
            let content = match &v.markup {
                Some(markup) => self.clean(markup),
                None => self.text(&v.text),
            };
            self.xml
                .create_element("seg")
                .write_text_content(BytesText::from_escaped(content))
                .map_err(io_error)?;
            self.xml
                .write_event(Event::End(BytesEnd::new("tuv")))
                .map_err(io_error)?;
        }
        self.xml
            .write_event(Event::End(BytesEnd::new("tu")))
            .map_err(io_error)
    }

    /// Closes `<body>` and `<tmx>` and returns the output.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn finish(mut self) -> Result<W, Error> {
        self.xml
            .write_event(Event::End(BytesEnd::new("body")))
            .and_then(|()| self.xml.write_event(Event::End(BytesEnd::new("tmx"))))
            .and_then(|()| self.xml.get_mut().write_all(b"\n"))
            .map_err(io_error)?;
        Ok(self.xml.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewVariant, Origin};

    #[test]
    fn control_characters_are_dropped_and_counted() {
        let en = Lang::parse("en").expect("tag");
        let header = WriteHeader {
            srclang: Some(en.clone()),
            creationdate: 0,
            lang_style: LangStyle::Bcp47,
        };
        let mut writer = TmxWriter::new(Vec::new(), &header).expect("header");
        let unit = NewUnit::new(
            Origin::Manual,
            vec![NewVariant::new(en, "a\u{1}b\u{FFFF}c\r\nd<&>")],
        );
        writer.write_unit(&unit).expect("unit");
        assert_eq!(writer.dropped_chars(), 2);
        let out = String::from_utf8(writer.finish().expect("finish")).expect("utf-8");
        assert!(out.contains("<seg>abc&#13;\nd&lt;&amp;&gt;</seg>"), "{out}");
        assert!(out.contains("creationdate=\"19700101T000000Z\""), "{out}");
    }

    #[test]
    fn header_and_unit_dates_are_written_as_tmx_dates() {
        let en = Lang::parse("en").expect("tag");
        let header = WriteHeader {
            srclang: Some(en.clone()),
            creationdate: 1_715_768_100,
            lang_style: LangStyle::Bcp47,
        };
        let mut writer = TmxWriter::new(Vec::new(), &header).expect("header");
        let mut unit = NewUnit::new(Origin::Manual, vec![NewVariant::new(en, "a")]);
        unit.created_at = Some(951_782_400);
        unit.changed_at = Some(1_704_067_199);
        writer.write_unit(&unit).expect("unit");
        let out = String::from_utf8(writer.finish().expect("finish")).expect("utf-8");
        assert!(out.contains("creationdate=\"20240515T101500Z\""), "{out}");
        assert!(out.contains("creationdate=\"20000229T000000Z\""), "{out}");
        assert!(out.contains("changedate=\"20231231T235959Z\""), "{out}");
    }
}
