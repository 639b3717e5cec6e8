//! Making a rendered email one person's own, without rendering anything:
//! merge fields (`%%name%%`, `%%organisation%%`, …) and the unsubscribe
//! placeholder are filled in the finished HTML and text, and the headers
//! that differ per recipient (Message-ID, `List-Unsubscribe`) are set on the
//! built message.
//!
//! The unsubscribe link carries an HMAC-SHA256 token of the address under a
//! secret only the sender knows, so the page behind the link can check that
//! the request is genuine ([`UnsubscribeKey::verify`]) without a database.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use kirje_core::Lang;
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::recipients::{Recipient, key};
use crate::text::say;

/// The placeholder kirje-email leaves where each recipient's unsubscribe
/// address goes (the same string as `kirje_email::UNSUBSCRIBE_TOKEN`).
pub const UNSUBSCRIBE_FIELD: &str = "UNSUBSCRIBE_URL";

/// Characters kept as they are in a URL query value.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The secret behind the unsubscribe tokens.
#[derive(Clone)]
pub struct UnsubscribeKey(Vec<u8>);

impl std::fmt::Debug for UnsubscribeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnsubscribeKey(…)")
    }
}

impl UnsubscribeKey {
    /// A key from the secret's bytes (surrounding whitespace is ignored, so a
    /// file with a trailing newline works).
    pub fn new(secret: &[u8]) -> Option<UnsubscribeKey> {
        let s = secret.trim_ascii();
        (s.len() >= 16).then(|| UnsubscribeKey(s.to_vec()))
    }

    fn mac(&self, email: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(b"kirje-unsubscribe\0");
        mac.update(key(email).as_bytes());
        mac
    }

    /// The token for an address (case does not matter): 43 URL-safe characters.
    pub fn token(&self, email: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(email).finalize().into_bytes())
    }

    /// Whether `token` was made for `email` with this key (in constant time).
    pub fn verify(&self, email: &str, token: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(token)
            .is_ok_and(|t| self.mac(email).verify_slice(&t).is_ok())
    }
}

/// How a recipient is asked to unsubscribe.
#[derive(Debug, Clone)]
pub struct Unsubscribe {
    /// Where unsubscribe mails go (`List-Unsubscribe: <mailto:…>`).
    pub mailto: String,
    /// The web page, with `{email}` and `{token}` to fill: `https://…?e={email}&t={token}`.
    pub url_template: Option<String>,
    /// The secret for the token; required when `url_template` uses `{token}`.
    pub key: Option<UnsubscribeKey>,
}

/// One recipient's unsubscribe addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribeLinks {
    /// `mailto:list@x.fi?subject=unsubscribe%20a%40b.fi`.
    pub mailto: String,
    /// The filled-in web address, when there is one.
    pub https: Option<String>,
}

impl UnsubscribeLinks {
    /// The link shown in the email: the web page when there is one.
    pub fn shown(&self) -> &str {
        self.https.as_deref().unwrap_or(&self.mailto)
    }
}

impl Unsubscribe {
    /// The links for one address. With a key, the mailto's subject carries
    /// the address's token too (`unsubscribe a@b.fi <token>`), so that
    /// `kirje inbox` can tell a request from the recipient's own message
    /// from one anybody could write.
    pub fn links(&self, email: &str) -> UnsubscribeLinks {
        let subject = match &self.key {
            Some(k) => format!("unsubscribe {} {}", key(email), k.token(email)),
            None => format!("unsubscribe {}", key(email)),
        };
        let mailto = format!(
            "mailto:{}?subject={}",
            self.mailto,
            utf8_percent_encode(&subject, QUERY)
        );
        let https = self.url_template.as_ref().map(|t| {
            let token = self
                .key
                .as_ref()
                .map(|k| k.token(email))
                .unwrap_or_default();
            t.replace(
                "{email}",
                &utf8_percent_encode(&key(email), QUERY).to_string(),
            )
            .replace("{token}", &token)
        });
        UnsubscribeLinks { mailto, https }
    }
}

/// A merge field the text asks for that the list does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub struct UnknownField {
    /// As written between the `%%`.
    pub field: String,
    /// The fields there are.
    pub known: Vec<String>,
}

impl UnknownField {
    /// The message in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        let f = &self.field;
        let known = self.known.join(", ");
        say(
            l,
            format!(
                "tekstissä on yhdistelykenttä `%%{f}%%`, mutta vastaanottajalistalla ei ole saraketta `{f}` (sarakkeet: {known})"
            ),
            format!(
                "texten har sammanfogningsfältet `%%{f}%%`, men mottagarlistan har ingen kolumn `{f}` (kolumner: {known})"
            ),
            format!(
                "the text uses the merge field `%%{f}%%`, but the recipient list has no column `{f}` (columns: {known})"
            ),
        )
    }
}

pub use kirje_core::merge::Escape;

/// The values for one recipient's merge fields: `email`, `name`, every
/// extra column, and `UNSUBSCRIBE_URL`.
pub fn merge_values(
    recipient: &Recipient,
    links: &UnsubscribeLinks,
    columns: &[String],
) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for c in columns {
        values.insert(c.clone(), String::new());
    }
    values.extend(recipient.fields.clone());
    values.insert("email".to_owned(), recipient.email.clone());
    values.insert(
        "name".to_owned(),
        recipient.name.clone().unwrap_or_default(),
    );
    values.insert(UNSUBSCRIBE_FIELD.to_owned(), links.shown().to_owned());
    values
}

/// Replaces every `%%field%%` and `%%field|fallback%%` by its value (see
/// [`kirje_core::merge::fill`]; field names are matched case-insensitively,
/// except `%%UNSUBSCRIBE_URL%%`).
pub fn fill(
    template: &str,
    values: &BTreeMap<String, String>,
    escape: Escape,
) -> Result<String, UnknownField> {
    kirje_core::merge::fill(template, values, escape).map_err(|missing| UnknownField {
        field: missing.0,
        known: values
            .keys()
            .filter(|k| *k != UNSUBSCRIBE_FIELD)
            .cloned()
            .collect(),
    })
}

/// `<kirje.2021-05.3f2a…@isonet.fi>`: one per edition and recipient, the
/// same on every run, so a resent copy is recognisably the same message.
pub fn message_id(edition: &str, email: &str, domain: &str) -> String {
    let digest = Sha256::digest(key(email).as_bytes());
    let hex: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
    let edition: String = edition
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("<kirje.{edition}.{hex}@{domain}>")
}

/// Sets the headers that differ per recipient: Message-ID and
/// `List-Unsubscribe` (mailto always; the web address with
/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` when it is https, as
/// RFC 8058 asks).
pub fn set_headers(message: &mut Message, message_id: &str, links: &UnsubscribeLinks) {
    let headers = message.headers_mut();
    headers.insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("Message-ID"),
        message_id.to_owned(),
    ));
    let mut list = format!("<{}>", links.mailto);
    if let Some(https) = links.https.as_deref().filter(|u| u.starts_with("https://")) {
        list = format!("<{https}>, {list}");
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".to_owned(),
        ));
    }
    headers.insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("List-Unsubscribe"),
        list,
    ));
}

/// Sets `Date:` to the moment the message is built for sending (RFC 5322,
/// `Sun, 06 Dec 2026 09:14:03 +0200`), replacing the edition's date that
/// kirje-email puts there: a newsletter dated days before it arrives is
/// sorted among old mail, and spam filters count a date in the past.
pub fn set_date(message: &mut Message, date: &str) {
    message.headers_mut().insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("Date"),
        date.to_owned(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<String, String> {
        let r = Recipient {
            email: "Maija@example.org".into(),
            name: Some("Maija <M> & co".into()),
            lang: None,
            fields: vec![("organisation".to_owned(), "Kunta".to_owned())],
            line: 2,
        };
        let links = UnsubscribeLinks {
            mailto: "mailto:l@x.fi?subject=unsubscribe".into(),
            https: Some("https://x.fi/u?e=a&t=b".into()),
        };
        merge_values(&r, &links, &["extra".to_owned()])
    }

    #[test]
    fn fills_fields_escaped_for_html() {
        let v = values();
        let html = fill(
            "<p>Hei %%name%%, %%Organisation%% %%extra%%</p><a href=\"%%UNSUBSCRIBE_URL%%\">x</a> 100%% %%not a field%%",
            &v,
            Escape::Html,
        )
        .expect("known fields");
        assert_eq!(
            html,
            "<p>Hei Maija &lt;M&gt; &amp; co, Kunta</p><a href=\"https://x.fi/u?e=a&amp;t=b\">x</a> 100%% %%not a field%%"
        );
        let text = fill("Hei %%name%%: %%UNSUBSCRIBE_URL%%", &v, Escape::Text).expect("known");
        assert_eq!(text, "Hei Maija <M> & co: https://x.fi/u?e=a&t=b");
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e = fill("Hei %%nimi%%", &values(), Escape::Text).expect_err("unknown");
        assert_eq!(e.field, "nimi");
        assert!(
            e.text(Lang::En)
                .contains("columns: email, extra, name, organisation")
        );
    }

    #[test]
    fn tokens_verify_and_do_not_transfer() {
        let k = UnsubscribeKey::new(b"0123456789abcdef0123\n").expect("long enough");
        let t = k.token("Maija@Example.org");
        assert_eq!(t.len(), 43);
        assert!(k.verify("maija@example.org", &t));
        assert!(!k.verify("matti@example.org", &t));
        let other = UnsubscribeKey::new(b"another secret of 16+").expect("long enough");
        assert!(!other.verify("maija@example.org", &t));
        assert!(UnsubscribeKey::new(b"short").is_none());
        assert_eq!(format!("{k:?}"), "UnsubscribeKey(…)");
    }

    #[test]
    fn links() {
        let u = Unsubscribe {
            mailto: "lumo@isonet.fi".into(),
            url_template: Some("https://isonet.fi/peru?e={email}&t={token}".into()),
            key: UnsubscribeKey::new(b"0123456789abcdef"),
        };
        let l = u.links("A+b@example.org");
        let token = u.key.as_ref().map(|k| k.token("a+b@example.org"));
        assert_eq!(
            Some(l.mailto.clone()),
            token.map(|t| format!(
                "mailto:lumo@isonet.fi?subject=unsubscribe%20a%2Bb%40example.org%20{t}"
            ))
        );
        let https = l.https.expect("template");
        assert!(
            https.starts_with("https://isonet.fi/peru?e=a%2Bb%40example.org&t="),
            "{https}"
        );
        let without = Unsubscribe {
            url_template: None,
            key: None,
            ..u
        };
        assert_eq!(
            without.links("a@example.org").shown(),
            "mailto:lumo@isonet.fi?subject=unsubscribe%20a%40example.org"
        );
    }

    #[test]
    fn message_ids_are_stable_and_distinct() {
        let a = message_id("2021-05", "Maija@example.org", "isonet.fi");
        assert_eq!(a, message_id("2021-05", "maija@example.org", "isonet.fi"));
        assert_ne!(a, message_id("2021-05", "matti@example.org", "isonet.fi"));
        assert_ne!(a, message_id("2021-06", "maija@example.org", "isonet.fi"));
        assert!(
            a.starts_with("<kirje.2021-05.") && a.ends_with("@isonet.fi>"),
            "{a}"
        );
    }
}
