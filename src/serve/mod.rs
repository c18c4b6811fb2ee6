//! `pillar serve`: the author's loop.
//!
//! The site is built in memory (with `base_url` pointing at the server) and served over
//! HTTP; `content/` (with `site.yaml`) and `themes/` are watched, every change rebuilds
//! the site, and every open page reloads by itself through server-sent events. A failed
//! build is printed in the terminal and shown over the open pages, while the last good
//! build keeps being served. Only files of the built site are ever served. The search
//! index follows each build in the background, made from the model the build left.
//!
//! The reload script is added to HTML responses as they are served; `pillar build`
//! output never contains it.

mod asset;
mod events;
mod hosts;
mod http;
mod inject;
mod live;
mod mime;
mod path;
mod routes;
mod search;
mod served;
mod snapshot;
mod stall;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostics::Diagnostic;
use crate::pipeline::BuildOptions;
use live::Builder;
use served::Live;
use watch::Watcher;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's root folder (holding `content/`).
    pub root: PathBuf,
    /// The address to listen on; `127.0.0.1` unless another is asked for.
    pub interface: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// Builds and serves the site, rebuilding on every change, until the process is stopped.
/// Returns only if the server cannot start or watching stops.
pub fn serve(options: &ServeOptions) -> Result<(), Diagnostic> {
    let content = options.root.join("content");
    if !content.is_dir() {
        return Err(Diagnostic::error(format!(
            "there is no site here: {} is not a folder",
            content.display()
        ))
        .with_hint(
            "pass the site's root with --root DIR, or create a site with `pillar init DIR`",
        ));
    }
    let address = SocketAddr::new(options.interface, options.port);
    let server = http::Server::bind(address).map_err(|err| {
        Diagnostic::error(format!("cannot listen on {address}: {err}"))
            .with_hint("choose another port with --port N, or --port 0 for any free one")
    })?;
    let address = server
        .address()
        .map_err(|err| Diagnostic::error(format!("the server has no address: {err}")))?;
    let url = site_url(address);
    let mut watcher = Watcher::new(&options.root)?;
    let build_options = BuildOptions {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        ..BuildOptions::new(&options.root)
    };
    let live = Arc::new(Live::new());
    let mut builder = Builder::new(build_options, Arc::clone(&live));
    builder.build();
    let running = server
        .spawn(&live)
        .map_err(|err| Diagnostic::error(format!("cannot start the server: {err}")))?;
    eprintln!("serving {url} (press Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    while let Some(changed) = watcher.next_change() {
        eprintln!("changed: {}", list(&changed));
        builder.rebuild(&changed);
    }
    running.stop();
    Err(Diagnostic::error("stopped watching the site for changes"))
}

/// The first few of `paths`, and how many more there are.
fn list(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 3;
    let mut text: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    if paths.len() > SHOWN {
        text.push(format!("and {} more", paths.len() - SHOWN));
    }
    text.join(", ")
}

/// The site's URL at `address`; an unspecified address (`0.0.0.0`) is reached through
/// the loopback one.
fn site_url(address: SocketAddr) -> String {
    let host = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    format!("http://{host}:{}/", address.port())
}

/// Asks the desktop to open `url`; a failure is only mentioned.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    match command {
        // Reap the opener when it exits.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(err) => eprintln!("could not open a browser ({err}); open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_of_changes_are_cut() {
        let paths: Vec<PathBuf> = ["a", "b", "c", "d", "e"].map(PathBuf::from).to_vec();
        assert_eq!(list(&paths[..1]), "a");
        assert_eq!(list(&paths), "a, b, c, and 2 more");
    }

    #[test]
    fn urls_for_addresses() {
        let url = |s: &str| site_url(s.parse().unwrap());
        assert_eq!(url("127.0.0.1:1111"), "http://127.0.0.1:1111/");
        assert_eq!(url("0.0.0.0:80"), "http://127.0.0.1:80/");
        assert_eq!(url("[::1]:8080"), "http://[::1]:8080/");
        assert_eq!(url("[::]:8080"), "http://[::1]:8080/");
        assert_eq!(url("192.168.1.5:1111"), "http://192.168.1.5:1111/");
    }
}
