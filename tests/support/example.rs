//! Reads a project folder of this repository into [`Files`], as the CLI
//! hands it to the libraries. Shared by the crates' tests and benches, which
//! include it with `#[path = "../../../tests/support/example.rs"] mod example;`
//! (kirje-core itself reads no files).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kirje_core::Files;

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `root`, in name order, with `/`-separated paths.
pub fn read_project(root: &Path) -> Files {
    fn walk(root: &Path, dir: &Path, files: &mut Files) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry"))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, files);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut files = Files::new();
    walk(root, root, &mut files);
    files
}

/// `examples/lumo`.
pub fn lumo() -> Files {
    read_project(&repo().join("examples/lumo"))
}

/// Copies the folder `from` to `to`, every file and subfolder (a project to
/// change in a test without touching the repository's).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
