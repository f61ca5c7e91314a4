//! A text screen of the content: title, text, and a marker at its end so the person can see
//! they have reached it.

use crate::app::App;
use crate::ui::Body;
use crate::ui::screen::{end_marker, titled_doc};

pub fn body(app: &App, i: usize, width: usize) -> Body {
    let screen = &app.content.lang(&app.lang).screens[i];
    let mut body = Body::default();
    titled_doc(&mut body, &screen.doc, width);
    end_marker(&mut body, &app.t("end-of-screen"));
    body
}
