//! The small value types of the format: translated text, dates and times,
//! money, shares, colours. Each reads what users actually write
//! ("221 750 €", "80 %", "5.5.2021", "13.30") and refuses the rest with a
//! message that the loader turns into a [`Msg`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::Lang;
use crate::diagnostic::Msg;

/// Marks a serde error message as one of ours, so the loader can give it
/// back as a translated [`Msg`] instead of serde's English. serde's
/// `Error::custom` takes only a message, so the code and the value travel
/// in it between two marks; whatever the YAML or JSON parser adds around
/// the message (its position text, say) stays outside them, so nothing
/// here depends on a parser's wording.
const MARK: char = '\u{1e}';
const SEP: char = '\u{1f}';

fn ours<E: de::Error>(code: &str, value: &str) -> E {
    // A value holding a mark itself must not end the payload early.
    let value: String = value
        .chars()
        .map(|c| if c == MARK || c == SEP { '\u{fffd}' } else { c })
        .collect();
    E::custom(format!("{MARK}{code}{SEP}{value}{MARK}"))
}

/// Turns one of our marked serde messages back into a message.
pub(crate) fn decode(message: &str) -> Option<Msg> {
    let rest = &message[message.find(MARK)? + MARK.len_utf8()..];
    let payload = &rest[..rest.find(MARK)?];
    let (code, value) = payload.split_once(SEP)?;
    let value = value.to_owned();
    Some(match code {
        "date" => Msg::DateFormat { value },
        "date-impossible" => Msg::DateImpossible { value },
        "time" => Msg::TimeFormat { value },
        "money" => Msg::MoneyFormat { value },
        "share" => Msg::ShareFormat { value },
        "color" => Msg::ColorFormat { value },
        "lang" => Msg::LangUnknown { value },
        "empty" => Msg::TextEmpty,
        _ => return None,
    })
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
                    let lang = Lang::from_code(&key).ok_or_else(|| ours("lang", &key))?;
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

/// Parses `2021-05-05` or the Finnish `5.5.2021`.
pub fn parse_date(s: &str) -> Result<Date, Msg> {
    let t = s.trim();
    let parts: Vec<&str> = if t.contains('-') {
        t.split('-').collect()
    } else {
        let mut p: Vec<&str> = t.split('.').collect();
        p.reverse();
        p
    };
    let bad = || Msg::DateFormat {
        value: s.to_owned(),
    };
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(bad());
    }
    let y: i16 = parts[0].parse().map_err(|_| bad())?;
    let m: i8 = parts[1].parse().map_err(|_| bad())?;
    let d: i8 = parts[2].parse().map_err(|_| bad())?;
    Date::new(y, m, d).map_err(|_| Msg::DateImpossible {
        value: format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// Parses `13:30`, `13.30`, `9:00`, optionally after `klo`/`kl.`.
pub fn parse_time(s: &str) -> Result<Time, Msg> {
    let bad = || Msg::TimeFormat {
        value: s.to_owned(),
    };
    let t = s.trim();
    let t = t
        .strip_prefix("klo")
        .or_else(|| t.strip_prefix("kl."))
        .unwrap_or(t)
        .trim();
    let (h, m) = t.split_once([':', '.']).ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    Time::new(h, m, 0, 0).map_err(|_| bad())
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

/// Parses `2021-05-05`, `2021-05-05 13:30`, `2021-05-05T13:30`, `5.5.2021 klo 13.30`.
pub fn parse_when(s: &str) -> Result<When, Msg> {
    let t = s.trim();
    let (date, time) = match t.split_once(['T', ' ']) {
        Some((d, rest)) => (d, Some(rest)),
        None => (t, None),
    };
    let date = parse_date(date)?;
    match time {
        None => Ok(When::Day(date)),
        Some(time) => {
            // Seconds are accepted when zero (a tool wrote 13:30:00).
            let time = time
                .trim()
                .strip_suffix(":00")
                .filter(|x| x.len() >= 4)
                .unwrap_or(time);
            let tm = parse_time(time).map_err(|_| Msg::TimeFormat {
                value: s.to_owned(),
            })?;
            Ok(When::At(date.to_datetime(tm)))
        }
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
                        ($parse)(v).map_err(|m: Msg| msg_to_serde(&m, v))
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

fn msg_to_serde<E: de::Error>(m: &Msg, v: &str) -> E {
    let code = match m {
        Msg::DateImpossible { value } => return ours("date-impossible", value),
        Msg::DateFormat { .. } => "date",
        Msg::TimeFormat { .. } => "time",
        Msg::MoneyFormat { .. } => "money",
        Msg::ShareFormat { .. } => "share",
        Msg::ColorFormat { .. } => "color",
        _ => "invalid",
    };
    ours(code, v)
}

/// A calendar date: `2021-05-05` (or `5.5.2021`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub Date);

string_value!(Day, "a date such as 2021-05-05", |v: &str| parse_date(v).map(Day), {
    "type": "string", "description": "A date: 2021-05-05 (or 5.5.2021)",
    "pattern": "^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4})$"
});

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// A start or end: a day, or a day and a time (`2021-05-05 13:30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment(pub When);

string_value!(Moment, "a date, or a date and time such as 2021-05-05 13:30", |v: &str| parse_when(v).map(Moment), {
    "type": "string", "description": "A day (2021-05-05) or a day and a local Helsinki time (2021-05-05 13:30)"
});

/// An event's end: like [`Moment`], or only a time of day on the start's date (`15:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A day or a day and time.
    When(When),
    /// A time on the same day as the start.
    Time(Time),
}

string_value!(End, "an end such as 15:00 or 2021-05-06 15:00", |v: &str| {
    if v.trim().len() <= 9 && !v.contains('-') && v.matches('.').count() <= 1 {
        parse_time(v).map(End::Time)
    } else {
        parse_when(v).map(End::When)
    }
}, {
    "type": "string", "description": "The end: a time on the start's day (15:00), a day, or a day and time"
});

/// A sum of money in cents, with the currency if the text named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// Cents (1 € = 100).
    pub cents: i64,
    /// The currency the value was written with (`€` → EUR), if any.
    pub currency: Option<&'static str>,
}

fn parse_money(s: &str) -> Result<Money, Msg> {
    let bad = || Msg::MoneyFormat {
        value: s.to_owned(),
    };
    let mut t: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '_'))
        .collect();
    let mut currency = None;
    for (sym, code) in [
        ("EUR", "EUR"),
        ("€", "EUR"),
        ("euroa", "EUR"),
        ("USD", "USD"),
        ("$", "USD"),
        ("SEK", "SEK"),
        ("GBP", "GBP"),
        ("£", "GBP"),
    ] {
        if let Some(rest) = t.strip_suffix(sym).or_else(|| t.strip_prefix(sym)) {
            t = rest.to_owned();
            currency = Some(code);
            break;
        }
    }
    let negative = t.starts_with(['-', '\u{2212}']);
    let t = t.trim_start_matches(['-', '\u{2212}']);
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(bad());
    }
    // The last separator followed by one or two digits is the decimal mark;
    // any other separator groups thousands and must be followed by three digits.
    let (int, frac) = match t.rfind([',', '.']) {
        Some(i) if t.len() - i - 1 <= 2 => (&t[..i], &t[i + 1..]),
        _ => (t, ""),
    };
    let groups: Vec<&str> = int.split([',', '.']).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad());
    }
    let digits: String = groups.concat();
    if digits.is_empty() || digits.len() > 13 {
        return Err(bad());
    }
    let whole: i64 = digits.parse().map_err(|_| bad())?;
    let frac_cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    let cents = whole * 100 + frac_cents;
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
                    .filter(|c| *c < 10_000_000_000_000)
                    .map(|cents| Money {
                        cents,
                        currency: None,
                    })
                    .ok_or_else(|| ours("money", &v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100)
                    .filter(|c| c.abs() < 10_000_000_000_000)
                    .map(|cents| Money {
                        cents,
                        currency: None,
                    })
                    .ok_or_else(|| ours("money", &v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                let cents = (v * 100.0).round();
                if !v.is_finite() || cents.abs() >= 1e13 || (v * 100.0 - cents).abs() > 1e-6 {
                    return Err(ours("money", &v.to_string()));
                }
                Ok(Money {
                    cents: cents as i64,
                    currency: None,
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                parse_money(v).map_err(|_| ours("money", v))
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

fn share_from_percent(p: f64, raw: &str) -> Result<Share, Msg> {
    let bp = (p * 100.0).round();
    if !p.is_finite() || !(0.0..=10_000.0).contains(&bp) || (p * 100.0 - bp).abs() > 1e-6 {
        return Err(Msg::ShareFormat {
            value: raw.to_owned(),
        });
    }
    Ok(Share(bp as u32))
}

fn parse_share(s: &str) -> Result<Share, Msg> {
    let bad = || Msg::ShareFormat {
        value: s.to_owned(),
    };
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
                share_from_percent(v, &v.to_string()).map_err(|_| ours("share", &v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Share, E> {
                parse_share(v).map_err(|_| ours("share", v))
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

fn parse_color(s: &str) -> Result<Color, Msg> {
    let bad = || Msg::ColorFormat {
        value: s.to_owned(),
    };
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
    use super::*;

    #[test]
    fn a_marked_message_survives_whatever_the_parser_adds() {
        let e: serde_json::Error = ours("date", "5.13.2021");
        let wrapped = format!("invalid value: {e} at line 3 column 7 (some words)");
        assert_eq!(
            decode(&wrapped),
            Some(Msg::DateFormat {
                value: "5.13.2021".to_owned()
            })
        );
        // A value holding a mark cannot end the payload early.
        let e: serde_json::Error = ours("money", "12\u{1e}00");
        assert_eq!(
            decode(&e.to_string()),
            Some(Msg::MoneyFormat {
                value: "12\u{fffd}00".to_owned()
            })
        );
        assert_eq!(decode("a message of serde's own"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2021-05-05"), Ok(jiff::civil::date(2021, 5, 5)));
        assert_eq!(parse_date("5.5.2021"), Ok(jiff::civil::date(2021, 5, 5)));
        assert!(matches!(
            parse_date("2021-02-30"),
            Err(Msg::DateImpossible { .. })
        ));
        assert!(matches!(
            parse_date("31.4.2021"),
            Err(Msg::DateImpossible { .. })
        ));
        assert!(matches!(parse_date("5.5."), Err(Msg::DateFormat { .. })));
        assert!(matches!(
            parse_date("tomorrow"),
            Err(Msg::DateFormat { .. })
        ));
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("13.30"), Ok(jiff::civil::time(13, 30, 0, 0)));
        assert_eq!(parse_time("klo 9:00"), Ok(jiff::civil::time(9, 0, 0, 0)));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("1330").is_err());
        assert_eq!(
            parse_when("2021-05-05 13:30"),
            Ok(When::At(jiff::civil::date(2021, 5, 5).at(13, 30, 0, 0)))
        );
        assert_eq!(
            parse_when("2021-05-05T13:30:00"),
            Ok(When::At(jiff::civil::date(2021, 5, 5).at(13, 30, 0, 0)))
        );
        assert_eq!(
            parse_when("2021-05-06"),
            Ok(When::Day(jiff::civil::date(2021, 5, 6)))
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
        assert_eq!(c("1.000"), Ok(100_000));
        assert!(c("12,3456").is_err());
        assert!(c("lots").is_err());
        assert!(c("1,00,000").is_err());
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
