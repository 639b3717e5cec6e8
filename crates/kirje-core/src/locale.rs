//! Dates, times, numbers, sums of money and percentages as kirje prints them
//! in Finnish, Swedish and English.
//!
//! Two layers:
//!
//! * **CLDR's words and symbols** for `fi`, `sv-FI` (Finland-Swedish) and
//!   `en-GB`: weekday and month names, the long date, the digit grouping
//!   separator, the decimal separator and the minus sign. kirje carries
//!   them as small tables for its three languages; the tests check every
//!   one against ICU4X's compiled CLDR data (a dev-dependency), property
//!   tests included, so a CLDR change shows up as a failing test. ICU4X
//!   compiles in the data of every locale, about half a megabyte of the
//!   browser bundle for three languages' worth of names.
//! * **House style** composes them into the forms Finnish public projects
//!   write: "ti 4.5.2021 klo 13.30–15.00", "6.–7.5.2021", "1 000 000 €".
//!   CLDR's own numeric date patterns are not used, because they do not give
//!   these forms (sv-FI's short date is "05.05.2021", en-GB's is
//!   "05/05/2021").
//!
//! Typography, everywhere:
//!
//! * Never wrap inside a number or between a number and its unit: every
//!   space inside a number, before "€" / "%" / a currency code and after
//!   "klo" / "kl." is U+00A0 NO-BREAK SPACE.
//! * Ranges use U+2013 EN DASH: closed up ("6.–7.5.2021", "13.30–15.00")
//!   within a day or a numeric date, spaced with ordinary spaces
//!   ("30 April – 2 May 2021") when both ends are long enough to have
//!   spaces of their own.

use fixed_decimal::Decimal;
#[cfg(test)]
use icu_calendar::{Date as IcuDate, Gregorian};
#[cfg(test)]
use icu_datetime::{FixedCalendarDateTimeFormatter, fieldsets};
#[cfg(test)]
use icu_decimal::DecimalFormatter;
#[cfg(test)]
use icu_decimal::options::DecimalFormatterOptions;
#[cfg(test)]
use icu_locale_core::{Locale, locale};
use jiff::civil::{Date, DateTime, Time};
use schemars::JsonSchema;
use serde::Serialize;

use crate::Lang;

/// U+00A0 NO-BREAK SPACE: inside numbers, before units, after "klo".
const NBSP: &str = "\u{a0}";

/// U+2013 EN DASH, the range dash.
const DASH: &str = "\u{2013}";

/// Formats dates, times and numbers for one language.
///
/// Build it once per language and reuse it: construction loads the ICU
/// formatters and the name tables.
#[derive(Debug, Clone)]
pub struct Formatter {
    lang: Lang,
    names: Names,
    /// Tests only: ICU's long date ("5. toukokuuta 2021"), to compare with.
    #[cfg(test)]
    long_date: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>>,
    /// Tests only: ICU's digit grouping and separators, to compare with.
    #[cfg(test)]
    decimal: Option<DecimalFormatter>,
    /// The locale's minus sign (U+2212 in fi and sv, "-" in en), put before
    /// a currency symbol that precedes the number ("-€5").
    minus: String,
}

/// The pieces of a calendar date badge (a tear-off calendar leaf).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Badge {
    /// Day of the month without a leading zero: "5".
    pub day: String,
    /// Abbreviated stand-alone month name without a trailing period:
    /// fi "touko", sv "maj", en "May".
    pub month: String,
    /// Abbreviated weekday: fi "ti", sv "tis", en "Tue".
    pub weekday: String,
}

/// Names taken from CLDR once, when the formatter is built.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Names {
    /// Abbreviated weekdays, Monday first.
    weekdays: [String; 7],
    /// Stand-alone wide month names ("toukokuu"), January first.
    months: [String; 12],
    /// Stand-alone abbreviated month names without a trailing period.
    months_abbr: [String; 12],
}

impl Formatter {
    /// Builds the formatter for `lang`.
    pub fn new(lang: Lang) -> Formatter {
        Formatter {
            lang,
            names: house_names(lang),
            #[cfg(test)]
            long_date: None,
            #[cfg(test)]
            decimal: None,
            minus: house_minus(lang).to_owned(),
        }
    }

    /// Tests only: the same formatter with ICU4X's CLDR data in place of
    /// the tables, which the tests compare it with.
    #[cfg(test)]
    pub(crate) fn icu(lang: Lang) -> Formatter {
        let locale = icu_locale(lang);
        let names = icu_names(&locale).unwrap_or_else(|| house_names(lang));
        let long_date = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
            locale.clone().into(),
            fieldsets::YMD::long(),
        )
        .ok();
        let decimal =
            DecimalFormatter::try_new(locale.into(), DecimalFormatterOptions::default()).ok();
        let minus = decimal
            .as_ref()
            .and_then(|f| {
                let one = f.format(&Decimal::from(-1)).to_string();
                one.strip_suffix('1')
                    .filter(|m| !m.is_empty())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| house_minus(lang).to_owned());
        Formatter {
            lang,
            names,
            long_date,
            decimal,
            minus,
        }
    }

    /// The language this formatter writes.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A date: fi and sv "5.5.2021", en "5 May 2021".
    ///
    /// English writes the month in words (as GOV.UK does) because "5/5/2021"
    /// reads differently in Britain and America.
    pub fn date(&self, d: Date) -> String {
        match self.lang {
            Lang::Fi | Lang::Sv => format!("{}.{}.{}", d.day(), d.month(), d.year()),
            Lang::En => format!("{} {} {}", d.day(), self.month(d), d.year()),
        }
    }

    /// A date with the abbreviated weekday: fi "ti 4.5.2021",
    /// sv "tis 4.5.2021", en "Tue 4 May 2021".
    pub fn date_weekday(&self, d: Date) -> String {
        format!("{} {}", self.weekday(d), self.date(d))
    }

    /// A date with the month in words: fi "5. toukokuuta 2021",
    /// sv "5 maj 2021", en "5 May 2021".
    ///
    /// This is CLDR's long date as is; Finnish uses the month's partitive
    /// format form ("toukokuuta"), not the stand-alone "toukokuu".
    pub fn date_long(&self, d: Date) -> String {
        // CLDR adds the era to years it finds ambiguous ("1. tammikuuta 1
        // jKr."); the other forms never show one, so the tests ask ICU only
        // for four-digit years, where its pattern is the house pattern.
        #[cfg(test)]
        if let (Some(f), Some(icu)) = (
            &self.long_date,
            icu_date(d).filter(|_| (1000..=9999).contains(&d.year())),
        ) {
            return f.format(&icu).to_string();
        }
        let month = month_index(d);
        match self.lang {
            Lang::Fi => format!("{}. {} {}", d.day(), FI_MONTHS_PARTITIVE[month], d.year()),
            Lang::Sv | Lang::En => format!("{} {} {}", d.day(), self.month(d), d.year()),
        }
    }

    /// A range of days: fi and sv "6.–7.5.2021", "30.4.–2.5.2021",
    /// "30.12.2021–2.1.2022"; en "6–7 May 2021", "30 April – 2 May 2021",
    /// "30 December 2021 – 2 January 2022".
    ///
    /// The same day twice gives [`Formatter::date`]. Ends given in the wrong
    /// order are swapped, so the range always reads forwards.
    pub fn date_range(&self, a: Date, b: Date) -> String {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        if a == b {
            return self.date(a);
        }
        let same_year = a.year() == b.year();
        let same_month = same_year && a.month() == b.month();
        match self.lang {
            // Finnish and Swedish write the shared tail once and close up
            // the dash: "6.–7.5.2021" (Kielitoimiston ohjepankki).
            Lang::Fi | Lang::Sv => {
                if same_month {
                    format!("{}.{DASH}{}", a.day(), self.date(b))
                } else if same_year {
                    format!("{}.{}.{DASH}{}", a.day(), a.month(), self.date(b))
                } else {
                    format!("{}{DASH}{}", self.date(a), self.date(b))
                }
            }
            // English closes up "6–7 May 2021" but spaces the dash once
            // either end has spaces of its own ("30 April – 2 May 2021").
            Lang::En => {
                if same_month {
                    format!("{}{DASH}{}", a.day(), self.date(b))
                } else if same_year {
                    format!("{} {} {DASH} {}", a.day(), self.month(a), self.date(b))
                } else {
                    format!("{} {DASH} {}", self.date(a), self.date(b))
                }
            }
        }
    }

    /// A time of day: fi "klo 13.30", sv "kl. 13.30", en "13:30".
    ///
    /// Finnish and Swedish separate hours and minutes with a period and write
    /// the hour without a leading zero ("klo 9.00"), as the Finnish and
    /// Finland-Swedish language boards recommend. English follows CLDR
    /// en-GB's `HH:mm`: "09:00". Seconds are not shown.
    pub fn time(&self, t: Time) -> String {
        format!("{}{}", self.clock_word(), self.clock(t))
    }

    /// A span of time within a day: fi "klo 13.30–15.00",
    /// sv "kl. 13.30–15.00", en "13:30–15:00".
    pub fn time_range(&self, a: Time, b: Time) -> String {
        format!(
            "{}{}{DASH}{}",
            self.clock_word(),
            self.clock(a),
            self.clock(b)
        )
    }

    /// When an event happens.
    ///
    /// * Within one day: fi "ke 5.5.2021 klo 13.30–15.00",
    ///   en "Wed 5 May 2021, 13:30–15:00".
    /// * No end: fi "ke 5.5.2021 klo 13.30", en "Wed 5 May 2021, 13:30".
    /// * Over several days: fi "to 6.5.2021 klo 9.00 – pe 7.5.2021 klo 15.00",
    ///   en "Thu 6 May 2021, 09:00 – Fri 7 May 2021, 15:00".
    ///
    /// An end that is not after the start is left out (it says nothing
    /// more than the start; the checks report such data).
    pub fn event_when(&self, start: DateTime, end: Option<DateTime>) -> String {
        match end {
            Some(end) if end > start && end.date() == start.date() => format!(
                "{}{}{}",
                self.date_weekday(start.date()),
                self.date_time_separator(),
                self.time_range(start.time(), end.time())
            ),
            Some(end) if end > start => {
                format!("{} {DASH} {}", self.at(start), self.at(end))
            }
            _ => self.at(start),
        }
    }

    /// An event that takes whole days: one day as "ti 4.5.2021", several as
    /// [`Formatter::date_range`] ("6.–7.5.2021").
    pub fn all_day(&self, start: Date, end: Option<Date>) -> String {
        match end {
            Some(end) if end != start => self.date_range(start, end),
            _ => self.date_weekday(start),
        }
    }

    /// The parts of a calendar badge: day "5", month "touko", weekday "ke".
    pub fn badge(&self, d: Date) -> Badge {
        Badge {
            day: d.day().to_string(),
            month: self.names.months_abbr[month_index(d)].clone(),
            weekday: self.weekday(d).to_owned(),
        }
    }

    /// Month and year with the stand-alone month name: fi "toukokuu 2021",
    /// sv "maj 2021", en "May 2021".
    pub fn month_year(&self, d: Date) -> String {
        format!("{} {}", self.month(d), d.year())
    }

    /// A whole number with CLDR's digit grouping: fi and sv "1 000 000"
    /// (U+00A0 between groups), en "1,000,000".
    ///
    /// CLDR's minimum grouping digits is 1 for all three locales, so
    /// four-digit numbers are grouped too: fi "4 500", en "4,500".
    /// Negative numbers take the locale's minus sign (U+2212 in fi and sv).
    pub fn number(&self, n: i64) -> String {
        self.decimal(&Decimal::from(n))
    }

    /// A sum of money given in cents.
    ///
    /// Whole sums print without decimals, any other with two: fi and sv
    /// "1 000 000 €", "1 234,50 €", "−5 €"; en "€1,000,000", "€1,234.50",
    /// "-€5". `currency` is an ISO 4217 code, any case; "EUR" (or "€")
    /// prints as "€", any other code as itself ("1 000 USD", "USD 1,000"),
    /// and an empty one prints the number alone.
    pub fn money(&self, cents: i64, currency: &str) -> String {
        let abs = cents.unsigned_abs();
        let mut amount = Decimal::from(abs);
        amount.multiply_pow10(-2);
        if abs.is_multiple_of(100) {
            // "177 400 €", not "177 400,00 €": whole euros need no decimals.
            amount.absolute.trim_end();
        }
        let digits = self.decimal(&amount);
        let sign = if cents < 0 { self.minus.as_str() } else { "" };
        let unit = currency_unit(currency);
        match (self.lang, unit.as_str()) {
            (_, "") => format!("{sign}{digits}"),
            // CLDR fi and sv: "#,##0.00 ¤" with U+00A0 before the symbol.
            (Lang::Fi | Lang::Sv, unit) => format!("{sign}{digits}{NBSP}{unit}"),
            // CLDR en: "¤#,##0.00"; a letter code is set off by U+00A0
            // (CLDR's currency spacing), the "€" symbol is not.
            (Lang::En, "€") => format!("{sign}€{digits}"),
            (Lang::En, unit) => format!("{sign}{unit}{NBSP}{digits}"),
        }
    }

    /// A percentage given in basis points (hundredths of a percent): 8000 is
    /// fi and sv "80 %" (U+00A0 before "%", as CLDR's fi and sv patterns
    /// have it), en "80%"; 3333 is fi "33,33 %", en "33.33%"; trailing zeros
    /// are dropped (1250 is "12,5 %").
    pub fn percent(&self, basis_points: u32) -> String {
        let mut share = Decimal::from(basis_points);
        share.multiply_pow10(-2);
        share.absolute.trim_end();
        let digits = self.decimal(&share);
        match self.lang {
            Lang::Fi | Lang::Sv => format!("{digits}{NBSP}%"),
            Lang::En => format!("{digits}%"),
        }
    }

    /// Formats a decimal with the house table (in the tests, with ICU
    /// when the formatter was built from it).
    fn decimal(&self, value: &Decimal) -> String {
        #[cfg(test)]
        if let Some(f) = &self.decimal {
            // CLDR fi and sv group with U+00A0 today; should a later CLDR
            // switch to U+202F (as it did for French), keep U+00A0, which
            // every font and e-mail client has.
            return f.format(value).to_string().replace('\u{202f}', NBSP);
        }
        house_decimal(self.lang, value)
    }

    /// The abbreviated weekday of `d`.
    fn weekday(&self, d: Date) -> &str {
        let i = usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0);
        self.names.weekdays.get(i).map_or("", String::as_str)
    }

    /// The stand-alone wide month name of `d`.
    fn month(&self, d: Date) -> &str {
        &self.names.months[month_index(d)]
    }

    /// "klo " / "kl. " (U+00A0 so the word never ends a line), or nothing.
    fn clock_word(&self) -> &'static str {
        match self.lang {
            Lang::Fi => "klo\u{a0}",
            Lang::Sv => "kl.\u{a0}",
            Lang::En => "",
        }
    }

    /// A time without the clock word: "13.30", "9.00"; en "13:30", "09:00".
    fn clock(&self, t: Time) -> String {
        match self.lang {
            Lang::Fi | Lang::Sv => format!("{}.{:02}", t.hour(), t.minute()),
            Lang::En => format!("{:02}:{:02}", t.hour(), t.minute()),
        }
    }

    /// Between a date and its time: fi and sv put the time after a space
    /// ("ti 4.5.2021 klo 13.30"), en after a comma ("Tue 4 May 2021, 13:30").
    fn date_time_separator(&self) -> &'static str {
        match self.lang {
            Lang::Fi | Lang::Sv => " ",
            Lang::En => ", ",
        }
    }

    /// One moment with weekday, date and time.
    /// "ti 5.5.2021 klo 13.30" (a day alone: "ti 5.5.2021").
    pub fn moment(&self, date: Date, time: Option<Time>) -> String {
        match time {
            Some(t) => self.at(date.to_datetime(t)),
            None => self.date_weekday(date),
        }
    }

    fn at(&self, dt: DateTime) -> String {
        format!(
            "{}{}{}",
            self.date_weekday(dt.date()),
            self.date_time_separator(),
            self.time(dt.time())
        )
    }
}

/// The ICU locale for each language.
#[cfg(test)]
fn icu_locale(lang: Lang) -> Locale {
    match lang {
        Lang::Fi => locale!("fi"),
        // Finland-Swedish: the sv-FI data differ from Sweden's in places.
        Lang::Sv => locale!("sv-FI"),
        // British English: day-month order and the 24-hour clock.
        Lang::En => locale!("en-GB"),
    }
}

/// A jiff date as an ICU Gregorian date (`None` cannot happen for the dates
/// jiff makes, but is handled all the same).
#[cfg(test)]
fn icu_date(d: Date) -> Option<IcuDate<Gregorian>> {
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    IcuDate::try_new_gregorian(i32::from(d.year()), month, day).ok()
}

/// January is 0. jiff guarantees 1..=12; clamped so indexing never panics.
fn month_index(d: Date) -> usize {
    usize::try_from(d.month() - 1).unwrap_or(0).min(11)
}

/// Builds an array from a fallible function of the index.
#[cfg(test)]
fn try_array<const N: usize>(f: impl FnMut(usize) -> Option<String>) -> Option<[String; N]> {
    let items: Option<Vec<String>> = (0..N).map(f).collect();
    items?.try_into().ok()
}

/// Reads the weekday and month names from CLDR.
#[cfg(test)]
fn icu_names(locale: &Locale) -> Option<Names> {
    let weekday = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale.clone().into(),
        fieldsets::E::medium(),
    )
    .ok()?;
    let month = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale.clone().into(),
        fieldsets::M::long(),
    )
    .ok()?;
    let month_abbr = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
        locale.clone().into(),
        fieldsets::M::medium(),
    )
    .ok()?;
    // 3 May 2021 was a Monday.
    let weekdays = try_array(|i| {
        let date = IcuDate::try_new_gregorian(2021, 5, 3 + u8::try_from(i).ok()?).ok()?;
        Some(weekday.format(&date).to_string())
    })?;
    let first_of = |i: usize| IcuDate::try_new_gregorian(2021, 1 + u8::try_from(i).ok()?, 1).ok();
    let months = try_array(|i| Some(month.format(&first_of(i)?).to_string()))?;
    let months_abbr = try_array(|i| {
        let name = month_abbr.format(&first_of(i)?).to_string();
        // CLDR sv abbreviates "jan.", "aug."; a badge has no room for the
        // period and needs none.
        Some(name.trim_end_matches('.').to_owned())
    })?;
    let names = Names {
        weekdays,
        months,
        months_abbr,
    };
    let complete = names
        .weekdays
        .iter()
        .chain(&names.months)
        .chain(&names.months_abbr)
        .all(|n| !n.is_empty());
    complete.then_some(names)
}

const FI_WEEKDAYS: [&str; 7] = ["ma", "ti", "ke", "to", "pe", "la", "su"];
const SV_WEEKDAYS: [&str; 7] = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"];
const EN_WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const FI_MONTHS: [&str; 12] = [
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
];
/// The format form Finnish uses after a day number: "5. toukokuuta".
const FI_MONTHS_PARTITIVE: [&str; 12] = [
    "tammikuuta",
    "helmikuuta",
    "maaliskuuta",
    "huhtikuuta",
    "toukokuuta",
    "kesäkuuta",
    "heinäkuuta",
    "elokuuta",
    "syyskuuta",
    "lokakuuta",
    "marraskuuta",
    "joulukuuta",
];
const FI_MONTHS_ABBR: [&str; 12] = [
    "tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras",
    "joulu",
];
const SV_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const SV_MONTHS_ABBR: [&str; 12] = [
    "jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// CLDR en-GB abbreviates September "Sept" (British usage); kept.
const EN_MONTHS_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// The house copy of the CLDR names, used only if ICU fails.
fn house_names(lang: Lang) -> Names {
    let (weekdays, months, months_abbr) = match lang {
        Lang::Fi => (FI_WEEKDAYS, FI_MONTHS, FI_MONTHS_ABBR),
        Lang::Sv => (SV_WEEKDAYS, SV_MONTHS, SV_MONTHS_ABBR),
        Lang::En => (EN_WEEKDAYS, EN_MONTHS, EN_MONTHS_ABBR),
    };
    Names {
        weekdays: weekdays.map(str::to_owned),
        months: months.map(str::to_owned),
        months_abbr: months_abbr.map(str::to_owned),
    }
}

/// CLDR's minus sign: U+2212 MINUS SIGN in fi and sv, "-" in en.
fn house_minus(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi | Lang::Sv => "\u{2212}",
        Lang::En => "-",
    }
}

/// Formats a decimal the way CLDR does for our three locales, without ICU:
/// groups of three (minimum grouping digits 1), U+00A0 and "," in fi and sv,
/// "," and "." in en.
fn house_decimal(lang: Lang, value: &Decimal) -> String {
    let (group, point) = match lang {
        Lang::Fi | Lang::Sv => (NBSP, ","),
        Lang::En => (",", "."),
    };
    // fixed_decimal prints plain ASCII: "-1234.50".
    let plain = value.to_string();
    let (negative, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, plain.as_str()),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut out = String::new();
    if negative {
        out.push_str(house_minus(lang));
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push_str(point);
        out.push_str(frac);
    }
    out
}

/// What to print for a currency code: "€" for EUR, else the code in
/// capitals. Control characters are dropped so a bad value cannot break
/// the layout.
fn currency_unit(currency: &str) -> String {
    let code = currency.trim();
    if code.eq_ignore_ascii_case("EUR") || code == "€" {
        return "€".to_owned();
    }
    code.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .to_uppercase()
}

#[cfg(test)]
mod tests;
