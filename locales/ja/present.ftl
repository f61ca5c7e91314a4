# 研修モード（tebiki present）：スライド、研修担当者のメモ、セッションと受講者。

cli-present-about = 研修モード：画面をスライドとして研修担当者のメモ付きで表示します。セッションでは出席と受講者それぞれの選択を記録します
cli-present-arg-lang = スライドの言語：ja、en、または両方を並べて表示する both（既定：設定の言語、次にシステムの言語）
cli-present-arg-notes = この PC で発表中の端末に連動して、研修担当者のメモ・次のスライド・経過時間を表示します

## キーと操作
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
present-act-setup-next = 次へ／開始
present-act-start = スライドを開始
present-act-slides = 前／次
present-act-jump = 移動
present-act-jump-or-next = 入力した番号のスライドへ（なければ次へ）
present-act-first-last = 最初／最後
present-act-notes = メモ
present-act-attendees = 受講者
present-act-choose-now = ここで選択
present-act-record = 出席を記録
present-act-later = 後日キオスクで
present-act-add = 受講者を追加
present-act-remove = 一覧から外す
present-act-edit = 修正
present-act-pick = 選ぶ
present-act-overview = 一覧
present-act-show = 表示
present-act-to-slides = スライドへ
present-act-to-list = 一覧に戻る
present-act-quit-anyway = 終了する
present-act-stay = 戻る

## 準備
present-both = 日本語 + English
present-setup-title = 研修モード：セッションの準備
present-setup-intro = 研修担当者の名前を入力すると研修セッションとなり、出席と受講者それぞれの選択を記録できます。受講者はスライドの途中や最後にも追加できます。
present-trainer = 研修担当者の名前
present-trainer-hint = 空欄のまま Enter を押すと、何も記録せずにスライドだけを表示します。
present-slides-only-no-attendees = スライドだけの表示のため、出席や選択は記録しません。記録するには、いったん終了（q）し、研修担当者の名前を入れて始め直してください。
present-session-id = セッション ID
present-add-id = 受講者を追加：社員番号
present-add-id-or-name = 受講者を追加：社員番号または氏名
present-overview-title = スライド一覧
present-cannot-edit = 出席を記録済みのため、修正できません。
present-editing = 内容を直して Enter を押すと、もう一度追加されます。
present-act-give-up-edit = 修正をやめる
present-edit-given-up = 修正をやめました。{ $name } さんは元のまま一覧に戻っています。
present-edit-pending = { $name } さんを修正中のため、一覧から外れています。先に Enter でもう一度追加するか、Esc で修正をやめてください。
present-attendees-count = 受講者：{ $n } 名
present-attendees-none = まだ受講者はいません。
present-roster-yes = 名簿に { $n } 名が登録されています。社員番号から氏名と部署を自動で入力します。
present-roster-no = 名簿が取り込まれていません。社員番号に続けて氏名を入力してください。
present-not-on-roster = { $id } は名簿にありません。氏名を入力すれば、そのまま追加できます。
present-name-not-on-roster = { $id } という氏名は名簿にありません。名簿にない人を追加するときは、社員番号を入力してください。
present-id-not-on-roster = { $id } に当たる社員番号・氏名は名簿にありません。名簿にある人だけを記録します。入力を確かめるか、最新の名簿を取り込んでください。
present-no-roster = { $id } の氏名を入力してください。
present-already-listed = { $id } はすでに一覧にあります。
present-added = 追加しました：{ $name }（{ $id }）
present-add-pending = 入力中の受講者がまだ追加されていません。Enter で追加するか、欄を空にしてください。
present-trainer-missing = 受講者を記録するには、研修担当者の名前を入力してください。
present-session-id-missing = セッション ID を入力してください。

## スライド
present-more-below = ▼ 続きがあります：↓
present-jump = スライド { $n } へ移動：Enter を押してください
present-last-slide = 最後のスライドです。
present-no-such-slide = スライド { $n } はありません（1～{ $of }）。
present-no-session = セッションなしで表示しているため、出席は記録していません。
present-notes-title = 研修担当者のメモ
present-no-notes = このスライドにはメモがありません。
present-notes-cut = …続きはメモ用の画面で（tebiki present --notes）

## 受講者
present-attendees-title = 受講者と選択
present-session-line = セッション { $id } ・ 研修担当者：{ $trainer }
present-attendance-pending = { $n } 名の出席がまだ記録されていません。一覧を確認してから s を押して記録してください。
present-attendance-all = ✓ { $n } 名全員の出席を記録しました。
present-status-pending = 未選択
present-status-decided-before = 以前に回答済み
present-status-kiosk = 後日キオスクで選択
present-attendees-legend = ✓ 出席記録済み ・ Enter：この端末で今選択する ・ l：後日キオスクで選択する
present-attendance-saved = ✓ { $n } 名の出席を保存しました。
present-later-saved = ✓ 保存しました：{ $name } さんは後日キオスクで選択します。
present-save-failed = ✗ 保存できませんでした。何も記録されていません：{ $reason }
present-no-attendees = まだ一覧に受講者がいません。Tab で追加してください。
present-attendance-done = 一覧の全員の出席はすでに記録されています。
present-record-first = 先に出席を記録してください（s）。
present-already-chosen = { $name } さんはすでに選択を済ませています。
present-other-name = 社員番号 { $id } の記録は { $name } さんとは別の名前のため、この社員番号では選択できません。ご本人と社員番号を確かめてください。何も記録していません。
present-later-confirm = もう一度 l を押すと、{ $name } さんが後日キオスクで選択することを記録し、{ $days } 日後を期日とするフォローアップを残します。ほかのキーでは何も記録しません。
present-already-later = すでに「後日キオスクで選択」になっています。
present-later-has-consent = { $name } さんの同意は有効です。あとでキオスクで選ぶことはないため、何も記録していません。
present-cannot-remove = 出席を記録済みのため、一覧から外すことはできません。
present-followup-note = 後日キオスクで選択（セッション { $session }）

## 終了
present-quit-title = 研修モードを終了しますか？
present-quit-text = 出席の記録または選択が済んでいない受講者が { $n } 名います。今終了すると、その分は記録されないままになります。保存済みの記録はそのまま残ります。
present-quit-keys = y：終了する ・ n または Esc：戻る

## メモ用の画面（tebiki present --notes）
present-follow-title = 研修担当者のメモ
present-follow-waiting = まだ発表が始まっていません。この PC の別の画面で「tebiki present」を起動すると（同じデータフォルダー）、ここに研修担当者のメモが表示されます。q：終了
present-follow-next = 次：{ $n }. { $title }
present-follow-last = 最後のスライドです。このあとは受講者の選択です。
present-roster-unreadable = roster.csv を読み込めなかったため、氏名は手で入力します。「tebiki roster import」で取り込み直してください。
present-status-recorded = ✓ 選択を記録済み
present-handover-title = 画面を { $name } さんに向けてください
present-handover-text = ここから先は { $name } さんご本人の選択です。ご本人だけが画面を見られるようにしてください。終わるまでスライドと一覧は表示しません。
act-attendee-ready = 準備ができた
present-choose-unshown = この説明会では、{ $total } 枚のスライドのうち { $unshown } 枚をまだ表示していません。先に表示するか（Esc でスライドへ）、このまま選んでもらうときはもう一度 Enter を押してください。
present-leave-confirm = もう一度 Esc を押すと、選ばずに終わります（何も記録しません）。ほかのキーで続けられます。
present-turn-no-quit = セッションを閉じられるのはトレーナーだけです。選ばずに終えるときは、最初の画面で Esc を押してください（何も記録しません）。
present-handover-no-quit = セッションは、画面がトレーナーに戻ってから、参加者の一覧で閉じます。
key-other = ほかのキー
act-end-turn = 選ばずに終わる（記録なし）
act-carry-on = 続ける
present-handback-title = 画面を研修担当者に向けてください
present-handback-text = { $name } さん、ありがとうございました。ここからは研修担当者が操作します。
act-show-attendees = 研修担当者：受講者一覧を表示
