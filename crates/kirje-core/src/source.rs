//! The project's files as the caller hands them over, and where things are in them.
//!
//! kirje-core never opens a file: the CLI (or the browser) reads the project
//! folder into [`Files`] and the core works on those bytes. A [`SpanIndex`]
//! maps a field's path (`funding.sources[1].amount`) to the byte range of its
//! value, so checks that run on typed values can still point at file:line:col.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Largest YAML, TOML or JSON data file kirje reads.
pub const MAX_DATA_FILE: u64 = 2 * 1024 * 1024;
/// Largest image or other asset kirje reads.
pub const MAX_ASSET_FILE: u64 = 20 * 1024 * 1024;

/// Why the caller did not hand over a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The file is larger than the limit for its kind.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A symbolic link that leads outside the project folder.
    OutsideRoot,
    /// Not a regular file (a folder, a device, a socket).
    NotAFile,
    /// The first file past the most a project may have: it and the files
    /// after it were not read.
    TooMany {
        /// The most files read.
        limit: usize,
    },
    /// A folder deeper than a project may go: nothing in it was read.
    TooDeep {
        /// The deepest level read.
        limit: usize,
    },
}

/// One file of the project: its bytes, or why they are not here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileEntry {
    /// The file's contents.
    Data(Vec<u8>),
    /// The caller refused to read it.
    Refused(Refusal),
}

/// The files of one project, keyed by their path relative to the project
/// root with `/` separators (`editions/2021-05.yaml`, `assets/logo.svg`).
#[derive(Debug, Clone, Default)]
pub struct Files {
    entries: BTreeMap<String, FileEntry>,
}

impl Files {
    /// An empty set.
    pub fn new() -> Files {
        Files::default()
    }

    /// Adds or replaces a file's bytes.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.entries
            .insert(path.into(), FileEntry::Data(bytes.into()));
    }

    /// Records a file the caller would not read, so checks can say why.
    pub fn refuse(&mut self, path: impl Into<String>, why: Refusal) {
        self.entries.insert(path.into(), FileEntry::Refused(why));
    }

    /// Removes a file.
    pub fn remove(&mut self, path: &str) -> Option<FileEntry> {
        self.entries.remove(path)
    }

    /// The entry at `path`.
    pub fn get(&self, path: &str) -> Option<&FileEntry> {
        self.entries.get(path)
    }

    /// The bytes at `path`, if they were read; the files kirje supplies
    /// itself (the EU emblem) are always there.
    pub fn bytes(&self, path: &str) -> Option<&[u8]> {
        if let Some(b) = crate::funders::builtin_file(path) {
            return Some(b);
        }
        match self.entries.get(path) {
            Some(FileEntry::Data(b)) => Some(b),
            _ => None,
        }
    }

    /// Every path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Every entry, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FileEntry)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// A data file's text, with what is needed to point into it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the project root.
    pub name: String,
    /// The whole text.
    pub text: String,
    /// Where each field's value is.
    pub index: SpanIndex,
}

impl Source {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and column (counted in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column (in characters); clamps to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    line_text[..line_end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(start + line_end, |(i, _)| start + i)
}

/// Where the key and the value of each field are in a file.
///
/// Paths are written as in messages: `contacts[2].email`, `period.start`.
/// The empty path is the document itself.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
    /// Ranges and keys of the mappings, for "missing field" errors.
    maps: Vec<(Range<usize>, Vec<String>)>,
}

impl SpanIndex {
    /// The byte range of the value at `path`.
    pub fn value(&self, path: &str) -> Option<Range<usize>> {
        self.values.get(path).cloned()
    }

    /// The byte range of the key at `path` (for a mapping entry).
    pub fn key(&self, path: &str) -> Option<Range<usize>> {
        self.keys.get(path).cloned()
    }

    /// The mappings that contain `offset`, innermost first, with their keys.
    pub fn enclosing_mappings(&self, offset: usize) -> Vec<(Range<usize>, &[String])> {
        let mut found: Vec<(Range<usize>, &[String])> = self
            .maps
            .iter()
            .filter(|(r, _)| r.start <= offset && offset <= r.end)
            .map(|(r, k)| (r.clone(), k.as_slice()))
            .collect();
        found.sort_by_key(|(r, _)| r.end - r.start);
        found
    }

    /// Every path that is a mapping key.
    pub fn key_paths(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// The value's range, or failing that the nearest ancestor's, so a message
    /// about a missing field points at the mapping it is missing from.
    pub fn nearest(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path;
        loop {
            if let Some(r) = self.values.get(p) {
                return Some(r.clone());
            }
            if p.is_empty() {
                return None;
            }
            p = parent_path(p);
        }
    }

    /// Builds the index of a YAML (or JSON, which YAML reads too) text.
    /// Returns an empty index when the text does not parse; the typed loader
    /// reports that error.
    pub fn from_yaml(text: &str) -> SpanIndex {
        let mut builder = YamlIndexBuilder::default();
        let parser = granit_parser::Parser::new_from_str(text);
        for item in parser {
            match item {
                Ok((event, span)) => {
                    let start = span.start.byte_offset().unwrap_or(0);
                    let end = span.end.byte_offset().unwrap_or(start);
                    if builder.event(&event, start..end).is_err() {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        builder.index
    }

    /// Builds the index of a TOML text; empty when it does not parse.
    pub fn from_toml(text: &str) -> SpanIndex {
        let mut index = SpanIndex::default();
        if let Ok(table) = toml::de::DeTable::parse(text) {
            index.values.insert(String::new(), table.span());
            toml_table(&mut index, "", table.get_ref());
        }
        index
    }
}

/// The path one step up: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
pub fn parent_path(path: &str) -> &str {
    if path.ends_with(']')
        && let Some(i) = path.rfind('[')
    {
        return &path[..i];
    }
    match path.rfind('.') {
        Some(i) => &path[..i],
        None => "",
    }
}

/// Joins a path and a key: `join("a", "b")` is `a.b`, `join("", "b")` is `b`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a path and a sequence index: `a[3]`.
pub fn join_index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn toml_table(index: &mut SpanIndex, path: &str, table: &toml::de::DeTable<'_>) {
    for (key, value) in table {
        let p = join(path, key.get_ref());
        index.keys.insert(p.clone(), key.span());
        toml_value(index, p, value);
    }
}

fn toml_value(index: &mut SpanIndex, path: String, value: &toml::Spanned<toml::de::DeValue<'_>>) {
    index.values.insert(path.clone(), value.span());
    match value.get_ref() {
        toml::de::DeValue::Table(t) => toml_table(index, &path, t),
        toml::de::DeValue::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                toml_value(index, join_index(&path, i), v);
            }
        }
        _ => {}
    }
}

enum Frame {
    /// A mapping: the path of the mapping, the pending key (if a key was read), and its start.
    Map {
        path: String,
        start: usize,
        key: Option<(String, Range<usize>)>,
        keys: Vec<String>,
    },
    Seq {
        path: String,
        start: usize,
        next: usize,
    },
}

#[derive(Default)]
struct YamlIndexBuilder {
    index: SpanIndex,
    stack: Vec<Frame>,
    /// Nodes seen at the document level (only the first counts).
    done: bool,
}

impl YamlIndexBuilder {
    /// The path of the node that starts now, consuming the pending key or index.
    /// `None` when this node is a mapping key.
    fn next_path(&mut self, span: &Range<usize>, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next, .. }) => {
                let p = join_index(path, *next);
                *next += 1;
                Some(p)
            }
            Some(Frame::Map {
                path, key, keys, ..
            }) => match key.take() {
                Some((k, _)) => Some(join(path, &k)),
                None => {
                    // This node is a key.
                    let k = scalar.unwrap_or("?").to_owned();
                    keys.push(k.clone());
                    let full = join(path, &k);
                    self.index.keys.insert(full, span.clone());
                    *key = Some((k, span.clone()));
                    None
                }
            },
        }
    }

    fn event(&mut self, event: &granit_parser::Event<'_>, span: Range<usize>) -> Result<(), ()> {
        use granit_parser::Event;
        if self.done {
            return Err(());
        }
        match event {
            Event::Scalar(value, ..) => {
                if let Some(p) = self.next_path(&span, Some(value)) {
                    self.index.values.insert(p, span);
                }
            }
            Event::Alias(..) => {
                if let Some(p) = self.next_path(&span, None) {
                    self.index.values.insert(p, span);
                }
            }
            Event::MappingStart(..) => {
                let p = self.next_path(&span, None).ok_or(())?;
                self.stack.push(Frame::Map {
                    path: p,
                    start: span.start,
                    key: None,
                    keys: Vec::new(),
                });
            }
            Event::SequenceStart(..) => {
                let p = self.next_path(&span, None).ok_or(())?;
                self.stack.push(Frame::Seq {
                    path: p,
                    start: span.start,
                    next: 0,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (path, start, keys) = match self.stack.pop().ok_or(())? {
                    Frame::Map {
                        path, start, keys, ..
                    } => (path, start, Some(keys)),
                    Frame::Seq { path, start, .. } => (path, start, None),
                };
                let end = span.end.max(start);
                if let Some(keys) = keys {
                    self.index.maps.push((start..end, keys));
                }
                self.index.values.insert(path, start..end);
                if self.stack.is_empty() {
                    self.done = true;
                }
            }
            Event::DocumentEnd => self.done = !self.index.values.is_empty(),
            _ => {}
        }
        Ok(())
    }
}

/// Where `path` (`funders[0].preset`) is in the data file `file`: the key's
/// line, or the nearest key there is, so a message points at the field to
/// change.
pub fn locate(files: &Files, file: &str, path: &str) -> Option<Range<usize>> {
    let text = std::str::from_utf8(files.bytes(file)?).ok()?;
    let index = if file.ends_with(".toml") {
        SpanIndex::from_toml(text)
    } else {
        SpanIndex::from_yaml(text)
    };
    index.key(path).or_else(|| index.nearest(path))
}

/// Where a line of laid-out text came from: the first data file
/// (`project.yaml`, an edition, `kirje.toml`; not a template) in which its
/// first words stand in order, with any spaces or line breaks between them
/// (YAML folds long texts), and the span of those words. A word cut by
/// hyphenation at the line's end is not looked for.
pub fn find_text(files: &Files, text: &str) -> Option<(String, Range<usize>)> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.ends_with(['-', '\u{ad}', '‐']))
    {
        words.pop();
    }
    words.truncate(4);
    let first = *words.first()?;
    let data = |p: &&str| {
        !p.starts_with("templates/")
            && (p.ends_with(".yaml") || p.ends_with(".yml") || p.ends_with(".toml"))
    };
    for path in files.paths().filter(data) {
        let Some(body) = files.bytes(path).and_then(|b| std::str::from_utf8(b).ok()) else {
            continue;
        };
        for (start, _) in body.match_indices(first) {
            let mut end = start + first.len();
            let all = words[1..].iter().all(|w| {
                let rest = &body[end..];
                let gap = rest.len() - rest.trim_start().len();
                if gap > 0 && rest[gap..].starts_with(w) {
                    end += gap + w.len();
                    true
                } else {
                    false
                }
            });
            if all {
                return Some((path.to_owned(), start..end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laid_out_text_is_found_across_folded_lines_but_not_in_templates() {
        let mut files = Files::new();
        files.insert("templates/x.typ", "Perheet saavat tukea");
        files.insert(
            "project.yaml",
            "purpose:\n  fi: >\n    Perheet saavat\n    tukea ajoissa.\n",
        );
        let (file, span) = find_text(&files, "Perheet saavat tukea ajois-").expect("found");
        assert_eq!(file, "project.yaml");
        assert_eq!(span.start, "purpose:\n  fi: >\n    ".len());
        assert!(find_text(&files, "Ei tällaista").is_none());
    }

    #[test]
    fn line_col_counts_characters() {
        let t = "a: 1\nnimi: Päivi\n";
        assert_eq!(line_col(t, 0), (1, 1));
        let off = t.find("Päivi").unwrap_or_default();
        assert_eq!(line_col(t, off), (2, 7));
        assert_eq!(offset_of(t, 2, 7), off);
        assert_eq!(line_col(t, t.len()), (3, 1));
    }

    #[test]
    fn yaml_paths() {
        let t = "name: LUMO\nfunding:\n  sources:\n    - name: STM\n      amount: 800000\n    - {name: oma, amount: 2}\nlist: [a, b]\n";
        let ix = SpanIndex::from_yaml(t);
        let r = ix.value("funding.sources[0].amount").unwrap_or_default();
        assert_eq!(&t[r], "800000");
        let r = ix.value("funding.sources[1].amount").unwrap_or_default();
        assert_eq!(&t[r], "2");
        let r = ix.value("list[1]").unwrap_or_default();
        assert_eq!(&t[r], "b");
        let r = ix.key("funding.sources").unwrap_or_default();
        assert_eq!(&t[r], "sources");
        assert!(ix.nearest("funding.sources[0].share").is_some());
    }

    #[test]
    fn toml_paths() {
        let t = "languages = [\"fi\"]\n[theme]\nprimary = \"#123456\"\n";
        let ix = SpanIndex::from_toml(t);
        let r = ix.value("theme.primary").unwrap_or_default();
        assert_eq!(&t[r], "\"#123456\"");
        let r = ix.value("languages[0]").unwrap_or_default();
        assert_eq!(&t[r], "\"fi\"");
    }

    #[test]
    fn parents() {
        assert_eq!(parent_path("a.b[2].c"), "a.b[2]");
        assert_eq!(parent_path("a.b[2]"), "a.b");
        assert_eq!(parent_path("a"), "");
    }
}
