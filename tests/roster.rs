//! `tebiki roster import` as HR hands the file over: Japanese Excel's Shift_JIS, UTF-8 with or
//! without a BOM, English or Japanese headers, and files with bad rows that must not be
//! half-imported.

mod common;

use common::{tebiki, text};

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

const JAPANESE: &str = "社員番号,氏名,部署,メールアドレス\r\n\
    E001,山田 太郎,営業部,taro@example.co.jp\r\n\
    E002,髙橋 花子,総務部,\r\n\
    E003,佐藤 一郎,,\r\n\
    E004,\"鈴木, 次郎\",店舗運営部,jiro@example.co.jp\r\n\
    ,,,\r\n";

const NORMALISED: &str = "employee_id,name,department,email\n\
    E001,山田 太郎,営業部,taro@example.co.jp\n\
    E002,髙橋 花子,総務部,\n\
    E003,佐藤 一郎,,\n\
    E004,\"鈴木, 次郎\",店舗運営部,jiro@example.co.jp\n";

fn cp932(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(s);
    assert!(!unmappable, "test text fits Shift_JIS");
    bytes.into_owned()
}

fn import(data: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["roster", "import", file.to_str().unwrap(), "--lang", "en"];
    args.extend_from_slice(extra);
    tebiki(data, &args)
}

#[test]
fn a_roster_saved_by_japanese_excel_is_detected_as_shift_jis_and_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("社員名簿.csv");
    std::fs::write(&file, cp932(JAPANESE)).unwrap();
    let o = import(&data, &file, &[]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("Imported 4 employees in 3 departments"),
        "{out}"
    );
    assert!(out.contains("Shift_JIS (CP932)"), "{out}");
    assert!(out.contains("Skipped 1 empty row(s)"), "{out}");
    let stored = std::fs::read_to_string(data.join("roster.csv")).unwrap();
    assert_eq!(stored, NORMALISED);

    // Forcing the encoding reads it the same way.
    let o = import(&data, &file, &["--encoding", "cp932"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(
        text(&o)
            .0
            .contains("replacing the previous roster of 4 employees")
    );
}

/// An import leaves the roster's ids in the cache, exactly as the first lookup would make
/// them from the stored roster, so that lookup does not read the whole roster.
#[test]
fn an_import_caches_the_ids_the_first_lookup_would_make() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("社員名簿.csv");
    std::fs::write(&file, cp932(JAPANESE)).unwrap();
    let o = import(&data, &file, &[]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let cache = tebiki::ledger::person_index::cache_dir(&data.join("ledger"))
        .unwrap()
        .join("roster-ids");
    let primed = std::fs::read(&cache).expect("the import cached the roster's ids");
    std::fs::remove_file(&cache).unwrap();
    let dir = tebiki::config::DataDir::new(data.clone());
    let ids = tebiki::roster::ids(&dir).unwrap().unwrap();
    assert_eq!(ids.find("e002").as_deref(), Some("E002"));
    assert_eq!(std::fs::read(&cache).unwrap(), primed);
}

#[test]
fn utf8_with_or_without_a_bom_and_either_header_language_give_the_same_roster() {
    let dir = tempfile::tempdir().unwrap();
    let english = JAPANESE.replacen(
        "社員番号,氏名,部署,メールアドレス",
        "Employee ID,Name,Department,E-mail",
        1,
    );
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(JAPANESE.as_bytes());
    for (name, bytes) in [
        ("plain.csv", english.clone().into_bytes()),
        ("bom.csv", with_bom),
        // Excel's "Unicode text" is tab separated.
        (
            "tabs.csv",
            english
                .replace(',', "\t")
                .replace("\"鈴木\t 次郎\"", "鈴木, 次郎")
                .into_bytes(),
        ),
    ] {
        let data = dir.path().join(name).with_extension("data");
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = import(&data, &file, &[]);
        assert_eq!(o.status.code(), Some(0), "{name}: {:?}", text(&o));
        assert!(text(&o).0.contains("(UTF-8)"), "{name}");
        let stored = std::fs::read_to_string(data.join("roster.csv")).unwrap();
        assert_eq!(stored, NORMALISED, "{name}");
    }
}

#[test]
fn a_file_with_bad_rows_is_not_imported_at_all_and_each_row_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good.csv");
    std::fs::write(&good, JAPANESE).unwrap();
    assert_eq!(import(&data, &good, &[]).status.code(), Some(0));
    let before = std::fs::read(data.join("roster.csv")).unwrap();

    let bad = dir.path().join("bad.csv");
    let rows = "社員番号,氏名,部署\r\n\
        E001,山田 太郎,営業部\r\n\
        E001,山田 次郎,営業部\r\n\
        ,名前だけ,総務部\r\n\
        E004,\"改行\r\nあり\",総務部\r\n\
        E005,鈴木, 一郎,営業部\r\n\
        E006,,営業部\r\n\
        E007,エスケープ\u{1b}[2J,営業部\r\n\
        E008,正しい行,営業部\r\n";
    std::fs::write(&bad, cp932(rows)).unwrap();
    let o = import(&data, &bad, &[]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}{err}");
    assert!(
        err.contains("6 row(s) of the roster cannot be imported"),
        "{err}"
    );
    let place = |line: u32| format!("bad.csv:{line}: ");
    for (line, what) in [
        (3, "employee ID “E001” is already on line 2"),
        (4, "the employee ID is empty"),
        (5, "the name runs on over more than one line"),
        (7, "4 values, but the header has 3 columns"),
        (8, "the name is empty"),
        (
            9,
            "the name contains an invisible or control character (U+001B) at character 6",
        ),
    ] {
        let expected = format!("{}{what}", place(line));
        assert!(err.contains(&expected), "{expected} in {err}");
    }
    assert!(
        !err.contains('\u{1b}'),
        "nothing raw reaches the terminal: {err:?}"
    );
    assert!(err.contains("the current roster has not changed"), "{err}");
    assert_eq!(
        std::fs::read(data.join("roster.csv")).unwrap(),
        before,
        "the roster is as it was"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The same in Japanese.
    let o = tebiki(
        &data,
        &["roster", "import", bad.to_str().unwrap(), "--lang", "ja"],
    );
    let (_, err) = text(&o);
    assert!(
        err.contains("名簿の 6 行に問題があるため、何も取り込みませんでした"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:3: 社員番号「E001」は 2 行目と重複しています"),
        "{err}"
    );
}

#[test]
fn headers_and_encodings_that_cannot_work_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("x.csv");

    std::fs::write(&file, "番号,フリガナ\n1,ヤマダ\n").unwrap();
    let o = import(&data, &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("the header has no column for: employee ID, name (found: 番号, フリガナ)"),
        "{err}"
    );
    assert!(err.contains("x.csv:1"), "{err}");
    assert!(err.contains("The first row must name the columns"), "{err}");

    // Values separated by semicolons (a spreadsheet set so): said, with how to save it.
    std::fs::write(&file, "employee_id;name;department\nE1;山田;営業部\n").unwrap();
    let o = import(&data, &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("separate its values with semicolons"), "{err}");
    // A header of any length is shown within a line or two.
    std::fs::write(&file, format!("{}\nx\n", "列".repeat(100_000))).unwrap();
    let o = import(&data, &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.len() < 2_000, "{} bytes", err.len());
    assert!(err.contains('…'), "{err}");

    std::fs::write(&file, cp932("id,name\nE1,山田\n")).unwrap();
    let o = import(&data, &file, &["--encoding", "utf-8"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("x.csv:2"), "{err}");
    // The encoding was given: the advice is not to give one.
    assert!(err.contains("import it without --encoding"), "{err}");
    assert!(!err.contains("--encoding cp932"), "{err}");

    // An Excel workbook saved as it is (a ZIP archive), named as anything.
    std::fs::write(&file, b"PK\x03\x04\x14\0\x06\0rest of a workbook").unwrap();
    let o = import(&data, &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("an Excel workbook (.xlsx or .xls)"), "{err}");
    assert!(err.contains("CSV UTF-8 (Comma delimited) (*.csv)"), "{err}");
    assert!(!err.contains("Shift_JIS"), "{err}");

    std::fs::write(&file, b"\xFF\xFEi\0d\0").unwrap();
    let o = import(&data, &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("UTF-16"));

    std::fs::write(&file, "id,name,社員番号\nE1,a,E1\n").unwrap();
    let o = import(&data, &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("two columns mean employee ID"),
        "{:?}",
        text(&o)
    );

    let o = import(&data, &dir.path().join("missing.csv"), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("missing.csv"));
    assert!(!data.join("roster.csv").exists());
}

#[test]
fn an_import_says_who_is_added_removed_and_changed_and_a_dry_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = dir.path().join("first.csv");
    let second = dir.path().join("second.csv");
    let mut rows = String::from("employee_id,name,department\n");
    for i in 1..=9 {
        let _ = writeln!(rows, "E{i},社員 {i},営業部");
    }
    std::fs::write(&first, &rows).unwrap();
    let o = import(&data, &first, &[]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("9 added, 0 removed, 0 changed"), "{out}");
    assert!(
        out.contains("E5 社員 5 (営業部)") && !out.contains("E6 社員 6"),
        "the first five: {out}"
    );
    assert!(out.contains("… and 4 more"), "{out}");

    // E1 leaves, E2 moves to another department, E10 joins.
    let mut rows = String::from("employee_id,name,department\nE2,社員 2,総務部\n");
    for i in 3..=10 {
        let _ = writeln!(rows, "E{i},社員 {i},営業部");
    }
    std::fs::write(&second, &rows).unwrap();
    let before = std::fs::read(data.join("roster.csv")).unwrap();
    let o = import(&data, &second, &["--dry-run"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("1 added, 1 removed, 1 changed"), "{out}");
    assert!(out.contains("E10 社員 10 (営業部)"), "{out}");
    assert!(out.contains("E1 社員 1 (営業部)"), "{out}");
    assert!(out.contains("department: 営業部 → 総務部"), "{out}");
    assert!(out.contains("nothing was imported"), "{out}");
    assert_eq!(
        std::fs::read(data.join("roster.csv")).unwrap(),
        before,
        "a dry run leaves the roster as it was"
    );

    let o = import(&data, &second, &[]);
    let (out, _) = text(&o);
    assert!(out.contains("1 added, 1 removed, 1 changed"), "{out}");
    assert_ne!(std::fs::read(data.join("roster.csv")).unwrap(), before);
}

/// Two imports at once do not both claim to have replaced the same roster: an import waits
/// (and says so) while another holds the data folder, counts its changes against the roster
/// that one saved, and only then saves its own.
#[test]
fn an_import_waits_for_another_and_compares_with_what_that_one_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = dir.path().join("first.csv");
    let second = dir.path().join("second.csv");
    std::fs::write(&first, "employee_id,name,department\nE1,山田 太郎,営業部\n").unwrap();
    std::fs::write(
        &second,
        "employee_id,name,department\nE1,山田 太郎,営業部\nE2,佐藤 花子,総務部\n",
    )
    .unwrap();
    assert_eq!(import(&data, &first, &[]).status.code(), Some(0));

    // Another import holds the data folder.
    let held = std::fs::File::open(&data).unwrap();
    held.lock().unwrap();
    let waiting = {
        let (data, second) = (data.clone(), second.clone());
        std::thread::spawn(move || import(&data, &second, &[]))
    };
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!waiting.is_finished(), "the import waits for the other");
    let stored = std::fs::read_to_string(data.join("roster.csv")).unwrap();
    assert!(
        !stored.contains("E2"),
        "nothing saved while waiting: {stored}"
    );
    // What the other import saves is what this one is compared with.
    std::fs::write(
        data.join("roster.csv"),
        "employee_id,name,department\nE3,鈴木 一郎,営業部\n",
    )
    .unwrap();
    held.unlock().unwrap();
    let o = waiting.join().unwrap();
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        err.contains("Waiting for another roster import in this data folder to finish"),
        "{err}"
    );
    assert!(
        out.contains("Compared with the current roster: 2 added, 1 removed, 0 changed."),
        "{out}"
    );
    let stored = std::fs::read_to_string(data.join("roster.csv")).unwrap();
    assert!(stored.contains("E2") && !stored.contains("E3"), "{stored}");
}

/// A stored roster that cannot be read is replaced by an import, which says so rather than
/// count its changes as if there had been none without a word.
#[test]
fn an_import_over_an_unreadable_roster_says_it_could_not_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("roster.csv");
    std::fs::write(&file, "employee_id,name,department\nE1,山田 太郎,営業部\n").unwrap();
    assert_eq!(import(&data, &file, &[]).status.code(), Some(0));
    std::fs::write(data.join("roster.csv"), "x\n").unwrap();
    let o = import(&data, &file, &[]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        err.contains("the roster stored now could not be read (")
            && err.contains("roster.csv:1: the header has no column for"),
        "{err}"
    );
    assert!(out.contains("1 added, 0 removed"), "{out}");
    std::fs::write(data.join("roster.csv"), "x\n").unwrap();
    let o = tebiki(
        &data,
        &["roster", "import", file.to_str().unwrap(), "--lang", "ja"],
    );
    assert_eq!(o.status.code(), Some(0));
    let (_, err) = text(&o);
    assert!(
        err.contains("いま保存されている名簿を読み込めませんでした"),
        "{err}"
    );
}

/// `status` says when an id is on neither the roster nor the ledger (a mistyped id would read
/// as someone who never decided), and when the stored roster cannot be read, which leaves the
/// answer without the roster's name and department (`report` and `record` refuse it): exit 1.
#[test]
fn status_says_when_the_id_is_unknown_or_the_roster_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("roster.csv");
    std::fs::write(&file, "employee_id,name,department\nE1,山田 太郎,営業部\n").unwrap();
    assert_eq!(import(&data, &file, &[]).status.code(), Some(0));
    let status =
        |id: &str, lang: &str| tebiki(&data, &["status", id, "--lang", lang, "--format", "json"]);
    let o = status("E1", "en");
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let state: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(state["name"], "山田 太郎");

    let o = status("E9", "en");
    assert_eq!(o.status.code(), Some(1));
    let (_, err) = text(&o);
    assert!(
        err.contains("E9 is not on the roster and has no records: check the ID"),
        "{err}"
    );
    // In text, no state that reads as a real person's: only the warning.
    let o = tebiki(&data, &["status", "E9", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let (out, err) = text(&o);
    assert_eq!(out, "", "{out}");
    assert!(err.contains("E9 is not on the roster"), "{err}");
    let (_, err) = text(&status("E9", "ja"));
    assert!(err.contains("E9 は名簿になく、記録もありません"), "{err}");

    std::fs::write(
        data.join("roster.csv"),
        "employee_id,name,department\nE1,山田 太郎,営業部\nE1,重複,総務部\n",
    )
    .unwrap();
    let o = status("E1", "en");
    assert_eq!(o.status.code(), Some(1));
    let (_, err) = text(&o);
    assert!(
        err.contains("the stored roster could not be read ("),
        "{err}"
    );
    assert!(err.contains("roster.csv:3"), "names the line: {err}");
    let state: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        state["name"],
        serde_json::Value::Null,
        "not the roster's name"
    );
}

/// One of something is said in the singular.
#[test]
fn one_employee_is_one_employee() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("one.csv");
    std::fs::write(&file, "社員番号,氏名,部署\nE1,山田 太郎,営業部\n").unwrap();
    let o = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "roster",
            "import",
            "--dry-run",
            file.to_str().unwrap(),
        ],
    );
    let (out, err) = text(&o);
    assert!(out.contains("Read 1 employee from"), "{out}{err}");
    let o = tebiki(
        data.path(),
        &["--lang", "en", "roster", "import", file.to_str().unwrap()],
    );
    let (out, err) = text(&o);
    assert!(
        out.contains("Imported 1 employee in 1 department from"),
        "{out}{err}"
    );
}

/// A quote never closed swallows the rows after it into one value: the message says so,
/// rather than naming a control character.
#[test]
fn an_unclosed_quote_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("r.csv");
    std::fs::write(
        &file,
        "社員番号,氏名,部署\nA1,山田,営業部\nA3,\"unterminated,d\nA4,佐藤,総務部\n",
    )
    .unwrap();
    for (lang, said) in [
        (
            "en",
            "r.csv:3: a double quote (\") opened in this row is never closed",
        ),
        (
            "ja",
            "r.csv:3: この行で開いたダブルクォート（\"）が閉じられていない",
        ),
    ] {
        let o = tebiki(
            &data,
            &["--lang", lang, "roster", "import", file.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).1.contains(said), "{}", text(&o).1);
    }
}

/// A line break inside a value not in double quotes splits a row in two, whose second half
/// would read as another person: two short rows in a row that together have one value more
/// than the header are refused without `--yes` (`--dry-run` warns), naming both lines and the
/// id the second half would get. A row short of only optional values (some spreadsheets leave
/// out the commas of empty cells at the end) is taken, and a quote left open at the end of the
/// file is named as such, not as an empty name.
#[test]
fn a_row_split_by_a_line_break_needs_yes_and_a_quote_left_open_at_the_end_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let split = dir.path().join("split.csv");
    std::fs::write(
        &split,
        "社員番号,氏名,部署,メール\nE1,山田 太郎,営業部,a@x.jp\nE2,佐藤\n花子,総務部,b@x.jp\nE3,鈴木,営業部\n",
    )
    .unwrap();
    let import = |lang: &str, file: &Path, more: &[&str]| {
        let mut args = vec!["--lang", lang, "roster", "import", file.to_str().unwrap()];
        args.extend(more);
        tebiki(&data, &args)
    };
    for (lang, said) in [
        (
            "en",
            "split.csv: lines 3 and 4 have fewer values than the header",
        ),
        (
            "ja",
            "split.csv：3 行目と 4 行目は、どちらも値が見出しより少なく",
        ),
    ] {
        let o = import(lang, &split, &[]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        let (_, err) = text(&o);
        assert!(err.contains(said) && err.contains("花子"), "{lang}: {err}");
        assert!(!data.join("roster.csv").exists(), "nothing imported");
        let o = import(lang, &split, &["--dry-run"]);
        assert_eq!(o.status.code(), Some(0), "{lang}");
        assert!(text(&o).1.contains(said), "{lang}: {}", text(&o).1);
    }
    // E3's row lacks only its email's comma: taken as it is, once the split is meant.
    let o = import("en", &split, &["--yes"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let roster = std::fs::read_to_string(data.join("roster.csv")).unwrap();
    assert!(roster.contains("E3,鈴木,営業部,"), "{roster}");

    let open = dir.path().join("open.csv");
    std::fs::write(
        &open,
        "社員番号,氏名,部署\nE1,山田 太郎,営業部\n\"E4,田中,総務部\n",
    )
    .unwrap();
    for (lang, said) in [
        (
            "en",
            "open.csv:3: a double quote (\") opened in this row is never closed",
        ),
        ("ja", "open.csv:3: この行で開いたダブルクォート"),
    ] {
        let o = import(lang, &open, &[]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        let (_, err) = text(&o);
        assert!(err.contains(said), "{lang}: {err}");
        assert!(!err.contains("empty"), "{err}");
    }
    // Left open on a last line without a line end, it swallows the commas after it.
    std::fs::write(
        &open,
        "社員番号,氏名,部署,メール\nE1,山田 太郎,営業部,a@x.jp\nE2,\"佐藤 花子,総務部,b@x.jp",
    )
    .unwrap();
    let o = import("en", &open, &[]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(
        err.contains("open.csv:3: a double quote (\") opened in this row is never closed"),
        "{err}"
    );
}

/// A roster whose IDs lost their leading zeros in a spreadsheet (000123 as 123) is not
/// imported without `--yes`, even for a few people: it is said what happened and what to do.
#[test]
fn ids_that_lost_their_leading_zeros_are_told_before_anything_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |zeros: bool| {
        let mut csv = String::from("employee_id,name,department,email\n");
        for n in 121..=123 {
            let id = if zeros {
                format!("000{n}")
            } else {
                n.to_string()
            };
            writeln!(csv, "{id},Person {n},Sales,").unwrap();
        }
        csv.push_str("A001,Kim Lee,Sales,\n");
        csv
    };
    let file = dir.path().join("roster.in.csv");
    std::fs::write(&file, rows(true)).unwrap();
    assert!(import(dir.path(), &file, &[]).status.success());
    let stored = || std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    let before = stored();
    std::fs::write(&file, rows(false)).unwrap();
    let o = import(dir.path(), &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("has 3 IDs of the roster in place without leading zeros (e.g. 000121 as 121)"),
        "{err}"
    );
    assert!(err.contains("Save the ID column as text"), "{err}");
    assert_eq!(stored(), before);
    // New IDs that only look alike (no one of that ID with zeros leaves): no question.
    let mut more = rows(true);
    more.push_str("124,New Person,Sales,\n");
    std::fs::write(&file, more).unwrap();
    let o = import(dir.path(), &file, &[]);
    assert!(o.status.success(), "{}", text(&o).1);
}

/// A row with fewer values than the header is read, its missing department or email empty,
/// and it is said which line and what it is read without.
#[test]
fn a_row_with_fewer_values_than_the_header_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.csv");
    std::fs::write(
        &file,
        "employee_id,name,department,email\nE1,Kim Lee,Sales,kim@example.com\nE2,Ana Ruiz\n\
         E3,Li Wei,Sales,li@example.com\nE4,Bo Kim,Sales\n",
    )
    .unwrap();
    let o = import(dir.path(), &file, &[]);
    let (_, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("short.csv:3 has only 2 values, fewer than the header: it is read with no department or email"),
        "{err}"
    );
    assert!(
        err.contains("short.csv:5 has only 3 values") && err.contains("no email."),
        "{err}"
    );
    assert!(
        !err.contains("short.csv:2 ") && !err.contains("short.csv:4 "),
        "{err}"
    );
    let stored = std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    assert!(stored.contains("E2,Ana Ruiz,,"), "{stored}");
}

/// A file that would take many people off the roster (a filtered sheet, a truncated export),
/// or one without the department column while the roster has departments, is refused without
/// `--yes`, the roster unchanged; `--dry-run` warns; a few leavers need no `--yes`.
#[test]
fn an_import_that_would_lose_much_asks_for_yes() {
    let dir = tempfile::tempdir().unwrap();
    let mut whole = String::from("employee_id,name,department,email\n");
    for n in 1..=40 {
        writeln!(whole, "E{n:03},Person {n},Dept {},", n % 3).unwrap();
    }
    let file = dir.path().join("whole.csv");
    std::fs::write(&file, &whole).unwrap();
    assert!(import(dir.path(), &file, &[]).status.success());
    let stored = || std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    let before = stored();

    // Part of the roster: 30 of 40 people would go.
    let first = |n: usize| -> String { whole.lines().take(n).flat_map(|l| [l, "\n"]).collect() };
    let part = first(11);
    let file = dir.path().join("part.csv");
    std::fs::write(&file, &part).unwrap();
    let o = import(dir.path(), &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("would take 30 of the 40 people off the roster (it lists 10)"),
        "{err}"
    );
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(stored(), before);
    let o = import(dir.path(), &file, &["--dry-run"]);
    assert!(o.status.success());
    assert!(
        text(&o).1.contains("would take 30 of the 40"),
        "{}",
        text(&o).1
    );
    assert_eq!(stored(), before);

    // No department column: every department would be cleared.
    let mut nodept = String::new();
    for l in whole.lines() {
        let c: Vec<&str> = l.split(',').collect();
        writeln!(nodept, "{},{},{}", c[0], c[1], c[3]).unwrap();
    }
    let file = dir.path().join("nodept.csv");
    std::fs::write(&file, &nodept).unwrap();
    let o = import(dir.path(), &file, &[]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "has no department column: importing it would clear the department of 40 people"
        ),
        "{err}"
    );
    assert_eq!(stored(), before);

    // Two leavers: imported without a question.
    let leavers = first(39);
    let file = dir.path().join("leavers.csv");
    std::fs::write(&file, &leavers).unwrap();
    let o = import(dir.path(), &file, &[]);
    assert!(o.status.success(), "{}", text(&o).1);
    assert_eq!(stored().lines().count(), 39);

    // With --yes, the part is imported.
    let file = dir.path().join("part.csv");
    let o = import(dir.path(), &file, &["--yes"]);
    assert!(o.status.success(), "{}", text(&o).1);
    assert_eq!(stored().lines().count(), 11);
}
