//! Moving between the flow's steps.

use super::*;

impl App {
    pub(super) fn close_visit(&mut self) {
        if let (Step::Screen(i), Some(t)) = (self.step, self.person.entered_at.take()) {
            self.person.visits[i].seconds += t.elapsed().as_secs_f64();
        }
    }

    pub(crate) fn go(&mut self, step: Step) {
        self.close_visit();
        self.step = step;
        self.other_scroll = 0;
        if let Step::Screen(_) = step {
            self.person.entered_at = Some(Instant::now());
        }
        self.note_language();
    }

    pub(super) fn note_language(&mut self) {
        if matches!(self.step, Step::Welcome) {
            return;
        }
        if !self.person.langs_shown.contains(&self.lang) {
            self.person.langs_shown.push(self.lang.clone());
        }
        if let Step::Screen(i) = self.step {
            let langs = &mut self.person.visits[i].langs;
            if !langs.contains(&self.lang) {
                langs.push(self.lang.clone());
            }
        }
    }
}
