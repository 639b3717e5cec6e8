//! `kirje build` on examples/lumo, inspected with poppler's pdfinfo and
//! pdftotext (installed by scripts/test.sh): tagged PDFs with the facts in
//! Finnish form, the same bytes on every build, nothing written on errors.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

mod common;
use common::{example, kirje};

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Std::new(name)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (poppler-utils): {e}"));
    String::from_utf8_lossy(&out.stdout).replace(['\u{a0}', '\u{202f}'], " ")
}

fn info(file: &Path) -> String {
    let out = Std::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn build_writes_accessible_pdfs_with_the_facts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("dist");
    kirje()
        .arg("build")
        .arg(example())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let n = out.join("newsletter.pdf");
    let s = out.join("slides.pdf");
    for f in [
        &n,
        &s,
        &out.join("newsletter.sv.pdf"),
        &out.join("slides.en.pdf"),
    ] {
        let i = info(f);
        assert!(i.contains("Tagged:          yes"), "{f:?}: {i}");
        assert!(i.contains("LUMO"), "{f:?}: {i}");
    }
    // The speaker notes, for pdfpc, beside the deck of each language.
    for notes in ["slides.pdfpc", "slides.sv.pdfpc", "slides.en.pdfpc"] {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join(notes)).expect(notes)).expect("json");
        assert_eq!(json["pdfpcFormat"], 2, "{notes}");
        assert!(
            !json["pages"].as_array().expect("pages").is_empty(),
            "{notes}"
        );
    }
    let text = tool("pdftotext", &["-layout"], &n);
    for fact in [
        "1 000 000 €",
        "80 %",
        "klo 13.30–15.00",
        "Marika Huupponen",
        "Päivi Malinen",
        "Hanna Torvinen",
        "Katariina Katainen",
        "Reetta Salmi",
        "040 359 7659",
        "221 750 €",
        "Hankekirje 2/2021",
    ] {
        assert!(text.contains(fact), "newsletter lacks {fact:?}");
    }
    let slides = tool("pdftotext", &["-layout"], &s);
    for fact in ["1 000 000 €", "800 000 €", "200 000 €", "Päivi Malinen"] {
        assert!(slides.contains(fact), "slides lack {fact:?}");
    }
    let sv = tool("pdftotext", &["-layout"], &out.join("newsletter.sv.pdf"));
    assert!(
        sv.contains("kl. 13.30–15.00") && sv.contains("Projektbrev 2/2021"),
        "{sv}"
    );
    let en = tool("pdftotext", &["-layout"], &out.join("newsletter.en.pdf"));
    assert!(
        en.contains("€1,000,000") && en.contains("13:30–15:00"),
        "{en}"
    );
    let i = info(&s);
    assert!(
        i.contains("x 473.") && i.contains("841.89"),
        "16:9 slides: {i}"
    );
}

#[test]
fn build_is_reproducible() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    kirje()
        .arg("build")
        .arg(example())
        .arg("-o")
        .arg(&a)
        .assert()
        .success();
    kirje()
        .arg("build")
        .arg(example())
        .arg("-o")
        .arg(&b)
        .assert()
        .success();
    for f in ["newsletter.pdf", "slides.pdf"] {
        assert!(
            std::fs::read(a.join(f)).expect("a") == std::fs::read(b.join(f)).expect("b"),
            "{f} differs"
        );
    }
}

#[test]
fn broken_project_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let project = tmp.path().join("p");
    kirje()
        .args(["init", "--lang", "fi"])
        .arg(&project)
        .assert()
        .success();
    let yaml = std::fs::read_to_string(project.join("project.yaml")).expect("read");
    std::fs::write(
        project.join("project.yaml"),
        format!("  bad: indentation: here\n{yaml}"),
    )
    .expect("write");
    let out = tmp.path().join("out");
    kirje()
        .arg("build")
        .arg(&project)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.join("newsletter.pdf").exists());
}

/// A new English starter project whose newsletter template is `template`.
fn project_with_newsletter_template(template: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let project = tmp.path().join("p");
    kirje()
        .args(["init", "--lang", "en"])
        .arg(&project)
        .assert()
        .success();
    std::fs::create_dir_all(project.join("templates/newsletter")).expect("mkdir");
    std::fs::write(
        project.join("templates/newsletter/newsletter.typ"),
        template,
    )
    .expect("write");
    (tmp, project)
}

#[test]
fn broken_template_points_at_it() {
    let (tmp, project) =
        project_with_newsletter_template("#import \"/templates/common.typ\": *\n#let x = (1 +\n");
    let out = tmp.path().join("out");
    let o = kirje()
        .arg("build")
        .arg(&project)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("templates/newsletter/newsletter.typ:2:"),
        "{err}"
    );
    assert!(!out.join("newsletter.pdf").exists());
}

#[test]
fn a_template_that_loops_forever_is_stopped() {
    // Typst refuses `while true` and stops while loops after 10 000 rounds,
    // but nested for loops may run for hours.
    let (tmp, project) = project_with_newsletter_template(
        "#for i in range(1000000) { for j in range(1000000) { } }\n",
    );
    let out = tmp.path().join("out");
    let o = kirje()
        .arg("build")
        .arg(&project)
        .arg("-o")
        .arg(&out)
        .args(["--only", "newsletter", "--time-limit", "3", "--lang", "en"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run");
    // The time limit: kirje could not do its work.
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("took over 3 s"), "{err}");
    assert!(!out.join("newsletter.pdf").exists());
}

#[test]
fn emitted_typst_sources_are_what_was_compiled() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    kirje()
        .arg("build")
        .arg(example())
        .arg("-o")
        .arg(&out)
        .args(["--only", "pdf", "--emit-typst"])
        .assert()
        .success();
    let typst = out.join("typst");
    for f in [
        "newsletter.typ",
        "slides.typ",
        "templates/common.typ",
        "view.json",
        "view.sv.json",
        "view.en.json",
        "fonts/Inter-Regular.otf",
        "assets/lumo-logo.svg",
        "README.txt",
    ] {
        assert!(typst.join(f).is_file(), "{f} missing");
    }
    let view: serde_json::Value =
        serde_json::from_slice(&std::fs::read(typst.join("view.sv.json")).expect("read"))
            .expect("json");
    assert_eq!(view["lang"], "sv");
    let main = std::fs::read_to_string(typst.join("newsletter.typ")).expect("read");
    assert!(main.contains("#import \"/templates/common.typ\""));
}
