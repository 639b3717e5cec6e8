//! The template registry: every file under `templates/email`, `text` and
//! `web` is compiled in; a project's file of the same name replaces it; a
//! broken template is reported at its file and line.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{EDITION, PROJECT, SETTINGS, loaded, project};
use kirje_core::Lang;
use kirje_core::view::view;
use kirje_email::{BUILTIN, Options, Templates, email_html, outputs};

fn files_under(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files_under(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).expect("prefix");
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_template_file_is_registered() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut on_disk = BTreeSet::new();
    for folder in ["email", "text", "web"] {
        files_under(&root, &root.join(folder), &mut on_disk);
    }
    let registered: BTreeSet<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(on_disk, registered);
    for (name, source) in BUILTIN {
        let disk = std::fs::read_to_string(root.join(name)).expect("read");
        assert_eq!(&disk, source, "{name} is the file's current text");
    }
}

/// The problems `outputs` reports (it must report some).
fn errors(l: &kirje_core::load::Loaded, files: &kirje_core::Files) -> Vec<kirje_core::Diagnostic> {
    match common::all_outputs(l, files) {
        Ok(_) => panic!("no error"),
        Err(e) => e,
    }
}

fn base() -> kirje_core::Files {
    project(SETTINGS, PROJECT, EDITION)
}

#[test]
fn a_project_template_replaces_the_builtin() {
    let mut files = base();
    files.insert(
        "templates/text/newsletter.txt",
        "OMA: {{ edition.title }} {{ labels.unsubscribe }} {{ page.unsubscribe_url }}\n",
    );
    let l = loaded(&files);
    let t = Templates::with_overrides(&files).expect("templates");
    assert!(t.is_overridden("text/newsletter.txt"));
    assert!(!t.is_overridden("email/newsletter.mjml"));
    let outs = common::all_outputs(&l, &files).expect("outputs");
    let txt = outs
        .iter()
        .find(|o| o.path == "email.txt")
        .expect("email.txt");
    assert_eq!(
        std::str::from_utf8(&txt.bytes).expect("utf-8"),
        "OMA: Otsikko äö Peru tilaus mailto:uutiset@example.org?subject=unsubscribe\n"
    );
}

#[test]
fn a_project_partial_replaces_one_section() {
    let mut files = base();
    files.insert(
        "templates/email/news.mjml",
        "<mj-section><mj-column><mj-text>OMAT UUTISET</mj-text></mj-column></mj-section>\n",
    );
    let l = loaded(&files);
    let t = Templates::with_overrides(&files).expect("templates");
    let v = view(&l, l.edition(None).expect("edition"), Lang::Fi);
    let html = email_html(&v, &t, &common::email_images(&v, &files)).expect("html");
    assert!(html.contains("OMAT UUTISET"));
    assert!(
        !html.contains("Uutinen"),
        "the built-in news section is gone"
    );
    assert!(html.contains("Kehittäjäryhmä"), "the other sections stay");
}

#[test]
fn an_undefined_name_is_an_error_at_its_line() {
    let mut files = base();
    files.insert(
        "templates/email/news.mjml",
        "<mj-section>\n<mj-column>\n<mj-text>{{ edition.no_such_field }}</mj-text>\n</mj-column></mj-section>\n",
    );
    let l = loaded(&files);
    let errors = errors(&l, &files);
    let d = &errors[0];
    assert_eq!(d.file, "templates/email/news.mjml");
    let r = d.to_report(Lang::En, Some("<mj-section>\n<mj-column>\n<mj-text>{{ edition.no_such_field }}</mj-text>\n</mj-column></mj-section>\n"));
    assert_eq!(r.line, Some(3), "{r:?}");
    assert_eq!(r.code, "syntax");
    assert!(r.message.contains("undefined"), "{}", r.message);
}

#[test]
fn a_syntax_error_is_reported_at_its_line() {
    let mut files = base();
    let text = "line one\n{% for x in %}\n";
    files.insert("templates/text/newsletter.txt", text);
    let l = loaded(&files);
    let errors = errors(&l, &files);
    let d = errors
        .iter()
        .find(|d| d.file == "templates/text/newsletter.txt")
        .expect("pointed at the file");
    let r = d.to_report(Lang::Fi, Some(text));
    assert_eq!(r.line, Some(2), "{r:?}");
}

#[test]
fn broken_mjml_is_reported_at_the_template_line() {
    let mut files = base();
    let text = "<mj-section>\n<mj-column>\n<mj-text>1 < 2</mj-text>\n</mj-column>\n</mj-section>\n";
    files.insert("templates/email/videos.mjml", text);
    let l = loaded(&files);
    let errors = errors(&l, &files);
    let d = &errors[0];
    assert_eq!(d.file, "templates/email/videos.mjml", "{d:?}");
    let r = d.to_report(Lang::En, Some(text));
    assert_eq!(r.line, Some(3), "{r:?}");
    assert!(r.message.starts_with("MJML"), "{}", r.message);
}

#[test]
fn no_sender_no_email() {
    let settings = SETTINGS
        .split("[sender]")
        .next()
        .expect("settings")
        .to_owned();
    let files = project(&settings, PROJECT, EDITION);
    let l = loaded(&files);
    let errors = errors(&l, &files);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "kirje.toml");
    assert_eq!(errors[0].message.code(), "missing-field");
    let web_only = Options {
        only: kirje_email::Selection {
            email: false,
            ..kirje_email::Selection::ALL
        },
        edition: None,
    };
    let outs = outputs(&l, &files, &web_only, &kirje_email::Raster::default())
        .expect("web and ics need no sender");
    let ics = outs.iter().find(|o| o.path == "events.ics").expect("ics");
    assert!(
        std::str::from_utf8(&ics.bytes)
            .expect("utf-8")
            .contains("@kirje.invalid")
    );
}
