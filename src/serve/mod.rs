//! The memory over HTTP (`tmkit serve`, issue #14): a web page for translators and reviewers, a JSON
//! API with the objects of the CLI's `--json` output, and the tmserver/amaGama protocol that
//! translate-toolkit's `tmclient`, Virtaal and Weblate speak.
//!
//! One process, one memory: axum on a tokio runtime answers requests; the library's work (lookups,
//! concordance, review actions) is synchronous and runs on tokio's blocking threads
//! (`spawn_blocking`), each read on one of a pool of read-only connections
//! ([`Memory::open_read_only`], WAL mode lets them read while the one writer writes) and every write
//! through the one read-write connection, one transaction per action (the [`crate::curate`] functions).
//!
//! Safety, in order of the checks a request meets:
//! - the server binds loopback unless a token file or read-only mode is given ([`check_bind`]); on
//!   loopback it answers only requests whose `Host` names loopback (DNS rebinding);
//! - request bodies are at most [`MAX_BODY_BYTES`], a phrase at most [`MAX_PHRASE_CHARS`] characters, a
//!   lookup at most [`crate::search::MAX_QUERY_BYTES`]; a read that takes longer than [`READ_TIME_LIMIT`]
//!   is answered 503;
//! - writes are POST only; through the API they need `Authorization: Bearer TOKEN` (the token file's
//!   text); the page's forms carry a per-process CSRF token and must come from the page's own origin
//!   (`Origin`, else `Referer`), and need the token too when there is one;
//! - every text is HTML-escaped where the page shows it ([`html::escape`]), and every answer forbids
//!   framing and inline or foreign script (`Content-Security-Policy`, `X-Frame-Options`); the API takes
//!   no file paths and reaches no file but the memory.
//!
//! Every request is logged on one line (`GET /api/stats 200 1.2ms`) to the writer the caller gives.

mod api;
pub mod html;
mod page;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::tm::review::Actor;
use crate::tm::{self, Memory};

/// Largest request body: a pasted article of a few thousand words fits, a file upload does not.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Longest concordance phrase or tmserver unit, in characters: a phrase or a sentence, not an article.
pub const MAX_PHRASE_CHARS: usize = 2000;

/// Longest time a read may take before the server answers 503: a lookup takes milliseconds, a
/// concordance on a million units well under a second.
pub const READ_TIME_LIMIT: Duration = Duration::from_secs(10);

/// Most concordance units one request may ask for (a page of results, not the memory).
pub const MAX_PAGE: usize = 200;

/// How long the page's language menus trust the languages they last read. Listing them reads every
/// variant (a second on a million units), and a memory gains a language rarely: an older list is
/// still shown while a background read refreshes it.
pub const LANGS_FRESH: Duration = Duration::from_secs(60);

/// Why the server cannot start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A non-loopback address without a token or read-only mode.
    #[error(
        "{addr} is not a loopback address: anyone on the network could change the memory; \
         give --token-file FILE (writes then need its token) or --read-only, or bind 127.0.0.1"
    )]
    OpenToNetwork {
        /// The address given.
        addr: SocketAddr,
    },
    /// The token file cannot be read.
    #[error("cannot read the token file {path}")]
    TokenFile {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The token file holds no token, or a short one.
    #[error(
        "the token file {path} holds {len} characters: a token needs at least {MIN_TOKEN_CHARS} \
         (e.g. `head -c 24 /dev/urandom | base64 > {path}`)"
    )]
    WeakToken {
        /// The file.
        path: String,
        /// The length found.
        len: usize,
    },
    /// The address cannot be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The async runtime or the server failed.
    #[error("the server failed")]
    Io(#[source] std::io::Error),
    /// The random CSRF token cannot be made.
    #[error("cannot read /dev/urandom for the page's CSRF token")]
    Random(#[source] std::io::Error),
    /// The memory cannot be opened.
    #[error(transparent)]
    Tm(#[from] tm::Error),
}

/// Shortest token accepted: guessing it must be hopeless.
pub const MIN_TOKEN_CHARS: usize = 16;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen (port 0: any free port; the chosen address goes to `on_ready`).
    pub addr: SocketAddr,
    /// Refuse every write.
    pub read_only: bool,
    /// The token that writes need (see [`read_token`]).
    pub token: Option<String>,
    /// Read-only connections (and so reads at once).
    pub readers: usize,
    /// Who writes when a request does not say (TMX `changeid`).
    pub user: String,
}

/// Checks that the server may listen on `addr`: loopback, or with a token, or read-only.
///
/// # Errors
/// [`Error::OpenToNetwork`].
pub fn check_bind(addr: SocketAddr, has_token: bool, read_only: bool) -> Result<(), Error> {
    if addr.ip().is_loopback() || has_token || read_only {
        Ok(())
    } else {
        Err(Error::OpenToNetwork { addr })
    }
}

/// Reads the token from `path`: its text without surrounding whitespace.
///
/// # Errors
/// [`Error::TokenFile`], [`Error::WeakToken`] for fewer than [`MIN_TOKEN_CHARS`] characters.
pub fn read_token(path: &Path) -> Result<String, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::TokenFile {
        path: shown.clone(),
        source,
    })?;
    let token = text.trim().to_string();
    let len = token.chars().count();
    if len < MIN_TOKEN_CHARS {
        return Err(Error::WeakToken { path: shown, len });
    }
    Ok(token)
}

/// The pool of read-only connections: a permit per connection, so a request that holds a permit
/// finds a free connection.
struct Readers {
    free: Mutex<Vec<Memory>>,
    permits: Arc<tokio::sync::Semaphore>,
}

/// The memory's languages as the page's menus last read them.
struct LangCache {
    list: Arc<Vec<String>>,
    /// When `list` was read; `None` after a write of this server, which may have added a language.
    read_at: Option<Instant>,
    /// A background read is under way.
    refreshing: bool,
}

/// What every handler shares.
pub(crate) struct Shared {
    readers: Readers,
    langs: Mutex<LangCache>,
    writer: Option<Mutex<Memory>>,
    token: Option<String>,
    csrf: String,
    user: String,
    /// The `Host` values a loopback server answers (None: any, for a server open to the network).
    hosts: Option<Vec<String>>,
    log: Mutex<Box<dyn Write + Send>>,
}

type AppState = Arc<Shared>;

/// An error answer: status and message (JSON for the API, a page for the page).
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
    pub(crate) fn bad(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<tm::Error> for Failure {
    fn from(e: tm::Error) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, error_chain(&e))
    }
}

impl From<crate::curate::Error> for Failure {
    fn from(e: crate::curate::Error) -> Failure {
        use crate::curate::Error as E;
        let status = match &e {
            E::NoUnit { .. } | E::NoArticle { .. } | E::NoImport { .. } => StatusCode::NOT_FOUND,
            E::Tm(tm::Error::Sql { .. }) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Failure::new(status, error_chain(&e))
    }
}

impl From<crate::search::LookupError> for Failure {
    fn from(e: crate::search::LookupError) -> Failure {
        match e {
            crate::search::LookupError::Memory(e) => e.into(),
            other => Failure::bad(other.to_string()),
        }
    }
}

impl From<crate::lang::Error> for Failure {
    fn from(e: crate::lang::Error) -> Failure {
        Failure::bad(e.to_string())
    }
}

/// An error and its causes on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut said = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !said.ends_with(&text) {
            said.push_str(": ");
            said.push_str(&text);
        }
        cause = c.source();
    }
    said
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, axum::Json(body)).into_response()
    }
}

impl Shared {
    /// Runs `f` on a read-only connection on a blocking thread, within [`READ_TIME_LIMIT`].
    pub(crate) async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Memory) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let shared = Arc::clone(self);
        let work = async move {
            let permit = Arc::clone(&shared.readers.permits)
                .acquire_owned()
                .await
                .map_err(|_| Failure::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
            let inner = Arc::clone(&shared);
            // The permit moves into the blocking task and is released once the connection is
            // back in the pool, also when the request stopped waiting (time limit).
            tokio::task::spawn_blocking(move || {
                let memory = lock(&inner.readers.free)
                    .pop()
                    .expect("a permit guarantees a free connection");
                let result = f(&memory);
                lock(&inner.readers.free).push(memory);
                drop(permit);
                result
            })
            .await
            .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        };
        match tokio::time::timeout(READ_TIME_LIMIT, work).await {
            Ok(result) => result,
            Err(_) => Err(Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the request took longer than {} s; ask for less",
                    READ_TIME_LIMIT.as_secs()
                ),
            )),
        }
    }

    /// The memory's languages for the page's menus, without reading the memory on the request's
    /// path: a list older than [`LANGS_FRESH`] (or from before a write of this server) is answered
    /// while one background read replaces it.
    pub(crate) async fn langs(self: &Arc<Self>) -> Result<Arc<Vec<String>>, Failure> {
        let (list, refresh) = {
            let mut cache = lock(&self.langs);
            let stale = cache.read_at.is_none_or(|at| at.elapsed() >= LANGS_FRESH);
            let refresh = stale && !cache.refreshing;
            cache.refreshing |= refresh;
            (Arc::clone(&cache.list), refresh)
        };
        if refresh {
            let shared = Arc::clone(self);
            tokio::spawn(async move {
                let read = shared.read(|memory| Ok(memory.langs()?)).await;
                let mut cache = lock(&shared.langs);
                cache.refreshing = false;
                // A failed read leaves the list stale: the next page tries again.
                if let Ok(list) = read {
                    cache.list = Arc::new(list);
                    cache.read_at = Some(Instant::now());
                }
            });
        }
        Ok(list)
    }

    /// Runs `f` on the writer on a blocking thread; no time limit, as a write is one transaction that
    /// must finish.
    pub(crate) async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        user: Option<String>,
        f: impl FnOnce(&mut Memory, Actor) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        if self.writer.is_none() {
            return Err(read_only());
        }
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let writer = shared.writer.as_ref().ok_or_else(read_only)?;
            let mut memory = lock(writer);
            let user = user
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| shared.user.clone());
            let result = f(
                &mut memory,
                Actor {
                    user,
                    at: tm::now(),
                },
            );
            // An edit may have given the memory a language.
            lock(&shared.langs).read_at = None;
            result
        })
        .await
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    }

    /// Whether `given` is the write token (compared in constant time).
    pub(crate) fn token_matches(&self, given: &str) -> bool {
        self.token
            .as_deref()
            .is_some_and(|t| constant_time_eq(t.as_bytes(), given.as_bytes()))
    }
}

fn read_only() -> Failure {
    Failure::new(
        StatusCode::FORBIDDEN,
        "the server is read-only (started with --read-only)",
    )
}

/// Equal bytes, in a time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Locks a mutex; a poisoned one (a handler panicked) is still usable, as a connection or writer
/// holds no half state: SQLite rolled the transaction back.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// A random token of 32 hex digits, from the kernel's random source.
fn random_token() -> Result<String, Error> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(Error::Random)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The `Host` values that name a loopback server on `port`.
fn loopback_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    if let IpAddr::V4(ip) = addr.ip() {
        hosts.push(format!("{ip}:{port}"));
    }
    hosts
}

/// Serves the memory at `path` until Ctrl-C or SIGTERM, then lets the requests in flight finish.
/// `on_ready` gets the address listened on; `log` gets one line per request.
///
/// A writable server opens the memory read-write first (creating nothing: the caller checks that it
/// exists), which migrates it and flushes its index, then the read-only connections.
///
/// # Errors
/// [`Error::OpenToNetwork`], [`Error::Bind`], the memory's errors when it cannot be opened,
/// [`Error::Io`] when the runtime cannot start.
pub fn run(
    path: &Path,
    config: Config,
    on_ready: impl FnOnce(SocketAddr),
    log: Box<dyn Write + Send>,
) -> Result<(), Error> {
    check_bind(config.addr, config.token.is_some(), config.read_only)?;
    let writer = if config.read_only {
        None
    } else {
        Some(Mutex::new(Memory::open(path)?))
    };
    let readers = config.readers.max(1);
    let mut free = Vec::with_capacity(readers);
    for _ in 0..readers {
        let memory = Memory::open_read_only(path)?;
        memory.prepare_lookups()?;
        free.push(memory);
    }
    // Read once before the first request, so no page waits for it.
    let langs = LangCache {
        list: Arc::new(free[0].langs()?),
        read_at: Some(Instant::now()),
        refreshing: false,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| Error::Bind {
                addr: config.addr,
                source,
            })?;
        let bound = listener.local_addr().map_err(Error::Io)?;
        let shared = Arc::new(Shared {
            readers: Readers {
                free: Mutex::new(free),
                permits: Arc::new(tokio::sync::Semaphore::new(readers)),
            },
            langs: Mutex::new(langs),
            writer,
            token: config.token,
            csrf: random_token()?,
            user: config.user,
            hosts: bound.ip().is_loopback().then(|| loopback_hosts(bound)),
            log: Mutex::new(log),
        });
        let app = router(shared);
        on_ready(bound);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(Error::Io)
    })
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        // Without a Ctrl-C handler the server still stops on SIGTERM.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn router(shared: AppState) -> Router {
    Router::new()
        .route("/health", get(api::health))
        .route("/api/lookup", get(api::lookup))
        .route("/api/concordance", get(api::concordance))
        .route("/api/stats", get(api::stats))
        .route("/api/articles", get(api::articles))
        .route("/api/review", get(api::review_queue))
        .route("/api/units/{id}", get(api::unit))
        .route("/api/units/{id}/approve", post(api::approve))
        .route("/api/units/{id}/edit", post(api::edit))
        .route("/api/units/{id}/delete", post(api::delete))
        .route("/api/units/{id}/split", post(api::split))
        .route("/api/units/{id}/merge", post(api::merge))
        .route("/tmserver/{slang}/{tlang}/unit/{*text}", get(api::tmserver))
        .route("/", get(page::search))
        .route("/search", get(page::search))
        .route("/lookup", get(page::lookup).post(page::lookup_post))
        .route("/review", get(page::review))
        .route("/review/{id}", post(page::review_post))
        .route("/article/{slug}", get(page::article))
        .route("/memory", get(page::memory))
        .route("/assets/style.css", get(page::style))
        .route("/assets/app.js", get(page::script))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Every request: the `Host` check of a loopback server, then one log line.
async fn guard(State(shared): State<AppState>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path: String = request.uri().path().chars().take(200).collect();
    let mut response = match host_refused(&shared, request.headers()) {
        Some(refused) => refused.into_response(),
        None => next.run(request).await,
    };
    // No other site may frame the page (a framed review form would pass the Origin check: clickjacking)
    // or run script in it; the page's own script is a file, never inline.
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    headers.insert(
        header::X_FRAME_OPTIONS,
        header::HeaderValue::from_static("DENY"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("same-origin"),
    );
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut log = lock(&shared.log);
    // A log that cannot be written must not fail the request.
    let _ = writeln!(
        log,
        "{method} {path} {} {ms:.1}ms",
        response.status().as_u16()
    );
    response
}

/// A request to a loopback server whose `Host` is not loopback: a web page's DNS rebinding.
fn host_refused(shared: &Shared, headers: &HeaderMap) -> Option<Failure> {
    let hosts = shared.hosts.as_ref()?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match host {
        Some(h) if hosts.iter().any(|ok| ok.eq_ignore_ascii_case(h)) => None,
        _ => Some(Failure::new(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only requests to its loopback address",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_network_address_needs_a_token_or_read_only() {
        let open: SocketAddr = "0.0.0.0:8080".parse().expect("an address");
        let err = check_bind(open, false, false).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "0.0.0.0:8080 is not a loopback address: anyone on the network could change the memory; \
             give --token-file FILE (writes then need its token) or --read-only, or bind 127.0.0.1"
        );
        assert!(check_bind(open, true, false).is_ok());
        assert!(check_bind(open, false, true).is_ok());
        let loopback: SocketAddr = "[::1]:8080".parse().expect("an address");
        assert!(check_bind(loopback, false, false).is_ok());
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abcdef", b"abcdef"));
        assert!(!constant_time_eq(b"abcdef", b"abcdeg"));
        assert!(!constant_time_eq(b"abc", b"abcdef"));
    }

    #[test]
    fn a_short_token_is_refused() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("token");
        std::fs::write(&path, "short\n").expect("written");
        let err = read_token(&path).expect_err("too short");
        assert!(err.to_string().contains("holds 5 characters"), "{err}");
        std::fs::write(&path, "0123456789abcdef0123\n").expect("written");
        assert_eq!(read_token(&path).expect("a token"), "0123456789abcdef0123");
    }
}
