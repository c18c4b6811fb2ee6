#!/usr/bin/env bash
# Image variants (issue 30): a site of 500 synthetic photos (1-2 megapixels, JPEG, made
# by benches/gen_photos.py with Pillow) built with `images: {widths: [480, 960, 1600]}`:
#   off   - the same site without `images` (photos copied as they are), for reference
#   cold  - no cache: every variant decoded, resized and encoded (3 JPEGs + 4 WebPs a photo)
#   warm  - the cache full: every photo read and hashed, nothing encoded
# each timed by /usr/bin/time (wall s, CPU s, peak RSS), release build, --no-search.
#
#   benches/images.sh                  # 500 photos, 1 run of each
#   benches/images.sh --photos 100 --runs 3 --work /tmp/pillar-photos
#   benches/images.sh --debug          # the debug build: its dependencies (the image
#                                      # decoders, resizing, libwebp) are optimised too
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
work=/tmp/pillar-photos
photos=500
runs=1
profile=release
while [ $# -gt 0 ]; do
    case "$1" in
        --photos) photos=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --debug) profile=debug; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
log() { echo "== $*" >&2; }

if [ ! -x /usr/bin/time ]; then
    log "installing /usr/bin/time (Debian package time)"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi

if [ "$profile" = release ]; then
    log "cargo build --release"
    (cd "$repo" && cargo build --release --quiet)
else
    log "cargo build"
    (cd "$repo" && cargo build --quiet)
fi
# A copy, so that a cargo build while the benchmark runs changes nothing it times.
mkdir -p "$work"
cp "$repo/target/$profile/pillar" "$work/pillar"
pillar=$work/pillar
python3 -c "import PIL" 2>/dev/null || python3 -m pip install --quiet pillow

site=$work/site
if [ ! -f "$site/.photos-$photos" ]; then
    log "writing $photos photos to $site"
    rm -rf "$site"
    python3 "$here/gen_photos.py" "$site" "$photos"
    touch "$site/.photos-$photos"
fi
log "$(du -sh "$site/content" | cut -f1) of photos; $profile build; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure LABEL: one build of $site into $work/out, timed.
measure() {
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" \
        "$pillar" build --root "$site" -o "$work/out" --no-search >/dev/null 2>"$work/build.log" \
        || { cat "$work/build.log" >&2; exit 1; }
    read -r wall user sys rss <"$work/time.txt"
    printf "| %-5s | %7.2f | %7.2f | %6.0f |\n" "$1" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}

config=$site/content/site.yaml
with_images=$(cat "$config")
echo "| build | wall s | CPU s | peak MB |"
echo "| --- | --- | --- | --- |"
for _ in $(seq "$runs"); do
    grep -v '^images:' <<<"$with_images" >"$config"
    measure off
    echo "$with_images" >"$config"
    rm -rf "$site/.pillar-cache"
    measure cold
    measure warm
done
echo "$with_images" >"$config"
log "variants: $(ls "$site/.pillar-cache/images" | wc -l) files, $(du -sh "$site/.pillar-cache/images" | cut -f1)"
rm -rf "$work/out" "$work/time.txt" "$work/build.log" "$work/pillar"
