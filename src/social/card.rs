//! What the card template is given for one page.

use serde::Serialize;
use tera::Context;

use super::{HEIGHT, WIDTH};
use crate::model::{Page, PageRole, Site};

/// The most characters a line of the title holds: the default card's 68 px bold
/// letters average under 36 px, and its text area is 1040 px wide.
pub(super) const LINE_CHARS: usize = 28;
/// The most lines of the title; a longer title ends its last line with `…`.
pub(super) const MAX_LINES: usize = 3;

/// The card's data, as the template sees it.
#[derive(Debug, Serialize)]
struct CardContext<'a> {
    /// The page's title, whole.
    title: &'a str,
    /// The title wrapped at word boundaries ([`wrap`]).
    title_lines: Vec<String>,
    /// The title of the section the page is in (for a section's hub page, the section
    /// above); empty on the home page and on pages outside any section.
    section: &'a str,
    /// The site's title.
    site_name: &'a str,
    /// The card's size in pixels.
    width: u32,
    height: u32,
}

/// The template context of `page`'s card.
pub(super) fn context(site: &Site, page: &Page) -> Context {
    let section = match page.role {
        PageRole::Article(c) => Some(c),
        PageRole::Hub(c) => site.clusters[c].parent,
        PageRole::Home | PageRole::Standalone => None,
    };
    let card = CardContext {
        title: &page.title,
        title_lines: wrap(&page.title, LINE_CHARS, MAX_LINES),
        section: section.map_or("", |c| site.cluster_title(c)),
        site_name: &site.config.title,
        width: WIDTH,
        height: HEIGHT,
    };
    Context::from_serialize(&card).unwrap_or_default()
}

/// `text` in at most `max_lines` lines of at most `width` characters, broken between
/// words (a word longer than a line is cut). Text left over shortens the last line,
/// which then ends with `…`.
pub(super) fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut chars_in_line = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let gap = usize::from(chars_in_line > 0);
            if chars_in_line + gap + word.len() <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.extend(&word);
                chars_in_line += gap + word.len();
                break;
            }
            if chars_in_line > 0 {
                lines.push(std::mem::take(&mut line));
                chars_in_line = 0;
                continue;
            }
            // A word longer than a whole line: cut it.
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if chars_in_line > 0 {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = with_ellipsis(last, width);
        }
    }
    lines
}

/// `line` ending with `…` within `width` characters, cut at a word where it can be.
fn with_ellipsis(line: &str, width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut keep = chars.len().min(width.saturating_sub(1));
    if keep < chars.len()
        && let Some(space) = chars[..keep].iter().rposition(|c| *c == ' ')
    {
        keep = space;
    }
    let kept: String = chars[..keep].iter().collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A short title stays one line.
    #[test]
    fn a_short_title_is_one_line() {
        assert_eq!(wrap("Pricing", 28, 3), ["Pricing"]);
    }

    /// Lines break between words and never pass the width.
    #[test]
    fn long_titles_break_between_words() {
        let lines = wrap("What a fractional CRO does in the first ninety days", 28, 3);
        assert_eq!(
            lines,
            ["What a fractional CRO does", "in the first ninety days"]
        );
    }

    /// Past the last line the title is cut at a word and ends with an ellipsis.
    #[test]
    fn a_title_past_three_lines_ends_with_an_ellipsis() {
        let title = "one two three four five six seven eight nine ten eleven twelve";
        let lines = wrap(title, 14, 3);
        assert_eq!(lines, ["one two three", "four five six", "seven eight…"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 14));
    }

    /// A word longer than a line is cut rather than overflowing the card.
    #[test]
    fn an_overlong_word_is_cut() {
        assert_eq!(wrap("Donaudampfschiff", 6, 3), ["Donaud", "ampfsc", "hiff"]);
        assert_eq!(wrap("Donaudampfschifffahrt", 6, 2), ["Donaud", "ampfs…"]);
    }
}
