//! Every symbol tebiki draws (rules, borders, markers, bullets, bars, scroll bars, QR modules),
//! in two sets: the usual one, and one for terminals that draw East Asian *ambiguous* characters
//! (box drawing, ▶ • → — …) two columns wide, as many Japanese terminals are set to. The wide
//! set has no ambiguous character at all, so a new widget cannot bring one back in that mode
//! without the wide-mode render test failing.
//!
//! The mode is the terminal's, so it is process-wide: set once at start-up (`set_wide`); a
//! thread can override it for itself (`with_wide`), which is how the tests draw both sets side
//! by side. Text from locales and content is folded (`fold`) in wide mode: its ambiguous
//! characters become unambiguous equivalents before it is measured, and whatever still holds
//! one (a name from the roster) is made safe cell by cell at the end of each frame (`sanitize`).

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// How the terminal draws East Asian ambiguous characters, as configured.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum AmbiguousWidth {
    /// Ask the terminal at start-up; narrow when it does not answer.
    #[default]
    Auto,
    Narrow,
    Wide,
}

static WIDE_TERMINAL: AtomicBool = AtomicBool::new(false);

thread_local! {
    static THIS_THREAD: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether the wide set is in use (on this thread).
pub fn wide() -> bool {
    THIS_THREAD
        .with(Cell::get)
        .unwrap_or_else(|| WIDE_TERMINAL.load(Ordering::Relaxed))
}

/// Sets the mode for the whole process (once the terminal is known).
pub fn set_wide(wide: bool) {
    WIDE_TERMINAL.store(wide, Ordering::Relaxed);
}

/// Runs `f` with the mode set for this thread only.
pub fn with_wide<R>(wide: bool, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<bool>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THIS_THREAD.with(|c| c.set(self.0));
        }
    }
    let before = THIS_THREAD.with(|c| c.replace(Some(wide)));
    let _restore = Restore(before);
    f()
}

/// How a QR code's modules are drawn. Narrow: two modules per cell, one above the other, with
/// half blocks (a cell is about twice as tall as wide, so modules come out square). Wide: half
/// blocks are ambiguous, so one module per cell row and two cells per module, drawn as spaces
/// with the dark ones in reverse video (`dark_reversed`): square again, and nothing for the
/// terminal to widen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrCells {
    HalfBlocks {
        upper: &'static str,
        lower: &'static str,
        both: &'static str,
        neither: &'static str,
    },
    Pairs {
        /// What one module is drawn with (two columns); dark modules add reverse video.
        module: &'static str,
        dark_reversed: bool,
    },
}

/// One set of symbols. Every field is one terminal column wide unless its doc says otherwise,
/// in both sets, so layouts do not change between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// A thin horizontal rule (under headers, around notes, the rest of a progress bar).
    pub rule: &'static str,
    /// A heavy horizontal rule (the done part of a progress bar, slide rules).
    pub heavy_rule: &'static str,
    /// A thin vertical bar (the separator in headers, table columns, scroll bar track).
    pub bar: &'static str,
    /// A scroll bar's thumb.
    pub thumb: &'static str,
    /// Table corners and joints: top left, top joint, top right, left joint, crossing,
    /// right joint, bottom left, bottom joint, bottom right.
    pub corners: [&'static str; 9],
    /// A dotted rule (around an aside in a chart).
    pub dotted: &'static str,
    /// The tree branch before a supported person ("└").
    pub branch: &'static str,
    /// The marker before the focused line, with its space (two columns).
    pub pointer: &'static str,
    /// A list bullet with the spaces around it (three columns: " • ").
    pub bullet: &'static str,
    /// A bullet in a pop-up, with its space (two columns).
    pub bullet_tight: &'static str,
    /// The chosen radio button, in its brackets (three columns: "(•)").
    pub radio_on: &'static str,
    /// A chosen option in a dashboard form (three columns: "(●)").
    pub choice_on: &'static str,
    /// The marker before a stacked table's row header, with its space (two columns).
    pub square: &'static str,
    /// One hidden PIN digit.
    pub secret: &'static str,
    /// The text cursor drawn after a hidden PIN.
    pub caret: &'static str,
    /// A champion.
    pub star: &'static str,
    /// Between items on a line ("·").
    pub dot: &'static str,
    /// A cut text's end.
    pub ellipsis: &'static str,
    /// "More below" in a pop-up (three columns: "▼ ↓").
    pub more_below: &'static str,
    /// A bar chart's or gauge's filled cell.
    pub full: &'static str,
    /// A gauge's empty cell.
    pub empty: &'static str,
    /// Parts of a cell for bars drawn in eighths (index 1..=7; index 0 is nothing). The wide
    /// set rounds to whole cells instead, with a half mark for the middle.
    pub eighths: [&'static str; 8],
    /// A date something is due ("→ 2026-12-01"), with its space; in command-line text only,
    /// so it may differ in width between the sets.
    pub due: &'static str,
    /// How a QR code is drawn.
    pub qr: QrCells,
}

pub const NARROW: Glyphs = Glyphs {
    rule: "─",
    heavy_rule: "━",
    bar: "│",
    thumb: "┃",
    corners: ["┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘"],
    dotted: "┄",
    branch: "└",
    pointer: "▶ ",
    bullet: " • ",
    bullet_tight: "• ",
    radio_on: "(•)",
    choice_on: "(●)",
    square: "■ ",
    secret: "●",
    caret: "▏",
    star: "★",
    dot: "·",
    ellipsis: "…",
    more_below: "▼ ↓",
    full: "█",
    empty: "░",
    eighths: ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
    due: "→ ",
    qr: QrCells::HalfBlocks {
        upper: "▀",
        lower: "▄",
        both: "█",
        neither: " ",
    },
};

pub const WIDE: Glyphs = Glyphs {
    rule: "-",
    heavy_rule: "=",
    bar: "|",
    thumb: "#",
    corners: ["+", "+", "+", "+", "+", "+", "+", "+", "+"],
    dotted: ".",
    branch: "`",
    pointer: "> ",
    bullet: " * ",
    bullet_tight: "* ",
    radio_on: "(*)",
    choice_on: "(*)",
    square: "# ",
    secret: "*",
    caret: "_",
    star: "*",
    dot: "/",
    ellipsis: "~",
    more_below: "v v",
    full: "#",
    empty: ".",
    eighths: ["", "", "", "", "+", "+", "+", "+"],
    due: "-> ",
    qr: QrCells::Pairs {
        module: "  ",
        dark_reversed: true,
    },
};

/// The set for the current mode.
pub fn glyphs() -> &'static Glyphs {
    if wide() { &WIDE } else { &NARROW }
}

/// A QR code's modules as lines in the current set: `dark[y][x]` is true for a dark module,
/// quiet zone included as the caller wants it. Narrow: two module rows per line in half blocks,
/// one column per module. Wide: one module row per line, two columns per module, dark ones in
/// reverse video. Either way the modules come out square and nothing is ambiguous in wide mode.
pub fn qr_lines(dark: &[Vec<bool>]) -> Vec<Line<'static>> {
    match glyphs().qr {
        QrCells::HalfBlocks {
            upper,
            lower,
            both,
            neither,
        } => dark
            .chunks(2)
            .map(|pair| {
                let bottom = pair.get(1);
                let text: String = pair[0]
                    .iter()
                    .enumerate()
                    .map(|(x, &top)| {
                        let below = bottom.is_some_and(|r| r.get(x).copied().unwrap_or(false));
                        match (top, below) {
                            (true, true) => both,
                            (true, false) => upper,
                            (false, true) => lower,
                            (false, false) => neither,
                        }
                    })
                    .collect();
                Line::from(text)
            })
            .collect(),
        QrCells::Pairs {
            module,
            dark_reversed,
        } => dark
            .iter()
            .map(|row| {
                let spans: Vec<Span<'static>> = row
                    .iter()
                    .map(|&d| {
                        let style = if d && dark_reversed {
                            Style::new().add_modifier(Modifier::REVERSED)
                        } else {
                            Style::new()
                        };
                        Span::styled(module, style)
                    })
                    .collect();
                Line::from(spans)
            })
            .collect(),
    }
}

/// Block borders (pop-ups, slides) for the current mode.
pub fn border_set() -> border::Set<'static> {
    if wide() {
        border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        }
    } else {
        border::PLAIN
    }
}

/// Whether a terminal may draw `s` wider than it is normally counted.
pub fn is_ambiguous(s: &str) -> bool {
    s.width() != s.width_cjk()
}

/// `text` with every ambiguous character replaced by an unambiguous equivalent, in wide mode;
/// unchanged otherwise. For display only: text that is stored or hashed is never folded.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !wide() || !text.chars().any(ambiguous_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if ambiguous_char(c) {
            push_folded(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn ambiguous_char(c: char) -> bool {
    let mut buf = [0u8; 4];
    is_ambiguous(c.encode_utf8(&mut buf))
}

/// The unambiguous stand-in for one ambiguous character: a usual ASCII equivalent for the
/// punctuation, arrows and symbols of texts; otherwise the character's compatibility
/// decomposition without accents (é → e, Ⅱ → II, ① → 1) when that is unambiguous; else "?".
fn push_folded(out: &mut String, c: char) {
    let known = match c {
        '“' | '”' | '„' | '″' => "\"",
        '‘' | '’' | '′' => "'",
        '—' | '―' => "--",
        '–' | '‐' | '−' => "-",
        '…' => "...",
        '‥' => "..",
        '·' => "-",
        '•' | '●' | '◎' | '★' | '☆' | '※' => "*",
        '○' | '◯' => "o",
        '■' | '□' | '◆' | '◇' => "#",
        '→' | '⇒' => "->",
        '←' | '⇐' => "<-",
        '↔' | '⇔' => "<->",
        '↑' => "^",
        '↓' | '▼' | '▽' => "v",
        '▲' | '△' => "^",
        '▶' | '▷' | '►' => ">",
        '◀' | '◁' => "<",
        '×' => "x",
        '÷' => "/",
        '±' => "+-",
        '°' => " deg",
        '§' => "S",
        '¶' => "P",
        '─' | '━' | '┄' | '┅' => "-",
        '│' | '┃' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => "+",
        '█' | '▉' | '▊' | '▋' | '▌' => "#",
        '▍' | '▎' | '▏' | '░' | '▒' | '▓' => ".",
        '✓' | '✔' => "v",
        _ => "",
    };
    if !known.is_empty() {
        out.push_str(known);
        return;
    }
    let plain: String = c
        .to_string()
        .nfkd()
        .filter(|d| !unicode_normalization::char::is_combining_mark(*d))
        .collect();
    if !plain.is_empty() && !is_ambiguous(&plain) {
        out.push_str(&plain);
    } else {
        out.push('?');
    }
}

/// Makes a drawn frame safe for a wide terminal: any cell still holding an ambiguous
/// character (a person's name, a typed note) gets a one-column stand-in, so nothing after it
/// on the line is pushed out of place. Does nothing in narrow mode.
pub fn sanitize(buf: &mut Buffer) {
    if !wide() {
        return;
    }
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if !is_ambiguous(symbol) {
            continue;
        }
        let mut folded = String::new();
        for c in symbol.chars() {
            if ambiguous_char(c) {
                push_folded(&mut folded, c);
            } else if c.to_string().width() == 0 {
                // A combining mark on an ambiguous base: dropped with it.
            } else {
                folded.push(c);
            }
        }
        let one = folded
            .chars()
            .find(|c| c.to_string().width() == 1)
            .unwrap_or('?');
        cell.set_char(one);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(g: &Glyphs) -> Vec<&'static str> {
        let mut v = vec![
            g.rule,
            g.heavy_rule,
            g.bar,
            g.thumb,
            g.dotted,
            g.branch,
            g.pointer,
            g.bullet,
            g.bullet_tight,
            g.radio_on,
            g.choice_on,
            g.square,
            g.secret,
            g.caret,
            g.star,
            g.dot,
            g.ellipsis,
            g.more_below,
            g.full,
            g.empty,
            g.due,
        ];
        v.extend(g.corners);
        v.extend(g.eighths);
        v
    }

    fn qr(g: &Glyphs) -> Vec<&'static str> {
        let mut v = Vec::new();
        match g.qr {
            QrCells::HalfBlocks {
                upper,
                lower,
                both,
                neither,
            } => v.extend([upper, lower, both, neither]),
            QrCells::Pairs { module, .. } => v.push(module),
        }
        v
    }

    #[test]
    fn the_wide_set_has_no_ambiguous_character_and_the_same_widths() {
        let (narrow, wide) = (all(&NARROW), all(&WIDE));
        assert_eq!(narrow.len(), wide.len());
        for w in qr(&WIDE) {
            assert!(!is_ambiguous(w), "{w:?} is ambiguous");
        }
        for (n, w) in narrow.iter().zip(&wide) {
            assert!(!is_ambiguous(w), "{w:?} is ambiguous");
            // Eighths round to whole cells in the wide set, and the due arrow is only printed
            // by the command line; everything else keeps its width.
            if !n.is_empty() && !w.is_empty() && *n != NARROW.due {
                assert_eq!(n.width(), w.width(), "{n:?} and {w:?}");
            }
        }
        let b = border_set();
        for s in [b.top_left, b.horizontal_top, b.vertical_left] {
            assert_eq!(s.width(), 1);
        }
        with_wide(true, || {
            let b = border_set();
            for s in [
                b.top_left,
                b.top_right,
                b.bottom_left,
                b.bottom_right,
                b.vertical_left,
                b.vertical_right,
                b.horizontal_top,
                b.horizontal_bottom,
            ] {
                assert!(!is_ambiguous(s), "{s:?}");
            }
        });
    }

    #[test]
    fn the_narrow_set_is_what_the_screens_always_drew() {
        // The usual set is the one narrow terminals have always been given.
        assert!(all(&NARROW).iter().any(|s| is_ambiguous(s)));
        assert!(qr(&NARROW).iter().any(|s| is_ambiguous(s)));
        assert_eq!(glyphs(), &NARROW);
        with_wide(true, || assert_eq!(glyphs(), &WIDE));
        assert_eq!(glyphs(), &NARROW);
    }

    #[test]
    fn a_qr_module_in_the_wide_set_is_two_columns() {
        let QrCells::Pairs {
            module,
            dark_reversed,
        } = WIDE.qr
        else {
            panic!("wide QR codes are drawn in pairs of cells");
        };
        assert_eq!(module.width(), 2);
        assert_eq!(module.width_cjk(), 2);
        assert!(dark_reversed);
    }

    #[test]
    fn qr_modules_are_square_in_both_sets_and_unambiguous_when_wide() {
        // A 3x3 pattern: dark corners and centre.
        let dark = vec![
            vec![true, false, true],
            vec![false, true, false],
            vec![true, false, true],
        ];
        let narrow = qr_lines(&dark);
        let text: Vec<String> = narrow
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        assert_eq!(text, ["▀▄▀", "▀ ▀"]);
        with_wide(true, || {
            let wide = qr_lines(&dark);
            assert_eq!(wide.len(), 3);
            for (row, line) in dark.iter().zip(&wide) {
                assert_eq!(line.width(), 6);
                for (&d, span) in row.iter().zip(&line.spans) {
                    assert!(!is_ambiguous(&span.content));
                    assert_eq!(
                        span.style.add_modifier.contains(Modifier::REVERSED),
                        d,
                        "dark modules are reversed, light ones not"
                    );
                }
            }
        });
    }

    #[test]
    fn folding_removes_every_ambiguous_character_in_wide_mode_only() {
        let text = "“Save” — 9:00–20:00 → ★ Ⅱ · … ♀ ①";
        assert_eq!(fold(text), text);
        with_wide(true, || {
            let f = fold(text);
            assert!(!is_ambiguous(&f), "{f}");
            assert_eq!(f, "\"Save\" -- 9:00-20:00 -> * II - ... ? 1");
            assert!(matches!(fold("日本語 abc"), Cow::Borrowed(_)));
        });
    }

    #[test]
    fn sanitize_leaves_one_unambiguous_column_per_cell() {
        use ratatui::layout::Rect;
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "Ⅱ→日♀", ratatui::style::Style::new());
        let before = buf.clone();
        sanitize(&mut buf);
        assert_eq!(buf, before, "narrow mode leaves the frame alone");
        with_wide(true, || sanitize(&mut buf));
        let cells: Vec<&str> = buf
            .content
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert_eq!(cells, ["I", "-", "日", " ", "?", " "]);
    }
}
