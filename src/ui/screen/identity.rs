//! Who you are: employee id, name, department (optional).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::{App, FIELD_DEPT, FIELD_ID, FIELD_NAME};
use crate::ui::screen::para;
use crate::ui::{Body, doc, theme};

pub fn body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&app.t("identity-title"), width));
    body.blank();
    para(&mut body, &app.t("identity-intro"), width, Style::new());
    let labels = [
        (FIELD_ID, "identity-id"),
        (FIELD_NAME, "identity-name"),
        (FIELD_DEPT, "identity-dept"),
    ];
    let field_width = width.saturating_sub(4).clamp(1, 40);
    for (field, label) in labels {
        body.blank();
        let focused = app.person.field == field;
        let label_style = if focused {
            theme::heading()
        } else {
            Style::new()
        };
        para(&mut body, &app.t(label), width, label_style);
        let (shown, col) = app.person.fields[field].visible(field_width);
        let used = crate::wrap::display_width(shown);
        let style = Style::new().add_modifier(Modifier::UNDERLINED);
        let style = if focused {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        body.push(Line::from(vec![
            Span::raw(if focused { "▶ " } else { "  " }),
            Span::styled(
                format!("{shown}{}", " ".repeat(field_width.saturating_sub(used))),
                style,
            ),
        ]));
        if focused {
            body.cursor = Some((body.lines.len() - 1, 2 + col));
            body.focus = Some((body.lines.len() - 2, body.lines.len()));
        }
    }
    body.blank();
    para(&mut body, &app.t("identity-privacy"), width, theme::dim());
    body
}
