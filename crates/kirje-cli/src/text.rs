//! The CLI's own words in Finnish, Swedish and English.

use kirje_core::Lang;

/// The text in the reader's language.
pub fn say(l: Lang, fi: String, sv: String, en: String) -> String {
    match l {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// "virhe" / "fel" / "error".
pub fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "virhe",
        Lang::Sv => "fel",
        Lang::En => "error",
    }
}

/// Why a file could not be read or written, in the reader's language
/// (the system's own text is English: "No such file or directory").
pub fn io_reason(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let (fi, sv, en) = match e.kind() {
        K::NotFound => (
            "tiedostoa tai kansiota ei ole",
            "filen eller mappen finns inte",
            "there is no such file or folder",
        ),
        K::PermissionDenied => ("ei lupaa", "behörighet saknas", "permission denied"),
        K::AlreadyExists => ("on jo olemassa", "finns redan", "already exists"),
        K::StorageFull => ("levy on täynnä", "disken är full", "the disk is full"),
        K::ReadOnlyFilesystem => (
            "levylle ei voi kirjoittaa",
            "disken är skrivskyddad",
            "the disk is read-only",
        ),
        K::IsADirectory => (
            "tämä on kansio, ei tiedosto",
            "det här är en mapp, inte en fil",
            "this is a folder, not a file",
        ),
        K::NotADirectory => (
            "polussa on tiedosto kansion paikalla",
            "sökvägen har en fil i stället för en mapp",
            "the path has a file where a folder should be",
        ),
        K::DirectoryNotEmpty => (
            "kansio ei ole tyhjä",
            "mappen är inte tom",
            "the folder is not empty",
        ),
        K::InvalidData => (
            "sisältö ei kelpaa",
            "innehållet duger inte",
            "the content is not valid",
        ),
        K::TimedOut => ("aikaraja ylittyi", "tidsgränsen överskreds", "timed out"),
        K::Interrupted => ("keskeytyi", "avbröts", "interrupted"),
        K::FileTooLarge => (
            "tiedosto on liian suuri",
            "filen är för stor",
            "the file is too large",
        ),
        K::CrossesDevices => (
            "siirto toiselle levylle ei onnistu",
            "flytt till en annan disk går inte",
            "cannot move to another disk",
        ),
        _ => (
            "tiedostoa ei voi käsitellä",
            "filen kan inte hanteras",
            "the file cannot be handled",
        ),
    };
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    }
    .to_owned()
}

/// An error and its causes in one line, each system error in the reader's
/// language: "virhe: /polku: tiedostoa tai kansiota ei ole".
pub fn error_chain(lang: Lang, e: &anyhow::Error) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            parts.push(io_reason(lang, io));
            break;
        }
        parts.push(kirje_core::diagnostic::shown(&cause.to_string()));
    }
    parts.join(": ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Summary after `check`.
pub fn summary(lang: Lang, dir: &str, errors: usize, warnings: usize, editions: usize) -> String {
    match lang {
        Lang::Fi => {
            let e = plural(errors, "virhe", "virhettä");
            let w = plural(warnings, "varoitus", "varoitusta");
            if errors == 0 {
                let ed = plural(editions, "numero", "numeroa");
                format!("{dir}: kunnossa ({ed}, {w})")
            } else {
                format!("{dir}: {e}, {w}")
            }
        }
        Lang::Sv => {
            let e = plural(errors, "fel", "fel");
            let w = plural(warnings, "varning", "varningar");
            if errors == 0 {
                let ed = plural(editions, "nummer", "nummer");
                format!("{dir}: i ordning ({ed}, {w})")
            } else {
                format!("{dir}: {e}, {w}")
            }
        }
        Lang::En => {
            let e = plural(errors, "error", "errors");
            let w = plural(warnings, "warning", "warnings");
            if errors == 0 {
                let ed = plural(editions, "edition", "editions");
                format!("{dir}: ok ({ed}, {w})")
            } else {
                format!("{dir}: {e}, {w}")
            }
        }
    }
}

/// The project folder does not exist or is not a folder.
pub fn not_a_project(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Fi => format!("kansiota `{dir}` ei löydy"),
        Lang::Sv => format!("mappen `{dir}` finns inte"),
        Lang::En => format!("the folder `{dir}` does not exist"),
    }
}

/// `init` into a folder that has files.
pub fn not_empty(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Fi => format!(
            "kansio `{dir}` ei ole tyhjä; kirje ei kirjoita olemassa olevien tiedostojen päälle"
        ),
        Lang::Sv => format!("mappen `{dir}` är inte tom; kirje skriver inte över befintliga filer"),
        Lang::En => {
            format!("the folder `{dir}` is not empty; kirje does not overwrite existing files")
        }
    }
}

/// After `init`.
pub fn created(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Fi => format!(
            "Uusi projekti luotu kansioon {dir}.\nMuokkaa tiedostoja project.yaml ja editions/2026-03.yaml, ja tarkista ne komennolla:\n  kirje check {dir}"
        ),
        Lang::Sv => format!(
            "Ett nytt projekt har skapats i {dir}.\nRedigera project.yaml och editions/2026-03.yaml och kontrollera dem med:\n  kirje check {dir}"
        ),
        Lang::En => format!(
            "Created a new project in {dir}.\nEdit project.yaml and editions/2026-03.yaml, then check them with:\n  kirje check {dir}"
        ),
    }
}

/// No such edition.
pub fn no_edition(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Fi => format!("numeroa `{id}` ei ole kansiossa editions/"),
        Lang::Sv => format!("numret `{id}` finns inte i mappen editions/"),
        Lang::En => format!("there is no edition `{id}` in editions/"),
    }
}

/// After `build`.
pub fn built(lang: Lang, files: usize, dir: &str, ms: u128) -> String {
    match lang {
        Lang::Fi => format!("{files} tiedostoa kirjoitettu kansioon {dir} ({ms} ms)"),
        Lang::Sv => format!("{files} filer skrivna till {dir} ({ms} ms)"),
        Lang::En => format!("wrote {files} files to {dir} ({ms} ms)"),
    }
}

/// The README written next to the Typst sources of `build --emit-typst`.
pub fn emitted_readme(lang: Lang, others: &[Lang]) -> String {
    let mut cmds = String::from(
        "typst compile --root . --font-path fonts newsletter.typ\n\
         typst compile --root . --font-path fonts slides.typ\n",
    );
    for l in others {
        let c = l.code();
        cmds.push_str(&format!(
            "typst compile --root . --font-path fonts --input view=/view.{c}.json newsletter.typ newsletter.{c}.pdf\n"
        ));
    }
    let intro = match lang {
        Lang::Fi => {
            "Nämä ovat täsmälleen ne Typst-lähteet ja JSON-tiedot, joista kirje teki PDF:t.\n\
             Ne voi kääntää myös erillisellä typst-ohjelmalla tässä kansiossa:"
        }
        Lang::Sv => {
            "Det här är exakt de Typst-källor och JSON-data som kirje gjorde PDF-filerna av.\n\
             De kan också kompileras med det fristående typst-programmet i den här mappen:"
        }
        Lang::En => {
            "These are exactly the Typst sources and JSON data kirje made the PDFs from.\n\
             They also compile with the standalone typst CLI in this folder:"
        }
    };
    format!("{intro}\n\n{cmds}")
}

/// A build took longer than the time limit.
pub fn time_limit(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::Fi => format!(
            "taitto kesti yli {secs} s ja keskeytettiin; jokin mallipohja saattaa toistaa itseään loputtomasti (raja: --time-limit)"
        ),
        Lang::Sv => format!(
            "sättningen tog över {secs} s och avbröts; en mall kan upprepa sig i all oändlighet (gräns: --time-limit)"
        ),
        Lang::En => format!(
            "typesetting took over {secs} s and was stopped; a template may loop forever (limit: --time-limit)"
        ),
    }
}

/// `watch` is waiting.
pub fn watching(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Fi => format!("Seurataan kansiota {dir}; lopeta painamalla Ctrl-C."),
        Lang::Sv => format!("Bevakar mappen {dir}; avsluta med Ctrl-C."),
        Lang::En => format!("Watching {dir}; press Ctrl-C to stop."),
    }
}
