//! Typesetting (being written).
