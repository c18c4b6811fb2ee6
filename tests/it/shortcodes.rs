//! Shortcodes (#27): Tera components in `templates/shortcodes/`, called from markdown
//! as `:::name{…}` … `:::`, `::name{…}` and `:name{…}`; the built-ins of the default
//! theme; and the errors a call can make.

use crate::common::{build, copy_fixture, pillar, stderr, text, tree};

/// The fixture built, and its tour page.
fn tour() -> String {
    let site = copy_fixture("shortcodes");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    text(&files, "guides/tour/index.html")
}

/// The fixture with the tour's body replaced by `body`, checked.
fn check_with(body: &str) -> String {
    let site = copy_fixture("shortcodes");
    let page = format!("---\ntitle: \"Tour\"\ndescription: \"Broken.\"\n---\n{body}");
    std::fs::write(site.path().join("content/guides/tour.md"), page).unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn figures_resolve_their_image_and_render_a_markdown_caption() {
    let html = tour();
    assert!(
        html.contains("<img src=\"/guides/diagram.png\" alt=\"A diagram\" loading=\"lazy\">"),
        "{html}"
    );
    assert!(
        html.contains("<figcaption>How it fits</figcaption>"),
        "{html}"
    );
    assert!(
        html.contains("<figcaption><p>A caption with <em>markdown</em> and <a href=\"/guides/other/#setup\">a link</a>.</p>"),
        "{html}"
    );
}

#[test]
fn details_hold_markdown_whose_headings_join_the_page() {
    let html = tour();
    assert!(
        html.contains("<details class=\"details\" open>\n<summary>Why?</summary>"),
        "{html}"
    );
    // The heading inside gets its id and anchor, and a place in the table of contents.
    assert!(html.contains("<h3 id=\"inside-the-details\">"), "{html}");
    assert!(html.contains("href=\"#inside-the-details\""), "{html}");
    // A relative link in a body resolves like one in the text.
    assert!(
        html.contains("<a href=\"/guides/other/\">other</a>"),
        "{html}"
    );
}

#[test]
fn tabs_are_radio_buttons_the_first_checked() {
    let html = tour();
    assert!(
        html.contains("<div class=\"tabs\" role=\"group\" aria-label=\"Install\">"),
        "{html}"
    );
    let linux = html.find(">Linux</label>").expect("the Linux tab");
    let mac = html.find(">macOS</label>").expect("the macOS tab");
    assert!(linux < mac);
    let radios: Vec<&str> = html
        .match_indices("<input class=\"tab-input\" type=\"radio\"")
        .map(|(i, _)| &html[i..i + 120])
        .collect();
    assert_eq!(radios.len(), 2, "{html}");
    assert!(radios[0].contains(" checked"), "{}", radios[0]);
    assert!(!radios[1].contains(" checked"), "{}", radios[1]);
    // Both belong to one group, named after the tabs call.
    let name = |r: &str| {
        r.split("name=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(name(radios[0]), name(radios[1]));
    // Code inside a tab is highlighted as anywhere else.
    assert!(
        html.contains("<pre class=\"code\" data-lang=\"sh\">"),
        "{html}"
    );
    assert!(!html.contains("```"), "{html}");
}

#[test]
fn a_video_is_a_link_until_the_reader_follows_it() {
    let html = tour();
    assert!(
        html.contains("<a class=\"video-link\" href=\"https://www.youtube.com/watch?v=abc123\""),
        "{html}"
    );
    assert!(
        html.contains("The video plays on www.youtube.com."),
        "{html}"
    );
    // No request to another host: no frame, no image, no script from it. A script of
    // the site's own plays it in the page once the reader clicks.
    assert!(!html.contains("<iframe"), "{html}");
    assert!(
        html.contains("<script src=\"/js/video.js\" defer></script>"),
        "{html}"
    );
    for attr in ["src=\"https://", "src=\"//"] {
        assert!(!html.contains(attr), "{attr} in {html}");
    }
}

#[test]
fn values_come_from_the_page_then_the_site() {
    let html = tour();
    assert!(
        html.contains("It costs 12 € a month; write to help@example.org.</p>"),
        "{html}"
    );
}

#[test]
fn a_site_defines_its_own_shortcodes() {
    let html = tour();
    assert!(
        html.contains("<aside class=\"site-note\">A shortcode of the site itself.</aside>"),
        "{html}"
    );
}

#[test]
fn code_and_a_backslash_keep_the_syntax_as_text() {
    let html = tour();
    assert!(
        html.contains("<code>:value{key=&quot;price&quot;}</code>")
            || html.contains("<code>:value{key=\"price\"}</code>"),
        "{html}"
    );
    assert!(
        html.contains("::figure{src=&quot;x.png&quot;}")
            || html.contains("::figure{src=\"x.png\"}"),
        "{html}"
    );
    assert!(html.contains("so does :value{key="), "{html}");
}

#[test]
fn call_mistakes_are_all_reported_with_their_place() {
    let err = check_with(
        "::figur{src=\"diagram.png\"}\n\n::figure{scr=\"diagram.png\"}\n\n::figure{src=\"diagram.png\" width=\"wide\"}\n\n:::details{summary=\"Open\"}\nNever closed.\n",
    );
    assert!(err.contains("unknown shortcode `figur`"), "{err}");
    assert!(err.contains("did you mean `figure`?"), "{err}");
    assert!(err.contains("guides/tour.md:5:3"), "{err}");
    assert!(
        err.contains("the shortcode `figure` has no argument `scr`"),
        "{err}"
    );
    assert!(
        err.contains("its arguments are `alt`, `caption`, `src`, `width`"),
        "{err}"
    );
    assert!(
        err.contains("the shortcode `figure` needs the argument `src`"),
        "{err}"
    );
    assert!(
        err.contains("the argument `width` of `figure` takes a whole number, not text"),
        "{err}"
    );
    assert!(
        err.contains("the shortcode `details` is never closed"),
        "{err}"
    );
    assert!(err.contains("end its body with a line of `:::`"), "{err}");
}

#[test]
fn a_broken_link_in_a_body_or_an_argument_is_reported() {
    let err = check_with(
        "::figure{src=\"missing.png\"}\n\n:::details{summary=\"More\"}\nSee [nowhere](@/guides/nowhere.md).\n:::\n",
    );
    assert!(
        err.contains("broken link: no file `content/guides/missing.png`"),
        "{err}"
    );
    assert!(
        err.contains("broken link: no page `@/guides/nowhere.md`"),
        "{err}"
    );
    assert!(err.contains("guides/tour.md:8:5"), "{err}");
}

/// The fixture with `files` (path under content/, text) added, checked: stderr.
fn check_adding(files: &[(&str, &str)]) -> String {
    let site = copy_fixture("shortcodes");
    for (path, text) in files {
        std::fs::write(site.path().join("content").join(path), text).unwrap();
    }
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn an_include_splices_one_section_whose_links_resolve_from_its_file() {
    let site = copy_fixture("shortcodes");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let html = text(&files, "guides/include/index.html");
    let linux = html
        .find("<h2 id=\"linux\">")
        .expect("the included heading");
    let after = html
        .find("<h2 id=\"after\">")
        .expect("the page's own heading");
    assert!(linux < after, "{html}");
    assert!(
        html.contains("Run the <a href=\"/guides/other/#setup\">installer</a> on Linux."),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"/guides/diagram.png\" alt=\"Installing\""),
        "{html}"
    );
    assert!(!html.contains("macOS"), "only the section: {html}");
    // A headless file is no page.
    assert!(
        !files.keys().any(|p| p.starts_with("fragments/")),
        "{:?}",
        files.keys()
    );
}

#[test]
fn an_include_cycle_names_the_chain() {
    let err = check_adding(&[
        (
            "fragments/a.md",
            "---\nheadless: true\n---\n::include{file=\"b.md\"}\n",
        ),
        (
            "fragments/b.md",
            "---\nheadless: true\n---\n::include{file=\"a.md\"}\n",
        ),
        (
            "guides/cycle.md",
            "---\ntitle: \"Cycle\"\ndescription: \"x\"\n---\n::include{file=\"../fragments/a.md\"}\n",
        ),
    ]);
    assert!(
        err.contains(
            "the include makes a cycle: guides/cycle.md → fragments/a.md → fragments/b.md → fragments/a.md"
        ),
        "{err}"
    );
}

#[test]
fn a_broken_link_in_an_included_file_is_reported_there() {
    let err = check_adding(&[
        (
            "fragments/broken.md",
            "---\nheadless: true\n---\nSee [nothing](nothing.md).\n",
        ),
        (
            "guides/uses-broken.md",
            "---\ntitle: \"Uses\"\ndescription: \"x\"\n---\n::include{file=\"../fragments/broken.md\"}\n\n::include{file=\"../fragments/nope.md\"}\n\n::include{file=\"../fragments/install.md\" section=\"windows\"}\n",
        ),
    ]);
    assert!(
        err.contains("broken link: no page `@/fragments/nothing.md`"),
        "{err}"
    );
    assert!(err.contains("fragments/broken.md:4:5"), "{err}");
    assert!(
        err.contains("no file content/fragments/nope.md to include"),
        "{err}"
    );
    assert!(
        err.contains("content/fragments/install.md has no heading `#windows`"),
        "{err}"
    );
    assert!(err.contains("its headings are linux, macos"), "{err}");
}

#[test]
fn a_link_to_a_headless_file_says_it_is_no_page() {
    let err = check_with("See [setup](../fragments/install.md).\n");
    assert!(
        err.contains("broken link: `@/fragments/install.md` is headless, so it is no page"),
        "{err}"
    );
    assert!(err.contains("guides/tour.md:5:5"), "{err}");
}

#[test]
fn a_value_neither_the_page_nor_the_site_has_fails_at_the_call() {
    let err = check_with("Costs :value{key=\"nope\"}.\n");
    assert!(
        err.contains(
            "the shortcode `value` failed: neither the page's nor the site's `extra` has `nope`"
        ),
        "{err}"
    );
    assert!(err.contains("guides/tour.md:5:7"), "{err}");
}

#[test]
fn a_shortcode_template_must_define_its_component() {
    let site = copy_fixture("shortcodes");
    std::fs::write(
        site.path().join("templates/shortcodes/aside.html"),
        "<aside>{{ text }}</aside>\n",
    )
    .unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("the shortcode template defines no component `aside`"),
        "{err}"
    );
    assert!(err.contains("{% component aside(arg: string) %}"), "{err}");
}
