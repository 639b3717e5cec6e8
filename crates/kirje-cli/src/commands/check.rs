//! `kirje check DIR`: report every problem, exit 1 if any is an error.

use std::path::PathBuf;
use std::process::ExitCode;

use kirje_core::Lang;

use crate::report::{self, Format};
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
pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut checked = super::load_and_check(&args.dir, lang)?;
    // These need fonts and a render, so only a project without errors is
    // looked at.
    if !checked.has_errors() {
        let more = super::render_warnings(&checked, &kirje_typst::Engine::new(), None, true);
        checked.diagnostics.extend(more);
    }
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    let editions = checked.loaded.as_ref().map_or(0, |l| l.editions.len());
    let summary = text::summary(
        lang,
        &args.dir.display().to_string(),
        errors,
        warnings,
        editions,
    );
    let sources = checked.sources();
    report::print(
        &checked.diagnostics,
        sources,
        &checked.texts,
        lang,
        args.format,
        Some(&summary),
    )?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
