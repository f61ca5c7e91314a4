//! Reading one ledger file for the merge: its lines checked as they come, a torn tail withheld,
//! records refilled in place.

use super::*;

/// What was read from one record with a valid envelope, in buffers reused from record to
/// record. Its line is in its file's read buffer.
#[derive(Debug)]
pub(super) struct Slot {
    pub(super) line: u64,
    pub(super) offset: u64,
    /// Where the line (without its `\n`) is in the file's read buffer.
    pub(super) range: (usize, usize),
    pub(super) value: Value,
    pub(super) seq: u64,
    pub(super) id: Uuid,
    pub(super) at: Timestamp,
    pub(super) kiosk: String,
    pub(super) record_type: String,
    /// The top-level members of the line, when `scanned`.
    pub(super) members: Vec<Member>,
    /// Whether the line had the writer's form (see [`LineRecord::members`]).
    pub(super) scanned: bool,
    /// See [`LineRecord::plain`].
    pub(super) plain: bool,
    /// The record's `kiosk` is not the one whose file it is in (see [`ReadIssue::Misplaced`]).
    pub(super) misplaced: bool,
}

impl Default for Slot {
    fn default() -> Slot {
        Slot {
            line: 0,
            offset: 0,
            range: (0, 0),
            value: Value::Null,
            seq: 0,
            id: Uuid::nil(),
            at: Timestamp::UNIX_EPOCH,
            kiosk: String::new(),
            record_type: String::new(),
            members: Vec::new(),
            scanned: false,
            plain: false,
            misplaced: false,
        }
    }
}

/// Records withheld after a break in one file.
#[derive(Debug)]
pub(super) struct Withheld {
    pub(super) line: u64,
    pub(super) last_line: u64,
    pub(super) records: u64,
    pub(super) first: Vec<u8>,
    /// The people the withheld records are about (see [`ReadIssue::Withheld`]), and their
    /// ids' keys, to name each once.
    pub(super) people: Vec<String>,
    pub(super) keys: std::collections::HashSet<String>,
}

impl Withheld {
    /// Notes the people the withheld record `line` is about.
    fn note_people(&mut self, line: &[u8]) {
        for id in crate::ledger::about::people_of(line).unwrap_or_default() {
            if self.keys.insert(crate::ids::key(&id)) {
                self.people.push(id);
            }
        }
    }
}

/// What the line after a record says the record's hash is.
pub(super) enum Next {
    /// The line's `prev`.
    Prev([u8; 32]),
    /// A whole line whose `prev` cannot be read.
    Unreadable,
    /// Nothing more yet (the end of the file, or a line still being written).
    Nothing,
}

#[derive(Debug)]
pub(super) struct FileStream {
    /// The helper thread reading the file and hashing its lines, while it does (see
    /// [`Pipe`]): `file` is then a handle of the same open file, used once the helper ends.
    pub(super) pipe: Option<Pipe>,
    /// The hashes of the lines the helper read, from the next line to be taken on, each with
    /// whether the helper saw the line after it name it (see [`Chunk::hashes`]).
    pub(super) hashes: VecDeque<([u8; 32], bool)>,
    pub(super) path: PathBuf,
    /// The kiosk whose file it is (its name without `.jsonl`), if its name is text.
    pub(super) kiosk: Option<String>,
    /// How many of its bytes the latest trusted seal covers (0 without one, or for a file it
    /// does not list): records from there on were added after that seal.
    pub(super) sealed: u64,
    /// `None` once the file is read to its end (or as far as it can be read).
    pub(super) file: Option<File>,
    /// Bytes read from the file: `start..filled` not yet taken as lines, and the lines of the
    /// record in `head` and of the one `pinned` before it.
    pub(super) buf: Vec<u8>,
    pub(super) start: usize,
    pub(super) filled: usize,
    /// The line of the record yielded last from this file, kept until the next step.
    pub(super) pinned: Option<(usize, usize)>,
    /// The line of `head` while the line after it is looked at.
    pub(super) hold: Option<(usize, usize)>,
    /// SHA-256 of the last complete line (64 zeros before the first).
    pub(super) prev_hash: [u8; 32],
    /// The `seq` the next record must have.
    pub(super) next_seq: u64,
    /// After a break: what is withheld so far.
    pub(super) withheld: Option<Withheld>,
    /// Whether the chain and `seq` are checked (see [`merged_raw_unchecked`]).
    pub(super) checked: bool,
    /// Lines taken so far.
    pub(super) line: u64,
    /// File offset of `buf[start]`.
    pub(super) offset: u64,
    /// The file's next record in merge order, once [`FileStream::next_record`] said so.
    pub(super) head: Slot,
    /// Whether records get their `value` (see [`merged_raw`]).
    pub(super) values: bool,
}

impl FileStream {
    pub(super) fn pinned_line(&self) -> &[u8] {
        let (a, z) = self.pinned.unwrap_or((0, 0));
        &self.buf[a..z]
    }

    /// Reads on to the next record, into `head`; false at the end of the file (or of what can
    /// be read of it).
    pub(super) fn next_record(&mut self, issues: &mut VecDeque<ReadIssue>) -> bool {
        let mut settles = 0;
        // Bytes read since the last wait for a writer.
        let mut fresh = 0;
        while self.file.is_some() {
            let data = &self.buf[self.start..self.filled];
            // A record in the writer's form is read in one pass that also finds where its line
            // ends; any other line is found by its `\n` and left to the general checks.
            let scanned = scan_record(data, &mut self.head.members)
                .filter(|scanned| data.get(scanned.end) == Some(&b'\n'));
            let length = match &scanned {
                Some(scanned) => Some(scanned.end),
                None => data.iter().position(|&b| b == b'\n'),
            };
            if let Some(length) = length {
                settles = 0;
                fresh = 0;
                self.line += 1;
                let offset = self.offset;
                let range = (self.start, self.start + length);
                self.start += length + 1;
                self.offset += length as u64 + 1;
                let line = self.line;
                let path = &self.path;
                let text = &self.buf[range.0..range.1];
                if !self.checked {
                    let head = &mut self.head;
                    head.scanned = scanned.is_some();
                    head.plain = scanned.as_ref().is_some_and(|s| s.plain);
                    let env = match scanned {
                        Some(scanned) => Ok(scanned.env),
                        None => general_checks(text, path, line, offset),
                    };
                    match env.and_then(|env| fill(head, env, text, self.values, path, line, offset))
                    {
                        Ok(()) => {
                            head.line = line;
                            head.offset = offset;
                            head.range = range;
                            head.misplaced = false;
                            return true;
                        }
                        Err(issue) => issues.push_back(issue),
                    }
                    continue;
                }
                // The helper's hash, for a line it read whole; else hashed here.
                let (hash, named) = match self.hashes.pop_front() {
                    Some((hash, named)) => {
                        debug_assert_eq!(hash, sha256(text), "line {line} hashed by the helper");
                        (hash, named)
                    }
                    None => (sha256(text), false),
                };
                let prev_hash = std::mem::replace(&mut self.prev_hash, hash);
                let head = &mut self.head;
                head.scanned = scanned.is_some();
                head.plain = scanned.as_ref().is_some_and(|s| s.plain);
                let env = match scanned {
                    Some(scanned) => Ok(scanned.env),
                    None => general_checks(text, path, line, offset),
                };
                let read = env.and_then(|env| {
                    let facts = (env.prev, env.seq);
                    fill(head, env, text, self.values, path, line, offset).map(|()| facts)
                });
                let (prev, seq) = match read {
                    Ok(facts) => facts,
                    Err(issue) => {
                        // Assume the line held the next seq, so one bad line is one issue.
                        self.next_seq += 1;
                        issues.push_back(issue);
                        continue;
                    }
                };
                if let Some(withheld) = &mut self.withheld {
                    withheld.records += 1;
                    withheld.last_line = line;
                    withheld.note_people(text);
                    continue;
                }
                if prev != Some(prev_hash) {
                    issues.push_back(ReadIssue::ChainBreak {
                        file: path.clone(),
                        line,
                        offset,
                    });
                    self.withhold(line, range);
                    continue;
                }
                if seq != Some(self.next_seq) {
                    issues.push_back(ReadIssue::SeqGap {
                        file: path.clone(),
                        line,
                        offset,
                        expected: self.next_seq,
                        found: seq.unwrap_or(0),
                    });
                    self.withhold(line, range);
                    continue;
                }
                self.next_seq = self.next_seq.saturating_add(1);
                // Handed on only once the line after it names it (or there is none yet): as the
                // helper saw, else looked at here.
                let next = if named {
                    Next::Prev(hash)
                } else {
                    self.hold = Some(range);
                    self.peek_prev()
                };
                let range = self.hold.take().unwrap_or(range);
                if !matches!(next, Next::Nothing) && !matches!(next, Next::Prev(p) if p == hash) {
                    issues.push_back(ReadIssue::ChainBreak {
                        file: self.path.clone(),
                        line: line + 1,
                        offset: self.offset,
                    });
                    self.withhold(line, range);
                    continue;
                }
                let head = &mut self.head;
                head.line = line;
                head.offset = offset;
                head.range = range;
                head.misplaced = self.kiosk.as_deref() != Some(head.kiosk.as_str());
                return true;
            }
            match self.read_more() {
                Ok(0) if self.start == self.filled => self.file = None,
                Ok(0) => {
                    // A writer may be mid-append: once it is done, the line may be whole.
                    if settles == 0 || (fresh > 0 && settles < SETTLE_TRIES) {
                        settles += 1;
                        fresh = 0;
                        if let Some(file) = &self.file {
                            wait_for_writers(file, SETTLE_WAIT);
                        }
                        continue;
                    }
                    issues.push_back(ReadIssue::TornTail {
                        file: self.path.clone(),
                        line: self.line + 1,
                        offset: self.offset,
                        bytes: (self.filled - self.start) as u64,
                    });
                    self.file = None;
                }
                Ok(n) => fresh += n,
                Err(source) => {
                    issues.push_back(ReadIssue::Io {
                        file: self.path.clone(),
                        line: self.line + 1,
                        source,
                    });
                    self.file = None;
                }
            }
        }
        if let Some(w) = self.withheld.take() {
            issues.push_back(ReadIssue::Withheld {
                file: self.path.clone(),
                line: w.line,
                last_line: w.last_line,
                records: w.records,
                first: w.first,
                people: w.people,
            });
        }
        false
    }

    /// From the record of `line` (at `range` in the buffer) on, nothing of this file is used.
    pub(super) fn withhold(&mut self, line: u64, range: (usize, usize)) {
        let mut withheld = Withheld {
            line,
            last_line: line,
            records: 1,
            first: self.buf[range.0..range.1].to_vec(),
            people: Vec::new(),
            keys: std::collections::HashSet::default(),
        };
        withheld.note_people(&self.buf[range.0..range.1]);
        self.withheld = Some(withheld);
    }

    /// The `prev` of the line after the one just taken, reading on as far as its start needs.
    pub(super) fn peek_prev(&mut self) -> Next {
        loop {
            let data = &self.buf[self.start..self.filled];
            if let Some(prev) = prefix_prev(data) {
                return Next::Prev(prev);
            }
            if let Some(end) = memchr::memchr(b'\n', data) {
                return match parse_line(&data[..end]).ok().and_then(|env| env.prev) {
                    Some(prev) => Next::Prev(prev),
                    None => Next::Unreadable,
                };
            }
            match self.read_more() {
                Ok(n) if n > 0 => {}
                // The next step reads on and reports what it finds.
                _ => return Next::Nothing,
            }
        }
    }

    /// Reads more of the file into the buffer, first moving what is still needed to its front
    /// (or growing it for a line longer than the buffer): how many bytes came, 0 at the end.
    pub(super) fn read_more(&mut self) -> io::Result<usize> {
        let keep = [self.pinned, self.hold]
            .iter()
            .flatten()
            .fold(self.start, |keep, (a, _)| keep.min(*a));
        if self.pipe.is_some() {
            return self.take_chunk(keep);
        }
        if keep > 0 {
            self.buf.copy_within(keep..self.filled, 0);
            self.shift(keep, 0);
        }
        if self.filled == self.buf.len() {
            let more = self.buf.len().max(READ_BUFFER);
            self.buf.resize(self.buf.len() + more, 0);
        }
        let Some(mut file) = self.file.as_ref() else {
            return Ok(0);
        };
        loop {
            match file.read(&mut self.buf[self.filled..]) {
                Ok(n) => {
                    self.filled += n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Moves the positions into the buffer after its bytes from `keep` on were moved to `to`.
    fn shift(&mut self, keep: usize, to: usize) {
        let moved = |at: &mut usize| *at = *at - keep + to;
        moved(&mut self.filled);
        moved(&mut self.start);
        for (a, z) in [&mut self.pinned, &mut self.hold].into_iter().flatten() {
            moved(a);
            moved(z);
        }
    }

    /// [`FileStream::read_more`] from the helper thread: its next chunk becomes the buffer,
    /// the bytes from `keep` on put before it (in its room at the front, else both copied to
    /// a new buffer), and its lines' hashes are queued. After the last chunk the file is read
    /// here.
    fn take_chunk(&mut self, keep: usize) -> io::Result<usize> {
        let Some(pipe) = self.pipe.take() else {
            return Ok(0);
        };
        let Some(chunk) = pipe.next() else {
            // It cannot be told where the helper stopped.
            return Err(io::Error::other("the thread reading the file stopped"));
        };
        let Chunk {
            mut buf,
            range: (from, to),
            hashes,
            end,
        } = chunk;
        let kept = self.filled - keep;
        if kept <= from {
            buf[from - kept..from].copy_from_slice(&self.buf[keep..self.filled]);
            let old = std::mem::replace(&mut self.buf, buf);
            pipe.give_back(old);
            self.shift(keep, from - kept);
            self.filled = to;
        } else {
            let mut joined = Vec::with_capacity(kept + to - from);
            joined.extend_from_slice(&self.buf[keep..self.filled]);
            joined.extend_from_slice(&buf[from..to]);
            pipe.give_back(buf);
            self.buf = joined;
            self.shift(keep, 0);
            self.filled = self.buf.len();
        }
        self.hashes.extend(hashes);
        match end {
            // From where the helper stopped, the file is read here.
            Some(end) => end?,
            None => self.pipe = Some(pipe),
        }
        Ok(to - from)
    }
}

/// The checks of a line that is not in the writer's form: UTF-8, one JSON object, its
/// envelope read by the general parser.
pub(super) fn general_checks<'a>(
    text: &'a [u8],
    path: &Path,
    line: u64,
    offset: u64,
) -> Result<Envelope<'a>, ReadIssue> {
    let unparseable = || ReadIssue::Unparseable {
        file: path.to_path_buf(),
        line,
        offset,
    };
    std::str::from_utf8(text).map_err(|_| unparseable())?;
    parse_line(text).map_err(|_| unparseable())
}

/// Fills `head` from the envelope read from `text`, or says why the line is not a record.
pub(super) fn fill(
    head: &mut Slot,
    env: Envelope<'_>,
    text: &[u8],
    values: bool,
    path: &Path,
    line: u64,
    offset: u64,
) -> Result<(), ReadIssue> {
    let bad = |key: &'static str, problem| ReadIssue::BadEnvelope {
        file: path.to_path_buf(),
        line,
        offset,
        key,
        problem,
    };
    if let Some((key, problem)) = env.problem {
        return Err(bad(key, problem));
    }
    if let Some(key) = env.repeated {
        return Err(ReadIssue::RepeatedKey {
            file: path.to_path_buf(),
            line,
            offset,
            key,
        });
    }
    let (Some(seq), Some(id), Some(at), Some(kiosk), Some(record_type)) =
        (env.seq, env.id, env.at, env.kiosk, env.record_type)
    else {
        // Unreachable when `problem` is None, but a reader must not panic on input.
        return Err(bad("schema", EnvelopeProblem::Missing));
    };
    // The text is UTF-8 (checked before), where reading it as bytes or as text is the same.
    head.value = if values {
        serde_json::from_slice(text).map_err(|_| ReadIssue::Unparseable {
            file: path.to_path_buf(),
            line,
            offset,
        })?
    } else {
        Value::Null
    };
    head.seq = seq;
    head.id = id;
    head.at = at;
    head.kiosk.clear();
    head.kiosk.push_str(&kiosk);
    head.record_type.clear();
    head.record_type.push_str(&record_type);
    Ok(())
}
