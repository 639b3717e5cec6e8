//! kirje's phone numbers against libphonenumber's reference port
//! (`phonenumbers` for Python, the metadata version kirje's number plan
//! comes from): 4 808 spellings of every region's example numbers, changed
//! and unchanged, in `tests/phone/cases.tsv` (made by
//! `scripts/phone-cases.py`). kirje must agree on which are numbers, on
//! their E.164 form and, but for Finnish numbers, which kirje groups in
//! its house style, on their international form.

use kirje_core::phone::Phone;

#[test]
fn phone_numbers_agree_with_libphonenumbers_reference_port() {
    let cases = include_str!("phone/cases.tsv");
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in cases.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [text, e164, intl, house] = cols[..] else {
            panic!("a line of cases.tsv without four columns: {line:?}");
        };
        checked += 1;
        let got = Phone::parse(text).ok();
        let got = got.as_ref().map(|p| (p.e164(), p.international()));
        let agrees = match (e164, got.clone()) {
            ("-", None) => true,
            // House rule: the trunk prefix written after the country code
            // is dropped when the rest is a number (libphonenumber reads
            // the digits after some countries' trunk 0 as a carrier code).
            ("-", Some((ours, _))) => !house.is_empty() && ours == house,
            (_, None) => false,
            (e164, Some((ours, ours_intl))) => {
                ours == e164 && (e164.starts_with("+358") || ours_intl == intl)
            }
        };
        if !agrees {
            failures.push(format!("{text:?}: expected {e164} {intl:?}, kirje {got:?}"));
        }
    }
    assert_eq!(checked, 4808, "cases.tsv changed: update the count here");
    assert!(
        failures.is_empty(),
        "{} of {checked} disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
