//! Talking to the SMTP server: which server and how securely
//! ([`Server::parse`]), and one delivery at a time over a connection that is
//! kept open between messages ([`Session`]).
//!
//! lettre's transport does MAIL, RCPT and DATA in one call and cannot tell
//! an error before DATA (nothing delivered, safe to retry) from one after
//! the message went over the wire (it may have been delivered). kirje needs
//! that difference for its journal, so it drives lettre's
//! [`SmtpConnection`] command by command and classifies every failure
//! itself ([`Outcome`]).

use std::net::IpAddr;
use std::time::Duration;

use kirje_core::Lang;
use kirje_core::delivery::{SmtpUrlError, parse_smtp_url};
use lettre::Address;
use lettre::transport::smtp::Error as SmtpError;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    Certificate, CertificateStore, SmtpConnection, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use crate::text::say;

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain connection upgraded with STARTTLS, which the server
    /// must offer (port 587 by default). To localhost, plain.
    StartTls,
    /// `smtps://`: TLS from the first byte (port 465 by default).
    Tls,
    /// No encryption: only to this machine (`smtp://localhost`, `127.0.0.1`, `::1`).
    Plain,
}

/// The server to deliver through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Encryption.
    pub security: Security,
    /// The user name to log in with, when the server wants one.
    pub user: Option<String>,
}

/// A mistake in the SMTP settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.text(Lang::En))]
pub enum ConfigError {
    /// Not `smtp://` or `smtps://`.
    Scheme(String),
    /// Cannot be read as `smtp://user@host:port`.
    Url(String),
    /// A password written into the URL.
    PasswordInUrl,
}

impl ConfigError {
    /// The message in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        match self {
            ConfigError::Scheme(u) => say(
                l,
                format!("SMTP-osoitteen `{u}` pitää alkaa smtp:// tai smtps://"),
                format!("SMTP-adressen `{u}` ska börja med smtp:// eller smtps://"),
                format!("the SMTP address `{u}` must start with smtp:// or smtps://"),
            ),
            ConfigError::Url(u) => say(
                l,
                format!("SMTP-osoite `{u}` ei ole muotoa smtp://käyttäjä@palvelin:portti"),
                format!("SMTP-adressen `{u}` har inte formen smtp://användare@server:port"),
                format!("the SMTP address `{u}` is not of the form smtp://user@host:port"),
            ),
            ConfigError::PasswordInUrl => say(
                l,
                "salasanaa ei kirjoiteta SMTP-osoitteeseen; anna se ympäristömuuttujassa KIRJE_SMTP_PASSWORD tai tiedostossa projektin ulkopuolella".into(),
                "lösenordet skrivs inte i SMTP-adressen; ge det i miljövariabeln KIRJE_SMTP_PASSWORD eller i en fil utanför projektet".into(),
                "a password does not belong in the SMTP address; give it in the KIRJE_SMTP_PASSWORD environment variable or in a file outside the project".into(),
            ),
        }
    }
}

impl Server {
    /// Reads `smtp://[user@]host[:port]` or `smtps://…`. A plain connection
    /// is used only to this machine; any other host gets STARTTLS, required.
    pub fn parse(url: &str) -> Result<Server, ConfigError> {
        let u = parse_smtp_url(url).map_err(|e| match e {
            SmtpUrlError::Scheme => ConfigError::Scheme(url.to_owned()),
            SmtpUrlError::Password => ConfigError::PasswordInUrl,
            _ => ConfigError::Url(url.to_owned()),
        })?;
        let security = if u.implicit_tls {
            Security::Tls
        } else if is_local(&u.host) && !u.starttls_required {
            Security::Plain
        } else {
            Security::StartTls
        };
        Ok(Server {
            host: u.host,
            port: u.port,
            security,
            user: u.user,
        })
    }

    /// `smtp://user@host:port` (never a password).
    pub fn display(&self) -> String {
        let scheme = if self.security == Security::Tls {
            "smtps"
        } else {
            "smtp"
        };
        let user = self
            .user
            .as_deref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let tls = match self.security {
            Security::StartTls if is_local(&self.host) => "?tls=required (STARTTLS)",
            Security::StartTls => " (STARTTLS)",
            Security::Tls => " (TLS)",
            Security::Plain => "",
        };
        format!("{scheme}://{user}{host}:{}{tls}", self.port)
    }
}

/// Whether a host is this machine.
fn is_local(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A password that is never printed.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// From the environment variable's value or a file's contents (one
    /// trailing line break removed).
    pub fn new(s: &str) -> Password {
        Password(
            s.strip_suffix('\n')
                .unwrap_or(s)
                .trim_end_matches('\r')
                .to_owned(),
        )
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// Everything needed to open a connection.
#[derive(Debug, Clone)]
pub struct Connector {
    /// The server.
    pub server: Server,
    /// The password for `server.user`.
    pub password: Option<Password>,
    /// Connect, read and write timeout.
    pub timeout: Duration,
    /// Extra trusted certificate authorities (PEM), for a relay with a
    /// private CA; the public web roots are always trusted.
    pub extra_roots: Vec<Vec<u8>>,
    /// The name given in EHLO (the sender's domain).
    pub hello: String,
}

/// A failure that stops the whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fatal {
    /// The server refused the login.
    Auth,
    /// TLS could not be set up (bad certificate, no STARTTLS).
    Tls,
    /// The server cannot be reached.
    Unreachable,
    /// The server turned the client away (a 5xx greeting, say).
    Refused,
}

/// What became of one delivery.
#[derive(Debug)]
pub enum Outcome {
    /// 250 after the message: delivered.
    Accepted(String),
    /// A 4xx reply: not delivered this time.
    Transient {
        /// The reply code.
        code: u16,
        /// The reply.
        reply: String,
    },
    /// A 5xx reply to this message: never delivered.
    Permanent {
        /// The reply code.
        code: u16,
        /// The reply.
        reply: String,
    },
    /// The connection broke before the message was sent: nothing delivered,
    /// safe to try again.
    NotSent(String),
    /// The connection broke after the message went out and before the
    /// server's answer: it may or may not have arrived.
    Ambiguous(String),
    /// The run must stop.
    Fatal(Fatal, String),
    /// The journal could not record `sending`; nothing was sent.
    Journal(crate::journal::JournalError),
}

/// One message to deliver: envelope and bytes.
pub trait Mailer {
    /// Delivers `bytes` from `from` to `to`, calling `before_data` after the
    /// server accepted the recipient and before the DATA command; when it
    /// fails, nothing is sent.
    fn deliver(
        &mut self,
        from: &Address,
        to: &Address,
        bytes: &[u8],
        before_data: &mut dyn FnMut() -> Result<(), crate::journal::JournalError>,
    ) -> Outcome;

    /// Closes the connection politely.
    fn close(&mut self);
}

/// A connection kept open across messages, reopened when it breaks.
pub struct Session {
    connector: Connector,
    conn: Option<SmtpConnection>,
    hello: ClientId,
}

impl Session {
    /// A session that connects on the first delivery.
    pub fn new(connector: Connector) -> Session {
        let hello = ClientId::Domain(connector.hello.clone());
        Session {
            connector,
            conn: None,
            hello,
        }
    }

    /// Connects (and logs in) now, to find configuration errors before the
    /// first message.
    pub fn connect(&mut self) -> Result<(), Outcome> {
        if self.conn.as_mut().is_some_and(|c| !c.has_broken()) {
            return Ok(());
        }
        self.conn = None;
        let c = &self.connector;
        let tls = match c.server.security {
            Security::Plain => None,
            Security::StartTls | Security::Tls => {
                let mut b = TlsParameters::builder(c.server.host.clone());
                for pem in &c.extra_roots {
                    let cert = Certificate::from_pem(pem)
                        .map_err(|e| Outcome::Fatal(Fatal::Tls, e.to_string()))?;
                    b = b.add_root_certificate(cert);
                }
                Some(
                    b.certificate_store(CertificateStore::WebpkiRoots)
                        .build_rustls()
                        .map_err(|e| Outcome::Fatal(Fatal::Tls, e.to_string()))?,
                )
            }
        };
        let wrapper = (c.server.security == Security::Tls)
            .then_some(tls.as_ref())
            .flatten();
        let mut conn = SmtpConnection::connect(
            (c.server.host.as_str(), c.server.port),
            Some(c.timeout),
            &self.hello,
            wrapper,
            None,
        )
        .map_err(|e| at_connect(&e))?;
        if c.server.security == Security::StartTls {
            let Some(tls) = tls.as_ref() else {
                return Err(Outcome::Fatal(Fatal::Tls, "no TLS parameters".into()));
            };
            conn.starttls(tls, &self.hello)
                .map_err(|e| Outcome::Fatal(Fatal::Tls, e.to_string()))?;
        }
        if let Some(user) = &c.server.user {
            let password = c.password.as_ref().map(|p| p.0.clone()).unwrap_or_default();
            let creds = Credentials::new(user.clone(), password);
            conn.auth(&[Mechanism::Plain, Mechanism::Login], &creds)
                .map_err(|e| match code(&e) {
                    Some(c) if (400..500).contains(&c) => Outcome::Transient {
                        code: c,
                        reply: reply(&e),
                    },
                    _ => Outcome::Fatal(Fatal::Auth, e.to_string()),
                })?;
        }
        self.conn = Some(conn);
        Ok(())
    }

    fn drop_connection(&mut self) {
        if let Some(mut c) = self.conn.take() {
            c.abort();
        }
    }
}

impl Mailer for Session {
    fn deliver(
        &mut self,
        from: &Address,
        to: &Address,
        bytes: &[u8],
        before_data: &mut dyn FnMut() -> Result<(), crate::journal::JournalError>,
    ) -> Outcome {
        if let Err(o) = self.connect() {
            return o;
        }
        let Some(conn) = self.conn.as_mut() else {
            return Outcome::NotSent("no connection".into());
        };
        let mut options = Vec::new();
        if !bytes.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        // MAIL and RCPT: a reply here means nothing was delivered.
        let before = conn
            .command(Mail::new(Some(from.clone()), options))
            .and_then(|_| conn.command(Rcpt::new(to.clone(), vec![])));
        if let Err(e) = before {
            return self.refused_before_data(&e);
        }
        if let Err(e) = before_data() {
            let _ = conn.command(Rset);
            return Outcome::Journal(e);
        }
        if let Err(e) = conn.command(Data) {
            return self.refused_before_data(&e);
        }
        // The message and its final dot in one write: lettre writes them
        // separately without TCP_NODELAY, and Nagle's algorithm with the
        // server's delayed ACK then stalls every message by ~40 ms.
        let sent = match std::str::from_utf8(bytes) {
            Ok(text) => conn.command(DataBody(text)),
            Err(_) => conn.message(bytes),
        };
        match sent {
            Ok(r) => Outcome::Accepted(reply_text(r.code().into(), r.message())),
            Err(e) => match code(&e) {
                Some(c) if (400..500).contains(&c) => {
                    if c == 421 {
                        self.drop_connection();
                    }
                    Outcome::Transient {
                        code: c,
                        reply: reply(&e),
                    }
                }
                Some(c) if c >= 500 => Outcome::Permanent {
                    code: c,
                    reply: reply(&e),
                },
                _ => {
                    self.drop_connection();
                    Outcome::Ambiguous(e.to_string())
                }
            },
        }
    }

    fn close(&mut self) {
        if let Some(mut c) = self.conn.take() {
            let _ = c.quit();
        }
    }
}

impl Session {
    /// A failure before the message went out: a reply classifies it; a
    /// broken connection means "not sent, try again".
    fn refused_before_data(&mut self, e: &SmtpError) -> Outcome {
        match code(e) {
            Some(c) => {
                if c == 421 {
                    // "Service not available, closing channel".
                    self.drop_connection();
                } else if let Some(conn) = self.conn.as_mut()
                    && conn.command(Rset).is_err()
                {
                    self.drop_connection();
                }
                if c >= 500 {
                    Outcome::Permanent {
                        code: c,
                        reply: reply(e),
                    }
                } else {
                    Outcome::Transient {
                        code: c,
                        reply: reply(e),
                    }
                }
            }
            None => {
                self.drop_connection();
                Outcome::NotSent(e.to_string())
            }
        }
    }
}

/// A message body as sent after DATA: dot-stuffed (RFC 5321 4.5.2), ending
/// in CRLF, then `.` CRLF.
struct DataBody<'a>(&'a str);

impl std::fmt::Display for DataBody<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        if s.starts_with('.') {
            f.write_str(".")?;
        }
        // Every "\r\n." becomes "\r\n..", written in place: the body is
        // some 130 kB, and copying it with `str::replace` (a substring
        // search) was a tenth of a send's time. `find('\n')` is memchr.
        let bytes = s.as_bytes();
        let (mut start, mut from) = (0, 0);
        while let Some(i) = s[from..].find('\n').map(|i| from + i) {
            if i > 0 && bytes[i - 1] == b'\r' && bytes.get(i + 1) == Some(&b'.') {
                f.write_str(&s[start..=i])?;
                f.write_str(".")?;
                start = i + 1;
            }
            from = i + 1;
        }
        f.write_str(&s[start..])?;
        if !s.ends_with("\r\n") {
            f.write_str("\r\n")?;
        }
        f.write_str(".\r\n")
    }
}

/// A failure while connecting.
fn at_connect(e: &SmtpError) -> Outcome {
    if e.is_tls() || is_tls_failure(e) {
        return Outcome::Fatal(Fatal::Tls, e.to_string());
    }
    match code(e) {
        Some(c) if (400..500).contains(&c) => Outcome::Transient {
            code: c,
            reply: reply(e),
        },
        Some(_) => Outcome::Fatal(Fatal::Refused, e.to_string()),
        None => Outcome::Fatal(Fatal::Unreachable, e.to_string()),
    }
}

/// A server's reply as it was sent: `550 5.1.1 no such user`, not lettre's
/// `permanent error (550): 5.1.1 no such user`.
fn reply(e: &SmtpError) -> String {
    let full = e.to_string();
    match (code(e), full.split_once("): ")) {
        (Some(c), Some((_, text))) => format!("{c} {text}"),
        (Some(c), None) => c.to_string(),
        _ => full,
    }
}

/// Whether a connection error is a failed TLS handshake: with implicit TLS
/// lettre reports rustls' refusal (an unknown issuer, a wrong name) as a
/// network error, so the cause chain is read.
fn is_tls_failure(e: &SmtpError) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = source {
        let text = s.to_string().to_ascii_lowercase();
        if ["certificate", "handshake", "tls", "alert"]
            .iter()
            .any(|w| text.contains(w))
        {
            return true;
        }
        source = s.source();
    }
    false
}

/// The reply code of an SMTP error, when the server gave one.
fn code(e: &SmtpError) -> Option<u16> {
    e.status().map(u16::from)
}

fn reply_text<'a>(code: u16, lines: impl Iterator<Item = &'a str>) -> String {
    let text: Vec<&str> = lines.collect();
    format!("{code} {}", text.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let s = Server::parse("smtp://lumo%40isonet.fi@mail.isonet.fi").expect("valid");
        assert_eq!(s.host, "mail.isonet.fi");
        assert_eq!(s.port, 587);
        assert_eq!(s.security, Security::StartTls);
        assert_eq!(s.user.as_deref(), Some("lumo@isonet.fi"));
        assert_eq!(
            s.display(),
            "smtp://lumo@isonet.fi@mail.isonet.fi:587 (STARTTLS)"
        );

        let s = Server::parse("smtps://Mail.Example.org:2465").expect("valid");
        assert_eq!(
            (s.host.as_str(), s.port, s.security),
            ("mail.example.org", 2465, Security::Tls)
        );

        for local in [
            "smtp://127.0.0.1:2525",
            "smtp://localhost:25",
            "smtp://[::1]:25",
        ] {
            assert_eq!(
                Server::parse(local).expect(local).security,
                Security::Plain,
                "{local}"
            );
        }
        assert_eq!(
            Server::parse("smtp://127.0.0.1:2525").expect("v").display(),
            "smtp://127.0.0.1:2525"
        );
        // STARTTLS to this machine when asked for.
        let s = Server::parse("smtp://localhost:2525?tls=required").expect("valid");
        assert_eq!(s.security, Security::StartTls);
        assert_eq!(s.display(), "smtp://localhost:2525?tls=required (STARTTLS)");
        assert!(Server::parse("smtps://h?tls=required").is_err());
        assert!(Server::parse("smtp://h?tls=none").is_err());
        // Not local: STARTTLS, never plain.
        assert_eq!(
            Server::parse("smtp://10.0.0.1:25").expect("v").security,
            Security::StartTls
        );
    }

    #[test]
    fn bad_urls() {
        assert_eq!(
            Server::parse("smtp://u:secret@h"),
            Err(ConfigError::PasswordInUrl)
        );
        assert!(matches!(
            Server::parse("http://h"),
            Err(ConfigError::Scheme(_))
        ));
        for bad in [
            "smtp://",
            "smtp://h:0",
            "smtp://h:99999",
            "smtp://h/path",
            "smtp://h o",
        ] {
            assert!(
                matches!(Server::parse(bad), Err(ConfigError::Url(_))),
                "{bad}"
            );
        }
        assert!(
            ConfigError::PasswordInUrl
                .text(Lang::Sv)
                .contains("KIRJE_SMTP_PASSWORD")
        );
    }

    #[test]
    fn data_is_dot_stuffed_and_terminated() {
        assert_eq!(
            DataBody(".a\r\n.b\r\nc").to_string(),
            "..a\r\n..b\r\nc\r\n.\r\n"
        );
        assert_eq!(DataBody("a\r\n").to_string(), "a\r\n.\r\n");
        // The same as replacing every "\r\n." with "\r\n..", edge cases
        // included: a bare LF is no line end here, dots in a row, the end.
        for body in [
            "",
            ".",
            "\r\n.",
            "\r\n..\r\n.\r\n",
            "a\n.b",
            "a\r.b",
            "\r\n\r\n.x",
            "x\r\n.",
            "\r\n",
            "\n\r\n.\n.",
        ] {
            let mut want = String::new();
            if body.starts_with('.') {
                want.push('.');
            }
            want.push_str(&body.replace("\r\n.", "\r\n.."));
            if !body.ends_with("\r\n") {
                want.push_str("\r\n");
            }
            want.push_str(".\r\n");
            assert_eq!(DataBody(body).to_string(), want, "{body:?}");
        }
    }

    #[test]
    fn passwords_are_not_shown() {
        let p = Password::new("hunter2\n");
        assert_eq!(format!("{p:?}"), "Password(…)");
        assert_eq!(p.0, "hunter2");
    }
}
