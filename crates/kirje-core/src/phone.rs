//! Telephone numbers: read as people write them, kept as E.164, shown in
//! the Finnish national form or the international form.
//!
//! Finland is the default country: "040 359 7659", "p. 040-3597659" and
//! "+358 40 359 7659" are the same number, `+358403597659`. Other countries'
//! numbers must be written with "+" or "00" and are shown in the
//! international form.
//!
//! Phone numbers are shown with ordinary spaces, not U+00A0: they are short,
//! are usually set in a contact block or a table cell, and people copy them
//! into dialers and address books, where a no-break space can make the
//! pasted number fail.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// Finland's country calling code.
const FI: &str = "358";

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
    /// A Finnish number whose area or operator code starts with "00".
    #[error("a Finnish area or operator code does not start with 00")]
    InvalidAreaCode,
    /// Too few digits to be a number one can dial.
    #[error("the phone number has too few digits ({digits})")]
    TooShort {
        /// Digits after the country code.
        digits: usize,
    },
    /// Longer than E.164 allows (15 digits with the country code), or a
    /// Finnish number longer than 12 digits after the country code.
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
        let (country, national) = if international {
            let rest = digits
                .strip_prefix('+')
                .or_else(|| digits.strip_prefix("00"))
                .unwrap_or(&digits);
            if rest.starts_with('0') {
                return Err(PhoneError::InvalidCountryCode);
            }
            split_country_code(rest)
        } else {
            match digits.strip_prefix('0') {
                Some(national) => (FI, national),
                None => return Err(PhoneError::MissingPrefix),
            }
        };
        let national = if country == FI {
            // "+358 040 …" and "+358 (0)40 …" carry Finland's trunk 0,
            // which is not dialled from abroad.
            let national = national.strip_prefix('0').unwrap_or(national);
            if national.starts_with('0') {
                return Err(PhoneError::InvalidAreaCode);
            }
            if national.len() < 5 {
                return Err(PhoneError::TooShort {
                    digits: national.len(),
                });
            }
            if national.len() > 12 {
                return Err(PhoneError::TooLong {
                    digits: country.len() + national.len(),
                });
            }
            national
        } else {
            // The shortest numbers in use (some Pacific islands) have four
            // digits after the country code.
            if national.len() < 4 {
                return Err(PhoneError::TooShort {
                    digits: national.len(),
                });
            }
            national
        };
        let total = country.len() + national.len();
        if total > 15 {
            return Err(PhoneError::TooLong { digits: total });
        }
        Ok(Phone {
            e164: format!("+{country}{national}"),
        })
    }

    /// The E.164 form: "+358403597659".
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The Finnish national form, "040 359 7659", "09 310 1691",
    /// "0800 123 456"; for another country's number, the international
    /// form (its national form depends on rules kirje does not know).
    pub fn national(&self) -> String {
        match self.finnish() {
            Some(nsn) => {
                let (code, rest) = split_finnish(nsn);
                format!("0{code} {}", group_finnish(rest))
            }
            None => self.international(),
        }
    }

    /// The international form: "+358 40 359 7659", "+46 8 123 456 78".
    pub fn international(&self) -> String {
        let digits = self.e164.strip_prefix('+').unwrap_or(&self.e164);
        let (country, nsn) = split_country_code(digits);
        let body = match country {
            FI => {
                let (code, rest) = split_finnish(nsn);
                format!("{code} {}", group_finnish(rest))
            }
            "46" => group_swedish(nsn),
            _ => group_generic(nsn),
        };
        format!("+{country} {body}")
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

/// Country calling codes with two digits (ITU-T E.164 assignments); 1 and 7
/// have one digit, and every other code has three. The codes are a prefix
/// code, so this is enough to split any number.
const TWO_DIGIT_CODES: [&str; 44] = [
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
    "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
    "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
];

/// Splits international digits (no "+") into country code and the rest.
fn split_country_code(digits: &str) -> (&str, &str) {
    let len = if digits.starts_with(['1', '7']) {
        1
    } else if TWO_DIGIT_CODES.iter().any(|code| digits.starts_with(code)) {
        2
    } else {
        3
    };
    let len = len.min(digits.len());
    digits.split_at(len)
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

/// Swedish numbers: area code (8 for Stockholm, two digits for the larger
/// cities and mobiles, else three) and the rest in Swedish groups
/// ("+46 8 123 456 78", "+46 70 123 45 67").
fn group_swedish(nsn: &str) -> String {
    const TWO: [&str; 27] = [
        "10", "11", "13", "16", "18", "19", "20", "21", "23", "26", "31", "33", "35", "36", "40",
        "42", "44", "46", "54", "60", "63", "70", "72", "73", "76", "79", "90",
    ];
    let code = if nsn.starts_with('8') {
        1
    } else if TWO.iter().any(|c| nsn.starts_with(c)) {
        2
    } else {
        3
    };
    let (code, rest) = nsn.split_at(code.min(nsn.len()));
    // Svensk standard SS 01 40 26: 5 digits "123 45", 6 "12 34 56",
    // 7 "123 45 67", 8 "123 456 78".
    let sizes: &[usize] = match rest.len() {
        0..=4 => &[],
        5 => &[3],
        6 => &[2, 2],
        7 => &[3, 2],
        _ => &[3, 3],
    };
    format!("{code} {}", split_groups(rest, sizes))
}

/// Any other country: groups of three, the last group two to four digits.
fn group_generic(nsn: &str) -> String {
    let n = nsn.len();
    if n <= 4 {
        return nsn.to_owned();
    }
    // Threes, then a last group of 2, 3 or 4 digits, never a lone digit.
    let threes = match n % 3 {
        0 => n / 3 - 1,
        1 => (n - 4) / 3,
        _ => (n - 2) / 3,
    };
    split_groups(nsn, &vec![3; threes])
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
            ("+44 (0)20 7946 0958", "+442079460958", "+44 207 946 0958"),
            ("+1 202 555 0143", "+12025550143", "+1 202 555 0143"),
            ("+49 30 1234567", "+49301234567", "+49 301 234 567"),
        ];
        for (input, e164, international) in cases {
            let p = phone(input);
            assert_eq!(p.e164(), e164, "{input}");
            assert_eq!(p.international(), international, "{input}");
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
            ("+358 00 123 4567", InvalidAreaCode),
            ("040", TooShort { digits: 2 }),
            ("040 12", TooShort { digits: 4 }),
            ("+358 40", TooShort { digits: 2 }),
            ("+46 812", TooShort { digits: 3 }),
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
        assert_eq!(group_generic("12345"), "123 45");
        assert_eq!(group_generic("123456"), "123 456");
        assert_eq!(group_generic("1234567"), "123 4567");
        assert_eq!(group_generic("12345678"), "123 456 78");
        assert_eq!(group_generic("1234567890"), "123 456 7890");
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
                let e164_digits = p.e164().len() - 1;
                prop_assert!(e164_digits <= 15);
            }
        }

        #[test]
        fn never_panics(input in "\\PC{0,40}") {
            let _ = Phone::parse(&input);
        }
    }
}
