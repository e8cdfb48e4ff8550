//! The whole flow on `samples/`, as the README's first command runs it: segment → align → store →
//! lookup → concordance → export TMX → import into a fresh memory. (The gold alignments of the
//! samples are checked in `align.rs`.)

use crate::common::{Sandbox, article1, article2, samples, stdout_of};

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

#[test]
fn segmenting_the_samples_gives_the_gold_sentences() {
    let sandbox = Sandbox::new();
    for (dir, lang) in [
        (article1(), "en"),
        (article1(), "az"),
        (article1(), "ru"),
        (article1(), "zh"),
        (article2(), "en"),
    ] {
        let got = stdout_of(
            sandbox
                .tmkit()
                .args(["segment", "--lang", lang])
                .arg(dir.join(format!("{lang}.txt"))),
        );
        let gold = std::fs::read_to_string(dir.join(format!("{lang}.sents.txt"))).expect("gold");
        assert_eq!(lines(&got), lines(&gold), "{} {lang}", dir.display());
    }
}

#[test]
fn the_whole_flow_stores_looks_up_exports_and_imports_back() {
    let sandbox = Sandbox::new();
    // Align the sample archive into the memory, twice: the second run changes nothing.
    stdout_of(
        sandbox
            .tmkit()
            .args(["align-dir", "--from", "en", "--to", "az,ru,zh", "--store"])
            .arg(samples()),
    );
    let stats = |sandbox: &Sandbox| -> serde_json::Value {
        serde_json::from_str(&stdout_of(sandbox.tmkit().args(["stats", "--json"]))).expect("JSON")
    };
    let first = stats(&sandbox);
    stdout_of(
        sandbox
            .tmkit()
            .args(["align-dir", "--from", "en", "--to", "az,ru,zh", "--store"])
            .arg(samples()),
    );
    let second = stats(&sandbox);
    assert_eq!(
        first, second,
        "re-aligning an unchanged archive stores nothing new"
    );
    let units = first["units"].as_u64().expect("units");
    // 65 beads per pair, less the 1-0/0-1 beads and the three "xxx" separators.
    assert!(
        units >= 55,
        "the sample article gives about 60 units, got {units}"
    );

    // The stock phrases of the second article are found.
    let queries = std::fs::read_to_string(article2().join("lookup.tsv")).expect("lookup.tsv");
    for row in queries.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        let (query, expected, kind) = (cols[0], cols[1], cols[2]);
        let out = stdout_of(sandbox.tmkit().args([
            "lookup", "--from", "en", "--to", "az", "--json", "--limit", "1", query,
        ]));
        let hit: serde_json::Value = serde_json::from_str(out.trim()).expect("JSON line");
        let best = &hit["matches"][0];
        match kind {
            "exact" => {
                assert_eq!(best["score"].as_f64(), Some(100.0), "{query}");
                assert_eq!(best["source"], expected);
            }
            "number-changed" => {
                let score = best["score"].as_f64().expect("score");
                assert!((95.0..100.0).contains(&score), "{query}: {score}");
                assert_eq!(best["source"], expected);
            }
            "near" => {
                // Where another version merged this sentence with its neighbour, the pair's own
                // finer unit is stored too, and it is the best match.
                assert_eq!(best["source"], expected, "{query}");
                let score = best["score"].as_f64().expect("score");
                assert!((75.0..100.0).contains(&score), "{query}: {score}");
            }
            _ => {
                let score = best["score"].as_f64().unwrap_or(0.0);
                assert!(
                    score < 75.0,
                    "{query}: no close match expected, got {score}"
                );
            }
        }
    }

    // Concordance finds the stock phrase with its translations.
    let out = stdout_of(sandbox.tmkit().args([
        "concordance",
        "--lang",
        "en",
        "--json",
        "strategic partnership",
    ]));
    assert!(out.contains("strateji tərəfdaşlıq"), "{out}");

    // Export, import into a fresh memory, export again: the same file.
    let tmx = sandbox.path("all.tmx");
    stdout_of(
        sandbox
            .tmkit()
            .args(["export", "--format", "tmx", "--langs", "en,az,ru,zh", "-o"])
            .arg(&tmx),
    );
    // Valid TMX 1.4b: tmkit's structural check, and the DTD through xmllint where it is installed.
    crate::tmx_check::assert_valid_tmx(&tmx);
    let fresh = sandbox.path("fresh.db");
    stdout_of(
        sandbox
            .tmkit_without_tm()
            .arg("--tm")
            .arg(&fresh)
            .arg("import")
            .arg(&tmx),
    );
    let again = sandbox.path("again.tmx");
    stdout_of(
        sandbox
            .tmkit_without_tm()
            .arg("--tm")
            .arg(&fresh)
            .args(["export", "--format", "tmx", "--langs", "en,az,ru,zh", "-o"])
            .arg(&again),
    );
    let fresh_stats: serde_json::Value = serde_json::from_str(&stdout_of(
        sandbox
            .tmkit_without_tm()
            .arg("--tm")
            .arg(&fresh)
            .args(["stats", "--json"]),
    ))
    .expect("JSON");
    assert_eq!(fresh_stats["units"], first["units"]);
    let texts = |path: &std::path::Path| -> Vec<String> {
        let tmx = std::fs::read_to_string(path).expect("tmx");
        tmx.lines()
            .filter(|l| l.contains("<seg>"))
            .map(|l| l.trim().to_string())
            .collect()
    };
    assert_eq!(texts(&tmx), texts(&again));
}

/// Variants per language, from `stats --json`.
fn variants_by_lang(sandbox: &Sandbox) -> Vec<(String, u64)> {
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(sandbox.tmkit().args(["stats", "--json"]))).expect("JSON");
    stats["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .map(|l| {
            (
                l["lang"].as_str().expect("lang").to_string(),
                l["variants"].as_u64().expect("variants"),
            )
        })
        .collect()
}

#[test]
fn aligning_an_article_again_with_only_russian_keeps_its_other_languages() {
    // Issue #11: an article stored with az, ru and zh, fixed in English and aligned again with its
    // Russian version only, lost every az and zh variant; realigning unchanged text duplicated English.
    let sandbox = Sandbox::new();
    for lang in ["en", "az", "ru", "zh"] {
        let text = std::fs::read(article1().join(format!("{lang}.sents.txt"))).expect("sample");
        sandbox.write(&format!("news/article/{lang}.sents.txt"), text);
    }
    let align = |to: &str, extra: &[&str]| {
        stdout_of(
            sandbox
                .tmkit()
                .args(["align-dir", "news", "--from", "en", "--to", to])
                .args(["--presegmented", "--store"])
                .args(extra),
        )
    };
    align("az,ru,zh", &[]);
    let before = variants_by_lang(&sandbox);
    let realigned = align("ru", &["--realign"]);
    // Realigned with the lexicon the first store taught, a few Russian beads come out differently:
    // they update their units; nothing is added twice and no other language changes.
    assert!(realigned.contains("stored 0 new, "), "{realigned}");
    let count = |stats: &[(String, u64)], lang: &str| {
        stats.iter().find(|(l, _)| l == lang).map_or(0, |(_, n)| *n)
    };
    let again = variants_by_lang(&sandbox);
    for lang in ["en", "az-Latn", "zh-Hans"] {
        assert_eq!(count(&again, lang), count(&before, lang), "{lang}");
    }
    assert!(count(&again, "ru") >= count(&before, "ru"));
    let before = again;

    // The English of one sentence is fixed; only the Russian version is aligned again.
    let en = sandbox.path("news/article/en.sents.txt");
    let text = std::fs::read_to_string(&en).expect("en");
    let line = text.lines().nth(4).expect("a fifth sentence").to_string();
    std::fs::write(&en, text.replacen(&line, &format!("{line} (updated)"), 1)).expect("edit");
    let fixed = align("ru", &[]);
    assert!(
        fixed.contains("1 stored unit's source sentence is no longer in the article: kept"),
        "{fixed}"
    );
    let after = variants_by_lang(&sandbox);
    // Nothing of az and zh is lost; the fixed sentence adds one English and keeps the old one.
    assert_eq!(count(&after, "az-Latn"), count(&before, "az-Latn"));
    assert_eq!(count(&after, "zh-Hans"), count(&before, "zh-Hans"));
    assert_eq!(count(&after, "en"), count(&before, "en") + 1);
    assert_eq!(count(&after, "ru"), count(&before, "ru") + 1);
}
