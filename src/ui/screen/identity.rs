//! Who you are: employee id, name, department (optional).

use ratatui::style::Style;

use crate::app::{App, FIELD_DEPT, FIELD_ID, FIELD_NAME};
use crate::ui::screen::{field, para};
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
    for (id, label) in labels {
        let focused = app.person.field == id;
        field(
            &mut body,
            &app.t(label),
            &app.person.fields[id],
            focused,
            width,
        );
    }
    body.blank();
    para(&mut body, &app.t("identity-privacy"), width, theme::dim());
    body
}
