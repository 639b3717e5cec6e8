//! The template registry: every built-in template, compiled in, and the
//! project's own files of the same name that replace them.
//!
//! A project overrides a template by placing a file under its `templates/`
//! folder with the built-in's name (`templates/email/newsletter.mjml`). It may
//! also add partials of its own there for its overrides to include.
//!
//! Escaping is decided by name, explicitly: `.mjml`, `.html`, `.htm` and
//! `.xml` templates escape every value that is not marked safe; `.txt` and
//! `.css` do not. Undefined variables are errors.

use std::collections::BTreeMap;
use std::ops::Range;

use kirje_core::{Diagnostic, Files, Msg};
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior};

use crate::UNSUBSCRIBE_TOKEN;

/// Where a project keeps its templates.
pub const TEMPLATES_DIR: &str = "templates/";

/// The folders under `templates/` this crate reads.
const FOLDERS: [&str; 3] = ["email/", "text/", "web/"];

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        /// Every built-in template: its name and its source.
        pub const BUILTIN: &[(&str, &str)] = &[
            $( ($name, include_str!(concat!("../templates/", $name))), )*
        ];
    };
}

builtin! {
    "email/newsletter.mjml",
    "email/head.mjml",
    "email/masthead.mjml",
    "email/news.mjml",
    "email/events.mjml",
    "email/videos.mjml",
    "email/project.mjml",
    "email/funding.mjml",
    "email/contacts.mjml",
    "email/footer.mjml",
    "text/newsletter.txt",
    "web/layout.html",
    "web/sections.html",
    "web/edition.html",
    "web/index.html",
    "web/feed.xml",
    "web/style.css",
}

/// One template's source and the file a problem in it is reported against.
#[derive(Debug, Clone)]
struct Source {
    file: String,
    text: String,
    from_project: bool,
}

/// The templates to render with: the built-in ones, each replaced by the
/// project's file of the same name when there is one.
#[derive(Debug, Clone)]
pub struct Templates {
    sources: BTreeMap<String, Source>,
    /// The minijinja environment with every template parsed, made on the
    /// first render and kept: parsing all templates again for each render
    /// cost more than the rendering itself.
    env: std::sync::OnceLock<Result<Environment<'static>, Box<Diagnostic>>>,
}

impl Default for Templates {
    fn default() -> Templates {
        Templates::builtin()
    }
}

impl Templates {
    /// Only the built-in templates.
    pub fn builtin() -> Templates {
        Templates {
            sources: BUILTIN
                .iter()
                .map(|(name, text)| {
                    (
                        (*name).to_owned(),
                        Source {
                            file: format!("{TEMPLATES_DIR}{name}"),
                            text: (*text).to_owned(),
                            from_project: false,
                        },
                    )
                })
                .collect(),
            env: std::sync::OnceLock::new(),
        }
    }

    /// The built-in templates with the project's `templates/email/…`,
    /// `templates/text/…` and `templates/web/…` files laid over them.
    pub fn with_overrides(files: &Files) -> Result<Templates, Vec<Diagnostic>> {
        let mut t = Templates::builtin();
        let mut errors = Vec::new();
        for path in files.paths() {
            let Some(name) = path.strip_prefix(TEMPLATES_DIR) else {
                continue;
            };
            if !FOLDERS.iter().any(|f| name.starts_with(f)) {
                continue;
            }
            match kirje_core::load::decode_text(path, files.get(path)) {
                Ok(text) => {
                    t.sources.insert(
                        name.to_owned(),
                        Source {
                            file: path.to_owned(),
                            text,
                            from_project: true,
                        },
                    );
                }
                Err(d) => errors.push(*d),
            }
        }
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(errors)
        }
    }

    /// Whether the template `name` comes from the project.
    pub fn is_overridden(&self, name: &str) -> bool {
        self.sources.get(name).is_some_and(|s| s.from_project)
    }

    /// Renders the template `name` with `ctx`.
    pub(crate) fn render(&self, name: &str, ctx: &Value) -> Result<String, Box<Diagnostic>> {
        let env = self
            .env
            .get_or_init(|| self.environment())
            .as_ref()
            .map_err(|d| d.clone())?;
        let template = env
            .get_template(name)
            .map_err(|e| self.diagnostic(&e, name))?;
        template.render(ctx).map_err(|e| self.diagnostic(&e, name))
    }

    /// Every template's name, file and text.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.sources
            .iter()
            .map(|(n, s)| (n.as_str(), s.file.as_str(), s.text.as_str()))
    }

    fn environment(&self) -> Result<Environment<'static>, Box<Diagnostic>> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(auto_escape);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(formatter);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| self.diagnostic(&e, ""))?;
        env.set_syntax(syntax);
        env.add_filter("href", href);
        env.add_filter("underline", underline);
        env.add_filter("nbsp", nbsp);
        env.add_filter("nobreak", nobreak);
        for (name, source) in &self.sources {
            env.add_template_owned(name.clone(), source.text.clone())
                .map_err(|e| self.diagnostic(&e, name))?;
        }
        Ok(env)
    }

    /// A minijinja error as a diagnostic pointing into the template where it
    /// happened: an error inside an included template arrives wrapped in one
    /// about the include, so the innermost one is reported.
    fn diagnostic(&self, e: &Error, fallback: &str) -> Box<Diagnostic> {
        let mut e = e;
        while let Some(inner) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>())
        {
            e = inner;
        }
        let name = e.name().unwrap_or(fallback);
        let (file, text) = match self.sources.get(name) {
            Some(s) => (s.file.clone(), Some(s.text.as_str())),
            None => (format!("{TEMPLATES_DIR}{name}"), None),
        };
        let span = match (e.range(), e.line(), text) {
            (Some(r), _, Some(t)) if r.end <= t.len() => Some(r),
            (_, Some(line), Some(t)) => line_span(t, line),
            _ => None,
        };
        let detail = match e.detail() {
            Some(d) => format!("{}: {d}", e.kind()),
            None => e.kind().to_string(),
        };
        Box::new(Diagnostic::error(
            file,
            span,
            Msg::Syntax {
                format: "Jinja",
                detail,
            },
        ))
    }
}

/// The byte range of 1-based `line` in `text`, without its line end.
pub(crate) fn line_span(text: &str, line: usize) -> Option<Range<usize>> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let trimmed = l.trim_end_matches(['\n', '\r']);
            return Some(start..start + trimmed.len());
        }
        start += l.len();
    }
    None
}

/// Escaping by file name, set explicitly because minijinja's default knows
/// neither `.mjml` nor that `.txt` and `.css` must stay unescaped.
fn auto_escape(name: &str) -> AutoEscape {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "mjml" | "html" | "htm" | "xml" => AutoEscape::Html,
        _ => AutoEscape::None,
    }
}

/// minijinja's formatter, but escaping only `& < > " '`: its default also
/// writes `/` as `&#x2f;`, which is safe but makes every URL in the web pages
/// and the feed unreadable in source form.
fn formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Html)
        && !value.is_safe()
        && let Some(s) = value.as_str()
    {
        return out
            .write_str(&escape_html(s))
            .map_err(|e| Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()));
    }
    minijinja::escape_formatter(out, state, value)
}

/// Escapes text for HTML and XML, in element content and quoted attributes.
/// Control characters other than tab and newline are dropped: XML does not
/// allow most of them even escaped, and both formats read CR as a newline.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => kirje_core::markdown::push_html_escaped_char(&mut out, c),
        }
    }
    out
}

/// The `href` filter: a link target only when it is `http:`, `https:`,
/// `mailto:` or `tel:`, a relative path of our own, or the unsubscribe
/// token; anything else (`javascript:`, `data:`, …) becomes `#`. The View
/// already holds only checked addresses; this is the second lock.
pub(crate) fn href(value: &str) -> String {
    if is_safe_href(value) {
        value.to_owned()
    } else {
        "#".to_owned()
    }
}

/// The `underline` filter: a row of hyphens as long as the text (at most
/// the text part's width), to set a heading apart in plain text.
fn underline(value: &str) -> String {
    "-".repeat(value.chars().count().min(crate::TEXT_WIDTH))
}

/// The `nbsp` filter: spaces become no-break spaces, for a phone number
/// that should not break over two lines.
fn nbsp(value: &str) -> String {
    value.replace(' ', "\u{a0}")
}

/// The `nobreak` filter: escapes the text and keeps every word holding an
/// en dash (`13.30–15.00`, `6.5.–3.6.2021`) on one line, so a range breaks
/// only at its spaces. Without an argument the span gets an inline style
/// (for email); `nobreak("nowrap")` gives it that class instead (for web
/// pages, where inline styles are not wanted).
fn nobreak(value: &str, class: Option<&str>) -> Value {
    let open = match class {
        Some(c) => format!("<span class=\"{}\">", escape_html(c)),
        None => "<span style=\"white-space: nowrap;\">".to_owned(),
    };
    let out = value
        .split(' ')
        .map(|w| {
            if w.contains('–') {
                format!("{open}{}</span>", escape_html(w))
            } else {
                escape_html(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Value::from_safe_string(out)
}

/// See [`href`].
pub(crate) fn is_safe_href(value: &str) -> bool {
    if value.chars().any(char::is_control) || value.contains(['<', '>', '"', '`', ' ']) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    if ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return true;
    }
    if value == UNSUBSCRIBE_TOKEN {
        return true;
    }
    // A relative reference: no scheme before the first `/`, `?` or `#`,
    // and not `//host`.
    let head = value.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !value.starts_with("//") && !value.starts_with('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn href_lets_through_only_safe_targets() {
        for ok in [
            "https://example.org/a?b=c&d",
            "HTTP://EXAMPLE.ORG",
            "mailto:a@b.fi",
            "tel:+358401234567",
            "../events.ics",
            "2021-05/",
            "%%UNSUBSCRIBE_URL%%",
        ] {
            assert_eq!(href(ok), ok);
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "//evil.example/",
            "https://a.fi/\"onmouseover=x",
            "https://a.fi/\nx",
            "java\tscript:alert(1)",
        ] {
            assert_eq!(href(bad), "#", "{bad}");
        }
    }

    #[test]
    fn escaping_is_chosen_by_name() {
        assert!(matches!(auto_escape("email/x.mjml"), AutoEscape::Html));
        assert!(matches!(auto_escape("web/x.html"), AutoEscape::Html));
        assert!(matches!(auto_escape("web/feed.xml"), AutoEscape::Html));
        assert!(matches!(auto_escape("text/x.txt"), AutoEscape::None));
        assert!(matches!(auto_escape("web/style.css"), AutoEscape::None));
    }

    #[test]
    fn line_spans() {
        let t = "a\nbb\r\nccc";
        assert_eq!(line_span(t, 1), Some(0..1));
        assert_eq!(line_span(t, 2), Some(2..4));
        assert_eq!(line_span(t, 3), Some(6..9));
        assert_eq!(line_span(t, 4), None);
    }
}
