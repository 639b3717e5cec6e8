//! The funders our users have, as kirje knows them: the ministry's state
//! grant and ESR+, each with its name and the statement its rules require in
//! Finnish, Swedish and English, and the EU emblem that ESR+ requires.
//!
//! The emblem is our own code, drawn from the construction the EU publishes
//! (the "Geometrical description" of the European flag): a blue rectangle
//! one and a half times as wide as it is high, twelve gold five-pointed
//! stars standing upright like the hours of a clock on an invisible circle
//! whose radius is a third of the height, each star's points on a circle of
//! radius one eighteenth of the height. A file from a designer could be
//! wrong or missing; these twenty lines cannot drift from the rule, and the
//! same SVG serves the PDFs, the email (as PNG) and the web page.

use std::sync::LazyLock;

use crate::diagnostic::{Diagnostic, EuOutput, Msg};
use crate::model::FunderPreset;
use crate::source::{Files, join, join_index, locate};
use crate::view::View;
use crate::{Lang, labels};

/// Where the outputs find the EU emblem. Under `assets/` so the web archive
/// copies it and the Typst templates read it like any other image; a
/// project's own file at this path is not used.
pub const EU_EMBLEM_PATH: &str = "assets/kirje/eu-emblem.svg";

/// The EU's Reflex Blue and Yellow as the EU gives them for screens.
const EU_BLUE: &str = "#003399";
const EU_YELLOW: &str = "#FFCC00";

impl FunderPreset {
    /// The word a project file uses (`stm`, `esr+`).
    pub fn name(self) -> &'static str {
        match self {
            FunderPreset::Stm => "stm",
            FunderPreset::EsrPlus => "esr+",
        }
    }

    /// The funder's full name.
    pub fn full_name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FunderPreset::Stm, Lang::Fi) => "Sosiaali- ja terveysministeriö",
            (FunderPreset::Stm, Lang::Sv) => "Social- och hälsovårdsministeriet",
            (FunderPreset::Stm, Lang::En) => "Ministry of Social Affairs and Health",
            (FunderPreset::EsrPlus, Lang::Fi) => "Euroopan sosiaalirahasto plus",
            (FunderPreset::EsrPlus, Lang::Sv) => "Europeiska socialfonden plus",
            (FunderPreset::EsrPlus, Lang::En) => "European Social Fund Plus",
        }
    }

    /// The funder's short name.
    pub fn short_name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FunderPreset::Stm, Lang::Sv) => "SHM",
            (FunderPreset::Stm, _) => "STM",
            (FunderPreset::EsrPlus, Lang::Fi) => "ESR+",
            (FunderPreset::EsrPlus, _) => "ESF+",
        }
    }

    /// The statement the funder's rules require on every output.
    pub fn statement(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FunderPreset::Stm, Lang::Fi) => {
                "Hanke saa valtionavustusta sosiaali- ja terveysministeriöltä."
            }
            (FunderPreset::Stm, Lang::Sv) => {
                "Projektet får statsunderstöd från social- och hälsovårdsministeriet."
            }
            (FunderPreset::Stm, Lang::En) => {
                "The project receives a state grant from the Ministry of Social Affairs and Health."
            }
            (FunderPreset::EsrPlus, Lang::Fi) => "Euroopan unionin osarahoittama",
            (FunderPreset::EsrPlus, Lang::Sv) => "Medfinansieras av Europeiska unionen",
            (FunderPreset::EsrPlus, Lang::En) => "Co-funded by the European Union",
        }
    }

    /// The funder's web site.
    pub fn url(self) -> &'static str {
        match self {
            FunderPreset::Stm => "https://stm.fi",
            FunderPreset::EsrPlus => "https://rakennerahastot.fi",
        }
    }

    /// Whether every output must show the EU emblem.
    pub fn eu_emblem(self) -> bool {
        self == FunderPreset::EsrPlus
    }
}

/// The EU emblem as an SVG, 300 × 200 units.
pub fn eu_emblem_svg() -> &'static str {
    static SVG: LazyLock<String> = LazyLock::new(|| draw_eu_emblem(300.0));
    &SVG
}

/// A file kirje supplies itself at `path` (the EU emblem), for outputs that
/// read images by path.
pub fn builtin_file(path: &str) -> Option<&'static [u8]> {
    (path == EU_EMBLEM_PATH).then(|| eu_emblem_svg().as_bytes())
}

/// What an output shows where the EU's rule wants the emblem and the
/// statement (the first page of a PDF, the top of the email or web page).
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// Its text.
    pub text: String,
    /// The alternative texts of its images.
    pub image_alts: Vec<String>,
}

/// A warning when `view`'s project has an ESR+ funder and `shown` lacks
/// the EU emblem or its statement, pointing at the funder's `preset`.
/// Every output checks itself with this after it is made, so a project's
/// own template that leaves them out is named too.
pub fn eu_visibility(
    view: &View,
    files: &Files,
    output: EuOutput,
    shown: &Shown,
) -> Option<Diagnostic> {
    let (i, funder) = view
        .project
        .funders
        .iter()
        .enumerate()
        .find(|(_, f)| f.emblem.is_some())?;
    let alt = labels::labels(view.lang).eu_emblem;
    let emblem = !shown.image_alts.iter().any(|a| a == alt);
    let statement = funder
        .statement
        .as_deref()
        .is_none_or(|s| !says(&shown.text, s));
    if !emblem && !statement {
        return None;
    }
    let file = &view.deck.project_file;
    let span = locate(files, file, &join(&join_index("funders", i), "preset"));
    Some(Diagnostic::warning(
        file.clone(),
        span,
        Msg::EuVisibilityMissing {
            output,
            emblem,
            statement,
        },
    ))
}

/// Whether `said` contains `expected`, ignoring case, spaces and
/// punctuation ("Euroopan unionin osarahoittama." says it).
pub fn says(said: &str, expected: &str) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    letters(said).contains(&letters(expected))
}

/// Whether a funder's name looks like an EU fund (ESR+, ESF, EAKR, "the
/// European Union"): such a funder should say `preset: esr+`.
pub fn looks_eu(name: &str) -> bool {
    let lower = name.to_lowercase();
    const WORDS: [&str; 9] = [
        "esr", "esr+", "esf", "esf+", "eakr", "erdf", "eu", "jtf", "eu:n",
    ];
    const PHRASES: [&str; 6] = [
        "euroopan sosiaalirahasto",
        "european social fund",
        "europeiska socialfonden",
        "euroopan unioni",
        "european union",
        "europeiska unionen",
    ];
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == ':'))
        .any(|w| WORDS.contains(&w))
        || PHRASES.iter().any(|p| lower.contains(p))
}

fn draw_eu_emblem(width: f64) -> String {
    use std::f64::consts::PI;
    use std::fmt::Write;
    let height = width / 1.5;
    let (cx, cy) = (width / 2.0, height / 2.0);
    let ring = height / 3.0;
    let outer = height / 18.0;
    // A regular five-pointed star's inner corners lie on a circle
    // cos 72° / cos 36° of the outer one.
    let inner = outer * (2.0 * PI / 5.0).cos() / (PI / 5.0).cos();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\
         <rect width=\"{width}\" height=\"{height}\" fill=\"{EU_BLUE}\"/><g fill=\"{EU_YELLOW}\">"
    );
    for hour in 0..12 {
        let at = f64::from(hour) * PI / 6.0;
        let (sx, sy) = (cx + ring * at.sin(), cy - ring * at.cos());
        let mut d = String::new();
        for corner in 0..10 {
            // Upright: the first point straight up, whatever the hour.
            let a = f64::from(corner) * PI / 5.0;
            let r = if corner % 2 == 0 { outer } else { inner };
            let (x, y) = (sx + r * a.sin(), sy - r * a.cos());
            let _ = write!(d, "{}{x:.3} {y:.3}", if corner == 0 { "M" } else { "L" });
        }
        let _ = write!(svg, "<path d=\"{d}Z\"/>");
    }
    svg.push_str("</g></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(path: &str) -> Vec<f64> {
        path.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect()
    }

    #[test]
    fn the_emblem_follows_the_eu_construction() {
        let svg = eu_emblem_svg();
        assert!(svg.contains("width=\"300\" height=\"200\""), "3:2");
        assert!(svg.contains("#003399") && svg.contains("#FFCC00"));
        let stars: Vec<&str> = svg.split("<path d=\"").skip(1).collect();
        assert_eq!(stars.len(), 12);
        for (hour, star) in stars.iter().enumerate() {
            let n = numbers(star.split('"').next().unwrap_or_default());
            let points: Vec<(f64, f64)> = n.chunks(2).map(|p| (p[0], p[1])).collect();
            assert_eq!(points.len(), 10);
            // The star's centre is on the ring of radius h/3, at its hour.
            let cx = points.iter().map(|p| p.0).sum::<f64>() / 10.0;
            let cy = points.iter().map(|p| p.1).sum::<f64>() / 10.0;
            let a = hour as f64 * std::f64::consts::PI / 6.0;
            assert!((cx - (150.0 + 200.0 / 3.0 * a.sin())).abs() < 0.01);
            assert!((cy - (100.0 - 200.0 / 3.0 * a.cos())).abs() < 0.01);
            // Its points are h/18 from the centre, the first straight up.
            let r = ((points[0].0 - cx).powi(2) + (points[0].1 - cy).powi(2)).sqrt();
            assert!((r - 200.0 / 18.0).abs() < 0.01, "{r}");
            assert!((points[0].0 - cx).abs() < 0.01 && points[0].1 < cy);
        }
    }

    #[test]
    fn eu_funders_are_recognised_by_name() {
        for name in [
            "ESR+",
            "Euroopan sosiaalirahasto plus",
            "European Social Fund Plus (ESF+)",
            "EU:n rakennerahastot",
            "Medfinansierat av Europeiska unionen",
        ] {
            assert!(looks_eu(name), "{name}");
        }
        for name in [
            "Sosiaali- ja terveysministeriö",
            "STM",
            "Lapsen Oikeudet ry",
            "Euran kunta",
        ] {
            assert!(!looks_eu(name), "{name}");
        }
        assert!(says(
            "Euroopan unionin osarahoittama.",
            "Euroopan unionin osarahoittama"
        ));
        assert!(!says("EU-rahoitteinen", "Euroopan unionin osarahoittama"));
    }

    #[test]
    fn the_emblem_is_served_at_its_path_only() {
        assert!(builtin_file(EU_EMBLEM_PATH).is_some());
        assert!(builtin_file("assets/logo.svg").is_none());
    }
}
