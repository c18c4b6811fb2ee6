//! The HTTP server: hyper's HTTP/1.1 on a small tokio runtime of its own, answering
//! through the axum router of [`super::routes`].
//!
//! A development server must bound what a client can hold, so each connection is served
//! with bounds hyper enforces: one deadline for reading the whole request head (a client
//! trickling a byte at a time is cut off all the same), a cap on the head's size, and a
//! connection closed after each answer; and one it does not: a client must take each
//! part of an answer within [`IO_TIMEOUT`] ([`WriteDeadline`]). At most
//! [`MAX_CONNECTIONS`] are served at once; one more is told the server is busy (503)
//! at once and closed.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::{Semaphore, oneshot};

use super::hosts::Hosts;
use super::routes::router;
use super::served::Live;
use super::stall::WriteDeadline;

/// How long a client may take to send its whole request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(5);
/// How long a client may take to take each part of an answer.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest request head read (hyper's read buffer; its smallest allowed is 8 KiB).
const MAX_HEAD: usize = 16 * 1024;
/// Connections served at once, event streams included; one more is answered 503.
const MAX_CONNECTIONS: usize = 128;
/// The threads answering requests (reading assets runs on tokio's blocking pool).
const THREADS: usize = 2;
/// The answer to a connection beyond [`MAX_CONNECTIONS`], sent without reading its
/// request (which would hold it longer).
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
    Content-Type: text/plain; charset=utf-8\r\nContent-Length: 31\r\n\
    Cache-Control: no-store\r\nConnection: close\r\n\r\n\
    The server is busy; try again.\n";

/// The listening socket, bound before the site is built so a port in use is reported
/// at once.
pub(super) struct Server {
    listener: TcpListener,
}

/// The server answering requests on a thread of its own.
pub(super) struct Running {
    stop: oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

impl Server {
    /// Listens on `address`.
    pub(super) fn bind(address: SocketAddr) -> std::io::Result<Server> {
        Ok(Server {
            listener: TcpListener::bind(address)?,
        })
    }

    /// The address it listens on (with the port picked for port 0).
    pub(super) fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests from `live` until stopped.
    pub(super) fn spawn(self, live: &Arc<Live>) -> std::io::Result<Running> {
        let hosts = Hosts::new(self.address()?);
        self.listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(THREADS)
            .thread_name("pillar-serve")
            .enable_all()
            .build()?;
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(self.listener)?
        };
        let (stop, stopped) = oneshot::channel();
        let live = Arc::clone(live);
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                tokio::select! {
                    () = accept(listener, live, hosts) => {}
                    _ = stopped => {}
                }
            });
        });
        Ok(Running { stop, thread })
    }
}

impl Running {
    /// Stops accepting and drops the open connections.
    pub(super) fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

/// Accepts connections for ever, each served on a task of its own.
async fn accept(listener: tokio::net::TcpListener, live: Arc<Live>, hosts: Hosts) {
    let service = TowerToHyperService::new(router(live, hosts));
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, most likely: give the open ones time to close.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            tokio::spawn(busy(stream));
            continue;
        };
        let service = service.clone();
        tokio::spawn(async move {
            // A client that hangs up or errs is no concern of the server's.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_DEADLINE)
                .max_buf_size(MAX_HEAD)
                .keep_alive(false)
                .serve_connection(
                    TokioIo::new(WriteDeadline::new(stream, IO_TIMEOUT)),
                    service,
                )
                .await;
            drop(permit);
        });
    }
}

/// Tells a client the server is busy and closes the connection.
async fn busy(mut stream: TcpStream) {
    let answer = async {
        stream.write_all(BUSY).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(IO_TIMEOUT, answer).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_answer_is_well_formed() {
        let text = std::str::from_utf8(BUSY).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let length = format!("Content-Length: {}\r\n", body.len());
        assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
        assert!(format!("{head}\r\n").contains(&length), "{head}");
    }
}
