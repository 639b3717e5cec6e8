//! kirje's outputs for the inbox and the web: the newsletter as an HTML
//! email with its plain-text part and a sample `.eml`, a static web archive
//! of every edition with an Atom feed, and the event calendar as iCalendar.
//!
//! Everything starts from the [`View`]: every date, sum and label in it is
//! final, and the templates only place those strings.
//!
//! - [`email_html`]: minijinja fills `templates/email/newsletter.mjml` (escaping
//!   on, undefined variables refused), mrml turns the MJML into 600 px
//!   table-based HTML with the CSS inlined.
//! - [`email_text`]: `templates/text/newsletter.txt`, wrapped at 72 columns by
//!   [`wrap`] (URLs whole, no-break spaces kept).
//! - [`message`]: a `lettre::Message` (multipart/alternative, plus
//!   multipart/related for [`inline_images`] when there is no `base_url`),
//!   with a Message-ID and Date derived from the edition.
//! - [`calendar`] and [`event_calendar`]: RFC 5545 by hand.
//! - [`web_edition`], [`web_index`] and [`feed`]: the archive.
//! - [`outputs`]: all of the above for a project, as files to write.
//!
//! A project overrides any template by placing a file of the same name under
//! its `templates/` folder ([`Templates::with_overrides`]); problems in a
//! template become [`Diagnostic`]s pointing at that file and line.
//!
//! The crate reads no files, opens no connections and never looks at the
//! clock (it compiles for `wasm32-unknown-unknown`): the caller hands over
//! the project's [`Files`] and writes the [`Output`]s.

mod assets;
mod context;
mod eml;
mod html;
mod ics;
mod raster;
mod size;
mod templates;
mod text;
mod time;
mod visibility;
mod web;
mod wrap;

use kirje_core::load::{EDITIONS_DIR, Loaded};
use kirje_core::view::{View, view};
use kirje_core::{Diagnostic, Files, Lang, Msg};

pub use assets::{InlineImage, content_id, inline_images};
pub use context::{newsletter_pdf_name, newsletter_pdf_path};
pub use eml::{Attached, message, message_id, message_with};
pub use html::{EMAIL_TEMPLATE, email_html, email_mjml};
pub use ics::{calendar, event_calendar};
pub use lettre::Message;
pub use lettre::message::Mailbox;
pub use raster::{EmailImage, EmailImages, Raster};
pub use size::{CLIP_WARNING_BYTES, SectionSize, html_part_sizes, size_warnings};
pub use templates::{BUILTIN, TEMPLATES_DIR, Templates};
pub use text::{TEXT_TEMPLATE, email_text};
pub use time::date_header;
pub use visibility::visibility_warnings;
pub use web::{feed, web_edition, web_index};
pub use wrap::{TEXT_WIDTH, wrap};

/// The placeholder the email's unsubscribe link points to, in the HTML
/// (`href="%%UNSUBSCRIBE_URL%%"`) and in the plain text. `kirje send`
/// replaces it per recipient — HTML-escaped in the HTML part. It survives
/// minijinja's escaping, mrml and the CSS inliner unchanged. The standalone
/// `email.html`, `email.txt` and `email.eml` that `build` writes carry
/// [`standalone`]'s link instead.
pub const UNSUBSCRIBE_TOKEN: &str = "%%UNSUBSCRIBE_URL%%";

/// The unsubscribe link of an email with no recipient (the `email.html` a
/// user may paste into another mail tool): a message to
/// `[send] unsubscribe_mailto`, else to the sender, with the subject
/// "unsubscribe" (the reader's own address is the message's sender). `None`
/// when the project has no sender.
pub fn standalone_unsubscribe(loaded: &Loaded) -> Option<String> {
    let to = loaded
        .settings
        .send
        .as_ref()
        .and_then(|s| s.unsubscribe_mailto.clone())
        .or_else(|| loaded.settings.sender.as_ref().map(|s| s.email.clone()))?;
    Some(format!("mailto:{to}?subject=unsubscribe"))
}

/// A rendered email (HTML or text) without anyone's personal values: the
/// unsubscribe placeholder becomes `unsubscribe` (or is taken out with its
/// line's link when there is none) and every merge field is given its
/// fallback or taken out ([`kirje_core::merge::blank`]). What is left has no
/// `%%` placeholder, so it works pasted into any mail tool.
pub fn standalone(
    rendered: &str,
    unsubscribe: Option<&str>,
    escape: kirje_core::merge::Escape,
) -> String {
    let link = match (unsubscribe, escape) {
        (Some(u), kirje_core::merge::Escape::Html) => {
            let mut s = String::new();
            kirje_core::markdown::push_html_escaped(&mut s, u);
            s
        }
        (Some(u), kirje_core::merge::Escape::Text) => u.to_owned(),
        (None, _) => String::new(),
    };
    kirje_core::merge::blank(&rendered.replace(UNSUBSCRIBE_TOKEN, &link))
}

/// One file to write under `dist/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative, `/`-separated: `email.html`, `web/2021-05/index.html`.
    pub path: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// Which outputs to make (`kirje build --only email,web,ics`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// `email.html`, `email.txt`, `email.eml` and `email.<lang>.html|txt`.
    pub email: bool,
    /// `web/`: the archive, its feed, calendars and images.
    pub web: bool,
    /// `events.ics`.
    pub ics: bool,
}

impl Selection {
    /// Everything.
    pub const ALL: Selection = Selection {
        email: true,
        web: true,
        ics: true,
    };
    /// Nothing.
    pub const NONE: Selection = Selection {
        email: false,
        web: false,
        ics: false,
    };
}

impl Default for Selection {
    fn default() -> Selection {
        Selection::ALL
    }
}

/// How [`outputs`] works.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Which outputs.
    pub only: Selection,
    /// The edition the email and `events.ics` are about (its id, `2021-05`);
    /// the newest when `None`. The web archive always holds every edition.
    pub edition: Option<String>,
}

/// Everything the email side makes for a project:
///
/// - email (for the chosen edition): `email.html`, `email.txt` and
///   `email.eml` in the main language; `email.<lang>.html` and
///   `email.<lang>.txt` for each other language. Needs `sender` in
///   `kirje.toml`.
/// - ics: `events.ics`, the chosen edition's events in the main language
///   (the calendar that goes with this email).
/// - web: `web/index.html` (every edition, newest first),
///   `web/assets/email/…` (every edition's email images as PNG or JPEG, so
///   that messages sent earlier keep theirs),
///   `web/<id>/index.html` and `web/<id>/<lang>/index.html` for the other
///   languages, `web/feed.xml` (Atom), `web/events.ics` (the events of every
///   edition), `web/events/<event-id>.ics` and `…/<event-id>.<lang>.ics` (one
///   event each, for "add to calendar" links) and `web/assets/…` (the images
///   the pages show). `web/` is what gets published at `base_url`, together
///   with each edition's newsletter PDF, which the caller typesets and
///   writes at [`newsletter_pdf_path`].
///
/// Assumes the project passed `check`; every problem found here is
/// returned, not just the first.
pub fn outputs(
    loaded: &Loaded,
    files: &Files,
    options: &Options,
    raster: &Raster,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let templates = Templates::with_overrides(files)?;
    let main = loaded.main_lang();
    let Some(chosen) = loaded.edition(options.edition.as_deref()) else {
        let msg = match &options.edition {
            Some(id) => Msg::IdUnknown { id: id.clone() },
            None => Msg::NoEditions,
        };
        return Err(vec![Diagnostic::error(EDITIONS_DIR, None, msg)]);
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut keep = |r: Result<Output, Vec<Diagnostic>>| match r {
        Ok(o) => out.push(o),
        Err(d) => errors.extend(d),
    };

    if options.only.email {
        for &lang in &loaded.settings.languages {
            match language_email(loaded, files, raster, &templates, &chosen.id, lang) {
                Ok(made) => made.into_iter().for_each(|o| keep(Ok(o))),
                Err(e) => keep(Err(e)),
            }
        }
    }

    if options.only.ics {
        let v = view(loaded, chosen, main);
        keep(Ok(Output {
            path: "events.ics".to_owned(),
            bytes: calendar(std::slice::from_ref(&v)).into_bytes(),
        }));
    }

    if options.only.web {
        for o in web::archive(loaded, files, &templates, main, raster) {
            keep(o);
        }
    }

    // A template can fail in every language and page for the same reason.
    let mut unique: Vec<Diagnostic> = Vec::new();
    for d in errors {
        if !unique.contains(&d) {
            unique.push(d);
        }
    }
    let errors = unique;
    if errors.is_empty() {
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The email of edition `edition` in one language: `email[.<lang>].html`
/// and `.txt`, and in the project's main language also `email.eml`. What
/// [`outputs`] makes for the email, one language at a time, so a caller
/// can make again only the language that changed.
pub fn email_files(
    loaded: &Loaded,
    files: &Files,
    raster: &Raster,
    edition: &str,
    lang: Lang,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let templates = Templates::with_overrides(files)?;
    language_email(loaded, files, raster, &templates, edition, lang)
}

fn language_email(
    loaded: &Loaded,
    files: &Files,
    raster: &Raster,
    templates: &Templates,
    edition: &str,
    lang: Lang,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    use kirje_core::merge::Escape;
    let Some(chosen) = loaded.edition(Some(edition)) else {
        return Err(vec![Diagnostic::error(
            EDITIONS_DIR,
            None,
            Msg::IdUnknown {
                id: edition.to_owned(),
            },
        )]);
    };
    let main = loaded.main_lang();
    let unsubscribe = standalone_unsubscribe(loaded);
    let v = view(loaded, chosen, lang);
    let suffix = if lang == main {
        String::new()
    } else {
        format!(".{lang}")
    };
    let images = raster.email_images(&v, files);
    let html = email_html(&v, templates, &images)
        .map(|h| standalone(&h, unsubscribe.as_deref(), Escape::Html));
    let text =
        email_text(&v, templates).map(|t| standalone(&t, unsubscribe.as_deref(), Escape::Text));
    let (html, text) = match (html, text) {
        (Ok(h), Ok(t)) => (h, t),
        (h, t) => {
            let mut errors = h.err().unwrap_or_default();
            errors.extend(t.err().unwrap_or_default());
            return Err(errors);
        }
    };
    let mut out = Vec::new();
    if lang == main {
        let inline = inline_images(&html, &images);
        out.push(message(&v, &html, &text, &inline, None).map(|m| Output {
            path: "email.eml".to_owned(),
            bytes: m.formatted(),
        })?);
    }
    out.push(Output {
        path: format!("email{suffix}.html"),
        bytes: html.into_bytes(),
    });
    out.push(Output {
        path: format!("email{suffix}.txt"),
        bytes: text.into_bytes(),
    });
    Ok(out)
}

/// The domain of the sender's address (for UIDs and Message-IDs), or
/// `kirje.invalid` when there is no sender.
pub(crate) fn sender_domain(view: &View) -> String {
    view.sender
        .as_ref()
        .and_then(|s| s.email.rsplit_once('@'))
        .map(|(_, d)| {
            d.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "kirje.invalid".to_owned())
}
