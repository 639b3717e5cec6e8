//! Micro-benchmarks of the email side: MJML → HTML with inlined CSS, the
//! plain-text part, the MIME message (lettre's builder), and the calendar.
//! Run: `cargo bench -p kirje-email`.

use divan::{Bencher, black_box};
use kirje_core::{Files, Lang, load, view};
use kirje_email::Templates;

#[path = "../../../tests/support/example.rs"]
mod example;
use example::lumo;

fn main() {
    divan::main();
}

fn lumo_view() -> (Files, view::View) {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let v = view::view(&loaded, loaded.edition(None).expect("edition"), Lang::Fi);
    (files, v)
}

/// The email HTML: minijinja → MJML → mrml with CSS inlined.
#[divan::bench(sample_count = 20)]
fn email_html(b: Bencher) {
    let (files, v) = lumo_view();
    let t = Templates::builtin();
    let images = kirje_email::Raster::default().email_images(&v, &files);
    b.bench(|| kirje_email::email_html(black_box(&v), &t, &images).expect("renders"));
}

/// The plain-text part, wrapped at 72 columns.
#[divan::bench]
fn email_text(b: Bencher) {
    let (_, v) = lumo_view();
    let t = Templates::builtin();
    b.bench(|| kirje_email::email_text(black_box(&v), &t).expect("renders"));
}

/// The MIME message from finished HTML and text, formatted to bytes.
#[divan::bench]
fn mime_message(b: Bencher) {
    let (files, v) = lumo_view();
    let t = Templates::builtin();
    let made = kirje_email::Raster::default().email_images(&v, &files);
    let html = kirje_email::email_html(&v, &t, &made).expect("renders");
    let text = kirje_email::email_text(&v, &t).expect("renders");
    let images = kirje_email::inline_images(&html, &made);
    b.bench(|| {
        kirje_email::message(black_box(&v), &html, &text, &images, None)
            .expect("builds")
            .formatted()
    });
}

/// The event calendar of the edition.
#[divan::bench]
fn calendar(b: Bencher) {
    let (_, v) = lumo_view();
    let views = vec![v];
    b.bench(|| kirje_email::calendar(black_box(&views)));
}
