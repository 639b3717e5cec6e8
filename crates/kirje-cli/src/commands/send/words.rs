//! What `kirje send` says, in Finnish, Swedish and English.

use kirje_core::Lang;
use kirje_send::State;

use crate::text::say;

/// The facts shown before asking.
pub struct Summary<'a> {
    pub edition: &'a str,
    pub subject: &'a str,
    pub from: &'a str,
    pub recipients: usize,
    pub sent: usize,
    pub suppressed: usize,
    pub unknown: usize,
    pub to_send: usize,
    pub server: &'a str,
    pub rate: &'a str,
    pub journal: &'a str,
}

/// The summary before sending.
pub fn summary(l: Lang, s: &Summary<'_>) -> String {
    let unknown_note = if s.unknown > 0 {
        say(
            l,
            format!(
                "\n  epävarmoja:        {} (lähetetään vain valitsimella --resend-unknown)",
                s.unknown
            ),
            format!(
                "\n  osäkra:            {} (skickas bara med --resend-unknown)",
                s.unknown
            ),
            format!(
                "\n  unknown:           {} (resent only with --resend-unknown)",
                s.unknown
            ),
        )
    } else {
        String::new()
    };
    let Summary {
        edition,
        subject,
        from,
        recipients,
        sent,
        suppressed,
        to_send,
        server,
        rate,
        journal,
        ..
    } = s;
    say(
        l,
        format!(
            "Numero {edition}: {subject}\n  lähettäjä:         {from}\n  vastaanottajia:    {recipients}\n  jo lähetetty:      {sent}\n  estetty:           {suppressed}{unknown_note}\n  lähetetään nyt:    {to_send}\n  palvelin:          {server}\n  tahti:             {rate}\n  loki:              {journal}"
        ),
        format!(
            "Nummer {edition}: {subject}\n  avsändare:         {from}\n  mottagare:         {recipients}\n  redan skickade:    {sent}\n  spärrade:          {suppressed}{unknown_note}\n  skickas nu:        {to_send}\n  server:            {server}\n  takt:              {rate}\n  journal:           {journal}"
        ),
        format!(
            "Edition {edition}: {subject}\n  from:              {from}\n  recipients:        {recipients}\n  already sent:      {sent}\n  suppressed:        {suppressed}{unknown_note}\n  to send now:       {to_send}\n  server:            {server}\n  rate:              {rate}\n  journal:           {journal}"
        ),
    )
}

/// The question.
pub fn confirm(l: Lang, n: usize) -> String {
    say(
        l,
        format!("Lähetetäänkö {n} viestiä? [k/E] "),
        format!("Skicka {n} meddelanden? [j/N] "),
        format!("Send {n} messages? [y/N] "),
    )
}

/// Whether an answer is yes.
pub fn is_yes(answer: &str) -> bool {
    matches!(
        answer.trim().to_lowercase().as_str(),
        "k" | "kyllä" | "j" | "ja" | "y" | "yes"
    )
}

/// No terminal to ask on, and no `--yes`.
pub fn no_terminal(l: Lang) -> String {
    say(
        l,
        "mitään ei lähetetty: vahvistusta ei voi kysyä ilman päätettä; lisää --yes, jos lähetys on tarkoitettu".into(),
        "inget skickades: bekräftelse kan inte frågas utan terminal; lägg till --yes om utskicket är avsett".into(),
        "nothing was sent: there is no terminal to confirm on; add --yes if the send is meant".into(),
    )
}

/// The answer was no.
pub fn declined(l: Lang) -> String {
    say(
        l,
        "Mitään ei lähetetty.".into(),
        "Inget skickades.".into(),
        "Nothing was sent.".into(),
    )
}

/// Nothing left to send.
pub fn nothing_to_send(l: Lang) -> String {
    say(
        l,
        "Kaikille listan vastaanottajille on jo lähetetty (tai he ovat estolistalla).".into(),
        "Alla mottagare på listan har redan fått brevet (eller är spärrade).".into(),
        "Everyone on the list has been sent to already (or is suppressed).".into(),
    )
}

/// One log line when not on a terminal.
pub fn progress_line(
    l: Lang,
    done: usize,
    total: usize,
    sent: usize,
    trouble: usize,
    rate: f64,
) -> String {
    say(
        l,
        format!("{done}/{total} käsitelty: {sent} lähetetty, {trouble} ongelmaa ({rate:.1}/s)"),
        format!("{done}/{total} behandlade: {sent} skickade, {trouble} problem ({rate:.1}/s)"),
        format!("{done}/{total} done: {sent} sent, {trouble} problems ({rate:.1}/s)"),
    )
}

/// The progress bar's template.
pub fn bar_template(l: Lang) -> &'static str {
    match l {
        Lang::Fi => "{bar:30} {pos}/{len} {msg} · {per_sec} · jäljellä {eta}",
        Lang::Sv => "{bar:30} {pos}/{len} {msg} · {per_sec} · kvar {eta}",
        Lang::En => "{bar:30} {pos}/{len} {msg} · {per_sec} · {eta} left",
    }
}

/// The bar's message: counts so far.
pub fn bar_message(l: Lang, sent: usize, failed: usize, deferred: usize) -> String {
    say(
        l,
        format!("lähetetty {sent}, epäonnistui {failed}, lykätty {deferred}"),
        format!("skickade {sent}, misslyckade {failed}, uppskjutna {deferred}"),
        format!("sent {sent}, failed {failed}, deferred {deferred}"),
    )
}

/// A 421/454: slowing down.
pub fn slowing(l: Lang, ms: u128) -> String {
    say(
        l,
        format!("palvelin pyysi hidastamaan; viestien väli nyt {ms} ms"),
        format!("servern bad om lägre takt; nu {ms} ms mellan meddelandena"),
        format!("the server asked to slow down; now {ms} ms between messages"),
    )
}

/// The hourly cap is reached.
pub fn capped(l: Lang, secs: i64) -> String {
    say(
        l,
        format!("tuntikatto täynnä; jatketaan {secs} s kuluttua"),
        format!("timtaket nått; fortsätter om {secs} s"),
        format!("hourly cap reached; going on in {secs} s"),
    )
}

/// The report's heading.
pub fn report_heading(l: Lang, edition: &str) -> String {
    say(
        l,
        format!("Numeron {edition} lähetyksen tila:"),
        format!("Läget för utskicket av nummer {edition}:"),
        format!("Sending of edition {edition}:"),
    )
}

/// One line of the report.
pub fn report_line(l: Lang, state: State, n: usize) -> String {
    format!("  {:<14} {n}", format!("{}:", state.label(l)))
}

/// The heading of the list of problems.
pub fn troubles_heading(l: Lang) -> String {
    say(
        l,
        "Toimittamatta jääneet ja palvelimen vastaukset:".into(),
        "Ej levererade och serverns svar:".into(),
        "Not delivered, with the server's replies:".into(),
    )
}

/// What to do about unknown ones.
pub fn unknown_hint(l: Lang, n: usize) -> String {
    say(
        l,
        format!(
            "{n} vastaanottajan tila on epävarma (yhteys katkesi viestin lähdettyä). He saattoivat saada viestin; lähetä heille uudelleen vain valitsimella --resend-unknown."
        ),
        format!(
            "{n} mottagares läge är osäkert (förbindelsen bröts efter att meddelandet gått iväg). De kan ha fått det; skicka igen bara med --resend-unknown."
        ),
        format!(
            "{n} recipients are unknown (the connection broke after the message went out). They may have got it; resend to them only with --resend-unknown."
        ),
    )
}

/// Deferred ones go on the next run.
pub fn deferred_hint(l: Lang, n: usize) -> String {
    say(
        l,
        format!("{n} lykättyä yritetään uudelleen, kun ajat saman komennon myöhemmin."),
        format!("{n} uppskjutna försöks igen när du kör samma kommando senare."),
        format!("{n} deferred are tried again when you run the same command later."),
    )
}

/// After `--dry-run`.
pub fn dry_run_done(l: Lang, n: usize, dir: &str) -> String {
    say(
        l,
        format!("{n} viestiä kirjoitettu kansioon {dir}; mitään ei lähetetty"),
        format!("{n} meddelanden skrivna till {dir}; inget skickades"),
        format!("wrote {n} messages to {dir}; nothing was sent"),
    )
}

/// After `--test-to`.
pub fn test_sent(l: Lang, to: &str, as_: &str) -> String {
    say(
        l,
        format!("testiviesti lähetetty osoitteeseen {to} (vastaanottajan {as_} tiedoilla)"),
        format!("testmeddelandet skickat till {to} (med uppgifterna för {as_})"),
        format!("test message sent to {to} (with the data of {as_})"),
    )
}

/// `--as` names nobody on the list.
pub fn not_on_list(l: Lang, who: &str) -> String {
    say(
        l,
        format!("`{who}` ei ole vastaanottajalistalla"),
        format!("`{who}` finns inte på mottagarlistan"),
        format!("`{who}` is not on the recipient list"),
    )
}

/// No SMTP server anywhere.
pub fn no_smtp(l: Lang) -> String {
    say(
        l,
        "SMTP-palvelinta ei ole annettu: käytä valitsinta --smtp smtp://käyttäjä@palvelin:587 tai lisää kirje.toml-tiedostoon [smtp] url = \"…\"".into(),
        "ingen SMTP-server angiven: använd --smtp smtp://användare@server:587 eller lägg till [smtp] url = \"…\" i kirje.toml".into(),
        "no SMTP server given: use --smtp smtp://user@host:587 or add [smtp] url = \"…\" to kirje.toml".into(),
    )
}

/// A user without a password.
pub fn no_password(l: Lang, user: &str) -> String {
    say(
        l,
        format!(
            "käyttäjälle {user} ei ole salasanaa: anna se ympäristömuuttujassa KIRJE_SMTP_PASSWORD tai [smtp] password_file -tiedostossa projektin ulkopuolella"
        ),
        format!(
            "inget lösenord för användaren {user}: ge det i miljövariabeln KIRJE_SMTP_PASSWORD eller i [smtp] password_file utanför projektet"
        ),
        format!(
            "no password for the user {user}: give it in the KIRJE_SMTP_PASSWORD environment variable or in [smtp] password_file outside the project"
        ),
    )
}

/// A secret file inside the project (it would be committed or published).
pub fn secret_inside(l: Lang, path: &str) -> String {
    say(
        l,
        format!(
            "salaisuustiedosto {path} on projektikansion sisällä; siirrä se projektin ulkopuolelle"
        ),
        format!("hemlighetsfilen {path} ligger i projektmappen; flytta den utanför projektet"),
        format!("the secret file {path} is inside the project folder; move it outside the project"),
    )
}

/// An unsubscribe URL with `{token}` and no secret.
pub fn no_unsubscribe_secret(l: Lang) -> String {
    say(
        l,
        "[send] unsubscribe_url käyttää kenttää {token}, mutta salaisuutta ei ole: anna se ympäristömuuttujassa KIRJE_UNSUBSCRIBE_SECRET tai tiedostossa unsubscribe_secret_file (vähintään 16 merkkiä)".into(),
        "[send] unsubscribe_url använder {token} men ingen hemlighet finns: ge den i miljövariabeln KIRJE_UNSUBSCRIBE_SECRET eller i filen unsubscribe_secret_file (minst 16 tecken)".into(),
        "[send] unsubscribe_url uses {token} but there is no secret: give it in the KIRJE_UNSUBSCRIBE_SECRET environment variable or in unsubscribe_secret_file (at least 16 characters)".into(),
    )
}

/// An unsubscribe URL that is not https.
pub fn unsubscribe_not_https(l: Lang, url: &str) -> String {
    say(
        l,
        format!("[send] unsubscribe_url `{url}` ei ala https://"),
        format!("[send] unsubscribe_url `{url}` börjar inte med https://"),
        format!("[send] unsubscribe_url `{url}` does not start with https://"),
    )
}

/// No sender in kirje.toml.
pub fn no_sender(l: Lang) -> String {
    say(
        l,
        "kirje.toml: lähettämiseen tarvitaan [sender]-osio (name, email, organisation, address)"
            .into(),
        "kirje.toml: för att skicka behövs avsnittet [sender] (name, email, organisation, address)"
            .into(),
        "kirje.toml: sending needs a [sender] section (name, email, organisation, address)".into(),
    )
}

/// Messages that could not be built; nothing was sent.
pub fn build_failed(l: Lang, n: usize) -> String {
    say(
        l,
        format!("{n} viestiä ei voitu muodostaa; mitään ei lähetetty"),
        format!("{n} meddelanden kunde inte byggas; inget skickades"),
        format!("{n} messages could not be built; nothing was sent"),
    )
}

/// A file that cannot be read.
pub fn cannot_read(l: Lang, path: &str, e: &std::io::Error) -> String {
    let e = crate::text::io_reason(l, e);
    say(
        l,
        format!("tiedostoa {path} ei voi lukea: {e}"),
        format!("filen {path} kan inte läsas: {e}"),
        format!("cannot read {path}: {e}"),
    )
}

/// Rendered and checked.
pub fn checked(l: Lang, n: usize, ms: u128) -> String {
    say(
        l,
        format!("{n} viestiä muodostettu ja tarkistettu ({ms} ms)"),
        format!("{n} meddelanden byggda och kontrollerade ({ms} ms)"),
        format!("{n} messages built and checked ({ms} ms)"),
    )
}

/// A DKIM key given without a selector, or a selector without a key.
pub fn dkim_incomplete(l: Lang) -> String {
    say(
        l,
        "DKIM-allekirjoitus tarvitsee sekä [send] dkim_selector -valitsimen että avaimen (KIRJE_DKIM_KEY tai [send] dkim_key_file projektin ulkopuolella)".into(),
        "DKIM-signering behöver både [send] dkim_selector och en nyckel (KIRJE_DKIM_KEY eller [send] dkim_key_file utanför projektet)".into(),
        "DKIM signing needs both [send] dkim_selector and a key (KIRJE_DKIM_KEY, or [send] dkim_key_file outside the project)".into(),
    )
}

/// Messages are signed with DKIM.
pub fn dkim_signing(l: Lang, record: &str) -> String {
    say(
        l,
        format!("DKIM-allekirjoitus: {record}"),
        format!("DKIM-signering: {record}"),
        format!("DKIM signing: {record}"),
    )
}

/// The newsletter PDF is too big to attach.
pub fn attachment_too_big(l: Lang, lang: Lang, kb: usize, max: u32) -> String {
    say(
        l,
        format!(
            "uutiskirjeen PDF ({lang}) on {kb} kt, raja on {max} kt ([send] attach_max_kb); lähetä linkki verkkoversioon liitteen sijaan tai nosta rajaa"
        ),
        format!(
            "nyhetsbrevets PDF ({lang}) är {kb} kB, gränsen är {max} kB ([send] attach_max_kb); skicka en länk till webbversionen i stället eller höj gränsen"
        ),
        format!(
            "the newsletter PDF ({lang}) is {kb} kB, the limit is {max} kB ([send] attach_max_kb); link to the web copy instead or raise the limit"
        ),
    )
}

/// The PDF attached to every message.
pub fn attaching(l: Lang, kb: usize) -> String {
    say(
        l,
        format!("liite: uutiskirjeen PDF (enintään {kb} kt)"),
        format!("bilaga: nyhetsbrevets PDF (högst {kb} kB)"),
        format!("attachment: the newsletter PDF (at most {kb} kB)"),
    )
}

/// After `--status`: where bounces and unsubscribe requests are read.
pub fn inbox_hint(l: Lang) -> String {
    say(
        l,
        "Palautuneet viestit ja poistopyynnöt estolistalle: kirje inbox KANSIO --mailbox imaps://… tai --from postilaatikko.mbox".into(),
        "Returnerad post och avregistreringar till spärrlistan: kirje inbox MAPP --mailbox imaps://… eller --from brevlåda.mbox".into(),
        "Bounces and unsubscribe requests into the suppression list: kirje inbox DIR --mailbox imaps://… or --from mailbox.mbox".into(),
    )
}

/// What `kirje inbox` has put on the suppression list, by kind.
pub fn inbox_counts(l: Lang, counts: &[(String, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|(kind, n)| {
            let (fi, sv, en) = match kind.as_str() {
                "bounced" => (
                    "osoite ei käytössä",
                    "adressen används inte",
                    "address no longer in use",
                ),
                "complaint" => (
                    "merkitsi roskapostiksi",
                    "markerade som skräppost",
                    "marked as spam",
                ),
                "unsubscribed" => (
                    "pyysi poistoa",
                    "bad att bli borttagna",
                    "asked to be taken off",
                ),
                _ => (
                    "toistuvia tilapäisiä virheitä",
                    "upprepade tillfälliga fel",
                    "repeated temporary failures",
                ),
            };
            say(
                l,
                format!("{fi} {n}"),
                format!("{sv} {n}"),
                format!("{en} {n}"),
            )
        })
        .collect();
    say(
        l,
        format!("kirje inbox on lisännyt estolistalle: {}", parts.join(", ")),
        format!(
            "kirje inbox har lagt till på spärrlistan: {}",
            parts.join(", ")
        ),
        format!(
            "kirje inbox has put on the suppression list: {}",
            parts.join(", ")
        ),
    )
}
