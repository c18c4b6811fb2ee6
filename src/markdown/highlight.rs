//! Code highlighting with syntect, as CSS classes so the theme owns the colours.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::escape;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights code blocks; holds syntect's syntax definitions, loaded once per process.
pub(crate) struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Highlighter {
    /// The shared highlighter, loading syntect's default syntaxes on first use.
    pub(crate) fn shared() -> &'static Highlighter {
        static SHARED: std::sync::OnceLock<Highlighter> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        })
    }

    /// A `<pre>` block for `code` in language `lang` (a token such as `rust` or `yaml`);
    /// unknown languages come out as plain, escaped text.
    pub(crate) fn highlight(&self, code: &str, lang: Option<&str>) -> String {
        let syntax = lang.and_then(|l| self.syntaxes.find_syntax_by_token(l));
        let lang_attr = lang
            .map(|l| format!(" data-lang=\"{}\"", escape(l)))
            .unwrap_or_default();
        let Some(syntax) = syntax else {
            return format!(
                "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
                escape(code)
            );
        };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
                    escape(code)
                );
            }
        }
        format!(
            "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`, generated from syntect's bundled themes once per
/// process (reading the themes took a millisecond on every edit `pillar serve` answers).
pub(crate) fn syntax_css() -> &'static str {
    static CSS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSS.get_or_init(make_syntax_css)
}

/// [`syntax_css`], made.
fn make_syntax_css() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes() {
        let html = Highlighter::shared().highlight("fn main() {}\n", Some("rust"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = Highlighter::shared().highlight("<b>\n", Some("nope"));
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nope\"><code>&lt;b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn css_has_both_schemes() {
        let css = syntax_css();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
