//! The employee flow's keys: welcome, identity, reading, the check, the choice, the receipt,
//! help, the staff PIN and the short lists to choose from.

use crossterm::event::KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp,
    Right, Tab, Up,
};

use super::Ctx::*;
use super::{Binding, Cmd, Ctx, HELP_ONLY, SHOWN, bind, ctl, k, sh};

const TEXT: &[Ctx] = &[Reading, Revisit, Notice];
const PAGES: &[Ctx] = &[Reading, Revisit, Check];
/// Where the arrows' page turning is shown in the hint bar.
const PAGES_HINTED: &[Ctx] = &[Reading, Revisit];
const EVERYWHERE: &[Ctx] = &[
    Welcome, Form, Reading, Revisit, Check, CheckWrong, Choice, Review, Withdraw, Receipt, Help,
    Pin, Renewal, Choose, Notice,
];

/// The bindings, in hint-bar order: keys, command, where, key label, action label, whether the
/// hint bar shows it (help lists every binding).
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // On the welcome screen Enter does what the highlighted item says, and is named so.
    bind(&[k(Enter)], Cmd::Confirm, &[Welcome], "key-enter", "act-start", SHOWN),
    bind(&[k(Enter)], Cmd::Withdraw, &[Welcome], "key-enter", "act-withdraw-start", SHOWN),
    bind(&[k(Enter)], Cmd::Notes, &[Welcome], "key-enter", "act-read-notice", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Form], "key-enter", "act-next", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Reading], "key-enter", "act-next", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Revisit], "key-enter", "act-back-to-check", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Check], "key-enter", "act-answer", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[CheckWrong], "key-enter", "act-read-again", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Choice], "key-enter", "act-review", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Review], "key-enter", "act-save", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Withdraw], "key-enter", "act-withdraw", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Receipt], "key-enter", "act-finish", SHOWN),
    bind(&[k(F(4))], Cmd::ShowCode, &[Reading, Revisit], "key-f4", "act-link-code", SHOWN),
    bind(&[k(F(4))], Cmd::ShowCode, &[Receipt], "key-f4", "act-receipt-code", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Notice], "key-enter", "act-back", HELP_ONLY),
    bind(&[k(Enter)], Cmd::Confirm, &[Choose], "key-enter", "act-choose", SHOWN),
    bind(&[k(Enter)], Cmd::Confirm, &[Renewal], "key-enter", "act-read-and-decide", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[Renewal], "key-esc", "act-leave-undecided", SHOWN),
    // On the check and the choice the arrows move between the answers (past the last, the
    // choice scrolls on to its end). Shown before Space: on the choice nothing is under the
    // cursor on arrival, so the arrows come first.
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[Check, Choice], "key-up-down", "act-move", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[Check, Choice], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Char(' '))], Cmd::Toggle, &[Check, Choice], "key-space", "act-tick", SHOWN),
    bind(&[k(Char(' '))], Cmd::PageDown, TEXT, "key-space", "act-page-down", HELP_ONLY),
    bind(&[k(Esc)], Cmd::Back, &[Form, Reading, Revisit, Check, Choice, Choose, Notice, Withdraw], "key-esc", "act-back", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[CheckWrong], "key-esc", "act-try-again", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[Review], "key-esc", "act-change", SHOWN),
    bind(&[k(Esc)], Cmd::Back, &[Pin], "key-esc", "act-cancel", SHOWN),
    bind(&[k(Up), k(Char('k'))], Cmd::Up, &[ Reading, Revisit, Receipt, Help, Review, Withdraw, Renewal, Notice, ], "key-up-down", "act-scroll", SHOWN),
    bind(&[k(Down), k(Char('j'))], Cmd::Down, &[ Reading, Revisit, Receipt, Help, Review, Withdraw, Renewal, Notice, ], "key-up-down", "act-scroll", HELP_ONLY),
    bind(&[k(Up)], Cmd::Up, &[Welcome, Form, Choose], "key-up-down", "act-move", SHOWN),
    bind(&[k(Down)], Cmd::Down, &[Welcome, Form, Choose], "key-up-down", "act-move", HELP_ONLY),
    bind(&[k(Tab)], Cmd::FocusNext, &[Form], "key-tab", "act-next-field", HELP_ONLY),
    bind(&[sh(BackTab), sh(Tab)], Cmd::FocusPrev, &[Form], "key-shift-tab", "act-prev-field", HELP_ONLY),
    // Where there are answers to choose among, not fields to fill.
    bind(&[k(Tab)], Cmd::FocusNext, &[Welcome, Check, Choice, Choose], "key-tab", "act-next-item", HELP_ONLY),
    bind(&[sh(BackTab), sh(Tab)], Cmd::FocusPrev, &[Welcome, Check, Choice, Choose], "key-shift-tab", "act-prev-item", HELP_ONLY),
    bind(&[k(Right), k(PageDown)], Cmd::Next, PAGES_HINTED, "key-left-right", "act-pages", SHOWN),
    // On the check and the choice, Enter is the way on (after answering): the arrows still
    // work there but are not advertised.
    bind(&[k(Right), k(PageDown)], Cmd::Next, PAGES, "key-left-right", "act-pages", HELP_ONLY),
    bind(&[k(Left), k(PageUp)], Cmd::Prev, PAGES, "key-left-right", "act-pages", HELP_ONLY),
    // On the choice the page keys read the text below the answers (as ↓ does past the last
    // answer), so that reading on never lands on an answer; ← and → still turn the screen.
    bind(&[k(PageDown)], Cmd::PageDown, &[Choice], "key-page-down-up", "act-read-below", HELP_ONLY),
    bind(&[k(PageUp)], Cmd::PageUp, &[Choice], "key-page-down-up", "act-read-below", HELP_ONLY),
    bind(&[k(Right)], Cmd::Next, &[Choice], "key-left-right", "act-pages", HELP_ONLY),
    bind(&[k(Left)], Cmd::Prev, &[Choice], "key-left-right", "act-pages", HELP_ONLY),
    bind(&[k(Left)], Cmd::Up, &[Welcome], "key-left-right", "act-move", HELP_ONLY),
    bind(&[k(Right)], Cmd::Down, &[Welcome], "key-left-right", "act-move", HELP_ONLY),
    bind(&[k(Home)], Cmd::Top, TEXT, "key-home-end", "act-top-bottom", HELP_ONLY),
    bind(&[k(End)], Cmd::Bottom, TEXT, "key-home-end", "act-top-bottom", HELP_ONLY),
    bind(&[k(Esc), k(Char('q'))], Cmd::Quit, &[Welcome], "key-q", "act-quit", SHOWN),
    bind(&[k(F(2))], Cmd::SwitchLang, EVERYWHERE, "key-f2", "act-language", SHOWN),
    bind(&[k(F(1)), k(Char('?'))], Cmd::Help, &[ Welcome, Reading, Revisit, Check, CheckWrong, Choice, Review, Withdraw, Receipt, Choose, Notice, ], "key-help", "act-help", SHOWN),
    bind(&[k(F(10))], Cmd::StaffExit, &[Welcome], "key-f10", "act-staff-exit", HELP_ONLY),
    bind(&[k(Enter)], Cmd::Confirm, &[Pin], "key-enter", "act-unlock", SHOWN),
    bind(&[k(Backspace)], Cmd::Backspace, &[Pin], "key-backspace", "act-erase", HELP_ONLY),
    // In a text field '?' is a character, so only F1 opens help there.
    bind(&[k(F(1))], Cmd::Help, &[Form], "key-f1", "act-help", SHOWN),
    bind(&[k(F(1)), k(Char('?')), k(Esc)], Cmd::Help, &[Help], "key-esc", "act-close", SHOWN),
    bind(&[k(Backspace)], Cmd::Backspace, &[Form], "key-backspace", "act-erase", HELP_ONLY),
    bind(&[k(Delete)], Cmd::Delete, &[Form], "key-delete", "act-erase", HELP_ONLY),
    bind(&[ctl(Char('u'))], Cmd::EraseToStart, &[Form], "key-ctrl-u", "act-erase-to-start", HELP_ONLY),
    bind(&[k(Left)], Cmd::CursorLeft, &[Form], "key-left-right", "act-cursor", HELP_ONLY),
    bind(&[k(Right)], Cmd::CursorRight, &[Form], "key-left-right", "act-cursor", HELP_ONLY),
    bind(&[k(Home)], Cmd::Home, &[Form], "key-home-end", "act-cursor", HELP_ONLY),
    bind(&[k(End)], Cmd::End, &[Form], "key-home-end", "act-cursor", HELP_ONLY),
];
