//! A filter's decision tree on its page (a `decision` block with `diagram: true`),
//! drawn and followed by the same tree as a nested list, which is its text alternative.
//! A tree too large for one readable drawing is split: a `<details>` per answer to its
//! first question, and so on down, until each part fits in one.
//!
//! In a drawing, a square box is a question, the words after it an answer (or the
//! answers that lead the same way), and a rounded box an outcome.

use std::fmt::Write;

use super::model::{Filter, Outcome};
use super::render::{or_list, outcome_anchor};
use super::tree::{MAX_PARTIAL, Tree, partial_answers, tree};
use crate::diagram::graph::{self, Graph, Kind};
use crate::html::escape;
use crate::i18n::Strings;

/// The most characters on a line of a box or an arrow before it wraps.
const LINE_LENGTH: usize = 22;

/// The most boxes (questions and outcomes) one drawing shows: a larger tree is split
/// into one drawing per answer to its first question, and so on down.
const MAX_BOXES: usize = 16;

/// Why the tree of `filter` cannot be drawn, if it cannot.
pub(crate) fn check(filter: &Filter) -> Result<(), String> {
    whole_tree(filter).map(|_| ())
}

/// The tree of `filter`, or why it cannot be made.
fn whole_tree(filter: &Filter) -> Result<Tree, String> {
    tree(filter).ok_or_else(|| {
        format!(
            "the filter's questions can be answered in too many ways to draw its tree: \
             {} partial answers (each question answered or not yet), more than {MAX_PARTIAL}",
            partial_answers(filter)
        )
    })
}

/// The HTML of the tree of `filter`, placed with ids under `base`: a `<details>` with
/// the tree drawn and listed, split into nested `<details>` where it is too large for
/// one drawing. Empty if the tree cannot be made, which [`check`] reports before the
/// page is rendered.
pub(crate) fn tree_html(filter: &Filter, base: &str, words: &Strings) -> String {
    let Ok(tree) = whole_tree(filter) else {
        return String::new();
    };
    let mut out = format!(
        "<details class=\"decision-tree\">\n<summary>{}</summary>\n<p>{}</p>\n",
        escape(words.text("filter_tree")),
        escape(words.text("filter_tree_about")),
    );
    let mut drawn = 0;
    let place = Place {
        filter,
        base,
        words,
    };
    place.part(&mut out, &tree, words.text("filter_tree"), &mut drawn);
    out.push_str("</details>\n");
    out
}

/// What every part of a tree's HTML needs: the filter, the ids' prefix and the words.
struct Place<'a> {
    filter: &'a Filter,
    base: &'a str,
    words: &'a Strings,
}

impl Place<'_> {
    /// A part of the tree, named `title`: drawn and listed if it is small enough (the
    /// `drawn`th drawing on the page), else a `<details>` per answer to its question.
    fn part(&self, out: &mut String, tree: &Tree, title: &str, drawn: &mut usize) {
        match tree {
            Tree::Ask { question, branches } if tree.size() > MAX_BOXES => {
                let q = &self.filter.questions[*question];
                for branch in branches {
                    let answers = branch.labels(q);
                    let escaped: Vec<String> = answers.iter().map(|a| escape(a)).collect();
                    let heading = self.words.fill_html(
                        "filter_is",
                        &[
                            ("question", &escape(&q.label)),
                            ("answers", &or_list(&escaped, self.words)),
                        ],
                    );
                    let _ = writeln!(
                        out,
                        "<details class=\"decision-branch\">\n<summary>{heading}</summary>"
                    );
                    let title = format!("{title}; {}: {}", q.label, answers.join(" / "));
                    self.part(out, &branch.next, &title, drawn);
                    out.push_str("</details>\n");
                }
            }
            _ => {
                if let Tree::Ask { .. } = tree {
                    *drawn += 1;
                    let id = format!("{}-tree-{drawn}", self.base);
                    if let Ok(svg) = graph::draw(&graph_of(self.filter, tree), &id, title) {
                        let _ = write!(out, "{}", scroll_area(&id, &svg));
                    }
                }
                out.push_str("<ul class=\"decision-tree-list\">\n");
                list_item(out, self.base, self.filter, tree, self.words);
                out.push_str("</ul>\n");
            }
        }
    }
}

/// A drawing (`svg`, whose title's id is `{id}-title`) in a figure that scrolls
/// sideways where the drawing is wider than the column: the drawing keeps its natural
/// size, so its words stay readable on a phone. The figure is a region named by the
/// drawing's title and takes the focus, so a keyboard can scroll it (the theme's
/// `:focus-visible` outline shows where the focus is). Its styles are inline, as the
/// drawing's are, so the tree looks the same in any theme.
fn scroll_area(id: &str, svg: &str) -> String {
    format!(
        "<figure class=\"diagram decision-diagram\" role=\"region\" aria-labelledby=\"{id}-title\" \
         tabindex=\"0\" style=\"margin:1rem 0;overflow-x:auto\">\n{svg}</figure>\n"
    )
}

/// `tree` as an item of a nested list: an outcome links to its description; a question
/// lists its answers, each with where it leads.
fn list_item(out: &mut String, base: &str, filter: &Filter, tree: &Tree, words: &Strings) {
    match tree {
        Tree::Outcome(o) => {
            let _ = writeln!(out, "<li>{}</li>", outcome_link(base, &filter.outcomes[*o]));
        }
        Tree::Ask { question, branches } => {
            let q = &filter.questions[*question];
            let _ = writeln!(
                out,
                "<li><span class=\"decision-q\">{}</span>\n<ul>",
                escape(&q.label)
            );
            for branch in branches {
                let answers: Vec<String> = branch
                    .options
                    .iter()
                    .map(|&o| {
                        format!(
                            "<span class=\"decision-a\">{}</span>",
                            escape(&q.options[o].label)
                        )
                    })
                    .collect();
                let _ = write!(
                    out,
                    "<li>{} {} ",
                    or_list(&answers, words),
                    escape(words.text("filter_leads_to"))
                );
                match &branch.next {
                    Tree::Outcome(o) => {
                        let _ = writeln!(out, "{}</li>", outcome_link(base, &filter.outcomes[*o]));
                    }
                    next => {
                        out.push_str("\n<ul>\n");
                        list_item(out, base, filter, next, words);
                        out.push_str("</ul></li>\n");
                    }
                }
            }
            out.push_str("</ul></li>\n");
        }
    }
}

fn outcome_link(base: &str, outcome: &Outcome) -> String {
    format!(
        "<a href=\"#{}\">{}</a>",
        outcome_anchor(base, outcome),
        escape(&outcome.title)
    )
}

/// `tree` as a graph: a box per question asked and per outcome reached, the answers
/// between them.
fn graph_of(filter: &Filter, tree: &Tree) -> Graph {
    let mut graph = Graph::default();
    add(filter, tree, &mut graph);
    graph
}

/// Adds `tree` to `graph` and returns its node.
fn add(filter: &Filter, tree: &Tree, graph: &mut Graph) -> usize {
    match tree {
        Tree::Outcome(o) => {
            graph
                .nodes
                .push((wrap(&filter.outcomes[*o].title), Kind::End));
            graph.nodes.len() - 1
        }
        Tree::Ask { question, branches } => {
            let q = &filter.questions[*question];
            graph.nodes.push((wrap(&q.label), Kind::Step));
            let node = graph.nodes.len() - 1;
            for branch in branches {
                let answers = branch.labels(q);
                graph.nodes.push((wrap(&answers.join(" / ")), Kind::Words));
                let answer = graph.nodes.len() - 1;
                graph.links.push((node, answer, false));
                let next = add(filter, &branch.next, graph);
                graph.links.push((answer, next, true));
            }
            node
        }
    }
}

/// `text` broken into lines of about [`LINE_LENGTH`] characters, at spaces, joined by
/// `<br>` as diagram labels are.
fn wrap(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LINE_LENGTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::tests::{SAMPLE, load};

    #[test]
    fn long_labels_wrap_at_spaces() {
        assert_eq!(
            wrap("The sources disagree: a consultant, or a fractional CRO"),
            "The sources disagree:<br>a consultant, or a<br>fractional CRO"
        );
    }

    #[test]
    fn the_sample_tree_is_drawn_and_listed() {
        let filter = load(SAMPLE).unwrap();
        assert_eq!(check(&filter), Ok(()));
        insta::assert_snapshot!(tree_html(&filter, "decision-which", crate::i18n::english()));
    }

    /// A filter of three questions with three options each, and an outcome for every
    /// one of the 27 combinations: a tree of 40 boxes.
    fn every_answer_counts() -> String {
        let mut text = String::from("title: \"Grid\"\nquestions:\n");
        for q in ["a", "b", "c"] {
            text.push_str(&format!("  - id: {q}\n    text: \"{q}?\"\n    options:\n"));
            for o in 0..3 {
                text.push_str(&format!("      - id: \"{o}\"\n        label: \"{q}{o}\"\n"));
            }
        }
        let combinations = (0..27).map(|n| (n / 9, n / 3 % 3, n % 3));
        text.push_str("outcomes:\n");
        for (a, b, c) in combinations.clone() {
            text.push_str(&format!("  - id: o{a}{b}{c}\n    title: \"O{a}{b}{c}\"\n"));
        }
        text.push_str("rules:\n");
        for (a, b, c) in combinations {
            text.push_str(&format!(
                "  - when: {{a: \"{a}\", b: \"{b}\", c: \"{c}\"}}\n    outcome: o{a}{b}{c}\n    because: \".\"\n"
            ));
        }
        text
    }

    #[test]
    fn a_tree_too_large_for_one_drawing_is_split_by_its_first_question() {
        let filter = load(&every_answer_counts()).unwrap();
        let html = tree_html(&filter, "d", crate::i18n::english());
        // 40 boxes: a drawing per answer to `a`, 13 boxes each.
        assert_eq!(
            html.matches("<details class=\"decision-branch\">").count(),
            3
        );
        assert_eq!(html.matches("<svg ").count(), 3);
        // Each drawing scrolls in a figure a keyboard can reach, named by its title.
        assert!(html.contains(
            "<figure class=\"diagram decision-diagram\" role=\"region\" \
             aria-labelledby=\"d-tree-2-title\" tabindex=\"0\""
        ));
        assert!(html.contains("<summary>a is a1</summary>"), "{html}");
        assert!(html.contains("<title id=\"d-tree-2-title\">The decision tree; a: a1</title>"));
        assert_eq!(html.matches("<a href=\"#d-outcome-").count(), 27);
    }
}
