//! Dates and times as Finns and Finland-Swedes write them, and the year a
//! date without one takes from its edition.
//!
//! Our own code, because no date parser reads these forms: the Finnish
//! numeric date with or without its year (`5.5.2026`, `5.5.`), `klo` and
//! `kl.` before a time, times with a period (`13.30`) or a bare hour after
//! `klo` (`klo 9–12`), and ranges closed up with a dash (`6.–7.5.2026`,
//! `13.30–15`). jiff checks every date and time it builds; this file only
//! reads the forms. The grammar, as `docs/format.md` gives it:
//!
//! ```text
//! moment  = [weekday] date [[","] [klo | kl. | kl | T] times] [dash end]
//! date    = D.M.YYYY | D.M. | D.M | YYYY-MM-DD
//! times   = time [dash time]
//! end     = date [[klo] time] | [klo] time
//! range   = D.–D.M.[YYYY] | D.M.–D.M.[YYYY]     (a span of days)
//! time    = H.MM | H:MM | H:MM:00 | H     (H alone after klo or in a range)
//! dash    = - | – | —, with or without spaces
//! ```
//!
//! A date written without a year keeps year [`NO_YEAR`] until
//! [`resolve`] gives it one from the edition's date.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::values::ValueError;

/// The year of a date written without one, until [`resolve`] sets it.
/// Year 0 is never written (a written year must have four digits and be at
/// least 1000), and it is a leap year, so 29.2. reads.
pub const NO_YEAR: i16 = 0;

/// Whether `d` was written without its year and has not been given one.
pub fn year_missing(d: Date) -> bool {
    d.year() == NO_YEAR
}

/// One end of what was written: a date (perhaps without its year) and a
/// time, either of which may be absent at the end of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// The day, with [`NO_YEAR`] when the year was not written.
    pub date: Option<Date>,
    /// The time of day.
    pub time: Option<Time>,
}

/// What a person wrote for a moment or a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The start (or the only point).
    pub start: Point,
    /// The end, when a range was written.
    pub end: Option<Point>,
}

/// A cursor over the text.
struct Cur<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i] == b' ' {
            self.i += 1;
        }
    }
    fn eat(&mut self, b: u8) -> bool {
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_word(&mut self, w: &str) -> bool {
        let w = w.as_bytes();
        let end = self.i + w.len();
        if self.s.len() >= end && self.s[self.i..end].eq_ignore_ascii_case(w) {
            // A word ends at a space, a digit or the end.
            if self.s.get(end).is_none_or(|c| !c.is_ascii_alphabetic()) {
                self.i = end;
                return true;
            }
        }
        false
    }
    fn digits(&mut self, max: usize) -> Option<(u32, usize)> {
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() && self.i - start < max {
            self.i += 1;
        }
        if self.i == start || self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i = start;
            return None;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        Some((text.parse().ok()?, self.i - start))
    }
    fn dash(&mut self) -> bool {
        let save = self.i;
        self.ws();
        if self.eat(b'-') {
            self.ws();
            return true;
        }
        self.i = save;
        false
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
}

/// Day, month and year as written; year `None` when left out.
#[derive(Debug, Clone, Copy)]
struct Written {
    day: u32,
    month: Option<u32>,
    year: Option<u32>,
}

fn date_of(w: Written, raw: &str) -> Result<Date, ValueError> {
    let month = w.month.ok_or_else(|| ValueError::Date(raw.to_owned()))?;
    let year = match w.year {
        Some(y) if (1000..=9999).contains(&y) => i16::try_from(y).unwrap_or(NO_YEAR),
        Some(_) => return Err(ValueError::Date(raw.to_owned())),
        None => NO_YEAR,
    };
    let (m, d) = (
        i8::try_from(month).unwrap_or(0),
        i8::try_from(w.day).unwrap_or(0),
    );
    Date::new(year, m, d).map_err(|_| {
        ValueError::ImpossibleDate(match w.year {
            Some(y) => format!("{}.{}.{y}", w.day, month),
            None => format!("{}.{}.", w.day, month),
        })
    })
}

/// `2026-05-05`, `5.5.2026`, `5.5.`, `5.5`, or (`day_only`) `6.` before a dash.
fn written_date(c: &mut Cur, day_only: bool) -> Option<Written> {
    let save = c.i;
    // ISO: YYYY-M-D.
    let iso = c.digits(4);
    if let Some((y, 4)) = iso {
        if c.eat(b'-')
            && let Some((m, _)) = c.digits(2)
            && c.eat(b'-')
            && let Some((d, _)) = c.digits(2)
        {
            return Some(Written {
                day: d,
                month: Some(m),
                year: Some(y),
            });
        }
        c.i = save;
        return None;
    }
    c.i = save;
    let (day, _) = c.digits(2)?;
    if !c.eat(b'.') {
        c.i = save;
        return None;
    }
    let after_day = c.i;
    match c.digits(2) {
        Some((month, _)) => {
            let dot = c.eat(b'.');
            let year = if dot {
                match c.digits(4) {
                    Some((y, 4)) => Some(y),
                    Some(_) => {
                        c.i = save;
                        return None;
                    }
                    None => None,
                }
            } else {
                None
            };
            Some(Written {
                day,
                month: Some(month),
                year,
            })
        }
        None if day_only => {
            c.i = after_day;
            Some(Written {
                day,
                month: None,
                year: None,
            })
        }
        None => {
            c.i = save;
            None
        }
    }
}

/// `13.30`, `13:30`, `13:30:00`, or a bare hour when `bare` allows it.
fn written_time(c: &mut Cur, bare: bool) -> Option<Time> {
    let save = c.i;
    let (h, _) = c.digits(2)?;
    let m = if c.eat(b'.') || c.eat(b':') {
        match c.digits(2) {
            Some((m, 2)) => {
                if c.eat(b':') && c.digits(2) != Some((0, 2)) {
                    c.i = save;
                    return None;
                }
                m
            }
            _ => {
                c.i = save;
                return None;
            }
        }
    } else if bare {
        0
    } else {
        c.i = save;
        return None;
    };
    let t = Time::new(i8::try_from(h).ok()?, i8::try_from(m).ok()?, 0, 0).ok();
    if t.is_none() {
        c.i = save;
    }
    t
}

/// `klo`, `kl.`, `kl` or `T` before a time; whether one was there.
fn time_mark(c: &mut Cur) -> bool {
    c.ws();
    if c.eat(b',') {
        c.ws();
    }
    let marked = c.eat_word("klo") || c.eat_word("kl.") || c.eat_word("kl");
    c.ws();
    marked
}

const WEEKDAYS: &[&str] = &[
    "ma", "ti", "ke", "to", "pe", "la", "su", "må", "on", "fr", "lö", "sö", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun",
];

/// Reads a moment or a span. `time_only`: a time alone is allowed (an
/// event's `end:`).
pub fn read(text: &str, time_only: bool) -> Result<Reading, ValueError> {
    let bad = || ValueError::Date(text.to_owned());
    let norm: String = text
        .trim()
        .chars()
        .map(|ch| match ch {
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{a0}' | '\t' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    // A weekday before the date ("ti 5.5.2026") is read past: the date
    // says which day it is.
    let norm = WEEKDAYS
        .iter()
        .find_map(|w| {
            norm.strip_prefix(w)
                .and_then(|rest| rest.strip_prefix(' ').or_else(|| rest.strip_prefix(". ")))
        })
        .unwrap_or(&norm)
        .to_owned();
    // ISO date and time joined by T.
    let norm = match norm.as_bytes().get(10) {
        Some(b't') if norm.as_bytes()[4] == b'-' => format!("{} {}", &norm[..10], &norm[11..]),
        _ => norm,
    };
    let mut c = Cur {
        s: norm.as_bytes(),
        i: 0,
    };

    // A time alone (an end): "15:00", "klo 15", "kl. 15.00".
    if time_only {
        let save = c.i;
        let marked = time_mark(&mut c);
        if let Some(t) = written_time(&mut c, marked) {
            c.ws();
            if c.done() {
                return Ok(Reading {
                    start: Point {
                        date: None,
                        time: Some(t),
                    },
                    end: None,
                });
            }
        }
        c.i = save;
    }

    let first = written_date(&mut c, true).ok_or_else(bad)?;
    // "6.–7.5.2026", "30.4.–2.5.": a span of days.
    if first.month.is_none() || {
        let save = c.i;
        let span = c.dash() && written_date(&mut c, false).is_some();
        c.i = save;
        span
    } {
        if !c.dash() {
            return Err(bad());
        }
        let second = written_date(&mut c, false).ok_or_else(bad)?;
        c.ws();
        if !c.done() {
            return Err(bad());
        }
        let month = first.month.or(second.month);
        // 30.12.–2.1.2027: a start in a later month than the end is in the
        // year before the end's.
        let year = first.year.or_else(|| {
            let y = second.year?;
            Some(if month > second.month { y - 1 } else { y })
        });
        let start_date = date_of(
            Written {
                day: first.day,
                month,
                year,
            },
            text,
        )?;
        return Ok(Reading {
            start: Point {
                date: Some(start_date),
                time: None,
            },
            end: Some(Point {
                date: Some(date_of(second, text)?),
                time: None,
            }),
        });
    }
    let date = date_of(first, text)?;
    let mut start = Point {
        date: Some(date),
        time: None,
    };
    let mut end = None;
    let save = c.i;
    let marked = time_mark(&mut c);
    if c.done() {
        if marked {
            return Err(ValueError::Time(text.to_owned()));
        }
    } else if c.i == save && !marked {
        return Err(bad());
    } else {
        let t = written_time(&mut c, marked).ok_or_else(|| ValueError::Time(text.to_owned()))?;
        start.time = Some(t);
    }
    if c.dash() {
        // The end: a time on the same day ("13.30–15", a bare hour allowed),
        // or a date with or without a time.
        let save = c.i;
        let mut same_day = None;
        if start.time.is_some() {
            time_mark(&mut c);
            let t = written_time(&mut c, true);
            c.ws();
            if c.done() {
                same_day = t;
            }
        }
        if let Some(t) = same_day {
            end = Some(Point {
                date: None,
                time: Some(t),
            });
        } else {
            c.i = save;
            let d = written_date(&mut c, false).ok_or_else(|| match start.time {
                Some(_) => ValueError::Time(text.to_owned()),
                None => bad(),
            })?;
            let mut p = Point {
                date: Some(date_of(d, text)?),
                time: None,
            };
            let marked = time_mark(&mut c);
            if !c.done() {
                p.time = Some(
                    written_time(&mut c, marked)
                        .ok_or_else(|| ValueError::Time(text.to_owned()))?,
                );
            }
            end = Some(p);
        }
    }
    c.ws();
    if !c.done() {
        return Err(if start.time.is_some() {
            ValueError::Time(text.to_owned())
        } else {
            bad()
        });
    }
    Ok(Reading { start, end })
}

/// Europe/Helsinki, compiled in: every time kirje reads is local to it.
pub static HELSINKI: TimeZone = jiff::tz::get!("Europe/Helsinki");

/// How a local Helsinki time maps to the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Once, as usual.
    Once,
    /// Never: the clocks skip it (the last Sunday of March, 3.00–4.00).
    Skipped,
    /// Twice: the clocks go back (the last Sunday of October, 3.00–4.00).
    Twice,
}

/// Whether the local time `dt` exists in Helsinki, once or twice.
pub fn clock(dt: DateTime) -> Clock {
    match HELSINKI.to_ambiguous_zoned(dt).offset() {
        AmbiguousOffset::Unambiguous { .. } => Clock::Once,
        AmbiguousOffset::Gap { .. } => Clock::Skipped,
        AmbiguousOffset::Fold { .. } => Clock::Twice,
    }
}

/// Which way a date without a year looks from its edition's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// The first such date on or after it (events and sessions).
    Later,
    /// The last such date on or before it (news).
    Earlier,
}

/// `date` with its year, when it was written without: from `edition`, the
/// way `toward` says. Err: the day that does not exist in the year chosen
/// (29.2. of a common year), in the form D.M.YYYY.
pub fn resolve(date: Date, edition: Date, toward: Toward) -> Result<Date, String> {
    if !year_missing(date) {
        return Ok(date);
    }
    let this = (date.month(), date.day()) >= (edition.month(), edition.day());
    let year = match (toward, this) {
        (Toward::Later, true) => edition.year(),
        (Toward::Later, false) => edition.year() + 1,
        (Toward::Earlier, false) => edition.year(),
        (Toward::Earlier, true)
            if (date.month(), date.day()) == (edition.month(), edition.day()) =>
        {
            edition.year()
        }
        (Toward::Earlier, true) => edition.year() - 1,
    };
    Date::new(year, date.month(), date.day())
        .map_err(|_| format!("{}.{}.{year}", date.day(), date.month()))
}

/// An end's date written without a year: the start's year, or the next
/// when that would put it before the start (30.12.–2.1.).
pub fn resolve_after(date: Date, start: Date) -> Result<Date, String> {
    if !year_missing(date) {
        return Ok(date);
    }
    let mut year = start.year();
    if (date.month(), date.day()) < (start.month(), start.day()) {
        year += 1;
    }
    Date::new(year, date.month(), date.day())
        .map_err(|_| format!("{}.{}.{year}", date.day(), date.month()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn p(d: Option<Date>, t: Option<Time>) -> Point {
        Point { date: d, time: t }
    }

    #[test]
    fn the_forms_people_write() {
        let y = |m, d| date(NO_YEAR, m, d);
        let cases: &[(&str, Reading)] = &[
            (
                "5.5.2026",
                Reading {
                    start: p(Some(date(2026, 5, 5)), None),
                    end: None,
                },
            ),
            (
                "2026-05-05",
                Reading {
                    start: p(Some(date(2026, 5, 5)), None),
                    end: None,
                },
            ),
            (
                "5.5.",
                Reading {
                    start: p(Some(y(5, 5)), None),
                    end: None,
                },
            ),
            (
                "5.5",
                Reading {
                    start: p(Some(y(5, 5)), None),
                    end: None,
                },
            ),
            (
                "5.5.2026 klo 13.30–15.00",
                Reading {
                    start: p(Some(date(2026, 5, 5)), Some(time(13, 30, 0, 0))),
                    end: Some(p(None, Some(time(15, 0, 0, 0)))),
                },
            ),
            (
                "5.5.2026 klo 13.30-15.00",
                Reading {
                    start: p(Some(date(2026, 5, 5)), Some(time(13, 30, 0, 0))),
                    end: Some(p(None, Some(time(15, 0, 0, 0)))),
                },
            ),
            (
                "5.5. klo 13.30–15",
                Reading {
                    start: p(Some(y(5, 5)), Some(time(13, 30, 0, 0))),
                    end: Some(p(None, Some(time(15, 0, 0, 0)))),
                },
            ),
            (
                "6.–7.5.2026",
                Reading {
                    start: p(Some(date(2026, 5, 6)), None),
                    end: Some(p(Some(date(2026, 5, 7)), None)),
                },
            ),
            (
                "6.-7.5.",
                Reading {
                    start: p(Some(y(5, 6)), None),
                    end: Some(p(Some(y(5, 7)), None)),
                },
            ),
            (
                "30.12.–2.1.2027",
                Reading {
                    start: p(Some(date(2026, 12, 30)), None),
                    end: Some(p(Some(date(2027, 1, 2)), None)),
                },
            ),
            (
                "ti 5.5.2026 kl. 9–12",
                Reading {
                    start: p(Some(date(2026, 5, 5)), Some(time(9, 0, 0, 0))),
                    end: Some(p(None, Some(time(12, 0, 0, 0)))),
                },
            ),
            (
                "2026-05-05 13:30",
                Reading {
                    start: p(Some(date(2026, 5, 5)), Some(time(13, 30, 0, 0))),
                    end: None,
                },
            ),
            (
                "2026-05-05T13:30:00",
                Reading {
                    start: p(Some(date(2026, 5, 5)), Some(time(13, 30, 0, 0))),
                    end: None,
                },
            ),
            (
                "6.5. klo 9 – 7.5. klo 15",
                Reading {
                    start: p(Some(y(5, 6)), Some(time(9, 0, 0, 0))),
                    end: Some(p(Some(y(5, 7)), Some(time(15, 0, 0, 0)))),
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(read(text, false).as_ref(), Ok(want), "{text}");
        }
    }

    #[test]
    fn an_end_may_be_a_time_alone() {
        for (text, t) in [
            ("15:00", time(15, 0, 0, 0)),
            ("kl. 15.00", time(15, 0, 0, 0)),
            ("klo 15", time(15, 0, 0, 0)),
            ("9.30", time(9, 30, 0, 0)),
        ] {
            assert_eq!(
                read(text, true),
                Ok(Reading {
                    start: p(None, Some(t)),
                    end: None
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn refused_forms() {
        for text in [
            "",
            "huomenna",
            "5/5/2026",
            "5.5.26",
            "1330",
            "5.5.2026 klo",
            "5.5.2026 25.00",
            "32.5.2026",
            "5.13.",
            "klo 15",
        ] {
            assert!(read(text, false).is_err(), "{text}");
        }
        assert!(matches!(
            read("31.4.2026", false),
            Err(ValueError::ImpossibleDate(_))
        ));
    }

    #[test]
    fn spring_forward_and_autumn_back() {
        assert_eq!(clock(date(2021, 3, 28).at(3, 30, 0, 0)), Clock::Skipped);
        assert_eq!(clock(date(2021, 3, 28).at(4, 0, 0, 0)), Clock::Once);
        assert_eq!(clock(date(2021, 10, 31).at(3, 30, 0, 0)), Clock::Twice);
        assert_eq!(clock(date(2021, 5, 5).at(13, 30, 0, 0)), Clock::Once);
    }

    #[test]
    fn a_missing_year_comes_from_the_edition() {
        let ed = date(2026, 11, 20);
        let y = |m, d| date(NO_YEAR, m, d);
        assert_eq!(resolve(y(12, 5), ed, Toward::Later), Ok(date(2026, 12, 5)));
        assert_eq!(resolve(y(1, 15), ed, Toward::Later), Ok(date(2027, 1, 15)));
        assert_eq!(
            resolve(y(11, 20), ed, Toward::Later),
            Ok(date(2026, 11, 20))
        );
        assert_eq!(
            resolve(y(10, 5), ed, Toward::Earlier),
            Ok(date(2026, 10, 5))
        );
        assert_eq!(
            resolve(y(12, 5), ed, Toward::Earlier),
            Ok(date(2025, 12, 5))
        );
        assert_eq!(
            resolve(y(11, 20), ed, Toward::Earlier),
            Ok(date(2026, 11, 20))
        );
        assert_eq!(
            resolve(y(2, 29), ed, Toward::Later),
            Err("29.2.2027".to_owned())
        );
        assert_eq!(
            resolve_after(y(1, 2), date(2026, 12, 30)),
            Ok(date(2027, 1, 2))
        );
    }
}
