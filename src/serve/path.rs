//! Turning a request target into a path of the built site, refusing anything that
//! could reach outside it.
//!
//! The server only ever looks paths up in the in-memory output, so nothing here can
//! open a file by itself; refusing `..`, backslashes and the like is a second wall,
//! and tells a client plainly that such a request is wrong.

/// Why a request target was refused (answered with 400 Bad Request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Not an origin-form target (`/path`): an absolute URL, `*`, or nothing.
    NotAPath,
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// A `.` or `..` segment, an empty segment (`//`), a backslash or a NUL, raw or
    /// percent-encoded.
    Traversal,
}

/// The site path a request target asks for: percent-decoded, without the leading `/`,
/// the query or the fragment (`/a/b%20c/?x=1` → `a/b c/`).
pub(super) fn site_path(target: &str) -> Result<String, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(path) = path.strip_prefix('/') else {
        return Err(Refusal::NotAPath);
    };
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refusal::Traversal);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == "." || *segment == ".." {
            return Err(Refusal::Traversal);
        }
    }
    Ok(decoded)
}

/// `path` percent-encoded for a `Location` header: every byte but unreserved
/// characters and `/` is escaped, so nothing from the site can break the header.
pub(super) fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Result<String, Refusal> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::BadEncoding)?;
            let hex = std::str::from_utf8(hex).map_err(|_| Refusal::BadEncoding)?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| Refusal::BadEncoding)?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refusal::BadEncoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_paths() {
        assert_eq!(site_path("/").unwrap(), "");
        assert_eq!(site_path("/a/b/").unwrap(), "a/b/");
        assert_eq!(site_path("/css/site.css?v=2#x").unwrap(), "css/site.css");
        assert_eq!(site_path("/a%20b/").unwrap(), "a b/");
        assert_eq!(site_path("/caf%C3%A9/").unwrap(), "café/");
        assert_eq!(site_path("/a..b/c.d").unwrap(), "a..b/c.d");
    }

    #[test]
    fn traversal_is_refused_however_it_is_written() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/..%2FCargo.toml",
            "/a/../../Cargo.toml",
            "/a\\..\\Cargo.toml",
            "/a%5c..%5cCargo.toml",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/..",
            "/a/%00",
        ] {
            assert_eq!(site_path(target), Err(Refusal::Traversal), "{target}");
        }
    }

    #[test]
    fn encoding_round_trips() {
        for path in ["/a/b/", "/café/", "/a b\r\nSet-Cookie: x/"] {
            let encoded = encode(path);
            assert!(encoded.bytes().all(|b| b.is_ascii_graphic()), "{encoded}");
            assert_eq!(format!("/{}", site_path(&encoded).unwrap()), path);
        }
    }

    #[test]
    fn other_targets_are_refused() {
        assert_eq!(site_path("http://example.org/"), Err(Refusal::NotAPath));
        assert_eq!(site_path("*"), Err(Refusal::NotAPath));
        assert_eq!(site_path(""), Err(Refusal::NotAPath));
        assert_eq!(site_path("C:\\Windows"), Err(Refusal::NotAPath));
        assert_eq!(site_path("/%zz"), Err(Refusal::BadEncoding));
        assert_eq!(site_path("/%e"), Err(Refusal::BadEncoding));
        assert_eq!(site_path("/%ff"), Err(Refusal::BadEncoding));
    }
}
