//! `kirje watch DIR`: rebuild whenever a file of the project changes, and
//! print the time it took or the diagnostics. One Typst engine stays alive
//! between builds, so fonts load once and Typst's caches stay warm.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use kirje_core::Lang;
use kirje_typst::Engine;

use super::build::{self, Output};
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
}

/// Modification times of the project's files (dist/ and hidden files left out).
pub(crate) fn snapshot(dir: &Path, out: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if hidden || path.starts_with(out) || path.ends_with("dist") {
                continue;
            }
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) => {
                    seen.insert(path, m.modified().unwrap_or(SystemTime::UNIX_EPOCH));
                }
                Err(_) => {}
            }
        }
    }
    seen
}

fn build_once(
    args: &Args,
    session: &mut kirje_session::Session,
    out_dir: &Path,
    lang: Lang,
) -> anyhow::Result<()> {
    let started = Instant::now();
    session.replace_files(crate::project_io::read_project(&args.dir, lang)?);
    if session.check().has_errors() {
        let diags = session.check().diagnostics.clone();
        return super::print(session, &diags, lang, Format::Human, None);
    }
    let guard = build::watchdog(Duration::from_secs(build::DEFAULT_TIME_LIMIT), lang);
    let rendered = session.render(None, build::selection(&args.only));
    drop(guard);
    match rendered {
        Ok((files, warnings)) => {
            build::write_all(out_dir, &files)?;
            let summary = text::built(
                lang,
                files.len(),
                &out_dir.display().to_string(),
                started.elapsed().as_millis(),
            );
            super::print(session, &warnings, lang, Format::Human, Some(&summary))
        }
        Err(errors) => super::print(session, &errors, lang, Format::Human, None),
    }
}

/// Runs the command until interrupted.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let mut session = kirje_session::Session::new(Engine::new(), crate::raster());
    let out_dir = args.output.clone().unwrap_or_else(|| args.dir.join("dist"));
    let mut last = snapshot(&args.dir, &out_dir);
    build_once(&args, &mut session, &out_dir, lang)?;
    eprintln!("{}", text::watching(lang, &args.dir.display().to_string()));
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let now = snapshot(&args.dir, &out_dir);
        if now != last {
            last = now;
            build_once(&args, &mut session, &out_dir, lang)?;
        }
    }
}
