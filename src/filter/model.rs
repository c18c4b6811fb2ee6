//! A checked filter: every reference resolved to an index, every id known to be unique.

use std::ops::Range;

use super::compile::Compiled;
use super::cube::{Cube, Mask, full_mask};
use crate::link::ContentLink;
use crate::source::SourceFile;

/// A decision filter read from `content/filters/<id>.yaml`, checked and compiled.
#[derive(Debug, Clone)]
pub struct Filter {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) intro: Option<String>,
    pub(crate) questions: Vec<Question>,
    pub(crate) outcomes: Vec<Outcome>,
    pub(crate) rules: Vec<Rule>,
    /// Every `@/` link of the file, with where it is written.
    pub(crate) links: Vec<(String, Range<usize>)>,
    pub(crate) file: SourceFile,
    pub(crate) compiled: Compiled,
}

/// A question and its options.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub id: String,
    /// A short name for the decision table and rationale; the id if none is given.
    pub label: String,
    pub text: String,
    pub help: Option<String>,
    pub options: Vec<Choice>,
}

/// One option of a question.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub id: String,
    pub label: String,
}

/// A recommendation.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub summary: Option<String>,
    /// Content paths (`@/…`) of the articles that explain it.
    pub links: Vec<String>,
    /// Indices of other outcomes.
    pub also_consider: Vec<usize>,
}

/// A rule: the answers it matches and the outcome they lead to.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// For every question, the options the rule allows (all of them where it names none).
    pub cube: Cube,
    /// Index of the outcome.
    pub outcome: usize,
    pub because: String,
    pub priority: i64,
}

impl Filter {
    /// The filter's id: its file name without `.yaml`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The filter's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Every `@/` link of the filter (outcomes' reading lists and links inside the intro
    /// and summaries), for the link stage to check.
    pub fn content_links(&self) -> Vec<ContentLink> {
        self.links
            .iter()
            .map(|(target, range)| ContentLink {
                target: target.clone(),
                file: self.file.clone(),
                range: range.clone(),
            })
            .collect()
    }

    /// The rules in the order the runtime tries them.
    pub(crate) fn rules_in_order(&self) -> impl Iterator<Item = &Rule> {
        self.compiled.order.iter().map(|&i| &self.rules[i])
    }
}

impl Question {
    /// The mask of all this question's options.
    pub(crate) fn all(&self) -> Mask {
        full_mask(self.options.len())
    }
}

impl Rule {
    /// The questions the rule constrains, with the options it allows for each.
    pub(crate) fn conditions<'a>(
        &'a self,
        questions: &'a [Question],
    ) -> impl Iterator<Item = (&'a Question, Vec<&'a Choice>)> + 'a {
        questions
            .iter()
            .zip(self.cube.masks())
            .filter(|(q, mask)| **mask != q.all())
            .map(|(q, &mask)| {
                let allowed = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, c)| c)
                    .collect();
                (q, allowed)
            })
    }
}
