//! The comprehension check: one question at a time; a wrong answer names the screen that
//! explains it and offers to go back there.

use ratatui::style::Style;

use crate::app::App;
use crate::ui::screen::{item, para, radio, titled_doc};
use crate::ui::{Body, theme};

pub fn body(app: &App, i: usize, width: usize) -> Body {
    let content = app.content.lang(&app.lang);
    let mut body = Body::default();
    titled_doc(&mut body, &app.screen_doc(i), width);
    let questions = &app.content.manifest.questions;
    let check = &app.person.check;
    if check.all_passed() {
        body.blank();
        let done = app.loc.ta(
            &app.lang,
            "check-all-correct",
            &[("n", questions.len().to_string().into())],
        );
        para(&mut body, &done, width, theme::good());
        para(
            &mut body,
            &app.t("check-all-correct-next"),
            width,
            theme::dim(),
        );
        return body;
    }
    let Some(meta) = questions.get(check.current) else {
        return body;
    };
    let Some(q) = content.forms.questions.get(&meta.id) else {
        return body;
    };
    // Agreeing needs the answers; No and Not now do not: said above every question.
    body.blank();
    para(
        &mut body,
        &app.t("check-decide-without"),
        width,
        theme::dim(),
    );
    let counter = app.loc.ta(
        &app.lang,
        "check-counter",
        &[
            ("n", (check.current + 1).to_string().into()),
            ("of", questions.len().to_string().into()),
        ],
    );
    para(&mut body, &counter, width, theme::dim());
    para(&mut body, &q.text, width, theme::heading());
    body.blank();
    for (n, option) in q.options.iter().enumerate() {
        let chosen = check.wrong.or(check.ticked) == Some(n);
        item(
            &mut body,
            radio(chosen),
            option,
            check.focus == n,
            Style::new(),
            width,
        );
    }
    if check.wrong.is_some() {
        let explains = app.content.screen_index(&meta.explains).unwrap_or(0);
        let title = &content.screens[explains].doc.title;
        let screen_no = app.info_progress(explains).map_or(explains + 1, |(n, _)| n);
        body.blank();
        let start = body.lines.len();
        para(&mut body, &app.t("check-wrong"), width, theme::bad());
        let where_ = app.loc.ta(
            &app.lang,
            "check-explained-on",
            &[
                ("title", title.clone().into()),
                ("n", screen_no.to_string().into()),
            ],
        );
        para(&mut body, &where_, width, Style::new());
        para(
            &mut body,
            &app.t("check-wrong-options"),
            width,
            theme::dim(),
        );
        body.focus = Some((start, body.lines.len()));
    }
    body
}
