//! One build session under every front end: `kirje build`, `watch`,
//! `serve`, `check` and the browser all hold a [`Session`] and ask it for
//! what they show or write. The front ends keep only their I/O: reading a
//! folder or a browser's files into the session, writing what it made,
//! printing its diagnostics.
//!
//! A session owns the project's [`Files`], loads and checks them once per
//! change (re-parsing only the data files whose bytes changed, through
//! [`kirje_core::load::LoadCache`]), builds the View per edition and
//! language, and renders every output. Each typeset document is remembered
//! with a hash of what it read (its View, its template and the project's
//! assets and templates), so after an edit only the documents whose inputs
//! changed are typeset again: a Swedish text changes the Swedish PDFs only.
//!
//! The policy every front end shares is written here once: which language
//! is the project's main one ([`main_lang`]), what counts as a data file
//! ([`is_data_file`]), which paths stay inside a project ([`clean_path`]).
//! No I/O, no clock: the crate compiles to `wasm32-unknown-unknown`, where
//! documents are typeset one after another instead of on threads.

pub mod editor;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use kirje_core::diagnostic::Report;
use kirje_core::load::{EDITIONS_DIR, LoadCache, Loaded, LoadedEdition, decode_text};
use kirje_core::source::{FileEntry, MAX_ASSET_FILE, MAX_DATA_FILE, Refusal, Source};
use kirje_core::view::View;
use kirje_core::{Diagnostic, Files, Lang, Msg, Warned};
use kirje_email::Raster;
use kirje_typst::{Compiled, Engine, Kind};

/// How many compilations an unused Typst cache entry survives, so memory
/// stays bounded across hundreds of edits.
const CACHE_AGE: usize = 10;

/// Which outputs to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// `newsletter.pdf` in each language.
    pub newsletter: bool,
    /// `slides.pdf` (and `slides.pdfpc`) in each language.
    pub slides: bool,
    /// `email.html`, `email.txt`, `email.eml`.
    pub email: bool,
    /// `web/`: the archive, its feed, calendars and each edition's PDF.
    pub web: bool,
    /// `events.ics`.
    pub ics: bool,
}

impl Outputs {
    /// Every output.
    pub const ALL: Outputs = Outputs {
        newsletter: true,
        slides: true,
        email: true,
        web: true,
        ics: true,
    };
    /// No output.
    pub const NONE: Outputs = Outputs {
        newsletter: false,
        slides: false,
        email: false,
        web: false,
        ics: false,
    };
}

/// A file made, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Path relative to the output folder.
    pub path: String,
    /// Contents, shared with the session's memory: an output taken from
    /// memory is the very same allocation as last time, so a front end can
    /// tell it is unchanged without comparing ([`Arc::ptr_eq`]).
    pub bytes: Arc<[u8]>,
}

/// The project loaded and checked.
#[derive(Debug)]
pub struct Checked {
    /// The typed project, when every file could be read.
    pub loaded: Option<Loaded>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// The sources of a project that did not load: none.
static NO_SOURCES: BTreeMap<String, Source> = BTreeMap::new();

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The data files' texts and span indexes (empty when loading failed).
    pub fn sources(&self) -> &BTreeMap<String, Source> {
        self.loaded.as_ref().map_or(&NO_SOURCES, |l| &l.sources)
    }

    /// The errors alone.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }
}

/// The project's main language: its first, Finnish when it names none.
pub fn main_lang(loaded: &Loaded) -> Lang {
    loaded.main_lang()
}

/// Whether a project-relative path is a data file (the stricter size
/// limit): YAML, TOML or JSON at the top or under `editions/`.
pub fn is_data_file(path: &str) -> bool {
    let data = [".yaml", ".yml", ".toml", ".json"]
        .iter()
        .any(|e| path.ends_with(e));
    data && (!path.contains('/') || path.starts_with("editions/"))
}

/// A project-relative path with `/` separators and no way out of the
/// folder; `None` for anything else.
pub fn clean_path(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let ok = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains([':', '\0'])
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..");
    ok.then(|| path.to_owned())
}

/// A typeset document: the PDF and, for slides with speaker notes, the
/// pdfpc file of the notes.
#[derive(Clone)]
struct Document {
    pdf: Arc<[u8]>,
    notes: Option<Arc<[u8]>>,
}

/// A document's last PDF: the hash of what went in, the files, the warnings.
type Remembered = (u64, Document, Vec<Diagnostic>);

/// A typeset document with its warnings, or the errors.
type Typeset = Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>>;

/// A document to typeset: its View and kind, and the files
/// (relative to the output folder) it is written to.
type Job<'a> = (&'a View, Kind, Vec<String>);

/// The email of one edition in one language as a preview shows it.
pub struct EmailPreview {
    /// The HTML part, images named by `cid:` or by their `assets/email/…`
    /// file under the web address.
    pub html: String,
    /// The plain-text part.
    pub text: String,
    /// The images the HTML may name, drawn as the email shows them.
    pub images: kirje_email::EmailImages,
}

/// A project being built, with its compiler.
pub struct Session {
    files: Files,
    load_cache: LoadCache,
    checked: Option<Checked>,
    engine: Engine,
    raster: Arc<Raster>,
    /// The last PDF of each output file, by what it read.
    documents: Mutex<HashMap<String, Remembered>>,
    /// How many documents were typeset (not taken from memory) so far.
    typeset: std::sync::atomic::AtomicUsize,
    /// The last email of each language, by what it read.
    emails: HashMap<Lang, (u64, Vec<Rendered>)>,
    /// What the last `render` made afresh (not from memory).
    made: Vec<String>,
}

impl Session {
    /// A session with no files that typesets with `engine` and draws the
    /// email's images with `raster`.
    pub fn new(engine: Engine, raster: Arc<Raster>) -> Session {
        Session {
            files: Files::new(),
            load_cache: LoadCache::default(),
            checked: None,
            engine,
            raster,
            documents: Mutex::new(HashMap::new()),
            typeset: std::sync::atomic::AtomicUsize::new(0),
            emails: HashMap::new(),
            made: Vec::new(),
        }
    }

    /// Typesets with another engine from now on (other fonts): no document
    /// typeset with the old one is reused.
    pub fn set_engine(&mut self, engine: Engine) {
        self.engine = engine;
        self.memo().clear();
    }

    /// Draws the email's images with another raster from now on (other
    /// fonts): no email made with the old one is reused.
    pub fn set_raster(&mut self, raster: Arc<Raster>) {
        self.raster = raster;
        self.emails.clear();
    }

    /// The Typst engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The email's image drawer.
    pub fn raster(&self) -> &Raster {
        &self.raster
    }

    /// The project's files.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// How many documents this session has typeset (a document taken from
    /// memory is not counted): what an edit cost.
    pub fn typeset_count(&self) -> usize {
        self.typeset.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The outputs the last [`Session::render`] made afresh rather than
    /// took from memory: each document by its first file
    /// (`newsletter.sv.pdf`), each language's email as `email.<lang>`, the
    /// web archive as `web/` and the calendar as `events.ics`.
    pub fn last_made(&self) -> &[String] {
        &self.made
    }

    /// Replaces every file (a folder read again). What did not change is
    /// neither parsed nor typeset again.
    pub fn replace_files(&mut self, files: Files) {
        self.files = files;
        self.checked = None;
    }

    /// Adds or replaces one file by its project-relative `/` path. A file
    /// over the size limit is kept as refused, so `check` names it. False
    /// for a path that would leave the project folder.
    pub fn set_file(&mut self, path: &str, bytes: Vec<u8>) -> bool {
        let Some(path) = clean_path(path) else {
            return false;
        };
        if self.files.bytes(&path) == Some(bytes.as_slice()) {
            return true;
        }
        let limit = if is_data_file(&path) {
            MAX_DATA_FILE
        } else {
            MAX_ASSET_FILE
        };
        let size = bytes.len() as u64;
        if size > limit {
            self.files.refuse(path, Refusal::TooLarge { size, limit });
        } else {
            self.files.insert(path, bytes);
        }
        self.checked = None;
        true
    }

    /// Removes one file; true when it was there.
    pub fn remove_file(&mut self, path: &str) -> bool {
        let removed = clean_path(path).and_then(|p| self.files.remove(&p));
        if removed.is_some() {
            self.checked = None;
        }
        removed.is_some()
    }

    /// Removes every file.
    pub fn clear(&mut self) {
        self.files = Files::new();
        self.checked = None;
    }

    /// The project loaded and checked, again only after a file changed.
    pub fn check(&mut self) -> &Checked {
        self.checked.get_or_insert_with(|| {
            let (loaded, diagnostics) =
                match kirje_core::load::load_with(&self.files, &mut self.load_cache) {
                    Ok(loaded) => {
                        let diags = kirje_core::check::check(&loaded, &self.files);
                        (Some(loaded), diags)
                    }
                    Err(diags) => (None, diags),
                };
            Checked {
                loaded,
                diagnostics,
            }
        })
    }

    /// The last check, when the files have not changed since.
    pub fn checked(&self) -> Option<&Checked> {
        self.checked.as_ref()
    }

    /// The data files' texts and span indexes as last checked (empty
    /// before a check, or when loading failed).
    pub fn sources(&self) -> &BTreeMap<String, Source> {
        self.checked.as_ref().map_or(&NO_SOURCES, Checked::sources)
    }

    /// The loaded project when it has no errors, else the errors.
    fn clean(&mut self) -> Result<&Loaded, Vec<Diagnostic>> {
        self.check();
        self.clean_as_checked()
    }

    /// [`Session::clean`] without checking again: the project as last
    /// checked (no project before the first check).
    fn clean_as_checked(&self) -> Result<&Loaded, Vec<Diagnostic>> {
        let Some(checked) = &self.checked else {
            return Err(Vec::new());
        };
        if checked.has_errors() {
            return Err(checked.errors());
        }
        checked.loaded.as_ref().ok_or_else(|| checked.errors())
    }

    /// The View of one edition (the newest when `None`) in one language
    /// (the main one when `None`), or why there is none.
    pub fn view(
        &mut self,
        edition: Option<&str>,
        lang: Option<Lang>,
    ) -> Result<View, Vec<Diagnostic>> {
        self.check();
        self.view_as_checked(edition, lang)
    }

    /// [`Session::view`] of the project as last checked.
    fn view_as_checked(
        &self,
        edition: Option<&str>,
        lang: Option<Lang>,
    ) -> Result<View, Vec<Diagnostic>> {
        let loaded = self.clean_as_checked()?;
        let ed = edition_of(loaded, edition)?;
        let lang = lang
            .filter(|l| loaded.settings.languages.contains(l))
            .unwrap_or_else(|| main_lang(loaded));
        Ok(kirje_core::view::view(loaded, ed, lang))
    }

    /// Typesets one document of one edition in one language, for a
    /// preview.
    pub fn compile(
        &mut self,
        kind: Kind,
        edition: Option<&str>,
        lang: Option<Lang>,
    ) -> Result<Warned<Compiled>, Vec<Diagnostic>> {
        self.check();
        self.compile_as_checked(kind, edition, lang)
    }

    /// [`Session::compile`] of the project as last checked, for a front
    /// end that holds the checked project while it typesets (`kirje send`
    /// attaching the newsletter PDF). Before any check there is no
    /// project, and the error list is empty.
    pub fn compile_as_checked(
        &self,
        kind: Kind,
        edition: Option<&str>,
        lang: Option<Lang>,
    ) -> Result<Warned<Compiled>, Vec<Diagnostic>> {
        let view = self.view_as_checked(edition, lang)?;
        let result = self.engine.compile(kind, &view, &self.files);
        kirje_typst::evict_caches(CACHE_AGE);
        result
    }

    /// The email of one edition (the newest when `None`) in one language
    /// (the main one when `None`), for a preview (the browser, `kirje
    /// serve`); `kirje build` writes it with [`Session::render`].
    pub fn email_preview(
        &mut self,
        edition: Option<&str>,
        lang: Option<Lang>,
    ) -> Result<EmailPreview, Vec<Diagnostic>> {
        let view = self.view(edition, lang)?;
        let templates = kirje_email::Templates::with_overrides(&self.files)?;
        let images = self.raster.email_images(&view, &self.files);
        let html = kirje_email::email_html(&view, &templates, &images)?;
        let text = kirje_email::email_text(&view, &templates)?;
        Ok(EmailPreview { html, text, images })
    }

    /// Every output `outputs` names of one edition (the newest when
    /// `None`), in memory, with the warnings; or every error. A document
    /// whose inputs did not change since this session last typeset it is
    /// taken from memory. Typst's caches are not trimmed here, so the
    /// outputs come back first: a front end that renders again and again
    /// calls [`Session::trim_caches`] once it has written them.
    pub fn render(
        &mut self,
        edition: Option<&str>,
        outputs: Outputs,
    ) -> Result<(Vec<Rendered>, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.made.clear();
        self.clean()?;
        let (Some(checked), files, engine, raster) =
            (&self.checked, &self.files, &self.engine, &*self.raster)
        else {
            return Err(vec![]);
        };
        let Some(loaded) = checked.loaded.as_ref() else {
            return Err(checked.errors());
        };
        let ed = edition_of(loaded, edition)?;
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        // Each View once: the chosen edition's in every language, and for
        // the web archive every other edition's too.
        let views: Vec<View> = loaded
            .editions
            .iter()
            .filter(|e| outputs.web || e.id == ed.id)
            .flat_map(|e| {
                loaded
                    .settings
                    .languages
                    .iter()
                    .map(move |l| kirje_core::view::view(loaded, e, *l))
            })
            .collect();
        let chosen: Vec<&View> = views.iter().filter(|v| v.edition.id == ed.id).collect();
        // Every (View, document) to typeset, in the order the files are
        // listed: the chosen edition's newsletter and slides, then each
        // edition's newsletter in each language for the web archive.
        let mut jobs: Vec<Job> = Vec::new();
        for (i, view) in chosen.iter().enumerate() {
            let suffix = if i == 0 {
                String::new()
            } else {
                format!(".{}", view.lang.code())
            };
            for (kind, wanted, name) in [
                (Kind::Newsletter, outputs.newsletter, "newsletter"),
                (Kind::Slides, outputs.slides, "slides"),
            ] {
                if wanted {
                    jobs.push((view, kind, vec![format!("{name}{suffix}.pdf")]));
                }
            }
        }
        if outputs.web {
            for view in &views {
                let path = kirje_email::newsletter_pdf_path(view);
                // The chosen edition's newsletter is typeset once for both.
                match jobs
                    .iter_mut()
                    .find(|(v, k, _)| std::ptr::eq(*v, view) && *k == Kind::Newsletter)
                {
                    Some(job) => job.2.push(path),
                    None => jobs.push((view, Kind::Newsletter, vec![path])),
                }
            }
        }
        // What every output reads besides its View, hashed once.
        let assets = assets_hash(files);
        let made = Mutex::new(Vec::new());
        let memo = Memory {
            documents: &self.documents,
            typeset: &self.typeset,
            made: &made,
        };
        // The email and the web archive are made while the documents are
        // typeset.
        let emails = &mut self.emails;
        let (typeset, (mail, mail_errors, mail_made)) = both(
            || typeset_all(engine, files, assets, &jobs, &memo),
            || mail_and_web(loaded, files, raster, (assets, &chosen), outputs, emails),
        );
        for (job, result) in jobs.iter().zip(typeset) {
            match result {
                Ok((doc, w)) => {
                    warnings.extend(w);
                    for path in &job.2 {
                        out.push(Rendered {
                            path: path.clone(),
                            bytes: doc.pdf.clone(),
                        });
                        // pdfpc finds the notes of `slides.pdf` in `slides.pdfpc`.
                        if let (Some(notes), Some(stem)) = (&doc.notes, path.strip_suffix(".pdf")) {
                            out.push(Rendered {
                                path: format!("{stem}.pdfpc"),
                                bytes: notes.clone(),
                            });
                        }
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        let mut made = made.into_inner().unwrap_or_else(PoisonError::into_inner);
        made.extend(mail_made);
        out.extend(mail);
        errors.extend(mail_errors);
        made.sort();
        self.made = made;
        if errors.is_empty() {
            out.sort_by(|a, b| a.path.cmp(&b.path));
            Ok((out, warnings))
        } else {
            errors.dedup();
            Err(errors)
        }
    }

    /// Forgets what Typst remembered for compilations that have not used
    /// it for a while, so memory stays bounded across hundreds of edits
    /// (several milliseconds, hence apart from [`Session::render`]).
    pub fn trim_caches(&self) {
        kirje_typst::evict_caches(CACHE_AGE);
    }

    /// What only a render can find, as warnings: characters the PDF fonts
    /// lack (each at its first place in the project's files), an email
    /// HTML part near Gmail's clipping size, and an ESR+ project's email or
    /// web page without the EU emblem and statement at its top. With
    /// `typeset` (for `check`; a build typesets anyway) also the PDFs'
    /// first page of an ESR+ project. Empty for a project with errors.
    pub fn render_warnings(&mut self, edition: Option<&str>, typeset: bool) -> Vec<Diagnostic> {
        if self.clean().is_err() {
            return Vec::new();
        }
        let (
            Some(Checked {
                loaded: Some(loaded),
                ..
            }),
            files,
            engine,
            raster,
        ) = (&self.checked, &self.files, &self.engine, &*self.raster)
        else {
            return Vec::new();
        };
        let Some(ed) = loaded.edition(edition) else {
            return Vec::new();
        };
        let mut out: Vec<Diagnostic> = Vec::new();
        // The edition first: a character in it is found there before the
        // same character in the project's lasting facts.
        let mut data: Vec<&str> = vec![ed.file.as_str()];
        data.extend(kirje_core::load::PROJECT_FILES);
        data.push(kirje_core::load::SETTINGS_FILE);
        for &lang in &loaded.settings.languages {
            let view = kirje_core::view::view(loaded, ed, lang);
            for missing in engine.missing_glyphs(&view) {
                let found = data.iter().find_map(|f| {
                    let text = &loaded.sources.get(*f)?.text;
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
                    Msg::GlyphMissing {
                        ch: missing.ch.to_string(),
                    },
                );
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        out.extend(kirje_email::size_warnings(loaded, files, raster, edition));
        out.extend(kirje_email::visibility_warnings(
            loaded, files, raster, edition,
        ));
        let eu = loaded
            .project
            .funders
            .iter()
            .any(|f| f.preset.is_some_and(|p| p.eu_emblem()));
        if typeset && eu {
            // The templates are the same in every language: the first shows
            // whether they place the emblem and the statement.
            let view = kirje_core::view::view(loaded, ed, main_lang(loaded));
            for kind in [Kind::Newsletter, Kind::Slides] {
                let Ok(compiled) = engine.compile(kind, &view, files) else {
                    continue;
                };
                for d in compiled.warnings {
                    if matches!(d.message, Msg::EuVisibilityMissing { .. }) && !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
        }
        out
    }

    /// The text a diagnostic's file has, for showing its lines: a data
    /// file as loaded, a project file (shown as far as it decodes) or one
    /// of kirje's built-in templates.
    pub fn text_of(&self, file: &str) -> Option<String> {
        if let Some(s) = self.checked.as_ref().and_then(|c| c.sources().get(file)) {
            return Some(s.text.clone());
        }
        match decode_text(file, self.files.get(file)) {
            Ok(t) => Some(t),
            // Not UTF-8 or binary: what can be shown, keeping byte offsets
            // up to the first bad byte, where the diagnostic points.
            Err(_) => self
                .files
                .bytes(file)
                .map(|b| {
                    let b: Vec<u8> = b.iter().map(|&c| if c == 0 { b' ' } else { c }).collect();
                    String::from_utf8_lossy(&b).into_owned()
                })
                .or_else(|| {
                    kirje_typst::TEMPLATES
                        .iter()
                        .find(|t| t.path == file)
                        .map(|t| t.text.to_owned())
                }),
        }
    }

    /// The texts of the files `diagnostics` point into, by file.
    pub fn texts_for(&self, diagnostics: &[Diagnostic]) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for d in diagnostics {
            if !out.contains_key(&d.file)
                && let Some(t) = self.text_of(&d.file)
            {
                out.insert(d.file.clone(), t);
            }
        }
        out
    }

    /// Diagnostics in the JSON model (`--format json`, the browser), with
    /// lines and columns resolved against their files.
    pub fn reports(&self, diagnostics: &[Diagnostic], lang: Lang) -> Vec<Report> {
        let texts = self.texts_for(diagnostics);
        diagnostics
            .iter()
            .map(|d| d.to_report(lang, texts.get(&d.file).map(String::as_str)))
            .collect()
    }

    fn memo(&self) -> std::sync::MutexGuard<'_, HashMap<String, Remembered>> {
        self.documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The email (each language from memory when what it reads did not
/// change: its View, the settings, the assets and templates), the web
/// archive and the calendar: the files, the errors, and what was made
/// afresh.
fn mail_and_web(
    loaded: &Loaded,
    files: &Files,
    raster: &Raster,
    (assets, chosen): (u64, &[&View]),
    outputs: Outputs,
    emails: &mut HashMap<Lang, (u64, Vec<Rendered>)>,
) -> (Vec<Rendered>, Vec<Diagnostic>, Vec<String>) {
    let (mut out, mut errors, mut made) = (Vec::new(), Vec::new(), Vec::new());
    let rendered = |made: Vec<kirje_email::Output>| -> Vec<Rendered> {
        made.into_iter()
            .map(|f| Rendered {
                path: f.path,
                bytes: f.bytes.into(),
            })
            .collect()
    };
    let Some(edition) = chosen.first().map(|v| v.edition.id.clone()) else {
        return (out, errors, made);
    };
    if outputs.email {
        let settings = files.bytes(kirje_core::load::SETTINGS_FILE);
        for view in chosen {
            let lang = view.lang;
            let json = match kirje_typst::view_json(view) {
                Ok(j) => j,
                Err(e) => {
                    errors.push(*e);
                    continue;
                }
            };
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (assets, settings, json).hash(&mut h);
            let key = h.finish();
            if let Some((k, files)) = emails.get(&lang)
                && *k == key
            {
                out.extend(files.iter().cloned());
                continue;
            }
            match kirje_email::email_files(loaded, files, raster, &edition, lang) {
                Ok(email) => {
                    let email = rendered(email);
                    out.extend(email.iter().cloned());
                    emails.insert(lang, (key, email));
                    made.push(format!("email.{}", lang.code()));
                }
                Err(e) => errors.extend(e),
            }
        }
    }
    if outputs.web || outputs.ics {
        let options = kirje_email::Options {
            only: kirje_email::Selection {
                email: false,
                web: outputs.web,
                ics: outputs.ics,
            },
            edition: Some(edition),
        };
        match kirje_email::outputs(loaded, files, &options, raster) {
            Ok(files) => out.extend(rendered(files)),
            Err(e) => errors.extend(e),
        }
        if outputs.web {
            made.push("web/".to_owned());
        }
        if outputs.ics {
            made.push("events.ics".to_owned());
        }
    }
    (out, errors, made)
}

/// Both results, the second made on a thread of its own where there are
/// threads.
#[cfg(not(target_arch = "wasm32"))]
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    std::thread::scope(|scope| {
        let second = scope.spawn(b);
        let first = a();
        (
            first,
            second
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    })
}

/// Both results, one after the other (the browser has no threads).
#[cfg(target_arch = "wasm32")]
fn both<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    (a(), b())
}

/// The edition `id` names (the newest when `None`), or the error to show.
fn edition_of<'a>(
    loaded: &'a Loaded,
    id: Option<&str>,
) -> Result<&'a LoadedEdition, Vec<Diagnostic>> {
    loaded.edition(id).ok_or_else(|| {
        let msg = match id {
            Some(id) => Msg::IdUnknown { id: id.to_owned() },
            None => Msg::NoEditions,
        };
        vec![Diagnostic::error(EDITIONS_DIR, None, msg)]
    })
}

/// The session's memory of typeset documents, shared by the threads.
struct Memory<'a> {
    documents: &'a Mutex<HashMap<String, Remembered>>,
    typeset: &'a std::sync::atomic::AtomicUsize,
    made: &'a Mutex<Vec<String>>,
}

/// A hash of what every output reads besides its View: the project's
/// images and templates.
fn assets_hash(files: &Files) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (path, entry) in files.iter() {
        if let FileEntry::Data(bytes) = entry
            && (path.starts_with("assets/") || path.starts_with("templates/"))
        {
            path.hash(&mut h);
            bytes.hash(&mut h);
        }
    }
    h.finish()
}

/// Typesets and exports each job's PDF (or takes it from memory when its
/// inputs did not change), one thread per document up to the cores there
/// are; one after another in the browser. The results come back in the
/// order of `jobs`.
fn typeset_all(
    engine: &Engine,
    files: &Files,
    files_hash: u64,
    jobs: &[Job<'_>],
    memo: &Memory<'_>,
) -> Vec<Typeset> {
    let own_slides = ["templates/slides/slides.typ", "templates/common.typ"]
        .iter()
        .any(|t| files.get(t).is_some());
    let one = |(view, kind, paths): &Job<'_>| -> Typeset {
        let path = paths.first().cloned().unwrap_or_default();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        files_hash.hash(&mut h);
        kind.template().hash(&mut h);
        if *kind == Kind::Slides && !own_slides {
            // kirje's own deck shows the project, not the edition's title,
            // intro, news or videos (a test holds it to that): editing a
            // news item leaves the slides as they are.
            let mut deck = (*view).clone();
            deck.edition.title.clear();
            deck.edition.intro = None;
            deck.edition.news.clear();
            deck.edition.videos.clear();
            kirje_typst::view_json(&deck)
                .map_err(|e| vec![*e])?
                .hash(&mut h);
        } else {
            kirje_typst::view_json(view)
                .map_err(|e| vec![*e])?
                .hash(&mut h);
        }
        let key = h.finish();
        let remembered = memo
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&path)
            .filter(|r| r.0 == key)
            .map(|r| (r.1.clone(), r.2.clone()));
        if let Some(found) = remembered {
            return Ok(found);
        }
        let w = engine.compile(*kind, view, files)?;
        let doc = Document {
            pdf: w.output.pdf()?.into(),
            notes: w.output.pdfpc().map(|n| n.into_bytes().into()),
        };
        memo.typeset
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        memo.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.clone());
        memo.documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path, (key, doc.clone(), w.warnings.clone()));
        Ok((doc, w.warnings))
    };
    run_jobs(jobs, one)
}

/// `one` for every job, on threads where there are threads.
#[cfg(not(target_arch = "wasm32"))]
fn run_jobs<J: Sync, R: Send>(jobs: &[J], one: impl Fn(&J) -> R + Sync) -> Vec<R> {
    // A thread per document up to the cores there are (a web archive of
    // many editions is many documents); each takes the next job left.
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8)
        .min(jobs.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = (0..jobs.len()).map(|_| None).collect();
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let running: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        mine.push((i, one(job)));
                    }
                    mine
                })
            })
            .collect();
        running
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results.into_iter().flatten().collect()
}

/// `one` for every job, one after another (the browser has no threads).
#[cfg(target_arch = "wasm32")]
fn run_jobs<J: Sync, R: Send>(jobs: &[J], one: impl Fn(&J) -> R + Sync) -> Vec<R> {
    jobs.iter().map(one).collect()
}
