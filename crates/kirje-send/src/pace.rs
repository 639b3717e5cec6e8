//! How fast to send: a steady rate (`10/s`, `600/min`, `2000/h`), slowed
//! down when the server says so (421, 454), and an optional cap per hour
//! that also counts what earlier runs sent within the hour.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use kirje_core::Lang;

use crate::text::say;

/// The slowest kirje goes after being told to slow down.
const SLOWEST: Duration = Duration::from_secs(60);

/// Messages per unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// How many.
    pub count: u32,
    /// Per this long.
    pub per: Duration,
}

impl Default for Rate {
    /// 10 per second.
    fn default() -> Rate {
        Rate {
            count: 10,
            per: Duration::from_secs(1),
        }
    }
}

/// A rate that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub struct RateError(pub String);

impl RateError {
    /// The message in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        let v = &self.0;
        say(
            l,
            format!("lähetystahti `{v}` ei ole muotoa 10/s, 600/min tai 2000/h"),
            format!("takten `{v}` har inte formen 10/s, 600/min eller 2000/h"),
            format!("the rate `{v}` is not of the form 10/s, 600/min or 2000/h"),
        )
    }
}

impl Rate {
    /// Reads `10/s`, `600/min` or `2000/h`.
    pub fn parse(s: &str) -> Result<Rate, RateError> {
        let spec = kirje_core::delivery::parse_rate(s).ok_or_else(|| RateError(s.to_owned()))?;
        Ok(Rate {
            count: spec.count,
            per: Duration::from_secs(u64::from(spec.per_seconds)),
        })
    }

    /// The time between two messages.
    pub fn interval(self) -> Duration {
        self.per / self.count
    }

    /// `10/s`, rounded for showing.
    pub fn per_second(self) -> f64 {
        f64::from(self.count) / self.per.as_secs_f64()
    }
}

/// When the next message may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Now.
    Go,
    /// After this long (the rate).
    For(Duration),
    /// The hourly cap is reached; at this unix time there is room again.
    Cap(i64),
}

/// Keeps the pace.
#[derive(Debug)]
pub struct Pacer {
    base: Duration,
    interval: Duration,
    next: Option<Instant>,
    hourly_cap: Option<u32>,
    recent: VecDeque<i64>,
    calm: u32,
}

impl Pacer {
    /// A pacer at `rate`, with `hourly_cap` and the unix times of messages
    /// sent within the last hour by earlier runs.
    pub fn new(rate: Rate, hourly_cap: Option<u32>, recent: Vec<i64>) -> Pacer {
        Pacer {
            base: rate.interval(),
            interval: rate.interval(),
            next: None,
            hourly_cap,
            recent: recent.into(),
            calm: 0,
        }
    }

    /// How long to wait before the next message.
    pub fn wait(&mut self, now: Instant, unix: i64) -> Wait {
        while self.recent.front().is_some_and(|&t| t <= unix - 3600) {
            self.recent.pop_front();
        }
        if let Some(cap) = self.hourly_cap
            && self.recent.len() >= cap as usize
            && let Some(&oldest) = self.recent.front()
        {
            return Wait::Cap(oldest + 3600);
        }
        match self.next {
            Some(next) if next > now => Wait::For(next - now),
            _ => Wait::Go,
        }
    }

    /// A message was handed to the server at `now`.
    pub fn sent(&mut self, now: Instant, unix: i64) {
        self.recent.push_back(unix);
        self.next = Some(now + self.interval);
        // After a quiet stretch, creep back towards the asked-for rate.
        self.calm += 1;
        if self.calm >= 50 && self.interval > self.base {
            self.interval = (self.interval * 3 / 4).max(self.base);
            self.calm = 0;
        }
    }

    /// The server asked to slow down: halve the rate (down to one a
    /// minute). Returns the new interval.
    pub fn slow_down(&mut self, now: Instant) -> Duration {
        self.interval = (self.interval * 2)
            .max(Duration::from_millis(200))
            .min(SLOWEST);
        self.calm = 0;
        self.next = Some(now + self.interval);
        self.interval
    }

    /// The time between messages now.
    pub fn interval(&self) -> Duration {
        self.interval
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates() {
        assert_eq!(
            Rate::parse("10/s").expect("v").interval(),
            Duration::from_millis(100)
        );
        assert_eq!(
            Rate::parse("600/min").expect("v").interval(),
            Duration::from_millis(100)
        );
        assert_eq!(
            Rate::parse(" 2/h ").expect("v").interval(),
            Duration::from_secs(1800)
        );
        for bad in ["10", "0/s", "x/s", "10/day", "-1/s"] {
            assert!(Rate::parse(bad).is_err(), "{bad}");
        }
        assert!(RateError("10".into()).text(Lang::Fi).contains("10/s"));
    }

    #[test]
    fn keeps_the_interval_and_slows_down() {
        let t0 = Instant::now();
        let mut p = Pacer::new(Rate::parse("10/s").expect("v"), None, vec![]);
        assert_eq!(p.wait(t0, 0), Wait::Go);
        p.sent(t0, 0);
        assert_eq!(p.wait(t0, 0), Wait::For(Duration::from_millis(100)));
        assert_eq!(p.wait(t0 + Duration::from_millis(100), 0), Wait::Go);
        assert_eq!(p.slow_down(t0), Duration::from_millis(200));
        assert_eq!(p.slow_down(t0), Duration::from_millis(400));
        for i in 0..50 {
            p.sent(t0, i);
        }
        assert_eq!(p.interval(), Duration::from_millis(300));
    }

    #[test]
    fn hourly_cap_counts_earlier_runs() {
        let t0 = Instant::now();
        let mut p = Pacer::new(Rate::parse("100/s").expect("v"), Some(3), vec![1000, 1500]);
        assert_eq!(p.wait(t0, 2000), Wait::Go);
        p.sent(t0, 2000);
        assert_eq!(p.wait(t0 + Duration::from_secs(1), 2001), Wait::Cap(4600));
        assert_eq!(p.wait(t0 + Duration::from_secs(1), 4600), Wait::Go);
    }
}
