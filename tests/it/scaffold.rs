//! `pillar init` and `pillar new`, run as an author would: the sites they make build,
//! and they never overwrite anything.

use std::path::Path;

use crate::common::{pillar, stderr, tree};

fn run(args: &[&str], root: &Path) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", root.to_str().unwrap()]);
    pillar(&all)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A new site made by `pillar init` in a fresh temporary folder.
fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-guide");
    let out = pillar(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, site)
}

#[test]
fn init_makes_a_site_that_builds_cleanly_with_the_built_in_theme() {
    let (_dir, site) = new_site();
    assert!(
        !site.join("themes").exists(),
        "the default theme is built in"
    );
    let checked = run(&["check", "--strict"], &site);
    assert!(checked.status.success(), "{}", stderr(&checked));
    let built = run(&["build"], &site);
    assert!(built.status.success(), "{}", stderr(&built));
    let output = tree(&site.join("public"));
    for page in [
        "index.html",
        "guides/index.html",
        "guides/writing-an-article/index.html",
    ] {
        assert!(output.contains_key(page), "{page}");
    }
    let home = String::from_utf8_lossy(&output["index.html"]).into_owned();
    assert!(
        home.contains("<title>My guide</title>"),
        "title from the folder name"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = pillar(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is not empty"), "{err}");
    assert!(
        err.contains(&dir.path().display().to_string()),
        "names the path: {err}"
    );
    assert!(!dir.path().join("content").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_new_article_is_a_complete_draft_that_builds() {
    let (_dir, site) = new_site();
    let out = run(
        &[
            "new",
            "article",
            "Pricing: \"Per Seat\" or Usage?",
            "--cluster",
            "guides",
            "--kind",
            "comparison",
        ],
        &site,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let path = site.join("content/guides/pricing-per-seat-or-usage.md");
    assert!(
        stdout(&out).contains("pricing-per-seat-or-usage.md"),
        "says where"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("---\ntitle: \"Pricing: \\\"Per Seat\\\" or Usage?\"\n"));
    for line in [
        "kind: comparison",
        "tags: []",
        "draft: true",
        "description: ",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .expect("a date");
    let digits: Vec<&str> = date.split('-').collect();
    assert_eq!(
        digits.iter().map(|d| d.len()).collect::<Vec<_>>(),
        [4, 2, 2]
    );
    assert!(digits.iter().all(|d| d.bytes().all(|b| b.is_ascii_digit())));

    let built = run(&["build"], &site);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = "guides/pricing-per-seat-or-usage/index.html";
    assert!(
        !tree(&site.join("public")).contains_key(page),
        "drafts stay out"
    );
    let built = run(&["build", "--drafts"], &site);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(tree(&site.join("public")).contains_key(page));
}

#[test]
fn new_never_overwrites() {
    let (_dir, site) = new_site();
    let args = [
        "new",
        "article",
        "Writing an Article",
        "--cluster",
        "guides",
    ];
    let before = std::fs::read(site.join("content/guides/writing-an-article.md")).unwrap();
    let out = run(&args, &site);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("writing-an-article.md already exists"),
        "{}",
        stderr(&out)
    );
    let after = std::fs::read(site.join("content/guides/writing-an-article.md")).unwrap();
    assert_eq!(before, after);

    let out = run(&["new", "cluster", "guides"], &site);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("_index.md already exists"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_article_needs_an_existing_cluster_and_a_known_kind() {
    let (_dir, site) = new_site();
    let out = run(&["new", "article", "Hello", "--cluster", "pricing"], &site);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("pillar new cluster pricing"), "{err}");
    assert!(err.contains("content/pricing"), "names the path: {err}");

    let out = run(
        &[
            "new",
            "article",
            "Hello",
            "--cluster",
            "guides",
            "--kind",
            "gide",
        ],
        &site,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown kind `gide`"),
        "{}",
        stderr(&out)
    );
    assert!(!site.join("content/guides/hello.md").exists());
}

#[test]
fn a_new_cluster_with_an_article_builds() {
    let (_dir, site) = new_site();
    let out = run(&["new", "cluster", "pricing-models"], &site);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("content/pricing-models/_index.md").is_file());
    let out = run(
        &[
            "new",
            "article",
            "Seats vs Usage",
            "--cluster",
            "pricing-models",
        ],
        &site,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let built = run(&["build", "--drafts"], &site);
    assert!(built.status.success(), "{}", stderr(&built));
    let output = tree(&site.join("public"));
    assert!(output.contains_key("pricing-models/index.html"));
    assert!(output.contains_key("pricing-models/seats-vs-usage/index.html"));

    for bad in ["Pricing", "../x", "tags"] {
        let out = run(&["new", "cluster", bad], &site);
        assert_eq!(out.status.code(), Some(1), "{bad}");
    }
}

#[test]
fn new_outside_a_site_and_usage_errors() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(&["new", "cluster", "guides"], empty.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("site.yaml"), "{}", stderr(&out));
    assert!(stderr(&out).contains("pillar init"), "{}", stderr(&out));

    let out = pillar(&["new", "article", "No cluster given"]);
    assert_eq!(out.status.code(), Some(2));
    let out = pillar(&["init"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn clusters_and_articles_nest() {
    let (_dir, site) = new_site();
    for cluster in ["pricing", "pricing/models"] {
        let out = run(&["new", "cluster", cluster], &site);
        assert!(out.status.success(), "{cluster}: {}", stderr(&out));
    }
    let out = run(
        &["new", "article", "Seats", "--cluster", "pricing/models"],
        &site,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("content/pricing/models/seats.md").is_file());
    let built = run(&["build", "--drafts"], &site);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        site.join("public/pricing/models/seats/index.html")
            .is_file()
    );
    for bad in ["pricing/../x", "tags/sub", "pricing//models", "compare"] {
        let out = run(&["new", "cluster", bad], &site);
        assert_eq!(out.status.code(), Some(1), "{bad}");
    }
}

/// The workflow `pillar init` wrote into `site`, parsed.
fn publish_workflow(site: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    serde_saphyr::from_str(&text).expect("the workflow is valid YAML")
}

/// The `run` commands of a job's steps, and the actions it `uses`.
fn job_steps(workflow: &serde_json::Value, job: &str) -> (Vec<String>, Vec<String>) {
    let steps = workflow["jobs"][job]["steps"].as_array().unwrap();
    let field = |name: &str| {
        steps
            .iter()
            .filter_map(|step| step[name].as_str().map(str::to_string))
            .collect()
    };
    (field("run"), field("uses"))
}

#[test]
fn init_writes_a_pages_workflow_that_installs_this_version_checks_builds_and_deploys() {
    let (_dir, site) = new_site();
    let workflow = publish_workflow(&site);
    assert_eq!(
        workflow["env"]["PILLAR_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION")),
        "the exact version that wrote it"
    );
    let (runs, uses) = job_steps(&workflow, "build");
    let install = format!(
        "curl -fsSL \"{}/releases/download/v$PILLAR_VERSION/install.sh\" | sh -s -- --version \"$PILLAR_VERSION\"",
        env!("CARGO_PKG_REPOSITORY")
    );
    assert!(runs[0].contains(&install), "{}", runs[0]);
    assert_eq!(runs[1], "pillar check --strict");
    assert_eq!(
        runs[2],
        "pillar build --base-url \"${{ steps.pages.outputs.base_url }}/\""
    );
    assert!(uses.contains(&"actions/configure-pages@v5".to_string()));
    assert!(uses.contains(&"actions/upload-pages-artifact@v3".to_string()));
    let (_, deploy) = job_steps(&workflow, "deploy");
    assert_eq!(deploy, ["actions/deploy-pages@v4"]);
    let text = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    assert!(!text.contains("cargo"), "nothing compiles: {text}");
}

#[test]
fn init_with_no_workflow_leaves_the_workflow_out() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("plain");
    let out = pillar(&["init", "--no-workflow", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("content/site.yaml").exists());
    assert!(!site.join(".github").exists());
    assert!(!stdout(&out).contains("publish"), "{}", stdout(&out));
}

#[test]
fn init_with_gitlab_writes_a_gitlab_pages_pipeline_instead() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("lab");
    let out = pillar(&["init", "--gitlab", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.join(".github").exists());
    let text = std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    let pipeline: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
    assert_eq!(
        pipeline["variables"]["PILLAR_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let job = &pipeline["pages"];
    let install = job["before_script"][1].as_str().unwrap();
    assert!(
        install.contains(&format!(
            "{}/releases/download/v$PILLAR_VERSION/install.sh",
            env!("CARGO_PKG_REPOSITORY")
        )),
        "{install}"
    );
    let script: Vec<&str> = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect();
    assert_eq!(
        script,
        [
            "pillar check --strict",
            "pillar build --base-url \"$CI_PAGES_URL/\""
        ]
    );
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    assert!(stdout(&out).contains("GitLab"), "{}", stdout(&out));
    let both = pillar(&["init", "--gitlab", "--no-workflow", "x"]);
    assert_eq!(both.status.code(), Some(2), "the two flags conflict");
}
