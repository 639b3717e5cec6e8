//! kirje's phone numbers against the `phonenumber` crate (libphonenumber's
//! metadata and rules): on generated numbers of every calling code, both
//! must agree on which numbers exist, on their E.164 form, and on the
//! international grouping of every number that is not Finnish. Finnish
//! numbers are shown in kirje's house grouping ("040 359 7659" where
//! libphonenumber writes "040 3597659"), which `phone.rs`'s own tests fix.
//!
//! Where the crate departs from libphonenumber itself, libphonenumber wins
//! and the case is skipped here with the reason (`crate_quirk`, and the
//! trunk-prefix spellings, which `phone_cases.rs` checks against
//! libphonenumber's Python port).

use kirje_core::phone::Phone;
use phonenumber::metadata::DATABASE;
use proptest::prelude::*;

/// Cases each property runs; `PROPTEST_CASES` overrides.
const CASES: u32 = 2048;

/// Every region's example numbers, the seeds the generator varies.
fn examples() -> Vec<(u16, String)> {
    // By calling code: `DATABASE.iter()` holds one non-geographic code.
    let mut out: Vec<(u16, String)> = (1..1000u16)
        .filter_map(|code| DATABASE.by_code(&code))
        .flatten()
        .flat_map(|m| {
            let d = m.descriptors();
            [
                Some(d.general()),
                d.fixed_line(),
                d.mobile(),
                d.toll_free(),
                d.premium_rate(),
                d.shared_cost(),
                d.voip(),
                d.personal_number(),
                d.uan(),
            ]
            .into_iter()
            .flatten()
            .filter_map(|d| d.example().map(str::to_owned))
            .map(|e| (m.country_code(), e))
            .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What the crate says of "+{code}{nsn}": its E.164 and international
/// forms when it is a valid number.
fn oracle(code: u16, nsn: &str) -> Option<(String, String)> {
    let n = phonenumber::parse(None, format!("+{code}{nsn}")).ok()?;
    if !phonenumber::is_valid(&n) || crate_quirk(&n) {
        return None;
    }
    let e164 = n.format().mode(phonenumber::Mode::E164).to_string();
    let intl = n
        .format()
        .mode(phonenumber::Mode::International)
        .to_string();
    Some((e164, intl))
}

/// The crate's one known departure from libphonenumber: it takes a number
/// as its type's when the type's pattern matches only the start of it
/// ("+597 5601234" as a 6-digit Surinamese number followed by a 4), where
/// libphonenumber asks the pattern to match the whole number. Such a
/// number is not valid, as kirje says.
fn crate_quirk(n: &phonenumber::PhoneNumber) -> bool {
    let nsn = n.national().to_string();
    let Some(meta) = n.metadata(&DATABASE) else {
        return false;
    };
    let Some(desc) = meta.descriptors().get(n.number_type(&DATABASE)) else {
        return false;
    };
    let pattern: String = desc
        .national_number()
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    regex::Regex::new(&format!("^(?:{pattern})$")).is_ok_and(|re| !re.is_match(&nsn))
}

fn ours(code: u16, nsn: &str) -> Option<(String, String)> {
    let p = Phone::parse(&format!("+{code} {nsn}")).ok()?;
    Some((p.e164().to_owned(), p.international()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, max_global_rejects: 1 << 20, ..ProptestConfig::default() })]

    /// Example numbers, changed in one place: a digit replaced, a digit
    /// dropped or added, or the trunk prefix written after the code.
    #[test]
    fn phone_numbers_agree_with_libphonenumber(
        seed in prop::sample::select(examples()),
        edit in 0usize..5,
        at in any::<prop::sample::Index>(),
        digit in 0u8..10,
    ) {
        let (code, example) = seed;
        // An example number the crate refuses unchanged shows one of its
        // departures from libphonenumber (it strips Belarus's "80" as a
        // trunk prefix from +375 80… numbers, for one); tests/phone/cases.tsv
        // checks such numbers against the reference port instead.
        prop_assume!(oracle(code, &example).is_some());
        // The trunk prefix, for a country that has one.
        let trunk = DATABASE
            .by_code(&code)
            .and_then(|m| m.first().and_then(|m| m.national_prefix().map(str::to_owned)));
        let mut nsn = example.clone();
        let i = at.index(nsn.len() + 1);
        let d = char::from(b'0' + digit);
        match edit {
            0 => {}
            1 if i < nsn.len() => nsn.replace_range(i..=i, &d.to_string()),
            2 if i < nsn.len() => { nsn.remove(i); }
            3 => nsn.insert(i, d),
            _ => match &trunk {
                Some(t) => nsn.insert_str(0, t),
                None => return Ok(()),
            },
        }
        // The crate is a reference only where no trunk prefix is in play:
        // it strips what looks like one from numbers valid as written
        // ("+7 812 …", St Petersburg, loses its 8), strips every leading 0
        // ("+43 00123456" becomes a number), and keeps the trunk written
        // after the code in some countries ("+1 1 201 …") where
        // libphonenumber drops it. tests/phone_cases.rs checks those
        // spellings, both ways, against libphonenumber's Python port.
        let trunk_like = nsn.starts_with('0')
            || trunk.as_deref().is_some_and(|t| nsn.starts_with(t));
        prop_assume!(!trunk_like);
        let expected = oracle(code, &nsn);
        let got = ours(code, &nsn);
        if code == 358 {
            // The house grouping differs; validity and E.164 must not.
            prop_assert_eq!(got.map(|g| g.0), expected.map(|e| e.0), "+{} {}", code, nsn);
        } else {
            prop_assert_eq!(got, expected, "+{} {}", code, nsn);
        }
    }
}
