use super::*;

pub(super) fn render(blocks: &[Block], top: u8) -> String {
    let mut out = String::new();
    push_blocks(&mut out, blocks, "\n\n", top);
    out
}

fn push_blocks(out: &mut String, blocks: &[Block], separator: &str, top: u8) {
    for (n, block) in blocks.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        push_block(out, block, top);
    }
}

fn push_block(out: &mut String, block: &Block, top: u8) {
    match block {
        Block::Paragraph(content) | Block::Plain(content) => push_inlines(out, content),
        // A real heading, so that the template styles it and keeps it
        // with the next paragraph, and so that tagged PDF has the
        // structure (accessibility); but out of the outline and the PDF
        // bookmarks, and never numbered, as it is inside a news item.
        Block::Heading { level, content } => {
            let rank = heading_rank(*level, top);
            out.push_str(&format!(
                "#heading(level: {rank}, outlined: false, bookmarked: false, numbering: none)["
            ));
            push_inlines(out, content);
            out.push(']');
        }
        Block::List {
            start,
            tight,
            items,
        } => {
            match start {
                None => out.push_str("#list("),
                Some(1) => out.push_str("#enum("),
                Some(start) => out.push_str(&format!("#enum(start: {start},")),
            }
            if !tight {
                out.push_str("tight: false,");
            }
            // One argument per line keeps the markup readable; newlines
            // between arguments are code, not markup.
            for item in items {
                out.push_str("\n[");
                push_blocks(out, item, if *tight { "\n" } else { "\n\n" }, top);
                out.push_str("],");
            }
            out.push_str("\n)");
        }
        Block::Quote(blocks) => {
            out.push_str("#quote(block: true)[");
            push_blocks(out, blocks, "\n\n", top);
            out.push(']');
        }
        Block::Code(code) => {
            out.push_str("#raw(block: true, ");
            push_str_literal(out, code);
            out.push(')');
        }
    }
}

fn push_inlines(out: &mut String, content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Text(text) => push_text(out, text),
            Inline::Code(code) => {
                out.push_str("#raw(");
                push_str_literal(out, code);
                out.push(')');
            }
            Inline::Strong(content) => {
                out.push_str("#strong[");
                push_inlines(out, content);
                out.push(']');
            }
            Inline::Emph(content) => {
                out.push_str("#emph[");
                push_inlines(out, content);
                out.push(']');
            }
            Inline::Link { url, content } => {
                out.push_str("#link(");
                push_str_literal(out, url);
                out.push_str(")[");
                push_inlines(out, content);
                out.push(']');
            }
            Inline::SoftBreak => out.push(' '),
            Inline::HardBreak => out.push_str("#linebreak()"),
        }
    }
}

/// Escaped literal text; see [`typst_escape`](super::typst_escape).
pub(super) fn push_text(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(' ');
            }
            '\n' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(' ');
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A Typst string literal. Inside a string only `\` and `"` are special;
/// line breaks and tabs are written as escapes so that the literal stays
/// on one line.
fn push_str_literal(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
}
