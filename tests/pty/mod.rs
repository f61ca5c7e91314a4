//! A pseudo-terminal harness: runs the real `tebiki` binary in a PTY, feeds everything it
//! writes to a `vt100` terminal emulator, and types into it like a person at the keyboard.
//!
//! Every wait is bounded and polls the emulated screen; a timeout panics with the whole screen
//! so a failure says what the person would have seen. The child is killed on drop, so a
//! failing test never leaves a process behind.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Keys as a terminal sends them (xterm, normal cursor-key mode).
///
/// Send `ESC` on its own and wait for what it does before the next key: the app's terminal
/// library reads ESC followed by more bytes in the same read as one key (ESC ESC is a single
/// Esc, ESC q is Alt-q), just as it would for a person typing faster than the app reads.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
    pub const TAB: &str = "\t";
    pub const SPACE: &str = " ";
    pub const BACKSPACE: &str = "\x7f";
}

/// The default wait for something to appear on the screen: generous for a debug build on a
/// busy machine, short enough that a hang fails quickly.
pub const WAIT: Duration = Duration::from_secs(5);

/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(10);

/// The terminal modes the app leaves behind, as the emulator and the PTY see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modes {
    pub alternate_screen: bool,
    pub cursor_hidden: bool,
    pub bracketed_paste: bool,
    /// Line-buffered (cooked) input: `false` while the app has the terminal in raw mode.
    pub canonical: bool,
}

/// How the emulated terminal answers the app's questions about itself (the cursor position
/// report and the device attributes), asked at start-up to learn how wide it draws East Asian
/// ambiguous characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// As a terminal drawing them one column wide (the emulator's own view of the screen).
    Narrow,
    /// As a terminal drawing them two columns wide (`xterm -cjk_width`, macOS Terminal's
    /// "ambiguous characters are wide"): the cursor is further right by one per character.
    Wide,
    /// Not at all.
    Silent,
}

/// What to run and how.
pub struct Spawn<'a> {
    pub args: Vec<&'a str>,
    pub env: Vec<(&'a str, &'a OsStr)>,
    pub cwd: Option<&'a Path>,
    pub cols: u16,
    pub rows: u16,
    pub answers: Answers,
}

impl<'a> Spawn<'a> {
    /// `tebiki ARGS` in an 80x24 terminal with `TERM=xterm-256color`.
    pub fn new(args: &[&'a str]) -> Spawn<'a> {
        Spawn {
            args: args.to_vec(),
            env: vec![("TERM", OsStr::new("xterm-256color"))],
            cwd: None,
            cols: 80,
            rows: 24,
            answers: Answers::Narrow,
        }
    }

    pub fn answers(mut self, answers: Answers) -> Spawn<'a> {
        self.answers = answers;
        self
    }

    pub fn env(mut self, key: &'a str, value: &'a (impl AsRef<OsStr> + ?Sized)) -> Spawn<'a> {
        self.env.push((key, value.as_ref()));
        self
    }

    pub fn cwd(mut self, dir: &'a Path) -> Spawn<'a> {
        self.cwd = Some(dir);
        self
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Spawn<'a> {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn start(self) -> Pty {
        Pty::start(self)
    }
}

/// The binary running in a PTY, and the screen it has drawn so far.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// The reader saw end of file or an error: nothing more will be drawn.
    closed: Arc<AtomicBool>,
    status: Option<ExitStatus>,
}

impl Pty {
    fn start(spec: Spawn<'_>) -> Pty {
        let size = PtySize {
            rows: spec.rows,
            cols: spec.cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a PTY");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tebiki"));
        cmd.args(&spec.args);
        // Settings of the machine running the tests must not leak into the app.
        for var in ["TEBIKI_DATA", "TEBIKI_CONTENT", "COLUMNS", "LINES"] {
            cmd.env_remove(var);
        }
        for (k, v) in &spec.env {
            cmd.env(k, v);
        }
        let cwd = spec.cwd.map_or_else(std::env::temp_dir, Path::to_path_buf);
        cmd.cwd(cwd);
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn tebiki in the PTY");
        // Only the child may hold the terminal side open, so its exit ends the reader.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(spec.rows, spec.cols, 0)));
        let closed = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("PTY reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("PTY writer")));
        {
            let parser = Arc::clone(&parser);
            let closed = Arc::clone(&closed);
            let writer = Arc::clone(&writer);
            let answers = spec.answers;
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => take_in(&parser, &writer, answers, &buf[..n]),
                    }
                }
                closed.store(true, Ordering::SeqCst);
            });
        }
        Pty {
            master: pair.master,
            writer,
            child,
            parser,
            closed,
            status: None,
        }
    }

    /// Writes bytes as if typed.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        writer
            .write_all(bytes.as_ref())
            .and_then(|()| writer.flush())
            .expect("write to the PTY");
    }

    /// Types text (UTF-8, so Japanese arrives as the terminal would send it).
    pub fn type_text(&mut self, text: &str) {
        self.send(text);
    }

    pub fn enter(&mut self) {
        self.send(key::ENTER);
    }
    pub fn esc(&mut self) {
        self.send(key::ESC);
    }
    pub fn up(&mut self) {
        self.send(key::UP);
    }
    pub fn down(&mut self) {
        self.send(key::DOWN);
    }
    pub fn left(&mut self) {
        self.send(key::LEFT);
    }
    pub fn right(&mut self) {
        self.send(key::RIGHT);
    }
    pub fn home(&mut self) {
        self.send(key::HOME);
    }
    pub fn end(&mut self) {
        self.send(key::END);
    }
    pub fn f2(&mut self) {
        self.send(key::F2);
    }
    pub fn tab(&mut self) {
        self.send(key::TAB);
    }
    pub fn space(&mut self) {
        self.send(key::SPACE);
    }

    /// The screen as text, one line per row (a wide character counts once).
    pub fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Where the cursor is: (row, column), and whether it is shown.
    pub fn cursor(&self) -> (u16, u16, bool) {
        let parser = lock(&self.parser);
        let (row, col) = parser.screen().cursor_position();
        (row, col, !parser.screen().hide_cursor())
    }

    /// One row of the screen.
    pub fn row(&self, row: u16) -> String {
        let parser = lock(&self.parser);
        let (_, cols) = parser.screen().size();
        parser
            .screen()
            .rows(0, cols)
            .nth(row as usize)
            .unwrap_or_default()
    }

    /// Waits until the screen contains `text`; returns the screen.
    #[track_caller]
    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?} on screen"), timeout, |s| {
            s.contains(text)
        })
    }

    /// Waits until the screen no longer contains `text`; returns the screen.
    #[track_caller]
    pub fn wait_gone(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_until(&format!("{text:?} gone from screen"), timeout, |s| {
            !s.contains(text)
        })
    }

    /// Waits until `done(screen)` holds; returns the screen. Panics after `timeout` with
    /// `what` and the whole screen, or at once if the app has exited.
    #[track_caller]
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&str) -> bool,
    ) -> String {
        let start = Instant::now();
        loop {
            // Read "closed" before the screen: once closed, the screen is final.
            let closed = self.closed.load(Ordering::SeqCst);
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if closed {
                let status = self.child.try_wait().ok().flatten();
                panic!(
                    "waiting for {what}: the app exited ({status:?}); last screen:\n{}",
                    framed(&screen)
                );
            }
            assert!(
                start.elapsed() < timeout,
                "waiting for {what}: not seen within {timeout:?}; screen:\n{}",
                framed(&screen)
            );
            thread::sleep(POLL);
        }
    }

    /// Resizes the terminal, as dragging the window's corner does (the app gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator first, so everything drawn after the signal lands on the new size.
        lock(&self.parser).screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the PTY");
    }

    /// The terminal modes now in force.
    pub fn modes(&self) -> Modes {
        let parser = lock(&self.parser);
        let screen = parser.screen();
        // The PTY's termios (the master reads the terminal side's settings). The flag type
        // belongs to portable-pty's own `nix`, so it is read through its Debug form.
        let termios = self.master.get_termios().expect("read the PTY's termios");
        let local = format!("{:?}", termios.local_flags);
        Modes {
            alternate_screen: screen.alternate_screen(),
            cursor_hidden: screen.hide_cursor(),
            bracketed_paste: screen.bracketed_paste(),
            canonical: local.contains("ICANON"),
        }
    }

    /// Waits for the app to exit and returns its status; panics after `timeout`.
    #[track_caller]
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("query the child") {
                self.status = Some(status.clone());
                // Let the reader take in the last bytes written (the terminal restore).
                let drained = Instant::now();
                while !self.closed.load(Ordering::SeqCst)
                    && drained.elapsed() < Duration::from_secs(2)
                {
                    thread::sleep(POLL);
                }
                return status;
            }
            assert!(
                start.elapsed() < timeout,
                "the app did not exit within {timeout:?}; screen:\n{}",
                framed(&self.screen())
            );
            thread::sleep(POLL);
        }
    }

    /// The app's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Whether the app is still running.
    pub fn running(&mut self) -> bool {
        self.status.is_none() && matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Feeds what the app wrote to the emulator, answering its questions where they come: a
/// cursor position report (`ESC [ 6 n`) and the primary device attributes (`ESC [ c`).
fn take_in(
    parser: &Mutex<vt100::Parser>,
    writer: &Mutex<Box<dyn Write + Send>>,
    answers: Answers,
    bytes: &[u8],
) {
    const CPR: &[u8] = b"\x1b[6n";
    const DA1: &[u8] = b"\x1b[c";
    let mut rest = bytes;
    loop {
        let next = [CPR, DA1]
            .into_iter()
            .filter_map(|q| find(rest, q).map(|at| (at, q)))
            .min_by_key(|(at, _)| *at);
        let Some((at, question)) = next else {
            lock(parser).process(rest);
            return;
        };
        let mut p = lock(parser);
        p.process(&rest[..at + question.len()]);
        let reply = match answers {
            Answers::Silent => None,
            _ if question == DA1 => Some("\x1b[?1;2c".to_string()),
            _ => {
                let screen = p.screen();
                let (row, col) = screen.cursor_position();
                // A wide terminal has drawn each ambiguous character before the cursor one
                // column wider than the emulator did.
                let wider = if answers == Answers::Wide {
                    (0..col)
                        .filter_map(|c| screen.cell(row, c))
                        .filter(|cell| {
                            let s = cell.contents();
                            unicode_width::UnicodeWidthStr::width(s)
                                != unicode_width::UnicodeWidthStr::width_cjk(s)
                        })
                        .count() as u16
                } else {
                    0
                };
                Some(format!("\x1b[{};{}R", row + 1, col + wider + 1))
            }
        };
        drop(p);
        if let Some(reply) = reply {
            let mut w = writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
        }
        rest = &rest[at + question.len()..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn lock(parser: &Mutex<vt100::Parser>) -> MutexGuard<'_, vt100::Parser> {
    // A panic elsewhere must not hide the screen from the failure message.
    parser
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The screen between rules, so blank rows and trailing text are visible in a panic message.
fn framed(screen: &str) -> String {
    let rule = "─".repeat(40);
    format!("{rule}\n{screen}\n{rule}")
}
