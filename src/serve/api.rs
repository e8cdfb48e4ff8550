//! The JSON API (the objects of the CLI's `--json` output) and the tmserver/amaGama protocol.

use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde_json::Value;

use super::{AppState, Failure, MAX_PAGE, MAX_PHRASE_CHARS, Shared};
use crate::curate;
use crate::lang::Lang;
use crate::search::{self, LookupError, LookupOptions};
use crate::tm::review::QueueFilter;
use crate::unit::Check;

type Answer = Result<JsonText, Failure>;

/// A JSON body written as `--json` writes it (serialised once: an `f32` keeps its short form).
pub(super) struct JsonText(String);

impl axum::response::IntoResponse for JsonText {
    fn into_response(self) -> axum::response::Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

fn to_json(value: &impl serde::Serialize) -> Result<JsonText, Failure> {
    serde_json::to_string(value)
        .map(JsonText)
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// A language parameter: a BCP 47 tag, or a gettext locale (`pt_BR`) as tmserver clients send.
pub(crate) fn lang_param(name: &str, value: Option<&str>) -> Result<Lang, Failure> {
    let value = value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Failure::bad(format!("give the language: {name}=en")))?;
    Lang::parse(&value.replace('_', "-")).map_err(|e| Failure::bad(format!("{name}: {e}")))
}

/// A phrase or query parameter that must be present and not too long.
fn text_param(name: &str, value: Option<String>, max_chars: usize) -> Result<String, Failure> {
    let value = value.unwrap_or_default();
    if value.trim().is_empty() {
        return Err(Failure::bad(format!("the {name} is empty")));
    }
    let len = value.chars().count();
    if len > max_chars {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the {name} is {len} characters long; at most {max_chars} are accepted"),
        ));
    }
    Ok(value)
}

pub(super) async fn health(State(shared): State<AppState>) -> Json<Value> {
    Json(serde_json::json!({
        "status": "ok",
        "read_only": shared.writer.is_none(),
    }))
}

#[derive(serde::Deserialize)]
pub(super) struct LookupQuery {
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
    min: Option<u32>,
    limit: Option<usize>,
}

/// Lookup options from `min` (percent) and `limit`, checked.
pub(crate) fn lookup_options(
    min: Option<u32>,
    limit: Option<usize>,
) -> Result<LookupOptions, Failure> {
    let min = min.unwrap_or(50);
    if !(1..=100).contains(&min) {
        return Err(Failure::bad(format!(
            "min is a percent from 1 to 100, not {min}"
        )));
    }
    let limit = limit.unwrap_or(5);
    if !(1..=100).contains(&limit) {
        return Err(Failure::bad(format!("limit is 1 to 100, not {limit}")));
    }
    Ok(LookupOptions {
        min_score: min as f32 / 100.0,
        limit,
    })
}

pub(super) async fn lookup(State(shared): State<AppState>, Query(q): Query<LookupQuery>) -> Answer {
    let from = lang_param("from", q.from.as_deref())?;
    let to = lang_param("to", q.to.as_deref())?;
    let options = lookup_options(q.min, q.limit)?;
    let text = text_param("query", q.q, search::MAX_QUERY_BYTES)?;
    shared
        .read(move |memory| {
            let start = Instant::now();
            let found = search::lookup(memory, &text, &from, &to, &options)?;
            let ms = (start.elapsed().as_secs_f64() * 1e6).round() / 1000.0;
            let matches = found.iter().map(search::ScoredMatch::new).collect();
            to_json(&search::Answer {
                query: &text,
                matches,
                ms,
            })
        })
        .await
}

#[derive(serde::Deserialize)]
pub(super) struct ConcordanceQuery {
    q: Option<String>,
    lang: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// A concordance page: the phrase, its languages and which units, checked.
pub(crate) struct ConcordanceRequest {
    pub(crate) phrase: String,
    pub(crate) lang: Lang,
    pub(crate) to: Option<Lang>,
    pub(crate) limit: usize,
    pub(crate) offset: usize,
}

/// Most units a request may skip: pages beyond are not browsed, and every skipped unit is read.
const MAX_OFFSET: usize = 10_000;

pub(crate) fn concordance_request(
    q: Option<String>,
    lang: Option<&str>,
    to: Option<&str>,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Result<ConcordanceRequest, Failure> {
    let lang = lang_param("lang", lang)?;
    let to = match to.filter(|t| !t.is_empty()) {
        Some(t) => Some(lang_param("to", Some(t))?),
        None => None,
    };
    let limit = limit.unwrap_or(20);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(Failure::bad(format!(
            "limit is 1 to {MAX_PAGE}, not {limit}"
        )));
    }
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(Failure::bad(format!("offset is at most {MAX_OFFSET}")));
    }
    Ok(ConcordanceRequest {
        phrase: text_param("phrase", q, MAX_PHRASE_CHARS)?,
        lang,
        to,
        limit,
        offset,
    })
}

/// The concordance of a request, its page only (as `tmkit concordance --offset --limit`).
pub(crate) fn run_concordance(
    memory: &crate::tm::Memory,
    r: &ConcordanceRequest,
) -> Result<search::Concordance, Failure> {
    let mut found = search::concordance(
        memory,
        &r.phrase,
        &r.lang,
        r.to.as_ref(),
        r.offset.saturating_add(r.limit),
    )?;
    found.hits.drain(..r.offset.min(found.hits.len()));
    Ok(found)
}

pub(super) async fn concordance(
    State(shared): State<AppState>,
    Query(q): Query<ConcordanceQuery>,
) -> Answer {
    let r = concordance_request(q.q, q.lang.as_deref(), q.to.as_deref(), q.limit, q.offset)?;
    shared
        .read(move |memory| to_json(&run_concordance(memory, &r)?))
        .await
}

pub(super) async fn stats(State(shared): State<AppState>) -> Answer {
    shared.read(|memory| to_json(&memory.stats()?)).await
}

pub(super) async fn articles(State(shared): State<AppState>) -> Answer {
    shared.read(|memory| to_json(&memory.articles()?)).await
}

#[derive(serde::Deserialize)]
pub(super) struct QueueQuery {
    reason: Option<String>,
    article: Option<String>,
}

/// The review queue's filter from its parameters.
pub(crate) fn queue_filter(
    reason: Option<&str>,
    article: Option<String>,
) -> Result<QueueFilter, Failure> {
    let check = match reason.filter(|r| !r.is_empty()) {
        Some(r) => Some(Check::parse(r).map_err(|e| Failure::bad(e.to_string()))?),
        None => None,
    };
    Ok(QueueFilter {
        check,
        article: article.filter(|a| !a.is_empty()),
    })
}

pub(super) async fn review_queue(
    State(shared): State<AppState>,
    Query(q): Query<QueueQuery>,
) -> Answer {
    let filter = queue_filter(q.reason.as_deref(), q.article)?;
    shared
        .read(move |memory| to_json(&memory.review_queue(&filter)?))
        .await
}

pub(super) async fn unit(State(shared): State<AppState>, Path(id): Path<i64>) -> Answer {
    shared
        .read(move |memory| to_json(&curate::show(memory, id)?))
        .await
}

/// Refuses an API write without the bearer token.
fn check_api_write(shared: &Shared, headers: &HeaderMap) -> Result<(), Failure> {
    if shared.writer.is_none() {
        return Err(super::read_only());
    }
    if shared.token.is_none() {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "writes through the API need a token: start tmkit serve with --token-file FILE \
             and send 'Authorization: Bearer TOKEN' (the page's review forms work without one)",
        ));
    }
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "));
    match given {
        Some(t) if shared.token_matches(t.trim()) => Ok(()),
        Some(_) => Err(Failure::new(StatusCode::UNAUTHORIZED, "wrong token")),
        None => Err(Failure::new(
            StatusCode::UNAUTHORIZED,
            "send the token: 'Authorization: Bearer TOKEN'",
        )),
    }
}

/// The JSON body of a write: who; for an edit the language and text, for a split the split points,
/// for a merge the other unit. An empty body is `{}`.
#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteBody {
    user: Option<String>,
    lang: Option<String>,
    text: Option<String>,
    /// Split points, `en=1 ru=1`.
    keep: Option<String>,
    /// The unit to merge with.
    with: Option<i64>,
}

fn write_body(body: &Bytes) -> Result<WriteBody, Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(WriteBody::default());
    }
    serde_json::from_slice(body).map_err(|e| Failure::bad(format!("the JSON body: {e}")))
}

pub(super) async fn approve(
    State(shared): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    check_api_write(&shared, &headers)?;
    let body = write_body(&body)?;
    write_and_show(&shared, body.user, "approved", move |memory, actor| {
        curate::approve(memory, &[id], actor)?;
        Ok(vec![id])
    })
    .await
}

pub(super) async fn edit(
    State(shared): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    check_api_write(&shared, &headers)?;
    let body = write_body(&body)?;
    let lang = lang_param("lang", body.lang.as_deref())?;
    let text = body
        .text
        .ok_or_else(|| Failure::bad("give the new text: {\"lang\": \"ru\", \"text\": \"…\"}"))?;
    write_and_show(&shared, body.user, "edited", move |memory, actor| {
        curate::edit(memory, id, &lang, &text, actor)?;
        Ok(vec![id])
    })
    .await
}

pub(super) async fn delete(
    State(shared): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    check_api_write(&shared, &headers)?;
    let body = write_body(&body)?;
    write_and_show(&shared, body.user, "deleted", move |memory, actor| {
        curate::delete(memory, &[id], actor)?;
        Ok(vec![id])
    })
    .await
}

/// Runs a review action and answers as `tmkit review … --json` does: `{"action", "units"}`.
async fn write_and_show(
    shared: &Arc<Shared>,
    user: Option<String>,
    action: &'static str,
    f: impl FnOnce(&mut crate::tm::Memory, crate::tm::review::Actor) -> Result<Vec<i64>, Failure>
    + Send
    + 'static,
) -> Answer {
    let units = shared.write(user, f).await?;
    to_json(&serde_json::json!({ "action": action, "units": units }))
}

pub(super) async fn split(
    State(shared): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    check_api_write(&shared, &headers)?;
    let body = write_body(&body)?;
    let keep = split_points(body.keep.as_deref().unwrap_or(""))?;
    write_and_show(&shared, body.user, "split", move |memory, actor| {
        let new = curate::split(memory, id, &keep, actor)?;
        Ok(vec![id, new])
    })
    .await
}

pub(super) async fn merge(
    State(shared): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    check_api_write(&shared, &headers)?;
    let body = write_body(&body)?;
    let with = body
        .with
        .ok_or_else(|| Failure::bad("give the unit to merge with: {\"with\": 43}"))?;
    write_and_show(&shared, body.user, "merged into", move |memory, actor| {
        Ok(vec![curate::merge(memory, id, with, actor)?])
    })
    .await
}

/// `en=1 ru=1` (as `tmkit review split` takes them) → how many sentences of each language stay.
pub(crate) fn split_points(text: &str) -> Result<Vec<(Lang, usize)>, Failure> {
    text.split([' ', ','])
        .filter(|p| !p.is_empty())
        .map(|point| {
            let (lang, n) = point.split_once('=').ok_or_else(|| {
                Failure::bad(format!(
                    "'{point}' is not LANG=N (e.g. en=1): say how many sentences of LANG stay"
                ))
            })?;
            let n = n.parse().map_err(|_| {
                Failure::bad(format!("'{point}': '{n}' is not a number of sentences"))
            })?;
            Ok((lang_param("keep", Some(lang))?, n))
        })
        .collect()
}

/// Most candidates and lowest quality of a tmserver answer: translate-toolkit's tmserver defaults.
const TMSERVER_MAX_CANDIDATES: usize = 3;
const TMSERVER_MIN_QUALITY: f32 = 0.75;

/// One candidate as translate-toolkit's tmserver and amaGama answer.
#[derive(serde::Serialize)]
struct Candidate<'a> {
    source: &'a str,
    target: &'a str,
    /// The score in percent (0-100).
    quality: u32,
    /// The score in percent, as a number: amaGama ranks by it.
    rank: f32,
}

/// `GET /tmserver/{slang}/{tlang}/unit/{text}`: the text is the rest of the path, URL-encoded as
/// `tmclient` sends it (`quote_plus`: a space may come as `+`, a plus as `%2B`).
pub(super) async fn tmserver(
    State(shared): State<AppState>,
    Path((slang, tlang, _)): Path<(String, String, String)>,
    request: Request,
) -> Answer {
    let from = lang_param("source language", Some(&slang))?;
    let to = lang_param("target language", Some(&tlang))?;
    let raw = request
        .uri()
        .path()
        .split_once("/unit/")
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let text = percent_decode_plus(raw)
        .ok_or_else(|| Failure::bad("the unit's text is not URL-encoded UTF-8"))?;
    let text = text_param("unit", Some(text), MAX_PHRASE_CHARS)?;
    let options = LookupOptions {
        min_score: TMSERVER_MIN_QUALITY,
        limit: TMSERVER_MAX_CANDIDATES,
    };
    shared
        .read(move |memory| {
            let found = match search::lookup(memory, &text, &from, &to, &options) {
                Err(LookupError::Empty) => Vec::new(),
                other => other?,
            };
            let list: Vec<Candidate<'_>> = found
                .iter()
                .map(|m| Candidate {
                    source: &m.source,
                    target: &m.target,
                    quality: crate::fuzzy::percent(m.score),
                    rank: (m.score * 10_000.0).round() / 100.0,
                })
                .collect();
            to_json(&list)
        })
        .await
}

/// Decodes `%XX` escapes and `+` as a space; None for a bad escape or bytes that are not UTF-8.
pub(crate) fn percent_decode_plus(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = raw.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmclient_paths_decode_as_quote_plus_encodes() {
        assert_eq!(
            percent_decode_plus("Trade+reached+4%2B1+%C9%99").as_deref(),
            Some("Trade reached 4+1 ə")
        );
        assert_eq!(percent_decode_plus("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode_plus("3%2F4").as_deref(), Some("3/4"));
        assert_eq!(percent_decode_plus("bad%zz"), None);
        assert_eq!(percent_decode_plus("cut%2"), None);
        assert_eq!(percent_decode_plus("%FF"), None);
    }
}
