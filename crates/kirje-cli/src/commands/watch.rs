//! `kirje watch DIR`: rebuild whenever a file of the project changes, and
//! print the time it took or the diagnostics. One build session stays
//! alive between builds, so fonts load once, Typst's caches stay warm and
//! only the outputs whose inputs changed are made again.

use crate::outcome::Outcome;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use kirje_core::Lang;

use super::build::{self, Output};
use crate::changes::Changes;
use crate::report::Format;
use crate::text;

/// Rebuild whenever a file of the project changes.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write (default: DIR/dist).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only these outputs (comma-separated).
    #[arg(long, value_delimiter = ',', value_enum)]
    pub only: Vec<Output>,
    /// Give up a build that takes longer than this (seconds); watching goes on.
    #[arg(long, default_value_t = build::DEFAULT_TIME_LIMIT, value_name = "SECONDS")]
    pub time_limit: u64,
}

/// The session a watcher builds with; replaced by a new one when a build
/// runs past the time limit (the stuck one keeps its lock until it ends).
type Shared = Arc<Mutex<kirje_session::Session>>;

fn new_session() -> Shared {
    Arc::new(Mutex::new(super::new_session()))
}

/// One build: read the folder, render what changed on a worker thread,
/// write it all or nothing, and print the time or the problems. Nothing
/// here ends the watcher: a file that cannot be read (a save in progress)
/// is reported and the next change builds again; a build past the time
/// limit is abandoned to its thread and the next one starts afresh.
/// What the last builds wrote, by path: the bytes themselves, shared with
/// the session's memory, so a file that did not change is not written
/// again and telling so costs no hashing.
type Written = std::collections::HashMap<String, std::sync::Arc<[u8]>>;

fn build_once(
    args: &Args,
    session: &mut Shared,
    out_dir: &Path,
    lang: Lang,
    written: &mut Written,
) {
    let started = Instant::now();
    let files = match crate::project_io::read_project(&args.dir, lang) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "{}: {}",
                text::error_word(lang),
                text::error_chain(lang, &e)
            );
            return;
        }
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = Arc::clone(session);
    let outputs = build::selection(&args.only);
    std::thread::spawn(move || {
        let mut s = worker.lock().unwrap_or_else(PoisonError::into_inner);
        s.replace_files(files);
        let result = if s.check().has_errors() {
            Err(s.check().diagnostics.clone())
        } else {
            s.render(None, outputs)
        };
        drop(s);
        let _ = tx.send(result);
    });
    let limit = Duration::from_secs(args.time_limit);
    let result = match rx.recv_timeout(limit) {
        Ok(r) => r,
        Err(_) => {
            eprintln!(
                "{}: {}",
                text::error_word(lang),
                text::time_limit(lang, limit.as_secs())
            );
            *session = new_session();
            return;
        }
    };
    let s = session.lock().unwrap_or_else(PoisonError::into_inner);
    let printed = match result {
        Ok((files, warnings)) => match write_changed(out_dir, &files, written) {
            Ok(()) => {
                let summary = text::built(
                    lang,
                    files.len(),
                    &out_dir.display().to_string(),
                    started.elapsed().as_millis(),
                );
                super::print(&s, &warnings, lang, Format::Human, Some(&summary))
            }
            Err(e) => Err(e),
        },
        Err(errors) => super::print(&s, &errors, lang, Format::Human, None),
    };
    if let Err(e) = printed {
        eprintln!(
            "{}: {}",
            text::error_word(lang),
            text::error_chain(lang, &e)
        );
    }
    // After the files are out: the user is not kept waiting for it.
    s.trim_caches();
}

/// Writes the files whose bytes differ from what this watcher last wrote
/// there (all of them the first time, or when one is gone). An output the
/// session took from memory is the same allocation as last time, so most
/// files are passed over without reading their bytes.
fn write_changed(
    out_dir: &Path,
    files: &[build::Rendered],
    written: &mut Written,
) -> anyhow::Result<()> {
    let changed: Vec<build::Rendered> = files
        .iter()
        .filter(|f| {
            let same = written
                .get(&f.path)
                .is_some_and(|w| std::sync::Arc::ptr_eq(w, &f.bytes) || **w == *f.bytes);
            !same || !out_dir.join(&f.path).exists()
        })
        .cloned()
        .collect();
    build::write_all(out_dir, &changed)?;
    for f in &changed {
        written.insert(f.path.clone(), f.bytes.clone());
    }
    Ok(())
}

/// Runs the command until interrupted.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let out_dir = args.output.clone().unwrap_or_else(|| args.dir.join("dist"));
    let changes = Changes::new(&args.dir, &out_dir)?;
    let mut session = new_session();
    let mut written = Written::new();
    build_once(&args, &mut session, &out_dir, lang, &mut written);
    eprintln!("{}", text::watching(lang, &args.dir.display().to_string()));
    while changes.next() {
        build_once(&args, &mut session, &out_dir, lang, &mut written);
    }
    Ok(Outcome::Done)
}
