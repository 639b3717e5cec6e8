//! Where returned mail comes from when it is not read over IMAP: a folder
//! of `.eml` files, a Maildir, or an mbox file, as mail programs export
//! them. Maildir and mbox are read by `mail-parser`'s readers.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::classify::READ_LIMIT;

/// One message read from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    /// Where it came from: a file, or the mbox file and the message's place
    /// in it ("export.mbox #3").
    pub origin: String,
    /// Its first [`READ_LIMIT`] bytes.
    pub bytes: Vec<u8>,
}

/// What a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A folder with `cur/` and `new/`.
    Maildir,
    /// A folder of `.eml` files.
    EmlFolder,
    /// One file of messages, each starting with a "From " line.
    Mbox,
    /// One message.
    Eml,
}

/// Tells a path's kind by what is there.
pub fn kind_of(path: &Path) -> io::Result<Kind> {
    let meta = fs::metadata(path)?;
    if meta.is_dir() {
        return Ok(if path.join("cur").is_dir() || path.join("new").is_dir() {
            Kind::Maildir
        } else {
            Kind::EmlFolder
        });
    }
    let mut head = [0u8; 5];
    let n = fs::File::open(path)?.read(&mut head)?;
    Ok(if head[..n] == *b"From " {
        Kind::Mbox
    } else {
        Kind::Eml
    })
}

/// Every message at `path`, in a stable order (file names, or mbox order).
pub fn read(path: &Path) -> io::Result<Vec<Raw>> {
    match kind_of(path)? {
        Kind::Eml => Ok(vec![read_file(path)?]),
        Kind::EmlFolder => {
            let mut files: Vec<PathBuf> = fs::read_dir(path)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml"))
                })
                .collect();
            files.sort();
            files.iter().map(|f| read_file(f)).collect()
        }
        Kind::Maildir => {
            let mut out = Vec::new();
            for sub in ["cur", "new"] {
                let dir = path.join(sub);
                if !dir.is_dir() {
                    continue;
                }
                let mut files: Vec<PathBuf> = fs::read_dir(&dir)?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .collect();
                files.sort();
                for f in files {
                    out.push(read_file(&f)?);
                }
            }
            Ok(out)
        }
        Kind::Mbox => {
            let file = io::BufReader::new(fs::File::open(path)?);
            let name = path.display().to_string();
            let mut out = Vec::new();
            let messages = mail_parser::mailbox::mbox::MessageIterator::new(file);
            for (i, message) in messages.enumerate() {
                let message = message?;
                let mut bytes = message.unwrap_contents();
                bytes.truncate(READ_LIMIT);
                out.push(Raw {
                    origin: format!("{name} #{}", i + 1),
                    bytes,
                });
            }
            Ok(out)
        }
    }
}

fn read_file(path: &Path) -> io::Result<Raw> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(READ_LIMIT as u64)
        .read_to_end(&mut bytes)?;
    Ok(Raw {
        origin: path.display().to_string(),
        bytes,
    })
}
