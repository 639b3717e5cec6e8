//! The `kirje` command: reads a project folder, checks it, and writes its
//! communication kit. All file and terminal I/O of kirje lives here.

mod changes;
mod commands;
mod help;
mod outcome;
mod project_io;
mod report;
mod text;

use std::process::ExitCode;

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use kirje_core::Lang;
use outcome::Outcome;

/// mimalloc keeps freed pages for reuse. glibc's malloc hands a freed
/// buffer of 128 kB or more back to the system, and the next message's
/// buffers fault their pages in again: `kirje send` builds several such
/// buffers per recipient (the filled HTML, its base64, the message), and
/// a fifth of its time went to page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// kirje — one folder of project facts, every newsletter output.
#[derive(Debug, Parser)]
#[command(
    name = "kirje",
    version,
    about,
    propagate_version = true,
    disable_help_subcommand = true,
    after_help = "Exit codes: 0 done (warnings allowed); 1 the project or the recipient \
                  list has errors, or a send left recipients failed, deferred or unsent; \
                  2 kirje could not do its work (usage, files, network, the SMTP server \
                  or its login, the time limit). When both 1 and 2 apply, 2."
)]
struct Cli {
    /// Language of messages (and of `init`'s starter project): fi, sv or en.
    /// Default: from LC_ALL / LC_MESSAGES / LANG, else fi.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,

    /// Also show the YAML, TOML and JSON readers' own words (in English)
    /// under kirje's messages.
    #[arg(long, short, global = true)]
    verbose: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new project folder with a complete starter project.
    Init(commands::init::Args),
    /// Check a project and report every problem with its place.
    Check(commands::check::Args),
    /// Build the newsletter and slides (PDF) into DIR/dist.
    Build(commands::build::Args),
    /// Rebuild whenever a file of the project changes.
    Watch(commands::watch::Args),
    /// Open the form editor on the project folder on 127.0.0.1: edits are saved to the files and every output updates as you type.
    Serve(commands::serve::Args),
    /// Send an edition to a recipient list through SMTP, resumably.
    Send(commands::send::Args),
    /// Read bounces and unsubscribe requests into the suppression list.
    Inbox(commands::inbox::Args),
    /// Print the View (the data templates receive) as JSON.
    View(commands::view::Args),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("unknown language `{s}` (fi, sv, en)"))
}

/// The language of messages: `--lang`, else the POSIX locale variables.
fn message_lang(flag: Option<Lang>) -> Lang {
    flag.or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_posix_locale(&v))
    })
    .unwrap_or(Lang::Fi)
}

/// The arguments before `--`.
fn options(args: &[OsString]) -> impl Iterator<Item = &str> {
    args.iter()
        .skip(1)
        .map(|a| a.to_str().unwrap_or_default())
        .take_while(|a| *a != "--")
}

/// `--lang xx` or `--lang=xx` on the command line, read before clap so
/// that its help and errors are already in that language.
fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut it = options(args);
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::from_code(v);
        }
        if a == "--lang" {
            return it.next().and_then(Lang::from_code);
        }
    }
    None
}

/// The command named on the command line (`build` in `kirje build -h`).
fn command_in_args(root: &clap::Command, args: &[OsString]) -> Option<String> {
    let mut it = options(args);
    while let Some(a) = it.next() {
        if a == "--lang" {
            it.next();
        } else if !a.starts_with('-') {
            return root.find_subcommand(a).map(|c| c.get_name().to_owned());
        }
    }
    None
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = message_lang(lang_in_args(&args));
    let root = Cli::command();
    let command = command_in_args(&root, &args);
    if options(&args).any(|a| a == "-h" || a == "--help") {
        print!("{}", help::render(&root, command.as_deref(), lang));
        return ExitCode::SUCCESS;
    }
    let parsed = root
        .clone()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                | ErrorKind::MissingSubcommand
                    if command.is_none() =>
                {
                    eprint!("{}", help::render(&root, None, lang));
                    Outcome::Failed.into()
                }
                _ => {
                    eprint!("{}", help::error(&root, &e, command.as_deref(), lang));
                    Outcome::Failed.into()
                }
            };
        }
    };
    let lang = message_lang(cli.lang);
    report::set_verbose(cli.verbose);
    let result = match cli.command {
        Command::Init(args) => commands::init::run(args, lang),
        Command::Check(args) => commands::check::run(args, lang),
        Command::Build(args) => commands::build::run(args, lang),
        Command::Watch(args) => commands::watch::run(args, lang),
        Command::Serve(args) => commands::serve::run(args, lang),
        Command::View(args) => commands::view::run(args, lang),
        Command::Send(args) => commands::send::run(args, lang),
        Command::Inbox(args) => commands::inbox::run(args, lang),
    };
    match result {
        Ok(outcome) => outcome.into(),
        Err(e) => {
            if report::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "{}: {}",
                text::error_word(lang),
                text::error_chain(lang, &e)
            );
            Outcome::Failed.into()
        }
    }
}

/// The email's image maker, with kirje's fonts for the text in SVG logos:
/// one per process, so `watch` and `serve` draw an unchanged image once.
pub(crate) fn raster() -> std::sync::Arc<kirje_email::Raster> {
    static RASTER: std::sync::OnceLock<std::sync::Arc<kirje_email::Raster>> =
        std::sync::OnceLock::new();
    RASTER
        .get_or_init(|| {
            std::sync::Arc::new(kirje_email::Raster::new(
                kirje_typst::INTER.iter().map(|(_, b)| *b),
            ))
        })
        .clone()
}
