//! Whether the email and the web page of an ESR+ project show the EU emblem
//! and its statement at their top, as the EU's visibility rule wants
//! (`kirje_core::funders::eu_visibility` judges; this reads the HTML).
//!
//! Our own code, not an HTML parser: it reads only the markup before the
//! edition's title, which kirje's templates write (or a project's own
//! template built on them), to find image `alt` texts and the text between
//! tags. A parser would add a dependency for a dozen lines.

use kirje_core::funders::{Shown, eu_visibility};
use kirje_core::load::Loaded;
use kirje_core::view::view;
use kirje_core::{Diagnostic, EuOutput, Files};

use crate::html::email_html;
use crate::raster::Raster;
use crate::templates::Templates;
use crate::web::web_edition;

/// Warnings for each language whose email or web page of `edition` (the
/// newest when `None`) lacks the EU emblem or statement at its top.
pub fn visibility_warnings(
    loaded: &Loaded,
    files: &Files,
    raster: &Raster,
    edition: Option<&str>,
) -> Vec<Diagnostic> {
    let eu = loaded
        .project
        .funders
        .iter()
        .any(|f| f.preset.is_some_and(|p| p.eu_emblem()));
    let (true, Some(ed), Ok(templates)) = (
        eu,
        loaded.edition(edition),
        Templates::with_overrides(files),
    ) else {
        return Vec::new();
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    for &lang in &loaded.settings.languages {
        let v = view(loaded, ed, lang);
        let images = raster.email_images(&v, files);
        let pages = [
            (EuOutput::Email, email_html(&v, &templates, &images).ok()),
            (EuOutput::WebPage, web_edition(&v, &templates).ok()),
        ];
        for (output, html) in pages {
            let Some(html) = html else { continue };
            if let Some(d) = eu_visibility(&v, files, output, &top_shown(&html))
                && !out.contains(&d)
            {
                out.push(d);
            }
        }
    }
    out
}

/// What the top of a page shows: the body up to its first `<h1`.
fn top_shown(html: &str) -> Shown {
    let body = html.find("<body").map_or(html, |i| &html[i..]);
    let top = body.find("<h1").map_or(body, |i| &body[..i]);
    let mut shown = Shown::default();
    let mut rest = top;
    while let Some(open) = rest.find('<') {
        shown.text.push_str(&decode(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        if tag.starts_with("img")
            && let Some(alt) = attribute(tag, "alt")
        {
            shown.image_alts.push(decode(alt));
        }
        shown.text.push(' ');
        rest = &rest[open + close + 1..];
    }
    shown.text.push_str(&decode(rest));
    shown
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The few entities kirje's templates write.
fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_is_read_up_to_the_title() {
        let html = "<head><style>p{}</style></head><body><img src=\"a.png\" alt=\"EU &amp; me\" />\
            <td>Euroopan unionin<br>osarahoittama</td><h1>Title</h1><img alt=\"later\">";
        let shown = top_shown(html);
        assert_eq!(shown.image_alts, vec!["EU & me".to_owned()]);
        assert!(kirje_core::funders::says(
            &shown.text,
            "Euroopan unionin osarahoittama"
        ));
        assert!(!shown.text.contains("Title"));
    }
}
