//! `tmkit import`: files in the shapes CAT tools write, and broken files, each with its message.

use std::path::PathBuf;

use crate::common::{Sandbox, stdout_of};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tmx")
        .join(name)
}

fn units(sandbox: &Sandbox) -> String {
    let out = sandbox
        .tmkit()
        .args(["export", "--format", "tsv", "--langs", "en,az,ru,zh"])
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn files_written_by_cat_tools_are_imported() {
    let cases = [
        (
            "omegat.tmx",
            2,
            "The sides discussed \"strategic partnership\" & trade.\tTərəflər \"strateji tərəfdaşlıq\" və ticarəti müzakirə ediblər.\t\t",
        ),
        (
            "trados-utf16le.tmx",
            1,
            "Baku hosted the forum.\tBakı foruma ev sahibliyi edib.\t\t",
        ),
        (
            "memoq.tmx",
            1,
            "The talks took place in Astana.\t\tПереговоры прошли в Астане.\t",
        ),
        (
            "okapi.tmx",
            1,
            "Xi Jinping thanked the President.\t\t\t习近平感谢总统。",
        ),
        (
            "translate-toolkit.tmx",
            1,
            "Economic cooperation 😀 grows.\tİqtisadi əməkdaşlıq 😀 artır.\t\t",
        ),
    ];
    for (name, count, line) in cases {
        let sandbox = Sandbox::new();
        let out = sandbox
            .tmkit()
            .arg("import")
            .arg(fixture(name))
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(&format!(
                ": {count} {} imported ({count} new, 0 duplicates merged), 0 skipped",
                if count == 1 { "unit" } else { "units" }
            )),
            "{name}: {stdout}"
        );
        let tsv = units(&sandbox);
        assert!(
            tsv.lines().any(|l| l == line),
            "{name}: expected line {line:?} in\n{tsv}"
        );
    }
}

#[test]
fn importing_the_same_file_twice_merges_the_duplicates() {
    let sandbox = Sandbox::new();
    sandbox
        .tmkit()
        .arg("import")
        .arg(fixture("omegat.tmx"))
        .assert()
        .success();
    sandbox
        .tmkit()
        .arg("import")
        .arg(fixture("omegat.tmx"))
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "2 units imported (0 new, 2 duplicates merged)",
        ));
    assert_eq!(units(&sandbox).lines().count(), 3);
}

#[test]
fn broken_files_give_a_located_error_and_change_nothing() {
    let cases = [
        (
            "broken-not-xml.tmx",
            ":1:1: not a TMX file: expected XML markup",
        ),
        (
            "broken-billion-laughs.tmx",
            ":2:1: the DOCTYPE declares entities; tmkit expands none",
        ),
        (
            "broken-missing-lang.tmx",
            ":7:3: <tuv> has no xml:lang attribute",
        ),
        (
            "broken-bad-nesting.tmx",
            ":5:44: malformed XML: ill-formed document: expected `</hi>`, but `</seg>` was found",
        ),
        (
            "broken-undeclared-entity.tmx",
            ":5:30: undeclared entity '&nbsp;'",
        ),
        ("broken-truncated.tmx", ":5:36: the file ends inside <seg>"),
        (
            "broken-wrong-root.tmx",
            ":2:1: expected <tmx> as the root element, found <xliff>",
        ),
        (
            "broken-bad-date.tmx",
            ":5:1: creationdate='2024-07-03 10:15' is not a TMX date (YYYYMMDDThhmmssZ)",
        ),
        (
            "broken-control-char.tmx",
            ":5:34: character reference to U+0007, which XML 1.0 forbids",
        ),
        (
            "broken-bad-lang.tmx",
            ":5:5: bad language tag: 'en_US!' is not a language tag",
        ),
    ];
    for (name, message) in cases {
        let sandbox = Sandbox::new();
        let out = sandbox
            .tmkit()
            .arg("import")
            .arg(fixture(name))
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        let expected = format!("error: {}{message}", fixture(name).display());
        assert!(
            stderr.starts_with(&expected),
            "{name}:\nexpected {expected}\ngot      {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        // A first import that failed leaves no (empty) memory behind.
        for suffix in ["", "-wal", "-shm"] {
            let mut file = sandbox.tm().into_os_string();
            file.push(suffix);
            assert!(
                !std::path::Path::new(&file).exists(),
                "{name}: {file:?} left"
            );
        }
        // Into a memory that exists, the failed file changes nothing and the memory stays.
        sandbox
            .tmkit()
            .arg("import")
            .arg(fixture("omegat.tmx"))
            .assert()
            .success();
        let before = stdout_of(sandbox.tmkit().args(["stats", "--json"]));
        let out = sandbox
            .tmkit()
            .arg("import")
            .arg(fixture(name))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            stdout_of(sandbox.tmkit().args(["stats", "--json"])),
            before,
            "{name}"
        );
    }
}

#[test]
fn skip_bad_skips_the_bad_unit_and_names_its_line() {
    let sandbox = Sandbox::new();
    sandbox
        .tmkit()
        .args(["import", "--skip-bad"])
        .arg(fixture("broken-missing-lang.tmx"))
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "1 unit imported (1 new, 0 duplicates merged), 1 skipped",
        ))
        .stderr(predicates::str::contains(
            "broken-missing-lang.tmx:7:3: <tuv> has no xml:lang attribute",
        ));
}

#[test]
fn a_tsv_file_names_its_languages_on_the_first_line() {
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "pairs.tsv",
        "en\taz-AZ\nHello\tSalam\nTab\\there\tTab\\tburada\n",
    );
    sandbox
        .tmkit()
        .arg("import")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("2 units imported (2 new"));
    let bad = sandbox.write("bad.tsv", "en\taz\nonly one column\n");
    sandbox
        .tmkit()
        .arg("import")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "bad.tsv:2:1: expected 2 tab-separated columns, found 1",
        ));
}

/// Issue #16, item 8: a closed output pipe (`tmkit import a.tmx b.tmx | head -1`) does not stop the
/// import half-way: every file asked for is stored.
#[test]
fn a_closed_output_pipe_does_not_stop_the_import() {
    let sandbox = Sandbox::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tmkit"))
        .current_dir(sandbox.dir.path())
        .arg("--tm")
        .arg(sandbox.tm())
        .arg("import")
        .arg(fixture("omegat.tmx"))
        .arg(fixture("memoq.tmx"))
        .arg(fixture("okapi.tmx"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // The reader is gone before the first report line.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("exit");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let stats = stdout_of(sandbox.tmkit().args(["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&stats).expect("JSON");
    let alone = |name: &str| {
        let s = Sandbox::new();
        s.tmkit()
            .arg("import")
            .arg(fixture(name))
            .assert()
            .success();
        let out = stdout_of(s.tmkit().args(["stats", "--json"]));
        serde_json::from_str::<serde_json::Value>(&out).expect("JSON")["units"]
            .as_u64()
            .expect("units")
    };
    assert_eq!(
        stats["units"].as_u64(),
        Some(alone("omegat.tmx") + alone("memoq.tmx") + alone("okapi.tmx"))
    );
}

/// Three bilingual files of the same English sentences (issue #11: they gave a unit per file).
fn three_bilingual_files(sandbox: &Sandbox) -> Vec<String> {
    let en = [
        "Good morning.",
        "The sides met in Baku.",
        "Trade grew by 5%.",
    ];
    let tr = [
        (
            "az",
            [
                "Sabahınız xeyir.",
                "Tərəflər Bakıda görüşdü.",
                "Ticarət 5% artıb.",
            ],
        ),
        (
            "ru",
            [
                "Доброе утро.",
                "Стороны встретились в Баку.",
                "Торговля выросла на 5%.",
            ],
        ),
        ("zh", ["早上好。", "双方在巴库会面。", "贸易增长了5%。"]),
    ];
    tr.iter()
        .map(|(lang, texts)| {
            let mut tsv = format!("en\t{lang}\n");
            for (e, t) in en.iter().zip(texts) {
                tsv.push_str(&format!("{e}\t{t}\n"));
            }
            let name = format!("en-{lang}.tsv");
            sandbox.write(&name, tsv);
            name
        })
        .collect()
}

#[test]
fn bilingual_files_of_one_english_text_give_one_unit_per_sentence() {
    let sandbox = Sandbox::new();
    let files = three_bilingual_files(&sandbox);
    let reports: Vec<String> = files
        .iter()
        .map(|f| stdout_of(sandbox.tmkit().arg("import").arg(f)))
        .collect();
    assert_eq!(
        reports,
        vec![
            "en-az.tsv: 3 units imported (3 new, 0 duplicates merged), 0 skipped\n",
            "en-ru.tsv: 3 units imported (0 new, 0 duplicates merged, 3 joined to units of the same \
             source sentence), 0 skipped\n",
            "en-zh.tsv: 3 units imported (0 new, 0 duplicates merged, 3 joined to units of the same \
             source sentence), 0 skipped\n",
        ]
    );
    assert_eq!(
        units(&sandbox),
        "en\taz-Latn\tru\tzh-Hans\n\
         Good morning.\tSabahınız xeyir.\tДоброе утро.\t早上好。\n\
         The sides met in Baku.\tTərəflər Bakıda görüşdü.\tСтороны встретились в Баку.\t双方在巴库会面。\n\
         Trade grew by 5%.\tTicarət 5% artıb.\tТорговля выросла на 5%.\t贸易增长了5%。\n"
    );
    // Importing them again adds nothing.
    let again = stdout_of(sandbox.tmkit().arg("import").arg(&files[1]));
    assert_eq!(
        again,
        "en-ru.tsv: 3 units imported (0 new, 3 duplicates merged), 0 skipped\n"
    );
}

#[test]
fn maintain_join_joins_the_units_an_older_tmkit_stored_apart() {
    use tmkit::Lang;
    use tmkit::tm::Memory;
    use tmkit::unit::{NewUnit, NewVariant, Origin};
    let sandbox = Sandbox::new();
    {
        // Units inserted one by one, as tmkit stored bilingual imports before issue #11.
        let mut memory = Memory::open(&sandbox.tm()).expect("memory");
        let en = Lang::parse("en").expect("tag");
        let unit = |tag: &str, source: &str, text: &str| {
            let mut unit = NewUnit::new(
                Origin::Imported,
                vec![
                    NewVariant::new(en.clone(), source),
                    NewVariant::new(Lang::parse(tag).expect("tag"), text),
                ],
            );
            unit.srclang = Some(en.clone());
            unit
        };
        memory
            .insert_units(
                &[
                    unit("az", "Good morning.", "Sabahınız xeyir."),
                    unit("ru", "Good morning.", "Доброе утро."),
                    unit("zh", "Good morning.", "早上好。"),
                    unit("ru", "Thanks.", "Спасибо."),
                ],
                0,
            )
            .expect("insert");
    }
    let dry = stdout_of(sandbox.tmkit().args(["maintain", "--join", "--dry-run"]));
    assert_eq!(
        dry,
        "would join 2 of 4 units into units of the same source sentence: 2 units after\n"
    );
    let joined = stdout_of(sandbox.tmkit().args(["maintain", "--join", "--json"]));
    assert_eq!(
        joined,
        "{\"dry_run\":false,\"joined\":2,\"units_after\":2,\"units_before\":4}\n"
    );
    assert_eq!(
        units(&sandbox),
        "en\taz-Latn\tru\tzh-Hans\n\
         Good morning.\tSabahınız xeyir.\tДоброе утро.\t早上好。\nThanks.\t\tСпасибо.\t\n"
    );
}
