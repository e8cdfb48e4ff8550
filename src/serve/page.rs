//! The page: server-rendered HTML (Search, Lookup, Review, Article, Memory) with a little plain
//! JavaScript (copy buttons, the remembered write token). Every text goes through [`escape`].

use std::fmt::Write as _;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::api::{self, concordance_request, lang_param, lookup_options, queue_filter};
use super::html::{escape, escape_marked};
use super::{AppState, Failure, Shared};
use crate::curate;
use crate::fuzzy::{self, Band, Edit, FuzzyMatch};
use crate::lang::Lang;
use crate::search::{self, LookupError};
use crate::tm::review::UnitRecord;
use crate::unit::Check;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

pub(super) async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

pub(super) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

/// A failure shown as a page.
pub(super) struct PageFailure(Failure);

impl From<Failure> for PageFailure {
    fn from(f: Failure) -> PageFailure {
        PageFailure(f)
    }
}

impl IntoResponse for PageFailure {
    fn into_response(self) -> Response {
        let body = format!(
            "<p class=\"error\" id=\"error\">{}</p>",
            escape(&self.0.message)
        );
        (self.0.status, layout("Error", "", &body)).into_response()
    }
}

type PageResult = Result<Html<String>, PageFailure>;

/// The page around `body`, with `active` highlighted in the navigation.
fn layout(title: &str, active: &str, body: &str) -> Html<String> {
    let mut nav = String::new();
    for (href, name) in [
        ("/search", "Search"),
        ("/lookup", "Lookup"),
        ("/review", "Review"),
        ("/memory", "Memory"),
    ] {
        let current = if name == active {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(nav, "<a href=\"{href}\"{current}>{name}</a>");
    }
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · tmkit</title><link rel=\"stylesheet\" href=\"/assets/style.css\">\
         <script src=\"/assets/app.js\" defer></script></head>\
         <body><header><strong>tmkit</strong><nav>{nav}</nav></header><main>{body}</main></body></html>\n",
        escape(title)
    ))
}

/// `<option>`s of the memory's languages, `selected` chosen; `any` adds an empty first option.
fn lang_options(langs: &[String], selected: Option<&str>, any: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(label) = any {
        let _ = write!(out, "<option value=\"\">{}</option>", escape(label));
    }
    for l in langs {
        let sel = if Some(l.as_str()) == selected {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, "<option{sel}>{}</option>", escape(l));
    }
    out
}

/// A tag as the language lists show it (`zh` → `zh-Hans`); one that does not parse as given.
fn canonical(tag: &str) -> String {
    Lang::parse(tag).map_or_else(|_| tag.to_string(), |l| l.as_str().to_string())
}

/// A unit's state as the CLI shows it: `needs review`, `approved`, `ok`, with confidence.
fn state(status: &str, approved: bool, confidence: Option<f32>) -> String {
    let conf = confidence
        .map(|c| format!(" · conf {c:.2}"))
        .unwrap_or_default();
    let (class, label) = match status {
        "needs-review" => ("review", "needs review"),
        _ if approved => ("approved", "approved"),
        _ => ("ok", "ok"),
    };
    format!("<span class=\"state {class}\">{label}{conf}</span>")
}

fn copy_button(text: &str) -> String {
    format!(
        "<button type=\"button\" class=\"copy\" data-copy=\"{}\" title=\"Copy\">Copy</button>",
        escape(text)
    )
}

#[derive(serde::Deserialize)]
pub(super) struct SearchQuery {
    q: Option<String>,
    lang: Option<String>,
    to: Option<String>,
    offset: Option<usize>,
}

/// Units per page of search results.
const PAGE: usize = 20;

pub(super) async fn search(
    State(shared): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> PageResult {
    let asked = q.q.as_deref().is_some_and(|p| !p.trim().is_empty());
    let request = if asked {
        Some(concordance_request(
            q.q.clone(),
            q.lang.as_deref(),
            q.to.as_deref(),
            Some(PAGE),
            q.offset,
        )?)
    } else {
        None
    };
    let langs = shared.langs().await?;
    let found = match request {
        Some(r) => Some(
            shared
                .read(move |memory| api::run_concordance(memory, &r))
                .await?,
        ),
        None => None,
    };
    let phrase = q.q.unwrap_or_default();
    let lang = canonical(q.lang.as_deref().unwrap_or("en"));
    let to = canonical(q.to.as_deref().unwrap_or(""));
    let mut body = format!(
        "<form class=\"bar\" action=\"/search\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" id=\"q\" value=\"{}\" placeholder=\"A phrase in any language\" \
         maxlength=\"{}\" autofocus aria-label=\"Phrase\">\
         <select name=\"lang\" aria-label=\"Language of the phrase\">{}</select>\
         <select name=\"to\" aria-label=\"Other language\">{}</select>\
         <button>Search</button></form>",
        escape(&phrase),
        super::MAX_PHRASE_CHARS,
        lang_options(&langs, Some(&lang), None),
        lang_options(&langs, Some(&to), Some("all languages")),
    );
    let Some(found) = found else {
        return Ok(layout("Search", "Search", &body));
    };
    let offset = q.offset.unwrap_or(0);
    let more = if found.truncated { "+" } else { "" };
    let about = found.estimated.map_or(String::new(), |e| {
        format!(
            " (about {} in all, estimated from the first {} of {} candidates)",
            e.units, e.checked, e.candidates
        )
    });
    let _ = write!(
        body,
        "<p class=\"summary\" id=\"summary\">{}{more} {} “{}” in {}{about}</p>",
        found.total,
        if found.total == 1 && more.is_empty() {
            "unit contains"
        } else {
            "units contain"
        },
        escape(&phrase),
        escape(&lang)
    );
    if !found.translations.is_empty() {
        body.push_str("<section class=\"renderings\"><h2>Translations</h2>");
        if let Some(note) = found.sample_note() {
            let _ = write!(body, "<p class=\"sample\">{}</p>", escape(&note));
        }
        body.push_str("<ul>");
        for r in &found.translations {
            let _ = write!(
                body,
                "<li lang=\"{}\"><span class=\"tag\">{}</span> <span class=\"text\">{}</span> \
                 <span class=\"count\">{} of {}</span> {}</li>",
                escape(&r.lang),
                escape(&r.lang),
                escape(&r.text),
                r.count,
                r.total,
                copy_button(&r.text)
            );
        }
        body.push_str("</ul></section>");
    }
    body.push_str("<ol class=\"hits\">");
    for hit in &found.hits {
        let _ = write!(
            body,
            "<li class=\"unit\" id=\"unit-{}\"><div class=\"meta\"><a href=\"/review?unit={}\">unit {}</a> {}</div>\
             <p lang=\"{}\"><span class=\"tag\">{}</span> <span class=\"text\">{}</span></p>",
            hit.unit,
            hit.unit,
            hit.unit,
            state(&hit.status, hit.approved, hit.confidence),
            escape(&lang),
            escape(&lang),
            escape_marked(&hit.text, &hit.highlights)
        );
        for (tag, text) in &hit.others {
            // The phrase's rendering in this language, where one was found.
            let rendered = hit.rendered_in(tag);
            let _ = write!(
                body,
                "<p lang=\"{}\"><span class=\"tag\">{}</span> <span class=\"text\">{}</span> {}</p>",
                escape(tag),
                escape(tag),
                escape_marked(text, &rendered),
                copy_button(text)
            );
        }
        body.push_str("</li>");
    }
    body.push_str("</ol><nav class=\"pages\">");
    let link = |off: usize, label: &str| {
        format!(
            "<a href=\"/search?q={}&amp;lang={}&amp;to={}&amp;offset={off}\">{label}</a>",
            escape(&url_encode(&phrase)),
            escape(&url_encode(&lang)),
            escape(&url_encode(&to))
        )
    };
    if offset > 0 {
        body.push_str(&link(offset.saturating_sub(PAGE), "← Previous"));
    }
    if offset + found.hits.len() < found.total {
        body.push_str(&link(offset + PAGE, "Next →"));
    }
    body.push_str("</nav>");
    Ok(layout("Search", "Search", &body))
}

/// `%XX` for every byte but unreserved ASCII (RFC 3986).
fn url_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(serde::Deserialize)]
pub(super) struct LookupForm {
    text: Option<String>,
    from: Option<String>,
    to: Option<String>,
    min: Option<u32>,
}

fn lookup_form(langs: &[String], f: &LookupForm) -> String {
    format!(
        "<form class=\"stack\" action=\"/lookup\" method=\"post\">\
         <textarea name=\"text\" id=\"text\" rows=\"6\" autofocus aria-label=\"Sentence or article\" \
         placeholder=\"Paste a sentence or a whole article\">{}</textarea>\
         <div class=\"bar\"><label>from <select name=\"from\">{}</select></label>\
         <label>to <select name=\"to\">{}</select></label>\
         <label>min % <input type=\"number\" name=\"min\" min=\"1\" max=\"100\" value=\"{}\"></label>\
         <button>Look up</button></div></form>",
        escape(f.text.as_deref().unwrap_or("")),
        lang_options(
            langs,
            Some(&canonical(f.from.as_deref().unwrap_or("en"))),
            None
        ),
        lang_options(
            langs,
            Some(&canonical(f.to.as_deref().unwrap_or("az"))),
            None
        ),
        f.min.unwrap_or(50)
    )
}

pub(super) async fn lookup(State(shared): State<AppState>) -> PageResult {
    let langs = shared.langs().await?;
    let empty = LookupForm {
        text: None,
        from: None,
        to: None,
        min: None,
    };
    Ok(layout("Lookup", "Lookup", &lookup_form(&langs, &empty)))
}

/// Most sentences of a pasted article looked up at once.
const MAX_SENTENCES: usize = 200;

pub(super) async fn lookup_post(
    State(shared): State<AppState>,
    Form(f): Form<LookupForm>,
) -> PageResult {
    let from = lang_param("from", f.from.as_deref())?;
    let to = lang_param("to", f.to.as_deref())?;
    let options = lookup_options(f.min, Some(3))?;
    let text = f.text.clone().unwrap_or_default();
    if text.len() > search::MAX_QUERY_BYTES {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the text is {} bytes long; at most {} are looked up at once",
                text.len(),
                search::MAX_QUERY_BYTES
            ),
        )
        .into());
    }
    let langs = shared.langs().await?;
    let answers = shared
        .read(move |memory| {
            let mut answers = Vec::new();
            for sentence in crate::segment::segment(&text, &from)
                .iter()
                .take(MAX_SENTENCES)
            {
                let s = sentence.text(&text).trim().to_string();
                let found = match search::lookup(memory, &s, &from, &to, &options) {
                    Err(LookupError::Empty) => continue,
                    other => other?,
                };
                answers.push((s, found));
            }
            Ok(answers)
        })
        .await?;
    let mut body = lookup_form(&langs, &f);
    body.push_str("<ol class=\"answers\">");
    for (sentence, found) in &answers {
        let _ = write!(
            body,
            "<li class=\"answer\"><p class=\"query\">{}</p>",
            escape(sentence)
        );
        if found.is_empty() {
            body.push_str("<p class=\"none\">no match</p>");
        }
        for m in found {
            body.push_str(&render_match(m));
        }
        body.push_str("</li>");
    }
    body.push_str("</ol>");
    Ok(layout("Lookup", "Lookup", &body))
}

fn render_match(m: &FuzzyMatch) -> String {
    let band = Band::of(Some(m.score));
    let mut diff = String::new();
    for part in &m.diff {
        if !diff.is_empty() && part.spaced {
            diff.push(' ');
        }
        match part.op {
            Edit::Equal => diff.push_str(&escape(&part.source)),
            Edit::Insert => {
                let _ = write!(diff, "<ins>{}</ins>", escape(&part.query));
            }
            Edit::Delete => {
                let _ = write!(diff, "<del>{}</del>", escape(&part.source));
            }
            Edit::Replace | Edit::Changed => {
                let _ = write!(
                    diff,
                    "<del>{}</del><ins>{}</ins>",
                    escape(&part.source),
                    escape(&part.query)
                );
            }
        }
    }
    let provenance = match (&m.article, &m.date) {
        (Some(a), _) => format!(
            "<a href=\"/article/{}\">{}</a>",
            escape(&url_encode(a)),
            escape(a)
        ),
        (None, Some(d)) => format!("{} {}", escape(&m.origin), escape(d)),
        (None, None) => escape(&m.origin),
    };
    let adapted = if m.adapted {
        " <span class=\"adapted\">adapted: numbers/dates replaced</span>".to_string()
    } else if !m.unadapted.is_empty() {
        format!(
            " <span class=\"unadapted\">not adapted, check: {}</span>",
            escape(&m.unadapted.join(", "))
        )
    } else {
        String::new()
    };
    format!(
        "<div class=\"match\"><div class=\"meta\"><span class=\"score\">{}%</span> \
         <span class=\"band\">{}</span> unit {} · {provenance} {}</div>\
         <p class=\"source\">{diff}</p><p class=\"target\"><span class=\"text\">{}</span>{adapted} {}</p></div>",
        fuzzy::percent(m.score),
        escape(band.label()),
        m.unit,
        state(&m.status, m.approved, m.confidence),
        escape(&m.target),
        copy_button(&m.target)
    )
}

#[derive(serde::Deserialize)]
pub(super) struct ReviewQuery {
    reason: Option<String>,
    article: Option<String>,
    unit: Option<i64>,
    done: Option<String>,
}

/// Units shown at once in the review queue.
const QUEUE_PAGE: usize = 50;

pub(super) async fn review(
    State(shared): State<AppState>,
    Query(q): Query<ReviewQuery>,
) -> PageResult {
    let filter = queue_filter(q.reason.as_deref(), q.article.clone())?;
    let one = q.unit;
    let (units, total, around) = shared
        .read(move |memory| match one {
            Some(id) => {
                let view = curate::show(memory, id)?;
                Ok((vec![view.unit], 1, Some((view.before, view.after))))
            }
            None => {
                let queue = memory.review_queue(&filter)?;
                let total = queue.len();
                let shown = queue.into_iter().take(QUEUE_PAGE).collect::<Vec<_>>();
                Ok((shown, total, None))
            }
        })
        .await?;
    let mut body = String::new();
    if let Some(done) = &q.done {
        let _ = write!(body, "<p class=\"done\" id=\"done\">{}</p>", escape(done));
    }
    if one.is_none() {
        let mut reasons = String::from("<option value=\"\">every reason</option>");
        for check in Check::ALL {
            let sel = if q.reason.as_deref() == Some(check.as_str()) {
                " selected"
            } else {
                ""
            };
            let _ = write!(reasons, "<option{sel}>{}</option>", check.as_str());
        }
        let _ = write!(
            body,
            "<form class=\"bar\" action=\"/review\" method=\"get\">\
             <select name=\"reason\" aria-label=\"Reason\">{reasons}</select>\
             <input name=\"article\" placeholder=\"article slug\" value=\"{}\" aria-label=\"Article\">\
             <button>Filter</button></form>\
             <p class=\"summary\" id=\"summary\">{total} {} review{}</p>",
            escape(q.article.as_deref().unwrap_or("")),
            if total == 1 {
                "unit needs"
            } else {
                "units need"
            },
            if total > QUEUE_PAGE {
                format!(" (the first {QUEUE_PAGE} shown)")
            } else {
                String::new()
            }
        );
    }
    if shared.writer.is_none() {
        body.push_str("<p class=\"note\">This server is read-only.</p>");
    } else if shared.token.is_some() {
        body.push_str(
            "<p class=\"bar\"><label>Write token <input type=\"password\" id=\"token\" \
             autocomplete=\"off\"></label></p>",
        );
    }
    if let Some((Some(before), _)) = &around {
        body.push_str(&render_neighbour("before", before));
    }
    body.push_str("<ol class=\"queue\">");
    let next = around
        .as_ref()
        .and_then(|(_, after)| after.as_ref().map(|u| u.id));
    for unit in &units {
        body.push_str(&render_review_unit(&shared, unit, next));
    }
    body.push_str("</ol>");
    if let Some((_, Some(after))) = &around {
        body.push_str(&render_neighbour("after", after));
    }
    Ok(layout("Review", "Review", &body))
}

/// The unit before or after the reviewed one in its article, to read it in context.
fn render_neighbour(which: &str, unit: &UnitRecord) -> String {
    let mut out = format!(
        "<div class=\"neighbour\" id=\"{which}\"><div class=\"meta\">{which}: \
         <a href=\"/review?unit={}\">unit {}</a> {}</div>",
        unit.id,
        unit.id,
        state(
            unit.status.as_str(),
            unit.approved_by.is_some(),
            unit.confidence
        )
    );
    for v in &unit.variants {
        let _ = write!(
            out,
            "<p lang=\"{}\"><span class=\"tag\">{}</span> <span class=\"text\">{}</span></p>",
            escape(v.lang.as_str()),
            escape(v.lang.as_str()),
            escape(&v.text)
        );
    }
    out.push_str("</div>");
    out
}

fn render_review_unit(shared: &Shared, unit: &UnitRecord, merge_with: Option<i64>) -> String {
    let reasons: Vec<String> = unit
        .reasons
        .iter()
        .map(|r| {
            let langs: Vec<&str> = r.langs.iter().map(Lang::as_str).collect();
            format!("{} ({})", r.check.as_str(), langs.join(", "))
        })
        .collect();
    let article = unit
        .article
        .as_deref()
        .map(|a| {
            format!(
                " · <a href=\"/article/{}#unit-{}\">{}</a>",
                escape(&url_encode(a)),
                unit.id,
                escape(a)
            )
        })
        .unwrap_or_default();
    let mut out = format!(
        "<li class=\"unit\" id=\"unit-{}\"><div class=\"meta\">unit {}{article} {} \
         <span class=\"reasons\">{}</span></div>",
        unit.id,
        unit.id,
        state(
            unit.status.as_str(),
            unit.approved_by.is_some(),
            unit.confidence
        ),
        escape(&reasons.join("; "))
    );
    for v in &unit.variants {
        let _ = write!(
            out,
            "<p lang=\"{}\"><span class=\"tag\">{}</span> <span class=\"text\">{}</span></p>",
            escape(v.lang.as_str()),
            escape(v.lang.as_str()),
            escape(&v.text)
        );
    }
    if shared.writer.is_some() {
        let hidden = format!(
            "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"token\" value=\"\">",
            escape(&shared.csrf)
        );
        let action = format!("/review/{}", unit.id);
        let first = unit.variants.first();
        let langs: Vec<String> = unit
            .variants
            .iter()
            .map(|v| v.lang.as_str().to_string())
            .collect();
        let _ = write!(
            out,
            "<div class=\"actions\">\
             <form method=\"post\" action=\"{action}\">{hidden}<input type=\"hidden\" name=\"action\" value=\"approve\"><button>Approve</button></form>\
             <form method=\"post\" action=\"{action}\" class=\"edit\">{hidden}<input type=\"hidden\" name=\"action\" value=\"edit\">\
             <select name=\"lang\" aria-label=\"Language to edit\">{}</select>\
             <textarea name=\"text\" rows=\"2\" aria-label=\"New text\">{}</textarea><button>Save</button></form>\
             <form method=\"post\" action=\"{action}\" class=\"split\">{hidden}<input type=\"hidden\" name=\"action\" value=\"split\">\
             <input name=\"keep\" size=\"12\" placeholder=\"en=1 ru=1\" aria-label=\"Sentences that stay, per language\"><button>Split</button></form>\
             <form method=\"post\" action=\"{action}\" class=\"merge\">{hidden}<input type=\"hidden\" name=\"action\" value=\"merge\">\
             <input name=\"with\" size=\"6\" inputmode=\"numeric\" placeholder=\"unit\" value=\"{}\" aria-label=\"Neighbour to merge with\"><button>Merge</button></form>\
             <form method=\"post\" action=\"{action}\">{hidden}<input type=\"hidden\" name=\"action\" value=\"delete\"><button class=\"danger\">Delete</button></form>\
             </div>",
            lang_options(&langs, first.map(|v| v.lang.as_str()), None),
            escape(first.map(|v| v.text.as_str()).unwrap_or("")),
            merge_with.map(|n| n.to_string()).unwrap_or_default()
        );
    }
    out.push_str("</li>");
    out
}

#[derive(serde::Deserialize)]
pub(super) struct ReviewForm {
    csrf: String,
    token: Option<String>,
    action: String,
    lang: Option<String>,
    text: Option<String>,
    keep: Option<String>,
    with: Option<String>,
    user: Option<String>,
}

/// Refuses a form post from another origin or without the page's CSRF token (and the write token
/// when the server has one).
fn check_form_write(
    shared: &Shared,
    headers: &HeaderMap,
    form: &ReviewForm,
) -> Result<(), Failure> {
    if shared.writer.is_none() {
        return Err(super::read_only());
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let own = format!("http://{host}");
    let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
    let referer = headers.get(header::REFERER).and_then(|h| h.to_str().ok());
    let same_origin = match (origin, referer) {
        (Some(o), _) => o == own,
        (None, Some(r)) => r == own || r.starts_with(&format!("{own}/")),
        (None, None) => false,
    };
    if host.is_empty() || !same_origin {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "a review change must come from this server's own page (Origin check)",
        ));
    }
    if !super::constant_time_eq(form.csrf.as_bytes(), shared.csrf.as_bytes()) {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "the page is out of date (CSRF token): reload it and try again",
        ));
    }
    if shared.token.is_some() && !shared.token_matches(form.token.as_deref().unwrap_or("").trim()) {
        return Err(Failure::new(
            StatusCode::UNAUTHORIZED,
            "give the write token above the queue",
        ));
    }
    Ok(())
}

pub(super) async fn review_post(
    State(shared): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<ReviewForm>,
) -> Result<Redirect, PageFailure> {
    check_form_write(&shared, &headers, &form)?;
    let done = match form.action.as_str() {
        "approve" => {
            shared
                .write(form.user, move |memory, actor| {
                    Ok(curate::approve(memory, &[id], actor)?)
                })
                .await?;
            format!("unit {id} approved")
        }
        "edit" => {
            let lang = lang_param("lang", form.lang.as_deref())?;
            let text = form.text.unwrap_or_default();
            let shown = lang.clone();
            shared
                .write(form.user, move |memory, actor| {
                    Ok(curate::edit(memory, id, &lang, &text, actor)?)
                })
                .await?;
            format!("unit {id}: {shown} saved")
        }
        "split" => {
            let keep = api::split_points(form.keep.as_deref().unwrap_or(""))?;
            let new = shared
                .write(form.user, move |memory, actor| {
                    Ok(curate::split(memory, id, &keep, actor)?)
                })
                .await?;
            format!("unit {id} split: the rest is unit {new}")
        }
        "merge" => {
            let with: i64 = form
                .with
                .as_deref()
                .map(str::trim)
                .and_then(|w| w.parse().ok())
                .ok_or_else(|| Failure::bad("give the id of the neighbour to merge with"))?;
            let kept = shared
                .write(form.user, move |memory, actor| {
                    Ok(curate::merge(memory, id, with, actor)?)
                })
                .await?;
            format!("units {id} and {with} merged into unit {kept}")
        }
        "delete" => {
            shared
                .write(form.user, move |memory, actor| {
                    Ok(curate::delete(memory, &[id], actor)?)
                })
                .await?;
            format!("unit {id} deleted")
        }
        other => {
            return Err(Failure::bad(format!(
                "unknown review action '{other}': approve, edit, split, merge or delete"
            ))
            .into());
        }
    };
    Ok(Redirect::to(&format!("/review?done={}", url_encode(&done))))
}

pub(super) async fn article(
    State(shared): State<AppState>,
    Path(slug): Path<String>,
) -> PageResult {
    let wanted = slug.clone();
    let units = shared
        .read(move |memory| {
            memory.article_unit_records(&wanted)?.ok_or_else(|| {
                Failure::new(
                    StatusCode::NOT_FOUND,
                    format!("there is no article '{wanted}'"),
                )
            })
        })
        .await?;
    let mut langs: Vec<Lang> = Vec::new();
    for u in &units {
        for v in &u.variants {
            if !langs.contains(&v.lang) {
                langs.push(v.lang.clone());
            }
        }
    }
    // The source language first, then the others as stored.
    if let Some(src) = units.iter().find_map(|u| u.srclang.clone())
        && let Some(i) = langs.iter().position(|l| l == &src)
    {
        let l = langs.remove(i);
        langs.insert(0, l);
    }
    let mut body = format!(
        "<h1 id=\"title\">{}</h1><p class=\"summary\">{} units</p><div class=\"table\"><table class=\"article\"><thead><tr><th>unit</th>",
        escape(&slug),
        units.len()
    );
    for l in &langs {
        let _ = write!(body, "<th>{}</th>", escape(l.as_str()));
    }
    body.push_str("</tr></thead><tbody>");
    for u in &units {
        let _ = write!(
            body,
            "<tr id=\"unit-{}\"><td class=\"meta\"><a href=\"/review?unit={}\">{}</a> {}</td>",
            u.id,
            u.id,
            u.id,
            state(u.status.as_str(), u.approved_by.is_some(), u.confidence)
        );
        for l in &langs {
            let text = u.variant(l).map(|v| v.text.as_str()).unwrap_or("");
            let _ = write!(
                body,
                "<td lang=\"{}\">{}</td>",
                escape(l.as_str()),
                escape(text)
            );
        }
        body.push_str("</tr>");
    }
    body.push_str("</tbody></table></div>");
    Ok(layout(&slug, "", &body))
}

pub(super) async fn memory(State(shared): State<AppState>) -> PageResult {
    let (stats, articles, imports) = shared
        .read(|memory| Ok((memory.stats()?, memory.articles()?, memory.imports()?)))
        .await?;
    let mut body = format!(
        "<h1>Memory</h1><table class=\"stats\" id=\"stats\">\
         <tr><th>articles</th><td>{}</td></tr><tr><th>documents</th><td>{}</td></tr>\
         <tr><th>sentences</th><td>{}</td></tr><tr><th>units</th><td>{}</td></tr>\
         <tr><th>needs review</th><td>{}</td></tr></table>",
        stats.articles, stats.documents, stats.segments, stats.units, stats.needs_review
    );
    body.push_str(
        "<h2>Languages</h2><table><tr><th>language</th><th>documents</th><th>variants</th></tr>",
    );
    for l in &stats.languages {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&l.lang),
            l.documents,
            l.variants
        );
    }
    body.push_str("</table><h2>Articles</h2><table><tr><th>article</th><th>languages</th><th>units</th><th>needs review</th></tr>");
    for a in &articles {
        let _ = write!(
            body,
            "<tr><td><a href=\"/article/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&url_encode(&a.slug)),
            escape(&a.slug),
            escape(&a.langs.join(", ")),
            a.units,
            a.needs_review
        );
    }
    body.push_str("</table><h2>Imports</h2><table><tr><th>id</th><th>file</th><th>format</th><th>units</th></tr>");
    for i in &imports {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i.id,
            escape(&i.path),
            escape(&i.format),
            i.units
        );
    }
    body.push_str("</table>");
    Ok(layout("Memory", "Memory", &body))
}
