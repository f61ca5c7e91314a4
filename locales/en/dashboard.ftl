# The dashboard (tebiki admin): coverage, people, follow-ups and champions.

dash-app-name = tebiki admin
dash-title = Dashboard
dash-person-title = Person
dash-by = By: { $name }

## Views
dash-view-overview = Overview
dash-view-people = People
dash-view-followups = Follow-ups
dash-view-champions = Champions

## Keys and what they do
dash-key-views = 1-4
dash-key-pages = PgUp/PgDn
dash-more-below = ▼ More below: PgDn
dash-key-s = s
dash-key-f = f
dash-key-a = a
dash-key-x = x
dash-key-c = c
dash-key-t = t
dash-key-w = w
dash-act-views = Views
dash-act-next-view = Next view
dash-act-prev-view = Previous view
dash-act-open = Open
dash-act-department = Department
dash-act-page = Page up/down
dash-act-stage = Stage
dash-act-followup = Follow-up
dash-act-assign = Assign champion
dash-act-end-pairing = End pairing
dash-act-champion = Champion on/off
dash-act-clear = Clear search
dash-act-attendance = Attendance
dash-act-withdrawal = Withdrawal
dash-act-confirm-withdrawal = Record the withdrawal
dash-act-void = Void
dash-act-confirm-void = Void it
dash-act-select-record = Select

## Loading
dash-loading = Reading the ledger… { $pct }%
dash-reloading = Reading the ledger again (a file changed)… { $pct }%
dash-load-failed = The ledger could not be read: { $reason } Then start tebiki admin again.
dash-unreadable = { $n ->
    [one] 1 ledger line could not be read
   *[other] { $count } ledger lines could not be read
}
dash-not-used = { $n ->
    [one] 1 record was not used (made up with another's id, dated back past the latest seal or into the future, or in another kiosk's file)
   *[other] { $count } records were not used (made up with another's id, dated back past the latest seal or into the future, or in another kiosk's file)
}
dash-odd-entries = { $n ->
    [one] 1 entry of the ledger folder is not a regular ledger file (a link, a folder) and was not read
   *[other] { $count } entries of the ledger folder are not regular ledger files (links, folders) and were not read
}
dash-left-out = { $what }: not counted. Run tebiki verify.
dash-seal-not-trusted = The newest seal ({ $seal }) is missing or not signed by a trusted key: records may have been changed since the ledger was sealed. Run tebiki verify.
dash-seal-no-signers = Sealed (newest: { $seal }), but no trusted seal key is set up (seal-signers): the seals are not checked. Run tebiki verify with the auditors' copy of the keys.
dash-signers-line = { $n ->
    [one] A line of the trusted seal keys ({ $place }) cannot be read and is not used: a key meant to be trusted may be missing. Fix it, then run tebiki verify.
   *[other] { $n } lines of the trusted seal keys (first: { $place }) cannot be read and are not used: a key meant to be trusted may be missing. Fix them, then run tebiki verify.
}
dash-chain-broken = The ledger chain breaks at { $place }: { $n } record(s) from there on are not counted, and people marked ! (in red) may be shown wrongly. Run tebiki verify.
dash-seal-mismatch = { $n ->
    [one] { $file } no longer holds what { $seal } sealed (it was changed, cut short or removed): what is shown may rest on records changed since. Run tebiki verify.
   *[other] { $n } files ({ $file } first) no longer hold what { $seal } sealed (changed, cut short or removed): what is shown may rest on records changed since. Run tebiki verify.
}
dash-person-suspect = A record of this person is next to a break in the ledger chain and is not counted: what is shown may be wrong. Run tebiki verify.
dash-roster-unreadable = The roster (roster.csv) could not be read: people are listed from the ledger only. Import it again with tebiki roster import.

## Who is using the dashboard
dash-pin-prompt = Enter the admin PIN to open the dashboard.
dash-name-title = Who is using the dashboard?
dash-name-why = Your name is recorded with every stage change, follow-up and pairing you make here.
dash-name-label = Your name:
dash-name-missing = Please type your name first: it goes with every record you make.

## Overview
dash-department = Department:
dash-all-departments = All departments
dash-no-department = (no department)
dash-people-count = { $n ->
    [one] 1 person
   *[other] { $count } people
}
dash-coverage-roster = Coverage: people on the roster who have been through onboarding
dash-coverage-ledger = Coverage: people in the ledger who have been through onboarding (no roster imported)
dash-coverage-figures = { $pct }% ({ $n } of { $of })
dash-stage-heading = Migration stage
dash-stage-aside = aside
dash-consent-heading = Consent
dash-overview-summary = Champions: { $champions }   Open follow-ups: { $open } ({ $overdue } overdue)
dash-col-department = Department
dash-col-people = People
dash-col-reached = Reached
dash-col-overdue = Overdue

## People
dash-search = Search:
dash-found = { $n } found
dash-nobody-found = Nobody matches. Search by employee id or name; width, case, spaces and kana do not matter.
dash-nobody-filtered = Nobody passes the filter ({ $filters }). Press v to change it.
dash-nobody-in-view-filtered = Nobody in this view passes the filter ({ $filters }). Press v to change it.
dash-nobody-found-filtered = Nobody found by the search passes the filter ({ $filters }). Press v to change the filter, or Esc to clear the search.
dash-empty = Nobody here yet: no roster is imported and the ledger has no records. Import the roster with “tebiki roster import FILE.csv” to list everyone to reach; choices made at the kiosk (“tebiki”) and in sessions (“tebiki present”) appear here as they are recorded.
dash-col-id = ID
dash-col-name = Name
dash-col-consent = Consent
dash-col-stage = Stage

## One person
dash-field-consent = Consent
dash-field-stage = Stage
dash-field-champion = Champion
dash-field-supported-by = Supported by
dash-field-supports = Supports
dash-field-followup = Follow-up
dash-policy-version = { " " }(policy { $version })
dash-champion-yes = Champion
dash-champion-no = Not a champion
dash-nobody = Nobody
dash-none-open = None open
dash-next-due = Next due { $due }
dash-next-due-late = Next due { $due }, overdue by { $days ->
    [one] 1 day
   *[other] { $days } days
}
dash-history-heading = History ({ $n })
dash-history-unreadable = The history could not be read: { $reason }. Run tebiki verify.
dash-history-pairs = Supports { $id }
dash-history-unpairs = No longer supports { $id }
dash-recorded-by = by { $name }

## Follow-ups
dash-followups-summary = Hesitant, in parallel use or with a follow-up open: { $n } ({ $overdue } overdue)
dash-followups-none = Nobody is hesitant or in parallel use.
dash-col-due = Due
dash-col-note = Note
dash-overdue-days = { $due } +{ $days }d
dash-no-date = no date

## Champions
dash-champions-summary = Champions: { $n }   Hesitant or parallel without a champion: { $unsupported }
dash-champions-none = No champions yet: open a person and press c to make them one.
dash-supports-n = { $n ->
    [one] supports 1
   *[other] supports { $n }
}
dash-supports-n-shown = { $n ->
    [one] supports 1
   *[other] supports { $n }
}, { $shown } shown
dash-unsupported-heading = Hesitant or in parallel use, without a champion ({ $n })
dash-pick-a-person = Select the person to be supported (below a champion, or in the list without one).
dash-no-pairing = Nobody supports this person, so there is no pairing to end.

## Forms
dash-followup-title = Record a follow-up
dash-followup-intro = You talked with { $who }. What was it about, and when do you talk again?
dash-followup-note = Note:
dash-followup-due = Next due:
dash-followup-hint = Type the date as year, month and day (e.g. 2026-12-08 or 2026/12/8). Tab switches fields.
dash-due-invalid = “{ $typed }” is not a date: type the year, month and day, for example 2026-12-08. Nothing was saved yet.
dash-no-such-day = “{ $typed }” is not a real date: { $month } has only { $days } days. Nothing was saved yet.
dash-due-past = { $typed } is before today ({ $today }): choose today or a later day. Nothing was saved yet.
dash-due-far = { $typed } is more than a year ahead: choose a day up to { $limit }. Nothing was saved yet.
dash-stage-title = Record a stage change
dash-stage-intro = Where is { $who } now? Choose with ↑↓.
dash-stage-note = Note (optional):
dash-withdrawal-title = Withdrawal of consent
dash-withdrawal-intro = { $who } asked to withdraw their consent. Recording it ends the consent and sets their stage to opted out; they are then contacted the way they were before LINE WORKS.
dash-withdrawal-day = Asked on:
dash-withdrawal-note = Note (optional):
dash-withdrawal-hint = Type the day they asked as year, month and day (e.g. 2026-11-20). Tab switches fields; Enter records the withdrawal, Esc cancels.
dash-withdrawal-nothing = There is no consent to withdraw: this person has not given consent. Nothing was saved.
dash-withdrawal-already = There is no consent to withdraw: this person has withdrawn their consent already. Nothing was saved.
dash-withdrawal-before-consent = The day they asked cannot be before the consent was given ({ $given }): type the day they asked, { $given } or later. Nothing was saved yet.
dash-esc-again = Press Esc again to close the form and drop what you typed; Enter goes on.
dash-withdrawal-expired = Their consent was given on { $date } under an earlier policy version ({ $version }). It does not cover the current one, but they may still go by it: this withdrawal ends it, and its record names that version.
dash-withdrawal-uncertain = No consent to withdraw was found, but some of this person's records could not be used: their withdrawal is recorded all the same, and holds whatever those records show. Keep their request in writing too (what they asked, when), and run tebiki verify.
dash-attendance-title = Session attendance
dash-attendance-intro = Which session did { $who } attend, and on which day?
dash-attendance-session = Session:
dash-attendance-day = Day:
dash-attendance-note = Note (optional):
dash-attendance-hint = Type the day as year, month and day (e.g. 2026-11-20). Tab switches fields.
dash-session-missing = Type the name of the session (plain text, no control characters). Nothing was saved yet.
dash-day-invalid = “{ $typed }” is not a date: type the year, month and day, for example 2026-11-20. Nothing was saved yet.
dash-day-future = { $typed } is after today ({ $today }): choose today or an earlier day. Nothing was saved yet.
dash-day-long-ago = { $typed } is more than a year ago: choose a day from { $limit } on. Nothing was saved yet.
dash-pick-title = Assign a champion
dash-pick-intro = Who will support { $who }? Type to narrow the list of champions.
dash-pick-none = No champion matches. Make someone a champion first (open them and press c).
dash-field-cut = That was too long: only the first 200 characters were kept.
dash-field-cleaned = What you typed or pasted held control characters and was not entered. Type it again.

## After saving
dash-save-failed = Not saved (what you typed is kept): { $reason }
dash-stage-needs-consent = Using LINE WORKS on their own phone (parallel or migrated) needs the person’s consent under the current policy: ask them to go through the kiosk first.

## Confirming a record before it is written
dash-act-record = Record
dash-act-not-yet = Back
dash-stage-close-followup = Close the open follow-up with this change (Space)
dash-confirm-title = Record this?
dash-confirm-who = Person
dash-confirm-what = Record
dash-confirm-note = Note
dash-confirm-by = Recorded by
dash-confirm-followup-label = Follow-up
dash-confirm-followup-kept = stays open
dash-confirm-followup-closed = closed by this change
dash-confirm-permanent = The ledger keeps every record for good: it cannot be edited or deleted later. Enter records it; Esc goes back without recording.
dash-key-slash = /
dash-act-search = Search
dash-act-leave-search = Leave search

## Filters and order
dash-key-v = v
dash-key-o = o
dash-key-left-right = ←→
dash-act-filter = Filter
dash-act-sort = Order
dash-act-change = Change
dash-filter-title = Filter the lists
dash-filter-intro = The lists of every view show only the people who match. ↑↓ chooses a row, ←→ changes it.
dash-filter-department = Department
dash-filter-stage = Stage
dash-filter-consent = Consent
dash-filter-overdue = Follow-up
dash-filter-all = all
dash-filter-overdue-only = overdue only
dash-in-use-without-consent = { $n ->
    [one] 1 person uses their own phone (in parallel or moved over) without a consent in force: see tebiki report.
   *[other] { $count } people use their own phone (in parallel or moved over) without a consent in force: see tebiki report.
}
dash-filtered-by = Filter: { $filters } (v to change)
dash-filtered-by-lists = Filter of the lists: { $filters } (the figures here follow the department only; v to change)
dash-filter-pair = { $label } { $value }
dash-sorted-by = Order: { $order }
dash-sort-due = due date
dash-sort-name = name
dash-sort-department = department

## Voiding a mistaken record (v on a person's page)
dash-void-title = Correct a mistaken record
dash-void-intro = This record of { $who } was a mistake: it will be voided. The ledger keeps both the record and the correction.
dash-void-record-id = record id: { $id }
dash-void-note = Why (required):
dash-void-hint = Say why the record was a mistake. Enter shows what will be recorded; Esc cancels.
dash-void-note-missing = Say why the record was a mistake: the reason stays with it. Nothing was saved.
dash-void-nothing = There is no record to void.
dash-void-own-decision = Their own decision: only they can change it. Nothing was saved.
dash-void-a-void = A correction cannot itself be voided. Nothing was saved.
dash-void-already = Voided already (the reason is in the history). Nothing was saved.
dash-history-voided = voided: { $reason }
dash-history-voids = voids: { $what }
