//! Getting pillar and publishing a site: the project's address is written once (in
//! Cargo.toml) and everything else agrees with it; `install.sh` installs a release
//! binary only when its checksum matches.
#![cfg(unix)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::stderr;

/// The repository's root folder.
fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `package.repository` as Cargo.toml on disk writes it.
fn cargo_repository() -> String {
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    let manifest: toml::Table = toml::from_str(&manifest).unwrap();
    manifest["package"]["repository"]
        .as_str()
        .expect("Cargo.toml names the repository")
        .to_string()
}

/// Every `https://github.com/OWNER/NAME` in `text` whose name is pillar's.
fn pillar_addresses(text: &str) -> Vec<String> {
    text.match_indices("https://github.com/")
        .map(|(at, _)| {
            text[at..]
                .split(|c: char| c.is_whitespace() || "\"'`)<>".contains(c))
                .next()
                .unwrap()
                .split('/')
                .take(5)
                .collect::<Vec<_>>()
                .join("/")
        })
        .filter(|address| address.ends_with("/pillar"))
        .collect()
}

#[test]
fn the_readme_the_install_script_and_the_workflows_name_the_address_in_cargo_toml() {
    let repository = cargo_repository();
    assert_eq!(repository, env!("CARGO_PKG_REPOSITORY"));
    let mut files: Vec<PathBuf> = ["README.md", "install.sh"]
        .iter()
        .map(|f| repo_root().join(f))
        .collect();
    for entry in std::fs::read_dir(repo_root().join(".github/workflows")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for address in pillar_addresses(&text) {
            assert_eq!(address, repository, "in {}", file.display());
        }
    }
    let install = std::fs::read_to_string(repo_root().join("install.sh")).unwrap();
    assert!(install.contains(&format!("REPOSITORY=\"{repository}\"")));
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!(
            "curl -fsSL {repository}/releases/latest/download/install.sh | sh"
        )),
        "the one-line install"
    );
    assert!(readme.contains(&format!("cargo install --locked --git {repository}")));
}

/// The target triple install.sh picks on this machine.
fn host_target() -> &'static str {
    match (std::env::consts::ARCH, std::env::consts::OS) {
        ("x86_64", "linux") => "x86_64-unknown-linux-gnu",
        ("aarch64", "linux") => "aarch64-unknown-linux-gnu",
        ("x86_64", "macos") => "x86_64-apple-darwin",
        ("aarch64", "macos") => "aarch64-apple-darwin",
        other => panic!("no release target for {other:?}"),
    }
}

/// The SHA-256 of a file, by the system's tool.
fn sha256(file: &Path) -> String {
    let out = Command::new("sha256sum")
        .arg(file)
        .output()
        .or_else(|_| {
            Command::new("shasum")
                .args(["-a", "256"])
                .arg(file)
                .output()
        })
        .unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

/// A folder laid out like a GitHub release: this platform's `pillar-<target>.tar.gz`
/// (holding a stand-in `pillar` that prints its name) and `SHA256SUMS`, listing the
/// archive's real checksum or, with `tampered`, another one.
fn fake_release(dir: &Path, tampered: bool) -> PathBuf {
    let release = dir.join("release");
    let staging = dir.join("staging");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(
        staging.join("pillar"),
        "#!/bin/sh\necho fake pillar 9.9.9\n",
    )
    .unwrap();
    let archive = format!("pillar-{}.tar.gz", host_target());
    let packed = Command::new("tar")
        .arg("-czf")
        .arg(release.join(&archive))
        .arg("-C")
        .arg(&staging)
        .arg("pillar")
        .status()
        .unwrap();
    assert!(packed.success());
    let mut sum = sha256(&release.join(&archive));
    if tampered {
        sum = sum.replace(|c: char| c != '0', "0");
    }
    let other = "1".repeat(64);
    std::fs::write(
        release.join("SHA256SUMS"),
        format!("{other}  pillar-x86_64-pc-windows-msvc.zip\n{sum}  {archive}\n"),
    )
    .unwrap();
    release
}

/// Runs install.sh with the release at `release` (a `file://` URL) into `to`.
fn install(release: &Path, to: &Path) -> Output {
    Command::new("sh")
        .arg(repo_root().join("install.sh"))
        .args(["--version", "9.9.9", "--to"])
        .arg(to)
        .env(
            "PILLAR_DOWNLOAD_URL",
            format!("file://{}", release.display()),
        )
        .output()
        .unwrap()
}

#[test]
fn the_install_script_installs_a_release_binary_whose_checksum_matches() {
    let dir = tempfile::tempdir().unwrap();
    let release = fake_release(dir.path(), false);
    let bin = dir.path().join("bin");
    let out = install(&release, &bin);
    assert!(out.status.success(), "{}", stderr(&out));
    let ran = Command::new(bin.join("pillar")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "fake pillar 9.9.9\n");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("installed pillar (9.9.9"), "{said}");
}

#[test]
fn the_install_script_refuses_a_binary_whose_checksum_differs_and_installs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let release = fake_release(dir.path(), true);
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(bin.join("pillar"), "the pillar already there").unwrap();
    let out = install(&release, &bin);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(err.contains("nothing installed"), "{err}");
    assert_eq!(
        std::fs::read_to_string(bin.join("pillar")).unwrap(),
        "the pillar already there"
    );
    assert_eq!(std::fs::read_dir(&bin).unwrap().count(), 1, "no leftovers");
}

#[test]
fn the_install_script_refuses_a_release_without_the_platforms_archive() {
    let dir = tempfile::tempdir().unwrap();
    let release = fake_release(dir.path(), false);
    let archive = format!("pillar-{}.tar.gz", host_target());
    std::fs::remove_file(release.join(archive)).unwrap();
    let out = install(&release, &dir.path().join("bin"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot download"), "{}", stderr(&out));
    assert!(!dir.path().join("bin").exists());
}

/// The basic fixture with `extra` appended to its site.yaml and a second moved page
/// (an `.html` alias and a folder alias without its slash), built under `/guide/`.
fn build_with_redirects(
    extra: &str,
) -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let dir = common::copy_fixture("basic");
    let config = dir.path().join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&config).unwrap();
    yaml.push_str(extra);
    std::fs::write(&config, yaml).unwrap();
    std::fs::write(
        dir.path().join("content/moved.md"),
        "---\ntitle: Moved\ndescription: A page that moved twice.\naliases: [\"/old.html\", \"/older/moved\"]\n---\nText.\n",
    )
    .unwrap();
    let out = common::build(dir.path(), &["--base-url", "https://example.org/guide/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = common::tree(&dir.path().join("public"));
    (dir, output)
}

/// The 301s Netlify and Cloudflare Pages read for the basic fixture's aliases.
const NETLIFY_REDIRECTS: &str = "\
# Written by pillar from the pages' aliases: each old URL moved for good.
/guide/old.html /guide/moved/ 301
/guide/old/first /guide/guides/first/ 301
/guide/old/first/ /guide/guides/first/ 301
/guide/older/moved /guide/moved/ 301
/guide/older/moved/ /guide/moved/ 301
";

#[test]
fn redirects_netlify_writes_a_301_for_every_alias_and_keeps_the_html_pages() {
    let (_dir, output) = build_with_redirects("redirects: netlify\n");
    assert_eq!(common::text(&output, "_redirects"), NETLIFY_REDIRECTS);
    let page = common::text(&output, "old/first/index.html");
    assert!(
        page.contains("url=https://example.org/guide/guides/first/"),
        "{page}"
    );
    assert!(output.contains_key("old.html"));
    assert!(!output.contains_key("vercel.json"));
}

#[test]
fn redirects_cloudflare_writes_the_same_redirects_file() {
    let (_dir, output) = build_with_redirects("redirects: cloudflare\n");
    assert_eq!(common::text(&output, "_redirects"), NETLIFY_REDIRECTS);
}

#[test]
fn redirects_vercel_writes_vercel_json_with_301s() {
    let (_dir, output) = build_with_redirects("redirects: vercel\n");
    let json: serde_json::Value =
        serde_json::from_str(&common::text(&output, "vercel.json")).unwrap();
    let redirects = json["redirects"].as_array().unwrap();
    assert_eq!(redirects.len(), 5);
    assert_eq!(
        redirects[1],
        serde_json::json!({
            "source": "/guide/old/first",
            "destination": "/guide/guides/first/",
            "statusCode": 301
        })
    );
    assert!(!output.contains_key("_redirects"));
    assert!(output.contains_key("old/first/index.html"));
}

#[test]
fn without_redirects_only_the_html_pages_are_written() {
    let (_dir, output) = build_with_redirects("");
    assert!(!output.contains_key("_redirects"));
    assert!(!output.contains_key("vercel.json"));
    assert!(output.contains_key("old/first/index.html"));
}

#[test]
fn an_unknown_redirects_host_is_an_error_at_its_line() {
    let dir = common::copy_fixture("basic");
    let config = dir.path().join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&config).unwrap();
    yaml.push_str("redirects: apache\n");
    std::fs::write(&config, &yaml).unwrap();
    let line = yaml.lines().count();
    let out = common::build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("content/site.yaml:{line}:12")),
        "{err}"
    );
    assert!(err.contains("apache"), "{err}");
    assert!(err.contains("netlify"), "names the choices: {err}");
}

#[test]
fn edit_url_gives_articles_and_plain_pages_an_edit_link_to_their_source() {
    let (_dir, output) =
        build_with_redirects("edit_url: \"https://github.com/me/site/edit/main/content/\"\n");
    let link = |source: &str| {
        format!(
            "<a href=\"https://github.com/me/site/edit/main/content/{source}\">Edit this page</a>"
        )
    };
    let article = common::text(&output, "guides/first/index.html");
    assert!(article.contains(&link("guides/first.md")), "{article}");
    let plain = common::text(&output, "moved/index.html");
    assert!(plain.contains(&link("moved.md")), "{plain}");
}

#[test]
fn without_edit_url_no_page_has_an_edit_link() {
    let (_dir, output) = build_with_redirects("");
    assert!(!common::text(&output, "guides/first/index.html").contains("Edit this page"));
    assert!(!common::text(&output, "moved/index.html").contains("Edit this page"));
}

/// Runs `git args` in `dir` with a fixed identity and commit date.
fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Author",
            "-c",
            "user.email=author@example.org",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The basic fixture with `git_dates: true`, committed on 2026-03-01, then
/// `guides/first.md` alone changed on 2026-05-06.
fn site_with_history() -> tempfile::TempDir {
    let dir = common::copy_fixture("basic");
    let config = dir.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap() + "git_dates: true\n";
    std::fs::write(&config, yaml).unwrap();
    git(dir.path(), &["init", "-q"], "2026-03-01T12:00:00Z");
    git(dir.path(), &["add", "-A"], "2026-03-01T12:00:00Z");
    git(
        dir.path(),
        &["commit", "-qm", "first"],
        "2026-03-01T12:00:00Z",
    );
    let first = dir.path().join("content/guides/first.md");
    let text = std::fs::read_to_string(&first).unwrap() + "\nOne more line.\n";
    std::fs::write(&first, text).unwrap();
    git(
        dir.path(),
        &["commit", "-qam", "edit"],
        "2026-05-06T12:00:00Z",
    );
    dir
}

#[test]
fn git_dates_give_pages_without_updated_their_last_commits_date() {
    let dir = site_with_history();
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = common::tree(&dir.path().join("public"));
    let updated = |date: &str| format!("updated <time datetime=\"{date}\">");
    let first = common::text(&output, "guides/first/index.html");
    assert!(first.contains(&updated("2026-05-06")), "the last commit");
    let third = common::text(&output, "guides/third/index.html");
    assert!(third.contains(&updated("2026-03-01")), "the first commit");
    let second = common::text(&output, "guides/second/index.html");
    assert!(
        second.contains(&updated("2026-02-01")),
        "front matter's `updated` wins"
    );
    let sitemap = common::text(&output, "sitemap.xml");
    assert!(
        sitemap.contains("<lastmod>2026-05-06</lastmod>"),
        "{sitemap}"
    );
}

#[test]
fn git_dates_outside_a_repository_is_an_error_at_the_setting() {
    let dir = site_with_history();
    std::fs::remove_dir_all(dir.path().join(".git")).unwrap();
    let out = common::build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("could not read the history"), "{err}");
    assert!(err.contains("content/site.yaml:"), "{err}");
    assert!(err.contains("fetch-depth: 0"), "{err}");
}

#[test]
fn git_dates_without_git_installed_is_a_clear_error() {
    let dir = site_with_history();
    let out = Command::new(env!("CARGO_BIN_EXE_pillar"))
        .args(["build", "--root"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .env("PATH", dir.path().join("no-such-folder"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("needs the git command"), "{err}");
    assert!(err.contains("install git"), "{err}");
}

/// The `run` script of the step named `name` in the build job of `workflow`.
fn step_script(workflow: &serde_json::Value, name: &str) -> String {
    workflow["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|step| step["name"].as_str() == Some(name))
        .and_then(|step| step["run"].as_str())
        .unwrap_or_else(|| panic!("no step {name:?}"))
        .to_string()
}

#[test]
fn the_install_step_of_the_workflow_init_writes_installs_pillar_as_actions_would_run_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = common::pillar(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    let workflow: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let version = workflow["env"]["PILLAR_VERSION"].as_str().unwrap();
    // The one step that needs the network fetches the script of that release; here the
    // script comes from this checkout and the release files from a local folder.
    let fetch = format!(
        "curl -fsSL \"{}/releases/download/v$PILLAR_VERSION/install.sh\"",
        env!("CARGO_PKG_REPOSITORY")
    );
    let script = step_script(&workflow, "Install pillar");
    assert!(script.contains(&fetch), "{script}");
    let local = format!("cat \"{}\"", repo_root().join("install.sh").display());
    let release = fake_release(dir.path(), false);
    let home = dir.path().join("home");
    let github_path = dir.path().join("github-path");
    let ran = Command::new("bash")
        .args([
            "-e",
            "-o",
            "pipefail",
            "-c",
            &script.replace(&fetch, &local),
        ])
        .env("HOME", &home)
        .env("GITHUB_PATH", &github_path)
        .env("PILLAR_VERSION", version)
        .env(
            "PILLAR_DOWNLOAD_URL",
            format!("file://{}", release.display()),
        )
        .output()
        .unwrap();
    assert!(ran.status.success(), "{}", stderr(&ran));
    let bin = home.join(".local/bin");
    let installed = Command::new(bin.join("pillar")).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&installed.stdout),
        "fake pillar 9.9.9\n"
    );
    assert_eq!(
        std::fs::read_to_string(&github_path).unwrap(),
        format!("{}\n", bin.display()),
        "the later steps find it on the PATH"
    );
}
