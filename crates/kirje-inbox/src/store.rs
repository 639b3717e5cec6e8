//! The project's memory of returned mail, `.kirje/inbox.sqlite`: which
//! messages were already counted (by digest, so a second run over the same
//! mailbox changes nothing), the editions in which each address failed
//! for the time being, and the unsubscribe requests and complaints acted
//! on, with their dates. No message body is stored.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

/// Where the store lives in a project.
pub fn store_path(project: &Path) -> PathBuf {
    project.join(".kirje").join("inbox.sqlite")
}

/// A message's digest: the same bytes are the same message.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why the store could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct StoreError {
    /// The store's file.
    pub path: PathBuf,
    /// What SQLite or the file system said.
    #[source]
    pub source: rusqlite::Error,
}

/// The open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS seen (digest TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS soft (
    email TEXT NOT NULL,
    edition TEXT NOT NULL,
    status TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (email, edition)
);
CREATE TABLE IF NOT EXISTS acted (
    email TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    edition TEXT,
    at INTEGER NOT NULL
);
";

impl Store {
    /// Opens (or makes) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let err = |source| StoreError {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path).map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError {
            path: self.path.clone(),
            source,
        }
    }

    /// Whether a message with this digest was counted before.
    pub fn seen(&self, digest: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT 1 FROM seen WHERE digest = ?1", [digest], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// The editions in which `email` failed for the time being.
    pub fn soft_editions(&self, email: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT edition FROM soft WHERE email = ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([email], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// How many addresses `kirje inbox` put on the suppression list, by
    /// kind ("bounced", "complaint", "unsubscribed", "soft-bounced").
    pub fn acted_counts(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT kind, COUNT(DISTINCT email) FROM acted GROUP BY kind ORDER BY kind")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| self.err(e))?;
        rows.map(|r| r.map(|(k, n)| (k, usize::try_from(n).unwrap_or(0))))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Records one run in a single transaction: the messages counted, the
    /// temporary failures, and what was acted on.
    pub fn record(&mut self, run: &Record, now: i64) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        for d in &run.digests {
            tx.execute(
                "INSERT OR IGNORE INTO seen (digest, at) VALUES (?1, ?2)",
                params![d, now],
            )
            .map_err(err)?;
        }
        for (email, edition, status) in &run.soft {
            tx.execute(
                "INSERT OR REPLACE INTO soft (email, edition, status, at) VALUES (?1, ?2, ?3, ?4)",
                params![email, edition, status, now],
            )
            .map_err(err)?;
        }
        for (email, kind, detail, edition) in &run.acted {
            tx.execute(
                "INSERT INTO acted (email, kind, detail, edition, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![email, kind, detail, edition, now],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }
}

/// What one run writes into the store.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Record {
    /// Digests of the messages counted.
    pub digests: Vec<String>,
    /// Temporary failures: address, edition, status.
    pub soft: Vec<(String, String, String)>,
    /// Addresses suppressed: address, kind ("bounced", "complaint",
    /// "unsubscribed", "soft-bounced"), detail, edition.
    pub acted: Vec<(String, String, String, Option<String>)>,
}
