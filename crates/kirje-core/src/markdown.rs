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
mod html {
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
                    Some(start) if *start != 1 => {
                        out.push_str(&format!("<ol start=\"{start}\">\n"))
                    }
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
}

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
mod typst {
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
}

/// Plain text output.
mod text {
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
                Block::Paragraph(content)
                | Block::Plain(content)
                | Block::Heading { content, .. } => {
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
}

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
mod tests {
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
                Event::Text(text)
                | Event::Code(text)
                | Event::Html(text)
                | Event::InlineHtml(text) => text.into_string(),
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
                if !ok || value.contains("javascript:") || key.contains("on") {
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
}
