//! The View of `examples/lumo` in each language, as a reviewed snapshot:
//! every date, sum, share, phone number and label the outputs will print.

use std::path::{Path, PathBuf};

use kirje_core::{Files, Lang, check, load, view};

fn read_dir(root: &Path, dir: &Path, files: &mut Files) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            read_dir(root, &p, files);
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

fn lumo() -> Files {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo");
    let mut files = Files::new();
    read_dir(&root, &root, &mut files);
    files
}

#[test]
fn lumo_view_in_each_language() {
    let files = lumo();
    let loaded = load::load(&files).expect("examples/lumo loads");
    assert_eq!(check::check(&loaded, &files), vec![]);
    let edition = loaded.edition(None).expect("an edition");
    for lang in Lang::ALL {
        let v = view::view(&loaded, edition, lang);
        insta::assert_json_snapshot!(format!("lumo_view_{lang}"), v);
    }
}
