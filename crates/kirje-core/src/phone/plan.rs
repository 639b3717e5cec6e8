//! The world's telephone number plans, from libphonenumber's metadata.
//!
//! Our own code rather than the `phonenumber` crate at run time, for two
//! measured reasons. Correctness: on 4 808 spellings judged by
//! libphonenumber's Python port (`tests/phone_cases.rs`) the crate departs
//! from libphonenumber where a trunk prefix is in play (it strips the 8 of
//! St Petersburg's +7 812, refuses Belarus's +375 80…, takes
//! "+43 00123456") and where a pattern matches only the start of a number;
//! this module agrees with the port on all of them. Size: the crate made
//! the browser's wasm 169 KB (gzip) larger (`scripts/build-web.sh`, before
//! and after, 2026-12-06); this module about 35 KB: `twiggy diff` of the
//! wasm before and after #19 and #20 shows `.rodata` 110 KB larger (the
//! table is 103 KB of it) and the whole file, custom sections removed,
//! 36.5 KB larger gzipped. kirje asks three things of a number
//! plan: which country calling codes exist, whether a national number is
//! one of a country's numbers, and how the country groups it. `plan.tsv`
//! holds just that, made from the crate's own metadata by
//! `tests/phone_plan.rs` (which fails when the two differ). The `regex`
//! engine is the one Typst already brings.
//!
//! The rules follow libphonenumber's: a number is valid for a region when
//! one of the region's typed patterns (fixed line, mobile, toll free, …)
//! matches the whole national significant number; a number is formatted by
//! the first format of its calling code's main region whose last
//! leading-digits pattern matches the start of the number and whose pattern
//! matches all of it.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// The table, made by `tests/phone_plan.rs`.
const TABLE: &str = include_str!("plan.tsv");

/// One region (a country or territory) of a calling code.
struct Region {
    /// The national (trunk) prefix, "0" in Finland; empty where there is
    /// none.
    trunk: &'static str,
    /// How libphonenumber finds the trunk prefix (and a carrier code) at
    /// the start of a national number, and what replaces it.
    for_parsing: Option<&'static str>,
    transform: Option<&'static str>,
    for_parsing_re: OnceLock<Option<Regex>>,
    /// The lengths its national significant numbers have, shortest first.
    lengths: Vec<u8>,
    /// Its typed patterns, joined and anchored when first asked for.
    patterns: Vec<&'static str>,
    valid: OnceLock<Option<Regex>>,
}

/// One way a calling code's numbers are grouped.
struct Format {
    leading: Option<&'static str>,
    pattern: &'static str,
    format: &'static str,
    compiled: OnceLock<Option<(Option<Regex>, Regex)>>,
}

/// The regions and formats of one calling code.
#[derive(Default)]
struct Code {
    regions: Vec<Region>,
    formats: Vec<Format>,
}

fn plan() -> &'static HashMap<u16, Code> {
    static PLAN: OnceLock<HashMap<u16, Code>> = OnceLock::new();
    PLAN.get_or_init(|| {
        let mut plan: HashMap<u16, Code> = HashMap::new();
        let mut current: Option<u16> = None;
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            match cols.next() {
                Some("R") => {
                    let _id = cols.next();
                    let code: Option<u16> = cols.next().and_then(|c| c.parse().ok());
                    let Some(code) = code else { continue };
                    let mut field = || cols.next().filter(|f| *f != "-");
                    let trunk = field().unwrap_or("");
                    let for_parsing = field();
                    let transform = field();
                    let lengths = cols
                        .next()
                        .unwrap_or("")
                        .split(',')
                        .filter_map(|n| n.parse().ok())
                        .collect();
                    plan.entry(code).or_default().regions.push(Region {
                        trunk,
                        for_parsing,
                        transform,
                        for_parsing_re: OnceLock::new(),
                        lengths,
                        patterns: cols.collect(),
                        valid: OnceLock::new(),
                    });
                    current = Some(code);
                }
                Some("F") => {
                    let (Some(leading), Some(pattern), Some(format)) =
                        (cols.next(), cols.next(), cols.next())
                    else {
                        continue;
                    };
                    let Some(code) = current.and_then(|c| plan.get_mut(&c)) else {
                        continue;
                    };
                    // Only the main region's formats are in the table.
                    code.formats.push(Format {
                        leading: (leading != "-").then_some(leading),
                        pattern,
                        format,
                        compiled: OnceLock::new(),
                    });
                }
                _ => {}
            }
        }
        plan
    })
}

/// Splits international digits (after "+" or "00") into the calling code
/// and the rest. Calling codes are a prefix code, so at most one of the
/// first one, two or three digits is a code in use.
pub(super) fn split(digits: &str) -> Option<(u16, &str)> {
    (1..=3.min(digits.len())).find_map(|len| {
        let code: u16 = digits[..len].parse().ok()?;
        plan().contains_key(&code).then(|| (code, &digits[len..]))
    })
}

/// Whether `nsn` is a number of one of `code`'s regions.
pub(super) fn is_valid(code: u16, nsn: &str) -> bool {
    let Some(c) = plan().get(&code) else {
        return false;
    };
    c.regions.iter().any(|r| {
        r.valid
            .get_or_init(|| Regex::new(&format!("^(?:{})$", r.patterns.join("|"))).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(nsn))
    })
}

/// `national` without what its country writes before a number at home:
/// the trunk prefix ("0" in most of Europe, "8" in Belarus), as
/// libphonenumber's parsing rule of each region finds it (with a carrier
/// code or a local area code it puts back, as in Argentina), and then the
/// plain trunk prefix. As in libphonenumber, the rules are those of the
/// code's main region (the United States for +1, not Bermuda's "put 441
/// before seven digits"). The caller keeps the first candidate that is a
/// number.
pub(super) fn without_trunk(code: u16, national: &str) -> Vec<String> {
    let Some(c) = plan().get(&code) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(r) = c.regions.first() {
        let re = r.for_parsing.and_then(|p| {
            r.for_parsing_re
                .get_or_init(|| Regex::new(&format!("^(?:{p})")).ok())
                .as_ref()
        });
        if let Some(caps) = re.and_then(|re| re.captures(national)) {
            let end = caps.get(0).map_or(0, |m| m.end());
            let last = caps.len() - 1;
            let rest = &national[end..];
            match r.transform {
                Some(rule) if last > 0 && caps.get(last).is_some() => {
                    let mut head = String::new();
                    caps.expand(rule, &mut head);
                    out.push(head + rest);
                }
                _ => out.push(rest.to_owned()),
            }
        }
        if let Some(rest) = national
            .strip_prefix(r.trunk)
            .filter(|_| !r.trunk.is_empty())
        {
            out.push(rest.to_owned());
        }
    }
    out.retain(|n| !n.is_empty() && n != national);
    out
}

/// The shortest and longest national numbers of `code`'s regions.
pub(super) fn lengths(code: u16) -> Option<(usize, usize)> {
    let c = plan().get(&code)?;
    let all = c.regions.iter().flat_map(|r| r.lengths.iter().copied());
    let min = all.clone().min()?;
    let max = all.max()?;
    Some((usize::from(min), usize::from(max)))
}

/// `nsn` grouped as `code`'s main region groups it in the international
/// form ("20 7946 0958" for +44), or `None` when no format fits.
pub(super) fn group(code: u16, nsn: &str) -> Option<String> {
    let c = plan().get(&code)?;
    c.formats.iter().find_map(|f| {
        let (leading, pattern) = f
            .compiled
            .get_or_init(|| {
                let leading = match f.leading {
                    Some(l) => Some(Regex::new(&format!("^(?:{l})")).ok()?),
                    None => None,
                };
                Some((leading, Regex::new(&format!("^(?:{})$", f.pattern)).ok()?))
            })
            .as_ref()?;
        if leading.as_ref().is_some_and(|l| !l.is_match(nsn)) {
            return None;
        }
        let caps = pattern.captures(nsn)?;
        let mut out = String::new();
        caps.expand(f.format, &mut out);
        Some(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_in_the_table_compiles() {
        for (code, c) in plan() {
            for r in &c.regions {
                assert!(
                    Regex::new(&format!("^(?:{})$", r.patterns.join("|"))).is_ok(),
                    "+{code}"
                );
                assert!(!r.lengths.is_empty(), "+{code}");
            }
            for f in &c.formats {
                assert!(Regex::new(f.pattern).is_ok(), "+{code} {}", f.pattern);
                if let Some(l) = f.leading {
                    assert!(Regex::new(l).is_ok(), "+{code} {l}");
                }
            }
        }
        assert!(plan().len() > 200);
    }

    #[test]
    fn codes_split_as_assigned() {
        assert_eq!(split("358401234567"), Some((358, "401234567")));
        assert_eq!(split("12025550143"), Some((1, "2025550143")));
        assert_eq!(split("442079460958"), Some((44, "2079460958")));
        assert_eq!(split("9991234567"), None);
        assert_eq!(split(""), None);
    }
}
