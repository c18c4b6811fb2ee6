//! The theme: Tera templates, static files and strings files.
//!
//! The default theme is compiled into the binary, so a site without a `themes/` folder
//! builds. A site overrides any file of it by putting a file with the same path under
//! `themes/<name>/` (`templates/article.html`, `static/css/site.css`, …), and single
//! phrases of the strings with its own `i18n/<language>.yaml`.

use std::collections::BTreeMap;
use std::path::Path;

use super::links::Walker;
use super::read_text;
use crate::diagnostics::{Diagnostic, Diagnostics, io_reason};
use crate::source::SourceFile;

/// The templates and static files a build uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Templates by name (`article.html`), with the file they came from.
    pub templates: BTreeMap<String, SourceFile>,
    /// Static files by their path in the output (`css/style.css`).
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The font files of `fonts/` by name (`LiberationSans-Bold.ttf`): the only fonts
    /// social cards are drawn with, so they look the same on every machine.
    pub fonts: BTreeMap<String, Vec<u8>>,
    /// The theme's strings files (`i18n/fr.yaml`) by language (`fr`).
    pub strings: BTreeMap<String, SourceFile>,
    /// The site's own strings files (`i18n/fr.yaml` beside `content/`), by language:
    /// each phrase they hold replaces the theme's.
    pub own_strings: BTreeMap<String, SourceFile>,
}

/// A file of a theme compiled into the binary: its path in the theme
/// (`static/css/base.css`) and its bytes.
pub(crate) type ThemeFile = (&'static str, &'static [u8]);

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme's files, as compiled into the binary: path under
/// `themes/default/` and contents.
pub(crate) fn default_theme_files() -> &'static [ThemeFile] {
    embed!(
        "templates/base.html",
        "templates/components.html",
        "templates/home.html",
        "templates/cluster.html",
        "templates/article.html",
        "templates/page.html",
        "templates/tag.html",
        "templates/tags.html",
        "templates/compare.html",
        "templates/404.html",
        "templates/search.html",
        "templates/atom.xml",
        "templates/sitemap.xml",
        "templates/sitemap_index.xml",
        "templates/robots.txt",
        "templates/shortcodes/details.html",
        "templates/shortcodes/figure.html",
        "templates/shortcodes/tab.html",
        "templates/shortcodes/tabs.html",
        "templates/shortcodes/value.html",
        "templates/shortcodes/video.html",
        "static/css/base.css",
        "static/css/reader.css",
        "static/css/shortcodes.css",
        "static/js/preview.js",
        "static/js/reader.js",
        "static/js/search.js",
        "static/js/video.js",
        "templates/social_card.svg",
        "fonts/LiberationSans-Bold.ttf",
        // Travels with the font, as its licence asks.
        "fonts/LiberationSans-OFL.txt",
        "i18n/en.yaml",
        "i18n/fr.yaml",
        "i18n/ar.yaml",
    )
}

impl Theme {
    /// The built-in default theme with the components' files (`extra`), overridden by
    /// `root/themes/<name>/` where it exists, with the site's own shortcodes
    /// (`root/templates/shortcodes/`) over both.
    pub(super) fn load(
        root: &Path,
        name: &str,
        extra: &[ThemeFile],
        walker: &Walker,
        problems: &mut Diagnostics,
    ) -> Theme {
        let mut theme = Theme::load_theme(root, name, extra, walker, problems);
        let own_strings = root.join("i18n");
        if own_strings.is_dir() {
            for (rel, path) in walker.files(&own_strings, problems) {
                let Some(language) = rel.strip_suffix(".yaml") else {
                    continue;
                };
                match read_text(root, &path) {
                    Ok(file) => {
                        theme.own_strings.insert(language.to_string(), file);
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        let own = root.join("templates").join("shortcodes");
        if own.is_dir() {
            for (rel, path) in walker.files(&own, problems) {
                match read_text(root, &path) {
                    Ok(file) => {
                        theme.templates.insert(format!("shortcodes/{rel}"), file);
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        theme
    }

    /// The built-in default theme with `extra`, overridden by `root/themes/<name>/`
    /// where it exists.
    fn load_theme(
        root: &Path,
        name: &str,
        extra: &[ThemeFile],
        walker: &Walker,
        problems: &mut Diagnostics,
    ) -> Theme {
        let mut theme = Theme::built_in(extra);
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name != "default" {
                problems.push(
                    Diagnostic::error(format!("the theme `{name}` does not exist"))
                        .in_file("content/site.yaml")
                        .with_hint(format!("create themes/{name}/ or remove `theme:`")),
                );
            }
            return theme;
        }
        for (rel, path) in walker.files(&dir, problems) {
            if let Some(name) = rel.strip_prefix("templates/") {
                match read_text(root, &path) {
                    Ok(file) => {
                        theme.templates.insert(name.to_string(), file);
                    }
                    Err(d) => problems.push(d),
                }
            } else if let Some(name) = rel.strip_prefix("fonts/").filter(|n| is_font(n)) {
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        theme.fonts.insert(name.to_string(), bytes);
                    }
                    Err(err) => problems.push(
                        Diagnostic::error(format!("cannot read the font: {}", io_reason(&err)))
                            .in_file(path.strip_prefix(root).unwrap_or(&path)),
                    ),
                }
            } else if let Some(language) = strings_language(&rel) {
                match read_text(root, &path) {
                    Ok(file) => {
                        theme.strings.insert(language.to_string(), file);
                    }
                    Err(d) => problems.push(d),
                }
            } else if let Some(out_path) = rel.strip_prefix("static/") {
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        theme.static_files.insert(out_path.to_string(), bytes);
                    }
                    Err(err) => problems.push(
                        Diagnostic::error(format!("cannot read the file: {}", io_reason(&err)))
                            .in_file(path.strip_prefix(root).unwrap_or(&path)),
                    ),
                }
            }
        }
        theme
    }

    /// The default theme exactly as compiled in, with `extra` (the components' files)
    /// added to it.
    pub(crate) fn built_in(extra: &[ThemeFile]) -> Theme {
        let mut templates = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        let mut fonts = BTreeMap::new();
        let mut strings = BTreeMap::new();
        for (path, bytes) in default_theme_files().iter().chain(extra) {
            let text = || {
                let text = String::from_utf8_lossy(bytes);
                SourceFile::new(format!("themes/default/{path}"), &text)
            };
            if let Some(name) = path.strip_prefix("templates/") {
                templates.insert(name.to_string(), text());
            } else if let Some(language) = strings_language(path) {
                strings.insert(language.to_string(), text());
            } else if let Some(rel) = path.strip_prefix("static/") {
                static_files.insert(rel.to_string(), bytes.to_vec());
            } else if let Some(name) = path.strip_prefix("fonts/").filter(|n| is_font(n)) {
                fonts.insert(name.to_string(), bytes.to_vec());
            }
        }
        Theme {
            templates,
            static_files,
            fonts,
            strings,
            own_strings: BTreeMap::new(),
        }
    }
}

/// Is the file `name` of a theme's `fonts/` a font (TrueType, OpenType or a
/// collection), rather than its licence or notes?
fn is_font(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".ttf", ".otf", ".ttc"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The language of a theme's strings file (`fr` of `i18n/fr.yaml`).
fn strings_language(rel: &str) -> Option<&str> {
    rel.strip_prefix("i18n/")?.strip_suffix(".yaml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkdir::WalkDir;

    /// Every file of themes/default is compiled in, so the built-in theme never drifts
    /// from the folder authors read.
    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&dir).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        let mut embedded: Vec<String> = default_theme_files()
            .iter()
            .map(|(p, _)| p.to_string())
            .collect();
        embedded.sort();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(embedded, on_disk);
    }
}
