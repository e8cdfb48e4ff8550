//! Limits on hostile sizes (issue #16, items 6 and 7): languages per unit, segment size, the
//! concordance window, very long sentences in `align`. Each refusal names the file, line and limit.

use crate::common::Sandbox;

/// `count` distinct language tags that tmkit keeps apart (a private-use language with a variant).
fn tags(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("qaa-{i:05}")).collect()
}

#[test]
fn a_tsv_header_over_the_language_limit_is_refused_and_the_limit_can_be_raised() {
    let sandbox = Sandbox::new();
    let header = tags(1_001).join("\t");
    let row = format!("a\tb{}", "\t".repeat(999));
    sandbox.write("wide.tsv", format!("{header}\n{row}\n"));
    let out = sandbox
        .tmkit()
        .arg("import")
        .arg("wide.tsv")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: wide.tsv:1:1: the header has more than 1000 languages, the limit on languages per unit (--max-langs)\n"
    );
    sandbox
        .tmkit()
        .args(["import", "--max-langs", "1001"])
        .arg("wide.tsv")
        .assert()
        .success()
        .stdout("wide.tsv: 1 unit imported (1 new, 0 duplicates merged), 0 skipped\n");
}

#[test]
fn a_tmx_unit_over_the_language_limit_is_a_bad_unit() {
    let sandbox = Sandbox::new();
    let tuvs: String = tags(5)
        .iter()
        .map(|t| format!("<tuv xml:lang=\"{t}\"><seg>{t}</seg></tuv>\n"))
        .collect();
    let tmx = format!(
        "<tmx version=\"1.4\"><header srclang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" \
         segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/><body>\n\
         <tu>\n{tuvs}</tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Hello</seg></tuv><tuv xml:lang=\"az\"><seg>Salam</seg></tuv></tu>\n\
         </body></tmx>\n"
    );
    sandbox.write("many.tmx", tmx);
    sandbox
        .tmkit()
        .args(["import", "--skip-bad", "--max-langs", "4", "many.tmx"])
        .assert()
        .success()
        .stdout("many.tmx: 1 unit imported (1 new, 0 duplicates merged), 1 skipped\n")
        .stderr(
            "warning: skipped: many.tmx:7:1: <tu> has more than 4 languages, the limit on languages per unit (--max-langs)\n",
        );
}

#[test]
fn a_huge_text_node_is_refused_at_its_line_and_nothing_is_stored() {
    let sandbox = Sandbox::new();
    let huge = "word ".repeat(300_000);
    let tmx = format!(
        "<tmx version=\"1.4\"><header srclang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" \
         segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/><body>\n\
         <tu><tuv xml:lang=\"en\"><seg>Hello</seg></tuv><tuv xml:lang=\"az\"><seg>Salam</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>{huge}</seg></tuv></tu>\n\
         </body></tmx>\n"
    );
    sandbox.write("huge.tmx", tmx);
    let out = sandbox
        .tmkit()
        .args(["import", "huge.tmx"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: huge.tmx:3:29: the text or tag starting here is longer than 1048576 bytes, the limit on segment size (--max-segment-bytes)\n"
    );
    // A smaller limit makes a long segment a bad unit that --skip-bad skips.
    sandbox.write(
        "long.tsv",
        "en\taz\nHello\tSalam\nA sentence of forty bytes, more or less.\tCümlə\n",
    );
    sandbox
        .tmkit()
        .args(["import", "--skip-bad", "--max-segment-bytes", "20", "long.tsv"])
        .assert()
        .success()
        .stdout("long.tsv: 1 unit imported (1 new, 0 duplicates merged), 1 skipped\n")
        .stderr(
            "warning: skipped: long.tsv:3:1: a cell is longer than 20 bytes, the limit on segment size (--max-segment-bytes)\n",
        );
}

#[test]
fn concordance_shows_a_window_of_a_long_unit() {
    let sandbox = Sandbox::new();
    let before = "filler ".repeat(2_000);
    let after = "tail ".repeat(2_000);
    sandbox.write(
        "long.tsv",
        format!(
            "en\taz\n{before}strategic partnership {after}\t{}\n",
            "söz ".repeat(2_000)
        ),
    );
    sandbox
        .tmkit()
        .arg("import")
        .arg("long.tsv")
        .assert()
        .success();
    let out = sandbox
        .tmkit()
        .args(["concordance", "--lang", "en", "strategic partnership"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let en = stdout
        .lines()
        .find(|l| l.starts_with("  en "))
        .expect("the English line");
    assert!(en.contains("r **strategic partnership** t"), "{en}");
    // 300 characters each side, the phrase with its marks, two cuts, the language column.
    assert_eq!(en.chars().count(), 11 + 1 + 300 + 25 + 300 + 1);
    let az = stdout
        .lines()
        .rfind(|l| l.starts_with("  az-Latn "))
        .expect("the Azerbaijani line");
    assert_eq!(az.chars().count(), 11 + 600 + 1, "{stdout}");
    assert!(stdout.len() < 4_000, "{stdout}");
}
