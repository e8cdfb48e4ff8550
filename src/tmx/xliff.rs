//! An XLIFF 1.2 writer (OASIS XLIFF 1.2, 2008) for draft translations: one `<file>` with one
//! `<trans-unit>` per sentence, streamed through quick-xml's element builder like [`super::write`].
//!
//! Each unit holds the `<source>`, the draft `<target>` when a match was found (its `state` and
//! `state-qualifier` say how it was obtained), the match itself as `<alt-trans match-quality="NN">` with
//! the stored source and target, and a `<note from="tmkit">` naming score, kind, unit and article.
//!
//! Mapping to XLIFF 1.2 states: a 100% match is `state="translated"` with
//! `state-qualifier="exact-match"` and its `<trans-unit>` is `approved="yes"` (final: XLIFF 1.2 §2.5.1
//! `approved`); a fuzzy or adapted match is `state="needs-review-translation"` with
//! `state-qualifier="fuzzy-match"`; a match from a unit that needs review is
//! `state="needs-review-translation"` with `state-qualifier="tm-suggestion"` whatever its score (never
//! translated, never exact, never approved); a sentence without a match has no `<target>`.
//!
//! Why `approved`: tools that read XLIFF as PO (translate-toolkit's `xliff2po`, Pootle, Weblate) take
//! a target without `approved="yes"` as fuzzy whatever its `state`, so without it every exact match
//! of a draft was fuzzy there. A unit a reviewer approved says so in the `<note>` ("approved").
//!
//! OmegaT 3.6's own XLIFF filter reads XLIFF the other way round: it keeps `<source>` as it is and
//! translates the *text of `<target>`* (as in Okapi translation kits, whose targets are copies of the
//! sources), never taking a target as a translation, and a unit without a target is no segment. No
//! XLIFF 1.2 serves both readings with one `<target>`, so [`TargetStyle::SourceCopy`] writes the file
//! OmegaT expects: every `<target>` a copy of its `<source>` (no `state`, never `approved`: nothing is
//! translated yet), the match in `<alt-trans>` and `<note>` as before; OmegaT then takes the draft
//! targets from a TMX draft in its `tm/auto/` folder.
//!
//! Deviations: none known. Text is plain (`datatype="plaintext"`): inline codes are not written as
//! XLIFF `<g>`/`<x>` elements. Characters XML 1.0 cannot carry are dropped, as in the TMX writer.

use std::borrow::Cow;
use std::io::Write;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use super::{Error, escape_attr, escape_text, is_dropped_on_write};
use crate::lang::Lang;

/// The XLIFF 1.2 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// What a `<target>` holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TargetStyle {
    /// The draft translation, with a `state` (XLIFF 1.2 as written; translate-toolkit, Okapi).
    #[default]
    Draft,
    /// A copy of the source, for OmegaT's own XLIFF filter (see the module documentation).
    SourceCopy,
}

/// The draft translation of one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftUnit<'a> {
    /// The sentence to translate.
    pub source: &'a str,
    /// The best match, if any.
    pub best: Option<DraftMatch<'a>>,
}

/// The match a draft target comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftMatch<'a> {
    /// The score in percent, as shown to translators (100 only for the same text).
    pub percent: u32,
    /// The draft target (adapted when `adapted`).
    pub target: &'a str,
    /// Whether placeables were adapted in the target.
    pub adapted: bool,
    /// The stored source of the match.
    pub stored_source: &'a str,
    /// The stored target as it is in the memory.
    pub stored_target: &'a str,
    /// The unit's id in the memory.
    pub unit: i64,
    /// The article the unit was aligned from.
    pub article: Option<&'a str>,
    /// The unit needs review: its target is never written as translated.
    pub needs_review: bool,
    /// A reviewer approved the unit.
    pub approved: bool,
}

impl DraftMatch<'_> {
    /// The review state of the matched unit: `needs-review`, `approved` or `ok`.
    pub fn review_status(&self) -> &'static str {
        if self.needs_review {
            "needs-review"
        } else if self.approved {
            "approved"
        } else {
            "ok"
        }
    }

    /// Whether the draft target is the stored target of a 100% match, unchanged.
    pub fn is_exact(&self) -> bool {
        self.percent == 100 && !self.adapted
    }

    /// How the match is described: `exact`, `adapted` or `fuzzy`.
    pub fn kind(&self) -> &'static str {
        if self.adapted {
            "adapted"
        } else if self.percent == 100 {
            "exact"
        } else {
            "fuzzy"
        }
    }
}

/// A streaming XLIFF 1.2 writer: [`XliffWriter::new`] writes up to `<body>`,
/// [`XliffWriter::write_unit`] one `<trans-unit>`, [`XliffWriter::finish`] closes the document.
///
/// ```
/// use tmkit::tmx::xliff::{DraftUnit, XliffWriter};
/// let (en, az) = (tmkit::Lang::parse("en")?, tmkit::Lang::parse("az")?);
/// let mut writer = XliffWriter::new(Vec::new(), &en, &az, "article.txt")?;
/// writer.write_unit(&DraftUnit { source: "Tom & Jerry", best: None })?;
/// let xliff = String::from_utf8(writer.finish()?)?;
/// assert!(xliff.contains("<source>Tom &amp; Jerry</source>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct XliffWriter<W: Write> {
    xml: quick_xml::Writer<W>,
    next_id: u64,
    style: TargetStyle,
}

fn io_error(source: std::io::Error) -> Error {
    Error::Write { source }
}

/// `s` without the characters XML 1.0 cannot carry, escaped as text content.
fn text(s: &str) -> Cow<'_, str> {
    let cleaned: Cow<'_, str> = if s.chars().any(is_dropped_on_write) {
        Cow::Owned(s.chars().filter(|&c| !is_dropped_on_write(c)).collect())
    } else {
        Cow::Borrowed(s)
    };
    match cleaned {
        Cow::Borrowed(b) => escape_text(b),
        Cow::Owned(o) => Cow::Owned(escape_text(&o).into_owned()),
    }
}

/// An attribute escaped here (quick-xml's escaping would not protect tab, LF, CR).
fn attr(key: &'static str, value: &str) -> Attribute<'static> {
    let cleaned: String = value.chars().filter(|&c| !is_dropped_on_write(c)).collect();
    Attribute {
        key: QName(key),
        value: Cow::Owned(escape_attr(&cleaned).into_owned()),
    }
}

impl<W: Write> XliffWriter<W> {
    /// Writes the XML declaration, `<xliff>`, `<file>` (with `original`, the languages and
    /// `datatype="plaintext"`), its `<header>` naming the tool, and opens `<body>`.
    ///
    /// # Errors
    /// [`Error::Write`] when writing fails.
    pub fn new(out: W, from: &Lang, to: &Lang, original: &str) -> Result<XliffWriter<W>, Error> {
        let mut xml = quick_xml::Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(io_error)?;
        let mut root = BytesStart::new("xliff");
        root.push_attribute(attr("version", "1.2"));
        root.push_attribute(attr("xmlns", NAMESPACE));
        xml.write_event(Event::Start(root)).map_err(io_error)?;
        let mut file = BytesStart::new("file");
        file.push_attribute(attr("original", original));
        file.push_attribute(attr("source-language", from.as_str()));
        file.push_attribute(attr("target-language", to.as_str()));
        file.push_attribute(attr("datatype", "plaintext"));
        file.push_attribute(attr("tool-id", "tmkit"));
        xml.write_event(Event::Start(file)).map_err(io_error)?;
        xml.write_event(Event::Start(BytesStart::new("header")))
            .map_err(io_error)?;
        let mut tool = BytesStart::new("tool");
        tool.push_attribute(attr("tool-id", "tmkit"));
        tool.push_attribute(attr("tool-name", "tmkit"));
        tool.push_attribute(attr("tool-version", env!("CARGO_PKG_VERSION")));
        xml.write_event(Event::Empty(tool)).map_err(io_error)?;
        xml.write_event(Event::End(BytesEnd::new("header")))
            .map_err(io_error)?;
        xml.write_event(Event::Start(BytesStart::new("body")))
            .map_err(io_error)?;
        Ok(XliffWriter {
            xml,
            next_id: 1,
            style: TargetStyle::Draft,
        })
    }

    /// What the `<target>`s hold from now on ([`TargetStyle::Draft`] unless set).
    pub fn with_target_style(mut self, style: TargetStyle) -> XliffWriter<W> {
        self.style = style;
        self
    }

    fn element(
        &mut self,
        name: &str,
        attrs: Vec<Attribute<'static>>,
        content: &str,
    ) -> Result<(), Error> {
        self.xml
            .create_element(name)
            .with_attributes(attrs)
            .write_text_content(BytesText::from_escaped(text(content)))
            .map(|_| ())
            .map_err(io_error)
    }

    /// Writes one `<trans-unit>` (ids count from 1 in document order).
    ///
    /// # Errors
    /// [`Error::Write`] when writing fails.
    pub fn write_unit(&mut self, unit: &DraftUnit<'_>) -> Result<(), Error> {
        let id = self.next_id.to_string();
        self.next_id += 1;
        let mut start = BytesStart::new("trans-unit");
        start.push_attribute(attr("id", &id));
        let draft = self.style == TargetStyle::Draft;
        if draft
            && unit
                .best
                .as_ref()
                .is_some_and(|m| m.is_exact() && !m.needs_review)
        {
            start.push_attribute(attr("approved", "yes"));
        }
        self.xml
            .write_event(Event::Start(start))
            .map_err(io_error)?;
        self.element("source", Vec::new(), unit.source)?;
        if !draft {
            self.element("target", Vec::new(), unit.source)?;
        }
        if let Some(m) = &unit.best {
            let (state, qualifier) = if m.needs_review {
                ("needs-review-translation", "tm-suggestion")
            } else if m.is_exact() {
                ("translated", "exact-match")
            } else {
                ("needs-review-translation", "fuzzy-match")
            };
            if draft {
                self.element(
                    "target",
                    vec![attr("state", state), attr("state-qualifier", qualifier)],
                    m.target,
                )?;
            }
            let mut alt = BytesStart::new("alt-trans");
            alt.push_attribute(attr("match-quality", &m.percent.to_string()));
            alt.push_attribute(attr("origin", "tmkit"));
            self.xml.write_event(Event::Start(alt)).map_err(io_error)?;
            self.element("source", Vec::new(), m.stored_source)?;
            self.element("target", Vec::new(), m.stored_target)?;
            self.xml
                .write_event(Event::End(BytesEnd::new("alt-trans")))
                .map_err(io_error)?;
            let mut note = format!("{}% {} match, unit {}", m.percent, m.kind(), m.unit);
            if m.needs_review {
                note.push_str(" (the unit needs review)");
            } else if m.approved {
                note.push_str(" (approved)");
            }
            if let Some(article) = m.article {
                note.push_str(", article ");
                note.push_str(article);
            }
            self.element("note", vec![attr("from", "tmkit")], &note)?;
        }
        self.xml
            .write_event(Event::End(BytesEnd::new("trans-unit")))
            .map_err(io_error)
    }

    /// Closes `<body>`, `<file>` and `<xliff>` and returns the output.
    ///
    /// # Errors
    /// [`Error::Write`] when writing fails.
    pub fn finish(mut self) -> Result<W, Error> {
        for name in ["body", "file", "xliff"] {
            self.xml
                .write_event(Event::End(BytesEnd::new(name)))
                .map_err(io_error)?;
        }
        self.xml.get_mut().write_all(b"\n").map_err(io_error)?;
        Ok(self.xml.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_escaped_and_carries_state_and_match_quality() {
        let (en, az) = (
            Lang::parse("en").expect("tag"),
            Lang::parse("az").expect("tag"),
        );
        let mut writer = XliffWriter::new(Vec::new(), &en, &az, "a \"b\".txt").expect("header");
        writer
            .write_unit(&DraftUnit {
                source: "4 < 5 & \u{1}ok",
                best: Some(DraftMatch {
                    percent: 99,
                    target: "4 milyard",
                    adapted: true,
                    stored_source: "3 < 5",
                    stored_target: "3 milyard",
                    unit: 7,
                    article: Some("2024-07-03-x"),
                    needs_review: false,
                    approved: false,
                }),
            })
            .expect("unit");
        writer
            .write_unit(&DraftUnit {
                source: "none",
                best: None,
            })
            .expect("unit");
        let out = String::from_utf8(writer.finish().expect("finish")).expect("utf-8");
        assert!(out.contains(r#"original="a &quot;b&quot;.txt""#), "{out}");
        assert!(out.contains(r#"target-language="az-Latn""#), "{out}");
        assert!(out.contains("<source>4 &lt; 5 &amp; ok</source>"), "{out}");
        assert!(
            out.contains(r#"<target state="needs-review-translation" state-qualifier="fuzzy-match">4 milyard</target>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<alt-trans match-quality="99" origin="tmkit">"#),
            "{out}"
        );
        assert!(
            out.contains(
                r#"<note from="tmkit">99% adapted match, unit 7, article 2024-07-03-x</note>"#
            ),
            "{out}"
        );
        assert!(out.contains(r#"<trans-unit id="2">"#), "{out}");
        assert!(out.ends_with("</xliff>\n"), "{out}");
    }

    #[test]
    fn for_omegat_every_target_copies_its_source_and_the_match_stays_in_alt_trans() {
        let (en, ru) = (
            Lang::parse("en").expect("tag"),
            Lang::parse("ru").expect("tag"),
        );
        let mut writer = XliffWriter::new(Vec::new(), &en, &ru, "a.txt")
            .expect("header")
            .with_target_style(TargetStyle::SourceCopy);
        for (source, best) in [
            (
                "Baku & Astana",
                Some(DraftMatch {
                    percent: 100,
                    target: "Баку и Астана",
                    adapted: false,
                    stored_source: "Baku & Astana",
                    stored_target: "Баку и Астана",
                    unit: 3,
                    article: None,
                    needs_review: false,
                    approved: true,
                }),
            ),
            ("No match.", None),
        ] {
            writer
                .write_unit(&DraftUnit { source, best })
                .expect("unit");
        }
        let out = String::from_utf8(writer.finish().expect("finish")).expect("utf-8");
        let units: Vec<&str> = out.split("<trans-unit ").skip(1).collect();
        assert_eq!(units.len(), 2, "{out}");
        assert!(units[0].starts_with(r#"id="1">"#), "no approved: {out}");
        assert!(
            units[0].contains(
                "<source>Baku &amp; Astana</source>\n        <target>Baku &amp; Astana</target>\n        <alt-trans match-quality=\"100\" origin=\"tmkit\">"
            ),
            "{out}"
        );
        assert!(units[0].contains("<target>Баку и Астана</target>"), "{out}");
        assert!(
            units[1].contains("<source>No match.</source>\n        <target>No match.</target>\n      </trans-unit>"),
            "{out}"
        );
        assert!(!out.contains("state="), "{out}");
    }
}
