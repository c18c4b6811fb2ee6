//! Listings split into pages of `paginate` cards (`site.yaml`), so no listing page grows
//! with the site: page 1 is the listing's own URL, page `n` is `page/n/` under it.

use serde::Serialize;

use super::context::{GroupView, SiteView};
use super::views::FrameView;
use super::{Templates, render_view};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls::{self, Urls};

/// How many numbered links the pager shows around the current page.
const NUMBERS_AROUND: usize = 2;

/// The pager under a listing shown in parts: where this part is, and links to others.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct PagerView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the listing has.
    pub total: usize,
    /// The previous page's URL.
    pub prev: Option<String>,
    /// The next page's URL.
    pub next: Option<String>,
    /// Numbered links: the first and last page and those near this one, in order;
    /// a gap between two numbers is where pages were left out.
    pub numbers: Vec<PagerNumber>,
}

/// One numbered link of a pager.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct PagerNumber {
    /// The page number.
    pub number: usize,
    /// Its URL.
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
    /// Whether pages were left out between this number and the one before.
    pub gap_before: bool,
}

/// The parts of a listing of `len` cards, `per_page` cards each (at
/// least one part, even when the listing is empty).
pub(super) fn parts(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// The range of cards part `number` (from 1) shows.
pub(super) fn part_range(len: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = ((number - 1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// The pager of part `current` of `total` of the listing at `site_path`; `None` when
/// the listing fits on one page.
pub(super) fn pager(
    urls: &Urls,
    site_path: &str,
    current: usize,
    total: usize,
) -> Option<PagerView> {
    if total <= 1 {
        return None;
    }
    let url = |n: usize| urls.path(&urls::listing_page(site_path, n));
    let near = current.saturating_sub(NUMBERS_AROUND)..=current + NUMBERS_AROUND;
    let mut numbers: Vec<PagerNumber> = Vec::new();
    for n in (1..=total).filter(|&n| n == 1 || n == total || near.contains(&n)) {
        let gap_before = numbers.last().is_some_and(|last| last.number + 1 != n);
        numbers.push(PagerNumber {
            number: n,
            url: url(n),
            current: n == current,
            gap_before,
        });
    }
    Some(PagerView {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        numbers,
    })
}

/// A listing shown in parts: it counts its cards and hands out a run of them.
pub(super) trait Listing: Sized {
    /// How many cards.
    fn len(&self) -> usize;
    /// The cards `range`, as a listing of their own.
    fn part(&self, range: std::ops::Range<usize>) -> Self;
}

impl<C: Clone> Listing for Vec<C> {
    fn len(&self) -> usize {
        self.len()
    }

    fn part(&self, range: std::ops::Range<usize>) -> Self {
        self[range].to_vec()
    }
}

/// A hub's articles grouped by kind, counted across the groups.
pub(super) struct Groups(pub Vec<GroupView>);

impl Listing for Groups {
    fn len(&self) -> usize {
        self.0.iter().map(|g| g.pages.len()).sum()
    }

    fn part(&self, range: std::ops::Range<usize>) -> Self {
        Groups(groups_in(&self.0, range))
    }
}

/// A template's view that shows a listing in parts.
pub(super) trait Paged: Serialize {
    /// What it lists.
    type Listing: Listing;
    /// The frame, which says where the part is.
    fn frame(&mut self) -> &mut FrameView;
    /// Shows `part`, the cards of this page.
    fn show(&mut self, part: Self::Listing);
    /// Turns page 1's view into a later part's: the listing only, without the body and
    /// what comes from it.
    fn continued(&mut self);
}

/// Renders the parts of listing pages with one template.
pub(super) struct Parts<'a> {
    /// The site.
    pub site: &'a Site,
    /// The compiled templates.
    pub templates: &'a Templates,
    /// The `site` view.
    pub site_view: &'a SiteView,
    /// The template.
    pub template: &'a str,
}

impl Parts<'_> {
    /// The files of the page at `site_path` whose view is `view` without its listing:
    /// page 1 at `site_path`, then one per further `paginate` cards of `listing`, each
    /// with a pager.
    pub(super) fn render<V: Paged>(
        &self,
        site_path: &str,
        view: V,
        listing: V::Listing,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        let mut files = Vec::new();
        for_each_part(self.site, site_path, view, listing, |path, view| {
            let html = render_view(self.templates, self.site_view, self.template, view)?;
            files.push(OutputFile::new(urls::index_file(&path), html));
            Ok(())
        })?;
        Ok(files)
    }
}

/// Calls `each` with the site path and the view of every part of the page at
/// `site_path`: page 1 is `view` with the first `paginate` cards of `listing`, every
/// later part shows the next cards without the body (see [`Paged::continued`]). Each
/// part has a pager when there are several.
pub(super) fn for_each_part<V: Paged, E>(
    site: &Site,
    site_path: &str,
    mut view: V,
    listing: V::Listing,
    mut each: impl FnMut(String, &V) -> Result<(), E>,
) -> Result<(), E> {
    let per_page = site.config.paginate;
    let len = listing.len();
    let total = parts(len, per_page);
    for number in 1..=total {
        let path = urls::listing_page(site_path, number);
        if number > 1 {
            view.continued();
            let frame = view.frame();
            frame.url = site.urls.path(&path);
            frame.permalink = site.urls.absolute(&path);
        }
        view.show(listing.part(part_range(len, per_page, number)));
        let frame = view.frame();
        frame.pager = pager(&site.urls, site_path, number, total);
        frame.translations = site.translations.of(site, &path);
        each(path, &view)?;
    }
    Ok(())
}

/// The site path of the one file of a page shown whole at `site_path`, with the page
/// in each language put in its frame.
pub(super) fn whole(site: &Site, site_path: &str, frame: &mut FrameView) -> String {
    let path = urls::listing_page(site_path, 1);
    frame.translations = site.translations.of(site, &path);
    path
}

/// The cards `range` of `groups` counted across them, in the groups they belong to.
fn groups_in(groups: &[GroupView], range: std::ops::Range<usize>) -> Vec<GroupView> {
    let mut start = 0;
    let mut part = Vec::new();
    for group in groups {
        let end = start + group.pages.len();
        let (from, to) = (range.start.max(start), range.end.min(end));
        if from < to {
            part.push(GroupView {
                label: group.label.clone(),
                pages: group.pages[from - start..to - start].to_vec(),
            });
        }
        start = end;
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_splits_into_parts_of_the_same_size() {
        assert_eq!(parts(0, 50), 1);
        assert_eq!(parts(50, 50), 1);
        assert_eq!(parts(51, 50), 2);
        assert_eq!(part_range(120, 50, 3), 100..120);
        assert_eq!(part_range(10, 50, 1), 0..10);
    }

    #[test]
    fn the_pager_links_the_ends_and_the_pages_near_this_one() {
        let urls = Urls::new("https://example.org/docs/");
        assert_eq!(pager(&urls, "guides/", 1, 1), None);
        let pager = pager(&urls, "guides/", 5, 40).unwrap();
        let numbers: Vec<(usize, bool)> = pager
            .numbers
            .iter()
            .map(|n| (n.number, n.gap_before))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (3, true),
                (4, false),
                (5, false),
                (6, false),
                (7, false),
                (40, true)
            ]
        );
        assert_eq!(pager.prev.as_deref(), Some("/docs/guides/page/4/"));
        assert_eq!(pager.next.as_deref(), Some("/docs/guides/page/6/"));
        assert_eq!(pager.numbers[0].url, "/docs/guides/");
    }
}
