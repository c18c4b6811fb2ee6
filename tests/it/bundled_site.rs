//! The bundled site in content/, built: the decision filter recommends what its sources
//! recommend, and the cost calculator totals figures the site states. (Tests that read
//! the bundled site's model and link graph are in `src/bundled_site.rs`.)

use std::collections::BTreeMap;
use std::path::Path;

// ---------------------------------------------------------------------------------
// The decision filter against its sources (issue 15).
//
// `SOURCE_TABLE` is written from the five source articles, not from the filter: one row
// per combination of the three altitude answers (fear, ICP, whom the hire manages) and
// the stage band, with the outcome the sources give and where they give it. Sources are
// cited by the short names the About page lists, and the section:
//   The Altitude Decision = "Fractional Sales Leader vs Fractional CRO: The Altitude Decision"
//   What Is a Fractional CRO? = "What Is a Fractional CRO?" (27 May 2026)
//   Arredondo = "What a Fractional CRO Actually Does" (James Arredondo, Inimity)
//   The Revenue Team = "How a Fractional Revenue Team Works Together"
// A row holds for a company whose founder leads sales today (or nobody does), which
// has a sales process and needs a leader for sales only; `expected` adds the cited
// adjustments for the other answers (issue 33), one source constant per rule.
// "Two of three decide" is how issue 15 reads The Altitude Decision's three questions,
// which that article says "sort 80% of cases" together.

const BELOW_1M: &str = "The Altitude Decision, When to Hire Which, $0–$1M (\"Neither\"); What Is a Fractional CRO?, Which ARR Stage, Below $1M (founder's selling time and advisors)";
const NOBODY_YET: &str = "The Altitude Decision, The 3-Question Decision Filter, Q3: \"Nobody yet\" = advisory, not embedded; What Is a Fractional CRO?, Fractional CRO vs. Advisor (a sounding board = an advisor), at any ARR";
const QUARTER_1M_3M: &str = "The Altitude Decision, 3-Question Filter, Q1 and its closing paragraph (\"we miss the quarter\" → a sales leader); $1M–$3M budget";
const QUARTER_3M_8M: &str = "The Altitude Decision, 3-Question Filter, Q1 and its closing paragraph (\"we miss the quarter\" → a sales leader); $3M–$8M, motion established";
const QUARTER_FROM_8M: &str = "The Altitude Decision, Q1 (a sales leader) and $8M–$20M: a fractional sales leader only as interim cover during a VP Sales search";
const STACK: &str = "The Altitude Decision, When You Need Both at Once: stacking pays between $5M and $12M ARR; issue 15 (quarter at risk + disputed ICP)";
const TWO_SL_1M_3M: &str = "The Altitude Decision, 3-Question Filter, Q2 yes and Q3 AEs/BDRs (two of three → sales leader); $1M–$3M: usually a fractional sales leader";
const TWO_SL_3M_8M: &str = "The Altitude Decision, 3-Question Filter, Q2 yes and Q3 AEs/BDRs (two of three → sales leader); $3M–$8M, motion established";
const TWO_SL_FROM_8M: &str = "The Altitude Decision, Q2/Q3 (sales leader) and $8M–$20M (sales leader only as interim during a VP Sales search); Arredondo, Choosing the Right Model (proven process → VP of Sales)";
const TWO_CRO_1M_3M: &str = "Sources conflict: The Altitude Decision, $1M–$3M (\"A CRO is premature\") vs What Is a Fractional CRO?, Which ARR Stage, $1M–$5M (\"the core use case\")";
const TWO_CRO_3M_8M: &str = "The Altitude Decision, 3-Question Filter, two answers → CRO; $3M–$8M quick test (three answers = CRO problem); What Is a Fractional CRO?, $5M–$20M";
const TWO_CRO_8M_20M: &str = "The Altitude Decision, two answers → CRO; $8M–$20M: usually a fractional CRO above a VP Sales; What Is a Fractional CRO?, $5M–$20M";
const PAST_20M_EXECUTION: &str = "Sources conflict: The Altitude Decision, $20M+ (\"Full-time CRO almost always\") vs Arredondo, Choosing the Right Model (scaling a proven process → VP of Sales; VP of Sales best stage $10–50M)";
const FROM_20M_TO_30M_CRO: &str = "Sources conflict: The Altitude Decision, $20M+ and What Is a Fractional CRO?, Above $20M ARR (full-time CRO) vs Arredondo, Fractional CRO, Where they fit ($5–30M)";
const PAST_30M_CRO: &str = "The Altitude Decision, $20M+; What Is a Fractional CRO?, Above $20M ARR; Arredondo, Full-Time CRO, Where they fit ($30M+)";
const TEAM_BAND: &str =
    "The Revenue Team, When the Model Works Best: $3M to $12M ARR, with an existing team";
const TEAM_AROUND_YOUR_LEADER: &str = "The Revenue Team, The CRO as Orchestrator and The Fractional VP of Sales (the team's seats), When the Model Works Best ($3M to $12M) and The Transition to Full-Time (one role at a time, usually sales first); The Altitude Decision, $8M–$20M (a sales leader only as interim cover during a VP Sales search)";
const NO_PROCESS_SPLIT: &str = "Sources conflict: What Is a Fractional CRO?, Fractional CRO vs. Sales Consultant (no infrastructure → a consultant may come first) vs the same article, $1M–$5M (\"the core use case\") and Arredondo, Choosing the Right Model (first repeatable GTM system → Fractional CRO)";
const FROM_20M_ALIGN: &str = "The Altitude Decision, $20M+ (\"Full-time CRO almost always\"); Arredondo, Choosing the Right Model (integrating multiple teams → Full-Time CRO) and Full-Time CRO, Where they fit ($30M+, PE or M&A, mature but siloed functions)";
const VP_IN_SEAT_EXECUTION: &str = "The Altitude Decision, Q1–Q3 (execution → a sales leader, the seat filled) and the stack (a CRO over one sales leader, never two); Arredondo, VP of Sales, Where they fit (scaling a known process); What Is a Fractional CRO?, in scope (deals closed → a senior seller or interim VP)";
const VP_IN_SEAT_STRATEGY: &str = "The Altitude Decision, $8M–$20M (a fractional CRO above a VP Sales in seat) and Within 60 days (the VP whom the CRO would manage); What Is a Fractional CRO?, $5M–$20M (a VP of Sales who needs a CRO above them)";
const CRO_IN_SEAT_STRATEGY: &str = "The Altitude Decision, Altitude First (ICP, motion, pricing: where a CRO lives); What Is a Fractional CRO?, in scope (sales process design) and Above $20M ARR (fractional only as cover for a departed CRO); no source adds a second CRO";
const CRO_IN_SEAT_STACK: &str = "The Altitude Decision, When You Need Both at Once (the CRO's half filled → the sales leader's half) and $8M–$20M (a VP Sales under the CRO; a sales leader only as interim cover)";
const CRO_IN_SEAT_EXECUTION_FROM_20M: &str = "The Altitude Decision, $8M–$20M (the CRO above a VP Sales who runs the team); Arredondo, Choosing the Right Model (scaling a proven process → VP of Sales)";

/// (fear, icp, manages, arr) → (outcome, source).
#[rustfmt::skip]
const SOURCE_TABLE: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("missed-quarter", "agree", "reps", "under-1m", "advisor", BELOW_1M),
    ("missed-quarter", "agree", "reps", "1m-3m", "fractional-sales-leader", QUARTER_1M_3M),
    ("missed-quarter", "agree", "reps", "3m-5m", "fractional-sales-leader", QUARTER_3M_8M),
    ("missed-quarter", "agree", "reps", "5m-8m", "fractional-sales-leader", QUARTER_3M_8M),
    ("missed-quarter", "agree", "reps", "8m-12m", "vp-of-sales", QUARTER_FROM_8M),
    ("missed-quarter", "agree", "reps", "12m-20m", "vp-of-sales", QUARTER_FROM_8M),
    ("missed-quarter", "agree", "reps", "20m-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "agree", "reps", "over-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "agree", "leaders", "under-1m", "advisor", BELOW_1M),
    ("missed-quarter", "agree", "leaders", "1m-3m", "fractional-sales-leader", QUARTER_1M_3M),
    ("missed-quarter", "agree", "leaders", "3m-5m", "fractional-sales-leader", QUARTER_3M_8M),
    ("missed-quarter", "agree", "leaders", "5m-8m", "fractional-sales-leader", QUARTER_3M_8M),
    ("missed-quarter", "agree", "leaders", "8m-12m", "vp-of-sales", QUARTER_FROM_8M),
    ("missed-quarter", "agree", "leaders", "12m-20m", "vp-of-sales", QUARTER_FROM_8M),
    ("missed-quarter", "agree", "leaders", "20m-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "agree", "leaders", "over-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "agree", "nobody-yet", "under-1m", "advisor", BELOW_1M),
    ("missed-quarter", "agree", "nobody-yet", "1m-3m", "advisor", NOBODY_YET),
    ("missed-quarter", "agree", "nobody-yet", "3m-5m", "advisor", NOBODY_YET),
    ("missed-quarter", "agree", "nobody-yet", "5m-8m", "advisor", NOBODY_YET),
    ("missed-quarter", "agree", "nobody-yet", "8m-12m", "advisor", NOBODY_YET),
    ("missed-quarter", "agree", "nobody-yet", "12m-20m", "advisor", NOBODY_YET),
    ("missed-quarter", "agree", "nobody-yet", "20m-30m", "advisor", NOBODY_YET),
    ("missed-quarter", "agree", "nobody-yet", "over-30m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "reps", "under-1m", "advisor", BELOW_1M),
    ("missed-quarter", "disagree", "reps", "1m-3m", "fractional-sales-leader", QUARTER_1M_3M),
    ("missed-quarter", "disagree", "reps", "3m-5m", "fractional-sales-leader", QUARTER_3M_8M),
    ("missed-quarter", "disagree", "reps", "5m-8m", "stack", STACK),
    ("missed-quarter", "disagree", "reps", "8m-12m", "stack", STACK),
    ("missed-quarter", "disagree", "reps", "12m-20m", "vp-of-sales", QUARTER_FROM_8M),
    ("missed-quarter", "disagree", "reps", "20m-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "disagree", "reps", "over-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "disagree", "leaders", "under-1m", "advisor", BELOW_1M),
    ("missed-quarter", "disagree", "leaders", "1m-3m", "fractional-sales-leader", QUARTER_1M_3M),
    ("missed-quarter", "disagree", "leaders", "3m-5m", "fractional-sales-leader", QUARTER_3M_8M),
    ("missed-quarter", "disagree", "leaders", "5m-8m", "stack", STACK),
    ("missed-quarter", "disagree", "leaders", "8m-12m", "stack", STACK),
    ("missed-quarter", "disagree", "leaders", "12m-20m", "vp-of-sales", QUARTER_FROM_8M),
    ("missed-quarter", "disagree", "leaders", "20m-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "disagree", "leaders", "over-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("missed-quarter", "disagree", "nobody-yet", "under-1m", "advisor", BELOW_1M),
    ("missed-quarter", "disagree", "nobody-yet", "1m-3m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "nobody-yet", "3m-5m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "nobody-yet", "5m-8m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "nobody-yet", "8m-12m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "nobody-yet", "12m-20m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "nobody-yet", "20m-30m", "advisor", NOBODY_YET),
    ("missed-quarter", "disagree", "nobody-yet", "over-30m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "reps", "under-1m", "advisor", BELOW_1M),
    ("flat-trajectory", "agree", "reps", "1m-3m", "fractional-sales-leader", TWO_SL_1M_3M),
    ("flat-trajectory", "agree", "reps", "3m-5m", "fractional-sales-leader", TWO_SL_3M_8M),
    ("flat-trajectory", "agree", "reps", "5m-8m", "fractional-sales-leader", TWO_SL_3M_8M),
    ("flat-trajectory", "agree", "reps", "8m-12m", "vp-of-sales", TWO_SL_FROM_8M),
    ("flat-trajectory", "agree", "reps", "12m-20m", "vp-of-sales", TWO_SL_FROM_8M),
    ("flat-trajectory", "agree", "reps", "20m-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("flat-trajectory", "agree", "reps", "over-30m", "full-time-cro-or-vp-of-sales", PAST_20M_EXECUTION),
    ("flat-trajectory", "agree", "leaders", "under-1m", "advisor", BELOW_1M),
    ("flat-trajectory", "agree", "leaders", "1m-3m", "cro-or-sales-leader", TWO_CRO_1M_3M),
    ("flat-trajectory", "agree", "leaders", "3m-5m", "fractional-cro", TWO_CRO_3M_8M),
    ("flat-trajectory", "agree", "leaders", "5m-8m", "fractional-cro", TWO_CRO_3M_8M),
    ("flat-trajectory", "agree", "leaders", "8m-12m", "fractional-cro", TWO_CRO_8M_20M),
    ("flat-trajectory", "agree", "leaders", "12m-20m", "fractional-cro", TWO_CRO_8M_20M),
    ("flat-trajectory", "agree", "leaders", "20m-30m", "fractional-or-full-time-cro", FROM_20M_TO_30M_CRO),
    ("flat-trajectory", "agree", "leaders", "over-30m", "full-time-cro", PAST_30M_CRO),
    ("flat-trajectory", "agree", "nobody-yet", "under-1m", "advisor", BELOW_1M),
    ("flat-trajectory", "agree", "nobody-yet", "1m-3m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "nobody-yet", "3m-5m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "nobody-yet", "5m-8m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "nobody-yet", "8m-12m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "nobody-yet", "12m-20m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "nobody-yet", "20m-30m", "advisor", NOBODY_YET),
    ("flat-trajectory", "agree", "nobody-yet", "over-30m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "reps", "under-1m", "advisor", BELOW_1M),
    ("flat-trajectory", "disagree", "reps", "1m-3m", "cro-or-sales-leader", TWO_CRO_1M_3M),
    ("flat-trajectory", "disagree", "reps", "3m-5m", "fractional-cro", TWO_CRO_3M_8M),
    ("flat-trajectory", "disagree", "reps", "5m-8m", "fractional-cro", TWO_CRO_3M_8M),
    ("flat-trajectory", "disagree", "reps", "8m-12m", "fractional-cro", TWO_CRO_8M_20M),
    ("flat-trajectory", "disagree", "reps", "12m-20m", "fractional-cro", TWO_CRO_8M_20M),
    ("flat-trajectory", "disagree", "reps", "20m-30m", "fractional-or-full-time-cro", FROM_20M_TO_30M_CRO),
    ("flat-trajectory", "disagree", "reps", "over-30m", "full-time-cro", PAST_30M_CRO),
    ("flat-trajectory", "disagree", "leaders", "under-1m", "advisor", BELOW_1M),
    ("flat-trajectory", "disagree", "leaders", "1m-3m", "cro-or-sales-leader", TWO_CRO_1M_3M),
    ("flat-trajectory", "disagree", "leaders", "3m-5m", "fractional-cro", TWO_CRO_3M_8M),
    ("flat-trajectory", "disagree", "leaders", "5m-8m", "fractional-cro", TWO_CRO_3M_8M),
    ("flat-trajectory", "disagree", "leaders", "8m-12m", "fractional-cro", TWO_CRO_8M_20M),
    ("flat-trajectory", "disagree", "leaders", "12m-20m", "fractional-cro", TWO_CRO_8M_20M),
    ("flat-trajectory", "disagree", "leaders", "20m-30m", "fractional-or-full-time-cro", FROM_20M_TO_30M_CRO),
    ("flat-trajectory", "disagree", "leaders", "over-30m", "full-time-cro", PAST_30M_CRO),
    ("flat-trajectory", "disagree", "nobody-yet", "under-1m", "advisor", BELOW_1M),
    ("flat-trajectory", "disagree", "nobody-yet", "1m-3m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "nobody-yet", "3m-5m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "nobody-yet", "5m-8m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "nobody-yet", "8m-12m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "nobody-yet", "12m-20m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "nobody-yet", "20m-30m", "advisor", NOBODY_YET),
    ("flat-trajectory", "disagree", "nobody-yet", "over-30m", "advisor", NOBODY_YET),
];

/// What the sources recommend for a complete set of answers, and where they say so: the
/// table's row, which already holds the advisor cases (below $1M, nobody to manage); then
/// from $20M `from_20m`; then no sales process, sales and marketing at $3M–$12M (around the
/// VP of Sales or CRO already in one of the team's seats), and last who leads revenue today
/// (no second sales leader beside a VP of Sales, no second CRO).
fn expected(answers: &BTreeMap<&str, &str>) -> (&'static str, &'static str) {
    let key = |q: &str| {
        *answers
            .get(q)
            .unwrap_or_else(|| panic!("no answer to `{q}`"))
    };
    let &(_, _, _, _, outcome, source) = SOURCE_TABLE
        .iter()
        .find(|r| (r.0, r.1, r.2, r.3) == (key("fear"), key("icp"), key("manages"), key("arr")))
        .unwrap_or_else(|| panic!("the table has no row for {answers:?}"));
    let (arr, seat) = (key("arr"), key("seat"));
    if outcome == "advisor" {
        return (outcome, source);
    }
    if matches!(arr, "20m-30m" | "over-30m") {
        return from_20m(seat, key("scope"), outcome, source);
    }
    if key("process") == "none" {
        return match seat {
            "cro" => ("your-cro", CRO_IN_SEAT_STRATEGY),
            _ => ("consultant-or-fractional-cro", NO_PROCESS_SPLIT),
        };
    }
    if key("scope") == "sales-and-marketing" && matches!(arr, "3m-5m" | "5m-8m" | "8m-12m") {
        return match seat {
            "vp-of-sales" | "cro" => ("team-around-your-leader", TEAM_AROUND_YOUR_LEADER),
            _ => ("fractional-revenue-team", TEAM_BAND),
        };
    }
    let strategy_disputed = (key("fear"), key("icp")) == ("missed-quarter", "disagree");
    match (seat, outcome) {
        ("vp-of-sales", "fractional-sales-leader") => ("back-your-vp", VP_IN_SEAT_EXECUTION),
        ("vp-of-sales", "vp-of-sales") if strategy_disputed => {
            ("cro-above-your-vp", VP_IN_SEAT_STRATEGY)
        }
        ("vp-of-sales", "vp-of-sales") => ("back-your-vp", VP_IN_SEAT_EXECUTION),
        ("vp-of-sales", "fractional-cro" | "stack") => ("cro-above-your-vp", VP_IN_SEAT_STRATEGY),
        ("cro", "fractional-cro" | "cro-or-sales-leader") => ("your-cro", CRO_IN_SEAT_STRATEGY),
        ("cro", "stack") if arr == "5m-8m" => ("fractional-sales-leader", CRO_IN_SEAT_STACK),
        ("cro", "stack") => ("vp-of-sales", CRO_IN_SEAT_STACK),
        _ => (outcome, source),
    }
}

/// From $20M ARR: the table's row, unless a CRO is in the seat (then the hire is the
/// layer below, or none) or sales and marketing both need a leader (a full-time CRO).
fn from_20m(
    seat: &str,
    scope: &str,
    outcome: &'static str,
    source: &'static str,
) -> (&'static str, &'static str) {
    match (seat, scope, outcome) {
        ("cro", "sales", "full-time-cro-or-vp-of-sales") => {
            ("vp-of-sales", CRO_IN_SEAT_EXECUTION_FROM_20M)
        }
        ("cro", _, _) => ("your-cro", CRO_IN_SEAT_STRATEGY),
        (_, "sales-and-marketing", _) => ("full-time-cro", FROM_20M_ALIGN),
        _ => (outcome, source),
    }
}

/// The options `expected` knows, per question: a question or option the sources table
/// does not cover fails the test rather than being skipped.
const TABLE_QUESTIONS: &[(&str, &[&str])] = &[
    ("seat", &["founder", "vp-of-sales", "cro", "nobody"]),
    ("fear", &["missed-quarter", "flat-trajectory"]),
    ("icp", &["agree", "disagree"]),
    ("manages", &["reps", "leaders", "nobody-yet"]),
    ("process", &["exists", "none"]),
    (
        "arr",
        &[
            "under-1m", "1m-3m", "3m-5m", "5m-8m", "8m-12m", "12m-20m", "20m-30m", "over-30m",
        ],
    ),
    ("scope", &["sales", "sales-and-marketing"]),
];

/// The bundled filter as the page embeds it for the runtime: the questions with their
/// option ids, and the rules in the order they are tried.
fn compiled_filter(id: &str) -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = pillar::BuildOptions {
        search: false,
        ..pillar::BuildOptions::new(root)
    };
    let (outcome, output) = pillar::build_in_memory(&options);
    let output = output.unwrap_or_else(|| panic!("{:?}", outcome.diagnostics));
    let marker = format!("class=\"decision-data\" id=\"decision-{id}-data\">");
    let (html, start) = output
        .files
        .iter()
        .filter_map(|file| std::str::from_utf8(&file.bytes).ok())
        .find_map(|html| Some((html, html.find(&marker)? + marker.len())))
        .unwrap_or_else(|| panic!("no page embeds the filter {id}"));
    let json = &html[start..];
    let json = &json[..json.find("</script>").unwrap()];
    serde_json::from_str(json).expect("the embedded rules are JSON")
}

#[test]
fn every_answer_set_of_the_decision_filter_gets_what_the_sources_recommend() {
    let data = compiled_filter("which-revenue-leader");
    let strs = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let questions: Vec<(String, Vec<String>)> = data["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_str().unwrap().to_string(), strs(&q["options"])))
        .collect();
    let asked: Vec<(&str, Vec<&str>)> = questions
        .iter()
        .map(|(q, o)| (q.as_str(), o.iter().map(String::as_str).collect()))
        .collect();
    let known: Vec<(&str, Vec<&str>)> = TABLE_QUESTIONS
        .iter()
        .map(|(q, o)| (*q, o.to_vec()))
        .collect();
    assert_eq!(
        asked, known,
        "the filter's questions are not the ones the sources table covers"
    );
    assert_eq!(
        SOURCE_TABLE.len(),
        2 * 2 * 3 * 8,
        "one row per altitude answer set and stage band"
    );

    // Every complete set of answers, and the first rule (in the order tried) it meets.
    let mut sets: Vec<BTreeMap<&str, &str>> = vec![BTreeMap::new()];
    for (q, options) in &questions {
        sets = sets
            .into_iter()
            .flat_map(|set| {
                options.iter().map(move |o| {
                    let mut next = set.clone();
                    next.insert(q.as_str(), o.as_str());
                    next
                })
            })
            .collect();
    }
    let rules = data["rules"].as_array().unwrap();
    let mut wrong = Vec::new();
    for answers in &sets {
        let rule = rules.iter().find(|rule| {
            rule["when"]
                .as_object()
                .unwrap()
                .iter()
                .all(|(q, allowed)| {
                    strs(allowed)
                        .iter()
                        .any(|o| Some(&o.as_str()) == answers.get(q.as_str()))
                })
        });
        let got = rule.map_or("(no rule)", |r| r["outcome"].as_str().unwrap());
        let (want, source) = expected(answers);
        if got != want {
            wrong.push(format!(
                "{answers:?}: the filter says {got}, the sources {want} ({source})"
            ));
        }
    }
    assert_eq!(sets.len(), 1536);
    assert!(
        wrong.is_empty(),
        "{} of {} answer sets disagree with the sources:\n{}",
        wrong.len(),
        sets.len(),
        wrong.join("\n")
    );
}

/// `$10K–$14K` as (10, 14); `$350K` as (350, 350).
fn thousands(cell: &str) -> (u32, u32) {
    let number = |s: &str| {
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        digits.parse::<u32>().unwrap()
    };
    match cell.split_once('–') {
        Some((low, high)) => (number(low), number(high)),
        None => (number(cell), number(cell)),
    }
}

/// The total-cost calculator's table does its sums right (each total is the low fee
/// times the shortest length and the high fee times the longest), and every fee it
/// quotes is one the stages-and-fees page already states.
#[test]
fn the_cost_calculator_totals_figures_the_site_already_states() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("public");
    let built = crate::common::build(root, &["--no-search", "-o", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", crate::common::stderr(&built));
    let page =
        std::fs::read_to_string(out.join("fractional-leadership/total-cost-calculator/index.html"))
            .unwrap();
    let fees_page =
        std::fs::read_to_string(root.join("content/fractional-leadership/stages-and-fees.md"))
            .unwrap();
    let table = crate::common::between(&page, "<table class=\"cost-fees\">", "</table>");
    let rows: Vec<&str> = table.split("<tr><th scope=\"row\">").skip(1).collect();
    assert!(rows.len() >= 6, "{table}");
    for row in rows {
        let cells: Vec<&str> = row
            .split("<td>")
            .skip(1)
            .map(|c| c.split("</td>").next().unwrap())
            .collect();
        let (fee, length, total) = (cells[1], cells[3], cells[4]);
        assert!(fees_page.contains(fee), "{fee} is not on stages-and-fees");
        if let Some(months) = length.strip_suffix(" months") {
            let (fee_low, fee_high) = thousands(fee);
            let (short, long) = thousands(months);
            assert_eq!(
                thousands(total),
                (fee_low * short, fee_high * long),
                "{row}"
            );
        } else {
            assert_eq!(total, "no length given", "{row}");
        }
    }
}
