//! Watching the site's sources (`content/`, which holds `site.yaml`, and `themes/`)
//! and grouping the burst of events one save makes into one change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::diagnostics::Diagnostic;

/// How long the sources must stay quiet before a change is taken as complete.
const QUIET: Duration = Duration::from_millis(25);
/// The longest a steady stream of events can delay a rebuild.
const MAX_WAIT: Duration = Duration::from_millis(300);

/// Watches a site's sources.
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    content_watched: bool,
    themes_watched: bool,
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub fn new(root: &Path) -> Result<Watcher, Diagnostic> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let (sender, events) = channel();
        let watcher =
            notify::recommended_watcher(sender).map_err(|err| watch_error(&root, &err))?;
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
    /// root), once no event has come for a moment. `None` if watching stopped.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
        }
        let start = Instant::now();
        while start.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&mut self, event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
        let Ok(event) = event else {
            // The watcher lost track (e.g. its queue overflowed): rebuild to be safe.
            changed.push(PathBuf::from("content"));
            return;
        };
        if !changes_files(&event.kind) {
            return;
        }
        for path in event.paths {
            let Some(rel) = self.relevant(&path) else {
                continue;
            };
            if rel == Path::new("themes") {
                // Created, removed or replaced: watch whatever is there now.
                let _ = self.watcher.unwatch(&path);
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
