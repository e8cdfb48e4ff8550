//! XLIFF write → parse: drafts with arbitrary source, target, stored source and target, article and
//! file name, written by `XliffWriter`, are well-formed XML whose `<source>`, `<target>` and `<note>`
//! texts and `original` attribute are what was written — less the characters the writer drops.
//!
//! Input: byte 0 the match percent (>100 means no match); each further line one draft unit: tab-separated
//! source, target, stored source, stored target, article. The first line is the file name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use tmkit::tmx::is_dropped_on_write;
use tmkit::tmx::xliff::{DraftMatch, DraftUnit, XliffWriter};

#[path = "common.rs"]
mod common;

fn cleaned(s: &str) -> String {
    s.chars().filter(|&c| !is_dropped_on_write(c)).collect()
}

/// The text of every `<source>`, `<target>` and `<note>` in document order, and the `original`.
fn parse(xml: &str) -> (Vec<(String, String)>, String) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut original = String::new();
    let mut open: Option<(String, String)> = None;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("the XLIFF is not well-formed: {e}\n{xml}"))
        {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "file" {
                    for a in e.attributes() {
                        let a = a.expect("a well-formed attribute");
                        if a.key.as_ref() == "original" {
                            original = a
                                .normalized_value(XmlVersion::Implicit1_0)
                                .expect("an escaped value")
                                .into_owned();
                        }
                    }
                }
                if matches!(name.as_str(), "source" | "target" | "note") {
                    assert!(
                        open.is_none(),
                        "<{name}> inside another text element\n{xml}"
                    );
                    open = Some((name, String::new()));
                }
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                if matches!(name.as_str(), "source" | "target" | "note") {
                    out.push((name, String::new()));
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = &mut open {
                    let c = match r.resolve_char_ref().expect("a valid character reference") {
                        Some(c) => c,
                        None => match &*r {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => panic!("the writer wrote the entity &{other};\n{xml}"),
                        },
                    };
                    text.push(c);
                }
            }
            Event::CData(_) => panic!("the writer wrote CDATA\n{xml}"),
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                if open.as_ref().is_some_and(|(n, _)| *n == name) {
                    out.extend(open.take());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (out, original)
}

fuzz_target!(|data: &[u8]| {
    let ([percent], rest) = common::params::<1>(data);
    let text = String::from_utf8_lossy(rest);
    let mut lines = text.split('\n');
    let original = lines.next().unwrap_or_default();
    let rows: Vec<Vec<&str>> = lines.take(32).map(|l| l.split('\t').collect()).collect();
    fn cell<'t>(row: &[&'t str], i: usize) -> &'t str {
        row.get(i).copied().unwrap_or_default()
    }
    let units: Vec<DraftUnit<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| DraftUnit {
            source: cell(row, 0),
            best: (percent <= 100 && row.len() > 1).then(|| DraftMatch {
                percent: u32::from(percent),
                target: cell(row, 1),
                adapted: i % 2 == 1,
                stored_source: cell(row, 2),
                stored_target: cell(row, 3),
                unit: i as i64,
                article: row.get(4).copied(),
                needs_review: i % 3 == 2,
                approved: i % 5 == 4,
            }),
        })
        .collect();
    let (from, to) = (common::lang(0), common::lang(1));
    let mut writer = XliffWriter::new(Vec::new(), &from, &to, original).expect("writing to memory");
    for u in &units {
        writer.write_unit(u).expect("writing to memory");
    }
    let xml = String::from_utf8(writer.finish().expect("writing to memory")).expect("UTF-8");
    let (texts, read_original) = parse(&xml);
    assert_eq!(read_original, cleaned(original), "original changed\n{xml}");
    let mut expected = Vec::new();
    for u in &units {
        expected.push(("source".to_string(), cleaned(u.source)));
        if let Some(m) = &u.best {
            expected.push(("target".to_string(), cleaned(m.target)));
            expected.push(("source".to_string(), cleaned(m.stored_source)));
            expected.push(("target".to_string(), cleaned(m.stored_target)));
            let note = texts
                .get(expected.len())
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            if let Some(article) = m.article {
                assert!(
                    note.ends_with(&format!(", article {}", cleaned(article))),
                    "note {note:?}\n{xml}"
                );
            }
            expected.push(("note".to_string(), note));
        }
    }
    assert_eq!(texts, expected, "texts changed\n{xml}");
});
