//! What `kirje inbox` says, in Finnish, Swedish and English.

use kirje_core::Lang;
use kirje_inbox::{Counts, Look, StoreError, Why};

use crate::text::say;

/// "3 osoitetta ei ole enää käytössä, 2 pyysi poistoa listalta, …".
pub fn summary(l: Lang, c: &Counts) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut part = |n: usize, fi: String, sv: String, en: String| {
        if n > 0 {
            parts.push(say(l, fi, sv, en));
        }
    };
    let n = c.gone;
    part(
        n,
        format!(
            "{n} {} ei ole enää käytössä",
            if n == 1 { "osoite" } else { "osoitetta" }
        ),
        format!(
            "{n} {} används inte längre",
            if n == 1 { "adress" } else { "adresser" }
        ),
        format!(
            "{n} {} no longer in use",
            if n == 1 {
                "address is"
            } else {
                "addresses are"
            }
        ),
    );
    let n = c.unsubscribed;
    part(
        n,
        format!("{n} pyysi poistoa listalta"),
        format!("{n} bad att bli borttagna från listan"),
        format!("{n} asked to be taken off the list"),
    );
    let n = c.complaints;
    part(
        n,
        format!("{n} merkitsi kirjeen roskapostiksi"),
        format!("{n} markerade brevet som skräppost"),
        format!("{n} marked the newsletter as spam"),
    );
    let n = c.soft;
    let (fi, en) = if n == 1 {
        ("tilapäinen toimitusvirhe", "failure")
    } else {
        ("tilapäistä toimitusvirhettä", "failures")
    };
    part(
        n,
        format!("{n} {fi} (muistetaan; osoite estetään vasta, jos virhe toistuu)"),
        format!("{n} tillfälliga leveransfel (sparas; adressen spärras först om felet upprepas)"),
        format!(
            "{n} temporary delivery {en} (remembered; the address is suppressed only if it keeps failing)"
        ),
    );
    let n = c.auto_replies;
    part(
        n,
        format!(
            "{n} {} (ei toimenpiteitä)",
            if n == 1 {
                "automaattinen vastaus tai poissaoloviesti"
            } else {
                "automaattista vastausta tai poissaoloviestiä"
            }
        ),
        format!(
            "{n} {} (inga åtgärder)",
            if n == 1 {
                "automatiskt svar eller frånvaromeddelande"
            } else {
                "automatiska svar eller frånvaromeddelanden"
            }
        ),
        format!(
            "{n} automatic or out-of-office {} (nothing to do)",
            if n == 1 { "reply" } else { "replies" }
        ),
    );
    let n = c.needs_look;
    part(
        n,
        format!("{n} vaatii ihmisen katsomaan (ei toimenpiteitä)"),
        format!("{n} behöver ses av en människa (inga åtgärder)"),
        format!("{n} need a person's look (nothing done)"),
    );
    let n = c.other;
    part(
        n,
        format!("{n} muuta viestiä (ei koske kirjettä)"),
        format!("{n} andra meddelanden (gäller inte kirje)"),
        format!("{n} other messages (not kirje's business)"),
    );
    let n = c.seen_before;
    part(
        n,
        format!("{n} käsiteltiin jo aiemmin"),
        format!("{n} behandlades redan tidigare"),
        format!("{n} counted in an earlier run"),
    );
    let m = c.messages;
    let head = say(
        l,
        format!("{m} viestiä luettu"),
        format!("{m} meddelanden lästa"),
        format!("{m} messages read"),
    );
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join(", "))
    }
}

/// The heading above the messages left for a person.
pub fn looks_heading(l: Lang) -> String {
    say(
        l,
        "Katso itse (kirje ei tehnyt näille mitään):".into(),
        "Titta själv (kirje gjorde inget med dessa):".into(),
        "Look at these yourself (kirje did nothing with them):".into(),
    )
}

/// One message left for a person.
pub fn look(l: Lang, look: &Look) -> String {
    let address = look.address.as_deref().unwrap_or("–");
    let why = match look.why {
        Why::Unreadable => say(
            l,
            "viestiä ei voi lukea".into(),
            "meddelandet kan inte läsas".into(),
            "the message cannot be read".into(),
        ),
        Why::NeverSent => say(
            l,
            format!("koskee osoitetta {address}, jolle kirje ei ole lähettänyt"),
            format!("gäller adressen {address}, som kirje inte har skickat till"),
            format!("concerns {address}, which kirje never sent to"),
        ),
        Why::Unproven => say(
            l,
            format!(
                "poistopyyntö osoitteelle {address} ilman linkin tunnistetta tai oman palvelimen DMARC-tarkistusta: kuka tahansa voi kirjoittaa tällaisen, joten osoitetta ei poistettu; poista se itse, jos pyyntö on aito"
            ),
            format!(
                "begäran om borttagning av {address} utan länkens kod eller den egna serverns DMARC-kontroll: vem som helst kan skriva en sådan, så adressen togs inte bort; ta bort den själv om begäran är äkta"
            ),
            format!(
                "a request to remove {address} without the link's token or a DMARC pass from your own server: anybody can write one, so the address was not removed; remove it yourself if the request is genuine"
            ),
        ),
        Why::NoRecipient => say(
            l,
            "raportista ei löydy vastaanottajaa".into(),
            "rapporten nämner ingen mottagare".into(),
            "the report names no recipient".into(),
        ),
        Why::NotForKirje => say(
            l,
            "muu viesti".into(),
            "annat meddelande".into(),
            "another message".into(),
        ),
    };
    format!("{}: {why}", look.origin)
}

/// `--dry-run`'s last line.
pub fn dry_run(l: Lang) -> String {
    say(
        l,
        "Kokeilu (--dry-run): mitään ei muutettu.".into(),
        "Provkörning (--dry-run): inget ändrades.".into(),
        "Dry run (--dry-run): nothing was changed.".into(),
    )
}

/// The question.
pub fn confirm(l: Lang, n: usize, list: &str) -> String {
    let one = n == 1;
    say(
        l,
        format!(
            "Lisätäänkö {n} {} estolistalle {list}? [k/E] ",
            if one { "osoite" } else { "osoitetta" }
        ),
        format!(
            "Lägga till {n} {} på spärrlistan {list}? [j/N] ",
            if one { "adress" } else { "adresser" }
        ),
        format!(
            "Add {n} {} to the suppression list {list}? [y/N] ",
            if one { "address" } else { "addresses" }
        ),
    )
}

/// The answer was no.
pub fn declined(l: Lang) -> String {
    say(
        l,
        "Mitään ei muutettu.".into(),
        "Inget ändrades.".into(),
        "Nothing was changed.".into(),
    )
}

/// No terminal to ask on, and no `--yes`.
pub fn no_terminal(l: Lang) -> String {
    say(
        l,
        "mitään ei muutettu: vahvistusta ei voi kysyä ilman päätettä; lisää --yes tai kokeile ensin --dry-run".into(),
        "inget ändrades: bekräftelse kan inte frågas utan terminal; lägg till --yes eller prova först med --dry-run".into(),
        "nothing was changed: there is no terminal to confirm on; add --yes, or try --dry-run first".into(),
    )
}

/// Done.
pub fn done(l: Lang, n: usize, list: &str) -> String {
    if n == 1 {
        return say(
            l,
            format!("1 osoite lisätty estolistalle {list}; seuraava kirje send ohittaa sen."),
            format!("1 adress lagd till på spärrlistan {list}; nästa kirje send hoppar över den."),
            format!(
                "1 address added to the suppression list {list}; the next kirje send skips it."
            ),
        );
    }
    say(
        l,
        format!("{n} osoitetta lisätty estolistalle {list}; seuraava kirje send ohittaa ne."),
        format!("{n} adresser lagda till på spärrlistan {list}; nästa kirje send hoppar över dem."),
        format!(
            "{n} addresses added to the suppression list {list}; the next kirje send skips them."
        ),
    )
}

/// Nothing was ever sent: no journal in the project.
pub fn nothing_sent(l: Lang) -> String {
    say(
        l,
        "projektista ei ole lähetetty yhtään kirjettä (kansiossa .kirje ei ole lähetyslokeja), joten palautuneita viestejä ei voi yhdistää vastaanottajiin".into(),
        "inget brev har skickats från projektet (mappen .kirje har inga utskicksjournaler), så returnerad post kan inte kopplas till mottagare".into(),
        "no newsletter has been sent from this project (no send journals in .kirje), so returned mail cannot be matched to recipients".into(),
    )
}

/// The store could not be read or written.
pub fn store(l: Lang, e: &StoreError) -> String {
    let path = e.path.display();
    say(
        l,
        format!(
            "kirjeen muistia {path} ei voi lukea tai kirjoittaa ({})",
            e.source
        ),
        format!(
            "kirjes minne {path} kan inte läsas eller skrivas ({})",
            e.source
        ),
        format!(
            "kirje's store {path} cannot be read or written ({})",
            e.source
        ),
    )
}

/// A file that cannot be written.
pub fn cannot_write(l: Lang, path: &str, e: &std::io::Error) -> String {
    let e = crate::text::io_reason(l, e);
    say(
        l,
        format!("tiedostoa {path} ei voi kirjoittaa: {e}"),
        format!("filen {path} kan inte skrivas: {e}"),
        format!("cannot write {path}: {e}"),
    )
}

/// Neither `--from` nor a mailbox.
pub fn no_source(l: Lang) -> String {
    say(
        l,
        "mistä viestit luetaan? Anna --from KANSIO_TAI_TIEDOSTO (Maildir, .eml-tiedostojen kansio tai mbox) tai --mailbox imaps://käyttäjä@palvelin/INBOX, tai kirjoita kirje.toml-tiedostoon [inbox] url".into(),
        "varifrån ska meddelandena läsas? Ange --from MAPP_ELLER_FIL (Maildir, mapp med .eml-filer eller mbox) eller --mailbox imaps://användare@server/INBOX, eller skriv [inbox] url i kirje.toml".into(),
        "where is the mail? Give --from FOLDER_OR_FILE (a Maildir, a folder of .eml files or an mbox) or --mailbox imaps://user@host/INBOX, or set [inbox] url in kirje.toml".into(),
    )
}

/// A mailbox address kirje cannot read.
pub fn bad_url(l: Lang, url: &str) -> String {
    say(
        l,
        format!(
            "postilaatikon osoite {url} ei kelpaa: sen muoto on imaps://käyttäjä@palvelin/INBOX (@ käyttäjänimessä kirjoitetaan %40)"
        ),
        format!(
            "brevlådans adress {url} duger inte: formen är imaps://användare@server/INBOX (@ i användarnamnet skrivs %40)"
        ),
        format!(
            "the mailbox address {url} is not valid: it is imaps://user@host/INBOX (an @ in the user name is written %40)"
        ),
    )
}

/// No password and no token.
pub fn no_secret(l: Lang) -> String {
    say(
        l,
        "postilaatikon salasana puuttuu: anna se ympäristömuuttujassa KIRJE_IMAP_PASSWORD (tai OAuth2-tunniste muuttujassa KIRJE_IMAP_TOKEN) tai projektin ulkopuolisessa tiedostossa ([inbox] password_file tai token_file)".into(),
        "lösenordet till brevlådan saknas: ange det i miljövariabeln KIRJE_IMAP_PASSWORD (eller en OAuth2-token i KIRJE_IMAP_TOKEN) eller i en fil utanför projektet ([inbox] password_file eller token_file)".into(),
        "the mailbox password is missing: give it in KIRJE_IMAP_PASSWORD (or an OAuth2 token in KIRJE_IMAP_TOKEN) or in a file outside the project ([inbox] password_file or token_file)".into(),
    )
}

/// The mailbox could not be read.
pub fn imap(l: Lang, e: &kirje_inbox::imap::ImapError) -> String {
    use kirje_inbox::imap::ImapError as E;
    match e {
        E::Url(url) => bad_url(l, url),
        E::Connect { host, port, .. } => say(
            l,
            format!("palvelimeen {host}:{port} ei saada yhteyttä: tarkista osoite ja verkkoyhteys"),
            format!("servern {host}:{port} går inte att nå: kontrollera adressen och nätverket"),
            format!("cannot reach {host}:{port}: check the address and the network"),
        ),
        E::Tls(why) => say(
            l,
            format!("salattua yhteyttä ei voitu avata (palvelimen varmenne ei kelpaa tai sitä ei tunneta): {why}"),
            format!("den krypterade förbindelsen kunde inte öppnas (serverns certifikat duger inte eller är okänt): {why}"),
            format!("the encrypted connection could not be opened (the server's certificate is not valid or not known): {why}"),
        ),
        E::Login(_) => say(
            l,
            "postipalvelin ei hyväksynyt kirjautumista: tarkista käyttäjänimi ja salasana tai tunniste".into(),
            "e-postservern godtog inte inloggningen: kontrollera användarnamnet och lösenordet eller token".into(),
            "the mail server refused the login: check the user name and the password or token".into(),
        ),
        E::Protocol(why) => say(
            l,
            format!("postilaatikon lukeminen keskeytyi: {why}"),
            format!("läsningen av brevlådan avbröts: {why}"),
            format!("reading the mailbox stopped: {why}"),
        ),
    }
}
