# `tebiki record ...`：研修担当者・管理者が社員一人について記録する出来事。

cli-record-about = 社員一人についての出来事を記録する（段階の変更、フォローアップ、推進役、参加、同意の取り消し）
cli-record-stage-about = 社員の移行段階が STAGE になったことを記録する
cli-record-stage-arg-id = 社員番号
cli-record-stage-arg-close_followup = 開いているフォローアップをこの変更で終える（指定しなければ開いたまま）
cli-record-stage-arg-stage = 新しい段階：informed（案内済み）、hesitant（迷っている）、parallel（併用中）、migrated（移行済み）、opted_out（利用しない）
cli-record-followup-about = フォローアップの面談と、次回の予定日を記録する
cli-record-followup-arg-id = 社員番号
cli-record-followup-arg-due = 次回フォローアップの予定日（YYYY-MM-DD）
cli-record-followup-arg-days = 次回フォローアップを何日後にするか（既定は 14 日）
cli-record-champion-about = 社員が推進役になったこと（--off でやめたこと）を記録する。--supports で支える相手も記録できます
cli-record-champion-arg-id = 推進役の社員番号
cli-record-champion-arg-supports = この推進役が支える社員の番号（--off と一緒なら、支えるのをやめる）
cli-record-champion-arg-off = 終了を記録する：推進役をやめる、または（--supports と一緒なら）その人を支えるのをやめる
cli-record-attendance-about = 社員が説明会に参加したことを記録する
cli-record-attendance-arg-id = 社員番号
cli-record-attendance-arg-session = 説明会の名前（例：2026-11-24-osaka）
cli-record-attendance-arg-date = 説明会の日（YYYY-MM-DD、既定は今日）
cli-record-withdrawal-about = 社員から同意の取り消しの申し出があったことを記録する（本人の申し出により管理者が記録）
cli-record-withdrawal-arg-id = 社員番号
cli-record-withdrawal-arg-requested = 本人が申し出た日（YYYY-MM-DD、既定は今日）
cli-record-arg-note = 記録に残すメモ（話した内容、決まったこと）
cli-record-arg-by = 記録する人の名前（既定はログイン名）
cli-record-arg-format = 出力形式

record-warning-withdrawal-uncertain = 使えた記録には { $id } さんの取り消せる同意がありませんが、取り消しを記録しました：この人の記録の一部が使えなかったため（上記）、それらがどうであっても取り消しが有効になるようにしています。申し出の内容と日付を書面でも残し、tebiki verify を実行してください
record-warning-dated-ahead = { $id } に関する記録で、この記録より後の日時（{ $at }、{ $kiosk }）のものがあります。記録は日時の順に数えるため、その時刻までは、そちらが最新として扱われます。{ $kiosk } の時計が進んでいないか確かめ、tebiki verify を実行してください
record-saved-where = { $at }、{ $file }（{ $seq } 件目）
record-withdrew-version = 取り消した同意は方針の版 { $version } に対するものです（ここの内容は { $current }）。記録には { $version } を残しています。
record-now = 現在：{ $consent }、{ $stage }
record-followup-kept = 開いているフォローアップ（次回 { $due }）はそのままです。終えるには --close-followup を付けて記録します。
record-followup-closed = 開いていたフォローアップは、この変更で終えました。

record-error-id = 「{ $id }」は社員番号として使えません：{ $why }
record-todo-id = 名簿どおりの社員番号を指定してください（「tebiki status 社員番号」で確認できます）。
record-error-by = 記録者がわかりません：ログイン名を取得できませんでした
record-todo-by = --by 名前 で記録する人を指定してください。
record-error-by-empty = --by が空です：記録する人の名前がありません
record-error-by-long = --by の名前が { $max } 文字を超えています
record-error-by-control = 記録者の名前に制御文字または見えない文字が含まれています：「{ $name }」
record-todo-by-control = --by 名前 には、改行・タブ・見えない文字を含まない名前を指定してください。
record-error-note = メモが { $length } 文字あります。残せるのは { $max } 文字までです
record-todo-note = メモを短くするか、詳細は別に残して参照先を書いてください。
record-error-date = { $option } の「{ $value }」は日付として読めません
record-error-no-such-day = { $option } の「{ $value }」という日はありません（{ $month } は { $days } 日までです）
record-todo-date = 日付は YYYY-MM-DD の形で書いてください（例：2026-12-01）。すでに起きたことは、この 1 年のうち今日までの日付です。
record-todo-due-date = 日付は YYYY-MM-DD の形で、今日以降の日を書いてください（例：2026-12-15）。日数で指定するときは --in を使ってください。
record-error-days = --in { $value }：その日数後のフォローアップは、暦の範囲を超えています
record-todo-days = 14 のような日数を指定するか、--due で日付を指定してください。
record-error-past = 次回フォローアップの予定日 { $due } は過去の日付です
record-todo-past = --due で今日以降の日付を、または --in で日数を指定してください。
record-error-far = 次のフォローアップの日付 { $due } は 1 年より先です
record-todo-far = 1 年以内の日付を指定してください（--due YYYY-MM-DD、または --in 日数）。それより先にすると、その日まで期日超過の一覧に出なくなります。
record-error-future = { $date } は未来の日付です
record-error-long-ago = { $date } は 1 年以上前です（受け付けるのは { $limit } 以降です）
record-error-session = 「{ $session }」は説明会の名前として使えません
record-todo-session = --session で短い名前を付けてください（例：2026-11-24-osaka）。
record-error-unknown = 社員番号「{ $id }」は名簿にも記録にもありません
record-todo-unknown = 番号を確かめる（「tebiki status 社員番号」）か、名簿に追加してから取り込み直してください。
record-todo-unknown-no-roster = 番号を確かめる（「tebiki status 社員番号」）か、先に名簿を取り込んでください（「tebiki roster import ファイル.csv」）。
record-error-self = 推進役が自分自身を支えることはできません
record-todo-self = --supports には別の社員の番号を指定してください。
record-error-needs-consent = { $id } さんを自分のスマートフォンで使う段階（併用中・移行済み）にはできません：同意の状態が「{ $state }」です
record-todo-needs-consent = 自分のスマートフォンで使うには、今の方針での本人の同意が必要です。先に端末（キオスク）で手続きをしてもらってください。
record-error-nothing-to-withdraw = { $id } さんには取り消す同意がありません（状態：「{ $state }」）
record-todo-refusal-uncertain = この人の記録の一部を使えなかったため、この答えは誤っているかもしれません。申し出の内容と日付を書面で残し、「tebiki verify」を実行して、記録を直してから記録してください。
record-todo-nothing-to-withdraw = 記録は不要です。「tebiki status 社員番号」で履歴を確認できます。
record-error-requested-before = 取り消しの申し出日が、取り消す同意の日より前になっています
record-todo-requested-before = 本人が申し出た日を --requested YYYY-MM-DD で指定してください（同意した日以降。「tebiki status 社員番号」で確認できます）。
record-error-already-attended = { $id } さんのこの説明会への出席はすでに記録されています
record-todo-already-attended = 記録は不要です。「tebiki status 社員番号」で履歴を確認できます。
cli-record-void-about = 研修担当者・管理者の誤った記録を、訂正の記録（void）を追記して無効にします（台帳には両方が残ります。本人の回答・同意の取り消しは無効にできません）
cli-record-void-arg-record_id = 無効にする記録の ID（「tebiki status 社員番号 --format json」や書き出しで確認できます）
record-error-void-note = 訂正には理由が必要です（--note）
record-todo-void-note = 記録が誤りだった理由を指定してください。例：--note "別の人の記録として入力した"
record-error-void-unknown = 台帳に記録「{ $id }」はありません
record-todo-void-unknown = 記録の ID は「tebiki status 社員番号 --format json」（history の id）か、書き出しの record_id 列で確認できます。
record-error-void-not-allowed = 記録「{ $id }」は本人の選択（または訂正の記録）のため、管理者は無効にできません
record-todo-void-not-allowed = 本人の選択を変えられるのは本人だけです。端末であらためて選んでもらうか、同意の取り消しを申し出てもらってください。
record-error-already-voided = 記録「{ $id }」はすでに無効です
record-todo-already-voided = 記録は不要です。「tebiki status 社員番号」に、無効（訂正）の印と理由が表示されます。
record-saved-void = 保存しました：{ $id } さんの記録 { $record } を無効にしました（訂正。台帳には両方が残ります）。
status-session = セッション：{ $session }
status-requested-on = 申し出の日：{ $day }
status-voids = 無効にする記録：{ $id }
status-voided = {"  "}［無効（訂正）：{ $reason }］

## Each record type: its word (the export's type column); .timeline, its word in the
## dashboard's timeline; .saved, what `tebiki record` says once one is written; .dash-saved
## and .dash-confirm, what the dashboard says before and after writing one.
record-type-consent = 回答
    .timeline = 回答
record-type-withdrawal = 同意の取り消し
    .timeline = 取り消し
    .saved = 保存しました：{ $who } さんの同意の取り消し
    .dash-saved = 保存しました：{ $name }（{ $id }）の同意の取り消し。
    .dash-confirm = { $day } に、同意の取り消しを申し出た
record-type-stage = 段階の変更
    .timeline = 段階
    .saved = 保存しました：{ $who } さんの段階の変更
    .dash-saved = 保存しました：{ $name }（{ $id }）の段階。
    .dash-confirm = 段階を「{ $stage }」にする
record-type-followup = フォローアップ
    .timeline = フォローアップ
    .saved = 保存しました：{ $who } さんのフォローアップ
    .dash-saved = 保存しました：{ $name }（{ $id }）のフォローアップ。
    .dash-confirm = フォローアップの面談。次回は { $due }
record-type-attendance = 説明会に参加
    .timeline = 説明会に参加
    .saved = 保存しました：{ $who } さんの説明会参加
    .dash-saved = 保存しました：{ $name }（{ $id }）の説明会への参加。
    .dash-confirm = 説明会「{ $session }」（{ $day }）に参加した
record-type-champion = 推進役
    .timeline = 推進役
    .saved = 保存しました：{ $who } さんの推進役の記録
    .dash-saved = { $pairing ->
        [yes] { $active ->
            [yes] 保存しました：推進役 { $name }（{ $id }）が { $other } さんを担当します。
           *[no] 保存しました：推進役 { $name }（{ $id }）は { $other } さんの担当をやめました。
        }
       *[no] { $active ->
            [yes] 保存しました：{ $name }（{ $id }）を推進役にしました。
           *[no] 保存しました：{ $name }（{ $id }）は推進役ではなくなりました。
        }
    }
    .dash-confirm = { $pairing ->
        [yes] { $active ->
            [yes] 推進役として { $other } さんを担当する
           *[no] 推進役として { $other } さんの担当をやめる
        }
       *[no] { $active ->
            [yes] 推進役になる
           *[no] 推進役をやめる
        }
    }
record-type-void = 訂正（記録の無効化）
    .timeline = 訂正
    .dash-saved = 保存しました：{ $name } さん（{ $id }）の記録を無効にしました（訂正）。
    .dash-confirm = 次の記録を無効にする：{ $record }
record-type-recovery = 書き込み中断からの復旧
    .timeline = 復旧
