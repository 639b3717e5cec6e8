//! Shared by the integration tests: reading `examples/lumo`, building small
//! projects in memory, and reading a built message back.

#![allow(dead_code)]

#[path = "../../../../tests/support/example.rs"]
mod example;
#[allow(unused_imports)] // Not every test binary uses both.
pub use example::{lumo, repo};

use kirje_core::load::Loaded;
use kirje_core::{Files, load};

/// Loads files that must load.
pub fn loaded(files: &Files) -> Loaded {
    match load::load(files) {
        Ok(l) => l,
        Err(d) => panic!("does not load: {d:?}"),
    }
}

pub const SETTINGS: &str = r##"languages = ["fi", "sv"]
base_url = "https://example.org/uutiskirje/"
[theme]
primary = "#004f71"
logo = { path = "assets/logo.png", alt = { fi = "Logo", sv = "Logotyp" } }
[sender]
name = { fi = "Testihanke", sv = "Testprojektet" }
email = "uutiset@example.org"
organisation = "Testiorganisaatio"
address = "Katu 1, 00100 Helsinki"
"##;

pub const PROJECT: &str = r#"name: {fi: Testihanke, sv: Testprojektet}
acronym: TESTI
period: {start: 2021-01-01, end: 2022-12-31}
administrator: {id: iso, name: ISO}
funders:
  - {id: stm, name: STM, statement: {fi: Rahoittaa STM., sv: Finansieras av SHM.}}
purpose: {fi: Tarkoitus., sv: Syfte.}
funding:
  total: 1 000 000 €
  sources:
    - {name: Valtionavustus, funder: stm, amount: 800 000 €, share: 80 %}
    - {name: Omarahoitus, amount: 200 000 €, share: 20 %}
contacts:
  - name: Marika Huupponen
    email: marika.huupponen@essote.fi
    phone: 040 359 7659
"#;

pub const EDITION: &str = r#"number: 2
date: 2021-05-03
title: {fi: Otsikko äö, sv: Rubrik åä}
intro: {fi: Johdanto., sv: Inledning.}
news:
  - title: {fi: Uutinen, sv: Nyhet}
    body: {fi: "Teksti [linkki](https://example.org).", sv: Text.}
    image: {path: assets/kuva.png, alt: {fi: Kuva, sv: Bild}}
    link: {label: {fi: Lue uutinen, sv: Läs nyheten}, url: "https://example.org/uutinen"}
events:
  - title: Kehittäjäryhmä
    start: 2021-05-05 13:30
    end: "15:00"
    registration: https://example.org/ilmo
  - title: Koulutus
    sessions:
      - {title: Osio I, start: 2021-05-28 8:30, end: "12:00"}
      - {title: Osio II, start: 2021-06-07 9:00, end: "15:00"}
  - title: Koko päivä
    start: 2021-11-02
    end: 2021-11-03
"#;

/// A whole 4×2 PNG in the primary colour: small enough to travel in the
/// email as it is.
pub const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x02\x08\x02\x00\x00\x00\xf0\xca\xea\x34\x00\x00\x00\x0f\x49\x44\x41\x54\x78\x9c\x63\x60\x08\xcb\x46\x20\x64\x0e\x00\x4b\x2a\x06\x09\xde\xbc\xbd\xde\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// A small project in memory.
pub fn project(settings: &str, project: &str, edition: &str) -> Files {
    let mut f = Files::new();
    f.insert("kirje.toml", settings);
    f.insert("project.yaml", project);
    f.insert("editions/2021-05.yaml", edition);
    f.insert("assets/logo.png", PNG);
    f.insert("assets/kuva.png", PNG);
    f
}

/// One part of a MIME message: its headers (names lower-cased) and body.
#[derive(Debug)]
pub struct Part {
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub children: Vec<Part>,
}

impl Part {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> String {
        self.header("content-type")
            .unwrap_or("text/plain")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    /// Every part, depth first, this one included.
    pub fn walk(&self) -> Vec<&Part> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// Reads a message the way a mail client would, enough to check structure:
/// unfolds headers, splits multiparts at their boundaries.
pub fn parse_mime(raw: &str) -> Part {
    let (head, body) = raw.split_once("\r\n\r\n").expect("headers end");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            headers
                .last_mut()
                .expect("a header before")
                .1
                .push_str(line);
        } else {
            let (n, v) = line.split_once(':').expect("name: value");
            headers.push((n.to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let mut part = Part {
        headers,
        body: body.to_owned(),
        children: Vec::new(),
    };
    let ct = part.header("content-type").unwrap_or("").to_owned();
    if ct.to_ascii_lowercase().starts_with("multipart/") {
        let boundary = ct
            .split(';')
            .find_map(|p| p.trim().strip_prefix("boundary="))
            .expect("boundary")
            .trim_matches('"')
            .to_owned();
        let delim = format!("--{boundary}");
        let mut pieces: Vec<&str> = body.split(&delim).collect();
        assert!(
            pieces.last().expect("end").starts_with("--"),
            "closing boundary"
        );
        pieces.pop();
        for p in pieces.into_iter().skip(1) {
            let p = p.strip_prefix("\r\n").expect("CRLF after boundary");
            let p = p.strip_suffix("\r\n").unwrap_or(p);
            part.children.push(parse_mime(p));
        }
    }
    part
}

/// Decodes one RFC 2047 header value made of `=?utf-8?b?…?=` words (what
/// lettre writes) or plain ASCII.
pub fn decode_header(value: &str) -> String {
    let mut out = String::new();
    let mut previous_encoded = false;
    for (i, word) in value.split_whitespace().enumerate() {
        let lower = word.to_ascii_lowercase();
        let encoded = lower.starts_with("=?utf-8?b?") && lower.ends_with("?=");
        // Space between two encoded words is not part of the text.
        if i > 0 && !(encoded && previous_encoded) {
            out.push(' ');
        }
        if encoded {
            let b64 = &word[10..word.len() - 2];
            out.push_str(&String::from_utf8(base64(b64)).expect("utf-8"));
        } else {
            out.push_str(word);
        }
        previous_encoded = encoded;
    }
    out
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|b| *b != b'=').collect();
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= val(*c) << (18 - 6 * i);
        }
        let take = chunk.len() - 1;
        for i in 0..take {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// `text` with the content hash in each email image's name
/// (`lumo-logo.1a2b3c4d.png`) written as `lumo-logo.HASH.png`: the drawn
/// pixels, and so the hash, differ with the features the SIMD rasteriser is
/// built with in a test run.
pub fn without_image_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("assets/email/") {
        let (head, tail) = rest.split_at(i + "assets/email/".len());
        out.push_str(head);
        let end = tail.find(['"', '\n', ')']).unwrap_or(tail.len());
        let name = &tail[..end];
        let parts: Vec<&str> = name.rsplitn(3, '.').collect();
        match parts.as_slice() {
            [ext, hash, stem] if hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
                out.push_str(&format!("{stem}.HASH.{ext}"));
            }
            _ => out.push_str(name),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Every output of a project, with the default options and no fonts for
/// the text in SVGs.
pub fn all_outputs(
    l: &kirje_core::load::Loaded,
    files: &Files,
) -> Result<Vec<kirje_email::Output>, Vec<kirje_core::Diagnostic>> {
    kirje_email::outputs(
        l,
        files,
        &kirje_email::Options::default(),
        &kirje_email::Raster::default(),
    )
}

/// The email's images of a View (no fonts for the text in SVGs).
pub fn email_images(v: &kirje_core::view::View, files: &Files) -> kirje_email::EmailImages {
    kirje_email::Raster::default().email_images(v, files)
}
