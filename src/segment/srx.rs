//! SRX 2.0 (Segmentation Rules eXchange, LISA OSCAR 2008) read and write, on quick-xml.
//!
//! Read: `<srx version="2.0">` → `<header cascade=…>` → `<body>` → `<languagerules>` of
//! `<languagerule languagerulename=…>` holding `<rule break="yes|no">` with `<beforebreak>` and
//! `<afterbreak>`, and `<maprules>` of `<languagemap languagepattern=… languagerulename=…>`. Language
//! selection follows SRX §2.5: with `cascade="yes"` the rules of every map whose pattern matches the
//! language are used in map order; otherwise only the first matching map's. Errors carry the line and
//! column. `<formathandle>` elements and unknown header attributes are accepted and ignored (tmkit
//! segments plain text); elements outside the SRX vocabulary are errors.
//!
//! Write: the same structure, namespaced `http://www.lisa.org/srx20`, so that OmegaT and Okapi can load
//! tmkit's built-in rules.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use regex_automata::meta::Regex;

use super::Error;
use crate::location::Location;

/// One SRX rule: break or no-break, with a before-break and an after-break pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// `true` for `break="yes"` (the SRX default).
    pub is_break: bool,
    /// The pattern that must match the text ending at the position (may be empty).
    pub before: String,
    /// The pattern that must match the text starting at the position (may be empty).
    pub after: String,
    /// 1-based line of the `<rule>` in its SRX file, when read from one.
    pub line: Option<u64>,
    /// 1-based column of the `<rule>` in its SRX file, when read from one.
    pub col: Option<u64>,
}

impl Rule {
    /// A break rule.
    pub fn breaking(before: impl Into<String>, after: impl Into<String>) -> Rule {
        Rule {
            is_break: true,
            before: before.into(),
            after: after.into(),
            line: None,
            col: None,
        }
    }

    /// A no-break rule (an exception to the break rules after it).
    pub fn no_break(before: impl Into<String>, after: impl Into<String>) -> Rule {
        Rule {
            is_break: false,
            ..Rule::breaking(before, after)
        }
    }
}

/// A named, ordered list of rules (`<languagerule>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageRules {
    /// `languagerulename`.
    pub name: String,
    /// The rules in order.
    pub rules: Vec<Rule>,
}

/// A `<languagemap>`: languages whose tag matches `pattern` use the rules named `rules_name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageMap {
    /// `languagepattern`, a regular expression over language tags.
    pub pattern: String,
    /// `languagerulename`.
    pub rules_name: String,
}

/// A whole SRX document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Srx {
    /// `cascade="yes"`: use the rules of every matching map, in order.
    pub cascade: bool,
    /// `segmentsubflows` (kept for round trips; no effect on plain text).
    pub segment_subflows: bool,
    /// The rule sets.
    pub language_rules: Vec<LanguageRules>,
    /// The language maps, in order.
    pub maps: Vec<LanguageMap>,
}

impl Srx {
    /// The rules that apply to language tag `lang`, with their rule set's name and 1-based position.
    ///
    /// A map whose pattern is not a valid regular expression never matches.
    pub fn rules_for(&self, lang: &str) -> Vec<(String, usize, Rule)> {
        let mut out = Vec::new();
        for map in &self.maps {
            let Ok(re) = Regex::new(&format!("^(?:{})$", map.pattern)) else {
                continue;
            };
            if !re.is_match(lang) {
                continue;
            }
            if let Some(set) = self
                .language_rules
                .iter()
                .find(|r| r.name == map.rules_name)
            {
                out.extend(
                    set.rules
                        .iter()
                        .enumerate()
                        .map(|(i, r)| (set.name.clone(), i + 1, r.clone())),
                );
            }
            if !self.cascade {
                break;
            }
        }
        out
    }

    /// Writes the document as SRX 2.0 XML.
    pub fn to_xml(&self) -> String {
        let yn = |b: bool| if b { "yes" } else { "no" };
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str("<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n");
        s.push_str(&format!(
            "  <header segmentsubflows=\"{}\" cascade=\"{}\">\n",
            yn(self.segment_subflows),
            yn(self.cascade)
        ));
        s.push_str("    <formathandle type=\"start\" include=\"no\"/>\n");
        s.push_str("    <formathandle type=\"end\" include=\"yes\"/>\n");
        s.push_str("    <formathandle type=\"isolated\" include=\"yes\"/>\n");
        s.push_str("  </header>\n  <body>\n    <languagerules>\n");
        for set in &self.language_rules {
            s.push_str(&format!(
                "      <languagerule languagerulename=\"{}\">\n",
                escape(&set.name)
            ));
            for rule in &set.rules {
                s.push_str(&format!(
                    "        <rule break=\"{}\">\n          <beforebreak>{}</beforebreak>\n          <afterbreak>{}</afterbreak>\n        </rule>\n",
                    yn(rule.is_break),
                    escape(&rule.before),
                    escape(&rule.after)
                ));
            }
            s.push_str("      </languagerule>\n");
        }
        s.push_str("    </languagerules>\n    <maprules>\n");
        for map in &self.maps {
            s.push_str(&format!(
                "      <languagemap languagepattern=\"{}\" languagerulename=\"{}\"/>\n",
                escape(&map.pattern),
                escape(&map.rules_name)
            ));
        }
        s.push_str("    </maprules>\n  </body>\n</srx>\n");
        s
    }
}

fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// Where we are inside the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum In {
    Top,
    Srx,
    Header,
    Body,
    LanguageRules,
    LanguageRule,
    Rule,
    Before,
    After,
    MapRules,
}

/// Parses an SRX 2.0 document. `path` is used in error locations.
///
/// # Errors
///
/// Malformed XML, an element or attribute value SRX does not allow, or a missing required attribute,
/// each with line and column.
pub fn parse(xml: &str, path: Option<&Path>) -> Result<Srx, Error> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let at = |offset: u64| Location::in_text(path.map(Path::to_path_buf), xml, offset as usize);
    let mut srx = Srx {
        cascade: false,
        segment_subflows: true,
        language_rules: Vec::new(),
        maps: Vec::new(),
    };
    let mut stack: Vec<In> = vec![In::Top];
    let mut seen_srx = false;
    let mut text = String::new();
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|source| {
            let offset = reader.error_position();
            Error::Xml {
                at: at(offset),
                source: Box::new(source),
            }
        })?;
        let state = *stack.last().expect("stack starts with Top");
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = local_name(e);
                let next = match (state, name.as_str()) {
                    (In::Top, "srx") => {
                        seen_srx = true;
                        let version = attr(e, "version", xml, pos, path)?;
                        if version.as_deref() != Some("2.0") {
                            return Err(Error::Srx {
                                at: at(pos),
                                what: format!(
                                    "<srx> version is '{}', expected '2.0'",
                                    version.unwrap_or_default()
                                ),
                            });
                        }
                        In::Srx
                    }
                    (In::Srx, "header") => {
                        if let Some(v) = attr(e, "cascade", xml, pos, path)? {
                            srx.cascade = yes_no(&v, "cascade", at(pos))?;
                        }
                        if let Some(v) = attr(e, "segmentsubflows", xml, pos, path)? {
                            srx.segment_subflows = yes_no(&v, "segmentsubflows", at(pos))?;
                        }
                        In::Header
                    }
                    (In::Header, "formathandle") => In::Header,
                    (In::Srx, "body") => In::Body,
                    (In::Body, "languagerules") => In::LanguageRules,
                    (In::LanguageRules, "languagerule") => {
                        let name = required(e, "languagerulename", xml, pos, path)?;
                        srx.language_rules.push(LanguageRules {
                            name,
                            rules: Vec::new(),
                        });
                        In::LanguageRule
                    }
                    (In::LanguageRule, "rule") => {
                        let is_break = match attr(e, "break", xml, pos, path)? {
                            Some(v) => yes_no(&v, "break", at(pos))?,
                            None => true,
                        };
                        let loc = at(pos);
                        let set = srx
                            .language_rules
                            .last_mut()
                            .expect("inside a languagerule");
                        set.rules.push(Rule {
                            is_break,
                            before: String::new(),
                            after: String::new(),
                            line: Some(loc.line),
                            col: Some(loc.col),
                        });
                        In::Rule
                    }
                    (In::Rule, "beforebreak") => {
                        text.clear();
                        In::Before
                    }
                    (In::Rule, "afterbreak") => {
                        text.clear();
                        In::After
                    }
                    (In::Body, "maprules") => In::MapRules,
                    (In::MapRules, "languagemap") => {
                        let pattern = required(e, "languagepattern", xml, pos, path)?;
                        let rules_name = required(e, "languagerulename", xml, pos, path)?;
                        if let Err(source) = Regex::new(&pattern) {
                            return Err(Error::Srx {
                                at: at(pos),
                                what: format!(
                                    "<languagemap> languagepattern '{pattern}' is not a valid regular expression: {source}"
                                ),
                            });
                        }
                        srx.maps.push(LanguageMap {
                            pattern,
                            rules_name,
                        });
                        In::MapRules
                    }
                    (_, other) => {
                        return Err(Error::Srx {
                            at: at(pos),
                            what: format!("unexpected element <{other}> in {}", describe(state)),
                        });
                    }
                };
                if !is_empty {
                    stack.push(next);
                }
            }
            Event::End(_) => {
                let set = srx.language_rules.last_mut();
                match state {
                    In::Before => {
                        if let Some(rule) = set.and_then(|s| s.rules.last_mut()) {
                            rule.before = std::mem::take(&mut text);
                        }
                    }
                    In::After => {
                        if let Some(rule) = set.and_then(|s| s.rules.last_mut()) {
                            rule.after = std::mem::take(&mut text);
                        }
                    }
                    _ => {}
                }
                stack.pop();
            }
            Event::Text(t) => {
                let decoded = t.xml10_content();
                if matches!(state, In::Before | In::After) {
                    text.push_str(&decoded);
                } else if !decoded.trim().is_empty() {
                    return Err(Error::Srx {
                        at: at(pos),
                        what: format!("unexpected text in {}", describe(state)),
                    });
                }
            }
            Event::CData(t) => {
                if matches!(state, In::Before | In::After) {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if matches!(state, In::Before | In::After) {
                    let name = r.to_string();
                    let resolved = match name.as_str() {
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "amp" => "&".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        _ => match r.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => {
                                return Err(Error::Srx {
                                    at: at(pos),
                                    what: format!("unknown entity '&{name};'"),
                                });
                            }
                        },
                    };
                    text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_srx {
        return Err(Error::Srx {
            at: at(0),
            what: "no <srx> element: not an SRX file".to_string(),
        });
    }
    if stack.len() > 1 {
        return Err(Error::Srx {
            at: at(xml.len() as u64),
            what: format!(
                "unexpected end of file inside {}",
                describe(*stack.last().expect("non-empty"))
            ),
        });
    }
    Ok(srx)
}

fn describe(state: In) -> &'static str {
    match state {
        In::Top => "the document",
        In::Srx => "<srx>",
        In::Header => "<header>",
        In::Body => "<body>",
        In::LanguageRules => "<languagerules>",
        In::LanguageRule => "<languagerule>",
        In::Rule => "<rule>",
        In::Before => "<beforebreak>",
        In::After => "<afterbreak>",
        In::MapRules => "<maprules>",
    }
}

fn local_name(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

fn attr(
    e: &BytesStart<'_>,
    name: &str,
    xml: &str,
    pos: u64,
    path: Option<&Path>,
) -> Result<Option<String>, Error> {
    for a in e.attributes() {
        let a = a.map_err(|source| Error::Xml {
            at: Location::in_text(path.map(Path::to_path_buf), xml, pos as usize),
            source: Box::new(source.into()),
        })?;
        if a.key.local_name().as_ref() == name {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|source| Error::Xml {
                    at: Location::in_text(path.map(Path::to_path_buf), xml, pos as usize),
                    source: Box::new(source),
                })?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn required(
    e: &BytesStart<'_>,
    name: &str,
    xml: &str,
    pos: u64,
    path: Option<&Path>,
) -> Result<String, Error> {
    attr(e, name, xml, pos, path)?.ok_or_else(|| Error::Srx {
        at: Location::in_text(path.map(Path::to_path_buf), xml, pos as usize),
        what: format!("<{}> has no {name} attribute", local_name(e)),
    })
}

fn yes_no(v: &str, name: &str, at: Location) -> Result<bool, Error> {
    match v {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(Error::Srx {
            at,
            what: format!("{name} is '{other}', expected 'yes' or 'no'"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use crate::segment::{Segmenter, builtin_srx};

    #[test]
    fn builtin_rules_round_trip_through_srx() {
        let srx = builtin_srx();
        let xml = srx.to_xml();
        let back = parse(&xml, None).expect("own output parses");
        assert_eq!(back.language_rules.len(), srx.language_rules.len());
        for (a, b) in back.language_rules.iter().zip(&srx.language_rules) {
            assert_eq!(a.name, b.name);
            let pats_a: Vec<_> = a
                .rules
                .iter()
                .map(|r| (r.is_break, &r.before, &r.after))
                .collect();
            let pats_b: Vec<_> = b
                .rules
                .iter()
                .map(|r| (r.is_break, &r.before, &r.after))
                .collect();
            assert_eq!(pats_a, pats_b);
        }
        assert_eq!(back.maps, srx.maps);
    }

    #[test]
    fn exported_rules_segment_like_the_builtin_ones() {
        let xml = builtin_srx().to_xml();
        let ru = Lang::parse("ru").expect("valid");
        let seg = Segmenter::from_srx(&xml, None, &ru).expect("compiles");
        let text = "Он прибыл в г. Москву 5 мая. Т.е. визит начался. «Да!» – сказал он.";
        let got: Vec<_> = seg
            .segment(text)
            .iter()
            .map(|s| s.text(text).into_owned())
            .collect();
        let want: Vec<_> = Segmenter::for_lang(&ru)
            .segment(text)
            .iter()
            .map(|s| s.text(text).into_owned())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn cascade_uses_every_matching_map() {
        let xml = r#"<srx version="2.0"><header cascade="yes"/><body><languagerules>
<languagerule languagerulename="a"><rule break="no"><beforebreak>x</beforebreak><afterbreak/></rule></languagerule>
<languagerule languagerulename="b"><rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule></languagerule>
</languagerules><maprules><languagemap languagepattern="en.*" languagerulename="a"/><languagemap languagepattern=".*" languagerulename="b"/></maprules></body></srx>"#;
        let srx = parse(xml, None).expect("valid");
        assert_eq!(srx.rules_for("en").len(), 2);
        assert_eq!(srx.rules_for("ru").len(), 1);
    }

    #[test]
    fn malformed_xml_reports_line_and_column() {
        let xml = "<srx version=\"2.0\">\n<header>\n</srx>";
        let err = parse(xml, Some(Path::new("bad.srx"))).expect_err("malformed");
        assert!(err.to_string().starts_with("bad.srx:3:"), "{err}");
    }

    #[test]
    fn a_rule_with_look_ahead_is_an_error_naming_the_rule() {
        let xml = "<srx version=\"2.0\"><body><languagerules><languagerule languagerulename=\"x\">\n<rule break=\"yes\"><beforebreak>\\.</beforebreak><afterbreak>(?=\\s)</afterbreak></rule>\n</languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules></body></srx>";
        let err = Segmenter::from_srx(
            xml,
            Some(Path::new("r.srx")),
            &Lang::parse("en").expect("valid"),
        )
        .expect_err("unsupported");
        assert_eq!(
            err.to_string(),
            "r.srx:2:1: rule 1 of 'x': after pattern '(?=\\s)' uses look-ahead '(?=', which tmkit cannot run"
        );
    }
}
