//! The web archive: one static page per edition and language, a list of
//! every edition, an Atom feed, the calendars and the images. Plain HTML and
//! CSS, no JavaScript; every link between the pages is relative, so `web/`
//! works wherever it is published (and straight from the disk).

use std::collections::{BTreeMap, BTreeSet};

use kirje_core::labels::labels;
use kirje_core::load::Loaded;
use kirje_core::view::{View, view};
use kirje_core::{Diagnostic, Files, Lang};

use crate::context::{
    EditionLink, FeedMeta, Page, Place, Translation, edition_path, event_calendar_path, with_slash,
};
use crate::html::ctx;
use crate::time::{Local, edition_moment};
use crate::{Output, Raster, Templates, assets, calendar, event_calendar};

/// The page of one edition.
const EDITION_TEMPLATE: &str = "web/edition.html";
/// The list of editions.
const INDEX_TEMPLATE: &str = "web/index.html";
/// The Atom feed.
const FEED_TEMPLATE: &str = "web/feed.xml";

/// The archive page of the edition in `view`, meant for
/// `web/<id>/index.html` (main language) or `web/<id>/<lang>/index.html`.
pub fn web_edition(view: &View, templates: &Templates) -> Result<String, Vec<Diagnostic>> {
    let main = view.languages.first();
    let path = edition_path(&view.edition.id, view.lang, main);
    let depth = path.matches('/').count();
    let mut page = Page::new(view, Place::Web { depth }, None);
    page.translations = translations(view, depth);
    page.browser_url = None;
    templates
        .render(EDITION_TEMPLATE, &ctx(view, page))
        .map_err(|d| vec![*d])
}

/// The archive's front page, `web/index.html`: the newest edition's masthead
/// and a list of every edition in `views` (one View per edition, all in the
/// main language), newest first.
pub fn web_index(views: &[View], templates: &Templates) -> Result<String, Vec<Diagnostic>> {
    let sorted = newest_first(views);
    let Some(newest) = sorted.first() else {
        return Ok(String::new());
    };
    let mut page = Page::new(newest, Place::Web { depth: 0 }, None);
    page.editions = sorted.iter().map(|v| edition_link(v, None)).collect();
    page.browser_url = None;
    templates
        .render(INDEX_TEMPLATE, &ctx(newest, page))
        .map_err(|d| vec![*d])
}

/// The Atom feed, `web/feed.xml`: one entry per edition in `views`, newest
/// first, with its link and its opening paragraph as the summary. Links are
/// absolute when `base_url` is set and relative to the feed otherwise.
pub fn feed(views: &[View], templates: &Templates) -> Result<String, Vec<Diagnostic>> {
    let sorted = newest_first(views);
    let Some(newest) = sorted.first() else {
        return Ok(String::new());
    };
    let base = newest.base_url.as_deref().map(with_slash);
    let mut page = Page::new(newest, Place::Web { depth: 0 }, None);
    if let Some(b) = &base {
        page.archive_url = Some(b.clone());
    }
    page.editions = sorted
        .iter()
        .map(|v| edition_link(v, base.as_deref()))
        .collect();
    page.feed = Some(FeedMeta {
        id: base.clone().unwrap_or_else(|| urn(newest, None)),
        updated: updated(newest),
        self_url: base.as_ref().map(|b| format!("{b}feed.xml")),
        author: newest.sender.as_ref().map_or_else(
            || newest.project.administrator.name.clone(),
            |s| s.name.clone(),
        ),
    });
    templates
        .render(FEED_TEMPLATE, &ctx(newest, page))
        .map_err(|d| vec![*d])
}

/// Every file under `web/`.
pub(crate) fn archive(
    loaded: &Loaded,
    files: &Files,
    templates: &Templates,
    main: Lang,
    raster: &Raster,
) -> Vec<Result<Output, Vec<Diagnostic>>> {
    let mut out = Vec::new();
    let mut main_views = Vec::new();
    let mut images = BTreeSet::new();
    let mut email_images = BTreeMap::new();
    for edition in &loaded.editions {
        for &lang in &loaded.settings.languages {
            let v = view(loaded, edition, lang);
            let path = format!(
                "web/{}index.html",
                edition_path(&v.edition.id, lang, Some(&main))
            );
            if !assets::is_safe_path(&path) {
                continue;
            }
            out.push(web_edition(&v, templates).map(|html| Output {
                path,
                bytes: html.into_bytes(),
            }));
            images.extend(assets::image_paths(&v));
            for (_, made) in raster.email_images(&v, files).iter() {
                email_images.insert(made.file.clone(), made.bytes.clone());
            }
            for e in &v.edition.events {
                if let Some(ics) = event_calendar(&v, &e.id) {
                    out.push(Ok(Output {
                        path: format!("web/{}", event_calendar_path(&e.id, lang, Some(&main))),
                        bytes: ics.into_bytes(),
                    }));
                }
            }
            if lang == main {
                main_views.push(v);
            }
        }
    }
    out.push(web_index(&main_views, templates).map(|html| Output {
        path: "web/index.html".to_owned(),
        bytes: html.into_bytes(),
    }));
    out.push(feed(&main_views, templates).map(|xml| Output {
        path: "web/feed.xml".to_owned(),
        bytes: xml.into_bytes(),
    }));
    out.push(Ok(Output {
        path: "web/events.ics".to_owned(),
        bytes: calendar(&main_views).into_bytes(),
    }));
    for path in images {
        if let Some(bytes) = files.bytes(&path) {
            out.push(Ok(Output {
                path: format!("web/{}", assets::web_path(&path)),
                bytes: bytes.to_vec(),
            }));
        }
    }
    for (file, bytes) in email_images {
        out.push(Ok(Output {
            path: format!("web/{file}"),
            bytes: bytes.to_vec(),
        }));
    }
    out
}

/// Links from a page `depth` folders deep to this edition in the other
/// languages.
fn translations(view: &View, depth: usize) -> Vec<Translation> {
    let main = view.languages.first();
    view.languages
        .iter()
        .filter(|l| **l != view.lang)
        .map(|&lang| Translation {
            lang,
            name: labels(lang).language_name.to_owned(),
            url: format!(
                "{}{}",
                "../".repeat(depth),
                edition_path(&view.edition.id, lang, main)
            ),
        })
        .collect()
}

/// One edition in the list: relative to `web/` unless `base` is given.
fn edition_link(v: &View, base: Option<&str>) -> EditionLink {
    let path = edition_path(&v.edition.id, v.lang, v.languages.first());
    let url = format!("{}{path}", base.unwrap_or(""));
    EditionLink {
        id: v.edition.id.clone(),
        entry_id: match base {
            Some(_) => url.clone(),
            None => urn(v, Some(&v.edition.id)),
        },
        updated: updated(v),
        label: v.edition.label.clone(),
        date: v.edition.date.clone(),
        date_iso: v.edition.date_iso.clone(),
        title: v.edition.title.clone(),
        pdf_url: format!("{url}{}", crate::newsletter_pdf_name(v)),
        url,
        summary: v.edition.intro.as_ref().map(|i| i.text.clone()),
        translations: translations(v, 0),
    }
}

/// `urn:kirje:lumo` or `urn:kirje:lumo:2021-05`: a permanent id when the
/// archive has no address.
fn urn(v: &View, edition: Option<&str>) -> String {
    let slug = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    };
    match edition {
        Some(e) => format!("urn:kirje:{}:{}", slug(&v.project.acronym), slug(e)),
        None => format!("urn:kirje:{}", slug(&v.project.acronym)),
    }
}

/// The edition's date at 09:00 in Helsinki, as RFC 3339.
fn updated(v: &View) -> String {
    edition_moment(&v.edition.date_iso)
        .map(Local::rfc3339)
        .unwrap_or_default()
}

fn newest_first(views: &[View]) -> Vec<View> {
    let mut sorted = views.to_vec();
    sorted.sort_by(|a, b| {
        (&b.edition.date_iso, &b.edition.id).cmp(&(&a.edition.date_iso, &a.edition.id))
    });
    sorted
}
