//! The receipt: what was recorded, when, under which policy version, and a code to keep.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::record::RecordType;
use crate::record::consent::Decision;
use crate::ui::screen::{para, titled_doc};
use crate::ui::{Body, doc, theme};

pub fn body(app: &App, i: usize, width: usize) -> Body {
    let content = app.content.lang(&app.lang);
    let mut body = Body::default();
    let Some(saved) = &app.person.saved else {
        titled_doc(&mut body, &app.screen_doc(i), width);
        return body;
    };
    body.extend(doc::title_lines(&content.screens[i].doc.title, width));
    body.blank();
    para(&mut body, &app.t("receipt-saved"), width, theme::good());
    body.blank();
    let what = match (saved.record_type, saved.decision) {
        (RecordType::Withdrawal, _) => app.t("receipt-what-withdrawn"),
        (_, Some(Decision::Given)) => app.t("receipt-what-given"),
        // Ending a consent in force: contacted as before LINE WORKS, not "as today".
        (_, Some(Decision::Refused)) if app.ends_consent() => app.t("receipt-what-refused-ends"),
        (_, Some(Decision::Refused)) => app.t("receipt-what-refused"),
        _ if app.ends_consent() => app.t("receipt-what-deferred-ends"),
        _ => app.t("receipt-what-deferred"),
    };
    let local = saved.at.to_zoned(app.tz.clone());
    let when = local.strftime("%Y-%m-%d %H:%M").to_string();
    let rows = [
        (
            "receipt-name",
            crate::escape::for_display(&super::who_name(app)),
        ),
        ("receipt-id", super::who_id(app)),
        ("receipt-what", what),
        ("receipt-policy", app.saved_policy_version()),
        (
            "receipt-when",
            format!("{when} ({})", app.tz.iana_name().unwrap_or("UTC")),
        ),
        ("receipt-code", saved.receipt_code.clone()),
    ];
    let fingerprint = saved.fingerprint();
    let rows: Vec<(&str, String)> = rows
        .into_iter()
        .chain(fingerprint.map(|f| ("receipt-fingerprint", f)))
        .collect();
    let label_w = rows
        .iter()
        .map(|(l, _)| crate::wrap::display_width(&app.t(l)))
        .max()
        .unwrap_or(0)
        + 2;
    for (label_id, value) in rows {
        let label = app.t(label_id);
        let pad = " ".repeat(label_w.saturating_sub(crate::wrap::display_width(&label)));
        // The code is what the person writes down or photographs: it stands out.
        let style = if label_id == "receipt-code" {
            theme::title()
        } else {
            Style::new()
        };
        let value_lines = doc::plain_lines(&value, width.saturating_sub(label_w).max(1), style);
        for (n, line) in value_lines.into_iter().enumerate() {
            let lead = if n == 0 {
                Span::styled(format!("{label}{pad}"), theme::dim())
            } else {
                Span::raw(" ".repeat(label_w))
            };
            let mut spans = vec![lead];
            spans.extend(line.spans);
            body.push(Line::from(spans));
        }
    }
    if saved.decision == Some(Decision::Given) {
        // What they agreed to, as on the review before saving: the rules confirmed, and each
        // purpose granted or not (an optional one declined is as much on record).
        body.blank();
        super::choice::given_lines(app, &mut body, width);
    } else if matches!(saved.decision, Some(Decision::Deferred | Decision::Refused))
        && app.person.choice.reasons.iter().any(|&r| r)
    {
        // The reasons they gave, which the record holds too.
        body.blank();
        super::choice::reason_lines(app, &mut body, width);
    }
    if saved.witness.is_some() {
        body.blank();
        para(&mut body, &app.t("receipt-keep-why"), width, Style::new());
    }
    body.blank();
    body.extend(doc::render(&app.screen_doc(i), width));
    body
}
