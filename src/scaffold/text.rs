//! The text of new files: front matter an author fills in, and a body to start from.

use crate::markdown::slug::is_safe_slug;
use crate::model::Date;

/// `text` as a YAML double-quoted scalar, safe whatever characters it holds.
pub(super) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A new draft article: every front matter key an article usually has.
pub(super) fn article(title: &str, date: Date, kind: &str) -> String {
    format!(
        "---\n\
         title: {title}\n\
         description: \"TODO: one sentence for listings and search results.\"\n\
         date: {date}\n\
         kind: {kind}\n\
         tags: []\n\
         draft: true\n\
         ---\n\
         \n\
         Start with the answer: one or two sentences a reader can act on.\n\
         \n\
         ## A first section\n\
         \n\
         Link to other pages by their path under content/, e.g. `[text](@/cluster/page.md)`.\n\
         Remove `draft: true` from the front matter when the article is ready to publish.\n",
        title = quoted(title),
        date = date.iso(),
        kind = if is_safe_slug(kind) {
            kind.to_string()
        } else {
            quoted(kind)
        },
    )
}

/// A new cluster's hub page.
pub(super) fn hub(title: &str) -> String {
    format!(
        "---\n\
         title: {title}\n\
         description: \"TODO: one sentence on what this cluster covers.\"\n\
         ---\n\
         \n\
         Introduce the topic and point readers to its articles. The hub lists every\n\
         article of the cluster by itself.\n",
        title = quoted(title),
    )
}

/// A readable title for a folder name: `fractional-leadership` → `Fractional leadership`.
pub(crate) fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrontMatter;
    use crate::source::SourceFile;
    use crate::split::split_front_matter;

    fn front(text: &str) -> FrontMatter {
        let file = SourceFile::new("content/a/b.md", text);
        let split = split_front_matter(&file).unwrap();
        crate::yaml::parse(&file, split.front_matter).unwrap()
    }

    #[test]
    fn any_title_survives_the_round_trip() {
        let date = Date {
            year: 2026,
            month: 5,
            day: 9,
        };
        for title in [
            "Plain",
            "Colon: and # hash",
            "Quotes \"double\" and 'single'",
            "Back\\slash",
            "- leading dash",
            "[brackets] {braces} & *stars*",
            "yes",
            "Tab\there",
            "Café ☕",
        ] {
            let fm = front(&article(title, date, "guide"));
            assert_eq!(fm.title.as_deref(), Some(title));
            assert_eq!(fm.kind.as_deref(), Some("guide"));
            let fm = front(&article(title, date, title));
            assert_eq!(fm.kind.as_deref(), Some(title));
            assert_eq!(fm.date, Some(date));
            assert!(fm.draft);
            assert!(fm.tags.is_empty());
            assert!(fm.description.is_some());
        }
    }

    #[test]
    fn hub_has_title_and_description() {
        let fm = front(&hub("Fractional leadership"));
        assert_eq!(fm.title.as_deref(), Some("Fractional leadership"));
        assert!(fm.description.is_some());
        assert!(!fm.draft);
    }

    #[test]
    fn titles_from_folder_names() {
        assert_eq!(title_of("fractional-leadership"), "Fractional leadership");
        assert_eq!(title_of("faq"), "Faq");
        assert_eq!(title_of("a_b"), "A b");
    }
}
