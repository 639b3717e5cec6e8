//! `kirje serve` on a copy of examples/lumo, over plain HTTP: the editor
//! page answers on 127.0.0.1; the project is read and written only with the
//! key, from the server's own origin and Host, inside the project, over the
//! version the page read, within the size limits; every refusal writes
//! nothing; a restarted server takes the same key; a build renders
//! natively.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[path = "../../../tests/support/example.rs"]
mod support;
use support::copy_dir;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo")
}

/// Kills the server when the test ends, pass or fail.
struct Server {
    child: Child,
    port: u16,
    key: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kirje"))
        .args(["--lang", "en", "serve"])
        .arg(dir)
        .args(["--port", "0", "--time-limit", "3"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kirje serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let line = loop {
        let line = lines
            .next()
            .expect("serve prints its address")
            .expect("utf-8");
        if line.contains("http://127.0.0.1:") {
            break line;
        }
    };
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let rest = line.split("http://127.0.0.1:").nth(1).expect("address");
    let port = rest
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let key = rest
        .split("#key=")
        .nth(1)
        .and_then(|k| k.split_whitespace().next())
        .expect("key")
        .to_owned();
    assert_eq!(key.len(), 64, "{line}");
    Server { child, port, key }
}

/// One request: (status, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    // HTTP/1.0: the answer comes whole, never in chunks.
    let mut head = format!("{method} {path} HTTP/1.0\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| *k == "Host") {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).expect("write");
    // A refused upload may be answered before it is all sent.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response");
    let status = String::from_utf8_lossy(&raw[..split])
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    (status, raw[split + 4..].to_vec())
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("json")
}

#[test]
fn serve_opens_the_editor_and_guards_the_project() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("lumo");
    copy_dir(&example(), &dir);
    let edition = dir.join("editions/2021-05.yaml");
    let original = std::fs::read(&edition).expect("edition");
    let server = start(&dir);
    let (port, key) = (server.port, server.key.clone());
    let with_key = [("X-Kirje-Key", key.as_str())];

    // The page itself holds no project data and needs no key.
    let (status, page) = http(port, "GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("editor.js"));
    let (status, _) = http(port, "GET", "/editor.js", &[], b"");
    assert_eq!(status, 200);

    // The project's files: with the key only.
    let (status, body) = http(port, "GET", "/api/files", &[], b"");
    assert_eq!(status, 401, "{}", String::from_utf8_lossy(&body));
    let wrong = "0".repeat(64);
    assert_eq!(
        http(port, "GET", "/api/files", &[("X-Kirje-Key", &wrong)], b"").0,
        401
    );
    let (status, body) = http(port, "GET", "/api/files", &with_key, b"");
    assert_eq!(status, 200);
    let listed = json(&body);
    let files: Vec<&str> = listed["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(files.contains(&"project.yaml") && files.contains(&"editions/2021-05.yaml"));
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with('.') || f.starts_with("dist/")),
        "{files:?}"
    );
    let base = listed["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == "editions/2021-05.yaml")
        .and_then(|f| f["hash"].as_str())
        .expect("hash")
        .to_owned();

    // A foreign Host, a foreign Origin, a page of another site: refused,
    // with the key too, and nothing written.
    let changed = String::from_utf8_lossy(&original).replace(
        "LUMOn yhteinen tapahtumakalenteri on avattu",
        "Serven kautta tallennettu",
    );
    let put = "/api/file?path=editions%2F2021-05.yaml";
    for headers in [
        vec![("Host", "evil.example"), ("X-Kirje-Key", key.as_str())],
        vec![
            ("Origin", "https://evil.example"),
            ("X-Kirje-Key", key.as_str()),
        ],
        vec![
            ("Origin", "http://127.0.0.1:1"),
            ("X-Kirje-Key", key.as_str()),
        ],
        vec![
            ("Sec-Fetch-Site", "cross-site"),
            ("X-Kirje-Key", key.as_str()),
        ],
        vec![("X-Kirje-Base", base.as_str())],
    ] {
        let mut h = headers.clone();
        h.push(("X-Kirje-Base", base.as_str()));
        let (status, _) = http(port, "PUT", put, &h, changed.as_bytes());
        assert!(status == 403 || status == 401, "{headers:?}: {status}");
        assert_eq!(
            std::fs::read(&edition).expect("edition"),
            original,
            "{headers:?}"
        );
    }

    // Paths outside the project or not kirje's: refused, nothing written.
    for path in [
        "..%2Fescaped.yaml",
        "editions%2F..%2F..%2Fescaped.yaml",
        "%2Ftmp%2Fescaped.yaml",
        ".kirje%2Fserve-key",
        "dist%2Fnewsletter.pdf",
        "notes.sh",
        "editions%2Fsub%2Fx.yaml",
    ] {
        let (status, body) = http(
            port,
            "PUT",
            &format!("/api/file?path={path}"),
            &[("X-Kirje-Key", &key), ("X-Kirje-Base", "")],
            b"x: 1\n",
        );
        assert_eq!(status, 403, "{path}: {}", String::from_utf8_lossy(&body));
        assert!(
            json(&body)["message"]
                .as_str()
                .is_some_and(|m| m.contains("neither reads nor writes")),
            "{path}"
        );
    }
    assert!(!tmp.path().join("escaped.yaml").exists());
    assert!(!dir.join("notes.sh").exists());
    // (The example may hold a dist/ of its own from README command 1.)
    assert!(std::fs::read(dir.join("dist/newsletter.pdf")).map_or(true, |b| b != b"x: 1\n"));
    assert_eq!(
        http(
            port,
            "GET",
            "/api/file?path=..%2F..%2Fetc%2Fpasswd",
            &with_key,
            b""
        )
        .0,
        403
    );

    // Too large: refused before it is written.
    let big = vec![b'a'; 22 * 1024 * 1024];
    let (status, _) = http(
        port,
        "PUT",
        "/api/file?path=assets%2Fbig.png",
        &[("X-Kirje-Key", &key), ("X-Kirje-Base", "")],
        &big,
    );
    assert_eq!(status, 413);
    assert!(!dir.join("assets/big.png").exists());
    let (status, _) = http(
        port,
        "PUT",
        put,
        &[("X-Kirje-Key", &key), ("X-Kirje-Base", &base)],
        &vec![b'a'; 3 * 1024 * 1024],
    );
    assert_eq!(status, 413, "a data file over 2 MB");
    assert_eq!(std::fs::read(&edition).expect("edition"), original);

    // A malformed update.
    let (status, _) = http(port, "POST", "/api/update", &with_key, b"[not json");
    assert_eq!(status, 400);

    // A save over the version read: written whole, and the next build shows it.
    let (status, body) = http(
        port,
        "PUT",
        put,
        &[("X-Kirje-Key", &key), ("X-Kirje-Base", &base)],
        changed.as_bytes(),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let saved = json(&body)["hash"].as_str().expect("hash").to_owned();
    assert_eq!(std::fs::read_to_string(&edition).expect("edition"), changed);
    assert!(
        std::fs::read_dir(dir.join("editions"))
            .expect("editions")
            .all(|e| !e
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .starts_with('.')),
        "no temporary file left"
    );
    let (status, body) = http(
        port,
        "POST",
        "/api/update",
        &with_key,
        br#"{"changes": [], "what": ["newsletter", "calendar"], "messages": "en"}"#,
    );
    assert_eq!(status, 200);
    let update = json(&body);
    assert_eq!(update["check"]["ok"], true, "{}", update["check"]);
    let first = update["newsletter"]["pages"]["changed"]["0"]
        .as_str()
        .expect("page 1");
    assert!(first.starts_with("<svg"));
    assert!(
        update["calendar"]["ics"]
            .as_str()
            .is_some_and(|c| c.contains("BEGIN:VCALENDAR"))
    );
    assert!(
        update["newsletter"]["texts"]
            .to_string()
            .contains("Serven kautta tallennettu"),
        "the saved text is rendered"
    );

    // Changed on disk by someone else: the page's save is answered 409
    // and the disk keeps the other change.
    let theirs = changed.replace("Serven kautta tallennettu", "Toinen muutti tämän");
    std::fs::write(&edition, &theirs).expect("their save");
    let (status, body) = http(
        port,
        "PUT",
        put,
        &[("X-Kirje-Key", &key), ("X-Kirje-Base", &saved)],
        changed.replace("Serven kautta", "Sivun").as_bytes(),
    );
    assert_eq!(status, 409);
    assert!(json(&body)["hash"].as_str().is_some_and(|h| h != saved));
    assert_eq!(std::fs::read_to_string(&edition).expect("edition"), theirs);

    // A template that loops past the time limit: the update says so, the
    // server goes on answering, and the next update builds again.
    let template = dir.join("templates/newsletter/newsletter.typ");
    std::fs::create_dir_all(template.parent().expect("folder")).expect("folder");
    let looping = "#for i in range(100000) { for j in range(100000) { } }\nHei\n";
    let (status, body) = http(
        port,
        "POST",
        "/api/update",
        &with_key,
        serde_json::json!({"changes": [{"path": "templates/newsletter/newsletter.typ", "text": looping}],
            "what": ["newsletter"], "messages": "en"})
        .to_string()
        .as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(
        json(&body)["check"]["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("took over 3 s")),
        "{}",
        String::from_utf8_lossy(&body)
    );
    let (status, body) = http(
        port,
        "POST",
        "/api/update",
        &with_key,
        br#"{"changes": [], "what": ["newsletter"]}"#,
    );
    assert_eq!(status, 200);
    assert_eq!(
        json(&body)["check"]["ok"],
        true,
        "a fresh session on the folder"
    );

    // A restarted server takes the same key (the page that is open goes on).
    drop(server);
    let again = start(&dir);
    assert_eq!(again.key, key);
    assert_eq!(
        http(
            again.port,
            "GET",
            "/api/files",
            &[("X-Kirje-Key", &key)],
            b""
        )
        .0,
        200
    );
    let key_file = dir.join(".kirje/serve-key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the key is the owner's only");
    }
}
