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

/// What only a render can find, as warnings: characters the PDF fonts lack
/// (each at its first place in the project's files), an email HTML part
/// near Gmail's clipping size, and an ESR+ project's email or web page
/// without the EU emblem and statement at its top. With `typeset` (for
/// `check`; `build` typesets anyway) also the PDFs' warnings of an ESR+
/// project: a first page without them. For `check` and `build` of a
/// project without errors.
pub fn render_warnings(
    checked: &Checked,
    engine: &kirje_typst::Engine,
    edition: Option<&str>,
    typeset: bool,
) -> Vec<Diagnostic> {
    let Some(loaded) = &checked.loaded else {
        return Vec::new();
    };
    let Some(ed) = loaded.edition(edition) else {
        return Vec::new();
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    // The edition first: a character in it is found there before the same
    // character in the project's lasting facts.
    let mut files: Vec<&str> = vec![ed.file.as_str()];
    files.extend(load::PROJECT_FILES);
    files.push(load::SETTINGS_FILE);
    for &lang in &loaded.settings.languages {
        let view = kirje_core::view::view(loaded, ed, lang);
        for missing in engine.missing_glyphs(&view) {
            let found = files.iter().find_map(|f| {
                let text = &checked.sources().get(*f)?.text;
                let at = text.find(missing.ch)?;
                Some((*f, at..at + missing.ch.len_utf8()))
            });
            let (file, span) = match found {
                Some((f, s)) => (f.to_owned(), Some(s)),
                None => (ed.file.clone(), None),
            };
            let d = Diagnostic::warning(
                file,
                span,
                kirje_core::Msg::GlyphMissing {
                    ch: missing.ch.to_string(),
                },
            );
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out.extend(kirje_email::size_warnings(
        loaded,
        &checked.files,
        crate::raster(),
        edition,
    ));
    out.extend(kirje_email::visibility_warnings(
        loaded,
        &checked.files,
        crate::raster(),
        edition,
    ));
    let eu = loaded
        .project
        .funders
        .iter()
        .any(|f| f.preset.is_some_and(|p| p.eu_emblem()));
    if typeset && eu {
        // The templates are the same in every language: the first shows
        // whether they place the emblem and the statement.
        for &lang in loaded.settings.languages.iter().take(1) {
            let view = kirje_core::view::view(loaded, ed, lang);
            for kind in [kirje_typst::Kind::Newsletter, kirje_typst::Kind::Slides] {
                let Ok(compiled) = engine.compile(kind, &view, &checked.files) else {
                    continue;
                };
                for d in compiled.warnings {
                    if matches!(d.message, kirje_core::Msg::EuVisibilityMissing { .. })
                        && !out.contains(&d)
                    {
                        out.push(d);
                    }
                }
            }
        }
    }
    out
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
