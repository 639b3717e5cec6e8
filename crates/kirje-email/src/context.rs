//! What templates get besides the View: addresses that depend on where the
//! page is read (email, or a web page at some depth), where each image is
//! found, the theme's colours worked out for text, and the preheader.
//! Nothing here has a language: every word still comes from the View.

use std::collections::BTreeMap;

use kirje_core::Lang;
use kirje_core::view::{View, contrast};
use serde::Serialize;

use crate::UNSUBSCRIBE_TOKEN;
use crate::assets;
use crate::raster::EmailImages;

/// Near black for text on white: 17.4:1.
const TEXT: [u8; 3] = [0x1a, 0x1a, 0x1a];
/// Grey for dates and small print on white: 8.6:1 (on the tint, more than 7).
const MUTED: [u8; 3] = [0x4a, 0x4a, 0x4a];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
/// The lighter of the email's dark-mode backgrounds, the project panel's
/// (`#1f2a2e`, in templates/email/head.mjml; the page is `#16191c`).
const DARK: [u8; 3] = [0x1f, 0x2a, 0x2e];

/// The extra values every template sees as `page`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Page {
    /// `email`, `text` or `web`.
    pub kind: &'static str,
    /// The hidden first line an inbox shows after the subject.
    pub preheader: String,
    /// This edition on the web ("view in browser"), when known.
    pub browser_url: Option<String>,
    /// The web archive's list of editions.
    pub archive_url: Option<String>,
    /// The newsletter PDF of this edition in this language, as the archive
    /// publishes it (in the email only when `base_url` is set).
    pub pdf_url: Option<String>,
    /// The Atom feed.
    pub feed_url: Option<String>,
    /// The calendar of every event.
    pub calendar_url: Option<String>,
    /// One calendar file per event id, for "add to calendar".
    pub event_calendars: BTreeMap<String, String>,
    /// `<img>` facts for each image path in the View: `src`, and in the
    /// email the `width` and `height` it is shown at.
    pub images: BTreeMap<String, PageImage>,
    /// Colours worked out from the theme.
    pub colors: Colors,
    /// Where `send` puts each recipient's own unsubscribe address.
    pub unsubscribe_url: &'static str,
    /// This edition in the project's other languages.
    pub translations: Vec<Translation>,
    /// The archive's editions, newest first (on the archive's index and in
    /// the feed).
    pub editions: Vec<EditionLink>,
    /// The feed's own facts (only in the feed).
    pub feed: Option<FeedMeta>,
}

/// An image as a page refers to it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageImage {
    /// `https://…/assets/email/lumo-logo.1a2b3c4d.png`, `cid:…` or
    /// `../assets/lumo-logo.svg`.
    pub src: String,
    /// Shown this wide, in CSS pixels (in the email).
    pub width: Option<u32>,
    /// Shown this high, in CSS pixels (in the email).
    pub height: Option<u32>,
}

/// What an Atom feed says about itself.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedMeta {
    /// A permanent IRI: the archive's address, or a `urn:` of the project.
    pub id: String,
    /// The newest edition's date at 09:00 Helsinki time (RFC 3339).
    pub updated: String,
    /// The feed's own address, when known.
    pub self_url: Option<String>,
    /// Who publishes it.
    pub author: String,
}

/// A link to one language version.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Translation {
    /// `sv`.
    pub lang: Lang,
    /// The language's own name for a link ("På svenska").
    pub name: String,
    /// Where it is.
    pub url: String,
}

/// One edition in the archive's list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EditionLink {
    /// `2021-05`.
    pub id: String,
    /// A permanent IRI for the feed entry.
    pub entry_id: String,
    /// The date at 09:00 Helsinki time (RFC 3339).
    pub updated: String,
    /// "Hankekirje 2/2021".
    pub label: String,
    /// "3.5.2021".
    pub date: String,
    /// `2021-05-03`.
    pub date_iso: String,
    /// Title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its newsletter PDF in this language.
    pub pdf_url: String,
    /// The opening paragraph as plain text.
    pub summary: Option<String>,
    /// Its other language versions.
    pub translations: Vec<Translation>,
}

/// The theme's colours, and the ones derived from them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Colors {
    pub primary: String,
    pub accent: String,
    pub on_primary: String,
    pub on_accent: String,
    /// Links and headings: the primary colour, darkened until it reads on
    /// white and on the tint (4.5:1).
    pub link: String,
    /// Links and headings in dark mode: the primary colour lightened until
    /// it reads on the dark backgrounds (4.5:1), so the brand stays.
    pub link_dark: String,
    pub text: String,
    pub muted: String,
    /// A pale tint of the primary colour for panels.
    pub tint: String,
    /// Lines and borders.
    pub border: String,
    /// Bar colours for the funding chart, in order.
    pub bars: Vec<String>,
    /// Text on each bar colour.
    pub on_bars: Vec<String>,
}

impl Colors {
    pub fn from_view(view: &View) -> Colors {
        let primary = parse_hex(&view.theme.primary).unwrap_or([0x00, 0x4f, 0x71]);
        let accent = parse_hex(&view.theme.accent).unwrap_or([0xb4, 0x3c, 0x00]);
        let tint = mix(primary, WHITE, 0.92);
        let mut link = primary;
        while contrast(link, WHITE).min(contrast(link, tint)) < 4.5 {
            link = mix(link, [0, 0, 0], 0.1);
        }
        let mut link_dark = primary;
        while contrast(link_dark, DARK) < 4.5 {
            link_dark = mix(link_dark, WHITE, 0.1);
        }
        let bars = [
            primary,
            accent,
            [0x5b, 0x63, 0x6b],
            mix(primary, WHITE, 0.45),
        ];
        Colors {
            primary: hex(primary),
            accent: hex(accent),
            on_primary: view.theme.on_primary.clone(),
            on_accent: view.theme.on_accent.clone(),
            link: hex(link),
            link_dark: hex(link_dark),
            text: hex(TEXT),
            muted: hex(MUTED),
            tint: hex(tint),
            border: hex(mix(primary, WHITE, 0.75)),
            bars: bars.iter().map(|c| hex(*c)).collect(),
            on_bars: bars
                .iter()
                .map(|c| {
                    if contrast(*c, WHITE) >= contrast(*c, TEXT) {
                        hex(WHITE)
                    } else {
                        hex(TEXT)
                    }
                })
                .collect(),
        }
    }
}

fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 || !s.is_ascii() {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).ok();
    Some([p(0)?, p(2)?, p(4)?])
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// `a` moved towards `b` by `t` (0.0–1.0).
fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// Where the page being made is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// An email: absolute links to the archive when `base_url` is set; images
    /// from there too, or embedded as `cid:` parts when it is not.
    Email,
    /// The plain-text part.
    Text,
    /// A page `depth` folders below the archive's root (`web/`).
    Web { depth: usize },
}

impl Page {
    /// The `page` values for `view` read at `place`; an email shows
    /// `email_images` (none when not given).
    pub fn new(view: &View, place: Place, email_images: Option<&EmailImages>) -> Page {
        let base = view.base_url.as_deref().map(with_slash);
        let to = |path: &str| -> Option<String> {
            match place {
                Place::Email | Place::Text => base.as_ref().map(|b| format!("{b}{path}")),
                Place::Web { depth } => Some(format!("{}{path}", "../".repeat(depth))),
            }
        };
        let edition_path = edition_path(&view.edition.id, view.lang, view.languages.first());
        let images = match (place, email_images) {
            (Place::Email | Place::Text, Some(made)) => made
                .iter()
                .map(|(p, img)| {
                    let src = match &base {
                        Some(b) => format!("{b}{}", img.file),
                        None => format!("cid:{}", assets::content_id(p)),
                    };
                    let image = PageImage {
                        src,
                        width: Some(img.width),
                        height: Some(img.height),
                    };
                    (p.to_owned(), image)
                })
                .collect(),
            (Place::Email | Place::Text, None) => BTreeMap::new(),
            (Place::Web { .. }, _) => assets::image_paths(view)
                .into_iter()
                .map(|p| {
                    let src = to(&assets::web_path(&p)).unwrap_or_default();
                    let image = PageImage {
                        src,
                        width: None,
                        height: None,
                    };
                    (p, image)
                })
                .collect(),
        };
        Page {
            kind: match place {
                Place::Email => "email",
                Place::Text => "text",
                Place::Web { .. } => "web",
            },
            preheader: preheader(view),
            browser_url: to(&edition_path),
            pdf_url: to(&format!("{edition_path}{}", newsletter_pdf_name(view))),
            archive_url: to("").map(|u| if u.is_empty() { "./".to_owned() } else { u }),
            feed_url: to("feed.xml"),
            calendar_url: to("events.ics"),
            event_calendars: view
                .edition
                .events
                .iter()
                .filter_map(|e| {
                    Some((
                        e.id.clone(),
                        to(&event_calendar_path(
                            &e.id,
                            view.lang,
                            view.languages.first(),
                        ))?,
                    ))
                })
                .collect(),
            images,
            colors: Colors::from_view(view),
            unsubscribe_url: UNSUBSCRIBE_TOKEN,
            translations: Vec::new(),
            editions: Vec::new(),
            feed: None,
        }
    }
}

/// The file name a reader gets for the newsletter PDF: `LUMO-2021-05.pdf`
/// (the project's acronym and the edition; `kirje-2021-05.pdf` when the
/// acronym has no letters).
pub fn newsletter_pdf_name(view: &View) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect()
    };
    let acronym = clean(&view.project.acronym);
    let acronym = if acronym.is_empty() {
        "kirje".to_owned()
    } else {
        acronym
    };
    format!("{acronym}-{}.pdf", clean(&view.edition.id))
}

/// Where [`outputs`](crate::outputs) expects the newsletter PDF of `view`'s
/// edition and language in the archive: `web/2021-05/LUMO-2021-05.pdf`, or
/// `web/2021-05/sv/LUMO-2021-05.pdf`. The caller typesets it and writes it
/// there, since this crate does not typeset.
pub fn newsletter_pdf_path(view: &View) -> String {
    format!(
        "web/{}{}",
        edition_path(&view.edition.id, view.lang, view.languages.first()),
        newsletter_pdf_name(view)
    )
}

/// `https://a.fi/x` → `https://a.fi/x/`.
pub(crate) fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

/// An edition's folder in the archive: `2021-05/`, or `2021-05/sv/` for a
/// language other than the main one.
pub(crate) fn edition_path(id: &str, lang: Lang, main: Option<&Lang>) -> String {
    if main == Some(&lang) || main.is_none() {
        format!("{id}/")
    } else {
        format!("{id}/{lang}/")
    }
}

/// One event's calendar file in the archive: `events/2021-05-e1.ics`, or
/// `events/2021-05-e1.sv.ics` for a language other than the main one.
pub(crate) fn event_calendar_path(event_id: &str, lang: Lang, main: Option<&Lang>) -> String {
    if main == Some(&lang) || main.is_none() {
        format!("events/{event_id}.ics")
    } else {
        format!("events/{event_id}.{lang}.ics")
    }
}

/// The intro's first sentences up to about 140 characters, or the news
/// titles when there is no intro.
fn preheader(view: &View) -> String {
    const MAX: usize = 140;
    let source = match &view.edition.intro {
        Some(i) => i.text.split_whitespace().collect::<Vec<_>>().join(" "),
        None => view
            .edition
            .news
            .iter()
            .map(|n| n.title.as_str())
            .collect::<Vec<_>>()
            .join(" · "),
    };
    if source.chars().count() <= MAX {
        return source;
    }
    let mut out = String::new();
    for word in source.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', ';', ':', '–', '-']).to_owned() + " …"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_hex("#00566b"), Some([0, 0x56, 0x6b]));
        assert_eq!(parse_hex("00566b"), None);
        assert_eq!(hex(mix([0, 0, 0], WHITE, 0.5)), "#808080");
    }
}
