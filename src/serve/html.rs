//! HTML escaping: every text the page shows goes through [`escape`], in element content and in
//! attribute values alike (the page quotes every attribute with `"`).

/// `text` with `&`, `<`, `>`, `"` and `'` as character references: safe in element content and in a
/// quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` escaped, with the byte ranges `marks` wrapped in `<mark>`: a concordance hit's phrase.
/// Ranges out of order, overlapping or not on character boundaries are left unmarked.
pub fn escape_marked(text: &str, marks: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in marks {
        let (Some(before), Some(marked)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        out.push_str(&escape(before));
        out.push_str("<mark>");
        out.push_str(&escape(marked));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or("")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_unit_is_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("\"onmouseover='x' </textarea> & ə"),
            "&quot;onmouseover=&#39;x&#39; &lt;/textarea&gt; &amp; ə"
        );
    }

    #[test]
    fn marks_wrap_the_phrase_and_escape_around_it() {
        let text = "Xi <b> Astana ə";
        let astana = [7..13, 40..41]; // the second is past the end: left out
        let inside_schwa = [15..16, 0..2];
        assert_eq!(
            escape_marked(text, &astana),
            "Xi &lt;b&gt; <mark>Astana</mark> ə"
        );
        // Not on a character boundary (inside ə): left unmarked.
        assert_eq!(
            escape_marked(text, &inside_schwa),
            "<mark>Xi</mark> &lt;b&gt; Astana ə"
        );
    }
}
