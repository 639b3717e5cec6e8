//! The images the outputs show: which ones the View names, where each lives
//! in the web archive (`web/assets/…`), and how the email embeds them when
//! there is no web address to link them from (`cid:` parts).

use std::collections::BTreeSet;

use kirje_core::view::{ImageView, View};

use crate::raster::EmailImages;

use crate::ics::fnv1a;

/// An image carried inside the message as an inline (`cid:`) part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineImage {
    /// The Content-ID without angle brackets (`lumo-logo-svg.1a2b3c4d@kirje.invalid`);
    /// the HTML refers to it as `cid:` + this.
    pub content_id: String,
    /// `image/png`.
    pub content_type: String,
    /// The file's name, for clients that show it.
    pub file_name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Every image path the View names, each once, in a stable order.
pub(crate) fn image_paths(view: &View) -> BTreeSet<String> {
    let p = &view.project;
    let mut images: Vec<&ImageView> = Vec::new();
    images.extend(view.theme.logo.as_ref());
    images.extend(p.administrator.logo.as_ref());
    images.extend(p.co_implementers.iter().filter_map(|o| o.logo.as_ref()));
    images.extend(p.funders.iter().filter_map(|f| f.logo.as_ref()));
    images.extend(p.funders.iter().filter_map(|f| f.emblem.as_ref()));
    images.extend(p.contacts.iter().filter_map(|c| c.photo.as_ref()));
    images.extend(view.edition.news.iter().filter_map(|n| n.image.as_ref()));
    images.extend(
        view.edition
            .videos
            .iter()
            .filter_map(|v| v.thumbnail.as_ref()),
    );
    images
        .into_iter()
        .map(|i| i.path.clone())
        .filter(|p| is_safe_path(p))
        .collect()
}

/// A path that stays inside the folder it is joined to: relative, `/`
/// separated, no `..`, no drive letters. `check` refuses anything else; this
/// keeps the archive's files under `web/` even when it was not run.
pub(crate) fn is_safe_path(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains(['\\', ':', '\0'])
        && p.split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// Where an image of the project lives in the archive: `assets/lumo.svg`
/// stays `assets/lumo.svg`; `kuvat/a.png` becomes `assets/kuvat/a.png`.
pub(crate) fn web_path(path: &str) -> String {
    format!("assets/{}", path.strip_prefix("assets/").unwrap_or(path))
}

/// A Content-ID for an image path: readable, unique per path, and made only
/// of characters a `msg-id` allows.
pub fn content_id(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let clean = clean.trim_matches('-');
    let hash = fnv1a(path.as_bytes()) as u32;
    format!("{clean}.{hash:08x}@kirje.invalid")
}

/// The images an email's HTML refers to by `cid:`: the PNG and JPEG files
/// of `images`, each with the Content-ID of its original's path. Images the
/// HTML does not use are left out, so a project's own template decides what
/// travels in the message.
pub fn inline_images(html: &str, images: &EmailImages) -> Vec<InlineImage> {
    images
        .iter()
        .filter_map(|(path, made)| {
            let cid = content_id(path);
            if !html.contains(&format!("cid:{cid}")) {
                return None;
            }
            Some(InlineImage {
                content_type: made.content_type.to_owned(),
                file_name: made
                    .file
                    .rsplit('/')
                    .next()
                    .unwrap_or(&made.file)
                    .to_owned(),
                content_id: cid,
                bytes: made.bytes.to_vec(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert!(is_safe_path("assets/a.png"));
        assert!(is_safe_path("kuvat/x y.png"));
        for bad in [
            "",
            "/etc/passwd",
            "../x.png",
            "a/../../x",
            "C:/x",
            "a\\b",
            "a//b",
            "./a",
        ] {
            assert!(!is_safe_path(bad), "{bad}");
        }
        assert_eq!(web_path("assets/a.png"), "assets/a.png");
        assert_eq!(web_path("kuvat/a.png"), "assets/kuvat/a.png");
    }

    #[test]
    fn content_ids_are_msg_ids() {
        let id = content_id("assets/lumo-logo.svg");
        assert!(id.starts_with("lumo-logo-svg."), "{id}");
        assert!(id.ends_with("@kirje.invalid"));
        assert_ne!(content_id("a/x.png"), content_id("b/x.png"));
    }
}
