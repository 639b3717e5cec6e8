//! Changes to a project folder, for `watch` and `serve`: the system's file
//! events through notify's debouncer (an editor's save by rename is one
//! change), falling back to polling only when the system watcher cannot
//! start (a full inotify table, a network file system).

use std::any::Any;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, NoCache, new_debouncer};

use crate::project_io::SKIP_DIRS;

/// How long the folder must be quiet before a change is reported.
const SETTLE: Duration = Duration::from_millis(40);
/// How often the fallback polls.
const POLL: Duration = Duration::from_millis(250);

/// The changes of one project folder.
pub struct Changes {
    events: Receiver<DebounceEventResult>,
    /// The debouncer, kept alive for as long as the changes are wanted.
    _watcher: Box<dyn Any + Send>,
    root: PathBuf,
    out: PathBuf,
}

impl Changes {
    /// Starts watching `dir`, leaving out `out` (where outputs are
    /// written), hidden files and the folders that never hold input.
    pub fn new(dir: &Path, out: &Path) -> anyhow::Result<Changes> {
        let (tx, events) = channel();
        let watcher: Box<dyn Any + Send> = match new_debouncer(SETTLE, None, tx.clone()) {
            Ok(mut d) => match d.watch(dir, RecursiveMode::Recursive) {
                Ok(()) => Box::new(d),
                Err(_) => Box::new(poller(dir, tx)?),
            },
            Err(_) => Box::new(poller(dir, tx)?),
        };
        Ok(Changes {
            events,
            _watcher: watcher,
            root: dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
            out: out.canonicalize().unwrap_or_else(|_| out.to_path_buf()),
        })
    }

    /// Waits until a file of the project changed, then takes every change
    /// already queued (a save during a build means one more build, not
    /// one per event). False once the watcher has stopped. A watcher error
    /// (a folder removed mid-walk) is not the end of watching.
    pub fn next(&self) -> bool {
        loop {
            match self.events.recv() {
                Err(_) => return false,
                Ok(Err(_)) => continue,
                Ok(Ok(events)) => {
                    if events.iter().any(|e| self.counts(e)) {
                        while self.events.try_recv().is_ok() {}
                        return true;
                    }
                }
            }
        }
    }

    /// Whether an event is a change to a project file.
    fn counts(&self, e: &DebouncedEvent) -> bool {
        let change = matches!(
            e.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
        );
        change && e.paths.iter().any(|p| self.input(p))
    }

    fn input(&self, path: &Path) -> bool {
        // A removed file cannot be resolved: its folder can.
        let path = path.canonicalize().unwrap_or_else(|_| {
            match (
                path.parent().and_then(|p| p.canonicalize().ok()),
                path.file_name(),
            ) {
                (Some(parent), Some(name)) => parent.join(name),
                _ => path.to_path_buf(),
            }
        });
        let Ok(inside) = path.strip_prefix(&self.root) else {
            return false;
        };
        !path.starts_with(&self.out)
            && !inside.components().any(|c| match c {
                Component::Normal(name) => {
                    let name = name.to_string_lossy();
                    name.starts_with('.')
                        || name.ends_with(".kirje-tmp")
                        || SKIP_DIRS.contains(&name.as_ref())
                }
                _ => false,
            })
    }
}

/// The fallback: notify's polling watcher behind the same debouncer.
fn poller(
    dir: &Path,
    tx: std::sync::mpsc::Sender<DebounceEventResult>,
) -> anyhow::Result<notify_debouncer_full::Debouncer<notify::PollWatcher, NoCache>> {
    let mut d = notify_debouncer_full::new_debouncer_opt::<_, notify::PollWatcher, NoCache>(
        SETTLE,
        None,
        tx,
        NoCache,
        notify::Config::default().with_poll_interval(POLL),
    )?;
    d.watch(dir, RecursiveMode::Recursive)?;
    Ok(d)
}
