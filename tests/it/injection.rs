//! Content is text, never markup or template code: a site whose every field holds
//! `<script>`, quotes, event handlers, `javascript:` URLs and Tera syntax builds into
//! pages where none of it is live. (tests/browser/injection.test.mjs proves the same in
//! Chromium.)

use crate::common;

use crate::common::{copy_fixture, pillar, stderr, tree};

/// The only script elements the theme writes.
fn allowed_script(tag: &str) -> bool {
    tag.starts_with("<script src=\"/js/")
        || tag == "<script type=\"application/ld+json\">"
        || tag.starts_with("<script type=\"application/json\"")
}

/// The attribute names of an opening tag (`<a href="x" class='y'`), honouring quotes.
fn attribute_names(tag: &str) -> Vec<String> {
    let chars: Vec<char> = tag.chars().collect();
    let mut names = Vec::new();
    let mut i = chars
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(chars.len());
    while i < chars.len() {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        if i > start {
            names.push(chars[start..i].iter().collect());
        }
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            match chars.get(i) {
                Some(&q) if q == '"' || q == '\'' => {
                    i += 1;
                    while i < chars.len() && chars[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < chars.len() && !chars[i].is_whitespace() {
                        i += 1;
                    }
                }
            }
        } else if i == start {
            i += 1;
        }
    }
    names
}

#[test]
fn attribute_names_respect_quotes() {
    assert_eq!(
        attribute_names(r#"<a href="x onload=y" class='z'"#),
        ["href", "class"]
    );
    assert_eq!(
        attribute_names("<img src=x onerror=alert(1)"),
        ["src", "onerror"]
    );
}

#[test]
fn hostile_content_stays_text_everywhere() {
    let site = copy_fixture("hostile");
    let out = pillar(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(bytes);
        let lower = html.to_ascii_lowercase();
        for (i, _) in lower.match_indices("<script") {
            let end = lower[i..].find('>').map_or(lower.len(), |e| i + e + 1);
            assert!(
                allowed_script(&html[i..end]),
                "{path}: unexpected {}",
                &html[i..end]
            );
        }
        // No element carries an event handler attribute.
        for (i, _) in lower.match_indices('<') {
            let end = lower[i..].find('>').map_or(lower.len(), |e| i + e);
            let tag = &lower[i..end];
            let handler = attribute_names(tag)
                .into_iter()
                .find(|n| n.starts_with("on"));
            assert!(handler.is_none(), "{path}: event handler in {tag}");
        }
        assert!(
            !lower.contains("href=\"javascript:"),
            "{path}: javascript: link"
        );
        assert!(
            !html.contains(">49<") && !html.contains(" 49 "),
            "{path}: template code ran"
        );
    }
    assert!(pages >= 8, "the hostile site has its pages");
    let article = common::text(&files, "guides/attack/index.html");
    assert!(
        article.contains("{{ 7*7 }}"),
        "template syntax is shown as written"
    );
    assert!(article.contains("&lt;/script&gt;&lt;script&gt;window.__pwned"));
    // JSON embedded in scripts cannot close its element.
    for (i, _) in article.match_indices("<script type=\"application/") {
        let body_end = article[i..].find("</script>").unwrap();
        assert!(
            !article[i + 10..i + body_end].contains("<"),
            "a raw `<` inside an embedded script"
        );
    }
}
