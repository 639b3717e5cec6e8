//! The web archive across editions: every edition gets its pages, the list
//! and the feed put the newest first, `events.ics` follows the chosen
//! edition and `web/events.ics` holds them all.

mod common;

use common::{EDITION, PROJECT, SETTINGS, loaded, project};
use kirje_email::{Options, Output, outputs};

fn two_editions() -> kirje_core::Files {
    let mut files = project(SETTINGS, PROJECT, EDITION);
    let older = EDITION
        .replace("number: 2", "number: 1")
        .replace("date: 2021-05-03", "date: 2021-02-01")
        .replace(
            "title: {fi: Otsikko äö, sv: Rubrik åä}",
            "title: {fi: Vanha, sv: Gammal}",
        );
    files.insert("editions/2021-02.yaml", older);
    files
}

fn get<'a>(outs: &'a [Output], path: &str) -> &'a str {
    let o = outs
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&o.bytes).expect("utf-8")
}

#[test]
fn every_edition_newest_first() {
    let files = two_editions();
    let l = loaded(&files);
    let outs = common::all_outputs(&l, &files).expect("outputs");
    for path in [
        "web/2021-02/index.html",
        "web/2021-02/sv/index.html",
        "web/2021-05/index.html",
        "web/2021-05/sv/index.html",
    ] {
        get(&outs, path);
    }
    let index = get(&outs, "web/index.html");
    let new = index.find("href=\"2021-05/\"").expect("newest listed");
    let old = index.find("href=\"2021-02/\"").expect("older listed");
    assert!(new < old, "newest first");
    let feed = get(&outs, "web/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(feed.contains("<updated>2021-05-03T09:00:00+03:00</updated>\n  <author>"));
    assert!(
        feed.contains("<updated>2021-02-01T09:00:00+02:00</updated>"),
        "winter time"
    );
    assert!(
        get(&outs, "email.html").contains("Otsikko äö"),
        "the newest by default"
    );
    let ics = get(&outs, "events.ics");
    let all = get(&outs, "web/events.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
    assert_eq!(all.matches("BEGIN:VEVENT").count(), 8);
}

#[test]
fn a_chosen_edition() {
    let files = two_editions();
    let l = loaded(&files);
    let options = Options {
        edition: Some("2021-02".to_owned()),
        ..Options::default()
    };
    let outs = outputs(&l, &files, &options, &kirje_email::Raster::default()).expect("outputs");
    assert!(get(&outs, "email.html").contains("Vanha"));
    assert!(get(&outs, "email.eml").contains("Date: Mon, 01 Feb 2021 09:00:00 +0200"));
    let missing = Options {
        edition: Some("2099-01".to_owned()),
        ..Options::default()
    };
    match outputs(&l, &files, &missing, &kirje_email::Raster::default()) {
        Ok(_) => panic!("an unknown edition"),
        Err(e) => assert_eq!(e[0].message.code(), "id-unknown"),
    }
}
