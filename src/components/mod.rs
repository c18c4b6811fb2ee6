//! The components authors place in markdown with a fenced block (comparison tables,
//! decision filters, total-cost calculators), joined to the pipeline: their data files are read by the load
//! stage, loaded and checked with the model, their links checked with the link stage,
//! their blocks rendered with the pages.
//!
//! Each kind is one [`Component`]; [`registry`] lists them. Placing a block gives a
//! [`PlacedBlock`], which holds what it shows and writes its own HTML and markdown.
//! Adding a kind is a module implementing the two traits and one line in [`registry`]:
//! the fence name, the data folder, the theme files (its CSS and scripts) and the URLs
//! it generates are read from the trait everywhere else.

mod compare;
mod cost;
mod decision;
#[cfg(test)]
mod kept_tests;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::config::UntranslatedLinks;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{ContentLink, LinkResolver, Resolver, SiteLinks};
use crate::load::ThemeFile;
use crate::model::{Page, PageId, Site};
use crate::output::OutputFile;
use crate::render::{Components, GeneratedPage};
use crate::source::SourceFile;

/// One kind of block: its fence name, its data, its theme files and its pages.
pub(crate) trait Component: Send + Sync {
    /// The first word of the fence that places it (```` ```compare ````).
    fn fence(&self) -> &'static str;
    /// The folder under `content/` that holds its data files (`data`), read as YAML.
    fn data_folder(&self) -> &'static str;
    /// The site path under which it generates pages (`compare/`), if it does: no
    /// page of the site may take it.
    fn generated_dir(&self) -> Option<&'static str> {
        None
    }
    /// The files it adds to the default theme, by their path in a theme
    /// (`static/css/compare.css`): its styles, bundled into the stylesheet with the
    /// theme's, and its scripts. A site's theme overrides them like any theme file.
    fn theme_files(&self) -> &'static [ThemeFile] {
        &[]
    }
    /// Loads and checks its data files; the problems go to `problems`.
    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics);
    /// Parses the YAML of a block (`body` of `source`) against its data. An error with
    /// no diagnostic means the block names data whose own errors are reported.
    fn place(
        &self,
        source: &SourceFile,
        body: Range<usize>,
    ) -> Result<Box<dyn PlacedBlock>, Diagnostics>;
    /// The links to pages its data holds, to be checked like written ones (all of its
    /// data, placed or not: its generated pages and machine files show it too).
    fn content_links(&self) -> Vec<ContentLink>;
    /// The pages it generates, as data the render stage renders.
    fn pages(&self, links: &dyn LinkResolver) -> Vec<GeneratedPage>;
    /// Its data as files for machine readers (`machine_readable` in `site.yaml`), with
    /// `links` giving full URLs.
    fn machine_files(&self, _links: &dyn LinkResolver) -> Vec<OutputFile> {
        Vec::new()
    }
    /// In the tree of a language other than the default, after [`load`](Component::load)
    /// with the originals: puts the `translations` of its items (the id each translates
    /// and its file, `data/plans.fr.yaml` for `plans`) in their place, each checked to
    /// keep its original's logic ([`crate::catalog::Catalog::translate`]). Default: a
    /// kind whose data is written once warns that each such file is not read.
    fn translate(&mut self, translations: &[(String, SourceFile)], problems: &mut Diagnostics) {
        for (id, file) in translations {
            problems.push(
                Diagnostic::warning(format!(
                    "{} is not read: the data of `{}` blocks is not translated, every language shows `{id}` as written",
                    file.path.display(),
                    self.fence()
                ))
                .in_file(&file.path)
                .with_hint("delete the file, or translate the words around the block"),
            );
        }
    }
}

/// A block placed on a page, holding what it shows: it writes its own HTML and
/// markdown and names the scripts it needs.
pub(crate) trait PlacedBlock: Send + Sync {
    /// The id of what it shows, when a second block of its kind on the page showing
    /// the same needs ids of its own (a filter); `None` when its ids come from its index
    /// on the page alone.
    fn shows(&self) -> Option<&str> {
        None
    }
    /// Its HTML: block `index` of its page, and the `instance`-th block of its kind on
    /// the page that [`shows`](PlacedBlock::shows) the same thing.
    fn html(&self, links: &dyn LinkResolver, index: usize, instance: usize) -> String;
    /// The scripts (site paths) a page holding it needs.
    fn scripts(&self) -> &'static [&'static str] {
        &[]
    }
    /// It as markdown, for the markdown twin of its page (`None`: the twin keeps the
    /// block as written).
    fn markdown(&self, _links: &dyn LinkResolver) -> Option<String> {
        None
    }
    /// The file of the data it shows, when its kind translates its data (see
    /// [`Component::translate`]): a page of another language placing data with no
    /// translation into it is warned about.
    fn data_file(&self) -> Option<&SourceFile> {
        None
    }
}

/// Every kind of component block, in the order their files are read. One line each.
pub(crate) fn registry() -> Vec<Box<dyn Component>> {
    vec![
        Box::<compare::Compare>::default(),
        Box::<decision::Decision>::default(),
        Box::<cost::Cost>::default(),
    ]
}

/// The files every kind adds to the default theme, in registry order.
pub(crate) fn theme_files(kinds: &[Box<dyn Component>]) -> Vec<ThemeFile> {
    kinds
        .iter()
        .flat_map(|k| k.theme_files())
        .copied()
        .collect()
}

/// A block as placed on a page: which component (its index in the registry), and the
/// block; `None` for a block whose problems were reported (it renders as nothing).
/// Shared, so that the components made again after an edit keep the blocks of the
/// pages it left alone (see [`SiteComponents::new`]).
type Placed = Option<(usize, Arc<dyn PlacedBlock>)>;

/// The site's components with their data, and the blocks that place them.
pub(crate) struct SiteComponents {
    kinds: Vec<Box<dyn Component>>,
    /// The blocks of each page, by page id and block index.
    blocks: Vec<Vec<Placed>>,
}

impl SiteComponents {
    /// Loads every component's data files (`data`, by folder under `content/`) and
    /// parses every block of every page, adding their problems to `problems`.
    ///
    /// With `previous`, the model and components of an earlier build whose data files
    /// read as `data` does, a page taken from that model as it was (the same shared
    /// page) keeps its blocks when they all placed without a problem: placing them
    /// again would give the same blocks and report nothing.
    pub(crate) fn new(
        mut kinds: Vec<Box<dyn Component>>,
        site: &Site,
        data: &BTreeMap<String, Vec<SourceFile>>,
        previous: Option<(&Site, &SiteComponents)>,
        problems: &mut Diagnostics,
    ) -> Self {
        for kind in &mut kinds {
            let files = data.get(kind.data_folder()).map_or(&[][..], Vec::as_slice);
            kind.load(files, problems);
        }
        SiteComponents::placed(kinds, site, previous, problems)
    }

    /// [`SiteComponents::new`] for the tree of a language other than the default (the
    /// model `site`): the originals `data` are read (their problems are the default
    /// tree's to report), then this language's `translations` in their place. A block
    /// showing data with no translation shows the original's words, with a warning
    /// unless the site sets `untranslated_links: quiet`.
    pub(crate) fn translated(
        mut kinds: Vec<Box<dyn Component>>,
        site: &Site,
        data: &BTreeMap<String, Vec<SourceFile>>,
        translations: &crate::translations::DataTranslations,
        problems: &mut Diagnostics,
    ) -> Self {
        for kind in &mut kinds {
            let folder = kind.data_folder();
            let files = data.get(folder).map_or(&[][..], Vec::as_slice);
            kind.load(files, &mut Diagnostics::new());
            if let Some(translated) = translations.get(folder) {
                kind.translate(translated, problems);
            }
        }
        let components = SiteComponents::placed(kinds, site, None, problems);
        if site.config.untranslated_links != UntranslatedLinks::Quiet {
            let translated: Vec<&SourceFile> =
                translations.values().flatten().map(|(_, f)| f).collect();
            problems.extend(components.untranslated(site, &translated));
        }
        components
    }

    /// A warning for each block of the pages of `site` that shows data with no
    /// translation among `translated`.
    fn untranslated(&self, site: &Site, translated: &[&SourceFile]) -> Vec<Diagnostic> {
        let language = &site.config.language;
        let mut found = Vec::new();
        for (page, placed) in site.pages.iter().zip(&self.blocks) {
            for (block, placed) in page.outline.blocks.iter().zip(placed) {
                let Some(file) = placed.as_ref().and_then(|(_, b)| b.data_file()) else {
                    continue;
                };
                if translated.iter().any(|t| t.path == file.path) {
                    continue;
                }
                let ext = file.path.extension().unwrap_or_default().to_string_lossy();
                let translation = file.path.with_extension(format!("{language}.{ext}"));
                let line_end = page.source.text[block.body.start..]
                    .find('\n')
                    .map_or(page.source.text.len(), |i| block.body.start + i);
                found.push(
                    Diagnostic::warning(format!(
                        "{} has no `{language}` translation: the `{}` block shows it in the default language",
                        file.path.display(),
                        block.fence
                    ))
                    .at(&page.source, block.body.start..line_end)
                    .with_hint(format!(
                        "translate it as {}, or set `untranslated_links: quiet` in site.yaml to allow untranslated pages and data",
                        translation.display()
                    )),
                );
            }
        }
        found
    }

    /// Parses the blocks of page `id` again, after an edit of its body. Returns whether
    /// they parse without a problem; if not, nothing changes (the whole site is built
    /// again, which reports them).
    pub(crate) fn replace_blocks(&mut self, site: &Site, id: PageId) -> bool {
        let mut problems = Diagnostics::new();
        let placed = self.place_blocks(&site.pages[id], &mut problems);
        if !problems.is_empty() {
            return false;
        }
        self.blocks[id] = placed;
        true
    }

    /// The `kinds`, their data loaded, with the blocks of every page of `site` placed,
    /// or kept from `previous` (see [`SiteComponents::new`]).
    fn placed(
        kinds: Vec<Box<dyn Component>>,
        site: &Site,
        previous: Option<(&Site, &SiteComponents)>,
        problems: &mut Diagnostics,
    ) -> Self {
        let mut components = SiteComponents {
            kinds,
            blocks: Vec::with_capacity(site.pages.len()),
        };
        for (id, page) in site.pages.iter().enumerate() {
            let kept = previous.and_then(|(old_site, old)| old.kept_blocks(old_site, site, id));
            let placed = match kept {
                Some(blocks) => blocks.to_vec(),
                None => components.place_blocks(page, problems),
            };
            components.blocks.push(placed);
        }
        components
    }

    /// The blocks these components (of `old_site`) placed for page `id` of `site`, if
    /// it is the same shared page and every block of it placed without a problem.
    fn kept_blocks(&self, old_site: &Site, site: &Site, id: PageId) -> Option<&[Placed]> {
        let page = &site.pages[id];
        if page.outline.blocks.is_empty() {
            return None;
        }
        let was = old_site.page(site.key(id))?;
        let blocks = self.blocks.get(was)?;
        let same = Arc::ptr_eq(&old_site.pages[was], page) && blocks.iter().all(Option::is_some);
        same.then_some(blocks.as_slice())
    }

    /// The component blocks of `page`, each parsed by its component.
    fn place_blocks(&self, page: &Page, problems: &mut Diagnostics) -> Vec<Placed> {
        page.outline
            .blocks
            .iter()
            .map(|block| {
                let kind = self.kinds.iter().position(|k| k.fence() == block.fence)?;
                let source = page.source.blank_out(&block.outside);
                match self.kinds[kind].place(&source, block.body.clone()) {
                    Ok(placement) => Some((kind, Arc::from(placement))),
                    Err(found) => {
                        problems.extend(found);
                        None
                    }
                }
            })
            .collect()
    }

    /// Block `index` of page `page` as markdown, if its component writes it so.
    pub(crate) fn markdown(
        &self,
        page: PageId,
        index: usize,
        links: &dyn LinkResolver,
    ) -> Option<String> {
        let (_, block) = self.blocks.get(page)?.get(index)?.as_ref()?;
        block.markdown(links)
    }

    /// The pages every component generates, their links resolved by `links`.
    pub(crate) fn generated_pages(&self, links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        self.kinds.iter().flat_map(|k| k.pages(links)).collect()
    }

    /// Every component's data as files for machine readers, in registry order.
    pub(crate) fn machine_files(&self, links: &dyn LinkResolver) -> Vec<OutputFile> {
        self.kinds
            .iter()
            .flat_map(|k| k.machine_files(links))
            .collect()
    }

    /// Checks the content links held in the components' data.
    pub(crate) fn check_links(&self, site: &Site, problems: &mut Diagnostics) {
        let resolver = Resolver::new(site);
        for link in self.kinds.iter().flat_map(|k| k.content_links()) {
            if let Err(d) = resolver.check(&link) {
                problems.push(d);
            }
        }
    }
}

impl Components for SiteComponents {
    fn html(&self, site: &Site, page: PageId, index: usize) -> String {
        let Some(blocks) = self.blocks.get(page) else {
            return String::new();
        };
        let Some(Some((kind, block))) = blocks.get(index) else {
            return String::new();
        };
        let instance = match block.shows() {
            Some(shown) => blocks[..index]
                .iter()
                .flatten()
                .filter(|(k, other)| k == kind && other.shows() == Some(shown))
                .count(),
            None => 0,
        };
        block.html(&SiteLinks::new(site), index, instance)
    }

    fn scripts(&self, site: &Site, page: PageId) -> Vec<String> {
        let placed = self.blocks.get(page).into_iter().flatten().flatten();
        let mut scripts: Vec<(usize, &str)> = placed
            .flat_map(|(kind, block)| block.scripts().iter().map(|s| (*kind, *s)))
            .collect();
        // In registry order, each script once.
        scripts.sort_by_key(|(kind, _)| *kind);
        let mut seen = std::collections::BTreeSet::new();
        scripts
            .into_iter()
            .filter(|(_, script)| seen.insert(*script))
            .map(|(_, script)| site.urls.asset(script))
            .collect()
    }

    fn pages(&self, site: &Site) -> Vec<GeneratedPage> {
        self.generated_pages(&SiteLinks::new(site))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every file but Rust in a folder beside a component module (its CSS and JS) is one
    /// of the files some kind adds to the theme, so none is left out of the build.
    #[test]
    fn every_file_beside_a_component_joins_the_theme() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
        let mut beside: Vec<String> = walkdir::WalkDir::new(&dir)
            .min_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.ends_with(".rs"))
            .collect();
        let mut added: Vec<String> = theme_files(&registry())
            .iter()
            .map(|(path, _)| path.rsplit('/').next().unwrap_or_default().to_string())
            .collect();
        beside.sort();
        added.sort();
        assert_eq!(beside, added);
    }
}
