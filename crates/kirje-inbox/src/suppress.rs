//! Adds addresses to the suppression list, keeping what is there.
//!
//! The file is written whole to a temporary file beside it and renamed
//! over it, so a crash leaves either the old list or the new one. Existing
//! lines, comments and order are kept byte for byte; each new address goes
//! at the end on its own line after a `# reason, date, edition` comment.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use kirje_send::recipients::key;

/// One address to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The address.
    pub address: String,
    /// Why, in the words of the comment ("bounced 5.1.1", "unsubscribed").
    pub reason: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// The edition it concerned, if known.
    pub edition: Option<String>,
}

/// The list with `entries` added that are not on it yet (by address, any
/// case, as `send` reads the list), and how many were added; `None` when
/// nothing is new.
pub fn with_added(existing: &str, entries: &[Entry]) -> Option<(String, usize)> {
    let mut on: HashSet<String> =
        kirje_send::parse_suppressions("", existing.as_bytes()).unwrap_or_default();
    let mut out = existing.to_owned();
    let mut added = 0;
    for e in entries {
        if !on.insert(key(&e.address)) {
            continue;
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let edition = e
            .edition
            .as_deref()
            .map(|ed| format!(", {ed}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "# {}, {}{edition}\n{}\n",
            e.reason, e.date, e.address
        ));
        added += 1;
    }
    (added > 0).then_some((out, added))
}

/// Adds `entries` to the list at `path` (made if missing), atomically.
/// Returns how many were new.
pub fn add(path: &Path, entries: &[Entry]) -> io::Result<usize> {
    let existing = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let Some((new, added)) = with_added(&existing, entries) else {
        return Ok(0);
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.kirje-tmp"));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(new.as_bytes())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(a: &str) -> Entry {
        Entry {
            address: a.into(),
            reason: "bounced 5.1.1".into(),
            date: "2026-12-06".into(),
            edition: Some("2026-11".into()),
        }
    }

    #[test]
    fn comments_order_and_lines_are_kept_and_duplicates_skipped() {
        let existing = "# asked in person\nmaija@example.fi\n\n# old\nMatti@Example.fi";
        let new = with_added(
            existing,
            &[entry("matti@example.fi"), entry("liisa@example.fi")],
        );
        assert_eq!(
            new.as_ref().map(|(text, n)| (text.as_str(), *n)),
            Some((
                "# asked in person\nmaija@example.fi\n\n# old\nMatti@Example.fi\n# bounced 5.1.1, 2026-12-06, 2026-11\nliisa@example.fi\n",
                1
            ))
        );
        assert_eq!(with_added(existing, &[entry("maija@example.fi")]), None);
    }

    #[test]
    fn the_file_is_replaced_whole_and_read_back_by_send() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("suppression.txt");
        assert_eq!(
            add(&path, &[entry("a@example.fi"), entry("a@example.fi")]).ok(),
            Some(1)
        );
        assert_eq!(add(&path, &[entry("A@example.fi")]).ok(), Some(0));
        let text = fs::read_to_string(&path).unwrap_or_default();
        let keys = kirje_send::parse_suppressions("s", text.as_bytes()).unwrap_or_default();
        assert!(keys.contains("a@example.fi"));
        assert_eq!(fs::read_dir(dir.path()).map(Iterator::count).ok(), Some(1));
    }
}
