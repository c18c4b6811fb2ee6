//! Watching the site's sources (`content/`, which holds `site.yaml`, and `themes/`)
//! and taking the burst of events one save makes as one change.
//!
//! The debouncing is `notify-debouncer-full`'s: it holds each event for [`DEBOUNCE`],
//! merges a path's events (a rename's two halves, a folder's removal, repeats), and
//! sends what has aged enough on each tick as one batch. One save's events can fall on
//! two ticks (more often on a busy machine), so batches that follow each other within
//! [`SETTLE`] are one change here, for at most [`MAX_WAIT`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};

use crate::diagnostics::Diagnostic;

/// How long the debouncer holds each event.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// How often the debouncer sends the events it held long enough.
const TICK: Duration = Duration::from_millis(5);
/// The longest gap between two batches of one change.
const SETTLE: Duration = Duration::from_millis(15);
/// The longest a steady stream of events can delay a rebuild.
const MAX_WAIT: Duration = Duration::from_millis(300);

/// Watches a site's sources.
pub(super) struct Watcher {
    root: PathBuf,
    watcher: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    content_watched: bool,
    themes_watched: bool,
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub(super) fn new(root: &Path) -> Result<Watcher, Diagnostic> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let watcher = notify_debouncer_full::new_debouncer(DEBOUNCE, Some(TICK), sender)
            .map_err(|err| watch_error(&root, &err))?;
        let mut watcher = Watcher {
            root,
            watcher,
            events,
            content_watched: false,
            themes_watched: false,
        };
        let content = watcher.root.join("content");
        watcher
            .watcher
            .watch(&content, RecursiveMode::Recursive)
            .map_err(|err| watch_error(&content, &err))?;
        watcher.content_watched = true;
        // The root itself, to notice a themes/ folder created later.
        let root = watcher.root.clone();
        watcher
            .watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|err| watch_error(&root, &err))?;
        watcher.watch_themes();
        Ok(watcher)
    }

    /// Waits for the next change and returns the files it touched (relative to the
    /// root), once they have settled. `None` if watching stopped.
    pub(super) fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let batch = self.events.recv().ok()?;
            self.collect(batch, &mut changed);
        }
        let start = Instant::now();
        while start.elapsed() < MAX_WAIT {
            // A batch a tick or so later is the rest of the same save.
            match self.events.recv_timeout(SETTLE) {
                Ok(batch) => self.collect(batch, &mut changed),
                Err(_) => break,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&mut self, batch: DebounceEventResult, changed: &mut Vec<PathBuf>) {
        let Ok(events) = batch else {
            // The watcher failed to report something: rebuild to be safe.
            changed.push(PathBuf::from("content"));
            return;
        };
        for event in events {
            self.collect_event(event, changed);
        }
    }

    fn collect_event(&mut self, event: DebouncedEvent, changed: &mut Vec<PathBuf>) {
        if event.need_rescan() {
            // The watcher lost track (e.g. its queue overflowed): rebuild to be safe.
            changed.push(PathBuf::from("content"));
            return;
        }
        if !changes_files(&event.kind) {
            return;
        }
        for path in &event.paths {
            let Some(rel) = self.relevant(path) else {
                continue;
            };
            if rel == Path::new("themes") {
                // Created, removed or replaced: watch whatever is there now.
                let _ = self.watcher.unwatch(path);
                self.themes_watched = false;
                self.watch_themes();
            } else if rel == Path::new("content") {
                self.rearm_content();
            }
            changed.push(rel);
        }
    }

    /// `path` relative to the root, if it is a source of the site: under `content/` or
    /// `themes/`, and not hidden (editors' swap files are, and the build skips them).
    fn relevant(&self, path: &Path) -> Option<PathBuf> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let first = rel.components().next()?.as_os_str();
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        ((first == "content" || first == "themes") && !hidden).then(|| rel.to_path_buf())
    }

    /// `content/` was moved, deleted or made anew: watch the folder there now, or say
    /// that edits go unseen until it is back.
    fn rearm_content(&mut self) {
        let content = self.root.join("content");
        let _ = self.watcher.unwatch(&content);
        self.content_watched = content.is_dir()
            && self
                .watcher
                .watch(&content, RecursiveMode::Recursive)
                .is_ok();
        if self.content_watched {
            eprintln!("content/ is back: watching it again");
        } else {
            eprintln!("content/ is gone: serving the last good build until it is back");
        }
    }

    fn watch_themes(&mut self) {
        let themes = self.root.join("themes");
        if !self.themes_watched && themes.is_dir() {
            self.themes_watched = self
                .watcher
                .watch(&themes, RecursiveMode::Recursive)
                .is_ok();
        }
    }
}

/// Does an event of this kind mean a file may have changed? Opening and reading do not;
/// closing a file written to does.
fn changes_files(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn watch_error(path: &Path, err: &notify::Error) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot watch {} for changes: {err}",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A site folder with `content/a.md` and `content/b.md`.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        for name in ["a.md", "b.md"] {
            std::fs::write(dir.path().join("content").join(name), "text").unwrap();
        }
        dir
    }

    #[test]
    fn a_save_in_several_writes_is_one_change_and_reading_is_none() {
        let dir = site();
        let mut watcher = Watcher::new(dir.path()).unwrap();
        let content = dir.path().join("content");
        let mut file = std::fs::File::create(content.join("a.md")).unwrap();
        for part in ["one ", "two ", "three"] {
            file.write_all(part.as_bytes()).unwrap();
        }
        drop(file);
        assert_eq!(watcher.next_change().unwrap(), [Path::new("content/a.md")]);

        // The build reads every source: opening a file is no change.
        std::fs::read(content.join("a.md")).unwrap();
        std::fs::write(content.join(".b.md.swp"), "editor's scratch").unwrap();
        std::thread::sleep(SETTLE * 3);
        std::fs::write(content.join("b.md"), "edited").unwrap();
        assert_eq!(watcher.next_change().unwrap(), [Path::new("content/b.md")]);
    }
}
