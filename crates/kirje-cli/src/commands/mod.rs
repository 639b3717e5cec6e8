//! One module per subcommand, each with its clap `Args` and a `run`.

pub mod build;
pub mod check;
pub mod inbox;
pub mod init;
pub mod send;
pub mod serve;
pub mod view;
pub mod watch;

use std::path::Path;

use kirje_core::{Diagnostic, Lang};

/// Reads the project in `dir` into a new build session (the Typst engine
/// with kirje's fonts, the email's image drawer).
pub fn open(dir: &Path, lang: Lang) -> anyhow::Result<kirje_session::Session> {
    let files = crate::project_io::read_project(dir, lang)?;
    let mut session = new_session();
    session.replace_files(files);
    Ok(session)
}

/// A build session with no files: the Typst engine with kirje's fonts and
/// Opens the project and checks it; with errors, prints them and gives
/// `None` (the command then ends with exit code 1).
pub fn open_checked(
    dir: &Path,
    lang: Lang,
    format: crate::report::Format,
) -> anyhow::Result<Option<kirje_session::Session>> {
    let mut session = open(dir, lang)?;
    if session.check().has_errors() {
        let diags = session.check().diagnostics.clone();
        print(&session, &diags, lang, format, None)?;
        return Ok(None);
    }
    Ok(Some(session))
}

/// the email's image drawer.
pub fn new_session() -> kirje_session::Session {
    kirje_session::Session::new(kirje_typst::Engine::new(), crate::raster())
}

/// Prints `diags`, pointing into the session's files, in `format`.
pub fn print(
    session: &kirje_session::Session,
    diags: &[Diagnostic],
    lang: Lang,
    format: crate::report::Format,
    summary: Option<&str>,
) -> anyhow::Result<()> {
    let texts = session.texts_for(diags);
    crate::report::print(diags, session.sources(), &texts, lang, format, summary)
}
