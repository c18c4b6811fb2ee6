//! The sidebar: the branch of the section tree a page sits on, pruned so its size is
//! bounded by the page's depth, never by the site.
//!
//! Each level shows the entries of one section (its sub-sections, then its articles),
//! and only the section on the way to the page is expanded; every other section is a
//! single link. A level of more than [`LIST_LIMIT`] entries shows the [`WINDOW`]
//! entries around the one on the way, then a link to the listing that has them all
//! (the section's hub, or the home page at the top level).
//!
//! The tree is flattened into [`SidebarItem`]s that say where a nested list opens and
//! how many close after each item, so the template needs no recursion and sections
//! may nest to any depth.

use serde::Serialize;

use super::context::Views;
use crate::model::{ClusterId, PageId, PageRole, Site};

/// A level with at most this many entries is shown whole.
const LIST_LIMIT: usize = 25;

/// How many entries a longer level shows around the one on the way to the page.
const WINDOW: usize = 11;

/// The sidebar of a page.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub(crate) struct Sidebar {
    /// The title of the top-level section the page is in, or empty.
    pub section: String,
    /// The lines, in order.
    pub items: Vec<SidebarItem>,
}

/// One line of the sidebar.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct SidebarItem {
    /// The link text.
    pub title: String,
    /// The URL.
    pub url: String,
    /// This is the page being shown.
    pub current: bool,
    /// A section on the way to the page: the items after it, up to the matching
    /// close, are its entries, one level deeper.
    pub open: bool,
    /// How many nested lists end after this item.
    pub close: usize,
    /// For a link to the full listing of a level shown in part: how many entries the
    /// listing has (the title is then the section's, or empty at the top level); 0 for
    /// every other line.
    pub more: usize,
}

/// An entry of a section's list: a sub-section (by its hub) or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// A section that has a hub.
    Section(ClusterId),
    /// An article, or a standalone page at the top level.
    Page(PageId),
}

/// Every section's list of entries, computed once per build, so a page's sidebar costs
/// the length of its branch, not of the site.
pub(crate) struct Sidebars<'a> {
    site: &'a Site,
    /// The top level: the sections without a section above, as entries.
    top: Vec<Entry>,
    /// Each section's entries (empty for a section without a hub: its entries stand in
    /// its parent's list).
    lists: Vec<Vec<Entry>>,
}

impl<'a> Sidebars<'a> {
    /// The entry lists of every section of `site`.
    pub(crate) fn new(site: &'a Site) -> Self {
        let mut top = Vec::new();
        for c in (0..site.clusters.len()).filter(|&c| site.clusters[c].parent.is_none()) {
            push_section(site, c, &mut top);
        }
        let lists = (0..site.clusters.len())
            .map(|c| match site.clusters[c].hub {
                Some(_) => entries(site, c),
                None => Vec::new(),
            })
            .collect();
        Sidebars { site, top, lists }
    }

    /// The sidebar of page `id`: empty for the home page.
    pub(crate) fn for_page(&self, id: PageId) -> Sidebar {
        let site = self.site;
        let page = &site.pages[id];
        let innermost = match page.role {
            PageRole::Article(c) | PageRole::Hub(c) => Some(c),
            // A page outside the sections shows the top level, all sections closed.
            PageRole::Standalone => None,
            PageRole::Home => return Sidebar::default(),
        };
        // The sections with a hub that hold the page, outermost first.
        let mut trail = Vec::new();
        let mut section = innermost;
        while let Some(c) = section {
            if site.clusters[c].hub.is_some() {
                trail.push(c);
            }
            section = site.clusters[c].parent;
        }
        trail.reverse();
        let mut items = Vec::new();
        self.level(&self.top, site.urls.path(""), &trail, 0, id, &mut items);
        Sidebar {
            section: trail
                .first()
                .map(|&c| site.pages[self.hub(c)].title.clone())
                .unwrap_or_default(),
            items,
        }
    }

    /// Appends level `depth` (the entries of `list`, shown in part when long) and,
    /// inside the open entry, the levels below.
    fn level(
        &self,
        list: &[Entry],
        all_url: String,
        trail: &[ClusterId],
        depth: usize,
        id: PageId,
        out: &mut Vec<SidebarItem>,
    ) {
        let towards = match trail.get(depth) {
            Some(&c) => Entry::Section(c),
            None => Entry::Page(id),
        };
        let focus = list.iter().position(|&e| e == towards).unwrap_or(0);
        let shown = window(list.len(), focus);
        for &entry in &list[shown.clone()] {
            let open = entry == towards && depth < trail.len();
            out.push(self.item(entry, id, open));
            if open {
                let c = trail[depth];
                let before = out.len();
                self.level(
                    &self.lists[c],
                    self.section_url(c),
                    trail,
                    depth + 1,
                    id,
                    out,
                );
                if out.len() == before {
                    // A section with nothing under it: no nested list.
                    out[before - 1].open = false;
                } else {
                    out.last_mut().expect("an item").close += 1;
                }
            }
        }
        if shown.len() < list.len() {
            let title = match depth {
                0 => String::new(),
                _ => self.site.pages[self.hub(trail[depth - 1])].title.clone(),
            };
            out.push(SidebarItem {
                title,
                url: all_url,
                current: false,
                open: false,
                close: 0,
                more: list.len(),
            });
        }
    }

    /// The line for `entry`, marked current when it is page `id`.
    fn item(&self, entry: Entry, id: PageId, open: bool) -> SidebarItem {
        let views = Views { site: self.site };
        let page = match entry {
            Entry::Section(c) => self.hub(c),
            Entry::Page(p) => p,
        };
        let link = views.link(page);
        SidebarItem {
            title: link.title,
            url: link.url,
            current: page == id,
            open,
            close: 0,
            more: 0,
        }
    }

    /// The URL of section `c`'s hub.
    fn section_url(&self, c: ClusterId) -> String {
        Views { site: self.site }.url(self.hub(c))
    }

    /// The hub of section `c`, which the sidebar lists only when it has one.
    fn hub(&self, c: ClusterId) -> PageId {
        self.site.clusters[c]
            .hub
            .expect("listed sections have hubs")
    }
}

/// The entries section `c` lists: its sub-sections, then its articles.
fn entries(site: &Site, c: ClusterId) -> Vec<Entry> {
    let mut list = Vec::new();
    for &sub in &site.clusters[c].subsections {
        push_section(site, sub, &mut list);
    }
    list.extend(site.clusters[c].articles.iter().map(|&a| Entry::Page(a)));
    list
}

/// Appends section `c` to a list: as one entry when it has a hub, else its own entries
/// in its place.
fn push_section(site: &Site, c: ClusterId, list: &mut Vec<Entry>) {
    let cluster = &site.clusters[c];
    if cluster.hub.is_some() {
        list.push(Entry::Section(c));
        return;
    }
    for &sub in &cluster.subsections {
        push_section(site, sub, list);
    }
    list.extend(cluster.articles.iter().map(|&a| Entry::Page(a)));
}

/// The range of a list of `len` entries shown around entry `focus`.
fn window(len: usize, focus: usize) -> std::ops::Range<usize> {
    if len <= LIST_LIMIT {
        return 0..len;
    }
    let start = focus.saturating_sub(WINDOW / 2).min(len - WINDOW);
    start..start + WINDOW
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::site;

    fn page(title: &str) -> String {
        format!("---\ntitle: {title}\ndescription: d\n---\nText.\n")
    }

    /// The sidebar of the page at `path`, as `depth title` lines (`*` marks the current
    /// page, `+` an open section, `…N` a link to a listing of N).
    fn outline(site: &Site, path: &str) -> Vec<String> {
        let id = site
            .pages
            .iter()
            .position(|p| p.content_path == path)
            .expect("the page");
        let mut depth = 0;
        let mut lines = Vec::new();
        for item in Sidebars::new(site).for_page(id).items {
            let mark = match (item.current, item.open, item.more) {
                (_, _, n) if n > 0 => format!("…{n}"),
                (true, _, _) => "*".to_string(),
                (_, true, _) => "+".to_string(),
                _ => String::new(),
            };
            lines.push(format!("{depth} {}{mark}", item.title));
            depth += usize::from(item.open);
            depth -= item.close;
        }
        lines
    }

    #[test]
    fn only_the_branch_of_the_page_is_expanded() {
        let mut pages = vec![
            ("a/_index.md".to_string(), page("A")),
            ("a/x.md".to_string(), page("X")),
            ("a/b/_index.md".to_string(), page("B")),
            ("a/b/y.md".to_string(), page("Y")),
            ("c/_index.md".to_string(), page("C")),
            ("c/z.md".to_string(), page("Z")),
        ];
        // A folder without a hub: its pages stand in its parent's list.
        pages.push(("a/loose/w.md".to_string(), page("W")));
        let pages: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let site = site(&pages);
        assert_eq!(
            outline(&site, "a/b/y.md"),
            ["0 A+", "1 B+", "2 Y*", "1 W", "1 X", "0 C"]
        );
        assert_eq!(outline(&site, "c/_index.md"), ["0 A", "0 C*", "1 Z"]);
    }

    #[test]
    fn a_long_section_shows_the_entries_around_the_page_and_a_link_to_all() {
        let mut owned = vec![("s/_index.md".to_string(), page("S"))];
        for n in 0..40 {
            owned.push((
                format!("s/p{n:02}.md"),
                format!("---\ntitle: P{n:02}\ndescription: d\nweight: {n}\n---\nText.\n"),
            ));
        }
        let pages: Vec<(&str, &str)> = owned
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let site = site(&pages);
        let lines = outline(&site, "s/p20.md");
        assert_eq!(lines.len(), 1 + WINDOW + 1, "{lines:?}");
        let first = 20 - WINDOW / 2;
        assert_eq!(lines[1], format!("1 P{first}"));
        assert!(lines.contains(&"1 P20*".to_string()));
        assert_eq!(lines[WINDOW], format!("1 P{}", first + WINDOW - 1));
        assert_eq!(lines[WINDOW + 1], "1 S…40");
        // At the start of the list the window starts there too.
        assert_eq!(outline(&site, "s/p00.md")[1], "1 P00*");
    }
}
