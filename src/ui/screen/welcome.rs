//! The welcome screen: what this is, in every language, and the choice of language (or of
//! withdrawing an earlier consent).

use ratatui::style::Style;

use crate::app::App;
use crate::ui::screen::{item, para};
use crate::ui::{Body, theme};

pub fn body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    let langs = app.content.languages();
    body.blank();
    // The welcome speaks every language at once: the person has not chosen yet.
    for lang in &langs {
        para(
            &mut body,
            &app.loc.t(lang, "welcome-heading"),
            width,
            theme::title(),
        );
    }
    body.blank();
    para(&mut body, &app.t("welcome-intro"), width, Style::new());
    body.blank();
    for lang in &langs {
        para(
            &mut body,
            &app.loc.t(lang, "welcome-choose"),
            width,
            theme::heading(),
        );
    }
    body.blank();
    for (n, lang) in langs.iter().enumerate() {
        let name = app.loc.t(lang, "language-name");
        item(
            &mut body,
            "",
            &name,
            app.welcome_focus == n,
            Style::new(),
            width,
        );
    }
    body.blank();
    item(
        &mut body,
        "",
        &app.t("welcome-withdraw"),
        app.welcome_focus == langs.len(),
        Style::new(),
        width,
    );
    item(
        &mut body,
        "",
        &app.t("welcome-notice"),
        app.welcome_focus == langs.len() + 1,
        Style::new(),
        width,
    );
    body
}
