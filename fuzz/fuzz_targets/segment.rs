//! The built-in segmenter over arbitrary text in en, az, ru, zh and languages with the default rules,
//! in each line-break mode: the sentences partition the text (see `common::check_partition`), and in
//! `break` mode no sentence spans two lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::segment::{LineBreaks, Segmenter};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let ([which], rest) = common::params::<1>(data);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = common::lang(which & 0x0F);
    let mode = match which >> 4 & 3 {
        0 | 3 => LineBreaks::Auto,
        1 => LineBreaks::Space,
        _ => LineBreaks::Break,
    };
    let sentences = Segmenter::for_lang(&lang)
        .with_line_breaks(mode)
        .segment(text);
    common::check_partition(text, &sentences);
    if mode == LineBreaks::Break {
        for s in &sentences {
            let body = &text[s.span.bytes.clone()];
            assert!(
                !body.contains('\n'),
                "{lang}: sentence {body:?} spans two lines in break mode"
            );
        }
    }
});
