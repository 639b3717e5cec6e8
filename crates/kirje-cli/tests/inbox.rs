//! `kirje inbox` with bad input: each refused with a reason a person can
//! act on, exit code 2 (kirje could not do its work) or 1 (the project),
//! and nothing written. The runs against real SMTP and IMAP servers are in
//! `send.rs` (scripts/suites/send.sh).

use std::collections::HashSet;
use std::path::Path;

use kirje_send::{Binding, Journal, State};

mod common;
use common::example;

#[path = "../../../tests/support/example.rs"]
mod support;

fn run(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    common::run(
        common::kirje()
            .env_remove("KIRJE_IMAP_PASSWORD")
            .env_remove("KIRJE_IMAP_TOKEN")
            .args(["--lang", lang, "inbox"])
            .arg(dir)
            .args(args),
    )
}

/// The example with a journal that sent edition 2021-05 to one address.
fn sent_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("lumo");
    support::copy_dir(&example(), &dir);
    let binding = Binding {
        edition: "2021-05".into(),
        content_hash: "0".into(),
    };
    let path = kirje_send::journal_path(&dir, "2021-05");
    let (journal, _) = Journal::open(
        &path,
        &binding,
        &["maija@example.org".to_owned()],
        &HashSet::new(),
        false,
        0,
    )
    .expect("journal");
    journal
        .mark("maija@example.org", State::Sent, "250", 0)
        .expect("mark");
    journal.flush().expect("flush");
    (tmp, dir)
}

#[test]
fn nothing_sent_yet_is_said_plainly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("lumo");
    support::copy_dir(&example(), &dir);
    let (code, text) = run(&dir, "fi", &["--from", "x.mbox"]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("projektista ei ole lähetetty yhtään kirjettä"),
        "{text}"
    );
}

#[test]
fn bad_sources_are_refused_with_their_reason() {
    let (tmp, dir) = sent_example();
    let missing = tmp.path().join("puuttuu.mbox");
    let cases: [(&[&str], &str); 5] = [
        (&[], "mistä viestit luetaan?"),
        (&["--from", missing.to_str().unwrap_or("")], "ei voi lukea"),
        (
            &["--mailbox", "imap://lumo@imap.example.fi"],
            "ei kelpaa: sen muoto on imaps://",
        ),
        (
            &["--mailbox", "imaps://lumo@127.0.0.1:9/INBOX"],
            "postilaatikon salasana puuttuu",
        ),
        (&["--from", "a", "--mailbox", "imaps://u@h"], "--from"),
    ];
    for (args, expected) in cases {
        let (code, text) = run(&dir, "fi", args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(expected), "{args:?}: {text}");
    }
    // An unreachable server, with a password: said so, the password not.
    let out = common::kirje()
        .env("KIRJE_IMAP_PASSWORD", "salainen-sana")
        .args(["--lang", "sv", "inbox"])
        .arg(&dir)
        .args(["--mailbox", "imaps://lumo@127.0.0.1:9/INBOX"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("går inte att nå"), "{text}");
    assert!(!text.contains("salainen-sana"));
    assert!(!dir.join("suppression.txt").exists());
    assert!(!dir.join(".kirje/inbox.sqlite").exists());
}

#[test]
fn a_broken_suppression_list_is_named_at_its_line_and_left_alone() {
    let (tmp, dir) = sent_example();
    std::fs::write(dir.join("suppression.txt"), "ok@example.org\nei osoite\n").expect("list");
    let mail = tmp.path().join("m.eml");
    std::fs::write(&mail, "From: a@example.org\r\nSubject: hei\r\n\r\nhei\r\n").expect("mail");
    let (code, text) = run(
        &dir,
        "fi",
        &["--from", mail.to_str().unwrap_or(""), "--yes"],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("suppression.txt:2"), "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.join("suppression.txt"))
            .ok()
            .as_deref(),
        Some("ok@example.org\nei osoite\n")
    );
}
