#!/usr/bin/env bash
# Checks that patches/pagefind-1.6.0 is the crates.io pagefind 1.6.0 with patches/*.patch
# applied in order (fetches the crate with cargo if it is not in the registry cache).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/pagefind-1.6.0 2>/dev/null | head -1 || true)
if [ -z "$src" ]; then
    tmp=$(mktemp -d)
    (cd "$tmp" && cargo init -q --name fetch && cargo add -q pagefind@=1.6.0 --no-default-features && cargo fetch -q)
    rm -rf "$tmp"
    src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/pagefind-1.6.0 | head -1)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src" "$work/pagefind-1.6.0"
rm -f "$work/pagefind-1.6.0/Cargo.lock"
for p in "$here"/[0-9]*.patch; do
    (cd "$work/pagefind-1.6.0" && patch -s -p1 <"$p")
done
diff -r "$work/pagefind-1.6.0" "$here/pagefind-1.6.0"
echo "patches/pagefind-1.6.0 is pagefind 1.6.0 with $(ls "$here"/[0-9]*.patch | wc -l) patches applied"
