//! A one-line text field, drawn the same way wherever text is typed: the flow's identity and
//! code, trainer mode's setup and attendee form, the dashboard's name, search and forms. The
//! field's state (`text_field::TextField`) knows nothing of the terminal; this draws it.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::text_field::TextField;
use crate::ui::{Body, doc, theme};
use crate::wrap::display_width;

/// The widest a field under its label is drawn.
pub const MAX_FIELD: usize = 40;

/// Where a field's label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// On lines of its own after a blank line, the field under it, padded to its width and
    /// marked by the pointer when focused (the flow and trainer mode, in a screen's body).
    Above,
    /// Before the field on the same line, the cursor shown as a reversed cell (the dashboard's
    /// boxes, where the real cursor is not always placed).
    Before,
}

/// A field drawn: its lines, and where the cursor goes (line, column) when it is focused.
pub struct Drawn {
    pub lines: Vec<Line<'static>>,
    pub cursor: Option<(usize, usize)>,
}

impl Drawn {
    /// Adds the field to a screen's body: the cursor goes there, and the label and field are
    /// kept in view when focused.
    pub fn push_to(self, body: &mut Body) {
        let start = body.lines.len();
        let end = start + self.lines.len();
        body.extend(self.lines);
        if let Some((line, col)) = self.cursor {
            body.cursor = Some((start + line, col));
            body.focus = Some((end.saturating_sub(2), end));
        }
    }

    /// The field's one line (for [`Place::Before`]).
    pub fn line(self) -> Line<'static> {
        self.lines.into_iter().next().unwrap_or_default()
    }
}

/// `field` labelled `label` in `width` columns, the cursor in it when `focused`.
pub fn text_field(
    label: &str,
    field: &TextField,
    focused: bool,
    width: usize,
    place: Place,
) -> Drawn {
    let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
    match place {
        Place::Above => {
            let mut lines = vec![Line::default()];
            let label_style = if focused {
                theme::heading()
            } else {
                Style::new()
            };
            lines.extend(doc::plain_lines(label, width, label_style));
            let field_width = width.saturating_sub(4).clamp(1, MAX_FIELD);
            let (shown, col) = field.visible(field_width);
            let used = display_width(shown);
            let style = if focused {
                underlined.add_modifier(Modifier::BOLD)
            } else {
                underlined
            };
            let marker = if focused {
                crate::glyphs::glyphs().pointer
            } else {
                "  "
            };
            lines.push(Line::from(vec![
                Span::raw(marker),
                Span::styled(
                    format!("{shown}{}", " ".repeat(field_width.saturating_sub(used))),
                    style,
                ),
            ]));
            let cursor = focused.then(|| (lines.len() - 1, 2 + col));
            Drawn { lines, cursor }
        }
        Place::Before => {
            let label = format!("{label} ");
            let label_width = display_width(&label);
            let room = width.saturating_sub(label_width + 1).max(1);
            let (visible, col) = field.visible(room);
            let mut spans = vec![Span::styled(label, theme::heading())];
            if focused {
                let mut before = String::new();
                let mut at = None;
                let mut after = String::new();
                let mut used = 0;
                for g in visible.graphemes(true) {
                    if used < col {
                        before.push_str(g);
                    } else if at.is_none() {
                        at = Some(g.to_string());
                    } else {
                        after.push_str(g);
                    }
                    used += display_width(g);
                }
                spans.push(Span::styled(before, underlined));
                spans.push(Span::styled(
                    at.unwrap_or_else(|| " ".to_string()),
                    theme::focus(),
                ));
                spans.push(Span::styled(after, underlined));
            } else {
                spans.push(Span::styled(visible.to_string(), underlined));
            }
            Drawn {
                lines: vec![Line::from(spans)],
                cursor: focused.then_some((0, label_width + col)),
            }
        }
    }
}

/// A secret being typed (a PIN): a dot for each character, then the caret.
pub fn secret_line(field: &TextField) -> Line<'static> {
    let g = crate::glyphs::glyphs();
    let dots = g.secret.repeat(field.value().chars().count());
    Line::styled(format!(" {dots}{}", g.caret), theme::heading())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextField {
        let mut f = TextField::default();
        f.insert(text);
        f
    }

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_field_under_its_label_is_padded_and_has_the_cursor_after_what_is_typed() {
        let drawn = text_field("ID", &typed("E12"), true, 20, Place::Above);
        assert_eq!(drawn.lines.len(), 3);
        assert_eq!(text(&drawn.lines[1]), "ID");
        let field = text(&drawn.lines[2]);
        assert!(
            field.ends_with(&format!("E12{}", " ".repeat(13))),
            "{field:?}"
        );
        assert_eq!(drawn.cursor, Some((2, 5)));
        assert_eq!(
            text_field("ID", &typed("E12"), false, 20, Place::Above).cursor,
            None
        );
    }

    #[test]
    fn a_field_after_its_label_shows_the_cursor_as_a_cell() {
        let mut f = typed("山田");
        f.left();
        let drawn = text_field("名前", &f, true, 30, Place::Before);
        assert_eq!(text(&drawn.lines[0]), "名前 山田");
        // The label and its space take 5 columns, 山 two more: the cursor is on 田.
        assert_eq!(drawn.cursor, Some((0, 7)));
        let at = &drawn.lines[0].spans[2];
        assert_eq!(at.content, "田");
        assert_eq!(at.style, theme::focus());
    }

    #[test]
    fn a_secret_shows_dots_not_what_was_typed() {
        let line = text(&secret_line(&typed("1357")));
        assert!(!line.contains("1357"), "{line}");
        let g = crate::glyphs::glyphs();
        assert_eq!(line, format!(" {}{}", g.secret.repeat(4), g.caret));
    }
}
