//! What the CLI's test binaries share: the example project and the `kirje`
//! binary with a plain, language-neutral environment.

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

/// `examples/lumo`.
pub fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo")
}

/// The `kirje` binary, without colours or the machine's locale.
pub fn kirje() -> Command {
    let mut c = Command::cargo_bin("kirje").expect("binary");
    c.env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// Runs `cmd`: its exit code (-1 when killed) and its stdout then stderr.
pub fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("run kirje");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}
