//! The choice: separate, unticked statements to agree to, or "not now" / "no" keeping the
//! current channel, with optional reasons; and the summary confirmed before saving.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::app::{Alternative, App, ChoiceItem};
use crate::consent::Decision;
use crate::content::markdown::Inline;
use crate::ui::screen::{checkbox, item, para, radio, titled_doc};
use crate::ui::{Body, doc, theme};

pub fn body(app: &App, i: usize, width: usize) -> Body {
    let content = app.content.lang(&app.lang);
    let manifest = &app.content.manifest;
    let choice = &app.person.choice;
    let mut body = Body::default();
    titled_doc(&mut body, &content.screens[i].doc, width);
    body.blank();
    para(
        &mut body,
        &app.t("choice-agree-heading"),
        width,
        theme::heading(),
    );
    let items = app.choice_items();
    let mut reasons_started = false;
    for (n, it) in items.iter().enumerate() {
        let focused = choice.focus == n;
        match *it {
            ChoiceItem::Purpose(p) => {
                let id = &manifest.purposes[p].id;
                let label = content
                    .forms
                    .purposes
                    .get(id)
                    .map(|l| l.label.as_str())
                    .unwrap_or(id);
                item(
                    &mut body,
                    checkbox(choice.purposes[p]),
                    label,
                    focused,
                    Style::new(),
                    width,
                );
            }
            ChoiceItem::Alternative(alt) => {
                if alt == Alternative::NotNow {
                    body.blank();
                    para(
                        &mut body,
                        &app.t("choice-or-heading"),
                        width,
                        theme::heading(),
                    );
                }
                let label = match alt {
                    Alternative::NotNow => app.t("choice-not-now"),
                    Alternative::Refuse => app.t("choice-refuse"),
                };
                item(
                    &mut body,
                    radio(choice.alternative == Some(alt)),
                    &label,
                    focused,
                    Style::new(),
                    width,
                );
            }
            ChoiceItem::Reason(r) => {
                if !reasons_started {
                    reasons_started = true;
                    body.blank();
                    para(
                        &mut body,
                        &app.t("choice-reasons-heading"),
                        width,
                        theme::heading(),
                    );
                }
                let id = &manifest.reasons[r].id;
                let label = content
                    .forms
                    .reasons
                    .get(id)
                    .map(|l| l.label.as_str())
                    .unwrap_or(id);
                item(
                    &mut body,
                    checkbox(choice.reasons[r]),
                    label,
                    focused,
                    Style::new(),
                    width,
                );
            }
        }
    }
    body.blank();
    para(&mut body, &app.t("choice-no-penalty"), width, theme::dim());
    body
}

/// What will be recorded, in words, for the review pop-up; then the lines that must stay in
/// view (a failed save, and the keys to save or change).
pub fn summary(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let content = app.content.lang(&app.lang);
    let manifest = &app.content.manifest;
    let choice = &app.person.choice;
    let mut body = Body::default();
    let who = super::who(app);
    para(&mut body, &who, width, Style::new());
    body.blank();
    match app.decision() {
        Ok(Decision::Given) => {
            para(&mut body, &app.t("review-given"), width, theme::good());
            for (p, _) in manifest
                .purposes
                .iter()
                .zip(&choice.purposes)
                .filter(|(_, t)| **t)
            {
                let label = content
                    .forms
                    .purposes
                    .get(&p.id)
                    .map(|l| l.label.clone())
                    .unwrap_or_default();
                body.extend(doc::styled_lines(
                    &Inline::plain(&label),
                    width,
                    Style::new(),
                    " ✓ ",
                    "   ",
                ));
            }
        }
        Ok(decision) => {
            let id = if decision == Decision::Refused {
                "review-refused"
            } else {
                "review-deferred"
            };
            para(&mut body, &app.t(id), width, theme::warn());
            let reasons: Vec<String> = manifest
                .reasons
                .iter()
                .zip(&choice.reasons)
                .filter(|(_, t)| **t)
                .map(|(r, _)| {
                    content
                        .forms
                        .reasons
                        .get(&r.id)
                        .map(|l| l.label.clone())
                        .unwrap_or_default()
                })
                .collect();
            if !reasons.is_empty() {
                body.extend(doc::plain_lines(
                    &app.t("review-reasons"),
                    width,
                    Style::new(),
                ));
                for r in reasons {
                    body.extend(doc::styled_lines(
                        &Inline::plain(&r),
                        width,
                        Style::new(),
                        crate::ui::glyphs::glyphs().bullet,
                        "   ",
                    ));
                }
            }
        }
        Err(_) => {}
    }
    let mut pinned = Body::default();
    pinned.blank();
    if app.person.save_failed.is_some() {
        para(&mut pinned, &app.t("save-failed-long"), width, theme::bad());
        pinned.blank();
    }
    para(&mut pinned, &app.t("review-confirm"), width, theme::dim());
    (body.lines, pinned.lines)
}
