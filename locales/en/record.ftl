# `tebiki record ...`: events a trainer or admin adds about one employee.

cli-record-about = Add a trainer/admin event about one employee (stage change, follow-up, champion, attendance, withdrawal)
cli-record-stage-about = The employee's migration stage is now STAGE
cli-record-stage-arg-id = Employee ID
cli-record-stage-arg-close_followup = Close the open follow-up with this change (without it, it stays open)
cli-record-stage-arg-stage = The new stage: informed, hesitant, parallel (both channels), migrated or opted_out
cli-record-followup-about = A follow-up conversation, and when the next one is due
cli-record-followup-arg-id = Employee ID
cli-record-followup-arg-due = When the next follow-up is due (YYYY-MM-DD)
cli-record-followup-arg-days = The next follow-up is due in this many days (default 14)
cli-record-champion-about = The employee is a champion (with --off: no longer); with --supports, whom they support
cli-record-champion-arg-id = The champion's employee ID
cli-record-champion-arg-supports = The employee this champion supports (with --off: no longer supports)
cli-record-champion-arg-off = End it: no longer a champion, or (with --supports) no longer supporting that person
cli-record-attendance-about = The employee attended an onboarding session
cli-record-attendance-arg-id = Employee ID
cli-record-attendance-arg-session = The session's name (e.g. 2026-11-24-osaka)
cli-record-attendance-arg-date = The day of the session (YYYY-MM-DD; default today)
cli-record-withdrawal-about = The employee asked to withdraw their consent (recorded by an admin on their request)
cli-record-withdrawal-arg-id = Employee ID
cli-record-withdrawal-arg-requested = The day the employee asked (YYYY-MM-DD; default today)
cli-record-arg-note = A note kept with the record (what was said, what was agreed)
cli-record-arg-by = Who is recording this (default: the login name)
cli-record-arg-format = Output format

record-warning-withdrawal-uncertain = recorded although the records that could be used show no consent of { $id } to withdraw: some of their records were withheld (above), and their withdrawal holds whatever those show. Keep their request in writing too, and run tebiki verify
record-warning-dated-ahead = a record about { $id } is dated after this one ({ $at }, { $kiosk }): records count in the order of their dates, so until then that one counts as the latest. Is the clock of { $kiosk } ahead? Run tebiki verify
record-saved-where = { $at }, { $file } (record { $seq })
record-withdrew-version = The consent withdrawn was given under policy version { $version } (the content here is { $current }); the record names { $version }.
record-now = Now: { $consent }, { $stage }.
record-followup-kept = The open follow-up (next due { $due }) stays open; record with --close-followup to close it.
record-followup-closed = The open follow-up is closed by this change.

record-error-id = “{ $id }” is not a usable employee ID: { $why }
record-todo-id = Give the employee ID as on the roster (see “tebiki status ID”).
record-error-by = nobody to record as: the login name is not known
record-todo-by = Say who is recording with --by NAME.
record-error-by-empty = --by is empty: the name of who is recording is missing
record-error-by-long = the name given with --by is longer than { $max } characters
record-error-by-control = the name to record as holds a control or invisible character: “{ $name }”
record-todo-by-control = Give the name as plain text with --by NAME (no line breaks, tabs or invisible characters).
record-error-note = the note is { $length } characters long; at most { $max } are kept
record-todo-note = Shorten the note, or keep the details elsewhere and refer to them.
record-error-date = “{ $value }” for { $option } is not a date
record-error-no-such-day = “{ $value }” for { $option } is not a real date: { $month } has only { $days } days
record-todo-date = Write dates as YYYY-MM-DD (e.g. 2026-12-01): for things that happened, a day of the past year up to today.
record-todo-due-date = Write the date as YYYY-MM-DD (e.g. 2026-12-15), from today on; or give a number of days with --in.
record-error-days = --in { $value }: a follow-up that many days ahead is past the end of the calendar
record-todo-days = Give a number of days such as 14, or a date with --due.
record-error-past = the next follow-up date { $due } is in the past
record-todo-past = Give a date from today on with --due, or a number of days with --in.
record-error-far = the next follow-up date { $due } is more than a year away
record-todo-far = Give a date within a year (--due YYYY-MM-DD, or --in DAYS): a follow-up further off drops the person out of every overdue list until then.
record-error-future = { $date } is in the future
record-error-long-ago = { $date } is more than a year ago (the earliest day taken is { $limit })
record-error-session = “{ $session }” is not a usable session name
record-todo-session = Give the session a short name with --session, e.g. 2026-11-24-osaka.
record-error-unknown = no employee “{ $id }” on the roster or in the ledger
record-todo-unknown = Check the ID (“tebiki status ID”), or add the person to the roster and import it again.
record-todo-unknown-no-roster = Check the ID (“tebiki status ID”), or import the roster first (“tebiki roster import FILE.csv”).
record-error-self = a champion cannot support themselves
record-todo-self = Give another employee's ID with --supports.
record-error-needs-consent = { $id } cannot be recorded as using their own smartphone (parallel or migrated): their consent state is “{ $state }”
record-todo-needs-consent = Using LINE WORKS on their own phone needs the person's consent under the current policy: ask them to go through the kiosk first.
record-error-nothing-to-withdraw = { $id } has no consent to withdraw (their state is “{ $state }”)
record-todo-refusal-uncertain = Some of their records could not be used, so this answer may be wrong: keep their request in writing (what they asked, when), run “tebiki verify”, and record it once the ledger is repaired.
record-todo-nothing-to-withdraw = Nothing needs recording; “tebiki status ID” shows their history.
record-error-requested-before = the withdrawal cannot have been asked for before the consent it withdraws was given
record-todo-requested-before = Give the day the person asked with --requested YYYY-MM-DD (on or after the day they agreed; see “tebiki status ID”).
record-error-already-attended = { $id }'s attendance at this session is already recorded
record-todo-already-attended = Nothing needs recording; “tebiki status ID” shows their history.
cli-record-void-about = A trainer's or admin's record was a mistake: cancel it by appending a void record (the ledger keeps both; a person's own consent or withdrawal cannot be voided)
cli-record-void-arg-record_id = The id of the record to cancel (as “tebiki status ID --format json” or the export shows it)
record-error-void-note = a void needs the reason, with --note
record-todo-void-note = Say why the record was a mistake, e.g. --note "entered for the wrong person".
record-error-void-unknown = there is no record “{ $id }” in the ledger
record-todo-void-unknown = Copy the record's id from “tebiki status ID --format json” (history, id) or from the export's record_id column.
record-error-void-not-allowed = record “{ $id }” is a person's own decision (or a void) and cannot be voided by an admin
record-todo-void-not-allowed = Only the person changes their own decision: they can decide again or withdraw at a kiosk, or ask for a withdrawal to be recorded.
record-error-already-voided = record “{ $id }” is voided already
record-todo-already-voided = Nothing needs recording; “tebiki status ID” shows it marked as voided, with the reason.
record-saved-void = Saved: record { $record } of { $id } is voided (the ledger keeps both).
status-session = session { $session }
status-requested-on = asked for on { $day }
status-voids = cancels record { $id }
status-voided = {"  "}[voided: { $reason }]

## Each record type: its word (the export's type column); .timeline, its word in the
## dashboard's timeline; .saved, what `tebiki record` says once one is written; .dash-saved
## and .dash-confirm, what the dashboard says before and after writing one.
record-type-consent = decision
    .timeline = Decision
record-type-withdrawal = withdrawal of consent
    .timeline = Withdrawal
    .saved = Saved: withdrawal of consent for { $who }.
    .dash-saved = Saved: withdrawal of consent by { $name } ({ $id }).
    .dash-confirm = asked on { $day } to withdraw their consent
record-type-stage = stage change
    .timeline = Stage
    .saved = Saved: stage change for { $who }.
    .dash-saved = Saved: stage of { $name } ({ $id }).
    .dash-confirm = stage is now “{ $stage }”
record-type-followup = follow-up
    .timeline = Follow-up
    .saved = Saved: follow-up for { $who }.
    .dash-saved = Saved: follow-up with { $name } ({ $id }).
    .dash-confirm = follow-up talk; the next one is due { $due }
record-type-attendance = attendance
    .timeline = Attended
    .saved = Saved: attendance of { $who }.
    .dash-saved = Saved: session attendance of { $name } ({ $id }).
    .dash-confirm = attended the session “{ $session }” on { $day }
record-type-champion = champion
    .timeline = Champion
    .saved = Saved: champion record for { $who }.
    .dash-saved = { $pairing ->
        [yes] { $active ->
            [yes] Saved: champion { $name } ({ $id }) supports { $other }.
           *[no] Saved: champion { $name } ({ $id }) no longer supports { $other }.
        }
       *[no] { $active ->
            [yes] Saved: { $name } ({ $id }) is a champion.
           *[no] Saved: { $name } ({ $id }) is no longer a champion.
        }
    }
    .dash-confirm = { $pairing ->
        [yes] { $active ->
            [yes] as champion, supports { $other }
           *[no] as champion, no longer supports { $other }
        }
       *[no] { $active ->
            [yes] becomes a champion
           *[no] is no longer a champion
        }
    }
record-type-void = correction (cancels a record)
    .timeline = Correction
    .dash-saved = Saved: a record of { $name } ({ $id }) is voided.
    .dash-confirm = voids { $record }
record-type-recovery = recovery after an interrupted write
    .timeline = Recovery
