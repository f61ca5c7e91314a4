# Trainer mode (tebiki present): slides, speaker notes, the session and its attendees.

cli-present-about = Trainer mode: the screens as slides with speaker notes; in a session, attendance and each attendee's choice are recorded
cli-present-arg-lang = Language of the slides: ja, en, or both side by side (default: the config's language, then the system language)
cli-present-arg-notes = Follow the presenting terminal on this machine: its speaker notes, the next slide and the clock

## Keys and what they do
present-key-f5 = F5
present-key-digits = 0-9 Enter
present-key-g = g/G
present-key-n = n
present-key-a = a
present-key-t = t
present-key-s = s
present-key-l = l
present-key-x = x
present-key-e = e
present-key-o = o
present-key-y = y
present-key-n-esc = n/Esc
present-key-q-esc = q/Esc
present-act-setup-next = Next / start
present-act-start = Start the slides
present-act-slides = Prev/next
present-act-jump = Go to
present-act-jump-or-next = Go to the slide typed, or the next one
present-act-first-last = First/last
present-act-notes = Notes
present-act-attendees = Attendees
present-act-choose-now = Choose now
present-act-record = Record attendance
present-act-later = Kiosk later
present-act-add = Add attendee
present-act-remove = Remove
present-act-edit = Edit
present-act-pick = Choose
present-act-overview = Overview
present-act-show = Show
present-act-to-slides = Slides
present-act-to-list = Back to the list
present-act-quit-anyway = Quit anyway
present-act-stay = Go back

## Setup
present-both = 日本語 + English
present-setup-title = Trainer mode: set up the session
present-setup-intro = Enter your name to run this as a session: attendance and each attendee's choice are then recorded. Attendees can also be added later, during or after the slides.
present-trainer = Trainer name
present-trainer-hint = Leave it empty and press Enter to show the slides only, with nothing recorded.
present-slides-only-no-attendees = These are the slides only: nobody’s attendance or choice is recorded. To record them, quit (q) and start again with your name as the trainer.
present-session-id = Session ID
present-add-id = Add an attendee: employee ID
present-add-id-or-name = Add an attendee: employee ID or name
present-overview-title = Slides
present-cannot-edit = Their attendance is already recorded, so their entry stays as it is.
present-editing = Put the entry right and press Enter to add it again.
present-act-give-up-edit = Give up the edit
present-edit-given-up = Edit given up: { $name } is back in the list as before.
present-edit-pending = { $name } is being edited and is not in the list: press Enter to add them again, or Esc to give the edit up, first.
present-attendees-count = Attendees: { $n }
present-attendees-none = No attendees yet.
present-roster-yes = { $n ->
        [one] The roster has 1 employee
       *[other] The roster has { $n } employees
    }: name and department are filled in from the ID.
present-roster-no = No roster has been imported: type each attendee's name after the ID.
present-not-on-roster = { $id } is not on the roster. Type the name to add them anyway.
present-name-not-on-roster = { $id } is not a name on the roster. To add someone who is not on it, type their employee ID.
present-id-not-on-roster = { $id } is neither an ID nor a name on the roster, and only people on the roster are recorded. Check it, or import the current roster.
present-no-roster = Now type the name of { $id }.
present-already-listed = { $id } is already on the list.
present-added = Added: { $name } ({ $id }).
present-add-pending = An attendee is typed but not added yet: press Enter to add them, or clear the field.
present-trainer-missing = Enter the trainer's name: attendees can only be recorded in a session.
present-session-id-missing = Enter a session ID.

## Slides
present-more-below = ▼ More below: ↓
present-jump = Go to slide { $n }: press Enter
present-last-slide = This is the last slide.
present-no-such-slide = There is no slide { $n } (there are 1 to { $of }).
present-no-session = No session is running: the slides are shown without taking attendance.
present-notes-title = Speaker notes
present-no-notes = No notes for this slide.
present-notes-cut = … more in the notes window (tebiki present --notes)

## Attendees
present-attendees-title = Attendees and their choices
present-session-line = Session { $id } · Trainer: { $trainer }
present-attendance-pending = Attendance is not recorded yet for { $n ->
        [one] 1 attendee
       *[other] { $n } attendees
    }. Check the list, then press s to record it.
present-attendance-all = ✓ Attendance recorded for { $n ->
        [one] the 1 attendee
       *[other] all { $n } attendees
    }.
present-status-pending = not decided yet
present-status-decided-before = decided before
present-status-kiosk = at a kiosk later
present-attendees-legend = ✓ attendance recorded · Enter: this attendee chooses now, on this terminal · l: they choose at a kiosk later
present-attendance-saved = ✓ Attendance saved for { $n ->
        [one] 1 attendee
       *[other] { $n } attendees
    }.
present-later-saved = ✓ Saved: { $name } will make their choice at a kiosk later.
present-save-failed = ✗ NOT saved, nothing was recorded: { $reason }
present-no-attendees = There is no one on the list yet: press Tab to add an attendee.
present-attendance-done = Attendance is already recorded for everyone on the list.
present-record-first = Record attendance first (s).
present-already-chosen = { $name } has already made their choice.
present-other-name = The records for ID { $id } are under another name than { $name }, so they cannot choose here under that ID: check it with them. Nothing was recorded.
present-later-confirm = Press l again to record that { $name } will choose at a kiosk later, with a follow-up due in { $days } days. Any other key: nothing is recorded.
present-already-later = Already marked to choose at a kiosk later.
present-later-has-consent = { $name } has a consent in force: there is nothing to choose later at a kiosk, and nothing was recorded.
present-cannot-remove = Their attendance is already recorded, so they stay on the list.
present-followup-note = Will make the choice at a kiosk (session { $session }).

## Quitting
present-quit-title = Quit trainer mode?
present-quit-text = { $n ->
        [one] 1 attendee still has
       *[other] { $n } attendees still have
    } attendance to record or a choice to make. If you quit now, that is left undone. Everything already saved stays saved.
present-quit-keys = y: quit anyway · n or Esc: go back

## The notes window (tebiki present --notes)
present-follow-title = Speaker notes
present-follow-waiting = No presentation is running yet. Start “tebiki present” in another window on this computer (same data folder) and its notes appear here. q: quit
present-follow-next = Next: { $n }. { $title }
present-follow-last = This is the last slide. Next: the attendees' choices.
present-roster-unreadable = roster.csv could not be read, so names are typed by hand. Import it again with “tebiki roster import”.
present-status-recorded = ✓ choice recorded
present-handover-title = Please turn the screen to { $name }
present-handover-text = What comes next is { $name }’s own choice: only they should see the screen. The slides and the list are hidden until they have finished.
act-attendee-ready = They are ready
present-choose-unshown = { $unshown } of the { $total } slides have not been shown in this session. Show them first (Esc, slides), or press Enter again to let this attendee choose now.
present-leave-confirm = Press Esc again to end your turn without choosing (nothing is recorded). Any other key carries on.
present-turn-no-quit = Only the trainer can close the session. To end your turn without choosing, press Esc on the first screen (nothing is recorded).
present-handover-no-quit = The session is closed from the list of attendees, once the screen is back with the trainer.
key-other = Other keys
act-end-turn = End my turn (nothing recorded)
act-carry-on = Carry on
present-handback-title = Please turn the screen back to the trainer
present-handback-text = Thank you, { $name }. The trainer goes on from here.
act-show-attendees = Trainer: show the attendee list
