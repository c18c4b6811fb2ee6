//! Images (#30): local images in markdown get their `width` and `height` from the
//! file's header; all but a page's first load lazily; an image without alt text, or
//! over 5 MB, is a warning. With `images.widths` in site.yaml, JPEGs and PNGs get
//! resized and WebP variants, offered in a `srcset` and a `<picture>`, and cached.

use crate::common::{build, copy_fixture, stderr, text, tree};

/// The fixture built: the prose of its photos page, and what the build said.
fn built(site: &std::path::Path) -> (String, String) {
    let out = build(site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = text(&tree(&site.join("public")), "guides/photos/index.html");
    let start = html
        .find("<div class=\"prose\">")
        .expect("the page has prose");
    let end = start + html[start..].find("\n</div>").expect("the prose ends");
    (html[start..end].to_string(), stderr(&out))
}

#[test]
fn local_images_get_their_size_and_all_but_the_first_load_lazily() {
    let site = copy_fixture("images");
    let (prose, _) = built(site.path());
    insta::assert_snapshot!("photos_page", prose);
    let first = prose.find("<img").unwrap();
    let first_tag = &prose[first..first + prose[first..].find('>').unwrap()];
    assert!(
        first_tag.contains("width=\"640\" height=\"360\""),
        "{first_tag}"
    );
    assert!(!first_tag.contains("loading="), "{first_tag}");
    assert_eq!(
        prose.matches("loading=\"lazy\" decoding=\"async\"").count(),
        3
    );
}

#[test]
fn an_image_without_alt_text_is_a_warning_at_its_place() {
    let site = copy_fixture("images");
    let (_, err) = built(site.path());
    assert!(err.contains("the image has no alt text"), "{err}");
    assert!(err.contains("content/guides/photos.md:11:1"), "{err}");
    assert!(err.contains("1 warning"), "{err}");
}

#[test]
fn an_image_over_five_megabytes_is_a_warning() {
    let site = copy_fixture("images");
    let guides = site.path().join("content/guides");
    let mut heavy = std::fs::read(guides.join("wide.png")).unwrap();
    heavy.resize(6 * 1024 * 1024, 0);
    std::fs::write(guides.join("wide.png"), heavy).unwrap();
    let (prose, err) = built(site.path());
    assert!(
        err.contains("the image is 6.0 MB, over 5 MB: heavy for a page"),
        "{err}"
    );
    // At the place the page shows it, which the hint names.
    assert!(err.contains("content/guides/photos.md:5:1"), "{err}");
    assert!(
        err.contains("content/guides/wide.png: resize or compress it"),
        "{err}"
    );
    // Its size is still read from the header.
    assert!(prose.contains("width=\"640\" height=\"360\""), "{prose}");
}

#[test]
fn an_image_over_five_megabytes_that_no_page_shows_is_a_warning_on_its_file() {
    let site = copy_fixture("images");
    let guides = site.path().join("content/guides");
    let mut heavy = std::fs::read(guides.join("wide.png")).unwrap();
    heavy.resize(6 * 1024 * 1024, 0);
    std::fs::write(guides.join("unused.png"), heavy).unwrap();
    let (_, err) = built(site.path());
    assert!(
        err.contains("content/guides/unused.png: the image is 6.0 MB"),
        "{err}"
    );
    assert!(err.contains("2 warnings"), "{err}");
}

#[test]
fn images_build_the_same_bytes_twice() {
    let site = copy_fixture("images");
    let public = site.path().join("public");
    built(site.path());
    let first = tree(&public);
    built(site.path());
    assert!(first == tree(&public), "two builds differ");
}

/// The fixture with `images` in its site.yaml set to `settings` (YAML flow mapping).
fn with_images(settings: &str) -> tempfile::TempDir {
    let site = copy_fixture("images");
    let config = site.path().join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&config).unwrap();
    yaml.push_str(&format!("images: {settings}\n"));
    std::fs::write(config, yaml).unwrap();
    site
}

/// The width and height of the image file at `path` in the built site.
fn decoded_size(site: &std::path::Path, path: &str) -> (u32, u32) {
    let bytes = std::fs::read(site.join("public").join(path)).unwrap();
    if path.ends_with(".webp") {
        let image = webp::Decoder::new(&bytes).decode();
        let image = image.unwrap_or_else(|| panic!("{path} is not a WebP"));
        return (image.width(), image.height());
    }
    let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    (image.width(), image.height())
}

/// A photo-like 640 × 360 PNG (gradients and a pattern) different for each `seed`.
fn photo(seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(640, 360, |x, y| {
        let v = (x ^ y).wrapping_add(u32::from(seed)) as u8;
        image::Rgb([(x / 3) as u8, (y / 2) as u8, v])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

#[test]
fn images_widths_offers_smaller_variants_in_a_srcset_and_webp_first() {
    let site = with_images("{widths: [320, 1600]}");
    let (prose, _) = built(site.path());
    insta::assert_snapshot!("photos_page_with_variants", prose);
    assert!(prose.contains(
        "<picture><source type=\"image/webp\" srcset=\"/guides/wide-320w.webp 320w, \
         /guides/wide-640w.webp 640w\" sizes=\"(min-width: 640px) 640px, 100vw\" />\
         <img src=\"/guides/wide.png\" srcset=\"/guides/wide-320w.png 320w, /guides/wide.png 640w\""
    ));
    let files = tree(&site.path().join("public"));
    // Never upscaled: no 1600 px variant of a 640 px image, and of a 30 px one only WebP.
    let variants: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|p| p.starts_with("guides/") && p.contains("w."))
        .collect();
    assert_eq!(
        variants,
        [
            "guides/small-30w.webp",
            "guides/wide-320w.png",
            "guides/wide-320w.webp",
            "guides/wide-640w.webp"
        ]
    );
    assert_eq!(
        decoded_size(site.path(), "guides/wide-320w.png"),
        (320, 180)
    );
    assert_eq!(
        decoded_size(site.path(), "guides/wide-320w.webp"),
        (320, 180)
    );
    assert_eq!(decoded_size(site.path(), "guides/small-30w.webp"), (30, 20));
}

#[test]
fn without_webp_the_img_has_a_srcset_and_no_picture() {
    let site = with_images("{widths: [320], webp: false}");
    let (prose, _) = built(site.path());
    assert!(!prose.contains("<picture>"), "{prose}");
    assert!(prose.contains(
        "<img src=\"/guides/wide.png\" srcset=\"/guides/wide-320w.png 320w, /guides/wide.png 640w\""
    ));
    // An image narrower than every width has nothing to offer.
    assert!(
        prose.contains("<img src=\"/guides/small.jpg\" alt=\"small orange tile\""),
        "{prose}"
    );
}

#[test]
fn the_figure_shortcode_offers_the_same_variants() {
    let site = with_images("{widths: [320]}");
    std::fs::write(
        site.path().join("content/guides/figure.md"),
        "---\ntitle: Figure\n---\n::figure{src=\"wide.png\" alt=\"A banner\" caption=\"The banner\"}\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = text(
        &tree(&site.path().join("public")),
        "guides/figure/index.html",
    );
    assert!(
        html.contains(
            "<figure class=\"figure\">\n  <picture><source type=\"image/webp\" \
             srcset=\"/guides/wide-320w.webp 320w, /guides/wide-640w.webp 640w\" \
             sizes=\"(min-width: 640px) 640px, 100vw\">\n  <img src=\"/guides/wide.png\" \
             srcset=\"/guides/wide-320w.png 320w, /guides/wide.png 640w\" \
             sizes=\"(min-width: 640px) 640px, 100vw\" alt=\"A banner\" width=\"640\" \
             height=\"360\" loading=\"lazy\"></picture>\n  <figcaption>The banner</figcaption>"
        ),
        "{html}"
    );
}

#[test]
fn variants_are_the_same_bytes_whether_made_or_taken_from_the_cache() {
    let site = with_images("{widths: [320]}");
    let public = site.path().join("public");
    built(site.path());
    let cold = tree(&public);
    built(site.path());
    assert!(
        cold == tree(&public),
        "a warm build differs from a cold one"
    );
    std::fs::remove_dir_all(site.path().join(".pillar-cache")).unwrap();
    built(site.path());
    assert!(
        cold == tree(&public),
        "a second cold build differs from the first"
    );
}

#[test]
fn a_build_with_no_changed_image_encodes_nothing_and_a_changed_image_is_made_again() {
    let site = with_images("{widths: [320]}");
    let wide = site.path().join("content/guides/wide.png");
    std::fs::write(&wide, photo(1)).unwrap();
    built(site.path());
    // Mark every cached variant: a build that encoded one again would overwrite it.
    let cache = site.path().join(".pillar-cache/images");
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "png" || x == "webp"))
        .collect();
    assert_eq!(cached.len(), 4, "{cached:?}");
    for file in &cached {
        std::fs::write(file, b"cached").unwrap();
    }
    built(site.path());
    let public = site.path().join("public/guides");
    assert_eq!(
        std::fs::read(public.join("wide-320w.webp")).unwrap(),
        b"cached"
    );
    // A new picture under the same name gets new variants; the other image's stay.
    std::fs::write(&wide, photo(2)).unwrap();
    built(site.path());
    assert_eq!(
        decoded_size(site.path(), "guides/wide-320w.webp"),
        (320, 180)
    );
    assert_eq!(
        std::fs::read(public.join("small-30w.webp")).unwrap(),
        b"cached"
    );
}

#[test]
fn an_image_with_its_length_and_time_unchanged_is_not_read_again() {
    let site = with_images("{widths: [320]}");
    let wide = site.path().join("content/guides/wide.png");
    built(site.path());
    let variant = site.path().join("public/guides/wide-320w.webp");
    let made = std::fs::read(&variant).unwrap();
    // Broken pixels, with the length and modification time the build saw: a build
    // that read the file would fail to decode it.
    let modified = std::fs::metadata(&wide).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&wide).unwrap();
    let at = bytes.len() - 20;
    bytes[at] ^= 0xff;
    std::fs::write(&wide, &bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&wide).unwrap();
    file.set_modified(modified).unwrap();
    built(site.path());
    assert_eq!(std::fs::read(&variant).unwrap(), made);
    // A new modification time and the file is read (and found broken).
    file.set_modified(std::time::SystemTime::now()).unwrap();
    let out = build(site.path(), &[]);
    assert!(!out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_image_that_cannot_be_decoded_fails_the_build_at_its_file() {
    let site = with_images("{widths: [320]}");
    let wide = site.path().join("content/guides/wide.png");
    // The header (and so the size) is intact; the pixels are cut off.
    let mut bytes = photo(1);
    bytes.truncate(200);
    std::fs::write(&wide, bytes).unwrap();
    let out = build(site.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/guides/wide.png"), "{err}");
    assert!(
        err.contains("cannot decode the image to resize it"),
        "{err}"
    );
}

#[test]
fn a_variant_that_would_overwrite_a_file_of_the_site_is_an_error() {
    let site = with_images("{widths: [320]}");
    let guides = site.path().join("content/guides");
    std::fs::copy(guides.join("wide.png"), guides.join("wide-320w.png")).unwrap();
    let out = build(site.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(
            "content/guides/wide.png: the image's variant guides/wide-320w.png would overwrite"
        ),
        "{err}"
    );
}

#[test]
fn a_quality_out_of_range_is_an_error_in_site_yaml() {
    let site = with_images("{widths: [320], quality: 0}");
    let out = build(site.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/site.yaml"), "{err}");
    assert!(
        err.contains("the quality is 0: it goes from 1 to 100"),
        "{err}"
    );
}

/// The fixture with a page showing `tests/fixtures/exif/sideways.jpg`: 64 × 32 pixels
/// as stored (left half red, right half blue), with EXIF orientation 6 (turn a quarter
/// clockwise), so it is seen 32 × 64, red above blue.
fn with_sideways_photo(settings: &str) -> tempfile::TempDir {
    let site = with_images(settings);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("exif/sideways.jpg"),
        site.path().join("content/guides/sideways.jpg"),
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/guides/sideways.md"),
        "---\ntitle: \"Sideways\"\ndescription: \"A photo taken on its side.\"\n---\n![a red square over a blue one](sideways.jpg)\n",
    )
    .unwrap();
    site
}

#[test]
fn a_photo_taken_on_its_side_is_turned_upright_in_its_variants_and_its_size() {
    let site = with_sideways_photo("{widths: [16]}");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let page = text(&files, "guides/sideways/index.html");
    // The size it is seen at: the stored 64 × 32, swapped.
    assert!(
        page.contains("srcset=\"/guides/sideways-16w.jpg 16w, /guides/sideways.jpg 32w\""),
        "{page}"
    );
    assert!(page.contains("width=\"32\" height=\"64\""), "{page}");
    // The variants' pixels are turned: 16 × 32, red on top, blue below.
    for variant in ["guides/sideways-16w.jpg", "guides/sideways-16w.webp"] {
        assert_eq!(decoded_size(site.path(), variant), (16, 32), "{variant}");
    }
    let bytes = std::fs::read(site.path().join("public/guides/sideways-16w.jpg")).unwrap();
    let image = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let (top, bottom) = (image.get_pixel(8, 4), image.get_pixel(8, 28));
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
}

#[cfg(not(feature = "avif"))]
#[test]
fn avif_asked_of_a_pillar_built_without_it_is_an_error_in_site_yaml() {
    let site = with_images("{widths: [320], avif: true}");
    let out = build(site.path(), &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/site.yaml"), "{err}");
    assert!(err.contains("this pillar was built without AVIF"), "{err}");
    assert!(err.contains("--features avif"), "{err}");
}

/// Run with `cargo test --features avif --test it images::avif`.
#[cfg(feature = "avif")]
#[test]
fn avif_variants_are_offered_before_webp_and_made_the_same_twice() {
    let site = with_images("{widths: [320], avif: true}");
    let (prose, _) = built(site.path());
    assert!(
        prose.contains(
            "<picture><source type=\"image/avif\" srcset=\"/guides/wide-320w.avif 320w, \
             /guides/wide-640w.avif 640w\" sizes=\"(min-width: 640px) 640px, 100vw\" />\
             <source type=\"image/webp\" srcset=\"/guides/wide-320w.webp 320w, "
        ),
        "{prose}"
    );
    let read = |site: &std::path::Path| {
        std::fs::read(site.join("public/guides/wide-320w.avif")).expect("an AVIF variant")
    };
    let first = read(site.path());
    // An AVIF file: an ISO media box `ftyp` of brand `avif`.
    assert_eq!(&first[4..12], b"ftypavif");
    // Made again from nothing (no cache), the same bytes.
    std::fs::remove_dir_all(site.path().join(".pillar-cache")).unwrap();
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    built(site.path());
    assert_eq!(read(site.path()), first);
}

/// The names of the files in the site's image cache, sorted.
fn cache_files(site: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.join(".pillar-cache/images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_cache_keeps_only_the_variants_the_site_uses() {
    let site = with_images("{widths: [320]}");
    let wide = site.path().join("content/guides/wide.png");
    std::fs::write(&wide, photo(1)).unwrap();
    built(site.path());
    let first = cache_files(site.path());
    // wide.png: 320 px PNG, 320 and 640 px WebP; small.jpg: 30 px WebP; the stamps.
    assert_eq!(first.len(), 5, "{first:?}");
    assert!(first.contains(&"sources.txt".to_string()));
    // A file the cache does not name like a variant is never touched.
    std::fs::write(site.path().join(".pillar-cache/images/notes.txt"), "mine").unwrap();
    // A new picture under the same name: its old variants go, the other image's stay.
    std::fs::write(&wide, photo(2)).unwrap();
    built(site.path());
    let second = cache_files(site.path());
    assert_eq!(second.len(), 6, "{second:?}");
    let kept: Vec<&String> = second.iter().filter(|n| first.contains(n)).collect();
    assert_eq!(kept.len(), 2, "small.jpg's WebP and sources.txt: {kept:?}");
    assert!(second.contains(&"notes.txt".to_string()));
    // The image removed, its variants go too.
    std::fs::remove_file(&wide).unwrap();
    std::fs::write(
        site.path().join("content/guides/photos.md"),
        "---\ntitle: \"Photos\"\ndescription: \"One image left.\"\n---\n![small orange tile](small.jpg)\n",
    )
    .unwrap();
    built(site.path());
    assert_eq!(
        cache_files(site.path()).len(),
        3,
        "{:?}",
        cache_files(site.path())
    );
}
