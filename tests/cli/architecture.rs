//! The module map in ARCHITECTURE.md holds: every top-level module of `src/` is on a layer, and a module
//! uses (`crate::…`) only modules on lower layers, so no two top-level modules can form a cycle.
//!
//! The layers are read from the ```` ```layers ```` block of ARCHITECTURE.md, so the map and this test
//! cannot drift apart: a new module or a new arrow changes the map first.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One `crate::x` reference from a module to another that the layers forbid.
#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    from: String,
    to: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` uses `crate::{}`, which is not on a lower layer",
            self.file, self.line, self.from, self.to
        )
    }
}

/// Module → layer, from the ```` ```layers ```` block: one line per layer, `N name name …`.
fn parse_layers(markdown: &str) -> BTreeMap<String, usize> {
    let block = markdown
        .split("```layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("ARCHITECTURE.md has a ```layers block");
    let mut layers = BTreeMap::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let mut words = line.split_whitespace();
        let layer: usize = words
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("layers line {line:?} does not start with a number"));
        for module in words {
            let previous = layers.insert(module.to_string(), layer);
            assert!(previous.is_none(), "{module} is on two layers");
        }
    }
    layers
}

/// The top-level modules referred to on one line of Rust: `crate::a::…`, `crate::{a, b::c}`.
fn crate_refs(line: &str) -> Vec<String> {
    let code = match line.find("//") {
        Some(comment) => &line[..comment],
        None => line,
    };
    let mut refs = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        // `tmkit::crate::` does not exist; `$crate::` in macros is the same crate.
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if item_start && !name.is_empty() => {
                        refs.push(std::mem::take(&mut name));
                        item_start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                refs.push(name);
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                refs.push(name);
            }
        }
        rest = after;
    }
    refs
}

/// The violations in `files` (module name, path, text) against `layers`.
fn violations(
    layers: &BTreeMap<String, usize>,
    files: &[(String, String, String)],
) -> Vec<Violation> {
    let mut found = Vec::new();
    for (module, path, text) in files {
        let own = layers[module];
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for to in crate_refs(line) {
                if &to == module || to == "self" || to == "super" {
                    continue;
                }
                // Items of lib.rs itself (re-exports such as `crate::Lang`) belong to their module.
                let target = match to.as_str() {
                    "Lang" => "lang".to_string(),
                    "Location" => "location".to_string(),
                    "Error" => "error".to_string(),
                    "Memory" => "tm".to_string(),
                    _ => to.clone(),
                };
                if &target == module {
                    continue;
                }
                let allowed = layers.get(&target).is_some_and(|&layer| layer < own);
                if !allowed {
                    found.push(Violation {
                        file: path.clone(),
                        line: n + 1,
                        from: module.clone(),
                        to: target,
                    });
                }
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Every library file under `src/` with its top-level module (the binary's `main.rs` and `cmd/` excluded).
fn library_files(root: &Path) -> Vec<(String, String, String)> {
    let src = root.join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&src).expect("under src/").to_path_buf();
            let first = rel
                .components()
                .next()?
                .as_os_str()
                .to_string_lossy()
                .to_string();
            let module = first.strip_suffix(".rs").unwrap_or(&first).to_string();
            if matches!(module.as_str(), "lib" | "main" | "cmd") {
                return None;
            }
            let text = fs::read_to_string(&path).expect("readable source");
            Some((module, format!("src/{}", rel.display()), text))
        })
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_top_level_module_is_on_a_layer_of_architecture_md() {
    let layers =
        parse_layers(&fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md"));
    let lib = fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs");
    let declared: Vec<String> = lib
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))
        })
        .map(|l| l.trim_end_matches(';').to_string())
        .collect();
    for module in &declared {
        assert!(
            layers.contains_key(module),
            "src/lib.rs declares `{module}`, which ARCHITECTURE.md's layers do not list"
        );
    }
    for module in layers.keys() {
        assert!(
            declared.contains(module),
            "ARCHITECTURE.md lists `{module}`, which src/lib.rs does not declare"
        );
    }
}

#[test]
fn modules_use_only_modules_on_lower_layers() {
    let layers =
        parse_layers(&fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md"));
    let found = violations(&layers, &library_files(&root()));
    let report: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        found.is_empty(),
        "{} references go against ARCHITECTURE.md's layers:\n{}\nhelp: move the code down, or change the map first if the arrow is right",
        found.len(),
        report.join("\n")
    );
}

#[test]
fn the_checker_finds_a_cycle_between_two_modules() {
    let layers = parse_layers("```layers\n0 lang\n1 segment\n2 align\n```\n");
    let files = vec![
        (
            "segment".to_string(),
            "src/segment/mod.rs".to_string(),
            "use crate::lang::Lang;\n".to_string(),
        ),
        (
            "align".to_string(),
            "src/align/mod.rs".to_string(),
            "use crate::{lang::Lang, segment};\n// crate::nothing in a comment\n".to_string(),
        ),
        (
            "lang".to_string(),
            "src/lang.rs".to_string(),
            "fn f() { crate::align::align(); }\n".to_string(),
        ),
    ];
    assert_eq!(
        violations(&layers, &files),
        vec![Violation {
            file: "src/lang.rs".to_string(),
            line: 1,
            from: "lang".to_string(),
            to: "align".to_string(),
        }]
    );
}

#[test]
fn grouped_and_nested_crate_paths_are_read() {
    assert_eq!(
        crate_refs("use crate::{fuzzy::{self, Token}, lang::Lang};"),
        vec!["fuzzy", "lang"]
    );
    assert_eq!(
        crate_refs("let x = crate::tm::now(); // crate::align"),
        vec!["tm"]
    );
    assert_eq!(crate_refs("use crate::Lang;"), vec!["Lang"]);
}
