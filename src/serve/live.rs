//! The builder that replaces the site being served ([`Live`]) after each change.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::asset::AssetReader;
use super::events::Event;
use super::search::{Indexer, SharedState};
use super::served::Live;
use super::snapshot::Snapshot;
use crate::diagnostics::Diagnostic;
use crate::incremental;
use crate::pipeline::{BuildOptions, SiteState, build_keeping_state};
use crate::report::{self, Style};
use crate::search::kept::Changed;
use crate::urls::SEARCH_BUNDLE;

/// Builds the site in memory, again and again, and swaps each good build in.
pub(super) struct Builder {
    options: BuildOptions,
    live: Arc<Live>,
    /// What the last build made of the site, if it succeeded and nothing changed since
    /// that it does not know of: the state an edit of one page is applied to, and the
    /// search index is made from.
    state: SharedState,
    /// The diagnostics of the last build (warnings, if it succeeded: then `state` is
    /// that build's).
    reported: Vec<Diagnostic>,
    /// While edits after the last good build give errors found without a full build:
    /// that build's state, the files changed since, and that build's diagnostics. The
    /// next edit is applied to it with those files, as the last good build is still
    /// the one served.
    unserved: Option<(SiteState, Vec<PathBuf>, Vec<Diagnostic>)>,
    /// The threads builds run on. Not rayon's global pool, which the search indexer
    /// (and Pagefind inside it) keeps busy for long stretches: a rebuild the author is
    /// waiting for must not queue behind that work.
    pool: Option<rayon::ThreadPool>,
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
    pub(super) fn new(options: BuildOptions, live: Arc<Live>) -> Builder {
        Builder::with_indexer(options, live, Indexer::spawn)
    }

    /// [`Builder::new`], its search index made by the indexer `spawn` starts (if the
    /// site has search).
    pub(super) fn with_indexer(
        options: BuildOptions,
        live: Arc<Live>,
        spawn: impl FnOnce(SharedState, Arc<Live>) -> Indexer,
    ) -> Builder {
        let state = SharedState::default();
        let indexer = options
            .search
            .then(|| spawn(state.clone(), Arc::clone(&live)));
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
            state,
            reported: Vec::new(),
            unserved: None,
            pool: rayon::ThreadPoolBuilder::new().build().ok(),
            indexer,
            session: format!("{started:x}"),
            generation: 0,
            last_report: String::new(),
            style,
        }
    }

    /// Rebuilds after the files `changed` (relative to the root) changed: only what the
    /// edit reaches is rendered again, where [`incremental`] can tell; otherwise the
    /// whole site is built.
    pub(super) fn rebuild(&mut self, changed: &[PathBuf]) {
        let start = Instant::now();
        let (state, changed, reported) = match (self.state.take(), self.unserved.take()) {
            (Some(state), _) => (state, changed.to_vec(), self.reported.clone()),
            (None, Some((state, mut before, reported))) => {
                before.extend_from_slice(changed);
                before.sort();
                before.dedup();
                (state, before, reported)
            }
            (None, None) => return self.build(),
        };
        let options = &self.options;
        let rebuilt = self.on_pool(|| incremental::rebuild(options, state, &changed, &reported));
        let rebuilt = match rebuilt {
            None => return self.build(),
            Some(Ok(rebuilt)) => rebuilt,
            Some(Err(failed)) => {
                self.unserved = failed.state.map(|state| (state, changed, reported));
                return self.failed(failed.diagnostics, start);
            }
        };
        let pages = rebuilt.files.len();
        let changed = Changed::Files(rebuilt.files.iter().map(|f| f.path.clone()).collect());
        let build = self.next_build();
        // Kept before the build is served, for the indexer.
        self.state.set(Some((build.clone(), rebuilt.state)));
        let (files, gone) = (rebuilt.files, rebuilt.gone);
        (self.live).update(|site| site.apply(build.clone(), files, &gone));
        self.announce(build, changed);
        self.reported = rebuilt.diagnostics;
        self.print_report(true);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        eprintln!(
            "rebuilt {} in {ms:.1} ms",
            crate::output::count(pages, "page")
        );
        // What the edit replaced is freed here, with the rest of `rebuilt`, once the
        // edit is served.
    }

    /// Builds the whole site (without its search index, which follows in the background).
    /// On success the new build is served and every open page told to reload; on failure
    /// the last good build stays and the pages are shown the errors. Errors are printed to
    /// the terminal every time, warnings when they change.
    pub(super) fn build(&mut self) {
        let start = Instant::now();
        self.unserved = None;
        let (outcome, built) = self.on_pool(|| build_keeping_state(&self.options));
        let ok = match built {
            Some((output, state)) => {
                let build = self.next_build();
                let follow = state.site.config.follow_symlinks;
                let reader = Arc::new(AssetReader::new(&self.options.root, follow));
                let mut site = Snapshot::new(build.clone(), output, reader);
                site.keep_from(&self.live.site(), SEARCH_BUNDLE);
                // Kept before the build is served, for the indexer.
                self.state.set(Some((build.clone(), state)));
                self.serve(build, site, Changed::All);
                true
            }
            None => {
                self.state.set(None);
                self.live.hub.publish(Event::errors(&outcome.diagnostics));
                false
            }
        };
        let elapsed = start.elapsed();
        self.reported = outcome.diagnostics.clone();
        self.print_report(ok);
        let summary = report::summary(&outcome.diagnostics);
        let ms = elapsed.as_secs_f64() * 1000.0;
        if ok {
            eprintln!("built {} pages in {ms:.1} ms ({summary})", outcome.pages);
        } else {
            eprintln!("build failed in {ms:.1} ms ({summary}); still serving the last good build");
        }
    }

    /// Shows the errors of an edited site found without a full build (see
    /// [`incremental::rebuild`]), as [`Builder::build`] shows a failed build's.
    fn failed(&mut self, diagnostics: Vec<Diagnostic>, start: Instant) {
        self.live.hub.publish(Event::errors(&diagnostics));
        self.reported = diagnostics;
        self.print_report(false);
        let summary = report::summary(&self.reported);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        eprintln!("build failed in {ms:.1} ms ({summary}); still serving the last good build");
    }

    /// Prints the diagnostics of the last build: every time after a failed build, and
    /// after a good one when they changed.
    fn print_report(&mut self, ok: bool) {
        let text = report::render(&self.reported, self.style);
        if !ok || text != self.last_report {
            eprint!("{text}");
            self.last_report = text;
        }
    }

    /// Runs `work` on the builder's own threads.
    fn on_pool<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    /// The id of the next build.
    fn next_build(&mut self) -> String {
        self.generation += 1;
        format!("{}-{}", self.session, self.generation)
    }

    /// Serves `site`, and tells of it (see [`Builder::announce`]).
    fn serve(&self, build: String, site: Snapshot, changed: Changed) {
        self.live.replace(site);
        self.announce(build, changed);
    }

    /// Tells every open page to reload, now that build `build` is served, and asks for
    /// its search index, telling the indexer what `changed` since the build before.
    fn announce(&self, build: String, changed: Changed) {
        self.live.hub.publish(Event::Reload(build.clone()));
        if let Some(indexer) = &self.indexer {
            indexer.index(build, changed);
        }
    }
}
