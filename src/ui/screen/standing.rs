//! Short choice steps: "Is this you?" with the roster's name, and what is on record for a
//! returning person (or why there is nothing to withdraw).

use ratatui::style::Style;

use crate::app::identify::{MenuItem, OnRecord};
use crate::app::{App, Step};
use crate::ui::screen::{item, para};
use crate::ui::{Body, doc, theme};

/// The step's title (also the header's).
pub fn title(app: &App) -> String {
    app.t(match app.step {
        Step::Confirm => "confirm-title",
        Step::Standing(OnRecord::Agreed | OnRecord::Decided) => "standing-title",
        Step::Standing(OnRecord::OtherName) => "standing-other-name-title",
        _ => "standing-nothing-title",
    })
}

/// The day of the person's decision on record (the day asked for, when recorded apart), and
/// the policy version it was made under.
pub fn decided(app: &App) -> (String, String) {
    let prior = app.person.prior.as_ref();
    let day = prior
        .and_then(|p| p.decided_on.clone())
        .or_else(|| {
            prior
                .and_then(|p| p.decided_at.as_deref())
                .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                .map(|t| t.to_zoned(app.tz.clone()).date().to_string())
        })
        .unwrap_or_default();
    // Read from the ledger: shown as text, whatever it holds.
    let version = crate::escape::for_display(
        prior
            .and_then(|p| p.policy_version.as_deref())
            .unwrap_or(""),
    );
    (day, version)
}

pub fn body(app: &App, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&title(app), width));
    body.blank();
    match app.step {
        Step::Confirm => {
            let who = app.person.who.as_ref();
            let name = who.and_then(|w| w.name.clone()).unwrap_or_default();
            let department = who.and_then(|w| w.department.clone()).unwrap_or_default();
            let id = who.map(|w| w.id.clone()).unwrap_or_default();
            let question = app.loc.ta(
                &app.lang,
                if department.is_empty() {
                    "confirm-question-no-dept"
                } else {
                    "confirm-question"
                },
                &[
                    ("name", crate::escape::for_display(&name).into()),
                    ("department", crate::escape::for_display(&department).into()),
                    ("id", id.into()),
                ],
            );
            para(&mut body, &question, width, theme::heading());
        }
        Step::Standing(on_record) => {
            para(&mut body, &super::who(app), width, theme::heading());
            body.blank();
            let prior = app.person.prior.as_ref();
            let (at, version) = decided(app);
            let state = prior.map_or("none", |p| p.consent.as_str());
            let text = match on_record {
                OnRecord::Agreed => app.loc.ta(
                    &app.lang,
                    "standing-agreed",
                    &[("date", at.into()), ("version", version.into())],
                ),
                OnRecord::Decided => app.loc.ta(
                    &app.lang,
                    "standing-decided",
                    &[
                        ("state", state.into()),
                        ("date", at.into()),
                        ("version", version.into()),
                    ],
                ),
                OnRecord::NothingToWithdraw => app.loc.ta(
                    &app.lang,
                    "standing-nothing",
                    &[("state", app.t(&format!("state-{state}")).into())],
                ),
                OnRecord::Unreadable => app.loc.ta(
                    &app.lang,
                    "standing-unreadable",
                    &[("contact", app.org_contact().into())],
                ),
                OnRecord::OtherName => app.loc.ta(
                    &app.lang,
                    "standing-other-name",
                    &[("contact", app.org_contact().into())],
                ),
            };
            para(&mut body, &text, width, Style::new());
            // Records about them were withheld or unreadable: what is shown may lack some.
            if prior.is_some_and(|p| p.withheld)
                && !matches!(on_record, OnRecord::Unreadable | OnRecord::OtherName)
            {
                body.blank();
                let text = app.loc.ta(
                    &app.lang,
                    "standing-withheld",
                    &[("contact", app.org_contact().into())],
                );
                para(&mut body, &text, width, theme::warn());
            }
        }
        _ => {}
    }
    body.blank();
    for (n, it) in app.menu_items().into_iter().enumerate() {
        let label = app.t(match it {
            MenuItem::ItsMe => "confirm-yes",
            MenuItem::NotMe => "confirm-no",
            // "Again" only for someone who decided before.
            MenuItem::Decide
                if app
                    .person
                    .prior
                    .as_ref()
                    .is_none_or(|p| p.consent.as_str() == "none") =>
            {
                "standing-decide-first"
            }
            MenuItem::Decide => "standing-decide",
            MenuItem::Withdraw => "standing-withdraw",
            MenuItem::Finish => "standing-finish",
        });
        item(
            &mut body,
            "",
            &label,
            app.person.menu == n,
            Style::new(),
            width,
        );
    }
    if app.step == Step::Confirm {
        // Below the answers, so that on a small terminal the name stays on screen with them
        // (the text above the answers is scrolled away to show the one highlighted).
        body.blank();
        if app.person.namesakes > 0 {
            let text = app.loc.ta(
                &app.lang,
                "confirm-namesake",
                &[("n", app.person.namesakes.into())],
            );
            para(&mut body, &text, width, theme::warn());
            body.blank();
        }
        para(&mut body, &app.t("confirm-explain"), width, Style::new());
    }
    body
}
