//! The HTML of a filter: a plain form, a decision table for readers without JavaScript,
//! and the compiled rules as JSON for the runtime (`src/components/decision/filter.js`).
//!
//! The runtime fills the result region by copying the outcome descriptions rendered
//! here, so every text reaches the page through [`escape`] (or the markdown renderer,
//! which shows raw HTML as text) and never through the script.

use std::fmt::Write;

use super::markdown;
use super::model::{Filter, Outcome, Question, Rule};
use super::tree_html::tree_html;
use crate::html::{escape, json_for_script};
use crate::i18n::Strings;
use crate::link::LinkResolver;

/// The HTML a page embeds for `filter`.
///
/// A `<form class="decision">` with one `<fieldset>` per question (legend, help, radio
/// buttons named by question id with option ids as values), a live result region and a
/// "Start over" button (both hidden until the script runs), the decision table (every
/// rule as a sentence linking to its outcome, then the outcomes with their articles, in
/// a `<details>` the script closes), and the compiled filter as
/// `<script type="application/json">`. `links` resolves the outcomes' `@/` links.
/// `instance` counts earlier placements of the same filter on the page, so that each
/// copy's ids are its own. With `tree`, the decision tree follows the table, drawn and
/// listed ([`super::tree_html`]).
pub(crate) fn render(
    filter: &Filter,
    links: &dyn LinkResolver,
    instance: usize,
    tree: bool,
) -> String {
    let base = match instance {
        0 => format!("decision-{}", escape(&filter.id)),
        n => format!("decision-{}-{}", escape(&filter.id), n + 1),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<form class=\"decision\" id=\"{base}\" aria-labelledby=\"{base}-title\" novalidate>"
    );
    let _ = writeln!(
        out,
        "<h2 class=\"decision-title\" id=\"{base}-title\">{}</h2>",
        escape(&filter.title)
    );
    if let Some(intro) = &filter.intro {
        let _ = writeln!(
            out,
            "<div class=\"decision-intro\">\n{}</div>",
            markdown::to_html(intro, links)
        );
    }
    for question in &filter.questions {
        question_html(&mut out, &base, question);
    }
    let words = links.words();
    let _ = write!(
        out,
        "<div class=\"decision-result\" role=\"status\" aria-live=\"polite\" hidden></div>\n\
         <p class=\"decision-actions\" hidden><button type=\"button\" class=\"decision-reset\">{}</button></p>\n\
         <details class=\"decision-table\" open>\n\
         <summary>{}</summary>\n\
         <p>{}</p>\n\
         <ol class=\"decision-rules\">\n",
        escape(words.text("filter_start_over")),
        escape(words.text("filter_all_rules")),
        escape(words.text("filter_rules_order")),
    );
    for (position, rule) in filter.rules_in_order().enumerate() {
        rule_html(&mut out, &base, filter, position, rule, words);
    }
    out.push_str("</ol>\n<div class=\"decision-outcomes\">\n");
    for outcome in &filter.outcomes {
        outcome_html(&mut out, &base, filter, outcome, links);
    }
    out.push_str("</div>\n</details>\n");
    if tree {
        out.push_str(&tree_html(filter, &base, words));
    }
    let _ = writeln!(
        out,
        "<script type=\"application/json\" class=\"decision-data\" id=\"{base}-data\">{}</script>\n</form>",
        json_for_script(&filter.compiled)
    );
    out
}

fn question_html(out: &mut String, base: &str, q: &Question) {
    let id = escape(&q.id);
    let help_id = format!("{base}-help-{id}");
    let described = if q.help.is_some() {
        format!(" aria-describedby=\"{help_id}\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<fieldset class=\"decision-question\" data-question=\"{id}\"{described}>\n<legend>{}</legend>",
        escape(&q.text)
    );
    if let Some(help) = &q.help {
        let _ = writeln!(
            out,
            "<p class=\"decision-help\" id=\"{help_id}\">{}</p>",
            escape(help)
        );
    }
    out.push_str("<div class=\"decision-options\">\n");
    for option in &q.options {
        let _ = writeln!(
            out,
            "<label class=\"decision-option\"><input type=\"radio\" name=\"{id}\" value=\"{}\"> <span>{}</span></label>",
            escape(&option.id),
            escape(&option.label)
        );
    }
    out.push_str("</div>\n</fieldset>\n");
}

/// `a`, `a or b`, `a, b or c` (escaped HTML items, in the words of `words`).
pub(super) fn or_list(items: &[String], words: &Strings) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let first = rest.join(&escape(words.text("list_separator")));
            words.fill_html("filter_or", &[("first", &first), ("last", last)])
        }
    }
}

pub(super) fn outcome_anchor(base: &str, outcome: &Outcome) -> String {
    format!("{base}-outcome-{}", escape(&outcome.id))
}

fn rule_html(
    out: &mut String,
    base: &str,
    filter: &Filter,
    position: usize,
    rule: &Rule,
    words: &Strings,
) {
    let conditions: Vec<String> = rule
        .conditions(&filter.questions)
        .map(|(q, allowed)| {
            let labels: Vec<String> = allowed
                .iter()
                .map(|c| format!("<span class=\"decision-a\">{}</span>", escape(&c.label)))
                .collect();
            let question = format!("<span class=\"decision-q\">{}</span>", escape(&q.label));
            let answers = or_list(&labels, words);
            words.fill_html(
                "filter_is",
                &[("question", &question), ("answers", &answers)],
            )
        })
        .collect();
    let when = match (conditions.is_empty(), position) {
        (true, 0) => escape(words.text("filter_every_case")),
        (true, _) => escape(words.text("filter_otherwise")),
        (false, _) => {
            let all = conditions.join(&escape(words.text("filter_and")));
            words.fill_html("filter_if", &[("conditions", &all)])
        }
    };
    let outcome = &filter.outcomes[rule.outcome];
    let _ = writeln!(
        out,
        "<li>{when} {} <a href=\"#{}\">{}</a><span class=\"decision-why\">: {}</span></li>",
        escape(words.text("filter_leads_to")),
        outcome_anchor(base, outcome),
        escape(&outcome.title),
        escape(&rule.because)
    );
}

fn outcome_html(
    out: &mut String,
    base: &str,
    filter: &Filter,
    outcome: &Outcome,
    links: &dyn LinkResolver,
) {
    let _ = writeln!(
        out,
        "<section class=\"decision-outcome\" id=\"{}\" data-outcome=\"{}\">\n<h3>{}</h3>",
        outcome_anchor(base, outcome),
        escape(&outcome.id),
        escape(&outcome.title)
    );
    if let Some(summary) = &outcome.summary {
        let _ = writeln!(
            out,
            "<div class=\"decision-summary\">\n{}</div>",
            markdown::to_html(summary, links)
        );
    }
    // A page that is not in this build (a draft, which is a warning) is left out.
    let items: Vec<String> = outcome
        .links
        .iter()
        .filter_map(|target| {
            let url = links.url(target)?;
            let title = links.title(target).unwrap_or_else(|| target.clone());
            Some(format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(&url),
                escape(&title)
            ))
        })
        .collect();
    if !items.is_empty() {
        out.push_str("<ul class=\"decision-links\">\n");
        out.push_str(&items.concat());
        out.push_str("</ul>\n");
    }
    if !outcome.also_consider.is_empty() {
        let others: Vec<String> = outcome
            .also_consider
            .iter()
            .map(|&i| {
                let other = &filter.outcomes[i];
                format!(
                    "<a href=\"#{}\">{}</a>",
                    outcome_anchor(base, other),
                    escape(&other.title)
                )
            })
            .collect();
        let words = links.words();
        let others = others.join(&escape(words.text("list_separator")));
        let _ = writeln!(
            out,
            "<p class=\"decision-also\">{}</p>",
            words.fill_html("filter_also_consider", &[("outcomes", &others)])
        );
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::markdown::tests::OneArticle;
    use crate::filter::tests::{SAMPLE, load};

    #[test]
    fn renders_the_sample() {
        let filter = load(SAMPLE).unwrap();
        insta::assert_snapshot!(render(&filter, &OneArticle, 0, false));
    }

    #[test]
    fn a_reading_list_entry_that_is_not_in_the_build_is_left_out() {
        let filter = load(&SAMPLE.replacen("\"@/a/b.md\"", "\"@/a/draft.md\"", 1)).unwrap();
        let html = render(&filter, &OneArticle, 0, false);
        assert!(!html.contains("decision-links"), "{html}");
        assert!(!html.contains("draft"), "{html}");
    }

    #[test]
    fn hostile_text_stays_text() {
        let text = SAMPLE
            .replacen(
                "\"Which revenue leader do you need?\"",
                "\"</script><script>alert('title')</script>\"",
                1,
            )
            .replacen(
                "\"Missing the quarter's number\"",
                "'Say \"hi\" & {{ page.title }} </script><script>alert(1)</script>'",
                1,
            )
            .replacen(
                "\"Someone who designs the motion.\"",
                "\"<img src=x onerror=alert(1)> [ok](https://example.org/\\\"onmouseover=alert(1))\"",
                1,
            )
            .replacen(
                "\"Strategy is the problem.\"",
                "\"</script><!-- {% raw %}\"",
                1,
            );
        let filter = load(&text).unwrap();
        let html = render(&filter, &OneArticle, 0, false);
        insta::assert_snapshot!(html);
        // The only script element is the JSON, and nothing closes it early.
        assert_eq!(html.matches("<script").count(), 1);
        assert_eq!(html.matches("</script").count(), 1);
        assert!(!html.contains("<img"));
        assert!(!html.contains("\"onmouseover"));
        assert!(html.contains("Say &quot;hi&quot; &amp; {{ page.title }}"));
        // The JSON still reads back as the text that was written.
        let start = html.find("<script type=\"application/json\"").unwrap();
        let json =
            &html[html[start..].find('>').unwrap() + start + 1..html.find("</script>").unwrap()];
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["rules"][2]["because"], "</script><!-- {% raw %}");
    }
}
