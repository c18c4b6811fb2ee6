//! `pillar serve`, tried as an author's browser would: the real binary on a free port of
//! 127.0.0.1, raw HTTP requests (so no client tidies a path up first), a file edited on
//! disk and the reload event waited for. Every wait has a deadline.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::copy_fixture;

/// How long the server may take to start or to rebuild after an edit.
const DEADLINE: Duration = Duration::from_secs(30);
/// The server's worker threads (`WORKERS` in src/serve/mod.rs).
const WORKERS: usize = 8;
/// Open event streams the server allows (`MAX_STREAMS` in src/serve/http.rs).
const MAX_STREAMS: usize = 32;

/// A running `pillar serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pillar"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("pillar serve starts");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (lines, received) = channel();
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                shared.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = lines.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
        };
        server.port = server.wait_for_address(&received);
        server
    }

    fn wait_for_address(&self, lines: &Receiver<String>) -> u16 {
        let start = Instant::now();
        while let Some(left) = DEADLINE.checked_sub(start.elapsed()) {
            let Ok(line) = lines.recv_timeout(left) else {
                break;
            };
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                return rest.split('/').next().unwrap().parse().unwrap();
            }
        }
        panic!("the server did not start:\n{}", self.log());
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Whether the server's log says `text` within the deadline: the log is read by
    /// another thread, which on a busy machine may lag behind the events.
    fn logged(&self, text: &str) -> bool {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.log().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        stream
    }

    /// Sends `GET target` as written and returns status, head and body.
    fn get(&self, target: &str) -> Response {
        self.get_from(target, "127.0.0.1")
    }

    /// Sends `GET target` with the `Host` header `host`.
    fn get_from(&self, target: &str, host: &str) -> Response {
        request(self.port, target, host, DEADLINE)
            .unwrap_or_else(|err| panic!("no response for {target}: {err}"))
    }

    /// Sends `GET target`; `None` if the server leaves the response waiting `wait`.
    fn get_within(&self, target: &str, wait: Duration) -> Option<Response> {
        request(self.port, target, "127.0.0.1", wait).ok()
    }

    fn events(&self) -> Events {
        self.open_events().unwrap_or_else(|line| panic!("{line}"))
    }

    /// Opens an event stream, or returns the status line it was refused with.
    fn open_events(&self) -> Result<Events, String> {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /__pillar/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if !line.starts_with("HTTP/1.1 200") {
            return Err(line);
        }
        while line.trim_end() != "" {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line.to_ascii_lowercase().starts_with("content-type") {
                assert!(line.contains("text/event-stream"), "{line}");
            }
        }
        Ok(Events { reader })
    }
}

/// Sends `GET target` with the `Host` header `host` to the server on `port`, waiting at
/// most `wait` for each part of the response.
fn request(port: u16, target: &str, host: &str, wait: Duration) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(wait))?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line for {target}: {head}"));
    Ok(Response {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    })
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    /// The `data-build` of the page's reload script.
    fn build(&self) -> &str {
        let at = self.body.find("data-build=\"").expect("a reload script") + 12;
        let len = self.body[at..].find('"').unwrap();
        &self.body[at..at + len]
    }
}

/// The server-sent events of one connection.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event, as (name, data).
    fn next(&mut self) -> (String, String) {
        self.next_before(Instant::now() + DEADLINE)
    }

    /// The next event, failing if none comes before `deadline` (the server sends a
    /// comment every 15 s, so an idle stream cannot block this for long).
    fn next_before(&mut self, deadline: Instant) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            assert!(Instant::now() < deadline, "no event in time");
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data);
                }
            } else if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data = value.to_string();
            }
        }
    }

    /// Skips events until one named `name`, within the deadline.
    fn until(&mut self, name: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let (event, data) = self.next_before(deadline);
            if event == name {
                return data;
            }
        }
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} contains {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn an_edit_reloads_open_pages_with_the_new_html() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let page = server.get("/notes/first/");
    assert_eq!(page.status, 200);
    assert!(
        page.head.contains("content-type: text/html"),
        "{}",
        page.head
    );
    assert!(page.body.contains("The original sentence"));
    assert!(page.body.contains("<script src=\"/__pillar/live.js\""));
    // Internal links point at the server, not at the base_url of site.yaml.
    assert!(page.body.contains("http://127.0.0.1:"), "canonical link");
    let first_build = page.build().to_string();

    let mut events = server.events();
    assert_eq!(events.next(), ("reload".to_string(), first_build.clone()));
    edit(site.path(), "content/notes/first.md", "original", "edited");
    let build = events.until("reload");
    assert_ne!(build, first_build);

    let page = server.get("/notes/first/");
    assert!(page.body.contains("The edited sentence"), "{}", page.body);
    assert_eq!(page.build(), build);
    assert!(server.logged("changed: content/notes/first.md"));
    // Only the body changed: the page alone was rendered again.
    assert!(server.logged("rebuilt 1 page in"), "{}", server.log());

    // A new title shows on other pages (the hub lists it): the model is made again and
    // the pages that show the title are rendered, not the whole site.
    edit(
        site.path(),
        "content/notes/first.md",
        "title: ",
        "title: Renamed ",
    );
    events.until("reload");
    assert!(server.get("/notes/").body.contains("Renamed "));
    let log = server.log();
    let full_builds = log.lines().filter(|l| l.starts_with("built ")).count();
    assert_eq!(full_builds, 1, "only the first build is whole: {log}");
}

#[test]
fn added_and_deleted_pages_appear_and_disappear() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let mut events = server.events();
    events.until("reload");
    assert_eq!(server.get("/notes/third/").status, 404);

    let third = site.path().join("content/notes/third.md");
    std::fs::write(
        &third,
        "---\ntitle: Third Note\ndescription: Added while serving.\n---\nA third note.\n",
    )
    .unwrap();
    events.until("reload");
    let page = server.get("/notes/third/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("A third note."));
    assert!(
        server.get("/notes/").body.contains("Third Note"),
        "the hub lists it"
    );

    std::fs::remove_file(&third).unwrap();
    events.until("reload");
    assert_eq!(server.get("/notes/third/").status, 404);
    assert!(!server.get("/notes/").body.contains("Third Note"));
}

#[test]
fn site_yaml_and_a_theme_created_while_serving_are_watched() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let mut events = server.events();
    events.until("reload");

    edit(
        site.path(),
        "content/site.yaml",
        "Serve Fixture",
        "Renamed Fixture",
    );
    events.until("reload");
    assert!(server.get("/").body.contains("Renamed Fixture"));

    let css = site.path().join("themes/default/static/css");
    std::fs::create_dir_all(&css).unwrap();
    std::fs::write(css.join("zz-extra.css"), ".first-marker {}\n").unwrap();
    events.until("reload");
    assert!(server.get("/css/style.css").body.contains(".first-marker"));

    // Files inside the new theme folder are watched from now on.
    std::fs::write(css.join("zz-extra.css"), ".second-marker {}\n").unwrap();
    events.until("reload");
    let style = server.get("/css/style.css").body;
    assert!(style.contains(".second-marker") && !style.contains(".first-marker"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_error() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let mut events = server.events();
    let good = events.until("reload");

    edit(
        site.path(),
        "content/notes/first.md",
        "title: \"First Note\"",
        "title: [unclosed",
    );
    let errors: serde_json::Value = serde_json::from_str(&events.until("errors")).unwrap();
    let first = &errors["errors"][0];
    assert_eq!(
        first["location"]
            .as_str()
            .unwrap()
            .rsplit_once(':')
            .unwrap()
            .0,
        "content/notes/first.md:2",
        "{errors}"
    );
    assert!(
        first["report"]
            .as_str()
            .unwrap()
            .contains("title: [unclosed")
    );

    // The last good build is still served, and a page opened now learns of the error.
    let page = server.get("/notes/first/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The original sentence"));
    assert_eq!(page.build(), good);
    let mut late = server.events();
    assert_eq!(late.next().0, "errors");
    // The terminal names the file and line too.
    assert!(
        server.logged("content/notes/first.md:2:"),
        "{}",
        server.log()
    );

    edit(
        site.path(),
        "content/notes/first.md",
        "title: [unclosed",
        "title: \"Fixed Note\"",
    );
    let fixed = events.until("reload");
    assert_ne!(fixed, good);
    assert_eq!(late.until("reload"), fixed);
    assert!(server.get("/notes/first/").body.contains("Fixed Note"));
}

#[test]
fn the_search_index_follows_each_build_in_the_background() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let index = "/pagefind/pagefind-entry.json";
    // Waits until the index is served and differs from `old`; returns it.
    let wait_for_index = |old: &str| {
        let start = Instant::now();
        loop {
            let response = server.get(index);
            if response.status == 200 && response.body != old {
                return response.body;
            }
            assert!(
                start.elapsed() < DEADLINE * 2,
                "no new search index in time"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let first_index = wait_for_index("");
    let mut events = server.events();
    let build = events.until("reload");

    edit(site.path(), "content/notes/first.md", "original", "edited");
    let rebuilt = events.until("reload");
    assert_ne!(rebuilt, build);
    // The previous index is served until the new one replaces it, under the same build
    // id: no page reloads for it.
    assert_eq!(server.get(index).status, 200);
    wait_for_index(&first_index);
    assert_eq!(server.get("/notes/first/").build(), rebuilt);
}

#[test]
fn only_files_of_the_built_site_are_served() {
    let site = copy_fixture("serve");
    std::fs::write(site.path().join("secret.txt"), "SECRET-MARKER").unwrap();
    let server = Server::start(site.path());
    let refused = [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/Cargo.toml",
        "/..%2fCargo.toml",
        "/a\\..\\Cargo.toml",
        "/a/%5c..%5c..%5cCargo.toml",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/content/../../secret.txt",
        "//etc/passwd",
        "http://127.0.0.1/../secret.txt",
    ];
    let missing = ["/secret.txt", "/content/site.yaml", "/etc/passwd"];
    for (targets, status) in [(&refused[..], 400), (&missing[..], 404)] {
        for target in targets {
            let response = server.get(target);
            assert_eq!(response.status, status, "{target}");
            assert!(!response.body.contains("SECRET-MARKER"), "{target}");
            assert!(!response.body.contains("[package]"), "{target}");
            assert!(!response.body.contains("title: "), "{target}");
        }
    }
}

#[test]
fn files_have_their_content_types_and_missing_pages_get_the_404_page() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    for (target, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/css/style.css", "text/css"),
        ("/sitemap.xml", "application/xml"),
        ("/atom.xml", "application/atom+xml"),
        ("/robots.txt", "text/plain"),
        ("/__pillar/live.js", "text/javascript"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert!(
            response.head.contains(&format!("content-type: {expected}")),
            "{target}: {}",
            response.head
        );
    }
    let css = server.get("/css/style.css");
    assert!(!css.body.contains("__pillar"), "only HTML gets the script");

    let folder = server.get("/notes");
    assert_eq!(folder.status, 301);
    assert!(folder.head.contains("location: /notes/"), "{}", folder.head);

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.head.contains("content-type: text/html"));
    assert!(
        missing.body.contains("data-build="),
        "the 404 page reloads too"
    );
}

#[test]
fn the_built_site_has_no_reload_script() {
    let site = copy_fixture("serve");
    let built = common::pillar(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    for (path, bytes) in common::tree(&site.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__pillar"), "{path}");
    }
}

#[test]
fn a_port_in_use_is_an_error_naming_the_address() {
    let site = copy_fixture("serve");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = common::pillar(&[
        "serve",
        "--port",
        &port,
        "--root",
        site.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
}

#[test]
fn serving_a_folder_without_a_site_fails_naming_it() {
    let empty = tempfile::tempdir().unwrap();
    let out = common::pillar(&[
        "serve",
        "--port",
        "0",
        "--root",
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out).contains("content"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn only_requests_for_the_servers_own_host_are_answered() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let port = server.port;
    for host in [
        "127.0.0.1".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        assert_eq!(
            server.get_from("/notes/first/", &host).status,
            200,
            "{host}"
        );
    }
    // A page of another site, reaching the server through DNS rebinding, sends its own
    // name: it gets neither pages nor the event stream with its build errors.
    for target in ["/notes/first/", "/__pillar/events", "/__pillar/live.js"] {
        for host in ["rebind.example", &format!("rebind.example:{port}")] {
            let response = server.get_from(target, host);
            assert_eq!(response.status, 403, "{target} for {host}");
            assert!(!response.body.contains("original"), "{}", response.body);
        }
    }
}

#[test]
fn idle_connections_neither_block_the_server_nor_stay_open() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    // More idle sockets than the server has workers.
    let idle: Vec<TcpStream> = (0..12).map(|_| server.connect()).collect();
    assert_eq!(server.get("/notes/first/").status, 200);
    // The server closes each (after a 400) once its 5 s to send a request head are up,
    // well before this client gives up waiting (20 s): a read that times out instead
    // means the socket was left open.
    for mut stream in idle {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut rest = Vec::new();
        let read = stream.read_to_end(&mut rest);
        assert!(
            read.is_ok(),
            "the server kept an idle connection open: {read:?}"
        );
        let text = String::from_utf8_lossy(&rest);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 400"),
            "{text}"
        );
    }
}

#[test]
fn content_moved_away_and_back_is_watched_again() {
    let site = copy_fixture("serve");
    let root = site.path();
    let server = Server::start(root);
    let mut events = server.events();
    events.until("reload");
    let content = root.join("content");
    let elsewhere = root.join("elsewhere");
    // Moved away and back; then deleted and made anew from a copy.
    let away_and_back: [(&str, &dyn Fn()); 2] = [
        ("returned", &|| {
            std::fs::rename(&content, &elsewhere).unwrap()
        }),
        ("recreated", &|| {
            common::copy_dir(&content, &elsewhere);
            std::fs::remove_dir_all(&content).unwrap();
        }),
    ];
    let mut before = "original";
    for (word, take_away) in away_and_back {
        take_away();
        events.until("errors");
        std::fs::rename(&elsewhere, &content).unwrap();
        events.until("reload");
        edit(root, "content/notes/first.md", before, word);
        events.until("reload");
        let page = server.get("/notes/first/");
        assert!(
            page.body.contains(&format!("The {word} sentence")),
            "{}",
            page.body
        );
        before = word;
    }
    assert!(server.logged("content/ is back"), "{}", server.log());
}

#[test]
fn a_runaway_template_is_stopped_and_the_next_save_rebuilds() {
    let site = copy_fixture("serve");
    let root = site.path();
    let server = Server::start(root);
    let mut events = server.events();
    events.until("reload");
    let templates = root.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let runaway =
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}";
    std::fs::write(templates.join("article.html"), runaway).unwrap();
    // The server answers while the rebuild runs, with the last good site.
    assert_eq!(server.get("/notes/first/").status, 200);
    let errors = events.until("errors");
    assert!(errors.contains("took more than 5 s"), "{errors}");
    assert!(errors.contains("article.html"), "{errors}");
    // The next save rebuilds.
    std::fs::remove_file(templates.join("article.html")).unwrap();
    events.until("reload");
    assert!(
        server
            .get("/notes/first/")
            .body
            .contains("The original sentence")
    );
}

/// The serve fixture with an asset, `content/notes/diagram.png`, served; then a page is
/// broken, so the last good build stays served while the asset is swapped. Returns the
/// site, the server, its events (after the error) and the asset's path.
#[cfg(unix)]
fn serve_an_asset_then_break_a_page() -> (tempfile::TempDir, Server, Events, PathBuf) {
    let site = copy_fixture("serve");
    let asset = site.path().join("content/notes/diagram.png");
    std::fs::write(&asset, "PNG-MARKER").unwrap();
    let server = Server::start(site.path());
    let mut events = server.events();
    events.until("reload");
    assert_eq!(server.get("/notes/diagram.png").body, "PNG-MARKER");
    edit(
        site.path(),
        "content/notes/first.md",
        "title: \"First Note\"",
        "title: [unclosed",
    );
    events.until("errors");
    std::fs::remove_file(&asset).unwrap();
    (site, server, events, asset)
}

/// An asset of the last good build swapped for a link to a file outside the site (an
/// `/etc/passwd`) is not sent: each asset is checked again as it is read.
#[cfg(unix)]
#[test]
fn an_asset_swapped_for_a_link_out_of_the_site_is_not_served() {
    let (_site, server, mut events, asset) = serve_an_asset_then_break_a_page();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, "SECRET-MARKER").unwrap();
    std::os::unix::fs::symlink(&secret, &asset).unwrap();
    events.until("errors");
    let linked = server.get("/notes/diagram.png");
    assert_eq!(linked.status, 404);
    assert!(!linked.body.contains("SECRET-MARKER"), "{}", linked.body);
}

/// An asset of the last good build swapped for a FIFO, which a plain read waits on for
/// ever, is answered 404 at once: more requests for it than the server has workers
/// leave the server answering.
#[cfg(unix)]
#[test]
fn an_asset_swapped_for_a_fifo_blocks_no_worker() {
    let (_site, server, mut events, asset) = serve_an_asset_then_break_a_page();
    let made = Command::new("mkfifo").arg(&asset).status();
    assert!(made.expect("mkfifo runs").success());
    events.until("errors");
    let wait = Duration::from_secs(5);
    let fifo_requests: Vec<_> = (0..=WORKERS)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || {
                let response = request(port, "/notes/diagram.png", "127.0.0.1", wait);
                response.ok().map(|r| r.status)
            })
        })
        .collect();
    for request in fifo_requests {
        let status = request.join().unwrap();
        assert_eq!(status, Some(404), "a FIFO blocked a worker");
    }
    let home = server.get_within("/", wait);
    assert_eq!(
        home.map(|r| r.status),
        Some(200),
        "the server stopped answering"
    );
}

/// Clients sending their request head a byte every second, one per worker, are cut off
/// when the head's deadline (5 s for the whole head, not per read) is up: a normal
/// request made meanwhile is answered.
#[test]
fn heads_sent_a_byte_at_a_time_do_not_starve_the_server() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let stop = Arc::new(AtomicBool::new(false));
    let trickling: Vec<_> = (0..WORKERS)
        .map(|_| {
            let mut stream = server.connect();
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
                for byte in head.iter().chain(std::iter::repeat(&b'a')) {
                    if stop.load(Ordering::SeqCst) || stream.write_all(&[*byte]).is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
            })
        })
        .collect();
    // Every worker holds one of them now.
    std::thread::sleep(Duration::from_millis(500));
    let answered = server.get_within("/", Duration::from_secs(12));
    stop.store(true, Ordering::SeqCst);
    assert_eq!(
        answered.map(|r| r.status),
        Some(200),
        "GET / went unanswered"
    );
    for client in trickling {
        client.join().unwrap();
    }
}

/// A page that closes frees its event stream at once, not at the next keep-alive
/// (15 s later): after a reader closes as many tabs as the server allows streams, a
/// new tab gets its stream.
#[test]
fn closed_pages_free_their_event_streams_at_once() {
    let site = copy_fixture("serve");
    let server = Server::start(site.path());
    let tabs: Vec<Events> = (0..MAX_STREAMS).map(|_| server.events()).collect();
    let refused = server.open_events().err().expect("one stream too many");
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    drop(tabs);
    let start = Instant::now();
    let mut new_tab = server.open_events();
    while let Err(refused) = &new_tab {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the closed pages' streams are still held: {refused}"
        );
        std::thread::sleep(Duration::from_millis(100));
        new_tab = server.open_events();
    }
    assert_eq!(new_tab.unwrap().next().0, "reload");
}

/// An edit of a page's body is rebuilt alone, but the checks are a full build's: a
/// renamed heading that a `nav` entry of site.yaml points at is reported as `pillar
/// check` reports it, and the last good build stays served.
#[test]
fn a_renamed_heading_under_a_nav_anchor_is_reported() {
    let site = copy_fixture("serve");
    let root = site.path();
    edit(
        root,
        "content/notes/first.md",
        "The original sentence",
        "## Getting started\n\nThe original sentence",
    );
    let yaml = root.join("content/site.yaml");
    let mut config = std::fs::read_to_string(&yaml).unwrap();
    config.push_str("nav:\n  - label: Start\n    url: \"@/notes/first.md#getting-started\"\n");
    std::fs::write(&yaml, config).unwrap();
    let server = Server::start(root);
    let mut events = server.events();
    let good = events.until("reload");

    edit(
        root,
        "content/notes/first.md",
        "## Getting started",
        "## First steps",
    );
    let (event, data) = events.next();
    assert_eq!(event, "errors", "the dead nav link went unreported");
    assert!(data.contains("content/site.yaml"), "{data}");
    assert!(data.contains("getting-started"), "{data}");
    assert_eq!(server.get("/notes/first/").build(), good);
    let check = common::pillar(&["check", "--root", root.to_str().unwrap()]);
    assert!(!check.status.success(), "pillar check reports it too");
}
