//! kirje in the browser: a thin wasm-bindgen layer over the library crates.
//!
//! The web page's worker keeps one [`Session`] alive while the user edits:
//! it hands in the fonts ([`Session::add_font`]) and the project's files
//! ([`Session::set_file`]), replaces only the files that changed, and asks
//! for what the open tab shows. Every answer is a JSON string tagged like
//! `{"type": "success", …}` or `{"type": "error", "diagnostics": […]}`;
//! diagnostics use the CLI's JSON model ([`kirje_core::diagnostic::Report`]).
//!
//! Nothing here renders: loading and checking are [`kirje_core`], the pages
//! and PDFs are [`kirje_typst`], the email, text and calendar are
//! [`kirje_email`]. This crate does not use `kirje_session` yet (whose
//! `Session` the CLI's front ends share): measured with it, the wasm came
//! out 7–8 kB (gzip) larger and over the 7 MiB ceiling of the web check;
//! the browser's session stays here until the bundle has room. The session only remembers the last check, so a render
//! after an edit loads the project once, and it evicts Typst's caches after
//! each compilation so memory stays bounded across hundreds of edits.
//!
//! For the live preview, [`Session::preview`] compiles a document and tells
//! which pages changed since the last preview of that document (by a hash
//! of each page's content); the page then asks for the SVG of only those
//! pages with [`Session::page_svg`].

use std::collections::BTreeMap;

use kirje_core::diagnostic::Report;
use kirje_core::load::{Loaded, decode_text};
use kirje_core::source::{MAX_ASSET_FILE, MAX_DATA_FILE, Refusal};
use kirje_core::{Diagnostic, Files, Lang};
use kirje_typst::{Engine, Kind};
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// How many compilations an unused Typst cache entry survives.
const CACHE_AGE: usize = 10;

/// A project being edited, with its compiler.
#[wasm_bindgen]
pub struct Session {
    files: Files,
    fonts: Vec<Vec<u8>>,
    engine: Option<Engine>,
    /// Draws the email's images (made with the session's fonts on first use).
    raster: Option<std::sync::Arc<kirje_email::Raster>>,
    /// The last email's images by file name, for `email_image`.
    email_images: BTreeMap<String, std::sync::Arc<[u8]>>,
    lang: Lang,
    checked: Option<Checked>,
    /// What the last load read, so an edit reads only the changed file.
    load_cache: kirje_core::load::LoadCache,
    /// The last good compilation of each document kind, for `page_svg`.
    previews: BTreeMap<&'static str, Preview>,
}

/// A compiled document the page is showing, with each page's hash.
struct Preview {
    compiled: kirje_typst::Compiled,
    hashes: Vec<u128>,
}

/// The result of loading and checking the current files.
struct Checked {
    loaded: Option<Loaded>,
    diagnostics: Vec<Diagnostic>,
}

impl Checked {
    fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The project's facts the page shows beside the diagnostics.
#[derive(Serialize)]
struct Summary {
    name: String,
    acronym: String,
    languages: Vec<&'static str>,
    editions: Vec<String>,
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

#[wasm_bindgen]
impl Session {
    /// An empty session with no fonts and no files; messages in Finnish.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session {
            files: Files::new(),
            fonts: Vec::new(),
            engine: None,
            raster: None,
            email_images: BTreeMap::new(),
            lang: Lang::Fi,
            checked: None,
            load_cache: kirje_core::load::LoadCache::default(),
            previews: BTreeMap::new(),
        }
    }

    /// Adds a font file (OpenType or TrueType). Call before the first render.
    pub fn add_font(&mut self, bytes: Vec<u8>) {
        self.fonts.push(bytes);
        self.engine = None;
        self.raster = None;
    }

    /// The language of messages: `fi`, `sv` or `en`. False when unknown.
    pub fn set_lang(&mut self, code: &str) -> bool {
        match Lang::from_code(code) {
            Some(lang) => {
                self.lang = lang;
                true
            }
            None => false,
        }
    }

    /// Adds or replaces one file, by its project-relative `/` path. A file
    /// over the size limit is kept as refused, so `check` names it.
    /// Returns false for a path that would leave the project folder.
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

    /// Removes every file (fonts stay) and forgets the pages shown.
    pub fn clear(&mut self) {
        self.files = Files::new();
        self.checked = None;
        self.previews.clear();
    }

    /// Forgets the pages shown, so the next `preview` names every page as
    /// changed (after the page emptied its panes).
    pub fn forget_pages(&mut self) {
        self.previews.clear();
    }

    /// The paths of the files held, as a JSON array.
    pub fn paths(&self) -> String {
        let paths: Vec<&str> = self.files.paths().collect();
        serde_json::to_string(&paths).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Loads and checks the project: `{"type", "ok", "errors", "warnings",
    /// "diagnostics", "project"}`; `type` is `error` when any diagnostic is
    /// an error. `project` (name, languages, editions) is present whenever
    /// the files could be loaded.
    pub fn check(&mut self) -> String {
        let lang = self.lang;
        let checked = self.checked();
        let summary = checked.loaded.as_ref().map(|l| {
            let main = l.settings.languages.first().copied().unwrap_or(Lang::Fi);
            Summary {
                name: l.project.name.get(main).to_owned(),
                acronym: l
                    .project
                    .acronym
                    .clone()
                    .unwrap_or_else(|| l.project.name.get(main).to_owned()),
                languages: l.settings.languages.iter().map(|l| l.code()).collect(),
                editions: l.editions.iter().map(|e| e.id.clone()).collect(),
            }
        });
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let diagnostics = checked.diagnostics.clone();
        let reports = self.reports(&diagnostics, lang);
        json!({
            "type": if errors == 0 { "success" } else { "error" },
            "ok": errors == 0,
            "errors": errors,
            "warnings": diagnostics.len() - errors,
            "diagnostics": reports,
            "project": summary,
        })
        .to_string()
    }

    /// The newsletter (`kind` = `newsletter`) or the slides (`slides`) as
    /// one SVG per page: `{"type": "success", "pages": […], "texts": […],
    /// "warnings": […]}`. `edition` is an id (newest when absent), `lang` a
    /// language code (the project's main language when absent).
    pub fn render(&mut self, kind: &str, edition: Option<String>, lang: Option<String>) -> String {
        match self.compile(kind, edition.as_deref(), lang.as_deref()) {
            Ok((compiled, warnings)) => json!({
                "type": "success",
                "pages": compiled.svg_pages(),
                "texts": compiled.page_texts(),
                "warnings": warnings,
            })
            .to_string(),
            Err(reports) => error_json(reports),
        }
    }

    /// Compiles the newsletter or the slides for the live preview:
    /// `{"type": "success", "count", "changed": [page indices], "texts":
    /// […], "warnings": […]}`. `changed` lists the pages whose content
    /// differs from the last successful preview of the same document (all
    /// pages the first time); fetch their SVG with [`Session::page_svg`].
    /// On an error the last good preview stays.
    pub fn preview(&mut self, kind: &str, edition: Option<String>, lang: Option<String>) -> String {
        let (compiled, warnings) = match self.compile(kind, edition.as_deref(), lang.as_deref()) {
            Ok(ok) => ok,
            Err(reports) => return error_json(reports),
        };
        let key = if kind == "slides" {
            "slides"
        } else {
            "newsletter"
        };
        let hashes = compiled.page_hashes();
        let old = self
            .previews
            .get(key)
            .map(|p| p.hashes.as_slice())
            .unwrap_or(&[]);
        let changed: Vec<usize> = hashes
            .iter()
            .enumerate()
            .filter(|(i, h)| old.get(*i) != Some(*h))
            .map(|(i, _)| i)
            .collect();
        let out = json!({
            "type": "success",
            "count": hashes.len(),
            "changed": changed,
            "texts": compiled.page_texts(),
            "warnings": warnings,
        })
        .to_string();
        self.previews.insert(key, Preview { compiled, hashes });
        out
    }

    /// The SVG of one page (0-based) of the last preview of `kind`; empty
    /// when there is no such page.
    pub fn page_svg(&self, kind: &str, index: usize) -> String {
        self.previews
            .get(kind)
            .and_then(|p| p.compiled.preview_svg_page(index))
            .unwrap_or_default()
    }

    /// The document as PDF bytes (PDF/UA-1 with PDF/A-2a, as `kirje build`
    /// writes it). Throws the `{"type": "error", …}` JSON on failure.
    pub fn pdf(
        &mut self,
        kind: &str,
        edition: Option<String>,
        lang: Option<String>,
    ) -> Result<Vec<u8>, String> {
        // A String error becomes a thrown JS string in the browser.
        let (compiled, _) = self
            .compile(kind, edition.as_deref(), lang.as_deref())
            .map_err(error_json)?;
        compiled
            .pdf()
            .map_err(|d| error_json(self.reports(&d, self.lang)))
    }

    /// The email for one edition and language: `{"type": "success",
    /// "html", "text", "images": [{"cid", "file", "type"}]}`. `images` are
    /// the PNG and JPEG files the email shows, each by the `cid:` and the
    /// archive file (`assets/email/…`) the HTML may name; their bytes come
    /// from [`Session::email_image`].
    pub fn email(&mut self, edition: Option<String>, lang: Option<String>) -> String {
        let msg_lang = self.lang;
        let raster = self
            .raster
            .get_or_insert_with(|| {
                std::sync::Arc::new(kirje_email::Raster::new(self.fonts.clone()))
            })
            .clone();
        let result = self.with_view(edition.as_deref(), lang.as_deref(), |files, view| {
            let templates = kirje_email::Templates::with_overrides(files)?;
            let made = raster.email_images(view, files);
            let html = kirje_email::email_html(view, &templates, &made)?;
            let text = kirje_email::email_text(view, &templates)?;
            Ok((html, text, made))
        });
        match result {
            Ok((html, text, made)) => {
                let images: Vec<_> = made
                    .iter()
                    .map(|(path, i)| {
                        json!({"cid": kirje_email::content_id(path), "file": i.file, "type": i.content_type})
                    })
                    .collect();
                self.email_images = made
                    .iter()
                    .map(|(_, i)| (i.file.clone(), i.bytes.clone()))
                    .collect();
                json!({"type": "success", "html": html, "text": text, "images": images}).to_string()
            }
            Err(d) => error_json(self.reports(&d, msg_lang)),
        }
    }

    /// The bytes of an image of the last [`Session::email`] by its `file`
    /// (empty when there is none).
    pub fn email_image(&self, file: &str) -> Vec<u8> {
        self.email_images
            .get(file)
            .map(|b| b.to_vec())
            .unwrap_or_default()
    }

    /// The edition's events as iCalendar (`events.ics`):
    /// `{"type": "success", "ics"}`.
    pub fn calendar(&mut self, edition: Option<String>, lang: Option<String>) -> String {
        let msg_lang = self.lang;
        let result = self.with_view(edition.as_deref(), lang.as_deref(), |_, view| {
            Ok(json!({
                "type": "success",
                "ics": kirje_email::calendar(std::slice::from_ref(view)),
            }))
        });
        match result {
            Ok(v) => v.to_string(),
            Err(d) => error_json(self.reports(&d, msg_lang)),
        }
    }
}

impl Session {
    /// The last check, made again only after a file changed.
    fn checked(&mut self) -> &Checked {
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

    /// Diagnostics in the CLI's JSON model, with lines and columns resolved
    /// against the project's file or kirje's built-in template.
    fn reports(&self, diagnostics: &[Diagnostic], lang: Lang) -> Vec<Report> {
        let mut texts: BTreeMap<&str, Option<String>> = BTreeMap::new();
        diagnostics
            .iter()
            .map(|d| {
                let text = texts.entry(d.file.as_str()).or_insert_with(|| {
                    decode_text(&d.file, self.files.get(&d.file))
                        .ok()
                        .or_else(|| {
                            kirje_typst::TEMPLATES
                                .iter()
                                .find(|t| t.path == d.file)
                                .map(|t| t.text.to_owned())
                        })
                });
                d.to_report(lang, text.as_deref())
            })
            .collect()
    }

    /// Runs `f` with the View of one edition in one language, or returns
    /// the check's errors.
    fn with_view<T>(
        &mut self,
        edition: Option<&str>,
        lang: Option<&str>,
        f: impl FnOnce(&Files, &kirje_core::view::View) -> Result<T, Vec<Diagnostic>>,
    ) -> Result<T, Vec<Diagnostic>> {
        self.checked();
        let Some(checked) = self.checked.as_ref() else {
            return Err(vec![]);
        };
        if checked.has_errors() {
            return Err(checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect());
        }
        let Some(loaded) = checked.loaded.as_ref() else {
            return Err(checked.diagnostics.clone());
        };
        let Some(ed) = loaded.edition(edition) else {
            let msg = match edition {
                Some(id) => kirje_core::Msg::IdUnknown { id: id.to_owned() },
                None => kirje_core::Msg::NoEditions,
            };
            return Err(vec![Diagnostic::error(
                kirje_core::load::EDITIONS_DIR,
                None,
                msg,
            )]);
        };
        let main = loaded
            .settings
            .languages
            .first()
            .copied()
            .unwrap_or(Lang::Fi);
        let lang = lang.and_then(Lang::from_code).unwrap_or(main);
        let view = kirje_core::view::view(loaded, ed, lang);
        f(&self.files, &view)
    }

    /// Compiles one document; on failure, the diagnostics as reports.
    fn compile(
        &mut self,
        kind: &str,
        edition: Option<&str>,
        lang: Option<&str>,
    ) -> Result<(kirje_typst::Compiled, Vec<Report>), Vec<Report>> {
        let msg_lang = self.lang;
        let kind = match kind {
            "newsletter" => Kind::Newsletter,
            "slides" => Kind::Slides,
            other => {
                return Err(vec![Report {
                    severity: kirje_core::Severity::Error,
                    code: "unknown-output",
                    file: String::new(),
                    line: None,
                    column: None,
                    end_line: None,
                    end_column: None,
                    message: format!("unknown document `{other}` (newsletter, slides)"),
                    hints: vec![],
                }]);
            }
        };
        if self.engine.is_none() {
            self.engine = Some(Engine::with_fonts(self.fonts.clone()));
        }
        let engine = self.engine.take();
        let result = match &engine {
            Some(engine) => self.with_view(edition, lang, |files, view| {
                engine.compile(kind, view, files)
            }),
            None => Err(vec![]),
        };
        self.engine = engine;
        kirje_typst::evict_caches(CACHE_AGE);
        match result {
            Ok(w) => {
                let warnings = self.reports(&w.warnings, msg_lang);
                Ok((w.output, warnings))
            }
            Err(d) => Err(self.reports(&d, msg_lang)),
        }
    }
}

fn error_json(diagnostics: Vec<Report>) -> String {
    json!({"type": "error", "diagnostics": diagnostics}).to_string()
}

/// A project-relative path with `/` separators and no way out of the
/// folder; `None` for anything else.
fn clean_path(path: &str) -> Option<String> {
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

/// Whether a path is a data file (the stricter size limit), as the CLI
/// decides when reading a folder.
fn is_data_file(path: &str) -> bool {
    let data_ext = [".yaml", ".yml", ".toml", ".json"];
    let data = data_ext.iter().any(|e| path.ends_with(e));
    data && (!path.contains('/') || path.starts_with("editions/"))
}
