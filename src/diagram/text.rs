//! The size text takes, estimated without fonts: a diagram is laid out the same on
//! every machine, so the same source always gives the same bytes.

/// The font size diagrams are drawn at, in pixels.
pub(super) const FONT_SIZE: f64 = 14.0;

/// The height of a line of text, in pixels.
pub(super) const LINE_HEIGHT: f64 = 18.0;

/// The width `text` takes at [`FONT_SIZE`] in a common sans-serif font, a little
/// generous so that no real font overflows the box drawn around it.
pub(super) fn width(text: &str) -> f64 {
    let ems: f64 = text.chars().map(char_width).sum();
    (ems * FONT_SIZE).ceil()
}

/// The width of `c` in ems, by the class of glyph it is.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.3,
        'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '-' => 0.4,
        'm' | 'w' | 'M' | 'W' => 0.95,
        'A'..='Z' => 0.72,
        c if c.is_ascii() => 0.6,
        // Wide scripts (CJK) take a full em; other letters about as much as capitals.
        c if is_wide(c) => 1.0,
        _ => 0.72,
    }
}

/// Is `c` of a script whose glyphs are a full em wide (CJK, Hangul, kana)?
fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}')
}

/// The lines of a label: it breaks at each `<br>` (`<br/>`, `<br />`), as in Mermaid.
pub(super) fn lines(label: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = label;
    while let Some(at) = rest.find("<br") {
        let after = &rest[at + 3..];
        let Some(end) = after.find('>') else { break };
        if !after[..end].trim_end_matches('/').trim().is_empty() {
            break;
        }
        out.push(rest[..at].trim());
        rest = &after[end + 1..];
    }
    out.push(rest.trim());
    out
}

/// The width of the widest of `lines`.
pub(super) fn block_width(lines: &[&str]) -> f64 {
    lines.iter().map(|line| width(line)).fold(0.0, f64::max)
}

/// `value` as SVG writes it: whole pixels, or one decimal where needed.
pub(super) fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_letters_take_more_room_than_narrow_ones() {
        assert!(width("MMMM") > width("iiii"));
        assert_eq!(width(""), 0.0);
        assert!(width("日本") >= 2.0 * FONT_SIZE);
    }

    #[test]
    fn labels_break_at_br() {
        assert_eq!(
            lines("one<br>two<br/>three <br /> four"),
            ["one", "two", "three", "four"]
        );
        assert_eq!(lines("a <b> c"), ["a <b> c"]);
        assert_eq!(lines("open <br"), ["open <br"]);
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.04), "0");
    }
}
