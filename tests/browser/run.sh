#!/usr/bin/env bash
# Browser quality gates for the bundled site: builds it with the release binary
# into a temporary folder, serves it on 127.0.0.1 and runs the node tests in
# Debian's Chromium (Nu HTML Checker, axe-core, layout, page weight, search).
#
#   tests/browser/run.sh                 build, then run every *.test.mjs and diagrams.mjs
#   tests/browser/run.sh --screenshots   the same, then write screenshots/
#
# Installs what a fresh machine lacks: chromium and a Java runtime from Debian,
# and the npm packages pinned in package-lock.json (npm ci). Never lets a tool
# download a browser or a JRE of its own.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

screenshots=0
for arg in "$@"; do
  case "$arg" in
    --screenshots) screenshots=1 ;;
    *) echo "usage: $0 [--screenshots]" >&2; exit 2 ;;
  esac
done

# System packages, from Debian only. The fonts make text metrics (and so the
# layout and the screenshots) the same on every machine.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
for font in fonts-dejavu-core fonts-liberation; do
  dpkg -s "$font" >/dev/null 2>&1 || missing+=("$font")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "browser tests: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y "${missing[@]}"
fi

# npm packages, exactly as locked. ignore-scripts (also in .npmrc): vnu-jar's
# postinstall would try to download a JRE; the Debian one is used instead.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
fi

# Build the bundled site into a fresh temporary folder (outside the root).
site="$(mktemp -d /tmp/pillar-browser-site.XXXXXX)"
trap 'rm -rf "$site"' EXIT
(cd "$root" && cargo run --release --locked --quiet -- build --output "$site/public")
export PILLAR_SITE="$site/public"

cd "$here"
node --test --test-concurrency=1 ./*.test.mjs

# Diagrams and decision trees, on their own fixture (the bundled site has none).
(cd "$root" && cargo run --release --locked --quiet -- build --root tests/fixtures/diagrams --output "$site/diagrams")
PILLAR_SITE="$site/diagrams" node diagrams.mjs

if [ "$screenshots" = 1 ]; then
  node screenshots.mjs
fi
