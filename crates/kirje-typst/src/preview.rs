//! A lighter SVG for live previews.
//!
//! Typst's SVG draws each glyph as a `<use>` of a `<symbol>` that holds the
//! glyph's outline. A browser builds a shadow tree for every `<use>`, and a
//! page of text has a couple of thousand of them: replacing one page in the
//! DOM then costs hundreds of milliseconds of style, layout and paint. Here
//! each run of neighbouring glyphs with the same solid fill becomes one
//! `<path>`. A glyph outline as Typst writes it is `M 0 0` followed by
//! relative commands only, so placing it at (x, y) is writing `M x y`
//! instead. What is drawn stays the same; anything else in the SVG (image
//! glyphs, gradient fills, strokes) is left as Typst wrote it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::ops::Range;

/// A glyph symbol of the SVG: its outline after `M 0 0`, and where the
/// whole `<symbol>` element is.
struct Glyph<'a> {
    outline: &'a str,
    range: Range<usize>,
}

/// Neighbouring glyphs with one fill, written as one path.
struct Run<'a> {
    range: Range<usize>,
    fill: &'a str,
    rule: &'a str,
    d: String,
}

/// `svg` with each run of same-fill outline glyphs as one `<path>`; the
/// glyph symbols no longer used are dropped.
pub(crate) fn flatten_glyphs(svg: &str) -> String {
    let glyphs = glyph_symbols(svg);
    if glyphs.is_empty() {
        return svg.to_owned();
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut kept: HashSet<&str> = HashSet::new();
    let mut keep_all = false;
    let mut run: Option<Run<'_>> = None;
    let mut at = 0;
    while let Some(found) = svg[at..].find("<use ") {
        let start = at + found;
        let Some((attrs, end)) = use_attrs(svg, start) else {
            keep_all = true;
            at = start + 4;
            continue;
        };
        at = end;
        let merged = match attrs.as_slice() {
            [
                ("xlink:href", href),
                ("x", x),
                ("y", y),
                ("fill", fill),
                ("fill-rule", rule),
            ] if fill.starts_with('#') => href
                .strip_prefix('#')
                .and_then(|id| glyphs.get(id))
                .map(|g| (x, y, fill, rule, g.outline)),
            _ => None,
        };
        match merged {
            Some((x, y, fill, rule, outline)) => match &mut run {
                Some(r) if r.range.end == start && r.fill == *fill && r.rule == *rule => {
                    let _ = write!(r.d, "M {x} {y}{outline}");
                    r.range.end = end;
                }
                _ => {
                    edits.extend(run.take().map(write_run));
                    run = Some(Run {
                        range: start..end,
                        fill,
                        rule,
                        d: format!("M {x} {y}{outline}"),
                    });
                }
            },
            None => {
                edits.extend(run.take().map(write_run));
                for (name, value) in &attrs {
                    if name.ends_with("href")
                        && let Some(id) = value.strip_prefix('#')
                    {
                        kept.insert(id);
                    }
                }
            }
        }
    }
    edits.extend(run.take().map(write_run));
    if !keep_all {
        for (id, g) in &glyphs {
            if !kept.contains(id) {
                edits.push((g.range.clone(), String::new()));
            }
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(svg.len());
    let mut pos = 0;
    for (range, text) in edits {
        out.push_str(&svg[pos..range.start]);
        out.push_str(&text);
        pos = range.end;
    }
    out.push_str(&svg[pos..]);
    out
}

fn write_run(run: Run<'_>) -> (Range<usize>, String) {
    let path = format!(
        "<path fill=\"{}\" fill-rule=\"{}\" d=\"{}\"/>",
        run.fill, run.rule, run.d
    );
    (run.range, path)
}

/// The glyph symbols whose single path is an outline starting at `M 0 0`.
fn glyph_symbols(svg: &str) -> HashMap<&str, Glyph<'_>> {
    const OPEN: &str = "<symbol id=\"";
    const PATH: &str = "\" overflow=\"visible\"><path d=\"M 0 0";
    let mut glyphs = HashMap::new();
    let mut at = 0;
    while let Some(found) = svg[at..].find(OPEN) {
        let start = at + found;
        at = start + OPEN.len();
        let rest = &svg[at..];
        let Some(q) = rest.find('"') else { break };
        let id = &rest[..q];
        let Some(body) = rest[q..].strip_prefix(PATH) else {
            continue;
        };
        let Some(end) = body.find('"') else { break };
        let outline = &body[..end];
        let tail = &body[end..];
        let close = ["\"/></symbol>", "\"></path></symbol>"]
            .into_iter()
            .find(|c| tail.starts_with(c));
        if let Some(close) = close {
            let stop = at + q + PATH.len() + end + close.len();
            glyphs.insert(
                id,
                Glyph {
                    outline,
                    range: start..stop,
                },
            );
        }
    }
    glyphs
}

/// The attributes of the `<use …/>` (or `<use …></use>`) element at
/// `start`, and where it ends; `None` when it is not that simple.
fn use_attrs(svg: &str, start: usize) -> Option<(Vec<(&str, &str)>, usize)> {
    let mut pos = start + "<use".len();
    let mut attrs = Vec::new();
    loop {
        let rest = &svg[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with("/>") {
            return Some((attrs, pos + 2));
        }
        if trimmed.starts_with("></use>") {
            return Some((attrs, pos + 7));
        }
        let eq = trimmed.find("=\"")?;
        let name = &trimmed[..eq];
        if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '>' || c == '<') {
            return None;
        }
        let value_start = eq + 2;
        let value_len = trimmed[value_start..].find('"')?;
        attrs.push((name, &trimmed[value_start..value_start + value_len]));
        pos += value_start + value_len + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::flatten_glyphs;

    const SVG: &str = concat!(
        "<svg><g transform=\"matrix(1 0 0 -1 10 20)\">",
        "<use xlink:href=\"#gA\" x=\"0\" y=\"0\" fill=\"#1a1a1a\" fill-rule=\"nonzero\"/>",
        "<use xlink:href=\"#gB\" x=\"5.5\" y=\"0\" fill=\"#1a1a1a\" fill-rule=\"nonzero\"/>",
        "<use xlink:href=\"#gA\" x=\"9\" y=\"1\" fill=\"#ff0000\" fill-rule=\"nonzero\"/>",
        "</g><g>",
        "<use xlink:href=\"#gE\" transform=\"matrix(1 0 0 1 0 0)\"/>",
        "</g><defs>",
        "<symbol id=\"gA\" overflow=\"visible\"><path d=\"M 0 0m 1 0h 2v 3Z \"/></symbol>",
        "<symbol id=\"gB\" overflow=\"visible\"><path d=\"M 0 0m 0 1l 1 1Z \"></path></symbol>",
        "<symbol id=\"gE\" overflow=\"visible\"><image href=\"data:,\"/></symbol>",
        "</defs></svg>",
    );

    #[test]
    fn glyph_runs_become_paths_and_their_symbols_go() {
        let out = flatten_glyphs(SVG);
        assert_eq!(
            out,
            concat!(
                "<svg><g transform=\"matrix(1 0 0 -1 10 20)\">",
                "<path fill=\"#1a1a1a\" fill-rule=\"nonzero\" d=\"M 0 0m 1 0h 2v 3Z M 5.5 0m 0 1l 1 1Z \"/>",
                "<path fill=\"#ff0000\" fill-rule=\"nonzero\" d=\"M 9 1m 1 0h 2v 3Z \"/>",
                "</g><g>",
                "<use xlink:href=\"#gE\" transform=\"matrix(1 0 0 1 0 0)\"/>",
                "</g><defs>",
                "<symbol id=\"gE\" overflow=\"visible\"><image href=\"data:,\"/></symbol>",
                "</defs></svg>",
            )
        );
    }

    #[test]
    fn a_glyph_still_used_elsewhere_keeps_its_symbol() {
        let svg = SVG.replace(
            "<use xlink:href=\"#gE\" transform",
            "<use xlink:href=\"#gB\" stroke=\"#000\" transform",
        );
        let out = flatten_glyphs(&svg);
        assert!(out.contains("<symbol id=\"gB\""));
        assert!(!out.contains("<symbol id=\"gA\""));
    }

    #[test]
    fn an_svg_without_glyphs_is_unchanged() {
        let svg = "<svg><path d=\"M 0 0h 1\"/></svg>";
        assert_eq!(flatten_glyphs(svg), svg);
    }
}
