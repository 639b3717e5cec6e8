//! A project that checks clean becomes a View in each of its languages, and
//! the View serialises to the JSON the Typst templates read.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "project.rs"]
mod project;

fuzz_target!(|data: &[u8]| {
    let files = project::files(data);
    let Ok(loaded) = kirje_core::load::load(&files) else {
        return;
    };
    if kirje_core::check::check(&loaded, &files)
        .iter()
        .any(|d| d.is_error())
    {
        return;
    }
    for edition in &loaded.editions {
        for lang in &loaded.settings.languages {
            let view = kirje_core::view::view(&loaded, edition, *lang);
            let json = serde_json::to_vec(&view).expect("a View serialises");
            assert!(!json.is_empty());
        }
    }
});
