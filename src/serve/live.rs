//! What the server shares between its threads: the site being served and the pages
//! listening for changes; and the builder that replaces the site after each change.

use std::io::IsTerminal;
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::events::{Event, Hub};
use super::search::Indexer;
use super::snapshot::Snapshot;
use crate::pipeline::{BuildOptions, build_in_memory};
use crate::report::{self, Style};
use crate::write::BUNDLE_DIR;

/// The last good build, and the pages to tell about the next one.
#[derive(Debug)]
pub struct Live {
    site: RwLock<Arc<Snapshot>>,
    /// The open pages, listening for rebuilds and errors.
    pub hub: Hub,
}

impl Live {
    /// Nothing built yet.
    pub fn new() -> Live {
        let site = Snapshot::empty();
        let hub = Hub::new(Event::Reload(site.build.clone()));
        Live {
            site: RwLock::new(Arc::new(site)),
            hub,
        }
    }

    /// The site as it is served now.
    pub fn site(&self) -> Arc<Snapshot> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn replace(&self, site: Snapshot) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
    }

    /// Replaces the site by `site` if the site served now is the same build (the same
    /// sources, with more files); otherwise a newer build is served and `site` is dropped.
    pub fn replace_if_current(&self, site: Snapshot) {
        let mut served = self.site.write().unwrap_or_else(|e| e.into_inner());
        if served.build == site.build {
            *served = Arc::new(site);
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// Builds the site in memory, again and again, and swaps each good build in.
#[derive(Debug)]
pub struct Builder {
    options: BuildOptions,
    live: Arc<Live>,
    /// Adds the search index to each build in the background, if the site has one.
    indexer: Option<Indexer>,
    /// Distinguishes this server's builds from an earlier server's on the same port.
    session: String,
    generation: u64,
    /// The diagnostics last printed, so an unchanged list is not printed again.
    last_report: String,
    style: Style,
}

impl Builder {
    /// A builder for the site `options` describe, serving it through `live`.
    pub fn new(options: BuildOptions, live: Arc<Live>) -> Builder {
        let indexer = options
            .search
            .then(|| Indexer::spawn(options.clone(), Arc::clone(&live)));
        let options = BuildOptions {
            search: false,
            ..options
        };
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let style = if std::io::stderr().is_terminal() {
            Style::Terminal
        } else {
            Style::Plain
        };
        Builder {
            options,
            live,
            indexer,
            session: format!("{started:x}"),
            generation: 0,
            last_report: String::new(),
            style,
        }
    }

    /// Builds the site (without its search index, which follows in the background). On
    /// success the new build is served and every open page told to reload; on failure the last good build stays and the pages are shown the errors.
    /// Errors are printed to the terminal every time, warnings when they change.
    pub fn build(&mut self) {
        let start = Instant::now();
        let (outcome, output) = build_in_memory(&self.options);
        let ok = match output {
            Some(output) => {
                self.generation += 1;
                let build = format!("{}-{}", self.session, self.generation);
                let mut site = Snapshot::new(build.clone(), output);
                site.keep_from(&self.live.site(), BUNDLE_DIR);
                self.live.replace(site);
                self.live.hub.publish(Event::Reload(build.clone()));
                if let Some(indexer) = &self.indexer {
                    indexer.index(build);
                }
                true
            }
            None => {
                self.live.hub.publish(Event::errors(&outcome.diagnostics));
                false
            }
        };
        let elapsed = start.elapsed();
        let text = report::render(&outcome.diagnostics, self.style);
        if !ok || text != self.last_report {
            eprint!("{text}");
            self.last_report = text;
        }
        let summary = report::summary(&outcome.diagnostics);
        let ms = elapsed.as_secs_f64() * 1000.0;
        if ok {
            eprintln!("built {} pages in {ms:.1} ms ({summary})", outcome.pages);
        } else {
            eprintln!("build failed in {ms:.1} ms ({summary}); still serving the last good build");
        }
    }
}
