# The admin side: roster import, exports, the coverage report, the demo organisation.

cli-roster-about = The list of employees expected to take part
cli-roster-import-about = Import the roster from a CSV file (English or Japanese headers; UTF-8 or Shift_JIS from Excel). Replaces the current roster only when every row is valid.
cli-roster-import-arg-file = The CSV file, with columns employee ID, name, department (optional) and email (optional)
cli-roster-import-arg-encoding = The file's encoding: utf-8 or cp932 (Shift_JIS). Detected when not given
cli-roster-import-arg-dry_run = Show who would be added, removed or changed, without importing
cli-roster-import-arg-yes = Import even when the file would take many people off the roster, or clear everyone’s department or email (it has no such column)
cli-export-about = Export the ledger, merged across every kiosk file, for HR, legal and scripts
cli-export-arg-format = csv (one row per record; add --excel for a file Excel opens with Japanese text intact), json (one document with checkpoints), jsonl (every record exactly as stored) or receipts (one ISO/IEC TS 27560 consent receipt per consent or withdrawal, JSON Lines)
cli-export-arg-output = Write to this file (replaced only when the export is finished) instead of standard output
cli-export-arg-since = Only what happened on or after this day (YYYY-MM-DD, local) or time (RFC 3339): the record's occurred_at, else when it was written
cli-export-arg-until = Only what happened on or before this day (YYYY-MM-DD, local) or time (RFC 3339): the record's occurred_at, else when it was written
cli-export-arg-status = Only consent records with this decision (given, refused, deferred), withdrawals (withdrawn), or stage records with this stage; several separated by commas
cli-export-arg-dept = Only records of this department, as each record names it (where the person was when it was made; the report counts people by the roster’s department). May be given more than once
cli-export-arg-excel = CSV for Excel: UTF-8 with a byte order mark (or Shift_JIS with --encoding cp932). Excel opening it by double-click reads ids such as 000123 as numbers (123): to keep them, use Data > From Text/CSV and set the ID column to Text
cli-export-arg-encoding = CSV encoding: utf-8 or cp932 (Shift_JIS, for Japanese Excel)
cli-report-about = Coverage against the roster, counts by consent state, stage and department, and overdue follow-ups
cli-report-arg-format = Output format
cli-report-arg-limit = How many people each list shows in the text form (0 shows everyone)
cli-demo-about = Write a realistic synthetic organisation (roster and ledger) for trying the admin side and for benchmarks
cli-demo-arg-employees = Number of employees
cli-demo-arg-seed = Seed: the same seed on the same day gives the same organisation (its history runs up to the start of that day)
cli-demo-arg-force = Write even though the data folder already has a ledger or roster (adds to the ledger, replaces the roster)

roster-progress = Reading the roster
roster-column-employee-id = employee ID
roster-column-name = name
roster-column-department = department
roster-column-email = email
roster-imported = Imported { $n ->
        [one] 1 employee
       *[other] { $count } employees
    } in { $nd ->
        [one] 1 department
       *[other] { $departments } departments
    } from { $file } ({ $encoding }).
roster-saved = Saved as { $path }.
roster-saved-replacing = Saved as { $path }, replacing the previous roster of { $n ->
        [one] 1 employee
       *[other] { $count } employees
    }.
roster-blank-rows = Skipped { $count } empty row(s).
roster-ignored-columns = these columns were not used: { $columns }
roster-error-workbook = the file is an Excel workbook (.xlsx or .xls), not CSV text
roster-error-utf16 = the file is UTF-16 (Excel’s “Unicode text”), which cannot be read as CSV
roster-error-encoding = the file is not valid { $encoding } text
roster-error-empty = the file is empty: there is no header row
roster-error-no-rows = the file has a header but no employees
roster-todo-semicolons = The file seems to separate its values with semicolons (;): save it again as CSV with commas (Excel: “CSV UTF-8 (comma delimited)”)
roster-error-missing-columns = the header has no column for: { $columns } (found: { $header })
roster-error-duplicate-column = two columns mean { $column }: “{ $first }” and “{ $second }”
roster-error-bad-rows = { $count } row(s) of the roster cannot be imported, so nothing was imported
roster-more-bad-rows = … and { $count } more row(s) with problems
roster-row-missing-id = the employee ID is empty
roster-row-missing-name = the name is empty
roster-row-duplicate = employee ID “{ $id }” is already on line { $line }
roster-row-line-break = the { $column } runs on over more than one line: a line break inside quotes, or a quote (") never closed, so that the lines after it were read as part of it
roster-row-unsafe = the { $column } contains an invisible or control character ({ $char }) at character { $at }: it may not show in Excel, but it is there
roster-row-too-long = the { $column } is { $chars } characters long; at most { $max } are allowed
roster-row-extra-fields = { $found } values, but the header has { $expected } columns (a comma inside a value must be in double quotes)
roster-row-missing-fields = { $found } value(s), but the header has { $expected } columns: add the missing commas (a value holding a line break must be in double quotes, or the row is split in two)
roster-row-open-quote = a double quote (") opened in this row is never closed, so the rest of the file was read as one value: close it, or remove it
roster-row-bad-email = “{ $email }” is not an email address
roster-row-unreadable = the row cannot be read as CSV
roster-todo-file = Check the file name, or save the roster from Excel as “CSV UTF-8 (Comma delimited)” and try again.
roster-todo-workbook = In Excel, choose File > Save As > “CSV UTF-8 (Comma delimited) (*.csv)”, then import that .csv file.
roster-todo-encoding-given = The file is not in the encoding given: save it from Excel as “CSV UTF-8 (Comma delimited)” and import it without --encoding.
roster-todo-encoding = Save the file from Excel as “CSV UTF-8 (Comma delimited)”, or say which encoding it is with --encoding utf-8 or --encoding cp932.
roster-todo-header = The first row must name the columns, e.g. “employee_id,name,department,email” or “社員番号,氏名,部署,メールアドレス”.
roster-todo-rows = Fix these rows in the file and import it again (the current roster has not changed).

export-progress = Exporting
export-standard-output = standard output
export-done = Exported { $written } of { $read } records from { $files } ledger file(s) to { $path }.
export-done-incomplete = Exported { $written } of the { $read } records that could be used, from { $files } ledger file(s), to { $path }: the export is INCOMPLETE (see the warnings; run tebiki verify).
export-csv-incomplete = INCOMPLETE EXPORT: not in this file: { $what } ({ $places }). Run tebiki verify, and export again once the ledger is repaired.
export-csv-incomplete-filtered = INCOMPLETE EXPORT: the ledger has { $what } ({ $places }), not used here: some of them may have matched this export's filters. Run tebiki verify, and export again once the ledger is repaired.
export-csv-left-withheld = { $n ->
    [one] 1 record
   *[other] { $count } records
} from a break in the chain of records onwards
export-csv-left-lines = { $n ->
    [one] 1 ledger line
   *[other] { $count } ledger lines
} that could not be read
export-csv-left-sealed = { $n ->
    [one] the records of 1 file as they were sealed (the file no longer holds them: its rows here may have been changed, and some may be missing)
   *[other] the records of { $count } files as they were sealed (the files no longer hold them: their rows here may have been changed, and some may be missing)
}
export-csv-left-untrusted = { $n ->
    [one] the check against the newest seal, which is missing or not signed by a trusted key
   *[other] the check against the newest seal, which is missing or not signed by a trusted key
}
export-csv-left-unchecked = { $n ->
   *[other] the check against the seals, for which no trusted seal key is set up (restore the file named, or check with the auditors' copy)
}
export-csv-left-signers = { $n ->
    [one] the check against seals signed by the key meant for 1 line of seal-signers that could not be read
   *[other] the check against seals signed by the keys meant for { $count } lines of seal-signers that could not be read
}
export-csv-left-odd = { $n ->
    [one] the records, if any, behind 1 entry of the ledger folder that is not a regular ledger file
   *[other] the records, if any, behind { $count } entries of the ledger folder that are not regular ledger files
}
export-csv-left-backdated = { $n ->
    [one] 1 record added after the latest seal yet dated before it
   *[other] { $count } records added after the latest seal yet dated before it
}
export-csv-left-future = { $n ->
    [one] 1 record dated in the future
   *[other] { $count } records dated in the future
}
export-csv-incomplete-more = and { $count } more
export-incomplete = the export is incomplete: { $count } ledger line(s) could not be read and are not in it
export-incomplete-withheld = the export is incomplete: { $count } record(s) from a break in the hash chain onwards were not used and are not in it
export-withheld-people = the records not used are about { $count } person(s): { $ids }
export-zero-ids = { $count } row(s) have an employee ID that starts with 0 (such as { $example }): Excel drops those zeros when the file is opened by double-click.
export-todo-zero-ids = To keep them, open the file in Excel with Data > From Text/CSV and set the ID columns (employee ID, ID as typed, supports) to Text.
export-unmappable = { $count } character(s) cannot be written in Shift_JIS and were replaced with 〓
export-cp932-changed = { $count } character(s) are written in Shift_JIS as another character (for example ¥ as \, ‾ as ~, − as －)
export-cp932-at = row { $row }, column { $column } ({ $header }): “{ $from }” becomes “{ $to }”
export-cp932-more = … and { $count } more
export-todo-unmappable = For an exact file, use --excel without --encoding (UTF-8 with a byte order mark opens in Excel too).
export-error-date = “{ $value }” is not a date (YYYY-MM-DD) or a time (RFC 3339, e.g. 2026-11-23T09:00:00+09:00)
export-error-no-such-day = “{ $value }” is not a real date: { $month } has only { $days } days
export-todo-range = Give --since a day or time before --until's (--since is the first day included, --until the last).
export-error-range = --since is after --until, so nothing could match
export-todo-date = Give dates as YYYY-MM-DD (a whole day in the local time zone) or a full time such as 2026-11-23T09:00:00+09:00.
export-error-csv-options = { $options } { $n ->
    [one] only applies
   *[other] only apply
} to --format csv
export-todo-csv-options = Use --format csv, or leave { $options } out for this format.
export-error-excel-terminal = a file for Excel would not display properly in the terminal
output-error-own-file = this would replace one of tebiki's own files in its data folder (settings, roster, codes, seals) or be read as part of the ledger
todo-output-own-file = Give another file, e.g. -o ~/consent.csv.
export-todo-output = Give a file with -o, e.g. -o consent.csv, and check that its folder exists and is writable.

report-progress = Reading the ledger
report-title = Onboarding report, { $time } ({ $tz })
report-sources = Ledger: { $records } records in { $files } file(s) · { $employees } people · policy { $policy }
report-sources-roster = Ledger: { $records } records in { $files } file(s) · { $employees } people ({ $roster } on the roster, { $extra } only in the ledger) · policy { $policy }
report-duplicates = { $count } record(s) appear in more than one file and were counted once.
report-incomplete = the report is incomplete: { $count } ledger line(s) could not be read
report-incomplete-withheld = the report is incomplete: { $count } record(s) from a break in the hash chain onwards were not used
report-withheld-people = the records not used are about { $count } person(s), whose state in this report may be missing records: { $ids }
report-coverage = ■ Coverage against the roster ({ $n ->
    [one] 1 person
   *[other] { $people } people
})
report-coverage-no-roster = ■ Coverage against the roster
report-reached = Been through onboarding
report-never = Never onboarded
report-reached-undecided = Been through onboarding but not decided yet: { $count } (listed below).
report-no-roster = No roster imported: import one with “tebiki roster import FILE.csv” to see who has never been through onboarding.
report-not-on-roster-count = { $n ->
        [one] 1 person in the ledger is not on the roster.
       *[other] { $count } people in the ledger are not on the roster.
    }
report-consent = ■ Consent (shares of { $n ->
    [one] 1 person
   *[other] all { $people } people
})
report-consent-none = never decided
report-consent-given = consent given
report-consent-deferred = not now
report-consent-refused = declined
report-consent-withdrawn = withdrawn
report-consent-expired = expired
report-stage = ■ Migration stage (shares of { $n ->
    [one] 1 person
   *[other] all { $people } people
})
report-stage-not_started = not started
report-stage-informed = informed
report-stage-hesitant = hesitant
report-stage-parallel = using both
report-stage-migrated = moved over
report-stage-opted_out = opted out
report-champions = Champions: { $count }
report-followups = ■ Follow-ups: { $open } open, { $overdue } overdue
report-departments = ■ By department ({ $n ->
    [one] 1 person
   *[other] all { $people } people
})
report-col-department = Department
report-col-employees = People
report-col-reached = Reached
report-col-given = Given
report-col-deferred = Not now
report-col-refused = Declined
report-col-withdrawn = Withdrawn
report-col-parallel = Using both
report-col-migrated = Moved over
report-col-overdue = Overdue
report-col-expired = Expired
report-no-department = (no department)
report-overdue-list = ■ Overdue follow-ups ({ $count }, oldest first)
report-person-withheld = [some records withheld: may be incomplete]
report-days = { $n ->
    [one] 1 day late
   *[other] { $days } days late
}
report-never-list = ■ Never onboarded ({ $count })
report-undecided-list = ■ Been through onboarding, not decided yet ({ $count }; no follow-up first)
report-undecided-none = no follow-up open
report-undecided-open = follow-up open, no due date
report-undecided-due = follow-up due { $due }
report-undecided-overdue = follow-up overdue since { $due }
report-not-on-roster-list = ■ In the ledger but not on the roster ({ $count })
report-unverified-list = ■ Decided without an identity check (name and department as typed) ({ $count })
report-in-use-list = ■ Using their own phone without a consent in force ({ $count })
report-decide-again-list = ■ Consent expired with a new policy version: to decide again ({ $count })
report-newer-policy = Note: { $n ->
    [one] 1 consent counted as given was
   *[other] { $count } consents counted as given were
} given to a later policy version than the content this report was made with ({ $version }). If the kiosks show newer content, make the report with that content (--content).
report-decide-again-version = agreed to { $version }
report-read-quickly-list = ■ Decided after passing a screen quicker than skimming (worth a talk; never held against anyone) ({ $count })
report-more = … and { $count } more (--format json lists everyone, --limit 0 shows all)
report-error-roster = the stored roster cannot be read: { $detail }
report-todo-roster = Import the roster again with “tebiki roster import FILE.csv”.
report-todo-output = Check where the output goes (free disk space, the program reading it) and run the report again.

demo-progress = Writing the demo organisation
demo-done = Wrote { $records } records for { $employees } employees into { $files } ledger files in { $dir } ({ $seconds } s).
demo-roster = Roster: { $path }
demo-next = Try “tebiki report”, or “tebiki export --format csv --excel -o demo.csv”. Demo records are marked "demo": true.
demo-error-not-empty = this data folder already has a ledger or a roster; demo records would be mixed into it
demo-todo-not-empty = Use an empty folder with --data DIR, or add --force to add the demo records anyway (the roster is replaced).
roster-row-bad-id = the employee ID cannot be used: { $why }
cli-roster-codes-about = Issue personal codes for identity = "code": printed once (slips to hand out, or a list), kept only as hashes
cli-roster-codes-arg-ids = Issue new codes for these employee IDs only (their earlier codes stop working); default: everyone on the roster without a code
cli-roster-codes-arg-all = Issue new codes for everyone on the roster (every earlier code stops working)
cli-roster-codes-arg-format = slips (one per person, to cut out) or list (CSV for HR)
cli-roster-codes-arg-output = Write the codes to FILE instead of the screen (they are shown only this once)
codes-error-no-roster = personal codes are issued for the people on the roster, and none is imported
codes-todo-no-roster = Import the roster first: “tebiki roster import FILE.csv”.
codes-none-needed = Everyone on the roster already has a code. To issue again, name the IDs or use --all.
codes-slip = { $org }  Personal code for the LINE WORKS explanation terminal
    { $name } (employee ID { $id })   code: { $code }
    Type it after your employee ID. Keep it to yourself; ask HR for a new one if it is lost.
codes-error-save = the codes were printed, but their hashes could not be saved: { $reason }
codes-todo-save = The printed codes will not work: fix the data folder, then issue them again.
codes-error-cut-short = the codes were not saved: their output could not be written whole ({ $reason }), so none of the codes shown works
codes-reason-reader-gone = the program reading it stopped before the end
codes-todo-cut-short = Issue them again with the whole output going to the terminal or to a file (-o FILE).
codes-issued = { $count } personal codes issued; their hashes are in { $file }. The codes themselves are not kept anywhere: hand out the slips now.
codes-issued-list = { $count } personal codes issued; their hashes are in { $file }. The codes themselves are not kept anywhere else: give each person their code from this list, then delete the list.

## export columns (--labels) and their coded values
export-col-at_utc = when written (UTC)
export-col-at_local = when written (local time)
export-col-occurred_at = when it happened (UTC)
export-col-occurred_at_local = when it happened (local time)
export-col-occurred_on = day it happened
export-col-employee_id = employee ID
export-col-id_as_entered = ID as typed
export-col-employee_name = name
export-col-department = department
export-col-verified = identity checked by
export-col-type = record
export-col-decision = decision
export-col-stage = migration stage
export-col-due = next follow-up due
export-col-active = started (champion or pairing)
export-col-supports = supports (ID)
export-col-supports_name = supports (name)
export-col-requested_by = requested by
export-col-requested_on = day asked
export-col-other_purposes = other purposes
export-col-reasons = reasons
export-col-acknowledged = confirmed before agreeing
export-col-alternative_chosen = alternative chosen
export-col-alternative_offered = alternative offered
export-col-policy_id = policy
export-col-policy_version = policy version
export-col-renews_policy_version = renews consent to version
export-col-renews_decided_at = earlier decision (UTC)
export-col-renews_decided_at_local = earlier decision (local time)
export-col-content_sha256 = content shown (SHA-256)
export-col-languages = languages shown
export-col-slides = slides shown
export-col-fast_screens = screens passed quicker than skimming
export-col-unread_screens = screens not read to their end
export-col-check_questions = check: questions
export-col-check_correct = check: correct
export-col-check_first_try = check: correct first time
export-col-check_attempts = check: answers given
export-col-ui_language = language of the decision
export-col-method = how
export-col-mode = terminal mode
export-col-via = entered with
export-col-session = session
export-col-recorded_by = recorded by
export-col-on_roster = on the roster
export-col-action = next step
export-col-receipt = receipt code
export-col-withdraw_how = how to withdraw (as told)
export-col-note = note
export-col-voids = cancels record
export-col-demo = demo data
export-col-app_version = tebiki version
export-col-kiosk = terminal
export-col-seq = record number
export-col-record_id = record ID
export-col-purpose = purpose: { $purpose }
export-value-yes = yes
export-value-no = no
export-verified-roster = roster name confirmed
export-verified-code = personal code
export-requested-by-employee = the employee
export-alternative-not-now = not now
export-alternative-no = no
export-alternative-keep-current-channel = keep the current way of being contacted
export-lang-ja = Japanese
export-lang-en = English
export-method-kiosk = at a kiosk
export-method-trainer-session = in a session
export-method-trainer = in a session
export-method-admin = by an admin
export-mode-attended = attended
export-mode-kiosk = kiosk (alone)
export-mode-present = trainer's slides
export-via-cli = command line
export-via-dashboard = dashboard
export-action-decide-at-kiosk = decide at a kiosk
export-error-labels = there are no words in “{ $lang }” for --labels (available: { $langs })
export-todo-labels = Use --labels with one of the available languages, or leave it out for the stable column keys.
export-unknown-dept = --dept “{ $dept }” matches no department of the roster or the ledger; known: { $known }
export-todo-dept-each = To choose several departments, give --dept once for each: { $each }
export-todo-dept-comma = Give the name without the comma: { $each }
export-todo-dept = Check the spelling against the departments listed (full- and half-width and surrounding spaces do not matter).
export-unknown-status = --status “{ $status }” is not a status tebiki knows, so it matches no record; known: { $known }
export-receipts-unset = the receipts say null for what config.toml does not set: { $keys } (who is responsible for the records, how long they are kept)
export-todo-receipts-unset = Set them in config.toml (“tebiki config check” lists what is missing) and export again.
export-todo-status = Use one of the statuses listed (several separated by commas, e.g. --status given,deferred). --status picks records; who stands where now (whose consent expired, who never decided) is in “tebiki report” (--format json: decide_again, never_onboarded).
cli-export-arg-labels = Headings and coded values in words of this language (ja or en) for people; without it, the stable keys scripts rely on
roster-read = Read { $n ->
        [one] 1 employee
       *[other] { $count } employees
    } from { $file } ({ $encoding }).
roster-changes = Compared with the current roster: { $added } added, { $removed } removed, { $changed } changed.
roster-added = Added:
roster-removed = Removed:
roster-changed = Changed:
roster-changes-more = … and { $count } more
people-more = … and { $count } more
roster-empty-value = (empty)
roster-dry-run = Dry run: nothing was imported; the current roster is unchanged.
roster-previous-unreadable = the roster stored now could not be read ({ $detail }): the changes below are counted as if there were none, and it is replaced
roster-zeros-dropped = { $file } has { $count } { $n ->
    [one] ID
   *[other] IDs
} of the roster in place without leading zeros (e.g. { $before } as { $after }), as a spreadsheet writes IDs it took for numbers: importing would take { $n ->
    [one] that person
   *[other] those people
} off the roster and add them again under another ID, no longer matching their records. Save the ID column as text (or export the roster from its source again).
roster-many-removed = { $file } would take { $removed } of the { $old } people off the roster (it lists { $rows }): is it the whole roster, not part of it?
roster-column-absent = { $file } has no { $column } column: importing it would clear the { $column } of { $count } people
roster-short-row = { $file }:{ $line } has only { $n ->
    [one] one value
   *[other] { $found } values
}, fewer than the header: it is read with no { $columns }. If that is not meant, add the missing values (or commas) to the row.
roster-short-row-join = { " or " }
roster-short-rows-more = … and { $more } more rows with fewer values than the header
roster-split-row = { $file }: lines { $first } and { $second } have fewer values than the header and together one more: most likely one row split in two by a line break inside a value not in double quotes, and line { $second } would add a person with the id “{ $id }”
roster-todo-losses = Nothing was imported (the current roster is unchanged). See every change with --dry-run; if the file is right, import it again with --yes.
roster-waiting = Waiting for another roster import in this data folder to finish…
roster-error-busy = another roster import in this data folder has not finished after a minute
roster-todo-busy = Wait for the other import to finish (or stop it), then import again; the current roster has not changed.
demo-not-on-roster = { $count } more people are in the ledger but not yet on the roster (recent hires, as in a real organisation).
export-col-followup = open follow-up
export-followup-kept = stays open
