//! DKIM signing of each personalised message (lettre's signer, RFC 6376,
//! relaxed/relaxed).
//!
//! The signature covers From, To, Subject, Date, Message-ID, MIME-Version
//! and both `List-Unsubscribe` headers, so that a one-click unsubscribe link
//! cannot be changed on the way (RFC 8058 asks for this). `Content-Type` is
//! left out: signing the multipart header as lettre writes it gives
//! signatures that do not verify.
//!
//! The key is an RSA key (PEM, PKCS #1 `BEGIN RSA PRIVATE KEY` or PKCS #8
//! `BEGIN PRIVATE KEY`, as `openssl genrsa` and `openssl genpkey` write them)
//! or an Ed25519 key (PKCS #8 PEM). It comes from the environment or a file
//! outside the project and is never printed.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use kirje_core::Lang;
use kirje_core::delivery::is_dns_name;
use lettre::Message;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;
use rsa::RsaPrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;

use crate::text::say;

/// The headers every signature covers, in this order.
pub const SIGNED_HEADERS: [&str; 8] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
];

/// The PKCS #8 prefix of an Ed25519 private key (RFC 8410): what comes
/// before the 32-byte seed.
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// Why a DKIM setting cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.text(Lang::En))]
pub enum DkimError {
    /// The key is not a PEM private key kirje can read.
    Key(String),
    /// The selector or domain is not a DNS label sequence.
    Name(String),
}

impl DkimError {
    /// The message in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        match self {
            DkimError::Key(why) => say(
                l,
                format!(
                    "DKIM-avainta ei voi lukea ({why}); anna RSA- tai Ed25519-yksityisavain PEM-muodossa"
                ),
                format!(
                    "DKIM-nyckeln kan inte läsas ({why}); ge en privat RSA- eller Ed25519-nyckel i PEM-format"
                ),
                format!(
                    "the DKIM key cannot be read ({why}); give an RSA or Ed25519 private key in PEM form"
                ),
            ),
            DkimError::Name(name) => say(
                l,
                format!(
                    "`{name}` ei kelpaa DKIM-valitsimeksi tai -verkkotunnukseksi (vain kirjaimia, numeroita, - ja .)"
                ),
                format!(
                    "`{name}` duger inte som DKIM-selektor eller -domän (bara bokstäver, siffror, - och .)"
                ),
                format!(
                    "`{name}` is not a valid DKIM selector or domain (letters, digits, - and . only)"
                ),
            ),
        }
    }
}

/// A signer for one selector and domain.
pub struct Dkim {
    config: DkimConfig,
    selector: String,
    domain: String,
}

impl std::fmt::Debug for Dkim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dkim({}._domainkey.{})", self.selector, self.domain)
    }
}

impl Dkim {
    /// A signer from the selector, the signing domain and the PEM key.
    pub fn new(selector: &str, domain: &str, pem: &str) -> Result<Dkim, DkimError> {
        for name in [selector, domain] {
            if !is_dns_name(name) {
                return Err(DkimError::Name(name.to_owned()));
            }
        }
        let key = signing_key(pem)?;
        let headers = SIGNED_HEADERS
            .iter()
            .map(|h| HeaderName::new_from_ascii_str(h))
            .collect();
        let config = DkimConfig::new(
            selector.to_owned(),
            domain.to_ascii_lowercase(),
            key,
            headers,
            DkimCanonicalization {
                header: DkimCanonicalizationType::Relaxed,
                body: DkimCanonicalizationType::Relaxed,
            },
        );
        Ok(Dkim {
            config,
            selector: selector.to_owned(),
            domain: domain.to_ascii_lowercase(),
        })
    }

    /// Adds the `DKIM-Signature` header.
    pub fn sign(&self, message: &mut Message) {
        message.sign(&self.config);
    }

    /// `selector._domainkey.domain`, where the public key is published.
    pub fn record(&self) -> String {
        format!("{}._domainkey.{}", self.selector, self.domain)
    }
}

/// The key inside a PEM text: PKCS #1 RSA, PKCS #8 RSA or PKCS #8 Ed25519.
fn signing_key(pem: &str) -> Result<DkimSigningKey, DkimError> {
    let pem = pem.trim();
    let bad = |why: &str| DkimError::Key(why.to_owned());
    if pem.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
        return DkimSigningKey::new(pem, DkimSigningAlgorithm::Rsa)
            .map_err(|_| bad("not a PKCS #1 RSA key"));
    }
    if !pem.starts_with("-----BEGIN PRIVATE KEY-----") {
        return Err(bad(
            "no `BEGIN PRIVATE KEY` or `BEGIN RSA PRIVATE KEY` line",
        ));
    }
    let der = pem_body(pem).ok_or_else(|| bad("the PEM body is not base64"))?;
    if der.len() == ED25519_PKCS8_PREFIX.len() + 32 && der.starts_with(&ED25519_PKCS8_PREFIX) {
        let seed = STANDARD.encode(&der[ED25519_PKCS8_PREFIX.len()..]);
        return DkimSigningKey::new(&seed, DkimSigningAlgorithm::Ed25519)
            .map_err(|_| bad("not an Ed25519 key"));
    }
    let rsa = RsaPrivateKey::from_pkcs8_der(&der).map_err(|_| bad("not an RSA or Ed25519 key"))?;
    let pkcs1 = rsa
        .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
        .map_err(|_| bad("the RSA key cannot be re-encoded"))?;
    DkimSigningKey::new(&pkcs1, DkimSigningAlgorithm::Rsa).map_err(|_| bad("not an RSA key"))
}

/// The bytes between the PEM armour lines.
fn pem_body(pem: &str) -> Option<Vec<u8>> {
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .flat_map(|l| l.trim().chars())
        .collect();
    STANDARD.decode(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway Ed25519 test key (PKCS #8 PEM).
    const ED25519: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIBn/9hFQmHxBWMKG9FQjM7VW71lMyTzE0ZMZtpMY0ScM\n-----END PRIVATE KEY-----\n";

    fn message() -> Message {
        Message::builder()
            .from("Lumo <lumo@isonet.fi>".parse().expect("from"))
            .to("maija@example.org".parse().expect("to"))
            .subject("Hankekirje")
            .body("Hei\r\n".to_owned())
            .expect("message")
    }

    #[test]
    fn ed25519_signs_with_the_listed_headers() {
        let d = Dkim::new("kirje", "isonet.fi", ED25519).expect("key");
        assert_eq!(d.record(), "kirje._domainkey.isonet.fi");
        let mut m = message();
        d.sign(&mut m);
        let text = String::from_utf8(m.formatted()).expect("utf-8");
        let sig = text
            .split("\r\n")
            .skip_while(|l| !l.starts_with("DKIM-Signature:"))
            .take_while(|l| l.starts_with("DKIM-Signature:") || l.starts_with(' '))
            .collect::<String>();
        assert!(sig.contains("a=ed25519-sha256"), "{sig}");
        assert!(sig.contains("c=relaxed/relaxed"), "{sig}");
        assert!(sig.contains("d=isonet.fi"), "{sig}");
        assert!(sig.contains("s=kirje"), "{sig}");
        assert!(
            sig.contains("h=from:to:subject:date:message-id:mime-version:list-unsubscribe:list-unsubscribe-post"),
            "{sig}"
        );
    }

    #[test]
    fn bad_keys_and_names_are_refused() {
        assert!(matches!(
            Dkim::new("kirje", "isonet.fi", "not a key"),
            Err(DkimError::Key(_))
        ));
        assert!(matches!(
            Dkim::new(
                "kirje",
                "isonet.fi",
                "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----"
            ),
            Err(DkimError::Key(_))
        ));
        assert!(matches!(
            Dkim::new("bad selector", "isonet.fi", ED25519),
            Err(DkimError::Name(_))
        ));
        assert!(DkimError::Key("x".into()).text(Lang::Sv).contains("PEM"));
    }
}
