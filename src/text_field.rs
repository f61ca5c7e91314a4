//! A one-line text field edited by grapheme, with the cursor placed by display width, so typed
//! or IME-committed Japanese moves and deletes as the person sees it.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The longest value a field keeps; a longer paste is cut here (and the person told).
pub const MAX_GRAPHEMES: usize = 200;

/// What happened to inserted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    All,
    /// Cut at [`MAX_GRAPHEMES`].
    Cut,
    /// Nothing was inserted: the text held control or invisible formatting characters (they
    /// could hide or reorder what staff see later, or reach the terminal as commands, and what
    /// is left without them is not what the person meant to give: they type it again).
    Removed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    value: String,
    /// Cursor position in graphemes from the start.
    cursor: usize,
}

impl TextField {
    /// Carries out an editing command (typing, erasing, moving the cursor). Returns what
    /// became of typed text, `None` for anything else (other commands are not for a field).
    pub fn edit(&mut self, cmd: &crate::keys::Cmd) -> Option<Inserted> {
        use crate::keys::Cmd;
        match cmd {
            Cmd::Input(text) => return Some(self.insert(text)),
            Cmd::Backspace => self.backspace(),
            Cmd::Delete => self.delete(),
            Cmd::EraseToStart => {
                let end = self.byte_at(self.cursor);
                self.value.replace_range(..end, "");
                self.cursor = 0;
            }
            Cmd::CursorLeft => self.left(),
            Cmd::CursorRight => self.right(),
            Cmd::Home => self.home(),
            Cmd::End => self.end(),
            _ => {}
        }
        None
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn len(&self) -> usize {
        self.value.graphemes(true).count()
    }

    fn byte_at(&self, grapheme: usize) -> usize {
        self.value
            .grapheme_indices(true)
            .nth(grapheme)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// Inserts text at the cursor. Line breaks and tabs become spaces (a field is one line);
    /// text with any other control or formatting character is not inserted at all; a long
    /// paste is cut.
    pub fn insert(&mut self, text: &str) -> Inserted {
        let clean: String = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        if clean.chars().any(crate::escape::is_unsafe) {
            return Inserted::Removed;
        }
        let room = MAX_GRAPHEMES.saturating_sub(self.len());
        let taken: String = clean.graphemes(true).take(room).collect();
        let complete = taken.len() == clean.len();
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, &taken);
        // Inserting can merge with a neighbouring grapheme (a combining mark), so the cursor
        // is recomputed from the byte position rather than counted.
        let end = at + taken.len();
        self.cursor = self.value[..end].graphemes(true).count();
        if complete {
            Inserted::All
        } else {
            Inserted::Cut
        }
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let start = self.byte_at(self.cursor - 1);
        let end = self.byte_at(self.cursor);
        self.value.replace_range(start..end, "");
        self.cursor -= 1;
    }

    pub fn delete(&mut self) {
        if self.cursor >= self.len() {
            return;
        }
        let start = self.byte_at(self.cursor);
        let end = self.byte_at(self.cursor + 1);
        self.value.replace_range(start..end, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    /// Display columns before the cursor.
    pub fn cursor_column(&self) -> usize {
        self.value[..self.byte_at(self.cursor)].width()
    }

    /// The part of the value to show in `width` columns so that the cursor stays visible,
    /// with the cursor's column inside that part.
    pub fn visible(&self, width: usize) -> (&str, usize) {
        let width = width.max(1);
        let col = self.cursor_column();
        if self.value.width() < width {
            return (&self.value, col);
        }
        // Scroll so the cursor sits at the right edge when it would fall off.
        let mut start = 0;
        let mut skipped = 0;
        for (i, g) in self.value.grapheme_indices(true) {
            if col - skipped < width {
                break;
            }
            skipped += g.width();
            start = i + g.len();
        }
        let mut end = start;
        let mut used = 0;
        for (i, g) in self.value[start..].grapheme_indices(true) {
            if used + g.width() > width {
                break;
            }
            used += g.width();
            end = start + i + g.len();
        }
        (&self.value[start..end], col - skipped)
    }

    pub fn clear(&mut self) {
        *self = TextField::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_is_edited_by_grapheme_and_placed_by_width() {
        let mut f = TextField::default();
        f.insert("山田");
        f.insert("太郎");
        assert_eq!(f.value(), "山田太郎");
        assert_eq!(f.cursor_column(), 8);
        f.left();
        f.left();
        f.insert(" ");
        assert_eq!(f.value(), "山田 太郎");
        assert_eq!(f.cursor_column(), 5);
        f.backspace();
        f.backspace();
        assert_eq!(f.value(), "山太郎");
        f.home();
        f.delete();
        assert_eq!(f.value(), "太郎");
        f.end();
        assert_eq!(f.cursor_column(), 4);
    }

    /// Ctrl-U, reached in every kind of text field (the kiosk's form, the dashboard's, the
    /// trainer's), erases what is before the cursor and keeps the rest.
    #[test]
    fn ctrl_u_erases_up_to_the_cursor() {
        use crate::keys::{Cmd, Ctx, cmd_for};
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        for ctx in [
            Ctx::Form,
            Ctx::DashPeople,
            Ctx::DashFollowupForm,
            Ctx::PresentSetup,
            Ctx::AddAttendee,
        ] {
            assert_eq!(cmd_for(&ctrl('u'), ctx), Some(Cmd::EraseToStart), "{ctx:?}");
            // Other Ctrl keys neither type their letter nor do anything.
            assert_eq!(cmd_for(&ctrl('x'), ctx), None, "{ctx:?}");
        }
        let mut f = TextField::default();
        f.insert("E00l 山田");
        f.home();
        for _ in 0..5 {
            f.right();
        }
        assert_eq!(f.edit(&Cmd::EraseToStart), None);
        assert_eq!(f.value(), "山田");
        assert_eq!(f.cursor(), 0);
        f.end();
        f.edit(&Cmd::EraseToStart);
        assert_eq!(f.value(), "");
    }

    #[test]
    fn combining_marks_and_emoji_are_one_step() {
        let mut f = TextField::default();
        f.insert("e\u{301}👍🏽x");
        f.left();
        f.backspace();
        assert_eq!(f.value(), "e\u{301}x");
        f.backspace();
        assert_eq!(f.value(), "x");
    }

    #[test]
    fn pastes_become_one_line_and_are_cut_at_the_limit() {
        let mut f = TextField::default();
        assert_eq!(f.insert("a\nb\tc"), Inserted::All);
        assert_eq!(f.value(), "a b c");
        let long = "x".repeat(10_000);
        assert_eq!(f.insert(&long), Inserted::Cut);
        assert_eq!(f.value().len(), MAX_GRAPHEMES);
    }

    #[test]
    fn control_and_bidi_characters_never_enter_a_field() {
        let mut f = TextField::default();
        assert_eq!(
            f.insert("Eve\u{1b}[2J\u{202E}x\0\u{200B}"),
            Inserted::Removed
        );
        assert_eq!(f.value(), "", "nothing of it is entered");
        f.insert("E000");
        assert_eq!(f.insert("\u{200B}011"), Inserted::Removed);
        assert_eq!(f.value(), "E000");
        assert_eq!(
            f.insert("ｶﾀｶﾅ"),
            Inserted::All,
            "half-width katakana is text"
        );
    }

    #[test]
    fn a_long_value_scrolls_to_keep_the_cursor_visible() {
        let mut f = TextField::default();
        f.insert(&"あ".repeat(30));
        let (shown, col) = f.visible(10);
        assert!(shown.width() <= 10);
        assert!(col <= 10);
        f.home();
        let (shown, col) = f.visible(10);
        assert_eq!(col, 0);
        assert_eq!(shown, "あああああ");
    }
}
