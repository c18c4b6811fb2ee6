//! The links found alive, kept on disk so that the next check (in CI, the next push)
//! asks again only for links that are new, broken or older than the age limit.
//!
//! The file is JSON: each URL with the time it was checked (seconds since 1970) and
//! the redirects it took. Only links that answered 2xx are kept: a broken link is
//! asked again every time, so a fixed server is noticed at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

/// One link found alive.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Entry {
    /// When it was checked, in seconds since 1970.
    pub checked: u64,
    /// The addresses it redirected to, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
}

/// The cache file, read into memory.
#[derive(Debug)]
pub(super) struct Cache {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
}

impl Cache {
    /// Reads the cache at `path`; entries older than `max_age` are dropped. A missing
    /// or unreadable file is an empty cache (it is only a cache).
    pub(super) fn load(path: &Path, max_age: Duration) -> Cache {
        let entries: BTreeMap<String, Entry> = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let now = now();
        let fresh = |entry: &Entry| now.saturating_sub(entry.checked) < max_age.as_secs();
        Cache {
            path: path.to_path_buf(),
            entries: entries.into_iter().filter(|(_, e)| fresh(e)).collect(),
        }
    }

    /// The fresh entry of `url`, if it was found alive recently.
    pub(super) fn get(&self, url: &str) -> Option<&Entry> {
        self.entries.get(url)
    }

    /// Records `url` as alive now, after `redirects`.
    pub(super) fn insert(&mut self, url: &str, redirects: Vec<String>) {
        let checked = now();
        self.entries
            .insert(url.to_string(), Entry { checked, redirects });
    }

    /// Forgets `url` (it was found broken).
    pub(super) fn remove(&mut self, url: &str) {
        self.entries.remove(url);
    }

    /// Writes the cache back (through a temporary file, so a crash leaves the old one).
    pub(super) fn save(&self) -> Result<(), Diagnostic> {
        let failed = |e: std::io::Error| {
            Diagnostic::warning(format!(
                "could not write the link cache {}: {e}",
                self.path.display()
            ))
            .with_hint("the links were checked; the next check asks for them again")
        };
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder).map_err(failed)?;
        }
        let json = serde_json::to_string_pretty(&self.entries).map_err(|e| failed(e.into()))?;
        let temporary = self.path.with_extension("json.tmp");
        std::fs::write(&temporary, json + "\n").map_err(failed)?;
        std::fs::rename(&temporary, &self.path).map_err(failed)
    }
}

/// Seconds since 1970.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
