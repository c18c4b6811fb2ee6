//! The theme's static files, with the stylesheets bundled into one.

use super::OutputFile;
use crate::markdown::syntax_css;
use crate::model::Site;

use crate::urls::STYLESHEET;

/// The theme's static files: every `css/*.css` concatenated (in name order, `base.css`
/// first) with the code-highlighting styles into [`STYLESHEET`], the rest copied.
pub fn theme_assets(site: &Site) -> Vec<OutputFile> {
    let mut css = String::new();
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
    css.push_str(&syntax_css());
    files.push(OutputFile::new(STYLESHEET, css));
    for (path, bytes) in &site.theme.static_files {
        if !(path.starts_with("css/") && path.ends_with(".css")) {
            files.push(OutputFile::new(path.clone(), bytes.clone()));
        }
    }
    files
}
