//! Help and command-line errors as a person reads them, in Japanese and English: every
//! command's `--help` is whole (no raw message id), clap's own words are translated, and a
//! mistyped command line is explained in the chosen language.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use clap::CommandFactory;
use common::{tebiki, text};

/// Every command path: `[]`, `["status"]`, `["record", "stage"]`, ...
fn command_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands() {
        let mut p = prefix.clone();
        p.push(sub.get_name().to_string());
        command_paths(sub, p, out);
    }
}

/// Every message id of every locale file.
fn message_ids() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut ids = BTreeSet::new();
    for lang in std::fs::read_dir(root).unwrap().flatten() {
        for file in std::fs::read_dir(lang.path()).unwrap().flatten() {
            let s = std::fs::read_to_string(file.path()).unwrap();
            for line in s.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !id.is_empty()
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

/// A word that looks like a message id: lower-case words joined by at least two hyphens
/// (`cli-record-stage-arg-note`), or any id the locale files define.
fn looks_like_an_id(word: &str, ids: &BTreeSet<String>) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    let id_shape = parts.len() >= 3
        && parts[0].starts_with(|c: char| c.is_ascii_lowercase())
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    id_shape || ids.contains(word)
}

#[test]
fn every_help_page_in_both_languages_is_free_of_raw_message_ids() {
    let data = tempfile::tempdir().unwrap();
    let ids = message_ids();
    assert!(ids.contains("cli-about"), "the locale files were read");
    let mut paths = Vec::new();
    command_paths(&tebiki::cli::Cli::command(), Vec::new(), &mut paths);
    assert!(paths.len() > 15, "{paths:?}");
    for lang in ["ja", "en"] {
        for path in &paths {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.extend(["--help", "--lang", lang]);
            let o = tebiki(data.path(), &args);
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {out}{err}");
            assert!(out.len() > 40, "{args:?} printed help: {out}");
            for word in out.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
                let word = word.trim_matches('-');
                assert!(
                    !looks_like_an_id(word, &ids),
                    "{args:?} shows the raw message id {word:?}:\n{out}"
                );
            }
            // clap's own English words are replaced (by Fluent's, which in English are close).
            assert!(!out.contains("[env:"), "{args:?}: {out}");
            if lang == "ja" {
                for english in ["[default:", "[possible values:", "Usage", "Options"] {
                    assert!(!out.contains(english), "{args:?}: {english}\n{out}");
                }
            }
        }
    }
}

#[test]
fn the_id_check_recognises_what_it_must_refuse() {
    let ids = message_ids();
    assert!(looks_like_an_id("cli-record-stage-arg-note", &ids));
    assert!(looks_like_an_id("cli-usage", &ids));
    assert!(!looks_like_an_id("utf-8", &ids));
    assert!(!looks_like_an_id("2026-11-24-osaka", &ids));
}

/// `tebiki args` with help laid out for a terminal `columns` wide.
fn tebiki_at(data: &Path, args: &[&str], columns: usize) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .env("TEBIKI_DATA", data)
        .env("COLUMNS", columns.to_string())
        .env_remove("TEBIKI_CONTENT")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("tebiki runs")
}

/// Japanese help at 80 columns: every line fits (clap alone breaks only at spaces and counted
/// each character one column, so lines ran to 100 columns and the terminal cut them
/// mid-word), and what follows an option is indented under it, never back at the margin.
#[test]
fn japanese_help_fits_80_columns_broken_by_the_rules_of_line_breaking() {
    let data = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    command_paths(&tebiki::cli::Cli::command(), Vec::new(), &mut paths);
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.extend(["--help", "--lang", "ja"]);
        let o = tebiki_at(data.path(), &args, 80);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        let mut in_options = false;
        for line in out.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{args:?}: {width} columns: {line}\n{out}");
            if line.ends_with(':') && !line.starts_with(' ') {
                in_options = true;
                continue;
            }
            // A blank line ends a list (the data folder's note follows at the margin).
            in_options &= !line.is_empty();
            if in_options {
                assert!(
                    line.starts_with("  "),
                    "{args:?}: at the margin: {line}\n{out}"
                );
            }
        }
        // No line starts with what Japanese never starts a line with.
        for line in out.lines() {
            let first = line.trim_start().chars().next();
            assert!(
                !matches!(first, Some('、' | '。' | '）' | '」' | 'ー')),
                "{args:?}: {line}\n{out}"
            );
        }
    }
    // The export's formats, broken between words: every value still whole on some line.
    let o = tebiki_at(data.path(), &["export", "--help", "--lang", "ja"], 80);
    let (out, _) = text(&o);
    assert!(out.contains("receipts"), "{out}");
    assert!(!out.contains("receip\n"), "{out}");
}

#[test]
fn defaults_and_possible_values_are_in_the_chosen_language() {
    let data = tempfile::tempdir().unwrap();
    // Wide enough that each bracket stays on one line.
    let o = tebiki_at(data.path(), &["export", "--help", "--lang", "ja"], 400);
    let (out, _) = text(&o);
    assert!(out.contains("[既定：csv]"), "{out}");
    assert!(
        out.contains("[指定できる値：csv, json, jsonl, receipts]"),
        "{out}"
    );
    assert!(out.contains("[環境変数：TEBIKI_DATA]"), "{out}");
    let o = tebiki(data.path(), &["record", "stage", "--help", "--lang", "en"]);
    let (out, _) = text(&o);
    assert!(out.contains("A note kept with the record"), "{out}");
    assert!(out.contains("[default: text]"), "{out}");
}

#[test]
fn parse_errors_speak_the_chosen_language_and_exit_2() {
    let data = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["export", "--format", "xx", "--lang", "ja"],
            "「xx」は --format <FORMAT> に指定できない値です",
            "csv, json, jsonl",
        ),
        (
            &["exprt", "--lang", "ja"],
            "「exprt」というコマンドはありません",
            "export",
        ),
        (
            &["record", "stage", "--lang", "ja"],
            "必要な引数がありません",
            "「tebiki record stage --help」",
        ),
        (
            &["report", "--limit", "many", "--lang", "en"],
            "\"many\" is not a valid value for --limit",
            "Run \"tebiki report --help\"",
        ),
    ];
    for (args, what, more) in cases {
        let o = tebiki(data.path(), args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}{err}");
        assert!(err.contains(what) && err.contains(more), "{args:?}: {err}");
        for english in ["error: invalid", "For more information", "tip:"] {
            assert!(!err.contains(english), "{args:?}: {err}");
        }
    }
}

/// A command's own options come first; the options every command takes (--data, --lang, ...)
/// follow under a heading of their own, the most used first, in both languages.
#[test]
fn the_options_of_every_command_are_apart_from_the_commands_own() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, own, every) in [
        ("en", "Options:", "Options of every command:"),
        ("ja", "オプション:", "どのコマンドにも使えるオプション:"),
    ] {
        let o = tebiki(dir.path(), &["--lang", lang, "report", "--help"]);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{err}");
        let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{lang} {s}:\n{out}"));
        let (own_at, every_at) = (at(own), at(every));
        assert!(own_at < at("--format") && at("--limit") < every_at, "{out}");
        assert!(
            every_at < at("--data") && at("--data") < at("--lang"),
            "{out}"
        );
        assert!(at("--lang") < at("--content") && at("--content") < at("--ambiguous-width"));
    }
}

/// `tebiki help COMMAND`, as people type it, shows that command's help, in either language,
/// wherever the options stand; `help` as an option's value is that value, and a mistyped
/// command after `help` is said to be one.
#[test]
fn help_before_a_command_shows_its_help() {
    let data = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &[&str]); 6] = [
        (&["help"], &["--help"]),
        // The dashboard is `admin`; asked for by what it is, it answers the same.
        (
            &["--lang", "en", "dashboard", "--help"],
            &["--lang", "en", "admin", "--help"],
        ),
        (&["help", "export"], &["export", "--help"]),
        (
            &["--lang", "en", "help", "record", "followup"],
            &["--lang", "en", "record", "followup", "--help"],
        ),
        (
            &["help", "status", "--lang", "en"],
            &["status", "--help", "--lang", "en"],
        ),
        (
            &["--lang=en", "help", "verify"],
            &["--lang=en", "verify", "--help"],
        ),
    ];
    for (typed, meant) in cases {
        let (asked, expected) = (tebiki(data.path(), typed), tebiki(data.path(), meant));
        assert_eq!(
            asked.status.code(),
            Some(0),
            "{typed:?}: {:?}",
            text(&asked)
        );
        assert!(!asked.stdout.is_empty(), "{typed:?}");
        assert_eq!(text(&asked), text(&expected), "{typed:?}");
    }
    let (out, _) = text(&tebiki(data.path(), &["--lang", "en", "help", "export"]));
    assert!(out.contains("--format"), "{out}");

    let o = tebiki(data.path(), &["--lang", "en", "help", "exprt"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("Unknown command \"exprt\""), "{err}");

    // `help` here is the data folder's name: status runs, and finds no such folder.
    let o = tebiki(
        data.path(),
        &["--lang", "en", "--data", "help", "status", "E1"],
    );
    let (out, err) = text(&o);
    assert_ne!(o.status.code(), Some(0), "{out}{err}");
    assert!(!out.contains("--format"), "{out}");
    assert!(err.contains("help"), "{err}");
}
