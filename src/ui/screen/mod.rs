//! One file per screen; each builds its body as lines at the body's width.

pub mod check;
pub mod choice;
pub mod identity;
pub mod info;
pub mod notice;
pub mod receipt;
pub mod standing;
pub mod welcome;
pub mod withdraw;

use ratatui::style::Style;
use ratatui::text::Line;

use crate::content::markdown::Inline;
use crate::ui::{Body, doc, theme};

/// A selectable line (checkbox, radio button, menu item): `marker` then the wrapped label,
/// highlighted when focused. Records which lines it took in `body.focus` when focused.
pub fn item(body: &mut Body, marker: &str, label: &str, focused: bool, style: Style, width: usize) {
    let lead = if focused {
        crate::glyphs::glyphs().pointer
    } else {
        "  "
    };
    let first = if marker.is_empty() {
        lead.to_string()
    } else {
        format!("{lead}{marker} ")
    };
    let rest = " ".repeat(crate::wrap::display_width(&first));
    let style = if focused {
        style.patch(theme::focus())
    } else {
        style
    };
    let start = body.lines.len();
    body.extend(doc::styled_lines(
        &Inline::plain(label),
        width,
        style,
        &first,
        &rest,
    ));
    if focused {
        body.focus = Some((start, body.lines.len()));
    }
}

/// The screen's title, a blank line, and its text.
pub fn titled_doc(body: &mut Body, d: &crate::content::markdown::Doc, width: usize) {
    body.extend(doc::title_lines(&d.title, width));
    body.blank();
    body.extend(doc::render(d, width));
}

pub fn checkbox(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

pub fn radio(on: bool) -> &'static str {
    if on {
        crate::glyphs::glyphs().radio_on
    } else {
        "( )"
    }
}

/// Plain text lines in a style.
pub fn para(body: &mut Body, text: &str, width: usize, style: Style) {
    body.extend(doc::plain_lines(text, width, style));
}

/// A line with nothing but a style, e.g. to end a screen.
pub fn end_marker(body: &mut Body, text: &str) {
    body.blank();
    body.push(Line::styled(text.to_string(), theme::dim()));
}

/// The person, as shown before anything of theirs is saved: "name (ID id)".
pub fn who(app: &crate::app::App) -> String {
    app.loc.ta(
        &app.lang,
        "person-who",
        &[("name", who_name(app).into()), ("id", who_id(app).into())],
    )
}

/// The person's name: the roster's once they confirmed it, else as typed.
pub fn who_name(app: &crate::app::App) -> String {
    match app.person.who.as_ref().and_then(|w| w.name.clone()) {
        Some(n) => n,
        None => app.person.name().to_string(),
    }
}

/// The person's id as recorded.
pub fn who_id(app: &crate::app::App) -> String {
    match &app.person.who {
        Some(w) => w.id.clone(),
        None => app.person.id().to_string(),
    }
}
