//! `cargo bench -p kirje-send`: messages per second through one kept-open
//! connection to a local SMTP sink, with the journal's two durable writes per
//! message (`sending` before DATA, `sent` after 250). The sink (below) answers
//! 250 to everything, so what is measured is kirje's own cost: the SMTP
//! dialogue, the message bytes on the wire and the journal's fsyncs.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use kirje_send::{
    Binding, Clock, Connector, Job, Jobs, Journal, Options, Rate, Run, Security, Server, Session,
    deliver, journal_path,
};

/// A minimal SMTP server that accepts everything.
fn sink() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    port
}

fn serve(stream: TcpStream) {
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut lines = BufReader::new(stream);
    let _ = out.write_all(b"220 sink\r\n");
    let mut line = String::new();
    let mut in_data = false;
    loop {
        line.clear();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let reply: &[u8] = if in_data {
            if line != ".\r\n" {
                continue;
            }
            in_data = false;
            b"250 queued\r\n"
        } else {
            match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                Some("EHLO") => b"250-sink\r\n250 8BITMIME\r\n",
                Some("DATA") => {
                    in_data = true;
                    b"354 go on\r\n"
                }
                Some("QUIT") => {
                    let _ = out.write_all(b"221 bye\r\n");
                    return;
                }
                _ => b"250 ok\r\n",
            }
        };
        if out.write_all(reply).is_err() {
            return;
        }
    }
}

struct Fixed(Vec<u8>);

impl Jobs for Fixed {
    fn job(&self, key: &str) -> Result<Job, kirje_send::MessageError> {
        Ok(Job {
            from: kirje_send::prepare::address("lumo@isonet.fi")?,
            to: kirje_send::prepare::address(key)?,
            bytes: self.0.clone(),
        })
    }
}

struct Zero;

impl Clock for Zero {
    fn unix(&self) -> i64 {
        0
    }
}

fn main() {
    let n = 2_000;
    let port = sink();
    let dir = tempfile::tempdir().expect("tmp");
    let keys: Vec<String> = (0..n).map(|i| format!("r{i}@example.test")).collect();
    let (journal, _) = Journal::open(
        &journal_path(dir.path(), "bench"),
        &Binding {
            edition: "bench".into(),
            content_hash: "h".into(),
        },
        &keys,
        &HashSet::new(),
        false,
        0,
    )
    .expect("journal");
    // About the size of the example's message: 40 kB of quoted-printable HTML.
    let mut body = b"Subject: bench\r\nMIME-Version: 1.0\r\n\r\n".to_vec();
    for _ in 0..500 {
        body.extend_from_slice(
            b"<p>LUMO-hankkeen uutiskirje =C3=A4 ja tapahtumakalenteri 2021 ...</p>\r\n",
        );
    }
    let mut session = Session::new(Connector {
        server: Server {
            host: "127.0.0.1".into(),
            port,
            security: Security::Plain,
            user: None,
        },
        password: None,
        timeout: Duration::from_secs(10),
        extra_roots: vec![],
        hello: "isonet.fi".into(),
    });
    let options = Options {
        rate: Rate {
            count: 1_000_000,
            per: Duration::from_secs(1),
        },
        ..Options::default()
    };
    let stop = AtomicBool::new(false);
    let queue = journal.queue(false).expect("queue");
    let started = Instant::now();
    let result = deliver(
        Run {
            journal: &journal,
            mailers: vec![&mut session],
            jobs: &Fixed(body.clone()),
            options: &options,
            clock: &Zero,
            stop: &stop,
        },
        queue,
        &mut |_| {},
    );
    let secs = started.elapsed().as_secs_f64();
    assert!(result.finished(), "{result:?}");
    println!(
        "deliver: {n} messages of {} kB in {secs:.2} s = {:.0} messages/s (one connection, journal fsync before DATA and after 250)",
        body.len() / 1000,
        f64::from(n) / secs
    );
}
