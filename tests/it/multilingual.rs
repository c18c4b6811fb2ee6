//! Sites in several languages: `languages` in site.yaml, translations beside their
//! pages (`about.fr.md`), one URL tree per language.
//!
//! The `multilingual` fixture is one small site in English (the default), French and
//! Arabic (right to left): a home page, a section with its hub, an article translated
//! into both, an article in English only, and a standalone page translated into both
//! (the French one under its own slug, `a-propos`), and a dataset, whose comparison
//! page every language gets.

use std::collections::BTreeMap;

use crate::common::{build, copy_fixture, stderr};
use crate::languages::{english_in, visible_text};

/// Builds the fixture (without a search index unless `search`) and returns every file
/// of the output as text, by path, with the folder that holds it.
fn built(search: bool) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let site = copy_fixture("multilingual");
    let args: &[&str] = if search { &[] } else { &["--no-search"] };
    let out = build(site.path(), args);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let files = walkdir::WalkDir::new(&public)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&public).unwrap();
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), text))
        })
        .collect();
    (site, files)
}

/// The pages of `files` in the tree of `folder` (`fr/`; `""` for the default
/// language's, which holds no other language's folder).
fn tree_pages(files: &BTreeMap<String, String>, folder: &str) -> BTreeMap<String, String> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html") && path.starts_with(folder))
        .filter(|(path, _)| {
            !folder.is_empty() || !(path.starts_with("fr/") || path.starts_with("ar/"))
        })
        .map(|(path, html)| (path.clone(), html.clone()))
        .collect()
}

#[test]
fn each_language_has_its_own_tree_of_every_page_type() {
    let (_site, files) = built(false);
    for page in [
        "index.html",
        "about/index.html",
        "guides/index.html",
        "guides/first/index.html",
        "guides/second/index.html",
        "tags/index.html",
        "tags/basics/index.html",
        "search/index.html",
        "atom.xml",
        "guides/atom.xml",
        "fr/index.html",
        "fr/a-propos/index.html",
        "fr/guides/index.html",
        "fr/guides/first/index.html",
        "fr/tags/index.html",
        "fr/tags/bases/index.html",
        "fr/search/index.html",
        "fr/compare/formules/index.html",
        "compare/formules/index.html",
        "ar/compare/formules/index.html",
        "fr/atom.xml",
        "fr/guides/atom.xml",
        "fr/sitemap.xml",
        "ar/index.html",
        "ar/about/index.html",
        "ar/guides/first/index.html",
        "ar/tags/أساسيات/index.html",
        "ar/search/index.html",
        "ar/sitemap.xml",
    ] {
        assert!(files.contains_key(page), "no {page}");
    }
    // A page lives in the trees of the languages it is written in.
    assert!(!files.contains_key("fr/guides/second/index.html"));
    assert!(!files.contains_key("ar/guides/second/index.html"));
    assert!(!files.contains_key("about.fr/index.html"));
    // Files every language shares are written once, at the site root.
    for shared in ["css/style.css", "robots.txt"] {
        assert!(files.contains_key(shared), "no {shared}");
        assert!(!files.contains_key(&format!("fr/{shared}")), "fr/{shared}");
    }
}

#[test]
fn each_page_is_in_its_language_and_links_within_its_tree() {
    let (_site, files) = built(false);
    let french = &files["fr/guides/first/index.html"];
    assert!(
        french.contains("<html lang=\"fr\" data-root=\"/\">"),
        "{french}"
    );
    assert!(french.contains("<title>Le premier guide · Carnet de terrain</title>"));
    assert!(
        french.contains("href=\"/css/style.css\""),
        "shared files stay at the root"
    );
    assert!(french.contains("<a class=\"site-title\" href=\"/fr/\">Carnet de terrain</a>"));
    assert!(french.contains("action=\"/fr/search/\""));
    assert!(
        french.contains("href=\"/fr/a-propos/\""),
        "@/about.md is the French page"
    );
    assert!(french.contains("href=\"/fr/tags/bases/\""));
    assert!(visible_text(french).contains("Questions fréquentes"));

    let arabic = &files["ar/guides/first/index.html"];
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\" data-root=\"/\">"));
    assert!(visible_text(arabic).contains("الأسئلة الشائعة"));

    let english = &files["guides/first/index.html"];
    assert!(english.contains("<html lang=\"en\" data-root=\"/\">"));
    assert!(english.contains("href=\"/guides/second/\""));

    let tag = visible_text(&files["fr/tags/bases/index.html"]);
    assert!(
        tag.contains("Le premier guide") && !tag.contains("The first guide"),
        "{tag}"
    );
    let feed = &files["fr/atom.xml"];
    assert!(feed.contains("xml:lang=\"fr\""), "{feed}");
    assert!(
        feed.contains("https://example.org/fr/guides/first/"),
        "{feed}"
    );
    assert!(!files["atom.xml"].contains("Le premier guide"));
    assert!(files["fr/sitemap.xml"].contains("<loc>https://example.org/fr/a-propos/</loc>"));
    assert!(!files["sitemap.xml"].contains("/fr/"));
    assert!(files["robots.txt"].contains("Sitemap: https://example.org/fr/sitemap.xml\n"));
}

/// The language switcher names each language in itself ("English" on a French page,
/// with `lang="en"`); every other word of a page is in the page's language.
fn without_language_names(pages: BTreeMap<String, String>) -> BTreeMap<String, String> {
    pages
        .into_iter()
        .map(|(path, html)| (path, html.replace(">English</a>", "></a>")))
        .collect()
}

#[test]
fn no_english_word_of_the_theme_on_a_french_or_arabic_page() {
    let (_site, files) = built(false);
    for (folder, language) in [("fr/", "fr"), ("ar/", "ar")] {
        let pages = without_language_names(tree_pages(&files, folder));
        assert!(pages.len() >= 8, "{:?}", pages.keys());
        let english = english_in(&pages, language);
        assert!(
            english.is_empty(),
            "{folder} pages show English: {english:?}"
        );
    }
    // The check is not empty-handed: the English pages are full of English words.
    assert!(!english_in(&tree_pages(&files, ""), "fr").is_empty());
}

#[test]
fn every_page_of_a_tree_has_the_lang_and_dir_of_its_language() {
    let (_site, files) = built(false);
    for (folder, start) in [
        ("fr/", "<html lang=\"fr\" data-root"),
        ("ar/", "<html lang=\"ar\" dir=\"rtl\" data-root"),
        ("", "<html lang=\"en\" data-root"),
    ] {
        for (page, html) in tree_pages(&files, folder) {
            assert!(html.contains(start), "{page}");
        }
    }
}

#[test]
fn the_stylesheet_has_each_languages_words() {
    let (_site, files) = built(false);
    let css = &files["css/style.css"];
    assert!(
        css.contains(":root:lang(fr) { --scroll-table-hint:"),
        "{css}"
    );
    assert!(css.contains(":root:lang(ar) {"));
}

#[test]
fn a_page_may_not_take_a_language_folder() {
    let site = copy_fixture("multilingual");
    std::fs::write(
        site.path().join("content/fr.md"),
        "---\ntitle: France\ndescription: x\n---\nText.\n",
    )
    .unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("the URL /fr/ is in the folder of the `fr` pages"),
        "{err}"
    );
    assert!(err.contains("content/fr.md"), "{err}");
}

/// The `hreflang` links of a page: language and URL, in order.
fn alternates(html: &str) -> Vec<(String, String)> {
    html.match_indices("<link rel=\"alternate\" hreflang=\"")
        .map(|(at, start)| {
            let rest = &html[at + start.len()..];
            let (language, rest) = rest.split_once('"').unwrap();
            let href = rest.split_once("href=\"").unwrap().1;
            (
                language.to_string(),
                href.split_once('"').unwrap().0.to_string(),
            )
        })
        .collect()
}

/// The canonical URL of a page.
fn canonical(html: &str) -> String {
    let rest = html
        .split_once("<link rel=\"canonical\" href=\"")
        .unwrap()
        .1;
    rest.split_once('"').unwrap().0.to_string()
}

#[test]
fn hreflang_links_are_valid_both_ways_with_an_x_default() {
    let (_site, files) = built(false);
    let pages: BTreeMap<String, &String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html") && !path.ends_with("404.html"))
        .map(|(_, html)| (canonical(html), html))
        .collect();
    let mut pairs = 0;
    for (url, html) in &pages {
        let links = alternates(html);
        assert!(!links.is_empty(), "{url} has no hreflang links");
        assert!(
            links.iter().any(|(_, href)| href == url),
            "{url} does not name itself: {links:?}"
        );
        let x_default = links.iter().find(|(language, _)| language == "x-default");
        let english = links.iter().find(|(language, _)| language == "en");
        assert_eq!(
            x_default.map(|l| &l.1),
            english.map(|l| &l.1),
            "{url}: x-default is the English page"
        );
        for (language, href) in links.iter().filter(|(_, href)| href != url) {
            let other = pages
                .get(href)
                .unwrap_or_else(|| panic!("{url} names {href} ({language}), which is no page"));
            assert!(
                alternates(other).iter().any(|(_, back)| back == url),
                "{href} does not name {url} back"
            );
            pairs += 1;
        }
    }
    assert!(pairs > 30, "only {pairs} pairs");
    // The English-only article names itself and x-default alone.
    let second = &files["guides/second/index.html"];
    assert_eq!(
        alternates(second),
        [
            (
                "en".to_string(),
                "https://example.org/guides/second/".to_string()
            ),
            (
                "x-default".to_string(),
                "https://example.org/guides/second/".to_string()
            ),
        ]
    );
}

/// The language switcher's links: language and URL, and the words after each.
fn switcher(html: &str) -> String {
    let start = html
        .find("<nav class=\"language-switcher\"")
        .expect("no switcher");
    let end = html[start..].find("</nav>").unwrap();
    html[start..start + end].to_string()
}

#[test]
fn the_switcher_goes_to_the_same_page_or_says_it_goes_home() {
    let (_site, files) = built(false);
    let french = switcher(&files["fr/guides/first/index.html"]);
    assert!(french.contains("aria-label=\"Langues\""), "{french}");
    assert!(french.contains("<a href=\"/guides/first/\" hreflang=\"en\" lang=\"en\">English</a>"));
    assert!(
        french.contains("<a href=\"/ar/guides/first/\" hreflang=\"ar\" lang=\"ar\">العربية</a>")
    );
    assert!(
        french.contains(
            "<a href=\"/fr/guides/first/\" lang=\"fr\" aria-current=\"true\">Français</a>"
        )
    );
    assert!(!french.contains("untranslated"), "{french}");

    // An article in English only: the other languages' home pages, said so.
    let english = switcher(&files["guides/second/index.html"]);
    assert!(
        english.contains("<a href=\"/fr/\" hreflang=\"fr\" lang=\"fr\">Français</a> <span class=\"untranslated\">(not translated: home page)</span>"),
        "{english}"
    );
    assert!(english.contains("<a href=\"/ar/\" hreflang=\"ar\" lang=\"ar\">العربية</a>"));

    // A translation under its own slug is found all the same.
    let about = switcher(&files["about/index.html"]);
    assert!(about.contains("<a href=\"/fr/a-propos/\""), "{about}");
    // Generated pages have their counterparts too.
    let tags = switcher(&files["ar/tags/index.html"]);
    assert!(tags.contains("<a href=\"/fr/tags/\""), "{tags}");
}

#[test]
fn the_switcher_lists_languages_never_pages() {
    let (_site, files) = built(false);
    for (page, html) in files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && !p.ends_with("404.html"))
    {
        assert_eq!(switcher(html).matches("<li>").count(), 3, "{page}");
    }
}

#[test]
fn a_link_to_a_translated_page_stays_in_the_language_and_else_leads_to_the_default_one() {
    let site = copy_fixture("multilingual");
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "`@/guides/second.md` has no `fr` translation: the link leads to the `en` page"
        ),
        "{err}"
    );
    assert!(err.contains("content/guides/first.fr.md:11:"), "{err}");
    assert!(err.contains(
        "translate it as content/guides/second.fr.md, or set `untranslated_links: quiet`"
    ));
    let page = |path: &str| std::fs::read_to_string(site.path().join("public").join(path)).unwrap();
    let french = page("fr/guides/first/index.html");
    assert!(
        french.contains("href=\"/fr/a-propos/\""),
        "the French translation"
    );
    assert!(
        french.contains("href=\"/guides/second/#next-steps\""),
        "the English page"
    );
    assert!(page("ar/guides/first/index.html").contains("href=\"/guides/second/\""));

    // The site can allow such links without a word.
    let config = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{yaml}untranslated_links: quiet\n")).unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("has no `fr` translation"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("has no `ar` translation"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_link_to_a_page_no_language_has_is_broken() {
    let site = copy_fixture("multilingual");
    let file = site.path().join("content/guides/first.fr.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("@/guides/second.md#next-steps", "@/guides/third.md"),
    )
    .unwrap();
    let out = crate::common::pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("broken link: no page `@/guides/third.md`"),
        "{err}"
    );
    assert!(err.contains("content/guides/first.fr.md:11:"), "{err}");

    // A page of another language that does not exist is broken too.
    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        text.replace("@/about.fr.md", "@/guides/second.fr.md"),
    )
    .unwrap();
    let out = crate::common::pillar(&["check", "--root", site.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(
        err.contains("broken link: no page `@/guides/second.fr.md`"),
        "{err}"
    );
    assert!(err.contains("content/about.md:5:"), "{err}");
}

#[test]
fn pillar_new_article_writes_a_translation_in_a_language_of_the_site() {
    let site = copy_fixture("multilingual");
    let root = site.path().to_str().unwrap();
    let new = |lang: &str| {
        crate::common::pillar(&[
            "new",
            "article",
            "Le deuxième guide",
            "--cluster",
            "guides",
            "--slug",
            "second",
            "--lang",
            lang,
            "--root",
            root,
        ])
    };
    let out = new("fr");
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(site.path().join("content/guides/second.fr.md")).unwrap();
    assert!(
        written.contains("title: \"Le deuxième guide\""),
        "{written}"
    );
    let out = new("de");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("the site has no language `de`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("its languages are en, ar, fr"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_translation_whose_original_changed_says_so_in_check_and_on_the_page() {
    let site = copy_fixture("multilingual");
    let root = site.path().to_str().unwrap();
    // about.fr.md records a hash its original never had: stale.
    let out = crate::common::pillar(&["check", "--root", root]);
    let err = stderr(&out);
    assert!(
        err.contains("content/about.md changed since content/about.fr.md was translated from it"),
        "{err}"
    );
    assert!(err.contains("content/about.fr.md:5:18"), "{err}");

    // `--mark-translated` fills in the others, which are then current...
    let out = crate::common::pillar(&["check", "--root", root, "--mark-translated"]);
    let marked = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        marked.contains("marked content/guides/first.fr.md as translated from its original"),
        "{marked}"
    );
    assert!(
        !marked.contains("about.fr.md"),
        "a recorded hash is never replaced: {marked}"
    );
    let first_fr = site.path().join("content/guides/first.fr.md");
    let text = std::fs::read_to_string(&first_fr).unwrap();
    assert!(text.contains("\ntranslated_from: "), "{text}");
    assert!(
        text.ends_with("filter: which-plan\n```\n"),
        "the rest is kept: {text}"
    );
    let err = stderr(&out);
    assert!(!err.contains("first.md changed since"), "{err}");

    // ...until their original's text changes.
    let first = site.path().join("content/guides/first.md");
    let original = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, original.replace("one thing", "two things")).unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for translation in ["first.fr.md", "first.ar.md"] {
        let warning = format!("content/guides/first.md changed since content/guides/{translation}");
        assert!(err.contains(&warning), "{err}");
    }
    let page =
        std::fs::read_to_string(site.path().join("public/fr/guides/first/index.html")).unwrap();
    assert!(
        page.contains("<p class=\"translation-stale\" data-pagefind-ignore>L’original (<a href=\"/guides/first/\" hreflang=\"en\" lang=\"en\">English</a>) a été modifié depuis cette traduction.</p>"),
        "{page}"
    );
    let english =
        std::fs::read_to_string(site.path().join("public/guides/first/index.html")).unwrap();
    assert!(!english.contains("translation-stale"));
}

#[test]
fn a_link_names_a_page_of_another_language_by_its_file() {
    let (_site, files) = built(false);
    let about = &files["about/index.html"];
    assert!(
        about.contains("<a href=\"/fr/a-propos/\">in French</a>"),
        "{about}"
    );
    assert!(
        about.contains("<a href=\"/ar/about/#main\">in Arabic</a>"),
        "{about}"
    );
    // The default language is named by its tag too; a French page's own file is itself.
    let french = &files["fr/a-propos/index.html"];
    assert!(
        french.contains("<a href=\"/about/\">version anglaise</a>"),
        "{french}"
    );
    assert!(
        french.contains("<a href=\"/fr/a-propos/\">cette page</a>"),
        "{french}"
    );
}

/// Each language has its 404 page in its words (`/fr/404.html`), and, with
/// `machine_readable`, its own files for machine readers in its folder, in its words.
/// The host reads one redirect file at the root: it lists every tree's aliases, and on
/// Netlify sends each language's missing pages to its 404 page.
#[test]
fn each_language_has_its_404_page_machine_files_and_host_redirects() {
    let site = copy_fixture("multilingual");
    let content = site.path().join("content");
    let edit = |file: &str, from: &str, to: &str| {
        let path = content.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "site.yaml",
        "author:",
        "machine_readable: true\nredirects: netlify\nauthor:",
    );
    edit("about.md", "title:", "aliases: [/who/]\ntitle:");
    edit("about.fr.md", "title:", "aliases: [/qui/]\ntitle:");
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap();

    let not_found = read("fr/404.html");
    assert!(not_found.contains("<html lang=\"fr\""), "{not_found}");
    assert!(visible_text(&not_found).contains("Page introuvable"));
    assert!(
        not_found.contains("href=\"/fr/\""),
        "its home is the French one"
    );
    assert!(read("ar/404.html").contains("dir=\"rtl\""));
    assert!(visible_text(&read("404.html")).contains("Page not found"));

    let llms = read("fr/llms.txt");
    assert!(llms.starts_with("# Carnet de terrain"), "{llms}");
    assert!(
        llms.contains("https://example.org/fr/guides/first/"),
        "{llms}"
    );
    assert!(read("fr/guides/first/index.md").contains("Le premier guide"));
    assert!(read("fr/data/plans.json").contains("Essentielle"));
    assert!(!read("data/plans.json").contains("Essentielle"));
    assert!(read("fr/filters/which-plan.json").contains("Une petite équipe a peu de besoins."));

    assert_eq!(
        read("_redirects"),
        "# Written by pillar from the pages' aliases: each old URL moved for good.\n\
         /who /about/ 301\n/who/ /about/ 301\n\
         /fr/qui /fr/a-propos/ 301\n/fr/qui/ /fr/a-propos/ 301\n\
         /ar/* /ar/404.html 404\n/fr/* /fr/404.html 404\n"
    );
    assert!(!public.join("fr/_redirects").exists());
}
