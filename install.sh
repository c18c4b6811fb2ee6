#!/bin/sh
# Installs the pillar binary of a GitHub release on Linux or macOS:
#
#   curl -fsSL https://github.com/pillar-ssg/pillar/releases/latest/download/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --version 0.1.0 --to /usr/local/bin
#
# It picks the archive for this platform (pillar-<target>.tar.gz, as the release
# workflow names them), checks it against the release's SHA256SUMS, and installs
# `pillar` into ~/.local/bin (or --to DIR). Nothing is installed if the check fails.
#
# Settings (each also an option):
#   PILLAR_VERSION      --version X.Y.Z   the release to install (default: the latest)
#   PILLAR_INSTALL_DIR  --to DIR          where to put the binary (default: ~/.local/bin)
#   PILLAR_DOWNLOAD_URL                   the folder holding the release files, instead of
#                                         the GitHub release (a mirror, or a test)
set -eu

# The project's address; Cargo.toml's package.repository (a test keeps them equal).
REPOSITORY="https://github.com/pillar-ssg/pillar"

fail() {
    echo "pillar install: $*" >&2
    exit 1
}

# The Rust target triple of this machine, as in the release's archive names.
detect_target() {
    case "$(uname -s)" in
        Linux) os=unknown-linux-gnu ;;
        Darwin) os=apple-darwin ;;
        *) fail "no release binary for $(uname -s); install with: cargo install --locked --git $REPOSITORY" ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=x86_64 ;;
        arm64 | aarch64) arch=aarch64 ;;
        *) fail "no release binary for $(uname -m); install with: cargo install --locked --git $REPOSITORY" ;;
    esac
    echo "$arch-$os"
}

# download URL FILE: fetches URL into FILE with curl or wget.
download() {
    if command -v curl >/dev/null 2>&1; then
        curl --proto '=https,file' -fsSL "$1" -o "$2" || fail "cannot download $1"
    elif command -v wget >/dev/null 2>&1; then
        wget -q "$1" -O "$2" || fail "cannot download $1"
    else
        fail "neither curl nor wget is installed"
    fi
}

# sha256_of FILE: the file's SHA-256 as lowercase hex.
sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    else
        fail "neither sha256sum nor shasum is installed to check the download"
    fi
}

version="${PILLAR_VERSION:-latest}"
install_dir="${PILLAR_INSTALL_DIR:-$HOME/.local/bin}"
while [ $# -gt 0 ]; do
    case "$1" in
        --version) [ $# -ge 2 ] || fail "--version needs a value"; version="$2"; shift 2 ;;
        --to) [ $# -ge 2 ] || fail "--to needs a folder"; install_dir="$2"; shift 2 ;;
        *) fail "unknown option $1 (options: --version X.Y.Z, --to DIR)" ;;
    esac
done
version="${version#v}"

if [ -n "${PILLAR_DOWNLOAD_URL:-}" ]; then
    base="${PILLAR_DOWNLOAD_URL%/}"
elif [ "$version" = latest ]; then
    base="$REPOSITORY/releases/latest/download"
else
    base="$REPOSITORY/releases/download/v$version"
fi

target="$(detect_target)"
archive="pillar-$target.tar.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

download "$base/$archive" "$work/$archive"
download "$base/SHA256SUMS" "$work/SHA256SUMS"

expected="$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")"
[ -n "$expected" ] || fail "SHA256SUMS at $base lists no $archive"
actual="$(sha256_of "$work/$archive")"
[ "$actual" = "$expected" ] || fail "checksum mismatch for $archive: expected $expected, got $actual; nothing installed"

tar -xzf "$work/$archive" -C "$work" pillar || fail "$archive holds no pillar binary"
mkdir -p "$install_dir" || fail "cannot create $install_dir"
# Moved in whole, so a pillar already there is never left half-written.
cp "$work/pillar" "$install_dir/.pillar.new" && chmod 755 "$install_dir/.pillar.new" \
    && mv -f "$install_dir/.pillar.new" "$install_dir/pillar" \
    || fail "cannot write $install_dir/pillar"
echo "installed pillar ($version, $target) in $install_dir/pillar"
case ":$PATH:" in
    *":$install_dir:"*) ;;
    *) echo "note: $install_dir is not on your PATH; add it, e.g. export PATH=\"$install_dir:\$PATH\"" ;;
esac
