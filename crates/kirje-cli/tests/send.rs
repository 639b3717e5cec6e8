//! `kirje send` against a real SMTP server: aiosmtpd with our fault-injecting
//! handler (tests/smtp/server.py), from the venv that scripts/lib.sh makes
//! (`$KIRJE_VENV`, default `~/.cache/kirje/venv`). What arrived is read from
//! the server's own log and mailbox by tests/smtp/report.py (Python's
//! `email` package, policy default).
//!
//! These tests are ignored by a plain `cargo test`; scripts/suites/send.sh
//! installs the venv and runs them with `--include-ignored`. A missing
//! Python or aiosmtpd is a failure there, never a skip.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Std, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use kirje_send::{Journal, State};

#[path = "../../../tests/support/example.rs"]
mod support;
use support::copy_dir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    let venv = std::env::var_os("KIRJE_VENV").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/kirje/venv"),
        PathBuf::from,
    );
    let py = venv.join("bin/python");
    assert!(
        py.exists(),
        "{} is missing: run scripts/suites/send.sh (it makes the venv with aiosmtpd)",
        py.display()
    );
    py
}

/// The test server, stopped when dropped.
struct Smtp {
    child: Child,
    port: u16,
    out: tempfile::TempDir,
}

impl Smtp {
    fn start(extra: &[&str]) -> Smtp {
        let out = tempfile::tempdir().expect("tmp");
        let mut child = Std::new(python())
            .arg(root().join("tests/smtp/server.py"))
            .arg(out.path())
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP test server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("READY line");
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the server did not start: {line:?}"));
        Smtp { child, port, out }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// What the server stored, per recipient, and the checks of report.py.
    fn inspect(&self) -> serde_json::Value {
        let out = Std::new(python())
            .arg(root().join("tests/smtp/report.py"))
            .arg(self.out.path())
            .output()
            .expect("report.py");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json")
    }

    fn copies(&self) -> HashMap<String, u64> {
        let v = self.inspect();
        v["copies"]
            .as_object()
            .expect("copies")
            .iter()
            .map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(0)))
            .collect()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of examples/lumo in a temporary folder, with a list of `n`
/// ordinary recipients (languages in turn) followed by `extra` addresses.
fn project(n: usize, extra: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("lumo");
    copy_dir(&root().join("examples/lumo"), &dir);
    let mut csv = String::from("email,name,language,organisation\n");
    let langs = ["fi", "sv", "en"];
    for i in 0..n {
        let l = langs[i % 3];
        csv.push_str(&format!(
            "r{i}.{l}@example.test,Vastaanottaja {i},{l},Org {i}\n"
        ));
    }
    for e in extra {
        csv.push_str(&format!("{e},,,\n"));
    }
    let list = tmp.path().join("list.csv");
    std::fs::write(&list, csv).expect("write list");
    (tmp, dir, list)
}

fn kirje() -> Command {
    let mut c = Command::cargo_bin("kirje").expect("binary");
    c.env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("KIRJE_SMTP_PASSWORD")
        .arg("--lang")
        .arg("en");
    c
}

fn send(dir: &Path, list: &Path, smtp: &Smtp, more: &[&str]) -> std::process::Output {
    kirje()
        .arg("send")
        .arg(dir)
        .arg("--recipients")
        .arg(list)
        .arg("--smtp")
        .arg(smtp.url())
        .args(["--yes", "--rate", "1000/s", "--retry-wait", "0.05"])
        .args(more)
        .output()
        .expect("run kirje send")
}

/// `kirje send DIR --status`.
fn send_status(dir: &Path) -> std::process::Output {
    kirje()
        .arg("send")
        .arg(dir)
        .arg("--status")
        .output()
        .expect("status")
}

/// `kirje send --dry-run OUT`: every message as .eml, nothing sent.
fn dry_run(dir: &Path, list: &Path, out_dir: &Path) -> std::process::Output {
    kirje()
        .arg("send")
        .arg(dir)
        .arg("--recipients")
        .arg(list)
        .arg("--dry-run")
        .arg(out_dir)
        .output()
        .expect("run")
}

fn journal(dir: &Path) -> Journal {
    let editions = dir.join(".kirje/send");
    let file = std::fs::read_dir(&editions)
        .expect("journal folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("a journal");
    Journal::read(&file).expect("readable journal")
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn a_thousand_recipients_each_get_one_well_formed_message() {
    let smtp = Smtp::start(&[]);
    let (_tmp, dir, list) = project(1000, &[]);
    let started = Instant::now();
    let out = send(&dir, &list, &smtp, &[]);
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v = smtp.inspect();
    assert_eq!(v["messages"], 1000, "{v}");
    assert_eq!(v["recipients"], 1000, "{v}");
    assert_eq!(v["max_copies"], 1, "{v}");
    assert_eq!(v["defects"], serde_json::json!([]), "{v}");
    assert_eq!(v["problems"], serde_json::json!([]), "{v}");
    assert_eq!(v["duplicate_message_ids"], serde_json::json!([]), "{v}");
    // Each message is dated when it was built for sending, not on the
    // edition's date (which is years ago for the example).
    let skew = v["max_date_skew_s"].as_f64().expect("a skew");
    assert!(
        skew < 60.0,
        "Date differs from the arrival by {skew} s: {v}"
    );
    eprintln!(
        "1000 messages in {secs:.1} s ({:.0}/s, with rendering and checking)",
        1000.0 / secs
    );

    // The same command again sends nothing.
    let again = send(&dir, &list, &smtp, &[]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert_eq!(smtp.inspect()["messages"], 1000);
    let counts = journal(&dir).counts().expect("counts");
    assert_eq!(counts.get(&State::Sent), Some(&1000));
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn each_fault_ends_in_its_state() {
    let smtp = Smtp::start(&[]);
    let faults = [
        "rcpt451-a@example.test",
        "rcpt451once-a@example.test",
        "data451-a@example.test",
        "bounce550-a@example.test",
        "throttle454-a@example.test",
        "hangup-a@example.test",
        "hangupstored-a@example.test",
        "slow-a@example.test",
    ];
    let (_tmp, dir, list) = project(20, &faults);
    let out = send(&dir, &list, &smtp, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let j = journal(&dir);
    let state = |k: &str| j.state(k).expect("state").expect("row");
    assert_eq!(state("rcpt451-a@example.test"), State::Deferred);
    assert_eq!(state("rcpt451once-a@example.test"), State::Sent);
    assert_eq!(state("data451-a@example.test"), State::Deferred);
    assert_eq!(state("bounce550-a@example.test"), State::Failed);
    assert_eq!(state("throttle454-a@example.test"), State::Sent);
    assert_eq!(state("hangup-a@example.test"), State::Unknown);
    assert_eq!(state("hangupstored-a@example.test"), State::Unknown);
    assert_eq!(state("slow-a@example.test"), State::Sent);
    assert_eq!(j.counts().expect("counts").get(&State::Sent), Some(&23));
    drop(j);
    let copies = smtp.copies();
    assert_eq!(copies.len(), 24, "{copies:?}");
    assert!(copies.values().all(|&n| n == 1), "{copies:?}");
    let report = text(&out);
    assert!(
        report.contains("bounce550-a@example.test [failed] 550 5.1.1 no such user"),
        "{report}"
    );
    assert!(report.contains("--resend-unknown"), "{report}");

    // --status tells the same.
    let status = send_status(&dir);
    let s = text(&status);
    assert!(s.contains("bounce550-a@example.test [failed]"), "{s}");
    assert!(s.contains("hangup-a@example.test [unknown]"), "{s}");

    // A second run retries only the deferred; unknown ones only on request.
    let again = send(&dir, &list, &smtp, &[]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert_eq!(smtp.copies().len(), 24);
    let resend = send(&dir, &list, &smtp, &["--resend-unknown"]);
    assert_eq!(resend.status.code(), Some(1), "{}", text(&resend));
    let copies = smtp.copies();
    assert_eq!(
        copies.get("hangupstored-a@example.test"),
        Some(&2),
        "{copies:?}"
    );
    assert_eq!(copies.get("hangup-a@example.test"), None, "{copies:?}");
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn killed_with_sigkill_then_resumed_nobody_gets_two() {
    let smtp = Smtp::start(&[]);
    let (_tmp, dir, list) = project(300, &[]);
    let bin = assert_cmd::cargo::cargo_bin("kirje");
    let mut child = Std::new(&bin)
        .args(["--lang", "en", "send"])
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .args(["--smtp", &smtp.url(), "--yes", "--rate", "100/s"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill once some have gone out.
    let deadline = Instant::now() + Duration::from_secs(60);
    while smtp.inspect()["messages"].as_u64().unwrap_or(0) < 40 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    let before = smtp.inspect()["messages"].as_u64().unwrap_or(0);
    assert!((40..300).contains(&before), "killed after {before}");

    let out = send(&dir, &list, &smtp, &[]);
    let j = journal(&dir);
    let unknown = j
        .counts()
        .expect("counts")
        .get(&State::Unknown)
        .copied()
        .unwrap_or(0);
    // 100/s takes two connections (one per 50/s): at most one message in
    // flight on each.
    assert!(unknown <= 2, "at most the ones in flight: {unknown}");
    let copies = smtp.copies();
    assert!(
        copies.values().all(|&n| n == 1),
        "a second copy: {copies:?}"
    );
    // Everyone is sent or unknown; an unknown one may have arrived (killed
    // after the server stored it, before the journal heard the 250).
    let sent = j
        .counts()
        .expect("counts")
        .get(&State::Sent)
        .copied()
        .unwrap_or(0);
    assert_eq!(sent + unknown, 300, "{}", text(&out));
    assert!(
        (sent..=sent + unknown).contains(&copies.len()),
        "{} copies for {sent} sent and {unknown} unknown",
        copies.len()
    );
    assert_eq!(
        out.status.code(),
        Some(if unknown == 0 { 0 } else { 1 }),
        "{}",
        text(&out)
    );
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn wrong_password_stops_at_once_and_is_never_printed() {
    let smtp = Smtp::start(&["--auth", "lumo:right-password"]);
    let (_tmp, dir, list) = project(5, &[]);
    let out = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .arg("--smtp")
        .arg(format!("smtp://lumo@127.0.0.1:{}", smtp.port))
        .arg("--yes")
        .env("KIRJE_SMTP_PASSWORD", "wrong-password")
        .output()
        .expect("run");
    let t = text(&out);
    // The login refused: kirje could not do its work, exit 2.
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("refused the login"), "{t}");
    assert!(!t.contains("wrong-password"), "{t}");
    assert_eq!(smtp.inspect()["messages"], 0);
    assert_eq!(
        journal(&dir).counts().expect("counts").get(&State::Pending),
        Some(&5)
    );

    // And with the right one, everything goes.
    let ok = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .arg("--smtp")
        .arg(format!("smtp://lumo@127.0.0.1:{}", smtp.port))
        .arg("--yes")
        .env("KIRJE_SMTP_PASSWORD", "right-password")
        .output()
        .expect("run");
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert_eq!(smtp.inspect()["messages"], 5);
}

#[test]
fn unreachable_server_and_bad_input_send_nothing() {
    let (_tmp, dir, list) = project(3, &[]);
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let out = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .arg("--smtp")
        .arg(format!("smtp://127.0.0.1:{port}"))
        .args(["--yes", "--retry-wait", "0.05"])
        .output()
        .expect("run");
    let t = text(&out);
    // Unreachable (2) with every recipient unsent (1): 2 wins.
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("cannot reach the SMTP server"), "{t}");
    assert_eq!(
        journal(&dir).counts().expect("counts").get(&State::Pending),
        Some(&3)
    );

    // Without a terminal and without --yes nothing is sent.
    let out = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .arg("--smtp")
        .arg(format!("smtp://127.0.0.1:{port}"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("add --yes"), "{}", text(&out));

    // A broken list: every problem with its line, nothing sent.
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "email,name\na@example.test,A\nA@EXAMPLE.test,B\nnot-an-address,C\n\"c@example.test\r\nBcc: x@example.test\",D\n",
    )
    .expect("write");
    let out = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&bad)
        .arg("--smtp")
        .arg("smtp://127.0.0.1:1")
        .arg("--yes")
        .output()
        .expect("run");
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(
        t.contains("bad.csv:3: `A@example.test` is already on the list at line 2"),
        "{t}"
    );
    assert!(
        t.contains("bad.csv:4: `not-an-address` is not an e-mail address"),
        "{t}"
    );
    assert!(
        t.contains("bad.csv:5: the column `email` holds a line break"),
        "{t}"
    );

    // A remote server without TLS is refused before connecting.
    let out = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .arg("--smtp")
        .arg("smtp://u:pw@mail.example.test")
        .arg("--yes")
        .output()
        .expect("run");
    // The SMTP setup on the command line is unusable: exit 2.
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("KIRJE_SMTP_PASSWORD"), "{}", text(&out));
}

#[test]
fn dry_run_writes_one_personal_message_each() {
    let (tmp, dir, list) = project(3, &[]);
    let out_dir = tmp.path().join("eml");
    let out = dry_run(&dir, &list, &out_dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mut files: Vec<_> = std::fs::read_dir(&out_dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let first = std::fs::read_to_string(&files[0]).expect("eml");
    assert!(
        first.contains("Vastaanottaja 0") && first.contains("<r0.fi@example.test>"),
        "{first}"
    );
    assert!(
        first.contains(
            "List-Unsubscribe: <mailto:lumo@isonet.fi?subject=unsubscribe%20r0.fi%40example.test>"
        ),
        "{first}"
    );
    assert!(first.contains("Content-Language: fi"), "{first}");
    assert!(!first.contains("%%UNSUBSCRIBE_URL%%"));
    let second = std::fs::read_to_string(&files[1]).expect("eml");
    assert!(second.contains("Content-Language: sv"), "{second}");
    assert!(!dir.join(".kirje").exists(), "a dry run keeps no journal");
}

#[test]
fn the_newsletter_pdf_is_attached_on_request_within_its_size_limit() {
    let (tmp, dir, list) = project(2, &[]);
    let toml = dir.join("kirje.toml");
    let mut settings = std::fs::read_to_string(&toml).expect("kirje.toml");
    settings.push_str("\n[send]\nattach_pdf = true\n");
    std::fs::write(&toml, &settings).expect("write");
    let dry = |name: &str| {
        let out_dir = tmp.path().join(name);
        (dry_run(&dir, &list, &out_dir), out_dir)
    };
    let (out, out_dir) = dry("eml");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mut files: Vec<_> = std::fs::read_dir(&out_dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    for (file, lang) in files.iter().zip(["fi", "sv"]) {
        let eml = std::fs::read_to_string(file).expect("eml");
        assert!(eml.contains("Content-Type: multipart/mixed"), "{file:?}");
        assert!(eml.contains("Content-Type: application/pdf"), "{file:?}");
        assert!(
            eml.contains("Content-Disposition: attachment; filename=\"LUMO-2021-05.pdf\""),
            "{file:?}"
        );
        assert!(
            eml.contains(&format!("Content-Language: {lang}")),
            "{file:?}"
        );
        // The attachment is the PDF itself: base64 of "%PDF-".
        assert!(eml.contains("JVBERi0"), "{file:?}");
    }

    // Over the limit: stopped before anything is written.
    settings.push_str("attach_max_kb = 1\n");
    std::fs::write(&toml, &settings).expect("write");
    let (out, out_dir) = dry("eml-too-big");
    expect_said(&out, 1, "attach_max_kb");
    assert!(!out_dir.exists());
}

/// A test CA with a certificate for `localhost` (trustme), as files in `dir`:
/// `ca.pem` and `server.pem` (key and chain).
fn test_ca(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    test_ca_for(dir, name, "localhost")
}

/// A test CA and a server certificate it signs for `host`.
fn test_ca_for(dir: &Path, name: &str, host: &str) -> (PathBuf, PathBuf) {
    let ca = dir.join(format!("{name}-ca.pem"));
    let server = dir.join(format!("{name}-server.pem"));
    let status = Std::new(python())
        .arg("-c")
        .arg(
            "import sys, trustme\n\
             ca = trustme.CA()\n\
             ca.cert_pem.write_to_path(sys.argv[1])\n\
             ca.issue_cert(sys.argv[3]).private_key_and_cert_chain_pem.write_to_path(sys.argv[2])\n",
        )
        .arg(&ca)
        .arg(&server)
        .arg(host)
        .status()
        .expect("trustme");
    assert!(status.success(), "trustme could not make a test CA");
    (ca, server)
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn tls_with_a_test_ca_works_and_a_wrong_certificate_is_refused() {
    let keys = tempfile::tempdir().expect("tmp");
    let (ca, server_pem) = test_ca(keys.path(), "good");
    let (other_ca, _) = test_ca(keys.path(), "other");
    let smtp = tls_server("--implicit-tls", &server_pem);
    let (_tmp, dir, list) = project(3, &[]);
    let url = format!("smtps://localhost:{}", smtp.port);

    // The CA that signed the server's certificate is not trusted: refused.
    let refused = send_with_ca(&dir, &list, &url, &other_ca);
    assert_no_tls(refused, &smtp);

    // Trusted: delivered over TLS.
    let ok = send_with_ca(&dir, &list, &url, &ca);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert_eq!(smtp.inspect()["messages"], 3);
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn dkim_signatures_verify_with_dkimpy_and_a_tampered_copy_fails() {
    let smtp = Smtp::start(&[]);
    let (tmp, dir, list) = project(6, &[]);
    let keys = tempfile::tempdir().expect("tmp");
    let made = Std::new(python())
        .arg(root().join("tests/smtp/dkim_check.py"))
        .arg("keys")
        .arg(keys.path())
        .status()
        .expect("dkim_check.py keys");
    assert!(made.success());
    let key = keys.path().join("dkim.pem");
    let mut toml = std::fs::read_to_string(dir.join("kirje.toml")).expect("kirje.toml");
    toml.push_str(&format!(
        "\n[send]\nunsubscribe_url = \"https://www.isonet.fi/lumo/peru?e={{email}}&t={{token}}\"\n\
         dkim_selector = \"kirje2026\"\ndkim_key_file = {:?}\n",
        key.to_str().expect("utf-8 path")
    ));
    std::fs::write(dir.join("kirje.toml"), toml).expect("write kirje.toml");
    let out = kirje()
        .env("KIRJE_UNSUBSCRIBE_SECRET", "a test secret of some length")
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .args(["--smtp", &smtp.url(), "--yes", "--rate", "1000/s"])
        .output()
        .expect("run");
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("kirje2026._domainkey.isonet.fi"), "{t}");
    assert_eq!(smtp.inspect()["messages"], 6);

    let checked = Std::new(python())
        .arg(root().join("tests/smtp/dkim_check.py"))
        .arg("verify")
        .arg(smtp.out.path())
        .arg(keys.path().join("dkim.txt"))
        .output()
        .expect("dkim_check.py verify");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&checked.stdout).expect("json");
    assert_eq!(v["messages"], 6, "{v}");
    assert_eq!(v["verified"], 6, "every signature verifies: {v}");
    assert_eq!(v["tampered_verified"], 0, "no tampered copy verifies: {v}");
    assert_eq!(
        v["signed_headers"],
        serde_json::json!([
            "from:to:subject:date:message-id:mime-version:list-unsubscribe:list-unsubscribe-post"
        ]),
        "{v}"
    );
    assert_eq!(v["domains"], serde_json::json!(["isonet.fi"]), "{v}");
    assert_eq!(
        v["dns_names"],
        serde_json::json!(["kirje2026._domainkey.isonet.fi."]),
        "{v}"
    );
    drop(tmp);
}

/// The test server with TLS (`--tls`: STARTTLS; `--implicit-tls`) and `pem`
/// as its key and certificate.
fn tls_server(flag: &str, pem: &Path) -> Smtp {
    let pem = pem.to_str().expect("utf-8 path");
    Smtp::start(&[flag, pem, pem])
}

/// The send stopped for want of an encrypted connection, and the server
/// got nothing.
fn assert_no_tls(out: std::process::Output, smtp: &Smtp) {
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("no encrypted connection"), "{t}");
    assert_eq!(smtp.inspect()["messages"], 0);
}

/// `kirje send` with `--smtp-ca`, to `url` at the test server.
fn send_with_ca(dir: &Path, list: &Path, url: &str, ca: &Path) -> std::process::Output {
    kirje()
        .arg("send")
        .arg(dir)
        .arg("--recipients")
        .arg(list)
        .args(["--smtp", url, "--yes", "--smtp-ca"])
        .arg(ca)
        .output()
        .expect("run")
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn starttls_with_a_test_ca_works_and_wrong_certificates_are_refused() {
    let keys = tempfile::tempdir().expect("tmp");
    let (ca, server_pem) = test_ca(keys.path(), "good");
    let (other_ca, _) = test_ca(keys.path(), "other");
    let (named_ca, named_pem) = test_ca_for(keys.path(), "named", "mail.example.org");
    let (_tmp, dir, list) = project(3, &[]);

    // The server offers STARTTLS and refuses mail without it.
    let smtp = tls_server("--tls", &server_pem);
    let url = format!("smtp://localhost:{}?tls=required", smtp.port);
    let refused = send_with_ca(&dir, &list, &url, &other_ca);
    assert_no_tls(refused, &smtp);
    let ok = send_with_ca(&dir, &list, &url, &ca);
    expect_said(&ok, 0, "STARTTLS");
    assert_eq!(smtp.inspect()["messages"], 3);

    // A certificate from a trusted CA but for another name: refused.
    let (_tmp2, dir2, list2) = project(2, &[]);
    let named = tls_server("--tls", &named_pem);
    let url = format!("smtp://localhost:{}?tls=required", named.port);
    let wrong_name = send_with_ca(&dir2, &list2, &url, &named_ca);
    assert_no_tls(wrong_name, &named);
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn test_to_sends_one_message_with_a_chosen_recipients_data() {
    let smtp = Smtp::start(&[]);
    let (_tmp, dir, list) = project(3, &[]);
    let out = kirje()
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .args([
            "--smtp",
            &smtp.url(),
            "--test-to",
            "me@example.test",
            "--as",
            "R1.SV@example.test",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let copies = smtp.copies();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(copies.get("me@example.test"), Some(&1), "{copies:?}");
    assert!(text(&out).contains("r1.sv@example.test"), "{}", text(&out));
    assert!(
        !dir.join(".kirje").exists(),
        "a test message keeps no journal"
    );
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn an_internationalised_domain_is_sent_as_its_a_label() {
    let smtp = Smtp::start(&[]);
    let (_tmp, dir, list) = project(1, &["info@sähkö.fi", "Maija@ＥＸＡＭＰＬＥ.fi"]);
    let out = send(&dir, &list, &smtp, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v = smtp.inspect();
    let copies = smtp.copies();
    // The envelope (and the To header, which report.py compares with it)
    // carry the ASCII form, as a server without SMTPUTF8 must get it.
    assert_eq!(copies.get("info@xn--shk-qla6g.fi"), Some(&1), "{v}");
    assert_eq!(copies.get("maija@example.fi"), Some(&1), "{v}");
    assert!(copies.keys().all(|k| k.is_ascii()), "{v}");
    assert_eq!(v["problems"], serde_json::json!([]), "{v}");
}

/// A project with `n` recipients sent to through a fresh test server:
/// the server, the folders, the list and a lookup of each recipient's
/// Message-ID.
fn sent_project(
    n: usize,
) -> (
    Smtp,
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    Vec<(String, String)>,
) {
    let smtp = Smtp::start(&[]);
    let (tmp, dir, list) = project(n, &[]);
    let out = send(&dir, &list, &smtp, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let ids = stored_ids(&smtp);
    assert_eq!(ids.len(), n);
    (smtp, tmp, dir, list, ids)
}

/// The Message-ID sent to `to`.
fn id_of(ids: &[(String, String)], to: &str) -> String {
    ids.iter()
        .find(|(_, t)| t == to)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("no message to {to}: {ids:?}"))
}

/// The Message-ID and recipient of every message the test server stored.
fn stored_ids(smtp: &Smtp) -> Vec<(String, String)> {
    let dir = smtp.out.path().join("mail");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .expect("mail")
        .filter_map(|e| e.ok())
    {
        let text = std::fs::read_to_string(entry.path()).expect("eml");
        let header = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let to = header("To: ");
        let to = to
            .rsplit_once('<')
            .map_or(to.clone(), |(_, a)| a.trim_end_matches('>').to_owned());
        out.push((header("Message-ID: "), to));
    }
    out.sort();
    out
}

/// Asserts the command's exit code and that its output says `words`.
fn expect_said(out: &std::process::Output, code: i32, words: &str) {
    let said = text(out);
    assert_eq!(out.status.code(), Some(code), "{said}");
    assert!(said.contains(words), "expected {words:?} in:\n{said}");
}

/// A Postfix-style delivery status notification for `to`'s copy.
fn dsn(to: &str, message_id: &str, action: &str, status: &str) -> String {
    format!(
        "From: MAILER-DAEMON@mail.isonet.fi (Mail Delivery System)\r\n\
         To: lumo@isonet.fi\r\n\
         Subject: Undelivered Mail Returned to Sender\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\
         \r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n\
         --b\r\nContent-Type: message/delivery-status\r\n\r\n\
         Reporting-MTA: dns; mail.isonet.fi\r\n\r\n\
         Final-Recipient: rfc822; {to}\r\nAction: {action}\r\nStatus: {status}\r\n\r\n\
         --b\r\nContent-Type: text/rfc822-headers\r\n\r\n\
         Message-ID: {message_id}\r\nTo: {to}\r\n\r\n--b--\r\n"
    )
}

#[test]
#[ignore = "needs the SMTP test server: scripts/suites/send.sh"]
fn inbox_puts_bounces_and_unsubscribes_on_the_list_and_the_next_send_skips_them() {
    let (smtp, tmp, dir, list, ids) = sent_project(6);
    let id_of = |to: &str| id_of(&ids, to);

    // The mailbox: a permanent failure, a temporary one, an unsubscribe
    // request as the link writes it (no secret: so it needs a look), an
    // out-of-office reply, and a bounce for an address never sent to.
    let maildir = tmp.path().join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    let mails = [
        dsn("r0.fi@example.test", &id_of("r0.fi@example.test"), "failed", "5.1.1"),
        dsn("r1.sv@example.test", &id_of("r1.sv@example.test"), "delayed", "4.4.1"),
        "From: r2.en@example.test\r\nTo: lumo@isonet.fi\r\nSubject: unsubscribe r2.en@example.test\r\n\r\n".to_owned(),
        "From: r3.fi@example.test\r\nTo: lumo@isonet.fi\r\nAuto-Submitted: auto-replied\r\nSubject: Automaattinen vastaus: Poissa\r\n\r\nLomalla.\r\n".to_owned(),
        dsn("stranger@example.test", "<nobody@example.test>", "failed", "5.1.1"),
    ];
    for (i, m) in mails.iter().enumerate() {
        std::fs::write(maildir.join("new").join(format!("{i}.eml")), m).expect("mail");
    }
    let inbox = |from: &Path, more: &[&str]| {
        kirje()
            .arg("inbox")
            .arg(&dir)
            .arg("--from")
            .arg(from)
            .args(more)
            .output()
            .expect("run kirje inbox")
    };
    let list_file = dir.join("suppression.txt");

    // A dry run changes nothing.
    let dry = inbox(&maildir, &["--dry-run"]);
    expect_said(&dry, 0, "1 address is no longer in use");
    assert!(!list_file.exists());
    // Without a terminal and without --yes: nothing.
    let asked = inbox(&maildir, &[]);
    assert_eq!(asked.status.code(), Some(2), "{}", text(&asked));
    assert!(!list_file.exists());

    let run = inbox(&maildir, &["--yes"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let said = text(&run);
    assert!(said.contains("5 messages read"), "{said}");
    assert!(said.contains("1 temporary delivery failure ("), "{said}");
    assert!(
        said.contains("1 automatic or out-of-office reply ("),
        "{said}"
    );
    assert!(said.contains("2 need a person's look"), "{said}");
    let listed = std::fs::read_to_string(&list_file).expect("the list");
    assert!(listed.contains("\nr0.fi@example.test\n"), "{listed}");
    assert!(
        listed.contains("# address no longer in use (5.1.1), "),
        "{listed}"
    );
    for not in ["r1.sv@", "r2.en@", "r3.fi@", "stranger@"] {
        assert!(!listed.contains(not), "{listed}");
    }
    // The edition's journal knows r0's message bounced, and --status says so.
    assert_eq!(
        journal(&dir).state("r0.fi@example.test").ok().flatten(),
        Some(State::Bounced)
    );
    let status = send_status(&dir);
    assert!(text(&status).contains("bounced:"), "{}", text(&status));
    assert!(
        text(&status)
            .contains("kirje inbox has put on the suppression list: address no longer in use 1"),
        "{}",
        text(&status)
    );

    // Again, and from an mbox of the same messages: nothing changes.
    let again = inbox(&maildir, &["--yes"]);
    expect_said(&again, 0, "5 counted in an earlier run");
    let mut mbox = String::new();
    for m in &mails {
        mbox.push_str("From MAILER-DAEMON Mon Nov 30 09:14:02 2026\n");
        mbox.push_str(&m.replace("\r\n", "\n"));
        mbox.push('\n');
    }
    let mbox_path = tmp.path().join("export.mbox");
    std::fs::write(&mbox_path, mbox).expect("mbox");
    let from_mbox = inbox(&mbox_path, &["--yes"]);
    assert_eq!(from_mbox.status.code(), Some(0), "{}", text(&from_mbox));
    assert_eq!(
        std::fs::read_to_string(&list_file).ok().as_deref(),
        Some(listed.as_str())
    );

    // The next send skips r0: the edition corrected (so its content
    // changed) and sent again as a new run.
    let edition = dir.join("editions/2021-05.yaml");
    let yaml = std::fs::read_to_string(&edition).expect("edition");
    let corrected = yaml.replacen(
        "fi: LUMOn tapahtumakalenteri on julkaistu",
        "fi: LUMOn tapahtumakalenteri on nyt julkaistu",
        1,
    );
    assert_ne!(corrected, yaml);
    std::fs::write(&edition, corrected).expect("edition");
    let before = smtp.copies();
    let next = send(&dir, &list, &smtp, &["--new-run"]);
    assert_eq!(next.status.code(), Some(0), "{}", text(&next));
    let after = smtp.copies();
    assert_eq!(
        after.get("r0.fi@example.test"),
        before.get("r0.fi@example.test")
    );
    assert_eq!(
        after.get("r1.sv@example.test").copied(),
        before.get("r1.sv@example.test").map(|n| n + 1)
    );
    let current = Journal::read(&kirje_send::journal_path(&dir, "2021-05")).expect("journal");
    assert_eq!(
        current.state("r0.fi@example.test").ok().flatten(),
        Some(State::Suppressed)
    );
}

/// The Dovecot test server of tests/imap/server.py, stopped when dropped.
struct Imap {
    child: Child,
    port: u16,
    ca: PathBuf,
    input: std::process::ChildStdin,
    output: BufReader<std::process::ChildStdout>,
    _work: tempfile::TempDir,
}

impl Imap {
    fn start() -> Imap {
        let work = tempfile::tempdir().expect("tmp");
        let mut child = Std::new(python())
            .arg(root().join("tests/imap/server.py"))
            .arg(work.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the IMAP test server");
        let input = child.stdin.take().expect("stdin");
        let mut output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        output.read_line(&mut line).expect("READY line");
        let mut words = line.split_whitespace();
        assert_eq!(
            words.next(),
            Some("READY"),
            "dovecot did not start: {line:?}"
        );
        let port = words.next().and_then(|p| p.parse().ok()).expect("port");
        let ca = PathBuf::from(words.next().expect("ca"));
        Imap {
            child,
            port,
            ca,
            input,
            output,
            _work: work,
        }
    }

    fn url(&self) -> String {
        format!("imaps://lumo%40isonet.test@127.0.0.1:{}/INBOX", self.port)
    }

    fn command(&mut self, line: &str) -> Vec<String> {
        use std::io::Write as _;
        writeln!(self.input, "{line}").expect("command");
        self.input.flush().expect("flush");
        let mut out = Vec::new();
        loop {
            let mut l = String::new();
            if self.output.read_line(&mut l).expect("answer") == 0 {
                break;
            }
            let l = l.trim().to_owned();
            if l == "OK" || l == "END" {
                break;
            }
            out.push(l);
        }
        out
    }
}

impl Drop for Imap {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs the SMTP and IMAP test servers: scripts/suites/send.sh"]
fn inbox_reads_a_real_imap_mailbox_with_a_password_or_an_oauth2_token() {
    let (_smtp, tmp, dir, _list, ids) = sent_project(3);
    let id_of = |to: &str| id_of(&ids, to);
    let mut imap = Imap::start();
    let mails = [
        dsn("r0.fi@example.test", &id_of("r0.fi@example.test"), "failed", "5.1.1"),
        "From: r1.sv@example.test\r\nTo: lumo@isonet.fi\r\nAuto-Submitted: auto-replied\r\nSubject: Autosvar\r\n\r\nLedig.\r\n".to_owned(),
        "From: info@shop.example\r\nTo: lumo@isonet.fi\r\nSubject: Tarjous\r\n\r\nOsta!\r\n".to_owned(),
    ];
    for (i, m) in mails.iter().enumerate() {
        let file = tmp.path().join(format!("m{i}.eml"));
        std::fs::write(&file, m).expect("mail");
        imap.command(&format!("APPEND {}", file.display()));
    }
    let (url, ca) = (imap.url(), imap.ca.clone());
    let inbox = |secret: (&str, &str)| {
        kirje()
            .env_remove("KIRJE_IMAP_PASSWORD")
            .env_remove("KIRJE_IMAP_TOKEN")
            .env(secret.0, secret.1)
            .arg("inbox")
            .arg(&dir)
            .arg("--mailbox")
            .arg(&url)
            .arg("--imap-ca")
            .arg(&ca)
            .arg("--yes")
            .output()
            .expect("run kirje inbox")
    };

    // A wrong password and a wrong token are refused, and change nothing.
    for bad in [
        ("KIRJE_IMAP_PASSWORD", "väärä"),
        ("KIRJE_IMAP_TOKEN", "ya29.wrong"),
    ] {
        let refused = inbox(bad);
        assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
        assert!(
            text(&refused).contains("refused the login"),
            "{}",
            text(&refused)
        );
        assert!(
            !text(&refused).contains(bad.1),
            "the secret is never printed"
        );
    }
    assert!(!dir.join("suppression.txt").exists());

    let run = inbox(("KIRJE_IMAP_PASSWORD", "salasana"));
    expect_said(&run, 0, "3 messages read");
    let listed = std::fs::read_to_string(dir.join("suppression.txt")).expect("list");
    assert!(listed.contains("\nr0.fi@example.test\n"), "{listed}");
    // Every message counted carries the keyword; none was deleted.
    let flags = imap.command("KEYWORDS");
    assert_eq!(flags.len(), 3, "{flags:?}");
    assert!(flags.iter().all(|f| f.contains("$KirjeDone")), "{flags:?}");

    // Again, now with the OAuth2 token: nothing new, nothing changes.
    let again = inbox(("KIRJE_IMAP_TOKEN", "ya29.test-token"));
    expect_said(&again, 0, "0 messages read");
    assert_eq!(
        std::fs::read_to_string(dir.join("suppression.txt"))
            .ok()
            .as_deref(),
        Some(listed.as_str())
    );
}

/// The recipients the returned-mail corpus of kirje-inbox names.
fn corpus_recipients() -> Vec<&'static str> {
    include_str!("../../kirje-inbox/tests/corpus-recipients.txt")
        .lines()
        .collect()
}

#[test]
#[ignore = "needs the SMTP and IMAP test servers: scripts/suites/send.sh"]
fn the_whole_returned_mail_corpus_over_imap_then_again_from_a_maildir_and_an_mbox() {
    const SECRET: &str = "kirje test secret, 32 bytes long";
    let smtp = Smtp::start(&[]);
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("lumo");
    copy_dir(&root().join("examples/lumo"), &dir);
    // The user's own server, whose DMARC results count.
    let toml = std::fs::read_to_string(dir.join("kirje.toml")).expect("toml");
    std::fs::write(
        dir.join("kirje.toml"),
        format!("{toml}\n[inbox]\nauthserv_id = \"mail.lumo.example.fi\"\n"),
    )
    .expect("toml");
    let list = tmp.path().join("list.csv");
    let mut csv = String::from("email,name\n");
    for a in corpus_recipients() {
        csv.push_str(&format!("{a},\n"));
    }
    std::fs::write(&list, csv).expect("list");
    let mut sent = kirje();
    sent.env("KIRJE_UNSUBSCRIBE_SECRET", SECRET);
    let out = sent
        .arg("send")
        .arg(&dir)
        .arg("--recipients")
        .arg(&list)
        .arg("--smtp")
        .arg(smtp.url())
        .args(["--yes", "--rate", "1000/s"])
        .output()
        .expect("send");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let ids = stored_ids(&smtp);
    let key = kirje_send::personalise::UnsubscribeKey::new(SECRET.as_bytes()).expect("key");

    // The corpus, its placeholders filled with what was really sent.
    let corpus = root().join("crates/kirje-inbox/tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    names.sort();
    let filled_dir = tmp.path().join("filled");
    std::fs::create_dir_all(&filled_dir).expect("dir");
    let mut filled = Vec::new();
    for path in &names {
        let bytes = std::fs::read(path).expect("mail");
        let bytes = match String::from_utf8(bytes.clone()) {
            Ok(mut t) => {
                for a in corpus_recipients() {
                    t = t
                        .replace(&format!("{{MID:{a}}}"), &id_of(&ids, a))
                        .replace(&format!("{{TOKEN:{a}}}"), &key.token(a));
                }
                t.into_bytes()
            }
            Err(_) => bytes,
        };
        let file = filled_dir.join(path.file_name().expect("name"));
        std::fs::write(&file, &bytes).expect("write");
        filled.push((file, bytes));
    }

    let mut imap = Imap::start();
    for (file, _) in &filled {
        imap.command(&format!("APPEND {}", file.display()));
    }
    let (url, ca) = (imap.url(), imap.ca.clone());
    let over_imap = || {
        kirje()
            .env("KIRJE_IMAP_PASSWORD", "salasana")
            .env("KIRJE_UNSUBSCRIBE_SECRET", SECRET)
            .arg("inbox")
            .arg(&dir)
            .args(["--mailbox", &url, "--imap-ca"])
            .arg(&ca)
            .arg("--yes")
            .output()
            .expect("inbox")
    };
    let run = over_imap();
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let said = text(&run);
    assert!(
        said.contains(&format!("{} messages read", filled.len())),
        "{said}"
    );
    let listed = std::fs::read_to_string(dir.join("suppression.txt")).expect("list");
    let on_list: Vec<&str> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    // Five permanent bounces, one complaint, an unsubscribe with its token
    // and one proven by the user's server; not the delayed one, the forged
    // or unproven requests, the auto-replies, the junk or the stranger.
    let left = ["jussi.koski@", "jari.aalto@", "tuula.laine@"];
    let mut expected: Vec<&str> = corpus_recipients()
        .into_iter()
        .filter(|a| !left.iter().any(|l| a.starts_with(l)))
        .collect();
    expected.sort_unstable();
    let mut got = on_list.clone();
    got.sort_unstable();
    assert_eq!(got, expected, "{said}\n{listed}");
    let journal = journal(&dir);
    for a in &expected[..] {
        let bounced = ["paivi.", "anna.", "mikko.", "laura.", "toimisto@"]
            .iter()
            .any(|p| a.starts_with(p));
        let want = if bounced { State::Bounced } else { State::Sent };
        assert_eq!(journal.state(a).ok().flatten(), Some(want), "{a}");
    }
    drop(journal);
    let flags = imap.command("KEYWORDS");
    assert_eq!(flags.len(), filled.len(), "{flags:?}");
    assert!(flags.iter().all(|f| f.contains("$KirjeDone")), "{flags:?}");

    // Again over IMAP, then from a Maildir and an mbox of the same mail:
    // nothing changes.
    let again = over_imap();
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    let maildir = tmp.path().join("Maildir");
    std::fs::create_dir_all(maildir.join("cur")).expect("cur");
    let mut mbox = Vec::new();
    for (i, (_, bytes)) in filled.iter().enumerate() {
        std::fs::write(maildir.join("cur").join(format!("{i}:2,S")), bytes).expect("mail");
        mbox.extend_from_slice(b"From MAILER-DAEMON Mon Nov 30 09:14:02 2026\n");
        mbox.extend_from_slice(bytes);
        mbox.extend_from_slice(b"\n");
    }
    std::fs::write(tmp.path().join("all.mbox"), &mbox).expect("mbox");
    for from in [maildir, tmp.path().join("all.mbox")] {
        let out = kirje()
            .env("KIRJE_UNSUBSCRIBE_SECRET", SECRET)
            .arg("inbox")
            .arg(&dir)
            .arg("--from")
            .arg(&from)
            .arg("--yes")
            .output()
            .expect("inbox");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("suppression.txt"))
            .ok()
            .as_deref(),
        Some(listed.as_str())
    );
}
