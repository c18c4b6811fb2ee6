//! A checked filter: every reference resolved to an index, every id known to be unique.

use std::ops::Range;

use super::cube::{Cube, Mask, full_mask};
use super::runtime::Compiled;
use crate::link::ContentLink;
use crate::source::SourceFile;

/// A decision filter read from `content/filters/<id>.yaml`, checked and compiled.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    /// The file name without `.yaml`.
    pub(crate) id: String,
    /// The heading of the form.
    pub(crate) title: String,
    /// Markdown shown above the questions.
    pub(crate) intro: Option<String>,
    /// The questions, in the order asked.
    pub(crate) questions: Vec<Question>,
    /// The recommendations, in the order written.
    pub(crate) outcomes: Vec<Outcome>,
    /// The rules, in the order written.
    pub(crate) rules: Vec<Rule>,
    /// Every `@/` link of the file, with where it is written.
    pub(crate) links: Vec<(String, Range<usize>)>,
    /// The file the filter was read from.
    pub(crate) file: SourceFile,
    /// The rules as the runtime gets them.
    pub(crate) compiled: Compiled,
}

/// A question and its options.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    /// The id: the radio buttons' name and the URL parameter.
    pub id: String,
    /// A short name for the decision table and rationale; the id if none is given.
    pub label: String,
    /// The question as the reader sees it.
    pub text: String,
    /// A line of help under it.
    pub help: Option<String>,
    /// The answers to choose from.
    pub options: Vec<Choice>,
}

/// One option of a question.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    /// The id: the radio button's value.
    pub id: String,
    /// The answer as the reader sees it.
    pub label: String,
}

/// A recommendation.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The id rules name.
    pub id: String,
    /// The recommendation in a few words.
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
    /// The rationale the reader sees.
    pub because: String,
    /// Higher wins where rules overlap.
    pub priority: i64,
}

impl Filter {
    /// The filter's id: its file name without `.yaml`.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The file the filter was read from.
    pub(crate) fn file(&self) -> &SourceFile {
        &self.file
    }

    /// Every `@/` link of the filter (outcomes' reading lists and links inside the intro
    /// and summaries), for the link stage to check.
    pub(crate) fn content_links(&self) -> Vec<ContentLink> {
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
