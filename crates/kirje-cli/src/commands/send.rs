//! `kirje send DIR --recipients CSV`: deliver an edition to a list, each
//! recipient exactly once, resumable after a crash.
//!
//! Order of work: check the project, read the list and the suppression
//! list, render and build every message (nothing is sent if any fails),
//! open the journal, show a summary and ask, then deliver with a progress
//! display and report by state. `--dry-run`, `--test-to` and `--status` stop
//! at their own points.
//!
//! Exit codes: 0 when every recipient is sent or suppressed; 1 otherwise:
//! a problem stopped the command before sending (bad input or settings, no
//! confirmation, a journal in use), or a run ended with recipients not
//! delivered (failed, deferred, unknown, or left pending by a stop); the
//! message and the report by state say which.

mod progress;
pub(crate) mod words;

use crate::outcome::Outcome;
use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use kirje_core::Lang;
use kirje_core::load::Loaded;
use kirje_send::personalise::{Unsubscribe, UnsubscribeKey};
use kirje_send::recipients::Problem;
use kirje_send::{Binding, Clock, Connector, Journal, Password, Run, Server, Session, State};

use crate::report::Format;
use crate::text;
use kirje_send::Prepared;

/// Send an edition to a recipient list through SMTP.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The edition's id; the newest by default.
    #[arg(long, short)]
    pub edition: Option<String>,
    /// The recipient list (CSV: email, name, language, more columns as
    /// merge fields). Default: DIR/recipients.csv.
    #[arg(long, short)]
    pub recipients: Option<PathBuf>,
    /// Addresses never to send to, one a line (default: `[send] suppression`).
    #[arg(long)]
    pub suppress: Option<PathBuf>,
    /// The SMTP server: smtp://user@host:587 (STARTTLS), smtps://user@host:465;
    /// plain smtp:// only to localhost (smtp://localhost:25?tls=required for
    /// STARTTLS there). Default: `[smtp] url` in kirje.toml.
    #[arg(long)]
    pub smtp: Option<String>,
    /// A certificate authority (PEM) to trust besides the public ones.
    #[arg(long, value_name = "PEM")]
    pub smtp_ca: Option<PathBuf>,
    /// Messages per second, minute or hour: 10/s, 600/min, 2000/h.
    #[arg(long)]
    pub rate: Option<String>,
    /// Connections to the server at once (default: `[smtp] connections`, else
    /// one per 50 messages a second of the rate, at most 4).
    #[arg(long, value_name = "N")]
    pub connections: Option<u32>,
    /// At most this many messages in any hour.
    #[arg(long)]
    pub hourly_cap: Option<u32>,
    /// Pause after this many failures in a row.
    #[arg(long, default_value_t = 10)]
    pub max_failures: u32,
    /// Seconds before the second try of a temporary refusal (doubled after).
    #[arg(long, default_value_t = 2.0)]
    pub retry_wait: f64,
    /// Send without asking.
    #[arg(long, short)]
    pub yes: bool,
    /// Also send to recipients whose earlier delivery is unknown (may
    /// give them a second copy).
    #[arg(long)]
    pub resend_unknown: bool,
    /// Start a new journal although the content or list changed.
    #[arg(long)]
    pub new_run: bool,
    /// Write every personalised message as .eml into OUTDIR; send nothing.
    #[arg(long, value_name = "OUTDIR")]
    pub dry_run: Option<PathBuf>,
    /// Send one message to this address (with a listed recipient's data).
    #[arg(long, value_name = "ADDRESS")]
    pub test_to: Option<String>,
    /// With --test-to: whose data to use (default: the first on the list).
    #[arg(long = "as", value_name = "RECIPIENT", requires = "test_to")]
    pub as_recipient: Option<String>,
    /// Print the journal's counts and the failed addresses, and stop.
    #[arg(long)]
    pub status: bool,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The wall clock; only the CLI reads it.
struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn unix(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

/// A problem that stops the command before sending: printed; the outcome
/// says whose it is (the project's or the list's: 1; usage, files, the
/// server: 2).
fn stop_before(
    msg: impl std::fmt::Display,
    outcome: Outcome,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    eprintln!("{}: {msg}", text::error_word(lang));
    Ok(outcome)
}

/// Runs the command.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let Some(session) = super::open_checked(&args.dir, lang, args.format)? else {
        return Ok(Outcome::Problems);
    };
    let files = session.files();
    let Some(loaded) = session.checked().and_then(|c| c.loaded.as_ref()) else {
        return Ok(Outcome::Problems);
    };
    let Some(edition) = loaded.edition(args.edition.as_deref()) else {
        let id = args.edition.clone().unwrap_or_default();
        return stop_before(text::no_edition(lang, &id), Outcome::Failed, lang);
    };
    let edition_id = edition.id.clone();
    let journal_path = kirje_send::journal_path(&args.dir, &edition_id);

    if args.status {
        return status(&journal_path, &edition_id, lang);
    }
    if loaded.settings.sender.is_none() {
        return stop_before(words::no_sender(lang), Outcome::Problems, lang);
    }

    // The list and the suppression list.
    let list_path = args
        .recipients
        .clone()
        .unwrap_or_else(|| args.dir.join("recipients.csv"));
    let list_bytes = match std::fs::read(&list_path) {
        Ok(b) => b,
        Err(e) => {
            return stop_before(
                words::cannot_read(lang, &list_path.display().to_string(), &e),
                Outcome::Failed,
                lang,
            );
        }
    };
    let list_name = list_path.display().to_string();
    let recipients = match kirje_send::parse_recipients(&list_name, &list_bytes) {
        Ok(r) => r,
        Err(problems) => return problems_found(&problems, lang),
    };
    let suppressed = match suppressions(&args, loaded, lang) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let unsubscribe = match unsubscribe(&args.dir, loaded, lang) {
        Ok(u) => u,
        Err(msg) => return stop_before(msg, Outcome::Problems, lang),
    };

    // Render and build every message before anything else.
    let started = Instant::now();
    let policy = match kirje_send::Policy::new(
        &loaded.settings,
        &kirje_send::Asked {
            rate: args.rate.clone(),
            hourly_cap: args.hourly_cap,
            connections: args.connections,
            max_failures: Some(args.max_failures),
            retry_wait: Some(Duration::from_secs_f64(args.retry_wait.clamp(0.0, 3600.0))),
        },
    ) {
        Ok(p) => p,
        Err(e) => return stop_before(e.text(lang), Outcome::Failed, lang),
    };
    let mut prepared = match Prepared::new(
        loaded,
        files,
        session.raster(),
        &edition_id,
        recipients,
        unsubscribe,
    ) {
        Ok(p) => p,
        Err(diags) => {
            if diags.is_empty() {
                return stop_before(words::no_sender(lang), Outcome::Problems, lang);
            }
            super::print(&session, &diags, lang, args.format, None)?;
            return Ok(Outcome::Problems);
        }
    };
    let extras = match extras(
        &mut prepared,
        &session,
        &args.dir,
        &policy,
        &edition_id,
        lang,
    ) {
        Ok(notes) => notes,
        Err(msg) => return stop_before(msg, Outcome::Problems, lang),
    };
    let content_hash = match prepared.check_all() {
        Ok(h) => h,
        Err(errors) => {
            for e in &errors {
                eprintln!(
                    "{list_name}:{}: {}: {}",
                    e.line,
                    e.email,
                    e.error.text(lang)
                );
            }
            return stop_before(
                words::build_failed(lang, errors.len()),
                Outcome::Problems,
                lang,
            );
        }
    };
    eprintln!(
        "{}",
        words::checked(
            lang,
            prepared.recipients().len(),
            started.elapsed().as_millis()
        )
    );

    if let Some(out) = &args.dry_run {
        return dry_run(&prepared, out, lang);
    }

    let connector = match connector(&args, &args.dir, loaded, &policy, lang) {
        Ok(c) => c,
        Err(msg) => return stop_before(msg, Outcome::Failed, lang),
    };
    if let Some(to) = &args.test_to {
        return test_to(&prepared, connector, to, args.as_recipient.as_deref(), lang);
    }

    // The journal.
    let keys: Vec<String> = prepared.recipients().iter().map(|r| r.key()).collect();
    let binding = Binding {
        edition: edition_id.clone(),
        content_hash,
    };
    let now = SystemClock.unix();
    let (journal, opened) = match Journal::open(
        &journal_path,
        &binding,
        &keys,
        &suppressed,
        args.new_run,
        now,
    ) {
        Ok(j) => j,
        Err(e) => return stop_before(e.text(lang), Outcome::Failed, lang),
    };
    if let Some(old) = &opened.archived {
        eprintln!("{}", old.display());
    }
    let counts = journal
        .counts()
        .map_err(|e| anyhow::anyhow!(e.text(lang)))?;
    let queue = journal
        .queue(args.resend_unknown)
        .map_err(|e| anyhow::anyhow!(e.text(lang)))?;
    let count = |s: State| counts.get(&s).copied().unwrap_or(0);
    if queue.is_empty() {
        eprintln!("{}", words::nothing_to_send(lang));
        return final_report(&journal, &edition_id, None, lang);
    }
    let summary = words::summary(
        lang,
        &words::Summary {
            edition: &edition_id,
            subject: &prepared.subject(),
            from: &prepared.from(),
            recipients: keys.len(),
            sent: count(State::Sent),
            suppressed: count(State::Suppressed),
            unknown: count(State::Unknown),
            to_send: queue.len(),
            server: &connector.server.display(),
            rate: &policy.rate_text,
            journal: &journal_path.display().to_string(),
        },
    );
    eprintln!("{summary}");
    for note in &extras {
        eprintln!("  {note}");
    }
    if !args.yes {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return stop_before(words::no_terminal(lang), Outcome::Failed, lang);
        }
        eprint!("{}", words::confirm(lang, queue.len()));
        std::io::stderr().flush().ok();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !words::is_yes(&answer) {
            eprintln!("{}", words::declined(lang));
            return Ok(Outcome::Problems);
        }
    }

    // Ctrl-C: finish the message in flight, then stop.
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)).context("Ctrl-C handler")?;
    }
    let connections = policy.connections;
    let mut sessions: Vec<Session> = (0..connections.min(queue.len()).max(1))
        .map(|_| Session::new(connector.clone()))
        .collect();
    let jobs = prepared.jobs(&SystemClock);
    let mut progress = progress::Progress::new(queue.len(), lang);
    let result = kirje_send::deliver(
        Run {
            journal: &journal,
            mailers: sessions
                .iter_mut()
                .map(|s| s as &mut (dyn kirje_send::Mailer + Send))
                .collect(),
            jobs: &jobs,
            options: &policy.options,
            clock: &SystemClock,
            stop: &stop,
        },
        queue,
        &mut |e| progress.event(&e),
    );
    progress.finish();
    final_report(&journal, &edition_id, Some(&result), lang)
}

/// Prints the problems of a list, exit 1.
fn problems_found(problems: &[Problem], lang: Lang) -> anyhow::Result<Outcome> {
    for p in problems {
        eprintln!("{}: {}", text::error_word(lang), p.text(lang));
    }
    Ok(Outcome::Problems)
}

/// Where the suppression list is: `[send] suppression`, else
/// `suppression.txt` in the project (where `kirje inbox` writes it).
pub(crate) fn suppression_path(dir: &Path, loaded: &Loaded) -> PathBuf {
    loaded
        .settings
        .send
        .as_ref()
        .and_then(|s| s.suppression.as_ref())
        .map_or_else(|| dir.join("suppression.txt"), |p| dir.join(p))
}

/// The suppression list: `--suppress`, else `[send] suppression`, else
/// `suppression.txt` when the project has one.
fn suppressions(args: &Args, loaded: &Loaded, lang: Lang) -> Result<HashSet<String>, Outcome> {
    let path = args
        .suppress
        .clone()
        .unwrap_or_else(|| suppression_path(&args.dir, loaded));
    if args.suppress.is_none() && !path.exists() {
        return Ok(HashSet::new());
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        eprintln!(
            "{}: {}",
            text::error_word(lang),
            words::cannot_read(lang, &path.display().to_string(), &e)
        );
        Outcome::Failed
    })?;
    kirje_send::parse_suppressions(&path.display().to_string(), &bytes).map_err(|problems| {
        for p in &problems {
            eprintln!("{}: {}", text::error_word(lang), p.text(lang));
        }
        Outcome::Problems
    })
}

/// Reads a secret from a file that must lie outside the project.
pub(crate) fn secret_file(project: &Path, file: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let path = PathBuf::from(file);
    let shown = path.display().to_string();
    let canonical = path
        .canonicalize()
        .map_err(|e| words::cannot_read(lang, &shown, &e))?;
    if let Ok(root) = project.canonicalize()
        && canonical.starts_with(&root)
    {
        return Err(words::secret_inside(lang, &shown));
    }
    std::fs::read(&canonical).map_err(|e| words::cannot_read(lang, &shown, &e))
}

/// The unsubscribe settings, with the secret from the environment or a file.
pub(crate) fn unsubscribe(
    project: &Path,
    loaded: &Loaded,
    lang: Lang,
) -> Result<Unsubscribe, String> {
    let send = loaded.settings.send.clone().unwrap_or_default();
    let mailto = send
        .unsubscribe_mailto
        .clone()
        .or_else(|| loaded.settings.sender.as_ref().map(|s| s.email.clone()))
        .unwrap_or_default();
    let secret = match std::env::var("KIRJE_UNSUBSCRIBE_SECRET") {
        Ok(s) if !s.is_empty() => Some(s.into_bytes()),
        _ => match &send.unsubscribe_secret_file {
            Some(f) => Some(secret_file(project, f, lang)?),
            None => None,
        },
    };
    let key = secret.as_deref().and_then(UnsubscribeKey::new);
    if let Some(url) = &send.unsubscribe_url {
        if !url.starts_with("https://") {
            return Err(words::unsubscribe_not_https(lang, url));
        }
        if url.contains("{token}") && key.is_none() {
            return Err(words::no_unsubscribe_secret(lang));
        }
    }
    Ok(Unsubscribe {
        mailto,
        url_template: send.unsubscribe_url,
        key,
    })
}

/// DKIM signing and the PDF attachment, when kirje.toml asks for them:
/// set up on `prepared`, with a line each for the summary.
fn extras(
    prepared: &mut Prepared,
    session: &kirje_session::Session,
    project: &Path,
    policy: &kirje_send::Policy,
    edition_id: &str,
    lang: Lang,
) -> Result<Vec<String>, String> {
    let Some(loaded) = session.checked().and_then(|c| c.loaded.as_ref()) else {
        return Err(text::no_edition(lang, edition_id));
    };
    let send = loaded.settings.send.clone().unwrap_or_default();
    let mut notes = Vec::new();
    let key = match std::env::var("KIRJE_DKIM_KEY") {
        Ok(k) if !k.trim().is_empty() && send.dkim_selector.is_some() => Some(k),
        _ => match &send.dkim_key_file {
            Some(f) => Some(String::from_utf8_lossy(&secret_file(project, f, lang)?).into_owned()),
            None => None,
        },
    };
    match (&send.dkim_selector, key) {
        (Some(selector), Some(pem)) => {
            let domain = send
                .dkim_domain
                .clone()
                .unwrap_or_else(|| prepared.sender_address().domain().to_ascii_lowercase());
            let dkim = kirje_send::Dkim::new(selector, &domain, &pem).map_err(|e| e.text(lang))?;
            notes.push(words::dkim_signing(lang, &dkim.record()));
            prepared.set_dkim(dkim);
        }
        (None, None) => {}
        _ => return Err(words::dkim_incomplete(lang)),
    }
    if let Some(max) = policy.attach_max_kb {
        let Some(edition) = loaded.edition(Some(edition_id)) else {
            return Err(text::no_edition(lang, edition_id));
        };
        let _guard = super::build::watchdog(Duration::from_secs(120), lang);
        let mut largest = 0;
        for l in prepared.languages() {
            let view = kirje_core::view::view(loaded, edition, l);
            // The same PDF `kirje build` writes, typeset by the session.
            let pdf = session
                .compile_as_checked(kirje_typst::Kind::Newsletter, Some(edition_id), Some(l))
                .and_then(|w| w.output.pdf())
                .map_err(|d| kirje_send::prepare::messages_text(&d, lang))?;
            let kb = pdf.len().div_ceil(1024);
            if kb > max as usize {
                return Err(words::attachment_too_big(lang, l, kb, max));
            }
            largest = largest.max(kb);
            prepared.attach(
                l,
                kirje_email::Attached {
                    file_name: kirje_email::newsletter_pdf_name(&view),
                    content_type: "application/pdf".to_owned(),
                    bytes: pdf,
                },
            );
        }
        notes.push(words::attaching(lang, largest));
    }
    Ok(notes)
}

/// The SMTP connection settings: server, password, timeout, extra CA.
fn connector(
    args: &Args,
    project: &Path,
    loaded: &Loaded,
    policy: &kirje_send::Policy,
    lang: Lang,
) -> Result<Connector, String> {
    let profile = loaded.settings.smtp.as_ref();
    let url = args
        .smtp
        .clone()
        .or_else(|| profile.map(|p| p.url.clone()))
        .ok_or_else(|| words::no_smtp(lang))?;
    let server = Server::parse(&url).map_err(|e| e.text(lang))?;
    let password = match std::env::var("KIRJE_SMTP_PASSWORD") {
        Ok(p) if !p.is_empty() => Some(Password::new(&p)),
        _ => match profile.and_then(|p| p.password_file.as_deref()) {
            Some(f) => {
                let bytes = secret_file(project, f, lang)?;
                Some(Password::new(&String::from_utf8_lossy(&bytes)))
            }
            None => None,
        },
    };
    if let (Some(user), None) = (&server.user, &password) {
        return Err(words::no_password(lang, user));
    }
    let mut extra_roots = Vec::new();
    if let Some(ca) = &args.smtp_ca {
        extra_roots.push(
            std::fs::read(ca)
                .map_err(|e| words::cannot_read(lang, &ca.display().to_string(), &e))?,
        );
    }
    let hello = loaded
        .settings
        .sender
        .as_ref()
        .and_then(|s| s.email.rsplit_once('@'))
        .map_or_else(|| "localhost".to_owned(), |(_, d)| d.to_ascii_lowercase());
    Ok(Connector {
        server,
        password,
        timeout: policy.smtp_timeout,
        extra_roots,
        hello,
    })
}

/// `--dry-run OUTDIR`: every message as `0001-address.eml`.
fn dry_run(prepared: &Prepared, out: &Path, lang: Lang) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(out).with_context(|| out.display().to_string())?;
    let width = prepared.recipients().len().to_string().len().max(4);
    for (i, r) in prepared.recipients().iter().enumerate() {
        let to =
            kirje_send::prepare::address(&r.email).map_err(|e| anyhow::anyhow!(e.text(lang)))?;
        let bytes = prepared
            .build_signed(r, &to, SystemClock.unix())
            .map_err(|e| anyhow::anyhow!(e))?;
        let safe: String = r
            .key()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "@.-_+".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = out.join(format!("{:0width$}-{safe}.eml", i + 1));
        std::fs::write(&path, bytes).with_context(|| path.display().to_string())?;
    }
    println!(
        "{}",
        words::dry_run_done(
            lang,
            prepared.recipients().len(),
            &out.display().to_string()
        )
    );
    Ok(Outcome::Done)
}

/// `--test-to ADDRESS [--as RECIPIENT]`: one message, no journal.
fn test_to(
    prepared: &Prepared,
    connector: Connector,
    to: &str,
    as_recipient: Option<&str>,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let address = match kirje_core::email_addr::normalize_email(to)
        .map_err(|e| kirje_send::prepare::MessageError::Address {
            email: to.to_owned(),
            reason: e,
        })
        .and_then(|a| kirje_send::prepare::address(&a))
    {
        Ok(a) => a,
        Err(e) => return stop_before(e.text(lang), Outcome::Failed, lang),
    };
    let recipient = match as_recipient {
        Some(who) => match prepared.recipient(&kirje_send::recipients::key(who.trim())) {
            Some(r) => r,
            None => return stop_before(words::not_on_list(lang, who), Outcome::Failed, lang),
        },
        None => match prepared.recipients().first() {
            Some(r) => r,
            None => return Ok(Outcome::Problems),
        },
    };
    let bytes = prepared
        .build_signed(recipient, &address, SystemClock.unix())
        .map_err(|e| anyhow::anyhow!(e))?;
    let from = prepared.sender_address().clone();
    let mut session = Session::new(connector);
    let outcome =
        kirje_send::Mailer::deliver(&mut session, &from, &address, &bytes, &mut || Ok(()));
    kirje_send::Mailer::close(&mut session);
    match outcome {
        kirje_send::Outcome::Accepted(_) => {
            println!(
                "{}",
                words::test_sent(lang, address.as_ref(), &recipient.email)
            );
            Ok(Outcome::Done)
        }
        kirje_send::Outcome::Fatal(kind, detail) => {
            let msg = kirje_send::Stop::Fatal { kind, detail }
                .text(lang)
                .unwrap_or_default();
            stop_before(msg, Outcome::Failed, lang)
        }
        kirje_send::Outcome::Transient { reply, .. }
        | kirje_send::Outcome::Permanent { reply, .. }
        | kirje_send::Outcome::NotSent(reply)
        | kirje_send::Outcome::Ambiguous(reply) => stop_before(reply, Outcome::Problems, lang),
        kirje_send::Outcome::Journal(e) => stop_before(e.text(lang), Outcome::Failed, lang),
    }
}

/// `--status`: counts and troubles from the journal.
fn status(path: &Path, edition: &str, lang: Lang) -> anyhow::Result<Outcome> {
    let journal = match Journal::read(path) {
        Ok(j) => j,
        Err(e) => return stop_before(e.text(lang), Outcome::Failed, lang),
    };
    let outcome = final_report(&journal, edition, None, lang)?;
    // What `kirje inbox` did, for the whole project.
    let project = path.ancestors().nth(3).unwrap_or(Path::new("."));
    let store = kirje_inbox::store_path(project);
    if store.exists()
        && let Ok(counts) = kirje_inbox::Store::open(&store).and_then(|s| s.acted_counts())
        && !counts.is_empty()
    {
        println!("{}", words::inbox_counts(lang, &counts));
    }
    // What came back is read by `kirje inbox`: a reminder once mail went out.
    let sent = journal
        .counts()
        .ok()
        .and_then(|c| c.get(&State::Sent).copied());
    if sent.unwrap_or(0) > 0 {
        println!("{}", words::inbox_hint(lang));
    }
    Ok(outcome)
}

/// The report by state, the troubles, why the run stopped; the exit code.
fn final_report(
    journal: &Journal,
    edition: &str,
    stopped: Option<&kirje_send::Stop>,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let counts = journal
        .counts()
        .map_err(|e| anyhow::anyhow!(e.text(lang)))?;
    let troubles = journal
        .troubles()
        .map_err(|e| anyhow::anyhow!(e.text(lang)))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", words::report_heading(lang, edition))?;
    for state in State::ALL {
        if let Some(&n) = counts.get(&state) {
            writeln!(out, "{}", words::report_line(lang, state, n))?;
        }
    }
    if !troubles.is_empty() {
        writeln!(out, "{}", words::troubles_heading(lang))?;
        for t in &troubles {
            writeln!(out, "  {} [{}] {}", t.email, t.state.label(lang), t.reply)?;
        }
    }
    let n = |s: State| counts.get(&s).copied().unwrap_or(0);
    if n(State::Unknown) > 0 {
        writeln!(out, "{}", words::unknown_hint(lang, n(State::Unknown)))?;
    }
    if n(State::Deferred) > 0 {
        writeln!(out, "{}", words::deferred_hint(lang, n(State::Deferred)))?;
    }
    if let Some(msg) = stopped.and_then(|s| s.text(lang)) {
        eprintln!("{}: {msg}", text::error_word(lang));
    }
    let all_done = counts.iter().all(|(s, &c)| s.is_done() || c == 0);
    let recipients = if all_done {
        Outcome::Done
    } else {
        Outcome::Problems
    };
    // The server, its login or the journal ended the run: kirje could not
    // do its work, whatever the recipients' states.
    let run = match stopped {
        Some(
            kirje_send::Stop::Fatal { .. }
            | kirje_send::Stop::Journal(_)
            | kirje_send::Stop::Build { .. },
        ) => Outcome::Failed,
        _ => Outcome::Done,
    };
    Ok(recipients.and(run))
}
