//! The receipt's QR code: drawn at 80x24, read back from the screen as a phone would (in a dark
//! and a light terminal theme), and checked against the ledger with `tebiki verify --receipt`.

mod common;

use common::{Kiosk, tebiki, text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// A person through the whole flow to the receipt, the record written by the real writer.
fn to_receipt(lang: &str) -> Kiosk {
    let mut k = Kiosk::new(lang);
    k.keys("<Enter>")
        .identify("E1001", "山田 太郎", "営業部")
        .read_all()
        .pass_check();
    // Agree to everything (the core purpose first) and save.
    k.keys(&format!("{}<Enter><Enter>", common::AGREE));
    assert!(k.app.person.saved.is_some(), "{}", k.screen());
    k
}

fn draw(k: &Kiosk) -> Buffer {
    draw_at(k, 80, 24)
}

fn draw_at(k: &Kiosk, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| tebiki::ui::draw(f, &k.app)).unwrap();
    terminal.backend().buffer().clone()
}

/// In a window too small for the QR code, its pop-up says so and shows the receipt code and
/// the fingerprint to write down, rather than asking to photograph a code that is not there.
#[test]
fn without_room_for_the_qr_code_the_receipt_code_is_shown_to_write_down() {
    for (lang, photograph, write) in [
        ("en", "Photograph", "Write down the receipt code"),
        ("ja", "撮影", "書き留めて"),
    ] {
        let mut k = to_receipt(lang);
        let saved = k.app.person.saved.clone().unwrap();
        k.keys("<F4>");
        let screen = common::buffer_text(&draw_at(&k, 40, 24));
        let joined: String = screen.split_whitespace().collect();
        assert!(screen.contains(&saved.receipt_code), "{lang}: {screen}");
        assert!(
            screen.contains(&saved.fingerprint().unwrap()),
            "{lang}: {screen}"
        );
        assert!(joined.contains(&write.replace(' ', "")), "{lang}: {screen}");
        assert!(!joined.contains(photograph), "{lang}: {screen}");
    }
}

/// Grey level of a colour as a terminal theme shows it: `dark` themes draw the default
/// background black and the default foreground white, light ones the other way round.
fn luma(c: Color, is_fg: bool, dark: bool) -> u8 {
    match c {
        Color::Indexed(16) | Color::Black => 0,
        Color::Indexed(231) | Color::White => 255,
        Color::Reset => {
            if is_fg == dark {
                255
            } else {
                0
            }
        }
        // Other colours of the screen: mid grey, never part of the code.
        _ => 128,
    }
}

/// What a phone camera would read from the screen: each cell two modules high (upper half
/// block: foreground above, background below), scaled up.
fn decode(buf: &Buffer, dark: bool) -> Vec<String> {
    const SCALE: usize = 4;
    let (w, h) = (buf.area.width as usize, buf.area.height as usize);
    let (pw, ph) = (w * SCALE, 2 * h * SCALE);
    let mut pixels = vec![0u8; pw * ph];
    for y in 0..h {
        for x in 0..w {
            let cell = &buf[(x as u16, y as u16)];
            let (top, bottom) = if cell.symbol() == "▀" {
                (luma(cell.fg, true, dark), luma(cell.bg, false, dark))
            } else {
                let bg = luma(cell.bg, false, dark);
                (bg, bg)
            };
            for (half, value) in [(0, top), (1, bottom)] {
                for dy in 0..SCALE {
                    let row = (2 * y + half) * SCALE + dy;
                    for dx in 0..SCALE {
                        pixels[row * pw + x * SCALE + dx] = value;
                    }
                }
            }
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(pw, ph, |x, y| pixels[y * pw + x]);
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, content)| content))
        .collect()
}

#[test]
fn the_receipt_code_is_read_back_in_dark_and_light_themes_and_verified() {
    for lang in ["ja", "en"] {
        let mut k = to_receipt(lang);
        let saved = k.app.person.saved.clone().unwrap();
        let line = saved
            .receipt_line()
            .expect("the writer said where the record is");
        assert!(line.starts_with("tebiki-receipt:1:test-kiosk:1:"), "{line}");
        assert!(
            line.ends_with(&format!(":{}", saved.receipt_code)),
            "{line}"
        );
        // The receipt names the key and shows the fingerprint as text.
        let screen = k.screen();
        assert!(screen.contains("F4"), "{screen}");
        let fingerprint = saved.fingerprint().unwrap();
        assert_eq!(fingerprint.len(), 19);
        k.keys("<F4>");
        assert!(k.app.person.code_shown);
        // Over the code the hint bar offers Enter (finish) and the language, nothing that
        // would only close it.
        let hints = k.screen().lines().last().unwrap_or("").to_owned();
        assert!(hints.contains("Enter"), "{hints}");
        assert!(!hints.contains("↑↓") && !hints.contains("F4"), "{hints}");
        let buf = draw(&k);
        let screen = common::buffer_text(&buf);
        assert!(screen.contains(&fingerprint), "{screen}");
        // The receipt code too, as on the receipt.
        assert!(screen.contains(&saved.receipt_code), "{screen}");
        for dark in [true, false] {
            assert_eq!(decode(&buf, dark), vec![line.clone()], "dark theme: {dark}");
        }
        // It says how to close it; the same key, Esc or any other closes it and keeps the
        // receipt.
        // The text beside the code, joined (where its lines break depends on the code's
        // width, which depends on the record's hash).
        let (w, _) = tebiki::ui::qr::size(&line).unwrap();
        let beside: String = screen
            .lines()
            .map(|l| l.chars().skip(w as usize + 3).collect::<String>())
            .collect::<String>()
            .split_whitespace()
            .collect();
        assert!(
            beside.contains("Anykeygoesbacktothereceipt")
                || beside.contains("どのキーでも控えに戻ります"),
            "{screen}"
        );
        for key in ["<F4>", "<Esc>", "<Down>"] {
            k.keys(key);
            assert!(!k.app.person.code_shown, "{key}");
            assert!(k.app.person.saved.is_some(), "{key}");
            k.keys("<F4>");
            assert!(k.app.person.code_shown);
        }
        k.keys("<F4>");

        // The ledger holds exactly that record ...
        let data = k.dir.path();
        let o = tebiki(data, &["verify", "--receipt", &line, "--lang", "en"]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{out}{err}");
        assert!(out.contains("test-kiosk.jsonl:1"), "{out}");
        // The same line with another receipt code was not given for this record.
        let (head, code) = line.rsplit_once(':').unwrap();
        let other = format!("{head}:ZZZZ-ZZZZ");
        assert_ne!(code, "ZZZZ-ZZZZ");
        let o = tebiki(data, &["verify", "--receipt", &other, "--lang", "en"]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        assert!(
            out.contains(&format!("its receipt code is {code}, not ZZZZ-ZZZZ")),
            "{out}"
        );
        // ... and says so no more once the line changes.
        let file = k.ledger_dir().join("test-kiosk.jsonl");
        let body = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, body.replacen("\"given\"", "\"refused\"", 1)).unwrap();
        let o = tebiki(data, &["verify", "--receipt", &line, "--lang", "en"]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        assert!(out.contains("differs"), "{out}");
        // Which of the two changed cannot be told from here: both are named.
        assert!(
            out.contains("the record was changed") && out.contains("receipt's text is not"),
            "{out}"
        );
    }
}

#[test]
fn a_receipt_line_that_is_not_one_is_refused_with_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    for bad in [
        "hello",
        "tebiki-receipt:1:k1:0:00:ABCD-EFGH",
        "tebiki-receipt:1:../x:3:0000000000000000000000000000000000000000000000000000000000000000:A",
    ] {
        let o = tebiki(data.path(), &["verify", "--receipt", bad, "--lang", "en"]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{bad}: {out}{err}");
        assert!(err.contains("tebiki-receipt:1:"), "{err}");
    }
    let missing = format!("tebiki-receipt:1:k9:3:{}:ABCD-EFGH", "0".repeat(64));
    let o = tebiki(
        data.path(),
        &["verify", "--receipt", &missing, "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).0.contains("k9.jsonl"), "{:?}", text(&o));
}

#[test]
fn a_help_centre_link_opens_as_a_code_on_the_screens_that_have_one() {
    for lang in ["ja", "en"] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>").identify("E1001", "山田 太郎", "営業部");
        let mut with_links = 0;
        for _ in 0..20 {
            if k.app.ctx() != tebiki::keys::Ctx::Reading {
                break;
            }
            let links = k.app.screen_links();
            let screen = k.screen();
            let hint_bar = screen.lines().last().unwrap_or("").to_owned();
            // The key is in the hint bar exactly where it works.
            assert_eq!(hint_bar.contains("F4"), !links.is_empty(), "{screen}");
            let disabled = common::keys_agree(tebiki::keys::Ctx::Reading, &k.app);
            assert_eq!(
                disabled.contains(&tebiki::keys::Cmd::ShowCode),
                links.is_empty()
            );
            if links.is_empty() {
                k.keys("<F4>");
                assert_eq!(k.screen(), screen, "F4 does nothing without links");
            }
            if let Some(first) = links.first() {
                with_links += 1;
                k.keys("<F4>");
                assert_eq!(k.app.person.link_code, Some(0));
                // Over the code the hint bar offers nothing that would not close it.
                let hints = k.screen().lines().last().unwrap_or("").to_owned();
                assert!(
                    !hints.contains("Enter") && !hints.contains("Esc"),
                    "{hints}"
                );
                let buf = draw(&k);
                for dark in [true, false] {
                    assert_eq!(decode(&buf, dark), vec![first.clone()], "{lang} {dark}");
                }
                // Beside the code, the address is broken only after a '/' of its path.
                let text = common::buffer_text(&buf);
                let pieces: Vec<&str> = text
                    .lines()
                    .filter_map(|l| {
                        let l = l.trim_end();
                        let at = l.rfind("  ").map_or(0, |i| i + 2);
                        let piece = l[at..].trim();
                        (!piece.is_empty() && first.contains(piece) && piece.len() > 8)
                            .then_some(piece)
                    })
                    .collect();
                assert_eq!(pieces.concat(), *first, "{text}");
                for piece in &pieces[..pieces.len() - 1] {
                    assert!(piece.ends_with('/'), "{piece:?} in {pieces:?}");
                }
                // F4 steps through the links; past the last, or on another key, it closes.
                for _ in 1..links.len() {
                    k.keys("<F4>");
                }
                // Any key goes back to the text, as the pop-up says: Enter only closes it,
                // a letter no screen uses too.
                let step = k.app.step;
                k.keys("<Enter>");
                assert_eq!(k.app.person.link_code, None);
                assert_eq!(k.app.step, step, "Enter over the code only closes it");
                k.keys("<F4>x");
                assert_eq!(k.app.person.link_code, None);
            }
            k.keys("<End><Right>");
        }
        assert!(with_links >= 3, "{lang}: {with_links} screens with links");
    }
}

/// A receipt code as a person reads it out (any case), with or without the record fingerprint
/// the receipt shows: verify finds the record and says whether the fingerprint is its own; a
/// code of no record, or a fingerprint of another line, is not taken (exit 1).
#[test]
fn a_receipt_code_and_its_fingerprint_find_the_record() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["demo", "--employees", "20", "--lang", "en"]);
    assert!(o.status.success(), "{:?}", text(&o));
    let ledger = data.path().join("ledger");
    let (file, n, line) = tebiki::ledger::ledger_files(&ledger)
        .unwrap()
        .into_iter()
        .find_map(|path| {
            let body = std::fs::read_to_string(&path).unwrap();
            let found = body
                .lines()
                .enumerate()
                .find(|(_, l)| l.contains("\"receipt\":\""))
                .map(|(i, l)| (i + 1, l.to_owned()));
            found.map(|(i, l)| {
                (
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    i,
                    l,
                )
            })
        })
        .expect("a record with a receipt code");
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    let code = v["receipt"].as_str().unwrap().to_owned();
    let sha = hex::encode(tebiki::ledger::line_sha256(line.as_bytes()));
    let grouped = format!(
        "{} {} {} {}",
        &sha[..4],
        &sha[4..8],
        &sha[8..12],
        &sha[12..16]
    );
    let place = format!("{file}:{n}");
    let verify = |receipt: &str, lang: &str| {
        let o = tebiki(
            data.path(),
            &["verify", "--receipt", receipt, "--lang", lang],
        );
        (o.status.code(), text(&o).0)
    };
    let (code_, out) = verify(&code.to_lowercase(), "en");
    assert_eq!(code_, Some(0), "{out}");
    assert!(out.contains(&place) && out.contains(&grouped), "{out}");
    assert!(out.contains("a code alone does not show"), "{out}");
    let (code_, out) = verify(&format!("{code} {grouped}"), "en");
    assert_eq!(code_, Some(0), "{out}");
    assert!(out.contains("unchanged"), "{out}");
    let (code_, out) = verify(&format!("{code} {}", &sha[..8]), "ja");
    assert_eq!(code_, Some(0), "{out}");
    assert!(out.contains("変わらずに台帳にあります"), "{out}");
    let other = if sha.starts_with('0') {
        "1111 2222"
    } else {
        "0000 1111"
    };
    let (code_, out) = verify(&format!("{code} {other}"), "en");
    assert_eq!(code_, Some(1), "{out}");
    assert!(out.contains(&format!("not {other}")), "{out}");
    let (code_, out) = verify("ZZZZ-ZZZZ", "en");
    assert_eq!(code_, Some(1), "{out}");
    assert!(
        out.contains("No record in the ledger has the receipt code ZZZZ-ZZZZ"),
        "{out}"
    );
    // Too few digits of a fingerprint to tell one record from another: not taken.
    let o = tebiki(
        data.path(),
        &["verify", "--receipt", &format!("{code} {}", &sha[..4])],
    );
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));

    // A blank line put in before the record: the readers withhold it (its file's chain breaks
    // there), and verify says it is there but not used, not that no record has the code.
    let path = ledger.join(&file);
    let body = std::fs::read_to_string(&path).unwrap();
    let at: usize = body.lines().take(n - 1).map(|l| l.len() + 1).sum();
    std::fs::write(&path, format!("{}\n{}", &body[..at], &body[at..])).unwrap();
    let moved = format!("{file}:{}", n + 1);
    for (lang, says) in [
        ("en", "so the record is not used"),
        ("ja", "この記録は使われていません"),
    ] {
        let (code_, out) = verify(&code, lang);
        assert_eq!(code_, Some(1), "{out}");
        assert!(out.contains(&moved) && out.contains(&grouped), "{out}");
        assert!(out.contains(says), "{out}");
        assert!(
            !out.contains("No record") && !out.contains("ありません："),
            "{out}"
        );
    }
}
