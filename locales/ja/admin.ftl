# 管理者向け：名簿の取り込み、書き出し、実施状況レポート、デモ用の組織データ。

cli-roster-about = 参加対象の社員名簿
cli-roster-import-about = CSV ファイルから名簿を取り込む（見出しは日本語・英語どちらでも可。Excel の UTF-8 / Shift_JIS に対応）。すべての行に問題がないときだけ、今の名簿を置き換えます。
cli-roster-import-arg-file = 社員番号・氏名・部署（任意）・メールアドレス（任意）の列がある CSV ファイル
cli-roster-import-arg-encoding = ファイルの文字コード：utf-8 または cp932（Shift_JIS）。指定しなければ自動で判定します
cli-roster-import-arg-dry_run = 取り込まずに、追加・削除・変更される人を表示する
cli-roster-import-arg-yes = 多くの人が名簿から外れる場合や、部署・メールアドレスの列がなく全員の値が消える場合でも、取り込む
cli-export-about = すべての端末の記録をまとめて、人事・法務・スクリプト向けに書き出す
cli-export-arg-format = csv（1 記録 1 行。Excel で日本語を正しく開くには --excel を付ける）、json（チェックポイント付きの 1 文書）、jsonl（すべての記録を保存されたとおりに）、receipts（同意・取り消しの記録ごとに ISO/IEC TS 27560 形式の同意の控え、JSON Lines）
cli-export-arg-output = 標準出力ではなく、このファイルに書き出す（書き出しが終わったときにだけ置き換えます）
cli-export-arg-since = この日（YYYY-MM-DD、現地時間）またはこの時刻（RFC 3339）以降に起きたこと（記録に発生日時があればそれ、なければ記録日時）だけ
cli-export-arg-until = この日（YYYY-MM-DD、現地時間）またはこの時刻（RFC 3339）までに起きたこと（記録に発生日時があればそれ、なければ記録日時）だけ
cli-export-arg-status = 指定した回答（given、refused、deferred）の同意記録、取り消しの記録（withdrawn）、または指定した段階の段階記録だけ。複数はカンマ区切り
cli-export-arg-dept = この部署の記録だけ（記録ごとに残っている部署、つまり記録した時点の部署で選びます。report は名簿の今の部署で数えます）。複数回指定できます
cli-export-arg-excel = Excel 向けの CSV：BOM 付き UTF-8（--encoding cp932 なら Shift_JIS）。ダブルクリックで開くと、000123 のような社員番号は数値（123）になります。そのまま残すには「データ」>「テキストまたは CSV から」で開き、社員番号の列を「文字列」にしてください
cli-export-arg-encoding = CSV の文字コード：utf-8 または cp932（Shift_JIS、日本語版 Excel 向け）
cli-report-about = 名簿に対する実施状況、同意の状態・移行段階・部署ごとの人数、期限を過ぎたフォローアップ
cli-report-arg-format = 出力形式
cli-report-arg-limit = テキスト形式で各一覧に表示する人数（0 ならすべて）
cli-demo-about = 管理機能のお試しや性能測定のために、実在しそうな架空の組織データ（名簿と記録）を作る
cli-demo-arg-employees = 社員数
cli-demo-arg-seed = シード値：同じ日なら、同じ値で同じ組織データになります（履歴はその日の始まりまで）
cli-demo-arg-force = データフォルダーにすでに記録や名簿があっても書き込む（記録には追記し、名簿は置き換えます）

roster-progress = 名簿を読み込み中
roster-column-employee-id = 社員番号
roster-column-name = 氏名
roster-column-department = 部署
roster-column-email = メールアドレス
roster-imported = { $file }（{ $encoding }）から、{ $nd ->
       *[other] { $departments }
    } 部署・{ $n ->
       *[other] { $count }
    } 人を取り込みました。
roster-saved = { $path } に保存しました。
roster-saved-replacing = { $path } に保存しました（以前の名簿 { $n ->
       *[other] { $count }
    } 人分を置き換えました）。
roster-blank-rows = 空の行を { $count } 行飛ばしました。
roster-ignored-columns = 次の列は使いませんでした：{ $columns }
roster-error-workbook = このファイルは Excel のブック（.xlsx または .xls）で、CSV のテキストではありません
roster-error-utf16 = このファイルは UTF-16（Excel の「Unicode テキスト」）のため、CSV として読み込めません
roster-error-encoding = このファイルには、{ $encoding } として読めない文字があります
roster-error-empty = ファイルが空です（見出しの行がありません）
roster-error-no-rows = 見出しの行はありますが、社員の行がありません
roster-todo-semicolons = このファイルは値をセミコロン（;）で区切っているようです。カンマ区切りの CSV で保存し直してください（Excel：「CSV UTF-8（コンマ区切り）」）
roster-error-missing-columns = 見出しに次の列がありません：{ $columns }（見出し：{ $header }）
roster-error-duplicate-column = 「{ $first }」と「{ $second }」の 2 つの列が、どちらも{ $column }を表しています
roster-error-bad-rows = 名簿の { $count } 行に問題があるため、何も取り込みませんでした
roster-more-bad-rows = …ほかに問題のある行が { $count } 行あります
roster-row-missing-id = 社員番号が空です
roster-row-missing-name = 氏名が空です
roster-row-duplicate = 社員番号「{ $id }」は { $line } 行目と重複しています
roster-row-line-break = { $column }が複数の行にまたがっています：ダブルクォート（"）の中の改行か、閉じられていないダブルクォートのため、あとの行まで値として読まれています
roster-row-unsafe = { $column }の { $at } 文字目に、見えない文字または制御文字（{ $char }）が含まれています。Excel では見えないことがありますが、入っています
roster-row-too-long = { $column }が { $chars } 文字あります。{ $max } 文字までにしてください
roster-row-extra-fields = 値が { $found } 個ありますが、見出しは { $expected } 列です（値の中のカンマは、値全体をダブルクォートで囲んでください）
roster-row-missing-fields = 値が { $found } 個しかありませんが、見出しは { $expected } 列です。足りないカンマを補ってください（改行を含む値は、ダブルクォートで囲まないと行が二つに分かれます）
roster-row-open-quote = この行で開いたダブルクォート（"）が閉じられていないため、ファイルの残りがすべて一つの値として読まれました。閉じるか、取り除いてください
roster-row-bad-email = 「{ $email }」はメールアドレスではありません
roster-row-unreadable = この行は CSV として読み込めません
roster-todo-file = ファイル名を確認するか、Excel で「CSV UTF-8（コンマ区切り）」として保存し直してから、もう一度お試しください。
roster-todo-workbook = Excel で「ファイル」>「名前を付けて保存」>「CSV UTF-8 (コンマ区切り) (*.csv)」を選んで保存し、その .csv ファイルを読み込んでください。
roster-todo-encoding-given = ファイルは指定した文字コードではありません。Excel で「CSV UTF-8（コンマ区切り）」として保存し直し、--encoding を付けずに読み込んでください。
roster-todo-encoding = Excel で「CSV UTF-8（コンマ区切り）」として保存し直すか、--encoding utf-8 または --encoding cp932 で文字コードを指定してください。
roster-todo-header = 1 行目には列の見出しが必要です（例：「社員番号,氏名,部署,メールアドレス」または「employee_id,name,department,email」）。
roster-todo-rows = ファイルのこれらの行を直してから、もう一度取り込んでください（今の名簿は変わっていません）。

export-progress = 書き出し中
export-standard-output = 標準出力
export-done = { $files } 個の記録ファイルの { $read } 件のうち、{ $written } 件を { $path } に書き出しました。
export-done-incomplete = 使える { $read } 件のうち { $written } 件を、{ $files } 個の記録ファイルから { $path } に書き出しました。この書き出しは不完全です（警告を参照し、tebiki verify を実行してください）。
export-csv-incomplete = 不完全な書き出し：このファイルには、{ $what }が含まれていません（{ $places }）。tebiki verify を実行し、記録を直してから書き出し直してください。
export-csv-incomplete-filtered = 不完全な書き出し：記録には{ $what }があり（{ $places }）、ここでは使っていません。その中にこの書き出しの条件に合う記録があったかもしれません。tebiki verify を実行し、記録を直してから書き出し直してください。
export-csv-left-withheld = ハッシュの連鎖が切れた箇所以降の記録 { $n ->
   *[other] { $count }
} 件
export-csv-left-lines = 読み込めなかった記録ファイルの行 { $n ->
   *[other] { $count }
} 行
export-csv-left-sealed = 封印したときの記録（記録ファイル { $n ->
   *[other] { $count }
} 個が封印した内容を保っていません：ここにある行は変えられていたり、欠けていたりする可能性があります）
export-csv-left-untrusted = { $n ->
   *[other] 最新の封印による確認（封印がないか、信頼する鍵の署名がありません）
}
export-csv-left-unchecked = { $n ->
   *[other] 封印による確認（信頼する封印の鍵が設定されていません：名前を挙げたファイルを戻すか、監査担当者の写しで確かめてください）
}
export-csv-left-signers = 読めなかった seal-signers の行 { $n ->
   *[other] { $count }
} 行の鍵で署名された封印による確認
export-csv-left-odd = 通常の記録ファイルではない記録フォルダーの項目 { $n ->
   *[other] { $count }
} 個の中の記録（あれば）
export-csv-left-backdated = 最新の封印のあとに加えられたのに封印より前の日時の記録 { $n ->
   *[other] { $count }
} 件
export-csv-left-future = 未来の日時の記録 { $n ->
   *[other] { $count }
} 件
export-csv-incomplete-more = ほか { $count } か所
export-incomplete = 書き出しは不完全です：記録の { $count } 行を読み込めなかったため、含まれていません
export-incomplete-withheld = 書き出しは不完全です：ハッシュの連鎖が切れた箇所以降の記録 { $count } 件を使わなかったため、含まれていません
export-withheld-people = 使わなかった記録は { $count } 人に関するものです：{ $ids }
export-zero-ids = 社員番号が 0 で始まる行が { $count } 行あります（例：{ $example }）。ファイルをダブルクリックで開くと、Excel はこの 0 を消してしまいます。
export-todo-zero-ids = 0 を残すには、Excel の［データ］→［テキストまたは CSV から］でファイルを開き、社員番号の列（社員番号、入力された社員番号、担当する相手）を「文字列」にしてください。
export-unmappable = Shift_JIS で表せない文字が { $count } 文字あり、〓 に置き換えました
export-cp932-changed = Shift_JIS では別の文字として書かれる文字が { $count } 文字あります（例：¥ は \、‾ は ~、− は －）
export-cp932-at = { $row } 行目、{ $column } 列目（{ $header }）：「{ $from }」が「{ $to }」になります
export-cp932-more = …ほか { $count } 文字
export-todo-unmappable = 正確なファイルが必要な場合は、--encoding を付けずに --excel を使ってください（BOM 付き UTF-8 も Excel で開けます）。
export-error-date = 「{ $value }」は日付（YYYY-MM-DD）でも時刻（RFC 3339、例：2026-11-23T09:00:00+09:00）でもありません
export-error-no-such-day = 「{ $value }」という日はありません（{ $month } は { $days } 日までです）
export-todo-range = --since には --until より前の日付か時刻を指定してください（--since は含める最初の日、--until は最後の日です）。
export-error-range = --since が --until より後のため、該当する記録がありません
export-todo-date = 日付は YYYY-MM-DD（現地時間の丸 1 日）、時刻は 2026-11-23T09:00:00+09:00 のような形で指定してください。
export-error-csv-options = { $options } は --format csv のときだけ使えます{ $n ->
   *[other] {""}
}
export-todo-csv-options = --format csv を指定するか、この形式では { $options } を外してください。
export-error-excel-terminal = Excel 向けのファイルは端末では正しく表示できません
output-error-own-file = tebiki がデータフォルダーに置いている自身のファイル（設定・名簿・コード・封印など）を置き換えるか、記録の一部として読み込まれることになります
todo-output-own-file = 別のファイルを指定してください（例：-o ~/consent.csv）。
export-todo-output = -o でファイルを指定してください（例：-o consent.csv）。保存先のフォルダーがあり、書き込めることも確認してください。

report-progress = 記録を読み込み中
report-title = 実施状況レポート　{ $time }（{ $tz }）
report-sources = 記録：{ $files } ファイル・{ $records } 件　対象者：{ $employees } 人　方針：{ $policy }
report-sources-roster = 記録：{ $files } ファイル・{ $records } 件　対象者：{ $employees } 人（名簿 { $roster } 人、名簿にない { $extra } 人）　方針：{ $policy }
report-duplicates = { $count } 件の記録が複数のファイルにあったため、1 件として数えました。
report-incomplete = レポートは不完全です：記録の { $count } 行を読み込めませんでした
report-incomplete-withheld = レポートは不完全です：ハッシュの連鎖が切れた箇所以降の記録 { $count } 件を使いませんでした
report-withheld-people = 使わなかった記録は { $count } 人に関するもので、このレポートでのその人たちの状態には記録が欠けている可能性があります：{ $ids }
report-coverage = ■ 名簿に対するカバー率（名簿の { $n ->
   *[other] { $people }
} 人）
report-coverage-no-roster = ■ 名簿に対するカバー率
report-reached = 実施済み
report-never = 未実施
report-reached-undecided = 実施済みのうち、まだ回答していない人：{ $count } 人（下に一覧）
report-no-roster = 名簿が取り込まれていません。「tebiki roster import ファイル.csv」で取り込むと、まだ案内を受けていない人がわかります。
report-not-on-roster-count = 記録にある { $n ->
       *[other] { $count }
    } 人が名簿に載っていません。
report-consent = ■ 同意の状態（全 { $n ->
   *[other] { $people }
} 人に対する割合）
report-consent-none = 未回答
report-consent-given = 同意
report-consent-deferred = 今は使わない
report-consent-refused = 使わない
report-consent-withdrawn = 取り消し
report-consent-expired = 期限切れ
report-stage = ■ 移行の段階（全 { $n ->
   *[other] { $people }
} 人に対する割合）
report-stage-not_started = 未着手
report-stage-informed = 案内済み
report-stage-hesitant = 迷っている
report-stage-parallel = 併用中
report-stage-migrated = 移行済み
report-stage-opted_out = 利用しない
report-champions = 推進役：{ $count } 人
report-followups = ■ フォローアップ：対応中 { $open } 件、期日超過 { $overdue } 件
report-departments = ■ 部署別（全 { $n ->
   *[other] { $people }
} 人）
report-col-department = 部署
report-col-employees = 人数
report-col-reached = カバー率
report-col-given = 同意
report-col-deferred = 今は使わない
report-col-refused = 使わない
report-col-withdrawn = 取り消し
report-col-parallel = 併用中
report-col-migrated = 移行済み
report-col-overdue = 期日超過
report-col-expired = 期限切れ
report-no-department = （部署なし）
report-overdue-list = ■ 期限を過ぎたフォローアップ（{ $count } 件、古い順）
report-person-withheld = ［記録の一部が保留：不完全な可能性あり］
report-days = { $n ->
   *[other] { $days } 日超過
}
report-never-list = ■ 未実施の人（{ $count } 人）
report-undecided-list = ■ 説明を受けたが、まだ回答していない人（{ $count } 人、フォローアップのない人が先）
report-undecided-none = フォローアップなし
report-undecided-open = フォローアップあり（期日なし）
report-undecided-due = フォローアップ期日 { $due }
report-undecided-overdue = フォローアップ期日 { $due }（期日超過）
report-not-on-roster-list = ■ 記録にあるが名簿にない人（{ $count } 人）
report-unverified-list = ■ 本人確認なしで記録された選択（氏名・部署は入力どおり）（{ $count } 人）
report-in-use-list = ■ 有効な同意なしで自分のスマートフォンを使っている人（{ $count } 人）
report-decide-again-list = ■ 以前の版の説明への同意が期限切れになり、改めて選択が必要な人（{ $count } 人）
report-newer-policy = 注意：同意として数えた { $n ->
   *[other] { $count }
} 件は、このレポートに使った内容（{ $version } の版）より新しい版への同意です。端末で新しい内容を表示している場合は、その内容でレポートを作り直してください（--content）。
report-decide-again-version = { $version } の版に同意
report-read-quickly-list = ■ 流し読みより速く画面を進めて選択した人（話を聞く目安。不利に扱うことはありません）（{ $count } 人）
report-more = …ほか { $count } 人（すべて見るには --format json または --limit 0）
report-error-roster = 保存されている名簿を読み込めません：{ $detail }
report-todo-roster = 「tebiki roster import ファイル.csv」で名簿を取り込み直してください。
report-todo-output = 出力先（ディスクの空き容量や、出力を受け取るプログラム）を確認してから、もう一度レポートを実行してください。

demo-progress = デモ用の組織データを書き込み中
demo-done = { $dir } に、社員 { $employees } 人分の記録 { $records } 件を { $files } 個のファイルに書き込みました（{ $seconds } 秒）。
demo-roster = 名簿：{ $path }
demo-next = 「tebiki report」や「tebiki export --format csv --excel -o demo.csv」をお試しください。デモの記録には "demo": true が付いています。
demo-error-not-empty = このデータフォルダーにはすでに記録か名簿があります。デモの記録が混ざってしまいます
demo-todo-not-empty = --data DIR で空のフォルダーを指定するか、それでも追加する場合は --force を付けてください（名簿は置き換わります）。
roster-row-bad-id = 社員番号として使えません：{ $why }
cli-roster-codes-about = identity = "code" 用の個人コードを発行します（一度だけ表示。配布用の用紙または一覧。保存するのはハッシュのみ）
cli-roster-codes-arg-ids = この社員番号の人だけに新しいコードを発行します（以前のコードは使えなくなります）。省略時は、コードのない名簿の全員
cli-roster-codes-arg-all = 名簿の全員に新しいコードを発行します（以前のコードはすべて使えなくなります）
cli-roster-codes-arg-format = slips（1 人 1 枚、切り取って配布）または list（人事向けの CSV）
cli-roster-codes-arg-output = 画面ではなく FILE に書き出します（コードが表示されるのはこの一度だけです）
codes-error-no-roster = 個人コードは名簿の人に発行しますが、名簿が取り込まれていません
codes-todo-no-roster = 先に名簿を取り込んでください：「tebiki roster import ファイル.csv」
codes-none-needed = 名簿の全員にコードが発行済みです。発行し直すには、社員番号を指定するか --all を付けてください。
codes-slip = { $org }  LINE WORKS 説明端末の個人コード
    { $name } さん（社員番号 { $id }）   コード：{ $code }
    社員番号の次に入力します。ほかの人に見せないでください。なくした場合は人事にお申し出ください。
codes-error-save = コードは表示しましたが、ハッシュを保存できませんでした：{ $reason }
codes-todo-save = 表示したコードは使えません。データフォルダーを直してから、もう一度発行してください。
codes-error-cut-short = コードは保存されていません。出力を最後まで書き出せなかった（{ $reason }）ため、表示されたコードはどれも使えません
codes-reason-reader-gone = 読み取り側のプログラムが途中で終了しました
codes-todo-cut-short = 出力全体を端末かファイル（-o ファイル名）に向けて、もう一度発行してください。
codes-issued = 個人コードを { $count } 件発行しました。ハッシュは { $file } にあります。コード自体はどこにも保存していないので、今すぐ用紙を配布してください。
codes-issued-list = 個人コードを { $count } 件発行しました。ハッシュは { $file } にあります。コード自体はほかに保存していないので、この一覧から本人にコードを渡し、渡し終えたら一覧を削除してください。

## 書き出しの列（--labels）とコード値
export-col-at_utc = 記録日時（UTC）
export-col-at_local = 記録日時（現地時刻）
export-col-occurred_at = 発生日時（UTC）
export-col-occurred_at_local = 発生日時（現地時刻）
export-col-occurred_on = 実施日
export-col-employee_id = 社員番号
export-col-id_as_entered = 入力された社員番号
export-col-employee_name = 氏名
export-col-department = 部署
export-col-verified = 本人確認
export-col-type = 記録の種類
export-col-decision = 回答
export-col-stage = 移行段階
export-col-due = 次回フォローアップ予定日
export-col-active = 開始（推進役・担当）
export-col-supports = 担当する相手（社員番号）
export-col-supports_name = 担当する相手（氏名）
export-col-requested_by = 申し出た人
export-col-requested_on = 申し出日
export-col-other_purposes = その他の目的
export-col-reasons = 理由
export-col-acknowledged = 確認した事項
export-col-alternative_chosen = 選んだ代わりの方法
export-col-alternative_offered = 示した代わりの方法
export-col-policy_id = 方針
export-col-policy_version = 方針の版
export-col-renews_policy_version = 更新前の方針の版
export-col-renews_decided_at = 更新前の回答日時（UTC）
export-col-renews_decided_at_local = 更新前の回答日時（現地時刻）
export-col-content_sha256 = 表示した内容（SHA-256）
export-col-languages = 表示した言語
export-col-slides = 表示したスライド
export-col-fast_screens = 流し読みより速く進んだ画面
export-col-unread_screens = 最後まで読まなかった画面
export-col-check_questions = 確認問題：問題数
export-col-check_correct = 確認問題：正解数
export-col-check_first_try = 確認問題：1 回目で正解
export-col-check_attempts = 確認問題：回答回数
export-col-ui_language = 回答した言語
export-col-method = 方法
export-col-mode = 端末のモード
export-col-via = 入力方法
export-col-session = 説明会
export-col-recorded_by = 記録者
export-col-on_roster = 名簿に記載
export-col-action = 次の対応
export-col-receipt = 控えの番号
export-col-withdraw_how = 取り消し方（案内した内容）
export-col-note = メモ
export-col-voids = 無効にする記録
export-col-demo = デモデータ
export-col-app_version = tebiki のバージョン
export-col-kiosk = 端末
export-col-seq = 記録番号
export-col-record_id = 記録 ID
export-col-purpose = 目的：{ $purpose }
export-value-yes = はい
export-value-no = いいえ
export-verified-roster = 名簿の氏名で確認
export-verified-code = 個人コード
export-requested-by-employee = 本人
export-alternative-not-now = 今は使わない
export-alternative-no = 使わない
export-alternative-keep-current-channel = 今の連絡方法を続ける
export-lang-ja = 日本語
export-lang-en = 英語
export-method-kiosk = キオスク
export-method-trainer-session = 説明会
export-method-trainer = 説明会
export-method-admin = 管理者
export-mode-attended = 係員同席
export-mode-kiosk = キオスク（一人で）
export-mode-present = 研修モード
export-via-cli = コマンド
export-via-dashboard = ダッシュボード
export-action-decide-at-kiosk = キオスクで選ぶ
export-error-labels = --labels に「{ $lang }」の言葉はありません（使える言語：{ $langs }）
export-todo-labels = --labels には使える言語のどれかを指定してください。省くと、列名は変わらないキーのままです。
export-unknown-dept = --dept「{ $dept }」に当たる部署は、名簿にも記録にもありません。ある部署：{ $known }
export-todo-dept-each = 複数の部署を選ぶときは、部署ごとに --dept を付けてください：{ $each }
export-todo-dept-comma = 部署名はカンマを付けずに指定してください：{ $each }
export-todo-dept = 上の部署名と見比べて、つづりを確かめてください（全角・半角、前後の空白は区別しません）。
export-unknown-status = --status「{ $status }」は tebiki の知らない状態のため、当たる記録はありません。使える状態：{ $known }
export-receipts-unset = config.toml に設定のない項目は、控えでは null になっています：{ $keys }（記録の責任者、保存期間）
export-todo-receipts-unset = config.toml に設定してから（足りない項目は「tebiki config check」でわかります）、もう一度書き出してください。
export-todo-status = 上の状態から指定してください（複数はカンマ区切り。例：--status given,deferred）。--status は記録を選びます。いまの状態（同意が期限切れの人、まだ選んでいない人）は「tebiki report」にあります（--format json では decide_again、never_onboarded）。
cli-export-arg-labels = 見出しとコード値を、この言語（ja または en）の言葉で書く（人が読むため）。省くと、スクリプト向けの変わらないキー
roster-read = { $file } から { $n ->
       *[other] { $count }
    } 人を読み込みました（{ $encoding }）。
roster-changes = 今の名簿と比べて：追加 { $added } 人、削除 { $removed } 人、変更 { $changed } 人。
roster-added = 追加：
roster-removed = 削除：
roster-changed = 変更：
roster-changes-more = …ほか { $count } 人
people-more = …ほか { $count } 人
roster-empty-value = （空欄）
roster-dry-run = 試しに確認しただけで、取り込んでいません。今の名簿は変わっていません。
roster-previous-unreadable = いま保存されている名簿を読み込めませんでした（{ $detail }）。以下の変更は名簿が空だったものとして数え、その名簿は置き換えます
roster-zeros-dropped = { $file } には、いまの名簿の社員番号から先頭の 0 が消えたものが { $n ->
       *[other] { $count }
    } 件あります（例：{ $before } が { $after }）。表計算ソフトが社員番号を数値として読んだときに起きます。このまま取り込むと、その人たちを名簿から外し、別の社員番号で追加し直すことになり、これまでの記録と結び付かなくなります。社員番号の列を文字列として保存し直すか、元のシステムから名簿を出力し直してください。
roster-many-removed = { $file } を取り込むと、今の名簿の { $old } 人のうち { $removed } 人が名簿から外れます（ファイルには { $rows } 人）。名簿の一部ではなく、全体のファイルですか？
roster-column-absent = { $file } には{ $column }の列がありません。取り込むと { $count } 人の{ $column }が空になります
roster-short-row = { $file } の { $line } 行目は値が { $n ->
   *[other] { $found }
} 個しかなく、見出しより少ないため、{ $columns }を空として読みました。意図したものでなければ、その行に足りない値（またはカンマ）を加えてください。
roster-short-row-join = ・
roster-short-rows-more = …ほかに、見出しより値の少ない行が { $more } 行あります
roster-split-row = { $file }：{ $first } 行目と { $second } 行目は、どちらも値が見出しより少なく、合わせると一つ多くなります。値の中の改行（ダブルクォートで囲まれていないもの）で一つの行が二つに分かれた可能性が高く、{ $second } 行目は社員番号「{ $id }」の人として取り込まれます
roster-todo-losses = 何も取り込んでいません（今の名簿はそのままです）。変更の一覧は --dry-run で確かめられます。ファイルが正しければ、--yes を付けてもう一度取り込んでください。
roster-waiting = このデータフォルダーで実行中の別の名簿取り込みが終わるのを待っています…
roster-error-busy = このデータフォルダーの別の名簿取り込みが、1 分たっても終わりません
roster-todo-busy = 別の取り込みが終わるまで待つか、それを止めてから、もう一度取り込んでください。現在の名簿は変わっていません。
demo-not-on-roster = ほかに { $count } 人が、記録にはあるものの名簿にはまだ載っていません（実際の組織と同じく、最近の入社者）。
export-col-followup = 対応中のフォローアップ
export-followup-kept = 継続
