//! `tmkit stats`.

use std::path::PathBuf;

use crate::common::{Sandbox, stdout_of};

/// A memory that holds nothing: created by importing a TMX file without units.
pub fn empty_memory(sandbox: &Sandbox) {
    let empty = sandbox.write(
        "empty.tmx",
        r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body/></tmx>"#,
    );
    sandbox.tmkit().arg("import").arg(empty).assert().success();
}

#[test]
fn stats_on_an_empty_memory_counts_nothing() {
    let sandbox = Sandbox::new();
    empty_memory(&sandbox);
    let out = stdout_of(sandbox.tmkit().args(["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(stats["units"], 0);
    assert_eq!(stats["articles"], 0);
}

/// Issue #16, item 4: a wrong path gave a false answer and created the memory's folder.
#[test]
fn stats_on_a_missing_memory_is_an_error_that_says_how_to_create_one_and_creates_nothing() {
    let sandbox = Sandbox::new();
    sandbox
        .tmkit_without_tm()
        .args(["--tm", "missing-dir/x.db", "stats"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error: there is no memory at missing-dir/x.db: create one with `tmkit import",
        ))
        .stderr(predicates::str::contains("`tmkit align-dir"));
    assert!(!sandbox.path("missing-dir").exists(), "no folder created");
    assert_eq!(
        std::fs::read_dir(sandbox.dir.path()).expect("list").count(),
        0,
        "nothing created"
    );
}

/// Issue #16, item 9: a 0-byte file was silently turned into a memory.
#[test]
fn an_empty_file_is_refused_as_a_memory_by_readers_and_writers() {
    let sandbox = Sandbox::new();
    let empty = sandbox.write("empty.db", "");
    let tmx = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx/omegat.tmx");
    for args in [
        vec!["stats".into()],
        vec!["import".into(), tmx.into_os_string()],
    ] {
        sandbox
            .tmkit_without_tm()
            .arg("--tm")
            .arg(&empty)
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(
                "empty.db: empty file, not a tmkit memory",
            ));
        assert_eq!(std::fs::metadata(&empty).expect("still there").len(), 0);
    }
}

/// Issue #16, item 9: the library's error and the command's context named the memory twice.
#[test]
fn a_folder_given_as_the_memory_is_named_once() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("folder")).expect("mkdir");
    let out = sandbox
        .tmkit_without_tm()
        .args(["--tm", "folder", "stats"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr,
        "error: folder: this is a folder, not a tmkit memory: give the memory's file with --tm\n"
    );
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
        // Said once (issue #16, item 9): not "cannot open the memory X: X: not a tmkit memory".
        .stderr(format!(
            "error: {}: not a tmkit memory: it is not a SQLite database\n",
            bogus.display()
        ));
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
        .arg("import")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx/omegat.tmx"))
        .assert()
        .success();
    sandbox
        .tmkit_without_tm()
        .env("TMKIT_TM", &path)
        .arg("stats")
        .assert()
        .success()
        .stdout(predicates::str::contains("units      2"));
}

/// Issue #16, item 10: with TMKIT_TM set, the usage line showed `--tm <PATH>` as required.
#[test]
fn the_usage_line_does_not_ask_for_tm_when_tmkit_tm_is_set() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .tmkit_without_tm()
        .env("TMKIT_TM", sandbox.path("x.db"))
        .args(["lookup", "--from", "en"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("Usage: tmkit lookup --from <LANG> --to <LANG> <TEXT>\n"),
        "{stderr}"
    );
}

/// Issue #16, item 10: `segment` and `eval` listed `--tm` though they use no memory.
#[test]
fn only_subcommands_that_use_a_memory_take_tm() {
    let sandbox = Sandbox::new();
    let help = |args: &[&str]| stdout_of(sandbox.tmkit_without_tm().args(args));
    for args in [
        &["segment", "--help"][..],
        &["eval", "segment", "--help"],
        &["eval", "align", "--help"],
    ] {
        assert!(!help(args).contains("--tm"), "{args:?} lists --tm");
    }
    for name in [
        "align",
        "align-dir",
        "lookup",
        "concordance",
        "analyze",
        "pretranslate",
        "import",
        "export",
        "stats",
    ] {
        assert!(
            help(&[name, "--help"]).contains("--tm <PATH>"),
            "{name} does not list --tm"
        );
    }
    // Before the subcommand, --tm still works for every subcommand.
    sandbox
        .tmkit_without_tm()
        .args(["--tm", "unused.db", "segment", "--lang", "en", "-"])
        .write_stdin("One. Two.")
        .assert()
        .success()
        .stdout("One.\nTwo.\n");
    assert!(!sandbox.path("unused.db").exists());
}

/// `--tm` before and after the subcommand: the same memory, and two different ones are refused.
#[test]
fn tm_after_the_subcommand_is_the_same_option_and_two_different_ones_are_refused() {
    let sandbox = Sandbox::new();
    let tmx = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx/omegat.tmx");
    sandbox
        .tmkit_without_tm()
        .args(["import", "--tm", "after.db"])
        .arg(&tmx)
        .assert()
        .success();
    assert!(sandbox.path("after.db").exists());
    sandbox
        .tmkit_without_tm()
        .args(["--tm", "a.db", "stats", "--tm", "b.db"])
        .assert()
        .code(2)
        .stderr("error: --tm is given twice (a.db and b.db): give it once\n");
}

/// Issue #15 item 6: storing does not train; the memory says its models are stale until `train`.
#[test]
fn storing_leaves_the_models_stale_and_every_reader_says_so_until_train() {
    use predicates::prelude::PredicateBooleanExt;
    let sandbox = Sandbox::new();
    sandbox
        .tmkit()
        .arg("align-dir")
        .arg(crate::common::samples())
        .args(["--from", "en", "--to", "az,ru", "--store"])
        .assert()
        .success();
    let stats = |sandbox: &Sandbox| -> serde_json::Value {
        serde_json::from_str(&stdout_of(sandbox.tmkit().args(["stats", "--json"]))).expect("JSON")
    };
    let before = stats(&sandbox);
    assert_eq!(before["models_stale"], true);
    assert_eq!(before["models"], serde_json::json!([]));
    assert!(
        stdout_of(sandbox.tmkit().arg("stats"))
            .contains("word-alignment models: none trained: `tmkit train` trains them")
    );
    let reader_note = "note: units were stored or changed after the word-alignment models were \
                       trained: translations miss them until `tmkit train`";
    sandbox
        .tmkit()
        .args(["concordance", "--lang", "en", "Astana"])
        .assert()
        .success()
        .stderr(predicates::str::contains(reader_note));
    let trained = stdout_of(sandbox.tmkit().arg("train"));
    assert_eq!(trained.matches(" trained\n").count(), 3, "{trained}");
    let after = stats(&sandbox);
    assert_eq!(after["models_stale"], false);
    let models = after["models"].as_array().expect("models");
    assert_eq!(models.len(), 3);
    // Each model knows every trusted unit of its pair.
    for m in models {
        assert_eq!(m["units"], m["trusted_units"], "{m}");
    }
    assert!(stdout_of(sandbox.tmkit().arg("stats")).contains("word-alignment models: up to date"));
    sandbox
        .tmkit()
        .args(["concordance", "--lang", "en", "Astana"])
        .assert()
        .success()
        .stderr(predicates::str::contains("note:").not());
    // An approval changes what the models learn from: stale again.
    let queue = stdout_of(sandbox.tmkit().args(["review", "list", "--json"]));
    let id =
        serde_json::from_str::<serde_json::Value>(queue.lines().next().expect("a unit to review"))
            .expect("JSON")["id"]
            .to_string();
    sandbox
        .tmkit()
        .args(["review", "approve", &id, "--user", "test"])
        .assert()
        .success();
    assert_eq!(stats(&sandbox)["models_stale"], true);
    let retrained = stdout_of(sandbox.tmkit().arg("train"));
    assert_eq!(retrained.matches(" trained\n").count(), 3, "{retrained}");
    assert_eq!(stats(&sandbox)["models_stale"], false);
}
