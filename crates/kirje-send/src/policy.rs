//! How a run behaves, decided once for every front end: what the person
//! asked for (the command line, later a form), else `kirje.toml`'s `[send]`
//! and `[smtp]`, else kirje's defaults.

use std::time::Duration;

use kirje_core::model::Settings;

use crate::pace::RateError;
use crate::{Options, Rate};

/// The pace when neither the run nor `kirje.toml` names one.
pub const DEFAULT_RATE: &str = "10/s";
/// The largest newsletter PDF attached, in kilobytes, unless
/// `[send] attach_max_kb` says otherwise.
pub const DEFAULT_ATTACH_MAX_KB: u32 = 2048;
/// Seconds to wait for the SMTP server, unless `[smtp] timeout` says.
pub const DEFAULT_SMTP_TIMEOUT: u32 = 30;
/// The most connections a run opens at once.
pub const MAX_CONNECTIONS: u32 = 32;

/// What the person starting a run asked for; `None` leaves it to
/// `kirje.toml` and the defaults.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// `10/s`, `600/min`, `2000/h`.
    pub rate: Option<String>,
    /// At most this many messages in any hour.
    pub hourly_cap: Option<u32>,
    /// Connections to the server at once.
    pub connections: Option<u32>,
    /// Pause after this many failures in a row.
    pub max_failures: Option<u32>,
    /// The pause before the second try of a temporary refusal.
    pub retry_wait: Option<Duration>,
}

/// What a run does.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The pace as written (`10/s`), for the summary before sending.
    pub rate_text: String,
    /// The run's options for [`crate::deliver`].
    pub options: Options,
    /// Connections to open (never more than there are messages to send).
    pub connections: usize,
    /// The largest PDF to attach in kilobytes, when the PDF is attached.
    pub attach_max_kb: Option<u32>,
    /// How long to wait for the server.
    pub smtp_timeout: Duration,
}

impl Policy {
    /// The policy for a run of `settings` with what was `asked`; an error
    /// when the pace cannot be read.
    pub fn new(settings: &Settings, asked: &Asked) -> Result<Policy, RateError> {
        let send = settings.send.as_ref();
        let smtp = settings.smtp.as_ref();
        let rate_text = asked
            .rate
            .clone()
            .or_else(|| send.and_then(|s| s.rate.clone()))
            .unwrap_or_else(|| DEFAULT_RATE.to_owned());
        let rate = Rate::parse(&rate_text)?;
        let defaults = Options::default();
        let options = Options {
            rate,
            hourly_cap: asked.hourly_cap.or_else(|| send.and_then(|s| s.hourly_cap)),
            max_consecutive_failures: asked
                .max_failures
                .unwrap_or(defaults.max_consecutive_failures)
                .max(1),
            backoff: asked
                .retry_wait
                .unwrap_or(defaults.backoff)
                .min(Duration::from_secs(3600)),
            ..defaults
        };
        // By default as many connections as the pace needs, one per 50
        // messages a second, at most 4: the default 10/s uses one.
        let connections = asked
            .connections
            .or_else(|| smtp.and_then(|s| s.connections))
            .unwrap_or_else(|| (rate.per_second() / 50.0).ceil().clamp(1.0, 4.0) as u32)
            .clamp(1, MAX_CONNECTIONS) as usize;
        let attach_max_kb = send
            .filter(|s| s.attach_pdf.unwrap_or(false))
            .map(|s| s.attach_max_kb.unwrap_or(DEFAULT_ATTACH_MAX_KB));
        let smtp_timeout = Duration::from_secs(u64::from(
            smtp.and_then(|s| s.timeout)
                .unwrap_or(DEFAULT_SMTP_TIMEOUT)
                .max(1),
        ));
        Ok(Policy {
            rate_text,
            options,
            connections,
            attach_max_kb,
            smtp_timeout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml: &str) -> Settings {
        toml::from_str(toml).expect("valid settings")
    }

    #[test]
    fn defaults_when_nothing_is_set() {
        let p = Policy::new(&settings("languages = [\"fi\"]"), &Asked::default()).expect("ok");
        assert_eq!(p.rate_text, "10/s");
        assert_eq!(p.connections, 1);
        assert_eq!(p.options.hourly_cap, None);
        assert_eq!(p.options.max_consecutive_failures, 10);
        assert_eq!(p.attach_max_kb, None);
        assert_eq!(p.smtp_timeout, Duration::from_secs(30));
    }

    #[test]
    fn the_run_wins_over_the_settings_which_win_over_defaults() {
        let s = settings(
            "languages = [\"fi\"]\n[send]\nrate = \"600/min\"\nhourly_cap = 500\nattach_pdf = true\n\
             [smtp]\nurl = \"smtp://localhost:25\"\nconnections = 3\ntimeout = 5\n",
        );
        let p = Policy::new(&s, &Asked::default()).expect("ok");
        assert_eq!(p.rate_text, "600/min");
        assert_eq!(p.connections, 3);
        assert_eq!(p.options.hourly_cap, Some(500));
        assert_eq!(p.attach_max_kb, Some(2048));
        assert_eq!(p.smtp_timeout, Duration::from_secs(5));
        let asked = Asked {
            rate: Some("200/s".to_owned()),
            hourly_cap: Some(7),
            max_failures: Some(0),
            ..Asked::default()
        };
        let p = Policy::new(&s, &asked).expect("ok");
        assert_eq!(p.rate_text, "200/s");
        assert_eq!(p.options.hourly_cap, Some(7));
        assert_eq!(p.options.max_consecutive_failures, 1);
        // [smtp] connections still decides.
        assert_eq!(p.connections, 3);
    }

    #[test]
    fn connections_follow_the_pace_up_to_four() {
        let s = settings("languages = [\"fi\"]");
        let with = |rate: &str| {
            let asked = Asked {
                rate: Some(rate.to_owned()),
                ..Asked::default()
            };
            Policy::new(&s, &asked).expect("ok").connections
        };
        assert_eq!(with("10/s"), 1);
        assert_eq!(with("100/s"), 2);
        assert_eq!(with("1000/s"), 4);
        assert!(
            Policy::new(
                &s,
                &Asked {
                    rate: Some("fast".to_owned()),
                    ..Asked::default()
                }
            )
            .is_err()
        );
    }
}
