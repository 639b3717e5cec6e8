//! Build times of examples/lumo's documents: cold (a new engine, Typst's
//! caches emptied) and warm (one engine kept alive, as `kirje watch` and the
//! browser preview do, recompiling after a news title was edited).
//!
//! Run: `cargo bench -p kirje-typst` (divan prints median and spread).

use divan::Bencher;
use kirje_core::{Files, Lang, load, view};
use kirje_typst::{Engine, Kind};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::lumo;

fn main() {
    divan::main();
}

/// Compiles and exports one document; panics on errors (the example is clean).
fn pdf(engine: &Engine, kind: Kind, v: &view::View, files: &Files) -> usize {
    let compiled = engine
        .compile(kind, v, files)
        .expect("the example compiles");
    compiled.output.pdf().expect("exports").len()
}

/// Both documents in Finnish from nothing: fonts loaded, caches empty.
#[divan::bench(sample_count = 10)]
fn cold_newsletter_and_slides(b: Bencher) {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    b.bench(|| {
        kirje_typst::evict_caches(0);
        let engine = Engine::new();
        pdf(&engine, Kind::Newsletter, &v, &files) + pdf(&engine, Kind::Slides, &v, &files)
    });
}

/// The newsletter again after one news title changed, with a warm engine.
#[divan::bench(sample_count = 30)]
fn warm_newsletter_after_edit(b: Bencher) {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let mut v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    let engine = Engine::new();
    pdf(&engine, Kind::Newsletter, &v, &files);
    let original = v.edition.news[0].title.clone();
    let mut n = 0u32;
    b.bench_local(|| {
        n += 1;
        v.edition.news[0].title = format!("{original} {n}");
        pdf(&engine, Kind::Newsletter, &v, &files)
    });
}

/// The whole PDF part of `kirje build`: newsletter and slides in every
/// language, with a warm engine and nothing changed.
#[divan::bench(sample_count = 10)]
fn warm_all_documents_all_languages(b: Bencher) {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let edition = loaded.edition(None).expect("edition");
    let views: Vec<_> = Lang::ALL
        .iter()
        .map(|l| view::view(&loaded, edition, *l))
        .collect();
    let engine = Engine::new();
    b.bench(|| {
        views
            .iter()
            .map(|v| {
                pdf(&engine, Kind::Newsletter, v, &files) + pdf(&engine, Kind::Slides, v, &files)
            })
            .sum::<usize>()
    });
}
