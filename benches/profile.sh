#!/usr/bin/env bash
# Profiles one pillar build of a generated corpus with perf and prints where the time goes:
# the pipeline stages (benches/perf_stages.py) and the hottest functions (self time).
#
#   benches/profile.sh            # 10,000 articles
#   benches/profile.sh 1000
#
# Needs perf (`apt-get install linux-perf` on Debian; installed if missing). Uses the
# corpus benches/run.sh generated under target/bench (generates it if missing) and the
# release binary (built with line tables, see Cargo.toml). The raw data stays in
# target/bench/perf-<N>.data for `perf report -i`.
set -euo pipefail

size=${1:-10000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
work=${BENCH_WORK:-$repo/target/bench}
corpus=$work/corpus-$size
data=$work/perf-$size.data

if ! command -v perf >/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq linux-perf >/dev/null
fi
(cd "$repo" && cargo build --release --quiet)
if [ ! -d "$corpus/pillar" ]; then
    mkdir -p "$corpus"
    python3 "$here/gen_corpus.py" --articles "$size" --out "$corpus/pillar"
fi

out=$work/profile-out-$size
rm -rf "$out"
# cpu-clock: virtual machines often have no hardware cycle counter. DWARF unwinding,
# since release builds keep no frame pointers.
perf record -q -e cpu-clock -F 499 --call-graph dwarf,32768 -o "$data" -- \
    "$repo/target/release/pillar" build --root "$corpus/pillar" --output "$out" >/dev/null
rm -rf "$out"

echo "## Stages"
echo
# --inline names the closures rayon runs (which stage a worker thread is in); it is slow
# (about a minute for a 10,000-article build).
perf script -i "$data" --inline -F tid,ip,sym 2>/dev/null | python3 "$here/perf_stages.py"
echo
echo "## Hottest functions (self time, share of all samples)"
echo
perf report -i "$data" --no-children --stdio -g none --percent-limit 0.7 2>/dev/null |
    grep -v '^#' | grep -v '^$' | sed -E 's/ +/ /g' | head -45
