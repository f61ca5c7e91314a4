# The command line: help texts, messages, errors (what, where, what to do).

cli-about = A guided onboarding for using LINE WORKS on your own smartphone. Without a command: the employee flow (attended).
cli-after-help = Data folder: { $dir } (created on first use; change it with --data or TEBIKI_DATA).
cli-arg-data = Data folder (config.toml, roster.csv, ledger/)
cli-arg-content = Folder with content/ and locales/ to use instead of the built-in ones
cli-arg-lang = Language: ja or en (default: config, then the system language, then ja)
cli-arg-ambiguous_width = How the terminal draws East Asian ambiguous-width characters (box drawing, arrows, bullets): auto (ask it at start-up; narrow if it does not answer), narrow, or wide (default: config, then auto)
cli-status-about = One employee: current consent state and full history
cli-admin-about = The admin and trainer dashboard: coverage, where everyone stands, follow-ups and champions; records stage changes, follow-ups and pairings
cli-admin-arg-by = Your name, recorded with every change you make (asked at the start when not given)
cli-status-arg-id = Employee ID
cli-status-arg-format = Output format
cli-verify-about = Check the integrity of every ledger file (exit 0 only when all is intact)
cli-verify-arg-checkpoint = A checkpoint (from an earlier verify) that the ledger must still extend
cli-verify-arg-format = Output format
cli-content-about = Content tools
cli-content-check-about = Validate content and locales (parity, placeholders, parse errors)

error-label = error
warning-label = warning
error-where = where
error-io = { $reason }
error-config = config.toml is not valid: { $reason }
error-locales = a locale file could not be read: { $detail }
error-unknown-lang = unknown language “{ $lang }” (available: { $langs })
error-no-terminal = the employee flow needs an interactive terminal
error-ledger-busy = another process kept the ledger file locked too long
error-kiosk-running = another tebiki is already running as this kiosk
error-kiosk-id = the kiosk id “{ $id }” cannot be used as a file name (use letters, digits, . _ -)
error-checkpoint = the checkpoint file is not valid (expected lines “<file> <seq> <sha256>”, or what tebiki verify or export --format json wrote)
todo-lang = Use --lang with one of the available languages.
todo-config = Fix that line of config.toml, or delete the file to get a fresh default one.
todo-data-folder = Check that the data folder exists and is writable, or choose another with --data.
todo-content-check = Run “tebiki content check” to see every problem in the content.
todo-terminal = Run tebiki in a terminal window (not through a pipe).
todo-verify = Run “tebiki verify” to find and locate damage in the ledger.
todo-checkpoint = Give the file that an earlier “tebiki verify” printed or saved.
todo-report-bug = This should not happen: please report it with the command you ran.
error-ledger-not-file = the ledger file is { $kind ->
    [link] a symbolic link
    [dir] a folder
    [fifo] a named pipe
   *[other] a special file
  }, not an ordinary file; tebiki does not write to it
todo-ledger-not-file = Move it out of the ledger folder (keep it: it may be evidence) and start again; tebiki then creates an ordinary file.
error-ledger-seq-end = this ledger file has reached the largest sequence number; nothing more can be appended to it
todo-ledger-seq-end = Run “tebiki verify”, then give this terminal a new kiosk_id in config.toml so that it starts a new file.
error-arg-not-utf8 = an argument is not valid UTF-8 text: { $arg } (� marks the bytes that are not)
todo-arg-not-utf8 = Type the argument again as UTF-8 text; a file name with such bytes needs renaming first.
error-ledger-tail = the last line of this ledger file is not an intact record, so nothing can be appended after it
warning-unreadable-line = a ledger line could not be read and was skipped: { $place }

content-ok = Content OK: { $screens } screens in { $langs } languages, locales complete.
content-issues = { $count } problem(s) found.
issue-missing = file missing
issue-unreadable = cannot be read: { $reason }
issue-parse = cannot be parsed: { $reason }
issue-no-title = the screen has no title (the first line must be “# Title”)
issue-placeholder = unknown placeholder {"{"}{ $name }{"}"}
issue-unmatched = { $what } “{ $id }” is not in both the manifest and this file
issue-option-count = question “{ $id }” has { $found } options, the manifest says { $expected }
issue-bad-answer = question “{ $id }”: the answer is not one of its options
issue-unknown-screen = no screen “{ $id }” in the manifest
issue-duplicate-id = the id “{ $id }” is used twice
issue-directive = cannot be read: { $reason }
issue-missing-rule = question “{ $question }” is explained here, but the screen does not mark its rule: put <!-- rule: { $question } --> before the text that states it (screen “{ $screen }”)
issue-no-languages = no language folders in content/
issue-locale-missing = message “{ $id }” is missing in { $lang } (defined at { $defined })
issue-locale-vars = message “{ $id }” in { $lang } uses other variables ({ $vars }) than the other languages

status-who = { $id }  { $name }  { $dept }
status-consent = Consent: { $label } ({ $state }), policy { $version }
status-stage = Stage: { $label } ({ $stage })
status-champion = Champion; supports: { $supports }
status-supported-by = Supported by champion { $champion }
status-followup = Open follow-up, due { $due }: { $note }
status-by = {"  "}by { $name }
status-history = History:
status-no-records = No records for this ID yet.

verify-folder = Ledger folder: { $dir }
verify-no-files = No ledger files yet.
verify-file = { $file }: { $records } records, { $range }
verify-recovered = { $place }: recovered a torn tail of { $bytes } bytes at offset { $offset } (saved as { $saved })
verify-duplicates = { $count } record(s) appear in more than one file with identical content (counted once).
verify-intact = Intact: { $records } records in { $files } file(s).
verify-damaged = DAMAGED: { $count } finding(s). Keep a copy of the ledger folder as it is and tell the administrator.
finding-chain-break = chain break: “prev” is not the SHA-256 of the line before (a line was changed, removed or inserted)
finding-seq-gap = seq gap: expected { $expected }, found { $found }
finding-unparseable = not a valid JSON record
finding-bad-envelope = the envelope is not valid at “{ $key }”
finding-torn-tail = torn tail: { $bytes } bytes at offset { $offset } without a line end (recovered by the next writer)
finding-kiosk-mismatch = record of kiosk “{ $found }” in the file of “{ $expected }”
finding-conflict = id { $id } also at { $other } with different content
finding-recovery-mismatch = a recovery record names another offset than its own
finding-checkpoint-not-extended = the file no longer extends the checkpoint at seq { $seq }
finding-checkpoint-file-missing = a file named in the checkpoint (up to seq { $seq }) is missing
finding-unreadable = cannot be read ({ $kind })
todo-kiosk-running = Close the other tebiki window, or give this terminal its own kiosk_id in config.toml.

cli-kiosk-about = The employee flow, locked: leaving needs the admin PIN (F10 on the welcome screen); idle reset
cli-pin-about = The admin PIN
cli-pin-set-about = Set the admin PIN (asked twice without echo; two lines from stdin when it is not a terminal)
error-no-pin = a kiosk cannot start without an admin PIN (it is what lets staff leave it)
todo-pin-set = Run “tebiki pin set” first.
error-id-pattern = employee_id_pattern in config.toml is not a valid pattern: { $reason }
pin-enter = New admin PIN
pin-again = The same PIN again
error-pin-format = the PIN must be at least { $min } digits (0–9 only)
error-pin-mismatch = the two PINs are not the same
error-pin-weak = the PIN is too easy to guess (one digit repeated, a run like 123456 or 987654, or a repeated pattern like 121212)
cli-pin-unlock-about = Clear a PIN lock after wrong tries (kiosk and dashboard); run it at this machine
pin-unlock-done = The PIN lock is cleared: the admin PIN can be tried again at once.
pin-unlock-none = There was no PIN lock to clear.
todo-pin-again = Run “tebiki pin set” again.
pin-set-done = Admin PIN set (only its hash is stored, in { $file }).

cli-usage = Usage
cli-commands = Commands
cli-options = Options
cli-arguments = Arguments
cli-help = Print help
cli-version = Print the version
identity-mode-started = Identity check at this terminal: { $mode }
identity-mode-open = open (ID, name and department as typed, not checked against the roster)
identity-mode-roster = roster (only IDs on the roster; the person confirms the roster’s name)
identity-mode-code = personal code (IDs on the roster, and each person’s code from “tebiki roster codes”)
error-identity-no-roster = identity = "{ $mode }" needs a roster, and none is imported
todo-identity-no-roster = Import the roster with “tebiki roster import FILE.csv”, or set identity = "open" in config.toml.
error-identity-no-codes = identity = "code" needs personal codes, and none have been issued
todo-identity-no-codes = Issue them with “tebiki roster codes -o slips.txt” and hand each person their slip.
cli-config-about = The organisation's settings in config.toml
cli-config-check-about = List the settings people rely on that are unset, and values that are not valid (a kiosk does not start while any is unset)
config-unset = { $key } is not set: { $what }
config-key-org-allowance-yen = the monthly communication allowance in yen (0 = none)
config-key-org-wifi-places = where Wi-Fi for employees is available ("" = nowhere)
config-key-org-notify-window = an example of a daily notification window, e.g. "9:00–20:00"
config-key-org-lost-contact = whom to report a lost phone to
config-key-org-contact = whom to ask, and to withdraw consent
config-key-org-controller = who is responsible for the records (the controller)
config-key-org-retention = how long the records are kept
config-bad-pin-hash = admin_pin_hash is not a PIN hash tebiki made: run “tebiki pin set”
config-all-set = Every setting people rely on is set ({ $file }).
config-findings = { $file }: { $count } settings to fix
error-kiosk-unset = a kiosk shows people the organisation's values, and these are not set: { $keys }
todo-kiosk-unset = Set them in config.toml (“tebiki config check” explains each), or run “tebiki” with staff present, where people are told whom to ask instead.
cli-env = environment variable: { $name }
cli-default = default: { $value }
cli-values = possible values: { $values }
cli-error-missing-value = { $arg } needs a value
cli-error-invalid-value = "{ $value }" is not a valid value for { $arg }
cli-error-invalid-value-choices = "{ $value }" is not a valid value for { $arg } (possible values: { $values })
cli-error-unknown-arg = Unknown option { $arg }
cli-error-unexpected = Unexpected argument { $arg }
cli-error-unknown-command = Unknown command "{ $command }"
cli-error-missing-required = Missing: { $args }
cli-error-missing-command = A command is needed here: { $commands }
cli-error-conflict = { $arg } cannot be used together with { $other }
cli-error-value-count = Wrong number of values for { $arg }
cli-error-utf8 = An argument is not valid UTF-8 text
cli-error-other = The command line could not be read
cli-error-suggest = Did you mean { $value }?
cli-todo-help = Run "{ $command } --help" to see what it takes.
