//! QR codes drawn into the terminal: two modules per cell with the upper half block, in fixed
//! black and white (not the terminal's own colours), with a light quiet zone drawn around, so a
//! phone reads it in dark and light terminal themes alike. A terminal that draws ambiguous
//! characters wide would draw the half block two columns wide: there, each module is two
//! spaces in its colour (square, nothing ambiguous), which needs a larger window.

use qrcode::{EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

/// Light modules around the code. Phones read 2 reliably when the cells beyond are of any
/// colour; the standard's 4 would not fit a code of 100 characters in 24 rows.
pub const QUIET: usize = 2;

/// Black and white from the 256-colour cube: fixed values, which themes do not remap as they
/// do the 16 named colours.
const DARK: Color = Color::Indexed(16);
const LIGHT: Color = Color::Indexed(231);

/// The upper half block: the cell's foreground is its upper module, the background its lower.
const UPPER_HALF: &str = "▀";

/// The modules of `text`'s code (error correction L, the smallest), row by row, true for dark,
/// quiet zone included; and the side length.
fn modules(text: &str) -> Option<(Vec<bool>, usize)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let inner = code.width();
    let side = inner + 2 * QUIET;
    let colors = code.to_colors();
    let mut out = vec![false; side * side];
    for y in 0..inner {
        for x in 0..inner {
            out[(y + QUIET) * side + x + QUIET] = colors[y * inner + x] == qrcode::Color::Dark;
        }
    }
    Some((out, side))
}

/// Columns and rows the code of `text` takes when drawn.
pub fn size(text: &str) -> Option<(u16, u16)> {
    let (_, side) = modules(text)?;
    Some(cells(side))
}

/// Columns and rows a code of `side` modules takes: one column and half a row a module, or
/// two columns and a row where the half block is drawn wide.
fn cells(side: usize) -> (u16, u16) {
    if crate::glyphs::wide() {
        (2 * side as u16, side as u16)
    } else {
        (side as u16, side.div_ceil(2) as u16)
    }
}

/// Draws the code of `text` at the top left of `area`; returns where it went, or `None` when
/// it does not fit (or `text` is too long for a code).
pub fn draw(buf: &mut Buffer, area: Rect, text: &str) -> Option<Rect> {
    let (dark, side) = modules(text)?;
    let (w, h) = cells(side);
    if area.width < w || area.height < h {
        return None;
    }
    let at = |x: usize, y: usize| y < side && dark[y * side + x];
    let color = |d: bool| if d { DARK } else { LIGHT };
    if crate::glyphs::wide() {
        for row in 0..h {
            for col in 0..w {
                let style = Style::new().bg(color(at(col as usize / 2, row as usize)));
                buf[(area.x + col, area.y + row)]
                    .set_symbol(" ")
                    .set_style(style);
            }
        }
        return Some(Rect::new(area.x, area.y, w, h));
    }
    for row in 0..h {
        for col in 0..w {
            let (x, y) = (col as usize, 2 * row as usize);
            let style = Style::new().fg(color(at(x, y))).bg(color(at(x, y + 1)));
            buf[(area.x + col, area.y + row)]
                .set_symbol(UPPER_HALF)
                .set_style(style);
        }
    }
    Some(Rect::new(area.x, area.y, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_line_fits_80_by_24() {
        let line = format!(
            "tebiki-receipt:1:kiosk-entrance-01:123456:{}:ABCD-EFGH",
            "0123456789abcdef".repeat(4)
        );
        let (w, h) = size(&line).unwrap();
        assert!(w <= 50 && h <= 23, "{w}x{h}");
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        assert!(draw(&mut buf, Rect::new(1, 0, 79, 23), &line).is_some());
        assert!(draw(&mut buf, Rect::new(0, 0, 30, 23), &line).is_none());
    }

    /// Where the half block would be drawn wide, the code is drawn with spaces (nothing
    /// ambiguous: no cell turns into "?"), two columns a module, and a phone still reads it.
    #[test]
    fn where_the_half_block_is_wide_the_code_is_spaces_a_phone_reads() {
        const SCALE: usize = 4;
        let line = format!(
            "tebiki-receipt:1:kiosk-entrance-01:123456:{}:ABCD-EFGH",
            "0123456789abcdef".repeat(4)
        );
        crate::glyphs::with_wide(true, || {
            let (w, h) = size(&line).unwrap();
            let mut small = Buffer::empty(Rect::new(0, 0, 80, 24));
            assert!(draw(&mut small, Rect::new(1, 0, 79, 23), &line).is_none());
            let mut buf = Buffer::empty(Rect::new(0, 0, w + 4, h + 2));
            let at = draw(&mut buf, Rect::new(2, 1, w + 2, h + 1), &line).unwrap();
            crate::glyphs::sanitize(&mut buf);
            assert!(buf.content.iter().all(|c| c.symbol() == " "));
            // Each module is two cells of one colour: read back as a square of pixels.
            let side = h as usize;
            let (pw, ph) = ((side + 8) * SCALE, (side + 8) * SCALE);
            let mut pixels = vec![255u8; pw * ph];
            for y in 0..side {
                for x in 0..side {
                    let left = &buf[(at.x + 2 * x as u16, at.y + y as u16)];
                    let right = &buf[(at.x + 2 * x as u16 + 1, at.y + y as u16)];
                    assert_eq!(left.bg, right.bg);
                    let v = if left.bg == DARK { 0 } else { 255 };
                    for dy in 0..SCALE {
                        for dx in 0..SCALE {
                            pixels[((y + 4) * SCALE + dy) * pw + (x + 4) * SCALE + dx] = v;
                        }
                    }
                }
            }
            let mut img =
                rqrr::PreparedImage::prepare_from_greyscale(pw, ph, |x, y| pixels[y * pw + x]);
            let read: Vec<String> = img
                .detect_grids()
                .into_iter()
                .filter_map(|g| g.decode().ok().map(|(_, text)| text))
                .collect();
            assert_eq!(read, std::slice::from_ref(&line));
        });
    }
}
