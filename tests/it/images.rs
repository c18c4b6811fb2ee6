//! Images (#30): local images in markdown get their `width` and `height` from the
//! file's header; all but a page's first load lazily; an image without alt text, or
//! over 5 MB, is a warning.

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
    assert!(err.contains("content/guides/wide.png"), "{err}");
    // Its size is still read from the header.
    assert!(prose.contains("width=\"640\" height=\"360\""), "{prose}");
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
