//! A text screen of the content: title, text, and a marker at its end so the person can see
//! they have reached it. Reached from a wrong answer, the rule the question asks about is
//! highlighted.

use crate::app::App;
use crate::ui::screen::end_marker;
use crate::ui::{Body, doc};

pub fn body(app: &App, i: usize, width: usize) -> Body {
    let screen = app.screen_doc(i);
    let mut body = Body::default();
    let rule = app
        .person
        .revisit
        .then(|| app.content.manifest.questions.get(app.person.check.current))
        .flatten()
        .and_then(|q| screen.rule(&q.id));
    body.extend(doc::title_lines(&screen.title, width));
    body.blank();
    let offset = body.lines.len();
    let (lines, mark) = doc::render_marked(&screen, width, rule);
    body.extend(lines);
    body.mark = mark.map(|(a, b)| (a + offset, b + offset));
    end_marker(&mut body, &app.t("end-of-screen"));
    body
}
