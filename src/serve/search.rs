//! The search index, built in the background from the model being served.
//!
//! The server builds without the index first (the page reloads at once). Then, on
//! another thread, pillar's index writer reads the model that build left in memory (the
//! builder's [`SiteState`], shared with this thread) and its index is added to the
//! served build, under the same build id and without reloading any page, if no newer
//! build has replaced that build meanwhile. Until then the previous build's index is
//! served. Nothing is built a second time and nothing is read from disk.
//!
//! The builder never waits for the indexer: the model is locked only while the
//! records are taken from it, and a builder that wants it back cancels that ([`take`]
//! returns at the next page); the indexer then starts again with the next build.
//!
//! [`take`]: SharedState::take

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::served::Live;
use crate::pipeline::SiteState;
use crate::search::kept::{Changed, KeptIndex};

/// How long no new build must come before the index is built, so a burst of edits does
/// not keep the indexer competing with the builds the author is waiting for. Short: the
/// builder never waits for the indexer (it takes the model back between two pages), and
/// each index re-reads only the pages rebuilt since the last one and writes again only
/// the chunks of the words they changed.
const PAUSE: Duration = Duration::from_millis(100);

/// What the last good build made of the site (the model the served pages were rendered
/// from) with that build's id, shared by the builder, which updates it, and the
/// indexer, which reads it.
#[derive(Default, Clone)]
pub(super) struct SharedState(Arc<Shared>);

#[derive(Default)]
struct Shared {
    state: Mutex<Option<(String, SiteState)>>,
    /// Set while the builder waits for the state: the indexer lets it go.
    wanted: AtomicBool,
}

impl SharedState {
    /// Takes the state, to update it: the indexer, if it is reading it, stops at the
    /// next page.
    pub(super) fn take(&self) -> Option<SiteState> {
        self.0.wanted.store(true, Ordering::SeqCst);
        let state = self.lock().take();
        self.0.wanted.store(false, Ordering::SeqCst);
        state.map(|(_, state)| state)
    }

    /// Keeps `state`, the state of build `build`, or forgets the state (`None`: the
    /// build failed).
    pub(super) fn set(&self, kept: Option<(String, SiteState)>) {
        *self.lock() = kept;
    }

    /// Runs `read` on the state of build `build`, if that is the one kept, telling it
    /// whether the builder wants the state back.
    fn read<T>(
        &self,
        build: &str,
        read: impl FnOnce(&SiteState, &Cancelled<'_>) -> T,
    ) -> Option<T> {
        if self.cancelled() {
            return None;
        }
        let kept = self.lock();
        match kept.as_ref() {
            Some((id, state)) if id == build => Some(read(state, &|| self.cancelled())),
            _ => None,
        }
    }

    fn cancelled(&self) -> bool {
        self.0.wanted.load(Ordering::SeqCst)
    }

    fn lock(&self) -> MutexGuard<'_, Option<(String, SiteState)>> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Says whether the builder wants the state back.
type Cancelled<'a> = dyn Fn() -> bool + Sync + 'a;

/// Sends builds to the background indexer.
#[derive(Debug)]
pub(super) struct Indexer {
    requests: Sender<Request>,
}

/// A build to index, and what changed since the one before.
struct Request {
    build: String,
    changed: Changed,
}

impl Indexer {
    /// Starts the indexing thread, which indexes `state` for the build `live` serves.
    pub(super) fn spawn(state: SharedState, live: Arc<Live>) -> Indexer {
        Indexer::with_hooks(state, live, PAUSE, Hooks::default())
    }

    /// [`Indexer::spawn`], waiting `pause` for the author to pause, `hooks` told of each
    /// step.
    fn with_hooks(state: SharedState, live: Arc<Live>, pause: Duration, hooks: Hooks) -> Indexer {
        let (requests, received) = channel::<Request>();
        std::thread::spawn(move || {
            let mut kept = KeptIndex::default();
            // What changed since the kept index was made.
            let mut changed: Option<Changed> = None;
            while let Ok(Request {
                mut build,
                changed: then,
            }) = received.recv()
            {
                changed = Some(match changed {
                    Some(before) => before.and(then),
                    None => then,
                });
                // Wait for the author to pause; only the newest build matters.
                while let Ok(newer) = received.recv_timeout(pause) {
                    build = newer.build;
                    changed = changed.map(|c| c.and(newer.changed));
                }
                let since = changed.clone().unwrap_or(Changed::All);
                let trees = state.read(&build, |state, cancelled| {
                    hooks.reading(cancelled);
                    kept.read(&state.search_trees(), &since, cancelled)
                });
                // Cancelled, or a newer build is kept: its own request follows.
                let Some(Some(trees)) = trees else {
                    hooks.done(&build, false);
                    continue;
                };
                changed = None;
                let added = match kept.update(trees) {
                    Ok(files) => {
                        hooks.adding();
                        live.add_folder(&build, crate::urls::SEARCH_BUNDLE, files)
                    }
                    Err(d) => {
                        eprintln!("cannot index the site for search: {}", d.message);
                        false
                    }
                };
                hooks.done(&build, added);
            }
        });
        Indexer { requests }
    }

    /// Asks for the search index of build `build`, the one just served, after
    /// `changed`, what changed since the build before.
    pub(super) fn index(&self, build: String, changed: Changed) {
        // The thread only stops when the indexer is dropped.
        let _ = self.requests.send(Request { build, changed });
    }
}

/// What the indexer tells a test of its steps, so the test can act between them.
#[derive(Default)]
struct Hooks {
    #[cfg(test)]
    test: Option<Box<dyn tests::Steps>>,
}

impl Hooks {
    /// The indexer holds the state and starts reading it.
    fn reading(&self, _cancelled: &Cancelled<'_>) {
        #[cfg(test)]
        if let Some(test) = &self.test {
            test.reading(_cancelled);
        }
    }

    /// The index is made and about to be added to the build it is for.
    fn adding(&self) {
        #[cfg(test)]
        if let Some(test) = &self.test {
            test.adding();
        }
    }

    /// The index of `build` was added to it, or not.
    fn done(&self, _build: &str, _added: bool) {
        #[cfg(test)]
        if let Some(test) = &self.test {
            test.done(_build, _added);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

    use super::super::live::Builder;
    use super::super::snapshot::Lookup;
    use super::*;
    use crate::pipeline::BuildOptions;

    /// A test's view of the indexer's steps.
    pub(super) trait Steps: Send {
        fn reading(&self, cancelled: &Cancelled<'_>);
        fn adding(&self);
        fn done(&self, build: &str, added: bool);
    }

    /// Reports each step on a channel and holds the indexer where the test says.
    struct Script {
        steps: SyncSender<String>,
        /// Hold the next reading until the builder wants the state (once).
        hold_reading: AtomicBool,
        /// Hold the first adding until the test lets it go.
        hold_adding: Option<Mutex<Receiver<()>>>,
    }

    impl Steps for Script {
        fn reading(&self, cancelled: &Cancelled<'_>) {
            let _ = self.steps.send("reading".into());
            if self.hold_reading.swap(false, Ordering::SeqCst) {
                while !cancelled() {
                    std::thread::yield_now();
                }
            }
        }
        fn adding(&self) {
            let _ = self.steps.send("adding".into());
            if let Some(go) = &self.hold_adding {
                let _ = go.lock().unwrap().recv();
            }
        }
        fn done(&self, build: &str, added: bool) {
            let _ = self.steps.send(format!(
                "{build} {}",
                if added { "added" } else { "dropped" }
            ));
        }
    }

    /// A copy of the `serve` fixture site.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
        copy(&fixture, dir.path());
        dir
    }

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// A builder for `root` whose indexer follows `script`, and the indexer's steps.
    fn builder(
        root: &Path,
        script: impl FnOnce(SyncSender<String>) -> Script,
    ) -> (Builder, Arc<Live>, Receiver<String>) {
        let (steps, seen) = sync_channel(16);
        let hooks = Hooks {
            test: Some(Box::new(script(steps))),
        };
        let live = Arc::new(Live::new());
        let options = BuildOptions::new(root);
        let builder = Builder::with_indexer(options, Arc::clone(&live), |state, live| {
            Indexer::with_hooks(state, live, Duration::ZERO, hooks)
        });
        (builder, live, seen)
    }

    /// Replaces `old` by `new` in the page `path` (relative to the root).
    fn edit(root: &Path, path: &str, old: &str, new: &str) -> Vec<PathBuf> {
        let file = root.join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains(old));
        std::fs::write(&file, text.replace(old, new)).unwrap();
        vec![PathBuf::from(path)]
    }

    /// The next step the indexer reports (the test fails if none comes for a minute:
    /// the indexer is stuck).
    fn next(seen: &Receiver<String>) -> String {
        seen.recv_timeout(Duration::from_secs(60))
            .expect("the indexer is stuck")
    }

    /// Does any fragment of the served index hold `word`?
    fn index_has(live: &Live, word: &str) -> bool {
        live.site()
            .files_under(crate::urls::SEARCH_BUNDLE)
            .any(|(path, bytes)| {
                path.contains("/fragment/") && {
                    let mut text = String::new();
                    let _ = std::io::Read::read_to_string(
                        &mut flate2::read::GzDecoder::new(bytes),
                        &mut text,
                    );
                    text.contains(word)
                }
            })
    }

    fn page(live: &Live, path: &str) -> String {
        match live.site().find(path) {
            Lookup::File(_, bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            other => panic!("{path}: {other:?}"),
        }
    }

    #[test]
    fn an_edit_is_served_while_the_index_is_being_made_and_the_index_follows() {
        let site = site();
        let root = site.path();
        let (mut builder, live, seen) = builder(root, |steps| Script {
            steps,
            hold_reading: AtomicBool::new(true),
            hold_adding: None,
        });
        builder.build();
        let first = live.site().build.clone();
        // The indexer holds the model, and lets it go only when the builder wants it.
        assert_eq!(next(&seen), "reading");

        builder.rebuild(&edit(
            root,
            "content/notes/first.md",
            "original",
            "rewritten",
        ));
        let second = live.site().build.clone();
        assert_ne!(second, first);
        assert!(page(&live, "notes/first/").contains("rewritten"));
        // The first build's index was given up for the second's.
        assert_eq!(next(&seen), format!("{first} dropped"));
        assert!(!index_has(&live, "rewritten"));

        assert_eq!(next(&seen), "reading");
        assert_eq!(next(&seen), "adding");
        assert_eq!(next(&seen), format!("{second} added"));
        assert_eq!(live.site().build, second);
        assert!(index_has(&live, "rewritten"));
        assert_eq!(found(&served_index(&live)), found(&full_index(root)));

        // The next edit re-reads that page alone, and the index still finds what a full
        // build's finds.
        builder.rebuild(&edit(
            root,
            "content/notes/first.md",
            "rewritten",
            "revised",
        ));
        assert_eq!(next(&seen), "reading");
        assert_eq!(next(&seen), "adding");
        assert_eq!(next(&seen), format!("{} added", live.site().build));
        assert!(index_has(&live, "revised") && !index_has(&live, "rewritten"));
        assert_eq!(found(&served_index(&live)), found(&full_index(root)));
    }

    /// What a search finds in the search bundle `files`, by language.
    fn found(
        files: &[(String, Vec<u8>)],
    ) -> std::collections::BTreeMap<String, crate::search::encode::served::tests::Found> {
        crate::search::encode::served::tests::bundle_found(files, crate::urls::SEARCH_BUNDLE)
    }

    /// The served search bundle, sorted by path.
    fn served_index(live: &Live) -> Vec<(String, Vec<u8>)> {
        let site = live.site();
        let mut files: Vec<(String, Vec<u8>)> = site
            .files_under(crate::urls::SEARCH_BUNDLE)
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
        files.sort();
        files
    }

    /// The search bundle a full build of the site at `root` makes.
    fn full_index(root: &Path) -> Vec<(String, Vec<u8>)> {
        let (_, built) = crate::pipeline::build_keeping_state(&BuildOptions::new(root));
        let (_, state) = built.expect("the site builds");
        let index = crate::search::Index::new(&state.search_trees());
        let files = index.bundle(&crate::progress::Progress::none());
        let mut files: Vec<(String, Vec<u8>)> = files
            .unwrap()
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn an_index_made_for_a_build_is_never_added_to_a_newer_one() {
        let site = site();
        let root = site.path();
        let (go, hold) = sync_channel(1);
        let (mut builder, live, seen) = builder(root, |steps| Script {
            steps,
            hold_reading: AtomicBool::new(false),
            hold_adding: Some(Mutex::new(hold)),
        });
        builder.build();
        let first = live.site().build.clone();
        assert_eq!(next(&seen), "reading");
        // The first build's index is made, not yet added: the site changes meanwhile.
        assert_eq!(next(&seen), "adding");
        builder.rebuild(&edit(
            root,
            "content/notes/first.md",
            "original",
            "rewritten",
        ));
        let second = live.site().build.clone();
        go.send(()).unwrap();
        assert_eq!(next(&seen), format!("{first} dropped"));
        assert!(!index_has(&live, "original sentence"));

        assert_eq!(next(&seen), "reading");
        assert_eq!(next(&seen), "adding");
        go.send(()).unwrap();
        assert_eq!(next(&seen), format!("{second} added"));
        assert!(index_has(&live, "rewritten"));
    }
}
