//! `tmkit stats`.

use crate::common::{Sandbox, stdout_of};

#[test]
fn stats_on_a_new_memory_counts_nothing() {
    let sandbox = Sandbox::new();
    let out = stdout_of(sandbox.tmkit().args(["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(stats["units"], 0);
    assert_eq!(stats["articles"], 0);
    assert!(sandbox.tm().exists(), "the memory is created on first use");
}

#[test]
fn stats_refuses_a_file_that_is_not_a_memory() {
    let sandbox = Sandbox::new();
    let bogus = sandbox.write(
        "bogus.db",
        "plain text, not a database at all, long enough for a header",
    );
    sandbox
        .tmkit_without_tm()
        .arg("--tm")
        .arg(&bogus)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a tmkit memory"));
    assert_eq!(
        std::fs::read_to_string(&bogus).expect("read back"),
        "plain text, not a database at all, long enough for a header",
        "the file is left alone"
    );
}

#[test]
fn the_memory_path_comes_from_tmkit_tm_when_no_option_is_given() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("from-env.db");
    sandbox
        .tmkit_without_tm()
        .env("TMKIT_TM", &path)
        .arg("stats")
        .assert()
        .success()
        .stdout(predicates::str::contains("units      0"));
    assert!(path.exists());
}
