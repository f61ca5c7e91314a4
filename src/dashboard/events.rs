//! Keys and other events: the commands every view shares, and moving between the views.

use super::*;

impl crate::keys::Enabled for Dashboard {
    /// Whether a command does something to what is selected.
    fn enabled(&self, ctx: Ctx, cmd: &Cmd) -> bool {
        use crate::dashboard::model::ChampionRow;
        let row = || self.champion_rows.get(self.selected[2]).copied();
        let person = self.person.as_ref().map(|p| p.person);
        let moves = |cmd: &Cmd| {
            matches!(
                cmd,
                Cmd::Up | Cmd::Down | Cmd::Prev | Cmd::Next | Cmd::Top | Cmd::Bottom
            )
        };
        match (ctx, cmd) {
            (Ctx::DashPerson | Ctx::DashChampions, Cmd::Remove) => match person {
                Some(i) => self.model.champion_of(i).is_some(),
                None => matches!(row(), Some(ChampionRow::Supported(..))),
            },
            (Ctx::DashPerson | Ctx::DashChampions, Cmd::Assign) => {
                person.is_some()
                    || matches!(
                        row(),
                        Some(ChampionRow::Supported(..) | ChampionRow::Unsupported(_))
                    )
            }
            // Moving, and what acts on the row selected, only where a list has rows: a list
            // the filter leaves empty offers none of it.
            (Ctx::DashChampions, Cmd::Champion) => matches!(
                row(),
                Some(
                    ChampionRow::Champion(_)
                        | ChampionRow::Supported(..)
                        | ChampionRow::Unsupported(_)
                )
            ),
            (Ctx::DashChampions, cmd) if moves(cmd) => !self.champion_rows.is_empty(),
            (Ctx::DashFollowups, Cmd::Stage | Cmd::Followup) => !self.followups.is_empty(),
            (Ctx::DashFollowups, cmd) if moves(cmd) => !self.followups.is_empty(),
            (Ctx::DashPeopleList, cmd) if moves(cmd) => !self.results.is_empty(),
            (Ctx::DashPeople | Ctx::DashPeopleList, Cmd::Confirm) => !self.results.is_empty(),
            (Ctx::DashFollowups, Cmd::Confirm) => !self.followups.is_empty(),
            (Ctx::DashChampions, Cmd::Confirm) => {
                !matches!(row(), None | Some(ChampionRow::UnsupportedHeading))
            }
            // In the people found, Esc first clears the search, then goes back.
            (Ctx::DashPeopleList, Cmd::Clear) => !self.query.value().is_empty(),
            (Ctx::DashPeopleList, Cmd::Back) => self.query.value().is_empty(),
            _ => true,
        }
    }
}

impl Dashboard {
    /// A terminal event in, maybe an effect out.
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        self.note_drawn();
        match event {
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                None
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                    self.quit = true;
                    return None;
                }
                let cmd = keys::cmd_for_in(key, self.ctx(), self)?;
                if let Cmd::Digit(d) = cmd {
                    if let Some(v) = usize::from(d).checked_sub(1).and_then(|i| View::ALL.get(i)) {
                        self.notice = None;
                        self.switch_view(*v);
                    }
                    return None;
                }
                self.update(cmd)
            }
            Event::Paste(text) if self.ctx().takes_text() => self.update(Cmd::Input(text.clone())),
            _ => None,
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.note_drawn();
        self.width = width;
        self.height = height;
    }

    /// The one place a command changes the dashboard's state.
    pub fn update(&mut self, cmd: Cmd) -> Option<Effect> {
        self.note_drawn();
        self.notice = None;
        if cmd == Cmd::SwitchLang {
            let langs = self.loc.languages();
            let at = langs.iter().position(|l| *l == self.lang).unwrap_or(0);
            self.lang = langs[(at + 1) % langs.len().max(1)].clone();
            return None;
        }
        if self.help {
            match cmd {
                Cmd::Help | Cmd::Back => self.help = false,
                Cmd::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Cmd::Down => self.help_scroll = (self.help_scroll + 1).min(100),
                _ => {}
            }
            return None;
        }
        if cmd == Cmd::Help {
            self.help = true;
            self.help_scroll = 0;
            return None;
        }
        match &mut self.gate {
            Gate::Pin(prompt) => return update_pin(prompt, cmd, &mut self.quit),
            Gate::Name(field) => {
                match cmd {
                    Cmd::Back => self.quit = true,
                    Cmd::Confirm => {
                        let name = field.value().trim().to_string();
                        if name.is_empty() {
                            self.notice = Some(Notice::error("dash-name-missing"));
                        } else {
                            self.by = name;
                            self.gate = Gate::Open;
                        }
                    }
                    other => self.notice = forms::edit(field, &other),
                }
                return None;
            }
            Gate::Open => {}
        }
        if self.confirm.is_some() {
            return self.update_confirm(cmd);
        }
        if self.filtering.is_some() {
            return self.update_filter(cmd);
        }
        if self.form.is_some() {
            return self.update_form(cmd);
        }
        if self.person.is_some() {
            return self.update_person(cmd);
        }
        match self.view {
            View::Overview => self.update_overview(cmd),
            View::People => self.update_people(cmd),
            View::Followups => self.update_followups(cmd),
            View::Champions => self.update_champions(cmd),
        }
    }

    pub(super) fn switch_view(&mut self, view: View) {
        self.person = None;
        self.form = None;
        // Arriving at People, the keyboard is in the search box.
        self.searching = view == View::People;
        self.view = view;
    }

    pub(super) fn step_view(&mut self, forward: bool) {
        let n = View::ALL.len();
        let at = self.view.index();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.switch_view(View::ALL[next]);
    }

    /// Rows a list shows at the current size (for paging).
    pub fn page(&self) -> usize {
        (self.height as usize).saturating_sub(9).max(1)
    }

    /// Moves a list selection by a command; true when the command was a move.
    pub(super) fn move_in(sel: &mut usize, len: usize, cmd: &Cmd, page: usize) -> bool {
        let last = len.saturating_sub(1);
        match cmd {
            Cmd::Up => *sel = sel.saturating_sub(1),
            Cmd::Down => *sel = (*sel + 1).min(last),
            Cmd::Prev => *sel = sel.saturating_sub(page),
            Cmd::Next => *sel = (*sel + page).min(last),
            Cmd::Top => *sel = 0,
            Cmd::Bottom => *sel = last,
            _ => return false,
        }
        true
    }

    /// Tab, Shift-Tab, q, the filters and the order, the same in every top-level view.
    pub(super) fn common_view_cmd(&mut self, cmd: &Cmd) -> bool {
        match cmd {
            Cmd::FocusNext => self.step_view(true),
            Cmd::FocusPrev => self.step_view(false),
            Cmd::Quit => self.quit = true,
            Cmd::Filter => self.filtering = Some(0),
            Cmd::Sort => {
                self.sort = self.sort.next();
                self.refilter();
            }
            _ => return false,
        }
        true
    }
}
