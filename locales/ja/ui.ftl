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
identity-title-withdraw = 同意の取り消し：あなたについて
identity-intro = 入力した内容は、選んだ内容と一緒に記録されます。最後に、記録の控えのコードが表示されます。
identity-id = 社員番号
identity-name = 氏名
identity-dept = 部署（任意）
identity-id-missing = 社員番号を入力してください。
identity-name-missing = 氏名を入力してください。
identity-control-chars = 入力した内容に制御文字が含まれていたため、入力しませんでした。もう一度入力してください。
field-too-long = 長すぎるため、最初の200文字だけを残しました。

## 読む
progress = { $n } / { $of }
end-of-screen = — この画面はここまでです —
more-below = ▼ 続きがあります：↓ またはスペースで読み進めてください
    .wide = 続きがあります：下矢印キーまたはスペースで読み進めてください
more-below-short = ▼ 続きは ↓
more-below-scroll = ▼ 続きがあります：↓ で読み進めてください
    .wide = 続きがあります：下矢印キーで読み進めてください
more-below-page = ▼ 続きがあります：PgDn で読み進めてください
    .wide = 続きがあります：Page Down キーで読み進めてください
read-to-end-first = まず、この画面を最後まで読んでください（↓ またはスペース）。
read-to-end-or-decide = まず、この画面を最後まで読んでください（↓ またはスペース）。読まずに「使わない」「今は使わない」を選ぶなら、もう一度 → を押してください。

## 確認の質問
check-counter = 質問 { $n } / { $of }
check-correct = ✓ 質問 { $n } は正解です。次の質問です。
check-wrong = ✗ 違います。
check-explained-on = 「{ $title }」（{ $n } 画面目）で説明しています。
check-wrong-options = Enter：その画面を読み直す ・ Esc：この質問にもう一度答える
check-skip-confirm = 「使わない」「今は使わない」を選ぶなら、質問に答えずに選択へ進めます：もう一度 → を押してください（同意するには正しい答えが必要です）。
check-decide-without = 同意するときだけ答えが必要です。「使わない」「今は使わない」は → を 2 回。
choice-check-first = 同意するには、この前の画面の質問に先に答えてください（Esc で戻れます）。「使わない」「今は使わない」には答えは要りません。
choice-read-first = 同意するには、先に説明を最後まで読んでください（Esc で読んでいた画面に戻れます）。「使わない」「今は使わない」は読まなくても選べます。
check-all-correct = ✓ { $n ->
   *[other] { $n } 問すべてに正しく答えました。
}
check-all-correct-next = Enter：選択へ進む ・ Esc：前の画面に戻る

## 選択
choice-not-now = 今は使わない：当面は、今と同じ方法で連絡を受けます。
choice-not-now-ends = 今は使わない：当面は、LINE WORKS を使う前と同じ方法で連絡を受けます。
choice-refuse = 使わない：自分のスマートフォンで LINE WORKS を使いたくありません。
choice-reasons-heading = 理由（任意。当てはまるものにチェック）：
choice-no-penalty = どれを選んでも不利になることはありません。あとから考えを変えることもできます。
choice-nothing-chosen = まず、三つの答えから一つを選んでください（↑↓ で移って、スペースキーで選びます）。
choice-move-first = まず ↑ か ↓ で答えに移ってから、スペースキーで選んでください。

## 保存の前の確認
person-who = { $name }（社員番号 { $id }）
review-title = 選択の内容を確認してください
review-given = 自分のスマートフォンで LINE WORKS を使うことに同意し、次のことを確認しました：
review-deferred = 今は使わない：今の連絡方法のままです。
review-refused = 使わない：今の連絡方法のままです。
review-deferred-ends = 今は使わない：LINE WORKS を使う前と同じ方法で連絡を受けます。
review-refused-ends = 使わない：LINE WORKS を使う前と同じ方法で連絡を受けます。
review-ends-consent = 以前の同意は、この選択で終わります（同意を取り消すのと同じです）。
review-reasons = 理由：
review-confirm = Enter：この内容で保存する ・ Esc：選び直す
save-failed = ✗ 選択は保存されていません。係の人に声をかけてください。
save-failed-long = ✗ 記録を書き込めなかったため、選択は保存されていません。何も記録されていません。係の人に声をかけてください。

## 控え
receipt-countdown-session = { $n } 秒後に研修担当者の画面へ（Enter：すぐ戻る・ほかのキー：延長）
receipt-countdown = { $n } 秒後に最初の画面へ（Enter：すぐ戻る・ほかのキー：延長）
receipt-code-close = どのキーでも控えに戻ります。Enter で終わります。
receipt-saved = ✓ 選んだ内容を保存しました。
receipt-name = 氏名
receipt-id = 社員番号
receipt-what = 記録内容
receipt-what-given = 同意
receipt-what-deferred = 今は使わない（今の連絡方法のまま）
receipt-what-refused = 使わない（今の連絡方法のまま）
receipt-what-deferred-ends = 今は使わない（LINE WORKS を使う前の連絡方法）
receipt-what-refused-ends = 使わない（LINE WORKS を使う前の連絡方法）
receipt-what-withdrawn = 同意の取り消し
receipt-policy = 方針の版
receipt-when = 日時
receipt-code = 控えのコード
receipt-fingerprint = 記録の指紋
receipt-keep-why = この控えを保管してください（F4 でコードを撮影できます）。必要なときに人事や監査の担当者に見せれば、選択の記録が作られたときのまま台帳に残っていることを確かめてもらえます。
receipt-code-title = スマートフォン用の控えのコード
receipt-code-too-small = 画面が小さいため、コードを表示できません。80×24 以上にしてください。
receipt-code-too-small-wide = この端末は記号を全角の幅で表示するため、コードを表示するには { $width }×{ $height } 以上のウィンドウが必要です。表示するにはウィンドウを大きくしてください。下のコードでも記録を確かめられます。
link-code-too-small-wide = この端末は記号を全角の幅で表示するため、コードを表示するには { $width }×{ $height } 以上のウィンドウが必要です。表示するにはウィンドウを大きくしてください。アドレスは下にあります。
receipt-code-why = このコードを撮影して保管してください。台帳のご本人の記録を指しているので、あとで人事や監査の担当者が、作られたときのままであることを確かめられます。
receipt-code-why-written = 上の控えのコードと記録の指紋を書き留めて保管してください。台帳のご本人の記録を指しているので、あとで人事や監査の担当者が、作られたときのままであることを確かめられます。
link-code-title = このページをスマートフォンで開けます：カメラをコードに向けてください。
link-code-more = リンク { $n }／{ $count }：F4 で次のリンク、ほかのキーで本文に戻ります。
link-code-close = どのキーでも本文に戻ります。

## 同意の取り消し
withdraw-title = 同意を取り消す
withdraw-explain = 自分のスマートフォンで LINE WORKS を使うことへの同意を取り消します。これからは、LINE WORKS を使う前の連絡方法で連絡を受けます。不利益はありません。あとで改めて同意することもできます。
withdraw-confirm = Enter：同意を取り消す ・ Esc：戻る
withdraw-expired = { $date } に、以前の版の説明（方針の版 { $version }）に同意しています。説明はその後変わりましたが、その同意もここで取り消せます。
withdraw-withheld = 以前の記録の一部を確認できないため、この端末では、いま有効な同意があるかどうかを表示できません。取り消すと、そのまま記録され、これまでに同意していればその同意が終わります。
withdraw-how = あとで取り消すときは、この端末の最初の画面で「同意を取り消す」を選ぶか、{ $contact }に伝えてください。
withdraw-how-session = あとで取り消すときは、{ $contact }に伝えるか、キオスク端末の最初の画面で「同意を取り消す」を選んでください。

## ヘルプ
help-title = ヘルプ
help-intro = この画面で使えるキー：
help-decide-without = 読み終えずに、または質問に答えずに「使わない」「今は使わない」を選ぶには：最後まで読んでいない画面か確認の質問で → を押し、少し待ってから、もう一度 → を押します。

## キー（キーボードの刻印）
key-enter = Enter
key-space = スペース
key-esc = Esc
key-q = q
key-tab = Tab
key-shift-tab = Shift+Tab
key-up-down = ↑↓
    .wide = 上下の矢印
key-left-right = ←→
    .wide = 左右の矢印
key-home-end = Home/End
key-page-down-up = PgDn/PgUp
key-f1 = F1
key-f2 = F2
key-f4 = F4
key-help = F1/?
key-backspace = Backspace
key-ctrl-u = Ctrl+U
key-delete = Delete

## キーの働き
act-start = 始める
act-withdraw-start = 取り消しへ進む
act-read-notice = 読む
act-next = 次へ
act-next-field = 次の欄
act-prev-field = 前の欄
act-next-item = 次の選択肢
act-prev-item = 前の選択肢
act-back-to-check = 質問に戻る
act-answer = 答える
act-read-again = 読み直す
act-try-again = もう一度答える
act-review = 確認して保存
act-save = 保存
act-withdraw = 同意を取り消す
act-change = 選び直す
act-finish = 終わる
act-leave-undecided = 決めずに終わる
act-receipt-code = スマホ用コード
act-link-code = スマホで開く
act-tick = 選ぶ
act-page-down = 次のページ
act-scroll = スクロール
act-read-below = 答えの下の説明を読む
act-move = 移動
act-pages = 前／次の画面
act-top-bottom = 先頭／末尾
act-back = 戻る
act-quit = 終了
act-language = 言語
act-help = ヘルプ
act-help-more = その他
act-close = 閉じる
act-erase = 消す
act-erase-to-start = カーソルより前を消す
act-cursor = カーソル移動

too-small = ウィンドウを大きくしてください（{ $width }×{ $height } 以上）。

## 同意の状態
state-none = 未回答
state-given = 同意
state-refused = 使わない
state-deferred = 今は使わない
state-withdrawn = 取り消し
state-expired = 期限切れ（新しい方針について改めて選ぶ必要があります）

## キオスク
identity-id-invalid = 社員番号の形式が違います。もう一度確認してください。
key-f10 = F10
act-staff-exit = 係の人用：キオスクを終了する（PIN）
act-unlock = 解除
act-cancel = キャンセル
pin-title = 係の人専用
pin-prompt = このキオスクを終了するには、管理者 PIN を入力してください。
pin-try-now = もう一度 PIN を入力できます。
pin-wrong = PIN が違います。{ $unit ->
    [min] { $n } 分
   *[s] { $n } 秒
  }後（{ $until }）にもう一度試せます。
pin-wait = { $unit ->
    [min] { $n } 分
   *[s] { $n } 秒
  }待ってから（{ $until } まで）、もう一度試してください。
pin-locked = PIN を何度も間違えたため、{ $unit ->
    [min] { $n } 分
   *[s] { $n } 秒
  }間（{ $until } まで）ロックされています。管理者はこの端末で「tebiki pin unlock」を実行すると、ロックを早く解除できます。
pin-unavailable = 今は PIN を確認できません。この試行を記録できなかったためです（{ $why ->
    [full] ディスクがいっぱいです
    [readonly] データフォルダーが読み取り専用です
    [denied] データフォルダーに書き込む権限がありません
   *[other] データフォルダーの回数ファイルを読み書きできません
  }）。この端末で管理者がデータフォルダーを直すか、「tebiki pin unlock」を実行してから、もう一度試してください。
key-any = いずれかのキー
act-still-here = 続ける
idle-title = まだ操作していますか？
idle-text = しばらく操作がありません。{ $n } 秒後に、次の方のために最初の画面に戻り、入力した内容は消去されます。続けるには、何かキーを押してください。
idle-text-saved = しばらく操作がありません。選んだ内容は保存済みです。{ $n } 秒後に、次の方のためにこの画面を閉じて最初の画面に戻ります。控えのコードを控えるまで表示しておくには、何かキーを押してください。

renewal-title = 以前の同意は期限切れになりました
renewal-text = { $date } に、自分のスマートフォンを使うルール（方針の版 { $old }）に同意いただきました。その後ルールが変わり（現在の方針の版は { $new }）、以前の同意は新しいルールには及びません。あらためて画面を読み、もう一度選んでください。同意する・「今は使わない」・同意しない、どれを選んでも自由なのは以前と同じです。
renewal-what-changed = 変わった点：
renewal-no-summary = 変わった点のまとめは、ここには用意されていません。このあとの画面は、今の内容の説明です。何が変わったかは、{ $contact }に確認してください。
renewal-screens = 内容が変わった画面：{ $screens }
list-separator = 、
act-read-and-decide = 読んで選ぶ

## 本人確認：社員番号のルール、名簿、個人コード
act-choose = 選ぶ
id-problem-empty = 社員番号を入力してください。
id-problem-invisible = 社員番号に見えない文字（{ $char }、{ $at } 文字目）があります。
id-problem-digit = 0〜9 以外の数字（{ $char }、{ $at } 文字目）があります。
id-problem-space = 社員番号に空白（{ $at } 文字目）があります。
id-problem-too-long = 社員番号が { $max } 文字を超えています。確認してください。
id-problem-pattern = { $example ->
    [none] 社員番号の形式が違います。確認してください。
   *[other] 社員番号の形式が違います（例：{ $example }）。
}
identity-intro-roster = 社員番号を入力してください。次の画面に名簿の氏名が表示されるので、ご本人か確認してください。
identity-not-on-roster = この社員番号（{ $id }）は名簿にありません。番号を確かめるか、{ $contact }にお問い合わせください。
identity-not-me = 入力は消去しました。ご自分の社員番号を入力してください。
confirm-title = ご本人の確認
confirm-question = { $name }さん（{ $department }、社員番号 { $id }）でよろしいですか？
confirm-question-no-dept = { $name }さん（社員番号 { $id }）でよろしいですか？
confirm-explain = 選んだ内容はこの氏名で記録されます。ご本人でない場合は「いいえ」を選んでください。何も残りません。
confirm-namesake = 名簿には同じ氏名の人がほかに { $n } 人います。社員番号と部署がご自分のものか確かめてから、↑↓ で選んでください。
confirm-choose = ↑↓ で「はい、本人です」か「いいえ」を選んでから、Enter を押してください。
confirm-yes = はい、本人です
confirm-no = いいえ、違います
code-title = 個人コード
code-intro = 配布された用紙の個人コード（英数字 8 文字。例：7KQ2-M9XP）を入力してください。ご本人であることの確認に使います。
code-for-id = 社員番号 { $id }
code-label = 個人コード
code-missing = 個人コードを入力してください。
code-wrong = 個人コードが違います。{ $seconds } 秒後にもう一度入力できます。
code-not-issued = この社員番号には個人コードが発行されていないため、ここでは確認できません。用紙について{ $contact }にお問い合わせください。
code-unavailable = この端末では、いま個人コードを確認できません。{ $contact }にお問い合わせください。
code-wait = もう一度入力できるまで { $seconds } 秒お待ちください。
code-start-over = 個人コードが 3 回違ったため、最初の画面に戻りました。用紙をなくした場合は{ $contact }にお問い合わせください。
standing-title = 現在の記録
standing-nothing-title = 取り消せる同意がありません
standing-agreed = { $date } に、自分のスマートフォンで LINE WORKS を使うことに同意しています（方針の版 { $version }）。この同意は今も有効です。
standing-decided = { $state ->
    [refused] { $date } に、自分のスマートフォンで LINE WORKS を使わないと選びました
    [deferred] { $date } に、自分のスマートフォンで LINE WORKS を今は使わないと選びました
   *[withdrawn] { $date } に、自分のスマートフォンで LINE WORKS を使うことへの同意を取り消しました
}（方針の版 { $version }）。記録されているのはこの選択で、あらためて選ばない限り変わりません。説明をもう一度読んで選び直すことも、ここで終えることもできます。
standing-withheld = 以前の記録の一部を確認できないため、ここに表示した内容には抜けがあるかもしれません。違っていると思うときは、{ $contact }にお問い合わせください。
standing-nothing = 取り消せる有効な同意はありません。現在の選択：{ $state }。何も記録していません。
standing-unreadable = 記録を読み取れなかったため、ここでは取り消しを記録できません。何も記録していません。{ $contact }にお問い合わせいただくか、時間をおいてもう一度お試しください。
standing-other-name-title = 社員番号をご確認ください
standing-other-name = この社員番号の記録は、入力された名前とは別の名前になっているため、ここでは記録できません。何も記録していません。ご自分の社員番号であれば{ $contact }に確認を依頼してください。違う場合は、入力した社員番号を確かめてください。
standing-decide-first = 説明を読んで選ぶ
standing-decide = 説明を読んで、あらためて選ぶ
standing-withdraw = 同意を取り消す
standing-finish = 何もしないで終わる
standing-finished = 何も記録していません。ありがとうございました。

## プライバシーに関する説明（記録される項目の一覧から作ります）
welcome-notice = 記録される内容とその理由
notice-title = 記録される内容とその理由
notice-list-separator = 、
notice-group = { $heading }：{ $items }
notice-short = 選んだ内容と一緒に記録されるもの：{ $what }。保存期間：{ $retention }。理由、見られる人、あなたの権利は、最初の画面の「記録される内容とその理由」か F1 で確認できます。問い合わせ先：{ $privacy_contact }。
notice-why-heading = 記録する理由
notice-why = 自分のスマートフォンで LINE WORKS を使うことについて、どんな説明を受け、どこまで読み、何を自由に選んだかを示すための記録です。LINE WORKS への段階的な移行を進めるためにも使います。確認の質問への回答は、説明が伝わったことを示すためだけに残し、誰かの不利益になる使い方はしません。
notice-what-heading = 記録される内容
notice-not-kept = スマートフォンから読み取るものはありません。写真、連絡先、ほかのアプリはこの記録に含まれません。
notice-added-heading = 研修担当者・管理者が追加する記録
notice-added = LINE WORKS への移行の段階（例：「迷っている」）、フォローアップの面談とそのメモ、説明会への出席、推進役（チャンピオン）であるかと誰を支援しているか、本人の申し出による同意の取り消し。それぞれに記録した人の名前が残ります。
notice-readers-heading = 記録を見られる人
notice-retention-heading = 保存期間
notice-rights-heading = あなたの権利と問い合わせ先
notice-rights = 自分の記録を見ること、誤りを直すこと、利用をやめることを{ $privacy_contact }に求められます。同意はいつでも、この端末（最初の画面の「同意を取り消す」）または{ $contact }を通じて取り消すことができ、取り消したことで不利益を受けることはありません。
fields-who = 本人について
field-employee-id = 社員番号
field-employee-id-as-entered = 入力した社員番号（表記が違う場合）
field-employee-name = 氏名
field-employee-department = 部署
field-employee-verified = 本人確認の方法（名簿、個人コード、確認なし）
fields-how = 方法と場所
field-how-method = 端末で一人で行ったか、研修担当者の説明会で行ったか
field-how-mode = 係の人がいたかどうか
field-how-session = 説明会
field-how-trainer = 研修担当者の氏名
field-kiosk = 端末
field-at = 日時
field-ui-language = 画面の言語
fields-seen = 表示された説明
field-policy = この説明の方針の版（取り消しでは、取り消す同意の版）
field-content-languages = 表示された言語
field-content-sha256 = 表示された文章そのものの指紋（ハッシュ値）
field-screens = 開いた画面
field-screens-seconds = 各画面に使った秒数
field-screens-read-to-end = 最後までスクロールしたか
field-screens-fast = ざっと読むより速く進んだか
field-slides = 研修の場合、選ぶ前に映されたスライド
fields-check = 確認の質問への回答
field-check = 正解した問題の数と、1 回目で正解した数
field-check-attempts = 各問題に答えた回数
fields-choice = 選んだ内容
field-decision = 選択（同意する、今は使わない、使わない）
field-acknowledged = 理解したと確認したルール
field-purposes = 目的ごとの同意の有無
field-reasons = 選んだ理由（選んだ場合）
field-alternative = 今の連絡方法を続けられると示されたこと
field-withdraw-how = 取り消しの方法として示された内容
field-renews = 新しい選択が置き換える以前の選択
field-requested-by = 取り消しの場合、本人が申し出たこと
field-receipt = 控えのコード
fields-technical = 技術的な情報
field-technical = 記録の番号、前の記録とのつながり（改ざんを見つけるため）、プログラムの版
choice-lead = どうするかは自由に決めてください。スペースキーで一つ選んでください：
choice-ack-heading = 同意するには、次の二つを確認してください：
choice-optional-heading = { $n ->
    [1] 任意：これに同意しなくても、利用に同意できます。
   *[other] 任意：これらに同意しなくても、利用に同意できます。
}
choice-acknowledge-first = 同意するには、答えの下の二つの項目を確認してください（スペース）。または「今は使わない」か「使わない」を選んでください。
review-not-granted = 同意しない：{ $purpose }
reading-take-your-time = 前の画面は、読むにはとても短い時間で進みました。急ぐ必要はありません。ゆっくり読んでください。

# 誰も操作していないときのキオスクの待機画面
attract-press-key = 何かキーを押して開始
