//! The load benchmark of `tmkit serve` (issue #14, item 6): a 1M-unit memory, 16 concurrent clients
//! sending lookups and concordance queries for 60 s over keep-alive HTTP/1.1 while a writer stores
//! articles into the same memory; then the same with one client, for the ratio.
//!
//! Run it (release build; a few minutes, so CI only builds it):
//!
//! ```text
//! TMKIT_BENCH_DATA=/work/shared/data/ntrex-dev cargo bench --bench serve_load
//! ```
//!
//! Without `TMKIT_BENCH_DATA` it says so and does nothing. Settings, all from the environment:
//! - `TMKIT_LOAD_TM` — the memory (default `target/serve-load.db`). When it does not exist it is built
//!   by `tmkit eval fuzzy --units TMKIT_LOAD_UNITS --db …` (default 1,000,000 units, en + az: the
//!   README's fuzzy-lookup memory), its models trained, and kept for the next run. The writer's articles are stored into
//!   it, so a reused memory grows by a few thousand units per run.
//! - `TMKIT_LOAD_SECS` (60) — each measured phase; `TMKIT_LOAD_WARMUP_SECS` (10) — a first phase with
//!   every client, not counted, that brings the memory into the page cache.
//! - `TMKIT_LOAD_CLIENTS` (16) — the clients of the concurrent phase (the other phase has one).
//! - `TMKIT_LOAD_WRITE_PAUSE_MS` (1000) — the writer's pause between two articles (0: back to back).
//! - `TMKIT_LOAD_READERS` — passed to `tmkit serve --readers` (default: the server's own).
//!
//! The clients: each is a thread with its own `ureq` agent (one kept-alive connection), sending
//! without pause two lookups (`/api/lookup?from=en&to=az`, limit 5, threshold 50%) for each
//! concordance query (`/api/concordance?lang=en&to=az`, a page of 20). Lookups are NTREX sentences —
//! the memory's templates, whose units carry other numbers, names and datelines — with one to three
//! edits (a word replaced by another of the vocabulary, dropped, upper-cased, a number changed), and
//! one in ten is a string of random vocabulary words, which matches nothing. Concordance phrases are
//! two adjacent words of a template (stock phrases, the common and the rare), and one in ten is two
//! random vocabulary words, mostly found nowhere side by side.
//!
//! The writer: in a loop, one NTREX document of the pairs en-az, en-ru and en-zh in turn (its
//! `src.raw.txt` and `tgt.raw.txt`) is aligned and stored as an article, on a connection of its own, by
//! the step `tmkit align-dir … --store` runs for each article (`ingest::align_article`), as a
//! newsroom's import job would: it adds articles, and the ru and zh versions of an English text add
//! languages to its units. The step retrains a model only when its units grew by a quarter; the whole
//! `align-dir` command also retrains every changed model when it ends, which on this memory is the
//! en-az model of 614k units, minutes of training per article (the store helper of session 6 changes
//! when training runs; until then the benchmark calls the step).
//!
//! The memory's word-alignment models are trained once, when the memory has none (`tmkit train`: the
//! en-az model of 613,796 units took about 5½ min of CPU and 5 GB at its peak, 24 min at load average
//! 7–11), and kept in it: concordance answers with renderings, as it does on a real memory.
//!
//! Before timing, one lookup and one concordance query are checked to find what they must (a fast
//! wrong answer is no result). Reported per phase and endpoint: requests, requests/s, median, p95,
//! p99 and largest latency, errors (a transport error or any status but 200), the load average
//! (`/proc/loadavg`) at the phase's start and end, and the ratio of the phases' throughput; and the
//! writer's articles, failures and median time. The issue's targets: p95 ≤ 50 ms and no error with 16
//! clients, throughput ≥ 1.6× the single client's.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tmkit::ingest::{self, ArchiveOptions, ArticleFiles, Outcome, align_article};
use tmkit::{Lang, Memory};

/// Lookups sent for each concordance query: a translator looks up sentence after sentence and
/// searches a phrase now and then.
const LOOKUPS_PER_CONCORDANCE: u64 = 2;

/// One query in this many matches nothing (random vocabulary words).
const UNMATCHED_EVERY: u64 = 10;

/// Queries prepared per endpoint: many more than distinct answers any cache could keep.
const QUERIES: usize = 20_000;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve_load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn env_num(name: &str, default: u64) -> Result<u64, String> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name}='{v}' is not a number")),
        Err(_) => Ok(default),
    }
}

fn run() -> Result<(), String> {
    // `cargo bench` passes --bench; `cargo test --benches` does not: there is nothing to test here.
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let Some(data) = std::env::var_os("TMKIT_BENCH_DATA").map(PathBuf::from) else {
        eprintln!(
            "serve_load: set TMKIT_BENCH_DATA to the ntrex-dev folder to run the load benchmark \
             (it builds a 1M-unit memory and runs for a few minutes)"
        );
        return Ok(());
    };
    let tm = std::env::var_os("TMKIT_LOAD_TM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/serve-load.db"));
    let units = env_num("TMKIT_LOAD_UNITS", 1_000_000)?;
    let secs = env_num("TMKIT_LOAD_SECS", 60)?;
    let warmup = env_num("TMKIT_LOAD_WARMUP_SECS", 10)?;
    let clients = env_num("TMKIT_LOAD_CLIENTS", 16)?.max(1) as usize;
    let pause = Duration::from_millis(env_num("TMKIT_LOAD_WRITE_PAUSE_MS", 1000)?);
    let readers = std::env::var("TMKIT_LOAD_READERS").ok();

    let tmkit = PathBuf::from(env!("CARGO_BIN_EXE_tmkit"));
    if !tm.exists() {
        build_memory(&tmkit, &data, &tm, units)?;
    }
    train_once(&tmkit, &tm)?;
    let templates = read_lines(&data.join("en-az/all.en"))?;
    let queries = Queries::new(&templates);

    let server = Server::start(&tmkit, &tm, readers.as_deref())?;
    check_answers(&server.base, &queries)?;

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (data, tm, stop) = (data.clone(), tm.clone(), Arc::clone(&stop));
        std::thread::spawn(move || write_articles(&data, &tm, pause, &stop))
    };

    let queries = Arc::new(queries);
    println!(
        "memory {} ({units} units generated), writer pause {} ms",
        tm.display(),
        pause.as_millis()
    );
    if warmup > 0 {
        let w = phase(&server.base, &queries, clients, Duration::from_secs(warmup));
        println!(
            "warm-up: {clients} clients, {warmup} s, {} requests",
            w.lookup.times.len() + w.concordance.times.len()
        );
    }
    let one = phase(&server.base, &queries, 1, Duration::from_secs(secs));
    let many = phase(&server.base, &queries, clients, Duration::from_secs(secs));
    stop.store(true, Ordering::SeqCst);
    let written = writer
        .join()
        .map_err(|_| "the writer thread panicked".to_string())??;
    let logged = server.stop()?;

    println!();
    println!(
        "clients  endpoint      requests   req/s   median     p95     p99     max  errors  load (start → end)"
    );
    for (n, p) in [(1, &one), (clients, &many)] {
        for (name, e) in [("lookup", &p.lookup), ("concordance", &p.concordance)] {
            print_row(n, name, e, p);
        }
        let all = p.all();
        print_row(n, "all", &all, p);
    }
    // No response cache: a query sent before may have another answer now (the writer stores every
    // second). This is the share of requests a cache could have answered, had nothing been written.
    for (n, p) in [(1, &one), (clients, &many)] {
        println!(
            "{n:>7}  repeated queries (the most a response cache could answer): lookup {:.1}%, concordance {:.1}%",
            repeated_pct(&p.lookup.sent),
            repeated_pct(&p.concordance.sent)
        );
    }
    let rate = |p: &Phase| p.all().times.len() as f64 / p.secs;
    println!(
        "throughput ratio {clients} clients / 1 client: {:.2}x",
        rate(&many) / rate(&one).max(1e-9)
    );
    println!(
        "writer: {} articles stored, {} failed, median {:.0} ms each (align-dir --store's step, a connection per article)",
        written.stored,
        written.failed,
        median_ms(&written.times)
    );
    if let Some(last) = &written.last {
        println!("writer's last article: {last}");
    }
    println!("server log: {logged} request lines");
    let errors = one.all().errors + many.all().errors;
    if written.failed > 0 || errors > 0 {
        return Err(format!(
            "{errors} request errors, {} writer failures",
            written.failed
        ));
    }
    Ok(())
}

fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    std::fs::read_to_string(path)
        .map(|t| t.lines().map(str::to_string).collect())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Builds the memory with the fuzzy benchmark's generator (no queries: only the memory is wanted).
fn build_memory(tmkit: &Path, data: &Path, tm: &Path, units: u64) -> Result<(), String> {
    println!("building {} with {units} units …", tm.display());
    let status = Command::new(tmkit)
        .args(["eval", "fuzzy", "--units", &units.to_string()])
        .arg("--data")
        .arg(data)
        .arg("--db")
        .arg(tm)
        .args([
            "--edited",
            "0",
            "--unmatched",
            "0",
            "--scanned",
            "0",
            "--phrases",
            "0",
        ])
        .status()
        .map_err(|e| format!("cannot run {}: {e}", tmkit.display()))?;
    if !status.success() {
        return Err(format!("tmkit eval fuzzy failed ({status})"));
    }
    Ok(())
}

/// Trains the memory's word-alignment models when it has none (a memory just built, or one built by an
/// older version of this benchmark), so that concordance answers with renderings as on a real memory.
/// The models are stored in the memory and kept with it: a later run reuses them.
fn train_once(tmkit: &Path, tm: &Path) -> Result<(), String> {
    let models = Memory::open_read_only(tm)
        .and_then(|m| m.phrase_models())
        .map_err(|e| format!("{}: {e}", tm.display()))?;
    if !models.is_empty() {
        return Ok(());
    }
    println!("training the word-alignment models of {} …", tm.display());
    let start = Instant::now();
    let status = Command::new(tmkit)
        .arg("--tm")
        .arg(tm)
        .arg("train")
        .status()
        .map_err(|e| format!("cannot run {}: {e}", tmkit.display()))?;
    if !status.success() {
        return Err(format!("tmkit train failed ({status})"));
    }
    println!("trained in {:.0} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// SplitMix64: repeatable queries per client.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The prepared queries of both endpoints.
struct Queries {
    lookups: Vec<String>,
    phrases: Vec<String>,
    /// An edited template that must match, and a stock phrase that must be found (the check).
    check_lookup: String,
    check_phrase: String,
}

impl Queries {
    fn new(templates: &[String]) -> Queries {
        let templates: Vec<&String> = templates
            .iter()
            .filter(|t| t.split(' ').count() >= 4)
            .collect();
        let vocab: Vec<&str> = templates
            .iter()
            .flat_map(|t| t.split(' '))
            .filter(|w| w.len() > 3 && w.chars().all(char::is_alphabetic))
            .collect();
        let mut rng = Rng(0x10ad_0001);
        let random_words = |rng: &mut Rng, n: usize| -> String {
            (0..n)
                .map(|_| vocab[rng.below(vocab.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut lookups = Vec::with_capacity(QUERIES);
        let mut phrases = Vec::with_capacity(QUERIES);
        for i in 0..QUERIES as u64 {
            if i % UNMATCHED_EVERY == UNMATCHED_EVERY - 1 {
                let n = 8 + rng.below(12);
                lookups.push(random_words(&mut rng, n));
                phrases.push(random_words(&mut rng, 2));
                continue;
            }
            let template = templates[rng.below(templates.len())];
            lookups.push(edit(template, &vocab, &mut rng));
            let words: Vec<&str> = templates[rng.below(templates.len())]
                .split(' ')
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .collect();
            let at = rng.below(words.len().saturating_sub(1));
            phrases.push(words[at..(at + 2).min(words.len())].join(" "));
        }
        Queries {
            check_lookup: edit(templates[0], &vocab, &mut Rng(7)),
            check_phrase: "the United States".to_string(),
            lookups,
            phrases,
        }
    }
}

/// A sentence with one to three edits, as a translator's new source differs from a stored one.
fn edit(text: &str, vocab: &[&str], rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if words.len() < 4 {
            break;
        }
        let i = rng.below(words.len());
        match rng.below(4) {
            0 => words[i] = vocab[rng.below(vocab.len())].to_string(),
            1 => {
                words.remove(i);
            }
            2 => words[i] = words[i].to_uppercase(),
            _ => words[i] = (rng.below(9000) + 1).to_string(),
        }
    }
    words.join(" ")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

#[derive(Clone, Copy)]
enum Endpoint {
    Lookup,
    Concordance,
}

/// One request: its status (or the transport error) and its body.
fn request(
    agent: &ureq::Agent,
    base: &str,
    endpoint: Endpoint,
    text: &str,
) -> Result<(u16, String), String> {
    let request = match endpoint {
        Endpoint::Lookup => agent
            .get(format!("{base}/api/lookup"))
            .query("from", "en")
            .query("to", "az")
            .query("q", text),
        Endpoint::Concordance => agent
            .get(format!("{base}/api/concordance"))
            .query("lang", "en")
            .query("to", "az")
            .query("q", text),
    };
    let mut response = request.call().map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    Ok((status, body))
}

/// The answers the timing relies on: an edited template finds its unit, a stock phrase is found.
fn check_answers(base: &str, queries: &Queries) -> Result<(), String> {
    let agent = agent();
    let json = |endpoint, text: &str| -> Result<serde_json::Value, String> {
        let (status, body) = request(&agent, base, endpoint, text)?;
        if status != 200 {
            return Err(format!("{text:?}: status {status}: {body}"));
        }
        serde_json::from_str(&body).map_err(|e| format!("{text:?}: {e}: {body}"))
    };
    let found = json(Endpoint::Lookup, &queries.check_lookup)?;
    // Percent, as `lookup --json` writes it.
    let best = found["matches"][0]["score"].as_f64().unwrap_or(0.0);
    if best < 50.0 {
        return Err(format!(
            "the check lookup {:?} found no match of 50% or more: {found}",
            queries.check_lookup
        ));
    }
    let found = json(Endpoint::Concordance, &queries.check_phrase)?;
    let hits = found["hits"].as_array().map_or(0, Vec::len);
    if hits == 0 {
        return Err(format!(
            "the check phrase {:?} was found nowhere: {found}",
            queries.check_phrase
        ));
    }
    // The memory's model must give the phrase a rendering, or concordance is timed without its work.
    let Some(rendering) = found["translations"][0]["text"].as_str() else {
        return Err(format!(
            "the check phrase {:?} has no rendering (is the en-az model trained?): {found}",
            queries.check_phrase
        ));
    };
    println!(
        "check: lookup best {best:.0}%, concordance {hits} units on the first page, rendered {rendering:?}"
    );
    Ok(())
}

/// What one endpoint saw in a phase.
#[derive(Default)]
struct Seen {
    times: Vec<Duration>,
    /// Which prepared query each request sent (its index).
    sent: Vec<usize>,
    errors: usize,
    first_error: Option<String>,
}

impl Seen {
    fn merge(&mut self, other: Seen) {
        self.times.extend(other.times);
        self.sent.extend(other.sent);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

/// A measured phase.
struct Phase {
    secs: f64,
    lookup: Seen,
    concordance: Seen,
    load: (String, String),
}

impl Phase {
    fn all(&self) -> Seen {
        let mut all = Seen::default();
        for s in [&self.lookup, &self.concordance] {
            all.times.extend(&s.times);
            all.errors += s.errors;
            if all.first_error.is_none() {
                all.first_error.clone_from(&s.first_error);
            }
        }
        all
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_string())
}

/// `clients` threads sending queries without pause for `length`.
fn phase(base: &str, queries: &Arc<Queries>, clients: usize, length: Duration) -> Phase {
    let start_load = load_average();
    let start = Instant::now();
    let deadline = start + length;
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let (base, queries) = (base.to_string(), Arc::clone(queries));
            std::thread::spawn(move || {
                let agent = agent();
                let mut rng = Rng(0xc1_1e47 + c as u64);
                let (mut lookup, mut concordance) = (Seen::default(), Seen::default());
                let mut n = 0u64;
                while Instant::now() < deadline {
                    let (endpoint, texts, seen) = if n.is_multiple_of(LOOKUPS_PER_CONCORDANCE + 1) {
                        (Endpoint::Concordance, &queries.phrases, &mut concordance)
                    } else {
                        (Endpoint::Lookup, &queries.lookups, &mut lookup)
                    };
                    let at = rng.below(texts.len());
                    let text = &texts[at];
                    seen.sent.push(at);
                    n += 1;
                    let sent = Instant::now();
                    let result = request(&agent, &base, endpoint, text);
                    seen.times.push(sent.elapsed());
                    let failure = match result {
                        Ok((200, _)) => None,
                        Ok((status, body)) => Some(format!("{status}: {body}")),
                        Err(e) => Some(e),
                    };
                    if let Some(f) = failure {
                        seen.errors += 1;
                        seen.first_error.get_or_insert(format!("{text:?}: {f}"));
                    }
                }
                (lookup, concordance)
            })
        })
        .collect();
    let mut phase = Phase {
        secs: 0.0,
        lookup: Seen::default(),
        concordance: Seen::default(),
        load: (start_load, String::new()),
    };
    for t in threads {
        let (l, c) = t.join().expect("a client thread does not panic");
        phase.lookup.merge(l);
        phase.concordance.merge(c);
    }
    phase.secs = start.elapsed().as_secs_f64();
    phase.load.1 = load_average();
    phase
}

/// The share of `sent` that repeats a query sent before in it, in percent.
fn repeated_pct(sent: &[usize]) -> f64 {
    let mut seen = std::collections::HashSet::new();
    let repeated = sent.iter().filter(|&&q| !seen.insert(q)).count();
    100.0 * repeated as f64 / sent.len().max(1) as f64
}

fn quantile_ms(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn median_ms(times: &[Duration]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    quantile_ms(&sorted, 0.5)
}

fn print_row(clients: usize, name: &str, seen: &Seen, phase: &Phase) {
    let mut sorted = seen.times.clone();
    sorted.sort();
    println!(
        "{clients:>7}  {name:<12} {:>9} {:>7.1} {:>6.1}ms {:>5.1}ms {:>5.1}ms {:>5.0}ms {:>7}  {} → {}",
        sorted.len(),
        sorted.len() as f64 / phase.secs,
        quantile_ms(&sorted, 0.5),
        quantile_ms(&sorted, 0.95),
        quantile_ms(&sorted, 0.99),
        quantile_ms(&sorted, 1.0),
        seen.errors,
        phase.load.0,
        phase.load.1,
    );
    if let Some(e) = &seen.first_error {
        println!(
            "         first error: {}",
            e.chars().take(300).collect::<String>()
        );
    }
}

/// A running `tmkit serve` whose log lines are counted as they come; stopped when dropped.
struct Server {
    child: Child,
    base: String,
    log: Option<std::thread::JoinHandle<usize>>,
}

impl Server {
    fn start(tmkit: &Path, tm: &Path, readers: Option<&str>) -> Result<Server, String> {
        let mut command = Command::new(tmkit);
        command
            .arg("--tm")
            .arg(tm)
            .args(["serve", "--addr", "127.0.0.1:0"]);
        if let Some(r) = readers {
            command.args(["--readers", r]);
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start tmkit serve: {e}"))?;
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr is piped"));
        let mut first = String::new();
        stderr
            .read_line(&mut first)
            .map_err(|e| format!("tmkit serve: {e}"))?;
        let Some(addr) = first
            .split("http://")
            .nth(1)
            .and_then(|a| a.split_whitespace().next())
        else {
            let mut rest = String::new();
            let _ = stderr.read_to_string(&mut rest);
            return Err(format!("tmkit serve did not start: {first}{rest}"));
        };
        let base = format!("http://{addr}");
        // The log must be read, or the server blocks once the pipe is full.
        let log = std::thread::spawn(move || stderr.lines().map_while(Result::ok).count());
        Ok(Server {
            child,
            base,
            log: Some(log),
        })
    }

    /// SIGTERM (the server finishes the requests in flight), then its exit status.
    fn terminate(&mut self) -> Result<std::process::ExitStatus, String> {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .map_err(|e| format!("kill: {e}"))?;
        self.child.wait().map_err(|e| format!("wait: {e}"))
    }

    /// Stops the server; the log lines it wrote.
    fn stop(mut self) -> Result<usize, String> {
        let status = self.terminate()?;
        if !status.success() {
            return Err(format!("tmkit serve exited with {status}"));
        }
        self.log
            .take()
            .map_or(Ok(0), |log| log.join())
            .map_err(|_| "the log reader panicked".to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.terminate();
        }
    }
}

/// What the writer did.
struct Written {
    stored: usize,
    failed: usize,
    times: Vec<Duration>,
    last: Option<String>,
}

/// Stores NTREX documents as articles, one transaction per article on a connection of its own,
/// until `stop`.
///
/// The library's archive step ([`align_article`], what `tmkit align-dir --store` runs for each article):
/// it retrains only a model that grew by a quarter, so the en-az model trained on the whole memory is
/// not retrained, where `align-dir` ends by retraining every model whose units changed (a minute per
/// article on this memory).
fn write_articles(
    data: &Path,
    tm: &Path,
    pause: Duration,
    stop: &AtomicBool,
) -> Result<Written, String> {
    let en = Lang::parse("en").map_err(|e| e.to_string())?;
    let mut docs = Vec::new();
    for tag in ["az", "ru", "zh"] {
        let lang = Lang::parse(tag).map_err(|e| e.to_string())?;
        let pair = data.join(format!("en-{tag}"));
        for row in read_lines(&pair.join("index.tsv"))?.iter().skip(1) {
            if let Some(id) = row.split('\t').nth(1) {
                docs.push((lang.clone(), pair.join(id)));
            }
        }
    }
    if docs.is_empty() {
        return Err(format!("no documents in {}/en-*/index.tsv", data.display()));
    }
    let mut written = Written {
        stored: 0,
        failed: 0,
        times: Vec::new(),
        last: None,
    };
    let mut i = 0;
    while !stop.load(Ordering::SeqCst) {
        let (lang, doc) = &docs[i % docs.len()];
        // A new slug each run and each round through the documents: an article stored unchanged would
        // be skipped.
        let slug = format!(
            "load-{}-{}-{}",
            std::process::id(),
            i / docs.len(),
            doc.file_name()
                .map_or(i.to_string(), |n| n.to_string_lossy().replace('.', "-"))
        );
        let article = ArticleFiles {
            slug: slug.clone(),
            files: vec![
                (en.clone(), doc.join("src.raw.txt")),
                (lang.clone(), doc.join("tgt.raw.txt")),
            ],
        };
        let options = ArchiveOptions {
            to: Some(vec![lang.clone()]),
            store: true,
            ..ArchiveOptions::new(en.clone())
        };
        let start = Instant::now();
        let outcome = Memory::open(tm)
            .map_err(ingest::Error::from)
            .and_then(|mut memory| align_article(&article, &options, Some(&mut memory)));
        written.times.push(start.elapsed());
        match outcome {
            Ok(Outcome::Aligned(a)) => {
                written.stored += 1;
                written.last = Some(format!(
                    "{slug}: {} units, {}",
                    a.units,
                    a.stored
                        .map_or("not stored".to_string(), |r| format!("{r:?}"))
                ));
            }
            Ok(other) => {
                written.failed += 1;
                eprintln!("writer: {slug} ({lang}) was not stored: {other:?}");
            }
            Err(e) => {
                written.failed += 1;
                eprintln!("writer: {slug} ({lang}) failed: {e}");
            }
        }
        i += 1;
        std::thread::sleep(pause);
    }
    Ok(written)
}
