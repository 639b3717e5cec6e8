//! Fixture folders: every folder under the repository's `tests/fixtures/`
//! is a project, and a new case is a new folder, with no Rust to write.
//!
//! - `err_<case>/`: must have errors. Its diagnostics are snapshotted in
//!   Finnish, Swedish and English, each with its file, line and column, so
//!   a message's wording and its place are both held.
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
        if case.starts_with("err_") {
            assert!(has_errors, "{case}: expected errors, got none");
            let by_lang: Vec<(&str, Vec<kirje_core::diagnostic::Report>)> =
                [Lang::Fi, Lang::Sv, Lang::En]
                    .into_iter()
                    .map(|l| (l.code(), s.reports(&diagnostics, l)))
                    .collect();
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
