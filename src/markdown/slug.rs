//! Turning text into URL segments and heading ids.

/// A URL-safe form of `text`: lowercase letters and digits, other runs become one `-`.
/// `"Fractional CRO vs Full-Time"` → `fractional-cro-vs-full-time`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Is `slug` safe as one URL segment and one folder name: lowercase ASCII letters,
/// digits, `-` and `_`, starting with a letter or digit?
pub(crate) fn is_safe_slug(slug: &str) -> bool {
    let mut chars = slug.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Ids the templates give to parts of a page; headings never take them.
pub(crate) const TEMPLATE_IDS: [&str; 13] = [
    "main",
    "faq",
    "sources",
    "related",
    "backlinks",
    "toc-heading",
    "faq-heading",
    "sources-heading",
    "related-heading",
    "backlinks-heading",
    "more-heading",
    "latest-heading",
    "subsections",
];

/// Gives each heading a unique id in document order: the slug of its text, with `-1`,
/// `-2`… appended to repeats and to ids the templates use. Each text remembers the
/// last number it was given, so a page of thousands of equal headings stays linear.
#[derive(Debug)]
pub(crate) struct HeadingIds {
    seen: std::collections::HashSet<String>,
    next_number: std::collections::HashMap<String, usize>,
}

impl Default for HeadingIds {
    fn default() -> Self {
        HeadingIds {
            seen: TEMPLATE_IDS.iter().map(|s| s.to_string()).collect(),
            next_number: std::collections::HashMap::new(),
        }
    }
}

impl HeadingIds {
    /// The id for the next heading: `explicit` if the author wrote `{#id}`, else its text's slug.
    pub(crate) fn next(&mut self, text: &str, explicit: Option<&str>) -> String {
        let base = match explicit {
            Some(id) => id.to_string(),
            None => {
                let slug = slugify(text);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            }
        };
        if self.seen.insert(base.clone()) {
            return base;
        }
        let n = self.next_number.entry(base.clone()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.seen.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("When to Hire One?"), "when-to-hire-one");
        assert_eq!(slugify("  ARR & ACV  "), "arr-acv");
        assert_eq!(slugify("What’s a CRO"), "what-s-a-cro");
        assert_eq!(slugify("Über uns"), "über-uns");
    }

    #[test]
    fn heading_ids_are_unique() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.next("Cost", None), "cost");
        assert_eq!(ids.next("Cost", None), "cost-1");
        assert_eq!(
            ids.next("FAQ", None),
            "faq-1",
            "the template's FAQ section owns `faq`"
        );
        assert_eq!(ids.next("!!!", None), "section");
        assert_eq!(ids.next("x", Some("custom")), "custom");
    }

    #[test]
    fn safe_slugs() {
        assert!(is_safe_slug("what-is-a-cro_2"));
        for bad in ["", "a/b", "a\\b", "..", "-a", "A", "a b", "a.b"] {
            assert!(!is_safe_slug(bad), "{bad}");
        }
    }
}
