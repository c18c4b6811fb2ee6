#!/usr/bin/env python3
"""Writes a synthetic knowledge site for benchmarking pillar, and the same site for Hugo.

    python3 benches/gen_corpus.py --articles 10000 --out /tmp/corpus-10k
    python3 benches/gen_corpus.py --articles 10000 --out /tmp/p10k --hugo /tmp/h10k

The pillar site (`--out`) has `content/site.yaml`, a home page, an about page, one folder
per cluster with an `_index.md` hub, about 1,000-word articles with YAML front matter
(title, description, date, kind, 3-5 tags from a vocabulary of 200, `related` on some,
an FAQ on some), a GFM table on every article, a fenced rust or python block on 30% of
them, 3-6 internal `@/cluster/page.md` links (some with `#anchors` to headings that
exist), a ```compare block on about 5% (datasets in `content/data/`) and a ```decision
block on one page (a filter in `content/filters/`).

The Hugo site (`--hugo`) has the same pages and text: links become `{{< relref >}}`
shortcodes, custom front matter keys move under `params:`, the datasets and the filter
go to `data/`, and a minimal theme in `layouts/` shows what pillar's default theme shows
(article, hub, home, tag and tag-index pages, related pages, prev/next, breadcrumbs,
table of contents, FAQ, feeds and sitemap).

Only the standard library; the output depends only on the arguments (`--seed`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from datetime import date, timedelta

WORDS = """
account accounts adoption agency agenda alignment analysis annual answer approach
audience audit backlog balance baseline benchmark board boundary brand budget buyer
buyers cadence calendar call campaign capacity carrier case cash category champion
channel chart churn client coaching cohort commission committee company comparison
compensation competitor contract conversion cost coverage customer cycle dashboard
data deal deals decision demand demo deployment design discount discovery document
driver economics effort enablement engine enterprise estimate evidence execution
expansion experiment feedback field forecast founder framework funnel gap goal growth
handoff headcount hire hypothesis impact incentive input insight inventory invoice
journey leader leadership lead leads lever license list loop margin market marketing
meeting message method metric milestone model momentum motion narrative network
number objection offer onboarding operator opportunity outcome owner partner pattern
payback pipeline plan playbook policy portfolio position price pricing priority
process product profile program progress project proof proposal prospect quarter
quota ramp rate reason record referral renewal report request research resource
retention review revenue risk role roadmap routine runway sale sales scale schedule
scope score script segment sequence signal skill source sprint stage stakeholder
standard strategy structure success summary support system target task team
territory test theme threshold timeline tool trend trial trust usage value vendor
velocity version volume week weight win workflow
""".split()

VERBS = """
aligns builds changes checks clarifies closes compares covers creates defines delivers
drives expands explains exposes follows frames grows improves measures moves names
narrows owns plans predicts protects raises reduces reflects reveals reviews runs
sets shapes shortens shows simplifies supports tests tracks turns validates
""".split()

ADJECTIVES = """
annual broad careful clear common critical current direct early effective explicit
fast focused formal fractional honest inbound internal key lean long major measured
modern narrow new operational outbound partial practical predictable quarterly
realistic recurring repeatable senior shared short simple small stable steady
strategic strong structured tactical useful weekly
""".split()

TOPICS = """
revops pricing hiring forecasting onboarding retention enablement partnerships
outbound inbound territory compensation analytics leadership customer-success
product-led demand-gen account-based renewals procurement
""".split()

TAG_HEADS = """
pipeline pricing hiring forecast onboarding retention enablement partner outbound
inbound territory comp analytics leadership success product demand account renewal
procurement
""".split()

TAG_TAILS = "basics metrics playbook review strategy tooling hygiene design benchmarks pitfalls".split()

HEADINGS = [
    "Why it matters", "The short answer", "How it works", "What to measure",
    "Common mistakes", "A worked example", "When to use it", "When not to use it",
    "Costs and trade-offs", "How to get started", "Signals to watch", "The first month",
    "The first quarter", "Who owns it", "Tools that help", "Questions to ask",
    "How teams get it wrong", "A simple checklist", "What good looks like",
    "Budget and timing", "Risks", "Alternatives", "How to compare options",
    "Scaling it up", "Reporting to the board", "Hiring for it", "Working with sales",
    "Working with marketing", "Working with finance", "Data you need",
    "Setting targets", "Reviewing results", "Handling objections", "Pricing it",
    "Measuring impact", "Early warning signs", "Lessons from the field",
    "A decision framework", "The long view", "Next steps",
]

KINDS = ["guide", "comparison", "deep-dive"]

RUST_SNIPPETS = [
    """/// {doc}
pub fn {name}(deals: &[Deal], quarter: u32) -> f64 {{
    let open: Vec<&Deal> = deals
        .iter()
        .filter(|d| d.quarter == quarter && !d.closed)
        .collect();
    let weighted: f64 = open.iter().map(|d| d.amount * d.probability).sum();
    if open.is_empty() {{
        return 0.0;
    }}
    weighted / open.len() as f64
}}
""",
    """#[derive(Debug, Clone)]
struct {title} {{
    name: String,
    quota: u64,
    attainment: f32,
}}

impl {title} {{
    fn {name}(&self) -> bool {{
        // {doc}
        self.attainment >= 0.8 && self.quota > 0
    }}
}}
""",
]

PYTHON_SNIPPETS = [
    '''def {name}(deals, quarter):
    """{doc}"""
    open_deals = [d for d in deals if d["quarter"] == quarter and not d["closed"]]
    if not open_deals:
        return 0.0
    weighted = sum(d["amount"] * d["probability"] for d in open_deals)
    return weighted / len(open_deals)


if __name__ == "__main__":
    print({name}([], 3))
''',
    '''class {title}:
    """{doc}"""

    def __init__(self, name, quota):
        self.name = name
        self.quota = quota
        self.closed = []

    def {name}(self):
        total = sum(self.closed)
        return total / self.quota if self.quota else 0.0
''',
]


def slugify(text: str) -> str:
    """pillar's and Hugo's heading ids for plain ASCII text: lowercase words joined by `-`."""
    out, dash = [], False
    for c in text.lower():
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c)
        else:
            dash = True
    return "".join(out)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


class Page:
    __slots__ = ("path", "cluster", "slug", "title", "description", "headings", "kind",
                 "date", "tags", "index")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)


class Corpus:
    """The plan of the whole site (paths, titles, headings), then each file's text."""

    def __init__(self, articles: int, per_cluster: int, seed: int, components: bool):
        self.seed = seed
        self.rng = random.Random(seed)
        self.components = components
        rng = self.rng
        n_clusters = max(1, round(articles / per_cluster))
        self.tags = sorted({f"{h}-{t}" for h in TAG_HEADS for t in TAG_TAILS})[:200]
        self.sentences = [self._sentence() for _ in range(6000)]
        self.clusters = []
        for c in range(n_clusters):
            topic = TOPICS[c % len(TOPICS)]
            slug = f"{topic}-{c:04d}"
            title = f"{topic.replace('-', ' ').title()} {rng.choice(ADJECTIVES).title()} Hub {c}"
            self.clusters.append({"slug": slug, "title": title, "articles": []})
        start = date(2020, 1, 1)
        self.pages: list[Page] = []
        for i in range(articles):
            c = i * n_clusters // articles
            cluster = self.clusters[c]
            words = [rng.choice(ADJECTIVES), rng.choice(WORDS), rng.choice(WORDS)]
            slug = f"{'-'.join(words)}-{i:06d}"
            kind = KINDS[i % 3]
            subject = f"{words[0]} {words[1]} {words[2]}".capitalize()
            title = {
                "guide": f"A guide to {subject.lower()}",
                "comparison": f"{subject} vs {rng.choice(ADJECTIVES)} {rng.choice(WORDS)}",
                "deep-dive": f"{subject}: a deep dive",
            }[kind]
            page = Page(
                path=f"{cluster['slug']}/{slug}.md",
                cluster=c,
                slug=slug,
                title=title,
                description=self._sentence(10, 18, plain=True),
                headings=rng.sample(HEADINGS, 5),
                kind=kind,
                date=start + timedelta(days=rng.randrange(0, 6 * 365)),
                tags=rng.sample(self.tags, rng.randint(3, 5)),
                index=i,
            )
            cluster["articles"].append(page)
            self.pages.append(page)
        n_compare = max(1, round(articles * 0.05)) if components else 0
        self.compare_pages = set(rng.sample(range(articles), min(n_compare, articles)))
        self.decision_page = 0 if components else None
        self.datasets = self._datasets() if components else []

    # -- text ---------------------------------------------------------------------------

    def _sentence(self, lo: int = 8, hi: int = 22, plain: bool = False) -> str:
        rng = self.rng
        n = rng.randint(lo, hi)
        words = []
        for _ in range(n):
            r = rng.random()
            if r < 0.12:
                words.append(rng.choice(VERBS))
            elif r < 0.3:
                words.append(rng.choice(ADJECTIVES))
            else:
                words.append(rng.choice(WORDS))
        r = 1.0 if plain else rng.random()
        if r < 0.08:
            k = rng.randrange(n)
            words[k] = f"**{words[k]}**"
        elif r < 0.14:
            k = rng.randrange(n)
            words[k] = f"*{words[k]}*"
        elif r < 0.18:
            k = rng.randrange(n)
            words[k] = f"`{words[k]}_{rng.choice(WORDS)}`"
        elif r < 0.2:
            k = rng.randrange(n)
            words[k] = f"[{words[k]}](https://example.org/{rng.choice(WORDS)}/)"
        words[0] = words[0][0].upper() + words[0][1:]
        return " ".join(words) + "."

    def _paragraph(self, sentences: int, links: list[str]) -> str:
        rng = self.rng
        parts = [rng.choice(self.sentences) for _ in range(sentences)]
        for link in links:
            parts.insert(rng.randrange(len(parts) + 1), f"See {link} for more.")
        return " ".join(parts)

    def _link(self, source: Page | None, target: Page, anchor: bool, hugo: bool) -> str:
        frag = ""
        if anchor:
            frag = "#" + slugify(self.rng.choice(target.headings))
        if hugo:
            return f'[{target.title}]({{{{< relref "/{target.path}{frag}" >}}}})'
        return f"[{target.title}](@/{target.path}{frag})"

    def _link_targets(self, page: Page, count: int) -> list[tuple[Page, bool]]:
        rng = self.rng
        same = self.clusters[page.cluster]["articles"]
        # The first link goes to the next article of the cluster, so no article is an
        # orphan (pillar warns about those, and printing warnings is not what we time).
        nxt = same[(same.index(page) + 1) % len(same)] if len(same) > 1 else None
        out = [(nxt, False)] if nxt is not None else []
        for _ in range(count - len(out)):
            if rng.random() < 0.7 and len(same) > 1:
                target = rng.choice(same)
            else:
                target = rng.choice(self.pages)
            if target is page:
                target = self.pages[(page.index + 1) % len(self.pages)]
            out.append((target, rng.random() < 0.3))
        return out

    def _table(self) -> str:
        rng = self.rng
        header = ["Option", "Cost", "Time to value", "Best for"]
        rows = ["| " + " | ".join(header) + " |", "| --- | ---: | --- | --- |"]
        for _ in range(5):
            rows.append(
                f"| {rng.choice(ADJECTIVES).title()} {rng.choice(WORDS)} "
                f"| ${rng.randint(2, 40)}k | {rng.randint(1, 12)} months "
                f"| {rng.choice(ADJECTIVES)} {rng.choice(WORDS)} teams |"
            )
        return "\n".join(rows)

    def _code(self) -> str:
        rng = self.rng
        name = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"
        title = rng.choice(WORDS).title() + rng.choice(WORDS).title()
        doc = self._sentence(6, 10)
        if rng.random() < 0.5:
            body = rng.choice(RUST_SNIPPETS).format(name=name, title=title, doc=doc)
            return f"```rust\n{body}```"
        body = rng.choice(PYTHON_SNIPPETS).format(name=name, title=title, doc=doc)
        return f"```python\n{body}```"

    def _compare_block(self) -> str:
        rng = self.rng
        ds = rng.choice(self.datasets)
        lines = [f"dataset: {ds['id']}"]
        if rng.random() < 0.5:
            ents = rng.sample([e["id"] for e in ds["entities"]], 2)
            lines.append(f"entities: [{', '.join(ents)}]")
        if rng.random() < 0.3:
            dims = rng.sample([d["id"] for d in ds["dimensions"]], 3)
            lines.append(f"dimensions: [{', '.join(dims)}]")
        if rng.random() < 0.5:
            lines.append(f"caption: {q(ds['title'] + ' side by side')}")
        return "```compare\n" + "\n".join(lines) + "\n```"

    def _faq(self) -> list[tuple[str, str]]:
        rng = self.rng
        return [
            (self._sentence(6, 10, plain=True)[:-1] + "?", " ".join(rng.choice(self.sentences) for _ in range(2)))
            for _ in range(rng.randint(2, 3))
        ]

    def article(self, page: Page, hugo: bool) -> str:
        """One article, for pillar (`hugo=False`) or Hugo. Both draw the same random
        numbers, so the two sites hold the same text."""
        rng = random.Random(f"{self.seed}-{page.index}")
        saved, self.rng = self.rng, rng
        try:
            return self._article(page, hugo)
        finally:
            self.rng = saved

    def _article(self, page: Page, hugo: bool) -> str:
        rng = self.rng
        links = self._link_targets(page, rng.randint(3, 6))
        link_md = [self._link(page, t, a, hugo) for t, a in links]
        related = []
        if rng.random() < 0.2:
            same = self.clusters[page.cluster]["articles"]
            related = sorted({t.path for t in rng.sample(same, min(2, len(same))) if t is not page})
        faq = self._faq() if rng.random() < 0.3 else []
        fm = [
            "---",
            f"title: {q(page.title)}",
            f"description: {q(page.description)}",
            f"date: {page.date.isoformat()}",
        ]
        custom = [f"kind: {page.kind}"]
        if related:
            custom.append("related: [" + ", ".join(q('@/' + r) for r in related) + "]")
        if faq:
            custom.append("faq:")
            for question, answer in faq:
                custom.append(f"  - question: {q(question)}")
                custom.append(f"    answer: {q(answer)}")
        fm.append("tags: [" + ", ".join(page.tags) + "]")
        if hugo:
            fm.append("params:")
            fm.extend("  " + line for line in custom)
        else:
            fm.extend(custom)
        fm.append("---")

        body = []
        # Intro with one or two of the links.
        k = min(2, len(link_md))
        body.append(self._paragraph(5, link_md[:k]))
        rest = link_md[k:]
        code_at = rng.randrange(5) if rng.random() < 0.3 else None
        table_at = rng.randrange(5)
        compare = page.index in self.compare_pages
        for s, heading in enumerate(page.headings):
            body.append(f"## {heading}")
            mine = rest[s::5]
            body.append(self._paragraph(5, mine))
            if s == table_at:
                body.append(self._table())
            body.append(self._paragraph(4, []))
            if s == 1:
                body.append("\n".join(f"- {rng.choice(self.sentences)}" for _ in range(3)))
            if s == code_at:
                body.append(self._code())
            if s == 2 and compare:
                body.append(self._compare_block())
            if s == 3 and page.index == self.decision_page:
                body.append("```decision\nfilter: bench-filter\n```")
        return "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"

    def hub(self, c: int, hugo: bool) -> str:
        cluster = self.clusters[c]
        rng = random.Random(f"{self.seed}-hub-{c}")
        saved, self.rng = self.rng, rng
        try:
            arts = cluster["articles"]
            picks = arts[:3]
            links = [self._link(None, t, False, hugo) for t in picks]
            text = "\n\n".join([self._paragraph(5, links), self._paragraph(5, [])])
        finally:
            self.rng = saved
        return (
            f"---\ntitle: {q(cluster['title'])}\n"
            f"description: {q('Everything about ' + cluster['slug'].rsplit('-', 1)[0] + ', in one cluster.')}\n"
            f"---\n\n{text}\n"
        )

    def home(self, hugo: bool) -> str:
        rng = random.Random(f"{self.seed}-home")
        saved, self.rng = self.rng, rng
        try:
            hubs = []
            for cl in self.clusters[:10]:
                path = f"{cl['slug']}/_index.md"
                hubs.append(f'[{cl["title"]}]({{{{< relref "/{path}" >}}}})' if hugo else f"[{cl['title']}](@/{path})")
            text = self._paragraph(4, hubs)
        finally:
            self.rng = saved
        return f"---\ntitle: \"Bench Knowledge Site\"\ndescription: \"A synthetic knowledge site for benchmarks.\"\n---\n\n{text}\n"

    def about(self) -> str:
        rng = random.Random(f"{self.seed}-about")
        saved, self.rng = self.rng, rng
        try:
            text = self._paragraph(6, [])
        finally:
            self.rng = saved
        return f"---\ntitle: \"About\"\ndescription: \"What this site is.\"\n---\n\n{text}\n"

    # -- data ---------------------------------------------------------------------------

    def _datasets(self) -> list[dict]:
        rng = self.rng
        out = []
        for k in range(4):
            arts = rng.sample(self.pages, 4)
            ents = [
                {"id": f"option-{k}-{j}", "name": f"Option {k}.{j} {rng.choice(WORDS)}",
                 "article": a.path, "summary": self._sentence(8, 12, plain=True)}
                for j, a in enumerate(arts)
            ]
            dims = [
                {"id": f"dim-{d}", "label": f"{rng.choice(ADJECTIVES).title()} {rng.choice(WORDS)}",
                 "description": self._sentence(6, 10, plain=True) if d % 2 == 0 else None}
                for d in range(6)
            ]
            values = {}
            for d in dims:
                row = {}
                for e in ents:
                    text = f"{rng.randint(1, 20)} {rng.choice(WORDS)}s, *{rng.choice(ADJECTIVES)}*"
                    if rng.random() < 0.3:
                        row[e["id"]] = {"value": text, "source": f"src-{k}", "note": self._sentence(5, 8, plain=True)}
                    else:
                        row[e["id"]] = text
                values[d["id"]] = row
            out.append({
                "id": f"bench-{k}",
                "title": f"Comparison {k}: {rng.choice(ADJECTIVES)} {rng.choice(WORDS)} options",
                "description": self._sentence(10, 14, plain=True),
                "source": {"id": f"src-{k}", "title": f"Field notes {k}", "publisher": "Bench Press",
                           "date": "2025-01-15", "article": rng.choice(self.pages).path},
                "entities": ents,
                "dimensions": dims,
                "values": values,
            })
        return out

    def dataset_yaml(self, ds: dict, hugo: bool) -> str:
        at = "/" if hugo else "@/"
        s = ds["source"]
        lines = [
            f"title: {q(ds['title'])}",
            f"description: {q(ds['description'])}",
            "sources:",
            f"  - id: {s['id']}",
            f"    title: {q(s['title'])}",
            f"    publisher: {q(s['publisher'])}",
            f"    date: {s['date']}",
            f"    article: {q(at + s['article'])}",
            "entities:",
        ]
        for e in ds["entities"]:
            lines += [
                f"  - id: {e['id']}",
                f"    name: {q(e['name'])}",
                f"    article: {q(at + e['article'])}",
                f"    summary: {q(e['summary'])}",
            ]
        lines.append("dimensions:")
        for d in ds["dimensions"]:
            lines += [f"  - id: {d['id']}", f"    label: {q(d['label'])}"]
            if d["description"]:
                lines.append(f"    description: {q(d['description'])}")
        lines.append("values:")
        for dim, row in ds["values"].items():
            lines.append(f"  {dim}:")
            for ent, v in row.items():
                if isinstance(v, dict):
                    lines += [f"    {ent}:", f"      value: {q(v['value'])}",
                              f"      source: {v['source']}", f"      note: {q(v['note'])}"]
                else:
                    lines.append(f"    {ent}: {q(v)}")
        return "\n".join(lines) + "\n"

    def filter_yaml(self, hugo: bool) -> str:
        at = "/" if hugo else "@/"
        p = self.pages
        links = [p[1 % len(p)].path, p[2 % len(p)].path, p[3 % len(p)].path]
        return f"""title: "Which approach fits your team?"
intro: "Three questions, one recommendation."
questions:
  - id: stage
    text: "How far along is the company?"
    help: "Pick the closest."
    options:
      - id: early
        label: "Before product-market fit"
      - id: growing
        label: "Growing, with a repeatable motion"
      - id: scaling
        label: "Scaling across several teams"
  - id: team
    text: "Who would the hire lead?"
    options:
      - id: nobody
        label: "Nobody yet"
      - id: reps
        label: "Sales reps"
      - id: leaders
        label: "Other leaders"
  - id: budget
    text: "What budget is there?"
    options:
      - id: low
        label: "Under $10k a month"
      - id: high
        label: "$10k a month or more"
outcomes:
  - id: advisor
    title: "An advisor"
    summary: "A few hours a month of *pattern recognition*."
    links: [{q(at + links[0])}]
    also_consider: [fractional]
  - id: fractional
    title: "A fractional leader"
    summary: "Two or three days a week, embedded."
    links: [{q(at + links[1])}]
    also_consider: [full-time]
  - id: full-time
    title: "A full-time hire"
    summary: "A permanent executive."
    links: [{q(at + links[2])}]
rules:
  - when:
      stage: early
    outcome: advisor
    because: "Too early for embedded leadership."
  - when:
      stage: growing
    outcome: fractional
    because: "A repeatable motion needs someone to run it part-time."
  - when:
      stage: scaling
    outcome: full-time
    because: "Several teams need a permanent executive."
  - when:
      stage: scaling
      budget: low
    outcome: fractional
    priority: 10
    because: "The budget does not stretch to a full-time executive yet."
  - when:
      team: nobody
      stage: [growing, scaling]
    outcome: advisor
    priority: 20
    because: "Nobody to lead yet."
"""

    # -- sites --------------------------------------------------------------------------

    def site_yaml(self) -> str:
        nav = "\n".join(
            f"  - label: {q(cl['title'])}\n    url: \"@/{cl['slug']}/_index.md\"" for cl in self.clusters[:4]
        )
        return (
            'title: "Bench Knowledge Site"\n'
            'description: "A synthetic knowledge site for benchmarks."\n'
            'base_url: "https://example.org/"\n'
            "language: en\n"
            'author: "bench"\n'
            f"nav:\n{nav}\n  - label: \"About\"\n    url: \"@/about.md\"\n"
        )

    def write_pillar(self, out: str) -> None:
        content = os.path.join(out, "content")
        self._reset(out)
        write(os.path.join(content, "site.yaml"), self.site_yaml())
        write(os.path.join(content, "_index.md"), self.home(False))
        write(os.path.join(content, "about.md"), self.about())
        for c, cl in enumerate(self.clusters):
            write(os.path.join(content, cl["slug"], "_index.md"), self.hub(c, False))
        for page in self.pages:
            write(os.path.join(content, page.path), self.article(page, False))
        for ds in self.datasets:
            write(os.path.join(content, "data", ds["id"] + ".yaml"), self.dataset_yaml(ds, False))
        if self.components:
            write(os.path.join(content, "filters", "bench-filter.yaml"), self.filter_yaml(False))

    def write_hugo(self, out: str) -> None:
        content = os.path.join(out, "content")
        self._reset(out)
        write(os.path.join(out, "hugo.yaml"), self.hugo_config())
        write(os.path.join(content, "_index.md"), self.home(True))
        write(os.path.join(content, "about.md"), self.about())
        for c, cl in enumerate(self.clusters):
            write(os.path.join(content, cl["slug"], "_index.md"), self.hub(c, True))
        for page in self.pages:
            write(os.path.join(content, page.path), self.article(page, True))
        for ds in self.datasets:
            write(os.path.join(out, "data", ds["id"] + ".yaml"), self.dataset_yaml(ds, True))
        if self.components:
            write(os.path.join(out, "data", "filters", "bench-filter.yaml"), self.filter_yaml(True))
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(out, "layouts", name), text)
        write(os.path.join(out, "static", "css", "style.css"), HUGO_CSS)

    def hugo_config(self) -> str:
        menu = "\n".join(
            f"    - name: {q(cl['title'])}\n      pageRef: \"/{cl['slug']}\"\n      weight: {i}"
            for i, cl in enumerate(self.clusters[:4])
        )
        return HUGO_CONFIG + f"menus:\n  main:\n{menu}\n    - name: \"About\"\n      pageRef: \"/about\"\n      weight: 99\n"

    @staticmethod
    def _reset(out: str) -> None:
        if os.path.exists(out):
            # Refuse to wipe anything that does not look like a corpus we wrote.
            marker = os.path.join(out, ".bench-corpus")
            if os.listdir(out) and not os.path.exists(marker):
                sys.exit(f"refusing to overwrite {out}: it exists and was not written by gen_corpus.py")
            shutil.rmtree(out)
        os.makedirs(out)
        write(os.path.join(out, ".bench-corpus"), "written by benches/gen_corpus.py\n")


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


HUGO_CONFIG = """baseURL: "https://example.org/"
title: "Bench Knowledge Site"
params:
  description: "A synthetic knowledge site for benchmarks."
  author: "bench"
taxonomies:
  tag: tags
outputs:
  home: [html, rss]
  section: [html, rss]
  taxonomy: [html]
  term: [html]
  page: [html]
services:
  rss:
    limit: 20
enableRobotsTXT: true
markup:
  goldmark:
    renderer:
      unsafe: true
    parser:
      attribute:
        title: true
    extensions:
      typographer:
        disable: false
      footnote: true
      table: true
      strikethrough: true
      taskList: true
  highlight:
    noClasses: false
    codeFences: true
    guessSyntax: false
  tableOfContents:
    startLevel: 2
    endLevel: 3
related:
  includeNewer: true
  threshold: 0
  toLower: false
  indices:
    - name: tags
      weight: 100
"""

# A minimal theme doing what pillar's default theme does on each kind of page.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if ne .Title site.Title }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ $desc := .Description | default site.Params.description }}
<meta name="description" content="{{ $desc }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ $desc }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta name="twitter:card" content="summary">
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
{{ if .IsPage }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Article" "headline" .Title "description" $desc "datePublished" (.Date.Format "2006-01-02") "url" .Permalink | jsonify | safeJS }}</script>{{ end }}
</head>
<body>
<header class="site-header"><a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Site"><ul>{{ range site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
</header>
{{ if not .IsHome }}<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ if .IsHome }}Home{{ else }}{{ .Title }}{{ end }}</a></li>{{ end }}
<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>{{ end }}
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }} — {{ site.Params.description }}</p><p><a href="{{ "/tags/" | relURL }}">All tags</a></p></footer>
</body>
</html>
""",
    "_partials/card.html": """<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{ with .Description }}<p>{{ . }}</p>{{ end }}<p class="meta">{{ with .Params.kind }}<span>{{ . }}</span> · {{ end }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p></li>
""",
    "_default/single.html": """{{ define "main" }}
<article class="article" data-pagefind-body>
<header><p class="eyebrow">{{ .Params.kind }}</p><h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<p class="meta">{{ site.Params.author }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min read</p></header>
<nav class="toc">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
{{ with .Params.faq }}<section id="faq"><h2>Frequently asked questions</h2>
{{ range . }}<details><summary>{{ .question }}</summary><div class="answer">{{ .answer | markdownify }}</div></details>{{ end }}</section>{{ end }}
{{ with .GetTerms "tags" }}<p class="tags">{{ range . }}<a class="tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ with site.RegularPages.Related . | first 5 }}<section id="related"><h2>Related articles</h2><ul class="cards">{{ range . }}{{ partial "card.html" . }}{{ end }}</ul></section>{{ end }}
{{ with .CurrentSection }}<section><h2>More in <a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul>
{{ range first 12 .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<article data-pagefind-body><header><p class="eyebrow">Topic hub</p><h1>{{ .Title }}</h1>{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}</header>
<div class="prose">{{ .Content }}</div></article>
{{ range (.RegularPages.GroupByParam "kind") }}<section class="group"><h2>{{ .Key }}</h2><ul class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul></section>{{ end }}
{{ end }}
""",
    "_default/home.html": """{{ define "main" }}
<div class="prose">{{ .Content }}</div>
<section><h2>Topics</h2><ul class="cards">{{ range site.Sections }}<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p>{{ .Description }}</p><p>{{ len .RegularPages }} articles</p></li>{{ end }}</ul></section>
<section><h2>Latest</h2><ul class="cards">{{ range first 8 site.RegularPages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</ul></section>
{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="cards">{{ range .Data.Terms.Alphabetical }}<li class="card"><h3><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h3><p>{{ .Count }} pages</p></li>{{ end }}</ul>
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<p class="eyebrow">Tag</p><h1>Tagged “{{ .Title }}”</h1>
<ul class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ end }}
""",
    "404.html": """{{ define "main" }}<h1>Page not found</h1>
<ul class="cards">{{ range first 8 site.RegularPages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</ul>{{ end }}
""",
    "_default/_markup/render-codeblock-compare.html": """{{ $b := .Inner | transform.Unmarshal }}
{{ $d := index hugo.Data $b.dataset }}
{{ $ents := $d.entities }}{{ with $b.entities }}{{ $ids := . }}{{ $ents = where $d.entities "id" "in" $ids }}{{ end }}
{{ $dims := $d.dimensions }}{{ with $b.dimensions }}{{ $ids := . }}{{ $dims = where $d.dimensions "id" "in" $ids }}{{ end }}
<div class="table-scroll"><table class="compare"><caption>{{ $b.caption | default $d.title }}</caption>
<thead><tr><th scope="col">Dimension</th>{{ range $ents }}<th scope="col"><a href="{{ (site.GetPage .article).RelPermalink }}">{{ .name }}</a></th>{{ end }}</tr></thead>
<tbody>{{ range $dim := $dims }}<tr><th scope="row">{{ $dim.label }}</th>{{ range $e := $ents }}{{ $v := index $d.values $dim.id $e.id }}<td>{{ if reflect.IsMap $v }}{{ $v.value | markdownify }}<sup>{{ $v.source }}</sup>{{ else }}{{ $v | markdownify }}{{ end }}</td>{{ end }}</tr>{{ end }}</tbody>
</table></div>
""",
    "_default/_markup/render-codeblock-decision.html": """{{ $b := .Inner | transform.Unmarshal }}
{{ $f := index hugo.Data.filters $b.filter }}
<form class="decision"><h2>{{ $f.title }}</h2>{{ $f.intro | markdownify }}
{{ range $f.questions }}<fieldset><legend>{{ .text }}</legend>{{ range $o := .options }}<label><input type="radio" value="{{ $o.id }}"> {{ $o.label }}</label>{{ end }}</fieldset>{{ end }}
<script type="application/json">{{ $f.rules | jsonify | safeJS }}</script>
{{ range $f.outcomes }}<div class="outcome" hidden><h3>{{ .title }}</h3>{{ .summary | markdownify }}<ul>{{ range .links }}<li><a href="{{ (site.GetPage .).RelPermalink }}">{{ (site.GetPage .).Title }}</a></li>{{ end }}</ul></div>{{ end }}
</form>
""",
}

HUGO_CSS = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:auto}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, required=True, help="number of articles (1000, 10000, 100000)")
    ap.add_argument("--out", help="write the pillar site here (its content/ folder)")
    ap.add_argument("--hugo", help="also write the equivalent Hugo site here")
    ap.add_argument("--per-cluster", type=int, default=50, help="articles per cluster (default 50)")
    ap.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    ap.add_argument("--no-components", dest="components", action="store_false",
                    help="leave out compare and decision blocks, datasets and the filter")
    args = ap.parse_args()
    if not args.out and not args.hugo:
        ap.error("give --out DIR, --hugo DIR or both")
    if args.articles < 4:
        ap.error("--articles must be at least 4")
    corpus = Corpus(args.articles, args.per_cluster, args.seed, args.components)
    if args.out:
        corpus.write_pillar(args.out)
    if args.hugo:
        corpus.write_hugo(args.hugo)


if __name__ == "__main__":
    main()
