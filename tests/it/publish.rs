//! Publishing under stress: builds racing for one output folder, and a build killed
//! half-way. The output is always one whole tree, and nothing is left behind.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{build, copy_fixture, pillar, stderr, tree};

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

/// Moves `root/<from>` to `root/<to>` and leaves a relative symbolic link `link` to it.
#[cfg(unix)]
fn move_behind_link(root: &Path, from: &str, to: &str, link: &str, target: &str) {
    std::fs::create_dir_all(root.join(to).parent().unwrap()).unwrap();
    std::fs::rename(root.join(from), root.join(to)).unwrap();
    std::os::unix::fs::symlink(target, root.join(link)).unwrap();
}

/// Folders and files the build reaches through a symbolic link inside `content/` or
/// `themes/` are sources like `content/` itself: `--force` never replaces them, a
/// folder holding them, or a folder inside them.
#[cfg(unix)]
#[test]
fn folders_behind_symlinks_in_the_site_are_sources_even_with_force() {
    let site = copy_fixture("basic");
    let root = site.path();
    move_behind_link(
        root,
        "content/guides",
        "notes/guides",
        "content/guides",
        "../notes/guides",
    );
    std::fs::create_dir_all(root.join("mytheme/static/img")).unwrap();
    std::fs::write(root.join("mytheme/static/img/mark.svg"), "<svg/>").unwrap();
    std::fs::create_dir(root.join("themes")).unwrap();
    std::os::unix::fs::symlink("../mytheme", root.join("themes/default")).unwrap();
    std::fs::create_dir(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/logo.png"), "not really a png").unwrap();
    std::os::unix::fs::symlink("../shared/logo.png", root.join("content/logo.png")).unwrap();
    let before = [
        tree(&root.join("notes")),
        tree(&root.join("mytheme")),
        tree(&root.join("shared")),
    ];

    for output in [
        "notes",
        "notes/guides",
        "notes/guides/out",
        "mytheme",
        "mytheme/static",
        "shared",
    ] {
        let out = build(root, &["--output", output, "--force"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{output}: {err}");
        assert!(
            err.contains("refusing to write the site") && err.contains("which the build reads"),
            "{output}: {err}"
        );
    }
    let after = [
        tree(&root.join("notes")),
        tree(&root.join("mytheme")),
        tree(&root.join("shared")),
    ];
    assert!(
        after == before,
        "the sources behind the links are untouched"
    );
    assert!(!root.join("notes/guides/out").exists());

    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("public/guides/first/index.html").is_file());
    assert!(root.join("public/img/mark.svg").is_file());
    assert!(root.join("public/logo.png").is_file());
}

/// Runs `pillar build` for the site at `root` as a user whose home folder is `home`.
fn build_as(home: &Path, root: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pillar"))
        .args(["build", "--root", root.to_str().unwrap()])
        .args(extra)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Replacing the home folder (or a folder holding it) whole would lose everything in
/// it: `--force` never does, however the path is spelled.
#[test]
fn the_home_folder_and_folders_holding_it_are_refused_even_with_force() {
    let site = copy_fixture("basic");
    let root = site.path();
    let users = tempfile::tempdir().unwrap();
    let home = users.path().join("me");
    std::fs::create_dir(&home).unwrap();
    std::fs::write(home.join("thesis.tex"), "years of work").unwrap();
    let spelled = home.join("../me/.");
    for output in [&home, &spelled, &users.path().to_path_buf()] {
        let out = build_as(
            &home,
            root,
            &["--output", output.to_str().unwrap(), "--force"],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", output.display());
        assert!(
            err.contains("refusing to write the site") && err.contains("home folder"),
            "{err}"
        );
    }
    assert!(home.join("thesis.tex").is_file());
    #[cfg(unix)]
    {
        let link = users.path().join("link-to-home");
        std::os::unix::fs::symlink(&home, &link).unwrap();
        let out = build_as(
            &home,
            root,
            &["--output", link.to_str().unwrap(), "--force"],
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(home.join("thesis.tex").is_file());
    }
    // A folder inside the home folder is fine.
    let out = build_as(
        &home,
        root,
        &["--output", home.join("site").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Writes the entries a deploy checkout has at the top of the output.
fn add_deploy_checkout(output: &Path) {
    std::fs::create_dir_all(output.join(".git/refs")).unwrap();
    std::fs::write(output.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(output.join(".nojekyll"), "").unwrap();
    std::fs::write(output.join("CNAME"), "docs.example.org\n").unwrap();
}

/// The user's entries of the deploy checkout in the output, with their bytes.
fn deploy_checkout(output: &Path) -> Vec<(String, Vec<u8>)> {
    [".git/HEAD", ".nojekyll", "CNAME"]
        .iter()
        .filter_map(|p| {
            std::fs::read(output.join(p))
                .ok()
                .map(|b| (p.to_string(), b))
        })
        .collect()
}

/// A deploy checkout inside the output (`public/.git`, `.nojekyll`, a `CNAME` for
/// GitHub Pages) survives every build, as with Zola's `preserve_dotfiles_in_output`;
/// everything else of the previous output goes. `--clean` drops them too.
#[test]
fn the_users_dot_entries_and_cname_survive_a_build_unless_clean() {
    let site = copy_fixture("basic");
    let root = site.path();
    let public = root.join("public");
    assert!(build(root, &[]).status.success());
    add_deploy_checkout(&public);
    std::fs::write(public.join("stale.html"), "from an old build").unwrap();
    let checkout = deploy_checkout(&public);
    assert_eq!(checkout.len(), 3);

    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(deploy_checkout(&public), checkout, "the checkout is kept");
    assert!(
        !public.join("stale.html").exists(),
        "the previous build goes"
    );
    assert!(public.join("index.html").is_file() && public.join(".pillar-output").is_file());

    let out = build(root, &["--clean"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(deploy_checkout(&public).is_empty(), "--clean drops them");
    assert!(public.join("index.html").is_file());

    // The first build into a fresh checkout (with --force) keeps it too.
    let docs = root.join("docs");
    add_deploy_checkout(&docs);
    std::fs::write(docs.join("index.html"), "the old site").unwrap();
    let out = build(root, &["--output", "docs", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(deploy_checkout(&docs), checkout);
    assert_ne!(
        std::fs::read(docs.join("index.html")).unwrap(),
        b"the old site"
    );
}

/// A build killed between the swap and moving the user's entries over leaves them in
/// its retired tree; the next build gives them back instead of deleting them.
#[test]
fn the_users_entries_left_in_a_killed_builds_tree_are_given_back() {
    let site = copy_fixture("basic");
    let root = site.path();
    assert!(build(root, &[]).status.success());
    let retired = root.join(".pillar-old-public-4242");
    std::fs::create_dir(&retired).unwrap();
    std::fs::write(retired.join(".pillar-output"), "").unwrap();
    add_deploy_checkout(&retired);
    let checkout = deploy_checkout(&retired);

    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(deploy_checkout(&root.join("public")), checkout);
    assert!(leftovers(root).is_empty(), "{:?}", leftovers(root));
}

/// If someone puts their own folder in the output's place while the build runs, the
/// swap sees it has no marker, keeps it, keeps the new tree beside it, and names both.
#[cfg(unix)]
#[test]
fn a_folder_put_in_the_outputs_place_during_the_build_is_kept() {
    let site = copy_fixture("basic");
    let root = site.path();
    let public = root.join("public");
    assert!(build(root, &[]).status.success());
    grow(root, 400);
    let mut build = spawn_build(root);
    let started = Instant::now();
    while leftovers(root).is_empty() && started.elapsed() < Duration::from_secs(120) {
        assert!(build.try_wait().unwrap().is_none(), "the build ended early");
        std::thread::sleep(Duration::from_millis(1));
    }
    // The build is writing its tree: replace the output with the author's own folder.
    std::fs::rename(&public, root.join("moved-away")).unwrap();
    std::fs::create_dir(&public).unwrap();
    std::fs::write(public.join("mine.txt"), "the author's file").unwrap();

    let id = build.id();
    let out = build.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let kept = root.join(format!("public.pillar-new-{id}"));
    // The report wraps long lines: compare its words without the wrapping.
    let words = err
        .split_whitespace()
        .filter(|w| *w != "|")
        .collect::<String>();
    assert!(words.contains("notreplacing"), "{err}");
    for path in [&public, &kept] {
        let path: String = path.display().to_string().split_whitespace().collect();
        assert!(words.contains(&path), "{} in {err}", path);
    }
    assert_eq!(
        std::fs::read_to_string(public.join("mine.txt")).unwrap(),
        "the author's file"
    );
    assert!(kept.join("guides/gen-399/index.html").is_file(), "{err}");
}

/// A build into `public` cleans up only its own leftovers: the staging and retired
/// trees of a build into a sibling folder such as `public-x` are left alone.
#[test]
fn builds_into_sibling_folders_leave_each_others_trees_alone() {
    let site = copy_fixture("basic");
    let root = site.path();
    let theirs = [".pillar-tmp-public-x-4242", ".pillar-old-public-x-4242"];
    for name in theirs.iter().chain(&[".pillar-tmp-public-4242"]) {
        std::fs::create_dir(root.join(name)).unwrap();
        std::fs::write(root.join(name).join(".pillar-output"), "").unwrap();
        std::fs::write(root.join(name).join("index.html"), "being written").unwrap();
    }
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in theirs {
        assert!(
            root.join(name).join("index.html").is_file(),
            "{name} is kept"
        );
    }
    assert!(
        !root.join(".pillar-tmp-public-4242").exists(),
        "its own leftover goes"
    );

    // Two real builds into sibling folders at once both succeed.
    let sibling = |output: &str| {
        Command::new(env!("CARGO_BIN_EXE_pillar"))
            .args([
                "build",
                "--root",
                root.to_str().unwrap(),
                "--output",
                output,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let builds = [sibling("public"), sibling("public-x")];
    for build in builds {
        let out = build.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(root.join("public-x/index.html").is_file());
}
