//! Where things go on the screen, shared by `update` (to know how much is visible) and `view`.

use ratatui::layout::Rect;

/// Below this the app shows only "please enlarge the window".
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// Columns left empty on each side of the text, so it does not touch the terminal's edge.
pub const MARGIN: u16 = 2;
/// The widest the text gets: longer lines are hard to follow on a large screen.
pub const MAX_TEXT_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub notice: Rect,
    pub hints: Rect,
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// Header (2 lines: title and progress), body, a notice line, and the hint bar.
pub fn areas(width: u16, height: u16) -> Areas {
    let body_h = height.saturating_sub(4);
    let inner_w = width.saturating_sub(2 * MARGIN).min(MAX_TEXT_WIDTH);
    // Centred when the text is capped, so a large screen reads like a page.
    let x = (width.saturating_sub(inner_w) / 2).max(MARGIN.min(width));
    Areas {
        header: Rect::new(0, 0, width, 2.min(height)),
        body: Rect::new(x, 2.min(height), inner_w, body_h),
        notice: Rect::new(x, height.saturating_sub(2), inner_w, 1.min(height)),
        hints: Rect::new(0, height.saturating_sub(1), width, 1.min(height)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_80x24_the_body_has_20_lines_of_76_columns() {
        let a = areas(80, 24);
        assert_eq!((a.body.width, a.body.height), (76, 20));
        assert_eq!(a.hints.y, 23);
        assert_eq!(a.notice.y, 22);
    }

    #[test]
    fn on_a_large_screen_the_text_is_capped_and_centred() {
        let a = areas(200, 60);
        assert_eq!(a.body.width, MAX_TEXT_WIDTH);
        assert_eq!(a.body.x, 50);
    }
}
