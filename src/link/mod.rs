//! The link stage: resolves every link, then derives the link graph.
//!
//! It checks each `@/` and relative `.md` link of every page (and its anchor) against
//! the model, and derives what readers navigate by: backlinks, related pages (explicit
//! ones first, then scored through an inverted index of tags: no all-pairs comparison),
//! previous/next in the cluster and tag listings. After this stage the site does not
//! change.

mod changes;
mod front;
mod graph;
mod pages;
mod resolve;
mod root;
mod target;
mod terms;
#[cfg(test)]
mod tests;

pub(crate) use changes::{Linked, changed_pages, names, names_any, same_keys};
pub(crate) use graph::{Links, newest_first, relink_page};
pub(crate) use resolve::join_relative;
pub(crate) use resolve::{Resolver, SiteLinks, relative_file};
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) use target::PathLinks;
pub(crate) use target::{ContentLink, LinkResolver};

use crate::config::LinkSeverity;
use crate::diagnostics::Diagnostics;
use crate::model::{PageId, Site};

/// Runs the link stage over a site: every broken link is a diagnostic, an error unless
/// `site.yaml` sets `links: warn`.
pub(crate) fn link(site: &Site) -> (Links, Diagnostics) {
    let (links, problems) = graph::build(site);
    (links, with_severity(site, problems))
}

/// [`link`], made from `old`, the link graph of an earlier build of the site, if the
/// site differs from it by one page's front matter at most (see `link/front.rs`);
/// `None` when the site must be linked whole.
pub(crate) fn relink_front(old: Linked, site: &Site) -> Option<(Links, Diagnostics)> {
    let (links, problems) = front::relink(old, site)?;
    Some((links, with_severity(site, problems)))
}

/// [`link`], made from `old`, the link graph of an earlier build of the site, if the
/// site differs from it only by pages that came or went (new, deleted, renamed or
/// drafted files; see `link/pages.rs`); `None` when the site must be linked whole.
pub(crate) fn relink_pages(old: Linked, site: &Site) -> Option<(Links, Diagnostics)> {
    let (links, problems) = pages::relink(old, site)?;
    Some((links, with_severity(site, problems)))
}

/// What [`link`] reports about the links written in page `id` alone (its body and its
/// FAQ answers): each that does not resolve.
pub(crate) fn page_problems(site: &Site, id: PageId) -> Diagnostics {
    with_severity(site, graph::page_problems(site, id))
}

/// Link problems as the site wants them: errors, or warnings under `links: warn`.
fn with_severity(site: &Site, mut problems: Diagnostics) -> Diagnostics {
    if site.config.links == LinkSeverity::Warn {
        problems.demote_errors();
    }
    problems
}
