//! An ESR+ project (the many-facts fixture) shows the EU emblem and its
//! statement at the top of the email and of the web page, before the
//! edition's title, in every language; a project's own template that
//! leaves them out is named by a warning at the funder's `preset`.

use kirje_core::funders::says;
use kirje_core::view::view;
use kirje_core::{Files, load};
use kirje_email::{Raster, Templates, email_html, visibility_warnings, web_edition};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::{read_project, repo};

fn fixture() -> Files {
    read_project(&repo().join("tests/fixtures/deck-many"))
}

/// The part of a page above its first `<h1>`.
fn top(html: &str) -> &str {
    let body = &html[html.find("<body").expect("a body")..];
    &body[..body.find("<h1").expect("a title")]
}

#[test]
fn the_emblem_and_the_statement_are_at_the_top_of_the_email_and_the_web_page() {
    let files = fixture();
    let loaded = load::load(&files).expect("loads");
    let ed = loaded.edition(None).expect("edition");
    let raster = Raster::default();
    let templates = Templates::builtin();
    assert_eq!(loaded.settings.languages.len(), 3);
    for &lang in &loaded.settings.languages {
        let v = view(&loaded, ed, lang);
        let eu = v.project.funders.iter().find(|f| f.emblem.is_some());
        let eu = eu.expect("an ESR+ funder");
        let emblem = eu.emblem.as_ref().expect("emblem");
        let statement = eu.statement.as_deref().expect("statement");
        let images = raster.email_images(&v, &files);
        // The email shows it as a PNG (Gmail and Outlook show no SVG), as
        // tall as the logo may be.
        let png = images.get(&emblem.path).expect("the emblem as an image");
        assert_eq!(png.content_type, "image/png");
        assert_eq!((png.width, png.height), (96, 64));
        let email = email_html(&v, &templates, &images).expect("email");
        let web = web_edition(&v, &templates).expect("web page");
        for (what, html) in [("email", &email), ("web page", &web)] {
            let head = top(html);
            assert!(
                head.contains(&format!("alt=\"{}\"", emblem.alt)),
                "{what} ({lang}): no emblem above the title"
            );
            assert!(
                says(head, statement),
                "{what} ({lang}): no “{statement}” above the title"
            );
        }
    }
    assert_eq!(visibility_warnings(&loaded, &files, &raster, None), vec![]);
}

#[test]
fn an_own_template_without_the_emblem_is_named() {
    let mut files = fixture();
    let masthead = include_str!("../templates/email/masthead.mjml");
    assert!(masthead.contains("{% if eu %}"));
    files.insert(
        "templates/email/masthead.mjml",
        masthead.replace("{% if eu %}", "{% if false %}"),
    );
    let loaded = load::load(&files).expect("loads");
    let found = visibility_warnings(&loaded, &files, &Raster::default(), None);
    // One warning for the email (the same in every language), none for the
    // web page, pointing at `preset: esr+`.
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.message.code(), "eu-visibility-missing");
    let text =
        String::from_utf8(files.bytes("project.yaml").expect("project").to_vec()).expect("utf-8");
    let span = d.span.clone().expect("a place");
    assert!(text[span].starts_with("preset"), "{d:?}");
    let said = d
        .message
        .render(&kirje_core::locale::Formatter::new(kirje_core::Lang::Fi));
    assert!(
        said.starts_with("EU:n tunnus ja teksti puuttuvat sähköpostin alusta"),
        "{said}"
    );
}
