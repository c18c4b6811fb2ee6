//! A checked comparison dataset and its parts.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::link::ContentLink;
use crate::source::SourceFile;

/// One of the options being compared: a column of the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entity {
    /// The id blocks and values use, e.g. `fractional-cro`.
    pub id: String,
    /// The name shown in the column header, e.g. `Fractional CRO`.
    pub name: String,
    /// A shorter name, used where the full one is repeated (`abbr` of the header cell).
    pub short: Option<String>,
    /// The article that explains the entity, as a content path (`@/cluster/page.md`).
    pub article: Option<String>,
    /// One line on what the entity is, shown on the compare page.
    pub summary: Option<String>,
}

/// One aspect the entities are compared on: a row of the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Dimension {
    /// The id blocks and values use, e.g. `monthly-cost`.
    pub id: String,
    /// The label shown in the row header, e.g. `Monthly cost`.
    pub label: String,
    /// What the dimension means, shown under the label.
    pub description: Option<String>,
}

/// A reference values cite, shown as a numbered note under the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    /// The id values cite it by.
    pub id: String,
    /// The title of the work.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// When it was published, as written (e.g. `2026-05-27`).
    pub date: Option<String>,
    /// Where it can be read: an absolute `http(s)` URL.
    pub url: Option<String>,
    /// The article of this site that summarises it, as a content path.
    pub article: Option<String>,
}

/// What the dataset says about one entity on one dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    /// The figure, or, where sources disagree, each source's figure (never empty).
    pub variants: Vec<Variant>,
    /// A footnote on the whole cell (inline markdown).
    pub note: Option<String>,
}

/// One figure of a cell and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    /// The figure itself (inline markdown).
    pub text: String,
    /// The id of the source it comes from.
    pub source: Option<String>,
    /// A footnote on this figure (inline markdown).
    pub note: Option<String>,
}

/// The cells of a dataset by dimension id, then entity id.
pub(super) type Cells = BTreeMap<String, BTreeMap<String, Cell>>;

/// A comparison dataset read from `content/data/<id>.yaml` and checked: every id is
/// unique and every entity has a value on every dimension.
#[derive(Debug, Clone)]
pub(crate) struct Dataset {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) description: Option<String>,
    pub(super) sources: Vec<Source>,
    pub(super) entities: Vec<Entity>,
    pub(super) dimensions: Vec<Dimension>,
    pub(super) cells: Cells,
    pub(super) file: SourceFile,
    pub(super) links: Vec<ContentLink>,
    pub(super) index: Index,
}

/// Where each id sits in its list, so looking one up does not scan the list (a table
/// of thousands of entities would take quadratic time).
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    pub(super) entities: HashMap<String, usize>,
    pub(super) dimensions: HashMap<String, usize>,
    pub(super) sources: HashMap<String, usize>,
}

impl Dataset {
    /// The id: the file name without `.yaml`.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The title, the default caption of its tables and the heading of its page.
    pub(crate) fn title(&self) -> &str {
        &self.title
    }

    /// One sentence on what the dataset compares, if given.
    pub(crate) fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The entities (columns), in the order written.
    pub(crate) fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub(crate) fn entity(&self, id: &str) -> Option<&Entity> {
        self.index.entities.get(id).map(|&i| &self.entities[i])
    }

    /// The dimensions (rows), in the order written.
    pub(crate) fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The dimension with this id.
    pub(crate) fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.index.dimensions.get(id).map(|&i| &self.dimensions[i])
    }

    /// The sources, in the order written.
    pub(crate) fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source with this id.
    pub(crate) fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    /// The value of an entity on a dimension (present for every pair of a loaded dataset).
    pub(crate) fn cell(&self, dimension: &str, entity: &str) -> Option<&Cell> {
        self.cells.get(dimension)?.get(entity)
    }

    /// The file the dataset was read from.
    pub(crate) fn file(&self) -> &SourceFile {
        &self.file
    }

    /// Every `@/` link of the dataset (entity and source articles, links inside values and
    /// notes), each with its span, for the link stage to check.
    pub(crate) fn content_links(&self) -> Vec<ContentLink> {
        self.links.clone()
    }
}
