//! The choice: the three answers, what each opens up, and the review before saving.

use super::*;

impl App {
    /// The focusable lines of the choice form, in order: the three answers, then what the
    /// answer opens up - the acknowledgements and optional purposes under "agree", the
    /// optional reasons under the alternatives.
    pub fn choice_items(&self) -> Vec<ChoiceItem> {
        let c = &self.person.choice;
        let m = &self.content.manifest;
        let mut items: Vec<ChoiceItem> = Pick::ALL.into_iter().map(ChoiceItem::Pick).collect();
        match c.pick {
            Some(Pick::Agree) => {
                items.extend((0..m.acknowledgements.len()).map(ChoiceItem::Ack));
                items.extend(
                    (0..m.purposes.len())
                        .filter(|&p| !m.purposes[p].required)
                        .map(ChoiceItem::Purpose),
                );
            }
            Some(_) => items.extend((0..c.reasons.len()).map(ChoiceItem::Reason)),
            None => {}
        }
        items
    }

    /// The decision the answer adds up to, or why it does not add up to one yet.
    pub fn decision(&self) -> Result<Decision, &'static str> {
        let c = &self.person.choice;
        match c.pick {
            None => Err("choice-nothing-chosen"),
            Some(Pick::NotNow) => Ok(Decision::Deferred),
            Some(Pick::Refuse) => Ok(Decision::Refused),
            Some(Pick::Agree) => match self.agree_needs() {
                Some(why) => Err(why),
                None if c.acks.iter().all(|&a| a) => Ok(Decision::Given),
                None => Err("choice-acknowledge-first"),
            },
        }
    }

    /// What agreeing still needs of someone who came to the choice without reading on or
    /// without the check's answers (to say No or Not now), as the message that says so.
    pub fn agree_needs(&self) -> Option<&'static str> {
        if self.unread_before_choice().is_some() {
            Some("choice-read-first")
        } else if !self.check_done() {
            Some("choice-check-first")
        } else {
            None
        }
    }

    /// At a terminal (not in a trainer's session, where the slides were the reading): the
    /// first required text screen before the choice that was not read to its end.
    pub fn unread_before_choice(&self) -> Option<usize> {
        if self.session.is_some() {
            return None;
        }
        self.content
            .manifest
            .to_read()
            .find(|&j| !self.person.visits[j].read_to_end)
    }

    /// Whether the check is done: every answer right, or no questions to answer.
    pub fn check_done(&self) -> bool {
        self.content.manifest.questions.is_empty() || self.person.check.all_passed()
    }

    /// Each purpose and whether it is granted: the core ones by agreeing, the optional ones
    /// when ticked too.
    pub fn purposes_granted(&self) -> Vec<(String, bool)> {
        let given = self.decision() == Ok(Decision::Given);
        self.content
            .manifest
            .purposes
            .iter()
            .zip(&self.person.choice.purposes)
            .map(|(p, &ticked)| (p.id.clone(), given && (p.required || ticked)))
            .collect()
    }

    pub(super) fn update_choice(&mut self, i: usize, cmd: Cmd) -> Option<Effect> {
        if self.person.choice.reviewing {
            return match cmd {
                Cmd::Confirm => self.save_choice(),
                Cmd::Up => {
                    self.popup_scroll = self.popup_scroll.saturating_sub(1);
                    None
                }
                Cmd::Down => {
                    self.popup_scroll = (self.popup_scroll + 1).min(MAX_POPUP_SCROLL);
                    None
                }
                Cmd::Back => {
                    self.person.choice.reviewing = false;
                    self.person.save_failed = None;
                    None
                }
                _ => None,
            };
        }
        let items = self.choice_items();
        let n = items.len();
        // Past the last field, ↓ reads on through the text below the form (how to withdraw
        // later, among others), and before the first, ↑ reads back up; at either end of the
        // text the focus goes round. PgDn and PgUp read the text without moving the focus.
        let scroll = self.person.visits[i].scroll;
        let max = self.max_scroll();
        let focus = self.person.choice.focus;
        match cmd {
            Cmd::Down if focus.is_some_and(|f| f + 1 >= n) && scroll < max => {
                self.scroll_by(i, 1);
                self.free_scroll = true;
                return None;
            }
            // With nothing focused yet ↑ goes to "no", as ↓ goes to "agree", wherever the
            // text is scrolled to (PgUp reads back up).
            Cmd::Up if focus == Some(0) && scroll > 0 => {
                self.scroll_by(i, -1);
                self.free_scroll = true;
                return None;
            }
            _ => {}
        }
        let page = self.viewport().saturating_sub(2).max(1) as isize;
        match cmd {
            Cmd::PageDown | Cmd::PageUp => {
                self.scroll_by(i, if cmd == Cmd::PageDown { page } else { -page });
                self.free_scroll = true;
                return None;
            }
            _ => {}
        }
        let c = &mut self.person.choice;
        match cmd {
            Cmd::Up | Cmd::FocusPrev => c.focus = Some(c.focus.map_or(n - 1, |f| (f + n - 1) % n)),
            Cmd::Down | Cmd::FocusNext => c.focus = Some(c.focus.map_or(0, |f| (f + 1) % n)),
            Cmd::Toggle if c.focus.is_none() => {
                self.notice = Some(Notice::info("choice-move-first"));
            }
            Cmd::Toggle => match items[c.focus.unwrap_or(0).min(n - 1)] {
                ChoiceItem::Pick(pick) => {
                    if c.pick == Some(pick) {
                        c.pick = None;
                    } else {
                        c.pick = Some(pick);
                    }
                    // What belonged to another answer goes with it: what is agreed to is
                    // always ticked afresh. Reasons, which only say why not, are kept while
                    // no answer is ticked (unticking and ticking "Not now" again keeps them).
                    if c.pick != Some(Pick::Agree) {
                        c.acks.iter_mut().for_each(|a| *a = false);
                        c.purposes.iter_mut().for_each(|p| *p = false);
                    }
                    if c.pick == Some(Pick::Agree) {
                        c.reasons.iter_mut().for_each(|r| *r = false);
                    }
                }
                ChoiceItem::Ack(a) => c.acks[a] = !c.acks[a],
                ChoiceItem::Purpose(p) => c.purposes[p] = !c.purposes[p],
                ChoiceItem::Reason(r) => c.reasons[r] = !c.reasons[r],
            },
            Cmd::Confirm | Cmd::Next => match self.decision() {
                Ok(_) => {
                    self.person.choice.reviewing = true;
                    self.popup_scroll = 0;
                    self.person
                        .pending_code
                        .get_or_insert_with(new_receipt_code);
                }
                Err(why) => self.notice = Some(Notice::info(why)),
            },
            // Come without reading on: back to the screen left.
            Cmd::Prev | Cmd::Back => match self.person.left_reading_at.take() {
                Some(j) => self.go(Step::Screen(j)),
                None => self.go(Step::Screen(i.saturating_sub(1))),
            },
            _ => {}
        }
        let n = self.choice_items().len();
        let c = &mut self.person.choice;
        c.focus = c.focus.map(|f| f.min(n - 1));
        None
    }

    pub(super) fn save_choice(&mut self) -> Option<Effect> {
        let decision = self.decision().ok()?;
        self.close_visit();
        let code = self
            .person
            .pending_code
            .get_or_insert_with(new_receipt_code)
            .clone();
        let body = crate::record::consent::consent_body(&consent::facts(self, decision, &code)?);
        Some(Effect::Append {
            record_type: RecordType::Consent,
            body,
        })
    }
}
