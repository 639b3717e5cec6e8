//! Markdown (CommonMark) for the long texts written by communications staff —
//! news bodies, the project's purpose, event descriptions — converted for
//! every output: sanitised HTML for email and web, Typst markup for the PDF and
//! plain text for the email's text part.
//!
//! User text is data in every output and never becomes markup, code or a
//! script. To make that easy to see, the Markdown is parsed once into a small
//! document tree that only knows the supported constructs; each renderer
//! writes the structure itself and passes every piece of user text through
//! the escaper of its output. Raw HTML in the Markdown is kept as visible
//! text, so an author who pastes HTML sees it instead of it silently
//! disappearing.
//!
//! Supported: paragraphs, headings, bullet and numbered lists (nested), block
//! quotes, emphasis, strong emphasis, links, code spans and code blocks, hard
//! and soft line breaks. Images become their alt text (pictures come through a
//! separate field); thematic breaks (`---`) only separate blocks.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// One Markdown text converted for every output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Converted {
    /// Sanitised HTML fragment for email and web. Headings are `h3`/`h4`
    /// because the page already has `h1` and `h2`.
    pub html: String,
    /// Typst *markup* (to be evaluated in markup mode). All user text is
    /// escaped; structure is expressed only with calls to `strong`, `emph`,
    /// `link`, `list`, `enum`, `raw`, `quote`, `linebreak` and `heading`, so
    /// nothing in it can execute code or read files.
    pub typst: String,
    /// Plain text for the email's text part: one line per paragraph (the
    /// caller wraps), blocks separated by a blank line, no trailing spaces and
    /// no trailing newline.
    pub text: String,
}

/// Converts one Markdown text for every output.
///
/// Headings are mapped relative to the shallowest heading in the text: the
/// shallowest becomes `h3` (Typst level 3) and every deeper one `h4` (level
/// 4), so it does not matter whether the author starts from `#` or `##`.
/// Links keep their target only for `http`, `https` and `mailto`; other links
/// (`javascript:`, relative paths, …) keep just their text.
pub fn convert(markdown: &str) -> Converted {
    let normalized = keep_numbers_together(&normalize(markdown));
    let blocks = parse(&normalized);
    // Relative heading levels: see the doc comment above.
    let top = min_heading_level(&blocks).unwrap_or(1);
    Converted {
        html: html::render(&blocks, top),
        typst: typst::render(&blocks, top),
        text: text::render(&blocks),
    }
}

/// Turns the spaces inside numbers and between a number and its unit
/// ("1 000 000 €", "80 %") into no-break spaces, so no output wraps there.
pub fn keep_numbers_together(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && match chars.get(i + 1) {
                Some('€' | '%') => true,
                Some(d) if d.is_ascii_digit() => {
                    let group = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    let before = chars[..i]
                        .iter()
                        .rev()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    // "040 123 4567" is a phone number, not thousands; a group
                    // after one already joined ("1 000 000") continues a number.
                    let start = i - before;
                    let continues = start > 0 && out[start - 1] == '\u{a0}';
                    let leading_zero = before > 1 && chars[start] == '0' && !continues;
                    group == 3 && before <= 3 && !leading_zero
                }
                _ => false,
            };
        out.push(if joins { '\u{a0}' } else { c });
    }
    out.into_iter().collect()
}

/// Escapes a plain (non-Markdown) string so it can be placed into Typst markup
/// as literal text, for example a title or a name.
///
/// Every ASCII punctuation character gets a backslash: Typst's lexer reads
/// `\` followed by any non-space character other than `u{` as an escape of that
/// character, and all of Typst's markup syntax (``# [ ] $ @ * _ ` < > ~ / - +
/// = . : ' "`` and the `\` itself) is made of ASCII punctuation, so no user
/// character can start markup, code, math, a comment, a label, a reference, a
/// shorthand or an automatic link. Letters (thus `u`) and digits are never
/// escaped, so `\u{…}` is never produced. Line breaks (including the ones only
/// Typst treats as line breaks, like U+2028) and tabs become a space; other
/// control characters are dropped, as they have no visible form.
pub fn typst_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    typst::push_text(&mut out, text);
    out
}

/// Every link destination in the Markdown with its byte range in the input,
/// for checks (only `https`, `http` and `mailto` are allowed).
///
/// The destination is reported as [`convert`] uses it: an email autolink
/// `<nimi@example.fi>` is reported as `mailto:nimi@example.fi`. The range
/// covers the destination text where it can be found verbatim, otherwise the
/// whole link; for reference links (`[teksti][viite]`) it points at the
/// reference definition, where the destination is written. A destination used
/// several times through one definition is reported once. Images are not
/// included: they are rendered as their alt text, so their destinations never
/// reach any output.
pub fn links(markdown: &str) -> Vec<(String, Range<usize>)> {
    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();
    // Collect first: the reference definitions can only be borrowed from the
    // parser while it is not being iterated.
    let found: Vec<_> = parser
        .by_ref()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Some((link_type, dest_url, title, id, range)),
            _ => None,
        })
        .collect();
    let definitions = parser.reference_definitions();

    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    let mut seen = HashSet::new();
    for (link_type, dest, title, id, range) in found {
        let mut span = range;
        let mut title: &str = &title;
        if matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        ) && let Some(definition) = definitions.get(&id)
        {
            span = definition.span.clone();
            title = definition.title.as_deref().unwrap_or_default();
        }
        let span = narrow_to(markdown, span, &dest, title);
        let entry = (link_target(link_type, &dest), span);
        if seen.insert(entry.clone()) {
            out.push(entry);
        }
    }
    out
}

/// Narrows `span` to where `dest` is written inside it, if it is there
/// verbatim (it is not when it contains escapes or entities).
fn narrow_to(source: &str, span: Range<usize>, dest: &str, title: &str) -> Range<usize> {
    let Some(slice) = source.get(span.clone()) else {
        return span;
    };
    if dest.is_empty() {
        return span;
    }
    // The title comes after the destination, and may repeat it.
    let before_title = match title {
        "" => slice,
        title => slice
            .rfind(title)
            .and_then(|at| slice.get(..at))
            .unwrap_or(slice),
    };
    match before_title.rfind(dest) {
        Some(at) => span.start + at..span.start + at + dest.len(),
        None => span,
    }
}

/// CommonMark only: no extensions, so that what authors write means what the
/// CommonMark spec says. Smart punctuation is off because it would produce
/// English quotation marks in Finnish text.
fn options() -> Options {
    Options::empty()
}

/// The destination a link really has: email autolinks are written without
/// the `mailto:` that they get.
fn link_target(link_type: LinkType, dest: &str) -> String {
    match link_type {
        LinkType::Email => format!("mailto:{dest}"),
        _ => dest.to_owned(),
    }
}

/// Whether a link target may be linked to: `http://…`, `https://…` or
/// `mailto:…`. Anything else, including relative links (which do not work in
/// an email) fails closed.
fn is_allowed_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if scheme.eq_ignore_ascii_case("mailto") {
        return !rest.is_empty();
    }
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && rest.len() > 2
        && rest.starts_with("//")
}

/// The URL as shown to a reader: without `mailto:`.
fn display_url(url: &str) -> &str {
    match url.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("mailto:") => url.get(7..).unwrap_or(url),
        _ => url,
    }
}

/// Line endings become `\n`; characters that are line breaks for Typst but
/// not for Markdown (vertical tab, form feed, NEL, U+2028, U+2029) become a
/// space so that every output sees the same structure; other control
/// characters are dropped (they are invisible and some are harmful in a
/// terminal that shows the text part).
fn normalize(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A block of the document tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Paragraph(Vec<Inline>),
    /// Inline content of a tight list item, which is not wrapped in a
    /// paragraph.
    Plain(Vec<Inline>),
    Heading {
        /// Markdown level, 1–6.
        level: u8,
        content: Vec<Inline>,
    },
    List {
        /// The first number of a numbered list; `None` for a bullet list.
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code(String),
}

/// Inline content of the document tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Inline {
    Text(String),
    Code(String),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    /// Only links with an allowed target are in the tree; others are replaced
    /// by their content while parsing.
    Link {
        url: String,
        content: Vec<Inline>,
    },
    SoftBreak,
    HardBreak,
}

/// Containers nested deeper than this are flattened into their parent. Deep
/// nesting has no use in a newsletter, and without a limit a hostile text
/// like 10 000 `>` would overflow the stack of the recursive renderers and
/// exceed the nesting limit of Typst's parser.
const MAX_NESTING: usize = 16;

/// A container being filled while parsing.
enum Frame {
    Blocks {
        kind: Container,
        blocks: Vec<Block>,
        /// Inline content outside any paragraph (tight list items), flushed
        /// into a [`Block::Plain`] when a block follows or the container
        /// ends.
        plain: Vec<Inline>,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Inlines {
        kind: Span,
        content: Vec<Inline>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Root,
    Item,
    Quote,
    /// Too deep, or not supported: its blocks go to the parent.
    Flatten,
}

enum Span {
    Paragraph,
    Heading(u8),
    HtmlBlock,
    CodeBlock,
    Strong,
    Emph,
    /// `None` when the target is not allowed.
    Link(Option<String>),
    Image,
    /// Too deep, or not supported: its content goes to the parent.
    Transparent,
}

impl Frame {
    fn blocks(kind: Container) -> Self {
        Frame::Blocks {
            kind,
            blocks: Vec::new(),
            plain: Vec::new(),
        }
    }

    fn inlines(kind: Span) -> Self {
        Frame::Inlines {
            kind,
            content: Vec::new(),
        }
    }
}

/// Parses normalised Markdown into the document tree.
fn parse(markdown: &str) -> Vec<Block> {
    let mut builder = Builder {
        stack: vec![Frame::blocks(Container::Root)],
    };
    for event in Parser::new_ext(markdown, options()) {
        builder.event(event);
    }
    builder.finish()
}

struct Builder {
    /// Open containers; the root is always at the bottom.
    stack: Vec<Frame>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(_) => self.end(),
            // Raw HTML is shown as the text it is.
            Event::Text(text)
            | Event::Html(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::FootnoteReference(text) => self.push_inline(Inline::Text(text.into_string())),
            Event::Code(code) => self.push_inline(Inline::Code(code.into_string())),
            Event::SoftBreak => self.push_inline(Inline::SoftBreak),
            Event::HardBreak => self.push_inline(Inline::HardBreak),
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let deep = self.stack.len() >= MAX_NESTING;
        let in_list = matches!(self.stack.last(), Some(Frame::List { .. }));
        let frame = match tag {
            Tag::Paragraph => Frame::inlines(Span::Paragraph),
            Tag::Heading { level, .. } => Frame::inlines(Span::Heading(level as u8)),
            Tag::CodeBlock(_) => Frame::inlines(Span::CodeBlock),
            Tag::HtmlBlock => Frame::inlines(Span::HtmlBlock),
            Tag::BlockQuote(_) if !deep => Frame::blocks(Container::Quote),
            Tag::List(start) if !deep => Frame::List {
                start,
                items: Vec::new(),
            },
            // An item belongs to its list even at the limit, so that a list
            // is never split into one item per block.
            Tag::Item if in_list => Frame::blocks(Container::Item),
            Tag::Emphasis if !deep => Frame::inlines(Span::Emph),
            Tag::Strong if !deep => Frame::inlines(Span::Strong),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } if !deep => {
                let url = link_target(link_type, &dest_url);
                Frame::inlines(Span::Link(is_allowed_url(&url).then_some(url)))
            }
            Tag::Image { .. } => Frame::inlines(Span::Image),
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Item => Frame::blocks(Container::Flatten),
            _ => Frame::inlines(Span::Transparent),
        };
        self.stack.push(frame);
    }

    fn end(&mut self) {
        // Never pop the root, even for an unbalanced end.
        if self.stack.len() <= 1 {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Blocks {
                kind,
                mut blocks,
                plain,
            } => {
                flush_plain(&mut blocks, plain);
                match kind {
                    Container::Item => self.push_item(blocks),
                    Container::Quote if !blocks.is_empty() => self.push_block(Block::Quote(blocks)),
                    Container::Quote => {}
                    Container::Root | Container::Flatten => {
                        for block in blocks {
                            self.push_block(block);
                        }
                    }
                }
            }
            Frame::List { start, items } => {
                // CommonMark wraps the items of a loose list in paragraphs.
                let tight = !items.iter().any(|item| {
                    item.iter()
                        .any(|block| matches!(block, Block::Paragraph(_)))
                });
                self.push_block(Block::List {
                    start,
                    tight,
                    items,
                });
            }
            Frame::Inlines { kind, content } => self.end_inlines(kind, content),
        }
    }

    fn end_inlines(&mut self, kind: Span, content: Vec<Inline>) {
        match kind {
            Span::Paragraph if !content.is_empty() => self.push_block(Block::Paragraph(content)),
            Span::Heading(level) if has_visible(&content) => {
                self.push_block(Block::Heading { level, content });
            }
            Span::HtmlBlock => {
                let lines = html_block_lines(&plain_text(&content));
                if !lines.is_empty() {
                    self.push_block(Block::Paragraph(lines));
                }
            }
            Span::CodeBlock => {
                let code = plain_text(&content);
                let code = code.trim_end_matches('\n');
                if !code.trim().is_empty() {
                    self.push_block(Block::Code(code.to_owned()));
                }
            }
            Span::Paragraph | Span::Heading(_) => {}
            Span::Strong => self.push_inline(Inline::Strong(content)),
            Span::Emph => self.push_inline(Inline::Emph(content)),
            Span::Link(Some(url)) => {
                // A link without text would be invisible: show the address.
                let content = if has_visible(&content) {
                    content
                } else {
                    vec![Inline::Text(display_url(&url).to_owned())]
                };
                self.push_inline(Inline::Link { url, content });
            }
            Span::Link(None) | Span::Transparent => {
                for inline in content {
                    self.push_inline(inline);
                }
            }
            // Alt text is plain text in CommonMark.
            Span::Image => self.push_inline(Inline::Text(plain_text(&content))),
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines { content, .. }) => push_merged(content, inline),
            Some(Frame::Blocks { plain, .. }) => push_merged(plain, inline),
            // Not produced by the parser; kept rather than lost.
            Some(Frame::List { items, .. }) => items.push(vec![Block::Plain(vec![inline])]),
            None => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks { blocks, plain, .. }) => {
                flush_plain(blocks, std::mem::take(plain));
                blocks.push(block);
            }
            Some(Frame::List { items, .. }) => items.push(vec![block]),
            // Not produced by the parser; kept as text rather than lost.
            Some(Frame::Inlines { content, .. }) => {
                push_merged(content, Inline::Text(block_text(&block)));
            }
            None => {}
        }
    }

    fn push_item(&mut self, item: Vec<Block>) {
        if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
            items.push(item);
        } else {
            for block in item {
                self.push_block(block);
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        while self.stack.len() > 1 {
            self.end();
        }
        match self.stack.pop() {
            Some(Frame::Blocks {
                mut blocks, plain, ..
            }) => {
                flush_plain(&mut blocks, plain);
                blocks
            }
            _ => Vec::new(),
        }
    }
}

/// Appends inline content, merging adjacent text (the parser splits text at
/// every character that might have been syntax).
fn push_merged(content: &mut Vec<Inline>, inline: Inline) {
    match (content.last_mut(), inline) {
        (_, Inline::Text(text)) if text.is_empty() => {}
        (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
        (_, inline) => content.push(inline),
    }
}

fn flush_plain(blocks: &mut Vec<Block>, plain: Vec<Inline>) {
    if !plain.is_empty() {
        blocks.push(Block::Plain(plain));
    }
}

/// The lines of a raw HTML block as one paragraph of text.
fn html_block_lines(html: &str) -> Vec<Inline> {
    let mut content = Vec::new();
    for line in html.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if !content.is_empty() {
            content.push(Inline::SoftBreak);
        }
        content.push(Inline::Text(line.to_owned()));
    }
    content
}

/// Inline content as plain text, without link targets.
fn plain_text(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Strong(content) | Inline::Emph(content) | Inline::Link { content, .. } => {
                out.push_str(&plain_text(content));
            }
            Inline::SoftBreak => out.push(' '),
            Inline::HardBreak => out.push('\n'),
        }
    }
    out
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph(content) | Block::Plain(content) | Block::Heading { content, .. } => {
            plain_text(content)
        }
        Block::Code(code) => code.clone(),
        Block::Quote(blocks) => blocks.iter().map(block_text).collect::<Vec<_>>().join("\n"),
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .map(block_text)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn has_visible(content: &[Inline]) -> bool {
    !plain_text(content).trim().is_empty()
}

fn min_heading_level(blocks: &[Block]) -> Option<u8> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level, .. } => Some(*level),
            Block::Quote(blocks) => min_heading_level(blocks),
            Block::List { items, .. } => items
                .iter()
                .filter_map(|item| min_heading_level(item))
                .min(),
            Block::Paragraph(_) | Block::Plain(_) | Block::Code(_) => None,
        })
        .min()
}

/// The output heading rank: 3 for the shallowest heading of the text, 4 for
/// the deeper ones.
fn heading_rank(level: u8, top: u8) -> u8 {
    if level <= top { 3 } else { 4 }
}

/// HTML output: a small writer for the supported constructs, then ammonia
/// with an explicit allow-list as a second line of defence.
mod html;

/// Appends `text` escaped for HTML element content and for single- or
/// double-quoted attribute values.
pub fn push_html_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        push_html_escaped_char(out, c);
    }
}

/// Appends one character as [`push_html_escaped`] does.
pub fn push_html_escaped_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// Typst markup output.
mod typst;

/// Plain text output.
mod text;

#[cfg(test)]
mod nbsp_tests {
    use super::keep_numbers_together as k;

    #[test]
    fn numbers_stay_together() {
        assert_eq!(
            k("1 000 000 € ja 80 %"),
            "1\u{a0}000\u{a0}000\u{a0}€ ja 80\u{a0}%"
        );
        assert_eq!(
            k("vuonna 2021 100 osallistujaa"),
            "vuonna 2021 100 osallistujaa"
        );
        assert_eq!(k("puh. 040 123 4567"), "puh. 040 123 4567");
        assert_eq!(k("5 kuntaa"), "5 kuntaa");
    }
}

#[cfg(test)]
mod tests;
