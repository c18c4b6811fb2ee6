//! The source site's settings: its config file, read into what `site.yaml` holds, and
//! the parts of the site (templates, hooks, outputs) an import cannot carry over.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Flavor;
use super::values::{self, Table, get, strings, text};
use super::yaml_out::{Mapping, Yaml};
use crate::diagnostics::Diagnostic;

/// What the source's config says that matters to pillar.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The site title.
    pub title: String,
    /// The site description.
    pub description: Option<String>,
    /// `baseURL` / `base_url`.
    pub base_url: Option<String>,
    /// The content language.
    pub language: Option<String>,
    /// The default author, if the config names one as text.
    pub author: Option<String>,
    /// The front matter keys that are taxonomies, which become tags.
    pub taxonomies: Vec<String>,
    /// Where the markdown is, relative to the source root.
    pub content: Vec<ContentMount>,
    /// The languages besides the default one, whose pages are imported as
    /// translations beside the default language's (`about.fr.md`).
    pub languages: Vec<Language>,
    /// The config file read, relative to the source root.
    pub config_file: String,
    /// Hugo's `params` or Zola's `extra`: `site.extra`.
    pub extra: Table,
    /// Hugo's main menu (`menus.main`), in weight order: label, and the page
    /// (`pageRef`) or URL it links to.
    pub menu: Vec<(String, String)>,
    /// How many entries a listing page shows (Hugo's `pagination.pagerSize` or
    /// `paginate`, Zola's home section's `paginate_by`): site.yaml's `paginate`.
    pub paginate: Option<u64>,
    /// The file names the source's feeds had besides `atom.xml` (Hugo's `index.xml`,
    /// Zola's `rss.xml`): pillar writes its feeds under them too (`feed_aliases`).
    pub feed_aliases: Vec<String>,
}

/// A folder of the source read as content, and where its files go.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContentMount {
    /// The folder, relative to the source root.
    pub dir: PathBuf,
    /// Where its files go under the pillar site's `content/` (`""`, or `docs/`).
    pub prefix: String,
    /// The language its pages are in, if not the default one: each is imported as a
    /// translation (`about.md` of a `fr` mount as `about.fr.md`).
    pub language: Option<String>,
    /// The setting it comes from (`contentDir`, a module mount), if any.
    pub setting: Option<&'static str>,
}

impl ContentMount {
    fn new(dir: impl Into<PathBuf>, prefix: String, setting: Option<&'static str>) -> Self {
        ContentMount {
            dir: dir.into(),
            prefix,
            language: None,
            setting,
        }
    }

    fn in_language(mut self, language: Option<&str>) -> Self {
        self.language = language.map(str::to_string);
        self
    }
}

/// A language of the source besides its default one, with what `site.yaml`'s
/// `languages` says of it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Language {
    /// Its code (`fr`), the tag of its translations' file names.
    pub code: String,
    /// The site's title in it, if the source gives one.
    pub title: Option<String>,
    /// The site's description in it, if the source gives one.
    pub description: Option<String>,
    /// Hugo's main menu in it (`languages.fr.menus.main`), as [`Settings::menu`]:
    /// `languages.fr.nav` in site.yaml.
    pub menu: Vec<(String, String)>,
}

/// The languages of the `[languages]` table of `table` besides `default`, with the
/// title and description each gives at `title` and at the first of `description`.
fn languages_of(table: &Table, default: &str, description: &[&[&str]]) -> Vec<Language> {
    let Some(languages) = get(table, &["languages"]).and_then(Value::as_object) else {
        return Vec::new();
    };
    languages
        .keys()
        .filter(|code| *code != default)
        .map(|code| {
            let at = |keys: &[&str]| {
                let mut path = vec!["languages", code.as_str()];
                path.extend_from_slice(keys);
                string(table, &path)
            };
            let own = get(table, &["languages", code]).and_then(Value::as_object);
            Language {
                code: code.clone(),
                title: at(&["title"]),
                description: description.iter().find_map(|keys| at(keys)),
                menu: own.map(hugo_menu).unwrap_or_default(),
            }
        })
        .collect()
}

/// The config files each flavour reads, in the order it looks for them.
fn candidates(flavor: Flavor) -> &'static [&'static str] {
    match flavor {
        Flavor::Hugo => &[
            "hugo.toml",
            "hugo.yaml",
            "hugo.yml",
            "hugo.json",
            "config.toml",
            "config.yaml",
            "config.yml",
            "config.json",
            "config/_default/hugo.toml",
            "config/_default/hugo.yaml",
            "config/_default/config.toml",
            "config/_default/config.yaml",
        ],
        Flavor::Zola => &["config.toml"],
    }
}

/// Refuses a source that looks like a site of the other generator and nothing like
/// one of `flavor`, naming what gives it away and the command to run instead.
pub(super) fn check_flavor(flavor: Flavor, source: &Path) -> Result<(), Diagnostic> {
    let (own, other) = match flavor {
        Flavor::Hugo => (hugo_signs(source), zola_signs(source)),
        Flavor::Zola => (zola_signs(source), hugo_signs(source)),
    };
    if !own.is_empty() || other.is_empty() {
        return Ok(());
    }
    let (name, command) = match flavor {
        Flavor::Hugo => ("Zola", "zola"),
        Flavor::Zola => ("Hugo", "hugo"),
    };
    Err(Diagnostic::error(format!(
        "{} looks like a {name} site: {}",
        source.display(),
        other.join(", ")
    ))
    .with_hint(format!(
        "import it with `pillar import {command} {} TARGET`",
        source.display()
    )))
}

/// The top-level keys of the source's `config.toml`, if it has one that parses.
fn config_toml_keys(source: &Path) -> Table {
    std::fs::read_to_string(source.join("config.toml"))
        .ok()
        .and_then(|text| values::from_toml(&text).ok())
        .unwrap_or_default()
}

/// What marks the source as a Hugo site: its config file, Hugo's keys, its folders.
fn hugo_signs(source: &Path) -> Vec<String> {
    let mut signs: Vec<String> = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"]
        .iter()
        .filter(|name| source.join(name).is_file())
        .map(|name| format!("it has {name}"))
        .collect();
    let keys = config_toml_keys(source);
    signs.extend(
        ["baseURL", "baseurl", "languageCode", "contentDir"]
            .iter()
            .filter(|key| keys.contains_key(**key))
            .map(|key| format!("config.toml sets `{key}`")),
    );
    signs.extend(
        ["layouts", "archetypes", "config/_default"]
            .iter()
            .filter(|dir| source.join(dir).is_dir())
            .map(|dir| format!("it has {dir}/")),
    );
    signs
}

/// What marks the source as a Zola site: Zola's keys in `config.toml`, `templates/`.
fn zola_signs(source: &Path) -> Vec<String> {
    let keys = config_toml_keys(source);
    let mut signs: Vec<String> = ["base_url", "compile_sass", "build_search_index", "markdown"]
        .iter()
        .filter(|key| keys.contains_key(**key))
        .map(|key| format!("config.toml sets `{key}`"))
        .collect();
    if source.join("templates").is_dir() {
        signs.push("it has templates/".to_string());
    }
    signs
}

/// Reads the source's config file.
pub(super) fn read(flavor: Flavor, source: &Path) -> Result<Settings, Diagnostic> {
    let Some(name) = candidates(flavor)
        .iter()
        .find(|name| source.join(name).is_file())
    else {
        let names = candidates(flavor)[..3.min(candidates(flavor).len())].join(", ");
        return Err(Diagnostic::error(format!(
            "{} has no site config ({names}, …)",
            source.display()
        ))
        .with_hint("pass the folder that holds the site's config file and content/"));
    };
    if let Some(real) = leads_outside(source, &source.join(name)) {
        return Err(Diagnostic::error(format!(
            "the config file {name} leads outside the site, to {}",
            real.display()
        ))
        .in_file(name)
        .with_hint("an import reads the site's own files only: copy the file into the site"));
    }
    let text = super::read(&source.join(name), Path::new(name))?;
    let table = values::from_config(name, &text)?;
    let mut settings = match flavor {
        Flavor::Hugo => hugo(&table),
        Flavor::Zola => zola(&table),
    };
    settings.config_file = name.to_string();
    match flavor {
        Flavor::Hugo => merge_params_file(source, &mut settings),
        Flavor::Zola => settings.paginate = zola_home_paginate(source),
    }
    Ok(settings)
}

/// Merges Hugo's `config/_default/params.*` (the site's `params`, kept in a file of
/// their own) into `extra`; the main config's values win.
fn merge_params_file(source: &Path, settings: &mut Settings) {
    for name in ["params.toml", "params.yaml", "params.yml", "params.json"] {
        let path = Path::new("config/_default").join(name);
        if !source.join(&path).is_file() || leads_outside(source, &source.join(&path)).is_some() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(source.join(&path)) else {
            continue;
        };
        if let Ok(params) = values::from_config(name, &text) {
            for (key, value) in params {
                settings.extra.entry(key).or_insert(value);
            }
        }
    }
}

/// The content folders (or files) the settings name, each with where its files go.
/// One leading outside the site (`contentDir = "../x"`, an absolute path, a symlink or
/// a module mount leading out) is never read: left out with a warning when content
/// remains inside the site, else the import is refused.
pub(super) fn content_folders(
    settings: &Settings,
    source: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<(PathBuf, String, Option<String>)>, Diagnostic> {
    let mut folders = Vec::new();
    let mut outside = Vec::new();
    for mount in &settings.content {
        let content = source.join(&mount.dir);
        match leads_outside(source, &content) {
            Some(real) => outside.push((mount, real)),
            None => folders.push((content, mount.prefix.clone(), mount.language.clone())),
        }
    }
    if folders.iter().any(|(folder, ..)| folder.exists()) {
        for (mount, real) in outside {
            warnings.push(
                Diagnostic::warning(format!(
                    "left out: the module mount `{}` leads outside the site, to {}",
                    mount.dir.display(),
                    real.display()
                ))
                .in_file(&settings.config_file)
                .with_hint(
                    "an import reads the site's own files only: copy what the site needs into it",
                ),
            );
        }
        return Ok(folders);
    }
    if let Some((mount, real)) = outside.into_iter().next() {
        let named = match mount.setting {
            Some(setting) => format!(
                "`{setting}` ({}) in {}",
                mount.dir.display(),
                settings.config_file
            ),
            None => mount.dir.display().to_string(),
        };
        return Err(Diagnostic::error(format!(
            "the content folder {named} leads outside the site, to {}",
            real.display()
        ))
        .in_file(&settings.config_file)
        .with_hint(
            "an import reads the site's own folder only: move the content into it, then import again",
        ));
    }
    Ok(folders)
}

/// The settings of a site whose config sets nothing.
#[cfg(any(test, feature = "fuzzing"))]
pub(super) fn defaults(flavor: Flavor) -> Settings {
    match flavor {
        Flavor::Hugo => hugo(&Table::new()),
        Flavor::Zola => zola(&Table::new()),
    }
}

fn string(table: &Table, keys: &[&str]) -> Option<String> {
    get(table, keys)
        .and_then(text)
        .filter(|s| !s.trim().is_empty())
}

fn hugo(table: &Table) -> Settings {
    let params = get(table, &["params"])
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let taxonomies = match get(table, &["taxonomies"]).and_then(Value::as_object) {
        Some(t) => t.values().filter_map(text).collect(),
        None => vec!["tags".to_string(), "categories".to_string()],
    };
    let (content, languages) = hugo_content(table);
    Settings {
        title: string(table, &["title"]).unwrap_or_else(|| "Imported site".to_string()),
        description: string(table, &["params", "description"])
            .or_else(|| string(table, &["description"])),
        base_url: string(table, &["baseURL"]).or_else(|| string(table, &["baseurl"])),
        language: match languages.is_empty() {
            true => string(table, &["languageCode"])
                .or_else(|| string(table, &["defaultContentLanguage"])),
            // The tag of the default language's pages, which pillar's trees go by.
            false => {
                Some(string(table, &["defaultContentLanguage"]).unwrap_or_else(|| "en".into()))
            }
        },
        author: string(table, &["params", "author"]).or_else(|| string(table, &["author"])),
        taxonomies,
        content,
        languages,
        config_file: String::new(),
        extra: params,
        menu: hugo_menu(table),
        feed_aliases: hugo_feed_names(table),
        paginate: ["pagination.pagerSize", "paginate"]
            .iter()
            .find_map(|key| get(table, &key.split('.').collect::<Vec<_>>()))
            .and_then(Value::as_u64)
            .filter(|&n| n > 0),
    }
}

/// Hugo writes an RSS feed named `index.xml` (or the RSS output format's `baseName`)
/// on the home page and in every section, unless `disableKinds` lists `rss`.
fn hugo_feed_names(table: &Table) -> Vec<String> {
    let disabled = get(table, &["disableKinds"])
        .map(strings)
        .unwrap_or_default()
        .iter()
        .any(|kind| kind.eq_ignore_ascii_case("rss"));
    if disabled {
        return Vec::new();
    }
    let base = ["RSS", "rss"]
        .iter()
        .find_map(|format| string(table, &["outputFormats", format, "baseName"]))
        .unwrap_or_else(|| "index".to_string());
    vec![format!("{base}.xml")]
}

/// The entries of `menus.main` (or `menu.main`) with a name and a link, by weight.
fn hugo_menu(table: &Table) -> Vec<(String, String)> {
    let entries = get(table, &["menus", "main"])
        .or_else(|| get(table, &["menu", "main"]))
        .and_then(Value::as_array);
    let mut items: Vec<(i64, String, String)> = entries
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(|entry| {
            let name = entry.get("name").and_then(text)?;
            let link = entry
                .get("pageRef")
                .or_else(|| entry.get("url"))
                .and_then(text)?;
            let weight = entry.get("weight").and_then(Value::as_i64).unwrap_or(0);
            Some((weight, name, link))
        })
        .collect();
    items.sort_by_key(|(weight, _, _)| *weight);
    items
        .into_iter()
        .map(|(_, name, link)| (name, link))
        .collect()
}

/// The content folders of a Hugo site, and its languages besides the default one.
///
/// The module mounts onto `content` (or a folder under it) if there are any, as Hugo
/// reads them; else `contentDir` (or `content`) and the `contentDir` of each language.
/// The pages of a mount or folder of another language are its translations.
fn hugo_content(table: &Table) -> (Vec<ContentMount>, Vec<Language>) {
    let default = string(table, &["defaultContentLanguage"]).unwrap_or_else(|| "en".into());
    let mut languages = languages_of(
        table,
        &default,
        &[&["params", "description"], &["description"]],
    );
    let mounted: Vec<ContentMount> = mounts(table)
        .filter(|(_, target, _)| is_content(target))
        .map(|(source, target, lang)| {
            let under = target["content".len()..].trim_matches('/');
            let prefix = match under.is_empty() {
                true => String::new(),
                false => format!("{under}/"),
            };
            ContentMount::new(source, prefix, Some("module.mounts"))
                .in_language(lang.filter(|lang| *lang != default))
        })
        .collect();
    for mount in &mounted {
        if let Some(code) = &mount.language
            && !languages.iter().any(|l| &l.code == code)
        {
            languages.push(Language {
                code: code.clone(),
                title: None,
                description: None,
                menu: Vec::new(),
            });
        }
    }
    languages.sort_by(|a, b| a.code.cmp(&b.code));
    if !mounted.is_empty() {
        return (mounted, languages);
    }
    let language_dir = |lang: &str| string(table, &["languages", lang, "contentDir"]);
    let mut content = match string(table, &["contentDir"]) {
        Some(dir) => vec![ContentMount::new(dir, String::new(), Some("contentDir"))],
        None => match language_dir(&default) {
            Some(dir) => vec![ContentMount::new(dir, String::new(), Some("contentDir"))],
            None => vec![ContentMount::new("content", String::new(), None)],
        },
    };
    for lang in &languages {
        if let Some(dir) = language_dir(&lang.code) {
            content.push(
                ContentMount::new(dir, String::new(), Some("contentDir"))
                    .in_language(Some(&lang.code)),
            );
        }
    }
    (content, languages)
}

/// The module mounts of a Hugo config: source, target and language of each (`lang`,
/// or the first of `sites.matrix.languages` unless they hold the default language).
fn mounts(table: &Table) -> impl Iterator<Item = (&str, &str, Option<&str>)> {
    let default = get(table, &["defaultContentLanguage"])
        .and_then(Value::as_str)
        .unwrap_or("en");
    get(table, &["module", "mounts"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(move |m| {
            let source = m.get("source").and_then(Value::as_str)?;
            let matrix = m
                .get("sites")
                .and_then(|s| s.get("matrix"))
                .and_then(|s| s.get("languages"))
                .and_then(Value::as_array)
                .map(|langs| langs.iter().filter_map(Value::as_str).collect::<Vec<_>>());
            let lang = m.get("lang").and_then(Value::as_str).or_else(|| {
                let langs = matrix?;
                if langs.contains(&default) {
                    None
                } else {
                    langs.first().copied()
                }
            });
            Some((
                source,
                m.get("target").and_then(Value::as_str).unwrap_or_default(),
                lang,
            ))
        })
}

/// Does a module mount onto `target` bring content (`content`, `content/x`)?
fn is_content(target: &str) -> bool {
    target
        .strip_prefix("content")
        .is_some_and(|under| under.is_empty() || under.starts_with('/'))
}

/// Where `path` really is, if it exists and leads outside the site at `source` (through
/// a symlink, `..` or an absolute path).
pub(super) fn leads_outside(source: &Path, path: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(source).ok()?;
    let real = std::fs::canonicalize(path).ok()?;
    (!real.starts_with(&root)).then_some(real)
}

fn zola(table: &Table) -> Settings {
    let taxonomies = get(table, &["taxonomies"])
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|t| t.get("name").and_then(text))
                .collect()
        })
        .unwrap_or_else(|| vec!["tags".to_string(), "categories".to_string()]);
    let default = string(table, &["default_language"]);
    let languages = languages_of(
        table,
        default.as_deref().unwrap_or("en"),
        &[&["description"]],
    );
    let language = match languages.is_empty() {
        true => default,
        false => Some(default.unwrap_or_else(|| "en".into())),
    };
    Settings {
        title: string(table, &["title"]).unwrap_or_else(|| "Imported site".to_string()),
        description: string(table, &["description"]),
        base_url: string(table, &["base_url"]),
        language,
        author: string(table, &["author"]).or_else(|| string(table, &["extra", "author"])),
        taxonomies,
        content: vec![ContentMount::new("content", String::new(), None)],
        languages,
        config_file: String::new(),
        extra: get(table, &["extra"])
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        menu: Vec::new(),
        feed_aliases: zola_feed_names(table),
        paginate: None,
    }
}

/// The `paginate_by` of Zola's home section (`content/_index.md`), which pages the
/// home page's list of posts; pillar's `paginate` pages every listing alike.
fn zola_home_paginate(source: &Path) -> Option<u64> {
    let home = source.join("content/_index.md");
    let text = std::fs::read_to_string(&home).ok()?;
    let file = crate::source::SourceFile::new(&home, &text);
    let split = crate::split::split_front_matter(&file).ok()?;
    let front = text.get(split.front_matter)?;
    let front = match split.format {
        crate::split::Format::Toml => values::from_toml(front),
        crate::split::Format::Yaml => values::from_yaml(front),
    }
    .ok()?;
    get(&front, &["paginate_by"])
        .and_then(Value::as_u64)
        .filter(|&n| n > 0)
}

/// The feed file names Zola writes besides `atom.xml` when feeds are on
/// (`generate_feeds`, or `generate_feed` before 0.19): `feed_filenames`, or the older
/// `feed_filename`.
fn zola_feed_names(table: &Table) -> Vec<String> {
    let on = ["generate_feeds", "generate_feed"]
        .iter()
        .find_map(|key| get(table, &[key]).and_then(Value::as_bool))
        .unwrap_or(false);
    if !on {
        return Vec::new();
    }
    let names = ["feed_filenames", "feed_filename"]
        .iter()
        .find_map(|key| get(table, &[key]).map(strings))
        .unwrap_or_default();
    names
        .into_iter()
        .filter(|name| name != "atom.xml")
        .collect()
}

/// `content/site.yaml` for these settings. Broken links are warnings (`links: warn`)
/// until the author has fixed what the import reported.
/// `nav` holds the menu, each link as the `@/` path `page` gives for it, if any.
pub(super) fn site_yaml(settings: &Settings, page: impl Fn(&str) -> Option<String>) -> String {
    let mut map = Mapping::new();
    let mut put = |key: &str, value: Yaml| {
        map.insert(key, value);
    };
    put("title", settings.title.clone().into());
    if let Some(d) = &settings.description {
        put("description", d.clone().into());
    }
    if let Some(url) = &settings.base_url {
        put("base_url", url.clone().into());
    }
    if let Some(lang) = &settings.language {
        put("language", lang.clone().into());
    }
    if !settings.languages.is_empty() {
        let mut languages = Mapping::new();
        for language in &settings.languages {
            let mut entry = Mapping::new();
            if let Some(title) = &language.title {
                entry.insert("title", title.clone().into());
            }
            if let Some(description) = &language.description {
                entry.insert("description", description.clone().into());
            }
            if !language.menu.is_empty() {
                entry.insert("nav", nav(&language.menu, &page));
            }
            languages.insert(&language.code, entry.into());
        }
        put("languages", languages.into());
    }
    if let Some(author) = &settings.author {
        put("author", author.clone().into());
    }
    put("links", "warn".into());
    if !settings.menu.is_empty() {
        put("nav", nav(&settings.menu, &page));
    }
    if let Some(paginate) = settings.paginate {
        put("paginate", paginate.into());
    }
    if !settings.feed_aliases.is_empty() {
        let names: Vec<Yaml> = settings
            .feed_aliases
            .iter()
            .map(|n| n.clone().into())
            .collect();
        put("feed_aliases", names.into());
    }
    if !settings.extra.is_empty() {
        put("extra", Value::Object(settings.extra.clone()).into());
    }
    let yaml = map.to_yaml();
    format!(
        "# Imported by `pillar import`. `links: warn` reports broken links as warnings\n\
         # while the site is in migration; remove it to make them errors.\n{yaml}"
    )
}

/// A menu as site.yaml's `nav`: each link as the `@/` path `page` gives for it, if
/// any, else as written.
fn nav(menu: &[(String, String)], page: impl Fn(&str) -> Option<String>) -> Yaml {
    let items: Vec<Yaml> = menu
        .iter()
        .map(|(label, link)| {
            let url = page(link).map_or_else(|| link.clone(), |p| format!("@/{p}"));
            let mut item = Mapping::new();
            item.insert("label", label.clone().into());
            item.insert("url", url.into());
            item.into()
        })
        .collect();
    items.into()
}

/// Files of the source's `static/` folder, served from the site root: copied into
/// `content/` at the same path. Pairs of file on disk and path under `content/`.
/// A `static/` leading outside the site is left out with a warning.
pub(super) fn static_files(
    source: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    let root = source.join("static");
    if !root.is_dir() {
        return Vec::new();
    }
    if let Some(real) = leads_outside(source, &root) {
        warnings.push(
            Diagnostic::warning(format!(
                "left out: static/ leads outside the site, to {}",
                real.display()
            ))
            .in_file("static")
            .with_hint("an import copies the site's own files only: copy the files into static/"),
        );
        return Vec::new();
    }
    super::paths::files_under(source, &root, warnings)
}

/// What of the source an import leaves behind, one warning per folder: templates,
/// render hooks, custom outputs, asset pipelines, data files and themes.
pub(super) fn unconverted(flavor: Flavor, source: &Path) -> Vec<Diagnostic> {
    let folders: &[(&str, &str)] = match flavor {
        Flavor::Hugo => &[
            (
                "layouts/_markup",
                "render hooks are not converted: links, images and headings render the pillar way",
            ),
            (
                "layouts/_default/_markup",
                "render hooks are not converted: links, images and headings render the pillar way",
            ),
            (
                "layouts/shortcodes",
                "shortcodes become stub templates in templates/shortcodes/, each reported once",
            ),
            (
                "layouts/_shortcodes",
                "shortcodes become stub templates in templates/shortcodes/, each reported once",
            ),
            (
                "layouts",
                "templates are not converted: the site uses pillar's theme (override it under themes/default/templates/)",
            ),
            (
                "themes",
                "themes are not converted: the site uses pillar's theme",
            ),
            ("assets", "Hugo Pipes assets are not converted"),
            ("data", "data files are not converted"),
            ("i18n", "translations are not converted"),
        ],
        Flavor::Zola => &[
            (
                "templates",
                "templates are not converted: the site uses pillar's theme; shortcodes become stub templates in templates/shortcodes/, each reported once",
            ),
            (
                "themes",
                "themes are not converted: the site uses pillar's theme",
            ),
            ("sass", "Sass styles are not converted"),
        ],
    };
    let mut out: Vec<Diagnostic> = folders
        .iter()
        .filter(|(dir, _)| source.join(dir).is_dir())
        .map(|(dir, why)| Diagnostic::warning(format!("{dir}/ is left out: {why}")).in_file(dir))
        .collect();
    if flavor == Flavor::Hugo {
        for name in candidates(flavor)
            .iter()
            .filter(|n| source.join(n).is_file())
            .take(1)
        {
            let text = std::fs::read_to_string(source.join(name)).unwrap_or_default();
            if let Ok(table) = values::from_config(name, &text) {
                let languages = table.get("languages").and_then(Value::as_object);
                let each_language = languages.into_iter().flat_map(|l| l.values());
                let tables =
                    std::iter::once(&table).chain(each_language.filter_map(Value::as_object));
                let menus =
                    tables.flat_map(|t| ["menus", "menu"].into_iter().filter_map(|k| t.get(k)));
                for menu in menus.filter_map(Value::as_object).flat_map(|m| m.keys()) {
                    if menu != "main" {
                        out.push(
                            Diagnostic::warning(format!(
                                "the menu `{menu}` is not converted: only `main` becomes `nav` in site.yaml"
                            ))
                            .in_file(name),
                        );
                    }
                }
                for (from, to, _) in mounts(&table).filter(|m| !is_content(m.1)) {
                    out.push(
                        Diagnostic::warning(format!(
                            "left out: the module mount `{from}` → `{to}` is not converted"
                        ))
                        .in_file(name)
                        .with_hint("an import reads the content folder and static/ only: copy what the site needs into them"),
                    );
                }
                for key in ["outputs", "outputFormats"] {
                    if table.contains_key(key) {
                        out.push(
                            Diagnostic::warning(format!(
                                "`{key}` is not converted: pillar writes its own outputs (pages, feeds, sitemap, search)"
                            ))
                            .in_file(name),
                        );
                    }
                }
            }
        }
    }
    out
}
