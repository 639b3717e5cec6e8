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
//! [`kirje_email`], and the files, the check and the View are held by
//! [`kirje_session::Session`], the session under every front end, so the
//! browser and the CLI decide alike what a data file is, which language is
//! the main one and which path stays inside the project. The check is made
//! again only after a file changed, so a render after an edit loads the
//! project once; Typst's caches are evicted after each compilation so
//! memory stays bounded across hundreds of edits.
//!
//! For the live preview, [`Session::preview`] compiles a document and tells
//! which pages changed since the last preview of that document (by a hash
//! of each page's content); the page then asks for the SVG of only those
//! pages with [`Session::page_svg`].

use std::collections::BTreeMap;
use std::sync::Arc;

use kirje_core::diagnostic::Report;
use kirje_core::{Diagnostic, Lang, Msg};
use kirje_email::Raster;
use kirje_typst::{Engine, Kind};
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// A project being edited, with its compiler.
#[wasm_bindgen]
pub struct Session {
    inner: kirje_session::Session,
    fonts: Vec<Vec<u8>>,
    /// Fonts were added since the engine was made.
    engine_stale: bool,
    /// Fonts were added since the email's image drawer was made.
    raster_stale: bool,
    /// The last email's images by file name, for `email_image`.
    email_images: BTreeMap<String, Arc<[u8]>>,
    lang: Lang,
    /// The last good compilation of each document kind, for `page_svg`.
    previews: BTreeMap<&'static str, Preview>,
}

/// A compiled document the page is showing, with each page's hash.
struct Preview {
    compiled: kirje_typst::Compiled,
    hashes: Vec<u128>,
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
            inner: kirje_session::Session::new(
                Engine::with_fonts(Vec::<Vec<u8>>::new()),
                Arc::new(Raster::new(Vec::<Vec<u8>>::new())),
            ),
            fonts: Vec::new(),
            engine_stale: true,
            raster_stale: true,
            email_images: BTreeMap::new(),
            lang: Lang::Fi,
            previews: BTreeMap::new(),
        }
    }

    /// Adds a font file (OpenType or TrueType). Call before the first render.
    pub fn add_font(&mut self, bytes: Vec<u8>) {
        self.fonts.push(bytes);
        self.engine_stale = true;
        self.raster_stale = true;
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
        self.inner.set_file(path, bytes)
    }

    /// Removes one file; true when it was there.
    pub fn remove_file(&mut self, path: &str) -> bool {
        self.inner.remove_file(path)
    }

    /// Removes every file (fonts stay) and forgets the pages shown.
    pub fn clear(&mut self) {
        self.inner.clear();
        self.previews.clear();
    }

    /// Forgets the pages shown, so the next `preview` names every page as
    /// changed (after the page emptied its panes).
    pub fn forget_pages(&mut self) {
        self.previews.clear();
    }

    /// The paths of the files held, as a JSON array.
    pub fn paths(&self) -> String {
        let paths: Vec<&str> = self.inner.files().paths().collect();
        serde_json::to_string(&paths).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Loads and checks the project: `{"type", "ok", "errors", "warnings",
    /// "diagnostics", "project"}`; `type` is `error` when any diagnostic is
    /// an error. `project` (name, languages, editions) is present whenever
    /// the files could be loaded.
    pub fn check(&mut self) -> String {
        let lang = self.lang;
        let checked = self.inner.check();
        let summary = checked.loaded.as_ref().map(|l| {
            let main = kirje_session::main_lang(l);
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
        let reports = self.inner.reports(&diagnostics, lang);
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
            .map_err(|d| error_json(self.inner.reports(&d, self.lang)))
    }

    /// The email for one edition and language: `{"type": "success",
    /// "html", "text", "images": [{"cid", "file", "type"}]}`. `images` are
    /// the PNG and JPEG files the email shows, each by the `cid:` and the
    /// archive file (`assets/email/…`) the HTML may name; their bytes come
    /// from [`Session::email_image`].
    pub fn email(&mut self, edition: Option<String>, lang: Option<String>) -> String {
        let msg_lang = self.lang;
        if std::mem::take(&mut self.raster_stale) {
            self.inner
                .set_raster(Arc::new(Raster::new(self.fonts.iter().cloned())));
        }
        let result = self.inner.email_preview(
            edition.as_deref(),
            lang.as_deref().and_then(Lang::from_code),
        );
        match result {
            Ok(kirje_session::EmailPreview {
                html,
                text,
                images: made,
            }) => {
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
            Err(d) => error_json(self.inner.reports(&d, msg_lang)),
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

    /// What a date or time typed into the editor reads as in the outputs,
    /// in the messages' language: `{"type": "success", "text": "ti 5.5.2026
    /// klo 13.30–15.00", "start", "end"}` (the last two with their year, in
    /// ISO 8601), or `{"type": "error", "message"}` saying what is
    /// wrong. `field` is `start` (with `end`, when one is written apart),
    /// `news-date` or `date`; `edition` the edition's date as written.
    pub fn reading(
        &self,
        field: &str,
        text: &str,
        end: Option<String>,
        edition: Option<String>,
    ) -> String {
        let Some(field) = kirje_core::reading::Field::from_name(field) else {
            return json!({"type": "error", "message": ""}).to_string();
        };
        match kirje_core::reading::reading(
            field,
            text,
            end.as_deref(),
            edition.as_deref(),
            self.lang,
        ) {
            Ok(r) => json!({"type": "success", "text": r.text, "start": r.start, "end": r.end}),
            Err(message) => json!({"type": "error", "message": message}),
        }
        .to_string()
    }

    /// The edition's events as iCalendar (`events.ics`):
    /// `{"type": "success", "ics"}`.
    pub fn calendar(&mut self, edition: Option<String>, lang: Option<String>) -> String {
        let msg_lang = self.lang;
        match self.inner.view(
            edition.as_deref(),
            lang.as_deref().and_then(Lang::from_code),
        ) {
            Ok(view) => json!({
                "type": "success",
                "ics": kirje_email::calendar(std::slice::from_ref(&view)),
            })
            .to_string(),
            Err(d) => error_json(self.inner.reports(&d, msg_lang)),
        }
    }
}

impl Session {
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
                let unknown = Diagnostic::error(
                    "",
                    None,
                    Msg::IdUnknown {
                        id: other.to_owned(),
                    },
                )
                .with_hint(Msg::Allowed {
                    words: vec!["newsletter".to_owned(), "slides".to_owned()],
                });
                return Err(self.inner.reports(&[unknown], msg_lang));
            }
        };
        if std::mem::take(&mut self.engine_stale) {
            self.inner
                .set_engine(Engine::with_fonts(self.fonts.clone()));
        }
        match self
            .inner
            .compile(kind, edition, lang.and_then(Lang::from_code))
        {
            Ok(w) => {
                let warnings = self.inner.reports(&w.warnings, msg_lang);
                Ok((w.output, warnings))
            }
            Err(d) => Err(self.inner.reports(&d, msg_lang)),
        }
    }
}

fn error_json(diagnostics: Vec<Report>) -> String {
    json!({"type": "error", "diagnostics": diagnostics}).to_string()
}
