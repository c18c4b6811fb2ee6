//! Turning markdown files into [`Page`]s and arranging them into clusters.

use rayon::prelude::*;

use super::front_matter::FrontMatter;
use super::page::{Cluster, Page, PageId, PageRole};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::markdown::{outline_with, slug};
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

/// Parses every page in parallel, collecting their problems in file order.
pub(super) fn parse_pages(
    files: Vec<(String, SourceFile)>,
    config: &SiteConfig,
    fences: &[&'static str],
    problems: &mut Diagnostics,
) -> Vec<Page> {
    let library: Library = files.iter().cloned().collect();
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|(content_path, file)| parse_page(content_path, file, config, fences, &library))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (page, found) in results {
        problems.extend(found);
        pages.extend(page);
    }
    pages
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
    let place = place_of(&content_path);
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

fn file_stem(content_path: &str) -> &str {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name.strip_suffix(".md").unwrap_or(name)
}

fn place_of(content_path: &str) -> Place {
    match content_path.rsplit_once('/') {
        None if content_path == "_index.md" => Place::Home,
        None => Place::Standalone,
        Some((folder, "_index.md")) => Place::Hub(folder.to_string()),
        Some((folder, _)) => Place::Article(folder.to_string()),
    }
}

/// Sorts pages by content path, groups them into sections (every folder, sorted by
/// path, each under its parent folder's) and orders each section's articles by weight,
/// date and title.
pub(super) fn arrange(
    mut pages: Vec<Page>,
    problems: &mut Diagnostics,
) -> (Vec<Page>, Vec<Cluster>, Option<PageId>) {
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    // Every folder that holds a page, and every folder above one.
    let mut folders: Vec<String> = Vec::new();
    for page in &pages {
        let mut path = page.content_path.as_str();
        while let Some((folder, _)) = path.rsplit_once('/') {
            folders.push(folder.to_string());
            path = folder;
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
        let Some((folder, _)) = page.content_path.rsplit_once('/') else {
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
