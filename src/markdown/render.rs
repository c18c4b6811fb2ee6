//! Markdown to HTML, with the site's additions: heading ids and anchors, resolved
//! internal links, highlighted code, scrolling tables, component blocks, formulas, and
//! images with their size that load lazily below the first.

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd, html};
use pulldown_cmark_escape::{escape_href, escape_html};

use std::collections::BTreeMap;
use std::ops::Range;

use super::math::Formula;
use super::outline::{Heading, Outline};
use super::weave::{Piece, Woven};
use super::{Highlighter, map_dest};
use crate::diagram::Diagram;
use crate::html::escape;
use crate::images::{Srcsets, srcset_text};
use crate::load::ImageSize;
use crate::shortcodes::syntax::LINK_ARGS;
use crate::shortcodes::{ArgValue, Call, Form};

/// A shortcode call as the renderer hands it to the site: its arguments (link
/// arguments resolved to URLs), its body's HTML and its place on the page.
#[derive(Debug, Clone)]
pub(crate) struct ShortcodeCall<'c> {
    /// The call as written.
    pub call: &'c Call,
    /// The arguments, with `src`, `href` and `poster` resolved like links.
    pub args: BTreeMap<String, ArgValue>,
    /// The body, rendered (`None` for a call without a body).
    pub body: Option<String>,
    /// The call's number on the page, from 0 in reading order: unique, for ids.
    pub id: usize,
    /// Its place among the calls of the same body, from 0.
    pub index: usize,
    /// The number of the call whose body holds it, if any.
    pub parent: Option<usize>,
}

/// What the renderer asks of the site while it writes a page.
pub(crate) trait RenderHooks {
    /// The URL to write for a link destination, or `None` to keep it as written.
    fn link(&self, dest: &str) -> Option<String>;
    /// Should a link to `dest` (one [`link`](Self::link) gave no URL for) lose its link
    /// and keep only its text? A link to a draft left out of the build does.
    fn unlinked(&self, _dest: &str) -> bool {
        false
    }
    /// The HTML of the component block with this index in the outline.
    fn component(&self, index: usize) -> String;
    /// Mentions that link themselves (glossary terms): byte ranges of the markdown
    /// being rendered, in order, each with the URL it links to.
    fn term_links(&self) -> Vec<(std::ops::Range<usize>, String)> {
        Vec::new()
    }
    /// The URL to write for a link destination written in the included file at content
    /// path `from`, or `None` to keep it as written.
    fn link_from(&self, _from: &str, dest: &str) -> Option<String> {
        self.link(dest)
    }
    /// The HTML of a shortcode call (its template, rendered).
    fn shortcode(&self, _call: &ShortcodeCall) -> String {
        String::new()
    }
    /// The words of the site's language, for the few the renderer writes (alert titles,
    /// the name of a table's scroll region); the built-in English without a site.
    fn words(&self) -> &crate::i18n::Strings {
        crate::i18n::english()
    }
    /// The size of the local image a destination points at, written in the page or,
    /// if `from` is given, in the included file at that content path.
    fn image_size(&self, _from: Option<&str>, _dest: &str) -> Option<ImageSize> {
        None
    }
    /// The `srcset`s of the local image a destination points at (written in the page
    /// or in the included file at content path `from`), if the site makes its variants.
    fn image_srcsets(&self, _from: Option<&str>, _dest: &str) -> Option<Srcsets> {
        None
    }
}

/// An image whose alt text is being read.
struct OpenImage {
    /// Its URL, resolved.
    src: String,
    title: String,
    size: Option<ImageSize>,
    /// Its variants, if the site makes them.
    srcsets: Option<Srcsets>,
    alt: String,
    /// How many images inside its alt text are open (only their text is written).
    nested: usize,
}

/// Renders a page body (`markdown`, whose outline is `outline`) to HTML.
pub(crate) fn render_html(markdown: &str, outline: &Outline, hooks: &dyn RenderHooks) -> String {
    let mut renderer = Renderer {
        markdown,
        outline,
        hooks,
        headings: outline.headings.iter(),
        terms: outline.terms.iter(),
        formulas: outline.formulas.iter(),
        diagrams: outline.diagrams.iter(),
        components: 0..,
        term_links: hooks.term_links(),
        next_term: 0,
        calls: 0,
        images: 0,
    };
    let range = outline.base..outline.base + markdown.len();
    let page = Part {
        window: markdown,
        window_start: outline.base,
        included_from: None,
    };
    renderer.part(&page, range, &outline.shortcodes, None)
}

/// The text a part of the body is read from: the page's own body, or a file it
/// includes.
struct Part<'t> {
    /// The text, which starts at byte `window_start` of its file.
    window: &'t str,
    window_start: usize,
    /// The content path of the included file, if this is one: links resolve from it,
    /// and its fenced blocks are code (components and term links belong to the page).
    included_from: Option<&'t str>,
}

/// What rendering a body shares between its parts (the body, and the bodies of its
/// shortcode calls): ids, components and term links are numbered across them.
struct Renderer<'m> {
    markdown: &'m str,
    outline: &'m Outline,
    hooks: &'m dyn RenderHooks,
    headings: std::slice::Iter<'m, Heading>,
    terms: std::slice::Iter<'m, String>,
    formulas: std::slice::Iter<'m, Formula>,
    /// The outline drew the ```` ```mermaid ```` blocks, in this order.
    diagrams: std::slice::Iter<'m, Diagram>,
    components: std::ops::RangeFrom<usize>,
    term_links: Vec<(Range<usize>, String)>,
    next_term: usize,
    calls: usize,
    /// Images written so far: all but the first load lazily.
    images: usize,
}

impl<'m> Renderer<'m> {
    /// Renders `range` of the file, whose calls are `calls`, inside call `parent`.
    fn part(
        &mut self,
        source: &Part,
        range: Range<usize>,
        calls: &[Call],
        parent: Option<usize>,
    ) -> String {
        let options = super::options_for(self.outline.math);
        let woven = Woven::new(
            source.window,
            source.window_start,
            range.clone(),
            calls,
            options,
        );
        let own = source.included_from.is_none();
        let mut code: Option<(Option<String>, String)> = None;
        let mut image: Option<OpenImage> = None;
        let mut heading_id = String::new();
        let mut events = Vec::new();
        // For each open link: was it kept?
        let mut kept_links: Vec<bool> = Vec::new();
        let mut index = 0;
        for piece in woven.pieces() {
            let (event, range) = match piece {
                Piece::Event(event, range) => (
                    event,
                    range.start - source.window_start..range.end - source.window_start,
                ),
                Piece::Call(call) => {
                    let mut html = self.call(source, call, index, parent);
                    index += 1;
                    events.push(match call.form {
                        Form::Inline => Event::InlineHtml(html.into()),
                        Form::Leaf | Form::Block { .. } => {
                            html.push('\n');
                            Event::Html(html.into())
                        }
                    });
                    continue;
                }
            };
            if let Some((lang, text)) = &mut code {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        // The outline knows which fences are components.
                        let outline = self.outline;
                        let is_component =
                            |lang: &str| own && outline.blocks.iter().any(|b| b.fence == lang);
                        let html = match lang.as_deref() {
                            Some(lang) if is_component(lang) => self
                                .hooks
                                .component(self.components.next().unwrap_or_default()),
                            Some("mermaid") => self
                                .diagrams
                                .next()
                                .map_or_else(String::new, |d| d.html.clone()),
                            lang => Highlighter::shared().highlight(text, lang),
                        };
                        events.push(Event::Html(html.into()));
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            if let Some(open) = &mut image {
                match event {
                    Event::Start(Tag::Image { .. }) => open.nested += 1,
                    Event::End(TagEnd::Image) if open.nested > 0 => open.nested -= 1,
                    Event::End(TagEnd::Image) => {
                        let html = self.image_html(open);
                        events.push(Event::InlineHtml(html.into()));
                        image = None;
                    }
                    Event::Text(text)
                    | Event::Code(text)
                    | Event::InlineMath(text)
                    | Event::DisplayMath(text) => open.alt.push_str(&text),
                    Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let from = source.included_from;
                    let src = match from {
                        Some(from) => self.hooks.link_from(from, &dest_url),
                        None => self.hooks.link(&dest_url),
                    };
                    image = Some(OpenImage {
                        src: src.unwrap_or_else(|| dest_url.to_string()),
                        title: title.to_string(),
                        size: self.hooks.image_size(from, &dest_url),
                        srcsets: self.hooks.image_srcsets(from, &dest_url),
                        alt: String::new(),
                        nested: 0,
                    });
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    heading_id = self
                        .headings
                        .next()
                        .map_or_else(|| "section".into(), |h| escape(&h.id));
                    events.push(Event::Html(format!("<{level} id=\"{heading_id}\">").into()));
                }
                Event::End(TagEnd::Heading(level)) => {
                    events.push(Event::Html(
                        format!(
                            " <a class=\"anchor\" href=\"#{heading_id}\" aria-hidden=\"true\" tabindex=\"-1\" data-pagefind-ignore>#</a></{level}>\n"
                        )
                        .into(),
                    ));
                }
                Event::Start(Tag::DefinitionListTitle) => {
                    let id = self.terms.next().map_or_else(String::new, |id| escape(id));
                    events.push(Event::Html(format!("<dt id=\"{id}\">").into()));
                }
                Event::End(TagEnd::DefinitionListTitle) => {
                    events.push(Event::Html("</dt>\n".into()))
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let class = alert(kind);
                    let title = escape(self.hooks.words().text(&format!("alert_{class}")));
                    events.push(Event::Html(
                        format!(
                            "<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{title}</p>\n"
                        )
                        .into(),
                    ));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    events.push(Event::Html("</div>\n".into()))
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().map(str::to_string)
                        }
                        CodeBlockKind::Indented => None,
                    };
                    code = Some((lang, String::new()));
                }
                Event::Start(Tag::Table(align)) => {
                    let label = escape(self.hooks.words().text("table"));
                    events.push(Event::Html(
                        format!(
                            "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"
                        )
                        .into(),
                    ));
                    events.push(Event::Start(Tag::Table(align)));
                }
                Event::End(TagEnd::Table) => {
                    events.push(Event::End(TagEnd::Table));
                    events.push(Event::Html("</div>\n".into()));
                }
                // `<someone@example.org>`: the HTML writer adds `mailto:`; nothing to resolve.
                Event::Start(
                    tag @ Tag::Link {
                        link_type: LinkType::Email,
                        ..
                    },
                ) => {
                    kept_links.push(true);
                    events.push(Event::Start(tag));
                }
                Event::Start(tag @ Tag::Link { .. }) => {
                    let hooks = self.hooks;
                    let url = |dest: &str| match source.included_from {
                        Some(from) => hooks.link_from(from, dest),
                        None => hooks.link(dest),
                    };
                    let tag = map_dest(tag, |dest| match url(&dest) {
                        Some(url) => Some(CowStr::from(url)),
                        None if hooks.unlinked(&dest) => None,
                        None => Some(dest),
                    });
                    kept_links.push(tag.is_some());
                    if let Some(tag) = tag {
                        events.push(Event::Start(tag));
                    }
                }
                // The outline rendered the formulas, in this order.
                Event::InlineMath(_) | Event::DisplayMath(_) => {
                    let html = self.formulas.next().map(|f| f.html.as_str());
                    events.push(Event::InlineHtml(html.unwrap_or_default().into()));
                }
                Event::End(TagEnd::Link) => {
                    if kept_links.pop().unwrap_or(true) {
                        events.push(Event::End(TagEnd::Link));
                    }
                }
                Event::Text(text)
                    if own
                        && self
                            .term_links
                            .get(self.next_term)
                            .is_some_and(|(t, _)| t.start < range.end)
                        && self.markdown.get(range.clone()) == Some(&*text) =>
                {
                    self.link_terms(range, &mut events);
                }
                other => events.push(other),
            }
        }
        let mut out = String::with_capacity(range.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        out
    }

    /// The `<img>` of `image`: with its size if it is a local image, and, below the
    /// page's first image, loading lazily and decoding off the main thread. With
    /// variants, the `<img>` offers them in a `srcset`, inside a `<picture>` that offers
    /// the AVIF ones first, then the WebP ones.
    fn image_html(&mut self, image: &OpenImage) -> String {
        let mut html = String::new();
        let srcsets = image.srcsets.as_ref();
        let picture = srcsets.filter(|s| !s.webp.is_empty() || !s.avif.is_empty());
        if let Some(srcsets) = picture {
            html.push_str("<picture>");
            for (kind, candidates) in [("avif", &srcsets.avif), ("webp", &srcsets.webp)] {
                if candidates.is_empty() {
                    continue;
                }
                html.push_str(&format!("<source type=\"image/{kind}\" srcset=\""));
                html.push_str(&srcset_text(candidates, href));
                html.push_str("\" sizes=\"");
                let _ = escape_html(&mut html, &srcsets.sizes);
                html.push_str("\" />");
            }
        }
        html.push_str("<img src=\"");
        let _ = escape_href(&mut html, &image.src);
        if let Some(srcsets) = srcsets.filter(|s| !s.own.is_empty()) {
            html.push_str("\" srcset=\"");
            html.push_str(&srcset_text(&srcsets.own, href));
            html.push_str("\" sizes=\"");
            let _ = escape_html(&mut html, &srcsets.sizes);
        }
        html.push_str("\" alt=\"");
        let _ = escape_html(&mut html, &image.alt);
        if !image.title.is_empty() {
            html.push_str("\" title=\"");
            let _ = escape_html(&mut html, &image.title);
        }
        html.push('"');
        if let Some(ImageSize { width, height }) = image.size {
            html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        if self.images > 0 {
            html.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
        self.images += 1;
        html.push_str(" />");
        if picture.is_some() {
            html.push_str("</picture>");
        }
        html
    }

    /// Pushes the text at `range` (of the markdown) with its term mentions linked.
    fn link_terms<'e>(&mut self, range: Range<usize>, events: &mut Vec<Event<'e>>)
    where
        'm: 'e,
    {
        let markdown = self.markdown;
        let mut at = range.start;
        while let Some((term, url)) = self
            .term_links
            .get(self.next_term)
            .filter(|(t, _)| t.end <= range.end)
        {
            self.next_term += 1;
            if term.start < at {
                continue;
            }
            events.push(Event::Text(markdown[at..term.start].into()));
            let open = format!("<a class=\"term\" href=\"{}\">", escape(url));
            events.push(Event::InlineHtml(open.into()));
            events.push(Event::Text(markdown[term.clone()].into()));
            events.push(Event::InlineHtml("</a>".into()));
            at = term.end;
        }
        events.push(Event::Text(markdown[at..range.end].into()));
    }

    /// The HTML of `call`, the `index`th call of the body of call `parent`.
    fn call(&mut self, source: &Part, call: &Call, index: usize, parent: Option<usize>) -> String {
        if let Some(included) = &call.include {
            let file = Part {
                window: &included.file.text,
                window_start: 0,
                included_from: Some(&included.content_path),
            };
            return self.part(&file, included.range.clone(), &included.calls, parent);
        }
        let id = self.calls;
        self.calls += 1;
        let body = match &call.form {
            Form::Block { body, children, .. } => {
                Some(self.part(source, body.clone(), children, Some(id)))
            }
            Form::Inline | Form::Leaf => None,
        };
        let args = call
            .args
            .iter()
            .map(|arg| {
                let value = match &arg.value {
                    ArgValue::Text(dest) if LINK_ARGS.contains(&arg.name.as_str()) => {
                        let url = match source.included_from {
                            Some(from) => self.hooks.link_from(from, dest),
                            None => self.hooks.link(dest),
                        };
                        ArgValue::Text(url.unwrap_or_else(|| dest.clone()))
                    }
                    value => value.clone(),
                };
                (arg.name.clone(), value)
            })
            .collect();
        self.hooks.shortcode(&ShortcodeCall {
            call,
            args,
            body,
            id,
            index,
            parent,
        })
    }
}

/// The class suffix of a GFM alert; its title is the phrase `alert_<class>`.
fn alert(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// `url` escaped for an attribute, as pulldown-cmark writes a link's destination.
fn href(url: &str) -> String {
    let mut out = String::new();
    let _ = escape_href(&mut out, url);
    out
}

#[cfg(test)]
mod tests {
    use super::super::outline;
    use super::*;

    struct Hooks;
    impl RenderHooks for Hooks {
        fn link(&self, dest: &str) -> Option<String> {
            dest.strip_prefix("@/")
                .map(|p| format!("/{}", p.replace(".md", "/")))
        }
        fn component(&self, index: usize) -> String {
            format!("<div class=\"component\">{index}</div>\n")
        }
        fn unlinked(&self, dest: &str) -> bool {
            dest == "draft.md"
        }
    }

    fn render(md: &str) -> String {
        let o = outline(md, 0..md.len(), &["compare", "decision"]);
        render_html(md, &o, &Hooks)
    }

    #[test]
    fn shortcode_bodies_share_the_pages_heading_ids_and_calls_know_their_place() {
        struct Calls;
        impl RenderHooks for Calls {
            fn link(&self, _: &str) -> Option<String> {
                None
            }
            fn component(&self, _: usize) -> String {
                String::new()
            }
            fn shortcode(&self, call: &ShortcodeCall) -> String {
                format!(
                    "<{0} id={1} index={2} parent={3:?}>{4}</{0}>",
                    call.call.name,
                    call.id,
                    call.index,
                    call.parent,
                    call.body.as_deref().unwrap_or_default()
                )
            }
        }
        let md = "## A\n\n:::box\n## A\n\n::inner{n=1}\n:::\n\n## A :mark{x=\"y\"}\n";
        let html = render_html(md, &outline(md, 0..md.len(), &[]), &Calls);
        assert!(html.contains("<h2 id=\"a\">"), "{html}");
        assert!(
            html.contains("<box id=0 index=0 parent=None><h2 id=\"a-1\">"),
            "{html}"
        );
        assert!(
            html.contains("<inner id=1 index=0 parent=Some(0)></inner>"),
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"a-2\">A <mark id=2 index=1 parent=None></mark> <a"),
            "{html}"
        );
    }

    #[test]
    fn term_links_wrap_their_mention() {
        struct Terms;
        impl RenderHooks for Terms {
            fn link(&self, _: &str) -> Option<String> {
                None
            }
            fn component(&self, _: usize) -> String {
                String::new()
            }
            fn term_links(&self) -> Vec<(std::ops::Range<usize>, String)> {
                vec![(4..7, "/g/icp/".to_string())]
            }
        }
        let md = "Our ICP & more.";
        let html = render_html(md, &outline(md, 0..md.len(), &[]), &Terms);
        assert_eq!(
            html,
            "<p>Our <a class=\"term\" href=\"/g/icp/\">ICP</a> &amp; more.</p>\n"
        );
    }

    #[test]
    fn headings_get_ids_and_anchors() {
        let html = render("## A b\n\n## A b\n");
        assert!(
            html.contains("<h2 id=\"a-b\">A b <a class=\"anchor\" href=\"#a-b\""),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"a-b-1\">"), "{html}");
        assert!(html.contains("href=\"#a-b-1\""), "{html}");
    }

    #[test]
    fn internal_links_are_rewritten() {
        let html = render("[x](@/c/p.md)\n");
        assert!(html.contains("<a href=\"/c/p/\">x</a>"), "{html}");
    }

    #[test]
    fn unlinked_destinations_keep_their_text_only() {
        let html = render("See [the *draft*](draft.md) and [x](@/c/p.md).\n");
        assert_eq!(
            html,
            "<p>See the <em>draft</em> and <a href=\"/c/p/\">x</a>.</p>\n"
        );
    }

    #[test]
    fn component_blocks_are_replaced() {
        let html = render("```compare\ndataset: d\n```\n\n```decision\nfilter: f\n```\n");
        assert!(html.contains("<div class=\"component\">0</div>"), "{html}");
        assert!(html.contains("<div class=\"component\">1</div>"), "{html}");
        assert!(!html.contains("dataset: d"));
    }

    #[test]
    fn tables_scroll_in_their_own_box() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.starts_with("<div class=\"table-scroll\""), "{html}");
        assert!(
            html.trim_end().ends_with("</table>\n</div>") || html.contains("</table>\n</div>"),
            "{html}"
        );
    }

    #[test]
    fn alerts_are_labelled_notes() {
        let html = render("> [!WARNING]\n> Mind *this*.\n\n> Plain.\n");
        assert!(
            html.starts_with(
                "<div class=\"alert alert-warning\" role=\"note\"><p class=\"alert-title\">Warning</p>\n<p>Mind <em>this</em>.</p>\n</div>\n"
            ),
            "{html}"
        );
        assert!(
            html.contains("<blockquote>\n<p>Plain.</p>\n</blockquote>"),
            "{html}"
        );
    }

    #[test]
    fn definition_terms_carry_their_ids() {
        let html = render("## Terms\n\nFront matter\n: The data.\n");
        assert!(
            html.contains(
                "<dl>\n<dt id=\"front-matter\">Front matter</dt>\n<dd>The data.</dd>\n</dl>"
            ),
            "{html}"
        );
    }

    #[test]
    fn an_image_in_alt_text_gives_its_text_and_no_second_img() {
        let html = render("![a ![b *c*](x.png) d](y.png) ![e](z.png)\n");
        assert_eq!(
            html,
            "<p><img src=\"y.png\" alt=\"a b c d\" /> \
             <img src=\"z.png\" alt=\"e\" loading=\"lazy\" decoding=\"async\" /></p>\n"
        );
        // The first image's alt text is its inner image's, which has none.
        let md = "![![](x.png)](y.png) ![x ![](i.png)](z.png)";
        let o = outline(md, 0..md.len(), &[]);
        let places: Vec<_> = o
            .images_without_alt
            .iter()
            .map(|(at, _)| (at.start, at.end))
            .collect();
        assert_eq!(places, [(0, 20)]);
    }

    #[test]
    fn gfm_extensions() {
        let html = render("~~old~~ and \"quoted\"\n\n- [x] done\n\nNote[^1].\n\n[^1]: Source.\n");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("“quoted”"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }
}
