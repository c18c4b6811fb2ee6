//! An edit of the components' data alone (a dataset under `content/data/`, a filter
//! under `content/filters/`, a calculator's data): no page reads otherwise, so the
//! model, the link graph and every listing are what they were. What shows the data is
//! rendered again ([`scope`]):
//! - the pages whose component blocks render otherwise (or need other scripts), of
//!   the pages that place a block of a kind whose data changed;
//! - the pages the components generate (`compare/…`), every one, and the old ones no
//!   longer generated go;
//! - the machine files (each dataset and filter as data, the markdown twins, which
//!   hold the blocks, and `llms.txt`), the data files no longer made going too;
//! - the sitemap, which lists the generated pages.
//!
//! Tag pages, feeds and section listings do not show the data, and stay.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::narrow::{self, Scope, same_sections};
use super::site::blocks_differ;
use super::{Failed, Rebuilt};
use crate::components;
use crate::diagnostics::Diagnostics;
use crate::link::{self, SiteLinks};
use crate::pipeline::SiteState;
use crate::write::machine::AbsoluteLinks;

/// Is `path` (relative to the root) a component's data file (YAML under
/// `content/data/`, `content/filters/` or `content/calculators/`)?
pub(super) fn is_data(path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix("content") else {
        return false;
    };
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    yaml && ["data", "filters", "calculators"]
        .iter()
        .any(|folder| rel.starts_with(folder))
}

/// What to render again after an edit of the data files `changed` alone, if every page
/// of `new` reads as in `old` (see the module's comment); `None` otherwise.
pub(super) fn scope(old: &SiteState, new: &SiteState, changed: &[PathBuf]) -> Option<Scope> {
    let (before, after) = (&old.site, &new.site);
    if changed.is_empty()
        || !changed.iter().all(|p| is_data(p))
        || after.config.social_cards
        || !link::same_keys(before, after)
        || !same_sections(before, after)
    {
        return None;
    }
    let same_pages = before.pages.iter().zip(&after.pages).all(|(x, y)| {
        x.source.same_text(&y.source)
            && x.title == y.title
            && x.role == y.role
            && x.site_path == y.site_path
            && x.front == y.front
    });
    if !same_pages {
        return None;
    }
    let generated = |state: &SiteState| -> HashSet<String> {
        let links = SiteLinks::new(&state.site);
        (state.components.generated_pages(&links).into_iter())
            .map(|p| p.path)
            .collect()
    };
    let now = generated(new);
    // Each kind reads its own folder: only blocks of the kinds whose data changed are
    // compared (both builds' HTML of them).
    let fences = edited_fences(changed);
    let places_edited = |p: usize| {
        let blocks = &after.pages[p].outline.blocks;
        blocks.iter().any(|b| fences.contains(&b.fence))
    };
    Some(Scope {
        // On every core: comparing a page's blocks renders them twice.
        pages: (0..after.pages.len())
            .into_par_iter()
            .filter(|&p| places_edited(p) && blocks_differ(old, new, p))
            .collect(),
        tags: HashSet::new(),
        sections: HashSet::new(),
        gone: generated(old).difference(&now).cloned().collect(),
    })
}

/// The fence names of the kinds whose data folder holds one of the files `changed`.
fn edited_fences(changed: &[PathBuf]) -> Vec<&'static str> {
    let folders: Vec<&std::ffi::OsStr> = (changed.iter())
        .filter_map(|p| p.strip_prefix("content").ok()?.iter().next())
        .collect();
    (components::registry().iter())
        .filter(|k| folders.iter().any(|f| *f == k.data_folder()))
        .map(|k| k.fence())
        .collect()
}

/// Renders `scope` (from [`scope`]) as [`narrow::render`] does, and drops the machine
/// data files of `old` that `new` does not make (a dataset or filter that went).
pub(super) fn render(
    old: SiteState,
    new: SiteState,
    scope: Scope,
    problems: Diagnostics,
) -> Option<Result<Rebuilt, Failed>> {
    let data_files = |state: &SiteState| -> HashSet<String> {
        if !state.site.config.machine_readable {
            return HashSet::new();
        }
        let links = AbsoluteLinks::new(&state.site);
        (state.components.machine_files(&links).into_iter())
            .map(|f| f.path)
            .collect()
    };
    let gone: HashSet<String> = data_files(&old)
        .difference(&data_files(&new))
        .cloned()
        .collect();
    let mut rebuilt = narrow::render(old, new, scope, problems)?;
    if let Ok(rebuilt) = &mut rebuilt {
        for path in gone {
            if rebuilt.state.outputs.paths.remove(&path) {
                rebuilt.gone.push(path);
            }
        }
    }
    Some(rebuilt)
}
