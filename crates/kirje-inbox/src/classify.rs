//! What one returned message is: a bounce, a complaint, an unsubscribe
//! request, an automatic reply, or something kirje leaves alone.
//!
//! The MIME structure, encoded words and charsets are `mail-parser`'s. Our
//! own code reads the report parts it does not interpret: the per-recipient
//! fields of a delivery status notification (RFC 3464), the fields of an
//! abuse report (RFC 5965), and the plain-text bounces of servers that send
//! no report (Exim, qmail, older Exchange).

use std::collections::{HashMap, HashSet};

use kirje_core::email_addr::normalize_email;
use kirje_send::personalise::UnsubscribeKey;
use kirje_send::recipients::key;
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

/// The most of a message kirje reads: report parts come first, and a 50 MB
/// attachment after them is never needed.
pub const READ_LIMIT: usize = 2 * 1024 * 1024;

/// What kirje knows of what it sent, to match what comes back.
#[derive(Debug, Default)]
pub struct Known<'a> {
    /// The Message-IDs kirje set (without angle brackets), each with its
    /// edition and recipient.
    pub sent: HashMap<String, (String, String)>,
    /// Every address kirje sent to (journal keys).
    pub recipients: HashSet<String>,
    /// The address unsubscribe requests are sent to (`unsubscribe_mailto`).
    pub unsubscribe_to: Option<String>,
    /// The key that signed the tokens in the unsubscribe links.
    pub key: Option<&'a UnsubscribeKey>,
    /// The authserv-id of the user's own mail server, whose
    /// `Authentication-Results` kirje trusts (RFC 8601).
    pub authserv_id: Option<String>,
}

/// How an unsubscribe request was shown to come from the subscriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// The token of the link kirje sent verifies.
    Token,
    /// The user's own server found DMARC passing for the subscriber's From.
    Dmarc,
}

/// Why a message was not acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Not a message mail-parser can read, or empty.
    Unreadable,
    /// A bounce or complaint for an address kirje never sent to.
    NeverSent,
    /// An unsubscribe request without a valid token or a DMARC pass for
    /// the address it names.
    Unproven,
    /// A report kirje could not find a recipient in.
    NoRecipient,
    /// Not a bounce, complaint, unsubscribe request or automatic reply.
    NotForKirje,
}

/// What a message says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Delivery failed for `address`: for good (5.x.x) or this time (4.x.x).
    Bounce {
        /// The recipient, normalised.
        address: String,
        /// 5.x.x: the address does not work.
        permanent: bool,
        /// The enhanced status code ("5.1.1") or the reply code.
        status: String,
        /// The edition, when the bounce names kirje's message.
        edition: Option<String>,
    },
    /// The recipient marked the message as spam (an ARF abuse report).
    Complaint {
        /// The recipient.
        address: String,
        /// The edition, when the report names kirje's message.
        edition: Option<String>,
    },
    /// The recipient asked to be taken off the list.
    Unsubscribe {
        /// The address to take off.
        address: String,
        /// How the request was shown to be the subscriber's.
        proof: Proof,
    },
    /// An out-of-office or other automatic reply: nothing to do.
    AutoReply,
    /// Kirje does nothing with it; it is counted, and listed when it
    /// needs a person's look.
    Skipped {
        /// Why.
        why: Why,
        /// The address it named, if any (shown on the terminal only).
        address: Option<String>,
    },
}

/// Classifies one message as it came from the mailbox (its first
/// [`READ_LIMIT`] bytes are enough).
pub fn classify(raw: &[u8], known: &Known) -> Vec<Verdict> {
    let raw = &raw[..raw.len().min(READ_LIMIT)];
    let Some(message) = MessageParser::default().parse(raw) else {
        return vec![skipped(Why::Unreadable, None)];
    };
    if message.headers().is_empty() {
        return vec![skipped(Why::Unreadable, None)];
    }
    if let Some(found) = report(&message, known) {
        return found;
    }
    if let Some(found) = plain_bounce(&message, known) {
        return found;
    }
    // Before unsubscribe requests: an out-of-office reply can quote the
    // subject of the message it answers.
    if is_auto_reply(&message) {
        return vec![Verdict::AutoReply];
    }
    if let Some(found) = unsubscribe(&message, known) {
        return vec![found];
    }
    vec![skipped(Why::NotForKirje, None)]
}

fn skipped(why: Why, address: Option<String>) -> Verdict {
    Verdict::Skipped { why, address }
}

/// `multipart/report`: a delivery status notification or an abuse report.
fn report(message: &Message, known: &Known) -> Option<Vec<Verdict>> {
    let ct = message.content_type()?;
    if !ct.ctype().eq_ignore_ascii_case("multipart")
        || !ct.subtype()?.eq_ignore_ascii_case("report")
    {
        return None;
    }
    let kind = ct
        .attribute("report-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let original = original_message_id(message);
    let sent = original.as_deref().and_then(|id| known.sent.get(id));
    match kind.as_str() {
        "delivery-status" => {
            let fields = part_text(message, &["delivery-status", "global-delivery-status"])?;
            let mut out = Vec::new();
            for block in fields_blocks(&fields).into_iter().skip(1) {
                let Some(address) = recipient_of(&block) else {
                    continue;
                };
                let action = field(&block, "action")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let status = field(&block, "status").unwrap_or_default();
                let status = status.split_whitespace().next().unwrap_or("").to_owned();
                let permanent = match action.as_str() {
                    "failed" => !status.starts_with('4'),
                    "delayed" => false,
                    // Delivered, relayed, expanded: nothing went wrong.
                    _ => continue,
                };
                out.push(bounce(address, permanent, status, sent, known));
            }
            if out.is_empty() {
                out.push(skipped(Why::NoRecipient, None));
            }
            Some(out)
        }
        "feedback-report" => {
            let fields = part_text(message, &["feedback-report"])?;
            let block = fields_blocks(&fields)
                .into_iter()
                .next()
                .unwrap_or_default();
            let address = field(&block, "original-rcpt-to")
                .and_then(|a| normalize_email(&a).ok())
                .or_else(|| sent.map(|(_, to)| to.clone()));
            Some(vec![match address {
                Some(address) if known.recipients.contains(&key(&address)) => Verdict::Complaint {
                    edition: sent.map(|(e, _)| e.clone()),
                    address,
                },
                Some(address) => skipped(Why::NeverSent, Some(address)),
                None => skipped(Why::NoRecipient, None),
            }])
        }
        _ => None,
    }
}

/// A bounce of `address`, checked against what kirje sent.
fn bounce(
    address: String,
    permanent: bool,
    status: String,
    sent: Option<&(String, String)>,
    known: &Known,
) -> Verdict {
    if !known.recipients.contains(&key(&address)) {
        return skipped(Why::NeverSent, Some(address));
    }
    let edition = sent
        .filter(|(_, to)| key(to) == key(&address))
        .map(|(e, _)| e.clone());
    Verdict::Bounce {
        address,
        permanent,
        status,
        edition,
    }
}

/// The text of the first part whose type is `message/<subtype>` for one of
/// `subtypes` (report parts arrive as binary or text, by the parser's
/// choice).
fn part_text(message: &Message, subtypes: &[&str]) -> Option<String> {
    message.parts.iter().find_map(|part| {
        let ct = part.content_type()?;
        let sub = ct.subtype()?.to_ascii_lowercase();
        if !ct.ctype().eq_ignore_ascii_case("message") || !subtypes.contains(&sub.as_str()) {
            return None;
        }
        match &part.body {
            PartType::Text(t) => Some(t.to_string()),
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                Some(String::from_utf8_lossy(b).into_owned())
            }
            PartType::Message(m) => Some(String::from_utf8_lossy(m.raw_message()).into_owned()),
            _ => None,
        }
    })
}

/// The header-like blocks of a report, separated by blank lines, each as
/// (lower-case name, unfolded value) pairs.
fn fields_blocks(text: &str) -> Vec<Vec<(String, String)>> {
    let mut blocks = Vec::new();
    let mut block: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = block.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            block.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

fn field(block: &[(String, String)], name: &str) -> Option<String> {
    block
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// The recipient of a DSN block: its Original-Recipient when it is an
/// e-mail address (the address kirje sent to, before any forwarding),
/// else its Final-Recipient.
fn recipient_of(block: &[(String, String)]) -> Option<String> {
    ["original-recipient", "final-recipient"]
        .iter()
        .find_map(|name| {
            let value = field(block, name)?;
            let (kind, address) = value.split_once(';')?;
            let kind = kind.trim().to_ascii_lowercase();
            if kind != "rfc822" && kind != "utf-8" {
                return None;
            }
            normalize_email(address.trim()).ok()
        })
}

/// The Message-ID of the message that came back, from the returned
/// message or its headers, or from any `<kirje.…>` id in the text.
fn original_message_id(message: &Message) -> Option<String> {
    for part in &message.parts {
        if let PartType::Message(m) = &part.body
            && let Some(id) = m.message_id()
        {
            return Some(id.to_owned());
        }
        let Some(ct) = part.content_type() else {
            continue;
        };
        let sub = ct.subtype().unwrap_or("").to_ascii_lowercase();
        if sub == "rfc822-headers" || sub == "rfc822" {
            let bytes: &[u8] = match &part.body {
                PartType::Text(t) => t.as_bytes(),
                PartType::Binary(b) | PartType::InlineBinary(b) => b,
                _ => continue,
            };
            if let Some(id) = MessageParser::default()
                .parse_headers(bytes)
                .and_then(|m| m.message_id().map(str::to_owned))
            {
                return Some(id);
            }
        }
    }
    kirje_id_in(&String::from_utf8_lossy(message.raw_message()))
}

/// The first `kirje.…@…` Message-ID quoted in `text`.
fn kirje_id_in(text: &str) -> Option<String> {
    let start = text.find("<kirje.")? + 1;
    let end = text[start..].find('>')? + start;
    let id = &text[start..end];
    (id.contains('@') && !id.contains(char::is_whitespace)).then(|| id.to_owned())
}

/// Bounces without a report: headers and text of the servers that write
/// them so (Exim's `X-Failed-Recipients`, qmail's "<address>:" paragraphs,
/// "Undeliverable"/"Mail delivery failed" notices).
fn plain_bounce(message: &Message, known: &Known) -> Option<Vec<Verdict>> {
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or("")
        .to_ascii_lowercase();
    let subject = message.subject().unwrap_or("").to_lowercase();
    let from_daemon = ["mailer-daemon", "postmaster", "mail-daemon"]
        .iter()
        .any(|d| from.starts_with(d));
    let failed_header: Vec<String> = message
        .header_values("X-Failed-Recipients")
        .filter_map(|v| v.as_text())
        .flat_map(|v| {
            v.split(',')
                .map(str::trim)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let bounce_subject = [
        "undeliver",
        "delivery status notification",
        "mail delivery failed",
        "failure notice",
        "returned mail",
        "delivery failure",
        "non remis",
        "onbestelbaar",
        "unzustellbar",
        "ei voitu toimittaa",
        "kunde inte levereras",
    ]
    .iter()
    .any(|s| subject.contains(s));
    if failed_header.is_empty() && !(from_daemon && bounce_subject) {
        return None;
    }
    let text: String = message
        .text_bodies()
        .filter_map(|p| p.text_contents())
        .collect::<Vec<_>>()
        .join("\n");
    let mut addresses: Vec<String> = failed_header
        .iter()
        .filter_map(|a| normalize_email(a).ok())
        .collect();
    if addresses.is_empty() {
        addresses = addresses_in_text(&text)
            .into_iter()
            .filter(|a| known.recipients.contains(&key(a)))
            .collect();
    }
    let status = status_in(&text);
    let lower = text.to_lowercase();
    let permanent = !status.starts_with('4')
        && !["delayed", "will retry", "still trying", "temporar"]
            .iter()
            .any(|w| lower.contains(w) || subject.contains(w));
    let original = original_message_id(message);
    let sent = original.as_deref().and_then(|id| known.sent.get(id));
    if addresses.is_empty() {
        // Whose message this was is unknown; the id tells, if kirje's.
        return Some(vec![match sent {
            Some((_, to)) => bounce(to.clone(), permanent, status, sent, known),
            None => skipped(Why::NoRecipient, None),
        }]);
    }
    addresses.sort();
    addresses.dedup();
    Some(
        addresses
            .into_iter()
            .map(|a| bounce(a, permanent, status.clone(), sent, known))
            .collect(),
    )
}

/// Addresses written in a bounce's text, in `<…>` or on their own.
fn addresses_in_text(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '(' | ')' | ',' | ';')
    })
    .map(|w| w.trim_end_matches([':', '.']))
    .filter(|w| w.contains('@'))
    .filter_map(|w| normalize_email(w).ok())
    .collect()
}

/// The first enhanced status code ("5.1.1") in the text, else the first
/// SMTP reply code ("550"), else "5.0.0".
fn status_in(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let enhanced = words.iter().find(|w| {
        let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
        parts.len() == 3
            && matches!(parts[0], "4" | "5")
            && parts[1..].iter().all(|p| (1..=3).contains(&p.len()))
    });
    if let Some(code) = enhanced {
        return code.trim_end_matches('.').to_owned();
    }
    words
        .iter()
        .find(|w| w.len() == 3 && (w.starts_with('4') || w.starts_with('5')))
        .map_or_else(|| "5.0.0".to_owned(), |c| (*c).to_owned())
}

/// An unsubscribe request: the subject kirje's links set
/// ("unsubscribe <address> [<token>]"), or a request in words sent to the
/// unsubscribe address ("Peru tilaus", "Avsluta prenumerationen"). The
/// unsubscribe address is often the sender's own, where all other replies
/// arrive too, so the address alone does not make a request.
fn unsubscribe(message: &Message, known: &Known) -> Option<Verdict> {
    let subject = message.subject().unwrap_or("").trim();
    let mut words = subject.split_whitespace();
    let first = words.next().unwrap_or("").to_ascii_lowercase();
    let to_list = known.unsubscribe_to.as_deref().is_some_and(|u| {
        message
            .to()
            .into_iter()
            .flat_map(|a| a.iter())
            .filter_map(|a| a.address())
            .any(|a| a.eq_ignore_ascii_case(u))
    });
    let lower = subject.to_lowercase();
    let asks = [
        "unsubscribe",
        "peru tilaus",
        "peruutus",
        "poista minut",
        "avsluta prenumeration",
        "avregistrera",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if first != "unsubscribe" && !(to_list && asks) {
        return None;
    }
    if first != "unsubscribe" {
        // A request in words names no address: the sender's own.
        words = "".split_whitespace();
    }
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .and_then(|a| normalize_email(a).ok());
    let named = words.next().and_then(|a| normalize_email(a).ok());
    let token = words.next();
    let Some(address) = named.clone().or_else(|| from.clone()) else {
        return Some(skipped(Why::NoRecipient, None));
    };
    if !known.recipients.contains(&key(&address)) {
        return Some(skipped(Why::NeverSent, Some(address)));
    }
    if let (Some(k), Some(t)) = (known.key, token)
        && k.verify(&address, t)
    {
        return Some(Verdict::Unsubscribe {
            address,
            proof: Proof::Token,
        });
    }
    let from_is_subscriber = from.as_deref().is_some_and(|f| key(f) == key(&address));
    if from_is_subscriber && dmarc_pass(message, known, &address) {
        return Some(Verdict::Unsubscribe {
            address,
            proof: Proof::Dmarc,
        });
    }
    Some(skipped(Why::Unproven, Some(address)))
}

/// Whether an `Authentication-Results` header of the user's own server
/// (its authserv-id) says DMARC passed for the From's domain (RFC 8601).
/// Headers of other servers are ignored: anybody can write one.
fn dmarc_pass(message: &Message, known: &Known, address: &str) -> bool {
    let Some(id) = known.authserv_id.as_deref() else {
        return false;
    };
    let domain = address
        .rsplit_once('@')
        .map_or("", |(_, d)| d)
        .to_ascii_lowercase();
    message
        .header_values("Authentication-Results")
        .filter_map(|v| v.as_text())
        .any(|v| {
            let mut parts = v.split(';');
            let serv = parts
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("");
            serv.eq_ignore_ascii_case(id)
                && parts.any(|p| {
                    let p = p.trim().to_ascii_lowercase();
                    p.starts_with("dmarc=pass")
                        && p.split_whitespace()
                            .any(|w| w == format!("header.from={domain}"))
                })
        })
}

/// RFC 3834 `Auto-Submitted`, the headers of common responders, and the
/// subjects of out-of-office replies in Finnish, Swedish and English.
fn is_auto_reply(message: &Message) -> bool {
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    if header("Auto-Submitted").is_some_and(|v| !v.starts_with("no")) {
        return true;
    }
    if ["X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"]
        .iter()
        .any(|h| header(h).is_some())
    {
        return true;
    }
    if header("Precedence").is_some_and(|v| v == "auto_reply") {
        return true;
    }
    let subject = message.subject().unwrap_or("").to_lowercase();
    [
        "automatic reply",
        "auto reply",
        "autoreply",
        "out of office",
        "automaattinen vastaus",
        "poissa",
        "lomalla",
        "autosvar",
        "frånvaro",
    ]
    .iter()
    .any(|s| subject.contains(s))
}
