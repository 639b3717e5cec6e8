//! What the editor page asks of a session, answered as JSON: the same
//! answers from the browser's worker (kirje-wasm) and from `kirje serve`
//! (which renders natively), so the page cannot tell them apart.
//!
//! Every answer is tagged like `{"type": "success", …}` or `{"type":
//! "error", "diagnostics": […]}`; diagnostics use the CLI's JSON model
//! ([`Report`]). For the live preview, [`Editor::preview`] compiles a
//! document and says which pages changed since the last preview of that
//! document (by a hash of each page's content), and [`Editor::page_svg`]
//! gives one page.

use std::collections::BTreeMap;
use std::sync::Arc;

use kirje_core::diagnostic::Report;
use kirje_core::{Diagnostic, Lang, Msg};
use kirje_typst::Kind;
use serde::Serialize;
use serde_json::{Value, json};

use crate::{EmailPreview, Session};

/// A session with what the editor page was last shown.
pub struct Editor {
    /// The build session (files, check, outputs).
    pub session: Session,
    /// The language of messages.
    pub lang: Lang,
    /// The last good compilation of each document kind, for `page_svg`.
    previews: BTreeMap<&'static str, Preview>,
    /// The last email's images by file name, for `email_image`.
    email_images: BTreeMap<String, Arc<[u8]>>,
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

impl Editor {
    /// An editor over `session`, with messages in Finnish.
    pub fn new(session: Session) -> Editor {
        Editor {
            session,
            lang: Lang::Fi,
            previews: BTreeMap::new(),
            email_images: BTreeMap::new(),
        }
    }

    /// Forgets the pages shown, so the next `preview` names every page as
    /// changed (after the page emptied its panes, or opened a project).
    pub fn forget_pages(&mut self) {
        self.previews.clear();
    }

    /// Loads and checks the project: `{"type", "ok", "errors", "warnings",
    /// "diagnostics", "project"}`; `type` is `error` when any diagnostic is
    /// an error. `project` (name, languages, editions) is present whenever
    /// the files could be loaded.
    pub fn check(&mut self) -> Value {
        let lang = self.lang;
        let checked = self.session.check();
        let summary = checked.loaded.as_ref().map(|l| {
            let main = crate::main_lang(l);
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
        let reports = self.session.reports(&diagnostics, lang);
        json!({
            "type": if errors == 0 { "success" } else { "error" },
            "ok": errors == 0,
            "errors": errors,
            "warnings": diagnostics.len() - errors,
            "diagnostics": reports,
            "project": summary,
        })
    }

    /// The newsletter (`kind` = `newsletter`) or the slides (`slides`) as
    /// one SVG per page: `{"type": "success", "pages": […], "texts": […],
    /// "warnings": […]}`. `edition` is an id (newest when absent), `lang` a
    /// language code (the project's main language when absent).
    pub fn render(&mut self, kind: &str, edition: Option<&str>, lang: Option<&str>) -> Value {
        match self.compile(kind, edition, lang) {
            Ok((compiled, warnings)) => json!({
                "type": "success",
                "pages": compiled.svg_pages(),
                "texts": compiled.page_texts(),
                "warnings": warnings,
            }),
            Err(reports) => error_json(reports),
        }
    }

    /// Compiles the newsletter or the slides for the live preview:
    /// `{"type": "success", "count", "changed": [page indices], "texts":
    /// […], "warnings": […]}`. `changed` lists the pages whose content
    /// differs from the last successful preview of the same document (all
    /// pages the first time); their SVG comes from [`Editor::page_svg`].
    /// On an error the last good preview stays.
    pub fn preview(&mut self, kind: &str, edition: Option<&str>, lang: Option<&str>) -> Value {
        let (compiled, warnings) = match self.compile(kind, edition, lang) {
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
        });
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
    /// writes it); the `{"type": "error", …}` JSON on failure.
    pub fn pdf(
        &mut self,
        kind: &str,
        edition: Option<&str>,
        lang: Option<&str>,
    ) -> Result<Vec<u8>, Value> {
        let (compiled, _) = self.compile(kind, edition, lang).map_err(error_json)?;
        compiled
            .pdf()
            .map_err(|d| error_json(self.session.reports(&d, self.lang)))
    }

    /// The email for one edition and language: `{"type": "success",
    /// "html", "text", "images": [{"cid", "file", "type"}]}`. `images` are
    /// the PNG and JPEG files the email shows, each by the `cid:` and the
    /// archive file (`assets/email/…`) the HTML may name; their bytes come
    /// from [`Editor::email_image`].
    pub fn email(&mut self, edition: Option<&str>, lang: Option<&str>) -> Value {
        let msg_lang = self.lang;
        match self
            .session
            .email_preview(edition, lang.and_then(Lang::from_code))
        {
            Ok(EmailPreview {
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
                json!({"type": "success", "html": html, "text": text, "images": images})
            }
            Err(d) => error_json(self.session.reports(&d, msg_lang)),
        }
    }

    /// The bytes of an image of the last [`Editor::email`] by its `file`
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
    /// ISO 8601), or `{"type": "error", "message"}` saying what is wrong.
    /// `field` is `start` (with `end`, when one is written apart),
    /// `news-date` or `date`; `edition` the edition's date as written.
    pub fn reading(
        &self,
        field: &str,
        text: &str,
        end: Option<&str>,
        edition: Option<&str>,
    ) -> Value {
        let Some(field) = kirje_core::reading::Field::from_name(field) else {
            return json!({"type": "error", "message": ""});
        };
        match kirje_core::reading::reading(field, text, end, edition, self.lang) {
            Ok(r) => json!({"type": "success", "text": r.text, "start": r.start, "end": r.end}),
            Err(message) => json!({"type": "error", "message": message}),
        }
    }

    /// The edition's events as iCalendar (`events.ics`):
    /// `{"type": "success", "ics"}`.
    pub fn calendar(&mut self, edition: Option<&str>, lang: Option<&str>) -> Value {
        let msg_lang = self.lang;
        match self.session.view(edition, lang.and_then(Lang::from_code)) {
            Ok(view) => json!({
                "type": "success",
                "ics": kirje_email::calendar(std::slice::from_ref(&view)),
            }),
            Err(d) => error_json(self.session.reports(&d, msg_lang)),
        }
    }

    /// Everything one update of the page needs, in one answer: the check,
    /// and for each of `what` (`newsletter`, `slides`, `email`,
    /// `calendar`) its output; a preview's changed pages come with their
    /// SVG (`pages: {count, changed: {index: svg}}`). Nothing is rendered
    /// when the check has errors.
    pub fn update(&mut self, what: &[String], edition: Option<&str>, lang: Option<&str>) -> Value {
        let check = self.check();
        let mut out = json!({ "check": check });
        if check["ok"] != true {
            return out;
        }
        for w in what {
            let answer = match w.as_str() {
                "newsletter" | "slides" => {
                    let r = self.preview(w, edition, lang);
                    if r["type"] == "success" {
                        let changed: serde_json::Map<String, Value> = r["changed"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_u64)
                            .map(|i| {
                                let svg = usize::try_from(i)
                                    .map(|i| self.page_svg(w, i))
                                    .unwrap_or_default();
                                (i.to_string(), Value::String(svg))
                            })
                            .collect();
                        json!({
                            "type": "success",
                            "pages": {"count": r["count"], "changed": changed},
                            "texts": r["texts"],
                            "warnings": r["warnings"],
                        })
                    } else {
                        r
                    }
                }
                "email" => self.email(edition, lang),
                "calendar" => self.calendar(edition, lang),
                _ => continue,
            };
            out[w.as_str()] = answer;
        }
        out
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
                return Err(self.session.reports(&[unknown], msg_lang));
            }
        };
        match self
            .session
            .compile(kind, edition, lang.and_then(Lang::from_code))
        {
            Ok(w) => {
                let warnings = self.session.reports(&w.warnings, msg_lang);
                Ok((w.output, warnings))
            }
            Err(d) => Err(self.session.reports(&d, msg_lang)),
        }
    }
}

fn error_json(diagnostics: Vec<Report>) -> Value {
    json!({"type": "error", "diagnostics": diagnostics})
}
