//! `tmkit export`: valid TMX 1.4b, language styles, filters, TSV and Moses.

use std::path::PathBuf;

use crate::common::Sandbox;
use crate::tmx_check::assert_valid_tmx;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tmx")
        .join(name)
}

/// A memory holding every CAT-tool fixture.
fn loaded() -> Sandbox {
    let sandbox = Sandbox::new();
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
            .arg(fixture(name))
            .assert()
            .success();
    }
    sandbox
}

#[test]
fn every_export_is_valid_tmx_1_4b() {
    let sandbox = loaded();
    for args in [
        vec!["--from", "en", "--to", "az"],
        vec!["--from", "en", "--to", "ru", "--lang-style", "region"],
        vec!["--langs", "en,az,ru,zh"],
        vec!["--langs", "en,az,ru,zh", "--require-all"],
        vec![],
    ] {
        let out = sandbox.path("out.tmx");
        sandbox
            .tmkit()
            .arg("export")
            .args(&args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        assert_valid_tmx(&out);
    }
}

#[test]
fn a_bilingual_export_holds_only_units_with_both_languages_in_the_chosen_style() {
    let sandbox = loaded();
    let out = sandbox
        .tmkit()
        .args([
            "export",
            "--from",
            "en",
            "--to",
            "az",
            "--lang-style",
            "region",
            "-o",
            "-",
        ])
        .output()
        .expect("runs");
    let tmx = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        tmx.matches("<tu ").count() + tmx.matches("<tu>").count(),
        4,
        "{tmx}"
    );
    assert_eq!(tmx.matches("<tuv xml:lang=\"az-AZ\"").count(), 4, "{tmx}");
    assert!(tmx.contains("srclang=\"en-US\""), "{tmx}");
    assert!(tmx.contains("creationdate=\"20240704T120500Z\""), "{tmx}");
    assert!(!tmx.contains("Переговоры"), "{tmx}");
}

#[test]
fn filters_select_by_date_and_status() {
    let sandbox = loaded();
    let out = sandbox
        .tmkit()
        .args([
            "export",
            "--format",
            "tsv",
            "--from",
            "en",
            "--to",
            "ru",
            "--since",
            "2024-07-02",
            "--until",
            "2024-07-02",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "en\tru\nThe talks took place in Astana.\tПереговоры прошли в Астане.\n"
    );
    let out = sandbox
        .tmkit()
        .args([
            "export",
            "--format",
            "tsv",
            "--from",
            "en",
            "--to",
            "ru",
            "--status",
            "needs-review",
        ])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "en\tru\n");
}

#[test]
fn moses_export_writes_one_line_aligned_file_per_language() {
    let sandbox = loaded();
    let prefix = sandbox.path("corpus");
    sandbox
        .tmkit()
        .args([
            "export", "--format", "moses", "--from", "en", "--to", "az", "-o",
        ])
        .arg(&prefix)
        .assert()
        .success();
    let en = std::fs::read_to_string(sandbox.path("corpus.en")).expect("en");
    let az = std::fs::read_to_string(sandbox.path("corpus.az-Latn")).expect("az");
    assert_eq!(en.lines().count(), 4);
    assert_eq!(az.lines().count(), 4);
    let i = en
        .lines()
        .position(|l| l == "Baku hosted the forum.")
        .expect("present");
    assert_eq!(az.lines().nth(i), Some("Bakı foruma ev sahibliyi edib."));
}

#[test]
fn control_characters_are_left_out_with_a_warning() {
    let sandbox = Sandbox::new();
    let tsv = sandbox.write("c.tsv", "en\taz\nbell\u{7}here\tzəng\u{1}burada\n");
    sandbox.tmkit().arg("import").arg(&tsv).assert().success();
    let out = sandbox.path("c.tmx");
    sandbox
        .tmkit()
        .args(["export", "--from", "en", "--to", "az", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "warning: 2 characters that XML 1.0 cannot carry",
        ));
    assert_valid_tmx(&out);
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .contains("<seg>bellhere</seg>")
    );
}

#[test]
fn a_failed_export_leaves_no_file() {
    let sandbox = loaded();
    let out = sandbox.path("never.tsv");
    sandbox
        .tmkit()
        .args(["export", "--format", "tsv", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "--format tsv needs the languages",
        ));
    assert!(!out.exists());
}
