use super::*;

use proptest::prelude::*;
use typst_syntax::ast;
use typst_syntax::{SyntaxKind, SyntaxNode};

/// A realistic news body with every supported construct.
const NEWS: &str = "\
## Lumo-hanke käynnistyy

Lumo-hanke (*Luonnon monimuotoisuus kuntoon*) alkaa **1.3.2025** ja kestää kolme vuotta.
Hankkeen kokonaisbudjetti on 1 000 000 €, josta EU:n osuus on 80 %.

Hankkeessa:

- kartoitetaan perinnebiotoopit – yhteensä 40 kohdetta
- järjestetään _talkoita_
  - niittotalkoot Åvikissa
  - raivaustalkoot
- koulutetaan maanomistajia

### Näin osallistut

1. Lue [hankesuunnitelma](https://www.koske.fi/lumo/suunnitelma.pdf \"Suunnitelma\").
2. [Ilmoittaudu koulutukseen](https://www.koske.fi/lumo)
3. Tule paikalle!

Lisätietoja antaa hankepäällikkö **Anna Mäkinen**,\\
puh. 040 123 4567, <anna.makinen@koske.fi>.

> \"Monimuotoisuus on meidän yhteinen asiamme\", sanoo Mäkinen.
";

/// Hostile or tricky inputs, by snapshot name.
const HOSTILE: &[(&str, &str)] = &[
    ("script", "<script>alert(1)</script>"),
    ("script_inline", "Teksti <script>alert(1)</script> jatkuu."),
    ("attribute_breakout", "\"><img src=x onerror=alert(1)>"),
    ("javascript_link", "[x](javascript:alert(1))"),
    (
        "other_schemes",
        "[a](data:text/html,<b>x</b>) [b](vbscript:msgbox) [c](file:///etc/passwd) \
         [d](JaVaScRiPt:alert(1)) [e](/suhteellinen) [f](<javascript:alert(1)>)",
    ),
    ("template_variable", "{{ name }}"),
    ("template_tag", "{% if %}x{% endif %}"),
    ("typst_import", "#import \"x.typ\""),
    ("typst_eval", "#eval(\"1\")"),
    ("typst_math", "$x^2$"),
    ("typst_ref", "@ref"),
    ("typst_label", "<label>"),
    ("typst_line_comment", "// comment"),
    ("typst_block_comment", "/* c */"),
    ("typst_unicode_escape", "\\u{41}"),
    ("typst_hash_in_strong", "*[#]*"),
    (
        "crlf_mix",
        "Rivi 1\r\nrivi 2\rrivi 3\n\r\nUusi kappale\r\r- a\r\n- b",
    ),
    (
        "image",
        "![Kuva: *Lumo* talkoissa](https://www.koske.fi/kuva.jpg)",
    ),
    ("html_comment", "<!-- muistiinpano -->\n\nTeksti"),
    (
        "code",
        "Koodi `#eval(\"x\") \\ \"` ja\n\n```typ\n#import \"x\"\n\\u{41}\n```",
    ),
    (
        "autolinks",
        "<https://www.koske.fi/a?b=1&c=2> ja <info@koske.fi>",
    ),
    ("empty_link", "[](https://www.koske.fi)"),
    (
        "typst_shorthands",
        "-- --- ... ~ -? -1 a--b 1. 2) = == + - / : 'x' \"y\"",
    ),
    (
        "typst_auto_link",
        "Katso https://www.koske.fi ja http://x.fi.",
    ),
    ("entities", "&lt;b&gt; &amp; &#35;import &quot;"),
];

#[test]
fn news_body() {
    insta::assert_json_snapshot!(convert(NEWS));
}

#[test]
fn hostile_inputs() {
    for (name, input) in HOSTILE {
        insta::assert_json_snapshot!(
            format!("hostile_{name}"),
            serde_json::json!({ "input": input, "converted": convert(input) })
        );
    }
}

/// Functions that the Typst output may call, and their named arguments.
const TYPST_FUNCTIONS: &[&str] = &[
    "strong",
    "emph",
    "link",
    "list",
    "enum",
    "raw",
    "quote",
    "linebreak",
    "heading",
];
const TYPST_NAMED: &[&str] = &[
    "level",
    "outlined",
    "bookmarked",
    "numbering",
    "block",
    "start",
    "tight",
];

/// Checks Typst markup: no syntax errors, and nothing but text, escapes,
/// spaces, paragraph breaks and — when `calls` — calls of
/// [`TYPST_FUNCTIONS`] with literal arguments and content blocks that are
/// themselves checked. No markup syntax at all (strong, emphasis,
/// headings, list items, equations, references, labels, raw, automatic
/// links, comments, shorthands, smart quotes, `\` line breaks) and no
/// `\u{…}` escapes.
fn check_typst(markup: &str, calls: bool) -> Result<(), String> {
    let root = typst_syntax::parse(markup);
    // Warnings too: they flag constructs that may change meaning.
    if root.diagnosis().either() {
        return Err(format!("diagnostics: {:?}", root.errors_and_warnings()));
    }
    check_markup(&root, calls)
}

fn check_markup(node: &SyntaxNode, calls: bool) -> Result<(), String> {
    if node.kind() != SyntaxKind::Markup {
        return Err(format!("expected markup, found {:?}", node.kind()));
    }
    let mut after_hash = false;
    for child in node.children() {
        match child.kind() {
            SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::Parbreak if !after_hash => {}
            SyntaxKind::Escape if !after_hash && !child.leaf_text().starts_with("\\u") => {}
            SyntaxKind::Hash if calls && !after_hash => {
                after_hash = true;
                continue;
            }
            SyntaxKind::FuncCall if after_hash => check_call(child)?,
            other => return Err(format!("{other:?} node {:?}", child.full_text())),
        }
        after_hash = false;
    }
    if after_hash {
        return Err("dangling #".to_owned());
    }
    Ok(())
}

fn check_call(call: &SyntaxNode) -> Result<(), String> {
    let mut children = call.children();
    let callee = children
        .next()
        .map(|c| (c.kind(), c.leaf_text().to_string()));
    match callee {
        Some((SyntaxKind::Ident, name)) if TYPST_FUNCTIONS.contains(&name.as_str()) => {}
        other => return Err(format!("unexpected callee {other:?}")),
    }
    let Some(args) = children.next().filter(|a| a.kind() == SyntaxKind::Args) else {
        return Err("call without arguments".to_owned());
    };
    if children.next().is_some() {
        return Err("unexpected node after arguments".to_owned());
    }
    for arg in args.children() {
        match arg.kind() {
            SyntaxKind::LeftParen
            | SyntaxKind::RightParen
            | SyntaxKind::Comma
            | SyntaxKind::Space
            | SyntaxKind::Str => {}
            SyntaxKind::ContentBlock => check_content_block(arg)?,
            SyntaxKind::Named => check_named(arg)?,
            other => return Err(format!("argument {other:?}")),
        }
    }
    Ok(())
}

fn check_content_block(block: &SyntaxNode) -> Result<(), String> {
    for child in block.children() {
        match child.kind() {
            SyntaxKind::LeftBracket | SyntaxKind::RightBracket => {}
            SyntaxKind::Markup => check_markup(child, true)?,
            other => return Err(format!("{other:?} in a content block")),
        }
    }
    Ok(())
}

fn check_named(named: &SyntaxNode) -> Result<(), String> {
    for child in named.children() {
        match child.kind() {
            SyntaxKind::Ident if TYPST_NAMED.contains(&child.leaf_text().as_str()) => {}
            SyntaxKind::Colon
            | SyntaxKind::Space
            | SyntaxKind::Bool
            | SyntaxKind::Int
            | SyntaxKind::None => {}
            other => return Err(format!("{other:?} in a named argument")),
        }
    }
    Ok(())
}

/// The text that Typst markup shows: text, escapes, spaces and the
/// strings of `raw` calls, but not link targets or named arguments.
fn typst_visible(node: &SyntaxNode, out: &mut String) {
    match node.kind() {
        SyntaxKind::Text => out.push_str(node.leaf_text()),
        SyntaxKind::Space | SyntaxKind::Parbreak => out.push_str(node.leaf_text()),
        SyntaxKind::Escape => out.extend(node.cast::<ast::Escape>().map(|e| e.get())),
        SyntaxKind::Named => {}
        SyntaxKind::FuncCall => {
            let is_link = node
                .children()
                .next()
                .is_some_and(|c| c.leaf_text() == "link");
            for arg in node.children().flat_map(|child| child.children()) {
                match arg.kind() {
                    SyntaxKind::Str if !is_link => {
                        if let Some(string) = arg.cast::<ast::Str>() {
                            out.push_str(&string.get());
                        }
                    }
                    SyntaxKind::ContentBlock => typst_visible(arg, out),
                    _ => {}
                }
            }
        }
        _ => {
            for child in node.children() {
                typst_visible(child, out);
            }
        }
    }
}

fn visible_in(markup: &str) -> String {
    let mut out = String::new();
    typst_visible(&typst_syntax::parse(markup), &mut out);
    out
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the Markdown as pulldown-cmark sees it, with the text
/// that [`convert`] adds (the address of a link without text).
fn markdown_text(markdown: &str) -> String {
    let mut out = String::new();
    // For each open link: its allowed target and whether it has text.
    let mut open_links: Vec<(Option<String>, bool)> = Vec::new();
    for event in Parser::new_ext(&normalize(markdown), options()) {
        let text = match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                text.into_string()
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let url = link_target(link_type, &dest_url);
                open_links.push((is_allowed_url(&url).then_some(url), false));
                continue;
            }
            Event::End(pulldown_cmark::TagEnd::Link) => {
                if let Some((Some(url), false)) = open_links.pop() {
                    out.push_str(display_url(&url));
                }
                continue;
            }
            _ => continue,
        };
        if !text.trim().is_empty() {
            for link in &mut open_links {
                link.1 = true;
            }
        }
        out.push_str(&text);
    }
    out
}

/// What [`typst_escape`] is documented to keep of a plain string.
fn folded(text: &str) -> String {
    text.replace("\r\n", " ")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                Some(' ')
            }
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// An HTML tag's name (with `/` for an end tag) and attributes.
type HtmlTag = (String, Vec<(String, String)>);

/// Tags of sanitised HTML (which escapes every `<` in text) as
/// (name, attributes).
fn html_tags(html: &str) -> Result<Vec<HtmlTag>, String> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let mut in_quotes = false;
        let Some(end) = rest.find(|c: char| {
            if c == '"' {
                in_quotes = !in_quotes;
            }
            c == '>' && !in_quotes
        }) else {
            return Err(format!("unclosed tag in {html:?}"));
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut parsed = Vec::new();
        while let Some((key, value)) = attributes.trim_start().split_once("=\"") {
            let Some((value, after)) = value.split_once('"') else {
                return Err(format!("unquoted attribute in {tag:?}"));
            };
            parsed.push((key.to_owned(), value.to_owned()));
            attributes = after;
        }
        if !attributes.trim().is_empty() {
            return Err(format!("unexpected attribute text in {tag:?}"));
        }
        tags.push((name.to_owned(), parsed));
    }
    Ok(tags)
}

/// Checks that HTML has only allowed tags and attributes, and that links
/// go only to http, https and mailto.
fn check_html(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Err("script tag".to_owned());
    }
    for (name, attributes) in html_tags(html)? {
        let name = name.trim_start_matches('/');
        let allowed = [
            "p",
            "br",
            "strong",
            "em",
            "a",
            "ul",
            "ol",
            "li",
            "h3",
            "h4",
            "blockquote",
            "code",
        ];
        if !allowed.contains(&name) {
            return Err(format!("tag {name}"));
        }
        for (key, value) in attributes {
            let value = value.to_ascii_lowercase();
            let ok = match (name, key.as_str()) {
                ("a", "href") => {
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with("mailto:")
                }
                ("a", "rel") => value == "noopener",
                ("ol", "start") => value.chars().all(|c| c.is_ascii_digit()),
                _ => false,
            };
            // The scheme decides (`http://$javascript:` is an http link);
            // an `on…` attribute never passes.
            if !ok || key.contains("on") {
                return Err(format!("attribute {key}={value:?} on {name}"));
            }
        }
    }
    Ok(())
}

#[test]
fn news_body_typst_is_safe() {
    let converted = convert(NEWS);
    assert_eq!(check_typst(&converted.typst, true), Ok(()));
    assert_eq!(check_html(&converted.html), Ok(()));
    assert_eq!(
        without_whitespace(&visible_in(&converted.typst)),
        without_whitespace(&markdown_text(NEWS))
    );
}

#[test]
fn hostile_inputs_are_safe() {
    for (name, input) in HOSTILE {
        let converted = convert(input);
        assert_eq!(check_typst(&converted.typst, true), Ok(()), "{name}");
        assert_eq!(check_html(&converted.html), Ok(()), "{name}");
        assert_eq!(
            without_whitespace(&visible_in(&converted.typst)),
            without_whitespace(&markdown_text(input)),
            "{name}"
        );
    }
}

#[test]
fn disallowed_links_keep_their_text() {
    for scheme in [
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "file:///x",
        "/x",
        "x.html",
        "http:x",
        "mailto:",
    ] {
        let converted = convert(&format!("[teksti]({scheme})"));
        assert_eq!(converted.html, "<p>teksti</p>", "{scheme}");
        assert_eq!(converted.typst, "teksti", "{scheme}");
        assert_eq!(converted.text, "teksti", "{scheme}");
    }
}

#[test]
fn headings_are_relative_to_the_shallowest() {
    assert_eq!(
        convert("## A\n\n### B\n\n#### C").html,
        "<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>"
    );
    assert_eq!(convert("# A\n\n## B").html, "<h3>A</h3>\n<h4>B</h4>");
    assert_eq!(convert("### A").html, "<h3>A</h3>");
}

#[test]
fn text_links() {
    assert_eq!(
        convert("[Koske](https://koske.fi)").text,
        "Koske (https://koske.fi)"
    );
    assert_eq!(convert("<https://koske.fi>").text, "https://koske.fi");
    assert_eq!(
        convert("[https://koske.fi](https://koske.fi)").text,
        "https://koske.fi"
    );
    assert_eq!(
        convert("[info@koske.fi](mailto:info@koske.fi)").text,
        "info@koske.fi"
    );
    assert_eq!(
        convert("[Kirjoita](mailto:info@koske.fi)").text,
        "Kirjoita (info@koske.fi)"
    );
}

#[test]
fn text_lists_and_quotes() {
    let markdown = "3. kolme\n4. neljä\n   - a\n\n     jatko\n   - b\n\n> lainaus\n>\n> toinen";
    assert_eq!(
        convert(markdown).text,
        "3. kolme\n4. neljä\n   - a\n\n     jatko\n\n   - b\n\n> lainaus\n>\n> toinen"
    );
    assert_eq!(
        convert("5. a\n6. b").html,
        "<ol start=\"5\">\n<li>a</li>\n<li>b</li>\n</ol>"
    );
    assert_eq!(
        convert("5. a\n6. b").typst,
        "#enum(start: 5,\n[a],\n[b],\n)"
    );
}

#[test]
fn empty_input() {
    let empty = Converted {
        html: String::new(),
        typst: String::new(),
        text: String::new(),
    };
    assert_eq!(convert(""), empty);
    assert_eq!(convert("  \n\n \r\n"), empty);
}

#[test]
fn deep_nesting_is_flattened() {
    for markdown in [
        ">".repeat(10_000) + " syvä",
        "- ".repeat(10_000) + "syvä",
        "*".repeat(10_000) + "syvä" + &"*".repeat(10_000),
        "[".repeat(5_000) + "syvä" + &"](https://x.fi)".repeat(5_000),
    ] {
        let converted = convert(&markdown);
        assert_eq!(check_typst(&converted.typst, true), Ok(()));
        assert_eq!(check_html(&converted.html), Ok(()));
        assert!(converted.text.contains("syvä"));
    }
}

#[test]
fn typst_escape_examples() {
    assert_eq!(
        typst_escape("Lumo-hanke: 1 000 000 € (80 %)"),
        "Lumo\\-hanke\\: 1 000 000 € \\(80 \\%\\)"
    );
    assert_eq!(typst_escape("#eval(\"x\")"), "\\#eval\\(\\\"x\\\"\\)");
    assert_eq!(typst_escape("rivi\r\nrivi\nrivi"), "rivi rivi rivi");
    assert_eq!(typst_escape("\\u{41}"), "\\\\u\\{41\\}");
}

#[test]
fn links_with_ranges() {
    let markdown = "[a](https://a.fi \"https://a.fi\") <b@c.fi> [d][ref] [e][ref] ![kuva](https://kuva.fi/k.jpg) [f](javascript:x)\n\n[ref]: https://d.fi";
    let found = links(markdown);
    let slices: Vec<(&str, &str)> = found
        .iter()
        .map(|(url, range)| (url.as_str(), markdown.get(range.clone()).unwrap_or("?")))
        .collect();
    assert_eq!(
        slices,
        [
            ("https://a.fi", "https://a.fi"),
            ("mailto:b@c.fi", "b@c.fi"),
            ("https://d.fi", "https://d.fi"),
            ("javascript:x", "javascript:x"),
        ]
    );
    assert_eq!(found.first().map(|(_, range)| range.clone()), Some(4..16));
}

#[test]
fn links_crlf_ranges() {
    let markdown = "a\r\n\r\n[b](http://c.fi)";
    assert_eq!(links(markdown), [("http://c.fi".to_owned(), 9..20)]);
}

/// Markdown-ish strings full of Markdown, Typst and HTML syntax.
fn markdownish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => proptest::sample::select(&[
            '#', '[', ']', '$', '@', '*', '_', '\\', '`', '<', '>', '/', '-', '+', '=', '.',
            ':', '~', '"', '\'', '\n', ' ', '(', ')', '{', '}', '!', '&', ';', '%', '|', '^',
            ',', '?', 'ä', 'ö', 'å', 'Ä', '€', '–', 'a', 'h', 'u', '1', '\t', '\r',
            '\u{a0}', '\u{2028}',
        ][..])
        .prop_map(String::from),
        1 => proptest::sample::select(&[
            "- ", "1. ", "2) ", "# ", "## ", "> ", "    ", "\n\n", "\r\n", "```", "**", "__",
            "[a](https://a.fi)", "[b](javascript:alert(1))", "<https://x.fi>", "<a@b.fi>",
            "![kuva](k.png)", "<script>", "</script>", "<img src=x onerror=alert(1)>",
            "javascript:", "\\u{41}", "#import \"x\"", "#eval(", "http://", "https://x.fi",
            "&amp;", "&#35;", "&lt;", "<!--", "-->", "{{", "}}", "{%", "//", "/*", "*/",
            "$x^2$", "@ref", "<label>", "---", "...", "=== ", "[x]: https://x.fi\n", "[x]",
        ][..])
        .prop_map(String::from),
        2 => "[a-zäöÅ€–0-9 ]{1,8}",
    ];
    proptest::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn typst_is_safe_and_keeps_the_text(markdown in markdownish()) {
        let converted = convert(&markdown);
        prop_assert_eq!(check_typst(&converted.typst, true), Ok(()), "{}", converted.typst);
        prop_assert_eq!(
            without_whitespace(&visible_in(&converted.typst)),
            without_whitespace(&markdown_text(&markdown))
        );
    }

    #[test]
    fn html_is_safe(markdown in markdownish()) {
        let converted = convert(&markdown);
        prop_assert_eq!(check_html(&converted.html), Ok(()), "{}", converted.html);
        // Outside tags (checked above) these words can only be the
        // author's own escaped text.
        let html = converted.html.to_ascii_lowercase();
        let input = markdown.to_ascii_lowercase();
        for word in ["onerror", "javascript:"] {
            prop_assert!(input.contains(word) || !html.contains(word), "{}", html);
        }
    }

    #[test]
    fn text_has_no_trailing_space(markdown in markdownish()) {
        let text = convert(&markdown).text;
        prop_assert!(!text.ends_with('\n'));
        prop_assert!(text.lines().all(|line| line == line.trim_end()), "{:?}", text);
    }

    #[test]
    fn typst_escape_is_literal(text in any::<String>()) {
        let escaped = typst_escape(&text);
        prop_assert_eq!(check_typst(&escaped, false), Ok(()), "{}", escaped);
        prop_assert_eq!(visible_in(&escaped), folded(&text));
    }

    #[test]
    fn typst_escape_is_literal_markdownish(text in markdownish()) {
        let escaped = typst_escape(&text);
        prop_assert_eq!(check_typst(&escaped, false), Ok(()), "{}", escaped);
        prop_assert_eq!(visible_in(&escaped), folded(&text));
    }

    #[test]
    fn links_are_found(markdown in markdownish()) {
        for (_, range) in links(&markdown) {
            prop_assert!(markdown.get(range).is_some());
        }
    }
}
