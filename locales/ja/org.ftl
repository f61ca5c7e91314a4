# config.toml で設定されていないときの組織の値と、それを使った文。

org-default-name = 当社
org-default-lost-contact = 上司または管理者
org-default-contact = 上司または管理者
org-allowance = { $org }は、通信費の補助として毎月{ $amount }円を定額で支給します。
org-allowance-none = { $org }では、現在、通信費の補助はありません。
org-wifi = 社員用のWi-Fiが{ $places }にあります。そこでWi-Fiにつなぐと、モバイルデータの通信量を減らせます。
org-wifi-none = 現在、社員用のWi-Fiはありません。
org-plan-free = { $org }はLINE WORKSの無料のフリープランを使っています。監査ログの保存期間は2週間で、ダウンロードはできません。
org-plan-paid = { $org }はLINE WORKSの有料プランを使っています。監査ログはより長く保存され、管理者がダウンロードできます。
org-controller = この記録の管理責任者は{ $controller }です。
org-controller-address = この記録の管理責任者は{ $controller }（{ $address }）です。
org-unset-controller = この記録の管理責任者はまだ設定されていません。{ $contact }にお問い合わせください。
org-unset-record-readers = まだ設定されていません（{ $contact }にお問い合わせください）
org-unset-retention = まだ設定されていません（{ $contact }にお問い合わせください）
org-unset-allowance = 通信費の補助があるかどうかは、ここではまだ設定されていません。{ $contact }に確認してください。
org-unset-wifi = 社員用の Wi-Fi があるかどうか、どこにあるかは、ここではまだ設定されていません。{ $contact }に確認してください。
org-unset-plan = 会社が使う LINE WORKS のプラン（操作の記録である監査ログの保存期間もこれで決まります）は、ここではまだ設定されていません。{ $contact }に確認してください。
org-notify-window = 例：{ $window }
org-unset-notify-window = どの時間帯がよいかは、{ $contact }に確認してください。
org-unset-value = 未設定
