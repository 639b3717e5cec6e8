//! The journal: one SQLite file per edition that says, for every recipient,
//! how far their message got. It is what makes a send resumable and what
//! keeps a resume from sending anyone a second copy.
//!
//! - Every change is its own transaction in WAL mode with
//!   `synchronous=FULL`: when a call returns, the state is on disk.
//! - `sending` is written before the DATA command; `sent` only after the
//!   server's 250. A row still `sending` when a journal is opened belonged
//!   to a run that died mid-message: it becomes `unknown`, and is resent only
//!   on request.
//! - The file is held with SQLite's exclusive locking mode for the whole
//!   run, so a second run on the same edition is refused instead of sharing
//!   it. The lock dies with the process (also on SIGKILL).
//! - The journal remembers a hash of everything that was rendered (every
//!   personalised message) and the list; a run with other content is refused
//!   unless a new run is asked for.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use kirje_core::Lang;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::text::say;

/// Where a recipient's message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    /// Not tried yet.
    Pending,
    /// Handed to the server; no answer yet.
    Sending,
    /// The server accepted it (250).
    Sent,
    /// Temporarily refused (4xx); tried again on the next run.
    Deferred,
    /// Permanently refused (5xx).
    Failed,
    /// The run died or the connection broke while it was being sent: it may
    /// or may not have arrived.
    Unknown,
    /// On the suppression list: never sent.
    Suppressed,
    /// Accepted by the server, then returned for good: `kirje inbox` found
    /// the bounce of this very message.
    Bounced,
}

impl State {
    /// Every state, in report order.
    pub const ALL: [State; 8] = [
        State::Sent,
        State::Bounced,
        State::Suppressed,
        State::Pending,
        State::Sending,
        State::Deferred,
        State::Failed,
        State::Unknown,
    ];

    /// The word stored in the journal.
    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Sending => "sending",
            State::Sent => "sent",
            State::Deferred => "deferred",
            State::Failed => "failed",
            State::Unknown => "unknown",
            State::Suppressed => "suppressed",
            State::Bounced => "bounced",
        }
    }

    fn from_code(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.code() == s)
    }

    /// The state's name for the reader.
    pub fn label(self, l: Lang) -> &'static str {
        match (self, l) {
            (State::Pending, Lang::Fi) => "odottaa",
            (State::Pending, Lang::Sv) => "väntar",
            (State::Pending, Lang::En) => "pending",
            (State::Sending, Lang::Fi) => "lähdössä",
            (State::Sending, Lang::Sv) => "skickas",
            (State::Sending, Lang::En) => "sending",
            (State::Sent, Lang::Fi) => "lähetetty",
            (State::Sent, Lang::Sv) => "skickade",
            (State::Sent, Lang::En) => "sent",
            (State::Deferred, Lang::Fi) => "lykätty",
            (State::Deferred, Lang::Sv) => "uppskjutna",
            (State::Deferred, Lang::En) => "deferred",
            (State::Failed, Lang::Fi) => "epäonnistunut",
            (State::Failed, Lang::Sv) => "misslyckade",
            (State::Failed, Lang::En) => "failed",
            (State::Unknown, Lang::Fi) => "epävarma",
            (State::Unknown, Lang::Sv) => "osäkra",
            (State::Unknown, Lang::En) => "unknown",
            (State::Suppressed, Lang::Fi) => "estetty",
            (State::Suppressed, Lang::Sv) => "spärrade",
            (State::Suppressed, Lang::En) => "suppressed",
            (State::Bounced, Lang::Fi) => "palautunut",
            (State::Bounced, Lang::Sv) => "studsade",
            (State::Bounced, Lang::En) => "bounced",
        }
    }

    /// Whether nothing more is to be done for this recipient.
    pub fn is_done(self) -> bool {
        matches!(self, State::Sent | State::Suppressed | State::Bounced)
    }
}

/// Why the journal cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// Another run holds it.
    #[error("the journal {0} is in use by another run")]
    Locked(PathBuf),
    /// It was made for other content or another list.
    #[error("the journal {0} belongs to other content")]
    Changed(PathBuf),
    /// There is no journal yet (for `--status`).
    #[error("no journal at {0}")]
    Missing(PathBuf),
    /// SQLite or the file system failed (a full disk, say).
    #[error("the journal {path}: {source}")]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: rusqlite::Error,
    },
    /// Its folder cannot be made.
    #[error("{path}: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
}

impl JournalError {
    /// The message in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        match self {
            JournalError::Locked(p) => {
                let p = p.display();
                say(
                    l,
                    format!("toinen lähetys käyttää jo lokia {p}; odota sen loppumista"),
                    format!(
                        "en annan körning använder redan journalen {p}; vänta tills den är klar"
                    ),
                    format!("another run is using the journal {p}; wait until it has finished"),
                )
            }
            JournalError::Changed(p) => {
                let p = p.display();
                say(
                    l,
                    format!(
                        "numeron sisältö tai vastaanottajalista on muuttunut sen jälkeen, kun loki {p} aloitettiin; aloita uusi lähetys valitsimella --new-run (jo lähetetyt saavat silloin uuden kappaleen)"
                    ),
                    format!(
                        "numrets innehåll eller mottagarlistan har ändrats sedan journalen {p} började; starta en ny körning med --new-run (de som redan fått brevet får då ett nytt exemplar)"
                    ),
                    format!(
                        "the edition's content or the recipient list changed since the journal {p} was started; start a new run with --new-run (those already sent to will get a new copy)"
                    ),
                )
            }
            JournalError::Missing(p) => {
                let p = p.display();
                say(
                    l,
                    format!("tätä numeroa ei ole lähetetty (lokia {p} ei ole)"),
                    format!("numret har inte skickats (journalen {p} finns inte)"),
                    format!("this edition has not been sent (there is no journal {p})"),
                )
            }
            JournalError::Sqlite { path, source } => {
                let p = path.display();
                say(
                    l,
                    format!("lokiin {p} ei voi kirjoittaa: {source}"),
                    format!("det går inte att skriva i journalen {p}: {source}"),
                    format!("cannot write the journal {p}: {source}"),
                )
            }
            JournalError::Io { path, source } => format!("{}: {source}", path.display()),
        }
    }
}

/// What a journal is for: the edition and the hash of its content and list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The edition's id.
    pub edition: String,
    /// Hex SHA-256 of every personalised message and the list.
    pub content_hash: String,
}

/// A failed, deferred or unknown recipient and the server's last word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trouble {
    /// The address.
    pub email: String,
    /// Its state.
    pub state: State,
    /// The server's reply or the error.
    pub reply: String,
    /// How many times it was tried.
    pub attempts: u32,
}

/// An open journal, held exclusively.
#[derive(Debug)]
pub struct Journal {
    conn: Connection,
    path: PathBuf,
    /// `sent` rows not yet written: they go to disk in the transaction of
    /// the next `sending` mark (one fsync per message instead of two), or
    /// with [`Journal::flush`]. Until then a crash leaves such a recipient
    /// `sending`, which the next run reads as `unknown`: never resent
    /// without `--resend-unknown`, so nobody gets a second copy.
    unflushed: RefCell<Vec<(String, i64, String)>>,
}

/// The journal's file for an edition under a project: `.kirje/send/<id>.sqlite`.
pub fn journal_path(project: &Path, edition: &str) -> PathBuf {
    let safe: String = edition
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    project
        .join(".kirje")
        .join("send")
        .join(format!("{safe}.sqlite"))
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS recipient (
    email TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    reply TEXT NOT NULL DEFAULT '',
    updated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS recipient_state ON recipient (state, position);
";

/// What opening found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opened {
    /// Whether the journal was made now.
    pub created: bool,
    /// Recipients that were in flight when an earlier run died, now `unknown`.
    pub recovered_unknown: usize,
    /// Whether an older journal was set aside (`--new-run`), and where.
    pub archived: Option<PathBuf>,
}

impl Journal {
    /// Opens (or makes) the journal at `path` for `binding` and the list's
    /// keys in order, and locks it. Rows left `sending` become `unknown`;
    /// keys in `suppressed` that are not yet sent become `suppressed`.
    /// With `new_run`, a journal for other content is moved aside to
    /// `<name>.<n>.sqlite` and a fresh one begun.
    pub fn open(
        path: &Path,
        binding: &Binding,
        keys: &[String],
        suppressed: &HashSet<String>,
        new_run: bool,
        now: i64,
    ) -> Result<(Journal, Opened), JournalError> {
        let mut opened = Opened::default();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| JournalError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let mut journal = Journal::connect(path)?;
        let existing = journal.meta("content_hash")?;
        match existing {
            Some(h) if h == binding.content_hash => {}
            Some(_) if !new_run => return Err(JournalError::Changed(path.to_owned())),
            Some(_) => {
                drop(journal);
                let archived = archive_name(path);
                std::fs::rename(path, &archived).map_err(|source| JournalError::Io {
                    path: path.to_owned(),
                    source,
                })?;
                for ext in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{ext}", path.display()));
                    let _ = std::fs::remove_file(side);
                }
                opened.archived = Some(archived);
                journal = Journal::connect(path)?;
                journal.create(binding, keys, now)?;
                opened.created = true;
            }
            None => {
                journal.create(binding, keys, now)?;
                opened.created = true;
            }
        }
        opened.recovered_unknown = journal.exec(
            "UPDATE recipient SET state = 'unknown', updated = ?1 WHERE state = 'sending'",
            params![now],
        )?;
        journal.apply_suppressions(suppressed, now)?;
        Ok((journal, opened))
    }

    /// Opens an existing journal only to read it (`--status`), without
    /// changing it. Fails with `Locked` while a run holds it.
    pub fn read(path: &Path) -> Result<Journal, JournalError> {
        if !path.exists() {
            return Err(JournalError::Missing(path.to_owned()));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| sqlite(path, e))?;
        let journal = Journal {
            conn,
            path: path.to_owned(),
            unflushed: RefCell::default(),
        };
        journal
            .conn
            .busy_timeout(std::time::Duration::from_millis(200))
            .map_err(|e| journal.err(e))?;
        journal.counts()?;
        Ok(journal)
    }

    fn connect(path: &Path) -> Result<Journal, JournalError> {
        let conn = Connection::open(path).map_err(|e| sqlite(path, e))?;
        let journal = Journal {
            conn,
            path: path.to_owned(),
            unflushed: RefCell::default(),
        };
        journal
            .conn
            .busy_timeout(std::time::Duration::ZERO)
            .map_err(|e| journal.err(e))?;
        // Exclusive locking: the first write takes the lock and keeps it
        // until the connection closes.
        journal
            .conn
            .execute_batch(
                "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
            )
            .map_err(|e| journal.err(e))?;
        journal
            .conn
            .execute_batch(SCHEMA)
            .map_err(|e| journal.err(e))?;
        Ok(journal)
    }

    fn create(&mut self, binding: &Binding, keys: &[String], now: i64) -> Result<(), JournalError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sqlite(&path, e))?;
        {
            let mut meta = tx
                .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
                .map_err(|e| sqlite(&path, e))?;
            for (k, v) in [
                ("edition", binding.edition.as_str()),
                ("content_hash", binding.content_hash.as_str()),
                ("created", &now.to_string()),
            ] {
                meta.execute(params![k, v]).map_err(|e| sqlite(&path, e))?;
            }
            let mut row = tx
                .prepare(
                    "INSERT OR IGNORE INTO recipient (email, position, state, updated) VALUES (?1, ?2, 'pending', ?3)",
                )
                .map_err(|e| sqlite(&path, e))?;
            for (i, k) in keys.iter().enumerate() {
                row.execute(params![k, i as i64, now])
                    .map_err(|e| sqlite(&path, e))?;
            }
        }
        tx.commit().map_err(|e| sqlite(&path, e))
    }

    fn apply_suppressions(
        &mut self,
        suppressed: &HashSet<String>,
        now: i64,
    ) -> Result<(), JournalError> {
        if suppressed.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| sqlite(&path, e))?;
        {
            let mut st = tx
                .prepare(
                    "UPDATE recipient SET state = 'suppressed', updated = ?2 WHERE email = ?1 AND state IN ('pending', 'deferred', 'unknown', 'failed')",
                )
                .map_err(|e| sqlite(&path, e))?;
            for k in suppressed {
                st.execute(params![k, now]).map_err(|e| sqlite(&path, e))?;
            }
        }
        tx.commit().map_err(|e| sqlite(&path, e))
    }

    /// The journal's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the journal is bound to.
    pub fn binding(&self) -> Result<Option<Binding>, JournalError> {
        Ok(match (self.meta("edition")?, self.meta("content_hash")?) {
            (Some(edition), Some(content_hash)) => Some(Binding {
                edition,
                content_hash,
            }),
            _ => None,
        })
    }

    fn meta(&self, key: &str) -> Result<Option<String>, JournalError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The recipients still to send to, in list order: pending and deferred,
    /// and unknown when `resend_unknown`.
    pub fn queue(&self, resend_unknown: bool) -> Result<Vec<String>, JournalError> {
        self.flush()?;
        let sql = if resend_unknown {
            "SELECT email FROM recipient WHERE state IN ('pending', 'deferred', 'unknown') ORDER BY position"
        } else {
            "SELECT email FROM recipient WHERE state IN ('pending', 'deferred') ORDER BY position"
        };
        let mut st = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Records that the messages to `emails` are about to be handed over
    /// (before DATA), in one transaction: messages on parallel connections
    /// that reached DATA together. Durable when it returns.
    pub fn mark_sending_all(&self, emails: &[&str], now: i64) -> Result<(), JournalError> {
        self.write(emails, now)
    }

    /// Writes the `sent` marks not yet on disk.
    pub fn flush(&self) -> Result<(), JournalError> {
        if self.unflushed.borrow().is_empty() {
            return Ok(());
        }
        self.write(&[], 0)
    }

    /// One transaction: the unflushed `sent` marks, then `sending` for
    /// `next`.
    fn write(&self, next: &[&str], now: i64) -> Result<(), JournalError> {
        let sent = self.unflushed.borrow();
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        for (email, now, reply) in sent.iter() {
            tx.execute(
                "UPDATE recipient SET state = 'sent', reply = ?2, updated = ?3 WHERE email = ?1",
                params![email, reply, now],
            )
            .map_err(|e| self.err(e))?;
        }
        for email in next {
            tx.execute(
                "UPDATE recipient SET state = 'sending', attempts = attempts + 1, updated = ?2 WHERE email = ?1",
                params![email, now],
            )
            .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        drop(sent);
        self.unflushed.borrow_mut().clear();
        Ok(())
    }

    /// Records a recipient's new state and the server's reply.
    pub fn mark(
        &self,
        email: &str,
        state: State,
        reply: &str,
        now: i64,
    ) -> Result<(), JournalError> {
        if state == State::Sent {
            self.unflushed
                .borrow_mut()
                .push((email.to_owned(), now, reply.to_owned()));
            return Ok(());
        }
        self.flush()?;
        self.exec(
            "UPDATE recipient SET state = ?2, reply = ?3, updated = ?4 WHERE email = ?1",
            params![email, state.code(), reply, now],
        )
        .map(drop)
    }

    /// How many recipients are in each state.
    pub fn counts(&self) -> Result<BTreeMap<State, usize>, JournalError> {
        self.flush()?;
        let mut st = self
            .conn
            .prepare("SELECT state, COUNT(*) FROM recipient GROUP BY state")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (s, n) = row.map_err(|e| self.err(e))?;
            if let Some(s) = State::from_code(&s) {
                out.insert(s, n.max(0) as usize);
            }
        }
        Ok(out)
    }

    /// Every address the run sent a copy to, or may have (`sent`,
    /// `unknown`, `sending`), in list order: what a bounce can name.
    pub fn addresses(&self) -> Result<Vec<String>, JournalError> {
        self.flush()?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT email FROM recipient WHERE state IN ('sent', 'unknown', 'sending', 'bounced') \
                 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// Marks `emails` as bounced when the journal has them as sent (or
    /// unknown: the bounce shows the message went out). Returns how many
    /// changed. Fails with `Locked` while a run holds the journal.
    pub fn mark_bounced(&self, emails: &[String], now: i64) -> Result<usize, JournalError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let mut changed = 0;
        for e in emails {
            changed += tx
                .execute(
                    "UPDATE recipient SET state = 'bounced', updated = ?2 \
                     WHERE email = ?1 AND state IN ('sent', 'unknown')",
                    params![e, now],
                )
                .map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        Ok(changed)
    }

    /// The state of one recipient.
    pub fn state(&self, email: &str) -> Result<Option<State>, JournalError> {
        self.flush()?;
        let s: Option<String> = self
            .conn
            .query_row(
                "SELECT state FROM recipient WHERE email = ?1",
                [email],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(s.and_then(|s| State::from_code(&s)))
    }

    /// The recipients that were not delivered, with the server's replies.
    pub fn troubles(&self) -> Result<Vec<Trouble>, JournalError> {
        self.flush()?;
        let mut st = self
            .conn
            .prepare(
                "SELECT email, state, reply, attempts FROM recipient WHERE state IN ('failed', 'deferred', 'unknown') ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (email, state, reply, attempts) = row.map_err(|e| self.err(e))?;
            if let Some(state) = State::from_code(&state) {
                out.push(Trouble {
                    email,
                    state,
                    reply,
                    attempts: attempts.clamp(0, i64::from(u32::MAX)) as u32,
                });
            }
        }
        Ok(out)
    }

    /// How many were sent at or after `since` (unix seconds), for the hourly cap.
    pub fn sent_since(&self, since: i64) -> Result<Vec<i64>, JournalError> {
        self.flush()?;
        let mut st = self
            .conn
            .prepare("SELECT updated FROM recipient WHERE state = 'sent' AND updated >= ?1 ORDER BY updated")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([since], |r| r.get::<_, i64>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    fn exec(&self, sql: &str, p: impl rusqlite::Params) -> Result<usize, JournalError> {
        self.conn.execute(sql, p).map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> JournalError {
        sqlite(&self.path, e)
    }
}

fn sqlite(path: &Path, e: rusqlite::Error) -> JournalError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            JournalError::Locked(path.to_owned())
        }
        _ => JournalError::Sqlite {
            path: path.to_owned(),
            source: e,
        },
    }
}

/// `2021-05.sqlite` → `2021-05.1.sqlite` (the first free number).
fn archive_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..)
        .map(|n| path.with_file_name(format!("{stem}.{n}.sqlite")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension("old.sqlite"))
}

impl Drop for Journal {
    /// The last `sent` marks (a run that returns normally has flushed them
    /// already; this is for an early return).
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(h: &str) -> Binding {
        Binding {
            edition: "2021-05".into(),
            content_hash: h.into(),
        }
    }

    fn keys() -> Vec<String> {
        ["a@x.fi", "b@x.fi", "c@x.fi"].map(String::from).to_vec()
    }

    #[test]
    fn states_survive_and_sending_becomes_unknown() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = journal_path(dir.path(), "2021-05");
        let none = HashSet::new();
        {
            let (j, o) =
                Journal::open(&path, &binding("h"), &keys(), &none, false, 1).expect("open");
            assert!(o.created);
            assert_eq!(j.queue(false).expect("queue"), keys());
            j.mark_sending_all(&["a@x.fi"], 2).expect("sending");
            j.mark("a@x.fi", State::Sent, "250 ok", 3).expect("sent");
            j.mark_sending_all(&["b@x.fi"], 4).expect("sending");
            // The run dies here with b in flight.
        }
        let (j, o) = Journal::open(&path, &binding("h"), &keys(), &none, false, 5).expect("reopen");
        assert!(!o.created);
        assert_eq!(o.recovered_unknown, 1);
        assert_eq!(j.state("b@x.fi").expect("state"), Some(State::Unknown));
        assert_eq!(j.queue(false).expect("queue"), ["c@x.fi"]);
        assert_eq!(j.queue(true).expect("queue"), ["b@x.fi", "c@x.fi"]);
        assert_eq!(j.sent_since(3).expect("since"), [3]);
        assert_eq!(j.troubles().expect("troubles")[0].state, State::Unknown);
    }

    #[test]
    fn a_second_run_is_locked_out() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = journal_path(dir.path(), "2021-05");
        let none = HashSet::new();
        let (_first, _) =
            Journal::open(&path, &binding("h"), &keys(), &none, false, 1).expect("open");
        let second = Journal::open(&path, &binding("h"), &keys(), &none, false, 1);
        assert!(matches!(second, Err(JournalError::Locked(_))), "{second:?}");
        assert!(matches!(Journal::read(&path), Err(JournalError::Locked(_))));
    }

    #[test]
    fn other_content_needs_a_new_run() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = journal_path(dir.path(), "2021-05");
        let none = HashSet::new();
        {
            let (j, _) =
                Journal::open(&path, &binding("h1"), &keys(), &none, false, 1).expect("open");
            j.mark("a@x.fi", State::Sent, "250", 1).expect("mark");
        }
        let err =
            Journal::open(&path, &binding("h2"), &keys(), &none, false, 2).expect_err("changed");
        assert!(matches!(err, JournalError::Changed(_)));
        assert!(err.text(Lang::En).contains("--new-run"));
        let (j, o) =
            Journal::open(&path, &binding("h2"), &keys(), &none, true, 2).expect("new run");
        assert!(o.created);
        assert!(
            o.archived
                .as_ref()
                .is_some_and(|p| p.ends_with("2021-05.1.sqlite"))
        );
        assert_eq!(j.queue(false).expect("queue").len(), 3);
    }

    #[test]
    fn suppressed_are_never_queued() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = journal_path(dir.path(), "x");
        let s: HashSet<String> = ["b@x.fi".to_owned()].into();
        let (j, _) = Journal::open(&path, &binding("h"), &keys(), &s, false, 1).expect("open");
        assert_eq!(j.queue(true).expect("queue"), ["a@x.fi", "c@x.fi"]);
        assert_eq!(j.counts().expect("counts")[&State::Suppressed], 1);
    }
}
