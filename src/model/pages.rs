//! Turning markdown files into [`Page`]s and arranging them into clusters.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::Site;
use super::front_matter::{Date, FrontMatter, SortBy};
use super::page::{Cluster, Page, PageId, PageRole};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::markdown::{outline_with, slug};
use crate::places::Places;
use crate::shortcodes::{self, Library};
use crate::source::SourceFile;
use crate::split::split_front_matter;

/// Where a file sits in the content tree, before clusters have ids.
enum Place {
    Home,
    Standalone,
    Hub(String),
    Article(String),
}

/// Parses every page in parallel, collecting their problems in file order: each
/// page's problems, by content path, and the pages. A page of `previous` (a model made
/// with the same configuration) whose file reads as it did and includes nothing is
/// taken as it was (shared, not copied), with the problems parsing it gave then.
///
/// The files an include may name (the [`Library`]) are gathered only when a file to
/// parse has the word `include` in it: an edit of one page without one does not copy
/// the site's 10,000 paths.
pub(super) fn parse_pages(
    files: Vec<(String, SourceFile)>,
    config: &SiteConfig,
    fences: &[&'static str],
    previous: Option<&Site>,
    problems: &mut Diagnostics,
) -> (Vec<Arc<Page>>, HashMap<String, Vec<Diagnostic>>) {
    let kept = |content_path: &str, file: &SourceFile| -> Option<&Arc<Page>> {
        let site = previous?;
        let old = &site.pages[*site.by_path.get(content_path)?];
        let same = old.source.same_text(file) && !shortcodes::has_includes(&old.outline.shortcodes);
        same.then_some(old)
    };
    // Each file's page in `previous`, if it is kept: looked up once.
    let kept: Vec<Option<&Arc<Page>>> = files
        .par_iter()
        .map(|(path, file)| kept(path, file))
        .collect();
    let includes = files
        .par_iter()
        .zip(&kept)
        .any(|((_, file), old)| old.is_none() && file.text.contains(shortcodes::INCLUDE));
    let library: Library = if includes {
        files.iter().cloned().collect()
    } else {
        Library::new()
    };
    let results: Vec<(String, Option<Arc<Page>>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .zip(kept)
        .map(|((content_path, file), old)| {
            let (page, found) = match old {
                Some(old) => {
                    let found = previous
                        .and_then(|site| site.parse_problems.get(&content_path))
                        .cloned()
                        .unwrap_or_default();
                    (Some(Arc::clone(old)), found)
                }
                None => {
                    let (page, found) =
                        parse_page(content_path.clone(), file, config, fences, &library);
                    (page.map(Arc::new), found)
                }
            };
            (content_path, page, found)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut by_page = HashMap::new();
    for (content_path, page, found) in results {
        if !found.is_empty() {
            by_page.insert(content_path, found.clone());
        }
        problems.extend(found);
        pages.extend(page);
    }
    (pages, by_page)
}

/// Parses one page; its role's cluster id is a placeholder until [`arrange`]. Fenced
/// blocks named in `fences` are component blocks; includes take their files from
/// `library`.
pub(super) fn parse_page(
    content_path: String,
    file: SourceFile,
    config: &SiteConfig,
    fences: &[&'static str],
    library: &Library,
) -> (Option<Page>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let split = match split_front_matter(&file) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let mut front = match split.parse::<FrontMatter>(&file) {
        Ok(front) => front,
        Err(found) => {
            problems.extend(found);
            FrontMatter::default()
        }
    };
    let (name_date, stem) = dated_name(page_name(&content_path));
    let place = place_of(&content_path);
    if matches!(place, Place::Article(_) | Place::Standalone) && front.date.is_none() {
        front.date = name_date;
    }
    let title = match front.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => {
            // A headless file is no page, so needs no title.
            if problems.is_empty() && !front.headless {
                let at = if split.front_matter.is_empty() {
                    0..0
                } else {
                    0..3
                };
                problems.push(
                    Diagnostic::error("the page has no title")
                        .at(&file, at)
                        .with_hint("add `title: ...` to the front matter between `---` lines"),
                );
            }
            stem.to_string()
        }
    };
    let slug = match &front.slug {
        Some(s) if slug::is_safe_slug(s) => s.clone(),
        Some(s) => {
            let at = Places::of(&file, split.front_matter.clone())
                .value("slug", s)
                .unwrap_or(0..0);
            problems.push(
                Diagnostic::error(format!("the slug `{s}` is not safe in a URL"))
                    .at(&file, at)
                    .with_hint(match slug::slugify(s) {
                        example if example.is_empty() => {
                            "use lowercase letters, digits and `-`".to_string()
                        }
                        example => {
                            format!("use lowercase letters, digits and `-`, e.g. `{example}`")
                        }
                    }),
            );
            slug::slugify(s)
        }
        None => {
            let slug = slug::slugify(stem);
            if slug.is_empty() {
                problems.push(
                    Diagnostic::error(format!(
                        "the file name `{stem}.md` has no letters or digits to make its URL from"
                    ))
                    .in_file(&file.path)
                    .with_hint("add `slug: ...` to the front matter, or rename the file"),
                );
                // Never empty, and unique: the file's path spelled in hex.
                content_path.bytes().map(|b| format!("{b:02x}")).collect()
            } else {
                slug
            }
        }
    };
    if let Some(kind) = &front.kind
        && config.kind_label(kind).is_none()
    {
        let known: Vec<&str> = config.kinds.iter().map(|k| k.id.as_str()).collect();
        let at = Places::of(&file, split.front_matter.clone())
            .value("kind", kind)
            .unwrap_or(0..0);
        let hint = match closest(kind, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? (kinds are listed in site.yaml)"),
            None => format!("known kinds: {}", known.join(", ")),
        };
        problems.push(
            Diagnostic::error(format!("unknown kind `{kind}`"))
                .at(&file, at)
                .with_hint(hint),
        );
    }
    let site_path = match &place {
        Place::Home => String::new(),
        Place::Standalone => format!("{slug}/"),
        Place::Hub(cluster) => format!("{cluster}/"),
        Place::Article(cluster) => format!("{cluster}/{slug}/"),
    };
    let role = match place {
        Place::Home => PageRole::Home,
        Place::Standalone => PageRole::Standalone,
        // Cluster ids are assigned by `arrange`; 0 is a placeholder until then.
        Place::Hub(_) => PageRole::Hub(0),
        Place::Article(_) => PageRole::Article(0),
    };
    let (mut calls, errors) = shortcodes::scan(&file.text, split.body.clone());
    let mut chain = vec![content_path.clone()];
    shortcodes::resolve_includes(
        library,
        &content_path,
        &file,
        &mut calls,
        &mut chain,
        &mut problems,
    );
    let math = config.markdown.math;
    let outline = outline_with(
        &file.text,
        split.body.clone(),
        fences,
        (calls, errors),
        math,
    );
    problems.extend(outline.shortcode_errors.iter().map(|e| {
        Diagnostic::error(e.message.clone())
            .at(&file, e.range.clone())
            .with_hint(e.hint.clone())
    }));
    problems.extend(outline.math_errors.iter().map(|(error, origin)| {
        let written_in = origin.as_ref().map_or(&file, |origin| &origin.file);
        Diagnostic::error(error.message.clone())
            .at(written_in, error.range.clone())
            .with_hint("formulas are TeX between `$`s (inline) or `$$`s (display); write `\\$` for a dollar sign")
    }));
    problems.extend(outline.diagram_errors.iter().map(|(error, origin)| {
        let written_in = origin.as_ref().map_or(&file, |origin| &origin.file);
        Diagnostic::error(error.message.clone())
            .at(written_in, error.range.clone())
            .with_hint("pillar draws Mermaid flowcharts (`graph TD`) and sequence diagrams (`sequenceDiagram`); see docs/authoring.md")
    }));
    problems.extend(outline.images_without_alt.iter().map(|(range, origin)| {
        let written_in = origin.as_ref().map_or(&file, |origin| &origin.file);
        Diagnostic::warning("the image has no alt text")
            .at(written_in, range.clone())
            .with_hint("say what it shows for readers who cannot see it: `![a bar chart of fees by stage](fees.png)`")
    }));
    let page = Page {
        source: file,
        content_path,
        role,
        front,
        front_range: split.front_matter,
        body: split.body,
        title,
        site_path,
        outline,
    };
    (Some(page), problems)
}

/// The name a page's URL comes from: the file name without `.md`, or for a page
/// bundle (`post/index.md`) the folder's name.
fn page_name(content_path: &str) -> &str {
    let path = content_path
        .strip_suffix("/index.md")
        .unwrap_or(content_path);
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Splits a name written `2024-05-01-hello` (or `2024-05-01_hello`) into its date and
/// the rest, `hello`, as Zola does; a name without such a prefix has no date.
fn dated_name(name: &str) -> (Option<Date>, &str) {
    let date = name.get(..10).and_then(Date::parse);
    let rest = name.get(11..).filter(|rest| !rest.is_empty());
    match (date, name.as_bytes().get(10), rest) {
        (Some(date), Some(b'-' | b'_'), Some(rest)) => (Some(date), rest),
        _ => (None, name),
    }
}

/// The folder of the section a page belongs to: the folder of its file, or for a page
/// bundle (`guides/post/index.md`) the folder above the bundle's. `None` for pages
/// directly in `content/`.
fn section_folder(content_path: &str) -> Option<&str> {
    let (folder, name) = content_path.rsplit_once('/')?;
    if name == "index.md" {
        folder.rsplit_once('/').map(|(above, _)| above)
    } else {
        Some(folder)
    }
}

fn place_of(content_path: &str) -> Place {
    if content_path == "_index.md" {
        return Place::Home;
    }
    match (
        content_path.strip_suffix("/_index.md"),
        section_folder(content_path),
    ) {
        (Some(folder), _) => Place::Hub(folder.to_string()),
        (None, Some(folder)) => Place::Article(folder.to_string()),
        (None, None) => Place::Standalone,
    }
}

/// Sorts pages by content path, groups them into sections (every folder, sorted by
/// path, each under its parent folder's) and orders each section's articles: a dated
/// section's newest first (see [`is_dated`]), any other's by weight, date and title.
///
/// A page keeps its place (its role's cluster id) without being copied when it has it
/// already, as a page taken from the last build's model has.
pub(super) fn arrange(
    mut pages: Vec<Arc<Page>>,
    problems: &mut Diagnostics,
) -> (Vec<Arc<Page>>, Vec<Cluster>, Option<PageId>) {
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    // Every folder that holds a page, and every folder above one. The pages are sorted,
    // so a folder's pages follow each other: each folder is written down once per run.
    let mut folders: Vec<String> = Vec::new();
    let mut last: Option<&str> = None;
    for page in &pages {
        let mut folder = section_folder(&page.content_path);
        if folder == last {
            continue;
        }
        last = folder;
        while let Some(path) = folder {
            folders.push(path.to_string());
            folder = path.rsplit_once('/').map(|(above, _)| above);
        }
    }
    folders.sort_unstable();
    folders.dedup();
    let mut clusters: Vec<Cluster> = folders
        .iter()
        .map(|folder| Cluster {
            slug: folder.to_string(),
            hub: None,
            articles: Vec::new(),
            dated: false,
            parent: folder
                .rsplit_once('/')
                .and_then(|(parent, _)| folders.binary_search_by(|f| f.as_str().cmp(parent)).ok()),
            subsections: Vec::new(),
        })
        .collect();
    for id in 0..clusters.len() {
        if let Some(parent) = clusters[id].parent {
            clusters[parent].subsections.push(id);
        }
    }
    let mut unsafe_reported = std::collections::HashSet::new();
    let mut home = None;
    for (id, page) in pages.iter_mut().enumerate() {
        let Some(folder) = section_folder(&page.content_path) else {
            if page.role == PageRole::Home {
                home = Some(id);
            }
            continue;
        };
        let cluster_id = folders
            .binary_search_by(|f| f.as_str().cmp(folder))
            .unwrap_or_default();
        for segment in folder.split('/').filter(|s| !slug::is_safe_slug(s)) {
            if unsafe_reported.insert(segment.to_string()) {
                problems.push(
                    Diagnostic::error(format!("the folder name `{segment}` is not safe in a URL"))
                        .in_file(&page.source.path)
                        .with_hint(format!("rename the folder to `{}`", slug::slugify(segment))),
                );
            }
        }
        let role = match page.role {
            PageRole::Hub(_) => {
                clusters[cluster_id].hub = Some(id);
                PageRole::Hub(cluster_id)
            }
            _ => {
                clusters[cluster_id].articles.push(id);
                PageRole::Article(cluster_id)
            }
        };
        if page.role != role {
            Arc::make_mut(page).role = role;
        }
    }
    for cluster in &mut clusters {
        cluster.dated = is_dated(cluster, &pages);
        cluster.articles.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            let weight = |p: &Page| p.front.weight.unwrap_or(i64::MAX);
            let order = if cluster.dated {
                b.front.date.cmp(&a.front.date)
            } else {
                weight(a)
                    .cmp(&weight(b))
                    .then_with(|| a.front.date.cmp(&b.front.date))
            };
            order
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.content_path.cmp(&b.content_path))
        });
    }
    (pages, clusters, home)
}

/// The pages directly in `content/` (neither home, hub nor article) that the home page
/// lists as posts, newest first: all of them when the home's `sort_by` is `date`, or,
/// without one, when every one has a `date` and none a `weight`, as a blog whose posts
/// sit at the top level has. Otherwise none: an about page is no post.
pub(super) fn home_posts(pages: &[Arc<Page>], home: Option<PageId>) -> Vec<PageId> {
    let mut posts: Vec<PageId> = (0..pages.len())
        .filter(|&p| pages[p].role == PageRole::Standalone)
        .collect();
    let listed = match home.and_then(|h| pages[h].front.sort_by) {
        Some(sort_by) => sort_by == SortBy::Date,
        None => posts.iter().all(|&p| {
            let front = &pages[p].front;
            front.date.is_some() && front.weight.is_none()
        }),
    };
    if !listed {
        return Vec::new();
    }
    posts.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.content_path.cmp(&b.content_path))
    });
    posts
}

/// Does `cluster` list its articles by date, newest first? As its hub's `sort_by` says;
/// without one, when every article has a `date` (from the front matter or the file
/// name) and none a `weight`, as a news section or a blog has.
fn is_dated(cluster: &Cluster, pages: &[Arc<Page>]) -> bool {
    match cluster.hub.and_then(|hub| pages[hub].front.sort_by) {
        Some(sort_by) => sort_by == SortBy::Date,
        None => {
            !cluster.articles.is_empty()
                && cluster.articles.iter().all(|&a| {
                    let front = &pages[a].front;
                    front.date.is_some() && front.weight.is_none()
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_prefix_of_the_file_name_is_split_off() {
        let date = |text| Date::parse(text);
        assert_eq!(
            dated_name("2024-05-01-hello"),
            (date("2024-05-01"), "hello")
        );
        assert_eq!(
            dated_name("2024-05-01_hello"),
            (date("2024-05-01"), "hello")
        );
        // No real date, nothing after it, or no separator: the name as it is.
        for name in [
            "2024-13-01-hello",
            "2024-05-01",
            "2024-05-01-",
            "2024-05-01hello",
            "hello",
            "ab",
        ] {
            assert_eq!(dated_name(name), (None, name));
        }
    }

    #[test]
    fn a_folder_with_index_md_is_a_page_not_a_section() {
        assert_eq!(
            page_name("news/2024-05-01-trip/index.md"),
            "2024-05-01-trip"
        );
        assert_eq!(page_name("news/post.md"), "post");
        assert_eq!(section_folder("news/trip/index.md"), Some("news"));
        assert_eq!(section_folder("a/b/_index.md"), Some("a/b"));
        assert_eq!(section_folder("trip/index.md"), None);
        assert!(matches!(place_of("trip/index.md"), Place::Standalone));
        assert!(matches!(place_of("news/trip/index.md"), Place::Article(f) if f == "news"));
        assert!(matches!(place_of("news/_index.md"), Place::Hub(f) if f == "news"));
        assert!(matches!(place_of("_index.md"), Place::Home));
    }
}
