//! What the server answers: the files of the site in memory, the live-reload script and
//! the stream of reload events, as an axum router.
//!
//! Around every route: the Host check ([`Hosts`]) and the headers every answer carries
//! (`Cache-Control: no-store`, so the browser never shows a stale build, and
//! `X-Content-Type-Options: nosniff`). Only files of the current snapshot are ever
//! served; the request target is checked before it is looked up ([`site_path`]).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, StreamExt};
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::validate_request::ValidateRequestHeaderLayer;

use super::hosts::Hosts;
use super::inject::{SCRIPT, SCRIPT_URL, with_reload_script};
use super::mime::content_type;
use super::path::{encode, site_path};
use super::served::Live;
use super::snapshot::Lookup;

/// Where pages listen for reload events.
const EVENTS_URL: &str = "/__pillar/events";
/// How often an idle event stream sends a comment, so that proxies keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How soon a page whose event stream broke connects again.
const RETRY: Duration = Duration::from_millis(500);
/// Open event streams (one per open page); one more is answered 503.
pub(super) const MAX_STREAMS: usize = 32;

/// What the handlers share.
#[derive(Clone)]
struct Shared {
    live: Arc<Live>,
    /// One permit per open event stream, held as long as the stream is.
    streams: Arc<Semaphore>,
}

/// The routes of the server answering for `hosts` from `live`.
pub(super) fn router(live: Arc<Live>, hosts: Hosts) -> Router {
    let shared = Shared {
        live,
        streams: Arc::new(Semaphore::new(MAX_STREAMS)),
    };
    Router::new()
        .route(EVENTS_URL, get(events))
        .route(SCRIPT_URL, get(script))
        .fallback(site_file)
        .with_state(shared)
        .layer(ValidateRequestHeaderLayer::custom(hosts))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// A plain-text answer.
pub(super) fn message(status: StatusCode, text: &'static str) -> Response {
    file(status, "message.txt", text.as_bytes().to_vec())
}

/// An answer with `body`, typed by the file name `name`.
fn file(status: StatusCode, name: &str, body: Vec<u8>) -> Response {
    let kind = HeaderValue::from_static(content_type(name));
    (status, [(header::CONTENT_TYPE, kind)], body).into_response()
}

async fn script() -> Response {
    file(StatusCode::OK, SCRIPT_URL, SCRIPT.as_bytes().to_vec())
}

/// A file of the site, a redirect to a folder's page, or the 404 page; HTML gets the
/// reload script.
async fn site_file(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut refused = message(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are supported.\n",
        );
        let allow = HeaderValue::from_static("GET, HEAD");
        refused.headers_mut().insert(header::ALLOW, allow);
        return refused;
    }
    // An absolute-form target (`http://host/path`) is refused as the old server did:
    // only origin-form (`/path`) names a file.
    let target = match (uri.scheme(), uri.path_and_query()) {
        (None, Some(target)) => target.as_str(),
        _ => "",
    };
    let path = match site_path(target) {
        Ok(path) => path,
        Err(refusal) => {
            let text = format!("Bad request: {refusal:?}.\n");
            return file(StatusCode::BAD_REQUEST, "message.txt", text.into_bytes());
        }
    };
    // Assets are read from disk (without blocking on a FIFO, but still a read).
    let answered = tokio::task::spawn_blocking(move || lookup(&shared.live, &path)).await;
    answered.unwrap_or_else(|_| {
        message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server failed to read the file.\n",
        )
    })
}

/// The answer for the site path `path` from the site served now.
fn lookup(live: &Live, path: &str) -> Response {
    let site = live.site();
    match site.find(path) {
        Lookup::File(name, bytes) if name.ends_with(".html") => file(
            StatusCode::OK,
            &name,
            with_reload_script(&bytes, &site.build),
        ),
        Lookup::File(name, bytes) => file(StatusCode::OK, &name, bytes.into_owned()),
        Lookup::Redirect(to) => {
            let mut moved = message(StatusCode::MOVED_PERMANENTLY, "Moved permanently.\n");
            // `encode` leaves only visible ASCII, which a header value always accepts.
            if let Ok(location) = HeaderValue::try_from(encode(&to)) {
                moved.headers_mut().insert(header::LOCATION, location);
            }
            moved
        }
        Lookup::Missing => {
            let page = with_reload_script(site.not_found_page(), &site.build);
            file(StatusCode::NOT_FOUND, crate::urls::NOT_FOUND, page)
        }
    }
}

/// Holds the connection open as a `text/event-stream`: the latest event at once, then
/// every change, until the page goes away (when the connection closes, the stream and
/// its permit are dropped).
async fn events(State(shared): State<Shared>) -> Response {
    let Ok(permit) = Arc::clone(&shared.streams).try_acquire_owned() else {
        return message(StatusCode::SERVICE_UNAVAILABLE, "Too many open pages.\n");
    };
    let listener = shared.live.hub.subscribe();
    let changes = stream::unfold((listener, permit), |(mut listener, permit)| async move {
        listener.changed().await.ok()?;
        let event = listener.borrow_and_update().to_sse();
        Some((event, (listener, permit)))
    });
    let retry = sse::Event::default().retry(RETRY);
    let events = stream::once(async { retry })
        .chain(changes)
        .map(Ok::<_, Infallible>);
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive"))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use tower::ServiceExt;

    /// A request for `target` as 127.0.0.1:1111 gets it.
    fn request(method: Method, target: &str) -> axum::http::Request<Body> {
        axum::http::Request::builder()
            .method(method)
            .uri(target)
            .header(header::HOST, "127.0.0.1:1111")
            .body(Body::empty())
            .unwrap()
    }

    async fn answer(method: Method, target: &str) -> Response {
        let hosts = Hosts::new("127.0.0.1:1111".parse().unwrap());
        let router = router(Arc::new(Live::new()), hosts);
        router.oneshot(request(method, target)).await.unwrap()
    }

    #[tokio::test]
    async fn every_answer_is_uncached_and_unsniffed() {
        for target in ["/", "/__pillar/live.js", "/../x"] {
            let response = answer(Method::GET, target).await;
            let headers = response.headers();
            assert_eq!(headers[header::CACHE_CONTROL], "no-store", "{target}");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        }
    }

    #[tokio::test]
    async fn other_methods_are_refused_naming_the_allowed_ones() {
        let response = answer(Method::POST, "/").await;
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers()[header::ALLOW], "GET, HEAD");
    }

    #[tokio::test]
    async fn before_the_first_build_every_page_says_so() {
        let response = answer(Method::GET, "/a/").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("has not been built yet"), "{body}");
        assert!(body.contains("data-build=\"0\""), "{body}");
    }
}
