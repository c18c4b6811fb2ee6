//! Tests of reading and checking whole filter files.

use super::block::Placement;
use super::*;
use crate::catalog::Catalog;
use crate::source::SourceFile;

/// A valid filter: three questions, three outcomes, four rules.
pub(crate) const SAMPLE: &str = r#"title: "Which revenue leader do you need?"
intro: "Three questions, one recommendation. See [the guide](@/a/b.md)."
questions:
  - id: fear
    label: Your fear
    text: "What failure do you fear most in the next 90 days?"
    help: "Pick the one that keeps you up at night."
    options:
      - id: missed-quarter
        label: "Missing the quarter's number"
      - id: wrong-strategy
        label: "Building the wrong go-to-market motion"
  - id: icp
    text: "Would your top three executives write the same one-sentence ICP?"
    options:
      - id: "yes"
        label: "Yes"
      - id: "no"
        label: "No"
  - id: manages
    text: "Whom would the new leader manage?"
    options:
      - id: reps
        label: "Reps (AEs and BDRs)"
      - id: managers
        label: "Managers and heads of functions"
      - id: nobody
        label: "Nobody yet"
outcomes:
  - id: sales-leader
    title: "A fractional sales leader"
    summary: "Someone who runs the team and the deals **this quarter**."
    links:
      - "@/a/b.md"
    also_consider: [cro]
  - id: cro
    title: "A fractional CRO"
    summary: "Someone who designs the motion."
  - id: advisor
    title: "An advisor"
rules:
  - when:
      manages: nobody
    outcome: advisor
    because: "There is nobody to manage yet."
    priority: 1
  - when:
      fear: missed-quarter
      icp: "yes"
    outcome: sales-leader
    because: "The design is done; execution is the gap."
  - when:
      fear: wrong-strategy
      manages: [reps, managers]
    outcome: cro
    because: "Strategy is the problem."
  - when: {icp: "no"}
    outcome: cro
    because: "Leadership disagrees on the customer."
"#;

pub(crate) fn load(text: &str) -> Result<Filter, Diagnostics> {
    load_filter(&SourceFile::new("content/filters/which.yaml", text))
}

/// The problems of a filter text, one line each, sorted by position.
fn problems(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => Vec::new(),
        Err(d) => d.into_sorted().iter().map(ToString::to_string).collect(),
    }
}

/// The sample with `from` replaced by `to` (which must occur).
fn edit(from: &str, to: &str) -> String {
    assert!(SAMPLE.contains(from), "{from}");
    SAMPLE.replacen(from, to, 1)
}

use crate::diagnostics::Diagnostics;

#[test]
fn the_sample_loads() {
    let filter = load(SAMPLE).unwrap();
    assert_eq!(filter.id(), "which");
    assert_eq!(filter.title, "Which revenue leader do you need?");
    let links: Vec<_> = filter
        .content_links()
        .iter()
        .map(|l| (l.target.clone(), l.file.line_col(l.range.start).line))
        .collect();
    assert_eq!(
        links,
        [("@/a/b.md".to_string(), 2), ("@/a/b.md".to_string(), 34)]
    );
    // Compiled in priority order: the advisor rule first.
    assert_eq!(filter.compiled.rules[0].outcome, "advisor");
    assert_eq!(
        filter.compiled.rules[2].when["manages"],
        ["reps", "managers"]
    );
}

#[test]
fn malformed_yaml_is_reported_with_its_line() {
    let p = problems(&edit(
        "same one-sentence ICP?\"",
        "same\" one-sentence ICP?\"",
    ));
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("error: content/filters/which.yaml:14:"),
        "{p:?}"
    );
    assert!(p[0].contains("invalid YAML"), "{p:?}");
}

#[test]
fn unknown_keys_suggest_the_known_one() {
    let p = problems(&edit("    help:", "    hepl:"));
    assert_eq!(
        p,
        [
            "error: content/filters/which.yaml:7:5: unknown key `hepl` in `questions[0]` (hint: did you mean `help`?)"
        ]
    );
}

#[test]
fn duplicate_and_malformed_ids() {
    let text = edit(
        "outcomes:\n",
        "  - id: fear\n    text: \"Again?\"\n    options:\n      - id: a\n        label: A\noutcomes:\n",
    )
    .replacen(
        "        label: \"Nobody yet\"\n",
        "        label: \"Nobody yet\"\n      - id: reps\n        label: \"Reps again\"\n",
        1,
    )
    .replacen(
        "rules:\n",
        "  - id: Advisor Role\n    title: \"An advisor\"\nrules:\n",
        1,
    );
    assert_eq!(
        problems(&text),
        [
            "error: content/filters/which.yaml:29:13: duplicate option id `reps` (hint: the first is at line 23; ids must be unique)",
            "error: content/filters/which.yaml:31:9: duplicate question id `fear` (hint: the first is at line 4; ids must be unique)",
            "error: content/filters/which.yaml:48:9: outcome id `Advisor Role` may only contain lowercase letters, digits and dashes (hint: try `advisor-role`)",
        ]
    );
}

#[test]
fn unknown_references_in_rules_suggest_the_closest() {
    let text = edit(
        "      fear: missed-quarter\n",
        "      feer: missed-quarter\n",
    )
    .replacen(
        "      fear: wrong-strategy\n",
        "      fear: wrong-strat\n",
        1,
    )
    .replacen("outcome: cro\n", "outcome: ccro\n", 1);
    assert_eq!(
        problems(&text),
        [
            "error: content/filters/which.yaml:48:7: rule names unknown question `feer` (hint: did you mean `fear`? the questions are: fear, icp, manages)",
            "error: content/filters/which.yaml:53:13: question `fear` has no option `wrong-strat` (hint: did you mean `wrong-strategy`? its options are: missed-quarter, wrong-strategy)",
            "error: content/filters/which.yaml:55:14: rule leads to unknown outcome `ccro` (hint: did you mean `cro`? the outcomes are: sales-leader, cro, advisor)",
        ]
    );
}

#[test]
fn answers_that_reach_no_outcome_are_shown() {
    let one = edit(
        "  - when: {icp: \"no\"}\n",
        "  - when: {icp: \"no\", manages: managers}\n",
    );
    assert_eq!(
        problems(&one),
        [
            "error: content/filters/which.yaml:41:1: 1 combination of answers reaches no outcome: fear = missed-quarter, icp = no, manages = reps (hint: add a rule with `when: {fear: missed-quarter, icp: no, manages: reps}`, or a catch-all rule without `when` at a lower priority)",
        ]
    );
    let two = edit(
        "  - when: {icp: \"no\"}\n",
        "  - when: {icp: \"no\", fear: missed-quarter}\n",
    )
    .replacen("manages: [reps, managers]", "manages: [reps]", 1);
    assert_eq!(
        problems(&two),
        [
            "error: content/filters/which.yaml:41:1: 2 combinations of answers reach no outcome, e.g. fear = wrong-strategy, icp = yes, manages = managers (hint: add a rule with `when: {fear: wrong-strategy, manages: managers}`, or a catch-all rule without `when` at a lower priority)",
        ]
    );
}

#[test]
fn overlapping_rules_with_different_outcomes_are_ambiguous() {
    let text = edit(
        "  - when: {icp: \"no\"}\n    outcome: cro\n",
        "  - when: {icp: \"no\"}\n    outcome: advisor\n",
    );
    assert_eq!(
        problems(&text),
        [
            "error: content/filters/which.yaml:57:3: rules at lines 52 and 57 recommend different outcomes (`cro` and `advisor`) with equal priority 0 for fear = wrong-strategy, icp = no, manages = reps (hint: give the rule that should win a higher `priority`, or narrow one so they no longer overlap)",
        ]
    );
}

#[test]
fn equal_priority_overlap_with_the_same_outcome_is_fine() {
    let text = edit("      manages: [reps, managers]\n", "");
    assert!(load(&text).is_ok(), "{:?}", problems(&text));
}

#[test]
fn shadowed_and_empty_rules_never_fire() {
    let shadowed = format!(
        "{SAMPLE}  - when: {{manages: nobody, fear: missed-quarter}}\n    outcome: cro\n    because: \"Never.\"\n"
    );
    assert_eq!(
        problems(&shadowed),
        [
            "error: content/filters/which.yaml:60:3: this rule never fires: every answer it matches is decided first by the rule at line 42 (hint: give it a higher `priority`, narrow the rules before it, or remove it)",
        ]
    );
    let covered = format!(
        "{SAMPLE}  - when: {{fear: missed-quarter}}\n    outcome: cro\n    because: \"Never.\"\n    priority: -1\n"
    );
    assert_eq!(
        problems(&covered),
        [
            "error: content/filters/which.yaml:60:3: this rule never fires: every answer it matches is decided first by the rules at lines 42, 47 and 57 (hint: give it a higher `priority`, narrow the rules before it, or remove it)",
        ]
    );
    let empty = format!(
        "{SAMPLE}  - when: {{manages: []}}\n    outcome: cro\n    because: \"Never.\"\n    priority: 5\n"
    );
    assert_eq!(
        problems(&empty),
        [
            "error: content/filters/which.yaml:60:3: this rule never fires: it allows no option for `manages` (hint: list at least one option, or `any`)",
        ]
    );
}

#[test]
fn outcomes_no_rule_reaches() {
    let unused = edit(
        "  - id: advisor\n",
        "  - id: full-time\n    title: \"A full-time CRO\"\n  - id: advisor\n",
    );
    assert_eq!(
        problems(&unused),
        [
            "error: content/filters/which.yaml:39:9: no rule leads to outcome `full-time` (hint: add a rule with `outcome: full-time`, or remove the outcome)",
        ]
    );
    let only_dead = format!(
        "{SAMPLE}  - when: {{icp: \"no\"}}\n    outcome: sales-leader\n    because: \"Never.\"\n    priority: -1\n"
    )
    .replacen("      icp: \"yes\"\n", "      icp: \"yes\"\n      manages: managers\n", 1)
    .replacen("    outcome: sales-leader\n    because: \"The", "    outcome: advisor\n    because: \"The", 1);
    let p = problems(&only_dead);
    assert!(
        p.contains(&"error: content/filters/which.yaml:30:9: outcome `sales-leader` is reached only by rules that never fire (line 61) (hint: fix those rules so they can fire)".to_string()),
        "{p:#?}"
    );
}

#[test]
fn reserved_and_unsafe_values_are_rejected() {
    let text = edit("      - id: nobody\n", "      - id: any\n")
        .replacen(
            "      - \"@/a/b.md\"\n",
            "      - \"javascript:alert(1)\"\n",
            1,
        )
        .replacen(
            "designs the motion.\"",
            "designs the [motion](javascript:alert(1)).\"",
            1,
        )
        .replacen("manages: [reps, managers]", "manages: [reps, any]", 1);
    assert_eq!(
        problems(&text),
        [
            "error: content/filters/which.yaml:27:13: an option cannot be called `any`: in rules, `any` means every option",
            "error: content/filters/which.yaml:34:10: outcome link `javascript:alert(1)` is not a content path (hint: link to the articles as `@/cluster/article.md`)",
            "error: content/filters/which.yaml:38:48: the summary links to `javascript:alert(1)`, which is not allowed (hint: link to articles as `@/cluster/article.md`, or to an https:// address)",
            "error: content/filters/which.yaml:43:16: question `manages` has no option `nobody` (hint: its options are: reps, managers, any)",
            "error: content/filters/which.yaml:54:23: `any` cannot be listed with options (hint: write `manages: any` alone)",
        ]
    );
}

#[test]
fn the_file_name_must_be_an_id() {
    let file = SourceFile::new("content/filters/Which Leader.yaml", SAMPLE);
    let d = load_filter(&file).unwrap_err().into_sorted();
    assert_eq!(
        d[0].to_string(),
        "error: content/filters/Which Leader.yaml:1:1: the file name `Which Leader` is not a valid filter id (hint: name the file with lowercase letters, digits and dashes, e.g. `which-leader.yaml`)"
    );
}

#[test]
fn decision_blocks_name_a_known_filter() {
    let filters: Catalog<Filter> = [("which".to_string(), load(SAMPLE).unwrap())]
        .into_iter()
        .collect();
    let page = SourceFile::new(
        "content/a.md",
        "# A\n\n```decision\nfilter: which\n```\n\n```decision\nfilter: whihc\n```\n\n```decision\nfilter: f\n```\n",
    );
    let first = page.find_in(0..page.text.len(), "filter: which").unwrap();
    assert_eq!(
        parse_block(&page, first.start..first.end + 1, &filters).unwrap(),
        Placement {
            filter: "which".into(),
            diagram: false
        }
    );
    let second = page.find_in(0..page.text.len(), "filter: whihc").unwrap();
    let d = parse_block(&page, second.start..second.end + 1, &filters).unwrap_err();
    let d: Vec<String> = d.into_sorted().iter().map(ToString::to_string).collect();
    assert_eq!(
        d,
        [
            "error: content/a.md:8:9: unknown filter `whihc` (hint: did you mean `which`? the filters are: which)"
        ]
    );
    let d = parse_block(&page, second.start..second.end + 1, &Catalog::default()).unwrap_err();
    assert!(
        d.into_sorted()[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("there are no filters")
    );
    // The span is the id, not the first `f` of the block.
    let third = page.find_in(0..page.text.len(), "filter: f\n").unwrap();
    let d = parse_block(&page, third, &filters).unwrap_err();
    assert_eq!(d.into_sorted()[0].line_col().unwrap().col, 9);
    let d = parse_block(&page, 0..1, &filters).unwrap_err();
    assert!(d.into_sorted()[0].message.contains("`filter`"));
}
