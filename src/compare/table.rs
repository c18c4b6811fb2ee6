//! The table of a `compare` block.

use std::fmt::Write;

use super::block::CompareBlock;
use super::dataset::{Cell, Dataset, Dimension, Entity, Variant};
use super::inline;
use super::sources::Citations;
use crate::html::escape;
use crate::link::LinkResolver;

/// The accessible table of a block, in a `<figure class="compare">`: a captioned table in
/// a focusable scrolling region, entity headers (`<th scope="col">`) linking to their
/// articles, dimension headers (`<th scope="row">`) with their descriptions, cells as
/// inline markdown with numbered source notes, and the list of sources under it. Every id
/// starts with `id_prefix`, so a page can hold the same dataset twice. Header and body
/// cells carry `data-entity`, rows `data-dimension`, for the compare page's script.
pub(crate) fn render_table(
    block: &CompareBlock,
    dataset: &Dataset,
    links: &dyn LinkResolver,
    id_prefix: &str,
) -> String {
    let entities: Vec<&Entity> = block
        .entities()
        .iter()
        .filter_map(|id| dataset.entity(id))
        .collect();
    let dimensions: Vec<&Dimension> = block
        .dimensions()
        .iter()
        .filter_map(|id| dataset.dimension(id))
        .collect();
    let citations = Citations::new(block, dataset);
    let prefix = escape(id_prefix);
    let caption = escape(block.caption());
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"compare\" id=\"{prefix}\">\n\
         <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{caption}\">\n\
         <table class=\"compare-table\">\n\
         <caption><span class=\"compare-caption\">{caption}</span></caption>\n<thead>\n<tr><td></td>"
    );
    for entity in &entities {
        out.push_str(&entity_header(entity, links));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for dimension in &dimensions {
        let _ = write!(
            out,
            "<tr data-dimension=\"{}\">{}",
            escape(&dimension.id),
            dimension_header(dimension)
        );
        for entity in &entities {
            let body = dataset
                .cell(&dimension.id, &entity.id)
                .map(|cell| cell_body(cell, &citations, links, id_prefix))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<td data-entity=\"{}\">{body}</td>",
                escape(&entity.id)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out.push_str(&citations.render(links, id_prefix));
    out.push_str("</figure>\n");
    out
}

/// `<th scope="col">` with the entity's name, linked to its article if it resolves.
fn entity_header(entity: &Entity, links: &dyn LinkResolver) -> String {
    let name = escape(&entity.name);
    let name = match entity.article.as_deref().and_then(|a| links.url(a)) {
        Some(href) => format!("<a href=\"{}\">{name}</a>", escape(&href)),
        None => name,
    };
    let abbr = entity
        .short
        .as_deref()
        .map(|short| format!(" abbr=\"{}\"", escape(short)))
        .unwrap_or_default();
    format!(
        "<th scope=\"col\" data-entity=\"{}\"{abbr}>{name}</th>",
        escape(&entity.id)
    )
}

/// `<th scope="row">` with the dimension's label and description; screen readers repeat
/// only the label (`abbr`) when they announce a cell.
fn dimension_header(dimension: &Dimension) -> String {
    let label = escape(&dimension.label);
    match &dimension.description {
        Some(description) => format!(
            "<th scope=\"row\" abbr=\"{label}\">{label} \
             <span class=\"compare-description\">{}</span></th>",
            escape(description)
        ),
        None => format!("<th scope=\"row\">{label}</th>"),
    }
}

/// The inside of a `<td>`: the figure with its source note, or a list of the sources'
/// figures, and the cell's note.
fn cell_body(cell: &Cell, citations: &Citations, links: &dyn LinkResolver, prefix: &str) -> String {
    let mut out = match cell.variants.as_slice() {
        [only] => variant(only, citations, links, prefix),
        variants => {
            let items: String = variants
                .iter()
                .map(|v| format!("<li>{}</li>", variant(v, citations, links, prefix)))
                .collect();
            format!("<ul class=\"compare-variants\">{items}</ul>")
        }
    };
    if let Some(note) = &cell.note {
        let _ = write!(out, "{}", note_span(note, links));
    }
    out
}

/// One figure, its numbered source note and its own note.
fn variant(
    variant: &Variant,
    citations: &Citations,
    links: &dyn LinkResolver,
    prefix: &str,
) -> String {
    let mut out = inline::render(&variant.text, links);
    if let Some((source, n)) = variant
        .source
        .as_deref()
        .and_then(|s| Some((s, citations.number(s)?)))
    {
        let anchor = escape(&Citations::anchor(prefix, source));
        let mark = Citations::mark(n);
        let label = escape(&links.words().fill("compare_source", &[("mark", &mark)]));
        let _ = write!(
            out,
            "<sup class=\"compare-cite\"><a href=\"#{anchor}\" aria-label=\"{label}\">{mark}</a></sup>"
        );
    }
    if let Some(note) = &variant.note {
        out.push_str(&note_span(note, links));
    }
    out
}

/// A note under a figure.
fn note_span(note: &str, links: &dyn LinkResolver) -> String {
    format!(
        "<span class=\"compare-note\">{}</span>",
        inline::render(note, links)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::{
        ALTITUDE, HOSTILE, Links, assert_inert, attributes, dataset, datasets,
    };
    use crate::compare::{Cell, parse_block};
    use crate::source::SourceFile;

    /// The block `body` of an article, checked against the fixture datasets.
    fn block(body: &str) -> CompareBlock {
        let file = SourceFile::new("content/a.md", body);
        parse_block(&file, 0..body.len(), &datasets()).unwrap()
    }

    #[test]
    fn citation_marks_are_letters() {
        let marks: Vec<String> = [1, 2, 26, 27, 28]
            .into_iter()
            .map(Citations::mark)
            .collect();
        assert_eq!(marks, ["a", "b", "z", "aa", "ab"]);
    }

    #[test]
    fn chosen_columns_and_rows() {
        let d = dataset("altitude", ALTITUDE);
        let b = block(
            "dataset: altitude\nentities: [fractional-cro, advisor]\n\
             dimensions: [monthly-cost, horizon]\ncaption: Two options\n",
        );
        insta::assert_snapshot!(render_table(&b, &d, &Links, "compare-1"));
    }

    #[test]
    fn whole_dataset() {
        let d = dataset("altitude", ALTITUDE);
        let html = render_table(&CompareBlock::whole(&d), &d, &Links, "t");
        insta::assert_snapshot!(html);
    }

    #[test]
    fn sources_are_lettered_in_order_of_citation() {
        let d = dataset("altitude", ALTITUDE);
        let b = block("dataset: altitude\ndimensions: [monthly-cost]\n");
        let html = render_table(&b, &d, &Links, "p");
        assert_eq!(
            attributes(&html, "id"),
            [
                "p",
                "p-sources",
                "p-source-altitude-decision",
                "p-source-cro-guide",
                "p-source-general"
            ]
        );
        assert!(html.contains("<a href=\"#p-source-cro-guide\" aria-label=\"Source b\">b</a>"));
        let only_kpi = render_table(
            &block("dataset: altitude\ndimensions: [kpi]\n"),
            &d,
            &Links,
            "k",
        );
        assert_eq!(
            attributes(&only_kpi, "id"),
            ["k", "k-sources", "k-source-general"]
        );
    }

    #[test]
    fn ids_are_unique_when_a_dataset_is_placed_twice() {
        let d = dataset("altitude", ALTITUDE);
        let b = block("dataset: altitude\n");
        let page = [
            render_table(&b, &d, &Links, "compare-1"),
            render_table(&b, &d, &Links, "compare-2"),
        ]
        .concat();
        let ids = attributes(&page, "id");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        for href in attributes(&page, "href")
            .iter()
            .filter(|h| h.starts_with('#'))
        {
            assert!(ids.contains(&&href[1..]), "{href} points nowhere");
        }
    }

    #[test]
    fn data_is_never_markup() {
        let d = dataset("hostile", HOSTILE);
        let html = render_table(&CompareBlock::whole(&d), &d, &Links, "h");
        assert_inert(&html);
        insta::assert_snapshot!(html);
    }

    #[test]
    fn script_links_lose_their_href_even_if_loading_let_them_through() {
        let mut d = dataset("hostile", HOSTILE);
        let mut cell = d.cell("d", "y").unwrap().clone();
        cell.variants[0].text =
            "[a](javascript:alert(1)) <javascript:alert(2)> ![i](javascript:alert(3)) [b](JaVaScRiPt:x)".into();
        cell.note = Some("[n](data:text/html,x)".into());
        let cells: &mut Cell = d.cells.get_mut("d").unwrap().get_mut("y").unwrap();
        *cells = cell;
        let html = render_table(&CompareBlock::whole(&d), &d, &Links, "h");
        assert_inert(&html);
        assert!(!html.contains("href=\"data:"), "{html}");
    }
}
