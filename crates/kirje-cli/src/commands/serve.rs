//! `kirje serve DIR`: a live preview of the project on disk at
//! `http://127.0.0.1:PORT/`, for any editor. A watcher thread polls the
//! folder as `kirje watch` does and rebuilds the preview (newsletter and
//! slide pages as SVG, the email, its text, the calendar, the diagnostics)
//! with one long-lived Typst engine; the page waits on `/wait?gen=N` and
//! reloads when the generation moves on.
//!
//! The page is made here, from the library crates' outputs, so it works
//! from the release binary alone: no npm, no files beside the binary. The
//! HTTP server is a few dozen lines over `std::net`, bound to 127.0.0.1
//! only, answering GET and HEAD and refusing a foreign `Host` header (a web
//! page elsewhere cannot reach it through DNS rebinding).

use crate::outcome::Outcome;
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use kirje_core::diagnostic::Report;
use kirje_core::{Diagnostic, Lang};
use kirje_session::Session;
use kirje_typst::Kind;

/// Serve a live preview of the project on 127.0.0.1.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, short, default_value_t = 4747)]
    pub port: u16,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The edition's id; the newest by default.
    #[arg(long, short)]
    pub edition: Option<String>,
    /// Give up a build that takes longer than this (seconds) and show it
    /// as stuck; the preview goes on with the next save.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub time_limit: u64,
}

/// How long `/wait` holds a request before answering "no change".
const WAIT: Duration = Duration::from_secs(25);
/// Threads answering requests.
const WORKERS: usize = 8;

/// One finished build of the preview.
#[derive(Default)]
struct Preview {
    generation: u64,
    title: String,
    diagnostics: Vec<Report>,
    newsletter: Vec<String>,
    slides: Vec<String>,
    email_html: Option<String>,
    email_text: Option<String>,
    calendar: Option<String>,
    /// Images the email embeds (`cid:` parts), by content id.
    cid_images: BTreeMap<String, (String, Vec<u8>)>,
    /// The project's files under `assets/`, for the email's linked images.
    assets: BTreeMap<String, Vec<u8>>,
    /// The email's PNG and JPEG images (`assets/email/…`), until they join
    /// `assets`.
    email_assets: BTreeMap<String, Vec<u8>>,
    base_url: Option<String>,
    /// Whether the last attempt failed, so an older preview is shown.
    stale: bool,
    build_ms: u128,
    /// A build running for longer than `--time-limit`: the limit, in seconds.
    stuck: Option<u64>,
}

struct Shared {
    preview: Mutex<Preview>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Preview> {
        self.preview.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs the command until interrupted.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    if !args.dir.is_dir() {
        anyhow::bail!(crate::text::not_a_project(
            lang,
            &args.dir.display().to_string()
        ));
    }
    let server = tiny_http::Server::http(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .map_err(|e| {
            let reason = match e.downcast_ref::<std::io::Error>() {
                Some(io) => crate::text::io_reason(lang, io),
                None => e.to_string(),
            };
            anyhow::anyhow!("127.0.0.1:{}: {reason}", args.port)
        })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}/");
    let shared = Arc::new(Shared {
        preview: Mutex::new(Preview::default()),
        changed: Condvar::new(),
    });

    // The first build before the first answer, so the page is never empty.
    let mut session = super::new_session();
    rebuild(&shared, &mut session, &args, lang);
    eprintln!("{}", serving(lang, &url, &args.dir.display().to_string()));
    if args.open {
        open_browser(&url);
    }

    let watcher = Arc::clone(&shared);
    std::thread::spawn(move || watch(&watcher, session, &args, lang));

    // A fixed number of request threads (a page's long poll of `/wait`
    // holds one for up to WAIT), not one per connection.
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &shared, port, lang);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(Outcome::Done)
}

/// Rebuilds on every change of the folder, each build on a thread of its
/// own: one that runs past the time limit is shown as stuck and left to
/// its thread, and the next change builds with a fresh session.
fn watch(shared: &Arc<Shared>, session: Session, args: &Args, lang: Lang) {
    let out = args.dir.join("dist");
    let changes = match crate::changes::Changes::new(&args.dir, &out) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "{}: {}",
                crate::text::error_word(lang),
                crate::text::error_chain(lang, &e)
            );
            return;
        }
    };
    let limit = Duration::from_secs(args.time_limit);
    let mut session = Arc::new(Mutex::new(session));
    while changes.next() {
        let (tx, rx) = std::sync::mpsc::channel();
        let (worker, publish, build_args) =
            (Arc::clone(&session), Arc::clone(shared), args.clone());
        std::thread::spawn(move || {
            let mut s = worker.lock().unwrap_or_else(PoisonError::into_inner);
            rebuild(&publish, &mut s, &build_args, lang);
            let _ = tx.send(());
        });
        if rx.recv_timeout(limit).is_err() {
            let mut p = shared.lock();
            p.stuck = Some(limit.as_secs());
            p.generation += 1;
            shared.changed.notify_all();
            drop(p);
            session = Arc::new(Mutex::new(super::new_session()));
            continue;
        }
        eprintln!("{}", rebuilt(lang, shared.lock().build_ms));
    }
}

/// Loads, checks and renders the preview, and publishes it as the next
/// generation. A failed build keeps the last good pages and shows why.
fn rebuild(shared: &Shared, session: &mut Session, args: &Args, lang: Lang) {
    let started = Instant::now();
    let mut next = Preview::default();
    let mut errors: Vec<Diagnostic> = Vec::new();
    match crate::project_io::read_project(&args.dir, lang) {
        Ok(files) => session.replace_files(files),
        Err(e) => {
            let mut p = shared.lock();
            p.diagnostics = vec![plain_report(&crate::text::error_chain(lang, &e))];
            p.stale = true;
            p.stuck = None;
            p.generation += 1;
            shared.changed.notify_all();
            return;
        }
    }
    let checked = session.check();
    let mut shown = checked.diagnostics.clone();
    let has_errors = checked.has_errors();
    if let (Some(loaded), false) = (&checked.loaded, has_errors) {
        next.title = loaded.project.acronym.clone().unwrap_or_else(|| {
            loaded
                .project
                .name
                .get(kirje_session::main_lang(loaded))
                .to_owned()
        });
        next.base_url = loaded.settings.base_url.clone();
        match session.view(args.edition.as_deref(), None) {
            Err(e) => errors.extend(e),
            Ok(view) => {
                for (kind, pages) in [
                    (Kind::Newsletter, &mut next.newsletter),
                    (Kind::Slides, &mut next.slides),
                ] {
                    match session.compile(kind, args.edition.as_deref(), None) {
                        Ok(w) => {
                            shown.extend(w.warnings);
                            *pages = w.output.svg_pages();
                        }
                        Err(e) => errors.extend(e),
                    }
                }
                match session.email_preview(args.edition.as_deref(), None) {
                    Ok(email) => {
                        // Linked from base_url: `assets/email/…`, served below.
                        for (_, image) in email.images.iter() {
                            next.email_assets
                                .insert(image.file.clone(), image.bytes.to_vec());
                        }
                        for i in kirje_email::inline_images(&email.html, &email.images) {
                            next.cid_images
                                .insert(i.content_id, (i.content_type, i.bytes));
                        }
                        next.email_html = Some(email.html);
                        next.email_text = Some(email.text);
                    }
                    Err(e) => errors.extend(e),
                }
                next.calendar = Some(kirje_email::calendar(std::slice::from_ref(&view)));
            }
        }
        for (path, entry) in session.files().iter() {
            if let (true, kirje_core::source::FileEntry::Data(b)) =
                (path.starts_with("assets/"), entry)
            {
                next.assets.insert(path.to_owned(), b.clone());
            }
        }
        next.assets.append(&mut next.email_assets);
    }
    shown.extend(errors.iter().cloned());
    next.diagnostics = session.reports(&shown, lang);
    let failed = has_errors || !errors.is_empty();
    next.build_ms = started.elapsed().as_millis();

    let mut p = shared.lock();
    next.generation = p.generation + 1;
    if failed {
        // Keep the last good outputs; show the new diagnostics over them.
        p.diagnostics = next.diagnostics;
        p.generation = next.generation;
        p.build_ms = next.build_ms;
        p.stale = true;
        p.stuck = None;
    } else {
        *p = next;
    }
    shared.changed.notify_all();
}

fn plain_report(message: &str) -> Report {
    Report {
        severity: kirje_core::Severity::Error,
        code: "io",
        file: String::new(),
        line: None,
        column: None,
        end_line: None,
        end_column: None,
        message: message.to_owned(),
        hints: vec![],
        detail: None,
    }
}

// ------------------------------------------------------------------ HTTP

struct Response {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Response {
    fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status: 200,
            content_type: content_type.to_owned(),
            body: body.into(),
        }
    }

    fn status(status: u16) -> Response {
        let text = match status {
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "",
        };
        Response {
            status,
            content_type: "text/plain; charset=utf-8".to_owned(),
            body: format!("{status} {text}").into_bytes(),
        }
    }
}

/// Answers one request: only GET and HEAD, only for this machine's own
/// address as the Host (so a web page elsewhere cannot read the preview by
/// DNS rebinding).
fn handle(request: tiny_http::Request, shared: &Shared, port: u16, lang: Lang) {
    use tiny_http::Method;
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_owned());
    let allowed_hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let response = if !matches!(request.method(), Method::Get | Method::Head) {
        Response::status(405)
    } else if !host.as_ref().is_some_and(|h| allowed_hosts.contains(h)) {
        Response::status(403)
    } else {
        route(request.url(), shared, lang)
    };
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
    };
    let mut answer =
        tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for h in [
        header("Content-Type", &response.content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    {
        answer.add_header(h);
    }
    // The client may have gone; nothing to do about it.
    let _ = request.respond(answer);
}

fn route(target: &str, shared: &Shared, lang: Lang) -> Response {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/" => Response::ok("text/html; charset=utf-8", page(&shared.lock(), lang)),
        "/wait" => {
            let since: u64 = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("gen="))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let guard = shared.lock();
            let (guard, _) = shared
                .changed
                .wait_timeout_while(guard, WAIT, |p| p.generation <= since)
                .unwrap_or_else(PoisonError::into_inner);
            Response::ok("text/plain; charset=utf-8", guard.generation.to_string())
        }
        "/email.html" => {
            let p = shared.lock();
            match &p.email_html {
                Some(html) => Response::ok("text/html; charset=utf-8", local_images(html, &p)),
                None => Response::status(404),
            }
        }
        _ => {
            let p = shared.lock();
            if let Some(cid) = path.strip_prefix("/cid/")
                && let Some((ct, bytes)) = p.cid_images.get(&percent_decode(cid))
            {
                return Response {
                    status: 200,
                    content_type: ct.clone(),
                    body: bytes.clone(),
                };
            }
            if let Some(file) = path.strip_prefix("/files/")
                && let Some(bytes) = p.assets.get(&percent_decode(file))
            {
                return Response {
                    status: 200,
                    content_type: mime_guess::from_path(file)
                        .first_or_octet_stream()
                        .essence_str()
                        .to_owned(),
                    body: bytes.clone(),
                };
            }
            Response::status(404)
        }
    }
}

/// The email's images from this server: `cid:` parts and the published
/// archive's `assets/` both point here, so the preview needs no network.
fn local_images(html: &str, p: &Preview) -> String {
    let mut out = html.replace("src=\"cid:", "src=\"/cid/");
    if let Some(base) = &p.base_url {
        let base = if base.ends_with('/') {
            base.clone()
        } else {
            format!("{base}/")
        };
        out = out.replace(&format!("{base}assets/"), "/files/assets/");
    }
    out
}

/// A path segment with its `%XX` escapes decoded.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    // No browser is no error: the address is printed.
    let _ = std::process::Command::new(cmd.0)
        .args(cmd.1)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

// ------------------------------------------------------------------ page

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    kirje_core::markdown::push_html_escaped(&mut out, s);
    out
}

#[derive(Clone, Copy, serde::Serialize)]
struct Words {
    newsletter: &'static str,
    slides: &'static str,
    email: &'static str,
    text: &'static str,
    calendar: &'static str,
    problems: &'static str,
    no_problems: &'static str,
    stale: &'static str,
    page: &'static str,
    stuck: &'static str,
    updated: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Fi => Words {
            newsletter: "Uutiskirje",
            slides: "Diat",
            email: "Sähköposti",
            text: "Teksti",
            calendar: "Kalenteri",
            problems: "Huomautukset",
            no_problems: "Ei virheitä eikä varoituksia.",
            stale: "Esikatselu näyttää viimeisen onnistuneen version. Korjaa virheet, niin se päivittyy.",
            page: "Sivu",
            stuck: "Typst on kääntänyt yli {} s: silmukka mallipohjassa? Korjaa ja tallenna, niin esikatselu yrittää uudelleen.",
            updated: "Päivittyy, kun tallennat tiedoston.",
        },
        Lang::Sv => Words {
            newsletter: "Nyhetsbrev",
            slides: "Bilder",
            email: "E-post",
            text: "Text",
            calendar: "Kalender",
            problems: "Anmärkningar",
            no_problems: "Inga fel eller varningar.",
            stale: "Förhandsvisningen visar den senaste lyckade versionen. Rätta felen så uppdateras den.",
            page: "Sida",
            stuck: "Typst har kompilerat i över {} s: en slinga i mallen? Rätta och spara så försöker förhandsvisningen igen.",
            updated: "Uppdateras när du sparar en fil.",
        },
        Lang::En => Words {
            newsletter: "Newsletter",
            slides: "Slides",
            email: "Email",
            text: "Text",
            calendar: "Calendar",
            problems: "Problems",
            no_problems: "No errors or warnings.",
            stale: "The preview shows the last good version. Fix the errors and it updates.",
            page: "Page",
            stuck: "Typst has been compiling for over {} s: a loop in a template? Fix it and save, and the preview tries again.",
            updated: "Updates when you save a file.",
        },
    }
}

/// The page: a minijinja template, HTML-escaped by its file name.
const PAGE: &str = include_str!("serve/page.html");

/// One problem as the page lists it.
#[derive(serde::Serialize)]
struct Problem<'a> {
    severity: &'static str,
    place: String,
    message: &'a str,
    hints: &'a [String],
}

/// A document's pages as SVG.
#[derive(serde::Serialize)]
struct Pages<'a> {
    id: &'static str,
    title: &'static str,
    pages: &'a [String],
}

fn page(p: &Preview, lang: Lang) -> String {
    let w = words(lang);
    let problems: Vec<Problem> = p
        .diagnostics
        .iter()
        .map(|d| Problem {
            severity: match d.severity {
                kirje_core::Severity::Error => "error",
                kirje_core::Severity::Warning => "warning",
            },
            place: match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}", d.file),
                (Some(l), None) => format!("{}:{l}", d.file),
                _ => d.file.clone(),
            },
            message: &d.message,
            hints: &d.hints,
        })
        .collect();
    let documents = [
        Pages {
            id: "newsletter",
            title: w.newsletter,
            pages: &p.newsletter,
        },
        Pages {
            id: "slides",
            title: w.slides,
            pages: &p.slides,
        },
    ];
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let context = minijinja::context! {
        lang => lang.code(),
        generation => p.generation,
        title => p.title.as_str(),
        w => minijinja::Value::from(minijinja::value::Serde(w)),
        stuck => p.stuck.map(|secs| w.stuck.replace("{}", &secs.to_string())),
        stale => p.stale,
        problems => minijinja::Value::from(minijinja::value::Serde(&problems)),
        documents => minijinja::Value::from(minijinja::value::Serde(documents)),
        text => p.email_text.as_deref().unwrap_or_default(),
        calendar => p.calendar.as_deref().unwrap_or_default(),
    };
    // The template is kirje's own and fixed: an error in it is a bug that
    // the tests below meet first; the page then says so in plain words.
    env.render_str(PAGE, context).unwrap_or_else(|e| {
        format!(
            "<!doctype html><title>kirje serve</title><pre>{}</pre>",
            escape(&e.to_string())
        )
    })
}

fn serving(lang: Lang, url: &str, dir: &str) -> String {
    match lang {
        Lang::Fi => format!("Esikatselu: {url} (kansio {dir}; lopeta Ctrl+C)"),
        Lang::Sv => format!("Förhandsvisning: {url} (mappen {dir}; avsluta med Ctrl+C)"),
        Lang::En => format!("Preview: {url} (folder {dir}; stop with Ctrl+C)"),
    }
}

fn rebuilt(lang: Lang, ms: u128) -> String {
    match lang {
        Lang::Fi => format!("Päivitetty ({ms} ms)"),
        Lang::Sv => format!("Uppdaterad ({ms} ms)"),
        Lang::En => format!("Updated ({ms} ms)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%C3%A4"), "ä");
    }

    #[test]
    fn email_images_point_at_this_server() {
        let p = Preview {
            base_url: Some("https://example.org/kirje".to_owned()),
            ..Preview::default()
        };
        let html = "<img src=\"https://example.org/kirje/assets/a.svg\"><img src=\"cid:x@y\">";
        assert_eq!(
            local_images(html, &p),
            "<img src=\"/files/assets/a.svg\"><img src=\"/cid/x@y\">"
        );
    }

    #[test]
    fn page_escapes_the_diagnostics() {
        let p = Preview {
            diagnostics: vec![plain_report("<script>")],
            ..Preview::default()
        };
        let html = page(&p, Lang::En);
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<strong></strong> <script>"));
    }
}
