//! Telling a caller where a build is, without knowing who listens.
//!
//! The pipeline reports each [`Stage`] as it starts to the [`Progress`] in its
//! [`BuildOptions`](crate::BuildOptions). The library draws nothing: the `pillar`
//! binary turns the stages into a progress line on a terminal, and every other caller
//! (tests, `pillar serve`, `pillar check`, a build in CI) leaves it [`Progress::none`].
//!
//! Within a stage that has a total ([`Stage::total`]), the pipeline also reports each
//! item done ([`Progress::advance`]: a page rendered or indexed, a file written), so a
//! terminal can show `rendering and indexing pages 1,200/20,482`.

use std::fmt;
use std::sync::Arc;

/// A stage of the build, reported as it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stage {
    /// Reading the content, theme and data files, and checking pages and links.
    Loading,
    /// Rendering the site's markdown pages (and the pages generated from them), and
    /// indexing the searchable ones for search at the same time.
    Rendering {
        /// How many markdown pages there are.
        pages: usize,
        /// How many pages are indexed for search meanwhile (none without search).
        indexed: usize,
    },
    /// Writing the output tree beside the output folder.
    Writing {
        /// How many files are written.
        files: usize,
    },
}

impl Stage {
    /// How many items the stage works through, when it counts them: the pages it
    /// renders and those it indexes, or the files it writes. Loading reports no count.
    pub fn total(&self) -> Option<usize> {
        match *self {
            Stage::Rendering { pages, indexed } => Some(pages + indexed),
            Stage::Writing { files } => Some(files),
            Stage::Loading => None,
        }
    }
}

impl Stage {
    /// The stage's name without its count: `rendering pages`, `writing files`; shown
    /// beside a `done/total` count.
    pub fn action(&self) -> &'static str {
        match self {
            Stage::Loading => "loading",
            Stage::Rendering { indexed: 0, .. } => "rendering pages",
            Stage::Rendering { .. } => "rendering and indexing pages",
            Stage::Writing { .. } => "writing files",
        }
    }
}

impl fmt::Display for Stage {
    /// What a person reads: `loading`, `rendering 120 pages`, `writing 300 files`,
    /// `rendering 120 pages and indexing 110 for search`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match *self {
            Stage::Loading => write!(f, "loading"),
            Stage::Rendering { pages, indexed } => {
                write!(f, "rendering {pages} page{}", plural(pages))?;
                if indexed > 0 {
                    write!(f, " and indexing {indexed} for search")?;
                }
                Ok(())
            }
            Stage::Writing { files } => write!(f, "writing {files} file{}", plural(files)),
        }
    }
}

/// What listens to a build's progress.
///
/// Both methods are called on the build's threads: [`Observer::stage`] once per stage,
/// in order, on the thread running the build; [`Observer::advance`] from whichever
/// worker finished an item. They should return quickly (drawing belongs on another
/// thread).
pub trait Observer: Send + Sync {
    /// A stage starts.
    fn stage(&self, stage: Stage);

    /// One more item of the current stage is done (nothing by default).
    fn advance(&self) {}
}

/// A closure that is told the stages and ignores the items.
impl<F: Fn(Stage) + Send + Sync> Observer for F {
    fn stage(&self, stage: Stage) {
        self(stage)
    }
}

/// Where a build reports its stages: nowhere, or to an observer the caller gives.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Observer>>);

impl Progress {
    /// Reports nothing (the default).
    pub fn none() -> Self {
        Progress(None)
    }

    /// Reports every stage, and every item done, to `observer` (a closure
    /// `Fn(Stage)` hears the stages only).
    pub fn new(observer: impl Observer + 'static) -> Self {
        Progress(Some(Arc::new(observer)))
    }

    /// Tells the observer, if there is one, that `stage` starts.
    pub fn report(&self, stage: Stage) {
        if let Some(observer) = &self.0 {
            observer.stage(stage);
        }
    }

    /// Tells the observer, if there is one, that one more item of the current stage
    /// is done.
    pub fn advance(&self) {
        if let Some(observer) = &self.0 {
            observer.advance();
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Some(_) => "Progress(observer)",
            None => "Progress(none)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn stages_read_as_words() {
        assert_eq!(Stage::Loading.to_string(), "loading");
        assert_eq!(
            Stage::Rendering {
                pages: 1,
                indexed: 0
            }
            .to_string(),
            "rendering 1 page"
        );
        assert_eq!(Stage::Writing { files: 12 }.to_string(), "writing 12 files");
        let both = Stage::Rendering {
            pages: 3,
            indexed: 2,
        };
        assert_eq!(
            both.to_string(),
            "rendering 3 pages and indexing 2 for search"
        );
        assert_eq!(both.action(), "rendering and indexing pages");
        assert_eq!(both.total(), Some(5));
        assert_eq!(Stage::Loading.total(), None);
    }

    #[test]
    fn reports_to_the_observer_and_none_is_silent() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let progress = Progress::new(move |stage| sink.lock().unwrap().push(stage));
        progress.report(Stage::Loading);
        progress.clone().report(Stage::Writing { files: 1 });
        Progress::none().report(Stage::Loading);
        assert_eq!(
            *seen.lock().unwrap(),
            [Stage::Loading, Stage::Writing { files: 1 }]
        );
        assert_eq!(format!("{:?}", Progress::none()), "Progress(none)");
    }

    /// Counts the items done in each stage it is told of.
    #[derive(Default)]
    struct Counting(Mutex<Vec<(Stage, usize)>>);

    impl Observer for Counting {
        fn stage(&self, stage: Stage) {
            self.0.lock().unwrap().push((stage, 0));
        }
        fn advance(&self) {
            let mut stages = self.0.lock().unwrap();
            stages.last_mut().expect("an item before any stage").1 += 1;
        }
    }

    impl Observer for Arc<Counting> {
        fn stage(&self, stage: Stage) {
            self.as_ref().stage(stage)
        }
        fn advance(&self) {
            self.as_ref().advance()
        }
    }

    #[test]
    fn every_page_rendered_file_written_and_page_indexed_is_counted_against_its_stage() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let out = tempfile::tempdir().unwrap();
        let counting = Arc::new(Counting::default());
        let options = crate::BuildOptions {
            output: out.path().join("public"),
            progress: Progress::new(Arc::clone(&counting)),
            ..crate::BuildOptions::new(&root)
        };
        assert!(crate::build(&options).is_ok());
        let stages = counting.0.lock().unwrap().clone();
        for (stage, done) in &stages {
            if let Some(total) = stage.total() {
                assert_eq!(*done, total, "{stage}: {done} of {total} done");
            }
        }
        // Six pages rendered, and every page but the home page indexed meanwhile.
        assert!(
            matches!(
                stages[..],
                [
                    _,
                    (
                        Stage::Rendering {
                            pages: 6,
                            indexed: 5
                        },
                        11
                    ),
                    ..
                ]
            ),
            "{stages:?}"
        );
    }

    /// A progress that records what it is told.
    fn recording() -> (Progress, Arc<Mutex<Vec<Stage>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        (
            Progress::new(move |stage| sink.lock().unwrap().push(stage)),
            seen,
        )
    }

    #[test]
    fn the_pipeline_reports_its_stages_in_order() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let out = tempfile::tempdir().unwrap();
        let (progress, seen) = recording();
        let options = crate::BuildOptions {
            output: out.path().join("public"),
            progress,
            ..crate::BuildOptions::new(&root)
        };
        let outcome = crate::build(&options);
        assert!(outcome.is_ok(), "{:?}", outcome.diagnostics);
        let stages = seen.lock().unwrap().clone();
        let [
            Stage::Loading,
            Stage::Rendering { pages, indexed: 5 },
            Stage::Writing { files },
        ] = stages[..]
        else {
            panic!("stages out of order: {stages:?}");
        };
        // Home, about, the hub and three guides (the draft is left out).
        assert_eq!(pages, 6);
        assert!(files > pages && files < outcome.files, "{files}");

        // `check` writes nothing, so it neither writes nor indexes.
        let (progress, seen) = recording();
        let outcome = crate::check(&crate::BuildOptions {
            progress,
            ..options
        });
        assert!(outcome.is_ok());
        assert_eq!(
            *seen.lock().unwrap(),
            [
                Stage::Loading,
                Stage::Rendering {
                    pages: 6,
                    indexed: 0
                }
            ]
        );
    }
}
