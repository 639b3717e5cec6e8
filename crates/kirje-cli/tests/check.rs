//! `kirje check` on bad input: each case asserts the exit code and that the
//! message names the right file:line:col. The cases start from a copy of
//! `examples/lumo` and break one thing.

use std::fs;
use std::path::Path;

mod common;
use common::{example, kirje};

#[path = "../../../tests/support/example.rs"]
mod support;
use support::copy_dir;

/// A fresh copy of the example project.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&example(), dir.path());
    dir
}

/// Runs `kirje check` and returns (exit code, stderr+stdout).
fn check(dir: &Path, extra: &[&str]) -> (i32, String) {
    common::run(kirje().arg("check").arg(dir).args(extra))
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in file"));
    text[..at].matches('\n').count() + 1
}

fn edit(dir: &Path, file: &str, f: impl FnOnce(String) -> String) -> String {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).expect("read");
    let new = f(text);
    fs::write(&path, &new).expect("write");
    new
}

fn replace_once(dir: &Path, file: &str, from: &str, to: &str) -> String {
    edit(dir, file, |t| {
        assert!(t.contains(from), "{from:?} not in {file}");
        t.replacen(from, to, 1)
    })
}

fn assert_at(out: &str, file: &str, line: usize) {
    let needle = format!("{file}:{line}:");
    assert!(out.contains(&needle), "expected {needle} in:\n{out}");
}

#[test]
fn example_is_clean() {
    let (code, out) = check(&example(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("warning") && !out.contains("varoitus "),
        "{out}"
    );
}

#[test]
fn malformed_yaml() {
    let p = project();
    edit(p.path(), "project.yaml", |t| {
        let mut lines: Vec<&str> = t.lines().collect();
        lines.insert(1, "  bad: indentation: here");
        lines.join("\n")
    });
    let (code, out) = check(p.path(), &[]);
    assert_eq!(code, 1, "{out}");
    // At the second colon of the inserted line, with the line to write.
    assert!(out.contains("project.yaml:2:19"), "{out}");
    assert!(out.contains("bad: \"indentation: here\""), "{out}");
}

#[test]
fn tab_indent() {
    let p = project();
    let t = replace_once(p.path(), "project.yaml", "\n  start:", "\n\tstart:");
    let line = line_of(&t, "\tstart:");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line);
    assert!(out.contains("tab"), "{out}");
}

#[test]
fn wrong_type() {
    let p = project();
    let t = replace_once(
        p.path(),
        "editions/2021-05.yaml",
        "number: 2",
        "number: kaksi",
    );
    let (code, out) = check(p.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "editions/2021-05.yaml", line_of(&t, "number: kaksi"));
}

#[test]
fn unknown_field_suggests() {
    let p = project();
    let t = replace_once(p.path(), "project.yaml", "\ngoals:", "\ngoalz:");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "goalz:"));
    assert!(
        out.contains("goalz") && out.contains("did you mean `goals`"),
        "{out}"
    );
}

#[test]
fn unknown_top_level_field_at_end() {
    let p = project();
    let t = edit(p.path(), "project.yaml", |t| {
        format!("{t}\nzzunknownfield: 1\n")
    });
    let (code, out) = check(p.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("zzunknownfield"), "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "zzunknownfield:"));
}

#[test]
fn missing_required_field() {
    let p = project();
    edit(p.path(), "editions/2021-05.yaml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("number:"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`number`"), "{out}");
    // The message points at the start of the mapping the field is missing from.
    let t = fs::read_to_string(p.path().join("editions/2021-05.yaml")).expect("read");
    let first_key = t
        .lines()
        .position(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap_or(0)
        + 1;
    assert_at(&out, "editions/2021-05.yaml", first_key);
}

#[test]
fn impossible_date() {
    let p = project();
    let t = replace_once(
        p.path(),
        "editions/2021-05.yaml",
        "date: 2021-05-03",
        "date: 2021-02-30",
    );
    let (code, out) = check(p.path(), &["--lang", "fi"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "editions/2021-05.yaml", line_of(&t, "2021-02-30"));
    assert!(out.contains("2021-02-30"), "{out}");
}

#[test]
fn event_ends_before_start() {
    let p = project();
    let t = replace_once(
        p.path(),
        "editions/2021-05.yaml",
        "end: \"15:00\"",
        "end: \"12:00\"",
    );
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "editions/2021-05.yaml", line_of(&t, "end: \"12:00\""));
    // The reading it considered, both ends.
    assert!(out.contains("the end (Wed 5 May 2021, 12:00)"), "{out}");
    assert!(out.contains("13:30)"), "{out}");
}

#[test]
fn funding_does_not_add_up() {
    let p = project();
    let t = replace_once(
        p.path(),
        "project.yaml",
        "amount: \"200 000 €\"",
        "amount: \"100 000 €\"",
    );
    let (code, out) = check(p.path(), &["--lang", "fi"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "amount: \"100 000 €\""));
    assert!(
        out.contains("100\u{a0}000\u{a0}€") || out.contains("100 000 €"),
        "{out}"
    );
}

#[test]
fn image_outside_root() {
    let p = project();
    let t = replace_once(
        p.path(),
        "project.yaml",
        "path: assets/iso-logo.svg",
        "path: ../../etc/passwd",
    );
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "../../etc/passwd"));
    assert!(out.contains("outside the project folder"), "{out}");
}

#[test]
fn image_absolute_path() {
    let p = project();
    replace_once(
        p.path(),
        "project.yaml",
        "path: assets/iso-logo.svg",
        "path: /etc/passwd",
    );
    let t = fs::read_to_string(p.path().join("project.yaml")).expect("read");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("absolute"), "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "/etc/passwd"));
}

#[cfg(unix)]
#[test]
fn image_symlink_out_of_root() {
    let p = project();
    let outside = tempfile::tempdir().expect("tempdir");
    fs::write(outside.path().join("secret.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        p.path().join("assets/link.png"),
    )
    .expect("symlink");
    let t = replace_once(
        p.path(),
        "project.yaml",
        "path: assets/iso-logo.svg",
        "path: assets/link.png",
    );
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "assets/link.png"));
    assert!(out.contains("link to outside"), "{out}");
}

#[test]
fn missing_image() {
    let p = project();
    let t = replace_once(
        p.path(),
        "project.yaml",
        "path: assets/iso-logo.svg",
        "path: assets/nope.png",
    );
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "assets/nope.png"));
}

#[test]
fn huge_file() {
    let p = project();
    let f = fs::File::create(p.path().join("project.yaml")).expect("create");
    f.set_len(50 * 1024 * 1024).expect("set_len");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("project.yaml") && out.contains("too large"),
        "{out}"
    );
}

#[test]
fn empty_file() {
    let p = project();
    fs::write(p.path().join("project.yaml"), "").expect("write");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("project.yaml:1:1") && out.contains("empty"),
        "{out}"
    );
}

#[test]
fn binary_file() {
    let p = project();
    fs::write(p.path().join("project.yaml"), b"name: x\n\x00\x01\x02PNG").expect("write");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("project.yaml:2:1") && out.contains("not text"),
        "{out}"
    );
}

#[test]
fn not_utf8() {
    let p = project();
    fs::write(
        p.path().join("project.yaml"),
        b"name: LUMO\ntagline: P\xe4ivi\n",
    )
    .expect("write");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("project.yaml:2:11") && out.contains("UTF-8"),
        "{out}"
    );
    assert!(!out.contains("panick"), "{out}");
}

#[test]
fn duplicate_key() {
    let p = project();
    edit(p.path(), "editions/2021-05.yaml", |t| {
        t.replacen("number: 2", "number: 2\nnumber: 3", 1)
    });
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("editions/2021-05.yaml:") && out.contains("twice"),
        "{out}"
    );
}

#[test]
fn alias_bomb() {
    let p = project();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = if i == 0 {
            "a".to_owned()
        } else {
            ["b", "c", "d", "e", "f", "g", "h"][i - 1].to_owned()
        };
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    fs::write(p.path().join("project.yaml"), bomb).expect("write");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("project.yaml:"), "{out}");
}

#[test]
fn bad_email_and_phone() {
    let p = project();
    let t = replace_once(p.path(), "project.yaml", "040 359 7659", "040 359 76x9");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "76x9"));
}

#[test]
fn javascript_link_refused() {
    let p = project();
    let t = replace_once(
        p.path(),
        "project.yaml",
        "url: https://www.isonet.fi/lumo-hanke",
        "url: javascript:alert(1)",
    );
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert_at(&out, "project.yaml", line_of(&t, "javascript:alert(1)"));
}

#[test]
fn missing_translation() {
    let p = project();
    // Drop the first Swedish line of a translated text.
    let t = fs::read_to_string(p.path().join("editions/2021-05.yaml")).expect("read");
    let sv_line = t
        .lines()
        .find(|l| l.trim_start().starts_with("sv:"))
        .expect("an sv: line")
        .to_owned();
    let removed = t.replacen(&format!("{sv_line}\n"), "", 1);
    fs::write(p.path().join("editions/2021-05.yaml"), &removed).expect("write");
    let (code, out) = check(p.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("missing in Swedish"), "{out}");
}

#[test]
fn messages_in_three_languages() {
    let p = project();
    replace_once(p.path(), "project.yaml", "\ngoals:", "\ngoalz:");
    let (_, fi) = check(p.path(), &["--lang", "fi"]);
    let (_, sv) = check(p.path(), &["--lang", "sv"]);
    let (_, en) = check(p.path(), &["--lang", "en"]);
    assert!(fi.contains("tuntematon kenttä"), "{fi}");
    assert!(sv.contains("okänt fält"), "{sv}");
    assert!(en.contains("unknown field"), "{en}");
    let from_env = kirje()
        .env("LANG", "sv_FI.UTF-8")
        .arg("check")
        .arg(p.path())
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&from_env.stderr).contains("okänt fält"));
}

#[test]
fn json_format() {
    let p = project();
    let t = replace_once(p.path(), "project.yaml", "\ngoals:", "\ngoalz:");
    let out = kirje()
        .args(["check", "--format", "json", "--lang", "en"])
        .arg(p.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ok"], false);
    let d = &v["diagnostics"][0];
    assert_eq!(d["file"], "project.yaml");
    assert_eq!(d["code"], "unknown-field");
    assert_eq!(d["line"].as_u64(), Some(line_of(&t, "goalz:") as u64));
    assert_eq!(d["column"].as_u64(), Some(1));
}

#[test]
fn usage_error_exits_2() {
    let out = kirje().arg("--no-such-flag").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = kirje()
        .args(["check", "--format", "xml"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_folder_exits_2() {
    // A folder kirje cannot read: it could not do its work.
    let (code, out) = check(Path::new("/no/such/kirje/project"), &["--lang", "en"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("does not exist"), "{out}");
}

/// The news list of the edition repeated `times` times.
fn more_news(dir: &Path, times: usize) {
    edit(dir, "editions/2021-05.yaml", |t| {
        let start = t.find("\nnews:\n").expect("news") + "\nnews:\n".len();
        let end = start + t[start..].find("\nevents:").expect("events after news");
        let items = &t[start..end];
        format!(
            "{}{}{}",
            &t[..start],
            format!("{items}\n").repeat(times),
            &t[end..]
        )
    });
}

#[test]
fn an_email_near_gmails_clipping_size_is_a_warning_with_the_largest_sections() {
    let p = project();
    more_news(p.path(), 12);
    let (code, out) = check(p.path(), &["--format", "json"]);
    assert_eq!(code, 0, "a warning, not an error: {out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let clipped: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "email-clipped")
        .collect();
    // Every language's email is too large; each message gives its size.
    assert_eq!(clipped.len(), 3, "{out}");
    let first = clipped[0]["message"].as_str().expect("message");
    assert!(first.contains("kB"), "{first}");
    assert!(
        first.contains("Ajankohtaista"),
        "news is the largest: {first}"
    );
    assert_eq!(clipped[0]["file"], "editions/2021-05.yaml");

    // The example itself is well under the limit.
    let (_, plain) = check(&example(), &["--format", "json"]);
    assert!(!plain.contains("email-clipped"), "{plain}");
}

#[test]
fn an_emoji_builds_and_check_names_its_place() {
    let p = project();
    let edition = replace_once(
        p.path(),
        "editions/2021-05.yaml",
        "fi: LUMOn yhteinen tapahtumakalenteri on avattu",
        "fi: LUMOn yhteinen tapahtumakalenteri on avattu 🎉 👍🏽 🇫🇮",
    );
    let (code, out) = check(p.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert_at(&out, "editions/2021-05.yaml", line_of(&edition, "🎉"));
    for c in ["🎉", "👍", "🇫"] {
        assert!(out.contains(c), "{c} named: {out}");
    }
    let dist = tempfile::tempdir().expect("out");
    let built = kirje()
        .args(["build", "--only", "pdf,email"])
        .arg(p.path())
        .arg("-o")
        .arg(dist.path())
        .output()
        .expect("run");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let html = fs::read_to_string(dist.path().join("email.html")).expect("email");
    assert!(html.contains("🎉 👍🏽 🇫🇮"), "the email keeps them");
    assert!(dist.path().join("newsletter.pdf").exists());
}

/// A folder with more files than kirje reads, and one deeper than it
/// goes: each is a warning naming where reading stopped, not silence.
#[test]
fn files_past_the_limits_are_named() {
    let dir = project();
    // Sorted after the pictures the project uses, which are all read.
    let many = dir.path().join("assets/zz-vanhat");
    fs::create_dir_all(&many).expect("folder");
    for i in 0..5_000 {
        fs::write(many.join(format!("kuva-{i:04}.txt")), "x").expect("file");
    }
    let deep = dir.path().join("assets/a/b/c/d/e/f/g/h/i");
    fs::create_dir_all(&deep).expect("folder");
    fs::write(deep.join("kuva.txt"), "x").expect("file");
    let (code, out) = check(dir.path(), &["--format", "json", "--lang", "en"]);
    assert_eq!(code, 0, "warnings only: {out}");
    assert!(out.contains("\"project-too-many-files\""), "{out}");
    assert!(
        out.contains("more than 5,000 files") || out.contains("more than 5 000 files"),
        "{out}"
    );
    assert!(out.contains("\"project-too-deep\""), "{out}");
    assert!(out.contains("assets/a/b/c/d/e/f/g/h"), "{out}");
}
