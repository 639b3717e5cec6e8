//! The newsletter and slides of examples/lumo compile without warnings, in
//! every language, to tagged PDFs with the same bytes on every build.

use std::path::PathBuf;

use kirje_core::{Files, Lang, load, view};
use kirje_typst::{Engine, Kind, TEMPLATES};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::lumo;

#[test]
fn every_template_file_is_registered() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut on_disk = Vec::new();
    for sub in ["", "newsletter", "slides"] {
        for e in std::fs::read_dir(root.join(sub)).expect("templates") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "typ") {
                on_disk.push(format!(
                    "templates/{}",
                    p.strip_prefix(&root).expect("p").to_string_lossy()
                ));
            }
        }
    }
    on_disk.sort();
    let mut registered: Vec<String> = TEMPLATES.iter().map(|t| t.path.to_owned()).collect();
    registered.sort();
    assert_eq!(on_disk, registered);
}

#[test]
fn lumo_documents_compile_in_every_language() {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let edition = loaded.edition(None).expect("edition");
    let engine = Engine::new();
    for lang in Lang::ALL {
        let v = view::view(&loaded, edition, lang);
        for kind in [Kind::Newsletter, Kind::Slides] {
            let compiled = engine
                .compile(kind, &v, &files)
                .unwrap_or_else(|e| panic!("{lang} {kind:?}: {e:#?}"));
            assert!(
                compiled.warnings.is_empty(),
                "{lang} {kind:?}: {:#?}",
                compiled.warnings
            );
            let pdf = compiled
                .output
                .pdf()
                .unwrap_or_else(|e| panic!("{lang} {kind:?}: {e:#?}"));
            assert!(pdf.starts_with(b"%PDF-"));
            let again = engine
                .compile(kind, &v, &files)
                .expect("compiles")
                .output
                .pdf()
                .expect("pdf");
            assert!(pdf == again, "{lang} {kind:?}: not reproducible");
        }
    }
}

#[test]
fn newsletter_text_has_the_facts() {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    let doc = Engine::new()
        .compile(Kind::Newsletter, &v, &files)
        .expect("compiles")
        .output;
    let text = doc.page_texts().concat().replace('\u{a0}', " ");
    for fact in [
        "1 000 000 €",
        "80 %",
        "klo 13.30–15.00",
        "Marika Huupponen",
        "221 750 €",
    ] {
        assert!(text.contains(fact), "{fact} missing");
    }
}

#[test]
fn template_error_points_at_the_template() {
    let mut files = lumo();
    files.insert(
        "templates/newsletter/newsletter.typ",
        "#import \"/templates/common.typ\": *\n\n#let x = (1 +\n",
    );
    let loaded = load::load(&files).expect("loads");
    let v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    let errors = Engine::new()
        .compile(Kind::Newsletter, &v, &files)
        .err()
        .expect("fails");
    assert_eq!(errors[0].file, "templates/newsletter/newsletter.typ");
    assert!(errors[0].span.is_some());
}

#[test]
fn long_goals_continue_in_pairs_and_are_shortened_instead_of_overflowing() {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let mut v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    let long = "Pitkä tavoite, joka jatkuu ja jatkuu ".repeat(30);
    v.project.goals = vec![long; 6];
    let compiled = Engine::new()
        .compile(Kind::Slides, &v, &files)
        .expect("compiles");
    // Each goals slide says its texts were shortened, at `goals:`.
    for d in &compiled.warnings {
        assert_eq!(d.message.code(), "slide-shortened", "{d:?}");
        assert_eq!(d.file, "project.yaml");
    }
    assert!(compiled.output.text_off_page().is_empty());
    let marks = compiled.output.slide_marks();
    assert_eq!(marks.len(), compiled.output.pages());
    let goals: Vec<_> = marks.iter().filter(|m| m.kind == "goals").collect();
    assert_eq!(goals.len(), 3, "{goals:?}");
    for m in goals {
        assert!(m.title.starts_with("Kehittämistavoitteet ("), "{}", m.title);
        assert_eq!(m.items, Some(2));
    }
}

#[test]
fn the_engine_has_exactly_the_fonts_check_accepts() {
    let mut expected: Vec<String> = kirje_core::model::FONT_FAMILIES
        .iter()
        .map(|f| (*f).to_owned())
        .collect();
    expected.sort();
    assert_eq!(Engine::new().font_families(), expected);
}

/// The example's first news item with its Finnish title and body replaced.
fn lumo_with_news(title: &str, body: &str) -> Files {
    let mut files = lumo();
    let path = "editions/2021-05.yaml";
    let text = String::from_utf8(files.bytes(path).expect("edition").to_vec()).expect("utf-8");
    let text = text.replacen(
        "      fi: LUMOn yhteinen tapahtumakalenteri on avattu",
        &format!("      fi: {title}"),
        1,
    );
    let start = text.find("    body:\n      fi: |\n").expect("body");
    let end = start + text[start..].find("      sv: |").expect("sv body");
    let text = format!(
        "{}    body:\n      fi: {body}\n{}",
        &text[..start],
        &text[end..]
    );
    files.insert(path, text);
    files
}

#[test]
fn text_off_the_page_is_found() {
    let compiled = Engine::new()
        .compile_markup("#set page(width: 200pt, height: 200pt)\n#box(width: 600pt)[#lorem(80)]")
        .expect("compiles");
    assert!(!compiled.text_off_page().is_empty());
    let fits = Engine::new()
        .compile_markup("#set page(width: 200pt, height: 200pt)\n#lorem(80)")
        .expect("compiles");
    assert_eq!(fits.text_off_page(), vec![]);
}

#[test]
fn a_long_word_and_a_huge_body_stay_on_the_pages() {
    let title = "Pitkäsanainen".repeat(154);
    let body = "Systeeminen työote vahvistaa yhteistyötä. ".repeat(4_800);
    assert!(title.chars().count() >= 2_000 && body.len() >= 200_000);
    let files = lumo_with_news(&title, body.trim_end());
    let loaded = load::load(&files).expect("loads");
    let edition = loaded.edition(None).expect("edition");
    let v = view::view(&loaded, edition, Lang::Fi);
    let engine = Engine::new();
    for kind in [Kind::Newsletter, Kind::Slides] {
        let compiled = engine.compile(kind, &v, &files).expect("compiles");
        let off: Vec<_> = compiled
            .warnings
            .iter()
            .filter(|d| d.message.code() == "text-off-page")
            .collect();
        assert!(off.is_empty(), "{kind:?}: {off:?}");
        assert_eq!(compiled.output.text_off_page(), vec![]);
        if kind == Kind::Newsletter {
            // The pages' texts without their footers ("Sivu 3 / 62 · …"),
            // so a title that runs from one page onto the next reads whole.
            let text: String = compiled
                .output
                .page_texts()
                .iter()
                .map(|t| t.rsplit_once("Sivu").map_or(t.as_str(), |x| x.0))
                .collect::<String>()
                .chars()
                .filter(|c| *c != '\u{200B}' && !c.is_whitespace())
                .collect();
            assert!(text.contains(&title), "the whole title is set");
            assert!(
                compiled.output.pages() > 20,
                "the body flows onto more pages"
            );
        }
    }
}

#[test]
fn a_huge_image_is_scaled_into_its_column() {
    let mut files = lumo();
    files.insert(
        "assets/news-kalenteri.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"60000\" height=\"40000\">\
         <rect width=\"60000\" height=\"40000\" fill=\"#004f71\"/></svg>",
    );
    let loaded = load::load(&files).expect("loads");
    let v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    let compiled = Engine::new()
        .compile(Kind::Newsletter, &v, &files)
        .expect("compiles");
    assert_eq!(compiled.warnings, vec![]);
    assert!(
        compiled.output.pages() <= 6,
        "{} pages",
        compiled.output.pages()
    );
}
