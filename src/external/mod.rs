//! `pillar check --external`: every `http(s)` link of the content asked for over HTTP,
//! politely, with the answers cached on disk. Never part of `pillar build`.
//!
//! Politeness: one request at a time per host (hosts are checked in parallel by a few
//! threads), a timeout per request, HEAD before GET, a user agent naming pillar, and a
//! 429's `Retry-After` waited out once (up to a cap). Redirects are followed by hand,
//! at most [`probe::MAX_REDIRECTS`], so a chain can be reported and a loop caught.

mod cache;
mod probe;
mod url;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::source::SourceFile;

use cache::Cache;
use probe::{End, MAX_REDIRECTS, Prober, Verdict};

/// Where the cache goes, under the site root (`.pillar-cache/` is meant to be ignored
/// by git, and kept between CI runs).
pub(crate) const CACHE_FILE: &str = ".pillar-cache/external-links.json";

/// How the external links are checked.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// How long one request may take. Default 10 s.
    pub timeout: Duration,
    /// The longest a 429's `Retry-After` is waited. Default 30 s.
    pub retry_after_cap: Duration,
    /// The cache file. Default `.pillar-cache/external-links.json` under the site root.
    pub cache_file: PathBuf,
    /// How many hosts are asked at once. Default 4.
    pub threads: usize,
}

impl ExternalOptions {
    /// The defaults for the site at `root`.
    pub fn new(root: &Path) -> ExternalOptions {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            retry_after_cap: Duration::from_secs(30),
            cache_file: root.join(CACHE_FILE),
            threads: 4,
        }
    }
}

/// One place an external link is written.
struct Occurrence {
    file: SourceFile,
    range: Range<usize>,
}

/// Checks every external link of `site` not in a skipped domain, and reports each
/// broken one (error) and each redirected one (warning) where it is written.
pub(crate) fn check(site: &Site, options: &ExternalOptions) -> Diagnostics {
    let skip = &site.config.external_links.skip;
    let links = occurrences(site, |link| {
        let host = url::host(link);
        !skip.iter().any(|domain| url::in_domain(&host, domain))
    });
    let max_age = Duration::from_secs(site.config.external_links.max_age_days * 24 * 60 * 60);
    let mut cache = Cache::load(&options.cache_file, max_age);
    let to_ask: Vec<&str> = links
        .keys()
        .map(String::as_str)
        .filter(|link| cache.get(link).is_none())
        .collect();
    let verdicts = ask_all(&to_ask, options);
    let mut problems = Diagnostics::new();
    for (link, places) in &links {
        let verdict = match verdicts.get(link.as_str()) {
            Some(verdict) => verdict.clone(),
            None => cached_verdict(&cache, link),
        };
        if verdict.end == End::Alive {
            cache.insert(link, verdict.redirects.clone());
        } else {
            cache.remove(link);
        }
        if let Some(problem) = problem(link, &verdict) {
            let at = |place: &Occurrence| problem.clone().at(&place.file, place.range.clone());
            problems.extend(places.iter().map(at));
        }
    }
    if let Err(d) = cache.save() {
        problems.push(d);
    }
    problems
}

/// The verdict a cache entry stands for (the link is in the cache: it was alive).
fn cached_verdict(cache: &Cache, link: &str) -> Verdict {
    Verdict {
        redirects: cache
            .get(link)
            .map(|e| e.redirects.clone())
            .unwrap_or_default(),
        end: End::Alive,
    }
}

/// Every external link of the site that `keep` accepts, without its fragment, with
/// the places it is written.
fn occurrences(site: &Site, keep: impl Fn(&str) -> bool) -> BTreeMap<String, Vec<Occurrence>> {
    let mut links: BTreeMap<String, Vec<Occurrence>> = BTreeMap::new();
    for page in &site.pages {
        for link in &page.outline.links {
            let dest = link.dest.trim();
            if !url::is_external(dest) || !keep(dest) {
                continue;
            }
            let (_, file) = link.written_in(&page.content_path, &page.source);
            links
                .entry(url::without_fragment(dest).to_string())
                .or_default()
                .push(Occurrence {
                    file: file.clone(),
                    range: link.range.clone(),
                });
        }
    }
    links
}

/// Asks for each link, grouped by host: a few threads, each taking one host at a time
/// and asking for its links one after another.
fn ask_all<'a>(links: &[&'a str], options: &ExternalOptions) -> BTreeMap<&'a str, Verdict> {
    let mut by_host: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for link in links {
        by_host.entry(url::host(link)).or_default().push(link);
    }
    let hosts = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let verdicts = Mutex::new(BTreeMap::new());
    let prober = Prober::new(options.timeout, options.retry_after_cap);
    let next_host = || hosts.lock().unwrap_or_else(|e| e.into_inner()).pop();
    std::thread::scope(|scope| {
        for _ in 0..options.threads.max(1) {
            scope.spawn(|| {
                while let Some(host_links) = next_host() {
                    for link in host_links {
                        let verdict = prober.check(link);
                        let mut verdicts = verdicts.lock().unwrap_or_else(|e| e.into_inner());
                        verdicts.insert(link, verdict);
                    }
                }
            });
        }
    });
    verdicts.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// What to report about `link`, if anything.
fn problem(link: &str, verdict: &Verdict) -> Option<Diagnostic> {
    let chain = || {
        let mut chain = vec![link];
        chain.extend(verdict.redirects.iter().map(String::as_str));
        chain.join(" → ")
    };
    let after = || match verdict.redirects.is_empty() {
        true => String::new(),
        false => format!(" (redirects: {})", chain()),
    };
    let d = match &verdict.end {
        End::Alive if verdict.redirects.is_empty() => return None,
        End::Alive => Diagnostic::warning(format!("external link redirects: {}", chain()))
            .with_hint("link to the final address"),
        End::Status(status) => Diagnostic::error(format!(
            "external link {link} is broken: HTTP {status}{}",
            after()
        )),
        End::RateLimited => Diagnostic::warning(format!(
            "external link {link} was not checked: the server still answered 429 (too many requests){}",
            after()
        )),
        End::Loop => Diagnostic::error(format!("external link redirects in a loop: {}", chain())),
        End::TooManyRedirects => Diagnostic::error(format!(
            "external link redirects more than {MAX_REDIRECTS} times: {}",
            chain()
        )),
        End::Unreachable(reason) => Diagnostic::error(format!(
            "external link {link} could not be reached: {reason}{}",
            after()
        )),
    };
    Some(d)
}
