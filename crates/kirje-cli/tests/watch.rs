//! `kirje watch` on a copy of examples/lumo lives through what happens to
//! a folder while someone works in it: an editor's save by rename, a
//! template that makes the build run past the time limit, and a broken
//! file. After each, the next save builds again, and the process never
//! ends.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

#[path = "../../../tests/support/example.rs"]
mod support;
use support::copy_dir;

const EDITION: &str = "editions/2021-05.yaml";
const TITLE: &str = "fi: LUMOn tapahtumakalenteri on julkaistu";

/// The watcher, killed when the test ends, pass or fail; its stdout and
/// stderr as one stream of lines.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(dir: &Path, out: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kirje"))
            .args(["--lang", "en", "watch"])
            .arg(dir)
            .arg("-o")
            .arg(out)
            .args(["--only", "pdf", "--time-limit", "3"])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kirje watch starts");
        let (tx, lines) = channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line containing `needle`.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(90);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with {needle:?}; seen: {:#?}", self.seen);
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

fn write(dir: &Path, path: &str, text: &str) {
    let target = dir.join(path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(target, text).expect("write");
}

#[test]
fn watch_lives_through_a_rename_save_a_slow_build_and_a_broken_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("lumo");
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo"),
        &dir,
    );
    let out = tmp.path().join("out");
    let edition = std::fs::read_to_string(dir.join(EDITION)).expect("edition");
    let mut w = Watch::start(&dir, &out);
    w.wait_for("ms)");
    w.wait_for("Watching");

    // An editor's save: a hidden temporary file renamed over the edition.
    std::thread::sleep(Duration::from_millis(300));
    let tmp_file = dir.join("editions/.2021-05.yaml.swp");
    std::fs::write(&tmp_file, edition.replacen(TITLE, "fi: Uusi otsikko", 1)).expect("temp");
    std::fs::rename(&tmp_file, dir.join(EDITION)).expect("rename");
    w.wait_for("ms)");

    // A template that runs past the time limit: the build is given up,
    // the watcher goes on.
    write(
        &dir,
        "templates/newsletter/newsletter.typ",
        "#for i in range(100000) { for j in range(100000) { } }\nHei\n",
    );
    w.wait_for("typesetting took over 3 s");
    assert!(w.alive(), "the time limit ended the process");
    std::fs::remove_file(dir.join("templates/newsletter/newsletter.typ")).expect("remove");
    w.wait_for("ms)");

    // A broken file: its problem is shown; fixing it builds again.
    write(&dir, EDITION, "title: [ei loppua\n");
    w.wait_for("2021-05.yaml");
    assert!(w.alive(), "a broken file ended the process");
    write(&dir, EDITION, &edition);
    w.wait_for("ms)");
    assert!(w.alive());
}
