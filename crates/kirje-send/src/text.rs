//! Choosing the reader's language for a message written three times.

use kirje_core::Lang;

/// The Finnish, Swedish or English version.
pub fn say(l: Lang, fi: String, sv: String, en: String) -> String {
    match l {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    }
}
