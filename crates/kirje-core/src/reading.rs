//! What a date or time a person typed into the editor will read as in the
//! outputs: "5.5. klo 13.30–15" in an edition of 3.5.2026 reads
//! "ti 5.5.2026 klo 13.30–15.00". The editor shows this beside the field
//! while the person types, through the same reading, year rule and
//! formatting as the outputs, so the two can never disagree.

use jiff::civil::Date;

use crate::check::resolve_end;
use crate::dates::{self, Toward};
use crate::locale::Formatter;
use crate::values::{End, When, parse_date, parse_end, parse_moment};
use crate::view::when_text;
use crate::{Lang, Msg};

/// Which field the text was typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An event's or a session's start (with its end, when one is given).
    Start,
    /// A news item's date: a date without its year is the last such day
    /// on or before the edition's date.
    NewsDate,
    /// A date that must carry its year (an edition's date, a period).
    Date,
}

impl Field {
    /// From the editor's name for it: `start`, `news-date`, `date`.
    pub fn from_name(name: &str) -> Option<Field> {
        match name {
            "start" => Some(Field::Start),
            "news-date" => Some(Field::NewsDate),
            "date" => Some(Field::Date),
            _ => None,
        }
    }
}

/// What a typed date or time reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// As the outputs print it, in the language asked for.
    pub text: String,
    /// The start, with its year: `2026-05-05T13:30:00` or `2026-05-05`.
    pub start: String,
    /// The end, resolved the same way (the start when none was written).
    pub end: String,
}

/// The reading of `text` (and of `end` for a start) in `lang`, or what is
/// wrong with it as a message in `lang`. `edition` is the edition's own
/// date as written, which gives a year to dates written without one.
pub fn reading(
    field: Field,
    text: &str,
    end: Option<&str>,
    edition: Option<&str>,
    lang: Lang,
) -> Result<Reading, String> {
    let f = Formatter::new(lang);
    let iso = |w: When| match w {
        When::Day(d) => d.to_string(),
        When::At(dt) => dt.to_string(),
    };
    read(field, text, end, edition)
        .map_err(|m| m.render(&f))
        .map(|(start, end)| Reading {
            text: match field {
                Field::Start => when_text(&f, start, end),
                Field::NewsDate | Field::Date => f.date_weekday(start.date()),
            },
            start: iso(start),
            end: iso(end),
        })
}

fn read(
    field: Field,
    text: &str,
    end: Option<&str>,
    edition: Option<&str>,
) -> Result<(When, When), Msg> {
    let edition = edition
        .and_then(|e| parse_date(e).ok())
        .filter(|d| !dates::year_missing(*d));
    let with_year = |d: Date, toward: Toward| -> Result<Date, Msg> {
        if !dates::year_missing(d) {
            return Ok(d);
        }
        match edition {
            Some(ed) => {
                dates::resolve(d, ed, toward).map_err(|value| Msg::DateImpossible { value })
            }
            None => Err(Msg::YearNeeded),
        }
    };
    match field {
        Field::Date | Field::NewsDate => {
            let d = parse_date(text)?;
            let d = match field {
                Field::Date if dates::year_missing(d) => return Err(Msg::YearNeeded),
                _ => with_year(d, Toward::Earlier)?,
            };
            Ok((When::Day(d), When::Day(d)))
        }
        Field::Start => {
            let moment = parse_moment(text)?;
            let start = match moment.0 {
                When::Day(d) => When::Day(with_year(d, Toward::Later)?),
                When::At(dt) => {
                    When::At(with_year(dt.date(), Toward::Later)?.to_datetime(dt.time()))
                }
            };
            let written_end = match (moment.1, end.map(str::trim).filter(|e| !e.is_empty())) {
                (Some(_), Some(_)) => return Err(Msg::EndTwice),
                (Some(e), None) => Some(e),
                (None, Some(e)) => Some(parse_end(e)?),
                (None, None) => None,
            };
            let written_end = match written_end {
                Some(End::When(w)) => {
                    let d = dates::resolve_after(w.date(), start.date())
                        .map_err(|value| Msg::DateImpossible { value })?;
                    Some(End::When(match w {
                        When::Day(_) => When::Day(d),
                        When::At(dt) => When::At(d.to_datetime(dt.time())),
                    }))
                }
                other => other,
            };
            let end = resolve_end(start, written_end)?;
            if end < start {
                return Err(Msg::EndBeforeStart { start, end });
            }
            Ok((start, end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_read_as_the_outputs_print_them() {
        // The outputs keep "klo" with its time by a no-break space.
        let r = |field, text, end, lang| {
            reading(field, text, end, Some("2026-05-03"), lang)
                .map(|r| r.text.replace('\u{a0}', " "))
        };
        assert_eq!(
            r(Field::Start, "5.5. klo 13.30–15", None, Lang::Fi).as_deref(),
            Ok("ti 5.5.2026 klo 13.30–15.00")
        );
        assert_eq!(
            r(Field::Start, "5.5. klo 13.30", Some("15"), Lang::Fi)
                .as_deref()
                .map_err(|_| ()),
            Err(())
        );
        assert_eq!(
            r(Field::Start, "5.5. klo 13.30", Some("15.00"), Lang::Sv).as_deref(),
            Ok("tis 5.5.2026 kl. 13.30–15.00")
        );
        assert_eq!(
            r(Field::Start, "6.–7.5.", None, Lang::Fi).as_deref(),
            Ok("6.–7.5.2026")
        );
        // 2.5. is before the edition's 3.5.: an event then is next year's.
        assert_eq!(
            r(Field::Start, "2.5.", None, Lang::Fi).as_deref(),
            Ok("su 2.5.2027")
        );
        let iso = reading(
            Field::Start,
            "5.5. klo 13.30–15",
            None,
            Some("3.5.2026"),
            Lang::En,
        )
        .expect("read");
        assert_eq!(
            (iso.start.as_str(), iso.end.as_str()),
            ("2026-05-05T13:30:00", "2026-05-05T15:00:00")
        );
        // A news date goes the other way.
        assert_eq!(
            r(Field::NewsDate, "4.5.", None, Lang::Fi).as_deref(),
            Ok("su 4.5.2025")
        );
        assert!(r(Field::Date, "4.5.", None, Lang::Fi).is_err());
        assert!(r(Field::Start, "5.13.", None, Lang::Fi).is_err());
        assert!(r(Field::Start, "5.5. klo 15–13", None, Lang::Fi).is_err());
    }

    #[test]
    fn a_mistake_is_said_in_the_users_language() {
        let Err(fi) = super::reading(Field::Start, "huomenna", None, Some("2026-05-03"), Lang::Fi)
        else {
            panic!("read");
        };
        assert!(fi.contains("huomenna"), "{fi}");
        let Err(sv) = super::reading(Field::Start, "huomenna", None, Some("2026-05-03"), Lang::Sv)
        else {
            panic!("read");
        };
        assert_ne!(fi, sv);
    }
}
