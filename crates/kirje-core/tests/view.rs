//! The View of `examples/lumo` in each language, as a reviewed snapshot:
//! every date, sum, share, phone number and label the outputs will print.

use example::lumo;
use kirje_core::{Lang, check, load, view};

#[path = "../../../tests/support/example.rs"]
mod example;

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
