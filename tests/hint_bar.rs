//! The hint bar on every screen of every mode, at 80 columns in both languages: each hint
//! shown whole (never cut), help always with its word, and every key named one that works
//! there.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tebiki::i18n::Lang;
use tebiki::keys::{self, BINDINGS, Ctx};
use tebiki::ui::{Hint, hint_bar_for, hint_layout};
use tebiki::wrap::display_width;

const WIDTH: u16 = 80;

/// Guards [`Ctx::ALL`]: adding a context without listing it fails to compile here.
fn listed(ctx: Ctx) -> bool {
    use Ctx::*;
    match ctx {
        Welcome | Form | Reading | Revisit | Check | CheckWrong | Choice | Review | Withdraw
        | Receipt | Help | Pin | Renewal | Notice | Choose | PresentSetup | Slides | Attendees
        | Handover | Handback | AddAttendee | SetupList | Overview | QuitConfirm | Follow
        | DashName | DashOverview | DashPeople | DashPerson | DashFollowups | DashChampions
        | DashFollowupForm | DashStageForm | DashPick | DashWithdrawalForm | DashAttendanceForm
        | DashVoidForm | DashPeopleList | DashConfirm | DashFilter => Ctx::ALL.contains(&ctx),
    }
}

fn render(
    loc: &tebiki::i18n::Localizer,
    lang: &Lang,
    hints: &[(&str, &str)],
    next: &str,
) -> String {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, 1)).expect("terminal");
    terminal
        .draw(|f| hint_bar_for(f, loc, lang, hints, next, f.area()))
        .expect("draw");
    common::buffer_text(terminal.backend().buffer())
}

#[test]
fn every_context_is_listed() {
    assert!(Ctx::ALL.iter().all(|c| listed(*c)));
    for b in BINDINGS {
        for c in b.ctx {
            assert!(Ctx::ALL.contains(c), "{c:?}");
        }
    }
}

#[test]
fn every_hint_bar_fits_80_columns_whole_in_both_languages() {
    let (_, loc) = common::content();
    for lang in ["ja", "en"] {
        let lang = Lang::new(lang);
        // The longest thing F2 can name: both languages of trainer mode.
        let next = loc.t(&lang, "present-both");
        for &ctx in Ctx::ALL {
            let hints = keys::hints(ctx);
            let layout: Vec<Hint> = hint_layout(&loc, &lang, &hints, &next, WIDTH as usize);
            let used: usize = 1 + layout
                .iter()
                .map(|h| display_width(&h.key) + display_width(&h.action))
                .sum::<usize>();
            assert!(used <= WIDTH as usize, "{ctx:?} {lang:?}: {used} cells");
            let row = render(&loc, &lang, &hints, &next);
            for h in &layout {
                let whole = format!("{}{}", h.key, h.action.trim_end());
                assert!(
                    row.contains(&whole),
                    "{ctx:?} {lang:?}: {whole:?} cut in {row:?}"
                );
            }
            // Help keeps its word: "Help", or "More" when keys moved into it.
            if hints.iter().any(|(_, a)| *a == "act-help") {
                let help = layout
                    .iter()
                    .find(|h| h.pinned && h.key.starts_with("F1"))
                    .unwrap_or_else(|| panic!("{ctx:?} {lang:?}: no help in {row:?}"));
                assert!(!help.action.trim().is_empty(), "{ctx:?} {lang:?}: {row:?}");
                let dropped = layout.iter().filter(|h| !h.pinned).count()
                    < hints
                        .iter()
                        .filter(|(_, a)| !matches!(*a, "act-help" | "act-language"))
                        .count();
                if dropped {
                    assert_eq!(help.action.trim(), loc.t(&lang, "act-help-more"), "{ctx:?}");
                }
            }
            // The most important key of the screen is always there.
            if let Some((k, a)) = hints
                .iter()
                .find(|(_, a)| !matches!(*a, "act-help" | "act-language"))
            {
                let first = format!("{} {}", loc.t(&lang, k), loc.t(&lang, a));
                assert!(
                    row.contains(&first),
                    "{ctx:?} {lang:?}: {first:?} not in {row:?}"
                );
            }
        }
    }
}

#[test]
fn every_key_named_in_a_hint_bar_works_there() {
    for &ctx in Ctx::ALL {
        for (key_label, action) in keys::hints(ctx) {
            let bindings: Vec<_> = BINDINGS
                .iter()
                .filter(|b| {
                    b.in_hint_bar
                        && b.ctx.contains(&ctx)
                        && b.key_label == key_label
                        && b.action_label == action
                })
                .collect();
            // Some key of the hint reaches its command (not taken by another binding first).
            let works = bindings.iter().any(|b| {
                b.keys
                    .iter()
                    .any(|k| keys::cmd_for(&common::key_event(k), ctx) == Some(b.cmd.clone()))
            });
            assert!(works, "{ctx:?}: {key_label} {action} does nothing there");
        }
    }
}

#[test]
fn the_check_and_the_choice_do_not_advertise_turning_pages() {
    for ctx in [Ctx::Check, Ctx::CheckWrong, Ctx::Choice, Ctx::Review] {
        assert!(
            !keys::hints(ctx).iter().any(|(_, a)| *a == "act-pages"),
            "{ctx:?}"
        );
    }
    assert!(
        keys::hints(Ctx::Reading)
            .iter()
            .any(|(_, a)| *a == "act-pages")
    );
}
