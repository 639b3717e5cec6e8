//! kirje in the browser: a thin wasm-bindgen layer over the library crates.
//!
//! The web page's worker keeps one [`Session`] alive while the user edits:
//! it hands in the fonts ([`Session::add_font`]) and the project's files
//! ([`Session::set_file`]), replaces only the files that changed, and asks
//! for what the open tab shows. Every answer is a JSON string tagged like
//! `{"type": "success", …}` or `{"type": "error", "diagnostics": […]}`;
//! diagnostics use the CLI's JSON model ([`kirje_core::diagnostic::Report`]).
//!
//! Nothing here renders or answers: the answers are
//! [`kirje_session::editor::Editor`]'s, the same ones `kirje serve` gives
//! the same page, over [`kirje_session::Session`], the session under every
//! front end, so the browser and the CLI decide alike what a data file is,
//! which language is the main one and which path stays inside the project.
//! This layer only hands in the fonts the page fetched. The check is made
//! again only after a file changed, so a render after an edit loads the
//! project once; Typst's caches are evicted after each compilation so
//! memory stays bounded across hundreds of edits.
//!
//! For the live preview, [`Session::preview`] compiles a document and tells
//! which pages changed since the last preview of that document (by a hash
//! of each page's content); the page then asks for the SVG of only those
//! pages with [`Session::page_svg`].

use std::sync::Arc;

use kirje_core::Lang;
use kirje_email::Raster;
use kirje_session::editor::Editor;
use kirje_typst::Engine;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A project being edited, with its compiler.
#[wasm_bindgen]
pub struct Session {
    editor: Editor,
    fonts: Vec<Vec<u8>>,
    /// Fonts were added since the engine was made.
    engine_stale: bool,
    /// Fonts were added since the email's image drawer was made.
    raster_stale: bool,
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
            editor: Editor::new(kirje_session::Session::new(
                Engine::with_fonts(Vec::<Vec<u8>>::new()),
                Arc::new(Raster::new(Vec::<Vec<u8>>::new())),
            )),
            fonts: Vec::new(),
            engine_stale: true,
            raster_stale: true,
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
                self.editor.lang = lang;
                true
            }
            None => false,
        }
    }

    /// Adds or replaces one file, by its project-relative `/` path. A file
    /// over the size limit is kept as refused, so `check` names it.
    /// Returns false for a path that would leave the project folder.
    pub fn set_file(&mut self, path: &str, bytes: Vec<u8>) -> bool {
        self.editor.session.set_file(path, bytes)
    }

    /// Removes one file; true when it was there.
    pub fn remove_file(&mut self, path: &str) -> bool {
        self.editor.session.remove_file(path)
    }

    /// Removes every file (fonts stay) and forgets the pages shown.
    pub fn clear(&mut self) {
        self.editor.session.clear();
        self.editor.forget_pages();
    }

    /// Forgets the pages shown, so the next `preview` names every page as
    /// changed (after the page emptied its panes).
    pub fn forget_pages(&mut self) {
        self.editor.forget_pages();
    }

    /// The paths of the files held, as a JSON array.
    pub fn paths(&self) -> String {
        let paths: Vec<&str> = self.editor.session.files().paths().collect();
        serde_json::to_string(&paths).unwrap_or_else(|_| "[]".to_owned())
    }

    /// [`Editor::check`] as JSON text.
    pub fn check(&mut self) -> String {
        self.editor.check().to_string()
    }

    /// [`Editor::render`]: every page as SVG.
    pub fn render(&mut self, kind: &str, edition: Option<String>, lang: Option<String>) -> String {
        self.fresh_engine();
        text(
            self.editor
                .render(kind, edition.as_deref(), lang.as_deref()),
        )
    }

    /// [`Editor::preview`]: which pages changed since the last preview.
    pub fn preview(&mut self, kind: &str, edition: Option<String>, lang: Option<String>) -> String {
        self.fresh_engine();
        text(
            self.editor
                .preview(kind, edition.as_deref(), lang.as_deref()),
        )
    }

    /// [`Editor::page_svg`].
    pub fn page_svg(&self, kind: &str, index: usize) -> String {
        self.editor.page_svg(kind, index)
    }

    /// [`Editor::pdf`]. Throws the `{"type": "error", …}` JSON on failure.
    pub fn pdf(
        &mut self,
        kind: &str,
        edition: Option<String>,
        lang: Option<String>,
    ) -> Result<Vec<u8>, String> {
        self.fresh_engine();
        // A String error becomes a thrown JS string in the browser.
        self.editor
            .pdf(kind, edition.as_deref(), lang.as_deref())
            .map_err(text)
    }

    /// [`Editor::email`].
    pub fn email(&mut self, edition: Option<String>, lang: Option<String>) -> String {
        if std::mem::take(&mut self.raster_stale) {
            self.editor
                .session
                .set_raster(Arc::new(Raster::new(self.fonts.iter().cloned())));
        }
        text(self.editor.email(edition.as_deref(), lang.as_deref()))
    }

    /// [`Editor::email_image`].
    pub fn email_image(&self, file: &str) -> Vec<u8> {
        self.editor.email_image(file)
    }

    /// [`Editor::reading`].
    pub fn reading(
        &self,
        field: &str,
        text_typed: &str,
        end: Option<String>,
        edition: Option<String>,
    ) -> String {
        text(
            self.editor
                .reading(field, text_typed, end.as_deref(), edition.as_deref()),
        )
    }

    /// [`Editor::calendar`].
    pub fn calendar(&mut self, edition: Option<String>, lang: Option<String>) -> String {
        text(self.editor.calendar(edition.as_deref(), lang.as_deref()))
    }
}

impl Session {
    /// A Typst engine with the fonts added since the last one.
    fn fresh_engine(&mut self) {
        if std::mem::take(&mut self.engine_stale) {
            self.editor
                .session
                .set_engine(Engine::with_fonts(self.fonts.clone()));
        }
    }
}

fn text(v: Value) -> String {
    v.to_string()
}
