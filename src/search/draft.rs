//! Draft translations (`tmkit pretranslate`): the best match of each sentence of a text.

use super::lookup::{LookupError, LookupOptions, lookup};
use super::parallel::Readers;
use crate::fuzzy::{self, FuzzyMatch};
use crate::lang::Lang;
use crate::tmx::xliff::DraftMatch;
use crate::unit::{NewUnit, NewVariant, Origin, Prop};

/// The best match of each sentence, for a draft translation (`tmkit pretranslate`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Draft {
    /// The sentence.
    pub source: String,
    /// Its best match, if any reached the threshold.
    pub best: Option<FuzzyMatch>,
}

/// The best match of every non-empty sentence at `min_score` or more, in the order of `sentences`,
/// looked up on every worker of `readers`.
///
/// # Errors
/// As [`lookup`].
pub fn pretranslate(
    readers: &Readers,
    sentences: &[String],
    from: &Lang,
    to: &Lang,
    min_score: f32,
) -> Result<Vec<Draft>, LookupError> {
    let options = LookupOptions {
        min_score,
        limit: 1,
    };
    let sentences: Vec<&String> = sentences
        .iter()
        .filter(|s| !fuzzy::tokenize(s, from).is_empty())
        .collect();
    readers.map(&sentences, |memory, sentence| {
        let best = match lookup(memory, sentence, from, to, &options) {
            Ok(found) => found.into_iter().next(),
            Err(LookupError::TooLong(_)) => None,
            Err(e) => return Err(e),
        };
        Ok(Draft {
            source: sentence.to_string(),
            best,
        })
    })
}

impl Draft {
    /// The match as the draft writers describe it (TSV, XLIFF, TMX), if there is one.
    pub fn matched(&self) -> Option<DraftMatch<'_>> {
        self.best.as_ref().map(|m| DraftMatch {
            percent: fuzzy::percent(m.score),
            target: &m.target,
            adapted: m.adapted,
            stored_source: &m.source,
            stored_target: m.original_target.as_deref().unwrap_or(&m.target),
            unit: m.unit,
            article: m.article.as_deref(),
            needs_review: m.status == "needs-review",
            approved: m.approved,
        })
    }

    /// The `<tu>` a TMX draft holds for this sentence: the matched unit's own source and stored target
    /// (never the new sentence with an old target, which a CAT tool would take for an exact match),
    /// the match as props (`x-score`, `x-match`, `x-unit`, `x-review`, `x-article`) and the new
    /// sentence in a note. None without a match, and None for a match from a unit that needs review
    /// unless `with_needs_review`: a CAT tool inserts every exact match of a draft in its automatic
    /// folder (OmegaT's `tm/auto/`) and reads no review prop, so such a unit would be served as trusted.
    pub fn tmx_unit(&self, from: &Lang, to: &Lang, with_needs_review: bool) -> Option<NewUnit> {
        let m = self
            .matched()
            .filter(|m| with_needs_review || !m.needs_review)?;
        let mut unit = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(from.clone(), m.stored_source),
                NewVariant::new(to.clone(), m.stored_target),
            ],
        );
        unit.props = vec![
            Prop::typed("x-score", m.percent.to_string()),
            Prop::typed("x-match", m.kind()),
            Prop::typed("x-unit", m.unit.to_string()),
            Prop::typed("x-review", m.review_status()),
        ];
        if let Some(article) = m.article {
            unit.props.push(Prop::typed("x-article", article));
        }
        unit.props
            .push(Prop::note(format!("matched for: {}", self.source)));
        if m.adapted {
            unit.props.push(Prop::note(format!(
                "draft target with numbers/dates adapted: {}",
                m.target
            )));
        }
        Some(unit)
    }
}
