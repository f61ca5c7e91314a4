//! The privacy notice: who keeps the record and why, everything it holds (generated from the
//! list of recorded fields, [`crate::record::fields`]), what trainers and admins may add, who
//! sees it, for how long, the person's rights and whom to ask. A short version stands on the
//! identity screen; the full one is on the welcome screen's "What is recorded" and in F1 help
//! while identifying.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::app::App;
use crate::record::fields::GROUPS;
use crate::ui::screen::para;
use crate::ui::{Body, doc, theme};

fn value(app: &App, key: &str) -> String {
    app.content
        .lang(&app.lang)
        .values
        .get(key)
        .cloned()
        .unwrap_or_default()
}

/// What the record holds, one line per group: its heading and the descriptions of its
/// fields, each said once.
pub fn what_is_kept(app: &App) -> Vec<(String, String)> {
    GROUPS
        .iter()
        .map(|g| {
            let mut seen: Vec<&str> = Vec::new();
            for f in g.fields {
                if !seen.contains(&f.description) {
                    seen.push(f.description);
                }
            }
            let sep = app.t("notice-list-separator");
            let items: Vec<String> = seen.iter().map(|id| app.t(id)).collect();
            (app.t(g.heading), items.join(&sep))
        })
        .collect()
}

/// The short notice before identification: what is kept (every group), why, how long, whom
/// to ask.
pub fn short(app: &App) -> String {
    let sep = app.t("notice-list-separator");
    let groups: Vec<String> = GROUPS.iter().map(|g| app.t(g.heading)).collect();
    app.loc.ta(
        &app.lang,
        "notice-short",
        &[
            ("what", groups.join(&sep).into()),
            ("retention", value(app, "retention").into()),
            ("privacy_contact", value(app, "privacy_contact").into()),
        ],
    )
}

/// The full notice as lines at `width`.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut body = Body::default();
    full(app, &mut body, width);
    body.lines
}

fn full(app: &App, body: &mut Body, width: usize) {
    let t = |id: &str| app.t(id);
    let ta = |id: &str, args: &[(&str, String)]| {
        let args: Vec<(&str, fluent_bundle::FluentValue)> =
            args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        app.loc.ta(&app.lang, id, &args)
    };
    para(
        body,
        &value(app, "controller_sentence"),
        width,
        Style::new(),
    );
    body.blank();
    para(body, &t("notice-why-heading"), width, theme::heading());
    para(body, &t("notice-why"), width, Style::new());
    body.blank();
    para(body, &t("notice-what-heading"), width, theme::heading());
    for (heading, items) in what_is_kept(app) {
        let line = app.loc.ta(
            &app.lang,
            "notice-group",
            &[("heading", heading.into()), ("items", items.into())],
        );
        para(body, &line, width, Style::new());
    }
    para(body, &t("notice-not-kept"), width, Style::new());
    body.blank();
    para(body, &t("notice-added-heading"), width, theme::heading());
    para(body, &t("notice-added"), width, Style::new());
    body.blank();
    para(body, &t("notice-readers-heading"), width, theme::heading());
    para(body, &value(app, "record_readers"), width, Style::new());
    body.blank();
    para(
        body,
        &t("notice-retention-heading"),
        width,
        theme::heading(),
    );
    para(body, &value(app, "retention"), width, Style::new());
    body.blank();
    para(body, &t("notice-rights-heading"), width, theme::heading());
    para(
        body,
        &ta(
            "notice-rights",
            &[
                ("privacy_contact", value(app, "privacy_contact")),
                ("contact", value(app, "contact")),
            ],
        ),
        width,
        Style::new(),
    );
}

/// The "What is recorded" screen reached from the welcome screen.
pub fn body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&app.t("notice-title"), width));
    body.blank();
    full(app, &mut body, width);
    body
}
