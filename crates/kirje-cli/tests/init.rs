//! `kirje init` writes a starter project that passes `kirje check`, in each language.

use assert_cmd::Command;

fn kirje() -> Command {
    let mut c = Command::cargo_bin("kirje").expect("binary");
    c.env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

#[test]
fn init_then_check_in_each_language() {
    for lang in ["fi", "sv", "en"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join(format!("projekti-{lang}"));
        let out = kirje()
            .args(["init", "--lang", lang])
            .arg(&dir)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = kirje()
            .args(["check", "--lang", lang])
            .arg(&dir)
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{lang}: {err}");
        assert!(!err.contains('⚠'), "{lang} starter has warnings: {err}");
        let toml = std::fs::read_to_string(dir.join("kirje.toml")).expect("kirje.toml");
        assert!(toml.contains(&format!("\"{lang}\"")), "{toml}");
    }
}

#[test]
fn init_refuses_a_folder_with_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("keep.txt"), "mine").expect("write");
    let out = kirje()
        .args(["init", "--lang", "en"])
        .arg(tmp.path())
        .output()
        .expect("run");
    // Asked to write where it may not: usage, exit 2.
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("keep.txt")).expect("read"),
        "mine"
    );
    assert!(!tmp.path().join("project.yaml").exists());
}

#[test]
fn view_prints_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("p");
    kirje()
        .args(["init", "--lang", "fi"])
        .arg(&dir)
        .assert()
        .success();
    let out = kirje().arg("view").arg(&dir).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["lang"], "fi");
    assert!(
        v["edition"]["label"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Hankekirje")
    );
}
