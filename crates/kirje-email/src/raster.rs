//! The images as the email shows them. Gmail's web client and Outlook for
//! Windows show no SVG in `<img>`, and a 4000-pixel photo makes a message
//! slow on a phone, so every image the email uses becomes a PNG or JPEG at
//! twice the size it is shown at (sharp on high-density screens): SVGs are
//! drawn with resvg (with the fonts the caller hands in, so a logo's text is
//! set in the same face as in the PDF), large photos are scaled down and
//! recompressed with `image`, and small PNG, JPEG and GIF files travel as
//! they are. The PDFs and the web archive keep the originals.
//!
//! Each image also gets the size it is shown at, in CSS pixels, which the
//! templates write as `width` and `height`: mail programs that load images
//! late (or never) keep the layout, and Outlook for Windows needs them.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::sync::{Arc, Mutex, PoisonError};

use image::{DynamicImage, ImageDecoder, ImageReader};
use kirje_core::Files;
use kirje_core::view::{ImageView, View};
use resvg::{tiny_skia, usvg};

use crate::assets::{is_safe_path, web_path};
use crate::ics::fnv1a;

/// How big an image may be shown: width and height in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Slot {
    width: u32,
    height: u32,
}

/// The logo above the masthead band.
const LOGO: Slot = Slot {
    width: 200,
    height: 64,
};
/// An organisation's or funder's logo in the footer.
const PARTNER: Slot = Slot {
    width: 160,
    height: 64,
};
/// The EU emblem beside the logo, as tall as the logo may be (the rule
/// wants it no smaller than the other logos).
const EMBLEM: Slot = Slot {
    width: 96,
    height: 64,
};
/// A news picture, the whole width of the 600 px message less its margins.
const NEWS: Slot = Slot {
    width: 552,
    height: 414,
};
/// A video still beside its title (45 % of the row, less margins).
const STILL: Slot = Slot {
    width: 222,
    height: 222,
};
/// A contact's photo.
const PHOTO: Slot = Slot {
    width: 96,
    height: 96,
};

/// Raster images are drawn at this many device pixels per CSS pixel.
const DENSITY: u32 = 2;
/// JPEG quality of a scaled-down photo (a common choice for the web: no
/// visible loss at 2×, about a tenth of the bytes of a camera's JPEG).
const JPEG_QUALITY: u8 = 82;

/// A picture already small enough in pixels is still recompressed above
/// this many bytes (a camera's JPEG at full quality).
const KEEP_BYTES: usize = 200_000;

/// One image as the email shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailImage {
    /// Where it lives in the web archive, relative to `web/`:
    /// `assets/email/lumo-logo.1a2b3c4d.png`. The hash of its bytes is in
    /// the name, so a changed picture is never served from an old cache.
    pub file: String,
    /// `image/png` or `image/jpeg` (or `image/gif`).
    pub content_type: &'static str,
    /// The bytes.
    pub bytes: Arc<[u8]>,
    /// Shown this wide, in CSS pixels.
    pub width: u32,
    /// Shown this high, in CSS pixels.
    pub height: u32,
}

/// The email's images by the project path of their original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailImages(pub BTreeMap<String, EmailImage>);

impl EmailImages {
    /// The image made from the project file `path`.
    pub fn get(&self, path: &str) -> Option<&EmailImage> {
        self.0.get(path)
    }

    /// Every image, by original path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &EmailImage)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// A made image: what [`Raster`] remembers between builds.
#[derive(Debug)]
struct Made {
    bytes: Arc<[u8]>,
    extension: &'static str,
    content_type: &'static str,
    width: u32,
    height: u32,
}

/// What was made from which bytes for which slot (`None`: not an image).
type Memo = HashMap<(u64, Slot), Option<Arc<Made>>>;

/// Draws and scales the email's images, remembering what it made: in
/// `watch`, `serve` and the browser an edit that leaves an image alone does
/// not draw it again.
pub struct Raster {
    fonts: Arc<usvg::fontdb::Database>,
    made: Mutex<Memo>,
}

impl std::fmt::Debug for Raster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Raster")
            .field("fonts", &self.fonts.len())
            .finish_non_exhaustive()
    }
}

impl Default for Raster {
    /// Without fonts: the text in an SVG is left out.
    fn default() -> Raster {
        Raster::new(std::iter::empty::<Vec<u8>>())
    }
}

impl Raster {
    /// A raster with these fonts (OpenType files) for text in SVGs; the
    /// first family is also the fallback for `sans-serif` and unknown names.
    pub fn new<B: Into<Vec<u8>>>(fonts: impl IntoIterator<Item = B>) -> Raster {
        let mut db = usvg::fontdb::Database::new();
        for font in fonts {
            db.load_font_data(font.into());
        }
        let first = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone());
        if let Some(family) = first {
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family);
        }
        Raster {
            fonts: Arc::new(db),
            made: Mutex::new(HashMap::new()),
        }
    }

    /// Every image the View names, as the email shows it. An image that
    /// cannot be read is left out (`check` has already named it); the
    /// templates then show the text instead.
    pub fn email_images(&self, view: &View, files: &Files) -> EmailImages {
        let mut out = BTreeMap::new();
        for (path, slot) in slots(view) {
            let Some(bytes) = files.bytes(&path) else {
                continue;
            };
            let Some(made) = self.made(bytes, slot) else {
                continue;
            };
            let stem = web_path(&path);
            let stem = stem
                .strip_prefix("assets/")
                .unwrap_or(&stem)
                .rsplit_once('.')
                .map_or(stem.as_str(), |(s, _)| s)
                .to_owned();
            let hash = fnv1a(&made.bytes) as u32;
            out.insert(
                path,
                EmailImage {
                    file: format!("assets/email/{stem}.{hash:08x}.{}", made.extension),
                    content_type: made.content_type,
                    bytes: made.bytes.clone(),
                    width: made.width,
                    height: made.height,
                },
            );
        }
        EmailImages(out)
    }

    fn made(&self, bytes: &[u8], slot: Slot) -> Option<Arc<Made>> {
        let key = (fnv1a(bytes), slot);
        let lock = || self.made.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = lock().get(&key) {
            return found.clone();
        }
        let made = self.make(bytes, slot).map(Arc::new);
        let mut memo = lock();
        // Images a project no longer uses are not kept forever.
        if memo.len() > 256 {
            memo.clear();
        }
        memo.insert(key, made.clone());
        made
    }

    fn make(&self, bytes: &[u8], slot: Slot) -> Option<Made> {
        if kirje_core::check::image_kind(bytes) == Some("svg") {
            self.svg(bytes, slot)
        } else {
            bitmap(bytes, slot)
        }
    }

    /// An SVG drawn at twice the size it fits its slot at.
    fn svg(&self, bytes: &[u8], slot: Slot) -> Option<Made> {
        let options = usvg::Options {
            fontdb: self.fonts.clone(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_data(bytes, &options).ok()?;
        let size = tree.size();
        let (width, height) = fit(size.width(), size.height(), slot, None)?;
        let mut pixmap = tiny_skia::Pixmap::new(width * DENSITY, height * DENSITY)?;
        let transform = tiny_skia::Transform::from_scale(
            (width * DENSITY) as f32 / size.width(),
            (height * DENSITY) as f32 / size.height(),
        );
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        Some(Made {
            bytes: pixmap.encode_png().ok()?.into(),
            extension: "png",
            content_type: "image/png",
            width,
            height,
        })
    }
}

/// A PNG, JPEG, GIF or WebP file: kept as it is when it is small enough and
/// every mail program shows its format; otherwise turned the right way up,
/// scaled to twice its slot and saved as JPEG (no transparency) or PNG.
fn bitmap(bytes: &[u8], slot: Slot) -> Option<Made> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let format = reader.format()?;
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok()?;
    let upright = matches!(orientation, image::metadata::Orientation::NoTransforms);
    let (w, h) = decoder.dimensions();
    let (w, h) = if orientation_swaps(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    // Shown at most at its own size (one image pixel per CSS pixel): a small
    // picture is not blown up.
    let natural = (w as f32, h as f32);
    let (width, height) = fit(natural.0, natural.1, slot, Some(natural))?;
    // PNG, JPEG and GIF files that every mail program shows.
    let as_is = match format {
        image::ImageFormat::Png => Some(("png", "image/png")),
        image::ImageFormat::Jpeg => Some(("jpg", "image/jpeg")),
        image::ImageFormat::Gif => Some(("gif", "image/gif")),
        _ => None,
    }
    .filter(|_| upright);
    let original = |(extension, content_type): (&'static str, &'static str)| Made {
        bytes: bytes.into(),
        extension,
        content_type,
        width,
        height,
    };
    if let Some(kind) = as_is
        && w <= width * DENSITY
        && bytes.len() <= KEEP_BYTES
    {
        return Some(original(kind));
    }
    let mut img = DynamicImage::from_decoder(decoder).ok()?;
    img.apply_orientation(orientation);
    let target = (width * DENSITY).min(img.width());
    if target < img.width() {
        let target_h = (u64::from(img.height()) * u64::from(target) / u64::from(img.width().max(1)))
            .max(1) as u32;
        img = img.resize_exact(target, target_h, image::imageops::FilterType::Lanczos3);
    }
    let mut out = Vec::new();
    // A logo or drawing (PNG, GIF) stays lossless; a photo becomes JPEG.
    let lossless = img.color().has_alpha()
        || matches!(format, image::ImageFormat::Png | image::ImageFormat::Gif);
    let made = if lossless {
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        );
        img.write_with_encoder(encoder).ok()?;
        Made {
            bytes: out.into(),
            extension: "png",
            content_type: "image/png",
            width,
            height,
        }
    } else {
        let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&rgb)
            .ok()?;
        Made {
            bytes: out.into(),
            extension: "jpg",
            content_type: "image/jpeg",
            width,
            height,
        }
    };
    // A file the mail programs show that is already smaller than its scaled
    // copy travels as it is: the message's bytes are what a reader waits for.
    Some(match as_is {
        Some(kind) if bytes.len() <= made.bytes.len() => original(kind),
        _ => made,
    })
}

/// Whether an EXIF orientation turns the picture a quarter.
fn orientation_swaps(o: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation as O;
    matches!(
        o,
        O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
    )
}

/// The size, in whole CSS pixels, at which a `w`×`h` picture fits `slot`
/// keeping its proportions, never larger than `natural` when given.
fn fit(w: f32, h: f32, slot: Slot, natural: Option<(f32, f32)>) -> Option<(u32, u32)> {
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return None;
    }
    let mut scale = (slot.width as f32 / w).min(slot.height as f32 / h);
    if let Some((nw, _)) = natural {
        scale = scale.min(nw / w);
    }
    let width = (w * scale).round().max(1.0) as u32;
    let height = (h * scale).round().max(1.0) as u32;
    Some((width, height))
}

/// Every image path the View names with the largest slot it is shown in.
fn slots(view: &View) -> BTreeMap<String, Slot> {
    let p = &view.project;
    let mut named: Vec<(&ImageView, Slot)> = Vec::new();
    named.extend(view.theme.logo.iter().map(|i| (i, LOGO)));
    named.extend(p.administrator.logo.iter().map(|i| (i, PARTNER)));
    named.extend(
        p.co_implementers
            .iter()
            .filter_map(|o| o.logo.as_ref())
            .map(|i| (i, PARTNER)),
    );
    named.extend(
        p.funders
            .iter()
            .filter_map(|f| f.logo.as_ref())
            .map(|i| (i, PARTNER)),
    );
    named.extend(
        p.funders
            .iter()
            .filter_map(|f| f.emblem.as_ref())
            .map(|i| (i, EMBLEM)),
    );
    named.extend(
        p.contacts
            .iter()
            .filter_map(|c| c.photo.as_ref())
            .map(|i| (i, PHOTO)),
    );
    named.extend(
        view.edition
            .news
            .iter()
            .filter_map(|n| n.image.as_ref())
            .map(|i| (i, NEWS)),
    );
    named.extend(
        view.edition
            .videos
            .iter()
            .filter_map(|v| v.thumbnail.as_ref())
            .map(|i| (i, STILL)),
    );
    let mut out: BTreeMap<String, Slot> = BTreeMap::new();
    for (image, slot) in named {
        if !is_safe_path(&image.path) {
            continue;
        }
        let entry = out.entry(image.path.clone()).or_insert(slot);
        entry.width = entry.width.max(slot.width);
        entry.height = entry.height.max(slot.height);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::GenericImageView;

    #[test]
    fn fits_keep_proportions_and_never_enlarge_bitmaps() {
        assert_eq!(fit(240.0, 80.0, LOGO, None), Some((192, 64)));
        assert_eq!(fit(640.0, 360.0, NEWS, None), Some((552, 311)));
        assert_eq!(fit(3000.0, 4000.0, NEWS, None), Some((311, 414)));
        assert_eq!(
            fit(300.0, 200.0, NEWS, Some((300.0, 200.0))),
            Some((300, 200))
        );
        assert_eq!(fit(0.0, 10.0, NEWS, None), None);
        assert_eq!(fit(f32::NAN, 10.0, NEWS, None), None);
    }

    fn svg(w: u32, h: u32) -> Vec<u8> {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#00566b"/></svg>"##
        )
        .into_bytes()
    }

    #[test]
    fn an_svg_becomes_a_png_at_twice_its_shown_size() {
        let r = Raster::default();
        let made = r.make(&svg(240, 80), LOGO).expect("drawn");
        assert_eq!((made.width, made.height), (192, 64));
        assert_eq!(made.content_type, "image/png");
        let png = image::load_from_memory(&made.bytes).expect("a PNG");
        assert_eq!(png.dimensions(), (384, 128));
        assert_eq!(png.to_rgb8().get_pixel(10, 10).0, [0x00, 0x56, 0x6b]);
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .encode_image(&img)
            .expect("encoded");
        out
    }

    #[test]
    fn a_large_photo_is_scaled_to_twice_its_slot_and_a_small_one_kept() {
        let big = jpeg(3000, 2000);
        let made = bitmap(&big, NEWS).expect("scaled");
        assert_eq!((made.width, made.height), (552, 368));
        let out = image::load_from_memory(&made.bytes).expect("a JPEG");
        assert_eq!(out.dimensions(), (1104, 736));
        assert!(made.bytes.len() < big.len());

        let small = jpeg(400, 300);
        let kept = bitmap(&small, NEWS).expect("kept");
        assert_eq!(&*kept.bytes, small.as_slice());
        assert_eq!((kept.width, kept.height), (400, 300));
        assert!(bitmap(b"not an image", NEWS).is_none());
    }

    fn png(w: u32, h: u32, noisy: bool) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            let v = if noisy {
                ((x * 7919 + y * 104_729) % 251) as u8
            } else {
                0x40
            };
            image::Rgba([v, 0x56, 0x6b, 0xff])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("encoded");
        out
    }

    #[test]
    fn a_logo_stays_png_and_never_grows() {
        for noisy in [false, true] {
            let src = png(1600, 400, noisy);
            let made = bitmap(&src, PARTNER).expect("made");
            assert_eq!(made.content_type, "image/png");
            assert_eq!((made.width, made.height), (160, 40));
            assert!(
                made.bytes.len() <= src.len(),
                "{} > {}",
                made.bytes.len(),
                src.len()
            );
        }
    }

    #[test]
    fn the_same_bytes_are_drawn_once() {
        let r = Raster::default();
        let a = r.made(&svg(100, 100), PHOTO).expect("drawn");
        let b = r.made(&svg(100, 100), PHOTO).expect("remembered");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
