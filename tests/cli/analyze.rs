//! `tmkit analyze`, on the second sample article against the first.

use crate::common::{Sandbox, samples, stdout_of};
use crate::lookup::store_sample;

#[test]
fn analyze_reports_bands_and_repetitions() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let out = stdout_of(sandbox.tmkit().arg("analyze").arg(&article).args([
        "--presegmented",
        "--from",
        "en",
        "--to",
        "az",
        "--json",
    ]));
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let bands = report["bands"].as_array().expect("bands");
    assert_eq!(bands.len(), 6);
    assert_eq!(bands[0][0], "100%");
    assert!(bands[0][1]["segments"].as_u64().expect("exact") >= 2);
    let sum: u64 = bands
        .iter()
        .map(|b| b[1]["segments"].as_u64().expect("n"))
        .sum::<u64>()
        + report["repetitions"]["segments"].as_u64().expect("reps");
    assert_eq!(sum, report["total"]["segments"].as_u64().expect("total"));
}

/// `tmkit analyze --csv` of a presegmented English article, against the az side.
fn analyze_csv(sandbox: &Sandbox, article: &str) -> String {
    let article = sandbox.write("a.txt", article);
    stdout_of(sandbox.tmkit().arg("analyze").arg(&article).args([
        "--presegmented",
        "--from",
        "en",
        "--to",
        "az",
        "--csv",
    ]))
}

#[test]
fn analyze_counts_a_repeated_sentence_once_in_its_band() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let out = analyze_csv(
        &sandbox,
        "Zebras graze near lakes.\nZebras graze near lakes.\n",
    );
    assert!(out.contains("no match,1,4,24"), "{out}");
    assert!(out.contains("repetitions,1,4,24"), "{out}");
}

#[test]
fn analyze_refuses_an_empty_article() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("empty.txt", "\n\n");
    sandbox
        .tmkit()
        .arg("analyze")
        .arg(&article)
        .args(["--from", "en", "--to", "az"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("empty.txt: the article is empty"));
}

#[test]
fn analyze_puts_a_changed_dateline_in_the_95_band_and_counts_a_date_by_its_words() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    // The sample's dateline is "Astana, July 3, AZERTAC": only the date changes.
    let out = analyze_csv(&sandbox, "Astana, July 10, AZERTAC\n");
    // Words: Astana, July, 10, AZERTAC.
    assert!(out.contains("95-99%,1,4,24"), "{out}");
}

#[test]
fn analyze_gives_the_same_report_on_one_thread_or_two() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let run = |threads: &str| {
        stdout_of(sandbox.tmkit().arg("analyze").arg(&article).args([
            "--presegmented",
            "--from",
            "en",
            "--to",
            "az",
            "--csv",
            "--threads",
            threads,
        ]))
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert!(
        one.starts_with("band,segments,words,characters\n100%,"),
        "{one}"
    );
}
