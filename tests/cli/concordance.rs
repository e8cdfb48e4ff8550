//! `tmkit concordance`, on the sample article.

use crate::common::{Sandbox, samples, stdout_of};
use crate::lookup::store_sample;

#[test]
fn concordance_finds_a_phrase_with_all_languages_and_its_translations() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    // The sample is stored without the aligner: `tmkit train` makes the models.
    let trained = stdout_of(sandbox.tmkit().arg("train"));
    assert!(trained.contains("en/ru "), "{trained}");
    assert!(trained.contains(" trained\n"), "{trained}");
    assert!(
        stdout_of(sandbox.tmkit().arg("train")).contains(" up to date\n"),
        "a second run trains nothing"
    );
    let out =
        stdout_of(
            sandbox
                .tmkit()
                .args(["concordance", "--lang", "en", "--json", "One China"]),
        );
    let found: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(found["total"].as_u64().expect("total") >= 1);
    let hit = &found["hits"][0];
    let text = hit["text"].as_str().expect("text");
    let range = &hit["highlights"][0];
    let (start, end) = (
        range["start"].as_u64().expect("start") as usize,
        range["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&text[start..end], "One China");
    let langs: Vec<&str> = hit["others"]
        .as_array()
        .expect("others")
        .iter()
        .filter_map(|o| o[0].as_str())
        .collect();
    assert_eq!(langs, ["az-Latn", "ru", "zh-Hans"]);
    let translations = found["translations"].as_array().expect("translations");
    let ru = translations
        .iter()
        .find(|r| r["lang"] == "ru")
        .expect("a Russian rendering");
    assert_eq!(
        ru["text"].as_str().map(str::to_lowercase).as_deref(),
        Some("одного китая")
    );
    assert!(ru["count"].as_u64() <= ru["total"].as_u64());
    // The unit marks where the rendering is.
    let rendered = hit["rendered"].as_array().expect("rendered");
    let (tag, range) = (&rendered[0][0], &rendered[0][1]);
    let other = hit["others"]
        .as_array()
        .expect("others")
        .iter()
        .find(|o| o[0] == *tag)
        .and_then(|o| o[1].as_str())
        .expect("the marked language's text");
    let (start, end) = (
        range["start"].as_u64().expect("start") as usize,
        range["end"].as_u64().expect("end") as usize,
    );
    assert!(!other[start..end].trim().is_empty());
}

#[test]
fn concordance_folds_azerbaijani_case_and_highlights() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let out = stdout_of(sandbox.tmkit().args([
        "concordance",
        "--lang",
        "az",
        "--to",
        "en",
        "İLHAM ƏLİYEV",
    ]));
    assert!(out.contains("**İlham Əliyev**"), "{out}");
    assert!(out.contains("units contain"), "{out}");
}

#[test]
fn query_syntax_is_searched_literally() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    for phrase in ["\"Aliyev\" AND NOT", "Xi*", "NEAR(China)", "-"] {
        sandbox
            .tmkit()
            .args(["concordance", "--lang", "en", phrase])
            .assert()
            .success();
    }
    sandbox
        .tmkit()
        .args(["concordance", "--lang", "en", "   "])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("the phrase is empty"));
}

#[test]
fn the_translations_of_a_stock_phrase_are_its_renderings_in_every_language() {
    let sandbox = Sandbox::new();
    sandbox
        .tmkit()
        .args(["align-dir"])
        .arg(samples())
        .args(["--from", "en", "--to", "az,ru,zh", "--store"])
        .assert()
        .success();
    sandbox.tmkit().arg("train").assert().success();
    let renderings = |phrase: &str| -> serde_json::Value {
        let out =
            stdout_of(
                sandbox
                    .tmkit()
                    .args(["concordance", "--lang", "en", "--json", phrase]),
            );
        let found: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        found["translations"].clone()
    };
    let best = |translations: &serde_json::Value, tag: &str| -> (String, u64, u64) {
        let r = translations
            .as_array()
            .expect("translations")
            .iter()
            .find(|r| r["lang"] == tag)
            .cloned()
            .unwrap_or_default();
        (
            r["text"].as_str().unwrap_or("").to_lowercase(),
            r["count"].as_u64().unwrap_or(0),
            r["total"].as_u64().unwrap_or(0),
        )
    };
    let strategic = renderings("strategic partnership");
    // Whole words (战略伙伴, not 略伙伴), with the units that support them.
    assert_eq!(best(&strategic, "zh-Hans"), ("战略伙伴".to_string(), 3, 3));
    assert!(
        best(&strategic, "ru").0.starts_with("стратегическ"),
        "{strategic}"
    );
    let president = renderings("President of the Republic of Azerbaijan");
    assert_eq!(
        best(&president, "az-Latn"),
        ("azərbaycan respublikasının prezidenti".to_string(), 2, 2)
    );
    // Not glued to the name that follows (Президент Азербайджанской Республики Ильхам).
    assert_eq!(
        best(&president, "ru").0,
        "президент азербайджанской республики"
    );
}

/// Issue #16, item 10: "544 units contain …" showed 20 with no hint of paging.
#[test]
fn a_page_of_the_units_says_which_it_shows_and_how_to_see_the_next() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let page = |extra: &[&str]| {
        stdout_of(
            sandbox
                .tmkit()
                .args(["concordance", "--lang", "en", "--to", "az"])
                .args(extra)
                .arg("Azerbaijan"),
        )
    };
    let all = page(&["--limit", "1000"]);
    let total: usize = all
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count first");
    assert!(total > 4, "{all}");
    let first = page(&["--limit", "2"]);
    assert!(
        first.starts_with(&format!(
            "{total} units contain 'Azerbaijan' in en; showing 1-2 (--offset 2 for the next 2, --limit N for more at once)\n"
        )),
        "{first}"
    );
    let second = page(&["--limit", "2", "--offset", "2"]);
    assert!(second.contains("; showing 3-4"), "{second}");
    let units = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with("unit "))
            .map(str::to_string)
            .collect()
    };
    let all_units = units(&all);
    assert_eq!(units(&first), all_units[..2]);
    assert_eq!(units(&second), all_units[2..4]);
    assert!(
        !all.lines().next().unwrap_or("").contains("showing"),
        "{all}"
    );
    // The default page of 20 says so.
    assert!(page(&[]).contains("; showing 1-20 (--offset 20 for the next 20"));
}

/// Issue #12/#14: a common phrase is read until the page and the units of its renderings are found;
/// the rest is estimated from the candidates checked, and the first line says so.
#[test]
fn a_common_phrase_is_counted_by_an_estimate_that_says_how_it_was_made() {
    let sandbox = Sandbox::new();
    let mut tsv = String::from("en\tru\n");
    for i in 0..300 {
        // One in four says something else: it is a candidate (both words) without the phrase.
        if i % 4 == 3 {
            tsv.push_str(&format!("The house {i} is white.\tДом {i} белый.\n"));
        } else {
            tsv.push_str(&format!(
                "The White House said {i}.\tБелый дом заявил {i}.\n"
            ));
        }
    }
    let path = sandbox.write("units.tsv", tsv);
    sandbox.tmkit().arg("import").arg(&path).assert().success();
    let out = stdout_of(
        sandbox
            .tmkit()
            .args(["concordance", "--lang", "en", "--limit", "1"])
            .arg("White House"),
    );
    // 101 found among the first 134 candidates: 101 / 134 × 300 = 226 (225 in truth).
    assert_eq!(
        out.lines().next().unwrap_or(""),
        "101+ units contain 'White House' in en (about 226 in all, estimated from the first 134 \
         of 300 candidates); showing 1-1 (--offset 1 for the next 1, --limit N for more at once)"
    );
    let json = stdout_of(
        sandbox
            .tmkit()
            .args(["concordance", "--json", "--lang", "en", "--limit", "300"])
            .arg("White House"),
    );
    // A page of them all reads every candidate: the count is exact and no estimate is written.
    assert!(
        json.starts_with("{\"total\":225,\"truncated\":false,\"hits\":"),
        "{}",
        &json[..80.min(json.len())]
    );
    // The renderings come from the first 100 of them.
    assert!(json.ends_with(",\"learned\":100}\n"), "{json}");
}
