//! Answering HTTP requests from the site in memory: its files, the live-reload script
//! and the stream of reload events.
//!
//! A small HTTP/1.1 server on `std::net`, because a development server must bound what
//! a client can hold: a fixed pool of workers behind a bounded queue (a connection
//! beyond it gets 503 at once), one deadline for reading the whole request head (a
//! client trickling a byte at a time cannot hold a worker), a cap on its size and on
//! the number of event streams, each freed as soon as its page goes away. Every
//! response closes its connection. Requests whose `Host` is not the server's own are
//! refused (403), so a page of another site cannot reach the server through DNS
//! rebinding.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::inject::{SCRIPT, with_reload_script};
use super::mime::content_type;
use super::path::{encode, site_path};
use super::served::Live;
use super::snapshot::Lookup;

/// Where pages listen for reload events (site path, without the leading `/`).
const EVENTS: &str = "__pillar/events";
/// Where the live-reload script is served (site path).
const SCRIPT_PATH: &str = "__pillar/live.js";
/// How often an idle event stream sends a comment, so that proxies keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How often an event stream looks whether its page closed the connection.
const GONE_CHECK: Duration = Duration::from_millis(250);
/// How long a client may take to send its whole request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// How long a client may take to take each part of a response.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest request head read.
const MAX_HEAD: u64 = 16 * 1024;
/// Connections waiting for a worker; one more is answered 503.
const QUEUE: usize = 64;
/// Open event streams (one per open page); one more is answered 503.
const MAX_STREAMS: usize = 32;

/// Which `Host` headers name this server.
#[derive(Debug, Clone)]
pub struct Hosts {
    bound: SocketAddr,
}

impl Hosts {
    /// The hosts of a server bound to `bound` (the address `--interface` asked for,
    /// with the port it got).
    pub fn new(bound: SocketAddr) -> Hosts {
        Hosts { bound }
    }

    /// Does `host` (a `Host` header's value) name this server? `localhost`, the bound
    /// address, or, when bound to every interface, any address written as an IP
    /// (which DNS rebinding, working through names, can never send).
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim();
        let name = match host.rsplit_once(':') {
            Some((name, port)) if !name.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
                if port.parse() != Ok(self.bound.port()) {
                    return false;
                }
                name
            }
            _ => host,
        };
        let name = name.trim_start_matches('[').trim_end_matches(']');
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(_) if self.bound.ip().is_unspecified() => true,
            Ok(ip) => ip == self.bound.ip() || ip.is_loopback() && self.bound.ip().is_loopback(),
            Err(_) => false,
        }
    }
}

/// The listening server: its workers and the thread accepting connections.
pub struct Server {
    listener: TcpListener,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Listens on `address`.
    pub fn bind(address: SocketAddr) -> std::io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(address)?,
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The address it listens on (with the port picked for port 0).
    pub fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests from `live` on `workers` threads, accepting on one more.
    pub fn spawn(&self, live: &Arc<Live>, workers: usize) -> std::io::Result<Vec<JoinHandle<()>>> {
        let hosts = Hosts::new(self.address()?);
        let (queue, waiting) = sync_channel::<TcpStream>(QUEUE);
        let waiting = Arc::new(Mutex::new(waiting));
        let streams = Arc::new(AtomicUsize::new(0));
        let mut threads: Vec<JoinHandle<()>> = (0..workers)
            .map(|_| {
                let (waiting, live) = (Arc::clone(&waiting), Arc::clone(live));
                let (hosts, streams) = (hosts.clone(), Arc::clone(&streams));
                std::thread::spawn(move || work(&waiting, &live, &hosts, &streams))
            })
            .collect();
        let listener = self.listener.try_clone()?;
        let stop = Arc::clone(&self.stop);
        threads.push(std::thread::spawn(move || accept(&listener, &queue, &stop)));
        Ok(threads)
    }

    /// Stops accepting; the workers end once the queue is empty.
    pub fn unblock(&self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread with one last connection.
        if let Ok(address) = self.address() {
            let _ = TcpStream::connect(address);
        }
    }
}

fn accept(listener: &TcpListener, queue: &SyncSender<TcpStream>, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
        let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
        match queue.try_send(stream) {
            Ok(()) => {}
            Err(TrySendError::Full(stream)) => busy(stream),
            Err(TrySendError::Disconnected(_)) => return,
        }
    }
}

/// Tells a client the server is busy and closes the connection.
fn busy(mut stream: TcpStream) {
    let _ = stream.write_all(&response(
        503,
        "message.txt",
        b"The server is busy; try again.\n",
        false,
    ));
    let _ = stream.shutdown(Shutdown::Both);
}

fn work(
    waiting: &Mutex<Receiver<TcpStream>>,
    live: &Arc<Live>,
    hosts: &Hosts,
    streams: &Arc<AtomicUsize>,
) {
    loop {
        let next = waiting.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(stream) = next else { return };
        handle(stream, live, hosts, streams);
    }
}

/// A request head: method, target and `Host`.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    method: String,
    target: String,
    host: Option<String>,
}

/// Reads a request head: at most [`MAX_HEAD`] bytes, all within `deadline`.
fn read_head(stream: &TcpStream, deadline: Duration) -> Option<Head> {
    let until = Deadline {
        stream,
        until: Instant::now() + deadline,
    };
    let mut reader = BufReader::new(until.take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    let mut host = None;
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        }
    }
    Some(Head {
        method,
        target,
        host,
    })
}

/// A connection read against one deadline: each read waits only for what is left of
/// it, so a client sending a byte now and then is cut off all the same.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

fn handle(mut stream: TcpStream, live: &Arc<Live>, hosts: &Hosts, streams: &Arc<AtomicUsize>) {
    let Some(head) = read_head(&stream, HEAD_DEADLINE) else {
        let _ = stream.write_all(&response(400, "message.txt", b"Bad request.\n", false));
        return;
    };
    let is_head = head.method == "HEAD";
    let answer = |stream: &mut TcpStream, status, name: &str, body: &[u8]| {
        let _ = stream.write_all(&response(status, name, body, is_head));
    };
    if !head.host.as_deref().is_some_and(|h| hosts.allows(h)) {
        return answer(
            &mut stream,
            403,
            "message.txt",
            b"This server answers only for its own address.\n",
        );
    }
    if head.method != "GET" && !is_head {
        let mut bytes = response(
            405,
            "message.txt",
            b"Only GET and HEAD are supported.\n",
            false,
        );
        let at = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0);
        bytes.splice(at..at, b"\r\nAllow: GET, HEAD".iter().copied());
        let _ = stream.write_all(&bytes);
        return;
    }
    let path = match site_path(&head.target) {
        Ok(path) => path,
        Err(refusal) => {
            let message = format!("Bad request: {refusal:?}.\n");
            return answer(&mut stream, 400, "message.txt", message.as_bytes());
        }
    };
    match path.as_str() {
        EVENTS => {
            if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
                streams.fetch_sub(1, Ordering::SeqCst);
                return answer(&mut stream, 503, "message.txt", b"Too many open pages.\n");
            }
            let (live, streams) = (Arc::clone(live), Arc::clone(streams));
            std::thread::spawn(move || {
                stream_events(stream, &live);
                streams.fetch_sub(1, Ordering::SeqCst);
            });
        }
        SCRIPT_PATH => answer(&mut stream, 200, SCRIPT_PATH, SCRIPT.as_bytes()),
        _ => serve_file(stream, live, &path, is_head),
    }
}

fn serve_file(mut stream: TcpStream, live: &Live, path: &str, is_head: bool) {
    let site = live.site();
    let bytes = match site.find(path) {
        Lookup::File(name, bytes) => {
            let body = if name.ends_with(".html") {
                with_reload_script(&bytes, &site.build)
            } else {
                bytes.into_owned()
            };
            response(200, &name, &body, is_head)
        }
        Lookup::Redirect(to) => {
            let mut bytes = response(301, "message.txt", b"Moved permanently.\n", is_head);
            let at = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0);
            let location = format!("\r\nLocation: {}", encode(&to));
            bytes.splice(at..at, location.bytes());
            bytes
        }
        Lookup::Missing => {
            let page = with_reload_script(site.not_found_page(), &site.build);
            response(404, crate::urls::NOT_FOUND, &page, is_head)
        }
    };
    // A client that hung up is no concern of the server's.
    let _ = stream.write_all(&bytes);
}

/// Holds the connection open as a `text/event-stream`: the latest event at once, then
/// every event as it happens, until the page goes away (noticed within [`GONE_CHECK`]).
fn stream_events(mut stream: TcpStream, live: &Live) {
    let (latest, events) = live.hub.subscribe();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if send(&mut stream, head)
        .and_then(|()| send(&mut stream, &latest.to_sse()))
        .is_err()
    {
        return;
    }
    let mut last_sent = Instant::now();
    loop {
        let sent = match events.recv_timeout(GONE_CHECK) {
            Ok(event) => send(&mut stream, &event.to_sse()),
            Err(RecvTimeoutError::Timeout) if client_gone(&stream) => return,
            Err(RecvTimeoutError::Timeout) if last_sent.elapsed() >= KEEP_ALIVE => {
                send(&mut stream, ": keep-alive\n\n")
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
        last_sent = Instant::now();
    }
}

/// Writes `text` to the client at once.
fn send(stream: &mut TcpStream, text: &str) -> std::io::Result<()> {
    stream.write_all(text.as_bytes())?;
    stream.flush()
}

/// Has the client closed the connection (or lost it)? Looks without waiting: the end
/// of the stream or an error means it is gone; anything the client sent is dropped.
fn client_gone(mut stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut scrap = [0; 512];
    let gone = match stream.read(&mut scrap) {
        Ok(0) => true,
        Ok(_) => false,
        Err(err) => !matches!(
            err.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
        ),
    };
    // Writes block again, within their timeout.
    stream.set_nonblocking(false).is_err() || gone
}

/// A whole response: status line, headers (the type from `name`) and, unless the
/// request was `HEAD`, the body.
fn response(status: u16, name: &str, body: &[u8], is_head: bool) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Service Unavailable",
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        content_type(name),
        body.len()
    )
    .into_bytes();
    if !is_head {
        out.extend_from_slice(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_own_names_are_hosts() {
        let local = Hosts::new("127.0.0.1:1111".parse().unwrap());
        for host in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
        ] {
            assert!(local.allows(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1:2222",
            "10.0.0.5",
            "",
            "localhost.evil.example",
        ] {
            assert!(!local.allows(host), "{host}");
        }
        let lan = Hosts::new("192.168.1.5:1111".parse().unwrap());
        assert!(lan.allows("192.168.1.5:1111") && lan.allows("localhost"));
        assert!(!lan.allows("192.168.1.6:1111") && !lan.allows("rebind.example:1111"));
        let every = Hosts::new("0.0.0.0:1111".parse().unwrap());
        assert!(every.allows("192.168.1.6:1111") && !every.allows("rebind.example"));
    }

    #[test]
    fn heads_are_read_with_their_host() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            stream
                .write_all(b"GET /a/?b HTTP/1.1\r\nhOsT: example.org\r\nX: y\r\n\r\n")
                .unwrap();
            stream
        });
        let (stream, _) = listener.accept().unwrap();
        let head = read_head(&stream, HEAD_DEADLINE).unwrap();
        assert_eq!(
            head,
            Head {
                method: "GET".into(),
                target: "/a/?b".into(),
                host: Some("example.org".into())
            }
        );
        drop(client.join());
    }

    #[test]
    fn a_head_sent_a_byte_at_a_time_is_cut_off_at_the_deadline() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            // Each byte comes well within any per-read timeout; stops once cut off.
            for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX: ".iter().cycle() {
                std::thread::sleep(Duration::from_millis(20));
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let start = Instant::now();
        assert_eq!(read_head(&stream, Duration::from_millis(300)), None);
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn a_client_that_closed_the_connection_is_noticed_without_writing() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(address).unwrap();
        let (stream, _) = listener.accept().unwrap();
        client.write_all(b"stray bytes").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(!client_gone(&stream), "open, and what it sent is dropped");
        drop(client);
        std::thread::sleep(Duration::from_millis(50));
        assert!(client_gone(&stream));
    }
}
