//! The data folder (`$DATA`) and the organisation's settings in `$DATA/config.toml`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Localizer, group_digits};

/// `config.toml` holds the admin PIN's hash: the owner alone reads and changes it.
pub const CONFIG_MODE: u32 = 0o600;

/// Paths inside the data folder (the layout is a contract: see DESIGN.md).
#[derive(Debug, Clone)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn new(root: PathBuf) -> DataDir {
        DataDir { root }
    }

    /// The platform's data folder for tebiki (e.g. `~/.local/share/tebiki` on Linux).
    pub fn platform_default() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "tebiki").map(|p| p.data_dir().to_path_buf())
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }
    pub fn roster_path(&self) -> PathBuf {
        self.root.join("roster.csv")
    }
    pub fn ledger_dir(&self) -> PathBuf {
        self.root.join("ledger")
    }
    pub fn log_path(&self) -> PathBuf {
        self.root.join("tebiki.log")
    }

    /// Creates the folder on first use and writes a commented default `config.toml` with a new
    /// kiosk id, so the person setting up a kiosk finds every setting in one place.
    pub fn ensure(&self) -> Result<(), ConfigError> {
        create_private_dir(&self.root).map_err(|e| ConfigError::Io {
            path: self.root.clone(),
            reason: e.to_string(),
        })?;
        let path = self.config_path();
        if !path.exists() {
            let text = default_config_text(&new_kiosk_id());
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(CONFIG_MODE);
            }
            let mut f = options.open(&path).map_err(|e| ConfigError::Io {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            f.write_all(text.as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| ConfigError::Io {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
        }
        Ok(())
    }

    /// Stores the admin PIN hash in `config.toml`, keeping every other line and comment as the
    /// administrator wrote it; written to a temporary file and renamed, so it is never half-written.
    pub fn set_pin_hash(&self, hash: &str) -> Result<(), ConfigError> {
        let path = self.config_path();
        let io = |e: std::io::Error| ConfigError::Io {
            path: path.clone(),
            reason: e.to_string(),
        };
        let text = std::fs::read_to_string(&path).map_err(io)?;
        let mut doc: toml_edit::DocumentMut =
            text.parse()
                .map_err(|e: toml_edit::TomlError| ConfigError::Parse {
                    path: path.clone(),
                    line: e.span().map(|s| crate::i18n::line_of(&text, s.start)),
                    reason: e.message().to_string(),
                })?;
        doc["admin_pin_hash"] = toml_edit::value(hash);
        // The hash is readable by the owner only: a new file in place of the old one, never
        // written through a link. Group read, when an administrator gave it (so that a kiosk
        // account can read the settings it cannot change), is kept; nothing more.
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::symlink_metadata(&path)
                .map(|m| CONFIG_MODE | (m.permissions().mode() & 0o040))
                .unwrap_or(CONFIG_MODE)
        };
        #[cfg(not(unix))]
        let mode = CONFIG_MODE;
        crate::safe_file::write_atomic(&path, doc.to_string().as_bytes(), mode).map_err(io)
    }

    /// Reads `config.toml`; a missing file gives the defaults.
    pub fn load_config(&self) -> Result<Config, ConfigError> {
        let path = self.config_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text).map_err(|(line, reason)| ConfigError::Parse {
                path,
                line,
                reason,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError::Io {
                path,
                reason: e.to_string(),
            }),
        }
    }
}

#[cfg(unix)]
fn create_private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if path.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o750)
        .create(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o750))
}

#[cfg(not(unix))]
fn create_private_dir(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path)
}

#[derive(Debug)]
pub enum ConfigError {
    Io {
        path: PathBuf,
        reason: String,
    },
    Parse {
        path: PathBuf,
        line: Option<usize>,
        reason: String,
    },
}

/// `$DATA/config.toml`. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// This terminal's writer id: the ledger file is `ledger/<kiosk_id>.jsonl`.
    pub kiosk_id: String,
    /// The language a new person starts in (`ja`, `en`); the system locale when unset.
    pub language: Option<String>,
    /// Seconds without a key press before a kiosk asks "Still there?".
    pub idle_timeout_secs: u64,
    /// Seconds the receipt stays up without a key press before the welcome screen returns.
    pub receipt_timeout_secs: u64,
    /// IANA time zone for local times on receipts; the system's when unset.
    pub timezone: Option<String>,
    /// argon2id hash of the admin PIN (`tebiki pin set`).
    pub admin_pin_hash: Option<String>,
    /// The form of an employee id, as a regular expression matched against the whole id
    /// (e.g. `[A-Z][0-9]{4}`); when unset, any id of up to 32 characters without spaces.
    pub employee_id_pattern: Option<String>,
    pub org: Org,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            kiosk_id: "kiosk".into(),
            language: None,
            idle_timeout_secs: 90,
            receipt_timeout_secs: 30,
            timezone: None,
            admin_pin_hash: None,
            employee_id_pattern: None,
            org: Org::default(),
        }
    }
}

/// Organisation values that the content's placeholders are filled with.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Org {
    pub name: Option<String>,
    /// Fixed monthly communication allowance in yen; 0 means none.
    pub allowance_yen: u64,
    /// Where staff Wi-Fi is available; empty means nowhere.
    pub wifi_places: Option<String>,
    /// The daily window in which notifications arrive, e.g. `9:00–20:00`.
    pub notify_window: String,
    /// Who to report a lost or stolen phone to.
    pub lost_contact: Option<String>,
    /// Who to ask about anything else, and to withdraw consent.
    pub contact: Option<String>,
    pub plan: Plan,
    /// Per-language versions of the text values, e.g. `[org.en] name = "Sample Co."`.
    #[serde(flatten)]
    pub translations: BTreeMap<String, OrgText>,
}

impl Default for Org {
    fn default() -> Org {
        // The guide's worked example; the default config file tells admins to adjust it.
        Org {
            name: None,
            allowance_yen: 3000,
            wifi_places: None,
            notify_window: "9:00–20:00".into(),
            lost_contact: None,
            contact: None,
            plan: Plan::Free,
            translations: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrgText {
    pub name: Option<String>,
    pub wifi_places: Option<String>,
    pub lost_contact: Option<String>,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Free,
    Paid,
}

impl Config {
    /// Parses config text; an error carries the 1-based line when known.
    pub fn parse(text: &str) -> Result<Config, (Option<usize>, String)> {
        toml::from_str::<Config>(text).map_err(|e| {
            let line = e.span().map(|s| crate::i18n::line_of(text, s.start));
            (line, e.message().to_string())
        })
    }
}

/// The values of the placeholders in the content, in one language.
pub type Placeholders = BTreeMap<&'static str, String>;

/// The placeholder names the content may use.
pub const PLACEHOLDERS: [&str; 7] = [
    "org",
    "allowance_sentence",
    "wifi_sentence",
    "notify_window",
    "lost_contact",
    "contact",
    "plan_sentence",
];

impl Org {
    fn text<'a>(
        &'a self,
        lang: &Lang,
        pick: impl Fn(&'a OrgText) -> Option<&'a String>,
    ) -> Option<&'a str> {
        self.translations
            .get(lang.as_str())
            .and_then(pick)
            .map(String::as_str)
    }

    /// Fills every placeholder for `lang`, taking the organisation's own words where it set
    /// them and the locale's defaults otherwise.
    pub fn placeholders(&self, loc: &Localizer, lang: &Lang) -> Placeholders {
        let or_default = |own: Option<&str>, base: &Option<String>, id: &str| -> String {
            own.map(str::to_string)
                .or_else(|| base.clone())
                .unwrap_or_else(|| loc.t(lang, id))
        };
        let name = or_default(
            self.text(lang, |t| t.name.as_ref()),
            &self.name,
            "org-default-name",
        );
        let wifi = or_default(
            self.text(lang, |t| t.wifi_places.as_ref()),
            &self.wifi_places,
            "org-default-wifi-places",
        );
        let lost = or_default(
            self.text(lang, |t| t.lost_contact.as_ref()),
            &self.lost_contact,
            "org-default-lost-contact",
        );
        let contact = or_default(
            self.text(lang, |t| t.contact.as_ref()),
            &self.contact,
            "org-default-contact",
        );
        let allowance = if self.allowance_yen == 0 {
            loc.ta(lang, "org-allowance-none", &[("org", name.clone().into())])
        } else {
            loc.ta(
                lang,
                "org-allowance",
                &[
                    ("org", name.clone().into()),
                    ("amount", group_digits(self.allowance_yen).into()),
                ],
            )
        };
        let wifi_sentence = if wifi.trim().is_empty() {
            loc.t(lang, "org-wifi-none")
        } else {
            loc.ta(lang, "org-wifi", &[("places", wifi.into())])
        };
        let plan_id = match self.plan {
            Plan::Free => "org-plan-free",
            Plan::Paid => "org-plan-paid",
        };
        let plan = loc.ta(lang, plan_id, &[("org", name.clone().into())]);
        let mut map = Placeholders::new();
        map.insert("org", name);
        map.insert("allowance_sentence", allowance);
        map.insert("wifi_sentence", wifi_sentence);
        map.insert("notify_window", self.notify_window.clone());
        map.insert("lost_contact", lost);
        map.insert("contact", contact);
        map.insert("plan_sentence", plan);
        map
    }
}

/// A fresh kiosk id, unique enough for the terminals of one organisation.
pub fn new_kiosk_id() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    format!("kiosk-{}", &id[id.len() - 6..])
}

/// The commented config written on first use. Comments are for the administrator who edits
/// the file; they are English and Japanese side by side because the file has no UI language.
fn default_config_text(kiosk_id: &str) -> String {
    format!(
        r#"# tebiki settings / tebiki の設定
# Edit the values for your organisation; the content shows them to every employee.
# 組織に合わせて値を変更してください。画面の説明文にそのまま表示されます。

# This terminal's id: its records go to ledger/<kiosk_id>.jsonl. Unique per terminal.
# この端末の ID。記録は ledger/<kiosk_id>.jsonl に追記されます。端末ごとに別の値にします。
kiosk_id = "{kiosk_id}"

# language = "ja"            # first language shown / 最初に表示する言語 (ja, en)
idle_timeout_secs = 90       # kiosk: seconds before "Still there?" / 無操作で確認するまでの秒数
receipt_timeout_secs = 30    # seconds the receipt stays up / 控えの画面を表示しておく秒数
# employee_id_pattern = "[A-Z][0-9]{{4}}"  # form of an employee id / 社員番号の形式（正規表現）
# timezone = "Asia/Tokyo"    # local time on receipts / 控えに表示する時刻のタイムゾーン

[org]
# name = "株式会社サンプル"
allowance_yen = 3000         # monthly communication allowance, 0 = none / 月額の通信費補助 (0 = なし)
notify_window = "9:00–20:00" # daily notification window / 通知を受け取る時間帯
# wifi_places = "本社・各店舗"   # where staff Wi-Fi is available, "" = nowhere / 社員用 Wi-Fi のある場所
# lost_contact = "情報システム担当（内線 1234）"  # who to report a lost phone to / 紛失時の連絡先
# contact = "総務部"          # who to ask, and to withdraw consent / 問い合わせ・同意撤回の窓口
plan = "free"                # LINE WORKS plan: free | paid / 利用プラン

# [org.en]                   # English versions of the text values / 英語表示用の値
# name = "Sample Co."
# wifi_places = "the head office and every store"
# lost_contact = "the IT desk (ext. 1234)"
# contact = "the General Affairs department"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_text_parses_to_the_defaults() {
        let c = Config::parse(&default_config_text("kiosk-abc123")).unwrap();
        assert_eq!(c.kiosk_id, "kiosk-abc123");
        assert_eq!(c.idle_timeout_secs, 90);
        assert_eq!(c.org.allowance_yen, 3000);
        assert_eq!(c.org.plan, Plan::Free);
    }

    #[test]
    fn a_config_error_names_its_line() {
        let err =
            Config::parse("kiosk_id = \"a\"\n\n[org]\nallowance_yen = \"lots\"\n").unwrap_err();
        assert_eq!(err.0, Some(4));
    }

    #[test]
    fn per_language_org_values_are_read() {
        let c =
            Config::parse("[org]\nname = \"株式会社サンプル\"\n[org.en]\nname = \"Sample Co.\"\n")
                .unwrap();
        assert_eq!(c.org.name.as_deref(), Some("株式会社サンプル"));
        assert_eq!(c.org.translations["en"].name.as_deref(), Some("Sample Co."));
    }
}
