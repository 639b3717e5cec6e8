//! Reading a project folder from disk into [`Files`], refusing what is too
//! large or lies outside the folder.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use kirje_core::source::{MAX_ASSET_FILE, MAX_DATA_FILE, Refusal};
use kirje_core::{Files, Lang};

use crate::text;

/// Folders that never hold project input.
pub(crate) const SKIP_DIRS: [&str; 4] = ["dist", "target", "node_modules", ".git"];
/// At most this many files besides the data files are read from one
/// project.
const MAX_FILES: usize = 5_000;
/// At most this deep.
const MAX_DEPTH: usize = 8;

use kirje_session::is_data_file;

/// Reads every file of the project under `root`.
pub fn read_project(root: &Path, lang: Lang) -> Result<Files> {
    if !root.is_dir() {
        bail!(text::not_a_project(lang, &root.display().to_string()));
    }
    let canonical = root
        .canonicalize()
        .with_context(|| root.display().to_string())?;
    let mut files = Files::new();
    let mut count = 0;
    walk(&canonical, &canonical, "", 0, &mut files, &mut count)?;
    Ok(files)
}

fn walk(
    root: &Path,
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut Files,
    count: &mut usize,
) -> Result<()> {
    if depth > MAX_DEPTH {
        files.refuse(
            prefix.trim_end_matches('/'),
            Refusal::TooDeep { limit: MAX_DEPTH },
        );
        return Ok(());
    }
    let mut entries: Vec<_> = fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || (depth == 0 && SKIP_DIRS.contains(&name.as_str())) {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).with_context(|| path.display().to_string())?;
        let target: PathBuf = if meta.file_type().is_symlink() {
            match path.canonicalize() {
                Ok(t) if t.starts_with(root) => t,
                Ok(_) => {
                    files.refuse(rel, Refusal::OutsideRoot);
                    continue;
                }
                Err(_) => continue,
            }
        } else {
            path.clone()
        };
        let meta = fs::metadata(&target).with_context(|| target.display().to_string())?;
        if meta.is_dir() {
            if !meta.file_type().is_symlink() && !path.is_symlink() {
                walk(root, &target, &format!("{rel}/"), depth + 1, files, count)?;
            }
            continue;
        }
        if !meta.is_file() {
            files.refuse(rel, Refusal::NotAFile);
            continue;
        }
        // The data files are always read; the limit is on the others
        // (pictures, templates), which a folder can hold thousands of.
        let data = is_data_file(&rel);
        if !data {
            *count += 1;
        }
        if !data && *count > MAX_FILES {
            // Said once, at the first file left out.
            if *count == MAX_FILES + 1 {
                files.refuse(rel, Refusal::TooMany { limit: MAX_FILES });
            }
            continue;
        }
        let limit = if data { MAX_DATA_FILE } else { MAX_ASSET_FILE };
        if meta.len() > limit {
            files.refuse(
                rel,
                Refusal::TooLarge {
                    size: meta.len(),
                    limit,
                },
            );
            continue;
        }
        let bytes = fs::read(&target).with_context(|| target.display().to_string())?;
        files.insert(rel, bytes);
    }
    Ok(())
}
