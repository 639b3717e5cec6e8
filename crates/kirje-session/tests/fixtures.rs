//! Fixture folders: every folder under the repository's `tests/fixtures/`
//! is a project, and a new case is a new folder, with no Rust to write.
//!
//! - `err_<case>/`: must have errors. Its diagnostics are snapshotted in
//!   Finnish, Swedish and English, each with its file, line and column, so
//!   a message's wording and its place are both held.
//! - `warn_<case>/`: must build, with warnings. Its diagnostics are
//!   snapshotted like an `err_` case's.
//! - any other folder: must build. Its View (main language), the email's
//!   plain text and the newsletter's page texts are snapshotted.
//!
//! Review a changed snapshot with `cargo insta review` (or
//! `INSTA_UPDATE=always` and `git diff`).

use std::sync::Arc;

use kirje_core::Lang;
use kirje_session::Session;
use kirje_typst::{Engine, Kind};

#[path = "../../../tests/support/example.rs"]
mod support;

fn session() -> Session {
    let raster = kirje_email::Raster::new(kirje_typst::INTER.iter().map(|(_, b)| *b));
    Session::new(Engine::new(), Arc::new(raster))
}

/// Words of the parsers' and validators' own English that must never reach
/// a Finnish or Swedish reader (the fixtures' data is Finnish, so none of
/// these can come from the data itself).
const ENGLISH: &[&str] = &[
    "mapping",
    "scalar",
    "sequence",
    "expected",
    "invalid",
    "found a",
    "while scanning",
    "at line",
    "column",
    "missing field",
    "unknown field",
    "the domain",
    "top-level",
    "control character",
    "e-mail address",
    "phone number",
    "is not",
    "does not",
    " the ",
    "error",
];

#[test]
fn every_fixture_folder() {
    insta::glob!("../../../tests/fixtures", "*/kirje.toml", |settings_file| {
        let dir = settings_file.parent().expect("the case's folder");
        let case = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let mut s = session();
        s.replace_files(support::read_project(dir));
        let checked = s.check();
        let diagnostics = checked.diagnostics.clone();
        let has_errors = checked.has_errors();
        let warn = case.starts_with("warn_");
        if case.starts_with("err_") || warn {
            if warn {
                assert!(
                    !has_errors && !diagnostics.is_empty(),
                    "{case}: expected warnings and no error, got {diagnostics:?}"
                );
            } else {
                assert!(has_errors, "{case}: expected errors, got none");
            }
            let by_lang: Vec<(&str, Vec<kirje_core::diagnostic::Report>)> =
                [Lang::Fi, Lang::Sv, Lang::En]
                    .into_iter()
                    .map(|l| (l.code(), s.reports(&diagnostics, l)))
                    .collect();
            for (lang, reports) in by_lang.iter().filter(|(l, _)| *l != "en") {
                for r in reports {
                    for text in std::iter::once(&r.message).chain(&r.hints) {
                        let lower = text.to_lowercase();
                        let leak = ENGLISH.iter().find(|p| lower.contains(*p));
                        assert!(
                            leak.is_none(),
                            "{case} ({lang}): English {leak:?} in {text:?}"
                        );
                    }
                }
            }
            insta::assert_json_snapshot!("diagnostics", by_lang);
        } else {
            let errors = s.reports(&diagnostics, Lang::En);
            assert!(
                !has_errors,
                "{case}: expected a clean project: {}",
                serde_json::to_string_pretty(&errors).unwrap_or_default()
            );
            let view = s.view(None, None).expect("the View");
            insta::assert_json_snapshot!("view", view);
            let email = s.email_preview(None, None).expect("the email");
            insta::assert_snapshot!("email_text", email.text);
            let newsletter = s
                .compile(Kind::Newsletter, None, None)
                .expect("the newsletter");
            insta::assert_snapshot!(
                "newsletter_pages",
                newsletter
                    .output
                    .page_texts()
                    .join("\n\n---- page ----\n\n")
            );
        }
    });
}
