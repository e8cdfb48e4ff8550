//! A structural check of the TMX 1.4b rules (the DTD's nesting and required attributes, plus the
//! spec's rules beyond it), so `cargo test` checks exports without xmllint; xmllint runs too when it is
//! installed.

#![allow(clippy::collapsible_match)] // one arm per rule reads better than guards

use std::path::Path;

use quick_xml::events::{BytesStart, Event};

const SEGTYPES: &[&str] = &["block", "paragraph", "sentence", "phrase"];
const HEADER_REQUIRED: &[&str] = &[
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];
const DATE_ATTRS: &[&str] = &["creationdate", "changedate", "lastusagedate"];
/// Prop types that tie a unit to one file in OmegaT.
const OMEGAT_CONTEXT_PROPS: &[&str] = &["file", "id", "path", "prev", "next"];

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("escaped")
                .into_owned()
        })
}

fn is_date(v: &str) -> bool {
    tmkit::tmx::parse_date(v).is_some()
}

/// Returns the list of violations (empty when the file follows the rules).
pub fn violations(tmx: &str) -> Vec<String> {
    let mut out = Vec::new();
    if tmx.contains("<!ENTITY") {
        out.push("declares entities".into());
    }
    if let Some(c) = tmx.chars().find(|&c| tmkit::tmx::is_dropped_on_write(c)) {
        out.push(format!("holds U+{:04X}", c as u32));
    }
    let mut reader = quick_xml::Reader::from_str(tmx);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut srclang = String::new();
    let mut tu_langs: Vec<String> = Vec::new();
    let mut tu_seen_tuv = false;
    let mut tuv_children: Vec<String> = Vec::new();
    let mut open_bpt: Vec<String> = Vec::new();
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                out.push(format!("not well-formed: {e}"));
                break;
            }
        };
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match name.as_str() {
                    "tu" => {
                        if tu_langs.is_empty() {
                            out.push("<tu> without <tuv>".into());
                        }
                        if srclang != "*all*" && !tu_langs.contains(&srclang) {
                            out.push(format!("<tu> without its srclang {srclang}: {tu_langs:?}"));
                        }
                        let mut sorted = tu_langs.clone();
                        sorted.sort();
                        sorted.dedup();
                        if sorted.len() != tu_langs.len() {
                            out.push(format!("<tu> with two <tuv> in one language: {tu_langs:?}"));
                        }
                    }
                    "tuv" => {
                        if tuv_children.iter().filter(|c| *c == "seg").count() != 1
                            || tuv_children.last().map(String::as_str) != Some("seg")
                        {
                            out.push(format!(
                                "<tuv> must end with exactly one <seg>: {tuv_children:?}"
                            ));
                        }
                    }
                    "seg" => {
                        if !open_bpt.is_empty() {
                            out.push(format!("<bpt> without <ept>: {open_bpt:?}"));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::GeneralRef(r) => {
                let name = r.as_ref().to_string();
                if !name.starts_with('#')
                    && !["amp", "lt", "gt", "quot", "apos"].contains(&name.as_str())
                {
                    out.push(format!("entity &{name};"));
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name().as_ref().to_string();
        let parent = stack.last().cloned().unwrap_or_default();
        let allowed: &[&str] = match parent.as_str() {
            "" => &["tmx"],
            "tmx" => &["header", "body"],
            "header" => &["note", "prop", "ude"],
            "body" => &["tu"],
            "tu" => &["note", "prop", "tuv"],
            "tuv" => &["note", "prop", "seg"],
            "seg" | "hi" | "sub" => &["bpt", "ept", "it", "ph", "hi", "ut"],
            "bpt" | "ept" | "it" | "ph" | "ut" => &["sub"],
            _ => &[],
        };
        if !allowed.contains(&name.as_str()) {
            out.push(format!("<{name}> inside <{parent}>"));
        }
        for date in DATE_ATTRS {
            if let Some(v) = attr(&e, date).filter(|v| !is_date(v)) {
                out.push(format!("<{name} {date}='{v}'> is not YYYYMMDDThhmmssZ"));
            }
        }
        if attr(&e, "lang").is_some() {
            out.push(format!("<{name}> uses the TMX 1.1 'lang' attribute"));
        }
        match name.as_str() {
            "tmx" => {
                if attr(&e, "version").as_deref() != Some("1.4") {
                    out.push("<tmx version> is not 1.4".into());
                }
            }
            "header" => {
                for a in HEADER_REQUIRED {
                    if attr(&e, a).is_none_or(|v| v.is_empty()) {
                        out.push(format!("<header> lacks {a}"));
                    }
                }
                if !attr(&e, "segtype").is_some_and(|s| SEGTYPES.contains(&s.as_str())) {
                    out.push("bad segtype".into());
                }
                srclang = attr(&e, "srclang").unwrap_or_default();
            }
            "tu" => {
                tu_langs.clear();
                tu_seen_tuv = false;
                if let Some(n) = attr(&e, "usagecount").filter(|n| n.parse::<u64>().is_err()) {
                    out.push(format!("usagecount '{n}'"));
                }
            }
            "prop" | "note" => {
                if parent == "tu" && tu_seen_tuv {
                    out.push(format!("<{name}> after <tuv>"));
                }
                if parent == "tuv" && tuv_children.iter().any(|c| c == "seg") {
                    out.push(format!("<{name}> after <seg>"));
                }
                if name == "prop" {
                    match attr(&e, "type") {
                        None => out.push("<prop> without type".into()),
                        Some(t) if OMEGAT_CONTEXT_PROPS.contains(&t.as_str()) => {
                            out.push(format!("<prop type='{t}'> ties units to a file in OmegaT"))
                        }
                        _ => {}
                    }
                }
            }
            "tuv" => {
                tu_seen_tuv = true;
                tuv_children.clear();
                match attr(&e, "xml:lang") {
                    None => out.push("<tuv> without xml:lang".into()),
                    Some(l) => {
                        if l.contains('_') || l.is_empty() {
                            out.push(format!("bad language tag '{l}'"));
                        }
                        tu_langs.push(l);
                    }
                }
            }
            "bpt" | "ept" => {
                let Some(i) = attr(&e, "i") else {
                    out.push(format!("<{name}> without i"));
                    continue;
                };
                if name == "bpt" {
                    open_bpt.push(i);
                } else if let Some(p) = open_bpt.iter().position(|b| *b == i) {
                    open_bpt.remove(p);
                } else {
                    out.push(format!("<ept i='{i}'> without <bpt>"));
                }
            }
            "it" => {
                if !attr(&e, "pos").is_some_and(|p| p == "begin" || p == "end") {
                    out.push("<it> without pos begin|end".into());
                }
            }
            _ => {}
        }
        if parent == "tuv" {
            tuv_children.push(name.clone());
        }
        if !empty {
            stack.push(name);
        }
    }
    out
}

/// Asserts that `path` follows the TMX 1.4b rules, and validates it with xmllint when installed.
pub fn assert_valid_tmx(path: &Path) {
    let text = std::fs::read_to_string(path).expect("UTF-8 TMX");
    let problems = violations(&text);
    assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec");
    let spec = if spec.join("tmx14.dtd").exists() {
        spec
    } else {
        std::path::PathBuf::from("/work/shared/spec")
    };
    if !spec.join("tmx14.dtd").exists() {
        return;
    }
    let Ok(output) = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--path")
        .arg(&spec)
        .arg("--dtdvalid")
        .arg(spec.join("tmx14.dtd"))
        .arg(path)
        .output()
    else {
        return; // xmllint is not installed: the Rust-side check above stands alone.
    };
    assert!(
        output.status.success(),
        "xmllint rejects {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_checker_catches_what_cat_tools_trip_over() {
    let bad = r#"<tmx version="1.4"><header creationtool="x" segtype="line" srclang="en"/><body>
<tu><prop type="file">a.txt</prop><tuv lang="en"><seg>a</seg></tuv><tuv xml:lang="az_AZ"><seg>b</seg></tuv></tu>
<tu creationdate="2024-01-01"><tuv xml:lang="en"><seg><bpt i="1">x</bpt></seg></tuv></tu></body></tmx>"#;
    let found = violations(bad);
    for expected in [
        "<header> lacks o-tmf",
        "bad segtype",
        "<prop type='file'> ties units to a file in OmegaT",
        "<tuv> without xml:lang",
        "bad language tag 'az_AZ'",
        "<tu creationdate='2024-01-01'> is not YYYYMMDDThhmmssZ",
        "<bpt> without <ept>: [\"1\"]",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "missing {expected}: {found:#?}"
        );
    }
}
