//! Withdrawing consent at the kiosk: one confirmation, recorded like a consent.

use ratatui::style::Style;

use crate::app::App;
use crate::ui::screen::para;
use crate::ui::{Body, doc, theme};

pub fn body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&app.t("withdraw-title"), width));
    body.blank();
    para(&mut body, &app.t("withdraw-explain"), width, Style::new());
    body.blank();
    let who = super::who(app);
    para(&mut body, &who, width, theme::heading());
    body.blank();
    // A consent given under an older policy version: said which it is (unless records
    // about them were withheld, when the one in force may be another: said below).
    if app
        .person
        .prior
        .as_ref()
        .is_some_and(|p| p.consent == crate::state::ConsentState::Expired && !p.withheld)
    {
        let (date, version) = super::standing::decided(app);
        let text = app.loc.ta(
            &app.lang,
            "withdraw-expired",
            &[("date", date.into()), ("version", version.into())],
        );
        para(&mut body, &text, width, Style::new());
        body.blank();
    }
    // Taken though no consent in force shows, since records about them were withheld.
    if app.person.prior.as_ref().is_some_and(|p| {
        p.consent != crate::state::ConsentState::Given && p.withdraws_despite_withheld()
    }) {
        para(&mut body, &app.t("withdraw-withheld"), width, theme::warn());
        body.blank();
    }
    if app.person.save_failed.is_some() {
        para(&mut body, &app.t("save-failed-long"), width, theme::bad());
        body.blank();
    }
    para(&mut body, &app.t("withdraw-confirm"), width, theme::warn());
    body
}
