//! The total-cost calculator's dataset (`content/calculators/<id>.yaml`): the fractional
//! fees by role and ARR band, the full-time figures to set them against, and the time
//! to impact, each with the source that gives it. Money is in thousands of US dollars,
//! ARR in millions.

use std::ops::Range;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::ContentLink;
use crate::source::SourceFile;
use crate::yaml;

/// A checked dataset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CostData {
    /// The id: the file's name.
    #[serde(skip)]
    pub id: String,
    /// What the calculator is called on the page.
    pub title: String,
    /// The sources the figures come from.
    pub sources: Vec<Source>,
    /// The roles a founder can choose.
    pub roles: Vec<Role>,
    /// The fractional fees, one row for each fee a source gives.
    pub fees: Vec<Fee>,
    /// The full-time figures the fractional totals are set against.
    pub full_time: Vec<FullTime>,
    /// How long each kind of leader takes to show an effect.
    pub impact: Vec<Impact>,
    /// The links to the sources' articles, for the link stage.
    #[serde(skip)]
    links: Vec<ContentLink>,
}

/// A source: its short name and the site's article on it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Source {
    /// What fees and figures cite it by.
    pub id: String,
    /// Its short name, as the site writes it.
    pub name: String,
    /// The site's article on it (`@/…`).
    pub article: String,
}

/// A role a founder can choose.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Role {
    /// What fees name it by.
    pub id: String,
    /// Its name on the page.
    pub name: String,
}

/// A monthly fee a source gives for a role at an ARR band.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Fee {
    /// The role's id.
    pub role: String,
    /// The ARR band, in millions of dollars.
    pub arr: Bounds,
    /// The condition the source attaches ("the motion works"), if any.
    #[serde(default)]
    pub when: Option<String>,
    /// The fee a month, in thousands of dollars.
    pub monthly: Bounds,
    /// The days a week the fee buys, if the source says.
    #[serde(default)]
    pub days: Option<Bounds>,
    /// The engagement's length in months, if the source says.
    #[serde(default)]
    pub months: Option<Bounds>,
    /// The id of the source.
    pub source: String,
}

/// A full-time figure: a year's cost or a month's, in thousands of dollars.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FullTime {
    /// What it is the cost of.
    pub name: String,
    /// A year's cost, if the source gives it so.
    #[serde(default)]
    pub yearly: Option<Bounds>,
    /// A month's cost, if the source gives it so.
    #[serde(default)]
    pub monthly: Option<Bounds>,
    /// Whether the source says "or more" after the high end.
    #[serde(default)]
    pub or_more: bool,
    /// What the source says the figure includes, if anything.
    #[serde(default)]
    pub note: Option<String>,
    /// The id of the source.
    pub source: String,
}

/// How long a kind of leader takes to show an effect.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Impact {
    /// The kind of leader.
    pub name: String,
    /// The time, as the source gives it ("4–8 weeks").
    pub time: String,
    /// The id of the source.
    pub source: String,
}

/// A range of whole numbers, written `[low, high]`, low first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct Bounds {
    /// The low end.
    pub low: u32,
    /// The high end.
    pub high: u32,
}

impl<'de> Deserialize<'de> for Bounds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [low, high] = <[u32; 2]>::deserialize(deserializer)?;
        if low > high {
            return Err(D::Error::custom(format!(
                "the range [{low}, {high}] runs backwards: write the low end first"
            )));
        }
        Ok(Bounds { low, high })
    }
}

impl CostData {
    /// The dataset's id.
    pub(super) fn id(&self) -> &str {
        &self.id
    }

    /// The links to the sources' articles, to be checked like written ones.
    pub(super) fn content_links(&self) -> Vec<ContentLink> {
        self.links.clone()
    }

    /// The source `id` (checked to exist when the dataset loaded).
    pub(super) fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The role `id` (checked to exist when the dataset loaded).
    pub(super) fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
}

/// Reads and checks `content/calculators/<id>.yaml`: its YAML (a backwards range is reported
/// at its line and column), then that every fee names a known role and every figure a
/// known source, each problem at the id that is wrong.
pub(super) fn load_costs(file: &SourceFile) -> Result<CostData, Diagnostics> {
    let mut data: CostData = yaml::parse_file(file)?;
    data.id = file
        .path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut problems = Diagnostics::new();
    let roles: Vec<&str> = data.roles.iter().map(|r| r.id.as_str()).collect();
    for fee in &data.fees {
        if !roles.contains(&fee.role.as_str()) {
            let found = format!("unknown role `{}`", fee.role);
            let hint = format!("the roles are: {}", roles.join(", "));
            let at = written(file, "role", &fee.role);
            problems.push(Diagnostic::error(found).at(file, at).with_hint(hint));
        }
    }
    let sources: Vec<&str> = data.sources.iter().map(|s| s.id.as_str()).collect();
    let cited = (data.fees.iter().map(|f| &f.source))
        .chain(data.full_time.iter().map(|f| &f.source))
        .chain(data.impact.iter().map(|i| &i.source));
    for source in cited {
        if !sources.contains(&source.as_str()) {
            let found = format!("unknown source `{source}`");
            let hint = format!("the sources are: {}", sources.join(", "));
            let at = written(file, "source", source);
            problems.push(Diagnostic::error(found).at(file, at).with_hint(hint));
        }
    }
    for figure in &data.full_time {
        if figure.yearly.is_some() == figure.monthly.is_some() {
            let found = format!("`{}` needs one of `yearly` or `monthly`", figure.name);
            let at = written(file, "name", &figure.name);
            problems.push(Diagnostic::error(found).at(file, at));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    data.links = data
        .sources
        .iter()
        .map(|source| ContentLink {
            target: source.article.clone(),
            file: file.clone(),
            range: written(file, "article", &source.article),
        })
        .collect();
    Ok(data)
}

/// Where `key: value` is written in `file` (the value), or the file's start.
fn written(file: &SourceFile, key: &str, value: &str) -> Range<usize> {
    let whole = 0..file.text.len();
    ["", "\"", "'"]
        .iter()
        .find_map(|quote| file.find_in(whole.clone(), &format!("{key}: {quote}{value}")))
        .map_or(0..0, |found| found.end - value.len()..found.end)
}
