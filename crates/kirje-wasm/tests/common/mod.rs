//! The browser session loaded with kirje's fonts and examples/lumo, as the
//! web page's worker loads it; shared by this crate's test binaries.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kirje_wasm::Session;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Hands every file under `dir` to the session, under `prefix`.
pub fn add_dir(session: &mut Session, dir: &Path, prefix: &str) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("entry");
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = format!("{prefix}{name}");
        if e.file_type().expect("type").is_dir() {
            add_dir(session, &e.path(), &format!("{rel}/"));
        } else {
            assert!(session.set_file(&rel, std::fs::read(e.path()).expect("read")));
        }
    }
}

/// A session with kirje's fonts and examples/lumo.
pub fn example() -> Session {
    let mut s = Session::new();
    for e in std::fs::read_dir(root().join("crates/kirje-typst/fonts")).expect("fonts") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "otf") {
            s.add_font(std::fs::read(p).expect("font"));
        }
    }
    add_dir(&mut s, &root().join("examples/lumo"), "");
    s
}

/// The example's edition, as a test edits it.
pub const EDITION: &str = "editions/2021-05.yaml";
/// A news title in it, with its language key.
pub const TITLE: &str = "fi: LUMOn yhteinen tapahtumakalenteri on avattu";

/// The edition's text.
pub fn edition_text() -> String {
    std::fs::read_to_string(root().join("examples/lumo").join(EDITION)).expect("edition")
}
