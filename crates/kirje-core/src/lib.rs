//! kirje's domain: the project format, loading with source spans, checks,
//! locale formatting, Markdown conversion and the View.
//!
//! The pipeline: the caller reads a project folder into [`source::Files`];
//! [`load::load`] types it into the [`model`]; [`check::check`] reports
//! every problem as a [`diagnostic::Diagnostic`]; [`view::view`] turns one
//! edition into a [`view::View`] in which every string is final. This crate
//! never touches the file system, the clock or the network.
pub mod check;
pub mod dates;
pub mod delivery;
pub mod diagnostic;
pub mod email_addr;
pub mod funders;
pub mod labels;
pub mod lang;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod merge;
pub mod messages;
pub mod model;
pub mod phone;
pub mod reading;
pub mod schema;
pub mod source;
pub mod values;
pub mod view;
mod yaml_layout;
mod years;

pub use diagnostic::{Diagnostic, EuOutput, Msg, Severity, Warned};
pub use lang::Lang;
pub use source::Files;
