//! Reading the project's files into the typed [`model`](crate::model), with
//! every failure turned into a [`Diagnostic`] that points at file:line:col.

use std::any::Any;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use schemars::JsonSchema;

use serde::de::DeserializeOwned;

use crate::Lang;
use crate::diagnostic::{Diagnostic, Msg, ValueKind};
use crate::model::{Edition, Project, Settings};
use crate::source::{FileEntry, Files, MAX_DATA_FILE, Refusal, Source, SpanIndex, offset_of};
use crate::{values, yaml_layout, years};

/// The settings file.
pub const SETTINGS_FILE: &str = "kirje.toml";
/// The folder of editions.
pub const EDITIONS_DIR: &str = "editions/";
/// Names the project facts may have, in order of preference.
pub const PROJECT_FILES: [&str; 3] = ["project.yaml", "project.yml", "project.json"];

/// A project read and typed, with the sources kept for pointing into them.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// `kirje.toml`.
    pub settings: Settings,
    /// `project.yaml`.
    pub project: Project,
    /// The project file's name (`project.yaml`).
    pub project_file: String,
    /// Editions, oldest first.
    pub editions: Vec<LoadedEdition>,
    /// The text and span index of every data file, by name.
    pub sources: BTreeMap<String, Source>,
    /// What reading found worth a word though the files parsed (text a
    /// YAML comment swallowed); [`check`](crate::check::check) reports it.
    pub warnings: Vec<Diagnostic>,
}

/// One edition with its id (the file name without extension).
#[derive(Debug, Clone)]
pub struct LoadedEdition {
    /// `2021-05`.
    pub id: String,
    /// `editions/2021-05.yaml`.
    pub file: String,
    /// Its contents.
    pub edition: Edition,
}

impl Loaded {
    /// The project's main language: its first, Finnish when it names none.
    /// Every output without a language suffix is in it.
    pub fn main_lang(&self) -> Lang {
        self.settings.languages.first().copied().unwrap_or(Lang::Fi)
    }

    /// The edition with this id, or the newest when `id` is `None`.
    pub fn edition(&self, id: Option<&str>) -> Option<&LoadedEdition> {
        match id {
            Some(id) => self.editions.iter().find(|e| e.id == id),
            None => self.editions.last(),
        }
    }
}

/// Reads and types every data file; returns all problems found when any
/// file cannot be read.
pub fn load(files: &Files) -> Result<Loaded, Vec<Diagnostic>> {
    load_with(files, &mut LoadCache::default())
}

/// What [`load_with`] keeps between loads: each data file's bytes and what
/// reading them gave, so that a load after an edit reads again only the
/// files that changed. The live preview loads the project after every
/// pause in typing, and the project file is usually the largest.
#[derive(Default)]
pub struct LoadCache {
    files: HashMap<String, CachedRead>,
}

/// One data file as it was read last time.
struct CachedRead {
    /// The file as it was then: its bytes, or why it was not read.
    entry: Option<FileEntry>,
    value: Option<Box<dyn Any + Send + Sync>>,
    source: Option<Source>,
    errors: Vec<Diagnostic>,
}

/// [`load`], reusing what `cache` holds for files whose bytes are unchanged.
/// The result is the same as [`load`]'s.
pub fn load_with(files: &Files, cache: &mut LoadCache) -> Result<Loaded, Vec<Diagnostic>> {
    let result = load_files(files, cache);
    // Files that are gone are forgotten.
    cache.files.retain(|name, _| files.get(name).is_some());
    result
}

fn load_files(files: &Files, cache: &mut LoadCache) -> Result<Loaded, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut sources = BTreeMap::new();

    let settings = if files.get(SETTINGS_FILE).is_some() {
        read::<Settings>(files, SETTINGS_FILE, &mut sources, &mut errors, cache)
    } else {
        errors.push(Diagnostic::error(
            SETTINGS_FILE,
            None,
            Msg::FileMissing {
                path: SETTINGS_FILE.to_owned(),
            },
        ));
        None
    };

    let project_file = PROJECT_FILES.iter().find(|f| files.get(f).is_some());
    let project = match project_file {
        Some(f) => {
            let project = read::<Project>(files, f, &mut sources, &mut errors, cache);
            if let Some(p) = &project {
                errors.extend(years::require_years(p, f, sources.get(*f)));
            }
            project
        }
        None => {
            errors.push(Diagnostic::error(
                PROJECT_FILES[0],
                None,
                Msg::FileMissing {
                    path: PROJECT_FILES[0].to_owned(),
                },
            ));
            None
        }
    };

    let mut editions = Vec::new();
    let edition_files: Vec<&str> = files
        .paths()
        .filter(|p| {
            p.strip_prefix(EDITIONS_DIR)
                .is_some_and(|rest| !rest.contains('/') && data_format(rest).is_some())
        })
        .collect();
    if edition_files.is_empty() {
        errors.push(Diagnostic::error(EDITIONS_DIR, None, Msg::NoEditions));
    }
    for file in edition_files {
        if let Some(mut edition) = read::<Edition>(files, file, &mut sources, &mut errors, cache) {
            errors.extend(years::resolve_edition(
                &mut edition,
                file,
                sources.get(file),
            ));
            let name = &file[EDITIONS_DIR.len()..];
            let id = name
                .rsplit_once('.')
                .map_or(name, |(stem, _)| stem)
                .to_owned();
            editions.push(LoadedEdition {
                id,
                file: file.to_owned(),
                edition,
            });
        }
    }
    editions.sort_by(|a, b| (a.edition.date, &a.id).cmp(&(b.edition.date, &b.id)));

    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        errors.into_iter().partition(Diagnostic::is_error);
    match (settings, project, project_file) {
        (Some(settings), Some(project), Some(project_file)) if errors.is_empty() => Ok(Loaded {
            settings,
            project,
            project_file: (*project_file).to_owned(),
            editions,
            sources,
            warnings,
        }),
        _ => Err(errors.into_iter().chain(warnings).collect()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
    Json,
}

fn data_format(name: &str) -> Option<Format> {
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "yaml" | "yml" => Some(Format::Yaml),
        "toml" => Some(Format::Toml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Decodes one data file's bytes to text, or says why it cannot be read.
pub fn decode_text(name: &str, entry: Option<&FileEntry>) -> Result<String, Box<Diagnostic>> {
    let refused = |m| Box::new(Diagnostic::error(name, None, m));
    let bytes = match entry {
        None => {
            return Err(refused(Msg::FileMissing {
                path: name.to_owned(),
            }));
        }
        Some(FileEntry::Refused(Refusal::TooLarge { size, limit })) => {
            return Err(refused(Msg::FileTooLarge {
                size: *size,
                limit: *limit,
            }));
        }
        Some(FileEntry::Refused(Refusal::OutsideRoot)) => {
            return Err(refused(Msg::FileOutsideRoot));
        }
        Some(FileEntry::Refused(_)) => return Err(refused(Msg::FileNotAFile)),
        Some(FileEntry::Data(b)) => b,
    };
    if bytes.len() as u64 > MAX_DATA_FILE {
        return Err(refused(Msg::FileTooLarge {
            size: bytes.len() as u64,
            limit: MAX_DATA_FILE,
        }));
    }
    if looks_utf16(bytes) {
        return Err(Box::new(
            Diagnostic::error(name, None, Msg::Utf16).with_hint(Msg::HintUtf8),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        let at = std::str::from_utf8(&bytes[..nul]).map_or(0, str::len);
        return Err(Box::new(Diagnostic::error(
            name,
            Some(at..at),
            Msg::BinaryFile,
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            Err(Box::new(
                Diagnostic::error(name, Some(at..at + 1), Msg::NotUtf8).with_hint(Msg::HintUtf8),
            ))
        }
    }
}

/// UTF-16 text, as Notepad saves "Unicode": its byte order mark, or text
/// whose every other byte is zero (ASCII characters in UTF-16).
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return true;
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    head.len() >= 4
        && (head.chunks(2).all(|c| c[1] == 0 && c[0] != 0)
            || head.chunks(2).all(|c| c[0] == 0 && c[1] != 0))
}

/// A text is empty when it holds nothing but whitespace and comments.
fn is_blank(text: &str, format: Format) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || (format != Format::Json && l.starts_with('#'))
    })
}

/// Reads one data file through `cache`: what it holds for the same file,
/// or [`read_file`], whose result it then keeps.
fn read<T: DeserializeOwned + JsonSchema + Clone + Send + Sync + 'static>(
    files: &Files,
    name: &str,
    sources: &mut BTreeMap<String, Source>,
    errors: &mut Vec<Diagnostic>,
    cache: &mut LoadCache,
) -> Option<T> {
    let entry = files.get(name);
    // Stale: the file changed, or was last read as another type.
    let stale = cache.files.get(name).is_none_or(|last| {
        last.entry.as_ref() != entry || last.value.as_ref().is_some_and(|v| !v.is::<T>())
    });
    if stale {
        let mut own_errors = Vec::new();
        let mut own_sources = BTreeMap::new();
        let value = read_file::<T>(files, name, &mut own_sources, &mut own_errors);
        cache.files.insert(
            name.to_owned(),
            CachedRead {
                entry: entry.cloned(),
                value: value.map(|v| Box::new(v) as Box<dyn Any + Send + Sync>),
                source: own_sources.remove(name),
                errors: own_errors,
            },
        );
    }
    let last = cache.files.get(name)?;
    errors.extend(last.errors.iter().cloned());
    if let Some(src) = &last.source {
        sources.insert(name.to_owned(), src.clone());
    }
    last.value.as_ref()?.downcast_ref::<T>().cloned()
}

/// Reads one data file: decodes, parses and types it, and keeps its text
/// and span index in `sources`.
fn read_file<T: DeserializeOwned + JsonSchema>(
    files: &Files,
    name: &str,
    sources: &mut BTreeMap<String, Source>,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = match decode_text(name, files.get(name)) {
        Ok(t) => t,
        Err(d) => {
            errors.push(*d);
            return None;
        }
    };
    let format = data_format(name).unwrap_or(Format::Yaml);
    if is_blank(&text, format) {
        errors.push(Diagnostic::error(name, Some(0..0), Msg::FileEmpty));
        return None;
    }
    if format == Format::Yaml {
        errors.extend(yaml_warnings(name, &text));
    }
    let parsed = match format {
        Format::Yaml => parse_yaml::<T>(name, &text),
        Format::Toml => parse_toml::<T>(name, &text),
        Format::Json => parse_json::<T>(name, &text),
    };
    let index = match format {
        Format::Toml => SpanIndex::from_toml(&text),
        Format::Yaml | Format::Json => SpanIndex::from_yaml(&text),
    };
    sources.insert(
        name.to_owned(),
        Source {
            name: name.to_owned(),
            text,
            index,
        },
    );
    match parsed {
        Ok(v) => Some(v),
        Err(d) => {
            errors.push(*d);
            None
        }
    }
}

/// The YAML reader's limits: no duplicate keys, bounded alias expansion.
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 100,
        },
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_events: 200_000,
        },
    }
}

fn parse_yaml<T: DeserializeOwned + JsonSchema>(
    name: &str,
    text: &str,
) -> Result<T, Box<Diagnostic>> {
    values::forget_rejected();
    serde_saphyr::from_str_with_options::<T>(text, yaml_options()).map_err(|e| {
        let parsed = yaml_error::<T>(name, text, &e);
        // The parser says where it gave up; the layout scanner, when it
        // knows the mistake, where a person must change the file.
        let line = parsed.span.as_ref().map_or(usize::MAX, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        let known = !matches!(
            parsed.message,
            Msg::DuplicateKey { .. } | Msg::AliasLimit | Msg::TooComplex
        ) && !values::is_value_msg(&parsed.message);
        let mistake = yaml_layout::first_mistake(text, line)
            .filter(|_| known)
            .or_else(|| {
                let at = parsed.span.as_ref()?.start;
                matches!(
                    parsed.message,
                    Msg::DataSyntax { .. } | Msg::WrongType { .. } | Msg::InvalidValue { .. }
                )
                .then(|| wrong_kind::<T>(text, at))?
            });
        match mistake {
            Some(m) => Box::new(Diagnostic {
                hints: m.hints,
                detail: parsed.detail,
                ..Diagnostic::error(name, Some(m.span), m.msg)
            }),
            None => Box::new(parsed),
        }
    })
}

/// Warnings a YAML file that parsed may still deserve: text after ` #`
/// that YAML dropped as a comment.
fn yaml_warnings(name: &str, text: &str) -> Vec<Diagnostic> {
    yaml_layout::comment_in_text(text)
        .into_iter()
        .map(|m| Diagnostic {
            hints: m.hints,
            ..Diagnostic::warning(name, Some(m.span), m.msg)
        })
        .collect()
}

/// What a field holds, from `T`'s schema.
enum FieldKind {
    /// A list (`- …` lines).
    List,
    /// A whole number.
    Number,
    /// `true` or `false`.
    YesNo,
    /// A text, or a text per language.
    Text,
    /// Fields of its own: (required, all).
    Fields(Vec<String>, Vec<String>),
}

/// A value of the wrong kind for its field, read from the line around
/// `at` and the field's kind in `T`'s schema (not from the parser's words):
/// `image: assets/kuva.jpg` where `image` wants `path:` and `alt:` below
/// it, `goals: one sentence` where a list is wanted, `number: kolme`,
/// `title:` with a list under it. The example in the hint is written out
/// from the value given.
fn wrong_kind<T: JsonSchema>(text: &str, at: usize) -> Option<yaml_layout::Mistake> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[start..end].trim_end_matches('\r');
    let mut body = line.trim_start();
    while let Some(rest) = body.strip_prefix("- ") {
        body = rest.trim_start();
    }
    let key_col = line.len() - body.len();
    let (key, value) = match body.split_once(':') {
        Some((k, v)) if v.is_empty() || v.starts_with(' ') => (k, v.trim()),
        _ => return None,
    };
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let value = value.split(" #").next().unwrap_or_default().trim();
    let rest = &body[key.len() + 1..];
    let value_at = start + key_col + key.len() + 1 + (rest.len() - rest.trim_start().len());
    let indent = " ".repeat(key_col);
    let pad = " ".repeat(key_col + 2);
    let shown = if value.is_empty() { "…" } else { value };
    let (expected, example) = match field_kind::<T>(key)? {
        FieldKind::Fields(required, all)
            if !value.is_empty() && !value.starts_with(['{', '&', '*']) =>
        {
            let mut fields = required;
            if all.iter().any(|f| f == "alt") && !fields.iter().any(|f| f == "alt") {
                fields.push("alt".to_owned());
            }
            let home = ["url", "path"]
                .into_iter()
                .find(|f| fields.iter().any(|x| x == f) && (*f == "path" || value.contains("://")))
                .or_else(|| fields.first().map(String::as_str))?
                .to_owned();
            let mut example = format!("{indent}{key}:");
            for f in &fields {
                let v = if *f == home { value } else { "…" };
                example.push_str(&format!("\n{pad}{f}: {v}"));
            }
            return Some(yaml_layout::Mistake {
                span: value_at..value_at + value.len(),
                msg: Msg::YamlShortForm {
                    key: key.to_owned(),
                    fields,
                },
                hints: vec![Msg::HintShortForm { example }],
            });
        }
        FieldKind::List if !value.is_empty() && !value.starts_with(['[', '&', '*']) => {
            (ValueKind::List, format!("{indent}{key}:\n{pad}- {value}"))
        }
        FieldKind::Number if value.parse::<f64>().is_err() => {
            (ValueKind::Number, format!("{indent}{key}: 1"))
        }
        FieldKind::YesNo if !matches!(value, "true" | "false") => {
            (ValueKind::YesNo, format!("{indent}{key}: true"))
        }
        FieldKind::Text if value.is_empty() => (
            ValueKind::Text,
            format!("{indent}{key}: {shown}\n{indent}{key}: {{fi: …, sv: …}}"),
        ),
        _ => return None,
    };
    let span = if value.is_empty() {
        start + key_col..start + key_col + key.len()
    } else {
        value_at..value_at + value.len()
    };
    Some(yaml_layout::Mistake {
        span,
        msg: Msg::WrongKind {
            key: key.to_owned(),
            expected,
        },
        hints: vec![Msg::HintShortForm { example }],
    })
}

/// What `field` holds somewhere in `T`'s schema (the first struct that has
/// it): a list, a number, yes/no, a text, or fields of its own.
fn field_kind<T: JsonSchema>(field: &str) -> Option<FieldKind> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).ok()?;
    let defs = schema.get("$defs").and_then(|d| d.as_object());
    let mut objects = vec![&schema];
    if let Some(defs) = defs {
        objects.extend(defs.values());
    }
    let resolve = |v: &serde_json::Value| -> Option<serde_json::Value> {
        let name = v.get("$ref")?.as_str()?.strip_prefix("#/$defs/")?;
        defs?.get(name).cloned()
    };
    let prop = objects
        .iter()
        .find_map(|o| o.get("properties")?.get(field))?
        .clone();
    // Walk `$ref` and `anyOf` (an optional field is "this or null"); a
    // string anywhere makes it a text.
    let mut todo = vec![prop];
    let mut found = None;
    while let Some(v) = todo.pop() {
        if let Some(r) = resolve(&v) {
            todo.push(r);
            continue;
        }
        if let Some(any) = v
            .get("anyOf")
            .or_else(|| v.get("oneOf"))
            .and_then(|a| a.as_array())
        {
            todo.extend(any.iter().cloned());
            continue;
        }
        let types: Vec<&str> = match v.get("type") {
            Some(serde_json::Value::String(t)) => vec![t.as_str()],
            Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).collect(),
            _ => vec![],
        };
        for t in types {
            match t {
                "string" => return Some(FieldKind::Text),
                "array" => found = Some(FieldKind::List),
                "integer" | "number" => found = found.or(Some(FieldKind::Number)),
                "boolean" => found = found.or(Some(FieldKind::YesNo)),
                "object" => {
                    if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
                        let required = v
                            .get("required")
                            .and_then(|r| r.as_array())
                            .map(|r| {
                                r.iter()
                                    .filter_map(|x| x.as_str().map(str::to_owned))
                                    .collect()
                            })
                            .unwrap_or_default();
                        found = Some(FieldKind::Fields(required, props.keys().cloned().collect()));
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// The field names of every struct in `T`'s schema that has `field`.
fn field_sets_with<T: JsonSchema>(field: &str) -> Vec<BTreeSet<String>> {
    let schema = schemars::schema_for!(T);
    let value = serde_json::to_value(&schema).unwrap_or_default();
    let mut objects = vec![&value];
    if let Some(defs) = value.get("$defs").and_then(|d| d.as_object()) {
        objects.extend(defs.values());
    }
    objects
        .into_iter()
        .filter_map(|o| o.get("properties")?.as_object())
        .filter(|props| props.contains_key(field))
        .map(|props| props.keys().cloned().collect())
        .collect()
}

fn yaml_error<T: JsonSchema>(name: &str, text: &str, outer: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    // Snippet and alias wrappers carry the error that says what went wrong.
    let mut e = outer;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    let mut span = e
        .location()
        .filter(|l| l.line() > 0)
        .or_else(|| outer.location())
        .and_then(|loc| {
            (loc.line() > 0).then(|| {
                let at = offset_of(text, loc.line() as usize, loc.column().max(1) as usize);
                at..token_end(text, at)
            })
        });
    let (msg, mut hints) = match e {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
            unknown_field(field, &expected)
        }
        E::SerdeMissingField { field, .. } => {
            // Point at the start of the mapping the field is missing from:
            // the innermost one around the error whose keys all belong to a
            // struct that has this field.
            let index = SpanIndex::from_yaml(text);
            let at = span.as_ref().map_or(0, |s| s.start);
            let shapes = field_sets_with::<T>(field);
            let maps = index.enclosing_mappings(at);
            let chosen = maps
                .iter()
                .find(|(_, keys)| {
                    !keys.iter().any(|k| k == field)
                        && shapes
                            .iter()
                            .any(|set| keys.iter().all(|k| set.contains(k)))
                })
                .or(maps.last());
            if let Some((map, _)) = chosen {
                span = Some(map.start..token_end(text, map.start));
            }
            (
                Msg::MissingField {
                    field: (*field).to_owned(),
                },
                vec![],
            )
        }
        E::DuplicateMappingKey { key, .. } => (
            Msg::DuplicateKey {
                key: key.clone().unwrap_or_default(),
            },
            vec![],
        ),
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            Msg::WrongType {
                found: unexpected.clone(),
                expected: expected.clone(),
            },
            vec![Msg::HintQuote],
        ),
        E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            Msg::InvalidValue {
                detail: format!("{unexpected}, expected {expected}"),
            },
            vec![],
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
            let mut hints = suggest(variant, &expected);
            hints.push(Msg::Allowed { words: expected });
            (
                Msg::UnknownVariant {
                    value: variant.clone(),
                },
                hints,
            )
        }
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => (Msg::AliasLimit, vec![]),
        E::Budget { .. } => (Msg::TooComplex, vec![]),
        E::Message { msg, .. } => from_message(msg, "YAML"),
        other => {
            let text = other.to_string();
            if text.to_ascii_lowercase().contains("budget") {
                (Msg::TooComplex, vec![])
            } else {
                from_message(&first_line(&text), "YAML")
            }
        }
    };
    if let Some(h) = hint_for_msg(&msg) {
        hints.push(h);
    }
    Diagnostic {
        hints,
        detail: Some(first_line(&outer.to_string())),
        ..Diagnostic::error(name, span, msg)
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_owned()
}

fn hint_for_msg(msg: &Msg) -> Option<Msg> {
    match msg {
        Msg::TabIndent => Some(Msg::HintSpaces),
        _ => values::hint_for(msg),
    }
}

/// The end of the word or value at `at`, so a label underlines it.
fn token_end(text: &str, at: usize) -> usize {
    let rest = &text[at.min(text.len())..];
    let line = rest.split('\n').next().unwrap_or_default();
    let len = line.trim_end().len();
    at + len.max(1).min(rest.len())
}

/// Serde's and the parsers' own English messages, mapped to ours where we know them.
fn from_message(msg: &str, format: &'static str) -> (Msg, Vec<Msg>) {
    if let Some(e) = values::rejected(msg) {
        return (e.into(), vec![]);
    }
    let between = |s: &str| -> Option<String> {
        let a = s.find('`')? + 1;
        let b = a + s[a..].find('`')?;
        Some(s[a..b].to_owned())
    };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let field = between(rest).unwrap_or_default();
        let expected: Vec<String> = rest
            .split_once("expected")
            .map(|(_, list)| {
                list.split('`')
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 1)
                    .map(|(_, w)| w.to_owned())
                    .collect()
            })
            .unwrap_or_default();
        return unknown_field(&field, &expected);
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return (
            Msg::MissingField {
                field: between(rest).unwrap_or_default(),
            },
            vec![],
        );
    }
    if msg.starts_with("duplicate key") || msg.contains("duplicate field") {
        return (
            Msg::DuplicateKey {
                key: between(msg).unwrap_or_default(),
            },
            vec![],
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            Msg::WrongType {
                found: found.to_owned(),
                expected: expected.to_owned(),
            },
            vec![],
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        return (
            Msg::UnknownVariant {
                value: between(rest).unwrap_or_default(),
            },
            vec![],
        );
    }
    let lower = msg.to_ascii_lowercase();
    if lower.contains("tab") && (lower.contains("indent") || lower.contains("tabs")) {
        return (Msg::TabIndent, vec![]);
    }
    if lower.contains("recursion") || lower.contains("depth") || lower.contains("budget") {
        return (Msg::TooComplex, vec![]);
    }
    if lower.contains("alias") && (lower.contains("limit") || lower.contains("exceed")) {
        return (Msg::AliasLimit, vec![]);
    }
    (Msg::DataSyntax { format }, vec![])
}

/// Finnish and Swedish words people type for kirje's English field names.
const FIELD_WORDS: &[(&str, &str)] = &[
    ("sähköposti", "email"),
    ("sposti", "email"),
    ("s-posti", "email"),
    ("e-post", "email"),
    ("epost", "email"),
    ("puhelin", "phone"),
    ("puh", "phone"),
    ("puhelinnumero", "phone"),
    ("telefon", "phone"),
    ("tfn", "phone"),
    ("otsikko", "title"),
    ("rubrik", "title"),
    ("titteli", "title"),
    ("tehtävä", "title"),
    ("befattning", "title"),
    ("titel", "title"),
    ("ingressi", "intro"),
    ("johdanto", "intro"),
    ("ingress", "intro"),
    ("paikka", "place"),
    ("plats", "place"),
    ("päivämäärä", "date"),
    ("pvm", "date"),
    ("päivä", "date"),
    ("datum", "date"),
    ("alku", "start"),
    ("alkaa", "start"),
    ("början", "start"),
    ("loppu", "end"),
    ("päättyy", "end"),
    ("slut", "end"),
    ("kuva", "image"),
    ("bild", "image"),
    ("linkki", "link"),
    ("länk", "link"),
    ("teksti", "body"),
    ("leipäteksti", "body"),
    ("text", "body"),
    ("brödtext", "body"),
    ("uutiset", "news"),
    ("nyheter", "news"),
    ("tapahtumat", "events"),
    ("evenemang", "events"),
    ("videot", "videos"),
    ("videor", "videos"),
    ("nimi", "name"),
    ("namn", "name"),
    ("organisaatio", "organisation"),
    ("organisation", "organisation"),
    ("kuvaus", "description"),
    ("beskrivning", "description"),
    ("ilmoittautuminen", "registration"),
    ("ilmoittaudu", "registration"),
    ("anmälan", "registration"),
    ("numero", "number"),
    ("nummer", "number"),
    ("yhteyshenkilöt", "contacts"),
    ("yhteystiedot", "contacts"),
    ("kontakter", "contacts"),
    ("kontaktpersoner", "contacts"),
    ("tavoitteet", "goals"),
    ("mål", "goals"),
    ("rahoitus", "funding"),
    ("finansiering", "funding"),
    ("rahoittajat", "funders"),
    ("finansiärer", "funders"),
    ("alue", "region"),
    ("region", "region"),
    ("kieli", "language"),
    ("språk", "language"),
    ("kuvateksti", "caption"),
    ("bildtext", "caption"),
    ("vaihtoehtoinen teksti", "alt"),
    ("alt-teksti", "alt"),
    ("osoite", "url"),
    ("verkko-osoite", "url"),
    ("webbadress", "url"),
    ("summa", "amount"),
    ("belopp", "amount"),
    ("osuus", "share"),
    ("andel", "share"),
    ("kesto", "period"),
    ("toteutusaika", "period"),
    ("period", "period"),
];

/// The field meant by a Finnish or Swedish word, when `allowed` has it.
fn field_for_word(word: &str, allowed: &[String]) -> Option<String> {
    let w = word.trim().trim_end_matches(':').to_lowercase();
    FIELD_WORDS
        .iter()
        .filter(|(typed, _)| *typed == w)
        .map(|(_, field)| *field)
        .find(|field| allowed.iter().any(|a| a == field))
        .map(str::to_owned)
}

fn unknown_field(field: &str, expected: &[String]) -> (Msg, Vec<Msg>) {
    let mut hints = match field_for_word(field, expected) {
        Some(word) => vec![Msg::DidYouMean { word }],
        None => suggest(field, expected),
    };
    if !expected.is_empty() {
        hints.push(Msg::Allowed {
            words: expected.to_vec(),
        });
    }
    (
        Msg::UnknownField {
            field: field.to_owned(),
        },
        hints,
    )
}

/// "did you mean" for the closest allowed word, when one is close.
pub fn suggest(word: &str, allowed: &[String]) -> Vec<Msg> {
    let lower = word.to_lowercase();
    allowed
        .iter()
        .map(|a| (strsim::jaro_winkler(&lower, &a.to_lowercase()), a))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| Msg::DidYouMean { word: a.clone() })
        .into_iter()
        .collect()
}

fn parse_toml<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Box<Diagnostic>> {
    values::forget_rejected();
    toml::from_str::<T>(text).map_err(|e| {
        let (msg, mut hints) = from_message(e.message().trim(), "TOML");
        if let Some(h) = hint_for_msg(&msg) {
            hints.push(h);
        }
        Box::new(Diagnostic {
            hints,
            detail: Some(e.message().trim().to_owned()),
            ..Diagnostic::error(name, e.span(), msg)
        })
    })
}

fn parse_json<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Box<Diagnostic>> {
    values::forget_rejected();
    serde_json::from_str::<T>(text).map_err(|e| {
        let full = e.to_string();
        let bare = match full.rfind(" at line ") {
            Some(i) => &full[..i],
            None => &full,
        };
        let (msg, mut hints) = from_message(bare, "JSON");
        if let Some(h) = hint_for_msg(&msg) {
            hints.push(h);
        }
        let at = offset_of(text, e.line(), e.column().max(1));
        Box::new(Diagnostic {
            hints,
            detail: Some(full.clone()),
            ..Diagnostic::error(name, Some(at..token_end(text, at)), msg)
        })
    })
}
