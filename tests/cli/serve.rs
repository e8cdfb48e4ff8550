//! `tmkit serve` (issue #14): the JSON API, the tmserver protocol, the page and its safety checks,
//! over HTTP against the real binary on a free loopback port, with a memory aligned from samples/.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::common::{Sandbox, aligned_samples, stdout_of};

/// A running `tmkit serve`, stopped with SIGTERM when dropped.
pub(crate) struct Server {
    child: Child,
    base: String,
    stderr: BufReader<std::process::ChildStderr>,
}

impl Server {
    pub(crate) fn start(sandbox: &Sandbox, extra: &[&str]) -> Server {
        Server::start_on(sandbox.dir.path(), &sandbox.tm(), extra)
    }

    /// A server of the memory `tm`, run in the folder `dir`.
    pub(crate) fn start_on(dir: &Path, tm: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("tmkit"))
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1720000000")
            .env("USER", "tester")
            .arg("--tm")
            .arg(tm)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("tmkit serve starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr piped"));
        let mut first = String::new();
        stderr.read_line(&mut first).expect("the first line");
        let addr = first
            .split("http://")
            .nth(1)
            .map(|a| a.split_whitespace().next().unwrap_or("").to_string())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Server {
            child,
            base: format!("http://{addr}"),
            stderr,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends SIGTERM and returns whether it exited with success, and the rest of its stderr.
    fn stop(mut self) -> (bool, String) {
        let status = terminate(&mut self.child);
        let mut rest = String::new();
        self.stderr.read_to_string(&mut rest).expect("stderr");
        (status, rest)
    }
}

fn terminate(child: &mut Child) -> bool {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    child.wait().expect("the server exits").success()
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            terminate(&mut self.child);
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET: status and body.
fn get(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().expect("a response");
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().expect("a body");
    (status, body)
}

pub(crate) fn get_json(url: &str) -> Value {
    let (status, body) = get(url);
    assert_eq!(status, 200, "{url}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

/// POST with a JSON body and headers: status and body.
fn post_json(url: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let mut request = agent().post(url).content_type("application/json");
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let mut response = request.send(body).expect("a response");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().expect("a body"),
    )
}

/// POST of a page form with headers: status and body (after the redirect).
fn post_form(url: &str, headers: &[(&str, &str)], form: &[(&str, &str)]) -> (u16, String) {
    let mut request = agent().post(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let mut response = request.send_form(form.iter().copied()).expect("a response");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().expect("a body"),
    )
}

fn without_ms(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("ms");
    }
    v
}

#[test]
fn the_api_answers_with_the_objects_of_the_cli_json_output() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let health = get_json(&server.url("/health"));
    assert_eq!(
        health,
        serde_json::json!({"status": "ok", "read_only": false})
    );

    let query = "Astana, July 10, AZERTAC";
    let api = get_json(&server.url("/api/lookup?from=en&to=ru&q=Astana%2C+July+10%2C+AZERTAC"));
    let cli: Value = serde_json::from_str(&stdout_of(
        sandbox
            .tmkit()
            .args(["lookup", "--from", "en", "--to", "ru", "--json", query]),
    ))
    .expect("JSON");
    assert_eq!(without_ms(api.clone()), without_ms(cli));
    assert_eq!(api["matches"][0]["target"], "Астана, 10 июля, АЗЕРТАДЖ");
    assert_eq!(api["matches"][0]["adapted"], true);

    let api = get_json(
        &server.url("/api/concordance?q=strategic+partnership&lang=en&to=ru&limit=2&offset=1"),
    );
    let cli: Value = serde_json::from_str(&stdout_of(sandbox.tmkit().args([
        "concordance",
        "--lang",
        "en",
        "--to",
        "ru",
        "--limit",
        "2",
        "--offset",
        "1",
        "--json",
        "strategic partnership",
    ])))
    .expect("JSON");
    assert_eq!(api, cli);

    let api = get_json(&server.url("/api/stats"));
    let cli: Value =
        serde_json::from_str(&stdout_of(sandbox.tmkit().args(["stats", "--json"]))).expect("JSON");
    assert_eq!(api, cli);
    assert_eq!(api["units"], 89);

    let queue = get_json(&server.url("/api/review"));
    assert_eq!(queue.as_array().map(Vec::len), Some(10));
    let id = queue[0]["id"].as_i64().expect("an id");
    let api = get_json(&server.url(&format!("/api/units/{id}")));
    let cli: Value = serde_json::from_str(&stdout_of(sandbox.tmkit().args([
        "review",
        "show",
        "--json",
        &id.to_string(),
    ])))
    .expect("JSON");
    assert_eq!(api, cli);

    let (status, body) = get(&server.url("/api/units/999999"));
    assert_eq!(
        (status, body.as_str()),
        (404, r#"{"error":"there is no unit 999999"}"#)
    );
}

#[test]
fn tmserver_answers_what_tmclient_sends() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    // translate-toolkit's tmclient: base_url + "/unit/" + urllib.quote_plus(source).
    let list = get_json(&server.url("/tmserver/en/ru/unit/Astana%2C+July+3%2C+AZERTAC"));
    assert_eq!(
        list,
        serde_json::json!([{
            "source": "Astana, July 3, AZERTAC",
            "target": "Астана, 3 июля, АЗЕРТАДЖ",
            "quality": 100,
            "rank": 100.0
        }])
    );
    // A gettext locale and %20 (amaGama clients quote spaces): below 75% nothing comes back.
    let list = get_json(&server.url("/tmserver/en_US/zh_CN/unit/nothing%20like%20it"));
    assert_eq!(list, serde_json::json!([]));
    // Weblate quotes '/' too: the text may hold %2F ("3/4" scores 72%, below tmserver's 75%).
    let list = get_json(&server.url("/tmserver/en/ru/unit/Astana%2C+July+3%2F4%2C+AZERTAC"));
    assert_eq!(list, serde_json::json!([]));
    let (status, body) = get(&server.url("/tmserver/en/ru/unit/bad%zz"));
    assert_eq!(status, 400, "{body}");
}

#[test]
fn a_network_address_without_a_token_or_read_only_is_refused() {
    let sandbox = aligned_samples();
    sandbox
        .tmkit()
        .args(["serve", "--addr", "0.0.0.0:0"])
        .assert()
        .code(1)
        .stderr(
            "error: 0.0.0.0:0 is not a loopback address: anyone on the network could change the \
             memory; give --token-file FILE (writes then need its token) or --read-only, or bind \
             127.0.0.1\n",
        );
}

#[test]
fn api_writes_need_the_token_and_post() {
    let sandbox = aligned_samples();
    // Without a token file the API refuses writes.
    let server = Server::start(&sandbox, &[]);
    let queue = get_json(&server.url("/api/review"));
    let id = queue[0]["id"].as_i64().expect("an id");
    let approve = server.url(&format!("/api/units/{id}/approve"));
    let (status, _) = post_json(&approve, &[], "");
    assert_eq!(status, 403);
    drop(server);

    let token = "s3cret-token-0123456789";
    let file = sandbox.write("token", format!("{token}\n"));
    let server = Server::start(&sandbox, &["--token-file", file.to_str().expect("utf-8")]);
    let approve = server.url(&format!("/api/units/{id}/approve"));
    assert_eq!(post_json(&approve, &[], "").0, 401);
    assert_eq!(
        post_json(
            &approve,
            &[("Authorization", "Bearer wrong-token-0123456789")],
            ""
        )
        .0,
        401
    );
    // GET does not write.
    assert_eq!(get(&approve).0, 405);
    let bearer = format!("Bearer {token}");
    let (status, body) = post_json(&approve, &[("Authorization", &bearer)], r#"{"user":"ana"}"#);
    assert_eq!(
        (status, body.as_str()),
        (
            200,
            format!(r#"{{"action":"approved","units":[{id}]}}"#).as_str()
        )
    );
    let unit = get_json(&server.url(&format!("/api/units/{id}")));
    assert_eq!(unit["unit"]["approved_by"], "ana");
    assert_eq!(unit["unit"]["status"], "ok");
    assert_eq!(
        get_json(&server.url("/api/review"))
            .as_array()
            .map(Vec::len),
        Some(9)
    );
    let (_, rest) = server.stop();
    assert!(
        rest.contains(&format!("POST /api/units/{id}/approve 200")),
        "{rest}"
    );
}

#[test]
fn a_read_only_server_refuses_every_write() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &["--read-only"]);
    assert_eq!(get_json(&server.url("/health"))["read_only"], true);
    let (status, body) = post_json(&server.url("/api/units/1/approve"), &[], "");
    assert_eq!(
        (status, body.as_str()),
        (
            403,
            r#"{"error":"the server is read-only (started with --read-only)"}"#
        )
    );
    let page = get(&server.url("/review")).1;
    assert!(page.contains("This server is read-only."), "{page}");
    assert!(!page.contains("<form method=\"post\""), "{page}");
}

#[test]
fn page_writes_need_the_csrf_token_and_the_pages_origin() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let queue = get_json(&server.url("/api/review"));
    let id = queue[0]["id"].as_i64().expect("an id");
    let page = get(&server.url("/review")).1;
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token in the page")
        .to_string();
    assert_eq!(csrf.len(), 32);
    let action = server.url(&format!("/review/{id}"));
    let origin = server.base.clone();
    let form = [("csrf", csrf.as_str()), ("action", "approve")];
    // Another site's page posting to the server.
    let (status, body) = post_form(&action, &[("Origin", "http://evil.example")], &form);
    assert_eq!(status, 403, "{body}");
    assert!(
        body.contains("must come from this server&#39;s own page"),
        "{body}"
    );
    // No Origin and no Referer.
    assert_eq!(post_form(&action, &[], &form).0, 403);
    // The right origin, a stale token.
    let stale = [
        ("csrf", "0123456789abcdef0123456789abcdef"),
        ("action", "approve"),
    ];
    assert_eq!(post_form(&action, &[("Origin", &origin)], &stale).0, 403);
    // The page's own form.
    let (status, body) = post_form(&action, &[("Origin", &origin)], &form);
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(&format!(
            "<p class=\"done\" id=\"done\">unit {id} approved</p>"
        )),
        "{body}"
    );
    assert!(body.contains("9 units need review"), "{body}");
}

#[test]
fn a_loopback_server_refuses_other_host_names() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let mut response = agent()
        .get(server.url("/api/stats"))
        .header("Host", "rebind.example:80")
        .call()
        .expect("a response");
    assert_eq!(response.status().as_u16(), 421);
    let page = agent()
        .get(server.url("/review"))
        .call()
        .expect("a response");
    let header = |name: &str| {
        page.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        header("content-security-policy"),
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
    );
    assert_eq!(header("x-frame-options"), "DENY");
    let body = response.body_mut().read_to_string().expect("a body");
    assert_eq!(
        body,
        r#"{"error":"this server answers only requests to its loopback address"}"#
    );
}

#[test]
fn markup_in_a_unit_renders_as_text() {
    let sandbox = aligned_samples();
    let token = "s3cret-token-0123456789";
    let file = sandbox.write("token", token);
    let server = Server::start(&sandbox, &["--token-file", file.to_str().expect("utf-8")]);
    let id = get_json(&server.url("/api/review"))[0]["id"]
        .as_i64()
        .expect("an id");
    let evil = r#"<script>alert(1)</script> "onmouseover=alert(2) </textarea> x"#;
    let body = serde_json::json!({ "lang": "ru", "text": evil }).to_string();
    let bearer = format!("Bearer {token}");
    let (status, answer) = post_json(
        &server.url(&format!("/api/units/{id}/edit")),
        &[("Authorization", &bearer)],
        &body,
    );
    assert_eq!(status, 200, "{answer}");
    let escaped =
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=alert(2) &lt;/textarea&gt; x";
    for path in [
        format!("/review?unit={id}"),
        "/search?q=alert&lang=ru".to_string(),
        "/article/2024-07-03-aliyev-xi-astana".to_string(),
    ] {
        let (status, page) = get(&server.url(&path));
        assert_eq!(status, 200, "{path}");
        assert!(
            page.contains(escaped) || path.starts_with("/search"),
            "{path}: {page}"
        );
        assert!(!page.contains("<script>alert"), "{path}");
        assert!(!page.contains("\"onmouseover"), "{path}");
        assert!(!page.contains("</textarea> x"), "{path}");
    }
    // The search page marks the phrase inside the escaped text .
    let page = get(&server.url("/search?q=alert&lang=ru")).1;
    assert!(
        page.contains(
            "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &quot;onmouseover=<mark>alert</mark>(2) &lt;/textarea&gt; x"
        ),
        "{page}"
    );
}

#[test]
fn requests_beyond_the_limits_are_refused() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let long = "a".repeat(2001);
    let (status, body) = get(&server.url(&format!("/api/concordance?lang=en&q={long}")));
    assert_eq!(
        (status, body.as_str()),
        (
            413,
            r#"{"error":"the phrase is 2001 characters long; at most 2000 are accepted"}"#
        )
    );
    let (status, _) = get(&server.url("/api/concordance?lang=en&q=a&limit=201"));
    assert_eq!(status, 400);
    let big = "x".repeat(300 * 1024);
    let (status, _) = post_form(
        &server.url("/lookup"),
        &[],
        &[("text", big.as_str()), ("from", "en"), ("to", "az")],
    );
    assert_eq!(status, 413);
}

#[test]
fn the_pages_show_search_lookup_review_article_and_memory() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let page = get(&server.url("/search?q=strategic+partnership&lang=en&to=ru")).1;
    assert!(
        page.contains("units contain “strategic partnership” in en"),
        "{page}"
    );
    assert!(
        page.contains("<mark>strategic partnership</mark>"),
        "{page}"
    );
    assert!(page.contains("autofocus"), "{page}");
    let (status, page) = post_form(
        &server.url("/lookup"),
        &[],
        &[
            ("text", "Astana, July 10, AZERTAC. Trade grew."),
            ("from", "en"),
            ("to", "ru"),
        ],
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("<span class=\"text\">Астана, 10 июля, АЗЕРТАДЖ</span>"),
        "{page}"
    );
    assert!(page.contains("adapted: numbers/dates replaced"), "{page}");
    // A number the query drops: the target's is listed as stale (#12).
    let (_, page) = post_form(
        &server.url("/lookup"),
        &[],
        &[
            (
                "text",
                "We are pleased with the increase in the turnover of goods between our countries, it has reached several billion dollars and has the potential for further growth.",
            ),
            ("from", "en"),
            ("to", "zh"),
        ],
    );
    assert!(
        page.contains("<span class=\"unadapted\">not adapted, check: 30亿</span>"),
        "{page}"
    );
    let page = get(&server.url("/review")).1;
    assert!(page.contains("10 units need review"), "{page}");
    let page = get(&server.url("/article/2024-07-03-aliyev-xi-astana")).1;
    assert!(page.contains("<p class=\"summary\">89 units</p>"), "{page}");
    assert!(
        page.contains("<td lang=\"ru\">Астана, 3 июля, АЗЕРТАДЖ</td>"),
        "{page}"
    );
    let page = get(&server.url("/memory")).1;
    assert!(
        page.contains("<tr><th>units</th><td>89</td></tr>"),
        "{page}"
    );
    let (status, _) = get(&server.url("/article/no-such-article"));
    assert_eq!(status, 404);
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    assert_eq!(get(&server.url("/health")).0, 200);
    let (success, rest) = server.stop();
    assert!(success);
    assert!(rest.ends_with("tmkit serve: stopped\n"), "{rest}");
}

#[test]
fn the_review_page_filters_by_reason_and_shows_a_unit_between_its_neighbours() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let numbers = get_json(&server.url("/api/review?reason=number-mismatch"));
    let n = numbers.as_array().map(Vec::len).expect("a list");
    assert!(n > 0 && n < 10, "{n}");
    let page = get(&server.url("/review?reason=number-mismatch")).1;
    assert!(
        page.contains(&format!(
            "<p class=\"summary\" id=\"summary\">{n} units need review</p>"
        )),
        "{page}"
    );
    assert!(
        page.contains("<option selected>number-mismatch</option>"),
        "{page}"
    );
    let id = numbers[0]["id"].as_i64().expect("an id");
    let view = get_json(&server.url(&format!("/api/units/{id}")));
    let page = get(&server.url(&format!("/review?unit={id}"))).1;
    for which in ["before", "after"] {
        let neighbour = view[which]["id"].as_i64().expect("a neighbour");
        assert!(
            page.contains(&format!(
                "<div class=\"neighbour\" id=\"{which}\"><div class=\"meta\">{which}: <a href=\"/review?unit={neighbour}\">unit {neighbour}</a>"
            )),
            "{which}: {page}"
        );
    }
    let (status, body) = get(&server.url("/api/review?reason=no-such"));
    assert_eq!(status, 400, "{body}");
}

#[test]
fn merge_in_the_page_and_split_through_the_api_restore_the_units() {
    let sandbox = aligned_samples();
    let token = "s3cret-token-0123456789";
    let file = sandbox.write("token", token);
    let server = Server::start(&sandbox, &["--token-file", file.to_str().expect("utf-8")]);
    // Unit 2 ("Astana, July 3, AZERTAC") and its neighbour 3, each one sentence per language.
    let page = get(&server.url("/review?unit=2")).1;
    assert!(
        page.contains(
            "name=\"with\" size=\"6\" inputmode=\"numeric\" placeholder=\"unit\" value=\"3\""
        ),
        "{page}"
    );
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token")
        .to_string();
    let origin = server.base.clone();
    let merge = [("csrf", csrf.as_str()), ("action", "merge"), ("with", "3")];
    // The page needs the write token too when the server has one.
    assert_eq!(
        post_form(&server.url("/review/2"), &[("Origin", &origin)], &merge).0,
        401
    );
    let merge = [
        ("csrf", csrf.as_str()),
        ("token", token),
        ("action", "merge"),
        ("with", "3"),
    ];
    let (status, body) = post_form(&server.url("/review/2"), &[("Origin", &origin)], &merge);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("units 2 and 3 merged into unit 2"), "{body}");
    let merged = get_json(&server.url("/api/units/2"));
    let en = merged["unit"]["variants"]
        .as_array()
        .and_then(|v| v.iter().find(|v| v["lang"] == "en"))
        .expect("an en variant");
    assert!(
        en["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Astana, July 3, AZERTAC Ilham Aliyev")),
        "{en}"
    );

    let bearer = format!("Bearer {token}");
    let (status, body) = post_json(
        &server.url("/api/units/2/split"),
        &[("Authorization", &bearer)],
        r#"{"keep": "en=1 az=1 ru=1 zh=1"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(answer["action"], "split");
    let new = answer["units"][1].as_i64().expect("the new unit");
    let first = get_json(&server.url("/api/units/2"));
    assert_eq!(first["after"]["id"], new);
    let en: Vec<&Value> = first["unit"]["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .filter(|v| v["lang"] == "en")
        .collect();
    assert_eq!(en[0]["text"], "Astana, July 3, AZERTAC");
    let (status, body) = post_json(
        &server.url("/api/units/2/split"),
        &[("Authorization", &bearer)],
        r#"{"keep": "en"}"#,
    );
    assert_eq!(
        (status, body.as_str()),
        (
            400,
            r#"{"error":"'en' is not LANG=N (e.g. en=1): say how many sentences of LANG stay"}"#
        )
    );
}

/// Regression (#14, found by the load benchmark): the server's readers kept reading a `-wal` that a
/// writer in another process had deleted on exit, taking itself for the memory's last connection
/// (the server had dropped its own locks on the file), and answered "database disk image is
/// malformed" from then on.
#[test]
fn the_server_reads_what_a_writer_in_another_process_stored() {
    let sandbox = aligned_samples();
    let server = Server::start(&sandbox, &[]);
    let before = get_json(&server.url("/api/concordance?lang=en&to=ru&q=zeppelin"));
    assert_eq!(before["total"], 0);
    sandbox.write(
        "news/2024-08-01-zeppelin/en.txt",
        "The zeppelin landed in Baku on Monday.\n\nIt carried forty passengers.\n",
    );
    sandbox.write(
        "news/2024-08-01-zeppelin/ru.txt",
        "Дирижабль приземлился в Баку в понедельник.\n\nОн перевозил сорок пассажиров.\n",
    );
    sandbox
        .tmkit()
        .arg("align-dir")
        .arg(sandbox.path("news"))
        .args(["--from", "en", "--to", "ru", "--store"])
        .assert()
        .success();
    let mut wal = sandbox.tm().into_os_string();
    wal.push("-wal");
    assert!(
        Path::new(&wal).exists(),
        "the writer deleted the -wal the server reads"
    );
    let after = get_json(&server.url("/api/concordance?lang=en&to=ru&q=zeppelin"));
    assert_eq!(after["total"], 1, "{after}");
    assert_eq!(
        after["hits"][0]["others"][0][1],
        "Дирижабль приземлился в Баку в понедельник."
    );
    let old = get_json(&server.url("/api/lookup?from=en&to=ru&q=Astana,+July+10,+AZERTAC"));
    assert_eq!(old["matches"][0]["score"], 99);
    let (stopped, log) = server.stop();
    assert!(stopped, "{log}");
    assert!(!log.contains(" 500 "), "{log}");
}

#[test]
fn readers_sets_the_read_connections_and_refuses_zero() {
    let sandbox = aligned_samples();
    sandbox
        .tmkit()
        .args(["serve", "--addr", "127.0.0.1:0", "--readers", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value '0' for '--readers <N>'",
        ));
    let server = Server::start(&sandbox, &["--readers", "1"]);
    let found = get_json(&server.url("/api/lookup?from=en&to=ru&q=Astana,+July+10,+AZERTAC"));
    assert_eq!(found["matches"][0]["score"], 99);
}
