#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests, and the
# bundled site's prose check against the source articles.
set -euo pipefail
cd "$(dirname "$0")"

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
tests/browser/run.sh
tests/search/run.sh

# The site's sentences must be its own (facts may come from ../shared/seeds): no
# passage repeated word for word, and no sentence that closely paraphrases a seed.
if [ -x ../shared/tools/seed-overlap ]; then
  ../shared/tools/seed-overlap content themes
  echo "seed-overlap: no passages"
  ../shared/tools/seed-overlap --similar content themes
  echo "seed-overlap --similar: no close paraphrase"
fi
