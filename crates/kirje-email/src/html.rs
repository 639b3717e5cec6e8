//! The email's HTML: minijinja fills `email/newsletter.mjml` with the View,
//! mrml turns the MJML into table-based HTML and inlines the CSS.

use std::ops::Range;

use kirje_core::view::View;
use kirje_core::{Diagnostic, Msg};
use minijinja::Value;
use mrml::prelude::parser::ParserOptions;
use mrml::prelude::render::RenderOptions;

use crate::Templates;
use crate::context::{Page, Place};
use crate::raster::EmailImages;

/// The root template of the email.
pub const EMAIL_TEMPLATE: &str = "email/newsletter.mjml";

/// The values a template sees: the View's fields at the top level, and `page`.
#[derive(serde::Serialize)]
pub(crate) struct Ctx<'a> {
    #[serde(flatten)]
    pub view: &'a View,
    pub page: Page,
}

pub(crate) fn ctx(view: &View, page: Page) -> Value {
    Value::from(minijinja::value::Serde(Ctx { view, page }))
}

/// The MJML source of the email, before mrml (for debugging a template).
pub fn email_mjml(
    view: &View,
    templates: &Templates,
    images: &EmailImages,
) -> Result<String, Vec<Diagnostic>> {
    templates
        .render(
            EMAIL_TEMPLATE,
            &ctx(view, Page::new(view, Place::Email, Some(images))),
        )
        .map_err(|d| vec![*d])
}

/// The email as HTML, 600 px wide and one column on phones, with its CSS
/// inlined. It shows `images` (from [`Raster::email_images`](crate::Raster::email_images)):
/// linked from `view.base_url` (where the archive publishes them, under
/// `assets/email/`) when it is set, and referred to as `cid:` parts
/// otherwise (see [`inline_images`](crate::inline_images)).
/// The unsubscribe link is the placeholder [`UNSUBSCRIBE_TOKEN`](crate::UNSUBSCRIBE_TOKEN).
pub fn email_html(
    view: &View,
    templates: &Templates,
    images: &EmailImages,
) -> Result<String, Vec<Diagnostic>> {
    let mjml = email_mjml(view, templates, images)?;
    mjml_to_html(&mjml, templates).map_err(|d| vec![*d])
}

/// Renders MJML with mrml: no include loader (nothing is read from disk), no
/// web fonts (mrml would otherwise link Google Fonts for some families), no
/// comments.
fn mjml_to_html(mjml: &str, templates: &Templates) -> Result<String, Box<Diagnostic>> {
    let parsed = mrml::parse_with_options(mjml, &ParserOptions::default())
        .map_err(|e| Box::new(mrml_diagnostic(&e, mjml, templates)))?;
    let options = RenderOptions {
        disable_comments: true,
        social_icon_origin: None,
        fonts: Default::default(),
    };
    parsed.element.render(&options).map_err(|e| {
        Box::new(Diagnostic::error(
            crate::templates::TEMPLATES_DIR.to_owned() + EMAIL_TEMPLATE,
            None,
            Msg::Syntax {
                format: "MJML",
                detail: e.to_string(),
            },
        ))
    })
}

/// An mrml error, pointed at the template line that produced the offending
/// MJML when that line can be found in exactly one template.
fn mrml_diagnostic(
    e: &mrml::prelude::parser::Error,
    mjml: &str,
    templates: &Templates,
) -> Diagnostic {
    use mrml::prelude::parser::Error as E;
    let offset = match e {
        E::UnexpectedElement { position, .. }
        | E::UnexpectedToken { position, .. }
        | E::MissingAttribute { position, .. }
        | E::InvalidAttribute { position, .. }
        | E::InvalidFormat { position, .. }
        | E::IncludeLoaderError { position, .. } => Some(position.start),
        E::ParserError { source, .. } => {
            let pos = source.pos();
            offset_of_row_col(mjml, pos.row as usize, pos.col as usize)
        }
        _ => None,
    };
    let line = offset.and_then(|o| line_at(mjml, o));
    let mut found: Vec<(String, Range<usize>)> = Vec::new();
    if let Some(line) = line.filter(|l| l.len() >= 4) {
        for (_, file, text) in templates.iter() {
            if let Some(at) = text.find(line) {
                found.push((file.to_owned(), at..at + line.len()));
            }
        }
    }
    let generated = line
        .map(|l| format!(" (MJML: `{}`)", truncate(l, 80)))
        .unwrap_or_default();
    let (file, span) = match found.len() {
        1 => {
            let (f, s) = found.remove(0);
            (f, Some(s))
        }
        _ => (
            crate::templates::TEMPLATES_DIR.to_owned() + EMAIL_TEMPLATE,
            None,
        ),
    };
    Diagnostic::error(
        file,
        span,
        Msg::Syntax {
            format: "MJML",
            detail: format!("{e}{generated}"),
        },
    )
}

/// The trimmed line of `text` around byte `offset`.
fn line_at(text: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Some(text.get(start..end)?.trim())
}

/// Byte offset of a 1-based row and column (in characters).
fn offset_of_row_col(text: &str, row: usize, col: usize) -> Option<usize> {
    let mut start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == row {
            let within = line
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(line.len(), |(b, _)| b);
            return Some(start + within);
        }
        start += line.len();
    }
    None
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        s.chars().take(max).collect::<String>() + "…"
    }
}
