//! Loading and checking a project (YAML and TOML with spans): no input may
//! panic, and every diagnostic's span lies inside its file, on a character
//! boundary, so it can be shown at file:line:col.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "project.rs"]
mod project;

fuzz_target!(|data: &[u8]| {
    let files = project::files(data);
    let diagnostics = match kirje_core::load::load(&files) {
        Ok(loaded) => kirje_core::check::check(&loaded, &files),
        Err(d) => d,
    };
    for d in &diagnostics {
        if let (Some(span), Some(bytes)) = (&d.span, files.bytes(&d.file)) {
            assert!(span.start <= span.end && span.end <= bytes.len(), "{d:?}");
            if let Ok(text) = std::str::from_utf8(bytes) {
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{d:?}"
                );
            }
        }
    }
});
