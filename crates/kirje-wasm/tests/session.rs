//! The browser session, run natively on examples/lumo: what the web page's
//! worker sees for a good project, an edit, a YAML error, a binary or huge
//! file, and a path that tries to leave the project.

use serde_json::Value;

mod common;
use common::{EDITION, TITLE, edition_text, example};

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("JSON")
}

#[test]
fn the_example_checks_and_renders_every_output() {
    let mut s = example();
    let check = json(&s.check());
    assert_eq!(check["type"], "success", "{check}");
    assert_eq!(check["project"]["acronym"], "LUMO");
    assert_eq!(
        check["project"]["languages"],
        serde_json::json!(["fi", "sv", "en"])
    );

    let news = json(&s.render("newsletter", None, None));
    assert_eq!(news["type"], "success", "{news}");
    let pages = news["pages"].as_array().expect("pages");
    assert!(pages.len() >= 2);
    assert!(
        pages
            .iter()
            .all(|p| p.as_str().is_some_and(|p| p.starts_with("<svg")))
    );
    assert!(
        news["texts"][0]
            .as_str()
            .is_some_and(|t| t.contains("LUMO"))
    );

    let slides = json(&s.render("slides", None, Some("sv".to_owned())));
    assert_eq!(slides["type"], "success", "{slides}");

    let email = json(&s.email(None, Some("en".to_owned())));
    assert_eq!(email["type"], "success");
    assert!(
        email["html"]
            .as_str()
            .is_some_and(|h| h.contains("LUMO&#39;s joint event calendar is open")
                || h.contains("LUMO's joint event calendar is open"))
    );
    assert!(
        email["text"]
            .as_str()
            .is_some_and(|t| t.contains("LUMO's joint event calendar is open"))
    );

    // The email shows PNG files drawn from the SVGs; their bytes come back
    // by file for the preview.
    let images = email["images"].as_array().expect("images");
    assert_eq!(images.len(), 4, "{email}");
    for img in images {
        let file = img["file"].as_str().expect("file");
        assert!(
            file.starts_with("assets/email/") && file.ends_with(".png"),
            "{file}"
        );
        assert_eq!(img["type"], "image/png");
        assert!(
            email["html"].as_str().is_some_and(|h| h.contains(file)),
            "{file} in the HTML"
        );
        assert!(s.email_image(file).starts_with(b"\x89PNG"), "{file}");
    }
    assert!(s.email_image("assets/email/none.png").is_empty());

    let cal = json(&s.calendar(None, None));
    assert!(
        cal["ics"]
            .as_str()
            .is_some_and(|t| t.starts_with("BEGIN:VCALENDAR"))
    );

    let pdf = s.pdf("newsletter", None, None).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn an_edit_changes_only_what_it_touches() {
    let mut s = example();
    let before = json(&s.render("newsletter", None, None));
    let text = edition_text().replace(TITLE, "fi: Selain esikatselee");
    assert!(s.set_file(EDITION, text.into_bytes()));
    let after = json(&s.render("newsletter", None, None));
    assert_eq!(after["type"], "success");
    let texts: String = after["texts"]
        .as_array()
        .expect("texts")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(texts.contains("Selain esikatselee"));
    assert_ne!(before["pages"][0], after["pages"][0]);
    let email = json(&s.email(None, None));
    assert!(
        email["text"]
            .as_str()
            .is_some_and(|t| t.contains("Selain esikatselee"))
    );
}

#[test]
fn a_yaml_error_is_a_diagnostic_at_its_line() {
    let mut s = example();
    let text = edition_text();
    let line = text
        .lines()
        .position(|l| l.contains(TITLE))
        .expect("title line")
        + 1;
    let broken = text.replace(TITLE, &format!("{TITLE}: auki"));
    s.set_file(EDITION, broken.into_bytes());
    let check = json(&s.check());
    assert_eq!(check["type"], "error");
    let d = &check["diagnostics"][0];
    assert_eq!(d["file"], EDITION);
    assert_eq!(d["line"], line, "{d}");
    let render = json(&s.render("newsletter", None, None));
    assert_eq!(render["type"], "error");
    assert!(s.pdf("newsletter", None, None).is_err());
}

#[test]
fn binary_huge_and_escaping_files_are_refused_with_a_message() {
    let mut s = example();
    assert!(!s.set_file("../secret.yaml", b"x: 1".to_vec()));
    assert!(!s.set_file("/etc/passwd", b"x".to_vec()));
    assert!(!s.set_file("assets/../../x", b"x".to_vec()));

    s.set_file(EDITION, vec![0, 159, 146, 150, 0, 1, 2]);
    let check = json(&s.check());
    assert_eq!(check["type"], "error");
    assert_eq!(check["diagnostics"][0]["file"], EDITION);

    s.set_file(EDITION, vec![b'#'; 3 * 1024 * 1024]);
    let check = json(&s.check());
    assert_eq!(check["type"], "error");
    assert_eq!(check["diagnostics"][0]["file"], EDITION);

    assert!(s.remove_file(EDITION));
    let check = json(&s.check());
    assert_eq!(check["type"], "error", "no edition left: {check}");
}

#[test]
fn unknown_documents_and_editions_are_errors_not_panics() {
    let mut s = example();
    assert!(s.set_lang("en"));
    let r = json(&s.render("poster", None, None));
    assert_eq!(r["type"], "error");
    let d = &r["diagnostics"][0];
    assert_eq!(d["code"], "id-unknown", "{r}");
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("`poster`")),
        "{r}"
    );
    assert!(
        d["hints"][0]
            .as_str()
            .is_some_and(|h| h.contains("newsletter") && h.contains("slides")),
        "{r}"
    );
    for r in [
        json(&s.render("newsletter", Some("1999-01".to_owned()), None)),
        json(&s.email(Some("1999-01".to_owned()), None)),
        json(&s.calendar(Some("1999-01".to_owned()), None)),
    ] {
        assert_eq!(r["type"], "error", "{r}");
        let m = r["diagnostics"][0]["message"].as_str().unwrap_or_default();
        assert!(m.contains("1999-01"), "{r}");
    }
}

#[test]
fn messages_follow_the_chosen_language() {
    let mut s = example();
    s.set_file(EDITION, b"news: [".to_vec());
    let mut places = Vec::new();
    for (code, words) in [
        ("fi", "YAML-tiedoston rakenne on rikki"),
        ("sv", "YAML-filens struktur är trasig"),
        ("en", "the YAML file's structure is broken"),
    ] {
        assert!(s.set_lang(code));
        let check = json(&s.check());
        let d = &check["diagnostics"][0];
        let message = d["message"].as_str().unwrap_or_default();
        assert!(message.starts_with(words), "{code}: {check}");
        places.push((d["file"].clone(), d["line"].clone(), d["column"].clone()));
    }
    // The place is the same whatever the language: the edition's line 1.
    assert!(places.iter().all(|p| *p == places[0]), "{places:?}");
    assert_eq!(places[0].0, EDITION);
    assert_eq!(places[0].1, 1);
    assert!(!s.set_lang("de"));
}

#[test]
fn hundreds_of_edits_keep_working() {
    let mut s = example();
    let text = edition_text();
    for i in 0..60 {
        let title = format!("fi: Muokkaus {i}");
        let t = text.replace(TITLE, &title);
        s.set_file(EDITION, t.into_bytes());
        let r = json(&s.render("newsletter", None, None));
        assert_eq!(r["type"], "success");
        // The edit is what the page shows.
        let shown = r["texts"].as_array().is_some_and(|pages| {
            pages
                .iter()
                .any(|p| p.as_str().is_some_and(|p| p.contains(&title[4..])))
        });
        assert!(shown, "edit {i} is not on any page");
    }
}

#[test]
fn a_preview_names_only_the_pages_that_changed() {
    let mut s = example();
    let first = json(&s.preview("newsletter", None, None));
    assert_eq!(first["type"], "success", "{first}");
    let count = first["count"].as_u64().expect("count") as usize;
    assert!(count >= 2);
    let all: Vec<usize> = (0..count).collect();
    assert_eq!(first["changed"], serde_json::json!(all));
    assert!(s.page_svg("newsletter", 0).starts_with("<svg"));
    assert_eq!(s.page_svg("newsletter", count), "");
    assert_eq!(s.page_svg("slides", 0), "");

    // Nothing that shows edited: nothing to replace.
    s.set_file(EDITION, format!("{}\n", edition_text()).into_bytes());
    let same = json(&s.preview("newsletter", None, None));
    assert_eq!(same["changed"], serde_json::json!([]));

    // The first news title is on the first page.
    let before = s.page_svg("newsletter", 0);
    let text = edition_text().replace(TITLE, "fi: Selain esikatselee");
    s.set_file(EDITION, text.into_bytes());
    let after = json(&s.preview("newsletter", None, None));
    let changed = after["changed"].as_array().expect("changed");
    assert!(changed.contains(&serde_json::json!(0)), "{after}");
    assert_ne!(before, s.page_svg("newsletter", 0));

    // A broken edition keeps the last good pages; forgetting them makes
    // the next preview name every page again.
    s.set_file(EDITION, b"news: [".to_vec());
    assert_eq!(json(&s.preview("newsletter", None, None))["type"], "error");
    assert!(s.page_svg("newsletter", 0).starts_with("<svg"));
    s.set_file(EDITION, edition_text().into_bytes());
    s.forget_pages();
    let again = json(&s.preview("newsletter", None, None));
    assert_eq!(again["changed"], serde_json::json!(all));
}
