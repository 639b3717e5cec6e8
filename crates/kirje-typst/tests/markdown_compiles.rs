//! Converted Markdown always compiles with the real Typst compiler, keeps
//! its text, and none of `# [ ] $ @` from the input acts as markup.

use kirje_core::markdown;
use kirje_typst::Engine;
use proptest::prelude::*;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn plain_text_with_specials_compiles_and_survives(words in proptest::collection::vec("[a-zäöå0-9#$@\\[\\]]{1,8}", 1..12)) {
        // Words with Typst specials but no Markdown syntax (a leading word
        // keeps a lone `#` from being a Markdown heading): the laid-out text
        // must be exactly the input's characters.
        let input = format!("teksti {}", words.join(" "));
        let converted = markdown::convert(&input);
        let doc = ENGINE.compile_markup(&converted.typst);
        prop_assert!(doc.is_ok(), "{:?} → {:?}", input, converted.typst);
        let text = doc.map(|d| d.page_texts().concat()).unwrap_or_default();
        prop_assert_eq!(squash(&text), squash(&input));
    }

    #[test]
    fn any_markdown_compiles(input in "[ -~äöå€\\n]{0,200}") {
        let converted = markdown::convert(&input);
        let doc = ENGINE.compile_markup(&converted.typst);
        prop_assert!(doc.is_ok(), "{:?} → {:?}: {:?}", input, converted.typst, doc.err());
    }

    #[test]
    fn escaped_strings_compile_verbatim(input in "[ -~äöå€]{1,80}") {
        let escaped = markdown::typst_escape(&input);
        let doc = ENGINE.compile_markup(&escaped);
        prop_assert!(doc.is_ok());
        let text = doc.map(|d| d.page_texts().concat()).unwrap_or_default();
        prop_assert_eq!(squash(&text), squash(&input));
    }
}

#[test]
fn hostile_markup_stays_text() {
    let input = "#import \"x.typ\": * $x^2$ @ref <label> #eval(\"1\") [link] // c";
    let doc = ENGINE
        .compile_markup(&markdown::convert(input).typst)
        .expect("compiles");
    let text = doc.page_texts().concat();
    assert_eq!(squash(&text), squash(input));
}
