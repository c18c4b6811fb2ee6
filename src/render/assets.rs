//! The theme's static files, with the stylesheets bundled into one.

use super::OutputFile;
use crate::i18n::Strings;
use crate::markdown::syntax_css;
use crate::model::Site;

use crate::urls::STYLESHEET;

/// The phrases stylesheets show (as `content: var(--name)`), by custom property and key.
const CSS_PHRASES: [(&str, &str); 2] = [
    ("--scroll-table-hint", "scroll_table_hint"),
    ("--scroll-map-hint", "scroll_map_hint"),
];

/// The theme's static files: the phrases stylesheets show as custom properties, then
/// every `css/*.css` concatenated (in name order, `base.css` first) with the
/// code-highlighting styles into [`STYLESHEET`]; the rest copied.
pub(crate) fn theme_assets(site: &Site) -> Vec<OutputFile> {
    let mut css = String::from("/* words, from the strings file */\n");
    css.push_str(&words_css(":root", &site.strings));
    let mut files = Vec::new();
    let mut sheets: Vec<(&String, &Vec<u8>)> = site
        .theme
        .static_files
        .iter()
        .filter(|(path, _)| path.starts_with("css/") && path.ends_with(".css"))
        .collect();
    sheets.sort_by_key(|(path, _)| (path.as_str() != "css/base.css", path.as_str()));
    for (path, bytes) in sheets {
        css.push_str(&format!("/* {path} */\n"));
        css.push_str(&String::from_utf8_lossy(bytes));
        css.push('\n');
    }
    css.push_str("/* code highlighting, generated from syntect themes */\n");
    css.push_str(syntax_css());
    files.push(OutputFile::new(STYLESHEET, css));
    for (path, bytes) in &site.theme.static_files {
        if !(path.starts_with("css/") && path.ends_with(".css")) {
            files.push(OutputFile::new(path.clone(), bytes.clone()));
        }
    }
    files
}

/// The phrases stylesheets show, as custom properties of `selector`: one rule.
fn words_css(selector: &str, strings: &Strings) -> String {
    let mut css = format!("{selector} {{");
    for (property, key) in CSS_PHRASES {
        css.push_str(&format!(" {property}: {};", css_string(strings.text(key))));
    }
    css.push_str(" }\n");
    css
}

/// What the stylesheet of a site in several languages adds for the language of
/// `site` (one of its other trees): the phrases stylesheets show, for the pages in
/// that language (`:root:lang(fr)`).
pub(crate) fn language_css(site: &Site) -> String {
    // A language tag is letters, digits and hyphens: a CSS identifier as it is.
    let tag: String = (site.config.language.chars())
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let selector = format!(":root:lang({tag})");
    words_css(&selector, &site.strings)
}

/// `text` as a quoted CSS string.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\a "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn phrases_become_css_strings_that_cannot_end_early() {
        assert_eq!(css_string("Scroll →"), "\"Scroll →\"");
        assert_eq!(css_string("a \"b\" \\ }"), "\"a \\\"b\\\" \\\\ }\"");
        assert_eq!(css_string("two\nlines"), "\"two\\a lines\"");
    }
}
