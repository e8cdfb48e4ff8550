//! TSV write → read: units with arbitrary text (tabs, line breaks, backslashes) written by
//! `tsv::write_unit` read back by `TsvReader` with the same texts. A unit whose cells are all empty is
//! not written as a unit (TSV has no way to say it), one whose texts are all white space is skipped by
//! the reader (documented), and a variant with empty text is no variant.
//!
//! Input: lines of tab-separated cells for en, az, ru, zh; inside a cell `\x01` stands for a tab and
//! `\x02` for a line break, so texts can hold both.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::tmx::tsv::{TsvReader, write_header, write_unit};
use tmkit::unit::{NewUnit, NewVariant, Origin};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let langs: Vec<tmkit::Lang> = (0..4).map(common::lang).collect();
    let units: Vec<NewUnit> = text
        .split('\n')
        .take(64)
        .filter_map(|line| {
            let variants: Vec<NewVariant> = langs
                .iter()
                .zip(line.split('\t'))
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(l, cell)| {
                    NewVariant::new(l.clone(), cell.replace('\x01', "\t").replace('\x02', "\n"))
                })
                .collect();
            (!variants.is_empty()).then(|| NewUnit::new(Origin::Imported, variants))
        })
        .collect();
    let mut out = Vec::new();
    let tags: Vec<String> = langs.iter().map(|l| l.as_str().to_string()).collect();
    write_header(&mut out, &tags).expect("writing to memory");
    let mut written = Vec::new();
    for u in units {
        let mut line = Vec::new();
        write_unit(&mut line, &langs, &u, false).expect("writing to memory");
        // A line with no text but white space is skipped by the reader (documented): a unit whose
        // texts are all spaces is not one.
        if !String::from_utf8_lossy(&line).trim().is_empty() {
            written.push(u);
        }
        out.extend(line);
    }
    let units = written;
    let mut reader = TsvReader::new(&out[..], None).expect("the written header reads");
    assert_eq!(reader.langs(), &langs[..]);
    let texts = |u: &NewUnit| -> Vec<(String, String)> {
        u.variants
            .iter()
            .map(|v| (v.lang.as_str().to_string(), v.text.clone()))
            .collect()
    };
    for unit in &units {
        let (read, _) = match reader.next_unit() {
            Some(Ok(read)) => read,
            Some(Err(e)) => panic!("a written unit does not read back: {e}"),
            None => panic!(
                "fewer units read than written: {:?}",
                String::from_utf8_lossy(&out)
            ),
        };
        assert_eq!(
            texts(&read),
            texts(unit),
            "{:?}",
            String::from_utf8_lossy(&out)
        );
    }
    assert!(reader.next_unit().is_none(), "more units read than written");
});
