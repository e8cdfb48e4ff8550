//! Chinese for phrase work: word segmentation by jieba-rs (its bundled dictionary of about
//! 350,000 words, and its HMM for words the dictionary lacks, such as transliterated names), and
//! the function words.
//!
//! The segmenter is loaded once per process, on first use, into a `OnceLock`: loading the
//! dictionary takes a noticeable fraction of a second, and it is never changed afterwards.

use std::ops::Range;
use std::sync::OnceLock;

use jieba_rs::Jieba;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The words of a run of Han characters, as byte ranges of `run` that partition it.
pub(crate) fn segment(run: &str) -> Vec<Range<usize>> {
    jieba()
        .cut(run, true)
        .into_iter()
        .map(|t| t.byte_start..t.byte_end)
        .collect()
}

/// Particles, prepositions, conjunctions, pronouns, measure words and copulas.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "的", "了", "在", "是", "和", "与", "及", "也", "都", "而", "就", "对", "于", "将", "被", "把",
    "从", "向", "为", "以", "之", "其", "这", "那", "个", "中", "上", "下", "等", "着", "过", "并",
    "或", "但", "所", "该", "此", "他", "她", "它", "们", "他们", "我们", "你", "我", "有", "说",
    "这个", "那个", "已", "已经", "会", "要", "让", "给", "由", "到", "还", "又", "再",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_partition_the_run() {
        let run = "朝鲜半岛无核化";
        let ranges = segment(run);
        let mut at = 0;
        for r in &ranges {
            assert_eq!(r.start, at);
            at = r.end;
        }
        assert_eq!(at, run.len());
        assert_eq!(&run[ranges[0].clone()], "朝鲜半岛");
    }
}
