//! The check: answering its questions, and a wrong answer sending the person back to the rule.

use super::*;

/// How long after the first → the second one must come to go on to the choice without reading
/// on or without the check's answers. Sooner, it asks again: a key pressed twice by habit, or
/// held down (its first repeat comes after the system's repeat delay, at most about this on
/// common settings, and the next ones faster), never skips anything.
pub const SKIP_PAUSE: std::time::Duration = std::time::Duration::from_millis(1500);

/// The comprehension check.
#[derive(Debug, Clone, Default)]
pub struct CheckState {
    /// The question being answered.
    pub current: usize,
    /// The highlighted option.
    pub focus: usize,
    /// Answers given per question (every try counts).
    pub attempts: Vec<u32>,
    /// Whether each question has been answered correctly.
    pub passed: Vec<bool>,
    /// Whether each question was right the first time.
    pub first_try: Vec<bool>,
    /// After a wrong answer: the option chosen.
    pub wrong: Option<usize>,
    /// The option ticked with Space: Enter answers with it (or with the highlighted option
    /// when none is ticked). Ticking never answers.
    pub ticked: Option<usize>,
}

impl CheckState {
    pub fn all_passed(&self) -> bool {
        !self.passed.is_empty() && self.passed.iter().all(|&p| p)
    }
}

impl App {
    /// The check's "→ again to go on without the answers", and a text screen's "→ again to
    /// decide without reading on", hold for the very next key only, and only while the question
    /// is on screen (help opened between, say, asks again): called before every command.
    pub(super) fn keep_skip_question(&mut self, cmd: &Cmd) {
        let asked = self
            .notice
            .as_ref()
            .is_some_and(|n| matches!(n.id, "check-skip-confirm" | "read-to-end-or-decide"));
        if !(asked && *cmd == Cmd::Next) {
            self.person.skip_asked_at = None;
        }
    }

    /// Asks whether to skip with the message `id`: the first →, or one too soon after it
    /// (`arm`: from now, see [`SKIP_PAUSE`]), or another key that only says how (not `arm`).
    pub(super) fn ask_skip(&mut self, id: &'static str, arm: bool) {
        self.person.skip_asked_at = arm.then_some(self.last_input);
        self.notice = Some(Notice::info(id));
    }

    /// Whether the input being handled is the second → of a skip: the → key itself (not PgDn,
    /// pressed to read on), long enough after the first (see [`SKIP_PAUSE`]).
    pub(super) fn skip_ready(&self) -> bool {
        self.arrow
            && self
                .person
                .skip_asked_at
                .is_some_and(|t| self.last_input.saturating_duration_since(t) >= self.skip_pause)
    }
}

impl App {
    pub(super) fn update_check(&mut self, i: usize, cmd: Cmd) -> Option<Effect> {
        let questions = &self.content.manifest.questions;
        if questions.is_empty() {
            // A manifest without questions: the check is passed by reading it.
            if matches!(cmd, Cmd::Next | Cmd::Confirm) {
                self.go(Step::Screen(i + 1));
            } else if matches!(cmd, Cmd::Prev | Cmd::Back) {
                self.go(Step::Screen(i.saturating_sub(1)));
            }
            return None;
        }
        if self.person.check.all_passed() {
            // Come back to once every answer was right: the answers stand (nothing here counts
            // another attempt); Enter goes on to the choice.
            match cmd {
                Cmd::Next | Cmd::Confirm => self.go(Step::Screen(i + 1)),
                Cmd::Prev | Cmd::Back => self.go(Step::Screen(i.saturating_sub(1))),
                _ => {}
            }
            return None;
        }
        // → twice: on to the choice without the questions, where No and Not now can be chosen
        // (agreeing needs every answer right; see `App::decision`).
        if cmd == Cmd::Next {
            // Set by the → just before, its question still on screen (see `App::apply`).
            if self.skip_ready() {
                self.person.skip_asked_at = None;
                self.person.check.wrong = None;
                self.go(Step::Screen(i + 1));
                // Said on arrival, not only once "agree" is refused.
                self.notice = self.agree_needs().map(Notice::info);
            } else {
                self.ask_skip("check-skip-confirm", true);
            }
            return None;
        }
        let check = &mut self.person.check;
        let q = &questions[check.current];
        if let Some(_wrong) = check.wrong {
            match cmd {
                Cmd::Confirm => {
                    let target = self.content.screen_index(&q.explains).unwrap_or(0);
                    self.person.check.wrong = None;
                    self.person.revisit = true;
                    self.go(Step::Screen(target));
                    self.scroll_to_rule();
                }
                Cmd::Back | Cmd::Up | Cmd::Down | Cmd::Toggle | Cmd::FocusNext | Cmd::FocusPrev => {
                    check.wrong = None;
                }
                _ => {}
            }
            return None;
        }
        match cmd {
            Cmd::Up | Cmd::FocusPrev => check.focus = (check.focus + q.options - 1) % q.options,
            Cmd::Down | Cmd::FocusNext => check.focus = (check.focus + 1) % q.options,
            // Space only ticks: answering takes Enter, so reading on with Space never
            // answers a question by accident.
            Cmd::Toggle => check.ticked = Some(check.focus),
            Cmd::Confirm => {
                if let Some(t) = check.ticked.take() {
                    check.focus = t;
                }
                check.attempts[check.current] += 1;
                if check.focus + 1 == q.answer {
                    if check.attempts[check.current] == 1 {
                        check.first_try[check.current] = true;
                    }
                    check.passed[check.current] = true;
                    check.focus = 0;
                    match check.passed.iter().position(|p| !p) {
                        Some(next) => {
                            // Named by its number: under the next question, a bare
                            // "Correct" read as if it judged that one.
                            let answered = check.current + 1;
                            check.current = next;
                            self.notice = Some(Notice {
                                id: "check-correct",
                                args: vec![("n", answered.to_string())],
                                error: false,
                            });
                        }
                        None => self.go(Step::Screen(i + 1)),
                    }
                } else {
                    check.wrong = Some(check.focus);
                }
            }
            Cmd::Prev | Cmd::Back => self.go(Step::Screen(i.saturating_sub(1))),
            _ => {}
        }
        None
    }

    /// After a wrong answer, the explaining screen opens with the rule the question asks
    /// about at the top (one line above it for context), where it is highlighted: the view
    /// scrolls there as it draws it.
    pub(super) fn scroll_to_rule(&mut self) {
        self.body_viewport.requests.to_mark = true;
    }
}
