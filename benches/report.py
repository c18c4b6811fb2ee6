#!/usr/bin/env python3
"""The tables and the chart of benches/run.sh, from its results.csv.

    python3 benches/report.py RESULTS_CSV MACHINE_TXT CHART_SVG

Prints markdown tables (medians of each tool's runs per size) and writes an SVG chart of
the median wall time against the article count, one line a tool, log-log. Standard
library only.
"""
import csv
import statistics
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
machine = open(sys.argv[2]).read().strip()
chart = sys.argv[3]

# The tools, in the order of the tables and the chart's legend, with their labels.
TOOLS = [
    ("pillar", "pillar build (with search)"),
    ("pillar-no-search", "pillar build --no-search"),
    ("hugo", "Hugo (no search)"),
    ("hugo-pagefind", "Hugo, then the Pagefind CLI"),
    ("floor", "floor (pulldown-cmark, both cores)"),
]


def values(tool, size, key):
    return [
        float(r["user_s"]) + float(r["sys_s"]) if key == "cpu" else float(r[key])
        for r in rows
        if r["tool"] == tool and r["articles"] == size
    ]


def med(tool, size, key):
    xs = values(tool, size, key)
    return statistics.median(xs) if xs else None


def runs(tool, size):
    return len(values(tool, size, "wall_s"))


def f(x, d=2):
    return "–" if x is None else f"{x:.{d}f}"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}×"


def gb(kb):
    return None if kb is None else kb / 1048576


sizes = sorted({r["articles"] for r in rows}, key=int)
print("Every tool on the same corpus, medians of", ", ".join(f"{runs('pillar', s)}" for s in sizes), "runs (wall s / CPU s / peak GB):\n")
print("| articles | " + " | ".join(label for _, label in TOOLS) + " |")
print("| ---: | " + " | ".join("---:" for _ in TOOLS) + " |")
for s in sizes:
    cells = [
        "–" if med(t, s, "wall_s") is None
        else f"{f(med(t, s, 'wall_s'))} / {f(med(t, s, 'cpu'))} / {f(gb(med(t, s, 'max_rss_kb')))}"
        for t, _ in TOOLS
    ]
    print(f"| {int(s):,} | " + " | ".join(cells) + " |")

print("\nThe targets of issue 13 (wall time ratios of the medians):\n")
print("| articles | with search / --no-search (≤ 2×) | Hugo + Pagefind / pillar (≥ 8×) | pillar peak GB (≤ 1 at 10k) | --no-search / floor (≤ 4×) | Hugo / pillar |")
print("| ---: | ---: | ---: | ---: | ---: | ---: |")
for s in sizes:
    pw, bw = med("pillar", s, "wall_s"), med("pillar-no-search", s, "wall_s")
    hw, hpw, fw = med("hugo", s, "wall_s"), med("hugo-pagefind", s, "wall_s"), med("floor", s, "wall_s")
    print(f"| {int(s):,} | {ratio(pw, bw)} | {ratio(hpw, pw)} | {f(gb(med('pillar', s, 'max_rss_kb')))} | {ratio(bw, fw)} | {ratio(hw, pw)} |")

print("\n`pillar check` (no output written):\n")
print("| articles | check s | check CPU s | check peak MB |")
print("| ---: | ---: | ---: | ---: |")
for s in sizes:
    cm = med("check", s, "max_rss_kb")
    print(f"| {int(s):,} | {f(med('check', s, 'wall_s'))} | {f(med('check', s, 'cpu'))} | {f(cm and cm / 1024, 0)} |")

big = [s for s in sizes if int(s) >= 100000]
if big and "10000" in sizes:
    p10, p100 = med("pillar", "10000", "wall_s"), med("pillar", big[0], "wall_s")
    print(f"\npillar {int(big[0]):,} / 10,000 wall time: {p100 / p10:.1f}× (linear would be {int(big[0]) / 10000:.0f}×)")
print()
print("\n".join("- " + line for line in machine.splitlines()))

# --- the chart: median wall time against article count, log-log -------------------------
import math

W, H, L, R, T, B = 680, 400, 60, 260, 20, 50
COLOURS = ["#1f6feb", "#6cb6ff", "#d1242f", "#8250df", "#57606a"]
series = [
    (label, colour, [(int(s), med(t, s, "wall_s")) for s in sizes if med(t, s, "wall_s")])
    for (t, label), colour in zip(TOOLS, COLOURS)
]
points = [p for _, _, ps in series for p in ps]
if points:
    xs = [math.log10(x) for x, _ in points]
    ys = [math.log10(max(y, 0.01)) for _, y in points]
    x0, x1 = math.floor(min(xs)), max(math.ceil(max(xs)), math.floor(min(xs)) + 1)
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    y1 = max(y1, y0 + 1)

    def px(x):
        return L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)

    def py(y):
        return T + (y1 - math.log10(max(y, 0.01))) / (y1 - y0) * (H - T - B)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           '<title>Build time against article count (median wall seconds, log-log)</title>',
           f'<rect width="{W}" height="{H}" fill="#fff"/>']
    for e in range(x0, x1 + 1):
        x = px(10**e)
        out.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{H - B + 16}" text-anchor="middle">{10**e:,}</text>')
    for e in range(y0, y1 + 1):
        y = py(10**e)
        out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{10**e:g} s</text>')
    out.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 12}" text-anchor="middle">articles</text>')
    for i, (label, colour, ps) in enumerate(series):
        if not ps:
            continue
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in ps)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out.extend(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in ps)
        ly = T + 10 + i * 20
        out.append(f'<line x1="{W - R + 12}" y1="{ly}" x2="{W - R + 32}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{W - R + 38}" y="{ly + 4}">{label}</text>')
    out.append("</svg>")
    open(chart, "w").write("\n".join(out) + "\n")
