//! The `pillar` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pillar::progress::{Observer, Progress, Stage};
use pillar::report::{self, Style};
use pillar::{
    BuildOptions, Diagnostic, ExternalOptions, Flavor, NewArticle, Outcome, Publish, ServeOptions,
};

/// mimalloc instead of the system allocator: the search indexer allocates and frees
/// millions of small objects from every core, where glibc's arenas cost a fifth more
/// CPU time and memory (see benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Build a cross-linked knowledge site from markdown articles.
#[derive(Parser)]
#[command(name = "pillar", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build changes nothing).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// The output folder, relative to the root.
        #[arg(long, short, default_value = "public")]
        output: PathBuf,
        /// Use this base URL instead of the one in site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Leave out the full-text search index (the search page then finds nothing).
        #[arg(long)]
        no_search: bool,
        /// Replace the output folder even if pillar did not make it (it never replaces
        /// the site's sources).
        #[arg(long)]
        force: bool,
        /// Drop the previous output's top-level dot-entries (`.git`, `.nojekyll`) and
        /// `CNAME`, which a build keeps otherwise.
        #[arg(long)]
        clean: bool,
    },
    /// Check the site for errors without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also ask every http(s) link of the content whether it is alive (politely,
        /// cached for a week in .pillar-cache/ under the root).
        #[arg(long)]
        external: bool,
        /// First write `translated_from: <hash of the original>` into every
        /// translation (`about.fr.md`) that has none, marking it as made from the
        /// original's present text.
        #[arg(long)]
        mark_translated: bool,
    },
    /// Serve the site locally, rebuilding and reloading open pages on every change.
    Serve {
        /// The site's root folder (the one holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        interface: IpAddr,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Add an article or a cluster to the site.
    New {
        /// The site's root folder (the one holding content/).
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Create a new site in DIR (which must be new or empty).
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
        /// Leave out .github/workflows/publish.yml (which publishes to GitHub Pages).
        #[arg(long)]
        no_workflow: bool,
        /// Write .gitlab-ci.yml (which publishes to GitLab Pages) instead of the GitHub
        /// workflow.
        #[arg(long, conflicts_with = "no_workflow")]
        gitlab: bool,
    },
    /// Convert a Hugo or Zola site into a pillar site in TARGET (new or empty).
    Import {
        /// The generator the site was written for.
        from: ImportFrom,
        /// The site's folder (holding its config file and content/); never written to.
        source: PathBuf,
        /// The folder to write the pillar site into.
        target: PathBuf,
    },
}

/// The generators `pillar import` reads.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportFrom {
    /// A Hugo site.
    Hugo,
    /// A Zola site.
    Zola,
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write a draft article with complete front matter into a cluster.
    Article {
        /// The article's title.
        title: String,
        /// The cluster (folder under content/) it belongs to.
        #[arg(long)]
        cluster: String,
        /// Its kind, one of the kinds in site.yaml (default: the first one).
        #[arg(long)]
        kind: Option<String>,
        /// Its file name without `.md` (default: made from the title).
        #[arg(long)]
        slug: Option<String>,
        /// Its language, one of the site's `languages`: writes the translation
        /// `<slug>.<lang>.md` (with `--slug`, of an existing `<slug>.md`).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Create a cluster: content/NAME/ with its hub page.
    Cluster {
        /// The cluster's folder name, e.g. `getting-started`.
        name: String,
    },
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The site's root folder (the one holding content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    strict: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (outcome, what) = match cli.command {
        Command::Serve {
            root,
            port,
            interface,
            drafts,
            open,
        } => {
            let options = ServeOptions {
                root,
                interface,
                port,
                drafts,
                open,
            };
            return done(pillar::serve(&options).map(|()| String::new()));
        }
        Command::New { root, what } => {
            let created = match what {
                NewCommand::Article {
                    title,
                    cluster,
                    kind,
                    slug,
                    lang,
                } => pillar::new_article(
                    &root,
                    &NewArticle {
                        title,
                        cluster,
                        kind,
                        slug,
                        lang,
                    },
                )
                .map(|path| {
                    format!(
                        "created {}\nit is a draft: `pillar serve --drafts` shows it",
                        path.display()
                    )
                }),
                NewCommand::Cluster { name } => pillar::new_cluster(&root, &name).map(|path| {
                    format!(
                        "created {}\nnext: pillar new article \"Title\" --cluster {name}",
                        path.display()
                    )
                }),
            };
            return done(created);
        }
        Command::Init {
            dir,
            no_workflow,
            gitlab,
        } => {
            let publish = match (no_workflow, gitlab) {
                (true, _) => Publish::Nowhere,
                (false, true) => Publish::GitLabPages,
                (false, false) => Publish::GitHubPages,
            };
            let created = pillar::init(&dir, publish).map(|_| {
                format!(
                    "created a new site in {dir}\nnext: pillar serve --root {dir}{hint}",
                    dir = dir.display(),
                    hint = publish_hint(publish)
                )
            });
            return done(created);
        }
        Command::Import {
            from,
            source,
            target,
        } => return import(from, &source, &target),
        Command::Build {
            site,
            output,
            base_url,
            drafts,
            no_search,
            force,
            clean,
        } => {
            let progress = std::io::stderr().is_terminal().then(BuildProgress::start);
            let options = BuildOptions {
                output,
                base_url,
                drafts,
                strict: site.strict,
                force,
                clean,
                search: !no_search,
                progress: progress
                    .as_ref()
                    .map_or_else(Progress::none, BuildProgress::observer),
                ..BuildOptions::new(site.root)
            };
            let outcome = pillar::build(&options);
            if let Some(progress) = progress {
                progress.finish();
            }
            (outcome, Some(options.output_dir()))
        }
        Command::Check {
            site,
            drafts,
            external,
            mark_translated,
        } => {
            if mark_translated {
                match pillar::mark_site(&site.root) {
                    Ok(marked) => {
                        for file in marked {
                            println!("marked {} as translated from its original", file.display());
                        }
                    }
                    Err(d) => return done(Err(d)),
                }
            }
            let options = BuildOptions {
                drafts,
                strict: site.strict,
                ..BuildOptions::new(&site.root)
            };
            let outcome = match external {
                true => pillar::check_external(&options, &ExternalOptions::new(&site.root)),
                false => pillar::check(&options),
            };
            (outcome, None)
        }
    };
    finish(&outcome, what)
}

/// What `pillar init` tells the author to do to publish the new site.
fn publish_hint(publish: Publish) -> &'static str {
    match publish {
        Publish::Nowhere => "",
        Publish::GitHubPages => {
            "\nto publish: push it to GitHub and set Settings → Pages → Source to \"GitHub Actions\" (.github/workflows/publish.yml deploys every push)"
        }
        Publish::GitLabPages => {
            "\nto publish: push it to GitLab (.gitlab-ci.yml deploys every push to the default branch to GitLab Pages)"
        }
    }
}

/// How long a build runs before its progress line appears: most builds finish sooner
/// and print nothing but their summary.
const SHOW_PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// The progress line of `pillar build` on a terminal: a spinner with the stage, drawn
/// only once the build has taken [`SHOW_PROGRESS_AFTER`], and cleared before the
/// diagnostics and the summary print.
struct BuildProgress {
    bar: ProgressBar,
    /// Dropped when the build is done, which stops the reveal thread waiting.
    done: mpsc::Sender<()>,
    /// Waits for the delay, then shows the bar unless the build is done.
    reveal: JoinHandle<()>,
}

impl BuildProgress {
    /// Starts timing; nothing is drawn yet.
    fn start() -> BuildProgress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(style_or_default("{spinner} {msg} ({elapsed})"));
        let (done, waiting) = mpsc::channel::<()>();
        let shown = bar.clone();
        let reveal = thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = waiting.recv_timeout(SHOW_PROGRESS_AFTER) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        BuildProgress { bar, done, reveal }
    }

    /// The observer the pipeline reports its stages and items to.
    fn observer(&self) -> Progress {
        Progress::new(StageLine(self.bar.clone()))
    }

    /// Stops the line and erases it, if it was ever drawn.
    fn finish(self) {
        drop(self.done);
        let _ = self.reveal.join();
        self.bar.finish_and_clear();
    }
}

/// The progress line as the pipeline's observer: the stage, and for a stage that counts
/// its items (pages rendered, files written) how many are done out of how many.
struct StageLine(ProgressBar);

impl Observer for StageLine {
    fn stage(&self, stage: Stage) {
        let bar = &self.0;
        let (template, message) = match stage.total() {
            Some(_) => (
                "{spinner} {msg}: {pos}/{len} ({elapsed})",
                stage.action().to_string(),
            ),
            None => ("{spinner} {msg} ({elapsed})", stage.to_string()),
        };
        bar.set_style(style_or_default(template));
        bar.set_message(message);
        match stage.total() {
            Some(total) => bar.set_length(total as u64),
            None => bar.unset_length(),
        }
        bar.set_position(0);
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}

/// The progress style of `template`, or indicatif's default if it does not parse.
fn style_or_default(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// Runs `pillar import` and prints what it could not convert and a summary.
fn import(from: ImportFrom, source: &std::path::Path, target: &std::path::Path) -> ExitCode {
    let flavor = match from {
        ImportFrom::Hugo => Flavor::Hugo,
        ImportFrom::Zola => Flavor::Zola,
    };
    let result = pillar::import(flavor, source, target).map(|imported| {
        if !imported.warnings.is_empty() {
            eprint!("{}", report::render(&imported.warnings, style()));
        }
        format!(
            "imported {} pages and {} files into {} ({} warnings)\nnext: pillar check --root {}",
            imported.pages,
            imported.files,
            target.display(),
            imported.warnings.len(),
            target.display()
        )
    });
    done(result)
}

/// Prints what a command did, or its error; exit 1 on error.
fn done(result: Result<String, Diagnostic>) -> ExitCode {
    match result {
        Ok(message) => {
            if !message.is_empty() {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", report::render(&[error], style()));
            ExitCode::from(1)
        }
    }
}

fn style() -> Style {
    if std::io::stderr().is_terminal() {
        Style::Terminal
    } else {
        Style::Plain
    }
}

/// Prints the diagnostics and a summary; exit 1 if there were errors.
fn finish(outcome: &Outcome, output: Option<PathBuf>) -> ExitCode {
    if !outcome.diagnostics.is_empty() {
        eprint!("{}", report::render(&outcome.diagnostics, style()));
    }
    if outcome.is_ok() {
        match output {
            Some(dir) => eprintln!(
                "built {} pages ({} files) into {} ({})",
                outcome.pages,
                outcome.files,
                dir.display(),
                report::summary(&outcome.diagnostics)
            ),
            None => eprintln!("checked: {}", report::summary(&outcome.diagnostics)),
        }
        ExitCode::SUCCESS
    } else {
        eprintln!("failed: {}", report::summary(&outcome.diagnostics));
        ExitCode::from(1)
    }
}
