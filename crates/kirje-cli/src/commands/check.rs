//! `kirje check DIR`: report every problem, exit 1 if any is an error.

use crate::outcome::Outcome;
use std::path::PathBuf;

use kirje_core::Lang;

use crate::report::Format;
use crate::text;

/// Check a project and report every problem with its place.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let mut session = super::open(&args.dir, lang)?;
    let mut diagnostics = session.check().diagnostics.clone();
    // These need fonts and a render: only a project without errors has
    // them (the session gives none otherwise).
    diagnostics.extend(session.render_warnings(None, true));
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let editions = session
        .check()
        .loaded
        .as_ref()
        .map_or(0, |l| l.editions.len());
    let summary = text::summary(
        lang,
        &args.dir.display().to_string(),
        errors,
        warnings,
        editions,
    );
    super::print(&session, &diagnostics, lang, args.format, Some(&summary))?;
    Ok(if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Done
    })
}
