//! The CI file `pillar init` writes, so a new site publishes itself on its first push
//! without compiling anything: a GitHub Actions workflow for GitHub Pages, or a GitLab
//! CI pipeline for GitLab Pages.

/// The project's public address, from Cargo.toml's `package.repository`.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a new site publishes itself: which CI file `pillar init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publish {
    /// No CI file.
    Nowhere,
    /// `.github/workflows/publish.yml`, deploying to GitHub Pages.
    GitHubPages,
    /// `.gitlab-ci.yml`, deploying to GitLab Pages.
    GitLabPages,
}

impl Publish {
    /// The CI file's path under the site's root and its text, if any. Each installs this
    /// very version of pillar (the release binary, checked against the release's
    /// SHA-256 sums by the install script of that release), runs `pillar check
    /// --strict`, builds with the Pages address as `--base-url`, and deploys.
    pub fn ci_file(self) -> Option<(&'static str, String)> {
        let (path, template) = match self {
            Publish::Nowhere => return None,
            Publish::GitHubPages => (
                ".github/workflows/publish.yml",
                include_str!("starter/publish.yml"),
            ),
            Publish::GitLabPages => (".gitlab-ci.yml", include_str!("starter/gitlab-ci.yml")),
        };
        let text = template
            .replace("{{version}}", env!("CARGO_PKG_VERSION"))
            .replace("{{repository}}", REPOSITORY);
        Some((path, text))
    }
}
