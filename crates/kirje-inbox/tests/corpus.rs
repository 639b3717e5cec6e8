//! The returned-mail corpus (`tests/corpus/`): bounces written after the
//! formats of Postfix, Exchange Online, Gmail, Exim and qmail, an ARF abuse
//! report (RFC 5965), unsubscribe requests with a valid token, a forged
//! one, one with a wrong token, one proven by the user's own server's DMARC
//! result and one claiming it from another server, out-of-office replies
//! (Finnish in ISO-8859-1, Swedish), junk, a broken file and a broken
//! report. `{MID:address}` in a file becomes the Message-ID kirje gave that
//! recipient's copy of edition 2026-11, `{TOKEN:address}` the address's
//! unsubscribe token.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use kirje_inbox::{Known, classify};
use kirje_send::personalise::{UnsubscribeKey, message_id};

const EDITION: &str = "2026-11";
const DOMAIN: &str = "lumo.example.fi";
/// The addresses the corpus names, as kirje sent to them.
fn recipients() -> Vec<&'static str> {
    include_str!("corpus-recipients.txt").lines().collect()
}

fn fill(text: &str, key: &UnsubscribeKey) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        let inner = &tail[1..end];
        match inner.split_once(':') {
            Some(("MID", a)) => out.push_str(&message_id(EDITION, a, DOMAIN)),
            Some(("TOKEN", a)) => out.push_str(&key.token(a)),
            _ => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_message_of_the_corpus_is_classified() {
    let key = UnsubscribeKey::new(b"kirje test secret, 32 bytes long").expect("key");
    let sent: HashMap<String, (String, String)> = recipients()
        .iter()
        .map(|a| {
            let id = message_id(EDITION, a, DOMAIN);
            (
                id.trim_matches(['<', '>']).to_owned(),
                (EDITION.to_owned(), (*a).to_owned()),
            )
        })
        .collect();
    let known = Known {
        sent,
        recipients: recipients()
            .iter()
            .map(|a| (*a).to_owned())
            .collect::<HashSet<_>>(),
        unsubscribe_to: Some("hankekirje@lumo.example.fi".into()),
        key: Some(&key),
        authserv_id: Some("mail.lumo.example.fi".into()),
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut report = String::new();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).expect("read");
        let bytes = match std::str::from_utf8(&bytes) {
            Ok(t) => fill(t, &key).into_bytes(),
            Err(_) => bytes,
        };
        let verdicts = classify(&bytes, &known);
        let _ = writeln!(report, "{name}: {verdicts:?}");
    }
    insta::assert_snapshot!(report);
}
