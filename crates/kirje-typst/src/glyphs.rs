//! Characters no font can show. Typst sets a character that none of the
//! fonts has as an empty box, and a PDF/A export refuses it with an error
//! that names no field of the project. kirje ships no emoji font (a colour
//! emoji font is 10 MB, five times the wasm's font download), so emoji and
//! other such characters are taken out of the PDFs and slides, and `check`
//! names each one with its field; the email and the web pages keep them,
//! since every mail program and browser has an emoji font.

use serde_json::Value;

use crate::Engine;

/// One character no font covers, and where it is in the View.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// The View field, dotted: `edition.news.0.title`.
    pub field: String,
    /// The character.
    pub ch: char,
}

impl Engine {
    /// Whether some font of the engine has a glyph for `c`. Spaces, line
    /// breaks and the joiners and selectors that only shape their neighbours
    /// count as covered when nothing around them is missing.
    pub fn covers(&self, c: char) -> bool {
        c.is_ascii()
            || c.is_whitespace()
            || self
                .fonts()
                .iter()
                .any(|f| f.info().coverage.contains(c as u32))
    }

    /// Every character of `view`'s texts that no font can show, once per
    /// field and character, in the order they appear.
    pub fn missing_glyphs(&self, view: &kirje_core::view::View) -> Vec<MissingGlyph> {
        let Ok(mut value) = serde_json::to_value(view) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        self.strip(&mut value, &mut String::new(), &mut found);
        found
    }

    /// Takes every character no font covers out of the strings in `value`
    /// (with the joiners, variation selectors and skin-tone modifiers that
    /// belonged to it), recording each in `found`.
    pub(crate) fn strip(
        &self,
        value: &mut Value,
        path: &mut String,
        found: &mut Vec<MissingGlyph>,
    ) {
        match value {
            Value::String(s) => {
                if s.chars().all(|c| self.covers(c)) {
                    return;
                }
                let mut kept = String::with_capacity(s.len());
                let mut dropping = false;
                for c in s.chars() {
                    let modifier = matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0020}'..='\u{e007f}');
                    if dropping && modifier {
                        continue;
                    }
                    if self.covers(c) {
                        dropping = false;
                        kept.push(c);
                    } else {
                        dropping = true;
                        let glyph = MissingGlyph {
                            field: path.clone(),
                            ch: c,
                        };
                        if !modifier && !found.contains(&glyph) {
                            found.push(glyph);
                        }
                    }
                }
                *s = kept;
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = path.len();
                    push_segment(path, &i.to_string());
                    self.strip(item, path, found);
                    path.truncate(len);
                }
            }
            Value::Object(map) => {
                for (k, item) in map.iter_mut() {
                    let len = path.len();
                    push_segment(path, k);
                    self.strip(item, path, found);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
}

fn push_segment(path: &mut String, segment: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(segment);
}
