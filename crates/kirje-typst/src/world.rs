//! The in-memory Typst world: fonts and library built once, files handed in.

use std::collections::BTreeMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::templates;

/// The fonts kirje ships: Inter for text (OFL, see assets/fonts), Typst's
/// own fonts for mathematics and code.
#[cfg(feature = "embedded-fonts")]
pub const INTER: [(&str, &[u8]); 5] = [
    (
        "Inter-Regular.otf",
        include_bytes!("../../../assets/fonts/Inter-Regular.otf"),
    ),
    (
        "Inter-Italic.otf",
        include_bytes!("../../../assets/fonts/Inter-Italic.otf"),
    ),
    (
        "Inter-SemiBold.otf",
        include_bytes!("../../../assets/fonts/Inter-SemiBold.otf"),
    ),
    (
        "Inter-Bold.otf",
        include_bytes!("../../../assets/fonts/Inter-Bold.otf"),
    ),
    (
        "Inter-BoldItalic.otf",
        include_bytes!("../../../assets/fonts/Inter-BoldItalic.otf"),
    ),
];

/// What stays the same between compilations: fonts and the standard library.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
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
        }
    }

    /// How many font faces the engine has.
    pub fn font_count(&self) -> usize {
        self.fonts.len()
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
        sources.insert(main.0.clone(), Source::new(main_id, main.1));
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
                return Ok(Source::new(id, text.to_owned()));
            }
            if let Some(text) = templates::builtin(&name) {
                return Ok(Source::new(id, text.to_owned()));
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
