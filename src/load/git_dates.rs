//! `git_dates: true`: the date of each content file's last commit, read from the
//! history once per build with the `git` command.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostics::{Diagnostic, io_reason};
use crate::model::Date;
use crate::source::SourceFile;

/// The author date of the last commit that changed each of the files `wanted` (paths
/// relative to `content/`, such as `cluster/page.md`). Files never committed are
/// absent. One `git log`, newest commit first, stopped as soon as every file has its
/// date. An error (git missing, no repository) points at `git_dates` in `config_file`.
pub(crate) fn last_commit_dates<'a>(
    content: &Path,
    wanted: impl IntoIterator<Item = &'a str>,
    config_file: &SourceFile,
) -> Result<HashMap<String, Date>, Diagnostic> {
    let at = |diagnostic: Diagnostic| {
        let range = config_file
            .find_in(0..config_file.text.len(), "git_dates")
            .unwrap_or(0..0);
        diagnostic.at(config_file, range)
    };
    let mut git = Command::new("git")
        .args(["-c", "log.showSignature=false", "log", "-z", "--name-only"])
        .args(["--no-renames", "--relative", "--format=%x1e%as", "--", "."])
        .current_dir(content)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| {
            let reason = match err.kind() {
                std::io::ErrorKind::NotFound => "it is not installed".to_string(),
                _ => io_reason(&err),
            };
            at(Diagnostic::error(format!(
                "`git_dates: true` needs the git command, which could not run: {reason}"
            ))
            .with_hint("install git, or remove `git_dates` from site.yaml"))
        })?;
    let log = BufReader::new(git.stdout.take().expect("stdout is piped"));
    let mut dates = Dates::new(wanted);
    for field in log.split(b'\0') {
        let field = field.map_err(|err| {
            at(Diagnostic::error(format!(
                "cannot read git's output: {err}"
            )))
        })?;
        if dates.read(&String::from_utf8_lossy(&field)) {
            // Every file has its date: the older history cannot change any.
            let _ = git.kill();
            let _ = git.wait();
            return Ok(dates.found);
        }
    }
    let mut reason = String::new();
    if let Some(mut stderr) = git.stderr.take() {
        let _ = stderr.read_to_string(&mut reason);
    }
    let status = git
        .wait()
        .map_err(|err| at(Diagnostic::error(format!("git did not finish: {err}"))))?;
    if !status.success() {
        return Err(at(Diagnostic::error(format!(
            "`git_dates: true` could not read the history of {}: {}",
            content.display(),
            reason.trim()
        ))
        .with_hint("keep the site in a git repository (in CI, check out the whole history: fetch-depth: 0), or remove `git_dates` from site.yaml")));
    }
    Ok(dates.found)
}

/// The dates found so far while reading `git log -z --name-only --format=%x1e%as`:
/// each commit is a record separator and its date, then the files it changed, every
/// field ended by a NUL, newest commit first. A file's first date is its last commit's.
struct Dates {
    /// The files still without a date.
    missing: HashSet<String>,
    /// The date of each file found.
    found: HashMap<String, Date>,
    /// The date of the commit being read.
    current: Option<Date>,
}

impl Dates {
    fn new<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Self {
        Dates {
            missing: wanted.into_iter().map(str::to_string).collect(),
            found: HashMap::new(),
            current: None,
        }
    }

    /// Reads one field of the log; true once no wanted file is missing.
    fn read(&mut self, field: &str) -> bool {
        let field = field.trim_start_matches('\n');
        if let Some(date) = field.strip_prefix('\u{1e}') {
            self.current = Date::parse(date);
        } else if let Some(date) = self.current
            && self.missing.remove(field)
        {
            self.found.insert(field.to_string(), date);
        }
        self.missing.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Dates;
    use crate::model::Date;

    /// Reads `log` field by field; whether it stopped before the end, and the dates.
    fn read(log: &str, wanted: &[&str]) -> (bool, Dates) {
        let mut dates = Dates::new(wanted.iter().copied());
        let fields: Vec<&str> = log.split('\0').collect();
        let stopped = fields.iter().position(|field| dates.read(field));
        (stopped.is_some_and(|at| at + 1 < fields.len()), dates)
    }

    #[test]
    fn the_newest_commit_of_each_wanted_file_wins() {
        let log = "\u{1e}2026-03-04\0\na/p.md\0b.md\0\u{1e}2025-01-02\0\u{1e}2024-05-06\0\na/p.md\0\u{e9} c.md\0";
        let (stopped, dates) = read(log, &["a/p.md", "é c.md", "never.md"]);
        assert!(!stopped, "never.md keeps it reading to the end");
        assert_eq!(dates.found.len(), 2, "only wanted files");
        assert_eq!(dates.found["a/p.md"], Date::parse("2026-03-04").unwrap());
        assert_eq!(dates.found["é c.md"], Date::parse("2024-05-06").unwrap());
    }

    #[test]
    fn reading_stops_once_every_wanted_file_has_its_date() {
        let log = "\u{1e}2026-03-04\0\na/p.md\0\u{1e}2025-01-02\0\na/p.md\0b.md\0";
        let (stopped, dates) = read(log, &["a/p.md"]);
        assert!(stopped);
        assert_eq!(dates.found["a/p.md"], Date::parse("2026-03-04").unwrap());
    }
}
