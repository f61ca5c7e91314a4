//! The privacy notice is generated from the list of recorded fields: every field has words in
//! every language, the short notice before identification says what is kept (reading time and
//! check answers included), why, for how long and whom to ask, and the full notice is one key
//! away on the welcome screen.

mod common;

use common::Kiosk;
use tebiki::app::Step;
use tebiki::record::fields::GROUPS;

#[test]
fn every_recorded_field_has_words_in_every_language() {
    let k = Kiosk::new("en");
    for lang in k.app.content.languages() {
        for g in GROUPS {
            let heading = k.app.loc.t(&lang, g.heading);
            assert_ne!(heading, g.heading, "{lang}: {}", g.heading);
            for f in g.fields {
                let text = k.app.loc.t(&lang, f.description);
                assert!(
                    !text.is_empty() && text != f.description,
                    "{lang}: no description for {} ({})",
                    f.path,
                    f.description
                );
            }
        }
    }
}

#[test]
fn the_notice_before_identification_says_what_why_how_long_and_whom_to_ask() {
    for (lang, seconds, check) in [
        ("en", "your answers to the check", "what you were shown"),
        ("ja", "確認の質問への回答", "表示された説明"),
    ] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Identity);
        let screen = k.screen();
        assert!(screen.contains(seconds), "{screen}");
        assert!(screen.contains(check), "{screen}");
        // Nothing configured: the retention is not made up.
        assert!(
            screen.contains(if lang == "en" {
                "not set yet"
            } else {
                "まだ設定されて"
            }),
            "{screen}"
        );
        // F1 holds the full notice, with the seconds on each screen and the rights.
        k.keys("<F1>");
        k.keys(&"<Down>".repeat(60));
        let full = k.screen();
        assert!(
            full.contains(if lang == "en" {
                "mistake corrected"
            } else {
                "誤りを直す"
            }),
            "{full}"
        );
    }
}

#[test]
fn the_full_notice_is_on_the_welcome_screen() {
    for lang in ["ja", "en"] {
        let mut k = Kiosk::new(lang);
        let item = k.app.content.langs.len() + 1;
        while k.app.welcome_focus != item {
            k.keys("<Down>");
        }
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Notice);
        insta::assert_snapshot!(format!("{lang}_notice_80x24"), k.screen());
        // The whole notice, unwrapped.
        let text: String = tebiki::ui::screen::notice::lines(&k.app, 1000)
            .iter()
            .map(|l| l.to_string() + "\n")
            .collect();
        for needle in if lang == "en" {
            [
                "the seconds you spent on each",
                "how many tries each question took",
                "Who can see it",
                "How long it is kept",
                "follow-up talks",
            ]
        } else {
            [
                "各画面に使った秒数",
                "各問題に答えた回数",
                "記録を見られる人",
                "保存期間",
                "フォローアップの面談",
            ]
        } {
            assert!(text.contains(needle), "{lang}: {needle}\n{text}");
        }
        k.keys("<Esc>");
        assert_eq!(k.app.step, Step::Welcome);
        assert_eq!(k.app.welcome_focus, item);
    }
}

#[test]
fn the_readme_lists_every_recorded_field() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for g in GROUPS {
        for f in g.fields {
            assert!(
                readme.contains(&format!("`{}`", f.path)),
                "README's \"What is recorded\" misses `{}`",
                f.path
            );
        }
    }
}

#[test]
fn unset_values_are_never_shown_as_facts() {
    for (lang, ask) in [
        ("en", "has not been set here yet"),
        ("ja", "まだ設定されていません"),
    ] {
        let k = Kiosk::new(lang);
        let l = k.app.lang.clone();
        let values = &k.app.content.lang(&l).values;
        for key in ["allowance_sentence", "wifi_sentence"] {
            assert!(values[key].contains(ask), "{lang} {key}: {}", values[key]);
        }
        let costs = k.app.content.screen_index("costs").unwrap();
        let text: String =
            tebiki::ui::doc::render(&k.app.content.lang(&l).screens[costs].doc, 1000)
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
        // The guide's worked example of an allowance stays, marked as an example; no amount is
        // said to be paid.
        assert!(
            !values["allowance_sentence"]
                .chars()
                .any(|c| c.is_ascii_digit()),
            "{}",
            values["allowance_sentence"]
        );
        for made_up in ["head office", "本社", "offices, stores"] {
            assert!(!text.contains(made_up), "{lang}: {made_up} in {text}");
        }
    }
}
