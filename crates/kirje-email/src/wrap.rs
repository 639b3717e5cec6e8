//! Wrapping the plain-text part at 72 columns.
//!
//! Lines break only at ASCII spaces: a no-break space (U+00A0, which the
//! locale layer puts in "1 000 000 €" and "80 %") or a narrow no-break space
//! holds its neighbours together, and a word longer than the line — a URL —
//! is never cut; it gets a line of its own. List items keep a hanging indent
//! so the text under a bullet lines up.

/// Where the plain text wraps.
pub const TEXT_WIDTH: usize = 72;

/// Wraps every line of `text` at `width` columns (counted in characters) and
/// removes trailing spaces.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.lines() {
        wrap_line(line.trim_end(), width, &mut out);
    }
    out
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    if line.chars().count() <= width {
        out.push_str(line);
        out.push('\n');
        return;
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let bullet_chars = bullet_width(rest);
    let bullet_bytes = rest
        .char_indices()
        .nth(bullet_chars)
        .map_or(rest.len(), |(i, _)| i);
    let (bullet, body) = rest.split_at(bullet_bytes);
    let hang = indent + bullet_chars;
    let prefix = " ".repeat(hang);
    let mut current = format!("{}{bullet}", &line[..indent]);
    let mut current_width = hang;
    let mut empty = true;
    for word in body.split(' ').filter(|w| !w.is_empty()) {
        let w = word.chars().count();
        if !empty && current_width + 1 + w > width {
            out.push_str(&current);
            out.push('\n');
            current.clone_from(&prefix);
            current_width = hang;
            empty = true;
        }
        if !empty {
            current.push(' ');
            current_width += 1;
        }
        current.push_str(word);
        current_width += w;
        empty = false;
    }
    out.push_str(current.trim_end());
    out.push('\n');
}

/// The width of a list marker with its space ("- " is 2, "12. " is 4), or 0.
fn bullet_width(s: &str) -> usize {
    for b in ["- ", "* ", "• "] {
        if s.starts_with(b) {
            return b.chars().count();
        }
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 && s[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.lines().collect()
    }

    #[test]
    fn short_lines_stay() {
        assert_eq!(wrap("a b\n\nc  \n", 72), "a b\n\nc\n");
    }

    #[test]
    fn wraps_at_the_width() {
        let text = "word ".repeat(30);
        let out = wrap(&text, 72);
        for l in out.lines() {
            assert!(l.chars().count() <= 72, "{l:?}");
        }
        assert_eq!(out.replace('\n', " ").trim(), text.trim());
    }

    #[test]
    fn never_breaks_a_url() {
        let url = format!("https://example.org/{}", "a".repeat(90));
        let out = wrap(&format!("Lue lisää: {url} tästä."), 72);
        assert_eq!(lines(&out), vec!["Lue lisää:", url.as_str(), "tästä."]);
    }

    #[test]
    fn keeps_no_break_spaces() {
        let text = format!("{} 1\u{a0}000\u{a0}000\u{a0}€", "x".repeat(62));
        let out = wrap(&text, 72);
        assert_eq!(
            lines(&out),
            vec!["x".repeat(62).as_str(), "1\u{a0}000\u{a0}000\u{a0}€"]
        );
    }

    #[test]
    fn hangs_list_items() {
        let text = format!("- {}", "sana ".repeat(20));
        let out = wrap(&text, 40);
        let ls = lines(&out);
        assert!(ls[0].starts_with("- sana"));
        assert!(ls[1..].iter().all(|l| l.starts_with("  sana")), "{ls:?}");
        let text = format!("  12. {}", "sana ".repeat(20));
        let out = wrap(&text, 40);
        let ls = lines(&out);
        assert!(ls[0].starts_with("  12. sana"));
        assert!(
            ls[1..].iter().all(|l| l.starts_with("      sana")),
            "{ls:?}"
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let text = "ääää ".repeat(14);
        let out = wrap(text.trim(), 72);
        assert_eq!(out.lines().count(), 1);
    }
}
