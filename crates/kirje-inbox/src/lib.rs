//! Returned mail from the sender's mailbox: bounces, complaints,
//! unsubscribe requests and automatic replies, classified
//! ([`classify`]) and acted on: permanent failures, complaints and
//! proven unsubscribe requests go into the suppression list
//! ([`suppress`]), so the next `kirje send` skips them.
//!
//! Messages come from a folder of `.eml` files, a Maildir or an mbox file
//! ([`read`]). Nothing here deletes mail or stores a message body.

pub mod classify;
pub mod imap;
pub mod plan;
pub mod read;
pub mod store;
pub mod suppress;

pub use classify::{Known, Proof, Verdict, Why, classify};
pub use plan::{Counts, Look, Plan, Settings, plan};
pub use store::{Store, StoreError, store_path};
