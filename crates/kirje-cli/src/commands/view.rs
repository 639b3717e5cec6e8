//! `kirje view DIR`: print the View of an edition as JSON, so template
//! authors see exactly what their templates receive.

use crate::outcome::Outcome;
use std::io::Write;
use std::path::PathBuf;

use kirje_core::Lang;

use crate::report::Format;
use crate::text;

/// Print the View (the data templates receive) as JSON.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The edition's id (its file name without `.yaml`); the newest by default.
    #[arg(long, short)]
    pub edition: Option<String>,
    /// Language of the View; the project's main language by default.
    #[arg(long = "in", value_parser = crate::parse_lang)]
    pub view_lang: Option<Lang>,
}

/// Runs the command.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let mut session = super::open(&args.dir, lang)?;
    if session.check().has_errors() {
        let diags = session.check().diagnostics.clone();
        super::print(&session, &diags, lang, Format::Human, None)?;
        return Ok(Outcome::Problems);
    }
    let Some(loaded) = session.checked().and_then(|c| c.loaded.as_ref()) else {
        return Ok(Outcome::Problems);
    };
    let Some(edition) = loaded.edition(args.edition.as_deref()) else {
        eprintln!(
            "{}: {}",
            text::error_word(lang),
            text::no_edition(lang, args.edition.as_deref().unwrap_or_default())
        );
        // An edition named on the command line that the project lacks is
        // usage; a project with no editions at all has an error.
        return Ok(if args.edition.is_some() {
            Outcome::Failed
        } else {
            Outcome::Problems
        });
    };
    let view_lang = args
        .view_lang
        .unwrap_or_else(|| kirje_session::main_lang(loaded));
    let view = kirje_core::view::view(loaded, edition, view_lang);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &view)?;
    writeln!(out)?;
    Ok(Outcome::Done)
}
