//! Answering HTTP requests from the site in memory: its files, the live-reload script
//! and the stream of reload events.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::inject::{SCRIPT, with_reload_script};
use super::live::Live;
use super::mime::content_type;
use super::path::{encode, site_path};
use super::snapshot::Lookup;

/// Where pages listen for reload events (site path, without the leading `/`).
const EVENTS: &str = "__pillar/events";
/// Where the live-reload script is served (site path).
const SCRIPT_PATH: &str = "__pillar/live.js";
/// How often an idle event stream sends a comment, to notice closed pages.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Answers requests on `workers` threads until the server is unblocked.
pub fn spawn_workers(
    server: &Arc<Server>,
    live: &Arc<Live>,
    workers: usize,
) -> Vec<JoinHandle<()>> {
    (0..workers)
        .map(|_| {
            let server = Arc::clone(server);
            let live = Arc::clone(live);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &live);
                }
            })
        })
        .collect()
}

fn handle(request: Request, live: &Arc<Live>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = text(405, "Only GET and HEAD are supported.\n")
            .with_header(header("Allow", "GET, HEAD"));
        return respond(request, response);
    }
    let path = match site_path(request.url()) {
        Ok(path) => path,
        Err(refusal) => {
            return respond(request, text(400, &format!("Bad request: {refusal:?}.\n")));
        }
    };
    match path.as_str() {
        EVENTS => {
            let live = Arc::clone(live);
            std::thread::spawn(move || stream_events(request, &live));
        }
        SCRIPT_PATH => respond(request, file(200, SCRIPT_PATH, SCRIPT.as_bytes().to_vec())),
        _ => serve_file(request, live, &path),
    }
}

fn serve_file(request: Request, live: &Live, path: &str) {
    let site = live.site();
    let response = match site.find(path) {
        Lookup::File(name, bytes) => {
            let bytes = if name.ends_with(".html") {
                with_reload_script(&bytes, &site.build)
            } else {
                bytes.into_owned()
            };
            file(200, &name, bytes)
        }
        Lookup::Redirect(to) => {
            text(301, "Moved permanently.\n").with_header(header("Location", &encode(&to)))
        }
        Lookup::Missing => {
            let page = with_reload_script(site.not_found_page(), &site.build);
            file(404, "404.html", page)
        }
    };
    respond(request, response);
}

/// Holds the request open as a `text/event-stream`: the latest event at once, then
/// every event as it happens, until the page goes away.
fn stream_events(request: Request, live: &Live) {
    let (latest, events) = live.hub.subscribe();
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    let mut send = |text: &str| {
        writer
            .write_all(text.as_bytes())
            .and_then(|()| writer.flush())
    };
    if send(head).and_then(|()| send(&latest.to_sse())).is_err() {
        return;
    }
    loop {
        let sent = match events.recv_timeout(KEEP_ALIVE) {
            Ok(event) => send(&event.to_sse()),
            Err(RecvTimeoutError::Timeout) => send(": keep-alive\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn respond(request: Request, response: Response<std::io::Cursor<Vec<u8>>>) {
    // A client that hung up is no concern of the server's.
    let _ = request.respond(response);
}

fn file(status: u16, name: &str, bytes: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type(name)))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    file(status, "message.txt", message.as_bytes().to_vec())
}

/// A header from values the server chose (ASCII, no line breaks).
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}
