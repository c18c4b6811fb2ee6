//! `pillar build`: what a successful build writes, and that it is deterministic and atomic.

use crate::common;

use crate::common::{between, build, copy_fixture, pillar, stderr, text, tree};

#[test]
fn builds_every_kind_of_output() {
    let site = copy_fixture("basic");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    for path in [
        "index.html",
        "about/index.html",
        "guides/index.html",
        "guides/first/index.html",
        "guides/second/index.html",
        "tags/index.html",
        "tags/basics/index.html",
        "tags/setup/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "guides/atom.xml",
        "robots.txt",
        "old/first/index.html",
        "css/style.css",
    ] {
        assert!(
            files.contains_key(path),
            "missing {path}; have {:?}",
            files.keys()
        );
    }
    assert!(
        !files.contains_key("guides/unfinished/index.html"),
        "drafts are left out"
    );
}

#[test]
fn article_pages_are_cross_linked() {
    let site = copy_fixture("basic");
    assert!(build(site.path(), &[]).status.success());
    let files = tree(&site.path().join("public"));
    let first = text(&files, "guides/first/index.html");
    // Breadcrumbs: home › cluster › article.
    assert!(first.contains(r#"<nav class="breadcrumbs" aria-label="Breadcrumb">"#));
    assert!(first.contains(r#"<a href="/guides/">Guides</a>"#));
    // The sidebar's section tree, with this page marked and its section open.
    let sidebar = between(
        &first,
        r#"<nav class="sidebar" aria-label="Sections">"#,
        "</nav>",
    );
    assert!(sidebar.contains(r#"<li><details open>"#), "{sidebar}");
    assert!(sidebar.contains(r#"<a href="/guides/first/" aria-current="page">"#));
    assert!(sidebar.contains(r#"<a href="/guides/second/">"#));
    // The previews of the pages its text links to travel with it; no file per page.
    let previews: serde_json::Value = serde_json::from_str(between(
        &first,
        r#"<script type="application/json" id="link-previews">"#,
        "</script>",
    ))
    .unwrap();
    assert_eq!(
        previews["/guides/second/"]["title"], "Second Guide",
        "{previews}"
    );
    assert!(!files.contains_key("guides/first/preview.json"));
    // Links resolved, with anchors.
    assert!(
        first.contains(r#"href="/guides/second/#details""#),
        "{first}"
    );
    assert!(first.contains(r##"href="#the-end""##));
    // Next in the cluster; headings carry ids.
    assert!(first.contains(r#"href="/guides/second/" rel="next""#));
    assert!(first.contains(r#"<h2 id="getting-started">"#));
    // Highlighted code with classes, a scrolling table, footnotes, the FAQ, sources.
    assert!(
        first.contains(r#"<span class="hl-"#) || first.contains("class=\"hl-"),
        "highlighting"
    );
    assert!(first.contains(r#"<div class="table-scroll""#));
    assert!(first.contains("footnote-definition"));
    assert!(first.contains("Is this a question?"));
    assert!(first.contains(r#"<a href="/guides/second/">link</a>"#));
    assert!(first.contains(r#"<a href="https://example.com/book">A Book</a>"#));
    // Backlinks: the second and third guides and the about page link to the first.
    let backlinks = first
        .split("Referenced by")
        .nth(1)
        .expect("a backlinks section");
    for title in ["About", "Second Guide", "Third Guide"] {
        assert!(backlinks.contains(title), "{title} links here");
    }
    // Related: explicit first on the second guide.
    let second = text(&files, "guides/second/index.html");
    let related = second.split("Related articles").nth(1).unwrap();
    assert!(related.find("Third Guide").unwrap() < related.find("First Guide").unwrap());
    assert!(
        !related.contains("Second Guide"),
        "no page relates to itself"
    );
    // The hub groups its articles by kind.
    let hub = text(&files, "guides/index.html");
    assert!(hub.find("Guides</h2>").unwrap() < hub.find("Comparisons</h2>").unwrap());
    // Its cluster map: a node for each article and for the hub, each a link.
    let map = between(&hub, r#"<svg class="map""#, "</svg>");
    for url in [
        "/guides/first/",
        "/guides/second/",
        "/guides/third/",
        "/guides/",
    ] {
        assert!(
            map.contains(&format!(r#"<a href="{url}" tabindex="-1""#)),
            "{url} on the map: {map}"
        );
    }
    // Alias redirect, sitemap lastmod, robots.
    assert!(text(&files, "old/first/index.html").contains("url=https://example.org/guides/first/"));
    assert!(text(&files, "sitemap.xml").contains("<lastmod>2026-02-01</lastmod>"));
    assert!(text(&files, "robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = copy_fixture("basic");
    assert!(build(site.path(), &["--output", "one"]).status.success());
    assert!(build(site.path(), &["--output", "two"]).status.success());
    let one = tree(&site.path().join("one"));
    let two = tree(&site.path().join("two"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs between builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = copy_fixture("basic");
    assert!(build(site.path(), &[]).status.success());
    let before = tree(&site.path().join("public"));
    std::fs::write(
        site.path().join("content/guides/third.md"),
        "---\ntitle: Third\n---\n[broken](@/guides/nope.md)\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&site.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".pillar-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = copy_fixture("basic");
    let out = build(site.path(), &["--base-url", "https://example.org/guide/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let first = text(&files, "guides/first/index.html");
    assert!(first.contains(r#"href="/guide/css/style.css""#));
    assert!(first.contains(r#"href="/guide/guides/second/#details""#));
    assert!(
        first.contains(r#"<link rel="canonical" href="https://example.org/guide/guides/first/">"#)
    );
    assert!(
        !first.contains(r#"href="/guides/"#),
        "no link escapes the sub-path"
    );
}

#[test]
fn drafts_are_built_on_request() {
    let site = copy_fixture("basic");
    assert!(build(site.path(), &["--drafts"]).status.success());
    assert!(
        site.path()
            .join("public/guides/unfinished/index.html")
            .exists()
    );
}

#[test]
fn output_over_the_sources_is_refused() {
    let site = copy_fixture("basic");
    for output in ["content", "themes", ".", "content/public"] {
        let out = build(site.path(), &["--output", output]);
        assert_eq!(out.status.code(), Some(1), "--output {output}");
        assert!(
            stderr(&out).contains("refusing to write the site"),
            "{}",
            stderr(&out)
        );
    }
    assert!(
        site.path().join("content/site.yaml").exists(),
        "nothing was deleted"
    );
}

#[test]
fn help_version_and_usage_errors() {
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "--help"],
        &["--version"],
    ] {
        assert!(pillar(args).status.success(), "{args:?}");
    }
    assert_eq!(pillar(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(pillar(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = copy_fixture("basic");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block main %}<p>OVERRIDDEN {{ page.title }}</p>{% endblock main %}",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    assert!(text(&files, "about/index.html").contains("<p>OVERRIDDEN About</p>"));
    // Every other template still comes from the built-in theme.
    assert!(text(&files, "guides/first/index.html").contains("Referenced by"));
}

#[test]
fn a_broken_template_names_template_and_line() {
    let site = copy_fixture("basic");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("page.html"), "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | no_such_filter }}\n{% endblock main %}\n").unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("themes/default/templates/page.html:3:"),
        "{err}"
    );
    assert!(
        !site.path().join("public").exists(),
        "nothing was published"
    );
}

/// A site's own `atom.xml` replaces the built-in feed template, for the site's feed and
/// every section's; `escape_xml` escapes its values. The sitemap and robots.txt still
/// come from the built-in theme.
#[test]
fn a_site_theme_overrides_the_feed_template() {
    let site = copy_fixture("basic");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("atom.xml"),
        "<feed><title>OWN {{ feed.title | escape_xml }}</title>\n\
         {%- for entry in feed.entries %}<e>{{ entry.url | escape_xml }}</e>{% endfor %}</feed>\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let feed = text(&files, "atom.xml");
    assert!(
        feed.starts_with("<feed><title>OWN Basic Fixture</title><e>https://example.org/"),
        "{feed}"
    );
    assert!(
        text(&files, "guides/atom.xml").starts_with("<feed><title>OWN Guides — Basic Fixture"),
        "the section feeds use it too"
    );
    assert!(text(&files, "sitemap.xml").contains("<urlset"));
    assert!(text(&files, "robots.txt").starts_with("User-agent: *\n"));
}

/// An error in a feed, sitemap or robots.txt template stops the build with the
/// template's file and line, like an error in a page template.
#[test]
fn a_broken_sitemap_template_names_template_and_line() {
    let site = copy_fixture("basic");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("sitemap.xml"),
        "<urlset>\n{{ entries.nothing.here }}\n</urlset>\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("themes/default/templates/sitemap.xml:2:"),
        "{err}"
    );
    assert!(
        !site.path().join("public").exists(),
        "nothing was published"
    );
}

/// A published page that links to a draft builds with a warning for each link, and the
/// built site has no link to the page it left out.
#[test]
fn links_to_a_draft_warn_and_render_as_text() {
    let site = copy_fixture("basic");
    common::overlay(&common::fixture("warnings/draft-link"), site.path());
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let message = "link to a draft: `@/guides/unfinished.md` is not published in this build";
    // The body's two links (by content path and relative), the FAQ answer, `related`
    // and the menu entry, each at its position.
    for position in [
        "content/guides/third.md:15:7",
        "content/guides/third.md:15:60",
        "content/guides/third.md:11:37",
        "content/guides/third.md:8:12",
        "content/site.yaml:9:11",
    ] {
        assert!(err.contains(position), "missing {position} in:\n{err}");
    }
    assert_eq!(err.matches(message).count(), 5, "{err}");
    assert!(
        err.contains(
            "the link is left out; publish the draft (remove `draft: true`) or build with --drafts"
        ),
        "{err}"
    );
    assert!(err.contains("0 errors, 5 warnings"), "{err}");

    let files = tree(&site.path().join("public"));
    assert!(!files.contains_key("guides/unfinished/index.html"));
    for (path, html) in &files {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(html);
            let to_draft = html
                .split("href=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .find(|href| href.contains("unfinished"));
            assert_eq!(to_draft, None, "{path} links to the draft:\n{html}");
        }
    }
    let third = text(&files, "guides/third/index.html");
    // The link text stays, as text.
    assert!(
        third.contains("Soon: the <em>unfinished</em> guide, or the same."),
        "{third}"
    );
    assert!(
        third.contains("The unfinished guide, once it is published."),
        "{third}"
    );
    // The other related page and menu entries are still there.
    assert!(third.contains(r#"href="/guides/first/""#), "{third}");
    assert!(third.contains(r#"href="/about/""#), "{third}");
    assert!(!third.contains("Coming soon"), "{third}");
}

#[test]
fn links_to_a_draft_fail_a_strict_build() {
    let site = copy_fixture("basic");
    common::overlay(&common::fixture("warnings/draft-link"), site.path());
    let out = build(site.path(), &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("failed: 5 errors, 0 warnings"), "{err}");
    assert!(!site.path().join("public").exists(), "nothing is written");
}

#[test]
fn links_to_a_draft_are_links_with_drafts() {
    let site = copy_fixture("basic");
    common::overlay(&common::fixture("warnings/draft-link"), site.path());
    let out = build(site.path(), &["--drafts", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let third = text(&files, "guides/third/index.html");
    assert!(
        third.contains(r#"<a href="/guides/unfinished/">the <em>unfinished</em> guide</a>"#),
        "{third}"
    );
    assert!(
        third.contains(r#"<a href="/guides/unfinished/">unfinished guide</a>"#),
        "{third}"
    );
    assert!(
        third.contains(r#"<li><a href="/guides/unfinished/">Coming soon</a></li>"#),
        "{third}"
    );
}

/// Without a terminal (CI, a pipe) a build prints its summary and nothing else: no
/// progress line, no control characters.
#[test]
fn a_build_without_a_terminal_prints_only_its_summary() {
    let site = copy_fixture("basic");
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("built "), "{err:?}");
    assert!(
        !err.contains(['\r', '\u{1b}'])
            && !err.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)),
        "{err:?}"
    );
    for stage in ["loading", "rendering", "writing", "indexing"] {
        assert!(!err.contains(stage), "{err:?}");
    }
}

/// The URL of each page in the search index (Pagefind fragments are gzipped JSON after
/// a `pagefind_dcd` signature).
fn indexed_urls(files: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<String> {
    use std::io::Read;
    let mut urls: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.starts_with("pagefind/fragment/"))
        .map(|(_, bytes)| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
            let json = &text[text.find('{').unwrap()..];
            let fragment: serde_json::Value = serde_json::from_str(json).unwrap();
            fragment["url"].as_str().unwrap().to_string()
        })
        .collect();
    urls.sort();
    urls
}

#[test]
fn the_search_index_holds_every_article_by_its_url_from_the_site_root() {
    let site = copy_fixture("basic");
    // Under a sub-path the index still holds root-relative URLs: the search page gives
    // Pagefind the site's root as its base URL.
    let out = build(site.path(), &["--base-url", "https://example.org/guide/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    assert!(files.contains_key("pagefind/pagefind-entry.json"));
    let urls = indexed_urls(&files);
    for page in ["/guides/first/", "/guides/second/"] {
        assert!(urls.iter().any(|u| u == page), "{page} not in {urls:?}");
    }
    assert!(urls.iter().all(|u| !u.starts_with("/guide/")), "{urls:?}");
    assert!(
        urls.iter().all(|u| !u.starts_with("/tags/")),
        "tag lists are not indexed: {urls:?}"
    );
}

#[test]
fn no_search_leaves_the_index_out() {
    let site = copy_fixture("basic");
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    assert!(files.contains_key("guides/first/index.html"));
    assert!(!files.keys().any(|p| p.starts_with("pagefind/")));
}

/// Sections nest to any depth: every folder with an `_index.md` is a hub.
#[test]
fn sections_nest_three_levels_deep() {
    let site = copy_fixture("nested");
    let root = site.path();
    let check = pillar(&["check", "--strict", "--root", root.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&root.join("public"));
    for path in [
        "guides/setup/advanced/tuning/index.html",
        "guides/setup/advanced/index.html",
        "guides/setup/install/index.html",
        // Each section has its feed.
        "guides/atom.xml",
        "guides/setup/atom.xml",
        "guides/setup/advanced/atom.xml",
    ] {
        assert!(files.contains_key(path), "{path}");
    }

    // Breadcrumbs walk every level (the base URL is a sub-path).
    let tuning = text(&files, "guides/setup/advanced/tuning/index.html");
    let crumbs = [
        "/docs/\">Home",
        "/docs/guides/\">Guides",
        "/docs/guides/setup/\">Setup",
        "/docs/guides/setup/advanced/\">Advanced setup",
    ];
    let mut at = 0;
    for crumb in crumbs {
        let found = tuning[at..]
            .find(crumb)
            .unwrap_or_else(|| panic!("{crumb} in order"));
        at += found;
    }
    // A component block works at depth: the table, and the decision filter.
    assert!(tuning.contains("<table"), "the compare table");
    assert!(text(&files, "guides/setup/install/index.html").contains("<form class=\"decision\""));

    // A hub lists its sub-sections, then its own pages.
    let hub = text(&files, "guides/index.html");
    // The page's own content (the sidebar before it lists every section).
    let guides = &hub[hub.find("<main").expect("a main element")..];
    let sections = guides
        .find("id=\"subsections\"")
        .expect("a list of sub-sections");
    let setup = guides.find("/docs/guides/setup/\"").unwrap();
    let intro = guides.rfind("/docs/guides/intro/\"").unwrap();
    assert!(sections < setup && setup < intro, "sub-sections first");
    assert!(
        !guides.contains("/docs/guides/setup/advanced/\""),
        "only direct sub-sections"
    );

    // Previous/next stay within the nearest section: Install has no neighbour in Setup.
    let install = text(&files, "guides/setup/install/index.html");
    assert!(!install.contains("rel=\"prev\"") && !install.contains("rel=\"next\""));
    let intro_page = text(&files, "guides/intro/index.html");
    assert!(intro_page.contains("rel=\"next\"") && intro_page.contains("/docs/guides/overview/"));

    // Backlinks work across levels: Tuning links Install.
    assert!(
        install.contains("/docs/guides/setup/advanced/tuning/"),
        "backlink from a deeper page"
    );

    // The home page lists the top-level sections only.
    let home = text(&files, "index.html");
    let home = &home[home.find("<main").unwrap()..];
    assert!(home.contains("/docs/guides/\""));
    assert!(!home.contains("/docs/guides/setup/\""));
    // The section feed holds its own articles.
    let feed = text(&files, "guides/setup/advanced/atom.xml");
    assert!(feed.contains("Tuning") && !feed.contains("Install"));
}

/// Every feed's own alternate link is a page of the site and its `<updated>` a real
/// date: a folder without an `_index.md` (which has no page) gets no feed, whether it
/// holds articles or only further folders; a section with no dated article takes its
/// hub's date.
#[test]
fn only_sections_with_a_page_have_a_feed() {
    let site = copy_fixture("nested");
    let root = site.path();
    for (rel, title, date) in [
        (
            "content/guides/loose/note.md",
            "Loose note",
            "date: 2026-02-01",
        ),
        (
            "content/guides/bare/deeper/note.md",
            "Deeper",
            "date: 2026-02-01",
        ),
        (
            "content/guides/undated/_index.md",
            "Undated",
            "updated: 2026-03-01",
        ),
    ] {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let page =
            format!("---\ntitle: \"{title}\"\ndescription: \"A page.\"\n{date}\n---\nText.\n");
        std::fs::write(path, page).unwrap();
    }
    let out = build(root, &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&root.join("public"));
    assert!(files.contains_key("guides/loose/note/index.html"));
    for path in [
        "guides/loose/atom.xml",
        "guides/bare/atom.xml",
        "guides/bare/deeper/atom.xml",
    ] {
        assert!(!files.contains_key(path), "{path}");
    }
    assert!(
        text(&files, "atom.xml").contains("Loose note"),
        "in the site's feed"
    );
    let undated = text(&files, "guides/undated/atom.xml");
    assert!(undated.contains("<updated>2026-03-01T"), "{undated}");
    let feeds = files.keys().filter(|p| p.ends_with("atom.xml"));
    for path in feeds {
        let feed = text(&files, path);
        let head = &feed[..feed.find("<entry>").unwrap_or(feed.len())];
        let alternate = head
            .split("<link rel=\"alternate\" href=\"https://example.org/docs/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path} has an alternate link: {head}"));
        let page = format!("{alternate}index.html");
        assert!(
            files.contains_key(&page),
            "{path} points at {page}, missing"
        );
        assert!(!head.contains("<updated>1970"), "{path}: {head}");
    }
}

#[test]
fn sections_nest_forty_levels_deep() {
    // The sidebar is flattened before the template sees it, so depth costs no recursion
    // (a chain of 19 folders used to stop the build at Tera's recursion limit).
    let site = tempfile::tempdir().unwrap();
    let mut dir = site.path().join("content");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.yaml"), "title: Deep\n").unwrap();
    for level in 0..40 {
        dir = dir.join(format!("l{level}"));
        std::fs::create_dir_all(&dir).unwrap();
        let hub =
            format!("---\ntitle: Level {level}\ndescription: Level {level}.\n---\nA level.\n");
        std::fs::write(dir.join("_index.md"), hub).unwrap();
    }
    std::fs::write(
        dir.join("leaf.md"),
        "---\ntitle: Leaf\ndescription: At the bottom.\n---\nThe bottom.\n",
    )
    .unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let path: String = (0..40).map(|l| format!("l{l}/")).collect();
    let leaf = text(&files, &format!("{path}leaf/index.html"));
    let sidebar = between(&leaf, r#"<nav class="sidebar""#, "</nav>");
    assert_eq!(sidebar.matches("<details open>").count(), 40, "{sidebar}");
    assert_eq!(
        sidebar.matches("<ul").count(),
        sidebar.matches("</ul>").count()
    );
    assert!(
        sidebar.contains(r#"aria-current="page">Leaf</a>"#),
        "{sidebar}"
    );
}

#[test]
fn long_listings_continue_on_numbered_pages() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir_all(content.join("notes")).unwrap();
    std::fs::write(content.join("site.yaml"), "title: Paged\npaginate: 10\n").unwrap();
    std::fs::write(
        content.join("notes/_index.md"),
        "---\ntitle: Notes\ndescription: All notes.\n---\nThe hub text here.\n",
    )
    .unwrap();
    for n in 0..25 {
        let note = format!(
            "---\ntitle: Note {n:02}\ndescription: Note {n}.\nweight: {n}\ntags: [all]\n---\nA note.\n"
        );
        std::fs::write(content.join(format!("notes/n{n:02}.md")), note).unwrap();
    }
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let cards = |html: &str| html.matches(r#"<li class="card">"#).count();

    let first = text(&files, "notes/index.html");
    assert_eq!(cards(&first), 10);
    assert!(first.contains("The hub text here."));
    assert!(
        first.contains(r#"<a href="/notes/page/2/" rel="next">"#),
        "{first}"
    );
    let third = text(&files, "notes/page/3/index.html");
    assert_eq!(cards(&third), 5);
    assert!(third.contains(">Note 24</a>"));
    assert!(
        !third.contains("The hub text here."),
        "only page 1 has the body"
    );
    assert!(
        third.contains(r#"<link rel="canonical" href="/notes/page/3/">"#),
        "{third}"
    );
    assert!(third.contains(r#"<span aria-current="page">3</span>"#));
    // Its breadcrumbs lead back to the listing's first page.
    let crumbs = between(&third, r#"aria-label="Breadcrumb">"#, "</nav>");
    assert!(
        crumbs.contains(r#"<a href="/notes/">Notes</a>"#),
        "{crumbs}"
    );
    assert!(
        crumbs.contains(r#"<span aria-current="page">Page 3</span>"#),
        "{crumbs}"
    );
    assert!(!files.contains_key("notes/page/4/index.html"));
    // A tag's pages are listed in parts too.
    assert_eq!(cards(&text(&files, "tags/all/page/3/index.html")), 5);
}

/// A site without `content/_index.md` still has a home page: pillar makes one that
/// lists the top-level sections and the latest articles, says so once, and links to
/// `/` reach it.
#[test]
fn a_site_without_a_home_page_file_gets_one() {
    let site = copy_fixture("basic");
    let root = site.path();
    std::fs::remove_file(root.join("content/_index.md")).unwrap();
    std::fs::write(
        root.join("content/about.md"),
        "---\ntitle: About\ndescription: \"What this fixture is.\"\n---\nBack [home](/). See [the first guide](guides/first.md).\n",
    )
    .unwrap();
    let check = pillar(&["check", "--root", root.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let out = build(root, &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stderr(&out);
    assert_eq!(
        printed
            .matches("the site has no home page (content/_index.md)")
            .count(),
        1,
        "{printed}"
    );
    assert!(printed.contains("add content/_index.md"), "{printed}");
    let files = tree(&root.join("public"));
    let home = text(&files, "index.html");
    let main = between(&home, "<main", "</main>");
    assert!(
        main.contains("<h1>Basic Fixture</h1>"),
        "the site's title: {main}"
    );
    assert!(main.contains(r#"<a href="/guides/">Guides</a>"#), "{main}");
    assert!(main.contains("Latest articles"), "{main}");
    assert!(text(&files, "about/index.html").contains(r#"<a href="/">home</a>"#));
}

#[test]
fn a_large_sitemap_is_an_index_of_parts() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    std::fs::create_dir_all(content.join("notes")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        "title: Many\nbase_url: https://example.org/\n",
    )
    .unwrap();
    std::fs::write(
        content.join("notes/_index.md"),
        "---\ntitle: Notes\ndescription: d\n---\nNotes.\n",
    )
    .unwrap();
    for n in 0..300 {
        let note = format!("---\ntitle: Note {n}\ndescription: d\n---\nA note.\n");
        std::fs::write(content.join(format!("notes/n{n:03}.md")), note).unwrap();
    }
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let index = text(&files, "sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{index}");
    assert!(index.contains("<loc>https://example.org/sitemap-2.xml</loc>"));
    let parts: Vec<String> = (1..)
        .map(|n| format!("sitemap-{n}.xml"))
        .take_while(|p| files.contains_key(p))
        .collect();
    assert_eq!(parts.len(), index.matches("<sitemap>").count());
    let urls: usize = parts
        .iter()
        .map(|p| text(&files, p).matches("<url>").count())
        .sum();
    // Every page once: 300 notes, the hub, the home page the build makes, page 2-6 of
    // the hub's list, the tag index.
    assert!(urls > 300, "{urls}");
    assert!(
        parts
            .iter()
            .all(|p| text(&files, p).matches("<url>").count() <= 250)
    );
}

/// `pillar build` writes each page as soon as it is rendered (a large site is never
/// whole in memory); what it publishes is still exactly the site rendered in memory,
/// file for file and byte for byte, for a site in one language and for one in several
/// (whose other languages' pages go under their folders).
#[test]
fn a_build_publishes_exactly_the_site_rendered_in_memory() {
    for fixture in ["basic", "multilingual"] {
        let site = copy_fixture(fixture);
        let out = build(site.path(), &["--no-search"]);
        assert!(out.status.success(), "{fixture}: {}", stderr(&out));
        let mut written = tree(&site.path().join("public"));
        assert!(written.remove(".pillar-output").is_some());

        let options = pillar::BuildOptions::new(site.path());
        let (outcome, rendered) = pillar::build_in_memory(&options);
        assert!(outcome.is_ok(), "{fixture}: {:?}", outcome.diagnostics);
        let rendered = rendered.unwrap();
        let mut expected: std::collections::BTreeMap<String, Vec<u8>> = rendered
            .files
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        for (path, source) in rendered.assets {
            expected.insert(path, std::fs::read(source).unwrap());
        }
        assert!(
            expected
                .keys()
                .any(|p| p.ends_with("/index.html") && p.contains('/')),
            "{fixture}: the site has pages"
        );
        assert_eq!(
            written.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{fixture}: the same files"
        );
        for (path, bytes) in &expected {
            assert!(&written[path] == bytes, "{fixture}: {path} differs");
        }
    }
}

/// A build that fails once its pages are written (here, a file under `content/` at the
/// path of a rendered page) publishes nothing: the previous output stays as it was, and
/// the staging folder the pages went to is removed.
#[test]
fn a_build_failing_after_its_pages_are_written_leaves_no_trace() {
    let site = copy_fixture("basic");
    assert!(build(site.path(), &[]).status.success());
    let before = tree(&site.path().join("public"));
    let clash = site.path().join("content/guides/first/index.html");
    std::fs::create_dir_all(clash.parent().unwrap()).unwrap();
    std::fs::write(&clash, "<p>mine</p>").unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/guides/first/index.html would overwrite"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&site.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pillar-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
