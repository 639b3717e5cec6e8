//! The cost of one personalised message, as `kirje send` makes it for each
//! recipient: the edition is rendered once (kirje-email), then for every
//! recipient the merge fields and the unsubscribe link are filled into the
//! finished HTML and text, the MIME message is built and its per-recipient
//! headers set, and it is formatted to bytes. Prints the median time per
//! message over 10 000 recipients (row 3 of `scripts/bench.sh`):
//!
//! ```sh
//! cargo run --release -p kirje-send --example personalise -- [--count N] [--mjml FILE]
//! ```
//!
//! The example's Finnish intro is made to greet the reader by name
//! (`Hei %%name%%!`), so every message differs in its body and not only in
//! its headers. `--mjml FILE` writes the MJML that kirje-email renders, with
//! the same placeholders, for timing another MJML renderer on the same input.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use kirje_core::{Lang, load, view};
use kirje_email::{Mailbox, Templates};
use kirje_send::Recipient;
use kirje_send::personalise::{self, Escape, Unsubscribe, UnsubscribeKey};

#[path = "../../../tests/support/example.rs"]
mod example;

/// The allocator of the `kirje` binary (kirje-cli's main.rs says why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The edition whose intro gets the greeting.
const EDITION: &str = "editions/2021-05.yaml";
const INTRO: &str = "intro:\n  fi: |\n    ";

fn main() -> ExitCode {
    let mut count = 10_000_usize;
    let mut mjml_out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--count", Some(n)) if n.parse::<usize>().is_ok_and(|n| n > 0) => {
                count = n.parse().unwrap_or(count);
            }
            ("--mjml", Some(path)) => mjml_out = Some(path),
            _ => {
                eprintln!("usage: personalise [--count N] [--mjml FILE]");
                return ExitCode::from(2);
            }
        }
    }

    let mut files = example::lumo();
    let edition =
        String::from_utf8(files.bytes(EDITION).expect("the edition").to_vec()).expect("UTF-8");
    assert!(edition.contains(INTRO), "{EDITION} has no Finnish intro");
    let greeted = edition.replacen(INTRO, &format!("{INTRO}Hei %%name%%! "), 1);
    files.insert(EDITION.to_owned(), greeted.into_bytes());

    let loaded = load::load(&files).expect("the example loads");
    let v = view::view(&loaded, loaded.edition(None).expect("an edition"), Lang::Fi);
    let templates = Templates::with_overrides(&files).expect("templates");
    let mjml = kirje_email::email_mjml(
        &v,
        &templates,
        &kirje_email::Raster::default().email_images(&v, &files),
    )
    .expect("MJML");
    let html = kirje_email::email_html(
        &v,
        &templates,
        &kirje_email::Raster::default().email_images(&v, &files),
    )
    .expect("HTML");
    let text = kirje_email::email_text(&v, &templates).expect("text");
    let images = kirje_email::inline_images(
        &html,
        &kirje_email::Raster::default().email_images(&v, &files),
    );
    assert!(html.contains("%%name%%"), "the greeting reaches the HTML");
    if let Some(path) = mjml_out {
        std::fs::write(&path, &mjml).expect("write the MJML");
    }

    let unsubscribe = Unsubscribe {
        mailto: "lumo@isonet.fi".into(),
        url_template: Some("https://www.isonet.fi/lumo/peru?e={email}&t={token}".into()),
        key: UnsubscribeKey::new(b"a secret of the bench, long enough"),
    };
    let columns = vec!["organisation".to_owned()];
    let recipients: Vec<Recipient> = (0..count)
        .map(|i| Recipient {
            email: format!("vastaanottaja.{i}@example.org"),
            name: Some(format!("Maija Meikäläinen {i}")),
            lang: Some(Lang::Fi),
            fields: vec![(
                "organisation".to_owned(),
                "Esimerkkilän kaupunki".to_owned(),
            )],
            line: i as u64 + 2,
        })
        .collect();

    // What `kirje send` does per recipient (kirje-cli's `Prepared::build`).
    let build = |r: &Recipient| -> Vec<u8> {
        let to: kirje_send::Address = r.email.parse().expect("address");
        let links = unsubscribe.links(&r.email);
        let values = personalise::merge_values(r, &links, &columns);
        let html = personalise::fill(&html, &values, Escape::Html).expect("fields");
        let text = personalise::fill(&text, &values, Escape::Text).expect("fields");
        let mailbox = Mailbox::new(r.name.clone(), to);
        let mut message =
            kirje_email::message(&v, &html, &text, &images, Some(mailbox)).expect("message");
        let id = personalise::message_id("2021-05", &r.email, "isonet.fi");
        personalise::set_headers(&mut message, &id, &links);
        message.formatted()
    };

    let warm_up = count.min(200);
    let mut bytes = 0;
    for r in &recipients[..warm_up] {
        bytes = std::hint::black_box(build(r)).len();
    }
    let mut times: Vec<Duration> = recipients
        .iter()
        .map(|r| {
            let started = Instant::now();
            std::hint::black_box(build(r));
            started.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "personalised message: median {:.1} µs over {count} recipients ({bytes} bytes each; HTML {} kB rendered once)",
        median.as_secs_f64() * 1e6,
        html.len() / 1000,
    );
    ExitCode::SUCCESS
}
