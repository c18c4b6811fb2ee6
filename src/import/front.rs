//! A source page's front matter as pillar's: the keys pillar knows mapped across,
//! taxonomies as tags, everything else under `extra`.

use serde_json::Value;

use super::paths::SourcePage;
use super::values::{self, Table, strings, text};
use super::yaml_out::{Mapping, Yaml};
use super::{Flavor, Settings};
use crate::diagnostics::Diagnostic;
use crate::markdown::slug;
use crate::model::Date;

/// The site path pillar gives the page at content path `target` (without a `slug`):
/// `a/b/` for `a/b/_index.md` and for the bundle `a/b/index.md`, `a/b/c/` for
/// `a/b/C.md` and `a/b/2024-05-01-c.md`.
pub(super) fn site_path(target: &str) -> String {
    let (folder, file) = target.rsplit_once('/').unwrap_or(("", target));
    let folder = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let undated_slug = |name: &str| slug::slugify(super::paths::undated(name));
    match file {
        "_index.md" => folder,
        // A page bundle: its URL is its folder's.
        "index.md" if !folder.is_empty() => {
            let (parent, name) = folder
                .trim_end_matches('/')
                .rsplit_once('/')
                .map_or(("", folder.trim_end_matches('/')), |(p, n)| (p, n));
            let parent = if parent.is_empty() {
                String::new()
            } else {
                format!("{parent}/")
            };
            format!("{parent}{}/", undated_slug(name))
        }
        file => format!("{folder}{}/", undated_slug(file.trim_end_matches(".md"))),
    }
}

/// The site path pillar gives `page`: a translation's is its original's under its
/// language's folder (`fr/about/`).
pub(super) fn page_site_path(page: &SourcePage) -> String {
    let own = site_path(&page.original);
    match &page.language {
        Some(code) => format!("{code}/{own}"),
        None => own,
    }
}

/// The YAML front matter (with its `---` lines) of `page` in pillar's schema. `urls`
/// are the site paths of every imported page and of the aliases kept so far: an alias
/// that names one is dropped (the page's own silently, another's with a warning), since
/// a page wins over a redirect and the first page over a later one.
pub(super) fn convert(
    flavor: Flavor,
    page: &SourcePage,
    settings: &Settings,
    urls: &mut std::collections::HashSet<String>,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let front = page.front.clone().unwrap_or_default();
    let front_keys: Vec<String> = front.keys().cloned().collect();
    let mut out = Mapping::new();
    let mut extra = Table::new();
    let mut tags: Vec<String> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    let mut authors: Vec<String> = Vec::new();
    let at = |key: &str| page.file.find_in(0..page.body.start, key).unwrap_or(0..0);
    let title = front
        .get("title")
        .and_then(text)
        .filter(|t| !t.trim().is_empty());
    if page.headless {
        out.insert("headless", true.into());
    }
    let title = title.or_else(|| page.headless.then(String::new));
    let title = title.unwrap_or_else(|| {
        warnings.push(
            Diagnostic::warning("the page has no title: its file name is used")
                .at(&page.file, 0..0)
                .with_hint("give it a `title` in the imported file"),
        );
        crate::scaffold::title_of(file_stem(&page.original))
    });
    if !title.is_empty() {
        out.insert("title", title.into());
    }
    for (key, value) in front {
        let mut keep = |name: &str, v: Yaml| {
            out.insert(name, v);
        };
        match (key.as_str(), &value) {
            ("title", _) => {}
            ("description", v) if text(v).is_some() => {
                keep("description", text(v).unwrap_or_default().into())
            }
            ("date" | "lastmod" | "updated", v) if date(v).is_some() => {
                let name = if key == "date" { "date" } else { "updated" };
                keep(name, date(v).unwrap_or_default().into());
            }
            ("draft", Value::Bool(b)) => keep("draft", (*b).into()),
            ("weight", Value::Number(n)) if n.is_i64() => {
                keep("weight", n.as_i64().unwrap_or_default().into())
            }
            ("aliases", v) => aliases.extend(strings(v)),
            // Zola's section order: by date (or update date) or by weight, as pillar's.
            ("sort_by", Value::String(order)) if flavor == Flavor::Zola => match order.as_str() {
                "date" | "update_date" => keep("sort_by", "date".into()),
                "weight" => keep("sort_by", "weight".into()),
                _ => {
                    extra.insert(key, value);
                }
            },
            ("slug", v) => match text(v).map(|s| slug::slugify(&s)) {
                Some(s) if slug::is_safe_slug(&s) => keep("slug", s.into()),
                _ => {
                    warnings.push(
                        Diagnostic::warning(
                            "the slug has no URL pillar can use (only ASCII letters, digits and `-`): the page keeps the URL of its file name",
                        )
                        .at(&page.file, at("slug"))
                        .with_hint("it is kept under `extra`; give the page a slug in ASCII by hand"),
                    );
                    extra.insert(key, value);
                }
            },
            ("author", Value::String(s)) => keep("author", s.clone().into()),
            ("taxonomies", Value::Object(t)) if flavor == Flavor::Zola => {
                for (name, terms) in t {
                    match name.as_str() {
                        "authors" | "author" => authors.extend(strings(terms)),
                        _ => tags.extend(strings(terms)),
                    }
                }
            }
            ("authors", v) => authors.extend(strings(v)),
            (k, v) if settings.taxonomies.iter().any(|t| t == k) => tags.extend(strings(v)),
            ("params" | "extra", Value::Object(inner)) => {
                extra.extend(inner.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            ("url" | "path", v) => {
                warnings.push(
                    Diagnostic::warning(format!(
                        "`{key}` sets the page's own URL, which pillar does not: it becomes an alias"
                    ))
                    .at(&page.file, at(&key))
                    .with_hint("the page's URL comes from its path; the old URL redirects to it"),
                );
                aliases.extend(strings(v));
            }
            _ => {
                extra.insert(key, value);
            }
        }
    }
    if !out.contains_key("author") && !authors.is_empty() {
        out.insert("author", authors.join(", ").into());
    }
    if let Some(slug) = hugo_dated_slug(flavor, page, &front_keys) {
        out.insert("slug", slug.into());
    }
    let undated = !out.contains_key("date");
    if let Some(date) = undated
        .then(|| page.name_date.clone().or_else(|| path_date(page)))
        .flatten()
    {
        out.insert("date", date.into());
    }
    let own = page_site_path(page);
    // Found once: a page may list thousands of aliases.
    let aliases_at = at("aliases");
    let mut kept = Vec::new();
    let page_url = front_url(page).unwrap_or_else(|| format!("/{own}"));
    for alias in aliases {
        let alias = match flavor {
            Flavor::Hugo => resolve_alias(&alias, &page_url),
            Flavor::Zola => alias,
        };
        if !is_site_path(&alias) {
            warnings.push(
                Diagnostic::warning(format!(
                    "left out: the alias `{alias}` is not a path of this site pillar can redirect from"
                ))
                .at(&page.file, aliases_at.clone())
                .with_hint("an alias is a site path like `/old/url/`: letters, digits and `-_.~` between slashes, without `..`, spaces, `%` escapes or another site's address"),
            );
            continue;
        }
        let path = alias.trim_matches('/');
        let site_path = if path.is_empty() || path.ends_with(".html") {
            // An alias ending in `.html` is a file, as the source wrote it.
            path.to_string()
        } else {
            format!("{path}/")
        };
        if site_path == own {
            continue;
        }
        if urls.contains(&site_path) {
            warnings.push(
                Diagnostic::warning(format!(
                    "left out: the alias `{alias}` names another page (its URL or one of its aliases)"
                ))
                .at(&page.file, aliases_at.clone())
                .with_hint("the page at that URL wins; link to this page by its own URL"),
            );
            continue;
        }
        kept.push(format!("/{site_path}"));
        urls.insert(site_path);
    }
    if !kept.is_empty() {
        let list: Vec<Yaml> = kept.into_iter().map(Into::into).collect();
        out.insert("aliases", list.into());
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| !t.trim().is_empty() && seen.insert(t.to_lowercase()));
    if !tags.is_empty() {
        let list: Vec<Yaml> = tags.into_iter().map(Into::into).collect();
        out.insert("tags", list.into());
    }
    if !extra.is_empty() {
        out.insert("extra", Value::Object(extra).into());
    }
    format!("---\n{}---\n", out.to_yaml())
}

/// For a Hugo page whose file or bundle name starts with a date, which pillar leaves
/// out of the URL and Hugo keeps, the slug that keeps Hugo's URL (unless the page
/// sets its own `slug` or `url`).
fn hugo_dated_slug(flavor: Flavor, page: &SourcePage, keys: &[String]) -> Option<String> {
    let own = keys.iter().any(|k| k == "slug" || k == "url");
    if flavor != Flavor::Hugo || own || page.name_date.is_none() {
        return None;
    }
    let stem = page.original.trim_end_matches(".md");
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    let name = stem.rsplit('/').next().unwrap_or(stem);
    Some(slug::slugify(name)).filter(|s| slug::is_safe_slug(s))
}

/// The date in the URL Zola's `path` gives the page (`2024/05/01/launch`,
/// `blog/2024-05-01-launch`), if any.
fn path_date(page: &SourcePage) -> Option<String> {
    let path = page.front.as_ref()?.get("path").and_then(text)?;
    let digits: Vec<&str> = path.split(['/', '-', '_']).collect();
    digits.windows(3).find_map(|w| {
        let shaped = w[0].len() == 4 && w[1].len() == 2 && w[2].len() == 2;
        let all_digits = w.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        (shaped && all_digits)
            .then(|| Date::parse(&format!("{}-{}-{}", w[0], w[1], w[2])).map(|d| d.iso()))
            .flatten()
    })
}

/// The URL the page's front matter sets (`url`, `path`), if any.
fn front_url(page: &SourcePage) -> Option<String> {
    let front = page.front.as_ref()?;
    let url = front
        .get("url")
        .or_else(|| front.get("path"))
        .and_then(text)?;
    Some(format!("/{}", url.trim_start_matches('/')))
}

/// A Hugo alias as Hugo resolves it: one not starting with `/` (`old-x`,
/// `../changelog`) from the folder of the page's URL `page_url`; `..` above the site
/// root is kept, and refused as an alias later.
fn resolve_alias(alias: &str, page_url: &str) -> String {
    let alias = alias.trim();
    if alias.starts_with('/') || alias.contains("://") {
        return alias.to_string();
    }
    let mut segments: Vec<&str> = page_url
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    segments.pop();
    for segment in alias.split('/') {
        match segment {
            "" | "." => {}
            ".." if segments.pop().is_some() => {}
            ".." => return alias.to_string(),
            segment => segments.push(segment),
        }
    }
    let trailing = if alias.ends_with('/') { "/" } else { "" };
    format!("/{}{trailing}", segments.join("/"))
}

/// Is `alias` a path of this site that pillar writes a redirect at: segments of
/// letters, digits and `-_.~` between slashes, none of them `.` or `..`, and not
/// another site's address (`https://…`, `//host/…`)?
fn is_site_path(alias: &str) -> bool {
    let path = alias.trim();
    if path.starts_with("//") {
        return false;
    }
    let path = path.trim_matches('/');
    path.is_empty()
        || path.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_.~".contains(c))
        })
}

/// A date pillar reads (`YYYY-MM-DD`, time ignored), from the text of `value`.
fn date(value: &Value) -> Option<String> {
    let text = values::text(value)?;
    Date::parse(&text).map(|d| d.iso())
}

fn file_stem(path: &str) -> &str {
    let name = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    match name {
        "_index" => path.rsplit('/').nth(1).unwrap_or("home"),
        other => other,
    }
}

#[cfg(test)]
mod site_path_tests {
    use super::{resolve_alias, site_path};

    #[test]
    fn bundles_and_dated_names_get_pillar_urls() {
        assert_eq!(site_path("news/2024-06-01-trip/index.md"), "news/trip/");
        assert_eq!(site_path("news/2024-05-01-hello.md"), "news/hello/");
        assert_eq!(site_path("news/2024-13-01-x.md"), "news/2024-13-01-x/");
    }

    #[test]
    fn hugo_resolves_relative_aliases_from_the_folder_of_the_page() {
        let page = "/guides/first/";
        assert_eq!(resolve_alias("old-x", page), "/guides/old-x");
        assert_eq!(resolve_alias("../changelog", page), "/changelog");
        assert_eq!(resolve_alias("./a/b/", page), "/guides/a/b/");
        assert_eq!(resolve_alias("/abs/", page), "/abs/");
        assert_eq!(resolve_alias("../../../up", page), "../../../up");
    }

    #[test]
    fn aliases_must_be_paths_of_the_site() {
        use super::is_site_path;
        assert!(is_site_path("/old/url/") && is_site_path("old.html") && is_site_path("/"));
        for bad in [
            "/a/../b/",
            "/my page/",
            "/a/%2e%2e/",
            "https://example.org/x",
            "//x/",
        ] {
            assert!(!is_site_path(bad), "{bad}");
        }
    }

    #[test]
    fn site_paths_as_pillar_gives_them() {
        assert_eq!(site_path("functions/time/_index.md"), "functions/time/");
        assert_eq!(
            site_path("functions/time/AsTime.md"),
            "functions/time/astime/"
        );
        assert_eq!(site_path("about.md"), "about/");
        assert_eq!(site_path("_index.md"), "");
    }
}
