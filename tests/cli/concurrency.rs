//! Many processes on one memory (issue #16, items 1–3): readers while a writer loads, two writers,
//! `kill -9` at random moments, and a memory the user may only read.
//!
//! Bounded: each test runs a few seconds of real work, never a fixed sleep it depends on. The 60-second
//! soak of the issue is a manual run (see the README's "Sharing a memory").

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::{Sandbox, samples};

/// A TSV file of `n` en–ru units whose texts all differ (`from` numbers them).
fn write_tsv(sandbox: &Sandbox, name: &str, from: usize, n: usize) -> std::path::PathBuf {
    let mut text = String::from("en\tru\n");
    for i in from..from + n {
        text.push_str(&format!(
            "The delegation discussed item {i} of the strategic partnership agenda.\t\
             Делегация обсудила пункт {i} повестки стратегического партнёрства.\n"
        ));
    }
    sandbox.write(name, text)
}

fn tmkit_process(sandbox: &Sandbox, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin!("tmkit"))
        .current_dir(sandbox.dir.path())
        .env("SOURCE_DATE_EPOCH", "1720000000")
        .env_remove("TMKIT_TM")
        .env_remove("TMKIT_WAIT")
        .arg("--tm")
        .arg(sandbox.tm())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tmkit")
}

/// Units, integrity and leftover files of the memory, read directly.
fn units(tm: &Path) -> i64 {
    let conn = rusqlite::Connection::open(tm).expect("open");
    conn.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
        .expect("count")
}

fn integrity(tm: &Path) -> String {
    let conn = rusqlite::Connection::open(tm).expect("open");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

/// Runs 4 reader threads (`stats`, `lookup`, `concordance`, `export`) until `writer` ends; returns the
/// reader operations run and the failures (exit status and stderr), and the writer's output.
fn read_while(
    sandbox: &Sandbox,
    mut writer: Child,
    empty: bool,
) -> (usize, Vec<String>, std::process::Output) {
    let done = AtomicBool::new(false);
    let ran = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let output = std::thread::scope(|scope| {
        let readers: [&[&str]; 4] = [
            &["stats"],
            &[
                "lookup",
                "--from",
                "en",
                "--to",
                "ru",
                "The delegation discussed item 7 of the agenda.",
            ],
            &["concordance", "--lang", "en", "strategic partnership"],
            &["export", "--format", "tsv", "--langs", "en,ru", "-o", "-"],
        ];
        for args in readers {
            let (done, ran, failures) = (&done, &ran, &failures);
            scope.spawn(move || {
                while !done.load(Ordering::SeqCst) {
                    let out = tmkit_process(sandbox, args)
                        .wait_with_output()
                        .expect("reader");
                    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                    // On an empty memory, a language check answers exit 2 until the first commit: that is
                    // the memory's state, not a failure. Nothing else is allowed.
                    let before_first_commit = empty
                        && out.status.code() == Some(2)
                        && stderr.contains("holds no text in");
                    if !out.status.success() && !before_first_commit {
                        failures
                            .lock()
                            .expect("lock")
                            .push(format!("{args:?}: {:?}: {stderr}", out.status.code()));
                    }
                    ran.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        let output = writer.wait_with_output_ref();
        done.store(true, Ordering::SeqCst);
        output
    });
    let failures = failures.into_inner().expect("lock");
    (ran.load(Ordering::SeqCst), failures, output)
}

trait WaitRef {
    fn wait_with_output_ref(&mut self) -> std::process::Output;
}

impl WaitRef for Child {
    fn wait_with_output_ref(&mut self) -> std::process::Output {
        use std::io::Read;
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        if let Some(mut s) = self.stdout.take() {
            s.read_to_end(&mut stdout).expect("stdout");
        }
        if let Some(mut s) = self.stderr.take() {
            s.read_to_end(&mut stderr).expect("stderr");
        }
        let status = self.wait().expect("wait");
        std::process::Output {
            status,
            stdout,
            stderr,
        }
    }
}

/// Issue #16, item 1: an empty memory was switched to a rollback journal for the first load, and every
/// reader opening it meanwhile failed with `setting the WAL journal: database is locked`.
#[test]
fn readers_never_fail_while_the_first_import_fills_an_empty_memory() {
    let s = Sandbox::new();
    let empty = write_tsv(&s, "empty.tsv", 0, 0);
    s.tmkit().arg("import").arg(&empty).assert().success();
    assert_eq!(units(&s.tm()), 0);
    let big = write_tsv(&s, "big.tsv", 0, 20_000);
    let writer = tmkit_process(&s, &["import", big.to_str().expect("utf-8")]);
    let (ran, failures, out) = read_while(&s, writer, true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(failures, Vec::<String>::new(), "after {ran} reader runs");
    assert!(ran >= 4, "the readers ran {ran} times");
    assert_eq!(units(&s.tm()), 20_000);
}

#[test]
fn readers_never_fail_while_a_writer_adds_to_a_full_memory() {
    let s = Sandbox::new();
    let first = write_tsv(&s, "first.tsv", 0, 5_000);
    s.tmkit().arg("import").arg(&first).assert().success();
    let more = write_tsv(&s, "more.tsv", 5_000, 20_000);
    let writer = tmkit_process(&s, &["import", more.to_str().expect("utf-8")]);
    let (ran, failures, out) = read_while(&s, writer, false);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(failures, Vec::<String>::new(), "after {ran} reader runs");
    assert!(ran >= 4, "the readers ran {ran} times");
    assert_eq!(units(&s.tm()), 25_000);
}

/// Waits until the writer record of a running writer appears beside the memory.
fn wait_for_writer(s: &Sandbox, writer: &mut Child) {
    let record = s.path("tm.db-writer");
    while !record.exists() {
        assert!(
            writer.try_wait().expect("try_wait").is_none(),
            "the writer ended before recording itself"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Issue #16, item 2: a second writer failed with `database is locked` once the first one's
/// transaction ran past 5 s; now it waits (up to --wait).
#[test]
fn a_second_writer_waits_for_the_first_and_both_are_stored() {
    let s = Sandbox::new();
    let big = write_tsv(&s, "big.tsv", 0, 20_000);
    let small = write_tsv(&s, "small.tsv", 20_000, 100);
    let mut first = tmkit_process(&s, &["import", big.to_str().expect("utf-8")]);
    wait_for_writer(&s, &mut first);
    let second = tmkit_process(&s, &["import", small.to_str().expect("utf-8")])
        .wait_with_output()
        .expect("second writer");
    let first = first.wait_with_output().expect("first writer");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(units(&s.tm()), 20_100);
    assert!(
        !s.path("tm.db-writer").exists(),
        "the writer record is gone"
    );
}

#[test]
fn a_writer_whose_wait_runs_out_names_the_other_writers_operation() {
    let s = Sandbox::new();
    write_tsv(&s, "big.tsv", 0, 20_000);
    let small = write_tsv(&s, "small.tsv", 20_000, 100);
    let mut first = tmkit_process(&s, &["import", "big.tsv"]);
    let pid = first.id();
    wait_for_writer(&s, &mut first);
    let second = s
        .tmkit()
        .args(["import", "--wait", "0.2"])
        .arg(&small)
        .output()
        .expect("second writer");
    let first = first.wait_with_output().expect("first writer");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    let expected = format!(
        "error: the memory {} is being written by 'tmkit --tm {} import big.tsv' (process {}, writing since ",
        s.tm().display(),
        s.tm().display(),
        pid
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("UTC); gave up after waiting 0.2 s"),
        "{stderr}"
    );
    assert_eq!(units(&s.tm()), 20_000, "the second import stored nothing");
}

/// Random moments without a dependency: a fixed linear congruential sequence, so a failure repeats.
fn moments(n: usize, max_ms: u64) -> Vec<u64> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % max_ms
        })
        .collect()
}

fn kill_after(mut child: Child, ms: u64) {
    std::thread::sleep(Duration::from_millis(ms));
    // SIGKILL: no handler runs, as with `kill -9`.
    let _ = child.kill();
    let _ = child.wait();
}

/// The files of the sandbox that are neither inputs nor the memory.
fn leftovers(s: &Sandbox, inputs: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(s.dir.path())
        .expect("read_dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "tm.db" && !inputs.contains(&name.as_str()))
        .collect();
    found.sort();
    found
}

/// Issue #16: kill -9 at random moments of an import leaves the memory whole, with all or none of the
/// file's units, and the next import leaves nothing behind.
#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing_and_no_leftovers() {
    let s = Sandbox::new();
    write_tsv(&s, "big.tsv", 0, 10_000);
    for ms in moments(3, 1_500) {
        let _ = std::fs::remove_file(s.tm());
        kill_after(tmkit_process(&s, &["import", "big.tsv"]), ms);
        if s.tm().exists() && std::fs::metadata(s.tm()).is_ok_and(|m| m.len() > 0) {
            assert_eq!(integrity(&s.tm()), "ok", "killed after {ms} ms");
            let n = units(&s.tm());
            assert!(n == 0 || n == 10_000, "killed after {ms} ms: {n} units");
        } else {
            let _ = std::fs::remove_file(s.tm());
        }
        s.tmkit().args(["import", "big.tsv"]).assert().success();
        assert_eq!(units(&s.tm()), 10_000, "killed after {ms} ms");
        assert_eq!(integrity(&s.tm()), "ok");
        assert_eq!(
            leftovers(&s, &["big.tsv"]),
            Vec::<String>::new(),
            "killed after {ms} ms"
        );
    }
}

/// Issue #16: `align-dir --store` killed at any moment: every stored article has all its documents and
/// sentences (one transaction per article).
#[test]
fn align_dir_killed_at_any_moment_stores_whole_articles_only() {
    let s = Sandbox::new();
    let article = samples().join("2024-07-03-aliyev-xi-astana");
    for i in 0..4 {
        for lang in ["en", "az", "ru"] {
            let text = std::fs::read(article.join(format!("{lang}.sents.txt"))).expect("sample");
            s.write(&format!("news/article-{i}/{lang}.sents.txt"), &text);
        }
    }
    let segments_per_article: i64 = ["en", "az", "ru"]
        .iter()
        .map(|lang| {
            let text =
                std::fs::read_to_string(article.join(format!("{lang}.sents.txt"))).expect("sample");
            text.lines().filter(|l| !l.trim().is_empty()).count() as i64
        })
        .sum();
    let args = [
        "align-dir",
        "news",
        "--from",
        "en",
        "--to",
        "az,ru",
        "--presegmented",
        "--store",
    ];
    for ms in moments(2, 2_000) {
        let _ = std::fs::remove_file(s.tm());
        kill_after(tmkit_process(&s, &args), ms);
        if std::fs::metadata(s.tm()).is_ok_and(|m| m.len() > 0) {
            assert_eq!(integrity(&s.tm()), "ok", "killed after {ms} ms");
            let conn = rusqlite::Connection::open(s.tm()).expect("open");
            let count = |q: &str| -> i64 { conn.query_row(q, [], |r| r.get(0)).unwrap_or(0) };
            let articles = count("SELECT count(*) FROM article");
            assert_eq!(
                count("SELECT count(*) FROM document"),
                3 * articles,
                "killed after {ms} ms"
            );
            assert_eq!(
                count("SELECT count(*) FROM segment"),
                segments_per_article * articles,
                "killed after {ms} ms"
            );
        }
        s.tmkit().args(args).assert().success();
        assert_eq!(integrity(&s.tm()), "ok");
        assert_eq!(
            leftovers(&s, &["news"]),
            Vec::<String>::new(),
            "killed after {ms} ms"
        );
    }
}

/// Issue #16: an export killed at any moment leaves no target and, after the next export, no
/// `.part` file.
#[test]
fn an_export_killed_at_any_moment_leaves_no_half_file_after_the_next_run() {
    let s = Sandbox::new();
    write_tsv(&s, "big.tsv", 0, 20_000);
    s.tmkit().args(["import", "big.tsv"]).assert().success();
    let args = [
        "export", "--format", "tmx", "--langs", "en,ru", "-o", "out.tmx",
    ];
    for ms in moments(4, 800) {
        let _ = std::fs::remove_file(s.path("out.tmx"));
        kill_after(tmkit_process(&s, &args), ms);
        if let Ok(text) = std::fs::read_to_string(s.path("out.tmx")) {
            assert!(
                text.trim_end().ends_with("</tmx>"),
                "killed after {ms} ms: half a file"
            );
        }
        s.tmkit().args(args).assert().success();
        assert_eq!(
            leftovers(&s, &["big.tsv", "out.tmx"]),
            Vec::<String>::new(),
            "killed after {ms} ms"
        );
    }
}

/// Runs the reading commands on the sandbox's memory as a user who may not write it: as `nobody`
/// through `setpriv` when the tests run as root (root may write any file, so a chmod proves nothing),
/// as the current user otherwise (the chmod then binds). Returns each command's output.
fn read_as_another_user(s: &Sandbox) -> Vec<(String, std::process::Output)> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let reads: [&[&str]; 4] = [
        &["stats"],
        &[
            "lookup",
            "--from",
            "en",
            "--to",
            "ru",
            "The delegation discussed item 7 of the agenda.",
        ],
        &["concordance", "--lang", "en", "strategic partnership"],
        &["export", "--format", "tsv", "--langs", "en,ru", "-o", "-"],
    ];
    reads
        .iter()
        .map(|args| {
            let bin = assert_cmd::cargo::cargo_bin!("tmkit");
            let mut cmd = if root {
                let mut c = Command::new("setpriv");
                c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                    .arg(bin);
                c
            } else {
                Command::new(bin)
            };
            let out = cmd
                .current_dir("/")
                .env_remove("TMKIT_TM")
                .arg("--tm")
                .arg(s.tm())
                .args(*args)
                .output()
                .expect("run a reader");
            (args.join(" "), out)
        })
        .collect()
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn listing(s: &Sandbox) -> Vec<String> {
    leftovers(s, &[])
}

/// Issue #16, item 3: a memory file 444 in a 555 folder, read by another user: `stats`, `lookup`,
/// `concordance` and `export` failed with SQLITE_READONLY_DIRECTORY. With a writable folder they left
/// `-wal`/`-shm` files of their own behind.
#[test]
fn a_memory_the_user_may_only_read_is_read_and_left_as_it_was() {
    let s = Sandbox::new();
    let tsv = write_tsv(&s, "units.tsv", 0, 50);
    s.tmkit().arg("import").arg(&tsv).assert().success();
    std::fs::remove_file(&tsv).expect("remove input");
    assert_eq!(listing(&s), Vec::<String>::new());
    for dir_mode in [0o555, 0o777] {
        set_mode(&s.tm(), 0o444);
        set_mode(s.dir.path(), dir_mode);
        for (command, out) in read_as_another_user(&s) {
            assert_eq!(
                out.status.code(),
                Some(0),
                "folder {dir_mode:o}: {command}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(
                listing(&s),
                Vec::<String>::new(),
                "folder {dir_mode:o}: {command} left files"
            );
            if command == "stats" {
                let said = String::from_utf8_lossy(&out.stdout);
                assert!(said.contains("50"), "{said}");
            }
        }
        set_mode(s.dir.path(), 0o700);
        set_mode(&s.tm(), 0o644);
    }
}
