//! Turning markdown files into [`Page`]s and arranging them into clusters.

use rayon::prelude::*;

use super::front_matter::FrontMatter;
use super::page::{Cluster, Page, PageId, PageRole};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::split_front_matter;
use crate::markdown::{outline, slug};
use crate::source::SourceFile;

/// Where a file sits in the content tree, before clusters have ids.
enum Place {
    Home,
    Standalone,
    Hub(String),
    Article(String),
}

/// Parses every page in parallel, collecting their problems in file order.
pub(super) fn parse_pages(
    files: Vec<(String, SourceFile)>,
    config: &SiteConfig,
    problems: &mut Diagnostics,
) -> Vec<Page> {
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|(content_path, file)| parse_page(content_path, file, config))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (page, found) in results {
        problems.extend(found);
        pages.extend(page);
    }
    pages
}

/// Parses one page; its role's cluster id is a placeholder until [`arrange`].
pub(super) fn parse_page(
    content_path: String,
    file: SourceFile,
    config: &SiteConfig,
) -> (Option<Page>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let split = match split_front_matter(&file) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let front = match split.parse::<FrontMatter>(&file) {
        Ok(front) => front,
        Err(d) => {
            problems.push(d);
            FrontMatter::default()
        }
    };
    let stem = file_stem(&content_path);
    let title = match front.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => {
            if problems.is_empty() {
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
    let Some(place) = place_of(&content_path) else {
        problems.push(
            Diagnostic::error("pages may be at most one folder deep under content/")
                .in_file(&file.path)
                .with_hint("move it into its cluster folder, e.g. content/<cluster>/page.md"),
        );
        return (None, problems);
    };
    let slug = match &front.slug {
        Some(s) if slug::is_safe_slug(s) => s.clone(),
        Some(s) => {
            let at = file
                .find_value(split.front_matter.clone(), "slug", s)
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
        let at = file
            .find_value(split.front_matter.clone(), "kind", kind)
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
    let outline = outline(&file.text, split.body.clone());
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

fn file_stem(content_path: &str) -> &str {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name.strip_suffix(".md").unwrap_or(name)
}

fn place_of(content_path: &str) -> Option<Place> {
    let parts: Vec<&str> = content_path.split('/').collect();
    match parts.as_slice() {
        ["_index.md"] => Some(Place::Home),
        [_] => Some(Place::Standalone),
        [cluster, "_index.md"] => Some(Place::Hub(cluster.to_string())),
        [cluster, _] => Some(Place::Article(cluster.to_string())),
        _ => None,
    }
}

/// Sorts pages by content path, groups them into clusters (sorted by folder name) and
/// orders each cluster's articles by weight, date and title.
pub(super) fn arrange(
    mut pages: Vec<Page>,
    problems: &mut Diagnostics,
) -> (Vec<Page>, Vec<Cluster>, Option<PageId>) {
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut home = None;
    for (id, page) in pages.iter_mut().enumerate() {
        let Some((folder, _)) = page.content_path.split_once('/') else {
            if page.role == PageRole::Home {
                home = Some(id);
            }
            continue;
        };
        let cluster_id = match clusters.iter().position(|c| c.slug == folder) {
            Some(i) => i,
            None => {
                if !slug::is_safe_slug(folder) {
                    problems.push(
                        Diagnostic::error(format!(
                            "the folder name `{folder}` is not safe in a URL"
                        ))
                        .in_file(&page.source.path)
                        .with_hint(format!("rename the folder to `{}`", slug::slugify(folder))),
                    );
                }
                clusters.push(Cluster {
                    slug: folder.to_string(),
                    hub: None,
                    articles: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        match page.role {
            PageRole::Hub(_) => {
                page.role = PageRole::Hub(cluster_id);
                clusters[cluster_id].hub = Some(id);
            }
            _ => {
                page.role = PageRole::Article(cluster_id);
                clusters[cluster_id].articles.push(id);
            }
        }
    }
    for cluster in &mut clusters {
        cluster.articles.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            let weight = |p: &Page| p.front.weight.unwrap_or(i64::MAX);
            weight(a)
                .cmp(&weight(b))
                .then_with(|| a.front.date.cmp(&b.front.date))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.content_path.cmp(&b.content_path))
        });
    }
    (pages, clusters, home)
}
