#!/usr/bin/env bash
# Copies the site's real files into each target's corpus as starting points:
#   front_matter, markdown  <- content/**/*.md, tests/fixtures/**/*.md, seeds/*.md
#   import_page             <- tests/fixtures/import-*/**/*.md
#   toml_front_matter       <- seeds/*.toml
#   filter, dataset         <- content/filters/*.yaml, content/data/*.yaml,
#                              tests/fixtures/**/*.yaml
# Files are named by their SHA-1, as libFuzzer names its own, so seeding twice adds
# nothing. Run `cargo fuzz cmin TARGET` afterwards to drop what adds no coverage.
set -euo pipefail
cd "$(dirname "$0")"
root=..

seed() {
  local target=$1
  shift
  mkdir -p "corpus/$target"
  local file
  for file in "$@"; do
    cp "$file" "corpus/$target/$(sha1sum "$file" | cut -d' ' -f1)"
  done
}

mapfile -t markdown < <(find "$root/content" "$root/tests/fixtures" seeds -name '*.md' -type f | sort)
mapfile -t yaml < <(find "$root/content/filters" "$root/content/data" "$root/tests/fixtures" seeds \
  -name '*.yaml' -type f | sort)

seed front_matter "${markdown[@]}"
seed markdown "${markdown[@]}"
seed toml_front_matter seeds/*.toml
mapfile -t imported < <(find "$root"/tests/fixtures/import-* -name '*.md' -type f | sort)
seed import_page "${imported[@]}"
seed filter "${yaml[@]}"
seed dataset "${yaml[@]}"
for target in front_matter toml_front_matter markdown filter dataset import_page; do
  echo "$target: $(find "corpus/$target" -type f | wc -l) files"
done
