//! Publishing under stress: builds racing for one output folder, and a build killed
//! half-way. The output is always one whole tree, and nothing is left behind.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{build, copy_fixture, pillar, stderr, tree};

/// Adds `n` articles to the basic fixture so a build takes long enough to interrupt.
fn grow(root: &Path, n: usize) {
    let dir = root.join("content/guides");
    for i in 0..n {
        let mut body = format!(
            "---\ntitle: \"Generated {i}\"\ndescription: \"Article {i}.\"\ndate: 2026-03-01\ntags: [t{}]\n---\n",
            i % 7
        );
        for p in 0..12 {
            body.push_str(&format!(
                "## Part {p}\n\nParagraph {p} of article {i}, linking [the first guide](@/guides/first.md).\n\n"
            ));
        }
        std::fs::write(dir.join(format!("gen-{i}.md")), body).unwrap();
    }
}

fn spawn_build(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_pillar"))
        .args(["build", "--root", root.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".pillar-tmp") || n.starts_with(".pillar-old"))
        .collect()
}

#[test]
fn racing_builds_never_mix_two_trees() {
    let site = copy_fixture("basic");
    let root = site.path();
    grow(root, 80);
    assert!(
        pillar(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            "reference"
        ])
        .status
        .success()
    );
    let reference = tree(&root.join("reference"));
    let builds: Vec<_> = (0..3).map(|_| spawn_build(root)).collect();
    let mut succeeded = 0;
    for build in builds {
        let out = build.wait_with_output().unwrap();
        if out.status.success() {
            succeeded += 1;
        } else {
            assert_eq!(out.status.code(), Some(1));
            assert!(
                stderr(&out).contains("another pillar build is writing"),
                "{}",
                stderr(&out)
            );
        }
    }
    assert!(succeeded >= 1, "at least one build wins");
    assert!(
        tree(&root.join("public")) == reference,
        "the output is one whole build"
    );
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_previous_output_and_the_next_build_cleans_up() {
    let site = copy_fixture("basic");
    let root = site.path();
    assert!(
        pillar(&["build", "--root", root.to_str().unwrap()])
            .status
            .success()
    );
    let before = tree(&root.join("public"));
    grow(root, 400);
    // Kill the build once it has started writing its staging tree (or after a while).
    let mut build = spawn_build(root);
    let started = Instant::now();
    while leftovers(root).is_empty() && started.elapsed() < Duration::from_secs(60) {
        if build.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = build.kill();
    let _ = build.wait();
    assert!(
        tree(&root.join("public")) == before,
        "the previous output is intact"
    );
    let next = pillar(&["build", "--root", root.to_str().unwrap()]);
    assert!(next.status.success(), "{}", stderr(&next));
    assert!(
        leftovers(root).is_empty(),
        "stray folders: {:?}",
        leftovers(root)
    );
    assert!(root.join("public/guides/gen-399/index.html").exists());
}

#[test]
fn a_folder_pillar_did_not_make_is_never_replaced() {
    let site = copy_fixture("basic");
    let root = site.path();
    let docs = root.join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("notes.txt"), "the author's own file").unwrap();
    let before = tree(&docs);

    let out = build(root, &["--output", "docs"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("refusing to replace") && err.contains("docs"),
        "{err}"
    );
    assert!(err.contains("--force"), "the message offers --force: {err}");
    assert_eq!(tree(&docs), before, "the folder is untouched");

    // The same holds for a folder outside the site.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("keep.txt"), "mine").unwrap();
    let out = build(root, &["--output", elsewhere.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(elsewhere.path().join("keep.txt").is_file());

    // --force replaces it; from then on it is pillar's, and builds replace it freely.
    let out = build(root, &["--output", "docs", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!docs.join("notes.txt").exists());
    assert!(docs.join("index.html").is_file() && docs.join(".pillar-output").is_file());
    let out = build(root, &["--output", "docs"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_empty_or_missing_folder_is_fine() {
    let site = copy_fixture("basic");
    let root = site.path();
    std::fs::create_dir(root.join("empty")).unwrap();
    for output in ["empty", "new/deeper"] {
        let out = build(root, &["--output", output]);
        assert!(out.status.success(), "{output}: {}", stderr(&out));
        assert!(root.join(output).join("index.html").is_file());
    }
}

#[test]
fn output_paths_are_normalised_first() {
    let site = copy_fixture("basic");
    let root = site.path();
    for output in ["public/.", "public/../public", "./public/"] {
        let out = build(root, &["--output", output]);
        assert!(out.status.success(), "{output}: {}", stderr(&out));
        assert!(root.join("public/index.html").is_file(), "{output}");
    }
    let names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".pillar-lock"))
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with(".pillar-tmp") || n.starts_with(".pillar-old"))
    );
}

#[cfg(unix)]
#[test]
fn symlinked_sources_are_compared_as_resolved() {
    let site = copy_fixture("basic");
    let root = site.path();
    let shared = tempfile::tempdir().unwrap();
    let real = shared.path().join("real");
    std::fs::rename(root.join("content"), &real).unwrap();
    std::os::unix::fs::symlink(&real, root.join("content")).unwrap();
    let before = tree(&real);
    for output in [
        real.clone(),
        shared.path().to_path_buf(),
        real.join("guides"),
    ] {
        let out = build(root, &["--output", output.to_str().unwrap(), "--force"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", output.display());
        assert!(err.contains("refusing to write the site"), "{err}");
    }
    assert_eq!(tree(&real), before, "the real content is untouched");
    // The site itself still builds through the link.
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_sources_and_their_ancestors_are_refused_even_with_force() {
    let site = copy_fixture("basic");
    let root = site.path();
    for output in [".", "content", "content/guides", "..", "/"] {
        let out = build(root, &["--output", output, "--force"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{output}: {err}");
        assert!(
            err.contains("refusing to write the site"),
            "{output}: {err}"
        );
    }
    assert!(root.join("content/guides/first.md").is_file());
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_is_refused_with_a_way_out() {
    // /proc is a mount point on every Linux machine (and can never be renamed anyway).
    let site = copy_fixture("basic");
    let out = build(site.path(), &["--output", "/proc", "--force"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is a mount point"), "{err}");
    assert!(
        err.contains("/proc/site"),
        "the hint suggests a sub-folder: {err}"
    );
}
