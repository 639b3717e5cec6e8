//! `--help` and usage errors follow the reader's language (`LANG`, or
//! `--lang` anywhere on the command line).

mod common;

use common::kirje;

fn run(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = kirje().env("LANG", lang).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_is_finnish_swedish_or_english_from_lang() {
    let (code, out, _) = run("fi_FI.UTF-8", &["--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Käyttö: kirje [VALITSIMET] <KOMENTO>"),
        "{out}"
    );
    assert!(
        out.contains("Komennot:") && out.contains("Paluuarvot: 0 valmis"),
        "{out}"
    );
    let (_, out, _) = run("fi_FI.UTF-8", &["build", "--help"]);
    assert!(
        out.contains("Käyttö: kirje build [VALITSIMET] [KANSIO]"),
        "{out}"
    );
    assert!(out.contains("--time-limit <SEKUNNIT>"), "{out}");
    assert!(!out.contains("Usage") && !out.contains("Print"), "{out}");
    let (_, out, _) = run("sv_FI.UTF-8", &["build", "-h"]);
    assert!(
        out.contains("Användning: kirje build [FLAGGOR] [MAPP]"),
        "{out}"
    );
    let (_, out, _) = run("fi_FI.UTF-8", &["--lang", "en", "send", "--help"]);
    assert!(out.contains("Usage: kirje send [OPTIONS] [DIR]"), "{out}");
    assert!(out.contains("Send without asking"), "{out}");
}

#[test]
fn usage_errors_are_in_the_readers_language_and_exit_2() {
    let (code, _, err) = run("fi_FI.UTF-8", &["build", "--bogus"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("virhe: tuntematon valitsin `--bogus`"),
        "{err}"
    );
    assert!(err.contains("Ohjeet: kirje build --help"), "{err}");
    let (code, _, err) = run("sv_FI.UTF-8", &["biuld"]);
    assert_eq!(code, 2);
    assert!(err.contains("okänt kommando `biuld`"), "{err}");
    assert!(err.contains("menade du `build`?"), "{err}");
    let (code, _, err) = run("C", &["--lang=fi", "check", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`xml` ei käy valitsimen --format arvoksi; sallitut: human, json"),
        "{err}"
    );
    let (code, _, err) = run("C", &["check", "--lang", "xx"]);
    assert_eq!(code, 2);
    assert!(err.contains("`xx` ei ole kieli"), "{err}");
}
