//! The write stage: the files derived from the whole site (sitemap, feeds, robots.txt,
//! redirects for aliases), then the atomic publication of the output tree.

mod aliases;
mod feed;
mod guard;
pub(crate) mod machine;
mod publish;
mod sitemap;

pub(crate) use guard::{Destination, check_output, check_sources};
pub(crate) use machine::machine_files;
pub(crate) use publish::{PublishError, Staging};
pub(crate) use sitemap::{KeptSitemap, Touched, update as update_sitemap};

use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{ClusterId, Site};
use crate::output::OutputFile;
use crate::render::Templates;
use crate::urls;

/// The site-wide files: `sitemap.xml`, `atom.xml` and one feed per cluster,
/// `robots.txt`, and a redirect page for every alias. Conflicts between an alias and
/// a real page are errors.
///
/// The first three are rendered with the theme's templates (`sitemap.xml`,
/// `sitemap_index.xml`, `atom.xml`, `robots.txt`), so a theme can change them. The
/// write stage computes what they list and renders them itself, taking the compiled
/// `templates` from the render stage before it: data keeps flowing one way, and the
/// render stage knows nothing of site-wide files.
pub(crate) fn site_files(
    site: &Site,
    templates: &Templates,
    pages: &[OutputFile],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let paths = pages.iter().map(|f| f.path.as_str());
    let mut files = listings(site, templates, paths)?;
    files.push(robots(site, templates)?);
    files.extend(aliases::redirects(site, pages)?);
    Ok(files)
}

/// The site-wide files that list pages: the sitemap (of the pages at the output
/// `paths`, see [`sitemap::sitemap`]) and the feeds ([`feeds`]) of every section.
fn listings<'a>(
    site: &Site,
    templates: &Templates,
    paths: impl Iterator<Item = &'a str>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = sitemap::sitemap(site, templates, paths)?;
    files.extend(feeds(site, templates, |_| true)?);
    Ok(files)
}

/// The site's feed and the feeds of the sections (by cluster id) `section` says yes
/// to, with their copies under the feed aliases. (An edit of one page's front matter
/// that leaves its URL and aliases as they were changes no other site-wide file but the
/// sitemap, and only the feeds of the sections holding it.)
pub(crate) fn feeds(
    site: &Site,
    templates: &Templates,
    section: impl Fn(ClusterId) -> bool,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut feeds = vec![feed::site_feed(site, templates)?];
    feeds.extend(feed::cluster_feeds(site, templates, section)?);
    let copies = feed::copies_under_aliases(&feeds, &site.config.feed_aliases);
    feeds.extend(copies);
    Ok(feeds)
}

/// The template of `robots.txt`.
const ROBOTS_TEMPLATE: &str = "robots.txt";

/// `robots.txt`, from the template of that name, which gets `sitemap_url` (absolute)
/// and, on a site in several languages, `language_sitemaps`: the other language trees'
/// (`https://example.org/fr/sitemap.xml`).
fn robots(site: &Site, templates: &Templates) -> Result<OutputFile, Diagnostic> {
    let mut context = Context::new();
    context.insert("sitemap_url", &site.urls.absolute(urls::SITEMAP));
    let other_languages = site.config.languages.keys();
    let language_sitemaps: Vec<String> = other_languages
        .map(|code| urls::language_tree(code, &site.config.language))
        .filter(|tree| !tree.is_empty())
        .map(|tree| site.urls.in_tree(&tree).absolute(urls::SITEMAP))
        .collect();
    context.insert("language_sitemaps", &language_sitemaps);
    let text = templates.render(ROBOTS_TEMPLATE, &context)?;
    Ok(OutputFile::new(urls::ROBOTS, text))
}
