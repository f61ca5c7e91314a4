# The command line: help texts, messages, errors (what, where, what to do).

cli-about = A guided onboarding for using LINE WORKS on your own smartphone. Without a command: the employee flow (attended).
cli-after-help = Data folder: { $dir } (created on first use; change it with --data or TEBIKI_DATA).
cli-arg-data = Data folder (config.toml, roster.csv, ledger/)
cli-arg-content = Folder with content/ and locales/ to use instead of the built-in ones
cli-arg-lang = Language: ja or en (default: config, then the system language, then ja)
cli-arg-ambiguous_width = How the terminal draws East Asian ambiguous-width characters (box drawing, arrows, bullets): auto (ask it at start-up; narrow if it does not answer), narrow, or wide (default: config, then auto)
cli-status-about = One employee: current consent state and full history
cli-admin-about = The admin and trainer dashboard: coverage, where everyone stands, follow-ups and champions; records stage changes, follow-ups and pairings (also run as “tebiki dashboard”)
cli-admin-arg-by = Your name, recorded with every change you make (asked at the start when not given)
cli-status-arg-id = Employee ID
cli-status-arg-format = Output format
cli-verify-about = Check the integrity of every ledger file (exit 0 only when all is intact)
cli-verify-arg-checkpoint = A checkpoint (from an earlier verify) that the ledger must still extend
cli-verify-arg-seals = Another folder of seals to check (e.g. the copy kept off the machine), besides $DATA/seals
cli-verify-arg-signers = Trusted seal keys, OpenSSH allowed_signers format (default: $DATA/seal-signers)
cli-verify-arg-receipt = A receipt's line (from its QR code), or its receipt code and record fingerprint: does the ledger still hold exactly that record?
cli-seal-about = Sign a seal of every ledger file (an OpenSSH signature that ssh-keygen -Y verify checks)
cli-seal-arg-key = The Ed25519 private key in OpenSSH format (ssh-keygen -t ed25519), kept outside the data folder
cli-seal-arg-despite_findings = Exit 0 even when the ledger has findings (“tebiki verify”), once someone has looked into them; they are sealed either way
cli-verify-arg-format = Output format
cli-content-about = Content tools
cli-content-check-about = Validate content and locales (parity, placeholders, parse errors)

error-label = error
warning-label = warning
error-where = where
error-io = { $reason }
error-terminal-io = the terminal could not be read or written
error-terminal-io-code = the terminal could not be read or written (system error code { $code })
io-not-found = the file or folder does not exist
io-permission = this user is not allowed to read or write the file or folder
io-full = the disk is full
io-exists = a file of that name already exists
io-read-only = the file or folder is on a disk that cannot be written to
io-invalid-data = the file is not text in UTF-8, or is damaged
io-is-dir = this is a folder, where a file was expected
io-not-file = this is a device, a pipe or another special file, where a file was expected
io-not-dir = part of the path is a file, where a folder was expected
io-busy = the file is in use by another program
io-network = the shared folder or network could not be reached
io-other = the file or folder could not be read or written
io-other-code = the file or folder could not be read or written (system error code { $code })
todo-io-not-found = Check the path, or create the folder or file first (the data folder is chosen with --data, a file to write with -o).
todo-io-permission = Ask an administrator to give this user access, or choose a place this user may write to (the data folder with --data, a file to write with -o).
todo-io-full = Free some space on the disk, then try again.
todo-io-exists = Choose another file name, or move the existing file away first.
todo-io-read-only = Choose a folder on a disk that can be written to, or make the disk writable.
todo-io-invalid-data = Save the file as UTF-8 text (in Excel: “CSV UTF-8”) and try again.
todo-io-is-dir = Give the path of a file, not of a folder.
todo-io-not-file = Give the path of an ordinary file (it is created, or replaced whole). To pass the output to another program, write to standard output instead.
todo-io-busy = Close the other program that uses the file, then try again.
todo-io-network = Check the network connection and the shared folder, then try again.
todo-io-other = Check the data folder and try again; if it happens again, tell your administrator the message and the file.
error-ledger-corrupt-tail = the last line of the ledger file is not a record, so nothing can be added after it
error-ledger-chain-broken = this terminal's ledger file breaks its hash chain here (a line was changed, removed or inserted): the readers use nothing of it from the line before on, so a record made here now would be saved and never used. Nothing is recorded
todo-ledger-chain-broken = Keep the file as it is and run “tebiki verify”; to go on recording, give this terminal another kiosk_id in config.toml (it then writes a new ledger file).
error-ledger-record-invalid = the record could not be written: it is not in the form the ledger expects
error-config = config.toml is not valid: { $reason }
config-unknown-key = there is no setting “{ $key }” in this table; its settings are: { $known }
config-unknown-value = “{ $value }” is not a value this setting takes; it takes: { $known }
config-wants-text = this setting takes text in double quotes, for example "Sample Co."
config-wants-number = this setting takes a whole number, 0 or more, without quotes, for example 90
config-wants-switch = this setting takes true or false, without quotes
config-not-toml = it cannot be read as TOML ({ $words })
config-remote-wipe-free-plan = remote_wipe = true, but plan = "free": LINE WORKS deletes its data from a lost phone only on paid plans, so people would be asked to agree to something the company cannot do. Set plan = "paid" if the company has a paid plan, or remove remote_wipe
config-unknown-time-zone = “{ $zone }” is not a time zone; use an IANA name such as "Asia/Tokyo"
error-locales = a locale file could not be read: { $detail }
error-unknown-lang = unknown language “{ $lang }” (available: { $langs })
error-no-terminal = the employee flow needs an interactive terminal
error-clock-behind-seal = this machine's clock ({ $now }) is more than a minute behind the newest seal (made at { $seal_at }): a record saved now would be dated before a seal it follows, and would not be used. Nothing was saved
todo-clock-behind-seal = Set this machine's clock right (turn on time synchronisation, NTP), then try again. If the seal's time is the wrong one, fix the sealing machine's clock.
error-ledger-busy = another process kept the ledger file locked too long
error-kiosk-running = another tebiki is already running as this kiosk
error-kiosk-id = the kiosk id “{ $id }” cannot be used as a file name (use letters, digits, . _ -)
error-checkpoint = the checkpoint file is not valid (expected lines “<file> <seq> <sha256>”, or what tebiki verify or export --format json wrote)
error-checkpoint-empty = the checkpoint file names no ledger file, so it would check nothing (is it the whole file that was saved?)
error-seal-key = the seal key could not be read: { $reason }
error-seal-key-not-file = the seal key is not a file (a folder, a device or another kind of entry)
error-seal-key-format = the seal key is not an OpenSSH private key (as “ssh-keygen -t ed25519” writes it)
error-seal-key-in-data = the seal key is inside the data folder: whoever can read the data folder (the kiosk account) could sign a rewritten ledger
error-seal-key-open = the seal key can be read by other accounts (mode { $mode }): whoever can read it could sign a rewritten ledger
error-signers-line = this line of the trusted signers is not an allowed_signers line with a public key that can be read
error-seal-key-encrypted = the seal key is protected by a passphrase, which an unattended timer cannot give
error-seal-key-type = the seal key is not an Ed25519 key
error-seal-key-public = this is the public key (the .pub file): sealing needs the private key beside it
error-seal-exists = a seal for this second already exists
error-seals-dir = the seals folder does not exist
error-no-data-folder = there is no data folder here
todo-no-data-folder = Check --data (or TEBIKI_DATA): this command reads a data folder that exists. tebiki makes one when a terminal first runs.
error-receipt-text = this is neither a receipt line (“tebiki-receipt:1:<kiosk>:<seq>:<sha256>:<code>”, the text of its QR code) nor a receipt code (such as NF5M-EHCQ, with the record fingerprint after it if you have it, at least 8 of its digits)
todo-lang = Use --lang with one of the available languages.
todo-config = Fix that line of config.toml (“tebiki config check” checks it again). Do not delete the file: it holds this terminal’s kiosk_id, which names its ledger file, the admin PIN and the organisation’s values.
todo-data-folder = Check that the data folder exists and is writable, or choose another with --data.
todo-content-check = Run “tebiki content check” to see every problem in the content.
todo-terminal = Run tebiki in a terminal window (not through a pipe).
todo-verify = Run “tebiki verify” to find and locate damage in the ledger.
todo-verify-receipt = Run “tebiki verify” to locate the damage. Should it find none without seals, the file was changed in a way the chain alone cannot show (cut short, or rewritten with its chain computed again): check it against the seals kept elsewhere (“tebiki verify --seals DIR”).
todo-checkpoint = Give the file that an earlier “tebiki verify” printed or saved.
todo-seal-key = Give an unencrypted Ed25519 key made by “ssh-keygen -t ed25519 -N '' -f FILE”, readable only by the account that seals.
todo-seal-key-in-data = Keep the key outside the data folder, readable only by the account that seals (see README, “Seals”).
todo-seal-key-open = Make it readable only by its owner (chmod 600 FILE), as ssh itself requires of a private key.
todo-seal-findings = Run “tebiki verify” to see them. Once someone has looked into them, --despite-findings seals with exit 0.
todo-seal-again = Run “tebiki seal” again in a second.
todo-signers = Give an allowed_signers file (“NAME namespaces="tebiki-seal" ssh-ed25519 AAAA…”), or leave out --signers to use $DATA/seal-signers.
todo-signers-data = Correct that line to an allowed_signers line (“NAME namespaces="tebiki-seal" ssh-ed25519 AAAA…”; tebiki seal prints the one for its key), or remove it. Until then the readers leave it out and say so.
todo-seals-dir = Give the folder that holds the copied seals (*.json and *.json.sig).
todo-receipt-text = Give the text of the receipt’s QR code exactly as a phone reads it, or the receipt code and the record fingerprint as the receipt shows them, in quotes.
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
warning-chain-break = the chain of records breaks at { $place }: this line or the one before it was changed, added or removed
warning-seq-gap = the record numbers jump at { $place } (expected { $expected }, found { $found }): records were removed, added or renumbered
warning-withheld = { $n } record(s) from { $place } to line { $last } were not used: from the line before a break in the chain on, a record cannot be told apart from a changed one
warning-repeated-key = a key appears twice in one record at { $place } (“{ $key }”): programs could read either value, so the record was not used
warning-seal-mismatch = { $file } no longer holds what { $seal } sealed up to its record { $seq } (the file is gone, shorter, or that record changed): records sealed may have been changed or removed since
left-out-sealed = { $count } ledger file(s) no longer match the latest seal: what follows may rest on records changed or removed since they were sealed
warning-seal-not-trusted = the newest seal, { $seal }, is not vouched for by the trusted seal keys (seal-signers): its signature is missing or by another key, or it is not the seal its name says. Seals may have been replaced to hide a rewrite: run tebiki verify (with the auditors' copy of the seals: --seals)
warning-seal-no-signers = the ledger is sealed (the newest seal is { $seal }), but no trusted seal key is set up ({ $file } is missing or lists no key), so what the seals vouch for is not checked. If that file was deleted, records may have been changed since: run tebiki verify with the auditors' copy of the keys (--signers). If sealing was only just set up, add the line tebiki seal printed to { $file }
warning-signers-line = { $place } is not an allowed_signers line with a key that can be read (“NAME namespaces="tebiki-seal" ssh-ed25519 AAAA…”): it was not used, so a key meant to be trusted may be missing. Fix the line (tebiki verify refuses the file until then)
warning-no-seal = no seal was found in { $dir }, although trusted seal keys are set up (seal-signers): the seals may have been deleted with a rewrite. Run tebiki verify --seals with the auditors' copy; if sealing was only just set up, run tebiki seal once
left-out-untrusted = the newest seal could not be checked (none was found, or it is not signed by a trusted key): what follows may rest on records changed since the ledger was sealed
left-out-unchecked = no seal was checked: the ledger is sealed, but no trusted seal key is set up (seal-signers); what follows may rest on records changed since it was sealed
left-out-signers = { $count } line(s) of the trusted seal keys (seal-signers) could not be read and were not used: a key meant to be trusted may be missing, so a seal it signed is not checked
left-out-odd = { $count } entries of the ledger folder named like ledger files are not regular files (a link, a folder) and were not read
warning-backdated = the record at { $place } was added after the latest seal ({ $seal }) yet is dated before it: added later and dated back, so it was not used (run tebiki verify)
left-out-backdated = { $count } record(s) added after the latest seal yet dated before it were not used
warning-future-dated = the record at { $place } is dated { $at }, more than 5 minutes ahead of this machine's clock (a terminal whose clock is ahead, or a forged date): it would count as its person's latest until then, so it was not used. Set that terminal's clock right (NTP) and run tebiki verify
left-out-future = { $count } record(s) dated in the future were not used
warning-conflicting-id = the record at { $place } has the same id and time as the one at { $other } but other content: ids are never reused, so one of them was made up or changed; it was not used (run tebiki verify)
warning-misplaced = a record of kiosk “{ $kiosk }” is in another kiosk’s file at { $place }: each kiosk writes only its own file, so it was copied or put there, and it was not used

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
issue-screen-order = screen “{ $id }” comes after “{ $before }”: a required text screen comes before the check and the choice, and the check before the choice (move it up in the screens list)
issue-unknown-screen = no screen “{ $id }” in the manifest
issue-duplicate-id = the id “{ $id }” is used twice
issue-directive = cannot be read: { $reason }
issue-missing-rule = question “{ $question }” is explained here, but the screen does not mark its rule: put <!-- rule: { $question } --> before the text that states it (screen “{ $screen }”)
issue-no-languages = no language folders in content/
issue-locale-missing = message “{ $id }” is missing in { $lang } (defined at { $defined })
issue-locale-missing-built-in = message “{ $id }” is missing in { $lang }, and this version of tebiki uses it (its built-in { $defined }): copy it into this folder’s locales, or remove the folder’s locales/ to use the built-in texts
issue-locale-vars = message “{ $id }” in { $lang } uses other variables ({ $vars }) than the other languages

status-who = { $id }  { $name }  { $dept }
status-consent = Consent: { $label } ({ $state }), policy { $version }
status-stage = Stage: { $label } ({ $stage })
status-in-use-without-consent = ! Uses their own phone without a consent in force: ask them to read the current version at a terminal and decide again (tebiki report lists everyone in this case).
status-champion = Champion; supports: { $supports }
status-supported-by = Supported by champion { $champion }
status-followup = Open follow-up, due { $due }: { $note }
status-due-overdue = { $due } (overdue)
status-followup-no-note = Open follow-up, due { $due }
status-by = {"  "}by { $name }
status-recorded-at = {"  "}(recorded { $at })
status-history = History:
status-no-records = No records for this ID yet.
status-no-records-withheld = No record of this ID could be used: their records are among those withheld after the break (above). Run tebiki verify.
status-no-records-incomplete = No record of this ID was found in what could be read; some of the ledger could not be read or used (above), and records of this person may be there. Run tebiki verify.
status-no-records-seals = No record of this ID is in the ledger as it stands; the seals could not vouch for it (above), so records of this person may have been changed or removed. Run tebiki verify.
status-roster-unreadable = the stored roster could not be read ({ $detail }): the name and department are not the roster’s, and whether the ID is on it is not known
status-not-on-roster = { $id } is not on the roster and has no records: check the ID
warning-void-refused = the void record { $void } names record { $target } (a { $type } record), which cannot be voided: a person's own decision stands, so the void is ignored. A record no tebiki command writes: run tebiki verify
status-incomplete = INCOMPLETE: some ledger lines could not be read or used (see the warnings; run tebiki verify).
status-incomplete-about = INCOMPLETE: records about { $id } are among those that could not be used: what follows may be missing some of them (run tebiki verify).
status-incomplete-seals = INCOMPLETE: the seals could not be checked, or a file no longer holds what was sealed: what follows may rest on records changed since (see the warnings; run tebiki verify).
status-in-withheld-records = records about { $id } are among those a break in the chain withheld (below): this answer may be missing some of them

verify-folder = Ledger folder: { $dir }
verify-no-files = No ledger files yet.
verify-file = { $file }: { $n ->
    [one] 1 record
   *[other] { $records } records
}, { $range }
verify-file-not-records = { $file }: { $n ->
    [one] 1 record
   *[other] { $records } records
} (and lines that could not be read as a record: { $lines }), { $range }
verify-recovered = { $place }: recovered a torn tail of { $bytes } bytes at offset { $offset } (saved as { $saved })
verify-recovered-piece = { $chained ->
        [yes] The piece is the start of record { $seq }{ $told ->
            [yes] {" "}({ $what })
           *[no] {""}
        }, next on the chain where the recovery record now stands. A crash while writing leaves such a piece, but so does cutting a saved record off the end of the file: anyone holding a receipt for record { $seq } of this file had it saved whole.
        [no] The piece begins as a record does{ $told ->
            [yes] {" "}({ $what })
           *[no] {""}
        }, but not as the record next on the chain there.
       *[unknown] The piece begins as a record does{ $told ->
            [yes] {" "}({ $what })
           *[no] {""}
        }, but ends too early to tell whether it was the record next on the chain there (a write cut short early leaves such a piece).
    }
verify-duplicates = { $count } record(s) appear more than once with identical content (a copy in another file, or a line repeated; counted once).
seal-written = Sealed: { $path } (signature beside it as .sig)
seal-despite-findings = sealed, but the ledger has { $count } finding(s): “tebiki verify” reports them, before and after this seal
seal-repeated = { $file } no longer holds what { $seal } sealed (it was changed, cut short or removed): this seal repeats that seal's entry for it, rather than vouching for what it holds now, so every reader goes on saying so. Run tebiki verify
seal-no-signers = the ledger was sealed before, yet no trusted seal key is set up ({ $file } is missing or lists no key): no reader checks the seals until there is one. Put back the line below, or the auditors' copy of the file
seal-signers-hint = “tebiki verify” trusts a seal only when its key is among the trusted signers: add this line to { $file }, and give it to the auditors who keep copies of the seals:
verify-sealed = { $file }: sealed up to seq { $seq } at { $at } ({ $seal })
verify-sealed-unchecked = { $file }: sealed up to seq { $seq } at { $at } ({ $seal }; the seal’s signature was not checked)
verify-unsealed = { $file }: not sealed yet
verify-unsealed-untrusted = { $file }: no seal that can be trusted covers it (see the seals’ findings below)
verify-copy-of = { $file }: every record in it is an identical copy of one in { $of } (a copy made by a sync or backup tool, for example): it adds no record, and can be moved out of the ledger folder.
verify-seals = Seals checked: { $count }
receipt-code-none = No record in the ledger has the receipt code { $code }: check the code as the receipt shows it; else the record of this receipt is not there.
receipt-code-found = The ledger holds the record with receipt code { $code }: { $place }, fingerprint { $fingerprint }. If the receipt shows the same fingerprint, the record is unchanged (a code alone does not show that: give the fingerprint after it, or the text of the QR code).
receipt-code-holds = The ledger holds the record with receipt code { $code }, unchanged: { $place }, fingerprint { $fingerprint }, as the receipt shows.
receipt-fingerprint-differs = The record with receipt code { $code } at { $place } has the fingerprint { $fingerprint }, not { $given }: either it was changed after the receipt was given, or the fingerprint was copied wrongly (read it again).
receipt-code-withheld = A record with receipt code { $code } is at { $place } (fingerprint { $fingerprint }), but its file's hash chain breaks at line { $line }: from the line before that on, nothing in the file can be told apart from a changed record, so the record is not used.
receipt-code-seal = A record with receipt code { $code } is at { $place } (fingerprint { $fingerprint }), but what the seals say of the ledger does not hold (above): the file may have been rewritten, this record with it, so it cannot be said to be unchanged.
receipt-code-many = More than one record has the receipt code { $code }: { $places }. A code is given to one record only, so one of them was made up or copied.
receipt-code-incomplete = { $count } place(s) of the ledger could not be read or used, so a record with this code there was not looked at
receipt-holds = The ledger holds exactly this record, unchanged: { $place }
receipt-holds-withheld = The ledger holds this record at { $place }, but its file's hash chain breaks at line { $line }: from the line before that on, nothing in the file can be told apart from a changed record, so the record is not used.
receipt-holds-seal = The ledger holds this record at { $place }, but what the seals say of the ledger does not hold (above): the file may have been rewritten, this record with it.
receipt-code-differs = The ledger holds the record at { $place } unchanged, but its receipt code is { $recorded }, not { $code }: this receipt was not given for that record.
receipt-no-file = The ledger has no file { $file }: the record of this receipt is not there.
receipt-unended = The ledger holds this record at { $place }, but its line has no end: it is the file's last line and its end of line is missing (a crash just as it was written, or the end cut off). Until the next record written at that terminal ends it, the readers do not use it; run tebiki verify.
receipt-no-record = { $file } has no record with seq { $seq }: the record of this receipt is not there.
receipt-differs = The record at { $place } differs from the receipt (its SHA-256 is now { $sha }): either the record was changed after the receipt was given, or this receipt's text is not the one given (check it was copied whole, or read its code again).
receipt-differs-other = At { $place } there is another record than the receipt names (its SHA-256 is { $sha }): the record of this receipt is not there.
verify-unsealed-caveat = No seal or checkpoint was checked: the chain shows that no record was changed, removed or inserted on its own, but a file rewritten whole, with its chain computed again, would not show. Seal the ledger regularly (“tebiki seal”, see README) and keep copies of the seals elsewhere, so that it would.
verify-intact = Intact: { $n ->
    [one] 1 record
   *[other] { $records } records
} in { $files } file(s).
verify-damaged = DAMAGED: { $count } finding(s). Keep a copy of the ledger folder as it is and tell the administrator.
verify-unchecked = NOT CHECKED: nothing else was found ({ $files } file(s), { $n ->
    [one] 1 record
   *[other] { $records } records
}), but with no trusted seal key set up ($DATA/seal-signers) the seals cannot be checked. Right after the first seal, add the line “tebiki seal” printed to seal-signers and run verify again. If the file was there before, it has been removed: keep a copy of the ledger folder as it is and tell the administrator.
finding-chain-break = chain break: “prev” is not the SHA-256 of line { $before }: line { $before } or this one was changed, or a line between them removed or inserted
finding-chain-break-first = chain break: the first line’s “prev” is not 64 zeros: it was changed, or a line before it removed
finding-chain-break-inserted = chain break: “prev” is the SHA-256 of line { $follows }, the last line that could be read: { $count ->
    [1] line { $first }, which could not be read, was
   *[other] lines { $first }–{ $last }, which could not be read, were
} inserted after it
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
finding-repeated-key = the key “{ $key }” appears twice in one object (programs could read either value)
finding-not-ledger-file = not a regular ledger file ({ $what }): ledger files are regular files named *.jsonl
finding-torn-piece-missing = a recovered torn tail was saved as { $saved }, but that file is gone or changed
finding-seal-unreadable = the seal cannot be read
finding-seal-signature-missing = the seal has no signature (.sig) beside it
finding-seal-signature-invalid = the seal’s signature does not verify, or the seal names another signer than the key that signed it: the seal was changed after it was signed, or signed by something other than tebiki seal
finding-seal-untrusted = the seal is signed by a key that is not trusted for it ({ $signer }): not among the trusted signers, or not at the seal's time (their valid-after, valid-before)
finding-seal-untrusted-certificate = the seal is signed by a key ({ $signer }) that the trusted signers list only as a certificate, on line { $line } of seal-signers: a certificate does not vouch for a seal signed with the key itself. Add the key’s own line (tebiki seal prints it) if it is to be trusted
finding-seal-no-signers = no trusted seal keys ($DATA/seal-signers or --signers), so the seal’s signature cannot be checked
finding-seals-missing = trusted seal keys are set up (seal-signers or --signers), but no seal was found: the seals may have been deleted. Check the ledger against the auditors' copy of the seals with --seals
finding-seal-chain-break = “previous” is not the SHA-256 of the seal before it: a seal was removed, added or changed
finding-sealed-file-missing = the file was sealed up to seq { $seq } in { $seal } but is gone
finding-sealed-file-missing-unchecked = the file was sealed up to seq { $seq } in { $seal }, a seal whose signature could not be checked (no trusted keys, or no signature beside it), but is gone
finding-sealed-file-changed = the file no longer begins with the { $bytes } bytes sealed up to seq { $seq } in { $seal }: records were cut, emptied or rewritten
finding-sealed-file-changed-unchecked = the file no longer begins with the { $bytes } bytes sealed up to seq { $seq } in { $seal }, a seal whose signature could not be checked (no trusted keys, or no signature beside it): records were cut, emptied or rewritten, unless the seal itself is not genuine
finding-void-not-allowed = a void of record { $target }, which cannot be voided (a person's own consent or withdrawal, or a void): readers ignore it, and no tebiki command writes one
finding-future-dated = the record is dated in the future ({ $at }): the clock of the machine that wrote it is ahead, or the date was forged; until then it counts as the latest of its person's records
finding-backdated = a record appended after { $seal } is dated before it ({ $at }): backdated
todo-kiosk-running = Close the other tebiki window, or give this terminal its own kiosk_id in config.toml.

cli-kiosk-about = The employee flow, locked: leaving needs the admin PIN (F10 on the welcome screen); idle reset
cli-pin-about = The admin PIN
cli-pin-set-about = Set the admin PIN (asked twice without echo; two lines from stdin when it is not a terminal)
error-no-pin = a kiosk cannot start without an admin PIN (it is what lets staff leave it)
error-pin-hash-invalid = admin_pin_hash in config.toml is not a valid argon2id hash, so no PIN could ever be accepted
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
pin-set-config-mistake = config.toml still has a mistake at { $place }: { $reason }. The kiosk does not start until that line is fixed (“tebiki config check” checks it again).

cli-usage = Usage
cli-commands = Commands
cli-options = Options
cli-global-options = Options of every command
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
config-timezone-unset = timezone is not set: every local date and time (the report, the CSV, due days) uses this machine’s time zone, now { $zone }. Set it, e.g. timezone = "Asia/Tokyo"
config-key-org-allowance-yen = the monthly communication allowance in yen (0 = none)
config-key-org-wifi-places = where Wi-Fi for employees is available ("" = nowhere)
config-key-org-notify-window = an example of a daily notification window, e.g. "9:00–20:00"
config-key-org-lost-contact = whom to report a lost phone to
config-key-org-contact = whom to ask, and to withdraw consent
config-key-org-controller = who is responsible for the records (the controller)
config-key-org-retention = how long the records are kept
config-key-org-plan = the LINE WORKS plan: free or paid (how long the audit log is kept)
config-key-org-record-readers = who can see the records (the privacy notice says it)
config-bad-language = language = "{ $value }" is not a language of the screens ({ $known }): people would start in another one
config-too-short = { $key } = { $value }: too short for anyone to read (at least 5 seconds)
config-no-english = { $key } is written only as “{ $value }”: English screens show it as it is. Add { $en } = "…" in English
config-codes-missing = identity = "code", but { $count } of the { $of } people on the roster have no personal code and cannot get past the code screen: { $ids }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}. “tebiki roster codes -o slips.txt” issues a code to everyone who has none
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
cli-error-not-whole-number = "{ $value }" is not a valid value for { $arg }: it takes a whole number, 0 or more
cli-error-number-too-large = "{ $value }" is too large for { $arg }
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
cli-todo-dash-value = A value that starts with “-” is written with “=”: { $option }={ $value }
cli-todo-help = Run "{ $command } --help" to see what it takes.

std-receipt-method-kiosk-withdrawal = self-service terminal (tebiki kiosk)
std-receipt-method-kiosk = self-service terminal (tebiki kiosk), after reading the notice and a short check
std-receipt-method-kiosk-declined = self-service terminal (tebiki kiosk); No and Not now can be chosen without reading the whole notice or answering the check, and the record says how much of it was read (content.screens, check)
std-receipt-method-session = onboarding session led by a trainer (tebiki present)
std-receipt-method-admin = recorded by an administrator or trainer (tebiki record)
std-receipt-withdrawal = at a tebiki terminal, or through the administrator (tebiki record withdrawal)
std-receipt-storage = kept in the append-only ledger as evidence of the decision; never edited or deleted, a mistaken record is cancelled by a void record
std-receipt-law = Act on the Protection of Personal Information (APPI)
