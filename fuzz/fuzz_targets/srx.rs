//! SRX 2.0 parsing and segmenting by the rules read: the input is an SRX document, a NUL byte, then
//! text. Parsing never panics; a parsed document written back with `Srx::to_xml` parses to the same
//! rules; a segmenter built from it segments the text into a partition (`common::check_partition`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::segment::{Segmenter, srx};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (xml, text) = input
        .split_once('\0')
        .unwrap_or((input, "Mr. Smith came. He left! Да. 你好。好"));
    let Ok(parsed) = srx::parse(xml, None) else {
        return;
    };
    let written = parsed.to_xml();
    let again = srx::parse(&written, None)
        .unwrap_or_else(|e| panic!("to_xml wrote an SRX document parse refuses: {e}\n{written}"));
    assert_eq!(
        strip_positions(&parsed),
        strip_positions(&again),
        "to_xml changed the rules:\n{written}"
    );
    for tag in ["en", "ru", "zh-Hans", "az-Latn", "xx"] {
        let lang = tmkit::Lang::parse(tag).expect("valid tag");
        // Rules that do not compile, or no rules for the language, are errors, not panics.
        if let Ok(segmenter) = Segmenter::from_srx(xml, None, &lang) {
            common::check_partition(text, &segmenter.segment(text));
        }
    }
});

/// The document without the rules' line and column (they differ between the input and `to_xml`).
fn strip_positions(srx: &srx::Srx) -> srx::Srx {
    let mut srx = srx.clone();
    for set in &mut srx.language_rules {
        for rule in &mut set.rules {
            rule.line = None;
            rule.col = None;
        }
    }
    srx
}
