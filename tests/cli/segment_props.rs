//! Properties of segmentation on arbitrary input: no panic, no empty sentence, and the sentences with
//! the whitespace between them give back the input.

use proptest::prelude::*;
use tmkit::Lang;
use tmkit::segment::segment;

fn check_partition(text: &str, lang: &str) -> Result<(), TestCaseError> {
    let tag = Lang::parse(lang).expect("valid tag");
    let sentences = segment(text, &tag);
    let mut rebuilt = String::new();
    let mut pos = 0;
    let mut chars = 0;
    for s in &sentences {
        let gap = &text[pos..s.span.bytes.start];
        prop_assert!(
            gap.trim().is_empty(),
            "non-whitespace {gap:?} outside every sentence"
        );
        chars += gap.chars().count();
        let body = &text[s.span.bytes.clone()];
        prop_assert!(!body.trim().is_empty(), "empty sentence at {:?}", s.span);
        prop_assert_eq!(body.trim(), body, "sentence is not trimmed");
        prop_assert_eq!(s.span.chars.start, chars);
        chars += body.chars().count();
        prop_assert_eq!(s.span.chars.end, chars);
        rebuilt.push_str(gap);
        rebuilt.push_str(body);
        pos = s.span.bytes.end;
    }
    let tail = &text[pos..];
    prop_assert!(tail.trim().is_empty());
    rebuilt.push_str(tail);
    prop_assert_eq!(rebuilt, text);
    Ok(())
}

proptest! {
    #[test]
    fn any_unicode_segments_into_a_partition(text in "\\PC{0,200}", lang in prop::sample::select(vec!["en", "az", "ru", "zh", "fr"])) {
        check_partition(&text, lang)?;
    }

    #[test]
    fn sentence_like_text_segments_into_a_partition(
        text in "([A-ZƏİŞА-Я]?[a-zəışа-я]{0,6}|[0-9]{1,3}|[.!?…。！？;:,\"“”«»()'’ -]|\n|\n\n| ){0,80}",
        lang in prop::sample::select(vec!["en", "az", "ru", "zh"]),
    ) {
        check_partition(&text, lang)?;
    }
}
