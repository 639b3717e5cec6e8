//! kirje's typesetting: the View becomes the newsletter (A4) and the slide
//! deck (16:9) through Typst.
//!
//! The pipeline: [`Engine::new`] loads the fonts and Typst's library once;
//! [`Engine::compile`] puts the View of a [`Kind`] of document into an
//! in-memory Typst `World` as the JSON file `/view.json`,
//! together with the template and the project's images, and compiles it;
//! [`Compiled::pdf`] exports an accessible PDF (PDF/UA-1 with PDF/A-2a). User text reaches
//! Typst only as JSON data and as escaped markup made by
//! [`kirje_core::markdown`], never as template code. Typst's diagnostics
//! come back as [`kirje_core::Diagnostic`]s pointing at the template.
//!
//! This crate reads no files: callers hand it the bytes.

mod glyphs;
mod preview;
mod templates;
mod world;

use std::collections::BTreeMap;

use kirje_core::diagnostic::{Diagnostic, Msg};
use kirje_core::view::View;
use kirje_core::{Files, Warned};
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Smart};
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

pub use glyphs::MissingGlyph;
pub use templates::{TEMPLATES, Template};
pub use world::Engine;
#[cfg(feature = "embedded-fonts")]
pub use world::INTER;

/// Drops what Typst's caches have not used in the last `max_age`
/// compilations. A long-lived engine (`kirje watch`, `kirje serve`, the
/// browser) calls it after each compilation so memory stays bounded.
pub fn evict_caches(max_age: usize) {
    typst::comemo::evict(max_age);
}

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The A4 newsletter.
    Newsletter,
    /// The 16:9 slide deck.
    Slides,
}

impl Kind {
    /// The template's path, in kirje's `templates/` and in a project's.
    pub fn template(self) -> &'static str {
        match self {
            Kind::Newsletter => "templates/newsletter/newsletter.typ",
            Kind::Slides => "templates/slides/slides.typ",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Newsletter => "newsletter",
            Kind::Slides => "slides",
        }
    }
}

/// A compiled document, ready to export.
pub struct Compiled {
    document: PagedDocument,
    ident: String,
}

impl Compiled {
    /// Number of pages.
    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }

    /// The document as an accessible PDF: PDF/UA-1 together with PDF/A-2a.
    pub fn pdf(&self) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let standards = PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
            .map_err(|e| vec![plain_error(e.message().as_ref())])?;
        let options = PdfOptions {
            ident: Smart::Custom(self.ident.clone()),
            standards,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&self.document, &options).map_err(|errs| {
            errs.iter()
                .map(|e| plain_error(&e.message))
                .collect::<Vec<_>>()
        })
    }

    /// The text laid out on each page, in frame order (for tests and checks).
    pub fn page_texts(&self) -> Vec<String> {
        fn walk(frame: &typst::layout::Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    typst::layout::FrameItem::Group(g) => walk(&g.frame, out),
                    typst::layout::FrameItem::Text(t) => {
                        out.push_str(t.text.as_str());
                        out.push(' ');
                    }
                    _ => {}
                }
            }
        }
        self.document
            .pages()
            .iter()
            .map(|p| {
                let mut s = String::new();
                walk(&p.frame, &mut s);
                s
            })
            .collect()
    }

    /// Text laid out (partly) outside its page, as (page number, the text):
    /// what a reader of the PDF would never see.
    pub fn text_off_page(&self) -> Vec<(usize, String)> {
        use typst::layout::{Abs, FrameItem, Point, Transform};
        let slack = Abs::pt(0.5);
        let mut found = Vec::new();
        for (i, page) in self.document.pages().iter().enumerate() {
            let size = page.frame.size();
            let outside = |p: Point| {
                p.x < -slack || p.y < -slack || p.x > size.x + slack || p.y > size.y + slack
            };
            each_item(&page.frame, Transform::identity(), &mut |pos, ts, item| {
                if let FrameItem::Text(t) = item {
                    let start = pos.transform(ts);
                    let end = Point::new(pos.x + t.width(), pos.y).transform(ts);
                    // One entry per text run that would be cut off.
                    if outside(start) || outside(end) {
                        found.push((i + 1, t.text.to_string()));
                    }
                }
            });
        }
        found
    }

    /// How far down each page its text and pictures reach, as a share of
    /// the height above the footer (1.0: down to the footer), and how many
    /// lines of text it has above the footer. The footer is what lies in
    /// the page's lowest eighth; shapes (tinted card backgrounds, bands) do
    /// not count, so a slide whose text stops halfway scores about 0.5
    /// however its cards are drawn.
    pub fn page_fill(&self) -> Vec<PageFill> {
        use typst::layout::{Abs, FrameItem, Point, Transform};
        // (top, bottom, is text) of each text run and picture.
        fn spans(frame: &typst::layout::Frame) -> Vec<(Abs, Abs, bool)> {
            let mut out = Vec::new();
            each_item(
                frame,
                Transform::identity(),
                &mut |pos, ts, item| match item {
                    FrameItem::Text(t) => {
                        // From the top of the letters to the baseline.
                        let base = pos.transform(ts).y;
                        out.push((base - t.size * 0.7, base, true));
                    }
                    FrameItem::Image(_, size, _) => {
                        let top = pos.transform(ts).y;
                        let bottom = Point::new(pos.x, pos.y + size.y).transform(ts).y;
                        out.push((top, bottom, false));
                    }
                    _ => {}
                },
            );
            out
        }
        self.document
            .pages()
            .iter()
            .map(|page| {
                let height = page.frame.size().y;
                let spans = spans(&page.frame);
                let foot_line = height * 0.875;
                let footer_top = spans
                    .iter()
                    .filter(|s| s.0 >= foot_line)
                    .map(|s| s.0)
                    .fold(height, Abs::min);
                let body: Vec<&(Abs, Abs, bool)> =
                    spans.iter().filter(|s| s.0 < foot_line).collect();
                let reach = body.iter().map(|s| s.1).fold(Abs::zero(), Abs::max);
                let mut baselines: Vec<i64> = body
                    .iter()
                    .filter(|s| s.2)
                    .map(|s| (s.1.to_pt() / 4.0).round() as i64)
                    .collect();
                baselines.sort_unstable();
                baselines.dedup();
                PageFill {
                    depth: (reach / footer_top).clamp(0.0, 1.0),
                    lines: baselines.len(),
                }
            })
            .collect()
    }

    /// What page `page` (1-based) shows: its text runs joined by spaces
    /// and its images' alternative texts.
    pub fn page_shown(&self, page: usize) -> kirje_core::funders::Shown {
        use typst::layout::{FrameItem, Transform};
        let mut shown = kirje_core::funders::Shown::default();
        let Some(p) = page
            .checked_sub(1)
            .and_then(|i| self.document.pages().get(i))
        else {
            return shown;
        };
        each_item(
            &p.frame,
            Transform::identity(),
            &mut |_, _, item| match item {
                FrameItem::Text(t) => {
                    shown.text.push_str(&t.text);
                    shown.text.push(' ');
                }
                FrameItem::Image(image, _, _) => {
                    shown.image_alts.extend(image.alt().map(str::to_owned));
                }
                _ => {}
            },
        );
        shown
    }

    /// On each page, the lowest line of text above the footer: its text,
    /// its size in points and its colour as `#rrggbb`. The footer is the
    /// page's lowest line (every page of the newsletter and every content
    /// slide has one). A heading there is a heading alone at the foot of a
    /// page.
    pub fn last_lines(&self) -> Vec<Option<LastLine>> {
        use typst::layout::{Abs, FrameItem, Transform};
        // Each non-blank text run with its baseline.
        fn lines(frame: &typst::layout::Frame) -> Vec<(Abs, LastLine)> {
            let mut out = Vec::new();
            each_item(frame, Transform::identity(), &mut |pos, ts, item| {
                if let FrameItem::Text(t) = item
                    && !t.text.trim().is_empty()
                {
                    out.push((
                        pos.transform(ts).y,
                        LastLine {
                            text: t.text.to_string(),
                            size: t.size.to_pt(),
                            color: match &t.fill {
                                typst::visualize::Paint::Solid(c) => c.to_hex().to_string(),
                                _ => String::new(),
                            },
                        },
                    ));
                }
            });
            out
        }
        self.document
            .pages()
            .iter()
            .map(|page| {
                let items = lines(&page.frame);
                let footer = items.iter().map(|i| i.0).fold(Abs::zero(), Abs::max);
                let above = |y: Abs| y < footer - Abs::pt(2.0);
                let last = items
                    .iter()
                    .filter(|i| above(i.0))
                    .map(|i| i.0)
                    .fold(Abs::zero(), Abs::max);
                let mut line: Option<LastLine> = None;
                for (y, item) in items {
                    if above(y) && (y - last).abs() <= Abs::pt(0.5) {
                        match line.as_mut() {
                            None => line = Some(item),
                            Some(l) => {
                                l.text.push(' ');
                                l.text.push_str(&item.text);
                            }
                        }
                    }
                }
                line
            })
            .collect()
    }

    /// Each page as SVG (for previews).
    pub fn svg_pages(&self) -> Vec<String> {
        self.document
            .pages()
            .iter()
            .map(|p| typst_svg::svg(p, &typst_svg::SvgOptions::default()))
            .collect()
    }

    /// One page as SVG for a live preview (0-based), or `None` past the
    /// last page. It draws the same as Typst's SVG, with each run of glyphs
    /// as one path instead of a `<use>` per glyph, which a browser shows
    /// several times faster.
    pub fn preview_svg_page(&self, index: usize) -> Option<String> {
        let page = self.document.pages().get(index)?;
        let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
        Some(preview::flatten_glyphs(&svg))
    }

    /// A hash of each page's content: a page whose hash did not change
    /// looks the same.
    pub fn page_hashes(&self) -> Vec<u128> {
        self.document
            .pages()
            .iter()
            .map(typst::utils::hash128)
            .collect()
    }
}

/// The lowest line of text on a page above its footer: see
/// [`Compiled::last_lines`].
#[derive(Debug, Clone, PartialEq)]
pub struct LastLine {
    /// Its text.
    pub text: String,
    /// The size of its (first) text, in points.
    pub size: f64,
    /// The colour of its (first) text, `#rrggbb`.
    pub color: String,
}

/// Calls `f` with every item of `frame` and of its groups (the groups
/// themselves excepted), its position and the transform that places it on
/// the page.
fn each_item(
    frame: &typst::layout::Frame,
    ts: typst::layout::Transform,
    f: &mut impl FnMut(typst::layout::Point, typst::layout::Transform, &typst::layout::FrameItem),
) {
    use typst::layout::{FrameItem, Transform};
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(g.transform);
                each_item(&g.frame, inner, f);
            }
            other => f(*pos, ts, other),
        }
    }
}

/// How much of a page its content uses: see [`Compiled::page_fill`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageFill {
    /// How far down the text and pictures reach, as a share of the height
    /// above the footer.
    pub depth: f64,
    /// Lines of text above the footer (pictures not counted).
    pub lines: usize,
}

/// Where a slide starts, as the template marks it with `<kirje-slide>`
/// metadata: its title, the data it shows and its speaker notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideMark {
    /// The page it starts on (1-based).
    pub page: usize,
    /// Its heading.
    pub title: String,
    /// `title`, `divider`, `statement`, `custom` or a generated slide's
    /// name (`goals`).
    pub kind: String,
    /// How many items of a list it shows, for list slides.
    pub items: Option<usize>,
    /// The data file its facts come from (`project.yaml`); empty for the
    /// title slide of a project-wide template.
    pub file: String,
    /// Where in that file (`measures[1]`).
    pub path: String,
    /// Speaker notes.
    pub notes: Option<String>,
}

/// The values of the metadata labelled `label`, with their pages, in
/// document order.
fn labelled(document: &PagedDocument, label: &str) -> Vec<(usize, typst::foundations::Value)> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern(label)) else {
        return vec![];
    };
    let intro = document.introspector();
    let mut found: Vec<(usize, typst::foundations::Value)> = intro
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| {
            let page = intro.page(c.location()?)?.get();
            Some((page, c.to_packed::<MetadataElem>()?.value.clone()))
        })
        .collect();
    found.sort_by_key(|f| f.0);
    found
}

/// A string field of a metadata dictionary.
fn field(value: &typst::foundations::Value, key: &str) -> Option<String> {
    use typst::foundations::Value;
    match value {
        Value::Dict(d) => match d.get(key) {
            Ok(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        },
        Value::Str(s) if key == "title" => Some(s.to_string()),
        _ => None,
    }
}

/// Where a box of the newsletter (a fact box, the funding table) starts and
/// ends, as the template marks them with `<kirje-box>` metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxPages {
    /// Its heading.
    pub title: String,
    /// The page its top is on (1-based).
    pub first: usize,
    /// The page its bottom is on.
    pub last: usize,
}

impl Compiled {
    /// The newsletter's boxes, in order, with the pages they are on.
    pub fn box_pages(&self) -> Vec<BoxPages> {
        let mut out: Vec<BoxPages> = Vec::new();
        for (page, v) in labelled(&self.document, "kirje-box") {
            let title = field(&v, "title").unwrap_or_default();
            let end = matches!(&v, typst::foundations::Value::Dict(d)
                if d.get("end").is_ok_and(|e| *e == typst::foundations::Value::Bool(true)));
            if end {
                if let Some(b) = out.iter_mut().rev().find(|b| b.title == title) {
                    b.last = page;
                }
            } else {
                out.push(BoxPages {
                    title,
                    first: page,
                    last: 0,
                });
            }
        }
        out
    }

    /// The slides' starts, in order (empty for the newsletter).
    pub fn slide_marks(&self) -> Vec<SlideMark> {
        labelled(&self.document, "kirje-slide")
            .into_iter()
            .map(|(page, v)| SlideMark {
                page,
                title: field(&v, "title").unwrap_or_default(),
                kind: field(&v, "kind").unwrap_or_default(),
                items: match &v {
                    typst::foundations::Value::Dict(d) => match d.get("items") {
                        Ok(typst::foundations::Value::Int(n)) => usize::try_from(*n).ok(),
                        _ => None,
                    },
                    _ => None,
                },
                file: field(&v, "file").unwrap_or_default(),
                path: field(&v, "path").unwrap_or_default(),
                notes: field(&v, "notes").filter(|n| !n.trim().is_empty()),
            })
            .collect()
    }

    /// The speaker notes as a pdfpc file (format 2, which pdfpc reads from
    /// `slides.pdfpc` beside `slides.pdf`), or `None` when no slide has
    /// notes. A note is shown on every page of its slide.
    pub fn pdfpc(&self) -> Option<String> {
        let marks = self.slide_marks();
        if marks.iter().all(|m| m.notes.is_none()) {
            return None;
        }
        let pages: Vec<serde_json::Value> = (1..=self.pages())
            .filter_map(|page| {
                let mark = marks.iter().rev().find(|m| m.page <= page)?;
                let note = mark.notes.as_ref()?;
                Some(serde_json::json!({
                    "idx": page - 1,
                    "label": page.to_string(),
                    "overlay": 0,
                    "note": note,
                }))
            })
            .collect();
        let file = serde_json::json!({
            "pdfpcFormat": 2,
            "disableMarkdown": true,
            "pages": pages,
        });
        serde_json::to_string_pretty(&file).ok()
    }
}

/// A warning about slide `number`, pointing at the data it shows (or at the
/// template when the slide names no data).
fn slide_warning(files: &Files, mark: &SlideMark, template: &str, msg: Msg) -> Diagnostic {
    if mark.file.is_empty() {
        Diagnostic::warning(template, None, msg)
    } else {
        Diagnostic::warning(
            &mark.file,
            kirje_core::source::locate(files, &mark.file, &mark.path),
            msg,
        )
    }
}

/// A slide's title as a message names it: at most 60 characters.
fn short_title(title: &str) -> String {
    let mut chars = title.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

/// Slides whose content ran onto an extra page (every page should start a
/// slide), and slides whose text had to be shortened: each warning points
/// at the field in the project to shorten.
fn slide_warnings(compiled: &Compiled, files: &Files, template: &str) -> Vec<Diagnostic> {
    let marks = compiled.slide_marks();
    let mut out: Vec<Diagnostic> = Vec::new();
    if marks.is_empty() {
        return out;
    }
    let mut push = |d: Diagnostic| {
        if !out.iter().any(|o| o.message == d.message) {
            out.push(d);
        }
    };
    for page in 1..=compiled.pages() {
        if marks.iter().any(|m| m.page == page) {
            continue;
        }
        if let Some((i, mark)) = marks.iter().enumerate().rev().find(|(_, m)| m.page < page) {
            let msg = Msg::SlideOverflow {
                slide: i + 1,
                title: short_title(&mark.title),
            };
            push(slide_warning(files, mark, template, msg));
        }
    }
    for (page, cut) in labelled(&compiled.document, "kirje-cut") {
        if let Some((i, mark)) = marks.iter().enumerate().rev().find(|(_, m)| m.page <= page) {
            let at = SlideMark {
                file: field(&cut, "file").unwrap_or_default(),
                path: field(&cut, "path").unwrap_or_default(),
                ..mark.clone()
            };
            let msg = Msg::SlideShortened {
                slide: i + 1,
                title: short_title(&mark.title),
            };
            push(slide_warning(files, &at, template, msg));
        }
    }
    out
}

/// The View as the JSON file `/view.json` that the templates read.
pub fn view_json(view: &View) -> Result<Vec<u8>, Box<Diagnostic>> {
    serde_json::to_vec(view).map_err(|e| Box::new(plain_error(&e.to_string())))
}

/// The sources a compile reads, laid out as a root folder for the standalone
/// `typst` CLI (`kirje build --emit-typst`): the main templates as
/// `newsletter.typ` and `slides.typ`, every template under `templates/`
/// (the project's own where it has one), the project's `assets/`, and the
/// Inter font files under `fonts/`. The caller adds the View as
/// `view.json` (first language) and `view.<lang>.json`; the templates read
/// the file named by `--input view=/view.sv.json`, else `/view.json`.
#[cfg(feature = "embedded-fonts")]
pub fn standalone_sources(files: &Files) -> Vec<(String, Vec<u8>)> {
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for kind in [Kind::Newsletter, Kind::Slides] {
        let (_, text) = templates::resolve(kind.template(), files);
        out.insert(format!("{}.typ", kind.name()), text.into_bytes());
    }
    for t in TEMPLATES {
        out.insert(t.path.to_owned(), t.text.as_bytes().to_vec());
    }
    for (path, entry) in files.iter() {
        if let kirje_core::source::FileEntry::Data(bytes) = entry
            && (path.starts_with("assets/") || path.starts_with("templates/"))
        {
            out.insert(path.to_owned(), bytes.clone());
        }
    }
    out.insert(
        kirje_core::funders::EU_EMBLEM_PATH.to_owned(),
        kirje_core::funders::eu_emblem_svg().as_bytes().to_vec(),
    );
    for (name, bytes) in world::INTER {
        out.insert(format!("fonts/{name}"), bytes.to_vec());
    }
    out.into_iter().collect()
}

fn plain_error(message: &str) -> Diagnostic {
    Diagnostic::error(
        "",
        None,
        Msg::Syntax {
            format: "Typst",
            detail: message.to_owned(),
        },
    )
}

impl Engine {
    /// Compiles one document of `view`; `files` supplies images and any
    /// template the project overrides.
    pub fn compile(
        &self,
        kind: Kind,
        view: &View,
        files: &Files,
    ) -> Result<Warned<Compiled>, Vec<Diagnostic>> {
        // Characters no font has are left out (`check` names them): a PDF/A
        // export would refuse them.
        let mut value =
            serde_json::to_value(view).map_err(|e| vec![plain_error(&e.to_string())])?;
        self.strip(&mut value, &mut String::new(), &mut Vec::new());
        let json = serde_json::to_vec(&value).map_err(|e| vec![plain_error(&e.to_string())])?;
        let mut extra = self.file_bytes(files.iter().filter_map(|(path, entry)| match entry {
            kirje_core::source::FileEntry::Data(bytes)
                if path.starts_with("assets/") || path.starts_with("templates/") =>
            {
                Some((path, bytes.as_slice()))
            }
            _ => None,
        }));
        extra.insert("view.json".to_owned(), Bytes::new(json));
        extra.insert(
            kirje_core::funders::EU_EMBLEM_PATH.to_owned(),
            Bytes::new(kirje_core::funders::eu_emblem_svg().as_bytes()),
        );
        let main = templates::resolve(kind.template(), files);
        let world = self.world(main, extra);
        let result = typst::compile::<PagedDocument>(&world);
        let warnings = result
            .warnings
            .iter()
            .map(|d| world.diagnostic(d))
            .collect();
        let mut warnings: Vec<Diagnostic> = warnings;
        match result.output {
            Ok(document) => {
                let compiled = Compiled {
                    document,
                    ident: format!("kirje-{}-{}-{}", kind.name(), view.edition.id, view.lang),
                };
                if kind == Kind::Slides {
                    warnings.extend(slide_warnings(&compiled, files, kind.template()));
                }
                // The first page (the title slide) of an ESR+ project shows
                // the EU emblem and statement.
                let output = match kind {
                    Kind::Newsletter => kirje_core::EuOutput::Newsletter,
                    Kind::Slides => kirje_core::EuOutput::TitleSlide,
                };
                warnings.extend(kirje_core::funders::eu_visibility(
                    view,
                    files,
                    output,
                    &compiled.page_shown(1),
                ));
                let mut pages_seen = Vec::new();
                for (page, text) in compiled.text_off_page() {
                    // One warning per page is enough to send the user there.
                    if pages_seen.contains(&page) {
                        continue;
                    }
                    pages_seen.push(page);
                    // Pointed at the text in the project's files where it
                    // is found there, else at the template.
                    let (file, span) = kirje_core::source::find_text(files, &text)
                        .map_or((kind.template().to_owned(), None), |(f, s)| (f, Some(s)));
                    let text: String = text.chars().take(40).collect();
                    warnings.push(Diagnostic::warning(
                        file,
                        span,
                        Msg::TextOffPage { page, text },
                    ));
                }
                Ok(Warned {
                    output: compiled,
                    warnings,
                })
            }
            Err(errors) => Err(errors.iter().map(|d| world.diagnostic(d)).collect()),
        }
    }
}

impl Engine {
    /// Compiles a bare Typst markup document with no View (used to prove
    /// that converted Markdown always compiles).
    pub fn compile_markup(&self, markup: &str) -> Result<Compiled, Vec<Diagnostic>> {
        let world = self.world(("main.typ".to_owned(), markup.to_owned()), BTreeMap::new());
        typst::compile::<PagedDocument>(&world)
            .output
            .map(|document| Compiled {
                document,
                ident: "kirje-markup".to_owned(),
            })
            .map_err(|errors| errors.iter().map(|d| world.diagnostic(d)).collect())
    }
}

impl world::KirjeWorld<'_> {
    /// A Typst diagnostic as ours, pointing into the template that caused it.
    fn diagnostic(&self, d: &SourceDiagnostic) -> Diagnostic {
        use typst::World;
        let (file, span) = match d.span.get() {
            DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
                use typst::WorldExt;
                (self.file_name(id), self.range(d.span))
            }
            DiagSpanKind::Detached => (String::new(), None),
        };
        let _ = self.main();
        let message = Msg::Syntax {
            format: "Typst",
            detail: d.message.to_string(),
        };
        let mut out = match d.severity {
            Severity::Error => Diagnostic::error(file, span, message),
            Severity::Warning => Diagnostic::warning(file, span, message),
        };
        for hint in &d.hints {
            out.hints.push(Msg::Syntax {
                format: "Typst",
                detail: hint.v.to_string(),
            });
        }
        out
    }
}
