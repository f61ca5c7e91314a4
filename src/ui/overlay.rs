//! Pop-ups drawn over the body: help, and the summary a person confirms before a choice is saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::App;
use crate::keys;
use crate::ui::widgets::{inner_width, popup_with_more, secret_line};
use crate::ui::{doc, screen, theme};

/// Every key that works on the screen under the help, and what it does.
pub fn help(frame: &mut Frame, app: &App, area: Rect) {
    let width = inner_width(area);
    let mut lines = doc::plain_lines(&app.t("help-intro"), width, theme::dim());
    lines.push(Line::default());
    let rows: Vec<(String, String)> = keys::help_rows_for(app.base_ctx(), app)
        .into_iter()
        .map(|(key, action)| (app.t(key), app.t(action)))
        .collect();
    let key_w = rows
        .iter()
        .map(|(k, _)| crate::wrap::display_width(k))
        .max()
        .unwrap_or(0);
    for (key, action) in rows {
        let pad = key_w.saturating_sub(crate::wrap::display_width(&key)) + 1;
        lines.push(Line::from(vec![
            Span::styled(format!(" {key}"), theme::key()),
            Span::raw(" ".repeat(pad + 1)),
            Span::raw(action),
        ]));
    }
    // Where a person reads or answers the check: how to say No or Not now without either
    // (the keys above name → only as "next screen").
    if matches!(app.base_ctx(), keys::Ctx::Reading | keys::Ctx::Check) {
        lines.push(Line::default());
        lines.extend(doc::plain_lines(
            &app.t("help-decide-without"),
            width,
            theme::dim(),
        ));
    }
    // While identifying, help also holds the full privacy notice.
    if matches!(
        app.step,
        crate::app::Step::Identity | crate::app::Step::Confirm | crate::app::Step::Code
    ) {
        lines.push(Line::default());
        lines.extend(doc::plain_lines(
            &app.t("notice-title"),
            width,
            theme::heading(),
        ));
        lines.extend(screen::notice::lines(app, width));
    }
    let laid = popup_with_more(
        frame,
        area,
        app.t("help-title"),
        lines,
        Vec::new(),
        app.popup_scroll,
    );
    note_popup(frame, app, laid);
}

/// Writes back what a scrolling pop-up laid out (its lines, and how many fit), which the hint
/// bar, drawn after it, and the keys go by.
fn note_popup(frame: &Frame, app: &App, (lines, height): (usize, usize)) {
    let area = frame.area();
    app.popup_viewport.record(crate::viewport::Drawn {
        key: app.popup_key_at(area.width, area.height),
        lines,
        height,
        top: 0,
        focus: None,
        mark: None,
    });
}

/// The choice, summarised, waiting for the final Enter; or the message that it was not saved.
pub fn review(frame: &mut Frame, app: &App, area: Rect) {
    let width = inner_width(area);
    let (lines, pinned) = screen::choice::summary(app, width);
    let laid = popup_with_more(
        frame,
        area,
        app.t("review-title"),
        lines,
        pinned,
        app.popup_scroll,
    );
    note_popup(frame, app, laid);
}

/// The staff PIN prompt: the digits are shown as dots.
pub fn pin(frame: &mut Frame, app: &App, area: Rect) {
    let Some(prompt) = &app.pin else {
        return;
    };
    let width = inner_width(area);
    let mut lines = doc::plain_lines(&app.t("pin-prompt"), width, ratatui::style::Style::new());
    lines.push(Line::default());
    lines.push(secret_line(&prompt.field));
    if let Some(n) = &prompt.message {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
            n.args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        lines.push(Line::default());
        lines.extend(doc::plain_lines(
            &app.loc.ta(&app.lang, n.id, &args),
            width,
            theme::bad(),
        ));
    }
    popup_with_more(frame, area, app.t("pin-title"), lines, Vec::new(), 0);
}

/// "Still there?" with the seconds left before the kiosk starts over.
pub fn idle(frame: &mut Frame, app: &App, area: Rect, seconds: u64) {
    let width = inner_width(area);
    // Once the choice is saved, nothing entered is lost by starting over.
    let id = if app.person.saved.is_some() {
        "idle-text-saved"
    } else {
        "idle-text"
    };
    let text = app
        .loc
        .ta(&app.lang, id, &[("n", seconds.to_string().into())]);
    let lines = doc::plain_lines(&text, width, ratatui::style::Style::new());
    popup_with_more(frame, area, app.t("idle-title"), lines, Vec::new(), 0);
}

/// An earlier consent expired: when they agreed, to which version, and what changed since.
pub fn renewal(frame: &mut Frame, app: &App, area: Rect) {
    let Some(r) = &app.person.renewal else {
        return;
    };
    let width = inner_width(area);
    let plain = ratatui::style::Style::new();
    let m = &app.content.manifest;
    let date = r
        .decided_at
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map_or_else(
            || "-".into(),
            |t| t.to_zoned(app.tz.clone()).date().to_string(),
        );
    let old = r.policy_version.clone().unwrap_or_else(|| "-".into());
    let text = app.loc.ta(
        &app.lang,
        "renewal-text",
        &[
            ("date", date.into()),
            ("old", crate::escape::for_terminal(&old).into_owned().into()),
            ("new", m.policy_version.clone().into()),
        ],
    );
    let mut lines = doc::plain_lines(&text, width, plain);
    let lang = app.content.lang(&app.lang);
    // The changes of every version after theirs, oldest first.
    let newer: Vec<&crate::content::ChangeMeta> = m
        .changes
        .iter()
        .filter(|c| {
            r.policy_version
                .as_deref()
                .is_none_or(|v| c.version.as_str() > v)
        })
        .filter(|c| c.version <= m.policy_version)
        .collect();
    lines.push(Line::default());
    if newer.is_empty() {
        let text = app.loc.ta(
            &app.lang,
            "renewal-no-summary",
            &[("contact", app.org_contact().into())],
        );
        lines.extend(doc::plain_lines(&text, width, plain));
    } else {
        lines.extend(doc::plain_lines(
            &app.t("renewal-what-changed"),
            width,
            theme::heading(),
        ));
        for c in &newer {
            if let Some(t) = lang.forms.changes.get(&c.version) {
                let item = crate::ui::doc::styled_lines(
                    &crate::content::markdown::Inline::plain(&t.summary),
                    width,
                    plain,
                    crate::glyphs::glyphs().bullet_tight,
                    "  ",
                );
                lines.extend(item);
            }
        }
        let mut titles: Vec<String> = Vec::new();
        for c in &newer {
            for id in &c.screens {
                if let Some(i) = app.content.screen_index(id) {
                    let title = lang.screens[i].doc.title.clone();
                    if !titles.contains(&title) {
                        titles.push(title);
                    }
                }
            }
        }
        if !titles.is_empty() {
            lines.push(Line::default());
            let list = titles.join(app.t("list-separator").as_str());
            let text = app
                .loc
                .ta(&app.lang, "renewal-screens", &[("screens", list.into())]);
            lines.extend(doc::plain_lines(&text, width, plain));
        }
    }
    let laid = popup_with_more(
        frame,
        area,
        app.t("renewal-title"),
        lines,
        Vec::new(),
        app.popup_scroll,
    );
    note_popup(frame, app, laid);
}

/// A QR code of `text` over everything but the hint bar (`area`), with `lines` beside it, or
/// below it when the terminal is narrow; `too_small` first when the code cannot be drawn whole
/// (`lines` is told whether it was: width, drawn).
fn code_popup(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    lines: impl Fn(usize, bool) -> Vec<Line<'static>>,
    too_small: &str,
) {
    frame.render_widget(Clear, area);
    let inner = Rect::new(
        area.x + 1,
        area.y,
        area.width.saturating_sub(1),
        area.height,
    );
    let drawn = crate::ui::qr::draw(frame.buffer_mut(), inner, text);
    let text_area = match drawn {
        Some(qr) if inner.width >= qr.width + 22 => Rect::new(
            qr.x + qr.width + 2,
            inner.y + 1,
            inner.width - qr.width - 2,
            inner.height.saturating_sub(1),
        ),
        Some(qr) => Rect::new(
            inner.x,
            qr.y + qr.height,
            inner.width,
            inner.height.saturating_sub(qr.height),
        ),
        None => inner,
    };
    let width = text_area.width as usize;
    let mut out = Vec::new();
    if drawn.is_none() {
        out.extend(doc::plain_lines(too_small, width, theme::warn()));
        out.push(Line::default());
    }
    out.extend(lines(width, drawn.is_some()));
    frame.render_widget(Paragraph::new(out), text_area);
}

/// What to say when the code of `text` does not fit: where the half block is drawn wide, the
/// code takes two columns and a row a module, so the window it needs is named.
fn too_small(app: &App, text: &str, wide_id: &str) -> String {
    match crate::ui::qr::size(text).filter(|_| crate::glyphs::wide()) {
        Some((w, h)) => app.loc.ta(
            &app.lang,
            wide_id,
            &[("width", (w + 2).into()), ("height", (h + 2).into())],
        ),
        None => app.t("receipt-code-too-small"),
    }
}

/// The receipt's QR code, with the record's fingerprint and what keeping it gives.
pub fn receipt_code(frame: &mut Frame, app: &App, area: Rect) {
    let Some(saved) = &app.person.saved else {
        return;
    };
    let (Some(line), Some(fingerprint)) = (saved.receipt_line(), saved.fingerprint()) else {
        return;
    };
    let lines = |width: usize, drawn: bool| {
        let mut lines = doc::plain_lines(&app.t("receipt-code-title"), width, theme::title());
        // The receipt code and the fingerprint, as on the receipt: without the QR code they
        // are what to keep.
        for (label, value) in [
            ("receipt-code", &saved.receipt_code),
            ("receipt-fingerprint", &fingerprint),
        ] {
            lines.push(Line::default());
            lines.extend(doc::plain_lines(&app.t(label), width, theme::dim()));
            lines.push(Line::styled(value.clone(), theme::heading()));
        }
        lines.push(Line::default());
        lines.extend(doc::plain_lines(
            &app.t(if drawn {
                "receipt-code-why"
            } else {
                "receipt-code-why-written"
            }),
            width,
            ratatui::style::Style::new(),
        ));
        lines.push(Line::default());
        // How to close it, and the countdown it would otherwise hide.
        lines.extend(doc::plain_lines(
            &app.t("receipt-code-close"),
            width,
            theme::dim(),
        ));
        if let Some(n) = app.receipt_left {
            // As the receipt below says it: in a trainer's session, back to the trainer.
            let id = if app.session.is_some() {
                "receipt-countdown-session"
            } else {
                "receipt-countdown"
            };
            lines.extend(doc::plain_lines(
                &app.loc.ta(&app.lang, id, &[("n", n.into())]),
                width,
                theme::dim(),
            ));
        }
        lines
    };
    code_popup(
        frame,
        area,
        &line,
        lines,
        &too_small(app, &line, "receipt-code-too-small-wide"),
    );
}

/// Link `n` of the current screen as a QR code, so a person at a kiosk opens it on their phone.
pub fn link_code(frame: &mut Frame, app: &App, area: Rect, n: usize) {
    let links = app.screen_links();
    let Some(url) = links.get(n.min(links.len().saturating_sub(1))) else {
        return;
    };
    let lines = |width: usize, _drawn: bool| {
        let mut lines = doc::plain_lines(&app.t("link-code-title"), width, theme::title());
        lines.push(Line::default());
        // The address whole, broken as on the screens: only after a '/' of its path, never
        // inside the host or a path segment (unless one is wider than the line).
        lines.extend(doc::plain_lines(url, width, theme::link()));
        lines.push(Line::default());
        let hint = if links.len() > 1 {
            app.loc.ta(
                &app.lang,
                "link-code-more",
                &[
                    ("n", (n as u64 + 1).into()),
                    ("count", (links.len() as u64).into()),
                ],
            )
        } else {
            app.t("link-code-close")
        };
        lines.extend(doc::plain_lines(&hint, width, theme::dim()));
        lines
    };
    code_popup(
        frame,
        area,
        url,
        lines,
        &too_small(app, url, "link-code-too-small-wide"),
    );
}
