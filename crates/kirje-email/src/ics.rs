//! The event calendar as iCalendar (RFC 5545), written by hand: CRLF line
//! ends, lines folded at 75 octets on character boundaries, TEXT values
//! escaped, local times with `TZID=Europe/Helsinki` and a VTIMEZONE that
//! describes it, one VEVENT per session, and UIDs and DTSTAMPs derived from
//! the content so that the same event is the same calendar entry on every
//! build.

use kirje_core::view::{EventView, View};

use crate::time::{Local, edition_moment, ical_utc};

/// The time zone every event time is written in.
const TZID: &str = "Europe/Helsinki";

/// Helsinki's rules since 1996 (EU summer time); calendar programs use these
/// instead of their own tzdata only when they do not know the TZID.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Helsinki",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "DTSTART:19700329T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "DTSTART:19701025T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A calendar of every event of the given editions (each `View` is one
/// edition; give them in the language the calendar should speak). The
/// calendar's name is taken from the first View.
pub fn calendar(views: &[View]) -> String {
    let events = views
        .iter()
        .flat_map(|v| v.edition.events.iter().map(move |e| (v, e)));
    write_calendar(views.first(), events)
}

/// A calendar holding one event of an edition (all of its sessions), for an
/// "add to calendar" link; `None` when the edition has no such event.
pub fn event_calendar(view: &View, event_id: &str) -> Option<String> {
    let event = view.edition.events.iter().find(|e| e.id == event_id)?;
    Some(write_calendar(Some(view), std::iter::once((view, event))))
}

fn write_calendar<'a>(
    first: Option<&View>,
    events: impl Iterator<Item = (&'a View, &'a EventView)>,
) -> String {
    let mut out = Lines::default();
    out.raw("BEGIN:VCALENDAR");
    out.raw("VERSION:2.0");
    out.raw("PRODID:-//kirje//kirje newsletter//EN");
    out.raw("CALSCALE:GREGORIAN");
    out.raw("METHOD:PUBLISH");
    if let Some(v) = first {
        out.text(
            "X-WR-CALNAME",
            &format!("{} – {}", v.project.acronym, v.labels.events),
        );
        out.raw(&format!("X-WR-TIMEZONE:{TZID}"));
    }
    for line in VTIMEZONE {
        out.raw(line);
    }
    for (view, event) in events {
        write_event(&mut out, view, event);
    }
    out.raw("END:VCALENDAR");
    out.0
}

/// One occasion: the event itself, or one of its sessions.
struct Occasion<'a> {
    id: &'a str,
    summary: String,
    start: &'a str,
    end: &'a str,
    all_day: bool,
    place: Option<&'a str>,
    online: Option<&'a str>,
}

fn write_event(out: &mut Lines, view: &View, event: &EventView) {
    let occasions: Vec<Occasion> = if event.sessions.is_empty() {
        vec![Occasion {
            id: &event.id,
            summary: event.title.clone(),
            start: &event.start_iso,
            end: &event.end_iso,
            all_day: event.all_day,
            place: event.place.as_deref(),
            online: event.online.as_deref(),
        }]
    } else {
        event
            .sessions
            .iter()
            .map(|s| Occasion {
                id: &s.id,
                summary: match &s.title {
                    Some(t) => format!("{} – {t}", event.title),
                    None => event.title.clone(),
                },
                start: &s.start_iso,
                end: &s.end_iso,
                all_day: s.all_day,
                place: s.place.as_deref().or(event.place.as_deref()),
                online: s.online.as_deref().or(event.online.as_deref()),
            })
            .collect()
    };
    let stamp = edition_moment(&view.edition.date_iso).map(|t| ical_utc(t.to_unix()));
    let mut description = Vec::new();
    if let Some(d) = &event.description {
        description.push(d.text.clone());
    }
    let registration = event.registration.as_deref().filter(|u| is_web_url(u));
    if let Some(url) = registration {
        description.push(format!("{}: {url}", view.labels.register));
    }
    for o in occasions {
        let (Some(start), Some(end)) = (Local::parse(o.start), Local::parse(o.end)) else {
            continue;
        };
        out.raw("BEGIN:VEVENT");
        out.raw(&format!("UID:{}", uid(view, o.id)));
        if let Some(stamp) = &stamp {
            out.raw(&format!("DTSTAMP:{stamp}"));
        }
        if o.all_day {
            out.raw(&format!("DTSTART;VALUE=DATE:{}", start.ical_date()));
            // DTEND of a whole-day event is the day after the last one.
            out.raw(&format!("DTEND;VALUE=DATE:{}", end.next_day().ical_date()));
        } else {
            out.raw(&format!("DTSTART;TZID={TZID}:{}", start.ical()));
            if end > start {
                out.raw(&format!("DTEND;TZID={TZID}:{}", end.ical()));
            }
        }
        out.text("SUMMARY", &o.summary);
        let location: Vec<&str> = o.place.into_iter().chain(event.region.as_deref()).collect();
        if !location.is_empty() {
            out.text("LOCATION", &location.join(", "));
        }
        if !description.is_empty() {
            out.text("DESCRIPTION", &description.join("\n\n"));
        }
        if let Some(url) = registration.or(o.online.filter(|u| is_web_url(u))) {
            out.uri("URL", url);
        }
        out.raw("END:VEVENT");
    }
}

/// Only `http:` and `https:` addresses go into a calendar.
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_control)
}

/// A UID that stays the same on every build: a hash of the project, the
/// edition and the event or session id, at the sender's domain.
fn uid(view: &View, id: &str) -> String {
    let key = format!("{}\0{}\0{id}", view.project.acronym, view.edition.id);
    format!(
        "{:016x}@{}",
        fnv1a(key.as_bytes()),
        crate::sender_domain(view)
    )
}

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Content lines, folded and joined with CRLF.
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// A line written as is (folded when long).
    fn raw(&mut self, line: &str) {
        fold_into(&mut self.0, line);
    }

    /// A TEXT property: `NAME:escaped value`.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(&format!("{name}:{}", escape_text(value)));
    }

    /// A URI property: not escaped, but never holding a control character.
    fn uri(&mut self, name: &str, value: &str) {
        let clean: String = value.chars().filter(|c| !c.is_control()).collect();
        self.raw(&format!("{name}:{clean}"));
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and
/// line breaks; other control characters are dropped.
pub(crate) fn escape_text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (RFC 5545 §3.1): continuation lines
/// start with one space, and no UTF-8 character is split.
pub(crate) fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\rg\th\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ng h"
        );
    }

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let mut s = String::new();
        let line = format!("SUMMARY:{}", "ä".repeat(100));
        fold_into(&mut s, &line);
        assert!(s.ends_with("\r\n"));
        for l in s.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = s.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        fold_into(&mut short, "BEGIN:VEVENT");
        assert_eq!(short, "BEGIN:VEVENT\r\n");
    }

    #[test]
    fn folds_exactly_at_the_limit() {
        let mut s = String::new();
        fold_into(&mut s, &"x".repeat(75));
        assert_eq!(s, format!("{}\r\n", "x".repeat(75)));
        let mut s = String::new();
        fold_into(&mut s, &"x".repeat(76));
        assert_eq!(s, format!("{}\r\n x\r\n", "x".repeat(75)));
        let mut s = String::new();
        fold_into(&mut s, &format!("{}€", "x".repeat(73)));
        assert_eq!(s, format!("{}\r\n €\r\n", "x".repeat(73)));
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
