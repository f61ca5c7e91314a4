//! What the keys do in the overview, the people search, the follow-ups and the champions.

use super::*;

impl Dashboard {
    pub(super) fn update_overview(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let n = self.derived.departments.len() + 1;
        let before = self.department;
        match cmd {
            Cmd::Up => self.department = (self.department + n - 1) % n,
            Cmd::Down => self.department = (self.department + 1) % n,
            Cmd::Top => self.department = 0,
            Cmd::Bottom => self.department = n - 1,
            Cmd::Next => self.overview_scroll = (self.overview_scroll + 5).min(60),
            Cmd::Prev => self.overview_scroll = self.overview_scroll.saturating_sub(5),
            _ => {}
        }
        // The department chosen here is the filter of the other views too.
        if self.department != before {
            self.refilter();
        }
        None
    }

    pub(super) fn update_people(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let page = self.page();
        if Self::move_in(&mut self.selected[0], self.results.len(), &cmd, page) {
            return None;
        }
        match cmd {
            Cmd::Confirm => {
                if let Some(&i) = self.results.get(self.selected[0]) {
                    // Back from the person, the keyboard is on the list.
                    self.searching = false;
                    return Some(Effect::OpenPerson(i));
                }
            }
            // Esc leaves the search box; the list keeps what was found.
            Cmd::Back if self.searching => self.searching = false,
            Cmd::Search => self.searching = true,
            Cmd::Clear => {
                self.query.clear();
                self.selected[0] = 0;
                self.search(true);
            }
            Cmd::Back => self.switch_view(View::Overview),
            _ if !self.searching => {}
            other => {
                let before = self.query.value().to_string();
                self.notice = forms::edit(&mut self.query, &other);
                if self.query.value() != before {
                    self.selected[0] = 0;
                    self.search(false);
                }
            }
        }
        None
    }

    pub(super) fn update_followups(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let page = self.page();
        if Self::move_in(&mut self.selected[1], self.followups.len(), &cmd, page) {
            return None;
        }
        let person = self.followups.get(self.selected[1]).copied();
        match (cmd, person) {
            (Cmd::Back, _) => self.switch_view(View::Overview),
            (cmd, Some(i)) => return self.person_cmd(i, cmd),
            _ => {}
        }
        None
    }

    pub(super) fn update_champions(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let page = self.page();
        if Self::move_in(&mut self.selected[2], self.champion_rows.len(), &cmd, page) {
            return None;
        }
        let row = self.champion_rows.get(self.selected[2]).copied();
        let person = match row {
            Some(ChampionRow::Champion(c)) => Some(c),
            Some(ChampionRow::Supported(_, p) | ChampionRow::Unsupported(p)) => Some(p),
            _ => None,
        };
        match (cmd, person) {
            (Cmd::Back, _) => self.switch_view(View::Overview),
            // Assigning is for the people supported, not for the champion's own row.
            (Cmd::Assign, _) if matches!(row, Some(ChampionRow::Champion(_))) => {
                self.notice = Some(Notice::error("dash-pick-a-person"));
            }
            (cmd, Some(i)) => return self.person_cmd(i, cmd),
            _ => {}
        }
        None
    }
}
