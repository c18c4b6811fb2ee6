//! The write stage: the files derived from the whole site (sitemap, feeds, robots.txt,
//! redirects for aliases), then the atomic publication of the output tree.

mod aliases;
mod feed;
mod guard;
pub(crate) mod machine;
mod publish;
mod search;
mod sitemap;

pub use guard::{Destination, check_output, check_sources};
pub use machine::machine_files;
pub use publish::{PublishError, publish};
pub use search::{BUNDLE_DIR, index_files, index_tree};

use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// The site-wide files: `sitemap.xml`, `atom.xml` and one feed per cluster,
/// `robots.txt`, and a redirect page for every alias. Conflicts between an alias and
/// a real page are errors.
pub fn site_files(site: &Site, pages: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = sitemap::sitemap(site, pages);
    files.extend([
        feed::site_feed(site),
        OutputFile::new(
            urls::ROBOTS,
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                site.urls.absolute(urls::SITEMAP)
            ),
        ),
    ]);
    files.extend(feed::cluster_feeds(site));
    files.extend(aliases::redirects(site, pages)?);
    Ok(files)
}
