#!/usr/bin/env python3
"""Writes a site of synthetic photos for benches/images.sh: COUNT JPEGs of 1 to 2
megapixels (gradients under noise, so they compress like photos: a few hundred KB each)
in ROOT/content/photos/, ten to an article, and a site.yaml asking for variants
(`images: {widths: [480, 960, 1600]}`).

Usage: gen_photos.py ROOT COUNT   (needs Pillow: pip install pillow)
"""

import pathlib
import random
import sys

from PIL import Image, ImageChops

PER_PAGE = 10


def photo(i: int) -> Image.Image:
    """Photo i: 1200 to 1731 px wide, 3:2 or 4:3."""
    width = 1200 + (i * 37) % 532
    height = width * 2 // 3 if i % 2 == 0 else width * 3 // 4
    rng = random.Random(i)
    bands = []
    for angle in (0, 90, 45):
        band = Image.linear_gradient("L").rotate(angle + rng.randint(0, 30), expand=False)
        bands.append(band.resize((width, height)))
    image = Image.merge("RGB", bands)
    noise = Image.effect_noise((width, height), 12 + i % 20).convert("RGB")
    dimmed = ImageChops.multiply(image, Image.new("RGB", (width, height), (230,) * 3))
    return ImageChops.add(dimmed, noise, scale=1.0, offset=-100)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: gen_photos.py ROOT COUNT")
    root, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    photos = root / "content" / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    (root / "content" / "site.yaml").write_text(
        'title: "Photos"\nimages: {widths: [480, 960, 1600]}\n'
    )
    (root / "content" / "_index.md").write_text('---\ntitle: "Photos"\n---\nSynthetic photos.\n')
    (photos / "_index.md").write_text(
        '---\ntitle: "Albums"\ndescription: "Albums."\n---\nAlbums.\n'
    )
    for i in range(count):
        photo(i).save(photos / f"photo-{i:04}.jpg", quality=85)
    for page in range((count + PER_PAGE - 1) // PER_PAGE):
        shown = range(page * PER_PAGE, min((page + 1) * PER_PAGE, count))
        body = "".join(f"![Photo {i}](photo-{i:04}.jpg)\n\n" for i in shown)
        (photos / f"album-{page:03}.md").write_text(
            f'---\ntitle: "Album {page}"\ndescription: "Ten photos."\n---\n{body}'
        )


if __name__ == "__main__":
    main()
