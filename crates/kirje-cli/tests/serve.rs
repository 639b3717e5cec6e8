//! `kirje serve` on a copy of examples/lumo: the page answers on 127.0.0.1
//! with the newsletter as SVG, a foreign Host is refused, and saving a file
//! (by rename, as editors do) moves the generation on so the page reloads
//! with the new text; a broken file and a build past the time limit are
//! shown, and the server goes on.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../../../tests/support/example.rs"]
mod support;
use support::copy_dir;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo")
}

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A GET with the given Host header: (status line, body).
fn get(port: u16, path: &str, host: &str) -> (String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (
        head.lines().next().unwrap_or_default().to_owned(),
        body.to_owned(),
    )
}

fn generation(page: &str) -> u64 {
    let marker = "<meta name=\"kirje-generation\" content=\"";
    let start = page.find(marker).expect("generation meta") + marker.len();
    page[start..]
        .split('"')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[test]
fn serve_shows_the_preview_and_reloads_after_a_save() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("lumo");
    copy_dir(&example(), &dir);

    let mut child = Command::new(env!("CARGO_BIN_EXE_kirje"))
        .args(["--lang", "en", "serve"])
        .arg(&dir)
        .args(["--port", "0", "--time-limit", "2"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kirje serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("serve prints its address")
            .expect("utf-8");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("port");
        }
    };
    // Keep reading stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});

    let (status, page) = get(port, "/", &format!("127.0.0.1:{port}"));
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("<svg"), "the newsletter pages are inline SVG");
    assert!(page.contains("LUMO"));
    assert!(
        page.contains("LUMO's joint event calendar is open")
            || page.contains("LUMOn yhteinen tapahtumakalenteri on avattu")
    );
    let before = generation(&page);

    let (status, _) = get(port, "/", "evil.example:80");
    assert!(
        status.contains("403"),
        "a foreign Host is refused: {status}"
    );
    let (status, email) = get(port, "/email.html", &format!("localhost:{port}"));
    assert!(status.contains("200"), "{status}");
    assert!(
        !email.contains("https://www.isonet.fi/lumo/kirje/assets/"),
        "email images come from the server"
    );

    let edition = dir.join("editions/2021-05.yaml");
    let text = std::fs::read_to_string(&edition).expect("edition");
    let changed = text.replace(
        "fi: LUMOn yhteinen tapahtumakalenteri on avattu",
        "fi: Serve-testin uusi otsikko",
    );
    assert_ne!(text, changed);
    // Saved as editors do: a temporary file renamed over the edition.
    let swap = dir.join("editions/.2021-05.yaml.swp");
    std::fs::write(&swap, changed).expect("save");
    std::fs::rename(&swap, &edition).expect("rename");

    let started = Instant::now();
    let after = loop {
        let (status, body) = get(
            port,
            &format!("/wait?gen={before}"),
            &format!("127.0.0.1:{port}"),
        );
        assert!(status.contains("200"), "{status}");
        let g: u64 = body.trim().parse().expect("generation");
        if g > before {
            break g;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no reload after a save"
        );
    };
    let (_, page) = get(port, "/", &format!("127.0.0.1:{port}"));
    assert_eq!(generation(&page), after);
    assert!(
        page.contains("Serve-testin uusi otsikko"),
        "the page shows the saved text"
    );

    // A YAML error keeps the last good pages and shows the diagnostic.
    std::fs::write(&edition, "news: [unclosed\n").expect("save");
    let started = Instant::now();
    loop {
        let (_, body) = get(
            port,
            &format!("/wait?gen={after}"),
            &format!("127.0.0.1:{port}"),
        );
        if body.trim().parse::<u64>().expect("generation") > after {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no reload after a bad save"
        );
    }
    let (_, page) = get(port, "/", &format!("127.0.0.1:{port}"));
    // minijinja's HTML escaping writes `/` as `&#x2f;`, which a browser shows as `/`.
    let page = page.replace("&#x2f;", "/");
    assert!(
        page.contains("editions/2021-05.yaml:"),
        "the diagnostic names the file and line"
    );
    assert!(page.contains("<svg"), "the last good pages stay");
    assert!(page.contains("class=\"stale\""));
    let broken = generation(&page);

    // Fixed, then a template that loops past the time limit: the page says
    // the build is stuck, the server goes on answering, and the next save
    // builds again.
    std::fs::write(&edition, &text).expect("save");
    let fixed = wait_past(port, broken);
    let template = dir.join("templates/newsletter/newsletter.typ");
    std::fs::create_dir_all(template.parent().expect("folder")).expect("folder");
    std::fs::write(
        &template,
        "#for i in range(100000) { for j in range(100000) { } }\nHei\n",
    )
    .expect("save");
    let stuck = wait_past(port, fixed);
    let (_, page) = get(port, "/", &format!("127.0.0.1:{port}"));
    assert_eq!(generation(&page), stuck);
    assert!(
        page.contains("Typst has been compiling for over 2 s"),
        "the page says the build is stuck"
    );
    std::fs::remove_file(&template).expect("remove");
    let again = wait_past(port, stuck);
    let (_, page) = get(port, "/", &format!("127.0.0.1:{port}"));
    assert_eq!(generation(&page), again);
    assert!(page.contains("<svg") && !page.contains("compiling for over"));
    assert!(
        matches!(server.0.try_wait(), Ok(None)),
        "the server is still running"
    );
}

/// Waits for a generation after `since`, through `/wait`.
fn wait_past(port: u16, since: u64) -> u64 {
    let started = Instant::now();
    loop {
        let (_, body) = get(
            port,
            &format!("/wait?gen={since}"),
            &format!("127.0.0.1:{port}"),
        );
        let g: u64 = body.trim().parse().expect("generation");
        if g > since {
            return g;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "no new generation after {since}"
        );
    }
}
