//! Server-sent events: telling every open page that the site was rebuilt or that the
//! build failed.
//!
//! The hub keeps the latest message, so a page that connects late still learns the
//! current state: a page built before the last rebuild reloads, and a page opened while
//! the build is broken shows the errors. A page that falls behind only ever needs the
//! latest state, so the hub is a `tokio::sync::watch` channel: it holds one event, and
//! each listener is woken when it changes.

use axum::response::sse;
use serde::Serialize;
use tokio::sync::watch;

use crate::diagnostics::Diagnostic;
use crate::report::{self, Style};

/// What the open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    /// The site was rebuilt; the data is the new build's id.
    Reload(String),
    /// The build failed; the data is the errors as JSON (`{"errors": [...]}`).
    Errors(String),
}

#[derive(Serialize)]
struct ErrorList<'a> {
    errors: Vec<ErrorView<'a>>,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    /// `content/a.md:3:7`, or just the file, or empty.
    location: String,
    message: &'a str,
    /// The whole diagnostic as the terminal shows it, with the source line.
    report: String,
}

impl Event {
    /// The event for a failed build: its errors (warnings left out).
    pub(super) fn errors(diagnostics: &[Diagnostic]) -> Event {
        let errors = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| ErrorView {
                location: location(d),
                message: &d.message,
                report: report::render(std::slice::from_ref(d), Style::Plain),
            })
            .collect();
        let json = serde_json::to_string(&ErrorList { errors }).unwrap_or_default();
        Event::Errors(json)
    }

    /// The event as a server-sent event (`event: reload`, `data: <build>`).
    pub(super) fn to_sse(&self) -> sse::Event {
        let (name, data) = match self {
            Event::Reload(build) => ("reload", build),
            Event::Errors(json) => ("errors", json),
        };
        sse::Event::default().event(name).data(data)
    }
}

fn location(d: &Diagnostic) -> String {
    match (d.path(), d.line_col()) {
        (Some(path), Some(lc)) => format!("{}:{}:{}", path.display(), lc.line, lc.col),
        (Some(path), None) => path.display().to_string(),
        _ => String::new(),
    }
}

/// The pages listening for events, and the latest event.
#[derive(Debug)]
pub(super) struct Hub {
    latest: watch::Sender<Event>,
}

impl Hub {
    /// A hub whose current state is `latest`.
    pub(super) fn new(latest: Event) -> Hub {
        Hub {
            latest: watch::Sender::new(latest),
        }
    }

    /// Tells every listener of `event` and keeps it as the latest.
    pub(super) fn publish(&self, event: Event) {
        self.latest.send_replace(event);
    }

    /// A new listener, which sees the latest event first, then each one that follows.
    pub(super) fn subscribe(&self) -> watch::Receiver<Event> {
        let mut listener = self.latest.subscribe();
        listener.mark_changed();
        listener
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn errors_carry_file_line_and_the_report() {
        let file = SourceFile::new("content/a.md", "---\ntitle: [\n---\n");
        let d = Diagnostic::error("bad YAML").at(&file, 11..12);
        let warning = Diagnostic::warning("no description").in_file("content/b.md");
        let Event::Errors(json) = Event::errors(&[d, warning]) else {
            panic!("an errors event");
        };
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors = value["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["location"], "content/a.md:2:8");
        assert_eq!(errors[0]["message"], "bad YAML");
        assert!(errors[0]["report"].as_str().unwrap().contains("title: ["));
        assert!(!json.contains('\n'));
    }

    #[tokio::test]
    async fn late_listeners_get_the_latest_event_and_a_slow_one_only_the_newest() {
        let hub = Hub::new(Event::Reload("1".into()));
        let mut listener = hub.subscribe();
        listener.changed().await.unwrap();
        assert_eq!(*listener.borrow_and_update(), Event::Reload("1".into()));
        hub.publish(Event::Errors("{}".into()));
        hub.publish(Event::Reload("2".into()));
        listener.changed().await.unwrap();
        assert_eq!(*listener.borrow_and_update(), Event::Reload("2".into()));
        assert!(!listener.has_changed().unwrap());
        let mut late = hub.subscribe();
        assert!(late.has_changed().unwrap());
        assert_eq!(*late.borrow_and_update(), Event::Reload("2".into()));
    }
}
