//! Why a unit needs review, as stored with it: which check raised it ([`Check`]) and for which
//! languages ([`ReviewReason`]). The policy that decides it lives in `ingest::review`; the workflow
//! that resolves it in `curate`.

use crate::lang::Lang;

/// A check that can send a unit to review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// An alignment of the article has a warning (an empty side, the wrong script, lengths far apart).
    DoubtfulArticle,
    /// The alignment confidence is below the policy's threshold.
    LowConfidence,
    /// A number on one side is missing on the other.
    NumberMismatch,
    /// The length ratio is far from the pair's usual one.
    LengthOutlier,
    /// The pairs cut the source sentences differently.
    PivotDisagreement,
    /// A name on one side has no counterpart on the other.
    NameMismatch,
}

impl Check {
    /// Every check, in the order they are listed.
    pub const ALL: [Check; 6] = [
        Check::DoubtfulArticle,
        Check::LowConfidence,
        Check::NumberMismatch,
        Check::LengthOutlier,
        Check::PivotDisagreement,
        Check::NameMismatch,
    ];

    /// The value stored in `review_reason.kind` and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::DoubtfulArticle => "doubtful-article",
            Check::LowConfidence => "low-confidence",
            Check::NumberMismatch => "number-mismatch",
            Check::LengthOutlier => "length-outlier",
            Check::PivotDisagreement => "pivot-disagreement",
            Check::NameMismatch => "name-mismatch",
        }
    }

    /// Reads a stored or typed value.
    ///
    /// # Errors
    /// [`super::Error::UnknownCheck`] for a value tmkit does not know.
    pub fn parse(value: &str) -> Result<Check, super::Error> {
        Check::ALL
            .into_iter()
            .find(|c| c.as_str() == value)
            .ok_or_else(|| super::Error::UnknownCheck {
                value: value.to_string(),
            })
    }
}

/// One reason a unit needs review.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ReviewReason {
    /// The check that raised it.
    pub check: Check,
    /// The languages whose alignment raised it (empty when not known, e.g. for units stored before
    /// reasons were kept).
    pub langs: Vec<Lang>,
}

impl ReviewReason {
    /// Reads what [`Display`](std::fmt::Display) writes (`number-mismatch (ru,zh-Hans)`, or the check
    /// alone); None when the check or a language is not one tmkit knows.
    pub fn parse(value: &str) -> Option<ReviewReason> {
        let value = value.trim();
        let (check, langs) = match value.split_once(" (") {
            Some((check, rest)) => (check, rest.strip_suffix(')')?),
            None => (value, ""),
        };
        let langs = langs
            .split(',')
            .filter(|l| !l.is_empty())
            .map(|l| Lang::parse(l.trim()).ok())
            .collect::<Option<Vec<Lang>>>()?;
        Some(ReviewReason {
            check: Check::parse(check).ok()?,
            langs,
        })
    }
}

impl std::fmt::Display for ReviewReason {
    /// `number-mismatch (zh-Hans)`, or the check alone when no language is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.check.as_str())?;
        if !self.langs.is_empty() {
            let langs: Vec<&str> = self.langs.iter().map(Lang::as_str).collect();
            write!(f, " ({})", langs.join(","))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_parse_what_they_write_and_reasons_name_their_languages() {
        for check in Check::ALL {
            assert_eq!(Check::parse(check.as_str()).expect("known"), check);
        }
        assert!(Check::parse("spelling").is_err());
        let reason = ReviewReason {
            check: Check::NumberMismatch,
            langs: vec![
                Lang::parse("ru").expect("tag"),
                Lang::parse("zh").expect("tag"),
            ],
        };
        assert_eq!(reason.to_string(), "number-mismatch (ru,zh-Hans)");
        assert_eq!(ReviewReason::parse(&reason.to_string()), Some(reason));
        assert_eq!(
            ReviewReason::parse("length-outlier"),
            Some(ReviewReason {
                check: Check::LengthOutlier,
                langs: Vec::new()
            })
        );
        assert_eq!(ReviewReason::parse("spelling (ru)"), None);
        assert_eq!(ReviewReason::parse("number-mismatch (ru"), None);
        assert_eq!(ReviewReason::parse("number-mismatch (r_u)"), None);
    }
}
