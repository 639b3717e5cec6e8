//! The in-memory Typst world: fonts and library built once, files handed in.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::templates;

/// The fonts kirje ships: Inter for text (OFL, see crates/kirje-typst/fonts), Typst's
/// own fonts for mathematics and code.
#[cfg(feature = "embedded-fonts")]
pub const INTER: [(&str, &[u8]); 5] = [
    (
        "Inter-Regular.otf",
        include_bytes!("../fonts/Inter-Regular.otf"),
    ),
    (
        "Inter-Italic.otf",
        include_bytes!("../fonts/Inter-Italic.otf"),
    ),
    (
        "Inter-SemiBold.otf",
        include_bytes!("../fonts/Inter-SemiBold.otf"),
    ),
    ("Inter-Bold.otf", include_bytes!("../fonts/Inter-Bold.otf")),
    (
        "Inter-BoldItalic.otf",
        include_bytes!("../fonts/Inter-BoldItalic.otf"),
    ),
];

/// What stays the same between compilations: fonts and the standard library,
/// and the parsed templates and file contents of the last compilations.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Parsed Typst files by path. A changed text is reparsed incrementally
    /// (`Source::replace`); an unchanged one keeps its parse and its hash,
    /// so Typst's memoised evaluation of it is found again.
    sources: Mutex<BTreeMap<String, Source>>,
    /// Project files (images, template overrides) by path: the same bytes
    /// keep the same `Bytes`, whose hash is computed once, not per compile.
    files: Mutex<BTreeMap<String, Bytes>>,
}

/// A cache's map, also after a thread panicked while holding it (the map
/// is never left half-changed: each change is one insert).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(feature = "embedded-fonts")]
impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl Engine {
    /// Loads the embedded fonts and the library. No system fonts are used,
    /// so output is the same on every machine.
    #[cfg(feature = "embedded-fonts")]
    pub fn new() -> Engine {
        Engine::with_fonts(
            INTER
                .iter()
                .map(|(_, b)| Bytes::new(*b))
                .chain(typst_assets::fonts().map(Bytes::new)),
        )
    }

    /// An engine with the fonts given as file contents (OpenType or
    /// TrueType; a collection yields each of its faces). The browser fetches
    /// its fonts as static files and hands them in here. Files that are not
    /// fonts are skipped.
    pub fn with_fonts<B>(files: impl IntoIterator<Item = B>) -> Engine
    where
        B: AsRef<[u8]> + Send + Sync + 'static,
    {
        let fonts: Vec<Font> = files
            .into_iter()
            .map(Bytes::new)
            .flat_map(Font::iter)
            .collect();
        Engine {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            sources: Mutex::new(BTreeMap::new()),
            files: Mutex::new(BTreeMap::new()),
        }
    }

    /// The parsed source of `path` with `text`, from the cache when the
    /// text is unchanged.
    fn source(&self, id: FileId, path: &str, text: &str) -> Source {
        let mut sources = lock(&self.sources);
        match sources.get_mut(path) {
            Some(source) if source.id() == id => {
                if source.text() != text {
                    source.replace(text);
                }
                source.clone()
            }
            _ => {
                let source = Source::new(id, text.to_owned());
                sources.insert(path.to_owned(), source.clone());
                source
            }
        }
    }

    /// The project's files for one compilation as `Bytes`, reusing the
    /// `Bytes` of the last compilation for unchanged contents; forgets the
    /// files that are gone.
    /// The fonts, in the order they were loaded.
    pub(crate) fn fonts(&self) -> &[Font] {
        &self.fonts
    }

    pub(crate) fn file_bytes<'f>(
        &self,
        files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
    ) -> BTreeMap<String, Bytes> {
        let mut cache = lock(&self.files);
        let out: BTreeMap<String, Bytes> = files
            .into_iter()
            .map(|(path, bytes)| {
                let b = match cache.get(path) {
                    Some(b) if b.as_slice() == bytes => b.clone(),
                    _ => {
                        let b = Bytes::new(bytes.to_vec());
                        cache.insert(path.to_owned(), b.clone());
                        b
                    }
                };
                (path.to_owned(), b)
            })
            .collect();
        cache.retain(|path, _| out.contains_key(path));
        out
    }

    /// The font families this engine can set text in, sorted.
    pub fn font_families(&self) -> Vec<String> {
        let mut families: Vec<String> = self
            .book
            .families()
            .map(|(name, _)| name.to_owned())
            .collect();
        families.sort();
        families.dedup();
        families
    }

    pub(crate) fn world(
        &self,
        main: (String, String),
        files: BTreeMap<String, Bytes>,
    ) -> KirjeWorld<'_> {
        let main_id = id(&main.0);
        let mut sources = BTreeMap::new();
        sources.insert(main.0.clone(), self.source(main_id, &main.0, &main.1));
        KirjeWorld {
            engine: self,
            main: main_id,
            sources,
            files,
        }
    }
}

fn id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("invalid").unwrap_or_else(|_| unreachable_path()));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

fn unreachable_path() -> VirtualPath {
    // "main.typ" is always a valid virtual path.
    VirtualPath::new("main.typ").unwrap_or_else(|_| unreachable_path())
}

/// One compilation's world.
pub struct KirjeWorld<'a> {
    engine: &'a Engine,
    main: FileId,
    sources: BTreeMap<String, Source>,
    files: BTreeMap<String, Bytes>,
}

impl KirjeWorld<'_> {
    /// The project-relative name of a file id (`templates/newsletter/newsletter.typ`).
    pub fn file_name(&self, id: FileId) -> String {
        id.get().vpath().get_without_slash().to_owned()
    }
}

impl World for KirjeWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let name = self.file_name(id);
        if let Some(s) = self.sources.get(&name) {
            return Ok(s.clone());
        }
        if name.ends_with(".typ") {
            if let Some(bytes) = self.files.get(&name) {
                let text =
                    std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
                return Ok(self.engine.source(id, &name, text));
            }
            if let Some(text) = templates::builtin(&name) {
                return Ok(self.engine.source(id, &name, text));
            }
        }
        Err(FileError::NotFound(name.into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let name = self.file_name(id);
        if let Some(b) = self.files.get(&name) {
            return Ok(b.clone());
        }
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // No clock in the library: documents take their dates from the View.
        None
    }
}
