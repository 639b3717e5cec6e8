//! `kirje inbox DIR --from PATH`: reads what came back to the sender's
//! mailbox (bounces, complaints, unsubscribe requests, automatic replies)
//! from a folder of `.eml` files, a Maildir or an mbox file, shows what it
//! found, and after a yes puts the addresses that must not be sent to
//! again on the suppression list, where the next `kirje send` skips them.
//!
//! Exit codes: 0 when the run is done (or there was nothing to do); 1 when
//! the project has errors or the answer was no; 2 when kirje could not do
//! its work (the mailbox, the list or the store could not be read or
//! written).

mod words;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use kirje_core::Lang;
use std::time::Duration;

use kirje_inbox::imap::{Connection, Mailbox, Secret};
use kirje_inbox::{Known, Settings, Store, store_path};
use kirje_send::personalise::message_id;
use kirje_send::recipients::key;

use crate::outcome::Outcome;
use crate::report::Format;
use crate::text;

/// Read bounces and unsubscribe requests into the suppression list.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The returned mail: a Maildir, a folder of .eml files, or an mbox file
    /// exported from a mail program.
    #[arg(long, value_name = "PATH", conflicts_with = "mailbox")]
    pub from: Option<PathBuf>,
    /// The mailbox over IMAP: imaps://user@host/INBOX (TLS). Default:
    /// `[inbox] url` in kirje.toml.
    #[arg(long, value_name = "URL")]
    pub mailbox: Option<String>,
    /// A certificate authority (PEM) to trust besides the public ones.
    #[arg(long, value_name = "PEM")]
    pub imap_ca: Option<PathBuf>,
    /// Show what would change, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Change without asking.
    #[arg(long, short)]
    pub yes: bool,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let Some(session) = super::open_checked(&args.dir, lang, args.format)? else {
        return Ok(Outcome::Problems);
    };
    let Some(loaded) = session.checked().and_then(|c| c.loaded.as_ref()) else {
        return Ok(Outcome::Problems);
    };
    let fail = |msg: String| {
        eprintln!("{}: {msg}", text::error_word(lang));
        Ok(Outcome::Failed)
    };

    // What kirje sent: every edition's journal.
    let domain = loaded
        .settings
        .sender
        .as_ref()
        .and_then(|s| {
            s.email
                .rsplit_once('@')
                .map(|(_, d)| d.to_ascii_lowercase())
        })
        .unwrap_or_default();
    let mut sent = HashMap::new();
    let mut recipients = HashSet::new();
    let mut editions = Vec::new();
    let mut ordered: Vec<&str> = loaded.editions.iter().map(|e| e.id.as_str()).collect();
    ordered.sort_unstable();
    for id in ordered {
        let path = kirje_send::journal_path(&args.dir, id);
        if !path.exists() {
            continue;
        }
        let journal = match kirje_send::Journal::read(&path) {
            Ok(j) => j,
            Err(e) => return fail(e.text(lang)),
        };
        let addresses = match journal.addresses() {
            Ok(a) => a,
            Err(e) => return fail(e.text(lang)),
        };
        for a in addresses {
            let id_for = message_id(id, &a, &domain);
            sent.insert(
                id_for.trim_matches(['<', '>']).to_owned(),
                (id.to_owned(), a.clone()),
            );
            recipients.insert(key(&a));
        }
        editions.push(id.to_owned());
    }
    if editions.is_empty() {
        return fail(words::nothing_sent(lang));
    }
    let unsubscribe = match super::send::unsubscribe(&args.dir, loaded, lang) {
        Ok(u) => u,
        Err(msg) => return fail(msg),
    };
    let inbox = loaded.settings.inbox.clone().unwrap_or_default();
    let known = Known {
        sent,
        recipients,
        unsubscribe_to: Some(unsubscribe.mailto.clone()).filter(|m| !m.is_empty()),
        key: unsubscribe.key.as_ref(),
        authserv_id: inbox.authserv_id.clone(),
    };

    // The suppression list as it is now.
    let list_path = super::send::suppression_path(&args.dir, loaded);
    let suppressed: HashSet<String> = match std::fs::read(&list_path) {
        Ok(bytes) => match kirje_send::parse_suppressions(&list_path.display().to_string(), &bytes)
        {
            Ok(keys) => keys,
            Err(problems) => {
                for p in &problems {
                    eprintln!("{}: {}", text::error_word(lang), p.text(lang));
                }
                return Ok(Outcome::Problems);
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HashSet::new(),
        Err(e) => {
            return fail(super::send::words::cannot_read(
                lang,
                &list_path.display().to_string(),
                &e,
            ));
        }
    };

    // The mail: files, or the mailbox over IMAP.
    let mut imap = None;
    let messages = match (
        &args.from,
        args.mailbox.clone().or_else(|| inbox.url.clone()),
    ) {
        (Some(from), _) => match kirje_inbox::read::read(from) {
            Ok(m) => m,
            Err(e) => {
                return fail(super::send::words::cannot_read(
                    lang,
                    &from.display().to_string(),
                    &e,
                ));
            }
        },
        (None, Some(url)) => match open_mailbox(&args, &url, &inbox, lang) {
            Ok((conn, fetched)) => {
                let (uids, raws): (Vec<u32>, Vec<_>) = fetched.into_iter().unzip();
                imap = Some((conn, uids));
                raws
            }
            Err(msg) => return fail(msg),
        },
        (None, None) => return fail(words::no_source(lang)),
    };
    let store_file = store_path(&args.dir);
    let mut store = match Store::open(&store_file) {
        Ok(s) => s,
        Err(e) => return fail(words::store(lang, &e)),
    };
    let date = today();
    let settings = Settings {
        known: &known,
        editions: &editions,
        soft_limit: inbox.soft_bounce_limit.map_or(3, |n| n as usize),
        suppressed: &suppressed,
        date: &date,
        lang,
    };
    let plan = match kirje_inbox::plan(&messages, &store, &settings) {
        Ok(p) => p,
        Err(e) => return fail(words::store(lang, &e)),
    };

    eprintln!("{}", words::summary(lang, &plan.counts));
    for e in &plan.suppress {
        eprintln!("  + {}: {}", e.address, e.reason);
    }
    if !plan.looks.is_empty() {
        eprintln!("{}", words::looks_heading(lang));
        for look in &plan.looks {
            eprintln!("  {}", words::look(lang, look));
        }
    }
    let changes = !plan.suppress.is_empty() || !plan.record.digests.is_empty();
    if args.dry_run {
        eprintln!("{}", words::dry_run(lang));
        return Ok(Outcome::Done);
    }
    if !changes {
        if let Some((conn, _)) = imap {
            conn.close();
        }
        return Ok(Outcome::Done);
    }
    if !plan.suppress.is_empty() && !args.yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return fail(words::no_terminal(lang));
        }
        eprint!(
            "{}",
            words::confirm(lang, plan.suppress.len(), &list_path.display().to_string())
        );
        std::io::stderr().flush().ok();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !super::send::words::is_yes(&answer) {
            eprintln!("{}", words::declined(lang));
            return Ok(Outcome::Problems);
        }
    }
    // The list first: a message is remembered as counted only once what
    // it asked for is on the list.
    if let Err(e) = kirje_inbox::suppress::add(&list_path, &plan.suppress) {
        return fail(words::cannot_write(
            lang,
            &list_path.display().to_string(),
            &e,
        ));
    }
    if let Err(e) = store.record(&plan.record, now()) {
        return fail(words::store(lang, &e));
    }
    // The editions' journals: the recipient's message bounced.
    let mut by_edition: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (edition, address) in &plan.bounced {
        by_edition.entry(edition).or_default().push(address.clone());
    }
    for (edition, addresses) in by_edition {
        let marked = kirje_send::Journal::read(&kirje_send::journal_path(&args.dir, edition))
            .and_then(|j| j.mark_bounced(&addresses, now()));
        if let Err(e) = marked {
            return fail(e.text(lang));
        }
    }
    // Last: the keyword on the server, once the list and the store hold
    // what the messages said (the digests keep a retry from counting twice).
    if let Some((mut conn, uids)) = imap {
        if let Err(e) = conn.mark_done(&uids) {
            return fail(words::imap(lang, &e));
        }
        conn.close();
    }
    eprintln!(
        "{}",
        words::done(lang, plan.suppress.len(), &list_path.display().to_string())
    );
    Ok(Outcome::Done)
}

/// Connects to the mailbox and fetches what was not counted yet.
fn open_mailbox(
    args: &Args,
    url: &str,
    inbox: &kirje_core::model::InboxSettings,
    lang: Lang,
) -> Result<(Connection, Vec<(u32, kirje_inbox::read::Raw)>), String> {
    let mailbox = Mailbox::parse(url).map_err(|_| words::bad_url(lang, url))?;
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let file = |f: &str| {
        super::send::secret_file(&args.dir, f, lang)
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
    };
    let secret = if let Some(t) = from_env("KIRJE_IMAP_TOKEN") {
        Secret::Bearer(t)
    } else if let Some(p) = from_env("KIRJE_IMAP_PASSWORD") {
        Secret::Password(p)
    } else if let Some(f) = &inbox.token_file {
        Secret::Bearer(file(f)?)
    } else if let Some(f) = &inbox.password_file {
        Secret::Password(file(f)?)
    } else {
        return Err(words::no_secret(lang));
    };
    let ca = match &args.imap_ca {
        Some(p) => Some(
            std::fs::read(p)
                .map_err(|e| super::send::words::cannot_read(lang, &p.display().to_string(), &e))?,
        ),
        None => None,
    };
    let mut conn = Connection::open(&mailbox, &secret, ca.as_deref(), Duration::from_secs(30))
        .map_err(|e| words::imap(lang, &e))?;
    let fetched = conn.fetch_new().map_err(|e| words::imap(lang, &e))?;
    Ok((conn, fetched))
}

/// Today in Finland, `YYYY-MM-DD`.
fn today() -> String {
    #[allow(clippy::disallowed_methods)]
    let now = jiff::Timestamp::now();
    now.to_zoned(kirje_core::dates::HELSINKI.clone())
        .date()
        .to_string()
}

/// Seconds since 1970.
fn now() -> i64 {
    #[allow(clippy::disallowed_methods)]
    jiff::Timestamp::now().as_second()
}
