//! `tmkit eval fuzzy`: a small near-duplicate memory built once, then reused by a second run with
//! the same parameters and rebuilt by a run with other ones.

use crate::common::{Sandbox, stdout_of};

const EN: &str = "Trade rose 3 percent in Baku, officials said on Monday.\n\
                  The talks ended, and the delegations left for Ankara.\n\
                  President Ilham Aliyev received the delegation of 12 members.\n";
const AZ: &str = "Ticarət 3 faiz artıb, rəsmilər bazar ertəsi bildirib.\n\
                  Danışıqlar başa çatıb, nümayəndə heyətləri Ankaraya yola düşüb.\n\
                  Prezident İlham Əliyev 12 nəfərlik nümayəndə heyətini qəbul edib.\n";

/// `tmkit eval fuzzy` of `units` near-duplicate units into the sandbox's `bench.db`: 10 edited
/// queries, 2 unmatched, 4 scanned, no concordance.
fn eval(sandbox: &Sandbox, units: &str, extra: &[&str]) -> String {
    let queries = [
        "--edited",
        "10",
        "--unmatched",
        "2",
        "--scanned",
        "4",
        "--phrases",
        "0",
    ];
    eval_queries(sandbox, units, &queries, extra)
}

/// [`eval`] with the queries' counts given.
fn eval_queries(sandbox: &Sandbox, units: &str, queries: &[&str], extra: &[&str]) -> String {
    stdout_of(
        sandbox
            .tmkit_without_tm()
            .args([
                "eval",
                "fuzzy",
                "--shape",
                "near-duplicate",
                "--units",
                units,
            ])
            .args(queries)
            .args(["--samples", "none"])
            .arg("--data")
            .arg(sandbox.path("data"))
            .arg("--db")
            .arg(sandbox.path("bench.db"))
            .args(extra),
    )
}

fn line<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line {start:?} in:\n{out}"))
}

#[test]
fn eval_fuzzy_reuse_measures_a_memory_built_with_the_same_parameters_without_rebuilding_it() {
    let sandbox = Sandbox::new();
    sandbox.write("data/en-az/all.en", EN);
    sandbox.write("data/en-az/all.az", AZ);
    let first = eval(&sandbox, "300", &["--reuse"]);
    // Nothing to reuse yet: built, and its parameters written beside it.
    assert!(line(&first, "import ").contains("units/s"), "{first}");
    let params = std::fs::read_to_string(sandbox.path("bench.db.build.json")).expect("params");
    assert!(params.contains("\"units\": 300"), "{params}");
    assert!(params.contains("\"shape\": \"near-duplicate\""), "{params}");
    // Identical generated units merge: a few of the 300 fewer stored.
    let stored = |out: &str| -> usize {
        let l = line(out, "units ");
        let n = l
            .strip_prefix("units              300 generated, ")
            .and_then(|rest| rest.strip_suffix(" stored"))
            .unwrap_or_else(|| panic!("{l}"));
        n.parse().expect("a count")
    };
    let built = stored(&first);
    assert!((250..=300).contains(&built), "{first}");
    // A unit added after the build: a reused memory still holds it, a rebuilt one would not.
    let marker = sandbox.write(
        "marker.tsv",
        "en\taz\nA sentence no generator writes.\tHeç bir generatorun yazmadığı cümlə.\n",
    );
    sandbox
        .tmkit_without_tm()
        .arg("--tm")
        .arg(sandbox.path("bench.db"))
        .arg("import")
        .arg(&marker)
        .assert()
        .success();

    let second = eval(&sandbox, "300", &["--reuse"]);
    assert_eq!(
        line(&second, "memory "),
        format!(
            "memory             reused {} (built with the same parameters; import not measured)",
            sandbox.path("bench.db").display()
        )
    );
    assert!(
        !second.lines().any(|l| l.starts_with("import ")),
        "{second}"
    );
    assert_eq!(stored(&second), built + 1, "{second}");
    assert_eq!(line(&second, "recall "), line(&first, "recall "));
    // `--phrases 0`: no concordance line of zeros that would read as a measurement.
    assert!(
        !first.lines().any(|l| l.starts_with("concordance")),
        "{first}"
    );

    // Only the concordance asked for: no lookup, scan or recall lines either.
    let only_phrases = [
        "--edited",
        "0",
        "--unmatched",
        "0",
        "--scanned",
        "0",
        "--phrases",
        "3",
    ];
    let phrases_only = eval_queries(&sandbox, "300", &only_phrases, &["--reuse"]);
    for absent in ["lookup", "exhaustive", "speed-up", "recall"] {
        assert!(
            !phrases_only.lines().any(|l| l.starts_with(absent)),
            "{absent}: {phrases_only}"
        );
    }
    assert!(
        line(&phrases_only, "concordance ").contains("median"),
        "{phrases_only}"
    );

    // Other parameters: rebuilt, whatever --reuse says.
    let other = eval(&sandbox, "200", &["--reuse"]);
    assert!(line(&other, "import ").contains("units/s"), "{other}");
    assert!(
        line(&other, "units ").starts_with("units              200 generated"),
        "{other}"
    );
    // Without --reuse, always rebuilt.
    let again = eval(&sandbox, "200", &[]);
    assert!(line(&again, "import ").contains("units/s"), "{again}");
    assert_eq!(line(&again, "units "), line(&other, "units "));
}
