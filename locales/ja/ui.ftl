# 社員向けの流れ：画面、ボタン、キーの案内、メッセージ。

language-name = 日本語
app-name = tebiki
app-title = ようこそ

## ようこそ
welcome-heading = 自分のスマートフォンで LINE WORKS を使う
welcome-intro = 業務用チャット LINE WORKS を自分のスマートフォンで使うとはどういうことかを説明します。メリット、正直なデメリット、費用、勤務時間のルール、スマートフォンをなくしたときや退職するときのことです。そのうえで、ご自身で自由に選んでください。10分ほどかかります。
welcome-choose = 言語を選んでください：
welcome-withdraw = 同意を取り消す

## あなたについて
identity-title = あなたについて
identity-intro = 入力した内容は、あなたの選択と一緒に記録されます。あなたと会社が同じ記録を持つためです。
identity-id = 社員番号
identity-name = 氏名
identity-dept = 部署（任意）
identity-privacy = 記録されるのは、社員番号、氏名、部署、あなたの選択と、日時、この端末だけです。スマートフォンから何かを読み取ることはありません。
identity-id-missing = 社員番号を入力してください。
identity-name-missing = 氏名を入力してください。
identity-control-chars = 入力に制御文字が含まれています。もう一度入力してください。
field-too-long = 長すぎるため、最初の200文字だけを残しました。

## 読む
progress = { $n } / { $of }
end-of-screen = — この画面はここまでです —
more-below = ▼ 続きがあります：↓ またはスペースで読み進めてください
read-to-end-first = まず、この画面を最後まで読んでください（↓ またはスペース）。

## 確認の質問
check-counter = 質問 { $n } / { $of }
check-correct = ✓ 正解です。
check-wrong = ✗ 違います。
check-explained-on = 「{ $title }」（{ $n } 画面目）で説明しています。
check-wrong-options = Enter：その画面を読み直す ・ Esc：この質問にもう一度答える
check-answer-first = 先に質問に答えてください。

## 選択
choice-agree-heading = 自分のスマートフォンを使う場合は、それぞれにチェックを入れてください：
choice-or-heading = または、今の連絡方法のままにする：
choice-not-now = 今は使わない：当面は今の連絡方法を使い続けます。
choice-refuse = 使わない：自分のスマートフォンで LINE WORKS を使いたくありません。
choice-reasons-heading = 理由（任意。当てはまるものにチェック）：
choice-no-penalty = どれを選んでも不利益はありません。あとから考えを変えることもできます。
choice-nothing-chosen = 同意する場合は各項目にチェックを入れてください。または「今は使わない」か「使わない」を選んでください。
choice-tick-all = 同意するには、すべての項目にチェックを入れてください。そうでなければ「今は使わない」か「使わない」を選んでください。

## 保存の前の確認
person-who = { $name }（社員番号 { $id }）
review-title = 選択の内容を確認してください
review-given = 自分のスマートフォンで LINE WORKS を使うことに同意します：
review-deferred = 今は使わない：今の連絡方法のままです。
review-refused = 使わない：今の連絡方法のままです。
review-reasons = 理由：
review-confirm = Enter：この内容で保存する ・ Esc：選び直す
save-failed = ✗ 選択は保存されていません。係の人に声をかけてください。
save-failed-long = ✗ 記録を書き込めなかったため、選択は保存されていません。何も記録されていません。係の人に声をかけてください。

## 控え
receipt-saved = ✓ あなたの選択を保存しました。
receipt-name = 氏名
receipt-id = 社員番号
receipt-what = 記録内容
receipt-what-given = 同意
receipt-what-deferred = 今は使わない（今の連絡方法のまま）
receipt-what-refused = 使わない（今の連絡方法のまま）
receipt-what-withdrawn = 同意の取り消し
receipt-policy = ポリシーの版
receipt-when = 日時
receipt-code = 控えの番号
receipt-fingerprint = 記録の指紋
receipt-keep-why = この控えを保管してください（F4 でコードを撮影できます）。これがあれば、ご本人やご本人が頼んだ人が、選択の記録が作られたときのまま台帳に残っていることを確かめられます。
receipt-code-title = スマートフォン用の控えのコード
receipt-code-too-small = 画面が小さいため、コードを表示できません。80×24 以上にしてください。
receipt-code-why = このコードを撮影して保管してください。台帳のご本人の記録を指しているので、あとで「tebiki verify --receipt」により、作られたときのままであることをだれでも確かめられます。
link-code-title = このページをスマートフォンで開けます：カメラをコードに向けてください。
link-code-more = リンク { $n }／{ $count }：F4 で次のリンク、ほかのキーで本文に戻ります。
link-code-close = どのキーでも本文に戻ります。

## 同意の取り消し
withdraw-title = 同意を取り消す
withdraw-explain = 自分のスマートフォンで LINE WORKS を使うことへの同意を取り消します。これからは、また今の連絡方法で連絡を受けます。不利益はありません。あとで改めて同意することもできます。
withdraw-confirm = Enter：同意を取り消す ・ Esc：戻る
withdraw-how = あとで取り消すときは、この端末の最初の画面で「同意を取り消す」を選ぶか、{ $contact }に伝えてください。

## ヘルプ
help-title = ヘルプ
help-intro = この画面で使えるキー：

## キー（キーボードの刻印）
key-enter = Enter
key-space = スペース
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

## キーの働き
act-start = 始める
act-next = 次へ
act-next-field = 次の欄
act-prev-field = 前の欄
act-back-to-check = 質問に戻る
act-answer = 答える
act-read-again = 読み直す
act-try-again = もう一度答える
act-review = 確認して保存
act-save = 保存
act-change = 選び直す
act-finish = 終わる
act-receipt-code = スマホ用コード
act-link-code = スマホで開く
act-tick = チェック
act-page-down = 次のページ
act-scroll = スクロール
act-move = 移動
act-pages = 前／次の画面
act-top-bottom = 先頭／末尾
act-back = 戻る
act-quit = 終了
act-language = 言語
act-help = ヘルプ
act-close = 閉じる
act-erase = 消す
act-cursor = カーソル移動

too-small = ウィンドウを大きくしてください（{ $width }×{ $height } 以上）。

## 同意の状態
state-none = 未回答
state-given = 同意
state-refused = 使わない
state-deferred = 今は使わない
state-withdrawn = 取り消し
state-expired = 期限切れ（新しいポリシーについて改めて選ぶ必要があります）

## キオスク
identity-id-invalid = 社員番号の形式が違います。もう一度確認してください。
key-f10 = F10
act-staff-exit = 係員用：キオスクを終了する（PIN）
act-unlock = 解除
act-cancel = キャンセル
pin-title = 係員専用
pin-prompt = このキオスクを終了するには、管理者 PIN を入力してください。
pin-wrong = PIN が違います。{ $n } 秒後にもう一度試せます。
pin-wait = { $n } 秒待ってから、もう一度試してください。
pin-locked = PIN を何度も間違えたため、{ $n } 分間ロックされています。
idle-title = まだ操作していますか？
idle-text = しばらく操作がありません。{ $n } 秒後に、次の方のために最初の画面に戻り、入力した内容は消去されます。続けるには、何かキーを押してください。

renewal-title = 以前の同意は期限切れになりました
renewal-text = { $date } に、自分のスマートフォンを使うルール（{ $old } 版の方針）に同意いただきました。その後ルールが変わり（現在は { $new } 版）、以前の同意は使えなくなりました。あらためて画面を読み、もう一度選んでください。同意する・「今はしない」・同意しない、どれを選んでも自由なのは以前と同じです。
renewal-what-changed = 変わった点：
renewal-no-summary = 変わった点は、このあとの画面で説明します。
renewal-screens = 内容が変わった画面：{ $screens }
list-separator = 、
act-read-and-decide = 読んで選ぶ
