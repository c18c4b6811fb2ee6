//! The cluster map on a hub page: its pages as nodes and the links between them as
//! edges, an inline SVG laid out here, at build time.
//!
//! The hub sits in the centre and the articles on a circle around it, grouped by kind
//! (in the order `site.yaml` lists kinds, pages without a kind last) and in reading
//! order within a kind; the colour of a node is its kind. An edge joins two pages when
//! either one's body links to the other; edges between articles bend towards the centre.
//! The layout depends on nothing but the site, and numbers are written with one
//! decimal, so a build is byte-identical to the last.
//!
//! Past [`MAP_LIMIT`] articles a node per article would not be readable: the map then
//! shows one node per kind instead ("Guides · 57"), linked to that kind's list on the
//! hub, and an edge between two kinds when any of their pages link, drawn thicker the
//! more links there are.
//!
//! The map repeats what the lists of the hub say in words, so it is `aria-hidden` and its
//! links are left out of the tab order: the lists are the text equivalent.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::html::escape;
use crate::link::Links;
use crate::model::{ClusterId, PageId, Site};

/// The most articles the map shows one by one; past it, it shows one node per kind.
pub(super) const MAP_LIMIT: usize = 24;

/// Characters of a title a label shows before it is cut with "…".
const LABEL_CHARS: usize = 34;
/// An estimate of a label character's width, in the map's units (12-unit text).
const CHAR_WIDTH: f64 = 6.4;

/// A node: where it links, what it says, and its kind's colour class.
struct Node {
    url: String,
    label: String,
    title: String,
    kind: usize,
}

/// The map of cluster `cluster`, or an empty string when it has no articles.
pub(super) fn cluster_map(site: &Site, links: &Links, cluster: ClusterId, hub_url: &str) -> String {
    let articles = &site.clusters[cluster].articles;
    if articles.is_empty() {
        return String::new();
    }
    let kind_of = |id: PageId| {
        let kind = site.pages[id].front.kind.as_deref();
        site.config
            .kinds
            .iter()
            .position(|k| Some(k.id.as_str()) == kind)
            .unwrap_or(site.config.kinds.len())
    };
    let mut order: Vec<PageId> = articles.clone();
    // Stable: reading order within a kind.
    order.sort_by_key(|&id| kind_of(id));
    let hub = site.clusters[cluster].hub;
    let (nodes, edges, hub_edges) = if order.len() <= MAP_LIMIT {
        page_nodes(site, links, &order, &kind_of, hub)
    } else {
        kind_nodes(site, links, &order, &kind_of, hub_url)
    };
    let hub_title = hub.map_or("", |h| site.pages[h].title.as_str());
    let mut html = draw(&nodes, &edges, &hub_edges, hub_url, hub_title);
    // The key to the colours: the kinds on the map, in order.
    let mut kinds: Vec<usize> = nodes.iter().map(|node| node.kind).collect();
    kinds.dedup();
    html.push_str(r#"<ul class="map-legend" aria-hidden="true">"#);
    for kind in kinds {
        let name = site
            .config
            .kinds
            .get(kind)
            .map_or(site.strings.text("articles"), |k| k.label.as_str());
        let _ = write!(
            html,
            r#"<li><svg viewBox="0 0 10 10" width="10" height="10"><circle class="map-k{kind}" cx="5" cy="5" r="5"/></svg>{}</li>"#,
            escape(name)
        );
    }
    html.push_str("</ul>");
    html
}

type Edges = BTreeMap<(usize, usize), usize>;

/// One node per article; an edge per pair of articles that link; the articles that
/// link to or from the hub.
fn page_nodes(
    site: &Site,
    links: &Links,
    order: &[PageId],
    kind_of: &dyn Fn(PageId) -> usize,
    hub: Option<PageId>,
) -> (Vec<Node>, Edges, Vec<usize>) {
    let views = super::context::Views { site };
    let index: BTreeMap<PageId, usize> = order.iter().enumerate().map(|(i, &p)| (p, i)).collect();
    let nodes = order
        .iter()
        .map(|&id| Node {
            url: views.url(id),
            label: short(&site.pages[id].title),
            title: site.pages[id].title.clone(),
            kind: kind_of(id),
        })
        .collect();
    let mut edges = Edges::new();
    let mut to_hub = Vec::new();
    for (i, &id) in order.iter().enumerate() {
        let linked = |other: PageId| {
            links.outgoing[id].contains(&other) || links.outgoing[other].contains(&id)
        };
        if hub.is_some_and(linked) {
            to_hub.push(i);
        }
        for &other in &links.outgoing[id] {
            if let Some(&j) = index.get(&other)
                && j != i
            {
                edges.insert((i.min(j), i.max(j)), 1);
            }
        }
    }
    (nodes, edges, to_hub)
}

/// One node per kind, linked to the kind's list on the hub; an edge per pair of kinds
/// with links between their pages, weighted by how many.
fn kind_nodes(
    site: &Site,
    links: &Links,
    order: &[PageId],
    kind_of: &dyn Fn(PageId) -> usize,
    hub_url: &str,
) -> (Vec<Node>, Edges, Vec<usize>) {
    let mut kinds: Vec<usize> = order.iter().map(|&id| kind_of(id)).collect();
    kinds.dedup();
    let slot = |kind: usize| kinds.iter().position(|&k| k == kind).unwrap_or(0);
    let nodes = kinds
        .iter()
        .enumerate()
        .map(|(n, &kind)| {
            let name = site
                .config
                .kinds
                .get(kind)
                .map_or(site.strings.text("articles"), |k| k.label.as_str());
            let count = order.iter().filter(|&&id| kind_of(id) == kind).count();
            Node {
                // The hub lists its groups in this order, as `group-1`, `group-2`…
                url: format!("{hub_url}#group-{}", n + 1),
                label: format!("{name} · {count}"),
                title: format!("{name}: {count} pages"),
                kind,
            }
        })
        .collect();
    let mut edges = Edges::new();
    let members: std::collections::BTreeSet<PageId> = order.iter().copied().collect();
    for &id in order {
        for &other in &links.outgoing[id] {
            if members.contains(&other) {
                let (a, b) = (slot(kind_of(id)), slot(kind_of(other)));
                if a != b {
                    *edges.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
    }
    let all = (0..kinds.len()).collect();
    (nodes, edges, all)
}

/// A title cut to [`LABEL_CHARS`] at a word boundary.
fn short(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > LABEL_CHARS - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ':', ';', '?']).to_string();
    format!("{out}…")
}

fn draw(nodes: &[Node], edges: &Edges, to_hub: &[usize], hub_url: &str, hub_title: &str) -> String {
    let n = nodes.len() as f64;
    let radius = (30.0 + n * 8.0).clamp(120.0, 210.0);
    let label = nodes
        .iter()
        .map(|node| node.label.chars().count())
        .max()
        .unwrap_or(0) as f64
        * CHAR_WIDTH;
    let width = 2.0 * (radius + 16.0 + label) + 8.0;
    let height = 2.0 * radius + 56.0;
    let (cx, cy) = (width / 2.0, height / 2.0);
    let at = |i: usize, r: f64| {
        let angle = std::f64::consts::TAU * (i as f64 + 0.5) / n - std::f64::consts::FRAC_PI_2;
        (cx + r * angle.cos(), cy + r * angle.sin(), angle.cos())
    };
    let max_weight = edges.values().copied().max().unwrap_or(1) as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="map" viewBox="0 0 {width:.1} {height:.1}" width="{width:.1}" height="{height:.1}" aria-hidden="true" focusable="false"><g class="map-edges">"#
    );
    for &i in to_hub {
        let (x, y, _) = at(i, radius);
        let _ = write!(
            svg,
            r#"<path class="map-spoke" d="M{cx:.1} {cy:.1}L{x:.1} {y:.1}"/>"#
        );
    }
    for (&(i, j), &weight) in edges {
        let (x1, y1, _) = at(i, radius);
        let (x2, y2, _) = at(j, radius);
        // Bend towards the centre: the control point halfway between the chord's middle
        // and the hub.
        let (qx, qy) = ((x1 + x2) / 4.0 + cx / 2.0, (y1 + y2) / 4.0 + cy / 2.0);
        let stroke = 1.0 + 3.0 * (weight as f64).ln() / max_weight.ln().max(1.0);
        let _ = write!(
            svg,
            r#"<path d="M{x1:.1} {y1:.1}Q{qx:.1} {qy:.1} {x2:.1} {y2:.1}" stroke-width="{stroke:.1}"/>"#
        );
    }
    svg.push_str(r#"</g><g class="map-nodes">"#);
    for (i, node) in nodes.iter().enumerate() {
        let (x, y, cos) = at(i, radius);
        // Labels go outside the circle: after the node on the right, before it on the
        // left, centred on it at the very top and bottom.
        let (anchor, gap) = match cos {
            c if c.abs() < 0.2 => ("middle", 20.0),
            c if c > 0.0 => ("start", 12.0),
            _ => ("end", 12.0),
        };
        let (lx, ly, _) = at(i, radius + gap);
        let _ = write!(
            svg,
            r#"<a href="{url}" tabindex="-1"><title>{title}</title><circle class="map-k{kind}" cx="{x:.1}" cy="{y:.1}" r="7"/><text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{label}</text></a>"#,
            url = escape(&node.url),
            title = escape(&node.title),
            kind = node.kind,
            label = escape(&node.label),
        );
    }
    let _ = write!(
        svg,
        r#"<a href="{url}" tabindex="-1" class="map-hub"><title>{title}</title><circle cx="{cx:.1}" cy="{cy:.1}" r="11"/><text x="{cx:.1}" y="{ty:.1}" text-anchor="middle">{label}</text></a></g></svg>"#,
        url = escape(hub_url),
        title = escape(hub_title),
        ty = cy + 26.0,
        label = escape(hub_title),
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::site;

    /// A hub and `n` articles of three kinds, each linking the next.
    fn cluster(n: usize) -> Site {
        let kinds = ["guide", "comparison", "checklist"];
        let mut pages = vec![(
            "c/_index.md".to_string(),
            "---\ntitle: Hub\ndescription: x\n---\n[a](a0.md)\n".to_string(),
        )];
        for i in 0..n {
            let text = format!(
                "---\ntitle: \"Article {i}\"\ndescription: x\nkind: {}\n---\n[next](a{}.md)\n",
                kinds[i % 3],
                (i + 1) % n
            );
            pages.push((format!("c/a{i}.md"), text));
        }
        let refs: Vec<(&str, &str)> = pages
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        site(&refs)
    }

    fn map_of(s: &Site) -> String {
        let (links, _) = crate::link::link(s);
        cluster_map(s, &links, 0, "/c/")
    }

    #[test]
    fn a_small_cluster_has_a_node_per_page() {
        let s = cluster(6);
        // Six articles and the hub, each a link.
        assert_eq!(map_of(&s).matches("<a href=").count(), 7);
    }

    #[test]
    fn past_the_limit_the_nodes_are_kinds_and_the_map_is_deterministic() {
        let s = cluster(200);
        let map = map_of(&s);
        // Three kind nodes and the hub, not 201 nodes.
        assert_eq!(map.matches("<a href=").count(), 4, "{map}");
        assert_eq!(map, map_of(&s));
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(short("Win rate"), "Win rate");
        assert_eq!(
            short("What a Fractional CRO Does, Next to a Full-Time CRO"),
            "What a Fractional CRO Does, Next…"
        );
    }
}
