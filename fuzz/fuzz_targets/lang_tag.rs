//! Language tags: parsing never panics, and a parsed tag is a fixed point. Its canonical form parses
//! to itself, case does not matter, the tag with the region CAT tools expect (`with_region`) parses
//! back to the same language and script, and folding and normalising any text are idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmkit::Lang;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the tag, the rest text to fold.
    let (tag, text) = input
        .split_once('\n')
        .unwrap_or((input, "İLHAM ƏLİYEV Baki ΣΊΣΥΦΟΣ"));
    let Ok(lang) = Lang::parse(tag) else {
        return;
    };
    let canonical = lang.as_str();
    assert_eq!(
        Lang::parse(canonical).ok(),
        Some(lang.clone()),
        "the canonical form {canonical:?} of {tag:?}"
    );
    assert_eq!(
        Lang::parse(&tag.to_ascii_uppercase()).ok(),
        Some(lang.clone()),
        "{tag:?} in upper case"
    );
    assert_eq!(
        Lang::parse(&tag.to_ascii_lowercase()).ok(),
        Some(lang.clone()),
        "{tag:?} in lower case"
    );
    assert!(
        canonical.starts_with(lang.language()),
        "{canonical:?} does not start with its language"
    );
    let regional = lang.with_region();
    let back = Lang::parse(&regional).unwrap_or_else(|e| {
        panic!("{canonical:?} with its region {regional:?} does not parse: {e}")
    });
    assert_eq!(
        (back.language(), back.script_subtag()),
        (lang.language(), lang.script_subtag()),
        "{canonical:?} → {regional:?} → {back}"
    );
    let _ = lang.info();
    let folded = lang.fold(text);
    assert_eq!(
        lang.fold(&folded),
        folded,
        "folding {text:?} in {canonical} twice"
    );
    let normal = lang.normalize(text);
    assert_eq!(
        lang.normalize(&normal),
        normal,
        "normalising {text:?} in {canonical} twice"
    );
});
