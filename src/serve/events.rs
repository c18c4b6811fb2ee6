//! Server-sent events: telling every open page that the site was rebuilt or that the
//! build failed.
//!
//! The hub keeps the latest message, so a page that connects late still learns the
//! current state: a page built before the last rebuild reloads, and a page opened while
//! the build is broken shows the errors.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::report::{self, Style};

/// What the open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
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
    pub fn errors(diagnostics: &[Diagnostic]) -> Event {
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

    /// The event in the `text/event-stream` format.
    pub fn to_sse(&self) -> String {
        let (name, data) = match self {
            Event::Reload(build) => ("reload", build),
            Event::Errors(json) => ("errors", json),
        };
        // Neither a build id nor serialised JSON contains a line break.
        format!("event: {name}\ndata: {data}\n\n")
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
pub struct Hub {
    state: Mutex<HubState>,
}

#[derive(Debug)]
struct HubState {
    latest: Event,
    listeners: Vec<Sender<Event>>,
}

impl Hub {
    /// A hub whose current state is `latest`.
    pub fn new(latest: Event) -> Hub {
        Hub {
            state: Mutex::new(HubState {
                latest,
                listeners: Vec::new(),
            }),
        }
    }

    /// Sends `event` to every listener and keeps it as the latest; listeners that went
    /// away are dropped.
    pub fn publish(&self, event: Event) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.listeners.retain(|l| l.send(event.clone()).is_ok());
        state.latest = event;
    }

    /// A new listener: the latest event, and a receiver for the ones that follow.
    pub fn subscribe(&self) -> (Event, Receiver<Event>) {
        let (sender, receiver) = channel();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.listeners.push(sender);
        (state.latest.clone(), receiver)
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

    #[test]
    fn late_listeners_get_the_latest_event_and_gone_ones_are_dropped() {
        let hub = Hub::new(Event::Reload("1".into()));
        let (first, receiver) = hub.subscribe();
        assert_eq!(first, Event::Reload("1".into()));
        let (_, gone) = hub.subscribe();
        drop(gone);
        hub.publish(Event::Reload("2".into()));
        assert_eq!(receiver.recv().unwrap(), Event::Reload("2".into()));
        assert_eq!(hub.subscribe().0, Event::Reload("2".into()));
        assert_eq!(hub.state.lock().unwrap().listeners.len(), 2);
        assert_eq!(
            Event::Reload("2".into()).to_sse(),
            "event: reload\ndata: 2\n\n"
        );
    }
}
