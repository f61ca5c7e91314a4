//! The dashboard's keys: the views, the lists, one person's timeline, the forms and the filters.

use crossterm::event::KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};

use super::Ctx::*;
use super::{Binding, Cmd, Ctx, HELP_ONLY, SHOWN, bind, ctl, k, sh};

/// The dashboard's top-level views.
const DASH_VIEWS: &[Ctx] = &[
    DashOverview,
    DashPeople,
    DashPeopleList,
    DashFollowups,
    DashChampions,
];
/// The dashboard's lists.
const DASH_LISTS: &[Ctx] = &[DashPeople, DashPeopleList, DashFollowups, DashChampions];
/// The dashboard's lists whose letters are commands (not the search box).
const DASH_KEY_LISTS: &[Ctx] = &[DashPeopleList, DashFollowups, DashChampions];
/// The dashboard's text fields.
const DASH_FIELDS: &[Ctx] = &[
    DashName,
    DashPeople,
    DashFollowupForm,
    DashStageForm,
    DashPick,
    DashWithdrawalForm,
    DashAttendanceForm,
    DashVoidForm,
];
/// The dashboard's forms.
const DASH_FORMS: &[Ctx] = &[
    DashFollowupForm,
    DashStageForm,
    DashPick,
    DashWithdrawalForm,
    DashAttendanceForm,
    DashVoidForm,
];
/// The dashboard's forms with more than one text field.
const DASH_MULTI_FIELD: &[Ctx] = &[
    DashFollowupForm,
    DashStageForm,
    DashWithdrawalForm,
    DashAttendanceForm,
];
/// Everywhere in the dashboard.
const DASH_ALL: &[Ctx] = &[
    DashName,
    DashOverview,
    DashPeople,
    DashPeopleList,
    DashPerson,
    DashFollowups,
    DashChampions,
    DashFollowupForm,
    DashStageForm,
    DashPick,
    DashWithdrawalForm,
    DashAttendanceForm,
    DashVoidForm,
    DashConfirm,
    DashFilter,
];

/// The bindings, in hint-bar order: keys, command, where, key label, action label, whether the
/// hint bar shows it (help lists every binding).
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // The dashboard (`tebiki admin`).
    bind(&[k(Enter)], Cmd::Confirm, &[DashName], "key-enter", "act-start", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, DASH_LISTS, "key-enter", "dash-act-open", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[DashFollowupForm, DashStageForm, DashAttendanceForm], "key-enter", "act-save", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[DashVoidForm], "key-enter", "dash-act-confirm-void", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[DashWithdrawalForm], "key-enter", "dash-act-confirm-withdrawal", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[DashPick], "key-enter", "dash-act-assign", SHOWN),
    bind(&[k(Char('v'))], Cmd::Filter, &[DashOverview, DashPeopleList, DashFollowups, DashChampions], "dash-key-v", "dash-act-filter", SHOWN),
    bind(&[k(Char('o'))], Cmd::Sort, &[DashPeopleList, DashFollowups], "dash-key-o", "dash-act-sort", SHOWN),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[DashFilter], "key-up-down", "act-move", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[DashFilter], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Left), k(Char('h'))], Cmd::CursorLeft, &[DashFilter], "dash-key-left-right", "dash-act-change", SHOWN),
    bind(&[k(Right), k(Char('l')), k(Char(' '))], Cmd::CursorRight, &[DashFilter], "dash-key-left-right", "dash-act-change", HELP_ONLY),
    bind(&[k(Enter), k(Esc), k(Char('v'))], Cmd::Back, &[DashFilter], "key-enter", "act-close", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[DashConfirm], "key-enter", "dash-act-record", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[DashConfirm], "key-esc", "dash-act-not-yet", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[DashPerson, DashFollowups, DashChampions], "key-esc", "act-back", SHOWN),
    // In the people found: Esc clears the search, then goes back.
    bind(&[k(Esc)], Cmd::Clear, &[DashPeopleList], "key-esc", "dash-act-clear", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[DashPeopleList], "key-esc", "act-back", SHOWN),
    bind(&[k(Char('/'))], Cmd::Search, &[DashPeopleList], "dash-key-slash", "dash-act-search", SHOWN),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[DashOverview], "key-up-down", "dash-act-department", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[DashOverview], "key-up-down", "dash-act-department", HELP_ONLY),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, DASH_KEY_LISTS, "key-up-down", "act-move", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, DASH_KEY_LISTS, "key-up-down", "act-move", HELP_ONLY),
    // In the search and the forms letters are text: only the arrows move.
    bind(&[k(Up)], Cmd::Up, &[DashPeople, DashStageForm, DashPick], "key-up-down", "act-move", SHOWN),
    bind(&[k(Down)], Cmd::Down, &[DashPeople, DashStageForm, DashPick], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[DashPerson], "key-up-down", "dash-act-select-record", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[DashPerson], "key-up-down", "dash-act-select-record", HELP_ONLY),
    // On the overview, what does not fit (at 40x12) is read with the page keys.
    bind(&[k(PageUp)], Cmd::Prev, &[DashOverview], "dash-key-pages", "act-scroll", HELP_ONLY),
    bind(&[k(PageDown)], Cmd::Next, &[DashOverview], "dash-key-pages", "act-scroll", HELP_ONLY),
    bind(&[k(PageUp)], Cmd::Prev, &[ DashPeople, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "dash-key-pages", "dash-act-page", HELP_ONLY),
    bind(&[k(PageDown)], Cmd::Next, &[ DashPeople, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "dash-key-pages", "dash-act-page", HELP_ONLY),
    bind(&[k(Home)], Cmd::Top, &[ DashOverview, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "key-home-end", "act-top-bottom", HELP_ONLY),
    bind(&[k(End)], Cmd::Bottom, &[ DashOverview, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "key-home-end", "act-top-bottom", HELP_ONLY),
    bind(&[k(Char('s'))], Cmd::Stage, &[DashPerson, DashFollowups], "dash-key-s", "dash-act-stage", SHOWN),
    bind(&[k(Char('f'))], Cmd::Followup, &[DashPerson, DashFollowups], "dash-key-f", "dash-act-followup", SHOWN),
    bind(&[k(Char('a'))], Cmd::Assign, &[DashPerson, DashChampions], "dash-key-a", "dash-act-assign", SHOWN),
    bind(&[k(Char('x'))], Cmd::Remove, &[DashPerson, DashChampions], "dash-key-x", "dash-act-end-pairing", SHOWN),
    bind(&[k(Char('c'))], Cmd::Champion, &[DashPerson, DashChampions], "dash-key-c", "dash-act-champion", SHOWN),
    bind(&[k(Char('t'))], Cmd::Attend, &[DashPerson], "dash-key-t", "dash-act-attendance", SHOWN),
    bind(&[k(Char('w'))], Cmd::Withdraw, &[DashPerson], "dash-key-w", "dash-act-withdrawal", SHOWN),
    bind(&[k(Char('v'))], Cmd::Void, &[DashPerson], "dash-key-v", "dash-act-void", SHOWN),
    bind(&[k(Tab)], Cmd::FocusNext, DASH_VIEWS, "key-tab", "dash-act-next-view", SHOWN),
    bind(&[sh(BackTab), sh(Tab)], Cmd::FocusPrev, DASH_VIEWS, "key-shift-tab", "dash-act-prev-view", HELP_ONLY),
    bind(&[k(Tab)], Cmd::FocusNext, DASH_MULTI_FIELD, "key-tab", "act-next-field", SHOWN),
    bind(&[sh(BackTab), sh(Tab)], Cmd::FocusPrev, DASH_MULTI_FIELD, "key-shift-tab", "act-prev-field", HELP_ONLY),
    bind(&[k(Char('1'))], Cmd::Digit(1), &[ DashOverview, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "dash-key-views", "dash-act-views", SHOWN),
    bind(&[k(Char('2'))], Cmd::Digit(2), &[ DashOverview, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "dash-key-views", "dash-act-views", HELP_ONLY),
    bind(&[k(Char('3'))], Cmd::Digit(3), &[ DashOverview, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "dash-key-views", "dash-act-views", HELP_ONLY),
    bind(&[k(Char('4'))], Cmd::Digit(4), &[ DashOverview, DashPeopleList, DashFollowups, DashChampions, DashPerson, ], "dash-key-views", "dash-act-views", HELP_ONLY),
    bind(&[k(Esc)], Cmd::Back, &[DashPeople], "key-esc", "dash-act-leave-search", SHOWN),
    bind(&[k(Esc)], Cmd::Back, DASH_FORMS, "key-esc", "act-cancel", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[DashName], "key-esc", "act-quit", SHOWN),
    // Only q quits: Esc, pressed out of habit to get out of something (twice, from a search),
    // would end the session (and, with a PIN, ask for it again).
    bind(&[k(Char('q'))], Cmd::Quit, &[DashOverview], "key-q", "act-quit", SHOWN),
    bind(&[k(Char('q'))], Cmd::Quit, DASH_KEY_LISTS, "key-q", "act-quit", SHOWN),
    bind(&[k(Backspace)], Cmd::Backspace, DASH_FIELDS, "key-backspace", "act-erase", HELP_ONLY),
    bind(&[k(Delete)], Cmd::Delete, DASH_FIELDS, "key-delete", "act-erase", HELP_ONLY),
    bind(&[ctl(Char('u'))], Cmd::EraseToStart, DASH_FIELDS, "key-ctrl-u", "act-erase-to-start", HELP_ONLY),
    bind(&[k(Left)], Cmd::CursorLeft, DASH_FIELDS, "key-left-right", "act-cursor", HELP_ONLY),
    bind(&[k(Right)], Cmd::CursorRight, DASH_FIELDS, "key-left-right", "act-cursor", HELP_ONLY),
    bind(&[k(Home)], Cmd::Home, DASH_FIELDS, "key-home-end", "act-cursor", HELP_ONLY),
    bind(&[k(End)], Cmd::End, DASH_FIELDS, "key-home-end", "act-cursor", HELP_ONLY),
    bind(&[k(F(2))], Cmd::SwitchLang, DASH_ALL, "key-f2", "act-language", SHOWN),
    bind(&[k(F(1)), k(Char('?'))], Cmd::Help, &[ DashOverview, DashPeopleList, DashPerson, DashFollowups, DashChampions, DashConfirm, DashFilter, ], "key-help", "act-help", SHOWN),
    // In a text field '?' is a character, so only F1 opens help there.
    bind(&[k(F(1))], Cmd::Help, DASH_FIELDS, "key-f1", "act-help", SHOWN),
];
