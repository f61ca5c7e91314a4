//! Reading the text screens: scrolling, paging, and noting when a screen was read to its end.

use super::*;

impl App {
    /// Lines the body can show at once.
    pub fn viewport(&self) -> usize {
        layout::areas(self.width, self.height).body.height as usize
    }

    /// Width the body text is wrapped to.
    pub fn text_width(&self) -> usize {
        layout::areas(self.width, self.height).body.width.max(1) as usize
    }

    /// What the view draws now, at the size it is told: the step and the language (the
    /// viewport's drawings are of this, or do not count).
    pub fn view_key_at(&self, width: u16, height: u16) -> u64 {
        crate::viewport::key(&(self.step, &self.lang), width, height)
    }

    pub(super) fn view_key(&self) -> u64 {
        self.view_key_at(self.width, self.height)
    }

    /// [`crate::viewport::key`] of the scrolling pop-up open now (which one, over which step,
    /// in which language) at a terminal of `width` x `height`.
    pub fn popup_key_at(&self, width: u16, height: u16) -> u64 {
        crate::viewport::key(&(self.ctx(), self.step, &self.lang), width, height)
    }

    pub(super) fn popup_key(&self) -> u64 {
        self.popup_key_at(self.width, self.height)
    }

    /// The furthest the current step scrolls, as last drawn (unbounded before it was drawn at
    /// this size: the view bounds what it shows).
    pub(super) fn max_scroll(&self) -> usize {
        self.body_viewport.max_top(self.view_key())
    }

    /// Takes what the view drew (the runner calls it after every frame; input and ticks take
    /// it first too): where it scrolled to (the focus followed, the text bounded), and a text
    /// screen is read once a drawing of it, at the current size and in the current language,
    /// had its last line on screen. Nothing drawn, or drawn of something else, counts for
    /// nothing.
    pub fn note_drawn(&mut self) {
        let key = self.view_key();
        let Some(drawn) = self.body_viewport.take(key) else {
            return;
        };
        *self.scroll_mut() = drawn.top;
        if let Step::Screen(i) = self.step
            && drawn.end_shown()
        {
            self.person.visits[i].read_to_end = true;
        }
    }

    pub(super) fn scroll_by(&mut self, i: usize, delta: isize) {
        let max = self.max_scroll();
        let v = &mut self.person.visits[i];
        v.scroll = v.scroll.saturating_add_signed(delta).min(max);
    }

    /// The web addresses the current text screen links to.
    pub fn screen_links(&self) -> Vec<String> {
        match self.step {
            Step::Screen(i) if self.content.manifest.screens[i].kind == ScreenKind::Info => {
                self.content.lang(&self.lang).screens[i].doc.links()
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn update_info(&mut self, i: usize, cmd: Cmd) -> Option<Effect> {
        if let Some(n) = self.person.link_code {
            // Over a link's code, its key shows the next link; any other key closes it.
            let more = cmd == Cmd::ShowCode && n + 1 < self.screen_links().len();
            self.person.link_code = more.then_some(n + 1);
            return None;
        }
        if cmd == Cmd::ShowCode {
            if !self.screen_links().is_empty() {
                self.person.link_code = Some(0);
            }
            return None;
        }
        let page = self.viewport().saturating_sub(2).max(1) as isize;
        match cmd {
            Cmd::Up => self.scroll_by(i, -1),
            Cmd::Down => self.scroll_by(i, 1),
            Cmd::PageDown => self.scroll_by(i, page),
            Cmd::Top => self.scroll_by(i, isize::MIN / 2),
            Cmd::Bottom => self.scroll_by(i, isize::MAX / 2),
            // Reading again what a question asked about: Esc goes back to the question (where
            // the person came from), and ← reads the screens before it with the way back to
            // the question kept (Enter).
            Cmd::Back if self.person.revisit => {
                if let Some(check) = self.screen_of_kind(ScreenKind::Check) {
                    self.person.revisit = false;
                    self.go(Step::Screen(check));
                }
            }
            Cmd::Prev if self.person.revisit && i > 0 => self.go(Step::Screen(i - 1)),
            Cmd::Prev if self.person.revisit => {}
            Cmd::Prev | Cmd::Back => {
                self.person.revisit = false;
                if i == 0 {
                    // In a trainer's session the trainer said who this is: there is no going
                    // back to say it again (someone else's id) from their turn.
                    if self.session.is_none() {
                        self.go(Step::Identity);
                    }
                } else {
                    self.go(Step::Screen(i - 1));
                }
            }
            Cmd::Confirm if self.person.revisit => {
                if let Some(check) = self.screen_of_kind(ScreenKind::Check) {
                    self.person.revisit = false;
                    self.go(Step::Screen(check));
                }
            }
            Cmd::Next | Cmd::Confirm => {
                let screen = &self.content.manifest.screens[i];
                if screen.required && !self.person.visits[i].read_to_end {
                    // → twice: on to the choice without reading on, where No and Not now can
                    // be chosen (agreeing needs every screen read; see `App::decision`).
                    // Declining is never harder to reach than agreeing.
                    let choice = self.screen_of_kind(ScreenKind::Choice).filter(|&c| c > i);
                    match choice {
                        Some(c) if cmd == Cmd::Next && self.skip_ready() => {
                            self.person.skip_asked_at = None;
                            self.person.left_reading_at = Some(i);
                            self.person.revisit = false;
                            self.go(Step::Screen(c));
                            // What agreeing still needs, said on arrival (in a trainer's
                            // session the slides were the reading: only the check, if that).
                            self.notice = self.agree_needs().map(Notice::info);
                        }
                        Some(_) => {
                            // Only → (or PgDn, the same command) is the first of the two:
                            // Enter says how, but does not count.
                            self.ask_skip("read-to-end-or-decide", cmd == Cmd::Next);
                        }
                        None => self.notice = Some(Notice::info("read-to-end-first")),
                    }
                    return None;
                }
                let fast = screen.required && self.passed_quickly(i);
                self.person.revisit = false;
                self.go(Step::Screen(i + 1));
                if fast {
                    self.person.visits[i].fast = true;
                    // Said once, gently; nothing is held back.
                    if !self.person.told_fast {
                        self.person.told_fast = true;
                        self.notice = Some(Notice::info("reading-take-your-time"));
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// Whether screen `i` has been on screen for less time than the content's skimming speed
    /// allows for its text in the current language.
    pub(super) fn passed_quickly(&self, i: usize) -> bool {
        let so_far = self.person.visits[i].seconds
            + self
                .person
                .entered_at
                .map_or(0.0, |t| t.elapsed().as_secs_f64());
        so_far < self.content.lang(&self.lang).screens[i].skim_seconds
    }

    pub(super) fn screen_of_kind(&self, kind: ScreenKind) -> Option<usize> {
        self.content
            .manifest
            .screens
            .iter()
            .position(|s| s.kind == kind)
    }

    /// Info screens in order: (position among them, how many there are) for "3 / 11".
    pub fn info_progress(&self, i: usize) -> Option<(usize, usize)> {
        let screens = &self.content.manifest.screens;
        if screens[i].kind != ScreenKind::Info {
            return None;
        }
        let n = screens
            .iter()
            .filter(|s| s.kind == ScreenKind::Info)
            .count();
        let at = screens[..=i]
            .iter()
            .filter(|s| s.kind == ScreenKind::Info)
            .count();
        Some((at, n))
    }
}
