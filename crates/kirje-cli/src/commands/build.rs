//! `kirje build DIR`: check, render every output in memory, then write them
//! all into `DIR/dist` (or `-o OUT`). A project with errors writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use kirje_core::{Diagnostic, Lang};
use kirje_typst::{Engine, Kind};

use crate::report::{self, Format};
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

/// A rendered file, not yet written.
pub struct Rendered {
    /// Path relative to the output folder.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// A typeset document: the PDF and, for slides with speaker notes, the
/// pdfpc file of the notes.
#[derive(Clone)]
struct Document {
    pdf: Vec<u8>,
    notes: Option<Vec<u8>>,
}

/// A document's last PDF: the hash of what went in, the files, the warnings.
type Remembered = (u64, Document, Vec<Diagnostic>);

/// The PDFs of the last build by file, for `watch`: a document whose View
/// and project files did not change is neither compiled nor exported again
/// (exporting a PDF/UA document costs more than recompiling it warm).
#[derive(Default)]
pub struct Memo(std::sync::Mutex<std::collections::HashMap<String, Remembered>>);

/// Everything `build` makes, in memory, with warnings; or every error.
pub fn render(
    checked: &super::Checked,
    engine: &Engine,
    edition: Option<&str>,
    only: &[Output],
    memo: Option<&Memo>,
) -> Result<(Vec<Rendered>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Some(loaded) = checked.loaded.as_ref() else {
        return Err(checked.diagnostics.clone());
    };
    let Some(ed) = loaded.edition(edition) else {
        return Err(vec![]);
    };
    let wants = |o: Output| only.is_empty() || only.contains(&o);
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    // Every (edition, language, document) to typeset, in the order the
    // files are listed: the chosen edition's newsletter and slides, then
    // each edition's newsletter in each language for the web archive.
    let mut jobs: Vec<Job> = Vec::new();
    for (i, lang) in loaded.settings.languages.iter().enumerate() {
        let suffix = if i == 0 {
            String::new()
        } else {
            format!(".{}", lang.code())
        };
        for (kind, output, name) in [
            (Kind::Newsletter, Output::Pdf, "newsletter"),
            (Kind::Slides, Output::Slides, "slides"),
        ] {
            if wants(output) {
                jobs.push((ed, *lang, kind, vec![format!("{name}{suffix}.pdf")]));
            }
        }
    }
    if wants(Output::Web) {
        for edition in &loaded.editions {
            for lang in &loaded.settings.languages {
                let view = kirje_core::view::view(loaded, edition, *lang);
                let path = kirje_email::newsletter_pdf_path(&view);
                // The chosen edition's newsletter is typeset once for both.
                match jobs
                    .iter_mut()
                    .find(|(e, l, k, _)| e.id == edition.id && l == lang && *k == Kind::Newsletter)
                {
                    Some(job) => job.3.push(path),
                    None => jobs.push((edition, *lang, Kind::Newsletter, vec![path])),
                }
            }
        }
    }
    for (job, result) in jobs
        .iter()
        .zip(compile_all(engine, checked, loaded, &jobs, memo))
    {
        match result {
            Ok((doc, w)) => {
                warnings.extend(w);
                for path in &job.3 {
                    out.push(Rendered {
                        path: path.clone(),
                        bytes: doc.pdf.clone(),
                    });
                    // pdfpc finds the notes of `slides.pdf` in `slides.pdfpc`.
                    if let (Some(notes), Some(stem)) = (&doc.notes, path.strip_suffix(".pdf")) {
                        out.push(Rendered {
                            path: format!("{stem}.pdfpc"),
                            bytes: notes.clone(),
                        });
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    let selection = kirje_email::Selection {
        email: wants(Output::Email),
        web: wants(Output::Web),
        ics: wants(Output::Ics),
    };
    if selection.email || selection.web || selection.ics {
        let options = kirje_email::Options {
            only: selection,
            edition: Some(ed.id.clone()),
        };
        match kirje_email::outputs(loaded, &checked.files, &options, crate::raster()) {
            Ok(files) => out.extend(files.into_iter().map(|f| Rendered {
                path: f.path,
                bytes: f.bytes,
            })),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok((out, warnings))
    } else {
        errors.dedup();
        Err(errors)
    }
}

type Compiled = Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>>;

/// A document to typeset: which edition, language and kind, and the files
/// (relative to the output folder) it is written to.
type Job<'a> = (&'a kirje_core::load::LoadedEdition, Lang, Kind, Vec<String>);

/// Compiles and exports each job's PDF, one thread per document (at most
/// two documents in three languages; Typst's caches are shared and
/// thread-safe). The results come back in the order of `jobs`.
fn compile_all(
    engine: &Engine,
    checked: &super::Checked,
    loaded: &kirje_core::load::Loaded,
    jobs: &[Job<'_>],
    memo: Option<&Memo>,
) -> Vec<Compiled> {
    use std::hash::{Hash, Hasher};
    // What every document reads besides its View: images and templates.
    let files_hash = memo.map(|_| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (path, entry) in checked.files.iter() {
            if let kirje_core::source::FileEntry::Data(bytes) = entry
                && (path.starts_with("assets/") || path.starts_with("templates/"))
            {
                path.hash(&mut h);
                bytes.hash(&mut h);
            }
        }
        h.finish()
    });
    let one = |(ed, lang, kind, paths): &Job<'_>| -> Compiled {
        let path = paths.first().cloned().unwrap_or_default();
        let view = kirje_core::view::view(loaded, ed, *lang);
        let key = match (memo, files_hash) {
            (Some(_), Some(files)) => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                files.hash(&mut h);
                kind.template().hash(&mut h);
                kirje_typst::view_json(&view)
                    .map_err(|e| vec![*e])?
                    .hash(&mut h);
                Some(h.finish())
            }
            _ => None,
        };
        if let (Some(m), Some(key)) = (memo, key)
            && let Ok(last) = m.0.lock()
            && let Some((k, bytes, warnings)) = last.get(&path)
            && *k == key
        {
            return Ok((bytes.clone(), warnings.clone()));
        }
        let w = engine.compile(*kind, &view, &checked.files)?;
        let doc = Document {
            pdf: w.output.pdf()?,
            notes: w.output.pdfpc().map(String::into_bytes),
        };
        if let (Some(m), Some(key)) = (memo, key)
            && let Ok(mut last) = m.0.lock()
        {
            last.insert(path, (key, doc.clone(), w.warnings.clone()));
        }
        Ok((doc, w.warnings))
    };
    // A thread per document up to the cores there are (a web archive of
    // many editions is many documents); each takes the next job left.
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8)
        .min(jobs.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Compiled>> = (0..jobs.len()).map(|_| None).collect();
    let done: Vec<Vec<(usize, Compiled)>> = std::thread::scope(|scope| {
        let running: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        mine.push((i, one(job)));
                    }
                    mine
                })
            })
            .collect();
        running
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results.into_iter().flatten().collect()
}

/// The Typst sources and View JSON that `render` compiled, under `typst/`,
/// laid out for the standalone typst CLI, with a README of the commands.
pub fn emitted_typst(
    checked: &super::Checked,
    edition: Option<&str>,
    lang: Lang,
) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let Some(loaded) = checked.loaded.as_ref() else {
        return Err(checked.diagnostics.clone());
    };
    let Some(ed) = loaded.edition(edition) else {
        return Err(vec![]);
    };
    let mut out: Vec<Rendered> = kirje_typst::standalone_sources(&checked.files)
        .into_iter()
        .map(|(path, bytes)| Rendered {
            path: format!("typst/{path}"),
            bytes,
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
            bytes: kirje_typst::view_json(&view).map_err(|e| vec![*e])?,
        });
    }
    out.push(Rendered {
        path: "typst/README.txt".to_owned(),
        bytes: text::emitted_readme(lang, langs.get(1..).unwrap_or_default()).into_bytes(),
    });
    Ok(out)
}

/// Ends the process with an error when `limit` passes before the returned
/// guard is dropped. Typst cannot be interrupted, so a template that loops
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
            std::process::exit(1);
        }
    });
    tx
}

/// The texts of the templates that render errors point into: the
/// project's own, or kirje's built-in ones.
pub fn template_texts(
    checked: &super::Checked,
    errors: &[Diagnostic],
) -> std::collections::BTreeMap<String, String> {
    let mut texts = checked.texts.clone();
    for d in errors {
        let text = checked
            .files
            .bytes(&d.file)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .or_else(|| {
                kirje_typst::TEMPLATES
                    .iter()
                    .find(|t| t.path == d.file)
                    .map(|t| t.text.to_owned())
            });
        if let Some(t) = text {
            texts.insert(d.file.clone(), t);
        }
    }
    texts
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
pub fn run(args: Args, lang: Lang) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let checked = super::load_and_check(&args.dir, lang)?;
    let sources = checked.sources();
    if checked.has_errors() {
        return checked.stop_on(&checked.diagnostics, lang, args.format);
    }
    if let (Some(id), Some(l)) = (&args.edition, &checked.loaded)
        && l.edition(Some(id)).is_none()
    {
        eprintln!("{}: {}", text::error_word(lang), text::no_edition(lang, id));
        return Ok(ExitCode::from(1));
    }
    let engine = Engine::new();
    let guard = watchdog(std::time::Duration::from_secs(args.time_limit), lang);
    let rendered = render(&checked, &engine, args.edition.as_deref(), &args.only, None).and_then(
        |(mut files, warnings)| {
            if args.emit_typst {
                files.extend(emitted_typst(&checked, args.edition.as_deref(), lang)?);
            }
            Ok((files, warnings))
        },
    );
    drop(guard);
    let (files, warnings) = match rendered {
        Ok(r) => r,
        Err(errors) => {
            let texts = template_texts(&checked, &errors);
            report::print(&errors, sources, &texts, lang, args.format, None)?;
            return Ok(ExitCode::from(1));
        }
    };
    let mut all_warnings = checked.diagnostics.clone();
    all_warnings.extend(super::render_warnings(
        &checked,
        &engine,
        args.edition.as_deref(),
        false,
    ));
    all_warnings.extend(warnings);
    let out_dir = args.output.unwrap_or_else(|| args.dir.join("dist"));
    write_all(&out_dir, &files)?;
    let ms = started.elapsed().as_millis();
    let summary = text::built(lang, files.len(), &out_dir.display().to_string(), ms);
    report::print(
        &all_warnings,
        sources,
        &checked.texts,
        lang,
        args.format,
        Some(&summary),
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
#[path = "../../../../tests/support/example.rs"]
mod support;

#[cfg(test)]
mod tests {
    use super::*;
    use support::copy_dir;

    fn pdfs(dir: &Path, engine: &Engine, memo: &Memo) -> Vec<Rendered> {
        let checked = super::super::load_and_check(dir, Lang::En).expect("reads");
        let (out, _) = render(&checked, engine, None, &[Output::Pdf], Some(memo)).expect("renders");
        out
    }

    fn bytes<'a>(out: &'a [Rendered], path: &str) -> &'a [u8] {
        &out.iter().find(|r| r.path == path).expect(path).bytes
    }

    /// `watch` reuses a document only while nothing it reads has changed.
    #[test]
    fn memo_reuses_only_unchanged_documents() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("lumo");
        copy_dir(
            &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/lumo"),
            &dir,
        );
        let engine = Engine::new();
        let memo = Memo::default();
        let first = pdfs(&dir, &engine, &memo);
        let key = |path: &str| memo.0.lock().expect("memo").get(path).map(|r| r.0);
        let (fi_key, sv_key) = (key("newsletter.pdf"), key("newsletter.sv.pdf"));

        // A Finnish title: the Finnish newsletter is made again, the Swedish
        // one comes from the memo unchanged.
        let edition = dir.join("editions/2021-05.yaml");
        let text = fs::read_to_string(&edition).expect("edition");
        let changed = text.replacen(
            "fi: LUMOn yhteinen tapahtumakalenteri on avattu",
            "fi: Muokattu otsikko",
            1,
        );
        assert_ne!(text, changed);
        fs::write(&edition, changed).expect("write");
        let second = pdfs(&dir, &engine, &memo);
        assert_ne!(
            bytes(&first, "newsletter.pdf"),
            bytes(&second, "newsletter.pdf")
        );
        assert_ne!(key("newsletter.pdf"), fi_key);
        assert_eq!(key("newsletter.sv.pdf"), sv_key);
        assert_eq!(
            bytes(&first, "newsletter.sv.pdf"),
            bytes(&second, "newsletter.sv.pdf")
        );

        // A changed image: every document's key changes.
        let logo = dir.join("assets/lumo-logo.svg");
        let mut svg = fs::read_to_string(&logo).expect("logo");
        svg.push_str("<!-- changed -->\n");
        fs::write(&logo, svg).expect("write");
        pdfs(&dir, &engine, &memo);
        assert_ne!(key("newsletter.sv.pdf"), sv_key);
    }
}
