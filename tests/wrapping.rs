//! Every screen of the real content, in both languages, wrapped at many widths: no line wider
//! than the width, no line (or table cell line) starting with a character Japanese never starts
//! a line with, and resizing re-wraps what is on screen.

mod common;

use tebiki::content::markdown::Block;
use tebiki::ui::doc::render;

const NO_START: &str =
    "、。，．・：；？！ー」』）］｝〕〉》】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";

fn text_of(line: &ratatui::text::Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[test]
fn every_screen_wraps_within_the_width_and_keeps_japanese_line_rules() {
    let (content, _) = common::content();
    let mut checked = 0;
    for lang in &content.langs {
        for screen in &lang.screens {
            // Items of a table cell put on lines of their own ("・..." after a <br>) start
            // with their mark by design; a '・' that wraps to the start of a line does not.
            let items: Vec<String> = screen
                .doc
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Table { rows, .. } => Some(rows),
                    _ => None,
                })
                .flatten()
                .flatten()
                .flat_map(|cell| {
                    cell.text
                        .split('\n')
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter(|item| item.starts_with('・'))
                .collect();
            for width in (20..=200).step_by(7) {
                for line in render(&screen.doc, width) {
                    let text = text_of(&line);
                    assert!(
                        line.width() <= width,
                        "{} {} at {width}: {text:?}",
                        lang.lang,
                        screen.id
                    );
                    // Each table cell is a line of its own for these rules.
                    for cell in text.split('│') {
                        let cell = cell.trim_start_matches([' ', '•']);
                        let cell = cell.split_once(": ").map_or(cell, |(_, rest)| {
                            // A stacked table: "label: first item".
                            if rest.starts_with('・') { rest } else { cell }
                        });
                        let cell = cell.trim_end();
                        if cell.starts_with('・') && items.iter().any(|i| i.starts_with(cell)) {
                            checked += 1;
                            continue;
                        }
                        if let Some(first) = cell.chars().next() {
                            assert!(
                                !NO_START.contains(first),
                                "{} {} at {width} starts with {first:?}: {text:?}",
                                lang.lang,
                                screen.id
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "checked {checked} line pieces");
}

#[test]
fn resizing_rewraps_and_keeps_the_place() {
    let mut k = common::Kiosk::new("ja");
    k.keys("<Enter>")
        .identify("E1", "山田", "")
        .keys("<End><Right>");
    let step = k.app.step;
    let narrow_before = common::render(&k.app, 80, 24);
    k.app.resize(50, 30);
    let narrow = k.screen();
    assert_eq!(k.app.step, step);
    for line in narrow.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 50, "{line}");
    }
    assert_ne!(narrow, narrow_before);
    k.app.resize(200, 60);
    assert!(
        k.screen()
            .lines()
            .any(|l| unicode_width::UnicodeWidthStr::width(l) > 80)
    );
    k.app.resize(10, 5);
    assert!(k.screen().contains("ウィンドウ"), "{}", k.screen());
    k.app.resize(80, 24);
    assert_eq!(k.app.step, step);
}

/// A no-break space holds a number to its unit (`2 GB`, `3,000 yen`): the line breaks before
/// the number, never between it and its unit.
#[test]
fn a_no_break_space_keeps_a_number_with_its_unit() {
    let text = "covers 2\u{a0}GB of data";
    for width in 7..=12 {
        let lines = tebiki::wrap::wrap(text, width);
        assert!(
            lines.iter().any(|l| l.contains("2\u{a0}GB")),
            "{width}: {lines:?}"
        );
    }
}
