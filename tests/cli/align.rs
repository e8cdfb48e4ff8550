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

/// An archive of `slugs`, each with the first sample article's presegmented en and az versions.
fn archive(s: &Sandbox, slugs: &[&str]) {
    let a = article1();
    for slug in slugs {
        for lang in ["en", "az"] {
            let text = std::fs::read(a.join(format!("{lang}.sents.txt"))).expect("sample");
            s.write(&format!("news/{slug}/{lang}.sents.txt"), &text);
        }
    }
}

/// Issue #15, item 6: `align-dir --store` aligns on one thread and stores batches of articles on
/// another; what it reports and stores is what storing the articles one run at a time gives, to the byte.
#[test]
fn align_dir_store_gives_what_storing_each_article_alone_gives() {
    let s = Sandbox::new();
    let a = article1();
    // Five articles with different parts of the sample: units new, merged and kept apart.
    let slugs = ["a", "b", "c", "d", "e"];
    for (i, slug) in slugs.iter().enumerate() {
        for lang in ["en", "az", "ru"] {
            let text =
                std::fs::read_to_string(a.join(format!("{lang}.sents.txt"))).expect("sample");
            let lines: Vec<&str> = text.lines().skip(i * 7).take(30 + i).collect();
            let text = format!("{}\n", lines.join("\n"));
            s.write(&format!("all/{slug}/{lang}.sents.txt"), &text);
            s.write(&format!("alone-{slug}/{slug}/{lang}.sents.txt"), &text);
        }
    }
    let align_dir = |dir: &str, tm: &str| {
        s.tmkit_without_tm()
            .args([
                "--tm",
                tm,
                "align-dir",
                dir,
                "--from",
                "en",
                "--to",
                "az,ru",
            ])
            .args(["--presegmented", "--store"])
            .output()
            .expect("run")
    };
    let walked = align_dir("all", "walked.db");
    assert_eq!(walked.status.code(), Some(0));
    let mut alone = Vec::new();
    for slug in slugs {
        let out = align_dir(&format!("alone-{slug}"), "alone.db");
        assert_eq!(out.status.code(), Some(0));
        alone.extend(out.stdout);
    }
    let walked_lines = String::from_utf8_lossy(&walked.stdout);
    assert_eq!(walked_lines.lines().count(), 5, "{walked_lines}");
    assert_eq!(walked_lines, String::from_utf8_lossy(&alone));
    let export = |tm: &str| {
        stdout_of(
            s.tmkit_without_tm()
                .args(["--tm", tm, "export", "--format", "tmx"]),
        )
    };
    let tmx = export("walked.db");
    assert!(tmx.matches("<tu ").count() > 30, "{tmx}");
    assert_eq!(tmx, export("alone.db"));
}

/// Issue #16, item 10: `align-dir` skipped `english.txt` and `notes.txt` without a word.
#[test]
fn align_dir_names_the_text_files_it_skips() {
    let s = Sandbox::new();
    archive(&s, &["one"]);
    s.write("news/english.txt", "An article without a language code.\n");
    s.write("news/one/notes.txt", "Notes.\n");
    s.write("news/README.md", "Not a text file of an article.\n");
    let out = s
        .tmkit()
        .args([
            "align-dir",
            "news",
            "--from",
            "en",
            "--to",
            "az",
            "--presegmented",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "skipped news/english.txt: no language code in the name\n\
         skipped news/one/notes.txt: no language code in the name\n"
    );
}

/// Issue #16, item 4: `align-dir … --to xx --store` skipped every article and exited 0.
#[test]
fn align_dir_to_a_language_no_article_has_is_a_usage_error_that_stores_nothing() {
    let s = Sandbox::new();
    archive(&s, &["one"]);
    let run = |to: &str| {
        s.tmkit()
            .args(["align-dir", "news", "--from", "en", "--to", to])
            .args(["--presegmented", "--store"])
            .output()
            .expect("run")
    };
    let out = run("xx");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: no article has a version in xx (--to): the articles' languages are az-Latn, en\n"
    );
    let out = run("en");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --from and --to are the same language (en): give two different languages\n"
    );
    assert!(!s.tm().exists(), "no memory was created");
}

#[test]
fn align_dir_store_of_an_archive_without_translations_exits_1() {
    let s = Sandbox::new();
    let a = article1();
    let text = std::fs::read(a.join("en.sents.txt")).expect("sample");
    s.write("news/one/en.sents.txt", &text);
    let out = s
        .tmkit()
        .args([
            "align-dir",
            "news",
            "--from",
            "en",
            "--presegmented",
            "--store",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: nothing stored: no article of news has a version in a target language\n"
    );
}

/// Issue #16, item 4: `align` and `align-dir` refuse an empty or non-SQLite `--tm` as the reading
/// commands do, with or without `--store`.
#[test]
fn align_and_align_dir_refuse_an_empty_or_foreign_memory_file() {
    let s = Sandbox::new();
    archive(&s, &["one"]);
    let empty = s.write("empty.db", "");
    let text = s.write(
        "notes.db",
        "these are notes, not a memory: long enough for a header...........",
    );
    for (tm, said) in [
        (&empty, "empty file, not a tmkit memory"),
        (&text, "not a tmkit memory: it is not a SQLite database"),
    ] {
        for store in [true, false] {
            let mut cmd = s.tmkit_without_tm();
            cmd.arg("--tm").arg(tm);
            cmd.args([
                "align-dir",
                "news",
                "--from",
                "en",
                "--to",
                "az",
                "--presegmented",
            ]);
            if store {
                cmd.arg("--store");
            }
            let out = cmd.output().expect("align-dir");
            assert_eq!(out.status.code(), Some(1), "store {store}");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains(said),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let one = s.path("news/one");
            let out = s
                .tmkit_without_tm()
                .arg("--tm")
                .arg(tm)
                .args([
                    "align",
                    "--from",
                    "en",
                    "--to",
                    "az",
                    "--presegmented",
                    "--store",
                ])
                .arg(one.join("en.sents.txt"))
                .arg(one.join("az.sents.txt"))
                .output()
                .expect("align");
            assert_eq!(out.status.code(), Some(1));
            assert!(
                String::from_utf8_lossy(&out.stderr).contains(said),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(std::fs::read(&empty).expect("kept"), b"");
    assert!(
        std::fs::read_to_string(&text)
            .expect("kept")
            .starts_with("these are notes")
    );
    assert!(!s.path("notes.db-wal").exists() && !s.path("empty.db-wal").exists());
}

/// Issue #16, item 8: `align-dir --store | head -1` stopped storing after 2 articles and exited 0. Now
/// a closed output stops the printing only: every article is stored.
#[test]
fn align_dir_store_into_a_closed_pipe_stores_every_article() {
    use std::io::BufRead;
    let s = Sandbox::new();
    archive(&s, &["a", "b", "c", "d"]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tmkit"))
        .current_dir(s.dir.path())
        .env("SOURCE_DATE_EPOCH", "1720000000")
        .arg("--tm")
        .arg(s.tm())
        .args([
            "align-dir",
            "news",
            "--from",
            "en",
            "--to",
            "az",
            "--presegmented",
            "--store",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    // The reader is dropped here: the pipe is closed, as `head -1` closes it.
    assert!(first.starts_with("a\ten → az-Latn"), "{first}");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats = stdout_of(s.tmkit().args(["stats", "--json"]));
    assert!(stats.contains("\"articles\":4"), "{stats}");
}

/// Issue #16, item 10: `x-document` carried absolute local paths; it is the path inside the archive.
#[test]
fn exported_documents_are_named_relative_to_the_archive() {
    let s = Sandbox::new();
    archive(&s, &["one"]);
    // Other texts than `one`'s, so that the units are not merged into `one`'s.
    for (lang, word) in [("en", "Two"), ("az", "İki")] {
        let text =
            std::fs::read_to_string(article1().join(format!("{lang}.sents.txt"))).expect("sample");
        let text: String = text.lines().map(|l| format!("{word} {l}\n")).collect();
        s.write(&format!("news/two.{lang}.sents.txt"), text);
    }
    s.tmkit()
        .arg("align-dir")
        .arg(s.path("news"))
        .args(["--from", "en", "--to", "az", "--presegmented", "--store"])
        .assert()
        .success();
    let tmx = stdout_of(
        s.tmkit()
            .args(["export", "--format", "tmx", "--langs", "en,az", "-o", "-"]),
    );
    assert!(
        tmx.contains("<prop type=\"x-document\">one/en.sents.txt</prop>"),
        "{tmx}"
    );
    assert!(
        tmx.contains("<prop type=\"x-document\">two.az.sents.txt</prop>"),
        "{tmx}"
    );
    let local = s.dir.path().display().to_string();
    assert!(!tmx.contains(&local), "a local path in\n{tmx}");
}

/// Issue #16, item 10: an article whose slug has no date was shown with the day it was stored as its
/// date (`one (2024-07-03)` under SOURCE_DATE_EPOCH).
#[test]
fn a_slug_without_a_date_gives_a_match_no_date() {
    let s = Sandbox::new();
    archive(&s, &["one"]);
    s.tmkit()
        .args([
            "align-dir",
            "news",
            "--from",
            "en",
            "--to",
            "az",
            "--presegmented",
            "--store",
        ])
        .assert()
        .success();
    let first = std::fs::read_to_string(article1().join("en.sents.txt")).expect("en");
    let query = first.lines().next().expect("a sentence");
    let out = stdout_of(
        s.tmkit()
            .args(["lookup", "--from", "en", "--to", "az", "--json", query]),
    );
    assert!(out.contains("\"article\":\"one\",\"date\":null"), "{out}");
    let human = stdout_of(
        s.tmkit()
            .args(["lookup", "--from", "en", "--to", "az", query]),
    );
    let line = human.lines().nth(1).expect("a match");
    // Provenance: the article, then the unit's status; no date between them.
    assert!(line.contains("  one  ok "), "{line}");
}
