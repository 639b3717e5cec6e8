//! `--help` and the command line's usage errors in Finnish, Swedish and
//! English.
//!
//! Our own code, because clap writes its help and its errors in English
//! only (its headings, "Usage:", "[default: …]", "unexpected argument …",
//! "tip: …"), and its templates can change the headings but not the words
//! of its errors. clap still parses the command line and still owns the
//! arguments (their names, short forms, defaults and possible values); this
//! file only writes them out. The English texts are the doc comments on
//! the arguments, so they stay next to the code; Finnish and Swedish are
//! in [`TEXTS`], and a test fails when an argument lacks either.

use std::fmt::Write as _;

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use kirje_core::Lang;

/// Finnish and Swedish for every command and argument: (key, fi, sv). The
/// key is the command's name, `command.argument` or, for the options every
/// command has, the argument alone.
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "about",
        "kirje tekee projektikansion tiedoista hankekirjeen, diaesityksen, sähköpostin, verkkoarkiston ja tapahtumakalenterin.",
        "kirje gör projektmappens uppgifter till ett nyhetsbrev, en bildserie, ett e-postmeddelande, ett webbarkiv och en evenemangskalender.",
    ),
    (
        "after",
        "Paluuarvot: 0 valmis (varoituksia voi olla); 1 projektissa tai vastaanottajaluettelossa on virheitä, tai lähetyksestä jäi vastaanottajia, joille viesti ei mennyt perille, viivästyi tai jäi lähettämättä; 2 kirje ei voinut tehdä työtään (komentorivi, tiedostot, verkko, SMTP-palvelin tai sen kirjautuminen, aikaraja). Jos sekä 1 että 2 pätevät, 2.",
        "Slutkoder: 0 klart (varningar tillåtna); 1 projektet eller mottagarlistan har fel, eller ett utskick lämnade mottagare som misslyckades, fördröjdes eller inte fick meddelandet; 2 kirje kunde inte göra sitt arbete (kommandoraden, filer, nätverket, SMTP-servern eller inloggningen, tidsgränsen). Gäller både 1 och 2: 2.",
    ),
    (
        "lang",
        "Viestien kieli (ja init-komennon aloitusprojektin kieli): fi, sv tai en. Oletus: LC_ALL / LC_MESSAGES / LANG, muuten fi",
        "Meddelandenas språk (och språket i init-kommandots startprojekt): fi, sv eller en. Standard: LC_ALL / LC_MESSAGES / LANG, annars fi",
    ),
    (
        "verbose",
        "Näytä kirjeen viestien alla myös YAML-, TOML- ja JSON-lukijoiden omat sanat (englanniksi)",
        "Visa också YAML-, TOML- och JSON-läsarnas egna ord (på engelska) under kirjes meddelanden",
    ),
    (
        "init",
        "Luo uusi projektikansio valmiilla aloitusprojektilla",
        "Skapa en ny projektmapp med ett färdigt startprojekt",
    ),
    (
        "init.dir",
        "Luotava kansio (sitä ei saa olla, tai sen pitää olla tyhjä)",
        "Mappen som skapas (den får inte finnas, eller ska vara tom)",
    ),
    (
        "check",
        "Tarkista projekti ja kerro jokainen ongelma paikkoineen",
        "Kontrollera ett projekt och rapportera varje problem med dess plats",
    ),
    ("check.dir", "Projektin kansio", "Projektmappen"),
    ("check.format", "Viestien muoto", "Meddelandenas format"),
    (
        "build",
        "Tee hankekirje, diat (PDF), sähköposti, verkkoarkisto ja kalenteri kansioon KANSIO/dist",
        "Gör nyhetsbrevet, bilderna (PDF), e-postmeddelandet, webbarkivet och kalendern i mappen MAPP/dist",
    ),
    ("build.dir", "Projektin kansio", "Projektmappen"),
    (
        "build.output",
        "Mihin tiedostot kirjoitetaan (oletus: KANSIO/dist)",
        "Vart filerna skrivs (standard: MAPP/dist)",
    ),
    (
        "build.edition",
        "Numeron tunniste (tiedoston nimi ilman .yaml-päätettä); oletus on uusin",
        "Numrets id (filens namn utan .yaml); standard är det senaste",
    ),
    (
        "build.only",
        "Vain nämä tulosteet (pilkuin erotettuina)",
        "Bara dessa utdata (åtskilda med kommatecken)",
    ),
    ("build.format", "Viestien muoto", "Meddelandenas format"),
    (
        "build.emit_typst",
        "Kirjoita myös täsmälleen käännetyt Typst-lähteet ja JSON kansioon KANSIO/typst/ (erillistä typst-komentoa varten)",
        "Skriv också de exakta Typst-källorna och JSON som kompilerades till MAPP/typst/ (för det fristående typst-kommandot)",
    ),
    (
        "build.time_limit",
        "Lopeta virheeseen, jos taitto kestää tätä kauemmin (sekunteina)",
        "Avbryt med ett fel om sättningen tar längre tid än så här (sekunder)",
    ),
    (
        "watch",
        "Tee tulosteet uudelleen aina, kun jokin projektin tiedosto muuttuu",
        "Gör om utdata varje gång en fil i projektet ändras",
    ),
    ("watch.dir", "Projektin kansio", "Projektmappen"),
    (
        "watch.output",
        "Mihin tiedostot kirjoitetaan (oletus: KANSIO/dist)",
        "Vart filerna skrivs (standard: MAPP/dist)",
    ),
    (
        "watch.only",
        "Vain nämä tulosteet (pilkuin erotettuina)",
        "Bara dessa utdata (åtskilda med kommatecken)",
    ),
    (
        "watch.time_limit",
        "Luovu kierroksesta, joka kestää tätä kauemmin (sekunteina); seuraaminen jatkuu",
        "Ge upp en omgång som tar längre tid än så här (sekunder); bevakningen fortsätter",
    ),
    (
        "serve",
        "Avaa lomakemuokkain projektin kansioon osoitteessa 127.0.0.1: muutokset tallentuvat tiedostoihin ja kaikki tuotokset päivittyvät kirjoittaessa",
        "Öppna formulärredigeraren för projektmappen på 127.0.0.1: ändringarna sparas i filerna och alla utdata uppdateras medan du skriver",
    ),
    ("serve.dir", "Projektin kansio", "Projektmappen"),
    (
        "serve.port",
        "Portti osoitteessa 127.0.0.1 (0 valitsee vapaan)",
        "Porten på 127.0.0.1 (0 väljer en ledig)",
    ),
    (
        "serve.open",
        "Avaa muokkain oletusselaimessa",
        "Öppna redigeraren i standardwebbläsaren",
    ),
    (
        "serve.edition",
        "Numeron tunniste; oletus on uusin",
        "Numrets id; standard är det senaste",
    ),
    (
        "serve.time_limit",
        "Luovu kierroksesta, joka kestää tätä kauemmin (sekunteina), ja kerro siitä; muokkain jatkaa seuraavasta muutoksesta",
        "Ge upp en omgång som tar längre tid än så här (sekunder) och säg det; redigeraren fortsätter vid nästa ändring",
    ),
    (
        "send",
        "Lähetä numero vastaanottajaluettelolle SMTP:llä; keskeytynyt lähetys jatkuu siitä, mihin se jäi",
        "Skicka ett nummer till en mottagarlista via SMTP; ett avbrutet utskick fortsätter där det slutade",
    ),
    ("send.dir", "Projektin kansio", "Projektmappen"),
    (
        "send.edition",
        "Numeron tunniste; oletus on uusin",
        "Numrets id; standard är det senaste",
    ),
    (
        "send.recipients",
        "Vastaanottajaluettelo (CSV: email, name, language ja muut sarakkeet yhdistelykenttinä). Oletus: KANSIO/recipients.csv",
        "Mottagarlistan (CSV: email, name, language och fler kolumner som kopplingsfält). Standard: MAPP/recipients.csv",
    ),
    (
        "send.suppress",
        "Osoitteet, joihin ei koskaan lähetetä, yksi rivillään (oletus: `[send] suppression`)",
        "Adresser som aldrig får meddelanden, en per rad (standard: `[send] suppression`)",
    ),
    (
        "send.smtp",
        "SMTP-palvelin: smtp://käyttäjä@palvelin:587 (STARTTLS) tai smtps://käyttäjä@palvelin:465; pelkkä smtp:// vain omaan koneeseen (localhost). Oletus: `[smtp] url` tiedostossa kirje.toml",
        "SMTP-servern: smtp://användare@server:587 (STARTTLS) eller smtps://användare@server:465; vanlig smtp:// bara till den egna datorn (localhost). Standard: `[smtp] url` i kirje.toml",
    ),
    (
        "send.smtp_ca",
        "Varmentaja (PEM), johon luotetaan julkisten lisäksi",
        "En certifikatutfärdare (PEM) att lita på utöver de offentliga",
    ),
    (
        "send.rate",
        "Viestejä sekunnissa, minuutissa tai tunnissa: 10/s, 600/min, 2000/h",
        "Meddelanden per sekund, minut eller timme: 10/s, 600/min, 2000/h",
    ),
    (
        "send.connections",
        "Yhtäaikaiset yhteydet palvelimeen (oletus: `[smtp] connections`, muuten yksi 50 viestiä sekunnissa kohden, enintään 4)",
        "Samtidiga anslutningar till servern (standard: `[smtp] connections`, annars en per 50 meddelanden i sekunden, högst 4)",
    ),
    (
        "send.hourly_cap",
        "Enintään näin monta viestiä minkä tahansa tunnin aikana",
        "Högst så här många meddelanden under en timme",
    ),
    (
        "send.max_failures",
        "Pidä tauko, kun näin monta lähetystä on peräkkäin epäonnistunut",
        "Gör en paus efter så här många misslyckanden i rad",
    ),
    (
        "send.retry_wait",
        "Sekunnit ennen tilapäisesti torjutun viestin toista yritystä (kaksinkertaistuu sen jälkeen)",
        "Sekunder före andra försöket efter en tillfällig vägran (fördubblas sedan)",
    ),
    ("send.yes", "Lähetä kysymättä", "Skicka utan att fråga"),
    (
        "send.resend_unknown",
        "Lähetä myös vastaanottajille, joiden aiemmasta toimituksesta ei ole tietoa (he voivat saada toisen kappaleen)",
        "Skicka också till mottagare vars tidigare leverans är okänd (de kan få en andra kopia)",
    ),
    (
        "send.new_run",
        "Aloita uusi lähetyskirjanpito, vaikka sisältö tai luettelo muuttui",
        "Börja en ny utskicksjournal fast innehållet eller listan ändrades",
    ),
    (
        "send.dry_run",
        "Kirjoita jokainen henkilökohtainen viesti .eml-tiedostona kansioon KANSIO; älä lähetä mitään",
        "Skriv varje personligt meddelande som .eml i mappen MAPP; skicka ingenting",
    ),
    (
        "send.test_to",
        "Lähetä yksi viesti tähän osoitteeseen (luettelon vastaanottajan tiedoilla)",
        "Skicka ett meddelande till den här adressen (med en listad mottagares uppgifter)",
    ),
    (
        "send.as_recipient",
        "Valitsimen --test-to kanssa: kenen tiedoilla (oletus: luettelon ensimmäinen)",
        "Med --test-to: vems uppgifter som används (standard: den första på listan)",
    ),
    (
        "send.status",
        "Näytä lähetyskirjanpidon luvut ja epäonnistuneet osoitteet, älä lähetä",
        "Visa journalens siffror och de misslyckade adresserna, och skicka inget",
    ),
    ("send.format", "Viestien muoto", "Meddelandenas format"),
    (
        "inbox",
        "Lue palautuneet viestit ja poistopyynnöt estolistalle",
        "Läs returnerad post och avregistreringar till spärrlistan",
    ),
    ("inbox.dir", "Projektin kansio", "Projektmappen"),
    (
        "inbox.from",
        "Palautuneet viestit: Maildir-kansio, .eml-tiedostojen kansio tai sähköpostiohjelmasta viety mbox-tiedosto",
        "Den returnerade posten: en Maildir, en mapp med .eml-filer eller en mbox-fil exporterad från ett e-postprogram",
    ),
    (
        "inbox.mailbox",
        "Postilaatikko IMAPilla: imaps://käyttäjä@palvelin/INBOX (salattu). Oletus: kirje.toml-tiedoston `[inbox] url`",
        "Brevlådan via IMAP: imaps://användare@server/INBOX (krypterad). Standard: `[inbox] url` i kirje.toml",
    ),
    (
        "inbox.imap_ca",
        "Varmentaja (PEM), johon luotetaan julkisten lisäksi",
        "En certifikatutfärdare (PEM) att lita på utöver de offentliga",
    ),
    (
        "inbox.dry_run",
        "Näytä, mitä muuttuisi, äläkä muuta mitään",
        "Visa vad som skulle ändras, och ändra inget",
    ),
    ("inbox.yes", "Muuta kysymättä", "Ändra utan att fråga"),
    ("inbox.format", "Viestien muoto", "Meddelandenas format"),
    (
        "view",
        "Tulosta View (tiedot, jotka pohjat saavat) JSON-muodossa",
        "Skriv ut View (de uppgifter mallarna får) som JSON",
    ),
    ("view.dir", "Projektin kansio", "Projektmappen"),
    (
        "view.edition",
        "Numeron tunniste (tiedoston nimi ilman .yaml-päätettä); oletus on uusin",
        "Numrets id (filens namn utan .yaml); standard är det senaste",
    ),
    (
        "view.view_lang",
        "Viewn kieli; oletus on projektin pääkieli",
        "Språket i View; standard är projektets huvudspråk",
    ),
    // Possible values.
    (
        "value.human",
        "luettava teksti ja lähteen rivi (päätteessä värein)",
        "läsbar text med källraden (i färg i en terminal)",
    ),
    (
        "value.json",
        "yksi JSON-dokumentti vakiotulosteeseen",
        "ett JSON-dokument på standard ut",
    ),
    ("value.pdf", "newsletter.pdf", "newsletter.pdf"),
    (
        "value.slides",
        "slides.pdf (ja puhujan muistiinpanot slides.pdfpc, jos niitä on)",
        "slides.pdf (och talaranteckningarna slides.pdfpc, om det finns några)",
    ),
    (
        "value.email",
        "email.html, email.txt, email.eml",
        "email.html, email.txt, email.eml",
    ),
    (
        "value.web",
        "web/: numeroiden arkisto, sen syöte ja kalenteri",
        "web/: arkivet av nummer, dess flöde och kalender",
    ),
    ("value.ics", "events.ics", "events.ics"),
];

/// The names of values in `<…>`: (clap's name, fi, sv).
const VALUE_NAMES: &[(&str, &str, &str)] = &[
    ("DIR", "KANSIO", "MAPP"),
    ("OUTPUT", "KANSIO", "MAPP"),
    ("OUTDIR", "KANSIO", "MAPP"),
    ("PATH", "POLKU", "SÖKVÄG"),
    ("URL", "URL", "URL"),
    ("EDITION", "NUMERO", "NUMMER"),
    ("SECONDS", "SEKUNNIT", "SEKUNDER"),
    ("RETRY_WAIT", "SEKUNNIT", "SEKUNDER"),
    ("LANG", "KIELI", "SPRÅK"),
    ("VIEW_LANG", "KIELI", "SPRÅK"),
    ("FORMAT", "MUOTO", "FORMAT"),
    ("ONLY", "TULOSTEET", "UTDATA"),
    ("PORT", "PORTTI", "PORT"),
    ("RECIPIENTS", "TIEDOSTO", "FIL"),
    ("SUPPRESS", "TIEDOSTO", "FIL"),
    ("SMTP", "OSOITE", "ADRESS"),
    ("PEM", "PEM", "PEM"),
    ("RATE", "TAHTI", "TAKT"),
    ("N", "N", "N"),
    ("HOURLY_CAP", "N", "N"),
    ("MAX_FAILURES", "N", "N"),
    ("ADDRESS", "OSOITE", "ADRESS"),
    ("RECIPIENT", "VASTAANOTTAJA", "MOTTAGARE"),
];

/// The words around the help, in each language.
struct Words {
    usage: &'static str,
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
    options_token: &'static str,
    command_token: &'static str,
    default: &'static str,
    values: &'static str,
    help: &'static str,
    version: &'static str,
    more: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Fi => Words {
            usage: "Käyttö",
            commands: "Komennot",
            arguments: "Argumentit",
            options: "Valitsimet",
            options_token: "[VALITSIMET]",
            command_token: "<KOMENTO>",
            default: "oletus",
            values: "arvot",
            help: "Näytä tämä ohje",
            version: "Näytä versio",
            more: "Ohjeet",
        },
        Lang::Sv => Words {
            usage: "Användning",
            commands: "Kommandon",
            arguments: "Argument",
            options: "Flaggor",
            options_token: "[FLAGGOR]",
            command_token: "<KOMMANDO>",
            default: "standard",
            values: "värden",
            help: "Visa den här hjälpen",
            version: "Visa versionen",
            more: "Hjälp",
        },
        Lang::En => Words {
            usage: "Usage",
            commands: "Commands",
            arguments: "Arguments",
            options: "Options",
            options_token: "[OPTIONS]",
            command_token: "<COMMAND>",
            default: "default",
            values: "values",
            help: "Print this help",
            version: "Print the version",
            more: "Help",
        },
    }
}

/// The text for `key` in `lang`; English is clap's (the doc comment).
fn text(lang: Lang, key: &str, english: Option<String>) -> String {
    let pick = |(_, fi, sv): &(&str, &str, &str)| match lang {
        Lang::Fi => Some((*fi).to_owned()),
        Lang::Sv => Some((*sv).to_owned()),
        Lang::En => None,
    };
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .and_then(pick)
        .or(english)
        .unwrap_or_default()
}

fn value_name(lang: Lang, name: &str) -> String {
    VALUE_NAMES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or(name, |(_, fi, sv)| match lang {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => name,
        })
        .to_owned()
}

/// An argument's help key: `command.id`, or `id` for the global ones.
fn arg_key(command: Option<&str>, arg: &clap::Arg) -> String {
    match command {
        Some(c) if !arg.is_global_set() => format!("{c}.{}", arg.get_id()),
        _ => arg.get_id().to_string(),
    }
}

fn arg_value(lang: Lang, arg: &clap::Arg) -> String {
    let name = arg.get_value_names().and_then(|n| n.first()).map_or_else(
        || arg.get_id().to_string().to_uppercase(),
        ToString::to_string,
    );
    value_name(lang, &name)
}

/// The usage line: `kirje build [VALITSIMET] [KANSIO]`.
fn usage(root: &Command, command: Option<&Command>, lang: Lang) -> String {
    let w = words(lang);
    match command {
        None => format!(
            "{} {} {}",
            root.get_name(),
            w.options_token,
            w.command_token
        ),
        Some(c) => {
            let mut line = format!("{} {} {}", root.get_name(), c.get_name(), w.options_token);
            for a in c.get_positionals() {
                let v = arg_value(lang, a);
                if a.is_required_set() {
                    let _ = write!(line, " <{v}>");
                } else {
                    let _ = write!(line, " [{v}]");
                }
            }
            line
        }
    }
}

/// Words wrapped to `width`, every line after the first indented by `indent`.
fn wrap(text: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut col = indent;
    for (i, word) in text.split_whitespace().enumerate() {
        let len = word.chars().count();
        if i > 0 && col + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
        } else if i > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

const WIDTH: usize = 100;

/// `--help` of the root (`command` None) or of one command.
pub fn render(root: &Command, command: Option<&str>, lang: Lang) -> String {
    let w = words(lang);
    let sub = command.and_then(|c| root.find_subcommand(c));
    let mut out = String::new();
    let about = match sub {
        None => text(lang, "about", root.get_about().map(ToString::to_string)),
        Some(c) => text(lang, c.get_name(), c.get_about().map(ToString::to_string)),
    };
    let _ = writeln!(out, "{}\n", wrap(&about, 0, WIDTH));
    let _ = writeln!(out, "{}: {}\n", w.usage, usage(root, sub, lang));

    let mut rows: Vec<(String, String)> = Vec::new();
    let section = |out: &mut String, title: &str, rows: &mut Vec<(String, String)>| {
        if rows.is_empty() {
            return;
        }
        let left = rows
            .iter()
            .map(|(l, _)| l.chars().count())
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "{title}:");
        for (l, r) in rows.drain(..) {
            let pad = left - l.chars().count();
            let _ = writeln!(
                out,
                "  {l}{}  {}",
                " ".repeat(pad),
                wrap(&r, left + 4, WIDTH)
            );
        }
        out.push('\n');
    };

    match sub {
        None => {
            for c in root.get_subcommands() {
                let about = text(lang, c.get_name(), c.get_about().map(ToString::to_string));
                rows.push((c.get_name().to_owned(), about));
            }
            section(&mut out, w.commands, &mut rows);
        }
        Some(c) => {
            for a in c.get_positionals() {
                let v = arg_value(lang, a);
                let help = describe(lang, Some(c.get_name()), a, &w);
                rows.push((
                    if a.is_required_set() {
                        format!("<{v}>")
                    } else {
                        format!("[{v}]")
                    },
                    help,
                ));
            }
            section(&mut out, w.arguments, &mut rows);
        }
    }
    let owner = sub.unwrap_or(root);
    for a in owner
        .get_arguments()
        .filter(|a| !a.is_positional() && !a.is_hide_set())
    {
        let flag = match (a.get_short(), a.get_long()) {
            (Some(s), Some(l)) => format!("-{s}, --{l}"),
            (Some(s), None) => format!("-{s}"),
            (None, Some(l)) => format!("    --{l}"),
            (None, None) => continue,
        };
        let takes_value = a.get_num_args().is_some_and(|n| n.takes_values())
            || !matches!(
                a.get_action(),
                clap::ArgAction::SetTrue | clap::ArgAction::Count
            );
        let left = if takes_value {
            format!("{flag} <{}>", arg_value(lang, a))
        } else {
            flag
        };
        rows.push((left, describe(lang, sub.map(Command::get_name), a, &w)));
    }
    rows.push(("-h, --help".to_owned(), w.help.to_owned()));
    rows.push(("-V, --version".to_owned(), w.version.to_owned()));
    section(&mut out, w.options, &mut rows);
    if sub.is_none() {
        let after = text(
            lang,
            "after",
            root.get_after_help().map(ToString::to_string),
        );
        let _ = writeln!(out, "{}", wrap(&after, 0, WIDTH));
    }
    out.trim_end().to_owned() + "\n"
}

/// An argument's help with its default and its possible values.
fn describe(lang: Lang, command: Option<&str>, a: &clap::Arg, w: &Words) -> String {
    let mut help = text(
        lang,
        &arg_key(command, a),
        a.get_help().map(ToString::to_string),
    );
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let name = v.get_name();
            let about = text(
                lang,
                &format!("value.{name}"),
                v.get_help().map(ToString::to_string),
            );
            if about.is_empty() || about == name {
                name.to_owned()
            } else {
                format!("{name} = {about}")
            }
        })
        .collect();
    if !values.is_empty() && a.get_action().takes_values() {
        let _ = write!(help, ". {}: {}", capitalised(w.values), values.join("; "));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() {
        let _ = write!(help, " ({}: {})", w.default, defaults.join(","));
    }
    help
}

/// A usage error in the reader's language, with the usage line and where
/// to find help.
pub fn error(root: &Command, e: &clap::Error, command: Option<&str>, lang: Lang) -> String {
    let ctx = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(s) => s.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(s) => s
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    // `--format <FORMAT>`: the option alone, without clap's English name
    // for its value.
    let arg = ctx(ContextKind::InvalidArg)
        .map(|a| a.split(" <").next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let say = |fi: String, sv: String, en: String| crate::text::say(lang, fi, sv, en);
    let mut lines = vec![match e.kind() {
        ErrorKind::UnknownArgument => say(
            format!("tuntematon valitsin `{arg}`"),
            format!("okänd flagga `{arg}`"),
            format!("unknown option `{arg}`"),
        ),
        ErrorKind::InvalidSubcommand => {
            let c = ctx(ContextKind::InvalidSubcommand).unwrap_or_default();
            say(
                format!("tuntematon komento `{c}`"),
                format!("okänt kommando `{c}`"),
                format!("unknown command `{c}`"),
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
            if arg.contains("--lang") || arg.contains("--in") =>
        {
            say(
                format!("`{value}` ei ole kieli, jolla kirje kirjoittaa (fi, sv, en)"),
                format!("`{value}` är inget språk som kirje skriver (fi, sv, en)"),
                format!("`{value}` is not a language kirje writes (fi, sv, en)"),
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = ctx(ContextKind::ValidValue)
                .map(|v| {
                    say(
                        format!("; sallitut: {v}"),
                        format!("; tillåtna: {v}"),
                        format!("; allowed: {v}"),
                    )
                })
                .unwrap_or_default();
            if value.is_empty() {
                say(
                    format!("valitsin {arg} tarvitsee arvon{valid}"),
                    format!("flaggan {arg} behöver ett värde{valid}"),
                    format!("{arg} needs a value{valid}"),
                )
            } else {
                say(
                    format!("`{value}` ei käy valitsimen {arg} arvoksi{valid}"),
                    format!("`{value}` duger inte som värde för {arg}{valid}"),
                    format!("`{value}` is not a value {arg} takes{valid}"),
                )
            }
        }
        ErrorKind::MissingRequiredArgument => say(
            format!("tämä puuttuu: {arg}"),
            format!("det här saknas: {arg}"),
            format!("this is missing: {arg}"),
        ),
        ErrorKind::ArgumentConflict => {
            let prior = ctx(ContextKind::PriorArg).unwrap_or_default();
            say(
                format!("valitsimia {arg} ja {prior} ei voi käyttää yhdessä"),
                format!("{arg} och {prior} kan inte användas tillsammans"),
                format!("{arg} and {prior} cannot be used together"),
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => say(
            "anna komento, esimerkiksi `kirje build`".to_owned(),
            "ange ett kommando, till exempel `kirje build`".to_owned(),
            "give a command, for example `kirje build`".to_owned(),
        ),
        _ => say(
            format!("komentorivi ei kelpaa{}", tail(&arg)),
            format!("kommandoraden duger inte{}", tail(&arg)),
            format!("the command line is not valid{}", tail(&arg)),
        ),
    }];
    for k in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        if let Some(s) = ctx(k) {
            lines.push(say(
                format!("tarkoititko `{s}`?"),
                format!("menade du `{s}`?"),
                format!("did you mean `{s}`?"),
            ));
        }
    }
    let w = words(lang);
    let sub = command.and_then(|c| root.find_subcommand(c));
    let help = match sub {
        Some(c) => format!("{} {} --help", root.get_name(), c.get_name()),
        None => format!("{} --help", root.get_name()),
    };
    let word = crate::text::error_word(lang);
    format!(
        "{word}: {}\n\n{}: {}\n{}: {help}\n",
        lines.join("\n"),
        w.usage,
        usage(root, sub, lang),
        w.more
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn tail(arg: &str) -> String {
    if arg.is_empty() {
        String::new()
    } else {
        format!(": {arg}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn keys(root: &Command) -> Vec<String> {
        let mut keys = vec!["about".to_owned(), "after".to_owned()];
        for a in root.get_arguments() {
            keys.push(arg_key(None, a));
        }
        for c in root.get_subcommands() {
            keys.push(c.get_name().to_owned());
            for a in c
                .get_arguments()
                .filter(|a| !a.is_global_set() && !a.is_hide_set())
            {
                keys.push(arg_key(Some(c.get_name()), a));
                for v in a.get_possible_values() {
                    if v.get_help().is_some() {
                        keys.push(format!("value.{}", v.get_name()));
                    }
                }
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn every_command_and_argument_has_finnish_and_swedish_and_no_text_is_stale() {
        let root = crate::Cli::command();
        let keys = keys(&root);
        for k in &keys {
            let row = TEXTS.iter().find(|(key, _, _)| key == k);
            assert!(row.is_some(), "no Finnish or Swedish for `{k}`");
            let (_, fi, sv) = row.expect("row");
            assert!(!fi.is_empty() && !sv.is_empty(), "`{k}`");
        }
        for (k, _, _) in TEXTS {
            assert!(
                keys.iter().any(|x| x == k),
                "`{k}` is no longer an argument"
            );
        }
        for c in root.get_subcommands() {
            for a in c.get_arguments().filter(|a| a.get_action().takes_values()) {
                if let Some(names) = a.get_value_names() {
                    for n in names {
                        assert!(
                            VALUE_NAMES.iter().any(|(v, _, _)| v == n),
                            "no Finnish for the value name {n}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn finnish_help_has_no_english_words_of_clap() {
        let root = crate::Cli::command();
        for lang in [Lang::Fi, Lang::Sv] {
            for c in std::iter::once(None).chain(root.get_subcommands().map(|c| Some(c.get_name())))
            {
                let h = render(&root, c, lang);
                for english in [
                    "Usage",
                    "Options",
                    "Arguments",
                    "Commands",
                    "default",
                    "Print",
                    "[OPTIONS]",
                    "<DIR>",
                    "[DIR]",
                ] {
                    assert!(!h.contains(english), "{lang:?} {c:?}: {english}\n{h}");
                }
            }
        }
        let h = render(&root, Some("build"), Lang::Fi);
        assert!(
            h.contains("Käyttö: kirje build [VALITSIMET] [KANSIO]"),
            "{h}"
        );
        assert!(h.contains("--time-limit <SEKUNNIT>"), "{h}");
        assert!(h.contains("(oletus: 120)"), "{h}");
    }
}
