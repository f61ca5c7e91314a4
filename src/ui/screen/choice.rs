//! The choice: separate, unticked statements to agree to, or "not now" / "no" keeping the
//! current channel, with optional reasons; and the summary confirmed before saving.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::app::{App, ChoiceItem, Pick};
use crate::content::markdown::Inline;
use crate::record::consent::Decision;
use crate::ui::screen::{checkbox, item, para, radio};
use crate::ui::{Body, doc, theme};

pub fn body(app: &App, i: usize, width: usize) -> Body {
    let content = app.content.lang(&app.lang);
    let manifest = &app.content.manifest;
    let choice = &app.person.choice;
    let label = |map: &std::collections::BTreeMap<String, crate::content::Label>, id: &str| {
        map.get(id)
            .map_or_else(|| id.to_string(), |l| l.label.clone())
    };
    let doc = app.screen_doc(i);
    let mut body = Body::default();
    body.extend(doc::title_lines(&doc.title, width));
    body.blank();
    // The three answers first, alike, all in view on arrival: agreeing is no easier to reach
    // than not agreeing.
    para(&mut body, &app.t("choice-lead"), width, theme::heading());
    let core = manifest
        .purposes
        .iter()
        .find(|p| p.required)
        .map(|p| label(&content.forms.purposes, &p.id))
        .unwrap_or_default();
    let items = app.choice_items();
    let mut acks_started = false;
    let mut optional_started = false;
    let mut reasons_started = false;
    // Where the three answers are, kept in view on arrival (nothing focused yet) on a
    // screen too short for the title and the lead as well.
    let mut answers: Option<(usize, usize)> = None;
    for (n, it) in items.iter().enumerate() {
        let focused = choice.focus == Some(n);
        match *it {
            ChoiceItem::Pick(pick) => {
                let start = body.lines.len();
                let text = match pick {
                    Pick::Agree => core.clone(),
                    // For someone whose consent is in force, "today" is LINE WORKS.
                    Pick::NotNow if app.had_consent() => app.t("choice-not-now-ends"),
                    Pick::NotNow => app.t("choice-not-now"),
                    Pick::Refuse => app.t("choice-refuse"),
                };
                item(
                    &mut body,
                    radio(choice.pick == Some(pick)),
                    &text,
                    focused,
                    Style::new(),
                    width,
                );
                answers = Some((answers.map_or(start, |a| a.0), body.lines.len()));
                if pick == Pick::Refuse {
                    body.blank();
                    para(&mut body, &app.t("choice-no-penalty"), width, Style::new());
                }
            }
            ChoiceItem::Ack(a) => {
                if !acks_started {
                    acks_started = true;
                    body.blank();
                    para(
                        &mut body,
                        &app.t("choice-ack-heading"),
                        width,
                        theme::heading(),
                    );
                }
                let id = &manifest.acknowledgements[a].id;
                item(
                    &mut body,
                    checkbox(choice.acks[a]),
                    &label(&content.forms.acknowledgements, id),
                    focused,
                    Style::new(),
                    width,
                );
            }
            ChoiceItem::Purpose(p) => {
                if !optional_started {
                    optional_started = true;
                    body.blank();
                    let optional = manifest.purposes.iter().filter(|p| !p.required).count();
                    para(
                        &mut body,
                        &app.loc.ta(
                            &app.lang,
                            "choice-optional-heading",
                            &[("n", optional.into())],
                        ),
                        width,
                        theme::heading(),
                    );
                }
                let id = &manifest.purposes[p].id;
                item(
                    &mut body,
                    checkbox(choice.purposes[p]),
                    &label(&content.forms.purposes, id),
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
                item(
                    &mut body,
                    checkbox(choice.reasons[r]),
                    &label(&content.forms.reasons, id),
                    focused,
                    Style::new(),
                    width,
                );
            }
        }
    }
    if choice.focus.is_none() {
        body.focus = answers;
    }
    // The explanation of the choice follows the answers.
    body.blank();
    body.extend(doc::render(&doc, width));
    body
}

/// What will be recorded, in words, for the review pop-up; then the lines that must stay in
/// view (a failed save, and the keys to save or change).
pub fn summary(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let mut body = Body::default();
    let who = super::who(app);
    para(&mut body, &who, width, Style::new());
    body.blank();
    match app.decision() {
        Ok(Decision::Given) => {
            para(&mut body, &app.t("review-given"), width, theme::good());
            given_lines(app, &mut body, width);
        }
        Ok(decision) => {
            let id = match (decision == Decision::Refused, app.ends_consent()) {
                (true, false) => "review-refused",
                (true, true) => "review-refused-ends",
                (false, false) => "review-deferred",
                (false, true) => "review-deferred-ends",
            };
            para(&mut body, &app.t(id), width, theme::warn());
            if app.ends_consent() {
                para(
                    &mut body,
                    &app.t("review-ends-consent"),
                    width,
                    theme::warn(),
                );
            }
            reason_lines(app, &mut body, width);
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

/// The rules a person confirmed and each purpose, granted or not, as they agreed to them: on
/// the review before saving and on the receipt.
/// The reasons ticked for "not now" or "no", under their heading (nothing when none were).
pub fn reason_lines(app: &App, body: &mut Body, width: usize) {
    let content = app.content.lang(&app.lang);
    let reasons: Vec<String> = app
        .content
        .manifest
        .reasons
        .iter()
        .zip(&app.person.choice.reasons)
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
    if reasons.is_empty() {
        return;
    }
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
            crate::glyphs::glyphs().bullet,
            "   ",
        ));
    }
}

pub fn given_lines(app: &App, body: &mut Body, width: usize) {
    let content = app.content.lang(&app.lang);
    let manifest = &app.content.manifest;
    // The rules confirmed, then each purpose: granted or not.
    for a in &manifest.acknowledgements {
        let label = content
            .forms
            .acknowledgements
            .get(&a.id)
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
    for (id, granted) in app.purposes_granted() {
        let label = content
            .forms
            .purposes
            .get(&id)
            .map(|l| l.label.clone())
            .unwrap_or_default();
        let (mark, style) = if granted {
            (" ✓ ", Style::new())
        } else {
            (" ✗ ", theme::dim())
        };
        let text = if granted {
            label
        } else {
            app.loc.ta(
                &app.lang,
                "review-not-granted",
                &[("purpose", label.into())],
            )
        };
        body.extend(doc::styled_lines(
            &Inline::plain(&text),
            width,
            style,
            mark,
            "   ",
        ));
    }
}
