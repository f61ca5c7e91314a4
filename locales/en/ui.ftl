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
identity-intro = Your answers are recorded with your choice, so that you and the company have the same record of it.
identity-id = Employee ID
identity-name = Name
identity-dept = Department (optional)
identity-privacy = Only your ID, name, department and your choice are recorded, with the time and this terminal. Nothing is read from your phone.
identity-id-missing = Please enter your employee ID.
identity-name-missing = Please enter your name.
identity-control-chars = This field contains control characters. Please type it again.
field-too-long = That was too long: only the first 200 characters were kept.

## Reading
progress = { $n } / { $of }
end-of-screen = — end of this screen —
more-below = ▼ More below: ↓ or Space to read on
read-to-end-first = Please read this screen to the end first (↓ or Space).

## The check
check-counter = Question { $n } of { $of }
check-correct = ✓ Correct.
check-wrong = ✗ Not quite.
check-explained-on = This is explained on “{ $title }” (screen { $n }).
check-wrong-options = Enter: read that screen again · Esc: try this question again
check-answer-first = Please answer the questions first.

## The choice
choice-agree-heading = To use your own smartphone, tick each statement:
choice-or-heading = Or keep the current way of being contacted:
choice-not-now = Not now: I will keep using the current channel for the time being.
choice-refuse = No: I do not want to use my own phone for LINE WORKS.
choice-reasons-heading = Reasons (optional, tick any that apply):
choice-no-penalty = Whatever you choose, there is no penalty, and you can change your mind later.
choice-nothing-chosen = Tick the statements to agree, or choose “Not now” or “No”.
choice-tick-all = To agree, tick all the statements. Otherwise choose “Not now” or “No”.

## Review before saving
person-who = { $name } (ID { $id })
review-title = Please check your choice
review-given = You agree to use your own smartphone for LINE WORKS:
review-deferred = Not now: you keep the current way of being contacted.
review-refused = No: you keep the current way of being contacted.
review-reasons = Your reasons:
review-confirm = Enter: save this choice · Esc: change it
save-failed = ✗ Your choice was NOT saved. Please ask a member of staff.
save-failed-long = ✗ Your choice was NOT saved: the record could not be written. Nothing was recorded. Please ask a member of staff for help.

## Receipt
receipt-saved = ✓ Your choice has been saved.
receipt-name = Name
receipt-id = Employee ID
receipt-what = Recorded
receipt-what-given = Consent given
receipt-what-deferred = Not now (current channel kept)
receipt-what-refused = Declined (current channel kept)
receipt-what-withdrawn = Consent withdrawn
receipt-policy = Policy version
receipt-when = Date and time
receipt-code = Receipt code
receipt-fingerprint = Record fingerprint
receipt-keep-why = Keep this receipt (photograph the code with F4): with it you, or anyone you ask, can check that the record of your choice is still in the ledger exactly as it was made.
receipt-code-title = Your receipt as a code for your phone
receipt-code-too-small = The window is too small to show the code: make it at least 80×24.
receipt-code-why = Photograph this code and keep it: it names your record in the ledger, so anyone can check later with “tebiki verify --receipt” that it is still exactly as it was made.
link-code-title = Open this page on your phone: point its camera at the code.
link-code-more = Link { $n } of { $count }: F4 shows the next one, any other key goes back to the text.
link-code-close = Any key goes back to the text.

## Withdrawal
withdraw-title = Withdraw your consent
withdraw-explain = You are withdrawing your consent to use your own smartphone for LINE WORKS. From now on you will be contacted the current way again. There is no penalty, and you can agree again later if you wish.
withdraw-confirm = Enter: withdraw my consent · Esc: go back
withdraw-how = To withdraw later, choose “Withdraw” on the first screen of this terminal, or tell { $contact }.

## Help
help-title = Help
help-intro = Keys that work on this screen:

## Keys (as printed on the keyboard)
key-enter = Enter
key-space = Space
key-esc = Esc
key-q = q
key-tab = Tab
key-shift-tab = Shift+Tab
key-up-down = ↑↓
key-left-right = ←→
key-home-end = Home/End
key-f1 = F1
key-f2 = F2
key-f4 = F4
key-help = F1/?
key-backspace = Backspace
key-delete = Delete

## What keys do
act-start = Start
act-next = Next
act-next-field = Next field
act-prev-field = Previous field
act-back-to-check = Back to the question
act-answer = Answer
act-read-again = Read again
act-try-again = Try again
act-review = Check and save
act-save = Save
act-change = Change
act-finish = Finish
act-receipt-code = Code for your phone
act-link-code = Open on phone
act-tick = Tick
act-page-down = Page down
act-scroll = Scroll
act-move = Move
act-pages = Previous/next screen
act-top-bottom = Top/bottom
act-back = Back
act-quit = Quit
act-language = Language
act-help = Help
act-close = Close
act-erase = Erase
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
pin-wrong = Wrong PIN. You can try again in { $n } s.
pin-wait = Please wait { $n } s before trying again.
pin-locked = Too many wrong PINs: locked for { $n } min.
idle-title = Still there?
idle-text = Nothing has been pressed for a while. In { $n } s this terminal starts over for the next person, and what you entered is cleared. Press any key to continue.

renewal-title = Your earlier consent has expired
renewal-text = On { $date } you agreed to the rules for using your own smartphone (the policy of { $old }). The rules have changed since (now the policy of { $new }), so that agreement no longer counts. Please read the screens again and decide anew: you are as free as before to agree, to say “not now”, or to say no.
renewal-what-changed = What changed:
renewal-no-summary = The changes are explained on the screens that follow.
renewal-screens = Screens that changed: { $screens }
list-separator = {", "}
act-read-and-decide = Read and decide
