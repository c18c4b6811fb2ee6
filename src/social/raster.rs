//! SVG to PNG with resvg, with the theme's fonts and nothing from the machine.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, fontdb};
use siphasher::sip128::{Hasher128, SipHasher13};

use super::{HEIGHT, WIDTH};
use crate::diagnostics::Diagnostic;

/// Draws cards: the fonts loaded once per build, shared by every thread.
pub(super) struct Rasteriser {
    options: usvg::Options<'static>,
    fonts_hash: u128,
}

impl Rasteriser {
    /// A rasteriser that knows the fonts `fonts` (the theme's `fonts/`) and no others.
    /// Text in a family the theme lacks is drawn in its first font.
    pub(super) fn new(fonts: &BTreeMap<String, Vec<u8>>) -> Result<Rasteriser, Diagnostic> {
        let mut db = fontdb::Database::new();
        let mut hasher = SipHasher13::new();
        for (name, bytes) in fonts {
            db.load_font_data(bytes.clone());
            hasher.write(name.as_bytes());
            hasher.write(bytes);
        }
        let Some(first) = db.faces().next() else {
            return Err(Diagnostic::error(
                "`social_cards: true` needs a font, and the theme's fonts/ folder has none",
            )
            .in_file("content/site.yaml")
            .with_hint("put a .ttf or .otf file in the theme's fonts/ folder"));
        };
        let family = first.families.first().map(|(name, _)| name.clone());
        let options = usvg::Options {
            font_family: family.unwrap_or_default(),
            fontdb: Arc::new(db),
            // An <image> may not read the machine's files: a card is made of its
            // template and fonts alone.
            image_href_resolver: ImageHrefResolver {
                resolve_data: ImageHrefResolver::default_data_resolver(),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        Ok(Rasteriser {
            options,
            fonts_hash: hasher.finish128().as_u128(),
        })
    }

    /// The hash of the fonts' names and bytes, part of every cache key.
    pub(super) fn fonts_hash(&self) -> u128 {
        self.fonts_hash
    }

    /// The SVG `svg` as a PNG of [`WIDTH`] × [`HEIGHT`], scaled to fill it; the reason
    /// if resvg cannot read it.
    pub(super) fn png(&self, svg: &str) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| e.to_string())?;
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or("the card has no pixels")?;
        let size = tree.size();
        let scale =
            Transform::from_scale(WIDTH as f32 / size.width(), HEIGHT as f32 / size.height());
        resvg::render(&tree, scale, &mut pixmap.as_mut());
        pixmap.encode_png().map_err(|e| e.to_string())
    }
}
