//! `tmkit serve` in a real browser (issue #14): headless Chromium driven through chromedriver's W3C
//! WebDriver protocol (plain JSON over HTTP, spoken here with `ureq`), through search, lookup, a review
//! edit and the article view, asserting what a person sees.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without `chromedriver`
//! on the PATH the test prints a note and passes. With `TMKIT_SCREENSHOTS=DIR` it saves a PNG of each
//! page there (the README's images come from such a run).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::aligned_samples;
use crate::serve::{Server, get_json};

/// The W3C name of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The Enter key in WebDriver's key codes.
const ENTER: &str = "\u{E007}";

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// A chromedriver process and one browser session.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(chromedriver: &PathBuf) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        // chromedriver answers /status once it listens; the loop waits for the process, not a clock.
        let ready = (0..200).any(|_| {
            let up = agent()
                .get(format!("{base}/status"))
                .call()
                .is_ok_and(|r| r.status().as_u16() == 200);
            if !up {
                std::thread::sleep(Duration::from_millis(50));
            }
            up
        });
        assert!(ready, "chromedriver did not start");
        let profile = tempfile::tempdir().expect("a profile folder");
        let binary = find_on_path("chromium").map(|p| p.display().to_string());
        let mut options = json!({
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        });
        if let Some(binary) = binary {
            options["binary"] = json!(binary);
        }
        let answer = call(
            "POST",
            &format!("{base}/session"),
            // An element looked for right after a click or Enter may belong to the page still
            // loading: the driver waits for it to appear (bounded) instead of answering "no such
            // element" at once, which made the test fail on a loaded machine.
            Some(json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome", "goog:chromeOptions": options,
                "timeouts": {"implicit": 10000}
            }}})),
        );
        let session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        Browser {
            driver,
            base,
            session,
            _profile: profile,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session)
    }

    fn resize(&self, width: u32, height: u32) {
        call(
            "POST",
            &self.url("/window/rect"),
            Some(json!({"width": width, "height": height})),
        );
    }

    fn go(&self, url: &str) {
        call("POST", &self.url("/url"), Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let answer = call(
            "POST",
            &self.url("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        answer[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {answer}"))
            .to_string()
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        call("GET", &self.url(&format!("/element/{id}/text")), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn texts(&self, css: &str) -> Vec<String> {
        let answer = call(
            "POST",
            &self.url("/elements"),
            Some(json!({"using": "css selector", "value": css})),
        );
        answer
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|e| e[ELEMENT].as_str())
                    .map(|id| {
                        call("GET", &self.url(&format!("/element/{id}/text")), None)
                            .as_str()
                            .unwrap_or_default()
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        call(
            "POST",
            &self.url(&format!("/element/{id}/clear")),
            Some(json!({})),
        );
        call(
            "POST",
            &self.url(&format!("/element/{id}/value")),
            Some(json!({ "text": text })),
        );
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        call(
            "POST",
            &self.url(&format!("/element/{id}/click")),
            Some(json!({})),
        );
    }

    fn script(&self, script: &str) -> Value {
        call(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Saves a PNG of the page as `name` in `TMKIT_SCREENSHOTS`, when set.
    fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("TMKIT_SCREENSHOTS") else {
            return;
        };
        let png = call("GET", &self.url("/screenshot"), None);
        let bytes = base64_decode(png.as_str().unwrap_or_default());
        std::fs::create_dir_all(&dir).expect("the screenshot folder");
        std::fs::write(PathBuf::from(dir).join(name), bytes).expect("a screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = agent()
            .delete(format!("{}/session/{}", self.base, self.session))
            .call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// One WebDriver command: its `value`, or a panic with the driver's error.
fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let agent = agent();
    let mut response = match (method, body) {
        ("POST", Some(body)) => agent
            .post(url)
            .content_type("application/json")
            .send(body.to_string()),
        ("DELETE", _) => agent.delete(url).call(),
        _ => agent.get(url).call(),
    }
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    assert_eq!(status, 200, "{method} {url}: {text}");
    answer["value"].clone()
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn a_person_searches_looks_up_edits_and_reads_an_article_in_chromium() {
    let Some(chromedriver) = find_on_path("chromedriver") else {
        eprintln!(
            "note: chromedriver is not installed (apt-get install chromium chromium-driver): browser test skipped"
        );
        return;
    };
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let browser = Browser::start(&chromedriver);
    browser.resize(1280, 900);

    // Search: the box has the focus on load; typing and Enter searches.
    browser.go(&server.url("/search"));
    let active = call("GET", &browser.url("/element/active"), None);
    assert_eq!(
        active[ELEMENT].as_str(),
        Some(browser.find("#q").as_str()),
        "the search box has the focus"
    );
    let start = Instant::now();
    browser.type_into("#q", &format!("strategic partnership{ENTER}"));
    assert_eq!(
        browser.text("#summary"),
        "4 units contain “strategic partnership” in en"
    );
    let first_render = browser.script(
        "const n = performance.getEntriesByType('navigation')[0]; return n.responseEnd - n.startTime;",
    );
    eprintln!(
        "search: first render of a result {:.1} ms in the browser ({} ms by the test's clock)",
        first_render.as_f64().unwrap_or(-1.0),
        start.elapsed().as_millis()
    );
    // The phrase is marked in the searched language, its rendering in the others (#12).
    let marks = browser.texts("li.unit p:first-of-type mark");
    assert_eq!(marks.len(), 4);
    let rendered = browser.texts("li.unit p:not(:first-of-type) mark");
    assert!(
        !rendered.is_empty() && rendered.iter().all(|m| !m.trim().is_empty()),
        "{rendered:?}"
    );
    assert!(
        marks.iter().all(|m| m == "strategic partnership"),
        "{marks:?}"
    );
    let renderings = browser.texts(".renderings li .text");
    assert!(
        renderings.contains(&"стратегического партнерства".to_string()),
        "{renderings:?}"
    );
    browser.screenshot("serve-search.png");

    // Lookup: a pasted text, a 99% match adapted to the new date.
    browser.go(&server.url("/lookup"));
    browser.type_into("#text", "Astana, July 10, AZERTAC");
    browser.script("document.querySelector('select[name=to]').value = 'ru';");
    browser.click("form.stack button");
    assert_eq!(browser.text(".match .score"), "99%");
    assert_eq!(
        browser.text(".match .target .text"),
        "Астана, 10 июля, АЗЕРТАДЖ"
    );
    browser.screenshot("serve-lookup.png");

    // Review: edit the first unit of the queue in the page.
    let id = get_json(&server.url("/api/review"))[0]["id"]
        .as_i64()
        .expect("an id");
    browser.go(&server.url("/review"));
    assert_eq!(browser.text("#summary"), "10 units need review");
    browser.screenshot("serve-review.png");
    browser.go(&server.url(&format!("/review?unit={id}")));
    browser.type_into(
        &format!("#unit-{id} form.edit textarea"),
        "Bu gün Birgə Bəyannamə qəbul edəcəyik.",
    );
    browser.click(&format!("#unit-{id} form.edit button"));
    assert_eq!(browser.text("#done"), format!("unit {id}: az-Latn saved"));
    let unit = get_json(&server.url(&format!("/api/units/{id}")));
    assert_eq!(
        unit["unit"]["variants"][0]["text"],
        "Bu gün Birgə Bəyannamə qəbul edəcəyik."
    );

    // Article: the versions side by side, the edit among them.
    browser.go(&server.url("/article/2024-07-03-aliyev-xi-astana"));
    assert_eq!(browser.text("#title"), "2024-07-03-aliyev-xi-astana");
    let headers = browser.texts("table.article th");
    assert_eq!(headers, ["unit", "en", "az-Latn", "ru", "zh-Hans"]);
    assert_eq!(
        browser.text(&format!("#unit-{id} td[lang=az-Latn]")),
        "Bu gün Birgə Bəyannamə qəbul edəcəyik."
    );
    browser.screenshot("serve-article.png");

    browser.go(&server.url("/memory"));
    assert!(browser.text("#stats").contains("units 89"));
    browser.screenshot("serve-memory.png");

    // Phone width: the search page still shows its results.
    browser.resize(390, 844);
    browser.go(&server.url("/search?q=Astana&lang=en&to=zh"));
    assert!(browser.text("#summary").ends_with("contain “Astana” in en"));
    let to = browser.script("return document.querySelector('select[name=to]').value;");
    assert_eq!(to, "zh-Hans", "zh is shown as the memory's tag");
    browser.screenshot("serve-search-phone.png");
}

/// Phrases searched on a big memory: stock phrases of news, common and rarer.
const BIG_MEMORY_PHRASES: &[&str] = &[
    "the United States",
    "President",
    "last year",
    "according to",
    "the government",
    "prime minister",
    "police said",
    "in a statement",
];

/// The first render of a search result on a big memory (issue #14's target: at most 200 ms on a
/// 1M-unit memory), measured in the browser and reported, not asserted, as the machine's load decides
/// it. Runs only when `TMKIT_BROWSER_TM` names a memory (e.g. the one `benches/serve_load.rs` builds):
/// `TMKIT_BROWSER_TM=target/serve-load.db cargo test --release --test cli big_memory -- --nocapture`.
/// The memory is served read-only.
#[test]
fn search_shows_a_result_on_the_big_memory_of_tmkit_browser_tm() {
    let Some(tm) = std::env::var_os("TMKIT_BROWSER_TM").map(PathBuf::from) else {
        return;
    };
    let Some(chromedriver) = find_on_path("chromedriver") else {
        eprintln!("note: chromedriver is not installed: the big-memory browser timing is skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("a temp dir");
    let server = Server::start_on(dir.path(), &tm, &["--read-only"]);
    let browser = Browser::start(&chromedriver);
    browser.resize(1280, 900);
    let mut rendered = Vec::new();
    for phrase in BIG_MEMORY_PHRASES {
        browser.go(&server.url("/search"));
        let start = Instant::now();
        browser.type_into("#q", &format!("{phrase}{ENTER}"));
        let summary = browser.text("#summary");
        let clock = start.elapsed().as_millis();
        assert!(
            summary.ends_with(&format!("contain “{phrase}” in en")),
            "{summary}"
        );
        let count: u64 = summary
            .split([' ', '+'])
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(count > 0, "{phrase}: {summary}");
        // From the Enter that submitted the form: the answer received, the page parsed, the first
        // text painted.
        let times = browser.script(
            "const n = performance.getEntriesByType('navigation')[0]; \
             const p = performance.getEntriesByName('first-contentful-paint')[0]; \
             return [n.responseEnd - n.startTime, n.domContentLoadedEventEnd - n.startTime, \
                     p ? p.startTime : -1];",
        );
        let ms = |i: usize| times[i].as_f64().unwrap_or(-1.0);
        eprintln!(
            "big memory: {phrase:?} {summary:?}: response {:.0} ms, DOM ready {:.0} ms, first paint {:.0} ms ({clock} ms by the test's clock)",
            ms(0),
            ms(1),
            ms(2)
        );
        rendered.push(ms(2).max(ms(1)));
    }
    rendered.sort_by(f64::total_cmp);
    eprintln!(
        "big memory: first render of a search result: median {:.0} ms, largest {:.0} ms over {} phrases",
        rendered[rendered.len() / 2],
        rendered[rendered.len() - 1],
        rendered.len()
    );
}
