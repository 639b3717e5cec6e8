//! kirje's delivery: an edition, already rendered and personalised, to every
//! recipient on a list exactly once, through an SMTP relay.
//!
//! - [`prepare`]: the edition rendered once per language (kirje-email)
//!   and every recipient's message built from it; the content hash a run's
//!   journal is bound to.
//! - [`policy`]: the pace, cap and connections of a run, from what was
//!   asked, `kirje.toml` and kirje's defaults.
//! - [`recipients`]: the list (`recipients.csv`) and the suppression list,
//!   checked as a whole with every problem's line.
//! - [`personalise`]: merge fields and the unsubscribe link filled into the
//!   rendered HTML and text; Message-ID and `List-Unsubscribe` per recipient.
//!   Nothing is rendered there: [`prepare`] hands over kirje-email's output.
//! - [`journal`]: the per-edition SQLite journal that makes a run resumable
//!   and keeps a resume from sending anyone a second copy.
//! - [`dkim`]: DKIM signing of each personalised message.
//! - [`smtp`]: which server and how securely, and one delivery at a time
//!   with every failure classified.
//! - [`pace`]: rate, slowing down, hourly cap.
//! - [`deliver`](mod@deliver): the run itself.
//!
//! The crate never reads the clock or the environment: the CLI passes the
//! time ([`deliver::Clock`]), the password and the Ctrl-C flag in.

pub mod deliver;
pub mod dkim;
pub mod journal;
pub mod pace;
pub mod personalise;
pub mod policy;
pub mod prepare;
pub mod recipients;
pub mod smtp;
mod text;

pub use deliver::{Clock, Event, Job, Jobs, Options, Run, Stop, deliver};
pub use dkim::{Dkim, DkimError};
pub use journal::{Binding, Journal, JournalError, State, journal_path};
pub use lettre::{Address, Message};
pub use pace::Rate;
pub use policy::{Asked, Policy};
pub use prepare::{BuildError, MessageError, Prepared, PreparedJobs};
pub use recipients::{Recipient, parse_recipients, parse_suppressions};
pub use smtp::{Connector, Mailer, Outcome, Password, Security, Server, Session};
