//! `tmkit pretranslate`.

use crate::common::{Sandbox, samples};
use crate::lookup::store_sample;

#[test]
fn pretranslate_writes_a_tsv_draft_with_scores_and_origin() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let draft = sandbox.path("draft.tsv");
    sandbox
        .tmkit()
        .arg("pretranslate")
        .arg(&article)
        .args(["--presegmented", "--from", "en", "--to", "az", "-o"])
        .arg(&draft)
        .assert()
        .success();
    let text = std::fs::read_to_string(&draft).expect("draft");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("en\taz-Latn\tscore\torigin\tunit\tarticle")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 6));
    assert!(rows.iter().any(|r| r[3] == "exact" && r[2] == "100"));
    assert!(rows.iter().any(|r| r[3] == "adapted" && r[1].contains('4')));
    assert!(rows.iter().any(|r| r[3] == "none" && r[1].is_empty()));
}
