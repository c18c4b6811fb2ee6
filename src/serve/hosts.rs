//! The Host check: requests whose `Host` is not the server's own are refused (403), so
//! a page of another site cannot reach the server through DNS rebinding (its requests
//! carry the other site's name). A `tower-http` request validator, so it stands in
//! front of every route, the event stream included.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use tower_http::validate_request::ValidateRequest;

use super::routes::message;

/// Which `Host` headers name this server.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hosts {
    bound: SocketAddr,
}

impl Hosts {
    /// The hosts of a server bound to `bound` (the address `--interface` asked for,
    /// with the port it got).
    pub(super) fn new(bound: SocketAddr) -> Hosts {
        Hosts { bound }
    }

    /// Does `host` (a `Host` header's value) name this server? `localhost`, the bound
    /// address, or, when bound to every interface, any address written as an IP
    /// (which DNS rebinding, working through names, can never send).
    pub(super) fn allows(&self, host: &str) -> bool {
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

impl<B> ValidateRequest<B> for Hosts {
    type ResponseBody = Body;

    fn validate(&mut self, request: &mut Request<B>) -> Result<(), Response<Body>> {
        let host = request.headers().get(header::HOST);
        if host
            .and_then(|h| h.to_str().ok())
            .is_some_and(|h| self.allows(h))
        {
            return Ok(());
        }
        Err(message(
            StatusCode::FORBIDDEN,
            "This server answers only for its own address.\n",
        ))
    }
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
    fn requests_for_other_hosts_are_refused() {
        let mut hosts = Hosts::new("127.0.0.1:1111".parse().unwrap());
        let request = |host: Option<&str>| {
            let mut request = Request::get("/").body(()).unwrap();
            if let Some(host) = host {
                request
                    .headers_mut()
                    .insert(header::HOST, host.parse().unwrap());
            }
            request
        };
        assert!(hosts.validate(&mut request(Some("localhost:1111"))).is_ok());
        for host in [Some("rebind.example:1111"), None] {
            let refused = hosts.validate(&mut request(host)).unwrap_err();
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{host:?}");
        }
    }
}
