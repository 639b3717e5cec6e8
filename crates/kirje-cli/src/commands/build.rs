//! `kirje build DIR`: check, render every output in memory, then write them
//! all into `DIR/dist` (or `-o OUT`). A project with errors writes nothing.

use crate::outcome::Outcome;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use kirje_core::{Diagnostic, Lang};

use crate::report::Format;
use crate::text;

/// Build the newsletter and slides into DIR/dist.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where to write (default: DIR/dist).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The edition's id; the newest by default.
    #[arg(long, short)]
    pub edition: Option<String>,
    /// Only these outputs (comma-separated): pdf, slides, email, web, ics.
    #[arg(long, value_delimiter = ',', value_enum)]
    pub only: Vec<Output>,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write the exact Typst sources and JSON compiled into OUT/typst/
    /// (for the standalone typst CLI).
    #[arg(long)]
    pub emit_typst: bool,
    /// Stop with an error when typesetting takes longer than this (seconds).
    #[arg(long, default_value_t = DEFAULT_TIME_LIMIT, value_name = "SECONDS")]
    pub time_limit: u64,
}

/// Seconds typesetting may take before `build` and `watch` give up.
pub const DEFAULT_TIME_LIMIT: u64 = 120;

/// An output kind for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// newsletter.pdf
    #[value(alias = "newsletter")]
    Pdf,
    /// slides.pdf (and slides.pdfpc, the speaker notes, when there are any)
    Slides,
    /// email.html, email.txt, email.eml
    Email,
    /// web/: the archive of editions, its feed and calendar
    Web,
    /// events.ics
    Ics,
}

pub use kirje_session::Rendered;

/// The outputs `--only` names (all when it names none).
pub fn selection(only: &[Output]) -> kirje_session::Outputs {
    if only.is_empty() {
        return kirje_session::Outputs::ALL;
    }
    kirje_session::Outputs {
        newsletter: only.contains(&Output::Pdf),
        slides: only.contains(&Output::Slides),
        email: only.contains(&Output::Email),
        web: only.contains(&Output::Web),
        ics: only.contains(&Output::Ics),
    }
}

/// The Typst sources and View JSON that `render` compiled, under `typst/`,
/// laid out for the standalone typst CLI, with a README of the commands.
pub fn emitted_typst(
    session: &mut kirje_session::Session,
    edition: Option<&str>,
    lang: Lang,
) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let sources = kirje_typst::standalone_sources(session.files());
    let checked = session.check();
    let Some(loaded) = checked.loaded.as_ref() else {
        return Err(checked.diagnostics.clone());
    };
    let Some(ed) = loaded.edition(edition) else {
        return Err(vec![]);
    };
    let mut out: Vec<Rendered> = sources
        .into_iter()
        .map(|(path, bytes)| Rendered {
            path: format!("typst/{path}"),
            bytes: bytes.into(),
        })
        .collect();
    let langs = &loaded.settings.languages;
    for (i, l) in langs.iter().enumerate() {
        let view = kirje_core::view::view(loaded, ed, *l);
        let name = if i == 0 {
            "view.json".to_owned()
        } else {
            format!("view.{}.json", l.code())
        };
        out.push(Rendered {
            path: format!("typst/{name}"),
            bytes: kirje_typst::view_json(&view).map_err(|e| vec![*e])?.into(),
        });
    }
    out.push(Rendered {
        path: "typst/README.txt".to_owned(),
        bytes: text::emitted_readme(lang, langs.get(1..).unwrap_or_default())
            .into_bytes()
            .into(),
    });
    Ok(out)
}

/// Ends the process with an error (exit 2) when `limit` passes before the
/// returned guard is dropped. Typst cannot be interrupted, so a template that loops
/// forever is stopped this way; nothing has been written yet when it fires.
pub fn watchdog(limit: std::time::Duration, lang: Lang) -> std::sync::mpsc::Sender<()> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(limit) {
            eprintln!(
                "{}: {}",
                text::error_word(lang),
                text::time_limit(lang, limit.as_secs())
            );
            std::process::exit(Outcome::Failed.code().into());
        }
    });
    tx
}

/// Writes every file atomically: each goes to a temporary name in the
/// output folder and is renamed into place only after all were rendered.
pub fn write_all(out_dir: &Path, files: &[Rendered]) -> anyhow::Result<()> {
    fs::create_dir_all(out_dir).with_context(|| out_dir.display().to_string())?;
    let mut staged = Vec::new();
    for f in files {
        let target = out_dir.join(&f.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
        }
        let tmp = target.with_file_name(format!(
            ".{}.kirje-tmp",
            target
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        fs::write(&tmp, &f.bytes).with_context(|| tmp.display().to_string())?;
        staged.push((tmp, target));
    }
    for (tmp, target) in staged {
        fs::rename(&tmp, &target).with_context(|| target.display().to_string())?;
    }
    Ok(())
}

/// Runs the command.
pub fn run(args: Args, lang: Lang) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut session = super::open(&args.dir, lang)?;
    if session.check().has_errors() {
        let diags = session.check().diagnostics.clone();
        super::print(&session, &diags, lang, args.format, None)?;
        return Ok(Outcome::Problems);
    }
    if let (Some(id), Some(l)) = (&args.edition, &session.check().loaded)
        && l.edition(Some(id)).is_none()
    {
        eprintln!("{}: {}", text::error_word(lang), text::no_edition(lang, id));
        // A command line naming an edition the project lacks: usage.
        return Ok(Outcome::Failed);
    }
    let edition = args.edition.as_deref();
    let guard = watchdog(std::time::Duration::from_secs(args.time_limit), lang);
    let rendered =
        session
            .render(edition, selection(&args.only))
            .and_then(|(mut files, warnings)| {
                if args.emit_typst {
                    files.extend(emitted_typst(&mut session, edition, lang)?);
                }
                Ok((files, warnings))
            });
    drop(guard);
    let (files, warnings) = match rendered {
        Ok(r) => r,
        Err(errors) => {
            super::print(&session, &errors, lang, args.format, None)?;
            return Ok(Outcome::Problems);
        }
    };
    let mut all_warnings = session.check().diagnostics.clone();
    all_warnings.extend(session.render_warnings(edition, false));
    all_warnings.extend(warnings);
    let out_dir = args.output.unwrap_or_else(|| args.dir.join("dist"));
    write_all(&out_dir, &files)?;
    let ms = started.elapsed().as_millis();
    let summary = text::built(lang, files.len(), &out_dir.display().to_string(), ms);
    super::print(&session, &all_warnings, lang, args.format, Some(&summary))?;
    Ok(Outcome::Done)
}

#[cfg(test)]
#[path = "../../../../tests/support/example.rs"]
mod support;

#[cfg(test)]
mod tests {
    use super::*;
    use support::copy_dir;

    fn pdfs(dir: &Path, session: &mut kirje_session::Session) -> Vec<Rendered> {
        let files = crate::project_io::read_project(dir, Lang::En).expect("reads");
        session.replace_files(files);
        let (out, _) = session
            .render(None, selection(&[Output::Pdf]))
            .expect("renders");
        out
    }

    fn bytes<'a>(out: &'a [Rendered], path: &str) -> &'a [u8] {
        &out.iter().find(|r| r.path == path).expect(path).bytes
    }

    /// `watch` reuses a document only while nothing it reads has changed.
    #[test]
    fn the_session_reuses_only_unchanged_documents() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("lumo");
        copy_dir(
            &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo"),
            &dir,
        );
        let mut session = super::super::new_session();
        let first = pdfs(&dir, &mut session);
        assert_eq!(session.typeset_count(), 3);

        // A Finnish title: the Finnish newsletter is made again, the Swedish
        // and English ones come from memory unchanged.
        let edition = dir.join("editions/2021-05.yaml");
        let text = fs::read_to_string(&edition).expect("edition");
        let changed = text.replacen(
            "fi: LUMOn yhteinen tapahtumakalenteri on avattu",
            "fi: Muokattu otsikko",
            1,
        );
        assert_ne!(text, changed);
        fs::write(&edition, changed).expect("write");
        let second = pdfs(&dir, &mut session);
        assert_eq!(session.typeset_count(), 4);
        assert_ne!(
            bytes(&first, "newsletter.pdf"),
            bytes(&second, "newsletter.pdf")
        );
        assert_eq!(
            bytes(&first, "newsletter.sv.pdf"),
            bytes(&second, "newsletter.sv.pdf")
        );

        // A changed image: every document is made again.
        let logo = dir.join("assets/lumo-logo.svg");
        let mut svg = fs::read_to_string(&logo).expect("logo");
        svg.push_str("<!-- changed -->\n");
        fs::write(&logo, svg).expect("write");
        pdfs(&dir, &mut session);
        assert_eq!(session.typeset_count(), 7);
    }
}
