use super::*;

pub(super) fn render(blocks: &[Block], top: u8) -> String {
    let mut out = String::new();
    push_blocks(&mut out, blocks, top);
    sanitize(out.trim_end()).trim_end().to_owned()
}

/// Tags and attributes that the writer produces; ammonia removes anything
/// else. `ol start` keeps the numbering of a list that does not start at
/// one; `rel="noopener"` is added to every link by ammonia.
fn sanitize(html: &str) -> String {
    let tags = HashSet::from([
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
    ]);
    let attributes = HashMap::from([
        ("a", HashSet::from(["href"])),
        ("ol", HashSet::from(["start"])),
    ]);
    ammonia::Builder::empty()
        .tags(tags)
        .clean_content_tags(HashSet::from(["script", "style"]))
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener"))
        .strip_comments(true)
        .clean(html)
        .to_string()
}

fn push_blocks(out: &mut String, blocks: &[Block], top: u8) {
    for block in blocks {
        push_block(out, block, top);
    }
}

fn push_block(out: &mut String, block: &Block, top: u8) {
    match block {
        Block::Paragraph(content) => {
            out.push_str("<p>");
            push_inlines(out, content);
            out.push_str("</p>\n");
        }
        Block::Plain(content) => {
            push_inlines(out, content);
            out.push('\n');
        }
        Block::Heading { level, content } => {
            let rank = heading_rank(*level, top);
            out.push_str(&format!("<h{rank}>"));
            push_inlines(out, content);
            out.push_str(&format!("</h{rank}>\n"));
        }
        Block::List { start, items, .. } => {
            let tag = match start {
                None => "ul",
                Some(_) => "ol",
            };
            match start {
                Some(start) if *start != 1 => out.push_str(&format!("<ol start=\"{start}\">\n")),
                _ => out.push_str(&format!("<{tag}>\n")),
            }
            for item in items {
                let mut inner = String::new();
                push_blocks(&mut inner, item, top);
                out.push_str("<li>");
                out.push_str(inner.trim_end_matches('\n'));
                out.push_str("</li>\n");
            }
            out.push_str(&format!("</{tag}>\n"));
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>\n");
            push_blocks(out, blocks, top);
            out.push_str("</blockquote>\n");
        }
        // There is no `pre` in the allow-list: a code block is a
        // paragraph of code with explicit line breaks.
        Block::Code(code) => {
            out.push_str("<p><code>");
            for (n, line) in code.lines().enumerate() {
                if n > 0 {
                    out.push_str("<br>\n");
                }
                push_escaped(out, line);
            }
            out.push_str("</code></p>\n");
        }
    }
}

fn push_inlines(out: &mut String, content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Text(text) => push_escaped(out, text),
            Inline::Code(code) => {
                out.push_str("<code>");
                push_escaped(out, code);
                out.push_str("</code>");
            }
            Inline::Strong(content) => {
                out.push_str("<strong>");
                push_inlines(out, content);
                out.push_str("</strong>");
            }
            Inline::Emph(content) => {
                out.push_str("<em>");
                push_inlines(out, content);
                out.push_str("</em>");
            }
            Inline::Link { url, content } => {
                out.push_str("<a href=\"");
                // Email clients end an unquoted-looking URL at a space.
                push_escaped(out, &url.replace(' ', "%20"));
                out.push_str("\">");
                push_inlines(out, content);
                out.push_str("</a>");
            }
            Inline::SoftBreak => out.push('\n'),
            Inline::HardBreak => out.push_str("<br>\n"),
        }
    }
}

use super::push_html_escaped as push_escaped;
