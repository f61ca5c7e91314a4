//! Line wrapping by Unicode line-breaking rules (UAX #14) with Japanese line-start/line-end rules.
//!
//! Break opportunities come from `unicode-linebreak` (UAX #14; LB1 resolves CJ to NS, so small
//! kana and `ー` already cannot start a line) and are then filtered by the kinsoku rules below.
//! Lines are filled by textwrap's first-fit algorithm. A word wider than the line is split
//! between graphemes; a split that would break a kinsoku rule is moved earlier, and only when no
//! earlier split exists (a run of forbidden characters wider than the line) is the rule broken.
//!
//! Conventions:
//! - `'\n'` is a hard break. As with `str::lines`, a final `'\n'` ends the last line instead of
//!   starting a new one: `""` gives no lines, `"\n"` one empty line, `"a\n"` just `"a"`, and
//!   `"a\n\nb"` gives `"a"`, `""`, `"b"`. A blank (whitespace-only) line gives one empty line.
//! - Whitespace at a break, at the end of a hard line and before `'\n'` (including `'\r'`) is
//!   dropped; leading whitespace of a hard line is kept as indentation only when the hard line fits
//!   on one line.
//! - A line is wider than the width only when it is a single grapheme wider than the width.

use std::ops::Range;

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width in terminal columns: East Asian ambiguous characters count two when the
/// terminal draws them so (see `ui::glyphs`).
pub fn display_width(s: &str) -> usize {
    if crate::glyphs::wide() {
        UnicodeWidthStr::width_cjk(s)
    } else {
        UnicodeWidthStr::width(s)
    }
}

/// The byte ranges of `text` that make up each wrapped line at `width` columns (width 0 is treated as 1).
/// Ranges are in order, do not overlap, exclude the dropped whitespace at breaks and the '\n' of hard breaks.
pub fn line_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    wrap_with(text, width, |range| out.push(range));
    out
}

/// The wrapped lines as slices of `text`.
pub fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut out = Vec::new();
    wrap_with(text, width, |range| out.push(&text[range]));
    out
}

/// `line` (one line of text output, its leading spaces its indent) wrapped at `width`
/// columns, the lines after the first indented `more` columns further; joined by '\n', with
/// none at the end. A line that fits comes back as it is.
pub fn hanging(line: &str, width: usize, more: usize) -> String {
    if display_width(line) <= width {
        return line.to_string();
    }
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    let mut out = String::with_capacity(line.len() + 16);
    for (n, part) in wrap(body, width.saturating_sub(indent + more))
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            out.push('\n');
        }
        let pad = if n == 0 { indent } else { indent + more };
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(part);
    }
    out
}

/// `line`, then `extra` two spaces after it when both fit `width` columns; else `extra`
/// wrapped on the lines below, each indented `indent` columns (a note, a mark, who recorded
/// it: read whole without running past the terminal).
pub fn beside_or_below(mut line: String, extra: &str, width: usize, indent: usize) -> String {
    if extra.is_empty() {
        return line;
    }
    if display_width(&line) + 2 + display_width(extra) <= width {
        line.push_str("  ");
        line.push_str(extra);
        return line;
    }
    for part in wrap(extra, width.saturating_sub(indent)) {
        line.push('\n');
        line.extend(std::iter::repeat_n(' ', indent));
        line.push_str(part);
    }
    line
}

/// No line may start with one of these (kinsoku: closing brackets, punctuation, small kana,
/// iteration and prolonged-sound marks).
fn is_forbidden_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '・'
            | '：'
            | '；'
            | '？'
            | '！'
            | 'ー'
            | '」'
            | '』'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '】'
            | '〙'
            | '〗'
            | '〟'
            | '’'
            | '”'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '々'
            | '〻'
            | '‐'
            | '゠'
            | '–'
            | '〜'
            | '～'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ㇰ'..='ㇿ'
            | 'ｧ'..='ｯ'
            // Half-width forms of the punctuation above.
            | '｡'
            | '｣'
            | '､'
            | '･'
            | 'ｰ'
            | ','
            | '.'
            | ')'
            | ']'
            | '}'
            | '!'
            | '?'
            | ':'
            | ';'
            | '%'
    )
}

/// No line may end with one of these (opening brackets and quotes).
fn is_forbidden_end(c: char) -> bool {
    matches!(
        c,
        '「' | '『'
            | '（'
            | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｢'
            | '('
            | '['
            | '{'
    )
}

/// Whitespace that may be dropped at a break. No-break spaces are content: UAX #14 never breaks
/// after them, and dropping them at the end of a hard line would lose a deliberate space.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// A run of text between two break opportunities: `start..word_end` is shown, `word_end..end`
/// is whitespace that is dropped when the line breaks after it.
#[derive(Debug, Clone, Copy)]
struct Frag {
    start: usize,
    word_end: usize,
    end: usize,
    width: usize,
    ws_width: usize,
}

impl Fragment for Frag {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.ws_width as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps `text`, handing each line's byte range to `emit` so both public functions build only
/// their own result.
fn wrap_with(text: &str, width: usize, mut emit: impl FnMut(Range<usize>)) {
    let width = width.max(1);
    let mut frags = Vec::new();
    let mut start = 0;
    for hard_line in text.split_inclusive('\n') {
        wrap_hard_line(
            text,
            start,
            start + hard_line.len(),
            width,
            &mut frags,
            &mut emit,
        );
        start += hard_line.len();
    }
}

/// Wraps `text[start..end]`, one hard line including its '\n'.
fn wrap_hard_line(
    text: &str,
    start: usize,
    end: usize,
    width: usize,
    frags: &mut Vec<Frag>,
    emit: &mut impl FnMut(Range<usize>),
) {
    let content_end = start + text[start..end].trim_end_matches(is_break_space).len();
    // No character or sequence is wider than its UTF-8 length (wide characters take 3 or more
    // bytes), so a line with no more bytes than columns fits without measuring.
    if content_end - start <= width {
        emit(start..content_end);
        return;
    }
    if display_width(&text[start..content_end]) <= width {
        emit(start..content_end);
        return;
    }
    // A hard line that needs wrapping loses its leading whitespace: kept as indentation, it
    // could push the first word into a forced split that breaks the line-start rules.
    let start = content_end
        - text[start..content_end]
            .trim_start_matches(is_break_space)
            .len();
    frags.clear();
    collect_frags(text, start, content_end, width, frags);
    let mut emitted = false;
    for line in wrap_first_fit(frags, &[width as f64]) {
        if let (Some(first), Some(last)) = (line.first(), line.last()) {
            // Empty when the line holds only the indentation that did not fit with the first
            // word; that whitespace is dropped at the break like any other.
            if first.start < last.word_end {
                emit(first.start..last.word_end);
                emitted = true;
            }
        }
    }
    if !emitted {
        emit(start..start);
    }
}

/// Splits `text[start..end]` (a hard line without its trailing whitespace) into fragments at
/// the UAX #14 break opportunities that the kinsoku rules allow.
fn collect_frags(text: &str, start: usize, end: usize, width: usize, frags: &mut Vec<Frag>) {
    let mut seg_start = start;
    let urls = url_ranges(&text[start..end]);
    let paths = path_ranges(&text[start..end], &urls);
    // The product's name is one word to its readers: never broken at its space.
    let names = NAMES.iter().flat_map(|name| {
        text[start..end]
            .match_indices(name)
            .map(|(at, n)| at..at + n.len())
    });
    // A web address that fits on a line of its own (with room for a closing mark after it,
    // which may not start a line) is never split: it moves whole to the next line, so that
    // it can be read and typed in one piece. Only a wider one breaks, after a '/'.
    // One glued to the word before it (`Help:https://…`, no break between) is left to break
    // after a '/', as the two would otherwise be split at any character to fit.
    let whole = urls
        .iter()
        .filter(|u| display_width(&text[start + u.start..start + u.end]) + 2 <= width)
        .filter(|u| {
            text[start..start + u.start]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || !c.is_ascii())
        });
    // Never broken inside (one wider than the line is still split to fit).
    let unbroken: Vec<Range<usize>> = paths.iter().chain(whole).cloned().chain(names).collect();
    // Mandatory breaks other than '\n' (a lone '\r', U+2028) are treated as plain opportunities;
    // the final opportunity at `end` is handled after the loop.
    // A path may also start a line after a space (UAX #14 does not break before a '/'): its
    // start is merged, in order, into the opportunities.
    let line = &text[start..end];
    let mut breaks = linebreaks(line).map(|(o, _)| o).peekable();
    let mut path_starts = paths
        .iter()
        .map(|p| p.start)
        .filter(|&at| line[..at].ends_with(is_break_space))
        .peekable();
    let opportunities = std::iter::from_fn(|| match (breaks.peek(), path_starts.peek()) {
        (Some(&b), Some(&p)) if p <= b => {
            if p == b {
                breaks.next();
            }
            path_starts.next()
        }
        (Some(_), _) => breaks.next(),
        (None, _) => path_starts.next(),
    });
    for offset in opportunities {
        let at = start + offset;
        if at >= end
            || !break_allowed(&text[start..at], &text[at..end])
            || !url_break_allowed(&text[start..end], offset, &urls)
            || unbroken.iter().any(|r| r.start < offset && offset < r.end)
        {
            continue;
        }
        push_segment(text, seg_start, at, width, frags);
        seg_start = at;
    }
    push_segment(text, seg_start, end, width, frags);
}

/// Names that are never broken at a line's end (a line narrower than one still splits it).
const NAMES: [&str; 1] = ["LINE WORKS"];

/// Where the web addresses (`http://`, `https://`) are in a hard line, as byte ranges.
fn url_ranges(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| line[from..].find(scheme))
        .min()
    {
        let start = from + found;
        let len = line[start..]
            .find(|c: char| {
                !c.is_ascii_graphic() || matches!(c, '(' | ')' | '<' | '>' | '"' | '\'')
            })
            .unwrap_or(line.len() - start);
        out.push(start..start + len);
        from = start + len.max(1);
    }
    out
}

/// Where the file paths are in a hard line (outside `urls`): runs of ASCII letters, digits and
/// punctuation holding a '/', such as `/srv/tebiki/ledger/k1.jsonl:12`. A path is never broken
/// inside (one wider than the line is still split to fit), so it can be copied whole.
fn path_ranges(line: &str, urls: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_graphic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_graphic() {
            i += 1;
        }
        let run = start..i;
        if line[run.clone()].contains('/')
            && !urls.iter().any(|u| u.start < run.end && run.start < u.end)
        {
            out.push(run);
        }
    }
    out
}

/// A web address breaks only after a '/' of its path, so a line never ends in the middle of
/// a host name or a path segment (a segment wider than the line is still split to fit).
fn url_break_allowed(line: &str, at: usize, urls: &[Range<usize>]) -> bool {
    let Some(url) = urls.iter().find(|u| u.start < at && at < u.end) else {
        return true;
    };
    let host = line[url.start..]
        .find("://")
        .map_or(url.start, |i| url.start + i + 3);
    at > host && line[..at].ends_with('/')
}

/// Whether the kinsoku rules allow a break between `before` and `after`, looking past the
/// whitespace that the break would drop.
fn break_allowed(before: &str, after: &str) -> bool {
    let prev = before.chars().rev().find(|&c| !is_break_space(c));
    let next = after.chars().find(|&c| !is_break_space(c));
    !prev.is_some_and(is_forbidden_end) && !next.is_some_and(is_forbidden_start)
}

/// Adds the segment `text[start..end]` as one fragment, or as several when it is wider than
/// the line.
fn push_segment(text: &str, start: usize, end: usize, width: usize, frags: &mut Vec<Frag>) {
    let word_end = start + text[start..end].trim_end_matches(is_break_space).len();
    let ws_width = display_width(&text[word_end..end]);
    if word_end == start {
        // Whitespace alone (e.g. an ideographic space, which UAX #14 lets a line start with)
        // belongs to the previous fragment, so it is dropped at a break rather than starting a
        // line. At the start of a hard line it stays as indentation.
        if let Some(prev) = frags.last_mut() {
            prev.end = end;
            prev.ws_width += ws_width;
            return;
        }
    }
    let frag = Frag {
        start,
        word_end,
        end,
        width: display_width(&text[start..word_end]),
        ws_width,
    };
    if frag.width > width {
        split_long(text, frag, width, frags);
    } else {
        frags.push(frag);
    }
}

/// Splits a fragment wider than the line into pieces that fit, between graphemes.
fn split_long(text: &str, frag: Frag, width: usize, frags: &mut Vec<Frag>) {
    let mut piece_start = frag.start;
    loop {
        let rest = &text[piece_start..frag.word_end];
        let mut cols = 0;
        let mut overflow = None;
        for (offset, grapheme) in rest.grapheme_indices(true) {
            let w = display_width(grapheme);
            // The first grapheme always goes in, even when it alone is wider than the line.
            if cols > 0 && cols + w > width {
                overflow = Some(piece_start + offset);
                break;
            }
            cols += w;
        }
        let Some(overflow) = overflow else {
            frags.push(Frag {
                start: piece_start,
                width: display_width(rest),
                ..frag
            });
            return;
        };
        let cut = kinsoku_cut(text, piece_start, overflow, frag.word_end);
        let word_end = piece_start
            + text[piece_start..cut]
                .trim_end_matches(is_break_space)
                .len();
        // The next piece starts after any whitespace at the cut, so no line starts with it.
        let next = frag.word_end
            - text[cut..frag.word_end]
                .trim_start_matches(is_break_space)
                .len();
        frags.push(Frag {
            start: piece_start,
            word_end,
            end: next,
            width: display_width(&text[piece_start..word_end]),
            ws_width: display_width(&text[word_end..next]),
        });
        piece_start = next;
    }
}

/// Where to cut a piece that starts at `piece_start` and overflows at `overflow`: the latest
/// grapheme boundary that keeps the kinsoku rules, or `overflow` itself when there is none.
fn kinsoku_cut(text: &str, piece_start: usize, overflow: usize, word_end: usize) -> usize {
    if cut_allowed(text, piece_start, overflow, word_end) {
        return overflow;
    }
    text[piece_start..overflow]
        .grapheme_indices(true)
        .rev()
        .map(|(offset, _)| piece_start + offset)
        .take_while(|&at| at > piece_start)
        .find(|&at| cut_allowed(text, piece_start, at, word_end))
        .unwrap_or(overflow)
}

/// Whether a cut at `at` leaves a non-blank piece and keeps the kinsoku rules. Graphemes are
/// judged by their base character, so a combining mark does not hide a bracket.
fn cut_allowed(text: &str, piece_start: usize, at: usize, word_end: usize) -> bool {
    let before = text[piece_start..at].trim_end_matches(is_break_space);
    let Some(prev) = before
        .graphemes(true)
        .next_back()
        .and_then(|g| g.chars().next())
    else {
        return false;
    };
    let next = text[at..word_end].chars().find(|&c| !is_break_space(c));
    !is_forbidden_end(prev) && !next.is_some_and(is_forbidden_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn first_base(s: &str) -> Option<char> {
        s.chars().next()
    }

    fn last_base(s: &str) -> Option<char> {
        s.graphemes(true).next_back().and_then(|g| g.chars().next())
    }

    /// Kinsoku validity of a break at grapheme boundary `at` inside the hard line
    /// `text[line_start..line_end]`, looking past whitespace as the wrapper does.
    fn boundary_ok(text: &str, line_start: usize, line_end: usize, at: usize) -> bool {
        let before = text[line_start..at].trim_end_matches(is_break_space);
        let after = text[at..line_end].trim_start_matches(is_break_space);
        !last_base(before).is_some_and(is_forbidden_end)
            && !first_base(after).is_some_and(is_forbidden_start)
    }

    /// A kinsoku violation at the break before `at` is unavoidable only when the text from the
    /// nearest valid boundary before it (or the hard line's start) through the grapheme at `at`
    /// is wider than the line: then some break inside that stretch is needed and every one of
    /// them breaks a rule.
    fn unavoidable(
        text: &str,
        line_start: usize,
        line_end: usize,
        at: usize,
        width: usize,
    ) -> bool {
        let through = at
            + text[at..line_end]
                .graphemes(true)
                .next()
                .map_or(0, str::len);
        let mut cols = display_width(&text[at..through]);
        // Walk back only as far as the line width, so long forbidden runs stay linear.
        for (i, g) in text[line_start..at].grapheme_indices(true).rev() {
            cols += display_width(g);
            if cols > width {
                return true;
            }
            let p = line_start + i;
            if p > line_start && boundary_ok(text, line_start, line_end, p) {
                return false;
            }
        }
        false
    }

    /// Checks every documented guarantee of `line_ranges(text, width)`.
    fn check(text: &str, width: usize) -> Vec<Range<usize>> {
        let ranges = line_ranges(text, width);
        let w = width.max(1);
        let mut pos = 0;
        for (i, r) in ranges.iter().enumerate() {
            assert!(
                r.start >= pos && r.start <= r.end,
                "{i}: {r:?} after {pos} in {text:?}"
            );
            let line = text.get(r.clone()).expect("ranges fall on char boundaries");
            let gap = &text[pos..r.start];
            assert!(
                gap.chars().all(char::is_whitespace),
                "lost {gap:?} in {text:?}"
            );
            assert!(
                gap.matches('\n').count() <= 1,
                "lost a line in {gap:?} of {text:?}"
            );
            // Only the first line of a hard line may start with whitespace (indentation).
            if i > 0 && !gap.contains('\n') {
                assert!(
                    !line.starts_with(is_break_space),
                    "line {line:?} starts with a space"
                );
            }
            assert!(
                !line.ends_with(is_break_space),
                "line {line:?} ends with a space"
            );
            assert!(!line.contains('\n'));
            assert!(
                display_width(line) <= w || line.graphemes(true).count() == 1,
                "line {line:?} wider than {w} in {text:?}"
            );
            pos = r.end;
        }
        assert!(
            text[pos..].chars().all(char::is_whitespace),
            "lost the end of {text:?}"
        );
        assert!(text[pos..].matches('\n').count() <= 1);
        assert_eq!(
            wrap(text, width),
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>()
        );

        // Kinsoku at every soft break (consecutive lines with no '\n' between them).
        for pair in ranges.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if text[a.end..b.start].contains('\n') {
                continue;
            }
            let line_start = text[..a.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[b.start..]
                .find('\n')
                .map_or(text.len(), |i| b.start + i);
            let bad_end = last_base(&text[a.clone()]).is_some_and(is_forbidden_end);
            let bad_start = first_base(&text[b.clone()]).is_some_and(is_forbidden_start);
            if bad_end || bad_start {
                assert!(
                    unavoidable(text, line_start, line_end, b.start, w),
                    "avoidable kinsoku break between {:?} and {:?} at width {w}",
                    &text[a.clone()],
                    &text[b.clone()]
                );
            }
        }
        ranges
    }

    fn lines(text: &str, width: usize) -> Vec<&str> {
        check(text, width);
        wrap(text, width)
    }

    #[test]
    fn english_at_20() {
        let text = "The quick brown fox jumps over the lazy dog and keeps running.";
        assert_eq!(
            lines(text, 20),
            [
                "The quick brown fox",
                "jumps over the lazy",
                "dog and keeps",
                "running."
            ]
        );
    }

    #[test]
    fn japanese_respects_kinsoku() {
        let text = "スマートフォンにLINE WORKSをインストールしてください。ちょっと待ってね、\
                    「ログイン」ボタンを押すと、ショートメッセージが届きます。";
        for width in [10, 11, 12, 20, 21] {
            let ls = lines(text, width);
            assert!(ls.len() > 1);
            for line in &ls[1..] {
                let c = line.chars().next().expect("wrapped lines are not empty");
                assert!(
                    !"、。」ーっょゃゅァィッャュョ".contains(c),
                    "{line:?} at {width}"
                );
            }
            for line in &ls[..ls.len() - 1] {
                assert!(!line.ends_with('「'), "{line:?} at {width}");
            }
        }
        assert_eq!(
            lines("ちょっと待ってね。", 6),
            ["ちょっ", "と待っ", "てね。"]
        );
    }

    #[test]
    fn opening_bracket_is_pushed_down() {
        // UAX #14 forbids a break after 「, so it moves with the following word.
        assert_eq!(
            lines("あいうえお「かきくけこ」", 12),
            ["あいうえお", "「かきくけ", "こ」"]
        );
        // A forced split of one long word would leave "(" at the end; it is pushed down.
        assert_eq!(lines("abcdefghi(jklmn", 10), ["abcdefghi", "(jklmn"]);
        // And a forced split would start a line with 。; the previous character comes along.
        assert_eq!(lines("abcdefghij。", 10), ["abcdefghi", "j。"]);
    }

    #[test]
    fn mixed_text() {
        let text = "LINE WORKSのアプリは、PC版とモバイル版があります。料金は3,000円です。\
                    詳しくは https://line-works.com/download/ を見てください。";
        for width in [10, 16, 20, 30, 40, 78] {
            let ls = lines(text, width);
            assert!(ls.iter().any(|l| l.contains("3,000")), "{ls:?}");
        }
        assert_eq!(
            lines(text, 20),
            [
                "LINE WORKSのアプリ",
                "は、PC版とモバイル版",
                "があります。料金は",
                "3,000円です。詳しく",
                "は",
                // "https://line-works.com/" is wider than the line: only then is it split.
                "https://line-works.c",
                "om/download/ を見て",
                "ください。",
            ]
        );
    }

    #[test]
    fn hanging_and_beside_or_below_keep_within_the_width() {
        assert_eq!(hanging("  short", 80, 4), "  short");
        let long = "  warning: the chain of records breaks at one place and every record after it is left out";
        let lines: Vec<String> = hanging(long, 40, 4).lines().map(str::to_string).collect();
        assert!(
            lines.len() > 1 && lines.iter().all(|l| display_width(l) <= 40),
            "{lines:?}"
        );
        assert!(
            lines[0].starts_with("  warning") && lines[1].starts_with("      "),
            "{lines:?}"
        );
        assert_eq!(
            beside_or_below("E1  Kim".into(), "note", 80, 6),
            "E1  Kim  note"
        );
        assert_eq!(beside_or_below("E1  Kim".into(), "", 80, 6), "E1  Kim");
        let below = beside_or_below("E1  Kim".into(), &"word ".repeat(20), 40, 6);
        let lines: Vec<&str> = below.lines().collect();
        assert_eq!(lines[0], "E1  Kim");
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with("      ") && display_width(l) <= 40)
        );
    }

    #[test]
    fn file_paths_are_not_broken_inside() {
        let path = "/srv/tebiki-data/ledger/demo-honsha.jsonl:2";
        for text in [
            format!("warning: the chain of records breaks at {path}: this line changed"),
            format!("警告：記録の連鎖が {path} で切れています"),
        ] {
            for width in 46..60 {
                let ls = wrap(&text, width);
                assert!(ls.iter().any(|l| l.contains(path)), "{width}: {ls:?}");
                assert!(ls.iter().all(|l| display_width(l) <= width), "{ls:?}");
            }
        }
        // Wider than the line: still split to fit.
        let long = format!("see {}", "/very-long-folder-name".repeat(5));
        assert!(wrap(&long, 30).iter().all(|l| display_width(l) <= 30));
    }

    #[test]
    fn web_addresses_break_only_after_a_slash_of_their_path() {
        let url = "https://help.worksmobile.com/ja/use-guides/message/settings/general/message-setting/set-photo-file/";
        let text = format!("設定方法：{url}");
        for width in [30, 40, 60, 76] {
            let ls = lines(&text, width);
            let joined: String = ls.concat();
            assert!(joined.contains(url), "{ls:?}");
            for pair in ls.windows(2) {
                if pair[1].starts_with(|c: char| c.is_ascii()) && pair[0].contains("https") {
                    assert!(pair[0].ends_with('/'), "{ls:?} at {width}");
                }
            }
            // The host name is never split.
            assert!(
                ls.iter().any(|l| l.contains("help.worksmobile.com/")),
                "{ls:?}"
            );
        }
        assert_eq!(
            lines("See https://line-works.com/download/ now", 24),
            ["See", "https://line-works.com/", "download/ now"]
        );
    }

    #[test]
    fn the_product_name_is_not_broken_at_its_space() {
        for width in 12..40 {
            for text in [
                "Keep LINE WORKS for work, and your own apps for yourself.",
                "ほかのアプリ（LINE WORKSで送ったものを含む）には入りません。",
            ] {
                let ls = lines(text, width);
                assert!(
                    ls.iter()
                        .all(|l| !l.ends_with("LINE") && !l.starts_with("WORKS")),
                    "{width}: {ls:?}"
                );
                assert!(ls.iter().all(|l| display_width(l) <= width), "{ls:?}");
            }
        }
    }

    #[test]
    fn a_web_address_that_fits_on_a_line_moves_there_whole() {
        let url = "https://help.worksmobile.com/ja/use-guides/settings/notification/snooze/";
        for text in [
            format!("設定方法：{url}"),
            format!("How to set this up (in Japanese): {url}"),
        ] {
            let ls = lines(&text, 76);
            assert!(ls.iter().any(|l| l.contains(url)), "{ls:?}");
            assert!(ls.iter().all(|l| display_width(l) <= 76), "{ls:?}");
        }
        // Glued to the word before it: broken after a '/', not at any character.
        let ls = lines("Help:https://help.example.com/guide/setup", 40);
        assert_eq!(ls, ["Help:https://help.example.com/guide/", "setup"]);
        // Followed by a mark that may not start a line: still whole, the mark after it.
        let text = format!("詳しくは{url}。");
        let ls = lines(&text, 76);
        assert!(ls.iter().any(|l| l.contains(&format!("{url}。"))), "{ls:?}");
    }

    #[test]
    fn hard_breaks() {
        assert_eq!(lines("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(lines("a\n", 10), ["a"]);
        assert_eq!(lines("\n", 10), [""]);
        assert_eq!(lines("a\r\n\r\nb\r\n", 10), ["a", "", "b"]);
        assert_eq!(lines("one two\nthree", 80), ["one two", "three"]);
        // Indentation of a hard line is kept; whitespace before '\n' is dropped.
        assert_eq!(lines("a  \n  b", 10), ["a", "  b"]);
        assert_eq!(lines("   \nx", 10), ["", "x"]);
        assert_eq!(line_ranges("a\n\nb", 10), [0..1, 2..2, 3..4]);
    }

    #[test]
    fn empty_string_gives_no_lines() {
        assert!(line_ranges("", 10).is_empty());
        assert!(wrap("", 0).is_empty());
    }

    #[test]
    fn whitespace_is_dropped_only_at_breaks() {
        assert_eq!(lines("aaa   bbb   ccc", 9), ["aaa   bbb", "ccc"]);
        // An ideographic space is dropped at a break and never starts a wrapped line.
        assert_eq!(lines("あいう\u{3000}えお", 6), ["あいう", "えお"]);
        // Indentation stays only on a line that needs no wrapping.
        assert_eq!(lines("\u{3000}あいうえお", 8), ["あいうえ", "お"]);
        assert_eq!(lines("\u{3000}あいう", 8), ["\u{3000}あいう"]);
        // Kept, it could force the first word apart against the line-start rules.
        assert_eq!(lines("    /?a??_??=a", 5), ["/?a??", "_??=a"]);
    }

    #[test]
    fn narrow_widths_with_wide_characters() {
        assert_eq!(lines("日本語", 1), ["日", "本", "語"]);
        assert_eq!(lines("日本語", 0), ["日", "本", "語"]);
        assert_eq!(lines("日本語", 2), ["日", "本", "語"]);
        assert_eq!(lines("aあb", 1), ["a", "あ", "b"]);
        assert_eq!(lines("abc", 1), ["a", "b", "c"]);
        assert_eq!(lines("ab cd", 2), ["ab", "cd"]);
        // Rules give way when nothing else fits.
        assert_eq!(lines("あっ", 2), ["あ", "っ"]);
        assert_eq!(lines("「あ", 2), ["「", "あ"]);
        assert_eq!(lines("ーー", 1), ["ー", "ー"]);
    }

    #[test]
    fn unbroken_runs() {
        let run = "a".repeat(10_000);
        let ls = lines(&run, 80);
        assert_eq!(ls.len(), 125);
        assert!(ls.iter().all(|l| l.len() == 80));
        assert_eq!(ls.concat(), run);

        // A run of characters that may not start a line cannot be wrapped by the rules.
        let run = "ー".repeat(10_000);
        let ls = lines(&run, 10);
        assert_eq!(ls.len(), 2_000);
        assert_eq!(ls.concat(), run);
    }

    #[test]
    fn display_width_counts_columns() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("日本語"), 6);
        assert_eq!(display_width("ｱｲｳ"), 3);
        // East Asian ambiguous characters are narrow, unless the terminal draws them wide.
        assert_eq!(display_width("αβ※"), 3);
        assert_eq!(display_width("─→…"), 3);
        assert_eq!(display_width(""), 0);
        crate::glyphs::with_wide(true, || {
            assert_eq!(display_width("─→…"), 6);
            assert_eq!(display_width("日本語abc"), 9);
            // Wrapping counts them so too: "a→b→c d" is 9 columns wide there, 7 otherwise.
            assert_eq!(wrap("a→b→c d", 8), ["a→b→c", "d"]);
            assert_eq!(wrap("a→b→c d", 7), ["a→b→c", "d"]);
        });
        assert_eq!(wrap("a→b→c d", 7), ["a→b→c d"]);
    }

    /// About 30 KB of mixed Japanese and English, like the onboarding content.
    fn sample_30kb() -> String {
        let paragraph = "LINE WORKSのアプリは、PC版とモバイル版があります。自分のスマートフォンに\
                         インストールして、会社のアカウントでログインしてください。\
                         Install the LINE WORKS app on your own smartphone and sign in with \
                         the account your company gave you. 料金は月額3,000円（税込）です。\
                         詳しくは https://line-works.com/download/ をご覧ください。\n\n";
        paragraph.repeat(30_000 / paragraph.len() + 1)
    }

    #[test]
    fn large_mixed_text() {
        let text = sample_30kb();
        check(&text, 78);
        let start = std::time::Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            std::hint::black_box(line_ranges(std::hint::black_box(&text), 78));
        }
        println!(
            "line_ranges: {} bytes at width 78 in {:?} per call",
            text.len(),
            start.elapsed() / rounds
        );
    }

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[ぁ-んァ-ヶー日本語設定確認画面会社携帯電話]{1,8}",
            3 => "[、。「」（）・]",
            2 => "[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー]{1,3}",
            4 => "[a-zA-Z]{1,12}",
            1 => "[0-9]{1,3}(,[0-9]{3}){0,2}円?",
            4 => " {1,2}",
            1 => "[,.()!?:;%\\[\\]{}]",
            1 => "\n{1,2}",
            1 => "[a-z0-9/.:?=_-]{10,80}",
            1 => "[ー」。、っ.,]{2,30}",
            1 => "[「（(\\[]{2,12}",
        ]
    }

    fn paragraph() -> impl Strategy<Value = String> {
        prop::collection::vec(token(), 0..120).prop_map(|tokens| tokens.concat())
    }

    proptest! {
        #[test]
        fn wrapping_keeps_its_guarantees(text in paragraph(), width in 10usize..=200) {
            check(&text, width);
        }

        #[test]
        fn narrow_wrapping_keeps_its_guarantees(text in paragraph(), width in 0usize..10) {
            check(&text, width);
        }
    }
}
