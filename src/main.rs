//! The `pillar` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pillar::report::{self, Style};
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

/// Prints the diagnostics and a summary; exit 1 if there were errors.
fn finish(outcome: &Outcome, output: Option<PathBuf>) -> ExitCode {
    let style = if std::io::stderr().is_terminal() {
        Style::Terminal
    } else {
        Style::Plain
    };
    if !outcome.diagnostics.is_empty() {
        eprint!("{}", report::render(&outcome.diagnostics, style));
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
