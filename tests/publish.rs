//! Publishing under stress: builds racing for one output folder, and a build killed
//! half-way. The output is always one whole tree, and nothing is left behind.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_fixture, pillar, stderr, tree};

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
