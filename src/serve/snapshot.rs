//! One good build of the site, held in memory and served as it is.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::asset::AssetReader;
use crate::output::OutputFile;
use crate::pipeline::SiteOutput;

/// The page served for missing paths before the site has built once.
const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>pillar serve</title></head><body><p>The site has not been built yet: fix the \
errors shown in the terminal.</p></body></html>\n";

/// Every file of one build, by output path (`a/index.html`). A copy shares the files'
/// bytes; only the maps are copied.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    /// Identifies the build; served pages carry it, so they can tell when the site changed.
    pub build: String,
    /// Shared between snapshots, when a snapshot is copied.
    files: HashMap<String, Arc<[u8]>>,
    /// The files copied as they are: output path and file on disk, read on request.
    assets: HashMap<String, PathBuf>,
    /// Checks each asset again as it is read.
    reader: Arc<AssetReader>,
}

/// What a site path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Lookup<'a> {
    /// A file of the output: its output path and contents.
    File(String, Cow<'a, [u8]>),
    /// A folder asked for without its trailing slash: where to redirect (`/a/`).
    Redirect(String),
    /// Nothing there.
    Missing,
}

impl Snapshot {
    /// The output of the build `build`, its assets read through `reader`.
    pub(super) fn new(build: String, output: SiteOutput, reader: Arc<AssetReader>) -> Snapshot {
        Snapshot {
            build,
            files: output
                .files
                .into_iter()
                .map(|f| (f.path, Arc::from(f.bytes)))
                .collect(),
            assets: output.assets.into_iter().collect(),
            reader,
        }
    }

    /// Makes this build `build`: `files` (the pages an edit changed) replace its files
    /// of the same paths or join them, and its files at the paths `gone` go. Only the
    /// files named are touched, so an edit costs what it changed, not the site's size.
    /// The search index stays until the next one replaces it.
    pub(super) fn apply(&mut self, build: String, files: Vec<OutputFile>, gone: &[String]) {
        for path in gone {
            self.files.remove(path);
        }
        (self.files).extend(files.into_iter().map(|f| (f.path, Arc::from(f.bytes))));
        self.build = build;
    }

    /// Replaces its files under `prefix` (`pagefind/`) by `files` (its search index,
    /// made after it was served).
    pub(super) fn replace_folder(&mut self, prefix: &str, files: Vec<OutputFile>) {
        self.files.retain(|path, _| !path.starts_with(prefix));
        (self.files).extend(files.into_iter().map(|f| (f.path, Arc::from(f.bytes))));
    }

    /// The files under `prefix`, with their paths.
    #[cfg(test)]
    pub(super) fn files_under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files
            .iter()
            .filter(move |(path, _)| path.starts_with(prefix))
            .map(|(path, bytes)| (path.as_str(), &bytes[..]))
    }

    /// The site before its first successful build: nothing but the 404 page.
    pub(super) fn empty() -> Snapshot {
        Snapshot {
            build: "0".to_string(),
            files: HashMap::new(),
            assets: HashMap::new(),
            reader: Arc::default(),
        }
    }

    /// The file at a site path (as [`super::path::site_path`] returns it): `a/` is
    /// `a/index.html`, `a` is redirected to `a/` if that is a page.
    pub(super) fn find(&self, site_path: &str) -> Lookup<'_> {
        let file = if site_path.is_empty() || site_path.ends_with('/') {
            format!("{site_path}index.html")
        } else {
            site_path.to_string()
        };
        if let Some(bytes) = self.files.get(&file) {
            return Lookup::File(file, Cow::Borrowed(&bytes[..]));
        }
        if let Some(source) = self.assets.get(&file) {
            // Assets stay on disk; the path comes from the build, never from the request,
            // and what is there now is checked again.
            return match self.reader.read(source) {
                Some(bytes) => Lookup::File(file, Cow::Owned(bytes)),
                None => Lookup::Missing,
            };
        }
        if !site_path.is_empty()
            && !site_path.ends_with('/')
            && self.files.contains_key(&format!("{site_path}/index.html"))
        {
            return Lookup::Redirect(format!("/{site_path}/"));
        }
        Lookup::Missing
    }

    /// Copies `previous`'s files under `prefix` (`pagefind/`) when this build has none
    /// there: the last search index keeps working until the new one is built.
    pub(super) fn keep_from(&mut self, previous: &Snapshot, prefix: &str) {
        if self.files.keys().any(|path| path.starts_with(prefix)) {
            return;
        }
        for (path, bytes) in &previous.files {
            if path.starts_with(prefix) {
                self.files.insert(path.clone(), bytes.clone());
            }
        }
    }

    /// The site's `404.html`, or a note that the site has not built yet.
    pub(super) fn not_found_page(&self) -> &[u8] {
        self.files
            .get(crate::urls::NOT_FOUND)
            .map_or(NOT_BUILT.as_bytes(), |bytes| &bytes[..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot() -> Snapshot {
        let output = SiteOutput {
            files: vec![
                OutputFile::new("index.html", "home"),
                OutputFile::new("a/index.html", "a"),
                OutputFile::new("css/style.css", "css"),
                OutputFile::new("404.html", "missing"),
            ],
            assets: vec![("img/x.png".to_string(), PathBuf::from("/nonexistent/x.png"))],
            pages: 0,
        };
        Snapshot::new("b1".to_string(), output, Arc::default())
    }

    fn file(path: &str, bytes: &'static str) -> Lookup<'static> {
        Lookup::File(path.to_string(), Cow::Borrowed(bytes.as_bytes()))
    }

    #[test]
    fn finds_pages_files_and_folders() {
        let site = snapshot();
        assert_eq!(site.find(""), file("index.html", "home"));
        assert_eq!(site.find("a/"), file("a/index.html", "a"));
        assert_eq!(site.find("a/index.html"), file("a/index.html", "a"));
        assert_eq!(site.find("css/style.css"), file("css/style.css", "css"));
        assert_eq!(site.find("a"), Lookup::Redirect("/a/".to_string()));
        assert_eq!(site.find("b/"), Lookup::Missing);
        assert_eq!(site.find("css/"), Lookup::Missing);
        assert_eq!(site.find("img/x.png"), Lookup::Missing);
        assert_eq!(site.not_found_page(), b"missing");
        assert_eq!(Snapshot::empty().not_found_page(), NOT_BUILT.as_bytes());
    }

    #[test]
    fn keeps_the_previous_search_index_until_a_new_one_is_built() {
        let with_index = |build: &str, index: &str| SiteOutput {
            files: vec![
                OutputFile::new("index.html", build),
                OutputFile::new("pagefind/entry.json", index),
            ],
            assets: Vec::new(),
            pages: 0,
        };
        let previous = Snapshot::new("b1".to_string(), with_index("b1", "old"), Arc::default());
        let mut next = Snapshot::new(
            "b2".to_string(),
            SiteOutput {
                files: vec![OutputFile::new("index.html", "b2")],
                assets: Vec::new(),
                pages: 0,
            },
            Arc::default(),
        );
        next.keep_from(&previous, "pagefind/");
        assert_eq!(
            next.find("pagefind/entry.json"),
            file("pagefind/entry.json", "old")
        );
        assert_eq!(next.find(""), file("index.html", "b2"));

        let mut indexed = next;
        indexed.replace_folder(
            "pagefind/",
            vec![OutputFile::new("pagefind/new-entry.json", "new")],
        );
        assert_eq!(indexed.build, "b2");
        assert_eq!(
            indexed.find("pagefind/new-entry.json"),
            file("pagefind/new-entry.json", "new")
        );
        assert_eq!(indexed.find("pagefind/entry.json"), Lookup::Missing);
        assert_eq!(indexed.find(""), file("index.html", "b2"));
    }
}
