//! The search index, built in the background from the model being served.
//!
//! The server builds without the index first (the page reloads at once). Then, on
//! another thread, pillar's index writer reads the model that build left in memory (the
//! builder's [`SiteState`], shared with this thread) and its index replaces the served
//! build's, under the same build id and without reloading any page, if no newer build
//! has replaced that build meanwhile. Until then the previous build's index is served.
//! Nothing is built a second time and nothing is read from disk; the model stays locked
//! while it is read, so an edit saved meanwhile waits for the index to be made.

use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::served::Live;
use crate::pipeline::SiteState;
use crate::progress::Progress;
use crate::search;
use crate::urls::SEARCH_BUNDLE;

/// How long no new build must come before the index is built, so a burst of edits does
/// not keep the indexer competing with the builds the author is waiting for.
const PAUSE: Duration = Duration::from_millis(1000);

/// What the last good build made of the site (the model the served pages were rendered
/// from), shared by the builder, which updates it, and the indexer, which reads it.
#[derive(Default, Clone)]
pub(super) struct SharedState(Arc<Mutex<Option<SiteState>>>);

impl SharedState {
    /// The state, locked.
    pub(super) fn lock(&self) -> MutexGuard<'_, Option<SiteState>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Sends builds to the background indexer.
#[derive(Debug)]
pub(super) struct Indexer {
    requests: Sender<String>,
}

impl Indexer {
    /// Starts the indexing thread, which indexes `state` for the build `live` serves.
    pub(super) fn spawn(state: SharedState, live: Arc<Live>) -> Indexer {
        let (requests, received) = channel::<String>();
        std::thread::spawn(move || {
            while let Ok(mut build) = received.recv() {
                // Wait for the author to pause; only the newest build matters.
                while let Ok(newer) = received.recv_timeout(PAUSE) {
                    build = newer;
                }
                let bundle = {
                    let state = state.lock();
                    // The builder stores a build's state before serving it: while the
                    // build asked for is served, the state is its own or a newer one's.
                    match state.as_ref() {
                        Some(state) if live.site().build == build => {
                            search::bundle(&state.search_trees(), &Progress::none())
                        }
                        _ => continue,
                    }
                };
                match bundle {
                    Ok(files) => {
                        let indexed = live.site().with_folder(SEARCH_BUNDLE, files);
                        live.replace_if_current(indexed);
                    }
                    Err(d) => eprintln!("cannot index the site for search: {}", d.message),
                }
            }
        });
        Indexer { requests }
    }

    /// Asks for the search index of build `build`, the one just served.
    pub(super) fn index(&self, build: String) {
        // The thread only stops when the indexer is dropped.
        let _ = self.requests.send(build);
    }
}
