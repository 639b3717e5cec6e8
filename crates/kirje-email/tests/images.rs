//! Images in the email: linked from `base_url` when it is set, embedded as
//! `cid:` parts of a multipart/related when it is not.

mod common;

use common::{EDITION, PNG, PROJECT, SETTINGS, loaded, parse_mime, project};
use kirje_core::Lang;
use kirje_core::view::view;
use kirje_email::{Templates, email_html, inline_images, message};

fn eml(settings: &str) -> String {
    let files = project(settings, PROJECT, EDITION);
    let l = loaded(&files);
    let outs = common::all_outputs(&l, &files).expect("outputs");
    let o = outs
        .iter()
        .find(|o| o.path == "email.eml")
        .expect("email.eml");
    String::from_utf8(o.bytes.clone()).expect("ascii")
}

#[test]
fn with_base_url_images_are_linked() {
    let raw = eml(SETTINGS);
    let msg = parse_mime(&raw);
    let subject = msg.header("subject").expect("subject");
    assert!(subject.contains("=?utf-8?b?"), "RFC 2047: {subject}");
    assert_eq!(common::decode_header(subject), "Otsikko äö");
    let types: Vec<String> = msg.walk().iter().map(|p| p.content_type()).collect();
    assert_eq!(types, ["multipart/alternative", "text/plain", "text/html"]);
    let files = project(SETTINGS, PROJECT, EDITION);
    let l = loaded(&files);
    let v = view(&l, l.edition(None).expect("edition"), Lang::Fi);
    let html =
        email_html(&v, &Templates::builtin(), &common::email_images(&v, &files)).expect("html");
    // The PNGs are small enough to travel as they are, under assets/email/.
    assert!(html.contains("src=\"https://example.org/uutiskirje/assets/email/logo."));
    assert!(html.contains("src=\"https://example.org/uutiskirje/assets/email/kuva."));
    assert!(
        html.contains("width=\"4\" height=\"2\""),
        "shown at their own size"
    );
    assert!(!html.contains("cid:"));
    assert!(inline_images(&html, &common::email_images(&v, &files)).is_empty());
}

#[test]
fn without_base_url_images_are_embedded() {
    let settings = SETTINGS.replace("base_url = \"https://example.org/uutiskirje/\"\n", "");
    let raw = eml(&settings);
    let msg = parse_mime(&raw);
    let types: Vec<String> = msg.walk().iter().map(|p| p.content_type()).collect();
    assert_eq!(
        types,
        [
            "multipart/alternative",
            "text/plain",
            "multipart/related",
            "text/html",
            "image/png",
            "image/png"
        ]
    );
    let files = project(&settings, PROJECT, EDITION);
    let l = loaded(&files);
    let v = view(&l, l.edition(None).expect("edition"), Lang::Fi);
    let html =
        email_html(&v, &Templates::builtin(), &common::email_images(&v, &files)).expect("html");
    let images = inline_images(&html, &common::email_images(&v, &files));
    assert_eq!(images.len(), 2);
    for image in &images {
        assert!(html.contains(&format!("src=\"cid:{}\"", image.content_id)));
        assert_eq!(image.bytes, PNG);
        let part = msg
            .walk()
            .into_iter()
            .find(|p| p.header("content-id") == Some(format!("<{}>", image.content_id).as_str()))
            .expect("a part for each image");
        assert!(
            part.header("content-disposition")
                .expect("disposition")
                .starts_with("inline"),
        );
    }
    // No "view in browser" and no calendar links without an address.
    assert!(!html.contains("Avaa selaimessa"));
    assert!(!html.contains("Lisää kalenteriin"));
    // The message can be built for a real recipient too.
    let to = "Matti Meikäläinen <matti@example.org>"
        .parse()
        .expect("mailbox");
    let text = kirje_email::email_text(&v, &Templates::builtin()).expect("text");
    let m = message(&v, &html, &text, &images, Some(to)).expect("message");
    let raw = String::from_utf8(m.formatted()).expect("ascii");
    let parsed = parse_mime(&raw);
    assert!(
        parsed
            .header("to")
            .expect("to")
            .ends_with("<matti@example.org>")
    );
}
