//! Progress of a long pass, shown on stderr when it is a terminal.

use std::io::{self, IsTerminal};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on stderr when stderr is a terminal; silent otherwise (scripts, pipes, tests).
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Progress in bytes of `total`.
    pub fn bytes(total: u64, message: String) -> Progress {
        Progress::new(
            total,
            message,
            "{msg} [{wide_bar}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
    }

    /// Progress in items of `total`.
    pub fn items(total: u64, message: String) -> Progress {
        Progress::new(
            total,
            message,
            "{msg} [{wide_bar}] {human_pos}/{human_len} ({per_sec}, {eta})",
        )
    }

    /// No progress shown, whatever stderr is.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    fn new(total: u64, message: String, template: &str) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let Ok(style) = ProgressStyle::with_template(template) else {
            return Progress::hidden();
        };
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
            .with_style(style.progress_chars("=> "))
            .with_message(message);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    pub fn set(&self, position: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(position);
        }
    }

    /// Removes the bar, so that what follows on stderr starts on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Prints a line above the bar without breaking it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
