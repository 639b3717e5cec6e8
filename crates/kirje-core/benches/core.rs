//! Micro-benchmarks of the core's hot paths, so a regression shows where it
//! happens: loading the example, building its View, the locale formatters
//! and the Markdown conversion. Run: `cargo bench -p kirje-core`.

use divan::{Bencher, black_box};
use jiff::civil::{date, time};
use kirje_core::locale::Formatter;
use kirje_core::{Lang, load, markdown, view};

#[path = "../../../tests/support/example.rs"]
mod example;
use example::lumo;

fn main() {
    divan::main();
}

/// Parsing every file of the example with spans.
#[divan::bench]
fn load_example(b: Bencher) {
    let files = lumo();
    b.bench(|| load::load(black_box(&files)).expect("loads"));
}

/// The checks on the loaded example.
#[divan::bench]
fn check_example(b: Bencher) {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    b.bench(|| kirje_core::check::check(black_box(&loaded), &files));
}

/// The View of one edition in one language (what every output renders).
#[divan::bench(args = [Lang::Fi, Lang::Sv, Lang::En])]
fn view_of_example(b: Bencher, lang: Lang) {
    let files = lumo();
    let loaded = load::load(&files).expect("loads");
    let edition = loaded.edition(None).expect("edition");
    b.bench(|| view::view(black_box(&loaded), edition, lang));
}

/// A formatter is made once per View; its construction loads ICU data.
#[divan::bench(args = [Lang::Fi, Lang::Sv, Lang::En])]
fn formatter_new(lang: Lang) -> Formatter {
    Formatter::new(black_box(lang))
}

#[divan::bench(args = [Lang::Fi, Lang::Sv, Lang::En])]
fn format_event_when(b: Bencher, lang: Lang) {
    let f = Formatter::new(lang);
    let start = date(2021, 5, 28).to_datetime(time(8, 30, 0, 0));
    let end = date(2021, 5, 28).to_datetime(time(12, 0, 0, 0));
    b.bench(|| f.event_when(black_box(start), Some(end)));
}

#[divan::bench(args = [Lang::Fi, Lang::Sv, Lang::En])]
fn format_money(b: Bencher, lang: Lang) {
    let f = Formatter::new(lang);
    b.bench(|| f.money(black_box(100_000_000), "EUR"));
}

#[divan::bench(args = [Lang::Fi, Lang::Sv, Lang::En])]
fn format_date_range(b: Bencher, lang: Lang) {
    let f = Formatter::new(lang);
    b.bench(|| f.date_range(black_box(date(2021, 5, 6)), date(2021, 6, 3)));
}

/// A news body of typical length (about 1 500 characters) to HTML, Typst
/// markup and plain text.
#[divan::bench]
fn markdown_news_body() -> markdown::Converted {
    let body = "LUMO julkaisee **videosarjan** lastensuojelun systeemisestä työotteesta \
                [Itä-Suomen sosiaalialan osaamiskeskuksen](https://www.isonet.fi) kanavalla.\n\n\
                - ihmiset ja vuorovaikutussuhteet ovat työskentelyn keskiössä\n\
                - vuorovaikutus on kunnioittavaa, dialogista ja ratkaisukeskeistä\n\
                - perheen asioista vastaavaa sosiaalityöntekijää tukee tiimi\n\n"
        .repeat(3);
    markdown::convert(black_box(&body))
}
