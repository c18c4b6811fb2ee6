#!/usr/bin/env python3
"""Inputs that once went quadratic, timed at n and 2n: the ratio says how pillar scales.

A linear case prints a ratio near 2; a quadratic one near 4. Each case is a fresh site
(`pillar init`) with one generated file, checked with `pillar check` (no writing), the
median of --runs runs; an `import-` case is a small Hugo site with one generated page,
imported with `pillar import hugo` into a new folder. Usage:

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


def time_case(name, make, n, runs):
    tmp = tempfile.mkdtemp(prefix="pillar-scale-")
    try:
        site = os.path.join(tmp, "site")
        if name.startswith("import-"):
            os.makedirs(site)
        else:
            subprocess.run([PILLAR, "init", site], check=True, capture_output=True)
        write_files(site, make(n))
        times = []
        for run in range(runs):
            if name.startswith("import-"):
                command = [PILLAR, "import", "hugo", site, os.path.join(tmp, f"out{run}")]
            else:
                command = [PILLAR, "check", "--root", site]
            start = time.perf_counter()
            out = subprocess.run(command, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if out.returncode != 0:
                sys.exit(f"{command[1]} failed at n={n}:\n{out.stderr}")
        return statistics.median(times)
    finally:
        shutil.rmtree(tmp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--case", choices=sorted(CASES))
    args = ap.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"{'case':<26} {'n':>7} {'time n':>9} {'time 2n':>9} {'ratio':>6}")
    for name, (make, n) in CASES.items():
        if args.case and name != args.case:
            continue
        one = time_case(name, make, n, args.runs)
        two = time_case(name, make, 2 * n, args.runs)
        print(f"{name:<26} {n:>7} {one:>8.3f}s {two:>8.3f}s {two / one:>6.2f}")


if __name__ == "__main__":
    main()
