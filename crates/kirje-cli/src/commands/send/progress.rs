//! Progress while sending: an indicatif bar on a terminal, a plain line per
//! 100 messages when the output is piped (a log stays readable).

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kirje_core::Lang;
use kirje_send::{Event, State};

use super::words;

/// Counts and the display.
pub struct Progress {
    lang: Lang,
    total: usize,
    done: usize,
    sent: usize,
    failed: usize,
    deferred: usize,
    unknown: usize,
    started: Instant,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A display for `total` messages.
    pub fn new(total: usize, lang: Lang) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(words::bar_template(lang)) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            lang,
            total,
            done: 0,
            sent: 0,
            failed: 0,
            deferred: 0,
            unknown: 0,
            started: Instant::now(),
            bar,
        }
    }

    /// Shows an event.
    pub fn event(&mut self, e: &Event) {
        match e {
            Event::Done { state, .. } => {
                self.done += 1;
                match state {
                    State::Sent => self.sent += 1,
                    State::Failed => self.failed += 1,
                    State::Deferred => self.deferred += 1,
                    _ => self.unknown += 1,
                }
                match &self.bar {
                    Some(bar) => {
                        bar.set_position(self.done as u64);
                        bar.set_message(words::bar_message(
                            self.lang,
                            self.sent,
                            self.failed,
                            self.deferred,
                        ));
                    }
                    None if self.done.is_multiple_of(100) || self.done == self.total => {
                        let secs = self.started.elapsed().as_secs_f64().max(0.001);
                        eprintln!(
                            "{}",
                            words::progress_line(
                                self.lang,
                                self.done,
                                self.total,
                                self.sent,
                                self.failed + self.deferred + self.unknown,
                                self.sent as f64 / secs,
                            )
                        );
                    }
                    None => {}
                }
            }
            Event::SlowDown(d) => self.say(&words::slowing(self.lang, d.as_millis())),
            Event::CapReached(until) => {
                let now = super::Clock::unix(&super::SystemClock);
                self.say(&words::capped(self.lang, until - now));
            }
            Event::Retry { .. } => {}
        }
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
