//! Printing diagnostics: miette's graphical report on a terminal, the same
//! without colour when piped or when `NO_COLOR` is set, JSON on request.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use kirje_core::source::Source;
use kirje_core::{Diagnostic, Lang, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

/// How to print diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Readable text with the source line (colour on a terminal).
    #[default]
    Human,
    /// One JSON document on stdout.
    Json,
}

static VERBOSE: AtomicBool = AtomicBool::new(false);

/// `--verbose`: show the parsers' own words beside kirje's messages.
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, Ordering::Relaxed);
}

/// A diagnostic's report, with the parser's words when `--verbose` asked.
fn report_of(d: &Diagnostic, lang: Lang, text: Option<&str>) -> kirje_core::diagnostic::Report {
    let mut report = d.to_report(lang, text);
    if VERBOSE.load(Ordering::Relaxed) {
        report.detail.clone_from(&d.detail);
    }
    report
}

/// Whether an error is a closed pipe (`kirje view … | head`), which is no error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[derive(Debug)]
struct Shown {
    message: String,
    severity: miette::Severity,
    source: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<_>)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn std::fmt::Display>)
    }
}

fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Renders one diagnostic as text, with its file:line:col and source line.
pub fn render(
    d: &Diagnostic,
    sources: &BTreeMap<String, Source>,
    texts: &BTreeMap<String, String>,
    lang: Lang,
    colour: bool,
) -> String {
    let text = sources
        .get(&d.file)
        .map(|s| s.text.clone())
        .or_else(|| texts.get(&d.file).cloned());
    let report = report_of(d, lang, text.as_deref());
    // The line shown under a password written into the SMTP address must
    // not show the password.
    let text = match (&d.message, &d.span, text) {
        (kirje_core::Msg::SmtpPassword, Some(span), Some(t)) => Some(mask_password(&t, span)),
        (_, _, t) => t,
    };
    let mut hints = report.hints.clone();
    if let Some(detail) = &report.detail {
        hints.push(format!("({detail})"));
    }
    let (source, labels) = match (&d.span, text) {
        (Some(span), Some(text)) => {
            let span = span.start.min(text.len())
                ..span.end.min(text.len()).max(span.start.min(text.len()));
            (
                Some(NamedSource::new(&d.file, text).with_language("yaml")),
                vec![LabeledSpan::new_with_span(None, span)],
            )
        }
        _ => {
            // No source to show: name the place in the message itself.
            hints.insert(0, d.file.clone());
            (None, vec![])
        }
    };
    let shown = Shown {
        message: match (report.line, report.column) {
            (Some(l), Some(c)) if !colour => format!("{}:{l}:{c}: {}", d.file, report.message),
            _ => report.message.clone(),
        },
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        source,
        labels,
        help: (!hints.is_empty()).then(|| hints.join("\n")),
    };
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    if handler.render_report(&mut out, &shown).is_err() {
        out = format!("{}: {}\n", d.file, report.message);
    }
    out
}

/// `text` with the password of the `scheme://user:password@host` inside
/// `span` replaced by `*`, byte for byte, so that offsets stay valid.
fn mask_password(text: &str, span: &std::ops::Range<usize>) -> String {
    let Some(value) = text.get(span.clone()) else {
        return text.to_owned();
    };
    let Some(start) = value.find("://").map(|i| i + 3) else {
        return text.to_owned();
    };
    let rest = &value[start..];
    let userinfo_end = rest.find(['/', '?', '#', '"']).unwrap_or(rest.len());
    let Some(at) = rest[..userinfo_end].rfind('@') else {
        return text.to_owned();
    };
    let Some(colon) = rest[..at].find(':') else {
        return text.to_owned();
    };
    let from = span.start + start + colon + 1;
    let to = span.start + start + at;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..from]);
    out.extend(std::iter::repeat_n('*', to - from));
    out.push_str(&text[to..]);
    out
}

#[derive(Serialize)]
struct JsonOut<'a> {
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<kirje_core::diagnostic::Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
}

/// Prints diagnostics in the chosen format. Human output goes to stderr,
/// JSON to stdout.
pub fn print(
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Source>,
    texts: &BTreeMap<String, String>,
    lang: Lang,
    format: Format,
    summary: Option<&str>,
) -> anyhow::Result<()> {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match format {
        Format::Json => {
            let out = JsonOut {
                ok: errors == 0,
                errors,
                warnings,
                diagnostics: diags
                    .iter()
                    .map(|d| {
                        let text = sources
                            .get(&d.file)
                            .map(|s| s.text.as_str())
                            .or_else(|| texts.get(&d.file).map(String::as_str));
                        report_of(d, lang, text)
                    })
                    .collect(),
                summary,
            };
            let mut stdout = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut stdout, &out)?;
            writeln!(stdout)?;
        }
        Format::Human => {
            let colour = use_colour();
            let mut stderr = std::io::stderr().lock();
            for d in diags {
                write!(stderr, "{}", render(d, sources, texts, lang, colour))?;
            }
            if let Some(s) = summary {
                writeln!(stderr, "{s}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_smtp_address_is_not_shown() {
        let text = "[smtp]\nurl = \"smtp://maija:sälasana@mail.example.fi\"\n";
        let start = text.find("\"smtp").expect("value");
        let span = start..text.len() - 1;
        let masked = mask_password(text, &span);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("sälasana"), "{masked}");
        assert!(
            masked.contains("smtp://maija:*********@mail.example.fi"),
            "{masked}"
        );
    }
}
