//! The GitHub Actions workflow `pillar init` writes, so a new site publishes itself to
//! GitHub Pages on its first push without compiling anything.

/// The project's public address, from Cargo.toml's `package.repository`.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where the workflow goes, under the new site's root.
pub const WORKFLOW_PATH: &str = ".github/workflows/publish.yml";

/// The workflow's text: it installs this very version of pillar (the release binary,
/// checked against the release's SHA-256 sums by the install script of that release),
/// runs `pillar check --strict`, builds with the Pages address as `--base-url`, and
/// deploys to GitHub Pages.
pub fn github_pages_workflow() -> String {
    include_str!("starter/publish.yml")
        .replace("{{version}}", env!("CARGO_PKG_VERSION"))
        .replace("{{repository}}", REPOSITORY)
}
