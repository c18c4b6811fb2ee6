//! What a page carries must not grow with the site. Sites of n and 2n articles are made
//! in two shapes, a few large sections and many small ones, built, and measured in
//! bytes, which unlike time do not depend on the machine: the largest page (and the
//! largest other file, such as a part of the sitemap) may grow by
//! at most 10% when the site doubles, and the whole output by at most 2.1 times.

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{build, stderr};

/// The shapes of site the guard builds.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// Eight sections under one area: each section grows with the site.
    FewLarge,
    /// Sections of five articles, all at the top level: their number grows with the site.
    ManySmall,
}

/// Writes a site of `n` articles in `shape` under `root`. Each article links to the
/// next one and has one of 40 tags, like the articles of `../shared/tools/scale-check`.
fn write_site(root: &Path, n: usize, shape: Shape) {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        "title: Scale\nbase_url: https://example.org/\n",
    )
    .unwrap();
    std::fs::write(content.join("_index.md"), "---\ntitle: Home\n---\nHome.\n").unwrap();
    let per_section = match shape {
        Shape::FewLarge => n / 8,
        Shape::ManySmall => 5,
    };
    let folder = |section: usize| match shape {
        Shape::FewLarge => format!("area/topic-{section:04}"),
        Shape::ManySmall => format!("topic-{section:04}"),
    };
    if let Shape::FewLarge = shape {
        std::fs::create_dir_all(content.join("area")).unwrap();
        std::fs::write(
            content.join("area/_index.md"),
            "---\ntitle: Area\ndescription: An area.\n---\nAn area.\n",
        )
        .unwrap();
    }
    for section in 0..n.div_ceil(per_section) {
        let dir = content.join(folder(section));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_index.md"),
            format!("---\ntitle: Topic {section}\ndescription: A topic.\n---\nA topic.\n"),
        )
        .unwrap();
        for k in section * per_section..((section + 1) * per_section).min(n) {
            let next = (k + 1) % n;
            let mut text = format!(
                "---\ntitle: Article {k}\ndescription: Article {k}.\ndate: 2026-01-{:02}\ntags: [t{}]\n---\n",
                1 + k % 28,
                k % 40
            );
            for _ in 0..8 {
                write!(text, "Article {k} says one thing in a few words. ").unwrap();
            }
            let link = format!("@/{}/a-{next:05}.md", folder(next / per_section));
            write!(
                text,
                "\n\nNext: [article {next}]({link}).\n\n## More\n\nA little more.\n"
            )
            .unwrap();
            std::fs::write(dir.join(format!("a-{k:05}.md")), text).unwrap();
        }
    }
}

/// What the build of a site of `n` articles in `shape` weighs, in bytes.
struct Weight {
    /// The largest HTML page.
    page: u64,
    /// The largest other file (the sitemap's parts, feeds, the stylesheet).
    other: u64,
    /// The whole output.
    total: u64,
}

fn weigh(n: usize, shape: Shape) -> Weight {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path(), n, shape);
    let output = build(site.path(), &["--no-search"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut weight = Weight {
        page: 0,
        other: 0,
        total: 0,
    };
    for entry in walkdir::WalkDir::new(site.path().join("public")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let size = entry.metadata().unwrap().len();
            weight.total += size;
            let largest = match entry.path().extension().is_some_and(|e| e == "html") {
                true => &mut weight.page,
                false => &mut weight.other,
            };
            *largest = (*largest).max(size);
        }
    }
    weight
}

/// Builds the shape at `n` and `2n` and checks the ratios.
fn doubles_linearly(n: usize, shape: Shape) {
    let (one, two) = (weigh(n, shape), weigh(2 * n, shape));
    for (what, a, b, limit) in [
        ("the largest page", one.page, two.page, 1.10),
        ("the largest other file", one.other, two.other, 1.10),
        ("the output", one.total, two.total, 2.1),
    ] {
        let ratio = b as f64 / a as f64;
        assert!(
            ratio <= limit,
            "{shape:?}: {what} grew from {a} to {b} bytes ({ratio:.2}x) when the site doubled"
        );
    }
}

#[test]
fn pages_stay_the_same_size_when_a_few_large_sections_double() {
    // 60 articles a section at n: hubs and tag pages already list a full page of cards.
    doubles_linearly(480, Shape::FewLarge);
}

#[test]
fn pages_stay_the_same_size_when_the_number_of_sections_doubles() {
    // 60 top-level sections at n: the home page lists a full page of them, and the
    // sidebar shows a window of them.
    doubles_linearly(300, Shape::ManySmall);
}
