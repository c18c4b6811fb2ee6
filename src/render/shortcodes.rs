//! Rendering a page's shortcode calls with the components in `shortcodes/NAME.html`.
//!
//! A call's arguments become the component's arguments; its body (rendered markdown)
//! is `body`. A component may also ask for three implicit values (`@page`, `@site`,
//! `@shortcode`): the page's title, URL, description, date and `extra`; the site's
//! title, description, language, root and `extra`; and the call's own `id` (unique on
//! the page), `index` among the calls of the same body and `parent` id. A fourth,
//! `@image`, describes the local image its `src` names (see [`ImageView`]).

use std::cell::{OnceCell, RefCell};

use serde_json::json;
use tera::Context;

use super::Templates;
use crate::diagnostics::Diagnostic;
use crate::markdown::ShortcodeCall;
use crate::model::{Page, Site};

/// `@image`: the local image a call's `src` names, for a template to write as the
/// markdown's images are written: its size (0 if unknown: not a local image) and, if
/// the site makes its variants, the `srcset` of its `<img>`, those of a WebP and an
/// AVIF `<source>` and their `sizes` (each empty otherwise).
#[derive(Debug, Default, serde::Serialize)]
pub(super) struct ImageView {
    pub width: u32,
    pub height: u32,
    pub srcset: String,
    pub webp_srcset: String,
    pub avif_srcset: String,
    pub sizes: String,
}

/// Renders the calls of one page; the first failure is kept for the page to report.
pub(super) struct PageShortcodes<'a> {
    templates: &'a Templates,
    site: &'a Site,
    page: &'a Page,
    /// `@page` and `@site`, made at the first call (most pages make none).
    data: OnceCell<(serde_json::Value, serde_json::Value)>,
    failure: RefCell<Option<Diagnostic>>,
}

impl<'a> PageShortcodes<'a> {
    /// The calls of `page`.
    pub(super) fn new(templates: &'a Templates, site: &'a Site, page: &'a Page) -> Self {
        PageShortcodes {
            templates,
            site,
            page,
            data: OnceCell::new(),
            failure: RefCell::new(None),
        }
    }

    /// The HTML of `call`, whose `src` is `image`, or nothing if its template fails
    /// (see [`Self::failure`]).
    pub(super) fn render(&self, call: &ShortcodeCall, image: &ImageView) -> String {
        self.try_render(call, image).unwrap_or_else(|d| {
            self.failure.borrow_mut().get_or_insert(d);
            String::new()
        })
    }

    /// The first call that failed to render, as an error at the call.
    pub(super) fn failure(&self) -> Option<Diagnostic> {
        self.failure.borrow_mut().take()
    }

    fn try_render(&self, call: &ShortcodeCall, image: &ImageView) -> Result<String, Diagnostic> {
        let mut args = Context::new();
        for (name, value) in &call.args {
            args.insert(name.clone(), value);
        }
        let (page, site) = self.data.get_or_init(|| self.data());
        let mut implicits = Context::new();
        implicits.insert("page", page);
        implicits.insert("site", site);
        implicits.insert("image", image);
        implicits.insert(
            "shortcode",
            &json!({
                "id": format!("sc-{}", call.id),
                "index": call.index,
                "parent": call.parent.map(|p| format!("sc-{p}")).unwrap_or_default(),
            }),
        );
        let name = &call.call.name;
        let body = call.body.as_deref().unwrap_or_default();
        self.templates
            .render_shortcode(name, &args, &implicits, body)
            .map_err(|d| {
                Diagnostic::error(format!(
                    "the shortcode `{name}` failed: {}",
                    d.message.trim_start_matches("template error: ")
                ))
                .at(&self.page.source, call.call.range.clone())
                .with_hint(format!(
                    "the template is templates/shortcodes/{name}.html{}",
                    d.line_col()
                        .map(|at| format!(", line {}", at.line))
                        .unwrap_or_default()
                ))
            })
    }

    /// `@page` and `@site`.
    fn data(&self) -> (serde_json::Value, serde_json::Value) {
        let (site, page) = (self.site, self.page);
        let page = json!({
            "title": page.title,
            "url": site.urls.path(&page.site_path),
            "description": page.front.description.clone().unwrap_or_default(),
            "date": page.front.date.map(|d| d.iso()).unwrap_or_default(),
            "extra": page.front.extra,
        });
        let site = json!({
            "title": site.config.title,
            "description": site.config.description,
            "language": site.config.language,
            "root": site.urls.prefix(),
            "extra": site.config.extra,
        });
        (page, site)
    }
}
