//! `tmkit review`, `tmkit article` and `tmkit import --list/--delete`: the review workflow of issue #11,
//! end to end on a memory aligned from samples/.

use serde_json::Value;

use crate::common::{Sandbox, aligned_samples, samples, stdout_of};

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn queue(sandbox: &Sandbox, extra: &[&str]) -> Vec<Value> {
    json_lines(&stdout_of(
        sandbox
            .tmkit()
            .args(["review", "list", "--json"])
            .args(extra),
    ))
}

fn ids(units: &[Value]) -> Vec<i64> {
    units
        .iter()
        .map(|u| u["id"].as_i64().expect("id"))
        .collect()
}

fn show(sandbox: &Sandbox, id: i64) -> Value {
    let text = stdout_of(
        sandbox
            .tmkit()
            .args(["review", "show", &id.to_string(), "--json"]),
    );
    serde_json::from_str(&text).expect("one JSON object")
}

/// `(lang, text, sentences)` of a unit's variants.
fn variants(unit: &Value) -> Vec<(String, String, Vec<i64>)> {
    unit["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .map(|v| {
            (
                v["lang"].as_str().expect("lang").to_string(),
                v["text"].as_str().expect("text").to_string(),
                v["sentences"]
                    .as_array()
                    .expect("sentences")
                    .iter()
                    .map(|p| p.as_i64().expect("position"))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_review_queue_lists_units_with_their_reasons_and_languages() {
    let sandbox = aligned_samples();
    let all = queue(&sandbox, &[]);
    assert_eq!(ids(&all), vec![10, 26, 27, 33, 36, 37, 38, 46, 47, 48]);
    // The Chinese side of unit 26 lacks the number of "COVID-19" (issue #11: reasons were lost).
    assert_eq!(
        all[1]["reasons"],
        serde_json::json!([{"check": "number-mismatch", "langs": ["zh-Hans"]}])
    );
    assert_eq!(all[1]["article"], "2024-07-03-aliyev-xi-astana");
    assert_eq!(ids(&queue(&sandbox, &["--reason", "number"])), vec![26, 27]);
    assert_eq!(
        queue(
            &sandbox,
            &["--article", "2024-07-10-aliyev-chinese-delegation"]
        )
        .len(),
        0
    );
    let text = stdout_of(
        sandbox
            .tmkit()
            .args(["review", "list", "--reason", "number"]),
    );
    assert!(
        text.contains(
            "unit 26  needs-review  confidence 0.99  2024-07-03-aliyev-xi-astana  [number-mismatch (zh-Hans)]"
        ),
        "{text}"
    );
    assert!(text.ends_with("2 units need review\n"), "{text}");
}

#[test]
fn a_review_session_approves_edits_splits_merges_and_deletes() {
    let sandbox = aligned_samples();
    let review = |args: &[&str]| {
        let mut cmd = sandbox.tmkit();
        cmd.arg("review").args(args).args(["--user", "ana"]);
        stdout_of(&mut cmd)
    };

    // Approve two: they leave the queue, approved by ana.
    assert_eq!(review(&["approve", "26", "33"]), "approved unit 26 33\n");
    assert_eq!(
        ids(&queue(&sandbox, &[])),
        vec![10, 27, 36, 37, 38, 46, 47, 48]
    );
    let approved = show(&sandbox, 26)["unit"].clone();
    assert_eq!(approved["status"], "ok");
    assert_eq!(approved["approved_by"], "ana");
    assert_eq!(approved["approved_at"], 1720000000);

    // Edit the Chinese side of 27: the text changes, the sentence provenance stays.
    let zh = "我向您发出的书面请求立即得到了积极回应。";
    review(&["edit", "27", "--lang", "zh", zh]);
    let edited = show(&sandbox, 27)["unit"].clone();
    let zh_variant = variants(&edited)
        .into_iter()
        .find(|(l, _, _)| l == "zh-Hans")
        .expect("zh");
    assert_eq!(zh_variant, ("zh-Hans".into(), zh.into(), vec![28, 29]));
    assert_eq!(edited["changed_by"], "ana");

    // Split 10 after the first sentence of each language: ru's one sentence stays.
    assert_eq!(
        review(&["split", "10", "en=1", "az=1", "ru=1", "zh=1"]),
        "split unit 10 90\n"
    );
    let split = show(&sandbox, 10);
    assert_eq!(
        variants(&split["unit"]),
        vec![
            (
                "az-Latn".into(),
                "Bu gün biz Birgə Bəyannamə qəbul edəcəyik.".into(),
                vec![9]
            ),
            (
                "en".into(),
                "Today, we will adopt a Joint Declaration.".into(),
                vec![9]
            ),
            (
                "ru".into(),
                "Сегодня мы примем Совместную декларацию, с помощью которой поднимем наши двусторонние отношения на уровень стратегического партнерства.".into(),
                vec![9]
            ),
            ("zh-Hans".into(), "今天，我们将发表联合声明。".into(), vec![9]),
        ]
    );
    // The new unit follows it in the article, with the rest of each language.
    assert_eq!(split["after"]["id"], 90);
    assert_eq!(
        variants(&split["after"])
            .iter()
            .map(|(l, t, s)| (l.as_str(), t.as_str(), s.clone()))
            .collect::<Vec<_>>(),
        vec![
            (
                "az-Latn",
                "Bu sənədlə ikitərəfli münasibətlərimizi strateji tərəfdaşlıq səviyyəsinə yüksəldəcəyik.",
                vec![10]
            ),
            (
                "en",
                "With this document, we will elevate our bilateral relations to the level of strategic partnership.",
                vec![10]
            ),
            (
                "zh-Hans",
                "通过这份文件，我们将把双边关系提升为战略伙伴关系。",
                vec![10]
            ),
        ]
    );
    // The new unit is found by a lookup at once (the index is current), after the ok unit of the
    // same score (the az pair's own unit of this sentence).
    let found = stdout_of(sandbox.tmkit().args([
        "lookup",
        "--from",
        "en",
        "--to",
        "az",
        "--json",
        "With this document, we will elevate our bilateral relations to the level of strategic partnership.",
    ]));
    let found: Value = serde_json::from_str(found.lines().next().expect("a line")).expect("json");
    let ranked: Vec<(i64, &str, u64)> = found["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .map(|m| {
            (
                m["unit"].as_i64().expect("unit"),
                m["status"].as_str().expect("status"),
                m["score"].as_u64().expect("score"),
            )
        })
        .collect();
    assert_eq!(ranked[..2], [(59, "ok", 100), (90, "needs-review", 100)]);

    // Merge them back: the earlier unit holds both sentences again, the later is gone.
    assert_eq!(review(&["merge", "90", "10"]), "merged into unit 10\n");
    let merged = show(&sandbox, 10)["unit"].clone();
    let en = variants(&merged)
        .into_iter()
        .find(|(l, _, _)| l == "en")
        .expect("en");
    assert_eq!(
        en,
        (
            "en".into(),
            "Today, we will adopt a Joint Declaration. With this document, we will elevate our bilateral relations to the level of strategic partnership.".into(),
            vec![9, 10]
        )
    );
    let view = show(&sandbox, 10);
    let log: Vec<&str> = view["log"]
        .as_array()
        .expect("log")
        .iter()
        .map(|e| e["action"].as_str().expect("action"))
        .collect();
    assert_eq!(log, vec!["split", "merge"]);

    // Delete one: it is gone from the queue and from the memory.
    assert_eq!(review(&["delete", "36"]), "deleted unit 36\n");
    sandbox
        .tmkit()
        .args(["review", "show", "36"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("there is no unit 36"));
    assert_eq!(ids(&queue(&sandbox, &[])), vec![10, 27, 37, 38, 46, 47, 48]);
    let stats = stdout_of(sandbox.tmkit().args(["stats", "--json"]));
    let stats: Value = serde_json::from_str(&stats).expect("json");
    assert_eq!(stats["units"], 88);

    // Who and when survive a TMX export.
    let tmx = sandbox.path("out.tmx");
    sandbox
        .tmkit()
        .args(["export", "--format", "tmx", "-o"])
        .arg(&tmx)
        .assert()
        .success();
    let tmx = std::fs::read_to_string(&tmx).expect("tmx");
    assert!(
        tmx.contains(r#"changedate="20240703T094640Z" changeid="ana""#),
        "{tmx}"
    );
}

#[test]
fn review_actions_that_cannot_be_done_say_why_and_change_nothing() {
    let sandbox = aligned_samples();
    let fails = |args: &[&str], message: &str| {
        sandbox
            .tmkit()
            .arg("review")
            .args(args)
            .args(["--user", "ana"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains(message));
    };
    // One unknown id: nothing is approved.
    fails(&["approve", "26", "999"], "there is no unit 999");
    assert_eq!(queue(&sandbox, &[]).len(), 10);
    fails(
        &["merge", "10", "26"],
        "units 10 and 26 are not neighbours in one article",
    );
    fails(
        &["split", "10", "ru=1"],
        "unit 10 has 2 sentences in az-Latn: say how many stay, e.g. az-Latn=1",
    );
    fails(
        &["split", "10", "en=3", "az=1", "zh=1"],
        "unit 10 has 2 sentences in en: the split keeps 0 to 2 of them, not 3",
    );
    fails(
        &["split", "10", "en=1", "az=2", "zh=2"],
        "the split leaves the second part of unit 10 with only en",
    );
    fails(
        &["edit", "10", "--lang", "ru", "  "],
        "the new ru text of unit 10 is empty",
    );
    sandbox
        .tmkit()
        .args(["review", "split", "10", "en"])
        .args(["--user", "ana"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("'en' is not LANG=N"));
    assert_eq!(
        stdout_of(sandbox.tmkit().args(["review", "show", "10", "--json"]))
            .matches("\"sentences\":[9,10]")
            .count(),
        3
    );
    // An imported unit has no sentences to split.
    let tsv = sandbox.write(
        "glossary.tsv",
        "en\taz\nJoint Declaration\tBirgə Bəyannamə\n",
    );
    sandbox.tmkit().arg("import").arg(&tsv).assert().success();
    fails(
        &["split", "90", "en=1"],
        "unit 90 was not aligned from an article: it has no sentences to split (edit it instead)",
    );
}

#[test]
fn the_user_defaults_to_user_and_is_required() {
    let sandbox = aligned_samples();
    sandbox
        .tmkit()
        .env("USER", "bob")
        .args(["review", "approve", "26"])
        .assert()
        .success();
    assert_eq!(show(&sandbox, 26)["unit"]["approved_by"], "bob");
    sandbox
        .tmkit()
        .env_remove("USER")
        .args(["review", "approve", "27"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "give --user NAME: USER is not set, and every change records who made it",
        ));
    assert_eq!(show(&sandbox, 27)["unit"]["status"], "needs-review");
}

#[test]
fn articles_and_imports_are_listed_and_deleted_with_their_units() {
    let sandbox = aligned_samples();
    let list = stdout_of(sandbox.tmkit().args(["article", "list"]));
    assert_eq!(
        list,
        "2024-07-03-aliyev-xi-astana  2024-07-03  az-Latn,en,ru,zh-Hans  89 units, 10 need review\n"
    );
    let tsv = sandbox.write(
        "glossary.tsv",
        "en\taz\nstrategic partnership\tstrateji tərəfdaşlıq\n",
    );
    sandbox.tmkit().arg("import").arg(&tsv).assert().success();
    let imports = json_lines(&stdout_of(
        sandbox.tmkit().args(["import", "--list", "--json"]),
    ));
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0]["units"], 1);
    assert_eq!(imports[0]["format"], "tsv");
    let id = imports[0]["id"].as_i64().expect("id").to_string();
    assert_eq!(
        stdout_of(
            sandbox
                .tmkit()
                .args(["import", "--delete", &id, "--user", "ana"])
        ),
        format!("deleted import {id} and its 1 unit\n")
    );
    assert_eq!(
        stdout_of(sandbox.tmkit().args([
            "article",
            "delete",
            "2024-07-03-aliyev-xi-astana",
            "--user",
            "ana"
        ])),
        "deleted article 2024-07-03-aliyev-xi-astana and its 89 units (2024-07-03 09:46 UTC)\n"
    );
    let stats: Value =
        serde_json::from_str(&stdout_of(sandbox.tmkit().args(["stats", "--json"]))).expect("json");
    assert_eq!(
        (stats["units"].clone(), stats["articles"].clone()),
        (0.into(), 0.into())
    );
    sandbox
        .tmkit()
        .args(["article", "delete", "nope", "--user", "ana"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("there is no article 'nope'"));
}

/// Issue #11: lookup, concordance and analyze show a unit's status; a flagged unit carries a mark.
#[test]
fn reading_commands_mark_units_that_need_review() {
    let sandbox = aligned_samples();
    let concordance =
        stdout_of(
            sandbox
                .tmkit()
                .args(["concordance", "--lang", "en", "Joint Declaration"]),
        );
    let heads: Vec<&str> = concordance
        .lines()
        .filter(|l| l.starts_with("unit "))
        .collect();
    assert_eq!(
        heads,
        vec![
            "unit 10  [needs review] conf 0.91",
            "unit 57  ok conf 1.00",
            "unit 58  ok conf 1.00",
            "unit 80  ok conf 1.00"
        ]
    );
    let article = samples().join("2024-07-03-aliyev-xi-astana/en.txt");
    let analysis = stdout_of(
        sandbox
            .tmkit()
            .arg("analyze")
            .arg(&article)
            .args(["--from", "en", "--to", "az"]),
    );
    assert!(
        analysis.ends_with(
            "of which the best match needs review: 5 segments, 103 words (check before trusting)\n"
        ),
        "{analysis}"
    );
    let lookup = stdout_of(sandbox.tmkit().args([
        "lookup",
        "--from",
        "en",
        "--to",
        "ru",
        "--limit",
        "1",
        "I would like to thank you once again for your help during the COVID-19 epidemic.",
    ]));
    assert!(
        lookup.contains(
            "100%    100%  unit 26  2024-07-03-aliyev-xi-astana  [needs review] conf 0.99\n"
        ),
        "{lookup}"
    );
}

/// The review fixture: an en-ru news article whose Russian version has eight numbers wrong (see
/// tests/fixtures/review/README.md).
fn review_fixture() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review")
}

/// The texts of a unit by language.
fn texts(unit: &Value) -> Vec<(String, String)> {
    variants(unit).into_iter().map(|(l, t, _)| (l, t)).collect()
}

fn stored_units(sandbox: &Sandbox) -> u64 {
    let stats: Value =
        serde_json::from_str(&stdout_of(sandbox.tmkit().args(["stats", "--json"]))).expect("json");
    stats["units"].as_u64().expect("units")
}

fn actions(sandbox: &Sandbox, id: i64) -> Vec<(String, String)> {
    show(sandbox, id)["log"]
        .as_array()
        .expect("log")
        .iter()
        .map(|e| {
            (
                e["action"].as_str().expect("action").to_string(),
                e["user"].as_str().expect("user").to_string(),
            )
        })
        .collect()
}

/// Issue #11's review session, done with commands only on samples/ plus the review fixture: list,
/// edit 5, approve 10, split 2, merge 2, delete 2, checking the queue, the texts and the history after
/// each step; then export → import keeps the result, into the same memory and into a new one.
#[test]
fn a_whole_review_session_with_commands_only_survives_a_round_trip() {
    let sandbox = aligned_samples();
    stdout_of(
        sandbox
            .tmkit()
            .arg("align-dir")
            .arg(review_fixture())
            .args(["--from", "en", "--to", "ru", "--store"]),
    );
    let review = |args: &[&str]| {
        let mut cmd = sandbox.tmkit();
        cmd.arg("review").args(args).args(["--user", "ana"]);
        stdout_of(&mut cmd)
    };
    assert_eq!(stored_units(&sandbox), 103);

    // List: the ten units of samples/ and eight of the fixture, whose Russian numbers are wrong.
    let listed = queue(&sandbox, &[]);
    assert_eq!(
        ids(&listed),
        vec![
            10, 26, 27, 33, 36, 37, 38, 46, 47, 48, 92, 93, 94, 95, 96, 97, 98, 101
        ]
    );
    assert_eq!(
        listed[12]["reasons"],
        serde_json::json!([
            {"check": "low-confidence", "langs": ["ru"]},
            {"check": "number-mismatch", "langs": ["ru"]}
        ])
    );
    assert_eq!(ids(&queue(&sandbox, &["--reason", "number"])).len(), 10);

    // Edit 5: the Russian numbers of units 92, 93, 94, 95 and 101 corrected.
    let fixed = [
        (
            92,
            "Фермеры Гянджинского региона собрали в этом году 412 000 тонн зерна.",
        ),
        (93, "Урожай на 18 процентов больше, чем в прошлом году."),
        (
            94,
            "Пшеница была посеяна на 96 000 гектаров, а ячмень на 31 000 гектаров.",
        ),
        (95, "Средняя урожайность достигла 33 центнеров с гектара."),
        (101, "Эксперты ожидают роста экспорта до 120 000 тонн."),
    ];
    for (id, ru) in fixed {
        assert_eq!(
            review(&["edit", &id.to_string(), "--lang", "ru", ru]),
            format!("edited unit {id}\n")
        );
        let unit = show(&sandbox, id)["unit"].clone();
        assert_eq!(texts(&unit)[1], ("ru".to_string(), ru.to_string()));
        assert_eq!(unit["changed_by"], "ana");
        // An edit corrects the text; approving is the reviewer's next step.
        assert_eq!(unit["status"], "needs-review");
    }
    assert_eq!(actions(&sandbox, 94), [("edit".into(), "ana".into())]);
    assert_eq!(queue(&sandbox, &[]).len(), 18);

    // Approve 10: eight of samples/ and the first two corrected ones.
    assert_eq!(
        review(&[
            "approve", "26", "27", "36", "37", "38", "46", "47", "48", "92", "93"
        ]),
        "approved unit 26 27 36 37 38 46 47 48 92 93\n"
    );
    assert_eq!(
        ids(&queue(&sandbox, &[])),
        vec![10, 33, 94, 95, 96, 97, 98, 101]
    );
    let approved = show(&sandbox, 92)["unit"].clone();
    assert_eq!(
        (
            approved["status"].as_str(),
            approved["approved_by"].as_str()
        ),
        (Some("ok"), Some("ana"))
    );
    assert_eq!(
        actions(&sandbox, 92),
        [
            ("edit".into(), "ana".into()),
            ("approve".into(), "ana".into())
        ]
    );

    // Split 2: units 10 and 33 each hold two sentences in English.
    let before_split = [10, 33].map(|id| texts(&show(&sandbox, id)["unit"]));
    assert_eq!(
        review(&["split", "10", "en=1", "az=1", "ru=1", "zh=1"]),
        "split unit 10 104\n"
    );
    assert_eq!(
        review(&["split", "33", "en=1", "ru=1", "zh=1"]),
        "split unit 33 105\n"
    );
    assert_eq!(stored_units(&sandbox), 105);
    let split = show(&sandbox, 33);
    assert_eq!(
        texts(&split["unit"])[1],
        (
            "en".to_string(),
            "Xi Jinping congratulated Ilham Aliyev on his re-election as President.".to_string()
        )
    );
    assert_eq!(split["after"]["id"], 105);
    assert_eq!(
        texts(&split["after"])[0],
        (
            "en".to_string(),
            "The head of state expressed his gratitude for the congratulations.".to_string()
        )
    );
    // The queue is in article order: each new unit right after the one it was split from.
    assert_eq!(
        ids(&queue(&sandbox, &[])),
        vec![10, 104, 33, 105, 94, 95, 96, 97, 98, 101]
    );

    // Merge 2: both splits were wrong after all; merging gives back the texts as they were.
    assert_eq!(review(&["merge", "10", "104"]), "merged into unit 10\n");
    assert_eq!(review(&["merge", "33", "105"]), "merged into unit 33\n");
    assert_eq!(stored_units(&sandbox), 103);
    for (id, texts_before) in [10, 33].iter().zip(&before_split) {
        assert_eq!(&texts(&show(&sandbox, *id)["unit"]), texts_before);
        assert_eq!(
            actions(&sandbox, *id),
            [
                ("split".into(), "ana".into()),
                ("merge".into(), "ana".into())
            ]
        );
    }

    // Delete 2: units 96 and 97, whose numbers nobody could check.
    assert_eq!(review(&["delete", "96", "97"]), "deleted unit 96 97\n");
    assert_eq!(stored_units(&sandbox), 101);
    let left = queue(&sandbox, &[]);
    assert_eq!(ids(&left), vec![10, 33, 94, 95, 98, 101]);

    // Export → import into the same memory: nothing new, nothing changed.
    let tmx = sandbox.path("reviewed.tmx");
    stdout_of(sandbox.tmkit().args(["export", "-o"]).arg(&tmx));
    let text = std::fs::read_to_string(&tmx).expect("tmx");
    assert_eq!(text.matches("<tu ").count(), 101);
    assert!(
        text.contains(r#"changedate="20240703T094640Z" changeid="ana""#),
        "who and when are exported"
    );
    let report = stdout_of(sandbox.tmkit().arg("import").arg(&tmx));
    assert!(
        report.contains("101 units imported (0 new, 101 duplicates merged)"),
        "{report}"
    );
    assert_eq!(stored_units(&sandbox), 101);
    assert_eq!(queue(&sandbox, &[]), left);

    // … and into a new memory: the same units, the same queue with the same reasons, the same texts.
    let copy = Sandbox::new();
    stdout_of(copy.tmkit().arg("import").arg(&tmx));
    assert_eq!(stored_units(&copy), 101);
    let copied = queue(&copy, &[]);
    assert_eq!(copied.len(), left.len());
    for (a, b) in copied.iter().zip(&left) {
        assert_eq!((&a["reasons"], texts(a)), (&b["reasons"], texts(b)));
    }
    let exported = stdout_of(copy.tmkit().args(["export", "-o", "-"]));
    for (_, ru) in fixed {
        assert!(exported.contains(&format!("<seg>{ru}</seg>")), "{ru}");
    }
}
