//! A fuzz input as a project: the bytes split at each `\0\x01` into
//! `kirje.toml`, `project.yaml` and one edition, so the fuzzer can change
//! each file, and the seeds in `corpus/` are the examples joined that way.

use kirje_core::Files;

/// The files of one fuzz input.
pub fn files(data: &[u8]) -> Files {
    let mut parts = data.split_inner(b"\0\x01");
    let mut files = Files::new();
    for name in ["kirje.toml", "project.yaml", "editions/2021-05.yaml"] {
        if let Some(part) = parts.next() {
            files.insert(name.to_owned(), part.to_vec());
        }
    }
    files
}

/// Splitting a byte slice at a two-byte separator.
trait SplitInner {
    fn split_inner<'a>(&'a self, sep: &'a [u8]) -> Box<dyn Iterator<Item = &'a [u8]> + 'a>;
}

impl SplitInner for [u8] {
    fn split_inner<'a>(&'a self, sep: &'a [u8]) -> Box<dyn Iterator<Item = &'a [u8]> + 'a> {
        let mut rest = Some(self);
        Box::new(std::iter::from_fn(move || {
            let r = rest?;
            match r.windows(sep.len()).position(|w| w == sep) {
                Some(i) => {
                    rest = Some(&r[i + sep.len()..]);
                    Some(&r[..i])
                }
                None => {
                    rest = None;
                    Some(r)
                }
            }
        }))
    }
}
