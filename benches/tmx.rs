//! TMX writing and reading throughput on 10,000 generated bilingual units (en–az, one inline code in
//! every tenth unit), against a baseline that only tokenises the same file with quick-xml. The 1M-unit
//! export/import with SQLite and peak RSS is `tmkit eval tmx` (src/eval/tmx.rs).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tmkit::Lang;
use tmkit::tmx::{LangStyle, TmxReader, TmxWriter, WriteHeader};
use tmkit::unit::{NewUnit, NewVariant, Origin, Prop};

const UNITS: usize = 10_000;

fn units() -> Vec<NewUnit> {
    let en = Lang::parse("en").expect("tag");
    let az = Lang::parse("az").expect("tag");
    (0..UNITS)
        .map(|i| {
            let mut a = NewVariant::new(en.clone(), format!("President Ilham Aliyev received the delegation number {i} in Baku & Astana."));
            let b = NewVariant::new(az.clone(), format!("Prezident İlham Əliyev {i} nömrəli nümayəndə heyətini Bakıda qəbul edib."));
            if i % 10 == 0 {
                a.markup = Some(format!("President <bpt i=\"1\">&lt;b&gt;</bpt>Ilham Aliyev<ept i=\"1\">&lt;/b&gt;</ept> received delegation {i} in Baku &amp; Astana."));
            }
            let mut u = NewUnit::new(Origin::Aligned, vec![a, b]);
            u.created_at = Some(1_720_000_000 + i as i64);
            u.props.push(Prop::typed("x-origin", "aligned"));
            u
        })
        .collect()
}

fn write(units: &[NewUnit]) -> Vec<u8> {
    let header = WriteHeader {
        srclang: Lang::parse("en").ok(),
        creationdate: 0,
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(Vec::with_capacity(4 << 20), &header).expect("header");
    for u in units {
        writer.write_unit(u).expect("unit");
    }
    writer.finish().expect("finish")
}

fn read(bytes: &[u8]) -> usize {
    let mut reader = TmxReader::new(bytes, None).expect("header");
    let mut n = 0;
    while let Some(u) = reader.next_unit() {
        black_box(u.expect("unit"));
        n += 1;
    }
    n
}

fn tokenise(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed") {
            quick_xml::events::Event::Eof => break,
            _ => n += 1,
        }
        buf.clear();
    }
    n
}

fn bench(c: &mut Criterion) {
    let units = units();
    let bytes = write(&units);
    // Check the answer before timing: every unit comes back.
    assert_eq!(read(&bytes), UNITS);
    let mut group = c.benchmark_group("tmx");
    group.throughput(Throughput::Elements(UNITS as u64));
    group.bench_function("write/10k-units", |b| b.iter(|| black_box(write(&units))));
    group.bench_function("read/10k-units", |b| b.iter(|| black_box(read(&bytes))));
    group.bench_function("read/quick-xml-tokenise-baseline", |b| {
        b.iter(|| black_box(tokenise(&bytes)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
