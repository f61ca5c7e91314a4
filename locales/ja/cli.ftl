# コマンドライン：ヘルプ、メッセージ、エラー（何が、どこで、どうすればよいか）。

cli-about = 自分のスマートフォンで LINE WORKS を使うための案内。コマンドなしで起動すると、社員向けの流れ（係の人が同席）になります。
cli-after-help = データフォルダー：{ $dir }（初回に作成されます。--data または TEBIKI_DATA で変更できます）
cli-arg-data = データフォルダー（config.toml、roster.csv、ledger/）
cli-arg-content = 内蔵の内容の代わりに使う、content/ と locales/ のあるフォルダー
cli-arg-lang = 言語：ja または en（既定：設定、システムの言語、ja の順）
cli-arg-ambiguous_width = 東アジアの曖昧な幅の文字（罫線、矢印、記号など）を端末がどう表示するか：auto（起動時に端末に問い合わせ、答えがなければ narrow）、narrow（半角）、wide（全角）（既定：設定、なければ auto）
cli-status-about = 社員一人の、現在の同意の状態と全履歴
cli-admin-about = 管理者・研修担当者用ダッシュボード：カバー率、各人の状況、フォローアップ、推進役。段階の変更・フォローアップ・担当の割り当てを記録します（「tebiki dashboard」でも起動できます）
cli-admin-arg-by = 使う人の名前。ここで記録する変更すべてに残ります（省略すると起動時に尋ねます）
cli-status-arg-id = 社員番号
cli-status-arg-format = 出力形式
cli-verify-about = すべての記録ファイルの完全性を確認する（すべて無事なときだけ終了コード 0）
cli-verify-arg-checkpoint = 記録がまだ延長しているはずのチェックポイント（以前の verify の出力）
cli-verify-arg-seals = $DATA/seals のほかに確かめる封印のフォルダー（マシンの外に保管した写しなど）
cli-verify-arg-signers = 信頼する封印の鍵（OpenSSH の allowed_signers 形式。既定：$DATA/seal-signers）
cli-verify-arg-receipt = 控えの行（QR コードの内容）、または控えのコードと記録の指紋：台帳がその記録をそのまま保っているか
cli-seal-about = すべての記録ファイルに封印を署名します（ssh-keygen -Y verify で確かめられる OpenSSH 署名）
cli-seal-arg-key = OpenSSH 形式の Ed25519 秘密鍵（ssh-keygen -t ed25519）。データフォルダーの外に置きます
cli-seal-arg-despite_findings = 記録に問題（「tebiki verify」）があっても終了コード 0 にします。誰かが調べたあとに使ってください。封印はどちらでも行います
cli-verify-arg-format = 出力形式
cli-content-about = 内容のための道具
cli-content-check-about = 内容と翻訳を検査する（言語間の一致、差し込み項目、構文エラー）

error-label = エラー
warning-label = 警告
error-where = 場所
error-io = { $reason }
error-terminal-io = 端末の読み書きができませんでした
error-terminal-io-code = 端末の読み書きができませんでした（システムのエラー番号 { $code }）
io-not-found = ファイルまたはフォルダーがありません
io-permission = このユーザーには、このファイルまたはフォルダーを読み書きする権限がありません
io-full = ディスクがいっぱいです
io-exists = 同じ名前のファイルがすでにあります
io-read-only = このファイルまたはフォルダーは、書き込みできないディスクにあります
io-invalid-data = ファイルが UTF-8 のテキストではないか、壊れています
io-is-dir = ファイルではなくフォルダーが指定されています
io-not-file = ファイルではなく、デバイスやパイプなどの特殊なファイルが指定されています
io-not-dir = パスの途中がフォルダーではなくファイルになっています
io-busy = ファイルがほかのプログラムで使用中です
io-network = 共有フォルダーまたはネットワークに接続できません
io-other = ファイルまたはフォルダーを読み書きできませんでした
io-other-code = ファイルまたはフォルダーを読み書きできませんでした（システムのエラー番号 { $code }）
todo-io-not-found = パスを確認するか、先にフォルダーまたはファイルを作成してください（データフォルダーは --data、書き出すファイルは -o で指定します）。
todo-io-permission = 管理者にアクセス権を付けてもらうか、このユーザーが書き込める場所を指定してください（データフォルダーは --data、書き出すファイルは -o で指定します）。
todo-io-full = ディスクの空き容量を増やしてから、もう一度お試しください。
todo-io-exists = 別のファイル名を指定するか、既存のファイルを移動してから、もう一度お試しください。
todo-io-read-only = 書き込めるディスクのフォルダーを指定するか、ディスクを書き込み可能にしてください。
todo-io-invalid-data = ファイルを UTF-8 のテキスト（Excel では「CSV UTF-8」）で保存し直してから、もう一度お試しください。
todo-io-is-dir = フォルダーではなく、ファイルのパスを指定してください。
todo-io-not-file = 通常のファイルのパスを指定してください（新しく作るか、丸ごと置き換えます）。ほかのプログラムに渡すときは、標準出力に書き出してください。
todo-io-busy = ファイルを使用中のプログラムを閉じてから、もう一度お試しください。
todo-io-network = ネットワーク接続と共有フォルダーを確認してから、もう一度お試しください。
todo-io-other = データフォルダーを確認して、もう一度お試しください。再び起きる場合は、このメッセージとファイル名を管理者に伝えてください。
error-ledger-corrupt-tail = 記録ファイルの最後の行が記録として読めないため、続きを書き込めません
error-ledger-chain-broken = この端末の記録ファイルは、ここでハッシュの連鎖が切れています（行が変更・削除・挿入されています）。読み取るコマンドはその前の行から先を使わないため、いまここで記録しても保存されるだけで使われません。何も記録していません
todo-ledger-chain-broken = ファイルはそのまま残し、「tebiki verify」を実行してください。記録を続けるには、config.toml でこの端末に別の kiosk_id を設定してください（新しい記録ファイルに書きます）。
error-ledger-record-invalid = 記録を書き込めませんでした。記録の形式が正しくありません
error-config = config.toml が正しくありません：{ $reason }
config-unknown-key = この表には「{ $key }」という設定はありません。この表の設定：{ $known }
config-unknown-value = 「{ $value }」はこの設定の値として使えません。使える値：{ $known }
config-wants-text = この設定の値は二重引用符で囲んだ文字列です（例："株式会社サンプル"）
config-wants-number = この設定の値は引用符なしの 0 以上の整数です（例：90）
config-wants-switch = この設定の値は引用符なしの true か false です
config-not-toml = TOML として読めない書き方です（TOML の読み取りの詳細：{ $words }）
config-remote-wipe-free-plan = remote_wipe = true ですが、plan = "free" です。紛失した端末の LINE WORKS のデータを遠隔で削除できるのは有料プランだけなので、会社にできないことへの同意を求めることになってしまいます。有料プランを使っているなら plan = "paid" に、そうでなければ remote_wipe を削除してください
config-unknown-time-zone = 「{ $zone }」はタイムゾーンの名前ではありません。"Asia/Tokyo" のような IANA の名前を使ってください
error-locales = 翻訳ファイルを読み込めません：{ $detail }
error-unknown-lang = 「{ $lang }」という言語はありません（使える言語：{ $langs }）
error-no-terminal = 社員向けの流れには、操作できる端末が必要です
error-clock-behind-seal = この機器の時計（{ $now }）が、最新の封印（{ $seal_at } に作成）より 1 分以上遅れています。今保存すると、その封印より前の日時の記録になり、使われません。何も保存していません
todo-clock-behind-seal = この機器の時計を合わせてから（時刻の自動同期 NTP を有効にしてください）、もう一度試してください。封印の時刻のほうが誤っている場合は、封印を作る機器の時計を直してください。
error-ledger-busy = 別のプロセスが記録ファイルを長くロックしています
error-kiosk-running = この端末 ID の tebiki がすでに動いています
error-kiosk-id = 端末 ID「{ $id }」はファイル名に使えません（英数字と . _ - を使ってください）
error-checkpoint = チェックポイントのファイルが正しくありません（「<ファイル> <seq> <sha256>」の行、または tebiki verify か export --format json の出力が必要です）
error-checkpoint-empty = チェックポイントのファイルに記録ファイルが 1 つも書かれていないため、何も確かめられません（保存したファイル全体ですか？）
error-seal-key = 封印の鍵を読み込めません：{ $reason }
error-seal-key-not-file = 封印の鍵がファイルではありません（フォルダー、デバイスなど）
error-seal-key-format = 封印の鍵が OpenSSH の秘密鍵（「ssh-keygen -t ed25519」が作る形式）ではありません
error-seal-key-in-data = 封印の鍵がデータフォルダーの中にあります。データフォルダーを読めるアカウント（端末のアカウント）なら、書き換えた記録に署名できてしまいます
error-seal-key-open = 封印の鍵をほかのアカウントも読めます（モード { $mode }）。読めるアカウントなら、書き換えた記録に署名できてしまいます
error-signers-line = 信頼する署名者のこの行は、読み込める公開鍵のある allowed_signers の行ではありません
error-seal-key-encrypted = 封印の鍵がパスフレーズで保護されています。無人のタイマーではパスフレーズを入力できません
error-seal-key-type = 封印の鍵が Ed25519 の鍵ではありません
error-seal-key-public = これは公開鍵（.pub のファイル）です。封印には、その隣にある秘密鍵が必要です
error-seal-exists = この秒の封印はすでにあります
error-seals-dir = 封印のフォルダーがありません
error-no-data-folder = ここにはデータフォルダーがありません
todo-no-data-folder = --data（または TEBIKI_DATA）を確かめてください。このコマンドは、すでにあるデータフォルダーを読みます。データフォルダーは端末を初めて起動したときに作られます。
error-receipt-text = 控えの行（QR コードの内容：「tebiki-receipt:1:<kiosk>:<seq>:<sha256>:<code>」）でも、控えのコード（NF5M-EHCQ のような形。あれば続けて記録の指紋を 8 桁以上）でもありません
todo-lang = --lang には、使える言語のどれかを指定してください。
todo-config = config.toml のその行を直してください（「tebiki config check」でもう一度確かめられます）。ファイルは削除しないでください。台帳ファイルの名前になるこの端末の kiosk_id、管理者 PIN、組織の設定が入っています。
todo-data-folder = データフォルダーがあり、書き込めることを確認してください。または --data で別のフォルダーを指定してください。
todo-content-check = 「tebiki content check」を実行すると、内容の問題をすべて確認できます。
todo-terminal = tebiki は端末のウィンドウで実行してください（パイプ経由ではなく）。
todo-verify = 「tebiki verify」を実行すると、記録の損傷とその場所がわかります。
todo-verify-receipt = 「tebiki verify」で損傷の場所を確かめてください。封印なしで損傷が見つからない場合は、チェーンだけではわからない形で変えられています（末尾が削られた、またはチェーンを計算し直して書き換えられた）。別の場所に保管した封印と照らし合わせてください（「tebiki verify --seals フォルダ」）。
todo-checkpoint = 以前の「tebiki verify」が出力または保存したファイルを指定してください。
todo-seal-key = 「ssh-keygen -t ed25519 -N '' -f ファイル」で作った暗号化なしの Ed25519 鍵を、封印するアカウントだけが読めるようにして指定してください。
todo-seal-key-in-data = 鍵はデータフォルダーの外に置き、封印するアカウントだけが読めるようにしてください（README の「Seals」を参照）。
todo-seal-key-open = 持ち主だけが読めるようにしてください（chmod 600 ファイル）。ssh も秘密鍵にこれを求めます。
todo-seal-findings = 「tebiki verify」で内容を確かめてください。誰かが調べたあとは、--despite-findings を付けると終了コード 0 で封印します。
todo-seal-again = 1 秒おいてから「tebiki seal」をもう一度実行してください。
todo-signers = allowed_signers ファイル（「名前 namespaces="tebiki-seal" ssh-ed25519 AAAA…」）を指定するか、--signers を省いて $DATA/seal-signers を使ってください。
todo-signers-data = その行を allowed_signers の行（「名前 namespaces="tebiki-seal" ssh-ed25519 AAAA…」）に直すか、消してください。鍵の行は tebiki seal が表示します。直すまで、読み取るコマンドはその行を使わず、そのことを伝えます。
todo-seals-dir = 写した封印（*.json と *.json.sig）があるフォルダーを指定してください。
todo-receipt-text = 控えの QR コードの内容をスマートフォンで読み取ったとおりに、または控えのコードと記録の指紋を控えに表示されたとおりに、引用符で囲んで指定してください。
todo-report-bug = 本来起きないはずのことです。実行したコマンドとあわせて報告してください。
error-ledger-not-file = 記録ファイルが{ $kind ->
    [link] シンボリックリンク
    [dir] フォルダー
    [fifo] 名前付きパイプ
   *[other] 特殊なファイル
  }になっていて、通常のファイルではありません。tebiki は書き込みません
todo-ledger-not-file = それを記録フォルダーの外へ移し（証拠かもしれないので消さずに）、もう一度始めてください。tebiki が通常のファイルを作ります。
error-ledger-seq-end = この記録ファイルは通し番号（seq）の上限に達したため、これ以上追記できません
todo-ledger-seq-end = 「tebiki verify」を実行してから、config.toml でこの端末に新しい kiosk_id を設定し、新しいファイルで始めてください。
error-arg-not-utf8 = 引数に UTF-8 の文字として読めない部分があります：{ $arg }（読めないバイトは � で示しています）
todo-arg-not-utf8 = 引数を UTF-8 の文字で入力し直してください。そのようなバイトを含むファイル名は、先に名前を変えてください。
error-ledger-tail = この記録ファイルの最後の行が完全な記録ではないため、その後に追記できません
warning-unreadable-line = 記録の行を読み込めなかったため飛ばしました：{ $place }
warning-chain-break = 記録の連鎖が { $place } で切れています：この行か直前の行が書き換えられたか、追加・削除されています
warning-seq-gap = { $place } で記録の番号が飛んでいます（{ $expected } のはずが { $found }）：記録が削除・追加されたか、番号が付け替えられています
warning-withheld = { $place } から { $last } 行目までの { $n } 件の記録を使っていません：連鎖が切れた箇所の直前の行から先は、書き換えられた記録と見分けられないためです
warning-repeated-key = { $place } の記録に同じキー（「{ $key }」）が二度あります：どちらの値を読むかはプログラムにより異なるため、この記録を使っていません
warning-seal-mismatch = { $file } は、{ $seal } が記録 { $seq } まで封印した内容を保っていません（ファイルがない、短くなっている、またはその記録が変わっている）：封印された記録が、その後変えられたか消された可能性があります
left-out-sealed = 台帳の { $count } ファイルが最新の封印と一致しません：以下は、封印のあとに変えられたか消された記録にもとづいている可能性があります
warning-seal-not-trusted = 最新の封印 { $seal } は、信頼する封印の鍵（seal-signers）で確かめられません（署名がない、別の鍵の署名である、または名前どおりの封印ではない）。書き換えを隠すために封印が差し替えられた可能性があります：tebiki verify を実行してください（監査担当者が保管する封印の写しを --seals で指定して）
warning-seal-no-signers = 台帳は封印されています（最新の封印は { $seal }）が、信頼する封印の鍵が設定されていません（{ $file } がないか、鍵が書かれていません）。そのため封印の内容を確かめていません。このファイルが削除されたのなら、その後に記録が書き換えられた可能性があります：監査担当者が保管する鍵の写しを --signers で指定して tebiki verify を実行してください。封印を始めたばかりなら、tebiki seal が表示した行を { $file } に追加してください
warning-signers-line = { $place } は、読める公開鍵のある allowed_signers の行（「名前 namespaces="tebiki-seal" ssh-ed25519 AAAA…」）ではないため、使っていません。信頼するはずの鍵が抜けている可能性があります。この行を直してください（直すまで tebiki verify はこのファイルを受け付けません）
warning-no-seal = 信頼する封印の鍵（seal-signers）が設定されているのに、{ $dir } に封印が見つかりません：書き換えとともに封印が削除された可能性があります。監査担当者が保管する写しで tebiki verify --seals を実行してください。封印を設定したばかりなら、tebiki seal を一度実行してください
left-out-untrusted = 最新の封印を確かめられません（封印がないか、信頼する鍵の署名がありません）：以下は、封印のあとに変えられた記録にもとづいている可能性があります
left-out-unchecked = 封印を確かめていません：台帳は封印されていますが、信頼する封印の鍵（seal-signers）が設定されていません。以下は、封印のあとに変えられた記録にもとづいている可能性があります
left-out-signers = 信頼する封印の鍵（seal-signers）の { $count } 行を読めなかったため、使っていません：信頼するはずの鍵が抜けていると、その鍵で署名した封印を確かめられません
left-out-odd = 記録フォルダーの { $count } 個の項目は、記録ファイルの名前ですが通常のファイルではない（リンク、フォルダーなど）ため、読み込んでいません
warning-backdated = { $place } の記録は、最新の封印（{ $seal }）のあとに加えられたのに、封印より前の日時です：あとから日付をさかのぼって加えられた記録のため、使っていません（tebiki verify を実行してください）
left-out-backdated = 最新の封印のあとに加えられたのに封印より前の日時の記録 { $count } 件を使っていません
warning-future-dated = { $place } の記録は { $at } の日時で、この機械の時計より 5 分以上先です（時計が進んでいる端末か、偽の日時）：それまでその人の最新の記録として扱われてしまうため、使っていません。その端末の時計を合わせ（NTP）、tebiki verify を実行してください
left-out-future = 未来の日時の記録 { $count } 件を使っていません
warning-conflicting-id = { $place } の記録は、{ $other } の記録と ID と日時が同じで内容が違います。ID は使い回されないため、どちらかが作られたか書き換えられた記録です。この記録は使っていません（tebiki verify を実行してください）
warning-misplaced = { $place } に、別の端末（「{ $kiosk }」）の記録があります：各端末は自分のファイルにしか書かないため、コピーされたか置かれた記録です。この記録は使っていません

content-ok = 内容に問題はありません：{ $screens } 画面、{ $langs } 言語、翻訳もそろっています。
content-issues = 問題が { $count } 件見つかりました。
issue-missing = ファイルがありません
issue-unreadable = 読み込めません：{ $reason }
issue-parse = 解析できません：{ $reason }
issue-no-title = 画面に題名がありません（1行目は「# 題名」にしてください）
issue-placeholder = 不明な差し込み項目 {"{"}{ $name }{"}"}
issue-unmatched = { $what }「{ $id }」が、マニフェストとこのファイルの両方にはありません
issue-option-count = 質問「{ $id }」の選択肢は { $found } 個ですが、マニフェストでは { $expected } 個です
issue-bad-answer = 質問「{ $id }」：正解が選択肢の範囲にありません
issue-screen-order = 画面「{ $id }」が「{ $before }」より後にあります：必須の説明画面は確認の質問と選択より前、確認の質問は選択より前に置いてください（screens の並びで上へ移してください）
issue-unknown-screen = マニフェストに「{ $id }」という画面はありません
issue-directive = 読み取れません：{ $reason }
issue-missing-rule = 質問「{ $question }」を説明する画面「{ $screen }」に、ルールの印がありません。説明している文の前に <!-- rule: { $question } --> を入れてください
issue-duplicate-id = ID「{ $id }」が2回使われています
issue-no-languages = content/ に言語のフォルダーがありません
issue-locale-missing = メッセージ「{ $id }」が { $lang } にありません（定義：{ $defined }）
issue-locale-missing-built-in = メッセージ「{ $id }」が { $lang } にありませんが、この版の tebiki はこれを使います（組み込みの { $defined }）。このフォルダーの locales に写すか、フォルダーの locales/ を削除して組み込みの文言を使ってください
issue-locale-vars = { $lang } のメッセージ「{ $id }」は、ほかの言語と違う変数（{ $vars }）を使っています

status-who = { $id }  { $name }  { $dept }
status-consent = 同意：{ $label }（{ $state }）、方針 { $version }
status-stage = 段階：{ $label }（{ $stage }）
status-in-use-without-consent = ! 有効な同意がないまま自分のスマートフォンを使っています：端末で今の版を読み、あらためて選んでもらってください（tebiki report に該当者の一覧があります）。
status-champion = 推進役。支えている人：{ $supports }
status-supported-by = 推進役 { $champion } さんが支えています
status-followup = 未完了のフォローアップ、予定日 { $due }：{ $note }
status-due-overdue = { $due }（期日超過）
status-followup-no-note = 未完了のフォローアップ、予定日 { $due }
status-by = {"  "}記録：{ $name }
status-recorded-at = {"  "}（記録日時 { $at }）
status-history = 履歴：
status-no-records = この社員番号の記録はまだありません。
status-no-records-withheld = この社員番号の記録で使えたものはありません：この人の記録は、連鎖が切れた箇所のあとで使わなかった記録に含まれています（上記）。tebiki verify を実行してください。
status-no-records-incomplete = 読めた範囲には、この社員番号の記録はありません。ただし台帳の一部を読めなかったか使えなかったため（上記）、そこにこの人の記録がある可能性があります。tebiki verify を実行してください。
status-no-records-seals = 今の台帳には、この社員番号の記録はありません。ただし封印で台帳を確かめられなかったため（上記）、この人の記録が変えられたか消された可能性があります。tebiki verify を実行してください。
status-roster-unreadable = 保存されている名簿を読み込めませんでした（{ $detail }）。氏名と部署は名簿のものではなく、この ID が名簿にあるかもわかりません
status-not-on-roster = { $id } は名簿になく、記録もありません。ID を確かめてください
warning-void-refused = 無効化の記録 { $void } が記録 { $target }（{ $type } の記録）を指していますが、この記録は無効にできません。本人の決定は有効なままなので、この無効化は無視します。tebiki のどのコマンドも書かない記録です。tebiki verify を実行してください
status-incomplete = 不完全：記録の一部を読み込めないか、使えませんでした（警告を参照し、tebiki verify を実行してください）。
status-incomplete-about = 不完全：{ $id } に関する記録の一部を使えませんでした。以下には、その記録が欠けている可能性があります（tebiki verify を実行してください）。
status-incomplete-seals = 不完全：封印を確かめられないか、封印した内容をファイルがもう保持していません。以下は、封印のあとに変えられた記録にもとづいている可能性があります（警告を見て、tebiki verify を実行してください）。
status-in-withheld-records = { $id } に関する記録が、ハッシュの連鎖が切れたために使われなかった記録（下記）の中にあります。この答えには、その記録が欠けている可能性があります

verify-folder = 記録フォルダー：{ $dir }
verify-no-files = 記録ファイルはまだありません。
verify-file = { $file }：{ $n ->
   *[other] { $records }
} 件、{ $range }
verify-file-not-records = { $file }：{ $n ->
   *[other] { $records }
} 件（ほかに記録として読めない行が { $lines } 行）、{ $range }
verify-recovered = { $place }：書きかけの末尾 { $bytes } バイト（位置 { $offset }）を復旧しました（{ $saved } に保存）
verify-recovered-piece = { $chained ->
        [yes] この断片は記録 { $seq }{ $told ->
            [yes] （{ $what }）
           *[no] {""}
        }の始まりで、いま復旧の記録がある位置で鎖の次にあたる記録です。書き込み中の停止でもこのような断片が残りますが、保存済みの記録をファイルの末尾から切り取った場合も同じになります。このファイルの記録 { $seq } の控えを持っている人がいれば、その記録は最後まで保存されていました。
        [no] この断片は記録のように始まりますが{ $told ->
            [yes] （{ $what }）
           *[no] {""}
        }、その位置で鎖の次にあたる記録ではありません。
       *[unknown] この断片は記録のように始まりますが{ $told ->
            [yes] （{ $what }）
           *[no] {""}
        }、途中で切れているため、その位置で鎖の次にあたる記録だったかどうかはわかりません（書き込みが早い段階で止まると、このような断片が残ります）。
    }
verify-duplicates = { $count } 件の記録が、同じ内容で二度以上あります（別のファイルの写し、または同じ行の繰り返し。1件として数えます）。
seal-written = 封印しました：{ $path }（署名は隣の .sig）
seal-despite-findings = 封印しましたが、記録に { $count } 件の問題があります。「tebiki verify」は、この封印の前も後もそれを報告します
seal-repeated = { $file } は { $seal } で封印した内容をもう保持していません（変更された、短くなった、または削除された）。この封印は、いまの内容を保証せず、その封印の記載をそのまま引き継ぎます。そのため、読み取るコマンドはこのことを伝え続けます。tebiki verify を実行してください
seal-no-signers = 以前にも封印していますが、信頼する封印の鍵が設定されていません（{ $file } がないか、鍵が書かれていません）。設定されるまで、読み取るコマンドは封印を確かめません。下の行を戻すか、監査担当者が保管するファイルの写しを戻してください
seal-signers-hint = 「tebiki verify」が封印を信頼するのは、その鍵が信頼する署名者にあるときだけです。次の行を { $file } に加え、封印の写しを保管する監査担当者にも渡してください：
verify-sealed = { $file }：seq { $seq } まで { $at } に封印済み（{ $seal }）
verify-sealed-unchecked = { $file }：seq { $seq } まで { $at } に封印済み（{ $seal }。この封印の署名は確かめていません）
verify-unsealed = { $file }：まだ封印されていません
verify-unsealed-untrusted = { $file }：信頼できる封印はありません（下の封印についての指摘を参照）
verify-copy-of = { $file }：中の記録はすべて { $of } の記録とまったく同じ写しです（同期やバックアップのツールが作った写しなど）。新しい記録はないため、記録フォルダーの外へ移してかまいません。
verify-seals = 確かめた封印：{ $count } 件
receipt-code-none = 控えのコード { $code } の記録は台帳にありません：控えに表示された番号を確かめてください。合っていれば、この控えの記録は台帳にありません。
receipt-code-found = 控えのコード { $code } の記録は台帳にあります：{ $place }、指紋 { $fingerprint }。控えの指紋が同じなら、記録は変わっていません（番号だけではそれはわかりません：続けて指紋か、QR コードの内容を指定してください）。
receipt-code-holds = 控えのコード { $code } の記録は、変わらずに台帳にあります：{ $place }、指紋 { $fingerprint }（控えのとおり）。
receipt-fingerprint-differs = 控えのコード { $code } の記録（{ $place }）の指紋は { $fingerprint } で、{ $given } ではありません：控えを渡したあとに記録が変えられたか、指紋の写し間違いです（もう一度読んでください）。
receipt-code-withheld = 控えのコード { $code } の記録は { $place }（指紋 { $fingerprint }）にありますが、そのファイルのハッシュの連鎖が { $line } 行目で切れています。その前の行から先は変更された記録と見分けられないため、この記録は使われていません。
receipt-code-seal = 控えのコード { $code } の記録は { $place }（指紋 { $fingerprint }）にありますが、封印の内容と台帳が一致していません（上記）。ファイルが書き換えられ、この記録も書き換えられた可能性があるため、変わっていないとは言えません。
receipt-code-many = 控えのコード { $code } の記録が複数あります：{ $places }。番号は一つの記録にだけ付けるので、どれかは作られたか写されたものです。
receipt-code-incomplete = 台帳の { $count } か所を読めなかったか使わなかったため、そこにこの番号の記録があっても調べていません
receipt-holds = 台帳はこの記録を変わらずそのまま保っています：{ $place }
receipt-holds-withheld = 台帳の { $place } にこの記録がありますが、そのファイルのハッシュの連鎖が { $line } 行目で切れています。その前の行から先は変更された記録と見分けられないため、この記録は使われていません。
receipt-holds-seal = 台帳の { $place } にこの記録がありますが、封印の内容と台帳が一致していません（上記）。ファイルが書き換えられ、この記録も書き換えられた可能性があります。
receipt-code-differs = { $place } の記録は変わらず残っていますが、その控えのコードは { $recorded } で、{ $code } ではありません。この控えは、その記録に対して渡されたものではありません。
receipt-no-file = 台帳にファイル { $file } がありません：この控えの記録はありません。
receipt-unended = 台帳の { $place } にこの記録がありますが、行が終わっていません。ファイルの最後の行で、改行がありません（書き込みの直後に止まったか、末尾が切り取られた状態です）。その端末で次の記録が書かれて行が終わるまで、読み取り側はこの記録を使いません。tebiki verify を実行してください。
receipt-no-record = { $file } に seq { $seq } の記録がありません：この控えの記録はありません。
receipt-differs = { $place } の記録は控えと異なります（現在の SHA-256 は { $sha }）：控えを渡した後に記録が書き換えられたか、この控えの文字列が渡したものと違います（全体を写したか確かめるか、コードを読み取り直してください）。
receipt-differs-other = { $place } には控えとは別の記録があります（SHA-256 は { $sha }）：この控えの記録はありません。
verify-unsealed-caveat = 封印もチェックポイントも確かめていません。チェーンからは、記録が単独で書き換えられたり、消されたり、差し込まれたりしていないことがわかりますが、チェーンを計算し直してファイルごと書き換えられた場合はわかりません。わかるようにするには、定期的に台帳を封印し（「tebiki seal」、README を参照）、封印の写しを別の場所に保管してください。
verify-intact = 無事です：{ $files } ファイル、{ $n ->
   *[other] { $records }
} 件。
verify-damaged = 損傷があります：{ $count } 件。記録フォルダーを今のままコピーして保管し、管理者に伝えてください。
verify-unchecked = 未確認：ほかに問題は見つかりませんでした（{ $files } ファイル、{ $n ->
   *[other] { $records }
} 件）が、信頼する封印の鍵（$DATA/seal-signers）がないため、封印を確かめられません。初めて封印した直後なら、「tebiki seal」が表示した行を seal-signers に加えて、もう一度確かめてください。以前はあったファイルなら削除されています：記録フォルダーを今のままコピーして保管し、管理者に伝えてください。
finding-chain-break = 連鎖の切れ目：「prev」が { $before } 行目の SHA-256 と一致しません（{ $before } 行目かこの行が変更されたか、その間の行が削除・挿入されています）
finding-chain-break-first = 連鎖の切れ目：最初の行の「prev」が 64 個の 0 ではありません（この行が変更されたか、その前の行が削除されています）
finding-chain-break-inserted = 連鎖の切れ目：「prev」は、読めた最後の行である { $follows } 行目の SHA-256 です（読めなかった { $count ->
    [1] { $first } 行目は
   *[other] { $first }～{ $last } 行目は
}、その後に挿入されたものです）
finding-seq-gap = seq の飛び：{ $expected } のはずが { $found } です
finding-unparseable = 正しい JSON の記録ではありません
finding-bad-envelope = 「{ $key }」で封筒部分が正しくありません
finding-torn-tail = 書きかけの末尾：位置 { $offset } に行末のない { $bytes } バイト（次に書き込むときに復旧されます）
finding-kiosk-mismatch = 「{ $expected }」のファイルに、端末「{ $found }」の記録があります
finding-conflict = ID { $id } が { $other } にも、違う内容であります
finding-recovery-mismatch = 復旧の記録が、自分の位置と違う位置を示しています
finding-checkpoint-not-extended = このファイルは、seq { $seq } のチェックポイントを延長していません
finding-checkpoint-file-missing = チェックポイントにあるファイル（seq { $seq } まで）がありません
finding-unreadable = 読み込めません（{ $kind }）
finding-repeated-key = ひとつのオブジェクトにキー「{ $key }」が二度あります（どちらの値を読むかはプログラムにより異なります）
finding-not-ledger-file = 通常の記録ファイルではありません（{ $what ->
        [symlink] シンボリックリンク
        [directory] フォルダー
        [special] 特殊なファイル
        [name] 名前の大文字・小文字が違う
       *[other] 読み込めない
    }）：記録ファイルは *.jsonl という名前の通常のファイルです
finding-torn-piece-missing = 途切れた末尾は { $saved } として保存されたはずですが、そのファイルがないか、変わっています
finding-seal-unreadable = 封印を読み込めません
finding-seal-signature-missing = 封印の隣に署名（.sig）がありません
finding-seal-signature-invalid = 封印の署名が合わないか、封印に書かれた署名者が署名した鍵と違います：署名の後で封印が書き換えられたか、tebiki seal 以外で署名されています
finding-seal-untrusted = この封印を信頼できない鍵で署名されています（{ $signer }）：信頼する鍵に含まれていないか、封印の日時がその鍵の有効期間（valid-after・valid-before）の外です
finding-seal-untrusted-certificate = この封印は、信頼する鍵（seal-signers）の { $line } 行目に証明書としてだけ載っている鍵（{ $signer }）で署名されています：証明書は、鍵そのもので署名した封印を保証しません。信頼するなら、その鍵そのものの行（tebiki seal が表示します）を加えてください
finding-seal-no-signers = 信頼する封印の鍵（$DATA/seal-signers または --signers）がないため、封印の署名を確かめられません
finding-seals-missing = 信頼する封印の鍵は設定されていますが（seal-signers または --signers）、封印が見つかりません。封印が削除された可能性があります。監査担当者が保管する封印の写しを --seals で指定して確かめてください
finding-seal-chain-break = 「previous」が直前の封印の SHA-256 と一致しません：封印が削除・追加・変更されています
finding-sealed-file-missing = { $seal } で seq { $seq } まで封印されたファイルがありません
finding-sealed-file-missing-unchecked = { $seal }（信頼する鍵か署名がないため、署名は確かめられていません）で seq { $seq } まで封印されたファイルがありません
finding-sealed-file-changed = { $seal } で seq { $seq } まで封印された先頭 { $bytes } バイトと一致しません：記録が切り取られたか、空にされたか、書き換えられています
finding-sealed-file-changed-unchecked = { $seal } で seq { $seq } まで封印された先頭 { $bytes } バイトと一致しません（信頼する鍵か署名がないため、この封印の署名は確かめられていません）：封印そのものが偽物でない限り、記録が切り取られたか、空にされたか、書き換えられています
finding-void-not-allowed = 無効にできない記録 { $target }（本人の同意・同意の取り消し、または無効化の記録）を無効化しています。読み取り側はこれを無視します。tebiki のどのコマンドもこのような記録は書きません
finding-future-dated = 記録の日時が未来になっています（{ $at }）。書いた機械の時計が進んでいるか、日時が偽られています。その時刻までは、その人の最新の記録として扱われます
finding-backdated = { $seal } の後に追加された記録が、それより前の日時（{ $at }）になっています：日付のさかのぼり
todo-kiosk-running = もう一方の tebiki を閉じるか、config.toml でこの端末に別の kiosk_id を設定してください。

cli-kiosk-about = 社員向けの流れ（ロック付き）：終了には管理者 PIN が必要（最初の画面で F10）。無操作で最初に戻る
cli-pin-about = 管理者 PIN
cli-pin-set-about = 管理者 PIN を設定する（画面に表示せずに2回入力。端末でないときは標準入力から2行）
error-no-pin = 管理者 PIN がないとキオスクは起動できません（係の人が終了するために必要です）
error-pin-hash-invalid = config.toml の admin_pin_hash が正しい argon2id のハッシュではないため、どの PIN も受け付けられません
todo-pin-set = 先に「tebiki pin set」を実行してください。
error-id-pattern = config.toml の employee_id_pattern が正しいパターンではありません：{ $reason }
pin-enter = 新しい管理者 PIN
pin-again = もう一度同じ PIN
error-pin-format = PIN は { $min } 桁以上の数字（0〜9）にしてください
error-pin-weak = その PIN は推測されやすいため使えません（同じ数字の繰り返し、123456 や 987654 のような連番、121212 のような繰り返し）
cli-pin-unlock-about = PIN の入力ミスによるロックを解除する（キオスクとダッシュボード）。この端末で実行します
pin-unlock-done = PIN のロックを解除しました。すぐに管理者 PIN を試せます。
pin-unlock-none = 解除するロックはありませんでした。
error-pin-mismatch = 2回入力した PIN が一致しません
todo-pin-again = もう一度「tebiki pin set」を実行してください。
pin-set-done = 管理者 PIN を設定しました（{ $file } には PIN のハッシュだけが保存されます）。
pin-set-config-mistake = config.toml の { $place } にまだ誤りがあります：{ $reason }。その行を直すまでキオスクは起動しません（「tebiki config check」でもう一度確かめられます）。

cli-usage = 使い方
cli-commands = コマンド
cli-options = オプション
cli-global-options = どのコマンドにも使えるオプション
cli-arguments = 引数
cli-help = ヘルプを表示する
cli-version = バージョンを表示する
identity-mode-started = この端末の本人確認：{ $mode }
identity-mode-open = なし（社員番号・氏名・部署を入力どおりに記録。名簿とは照合しません）
identity-mode-roster = 名簿（名簿にある社員番号のみ。本人が名簿の氏名を確認します）
identity-mode-code = 個人コード（名簿の社員番号と、「tebiki roster codes」で配布した本人のコード）
error-identity-no-roster = identity = "{ $mode }" には名簿が必要ですが、取り込まれていません
todo-identity-no-roster = 「tebiki roster import ファイル.csv」で名簿を取り込むか、config.toml で identity = "open" にしてください。
error-identity-no-codes = identity = "code" には個人コードが必要ですが、まだ発行されていません
todo-identity-no-codes = 「tebiki roster codes -o slips.txt」で発行し、各自に用紙を渡してください。
cli-config-about = config.toml の組織の設定
cli-config-check-about = 社員に示す値のうち未設定のものと、正しくない値を一覧にします（未設定のものがある間、キオスクは起動しません）
config-unset = { $key } が設定されていません：{ $what }
config-timezone-unset = timezone が設定されていません：現地の日付・時刻（レポート、CSV、期日）はこの機械のタイムゾーン（今は { $zone }）になります。timezone = "Asia/Tokyo" のように設定してください
config-key-org-allowance-yen = 月額の通信費補助（円。0 = なし）
config-key-org-wifi-places = 社員用 Wi-Fi のある場所（"" = なし）
config-key-org-notify-window = 通知を受け取る時間帯の例（例："9:00–20:00"）
config-key-org-lost-contact = スマートフォンをなくしたときの報告先
config-key-org-contact = 問い合わせ・同意の取り消しの窓口
config-key-org-controller = 記録の管理責任者
config-key-org-retention = 記録の保存期間
config-key-org-plan = LINE WORKS のプラン：free または paid（監査ログの保存期間が決まります）
config-key-org-record-readers = 記録を見られる人（プライバシーに関する説明に表示します）
config-bad-language = language = "{ $value }" は画面の言語（{ $known }）ではありません：別の言語で始まってしまいます
config-too-short = { $key } = { $value }：短すぎて読めません（5 秒以上にしてください）
config-no-english = { $key } は「{ $value }」としか書かれていないため、英語の画面にもそのまま表示されます。英語で { $en } = "…" を加えてください
config-codes-missing = identity = "code" ですが、名簿の { $of } 人のうち { $count } 人に個人コードがなく、個人コードの画面から先に進めません：{ $ids }{ $more ->
    [0] {""}
   *[other] {" "}ほか { $more } 人
}。「tebiki roster codes -o slips.txt」で、コードのない全員に発行できます
config-bad-pin-hash = admin_pin_hash が tebiki の作った PIN のハッシュではありません。「tebiki pin set」を実行してください
config-all-set = 社員に示す設定はすべてそろっています（{ $file }）。
config-findings = { $file }：直す必要のある設定が { $count } 件あります
error-kiosk-unset = キオスクは組織の値をそのまま社員に示しますが、次の設定がありません：{ $keys }
todo-kiosk-unset = config.toml で設定してください（各項目の説明は「tebiki config check」）。または、係の人がいる場で「tebiki」を使ってください（値の代わりに問い合わせ先を表示します）。
cli-env = 環境変数：{ $name }
cli-default = 既定：{ $value }
cli-values = 指定できる値：{ $values }
cli-error-missing-value = { $arg } には値が必要です
cli-error-invalid-value = 「{ $value }」は { $arg } に指定できない値です
cli-error-not-whole-number = 「{ $value }」は { $arg } に指定できない値です。0 以上の整数を指定してください
cli-error-number-too-large = 「{ $value }」は { $arg } には大きすぎます
cli-error-invalid-value-choices = 「{ $value }」は { $arg } に指定できない値です（指定できる値：{ $values }）
cli-error-unknown-arg = { $arg } というオプションはありません
cli-error-unexpected = 余分な引数があります：{ $arg }
cli-error-unknown-command = 「{ $command }」というコマンドはありません
cli-error-missing-required = 必要な引数がありません：{ $args }
cli-error-missing-command = ここにはコマンドが必要です：{ $commands }
cli-error-conflict = { $arg } は { $other } と一緒には使えません
cli-error-value-count = { $arg } の値の数が違います
cli-error-utf8 = 引数に UTF-8 として読めない文字があります
cli-error-other = コマンドラインを読み取れませんでした
cli-error-suggest = { $value } のことですか？
cli-todo-dash-value = 「-」で始まる値は「=」でつなげて書いてください：{ $option }={ $value }
cli-todo-help = 「{ $command } --help」で、指定できるものを確かめてください。

std-receipt-method-kiosk-withdrawal = 本人が操作する端末（tebiki キオスク）
std-receipt-method-kiosk = 本人が操作する端末（tebiki キオスク）で、説明を読み、確認の問題に答えたうえで
std-receipt-method-kiosk-declined = 本人が操作する端末（tebiki キオスク）。「使わない」「今は使わない」は、説明を最後まで読まず、確認の問題に答えなくても選べます。どこまで読んだかは記録（content.screens、check）にあります
std-receipt-method-session = 担当者が進める説明会（tebiki present）
std-receipt-method-admin = 管理者または担当者による記録（tebiki record）
std-receipt-withdrawal = tebiki の端末で、または管理者を通じて（tebiki record withdrawal）
std-receipt-storage = 判断の証拠として追記専用の台帳に保管します。編集も削除もせず、誤った記録は取り消しの記録（void）で無効にします
std-receipt-law = 個人情報の保護に関する法律（個人情報保護法、APPI）
