//! The `pillar` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pillar::diagnostics::Diagnostic;
use pillar::report::{self, Style};
use pillar::scaffold::{self, NewArticle};
use pillar::serve::{self, ServeOptions};
use pillar::{BuildOptions, Outcome};

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
    },
    /// Check the site for errors without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
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
    },
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
            return done(serve::serve(&options).map(|()| String::new()));
        }
        Command::New { root, what } => {
            let created = match what {
                NewCommand::Article {
                    title,
                    cluster,
                    kind,
                    slug,
                } => scaffold::new_article(
                    &root,
                    &NewArticle {
                        title,
                        cluster,
                        kind,
                        slug,
                    },
                )
                .map(|path| {
                    format!(
                        "created {}\nit is a draft: `pillar serve --drafts` shows it",
                        path.display()
                    )
                }),
                NewCommand::Cluster { name } => scaffold::new_cluster(&root, &name).map(|path| {
                    format!(
                        "created {}\nnext: pillar new article \"Title\" --cluster {name}",
                        path.display()
                    )
                }),
            };
            return done(created);
        }
        Command::Init { dir } => {
            let created = scaffold::init(&dir).map(|_| {
                format!(
                    "created a new site in {dir}\nnext: pillar serve --root {dir}",
                    dir = dir.display()
                )
            });
            return done(created);
        }
        Command::Build {
            site,
            output,
            base_url,
            drafts,
        } => {
            let options = BuildOptions {
                output,
                base_url,
                drafts,
                strict: site.strict,
                ..BuildOptions::new(site.root)
            };
            (pillar::build(&options), Some(options.output_dir()))
        }
        Command::Check { site, drafts } => {
            let options = BuildOptions {
                drafts,
                strict: site.strict,
                ..BuildOptions::new(site.root)
            };
            (pillar::check(&options), None)
        }
    };
    finish(&outcome, what)
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
