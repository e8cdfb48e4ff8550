//! Round trip: export → import → export gives the same TMX (issue #6), for random units with markup
//! characters, Azerbaijani, Cyrillic, CJK, characters outside the BMP, odd whitespace, inline tags,
//! props and notes; and the same through the binary.

use proptest::prelude::*;
use tmkit::Lang;
use tmkit::ingest::import::import_tmx;
use tmkit::tm::{ExportFilter, Memory, for_each_unit};
use tmkit::tmx::{LangStyle, TmxReader, TmxWriter, WriteHeader};
use tmkit::unit::{NewUnit, NewVariant, Origin, Prop};

use crate::common::Sandbox;
use crate::tmx_check::{assert_valid_tmx, violations};

const PIECES: &[&str] = &[
    "&",
    "<",
    ">",
    "\"",
    "'",
    "&amp;",
    "ə",
    "Ə",
    "ğ",
    "ı",
    "İ",
    "ş",
    "Жук",
    "щи",
    "中文",
    "习近平",
    "😀",
    "𝄞",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "word",
    "Baku",
    "\u{1}",
    "\u{FFFF}",
    "]]>",
    "x-",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..8).prop_map(|p| p.concat())
}

/// `<seg>` content with inline codes, escaped the way the reader re-serialises it, and its plain text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\r', "&#13;")
}

fn variant(lang: &str) -> impl Strategy<Value = NewVariant> {
    let lang = Lang::parse(lang).expect("tag");
    (text(), text(), any::<bool>(), proptest::option::of(text())).prop_map(move |(a, b, tags, note)| {
        let mut v = NewVariant::new(lang.clone(), format!("{a}{b}"));
        if tags {
            v.markup = Some(format!(
                "{}<bpt i=\"1\">&lt;b&gt;</bpt>{}<ept i=\"1\">&lt;/b&gt;</ept><ph x=\"2\">{{0}}</ph>",
                escape(&a),
                escape(&b)
            ));
        }
        if let Some(n) = note {
            v.props.push(Prop::note(n));
        }
        v
    })
}

fn unit() -> impl Strategy<Value = NewUnit> {
    (
        variant("en"),
        variant("az"),
        proptest::option::of(variant("ru")),
        proptest::option::of(variant("zh")),
        proptest::option::of(text()),
        proptest::option::of((0.0f32..=1.0).prop_map(|c| (c * 10_000.0).round() / 10_000.0)),
        0i64..2_000_000_000,
        0u64..5,
    )
        .prop_map(|(en, az, ru, zh, note, confidence, date, usage)| {
            let mut variants = vec![en, az];
            variants.extend(ru);
            variants.extend(zh);
            let mut u = NewUnit::new(Origin::Aligned, variants);
            u.confidence = confidence;
            u.created_at = Some(date);
            u.usage_count = usage;
            u.tuid = Some(format!("t{date}"));
            if let Some(n) = note {
                u.props.push(Prop::note(n.clone()));
                u.props.push(Prop::typed("x-client", n));
            }
            u
        })
}

fn export(memory: &Memory, filter: &ExportFilter) -> String {
    let header = WriteHeader {
        srclang: filter.langs.first().cloned(),
        creationdate: 1_720_000_000,
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).expect("header");
    for_each_unit::<tmkit::Error>(memory, filter, |u| Ok(writer.write_unit(u)?)).expect("export");
    String::from_utf8(writer.finish().expect("finish")).expect("UTF-8")
}

fn store(units: &[NewUnit]) -> Memory {
    let mut memory = Memory::open_in_memory().expect("memory");
    export_roundtrip_seed(&mut memory, units);
    memory
}

/// Stores the units through a TMX import (the library has no public bulk insert besides import).
fn export_roundtrip_seed(memory: &mut Memory, units: &[NewUnit]) -> String {
    let header = WriteHeader {
        srclang: None,
        creationdate: 0,
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(Vec::new(), &header).expect("header");
    for u in units {
        writer.write_unit(u).expect("unit");
    }
    let tmx = String::from_utf8(writer.finish().expect("finish")).expect("UTF-8");
    let reader = TmxReader::new(tmx.as_bytes(), None).expect("reader");
    import_tmx(memory, reader, "seed.tmx", false, |_| {}).expect("seed import");
    tmx
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_import_export_is_identical(units in proptest::collection::vec(unit(), 1..6)) {
        let memory = store(&units);
        for filter in [
            ExportFilter::default(),
            ExportFilter { langs: vec![Lang::parse("en").unwrap(), Lang::parse("az").unwrap()], require_all: true, ..ExportFilter::default() },
        ] {
            let first = export(&memory, &filter);
            prop_assert_eq!(violations(&first), Vec::<String>::new());
            let mut fresh = Memory::open_in_memory().expect("memory");
            let reader = TmxReader::new(first.as_bytes(), None).expect("reader");
            import_tmx(&mut fresh, reader, "first.tmx", false, |_| {}).expect("import");
            let second = export(&fresh, &filter);
            prop_assert_eq!(&first, &second);
        }
    }
}

#[test]
fn the_binary_round_trips_a_cat_tool_file() {
    let sandbox = Sandbox::new();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx");
    for name in [
        "omegat.tmx",
        "trados-utf16le.tmx",
        "memoq.tmx",
        "okapi.tmx",
        "translate-toolkit.tmx",
    ] {
        sandbox
            .tmkit()
            .arg("import")
            .arg(fixtures.join(name))
            .assert()
            .success();
    }
    let first = sandbox.path("first.tmx");
    sandbox
        .tmkit()
        .args(["export", "--langs", "en,az,ru,zh", "-o"])
        .arg(&first)
        .assert()
        .success();
    assert_valid_tmx(&first);
    let again = Sandbox::new();
    again.tmkit().arg("import").arg(&first).assert().success();
    let second = again.path("second.tmx");
    again
        .tmkit()
        .args(["export", "--langs", "en,az,ru,zh", "-o"])
        .arg(&second)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&first).expect("first"),
        std::fs::read_to_string(&second).expect("second")
    );
}
