#!/usr/bin/env python3
"""Sorts the samples of a `perf record --call-graph dwarf` profile of `pillar build` into
pipeline stages and prints each stage's share, with the hottest functions of each.

    perf script -i perf.data --no-inline -F tid,ip,sym | python3 benches/perf_stages.py

A sample belongs to the first stage below whose pattern matches one of its frames (so
syntax highlighting inside page rendering counts as highlighting, not as rendering).
Rayon worker threads carry no pipeline frames of their own, but the monomorphised names
of their closures name the stage (`pillar::render::render::{{closure}}`...).
"""

from __future__ import annotations

import collections
import re
import sys

STAGES = [
    ("search index (src/search/)", r"pillar::search::"),
    ("render: syntax highlighting (syntect)", r"Highlighter::highlight|syntect::"),
    ("render: components (compare tables, decision filters)", r"pillar::compare::|pillar::filter::"),
    ("render: markdown to HTML (pulldown-cmark, 2nd parse)", r"markdown::render::render_html|markdown::render::inline_html"),
    ("render: Tera templates", r"tera::(?!context)"),
    ("render: building views, serialising them into Tera contexts", r"tera::context|Context::insert"),
    ("render: JSON-LD", r"json_ld::"),
    ("render: tag pages (views)", r"render::tag_pages"),
    ("write: publish (files to disk)", r"pillar::write::publish"),
    ("write: sitemap, feeds, aliases", r"pillar::write::"),
    ("link: related-article scoring", r"link::graph::related|MapInitConsumer.*pillar::model::page::Page"),
    ("link: resolve links, backlinks, tag index", r"pillar::link::"),
    ("model: outline (markdown 1st parse)", r"markdown::outline::outline"),
    ("model: front matter YAML", r"serde_yaml|pillar::yaml::"),
    ("model: rest", r"pillar::model::build_site|pillar::model::pages"),
    ("components", r"pillar::components::"),
    ("load: walk + read files", r"pillar::load::"),
    ("render: page views and rest", r"pillar::render::"),
    ("pipeline: sort/collect outputs, drop", r"pillar::pipeline::"),
    ("process start-up and exit", r"pillar::main|clap_builder"),
]


def samples(lines):
    stack: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip() or line.strip().isdigit():  # blank, or a sample's tid line
            if stack:
                yield stack
            stack = []
        elif line.startswith("\t") or line.startswith(" "):
            parts = line.strip().split(" ", 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
        else:
            stack = []
    if stack:
        yield stack


def main() -> None:
    compiled = [(name, re.compile(p)) for name, p in STAGES]
    by_stage: collections.Counter[str] = collections.Counter()
    leaf_by_stage: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    total = 0
    for stack in samples(sys.stdin):
        total += 1
        joined = "\n".join(stack)
        stage = next((name for name, rx in compiled if rx.search(joined)), "other (rayon idle/steal, libc, kernel)")
        by_stage[stage] += 1
        leaf = re.sub(r"<[^<>]*>", "", stack[0])[:90]
        leaf_by_stage[stage][leaf] += 1
    if not total:
        sys.exit("no samples: pipe `perf script -F tid,ip,sym` output in")
    print(f"{total} samples\n")
    print("| stage | share | hottest functions in it (share of all samples) |")
    print("| --- | ---: | --- |")
    for stage, n in by_stage.most_common():
        top = ", ".join(f"`{f}` {c / total:.1%}" for f, c in leaf_by_stage[stage].most_common(3))
        print(f"| {stage} | {n / total:.1%} | {top} |")


if __name__ == "__main__":
    main()
