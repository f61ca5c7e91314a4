//! Trainer mode's keys: setting up a session, the slides, the overview, the attendees, and the
//! second terminal that follows with the notes.

use crossterm::event::KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};

use super::Ctx::*;
use super::{Binding, Cmd, Ctx, HELP_ONLY, SHOWN, bind, ctl, k, sh};

/// Trainer mode's text fields.
const PRESENT_FIELDS: &[Ctx] = &[PresentSetup, AddAttendee];

/// The bindings, in hint-bar order: keys, command, where, key label, action label, whether the
/// hint bar shows it (help lists every binding).
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(&[k(Enter)], Cmd::Confirm, &[Handover], "key-enter", "act-attendee-ready", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[Handover], "key-esc", "act-back", SHOWN),
    // Not Enter: the attendee still holds the terminal, and an Enter by habit would show them
    // the list (everyone's state) and let them start another's turn.
    bind(&[k(Char('t'))], Cmd::Confirm, &[Handback], "present-key-t", "act-show-attendees", SHOWN),
    // Trainer mode (`tebiki present`): the setup form.
    bind(&[k(Enter)], Cmd::Confirm, &[PresentSetup], "key-enter", "present-act-setup-next", SHOWN),
    bind(&[k(Tab)], Cmd::FocusNext, &[PresentSetup, SetupList], "key-tab", "act-next-field", SHOWN),
    bind(&[k(Up)], Cmd::Up, &[PresentSetup, AddAttendee], "key-up-down", "present-act-pick", SHOWN),
    bind(&[k(Down)], Cmd::Down, &[PresentSetup, AddAttendee], "key-up-down", "present-act-pick", HELP_ONLY),
    // Without names to pick from, the arrows move between the setup's fields.
    bind(&[k(Up)], Cmd::FocusPrev, &[PresentSetup], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Down)], Cmd::FocusNext, &[PresentSetup], "key-up-down", "act-move", HELP_ONLY),
    bind(&[sh(BackTab), sh(Tab)], Cmd::FocusPrev, &[PresentSetup, SetupList], "key-shift-tab", "act-prev-field", HELP_ONLY),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[SetupList], "key-up-down", "act-move", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[SetupList], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Char('e')), k(Enter)], Cmd::Edit, &[SetupList], "present-key-e", "present-act-edit", SHOWN),
    bind(&[k(Char('x')), k(Delete)], Cmd::Remove, &[SetupList], "present-key-x", "present-act-remove", SHOWN),
    bind(&[k(F(5))], Cmd::Start, &[PresentSetup, SetupList], "present-key-f5", "present-act-start", SHOWN),
    // While an attendee is edited, Esc gives the edit up (see `Presenter::editing`).
    bind(&[k(Esc)], Cmd::Back, &[PresentSetup, SetupList], "key-esc", "present-act-give-up-edit", SHOWN),
    bind(&[k(Esc)], Cmd::Quit, &[PresentSetup, SetupList], "key-esc", "act-quit", SHOWN),
    // Trainer mode: the slides.
    bind(&[k(Right), k(PageDown), k(Char(' '))], Cmd::Next, &[Slides], "key-left-right", "present-act-slides", SHOWN),
    bind(&[k(Left), k(PageUp)], Cmd::Prev, &[Slides], "key-left-right", "present-act-slides", HELP_ONLY),
    bind(&[k(Char('n'))], Cmd::Notes, &[Slides], "present-key-n", "present-act-notes", SHOWN),
    bind(&[k(Char('o'))], Cmd::Overview, &[Slides], "present-key-o", "present-act-overview", SHOWN),
    bind(&[k(Char('a'))], Cmd::Attendees, &[Slides], "present-key-a", "present-act-attendees", SHOWN),
    bind(&[k(Char('q')), k(Esc)], Cmd::Quit, &[Slides, Follow], "present-key-q-esc", "act-quit", SHOWN),
    bind(&[k(Char('0'))], Cmd::Digit(0), &[Slides], "present-key-digits", "present-act-jump", SHOWN),
    bind(&[k(Char('1'))], Cmd::Digit(1), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('2'))], Cmd::Digit(2), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('3'))], Cmd::Digit(3), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('4'))], Cmd::Digit(4), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('5'))], Cmd::Digit(5), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('6'))], Cmd::Digit(6), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('7'))], Cmd::Digit(7), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('8'))], Cmd::Digit(8), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Char('9'))], Cmd::Digit(9), &[Slides], "present-key-digits", "present-act-jump", HELP_ONLY),
    bind(&[k(Enter)], Cmd::Confirm, &[Slides], "key-enter", "present-act-jump-or-next", HELP_ONLY),
    bind(&[k(Char('g')), k(Home)], Cmd::Top, &[Slides], "present-key-g", "present-act-first-last", SHOWN),
    bind(&[k(Char('G')), k(End)], Cmd::Bottom, &[Slides], "present-key-g", "present-act-first-last", HELP_ONLY),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[Slides], "key-up-down", "act-scroll", HELP_ONLY),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[Slides], "key-up-down", "act-scroll", HELP_ONLY),
    // Trainer mode: the slide overview.
    bind(&[k(Enter)], Cmd::Confirm, &[Overview], "key-enter", "present-act-show", SHOWN),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[Overview], "key-up-down", "act-move", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[Overview], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Home), k(Char('g'))], Cmd::Top, &[Overview], "present-key-g", "present-act-first-last", HELP_ONLY),
    bind(&[k(End), k(Char('G'))], Cmd::Bottom, &[Overview], "present-key-g", "present-act-first-last", HELP_ONLY),
    bind(&[k(Esc), k(Char('o'))], Cmd::Back, &[Overview], "key-esc", "act-close", SHOWN),
    // Trainer mode: the attendee list.
    bind(&[k(Enter)], Cmd::Confirm, &[Attendees], "key-enter", "present-act-choose-now", SHOWN),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[Attendees], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[Attendees], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Char('s'))], Cmd::Record, &[Attendees], "present-key-s", "present-act-record", SHOWN),
    bind(&[k(Char('l'))], Cmd::Later, &[Attendees], "present-key-l", "present-act-later", SHOWN),
    bind(&[k(Esc), k(Left), k(PageUp)], Cmd::Back, &[Attendees], "key-esc", "present-act-to-slides", SHOWN),
    bind(&[k(Tab)], Cmd::FocusNext, &[Attendees], "key-tab", "present-act-add", SHOWN),
    bind(&[k(Char('e'))], Cmd::Edit, &[Attendees], "present-key-e", "present-act-edit", SHOWN),
    bind(&[k(Char('x')), k(Delete)], Cmd::Remove, &[Attendees], "present-key-x", "present-act-remove", SHOWN),
    bind(&[k(Char('q'))], Cmd::Quit, &[Attendees], "key-q", "act-quit", SHOWN),
    // Trainer mode: adding an attendee.
    bind(&[k(Enter)], Cmd::Confirm, &[AddAttendee], "key-enter", "present-act-add", SHOWN),
    bind(&[k(Esc), k(Tab)], Cmd::Back, &[AddAttendee], "key-esc", "present-act-to-list", SHOWN),
    bind(&[k(Backspace)], Cmd::Backspace, PRESENT_FIELDS, "key-backspace", "act-erase", HELP_ONLY),
    bind(&[k(Delete)], Cmd::Delete, PRESENT_FIELDS, "key-delete", "act-erase", HELP_ONLY),
    bind(&[ctl(Char('u'))], Cmd::EraseToStart, PRESENT_FIELDS, "key-ctrl-u", "act-erase-to-start", HELP_ONLY),
    bind(&[k(Left)], Cmd::CursorLeft, PRESENT_FIELDS, "key-left-right", "act-cursor", HELP_ONLY),
    bind(&[k(Right)], Cmd::CursorRight, PRESENT_FIELDS, "key-left-right", "act-cursor", HELP_ONLY),
    bind(&[k(Home)], Cmd::Home, PRESENT_FIELDS, "key-home-end", "act-cursor", HELP_ONLY),
    bind(&[k(End)], Cmd::End, PRESENT_FIELDS, "key-home-end", "act-cursor", HELP_ONLY),
    // Trainer mode: quitting with work left.
    bind(&[k(Char('y'))], Cmd::Confirm, &[QuitConfirm], "present-key-y", "present-act-quit-anyway", SHOWN),
    bind(&[k(Char('n')), k(Esc)], Cmd::Back, &[QuitConfirm], "present-key-n-esc", "present-act-stay", SHOWN),
    // Trainer mode: language and help, pinned to the right of the hint bar like everywhere.
    bind(&[k(F(2))], Cmd::SwitchLang, &[ PresentSetup, SetupList, Slides, Overview, Attendees, AddAttendee, Follow, ], "key-f2", "act-language", SHOWN),
    bind(&[k(F(1)), k(Char('?'))], Cmd::Help, &[Slides, Overview, SetupList, Attendees, Follow], "key-help", "act-help", SHOWN),
    // In a text field '?' is a character, so only F1 opens help there.
    bind(&[k(F(1))], Cmd::Help, PRESENT_FIELDS, "key-f1", "act-help", SHOWN),
];
