//! The corpus read back from the three shapes mail programs export: a
//! folder of `.eml` files, a Maildir and an mbox file, with the same
//! messages in the same order.

use std::fs;

use kirje_inbox::read::{Kind, kind_of, read};

#[test]
fn a_folder_a_maildir_and_an_mbox_give_the_same_messages() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let folder = read(&corpus).expect("folder");
    assert_eq!(kind_of(&corpus).ok(), Some(Kind::EmlFolder));
    assert!(folder.len() >= 19, "{}", folder.len());

    let tmp = tempfile::tempdir().expect("tempdir");
    let maildir = tmp.path().join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    let mut mbox = Vec::new();
    for (i, m) in folder.iter().enumerate() {
        let sub = if i % 2 == 0 { "cur" } else { "new" };
        let name = format!("17012{i:05}.M1P1.host:2,S");
        fs::write(maildir.join(sub).join(name), &m.bytes).expect("write");
        // mboxrd: a body line starting "From " gets a ">" in front.
        mbox.extend_from_slice(b"From MAILER-DAEMON Mon Nov 30 09:14:02 2026\n");
        for line in m.bytes.split_inclusive(|b| *b == b'\n') {
            if line.starts_with(b"From ") {
                mbox.push(b'>');
            }
            mbox.extend_from_slice(line);
        }
        if !m.bytes.ends_with(b"\n") {
            mbox.push(b'\n');
        }
        mbox.push(b'\n');
    }
    let mbox_path = tmp.path().join("export.mbox");
    fs::write(&mbox_path, &mbox).expect("mbox");

    assert_eq!(kind_of(&maildir).ok(), Some(Kind::Maildir));
    assert_eq!(kind_of(&mbox_path).ok(), Some(Kind::Mbox));
    let from_maildir = read(&maildir).expect("maildir");
    let from_mbox = read(&mbox_path).expect("mbox");
    assert_eq!(from_maildir.len(), folder.len());
    assert_eq!(from_mbox.len(), folder.len());
    // The same messages, whatever the wrapping (mbox may differ in the
    // final line break).
    let mut a: Vec<&[u8]> = folder.iter().map(|m| m.bytes.trim_ascii_end()).collect();
    let mut b: Vec<&[u8]> = from_maildir
        .iter()
        .map(|m| m.bytes.trim_ascii_end())
        .collect();
    let mut c: Vec<&[u8]> = from_mbox.iter().map(|m| m.bytes.trim_ascii_end()).collect();
    a.sort();
    b.sort();
    c.sort();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn a_50_mb_message_is_read_in_part_and_still_classified() {
    use kirje_inbox::classify::READ_LIMIT;
    use kirje_inbox::{Known, Verdict, classify};

    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("huge.eml");
    let mut mail = String::from(
        "From: MAILER-DAEMON@mail.example\r\nSubject: Undelivered Mail Returned to Sender\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example\r\n\r\n\
         Final-Recipient: rfc822; maija@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n\
         --b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    );
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
    while mail.len() < 50 * 1024 * 1024 {
        mail.push_str(line);
    }
    fs::write(&path, &mail).expect("write");
    let read = read(&path).expect("read");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].bytes.len(), READ_LIMIT);
    let known = Known {
        recipients: ["maija@example.org".to_owned()].into_iter().collect(),
        ..Known::default()
    };
    let verdicts = classify(&read[0].bytes, &known);
    assert!(
        matches!(
            verdicts.as_slice(),
            [Verdict::Bounce {
                permanent: true,
                ..
            }]
        ),
        "{verdicts:?}"
    );
}
