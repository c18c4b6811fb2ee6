//! The components authors place in markdown with a fenced block (comparison tables,
//! decision filters), joined to the pipeline: their data files are read by the load
//! stage, loaded and checked with the model, their links checked with the link stage,
//! their blocks rendered with the pages.
//!
//! Each kind is one [`Component`]; [`registry`] lists them. Adding a kind is a module
//! implementing the trait and one line in [`registry`]: the fence name, the data folder
//! and the URLs it generates are read from the trait everywhere else.

mod compare;
mod decision;

use std::any::Any;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{ContentLink, LinkResolver, Resolver, SiteLinks};
use crate::model::{Page, PageId, Site};
use crate::output::OutputFile;
use crate::render::{Components, GeneratedPage};
use crate::source::SourceFile;

/// What a component keeps of one block placed on a page (its own type inside).
pub type Placement = Box<dyn Any + Send + Sync>;

/// One kind of block: its fence name, its data, its blocks' HTML and its pages.
pub trait Component: Send + Sync {
    /// The first word of the fence that places it (```` ```compare ````).
    fn fence(&self) -> &'static str;
    /// The folder under `content/` that holds its data files (`data`), read as YAML.
    fn data_folder(&self) -> &'static str;
    /// The site path under which it generates pages (`compare/`), if it does: no
    /// page of the site may take it.
    fn generated_dir(&self) -> Option<&'static str> {
        None
    }
    /// Loads and checks its data files; the problems go to `problems`.
    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics);
    /// Parses the YAML of a block (`body` of `source`) against its data.
    fn place(&self, source: &SourceFile, body: Range<usize>) -> Result<Placement, Diagnostics>;
    /// Do two placements show the same thing (so the second needs ids of its own)?
    fn same_placement(&self, _a: &(dyn Any + Send + Sync), _b: &(dyn Any + Send + Sync)) -> bool {
        false
    }
    /// The links to pages its data holds, to be checked like written ones.
    fn content_links(&self) -> Vec<ContentLink>;
    /// The HTML of a placed block: block `index` of its page, and the `instance`-th
    /// earlier block on the page showing the same thing.
    fn html(
        &self,
        placed: &(dyn Any + Send + Sync),
        links: &dyn LinkResolver,
        index: usize,
        instance: usize,
    ) -> String;
    /// The scripts (site paths) a page with one of its blocks needs.
    fn scripts(&self) -> &'static [&'static str];
    /// The pages it generates, as data the render stage renders.
    fn pages(&self, links: &dyn LinkResolver) -> Vec<GeneratedPage>;
    /// A placed block as markdown, for the markdown twin of its page (`None`: the
    /// twin keeps the block as written).
    fn markdown(
        &self,
        _placed: &(dyn Any + Send + Sync),
        _links: &dyn LinkResolver,
    ) -> Option<String> {
        None
    }
    /// Its data as files for machine readers (`machine_readable` in `site.yaml`), with
    /// `links` giving full URLs.
    fn machine_files(&self, _links: &dyn LinkResolver) -> Vec<OutputFile> {
        Vec::new()
    }
}

/// Every kind of component block, in the order their files are read. One line each.
pub fn registry() -> Vec<Box<dyn Component>> {
    vec![
        Box::<compare::Compare>::default(),
        Box::<decision::Decision>::default(),
    ]
}

/// A block as placed on a page: which component, and what it keeps; `None` for a
/// block whose problems were reported (it renders as nothing).
type Placed = Option<(usize, Placement)>;

/// The site's components with their data, and the blocks that place them.
pub struct SiteComponents {
    kinds: Vec<Box<dyn Component>>,
    /// The blocks of each page, by page id and block index.
    blocks: Vec<Vec<Placed>>,
}

impl SiteComponents {
    /// Loads every component's data files (`data`, by folder under `content/`) and
    /// parses every block of every page, adding their problems to `problems`.
    pub fn new(
        mut kinds: Vec<Box<dyn Component>>,
        site: &Site,
        data: &BTreeMap<String, Vec<SourceFile>>,
        problems: &mut Diagnostics,
    ) -> Self {
        for kind in &mut kinds {
            let files = data.get(kind.data_folder()).map_or(&[][..], Vec::as_slice);
            kind.load(files, problems);
        }
        let mut components = SiteComponents {
            kinds,
            blocks: Vec::with_capacity(site.pages.len()),
        };
        for page in &site.pages {
            let placed = components.place_blocks(page, problems);
            components.blocks.push(placed);
        }
        components
    }

    /// Parses the blocks of page `id` again, after an edit of its body. Returns whether
    /// they parse without a problem; if not, nothing changes (the whole site is built
    /// again, which reports them).
    pub fn replace_blocks(&mut self, site: &Site, id: PageId) -> bool {
        let mut problems = Diagnostics::new();
        let placed = self.place_blocks(&site.pages[id], &mut problems);
        if !problems.is_empty() {
            return false;
        }
        self.blocks[id] = placed;
        true
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
                    Ok(placement) => Some((kind, placement)),
                    Err(found) => {
                        problems.extend(found);
                        None
                    }
                }
            })
            .collect()
    }

    /// Block `index` of page `page` as markdown, if its component writes it so.
    pub fn markdown(&self, page: PageId, index: usize, links: &dyn LinkResolver) -> Option<String> {
        let (kind, placement) = self.blocks.get(page)?.get(index)?.as_ref()?;
        self.kinds[*kind].markdown(&**placement, links)
    }

    /// The pages every component generates, their links resolved by `links`.
    pub fn generated_pages(&self, links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        self.kinds.iter().flat_map(|k| k.pages(links)).collect()
    }

    /// Every component's data as files for machine readers, in registry order.
    pub fn machine_files(&self, links: &dyn LinkResolver) -> Vec<OutputFile> {
        self.kinds
            .iter()
            .flat_map(|k| k.machine_files(links))
            .collect()
    }

    /// Checks the content links held in the components' data.
    pub fn check_links(&self, site: &Site, problems: &mut Diagnostics) {
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
        let Some(Some((kind, placement))) = blocks.get(index) else {
            return String::new();
        };
        let component = &self.kinds[*kind];
        let instance = blocks[..index]
            .iter()
            .flatten()
            .filter(|(k, other)| k == kind && component.same_placement(&**other, &**placement))
            .count();
        component.html(&**placement, &SiteLinks::new(site), index, instance)
    }

    fn scripts(&self, site: &Site, page: PageId) -> Vec<String> {
        let placed = self.blocks.get(page).into_iter().flatten().flatten();
        let mut kinds: Vec<usize> = placed.map(|(kind, _)| *kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
            .into_iter()
            .flat_map(|kind| self.kinds[kind].scripts())
            .map(|script| site.urls.path(script))
            .collect()
    }

    fn pages(&self, site: &Site) -> Vec<GeneratedPage> {
        self.generated_pages(&SiteLinks::new(site))
    }
}

/// Loads every file with `load`, keyed by `id`; problems are collected. Returns the
/// loaded items and the ids (file names) of the files that failed.
fn load_all<T>(
    files: &[SourceFile],
    load: fn(&SourceFile) -> Result<T, Diagnostics>,
    id: fn(&T) -> &str,
    problems: &mut Diagnostics,
) -> (BTreeMap<String, T>, Vec<String>) {
    let mut loaded = BTreeMap::new();
    let mut failed = Vec::new();
    for file in files {
        match load(file) {
            Ok(item) => {
                loaded.insert(id(&item).to_string(), item);
            }
            Err(found) => {
                problems.extend(found);
                let stem = file.path.file_stem().unwrap_or_default();
                failed.push(stem.to_string_lossy().into_owned());
            }
        }
    }
    (loaded, failed)
}

/// A block's problems without "unknown filter `x`" (`unknown` names the kind) for a
/// file `x` that failed to load: that file's own errors say what is wrong.
fn without_failed(found: Diagnostics, unknown: &str, failed: &[String]) -> Diagnostics {
    let repeats = |d: &Diagnostic| {
        failed
            .iter()
            .any(|id| d.message.starts_with(&format!("{unknown} `{id}`")))
    };
    found.into_iter().filter(|d| !repeats(d)).collect()
}
