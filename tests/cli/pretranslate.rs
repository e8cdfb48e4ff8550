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
        Some("en\taz-Latn\tscore\torigin\tunit\tarticle\tstatus")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 7));
    assert!(rows.iter().all(|r| r[3] == "none" || r[6] == "ok"));
    assert!(rows.iter().any(|r| r[3] == "exact" && r[2] == "100"));
    assert!(rows.iter().any(|r| r[3] == "adapted" && r[1].contains('4')));
    assert!(rows.iter().any(|r| r[3] == "none" && r[1].is_empty()));
}

fn pretranslate(sandbox: &Sandbox, name: &str, format: Option<&str>) -> String {
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let draft = sandbox.path(name);
    let mut cmd = sandbox.tmkit();
    cmd.arg("pretranslate")
        .arg(&article)
        .args(["--presegmented", "--from", "en", "--to", "az"]);
    if let Some(format) = format {
        cmd.args(["--format", format]);
    }
    cmd.arg("-o").arg(&draft).assert().success();
    std::fs::read_to_string(&draft).expect("draft")
}

/// Every element's text, by element name, in document order (quick-xml pull parser; fails on
/// malformed XML).
/// An element: name, attributes, text.
type Element = (String, Vec<(String, String)>, String);

fn elements(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                out.push((name, Vec::new(), String::new()));
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            a.key.as_ref().to_string(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("attribute value")
                                .into_owned(),
                        )
                    })
                    .collect();
                out.push((name, attrs, String::new()));
                open.push(out.len() - 1);
            }
            Event::Text(t) => {
                if let Some(&i) = open.last() {
                    out[i].2.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&i) = open.last() {
                    let name = r.as_ref().to_string();
                    out[i].2.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn pretranslate_writes_an_xliff_draft_with_states_and_match_quality() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let xliff = pretranslate(&sandbox, "draft.xlf", None);
    let els = elements(&xliff);
    let (_, root, _) = &els[0];
    assert_eq!(attr(root, "version"), Some("1.2"));
    let file = els.iter().find(|e| e.0 == "file").expect("<file>");
    assert_eq!(attr(&file.1, "source-language"), Some("en"));
    assert_eq!(attr(&file.1, "target-language"), Some("az-Latn"));
    assert_eq!(attr(&file.1, "original"), Some("en.sents.txt"));
    let units = els.iter().filter(|e| e.0 == "trans-unit").count();
    assert_eq!(units, 18, "one trans-unit per sentence");
    // The sentence whose number changed: adapted target, 99% alt-trans, note.
    let adapted = els
        .iter()
        .position(|e| e.0 == "source" && e.2.contains("4 billion dollars"))
        .expect("the 4-billion sentence");
    let target = &els[adapted + 1];
    assert_eq!(target.0, "target");
    assert_eq!(attr(&target.1, "state"), Some("needs-review-translation"));
    assert!(target.2.contains("4 milyard"), "{}", target.2);
    assert_eq!(els[adapted + 2].0, "alt-trans");
    assert_eq!(attr(&els[adapted + 2].1, "match-quality"), Some("99"));
    assert!(els[adapted + 3].2.contains("3 billion dollars"));
    assert!(els[adapted + 4].2.contains("3 milyard"));
    assert!(els[adapted + 5].2.starts_with("99% adapted match, unit "));
    // An exact match is translated, and final for tools that read XLIFF as PO.
    let exact = els
        .iter()
        .position(|e| {
            e.0 == "target"
                && attr(&e.1, "state") == Some("translated")
                && attr(&e.1, "state-qualifier") == Some("exact-match")
        })
        .expect("an exact match");
    let unit = els[..exact]
        .iter()
        .rposition(|e| e.0 == "trans-unit")
        .expect("its trans-unit");
    assert_eq!(attr(&els[unit].1, "approved"), Some("yes"));
    assert_eq!(attr(&els[adapted - 1].1, "approved"), None);
    if let Ok(out) = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg(sandbox.path("draft.xlf"))
        .output()
    {
        assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn pretranslate_writes_a_tmx_draft_of_the_matched_sentences() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let tmx = pretranslate(&sandbox, "draft.out", Some("tmx"));
    crate::tmx_check::assert_valid_tmx(&sandbox.path("draft.out"));
    let els = elements(&tmx);
    let tus = els.iter().filter(|e| e.0 == "tu").count();
    let tsv = pretranslate(&sandbox, "draft.tsv", None);
    let matched = tsv
        .lines()
        .skip(1)
        .filter(|l| !l.contains("\tnone\t"))
        .count();
    assert_eq!(tus, matched);
    // The unit of the sentence whose number changed: score, kind, the matched unit's own source and
    // target (issue #11: the new sentence with the old target made CAT tools insert it as exact), the
    // new sentence and the adapted target in notes.
    let tu = els
        .iter()
        .position(|e| {
            e.0 == "note" && e.2.starts_with("matched for:") && e.2.contains("4 billion dollars")
        })
        .and_then(|note| els[..note].iter().rposition(|e| e.0 == "tu"))
        .expect("the 4-billion unit");
    let props: Vec<(&str, &str)> = els[tu..]
        .iter()
        .take_while(|e| e.0 != "tuv")
        .filter(|e| e.0 == "prop")
        .filter_map(|e| Some((attr(&e.1, "type")?, e.2.as_str())))
        .collect();
    assert_eq!(props[..2], [("x-score", "99"), ("x-match", "adapted")]);
    let segs: Vec<&str> = els[tu..]
        .iter()
        .filter(|e| e.0 == "seg")
        .take(2)
        .map(|e| e.2.as_str())
        .collect();
    assert!(segs[0].contains("3 billion dollars"), "{segs:?}");
    assert!(segs[1].contains("3 milyard dollar"), "{segs:?}");
    assert!(els[tu..].iter().any(|e| e.0 == "note"
        && e.2.starts_with("draft target with numbers/dates adapted:")
        && e.2.contains("4 milyard dollar")));
}

/// Issue #11: a pretranslated TMX imported back adds no 100% match for the new text: its units are
/// the stored pairs (en–az copies of the stored multilingual units until imports join units through
/// their source sentence, issue #11 item 2).
#[test]
fn importing_a_tmx_draft_creates_no_exact_match_for_untranslated_text() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    pretranslate(&sandbox, "draft.tmx", None);
    sandbox
        .tmkit()
        .arg("import")
        .arg(sandbox.path("draft.tmx"))
        .assert()
        .success();
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let sentence = std::fs::read_to_string(article)
        .expect("article")
        .lines()
        .find(|l| l.contains("4 billion dollars"))
        .expect("the 4-billion sentence")
        .to_string();
    let found = crate::common::stdout_of(
        sandbox
            .tmkit()
            .args(["lookup", "--from", "en", "--to", "az", "--json", &sentence]),
    );
    let found: serde_json::Value =
        serde_json::from_str(found.lines().next().expect("a line")).expect("json");
    assert_eq!(found["matches"][0]["score"], 99);
}

/// Issue #11: a unit that needs review is never a translated exact match in an XLIFF draft; an exact
/// match of an ok unit is approved="yes", which translate-toolkit reads as not fuzzy.
#[test]
fn an_xliff_draft_never_trusts_a_unit_that_needs_review() {
    let sandbox = crate::common::aligned_samples();
    let article = samples().join("2024-07-03-aliyev-xi-astana/en.txt");
    let draft = sandbox.path("draft.xlf");
    sandbox
        .tmkit()
        .arg("pretranslate")
        .arg(&article)
        .args(["--from", "en", "--to", "az", "-o"])
        .arg(&draft)
        .assert()
        .success();
    let xliff = std::fs::read_to_string(&draft).expect("draft");
    let els = elements(&xliff);
    let mut states: std::collections::BTreeMap<(String, String, bool), usize> = Default::default();
    for (i, e) in els.iter().enumerate().filter(|(_, e)| e.0 == "target") {
        let unit = els[..i]
            .iter()
            .rposition(|u| u.0 == "trans-unit")
            .expect("its trans-unit");
        let key = (
            attr(&e.1, "state").unwrap_or("").to_string(),
            attr(&e.1, "state-qualifier").unwrap_or("").to_string(),
            attr(&els[unit].1, "approved") == Some("yes"),
        );
        *states.entry(key).or_default() += 1;
    }
    let count = |state: &str, qualifier: &str, approved: bool| {
        states
            .get(&(state.to_string(), qualifier.to_string(), approved))
            .copied()
            .unwrap_or(0)
    };
    // Units 10 and 33 need review (pivot disagreement) and match their own sentences exactly.
    assert_eq!(
        count("needs-review-translation", "tm-suggestion", false),
        2,
        "{states:?}"
    );
    assert_eq!(count("translated", "exact-match", true), 57, "{states:?}");
    assert_eq!(count("translated", "exact-match", false), 0, "{states:?}");
    let fuzzy = count("needs-review-translation", "fuzzy-match", false);
    let Ok(out) = std::process::Command::new("xliff2po")
        .arg(&draft)
        .arg(sandbox.path("draft.po"))
        .output()
    else {
        println!("note: xliff2po (translate-toolkit) is not installed: the PO check is skipped");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let po = std::fs::read_to_string(sandbox.path("draft.po")).expect("po");
    // Entries with a translation, and how many of them xliff2po marked fuzzy.
    let (mut translated, mut fuzzy_entries) = (0, 0);
    for entry in po
        .split("\n\n")
        .filter(|e| !e.contains("msgid \"\"\nmsgstr \"\"\n\""))
    {
        let msgstr = entry.split("msgstr ").nth(1).unwrap_or("");
        if msgstr.trim().trim_matches('"').is_empty() && !msgstr.contains("\n\"") {
            continue;
        }
        translated += 1;
        if entry
            .lines()
            .any(|l| l.starts_with("#,") && l.contains("fuzzy"))
        {
            fuzzy_entries += 1;
        }
    }
    assert_eq!(translated, 57 + 2 + fuzzy, "{po}");
    assert_eq!(fuzzy_entries, 2 + fuzzy, "{po}");
}

/// Issue #16, item 8: `pretranslate self.txt -o self.txt` overwrote its own input.
/// Issue #11: a TMX draft leaves out the matches of units that need review, which OmegaT's tm/auto/
/// would insert as trusted exact matches (it reads no review prop), and says so; --with-needs-review
/// keeps them, marked by their x-review prop.
#[test]
fn a_tmx_draft_leaves_out_units_that_need_review_unless_asked() {
    let sandbox = crate::common::aligned_samples();
    let article = samples().join("2024-07-03-aliyev-xi-astana/en.txt");
    let draft = |name: &str, keep: bool| {
        let mut cmd = sandbox.tmkit();
        cmd.arg("pretranslate")
            .arg(&article)
            .args(["--from", "en", "--to", "az", "-o"])
            .arg(sandbox.path(name));
        if keep {
            cmd.arg("--with-needs-review");
        }
        let out = cmd.output().expect("tmkit");
        assert!(out.status.success(), "{out:?}");
        let tmx = std::fs::read_to_string(sandbox.path(name)).expect("draft");
        let reviews: Vec<String> = elements(&tmx)
            .into_iter()
            .filter(|e| e.0 == "prop" && attr(&e.1, "type") == Some("x-review"))
            .map(|e| e.2)
            .collect();
        (String::from_utf8_lossy(&out.stderr).into_owned(), reviews)
    };
    // Units 10 and 33 need review (pivot disagreement) and match their own sentences exactly.
    let (said, reviews) = draft("trusted.tmx", false);
    assert_eq!(
        said,
        "left out 2 matches of units that need review (a CAT tool would insert them as trusted); \
         --with-needs-review keeps them\n"
    );
    assert!(!reviews.is_empty());
    assert!(reviews.iter().all(|r| r != "needs-review"), "{reviews:?}");
    let (said, with) = draft("all.tmx", true);
    assert_eq!(said, "");
    assert_eq!(with.len(), reviews.len() + 2);
    assert_eq!(with.iter().filter(|r| *r == "needs-review").count(), 2);
}

#[test]
fn a_draft_onto_its_own_article_is_refused() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let text = "Baku hosted the forum.\n";
    let article = sandbox.write("self.txt", text);
    sandbox
        .tmkit()
        .arg("pretranslate")
        .arg(&article)
        .args(["--from", "en", "--to", "az", "-o", "./self.txt"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: the output ./self.txt is the input {}: tmkit will not overwrite its input\n",
            article.display()
        ));
    assert_eq!(std::fs::read_to_string(&article).expect("article"), text);
}

/// Issue #16, item 8: `-o out.docx` wrote TSV.
#[test]
fn a_draft_whose_extension_is_no_known_format_is_refused() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let article = sandbox.write("a.txt", "Baku hosted the forum.\n");
    sandbox
        .tmkit()
        .arg("pretranslate")
        .arg(&article)
        .args(["--from", "en", "--to", "az", "-o", "out.docx"])
        .assert()
        .code(1)
        .stderr(
            "error: out.docx: tmkit writes no .docx file: give --format tsv, tmx or xliff, or a name ending in .tsv, .tmx or .xlf\n",
        );
    assert!(!sandbox.path("out.docx").exists());
}

/// The partial files of `name` in the sandbox.
fn partials(sandbox: &Sandbox, name: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(sandbox.dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&format!(".tmkit-{name}-")) && n.ends_with(".part")
        })
        .map(|e| e.path())
        .collect()
}

/// Issue #16, item 8: a killed run left its `.part` file; SIGTERM now removes it, and a run that is
/// still writing keeps its file while another run cleans stale ones.
#[cfg(unix)]
#[test]
fn sigterm_removes_the_partial_draft_and_a_running_draft_is_not_taken_for_stale() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    // The draft's file is created first, then the article is read from standard input, which this
    // test keeps open: the run waits with its partial file in place.
    let waiting = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tmkit"))
        .current_dir(sandbox.dir.path())
        .arg("--tm")
        .arg(sandbox.tm())
        .args([
            "pretranslate",
            "-",
            "--from",
            "en",
            "--to",
            "az",
            "-o",
            "draft.tsv",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut found = Vec::new();
    for _ in 0..2000 {
        found = partials(&sandbox, "draft.tsv");
        if !found.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(found.len(), 1, "the waiting run has its partial file");
    // Another run for the same target, started later: the waiting run's file is in use, not stale.
    let article = sandbox.write("a.txt", "Baku hosted the forum.\n");
    sandbox
        .tmkit()
        .arg("pretranslate")
        .arg(&article)
        .args(["--from", "en", "--to", "az", "-o", "draft.tsv"])
        .assert()
        .success()
        .stderr("");
    assert!(found[0].exists(), "a running draft's file is left alone");
    let status = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(waiting.id().to_string())
        .status()
        .expect("kill");
    assert!(status.success());
    let out = waiting.wait_with_output().expect("exit");
    assert_eq!(out.status.code(), Some(130));
    assert!(
        partials(&sandbox, "draft.tsv").is_empty(),
        "SIGTERM removed it"
    );
    assert!(
        std::fs::read_to_string(sandbox.path("draft.tsv"))
            .expect("the finished draft")
            .starts_with("en\taz-Latn\tscore")
    );
}

#[test]
fn a_draft_is_the_same_on_one_thread_or_two() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    let article = samples().join("2024-07-10-aliyev-chinese-delegation/en.sents.txt");
    let run = |threads: &str| {
        let draft = sandbox.path(&format!("draft-{threads}.tsv"));
        sandbox
            .tmkit()
            .arg("pretranslate")
            .arg(&article)
            .args([
                "--presegmented",
                "--from",
                "en",
                "--to",
                "az",
                "--threads",
                threads,
                "-o",
            ])
            .arg(&draft)
            .assert()
            .success();
        std::fs::read_to_string(&draft).expect("draft")
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    let sentences = std::fs::read_to_string(&article).expect("article");
    let sources: Vec<&str> = one
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    let expected: Vec<&str> = sentences.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(sources, expected);
}

/// One `<trans-unit>` of an XLIFF file: its source, its own target (not the alt-trans one) and that
/// target's state-qualifier.
#[derive(Debug, PartialEq)]
struct TransUnit {
    source: String,
    target: Option<String>,
    qualifier: Option<String>,
}

fn trans_units(xliff: &str) -> Vec<TransUnit> {
    let mut units: Vec<TransUnit> = Vec::new();
    let mut in_alt = false;
    for (name, attrs, text) in elements(xliff) {
        match name.as_str() {
            "trans-unit" => {
                in_alt = false;
                units.push(TransUnit {
                    source: String::new(),
                    target: None,
                    qualifier: None,
                });
            }
            "alt-trans" => in_alt = true,
            "source" if !in_alt => units.last_mut().expect("a unit").source = text,
            "target" if !in_alt => {
                let unit = units.last_mut().expect("a unit");
                unit.target = Some(text);
                unit.qualifier = attrs
                    .iter()
                    .find(|(k, _)| k == "state-qualifier")
                    .map(|(_, v)| v.clone());
            }
            _ => {}
        }
    }
    units
}

/// Issue #11, item 6: an XLIFF draft tried in OmegaT 3.6 and translate-toolkit as a user would. The
/// standard draft is read as a draft by translate-toolkit (exact matches translated, the others fuzzy)
/// but not by OmegaT's own XLIFF filter, which translates the text of each <target> and skips units
/// without one; `--format xliff-omegat` with the TMX draft in tm/auto/ gives OmegaT every sentence as
/// a segment and inserts the exact matches.
#[test]
fn xliff_drafts_open_in_omegat_and_translate_toolkit_as_drafts() {
    let sandbox = Sandbox::new();
    store_sample(&sandbox);
    // The stored article with two sentences changed: two fuzzy matches among the exact ones.
    let text = std::fs::read_to_string(samples().join("2024-07-03-aliyev-xi-astana/en.txt"))
        .expect("article")
        .replace("Astana, July 3, AZERTAC", "Astana, July 10, AZERTAC")
        .replace(
            "based on sincerity and mutual trust",
            "based on sincerity and trust",
        );
    let article = sandbox.write("article.txt", &text);
    let draft = |name: &str, format: &str| {
        let path = sandbox.path(name);
        sandbox
            .tmkit()
            .arg("pretranslate")
            .arg(&article)
            .args(["--from", "en", "--to", "az", "--format", format, "-o"])
            .arg(&path)
            .assert()
            .success();
        path
    };
    let (xlf, for_omegat, tmx) = (
        draft("draft.xlf", "xliff"),
        draft("omegat.xlf", "xliff-omegat"),
        draft("draft.tmx", "tmx"),
    );
    let units = trans_units(&std::fs::read_to_string(&xlf).expect("draft"));
    let count = |q: Option<&str>| units.iter().filter(|u| u.qualifier.as_deref() == q).count();
    let (exact, fuzzy, suggestions, none) = (
        count(Some("exact-match")),
        count(Some("fuzzy-match")),
        count(Some("tm-suggestion")),
        count(None),
    );
    assert_eq!(
        (units.len(), exact, fuzzy, suggestions, none),
        (68, 57, 2, 0, 9)
    );
    let copies = trans_units(&std::fs::read_to_string(&for_omegat).expect("draft"));
    assert_eq!(copies.len(), units.len());
    assert!(
        copies
            .iter()
            .zip(&units)
            .all(|(c, u)| c.source == u.source && c.target.as_deref() == Some(&u.source[..])),
        "every target a copy of its source"
    );

    // translate-toolkit's own XLIFF reader, with the Python that runs its xliff2po.
    let python = which("xliff2po")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|s| {
            s.lines()
                .next()
                .and_then(|l| l.strip_prefix("#!"))
                .map(str::to_string)
        });
    match python {
        None => println!("note: translate-toolkit is not installed: its XLIFF reader is not tried"),
        Some(python) => {
            let script = "import sys\nfrom translate.storage import xliff\n\
                 for u in xliff.xlifffile.parsefile(sys.argv[1]).unit_iter():\n\
                 \x20   print('translated' if u.istranslated() else 'fuzzy' if u.isfuzzy() else 'untranslated')\n";
            let out = std::process::Command::new(python.trim())
                .args(["-c", script])
                .arg(&xlf)
                .output()
                .expect("python runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let read: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_string)
                .collect();
            let expected: Vec<&str> = units
                .iter()
                .map(|u| match u.qualifier.as_deref() {
                    Some("exact-match") => "translated",
                    Some(_) => "fuzzy",
                    None => "untranslated",
                })
                .collect();
            assert_eq!(read, expected);
        }
    }

    if crate::export::omegat().is_none() {
        println!("note: omegat is not installed: the OmegaT projects are skipped");
        return;
    }
    let (standard, kit) = std::thread::scope(|scope| {
        let runs = [("omegat-draft", &xlf), ("omegat-kit", &for_omegat)].map(|(dir, file)| {
            let dir = sandbox.path(dir);
            let name = file.file_name().and_then(|n| n.to_str()).expect("name");
            let contents = std::fs::read_to_string(file).expect("draft");
            let tmx = &tmx;
            scope.spawn(move || crate::export::omegat_run(&dir, "AZ", tmx, (name, &contents)))
        });
        let [a, b] = runs.map(|r| r.join().expect("thread"));
        (a, b)
    });
    // The standard draft: OmegaT counts only the units with a target, takes their Azerbaijani text
    // for the text to translate, and inserts nothing.
    assert_eq!(standard.segments, units.len() - none);
    assert_eq!(trans_units(&standard.target), units);
    // The OmegaT kit: every sentence a segment; OmegaT inserts the exact matches from the TMX draft
    // and leaves the fuzzy ones (offered as matches) and the unmatched sentences as they were.
    assert_eq!(kit.segments, units.len());
    let translated = trans_units(&kit.target);
    for (got, draft) in translated.iter().zip(&units) {
        let expected = match draft.qualifier.as_deref() {
            Some("exact-match") => draft.target.clone(),
            _ => Some(draft.source.clone()),
        };
        assert_eq!(got.target, expected, "{}", draft.source);
    }
}

/// The path of `program` on PATH, when it is installed.
fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}
