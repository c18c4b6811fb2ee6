//! The search index, built in the background.
//!
//! Indexing the whole site for search takes far longer than building it, so the server
//! builds without the index first (the page reloads at once), then builds again with
//! the index on another thread and swaps that build in, under the same build id and
//! without reloading any page, if no newer build has replaced the first meanwhile. Until
//! then the previous build's index is served.

use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

use super::served::Live;
use super::snapshot::Snapshot;
use crate::pipeline::{BuildOptions, build_in_memory};

/// How long no new build must come before the index is built, so a burst of edits does
/// not keep the indexer competing with the builds the author is waiting for.
const PAUSE: Duration = Duration::from_millis(1000);

/// Sends builds to the background indexer.
#[derive(Debug)]
pub struct Indexer {
    requests: Sender<String>,
}

impl Indexer {
    /// Starts the indexing thread for the site `options` describe (with its search index).
    pub fn spawn(options: BuildOptions, live: Arc<Live>) -> Indexer {
        let (requests, received) = channel::<String>();
        std::thread::spawn(move || {
            while let Ok(mut build) = received.recv() {
                // Wait for the author to pause; only the newest build matters.
                while let Ok(newer) = received.recv_timeout(PAUSE) {
                    build = newer;
                }
                let reader = {
                    let served = live.site();
                    if served.build != build {
                        continue;
                    }
                    served.reader()
                };
                if let (_, Some(mut output)) = build_in_memory(&options)
                    && output.add_search_index().is_ok()
                {
                    live.replace_if_current(Snapshot::new(build, output, reader));
                }
            }
        });
        Indexer { requests }
    }

    /// Asks for the search index of build `build`, the one just served.
    pub fn index(&self, build: String) {
        // The thread only stops when the indexer is dropped.
        let _ = self.requests.send(build);
    }
}
