//! The three languages kirje writes: Finnish first, then Swedish and English.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language of the outputs and of the messages.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Finnish (suomi), the default.
    Fi,
    /// Swedish as written in Finland (svenska).
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language, Finnish first.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code: `fi`, `sv`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses `fi`, `sv` or `en` (any case).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Reads a POSIX locale such as `sv_FI.UTF-8` or `en_GB` (the value of
    /// `LANG` or `LC_MESSAGES`); `None` for `C`, `POSIX` and other languages.
    pub fn from_posix_locale(locale: &str) -> Option<Lang> {
        let lang = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default();
        Lang::from_code(lang)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_locales() {
        assert_eq!(Lang::from_posix_locale("sv_FI.UTF-8"), Some(Lang::Sv));
        assert_eq!(Lang::from_posix_locale("fi"), Some(Lang::Fi));
        assert_eq!(Lang::from_posix_locale("en_GB.utf8"), Some(Lang::En));
        assert_eq!(Lang::from_posix_locale("C"), None);
        assert_eq!(Lang::from_posix_locale("de_DE"), None);
    }
}
