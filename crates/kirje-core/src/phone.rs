//! Telephone numbers: read as people write them, kept as E.164, shown in
//! the Finnish national form or the international form.
//!
//! Finland is the default country: "040 359 7659", "p. 040-3597659" and
//! "+358 40 359 7659" are the same number, `+358403597659`. Other countries'
//! numbers must be written with "+" or "00" and are shown in the
//! international form, grouped as their country groups them. Every number
//! is checked against its country's number plan (libphonenumber's, in
//! `phone/plan.rs`): "049 123 4567" and "+999 …" are refused, and a trunk
//! prefix written after the country code ("+44 020 …") is dropped.
//!
//! Reading, labels, error positions and the Finnish grouping are our own:
//! libphonenumber reads letters as digits ("1-800-FLOWERS") and extensions,
//! which have no place in a contact block, and groups Finnish numbers
//! "040 3597659" where Finnish house style writes "040 359 7659".
//!
//! Phone numbers are shown with ordinary spaces, not U+00A0: they are short,
//! are usually set in a contact block or a table cell, and people copy them
//! into dialers and address books, where a no-break space can make the
//! pasted number fail.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

mod plan;

/// Finland's country calling code.
const FI: u16 = 358;

/// A telephone number, stored in E.164 form ("+358403597659").
///
/// Two `Phone`s are equal when they dial the same number, however they
/// were written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Phone {
    e164: String,
}

/// Why a string is not a telephone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhoneError {
    /// Nothing but spaces, punctuation or a label such as "puh.".
    #[error("the phone number is empty")]
    Empty,
    /// A character that has no place in a phone number, such as a letter,
    /// a control character or a "+" after the first digit.
    #[error("character {ch:?} at byte {offset} does not belong in a phone number")]
    InvalidCharacter {
        /// The character.
        ch: char,
        /// Its byte offset in the input.
        offset: usize,
    },
    /// The number starts with neither "0" (a Finnish number with its area
    /// or operator code) nor "+" or "00" (an international number).
    #[error(
        "a phone number must start with 0 and the area or operator code, or with + and the country code"
    )]
    MissingPrefix,
    /// "+0…" or "000…": no country calling code starts with 0.
    #[error("no country calling code starts with 0")]
    InvalidCountryCode,
    /// "+999 …": no country has this calling code.
    #[error("no country has the calling code +{code}")]
    UnknownCountryCode {
        /// The first digits after "+", up to three.
        code: String,
    },
    /// The right number of digits, but no number of the country's plan
    /// starts so ("049 123 4567": Finnish mobile codes are 040–048 and 050,
    /// and 0494 6…).
    #[error("no number of the country +{code} starts so or has this length")]
    NotInNumberPlan {
        /// The country calling code.
        code: u16,
    },
    /// Shorter than every number of the country's plan.
    #[error("the phone number has too few digits ({digits})")]
    TooShort {
        /// Digits after the country code and the trunk prefix.
        digits: usize,
    },
    /// Longer than every number of the country's plan.
    #[error("the phone number has too many digits ({digits})")]
    TooLong {
        /// Digits with the country code.
        digits: usize,
    },
}

impl Phone {
    /// Reads a phone number as people write it.
    ///
    /// Accepts spaces (also U+00A0), hyphens, dashes, periods, slashes and
    /// one pair of parentheses between the digits ("(013) 330 9862"), a
    /// leading label ("p.", "puh.", "puhelin", "tel.", "tfn", "phone",
    /// "tel:"), and "(0)" after an international prefix
    /// ("+358 (0)40 359 7659"). Without "+" or "00" the number is Finnish
    /// and must start with 0.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let (digits, international) = scan(input)?;
        let (code, national) = if international {
            let rest = digits
                .strip_prefix('+')
                .or_else(|| digits.strip_prefix("00"))
                .unwrap_or(&digits);
            if rest.starts_with('0') {
                return Err(PhoneError::InvalidCountryCode);
            }
            match plan::split(rest) {
                Some(split) => split,
                None => {
                    return Err(PhoneError::UnknownCountryCode {
                        code: rest.chars().take(3).collect(),
                    });
                }
            }
        } else {
            match digits.strip_prefix('0') {
                Some(national) => (FI, national),
                None => return Err(PhoneError::MissingPrefix),
            }
        };
        let nsn = significant(code, national)?;
        Ok(Phone {
            e164: format!("+{code}{nsn}"),
        })
    }

    /// The E.164 form: "+358403597659".
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The Finnish national form, "040 359 7659", "09 310 1691",
    /// "0800 123 456"; for another country's number, the international
    /// form (a national form is for dialling inside that country).
    pub fn national(&self) -> String {
        match self.finnish() {
            Some(nsn) => {
                let (code, rest) = split_finnish(nsn);
                format!("0{code} {}", group_finnish(rest))
            }
            None => self.international(),
        }
    }

    /// The international form: "+358 40 359 7659" in kirje's Finnish
    /// grouping, other countries' numbers as their own number plan groups
    /// them ("+46 8 123 456 78", "+44 20 7946 0958", "+49 30 1234567").
    pub fn international(&self) -> String {
        if let Some(nsn) = self.finnish() {
            let (code, rest) = split_finnish(nsn);
            return format!("+358 {code} {}", group_finnish(rest));
        }
        let digits = self.e164.strip_prefix('+').unwrap_or(&self.e164);
        match plan::split(digits) {
            Some((code, nsn)) => match plan::group(code, nsn) {
                Some(grouped) => format!("+{code} {grouped}"),
                None => format!("+{code} {nsn}"),
            },
            None => self.e164.clone(),
        }
    }

    /// The `tel:` URI (RFC 3966): "tel:+358403597659".
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.e164)
    }

    /// The national significant number, if the number is Finnish.
    fn finnish(&self) -> Option<&str> {
        self.e164.strip_prefix("+358")
    }
}

impl FromStr for Phone {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Phone, PhoneError> {
        Phone::parse(s)
    }
}

impl fmt::Display for Phone {
    /// The Finnish national form for Finnish numbers, else international.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.national())
    }
}

/// Labels people put before a number, longest first so "puhelin" wins
/// over "puh" and "p".
const LABELS: [&str; 8] = ["puhelin", "phone", "puh", "tel", "tfn", "gsm", "mob", "p"];

/// Removes a leading label ("puh.", "p.", "tel:"), returning the rest and
/// its byte offset in `input`.
fn strip_label(input: &str) -> (&str, usize) {
    let start = input.len() - input.trim_start().len();
    let text = &input[start..];
    for label in LABELS {
        let Some(head) = text.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let after = &text[label.len()..];
        // A label is a whole word: "p." or "p " or "puh:", never the "p"
        // of something else.
        if !after.starts_with(['.', ':', ' ', '\u{a0}', '\t']) {
            continue;
        }
        let rest = after.trim_start_matches(['.', ':']).trim_start();
        return (rest, input.len() - rest.len());
    }
    (text, start)
}

/// Reads the digits, checking every character. Returns the digits (with a
/// leading "+" if there was one) and whether the number is international.
fn scan(input: &str) -> Result<(String, bool), PhoneError> {
    let (text, base) = strip_label(input);
    let mut digits = String::new();
    let mut plus = false;
    let mut open_paren: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        let offset = base + i;
        match ch {
            '0'..='9' => {
                digits.push(ch);
                // E.164 allows 15 digits; stop early on absurd input.
                if digits.len() > 20 {
                    return Err(PhoneError::TooLong {
                        digits: digits.len(),
                    });
                }
            }
            '+' if digits.is_empty() && !plus && open_paren.is_none() => plus = true,
            '(' if open_paren.is_none() => {
                // "+358 (0)40 …": the trunk 0 in parentheses is not dialled
                // from abroad, so it is dropped after an international
                // prefix.
                let international = plus || digits.starts_with("00");
                if international && text[i..].starts_with("(0)") {
                    chars.next();
                    chars.next();
                } else {
                    open_paren = Some(offset);
                }
            }
            ')' if open_paren.is_some() => open_paren = None,
            ' ' | '\u{a0}' | '\u{202f}' | '\t' | '-' | '.' | '/' | '\u{2010}'..='\u{2015}' => {}
            _ => return Err(PhoneError::InvalidCharacter { ch, offset }),
        }
    }
    if let Some(offset) = open_paren {
        return Err(PhoneError::InvalidCharacter { ch: '(', offset });
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    let international = plus || digits.starts_with("00");
    if plus {
        digits.insert(0, '+');
    }
    Ok((digits, international))
}

/// The national significant number of `national` (the digits after the
/// country code): as written when it is one of the country's numbers,
/// else without the trunk prefix that people write before a number at home
/// and by mistake after the country code ("+44 020 …", "+358 040 …").
fn significant(code: u16, national: &str) -> Result<String, PhoneError> {
    if plan::is_valid(code, national) {
        return Ok(national.to_owned());
    }
    let candidates = plan::without_trunk(code, national);
    if let Some(nsn) = candidates.iter().find(|n| plan::is_valid(code, n)) {
        return Ok(nsn.clone());
    }
    // Say why with the trunk prefix left out, as the lengths are counted
    // without it.
    let nsn = candidates.first().map_or(national, String::as_str);
    Err(match plan::lengths(code) {
        Some((min, _)) if nsn.len() < min => PhoneError::TooShort { digits: nsn.len() },
        Some((_, max)) if nsn.len() > max => PhoneError::TooLong {
            digits: code.to_string().len() + nsn.len(),
        },
        _ => PhoneError::NotInNumberPlan { code },
    })
}

/// Splits a Finnish national significant number (no trunk 0) into the area
/// or operator code and the subscriber number.
fn split_finnish(nsn: &str) -> (&str, &str) {
    // Four-digit service codes first (0100, 0200, 0300, 0600, 0700, 0800),
    // then the three-digit ones (010, 020, 029, 030, 039, 060, 070, 071,
    // 073, 075; mobile 040–049 and 050; areas 013–019), then the
    // two-digit areas (02, 03, 05, 06, 08, 09).
    const FOUR: [&str; 6] = ["100", "200", "300", "600", "700", "800"];
    const THREE: [&str; 10] = ["10", "20", "29", "30", "39", "60", "70", "71", "73", "75"];
    let len = if FOUR.iter().any(|c| nsn.starts_with(c)) {
        3
    } else if THREE.iter().any(|c| nsn.starts_with(c))
        || nsn.starts_with('4')
        || nsn.starts_with("50")
        || nsn.starts_with('1')
    {
        2
    } else if nsn.starts_with(['2', '3', '5', '6', '8', '9']) {
        1
    } else {
        2
    };
    nsn.split_at(len.min(nsn.len()))
}

/// Groups a Finnish subscriber number: "359 7659", "330 9862", "123 456".
fn group_finnish(rest: &str) -> String {
    let sizes: &[usize] = match rest.len() {
        0..=4 => &[],
        5..=7 => &[3],
        8 => &[4],
        9 | 10 => &[3, 3],
        _ => &[3, 4],
    };
    split_groups(rest, sizes)
}

/// Cuts `digits` after each of `sizes` digits in turn, joining with spaces;
/// what is left forms the last group.
fn split_groups(digits: &str, sizes: &[usize]) -> String {
    let mut out = String::with_capacity(digits.len() + sizes.len());
    let mut rest = digits;
    for &size in sizes {
        if size >= rest.len() {
            break;
        }
        let (head, tail) = rest.split_at(size);
        out.push_str(head);
        out.push(' ');
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn phone(s: &str) -> Phone {
        match Phone::parse(s) {
            Ok(p) => p,
            Err(e) => panic!("{s:?}: {e}"),
        }
    }

    #[test]
    fn finnish_examples() {
        let cases = [
            (
                "040 359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "040-6537220",
                "+358406537220",
                "040 653 7220",
                "+358 40 653 7220",
            ),
            (
                "044-0246415",
                "+358440246415",
                "044 024 6415",
                "+358 44 024 6415",
            ),
            (
                "p. 040 359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "+358 40 359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "00358 40 3597659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "(013) 330 9862",
                "+358133309862",
                "013 330 9862",
                "+358 13 330 9862",
            ),
            (
                "013 330 9862",
                "+358133309862",
                "013 330 9862",
                "+358 13 330 9862",
            ),
            (
                "044 718 6522",
                "+358447186522",
                "044 718 6522",
                "+358 44 718 6522",
            ),
            (
                "09 310 1691",
                "+35893101691",
                "09 310 1691",
                "+358 9 310 1691",
            ),
            (
                "09-3101691",
                "+35893101691",
                "09 310 1691",
                "+358 9 310 1691",
            ),
            (
                "puh. 050 123 4567",
                "+358501234567",
                "050 123 4567",
                "+358 50 123 4567",
            ),
            (
                "Puh: 0401234567",
                "+358401234567",
                "040 123 4567",
                "+358 40 123 4567",
            ),
            (
                "tel. +358 (0)40 359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "tfn 040 359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "tel:+358403597659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "+358 040 359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "020 634 0000",
                "+358206340000",
                "020 634 0000",
                "+358 20 634 0000",
            ),
            (
                "029 535 5000",
                "+358295355000",
                "029 535 5000",
                "+358 29 535 5000",
            ),
            (
                "010 123 4567",
                "+358101234567",
                "010 123 4567",
                "+358 10 123 4567",
            ),
            (
                "0800 123 456",
                "+358800123456",
                "0800 123 456",
                "+358 800 123 456",
            ),
            ("0100 100", "+358100100", "0100 100", "+358 100 100"),
            (
                "018 123 456",
                "+35818123456",
                "018 123 456",
                "+358 18 123 456",
            ),
            (
                "02 123 4567",
                "+35821234567",
                "02 123 4567",
                "+358 2 123 4567",
            ),
            (
                "03 1234 5678",
                "+358312345678",
                "03 1234 5678",
                "+358 3 1234 5678",
            ),
            (
                "\u{a0}040\u{a0}359\u{a0}7659 ",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
            (
                "040–359 7659",
                "+358403597659",
                "040 359 7659",
                "+358 40 359 7659",
            ),
        ];
        for (input, e164, national, international) in cases {
            let p = phone(input);
            assert_eq!(p.e164(), e164, "{input}");
            assert_eq!(p.national(), national, "{input}");
            assert_eq!(p.international(), international, "{input}");
            assert_eq!(p.tel_uri(), format!("tel:{e164}"), "{input}");
        }
    }

    #[test]
    fn foreign_examples() {
        let cases = [
            ("+46 8 123 456 78", "+46812345678", "+46 8 123 456 78"),
            ("+46 70 123 45 67", "+46701234567", "+46 70 123 45 67"),
            ("0046 31 123 45 67", "+46311234567", "+46 31 123 45 67"),
            ("+372 512 3456", "+3725123456", "+372 512 3456"),
            ("+44 (0)20 7946 0958", "+442079460958", "+44 20 7946 0958"),
            ("+1 202 555 0143", "+12025550143", "+1 202-555-0143"),
            ("+49 30 1234567", "+49301234567", "+49 30 1234567"),
            // Regressions (#19): the trunk prefix written after the
            // country code is not dialled from abroad.
            ("+44 020 7946 0958", "+442079460958", "+44 20 7946 0958"),
            ("+46 08 123 456 78", "+46812345678", "+46 8 123 456 78"),
            ("+49 030 1234567", "+49301234567", "+49 30 1234567"),
            ("+33 06 12 34 56 78", "+33612345678", "+33 6 12 34 56 78"),
            // A zero that belongs to the number stays (Italy has no trunk
            // prefix).
            ("+39 06 1234 5678", "+390612345678", "+39 06 1234 5678"),
        ];
        for (input, e164, international) in cases {
            let p = phone(input);
            assert_eq!(p.e164(), e164, "{input}");
            assert_eq!(p.international(), international, "{input}");
            assert_eq!(p.tel_uri(), format!("tel:{e164}"), "{input}");
            // A foreign number has no Finnish national form.
            assert_eq!(p.national(), international, "{input}");
        }
    }

    #[test]
    fn equality_is_by_number() {
        assert_eq!(phone("040 359 7659"), phone("+358403597659"));
        assert_eq!(phone("040 359 7659"), phone("00358 40 359 7659"));
        assert_ne!(phone("040 359 7659"), phone("040 359 7658"));
        assert_eq!(phone("040 359 7659").to_string(), "040 359 7659");
        assert_eq!("040 359 7659".parse::<Phone>(), Ok(phone("+358403597659")));
    }

    #[test]
    fn serializes_the_e164_form() {
        let json = serde_json::to_string(&phone("040 359 7659")).ok();
        assert_eq!(json.as_deref(), Some(r#"{"e164":"+358403597659"}"#));
    }

    #[test]
    fn errors() {
        use PhoneError::*;
        let cases = [
            ("", Empty),
            ("   ", Empty),
            ("puh.", Empty),
            ("p. ---", Empty),
            (
                "040 359 765a",
                InvalidCharacter {
                    ch: 'a',
                    offset: 11,
                },
            ),
            ("puh. 040 x", InvalidCharacter { ch: 'x', offset: 9 }),
            (
                "soita 040 359 7659",
                InvalidCharacter { ch: 's', offset: 0 },
            ),
            (
                "040\n3597659",
                InvalidCharacter {
                    ch: '\n',
                    offset: 3,
                },
            ),
            ("040 359+7659", InvalidCharacter { ch: '+', offset: 7 }),
            ("++358 40", InvalidCharacter { ch: '+', offset: 1 }),
            ("(040 359 7659", InvalidCharacter { ch: '(', offset: 0 }),
            ("040) 359 7659", InvalidCharacter { ch: ')', offset: 3 }),
            ("((040)) 359", InvalidCharacter { ch: '(', offset: 1 }),
            (
                "040 359 7659 ext. 12",
                InvalidCharacter {
                    ch: 'e',
                    offset: 13,
                },
            ),
            ("403597659", MissingPrefix),
            ("112", MissingPrefix),
            ("+0 40 123", InvalidCountryCode),
            ("000 40 123 4567", InvalidCountryCode),
            ("+358 00 123 4567", NotInNumberPlan { code: 358 }),
            ("040", TooShort { digits: 2 }),
            ("040 12", TooShort { digits: 4 }),
            ("+358 40", TooShort { digits: 2 }),
            ("+46 812", TooShort { digits: 3 }),
            // Regressions (#19): numbers outside the Finnish number plan,
            // and a country code no country has.
            ("040 123", NotInNumberPlan { code: 358 }),
            ("050 123 456 789", NotInNumberPlan { code: 358 }),
            ("049 123 4567", NotInNumberPlan { code: 358 }),
            ("0800 123 4567", NotInNumberPlan { code: 358 }),
            ("+999 123 4567", UnknownCountryCode { code: "999".into() }),
            ("+44 1", TooShort { digits: 1 }),
            ("040 123 456 789 01", TooLong { digits: 16 }),
            ("+1 234 567 890 123 456", TooLong { digits: 16 }),
            ("0123456789012345678901234567890", TooLong { digits: 21 }),
        ];
        for (input, expected) in cases {
            assert_eq!(Phone::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(PhoneError::Empty.to_string(), "the phone number is empty");
        assert_eq!(
            PhoneError::InvalidCharacter { ch: 'a', offset: 3 }.to_string(),
            "character 'a' at byte 3 does not belong in a phone number"
        );
    }

    #[test]
    fn groups() {
        assert_eq!(group_finnish("12345"), "123 45");
        assert_eq!(group_finnish("123456789"), "123 456 789");
        assert_eq!(group_finnish("1234567890"), "123 456 7890");
    }

    proptest! {
        #[test]
        fn round_trip(
            prefix in prop::sample::select(vec!["0", "+358", "00358", "+", "00", "+46", "+1", ""]),
            digits in "[0-9]{0,16}",
            seps in prop::collection::vec(prop::sample::select(vec!["", " ", "-", " - "]), 16),
        ) {
            let mut input = prefix.to_owned();
            for (ch, sep) in digits.chars().zip(&seps) {
                input.push(ch);
                input.push_str(sep);
            }
            if let Ok(p) = Phone::parse(&input) {
                prop_assert_eq!(Phone::parse(&p.national()), Ok(p.clone()));
                prop_assert_eq!(Phone::parse(&p.international()), Ok(p.clone()));
                prop_assert_eq!(Phone::parse(p.e164()), Ok(p.clone()));
                prop_assert_eq!(Phone::parse(&p.tel_uri()), Ok(p.clone()));
                // A tel: link needs no escaping: "+" and digits only.
                let tel = p.tel_uri();
                prop_assert!(tel.strip_prefix("tel:+").is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit())));
                let e164_digits = p.e164().len() - 1;
                // libphonenumber allows 17 digits after a 3-digit code.
                prop_assert!(e164_digits <= 20);
            }
        }

        #[test]
        fn never_panics(input in "\\PC{0,40}") {
            let _ = Phone::parse(&input);
        }
    }
}
