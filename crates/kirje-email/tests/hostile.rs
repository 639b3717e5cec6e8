//! Project text that looks like markup, template code, a header or a script
//! comes out as text, or is refused by `check`; it never becomes markup, a
//! template instruction, a header or a link that runs code. Each output is
//! rendered here even when `check` refuses the project, as the browser
//! preview may.

mod common;

use common::{EDITION, PROJECT, SETTINGS, loaded, parse_mime, project};
use kirje_core::check;
use kirje_email::Output;

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKOUT: &str = "\\\"><img src=x onerror=alert(1)>";
const TEMPLATE: &str = "{{ 7*191 }} {% if true %}1337{% endif %} {# x #}";

/// The base project with hostile text in every kind of field.
fn hostile() -> Vec<Output> {
    let title = format!("{SCRIPT} {BREAKOUT} {TEMPLATE}\\r\\nBcc: victim@example.org");
    let edition = EDITION
        .replace(
            "title: {fi: Otsikko äö, sv: Rubrik åä}",
            &format!("title: {{fi: \"{title}\", sv: \"{title}\"}}"),
        )
        .replace(
            "title: Kehittäjäryhmä",
            "title: \"Ryhmä\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:fake; x, y\\\\z\"",
        )
        .replace(
            "body: {fi: \"Teksti [linkki](https://example.org).\", sv: Text.}",
            "body: {fi: \"<script>alert(2)</script> [klik](javascript:alert(3)) {{ 7*191 }}\", sv: \"{% raw %}\"}",
        )
        .replace(
            "url: \"https://example.org/uutinen\"",
            "url: \"javascript:alert(4)\"",
        )
        .replace(
            "registration: https://example.org/ilmo",
            "registration: \"JaVaScRiPt:alert(5)\"",
        );
    let settings = SETTINGS.replace(
        "name = { fi = \"Testihanke\", sv = \"Testprojektet\" }",
        "name = { fi = \"Testi\\r\\nBcc: victim@example.org\", sv = \"Testi\" }",
    );
    let project_text = PROJECT.replace(
        "name: {fi: Testihanke, sv: Testprojektet}",
        &format!("name: {{fi: \"{SCRIPT} {TEMPLATE}\", sv: \"{BREAKOUT}\"}}"),
    );
    let files = project(&settings, &project_text, &edition);
    let l = loaded(&files);
    let codes: Vec<&str> = check::check(&l, &files)
        .iter()
        .map(|d| d.message.code())
        .collect();
    // `check` refuses the control characters and the javascript: links…
    assert!(codes.contains(&"text-control"), "{codes:?}");
    assert!(codes.contains(&"url-scheme"), "{codes:?}");
    // …and the outputs stay safe even without it.
    common::all_outputs(&l, &files).expect("outputs")
}

fn get<'a>(outs: &'a [Output], path: &str) -> &'a str {
    let o = outs
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&o.bytes).expect("utf-8")
}

fn markup_outputs(outs: &[Output]) -> Vec<(&str, &str)> {
    outs.iter()
        .filter(|o| o.path.ends_with(".html") || o.path.ends_with(".xml"))
        .map(|o| {
            (
                o.path.as_str(),
                std::str::from_utf8(&o.bytes).expect("utf-8"),
            )
        })
        .collect()
}

/// The elements of an HTML or XML document: each tag's name and attribute
/// names, read the way a browser's tokenizer does (quoted attribute values
/// and comments are skipped; `<title>`, `<style>` and `<textarea>` hold text).
fn elements(html: &str) -> Vec<(String, Vec<String>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let find = |from: usize, needle: &[u8]| -> Option<usize> {
        b[from..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
    };
    while i < b.len() {
        if b[i..].starts_with(b"<!--") {
            i += find(i, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if b[i] != b'<' || i + 1 >= b.len() || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        while j < b.len() && b[j] != b'>' {
            if b[j].is_ascii_whitespace() || b[j] == b'/' {
                j += 1;
                continue;
            }
            let a = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>') {
                j += 1;
            }
            attrs.push(html[a..j].to_ascii_lowercase());
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    j += 1;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    j += 1;
                } else {
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
        }
        i = j + 1;
        if matches!(name.as_str(), "title" | "style" | "textarea") {
            let close = format!("</{name}");
            i += find(i.min(b.len()), close.as_bytes()).unwrap_or(0);
        }
        out.push((name, attrs));
    }
    out
}

#[test]
fn the_tag_reader_sees_tags() {
    let e =
        elements("<p a=\"<script>\" b>x<script src=1></script><!-- <img> --><title><b></title>");
    let names: Vec<&str> = e.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["p", "script", "title"]);
    assert_eq!(e[0].1, ["a", "b"]);
}

#[test]
fn markup_in_text_stays_text() {
    let outs = hostile();
    for (path, html) in markup_outputs(&outs) {
        for (name, attrs) in elements(html) {
            assert_ne!(name, "script", "{path}: a script element");
            assert!(
                !attrs.iter().any(|a| a.starts_with("on")),
                "{path}: an event handler on <{name} {attrs:?}>"
            );
        }
        assert!(
            html.contains("&lt;script&gt;") || html.contains("&lt;script>"),
            "{path}: the text is shown"
        );
    }
}

#[test]
fn template_syntax_in_text_is_not_run() {
    let outs = hostile();
    for (path, body) in markup_outputs(&outs)
        .into_iter()
        .chain([("email.txt", get(&outs, "email.txt"))])
    {
        assert!(!body.contains("1337 1337"), "{path}: template code ran");
        assert!(body.contains("{{ 7*191 }}"), "{path}: shown as written");
    }
    assert!(get(&outs, "email.sv.txt").contains("{% raw %}"));
}

#[test]
fn no_link_runs_code() {
    let outs = hostile();
    for (path, html) in markup_outputs(&outs) {
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("href=\"javascript:"), "{path}");
        assert!(!lower.contains("href='javascript:"), "{path}");
        assert!(!lower.contains("src=\"javascript:"), "{path}");
    }
    let html = get(&outs, "email.html");
    assert!(
        html.contains("Lue uutinen"),
        "the link's text is still there"
    );
    assert!(html.contains("href=\"#\""), "its target is neutralised");
}

#[test]
fn no_header_from_a_title() {
    let outs = hostile();
    let raw = get(&outs, "email.eml");
    let head = raw.split("\r\n\r\n").next().expect("headers");
    for line in head.split("\r\n") {
        assert!(
            !line.to_ascii_lowercase().starts_with("bcc:"),
            "a header made from text: {line}"
        );
    }
    let msg = parse_mime(raw);
    let subject = common::decode_header(msg.header("subject").expect("subject"));
    assert!(
        !subject.contains('\n') && !subject.contains('\r'),
        "{subject:?}"
    );
    assert!(subject.contains("Bcc: victim@example.org"), "kept as text");
    let from = common::decode_header(msg.header("from").expect("from"));
    assert!(!from.contains('\n'), "{from:?}");
}

#[test]
fn no_calendar_line_from_a_title() {
    let outs = hostile();
    let ics = get(&outs, "events.ics");
    let unfolded = ics.replace("\r\n ", "");
    // 1 + 2 sessions + 1 = 4 real events; the fake one is not among them.
    assert_eq!(unfolded.matches("\r\nBEGIN:VEVENT\r\n").count(), 4);
    assert!(
        unfolded.contains(
            "SUMMARY:Ryhmä\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:fake\\; x\\, y\\\\z\r\n"
        )
    );
    assert!(
        !unfolded.to_ascii_lowercase().contains("javascript:"),
        "URL left out: {unfolded}"
    );
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
}

#[test]
fn feed_is_still_xml() {
    let outs = hostile();
    let feed = get(&outs, "web/feed.xml");
    assert!(!feed.contains("<script"));
    assert!(!feed.contains('\r'), "control characters dropped from XML");
    assert!(feed.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
#[ignore = "writes the hostile outputs to $KIRJE_DUMP for a look"]
fn dump() {
    let dir = std::env::var("KIRJE_DUMP").expect("KIRJE_DUMP");
    for o in hostile() {
        let p = std::path::Path::new(&dir).join(&o.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, &o.bytes).expect("write");
    }
}

/// An alt text with a backslash, a no-break space and a decomposed `ä`
/// reaches the email's and the web pages' attributes as written: mrml
/// wrote attribute values with Rust's `{:?}` (`\\`, `\u{a0}`, `\u{308}`)
/// until vendor/patches/mrml.patch.
#[test]
fn attribute_values_are_written_as_html_not_as_rust_strings() {
    let alt = "C:\\kuvat\u{a0}2026 la\u{308}hde";
    let settings = SETTINGS.replace(
        "alt = { fi = \"Logo\", sv = \"Logotyp\" }",
        &format!("alt = {{ fi = '{alt}', sv = '{alt}' }}"),
    );
    let files = project(&settings, PROJECT, EDITION);
    let outs = common::all_outputs(&loaded(&files), &files).expect("outputs");
    let mut seen = 0;
    for o in outs.iter().filter(|o| o.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&o.bytes);
        assert!(!html.contains("\\\\"), "{}: a doubled backslash", o.path);
        assert!(!html.contains("\\u{"), "{}: a Rust escape", o.path);
        if html.contains(&format!("alt=\"{alt}\"")) {
            seen += 1;
        }
    }
    assert!(
        seen >= 2,
        "the alt text as written in the email and the web pages: {seen}"
    );
}
