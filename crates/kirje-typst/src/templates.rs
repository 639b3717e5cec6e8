//! The built-in Typst templates, compiled into the binary. A project
//! overrides one by placing a file of the same path under its own folder.

use kirje_core::Files;

/// A built-in template.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Path under `templates/` as a project would override it.
    pub path: &'static str,
    /// Its text.
    pub text: &'static str,
}

/// Every built-in Typst template (a test checks that each file under
/// `templates/newsletter` and `templates/slides` is listed here).
pub const TEMPLATES: &[Template] = &[
    Template {
        path: "templates/common.typ",
        text: include_str!("../templates/common.typ"),
    },
    Template {
        path: "templates/newsletter/newsletter.typ",
        text: include_str!("../templates/newsletter/newsletter.typ"),
    },
    Template {
        path: "templates/slides/slides.typ",
        text: include_str!("../templates/slides/slides.typ"),
    },
];

/// The template at `path`: the project's own, else the built-in one.
pub fn resolve(path: &str, files: &Files) -> (String, String) {
    if let Some(bytes) = files.bytes(path) {
        return (path.to_owned(), String::from_utf8_lossy(bytes).into_owned());
    }
    let text = TEMPLATES
        .iter()
        .find(|t| t.path == path)
        .map_or("", |t| t.text);
    (path.to_owned(), text.to_owned())
}

/// The built-in text of a template path, if there is one.
pub fn builtin(path: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|t| t.path == path).map(|t| t.text)
}
