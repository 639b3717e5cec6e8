//! E-mail addresses: read as people write them on web pages, checked, and
//! given back in one plain form.
//!
//! Accepted on the way in: surrounding spaces, a `mailto:` prefix, angle
//! brackets (`<a@b.fi>`), and the anti-spam spellings `[at]`, `(at)`,
//! `[dot]`, `(dot)` with or without spaces around them
//! ("marika.huupponen [at] essote.fi"). A bare " at " is *not* read as "@":
//! it is too easily part of a sentence.
//!
//! Checked: exactly one "@"; a local part of dot-atom characters (RFC 5322,
//! no quoted forms), at most 64 octets; a domain of at least two labels of
//! letters, digits and hyphens, where letters may be non-ASCII (Finnish
//! domains such as "sähkö.fi" exist); an alphabetic top-level domain of two
//! or more letters (or an "xn--" A-label); at most 254 octets in all.
//! Control characters are never accepted anywhere, not even as surrounding
//! whitespace, since an address may end up in a mail header.
//!
//! The domain is lowercased (domains are case-insensitive); the local part
//! is kept as written, since its case may matter to the receiving server.

/// Why a string is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmailError {
    /// Nothing but spaces (after removing `mailto:` and angle brackets).
    #[error("the e-mail address is empty")]
    Empty,
    /// A control character (such as a line break) or an invisible
    /// formatting character; these could inject mail headers.
    #[error("the e-mail address contains the control character U+{:04X}", u32::from(*ch))]
    ControlCharacter {
        /// The character.
        ch: char,
    },
    /// No "@".
    #[error("the e-mail address has no @")]
    MissingAt,
    /// More than one "@".
    #[error("the e-mail address has more than one @")]
    MultipleAt,
    /// Nothing before the "@".
    #[error("the e-mail address has nothing before the @")]
    EmptyLocal,
    /// More than 64 octets before the "@".
    #[error("the part before the @ is too long ({len} octets, at most 64)")]
    LocalTooLong {
        /// Its length in octets.
        len: usize,
    },
    /// A character not allowed before the "@" (such as a space or a comma).
    #[error("the character {ch:?} is not allowed before the @")]
    InvalidLocalChar {
        /// The character.
        ch: char,
    },
    /// A letter outside ASCII before the "@" ("määttä@example.fi"). Such an
    /// address needs SMTPUTF8 (RFC 6531) all the way to the mailbox, which
    /// many servers do not offer; kirje refuses it before anything is sent
    /// rather than send to some servers and fail at others.
    #[error("the letter {ch:?} before the @ needs a mail server with SMTPUTF8, which many lack")]
    NonAsciiLocal {
        /// The first such letter.
        ch: char,
    },
    /// A period at the start or end of the local part, or two in a row.
    #[error("the part before the @ starts or ends with a period or has two in a row")]
    InvalidLocalDot,
    /// Nothing after the "@".
    #[error("the e-mail address has nothing after the @")]
    EmptyDomain,
    /// A character not allowed in a domain name.
    #[error("the character {ch:?} is not allowed in the domain")]
    InvalidDomainChar {
        /// The character.
        ch: char,
    },
    /// A domain without a period: "name@localhost".
    #[error("the domain {domain:?} has no top-level domain such as .fi")]
    MissingTld {
        /// The domain as written (lowercased).
        domain: String,
    },
    /// A domain with an empty label: "a@b..fi", "a@.b.fi", "a@b.fi.".
    #[error("the domain {domain:?} has an empty part between periods")]
    EmptyDomainLabel {
        /// The domain (lowercased).
        domain: String,
    },
    /// A domain label that starts or ends with a hyphen.
    #[error("the domain label {label:?} starts or ends with a hyphen")]
    DomainLabelHyphen {
        /// The label.
        label: String,
    },
    /// A domain label longer than 63 octets.
    #[error("the domain label {label:?} is longer than 63 octets")]
    DomainLabelTooLong {
        /// The label.
        label: String,
    },
    /// A top-level domain that is not two or more letters.
    #[error("{tld:?} is not a top-level domain")]
    InvalidTld {
        /// The last label.
        tld: String,
    },
    /// A domain that IDNA (UTS #46) refuses: a malformed `xn--` label, a
    /// character no domain may hold.
    #[error("the domain {domain:?} is not a valid internationalised domain")]
    InvalidIdna {
        /// The domain.
        domain: String,
    },
    /// Valid here, but refused by the mail library that writes the message
    /// headers.
    #[error("the e-mail address cannot be written into a mail header")]
    NotSendable,
    /// More than 254 octets in all.
    #[error("the e-mail address is too long ({len} octets, at most 254)")]
    TooLong {
        /// Its length in octets.
        len: usize,
    },
}

/// Reads, checks and normalises an e-mail address:
/// "Marika.Huupponen [at] Essote.FI" becomes "Marika.Huupponen@essote.fi".
pub fn normalize_email(input: &str) -> Result<String, EmailError> {
    if let Some(ch) = input.chars().find(|&c| is_forbidden(c)) {
        return Err(EmailError::ControlCharacter { ch });
    }
    let address = deobfuscate(unwrap(input));
    if address.is_empty() {
        return Err(EmailError::Empty);
    }
    let mut parts = address.split('@');
    let (local, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => (local, domain),
        (_, None, _) => return Err(EmailError::MissingAt),
        _ => return Err(EmailError::MultipleAt),
    };
    check_local(local)?;
    let domain = idna_domain(domain)?;
    let normal = format!("{local}@{domain}");
    // Counted as it travels: the domain in its ASCII form.
    let len = local.len() + 1 + idna::domain_to_ascii(&domain).map_or(domain.len(), |a| a.len());
    if len > 254 {
        return Err(EmailError::TooLong { len });
    }
    Ok(normal)
}

/// Control characters, and the invisible characters that can hide or
/// reorder text (zero-width, bidirectional controls, line and paragraph
/// separators, the byte-order mark).
pub(crate) fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Strips surrounding spaces, angle brackets and `mailto:`, in either
/// order ("<mailto:a@b.fi>", "mailto:<a@b.fi>").
fn unwrap(input: &str) -> &str {
    let mut s = input.trim();
    loop {
        let before = s;
        if let Some(inner) = s.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            s = inner.trim();
        }
        if let Some(head) = s.get(..7)
            && head.eq_ignore_ascii_case("mailto:")
        {
            s = s[7..].trim();
        }
        if s == before {
            return s;
        }
    }
}

/// Replaces "[at]", "(at)", "[dot]" and "(dot)" (any case, spaces around
/// them dropped) with "@" and ".".
fn deobfuscate(s: &str) -> String {
    const TOKENS: [(&str, char); 4] =
        [("[at]", '@'), ("(at)", '@'), ("[dot]", '.'), ("(dot)", '.')];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'scan: while let Some(ch) = rest.chars().next() {
        for (token, replacement) in TOKENS {
            if let Some(head) = rest.get(..token.len())
                && head.eq_ignore_ascii_case(token)
            {
                out.truncate(out.trim_end().len());
                out.push(replacement);
                rest = rest[token.len()..].trim_start();
                continue 'scan;
            }
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// The local part: dot-atom text (RFC 5322 section 3.2.3), ASCII only:
/// an address with "ä" before the "@" reaches its mailbox only if every
/// server on the way offers SMTPUTF8 (RFC 6531), and the sender's own
/// server, the recipient's and any forwarder between are not known when
/// the list is checked. The domain may be internationalised: it travels
/// as its ASCII form.
fn check_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocal);
    }
    if let Some(ch) = local.chars().find(|&c| !is_atext(c) && c != '.') {
        if ch.is_alphanumeric() {
            return Err(EmailError::NonAsciiLocal { ch });
        }
        return Err(EmailError::InvalidLocalChar { ch });
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::InvalidLocalDot);
    }
    if local.len() > 64 {
        return Err(EmailError::LocalTooLong { len: local.len() });
    }
    Ok(())
}

/// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// The domain (already lowercased): labels of letters, digits and hyphens.
/// The domain as it is shown: UTS #46 mapped (lower case, full-width
/// letters narrowed, a decomposed `ä` composed), checked by our rules and
/// by IDNA's, with DNS's lengths counted on its ASCII (punycode) form.
fn idna_domain(domain: &str) -> Result<String, EmailError> {
    let lower = domain.to_lowercase();
    let (mapped, valid) = idna::domain_to_unicode(&lower);
    if valid.is_err() || mapped.is_empty() {
        // Our own rules first, for a reason a person can act on.
        check_domain(&lower)?;
        return Err(EmailError::InvalidIdna { domain: lower });
    }
    check_domain(&mapped)?;
    let ascii = idna::domain_to_ascii(&mapped).map_err(|_| EmailError::InvalidIdna {
        domain: mapped.clone(),
    })?;
    for (label, unicode) in ascii.split('.').zip(mapped.split('.')) {
        if label.len() > 63 {
            return Err(EmailError::DomainLabelTooLong {
                label: unicode.to_owned(),
            });
        }
    }
    Ok(mapped)
}

/// The address for the SMTP envelope and the message headers: its domain
/// in ASCII (IDNA A-labels, `info@xn--shk-qla6g.fi`), as a server that
/// does not offer SMTPUTF8 must be given it (RFC 6531). The local part
/// is ASCII already: [`normalize_email`] refuses any other.
pub fn envelope_address(email: &str) -> Result<String, EmailError> {
    let normal = normalize_email(email)?;
    let (local, domain) = normal.rsplit_once('@').ok_or(EmailError::MissingAt)?;
    let ascii = idna::domain_to_ascii(domain).map_err(|_| EmailError::InvalidIdna {
        domain: domain.to_owned(),
    })?;
    Ok(format!("{local}@{ascii}"))
}

/// The characters of a local part that a `mailto:` link must escape
/// (RFC 6068): those that end or restructure the address there.
const MAILTO_LOCAL: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'/')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A `mailto:` link to an address kirje accepted: the local part
/// percent-encoded where RFC 6068 needs it (`a?subject=x@b.fi` cannot add
/// a subject), the domain in its ASCII form.
pub fn mailto(email: &str) -> String {
    let envelope = envelope_address(email).unwrap_or_else(|_| email.to_owned());
    let (local, domain) = envelope.rsplit_once('@').unwrap_or((&envelope, ""));
    format!(
        "mailto:{}@{domain}",
        percent_encoding::utf8_percent_encode(local, MAILTO_LOCAL)
    )
}

fn check_domain(domain: &str) -> Result<(), EmailError> {
    if domain.is_empty() {
        return Err(EmailError::EmptyDomain);
    }
    if let Some(ch) = domain
        .chars()
        .find(|&c| !(c.is_alphanumeric() || c == '-' || c == '.'))
    {
        return Err(EmailError::InvalidDomainChar { ch });
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return Err(EmailError::EmptyDomainLabel {
            domain: domain.to_owned(),
        });
    }
    let [.., tld] = labels.as_slice() else {
        return Err(EmailError::EmptyDomain);
    };
    if labels.len() < 2 {
        return Err(EmailError::MissingTld {
            domain: domain.to_owned(),
        });
    }
    for label in &labels {
        if label.starts_with('-') || label.ends_with('-') {
            return Err(EmailError::DomainLabelHyphen {
                label: (*label).to_owned(),
            });
        }
        // 63 octets is DNS's limit. For a non-ASCII label the limit applies
        // to its punycode form, which is shorter than its UTF-8 for
        // Finnish and Swedish letters, so measuring UTF-8 errs on the
        // safe side.
        if label.len() > 63 {
            return Err(EmailError::DomainLabelTooLong {
                label: (*label).to_owned(),
            });
        }
    }
    let alphabetic = tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic);
    if !alphabetic && !tld.starts_with("xn--") {
        return Err(EmailError::InvalidTld {
            tld: (*tld).to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(input: &str) -> String {
        match normalize_email(input) {
            Ok(s) => s,
            Err(e) => panic!("{input:?}: {e}"),
        }
    }

    #[test]
    fn internationalised_domains_are_normalised_and_sent_as_a_labels() {
        // A decomposed ä is composed; full-width letters are narrowed.
        assert_eq!(ok("info@sa\u{308}hko\u{308}.fi"), "info@sähkö.fi");
        assert_eq!(ok("info@ＥＸＡＭＰＬＥ.fi"), "info@example.fi");
        assert_eq!(
            envelope_address("info@sähkö.fi").as_deref(),
            Ok("info@xn--shk-qla6g.fi")
        );
        assert_eq!(
            envelope_address("Maija@Example.FI").as_deref(),
            Ok("Maija@example.fi")
        );
        // A local part outside ASCII would need SMTPUTF8: refused with why.
        assert_eq!(
            envelope_address("määttä@example.fi"),
            Err(EmailError::NonAsciiLocal { ch: 'ä' })
        );
        assert_eq!(
            normalize_email("Ωmega@example.fi"),
            Err(EmailError::NonAsciiLocal { ch: 'Ω' })
        );
        // A malformed punycode label is no domain.
        assert!(matches!(
            normalize_email("a@xn--a.fi"),
            Err(EmailError::InvalidIdna { .. })
        ));
        // Every address kirje accepts is one lettre takes, in its envelope form.
        for a in ["info@sähkö.fi", "a.b+c@ö.example.fi", "x@EXAMPLE.com"] {
            let e = envelope_address(a).expect("envelope");
            assert!(e.is_ascii(), "{e}");
        }
    }

    #[test]
    fn mailto_links_cannot_be_bent() {
        assert_eq!(mailto("a?subject=hi@b.fi"), "mailto:a%3Fsubject=hi@b.fi");
        assert_eq!(mailto("a%0D%0Abcc=x@b.fi"), "mailto:a%250D%250Abcc=x@b.fi");
        assert_eq!(mailto("info@sähkö.fi"), "mailto:info@xn--shk-qla6g.fi");
        assert_eq!(
            mailto("maija.m+lumo@koske.fi"),
            "mailto:maija.m+lumo@koske.fi"
        );
    }

    #[test]
    fn accepts_what_people_write() {
        let cases = [
            ("marika.huupponen@essote.fi", "marika.huupponen@essote.fi"),
            (
                "marika.huupponen [at] essote.fi",
                "marika.huupponen@essote.fi",
            ),
            (
                "marika.huupponen[at]essote.fi",
                "marika.huupponen@essote.fi",
            ),
            ("name(at)org.fi", "name@org.fi"),
            ("name (AT) org (dot) fi", "name@org.fi"),
            ("name[at]org[dot]fi", "name@org.fi"),
            ("  a@b.fi\u{a0} ", "a@b.fi"),
            ("mailto:a@b.fi", "a@b.fi"),
            ("MAILTO:a@b.fi", "a@b.fi"),
            ("<a@b.fi>", "a@b.fi"),
            (" < a@b.fi > ", "a@b.fi"),
            ("<mailto:a@b.fi>", "a@b.fi"),
            ("mailto:<a@b.fi>", "a@b.fi"),
            ("Marika.Huupponen@Essote.FI", "Marika.Huupponen@essote.fi"),
            ("info@sähkö.fi", "info@sähkö.fi"),
            ("info@SÄHKÖ.FI", "info@sähkö.fi"),
            (
                "first.last+tag@sub.example.co.uk",
                "first.last+tag@sub.example.co.uk",
            ),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("a_b-c@x-y.fi", "a_b-c@x-y.fi"),
            ("a@b.xn--p1ai", "a@b.рф"),
            ("a@123.fi", "a@123.fi"),
        ];
        for (input, expected) in cases {
            assert_eq!(ok(input), expected, "{input:?}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        use EmailError::*;
        let long_local = "a".repeat(65);
        let long_label = format!("a@{}.fi", "b".repeat(64));
        let long_total = format!("a@{}.fi", vec!["b".repeat(60); 5].join("."));
        let long_total_len = long_total.len();
        let cases: Vec<(String, EmailError)> = vec![
            ("".into(), Empty),
            ("   ".into(), Empty),
            ("mailto:".into(), Empty),
            ("<>".into(), Empty),
            (
                "a@b.fi\r\nBcc: x@y.fi".into(),
                ControlCharacter { ch: '\r' },
            ),
            ("a@b.fi\n".into(), ControlCharacter { ch: '\n' }),
            ("\ta@b.fi".into(), ControlCharacter { ch: '\t' }),
            ("a\u{0}@b.fi".into(), ControlCharacter { ch: '\u{0}' }),
            ("a@b\u{200b}.fi".into(), ControlCharacter { ch: '\u{200b}' }),
            ("a@b.fi\u{202e}".into(), ControlCharacter { ch: '\u{202e}' }),
            ("ab.fi".into(), MissingAt),
            ("name at org.fi".into(), MissingAt),
            ("a@b@c.fi".into(), MultipleAt),
            ("a [at] b@c.fi".into(), MultipleAt),
            ("@b.fi".into(), EmptyLocal),
            (format!("{long_local}@b.fi"), LocalTooLong { len: 65 }),
            ("a b@c.fi".into(), InvalidLocalChar { ch: ' ' }),
            ("a,b@c.fi".into(), InvalidLocalChar { ch: ',' }),
            ("\"a b\"@c.fi".into(), InvalidLocalChar { ch: '"' }),
            ("äiti@c.fi".into(), NonAsciiLocal { ch: 'ä' }),
            ("Name <a@b.fi>".into(), InvalidLocalChar { ch: ' ' }),
            (".a@b.fi".into(), InvalidLocalDot),
            ("a.@b.fi".into(), InvalidLocalDot),
            ("a..b@c.fi".into(), InvalidLocalDot),
            ("a@".into(), EmptyDomain),
            ("a@b .fi".into(), InvalidDomainChar { ch: ' ' }),
            ("a@b_c.fi".into(), InvalidDomainChar { ch: '_' }),
            ("a@[192.0.2.1]".into(), InvalidDomainChar { ch: '[' }),
            (
                "mailto:a@b.fi?subject=x".into(),
                InvalidDomainChar { ch: '?' },
            ),
            (
                "a@localhost".into(),
                MissingTld {
                    domain: "localhost".into(),
                },
            ),
            (
                "a@b..fi".into(),
                EmptyDomainLabel {
                    domain: "b..fi".into(),
                },
            ),
            (
                "a@b.fi.".into(),
                EmptyDomainLabel {
                    domain: "b.fi.".into(),
                },
            ),
            (
                "a@.b.fi".into(),
                EmptyDomainLabel {
                    domain: ".b.fi".into(),
                },
            ),
            ("a@-b.fi".into(), DomainLabelHyphen { label: "-b".into() }),
            ("a@b-.fi".into(), DomainLabelHyphen { label: "b-".into() }),
            (
                long_label,
                DomainLabelTooLong {
                    label: "b".repeat(64),
                },
            ),
            ("a@b.f".into(), InvalidTld { tld: "f".into() }),
            ("a@b.f1".into(), InvalidTld { tld: "f1".into() }),
            ("a@192.0.2.1".into(), InvalidTld { tld: "1".into() }),
            (
                long_total,
                TooLong {
                    len: long_total_len,
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_email(&input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn limits_are_inclusive() {
        let local = "a".repeat(64);
        assert_eq!(ok(&format!("{local}@b.fi")), format!("{local}@b.fi"));
        let label = "b".repeat(63);
        assert_eq!(ok(&format!("a@{label}.fi")), format!("a@{label}.fi"));
        // "a@" + 3 × (63 + ".") + 57 + ".fi" = 254 octets, the maximum.
        let domain = format!(
            "{}.{}.{}.{}.fi",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63),
            "e".repeat(57)
        );
        let address = format!("a@{domain}");
        assert_eq!(address.len(), 254);
        assert_eq!(ok(&address), address);
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            EmailError::ControlCharacter { ch: '\n' }.to_string(),
            "the e-mail address contains the control character U+000A"
        );
        assert_eq!(
            EmailError::MissingAt.to_string(),
            "the e-mail address has no @"
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_never_lets_controls_through(input in "\\PC{0,30}|[\\x00-\\x7f]{0,30}|.{0,30}") {
            if let Ok(address) = normalize_email(&input) {
                prop_assert!(!address.chars().any(is_forbidden));
                prop_assert!(!address.chars().any(char::is_whitespace));
                prop_assert_eq!(address.matches('@').count(), 1);
                // Normalising is idempotent.
                prop_assert_eq!(normalize_email(&address), Ok(address.clone()));
            }
        }

        #[test]
        fn valid_addresses_survive(
            local in "[a-z0-9]{1,10}(\\.[a-z0-9]{1,10}){0,2}",
            host in "[a-zäö0-9]{1,10}",
            tld in "[a-z]{2,6}",
        ) {
            let address = format!("{local}@{host}.{tld}");
            prop_assert_eq!(normalize_email(&address), Ok(address.clone()));
            let spam_safe = format!(" {local} [at] {host} [dot] {tld} ");
            prop_assert_eq!(normalize_email(&spam_safe), Ok(address));
        }
    }
}
