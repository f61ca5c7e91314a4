//! The link from the presenting terminal to `tebiki present --notes` on the same machine: the
//! presenter writes a small state file in the data folder on every change (and every few
//! seconds as a sign of life); the follower polls it. No sockets, nothing to configure.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::content::{Content, ScreenKind};
use crate::i18n::{Lang, Localizer};
use crate::keys::{self, Cmd, Ctx};

use super::View;

/// The file's name in the data folder.
pub const FILE_NAME: &str = "present-state.json";

/// The presenter rewrites the file at least this often, even when nothing changed.
pub const HEARTBEAT: Duration = Duration::from_secs(5);

/// A file not rewritten for this long belongs to a presenter that is gone (it crashed, or the
/// machine slept): the follower stops showing it.
pub const STALE: Duration = Duration::from_secs(15);

/// What the presenter shows, as the follower needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowState {
    /// The presenting process (only it removes the file).
    pub pid: u32,
    /// The slide shown, 1-based, and how many there are.
    pub slide: usize,
    pub of: usize,
    /// The manifest id of the slide's screen.
    pub screen: String,
    /// `ja`, `en` or `both`.
    pub view: String,
    /// When the slides started (RFC 3339): the clock counts from here.
    pub started_at: String,
    /// When the file was written (RFC 3339).
    pub updated_at: String,
}

impl FollowState {
    /// Everything but the write time: whether the presenter changed something.
    pub fn same_as(&self, other: &FollowState) -> bool {
        (
            self.pid,
            self.slide,
            self.of,
            &self.screen,
            &self.view,
            &self.started_at,
        ) == (
            other.pid,
            other.slide,
            other.of,
            &other.screen,
            &other.view,
            &other.started_at,
        )
    }
}

pub fn path(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

/// Writes the state to a temporary file beside it and renames it over the old one, so the
/// follower never reads half a file.
pub fn write(path: &Path, state: &FollowState) -> io::Result<()> {
    let text = serde_json::to_string(state).map_err(io::Error::other)?;
    crate::safe_file::write_atomic(path, text.as_bytes(), 0o640)
}

/// The state, when there is a readable file.
pub fn read(path: &Path) -> Option<FollowState> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Removes the file when it is this process's: the presentation is over.
pub fn remove(path: &Path, pid: u32) {
    if read(path).is_some_and(|s| s.pid == pid) {
        let _ = std::fs::remove_file(path);
    }
}

/// The follower: the notes of the presenter's slide, the next slide's title and the clock.
pub struct Follower {
    pub content: Content,
    pub loc: Localizer,
    /// The language of the notes (and the frame).
    pub view: View,
    /// The trainer's language while both are shown.
    pub base_lang: Lang,
    /// The presenter's state, while there is a live presenter.
    pub state: Option<FollowState>,
    /// The latest tick, for the clock and to notice a presenter that is gone.
    pub now: jiff::Timestamp,
    pub help: bool,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
}

impl Follower {
    pub fn new(content: Content, loc: Localizer, view: View, base_lang: Lang) -> Follower {
        Follower {
            content,
            loc,
            view,
            base_lang,
            state: None,
            now: jiff::Timestamp::now(),
            help: false,
            quit: false,
            width: 80,
            height: 24,
        }
    }

    pub fn ui_lang(&self) -> &Lang {
        match &self.view {
            View::One(l) => l,
            View::Both => &self.base_lang,
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.loc.t(self.ui_lang(), id)
    }

    pub fn ctx(&self) -> Ctx {
        if self.help { Ctx::Help } else { Ctx::Follow }
    }

    /// Takes in what was read from the state file at `now`; a file not rewritten for
    /// [`STALE`] counts as no presenter.
    pub fn poll(&mut self, state: Option<FollowState>, now: jiff::Timestamp) {
        self.now = now;
        self.state = state.filter(|s| {
            s.updated_at
                .parse::<jiff::Timestamp>()
                .is_ok_and(|at| now.duration_since(at).unsigned_abs() < STALE)
        });
    }

    /// Time since the presenter's slides started.
    pub fn elapsed(&self) -> Option<Duration> {
        let started: jiff::Timestamp = self.state.as_ref()?.started_at.parse().ok()?;
        Some(self.now.duration_since(started).unsigned_abs())
    }

    /// The manifest index of the presenter's slide.
    pub fn screen(&self) -> Option<usize> {
        self.content.screen_index(&self.state.as_ref()?.screen)
    }

    /// The text screen after the presenter's one, if any.
    pub fn next_screen(&self) -> Option<usize> {
        let at = self.screen()?;
        self.content
            .manifest
            .screens
            .iter()
            .enumerate()
            .skip(at + 1)
            .find(|(_, s)| s.kind == ScreenKind::Info)
            .map(|(i, _)| i)
    }

    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Resize(w, h) => {
                self.width = *w;
                self.height = *h;
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && key.code == KeyCode::Char('c') {
                    self.quit = true;
                    return;
                }
                let Some(cmd) = keys::cmd_for(key, self.ctx()) else {
                    return;
                };
                match cmd {
                    Cmd::SwitchLang => {
                        self.view = self.view.next(&self.content.languages(), &self.base_lang);
                    }
                    Cmd::Help => self.help = !self.help,
                    Cmd::Back if self.help => self.help = false,
                    Cmd::Quit => self.quit = true,
                    _ => {}
                }
            }
            _ => {}
        }
    }
}
