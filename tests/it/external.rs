//! `pillar check --external`: every http(s) link asked for, against a server on
//! 127.0.0.1 that answers each way a real site can (alive, redirected, in a loop, gone,
//! rate-limited, too slow, not there at all), and the cache that spares the next run.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{pillar, stderr};
use pillar::{BuildOptions, Diagnostic, ExternalOptions, Outcome};

/// A local server that counts every request by method and path, and remembers the
/// user agents it was sent.
struct Server {
    port: u16,
    requests: Arc<Mutex<BTreeMap<String, usize>>>,
    agents: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts it on a free port; it runs until the test process ends.
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(BTreeMap::new()));
        let agents = Arc::new(Mutex::new(Vec::new()));
        let (counted, seen) = (requests.clone(), agents.clone());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (counted, seen) = (counted.clone(), seen.clone());
                thread::spawn(move || answer(stream, &counted, &seen));
            }
        });
        Server {
            port,
            requests,
            agents,
        }
    }

    /// The full address of `path` on this server.
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How many requests asked for `path` (any method).
    fn hits(&self, path: &str) -> usize {
        let requests = self.requests.lock().unwrap();
        let ends = |key: &String| key.split_once(' ').is_some_and(|(_, p)| p == path);
        requests
            .iter()
            .filter(|(k, _)| ends(k))
            .map(|(_, n)| n)
            .sum()
    }

    /// How many requests of `method` asked for `path`.
    fn hits_of(&self, method: &str, path: &str) -> usize {
        let requests = self.requests.lock().unwrap();
        requests
            .get(&format!("{method} {path}"))
            .copied()
            .unwrap_or(0)
    }
}

/// Reads one request and answers it according to its path.
fn answer(
    stream: TcpStream,
    counted: &Mutex<BTreeMap<String, usize>>,
    agents: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some(agent) = header
            .strip_prefix("user-agent:")
            .or(header.strip_prefix("User-Agent:"))
        {
            agents.lock().unwrap().push(agent.trim().to_string());
        }
    }
    let key = format!("{method} {path}");
    let count = {
        let mut counted = counted.lock().unwrap();
        let n = counted.entry(key).or_insert(0);
        *n += 1;
        *n
    };
    let response = match (method, path) {
        (_, "/ok") => status(200, ""),
        (_, "/gone") => status(404, ""),
        ("HEAD", "/head-not-allowed") => status(405, ""),
        ("GET", "/head-not-allowed") => status(200, ""),
        (_, "/moved") => status(301, "Location: /moved-again\r\n"),
        (_, "/moved-again") => status(301, "Location: ok\r\n"),
        (_, "/loop-a") => status(302, "Location: /loop-b\r\n"),
        (_, "/loop-b") => status(302, "Location: /loop-a\r\n"),
        (_, "/busy") if count == 1 => status(429, "Retry-After: 1\r\n"),
        (_, "/busy") => status(200, ""),
        (_, "/very-busy") if count == 1 => status(429, "Retry-After: 3600\r\n"),
        (_, "/very-busy") => status(200, ""),
        (_, "/slow") => {
            thread::sleep(Duration::from_secs(3));
            status(200, "")
        }
        _ => status(500, ""),
    };
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

/// A response with no body.
fn status(code: u16, headers: &str) -> String {
    format!("HTTP/1.1 {code} Test\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n")
}

/// A port nothing listens on: bound, then let go.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A site whose home page is `body`, with `extra` added to its site.yaml.
fn site(body: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let config = format!("title: \"Links\"\n{extra}");
    std::fs::write(content.join("site.yaml"), config).unwrap();
    let page = format!("---\ntitle: \"Home\"\ndescription: \"Links.\"\n---\n{body}");
    std::fs::write(content.join("_index.md"), page).unwrap();
    dir
}

/// Short limits, so that a slow answer times out and a 429 is waited out quickly.
fn quick(root: &Path) -> ExternalOptions {
    ExternalOptions {
        timeout: Duration::from_millis(1500),
        retry_after_cap: Duration::from_secs(2),
        ..ExternalOptions::new(root)
    }
}

/// `pillar::check_external` on the site at `root`.
fn check(root: &Path) -> Outcome {
    pillar::check_external(&BuildOptions::new(root), &quick(root))
}

/// The one diagnostic whose message contains `needle`.
fn find<'a>(outcome: &'a Outcome, needle: &str) -> &'a Diagnostic {
    let found: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{needle:?} in {:#?}", outcome.diagnostics);
    found[0]
}

#[test]
fn every_kind_of_answer_is_reported_where_the_link_is_written() {
    let server = Server::start();
    let refused = format!("http://127.0.0.1:{}/nothing", closed_port());
    let body = format!(
        "[alive]({ok})\n\n[gone]({gone})\n\n[moved]({moved})\n\n[loop]({loop_a})\n\n\
         [busy]({busy})\n\n[slow]({slow})\n\n[refused]({refused})\n\n[head]({head})\n",
        ok = server.url("/ok"),
        gone = server.url("/gone"),
        moved = server.url("/moved"),
        loop_a = server.url("/loop-a"),
        busy = server.url("/busy"),
        slow = server.url("/slow"),
        head = server.url("/head-not-allowed"),
    );
    let site = site(&body, "");
    let outcome = check(site.path());

    let line_of = |d: &Diagnostic| {
        let lc = d.line_col().expect("a position");
        assert_eq!(d.path().unwrap(), Path::new("content/_index.md"));
        (lc.line, lc.col)
    };
    let gone = find(&outcome, "/gone");
    assert!(
        gone.is_error() && gone.message.contains("HTTP 404"),
        "{gone}"
    );
    assert_eq!(line_of(gone), (7, 1));

    let moved = find(&outcome, "/moved");
    assert!(!moved.is_error(), "a redirect is a warning: {moved}");
    let chain = format!(
        "{} → {} → {}",
        server.url("/moved"),
        server.url("/moved-again"),
        server.url("/ok")
    );
    assert!(moved.message.contains(&chain), "{moved}");
    assert_eq!(line_of(moved), (9, 1));

    let looped = find(&outcome, "/loop-a");
    assert!(
        looped.is_error() && looped.message.contains("loop"),
        "{looped}"
    );
    assert!(looped.message.ends_with(&server.url("/loop-a")), "{looped}");

    let slow = find(&outcome, "/slow");
    assert!(
        slow.is_error() && slow.message.contains("no answer within 1.5 s"),
        "{slow}"
    );
    assert_eq!(line_of(slow), (15, 1));

    let refused = find(&outcome, &refused);
    assert!(
        refused.is_error() && refused.message.contains("could not be reached"),
        "{refused}"
    );

    // Alive, alive after a Retry-After, alive by GET: nothing to say about those.
    assert_eq!(outcome.diagnostics.len(), 5, "{:#?}", outcome.diagnostics);
    assert_eq!(server.hits("/busy"), 2, "asked again after Retry-After");
    assert_eq!(
        server.hits_of("GET", "/head-not-allowed"),
        1,
        "GET after a 405"
    );
    assert_eq!(server.hits_of("GET", "/ok"), 0, "HEAD is enough");
    // The checker names itself, its version and where to read about it.
    let user_agent = format!(
        "pillar/{} (link checker; +{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    );
    let agents = server.agents.lock().unwrap();
    assert!(agents.iter().all(|a| *a == user_agent), "{agents:?}");
}

#[test]
fn a_retry_after_is_waited_out_before_asking_again() {
    let server = Server::start();
    let site = site(&format!("[busy]({})\n", server.url("/busy")), "");
    let started = Instant::now();
    let outcome = check(site.path());
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the second asked"
    );
    assert_eq!(server.hits("/busy"), 2);
}

#[test]
fn a_long_retry_after_is_cut_to_the_cap() {
    let server = Server::start();
    let site = site(&format!("[busy]({})\n", server.url("/very-busy")), "");
    let started = Instant::now();
    let outcome = check(site.path());
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(30),
        "{waited:?}"
    );
    assert_eq!(server.hits("/very-busy"), 2);
}

#[test]
fn a_second_run_asks_only_for_links_not_found_alive() {
    let server = Server::start();
    let body = format!(
        "[alive]({})\n\n[moved]({})\n\n[gone]({})\n",
        server.url("/ok#section"),
        server.url("/moved"),
        server.url("/gone"),
    );
    let site = site(&body, "");
    let first = check(site.path());
    assert!(!first.is_ok());
    let cache = ExternalOptions::new(site.path()).cache_file;
    assert!(cache.is_file(), "the cache is written under the root");
    let asked = (server.hits("/ok"), server.hits("/moved"));

    let second = check(site.path());
    assert_eq!(
        (server.hits("/ok"), server.hits("/moved")),
        asked,
        "from the cache"
    );
    assert_eq!(server.hits("/gone"), 2, "a broken link is asked again");
    let messages = |o: &Outcome| {
        o.diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        messages(&first),
        messages(&second),
        "the cache keeps the chain"
    );
}

#[test]
fn a_cache_older_than_the_age_limit_is_not_trusted() {
    let server = Server::start();
    let site = site(
        &format!("[alive]({})\n", server.url("/ok")),
        "external_links:\n  max_age_days: 0\n",
    );
    check(site.path());
    check(site.path());
    assert_eq!(server.hits("/ok"), 2);
}

#[test]
fn skipped_domains_and_their_subdomains_are_never_asked() {
    let server = Server::start();
    let body = format!(
        "[gone]({})\n\n[sub](https://docs.skipped.invalid/x)\n",
        server.url("/gone")
    );
    let skip = "external_links:\n  skip: [127.0.0.1, skipped.invalid]\n";
    let site = site(&body, skip);
    let outcome = check(site.path());
    assert!(outcome.diagnostics.is_empty(), "{:#?}", outcome.diagnostics);
    assert_eq!(server.hits("/gone"), 0);
}

#[test]
fn the_command_prints_each_broken_link_with_its_position() {
    let server = Server::start();
    let site = site(&format!("Read [this]({}).\n", server.url("/gone")), "");
    let root = site.path().to_str().unwrap();
    let out = pillar(&["check", "--root", root, "--external"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/_index.md:5:6"), "{err}");
    assert!(err.contains("HTTP 404"), "{err}");
}

#[test]
fn build_and_plain_check_never_ask() {
    let server = Server::start();
    let site = site(&format!("[gone]({})\n", server.url("/gone")), "");
    let root = site.path().to_str().unwrap();
    assert!(pillar(&["check", "--root", root]).status.success());
    assert!(
        pillar(&["build", "--root", root, "--no-search"])
            .status
            .success()
    );
    assert_eq!(server.hits("/gone"), 0);
    assert!(!site.path().join(".pillar-cache").exists());
}

#[test]
fn a_new_site_keeps_the_link_cache_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(pillar(&["init", site.to_str().unwrap()]).status.success());
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    let cache = ExternalOptions::new(&site).cache_file;
    let folder = cache.parent().unwrap().strip_prefix(&site).unwrap();
    assert!(
        ignored
            .lines()
            .any(|l| Path::new(l.trim_end_matches('/')) == folder),
        "{ignored}"
    );
}

#[test]
fn a_link_written_twice_is_asked_once_and_reported_at_both_places() {
    let server = Server::start();
    let gone = server.url("/gone");
    let site = site(&format!("[one]({gone})\n\n[two]({gone}#part)\n"), "");
    let outcome = check(site.path());
    let lines: Vec<usize> = outcome
        .diagnostics
        .iter()
        .map(|d| d.line_col().unwrap().line)
        .collect();
    assert_eq!(lines, [5, 7], "{:#?}", outcome.diagnostics);
    assert_eq!(server.hits("/gone"), 1);
}

#[test]
fn a_malformed_address_is_an_error_at_its_position_not_a_crash() {
    let site = site("[bad](http://127.0.0.1:99999/x)\n", "");
    let outcome = check(site.path());
    let bad = find(&outcome, "127.0.0.1:99999");
    assert!(
        bad.is_error() && bad.message.contains("could not be reached"),
        "{bad}"
    );
    assert_eq!(bad.line_col().unwrap().line, 5);
}

/// The TLS stack is set up (no crypto provider missing): a plain-HTTP server asked over
/// https is an error at the link, not a crash.
#[test]
fn an_https_link_to_a_server_without_tls_is_an_error() {
    let server = Server::start();
    let link = server.url("/ok").replace("http://", "https://");
    let site = site(&format!("[tls]({link})\n"), "");
    let outcome = check(site.path());
    let failed = find(&outcome, &link);
    assert!(
        failed.is_error() && failed.message.contains("could not be reached"),
        "{failed}"
    );
}
