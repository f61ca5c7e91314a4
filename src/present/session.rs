//! A trainer's session: the attendees, how one is added (from the roster when there is one), the
//! `attendance` and `followup` records, and carrying out the presenter's effects on the ledger.

use serde_json::{Map, Value, json};

use crate::app::{FIELD_DEPT, FIELD_ID, FIELD_NAME, Notice, SessionInfo, Settings};
use crate::keys::Cmd;
use crate::record::consent::Decision;
use crate::record::identity::{Directory, IdentityMode, same_id};
use crate::record::{How, RecordType, SessionRef, Subject, Verified};
use crate::recorder::Recorder;
use crate::text_field::TextField;

use super::{Effect, Presenter, Saving};

/// Days after the session by which an attendee who will decide at a kiosk is followed up.
pub const FOLLOWUP_DAYS: i32 = 7;

/// Where an attendee stands at the end of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Has not decided yet.
    Pending,
    /// Decided on the trainer's terminal; the decision is in the ledger.
    Chosen(Decision),
    /// Will decide at a kiosk later; a `followup` record says so.
    Kiosk,
}

/// One person at the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The id as recorded (the roster's form; see [`crate::record::identity`]).
    pub id: String,
    /// The id as the trainer typed it.
    pub id_as_entered: String,
    pub name: String,
    pub department: String,
    /// Name and department came from `$DATA/roster.csv`.
    pub on_roster: bool,
    /// The `attendance` record is in the ledger.
    pub attendance: bool,
    pub status: Status,
    /// A decision of theirs (consent given, refused, or withdrawn) was on record before this
    /// session: nothing is left for them to choose, though they may choose again. The list
    /// says so without saying which (it may be on a projector).
    pub decided_before: bool,
}

impl Attendee {
    /// Attendance not recorded, or no decision and no kiosk appointment yet: work that
    /// quitting would leave undone.
    pub fn unfinished(&self) -> bool {
        !self.attendance || (self.status == Status::Pending && !self.decided_before)
    }
}

/// The small form that adds an attendee: the id first; name and department only when the id
/// is not on the roster (or there is no roster).
#[derive(Debug, Clone, Default)]
pub struct AttendeeForm {
    pub fields: [TextField; 3],
    /// The field being typed in: [`FIELD_ID`], [`FIELD_NAME`] or [`FIELD_DEPT`].
    pub field: usize,
    /// The id was not found on the roster: the name must be typed.
    pub needs_name: bool,
    /// The highlighted one of the roster's people whose name (or id) matches what is typed.
    pub pick: usize,
    /// The last answer of [`AttendeeForm::matches`] (positions in the roster) and what it was
    /// for: the key handler, the hint bar and the view all ask, several times a frame, and a
    /// search of a large roster costs tens of milliseconds.
    found: std::cell::RefCell<Option<(u64, Vec<usize>)>>,
}

/// The most people a name search lists.
pub const MAX_MATCHES: usize = 5;

/// What Enter in the form led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Enter in an empty id field: nothing to add.
    Nothing,
    /// Moved on to the next field.
    Moved,
    Attendee(Attendee),
    /// Something to put right first.
    Problem(Notice),
}

impl AttendeeForm {
    /// How many of the fields are shown.
    pub fn visible_fields(&self) -> usize {
        if self.needs_name { 3 } else { 1 }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| f.value().trim().is_empty())
    }

    pub fn clear(&mut self) {
        *self = AttendeeForm::default();
    }

    /// The form filled with an attendee taken back off the list to be put right.
    pub fn load(a: &Attendee) -> AttendeeForm {
        let mut form = AttendeeForm::default();
        form.fields[FIELD_ID].insert(&a.id_as_entered);
        if !a.on_roster {
            form.needs_name = true;
            form.fields[FIELD_NAME].insert(&a.name);
            form.fields[FIELD_DEPT].insert(&a.department);
        }
        form
    }

    /// The roster's people whose name or id contains what is typed in the id field, compared
    /// without regard to width, case or kana ([`crate::dashboard::search::normalize`]); none
    /// listed already, at most [`MAX_MATCHES`].
    pub fn matches<'a>(
        &self,
        roster: Option<&'a Directory>,
        listed: &[Attendee],
    ) -> Vec<&'a crate::record::Person> {
        use crate::dashboard::search::normalize;
        use std::hash::{BuildHasher, Hash, Hasher};
        let Some(roster) = roster else {
            return Vec::new();
        };
        if self.field != FIELD_ID || self.needs_name {
            return Vec::new();
        }
        let typed = self.fields[FIELD_ID].value();
        let people = roster.people();
        // What the answer depends on: the roster, what is typed, and who is listed.
        let mut key = foldhash::quality::FixedState::default().build_hasher();
        (people.as_ptr() as usize, people.len(), typed).hash(&mut key);
        for a in listed {
            a.id.hash(&mut key);
        }
        let key = key.finish();
        let mut found = self.found.borrow_mut();
        if !matches!(&*found, Some((k, _)) if *k == key) {
            let query = normalize(typed);
            let listed: std::collections::HashSet<String> = listed
                .iter()
                .map(|a| crate::record::identity::key(&a.id))
                .collect();
            let hits = people
                .iter()
                .take(if query.is_empty() { 0 } else { usize::MAX })
                .enumerate()
                .filter(|(_, p)| {
                    (normalize(&p.name).contains(&query) || normalize(&p.id).contains(&query))
                        && !listed.contains(&crate::record::identity::key(&p.id))
                })
                .map(|(i, _)| i)
                .take(MAX_MATCHES)
                .collect();
            *found = Some((key, hits));
        }
        found
            .as_ref()
            .map(|(_, hits)| hits.iter().filter_map(|&i| people.get(i)).collect())
            .unwrap_or_default()
    }

    /// Up or Down in the list of matches.
    pub fn move_pick(&mut self, down: bool, n: usize) {
        self.pick = if down {
            (self.pick + 1).min(n.saturating_sub(1))
        } else {
            self.pick.saturating_sub(1)
        };
    }

    /// Text editing in the focused field. Editing the id asks the roster again on Enter.
    pub fn edit(&mut self, cmd: &Cmd) -> Option<Notice> {
        let notice = super::edit(&mut self.fields[self.field], cmd);
        if self.field == FIELD_ID && matches!(cmd, Cmd::Input(_) | Cmd::Backspace | Cmd::Delete) {
            self.pick = 0;
            self.needs_name = false;
            self.fields[FIELD_NAME] = TextField::default();
            self.fields[FIELD_DEPT] = TextField::default();
        }
        notice
    }

    /// Enter: looks the id up, asks for the name when it is not on the roster, and hands over
    /// the attendee once complete.
    pub fn confirm(
        &mut self,
        roster: Option<&Directory>,
        settings: &Settings,
        listed: &[Attendee],
    ) -> Added {
        let typed = self.fields[FIELD_ID].value().trim().to_string();
        if self.field == FIELD_ID && typed.is_empty() {
            return Added::Nothing;
        }
        // Not an id on the roster, but a name (or part of an id) that is: the highlighted
        // match is added.
        let by_id = settings
            .id_rule
            .check(&typed)
            .ok()
            .and_then(|id| roster.and_then(|r| r.find(&id)));
        if self.field == FIELD_ID && by_id.is_none() {
            let found = self.matches(roster, listed);
            if let Some(p) = found.get(self.pick.min(found.len().saturating_sub(1))) {
                let attendee = Attendee {
                    id: p.id.clone(),
                    id_as_entered: p.id.clone(),
                    name: p.name.clone(),
                    department: p.department.clone(),
                    on_roster: true,
                    attendance: false,
                    status: Status::Pending,
                    decided_before: false,
                };
                self.clear();
                return Added::Attendee(attendee);
            }
        }
        let id = match settings.id_rule.check(&typed) {
            Ok(id) => id,
            // A name (it has a space, say) that matched nobody on the roster: said as such,
            // not as an id with a space in it.
            Err(_) if roster.is_some() && typed.chars().any(char::is_whitespace) => {
                self.field = FIELD_ID;
                self.clear();
                let id = if settings.identity == IdentityMode::Open {
                    "present-name-not-on-roster"
                } else {
                    "present-id-not-on-roster"
                };
                return Added::Problem(Notice {
                    id,
                    args: vec![("id", typed)],
                    error: true,
                });
            }
            Err(problem) => {
                self.field = FIELD_ID;
                // The rejected id is cleared, so the next one is not appended to it.
                self.clear();
                let mut args = problem.args();
                args.push((
                    "example",
                    settings.id_example.clone().unwrap_or_else(|| "none".into()),
                ));
                return Added::Problem(Notice {
                    id: problem.message_id(),
                    args,
                    error: true,
                });
            }
        };
        let found = roster.and_then(|r| r.find(&id));
        let id = found.map_or(id, |p| p.id.clone());
        if listed.iter().any(|a| same_id(&a.id, &id)) {
            // Cleared like any refused id, so the next one typed is not appended to it.
            self.clear();
            return Added::Problem(Notice {
                id: "present-already-listed",
                args: vec![("id", id)],
                error: true,
            });
        }
        if self.field == FIELD_ID && found.is_none() && settings.identity != IdentityMode::Open {
            // With the roster deciding who is who, nobody off the roster is recorded.
            self.clear();
            return Added::Problem(Notice {
                id: "present-id-not-on-roster",
                args: vec![("id", id)],
                error: true,
            });
        }
        if self.field == FIELD_ID {
            if let Some(e) = found {
                let attendee = Attendee {
                    id,
                    id_as_entered: typed,
                    name: e.name.clone(),
                    department: e.department.clone(),
                    on_roster: true,
                    attendance: false,
                    status: Status::Pending,
                    decided_before: false,
                };
                self.clear();
                return Added::Attendee(attendee);
            }
            self.needs_name = true;
            self.field = FIELD_NAME;
            let why = if roster.is_some() {
                "present-not-on-roster"
            } else {
                "present-no-roster"
            };
            return Added::Problem(Notice {
                id: why,
                args: vec![("id", id)],
                error: false,
            });
        }
        let name = self.fields[FIELD_NAME].value().trim().to_string();
        if name.is_empty() {
            self.field = FIELD_NAME;
            return Added::Problem(problem("identity-name-missing"));
        }
        if self.field == FIELD_NAME {
            self.field = FIELD_DEPT;
            return Added::Moved;
        }
        let attendee = Attendee {
            id,
            id_as_entered: typed,
            name,
            department: self.fields[FIELD_DEPT].value().trim().to_string(),
            on_roster: false,
            attendance: false,
            status: Status::Pending,
            decided_before: false,
        };
        self.clear();
        Added::Attendee(attendee)
    }
}

fn problem(id: &'static str) -> Notice {
    Notice {
        id,
        args: Vec::new(),
        error: true,
    }
}

impl Attendee {
    /// The person as records name them: the roster's when they are on it (checked by the
    /// trainer who sees them), else as the trainer typed them.
    pub fn subject(&self) -> Subject {
        Subject {
            id: self.id.clone(),
            id_as_entered: None,
            name: Some(self.name.clone()),
            department: Some(self.department.clone()).filter(|d| !d.is_empty()),
            verified: Some(if self.on_roster {
                Verified::Roster
            } else {
                Verified::No
            }),
        }
        .typed_as(&self.id_as_entered)
    }
}

/// The session as records name it: its id, the trainer, and when the slides started.
fn session_json(p: &Presenter, s: &SessionInfo) -> Value {
    json!({ "id": s.id, "trainer": s.trainer, "started_at": p.started_at.to_string() })
}

/// Who, in which session, how, under which policy: the first fields of both record types.
fn head(p: &Presenter, s: &SessionInfo, a: &Attendee) -> Map<String, Value> {
    let m = &p.flow.content.manifest;
    let mut body = Map::new();
    body.insert("employee".into(), a.subject().to_value());
    body.insert("session".into(), session_json(p, s));
    let how = How::Session {
        mode: p.flow.mode.as_str(),
        session: SessionRef {
            id: s.id.clone(),
            trainer: s.trainer.clone(),
        },
    };
    body.insert("how".into(), how.to_value());
    body.insert(
        "policy".into(),
        crate::record::policy_value(&m.policy_id, &m.policy_version),
    );
    body
}

fn tail(p: &Presenter, mut body: Map<String, Value>) -> Map<String, Value> {
    body.insert("ui_language".into(), p.ui_lang().as_str().into());
    body.insert("app".into(), crate::record::app_value());
    body
}

/// The ids of the slides shown so far, in the order of the deck.
pub fn slides_shown(p: &Presenter) -> Vec<String> {
    p.slides
        .iter()
        .zip(&p.shown)
        .filter(|(_, shown)| **shown)
        .map(|(&i, _)| p.flow.content.manifest.screens[i].id.clone())
        .collect()
}

/// An `attendance` record: the person was at the session and saw these slides in these
/// languages.
pub fn attendance_body(p: &Presenter, s: &SessionInfo, a: &Attendee) -> Map<String, Value> {
    let mut body = head(p, s, a);
    let slides = slides_shown(p);
    body.insert(
        "content".into(),
        json!({
            "languages": p.langs_shown.iter().map(super::super::i18n::Lang::as_str).collect::<Vec<_>>(),
            "slides": slides,
        }),
    );
    body.insert("on_roster".into(), a.on_roster.into());
    tail(p, body)
}

/// A `followup` record: the attendee will decide at a kiosk, due [`FOLLOWUP_DAYS`] after the
/// session (the report lists it as overdue after that).
pub fn kiosk_later_body(p: &Presenter, s: &SessionInfo, a: &Attendee) -> Map<String, Value> {
    let mut body = head(p, s, a);
    let today = jiff::Timestamp::now().to_zoned(p.flow.tz.clone()).date();
    let due = today
        .checked_add(jiff::Span::new().days(FOLLOWUP_DAYS))
        .map(|d| d.to_string())
        .unwrap_or_default();
    body.insert("action".into(), "decide-at-kiosk".into());
    body.insert("due".into(), due.into());
    let note = p.flow.loc.ta_stored(
        p.ui_lang(),
        "present-followup-note",
        &[("session", s.id.clone().into())],
    );
    body.insert("note".into(), note.into());
    tail(p, body)
}

/// Carries out one effect: the employee flow's through the recorder, the session's records as
/// one batch (all saved or none), each reported back only once synced.
pub fn perform(p: &mut Presenter, recorder: &mut Recorder, effect: Effect) {
    match effect {
        Effect::Flow(e) => {
            recorder.perform(&mut p.flow, e);
            p.after_flow();
        }
        Effect::Lookup { attendee, then } => {
            let policy = p.flow.content.manifest.policy_version.clone();
            let prior = p
                .attendees
                .get(attendee)
                .and_then(|a| recorder.prior(&a.id, &policy));
            let wrong_name =
                p.flow.settings.identity == IdentityMode::Open && other_name(p, recorder, attendee);
            match then {
                // Unchecked identities: an id whose records give another name is not decided
                // for here (it could end someone else's consent), nor shown to the attendee.
                super::Then::Choose if wrong_name => {
                    let (id, name) = p
                        .attendees
                        .get(attendee)
                        .map(|a| (a.id.clone(), a.name.clone()))
                        .unwrap_or_default();
                    p.current = None;
                    p.phase = super::Phase::Attendees;
                    p.notice = Some(super::Notice {
                        id: "present-other-name",
                        args: vec![("id", id), ("name", name)],
                        error: true,
                    });
                }
                super::Then::Choose => p.start_choice(prior),
                super::Then::AskLater => {
                    let has = prior.is_some_and(|s| s.consent == crate::state::ConsentState::Given);
                    p.ask_later(attendee, has);
                }
                super::Then::Note => {
                    use crate::state::ConsentState;
                    // Not for an id whose records give another name (unchecked identities).
                    let decided = !wrong_name
                        && prior.is_some_and(|s| {
                            matches!(
                                s.consent,
                                ConsentState::Given
                                    | ConsentState::Refused
                                    | ConsentState::Withdrawn
                            )
                        });
                    if let Some(a) = p.attendees.get_mut(attendee) {
                        a.decided_before = decided;
                    }
                }
            }
        }
        Effect::Append {
            saving: Saving::Later(i),
            ..
        } if has_consent(p, recorder, i) => {
            // Someone whose consent is in force has nothing left to choose at a kiosk: no
            // follow-up is recorded for them.
            let name = p
                .attendees
                .get(i)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            p.notice = Some(super::Notice {
                id: "present-later-has-consent",
                args: vec![("name", name)],
                error: false,
            });
        }
        Effect::Append {
            saving: Saving::Attendance(list),
            records: batch,
        } if p.flow.settings.identity == IdentityMode::Open => {
            // Unchecked identities: nobody is recorded under an id whose records give another
            // name (a mistyped id, or someone else's); the others are.
            let (wrong, right): (Vec<usize>, Vec<usize>) =
                list.iter().partition(|&&i| other_name(p, recorder, i));
            let Some(&first) = wrong.first() else {
                return append(p, recorder, Saving::Attendance(list), batch);
            };
            if !right.is_empty() {
                let saving = Saving::Attendance(right);
                let records = records(p, &saving);
                append(p, recorder, saving, records);
            }
            let (id, name) = p
                .attendees
                .get(first)
                .map(|a| (a.id.clone(), a.name.clone()))
                .unwrap_or_default();
            p.notice = Some(super::Notice {
                id: "present-other-name",
                args: vec![("id", id), ("name", name)],
                error: true,
            });
        }
        Effect::Append { saving, records } => append(p, recorder, saving, records),
    }
}

/// Appends the session's records as one batch (all saved or none) and reports back.
fn append(
    p: &mut Presenter,
    recorder: &mut Recorder,
    saving: Saving,
    records: Vec<(&'static str, Map<String, Value>)>,
) {
    match recorder.open().and_then(|w| w.append_batch(records)) {
        Ok(_) => p.records_saved(saving),
        Err(e) => {
            let words = crate::error_text::describe(
                &p.flow.loc,
                p.ui_lang(),
                crate::error_text::Failure::Ledger(&e),
            );
            p.records_failed(saving, words.line());
        }
    }
}

/// Whether the ledger's records of attendee `i`'s id give another name than theirs.
fn other_name(p: &Presenter, recorder: &Recorder, i: usize) -> bool {
    let Some(a) = p.attendees.get(i) else {
        return false;
    };
    let policy = &p.flow.content.manifest.policy_version;
    recorder
        .prior(&a.id, policy)
        .and_then(|s| s.name)
        .is_some_and(|on_record| !crate::record::identity::same_name(&on_record, &a.name))
}

/// Whether attendee `i` has a consent in force, as the ledger says now.
fn has_consent(p: &Presenter, recorder: &Recorder, i: usize) -> bool {
    let Some(a) = p.attendees.get(i) else {
        return false;
    };
    let policy = &p.flow.content.manifest.policy_version;
    crate::status::load(recorder.ledger_dir(), &a.id, policy)
        .is_ok_and(|(state, _)| state.consent == crate::state::ConsentState::Given)
}

/// The records an effect of [`Saving`] writes.
pub fn records(p: &Presenter, saving: &Saving) -> Vec<(&'static str, Map<String, Value>)> {
    let Some(s) = &p.session else {
        return Vec::new();
    };
    match saving {
        Saving::Attendance(list) => list
            .iter()
            .filter_map(|&i| p.attendees.get(i))
            .map(|a| (RecordType::Attendance.as_str(), attendance_body(p, s, a)))
            .collect(),
        Saving::Later(i) => p
            .attendees
            .get(*i)
            .map(|a| vec![(RecordType::Followup.as_str(), kiosk_later_body(p, s, a))])
            .unwrap_or_default(),
    }
}
