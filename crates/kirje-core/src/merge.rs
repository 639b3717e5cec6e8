//! Merge fields in a finished email: `%%name%%`, `%%organisation%%`, and
//! `%%name|hyvä lukija%%` with a fallback for a recipient without the value.
//!
//! `kirje send` fills them per recipient ([`fill`]); the standalone
//! `email.html` that a user may paste into another mail tool has no
//! recipient, so every field is given its fallback or taken out with the
//! space before it ([`blank`]): "Hei %%name%%!" becomes "Hei!", never
//! "Hei %%name%%!".
//!
//! Our own code: the syntax is kirje's (documented in docs/format.md), and
//! scanning a 100 kB message for `%%` by its first byte is several times
//! faster than a template engine's pass.

use std::collections::BTreeMap;

/// How a value is written into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Into HTML: `&`, `<`, `>` and quotes escaped.
    Html,
    /// Into plain text: as is.
    Text,
}

/// A field's name: letters, digits, `_` and `-`, at most 64 of them.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A merge field the template uses and the values do not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the template uses %%{0}%%, which has no value")]
pub struct NoValue(pub String);

/// Replaces every `%%field%%` and `%%field|fallback%%` by the field's value
/// in `values` (names matched as written, then in lower case). An empty
/// value gives the fallback, or takes the field out (see [`blank`]).
/// Anything else between `%%` marks is left alone. Err: the first field
/// `values` does not have.
pub fn fill(
    template: &str,
    values: &BTreeMap<String, String>,
    escape: Escape,
) -> Result<String, NoValue> {
    replace(template, |name| {
        values
            .get(name)
            .or_else(|| values.get(&name.to_lowercase()))
            .map(|v| Some(v.as_str()))
            .ok_or_else(|| NoValue(name.to_owned()))
    })
    .map(|parts| parts.write(escape))
}

/// Every merge field without a value: its fallback when it has one,
/// otherwise taken out with the space before it and the brackets around it
/// ("Hei %%name%%!" → "Hei!", "Maija (%%organisation%%)" → "Maija").
pub fn blank(template: &str) -> String {
    replace(template, |_| Ok(None))
        .map(|parts| parts.write(Escape::Text))
        .unwrap_or_else(|()| template.to_owned())
}

/// The names of the merge fields `template` uses, each once, as written.
pub fn fields(template: &str) -> Vec<String> {
    let mut found = Vec::new();
    let _ = replace(template, |name| -> Result<Option<&str>, ()> {
        if !found.iter().any(|f: &String| f == name) {
            found.push(name.to_owned());
        }
        Ok(None)
    });
    found
}

/// A template cut at its fields.
struct Parts<'a> {
    pieces: Vec<Piece<'a>>,
}

enum Piece<'a> {
    Literal(&'a str),
    /// A value to escape, or a fallback already written as the text around it.
    Value(&'a str),
    Fallback(&'a str),
}

impl Parts<'_> {
    fn write(&self, escape: Escape) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match (piece, escape) {
                (Piece::Literal(s) | Piece::Fallback(s), _) | (Piece::Value(s), Escape::Text) => {
                    out.push_str(s)
                }
                (Piece::Value(s), Escape::Html) => crate::markdown::push_html_escaped(&mut out, s),
            }
        }
        out
    }
}

fn replace<'t, 'v, E>(
    template: &'t str,
    mut value: impl FnMut(&str) -> Result<Option<&'v str>, E>,
) -> Result<Parts<'t>, E>
where
    'v: 't,
{
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(start) = find_marks(rest) {
        let after = &rest[start + 2..];
        let inner = find_marks(after).map(|e| &after[..e]);
        let (name, fallback) = match inner {
            Some(inner) => match inner.split_once('|') {
                Some((n, f)) => (n, Some(f)),
                None => (inner, None),
            },
            None => ("", None),
        };
        if !is_name(name) || fallback.is_some_and(|f| f.contains('\n')) {
            pieces.push(Piece::Literal(&rest[..start + 2]));
            rest = after;
            continue;
        }
        let inner = inner.unwrap_or_default();
        let mut before = &rest[..start];
        let mut tail = &after[inner.len() + 2..];
        match value(name)? {
            Some(v) if !v.is_empty() => {
                pieces.push(Piece::Literal(before));
                pieces.push(Piece::Value(v));
            }
            _ => match fallback {
                Some(f) => {
                    pieces.push(Piece::Literal(before));
                    pieces.push(Piece::Fallback(f));
                }
                None => {
                    // "(%%organisation%%)": the brackets go too.
                    if let (Some(b), Some(t)) = (before.strip_suffix('('), tail.strip_prefix(')')) {
                        before = b;
                        tail = t;
                    }
                    before = before.strip_suffix(' ').unwrap_or(before);
                    pieces.push(Piece::Literal(before));
                }
            },
        }
        rest = tail;
    }
    pieces.push(Piece::Literal(rest));
    Ok(Parts { pieces })
}

/// Where `%%` first occurs: found by its first byte, which is several times
/// faster than a substring search over a 100 kB message.
fn find_marks(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find('%') {
        let at = from + i;
        if s.as_bytes().get(at + 1) == Some(&b'%') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<String, String> {
        [
            ("name", "Maija <M> & co"),
            ("organisation", "Kunta"),
            ("extra", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn fills_escaped_for_html_and_leaves_other_marks() {
        let html = fill(
            "<p>Hei %%name%%, %%Organisation%% %%extra%%</p> 100%% %%not a field%%",
            &values(),
            Escape::Html,
        );
        assert_eq!(
            html.as_deref(),
            Ok("<p>Hei Maija &lt;M&gt; &amp; co, Kunta</p> 100%% %%not a field%%")
        );
        let text = fill("Hei %%name%%!", &values(), Escape::Text);
        assert_eq!(text.as_deref(), Ok("Hei Maija <M> & co!"));
        assert_eq!(
            fill("Hei %%nimi%%", &values(), Escape::Text),
            Err(NoValue("nimi".to_owned()))
        );
    }

    #[test]
    fn a_missing_value_takes_its_fallback_or_leaves_with_its_space() {
        let v = values();
        assert_eq!(
            fill("Hei %%extra|hyvä lukija%%!", &v, Escape::Html).as_deref(),
            Ok("Hei hyvä lukija!")
        );
        assert_eq!(
            fill("Hei %%name|hyvä lukija%%!", &v, Escape::Text).as_deref(),
            Ok("Hei Maija <M> & co!")
        );
        assert_eq!(blank("Hei %%name%%!"), "Hei!");
        assert_eq!(blank("Hei %%name%%, tervetuloa"), "Hei, tervetuloa");
        assert_eq!(blank("Maija (%%organisation%%) kiittää"), "Maija kiittää");
        assert_eq!(blank("Hyvä %%name|lukija%%,"), "Hyvä lukija,");
        assert_eq!(blank("100 %% ja %%"), "100 %% ja %%");
        assert!(!blank("<p>Hei %%name%%</p>%%x|y%%").contains("%%"));
    }

    #[test]
    fn fields_are_listed_once() {
        assert_eq!(
            fields("%%name%% %%org|x%% %%name%% 5 %% %%"),
            vec!["name".to_owned(), "org".to_owned()]
        );
    }
}
