//! The message itself, built with lettre: multipart/alternative with the
//! plain text first and the HTML second, the HTML wrapped in
//! multipart/related with its `cid:` images when there are any.
//!
//! Everything that could vary between builds is derived from the content:
//! the Message-ID from the project, edition and language; the Date from the
//! edition's date at 09:00 Helsinki time; the MIME boundaries from a hash of
//! the Message-ID and the parts' lengths, lengthened while a part contains
//! one. lettre encodes the Subject and display names (RFC 2047).

use kirje_core::view::View;
use kirje_core::{Diagnostic, Msg};
use lettre::Message;
use lettre::address::Address;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};

use crate::assets::InlineImage;
use crate::ics::fnv1a;
use crate::time::edition_moment;

/// The file the sender is configured in.
const SETTINGS: &str = "kirje.toml";

/// Builds the message for one recipient, or the sample message addressed to
/// the sender when `to` is `None`. `html` and `text` are the
/// outputs of [`email_html`](crate::email_html) and
/// [`email_text`](crate::email_text), with the unsubscribe token already
/// replaced when sending; `images` are the `cid:` parts the HTML refers to
/// (see [`inline_images`](crate::inline_images)).
pub fn message(
    view: &View,
    html: &str,
    text: &str,
    images: &[InlineImage],
    to: Option<Mailbox>,
) -> Result<Message, Vec<Diagnostic>> {
    message_with(view, html, text, images, to, &[])
}

/// A file attached to the message (the newsletter PDF).
#[derive(Debug, Clone)]
pub struct Attached {
    /// The name the reader sees: `LUMO-hankekirje-2021-05.pdf`.
    pub file_name: String,
    /// `application/pdf`.
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// [`message`] with files attached: the message becomes
/// multipart/mixed with the text and HTML first and the files after.
pub fn message_with(
    view: &View,
    html: &str,
    text: &str,
    images: &[InlineImage],
    to: Option<Mailbox>,
    attachments: &[Attached],
) -> Result<Message, Vec<Diagnostic>> {
    message_one(view, html, text, images, to, attachments).map_err(|d| vec![*d])
}

fn message_one(
    view: &View,
    html: &str,
    text: &str,
    images: &[InlineImage],
    to: Option<Mailbox>,
    attachments: &[Attached],
) -> Result<Message, Box<Diagnostic>> {
    let from = sender(view)?;
    let date = edition_moment(&view.edition.date_iso).ok_or_else(|| {
        diagnostic(
            SETTINGS,
            None,
            Msg::DateFormat {
                value: view.edition.date_iso.clone(),
            },
        )
    })?;
    // The boundaries only need to be the same on every build and absent
    // from the parts; a clash is checked below. Hashing all 100 kB of the
    // parts for the seed was a quarter of building a message.
    let seed = fnv1a(format!("{}\0{}\0{}", message_id(view), html.len(), text.len()).as_bytes());
    let clash = html.contains("kirje-") || text.contains("kirje-");
    let boundary = |kind: &str| {
        let mut b = format!("kirje-{kind}-{seed:016x}");
        // One scan in the usual case: content that never says `kirje-`
        // cannot contain a boundary.
        if clash {
            while html.contains(&b) || text.contains(&b) {
                b.push('x');
            }
        }
        b
    };

    let text_part = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(crlf(text));
    let html_part = SinglePart::builder()
        .header(ContentType::TEXT_HTML)
        // Base64 rather than the quoted-printable lettre would choose: the
        // HTML is most of every message, and quoted-printable encoding it
        // was a third of the cost of personalising a message (callgrind).
        .body(Body::dangerous_pre_encoded(
            base64_lines(&crlf(html)),
            ContentTransferEncoding::Base64,
        ));
    let alternative = MultiPart::alternative()
        .boundary(boundary("alt"))
        .singlepart(text_part);
    let alternative = if images.is_empty() {
        alternative.singlepart(html_part)
    } else {
        let mut related = MultiPart::related()
            .boundary(boundary("rel"))
            .singlepart(html_part);
        for image in images {
            let content_type = content_type(&image.content_type);
            related = related.singlepart(
                Attachment::new_inline_with_name(image.content_id.clone(), image.file_name.clone())
                    .body(image.bytes.clone(), content_type),
            );
        }
        alternative.multipart(related)
    };

    let mut builder = Message::builder()
        .from(from.clone())
        .subject(one_line(&view.edition.title))
        .message_id(Some(message_id(view)))
        // A fixed instant, so lettre does not read the clock; the header is
        // rewritten below with Helsinki's offset.
        .date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(date.to_unix().max(0) as u64))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            view.lang.to_string(),
        ));
    if let Some(reply) = view.sender.as_ref().and_then(|s| s.reply_to.as_deref()) {
        match reply.parse::<Address>() {
            Ok(a) => builder = builder.reply_to(Mailbox::new(None, a)),
            Err(_) => return Err(email_invalid(reply)),
        }
    }
    // The sample is addressed to the sender, as a newsletter sent with
    // blind copies is: `undisclosed-recipients:;` with sums of money in the
    // text is a spam sign (SpamAssassin's UNDISC_MONEY).
    builder = builder.to(to.unwrap_or_else(|| from.clone()));
    let body = if attachments.is_empty() {
        alternative
    } else {
        let mut mixed = MultiPart::mixed()
            .boundary(boundary("mix"))
            .multipart(alternative);
        for a in attachments {
            let content_type = content_type(&a.content_type);
            mixed = mixed.singlepart(
                Attachment::new(a.file_name.clone()).body(a.bytes.clone(), content_type),
            );
        }
        mixed
    };
    let mut msg = builder.multipart(body).map_err(|e| {
        diagnostic(
            SETTINGS,
            None,
            Msg::InvalidValue {
                detail: e.to_string(),
            },
        )
    })?;
    msg.headers_mut().insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("Date"),
        date.rfc5322(),
    ));
    Ok(msg)
}

/// `<kirje.2021-05.fi.LUMO@isonet.fi>`: the same message on every build.
pub fn message_id(view: &View) -> String {
    format!(
        "<kirje.{}.{}.{}@{}>",
        atom(&view.edition.id),
        view.lang,
        atom(&view.project.acronym),
        crate::sender_domain(view)
    )
}

/// The From mailbox, or why there is none.
fn sender(view: &View) -> Result<Mailbox, Box<Diagnostic>> {
    let s = view.sender.as_ref().ok_or_else(|| {
        diagnostic(
            SETTINGS,
            None,
            Msg::MissingField {
                field: "sender".to_owned(),
            },
        )
    })?;
    let address: Address = s
        .email
        .parse()
        .map_err(|_: lettre::address::AddressError| email_invalid(&s.email))?;
    Ok(Mailbox::new(Some(one_line(&s.name)), address))
}

/// An address lettre will not write into a header, with kirje's reason
/// (or, when kirje's own reading accepts it, that the header refuses it).
fn email_invalid(value: &str) -> Box<Diagnostic> {
    let reason = kirje_core::email_addr::normalize_email(value)
        .err()
        .unwrap_or(kirje_core::email_addr::EmailError::NotSendable);
    diagnostic(
        SETTINGS,
        None,
        Msg::EmailInvalid {
            value: value.to_owned(),
            reason,
        },
    )
}

fn diagnostic(file: &str, span: Option<std::ops::Range<usize>>, msg: Msg) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(file, span, msg))
}

/// A header text on one line: line breaks and other control characters
/// become spaces, so a title can never start a header of its own.
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Characters a Message-ID's left part may hold; anything else becomes `-`.
fn atom(s: &str) -> String {
    let a: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if a.is_empty() { "x".to_owned() } else { a }
}

/// Line ends as CRLF, as a message body wants them.
/// A part's content type, `application/octet-stream` when it cannot be read.
fn content_type(s: &str) -> ContentType {
    ContentType::parse(s)
        .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("valid"))
}

/// `s` with CRLF line ends (RFC 5322), in one pass.
fn crlf(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 32 + 2);
    let mut rest = s;
    while let Some(i) = rest.find('\n') {
        let line = &rest[..i];
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push_str("\r\n");
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` as base64 in lines of 76 characters joined by CRLF (RFC 2045):
/// encoded in one go and then cut, which is several times faster than
/// encoding line by line as lettre does.
fn base64_lines(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = Vec::with_capacity(encoded.len() + encoded.len() / 76 * 2 + 2);
    for (i, line) in encoded.as_bytes().chunks(76).enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_base64_lines() {
        assert_eq!(crlf("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
        let text = "ä".repeat(100);
        let lines = String::from_utf8(base64_lines(&text)).expect("ascii");
        assert!(lines.split("\r\n").all(|l| l.len() <= 76));
        use base64::Engine as _;
        let back = base64::engine::general_purpose::STANDARD
            .decode(lines.replace("\r\n", ""))
            .expect("base64");
        assert_eq!(back, text.as_bytes());
    }

    #[test]
    fn one_line_removes_breaks() {
        assert_eq!(one_line("a\r\nBcc: x@y.fi\tb  c"), "a Bcc: x@y.fi b c");
    }

    #[test]
    fn atoms() {
        assert_eq!(atom("LUMO"), "LUMO");
        assert_eq!(atom("Lumo hanke/ä"), "Lumo-hanke--");
    }
}
