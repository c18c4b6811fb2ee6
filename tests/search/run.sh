#!/usr/bin/env bash
# The search quality gate (issues 13 and 26): builds the bundled site and the 1,000-article
# benchmark corpus with pillar, then checks the query set in queries.json against each
# index with Pagefind's own browser runtime in Node (no npm packages needed).
#
#   tests/search/run.sh                  with the release binary (cargo build --release)
#   PILLAR_BIN=path tests/search/run.sh  with another binary
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${PILLAR_BIN:-}" ]; then
    (cd "$root" && cargo build --release --locked --quiet)
fi
bin=${PILLAR_BIN:-$root/target/release/pillar}
corpus=$root/target/bench/corpus-1000/pillar
if [ ! -d "$corpus" ]; then
    python3 "$root/benches/gen_corpus.py" --articles 1000 --out "$corpus"
fi
out=$(mktemp -d /tmp/pillar-search-quality.XXXXXX)
trap 'rm -rf "$out"' EXIT
status=0
(cd "$root" && "$bin" build --output "$out/bundled" >/dev/null)
"$bin" build --root "$corpus" --output "$out/bench" >/dev/null
node "$here/check.mjs" "$out/bundled" bundled || status=1
node "$here/check.mjs" "$out/bench" bench-1000 || status=1
exit $status
