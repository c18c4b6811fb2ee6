//! The load stage: reads the site from disk.
//!
//! It walks `content/` (walkdir), reads each file once, and sorts what it finds into
//! markdown pages, datasets, filters and plain files to copy; it reads the theme
//! (the built-in default, overridden file by file by the site's own theme folder). It
//! knows nothing about HTML. This is the only stage that reads files.

mod git_dates;
mod images;
mod links;
mod orientation;
mod reload;
mod theme;
mod walk;

pub(crate) use git_dates::last_commit_dates;
pub(crate) use images::ImageSize;
pub(crate) use orientation::orientation_in;
pub(crate) use reload::reload;
pub(crate) use theme::{Theme, ThemeFile};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, io_reason};
use crate::source::SourceFile;

/// Everything read from disk for one build.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    /// `content/site.yaml`, parsed.
    pub config: SiteConfig,
    /// `content/site.yaml` as read, for pointing at its values.
    pub config_file: SourceFile,
    /// Markdown files, with their path relative to `content/` (`cluster/page.md`).
    pub pages: Vec<(String, SourceFile)>,
    /// The components' data files (`content/data/*.yaml`, `content/filters/*.yaml`),
    /// by folder.
    pub data: BTreeMap<String, Vec<SourceFile>>,
    /// Other files under `content/` (images and such), copied as they are: the path
    /// relative to `content/`, and the file on disk.
    pub assets: Vec<(String, PathBuf)>,
    /// The size of each image among the assets, by path, read from its header.
    pub image_sizes: BTreeMap<String, ImageSize>,
    /// The byte count of each image over 5 MB, by path: heavy for a page.
    pub heavy_images: BTreeMap<String, u64>,
    /// The theme: templates and static files.
    pub theme: Theme,
    /// Where the files came from, as real paths: `content/`, the theme's folder, and
    /// every folder and file a followed symbolic link led to. The output may not
    /// replace any of them.
    pub sources: Vec<PathBuf>,
}

/// Reads the site whose root folder is `root` (the folder holding `content/`); YAML
/// files under the folders `data_folders` are the components' data, and `theme_files`
/// (the components' styles and scripts) join the default theme. Returns what was read,
/// unless an error stops the build, and every problem found.
pub(crate) fn load(
    root: &Path,
    data_folders: &[&str],
    theme_files: &[ThemeFile],
) -> (Option<Loaded>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let config_path = root.join("content").join("site.yaml");
    let config = match read_text(root, &config_path) {
        Ok(file) => match crate::yaml::parse_file::<SiteConfig>(&file) {
            Ok(config) => Some((config, file)),
            Err(d) => {
                problems.push(d);
                None
            }
        },
        Err(d) => {
            let hint = "every site needs content/site.yaml with at least `title: ...`";
            problems.push(d.with_hint(hint));
            None
        }
    };
    let follow = config
        .as_ref()
        .map(|(c, _)| c.follow_symlinks)
        .unwrap_or_default();
    let walker = links::Walker::new(root, follow);
    let walked = walk::walk_content(root, &walker, data_folders, &mut problems);
    let theme_name = config.as_ref().map_or("default", |(c, _)| c.theme.as_str());
    let theme = Theme::load(root, theme_name, theme_files, &walker, &mut problems);
    let images = images::read_images(&walked.assets);
    let loaded = match config {
        Some((config, config_file)) if !problems.has_errors() => Some(Loaded {
            config,
            config_file,
            pages: walked.pages,
            data: walked.data,
            assets: walked.assets,
            image_sizes: images.sizes,
            heavy_images: images.heavy,
            theme,
            sources: walker.read_places(),
        }),
        _ => None,
    };
    (loaded, problems)
}

/// Reads one page again, `content/<content_path>` (after an edit), with the checks the
/// walk makes.
pub(crate) fn read_page(root: &Path, content_path: &str) -> Result<SourceFile, Diagnostic> {
    let path = root.join("content").join(content_path);
    walk::check_size(root, &path).and_then(|()| read_text(root, &path))
}

/// Reads a UTF-8 text file, naming it relative to `root` in any error.
pub(crate) fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::error(format!("cannot read the file: {}", io_reason(&err))).in_file(&shown)
    })?;
    match String::from_utf8(bytes) {
        // CommonMark replaces NUL with U+FFFD for safety; doing it here covers front
        // matter and data files too.
        Ok(text) if text.contains('\0') => {
            Ok(SourceFile::new(shown, &text.replace('\0', "\u{FFFD}")))
        }
        Ok(text) => Ok(SourceFile::new(shown, &text)),
        Err(err) => {
            let bad = err.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(err.as_bytes());
            let file = SourceFile::new(shown, &text);
            Err(Diagnostic::error("the file is not valid UTF-8")
                .at(&file, bad..bad + 1)
                .with_hint("save the file as UTF-8"))
        }
    }
}
