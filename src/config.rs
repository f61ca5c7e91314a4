//! The data folder (`$DATA`) and the organisation's settings in `$DATA/config.toml`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod reason;

use reason::org_text_error;
pub use reason::{ConfigReason, ValueKind};

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
    /// Hashes of the personal codes (identity mode `code`).
    pub fn codes_path(&self) -> PathBuf {
        crate::record::codes::Codes::path(&self.root)
    }
    pub fn log_path(&self) -> PathBuf {
        self.root.join("tebiki.log")
    }

    /// Creates the folder on first use and writes a commented default `config.toml` with a new
    /// kiosk id, so the person setting up a kiosk finds every setting in one place.
    pub fn ensure(&self) -> Result<(), ConfigError> {
        create_private_dir(&self.root).map_err(|e| ConfigError::Io {
            path: self.root.clone(),
            source: e,
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
                source: e,
            })?;
            f.write_all(text.as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(|e| ConfigError::Io {
                    path: path.clone(),
                    source: e,
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
            source: e,
        };
        let text = std::fs::read_to_string(&path).map_err(io)?;
        let mut doc: toml_edit::DocumentMut =
            text.parse()
                .map_err(|e: toml_edit::TomlError| ConfigError::Parse {
                    path: path.clone(),
                    line: e.span().map(|s| crate::i18n::line_of(&text, s.start)),
                    reason: ConfigReason::Syntax(e.message().to_string()),
                })?;
        doc["admin_pin_hash"] = toml_edit::value(hash);
        // The hash is readable by the owner only: a new file in place of the old one, never
        // written through a link. Group read, when an administrator gave it (so that a kiosk
        // account can read the settings it cannot change), is kept; nothing more.
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::symlink_metadata(&path).map_or(CONFIG_MODE, |m| {
                CONFIG_MODE | (m.permissions().mode() & 0o040)
            })
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
            Err(e) => Err(ConfigError::Io { path, source: e }),
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

/// Whether `admin_pin_hash` is a whole argon2id hash (as `tebiki pin set` writes it): with
/// valid parameters, a salt and the hash itself. Anything else would reject every PIN.
pub fn pin_hash_is_valid(stored: &str) -> bool {
    use argon2::password_hash::PasswordHash;
    let Ok(parsed) = PasswordHash::new(stored.trim()) else {
        return false;
    };
    parsed.algorithm == argon2::ARGON2ID_IDENT
        && parsed.salt.is_some()
        && parsed.hash.is_some()
        && argon2::Params::try_from(&parsed).is_ok()
}

#[derive(Debug)]
pub enum ConfigError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Parse {
        path: PathBuf,
        line: Option<usize>,
        reason: ConfigReason,
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
    /// Seconds the kiosk's welcome screen waits untouched before the attract screen shows.
    pub attract_after_secs: u64,
    /// IANA time zone for local times on receipts; the system's when unset.
    pub timezone: Option<String>,
    /// argon2id hash of the admin PIN (`tebiki pin set`).
    pub admin_pin_hash: Option<String>,
    /// The form of an employee id, as a regular expression matched against the whole id
    /// (e.g. `[A-Z][0-9]{4}`); when unset, any id of up to 32 characters without spaces.
    pub employee_id_pattern: Option<String>,
    /// An id of that form, shown to people when a typed id is wrong (e.g. `A1234`).
    pub employee_id_example: Option<String>,
    /// How a person at a terminal shows who they are: `open` (id, name and department as
    /// typed), `roster` (an id on the roster, whose name they confirm) or `code` (also the
    /// personal code from `tebiki roster codes`). When unset: `roster` once a roster is
    /// imported, else `open`.
    pub identity: Option<crate::record::identity::IdentityMode>,
    /// How the terminal draws East Asian ambiguous characters (box drawing, ▶ → — …):
    /// `auto` asks it at start-up; `--ambiguous-width` overrides this.
    pub ambiguous_width: crate::glyphs::AmbiguousWidth,
    pub org: Org,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            kiosk_id: "kiosk".into(),
            language: None,
            idle_timeout_secs: 90,
            receipt_timeout_secs: 30,
            attract_after_secs: 30,
            timezone: None,
            admin_pin_hash: None,
            employee_id_pattern: None,
            employee_id_example: None,
            identity: None,
            ambiguous_width: crate::glyphs::AmbiguousWidth::Auto,
            org: Org::default(),
        }
    }
}

/// Organisation values that the content's placeholders are filled with. Every one starts
/// unset: nothing people rely on is made up.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Org {
    pub name: Option<String>,
    /// Fixed monthly communication allowance in yen; 0 means none. Unset: people are told to
    /// ask, never a made-up amount.
    pub allowance_yen: Option<u64>,
    /// Where staff Wi-Fi is available; empty means nowhere.
    pub wifi_places: Option<String>,
    /// An example of a daily window for notifications, e.g. `9:00–20:00`.
    pub notify_window: Option<String>,
    /// Who to report a lost or stolen phone to.
    pub lost_contact: Option<String>,
    /// Who to ask about anything else, and to withdraw consent.
    pub contact: Option<String>,
    /// The LINE WORKS plan (how long the audit log is kept). Unset: people are told to ask,
    /// never a plan nobody chose.
    pub plan: Option<Plan>,
    /// The company remotely deletes LINE WORKS data on a lost phone (paid plans): people are
    /// then asked whether they agree to it, as an optional purpose.
    pub remote_wipe: bool,
    /// Who is responsible for the records (the controller), e.g. the company's legal name.
    pub controller: Option<String>,
    /// The controller's address.
    pub controller_address: Option<String>,
    /// Whom to ask about one's record (to see it, have it corrected, stop its use).
    pub privacy_contact: Option<String>,
    /// Who can see the records, e.g. "HR and the trainers of the LINE WORKS project".
    pub record_readers: Option<String>,
    /// How long the records are kept, e.g. "5 years after you leave the company".
    pub retention: Option<String>,
    /// Per-language versions of the text values, e.g. `[org.en] name = "Sample Co."`.
    #[serde(flatten)]
    pub translations: BTreeMap<String, OrgText>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrgText {
    pub name: Option<String>,
    pub wifi_places: Option<String>,
    pub lost_contact: Option<String>,
    pub contact: Option<String>,
    pub controller: Option<String>,
    pub controller_address: Option<String>,
    pub privacy_contact: Option<String>,
    pub record_readers: Option<String>,
    pub retention: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Free,
    Paid,
}

impl Config {
    /// The organisation's time zone (`timezone`), else the system's: every local date and
    /// time uses it.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        self.timezone
            .as_deref()
            .and_then(|t| jiff::tz::TimeZone::get(t).ok())
            .unwrap_or_else(jiff::tz::TimeZone::system)
    }

    /// Parses config text; an error carries the 1-based line when known. A time zone that is
    /// not one is an error, never a silent UTC.
    pub fn parse(text: &str) -> Result<Config, (Option<usize>, ConfigReason)> {
        let config = toml::from_str::<Config>(text).map_err(|e| {
            // A mistake in a per-language `[org.<lang>]` table, or a misspelt setting of
            // `[org]`, comes back without its place (those tables are read through serde's
            // `flatten`): `[org]` is read again, each table on its own.
            org_text_error(text).unwrap_or_else(|| {
                let line = e.span().map(|s| crate::i18n::line_of(text, s.start));
                // Not TOML at all, or TOML with a value the settings do not take.
                let reason = if toml::de::DeTable::parse(text).is_err() {
                    ConfigReason::Syntax(e.message().to_string())
                } else {
                    ConfigReason::of(e.message())
                };
                (line, reason)
            })
        })?;
        if let Some(tz) = &config.timezone
            && jiff::tz::TimeZone::get(tz).is_err()
        {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("timezone"))
                .map(|i| i + 1);
            return Err((line, ConfigReason::UnknownTimeZone(tz.clone())));
        }
        if config.org.remote_wipe && config.org.plan == Some(Plan::Free) {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("remote_wipe"))
                .map(|i| i + 1);
            return Err((line, ConfigReason::RemoteWipeOnFreePlan));
        }
        Ok(config)
    }

    /// The settings people rely on that are not set: the kiosk does not start without them,
    /// and elsewhere the screens say "ask ..." instead of a value. Keys as in config.toml.
    pub fn unset(&self) -> Vec<&'static str> {
        let o = &self.org;
        let empty = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
        let mut out = Vec::new();
        if o.allowance_yen.is_none() {
            out.push("org.allowance_yen");
        }
        if o.wifi_places.is_none() {
            out.push("org.wifi_places");
        }
        if o.plan.is_none() {
            out.push("org.plan");
        }
        if empty(&o.notify_window) {
            out.push("org.notify_window");
        }
        if empty(&o.lost_contact) {
            out.push("org.lost_contact");
        }
        if empty(&o.contact) {
            out.push("org.contact");
        }
        if empty(&o.controller) {
            out.push("org.controller");
        }
        if empty(&o.retention) {
            out.push("org.retention");
        }
        if empty(&o.record_readers) {
            out.push("org.record_readers");
        }
        out
    }

    /// The text values written in another script than English's (Japanese, say) with no
    /// English version under `[org.en]`: English screens show them as written. Keys as in
    /// config.toml, with the value.
    pub fn without_english(&self) -> Vec<(&'static str, String)> {
        // The key, its value, and its English version (when `[org.en]` is there).
        type Field<'a> = (&'static str, &'a Option<String>, Option<&'a Option<String>>);
        let o = &self.org;
        let en = o.translations.get("en");
        let fields: [Field<'_>; 9] = [
            ("org.name", &o.name, en.map(|t| &t.name)),
            (
                "org.wifi_places",
                &o.wifi_places,
                en.map(|t| &t.wifi_places),
            ),
            (
                "org.lost_contact",
                &o.lost_contact,
                en.map(|t| &t.lost_contact),
            ),
            ("org.contact", &o.contact, en.map(|t| &t.contact)),
            ("org.controller", &o.controller, en.map(|t| &t.controller)),
            (
                "org.controller_address",
                &o.controller_address,
                en.map(|t| &t.controller_address),
            ),
            (
                "org.privacy_contact",
                &o.privacy_contact,
                en.map(|t| &t.privacy_contact),
            ),
            (
                "org.record_readers",
                &o.record_readers,
                en.map(|t| &t.record_readers),
            ),
            ("org.retention", &o.retention, en.map(|t| &t.retention)),
        ];
        fields
            .into_iter()
            .filter_map(|(key, value, english)| {
                let value = value.as_deref().filter(|v| !v.is_ascii())?;
                english
                    .is_none_or(|e| e.as_deref().is_none_or(|e| e.trim().is_empty()))
                    .then(|| (key, value.to_string()))
            })
            .collect()
    }
}

/// The values of the placeholders in the content, in one language.
pub type Placeholders = BTreeMap<&'static str, String>;

/// The placeholder names the content may use.
pub const PLACEHOLDERS: [&str; 13] = [
    "org",
    "allowance_sentence",
    "wifi_sentence",
    "notify_window",
    "notify_window_sentence",
    "lost_contact",
    "contact",
    "plan_sentence",
    "controller_sentence",
    "privacy_contact",
    "record_readers",
    "retention",
    "controller",
];

/// Who keeps the records, as the organisation set it for one language (see [`Org::keeper`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keeper {
    pub name: Option<String>,
    pub controller: Option<String>,
    pub address: Option<String>,
    pub privacy_contact: Option<String>,
    pub contact: Option<String>,
    pub retention: Option<String>,
}

impl Org {
    /// Whether a switch named in the content's manifest (`when = "remote_wipe"`) is on.
    pub fn uses(&self, switch: &str) -> bool {
        match switch {
            "remote_wipe" => self.remote_wipe,
            _ => false,
        }
    }

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

    /// Who keeps the records and for how long, as the privacy notice in `lang` names them:
    /// each the language's own value (`[org.xx]`), else the organisation's; a blank one is not
    /// set. Receipts carry the same, in the language the person read.
    pub fn keeper(&self, lang: &Lang) -> Keeper {
        let own = |pick: fn(&OrgText) -> Option<&String>, base: &Option<String>| {
            self.text(lang, pick)
                .map(str::to_string)
                .or_else(|| base.clone())
                .filter(|v| !v.trim().is_empty())
        };
        Keeper {
            name: own(|t| t.name.as_ref(), &self.name),
            controller: own(|t| t.controller.as_ref(), &self.controller),
            address: own(|t| t.controller_address.as_ref(), &self.controller_address),
            privacy_contact: own(|t| t.privacy_contact.as_ref(), &self.privacy_contact),
            contact: own(|t| t.contact.as_ref(), &self.contact),
            retention: own(|t| t.retention.as_ref(), &self.retention),
        }
    }

    /// Fills every placeholder for `lang`, taking the organisation's own words where it set
    /// them and the locale's defaults otherwise.
    pub fn placeholders(&self, loc: &Localizer, lang: &Lang) -> Placeholders {
        let or_default = |own: Option<&str>, base: &Option<String>, id: &str| -> String {
            own.map(str::to_string)
                .or_else(|| base.clone())
                .unwrap_or_else(|| loc.t_stored(lang, id))
        };
        let name = or_default(
            self.text(lang, |t| t.name.as_ref()),
            &self.name,
            "org-default-name",
        );
        let wifi = self
            .text(lang, |t| t.wifi_places.as_ref())
            .map(str::to_string)
            .or_else(|| self.wifi_places.clone());
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
        // What the organisation has not set is never shown as a fact: people are told whom
        // to ask.
        let allowance = match self.allowance_yen {
            None => loc.ta_stored(
                lang,
                "org-unset-allowance",
                &[("contact", contact.clone().into())],
            ),
            Some(0) => loc.ta_stored(lang, "org-allowance-none", &[("org", name.clone().into())]),
            Some(amount) => loc.ta_stored(
                lang,
                "org-allowance",
                &[
                    ("org", name.clone().into()),
                    ("amount", group_digits(amount).into()),
                ],
            ),
        };
        let wifi_sentence = match wifi {
            None => loc.ta_stored(
                lang,
                "org-unset-wifi",
                &[("contact", contact.clone().into())],
            ),
            Some(w) if w.trim().is_empty() => loc.t_stored(lang, "org-wifi-none"),
            Some(w) => loc.ta_stored(lang, "org-wifi", &[("places", w.into())]),
        };
        let plan = match self.plan {
            Some(Plan::Free) => {
                loc.ta_stored(lang, "org-plan-free", &[("org", name.clone().into())])
            }
            Some(Plan::Paid) => {
                loc.ta_stored(lang, "org-plan-paid", &[("org", name.clone().into())])
            }
            None => loc.ta_stored(
                lang,
                "org-unset-plan",
                &[("contact", contact.clone().into())],
            ),
        };
        let mut map = Placeholders::new();
        map.insert("org", name.clone());
        map.insert("allowance_sentence", allowance);
        map.insert("wifi_sentence", wifi_sentence);
        let window = self.notify_window.clone().filter(|w| !w.trim().is_empty());
        map.insert(
            "notify_window_sentence",
            match &window {
                Some(w) => {
                    loc.ta_stored(lang, "org-notify-window", &[("window", w.clone().into())])
                }
                None => loc.ta_stored(
                    lang,
                    "org-unset-notify-window",
                    &[("contact", contact.clone().into())],
                ),
            },
        );
        map.insert(
            "notify_window",
            window.unwrap_or_else(|| loc.t_stored(lang, "org-unset-value")),
        );
        // The privacy notice's values: what is not set is never filled with a default that
        // reads like a fact, only with "ask ...".
        let own = |pick: fn(&OrgText) -> Option<&String>, base: &Option<String>| {
            self.text(lang, pick)
                .map(str::to_string)
                .or_else(|| base.clone())
                .filter(|v| !v.trim().is_empty())
        };
        let ask = |id: &str| loc.ta_stored(lang, id, &[("contact", contact.clone().into())]);
        let keeper = self.keeper(lang);
        let privacy_contact = keeper.privacy_contact.unwrap_or_else(|| contact.clone());
        let controller = keeper.controller;
        let address = keeper.address;
        let controller_sentence = match (&controller, address) {
            (Some(c), Some(a)) => loc.ta_stored(
                lang,
                "org-controller-address",
                &[("controller", c.clone().into()), ("address", a.into())],
            ),
            (Some(c), None) => {
                loc.ta_stored(lang, "org-controller", &[("controller", c.clone().into())])
            }
            (None, _) => ask("org-unset-controller"),
        };
        map.insert("controller", controller.unwrap_or_else(|| name.clone()));
        map.insert("controller_sentence", controller_sentence);
        map.insert("privacy_contact", privacy_contact);
        map.insert(
            "record_readers",
            own(|t| t.record_readers.as_ref(), &self.record_readers)
                .unwrap_or_else(|| ask("org-unset-record-readers")),
        );
        map.insert(
            "retention",
            keeper
                .retention
                .unwrap_or_else(|| ask("org-unset-retention")),
        );
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
attract_after_secs = 30      # kiosk: idle seconds on the welcome screen before the attract screen / 待機画面までの秒数
# employee_id_pattern = "[A-Z][0-9]{{4}}"  # form of an employee id / 社員番号の形式（正規表現）
# employee_id_example = "A1234"  # an id of that form, shown when a typed id is wrong / 入力例
# identity = "roster"  # open | roster | code: how a person shows who they are (default: roster
#                      # once a roster is imported, else open) / 本人確認の方法（名簿があれば roster）
# timezone = "Asia/Tokyo"    # local time on receipts / 控えに表示する時刻のタイムゾーン
# ambiguous_width = "auto"   # terminal draws ─ ▶ → … as: auto (ask it), narrow, wide / 曖昧な幅の文字: auto（端末に問い合わせ）, narrow（半角）, wide（全角）

[org]
# name = "株式会社サンプル"
# Until these are set, a kiosk does not start, and attended screens tell people whom to ask
# instead of showing a value ("tebiki config check" lists what is missing).
# 以下が未設定のあいだ、キオスクは起動せず、画面には値の代わりに問い合わせ先を表示します
# （未設定の項目は「tebiki config check」で確認できます）。
# allowance_yen = 3000       # monthly communication allowance, 0 = none / 月額の通信費補助 (0 = なし)
# notify_window = "9:00–20:00" # example of a daily notification window / 通知を受け取る時間帯の例
# wifi_places = "本社・各店舗"   # where staff Wi-Fi is available, "" = nowhere / 社員用 Wi-Fi のある場所
# lost_contact = "情報システム担当（内線 1234）"  # who to report a lost phone to / 紛失時の連絡先
# contact = "総務部"          # who to ask, and to withdraw consent / 問い合わせ・同意撤回の窓口
# plan = "free"              # LINE WORKS plan: free | paid / 利用プラン
# remote_wipe = true         # the company remotely deletes LINE WORKS data on a lost phone (paid
#                            # plans); people are asked about it as an optional purpose
#                            # 紛失時に LINE WORKS のデータを遠隔削除する（有料プラン）。任意の同意として確認します

# Who is responsible for the records, and what the privacy notice tells every employee.
# 記録の管理者と、プライバシーに関する説明に表示する内容。
# controller = "株式会社サンプル"                      # the controller / 記録の管理責任者
# controller_address = "東京都千代田区…"               # its address / 所在地
# privacy_contact = "人事部 個人情報窓口（内線 1000）"  # whom to ask about one's record / 記録についての窓口
# record_readers = "人事部と LINE WORKS 導入担当者"     # who can see the records / 記録を見られる人
# retention = "退職後 5 年間"                         # how long records are kept / 保存期間

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
    fn only_a_whole_argon2id_hash_is_a_valid_pin_hash() {
        let good = crate::pin::hash("482913").expect("hashed");
        assert!(pin_hash_is_valid(&good));
        assert!(!pin_hash_is_valid("1234"));
        assert!(!pin_hash_is_valid(""));
        assert!(!pin_hash_is_valid(&format!("{good}!")), "not base64");
        assert!(
            !pin_hash_is_valid(&good.replace("m=", "x=")),
            "unknown parameter"
        );
        assert!(!pin_hash_is_valid(&good.replace("argon2id", "argon2i")));
        let no_hash = good.rsplit_once('$').map_or("", |(head, _)| head);
        assert!(!pin_hash_is_valid(no_hash));
    }

    #[test]
    fn the_default_config_text_parses_to_the_defaults() {
        let c = Config::parse(&default_config_text("kiosk-abc123")).unwrap();
        assert_eq!(c.kiosk_id, "kiosk-abc123");
        assert_eq!(c.idle_timeout_secs, 90);
        // Nothing people rely on is made up: every such value starts unset.
        assert_eq!(c.org.allowance_yen, None);
        assert_eq!(c.org.notify_window, None);
        assert_eq!(
            c.unset(),
            [
                "org.allowance_yen",
                "org.wifi_places",
                "org.plan",
                "org.notify_window",
                "org.lost_contact",
                "org.contact",
                "org.controller",
                "org.retention",
                "org.record_readers"
            ]
        );
        assert_eq!(c.org.plan, None);
        assert_eq!(c.ambiguous_width, crate::glyphs::AmbiguousWidth::Auto);
    }

    #[test]
    fn a_misspelt_time_zone_is_an_error_naming_its_line() {
        let err = Config::parse("kiosk_id = \"a\"\ntimezone = \"Asia/Tokio\"\n").unwrap_err();
        assert_eq!(err.0, Some(2));
        assert_eq!(err.1, ConfigReason::UnknownTimeZone("Asia/Tokio".into()));
        assert!(Config::parse("timezone = \"Asia/Tokyo\"\n").is_ok());
    }

    #[test]
    fn ambiguous_width_is_read_and_a_wrong_value_names_its_line() {
        use crate::glyphs::AmbiguousWidth;
        let c = Config::parse("ambiguous_width = \"wide\"\n").unwrap();
        assert_eq!(c.ambiguous_width, AmbiguousWidth::Wide);
        let c = Config::parse("ambiguous_width = \"narrow\"\n").unwrap();
        assert_eq!(c.ambiguous_width, AmbiguousWidth::Narrow);
        let err = Config::parse("kiosk_id = \"a\"\nambiguous_width = \"full\"\n").unwrap_err();
        assert_eq!(err.0, Some(2));
        assert_eq!(
            err.1,
            ConfigReason::UnknownValue {
                value: "full".into(),
                known: vec!["auto".into(), "narrow".into(), "wide".into()]
            }
        );
    }

    /// Remote deletion is a paid plan's: asked for on a free plan, people would agree to what
    /// the company cannot do, so the settings are refused, naming the line.
    #[test]
    fn remote_wipe_on_a_free_plan_is_refused() {
        let text = "[org]\nplan = \"free\"\nremote_wipe = true\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(err, (Some(3), ConfigReason::RemoteWipeOnFreePlan));
        for ok in [
            "[org]\nplan = \"paid\"\nremote_wipe = true\n",
            "[org]\nplan = \"free\"\nremote_wipe = false\n",
            "[org]\nremote_wipe = true\n",
        ] {
            assert!(Config::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn a_config_error_names_its_line() {
        let err =
            Config::parse("kiosk_id = \"a\"\n\n[org]\nallowance_yen = \"lots\"\n").unwrap_err();
        assert_eq!(err.0, Some(4));
        assert_eq!(err.1, ConfigReason::Wants(ValueKind::WholeNumber));
        let err = Config::parse("idle_timeout_secs = -1\n").unwrap_err();
        assert_eq!(err.1, ConfigReason::Wants(ValueKind::WholeNumber));
        let err = Config::parse("[org]\nremote_wipe = \"yes\"\n").unwrap_err();
        assert_eq!(
            (err.0, err.1),
            (Some(2), ConfigReason::Wants(ValueKind::TrueOrFalse))
        );
        // A syntax mistake is one, in the parser's words.
        let err = Config::parse("[org]\ncontact = \n").unwrap_err();
        assert!(matches!(err.1, ConfigReason::Syntax(_)), "{err:?}");
    }

    /// A mistake inside `[org.en]` names its own line, not the `[org]` table's; so does a
    /// misspelt setting of `[org]` (which would be taken for a language's table).
    #[test]
    fn a_mistake_in_a_per_language_table_names_its_line() {
        let text = "kiosk_id = \"a\"\n[org]\nname = \"A\"\ncontcat = \"総務部\"\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(err.0, Some(4), "{err:?}");
        match &err.1 {
            ConfigReason::UnknownKey { key, known } => {
                assert_eq!(key, "contcat");
                for k in ["contact", "allowance_yen", "remote_wipe", "plan"] {
                    assert!(known.iter().any(|f| f == k), "{k}: {known:?}");
                }
                assert!(!known.iter().any(|f| f == "translations"), "{known:?}");
            }
            other => panic!("{other:?}"),
        }
        let text =
            "[org]\nname = \"株式会社サンプル\"\n\n[org.en]\nname = \"Sample\"\ncontact = 7\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(err.0, Some(6), "{err:?}");
        assert_eq!(err.1, ConfigReason::Wants(ValueKind::Text));
        let text = "[org]\nname = \"A\"\n[org.en]\nname = \"B\"\ncontact_phone = \"1\"\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(err.0, Some(5), "{err:?}");
        match &err.1 {
            ConfigReason::UnknownKey { key, known } => {
                assert_eq!(key, "contact_phone");
                assert!(known.iter().any(|k| k == "contact"), "{known:?}");
            }
            other => panic!("{other:?}"),
        }
        // A mistake in [org] itself still names its line.
        let err =
            Config::parse("[org]\nname = \"A\"\nallowance_yen = \"x\"\n[org.en]\nname = \"B\"\n")
                .unwrap_err();
        assert_eq!(err.0, Some(3), "{err:?}");
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
