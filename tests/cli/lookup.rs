//! `tmkit lookup`, on a memory holding the sample article aligned by its gold beads.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use tmkit::Lang;
use tmkit::tm::Memory;
use tmkit::unit::{AlignedUnit, ArticleMeta, NewDocument, NewSegment, Status};

use crate::common::{Sandbox, samples, stdout_of};

const ARTICLE: &str = "2024-07-03-aliyev-xi-astana";

fn sentences(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("sample sentences")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn positions(side: &str) -> Vec<usize> {
    side.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect()
}

/// Stores the sample article in en, az, ru and zh: one multilingual unit per English bead side that
/// all three gold alignments share.
pub fn store_sample(sandbox: &Sandbox) {
    let dir = samples().join(ARTICLE);
    let langs = ["en", "az", "ru", "zh"];
    let documents: Vec<NewDocument> = langs
        .iter()
        .map(|tag| {
            let sents = sentences(&dir.join(format!("{tag}.sents.txt")));
            NewDocument {
                lang: Lang::parse(tag).expect("tag"),
                title: sents.first().cloned(),
                source_path: None,
                content_hash: format!("{tag}-gold"),
                sentences: sents
                    .into_iter()
                    .map(|text| NewSegment {
                        paragraph: 0,
                        byte_range: 0..text.len(),
                        text,
                    })
                    .collect(),
            }
        })
        .collect();
    // English sentence positions → the other languages' positions.
    type Sides = Vec<(Lang, Vec<usize>)>;
    let mut by_en: Vec<(Vec<usize>, Sides)> = Vec::new();
    for tag in &langs[1..] {
        let beads =
            std::fs::read_to_string(dir.join(format!("gold.en-{tag}.beads"))).expect("beads");
        for bead in beads.lines() {
            let Some((en, other)) = bead.split_once(':') else {
                continue;
            };
            let (en, other) = (positions(en), positions(other));
            if en.is_empty() || other.is_empty() {
                continue;
            }
            let lang = Lang::parse(tag).expect("tag");
            match by_en.iter_mut().find(|(e, _)| *e == en) {
                Some((_, sides)) => sides.push((lang, other)),
                None => by_en.push((en, vec![(lang, other)])),
            }
        }
    }
    let units: Vec<AlignedUnit> = by_en
        .into_iter()
        .map(|(en, mut sides)| {
            sides.insert(0, (Lang::parse("en").expect("tag"), en));
            AlignedUnit {
                sentences: sides,
                confidence: 1.0,
                status: Status::Ok,
                flags: Vec::new(),
                reasons: Vec::new(),
            }
        })
        .collect();
    let mut memory = Memory::open(&sandbox.tm()).expect("memory");
    memory
        .store_aligned(&ArticleMeta::from_slug(ARTICLE), &documents, &units)
        .expect("store the sample");
}

fn lookup_json(sandbox: &Sandbox, args: &[&str]) -> Vec<serde_json::Value> {
    let out = stdout_of(sandbox.tmkit().arg("lookup").arg("--json").args(args));
    out.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn lookup_finds_the_stock_sentences_of_the_second_article() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let tsv =
        std::fs::read_to_string(samples().join("2024-07-10-aliyev-chinese-delegation/lookup.tsv"))
            .expect("lookup.tsv");
    for line in tsv.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let (query, expected, kind) = (cols[0], cols[1], cols[2]);
        let answers = lookup_json(&sandbox, &["--from", "en", "--to", "az", "--", query]);
        let matches = answers[0]["matches"].as_array().expect("matches");
        match kind {
            "none" => assert!(matches.is_empty(), "{query}: {matches:?}"),
            _ => {
                let best = &matches[0];
                assert_eq!(best["source"], expected, "{query}");
                let score = best["score"].as_u64().expect("score");
                match kind {
                    "exact" => assert_eq!(score, 100, "{query}"),
                    "number-changed" => assert!((95..=99).contains(&score), "{query}: {score}"),
                    _ => assert!((50..100).contains(&score), "{query}: {score}"),
                }
                assert_eq!(best["article"], ARTICLE);
            }
        }
    }
}

#[test]
fn a_changed_number_is_adapted_in_the_target() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let query = "We are pleased with the increase in the turnover of goods between our countries, it has reached 4 billion dollars and has the potential for further growth.";
    let answers = lookup_json(
        &sandbox,
        &["--from", "en", "--to", "az", "--limit", "1", query],
    );
    let best = &answers[0]["matches"][0];
    assert_eq!(best["score"], 99);
    assert_eq!(best["adapted"], true);
    let target = best["target"].as_str().expect("target");
    assert!(target.contains('4') && !target.contains(" 3 "), "{target}");
    assert!(answers[0]["ms"].as_f64().is_some());
}

#[test]
fn a_changed_date_is_adapted_in_each_target_language_form() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    // The sample's dateline is "Astana, July 3, AZERTAC".
    for (to, want) in [
        ("az", "Astana, 10 iyul, AZƏRTAC"),
        ("ru", "Астана, 10 июля, АЗЕРТАДЖ"),
        ("zh", "阿塞拜疆国家通讯社阿斯塔纳7月10日电"),
    ] {
        let answers = lookup_json(
            &sandbox,
            &[
                "--from",
                "en",
                "--to",
                to,
                "--limit",
                "1",
                "Astana, July 10, AZERTAC",
            ],
        );
        let best = &answers[0]["matches"][0];
        assert_eq!(best["score"], 99, "{to}");
        assert_eq!(best["adapted"], true, "{to}");
        assert_eq!(best["target"], want, "{to}");
        assert_eq!(best["source"], "Astana, July 3, AZERTAC");
    }
}

#[test]
fn lookup_works_from_azerbaijani_to_russian() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let memory = Memory::open(&sandbox.tm()).expect("memory");
    drop(memory);
    let answers = lookup_json(
        &sandbox,
        &[
            "--from",
            "az",
            "--to",
            "ru",
            "--min-score",
            "30",
            "Prezident İlham Əliyev Astanada Si Cinpinlə görüşüb",
        ],
    );
    let matches = answers[0]["matches"].as_array().expect("matches");
    assert!(!matches.is_empty());
    let target = matches[0]["target"].as_str().expect("target");
    assert!(target.chars().any(|c| ('а'..='я').contains(&c)), "{target}");
}

#[test]
fn human_output_shows_percent_band_diff_and_provenance() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let out = stdout_of(sandbox.tmkit().args([
        "lookup", "--from", "en", "--to", "az", "--limit", "1",
        "Azerbaijan has already opened trading houses in seven Chinese cities in an effort to promote its products in the Chinese market.",
    ]));
    assert!(out.contains("unit "), "{out}");
    assert!(out.contains(ARTICLE), "{out}");
    assert!(out.contains("[-six-]{+seven+}"), "{out}");
    assert!(out.contains("target  "), "{out}");
}

#[test]
fn no_match_is_a_success_that_says_so() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    sandbox
        .tmkit()
        .args([
            "lookup",
            "--from",
            "en",
            "--to",
            "az",
            "Zebras graze quietly near volcanic lakes.",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("no match of 50% or more"));
}

#[test]
fn bad_queries_give_a_sensible_answer_or_a_clear_error() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    sandbox
        .tmkit()
        .args(["lookup", "--from", "en", "--to", "az", "  "])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("the query is empty"));
    let huge = "word ".repeat(20_000);
    sandbox
        .tmkit()
        .args(["lookup", "--from", "en", "--to", "az", &huge])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bytes long"));
    for query in [
        "\"One China\" AND NOT Policy*",
        "NEAR(a b) -x",
        "a\u{7}b\u{1b}[0m",
    ] {
        let answers = lookup_json(&sandbox, &["--from", "en", "--to", "az", query]);
        assert_eq!(answers[0]["query"], query);
    }
}

#[test]
fn batch_from_stdin_answers_each_line_as_it_is_read() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tmkit"))
        .arg("--tm")
        .arg(sandbox.tm())
        .args([
            "lookup", "--from", "en", "--to", "az", "--json", "--batch", "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
    writeln!(
        stdin,
        "President Ilham Aliyev emphasized that Azerbaijan always supported the One China Policy."
    )
    .expect("write");
    stdin.flush().expect("flush");
    // The answer arrives while stdin is still open.
    let first: serde_json::Value =
        serde_json::from_str(&lines.next().expect("a line").expect("read")).expect("JSON");
    assert_eq!(first["matches"][0]["score"], 100);
    writeln!(stdin, "Zebras graze quietly near volcanic lakes.").expect("write");
    drop(stdin);
    let second: serde_json::Value =
        serde_json::from_str(&lines.next().expect("a line").expect("read")).expect("JSON");
    assert_eq!(second["matches"].as_array().map(Vec::len), Some(0));
    assert!(child.wait().expect("exit").success());
}

const STOCK: &str =
    "President Ilham Aliyev emphasized that Azerbaijan always supported the One China Policy.";

/// Issue #16, item 9: `lookup … -` looked up the text "-".
#[test]
fn a_dash_reads_the_query_from_standard_input() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let out = stdout_of(
        sandbox
            .tmkit()
            .args(["lookup", "--from", "en", "--to", "az", "--json", "-"])
            .write_stdin(format!("{STOCK}\n")),
    );
    let answer: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(answer["query"], STOCK);
    assert_eq!(answer["matches"][0]["score"], 100);
}

/// Issue #16, items 7 and 9: an empty line got no answer line, and one line over the limit stopped
/// the batch.
#[test]
fn every_batch_line_gets_exactly_one_answer_and_a_bad_line_does_not_stop_the_batch() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let huge = "word ".repeat(20_000);
    let batch = sandbox.write(
        "batch.txt",
        format!("Zebras graze quietly near volcanic lakes.\n\n{huge}\n{STOCK}\n"),
    );
    let out = sandbox
        .tmkit()
        .args(["lookup", "--from", "en", "--to", "az", "--json", "--batch"])
        .arg(&batch)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let answers: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(answers.len(), 4, "{stdout}");
    assert_eq!(answers[0]["matches"].as_array().map(Vec::len), Some(0));
    assert_eq!(answers[1]["query"], "");
    assert_eq!(answers[1]["matches"].as_array().map(Vec::len), Some(0));
    let error = answers[2]["error"].as_str().expect("an error answer");
    assert!(
        error.starts_with(&format!(
            "{}:3: the query is 100000 bytes long",
            batch.display()
        )),
        "{error}"
    );
    assert_eq!(answers[3]["matches"][0]["score"], 100);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.ends_with(
            "batch.txt: 1 query was not looked up (see the error lines in the output)\n"
        ),
        "{stderr}"
    );
    // Text output: one answer block per line too.
    let out = sandbox
        .tmkit()
        .args(["lookup", "--from", "en", "--to", "az", "--batch"])
        .arg(&batch)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(stdout.matches("\nquery   ").count() + 1, 4, "{stdout}");
    assert!(stdout.starts_with("query   Zebras"), "{stdout}");
    assert!(stdout.contains("query   \n        no match of 50% or more in en → az-Latn\n"));
    assert!(stdout.contains("        error: "));
}

/// Issue #16, item 4: `lookup` with no memory created `memory/tm.db` and answered "no match".
#[test]
fn a_missing_memory_is_an_error_and_nothing_is_created() {
    let sandbox = Sandbox::new();
    sandbox
        .tmkit_without_tm()
        .args(["lookup", "--from", "en", "--to", "ru", STOCK])
        .assert()
        .code(1)
        .stderr(predicates::str::starts_with(
            "error: there is no memory at memory/tm.db: create one with `tmkit import",
        ));
    assert!(!sandbox.path("memory").exists());
}

/// Issue #16, item 4: languages the memory does not hold, and `--to` equal to `--from`, answered
/// "no match" with exit 0.
#[test]
fn languages_the_memory_does_not_hold_are_usage_errors_that_list_its_languages() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let tm = sandbox.tm();
    for (from, to, message) in [
        (
            "en",
            "xx",
            format!(
                "error: the memory {} holds no text in xx (--to): its languages are az-Latn, en, ru, zh-Hans\n",
                tm.display()
            ),
        ),
        (
            "de",
            "az",
            format!(
                "error: the memory {} holds no text in de (--from): its languages are az-Latn, en, ru, zh-Hans\n",
                tm.display()
            ),
        ),
        (
            "en",
            "en",
            "error: --from and --to are the same language (en): give two different languages\n"
                .to_string(),
        ),
    ] {
        sandbox
            .tmkit()
            .args(["lookup", "--from", from, "--to", to, STOCK])
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
}

/// The second article's sentences, a line too long to look up among them, and an empty line.
fn mixed_batch(sandbox: &Sandbox) -> std::path::PathBuf {
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let mut lines = sentences(&article);
    lines.insert(3, "word ".repeat(20_000));
    lines.insert(5, String::new());
    sandbox.write("batch.txt", lines.join("\n") + "\n")
}

fn lookup_batch(sandbox: &Sandbox, batch: &Path, extra: &[&str]) -> (String, Option<i32>) {
    let out = sandbox
        .tmkit()
        .args(["lookup", "--from", "en", "--to", "az", "--batch"])
        .arg(batch)
        .args(extra)
        .output()
        .expect("run tmkit");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code(),
    )
}

#[test]
fn a_batch_file_gets_the_same_answers_in_the_same_order_on_one_thread_or_two() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let batch = mixed_batch(&sandbox);
    let lines = std::fs::read_to_string(&batch)
        .expect("batch")
        .lines()
        .count();
    let (one, code1) = lookup_batch(&sandbox, &batch, &["--threads", "1"]);
    let (two, code2) = lookup_batch(&sandbox, &batch, &["--threads", "2"]);
    assert_eq!(one, two);
    // The long line is an error answer, so both runs exit 1 after answering every line.
    assert_eq!((code1, code2), (Some(1), Some(1)));
    let queries: Vec<&str> = one.lines().filter(|l| l.starts_with("query ")).collect();
    assert_eq!(queries.len(), lines);
    assert_eq!(queries[5], "query   ");
    assert!(
        one.contains("batch.txt:4: the query is 100000 bytes long"),
        "{one}"
    );
    assert!(one.contains(" 74%    50-74%  unit 2"), "{one}");
}

#[test]
fn exhaustive_lookup_gives_the_same_matches_as_the_index() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let batch = mixed_batch(&sandbox);
    let (indexed, _) = lookup_batch(&sandbox, &batch, &["--limit", "3", "--min-score", "30"]);
    let (scanned, code) = lookup_batch(
        &sandbox,
        &batch,
        &["--limit", "3", "--min-score", "30", "--exhaustive"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(indexed, scanned);
    assert!(
        indexed.lines().filter(|l| l.contains("% ")).count() > 20,
        "{indexed}"
    );
}

#[test]
fn threads_are_at_least_one() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    sandbox
        .tmkit()
        .args([
            "lookup",
            "--from",
            "en",
            "--to",
            "az",
            "--threads",
            "0",
            "--batch",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("0 is not in 1..=256"));
}

/// The sample's sentence "… it has reached 3 billion dollars …" with another amount.
fn turnover(amount: &str) -> String {
    format!(
        "We are pleased with the increase in the turnover of goods between our countries, it has reached {amount} dollars and has the potential for further growth."
    )
}

#[test]
fn a_changed_amount_is_written_as_each_target_language_writes_amounts() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    for (amount, to, want) in [
        ("4 billion", "zh", "贸易额已达40亿美元"),
        ("1.2 million", "zh", "贸易额已达120万美元"),
        ("5 billion", "ru", "Он достиг 5 млрд долларов"),
        ("1.5 million", "ru", "Он достиг 1,5 млн долларов"),
        ("4 billion", "az", "o, 4 milyard dollara çatıb"),
    ] {
        let query = turnover(amount);
        let answers = lookup_json(
            &sandbox,
            &["--from", "en", "--to", to, "--limit", "1", &query],
        );
        let best = &answers[0]["matches"][0];
        assert_eq!(best["adapted"], true, "{amount} {to}: {best}");
        assert_eq!(best["unadapted"], serde_json::json!([]), "{amount} {to}");
        let target = best["target"].as_str().expect("target");
        assert!(target.contains(want), "{amount} {to}: {target}");
    }
}

#[test]
fn a_number_the_query_drops_is_marked_stale_and_the_match_not_adapted() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let query = turnover("several billion");
    let answers = lookup_json(
        &sandbox,
        &["--from", "en", "--to", "zh", "--limit", "1", &query],
    );
    let best = &answers[0]["matches"][0];
    assert_eq!(best["adapted"], false);
    assert_eq!(best["unadapted"], serde_json::json!(["30亿"]));
    assert_eq!(
        best["target"],
        "我们对两国贸易额的增长感到高兴，贸易额已达30亿美元，并具有进一步增长的潜力。"
    );
    let text = stdout_of(sandbox.tmkit().args([
        "lookup", "--from", "en", "--to", "zh", "--limit", "1", &query,
    ]));
    assert!(
        text.contains("  stale   30亿  (changed in the query, not adapted: check them)\n"),
        "{text}"
    );
    assert!(!text.contains("(adapted"), "{text}");
}
