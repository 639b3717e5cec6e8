//! After reading: dates written without a year get theirs from the
//! edition, and an end written inside a start (`5.5. klo 13.30–15`) takes
//! the place of `end:`. Everything downstream then sees whole dates.
//!
//! - News: the last such day on or before the edition's date (news look
//!   back); events and sessions: the first on or after it (events look
//!   ahead). An end without a year: the start's year, or the next when it
//!   would come before the start (30.12.–2.1.).
//! - `project.yaml` has no edition to lean on: a date there needs its year.
//! - A range in `start:` and an `end:` beside it is "end given twice".

use jiff::civil::Date;

use crate::dates::{self, Toward, year_missing};
use crate::diagnostic::{Diagnostic, Msg};
use crate::model::{Edition, Event, Period, Project, Session};
use crate::source::{Source, join, join_index};
use crate::values::{End, Moment, When};

/// Collects problems with their places in one file.
struct Out<'a> {
    file: &'a str,
    source: Option<&'a Source>,
    problems: Vec<Diagnostic>,
}

impl<'a> Out<'a> {
    fn new(file: &'a str, source: Option<&'a Source>) -> Out<'a> {
        Out {
            file,
            source,
            problems: Vec::new(),
        }
    }

    fn error(&mut self, path: &str, msg: Msg) -> &mut Diagnostic {
        let span = self
            .source
            .and_then(|s| s.index.value(path).or_else(|| s.index.nearest(path)));
        self.problems.push(Diagnostic::error(self.file, span, msg));
        let last = self.problems.len() - 1;
        &mut self.problems[last]
    }

    /// `date` with its year, or an error at `path` when the day does not
    /// exist in the year it would take.
    fn day(&mut self, path: &str, date: Date, edition: Date, toward: Toward) -> Date {
        match dates::resolve(date, edition, toward) {
            Ok(d) => d,
            Err(value) => {
                self.error(path, Msg::DateImpossible { value })
                    .hints
                    .push(Msg::HintYearFromEdition { edition });
                date
            }
        }
    }

    fn after(&mut self, path: &str, date: Date, start: Date) -> Date {
        match dates::resolve_after(date, start) {
            Ok(d) => d,
            Err(value) => {
                self.error(path, Msg::DateImpossible { value });
                date
            }
        }
    }
}

fn with_date(w: When, d: Date) -> When {
    match w {
        When::Day(_) => When::Day(d),
        When::At(dt) => When::At(d.to_datetime(dt.time())),
    }
}

/// Gives every date of `edition` without a year its year; returns the
/// problems found on the way.
pub(crate) fn resolve_edition(
    edition: &mut Edition,
    file: &str,
    source: Option<&Source>,
) -> Vec<Diagnostic> {
    let mut out = Out::new(file, source);
    let ed = edition.date.0;
    if year_missing(ed) {
        out.error("date", Msg::YearNeeded)
            .hints
            .push(Msg::HintYearNeeded);
        return out.problems;
    }
    for (i, n) in edition.news.iter_mut().enumerate() {
        if let Some(d) = &mut n.date {
            let path = join(&join_index("news", i), "date");
            d.0 = out.day(&path, d.0, ed, Toward::Earlier);
        }
    }
    for (i, ev) in edition.events.iter_mut().enumerate() {
        let path = join_index("events", i);
        event(&mut out, &path, ev, ed);
    }
    out.problems
}

fn event(out: &mut Out, path: &str, ev: &mut Event, ed: Date) {
    if let Some(start) = &mut ev.start {
        moment(out, path, start, &mut ev.end, ed);
    }
    for (j, s) in ev.sessions.iter_mut().enumerate() {
        let p = join(path, &join_index("sessions", j));
        session(out, &p, s, ed);
    }
}

fn session(out: &mut Out, path: &str, s: &mut Session, ed: Date) {
    moment(out, path, &mut s.start, &mut s.end, ed);
}

/// A start (with the end written in it, if any) and its `end:`.
fn moment(out: &mut Out, path: &str, start: &mut Moment, end: &mut Option<End>, ed: Date) {
    let start_path = join(path, "start");
    let date = out.day(&start_path, start.0.date(), ed, Toward::Later);
    start.0 = with_date(start.0, date);
    if let Some(written) = start.1.take() {
        if end.is_some() {
            out.error(&join(path, "end"), Msg::EndTwice);
        } else {
            *end = Some(written);
        }
    }
    if let Some(End::When(w)) = end {
        let d = out.after(&join(path, "end"), w.date(), date);
        *w = with_date(*w, d);
    }
}

/// Every date of `project.yaml` must have its year: there is no edition
/// to take it from.
pub(crate) fn require_years(
    project: &Project,
    file: &str,
    source: Option<&Source>,
) -> Vec<Diagnostic> {
    let mut out = Out::new(file, source);
    period(&mut out, "period", &project.period);
    for (i, part) in project.funding.parts.iter().enumerate() {
        if let Some(p) = &part.period {
            period(
                &mut out,
                &join(&join_index("funding.parts", i), "period"),
                p,
            );
        }
    }
    out.problems
}

fn period(out: &mut Out, path: &str, p: &Period) {
    for (key, day) in [("start", &p.start), ("end", &p.end)] {
        if year_missing(day.0) {
            out.error(&join(path, key), Msg::YearNeeded)
                .hints
                .push(Msg::HintYearNeeded);
        }
    }
}
