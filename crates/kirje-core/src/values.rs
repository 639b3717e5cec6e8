//! The small value types of the format: translated text, dates and times,
//! money, shares, colours. Each reads what users actually write
//! ("221 750 €", "80 %", "5.5.2021", "13.30") and refuses the rest with a
//! [`ValueError`] that the loader turns into a [`Msg`].

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::Lang;
use crate::dates::{self, Point, Reading};
use crate::diagnostic::Msg;

/// A value a person wrote that kirje cannot read. Translated at the edge
/// through [`Msg`]; its English `Display` is what serde's own error text
/// carries for anyone deserialising kirje's types outside the loader.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not a date in a form kirje reads.
    #[error("`{0}` is not a date such as 2021-05-05 or 5.5.2021")]
    Date(String),
    /// A well-formed date the calendar does not have (2021-02-30).
    #[error("the calendar has no day {0}")]
    ImpossibleDate(String),
    /// Not a time of day.
    #[error("`{0}` is not a time of day such as 13.30")]
    Time(String),
    /// Not a sum of money, and why.
    #[error("`{0}` is not a sum of money such as 221 750 € ({1})")]
    Money(String, MoneyProblem),
    /// Not a percentage.
    #[error("`{0}` is not a percentage such as 80 %")]
    Share(String),
    /// Not a colour.
    #[error("`{0}` is not a colour such as #00567a")]
    Color(String),
    /// A translation under a key that is not a language kirje writes.
    #[error("`{0}` is not a language code (fi, sv, en)")]
    Lang(String),
}

impl From<ValueError> for Msg {
    fn from(e: ValueError) -> Msg {
        match e {
            ValueError::Date(value) => Msg::DateFormat { value },
            ValueError::ImpossibleDate(value) => Msg::DateImpossible { value },
            ValueError::Time(value) => Msg::TimeFormat { value },
            ValueError::Money(value, problem) => Msg::MoneyFormat { value, problem },
            ValueError::Share(value) => Msg::ShareFormat { value },
            ValueError::Color(value) => Msg::ColorFormat { value },
            ValueError::Lang(value) => Msg::LangUnknown { value },
        }
    }
}

thread_local! {
    /// The value error behind the serde error being raised on this thread.
    static REJECTED: RefCell<Option<ValueError>> = const { RefCell::new(None) };
}

/// serde's `Error::custom` carries only text, so the typed error travels
/// beside it: kept here for the loader, which takes it back with
/// [`rejected`] instead of reading anything out of the text. kirje's
/// types have no untagged enums, so a rejected value ends the parse and
/// its error is the one the parser returns.
fn reject<E: de::Error>(e: ValueError) -> E {
    let err = E::custom(&e);
    REJECTED.with(|r| *r.borrow_mut() = Some(e));
    err
}

/// The value error behind a parser's error `message`: the last value this
/// thread rejected, when the message is the one that rejection raised (a
/// parser keeps our text and may add its position around it). Taken, so a
/// later, unrelated error can never be given this one's reason.
pub(crate) fn rejected(message: &str) -> Option<ValueError> {
    REJECTED
        .with(|r| r.borrow_mut().take())
        .filter(|e| message.contains(&e.to_string()))
}

/// Forgets a rejection left from an earlier parse on this thread.
pub(crate) fn forget_rejected() {
    REJECTED.with(|r| r.borrow_mut().take());
}

/// Whether `msg` says a value could not be read (its place is the value's).
pub(crate) fn is_value_msg(msg: &Msg) -> bool {
    hint_for(msg).is_some() || matches!(msg, Msg::ColorFormat { .. } | Msg::LangUnknown { .. })
}

/// The hint that goes with one of our value messages.
pub(crate) fn hint_for(msg: &Msg) -> Option<Msg> {
    match msg {
        Msg::DateFormat { .. } | Msg::DateImpossible { .. } => Some(Msg::HintDate),
        Msg::TimeFormat { .. } => Some(Msg::HintTime),
        Msg::MoneyFormat { .. } => Some(Msg::HintMoney),
        Msg::ShareFormat { .. } => Some(Msg::HintShare),
        _ => None,
    }
}

/// A text in one language for all, or translated per language.
///
/// ```yaml
/// title: Kehittäjäryhmä kokoontuu          # the same in every language
/// title: {fi: Kehittäjäryhmä, sv: Utvecklargruppen}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// One text for every language (names, places, or a one-language project).
    Plain(String),
    /// A text per language.
    Translated(BTreeMap<Lang, String>),
}

impl Text {
    /// The text in `lang`: the translation, or the plain text, or failing
    /// those the first translation (checks report the gap).
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Translated(map) => map
                .get(&lang)
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Every text in it, with the language it is for (`None` for plain).
    pub fn parts(&self) -> Vec<(Option<Lang>, &str)> {
        match self {
            Text::Plain(s) => vec![(None, s.as_str())],
            Text::Translated(map) => map.iter().map(|(l, s)| (Some(*l), s.as_str())).collect(),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_owned())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Plain(t) => s.serialize_str(t),
            Text::Translated(map) => map.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a text per language ({fi: …, sv: …})")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let lang = Lang::from_code(&key)
                        .ok_or_else(|| reject(ValueError::Lang(key.clone())))?;
                    let value: String = map.next_value()?;
                    out.insert(lang, value);
                }
                Ok(Text::Translated(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A text for every language, or one per language: {fi: …, sv: …, en: …}",
            "anyOf": [
                {"type": "string"},
                {"type": "object",
                 "properties": {"fi": {"type": "string"}, "sv": {"type": "string"}, "en": {"type": "string"}},
                 "additionalProperties": false, "minProperties": 1}
            ]
        })
    }
}

/// Parses a date as people write it (`2021-05-05`, `5.5.2021`, or
/// `5.5.` with the year left to the edition: [`crate::dates::NO_YEAR`]).
pub fn parse_date(s: &str) -> Result<Date, ValueError> {
    match dates::read(s, false)? {
        Reading {
            start: Point {
                date: Some(d),
                time: None,
            },
            end: None,
        } => Ok(d),
        _ => Err(ValueError::Date(s.to_owned())),
    }
}

/// A point in local Helsinki time, or a whole day.
///
/// Ordered by time: a whole day counts as its midnight, so 5.5. 13:30 comes
/// before the whole day of 6.5. (a derived order would put every whole day
/// first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A whole day.
    Day(Date),
    /// A date and a time of day.
    At(DateTime),
}

impl When {
    fn sort_key(self) -> (DateTime, bool) {
        match self {
            When::Day(d) => (d.to_datetime(Time::midnight()), false),
            When::At(dt) => (dt, true),
        }
    }

    /// The date.
    pub fn date(self) -> Date {
        match self {
            When::Day(d) => d,
            When::At(dt) => dt.date(),
        }
    }
}

impl Ord for When {
    fn cmp(&self, other: &When) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &When) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn when_of(p: Point) -> Option<When> {
    Some(match (p.date?, p.time) {
        (d, None) => When::Day(d),
        (d, Some(t)) => When::At(d.to_datetime(t)),
    })
}

fn end_of(p: Point) -> Option<End> {
    match (p.date, p.time) {
        (None, Some(t)) => Some(End::Time(t)),
        (Some(_), _) => when_of(p).map(End::When),
        (None, None) => None,
    }
}

/// A start and, when the text was a range (`5.5. klo 13.30–15`,
/// `6.–7.5.2026`), the end written with it.
pub fn parse_moment(s: &str) -> Result<Moment, ValueError> {
    let r = dates::read(s, false)?;
    let start = when_of(r.start).ok_or_else(|| ValueError::Date(s.to_owned()))?;
    Ok(Moment(start, r.end.and_then(end_of)))
}

/// An end: a time alone, or a day with or without a time.
pub fn parse_end(s: &str) -> Result<End, ValueError> {
    match dates::read(s, true)? {
        Reading { start, end: None } => end_of(start).ok_or_else(|| ValueError::Date(s.to_owned())),
        _ => Err(ValueError::Date(s.to_owned())),
    }
}

macro_rules! string_value {
    ($ty:ident, $expect:literal, $parse:expr, $schema:tt) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expect)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        #[allow(clippy::redundant_closure_call)]
                        ($parse)(v).map_err(|e: ValueError| reject(e))
                    }
                }
                d.deserialize_str(V)
            }
        }
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

/// A calendar date: `2021-05-05` (or `5.5.2021`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub Date);

string_value!(Day, "a date such as 5.5.2026", |v: &str| parse_date(v).map(Day), {
    "type": "string", "description": "A date: 5.5.2026 or 2026-05-05; in an edition also 5.5. (the year from the edition's date)"
});

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A start: a day, or a day and a time (`5.5.2026 klo 13.30`), and the
/// end when a range was written in it (`5.5.2026 klo 13.30–15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment(pub When, pub Option<End>);

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Moment) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Moment {
    /// By the start.
    fn cmp(&self, other: &Moment) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

string_value!(Moment, "a date, or a date and time such as 5.5.2026 klo 13.30", parse_moment, {
    "type": "string", "description": "A day (5.5.2026, 2026-05-05) or a day and a local Helsinki time (5.5.2026 klo 13.30), or a span written as one (5.5.2026 klo 13.30–15, 6.–7.5.2026); in an edition the year may be left out (5.5. klo 13.30)"
});

/// An event's end: like [`Moment`], or only a time of day on the start's date (`15:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A day or a day and time.
    When(When),
    /// A time on the same day as the start.
    Time(Time),
}

string_value!(End, "an end such as 15.00 or 6.5.2026 klo 15", parse_end, {
    "type": "string", "description": "The end: a time on the start's day (15.00, klo 15), a day (6.5.2026, 6.5.), or a day and time"
});

/// Why a text is not a sum of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MoneyProblem {
    /// Letters or other characters where digits belong.
    #[error("not a number")]
    NotANumber,
    /// More than two digits after the decimal mark (`0,001`).
    #[error("more than two decimals")]
    Decimals,
    /// A group of other than three digits (`12 34`).
    #[error("digits grouped other than in threes")]
    Groups,
    /// Group and decimal marks that could be read two ways (`1.234,567`).
    #[error("separators that can be read two ways")]
    Mixed,
    /// Thirteen digits of euros or more.
    #[error("too large")]
    TooLarge,
}

/// A sum of money in cents, with the currency if the text named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// Cents (1 € = 100).
    pub cents: i64,
    /// The currency the value was written with (`€` → EUR), if any.
    pub currency: Option<&'static str>,
}

/// Euros at most 13 digits long (under ten thousand billion), written as
/// a number or as text alike.
const MONEY_MAX_CENTS: i64 = 1_000_000_000_000_000;

/// Reads a sum as Finns and Finland-Swedes write it, refusing what could
/// be read two ways:
///
/// - digits grouped by spaces in threes (`1 000 000`), a decimal comma or
///   point with one or two digits (`221 750,50`, `177400.50`);
/// - a currency after the number (`€`, `EUR`, `euroa`, …) or before it
///   (`€`, `$`, `£`); only with the symbol before the number may `,` group
///   thousands (`€221,750`, `$1,000.50`: the English way);
/// - periods as group separators only where they cannot be a decimal point:
///   two or more, each before three digits (`1.000.000 EUR`).
///
/// Refused, with the reading named: more than two decimals (`0,001 €`),
/// a group of other than three digits (`12 34`), separators mixed
/// (`1.234,567 €`, `1,234,56`).
fn parse_money(s: &str) -> Result<Money, ValueError> {
    let bad = |why: MoneyProblem| ValueError::Money(s.to_owned(), why);
    let mut t = s.trim().to_owned();
    let mut currency = None;
    let mut before = false;
    for (sym, code, prefix_ok) in [
        ("EUR", "EUR", true),
        ("€", "EUR", true),
        ("euroa", "EUR", false),
        ("USD", "USD", true),
        ("$", "USD", true),
        ("SEK", "SEK", true),
        ("kr", "SEK", false),
        ("GBP", "GBP", true),
        ("£", "GBP", true),
    ] {
        if let Some(rest) = t.strip_suffix(sym) {
            t = rest.trim_end().to_owned();
            currency = Some(code);
            break;
        }
        if prefix_ok && let Some(rest) = t.strip_prefix(sym) {
            t = rest.trim_start().to_owned();
            currency = Some(code);
            before = sym.chars().all(|c| !c.is_ascii_alphabetic());
            break;
        }
    }
    let negative = t.starts_with(['-', '\u{2212}']);
    let t: String = t
        .trim_start_matches(['-', '\u{2212}'])
        .chars()
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '_') {
                ' '
            } else {
                c
            }
        })
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' '))
    {
        return Err(bad(MoneyProblem::NotANumber));
    }
    let commas = t.matches(',').count();
    let points = t.matches('.').count();
    // Which mark is the decimal one, and which may group.
    let (decimal, group): (Option<char>, Option<char>) = match (commas, points) {
        (0, 0) => (None, None),
        (1, 0) if !before => (Some(','), None),
        (_, 0) if before => (None, Some(',')),
        (_, 1) if before => (Some('.'), Some(',')),
        (0, 1) => (Some('.'), None),
        (0, _) => (None, Some('.')),
        _ => return Err(bad(MoneyProblem::Mixed)),
    };
    let (int, frac) = match decimal.and_then(|d| t.rsplit_once(d)) {
        Some((i, f)) => (i, f),
        None => (t.as_str(), ""),
    };
    if frac.contains([' ', ',', '.']) {
        return Err(bad(MoneyProblem::Mixed));
    }
    if frac.len() > 2 {
        return Err(bad(MoneyProblem::Decimals));
    }
    if decimal.is_some() && frac.is_empty() {
        return Err(bad(MoneyProblem::NotANumber));
    }
    // Groups: by spaces, or by the group mark; never both.
    let sep = match (int.contains(' '), group.filter(|g| int.contains(*g))) {
        (true, Some(_)) => return Err(bad(MoneyProblem::Mixed)),
        (true, None) => Some(' '),
        (false, g) => g,
    };
    if int.contains([',', '.'].as_slice()) && sep.is_none_or(|g| g == ' ') {
        return Err(bad(MoneyProblem::Mixed));
    }
    let groups: Vec<&str> = match sep {
        Some(g) => int.split(g).collect(),
        None => vec![int],
    };
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad(MoneyProblem::Groups));
    }
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(MoneyProblem::NotANumber));
    }
    let whole: i64 = digits.parse().map_err(|_| bad(MoneyProblem::TooLarge))?;
    let frac_cents: i64 = match frac.len() {
        0 => 0,
        1 => {
            frac.parse::<i64>()
                .map_err(|_| bad(MoneyProblem::NotANumber))?
                * 10
        }
        _ => frac.parse().map_err(|_| bad(MoneyProblem::NotANumber))?,
    };
    let cents = whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac_cents))
        .filter(|c| *c < MONEY_MAX_CENTS)
        .ok_or_else(|| bad(MoneyProblem::TooLarge))?;
    Ok(Money {
        cents: if negative { -cents } else { cents },
        currency,
    })
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sum of money such as 221750 or \"221 750 €\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(100))
                    .filter(|c| *c < MONEY_MAX_CENTS)
                    .map(|cents| Money {
                        cents,
                        currency: None,
                    })
                    .ok_or_else(|| reject(ValueError::Money(v.to_string(), MoneyProblem::TooLarge)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100)
                    .filter(|c| c.abs() < MONEY_MAX_CENTS)
                    .map(|cents| Money {
                        cents,
                        currency: None,
                    })
                    .ok_or_else(|| reject(ValueError::Money(v.to_string(), MoneyProblem::TooLarge)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                let cents = (v * 100.0).round();
                if !v.is_finite() || cents.abs() >= 1e15 {
                    return Err(reject(ValueError::Money(
                        v.to_string(),
                        MoneyProblem::TooLarge,
                    )));
                }
                if (v * 100.0 - cents).abs() > 1e-6 {
                    return Err(reject(ValueError::Money(
                        v.to_string(),
                        MoneyProblem::Decimals,
                    )));
                }
                Ok(Money {
                    cents: cents as i64,
                    currency: None,
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                parse_money(v).map_err(reject)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A sum of money: a number of euros (221750, 177400.50) or a text (\"221 750 €\", \"221 750,50 €\")",
            "anyOf": [{"type": "number"}, {"type": "string"}]
        })
    }
}

/// A share in basis points (80 % = 8000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(pub u32);

fn share_from_percent(p: f64, raw: &str) -> Result<Share, ValueError> {
    let bp = (p * 100.0).round();
    if !p.is_finite() || !(0.0..=10_000.0).contains(&bp) || (p * 100.0 - bp).abs() > 1e-6 {
        return Err(ValueError::Share(raw.to_owned()));
    }
    Ok(Share(bp as u32))
}

fn parse_share(s: &str) -> Result<Share, ValueError> {
    let bad = || ValueError::Share(s.to_owned());
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let t = t.strip_suffix('%').unwrap_or(&t).replace(',', ".");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let p: f64 = t.parse().map_err(|_| bad())?;
    share_from_percent(p, s)
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Share, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Share;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a percentage such as \"80 %\" or 80")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Share, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Share, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Share, E> {
                share_from_percent(v, &v.to_string()).map_err(reject)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Share, E> {
                parse_share(v).map_err(reject)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Share {
    fn schema_name() -> Cow<'static, str> {
        "Share".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A percentage: \"80 %\", \"12,5 %\" or a number of percent (80)",
            "anyOf": [{"type": "number", "minimum": 0, "maximum": 100}, {"type": "string"}]
        })
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub [u8; 3]);

impl Color {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

fn parse_color(s: &str) -> Result<Color, ValueError> {
    let bad = || ValueError::Color(s.to_owned());
    let h = s.trim().strip_prefix('#').ok_or_else(bad)?;
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_owned(),
        _ => return Err(bad()),
    };
    let byte = |i: usize| u8::from_str_radix(&full[i..i + 2], 16).map_err(|_| bad());
    Ok(Color([byte(0)?, byte(2)?, byte(4)?]))
}

string_value!(Color, "a colour such as #00567a", parse_color, {
    "type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", "description": "A colour: #00567a"
});

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// ICU4X (CLDR) writes a sum as Finns, Finland-Swedes and English
        /// readers expect it; kirje reads each of them back to the cent.
        #[test]
        fn a_sum_as_cldr_writes_it_reads_back_exactly(cents in 0..MONEY_MAX_CENTS) {
            for lang in crate::Lang::ALL {
                let written = crate::locale::Formatter::icu(lang).money(cents, "EUR");
                let read = parse_money(&written).map(|m| m.cents);
                prop_assert_eq!(read, Ok(cents), "{}", written);
            }
            // Plain digits, as a spreadsheet exports them.
            let plain = format!("{}.{:02}", cents / 100, cents % 100);
            prop_assert_eq!(parse_money(&plain).map(|m| m.cents), Ok(cents));
        }

        /// A comma before three digits could be decimals or thousands:
        /// refused after the number (`12,345 €`), thousands only with the
        /// symbol before it (`€12,345`), in exact integer arithmetic.
        #[test]
        fn a_comma_before_three_digits_is_never_guessed(whole in 1i64..1_000_000, three in 0i64..1000) {
            let after = format!("{whole},{three:03} €");
            prop_assert!(parse_money(&after).is_err(), "{}", after);
            // The leading group has one to three digits ("€1000,000" is
            // refused for its group of four).
            let head = whole % 1000;
            let before = format!("€{head},{three:03}");
            if head > 0 {
                prop_assert_eq!(parse_money(&before).map(|m| m.cents), Ok((head * 1000 + three) * 100));
            }
        }
    }

    use super::*;

    #[test]
    fn a_rejected_value_comes_back_typed_once_and_only_for_its_own_error() {
        let e: serde_json::Error = reject(ValueError::Date("5.13.2021".to_owned()));
        let wrapped = format!("{e} at line 3 column 7");
        assert_eq!(
            rejected(&wrapped),
            Some(ValueError::Date("5.13.2021".to_owned()))
        );
        assert_eq!(rejected(&wrapped), None, "taken, not kept");
        let _: serde_json::Error = reject(ValueError::Money("12".to_owned(), MoneyProblem::Groups));
        assert_eq!(rejected("missing field `title`"), None);
        assert_eq!(rejected(&wrapped), None, "a mismatch forgets it too");
    }

    #[test]
    fn a_rejected_value_reaches_the_caller_through_a_real_parser() {
        forget_rejected();
        let e = serde_json::from_str::<Vec<Day>>(r#"["2021-05-05", "31.4.2021"]"#)
            .expect_err("no 31 April");
        assert_eq!(
            rejected(&e.to_string()),
            Some(ValueError::ImpossibleDate("31.4.2021".to_owned()))
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2021-05-05"), Ok(jiff::civil::date(2021, 5, 5)));
        assert_eq!(parse_date("5.5.2021"), Ok(jiff::civil::date(2021, 5, 5)));
        assert!(matches!(
            parse_date("2021-02-30"),
            Err(ValueError::ImpossibleDate(_))
        ));
        assert!(matches!(
            parse_date("31.4.2021"),
            Err(ValueError::ImpossibleDate(_))
        ));
        // The year is left to the edition.
        assert_eq!(
            parse_date("5.5."),
            Ok(jiff::civil::date(crate::dates::NO_YEAR, 5, 5))
        );
        assert!(matches!(
            parse_date("5.5.2021 klo 9"),
            Err(ValueError::Date(_))
        ));
        assert!(matches!(parse_date("tomorrow"), Err(ValueError::Date(_))));
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_end("13.30"),
            Ok(End::Time(jiff::civil::time(13, 30, 0, 0)))
        );
        assert_eq!(
            parse_end("klo 9:00"),
            Ok(End::Time(jiff::civil::time(9, 0, 0, 0)))
        );
        assert!(parse_end("25:00").is_err());
        assert!(parse_end("1330").is_err());
        assert_eq!(
            parse_moment("2021-05-05 13:30"),
            Ok(Moment(
                When::At(jiff::civil::date(2021, 5, 5).at(13, 30, 0, 0)),
                None
            ))
        );
        assert_eq!(
            parse_moment("2021-05-05T13:30:00"),
            Ok(Moment(
                When::At(jiff::civil::date(2021, 5, 5).at(13, 30, 0, 0)),
                None
            ))
        );
        assert_eq!(
            parse_moment("2021-05-06"),
            Ok(Moment(When::Day(jiff::civil::date(2021, 5, 6)), None))
        );
    }

    #[test]
    fn whole_days_sort_by_date() {
        let day6 = When::Day(jiff::civil::date(2021, 5, 6));
        let at5 = When::At(jiff::civil::date(2021, 5, 5).at(13, 30, 0, 0));
        assert!(at5 < day6);
        assert!(When::Day(jiff::civil::date(2021, 5, 5)) < at5);
    }

    #[test]
    fn money() {
        let c = |s: &str| parse_money(s).map(|m| m.cents);
        assert_eq!(c("1 000 000 €"), Ok(100_000_000));
        assert_eq!(c("221\u{a0}750,50 €"), Ok(22_175_050));
        assert_eq!(c("€1,000,000.5"), Ok(100_000_050));
        assert_eq!(c("177400"), Ok(17_740_000));
        assert!(c("12,3456").is_err());
        assert!(c("lots").is_err());
        assert!(c("1,00,000").is_err());
        // What could be read two ways is refused, with the reason.
        let why = |s: &str| match parse_money(s) {
            Err(ValueError::Money(_, p)) => Some(p),
            _ => None,
        };
        assert_eq!(why("0,001 €"), Some(MoneyProblem::Decimals));
        assert_eq!(why("1.234,567 €"), Some(MoneyProblem::Mixed));
        assert_eq!(why("1,234,56"), Some(MoneyProblem::Mixed));
        assert_eq!(why("12 34"), Some(MoneyProblem::Groups));
        assert_eq!(why("1.000"), Some(MoneyProblem::Decimals));
        assert_eq!(c("1 000 000,50 €"), Ok(100_000_050));
        assert_eq!(c("1000000"), Ok(100_000_000));
        assert_eq!(c("1.000.000 EUR"), Ok(100_000_000));
        assert_eq!(c("$1,000.50"), Ok(100_050));
        assert_eq!(c("177400.50"), Ok(17_740_050));
        assert_eq!(c("9 999 999 999 999 €"), Ok(999_999_999_999_900));
        assert_eq!(why("10 000 000 000 000 €"), Some(MoneyProblem::TooLarge));
        assert_eq!(parse_money("44 350 €").map(|m| m.currency), Ok(Some("EUR")));
        assert_eq!(
            parse_money("44 350 USD").map(|m| m.currency),
            Ok(Some("USD"))
        );
    }

    #[test]
    fn shares() {
        assert_eq!(parse_share("80 %"), Ok(Share(8000)));
        assert_eq!(parse_share("12,5%"), Ok(Share(1250)));
        assert_eq!(parse_share("33.33"), Ok(Share(3333)));
        assert!(parse_share("101 %").is_err());
        assert!(parse_share("-1 %").is_err());
        assert!(parse_share("12.345").is_err());
    }

    #[test]
    fn colors() {
        assert_eq!(parse_color("#00567A"), Ok(Color([0, 0x56, 0x7a])));
        assert_eq!(parse_color("#fff"), Ok(Color([255, 255, 255])));
        assert!(parse_color("blue").is_err());
    }
}
