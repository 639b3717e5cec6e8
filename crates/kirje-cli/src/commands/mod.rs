//! One module per subcommand, each with its clap `Args` and a `run`.

pub mod build;
pub mod check;
pub mod init;
pub mod send;
pub mod serve;
pub mod view;
pub mod watch;

use std::collections::BTreeMap;
use std::path::Path;

use kirje_core::load::{Loaded, decode_text};
use kirje_core::{Diagnostic, Files, Lang, load};

/// A project read from disk and checked.
pub struct Checked {
    /// The files as read.
    pub files: Files,
    /// The typed project, when every file could be read.
    pub loaded: Option<Loaded>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of files named by diagnostics that did not load (for showing their lines).
    pub texts: BTreeMap<String, String>,
}

/// The sources of a project that did not load: none.
static NO_SOURCES: BTreeMap<String, kirje_core::source::Source> = BTreeMap::new();

impl Checked {
    /// The data files' texts and span indexes (empty when loading failed).
    pub fn sources(&self) -> &BTreeMap<String, kirje_core::source::Source> {
        self.loaded.as_ref().map_or(&NO_SOURCES, |l| &l.sources)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Prints `diags` (pointing into this project's files) and gives the
    /// exit code of a command that stops on them.
    pub fn stop_on(
        &self,
        diags: &[Diagnostic],
        lang: Lang,
        format: crate::report::Format,
    ) -> anyhow::Result<std::process::ExitCode> {
        crate::report::print(diags, self.sources(), &self.texts, lang, format, None)?;
        Ok(std::process::ExitCode::from(1))
    }
}

/// Reads the project in `dir` into a new build session (the Typst engine
/// with kirje's fonts, the email's image drawer).
pub fn open(dir: &Path, lang: Lang) -> anyhow::Result<kirje_session::Session> {
    let files = crate::project_io::read_project(dir, lang)?;
    let mut session = kirje_session::Session::new(kirje_typst::Engine::new(), crate::raster());
    session.replace_files(files);
    Ok(session)
}

/// Prints `diags`, pointing into the session's files, in `format`.
pub fn print(
    session: &mut kirje_session::Session,
    diags: &[Diagnostic],
    lang: Lang,
    format: crate::report::Format,
    summary: Option<&str>,
) -> anyhow::Result<()> {
    let texts = session.texts_for(diags);
    let sources = session.check().sources();
    crate::report::print(diags, sources, &texts, lang, format, summary)
}

/// Reads, loads and checks the project in `dir`.
pub fn load_and_check(dir: &Path, lang: Lang) -> anyhow::Result<Checked> {
    let files = crate::project_io::read_project(dir, lang)?;
    let (loaded, diagnostics) = match load::load(&files) {
        Ok(loaded) => {
            let diags = kirje_core::check::check(&loaded, &files);
            (Some(loaded), diags)
        }
        Err(diags) => (None, diags),
    };
    let mut texts = BTreeMap::new();
    for d in &diagnostics {
        let text = match decode_text(&d.file, files.get(&d.file)) {
            Ok(t) => Some(t),
            // Not UTF-8 or binary: show what can be shown, keeping byte offsets
            // up to the first bad byte, where the diagnostic points.
            Err(_) => files.bytes(&d.file).map(|b| {
                let b: Vec<u8> = b.iter().map(|&c| if c == 0 { b' ' } else { c }).collect();
                String::from_utf8_lossy(&b).into_owned()
            }),
        };
        if let Some(t) = text {
            texts.insert(d.file.clone(), t);
        }
    }
    Ok(Checked {
        files,
        loaded,
        diagnostics,
        texts,
    })
}
