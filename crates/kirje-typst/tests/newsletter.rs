//! The newsletter of the example and of the deck fixtures (few facts, many
//! facts), in every language: no heading is the last line of a page, no
//! text is outside a page, and the project's facts are all in it. Measured
//! from Typst's laid-out frames.

use kirje_core::view::View;
use kirje_core::{Files, load, view};
use kirje_typst::{Compiled, Engine, Kind};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::{lumo, read_project, repo};

fn projects() -> Vec<(&'static str, Files)> {
    let fixture = |name: &str| read_project(&repo().join("tests/fixtures").join(name));
    vec![
        ("examples/lumo", lumo()),
        ("deck-few", fixture("deck-few")),
        ("deck-many", fixture("deck-many")),
    ]
}

/// Every newsletter of those projects in each of their languages: where it
/// comes from ("deck-many (sv)"), its View, the document and its warnings.
fn newsletters() -> Vec<(String, View, Compiled, usize)> {
    let engine = Engine::new();
    let mut out = Vec::new();
    for (name, files) in projects() {
        let loaded = load::load(&files).expect("loads");
        let edition = loaded.edition(None).expect("edition");
        for lang in &loaded.settings.languages {
            let v = view::view(&loaded, edition, *lang);
            let w = engine
                .compile(Kind::Newsletter, &v, &files)
                .expect("compiles");
            out.push((
                format!("{name} ({})", lang.code()),
                v,
                w.output,
                w.warnings.len(),
            ));
        }
    }
    out
}

#[test]
fn no_heading_ends_a_page_and_nothing_is_outside() {
    for (at, v, doc, warnings) in newsletters() {
        assert_eq!(warnings, 0, "{at}");
        assert!(
            doc.text_off_page().is_empty(),
            "{at}: {:?}",
            doc.text_off_page()
        );
        let pages = doc.pages();
        for (i, last) in doc.last_lines().into_iter().enumerate() {
            let Some(last) = last else { continue };
            // Headings are the text set in the theme's colour at 11.5 pt
            // or more; the last page may end anywhere.
            let heading = last.color == v.theme.primary && last.size >= 11.4;
            assert!(
                !heading || i + 1 == pages,
                "{at}: page {} ends with the heading “{}”",
                i + 1,
                last.text
            );
        }
    }
}

#[test]
fn no_page_before_the_last_ends_a_third_empty() {
    for (at, _, doc, _) in newsletters() {
        let fill = doc.page_fill();
        for (i, f) in fill.iter().enumerate().take(fill.len().saturating_sub(1)) {
            assert!(
                f.depth >= 0.67,
                "{at}: page {} ends at {:.0} %",
                i + 1,
                f.depth * 100.0
            );
        }
    }
}

/// The project section carries the facts of project.yaml that describe
/// the project: programme, administrator, co-implementers with their
/// regions, work packages, website (with its address) and social accounts.
#[test]
fn the_project_facts_are_in_every_newsletter() {
    for (at, v, doc, _) in newsletters() {
        let text = doc
            .page_texts()
            .join(" ")
            .replace(['\u{a0}', '\u{200B}', '\u{ad}'], " ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let p = &v.project;
        let mut facts = vec![p.administrator.name.clone(), p.period.clone()];
        facts.extend(p.programme.clone());
        facts.extend(p.co_implementers.iter().map(|o| o.short_name.clone()));
        facts.extend(p.regions.iter().cloned());
        facts.extend(p.work_packages.iter().map(|w| w.title.clone()));
        facts.extend(p.links.iter().map(|l| l.label.clone()));
        facts.extend(
            p.links
                .iter()
                .map(|l| l.url.trim_start_matches("https://").to_owned()),
        );
        facts.extend(p.social.iter().map(|s| s.handle.clone()));
        for fact in facts {
            // A long name may break at a hyphen; compare its first words.
            let start: String = fact
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(text.contains(&start), "{at}: no “{fact}”");
        }
    }
}

/// The measure the test above relies on sees a heading at a page's foot.
#[test]
fn a_heading_at_the_foot_of_a_page_is_seen() {
    let doc = Engine::new()
        .compile_markup(
            "#set page(height: 200pt, margin: 20pt, footer: [Sivu 1])\n#v(120pt)\nText.\n\n#text(size: 14pt, fill: rgb(\"#004f71\"))[Otsikko]\n#pagebreak()\nLoput.",
        )
        .expect("compiles");
    let last = doc.last_lines();
    let first = last[0].as_ref().expect("a line");
    assert_eq!(first.text, "Otsikko");
    assert_eq!(first.color, "#004f71");
    assert!((first.size - 14.0).abs() < 0.01);
    assert_eq!(last[1].as_ref().map(|l| l.text.as_str()), Some("Loput."));
}

/// A funder statement of 2 000 characters stays on the pages: the footer
/// shortens it to one line, and the funders' block at the end sets it whole.
#[test]
fn a_long_funder_statement_stays_on_the_pages() {
    let mut files = read_project(&repo().join("tests/fixtures/deck-many"));
    let text =
        String::from_utf8(files.bytes("project.yaml").expect("project").to_vec()).expect("utf-8");
    let long = "Euroopan unionin osarahoittama hanke ".repeat(54);
    let text = text.replacen(
        "  preset: esr+\n",
        &format!("  preset: esr+\n- name: Säätiö\n  statement: {long}loppuu\n"),
        1,
    );
    files.insert("project.yaml", text);
    let loaded = load::load(&files).expect("loads");
    let v = view::view(
        &loaded,
        loaded.edition(None).expect("edition"),
        kirje_core::Lang::Fi,
    );
    assert!(
        v.project.funders[1]
            .statement
            .as_ref()
            .expect("statement")
            .len()
            >= 2_000
    );
    let w = Engine::new()
        .compile(Kind::Newsletter, &v, &files)
        .expect("compiles");
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert!(
        w.output.text_off_page().is_empty(),
        "{:?}",
        w.output.text_off_page()
    );
    let pages = w.output.page_texts();
    // Every footer is one short line; the whole statement is on the last page.
    assert!(
        pages.iter().all(|p| p.contains("…")),
        "a footer is not shortened"
    );
    let last = pages
        .last()
        .expect("a page")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        last.contains("hanke loppuu"),
        "the statement is not set whole"
    );
    // The closing slide, which shows the statements too, stays whole.
    let deck = Engine::new()
        .compile(Kind::Slides, &v, &files)
        .expect("compiles");
    assert!(
        deck.output.text_off_page().is_empty(),
        "{:?}",
        deck.output.text_off_page()
    );
    assert_eq!(deck.output.slide_marks().len(), deck.output.pages());
    // …where it is shortened, and the warning points at `funders:`.
    let codes: Vec<_> = deck
        .warnings
        .iter()
        .map(|d| (d.message.code(), d.file.as_str()))
        .collect();
    assert_eq!(codes, vec![("slide-shortened", "project.yaml")]);
    let text =
        String::from_utf8(files.bytes("project.yaml").expect("project").to_vec()).expect("utf-8");
    let span = deck.warnings[0].span.clone().expect("a place");
    assert!(text[span].starts_with("funders"));
}

/// An ESR+ project (the many-facts fixture) shows the EU emblem and its
/// statement on the newsletter's first page and on the title slide, in
/// every language; a project's own template that leaves the emblem out is
/// named by a warning at the funder's `preset`.
#[test]
fn an_esr_project_shows_the_eu_emblem_on_the_first_page_and_title_slide() {
    let files = read_project(&repo().join("tests/fixtures/deck-many"));
    let loaded = load::load(&files).expect("loads");
    let edition = loaded.edition(None).expect("edition");
    let engine = Engine::new();
    for lang in &loaded.settings.languages {
        let v = view::view(&loaded, edition, *lang);
        let eu = v.project.funders.iter().find(|f| f.emblem.is_some());
        let eu = eu.expect("an ESR+ funder");
        let alt = &eu.emblem.as_ref().expect("emblem").alt;
        let statement = eu.statement.as_deref().expect("statement");
        for kind in [Kind::Newsletter, Kind::Slides] {
            let w = engine.compile(kind, &v, &files).expect("compiles");
            assert!(w.warnings.is_empty(), "{kind:?} ({lang}): {:?}", w.warnings);
            let first = w.output.page_shown(1);
            assert!(
                first.image_alts.contains(alt),
                "{kind:?} ({lang}): no emblem on page 1: {:?}",
                first.image_alts
            );
            assert!(
                kirje_core::funders::says(&first.text, statement),
                "{kind:?} ({lang}): no “{statement}” on page 1"
            );
        }
    }
    let own = include_str!("../templates/newsletter/newsletter.typ");
    let without = own.replace("#let eu = eu-marks(p.funders, 34pt)", "#let eu = none");
    assert_ne!(own, without);
    let mut files = files;
    files.insert("templates/newsletter/newsletter.typ", without);
    let v = view::view(&loaded, edition, kirje_core::Lang::Fi);
    let w = engine
        .compile(Kind::Newsletter, &v, &files)
        .expect("compiles");
    let codes: Vec<_> = w.warnings.iter().map(|d| d.message.code()).collect();
    assert_eq!(codes, vec!["eu-visibility-missing"]);
    let text =
        String::from_utf8(files.bytes("project.yaml").expect("project").to_vec()).expect("utf-8");
    let span = w.warnings[0].span.clone().expect("a place");
    assert!(text[span].starts_with("preset"));
}

/// No box of the project's facts or the funding table is split across
/// pages, so no page starts with a fragment of one (the boxes mark their top
/// and bottom; both must be on one page).
#[test]
fn no_box_is_split_across_pages() {
    for (at, v, doc, _) in newsletters() {
        let boxes = doc.box_pages();
        let titles: Vec<&str> = boxes.iter().map(|b| b.title.as_str()).collect();
        for needed in [
            &v.labels.purpose,
            &v.labels.organisation,
            &v.labels.schedule,
            &v.labels.funding,
        ] {
            assert!(
                titles.contains(needed),
                "{at}: no box {needed} in {titles:?}"
            );
        }
        for b in &boxes {
            assert!(b.last > 0, "{at}: the box {} has no end", b.title);
            assert_eq!(
                b.first, b.last,
                "{at}: the box {} runs from page {} to page {}",
                b.title, b.first, b.last
            );
        }
    }
}

/// Text that a project's own template sets outside the page is named by a
/// warning at the place in the project's files the text comes from (the
/// edition's title here), not at the template.
#[test]
fn text_off_the_page_is_named_where_it_is_written() {
    let mut files = lumo();
    files.insert(
        "templates/newsletter/newsletter.typ",
        "#import \"/templates/common.typ\": *\n\
         #set page(paper: \"a4\")\n\
         Hei.\n\
         #place(top + left, dy: 320mm, text(size: 14pt, view.edition.title))\n",
    );
    let loaded = load::load(&files).expect("loads");
    let v = view::view(
        &loaded,
        loaded.edition(None).expect("edition"),
        kirje_core::Lang::Fi,
    );
    let w = Engine::new()
        .compile(Kind::Newsletter, &v, &files)
        .expect("compiles");
    let off: Vec<_> = w
        .warnings
        .iter()
        .filter(|d| d.message.code() == "text-off-page")
        .collect();
    assert_eq!(off.len(), 1, "{:?}", w.warnings);
    assert_eq!(off[0].file, "editions/2021-05.yaml");
    let text =
        String::from_utf8(files.bytes(&off[0].file).expect("edition").to_vec()).expect("utf-8");
    let span = off[0].span.clone().expect("a place");
    assert!(
        text[span].starts_with("LUMOn tapahtumakalenteri"),
        "{:?}",
        off[0]
    );
}
