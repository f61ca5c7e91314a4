//! The widgets every view draws with: header, notice line, hint bar, pop-up and help, text
//! in an area, and the text field.

mod field;
mod header;
mod hint_bar;
mod popup;
mod text;

pub use field::{Drawn, MAX_FIELD, Place, secret_line, text_field};
pub use header::{header_bar, notice_line, notice_needs_two_lines, notice_text};
pub use hint_bar::{Hint, hint_bar_for, hint_layout};
pub use popup::{centred, help, inner_width, popup, popup_width, popup_with_more};
pub use text::{MARGIN, body_lines, centred_column, follow_focus, inset, too_small, truncate};
