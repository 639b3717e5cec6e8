//! Contains extra syntax definitions
//!
//! kirje's vendored copy: the syntax definitions are left out (0.9 MB of
//! the browser bundle). kirje sets code blocks as plain monospace text and
//! never asks Typst to highlight a language, so both sets are empty; Typst
//! then sets any `raw` block without highlighting. See vendor/README.md.

use syntect::parsing::{SyntaxSet, SyntaxSetBuilder};

/// An empty set (kirje's vendored copy; upstream loads 200+ definitions).
pub fn extra_no_newlines() -> SyntaxSet {
    SyntaxSetBuilder::new().build()
}

/// An empty set (kirje's vendored copy; upstream loads 200+ definitions).
pub fn extra_newlines() -> SyntaxSet {
    SyntaxSetBuilder::new().build()
}
