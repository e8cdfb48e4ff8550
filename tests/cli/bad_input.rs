//! Bad input from the foundation issue (#2): each case is a clear error, a non-zero exit, and nothing written.

use predicates::str::contains;

use crate::common::{Sandbox, article1, stdout_of};
use crate::lookup::store_sample;

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
fn invalid_utf8_is_located() {
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
        .stderr(contains("bad.txt:1:6: invalid UTF-8"));
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
    assert!(!s.tm().exists(), "no memory is left behind");
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

#[test]
fn storing_an_alignment_with_an_empty_file_is_an_error_and_stores_nothing() {
    let s = Sandbox::new();
    let empty = s.write("empty.txt", "\n");
    s.tmkit()
        .args(["align", "--from", "en", "--to", "az", "--store"])
        .arg(article1().join("en.txt"))
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(contains(
            "empty.txt: the file has no sentences; nothing stored",
        ));
    assert!(!s.tm().exists(), "nothing is written");
}

/// `analyze --csv` of `article` (English, one sentence per line) against the sample memory.
fn analyze(s: &Sandbox, article: &std::path::Path) -> std::process::Output {
    s.tmkit()
        .args([
            "analyze",
            "--presegmented",
            "--from",
            "en",
            "--to",
            "az",
            "--csv",
        ])
        .arg(article)
        .output()
        .expect("runs")
}

/// Issue #16, item 9: a .docx or other binary file given as text was reported as `invalid UTF-8 at
/// byte 12`.
#[test]
fn a_binary_document_given_as_text_is_named() {
    let s = Sandbox::new();
    let mut docx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml ... word/document.xml ...");
    for (name, bytes, said) in [
        (
            "article.docx",
            docx,
            "this is a Word document (.docx); save it as plain text",
        ),
        (
            "article.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            "this is a PDF document; save it as plain text",
        ),
        (
            "article.bin",
            b"abc\x00\x01\x02\x03 and more".to_vec(),
            "1:4: a NUL character: this is a binary file, not text",
        ),
    ] {
        let path = s.write(name, bytes);
        let out = analyze(&s, &path);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: {}: {said}\n", path.display()).replace(": 1:4:", ":1:4:"),
            "{name}"
        );
    }
}

/// Issue #16, item 9: UTF-16 text was reported as `invalid UTF-8 at byte 0`; it is read.
#[test]
fn utf16_text_with_or_without_a_byte_order_mark_is_read() {
    let s = Sandbox::new();
    store_sample(&s);
    let text =
        std::fs::read_to_string(crate::common::article2().join("en.sents.txt")).expect("sample");
    let utf8 = s.write("utf8.txt", &text);
    let le_bom: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let want = analyze(&s, &utf8);
    assert!(want.status.success());
    for (name, bytes) in [("le-bom.txt", le_bom), ("be.txt", be)] {
        let path = s.write(name, bytes);
        let got = analyze(&s, &path);
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "{name}: {}",
            String::from_utf8_lossy(&got.stderr)
        );
    }
    // A batch of queries in UTF-16 too.
    let batch: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "President Ilham Aliyev emphasized that Azerbaijan always supported the One China Policy.\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let batch = s.write("batch.txt", batch);
    let out = stdout_of(
        s.tmkit()
            .args(["lookup", "--from", "en", "--to", "az", "--json", "--batch"])
            .arg(&batch),
    );
    let answer: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(answer["matches"][0]["score"], 100);
}

/// Issue #16, item 9: invalid UTF-8 on line 3 was reported at `1:1`.
#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let s = Sandbox::new();
    let bad = s.write("bad.txt", b"One sentence.\nTwo sentences.\nThr\xffee.\n");
    let out = analyze(&s, &bad);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {}:3:4: invalid UTF-8: tmkit reads UTF-8 or UTF-16 text only\n",
            bad.display()
        )
    );
}

/// Issue #16, item 4: every command that only reads refuses a missing memory, and creates nothing.
#[test]
fn every_reading_command_refuses_a_missing_memory_and_creates_nothing() {
    let s = Sandbox::new();
    let article = s.write("a.txt", "Baku hosted the forum.\n");
    let article = article.to_str().expect("UTF-8 path");
    let commands: [&[&str]; 6] = [
        &["lookup", "--from", "en", "--to", "az", "Baku"],
        &["concordance", "--lang", "en", "Baku"],
        &["analyze", article, "--from", "en", "--to", "az"],
        &[
            "pretranslate",
            article,
            "--from",
            "en",
            "--to",
            "az",
            "-o",
            "d.tsv",
        ],
        &["export", "--from", "en", "--to", "az", "-o", "e.tmx"],
        &["stats"],
    ];
    for args in commands {
        s.tmkit_without_tm()
            .args(["--tm", "missing/x.db"])
            .args(args)
            .assert()
            .code(1)
            .stderr(contains(
                "error: there is no memory at missing/x.db: create one with",
            ));
        let names: Vec<String> = std::fs::read_dir(s.dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt"], "{args:?} created something");
    }
}

/// Issue #16, item 4: `--to` or `--from` absent from the memory, or equal, are usage errors (exit
/// 2) in every command that takes them.
#[test]
fn every_reading_command_refuses_languages_the_memory_does_not_hold() {
    let s = Sandbox::new();
    store_sample(&s);
    let article = s.write("a.txt", "Baku hosted the forum.\n");
    let article = article.to_str().expect("UTF-8 path");
    let langs = "its languages are az-Latn, en, ru, zh-Hans";
    let commands: [(&[&str], &str); 7] = [
        (
            &["concordance", "--lang", "de", "Baku"],
            "holds no text in de (--lang)",
        ),
        (
            &["concordance", "--lang", "en", "--to", "de", "Baku"],
            "holds no text in de (--to)",
        ),
        (
            &["analyze", article, "--from", "en", "--to", "de"],
            "holds no text in de (--to)",
        ),
        (
            &[
                "pretranslate",
                article,
                "--from",
                "xx",
                "--to",
                "az",
                "-o",
                "d.tsv",
            ],
            "holds no text in xx (--from)",
        ),
        (
            &["export", "--from", "en", "--to", "de", "-o", "e.tmx"],
            "holds no text in de (--to)",
        ),
        (
            &["export", "--langs", "en,de", "-o", "e.tmx"],
            "holds no text in de (--langs)",
        ),
        (
            &["analyze", article, "--from", "az", "--to", "az-Latn"],
            "--from and --to are the same language (az-Latn)",
        ),
    ];
    for (args, said) in commands {
        let out = s.tmkit().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        if !said.contains("same language") {
            assert!(stderr.contains(langs), "{args:?}: {stderr}");
        }
    }
    assert!(!s.path("d.tsv").exists() && !s.path("e.tmx").exists());
}

/// Issue #16, item 9: `segment`, which streams its input, names a binary format and reads UTF-16 too.
#[test]
fn segment_names_a_word_document_and_reads_utf16() {
    let s = Sandbox::new();
    let docx = s.write("a.docx", b"PK\x03\x04\x14\x00 word/document.xml");
    s.tmkit_without_tm()
        .args(["segment", "--lang", "en"])
        .arg(&docx)
        .assert()
        .code(1)
        .stderr(format!(
            "error: {}: this is a Word document (.docx); save it as plain text\n",
            docx.display()
        ));
    let text = "Baku hosted the forum. Trade reached 4 billion dollars.\n\nŞuşa, 3 iyul.\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16 = s.write("a16.txt", utf16);
    let got = stdout_of(
        s.tmkit_without_tm()
            .args(["segment", "--lang", "en"])
            .arg(&utf16),
    );
    let want = stdout_of(
        s.tmkit_without_tm()
            .args(["segment", "--lang", "en", "-"])
            .write_stdin(text),
    );
    assert_eq!(got, want);
    assert_eq!(
        got,
        "Baku hosted the forum.\nTrade reached 4 billion dollars.\nŞuşa, 3 iyul.\n"
    );
}
