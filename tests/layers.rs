//! The shape of the code: the top-level modules of `src/` depend on each other one way only
//! (no import cycle), read from the source's own `crate::` and `super::` paths, tests left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Source with comments, string and character literals blanked, so paths in prose or in
/// messages do not count.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            continue;
        }
        let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i] == b'r' && !word_before {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) == Some(&b'"') {
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                let start = i + 2 + hashes;
                let end = b[start..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(b.len(), |p| start + p + close.len());
                out.push_str("\"\"");
                i = end;
                continue;
            }
        }
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
            continue;
        }
        if b[i] == b'\'' {
            // A character literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let lit = if b.get(i + 1) == Some(&b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map(|p| i + 3 + p)
            } else {
                let ch = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + ch) == Some(&b'\'')).then_some(i + 2 + ch)
            };
            if let Some(end) = lit {
                out.push_str("' '");
                i = end;
                continue;
            }
        }
        let ch = src[i..].chars().next().expect("char");
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// The code with every `#[cfg(test)]` item removed.
fn without_tests(code: &str) -> String {
    let mut s = code.to_string();
    while let Some(at) = s.find("#[cfg(test)]") {
        let rest = &s[at..];
        let brace = rest.find('{');
        let semi = rest.find(';');
        let end = match (brace, semi) {
            (Some(b), Some(c)) if c < b => at + c + 1,
            (None, Some(c)) => at + c + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = s.len();
                for (k, c) in s[at + b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = at + b + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, None) => s.len(),
        };
        s.replace_range(at..end, "");
    }
    s
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The names right inside `{ ... }` at `s` (which starts just after the `{`).
fn group_names(s: &str) -> Vec<String> {
    let mut depth = 1;
    let mut names = Vec::new();
    let mut expect = true;
    for (k, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect = true,
            c if depth == 1 && expect && (c.is_alphabetic() || c == '_') => {
                names.push(ident_at(&s[k..]).to_string());
                expect = false;
            }
            _ => {}
        }
    }
    names
}

fn is_word_start(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// The top-level modules a file's code names: `crate::x`, `crate::{x, y}`, and `super::x`
/// where `super` is the crate's root.
fn used_modules(code: &str, depth: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if !is_word_start(code, at) {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            out.extend(group_names(group));
        } else {
            let name = ident_at(rest);
            if !name.is_empty() {
                out.insert(name.to_string());
            }
        }
    }
    for (at, _) in code.match_indices("super::") {
        if !is_word_start(code, at) || code[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        if ups >= depth {
            if let Some(group) = rest.strip_prefix('{') {
                out.extend(group_names(group));
            } else {
                let name = ident_at(rest);
                if !name.is_empty() {
                    out.insert(name.to_string());
                }
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each top-level module's dependencies on the others, with the files that make each one.
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules = BTreeSet::new();
    let mut uses = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts == ["lib.rs"] || parts == ["main.rs"] {
            continue;
        }
        let top = parts[0].trim_end_matches(".rs").to_string();
        // How many `super::` reach the crate's root from this file's module.
        let depth = if parts.last().is_some_and(|p| p == "mod.rs") {
            parts.len() - 1
        } else {
            parts.len()
        };
        let text = std::fs::read_to_string(&file).expect("read source");
        let used = used_modules(&without_tests(&code_only(&text)), depth);
        modules.insert(top.clone());
        uses.push((top, rel.display().to_string(), used));
    }
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    for (top, file, used) in uses {
        for m in used {
            if m != top && modules.contains(&m) {
                graph
                    .get_mut(&top)
                    .expect("module")
                    .entry(m)
                    .or_default()
                    .insert(file.clone());
            }
        }
    }
    graph
}

/// A cycle through `start`, if there is one: the modules in order, `start` first.
fn cycle_from(
    graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    start: &str,
) -> Option<Vec<String>> {
    // Breadth first from `start`'s neighbours back to `start`: the shortest cycle.
    let mut came_from: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::new();
    for next in graph[start].keys() {
        if next == start {
            continue;
        }
        came_from.insert(next.clone(), start.to_string());
        queue.push_back(next.clone());
    }
    while let Some(m) = queue.pop_front() {
        for next in graph[&m].keys() {
            if next == start {
                let mut path = vec![m.clone()];
                let mut at = m.clone();
                while let Some(prev) = came_from.get(&at) {
                    if prev == start {
                        break;
                    }
                    path.push(prev.clone());
                    at = prev.clone();
                }
                path.push(start.to_string());
                path.reverse();
                return Some(path);
            }
            if !came_from.contains_key(next) {
                came_from.insert(next.clone(), m.clone());
                queue.push_back(next.clone());
            }
        }
    }
    None
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let graph = graph();
    assert!(graph.len() > 10, "the modules of src/ were found");
    let mut found = Vec::new();
    let mut seen: BTreeSet<Vec<String>> = BTreeSet::new();
    for start in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, start) {
            let mut key = cycle.clone();
            key.sort();
            if seen.insert(key) {
                let steps: Vec<String> = cycle
                    .iter()
                    .zip(cycle.iter().cycle().skip(1))
                    .map(|(a, b)| {
                        let files: Vec<&str> = graph[a][b].iter().map(String::as_str).collect();
                        format!("  {a} -> {b} ({})", files.join(", "))
                    })
                    .collect();
                found.push(format!(
                    "{} -> {}\n{}",
                    cycle.join(" -> "),
                    cycle[0],
                    steps.join("\n")
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "import cycles between top-level modules of src/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_reader_finds_paths_and_skips_prose_and_tests() {
    let code = code_only(
        "use crate::{a::X, b};\n// crate::c\nlet s = \"crate::d\";\nfn f() { super::e::g(); }\n\
         #[cfg(test)]\nmod tests { use crate::f; }\nlet c = '\"'; use crate::h;",
    );
    let used = used_modules(&without_tests(&code), 1);
    let names: Vec<&str> = used.iter().map(String::as_str).collect();
    assert_eq!(names, ["a", "b", "e", "h"]);
    // Two levels down, `super::` is the parent module, not the crate's root.
    assert!(used_modules("super::x::y", 2).is_empty());
    assert_eq!(
        used_modules("super::super::x", 2)
            .into_iter()
            .collect::<Vec<_>>(),
        ["x"]
    );
}

/// The longest a source file may be, its tests left out: a file holds one job.
const MAX_LINES: usize = 700;

#[test]
fn no_source_file_is_longer_than_700_lines_without_its_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).expect("read source");
        // The tests are the module at the end, after `#[cfg(test)]`.
        let lines = text.lines().take_while(|l| *l != "#[cfg(test)]").count();
        if lines > MAX_LINES {
            long.push(format!("  src/{rel}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "source files over {MAX_LINES} lines (tests left out):\n{}",
        long.join("\n")
    );
}
