#!/usr/bin/env python3
"""Inputs that once went quadratic, timed at n and 2n: the ratio says how pillar scales.

A linear case prints a ratio near 2; a quadratic one near 4. Each case is a fresh site
(`pillar init`) with generated files, checked with `pillar check` (no writing), the
median of --runs runs; the two site shapes (a few large sections, many small ones) are
also built (`pillar build --no-search`). An `import-` case is a small Hugo site with one
generated page, imported with `pillar import hugo` into a new folder. Usage:

    cargo build --release && python3 benches/scaling.py [--runs 3] [--case NAME]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PILLAR = os.path.join(ROOT, "target", "release", "pillar")
FRONT = "---\ntitle: Case\ndescription: A generated case.\n---\n"


def headings(n):
    return {"content/guides/case.md": FRONT + "".join("## same\n\ntext\n\n" for _ in range(n))}


def dataset(n, flow=False):
    ids = [f"e{i}" for i in range(n)]
    out = ['title: "Scale"', "entities:"]
    if flow:
        out += [f'  - {{id: {e}, name: "Entity {e}"}}' for e in ids]
    else:
        for e in ids:
            out += [f"  - id: {e}", f'    name: "Entity {e}"']
    out += ["dimensions:", "  - id: cost", '    label: "Cost"', "values:", "  cost:"]
    for e in ids:
        out += [f'    {e}: "{e} value"']
    page = FRONT + "```compare\ndataset: scale\nentities: [e0, e1]\n```\n"
    return {"content/data/scale.yaml": "\n".join(out) + "\n", "content/guides/case.md": page}


def nesting(n):
    # Block quotes n deep on one line: the input grows linearly with the depth (a list
    # nested n deep would not, each line carrying its indentation).
    return {"content/guides/case.md": FRONT + ">" * n + " deep\n"}


def site_shape(n, per_section):
    """n short articles in sections of `per_section`, each linking to the next, with
    one of 40 tags: a few large sections, or many small ones at the top level."""
    files = {}
    sections = (n + per_section - 1) // per_section
    for s in range(sections):
        files[f"content/topic-{s:05d}/_index.md"] = f"---\ntitle: Topic {s}\ndescription: A topic.\n---\nA topic.\n"
    for k in range(n):
        j = (k + 1) % n
        body = f"Article {k} says one thing in a few words. " * 8
        link = f"@/topic-{j // per_section:05d}/a-{j:06d}.md"
        files[f"content/topic-{k // per_section:05d}/a-{k:06d}.md"] = (
            f"---\ntitle: Article {k}\ndescription: Article {k}.\ndate: 2026-01-{1 + k % 28:02d}\n"
            f"tags: [t{k % 40}]\n---\n{body}\n\nNext: [article {j}]({link}).\n\n## More\n\nA little more.\n"
        )
    return files


def size(n):
    para = "All work and no play makes a very long article indeed. " * 10 + "\n\n"
    return {"content/guides/case.md": FRONT + para * n}


HUGO = {"hugo.toml": 'title = "Case"\n', "content/_index.md": "---\ntitle: Home\n---\n"}


def unclosed_shortcodes(n):
    # Each `{{<` open to the end of the body: a scan that looks for the close of each
    # one from where it starts is quadratic.
    return {**HUGO, "content/case.md": FRONT + "text {{< x\n" * n}


def deep_front_matter(n):
    # A list nested n deep: the YAML parser's own depth limit comes after time
    # quadratic in the depth.
    return {**HUGO, "content/case.md": "---\ntitle: Case\nx: " + "[" * n + "]" * n + "\n---\n"}


CASES = {
    "few-large-sections": (lambda n: site_shape(n, n // 8), 4_000),
    "many-small-sections": (lambda n: site_shape(n, 5), 4_000),
    "repeated-headings": (headings, 20_000),
    "dataset-block-style": (dataset, 10_000),
    "dataset-flow-style": (lambda n: dataset(n, flow=True), 10_000),
    "nested-quotes": (nesting, 20_000),
    "large-article": (size, 20_000),
    "import-unclosed-shortcodes": (unclosed_shortcodes, 20_000),
    "import-deep-front-matter": (deep_front_matter, 100_000),
}


def write_files(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def time_case(make, n, runs, command):
    tmp = tempfile.mkdtemp(prefix="pillar-scale-")
    try:
        site = os.path.join(tmp, "site")
        if command == "import":
            os.makedirs(site)
        else:
            subprocess.run([PILLAR, "init", site], check=True, capture_output=True)
        write_files(site, make(n))
        times = []
        for run in range(runs):
            start = time.perf_counter()
            args = [PILLAR, command, "--root", site]
            if command == "build":
                args += ["--no-search", "--output", os.path.join(tmp, "public")]
            if command == "import":
                args = [PILLAR, "import", "hugo", site, os.path.join(tmp, f"out{run}")]
            out = subprocess.run(args, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if out.returncode != 0:
                sys.exit(f"{command} failed at n={n}:\n{out.stderr}")
        return statistics.median(times)
    finally:
        shutil.rmtree(tmp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--case", choices=sorted(CASES))
    args = ap.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"{'case':<26} {'command':<7} {'n':>7} {'time n':>9} {'time 2n':>9} {'ratio':>6}")
    for name, (make, n) in CASES.items():
        if args.case and name != args.case:
            continue
        # The site shapes are built too: what every page renders is their point.
        if name.startswith("import-"):
            commands = ["import"]
        elif name.endswith("-sections"):
            commands = ["check", "build"]
        else:
            commands = ["check"]
        for command in commands:
            one = time_case(make, n, args.runs, command)
            two = time_case(make, 2 * n, args.runs, command)
            print(f"{name:<26} {command:<7} {n:>7} {one:>8.3f}s {two:>8.3f}s {two / one:>6.2f}")


if __name__ == "__main__":
    main()
