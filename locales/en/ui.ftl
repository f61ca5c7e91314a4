# The employee flow: screens, buttons, hints and messages.

language-name = English
app-name = tebiki
app-title = Welcome

## Welcome
welcome-heading = LINE WORKS on your own smartphone
welcome-intro = This guide explains what it means to use the LINE WORKS business chat on your own phone: what you gain, the honest drawbacks, costs, working-hours rules, and what happens if a phone is lost or you leave. Then you choose freely. It takes about 10 minutes.
welcome-choose = Choose your language:
welcome-withdraw = Withdraw my consent

## Who you are
identity-title = Who you are
identity-title-withdraw = Withdrawing consent: who you are
identity-intro = What you enter here is recorded with your choice. At the end you are shown a receipt code for the record.
identity-id = Employee ID
identity-name = Name
identity-dept = Department (optional)
identity-id-missing = Please enter your employee ID.
identity-name-missing = Please enter your name.
identity-control-chars = What you typed or pasted held control characters and was not entered. Please type it again.
field-too-long = That was too long: only the first 200 characters were kept.

## Reading
progress = { $n } / { $of }
end-of-screen = — end of this screen —
more-below = ▼ More below: ↓ or Space to read on
    .wide = More below: Down arrow or Space to read on
more-below-short = ▼ more (↓)
more-below-scroll = ▼ More below: ↓ to read on
    .wide = More below: Down arrow to read on
more-below-page = ▼ More below: PgDn to read on
    .wide = More below: Page Down to read on
read-to-end-first = Please read this screen to the end first (↓ or Space).
read-to-end-or-decide = Please read this screen to the end first (↓ or Space). To choose No or Not now without reading on, press → again.

## The check
check-counter = Question { $n } of { $of }
check-correct = ✓ Question { $n } is correct. Here is the next one.
check-wrong = ✗ Not quite.
check-explained-on = This is explained on “{ $title }” (screen { $n }).
check-wrong-options = Enter: read that screen again · Esc: try this question again
check-skip-confirm = To say No or Not now, you can go on to your choice without these questions: press → again. (Agreeing needs the right answers.)
check-decide-without = Only agreeing needs these answers. For No or Not now: → twice.
choice-check-first = To agree, answer the questions before this screen first (Esc goes back to them). You can choose No or Not now without them.
choice-read-first = To agree, first read the explanation to its end (Esc goes back to where you left off). You can choose No or Not now without reading.
check-all-correct = ✓ You answered { $n ->
    [one] the question
   *[other] all { $n } questions
} correctly.
check-all-correct-next = Enter: go on to your choice · Esc: back to the screen before

## The choice
choice-not-now = Not now: keep being contacted the way I am today, for the time being.
choice-not-now-ends = Not now: be contacted again the way I was before LINE WORKS, for the time being.
choice-refuse = No: I do not want to use my own smartphone for LINE WORKS.
choice-reasons-heading = Reasons (optional, tick any that apply):
choice-no-penalty = Whatever you choose, it is never held against you, and you can change your mind later.
choice-nothing-chosen = Choose one of the three answers first: move to it with ↑ or ↓, then press Space.
choice-move-first = Move to an answer with ↑ or ↓ first, then press Space to choose it.

## Review before saving
person-who = { $name } (ID { $id })
review-title = Please check your choice
review-given = You agree to use your own smartphone for LINE WORKS, and confirm:
review-deferred = Not now: you keep the current way of being contacted.
review-refused = No: you keep the current way of being contacted.
review-deferred-ends = Not now: you are contacted again the way you were before LINE WORKS.
review-refused-ends = No: you are contacted again the way you were before LINE WORKS.
review-ends-consent = The consent you gave before ends with this choice, as if you withdrew it.
review-reasons = Your reasons:
review-confirm = Enter: save this choice · Esc: change it
save-failed = ✗ Your choice was NOT saved. Please ask a member of staff.
save-failed-long = ✗ Your choice was NOT saved: the record could not be written. Nothing was recorded. Please ask a member of staff for help.

## Receipt
receipt-saved = ✓ Your choice has been saved.
receipt-countdown-session = Back to the trainer in { $n } s (Enter: now; other keys: more time)
receipt-countdown = Back to the start in { $n } s (Enter: now; other keys: more time)
receipt-code-close = Any key goes back to the receipt; Enter finishes.
receipt-name = Name
receipt-id = Employee ID
receipt-what = Recorded
receipt-what-given = Consent given
receipt-what-deferred = Not now (current channel kept)
receipt-what-refused = Declined (current channel kept)
receipt-what-deferred-ends = Not now (contacted as before LINE WORKS)
receipt-what-refused-ends = Declined (contacted as before LINE WORKS)
receipt-what-withdrawn = Consent withdrawn
receipt-policy = Policy version
receipt-when = Date and time
receipt-code = Receipt code
receipt-fingerprint = Record fingerprint
receipt-keep-why = Keep this receipt (photograph the code with F4): if you ever need to, show it to HR or an auditor, who can check with it that the record of your choice is still in the ledger exactly as it was made.
receipt-code-title = Your receipt as a code for your phone
receipt-code-too-small = The window is too small to show the code: make it at least 80×24.
receipt-code-too-small-wide = This terminal draws block characters double width, so the code needs a window of at least { $width }×{ $height }: make the window larger to show it. The code below identifies your record all the same.
link-code-too-small-wide = This terminal draws block characters double width, so the code needs a window of at least { $width }×{ $height }: make the window larger to show it. The address is below.
receipt-code-why = Photograph this code and keep it: it names your record in the ledger, so that HR or an auditor can check later that it is still exactly as it was made.
receipt-code-why-written = Write down the receipt code and the fingerprint above and keep them: they name your record in the ledger, so that HR or an auditor can check later that it is still exactly as it was made.
link-code-title = Open this page on your phone: point its camera at the code.
link-code-more = Link { $n } of { $count }: F4 shows the next one, any other key goes back to the text.
link-code-close = Any key goes back to the text.

## Withdrawal
withdraw-title = Withdraw your consent
withdraw-explain = You are withdrawing your consent to use your own smartphone for LINE WORKS. From now on you will be contacted the way you were before you used LINE WORKS. There is no penalty, and you can agree again later if you wish.
withdraw-confirm = Enter: withdraw my consent · Esc: go back
withdraw-expired = On { $date } you agreed to an earlier version of this explanation (policy version { $version }). The explanation has changed since, but you can still withdraw that consent here.
withdraw-withheld = Some of your earlier records could not be checked, so this terminal cannot show whether you have a consent in force. If you withdraw, it is recorded all the same, and ends any consent you may have given.
withdraw-how = To withdraw later, choose “Withdraw” on the first screen of this terminal, or tell { $contact }.
withdraw-how-session = To withdraw later, tell { $contact }, or choose “Withdraw” on the first screen of a kiosk terminal.

## Help
help-title = Help
help-intro = Keys that work on this screen:
help-decide-without = To choose No or Not now without reading on or answering the questions: on a screen not read to its end, or on the check, press →, wait a moment, then press → again.

## Keys (as printed on the keyboard)
key-enter = Enter
key-space = Space
key-esc = Esc
key-q = q
key-tab = Tab
key-shift-tab = Shift+Tab
key-up-down = ↑↓
    .wide = Up/Down
key-left-right = ←→
    .wide = Left/Right
key-home-end = Home/End
key-page-down-up = PgDn/PgUp
key-f1 = F1
key-f2 = F2
key-f4 = F4
key-help = F1/?
key-backspace = Backspace
key-ctrl-u = Ctrl+U
key-delete = Delete

## What keys do
act-start = Start
act-withdraw-start = Withdraw
act-read-notice = Read
act-next = Next
act-next-field = Next field
act-prev-field = Previous field
act-next-item = Next choice
act-prev-item = Previous choice
act-back-to-check = Back to the question
act-answer = Answer
act-read-again = Read again
act-try-again = Try again
act-review = Check and save
act-save = Save
act-withdraw = Withdraw my consent
act-change = Change
act-finish = Finish
act-leave-undecided = Finish without deciding
act-receipt-code = Code for your phone
act-link-code = Open on phone
act-tick = Tick
act-page-down = Page down
act-scroll = Scroll
act-read-below = Read the text below the answers
act-move = Move
act-pages = Previous/next screen
act-top-bottom = Top/bottom
act-back = Back
act-quit = Quit
act-language = Language
act-help = Help
act-help-more = More
act-close = Close
act-erase = Erase
act-erase-to-start = Erase up to the cursor
act-cursor = Move the cursor

too-small = Please enlarge the window (at least { $width }×{ $height }).

## Consent states
state-none = never decided
state-given = consent given
state-refused = declined
state-deferred = not now
state-withdrawn = withdrawn
state-expired = expired (a newer policy needs a new decision)

## Kiosk
identity-id-invalid = This employee ID does not have the expected form. Please check it.
key-f10 = F10
act-staff-exit = Staff: leave the kiosk (PIN)
act-unlock = Unlock
act-cancel = Cancel
pin-title = Staff only
pin-prompt = Enter the admin PIN to leave this kiosk.
pin-try-now = You can enter the PIN again now.
pin-wrong = Wrong PIN. You can try again in { $unit ->
    [min] { $n } min
   *[s] { $n } s
  } (at { $until }).
pin-wait = Please wait { $unit ->
    [min] { $n } min
   *[s] { $n } s
  } (until { $until }) before trying again.
pin-locked = Too many wrong PINs: locked for { $unit ->
    [min] { $n } min
   *[s] { $n } s
  }, until { $until }. An admin can end the lock sooner by running “tebiki pin unlock” on this machine.
pin-unavailable = The PIN cannot be checked now: this try could not be counted ({ $why ->
    [full] the disk is full
    [readonly] the data folder is read-only
    [denied] no permission to write in the data folder
   *[other] the count file in the data folder cannot be read or written
  }). An admin at this machine can fix the data folder, or run “tebiki pin unlock”, and try again.
key-any = Any key
act-still-here = I am still here
idle-title = Still there?
idle-text = Nothing has been pressed for a while. In { $n } s this terminal starts over for the next person, and what you entered is cleared. Press any key to continue.
idle-text-saved = Nothing has been pressed for a while. Your choice is saved. In { $n } s this screen closes and the terminal starts over for the next person. To keep it open while you note the receipt code, press any key.

renewal-title = Your earlier consent has expired
renewal-text = On { $date } you agreed to the rules for using your own smartphone (policy version { $old }). The rules have changed since (now policy version { $new }), and that agreement does not cover the new ones. Please read the screens again and decide anew: you are as free as before to agree, to say “not now”, or to say no.
renewal-what-changed = What changed:
renewal-no-summary = No summary of what changed was given here: the screens that follow are the explanation as it is now. To know what changed, ask { $contact }.
renewal-screens = Screens that changed: { $screens }
list-separator = {", "}
act-read-and-decide = Read and decide

## Who you are: the id rule, the roster, personal codes
act-choose = Choose
id-problem-empty = Please enter your employee ID.
id-problem-invisible = The ID has an invisible character ({ $char }, position { $at }). Please retype it.
id-problem-digit = The ID has a digit other than 0-9 ({ $char }, position { $at }). Please retype it.
id-problem-space = The ID has a space in it (position { $at }). Please type it without spaces.
id-problem-too-long = The ID is longer than { $max } characters. Please check it.
id-problem-pattern = { $example ->
    [none] This ID does not have your organisation's form. Please check it.
   *[other] This ID does not have your organisation's form (e.g. { $example }).
}
identity-intro-roster = Type your employee ID. The next screen shows the name the employee list has for it, so you can confirm it is you.
identity-not-on-roster = ID { $id } is not on the employee list. Please check it, or ask { $contact }.
identity-not-me = Nothing was kept. Please type your own employee ID.
confirm-title = Is this you?
confirm-question = { $name } ({ $department }), employee ID { $id }: is this you?
confirm-question-no-dept = { $name }, employee ID { $id }: is this you?
confirm-explain = Your choice will be recorded under this name. If it is not you, choose “No” and nothing is kept.
confirm-namesake = The employee list has { $n ->
        [one] another person
       *[other] { $n } other people
    } of this name: check that the ID and department are yours, then choose with ↑↓.
confirm-choose = Choose “Yes, that is me” or “No” with ↑↓, then press Enter.
confirm-yes = Yes, that is me
confirm-no = No, that is not me
code-title = Your personal code
code-intro = Type the personal code you were given on a slip (8 letters and digits, e.g. 7KQ2-M9XP). It shows that it is really you.
code-for-id = Employee ID { $id }
code-label = Personal code
code-missing = Please type your personal code.
code-wrong = That code is not right. You can try again in { $seconds } seconds.
code-not-issued = No personal code has been issued for this ID, so none can be checked here. Please ask { $contact } for your slip.
code-unavailable = Personal codes cannot be checked on this terminal at the moment. Please ask { $contact }.
code-wait = Please wait { $seconds } seconds before trying again.
code-start-over = The code was wrong three times, so the terminal started over. If you have lost your slip, please ask { $contact }.
standing-title = What is on record for you
standing-nothing-title = Nothing to withdraw
standing-agreed = You agreed on { $date } to use LINE WORKS on your own smartphone (policy version { $version }). That consent is still in force.
standing-decided = { $state ->
    [refused] On { $date } you declined to use LINE WORKS on your own smartphone
    [deferred] On { $date } you chose “not now” for using LINE WORKS on your own smartphone
   *[withdrawn] On { $date } you withdrew your consent to use LINE WORKS on your own smartphone
} (policy version { $version }). That is what is on record, and it stays so unless you choose again. You can read the explanation again and decide, or finish here.
standing-withheld = Some of your earlier records could not be checked, so what is shown here may be missing some of them. If it does not look right, please ask { $contact }.
standing-nothing = You have no consent in force to withdraw. Your current choice: { $state }. Nothing has been recorded.
standing-unreadable = Your records could not be read just now, so a withdrawal cannot be recorded here. Nothing has been recorded. Please ask { $contact }, or try again later.
standing-other-name-title = Please check your ID
standing-other-name = The records for this ID are under another name than the one you typed, so nothing can be recorded for it here. Nothing has been recorded. If this is your ID, please ask { $contact } to check it; if not, please check the ID you typed.
standing-decide-first = Read the explanation and decide
standing-decide = Read the explanation and decide again
standing-withdraw = Withdraw my consent
standing-finish = Nothing more, finish
standing-finished = Nothing was recorded. Thank you for coming.

## The privacy notice, generated from the fields a record holds
welcome-notice = What is recorded about me, and why
notice-title = What is recorded, and why
notice-list-separator = ;{" "}
notice-group = { $heading }: { $items }
notice-short = Recorded with your choice: { $what }. How long it is kept: { $retention }. Why, who sees it and your rights: “What is recorded” on the first screen, or F1. Questions: { $privacy_contact }.
notice-why-heading = Why it is kept
notice-why = The record shows what you were told about using LINE WORKS on your own smartphone, how much of it you read, and what you chose, freely. It is also used to follow the move to LINE WORKS step by step. Your answers to the check are kept only to show that the explanation was understood; they are never used against anyone.
notice-what-heading = What is kept
notice-not-kept = Nothing is read from your phone: its photos, contacts and other apps are not part of this record.
notice-added-heading = What trainers and administrators may add
notice-added = Your stage in the move to LINE WORKS (for example “hesitant”), follow-up talks with their notes, attendance at sessions, whether you are a champion and whom you support, and a withdrawal you ask them to record. Each entry says who made it.
notice-readers-heading = Who can see it
notice-retention-heading = How long it is kept
notice-rights-heading = Your rights, and whom to ask
notice-rights = You can ask { $privacy_contact } to see your record, to have a mistake corrected, or to stop its use. You can withdraw your consent at any time, here (“Withdraw” on the first screen) or through { $contact }; withdrawing is never held against you.
fields-who = who you are
field-employee-id = your employee ID
field-employee-id-as-entered = the ID as you typed it, when it differs
field-employee-name = your name
field-employee-department = your department
field-employee-verified = how your identity was checked (employee list, personal code, or not checked)
fields-how = how and where
field-how-method = whether you were alone at a terminal or in a trainer’s session
field-how-mode = whether staff were present
field-how-session = the session
field-how-trainer = the trainer’s name
field-kiosk = the terminal
field-at = the date and time
field-ui-language = the language of the screen
fields-seen = what you were shown
field-policy = the policy version of this explanation (for a withdrawal, of the consent withdrawn)
field-content-languages = the languages shown
field-content-sha256 = a fingerprint of the exact text shown
field-screens = each screen you opened
field-screens-seconds = the seconds you spent on each
field-screens-read-to-end = whether you scrolled to its end
field-screens-fast = whether you went through it faster than a quick read
field-slides = in a trainer's session, the slides shown before you chose
fields-check = your answers to the check
field-check = how many questions you answered correctly, and how many on the first try
field-check-attempts = how many tries each question took
fields-choice = your choice
field-decision = your choice (agree, not now, or no)
field-acknowledged = the rules you confirmed you understood
field-purposes = each purpose you agreed to or not
field-reasons = the reasons you ticked, if any
field-alternative = that keeping your current way of being contacted was offered
field-withdraw-how = how you were told to withdraw
field-renews = which earlier decision a new one replaces
field-requested-by = for a withdrawal, that you asked for it
field-receipt = your receipt code
fields-technical = technical data
field-technical = a record number, a link to the previous record (so that changes can be detected), and the program version
choice-lead = It is entirely up to you. Choose one answer with Space:
choice-ack-heading = To agree, confirm both of these:
choice-optional-heading = { $n ->
    [1] Optional: you can agree without this one.
   *[other] Optional: you can agree without these.
}
choice-acknowledge-first = To agree, confirm both points under your answer (Space). Or choose “Not now” or “No”.
review-not-granted = Not agreed: { $purpose }
reading-take-your-time = That screen went by very quickly. Please take your time: there is no hurry.

# The kiosk's attract screen, when nobody is there
attract-press-key = Press any key to start
