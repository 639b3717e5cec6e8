//! The sender's mailbox over IMAP with TLS (RFC 9051 / 3501, port 993).
//!
//! The protocol is the `imap` crate's; TLS is rustls with the public roots
//! and, for tests and private servers, an extra certificate authority. The
//! secret is a password (LOGIN) or an OAuth2 bearer token (SASL XOAUTH2,
//! which Microsoft 365 and Gmail ask for); it comes from the environment or
//! a file outside the project and is never printed. Messages are fetched
//! with `BODY.PEEK[]`, so they stay unread, and each one counted is given
//! the keyword `$KirjeDone`, so the next run passes it over. Nothing is
//! deleted or moved.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

use crate::classify::READ_LIMIT;
use crate::read::Raw;

/// The keyword a counted message gets.
pub const DONE: &str = "$KirjeDone";

/// Where the mailbox is: `imaps://user@host:993/INBOX`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The user name (`%40` in the URL for an `@`).
    pub user: String,
    /// The server.
    pub host: String,
    /// Its port (993).
    pub port: u16,
    /// The folder (INBOX).
    pub folder: String,
}

/// How to log in.
#[derive(Clone)]
pub enum Secret {
    /// A password, for LOGIN.
    Password(String),
    /// An OAuth2 access token, for SASL XOAUTH2.
    Bearer(String),
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Secret::Password(_) => "Password(…)",
            Secret::Bearer(_) => "Bearer(…)",
        })
    }
}

/// Why the mailbox could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The address is not `imaps://user@host[:port][/folder]`.
    #[error("not an imaps:// mailbox address: {0}")]
    Url(String),
    /// The server cannot be reached.
    #[error("cannot reach {host}:{port}: {source}")]
    Connect {
        /// The server.
        host: String,
        /// Its port.
        port: u16,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// TLS could not be set up (an unknown certificate authority, say).
    #[error("TLS: {0}")]
    Tls(String),
    /// The server refused the login.
    #[error("the server refused the login: {0}")]
    Login(String),
    /// Any other IMAP failure.
    #[error("IMAP: {0}")]
    Protocol(String),
}

impl Mailbox {
    /// Reads `imaps://user@host[:port][/folder]`.
    pub fn parse(url: &str) -> Result<Mailbox, ImapError> {
        let bad = || ImapError::Url(url.to_owned());
        let rest = url.strip_prefix("imaps://").ok_or_else(bad)?;
        let (authority, folder) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, hostport) = authority.rsplit_once('@').ok_or_else(bad)?;
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().map_err(|_| bad())?),
            None => (hostport, 993),
        };
        if user.is_empty() || host.is_empty() {
            return Err(bad());
        }
        let decode = |s: &str| {
            s.replace("%40", "@")
                .replace("%2F", "/")
                .replace("%20", " ")
        };
        Ok(Mailbox {
            user: decode(user),
            host: host.to_owned(),
            port,
            folder: if folder.is_empty() {
                "INBOX".to_owned()
            } else {
                decode(folder)
            },
        })
    }
}

/// SASL XOAUTH2: `user=…^Aauth=Bearer …^A^A`.
struct XOAuth2<'a> {
    user: &'a str,
    token: &'a str,
}

impl imap::Authenticator for XOAuth2<'_> {
    type Response = String;
    fn process(&self, _challenge: &[u8]) -> String {
        format!("user={}\x01auth=Bearer {}\x01\x01", self.user, self.token)
    }
}

type Stream = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

/// An open, selected mailbox.
pub struct Connection {
    session: imap::Session<Stream>,
}

impl Connection {
    /// Connects with TLS, logs in and selects the folder.
    pub fn open(
        mailbox: &Mailbox,
        secret: &Secret,
        extra_ca_pem: Option<&[u8]>,
        timeout: Duration,
    ) -> Result<Connection, ImapError> {
        let stream = tls(mailbox, extra_ca_pem, timeout)?;
        let mut client = imap::Client::new(stream);
        client
            .read_greeting()
            .map_err(|e| ImapError::Protocol(e.to_string()))?;
        let session = match secret {
            Secret::Password(p) => client
                .login(&mailbox.user, p)
                .map_err(|(e, _)| ImapError::Login(e.to_string()))?,
            Secret::Bearer(t) => client
                .authenticate(
                    "XOAUTH2",
                    &XOAuth2 {
                        user: &mailbox.user,
                        token: t,
                    },
                )
                .map_err(|(e, _)| ImapError::Login(e.to_string()))?,
        };
        let mut c = Connection { session };
        c.session
            .select(&mailbox.folder)
            .map_err(|e| ImapError::Protocol(e.to_string()))?;
        Ok(c)
    }

    /// The messages not yet counted, each with its UID as origin.
    pub fn fetch_new(&mut self) -> Result<Vec<(u32, Raw)>, ImapError> {
        let proto = |e: imap::Error| ImapError::Protocol(e.to_string());
        let mut uids: Vec<u32> = self
            .session
            .uid_search(format!("UNKEYWORD {DONE}"))
            .map_err(proto)?
            .into_iter()
            .collect();
        uids.sort_unstable();
        let mut out = Vec::new();
        for chunk in uids.chunks(50) {
            let set: Vec<String> = chunk.iter().map(u32::to_string).collect();
            let fetches = self
                .session
                .uid_fetch(set.join(","), "BODY.PEEK[]")
                .map_err(proto)?;
            for f in fetches.iter() {
                let (Some(uid), Some(body)) = (f.uid, f.body()) else {
                    continue;
                };
                let mut bytes = body.to_vec();
                bytes.truncate(READ_LIMIT);
                out.push((
                    uid,
                    Raw {
                        origin: format!("UID {uid}"),
                        bytes,
                    },
                ));
            }
        }
        Ok(out)
    }

    /// Marks `uids` as counted.
    pub fn mark_done(&mut self, uids: &[u32]) -> Result<(), ImapError> {
        for chunk in uids.chunks(200) {
            let set: Vec<String> = chunk.iter().map(u32::to_string).collect();
            self.session
                .uid_store(set.join(","), format!("+FLAGS ({DONE})"))
                .map_err(|e| ImapError::Protocol(e.to_string()))?;
        }
        Ok(())
    }

    /// Logs out politely.
    pub fn close(mut self) {
        let _ = self.session.logout();
    }
}

fn tls(
    mailbox: &Mailbox,
    extra_ca_pem: Option<&[u8]>,
    timeout: Duration,
) -> Result<Stream, ImapError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = extra_ca_pem {
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| ImapError::Tls(e.to_string()))?;
            roots.add(cert).map_err(|e| ImapError::Tls(e.to_string()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name =
        ServerName::try_from(mailbox.host.clone()).map_err(|e| ImapError::Tls(e.to_string()))?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name)
        .map_err(|e| ImapError::Tls(e.to_string()))?;
    let addr = (mailbox.host.as_str(), mailbox.port);
    let connect = |source| ImapError::Connect {
        host: mailbox.host.clone(),
        port: mailbox.port,
        source,
    };
    let tcp = {
        use std::net::ToSocketAddrs;
        let mut last = None;
        let mut found = None;
        for a in addr.to_socket_addrs().map_err(connect)? {
            match TcpStream::connect_timeout(&a, timeout) {
                Ok(s) => {
                    found = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        found.ok_or_else(|| connect(last.unwrap_or_else(|| std::io::Error::other("no address"))))?
    };
    tcp.set_read_timeout(Some(timeout)).map_err(connect)?;
    tcp.set_write_timeout(Some(timeout)).map_err(connect)?;
    let mut stream = rustls::StreamOwned::new(conn, tcp);
    // Finish the handshake now, so a certificate problem is a TLS error.
    while stream.conn.is_handshaking() {
        stream
            .conn
            .complete_io(&mut stream.sock)
            .map_err(|e| ImapError::Tls(e.to_string()))?;
    }
    let _ = stream.flush();
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailbox_addresses() {
        let m = Mailbox::parse("imaps://lumo%40isonet.fi@imap.example.fi/Palautuneet").ok();
        assert_eq!(
            m,
            Some(Mailbox {
                user: "lumo@isonet.fi".into(),
                host: "imap.example.fi".into(),
                port: 993,
                folder: "Palautuneet".into(),
            })
        );
        let m = Mailbox::parse("imaps://u@localhost:10993").ok();
        assert_eq!(m.map(|m| (m.port, m.folder)), Some((10993, "INBOX".into())));
        for bad in ["imap://u@h", "imaps://h", "imaps://@h", "imaps://u@h:x"] {
            assert!(Mailbox::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            format!("{:?}", Secret::Password("hunter2".into())),
            "Password(…)"
        );
    }

    #[test]
    fn xoauth2_is_the_documented_string() {
        use imap::Authenticator as _;
        let a = XOAuth2 {
            user: "someuser@example.com",
            token: "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg",
        };
        assert_eq!(
            a.process(b""),
            "user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01"
        );
    }
}
