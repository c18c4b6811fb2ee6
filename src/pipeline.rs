//! The whole build: load → model → link → render → write, and `check`, which stops
//! before writing.

use std::path::PathBuf;

use crate::components::{self, SiteComponents};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::external::{self, ExternalOptions};
use crate::link::Links;
use crate::model::ModelOptions;
use crate::model::Site;
use crate::output::OutputFile;
use crate::progress::{Progress, Stage};
use crate::render::Templates;
use crate::source::SourceFile;
use crate::write::Destination;
use crate::{
    images, link, load, model, render, search, shortcodes, social, translations, urls, write,
};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root folder (holding `content/`).
    pub root: PathBuf,
    /// Where the site goes; relative paths are relative to `root`.
    pub output: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Replace the output folder even if pillar did not make it (never the sources).
    pub force: bool,
    /// Drop the user's top-level entries of the previous output (`.git`, `.nojekyll`,
    /// `CNAME`), which a build keeps otherwise.
    pub clean: bool,
    /// Add the full-text search index to the published tree (a site built in memory has
    /// none; `pillar serve` makes it later from the model, see `serve::search`).
    pub search: bool,
    /// Where to report each stage as it starts (nowhere by default).
    pub progress: Progress,
    /// Keep what the build drew (social cards) in `.pillar-cache/` under the root for
    /// the next build; `check`, which writes nothing, reads the cache only.
    pub write_cache: bool,
}

impl BuildOptions {
    /// Defaults for a site at `root`: output `public/`, no drafts, not strict.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: PathBuf::from("public"),
            base_url: None,
            drafts: false,
            strict: false,
            force: false,
            clean: false,
            search: true,
            progress: Progress::none(),
            write_cache: true,
        }
    }

    /// The output folder, resolved against the root.
    pub fn output_dir(&self) -> PathBuf {
        if self.output.is_absolute() {
            self.output.clone()
        } else {
            self.root.join(&self.output)
        }
    }
}

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Pages rendered (markdown and generated).
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
}

impl Outcome {
    /// Did the build succeed (no errors; warnings allowed)?
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn failed(problems: Diagnostics, strict: bool) -> Outcome {
        let mut problems = problems;
        if strict {
            problems.promote_warnings();
        }
        Outcome {
            diagnostics: problems.into_sorted(),
            ..Outcome::default()
        }
    }
}

/// Builds the site and publishes it atomically to the output folder.
pub fn build(options: &BuildOptions) -> Outcome {
    run(options, true)
}

/// Runs the whole pipeline but writes nothing.
pub fn check(options: &BuildOptions) -> Outcome {
    // Nothing is published, so there is nothing to search.
    let options = BuildOptions {
        search: false,
        write_cache: false,
        ..options.clone()
    };
    run(&options, false)
}

/// [`check`], then every external link of the site asked for (see `src/external/`), if
/// the site has no errors.
pub fn check_external(options: &BuildOptions, external: &ExternalOptions) -> Outcome {
    let options = BuildOptions {
        search: false,
        write_cache: false,
        ..options.clone()
    };
    let (outcome, built) = build_keeping_state(&options);
    let Some((_, state)) = built else {
        return outcome;
    };
    let mut problems = Diagnostics::from_iter(outcome.diagnostics);
    problems.extend(external::check(&state.site, external));
    if options.strict {
        problems.promote_warnings();
    }
    Outcome {
        diagnostics: problems.into_sorted(),
        ..outcome
    }
}

/// A site built in memory: every file of the output, nothing written yet.
#[derive(Debug)]
pub struct SiteOutput {
    /// Rendered and generated files, sorted by path.
    pub files: Vec<OutputFile>,
    /// Files copied as they are: the path in the output and the file on disk.
    pub assets: Vec<(String, PathBuf)>,
    /// How many pages were rendered (markdown and generated; redirects not counted).
    pub pages: usize,
}

/// Runs the whole pipeline and keeps the output in memory instead of publishing it
/// (what `pillar serve` shows). The outcome is the one [`check`] reports; the output is
/// there exactly when the outcome is ok.
pub fn build_in_memory(options: &BuildOptions) -> (Outcome, Option<SiteOutput>) {
    let (outcome, built) = build_keeping_state(options);
    (outcome, built.map(|(output, _)| output))
}

/// What the stages made of a site, kept by `pillar serve` so that an edit to one page
/// re-renders only what depends on it (see [`rebuild`](crate::rebuild)).
pub struct SiteState {
    /// The model.
    pub(crate) site: Site,
    /// The link graph.
    pub(crate) links: Links,
    /// Datasets, filters and the blocks placing them.
    pub(crate) components: SiteComponents,
    /// The theme's compiled templates.
    pub(crate) templates: Templates,
    /// The other language trees of a site in several languages (`site` is the default
    /// language's), with their components; none for a site in one language.
    pub(crate) other_languages: Vec<(Site, SiteComponents)>,
    /// The output paths of the rendered and generated files of the build this state
    /// made (not the copied files): what an edit's rebuild replaces some of, keeps the
    /// rest of, and lists in the sitemap. Empty from [`prepare`], which renders nothing.
    pub(crate) outputs: crate::incremental::Outputs,
    /// What the load stage read, for [`prepare`] to read again only the files an edit
    /// changed (see [`load::reload`]), less the theme (the model's, which an edit of the
    /// theme updates, is current); `None` for a site in several languages or with dates
    /// from git, whose edits load the whole site again.
    pub(crate) loaded: Option<load::Loaded>,
}

impl SiteState {
    /// Its model with its link graph, as [`link::changed_pages`] compares two of them.
    pub(crate) fn linked(&self) -> crate::link::Linked<'_> {
        crate::link::Linked {
            site: &self.site,
            links: &self.links,
        }
    }

    /// Each language tree's model and components, the default language's first, as
    /// the search index is made from them.
    pub(crate) fn search_trees(&self) -> Vec<(&Site, &SiteComponents)> {
        std::iter::once((&self.site, &self.components))
            .chain(self.other_languages.iter().map(|(s, c)| (s, c)))
            .collect()
    }
}

/// [`build_in_memory`], also returning the state the output was rendered from.
pub fn build_keeping_state(options: &BuildOptions) -> (Outcome, Option<(SiteOutput, SiteState)>) {
    let (outcome, built) = build_into(options, None);
    (outcome, built.map(|built| (built.output, built.state)))
}

/// What the stages made: the output (less the pages already written to `staging`),
/// the state it was rendered from, and the staging folder the pages went to when the
/// build publishes.
struct Built {
    output: SiteOutput,
    state: SiteState,
    staging: Option<write::Staging>,
    /// How many files are in `staging` already.
    written: usize,
    /// The search bundle, made while the pages rendered, when the build publishes
    /// with search.
    search: Option<Result<Vec<OutputFile>, Diagnostic>>,
}

/// Runs the stages, writing the pages into a staging folder for `destination` as they
/// are rendered if there is one, else keeping them in memory; the outcome, and what
/// the stages made when the outcome is ok.
fn build_into(
    options: &BuildOptions,
    destination: Option<&Destination>,
) -> (Outcome, Option<Built>) {
    let mut problems = Diagnostics::new();
    match stages(options, &mut problems, destination) {
        Some(built) if !problems.has_errors() => {
            let output = &built.output;
            let outcome = Outcome {
                diagnostics: problems.into_sorted(),
                pages: output.pages,
                files: output.files.len() + output.assets.len() + built.written,
            };
            (outcome, Some(built))
        }
        _ => (Outcome::failed(problems, options.strict), None),
    }
}

/// One language tree of the site between the stages (the whole site, for a site in one
/// language).
struct Tree {
    site: Site,
    links: Links,
    components: SiteComponents,
    templates: Option<Templates>,
}

/// load → model → link → render → write (the site-wide files), each stage's problems
/// added to `problems`. `None` once a stage has nothing to hand on, or errors stop the
/// build after the link stage (which reports every content problem first). A site in
/// several languages goes through model, link and render once per language tree.
///
/// With a `destination`, the markdown pages are written into its staging folder as
/// they are rendered (the only files that grow with the site: a large site is never
/// whole in memory), once the output is known to be clear of the sources.
fn stages(
    options: &BuildOptions,
    problems: &mut Diagnostics,
    destination: Option<&Destination>,
) -> Option<Built> {
    let Read {
        loaded,
        data,
        sources,
        git_dates,
    } = read(options, problems)?;
    let kept = kept(&loaded, &data);
    let (data, data_translations) = translations::split_data(data, loaded.config.languages.keys());

    let mut sites = Vec::new();
    for (tree, loaded) in language_trees(loaded) {
        let git_dates = translations::dates_in_tree(&git_dates, &loaded.config);
        let model_options = model_options(options, git_dates, tree);
        sites.push(stage(problems, model::build_site(loaded, &model_options))?);
    }
    if sites.len() > 1 {
        // Before any link stage, every tree's pages: links name pages of other
        // languages (`@/about.fr.md`), and lead to the default language's pages where
        // their own has no translation.
        let pages: std::collections::BTreeMap<String, std::sync::Arc<translations::Fallback>> =
            sites
                .iter()
                .map(|site| {
                    let pages = translations::Fallback::of(site);
                    (site.config.language.clone(), std::sync::Arc::new(pages))
                })
                .collect();
        let default = pages[&sites[0].config.language].clone();
        let pages = std::sync::Arc::new(pages);
        for (i, site) in sites.iter_mut().enumerate() {
            site.fallback = (i > 0).then(|| default.clone());
            site.language_pages = pages.clone();
        }
    }
    let mut trees = Vec::new();
    for site in sites {
        let translated = data_translations.get(&site.config.language);
        trees.push(link_tree(site, &data, translated, None, None, problems)?);
    }
    if trees.len() > 1 {
        problems.extend(translations::check_tree_folders(&trees[0].site));
        let seen: Vec<translations::Tree> = trees
            .iter()
            .map(|t| translations::Tree::of(&t.site, &t.links))
            .collect();
        let shared = std::sync::Arc::new(translations::Translations::new(seen));
        for tree in &mut trees {
            tree.site.translations = shared.clone();
        }
    }
    if options.strict {
        problems.promote_warnings();
    }
    if problems.has_errors() {
        return None;
    }
    let mut trees: Vec<(Site, Links, SiteComponents, Templates)> = trees
        .into_iter()
        .map(|t| Some((t.site, t.links, t.components, t.templates?)))
        .collect::<Option<_>>()?;

    let staging = match destination {
        Some(destination) => Some(open_staging(destination, &sources, problems)?),
        None => None,
    };
    // The search index is made while the pages render, from the model (never from
    // the written pages), so its serial steps (merging the pages' words, naming the
    // chunks) run on the core rendering leaves free, and the other way round.
    let indexed = (staging.is_some() && options.search).then(|| {
        let trees: Vec<(&Site, &SiteComponents)> = trees.iter().map(|t| (&t.0, &t.2)).collect();
        search::Index::new(&trees)
    });
    options.progress.report(Stage::Rendering {
        pages: trees.iter().map(|t| t.0.pages.len()).sum(),
        indexed: indexed.as_ref().map_or(0, search::Index::count),
    });
    // Image variants are made (or found in the cache) while the pages render: pages
    // name them from the plan alone, so neither waits for the other.
    let site = &trees[0].0;
    let render_trees = || {
        trees
            .iter()
            .map(|(site, links, components, templates)| {
                // Where the tree puts it: another language's under its folder.
                let put = |file: OutputFile| {
                    if let Some(staging) = &staging {
                        for file in translations::into_tree(site, vec![file]) {
                            staging.put(&file);
                        }
                    }
                };
                let sink = staging.as_ref().map(|_| &put as render::PageSink);
                render::render(site, links, components, templates, &options.progress, sink)
            })
            .collect::<Vec<_>>()
    };
    let make_variants = || {
        images::make(
            &options.root,
            &site.assets,
            &site.image_sizes,
            &site.config.images,
        )
    };
    let index = || indexed.map(|indexed| indexed.bundle(&options.progress));
    let ((rendered, variants), search) =
        rayon::join(|| rayon::join(render_trees, make_variants), index);
    let mut files = Vec::new();
    // The files already in the staging folder, by path alone.
    let mut written = Vec::new();
    let mut pages = 0;
    for ((site, _, components, templates), rendered) in trees.iter().zip(rendered) {
        let render::Rendered {
            files: mut tree_files,
            handed,
        } = stage(problems, rendered)?;
        let handed: Vec<OutputFile> = handed.into_iter().map(path_only).collect();
        let mut every = handed.clone();
        every.extend(tree_files.iter().map(|f| path_only(f.path.clone())));
        pages += every.iter().filter(|f| f.path.ends_with(".html")).count();
        written.extend(translations::into_tree(site, handed));
        let site_files = write::site_files(site, templates, &every);
        tree_files.extend(stage(problems, site_files)?);
        tree_files.extend(write::machine_files(site, components));
        let (cards, found) = social::cards(site, templates, &options.root, options.write_cache);
        problems.extend(found);
        tree_files.extend(cards);
        files.extend(translations::into_tree(site, tree_files));
    }
    let variants = stage(problems, variants)?;
    if trees.len() > 1 {
        translations::add_language_css(&mut files, trees.iter().map(|t| &t.0));
        translations::join_host_files(&mut files, &trees[0].0);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let (site, links, components, templates) = trees.remove(0);
    let mut assets = site.assets.clone();
    assets.extend(variants);
    let mut every = std::mem::take(&mut written);
    let handed = every.len();
    every.extend(files.iter().map(|f| path_only(f.path.clone())));
    if let Err(d) = check_unique_outputs(&every, &assets) {
        problems.push(d);
        return None;
    }
    let output = SiteOutput {
        files,
        assets,
        pages,
    };
    let state = SiteState {
        site,
        links,
        components,
        templates,
        other_languages: trees.into_iter().map(|(s, _, c, _)| (s, c)).collect(),
        outputs: output.files.iter().map(|f| f.path.clone()).collect(),
        loaded: kept,
    };
    Some(Built {
        output,
        state,
        staging,
        written: handed,
        search,
    })
}

/// A file's path with no contents: what the site-wide files and the checks of the
/// paths need of a page already written.
fn path_only(path: String) -> OutputFile {
    OutputFile::new(path, Vec::new())
}

/// Checks that the output is clear of `sources` (what the load stage read) and opens
/// the staging folder the pages are written into as they are rendered.
fn open_staging(
    destination: &Destination,
    sources: &[PathBuf],
    problems: &mut Diagnostics,
) -> Option<write::Staging> {
    let opened = write::check_sources(destination, sources)
        .and_then(|()| write::Staging::open(destination).map_err(not_written));
    stage(problems, opened.map_err(|d| Diagnostics::from_iter([d])))
}

/// Why the output could not be published, as a diagnostic.
fn not_written(err: write::PublishError) -> Diagnostic {
    match err {
        write::PublishError::Step(d) => d,
        other => Diagnostic::error(other.to_string()),
    }
}

/// What the load stage read (`data` taken out of `loaded`), as [`SiteState::loaded`]
/// keeps it: for a site in one language without dates from git, and without the theme.
fn kept(loaded: &load::Loaded, data: &translations::DataFiles) -> Option<load::Loaded> {
    let config = &loaded.config;
    (!config.is_multilingual() && !config.git_dates).then(|| load::Loaded {
        config: loaded.config.clone(),
        config_file: loaded.config_file.clone(),
        pages: loaded.pages.clone(),
        data: data.clone(),
        assets: loaded.assets.clone(),
        image_sizes: loaded.image_sizes.clone(),
        heavy_images: loaded.heavy_images.clone(),
        theme: load::Theme::default(),
        sources: Vec::new(),
    })
}

/// What the load stage read, with the pages' last commit dates when the site asks for
/// them (`git_dates`).
struct Read {
    loaded: load::Loaded,
    data: std::collections::BTreeMap<String, Vec<crate::source::SourceFile>>,
    sources: Vec<PathBuf>,
    git_dates: std::collections::HashMap<String, model::Date>,
}

/// The load stage, and the commit dates when the site asks for them.
fn read(options: &BuildOptions, problems: &mut Diagnostics) -> Option<Read> {
    let kinds = components::registry();
    let folders = data_folders();
    options.progress.report(Stage::Loading);
    let theme_files = components::theme_files(&kinds);
    let read = load::load(&options.root, &folders, &theme_files);
    let mut loaded = stage(problems, read)?;
    let data = std::mem::take(&mut loaded.data);
    let sources = std::mem::take(&mut loaded.sources);
    let git_dates = if loaded.config.git_dates {
        let content = options.root.join("content");
        let pages = loaded.pages.iter().map(|(path, _)| path.as_str());
        let read = load::last_commit_dates(&content, pages, &loaded.config_file);
        stage(problems, read.map_err(|d| Diagnostics::from_iter([d])))?
    } else {
        Default::default()
    };
    Some(Read {
        loaded,
        data,
        sources,
        git_dates,
    })
}

/// The folders under `content/` whose YAML files are the components' data.
fn data_folders() -> Vec<&'static str> {
    components::registry()
        .iter()
        .map(|k| k.data_folder())
        .collect()
}

/// What the model stage needs of the build's options and the components, for the
/// language tree in folder `tree` (empty for the default language).
fn model_options(
    options: &BuildOptions,
    git_dates: std::collections::HashMap<String, model::Date>,
    tree: String,
) -> ModelOptions {
    let kinds = components::registry();
    ModelOptions {
        git_dates,
        drafts: options.drafts,
        base_url: options.base_url.clone(),
        fences: kinds.iter().map(|k| k.fence()).collect(),
        reserved: urls::reserved(kinds.iter().filter_map(|k| k.generated_dir())),
        tree,
    }
}

/// load → model → link, and the checks that follow it, with the theme's templates
/// compiled: everything a page is rendered from (a [`SiteState`]), if the site has no
/// errors. `pillar serve` runs this after an edit of the files `changed` (relative to
/// the root) that reaches further than one page's body, with the state it has as
/// `previous`: only the changed files are read again where that state says what the
/// others read ([`load::reload`]), and its unchanged pages are not parsed again (see
/// [`model::build_site_from`]); then it renders only what changed (see
/// [`crate::incremental`]). `None` as well for a site in several languages, which
/// `pillar serve` builds whole.
pub(crate) fn prepare(
    options: &BuildOptions,
    previous: Option<&SiteState>,
    changed: &[PathBuf],
    problems: &mut Diagnostics,
) -> Option<SiteState> {
    let reloaded = previous.and_then(|state| {
        let loaded = state.loaded.as_ref()?;
        let mut loaded = load::reload(&options.root, loaded, changed, &data_folders())?;
        loaded.theme = state.site.theme.clone();
        Some(loaded)
    });
    let Read {
        loaded,
        data,
        sources: _,
        git_dates,
    } = match reloaded {
        Some(mut loaded) => Read {
            data: std::mem::take(&mut loaded.data),
            sources: Vec::new(),
            git_dates: Default::default(),
            loaded,
        },
        None => read(options, problems)?,
    };
    if loaded.config.is_multilingual() {
        return None;
    }
    let kept = kept(&loaded, &data);
    let model_options = model_options(options, git_dates, String::new());
    let site = stage(
        problems,
        model::build_site_from(loaded, &model_options, previous.map(|s| &s.site)),
    )?;
    let old = previous.map(SiteState::linked);
    let blocks = previous
        .filter(|state| {
            let data_before = state.loaded.as_ref().map(|loaded| &loaded.data);
            data_before.is_some_and(|before| same_data(before, &data))
        })
        .map(|state| (&state.site, &state.components));
    let tree = link_tree(site, &data, None, old, blocks, problems)?;
    if options.strict {
        problems.promote_warnings();
    }
    if problems.has_errors() {
        return None;
    }
    Some(SiteState {
        site: tree.site,
        links: tree.links,
        components: tree.components,
        templates: tree.templates?,
        other_languages: Vec::new(),
        outputs: Default::default(),
        loaded: kept,
    })
}

/// Do the data files `a` and `b` read the same, file by file (a file kept from one
/// build to the next shares its text, which is then not compared byte by byte)?
fn same_data(a: &translations::DataFiles, b: &translations::DataFiles) -> bool {
    let same_files = |x: &Vec<SourceFile>, y: &Vec<SourceFile>| {
        x.len() == y.len()
            && x.iter()
                .zip(y)
                .all(|(f, g)| f.path == g.path && f.same_text(g))
    };
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((k, x), (l, y))| k == l && same_files(x, y))
}

/// The files of each language tree to build, the default language's first with the
/// tree's folder (`fr/`; empty for the default): for a site in one language, the site.
fn language_trees(mut loaded: load::Loaded) -> Vec<(String, load::Loaded)> {
    if !loaded.config.is_multilingual() {
        return vec![(String::new(), loaded)];
    }
    let config = loaded.config.clone();
    let pages = std::mem::take(&mut loaded.pages);
    let mut split = translations::split_pages(pages, &config.language, &config.languages);
    let mut trees = Vec::new();
    for code in std::iter::once(&config.language).chain(config.languages.keys()) {
        let tree_pages = split.remove(code).unwrap_or_default();
        let tree = urls::language_tree(code, &config.language);
        trees.push((
            tree,
            load::Loaded {
                config: config.for_language(code),
                config_file: loaded.config_file.clone(),
                pages: tree_pages,
                data: Default::default(),
                assets: loaded.assets.clone(),
                image_sizes: loaded.image_sizes.clone(),
                heavy_images: loaded.heavy_images.clone(),
                theme: loaded.theme.clone(),
                sources: Vec::new(),
            },
        ));
    }
    trees
}

/// The link stage of one language tree (its model `site`), and its templates. The
/// components' data files are checked with the default language's tree only, so that
/// each problem with them is reported once; another language's tree reads its
/// `translated` data files in their place. With `previous`, an earlier build's model
/// and link graph, the graph is made from that one where an edit allows it (see
/// [`link::relink_front`], [`link::relink_pages`]). With `blocks`, an earlier build's
/// model and components whose data files read as `data`, the pages it left as they
/// were keep their component blocks (see [`SiteComponents::new`]).
fn link_tree(
    site: Site,
    data: &translations::DataFiles,
    translated: Option<&translations::DataTranslations>,
    previous: Option<link::Linked>,
    blocks: Option<(&Site, &SiteComponents)>,
    problems: &mut Diagnostics,
) -> Option<Tree> {
    let default = site.urls.tree().is_empty();
    let no_translations = translations::DataTranslations::new();
    let translated = translated.unwrap_or(&no_translations);
    let components = if default {
        SiteComponents::new(components::registry(), &site, data, blocks, problems)
    } else {
        SiteComponents::translated(components::registry(), &site, data, translated, problems)
    };
    let relinked = previous
        .and_then(|old| link::relink_front(old, &site).or_else(|| link::relink_pages(old, &site)));
    let (links, found) = relinked.unwrap_or_else(|| link::link(&site));
    let links = stage(problems, (Some(links), found))?;
    if default {
        components.check_links(&site, problems);
    } else {
        // The originals' links are checked with the default language's tree; the
        // translations' with their own.
        let mut found = Diagnostics::new();
        components.check_links(&site, &mut found);
        let own = |d: &Diagnostic| {
            own(&site, d)
                || (translated.values().flatten()).any(|(_, f)| d.path() == Some(&*f.path))
        };
        problems.extend(found.into_sorted().into_iter().filter(own));
        problems.extend(translations::stale_warnings(&site));
    }
    if default {
        problems.extend(images::heavy_image_warnings(&site));
    }
    let templates =
        Templates::new(&site.theme.templates, &site.strings).map_err(Diagnostics::from_iter);
    let templates = stage(problems, templates);
    if let Some(templates) = &templates {
        problems.extend(shortcodes::check(&site, templates));
    }
    Some(Tree {
        site,
        links,
        components,
        templates,
    })
}

/// Is `d` about a page of `site` (and so not about files every tree shares)?
fn own(site: &Site, d: &Diagnostic) -> bool {
    d.path()
        .is_some_and(|p| site.pages.iter().any(|page| page.source.path == p))
}

/// The one shape the pipeline reads a stage's result in: what it made, if it made
/// anything, and the problems it found.
trait StageResult<T> {
    fn into_parts(self) -> (Option<T>, Diagnostics);
}

impl<T> StageResult<T> for (Option<T>, Diagnostics) {
    fn into_parts(self) -> (Option<T>, Diagnostics) {
        self
    }
}

impl<T> StageResult<T> for Result<T, Diagnostics> {
    fn into_parts(self) -> (Option<T>, Diagnostics) {
        match self {
            Ok(value) => (Some(value), Diagnostics::new()),
            Err(found) => (None, found),
        }
    }
}

/// Adds a stage's problems to `problems` and hands its result on.
fn stage<T>(problems: &mut Diagnostics, result: impl StageResult<T>) -> Option<T> {
    let (value, found) = result.into_parts();
    problems.extend(found);
    value
}

fn run(options: &BuildOptions, publish: bool) -> Outcome {
    let destination = if publish {
        match write::check_output(&options.root, &options.output_dir(), options.force) {
            Ok(destination) => destination.clean(options.clean),
            Err(d) => return Outcome::failed(d.into(), false),
        }
    } else {
        // `check` writes nothing, so it needs no destination.
        return build_in_memory(options).0;
    };
    let (mut outcome, built) = build_into(options, Some(&destination));
    let Some(Built {
        output: site,
        state,
        staging: Some(staging),
        search,
        ..
    }) = built
    else {
        return outcome;
    };
    // The model is no longer needed: only the files are written from here.
    drop(state);
    let mut indexed = 0;
    let files = site.files.len() + site.assets.len();
    options.progress.report(Stage::Writing { files });
    let published = staging.finish(site.files, &site.assets, &options.progress, |_| {
        let bundle = search.unwrap_or(Ok(Vec::new()))?;
        indexed = bundle.len();
        Ok(bundle)
    });
    if let Err(err) = published {
        return not_published(outcome, not_written(err));
    }
    outcome.files += indexed;
    outcome
}

/// A build whose output could not be published, for the reason `d`, with what it
/// found on the way.
fn not_published(outcome: Outcome, d: Diagnostic) -> Outcome {
    let mut problems = Diagnostics::from_iter(outcome.diagnostics);
    problems.push(d);
    Outcome::failed(problems, false)
}

/// Two outputs must not claim one path (a content file named like a generated one).
pub(crate) fn check_unique_outputs(
    files: &[OutputFile],
    assets: &[(String, PathBuf)],
) -> Result<(), Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    for path in files.iter().map(|f| f.path.as_str()) {
        if !seen.insert(path) {
            return Err(
                Diagnostic::error(format!("two pages would be written to /{path}")).with_hint(
                    format!(
                        "an alias or page claims a path pillar generates (reserved: /{})",
                        urls::reserved([urls::COMPARE]).join(", /")
                    ),
                ),
            );
        }
    }
    for (rel, _) in assets {
        // The search index is written after everything else, into this folder.
        if rel.starts_with(urls::SEARCH_BUNDLE) {
            return Err(Diagnostic::error(format!(
                "content/{rel} would be overwritten by the search index, which pillar writes to /{}",
                urls::SEARCH_BUNDLE
            ))
            .in_file(format!("content/{rel}"))
            .with_hint("move the file out of the folder"));
        }
        if !seen.insert(rel.as_str()) {
            return Err(Diagnostic::error(format!(
                "content/{rel} would overwrite the generated file /{rel}"
            ))
            .in_file(format!("content/{rel}"))
            .with_hint("rename or move the file"));
        }
    }
    // A file cannot also be a folder: an alias `/logo.png/` next to a file `logo.png`.
    let is_asset = |p: &str| assets.iter().any(|(rel, _)| rel == p);
    let paths = files.iter().map(|f| f.path.as_str());
    for path in paths.chain(assets.iter().map(|(rel, _)| rel.as_str())) {
        let folders = path.match_indices('/').map(|(i, _)| &path[..i]);
        if let Some(file) = folders.into_iter().find(|f| seen.contains(*f)) {
            let d = Diagnostic::error(format!(
                "/{path} needs /{file}/ to be a folder, but /{file} is a file of the site"
            ));
            return Err(if is_asset(file) {
                d.in_file(format!("content/{file}")).with_hint(
                    "rename the file, or change the alias or page that claims the folder",
                )
            } else {
                d.with_hint("change the alias or page that claims the folder")
            });
        }
    }
    Ok(())
}
