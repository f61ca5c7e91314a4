# Organisation values used when config.toml does not set them, and the sentences built from them.

org-default-name = the company
org-default-lost-contact = your manager or the administrator
org-default-contact = your manager or the administrator
org-allowance = { $org } pays a fixed communication allowance of { $amount } yen a month.
org-allowance-none = { $org } does not pay a communication allowance at present.
org-wifi = Wi-Fi for employees is available at { $places }: using it there reduces the mobile data you use.
org-wifi-none = There is no Wi-Fi for employees at present.
org-plan-free = { $org } uses the free plan of LINE WORKS: the audit log is kept for 2 weeks and cannot be downloaded.
org-plan-paid = { $org } uses a paid plan of LINE WORKS, which keeps a longer audit log that the administrator can download.
org-controller = { $controller } is responsible for these records (the controller).
org-controller-address = { $controller } ({ $address }) is responsible for these records (the controller).
org-unset-controller = Who is responsible for these records has not been set yet: ask { $contact }.
org-unset-record-readers = not set yet (ask { $contact })
org-unset-retention = not set yet (ask { $contact })
org-unset-allowance = Whether the company pays anything toward your phone costs has not been set here yet: ask { $contact }.
org-unset-wifi = Whether and where there is Wi-Fi for employees has not been set here yet: ask { $contact }.
org-unset-plan = Which LINE WORKS plan the company uses, and so how long the audit log of activity is kept, has not been set here yet: ask { $contact }.
org-notify-window = For example: { $window }.
org-unset-notify-window = Ask { $contact } which hours suit your work.
org-unset-value = not set yet
