//! Who you are: the employee id (and, in open mode, name and department); in code mode, the
//! personal code after the roster's name is confirmed.

use ratatui::style::Style;

use crate::app::{App, FIELD_DEPT, FIELD_ID, FIELD_NAME};
use crate::record::identity::IdentityMode;
use crate::text_field::TextField;
use crate::ui::screen::para;
use crate::ui::widgets::{Place, text_field};
use crate::ui::{Body, doc, theme};

/// The step's title: on the way to a withdrawal, it says so.
pub fn title_id(app: &App) -> &'static str {
    if app.person.intent == crate::app::Intent::Withdraw {
        "identity-title-withdraw"
    } else {
        "identity-title"
    }
}

pub fn body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&app.t(title_id(app)), width));
    body.blank();
    let open = app.identity_mode() == IdentityMode::Open;
    let intro = if open {
        "identity-intro"
    } else {
        "identity-intro-roster"
    };
    para(&mut body, &app.t(intro), width, Style::new());
    let labels = [
        (FIELD_ID, "identity-id"),
        (FIELD_NAME, "identity-name"),
        (FIELD_DEPT, "identity-dept"),
    ];
    for (id, label) in labels.into_iter().take(app.identity_fields()) {
        let focused = app.person.field == id;
        text_field(
            &app.t(label),
            &app.person.fields[id],
            focused,
            width,
            Place::Above,
        )
        .push_to(&mut body);
    }
    body.blank();
    para(&mut body, &super::notice::short(app), width, Style::new());
    body
}

/// The personal code, asked after the person confirmed the roster's name for their id.
pub fn code_body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&app.t("code-title"), width));
    body.blank();
    // The id only: the roster's name is shown once the code is right.
    let id = app.loc.ta(
        &app.lang,
        "code-for-id",
        &[("id", super::who_id(app).into())],
    );
    para(&mut body, &id, width, theme::heading());
    body.blank();
    para(&mut body, &app.t("code-intro"), width, Style::new());
    // The code is not shown as typed: someone behind the person should not read it.
    let mut masked = TextField::default();
    masked.insert(&"*".repeat(app.code.field.value().chars().count()));
    text_field(&app.t("code-label"), &masked, true, width, Place::Above).push_to(&mut body);
    body
}
