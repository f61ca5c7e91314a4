//! The Markdown subset of the content (headings, paragraphs, lists, bold, tables, links),
//! parsed by pulldown-cmark into blocks of plain text with style ranges, ready for wrapping.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// How a run of inline text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Bold,
    Link,
    Code,
}

/// Text with marked byte ranges; wrapping works on `text` and slices the marks by offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub marks: Vec<(Range<usize>, Mark)>,
}

impl Inline {
    pub fn plain(text: &str) -> Inline {
        Inline {
            text: text.to_string(),
            marks: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Inline,
    },
    Paragraph(Inline),
    List(Vec<Inline>),
    Table {
        head: Vec<Inline>,
        rows: Vec<Vec<Inline>>,
    },
}

/// A parsed screen: its title (the first `# ` heading) and the blocks after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
    /// The condition of each block shown only sometimes (`<!-- when: ... -->`), by block index;
    /// a block past the end or with `None` is always shown.
    pub when: Vec<Option<When>>,
    /// The blocks that state the rule a question asks about (`<!-- rule: <question id> -->`).
    pub rules: Vec<(String, Range<usize>)>,
}

/// The facts a `when` condition can name: what the person just did, and where they are.
pub const FACTS: [&str; 8] = [
    "given",
    "deferred",
    "refused",
    "withdrawn",
    // "Not now" or "No" over a consent in force, which it ends.
    "ended",
    "kiosk",
    "attended",
    "session",
];

/// `<!-- when: given, kiosk|attended -->`: every comma-separated term must hold, and a term
/// holds when any of its `|` alternatives is one of the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When(pub Vec<Vec<String>>);

impl When {
    pub fn holds(&self, facts: &[&str]) -> bool {
        self.0
            .iter()
            .all(|term| term.iter().any(|alt| facts.contains(&alt.as_str())))
    }
}

/// A comment line that steers how a screen is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// The blocks after it are shown only when the condition holds, up to the next `when`
    /// or `end`.
    When(When),
    /// Ends a `when` section.
    End,
    /// The blocks after it, up to the next heading, state the rule question `id` asks about.
    Rule(String),
}

/// Reads a directive comment (`<!-- when: ... -->`, `<!-- end -->`, `<!-- rule: id -->`).
/// `None` for anything else, including other comments; `Some(Err)` says what is wrong with
/// a directive that is misspelt.
pub fn directive(line: &str) -> Option<Result<Directive, String>> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    if inner == "end" {
        return Some(Ok(Directive::End));
    }
    if let Some(id) = inner.strip_prefix("rule:") {
        let id = id.trim();
        return Some(if id.is_empty() || id.contains(char::is_whitespace) {
            Err(format!("“{line}”: a rule names one question id"))
        } else {
            Ok(Directive::Rule(id.to_string()))
        });
    }
    let cond = inner.strip_prefix("when:")?;
    let terms: Vec<Vec<String>> = cond
        .split(',')
        .map(|t| t.split('|').map(|a| a.trim().to_string()).collect())
        .collect();
    for alt in terms.iter().flatten() {
        if !FACTS.contains(&alt.as_str()) {
            return Some(Err(format!(
                "“{line}”: “{alt}” is not one of {}",
                FACTS.join(", ")
            )));
        }
    }
    Some(Ok(Directive::When(When(terms))))
}

impl Doc {
    /// The blocks shown when `facts` hold, with the rules moved along.
    pub fn select(&self, facts: &[&str]) -> Doc {
        let keep: Vec<bool> = (0..self.blocks.len())
            .map(|i| {
                self.when
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_none_or(|w| w.holds(facts))
            })
            .collect();
        // New index of each old block: how many kept blocks come before it.
        let mut at = Vec::with_capacity(keep.len() + 1);
        let mut n = 0;
        for &k in &keep {
            at.push(n);
            n += usize::from(k);
        }
        at.push(n);
        Doc {
            title: self.title.clone(),
            blocks: self
                .blocks
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(b, _)| b.clone())
                .collect(),
            when: Vec::new(),
            rules: self
                .rules
                .iter()
                .map(|(id, r)| (id.clone(), at[r.start]..at[r.end]))
                .filter(|(_, r)| !r.is_empty())
                .collect(),
        }
    }

    /// The blocks stating the rule question `id` asks about.
    pub fn rule(&self, id: &str) -> Option<Range<usize>> {
        self.rules
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, range)| range.clone())
    }

    /// The web addresses the text links to, each once, in order.
    pub fn links(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut see = |inline: &Inline| {
            for (range, mark) in &inline.marks {
                let text = inline.text.get(range.clone()).unwrap_or("");
                let web = text.starts_with("https://") || text.starts_with("http://");
                if *mark == Mark::Link && web && !out.iter().any(|u| u == text) {
                    out.push(text.to_owned());
                }
            }
        };
        for b in &self.blocks {
            match b {
                Block::Heading { text, .. } | Block::Paragraph(text) => see(text),
                Block::List(items) => items.iter().for_each(&mut see),
                Block::Table { head, rows } => std::iter::once(head)
                    .chain(rows)
                    .flatten()
                    .for_each(&mut see),
            }
        }
        out
    }

    /// Every piece of visible text, in order (for tests and the content hash of what is shown).
    pub fn plain_text(&self) -> String {
        let mut out = self.title.clone();
        for b in &self.blocks {
            out.push('\n');
            match b {
                Block::Heading { text, .. } | Block::Paragraph(text) => out.push_str(&text.text),
                Block::List(items) => {
                    for i in items {
                        out.push_str(&i.text);
                        out.push('\n');
                    }
                }
                Block::Table { head, rows } => {
                    for row in std::iter::once(head).chain(rows) {
                        for c in row {
                            out.push_str(&c.text);
                            out.push('\t');
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// The line that separates a screen's text from the trainer's speaker notes.
pub const NOTES_MARKER: &str = "<!-- notes -->";

/// Splits a screen file into the text shown to everyone and the speaker notes.
pub fn split_notes(source: &str) -> (&str, Option<&str>) {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if line.trim() == NOTES_MARKER {
            return (&source[..offset], Some(&source[offset + line.len()..]));
        }
        offset += line.len();
    }
    (source, None)
}

/// Parses the subset. Anything outside it (raw HTML, images) is dropped rather than shown raw.
pub fn parse(source: &str) -> Doc {
    let mut doc = Doc::default();
    let mut builder = Builder::default();
    for event in Parser::new_ext(source, Options::ENABLE_TABLES) {
        builder.event(event, &mut doc);
    }
    // A rule runs from its first block to the next heading after it.
    for (id, start) in builder.rules {
        if start >= doc.blocks.len() {
            continue;
        }
        let end = (start + 1..doc.blocks.len())
            .find(|&i| matches!(doc.blocks[i], Block::Heading { .. }))
            .unwrap_or(doc.blocks.len());
        doc.rules.push((id, start..end));
    }
    doc
}

#[derive(Default)]
struct Builder {
    current: Option<Inline>,
    mark_starts: Vec<(usize, Mark)>,
    heading: Option<u8>,
    list: Option<Vec<Inline>>,
    table: Option<(Vec<Inline>, Vec<Vec<Inline>>)>,
    row: Option<Vec<Inline>>,
    in_head: bool,
    link_url: Option<String>,
    /// The condition of the `when` section being read.
    when: Option<When>,
    /// Rule anchors: the question id and the index of the block that follows.
    rules: Vec<(String, usize)>,
}

impl Builder {
    fn inline(&mut self) -> &mut Inline {
        self.current.get_or_insert_with(Inline::default)
    }

    fn push_text(&mut self, text: &str) {
        self.inline().text.push_str(text);
    }

    fn take_inline(&mut self) -> Inline {
        let mut inline = self.current.take().unwrap_or_default();
        trim_inline(&mut inline);
        inline
    }

    fn push_block(&self, doc: &mut Doc, block: Block) {
        if self.when.is_some() {
            doc.when.resize(doc.blocks.len(), None);
            doc.when.push(self.when.clone());
        }
        doc.blocks.push(block);
    }

    fn event(&mut self, event: Event<'_>, doc: &mut Doc) {
        match event {
            Event::Html(html) => {
                for line in html.lines() {
                    match directive(line) {
                        Some(Ok(Directive::When(w))) => self.when = Some(w),
                        Some(Ok(Directive::End)) => self.when = None,
                        Some(Ok(Directive::Rule(id))) => self.rules.push((id, doc.blocks.len())),
                        // Reported by `tebiki content check`; shown as nothing meanwhile.
                        Some(Err(_)) | None => {}
                    }
                }
            }
            Event::InlineHtml(html) if is_line_break(&html) => self.push_text("\n"),
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some(heading_level(level));
                self.current = Some(Inline::default());
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = self.take_inline();
                let level = self.heading.take().unwrap_or(1);
                if level == 1 && doc.title.is_empty() && doc.blocks.is_empty() {
                    doc.title = text.text;
                } else {
                    self.push_block(doc, Block::Heading { level, text });
                }
            }
            Event::Start(Tag::Paragraph) if self.list.is_none() => {
                self.current = Some(Inline::default());
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                if self.list.is_none() {
                    let text = self.take_inline();
                    if !text.text.is_empty() {
                        self.push_block(doc, Block::Paragraph(text));
                    }
                } else {
                    // A loose list item: paragraphs inside one item are joined.
                    self.push_text(" ");
                }
            }
            Event::Start(Tag::List(_)) => self.list = Some(Vec::new()),
            Event::End(TagEnd::List(_)) => {
                if let Some(items) = self.list.take() {
                    self.push_block(doc, Block::List(items));
                }
            }
            Event::Start(Tag::Item) => self.current = Some(Inline::default()),
            Event::End(TagEnd::Item) => {
                let item = self.take_inline();
                if let Some(items) = self.list.as_mut() {
                    items.push(item);
                }
            }
            Event::Start(Tag::Table(_)) => self.table = Some((Vec::new(), Vec::new())),
            Event::End(TagEnd::Table) => {
                if let Some((head, rows)) = self.table.take() {
                    self.push_block(doc, Block::Table { head, rows });
                }
            }
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.row = Some(Vec::new());
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                if let (Some(row), Some((head, _))) = (self.row.take(), self.table.as_mut()) {
                    *head = row;
                }
            }
            Event::Start(Tag::TableRow) => self.row = Some(Vec::new()),
            Event::End(TagEnd::TableRow) => {
                if let (Some(row), Some((_, rows))) = (self.row.take(), self.table.as_mut()) {
                    rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => self.current = Some(Inline::default()),
            Event::End(TagEnd::TableCell) => {
                let cell = self.take_inline();
                if let Some(row) = self.row.as_mut() {
                    row.push(cell);
                }
            }
            Event::Start(Tag::Strong) => self.start_mark(Mark::Bold),
            Event::End(TagEnd::Strong) => self.end_mark(Mark::Bold),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link_url = Some(dest_url.to_string());
                self.start_mark(Mark::Link);
            }
            Event::End(TagEnd::Link) => {
                let url = self.link_url.take().unwrap_or_default();
                let start = self
                    .mark_starts
                    .iter()
                    .rev()
                    .find(|(_, m)| *m == Mark::Link)
                    .map_or(0, |(s, _)| *s);
                let shown = self.inline().text[start..].to_string();
                if !url.is_empty() && shown != url {
                    // A link whose text differs from its address shows the address too: a
                    // terminal cannot follow it, so the person needs to see where it goes.
                    self.end_mark(Mark::Link);
                    self.push_text(" (");
                    self.start_mark(Mark::Link);
                    self.push_text(&url);
                    self.end_mark(Mark::Link);
                    self.push_text(")");
                } else {
                    self.end_mark(Mark::Link);
                }
            }
            Event::Text(t) => self.push_text(&t),
            Event::Code(t) => {
                self.start_mark(Mark::Code);
                self.push_text(&t);
                self.end_mark(Mark::Code);
            }
            Event::SoftBreak => {
                // Japanese has no spaces between words: a source line break between two
                // CJK characters joins them directly.
                let prev_cjk = self
                    .current
                    .as_ref()
                    .and_then(|i| i.text.chars().next_back())
                    .is_some_and(is_cjk);
                if !prev_cjk {
                    self.push_text(" ");
                }
            }
            Event::HardBreak => self.push_text("\n"),
            _ => {}
        }
    }

    fn start_mark(&mut self, mark: Mark) {
        let at = self.inline().text.len();
        self.mark_starts.push((at, mark));
    }

    fn end_mark(&mut self, mark: Mark) {
        if let Some(pos) = self.mark_starts.iter().rposition(|(_, m)| *m == mark) {
            let (start, _) = self.mark_starts.remove(pos);
            let end = self.inline().text.len();
            if end > start {
                self.inline().marks.push((start..end, mark));
            }
        }
    }
}

/// `<br>` in a table cell: each item of the cell on its own line.
fn is_line_break(html: &str) -> bool {
    matches!(
        html.trim().to_ascii_lowercase().as_str(),
        "<br>" | "<br/>" | "<br />"
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

/// Whether a character belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Trims surrounding whitespace, moving the marks with the text.
fn trim_inline(inline: &mut Inline) {
    let start = inline.text.len() - inline.text.trim_start().len();
    let end = inline.text.trim_end().len();
    if start == 0 && end == inline.text.len() {
        return;
    }
    let end = end.max(start);
    inline.text = inline.text[start..end].to_string();
    let len = inline.text.len();
    inline.marks = inline
        .marks
        .iter()
        .filter_map(|(r, m)| {
            let s = r.start.saturating_sub(start).min(len);
            let e = r.end.saturating_sub(start).min(len);
            (e > s).then_some((s..e, *m))
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_paragraphs_lists_bold_and_tables() {
        let doc = parse(
            "# 題名\n\nこれは**大事**です。\n\n- 一つ目\n- 二つ目\n\n| 危険 | 対策 |\n|---|---|\n| 紛失 | 遠隔ログアウト |\n",
        );
        assert_eq!(doc.title, "題名");
        assert_eq!(doc.blocks.len(), 3);
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0])
        };
        assert_eq!(p.text, "これは大事です。");
        assert_eq!(&p.text[p.marks[0].0.clone()], "大事");
        assert_eq!(
            doc.blocks[1],
            Block::List(vec![Inline::plain("一つ目"), Inline::plain("二つ目")])
        );
        let Block::Table { head, rows } = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(head[1].text, "対策");
        assert_eq!(rows[0][1].text, "遠隔ログアウト");
    }

    #[test]
    fn a_japanese_soft_break_adds_no_space_but_english_does() {
        let doc = parse("# t\n\n日本語の\n文章です。\n\nan English\nsentence\n");
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph(Inline::plain("日本語の文章です。"))
        );
        assert_eq!(
            doc.blocks[1],
            Block::Paragraph(Inline::plain("an English sentence"))
        );
    }

    #[test]
    fn links_show_their_address() {
        let doc = parse("# t\n\nSee <https://example.com/a> or [help](https://example.com/h).\n");
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(
            p.text,
            "See https://example.com/a or help (https://example.com/h)."
        );
        assert!(p.marks.iter().all(|(_, m)| *m == Mark::Link));
        assert_eq!(p.marks.len(), 3);
    }

    #[test]
    fn when_sections_are_shown_only_when_their_facts_hold() {
        let doc = parse(
            "# t\n\nalways\n\n<!-- when: given, kiosk|attended -->\n\nagreed here\n\n\
             <!-- when: deferred|refused -->\n\nnot agreed\n\n<!-- end -->\n\nalways too\n",
        );
        let shown = |facts: &[&str]| {
            doc.select(facts)
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph(p) => p.text.clone(),
                    other => panic!("{other:?}"),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shown(&["given", "kiosk"]),
            ["always", "agreed here", "always too"]
        );
        assert_eq!(shown(&["given", "session"]), ["always", "always too"]);
        assert_eq!(
            shown(&["refused", "kiosk"]),
            ["always", "not agreed", "always too"]
        );
        assert_eq!(shown(&[]), ["always", "always too"]);
    }

    #[test]
    fn directives_are_read_and_misspellings_reported() {
        assert_eq!(directive("<!-- end -->"), Some(Ok(Directive::End)));
        assert_eq!(
            directive("<!-- rule: lost-phone -->"),
            Some(Ok(Directive::Rule("lost-phone".into())))
        );
        assert_eq!(directive("<!-- notes -->"), None);
        assert_eq!(directive("plain text"), None);
        let err = directive("<!-- when: givn -->").unwrap().unwrap_err();
        assert!(err.contains("“givn” is not one of"), "{err}");
        assert!(directive("<!-- rule: two words -->").unwrap().is_err());
    }

    #[test]
    fn a_rule_runs_to_the_next_heading_and_follows_a_selection() {
        let doc = parse(
            "# t\n\nintro\n\n<!-- when: kiosk -->\n\nkiosk only\n\n<!-- end -->\n\n\
             <!-- rule: q1 -->\n\n## The rule\n\n- one\n- two\n\nmore\n\n## Next\n\nafter\n",
        );
        assert_eq!(doc.rule("q1"), Some(2..5));
        assert_eq!(doc.rule("q2"), None);
        let session = doc.select(&["session"]);
        assert_eq!(session.rule("q1"), Some(1..4));
        assert!(
            matches!(&session.blocks[1], Block::Heading { text, .. } if text.text == "The rule")
        );
    }

    #[test]
    fn a_line_break_in_a_table_cell_puts_each_item_on_its_own_line() {
        let doc = parse("# t\n\n| a | b |\n|---|---|\n| x | - one<br>- two<br/>- three |\n");
        let Block::Table { rows, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(rows[0][1].text, "- one\n- two\n- three");
    }

    #[test]
    fn notes_are_split_off_at_the_marker() {
        let (text, notes) = split_notes("# t\n\nbody\n\n<!-- notes -->\n- say this\n");
        assert_eq!(text, "# t\n\nbody\n\n");
        assert_eq!(notes, Some("- say this\n"));
        assert_eq!(split_notes("# t\n"), ("# t\n", None));
    }
}
