//! Scaffolding: the files an author starts from.
//!
//! `pillar new article` writes a draft with complete front matter into an existing
//! cluster, `pillar new cluster` a cluster folder with its hub page, and `pillar init`
//! a whole new site that builds with the built-in theme, with the workflow that
//! publishes it. None of them ever overwrites a file; every error names the path it
//! concerns.

mod date;
mod init;
mod new;
mod site;
mod text;
mod workflow;

pub(crate) use init::check_empty;
pub use init::init;
pub use new::{NewArticle, new_article, new_cluster};
pub(crate) use text::title_of;
pub use workflow::Publish;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// `rel` under `root`, without a leading `./` when the root is the current folder, so
/// the paths printed are the ones an author would type.
fn under(root: &Path, rel: impl AsRef<Path>) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.as_ref().to_path_buf()
    } else {
        root.join(rel)
    }
}

/// Writes `text` to `path`, which must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(
                Diagnostic::error(format!("{} already exists", path.display()))
                    .with_hint("pillar never overwrites a file: choose another name, or edit the existing file"),
            );
        }
        Err(err) => {
            return Err(Diagnostic::error(format!(
                "cannot create {}: {err}",
                path.display()
            )));
        }
    };
    file.write_all(text.as_bytes())
        .map_err(|err| Diagnostic::error(format!("cannot write {}: {err}", path.display())))
}
