//! The email's plain-text part: its own template, not the HTML stripped, so
//! it reads well aloud — headings on lines of their own, every link written
//! out after what it leads to — and wrapped at 72 columns.

use kirje_core::Diagnostic;
use kirje_core::view::View;

use crate::Templates;
use crate::context::{Page, Place};
use crate::html::ctx;
use crate::wrap::{TEXT_WIDTH, wrap};

/// The plain-text template.
pub const TEXT_TEMPLATE: &str = "text/newsletter.txt";

/// The email as plain text, wrapped at [`TEXT_WIDTH`] columns. The
/// unsubscribe address is the placeholder
/// [`UNSUBSCRIBE_TOKEN`](crate::UNSUBSCRIBE_TOKEN).
pub fn email_text(view: &View, templates: &Templates) -> Result<String, Vec<Diagnostic>> {
    let raw = templates
        .render(
            TEXT_TEMPLATE,
            &ctx(view, Page::new(view, Place::Text, None)),
        )
        .map_err(|d| vec![*d])?;
    Ok(tidy(&wrap(&raw, TEXT_WIDTH)))
}

/// At most two blank lines in a row, none at the start, one line end at the
/// end: a template's loops and conditions need not count newlines.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            for _ in 0..blank.min(2) {
                out.push('\n');
            }
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_blank_lines() {
        assert_eq!(tidy("\n\na\n\n\n\n\nb\n\nc\n\n"), "a\n\n\nb\n\nc\n");
    }
}
