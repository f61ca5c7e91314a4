//! QR codes drawn into the terminal: two modules per cell with the upper half block, in fixed
//! black and white (not the terminal's own colours), with a light quiet zone drawn around, so a
//! phone reads it in dark and light terminal themes alike.

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
    Some((side as u16, side.div_ceil(2) as u16))
}

/// Draws the code of `text` at the top left of `area`; returns where it went, or `None` when
/// it does not fit (or `text` is too long for a code).
pub fn draw(buf: &mut Buffer, area: Rect, text: &str) -> Option<Rect> {
    let (dark, side) = modules(text)?;
    let (w, h) = (side as u16, side.div_ceil(2) as u16);
    if area.width < w || area.height < h {
        return None;
    }
    let at = |x: usize, y: usize| y < side && dark[y * side + x];
    let color = |d: bool| if d { DARK } else { LIGHT };
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
}
