//! The organisation's own values from config.toml reach the screens, in each language, and
//! change the content hash that records carry.

use tebiki::config::Config;
use tebiki::content::{Content, RawContent};
use tebiki::i18n::{Lang, Localizer};
use tebiki::source::Source;

fn prepared(config_text: &str) -> Content {
    let (loc, _) = Localizer::load(&Source::Embedded);
    let raw = RawContent::load(&Source::Embedded).unwrap();
    let config = Config::parse(config_text).unwrap();
    Content::prepare(&raw, &config.org, &loc)
}

fn screen_text(c: &Content, lang: &str, id: &str) -> String {
    let i = c.screen_index(id).unwrap();
    c.lang(&Lang::new(lang)).screens[i].doc.plain_text()
}

#[test]
fn config_values_fill_the_screens_in_each_language() {
    let c = prepared(
        r#"
[org]
name = "株式会社サンプル"
allowance_yen = 0
notify_window = "8:30–19:00"
wifi_places = ""
lost_contact = "情報システム担当（内線 1234）"
contact = "総務部"
plan = "paid"
[org.en]
name = "Sample Co."
lost_contact = "the IT desk (ext. 1234)"
contact = "General Affairs"
"#,
    );
    let costs_en = screen_text(&c, "en", "costs");
    assert!(
        costs_en.contains("Sample Co. does not pay a communication allowance"),
        "{costs_en}"
    );
    assert!(
        costs_en.contains("There is no Wi-Fi for employees"),
        "{costs_en}"
    );
    // With no allowance, no example amount that could be read as a hint of one.
    assert!(!costs_en.contains("3,000"), "{costs_en}");
    assert!(!screen_text(&c, "ja", "costs").contains("3,000"));
    assert!(
        screen_text(&c, "ja", "costs")
            .contains("株式会社サンプルでは、現在、通信費の補助はありません")
    );
    assert!(screen_text(&c, "ja", "hours").contains("8:30–19:00"));
    assert!(screen_text(&c, "en", "hours").contains("8:30–19:00"));
    assert!(screen_text(&c, "ja", "lost").contains("情報システム担当（内線 1234）"));
    assert!(screen_text(&c, "en", "lost").contains("the IT desk (ext. 1234)"));
    assert!(screen_text(&c, "en", "incident").contains("paid plan"));
    let en = c.lang(&Lang::new("en"));
    assert!(
        en.forms
            .questions
            .values()
            .any(|q| q.options.iter().any(|o| o.contains("the IT desk"))),
        "forms are filled too"
    );
    assert!(
        !en.screens
            .iter()
            .any(|s| s.doc.plain_text().contains("{org}")),
        "no placeholder left"
    );
}

#[test]
fn defaults_apply_without_a_config_and_the_hash_follows_the_values() {
    let default = prepared("");
    let costs = screen_text(&default, "en", "costs");
    // Not set: people are told whom to ask, and shown no amount, not even an example's.
    assert!(costs.contains("has not been set here yet"), "{costs}");
    assert!(!costs.contains("3,000"), "{costs}");
    let other = prepared("[org]\nallowance_yen = 5000\n");
    let ja = screen_text(&other, "ja", "costs");
    assert!(ja.contains("毎月5,000円"), "{ja}");
    let en = screen_text(&other, "en", "costs");
    // A number and its unit are held together (no-break spaces), so no line splits them.
    assert!(en.contains("5,000\u{a0}yen a month"), "{en}");
    // The employee is shown the company's amount and no other: the guide's worked example
    // (3,000 yen, 2 GB) is for the trainer's notes only.
    for text in [&ja, &en] {
        assert!(!text.contains("3,000") && !text.contains("2GB") && !text.contains("2 GB"));
    }
    let notes = other
        .lang(&Lang::new("en"))
        .screens
        .iter()
        .find(|s| s.id == "costs")
        .and_then(|s| s.notes.as_ref())
        .map(tebiki::content::markdown::Doc::plain_text)
        .unwrap_or_default();
    assert!(notes.contains("not the company's figure"), "{notes}");
    // No screen hints at an allowance the company does not pay.
    let none = prepared("[org]\nallowance_yen = 0\n");
    for lang in ["ja", "en"] {
        let all: String = none
            .lang(&Lang::new(lang))
            .screens
            .iter()
            .map(|s| s.doc.plain_text())
            .collect();
        assert!(!all.contains("may still pay") && !all.contains("補助する場合があります"));
    }
    for lang in ["ja", "en"] {
        let l = Lang::new(lang);
        assert_ne!(
            default.lang(&l).sha256,
            other.lang(&l).sha256,
            "what is shown differs, so does its hash"
        );
        assert_eq!(
            default.lang(&l).sha256,
            prepared("").lang(&l).sha256,
            "the hash is stable"
        );
    }
}
