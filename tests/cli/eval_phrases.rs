//! `tmkit eval phrases`: a tiny judged set asked of a tiny memory laid out like ntrex-dev and the
//! samples (`tests/fixtures/phrases/mini/`, its README says what each phrase exercises).

use std::path::{Path, PathBuf};

use crate::common::{Sandbox, stdout_of};
use predicates::prelude::*;

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/phrases/mini")
}

/// `tmkit eval phrases` over the mini fixture with `--part PART`.
fn eval(sandbox: &Sandbox, part: &str, extra: &[&str]) -> String {
    let dir = mini();
    stdout_of(
        sandbox
            .tmkit_without_tm()
            .args(["eval", "phrases", "--part", part, "--judged"])
            .arg(dir.join("judged.tsv"))
            .arg("--samples")
            .arg(dir.join("samples"))
            .args(extra)
            .arg(dir.join("ntrex")),
    )
}

#[test]
fn eval_phrases_reports_first_and_top3_per_direction_and_part() {
    let sandbox = Sandbox::new();
    let out = eval(&sandbox, "all", &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "memory: 7 ntrex-dev lines (en with ru) and 3 en-ru sample units: 10 units",
        "{out}"
    );
    assert!(
        lines[1].starts_with("model en/ru                 10 units"),
        "{out}"
    );
    let table: Vec<&str> = lines
        .iter()
        .skip_while(|l| !l.starts_with("direction"))
        .copied()
        .collect();
    assert_eq!(
        table,
        [
            "direction part      phrases   first   top-3 unanswered",
            "en→ru     held-out        2   50.0%   50.0%          1",
            "en→ru     tuning          2   50.0%   50.0%          0",
            "en→ru     all             4   50.0%   50.0%          1",
            "ru→en     mixed           1  100.0%  100.0%          0",
            "ru→en     all             1  100.0%  100.0%          0",
            "all       held-out        2   50.0%   50.0%          1",
            "all       tuning          2   50.0%   50.0%          0",
            "all       mixed           1  100.0%  100.0%          0",
            "all       all             5   60.0%   60.0%          1",
        ],
        "{out}"
    );
}

#[test]
fn eval_phrases_held_out_asks_only_held_out_phrases_and_lists_the_misses() {
    let sandbox = Sandbox::new();
    let out = eval(&sandbox, "held-out", &["--misses"]);
    assert!(
        out.contains("judged: 2 of 5 phrases of ") && out.contains("(held-out part)"),
        "{out}"
    );
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("direction"))
        .collect();
    assert_eq!(
        table,
        [
            "direction part      phrases   first   top-3 unanswered",
            "en→ru     held-out        2   50.0%   50.0%          1",
            "all       held-out        2   50.0%   50.0%          1",
            "",
            "m5 en→ru held-out 'stamp duty'",
            "  accepted  гербовый сбор",
            "  got       -",
        ],
        "{out}"
    );
    // The tuning part's miss: a rendering the memory supports in every unit, judged wrong.
    let tuning = eval(&sandbox, "tuning", &["--misses"]);
    assert!(
        tuning.ends_with(
            "m4 en→ru tuning 'president'\n  accepted  Кремль\n  got       1. Президент  (3 of 3)\n"
        ),
        "{tuning}"
    );
}

#[test]
fn eval_phrases_with_a_document_the_split_does_not_list_is_an_error_naming_the_line() {
    let sandbox = Sandbox::new();
    let judged = sandbox.write(
        "judged.tsv",
        "id\tdirection\tphrase\taccepted\tsource\n\
         x1\ten-ru\tWhite House\tБелый дом\tntrex-dev en-ru/all.* nowhere.1 tuning L1\n",
    );
    let dir = mini();
    sandbox
        .tmkit_without_tm()
        .args(["eval", "phrases", "--judged"])
        .arg(&judged)
        .arg("--samples")
        .arg(dir.join("samples"))
        .arg(dir.join("ntrex"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "judged.tsv:2: document 'nowhere.1' is not in src/eval/ntrex-split.tsv",
        ));
}
