//! `kirje init DIR`: write a complete starter project in the chosen language.

use crate::outcome::Outcome;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kirje_core::Lang;

use crate::text;

/// Create a new project folder with a complete starter project.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
}

macro_rules! starter {
    ($lang:literal) => {
        [
            (
                "kirje.toml",
                include_bytes!(concat!("../../starters/", $lang, "/kirje.toml")).as_slice(),
            ),
            (
                "project.yaml",
                include_bytes!(concat!("../../starters/", $lang, "/project.yaml")).as_slice(),
            ),
            (
                "editions/2026-03.yaml",
                include_bytes!(concat!("../../starters/", $lang, "/editions/2026-03.yaml"))
                    .as_slice(),
            ),
            (
                "assets/logo.svg",
                include_bytes!(concat!("../../starters/", $lang, "/assets/logo.svg")).as_slice(),
            ),
            (
                "README.md",
                include_bytes!(concat!("../../starters/", $lang, "/README.md")).as_slice(),
            ),
        ]
    };
}

/// The starter project's files in `lang`.
pub fn starter_files(lang: Lang) -> [(&'static str, &'static [u8]); 5] {
    match lang {
        Lang::Fi => starter!("fi"),
        Lang::Sv => starter!("sv"),
        Lang::En => starter!("en"),
    }
}

fn is_empty_dir(dir: &Path) -> anyhow::Result<bool> {
    Ok(fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .next()
        .is_none())
}

/// Runs the command.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let dir = &args.dir;
    if dir.exists() && !(dir.is_dir() && is_empty_dir(dir)?) {
        bail!(text::not_empty(lang, &dir.display().to_string()));
    }
    // Write into a sibling temporary folder and rename it into place, so an
    // interrupted init leaves nothing half-written.
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
    let tmp = tempfile_dir(parent)?;
    for (path, bytes) in starter_files(lang) {
        let target = tmp.join(path);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p).with_context(|| p.display().to_string())?;
        }
        fs::write(&target, bytes).with_context(|| target.display().to_string())?;
    }
    if dir.exists() {
        fs::remove_dir(dir).with_context(|| dir.display().to_string())?;
    }
    if let Err(e) = fs::rename(&tmp, dir) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e).with_context(|| dir.display().to_string());
    }
    println!("{}", text::created(lang, &dir.display().to_string()));
    Ok(Outcome::Done)
}

fn tempfile_dir(parent: &Path) -> anyhow::Result<PathBuf> {
    for i in 0..100u32 {
        let p = parent.join(format!(".kirje-init-{}-{i}", std::process::id()));
        match fs::create_dir(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e).with_context(|| p.display().to_string()),
        }
    }
    bail!(
        "could not create a temporary folder in {}",
        parent.display()
    )
}
