//! Adding the live-reload script to HTML pages as they are served (never to the files
//! `pillar build` writes).

/// The URL the live-reload script is served at.
pub(super) const SCRIPT_URL: &str = "/__pillar/live.js";

/// The live-reload script itself.
pub(super) const SCRIPT: &str = include_str!("live.js");

/// `html` with a `<script>` tag for the live-reload script before its last `</body>`
/// (or at the end if it has none). `build` identifies the build the page comes from,
/// so the script can tell whether the site changed since.
pub(super) fn with_reload_script(html: &[u8], build: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_URL}\" data-build=\"{build}\"></script>");
    let at = last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn last_body_close(html: &[u8]) -> Option<usize> {
    const CLOSE: &[u8] = b"</body";
    html.windows(CLOSE.len())
        .rposition(|w| w.eq_ignore_ascii_case(CLOSE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inject(html: &str) -> String {
        String::from_utf8(with_reload_script(html.as_bytes(), "b1")).unwrap()
    }

    #[test]
    fn before_the_last_body_close() {
        let tag = r#"<script src="/__pillar/live.js" data-build="b1"></script>"#;
        assert_eq!(
            inject("<body><p>&lt;/body&gt;</p></BODY>\n</html>"),
            format!("<body><p>&lt;/body&gt;</p>{tag}</BODY>\n</html>")
        );
        assert_eq!(inject("<p>fragment</p>"), format!("<p>fragment</p>{tag}"));
    }

    /// After a live reload the page is where the reader left it: the script saves the
    /// scroll position for this tab before every reload it asks for, and scrolls back on
    /// the next load (in Chromium: tests/browser/serve.test.mjs).
    #[test]
    fn a_live_reload_keeps_the_scroll_position() {
        let save = SCRIPT
            .find("sessionStorage.setItem(scrollKey")
            .expect("saves");
        let reload = SCRIPT.find("location.reload()").expect("reloads");
        assert!(save < reload, "saved before the reload");
        assert_eq!(
            SCRIPT.matches("location.reload()").count(),
            1,
            "one way to reload"
        );
        assert!(SCRIPT.contains("if (e.data !== build) reload();"));
        assert!(SCRIPT.contains("window.scrollTo(saved[0], saved[1])"));
        assert!(
            SCRIPT.contains("restoreScroll();\n  var events"),
            "restores on load"
        );
    }
}
