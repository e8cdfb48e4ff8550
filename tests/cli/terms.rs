//! `tmkit terms`: the stock phrases of the sample memory, and the term bases that translate-toolkit
//! and OmegaT read.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{aligned_samples, stdout_of};

/// The English terms of a listing, in order (the numbered lines).
fn listed_terms(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let (number, rest) = line.trim_start().split_once(". ")?;
            number.parse::<usize>().ok()?;
            Some(rest.split("  (").next()?.to_owned())
        })
        .collect()
}

const TOP5: [&str; 5] = [
    "People's Republic of China",
    "President Ilham Aliyev",
    "President of Azerbaijan",
    "head of state",
    "Ilham Aliyev",
];

#[test]
fn terms_lists_the_stock_phrases_of_the_samples_with_counts_and_translations() {
    let sandbox = aligned_samples();
    let out = stdout_of(
        sandbox
            .tmkit()
            .args(["terms", "--from", "en", "--limit", "5"]),
    );
    assert!(out.starts_with("5 terms of en from 89 units\n"), "{out}");
    assert_eq!(listed_terms(&out), TOP5);
    // Counts are distinct sentences; C-value = log2(words) · own occurrences.
    assert!(
        out.contains("\n3. President of Azerbaijan  (4 sentences, C-value 6.3)\n"),
        "{out}"
    );
    for rendering in [
        "   az-Latn  Azərbaycan Prezidenti  (4 of 4)\n",
        "   zh-Hans  阿塞拜疆总统  (4 of 4)\n",
        "   az-Latn  Prezident İlham Əliyev  (5 of 5)\n",
    ] {
        assert!(out.contains(rendering), "missing {rendering:?} in\n{out}");
    }
    // --to narrows the languages; --min-count raises the bar.
    let out = stdout_of(sandbox.tmkit().args([
        "terms",
        "--from",
        "en",
        "--to",
        "zh",
        "--min-count",
        "9",
    ]));
    assert_eq!(listed_terms(&out), ["Ilham Aliyev", "Xi Jinping"], "{out}");
    assert!(out.contains("   zh-Hans  习近平  (9 of 9)\n"), "{out}");
    assert!(!out.contains("az-Latn") && !out.contains(" ru "), "{out}");
}

#[test]
fn the_csv_has_a_header_and_one_row_per_term_as_rfc_4180_says() {
    let sandbox = aligned_samples();
    let path = sandbox.path("terms.csv");
    let assert = sandbox
        .tmkit()
        .args(["terms", "--from", "en", "--limit", "5", "-o"])
        .arg(&path)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("wrote 5 terms to"), "{stderr}");
    let csv = std::fs::read_to_string(&path).expect("CSV written");
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "en,sentences,c_value,az-Latn,az-Latn support,ru,ru support,zh-Hans,zh-Hans support"
    );
    assert_eq!(rows.len(), 6, "{csv}");
    assert!(
        rows[3].starts_with("President of Azerbaijan,4,6.34,Azərbaycan Prezidenti,4/4,"),
        "{csv}"
    );
    let terms: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r.split(',').next().unwrap_or_default())
        .collect();
    assert_eq!(terms, TOP5);
}

#[test]
fn an_omegat_glossary_holds_one_target_language_and_other_names_are_refused() {
    let sandbox = aligned_samples();
    sandbox
        .tmkit()
        .args([
            "terms", "--from", "en", "--to", "ru,az", "--format", "omegat",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "an OmegaT glossary holds one target language: give --to with one of ru, az-Latn",
        ));
    sandbox
        .tmkit()
        .args(["terms", "--from", "en", "-o", "terms.docx"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "terms.docx: give --format text, tbx, csv or omegat, or a name ending in .tbx, .csv or .txt",
        ));
    assert!(!sandbox.path("terms.docx").exists());
    sandbox
        .tmkit()
        .args(["terms", "--from", "de"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("holds no text in de (--from)"));
}

/// Runs a program, or None when it is not installed.
fn run(program: &str, args: &[&str], path: &Path) -> Option<std::process::Output> {
    Command::new(program).args(args).arg(path).output().ok()
}

/// A Python that has translate-toolkit, if any.
fn python_with_translate() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import translate.storage.tbx"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Every `<langSet>` of every entry as translate-toolkit's TBX reader sees it: `lang<TAB>term…`,
/// entries separated by `--`.
const READ_TBX: &str = r#"
import sys
from translate.storage import tbx
store = tbx.tbxfile.parsefile(sys.argv[1])
for unit in store.units:
    for node in unit.getlanguageNodes():
        lang = node.get("{http://www.w3.org/XML/1998/namespace}lang")
        print(lang + "\t" + "\t".join(t.text for t in node.iter("term")))
    print("--")
"#;

#[test]
fn a_tbx_term_base_is_well_formed_and_translate_toolkit_reads_every_term() {
    let sandbox = aligned_samples();
    let path = sandbox.path("terms.tbx");
    sandbox
        .tmkit()
        .args(["terms", "--from", "en", "--limit", "5", "-o"])
        .arg(&path)
        .assert()
        .success();
    let tbx = std::fs::read_to_string(&path).expect("TBX written");
    assert!(
        tbx.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"en\">\n"
        ),
        "{tbx}"
    );
    assert_eq!(tbx.matches("<termEntry ").count(), 5);
    let csv = stdout_of(
        sandbox
            .tmkit()
            .args(["terms", "--from", "en", "--limit", "5", "--format", "csv"]),
    );
    // The same terms and translations as the CSV, entry by entry: (lang, term) in document order.
    let mut expected = Vec::new();
    for row in csv.split_terminator("\r\n").skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        expected.push(format!("en\t{}", cells[0]));
        for (lang, k) in [("az-Latn", 3), ("ru", 5), ("zh-Hans", 7)] {
            if !cells[k].is_empty() {
                expected.push(format!("{lang}\t{}", cells[k]));
            }
        }
        expected.push("--".to_owned());
    }
    match run("xmllint", &["--noout", "--nonet"], &path) {
        Some(out) => assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        None => println!("note: xmllint is not installed: the well-formedness check is skipped"),
    }
    let Some(python) = python_with_translate() else {
        println!("note: translate-toolkit is not installed: the TBX reader check is skipped");
        return;
    };
    let out = Command::new(python)
        .args(["-c", READ_TBX])
        .arg(&path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = String::from_utf8(out.stdout).expect("UTF-8");
    // The first term of each language set is the one the CSV shows (later ones are alternatives).
    let firsts: Vec<String> = read
        .lines()
        .map(|l| l.splitn(3, '\t').take(2).collect::<Vec<_>>().join("\t"))
        .collect();
    assert_eq!(firsts, expected, "translate-toolkit read:\n{read}");
    // tbx2po, translate-toolkit's converter, makes one PO entry per term.
    let po = sandbox.path("terms.po");
    if let Ok(status) = Command::new("tbx2po")
        .arg("-i")
        .arg(&path)
        .arg("-o")
        .arg(&po)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
    {
        assert!(status.success());
        let po = std::fs::read_to_string(&po).expect("PO written");
        for term in TOP5 {
            assert!(po.contains(&format!("msgid \"{term}\"")), "{term} in\n{po}");
        }
    }
}

/// OmegaT's own reader of tab-separated glossaries (`GlossaryReaderTSV`, which OmegaT 3.6 runs on
/// every `.txt` file of a project's `glossary/` folder), run on one file: `source<TAB>target<TAB>comment`
/// per entry.
const READ_GLOSSARY: &str = r#"
import java.io.File;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class ReadGlossary {
    public static void main(String[] args) throws Exception {
        for (GlossaryEntry e : GlossaryReaderTSV.read(new File(args[0]), false)) {
            System.out.println(e.getSrcText() + "\t" + e.getLocText() + "\t" + e.getCommentText());
        }
    }
}
"#;

/// OmegaT's jar, when OmegaT is installed (Debian's `omegat` package puts it here).
fn omegat_jar() -> Option<PathBuf> {
    let jar = PathBuf::from("/usr/share/omegat/OmegaT.jar");
    jar.is_file().then_some(jar)
}

#[test]
fn omegat_reads_every_entry_of_the_glossary() {
    let sandbox = aligned_samples();
    let path = sandbox.path("project/glossary/glossary.txt");
    std::fs::create_dir_all(sandbox.path("project/glossary")).expect("folder");
    sandbox
        .tmkit()
        .args(["terms", "--from", "en", "--to", "zh", "--limit", "8", "-o"])
        .arg(&path)
        .assert()
        .success();
    let glossary = std::fs::read_to_string(&path).expect("glossary written");
    let mut lines = glossary.lines();
    assert_eq!(
        lines.next(),
        Some("# tmkit terms: en → zh-Hans from tm.db (source<TAB>target<TAB>comment, UTF-8)")
    );
    let entries: Vec<&str> = lines.collect();
    assert!(
        entries.contains(&"Xi Jinping\t习近平\ttmkit: 9 of 9 units; C-value 6.0"),
        "{glossary}"
    );
    assert!(
        entries.iter().all(|e| e.split('\t').count() == 3),
        "{glossary}"
    );
    let (Some(jar), Ok(_)) = (omegat_jar(), Command::new("java").arg("-version").output()) else {
        println!("note: OmegaT or java is not installed: the OmegaT glossary check is skipped");
        return;
    };
    let source = sandbox.write("ReadGlossary.java", READ_GLOSSARY);
    let out = Command::new("java")
        .arg("-cp")
        .arg(&jar)
        .arg(&source)
        .arg(&path)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        read.lines().collect::<Vec<_>>(),
        entries,
        "OmegaT read:\n{read}"
    );
}
