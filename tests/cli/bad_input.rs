//! Bad input from the foundation issue (#2): each case is a clear error, a non-zero exit, and nothing written.

use predicates::str::contains;

use crate::common::{Sandbox, article1};

#[test]
fn segmenting_an_empty_file_is_an_error() {
    let s = Sandbox::new();
    let empty = s.write("empty.txt", "  \n\n");
    s.tmkit()
        .args(["segment", "--lang", "en"])
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(contains("empty.txt: there is no text to segment"));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let s = Sandbox::new();
    let bad = s.write("bad.txt", b"Baku \xff\xfe city.");
    s.tmkit()
        .args(["segment", "--lang", "az"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("bad.txt: invalid UTF-8 at byte 5"));
    s.tmkit()
        .args(["align", "--from", "en", "--to", "az", "--store"])
        .arg(&bad)
        .arg(article1().join("az.txt"))
        .assert()
        .code(1)
        .stderr(contains("bad.txt: invalid UTF-8 at byte 5"));
    assert!(!s.tm().exists(), "nothing is written");
}

#[test]
fn a_missing_file_is_named() {
    let s = Sandbox::new();
    s.tmkit()
        .args([
            "align",
            "--from",
            "en",
            "--to",
            "ru",
            "--store",
            "nothere.txt",
        ])
        .arg(article1().join("ru.txt"))
        .assert()
        .code(1)
        .stderr(contains("cannot read nothere.txt"));
    assert!(!s.tm().exists(), "nothing is written");
}

#[test]
fn a_tmx_that_is_not_xml_is_refused_and_nothing_is_stored() {
    let s = Sandbox::new();
    let tmx = s.write("notes.tmx", "this is not XML <at all");
    s.tmkit()
        .arg("import")
        .arg(&tmx)
        .assert()
        .code(1)
        .stderr(contains("notes.tmx:1:"));
    let out = crate::common::stdout_of(s.tmkit().args(["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(stats["units"], 0);
}

#[test]
fn a_language_tag_that_is_not_one_is_refused() {
    let s = Sandbox::new();
    let en = article1().join("en.txt");
    let en = en.to_str().expect("UTF-8 path");
    for args in [
        vec!["segment", "--lang", "english", en],
        vec!["lookup", "--from", "en", "--to", "a1", "text"],
        vec!["concordance", "--lang", "zz-", "phrase"],
    ] {
        s.tmkit()
            .args(&args)
            .assert()
            .code(1)
            .stderr(contains("is not a language tag"));
    }
    s.tmkit()
        .args(["align", "--from", "en", "--to", "english", "--store"])
        .arg(article1().join("en.txt"))
        .arg(article1().join("az.txt"))
        .assert()
        .code(1)
        .stderr(contains("'english' is not a language tag"));
    assert!(!s.tm().exists(), "nothing is written");
}
