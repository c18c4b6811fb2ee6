//! Escaping for text that goes into HTML, attributes and inline scripts.
//!
//! Content is never trusted to be markup: titles, labels, dataset values and anything
//! else from front matter or data files pass through these functions on their way out.

/// Escapes text for an HTML element body or a quoted attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_forbidden_in_xml(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Characters XML 1.0 does not allow anywhere (and HTML reports as errors): the C0
/// controls but tab, newline and carriage return, and U+FFFE, U+FFFF. [`escape`] drops
/// them, so a control character escaped into a YAML title cannot make a feed ill-formed.
pub(crate) fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Serialises a value as JSON that is safe inside `<script>` (including
/// `<script type="application/json">` and JSON-LD): `<`, `>`, `&` and the line
/// separators are written as `\u` escapes so no value can close the element.
pub(crate) fn json_for_script<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// Is this URL safe to put in an `href` written from data (not from the author's own
/// markdown)? Rejects `javascript:`, `data:` and `vbscript:` schemes.
pub(crate) fn is_safe_href(url: &str) -> bool {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    !(lowered.starts_with("javascript:")
        || lowered.starts_with("data:")
        || lowered.starts_with("vbscript:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn json_cannot_close_a_script_element() {
        let json = json_for_script(&"</script><script>alert(1)</script>");
        assert!(!json.contains("</script"));
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>");
    }

    #[test]
    fn rejects_script_urls() {
        assert!(!is_safe_href(" JavaScript:alert(1)"));
        assert!(!is_safe_href("java\tscript:alert(1)"));
        assert!(is_safe_href("https://example.org/"));
        assert!(is_safe_href("/a/b/"));
    }
}
