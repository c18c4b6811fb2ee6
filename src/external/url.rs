//! The few URL operations link checking needs: which links are external, their host,
//! and where a `Location` header points.

/// Is `dest` an `http://` or `https://` link?
pub(super) fn is_external(dest: &str) -> bool {
    scheme_len(dest).is_some()
}

/// `url` without its `#fragment`, which the server never sees.
pub(super) fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(before, _)| before)
}

/// The host of an `http(s)` URL, lowercased, without user info or port.
pub(super) fn host(url: &str) -> String {
    let authority = authority(url);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host_port.split(':').next().unwrap_or(host_port),
    };
    host.to_ascii_lowercase()
}

/// What is wrong with an `http(s)` URL that no request could fix: no host, or a port
/// that is not a number from 1 to 65535.
pub(super) fn malformed(url: &str) -> Option<&'static str> {
    let authority = authority(url);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host(url).is_empty() {
        return Some("the address has no host");
    }
    let port = match host_port.rsplit_once(']') {
        Some((_, after)) => after.strip_prefix(':'),
        None => host_port.split_once(':').map(|(_, port)| port),
    };
    match port.map(str::parse::<u16>) {
        Some(Ok(0) | Err(_)) => Some("the port is not a number from 1 to 65535"),
        _ => None,
    }
}

/// Is `host` the `domain` or one of its subdomains?
pub(super) fn in_domain(host: &str, domain: &str) -> bool {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// The absolute URL a `Location` header sent in answer to `base` points at.
pub(super) fn resolve(base: &str, location: &str) -> String {
    let location = location.trim();
    if is_external(location) {
        return location.to_string();
    }
    let scheme = &base[..scheme_len(base).unwrap_or(0)];
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}{rest}");
    }
    let origin_end = scheme.len() + authority(base).len();
    let origin = &base[..origin_end];
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = base[origin_end..]
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let folder = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{origin}{folder}{location}")
}

/// The length of `url`'s `http://` or `https://` prefix, if it has one.
fn scheme_len(url: &str) -> Option<usize> {
    ["http://", "https://"]
        .into_iter()
        .find(|scheme| {
            url.get(..scheme.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        })
        .map(str::len)
}

/// The authority of an `http(s)` URL: what is between `//` and the path.
fn authority(url: &str) -> &str {
    let rest = &url[scheme_len(url).unwrap_or(0)..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_drop_user_info_and_port() {
        assert_eq!(host("https://me@Example.org:8080/a"), "example.org");
        assert_eq!(host("http://[::1]:80/"), "::1");
        assert_eq!(host("HTTP://example.org?q"), "example.org");
    }

    #[test]
    fn locations_resolve_like_a_browser() {
        let base = "http://h:1/a/b?q=1";
        assert_eq!(resolve(base, "https://x/y"), "https://x/y");
        assert_eq!(resolve(base, "//x/y"), "http://x/y");
        assert_eq!(resolve(base, "/c"), "http://h:1/c");
        assert_eq!(resolve(base, "c"), "http://h:1/a/c");
        assert_eq!(resolve("http://h", "c"), "http://h/c");
    }

    #[test]
    fn addresses_without_a_host_or_with_a_bad_port_are_malformed() {
        assert_eq!(malformed("https://example.org:8080/a"), None);
        assert_eq!(malformed("http://[::1]:80/"), None);
        assert_eq!(malformed("http://example.org/"), None);
        assert!(malformed("http:///path").is_some());
        assert!(malformed("http://h:99999/").is_some());
        assert!(malformed("http://h:x/").is_some());
    }

    #[test]
    fn domains_cover_their_subdomains() {
        assert!(in_domain("example.org", "Example.org"));
        assert!(in_domain("www.example.org", "example.org"));
        assert!(!in_domain("badexample.org", "example.org"));
    }
}
