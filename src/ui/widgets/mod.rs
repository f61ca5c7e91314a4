//! The widgets every view draws with: header, notice line, hint bar, pop-up and help, and text
//! in an area.

mod header;
mod hint_bar;
mod popup;
mod text;

pub use header::{header_bar, notice_line, notice_text};
pub use hint_bar::{Hint, hint_bar_for, hint_layout};
pub use popup::{centred, help, inner_width, popup, popup_width, popup_with_more};
pub use text::{MARGIN, body_lines, centred_column, follow_focus, inset, too_small, truncate};
