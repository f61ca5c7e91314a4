//! Turns a parsed screen (`Doc`) into terminal lines at a given width: wrapped by
//! `wrap::line_ranges`, bold and links kept, tables drawn as tables (or stacked when narrow).

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::content::markdown::{Block, Doc, Inline, Mark};
use crate::ui::{glyphs, theme};
use crate::wrap::{display_width, line_ranges};

/// Wraps styled text to `width` columns, with `first` before the first line and `rest` before
/// the others (a bullet and its hanging indent).
pub fn styled_lines(
    inline: &Inline,
    width: usize,
    base: Style,
    first: &str,
    rest: &str,
) -> Vec<Line<'static>> {
    let folded = fold_inline(inline);
    let inline = folded.as_ref();
    let indent = display_width(first).max(display_width(rest));
    let avail = width.saturating_sub(indent).max(1);
    let mut out = Vec::new();
    if inline.text.is_empty() {
        out.push(Line::from(Span::styled(first.to_string(), base)));
        return out;
    }
    for (n, range) in line_ranges(&inline.text, avail).into_iter().enumerate() {
        let mut spans = vec![Span::styled(
            if n == 0 { first } else { rest }.to_string(),
            base,
        )];
        let mut at = range.start;
        // Cut the line at every mark boundary inside it.
        let mut cuts: Vec<usize> = inline
            .marks
            .iter()
            .flat_map(|(r, _)| [r.start, r.end])
            .filter(|&c| c > range.start && c < range.end)
            .collect();
        cuts.push(range.end);
        cuts.sort_unstable();
        cuts.dedup();
        for cut in cuts {
            if cut <= at {
                continue;
            }
            let mut style = base;
            for (r, mark) in &inline.marks {
                if r.start <= at && at < r.end {
                    style = style.patch(mark_style(*mark));
                }
            }
            spans.push(Span::styled(inline.text[at..cut].to_string(), style));
            at = cut;
        }
        out.push(Line::from(spans));
    }
    out
}

/// The text folded for the terminal (`glyphs::fold`), its marks moved along with it.
fn fold_inline(inline: &Inline) -> std::borrow::Cow<'_, Inline> {
    use std::borrow::Cow;
    if matches!(glyphs::fold(&inline.text), Cow::Borrowed(_)) {
        return Cow::Borrowed(inline);
    }
    // Where each byte of the original starts in the folded text.
    let mut at = vec![0; inline.text.len() + 1];
    let mut text = String::with_capacity(inline.text.len() + 8);
    for (i, c) in inline.text.char_indices() {
        at[i] = text.len();
        text.push_str(&glyphs::fold(c.encode_utf8(&mut [0; 4])));
    }
    at[inline.text.len()] = text.len();
    let marks = inline
        .marks
        .iter()
        .map(|(r, m)| (at[r.start]..at[r.end], *m))
        .collect();
    Cow::Owned(Inline { text, marks })
}

fn mark_style(mark: Mark) -> Style {
    match mark {
        Mark::Bold => Style::new().add_modifier(Modifier::BOLD),
        Mark::Link => theme::link(),
        Mark::Code => Style::new().add_modifier(Modifier::ITALIC),
    }
}

/// Plain text wrapped into lines of one style.
pub fn plain_lines(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    styled_lines(&Inline::plain(text), width, style, "", "")
}

/// The whole document (title excluded) at `width`.
pub fn render(doc: &Doc, width: usize) -> Vec<Line<'static>> {
    render_marked(doc, width, None).0
}

/// Like [`render`], with the blocks `mark` highlighted; also says which lines they took.
pub fn render_marked(
    doc: &Doc,
    width: usize,
    mark: Option<Range<usize>>,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut marked: Option<(usize, usize)> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        let start = out.len();
        match block {
            Block::Heading { text, .. } => {
                out.extend(styled_lines(text, width, theme::heading(), "", ""));
            }
            Block::Paragraph(text) => out.extend(styled_lines(text, width, Style::new(), "", "")),
            Block::List(items) => {
                for item in items {
                    out.extend(styled_lines(
                        item,
                        width,
                        Style::new(),
                        glyphs::glyphs().bullet,
                        "   ",
                    ));
                }
            }
            Block::Table { head, rows } => out.extend(table(head, rows, width)),
        }
        if mark.as_ref().is_some_and(|m| m.contains(&i)) {
            for line in &mut out[start..] {
                for span in &mut line.spans {
                    span.style = span.style.patch(theme::highlight());
                }
            }
            let first = marked.map_or(start, |(f, _)| f);
            marked = Some((first, out.len()));
        }
    }
    (out, marked)
}

/// The title of a screen as its first lines.
pub fn title_lines(title: &str, width: usize) -> Vec<Line<'static>> {
    plain_lines(title, width, theme::title())
}

/// Smallest column width worth drawing before a table is stacked instead.
const MIN_COLUMN: usize = 8;

fn table(head: &[Inline], rows: &[Vec<Inline>], width: usize) -> Vec<Line<'static>> {
    let cols = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return Vec::new();
    }
    // "│ a │ b │": one bar per column plus one, and a space either side of each cell.
    let overhead = 3 * cols + 1;
    if width < overhead + cols * MIN_COLUMN {
        return stacked(head, rows, width);
    }
    let avail = width - overhead;
    let natural: Vec<usize> = (0..cols)
        .map(|c| {
            std::iter::once(head.get(c))
                .chain(rows.iter().map(|r| r.get(c)))
                .flatten()
                .flat_map(|cell| {
                    cell.text
                        .split('\n')
                        .map(|l| display_width(&glyphs::fold(l)))
                })
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let widths = share(&natural, avail);
    let g = glyphs::glyphs();
    let border = |l: &str, m: &str, r: &str| {
        let mut s = String::from(l);
        for (i, w) in widths.iter().enumerate() {
            s.push_str(&g.rule.repeat(w + 2));
            s.push_str(if i + 1 == widths.len() { r } else { m });
        }
        Line::from(Span::styled(s, theme::rule()))
    };
    let [tl, tm, tr, ml, mm, mr, bl, bm, br] = g.corners;
    let mut out = vec![border(tl, tm, tr)];
    out.extend(table_row(head, &widths, theme::table_head()));
    for row in rows {
        out.push(border(ml, mm, mr));
        out.extend(table_row(row, &widths, Style::new()));
    }
    out.push(border(bl, bm, br));
    out
}

/// Column widths: each column gets what it needs when everything fits; otherwise narrow
/// columns keep their width and the wide ones share what is left.
fn share(natural: &[usize], avail: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= avail {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut open: Vec<usize> = (0..natural.len()).collect();
    let mut left = avail;
    loop {
        let fair = left / open.len().max(1);
        let (small, big): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= fair);
        if small.is_empty() {
            for (k, &c) in big.iter().enumerate() {
                widths[c] = fair + usize::from(k < left % big.len().max(1));
            }
            return widths.into_iter().map(|w| w.max(1)).collect();
        }
        for c in small {
            widths[c] = natural[c];
            left -= natural[c];
        }
        open = big;
        if open.is_empty() {
            return widths;
        }
    }
}

/// One table cell at `width`: each of its lines (`<br>` in the source) on its own, and an item
/// that starts with "- " or "・" and wraps continues under its text, not under the mark.
fn cell_lines(cell: &Inline, width: usize, style: Style) -> Vec<Line<'static>> {
    const MARKS: [&str; 2] = ["- ", "・"];
    if !cell.text.contains('\n') && !MARKS.iter().any(|m| cell.text.starts_with(m)) {
        return styled_lines(cell, width, style, "", "");
    }
    let mut out = Vec::new();
    let mut start = 0;
    for part in cell.text.split('\n') {
        let end = start + part.len();
        let piece = Inline {
            text: part.to_string(),
            marks: cell
                .marks
                .iter()
                .filter(|(r, _)| r.start < end && r.end > start)
                .map(|(r, m)| (r.start.max(start) - start..r.end.min(end) - start, *m))
                .collect(),
        };
        let hang = MARKS
            .iter()
            .find(|m| part.starts_with(**m))
            .map_or(0, |m| display_width(m));
        if hang == 0 || width <= hang + 1 {
            out.extend(styled_lines(&piece, width, style, "", ""));
        } else {
            let mut lines = styled_lines(&piece, width, style, "", "").into_iter();
            if let Some(first) = lines.next() {
                out.push(first);
            }
            // Rewrap the rest of the item narrower, under its text.
            let first_len = line_ranges(&piece.text, width).first().map_or(0, |r| r.end);
            let rest = piece.text[first_len..].trim_start();
            if !rest.is_empty() {
                let skip = piece.text.len() - rest.len();
                let tail = Inline {
                    text: rest.to_string(),
                    marks: piece
                        .marks
                        .iter()
                        .filter(|(r, _)| r.end > skip)
                        .map(|(r, m)| (r.start.max(skip) - skip..r.end - skip, *m))
                        .collect(),
                };
                let pad = " ".repeat(hang);
                out.extend(styled_lines(&tail, width, style, &pad, &pad));
            }
        }
        start = end + 1;
    }
    out
}

fn table_row(cells: &[Inline], widths: &[usize], style: Style) -> Vec<Line<'static>> {
    let empty = Inline::default();
    let wrapped: Vec<Vec<Line<'static>>> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| cell_lines(cells.get(c).unwrap_or(&empty), w, style))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|row| {
            let bar = glyphs::glyphs().bar;
            let mut spans = vec![Span::styled(bar, theme::rule())];
            for (c, w) in widths.iter().enumerate() {
                spans.push(Span::raw(" "));
                let line = wrapped[c].get(row).cloned().unwrap_or_default();
                let used = line.width();
                spans.extend(line.spans);
                spans.push(Span::raw(" ".repeat(w.saturating_sub(used) + 1)));
                spans.push(Span::styled(bar, theme::rule()));
            }
            Line::from(spans)
        })
        .collect()
}

/// A table too wide for the terminal, one row after another as "header: cell" lines.
fn stacked(head: &[Inline], rows: &[Vec<Inline>], width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            out.push(Line::default());
        }
        for (c, cell) in row.iter().enumerate() {
            if c == 0 {
                out.extend(styled_lines(
                    cell,
                    width,
                    theme::table_head(),
                    glyphs::glyphs().square,
                    "  ",
                ));
            } else {
                let label = head.get(c).map_or("", |h| h.text.as_str());
                let mut text = Inline::plain(&format!("{label}: "));
                let shift = text.text.len();
                text.text.push_str(&cell.text);
                text.marks = cell
                    .marks
                    .iter()
                    .map(|(r, m)| (r.start + shift..r.end + shift, *m))
                    .collect();
                text.marks.push((0..shift, Mark::Bold));
                out.extend(styled_lines(&text, width, Style::new(), "  ", "  "));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::parse;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn bold_survives_wrapping() {
        let doc = parse("# t\n\nThis sentence has **a bold part that wraps** across lines.\n");
        let lines = render(&doc, 20);
        assert!(lines.len() > 1);
        let bold: String = lines
            .iter()
            .flat_map(|l| &l.spans)
            .filter(|s| s.style.add_modifier.contains(Modifier::BOLD))
            .map(|s| s.content.as_ref())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(bold, "a bold part that wraps");
    }

    #[test]
    fn tables_are_boxed_and_fit_the_width() {
        let doc = parse(
            "# t\n\n| 主なリスク | 対策 |\n|---|---|\n| スマートフォンの紛失・盗難 | アプリのパスコードを強制し、一定回数間違えると強制ログアウト |\n",
        );
        for width in [40, 60, 76, 120] {
            let lines = render(&doc, width);
            assert!(text(&lines)[0].starts_with('┌'), "{width}");
            for l in &lines {
                assert!(l.width() <= width, "{width}: {}", l.width());
            }
        }
    }

    #[test]
    fn a_table_too_wide_is_stacked() {
        let doc = parse("# t\n\n| a | b | c |\n|---|---|---|\n| one | two | three |\n");
        let lines = text(&render(&doc, 20));
        assert_eq!(lines[0], "■ one");
        assert_eq!(lines[1], "  b: two");
    }

    #[test]
    fn each_item_of_a_cell_starts_a_line_and_wraps_under_its_text() {
        // The second column's text of each table line, rendered at 40 columns.
        let cells = |measure: &str| -> Vec<String> {
            let doc = parse(&format!(
                "# t\n\n| Risk | Measure |\n|---|---|\n| Lost | {measure} |\n"
            ));
            let lines = text(&render(&doc, 40));
            for l in &lines {
                assert!(crate::wrap::display_width(l) <= 40, "{l}");
            }
            lines
                .iter()
                .filter(|l| l.starts_with('│'))
                .map(|l| l.split('│').nth(2).unwrap().trim_end().to_string())
                .collect()
        };
        let two = cells("- One short item<br>- A longer item that has to wrap at this width");
        assert_eq!(two[1], " - One short item");
        assert!(two[2].starts_with(" - A longer"), "{two:?}");
        assert!(two[3].starts_with("   "), "hanging indent: {two:?}");
        // A cell of one item hangs the same way.
        let one = cells("- A single item that has to wrap at this width");
        assert!(one[1].starts_with(" - A single"), "{one:?}");
        assert!(one[2].starts_with("   "), "hanging indent: {one:?}");
    }

    #[test]
    fn column_shares_add_up() {
        assert_eq!(share(&[5, 10], 40), vec![5, 10]);
        let w = share(&[5, 100, 100], 60);
        assert_eq!(w[0], 5);
        assert_eq!(w.iter().sum::<usize>(), 60);
    }
}
