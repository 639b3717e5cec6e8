//! The checked-in JSON Schemas under `schema/` must match the Rust types.
//! Regenerate them with `KIRJE_BLESS=1 cargo test -p kirje-core --test schema`.

use std::path::PathBuf;

#[test]
fn checked_in_schemas_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema");
    let bless = std::env::var_os("KIRJE_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, text) in kirje_core::schema::schemas() {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != text {
            if bless {
                std::fs::create_dir_all(&dir).expect("create schema/");
                std::fs::write(&path, &text).expect("write schema");
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale schema files {stale:?}: run KIRJE_BLESS=1 cargo test -p kirje-core --test schema"
    );
}
