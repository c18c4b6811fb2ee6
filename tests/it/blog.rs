//! The blog shape in pillar itself: dated sections listed newest first and in parts,
//! dates and slugs from file names, page bundles, and feeds filled with dated pages.
//!
//! The `blog` fixture has a `news` section whose posts all have a date (from the front
//! matter or the file name) and no weight, a `guides` section in reading order, page
//! bundles in `news` and directly in `content/`, no home page file, and `paginate: 2`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{between, build, copy_fixture, pillar, stderr, text, tree};

/// Builds a copy of the `blog` fixture, changed by `edit`, and returns its output and
/// what it printed.
fn built_blog(edit: impl FnOnce(&Path)) -> (BTreeMap<String, Vec<u8>>, String) {
    let site = copy_fixture("blog");
    edit(site.path());
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tree(&site.path().join("public")), stderr(&out))
}

/// The part of a page inside `<main>`, without the sidebar and header.
fn main_of(html: &str) -> &str {
    between(html, "<main", "</main>")
}

/// The titles of the cards a listing shows, in order.
fn card_titles(html: &str) -> Vec<String> {
    main_of(html)
        .split(r#"<h3 class="card-title"><a href=""#)
        .skip(1)
        .filter_map(|card| card.split_once("\">")?.1.split("</a>").next())
        .map(str::to_string)
        .collect()
}

/// The URL of the previous or next article (`rel` is `prev` or `next`) a page links.
fn neighbour(html: &str, rel: &str) -> Option<String> {
    let link = html
        .split(&format!(r#"<a class="pager-{rel}" href=""#))
        .nth(1)?;
    Some(link.split('"').next()?.to_string())
}

#[test]
fn a_dated_section_lists_its_pages_newest_first_in_parts() {
    let (files, _) = built_blog(|_| {});
    let first = text(&files, "news/index.html");
    assert_eq!(card_titles(&first), ["Winter note", "Autumn plans"]);
    assert_eq!(
        card_titles(&text(&files, "news/page/2/index.html")),
        ["Summer trip", "Spring release"]
    );
    assert_eq!(
        card_titles(&text(&files, "news/page/3/index.html")),
        ["Hello world"]
    );
    // One chronological list with dates, not groups by kind.
    let main = main_of(&first);
    assert_eq!(
        main.matches(r#"<section class="group""#).count(),
        1,
        "{main}"
    );
    assert!(main.contains(">Newest first</h2>"), "{main}");
    assert!(
        main.contains(r#"<time datetime="2024-12-24">24 December 2024</time>"#),
        "{main}"
    );
}

#[test]
fn previous_and_next_follow_the_dated_listing() {
    let (files, _) = built_blog(|_| {});
    let page = |slug: &str| text(&files, &format!("news/{slug}/index.html"));
    assert_eq!(neighbour(&page("winter-note"), "prev"), None);
    assert_eq!(
        neighbour(&page("winter-note"), "next").as_deref(),
        Some("/news/autumn-plans/")
    );
    let summer = page("summer-trip");
    assert_eq!(
        neighbour(&summer, "prev").as_deref(),
        Some("/news/autumn-plans/")
    );
    assert_eq!(
        neighbour(&summer, "next").as_deref(),
        Some("/news/spring-release/")
    );
    assert_eq!(neighbour(&page("hello-world"), "next"), None);
}

#[test]
fn a_section_feed_holds_its_dated_pages_newest_first() {
    let (files, _) = built_blog(|_| {});
    let feed = text(&files, "news/atom.xml");
    let head = &feed[..feed.find("<entry>").expect("entries")];
    assert!(
        head.contains("<updated>2024-12-24T00:00:00Z</updated>"),
        "{head}"
    );
    let entries: Vec<&str> = feed
        .split("<entry>\n    <title>")
        .skip(1)
        .filter_map(|entry| entry.split("</title>").next())
        .collect();
    assert_eq!(
        entries,
        [
            "Winter note",
            "Autumn plans",
            "Summer trip",
            "Spring release",
            "Hello world"
        ]
    );
    assert!(feed.contains("<published>2024-01-10T00:00:00Z</published>"));
}

/// A section's feed takes the dated pages of the sections below it too: a blog kept in
/// one folder per year has one feed.
#[test]
fn a_section_feed_holds_the_pages_of_its_subsections() {
    let (files, _) = built_blog(|root| {
        let year = root.join("content/news/2023");
        std::fs::create_dir_all(&year).unwrap();
        std::fs::write(
            year.join("2023-11-02-last-year.md"),
            "---\ntitle: Last year\ndescription: \"An older post.\"\n---\nOld news.\n",
        )
        .unwrap();
    });
    assert!(files.contains_key("news/2023/last-year/index.html"));
    assert!(text(&files, "news/atom.xml").contains("<title>Last year</title>"));
}

#[test]
fn a_date_in_the_file_name_dates_the_page_and_leaves_the_slug() {
    let (files, _) = built_blog(|_| {});
    let hello = text(&files, "news/hello-world/index.html");
    assert!(hello.contains(r#"datetime="2024-01-10""#), "{hello}");
    assert!(!files.contains_key("news/2024-01-10-hello-world/index.html"));
    // The front matter's date wins; the file name still gives the slug.
    let winter = text(&files, "news/winter-note/index.html");
    assert!(winter.contains(r#"datetime="2024-12-24""#), "{winter}");
    assert!(!winter.contains(r#"datetime="2020-01-01""#), "{winter}");
}

#[test]
fn a_page_bundle_is_a_page_with_its_files_beside_it() {
    let (files, printed) = built_blog(|_| {});
    // In a section: an article at the folder's URL (its date prefix taken off).
    let summer = text(&files, "news/summer-trip/index.html");
    assert!(
        summer.contains(
            r#"<img src="/news/2024-06-01-summer-trip/view.svg" alt="The view from the top" />"#
        ),
        "{summer}"
    );
    assert!(files.contains_key("news/2024-06-01-summer-trip/view.svg"));
    assert!(summer.contains(r#"datetime="2024-06-01""#), "{summer}");
    // Directly in content/: a standalone page, not a section.
    let colophon = text(&files, "colophon/index.html");
    assert!(
        colophon.contains(r#"<img src="/colophon/logo.svg""#),
        "{colophon}"
    );
    assert!(!files.contains_key("colophon/index/index.html"));
    assert!(!files.contains_key("colophon/atom.xml"), "no section");
    assert!(!printed.contains("has no articles"), "{printed}");
    // The news section counts the bundle among its five articles.
    assert!(
        text(&files, "index.html").contains("5 articles"),
        "the home page's section card"
    );
}

/// A section with weights (or without dates on every page) keeps its reading order and
/// its groups by kind: the rule changes no documentation section.
#[test]
fn a_weighted_section_keeps_its_reading_order() {
    let (files, _) = built_blog(|_| {});
    let guides = text(&files, "guides/index.html");
    assert_eq!(card_titles(&guides), ["Setup", "Usage"]);
    assert!(main_of(&guides).contains(">Articles</h2>"), "{guides}");
    assert!(!guides.contains("Newest first"));
}

/// `sort_by` on a hub decides either way: `date` dates a section with weights, `weight`
/// keeps a section of dated pages in reading order.
#[test]
fn sort_by_on_the_hub_chooses_the_order() {
    let (files, _) = built_blog(|root| {
        let set = |path: &str, title: &str, sort_by: &str| {
            std::fs::write(
                root.join("content").join(path),
                format!("---\ntitle: {title}\ndescription: \"A section.\"\nsort_by: {sort_by}\n---\nText.\n"),
            )
            .unwrap();
        };
        set("guides/_index.md", "Guides", "date");
        set("news/_index.md", "News", "weight");
    });
    let guides = text(&files, "guides/index.html");
    assert_eq!(card_titles(&guides), ["Usage", "Setup"], "undated last");
    assert!(guides.contains("Newest first"));
    let news = text(&files, "news/index.html");
    assert_eq!(card_titles(&news), ["Hello world", "Spring release"]);
    assert!(!news.contains("Newest first"));
}

#[test]
fn an_unknown_sort_by_names_the_file_and_line() {
    let site = copy_fixture("blog");
    let hub = site.path().join("content/news/_index.md");
    std::fs::write(
        &hub,
        "---\ntitle: News\ndescription: \"All news.\"\nsort_by: title\n---\nText.\n",
    )
    .unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let printed = stderr(&out);
    assert!(printed.contains("content/news/_index.md:4"), "{printed}");
    assert!(
        printed.contains("unknown variant `title`, expected `date` or `weight`"),
        "{printed}"
    );
}

/// Posts of a dated section are reached from its listing, so none is an orphan.
#[test]
fn posts_of_a_dated_section_are_no_orphans() {
    let (_, printed) = built_blog(|_| {});
    let orphans: Vec<&str> = printed
        .split("orphan page")
        .skip(1)
        .filter_map(|w| w.split("[content/").nth(1)?.split(':').next())
        .collect();
    assert_eq!(
        orphans,
        ["colophon/index.md", "guides/setup.md", "guides/usage.md"]
    );
}

#[test]
fn feed_aliases_write_every_feed_under_its_old_names_too() {
    let (files, _) = built_blog(|site| {
        let config = site.join("content/site.yaml");
        let yaml = std::fs::read_to_string(&config).unwrap();
        std::fs::write(
            &config,
            format!("{yaml}feed_aliases: [index.xml, rss.xml]\n"),
        )
        .unwrap();
    });
    for folder in ["", "news/"] {
        let atom = text(&files, &format!("{folder}atom.xml"));
        for alias in ["index.xml", "rss.xml"] {
            assert_eq!(
                text(&files, &format!("{folder}{alias}")),
                atom,
                "{folder}{alias}"
            );
        }
    }
}

#[test]
fn a_feed_alias_must_be_a_plain_xml_file_name() {
    let site = copy_fixture("blog");
    let config = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{yaml}feed_aliases: [index.xml, ../feed.xml]\n"),
    )
    .unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(!out.status.success());
    let report = stderr(&out);
    assert!(
        report.contains("`../feed.xml` is not a feed alias") && report.contains("site.yaml:6:"),
        "{report}"
    );
    assert!(!site.path().join("public").exists());
}

/// The titles of the posts a home page part lists.
fn post_titles(html: &str) -> Vec<String> {
    let Some(posts) = html.split(r#"<h2 id="posts-heading">"#).nth(1) else {
        return Vec::new();
    };
    card_titles(&format!(
        "<main>{}",
        posts.split("</section>").next().unwrap()
    ))
}

#[test]
fn the_home_page_lists_posts_at_the_top_level_newest_first_in_parts() {
    let (files, report) = built_blog(|site| {
        let content = site.join("content");
        std::fs::write(
            content.join("_index.md"),
            "---\ntitle: Blog\nsort_by: date\n---\n",
        )
        .unwrap();
        for (file, title) in [
            ("2023-02-01-first-post.md", "First post"),
            ("2023-04-01-third-post.md", "Third post"),
            ("2023-03-01-second-post.md", "Second post"),
        ] {
            let page = format!("---\ntitle: {title}\ndescription: A post.\n---\nText.\n");
            std::fs::write(content.join(file), page).unwrap();
        }
    });
    let home = text(&files, "index.html");
    assert_eq!(post_titles(&home), ["Third post", "Second post"]);
    assert!(
        home.contains("clusters-heading"),
        "the sections show on the first part"
    );
    let second = text(&files, "page/2/index.html");
    // The undated colophon comes last.
    assert_eq!(post_titles(&second), ["First post", "Colophon"]);
    assert!(!second.contains("clusters-heading"));
    // Listed on the home page, the posts are no orphans.
    assert!(!report.contains("-post.md"), "{report}");
}

#[test]
fn an_undated_page_at_the_top_level_keeps_the_home_page_free_of_posts() {
    let (files, _) = built_blog(|site| {
        let post = "---\ntitle: A post\ndescription: A post.\ndate: 2024-01-01\n---\nText.\n";
        std::fs::write(site.join("content/post.md"), post).unwrap();
    });
    // The colophon has no date: the top level is no blog, and nothing is listed.
    assert_eq!(
        post_titles(&text(&files, "index.html")),
        Vec::<String>::new()
    );
    assert!(!files.contains_key("page/2/index.html"));
}
