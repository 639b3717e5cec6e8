//! The run: take the journal's queue, and for each recipient wait for the
//! pace, mark them `sending`, hand the message over, and record what the
//! server said. Temporary refusals are tried again later in the same run
//! with growing pauses and are left `deferred` when they keep coming;
//! permanent ones are `failed`; a connection that breaks after the message
//! went out leaves the recipient `unknown`. Login, TLS and connection
//! failures stop the run at once; a streak of failures pauses it.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use kirje_core::Lang;
use lettre::Address;

use crate::journal::{Journal, JournalError, State};
use crate::pace::{Pacer, Rate, Wait};
use crate::prepare::MessageError;
use crate::smtp::{Fatal, Mailer, Outcome};
use crate::text::say;

/// One message ready to hand over.
#[derive(Debug, Clone)]
pub struct Job {
    /// The envelope sender.
    pub from: Address,
    /// The envelope recipient.
    pub to: Address,
    /// The whole message (RFC 5322, CRLF line ends).
    pub bytes: Vec<u8>,
}

/// Builds the message for a recipient (by journal key) when its turn comes,
/// so that a list of 50 000 never sits in memory as messages.
pub trait Jobs {
    /// The message for `key`, or why it cannot be built.
    fn job(&self, key: &str) -> Result<Job, MessageError>;
}

/// The wall clock, in unix seconds (the library never reads it itself).
pub trait Clock {
    /// Now.
    fn unix(&self) -> i64;
}

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Messages per unit of time.
    pub rate: Rate,
    /// At most this many in any hour.
    pub hourly_cap: Option<u32>,
    /// Tries per recipient in one run for temporary refusals.
    pub attempts: u32,
    /// The pause before the second try; doubled for each further one.
    pub backoff: Duration,
    /// This many failures in a row pause the run.
    pub max_consecutive_failures: u32,
    /// Connection attempts before the server counts as unreachable.
    pub connect_attempts: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rate: Rate::default(),
            hourly_cap: None,
            attempts: 3,
            backoff: Duration::from_secs(2),
            max_consecutive_failures: 10,
            connect_attempts: 3,
        }
    }
}

/// Something that happened, for the progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A recipient reached a final state for this run.
    Done {
        /// Journal key.
        key: String,
        /// Its state: sent, deferred, failed or unknown.
        state: State,
        /// The server's reply or the error.
        reply: String,
    },
    /// A temporary refusal; tried again after `wait`.
    Retry {
        /// Journal key.
        key: String,
        /// The reply.
        reply: String,
        /// How long until the next try.
        wait: Duration,
    },
    /// The server asked to slow down; the new time between messages.
    SlowDown(Duration),
    /// The hourly cap is reached; waiting until this unix time.
    CapReached(i64),
}

/// Why a run ended.
#[derive(Debug)]
#[non_exhaustive]
pub enum Stop {
    /// Every recipient in the queue reached a state for this run.
    Finished,
    /// Ctrl-C: stopped after the message in flight.
    Interrupted,
    /// Too many failures in a row.
    Paused {
        /// How many.
        failures: u32,
        /// The last reply.
        last: String,
    },
    /// A failure that no retry helps: login, TLS, unreachable server.
    Fatal {
        /// Which kind.
        kind: Fatal,
        /// The error.
        detail: String,
    },
    /// The journal could not be written: stopped so that it stays true.
    Journal(JournalError),
    /// A message could not be built (checked before, so a bug).
    Build {
        /// Journal key.
        key: String,
        /// Why.
        error: MessageError,
    },
}

impl Stop {
    /// Whether the run went through its queue.
    pub fn finished(&self) -> bool {
        matches!(self, Stop::Finished)
    }

    /// The message in the reader's language (nothing for `Finished`).
    pub fn text(&self, l: Lang) -> Option<String> {
        Some(match self {
            Stop::Finished => return None,
            Stop::Interrupted => say(
                l,
                "keskeytetty; käynnissä ollut viesti vietiin loppuun. Jatka ajamalla sama komento uudelleen.".into(),
                "avbrutet; meddelandet som skickades blev klart. Fortsätt genom att köra samma kommando igen.".into(),
                "interrupted; the message in flight was finished. Run the same command again to go on.".into(),
            ),
            Stop::Paused { failures, last } => say(
                l,
                format!("lähetys pysäytettiin {failures} peräkkäisen epäonnistumisen jälkeen (viimeisin: {last}). Tarkista palvelin ja jatka ajamalla sama komento uudelleen."),
                format!("körningen pausades efter {failures} misslyckanden i rad (senast: {last}). Kontrollera servern och fortsätt genom att köra samma kommando igen."),
                format!("paused after {failures} failures in a row (last: {last}). Check the server, then run the same command again to go on."),
            ),
            Stop::Fatal { kind, detail } => match kind {
                Fatal::Auth => say(
                    l,
                    format!("SMTP-palvelin ei hyväksynyt kirjautumista ({detail}); tarkista käyttäjä ja KIRJE_SMTP_PASSWORD"),
                    format!("SMTP-servern godtog inte inloggningen ({detail}); kontrollera användaren och KIRJE_SMTP_PASSWORD"),
                    format!("the SMTP server refused the login ({detail}); check the user and KIRJE_SMTP_PASSWORD"),
                ),
                Fatal::Tls => say(
                    l,
                    format!("salattua yhteyttä ei saatu ({detail}); kirje ei lähetä salaamatta muualle kuin tälle koneelle"),
                    format!("ingen krypterad förbindelse ({detail}); kirje skickar inte okrypterat annat än till den här datorn"),
                    format!("no encrypted connection ({detail}); kirje sends unencrypted only to this machine"),
                ),
                Fatal::Unreachable => say(
                    l,
                    format!("SMTP-palvelimeen ei saada yhteyttä ({detail})"),
                    format!("det går inte att nå SMTP-servern ({detail})"),
                    format!("cannot reach the SMTP server ({detail})"),
                ),
                Fatal::Refused => say(
                    l,
                    format!("SMTP-palvelin torjui yhteyden ({detail})"),
                    format!("SMTP-servern avvisade förbindelsen ({detail})"),
                    format!("the SMTP server turned the connection away ({detail})"),
                ),
            },
            Stop::Journal(e) => e.text(l),
            Stop::Build { key, error } => {
                let detail = error.text(l);
                say(
                    l,
                    format!("viestiä osoitteeseen {key} ei voitu muodostaa: {detail}"),
                    format!("meddelandet till {key} kunde inte byggas: {detail}"),
                    format!("the message to {key} could not be built: {detail}"),
                )
            }
        })
    }
}

/// Everything a run needs besides its queue.
pub struct Run<'a> {
    /// The journal, held.
    pub journal: &'a Journal,
    /// The connections: one worker thread each, so that one message's
    /// round trips overlap another's. One keeps the order of the list.
    pub mailers: Vec<&'a mut (dyn Mailer + Send)>,
    /// The messages, built on the connections' threads.
    pub jobs: &'a (dyn Jobs + Sync),
    /// Pace and patience.
    pub options: &'a Options,
    /// The wall clock.
    pub clock: &'a dyn Clock,
    /// Set by Ctrl-C.
    pub stop: &'a AtomicBool,
}

struct Retry {
    due: Instant,
    key: String,
    tries: u32,
}

/// What a connection's thread tells the run.
enum Report {
    /// The server took the recipient: record `sending` durably, then answer.
    BeforeData {
        key: String,
        answer: mpsc::SyncSender<bool>,
    },
    /// The message could not be built (checked before, so a bug).
    Unbuilt { key: String, error: MessageError },
    /// The delivery is over.
    Done {
        worker: usize,
        key: String,
        tries: u32,
        outcome: Outcome,
    },
}

/// A job for a connection's thread.
struct Work {
    key: String,
    tries: u32,
}

/// The error a connection's thread reports when the run could not record
/// `sending`; the run keeps the real one.
fn not_recorded() -> JournalError {
    JournalError::Io {
        path: std::path::PathBuf::new(),
        source: std::io::Error::other("the journal could not record the message"),
    }
}

/// One connection: delivers what it is given until its queue closes.
fn connection(
    worker: usize,
    mailer: &mut (dyn Mailer + Send),
    jobs: &(dyn Jobs + Sync),
    work: mpsc::Receiver<Work>,
    reports: mpsc::Sender<Report>,
) {
    for Work { key, tries } in work {
        let job = match jobs.job(&key) {
            Ok(job) => job,
            Err(error) => {
                let _ = reports.send(Report::Unbuilt { key, error });
                break;
            }
        };
        let outcome = mailer.deliver(&job.from, &job.to, &job.bytes, &mut || {
            let (answer, recorded) = mpsc::sync_channel(1);
            reports
                .send(Report::BeforeData {
                    key: key.clone(),
                    answer,
                })
                .map_err(|_| not_recorded())?;
            match recorded.recv() {
                Ok(true) => Ok(()),
                _ => Err(not_recorded()),
            }
        });
        let done = Report::Done {
            worker,
            key,
            tries,
            outcome,
        };
        if reports.send(done).is_err() {
            break;
        }
    }
    mailer.close();
}

/// Sends to every key in `queue` (in order), recording each step in the
/// journal, and says why it stopped.
///
/// The run itself is one thread that keeps the pace, the journal and the
/// retries; each connection has a thread that only talks SMTP. `sending`
/// marks that arrive together are written in one transaction.
pub fn deliver(run: Run<'_>, queue: Vec<String>, events: &mut dyn FnMut(Event)) -> Stop {
    let Run {
        journal,
        mailers,
        jobs,
        options,
        clock,
        stop,
    } = run;
    let recent = match journal.sent_since(clock.unix() - 3600) {
        Ok(r) => r,
        Err(e) => return Stop::Journal(e),
    };
    let mut pacer = Pacer::new(options.rate, options.hourly_cap, recent);
    let mut queue: VecDeque<(String, u32)> = queue.into_iter().map(|k| (k, 0)).collect();
    let (reports_tx, reports) = mpsc::channel::<Report>();
    std::thread::scope(|scope| {
        let mut idle: Vec<usize> = Vec::new();
        let mut work = Vec::new();
        for (i, mailer) in mailers.into_iter().enumerate() {
            let (tx, rx) = mpsc::channel::<Work>();
            let reports_tx = reports_tx.clone();
            scope.spawn(move || connection(i, mailer, jobs, rx, reports_tx));
            work.push(tx);
            idle.push(i);
        }
        drop(reports_tx);
        idle.reverse();
        let mut state = Control {
            journal,
            options,
            clock,
            pacer: &mut pacer,
            retries: Vec::new(),
            streak: 0,
            unreachable: 0,
            not_before: Instant::now(),
            stopping: None,
        };
        let mut in_flight = 0usize;
        let result = loop {
            if state.stopping.is_none() && stop.load(Ordering::SeqCst) {
                state.stopping = Some(Stop::Interrupted);
            }
            // Hand out work while a connection is free and the pace allows.
            let mut wake = Instant::now() + Duration::from_millis(50);
            while state.stopping.is_none() && !idle.is_empty() {
                let now = Instant::now();
                if now < state.not_before {
                    wake = wake.min(state.not_before);
                    break;
                }
                let next = if let Some(i) = state.retries.iter().position(|r| r.due <= now) {
                    let r = state.retries.remove(i);
                    (r.key, r.tries)
                } else if let Some(item) = queue.pop_front() {
                    item
                } else {
                    if let Some(due) = state.retries.iter().map(|r| r.due).min() {
                        wake = wake.min(due);
                    }
                    break;
                };
                match state.pacer.wait(now, clock.unix()) {
                    Wait::Go => {}
                    Wait::For(d) => {
                        queue.push_front(next);
                        wake = wake.min(now + d);
                        break;
                    }
                    Wait::Cap(until) => {
                        events(Event::CapReached(until));
                        queue.push_front(next);
                        let secs = (until - clock.unix()).max(1) as u64;
                        state.not_before = now + Duration::from_secs(secs);
                        wake = wake.min(state.not_before);
                        break;
                    }
                }
                let (key, tries) = next;
                state.pacer.sent(now, clock.unix());
                let Some(worker) = idle.pop() else { break };
                if work[worker].send(Work { key, tries }).is_err() {
                    state.stopping = Some(Stop::Fatal {
                        kind: Fatal::Unreachable,
                        detail: "connection thread ended".into(),
                    });
                    break;
                }
                in_flight += 1;
            }
            let finished = in_flight == 0 && (queue.is_empty() && state.retries.is_empty());
            if in_flight == 0 && (state.stopping.is_some() || finished) {
                break state.stopping.take().unwrap_or(Stop::Finished);
            }
            // Wait for a connection's report, or until there is more to do.
            let timeout = wake.saturating_duration_since(Instant::now());
            let first = match reports.recv_timeout(timeout) {
                Ok(r) => r,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    break state.stopping.take().unwrap_or(Stop::Finished);
                }
            };
            // Everything that arrived together: `sending` marks in one
            // transaction, then the results.
            let mut batch = vec![first];
            batch.extend(reports.try_iter());
            let mut sending = Vec::new();
            let mut done = Vec::new();
            for r in batch {
                match r {
                    Report::BeforeData { key, answer } => sending.push((key, answer)),
                    Report::Unbuilt { key, error } => {
                        // That connection's thread has ended.
                        in_flight -= 1;
                        state.stop_with(Stop::Build { key, error });
                    }
                    Report::Done {
                        worker,
                        key,
                        tries,
                        outcome,
                    } => done.push((worker, key, tries, outcome)),
                }
            }
            if !sending.is_empty() {
                let keys: Vec<&str> = sending.iter().map(|(k, _)| k.as_str()).collect();
                let ok =
                    state.stopping.is_none() || matches!(state.stopping, Some(Stop::Interrupted));
                let recorded = if ok {
                    journal.mark_sending_all(&keys, clock.unix())
                } else {
                    Ok(())
                };
                let go = ok && recorded.is_ok();
                if let Err(e) = recorded {
                    state.stopping = Some(Stop::Journal(e));
                }
                for (_, answer) in sending {
                    let _ = answer.send(go);
                }
            }
            let delivered = !done.is_empty();
            for (worker, key, tries, outcome) in done {
                in_flight -= 1;
                idle.push(worker);
                state.outcome(key, tries, outcome, &mut queue, events);
            }
            // The batch's `sent` marks on disk now: after a crash only the
            // messages in flight are unknown, at most one per connection.
            if delivered && let Err(e) = journal.flush() {
                state.stop_with(Stop::Journal(e));
            }
        };
        drop(work);
        result
    })
    .finish(journal)
}

/// The run's bookkeeping between reports.
struct Control<'a, 'p> {
    journal: &'a Journal,
    options: &'a Options,
    clock: &'a dyn Clock,
    pacer: &'p mut Pacer,
    retries: Vec<Retry>,
    streak: u32,
    unreachable: u32,
    /// No new message before this (after a connection failure or at the cap).
    not_before: Instant,
    /// Why the run is ending, once it is: nothing new is handed out, the
    /// messages in flight are finished.
    stopping: Option<Stop>,
}

impl Control<'_, '_> {
    /// Records what became of one delivery.
    fn outcome(
        &mut self,
        key: String,
        tries: u32,
        outcome: Outcome,
        queue: &mut VecDeque<(String, u32)>,
        events: &mut dyn FnMut(Event),
    ) {
        let now = Instant::now();
        let unix = self.clock.unix();
        let journal = self.journal;
        let finish = |state: State, reply: String, events: &mut dyn FnMut(Event)| {
            let r = journal.mark(&key, state, &reply, unix);
            events(Event::Done {
                key: key.clone(),
                state,
                reply,
            });
            r
        };
        let options = self.options;
        let retries = &mut self.retries;
        let mut retry_later = |reply: String, events: &mut dyn FnMut(Event)| {
            if tries + 1 >= options.attempts {
                return Some(finish(State::Deferred, reply, events));
            }
            let wait = options.backoff * 2u32.saturating_pow(tries);
            if let Err(e) = journal.mark(&key, State::Deferred, &reply, unix) {
                return Some(Err(e));
            }
            events(Event::Retry {
                key: key.clone(),
                reply,
                wait,
            });
            retries.push(Retry {
                due: now + wait,
                key: key.clone(),
                tries: tries + 1,
            });
            None
        };
        let recorded = match outcome {
            Outcome::Accepted(reply) => {
                self.streak = 0;
                self.unreachable = 0;
                finish(State::Sent, reply, events)
            }
            Outcome::Transient { code, reply } => {
                if code == 421 || code == 454 {
                    events(Event::SlowDown(self.pacer.slow_down(now)));
                }
                match retry_later(reply.clone(), events) {
                    None => Ok(()),
                    Some(r) => {
                        self.streak += 1;
                        r
                    }
                }
            }
            Outcome::Permanent { reply, .. } => {
                self.streak += 1;
                finish(State::Failed, reply, events)
            }
            Outcome::NotSent(reply) => {
                // Nothing went out; the row may say `sending` if the
                // connection broke at the DATA command.
                self.unreachable += 1;
                match retry_later(reply.clone(), events) {
                    None => Ok(()),
                    Some(r) => {
                        self.streak += 1;
                        r
                    }
                }
            }
            Outcome::Ambiguous(reply) => {
                self.streak += 1;
                finish(State::Unknown, reply, events)
            }
            Outcome::Fatal(Fatal::Unreachable, detail) => {
                self.unreachable += 1;
                if self.unreachable >= self.options.connect_attempts {
                    self.stop_with(Stop::Fatal {
                        kind: Fatal::Unreachable,
                        detail,
                    });
                } else {
                    queue.push_front((key.clone(), tries));
                    self.not_before =
                        now + self.options.backoff * 2u32.saturating_pow(self.unreachable - 1);
                }
                Ok(())
            }
            Outcome::Fatal(kind, detail) => {
                queue.push_front((key.clone(), tries));
                self.stop_with(Stop::Fatal { kind, detail });
                Ok(())
            }
            Outcome::Journal(e) => {
                // The run's own error (kept when it failed) says more.
                self.stop_with(Stop::Journal(e));
                Ok(())
            }
        };
        if let Err(e) = recorded {
            self.stop_with(Stop::Journal(e));
            return;
        }
        if self.streak >= self.options.max_consecutive_failures {
            let last = self
                .journal
                .troubles()
                .ok()
                .and_then(|t| t.into_iter().find(|t| t.email == key))
                .map(|t| t.reply)
                .unwrap_or_default();
            self.stop_with(Stop::Paused {
                failures: self.streak,
                last,
            });
        }
    }

    /// The first reason to stop wins; Ctrl-C gives way to a real failure.
    fn stop_with(&mut self, why: Stop) {
        if matches!(self.stopping, None | Some(Stop::Interrupted)) {
            self.stopping = Some(why);
        }
    }
}

impl Stop {
    /// The last `sent` marks written before the run reports.
    fn finish(self, journal: &Journal) -> Stop {
        match journal.flush() {
            Err(e) if matches!(self, Stop::Finished | Stop::Interrupted) => Stop::Journal(e),
            _ => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::journal::{Binding, journal_path};

    /// A server whose answer per recipient is scripted.
    struct Scripted {
        answers: HashMap<String, VecDeque<&'static str>>,
        delivered: Vec<String>,
    }

    impl Mailer for Scripted {
        fn deliver(
            &mut self,
            _from: &Address,
            to: &Address,
            _bytes: &[u8],
            before_data: &mut dyn FnMut() -> Result<(), JournalError>,
        ) -> Outcome {
            let answer = self
                .answers
                .get_mut(&to.to_string())
                .and_then(VecDeque::pop_front)
                .unwrap_or("250");
            let code: u16 = answer.parse().unwrap_or(0);
            if (400..600).contains(&code) && answer != "554-after" {
                return if code >= 500 {
                    Outcome::Permanent {
                        code,
                        reply: answer.into(),
                    }
                } else {
                    Outcome::Transient {
                        code,
                        reply: answer.into(),
                    }
                };
            }
            if let Err(e) = before_data() {
                return Outcome::Journal(e);
            }
            match answer {
                "hangup" => Outcome::Ambiguous("incomplete response".into()),
                "auth" => Outcome::Fatal(Fatal::Auth, "535".into()),
                _ => {
                    self.delivered.push(to.to_string());
                    Outcome::Accepted("250 ok".into())
                }
            }
        }
        fn close(&mut self) {}
    }

    struct Simple;
    impl Jobs for Simple {
        fn job(&self, key: &str) -> Result<Job, MessageError> {
            Ok(Job {
                from: crate::prepare::address("lumo@isonet.fi")?,
                to: crate::prepare::address(key)?,
                bytes: b"Subject: x\r\n\r\nx\r\n".to_vec(),
            })
        }
    }

    struct Fixed;
    impl Clock for Fixed {
        fn unix(&self) -> i64 {
            1_000_000
        }
    }

    fn fast() -> Options {
        Options {
            rate: Rate::parse("1000/s").expect("rate"),
            backoff: Duration::from_millis(5),
            ..Options::default()
        }
    }

    fn run(
        script: &[(&str, &[&'static str])],
        keys: &[&str],
        options: &Options,
    ) -> (Stop, Journal, Scripted, Vec<Event>, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("tmp");
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let binding = Binding {
            edition: "e".into(),
            content_hash: "h".into(),
        };
        let (journal, _) = Journal::open(
            &journal_path(dir.path(), "e"),
            &binding,
            &keys,
            &HashSet::new(),
            false,
            1,
        )
        .expect("journal");
        let mut mailer = Scripted {
            answers: script
                .iter()
                .map(|(k, a)| (k.to_string(), a.iter().copied().collect()))
                .collect(),
            delivered: vec![],
        };
        let stop = AtomicBool::new(false);
        let mut events = Vec::new();
        let queue = journal.queue(false).expect("queue");
        let result = deliver(
            Run {
                journal: &journal,
                mailers: vec![&mut mailer],
                jobs: &Simple,
                options,
                clock: &Fixed,
                stop: &stop,
            },
            queue,
            &mut |e| events.push(e),
        );
        (result, journal, mailer, events, dir)
    }

    #[test]
    fn each_outcome_ends_in_its_state() {
        let (stop, j, m, events, _dir) = run(
            &[
                ("retry@x.fi", &["451"]),
                ("defer@x.fi", &["451", "451", "451"]),
                ("fail@x.fi", &["550"]),
                ("hang@x.fi", &["hangup"]),
                ("slow@x.fi", &["454"]),
            ],
            &[
                "ok@x.fi",
                "retry@x.fi",
                "defer@x.fi",
                "fail@x.fi",
                "hang@x.fi",
                "slow@x.fi",
            ],
            &fast(),
        );
        assert!(stop.finished(), "{stop:?}");
        let state = |k: &str| j.state(k).expect("state").expect("row");
        assert_eq!(state("ok@x.fi"), State::Sent);
        assert_eq!(state("retry@x.fi"), State::Sent);
        assert_eq!(state("defer@x.fi"), State::Deferred);
        assert_eq!(state("fail@x.fi"), State::Failed);
        assert_eq!(state("hang@x.fi"), State::Unknown);
        assert_eq!(state("slow@x.fi"), State::Sent);
        assert_eq!(m.delivered.len(), 3);
        assert!(events.iter().any(|e| matches!(e, Event::SlowDown(_))));
        // The next run would try only the deferred one.
        assert_eq!(j.queue(false).expect("queue"), ["defer@x.fi"]);
    }

    #[test]
    fn auth_failure_stops_at_once() {
        let (stop, j, m, _, _dir) = run(&[("a@x.fi", &["auth"])], &["a@x.fi", "b@x.fi"], &fast());
        assert!(
            matches!(
                stop,
                Stop::Fatal {
                    kind: Fatal::Auth,
                    ..
                }
            ),
            "{stop:?}"
        );
        assert!(m.delivered.is_empty());
        assert_eq!(
            j.queue(false).expect("queue").len(),
            1,
            "b is still pending"
        );
        assert!(
            stop.text(Lang::Fi)
                .is_some_and(|t| t.contains("KIRJE_SMTP_PASSWORD"))
        );
    }

    #[test]
    fn a_streak_of_failures_pauses() {
        let keys: Vec<String> = (0..15).map(|i| format!("f{i}@x.fi")).collect();
        let script: Vec<(&str, &[&'static str])> =
            keys.iter().map(|k| (k.as_str(), &["550"][..])).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let (stop, j, _, _, _dir) = run(&script, &refs, &fast());
        assert!(
            matches!(stop, Stop::Paused { failures: 10, .. }),
            "{stop:?}"
        );
        assert_eq!(j.queue(false).expect("queue").len(), 5);
    }
}
