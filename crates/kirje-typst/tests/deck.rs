//! The slide deck uses every slide, for the example and for two fixtures
//! (`tests/fixtures/deck-few`, `tests/fixtures/deck-many`), in every
//! language: every content slide's text reaches 70 % of the height above the
//! footer, no organisation repeats its short name, a list that continues
//! keeps its title and never leaves one item alone, and no text is outside
//! a slide. Measured from Typst's laid-out frames.

use kirje_core::{Files, Lang, load, view};
use kirje_typst::{Compiled, Engine, Kind};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::{lumo, read_project, repo};

fn fixture(name: &str) -> Files {
    read_project(&repo().join("tests/fixtures").join(name))
}

fn projects() -> Vec<(&'static str, Files)> {
    vec![
        ("examples/lumo", lumo()),
        ("deck-few", fixture("deck-few")),
        ("deck-many", fixture("deck-many")),
    ]
}

/// Every deck of `files` in every language, with its warnings' codes.
fn decks(files: &Files) -> Vec<(Lang, Compiled, Vec<&'static str>)> {
    let loaded = load::load(files).expect("loads");
    let edition = loaded.edition(None).expect("edition");
    let engine = Engine::new();
    loaded
        .settings
        .languages
        .iter()
        .map(|lang| {
            let v = view::view(&loaded, edition, *lang);
            let w = engine.compile(Kind::Slides, &v, files).expect("compiles");
            let codes = w.warnings.iter().map(|d| d.message.code()).collect();
            (*lang, w.output, codes)
        })
        .collect()
}

#[test]
fn every_content_slide_uses_its_area_and_nothing_is_outside() {
    for (name, files) in projects() {
        for (lang, deck, warnings) in decks(&files) {
            let at = format!("{name} ({})", lang.code());
            assert!(warnings.is_empty(), "{at}: {warnings:?}");
            assert!(
                deck.text_off_page().is_empty(),
                "{at}: {:?}",
                deck.text_off_page()
            );
            let marks = deck.slide_marks();
            // Every page starts a slide: nothing ran on without its title.
            assert_eq!(marks.len(), deck.pages(), "{at}: {marks:?}");
            let fill = deck.page_fill();
            for m in &marks {
                let f = fill[m.page - 1];
                // The title slide, dividers and statements are meant to be
                // sparse; so is a slide of one or two sentences, which the
                // template sets large and centred.
                if ["title", "divider", "statement"].contains(&m.kind.as_str()) || f.lines <= 3 {
                    continue;
                }
                assert!(
                    f.depth >= 0.70,
                    "{at}: slide {} ({}) reaches {:.0} % of its height ({} lines)",
                    m.page,
                    m.title,
                    f.depth * 100.0,
                    f.lines
                );
            }
        }
    }
}

#[test]
fn continuations_keep_their_title_and_more_than_one_item() {
    let mut seen = 0;
    for (name, files) in projects() {
        for (lang, deck, _) in decks(&files) {
            for m in deck.slide_marks() {
                let Some((k, n)) = part_number(&m.title) else {
                    continue;
                };
                seen += 1;
                assert!(1 <= k && k <= n && n > 1, "{}", m.title);
                if let Some(n) = m.items {
                    assert!(
                        n >= 2,
                        "{name} ({}): {} holds {n} item",
                        lang.code(),
                        m.title
                    );
                }
            }
        }
    }
    // The many-facts fixture has continued lists in each of its languages.
    assert!(seen >= 3 * 8, "only {seen} continuation slides");
}

/// `(2/3)` at the end of a title, as (2, 3).
fn part_number(title: &str) -> Option<(usize, usize)> {
    let inner = title.strip_suffix(')')?.rsplit_once('(')?.1;
    let (k, n) = inner.split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

/// Each "… X (X)": a text followed by a bracketed text it already ends with.
fn repeated_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(" (") {
        let rest = &text[at + 2..];
        let Some(end) = rest.find(')') else { continue };
        let inside = rest[..end].trim();
        if !inside.is_empty() && text[..at].trim_end().ends_with(inside) {
            found.push(format!("{inside} ({inside})"));
        }
    }
    found
}

#[test]
fn no_organisation_repeats_its_short_name() {
    assert_eq!(repeated_names("Koske (Koske) ja ISO (ISO)").len(), 2);
    assert!(repeated_names("Itä-Suomen osaamiskeskus (ISO)").is_empty());
    for (name, files) in projects() {
        for (lang, deck, _) in decks(&files) {
            for (i, text) in deck.page_texts().iter().enumerate() {
                let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let found = repeated_names(&squeezed);
                assert!(
                    found.is_empty(),
                    "{name} ({}) slide {}: {found:?}",
                    lang.code(),
                    i + 1
                );
            }
        }
    }
}

#[test]
fn the_deck_follows_the_seed_deck() {
    let (_, deck, _) = decks(&lumo()).remove(0);
    let text = deck
        .page_texts()
        .join(" ")
        .replace('\u{a0}', " ")
        .replace('\u{200B}', "");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Mistä kehittämistyössä on kysymys?",
        "Mitä haluamme saavuttaa?",
        "Miten saavutamme tavoitteet?",
        "Hankkeen hallinto ja rahoitus",
        "LUMOn tähtäimessä pysyvät rakenteet",
        "Valtakunnallista yhteiskehittämistä",
        "Tavoitteiden toteutuessa",
        "Huhtikuu 2021",
        "Hankkeen lähtökohdat, tavoitteet ja toteutus",
        "Itä- ja Keski-Suomen yhteistyöalue (YTA)",
        "Lasten ja nuorten sosiaaliset",
        "pilotointi- ja valmennusprosessi",
        "Päivi Malinen",
        "isonet.fi/lumo-hanke",
    ] {
        assert!(text.contains(want), "the deck lacks “{want}”");
    }
    let kinds: Vec<String> = deck.slide_marks().into_iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| *k == "divider").count(),
        4,
        "{kinds:?}"
    );
}

#[test]
fn the_pdf_title_names_the_project_once_with_the_subtitle() {
    let (_, deck, _) = decks(&lumo()).remove(0);
    let pdf = deck.pdf().expect("pdf");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("LUMO – Lastensuojelun uudistaminen monialaisesti: Hankkeen lähtökohdat, tavoitteet ja toteutus"),
        "no such title in the XMP metadata"
    );
    assert!(!text.contains("LUMO – LUMO"));
}

#[test]
fn speaker_notes_become_a_pdfpc_file() {
    let (_, deck, _) = decks(&lumo()).remove(0);
    let marks = deck.slide_marks();
    let background = marks
        .iter()
        .find(|m| m.kind == "background")
        .expect("background");
    let pdfpc: serde_json::Value =
        serde_json::from_str(&deck.pdfpc().expect("notes")).expect("json");
    assert_eq!(pdfpc["pdfpcFormat"], 2);
    let pages = pdfpc["pages"].as_array().expect("pages");
    let note = pages
        .iter()
        .find(|p| p["idx"] == background.page - 1)
        .expect("the background slide's note");
    assert!(
        note["note"]
            .as_str()
            .expect("text")
            .starts_with("Kerro, miksi hanke syntyi")
    );
    // A deck without notes has no pdfpc file.
    let (_, few, _) = decks(&fixture("deck-few")).remove(0);
    assert!(few.pdfpc().is_none());
}

/// Texts too long for a slide are shortened with an ellipsis and named by
/// their field; a long list of long goals continues on more slides.
#[test]
fn a_text_too_long_for_a_slide_is_shortened_and_named() {
    let mut files = fixture("deck-few");
    let text =
        String::from_utf8(files.bytes("project.yaml").expect("project").to_vec()).expect("utf-8");
    let long_name = "Pitkä nimi, joka jatkuu ".repeat(90);
    let long_goal = "Tavoite, joka jatkuu ja jatkuu ".repeat(130);
    let text = text
        .replace(
            "  fi: Pihapiiri – naapuriapua lapsiperheille",
            &format!("  fi: {long_name}loppuu"),
        )
        .replace(
            "  - fi: Naapuriapu on helppo aloittaa.",
            &format!("  - fi: {long_goal}"),
        );
    files.insert("project.yaml", text.clone());
    let (_, deck, _) = decks(&files).remove(0);
    let loaded = load::load(&files).expect("loads");
    let v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    let w = Engine::new()
        .compile(Kind::Slides, &v, &files)
        .expect("compiles");
    assert!(
        deck.text_off_page().is_empty(),
        "{:?}",
        deck.text_off_page()
    );
    let shortened: Vec<_> = w
        .warnings
        .iter()
        .filter(|d| d.message.code() == "slide-shortened")
        .collect();
    assert_eq!(shortened.len(), 2, "{:?}", w.warnings);
    let lines: Vec<usize> = shortened
        .iter()
        .map(|d| {
            assert_eq!(d.file, "project.yaml");
            let span = d.span.clone().expect("a place");
            kirje_core::source::line_col(&text, span.start).0
        })
        .collect();
    let line_of = |needle: &str| {
        text[..text.find(needle).expect("in file")]
            .matches('\n')
            .count()
            + 1
    };
    assert!(lines.contains(&line_of("name:")), "{lines:?}");
    assert!(lines.contains(&line_of("goals:")), "{lines:?}");
    // The whole name stays in the PDF's title.
    let pdf = deck.pdf().expect("pdf");
    assert!(String::from_utf8_lossy(&pdf).contains("jatkuu loppuu"));
    // Every slide still starts on its own page.
    assert_eq!(deck.slide_marks().len(), deck.pages());
}
