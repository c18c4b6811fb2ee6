//! Social cards (`social_cards: true` in `site.yaml`): an Open Graph image for every
//! markdown page, drawn at build time.
//!
//! The theme's `social_card.svg` is a Tera template ([`card`] gives it the page's title
//! in lines, its section and the site's name); [`raster`] turns the SVG into a PNG with
//! resvg and the theme's fonts only, so a card is the same on every machine; [`cache`]
//! keeps each PNG under `.pillar-cache/social/`, named by the hash of all that made it,
//! so a rebuild rasterises only the cards whose inputs changed. Cards are drawn on all
//! cores and land at [`crate::urls::social_card`].

mod cache;
mod card;
mod raster;

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Page, Site};
use crate::output::OutputFile;
use crate::render::Templates;
use crate::urls;
use cache::Cache;
use raster::Rasteriser;

/// The width of a card in pixels (Open Graph's recommended 1.91:1).
pub(crate) const WIDTH: u32 = 1200;
/// The height of a card in pixels.
pub(crate) const HEIGHT: u32 = 630;
/// The theme's template of a card.
pub(crate) const TEMPLATE: &str = "social_card.svg";
/// The folder under the site's root where drawn cards are kept between builds, beside
/// the other caches of `.pillar-cache/`.
pub(crate) const CACHE_DIR: &str = ".pillar-cache/social";

/// The card of every markdown page, in page order, when the site asks for them
/// (nothing otherwise). Cards already drawn are read from the cache under `root`, and
/// new ones kept there if `write_cache`; problems with the cache itself are warnings,
/// never a failed build. A template that fails, or makes SVG resvg cannot read, is one
/// error naming the template.
pub(crate) fn cards(
    site: &Site,
    templates: &Templates,
    root: &Path,
    write_cache: bool,
) -> (Vec<OutputFile>, Diagnostics) {
    let mut problems = Diagnostics::new();
    if !site.config.social_cards {
        return (Vec::new(), problems);
    }
    let rasteriser = match Rasteriser::new(&site.theme.fonts) {
        Ok(rasteriser) => rasteriser,
        Err(d) => {
            problems.push(d);
            return (Vec::new(), problems);
        }
    };
    let cache = Cache::new(root.join(CACHE_DIR), rasteriser.fonts_hash());
    let drawn: Vec<Result<Drawn, Diagnostic>> = site
        .pages
        .par_iter()
        .map(|page| draw(site, page, templates, &rasteriser, &cache, write_cache))
        .collect();
    let mut files = Vec::with_capacity(drawn.len());
    let mut keys = HashSet::with_capacity(drawn.len());
    let mut cache_problem = None;
    for result in drawn {
        match result {
            Ok(card) => {
                files.push(card.file);
                keys.insert(card.key);
                cache_problem = cache_problem.or(card.not_kept);
            }
            // One broken template breaks every card alike: report it once.
            Err(d) => {
                problems.push(d);
                return (Vec::new(), problems);
            }
        }
    }
    if write_cache && cache_problem.is_none() {
        cache_problem = cache.keep_only(&keys).err();
    }
    problems.extend(cache_problem);
    (files, problems)
}

/// A page's card, with its cache key and why it could not be kept, if it could not.
struct Drawn {
    file: OutputFile,
    key: String,
    not_kept: Option<Diagnostic>,
}

/// The card of `page`: from the cache if it holds it, else drawn (and kept there if
/// `write_cache`).
fn draw(
    site: &Site,
    page: &Page,
    templates: &Templates,
    rasteriser: &Rasteriser,
    cache: &Cache,
    write_cache: bool,
) -> Result<Drawn, Diagnostic> {
    let path = urls::social_card(&page.site_path);
    let svg = templates.render(TEMPLATE, &card::context(site, page))?;
    let key = cache.key(&svg);
    if let Some(png) = cache.get(&key) {
        return Ok(Drawn {
            file: OutputFile::new(path, png),
            key,
            not_kept: None,
        });
    }
    let png = rasteriser.png(&svg).map_err(|reason| {
        Diagnostic::error(format!(
            "the social card of {} is not an image resvg can draw: {reason}",
            page.source.path.display()
        ))
        .in_file(template_file(site))
        .with_hint("the template must make one well-formed <svg> element")
    })?;
    let not_kept = write_cache.then(|| cache.put(&key, &png).err()).flatten();
    Ok(Drawn {
        file: OutputFile::new(path, png),
        key,
        not_kept,
    })
}

/// The file the card template came from, for errors (the theme's, or the default's).
fn template_file(site: &Site) -> String {
    site.theme
        .templates
        .get(TEMPLATE)
        .map(|file| file.path.display().to_string())
        .unwrap_or_else(|| format!("templates/{TEMPLATE}"))
}
