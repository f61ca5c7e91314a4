//! Loading the ledger into the model, and refreshing it as records are appended.

use super::*;

impl Dashboard {
    /// Waits for the first full pass (or a reload) to end and takes its result; what it asks
    /// for next (reading what was appended meanwhile) is for the effect performer.
    pub fn wait_loaded(&mut self) -> Vec<Effect> {
        match self.loading.take() {
            Some(loading) => self.take_loaded(loading),
            None => Vec::new(),
        }
    }

    pub(super) fn take_loaded(&mut self, loading: Loading) -> Vec<Effect> {
        let mut effects = Vec::new();
        match loading.finish() {
            Ok(loaded) => {
                if loaded.roster_unreadable {
                    self.notice = Some(Notice::error("dash-roster-unreadable"));
                }
                self.model = loaded.model;
                self.loaded = true;
                self.load_error = None;
                effects.extend(self.after_change(true));
                // What was appended while the pass ran.
                effects.extend(self.refresh());
            }
            Err(e) => self.load_error = Some(ledger_error_text(self, &e)),
        }
        effects
    }

    /// Called several times a second: takes a finished pass, and every [`REFRESH_EVERY`]
    /// asks for what was appended to the ledger (read by the effect performer, folded back
    /// with [`Dashboard::refreshed`]).
    pub fn tick(&mut self, now: Instant, today: Date) -> Vec<Effect> {
        self.note_drawn();
        let mut effects = Vec::new();
        if today != self.setup.today {
            self.setup.today = today;
            effects.extend(self.after_change(false));
        }
        if self.loading.as_ref().is_some_and(Loading::is_finished)
            && let Some(loading) = self.loading.take()
        {
            effects.extend(self.take_loaded(loading));
            self.last_refresh = Some(now);
        }
        let due = self
            .last_refresh
            .is_none_or(|at| now.saturating_duration_since(at) >= REFRESH_EVERY);
        if due {
            self.last_refresh = Some(now);
            effects.extend(self.refresh());
        }
        effects
    }

    /// Asks for what was appended since the last look, once the ledger is loaded (and not
    /// while it is read again).
    pub fn refresh(&self) -> Option<Effect> {
        (self.loaded && self.loading.is_none()).then_some(Effect::Refresh)
    }

    /// Folds what the effect performer read of the ledger's new records; starts a full pass
    /// when only that gives the right state (a file shrank, or older records arrived from
    /// another site). The open person's records are read again when new ones of theirs came.
    pub fn refreshed(&mut self, appended: Appended) -> Option<Effect> {
        if !self.loaded || self.loading.is_some() {
            return None;
        }
        match store::fold_appended(&mut self.model, appended) {
            Refreshed::Nothing => None,
            Refreshed::Folded(_) => self.after_change(false),
            Refreshed::Reload => self.reload(),
        }
    }

    /// Asks for the whole ledger to be read again (with the roster already read), unless a
    /// pass is running.
    #[must_use]
    pub fn reload(&self) -> Option<Effect> {
        self.loading.is_none().then(|| Effect::Load {
            roster: Some(self.model.roster.clone()),
        })
    }

    /// A full pass begun by the effect performer: its result is taken once it is done.
    pub fn loading_started(&mut self, loading: Loading) {
        if self.loading.is_none() {
            self.loading = Some(loading);
        }
    }

    /// The model changed: figures and lists follow; the open person's records are asked for
    /// again when they changed (or `everything` did).
    #[must_use]
    pub(super) fn after_change(&mut self, everything: bool) -> Option<Effect> {
        self.derived = Derived::of(&self.model, &self.setup.policy, self.setup.today);
        self.department = self.department.min(self.derived.departments.len());
        self.search(true);
        self.clamp_selection();
        if let Some(Form::Pick(f)) = &mut self.form {
            f.matches = pick_matches(&self.model, &self.derived, f.filter.value(), f.person);
        }
        let pv = self.person.as_ref()?;
        let i = pv.person;
        let now = self.model.people.get(i as usize).map(|p| p.records.len());
        // A pairing is recorded under the champion's id: the supported person's page changes
        // without a record of their own.
        let id_of = |c: u32| self.model.people[c as usize].id.to_string();
        let paired = self.model.champion_of(i).map(id_of) != pv.state.supported_by
            || self
                .model
                .supported_by(i)
                .into_iter()
                .map(id_of)
                .collect::<Vec<_>>()
                != pv.state.supports;
        (everything || paired || now != Some(pv.records)).then_some(Effect::RereadPerson(i))
    }

    /// Runs the search for the query; a query that extends the last one searches only its
    /// matches.
    pub(super) fn search(&mut self, full: bool) {
        let q = search::normalize(self.query.value());
        if full {
            self.narrowed.clear();
            self.results = model::search(&self.model, &q, None);
        } else if q == self.searched {
            return;
        } else if !self.searched.is_empty() && q.contains(self.searched.as_str()) {
            let narrowed = model::search(&self.model, &q, Some(&self.results));
            let wider = std::mem::replace(&mut self.results, narrowed);
            self.narrowed
                .push((std::mem::take(&mut self.searched), wider));
        } else {
            while let Some((earlier, _)) = self.narrowed.last()
                && !q.contains(earlier.as_str())
            {
                self.narrowed.pop();
            }
            self.results = match self.narrowed.pop() {
                Some((earlier, matches)) if earlier == q => matches,
                Some((earlier, matches)) => {
                    let narrowed = model::search(&self.model, &q, Some(&matches));
                    self.narrowed.push((earlier, matches));
                    narrowed
                }
                None => model::search(&self.model, &q, None),
            };
        }
        self.searched = q;
        self.arrange();
    }

    /// Whether person `i` passes the department, stage, consent and overdue filters.
    pub fn passes(&self, i: u32) -> bool {
        let p = &self.model.people[i as usize];
        if let Some(dept) = self.department.checked_sub(1) {
            let wanted = self
                .derived
                .departments
                .get(dept)
                .map(|(n, _)| n.as_deref());
            if wanted.is_some_and(|w| w != self.model.department(i)) {
                return false;
            }
        }
        self.filter.stage.is_none_or(|s| p.standing.stage == s)
            && self
                .filter
                .consent
                .is_none_or(|c| self.model.consent(i, &self.setup.policy) == c)
            && (!self.filter.overdue
                || p.followup
                    .as_ref()
                    .and_then(|f| f.due)
                    .is_some_and(|d| d < self.setup.today))
    }

    /// Applies the filters and the order to the people found and the follow-ups.
    pub(super) fn arrange(&mut self) {
        let mut results = std::mem::take(&mut self.results);
        results.retain(|&i| self.passes(i));
        let mut followups: Vec<u32> = self
            .derived
            .followups
            .iter()
            .copied()
            .filter(|&i| self.passes(i))
            .collect();
        let name = |i: &u32| search::normalize(self.model.name(*i).unwrap_or(""));
        let dept = |i: &u32| {
            self.model
                .department(*i)
                .unwrap_or("\u{10FFFF}")
                .to_string()
        };
        match self.sort {
            Sort::Due => {}
            Sort::Name => {
                results.sort_by_cached_key(name);
                followups.sort_by_cached_key(name);
            }
            Sort::Department => {
                results.sort_by_cached_key(|i| (dept(i), name(i)));
                followups.sort_by_cached_key(|i| (dept(i), name(i)));
            }
        }
        self.results = results;
        self.followups = followups;
        self.champion_rows = self.filtered_champion_rows();
    }

    /// [`Derived::champion_rows`] through the filters (see [`Dashboard::champion_rows`]).
    fn filtered_champion_rows(&self) -> Vec<ChampionRow> {
        let rows = &self.derived.champion_rows;
        let mut kept = Vec::with_capacity(rows.len());
        let mut at = 0;
        while let Some(&row) = rows.get(at) {
            match row {
                ChampionRow::Champion(c) => {
                    let supported: Vec<ChampionRow> = rows[at + 1..]
                        .iter()
                        .take_while(|r| matches!(r, ChampionRow::Supported(..)))
                        .copied()
                        .collect();
                    at += 1 + supported.len();
                    let shown: Vec<ChampionRow> = supported
                        .into_iter()
                        .filter(|r| matches!(r, ChampionRow::Supported(_, p) if self.passes(*p)))
                        .collect();
                    if self.passes(c) || !shown.is_empty() {
                        kept.push(row);
                        kept.extend(shown);
                    }
                    continue;
                }
                ChampionRow::Unsupported(p) if !self.passes(p) => {}
                _ => kept.push(row),
            }
            at += 1;
        }
        // A filter that leaves nobody under the lower heading (a stage filter of other
        // stages, say) leaves the heading out too, rather than showing it with none.
        let filtered = self.department != 0 || self.filter != super::Filter::default();
        if filtered && kept.last() == Some(&ChampionRow::UnsupportedHeading) {
            kept.pop();
        }
        kept
    }

    /// The filters or the order changed: the lists follow, from the top.
    pub(super) fn refilter(&mut self) {
        self.search(true);
        self.selected = [0; 3];
    }

    /// The filter pop-up: ↑↓ a row, ←→ its value, Enter or Esc closes it.
    pub(super) fn update_filter(&mut self, cmd: Cmd) -> Option<Effect> {
        let row = self.filtering?;
        let step = |forward: bool, at: usize, n: usize| {
            if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }
        };
        let forward = matches!(cmd, Cmd::CursorRight | Cmd::Toggle | Cmd::Input(_));
        match cmd {
            Cmd::Up => self.filtering = Some(row.saturating_sub(1)),
            Cmd::Down => self.filtering = Some((row + 1).min(FILTER_ROWS - 1)),
            Cmd::Confirm | Cmd::Back | Cmd::Filter => self.filtering = None,
            Cmd::CursorLeft | Cmd::CursorRight | Cmd::Toggle => {
                match row {
                    0 => {
                        let n = self.derived.departments.len() + 1;
                        self.department = step(forward, self.department, n);
                    }
                    1 => {
                        let all = &forms::STAGES_ALL;
                        let at = self
                            .filter
                            .stage
                            .map_or(0, |s| all.iter().position(|x| *x == s).map_or(0, |p| p + 1));
                        let next = step(forward, at, all.len() + 1);
                        self.filter.stage = next.checked_sub(1).map(|k| all[k]);
                    }
                    2 => {
                        let all = &ConsentState::ALL;
                        let at = self
                            .filter
                            .consent
                            .map_or(0, |s| all.iter().position(|x| *x == s).map_or(0, |p| p + 1));
                        let next = step(forward, at, all.len() + 1);
                        self.filter.consent = next.checked_sub(1).map(|k| all[k]);
                    }
                    _ => self.filter.overdue = !self.filter.overdue,
                }
                self.refilter();
            }
            _ => {}
        }
        None
    }

    pub(super) fn clamp_selection(&mut self) {
        let lens = [
            self.results.len(),
            self.followups.len(),
            self.champion_rows.len(),
        ];
        for (s, len) in self.selected.iter_mut().zip(lens) {
            *s = (*s).min(len.saturating_sub(1));
        }
    }
}
