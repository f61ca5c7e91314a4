//! What a view laid out in one scrollable area, written back by the view as it draws and read
//! by `update`: how many lines the text has, how many were visible, from which line, and which
//! lines hold the focused item and the highlighted rule. Update never lays text out itself.
//!
//! A view draws through a shared reference, so the viewport keeps the last drawing in a
//! [`Cell`]. Update takes it ([`Viewport::take`]) at the start of every input or tick: a
//! drawing is used once, and only when it was made of what the state machine shows now (the
//! same key: step, language, size), so a layout of something else, or no drawing at all,
//! never counts.

use std::cell::Cell;
use std::hash::{DefaultHasher, Hash, Hasher};

/// One drawing of a scrollable area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    /// What was drawn, as [`key`] made it from the state machine's own key and the size the
    /// view drew at.
    pub key: u64,
    /// Lines of the text at the width drawn.
    pub lines: usize,
    /// Lines visible at once.
    pub height: usize,
    /// The first line shown.
    pub top: usize,
    /// The lines (first, end) of the focused item, when there is one.
    pub focus: Option<(usize, usize)>,
    /// The lines (first, end) of the highlighted rule, when there is one.
    pub mark: Option<(usize, usize)>,
}

impl Drawn {
    /// The furthest the text scrolls.
    pub fn max_top(&self) -> usize {
        self.lines.saturating_sub(self.height)
    }

    /// Whether the text's last line was on screen.
    pub fn end_shown(&self) -> bool {
        self.height > 0 && self.top + self.height >= self.lines
    }
}

/// What update asks of the next drawing, which the view alone can carry out (it alone knows
/// where the lines fall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requests {
    /// Bring the highlighted rule to the top (one line above it for context).
    pub to_mark: bool,
    /// Scroll so the focused item is in view.
    pub follow: bool,
}

/// One scrollable area's viewport.
#[derive(Debug, Clone, Default)]
pub struct Viewport {
    drawn: Cell<Option<Drawn>>,
    /// The last drawing update took that was of what it shows now.
    laid: Option<Drawn>,
    /// Asked of the view until a drawing of the current key carries it out.
    pub requests: Requests,
}

impl Viewport {
    /// Called by the view as it draws.
    pub fn record(&self, drawn: Drawn) {
        self.drawn.set(Some(drawn));
    }

    /// Takes the drawing made since the last call, when it was of `key`: the requests it
    /// carried out are done, and it stays as the layout update scrolls by. `None` when nothing
    /// was drawn since, or something else was.
    pub fn take(&mut self, key: u64) -> Option<Drawn> {
        let drawn = self.drawn.take().filter(|d| d.key == key)?;
        self.requests = Requests::default();
        self.laid = Some(drawn);
        Some(drawn)
    }

    /// The latest drawing of `key`: the one being made (what the hint bar, drawn after the
    /// body in the same frame, should go by), else the one update knows.
    pub fn latest(&self, key: u64) -> Option<Drawn> {
        self.drawn.get().filter(|d| d.key == key).or(self.laid(key))
    }

    /// The latest layout of `key` update knows (possibly from before the last change of the
    /// text under the same key; good for bounding a scroll, not for read-to-end).
    pub fn laid(&self, key: u64) -> Option<Drawn> {
        self.laid.filter(|d| d.key == key)
    }

    /// The furthest `key`'s text scrolls, when it has been drawn; unbounded before (the view
    /// bounds what it shows, and the next drawing tells).
    pub fn max_top(&self, key: u64) -> usize {
        self.laid(key).map_or(usize::MAX / 2, |d| d.max_top())
    }
}

/// A key for [`Drawn::key`]: what the state machine shows (`what`) at the size drawn.
pub fn key(what: &impl Hash, width: u16, height: u16) -> u64 {
    let mut h = DefaultHasher::new();
    what.hash(&mut h);
    width.hash(&mut h);
    height.hash(&mut h);
    h.finish()
}

/// The first line to show of `lines` lines in `height` rows when update asked for `want`:
/// within the text, and, when `follow`, moved so `focus` (first, end) is in view with `ahead`
/// lines after it (what a choice opens up appears there).
pub fn settle(
    want: usize,
    lines: usize,
    height: usize,
    focus: Option<(usize, usize)>,
    ahead: usize,
) -> usize {
    let max = lines.saturating_sub(height);
    let mut top = want;
    if let Some((first, end)) = focus {
        let end = (end + ahead).min(lines);
        if end > top + height {
            top = end.saturating_sub(height);
        }
        if first < top {
            top = first;
        }
    }
    top.min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(key: u64, lines: usize, height: usize, top: usize) -> Drawn {
        Drawn {
            key,
            lines,
            height,
            top,
            focus: None,
            mark: None,
        }
    }

    #[test]
    fn a_drawing_counts_once_and_only_for_its_key() {
        let mut v = Viewport::default();
        assert_eq!(v.take(1), None, "nothing drawn yet");
        v.record(drawn(1, 30, 10, 20));
        assert_eq!(v.take(2), None, "drawn at another key");
        v.record(drawn(1, 30, 10, 20));
        assert!(v.take(1).is_some_and(|d| d.end_shown()));
        assert_eq!(v.take(1), None, "taken already");
        assert_eq!(v.max_top(1), 20);
        assert_eq!(v.max_top(2), usize::MAX / 2);
    }

    #[test]
    fn taking_a_drawing_ends_the_requests_it_carried_out() {
        let mut v = Viewport::default();
        v.requests.follow = true;
        v.record(drawn(7, 5, 10, 0));
        assert_eq!(v.take(8), None);
        assert!(v.requests.follow, "still asked of the current text");
        v.record(drawn(7, 5, 10, 0));
        v.take(7);
        assert!(!v.requests.follow);
    }

    #[test]
    fn the_end_is_shown_only_with_the_last_line_in_view() {
        assert!(!drawn(0, 30, 10, 19).end_shown());
        assert!(drawn(0, 30, 10, 20).end_shown());
        assert!(drawn(0, 5, 10, 0).end_shown());
        assert!(!drawn(0, 5, 0, 0).end_shown(), "nothing visible");
    }

    #[test]
    fn settling_keeps_the_focus_in_view_and_the_text_in_bounds() {
        assert_eq!(settle(50, 30, 10, None, 0), 20);
        assert_eq!(settle(0, 30, 10, Some((14, 15)), 3), 8);
        assert_eq!(settle(12, 30, 10, Some((4, 5)), 3), 4);
        assert_eq!(settle(0, 30, 10, Some((28, 29)), 3), 20);
    }
}
