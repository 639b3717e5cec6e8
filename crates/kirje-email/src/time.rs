//! Civil dates and Helsinki's UTC offset, computed here instead of read from
//! a time-zone database: the crate has no clock and no tzdata (it runs in the
//! browser too), and Finland has followed the EU summer-time rule since 1981.

/// A date and a time of day, local to Helsinki.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Local {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl Local {
    /// Parses `2021-05-05T13:30` or `2021-05-05` (midnight).
    pub fn parse(iso: &str) -> Option<Local> {
        let (date, time) = match iso.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (iso, None),
        };
        let mut d = date.splitn(3, '-');
        let year = d.next()?.parse().ok()?;
        let month = d.next()?.parse().ok()?;
        let day = d.next()?.parse().ok()?;
        let (hour, minute) = match time {
            Some(t) => {
                let (h, m) = t.split_once(':')?;
                (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?)
            }
            None => (0, 0),
        };
        let ok = (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60;
        ok.then_some(Local {
            year,
            month,
            day,
            hour,
            minute,
        })
    }

    /// The same moment in UTC, as seconds since 1970-01-01T00:00Z.
    pub fn to_unix(self) -> i64 {
        let local = self.unix_as_if_utc();
        local - i64::from(helsinki_offset_hours(self)) * 3600
    }

    fn unix_as_if_utc(self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
    }

    /// `20210505T133000` (a local DATE-TIME in iCalendar form).
    pub fn ical(self) -> String {
        format!(
            "{:04}{:02}{:02}T{:02}{:02}00",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    /// `20210505` (an iCalendar DATE).
    pub fn ical_date(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// The next day, at the same time.
    pub fn next_day(self) -> Local {
        let (y, m, d) = civil_from_days(days_from_civil(self.year, self.month, self.day) + 1);
        Local {
            year: y,
            month: m,
            day: d,
            ..self
        }
    }

    /// `2021-05-03T09:00:00+03:00` (RFC 3339, for Atom).
    pub fn rfc3339(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00+{:02}:00",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            helsinki_offset_hours(self)
        )
    }

    /// `Mon, 03 May 2021 09:00:00 +0300` (RFC 5322, for the Date header).
    pub fn rfc5322(self) -> String {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let wd = weekday(self.year, self.month, self.day);
        format!(
            "{}, {:02} {} {:04} {:02}:{:02}:00 +{:02}00",
            DAYS[wd as usize],
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year,
            self.hour,
            self.minute,
            helsinki_offset_hours(self)
        )
    }
}

/// `20210503T060000Z` for a UNIX time (an iCalendar UTC DATE-TIME).
pub(crate) fn ical_utc(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Helsinki's offset from UTC in hours at a local time: 3 in summer (EEST),
/// 2 otherwise (EET). Summer time runs from the last Sunday of March 01:00 UTC
/// (03:00 local) to the last Sunday of October 01:00 UTC (04:00 local). In the
/// hour that repeats in October, the earlier (summer) reading is taken.
pub(crate) fn helsinki_offset_hours(t: Local) -> u32 {
    let local = t.unix_as_if_utc();
    let start = days_from_civil(t.year, 3, last_sunday(t.year, 3)) * 86_400 + 3 * 3600;
    let end = days_from_civil(t.year, 10, last_sunday(t.year, 10)) * 86_400 + 4 * 3600;
    if (start..end).contains(&local) { 3 } else { 2 }
}

/// Day of the month of the last Sunday in `month`.
fn last_sunday(year: i32, month: u32) -> u32 {
    let last = days_in_month(year, month);
    // weekday(): 0 = Monday … 6 = Sunday.
    last - (weekday(year, month, last) + 1) % 7
}

/// 0 = Monday … 6 = Sunday.
fn weekday(year: i32, month: u32, day: u32) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(year, month, day) + 3).rem_euclid(7) as u32
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Local {
        Local::parse(s).expect("valid")
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2021, 5, 3), 18_750);
        for z in [-800_000, -1, 0, 1, 18_750, 59, 60, 800_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn last_sundays() {
        assert_eq!(last_sunday(2021, 3), 28);
        assert_eq!(last_sunday(2021, 10), 31);
        assert_eq!(last_sunday(2022, 3), 27);
        assert_eq!(last_sunday(2022, 10), 30);
        assert_eq!(last_sunday(2024, 3), 31);
        assert_eq!(weekday(2021, 5, 3), 0);
    }

    #[test]
    fn helsinki_offsets_around_the_switches() {
        assert_eq!(helsinki_offset_hours(at("2021-01-15T12:00")), 2);
        assert_eq!(helsinki_offset_hours(at("2021-03-28T02:59")), 2);
        assert_eq!(helsinki_offset_hours(at("2021-03-28T04:00")), 3);
        assert_eq!(helsinki_offset_hours(at("2021-05-03T09:00")), 3);
        assert_eq!(helsinki_offset_hours(at("2021-10-31T03:59")), 3);
        assert_eq!(helsinki_offset_hours(at("2021-10-31T04:00")), 2);
        assert_eq!(helsinki_offset_hours(at("2021-12-24T09:00")), 2);
    }

    #[test]
    fn formats() {
        let t = at("2021-05-03T09:00");
        assert_eq!(t.rfc5322(), "Mon, 03 May 2021 09:00:00 +0300");
        assert_eq!(t.rfc3339(), "2021-05-03T09:00:00+03:00");
        assert_eq!(ical_utc(t.to_unix()), "20210503T060000Z");
        assert_eq!(
            at("2021-12-01T09:00").rfc5322(),
            "Wed, 01 Dec 2021 09:00:00 +0200"
        );
        assert_eq!(at("2021-12-31").next_day().ical_date(), "20220101");
        assert_eq!(Local::parse("2021-02-30"), None);
        assert_eq!(Local::parse("x"), None);
    }
}
