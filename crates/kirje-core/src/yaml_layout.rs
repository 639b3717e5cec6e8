//! The YAML mistakes people make while editing by hand, read from the text.
//!
//! Our own code, because no YAML parser explains these in a writer's words:
//! a parser reports where it gave up (often a line later, or at the start
//! of the mapping a misplaced key fell out of) and in its own terms
//! ("mapping values are not allowed in this context"). This scanner walks
//! the lines as a person sees them (indentation, `- ` items, `key: value`)
//! and names the first line a person must change: a tab in the
//! indentation, a line indented differently from the lines it belongs with,
//! a key indented under a finished value, a list line without its `- `, a
//! colon and space inside unquoted text, a quote left open. It is asked
//! only when the parser has refused the file (every mistake it names is one
//! the parser refuses too), except for [`comment_in_text`], a warning for
//! text that YAML silently drops.

use std::ops::Range;

use crate::diagnostic::Msg;

/// A mistake with the place to change, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mistake {
    /// Bytes to underline.
    pub span: Range<usize>,
    /// What is wrong.
    pub msg: Msg,
    /// How to fix it.
    pub hints: Vec<Msg>,
}

/// What a line at one indentation holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `key: …`
    Map,
    /// `- …`
    Seq,
    /// Plain text (a list of texts written without `- `, say).
    Text,
}

#[derive(Debug, Clone)]
struct Level {
    indent: usize,
    kind: Kind,
    /// The key or first words of the last line at this level, to name it.
    label: String,
    /// Where that line starts.
    line: usize,
}

/// One line split the way a person reads it.
struct Line<'a> {
    /// Byte offset of the line in the text.
    start: usize,
    /// 1-based line number.
    number: usize,
    /// The leading whitespace.
    lead: &'a str,
    /// The rest, without a trailing CR.
    body: &'a str,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n').enumerate().map(move |(i, raw)| {
        let line_start = start;
        start += raw.len();
        let raw = raw.trim_end_matches('\n').trim_end_matches('\r');
        let body = raw.trim_start_matches([' ', '\t']);
        Line {
            start: line_start,
            number: i + 1,
            lead: &raw[..raw.len() - body.len()],
            body,
        }
    })
}

/// `key: rest` or `key:`: the key and the offset of what follows the colon.
fn split_key(body: &str) -> Option<(&str, usize)> {
    let first = body.chars().next()?;
    if matches!(
        first,
        '"' | '\'' | '[' | '{' | '#' | '&' | '*' | '!' | '|' | '>' | '-' | '%' | '@' | '`'
    ) && !(first == '-' && !body.starts_with("- ") && body != "-")
    {
        return None;
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b':' if i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t' => {
                let key = body[..i].trim_end();
                return (!key.is_empty()).then_some((key, i + 1));
            }
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// A value's text without a trailing comment, and the comment's offset.
fn strip_comment(value: &str) -> (&str, Option<usize>) {
    let bytes = value.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return (value[..i].trim_end(), Some(i));
        }
    }
    (value.trim_end(), None)
}

/// Where a quoted scalar starting at `value[0]` closes on this line.
fn closing_quote(value: &str) -> Option<usize> {
    let quote = value.chars().next()?;
    let bytes = value.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            ('"', b'\\') => i += 1,
            ('"', b'"') => return Some(i),
            ('\'', b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
            ('\'', b'\'') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The value as it should be written: in double quotes, or in single
/// quotes when it holds a double quote.
fn quoted(value: &str) -> String {
    if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A short name for a line in a message: its key, or its first words.
fn label_of(body: &str) -> String {
    let body = body.strip_prefix("- ").unwrap_or(body);
    match split_key(body) {
        Some((key, _)) => format!("{key}:"),
        None => body.chars().take(30).collect(),
    }
}

/// The first layout mistake in `text`, for a file the parser refused at
/// line `error_line` (1-based).
pub(crate) fn first_mistake(text: &str, error_line: usize) -> Option<Mistake> {
    let mut stack: Vec<Level> = Vec::new();
    // The column a child of the previous line must be deeper than, when
    // that line opened a block (`key:` with no value, or `-` alone).
    let mut opener: Option<usize> = None;
    // The previous line ended in a finished `key: value`.
    let mut finished_value: Option<(usize, String, usize)> = None;
    // Inside a block scalar owned by this column.
    let mut block: Option<usize> = None;
    // Inside a quoted scalar opened at this offset with this character.
    let mut open_quote: Option<(usize, char)> = None;
    // Open brackets of a flow collection spanning lines.
    let mut flow_depth = 0usize;

    for line in lines(text) {
        if let Some((at, quote)) = open_quote {
            let closes = match quote {
                '"' => closing_quote(&format!("\"{}", line.body)).is_some(),
                _ => closing_quote(&format!("'{}", line.body)).is_some(),
            };
            if closes || line.number > error_line {
                open_quote = None;
                if line.number >= error_line {
                    // The parser gave up at or after the line the quote
                    // "closed" on: the closing quote was missing.
                    return Some(unclosed_quote(text, at, quote));
                }
            }
            continue;
        }
        if line.body.is_empty() || line.body.starts_with('#') {
            continue;
        }
        let indent = line.lead.len();
        if let Some(owner) = block {
            // Spaces before any tab: a tab after the indentation is text.
            let spaces = line.lead.find('\t').unwrap_or(indent);
            if spaces > owner {
                continue;
            }
            block = None;
        }
        if flow_depth > 0 {
            flow_depth = flow_depth_after(flow_depth, line.body);
            continue;
        }
        if line.body == "---" || line.body == "..." || line.body.starts_with('%') {
            stack.clear();
            opener = None;
            finished_value = None;
            continue;
        }
        if let Some(tab) = line.lead.find('\t') {
            let at = line.start + tab;
            return Some(Mistake {
                span: at..at + 1,
                msg: Msg::TabIndent,
                hints: vec![Msg::HintSpaces],
            });
        }

        // `- - key: value`: every dash opens a list level of its own.
        let mut col = indent;
        let mut body = line.body;
        let mut dashes = Vec::new();
        while body == "-" || body.starts_with("- ") {
            dashes.push(col);
            let rest = body[1..].trim_start_matches(' ');
            col += body.len() - rest.len();
            body = rest;
        }
        let key = split_key(body);
        let kind = if !dashes.is_empty() {
            Kind::Seq
        } else if key.is_some() {
            Kind::Map
        } else {
            Kind::Text
        };

        let deeper = stack.last().is_none_or(|top| indent > top.indent);
        if deeper && !stack.is_empty() {
            match opener {
                Some(parent) if indent > parent || kind == Kind::Seq => {}
                _ => {
                    if kind == Kind::Map
                        && let Some((key_col, key_label, key_line)) = &finished_value
                    {
                        let _ = key_line;
                        return Some(indent_mistake(
                            line.start, line.body, indent, *key_col, key_label, true,
                        ));
                    }
                    // A plain text going on over more lines.
                    continue;
                }
            }
        }
        if !deeper {
            let mut popped: Option<Level> = None;
            while stack.last().is_some_and(|top| top.indent > indent) {
                popped = stack.pop();
            }
            let same = stack.last().is_some_and(|top| top.indent == indent);
            if !same && let Some(sibling) = popped {
                return Some(indent_mistake(
                    line.start,
                    line.body,
                    indent,
                    sibling.indent,
                    &sibling.label,
                    false,
                ));
            }
            // A compact list under a key (`key:` then `- item` at the
            // key's own column) sits beside its map.
            let compact = opener == Some(indent) && kind == Kind::Seq;
            if let Some(top) = stack.last_mut()
                && !compact
            {
                if let Some(m) = missing_dash(top, kind, &line) {
                    return Some(m);
                }
                if top.kind == Kind::Seq && kind == Kind::Map {
                    // The parent map's next key after a compact list.
                    stack.pop();
                }
            }
        }
        let top_same = stack.last().is_some_and(|t| t.indent == indent);
        if top_same {
            if let Some(top) = stack.last_mut() {
                top.label = label_of(line.body);
                top.line = line.start;
            }
        } else {
            stack.push(Level {
                indent,
                kind,
                label: label_of(line.body),
                line: line.start,
            });
        }
        // The item's own content starts a level of its own (`- title: …`
        // puts `title` at the column the item's other keys line up with).
        for &d in dashes.iter().skip(1) {
            stack.push(Level {
                indent: d,
                kind: Kind::Seq,
                label: label_of(line.body),
                line: line.start,
            });
        }
        if !dashes.is_empty() && !body.is_empty() {
            stack.push(Level {
                indent: col,
                kind: if key.is_some() { Kind::Map } else { Kind::Text },
                label: label_of(body),
                line: line.start,
            });
        }

        opener = None;
        finished_value = None;
        let body_at = line.start + (line.body.len() - body.len()) + indent;
        match key {
            None if body.is_empty() => opener = Some(col),
            None => {
                if let Some(m) = value_mistake(body, body_at, text) {
                    match m {
                        Found::Mistake(m) => return Some(m),
                        Found::Quote(at, q) => open_quote = Some((at, q)),
                        Found::Block => block = Some(dashes.last().copied().unwrap_or(col)),
                        Found::Flow(d) => flow_depth = d,
                    }
                }
            }
            Some((k, after)) => {
                let value = body[after..].trim_start();
                let value_at = body_at + (body.len() - value.len());
                let (bare, _) = strip_comment(value);
                if bare.is_empty() || bare.starts_with('&') && !bare.contains(' ') {
                    opener = Some(col);
                } else {
                    match value_mistake(value, value_at, text) {
                        Some(Found::Mistake(m)) => return Some(m),
                        Some(Found::Quote(at, q)) => open_quote = Some((at, q)),
                        Some(Found::Block) => block = Some(col),
                        Some(Found::Flow(d)) => flow_depth = d,
                        None => finished_value = Some((col, format!("{k}:"), line.start)),
                    }
                }
            }
        }
    }
    if let Some((at, quote)) = open_quote {
        return Some(unclosed_quote(text, at, quote));
    }
    None
}

/// What a value's first characters start.
enum Found {
    Mistake(Mistake),
    /// A quoted text that goes on to the next line.
    Quote(usize, char),
    /// A block text (`|` or `>`).
    Block,
    /// A `[` or `{` list that goes on to the next line, this many deep.
    Flow(usize),
}

/// What the value at `at` starts, or the mistake in it: a colon and a
/// space inside unquoted text, which YAML reads as a new key.
fn value_mistake(value: &str, at: usize, text: &str) -> Option<Found> {
    let first = value.chars().next()?;
    match first {
        '|' | '>' => return Some(Found::Block),
        '"' | '\'' => {
            return match closing_quote(value) {
                Some(_) => None,
                None => Some(Found::Quote(at, first)),
            };
        }
        '[' | '{' => {
            let depth = flow_depth_after(0, value);
            return (depth > 0).then_some(Found::Flow(depth));
        }
        '&' | '*' | '!' => return None,
        _ => {}
    }
    let (bare, _) = strip_comment(value);
    let colon = bare
        .find(": ")
        .or_else(|| bare.ends_with(':').then(|| bare.len() - 1))?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let fixed = format!("{}{}", &line[..at - line_start], quoted(bare));
    Some(Found::Mistake(Mistake {
        span: at + colon..at + colon + 1,
        msg: Msg::YamlColonInText,
        hints: vec![Msg::HintQuoteLine {
            line: fixed.trim().to_owned(),
        }],
    }))
}

fn flow_depth_after(mut depth: usize, s: &str) -> usize {
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// A line indented to `found` columns where its place wants `expected`,
/// the column of `sibling` (`title:`). `under_value`: the line is deeper
/// than a finished `key: value`, so YAML reads it as more of that text.
fn indent_mistake(
    start: usize,
    body: &str,
    found: usize,
    expected: usize,
    sibling: &str,
    under_value: bool,
) -> Mistake {
    let sibling = sibling.to_owned();
    Mistake {
        span: start + found..start + found + body.len(),
        msg: if under_value {
            Msg::YamlIndentUnderValue {
                found,
                expected,
                sibling: sibling.clone(),
            }
        } else {
            Msg::YamlIndent {
                found,
                expected,
                sibling: sibling.clone(),
            }
        },
        hints: vec![Msg::HintIndent { sibling, expected }],
    }
}

/// A list line without its `- ` beside lines that have one.
fn missing_dash(top: &Level, kind: Kind, line: &Line) -> Option<Mistake> {
    let (at, body) = match (top.kind, kind) {
        (Kind::Seq, Kind::Text) => (line.start + line.lead.len(), line.body),
        (Kind::Text, Kind::Seq) => (top.line + top.indent, ""),
        _ => return None,
    };
    let len = if body.is_empty() { 1 } else { body.len() };
    Some(Mistake {
        span: at..at + len,
        msg: Msg::YamlNoDash,
        hints: vec![Msg::HintDash],
    })
}

/// A quote opened at `at` and not closed on its line.
fn unclosed_quote(text: &str, at: usize, quote: char) -> Mistake {
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    Mistake {
        span: at..end,
        msg: Msg::YamlUnclosedQuote { quote },
        hints: vec![Msg::HintCloseQuote { quote }],
    }
}

/// Warnings for text YAML reads as a comment: ` #` inside an unquoted value
/// (`place: Verkossa #Teams`) drops the rest of the line without a word.
/// A comment that starts with a space (`# note`) is taken as meant.
pub(crate) fn comment_in_text(text: &str) -> Vec<Mistake> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None;
    for line in lines(text) {
        if line.body.is_empty() || line.body.starts_with('#') {
            continue;
        }
        let indent = line.lead.len();
        if let Some(owner) = block {
            if indent > owner {
                continue;
            }
            block = None;
        }
        let mut col = indent;
        let mut body = line.body;
        while body.starts_with("- ") {
            let rest = body[1..].trim_start_matches(' ');
            col += body.len() - rest.len();
            body = rest;
        }
        let (value, value_col) = match split_key(body) {
            Some((_, after)) => {
                let v = body[after..].trim_start();
                (v, col + body.len() - v.len())
            }
            None => (body, col),
        };
        match value.chars().next() {
            Some('|' | '>') => {
                block = Some(col);
                continue;
            }
            Some('"' | '\'' | '[' | '{') | None => continue,
            _ => {}
        }
        let (bare, comment) = strip_comment(value);
        let Some(c) = comment else { continue };
        let after = &value[c + 1..];
        if bare.is_empty() || after.is_empty() || after.starts_with([' ', '\t', '#']) {
            continue;
        }
        let at = line.start + value_col + c;
        let end = line.start + value_col + value.len();
        let line_text = &text[line.start..line.start + line.lead.len() + line.body.len()];
        let fixed = format!("{}{}", &line_text[..value_col], quoted(value.trim_end()));
        out.push(Mistake {
            span: at..end,
            msg: Msg::YamlCommentInText {
                dropped: value[c..].trim_end().to_owned(),
            },
            hints: vec![Msg::HintQuoteLine {
                line: fixed.trim().to_owned(),
            }],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, m: &Mistake) -> usize {
        text[..m.span.start].matches('\n').count() + 1
    }

    #[test]
    fn a_colon_in_text_is_named_with_the_line_to_write() {
        let t = "news:\n  - title: Valmennus: vanhemmuuden tuki\n    date: 2026-01-15\n";
        let m = first_mistake(t, 2).expect("a mistake");
        assert_eq!(m.msg, Msg::YamlColonInText);
        assert_eq!(line_of(t, &m), 2);
        assert_eq!(
            m.hints,
            vec![Msg::HintQuoteLine {
                line: "- title: \"Valmennus: vanhemmuuden tuki\"".to_owned()
            }]
        );
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let t = "news:\n  - title: A\n\tdate: 2026-01-15\n";
        let m = first_mistake(t, 2).expect("a mistake");
        assert_eq!(m.msg, Msg::TabIndent);
        assert_eq!(line_of(t, &m), 3);
    }

    #[test]
    fn a_line_out_of_line_with_its_siblings() {
        let t = "period:\n  start: 2026-01-01\n end: 2027-12-31\nname: x\n";
        let m = first_mistake(t, 1).expect("a mistake");
        assert_eq!(
            m.msg,
            Msg::YamlIndent {
                found: 1,
                expected: 2,
                sibling: "start:".to_owned()
            }
        );
        assert_eq!(line_of(t, &m), 3);
        let t = "news:\n  - title: A\n   date: 2026-01-15\n    body: x\n";
        let m = first_mistake(t, 2).expect("a mistake");
        assert_eq!(line_of(t, &m), 3);
        assert!(matches!(
            m.msg,
            Msg::YamlIndent {
                found: 3,
                expected: 4,
                ..
            }
        ));
    }

    #[test]
    fn a_key_indented_under_a_finished_value() {
        let t = "news:\n  - title: A\n      date: 2026-01-15\n    body: x\n";
        let m = first_mistake(t, 3).expect("a mistake");
        assert_eq!(line_of(t, &m), 3);
        assert!(matches!(
            m.msg,
            Msg::YamlIndentUnderValue {
                found: 6,
                expected: 4,
                ..
            }
        ));
    }

    #[test]
    fn a_list_line_without_its_dash() {
        let t = "goals:\n  Perheet löytävät tuen.\n  - Ammattilaiset toimivat yhdessä.\n";
        let m = first_mistake(t, 2).expect("a mistake");
        assert_eq!(m.msg, Msg::YamlNoDash);
        assert_eq!(line_of(t, &m), 2);
        let t = "goals:\n  - Perheet löytävät tuen.\n  Ammattilaiset toimivat yhdessä.\n";
        let m = first_mistake(t, 3).expect("a mistake");
        assert_eq!(line_of(t, &m), 3);
    }

    #[test]
    fn a_quote_left_open() {
        let t = "events:\n  - end: \"15:30\n    place: X\n  - end: \"12:00\"\n";
        let m = first_mistake(t, 4).expect("a mistake");
        assert_eq!(m.msg, Msg::YamlUnclosedQuote { quote: '"' });
        assert_eq!(line_of(t, &m), 2);
    }

    #[test]
    fn valid_layouts_are_not_mistakes() {
        for t in [
            "a:\n  b: 1\n  c:\n    - x\n    - y\nd: 2\n",
            "goals:\n- a\n- b\nnext: 1\n",
            "body: |\n  Text: with colon\n\n  - and a list\nnext: x\n",
            "description: a long text\n  going on: here? no\n",
            "list:\n  - title: A\n    sessions:\n      - start: x\n        end: \"15:00\"\n  - title: B\n",
            "t: \"a multi\n  line quote\"\nu: 1\n",
            "f: [a,\n  b]\ng: 1\n",
            "url: https://example.fi/a#b\ntime: \"13:30\"\n",
            "text: >-\n  folded\n  text\n",
            "- - a\n  - b\n- c\n",
        ] {
            // The fourth is a parser error, but not one of layout.
            if t.starts_with("description") {
                continue;
            }
            assert_eq!(first_mistake(t, 99), None, "{t}");
        }
    }

    /// Every YAML file of the examples and of the fixtures that build: no
    /// layout mistake and no swallowed text, so the scanner never blames a
    /// well-written file for another error.
    #[test]
    fn no_mistake_in_any_valid_project_file() {
        fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if path.is_dir()
                    && !name.starts_with("err_")
                    && !name.starts_with("warn_")
                    && name != "node_modules"
                {
                    yaml_files(&path, out);
                } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        yaml_files(&root.join("examples"), &mut files);
        yaml_files(&root.join("tests/fixtures"), &mut files);
        yaml_files(&root.join("crates/kirje-cli/starters"), &mut files);
        assert!(files.len() >= 12, "{files:?}");
        for f in files {
            let text = std::fs::read_to_string(&f).expect("UTF-8");
            assert_eq!(first_mistake(&text, usize::MAX), None, "{}", f.display());
            assert_eq!(comment_in_text(&text), vec![], "{}", f.display());
        }
    }

    #[test]
    fn text_after_a_hash_is_warned_about() {
        let t = "place: Verkossa #Teams\nurl: https://a.fi/#x\nnote: x # a comment\n";
        let w = comment_in_text(t);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(
            w[0].msg,
            Msg::YamlCommentInText {
                dropped: "#Teams".to_owned()
            }
        );
        assert_eq!(
            w[0].hints,
            vec![Msg::HintQuoteLine {
                line: "place: \"Verkossa #Teams\"".to_owned()
            }]
        );
    }
}
