//! Email outputs (being written).
