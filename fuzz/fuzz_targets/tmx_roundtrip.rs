//! TMX write → read: units with arbitrary text (XML-special characters, controls, CR, astral
//! characters), arbitrary `tuid`, `creationid` and note values, written by `TmxWriter` in either tag
//! style, read back by `TmxReader` equal to what was written — less the characters the writer drops
//! (and counts). Then import → export → import → export gives the same document twice.
//!
//! Input: byte 0 picks the tag style (bit 0) and whether to import and export (bit 1 clear); each further line is one unit: tab-separated cells, the first
//! four the texts in en, az, ru, zh (an empty cell: no variant), the fifth a note, the sixth the tuid,
//! the seventh the creationid.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::Memory;
use tmkit::ingest::import::import_tmx;
use tmkit::tm::{ExportFilter, for_each_unit};
use tmkit::tmx::{LangStyle, TmxReader, TmxWriter, WriteHeader, is_dropped_on_write};
use tmkit::unit::{NewUnit, NewVariant, Origin, Prop};

#[path = "common.rs"]
mod common;

const LANGS: [u8; 4] = [0, 1, 2, 3]; // en, az, ru, zh in common::TAGS

fn cleaned(s: &str) -> String {
    s.chars().filter(|&c| !is_dropped_on_write(c)).collect()
}

fn write(units: &[NewUnit], style: LangStyle) -> (String, u64) {
    let header = WriteHeader {
        srclang: None,
        creationdate: 0,
        lang_style: style,
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).expect("writing to memory");
    for u in units {
        writer.write_unit(u).expect("writing to memory");
    }
    let dropped = writer.dropped_chars();
    let bytes = writer.finish().expect("writing to memory");
    (
        String::from_utf8(bytes).expect("the writer writes UTF-8"),
        dropped,
    )
}

fn export(memory: &Memory) -> String {
    let header = WriteHeader {
        srclang: None,
        creationdate: 0,
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).expect("writing to memory");
    for_each_unit::<tmkit::Error>(memory, &ExportFilter::default(), |u| {
        Ok(writer.write_unit(u)?)
    })
    .expect("exporting");
    String::from_utf8(writer.finish().expect("writing to memory")).expect("UTF-8")
}

fn import(tmx: &str) -> Option<Memory> {
    let mut memory = Memory::open_in_memory().expect("an in-memory memory opens");
    let reader = TmxReader::new(tmx.as_bytes(), None).expect("the writer's header reads");
    import_tmx(&mut memory, reader, "fuzz.tmx", false, |_| {}).ok()?;
    Some(memory)
}

fuzz_target!(|data: &[u8]| {
    let ([choice], rest) = common::params::<1>(data);
    let style = if choice & 1 == 0 {
        LangStyle::Bcp47
    } else {
        LangStyle::Region
    };
    let text = String::from_utf8_lossy(rest);
    let mut units = Vec::new();
    for line in text.split('\n').take(32) {
        let cells: Vec<&str> = line.split('\t').collect();
        let variants: Vec<NewVariant> = LANGS
            .iter()
            .zip(&cells)
            .filter(|(_, cell)| !cell.is_empty())
            .map(|(&l, cell)| NewVariant::new(common::lang(l), *cell))
            .collect();
        if variants.is_empty() {
            continue;
        }
        let mut unit = NewUnit::new(Origin::Imported, variants);
        if let Some(note) = cells.get(4).filter(|n| !n.is_empty()) {
            unit.props.push(Prop::note(*note));
        }
        unit.tuid = cells
            .get(5)
            .filter(|t| !t.is_empty())
            .map(|t| t.to_string());
        unit.created_by = cells
            .get(6)
            .filter(|t| !t.is_empty())
            .map(|t| t.to_string());
        units.push(unit);
    }
    let (tmx, dropped) = write(&units, style);
    let expected_drops: usize = units
        .iter()
        .flat_map(|u| {
            u.variants
                .iter()
                .map(|v| v.text.as_str())
                .chain(u.props.iter().map(|p| p.value.as_str()))
                .chain(u.tuid.as_deref())
                .chain(u.created_by.as_deref())
        })
        .map(|s| s.chars().filter(|&c| is_dropped_on_write(c)).count())
        .sum();
    assert_eq!(
        dropped, expected_drops as u64,
        "dropped characters miscounted"
    );

    let mut reader = TmxReader::new(tmx.as_bytes(), None)
        .unwrap_or_else(|e| panic!("the writer's output does not read: {e}\n{tmx}"));
    for unit in &units {
        let read = match reader.next_unit() {
            Some(Ok(read)) => read.unit,
            Some(Err(e)) => panic!("a written unit does not read back: {e}\n{tmx}"),
            None => panic!("fewer units read than written\n{tmx}"),
        };
        let texts = |u: &NewUnit| -> Vec<(String, String)> {
            u.variants
                .iter()
                .map(|v| (v.lang.as_str().to_string(), cleaned(&v.text)))
                .collect()
        };
        assert_eq!(texts(&read), texts(unit), "variants changed\n{tmx}");
        let notes =
            |u: &NewUnit| -> Vec<String> { u.props.iter().map(|p| cleaned(&p.value)).collect() };
        assert_eq!(notes(&read), notes(unit), "notes changed\n{tmx}");
        assert_eq!(
            read.tuid,
            unit.tuid.as_deref().map(cleaned),
            "tuid changed\n{tmx}"
        );
        assert_eq!(
            read.created_by,
            unit.created_by.as_deref().map(cleaned),
            "creationid changed\n{tmx}"
        );
    }
    assert!(
        reader.next_unit().is_none(),
        "more units read than written\n{tmx}"
    );

    // Import and export are idempotent: a second round writes what the first wrote. (Half the inputs:
    // two imports and exports cost ten times the write and read.)
    if choice & 2 == 0
        && let Some(memory) = import(&tmx)
    {
        let first = export(&memory);
        let again = import(&first).unwrap_or_else(|| panic!("an export does not import\n{first}"));
        assert_eq!(
            export(&again),
            first,
            "import → export is not a fixed point"
        );
    }
});
