//! The dashboard's view: the frame (header, view tabs, notice, hint bar, pop-ups) and one file
//! per view. Draws the state and nothing else; every value from the ledger or the roster is
//! escaped before it reaches the terminal.

pub mod champions;
pub mod followups;
pub mod forms;
pub mod overview;
pub mod people;
pub mod person;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::dashboard::{Dashboard, Gate, View};
use crate::escape::for_display;
use crate::keys;
use crate::layout;
use crate::state::{ConsentState, Stage};
use crate::ui::present::frame_areas;
use crate::ui::widgets::{header_bar, help, hint_bar_for, inset, notice_line, notice_text, popup};
use crate::ui::{doc, glyphs, theme, truncate};
use crate::wrap::display_width;

pub fn draw(frame: &mut Frame, d: &Dashboard) {
    let area = frame.area();
    if layout::too_small(area.width, area.height) {
        crate::ui::too_small(frame, &d.loc, &d.lang, area);
        return;
    }
    let mut areas = frame_areas(area.width, area.height);
    let notice = d
        .notice
        .as_ref()
        .map(|n| notice_text(&d.loc, &d.lang, n))
        .or_else(|| status_line(d));
    // A message longer than the line (a broken chain's, which ends with what to do) takes up
    // to two more lines from the body rather than lose its end.
    let needed = notice.as_ref().map_or(1, |(text, _)| {
        let width = (inset(areas.notice).width as usize).max(1);
        crate::wrap::line_ranges(text, width).len().clamp(1, 3) as u16
    });
    let more = (needed - 1).min(areas.body.height.saturating_sub(6));
    areas.body.height -= more;
    areas.notice.y -= more;
    areas.notice.height += more;
    let title = match (&d.gate, &d.person) {
        (Gate::Pin(_) | Gate::Name(_), _) => d.t("dash-title"),
        (_, Some(_)) => d.t("dash-person-title"),
        _ => d.t(d.view.label()),
    };
    let mut right = Vec::new();
    if matches!(d.gate, Gate::Open) {
        // A long name gives way: the view's title, the date and the language stay in view.
        let name = truncate(&for_display(&d.by), (area.width as usize / 5).max(8));
        right.push(d.loc.ta(&d.lang, "dash-by", &[("name", name.into())]));
    }
    right.push(d.setup.today.to_string());
    right.push(d.t("language-name"));
    header_bar(
        frame,
        areas.header,
        &format!("{} {} {title}", d.t("dash-app-name"), glyphs::glyphs().bar),
        &right.join("   "),
        None,
    );
    let body = inset(areas.body);
    match &d.gate {
        Gate::Pin(prompt) => forms::pin(frame, d, prompt, areas.body),
        Gate::Name(field) => forms::name(frame, d, field, body),
        Gate::Open => {
            tabs(frame, d, Rect::new(body.x, body.y, body.width, 1));
            if body.height > 1 {
                filters_line(frame, d, Rect::new(body.x, body.y + 1, body.width, 1));
            }
            let rest = Rect::new(
                body.x,
                body.y + 2.min(body.height),
                body.width,
                body.height.saturating_sub(2),
            );
            if d.person.is_some() {
                person::draw(frame, d, rest);
            } else if !d.loaded {
                loading(frame, d, rest);
            } else {
                match d.view {
                    View::Overview => overview::draw(frame, d, rest),
                    View::People => people::draw(frame, d, rest),
                    View::Followups => followups::draw(frame, d, rest),
                    View::Champions => champions::draw(frame, d, rest),
                }
            }
        }
    }
    notice_line(frame, areas.notice, notice, false, "");
    let hints = keys::hints_for(d.ctx(), d);
    let langs = d.loc.languages();
    let at = langs.iter().position(|l| *l == d.lang).unwrap_or(0);
    let next = d
        .loc
        .t(&langs[(at + 1) % langs.len().max(1)], "language-name");
    hint_bar_for(frame, &d.loc, &d.lang, &hints, &next, areas.hints);
    // While a record is shown for confirmation, its form is kept (Esc goes back to it) but
    // not drawn: the confirmation, smaller, would leave the form's edges showing around it.
    if let Some(form) = &d.form
        && d.confirm.is_none()
    {
        forms::form(frame, d, form, areas.body);
    }
    if let Some(row) = d.filtering {
        forms::filters(frame, d, row, areas.body);
    }
    if let Some(pending) = &d.confirm {
        forms::confirm(frame, d, pending, areas.body);
    }
    if d.help {
        let rows = keys::help_rows_for(d.base_ctx(), d);
        help(frame, &d.loc, &d.lang, &rows, d.help_scroll, areas.body);
    }
}

/// The line above the hint bar when there is no notice: reading progress, or a problem.
fn status_line(d: &Dashboard) -> Option<(String, Style)> {
    if let Some(e) = &d.load_error {
        let text = d.loc.ta(
            &d.lang,
            "dash-load-failed",
            &[("reason", for_display(e).into())],
        );
        return Some((text, theme::bad()));
    }
    if let Some(l) = &d.loading {
        let pct = (l.fraction() * 100.0).floor() as u64;
        let id = if d.loaded {
            "dash-reloading"
        } else {
            "dash-loading"
        };
        return Some((d.loc.ta(&d.lang, id, &[("pct", pct.into())]), theme::dim()));
    }
    if let Some(first) = d.model.breaks.first() {
        let text = d.loc.ta(
            &d.lang,
            "dash-chain-broken",
            &[
                ("place", first.clone().into()),
                ("n", d.model.withheld.into()),
            ],
        );
        return Some((text, theme::bad()));
    }
    if let Some((file, seal)) = d.model.seal_mismatches.first() {
        let text = d.loc.ta(
            &d.lang,
            "dash-seal-mismatch",
            &[
                ("file", crate::escape::for_display(file).into()),
                ("seal", crate::escape::for_display(seal).into()),
                ("n", d.model.seal_mismatches.len().into()),
            ],
        );
        return Some((text, theme::bad()));
    }
    if let Some(seal) = &d.model.unchecked_seals {
        let text = d.loc.ta(
            &d.lang,
            "dash-seal-no-signers",
            &[("seal", crate::escape::for_display(seal).into())],
        );
        return Some((text, theme::bad()));
    }
    if let Some(seal) = &d.model.untrusted_seal {
        let text = d.loc.ta(
            &d.lang,
            "dash-seal-not-trusted",
            &[("seal", crate::escape::for_display(seal).into())],
        );
        return Some((text, theme::bad()));
    }
    if let Some((place, n)) = &d.model.bad_signers {
        let text = d.loc.ta(
            &d.lang,
            "dash-signers-line",
            &[
                ("place", crate::escape::for_display(place).into()),
                ("n", (*n).into()),
            ],
        );
        return Some((text, theme::warn()));
    }
    // Lines not read, records not used, entries not read: each said in its own words.
    let counted = [
        ("dash-unreadable", d.model.unreadable),
        ("dash-not-used", d.model.not_used),
        ("dash-odd-entries", d.model.odd),
    ];
    let said: Vec<String> = counted
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(id, n)| {
            d.loc.ta(
                &d.lang,
                id,
                &[
                    ("n", n.into()),
                    ("count", crate::i18n::group_digits(n).into()),
                ],
            )
        })
        .collect();
    if said.is_empty() {
        return None;
    }
    Some((
        d.loc.ta(
            &d.lang,
            "dash-left-out",
            &[("what", said.join(&d.t("list-separator")).into())],
        ),
        theme::warn(),
    ))
}

fn loading(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let pct = d
        .loading
        .as_ref()
        .map_or(0, |l| (l.fraction() * 100.0).floor() as u64);
    let text = match &d.load_error {
        Some(e) => d.loc.ta(
            &d.lang,
            "dash-load-failed",
            &[("reason", for_display(e).into())],
        ),
        None => d.loc.ta(&d.lang, "dash-loading", &[("pct", pct.into())]),
    };
    let lines = doc::plain_lines(&text, area.width as usize, theme::dim());
    frame.render_widget(Paragraph::new(lines), area);
}

/// The filters in force (and the order, when not the usual one), on the line under the tabs,
/// so that a short list is never mistaken for everyone.
fn filters_line(frame: &mut Frame, d: &Dashboard, area: Rect) {
    if !matches!(d.gate, Gate::Open) || d.person.is_some() {
        return;
    }
    let words = filter_words(d);
    let mut parts = Vec::new();
    // The overview's figures follow the department only: the other filters are the lists'.
    let lists_only = d.view == View::Overview
        && (d.filter.stage.is_some() || d.filter.consent.is_some() || d.filter.overdue);
    if !words.is_empty() {
        parts.push(d.loc.ta(
            &d.lang,
            if lists_only {
                "dash-filtered-by-lists"
            } else {
                "dash-filtered-by"
            },
            &[("filters", words.join(" · ").into())],
        ));
    }
    if d.sort != crate::dashboard::Sort::Due && matches!(d.view, View::People | View::Followups) {
        parts.push(d.loc.ta(
            &d.lang,
            "dash-sorted-by",
            &[("order", d.t(d.sort.label()).into())],
        ));
    }
    if parts.is_empty() {
        return;
    }
    let text = truncate(&parts.join("   "), area.width as usize);
    frame.render_widget(Paragraph::new(Line::styled(text, theme::heading())), area);
}

/// The department name the filter names (full; cut by whoever draws it).
pub fn department_name(d: &Dashboard) -> Option<String> {
    let i = d.department.checked_sub(1)?;
    Some(match d.derived.departments.get(i)?.0.as_deref() {
        Some(n) => for_display(n),
        None => d.t("dash-no-department"),
    })
}

/// Each filter in force, in words.
pub fn filter_words(d: &Dashboard) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(n) = department_name(d) {
        words.push(n);
    }
    // Named with what they filter: "expired" alone does not say it is the consent's.
    let pair = |label: &str, value: String| {
        d.loc.ta(
            &d.lang,
            "dash-filter-pair",
            &[("label", d.t(label).into()), ("value", value.into())],
        )
    };
    if let Some(s) = d.filter.stage {
        words.push(pair("dash-filter-stage", stage_word(d, s)));
    }
    if let Some(c) = d.filter.consent {
        words.push(pair("dash-filter-consent", consent_word(d, c)));
    }
    if d.filter.overdue {
        words.push(d.t("dash-filter-overdue-only"));
    }
    words
}

/// The four views, the current one highlighted.
fn tabs(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let mut spans = Vec::new();
    for (n, v) in View::ALL.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(
                format!(" {} ", glyphs::glyphs().bar),
                theme::dim(),
            ));
        }
        let text = format!(" {} {} ", n + 1, d.t(v.label()));
        let style = if *v == d.view && d.person.is_none() {
            theme::focus().add_modifier(ratatui::style::Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(text, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// `text` cut or padded to exactly `width` columns.
pub fn cell(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let pad = width.saturating_sub(display_width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// The columns a value from the ledger or roster takes as [`shown`] draws it (half-width kana
/// with voiced marks are drawn in full width: see [`for_display`]).
pub fn shown_width(text: &str) -> usize {
    if text.contains(['\u{FF9E}', '\u{FF9F}']) {
        display_width(&for_display(text))
    } else {
        display_width(text)
    }
}

/// A value from the ledger or roster, safe and cut to `width` columns.
pub fn shown(text: &str, width: usize) -> String {
    cell(&for_display(text), width)
}

/// The localised word for a consent state.
pub fn consent_word(d: &Dashboard, c: ConsentState) -> String {
    d.t(&format!("report-consent-{}", c.as_str()))
}

/// The localised word for a stage.
pub fn stage_word(d: &Dashboard, s: Stage) -> String {
    d.t(&format!("report-stage-{}", s.as_str()))
}

/// A style for a stage, so the lists read at a glance.
pub fn stage_style(s: Stage) -> Style {
    match s {
        Stage::Migrated => theme::good(),
        Stage::Hesitant => theme::warn(),
        Stage::OptedOut => theme::dim(),
        _ => Style::new(),
    }
}

/// A bar of `width` cells filled to `value / max`.
pub fn bar(value: u64, max: u64, width: usize) -> (String, String) {
    let filled = if max == 0 {
        0
    } else {
        ((value as f64 / max as f64) * width as f64).round() as usize
    };
    let filled = filled.min(width);
    // Anything at all shows as at least a sliver.
    let filled = if value > 0 && filled == 0 && width > 0 {
        1
    } else {
        filled
    };
    let g = glyphs::glyphs();
    (g.full.repeat(filled), g.empty.repeat(width - filled))
}

/// Draws `lines` in `area` from line `top`.
pub fn lines_at(frame: &mut Frame, lines: Vec<Line<'static>>, area: Rect, top: usize) {
    let visible: Vec<Line<'static>> = lines
        .into_iter()
        .skip(top)
        .take(area.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
}

/// The first row to show so that row `selected` of `len` is in view in `height` rows, kept
/// near the middle when the list scrolls.
pub fn window(selected: usize, len: usize, height: usize) -> usize {
    if len <= height || height == 0 {
        return 0;
    }
    selected
        .saturating_sub(height / 2)
        .min(len.saturating_sub(height))
}

/// Shared by the pop-ups: a bordered box in the middle of `area`.
pub fn boxed(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
) {
    popup(frame, area, title, lines, pinned, 0);
}

/// [`boxed`], its lines scrolled (when they do not all fit, as at 40x12) so that line `focus`
/// (the field or choice being worked on) is in view; `pinned` (a problem with what was typed)
/// always is.
pub fn boxed_at(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
    focus: usize,
) {
    let rect = crate::ui::widgets::centred(area, (lines.len() + pinned.len()) as u16 + 2);
    let room = (rect.height as usize)
        .saturating_sub(2 + pinned.len())
        .max(1);
    let scroll = (focus + 1).saturating_sub(room);
    popup(frame, area, title, lines, pinned, scroll);
}
