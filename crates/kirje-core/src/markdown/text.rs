use super::*;

pub(super) fn render(blocks: &[Block]) -> String {
    let lines = block_lines(blocks, true);
    let lines: Vec<&str> = lines.iter().map(|line| line.trim_end()).collect();
    lines.join("\n").trim_matches('\n').to_owned()
}

/// The lines of `blocks`, separated by a blank line when `loose`.
fn block_lines(blocks: &[Block], loose: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for (n, block) in blocks.iter().enumerate() {
        if n > 0 && loose {
            lines.push(String::new());
        }
        match block {
            Block::Paragraph(content) | Block::Plain(content) | Block::Heading { content, .. } => {
                lines.extend(inline_text(content).split('\n').map(str::to_owned));
            }
            Block::Code(code) => lines.extend(code.lines().map(str::to_owned)),
            Block::Quote(blocks) => {
                for line in block_lines(blocks, true) {
                    lines.push(if line.is_empty() {
                        ">".to_owned()
                    } else {
                        format!("> {line}")
                    });
                }
            }
            Block::List {
                start,
                tight,
                items,
            } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 && !tight {
                        lines.push(String::new());
                    }
                    let marker = match start {
                        None => "- ".to_owned(),
                        Some(start) => format!("{}. ", start.saturating_add(n as u64)),
                    };
                    // Continuation lines line up with the item's text.
                    let indent = " ".repeat(marker.len());
                    let inner = block_lines(item, !tight);
                    if inner.is_empty() {
                        lines.push(marker.clone());
                    }
                    for (k, line) in inner.into_iter().enumerate() {
                        lines.push(match k {
                            0 => format!("{marker}{line}"),
                            _ if line.is_empty() => line,
                            _ => format!("{indent}{line}"),
                        });
                    }
                }
            }
        }
    }
    lines
}

fn inline_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Strong(content) | Inline::Emph(content) => {
                out.push_str(&inline_text(content));
            }
            Inline::Link { url, content } => {
                let label = inline_text(content);
                let shown = display_url(url);
                if label.trim() == url || label.trim() == shown {
                    out.push_str(shown);
                } else {
                    out.push_str(&format!("{label} ({shown})"));
                }
            }
            // Lines are not wrapped here: the caller wraps.
            Inline::SoftBreak => out.push(' '),
            Inline::HardBreak => out.push('\n'),
        }
    }
    out
}
