//! Markdown to Typst markup, HTML and text: no input may panic, and the
//! Typst markup (which the templates evaluate) always parses without a
//! syntax error, so a writer's text can never break a document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let out = kirje_core::markdown::convert(markdown);
    let root = typst_syntax::parse(&out.typst);
    let (errors, _) = root.errors_and_warnings();
    assert!(
        errors.is_empty(),
        "markdown {markdown:?} gave Typst markup {:?} with errors {errors:?}",
        out.typst
    );
});
