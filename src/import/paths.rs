//! The source's content tree: which files are pages, where each goes in the pillar
//! site, and what URL each had, so links to those URLs can become `@/` links.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::values::{self, Table, get};
use crate::diagnostics::Diagnostic;
use crate::link::join_relative;
use crate::source::SourceFile;
use crate::split::{Format, split_front_matter};

/// A markdown page of the source.
#[derive(Debug, Clone)]
pub(super) struct SourcePage {
    /// The file as read, named relative to the source root.
    pub file: SourceFile,
    /// Its path under the content folder, `/`-separated (`a/b/index.md`).
    pub source: String,
    /// Its content path in the pillar site (`a/b/_index.md` for a bundle's `index.md`,
    /// `a/b.fr.md` for a translation).
    pub target: String,
    /// The language of a translation (`fr`), `None` for a page of the default language.
    pub language: Option<String>,
    /// The content path of the page a translation translates (`a/b.md` for
    /// `a/b.fr.md`); `target` for a page of the default language.
    pub original: String,
    /// Its front matter as data, if it could be read.
    pub front: Option<Table>,
    /// Where the body starts and ends in `file`.
    pub body: Range<usize>,
    /// The date its file or bundle name starts with (`2024-05-01-launch.md`), if any.
    pub name_date: Option<String>,
    /// Hugo never renders it (`headless`, `build.render: never`): a pillar headless
    /// file, only included into pages.
    pub headless: bool,
}

/// The pages and files of a content folder.
#[derive(Debug, Default)]
pub(super) struct ContentTree {
    /// Markdown pages, by source path.
    pub pages: Vec<SourcePage>,
    /// Other files: on disk, and their path under the pillar site's `content/`.
    pub files: Vec<(PathBuf, String)>,
    /// Pillar content paths by the URL path the source site gave them (`a/b/`).
    by_url: HashMap<String, String>,
    /// Pillar content paths by source content path.
    by_source: HashMap<String, String>,
    /// For each pillar content path, the ids its headings had in the source site
    /// (Hugo's and Zola's, as links wrote them) and the ids pillar gives them.
    anchors: HashMap<String, HashMap<String, String>>,
    /// The names moved off a path pillar reserves, each reported once.
    moved: HashSet<String>,
    /// The codes of the languages besides the default one.
    languages: Vec<String>,
}

impl ContentTree {
    /// Reads the content folders of the site at `root`, each with the folder its files
    /// go into (`""` for the root) and its language if not the default one. A page of
    /// such a folder is a translation, imported beside its original (`about.md` of a
    /// `fr` folder as `about.fr.md`), as is a page of one of `languages` by its name
    /// (`about.fr.md`). Pages Hugo
    /// never renders (`build.render: never`, `headless`, or under a `cascade` of it,
    /// and the files of such a bundle) are left out, each with a warning naming it.
    pub(super) fn read(
        flavor: super::Flavor,
        root: &Path,
        folders: &[(PathBuf, String, Option<String>)],
        languages: &[String],
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<ContentTree, Diagnostic> {
        let missing: Vec<&PathBuf> = folders
            .iter()
            .map(|(folder, ..)| folder)
            .filter(|folder| !folder.exists())
            .collect();
        if missing.len() == folders.len() {
            let shown = missing
                .first()
                .map_or(String::new(), |m| m.display().to_string());
            return Err(
                Diagnostic::error(format!("the content folder {shown} does not exist"))
                    .with_hint("pass the folder that holds the site's config file and content/"),
            );
        }
        for folder in missing {
            let shown = folder.strip_prefix(root).unwrap_or(folder);
            warnings.push(
                Diagnostic::warning("left out: the content folder does not exist").in_file(shown),
            );
        }
        let mut tree = ContentTree {
            languages: languages.to_vec(),
            ..ContentTree::default()
        };
        let mut markdown = Vec::new();
        let mut translated_files = Vec::new();
        for (folder, prefix, language) in folders.iter().filter(|(folder, ..)| folder.exists()) {
            let (files, prefix) = if folder.is_file() {
                // A module mount of one file: its target is its path.
                let path = prefix.trim_end_matches('/').to_string();
                (vec![(folder.clone(), path)], "")
            } else {
                (files_under(root, folder, warnings), prefix.as_str())
            };
            for (path, rel) in files {
                let rel = format!("{prefix}{rel}");
                let is_page = rel.ends_with(".md") || rel.ends_with(".markdown");
                let rel = match language {
                    Some(code) if is_page && split_language(&rel, languages).1.is_none() => {
                        with_language(&rel, code)
                    }
                    _ => rel,
                };
                if is_page {
                    let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    let text = super::read(&path, &shown)?;
                    let file = SourceFile::new(shown, &text);
                    let (front, body) = read_front(&file, warnings);
                    markdown.push((rel, file, front, body));
                } else if let Some(code) = language {
                    translated_files.push((path, rel, code.as_str()));
                } else {
                    tree.files.push((path, rel));
                }
            }
        }
        tree.add_translated_files(root, translated_files, warnings);
        let hidden = tree.add_pages(flavor, markdown, warnings);
        tree.files.retain(|(path, rel)| {
            let Some((_, why)) = hidden.iter().find(|(dir, _)| rel.starts_with(dir.as_str()))
            else {
                return true;
            };
            let shown = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            warnings.push(left_out(why).in_file(&shown));
            false
        });
        for (_, rel) in &mut tree.files {
            *rel = safe_folders(rel);
            if let Some((moved, _)) = off_reserved(rel) {
                *rel = moved;
            }
        }
        Ok(tree)
    }

    /// Adds the other files of another language's folders beside the default
    /// language's: a file the default language has the same is left out; one it has
    /// different is kept under the language's tag (`logo.fr.png`), with a warning, since
    /// pillar shares a page's files between its translations.
    fn add_translated_files(
        &mut self,
        root: &Path,
        files: Vec<(PathBuf, String, &str)>,
        warnings: &mut Vec<Diagnostic>,
    ) {
        for (path, rel, code) in files {
            let same_path = self.files.iter().find(|(_, taken)| *taken == rel);
            let rel = match same_path {
                None => rel,
                Some((theirs, _)) if same_bytes(theirs, &path) => continue,
                Some(_) => {
                    let kept = with_language(&rel, code);
                    let shown = path
                        .strip_prefix(root)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    warnings.push(
                        Diagnostic::warning(format!(
                            "kept as content/{kept}: the default language has another file at content/{rel}, which pillar shares with every translation"
                        ))
                        .in_file(&shown)
                        .with_hint(format!(
                            "link the `{code}` pages to {kept} where they should show this one"
                        )),
                    );
                    kept
                }
            };
            self.files.push((path, rel));
        }
    }

    /// A tree of these markdown files alone (path under the content folder and text),
    /// as [`ContentTree::read`] makes it from a folder.
    #[cfg(any(test, feature = "fuzzing"))]
    pub(super) fn of_pages(
        flavor: super::Flavor,
        files: &[(&str, &str)],
        warnings: &mut Vec<Diagnostic>,
    ) -> ContentTree {
        let mut tree = ContentTree::default();
        let markdown = files
            .iter()
            .map(|(rel, text)| {
                let file = SourceFile::new(format!("content/{rel}"), text);
                let (front, body) = read_front(&file, warnings);
                (rel.to_string(), file, front, body)
            })
            .collect();
        tree.add_pages(flavor, markdown, warnings);
        tree
    }

    /// Adds the pages of `markdown` that Hugo renders, and returns the folders it never
    /// renders (see [`hidden_folders`]).
    fn add_pages(
        &mut self,
        flavor: super::Flavor,
        markdown: Vec<Markdown>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Vec<(String, String)> {
        // A translation takes the shape of its original: the bundle, hub or page its
        // path without the language's tag (`post/index.fr.md`: `post/index.md`) is.
        let bases: Vec<(String, Option<String>)> = markdown
            .iter()
            .map(|(rel, ..)| split_language(rel, &self.languages))
            .collect();
        let has_index: HashSet<String> = bases
            .iter()
            .filter_map(|(base, _)| base.strip_suffix("_index.md").map(str::to_string))
            .collect();
        let distinct: HashSet<&str> = bases.iter().map(|(base, _)| base.as_str()).collect();
        let leaves = leaf_bundles(&distinct, &has_index);
        let hidden = hidden_folders(&markdown, &has_index);
        for ((rel, file, front, body), (base, language)) in markdown.into_iter().zip(bases) {
            let headless = never_rendered(front.as_ref(), &rel, &hidden);
            if let Some(why) = &headless {
                warnings.push(kept_headless(why).at(&file, 0..0));
            }
            let headless = headless.is_some();
            let original = match base.strip_suffix("index.md") {
                // A page bundle, which pillar reads as one page with its files.
                Some(dir) if leaves.contains(dir) => base.clone(),
                Some(dir) if (dir.is_empty() || dir.ends_with('/')) && !has_index.contains(dir) => {
                    format!("{dir}_index.md")
                }
                _ => base.replace(".markdown", ".md"),
            };
            let name_date = name_date(&base);
            let original = safe_folders(&original);
            let urls = urls_of(flavor, &original, language.as_deref(), front.as_ref());
            let original = match off_reserved(&original) {
                Some((moved, name)) => {
                    if self.moved.insert(name.clone()) {
                        warnings.push(moved_off_reserved(&name, &moved).at(&file, 0..0));
                    }
                    moved
                }
                None => original,
            };
            let target = match &language {
                Some(code) => with_language(&original, code),
                None => original.clone(),
            };
            self.by_source.insert(rel.clone(), target.clone());
            self.anchors
                .insert(target.clone(), heading_ids(&file, body.clone()));
            // A headless file has no URL: links to its old one find no page.
            for url in urls.into_iter().filter(|_| !headless) {
                self.by_url.entry(url).or_insert_with(|| target.clone());
            }
            self.pages.push(SourcePage {
                file,
                source: rel,
                target,
                language,
                original,
                front,
                body,
                name_date,
                headless,
            });
        }
        hidden
    }

    /// The pillar content path of the page the source site served at `url` (a path
    /// from the site root, with or without slashes around it).
    pub(super) fn page_at(&self, url: &str) -> Option<&str> {
        let key = url_key(url);
        self.by_url.get(&key).map(String::as_str)
    }

    /// The id pillar gives the heading that the source site called `anchor` on the
    /// page with pillar content path `target`; `anchor` itself if none differs.
    pub(super) fn anchor<'a>(&'a self, target: &str, anchor: &'a str) -> &'a str {
        self.anchors
            .get(target)
            .and_then(|ids| ids.get(anchor))
            .map_or(anchor, String::as_str)
    }

    /// The pillar content path of the page a Hugo `ref` / Zola `@/` path names, as
    /// written on the page at source path `from`: from the content root (`/a/b.md`,
    /// `a/b.md`) or relative to `from`'s folder, with or without `.md`, or the folder
    /// of a section or bundle.
    pub(super) fn page_ref(&self, from: &str, path: &str) -> Option<&str> {
        let path = path.trim();
        let folder = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        let bases: Vec<String> = if let Some(abs) = path.strip_prefix('/') {
            vec![abs.to_string()]
        } else if folder.is_empty() {
            vec![path.to_string()]
        } else {
            vec![format!("{folder}/{path}"), path.to_string()]
        };
        for base in bases {
            let base = base.trim_end_matches('/');
            for candidate in [
                base.to_string(),
                format!("{base}.md"),
                format!("{base}/_index.md"),
                format!("{base}/index.md"),
            ] {
                if let Some(target) = self.by_source.get(&join_relative("", &candidate)) {
                    return Some(target);
                }
            }
        }
        self.page_at(path)
    }
}

/// A page's path without the tag of one of `languages` it is named with, and that
/// language: `a/b.fr.md` → (`a/b.md`, `fr`); any other path as it is, with `None`.
fn split_language(rel: &str, languages: &[String]) -> (String, Option<String>) {
    let Some((stem, ext)) = rel.rsplit_once('.') else {
        return (rel.to_string(), None);
    };
    match stem.rsplit_once('.') {
        Some((name, code))
            if languages.iter().any(|l| l == code) && !name.is_empty() && !name.ends_with('/') =>
        {
            (format!("{name}.{ext}"), Some(code.to_string()))
        }
        _ => (rel.to_string(), None),
    }
}

/// The path of the translation into `code` of the file at `rel`: the language's tag
/// before the extension (`a/b.md` → `a/b.fr.md`, `logo.png` → `logo.fr.png`).
fn with_language(rel: &str, code: &str) -> String {
    let (folder, name) = rel.rsplit_once('/').map_or(("", rel), |(d, n)| (d, n));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{code}.{ext}"),
        _ => format!("{name}.{code}"),
    };
    match folder {
        "" => name,
        folder => format!("{folder}/{name}"),
    }
}

/// Do the files at `a` and `b` hold the same bytes?
fn same_bytes(a: &Path, b: &Path) -> bool {
    matches!((std::fs::read(a), std::fs::read(b)), (Ok(a), Ok(b)) if a == b)
}

/// The folders (`post/`) of the leaf bundles of `pages`: an `index.md` with no
/// `_index.md` beside it and no other page under its folder. Each becomes a page.
fn leaf_bundles(pages: &HashSet<&str>, has_index: &HashSet<String>) -> HashSet<String> {
    let mut pages_under: HashMap<&str, usize> = HashMap::new();
    for rel in pages {
        for (at, _) in rel.match_indices('/') {
            *pages_under.entry(&rel[..=at]).or_default() += 1;
        }
    }
    pages
        .iter()
        .filter_map(|rel| rel.strip_suffix("index.md"))
        .filter(|dir| {
            dir.ends_with('/') && !has_index.contains(*dir) && pages_under.get(dir) == Some(&1)
        })
        .map(str::to_string)
        .collect()
}

/// The date a file or folder name starts with (`2024-05-01-launch`, `2024-05-01_x`).
fn date_prefix(name: &str) -> Option<(&str, &str)> {
    let date = name.get(..10)?;
    let rest = name.get(11..).filter(|rest| !rest.is_empty())?;
    let shape = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    (shape && matches!(name.as_bytes()[10], b'-' | b'_')).then_some((date, rest))
}

/// The date the name of the page at `rel` (or of its bundle's folder) starts with.
fn name_date(rel: &str) -> Option<String> {
    let rel = rel.strip_suffix("/index.md").unwrap_or(rel);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (date, _) = date_prefix(name)?;
    crate::model::Date::parse(date).map(|d| d.iso())
}

/// A file or folder `name` without the date it starts with (`2024-05-01-launch` →
/// `launch`), as Zola's URLs and pillar's slugs have it.
pub(super) fn undated(name: &str) -> &str {
    match date_prefix(name) {
        Some((date, rest)) if crate::model::Date::parse(date).is_some() => rest,
        _ => name,
    }
}

/// The names at the top of `content/` that pillar keeps for itself: the paths of the
/// pages it generates (`tags`, `search`, …) and the components' data folders.
fn reserved_names() -> &'static [&'static str] {
    static NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let kinds = crate::components::registry();
        let mut names: Vec<&'static str> =
            crate::urls::reserved(kinds.iter().filter_map(|k| k.generated_dir()))
                .into_iter()
                .map(|dir| dir.trim_end_matches('/'))
                .collect();
        names.extend(kinds.iter().map(|k| k.data_folder()));
        names
    });
    &NAMES
}

/// `target` moved off a name pillar reserves, and that name: a top-level page
/// `search.md` becomes `search-page.md`, a folder `tags/` becomes `tags-section/`.
fn off_reserved(target: &str) -> Option<(String, String)> {
    let (top, rest) = match target.split_once('/') {
        Some((folder, rest)) => (folder, Some(rest)),
        None => (target.strip_suffix(".md")?, None),
    };
    if !reserved_names().contains(&top) {
        return None;
    }
    Some(match rest {
        Some(rest) => (format!("{top}-section/{rest}"), format!("{top}/")),
        None => (format!("{top}-page.md"), top.to_string()),
    })
}

/// The warning for the pages of a reserved `name`, moved to `moved`.
fn moved_off_reserved(name: &str, moved: &str) -> Diagnostic {
    let url = name.trim_end_matches('/');
    let new = moved
        .split('/')
        .next()
        .unwrap_or(moved)
        .trim_end_matches(".md");
    let which = if name.ends_with('/') {
        "the pages under it move"
    } else {
        "this page moves"
    };
    Diagnostic::warning(format!(
        "moved: /{url}/ is a path pillar keeps for its own pages, so {which} to /{new}/"
    ))
    .with_hint("links to the old URL are rewritten; merge the text into a page of its own, or keep the new name")
}

/// `path` with every folder name a pillar section can take (`functions/strings/Diff/x.md`
/// → `functions/strings/diff/x.md`): Hugo lowercases URLs itself, pillar asks for
/// folder names that are safe as they are. The file name is left to pillar's slugs.
fn safe_folders(path: &str) -> String {
    let Some((dirs, file)) = path.rsplit_once('/') else {
        return path.to_string();
    };
    let dirs: Vec<String> = dirs.split('/').map(folder_name).collect();
    format!("{}/{file}", dirs.join("/"))
}

/// A folder name pillar takes in a URL: `name` itself if it is one, else its slug in
/// ASCII (`Über Uns` → `ber-uns`), else its bytes in hex (`日本` → `e697a5e69cac`).
fn folder_name(name: &str) -> String {
    use crate::markdown::slug::{is_safe_slug, slugify};
    if is_safe_slug(name) {
        return name.to_string();
    }
    let ascii: String = name.chars().filter(char::is_ascii).collect();
    let slug = slugify(&ascii);
    if is_safe_slug(&slug) {
        slug
    } else {
        name.bytes().map(|b| format!("{b:02x}")).collect()
    }
}

/// The source site's ids of the headings in `body` of `file` whose pillar id differs,
/// with the pillar id. The source's id is its text lowercased, with spaces as `-` and
/// other characters that are not letters, digits, `-` or `_` dropped (`People & Body`
/// → `people--body`, where pillar writes `people-body`).
/// Definition terms count too (Hugo's `autoDefinitionTermID`).
fn heading_ids(file: &SourceFile, body: Range<usize>) -> HashMap<String, String> {
    let outline = crate::markdown::outline(&file.text, body.clone(), &[]);
    let headings = outline
        .headings
        .iter()
        .map(|h| (h.text.clone(), h.id.clone()));
    let terms = term_texts(&file.text[body])
        .into_iter()
        .zip(outline.terms.iter().cloned());
    let mut seen = std::collections::HashSet::new();
    headings
        .chain(terms)
        .filter_map(|(text, id)| {
            let source: String = text
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect();
            (source != id && seen.insert(source.clone())).then_some((source, id))
        })
        .collect()
}

/// The text of each definition-list term of `markdown`, in order.
fn term_texts(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut terms = Vec::new();
    let mut open: Option<String> = None;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Start(Tag::DefinitionListTitle) => open = Some(String::new()),
            Event::End(TagEnd::DefinitionListTitle) => terms.extend(open.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(text) = &mut open {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    terms
}

/// A URL path as a lookup key: lowercase, no leading slash, one trailing slash
/// (empty for the home page).
fn url_key(url: &str) -> String {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    let path = path.trim_end_matches("index.html").trim_matches('/');
    if path.is_empty() {
        String::new()
    } else {
        format!("{}/", path.to_lowercase())
    }
}

/// The URLs the source served a page at: from its path (Hugo and Zola lowercase it),
/// its `slug`, its `url` / `path` and its `aliases`.
/// A translation's (into `language`) are under the language's folder (`fr/a/b/`).
fn urls_of(
    flavor: super::Flavor,
    target: &str,
    language: Option<&str>,
    front: Option<&Table>,
) -> Vec<String> {
    let stem = target.trim_end_matches(".md");
    let (folder, name) = stem.rsplit_once('/').map_or(("", stem), |(d, n)| (d, n));
    let mut urls = Vec::new();
    if name == "_index" {
        urls.push(url_key(folder));
    } else {
        // A bundle's URL is its folder's.
        let (folder, name) = match name {
            "index" => folder
                .rsplit_once('/')
                .map_or(("", folder), |(d, n)| (d, n)),
            _ => (folder, name),
        };
        let name = match flavor {
            super::Flavor::Zola => undated(name),
            super::Flavor::Hugo => name,
        };
        urls.push(url_key(&format!("{folder}/{name}")));
        if let Some(slug) = front.and_then(|f| f.get("slug")).and_then(values::text) {
            urls.push(url_key(&format!("{folder}/{slug}")));
        }
    }
    if let Some(code) = language {
        for url in &mut urls {
            *url = format!("{code}/{url}");
        }
    }
    for key in ["url", "path"] {
        if let Some(url) = front.and_then(|f| f.get(key)).and_then(values::text) {
            urls.push(url_key(&url));
        }
    }
    if let Some(aliases) = front.and_then(|f| f.get("aliases")) {
        urls.extend(values::strings(aliases).iter().map(|a| url_key(a)));
    }
    urls
}

/// The front matter as data (`None`, with a warning, if it cannot be read) and the
/// body's range.
///
/// Blank lines before the first fence are allowed, as Zola allows them.
fn read_front(file: &SourceFile, warnings: &mut Vec<Diagnostic>) -> (Option<Table>, Range<usize>) {
    let trimmed = file.text.trim_start();
    let fence = trimmed.starts_with("---") || trimmed.starts_with("+++");
    let lead = if fence {
        file.text.len() - trimmed.len()
    } else {
        0
    };
    let fenced = SourceFile::new(&file.path, &file.text[lead..]);
    let split = match split_front_matter(&fenced) {
        Ok(mut split) => {
            split.front_matter = split.front_matter.start + lead..split.front_matter.end + lead;
            split.body = split.body.start + lead..split.body.end + lead;
            split
        }
        Err(d) => {
            warnings.push(Diagnostic {
                severity: crate::diagnostics::Severity::Warning,
                ..d
            });
            return (None, 0..file.text.len());
        }
    };
    let text = &file.text[split.front_matter.clone()];
    let parsed = match split.format {
        Format::Yaml => values::from_yaml(text),
        Format::Toml => values::from_toml(text),
    };
    match parsed {
        Ok(table) => (Some(table), split.body),
        Err(reason) => {
            warnings.push(
                Diagnostic::warning(format!("the front matter cannot be read: {reason}"))
                    .at(file, split.front_matter.start..split.front_matter.start)
                    .with_hint("the page is imported with its file name as title; fix its front matter by hand"),
            );
            (None, split.body)
        }
    }
}

/// A markdown file of the source: its path under the content folder, the file, its
/// front matter (if it could be read) and its body's range.
type Markdown = (String, SourceFile, Option<Table>, Range<usize>);

/// The folders (`a/b/`, `` for all of content) whose pages and files Hugo never renders,
/// each with why: a `cascade` of `build.render: never` on its `_index.md` or
/// `index.md`, or a leaf bundle (an `index.md` without `_index.md`) that sets it itself.
fn hidden_folders(markdown: &[Markdown], has_index: &HashSet<String>) -> Vec<(String, String)> {
    let mut hidden = Vec::new();
    for (rel, file, front, _) in markdown {
        let Some(front) = front else { continue };
        let (folder, name) = match rel.rsplit_once('/') {
            Some((dir, name)) => (format!("{dir}/"), name),
            None => (String::new(), rel.as_str()),
        };
        let shown = file.path.display();
        if (name == "_index.md" || name == "index.md") && cascades_never(front) {
            hidden.push((
                folder,
                format!("`cascade` in {shown} sets `build.render: never`"),
            ));
        } else if name == "index.md" && !has_index.contains(&folder) && renders_never(front) {
            hidden.push((
                folder,
                format!("the bundle's {shown} sets `build.render: never` or `headless`"),
            ));
        }
    }
    hidden
}

/// Why Hugo never renders the page at `rel` (under the content folder), if it does not:
/// its own front matter says so, or it lies in a `hidden` folder.
fn never_rendered(front: Option<&Table>, rel: &str, hidden: &[(String, String)]) -> Option<String> {
    if front.is_some_and(renders_never) {
        return Some("it sets `build.render: never` or `headless`".into());
    }
    hidden
        .iter()
        .find(|(dir, _)| rel.starts_with(dir.as_str()))
        .map(|(_, why)| why.clone())
}

/// The warning for a page Hugo never renders, imported as a headless file.
fn kept_headless(why: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "headless: Hugo never renders it ({why}), so it is no page, only included"
    ))
    .with_hint(
        "pages include it with ::include{file=\"…\"}; remove `headless: true` to make it a page",
    )
}

fn left_out(why: &str) -> Diagnostic {
    Diagnostic::warning(format!("left out: Hugo never renders it ({why})"))
        .with_hint("the files of a bundle Hugo never renders are not imported: copy the ones the text needs beside a page")
}

/// Does this front matter keep its own page from being rendered (`headless: true`,
/// `build.render: never` or the older `render: false`)?
fn renders_never(front: &Table) -> bool {
    let never = |v: Option<&Value>| {
        matches!(v, Some(Value::Bool(false))) || v.and_then(Value::as_str) == Some("never")
    };
    front.get("headless").and_then(Value::as_bool) == Some(true)
        || ["_build", "build"]
            .iter()
            .any(|k| never(get(front, &[k, "render"])))
}

/// Does this front matter's `cascade` (a table, or a list of them) keep the pages below
/// it from being rendered?
fn cascades_never(front: &Table) -> bool {
    match front.get("cascade") {
        Some(Value::Object(cascade)) => renders_never(cascade),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).any(renders_never),
        _ => false,
    }
}

/// The regular files under `folder`, each with its path relative to `folder`
/// (`/`-separated). Symbolic links, other special files and names that are not UTF-8
/// are left out, each with a warning naming it (relative to `root`): an import copies
/// the site's own files only, never what a link leads to.
pub(super) fn files_under(
    root: &Path,
    folder: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut entries = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let shown = err
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf());
                let warning = Diagnostic::warning(format!("left out: cannot read it: {err}"));
                warnings.push(match shown {
                    Some(shown) => warning.in_file(shown),
                    None => warning,
                });
                continue;
            }
        };
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let kind = entry.file_type();
        let why = if entry.depth() > 0 && entry.file_name().to_str().is_none() {
            Some("its name is not UTF-8")
        } else if kind.is_symlink() {
            Some("it is a symbolic link, and an import copies the site's own files only")
        } else if !kind.is_file() && !kind.is_dir() {
            Some("it is not a regular file")
        } else {
            None
        };
        if let Some(why) = why {
            if kind.is_dir() {
                entries.skip_current_dir();
            }
            warnings.push(
                Diagnostic::warning(format!("left out: {why}"))
                    .in_file(shown)
                    .with_hint(
                        "copy or rename it in the source, then import again, if the site needs it",
                    ),
            );
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        if let Some(rel) = entry
            .path()
            .strip_prefix(folder)
            .ok()
            .and_then(Path::to_str)
        {
            files.push((entry.path().to_path_buf(), rel.replace('\\', "/")));
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_heading_ids_map_to_pillar_ids() {
        let text = "## People & Body\n\n## Plain\n\n`a.b`\n: term\n";
        let file = SourceFile::new("a.md", text);
        let ids = heading_ids(&file, 0..text.len());
        assert_eq!(
            ids.get("people--body").map(String::as_str),
            Some("people-body")
        );
        assert_eq!(ids.get("ab").map(String::as_str), Some("a-b"));
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn blank_lines_may_come_before_the_front_matter() {
        let mut warnings = Vec::new();
        let file = SourceFile::new("a.md", "\n+++\ntitle = \"A\"\n+++\nBody\n");
        let (front, body) = read_front(&file, &mut warnings);
        assert_eq!(front.unwrap()["title"], "A");
        assert_eq!(&file.text[body], "Body\n");
        let file = SourceFile::new("b.md", "    code\n");
        assert_eq!(read_front(&file, &mut warnings).1, 0..9);
        assert!(warnings.is_empty());
    }

    #[test]
    fn pages_move_off_the_paths_pillar_reserves() {
        assert_eq!(
            off_reserved("search.md"),
            Some(("search-page.md".into(), "search".into()))
        );
        assert_eq!(
            off_reserved("tags/_index.md"),
            Some(("tags-section/_index.md".into(), "tags/".into()))
        );
        assert_eq!(off_reserved("guides/search.md"), None);
        assert_eq!(off_reserved("searching.md"), None);
    }

    #[test]
    fn folders_become_safe_section_names() {
        assert_eq!(
            safe_folders("functions/strings/Diff/_index.md"),
            "functions/strings/diff/_index.md"
        );
        assert_eq!(safe_folders("a/b.md"), "a/b.md");
        assert_eq!(safe_folders("Über Uns/x.md"), "ber-uns/x.md");
        assert_eq!(safe_folders("日本/x.md"), "e697a5e69cac/x.md");
        assert_eq!(safe_folders("top.md"), "top.md");
    }

    #[test]
    fn url_keys_are_lowercase_with_one_slash() {
        assert_eq!(url_key("/Functions/Foo"), "functions/foo/");
        assert_eq!(url_key("/a/b/index.html#x"), "a/b/");
        assert_eq!(url_key("/"), "");
    }

    #[test]
    fn refs_find_pages_by_path_folder_or_name() {
        let mut tree = ContentTree::default();
        for (source, target) in [("a/b.md", "a/b.md"), ("a/c/index.md", "a/c/_index.md")] {
            tree.by_source
                .insert(source.to_string(), target.to_string());
        }
        assert_eq!(tree.page_ref("a/x.md", "b"), Some("a/b.md"));
        assert_eq!(tree.page_ref("z/x.md", "/a/./c"), Some("a/c/_index.md"));
        assert_eq!(tree.page_ref("", "a/b.md"), Some("a/b.md"));
        assert_eq!(tree.page_ref("a/x.md", "nope"), None);
    }

    #[test]
    fn a_translation_is_named_with_its_language_beside_its_original() {
        let fr = ["fr".to_string()];
        assert_eq!(
            split_language("a/b.fr.md", &fr),
            ("a/b.md".into(), Some("fr".into()))
        );
        assert_eq!(
            split_language("_index.fr.md", &fr),
            ("_index.md".into(), Some("fr".into()))
        );
        // A tag the site does not declare, or no name before it, is part of the name.
        assert_eq!(split_language("b.de.md", &fr), ("b.de.md".into(), None));
        assert_eq!(split_language("a/.fr.md", &fr), ("a/.fr.md".into(), None));
        assert_eq!(with_language("a/b/index.md", "fr"), "a/b/index.fr.md");
        assert_eq!(with_language("logo.png", "fr"), "logo.fr.png");
        assert_eq!(with_language("a/LICENSE", "fr"), "a/LICENSE.fr");
    }

    #[test]
    fn a_translated_bundle_stays_a_bundle() {
        let mut warnings = Vec::new();
        let mut tree = ContentTree {
            languages: vec!["fr".to_string()],
            ..ContentTree::default()
        };
        let markdown = ["post/index.md", "post/index.fr.md"]
            .iter()
            .map(|rel| {
                let file = SourceFile::new(format!("content/{rel}"), "---\ntitle: T\n---\n");
                let (front, body) = read_front(&file, &mut warnings);
                (rel.to_string(), file, front, body)
            })
            .collect();
        tree.add_pages(super::super::Flavor::Hugo, markdown, &mut warnings);
        let targets: Vec<(&str, &str)> = tree
            .pages
            .iter()
            .map(|p| (p.target.as_str(), p.original.as_str()))
            .collect();
        assert_eq!(
            targets,
            [
                ("post/index.md", "post/index.md"),
                ("post/index.fr.md", "post/index.md")
            ]
        );
        assert_eq!(tree.page_at("/fr/post/"), Some("post/index.fr.md"));
    }
}
