//! The session through its API, as every front end uses it: an edit makes
//! again only the outputs whose inputs changed.

use std::sync::Arc;

use kirje_core::Lang;
use kirje_email::Raster;
use kirje_session::{Outputs, Rendered, Session};
use kirje_typst::{Engine, Kind};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::lumo;

const EDITION: &str = "editions/2021-05.yaml";

fn session() -> Session {
    let mut s = Session::new(Engine::new(), Arc::new(Raster::default()));
    s.replace_files(lumo());
    s
}

fn edit(s: &mut Session, old: &str, new: &str) {
    let text =
        String::from_utf8(s.files().bytes(EDITION).expect("edition").to_vec()).expect("utf-8");
    assert!(text.contains(old), "{old}");
    assert!(s.set_file(EDITION, text.replacen(old, new, 1).into_bytes()));
}

fn bytes(out: &[Rendered], path: &str) -> Option<Vec<u8>> {
    out.iter()
        .find(|r| r.path == path)
        .map(|r| r.bytes.to_vec())
}

#[test]
fn a_swedish_edit_makes_again_only_the_swedish_outputs() {
    let mut s = session();
    let (first, warnings) = s.render(None, Outputs::ALL).expect("renders");
    assert_eq!(warnings, vec![]);
    for made in [
        "newsletter.pdf",
        "slides.sv.pdf",
        "email.fi",
        "email.en",
        "web/",
    ] {
        assert!(
            s.last_made().iter().any(|m| m == made),
            "{made}: {:?}",
            s.last_made()
        );
    }
    // Nothing changed: nothing is typeset, no email made.
    let (again, _) = s.render(None, Outputs::ALL).expect("renders");
    assert_eq!(first, again);
    assert!(
        s.last_made()
            .iter()
            .all(|m| m == "web/" || m == "events.ics"),
        "{:?}",
        s.last_made()
    );

    edit(
        &mut s,
        "sv: LUMO:s evenemangskalender har publicerats",
        "sv: LUMO:s kalender är här",
    );
    let (after, _) = s.render(None, Outputs::ALL).expect("renders");
    let made = s.last_made().to_vec();
    assert!(made.contains(&"newsletter.sv.pdf".to_owned()), "{made:?}");
    assert!(made.contains(&"email.sv".to_owned()), "{made:?}");
    for other in [
        "newsletter.pdf",
        "newsletter.en.pdf",
        "slides.pdf",
        "slides.en.pdf",
        "email.fi",
        "email.en",
    ] {
        assert!(
            !made.iter().any(|m| m == other),
            "{other} was made again: {made:?}"
        );
    }
    assert_eq!(bytes(&first, "email.html"), bytes(&after, "email.html"));
    assert_eq!(
        bytes(&first, "newsletter.en.pdf"),
        bytes(&after, "newsletter.en.pdf")
    );
    assert_ne!(
        bytes(&first, "email.sv.html"),
        bytes(&after, "email.sv.html")
    );
    let sv = String::from_utf8(bytes(&after, "email.sv.txt").expect("sv text")).expect("utf-8");
    assert!(sv.contains("LUMO:s kalender är här"));
}

#[test]
fn views_previews_and_errors_come_from_the_same_session() {
    let mut s = session();
    assert!(!s.check().has_errors());
    let sv = s.view(None, Some(Lang::Sv)).expect("view");
    assert_eq!(sv.lang, Lang::Sv);
    let main = s.compile(Kind::Newsletter, None, None).expect("compiles");
    assert!(main.output.pages() >= 2);
    assert!(s.view(Some("1999-01"), None).is_err());
    // A broken file: every output answers with the check's errors, and
    // nothing is half made.
    assert!(s.set_file(EDITION, b"title: [unclosed".to_vec()));
    let errors = s.render(None, Outputs::ALL).expect_err("errors");
    assert!(!errors.is_empty() && errors.iter().all(|d| d.is_error()));
    assert_eq!(errors, s.check().errors());
    // Paths that would leave the project are refused.
    assert!(!s.set_file("../x.yaml", vec![]));
    assert!(!s.set_file("/etc/passwd", vec![]));
}

/// The session takes kirje's own slides from memory after an edit of the
/// edition's title, intro, news or videos: they must not show them.
#[test]
fn kirjes_own_slides_do_not_show_the_editions_news() {
    let mut s = session();
    let before = s.compile(Kind::Slides, None, None).expect("slides");
    edit(
        &mut s,
        "fi: LUMOn tapahtumakalenteri on julkaistu",
        "fi: Aivan uusi otsikko",
    );
    let text =
        String::from_utf8(s.files().bytes(EDITION).expect("edition").to_vec()).expect("utf-8");
    let edited = text
        .replace("LUMOn yhteinen tapahtumakalenteri", "Muutettu uutisotsikko")
        .replace("Videosarjan ensimmäinen osa", "Muutettu videon kuvaus");
    assert!(s.set_file(EDITION, edited.into_bytes()));
    let view = s.view(None, None).expect("view");
    assert!(view.edition.title.contains("Aivan uusi"));
    let after = s.compile(Kind::Slides, None, None).expect("slides");
    // The same PDF, byte for byte (the laid-out frames may differ in
    // internal locations that the PDF does not carry).
    assert_eq!(
        before.output.pdf().expect("pdf"),
        after.output.pdf().expect("pdf")
    );
}
