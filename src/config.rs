//! `content/site.yaml`: the site-wide settings.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Settings for the whole site. Every key but `title` has a default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteConfig {
    /// The site's name, shown in every page title and the header.
    pub title: String,
    /// One sentence about the site, for the home page's meta description.
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://example.org/guide/`. Default `/`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// The language of the content, as a BCP 47 tag. Default `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// The site's other languages, by BCP 47 tag, as Zola's `[languages]`:
    /// `languages: {fr: {title: "…", description: "…"}}`. A translation sits beside its
    /// page (`about.fr.md` next to `about.md`) and is published in the language's tree
    /// (`/fr/about/`); `language` stays the default, at the site root. None by default.
    #[serde(default)]
    pub languages: BTreeMap<String, LanguageConfig>,
    /// The default author of pages that name none.
    #[serde(default)]
    pub author: Option<String>,
    /// The theme folder under `themes/`. Default `default` (built in).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Links in the site header, in order. A `url` may be a content path (`@/about.md`).
    #[serde(default)]
    pub nav: Vec<NavItem>,
    /// The kinds of page authors may give in front matter, in the order hubs list them.
    #[serde(default = "default_kinds")]
    pub kinds: Vec<KindDef>,
    /// How many related pages an article shows. Default 5.
    #[serde(default = "default_related_count")]
    pub related_count: usize,
    /// How many entries the Atom feeds hold. Default 20.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Other file names every feed is also written under, beside `atom.xml`:
    /// `feed_aliases: [index.xml]` keeps the feed URLs of a site that came from Hugo
    /// (`index.xml`) or Zola (`rss.xml`) answering, so its subscribers keep getting
    /// entries. Each copy is the same Atom document, whose `self` link names `atom.xml`.
    #[serde(default)]
    pub feed_aliases: Vec<FeedAlias>,
    /// How many cards a listing page shows (a hub's articles, a tag's pages, the home
    /// page's sections, the tag index) before it continues on `page/2/`. Default 50.
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Whether symbolic links under `content/` and `themes/` that point outside the
    /// site are followed: `inside` (the default) leaves them with a warning, `outside`
    /// follows them with a warning each.
    #[serde(default)]
    pub follow_symlinks: FollowSymlinks,
    /// What a broken internal link is: `error` (the default) fails the build, `warn`
    /// reports it and builds on, for a site in migration. `--strict` makes it an error.
    #[serde(default)]
    pub links: LinkSeverity,
    /// What a link from a translation to a page without a translation in its language
    /// is (it leads to the default language's page): `warn` (the default) reports it,
    /// `quiet` allows it without a word.
    #[serde(default)]
    pub untranslated_links: UntranslatedLinks,
    /// How markdown is read: `markdown: {math: true}` turns on formulas.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Resized and WebP variants of local photos: `images: {widths: [480, 960, 1600]}`
    /// turns them on (off by default).
    #[serde(default)]
    pub images: ImagesConfig,
    /// The redirect file a host reads, written with a 301 for every alias beside the
    /// HTML redirect pages: `netlify` or `cloudflare` (`_redirects`), `vercel`
    /// (`vercel.json`). Default `html`: the pages alone, which any host serves.
    #[serde(default)]
    pub redirects: HostRedirects,
    /// Where pages are edited, their path under `content/` appended: with
    /// `https://github.com/me/site/edit/main/content/`, every markdown page links to
    /// its source there ("Edit this page").
    #[serde(default)]
    pub edit_url: Option<String>,
    /// Whether a page without `updated` takes the date of its file's last commit (read
    /// with the `git` command, once per build).
    #[serde(default)]
    pub git_dates: bool,
    /// How `pillar check --external` treats links to other sites: the domains it
    /// skips, and how long a link found alive is trusted without asking again.
    #[serde(default)]
    pub external_links: ExternalLinks,
    /// Whether the build also writes files for machine readers: `llms.txt`, each
    /// dataset as `data/<id>.json` and `.csv`, each decision filter as
    /// `filters/<id>.json` (see `docs/authoring.md`).
    #[serde(default)]
    pub machine_readable: bool,
    /// Whether each page gets an Open Graph image (`social/<page>.png`), rasterised at
    /// build time from the theme's `social_card.svg` (see `docs/authoring.md`).
    #[serde(default)]
    pub social_cards: bool,
    /// Anything else a theme needs; passed to templates as `site.extra`.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One of the site's other languages (`languages` in `site.yaml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LanguageConfig {
    /// The site's title in that language; the default language's if not given.
    #[serde(default)]
    pub title: Option<String>,
    /// The site's description in that language; the default language's if not given.
    #[serde(default)]
    pub description: Option<String>,
    /// The links of the header in that language; the default language's if not given.
    #[serde(default)]
    pub nav: Option<Vec<NavItem>>,
}

/// Which symbolic links the build follows (`follow_symlinks` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FollowSymlinks {
    /// Only links that resolve inside the site.
    #[default]
    Inside,
    /// Links to anywhere but the system's own trees, each reported.
    Outside,
}

/// How broken internal links are reported (`links` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LinkSeverity {
    /// Each fails the build.
    #[default]
    Error,
    /// Each is a warning; the link is written as it was.
    Warn,
}

/// How links from a translation to untranslated pages are reported
/// (`untranslated_links` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UntranslatedLinks {
    /// Each is a warning.
    #[default]
    Warn,
    /// They are allowed without a word.
    Quiet,
}

/// How page bodies are read (`markdown` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MarkdownConfig {
    /// Whether `$…$` and `$$…$$` are formulas (TeX, rendered to MathML). Off by
    /// default: prose full of prices (`$5M–$10M`) would otherwise turn into math.
    #[serde(default)]
    pub math: bool,
}

/// Resized variants of the JPEG and PNG images under `content/` (`images` in
/// `site.yaml`), offered to browsers in a `srcset`, with WebP beside them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImagesConfig {
    /// The widths in pixels to make of each image narrower than its own. None (the
    /// default) makes no variant and no WebP.
    #[serde(default)]
    pub widths: Vec<std::num::NonZeroU32>,
    /// Whether each width, the image's own included, also gets a lossy WebP offered
    /// first in a `<picture>`. Default true.
    #[serde(default = "default_true")]
    pub webp: bool,
    /// Whether each width, the image's own included, also gets an AVIF offered before
    /// the WebP. Default false; only a pillar built with the `avif` feature makes them.
    #[serde(default)]
    pub avif: Avif,
    /// The encoders' quality, 1 (smallest) to 100 (best), for JPEG and WebP. Default 80.
    #[serde(default = "default_quality")]
    pub quality: Quality,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: Vec::new(),
            webp: true,
            avif: Avif::default(),
            quality: default_quality(),
        }
    }
}

impl ImagesConfig {
    /// Does the site ask for variants?
    pub(crate) fn enabled(&self) -> bool {
        !self.widths.is_empty()
    }
}

/// `images.avif`: whether AVIF variants are made. `true` is an error in a pillar built
/// without the `avif` feature, rather than a setting silently ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "bool")]
pub(crate) struct Avif(bool);

impl Avif {
    /// Are AVIF variants made?
    pub(crate) fn on(self) -> bool {
        self.0
    }
}

impl TryFrom<bool> for Avif {
    type Error = String;

    fn try_from(value: bool) -> Result<Self, Self::Error> {
        if value && !cfg!(feature = "avif") {
            return Err(
                "this pillar was built without AVIF: build it with the `avif` \
                        feature (`cargo install --path . --features avif`), or remove \
                        `avif: true`"
                    .to_string(),
            );
        }
        Ok(Avif(value))
    }
}

/// An encoder quality from 1 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "u8")]
pub(crate) struct Quality(u8);

impl Quality {
    /// The number, from 1 to 100.
    pub(crate) fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Quality {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if (1..=100).contains(&value) {
            Ok(Quality(value))
        } else {
            Err(format!("the quality is {value}: it goes from 1 to 100"))
        }
    }
}

fn default_quality() -> Quality {
    Quality(80)
}

fn default_true() -> bool {
    true
}

/// Which host's redirect file the aliases also go into (`redirects` in `site.yaml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum HostRedirects {
    /// Only the HTML redirect pages.
    #[default]
    Html,
    /// Netlify's `_redirects`.
    Netlify,
    /// Cloudflare Pages' `_redirects` (Netlify's format).
    Cloudflare,
    /// Vercel's `vercel.json`.
    Vercel,
}

/// A file name a feed is also written under (`index.xml`): a plain name ending in
/// `.xml`, other than `atom.xml` and the sitemap's.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub(crate) struct FeedAlias(pub String);

impl TryFrom<String> for FeedAlias {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        let plain = !name.starts_with('.') && !name.contains(['/', '\\']);
        let taken = [crate::urls::SITE_FEED, crate::urls::SITEMAP].contains(&name.as_str());
        if plain && name.ends_with(".xml") && !taken {
            Ok(FeedAlias(name))
        } else {
            Err(format!(
                "`{name}` is not a feed alias: give a file name ending in `.xml` other than `atom.xml` and `sitemap.xml`, such as `index.xml` or `rss.xml`"
            ))
        }
    }
}

/// The settings of `pillar check --external` (`external_links` in `site.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExternalLinks {
    /// Domains never asked (their subdomains neither), e.g. `example.org`.
    #[serde(default)]
    pub skip: Vec<String>,
    /// How many days a link found alive stays in the cache. Default 7.
    #[serde(default = "default_max_age_days")]
    pub max_age_days: u64,
}

impl Default for ExternalLinks {
    fn default() -> Self {
        ExternalLinks {
            skip: Vec::new(),
            max_age_days: default_max_age_days(),
        }
    }
}

fn default_max_age_days() -> u64 {
    7
}

/// One link of the site navigation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NavItem {
    /// The link text.
    pub label: String,
    /// A content path (`@/cluster/_index.md`), a site path (`/tags/`) or a full URL.
    pub url: String,
}

/// A kind of page, e.g. `guide` shown as "Guides".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KindDef {
    /// The id authors write in front matter.
    pub id: String,
    /// The heading hubs group such pages under.
    pub label: String,
}

fn default_base_url() -> String {
    "/".to_string()
}

fn default_language() -> String {
    "en".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_related_count() -> usize {
    5
}

fn default_feed_limit() -> usize {
    20
}

fn default_paginate() -> usize {
    50
}

fn default_kinds() -> Vec<KindDef> {
    [
        ("guide", "Guides"),
        ("comparison", "Comparisons"),
        ("deep-dive", "Deep dives"),
        ("checklist", "Checklists"),
        ("tool", "Tools"),
        ("term", "Terms"),
    ]
    .into_iter()
    .map(|(id, label)| KindDef {
        id: id.to_string(),
        label: label.to_string(),
    })
    .collect()
}

impl SiteConfig {
    /// Does the site have more than one language?
    pub(crate) fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// The settings of the tree of `language` (one of `languages`): these, with that
    /// language, its title and description.
    pub(crate) fn for_language(&self, language: &str) -> SiteConfig {
        let settings = self.languages.get(language).cloned().unwrap_or_default();
        SiteConfig {
            language: language.to_string(),
            title: settings.title.unwrap_or_else(|| self.title.clone()),
            description: settings
                .description
                .unwrap_or_else(|| self.description.clone()),
            nav: settings.nav.unwrap_or_else(|| self.nav.clone()),
            ..self.clone()
        }
    }

    /// The "Edit this page" address of the page at `content_path` (relative to
    /// `content/`), if the site sets `edit_url`: the two joined by one slash, each
    /// segment of the path percent-encoded.
    pub(crate) fn edit_link(&self, content_path: &str) -> Option<String> {
        let base = self.edit_url.as_deref()?.trim();
        let path: Vec<String> = content_path.split('/').map(percent_encode).collect();
        Some(format!("{}/{}", base.trim_end_matches('/'), path.join("/")))
    }

    /// The label of a kind id, if the site declares it.
    pub(crate) fn kind_label(&self, id: &str) -> Option<&str> {
        self.kinds
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.label.as_str())
    }
}

/// `segment` with every byte but ASCII letters, digits and `-._~` percent-encoded.
fn percent_encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::SiteConfig;

    fn config(yaml: &str) -> SiteConfig {
        crate::yaml::parse_file(&crate::source::SourceFile::new("site.yaml", yaml)).unwrap()
    }

    #[test]
    fn edit_links_join_the_address_and_the_encoded_content_path() {
        let with = |base: &str| config(&format!("title: T\nedit_url: \"{base}\"\n"));
        let github = "https://github.com/me/site/edit/main/content";
        assert_eq!(
            with(&format!("{github}/"))
                .edit_link("guides/first.md")
                .as_deref(),
            Some("https://github.com/me/site/edit/main/content/guides/first.md")
        );
        assert_eq!(
            with(github).edit_link("a b/ça.md").as_deref(),
            Some("https://github.com/me/site/edit/main/content/a%20b/%C3%A7a.md")
        );
        assert_eq!(config("title: T\n").edit_link("guides/first.md"), None);
    }
}
