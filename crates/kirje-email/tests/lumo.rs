//! The outputs of `examples/lumo`, as reviewed snapshots: the email's HTML
//! and text, the calendar, the feed, the list of files; and the sample
//! message read back part by part.

mod common;

use common::{decode_header, loaded, lumo, parse_mime};
use kirje_core::view::view;
use kirje_core::{Lang, check};
use kirje_email::{Options, Output, Selection, outputs};

fn lumo_outputs() -> Vec<Output> {
    let files = lumo();
    let l = loaded(&files);
    assert_eq!(check::check(&l, &files), vec![], "examples/lumo is clean");
    common::all_outputs(&l, &files).expect("outputs")
}

fn text(outs: &[Output], path: &str) -> String {
    let o = outs
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(o.bytes.clone()).expect("utf-8")
}

#[test]
fn every_output_path() {
    let outs = lumo_outputs();
    let paths: Vec<&str> = outs.iter().map(|o| o.path.as_str()).collect();
    insta::assert_snapshot!(
        "lumo_paths",
        common::without_image_hashes(&paths.join("\n"))
    );
}

#[test]
fn same_bytes_on_every_build() {
    assert_eq!(lumo_outputs(), lumo_outputs());
}

#[test]
fn email_html() {
    let outs = lumo_outputs();
    let html = text(&outs, "email.html");
    assert!(html.contains("<html lang=\"fi\""), "lang on <html>");
    assert!(!html.contains("fonts.googleapis"), "no web fonts");
    assert!(!html.contains("<link"), "nothing external but images");
    assert!(!html.to_ascii_lowercase().contains("<script"));
    // Standalone: no placeholder a pasted copy would keep.
    assert!(!html.contains("%%"), "no %% placeholder");
    assert!(html.contains("href=\"mailto:lumo@isonet.fi?subject=unsubscribe\""));
    assert!(
        html.contains("href=\"https://www.isonet.fi/lumo/kirje/2021-05/LUMO-2021-05.pdf\""),
        "the PDF"
    );
    assert!(
        html.contains("href=\"https://www.isonet.fi/lumo/kirje/2021-05/\""),
        "view in browser"
    );
    assert!(html.contains("https://www.isonet.fi/lumo/kirje/events/2021-05-e1.ics"));
    assert!(html.contains("src=\"https://www.isonet.fi/lumo/kirje/assets/email/lumo-logo."));
    assert!(!html.contains(".svg\""), "no SVG in the email");
    assert!(html.contains("style=\""), "CSS inlined");
    for img in html.split("<img").skip(1) {
        let tag = &img[..img.find('>').expect("end of tag")];
        assert!(tag.contains("alt=\""), "alt on every image: {tag}");
        assert!(tag.contains(" width=\""), "width on every image: {tag}");
        assert!(tag.contains(" height=\""), "height on every image: {tag}");
        assert!(!tag.contains("height=\"auto\""), "{tag}");
    }
    for table in html.split("<table").skip(1) {
        let tag = &table[..table.find('>').expect("end of tag")];
        assert!(
            tag.contains("role=\"presentation\"") || tag.contains("class=\"k-table\""),
            "layout tables are presentational: {tag}"
        );
    }
    insta::assert_snapshot!("lumo_email_html", common::without_image_hashes(&html));
}

#[test]
fn email_text() {
    let outs = lumo_outputs();
    let txt = text(&outs, "email.txt");
    for line in txt.lines() {
        let n = line.chars().count();
        assert!(n <= 72 || !line.contains(' '), "{n} columns: {line}");
    }
    assert!(
        txt.contains("1\u{a0}000\u{a0}000\u{a0}€"),
        "no-break spaces kept"
    );
    insta::assert_snapshot!("lumo_email_txt", txt);
    let sv = text(&outs, "email.sv.txt");
    assert!(sv.contains("Evenemangskalender"));
}

#[test]
fn other_languages_are_translated() {
    let outs = lumo_outputs();
    let sv = text(&outs, "email.sv.html");
    assert!(sv.contains("<html lang=\"sv\""));
    assert!(sv.contains("Lägg till i kalendern"));
    assert!(sv.contains("https://www.isonet.fi/lumo/kirje/2021-05/sv/"));
    assert!(sv.contains("events/2021-05-e1.sv.ics"));
    let en = text(&outs, "email.en.html");
    assert!(en.contains("Add to calendar"));
    let fi = text(&outs, "email.html");
    for english in ["Add to calendar", "Read more", "Unsubscribe", "View in"] {
        assert!(
            !fi.contains(english),
            "English in the Finnish email: {english}"
        );
    }
}

#[test]
fn events_ics() {
    let outs = lumo_outputs();
    let ics = text(&outs, "events.ics");
    assert!(ics.lines().count() > 10);
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }
    let unfolded = ics.replace("\r\n ", "");
    let vevents = unfolded.matches("BEGIN:VEVENT").count();
    // 5 events, two with sessions (2 + 3): 3 + 2 + 3 = 8 occasions.
    assert_eq!(vevents, 8);
    assert!(unfolded.contains("DTSTART;TZID=Europe/Helsinki:20210505T133000\r\n"));
    assert!(unfolded.contains("DTEND;TZID=Europe/Helsinki:20210505T150000\r\n"));
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20210506\r\nDTEND;VALUE=DATE:20210508\r\n"));
    assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n"));
    let uids: Vec<&str> = unfolded.lines().filter(|l| l.starts_with("UID:")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(uids.len(), unique.len());
    assert!(uids.iter().all(|u| u.ends_with("@isonet.fi")));
    insta::assert_snapshot!("lumo_events_ics", ics);
}

#[test]
fn web_archive() {
    let outs = lumo_outputs();
    let index = text(&outs, "web/index.html");
    assert!(index.contains("href=\"2021-05/\""));
    assert!(index.contains("href=\"feed.xml\""));
    assert!(index.contains("href=\"events.ics\""));
    assert!(!index.contains("<script"));
    let page = text(&outs, "web/2021-05/index.html");
    assert!(page.contains("<html lang=\"fi\">"));
    assert!(page.contains("src=\"../assets/lumo-logo.svg\""));
    assert!(page.contains("href=\"../2021-05/sv/\""));
    assert!(page.contains("href=\"../events/2021-05-e3.ics\""));
    let sv = text(&outs, "web/2021-05/sv/index.html");
    assert!(sv.contains("src=\"../../assets/lumo-logo.svg\""));
    assert!(
        sv.contains("href=\"../../2021-05/\""),
        "back to the Finnish page"
    );
    let feed = text(&outs, "web/feed.xml");
    assert!(feed.starts_with("<?xml"));
    insta::assert_snapshot!("lumo_feed_xml", feed);
    let all = text(&outs, "web/events.ics");
    assert_eq!(
        all,
        text(&outs, "events.ics"),
        "one edition: the same events"
    );
    let one = text(&outs, "web/events/2021-05-e3.ics");
    assert_eq!(one.matches("BEGIN:VEVENT").count(), 3);
}

#[test]
fn sample_message() {
    let outs = lumo_outputs();
    let raw = text(&outs, "email.eml");
    assert!(raw.is_ascii(), "7-bit headers and encoded bodies");
    let msg = parse_mime(&raw);
    assert_eq!(msg.content_type(), "multipart/alternative");
    assert_eq!(
        msg.header("message-id"),
        Some("<kirje.2021-05.fi.LUMO@isonet.fi>")
    );
    assert_eq!(msg.header("date"), Some("Mon, 03 May 2021 09:00:00 +0300"));
    assert_eq!(msg.header("to"), Some("LUMO-hanke <lumo@isonet.fi>"));
    assert_eq!(msg.header("content-language"), Some("fi"));
    let subject = msg.header("subject").expect("subject");
    assert_eq!(
        decode_header(subject),
        "LUMOn tapahtumakalenteri on julkaistu"
    );
    let from = msg.header("from").expect("from");
    assert!(from.ends_with("<lumo@isonet.fi>"), "{from}");
    let types: Vec<String> = msg.walk().iter().map(|p| p.content_type()).collect();
    assert_eq!(types, ["multipart/alternative", "text/plain", "text/html"]);
    let head: Vec<String> = msg
        .headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}"))
        .collect();
    insta::assert_snapshot!("lumo_eml_headers", head.join("\n"));
}

#[test]
fn only_what_is_selected() {
    let files = lumo();
    let l = loaded(&files);
    let only = |s: Selection| -> Vec<String> {
        outputs(
            &l,
            &files,
            &Options {
                only: s,
                edition: None,
            },
            &kirje_email::Raster::default(),
        )
        .expect("outputs")
        .into_iter()
        .map(|o| o.path)
        .collect()
    };
    assert_eq!(
        only(Selection {
            ics: true,
            ..Selection::NONE
        }),
        ["events.ics"]
    );
    assert!(
        only(Selection {
            web: true,
            ..Selection::NONE
        })
        .iter()
        .all(|p| p.starts_with("web/"))
    );
    assert_eq!(
        only(Selection {
            email: true,
            ..Selection::NONE
        }),
        [
            "email.eml",
            "email.en.html",
            "email.en.txt",
            "email.html",
            "email.sv.html",
            "email.sv.txt",
            "email.txt"
        ]
    );
    assert!(only(Selection::NONE).is_empty());
}

#[test]
fn views_in_every_language_render() {
    let files = lumo();
    let l = loaded(&files);
    let e = l.edition(None).expect("edition");
    let t = kirje_email::Templates::builtin();
    for lang in Lang::ALL {
        let v = view(&l, e, lang);
        kirje_email::email_html(&v, &t, &common::email_images(&v, &files)).expect("html");
        kirje_email::email_text(&v, &t).expect("text");
        kirje_email::web_edition(&v, &t).expect("web");
    }
}
