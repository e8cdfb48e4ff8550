//! `tmkit align` and `tmkit align-dir`.
//!
//! The samples' gold segmentations and alignments are regression tests: the samples were written while
//! the rules and costs were tuned, so passing them says that tmkit has not changed for the worse, not
//! how good it is on news it has never seen. That is what `tmkit eval … --part held-out` measures.

use std::path::{Path, PathBuf};

use crate::common::{Sandbox, article1, stdout_of};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/align")
        .join(case)
}

fn beads(sandbox: &Sandbox, to: &str, src: &Path, tgt: &Path) -> String {
    stdout_of(
        sandbox
            .tmkit()
            .args([
                "align",
                "--from",
                "en",
                "--to",
                to,
                "--presegmented",
                "--format",
                "beads",
            ])
            .arg(src)
            .arg(tgt),
    )
}

fn assert_gold(sandbox: &Sandbox, to: &str, src: &Path, tgt: &Path, gold: &Path) {
    let got = beads(sandbox, to, src, tgt);
    let want = std::fs::read_to_string(gold).expect("gold beads");
    assert_eq!(
        got,
        want,
        "alignment of {} and {} differs from {}\nhelp: rerun with --format review to see the beads",
        src.display(),
        tgt.display(),
        gold.display()
    );
}

/// The sample article's hand-checked gold beads for en-`lang`, reproduced from its sentence files.
fn assert_sample_gold(lang: &str) {
    let s = Sandbox::new();
    let a = article1();
    assert_gold(
        &s,
        lang,
        &a.join("en.sents.txt"),
        &a.join(format!("{lang}.sents.txt")),
        &a.join(format!("gold.en-{lang}.beads")),
    );
}

#[test]
fn align_reproduces_the_gold_beads_of_the_sample_for_en_az() {
    assert_sample_gold("az");
}

#[test]
fn align_reproduces_the_gold_beads_of_the_sample_for_en_ru() {
    assert_sample_gold("ru");
}

/// The translator added a sentence explaining COP29 (`[]:[60]`) and merged two English sentences
/// about extremism into one (`[39, 40]:[41]`).
#[test]
fn align_reproduces_the_gold_beads_of_the_sample_for_en_zh() {
    assert_sample_gold("zh");
}

#[test]
fn align_gets_the_hard_cases_right() {
    let s = Sandbox::new();
    for (case, lang) in [
        ("dropped-paragraph", "az"),
        ("merged-pair", "ru"),
        ("reordered-dateline", "zh"),
        ("list", "ru"),
        ("numbers-format", "ru"),
    ] {
        let dir = fixture(case);
        assert_gold(
            &s,
            lang,
            &dir.join("en.txt"),
            &dir.join(format!("{lang}.txt")),
            &dir.join("gold.beads"),
        );
    }
}

#[test]
fn align_tsv_joins_chinese_sentences_without_a_space() {
    let s = Sandbox::new();
    let dir = fixture("reordered-dateline");
    let out = stdout_of(
        s.tmkit()
            .args(["align", "--from", "en", "--to", "zh", "--presegmented"])
            .arg(dir.join("en.txt"))
            .arg(dir.join("zh.txt")),
    );
    let first = out.lines().next().expect("a line");
    assert_eq!(
        first,
        "Astana, July 3, AZERTAC\t阿塞拜疆国家通讯社阿斯塔纳7月3日电"
    );
}

#[test]
fn align_json_gives_confidence_and_flags_per_bead() {
    let s = Sandbox::new();
    let dir = fixture("numbers-format");
    let out = stdout_of(
        s.tmkit()
            .args([
                "align",
                "--from",
                "en",
                "--to",
                "ru",
                "--presegmented",
                "--format",
                "json",
            ])
            .arg(dir.join("en.txt"))
            .arg(dir.join("ru.txt")),
    );
    let beads: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(beads.len(), 3);
    assert_eq!(beads[1]["flags"], serde_json::json!(["unaligned"]));
    assert_eq!(
        beads[2]["target"],
        "Импорт сократился на 12,5% до 3 млрд долларов."
    );
    let c = beads[0]["confidence"].as_f64().expect("a number");
    assert!((0.0..=1.0).contains(&c));
}

#[test]
fn align_store_writes_four_language_units_once() {
    let s = Sandbox::new();
    let a = article1();
    let run = || {
        s.tmkit()
            .args([
                "align",
                "--from",
                "en",
                "--to",
                "az,ru,zh",
                "--presegmented",
                "--store",
                "--format",
                "beads",
            ])
            .arg(a.join("en.sents.txt"))
            .arg(a.join("az.sents.txt"))
            .arg(a.join("ru.sents.txt"))
            .arg(a.join("zh.sents.txt"))
            .assert()
            .success();
    };
    run();
    let stats = |s: &Sandbox| -> serde_json::Value {
        serde_json::from_str(&stdout_of(s.tmkit().args(["stats", "--json"]))).expect("JSON")
    };
    let first = stats(&s);
    assert_eq!(first["articles"], 1);
    let units = first["units"].as_u64().expect("units");
    assert!(units >= 55, "{first}");
    run();
    assert_eq!(
        stats(&s)["units"].as_u64(),
        Some(units),
        "storing twice keeps one copy"
    );
}

#[test]
fn align_warns_about_a_file_in_the_wrong_language_and_an_empty_side() {
    let s = Sandbox::new();
    let a = article1();
    s.tmkit()
        .args(["align", "--from", "en", "--to", "zh", "--presegmented"])
        .arg(a.join("en.sents.txt"))
        .arg(a.join("ru.sents.txt"))
        .assert()
        .success()
        .stderr(predicates::str::contains("wrong file"));
    let empty = s.write("empty.txt", "");
    s.tmkit()
        .args([
            "align",
            "--from",
            "en",
            "--to",
            "az",
            "--presegmented",
            "--format",
            "beads",
        ])
        .arg(a.join("en.sents.txt"))
        .arg(&empty)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "the target side has no sentences",
        ));
}

#[test]
fn align_warns_when_one_side_is_fifty_times_longer() {
    let s = Sandbox::new();
    let short = s.write("en.txt", "The meeting was held.\n");
    let long = s.write(
        "az.txt",
        "Görüş keçirilib və tərəflər əməkdaşlığı müzakirə ediblər.\n".repeat(20),
    );
    let out = s
        .tmkit()
        .args([
            "align",
            "--from",
            "en",
            "--to",
            "az",
            "--presegmented",
            "--format",
            "json",
        ])
        .arg(&short)
        .arg(&long)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("lengths differ"));
    let max = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["confidence"]
                .as_f64()
                .expect("number")
        })
        .fold(0.0, f64::max);
    assert!(max <= 0.201, "confidence {max}");
}

#[test]
fn align_dir_stores_both_layouts_skips_unchanged_and_reports_a_bad_file() {
    let s = Sandbox::new();
    let a = article1();
    for lang in ["en", "az"] {
        let text = std::fs::read(a.join(format!("{lang}.sents.txt"))).expect("sample");
        s.write(&format!("news/one/{lang}.sents.txt"), &text);
        s.write(&format!("news/two.{lang}.sents.txt"), &text);
    }
    s.write("news/bad.en.sents.txt", "A sentence.\n");
    s.write("news/bad.az.sents.txt", [0x66u8, 0xff, 0x0a]);
    let align_dir = |extra: &[&str]| {
        s.tmkit()
            .args(["align-dir", "news", "--from", "en", "--to", "az"])
            .args(["--presegmented", "--store"])
            .args(extra)
            .output()
            .expect("run")
    };
    let out = align_dir(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("one\ten → az-Latn\tbeads"), "{stdout}");
    assert!(stdout.contains("two\ten → az-Latn\tbeads"), "{stdout}");
    assert!(
        stderr.contains("bad.az.sents.txt:1:2: invalid UTF-8"),
        "{stderr}"
    );
    let again = align_dir(&[]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("one\tunchanged, skipped"));
    let units_before = s.tmkit().args(["stats", "--json"]).output().expect("stats");
    // --realign aligns unchanged articles again and replaces their units: none added twice.
    let realigned = align_dir(&["--realign"]);
    let stdout = String::from_utf8_lossy(&realigned.stdout);
    assert!(stdout.contains("one\ten → az-Latn\tbeads"), "{stdout}");
    assert!(!stdout.contains("unchanged"), "{stdout}");
    // Realigning unchanged text finds every unit stored already (issue #11: it used to add copies).
    assert!(
        stdout.contains("stored 0 new, 0 updated, 62 already stored, 0 merged"),
        "{stdout}"
    );
    let units_after = s.tmkit().args(["stats", "--json"]).output().expect("stats");
    assert_eq!(units_before.stdout, units_after.stdout);
}

#[test]
fn align_segments_running_text_and_still_reproduces_the_gold_for_en_az_en_ru_and_en_zh() {
    let s = Sandbox::new();
    let a = article1();
    for lang in ["az", "ru", "zh"] {
        let got = stdout_of(
            s.tmkit()
                .args(["align", "--from", "en", "--to", lang, "--format", "beads"])
                .arg(a.join("en.txt"))
                .arg(a.join(format!("{lang}.txt"))),
        );
        let want = std::fs::read_to_string(a.join(format!("gold.en-{lang}.beads"))).expect("gold");
        assert_eq!(
            got, want,
            "end-to-end en-{lang}\nhelp: compare `tmkit segment` with {lang}.sents.txt first"
        );
    }
}
