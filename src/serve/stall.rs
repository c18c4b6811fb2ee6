//! A connection that gives up on a client that stops taking what it is sent.
//!
//! hyper bounds how long a client may take to send its request head, not how long it
//! may leave an answer unread: a client that never reads a large file (or a page frozen
//! in a background tab, its event stream) would hold its connection for ever. Wrapped
//! in [`WriteDeadline`], a write that cannot go on for the deadline fails, and hyper
//! closes the connection.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// `io` whose writes fail once they have waited `limit` without any progress.
pub(super) struct WriteDeadline<T> {
    io: T,
    limit: Duration,
    /// Running while a write waits for the client.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<T> WriteDeadline<T> {
    /// `io`, giving a client `limit` to take each part of what it is sent.
    pub(super) fn new(io: T, limit: Duration) -> WriteDeadline<T> {
        WriteDeadline {
            io,
            limit,
            stalled: None,
        }
    }

    /// Passes a finished write on; a waiting one fails once it has waited too long.
    fn watch<R>(
        &mut self,
        cx: &mut Context<'_>,
        write: Poll<io::Result<R>>,
    ) -> Poll<io::Result<R>> {
        if write.is_ready() {
            self.stalled = None;
            return write;
        }
        let limit = self.limit;
        let stalled = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match stalled.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteDeadline<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let write = Pin::new(&mut this.io).poll_write(cx, buf);
        this.watch(cx, write)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let flush = Pin::new(&mut this.io).poll_flush(cx);
        this.watch(cx, flush)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let shutdown = Pin::new(&mut this.io).poll_shutdown(cx);
        this.watch(cx, shutdown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const LIMIT: Duration = Duration::from_millis(100);

    #[tokio::test]
    async fn a_client_that_stops_reading_is_given_up_on() {
        let (server, _client) = tokio::io::duplex(64);
        let mut server = WriteDeadline::new(server, LIMIT);
        let start = Instant::now();
        let error = server.write_all(&[b'x'; 1024]).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    /// On a paused clock, so a loaded machine cannot stretch the reader's pauses past
    /// the deadline.
    #[tokio::test(start_paused = true)]
    async fn a_slow_client_that_keeps_reading_gets_everything() {
        let (server, mut client) = tokio::io::duplex(64);
        let reader = tokio::spawn(async move {
            let (mut got, mut chunk) = (Vec::new(), [0; 64]);
            loop {
                tokio::time::sleep(LIMIT / 2).await;
                match client.read(&mut chunk).await.unwrap() {
                    0 => return got,
                    n => got.extend_from_slice(&chunk[..n]),
                }
            }
        });
        let mut server = WriteDeadline::new(server, LIMIT);
        server.write_all(&[b'x'; 640]).await.unwrap();
        server.shutdown().await.unwrap();
        drop(server);
        assert_eq!(reader.await.unwrap().len(), 640);
    }
}
