//! Civil dates and times in Helsinki, with `jiff`: the crate has no clock
//! and reads no time-zone database at run time (it runs in the browser
//! too), so Helsinki's rules are compiled in with `jiff::tz::get!`, which
//! embeds that one zone from the bundled tzdb and nothing else.
//!
//! The rule every output shares is written once here: an edition is dated
//! at 09:00 Helsinki time on its date ([`edition_moment`]).

use jiff::Timestamp;
use jiff::civil::DateTime;

use kirje_core::dates::HELSINKI;

/// A date and a time of day, local to Helsinki.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Local(DateTime);

/// When an edition is dated: 09:00 Helsinki time on `date_iso`
/// (`2021-05-03`), or `None` when the date is not a valid one.
pub(crate) fn edition_moment(date_iso: &str) -> Option<Local> {
    Local::parse(date_iso).map(|d| Local(d.0.date().at(9, 0, 0, 0)))
}

impl Local {
    /// Parses `2021-05-05T13:30` or `2021-05-05` (midnight). Seconds, when
    /// written, are dropped: events are set to the minute.
    pub fn parse(iso: &str) -> Option<Local> {
        let dt: DateTime = iso.trim().parse().ok()?;
        Some(Local(dt.date().at(dt.hour(), dt.minute(), 0, 0)))
    }

    /// The same moment as an instant. In the hour that repeats when summer
    /// time ends, the earlier (summer) reading is taken; a time in the hour
    /// skipped when it starts is moved forward by that hour.
    fn instant(self) -> Timestamp {
        HELSINKI
            .to_ambiguous_timestamp(self.0)
            .compatible()
            // Fails only at the ends of jiff's range (years -9999 and 9999).
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The same moment in UTC, as seconds since 1970-01-01T00:00Z.
    pub fn to_unix(self) -> i64 {
        self.instant().as_second()
    }

    /// `20210505T133000` (a local DATE-TIME in iCalendar form).
    pub fn ical(self) -> String {
        self.0.strftime("%Y%m%dT%H%M%S").to_string()
    }

    /// `20210505` (an iCalendar DATE).
    pub fn ical_date(self) -> String {
        self.0.strftime("%Y%m%d").to_string()
    }

    /// The next day, at the same time.
    pub fn next_day(self) -> Local {
        Local(self.0.tomorrow().unwrap_or(self.0))
    }

    /// `2021-05-03T09:00:00+03:00` (RFC 3339, for Atom).
    pub fn rfc3339(self) -> String {
        self.instant()
            .to_zoned(HELSINKI.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }

    /// `Mon, 03 May 2021 09:00:00 +0300` (RFC 5322, for the Date header).
    pub fn rfc5322(self) -> String {
        self.instant()
            .to_zoned(HELSINKI.clone())
            .strftime("%a, %d %b %Y %H:%M:%S %z")
            .to_string()
    }
}

/// `Sun, 06 Dec 2026 09:14:03 +0200`: a UNIX time in Helsinki as RFC 5322
/// writes it, for the `Date:` of a message built for sending.
pub fn date_header(unix: i64) -> String {
    Timestamp::from_second(unix)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(HELSINKI.clone())
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

/// `20210503T060000Z` for a UNIX time (an iCalendar UTC DATE-TIME).
pub(crate) fn ical_utc(unix: i64) -> String {
    Timestamp::from_second(unix)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Local {
        Local::parse(s).expect("valid")
    }

    fn offset(s: &str) -> String {
        at(s).rfc3339()[19..].to_owned()
    }

    #[test]
    fn helsinki_offsets_around_the_switches() {
        assert_eq!(offset("2021-01-15T12:00"), "+02:00");
        assert_eq!(offset("2021-03-28T02:59"), "+02:00");
        assert_eq!(offset("2021-03-28T04:00"), "+03:00");
        assert_eq!(offset("2021-05-03T09:00"), "+03:00");
        // 03:30 on the last Sunday of October comes twice: summer time first.
        assert_eq!(offset("2021-10-31T03:30"), "+03:00");
        assert_eq!(offset("2021-10-31T04:00"), "+02:00");
        assert_eq!(offset("2021-12-24T09:00"), "+02:00");
    }

    #[test]
    fn formats() {
        let t = at("2021-05-03T09:00");
        assert_eq!(t.rfc5322(), "Mon, 03 May 2021 09:00:00 +0300");
        assert_eq!(t.rfc3339(), "2021-05-03T09:00:00+03:00");
        assert_eq!(ical_utc(t.to_unix()), "20210503T060000Z");
        assert_eq!(t.ical(), "20210503T090000");
        assert_eq!(date_header(t.to_unix()), t.rfc5322());
        assert_eq!(
            date_header(1_796_541_243),
            "Sun, 06 Dec 2026 09:14:03 +0200"
        );
        assert_eq!(
            at("2021-12-01T09:00").rfc5322(),
            "Wed, 01 Dec 2021 09:00:00 +0200"
        );
        assert_eq!(at("2021-12-31").next_day().ical_date(), "20220101");
        assert_eq!(at("2024-02-28").next_day().ical_date(), "20240229");
        assert_eq!(at("2021-05-05T13:30:45").ical(), "20210505T133000");
        assert_eq!(Local::parse("2021-02-30"), None);
        assert_eq!(Local::parse("2021-05-05T25:00"), None);
        assert_eq!(Local::parse("x"), None);
    }

    #[test]
    fn an_edition_is_dated_at_nine_in_helsinki() {
        let t = edition_moment("2021-05-03").expect("valid");
        assert_eq!(t.rfc3339(), "2021-05-03T09:00:00+03:00");
        assert_eq!(ical_utc(t.to_unix()), "20210503T060000Z");
        assert_eq!(edition_moment("2021-13-01"), None);
    }
}
