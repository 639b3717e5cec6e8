//! kirje's e-mail addresses against the library that writes them into
//! messages and SMTP commands (`lettre::Address`, RFC 5321/5322 with IDNA
//! domains) and against UTS #46 (the `idna` crate), on generated
//! addresses.
//!
//! - Every address kirje accepts, and its envelope form, is one lettre
//!   takes, and the envelope form is the A-label (ASCII) form of its domain.
//! - An address lettre takes is one kirje takes, except for house rules
//!   kept on purpose: kirje refuses a local part that starts or ends with a
//!   period or has two in a row (RFC 5322's dot-atom; lettre's pattern lets
//!   them through, and many servers refuse them), a domain of one label
//!   (`a@localhost`: no newsletter recipient lives there) or with an IP
//!   literal, a local part with letters outside ASCII (SMTPUTF8, see
//!   `email_addr::check_local`), a top-level domain of one letter or with
//!   digits (none exists), a label with a hyphen at either end, and a
//!   malformed `xn--` label (UTS #46 refuses it; lettre does not decode
//!   it), a symbol in a domain that is no letter or digit (`xn--efq` is
//!   "䷃": IDNA2008 disallows symbols, UTS #46 and lettre let some through),
//!   and a quoted local part (`"a b"@example.fi`: RFC 5321 asks
//!   senders not to make them, and people write them only by mistake).

use kirje_core::email_addr::{EmailError, envelope_address, normalize_email};
use lettre::Address;
use proptest::prelude::*;

/// Cases each property runs; `PROPTEST_CASES` overrides.
const CASES: u32 = 4096;

/// Local parts: RFC 5322 atext with periods, some letters outside ASCII,
/// and a few characters that have no place there.
fn local() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~äö ,\"-]{1,12}"
}

/// Domains: labels of letters (Finnish, full-width, and "ä" and "ö"
/// decomposed as some keyboards write them), digits and hyphens, some with
/// punycode prefixes.
fn domain() -> impl Strategy<Value = String> {
    prop::collection::vec(
        "(xn--)?([a-zA-Z0-9äöåÅÄｅ-]|a\u{0308}|o\u{0308}){1,10}",
        1..4,
    )
    .prop_map(|labels| labels.join("."))
}

/// The house rules, by the reason kirje gives.
fn house_rule(e: &EmailError) -> bool {
    if let EmailError::InvalidDomainChar { ch } = e {
        return !ch.is_alphanumeric();
    }
    matches!(
        e,
        EmailError::InvalidLocalDot
            | EmailError::NonAsciiLocal { .. }
            | EmailError::MissingTld { .. }
            | EmailError::InvalidTld { .. }
            | EmailError::DomainLabelHyphen { .. }
            | EmailError::InvalidIdna { .. }
            | EmailError::InvalidLocalChar { ch: '"' }
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn addresses_agree_with_lettre_and_idna(local in local(), domain in domain()) {
        let input = format!("{local}@{domain}");
        let ours = normalize_email(&input);
        if let Ok(address) = &ours {
            prop_assert!(address.parse::<Address>().is_ok(), "{address}");
            let envelope = envelope_address(address);
            prop_assert!(envelope.is_ok(), "{address}");
            let envelope = envelope.unwrap_or_default();
            prop_assert!(envelope.is_ascii());
            prop_assert!(envelope.parse::<Address>().is_ok(), "{envelope}");
            let (_, ascii) = envelope.rsplit_once('@').unwrap_or_default();
            let (_, shown) = address.rsplit_once('@').unwrap_or_default();
            // The shown domain is UTS #46's Unicode form of the envelope's.
            prop_assert_eq!(idna::domain_to_unicode(ascii).0, shown.to_owned());
            prop_assert_eq!(idna::domain_to_ascii(shown).ok(), Some(ascii.to_owned()));
        }
        // Whatever lettre takes, kirje takes, but for the house rules.
        if input.parse::<Address>().is_ok() {
            prop_assert!(
                ours.as_ref().is_ok() || ours.as_ref().is_err_and(house_rule),
                "{input}: lettre takes it, kirje says {ours:?}"
            );
        }
    }
}
