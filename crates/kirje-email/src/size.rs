//! How large the email's HTML part is. Gmail shows only the first ~102 kB
//! of a message's HTML and hides the rest behind "[Message clipped]": the
//! footer with the unsubscribe link and the funder's statement is then
//! gone. `kirje check` warns well before that, and says which sections
//! take the most room, so the writer knows what to shorten.

use kirje_core::labels::labels;
use kirje_core::load::Loaded;
use kirje_core::model::Section;
use kirje_core::view::{View, view};
use kirje_core::{Diagnostic, Files, Msg};

use crate::{Raster, Templates, email_html};

/// `check` warns when the HTML part of any language is larger than this
/// (bytes): a margin of 12 kB under Gmail's 102 kB.
pub const CLIP_WARNING_BYTES: usize = 90_000;

/// One section's share of the HTML part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSize {
    /// Which section.
    pub section: Section,
    /// Its bytes in the HTML part.
    pub bytes: usize,
}

/// The size of the HTML part of `view`'s email and, largest first, how much
/// each of its sections adds (measured by rendering without it). Err: the
/// email cannot be rendered (`build` reports why).
pub fn html_part_sizes(
    view: &View,
    templates: &Templates,
    raster: &Raster,
    files: &Files,
) -> Result<(usize, Vec<SectionSize>), Vec<Diagnostic>> {
    let images = raster.email_images(view, files);
    let whole = email_html(view, templates, &images)?.len();
    let mut sections = Vec::new();
    for (i, section) in view.sections.iter().enumerate() {
        let mut without = view.clone();
        without.sections.remove(i);
        let rest = email_html(&without, templates, &images)?.len();
        sections.push(SectionSize {
            section: *section,
            bytes: whole.saturating_sub(rest),
        });
    }
    sections.sort_by_key(|s| std::cmp::Reverse(s.bytes));
    Ok((whole, sections))
}

/// A warning for each language whose email HTML (of `edition`, the newest
/// when `None`) is over [`CLIP_WARNING_BYTES`], pointing at the edition's
/// file, with the three largest sections.
pub fn size_warnings(
    loaded: &Loaded,
    files: &Files,
    raster: &Raster,
    edition: Option<&str>,
) -> Vec<Diagnostic> {
    let Some(ed) = loaded.edition(edition) else {
        return Vec::new();
    };
    let Ok(templates) = Templates::with_overrides(files) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &lang in &loaded.settings.languages {
        let v = view(loaded, ed, lang);
        let images = raster.email_images(&v, files);
        let Ok(html) = email_html(&v, &templates, &images) else {
            continue;
        };
        if html.len() <= CLIP_WARNING_BYTES {
            continue;
        }
        let Ok((bytes, sections)) = html_part_sizes(&v, &templates, raster, files) else {
            continue;
        };
        let l = labels(lang);
        let largest = sections
            .iter()
            .take(3)
            .map(|s| {
                let name = match s.section {
                    Section::News => l.news,
                    Section::Events => l.events,
                    Section::Videos => l.videos,
                    Section::Project => l.project,
                    Section::Funding => l.funding,
                    Section::Contacts => l.contacts,
                };
                (name.to_owned(), kilobytes(s.bytes))
            })
            .collect();
        out.push(Diagnostic::warning(
            ed.file.clone(),
            None,
            Msg::EmailClipped {
                lang,
                kilobytes: kilobytes(bytes),
                limit: kilobytes(CLIP_WARNING_BYTES),
                largest,
            },
        ));
    }
    out
}

/// Bytes as whole kilobytes (1 kB = 1000 bytes, as Gmail counts), rounded up.
fn kilobytes(bytes: usize) -> u64 {
    bytes.div_ceil(1000) as u64
}
