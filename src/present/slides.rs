//! Presenting the slides: moving between them, jumping by number, the overview, scrolling.

use super::*;

impl Presenter {
    pub(super) fn last(&self) -> usize {
        self.slides.len().saturating_sub(1)
    }

    /// Shows slide `at` (a position among the slides) from its top.
    pub fn go(&mut self, at: usize) {
        self.at = at.min(self.last());
        self.scroll = 0;
        self.note_shown();
    }

    pub(super) fn note_shown(&mut self) {
        if let Some(s) = self.shown.get_mut(self.at) {
            *s = true;
        }
        for lang in self.slide_langs() {
            if !self.langs_shown.contains(&lang) {
                self.langs_shown.push(lang);
            }
        }
    }

    pub(super) fn update_overview(&mut self, cmd: Cmd) {
        let Some(at) = self.overview else {
            return;
        };
        match cmd {
            Cmd::Up => self.overview = Some(at.saturating_sub(1)),
            Cmd::Down => self.overview = Some((at + 1).min(self.last())),
            Cmd::Top => self.overview = Some(0),
            Cmd::Bottom => self.overview = Some(self.last()),
            Cmd::Confirm => {
                self.overview = None;
                self.go(at);
            }
            Cmd::Back | Cmd::Overview => self.overview = None,
            _ => {}
        }
    }

    pub(super) fn update_slides(&mut self, cmd: Cmd) {
        if self.overview.is_some() {
            self.update_overview(cmd);
            return;
        }
        let jump = std::mem::take(&mut self.jump);
        match cmd {
            Cmd::Confirm if !jump.is_empty() => match jump.parse::<usize>() {
                Ok(n) if n >= 1 && n <= self.slides.len() => self.go(n - 1),
                _ => {
                    self.notice = Some(Notice {
                        id: "present-no-such-slide",
                        args: vec![("n", jump), ("of", self.slides.len().to_string())],
                        error: true,
                    });
                }
            },
            Cmd::Next | Cmd::Confirm => {
                if self.at < self.last() {
                    self.go(self.at + 1);
                } else if self.session.is_some() {
                    self.open_attendees();
                } else {
                    self.notice = Some(Notice::info("present-last-slide"));
                }
            }
            Cmd::Prev if self.at > 0 => self.go(self.at - 1),
            Cmd::Top => self.go(0),
            Cmd::Bottom => self.go(self.last()),
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::Down => {
                self.scroll += 1;
                self.clamp_scroll();
            }
            Cmd::Notes => self.notes = !self.notes,
            Cmd::Overview => self.overview = Some(self.at),
            Cmd::Attendees if self.session.is_some() => self.open_attendees(),
            Cmd::Attendees => self.notice = Some(Notice::info("present-no-session")),
            _ => {}
        }
    }

    /// What the view draws of the slides now, at the size it is told: the slide, the
    /// languages and whether the notes share the screen (the slide viewport's drawings are
    /// of this, or do not count).
    pub fn slide_key_at(&self, width: u16, height: u16) -> u64 {
        let what = (self.at, self.view.as_str(), self.notes, &self.base_lang);
        crate::viewport::key(&what, width, height)
    }

    /// Bounds the scroll by the slide as last drawn at this size (the view bounds it too).
    pub(super) fn clamp_scroll(&mut self) {
        let max = self
            .slide_viewport
            .max_top(self.slide_key_at(self.width, self.height));
        self.scroll = self.scroll.min(max);
    }

    /// Takes what the views drew (the runner calls it after every frame; input and ticks take
    /// it first too): where the slide is scrolled to, and what the attendee's flow showed.
    pub fn note_drawn(&mut self) {
        let key = self.slide_key_at(self.width, self.height);
        if let Some(drawn) = self.slide_viewport.take(key) {
            self.scroll = drawn.top;
        }
        self.flow.note_drawn();
    }
}
