//! The exit codes scripts rely on: 0 done (warnings allowed), 1 the
//! project has errors, 2 kirje could not do its work. The send-specific
//! cases (a broken list 1, an unreachable server or a refused login 2,
//! recipients left deferred 1) are in `send.rs`, the time limit in
//! `build.rs`, usage errors and a missing folder in `check.rs`.

use assert_cmd::Command;

mod common;
use common::example;

#[path = "../../../tests/support/example.rs"]
mod support;

/// `kirje` with messages in English.
fn kirje() -> Command {
    let mut c = common::kirje();
    c.arg("--lang").arg("en");
    c
}

fn code(cmd: &mut Command) -> (i32, String) {
    common::run(cmd)
}

#[test]
fn a_clean_build_exits_0_and_a_project_error_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (c, t) = code(
        kirje()
            .args(["build", "--only", "email"])
            .arg(example())
            .arg("-o")
            .arg(tmp.path().join("out")),
    );
    assert_eq!(c, 0, "{t}");

    let project = tmp.path().join("project");
    support::copy_dir(&example(), &project);
    let edition = project.join("editions/2021-05.yaml");
    let text = std::fs::read_to_string(&edition).expect("read");
    std::fs::write(
        &edition,
        text.replacen("date: 2021-05-03", "date: 2021-05-32", 1),
    )
    .expect("write");
    for command in ["check", "build"] {
        let (c, t) = code(kirje().arg(command).arg(&project));
        assert_eq!(c, 1, "{command}: {t}");
        assert!(t.contains("editions/2021-05.yaml:"), "{command}: {t}");
    }
}

#[test]
fn an_edition_the_project_lacks_exits_2() {
    for command in ["build", "view"] {
        let (c, t) = code(
            kirje()
                .arg(command)
                .arg(example())
                .args(["--edition", "1999-01"]),
        );
        assert_eq!(c, 2, "{command}: {t}");
        assert!(t.contains("1999-01"), "{command}: {t}");
    }
}

#[test]
fn an_output_folder_that_cannot_be_written_exits_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A file where the output folder should be made.
    let blocker = tmp.path().join("not-a-folder");
    std::fs::write(&blocker, "mine").expect("write");
    let (c, t) = code(
        kirje()
            .args(["build", "--only", "email"])
            .arg(example())
            .arg("-o")
            .arg(blocker.join("out")),
    );
    assert_eq!(c, 2, "{t}");
    assert_eq!(std::fs::read_to_string(&blocker).expect("read"), "mine");
    // The system's reason in the reader's words, not its English.
    let (_, t) = code(
        common::kirje()
            .args(["--lang", "fi", "build", "--only", "email"])
            .arg(example())
            .arg("-o")
            .arg(blocker.join("out")),
    );
    assert!(
        t.contains("polussa on tiedosto kansion paikalla") && !t.contains("os error"),
        "{t}"
    );
}
