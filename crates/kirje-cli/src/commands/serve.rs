//! `kirje serve DIR`: the web app's editor (form and code view, every
//! output as you type) on the project folder on disk, at
//! `http://127.0.0.1:PORT/#key=…`.
//!
//! The page is the web app built without its WebAssembly (`editor/`, made
//! by `scripts/build-editor.sh`, committed and embedded here, so a plain
//! `cargo build` has it). It asks this server what the browser build asks
//! its worker, and the answers are the same ([`Editor`]), rendered
//! natively. Edits are saved back one file at a time, atomically, and only
//! over the version the page read: a file changed on disk meanwhile is
//! answered 409 and the page lets the person choose.
//!
//! Only the person who started it can use it:
//! - it listens on 127.0.0.1 only and answers only when the `Host` header
//!   names this address (a page elsewhere cannot reach it by DNS
//!   rebinding);
//! - every `/api/` request needs the project's key (kept in
//!   `.kirje/serve-key`, so a restarted server accepts the page that is
//!   already open), sent in the `X-Kirje-Key` header, which a page on
//!   another site cannot set without the server's consent (it gives none);
//! - a request with an `Origin` other than this server's is refused;
//! - paths are project files kirje reads or writes, never outside the
//!   folder, never hidden, never `dist/`.
//!
//! The HTTP server is tiny_http with a fixed pool of request threads.

use crate::outcome::Outcome;
use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use kirje_core::Lang;
use kirje_core::source::{MAX_ASSET_FILE, MAX_DATA_FILE};
use kirje_session::editor::Editor;
use serde_json::{Value, json};

/// Open the form editor on the project folder, on 127.0.0.1.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The port on 127.0.0.1 (0 picks a free one).
    #[arg(long, short, default_value_t = 4747)]
    pub port: u16,
    /// Open the editor in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The edition's id; the newest by default.
    #[arg(long, short)]
    pub edition: Option<String>,
    /// Give up a build that takes longer than this (seconds) and say so;
    /// the editor goes on with the next edit.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub time_limit: u64,
}

/// Threads answering requests.
const WORKERS: usize = 8;
/// The largest request body taken: a picture (kirje's own limit for an
/// asset) and a little room for the JSON around an update.
const MAX_BODY: u64 = MAX_ASSET_FILE + 1024 * 1024;

const INDEX: &str = include_str!("../../editor/index.html");
const SCRIPT: &str = include_str!("../../editor/editor.js");
const STYLE: &str = include_str!("../../editor/editor.css");

/// What every request thread shares.
struct Server {
    root: PathBuf,
    key: String,
    port: u16,
    lang: Lang,
    limit: Duration,
    edition: Option<String>,
    /// The session; replaced by a fresh one when a build runs past the
    /// time limit (the stuck one is left to its thread).
    editor: Mutex<Arc<Mutex<Editor>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs the command until interrupted.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    if !args.dir.is_dir() {
        anyhow::bail!(crate::text::not_a_project(
            lang,
            &args.dir.display().to_string()
        ));
    }
    let root = args.dir.canonicalize()?;
    let key = project_key(&root)?;
    let server = tiny_http::Server::http(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .map_err(|e| {
            let reason = match e.downcast_ref::<std::io::Error>() {
                Some(io) => crate::text::io_reason(lang, io),
                None => e.to_string(),
            };
            anyhow::anyhow!("127.0.0.1:{}: {reason}", args.port)
        })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}/#key={key}");
    let shared = Arc::new(Server {
        editor: Mutex::new(Arc::new(Mutex::new(fresh_editor(&root, lang)))),
        root,
        key,
        port,
        lang,
        limit: Duration::from_secs(args.time_limit),
        edition: args.edition.clone(),
    });
    eprintln!("{}", serving(lang, &url, &args.dir.display().to_string()));
    if args.open {
        open_browser(&url);
    }
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &shared);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(Outcome::Done)
}

/// A session on the folder as it is on disk.
fn fresh_editor(root: &Path, lang: Lang) -> Editor {
    let mut session = super::new_session();
    if let Ok(files) = crate::project_io::read_project(root, lang) {
        session.replace_files(files);
    }
    let mut editor = Editor::new(session);
    editor.lang = lang;
    editor
}

/// The project's key: read from `.kirje/serve-key`, made there the first
/// time (readable by the owner only).
fn project_key(root: &Path) -> anyhow::Result<String> {
    let file = root.join(".kirje").join("serve-key");
    if let Ok(text) = std::fs::read_to_string(&file) {
        let k = text.trim();
        if k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(k.to_owned());
        }
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(root.join(".kirje"))?;
    write_atomically(&file, key.as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(key)
}

// ------------------------------------------------------------------ HTTP

struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: body.into(),
        }
    }

    fn json(status: u16, v: &Value) -> Response {
        Response::new(status, "application/json", v.to_string())
    }

    /// A refusal with its reason in the server's language.
    fn refuse(status: u16, message: String) -> Response {
        Response::json(status, &json!({"type": "error", "message": message}))
    }
}

/// One request, as far as the answer needs it.
struct Request<'a> {
    method: &'a tiny_http::Method,
    path: &'a str,
    query: &'a str,
    header: &'a dyn Fn(&str) -> Option<String>,
    body: &'a [u8],
}

impl Request<'_> {
    fn param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then(|| percent_decode(v))
        })
    }
}

fn handle(mut request: tiny_http::Request, server: &Server) {
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_owned(),
            )
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let too_big = request.body_length().is_some_and(|n| n as u64 > MAX_BODY);
    let mut body = Vec::new();
    // Only a PUT or a POST has a body to read (a GET's reader may wait for
    // one that never comes).
    let has_body = matches!(
        request.method(),
        tiny_http::Method::Put | tiny_http::Method::Post
    );
    let read = if too_big || !has_body {
        Ok(0)
    } else {
        request
            .as_reader()
            .take(MAX_BODY + 1)
            .read_to_end(&mut body)
    };
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let method = request.method().clone();
    let response = if too_big || body.len() as u64 > MAX_BODY {
        Response::refuse(413, too_large(server.lang))
    } else if read.is_err() {
        Response::refuse(400, bad_request(server.lang))
    } else {
        answer(
            &Request {
                method: &method,
                path,
                query,
                header: &header,
                body: &body,
            },
            server,
        )
    };
    let mut answer =
        tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for (name, value) in [
        ("Content-Type", response.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
    ] {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            answer.add_header(h);
        }
    }
    // The client may have gone; nothing to do about it.
    let _ = request.respond(answer);
}

/// The checks every request passes, then the route.
fn answer(r: &Request, server: &Server) -> Response {
    let own = [
        format!("127.0.0.1:{}", server.port),
        format!("localhost:{}", server.port),
    ];
    let host = (r.header)("host");
    if !host.as_ref().is_some_and(|h| own.contains(h)) {
        return Response::refuse(403, foreign_host(server.lang));
    }
    let Some(api) = r.path.strip_prefix("/api/") else {
        return static_file(r);
    };
    if let Some(origin) = (r.header)("origin")
        && !own.iter().any(|h| origin == format!("http://{h}"))
    {
        return Response::refuse(403, foreign_origin(server.lang));
    }
    if (r.header)("sec-fetch-site").is_some_and(|s| s == "cross-site") {
        return Response::refuse(403, foreign_origin(server.lang));
    }
    let given = (r.header)("x-kirje-key").unwrap_or_default();
    if !same_key(given.as_bytes(), server.key.as_bytes()) {
        return Response::refuse(401, no_key(server.lang));
    }
    use tiny_http::Method::{Get, Post, Put};
    match (r.method, api) {
        (Get, "files") => files(server),
        (Get, "hashes") => hashes(server),
        (Get, "file") => read_file(r, server),
        (Put, "file") => write_file(r, server),
        (Post, "update") => update(r, server),
        (Post, "reading") => reading(r, server),
        (Post, "pdf") => pdf(r, server),
        (Get, "email-image") => {
            let file = r.param("file").unwrap_or_default();
            let editor = Arc::clone(&*lock(&server.editor));
            let bytes = lock(&editor).email_image(&file);
            if bytes.is_empty() {
                Response::refuse(404, not_found(server.lang))
            } else {
                Response::new(200, image_type(&file), bytes)
            }
        }
        _ => Response::refuse(404, not_found(server.lang)),
    }
}

/// Compares without stopping at the first difference.
fn same_key(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn static_file(r: &Request) -> Response {
    if !matches!(r.method, tiny_http::Method::Get | tiny_http::Method::Head) {
        return Response::new(405, "text/plain; charset=utf-8", "405");
    }
    match r.path {
        "/" | "/index.html" => Response::new(200, "text/html; charset=utf-8", INDEX),
        "/editor.js" => Response::new(200, "text/javascript; charset=utf-8", SCRIPT),
        "/editor.css" => Response::new(200, "text/css; charset=utf-8", STYLE),
        _ => Response::new(404, "text/plain; charset=utf-8", "404"),
    }
}

// ------------------------------------------------------------------ files

/// Where a project file may be, as kirje reads and the editor writes it.
fn managed(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let clean = !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && parts
            .iter()
            .all(|p| !p.is_empty() && !p.starts_with('.') && !p.contains('\0'));
    if !clean {
        return false;
    }
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let ext = ext.as_deref().unwrap_or("");
    match parts.as_slice() {
        ["project.yaml" | "kirje.toml" | "recipients.csv" | "README.md"] => true,
        ["editions", _] => matches!(ext, "yaml" | "yml"),
        ["assets", ..] => matches!(ext, "png" | "jpg" | "jpeg" | "svg" | "webp" | "gif"),
        ["templates", ..] => matches!(ext, "typ" | "mjml" | "txt" | "html" | "css" | "md"),
        _ => false,
    }
}

fn hash(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    // The same text gives the same hash in every run of the same kirje.
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// The project's files as kirje reads the folder, and each one's path and
/// hash (from the bytes just read, not a second read of each file).
fn listing(server: &Server) -> Result<(kirje_core::Files, Vec<Value>), Response> {
    let files = crate::project_io::read_project(&server.root, server.lang)
        .map_err(|e| Response::refuse(500, crate::text::error_chain(server.lang, &e)))?;
    let list = files
        .iter()
        .filter_map(|(p, entry)| match entry {
            kirje_core::source::FileEntry::Data(bytes) => {
                Some(json!({"path": p, "hash": hash(bytes)}))
            }
            kirje_core::source::FileEntry::Refused(_) => None,
        })
        .collect();
    Ok((files, list))
}

/// The files with their hashes, when the page opens the project: the
/// session reads the folder afresh.
fn files(server: &Server) -> Response {
    let (files, list) = match listing(server) {
        Ok(l) => l,
        Err(refused) => return refused,
    };
    let editor = Arc::clone(&*lock(&server.editor));
    let mut e = lock(&editor);
    e.session.replace_files(files);
    e.forget_pages();
    Response::json(200, &json!({"files": list, "edition": server.edition}))
}

/// The files' hashes only, for the page to notice a change made on disk
/// (the session takes such changes with the page's next update).
fn hashes(server: &Server) -> Response {
    match listing(server) {
        Ok((_, list)) => Response::json(200, &json!({"files": list})),
        Err(refused) => refused,
    }
}

fn read_file(r: &Request, server: &Server) -> Response {
    let path = r.param("path").unwrap_or_default();
    if !managed(&path) {
        return Response::refuse(403, not_managed(server.lang, &path));
    }
    match std::fs::read(server.root.join(&path)) {
        Ok(bytes) => Response::new(200, "application/octet-stream", bytes),
        Err(_) => Response::refuse(404, not_found(server.lang)),
    }
}

/// Saves one file: only a project file, only within kirje's size limits,
/// only over the version the page read (`X-Kirje-Base`, empty for a new
/// file), and atomically (a temporary file renamed into place).
fn write_file(r: &Request, server: &Server) -> Response {
    let lang = server.lang;
    let path = r.param("path").unwrap_or_default();
    if !managed(&path) {
        return Response::refuse(403, not_managed(lang, &path));
    }
    let limit = if path.starts_with("assets/") {
        MAX_ASSET_FILE
    } else {
        MAX_DATA_FILE
    };
    if r.body.len() as u64 > limit {
        return Response::refuse(413, too_large(lang));
    }
    let target = server.root.join(&path);
    let base = (r.header)("x-kirje-base").unwrap_or_default();
    let on_disk = std::fs::read(&target).ok();
    let current = on_disk.as_deref().map(hash).unwrap_or_default();
    if current != base && on_disk.as_deref() != Some(r.body) {
        return Response::json(
            409,
            &json!({"type": "error", "hash": current, "message": changed_on_disk(lang, &path)}),
        );
    }
    if let Some(parent) = target.parent()
        && std::fs::create_dir_all(parent).is_err()
    {
        return Response::refuse(500, not_written(lang, &path));
    }
    // A folder inside the project only: never through a link out of it.
    let inside = target
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .is_some_and(|p| p.starts_with(&server.root));
    if !inside {
        return Response::refuse(403, not_managed(lang, &path));
    }
    if write_atomically(&target, r.body).is_err() {
        return Response::refuse(500, not_written(lang, &path));
    }
    let editor = Arc::clone(&*lock(&server.editor));
    lock(&editor).session.set_file(&path, r.body.to_vec());
    Response::json(200, &json!({"type": "success", "hash": hash(r.body)}))
}

/// Writes a temporary file beside `target`, flushes it, and renames it
/// over `target`: a reader sees the old file or the new one, never half.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.kirje-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

// ------------------------------------------------------------------ builds

fn body_json(r: &Request) -> Value {
    serde_json::from_slice(r.body).unwrap_or(Value::Null)
}

/// The language the page's messages are in (`messages`: fi, sv or en); it
/// stays the session's until the page asks for another.
fn messages_lang(v: &Value) -> Option<Lang> {
    v["messages"].as_str().and_then(Lang::from_code)
}

fn opt(v: &Value, key: &str) -> Option<String> {
    v[key].as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

/// Runs `job` on the editor within the time limit; past it, the editor is
/// replaced by a fresh one on the folder and `None` says so.
fn within_limit<T: Send + 'static>(
    server: &Server,
    messages: Option<Lang>,
    job: impl FnOnce(&mut Editor) -> T + Send + 'static,
) -> Option<T> {
    let editor = Arc::clone(&*lock(&server.editor));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut e = lock(&editor);
        if let Some(l) = messages {
            e.lang = l;
        }
        let _ = tx.send(job(&mut e));
    });
    match rx.recv_timeout(server.limit) {
        Ok(v) => Some(v),
        Err(_) => {
            *lock(&server.editor) = Arc::new(Mutex::new(fresh_editor(&server.root, server.lang)));
            None
        }
    }
}

/// The page's edits (not saved yet, perhaps) and one update of what it shows.
fn update(r: &Request, server: &Server) -> Response {
    let v = body_json(r);
    if !v.is_object() {
        return Response::refuse(400, bad_request(server.lang));
    }
    let messages = messages_lang(&v);
    let lang = messages.unwrap_or(server.lang);
    let mut changes = Vec::new();
    for c in v["changes"].as_array().into_iter().flatten() {
        let Some(path) = c["path"].as_str().filter(|p| managed(p)) else {
            return Response::refuse(403, not_managed(lang, c["path"].as_str().unwrap_or("")));
        };
        let bytes = if c["remove"] == true {
            None
        } else if let Some(t) = c["text"].as_str() {
            Some(t.as_bytes().to_vec())
        } else if let Some(b) = c["base64"].as_str() {
            match base64_decode(b) {
                Some(b) => Some(b),
                None => return Response::refuse(400, bad_request(lang)),
            }
        } else {
            return Response::refuse(400, bad_request(lang));
        };
        changes.push((path.to_owned(), bytes));
    }
    let what: Vec<String> = v["what"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w.as_str().map(str::to_owned))
        .collect();
    let (edition, out_lang) = (opt(&v, "edition"), opt(&v, "lang"));
    let done = within_limit(server, messages, move |e| {
        for (path, bytes) in changes {
            match bytes {
                Some(b) => {
                    e.session.set_file(&path, b);
                }
                None => {
                    e.session.remove_file(&path);
                }
            }
        }
        e.update(&what, edition.as_deref(), out_lang.as_deref())
    });
    match done {
        Some(v) => Response::json(200, &v),
        None => Response::json(
            200,
            &json!({"check": {"type": "error", "ok": false, "errors": 1, "warnings": 0,
                "diagnostics": [{"severity": "error", "code": "time-limit", "file": "",
                    "message": crate::text::time_limit(lang, server.limit.as_secs()), "hints": []}]}}),
        ),
    }
}

fn reading(r: &Request, server: &Server) -> Response {
    let v = body_json(r);
    let messages = messages_lang(&v);
    let editor = Arc::clone(&*lock(&server.editor));
    let mut e = lock(&editor);
    if let Some(l) = messages {
        e.lang = l;
    }
    let out = e.reading(
        v["field"].as_str().unwrap_or(""),
        v["text"].as_str().unwrap_or(""),
        v["end"].as_str(),
        v["edition"].as_str(),
    );
    Response::json(200, &out)
}

fn pdf(r: &Request, server: &Server) -> Response {
    let v = body_json(r);
    let messages = messages_lang(&v);
    let kind = v["kind"].as_str().unwrap_or("newsletter").to_owned();
    let (edition, lang) = (opt(&v, "edition"), opt(&v, "lang"));
    match within_limit(server, messages, move |e| {
        e.pdf(&kind, edition.as_deref(), lang.as_deref())
    }) {
        Some(Ok(bytes)) => Response::new(200, "application/pdf", bytes),
        Some(Err(v)) => Response::json(422, &v),
        None => Response::refuse(
            503,
            crate::text::time_limit(server.lang, server.limit.as_secs()),
        ),
    }
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).ok()
}

fn image_type(file: &str) -> &'static str {
    if file.ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    }
}

/// A path segment with its `%XX` escapes decoded.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
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

// ------------------------------------------------------------------ words

fn serving(lang: Lang, url: &str, dir: &str) -> String {
    match lang {
        Lang::Fi => format!("Muokkain: {url} (kansio {dir}; lopeta Ctrl+C)"),
        Lang::Sv => format!("Redigeraren: {url} (mappen {dir}; avsluta med Ctrl+C)"),
        Lang::En => format!("Editor: {url} (folder {dir}; stop with Ctrl+C)"),
    }
}

fn foreign_host(lang: Lang) -> String {
    match lang {
        Lang::Fi => "Tämä palvelin vastaa vain osoitteessa 127.0.0.1.".to_owned(),
        Lang::Sv => "Servern svarar bara på adressen 127.0.0.1.".to_owned(),
        Lang::En => "This server answers on 127.0.0.1 only.".to_owned(),
    }
}

fn foreign_origin(lang: Lang) -> String {
    match lang {
        Lang::Fi => {
            "Pyyntö tuli toiselta sivustolta, eikä se saa lukea tai muuttaa projektia.".to_owned()
        }
        Lang::Sv => "Begäran kom från en annan webbplats och får inte läsa eller ändra projektet."
            .to_owned(),
        Lang::En => "The request came from another site, which may not read or change the project."
            .to_owned(),
    }
}

fn no_key(lang: Lang) -> String {
    match lang {
        Lang::Fi => "Avain puuttuu tai on väärä: avaa osoite, jonka kirje serve tulosti (#key=…)."
            .to_owned(),
        Lang::Sv => {
            "Nyckeln saknas eller är fel: öppna adressen som kirje serve skrev ut (#key=…)."
                .to_owned()
        }
        Lang::En => {
            "The key is missing or wrong: open the address kirje serve printed (#key=…).".to_owned()
        }
    }
}

fn not_managed(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Fi => format!(
            "{path}: kirje ei lue eikä kirjoita tätä tiedostoa (vain projektin tiedostot, ei kansion ulkopuolelta, ei piilotiedostoja eikä dist/-kansiota)."
        ),
        Lang::Sv => format!(
            "{path}: kirje varken läser eller skriver den här filen (bara projektets filer, inget utanför mappen, inga dolda filer och inte mappen dist/)."
        ),
        Lang::En => format!(
            "{path}: kirje neither reads nor writes this file (project files only: nothing outside the folder, no hidden files, not dist/)."
        ),
    }
}

fn changed_on_disk(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Fi => format!("{path} on muuttunut levyllä sen jälkeen, kun se avattiin."),
        Lang::Sv => format!("{path} har ändrats på disken efter att den öppnades."),
        Lang::En => format!("{path} changed on disk after it was opened."),
    }
}

fn not_written(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Fi => format!("{path}: tiedostoa ei voitu tallentaa; levyllä on edellinen versio."),
        Lang::Sv => format!("{path}: filen kunde inte sparas; disken har den förra versionen."),
        Lang::En => {
            format!("{path}: the file could not be saved; the disk keeps the last version.")
        }
    }
}

fn too_large(lang: Lang) -> String {
    let (data, asset) = (
        MAX_DATA_FILE / (1024 * 1024),
        MAX_ASSET_FILE / (1024 * 1024),
    );
    match lang {
        Lang::Fi => {
            format!("Liian suuri: tekstitiedosto saa olla enintään {data} Mt ja kuva {asset} Mt.")
        }
        Lang::Sv => {
            format!("För stor: en textfil får vara högst {data} MB och en bild {asset} MB.")
        }
        Lang::En => {
            format!("Too large: a text file may be at most {data} MB and a picture {asset} MB.")
        }
    }
}

fn bad_request(lang: Lang) -> String {
    match lang {
        Lang::Fi => "Pyyntö on vajaa tai väärin muotoiltu.".to_owned(),
        Lang::Sv => "Begäran är ofullständig eller felaktig.".to_owned(),
        Lang::En => "The request is incomplete or malformed.".to_owned(),
    }
}

fn not_found(lang: Lang) -> String {
    match lang {
        Lang::Fi => "Ei löydy.".to_owned(),
        Lang::Sv => "Hittades inte.".to_owned(),
        Lang::En => "Not found.".to_owned(),
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
    fn only_project_files_are_managed() {
        for ok in [
            "project.yaml",
            "kirje.toml",
            "editions/2026-03.yaml",
            "assets/kuva.jpg",
            "assets/email/x.png",
            "templates/newsletter/newsletter.typ",
        ] {
            assert!(managed(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x.yaml",
            "editions/../../x.yaml",
            "editions/a/b.yaml",
            ".kirje/serve-key",
            "assets/.hidden.png",
            "dist/newsletter.pdf",
            "assets/run.sh",
            "editions\\x.yaml",
            "C:/x.yaml",
            "editions//x.yaml",
            "notes.txt",
        ] {
            assert!(!managed(bad), "{bad}");
        }
    }

    #[test]
    fn base64_reads_what_browsers_write() {
        assert_eq!(base64_decode("aGVpIQ==").as_deref(), Some(&b"hei!"[..]));
        assert_eq!(
            base64_decode("AAEC/w==").as_deref(),
            Some(&[0u8, 1, 2, 255][..])
        );
        assert_eq!(base64_decode("a*b="), None);
    }

    #[test]
    fn keys_compare_whole() {
        assert!(same_key(b"abc", b"abc"));
        assert!(!same_key(b"abc", b"abd"));
        assert!(!same_key(b"abc", b"ab"));
    }
}
