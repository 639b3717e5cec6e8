//! How a run ended, as the exit code a script reads:
//!
//! - 0: done (warnings allowed);
//! - 1: the project or the recipient list has errors, or a send ended with
//!   recipients failed, deferred or not yet sent;
//! - 2: kirje could not do its work: usage, reading or writing files, the
//!   network, the SMTP connection or login, the time limit.
//!
//! When both 1 and 2 apply, 2 wins ([`Outcome::and`]).

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything asked for was done.
    Done,
    /// The project or the list has errors, or recipients were not reached.
    Problems,
    /// kirje could not do its work.
    Failed,
}

impl Outcome {
    /// The exit code's number.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Problems => 1,
            Outcome::Failed => 2,
        }
    }

    /// Both outcomes at once: the graver one.
    pub fn and(self, other: Outcome) -> Outcome {
        self.max(other)
    }
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> ExitCode {
        ExitCode::from(o.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graver_outcome_wins() {
        assert_eq!(Outcome::Problems.and(Outcome::Failed), Outcome::Failed);
        assert_eq!(Outcome::Failed.and(Outcome::Done), Outcome::Failed);
        assert_eq!(Outcome::Done.and(Outcome::Problems), Outcome::Problems);
        assert_eq!(
            [Outcome::Done, Outcome::Problems, Outcome::Failed].map(Outcome::code),
            [0, 1, 2]
        );
    }
}
