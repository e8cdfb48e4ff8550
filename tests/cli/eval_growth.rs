//! `tmkit eval growth`: one row per shape and size, over a two-sentence data folder laid out like
//! ntrex-dev; memories deleted unless kept.

use crate::common::{Sandbox, stdout_of};
use predicates::prelude::*;

fn data(sandbox: &Sandbox) {
    sandbox.write(
        "ntrex/en-az/all.en",
        "Trade rose 3 percent in Baku, officials said on Monday.\n\
         The talks ended, and the delegations left for Ankara.\n",
    );
    sandbox.write(
        "ntrex/en-az/all.az",
        "Ticarət 3 faiz artıb, rəsmilər bazar ertəsi bildirib.\n\
         Danışıqlar başa çatıb, nümayəndə heyətləri Ankaraya yola düşüb.\n",
    );
}

fn growth(sandbox: &Sandbox, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = sandbox.tmkit_without_tm();
    cmd.args(["eval", "growth", "--data"])
        .arg(sandbox.path("ntrex"))
        .arg("--samples")
        .arg(sandbox.path("none"))
        .arg("--dir")
        .arg(sandbox.path("memories"))
        .args(["--edited", "4", "--unmatched", "2", "--scanned", "2"])
        .args(["--phrases", "2"])
        .args(extra);
    cmd
}

#[test]
fn eval_growth_prints_a_row_per_shape_and_size_and_deletes_the_memories() {
    let sandbox = Sandbox::new();
    data(&sandbox);
    let out = stdout_of(&mut growth(
        &sandbox,
        &["--sizes", "300,1k", "--shape", "news,near-duplicate"],
    ));
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 5, "{out}");
    assert_eq!(&rows[0][..4], ["shape", "units", "stored", "families"]);
    let points: Vec<(&str, &str)> = rows[1..].iter().map(|r| (r[0], r[1])).collect();
    assert_eq!(
        points,
        [
            ("news", "300"),
            ("news", "1000"),
            ("near-duplicate", "300"),
            ("near-duplicate", "1000"),
        ]
    );
    // The news memory has no families; a young near-duplicate archive of 1,000 units has 241.
    assert_eq!((rows[2][3], rows[4][3]), ("-", "241"));
    // Every point scanned both planned queries and found all the scan's matches.
    for row in &rows[1..] {
        assert_eq!(row[row.len() - 3..], ["over", "2", "queries"], "{out}");
        let (found, of) = row[row.len() - 4].split_once('/').expect("found/matches");
        assert_eq!(found, of, "{out}");
    }
    let left: Vec<_> = std::fs::read_dir(sandbox.path("memories"))
        .expect("memories folder")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn eval_growth_keeps_the_memories_when_asked_and_reports_json() {
    let sandbox = Sandbox::new();
    data(&sandbox);
    let out = stdout_of(&mut growth(
        &sandbox,
        &[
            "--sizes",
            "200",
            "--shape",
            "near-duplicate",
            "--keep",
            "--json",
        ],
    ));
    let point: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    assert_eq!(point["units"], 200);
    assert_eq!(point["generated"], 200);
    assert_eq!(point["shape"], "near-duplicate");
    assert_eq!(point["index_s"], 0.0);
    let kept = sandbox.path("memories/growth-near-duplicate-200.db");
    assert_eq!(point["kept"], kept.display().to_string());
    assert!(kept.exists());
}

#[test]
fn eval_growth_refuses_a_size_it_cannot_read() {
    let sandbox = Sandbox::new();
    data(&sandbox);
    growth(&sandbox, &["--sizes", "10k,lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'lots' is not a size such as 10k, 1M or 250000",
        ));
}
