//! Term bases: the terms `tmkit terms` mines ([`crate::phrase::terms`]) as TBX-Basic, CSV and the
//! tab-separated glossary of OmegaT.
//!
//! **TBX-Basic** ([`write_tbx`]): the TBX-Basic dialect (LISA Terminology SIG, 2008/2009:
//! *TBX-Basic Specification*, data categories V2.3, core structure `TBXBasiccoreStructV02.dtd`)
//! of TBX as ISO 30042:2008 defines it: `<martif type="TBX-Basic" xml:lang="…">` with a
//! `<martifHeader>` (`fileDesc/titleStmt/title`, `fileDesc/sourceDesc/p`, and
//! `encodingDesc/p type="XCSURI"` naming `TBXBasicXCSV02.xcs`), then `<text><body>` holding one
//! `<termEntry id="…">` per term, one `<langSet xml:lang="…">` per language with a term, and one
//! `<tig>` per term or translation: `<term>`, then the TBX-Basic data categories tmkit knows:
//! `<descrip type="context">` (the shortest unit that contains the term) and a `<note>` with the
//! counts. The entry order inside `<tig>` is the DTD's: `term`, `termNote*`, then the auxiliary
//! information.
//!
//! Deviations and choices: this is the 2008 form (`martif`, `termEntry`, `langSet`, `tig`), not
//! the ISO 30042:2019 form (`tbx`, `conceptEntry`, `langSec`, `termSec`), because the tools that
//! read term bases here read the 2008 form only (translate-toolkit's `tbxfile`, whose root is
//! `martif`; OmegaT 3.6's `GlossaryReaderTBX`, bound to the `martif` schema). No DOCTYPE is written
//! (it names a DTD file that a reader would try to open beside the file). `partOfSpeech`, which
//! TBX-Basic recommends, is not written: tmkit does not tag parts of speech, and a multi-word
//! term has none of the picklist's values for certain.
//!
//! **CSV** ([`write_csv`]): RFC 4180, CRLF line ends, a header row, a field quoted when it holds a
//! comma, a quote, CR or LF (quotes doubled). Columns: the term, its sentence count, its C-value, then
//! per target language the best translation and its support (`12/15`).
//!
//! **OmegaT glossary** ([`write_omegat`]): OmegaT's tab-separated glossary (UTF-8, one entry a
//! line: `source<TAB>target<TAB>comment`; lines starting with `#` are comments), as OmegaT reads
//! a `glossary/*.txt` file; one line per (term, translation) of one target language. Tabs and line
//! breaks inside a field become spaces.
//!
//! Characters XML 1.0 cannot carry are dropped from TBX, as from TMX.

use std::borrow::Cow;
use std::io::Write;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use super::{Error, LangStyle, escape_attr, escape_text, is_dropped_on_write};
use crate::lang::Lang;
use crate::phrase::terms::Term;

/// What a term base says about itself.
#[derive(Clone, Debug)]
pub struct TermBase<'a> {
    /// The language of the terms.
    pub src: &'a Lang,
    /// The languages of the translations, in column order.
    pub targets: &'a [Lang],
    /// How language tags are written.
    pub lang_style: LangStyle,
    /// Where the terms come from (the memory's file name), for the TBX header.
    pub source: &'a str,
}

impl TermBase<'_> {
    fn tag(&self, lang: &Lang) -> String {
        self.lang_style.tag(lang).into_owned()
    }
}

fn io_error(source: std::io::Error) -> Error {
    Error::Write { source }
}

/// `s` without the characters XML 1.0 cannot carry, escaped as text content.
fn text(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_dropped_on_write) {
        let cleaned: String = s.chars().filter(|&c| !is_dropped_on_write(c)).collect();
        Cow::Owned(escape_text(&cleaned).into_owned())
    } else {
        escape_text(s)
    }
}

fn attr(key: &'static str, value: &str) -> Attribute<'static> {
    let cleaned: String = value.chars().filter(|&c| !is_dropped_on_write(c)).collect();
    Attribute {
        key: QName(key),
        value: Cow::Owned(escape_attr(&cleaned).into_owned()),
    }
}

struct Xml<W: Write>(quick_xml::Writer<W>);

impl<W: Write> Xml<W> {
    fn start(&mut self, name: &str, attrs: Vec<Attribute<'static>>) -> Result<(), Error> {
        let mut start = BytesStart::new(name);
        for a in attrs {
            start.push_attribute(a);
        }
        self.0.write_event(Event::Start(start)).map_err(io_error)
    }

    fn end(&mut self, name: &str) -> Result<(), Error> {
        self.0
            .write_event(Event::End(BytesEnd::new(name)))
            .map_err(io_error)
    }

    fn element(
        &mut self,
        name: &str,
        attrs: Vec<Attribute<'static>>,
        content: &str,
    ) -> Result<(), Error> {
        self.0
            .create_element(name)
            .with_attributes(attrs)
            .write_text_content(BytesText::from_escaped(text(content)))
            .map(|_| ())
            .map_err(io_error)
    }
}

/// The translations count as a note: `renders the term in 11 of 12 units`.
fn support_note(support: usize, total: usize) -> String {
    let units = if total == 1 { "unit" } else { "units" };
    format!("renders the term in {support} of {total} {units} with this language")
}

fn term_note(term: &Term) -> String {
    let sentences = if term.count == 1 {
        "sentence"
    } else {
        "sentences"
    };
    format!(
        "in {} {sentences} of the memory; C-value {:.1}",
        term.count, term.c_value
    )
}

/// Writes `terms` as a TBX-Basic document (see the module docs) and returns the output.
///
/// ```
/// use tmkit::Lang;
/// use tmkit::phrase::terms::{Term, TermTranslation};
/// use tmkit::tmx::{LangStyle, tbx::{self, TermBase}};
/// let (en, ru) = (Lang::parse("en")?, Lang::parse("ru")?);
/// let term = Term {
///     text: "prime minister".into(), words: 2, count: 3, c_value: 3.0, units: vec![0, 1, 2],
///     context: "The prime minister spoke.".into(),
///     translations: vec![TermTranslation { lang: ru.clone(), text: "премьер-министр".into(), support: 3, total: 3 }],
/// };
/// let base = TermBase { src: &en, targets: &[ru], lang_style: LangStyle::Bcp47, source: "tm.db" };
/// let tbx = String::from_utf8(tbx::write_tbx(Vec::new(), &[term], &base)?)?;
/// assert!(tbx.contains(r#"<langSet xml:lang="ru">"#));
/// assert!(tbx.contains("<term>премьер-министр</term>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Write`] when writing fails.
pub fn write_tbx<W: Write>(out: W, terms: &[Term], base: &TermBase<'_>) -> Result<W, Error> {
    let mut xml = Xml(quick_xml::Writer::new_with_indent(out, b' ', 2));
    xml.0
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io_error)?;
    xml.start(
        "martif",
        vec![
            attr("type", "TBX-Basic"),
            attr("xml:lang", &base.tag(base.src)),
        ],
    )?;
    xml.start("martifHeader", Vec::new())?;
    xml.start("fileDesc", Vec::new())?;
    xml.start("titleStmt", Vec::new())?;
    let targets: Vec<String> = base.targets.iter().map(|l| base.tag(l)).collect();
    let title = if targets.is_empty() {
        format!("Terms of {} from {}", base.tag(base.src), base.source)
    } else {
        format!(
            "Terms of {} with {} from {}",
            base.tag(base.src),
            targets.join(", "),
            base.source
        )
    };
    xml.element("title", Vec::new(), &title)?;
    xml.end("titleStmt")?;
    xml.start("sourceDesc", Vec::new())?;
    xml.element(
        "p",
        Vec::new(),
        &format!(
            "Mined by tmkit {} (tmkit terms) from the translation memory {}: recurring multi-word \
             expressions ranked by C-value, translations from word-aligned units.",
            env!("CARGO_PKG_VERSION"),
            base.source
        ),
    )?;
    xml.end("sourceDesc")?;
    xml.end("fileDesc")?;
    xml.start("encodingDesc", Vec::new())?;
    xml.element("p", vec![attr("type", "XCSURI")], "TBXBasicXCSV02.xcs")?;
    xml.end("encodingDesc")?;
    xml.end("martifHeader")?;
    xml.start("text", Vec::new())?;
    xml.start("body", Vec::new())?;
    for (i, term) in terms.iter().enumerate() {
        xml.start(
            "termEntry",
            vec![attr("id", &format!("tmkit-term-{}", i + 1))],
        )?;
        xml.start("langSet", vec![attr("xml:lang", &base.tag(base.src))])?;
        xml.start("tig", Vec::new())?;
        xml.element("term", Vec::new(), &term.text)?;
        xml.element("descrip", vec![attr("type", "context")], &term.context)?;
        xml.element("note", Vec::new(), &term_note(term))?;
        xml.end("tig")?;
        xml.end("langSet")?;
        for lang in base.targets {
            let mut found = term
                .translations
                .iter()
                .filter(|t| &t.lang == lang)
                .peekable();
            if found.peek().is_none() {
                continue;
            }
            xml.start("langSet", vec![attr("xml:lang", &base.tag(lang))])?;
            for translation in found {
                xml.start("tig", Vec::new())?;
                xml.element("term", Vec::new(), &translation.text)?;
                xml.element(
                    "note",
                    Vec::new(),
                    &support_note(translation.support, translation.total),
                )?;
                xml.end("tig")?;
            }
            xml.end("langSet")?;
        }
        xml.end("termEntry")?;
    }
    xml.end("body")?;
    xml.end("text")?;
    xml.end("martif")?;
    let mut out = xml.0.into_inner();
    out.write_all(b"\n").map_err(io_error)?;
    Ok(out)
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled.
fn csv_field(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

fn csv_row<W: Write>(out: &mut W, fields: &[Cow<'_, str>]) -> std::io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(csv_field(field).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// Writes `terms` as CSV (see the module docs): `en,sentences,c_value,ru,ru support,…`.
///
/// # Errors
/// When writing fails.
pub fn write_csv<W: Write>(
    out: &mut W,
    terms: &[Term],
    base: &TermBase<'_>,
) -> std::io::Result<()> {
    let mut header: Vec<Cow<'_, str>> = vec![
        Cow::Owned(base.tag(base.src)),
        Cow::Borrowed("sentences"),
        Cow::Borrowed("c_value"),
    ];
    for lang in base.targets {
        let tag = base.tag(lang);
        header.push(Cow::Owned(format!("{tag} support")));
        header.insert(header.len() - 1, Cow::Owned(tag));
    }
    csv_row(out, &header)?;
    for term in terms {
        let mut row: Vec<Cow<'_, str>> = vec![
            Cow::Borrowed(term.text.as_str()),
            Cow::Owned(term.count.to_string()),
            Cow::Owned(format!("{:.2}", term.c_value)),
        ];
        for lang in base.targets {
            match term.translations.iter().find(|t| &t.lang == lang) {
                Some(t) => {
                    row.push(Cow::Borrowed(t.text.as_str()));
                    row.push(Cow::Owned(format!("{}/{}", t.support, t.total)));
                }
                None => {
                    row.push(Cow::Borrowed(""));
                    row.push(Cow::Borrowed(""));
                }
            }
        }
        csv_row(out, &row)?;
    }
    Ok(())
}

/// A field of the OmegaT glossary: tabs and line breaks as spaces.
fn omegat_field(value: &str) -> Cow<'_, str> {
    if value.contains(['\t', '\r', '\n']) {
        Cow::Owned(value.replace(['\t', '\r', '\n'], " "))
    } else {
        Cow::Borrowed(value)
    }
}

/// Writes the translations of `terms` into `target` as OmegaT's tab-separated glossary (see the
/// module docs); terms without a translation into `target` are left out. Returns the number of
/// entries written.
///
/// # Errors
/// When writing fails.
pub fn write_omegat<W: Write>(
    out: &mut W,
    terms: &[Term],
    base: &TermBase<'_>,
    target: &Lang,
) -> std::io::Result<usize> {
    writeln!(
        out,
        "# tmkit terms: {} → {} from {} (source<TAB>target<TAB>comment, UTF-8)",
        base.tag(base.src),
        base.tag(target),
        omegat_field(base.source)
    )?;
    let mut written = 0;
    for term in terms {
        for t in term.translations.iter().filter(|t| &t.lang == target) {
            writeln!(
                out,
                "{}\t{}\ttmkit: {} of {} units; C-value {:.1}",
                omegat_field(&term.text),
                omegat_field(&t.text),
                t.support,
                t.total,
                term.c_value
            )?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrase::terms::TermTranslation;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("a valid tag")
    }

    fn terms() -> Vec<Term> {
        vec![
            Term {
                text: "Tom & Jerry, \"Inc\"".to_owned(),
                words: 3,
                count: 4,
                c_value: 6.34,
                units: vec![1, 2, 3, 4],
                context: "Tom & Jerry, \"Inc\" <sold>\u{1} it.".to_owned(),
                translations: vec![
                    TermTranslation {
                        lang: lang("az"),
                        text: "Tom\tvə Cerri".to_owned(),
                        support: 3,
                        total: 4,
                    },
                    TermTranslation {
                        lang: lang("zh"),
                        text: "汤姆和杰瑞".to_owned(),
                        support: 2,
                        total: 2,
                    },
                ],
            },
            Term {
                text: "prime minister".to_owned(),
                words: 2,
                count: 3,
                c_value: 3.0,
                units: vec![0, 5, 6],
                context: "The prime minister spoke.".to_owned(),
                translations: Vec::new(),
            },
        ]
    }

    fn base<'a>(src: &'a Lang, targets: &'a [Lang]) -> TermBase<'a> {
        TermBase {
            src,
            targets,
            lang_style: LangStyle::Bcp47,
            source: "tm.db",
        }
    }

    #[test]
    fn tbx_nests_entries_language_sets_and_term_groups_with_escaping() {
        let (en, targets) = (lang("en"), [lang("az"), lang("ru"), lang("zh")]);
        let tbx = String::from_utf8(
            write_tbx(Vec::new(), &terms(), &base(&en, &targets)).expect("written"),
        )
        .expect("UTF-8");
        assert!(tbx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"en\">\n"), "{tbx}");
        assert!(
            tbx.contains("<p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>"),
            "{tbx}"
        );
        assert!(
            tbx.contains("<title>Terms of en with az-Latn, ru, zh-Hans from tm.db</title>"),
            "{tbx}"
        );
        let entry = "      <termEntry id=\"tmkit-term-1\">
        <langSet xml:lang=\"en\">
          <tig>
            <term>Tom &amp; Jerry, \"Inc\"</term>
            <descrip type=\"context\">Tom &amp; Jerry, \"Inc\" &lt;sold&gt; it.</descrip>
            <note>in 4 sentences of the memory; C-value 6.3</note>
          </tig>
        </langSet>
        <langSet xml:lang=\"az-Latn\">
          <tig>
            <term>Tom\tvə Cerri</term>
            <note>renders the term in 3 of 4 units with this language</note>
          </tig>
        </langSet>
        <langSet xml:lang=\"zh-Hans\">";
        assert!(tbx.contains(entry), "{tbx}");
        // No translation into ru: no empty langSet.
        assert!(!tbx.contains("xml:lang=\"ru\""), "{tbx}");
        assert!(tbx.contains("<termEntry id=\"tmkit-term-2\">"), "{tbx}");
        assert!(tbx.ends_with("</martif>\n"), "{tbx}");
    }

    #[test]
    fn csv_quotes_what_rfc_4180_requires() {
        let (en, targets) = (lang("en"), [lang("az"), lang("zh")]);
        let mut out = Vec::new();
        write_csv(&mut out, &terms(), &base(&en, &targets)).expect("written");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "en,sentences,c_value,az-Latn,az-Latn support,zh-Hans,zh-Hans support\r\n\
             \"Tom & Jerry, \"\"Inc\"\"\",4,6.34,Tom\tvə Cerri,3/4,汤姆和杰瑞,2/2\r\n\
             prime minister,3,3.00,,,,\r\n"
        );
    }

    #[test]
    fn the_omegat_glossary_has_one_line_per_translation_and_no_tab_inside_a_field() {
        let (en, targets) = (lang("en"), [lang("az")]);
        let mut out = Vec::new();
        let n =
            write_omegat(&mut out, &terms(), &base(&en, &targets), &lang("az")).expect("written");
        assert_eq!(n, 1);
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "# tmkit terms: en → az-Latn from tm.db (source<TAB>target<TAB>comment, UTF-8)\n\
             Tom & Jerry, \"Inc\"\tTom və Cerri\ttmkit: 3 of 4 units; C-value 6.3\n"
        );
    }
}
