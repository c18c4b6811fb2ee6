//! One link checked over HTTP: HEAD (GET where HEAD is not allowed), `Retry-After`
//! honoured once on 429, redirects followed by hand so the chain can be shown.

use std::collections::HashSet;
use std::thread;
use std::time::Duration;

use super::url;

/// How many redirects a link may take before it counts as broken.
pub(super) const MAX_REDIRECTS: usize = 10;

/// What a link turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Verdict {
    /// The addresses the link was redirected to, in order (empty if it was not).
    pub redirects: Vec<String>,
    /// How the last request ended.
    pub end: End,
}

/// How checking a link ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum End {
    /// A 2xx answer.
    Alive,
    /// Any other final status (4xx, 5xx, a 3xx without `Location`).
    Status(u16),
    /// Still 429 after waiting as long as `Retry-After` asked (up to the cap).
    RateLimited,
    /// A redirect back to an address already in the chain.
    Loop,
    /// More than [`MAX_REDIRECTS`] redirects.
    TooManyRedirects,
    /// No answer: refused, timed out, unknown host, TLS failure.
    Unreachable(String),
}

/// The HTTP client and the politeness rules of one check.
pub(super) struct Prober {
    agent: ureq::Agent,
    timeout: Duration,
    retry_after_cap: Duration,
}

/// A status line and the `Location` and `Retry-After` it came with.
struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
}

impl Prober {
    /// A client that gives each request `timeout`, sends pillar's user agent, follows
    /// no redirect itself and waits at most `retry_after_cap` on a 429.
    pub(super) fn new(timeout: Duration, retry_after_cap: Duration) -> Prober {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(user_agent())
            .build()
            .new_agent();
        Prober {
            agent,
            timeout,
            retry_after_cap,
        }
    }

    /// Checks `link`, following its redirects.
    pub(super) fn check(&self, link: &str) -> Verdict {
        let mut redirects = Vec::new();
        let mut seen = HashSet::from([link.to_string()]);
        let mut current = link.to_string();
        let end = loop {
            let answer = match self.ask(&current) {
                Ok(answer) => answer,
                Err(reason) => break End::Unreachable(reason),
            };
            let next = match (answer.status, answer.location) {
                (200..=299, _) => break End::Alive,
                (300..=399, Some(location)) => url::resolve(&current, &location),
                (429, _) => break End::RateLimited,
                (status, _) => break End::Status(status),
            };
            redirects.push(next.clone());
            if !seen.insert(next.clone()) {
                break End::Loop;
            }
            if redirects.len() > MAX_REDIRECTS {
                break End::TooManyRedirects;
            }
            current = next;
        };
        Verdict { redirects, end }
    }

    /// One request to `link`: HEAD, then GET if HEAD is not allowed (405, 501), then the
    /// same once more after waiting if the server answered 429.
    fn ask(&self, link: &str) -> Result<Answer, String> {
        let mut answer = self.head_or_get(link)?;
        if answer.status == 429 {
            let asked = answer.retry_after.unwrap_or(self.retry_after_cap);
            thread::sleep(asked.min(self.retry_after_cap));
            answer = self.head_or_get(link)?;
        }
        Ok(answer)
    }

    fn head_or_get(&self, link: &str) -> Result<Answer, String> {
        let answer = self.send(link, Method::Head)?;
        match answer.status {
            405 | 501 => self.send(link, Method::Get),
            _ => Ok(answer),
        }
    }

    /// Sends one request; the body of a GET is never read.
    fn send(&self, link: &str, method: Method) -> Result<Answer, String> {
        if let Some(problem) = url::malformed(link) {
            return Err(problem.to_string());
        }
        let sent = match method {
            Method::Head => self.agent.head(link).call(),
            Method::Get => self.agent.get(link).call(),
        };
        let response = sent.map_err(|e| self.describe(&e))?;
        let header = |name: &str| {
            let value = response.headers().get(name)?;
            value.to_str().ok().map(str::to_string)
        };
        Ok(Answer {
            status: response.status().as_u16(),
            location: header("location"),
            retry_after: header("retry-after").and_then(|v| seconds(&v)),
        })
    }

    /// What went wrong, in words an author understands.
    fn describe(&self, error: &ureq::Error) -> String {
        match error {
            ureq::Error::Timeout(_) => format!("no answer within {} s", self.timeout.as_secs_f32()),
            ureq::Error::Io(e) => e.to_string(),
            other => other.to_string(),
        }
    }
}

/// A `Retry-After` given in seconds (an HTTP date is not read: the cap applies).
fn seconds(value: &str) -> Option<Duration> {
    value.trim().parse().ok().map(Duration::from_secs)
}

/// The two methods a check sends.
#[derive(Clone, Copy)]
enum Method {
    Head,
    Get,
}

/// `pillar/0.1.0 (+https://github.com/pillar-ssg/pillar)`: names the tool, its
/// version and where to read about it, for the logs of the sites it checks.
pub(crate) fn user_agent() -> String {
    format!(
        "pillar/{} (link checker; +{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}
