//! What the server's threads share: the site being served and the pages listening
//! for changes.

use std::sync::{Arc, RwLock};

use super::events::{Event, Hub};
use super::snapshot::Snapshot;
use crate::output::OutputFile;

/// The last good build, and the pages to tell about the next one.
#[derive(Debug)]
pub(super) struct Live {
    site: RwLock<Arc<Snapshot>>,
    /// The open pages, listening for rebuilds and errors.
    pub hub: Hub,
}

impl Live {
    /// Nothing built yet.
    pub(super) fn new() -> Live {
        let site = Snapshot::empty();
        let hub = Hub::new(Event::Reload(site.build.clone()));
        Live {
            site: RwLock::new(Arc::new(site)),
            hub,
        }
    }

    /// The site as it is served now.
    pub(super) fn site(&self) -> Arc<Snapshot> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Serves `site` from now on.
    pub(super) fn replace(&self, site: Snapshot) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
    }

    /// Changes the site served by `change`: in place when no request is reading it
    /// (between edits, the usual case), else on a copy, so that a request being
    /// answered keeps the build it started with. Requests wait while it runs.
    pub(super) fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        let mut served = self.site.write().unwrap_or_else(|e| e.into_inner());
        change(Arc::make_mut(&mut served));
    }

    /// Replaces the files under `prefix` (`pagefind/`) of the site served by `files`
    /// (its search index), if the build served now is `build`, the one they were made
    /// for; otherwise a newer build is served and `files` are dropped. Says which.
    pub(super) fn add_folder(&self, build: &str, prefix: &str, files: Vec<OutputFile>) -> bool {
        let mut served = self.site.write().unwrap_or_else(|e| e.into_inner());
        if served.build != build {
            return false;
        }
        Arc::make_mut(&mut served).replace_folder(prefix, files);
        true
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}
