# 管理ダッシュボード（tebiki admin）：カバー率、人、フォローアップ、推進役。

dash-app-name = tebiki 管理
dash-title = ダッシュボード
dash-person-title = 個人の詳細
dash-by = 記録者：{ $name }

## ビュー
dash-view-overview = 概要
dash-view-people = 人を探す
dash-view-followups = フォローアップ
dash-view-champions = 推進役

## キーと操作
dash-key-views = 1-4
dash-key-pages = PgUp/PgDn
dash-more-below = ▼ 続きがあります：PgDn
dash-key-s = s
dash-key-f = f
dash-key-a = a
dash-key-x = x
dash-key-c = c
dash-key-t = t
dash-key-w = w
dash-act-views = 画面
dash-act-next-view = 次の画面
dash-act-prev-view = 前の画面
dash-act-open = 開く
dash-act-department = 部署
dash-act-page = ページ送り
dash-act-stage = 段階
dash-act-followup = フォローアップ
dash-act-assign = 担当割当
dash-act-end-pairing = 担当解除
dash-act-champion = 推進役
dash-act-clear = 検索を消す
dash-act-attendance = 参加の記録
dash-act-withdrawal = 同意の取り消し
dash-act-void = 訂正
dash-act-confirm-void = 無効にする
dash-act-select-record = 選ぶ
dash-act-confirm-withdrawal = 取り消しを記録

## 読み込み
dash-loading = 記録を読み込んでいます… { $pct }%
dash-reloading = ファイルが変わったため、記録を読み直しています… { $pct }%
dash-load-failed = 記録を読み込めませんでした：{ $reason }。データフォルダーを確認してから、tebiki admin をもう一度起動してください。
dash-unreadable = 読めない記録 { $n ->
   *[other] { $count }
} 行
dash-not-used = 使っていない記録 { $n ->
   *[other] { $count }
} 件（ほかの記録の ID を使った記録、最新の封印より前にさかのぼった記録や未来の日時の記録、またはほかの端末のファイルにある記録）
dash-odd-entries = 通常の記録ファイルではない記録フォルダーの項目（リンク、フォルダーなど） { $n ->
   *[other] { $count }
} 個
dash-left-out = { $what }は、集計に含めていません。tebiki verify を実行してください。
dash-seal-not-trusted = 最新の封印（{ $seal }）がないか、信頼する鍵の署名がありません：封印のあとに記録が変えられた可能性があります。tebiki verify を実行してください。
dash-seal-no-signers = 封印されています（最新：{ $seal }）が、信頼する封印の鍵（seal-signers）が設定されていないため、封印を確かめていません。監査担当者の鍵の写しで tebiki verify を実行してください。
dash-signers-line = 信頼する封印の鍵の行（{ $place }{ $n ->
    [1] {""}
   *[other] ほか、全 { $n } 行
}）を読めないため、使っていません。信頼するはずの鍵が抜けている可能性があります。直してから tebiki verify を実行してください。
dash-chain-broken = 記録の連鎖が { $place } で切れています：そこから先の { $n } 件は集計に含めていません。! の付いた人（赤）の表示は正しくない可能性があります。tebiki verify を実行してください。
dash-seal-mismatch = { $n ->
    [1] { $file } は
   *[other] { $file } など { $n } 個のファイルは
}、{ $seal } が封印した内容を保っていません（変えられたか、短くなったか、消されています）。表示は、封印のあとに変えられた記録にもとづいている可能性があります。tebiki verify を実行してください。
dash-person-suspect = この人の記録が、記録の連鎖が切れた箇所にあり、集計に含めていません：表示が正しくない可能性があります。tebiki verify を実行してください。
dash-roster-unreadable = 名簿（roster.csv）を読み込めませんでした。記録にある人だけを表示しています。tebiki roster import で取り込み直してください。

## 利用者
dash-pin-prompt = ダッシュボードを開くには管理者PINを入力してください。
dash-name-title = ダッシュボードを使うのはどなたですか？
dash-name-why = ここで記録する段階の変更・フォローアップ・担当の割り当てには、すべてこの名前が残ります。
dash-name-label = お名前：
dash-name-missing = 先にお名前を入力してください。記録には記録者の名前が必要です。

## 概要
dash-department = 部署：
dash-all-departments = すべての部署
dash-no-department = （部署なし）
dash-people-count = { $n ->
   *[other] { $count } 人
}
dash-coverage-roster = カバー率：名簿のうち、説明・手続きを実施済みの人
dash-coverage-ledger = カバー率：記録にある人のうち、説明・手続きを実施済みの人（名簿は未登録）
dash-coverage-figures = { $pct }%（{ $of } 人中 { $n } 人）
dash-stage-heading = 移行の段階
dash-stage-aside = 別枠
dash-consent-heading = 同意の状態
dash-overview-summary = 推進役：{ $champions } 人　未完了のフォローアップ：{ $open } 件（うち期日超過 { $overdue } 件）
dash-col-department = 部署
dash-col-people = 人数
dash-col-reached = 実施済み
dash-col-overdue = 期日超過

## 人を探す
dash-search = 検索：
dash-found = { $n } 人が該当
dash-nobody-found = 該当する人がいません。社員番号か名前で検索してください（全角・半角、大文字・小文字、空白、ひらがな・カタカナの違いは区別しません）。
dash-nobody-filtered = 絞り込み（{ $filters }）に当てはまる人がいません。v で絞り込みを変えられます。
dash-nobody-in-view-filtered = この画面には、絞り込み（{ $filters }）に当てはまる人がいません。v で絞り込みを変えられます。
dash-nobody-found-filtered = 検索で見つかった人のうち、絞り込み（{ $filters }）に当てはまる人がいません。v で絞り込みを変えるか、Esc で検索を消してください。
dash-empty = まだ誰もいません：名簿が登録されておらず、台帳にも記録がありません。「tebiki roster import ファイル.csv」で名簿を登録すると、案内する全員が一覧に出ます。端末（「tebiki」）や説明会（「tebiki present」）で記録された選択は、記録されしだいここに表示されます。
dash-col-id = 社員番号
dash-col-name = 名前
dash-col-consent = 同意
dash-col-stage = 段階

## 個人の詳細
dash-field-consent = 同意
dash-field-stage = 段階
dash-field-champion = 推進役
dash-field-supported-by = 担当の推進役
dash-field-supports = 担当している人
dash-field-followup = フォローアップ
dash-policy-version = （方針 { $version }）
dash-champion-yes = 推進役
dash-champion-no = 推進役ではない
dash-nobody = なし
dash-none-open = 予定なし
dash-next-due = 次回 { $due }
dash-next-due-late = 次回 { $due }（{ $days ->
   *[other] { $days }
} 日超過）
dash-history-heading = 履歴（{ $n } 件）
dash-history-unreadable = 履歴を読み込めませんでした：{ $reason }。tebiki verify を実行してください。
dash-history-pairs = { $id } を担当
dash-history-unpairs = { $id } の担当を解除
dash-recorded-by = 記録：{ $name }

## フォローアップ
dash-followups-summary = 迷っている・併用中・フォローアップ中の人：{ $n } 人（うち期日超過 { $overdue } 人）
dash-followups-none = 迷っている人・併用中の人はいません。
dash-col-due = 期日
dash-col-note = メモ
dash-overdue-days = { $due } +{ $days }日
dash-no-date = 期日なし

## 推進役
dash-champions-summary = 推進役：{ $n } 人　担当のいない迷っている・併用中の人：{ $unsupported } 人
dash-champions-none = 推進役はまだいません。人を開いて c を押すと推進役にできます。
dash-supports-n = { $n } 人を担当
dash-supports-n-shown = { $n } 人を担当（表示は { $shown } 人）
dash-unsupported-heading = 担当の推進役のいない、迷っている・併用中の人（{ $n } 人）
dash-pick-a-person = 担当をつける人（推進役の下の人、または担当のいない人）を選んでください。
dash-no-pairing = この人には担当の推進役がいないため、解除するものがありません。

## 入力フォーム
dash-followup-title = フォローアップを記録
dash-followup-intro = { $who } さんと話した内容と、次に話す日を記録します。
dash-followup-note = メモ：
dash-followup-due = 次回の期日：
dash-followup-hint = 日付は年・月・日の順に入力してください（例：2026-12-08、2026/12/8）。Tab で項目を移動します。
dash-due-invalid = 「{ $typed }」は日付として読めません。2026-12-08 や 2026年12月8日 のように、年・月・日の順に入力してください。まだ保存していません。
dash-no-such-day = 「{ $typed }」という日はありません（{ $month } は { $days } 日までです）。まだ保存していません。
dash-due-past = { $typed } は今日（{ $today }）より前です。今日以降の日付にしてください。まだ保存していません。
dash-due-far = { $typed } は 1 年より先です。{ $limit } までの日付にしてください。まだ保存していません。
dash-stage-title = 段階の変更を記録
dash-stage-intro = { $who } さんは今どの段階ですか？ ↑↓ で選んでください。
dash-stage-note = メモ（任意）：
dash-withdrawal-title = 同意の取り消し
dash-withdrawal-intro = { $who } さんから同意を取り消したいとの申し出がありました。記録すると同意は終了して段階は「利用しない」になり、LINE WORKS を使う前の連絡方法に戻ります。
dash-withdrawal-day = 申し出の日：
dash-withdrawal-note = メモ（任意）：
dash-withdrawal-hint = 申し出の日を年・月・日の順に入力してください（例：2026-11-20）。Tab で項目を移動し、Enter で取り消しを記録します（Esc でキャンセル）。
dash-withdrawal-nothing = 取り消せる同意がありません。この人はまだ同意していません。何も保存していません。
dash-withdrawal-already = 取り消せる同意がありません。この人は同意をすでに取り消しています。何も保存していません。
dash-withdrawal-before-consent = 申し出の日は、同意した日（{ $given }）より前にはできません。{ $given } 以降の、実際に申し出があった日を入力してください。まだ何も保存していません。
dash-esc-again = もう一度 Esc を押すと、入力した内容を捨てて閉じます。Enter で続けます。
dash-withdrawal-expired = この人の同意は { $date } に、以前の方針の版（{ $version }）に対して行われたものです。今の版には及びませんが、この人がまだそれに従っていることもあるため、この取り消しでその同意を終わらせます。記録にはその版を残します。
dash-withdrawal-uncertain = 取り消せる同意が見つかりませんが、この人の記録の一部を使えなかったため、取り消しはそのまま記録します。それらの記録がどうであっても取り消しは有効です。申し出の内容と日付を書面でも残し、tebiki verify を実行してください。
dash-attendance-title = 説明会への参加
dash-attendance-intro = { $who } さんはいつ、どの説明会に参加しましたか？
dash-attendance-session = 説明会：
dash-attendance-day = 参加した日：
dash-attendance-note = メモ（任意）：
dash-attendance-hint = 日付は年・月・日の順に入力してください（例：2026-11-20）。Tab で項目を移動します。
dash-session-missing = 説明会の名前を入力してください（制御文字は使えません）。まだ保存していません。
dash-day-invalid = 「{ $typed }」は日付として読めません。2026-11-20 や 2026年11月20日 のように、年・月・日の順に入力してください。まだ保存していません。
dash-day-future = { $typed } は今日（{ $today }）より後です。今日以前の日付にしてください。まだ保存していません。
dash-day-long-ago = { $typed } は 1 年より前です。{ $limit } 以降の日付にしてください。まだ保存していません。
dash-pick-title = 担当の推進役を割り当て
dash-pick-intro = { $who } さんを担当するのは誰ですか？ 入力すると推進役を絞り込めます。
dash-pick-none = 該当する推進役がいません。先に誰かを推進役にしてください（その人を開いて c）。
dash-field-cut = 長すぎたため、最初の200文字だけを残しました。
dash-field-cleaned = 入力した内容に制御文字が含まれていたため、入力しませんでした。もう一度入力してください。

## 保存のあと
dash-save-failed = 保存できませんでした（入力した内容は残っています）：{ $reason }
dash-stage-needs-consent = 自分のスマートフォンで使う段階（併用中・移行済み）にするには、今の方針での本人の同意が必要です。先に端末（キオスク）で手続きをしてもらってください。

## 記録する前の確認
dash-act-record = 記録する
dash-act-not-yet = 戻る
dash-stage-close-followup = 対応中のフォローアップをこの変更で終える（Space）
dash-confirm-title = この内容で記録しますか？
dash-confirm-who = 対象
dash-confirm-what = 記録
dash-confirm-note = メモ
dash-confirm-by = 記録者
dash-confirm-followup-label = フォローアップ
dash-confirm-followup-kept = 対応中のまま
dash-confirm-followup-closed = この変更で終える
dash-confirm-permanent = 記録はすべて台帳に残り、あとから書き換えたり消したりはできません。Enter で記録、Esc で記録せずに戻ります。
dash-key-slash = /
dash-act-search = 検索
dash-act-leave-search = 検索欄を離れる

## 絞り込みと並び順
dash-key-v = v
dash-key-o = o
dash-key-left-right = ←→
dash-act-filter = 絞り込み
dash-act-sort = 並び順
dash-act-change = 変更
dash-filter-title = 一覧の絞り込み
dash-filter-intro = どの画面の一覧も、当てはまる人だけを表示します。↑↓ で行を選び、←→ で変えます。
dash-filter-department = 部署
dash-filter-stage = 移行段階
dash-filter-consent = 同意
dash-filter-overdue = フォローアップ
dash-filter-all = すべて
dash-filter-overdue-only = 期日超過のみ
dash-in-use-without-consent = 有効な同意なしで自分のスマートフォンを使っている人（併用中・移行済み）が { $n ->
   *[other] { $count }
} 人います：tebiki report で確認してください。
dash-filtered-by = 絞り込み：{ $filters }（v で変更）
dash-filtered-by-lists = 一覧の絞り込み：{ $filters }（この画面の数字は部署だけで絞り込みます。v で変更）
dash-filter-pair = { $label }：{ $value }
dash-sorted-by = 並び順：{ $order }
dash-sort-due = 期日
dash-sort-name = 氏名
dash-sort-department = 部署

## 誤った記録の訂正（人のページで v）
dash-void-title = 誤った記録の訂正
dash-void-intro = { $who } さんの次の記録は誤りのため、無効にします。台帳には元の記録と訂正の両方が残ります。
dash-void-record-id = 記録 ID：{ $id }
dash-void-note = 理由（必須）：
dash-void-hint = 誤りだった理由を入力してください。Enter で記録する内容を確認します（Esc でキャンセル）。
dash-void-note-missing = 誤りだった理由を入力してください。理由は記録と一緒に残ります。何も保存していません。
dash-void-nothing = 訂正できる記録がありません。
dash-void-own-decision = 本人の選択のため、変えられるのは本人だけです。何も保存していません。
dash-void-a-void = 訂正そのものは無効にできません。何も保存していません。
dash-void-already = すでに無効です（理由は履歴にあります）。何も保存していません。
dash-history-voided = 無効（訂正）：{ $reason }
dash-history-voids = 無効にした記録：{ $what }
